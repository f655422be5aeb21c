// `tdbv summarize`: the rows of every input, checked, grouped by level (commune -> district ->
// province) and period, with each group's totals and ratios.

import { addComparisons, comparisonOf, placeKey } from "../aggregate/comparison.js";
import { LevelGroups } from "../aggregate/groups.js";
import { addReportingRate } from "../aggregate/reporting.js";
import { keepRow, type UnitRow } from "../domain/unit-row.js";
import type { Sheet } from "../read/sheet.js";
import { usageError } from "../errors.js";
import type { Group, Report } from "../report.js";
import type { Reorganisation } from "../aggregate/reorganise.js";
import { collect, report, type SummarizeOptions } from "./collect.js";
import { unitsAsOf } from "./units-as-of.js";
import { mainChunks } from "./threads.js";
import type { CsvReadOptions } from "../read/csv.js";

export type { SummarizeOptions };

export interface SummarizeCompare {
  /** --compare: each group beside the same group of the input's previous period, or of the same period a year before. */
  readonly compare?: "previous" | "last-year" | null;
}

/** summarize's options: with --units-as-of from 1 July 2025, the reorganisation rows go through (loaded by the caller: it reads the lists). */
export type SummarizeRun = SummarizeOptions &
  SummarizeCompare & {
    readonly reorganisation?: Reorganisation | null;
    /** Worker threads for a large UTF-8 CSV (pipeline/threads.ts); absent: one thread. */
    readonly threads?: ThreadsOption | null;
  };

/** How many threads read a large CSV, from what size, and how the inputs were read (for a worker to read them again). */
export interface ThreadsOption {
  readonly count: number;
  readonly minBytes: number;
  readonly read: CsvReadOptions;
}

export function summarize(files: Iterable<readonly Sheet[]>, options: SummarizeRun): Report {
  const groups = new LevelGroups(options.by);
  // Reporting rates need the units' identities, not their rows: kept only with --units.
  const seen: UnitRow[] = [];
  // --units-as-of from 1 July 2025: rows of the old units are counted in the new ones.
  const re = options.reorganisation ?? null;
  const periods = new Set<string>();
  // Read in chunks by several threads only where rows go to the groups alone.
  const t = options.threads;
  const chunks =
    t && !options.register && !re && !options.unitsAsOf
      ? mainChunks(t.count, t.minBytes, t.read, { by: options.by, province: options.province, period: options.period, decimalMark: options.decimalMark, sheet: options.sheet ?? null, mapping: options.mapping ?? null }, groups)
      : undefined;
  const c = collect(files, options, (u) => {
    if (u.period !== null) periods.add(u.period);
    const row = re ? re.row(u) : u;
    groups.add(row);
    if (options.register) seen.push(keepRow(row, []));
  }, chunks ? { chunks } : {});
  // Before it, no row may be of the new units (which cannot be divided back).
  const asOf = options.unitsAsOf ? unitsAsOf(options.unitsAsOf, [...periods]) : null;
  if (re && re.counts.old > 0) c.notes.push(re.note());
  const compare = options.compare ?? null;
  return report(
    c,
    options.by,
    (columns, ratioNames) => {
      const built = groups.takeGroups(columns, ratioNames);
      const rated = options.register ? addReportingRate(built, seen, c.register, options.by, options.registerBuiltIn ?? false) : built;
      const marked = re ? re.mark(rated) : rated;
      return compare ? addComparisons(marked, compare, columns, ratioNames) : marked;
    },
    { ...(asOf && re ? { unitsAsOf: asOf } : {}), ...(compare ? { compare } : {}) },
  );
}

/**
 * summarize --compare-with FILE: each group of `now` beside the group of the same place in
 * `earlier` (the earlier files summarised alone, with the same options). The earlier files'
 * problems join the report's (an error there fails the run as one in the input would: a
 * comparison with a wrong baseline is no comparison); their rows are said in a note, not added
 * to the input's row account. `label` names the earlier data where it has no period of its own.
 */
export function compareWith(now: Report, earlier: Report, label: string): Report {
  if (earlier.periods.length > 1) {
    const periods = earlier.periods.join(", ");
    throw usageError(
      { vi: `--compare-with ${label}: số liệu để so sánh gồm nhiều kỳ (${periods})`, en: `--compare-with ${label}: the earlier data spans several periods (${periods})` },
      {
        vi: "Chỉ định các tệp của một kỳ, hoặc đưa cả hai vào đầu vào và dùng --compare previous hoặc last-year.",
        en: "Name the files of one period, or put both in the input and use --compare previous or last-year.",
      },
    );
  }
  if (now.periods.length > 1) {
    const periods = now.periods.join(", ");
    throw usageError(
      { vi: `--compare-with: số liệu đầu vào gồm nhiều kỳ (${periods})`, en: `--compare-with: the input spans several periods (${periods})` },
      { vi: "Tổng hợp một kỳ để so với tệp kỳ trước, hoặc dùng --compare previous hoặc last-year.", en: "Summarise one period against the earlier file, or use --compare previous or last-year." },
    );
  }
  const period = earlier.period ?? label;
  const byPlace = new Map(earlier.groups.map((g) => [placeKey(g), g]));
  const groups: Group[] = now.groups.map((g) => ({ ...g, comparison: comparisonOf(g, byPlace.get(placeKey(g)), period, now.columns, now.ratioNames) }));
  const which = `${label}${earlier.period ? ` (${earlier.period})` : ""}`;
  const note = {
    vi: `so sánh với ${which}: ${earlier.rows.counted} đơn vị được tính trong ${earlier.rows.read} dòng đã đọc`,
    en: `compared with ${which}: ${earlier.rows.counted} units counted of ${earlier.rows.read} rows read`,
  };
  const issues = [...now.issues, ...earlier.issues];
  return {
    ...now,
    compare: "with",
    groups,
    issues,
    notes: [...now.notes, ...earlier.notes, note],
    complete: now.complete && earlier.complete,
    excluded: [...now.excluded, ...earlier.excluded],
  };
}
