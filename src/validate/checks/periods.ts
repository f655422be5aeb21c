// Checks of a row's period: a file that mixes periods; and, when rows are combined over time
// (rollup), a row without a period, a period coarser than the one asked (a year cannot be
// split into months), and a unit that reported for a month and for a quarter or year holding
// it, which would be counted twice.

import type { UnitNumbers } from "../../domain/hash.js";
import { bucketOf, grainOf, overlap, type Every, type Grain } from "../../domain/period.js";
import { issue, type Issue } from "../../domain/problems.js";
import { cellRef, locate, place, type UnitRow } from "../../domain/unit-row.js";
import type { Table } from "../../detect/table.js";
import type { Check } from "../check.js";

/** mixed_periods: rows of several periods in one file (a warning: it may be intended). */
export function mixedPeriodsCheck(): Check {
  let periods = new Set<string>();
  let last: string | null = null;
  return {
    name: "mixed-periods",
    codes: ["mixed_periods"],
    onTable() {
      periods = new Set();
      last = null;
    },
    onRow(u: UnitRow) {
      if (u.period !== last && u.period !== null && periods.size < 8) periods.add((last = u.period));
    },
    onTableEnd({ table }: { table: Table }, out: Issue[]) {
      if (periods.size < 2) return;
      const list = [...periods].sort();
      out.push(
        issue(
          "mixed_periods",
          { file: table.file, sheet: table.sheet, column: "period", value: list.join(", ") },
          `${place(table)}: rows of ${list.length > 7 ? "many" : list.length} periods in one file: ${list.slice(0, 6).join(", ")}${list.length > 6 ? ", …" : ""}`,
        ),
      );
    },
  };
}

/** One unit in one target period: the grain of its rows, and the periods it reported for. */
interface Reported {
  grain: Grain | "mixed";
  readonly periods: string[];
}

/**
 * missing_period, period_too_coarse, overlapping_periods: for rows combined into `every`
 * periods. Rows that fail are left out of the rollup.
 */
export function rollupPeriodsCheck(every: Every, units: UnitNumbers): Check {
  // Target period -> by unit number, what the unit's counted rows reported.
  const buckets = new Map<string, (Reported | undefined)[]>();
  let lastPeriod: string | null = null;
  let lastBucket: string | null = null;
  let lastGrain: Grain = "month";
  let lastUnits: (Reported | undefined)[] = [];
  return {
    name: "rollup-periods",
    listed: "after-all",
    codes: ["missing_period", "period_too_coarse", "overlapping_periods"],
    needsFigures: true,
    onRow(u: UnitRow, out: Issue[]) {
      const o = u.origin;
      if (u.period === null) {
        out.push(
          issue(
            "missing_period",
            { file: o.file, sheet: o.sheet, row: o.row, column: "period", cell: cellRef(o, "period") },
            `${locate(o, null)} has no period: no period column, no --period, and none in the file name`,
          ),
        );
        return;
      }
      // Rows come period by period: the last period's bucket and grain are kept at hand.
      if (u.period !== lastPeriod) {
        const bucket = bucketOf(u.period, every);
        if (bucket === null) {
          out.push(
            issue("period_too_coarse", { file: o.file, sheet: o.sheet, row: o.row, column: "period", value: u.period }, `${locate(o, null)} reports for ${u.period}, which cannot be split into ${every}s`),
          );
          return;
        }
        lastPeriod = u.period;
        lastGrain = grainOf(u.period);
        if (bucket !== lastBucket) {
          let list = buckets.get(bucket);
          if (!list) buckets.set(bucket, (list = []));
          lastUnits = list;
          lastBucket = bucket;
        }
      }
      const unit = u.unitNo ?? units.of(u.identity);
      const period = u.period;
      let r = lastUnits[unit];
      if (r === undefined) {
        lastUnits[unit] = { grain: lastGrain, periods: [period] };
        return;
      }
      if (r.grain !== lastGrain) r.grain = "mixed";
      // Two periods of one grain never overlap: the check is needed only once grains mix.
      const covered = r.grain === "mixed" ? r.periods.find((q) => q !== period && overlap(q, period)) : undefined;
      if (covered !== undefined) {
        const name = u.commune ?? u.district ?? u.unitCode ?? u.province;
        out.push(
          issue(
            "overlapping_periods",
            { file: o.file, sheet: o.sheet, row: o.row, column: "period", cell: cellRef(o, "period"), value: u.period },
            `${locate(o, "period")} "${name}" reports for ${u.period}, but it has also reported for ${covered}, which overlaps it; this row is left out`,
          ),
        );
        return;
      }
      const seen = r.periods;
      const latest = seen[seen.length - 1]!;
      if (period > latest || (period !== latest && !seen.includes(period))) seen.push(period);
    },
  };
}
