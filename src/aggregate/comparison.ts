// --compare: each group beside the same group in the previous period or the same period of
// the year before: each total's previous value and change, each ratio's change in points.

import { groupKey } from "../domain/levels.js";
import { dictionary } from "../domain/dictionary.js";
import type { Comparison, Group } from "../report.js";
import { clean } from "./tally.js";
import { lastYearPeriod, previousPeriod } from "../domain/period.js";

export function addComparisons(groups: Group[], compare: "previous" | "last-year", columns: readonly string[], ratioNames: readonly string[]): Group[] {
  const byKey = new Map(groups.map((g) => [groupKey(g), g]));
  return groups.map((g) => {
    if (g.period === null) return g;
    const period = compare === "previous" ? previousPeriod(g.period) : lastYearPeriod(g.period);
    const earlier = byKey.get(groupKey({ ...g, period }));
    const comparison = comparisonOf(g, earlier, period, columns, ratioNames);
    return { ...g, comparison };
  });
}

/**
 * One group beside an earlier one (undefined: no earlier data): each total's previous value and
 * change, each ratio's change in points. Also used by summarize --compare-with, whose earlier
 * group comes from other files.
 */
export function comparisonOf(g: Group, earlier: Group | undefined, period: string, columns: readonly string[], ratioNames: readonly string[]): Comparison {
  return earlier
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
            const scale = dictionary().ratioByName.get(name)?.percent ? 100 : 1;
            return [name, { previous: before, change: now !== null && before !== null ? clean((now - before) * scale) : null }];
          }),
        ),
      }
    : { period, available: false, totals: {}, ratios: {} };
}

/** The key of a group without its period: summarize --compare-with matches groups across files by it. */
export const placeKey = (g: Group) => groupKey({ ...g, period: null });
