// `tdbv rollup`: the pure composition for reports over time. Rows of many periods are
// collected and checked as for summarize, combined per unit and target period (flows summed,
// stocks latest: aggregate/over-time.ts), grouped as summarize groups, and each group is given
// its completeness (who reported when) and, with --compare, the same group's earlier period.

import { groupKey, rollup, unitGroupKeys } from "./aggregate/rollup.js";
import { viCompare } from "./domain/collate.js";
import { OverTime, type CombinedUnit } from "./aggregate/over-time.js";
import { clean } from "./aggregate/tally.js";
import { RATIOS } from "./domain/ratios.js";
import { lastYearPeriod, previousPeriod, type Every } from "./domain/period.js";
import type { Sheet } from "./read/sheet.js";
import type { Comparison, Completeness, Group, Report } from "./report.js";
import { collect, report, type SummarizeOptions } from "./summarize.js";
import { addReportingRate } from "./validate/register.js";

export interface RollupOptions extends SummarizeOptions {
  readonly every: Every;
  readonly ytd: boolean;
  readonly compare: "previous" | "last-year" | null;
}

export function rollupReport(files: Iterable<readonly Sheet[]>, o: RollupOptions): Report {
  const time = new OverTime(o);
  const c = collect(files, o, (u) => time.add(u));
  const t = time.finish();
  // Rows without a usable period are left out like rows with errors, and accounted for so.
  const skipped = { ...c.skipped };
  if (time.dropped.length) skipped.invalid = (skipped.invalid ?? 0) + time.dropped.length;
  const collected = {
    ...c,
    counted: c.counted - time.dropped.length,
    issues: [...c.issues, ...time.issues],
    skipped,
    excluded: [...c.excluded, ...time.dropped.map((u) => ({ file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row }))],
  };
  return report(
    collected,
    o.by,
    (columns, ratioNames) => {
      const groups = rollup(t.units, o.by, columns, ratioNames);
      const rated = o.register ? addReportingRate(groups, t.units, o.register, o.by) : groups;
      const withCompleteness = addCompleteness(rated, t.units, t.expected, o);
      return o.compare ? addComparisons(withCompleteness, o.compare, columns, ratioNames) : withCompleteness;
    },
    { every: o.every, ytd: o.ytd, compare: o.compare },
  );
}

function addCompleteness(groups: Group[], units: readonly CombinedUnit[], expected: ReadonlyMap<string, readonly string[]>, o: RollupOptions): Group[] {
  const members = new Map<string, CombinedUnit[]>();
  for (const u of units) {
    for (const key of unitGroupKeys(u, o.by)) {
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
      const absent = periods.filter((p) => !u.reportedIn.includes(p));
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

const PERCENT = new Map(RATIOS.map((r) => [r.name, r.percent]));

function addComparisons(groups: Group[], compare: "previous" | "last-year", columns: readonly string[], ratioNames: readonly string[]): Group[] {
  const byKey = new Map(groups.map((g) => [groupKey(g), g]));
  return groups.map((g) => {
    if (g.period === null) return g;
    const period = compare === "previous" ? previousPeriod(g.period) : lastYearPeriod(g.period);
    const earlier = byKey.get(groupKey({ ...g, period }));
    const comparison: Comparison = earlier
      ? {
          period,
          available: true,
          totals: Object.fromEntries(
            columns.map((name) => {
              const now = g.totals[name] ?? null;
              const before = earlier.totals[name] ?? null;
              const change = now !== null && before !== null ? clean(now - before) : null;
              return [name, { previous: before, change, change_pct: change !== null && before ? change / before : null }];
            }),
          ),
          ratios: Object.fromEntries(
            ratioNames.map((name) => {
              const now = g.ratios[name]?.value ?? null;
              const before = earlier.ratios[name]?.value ?? null;
              const scale = PERCENT.get(name) ? 100 : 1;
              return [name, { previous: before, change: now !== null && before !== null ? clean((now - before) * scale) : null }];
            }),
          ),
        }
      : { period, available: false, totals: {}, ratios: {} };
    return { ...g, comparison };
  });
}
