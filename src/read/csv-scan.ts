// Delimited text -> records, streaming. Our own scanner rather than csv-parse: on this
// project's files it is several times faster (bench/README.md), and the common case is cheap:
// a line without quotes is split by the platform's String.split. Quoted fields follow RFC 4180
// ("" inside quotes is a quote; quoted fields may hold delimiters and line breaks); a quote in
// the middle of an unquoted field is kept as a character, as csv-parse's relax_quotes does.
// A blank line is a record of one empty field, so record i is always the file's row i + 1.
// test/csv-scan.test.ts checks it against csv-parse on generated files.

import { inputError } from "../errors.js";

/** A record whose quoted cell runs over many lines: where a stray quote may have swallowed rows. */
export interface LongRecord {
  /** The row it is (record i is row i + 1). */
  readonly row: number;
  /** The file's lines it runs over. */
  readonly first: number;
  readonly last: number;
}

/** More lines than this in one record are worth a warning; legitimate notes run over a few. */
const LONG_RECORD_LINES = 5;
const MAX_LONG_RECORDS = 100;

/** Adds a record that spans `lines` lines from `first` to `into`, if it is long. */
export function noteLong(into: LongRecord[] | undefined, row: number, first: number, lines: number): void {
  if (into && lines > LONG_RECORD_LINES && into.length < MAX_LONG_RECORDS) into.push({ row, first, last: first + lines - 1 });
}

/** The error for a quote that opens a field and never closes before the end of the file. */
export const unclosedQuote = (file: string, line: number) =>
  inputError(
    { vi: `${file}: ô mở ngoặc kép ở dòng ${line} không bao giờ được đóng`, en: `${file}: a quoted field opened on line ${line} is never closed` },
    { vi: 'Kiểm tra dấu ngoặc kép ở dòng đó: mỗi dấu " mở phải có một dấu " đóng.', en: 'Check the quoting on that line: every opening " needs a closing one.' },
  );

export function* scanRecords(chunks: Iterable<string>, delimiter: string, file: string, long?: LongRecord[]): Generator<string[]> {
  let buf = "";
  let line = 1;
  let row = 0;
  for (const chunk of chunks) {
    buf = buf.length ? buf + chunk : chunk;
    let start = 0;
    // The next quote at or after `start`, found once and reused line after line (searching for
    // it anew on every line would cost the rest of the chunk each time).
    let q = buf.indexOf('"');
    for (;;) {
      const nl = buf.indexOf("\n", start);
      if (nl === -1) break;
      if (q !== -1 && q < start) q = buf.indexOf('"', start);
      if (q === -1 || q > nl) {
        const end = nl > start && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        row++;
        yield buf.slice(start, end).split(delimiter);
        start = nl + 1;
        line++;
        continue;
      }
      const parsed = quotedRecord(buf, start, delimiter, false);
      if (parsed === null) break; // the record goes on in the next chunk
      noteLong(long, ++row, line, parsed.lines);
      yield parsed.fields;
      line += parsed.lines;
      start = parsed.next;
    }
    buf = buf.slice(start);
  }
  if (buf.length) {
    const parsed = quotedRecord(buf, 0, delimiter, true);
    if (parsed === null) throw unclosedQuote(file, line);
    if (!(parsed.fields.length === 1 && parsed.fields[0] === "" && parsed.next >= buf.length)) {
      noteLong(long, ++row, line, parsed.lines);
      yield parsed.fields;
    }
  }
}

/**
 * One record from `start`, quotes and all. Returns null when the text ends inside it (more is
 * to come), or at the very end (`final`) inside an unclosed quote.
 */
export function quotedRecord(s: string, start: number, d: string, final: boolean): { fields: string[]; next: number; lines: number } | null {
  const fields: string[] = [];
  let i = start;
  let lines = 1;
  const dc = d.charCodeAt(0);
  for (;;) {
    let field = "";
    if (s.charCodeAt(i) === 34) {
      // Quoted field.
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q === -1) return null;
        field += s.slice(i, q);
        for (let k = i; k < q; k++) if (s.charCodeAt(k) === 10) lines++;
        if (s.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        if (q + 1 >= s.length && !final) return null;
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept, as written.
      while (i < s.length) {
        const c = s.charCodeAt(i);
        if (c === dc || c === 10 || (c === 13 && s.charCodeAt(i + 1) === 10)) break;
        field += s[i];
        i++;
      }
    } else {
      let j = i;
      while (j < s.length) {
        const c = s.charCodeAt(j);
        if (c === dc || c === 10) break;
        j++;
      }
      field = s.slice(i, j);
      if (s.charCodeAt(j) === 10 && field.endsWith("\r")) field = field.slice(0, -1);
      i = j;
    }
    fields.push(field);
    if (i >= s.length) {
      if (!final) return null;
      return { fields, next: i, lines };
    }
    const c = s.charCodeAt(i);
    if (c === dc) {
      i++;
      if (i >= s.length && !final) return null;
      continue;
    }
    if (c === 13) i++;
    return { fields, next: i + 1, lines };
  }
}
