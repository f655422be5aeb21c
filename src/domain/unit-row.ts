// The unit row: one unit's figures for one period, as every stage after normalize sees it, with
// its origin (file, sheet, row a person sees) so any message can name the cell. Also the few
// words every stage uses to name a place: "2024.csv:17", "book.xlsx [Báo cáo] D17 (…)".
// Normalize makes unit rows (from a full reading or the fast lane: the two are alike to the
// last field), validation checks them, aggregation adds them up.

import { TALLIES } from "./columns.js";
import { perDictionary } from "./dictionary.js";
import type { Resolved } from "./directory.js";
import { unitKey, type UnitType } from "./text.js";

/**
 * Position of each built-in tally in `UnitRow.values`. Built-in columns come first in every
 * run's dictionary, so these hold in any run; a configured column's position is
 * `dictionary().tallyIndex`.
 */
export const TALLY_INDEX: ReadonlyMap<string, number> = new Map(TALLIES.map((c, i) => [c.name, i]));

/** Where a canonical column's value is: a cell, or one part of an "a/b" pair cell. */
export interface ColumnRef {
  readonly index: number;
  readonly part: 0 | 1 | null;
  readonly header: string;
}

/** Where a row came from, and how to name one of its cells in a message. */
export interface Origin {
  readonly file: string;
  readonly sheet: string | null;
  readonly row: number;
  /** Canonical column -> where it is; shared by every row of a table. */
  readonly columns: ReadonlyMap<string, ColumnRef>;
}

/** A percentage the form states for a ratio ("Tỷ lệ (%)"), as written: checked, never summed. */
export interface StatedRate {
  readonly ratio: string;
  /** 0-based column of the stated cell. */
  readonly index: number;
  /** The cell as written. */
  readonly text: string;
}

export interface UnitRow {
  readonly origin: Origin;
  readonly period: string | null;
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly unitType: UnitType | null;
  /** The unit_type cell as written, when the table has one and it is not blank. */
  readonly typeText: string | null;
  readonly unitCode: string | null;
  readonly certified: boolean | null;
  /**
   * One entry per dictionary tally, in TALLIES order; NaN = not reported (a blank cell). Numbers
   * only, so the engine keeps the array unboxed: rows are summed by the million.
   */
  readonly values: number[];
  /** Identity of the unit across periods and spellings: the run's directory decides it (domain/directory.ts), by code or by name. */
  readonly identity: string;
  /** The run's number for `identity`, found once per spelling (duplicates are found by it). */
  readonly unitNo?: number;
  /** A cell of the row could not be read (reported by normalize): the row is never counted. */
  readonly invalid?: boolean;
  /** Every tally cell of the row is blank (the table has tally columns). */
  readonly blankFigures?: boolean;
  /** Percentages the row states for ratios, to be checked against its parts. */
  readonly stated?: readonly StatedRate[];
  /** unitKey of province, district and commune, computed once per distinct spelling. */
  readonly keys?: NameKeys;
  /** What the run's directory made of the names, when they fit no unit or several (checks/identity.ts). */
  readonly resolved?: Resolved;
  /**
   * A unit combined over several periods (rollup): each ratio's parts (RATIOS order; numerator
   * at 2r, denominator at 2r + 1) over the periods that reported both, NaN when none did.
   * Ratios then use these, not `values`.
   */
  readonly pairs?: readonly number[];
}

/**
 * A copy of a unit row to keep. A row handed on by normalize is valid only during the call: the
 * fast lane reads every row into the same object. `values` defaults to a copy of the row's
 * figures; `[]` keeps the unit's identity alone.
 */
export function keepRow(u: UnitRow, values: number[] = u.values.slice()): UnitRow {
  return { ...u, origin: { ...u.origin }, values };
}

const notReportedRow = perDictionary((d) => d.tallies.map(() => NaN) as readonly number[]);
/** A row's figures before any is read: every tally of the run's dictionary not reported (a copy). */
export const notReported = (): number[] => notReportedRow().slice();

/** unitKey of a unit's names, and the keys of its province, district and commune groups. */
export interface NameKeys {
  readonly province: string;
  readonly district: string;
  readonly commune: string;
  /** Group keys by level, without the period: province; province + district; all three. */
  readonly path: readonly [string, string, string];
}

export function nameKeys(province: string, district: string | null, commune: string | null): NameKeys {
  const p = unitKey(province);
  const d = district ? unitKey(district) : "";
  const c = commune ? unitKey(commune) : "";
  return { province: p, district: d, commune: c, path: [p, `${p}\u0000${d}`, `${p}\u0000${d}\u0000${c}`] };
}

/** A row of the input that states a total ("Tổng cộng", "Cộng huyện X"): checked, never counted. */
export interface TotalRow {
  readonly origin: Origin;
  readonly label: string;
  /** District this total covers ("Cộng huyện …", or "Cộng" inside a district's section), or null for all. */
  readonly district: string | null;
  /** As UnitRow.values: NaN = blank. */
  readonly values: number[];
}

/** Why a row of the input is not a unit row. */
export type SkipReason = "blank" | "title" | "column_numbers" | "section" | "total_row" | "footer" | "invalid" | "file_rejected";

/** "file.csv" or "book.xlsx [Sheet]": how messages name a sheet. */
export function place(sheet: { file: string; sheet: string | null }): string {
  return sheet.sheet ? `${sheet.file} [${sheet.sheet}]` : sheet.file;
}

/** Excel's column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "book.xlsx [Báo cáo] D17 (Vụ phạm tội về TTXH - Làm rõ)" or "2024.csv:17". */
export function locate(origin: Origin, column: string | null): string {
  const ref = column ? origin.columns.get(column) : undefined;
  if (origin.sheet === null || !ref) return `${place(origin)}:${origin.row}`;
  return `${place(origin)} ${columnLetter(ref.index)}${origin.row} (${ref.header})`;
}

/** The cell as a spreadsheet names it ("D17"), for workbooks; null for text files. */
export function cellRef(origin: Origin, column: string | null): string | null {
  const ref = column ? origin.columns.get(column) : undefined;
  return origin.sheet !== null && ref ? `${columnLetter(ref.index)}${origin.row}` : null;
}

/** Where a problem about one cell of a unit row is: file, sheet, row, column, cell, value. */
export function cellAt(u: { readonly origin: Origin }, column: string, value: string | null) {
  return { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column, cell: cellRef(u.origin, column), value };
}
