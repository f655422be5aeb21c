// `tdbv summarize`: the rows of every input, checked, grouped by level (commune -> district ->
// province) and period, with each group's totals and ratios.

import { addComparisons, comparisonOf, placeKey } from "../aggregate/comparison.js";
import { LevelGroups } from "../aggregate/groups.js";
import { addReportingRate } from "../aggregate/reporting.js";
import { keepRow, type UnitRow } from "../domain/unit-row.js";
import type { Sheet } from "../read/sheet.js";
import { usageError } from "../errors.js";
import type { Group, Report } from "../report.js";
import { collect, report, type SummarizeOptions } from "./collect.js";

export type { SummarizeOptions };

export interface SummarizeCompare {
  /** --compare: each group beside the same group of the input's previous period, or of the same period a year before. */
  readonly compare?: "previous" | "last-year" | null;
}

export function summarize(files: Iterable<readonly Sheet[]>, options: SummarizeOptions & SummarizeCompare): Report {
  const groups = new LevelGroups(options.by);
  // Reporting rates need the units' identities, not their rows: kept only with --units.
  const seen: UnitRow[] = [];
  const c = collect(files, options, (u) => {
    groups.add(u);
    if (options.register) seen.push(keepRow(u, []));
  });
  const compare = options.compare ?? null;
  return report(
    c,
    options.by,
    (columns, ratioNames) => {
      const built = groups.takeGroups(columns, ratioNames);
      const rated = options.register ? addReportingRate(built, seen, c.register, options.by) : built;
      return compare ? addComparisons(rated, compare, columns, ratioNames) : rated;
    },
    compare ? { compare } : {},
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
    throw usageError(`--compare-with ${label}: the earlier data spans several periods (${earlier.periods.join(", ")})`, "Name the files of one period, or put both in the input and use --compare previous or last-year.");
  }
  if (now.periods.length > 1) {
    throw usageError(`--compare-with: the input spans several periods (${now.periods.join(", ")})`, "Summarise one period against the earlier file, or use --compare previous or last-year.");
  }
  const period = earlier.period ?? label;
  const byPlace = new Map(earlier.groups.map((g) => [placeKey(g), g]));
  const groups: Group[] = now.groups.map((g) => ({ ...g, comparison: comparisonOf(g, byPlace.get(placeKey(g)), period, now.columns, now.ratioNames) }));
  const note = `compared with ${label}${earlier.period ? ` (${earlier.period})` : ""}: ${earlier.rows.counted} units counted of ${earlier.rows.read} rows read`;
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
