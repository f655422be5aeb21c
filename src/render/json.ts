// Report -> the JSON document scripts rely on (documented in docs/json.md): the keys of the
// dictionary's "JSON report" section plus the decisions and exclusions. Ratios keep at least
// six decimals; nothing depends on the clock or the machine.

import type { Report } from "../report.js";

export function renderJson(report: Report): string {
  const doc = {
    period: report.period,
    periods: report.periods,
    by: report.by,
    complete: report.complete,
    groups: report.groups.map((g) => ({
      level: g.level,
      province: g.province,
      district: g.district,
      commune: g.commune,
      period: g.period,
      units: g.units,
      totals: g.totals,
      reported: g.reported,
      ratios: Object.fromEntries(
        Object.entries(g.ratios).map(([name, r]) => [
          name,
          { numerator: r.numerator, denominator: r.denominator, value: r.value === null ? null : round(r.value), units: r.units },
        ]),
      ),
    })),
    rows: report.rows,
    excluded: report.excluded,
    issues: report.issues,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
