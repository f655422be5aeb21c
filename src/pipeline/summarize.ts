// `tdbv summarize`: the rows of every input, checked, grouped by level (commune -> district ->
// province) and period, with each group's totals and ratios.

import { LevelGroups } from "../aggregate/groups.js";
import { addReportingRate } from "../aggregate/reporting.js";
import { keepRow, type UnitRow } from "../domain/unit-row.js";
import type { Sheet } from "../read/sheet.js";
import type { Report } from "../report.js";
import { collect, report, type SummarizeOptions } from "./collect.js";

export type { SummarizeOptions };

export function summarize(files: Iterable<readonly Sheet[]>, options: SummarizeOptions): Report {
  const groups = new LevelGroups(options.by);
  // Reporting rates need the units' identities, not their rows: kept only with --units.
  const seen: UnitRow[] = [];
  const c = collect(files, options, (u) => {
    groups.add(u);
    if (options.register) seen.push(keepRow(u, []));
  });
  return report(c, options.by, (columns, ratioNames) => {
    const built = groups.takeGroups(columns, ratioNames);
    return options.register ? addReportingRate(built, seen, c.register, options.by) : built;
  });
}
