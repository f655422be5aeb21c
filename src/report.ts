// The Report: what every renderer prints and what `--format json` documents for scripts.
// Built once by summarize(); renderers only read it.

import type { BandMatch } from "./detect/match.js";
import type { Issue, Text } from "./domain/problems.js";
import type { Level } from "./domain/levels.js";
import type { SkipReason } from "./domain/unit-row.js";
import type { SourceFormat } from "./read/sheet.js";

export type { Level };

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
  /** A commune group's code (GSO), when the data or the register gives it. */
  readonly unitCode?: string;
  readonly period: string | null;
  /** Units counted in this group. */
  readonly units: number;
  /** Σ over the units that reported the tally; null when none did. */
  readonly totals: Readonly<Record<string, number | null>>;
  /** How many units reported each tally. */
  readonly reported: Readonly<Record<string, number>>;
  readonly ratios: Readonly<Record<string, RatioValue>>;
  /** Rollups: who reported in which sub-period of the group's period. */
  readonly completeness?: Completeness;
  /** Rollups with --compare: the same group in the earlier period. */
  readonly comparison?: Comparison;
  /** With --units: how many of the register's units of this group reported. */
  readonly register?: { readonly expected: number; readonly reported: number; readonly rate: number | null };
  /**
   * Across the 1 July 2025 reorganisation: the old units whose figures make this new commune's
   * approximate (a commune divided between several new ones, or one the crosswalk does not place).
   */
  readonly approximate?: readonly Approximation[];
  /** Per ratio (or tally) with a target in the configuration: the target and whether it is met. */
  readonly targets?: Readonly<Record<string, TargetResult>>;
  /** --rank: per ratio, the group's rank among its parent's children (null: no value). */
  readonly rank?: Readonly<Record<string, number | null>>;
  /** --share: per tally, the group's total over its parent's (null: either not reported, or the parent's is 0). */
  readonly share?: Readonly<Record<string, number | null>>;
}

export interface TargetResult {
  /** The minimum (or, without one, the maximum) to reach. */
  readonly target: number | null;
  readonly min?: number;
  readonly max?: number;
  /** Whether the value is within the bounds (null: not reported). */
  readonly met: boolean | null;
  /** The emulation grade its bands give (null: not reported, or no band holds it). */
  readonly grade?: string | null;
}

/** An old unit whose figures make a new commune's approximate: divided between new communes, or not placed. */
export interface Approximation {
  /** "Xã Quảng Tiến, Huyện Quảng Trạch, Tỉnh Quảng Bình (19039)". */
  readonly unit: string;
  readonly why: "divided" | "not_placed";
}

export interface MissingUnit {
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  /** Expected sub-periods the unit did not report in. */
  readonly missing: readonly string[];
  /** The last sub-period it reported in; its stocks count with that period's values. */
  readonly lastReported: string;
}

export interface Completeness {
  /** Sub-periods of the group's period, from its start to the latest in the input. */
  readonly expected: readonly string[];
  /** Sub-period -> how many of the group's units reported in it. */
  readonly reporting: Readonly<Record<string, number>>;
  /** Units that missed at least one expected sub-period. */
  readonly missing: readonly MissingUnit[];
}

export interface Change {
  readonly previous: number | null;
  /** current - previous; null when either is not reported. */
  readonly change: number | null;
  /** change / previous; null when previous is 0 or not reported. */
  readonly change_pct: number | null;
}

export interface RatioChange {
  readonly previous: number | null;
  /** For percentages, the change in percentage points (86.1% -> 88.0% is +1.9); for averages, the change. */
  readonly change: number | null;
}

export interface Comparison {
  readonly period: string;
  /** False when the input has no data for the earlier period: then nothing is compared. */
  readonly available: boolean;
  readonly totals: Readonly<Record<string, Change>>;
  readonly ratios: Readonly<Record<string, RatioChange>>;
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
  /** Rollups: the period length, whether year-to-date, and what each period is compared with. */
  readonly every?: "month" | "quarter" | "year";
  readonly ytd?: boolean;
  /** "with": summarize --compare-with, each group beside the same group of earlier files. */
  readonly compare?: "previous" | "last-year" | "with" | null;
  /** Units of before 1 July 2025 re-expressed in those of after it (--units-as-of, or a rollup across the change). */
  readonly unitsAsOf?: string;
  /** The register the reporting rates are against: a file, or "vn" for the official lists. */
  readonly register?: string;
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
  readonly notes: readonly Text[];
  /** False when rows were excluded for errors (--allow-errors). */
  readonly complete: boolean;
  /** Rows left out of the summary because of errors: file and row. */
  readonly excluded: readonly { readonly file: string; readonly sheet: string | null; readonly row: number }[];
  readonly inputs: readonly InputInfo[];
  /** --rank: the ratio that orders each parent's children. */
  readonly rankedBy?: string;
  /** --share: the tallies whose shares are given. */
  readonly shares?: readonly string[];
}
