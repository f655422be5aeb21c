// `tdbv summarize`: the rows of every input, checked, grouped by level (commune -> district ->
// province) and period, with each group's totals and ratios.

import { LevelGroups } from "../aggregate/groups.js";
import { addReportingRate } from "../aggregate/reporting.js";
import { keepRow, type UnitRow } from "../domain/unit-row.js";
import type { Sheet } from "../read/sheet.js";
import type { Report } from "../report.js";
import type { Reorganisation } from "../aggregate/reorganise.js";
import { collect, report, type SummarizeOptions } from "./collect.js";
import { unitsAsOf } from "./units-as-of.js";

export type { SummarizeOptions };

/** summarize's options: with --units-as-of from 1 July 2025, the reorganisation rows go through (loaded by the caller: it reads the lists). */
export type SummarizeRun = SummarizeOptions & { readonly reorganisation?: Reorganisation | null };

export function summarize(files: Iterable<readonly Sheet[]>, options: SummarizeRun): Report {
  const groups = new LevelGroups(options.by);
  // Reporting rates need the units' identities, not their rows: kept only with --units.
  const seen: UnitRow[] = [];
  // --units-as-of from 1 July 2025: rows of the old units are counted in the new ones.
  const re = options.reorganisation ?? null;
  const periods = new Set<string>();
  const c = collect(files, options, (u) => {
    if (u.period !== null) periods.add(u.period);
    const row = re ? re.row(u) : u;
    groups.add(row);
    if (options.register) seen.push(keepRow(row, []));
  });
  // Before it, no row may be of the new units (which cannot be divided back).
  const asOf = options.unitsAsOf ? unitsAsOf(options.unitsAsOf, [...periods]) : null;
  if (re && re.counts.old > 0) c.notes.push(re.note());
  return report(
    c,
    options.by,
    (columns, ratioNames) => {
      const built = groups.takeGroups(columns, ratioNames);
      const rated = options.register ? addReportingRate(built, seen, c.register, options.by, options.registerBuiltIn ?? false) : built;
      return re ? re.mark(rated) : rated;
    },
    asOf && re ? { unitsAsOf: asOf } : {},
  );
}
