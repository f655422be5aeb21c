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
import type { Text } from "../domain/problems.js";
import type { Sheet } from "../read/sheet.js";
import type { Report } from "../report.js";
import { afterReform, beforeReform, reexpressed, Reorganisation, withoutStocks } from "../aggregate/reorganise.js";
import type { CombinedUnit } from "../aggregate/unit-state.js";
import type { Crosswalk } from "../units/lists.js";
import { unitsAsOf } from "./units-as-of.js";
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
  const periods = t.units.flatMap((u) => u.reportedIn);
  // Across 1 July 2025 the later units are used, unless told otherwise (and the earlier ones cannot be).
  const asOf = unitsAsOf(o.unitsAsOf ?? null, periods);
  const re = asOf ? reorganised(t.units, c.notes, o.crosswalk ?? null) : null;
  const units = re?.units ?? t.units;
  return report(
    c,
    o.by,
    (columns, ratioNames) => {
      const groups = groupRows(units, o.by, columns, ratioNames);
      const rated = o.register ? addReportingRate(groups, units, c.register, o.by, o.registerBuiltIn ?? false) : groups;
      const withCompleteness = addCompleteness(rated, units, t.expected, o.by, re ? existed : undefined);
      const compared = o.compare ? addComparisons(withCompleteness, o.compare, columns, ratioNames) : withCompleteness;
      return re ? re.reorganisation.mark(compared) : compared;
    },
    { every: o.every, ytd: o.ytd, compare: o.compare, ...(asOf ? { unitsAsOf: asOf } : {}) },
  );
}

/** A combined unit re-expressed in the new units, and its stocks blanked where a period runs past its end. */
function reorganised(units: readonly CombinedUnit[], notes: Text[], crosswalk: Crosswalk | null): { units: CombinedUnit[]; reorganisation: Reorganisation } {
  const reorganisation = new Reorganisation(crosswalk);
  // Periods that hold rows of the new units: in them, the old units' stocks are not the period's.
  const withNew = new Set(units.filter((u) => !isOld(u)).map((u) => u.period));
  const out = units.map((u) => {
    const old = isOld(u);
    const moved = reexpressed(u, reorganisation.place(u, old));
    return old && withNew.has(moved.period) ? withoutStocks(moved) : moved;
  });
  notes.push(reorganisation.note());
  return { units: out, reorganisation };
}

/** A unit of before 1 July 2025: every period it reported in ended before. */
const isOld = (u: CombinedUnit) => u.reportedIn.length > 0 && u.reportedIn.every(beforeReform);

/** Whether a unit existed in a sub-period: an old unit until June 2025, a new one from July. */
const existed = (u: CombinedUnit, period: string) => (isOld(u) ? !afterReform(period) : !beforeReform(period) || !u.reportedIn.some((p) => !beforeReform(p)));
