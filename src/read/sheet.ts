// What every reader returns: the cells of one sheet in file order, with what was decided
// while reading it. Row i (of `head`, then `rest`) is the row a person sees as number i + 1.
// Text is NFC. A CSV's rows after the first thousand are read only as they are consumed.
// A cell is text, a number (a spreadsheet's numeric cell, formula cells by their cached
// value), or a spreadsheet error such as #DIV/0!.

import type { Utf8Records } from "./csv-lines.js";
import type { LongRecord } from "./csv-scan.js";

import type { Text } from "../domain/problems.js";

export interface CellError {
  readonly error: string;
}

export type Cell = string | number | CellError;

export type SourceFormat = "csv" | "xlsx" | "xls" | "ods" | "html" | "xml-2003";

export interface Sheet {
  /** The file as the user named it ("-" for standard input). */
  readonly file: string;
  /** Sheet name for workbooks; null for text files. */
  readonly sheet: string | null;
  readonly format: SourceFormat;
  /** The first rows (all of a workbook's): the header is looked for here. */
  readonly head: readonly (readonly Cell[])[];
  /** The rows after `head`, read lazily and only once. */
  readonly rest: Iterable<readonly Cell[]>;
  readonly encoding: string | null;
  readonly delimiter: string | null;
  /** What was decided or repaired while reading, said to the user (e.g. a legacy encoding converted). */
  readonly notes: readonly Text[];
  /**
   * A UTF-8 CSV's records after `head` as byte ranges (the fast lane reads figures from them);
   * the same reader as `rest`, so only one of the two is read.
   */
  readonly lines?: Utf8Records;
  /** A workbook's merged ranges (0-based, inclusive); header bands are read through them. */
  readonly merges?: readonly CellRange[];
  /** A CSV's records whose quoted cells run over many lines, noted as they are read. */
  readonly longRecords?: readonly LongRecord[];
  /** A workbook sheet that Excel does not show (hidden or very hidden). */
  readonly hidden?: "hidden" | "very hidden";
  /**
   * Cells the reader could not give a value (0-based row and column in `head`): a formula whose
   * result was never saved reads as a blank cell, which must not pass as "not reported".
   */
  readonly cellProblems?: readonly CellProblem[];
}

export interface CellProblem {
  readonly code: "formula_without_value";
  readonly row: number;
  readonly column: number;
  /** The formula, as "=SUM(D5:D9)". */
  readonly text: string;
}

export interface CellRange {
  readonly s: { readonly r: number; readonly c: number };
  readonly e: { readonly r: number; readonly c: number };
}

export const isCellError = (c: Cell | undefined): c is CellError => typeof c === "object" && c !== null;

/** A cell as text: numbers as JavaScript writes them, errors as Excel shows them, missing as "". */
export function cellText(c: Cell | undefined): string {
  if (c === undefined) return "";
  if (typeof c === "string") return c;
  if (typeof c === "number") return String(c);
  return c.error;
}

export const isBlankCell = (c: Cell | undefined) => typeof c !== "number" && !isCellError(c) && (c ?? "").trim() === "";

/** Excel's column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
