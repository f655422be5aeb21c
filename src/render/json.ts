// Report -> the JSON document scripts rely on (documented in docs/json.md): the keys of the
// dictionary's "JSON report" section plus the decisions and exclusions. Ratios keep at least
// six decimals; nothing depends on the clock or the machine.

import type { Validation } from "../pipeline/validate.js";
import type { Comparison, Report } from "../report.js";

export function renderJson(report: Report): string {
  const doc = {
    period: report.period,
    periods: report.periods,
    by: report.by,
    ...(report.every !== undefined ? { every: report.every, ytd: report.ytd ?? false, compare: report.compare ?? null } : {}),
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
      ...(g.register ? { register: { ...g.register, rate: g.register.rate === null ? null : round(g.register.rate) } } : {}),
      ...(g.completeness ? { completeness: g.completeness } : {}),
      ...(g.comparison ? { comparison: roundComparison(g.comparison) } : {}),
    })),
    rows: report.rows,
    excluded: report.excluded,
    issues: report.issues,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const roundOrNull = (x: number | null) => (x === null ? null : round(x));

function roundComparison(c: Comparison): Comparison {
  return {
    ...c,
    totals: Object.fromEntries(Object.entries(c.totals).map(([k, v]) => [k, { ...v, change_pct: roundOrNull(v.change_pct) }])),
    ratios: Object.fromEntries(Object.entries(c.ratios).map(([k, v]) => [k, { previous: roundOrNull(v.previous), change: roundOrNull(v.change) }])),
  };
}

/** `tdbv validate --format json`: the counts, the row accounting and the problems (up to `max`). */
export function renderValidationJson(v: Validation, max: number): string {
  const doc = {
    valid: !v.failed,
    counts: { errors: v.counts.errors, warnings: v.counts.warnings, by_code: v.counts.byCode },
    rows: v.rows,
    problems: v.problems.slice(0, max),
    problems_omitted: Math.max(0, v.problems.length - max),
    reporting: v.reporting,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
