// A delimited text file -> Sheet, streaming: the encoding and delimiter are decided from the
// first 64 KB, the first rows are read at once (for the header), and the rest is read only as
// the pipeline asks for it, so memory does not grow with the file. Every record is kept, blank
// ones included, so record i is the row a person sees as number i + 1.

import { detectDelimiter } from "../detect/dialect.js";
import { Utf8Records } from "./csv-lines.js";
import { scanRecords, type LongRecord } from "./csv-scan.js";
import { detectEncoding, textChunks } from "./decode.js";
import type { Cell, Sheet } from "./sheet.js";
import type { ByteSource } from "./source.js";

export interface CsvReadOptions {
  readonly delimiter: string | null;
  readonly encoding: string | null;
}

/** Rows read at once, for finding the header and the file's conventions. */
export const HEAD_ROWS = 1000;

export function readCsv(source: ByteSource, options: CsvReadOptions): Sheet {
  const file = source.file;
  const encoding = options.encoding ?? detectEncoding(source.head, file);
  const sampleText = [...textChunks([source.head], encoding, file, true)].join("");
  const delimiter = options.delimiter ?? detectDelimiter(sampleText, file);
  // Excel for Mac's "CSV (Macintosh)" ends lines with a lone CR: read those as line ends.
  const crOnly = sampleText.includes("\r") && !sampleText.includes("\n");
  // UTF-8 (nearly every export) is read from the bytes, line by line; other encodings are
  // decoded to text first.
  const byLine = encoding === "utf-8" && !crOnly && delimiter.length === 1 && delimiter.charCodeAt(0) < 128;
  const longRecords: LongRecord[] = [];
  const from = source.chunksFrom;
  const seekable = from && source.path !== undefined && source.size !== undefined ? { path: source.path, size: source.size, from: (offset: number) => from(offset, true) } : undefined;
  const lines = byLine ? new Utf8Records(source.chunks(true), delimiter, file, longRecords, seekable) : null;
  const records = lines ? cellsOf(lines) : scanRecords(textRecordsOf(source, encoding, file, crOnly), delimiter, file, longRecords);
  const head: Cell[][] = [];
  for (let r = records.next(); !r.done; r = head.length < HEAD_ROWS ? records.next() : { done: true, value: undefined }) head.push(r.value);
  const bom = source.head[0] === 0xef && source.head[1] === 0xbb && source.head[2] === 0xbf;
  const shown = encoding === "utf-8" && bom ? "utf-8 (BOM)" : encoding === "vni" ? "vni (windows-1252 bytes)" : encoding;
  return {
    file,
    sheet: null,
    format: "csv",
    head,
    rest: head.length < HEAD_ROWS ? [] : { [Symbol.iterator]: () => records },
    ...(lines && head.length >= HEAD_ROWS ? { lines } : {}),
    longRecords,
    encoding: shown,
    delimiter,
    notes: [],
  };
}

function* cellsOf(lines: Utf8Records): Generator<string[]> {
  while (lines.next()) yield lines.cells();
}

function textRecordsOf(source: ByteSource, encoding: string, file: string, crOnly: boolean): Iterable<string> {
  const text = textChunks(source.chunks(), encoding, file);
  return crOnly ? mapChunks(text, (t) => t.replace(/\r/g, "\n")) : text;
}

function* mapChunks(chunks: Iterable<string>, f: (t: string) => string): Generator<string> {
  for (const c of chunks) yield f(c);
}
