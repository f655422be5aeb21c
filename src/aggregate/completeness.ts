// Completeness of a rollup: which sub-periods each target period expects (from its start to
// the latest seen), how many units reported in each, and which units missed which.

import { viCompare } from "../domain/collate.js";
import { groupKey, unitGroupKeys, type Level } from "../domain/levels.js";
import { grainOf, periodEnd } from "../domain/period.js";
import type { Completeness, Group } from "../report.js";
import type { CombinedUnit } from "./unit-state.js";

/** The months, quarters or half-years (or the nine months) from `start` (a year, quarter or month) to `last`, in `last`'s grain. */
export function expectedPeriods(start: string, last: string): string[] {
  const grain = grainOf(last);
  const year = start.slice(0, 4);
  const out: string[] = [];
  if (grain === "month") {
    const first = start.length === 4 ? 1 : start.includes("Q") ? (Number(start.slice(6)) - 1) * 3 + 1 : Number(start.slice(5, 7));
    for (let m = first; m <= Number(last.slice(5, 7)); m++) out.push(`${year}-${String(m).padStart(2, "0")}`);
  } else if (grain === "quarter") {
    const first = start.includes("Q") ? Number(start.slice(6)) : 1;
    for (let q = first; q <= Number(last.slice(6)); q++) out.push(`${year}-Q${q}`);
  } else if (grain === "half") {
    const first = start.includes("H") ? Number(start.slice(6)) : 1;
    for (let h = first; h <= Number(last.slice(6)); h++) out.push(`${year}-H${h}`);
  } else if (grain === "nine_months") out.push(last);
  else out.push(year);
  return out;
}

/**
 * Each group's completeness. `existed`: whether a unit existed in a sub-period (across 1 July
 * 2025 an old unit is not "missing" after June, nor a new one before July); by default, always.
 */
export function addCompleteness(
  groups: Group[],
  units: readonly CombinedUnit[],
  expected: ReadonlyMap<string, readonly string[]>,
  by: Level,
  existed: (u: CombinedUnit, period: string) => boolean = () => true,
): Group[] {
  const members = new Map<string, CombinedUnit[]>();
  for (const u of units) {
    for (const key of unitGroupKeys(u, by)) {
      let list = members.get(key);
      if (!list) members.set(key, (list = []));
      list.push(u);
    }
  }
  return groups.map((g) => {
    const own = members.get(groupKey(g)) ?? [];
    const periods = expected.get(g.period ?? "") ?? [];
    const reporting: Record<string, number> = {};
    for (const p of periods) reporting[p] = 0;
    const missing: Completeness["missing"][number][] = [];
    for (const u of own) {
      for (const p of u.reportedIn) if (p in reporting) reporting[p]!++;
      const absent = periods.filter((p) => !u.reportedIn.includes(p) && existed(u, p));
      if (absent.length) {
        missing.push({ province: u.province, district: u.district, commune: u.commune, missing: absent, lastReported: u.reportedIn[u.reportedIn.length - 1]! });
      }
    }
    const vi = viCompare(missing.flatMap((m) => [m.district ?? "", m.commune ?? ""]));
    // Names equal but for tones ("Tân An", "Tấn An") in code-unit order, as the groups are.
    const byName = (x: string, y: string) => vi(x, y) || (x < y ? -1 : x > y ? 1 : 0);
    missing.sort((a, b) => byName(a.district ?? "", b.district ?? "") || byName(a.commune ?? "", b.commune ?? ""));
    return { ...g, completeness: { expected: periods, reporting, missing } };
  });
}

/** What a rollup group's figures cover, said in every format (issue 17, item 3). */
export interface Coverage {
  /** The first and last sub-period the figures come from ("2024-01", "2024-03"). */
  readonly from: string;
  readonly to: string;
  /** --ytd: the figures run from the start of the year, whatever the period's own length. */
  readonly cumulative: boolean;
  /** Fewer months than the period spans: a year with January to March only. */
  readonly partial: boolean;
}

/** A rollup group's coverage, from its expected sub-periods; null outside rollups. */
export function coverageOf(g: Group, ytd: boolean): Coverage | null {
  const e = g.completeness?.expected;
  if (!g.period || !e || e.length === 0) return null;
  const to = e[e.length - 1]!;
  return { from: e[0]!, to, cumulative: ytd, partial: periodEnd(to) < periodEnd(g.period) };
}
