// A delimited text file -> Sheet. Decoding and delimiter detection happen here; every record
// is kept, blank ones included, so record i is the row a person sees as number i + 1.

import { parse } from "csv-parse/sync";
import { inputError } from "../errors.js";
import { detectDelimiter } from "../detect/dialect.js";
import { decode } from "./decode.js";
import type { Sheet } from "./sheet.js";

export interface CsvReadOptions {
  readonly delimiter: string | null;
  readonly encoding: string | null;
}

export function readCsv(bytes: Uint8Array, file: string, options: CsvReadOptions): Sheet {
  const { text, encoding } = decode(bytes, file, options.encoding);
  const delimiter = options.delimiter ?? detectDelimiter(text, file);
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw inputError(
      `${file}: cannot be read as CSV${e.lines ? ` near line ${e.lines}` : ""}: ${e.message ?? String(err)}`,
      "Check the quoting around that line (every opening \" needs a closing one).",
    );
  }
  // A file ending in a newline yields no extra record; a lone "\n" record is a blank row.
  return { file, sheet: null, format: "csv", rows, encoding, delimiter, notes: [] };
}
