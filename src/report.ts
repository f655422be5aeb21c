// The Report: what every renderer prints and what `--format json` documents for scripts.
// Built once by summarize(); renderers only read it.

import type { BandMatch } from "./detect/match.js";
import type { Issue } from "./validate/codes.js";
import type { SkipReason } from "./normalize/row.js";
import type { SourceFormat } from "./read/sheet.js";

export type Level = "province" | "district" | "commune";

export interface RatioValue {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator; null when the denominator is 0 or no unit reported both parts. */
  readonly value: number | null;
  /** Units that reported both parts. */
  readonly units: number;
}

export interface Group {
  readonly level: Level;
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly period: string | null;
  /** Units counted in this group. */
  readonly units: number;
  /** Σ over the units that reported the tally; null when none did. */
  readonly totals: Readonly<Record<string, number | null>>;
  /** How many units reported each tally. */
  readonly reported: Readonly<Record<string, number>>;
  readonly ratios: Readonly<Record<string, RatioValue>>;
}

export interface RowAccount {
  readonly read: number;
  readonly counted: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
}

/** What was detected in one input: shown by `tdbv inspect`. */
export interface InputInfo {
  readonly file: string;
  readonly sheet: string | null;
  readonly format: SourceFormat;
  readonly encoding: string | null;
  readonly delimiter: string | null;
  /** 1-based first and last header row. */
  readonly header: { readonly first: number; readonly last: number } | null;
  readonly columns: readonly { readonly index: number; readonly header: string; readonly match: BandMatch }[];
}

export interface Report {
  /** The period when all counted rows share one; null when they span several or none is known. */
  readonly period: string | null;
  readonly periods: readonly string[];
  readonly by: Level;
  /** Tallies present in the input, in dictionary order. */
  readonly columns: readonly string[];
  /** Ratios whose two parts are both present, in dictionary order. */
  readonly ratioNames: readonly string[];
  readonly groups: readonly Group[];
  readonly rows: RowAccount;
  readonly issues: readonly Issue[];
  /** Decisions said to the user on standard error ("reading sheet …", "TCVN3 text converted"). */
  readonly notes: readonly string[];
  /** False when rows were excluded for errors (--allow-errors). */
  readonly complete: boolean;
  /** Rows left out of the summary because of errors: file and row. */
  readonly excluded: readonly { readonly file: string; readonly sheet: string | null; readonly row: number }[];
  readonly inputs: readonly InputInfo[];
}
