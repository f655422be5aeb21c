// `tdbv rollup`: the pure composition for reports over time. Rows of many periods are
// collected and checked as for summarize (with the rollup's period checks), combined per unit
// and target period (flows summed, stocks latest: aggregate/over-time.ts), grouped as
// summarize groups, and each group is given its completeness (aggregate/completeness.ts) and,
// with --compare, the same group's earlier period (aggregate/comparison.ts).

import { addComparisons } from "../aggregate/comparison.js";
import { addCompleteness } from "../aggregate/completeness.js";
import { groupRows } from "../aggregate/groups.js";
import { OverTime } from "../aggregate/over-time.js";
import { addReportingRate } from "../aggregate/reporting.js";
import type { Every } from "../domain/period.js";
import type { Sheet } from "../read/sheet.js";
import type { Report } from "../report.js";
import { collect, report, type SummarizeOptions } from "./collect.js";

export interface RollupOptions extends SummarizeOptions {
  readonly every: Every;
  readonly ytd: boolean;
  readonly compare: "previous" | "last-year" | null;
}

export function rollupReport(files: Iterable<readonly Sheet[]>, o: RollupOptions): Report {
  const time = new OverTime(o);
  // Rows without a usable period are left out by the checks, like rows with errors.
  const c = collect(files, o, (u) => time.add(u), { every: o.every });
  const t = time.finish();
  return report(
    c,
    o.by,
    (columns, ratioNames) => {
      const groups = groupRows(t.units, o.by, columns, ratioNames);
      const rated = o.register ? addReportingRate(groups, t.units, c.register, o.by) : groups;
      const withCompleteness = addCompleteness(rated, t.units, t.expected, o.by);
      return o.compare ? addComparisons(withCompleteness, o.compare, columns, ratioNames) : withCompleteness;
    },
    { every: o.every, ytd: o.ytd, compare: o.compare },
  );
}
