// Unit rows of many periods -> one row per unit and target period (--every month, quarter or
// year; --ytd: cumulative within the year), as the dictionary's `kind` says: a flow is summed
// over the unit's sub-periods, a stock takes the unit's latest reported value (a year's
// residential_areas_total is December's, or the last month the unit reported). Also records
// which sub-periods each unit reported in, for completeness.

import { TALLIES } from "../domain/columns.js";
import { bucketOf, grainOf, type Every } from "../domain/period.js";
import type { UnitRow } from "../normalize/row.js";
import { cellRef, locate } from "../normalize/row.js";
import { issue, type Issue } from "../validate/codes.js";

export interface TimeOptions {
  readonly every: Every;
  readonly ytd: boolean;
}

export interface CombinedUnit extends UnitRow {
  /** The sub-periods (as the input labels them) this unit reported in, sorted. */
  readonly reportedIn: readonly string[];
}

export interface OverTime {
  readonly units: CombinedUnit[];
  /** Target period -> the sub-periods expected in it: from its start to the latest seen. */
  readonly expected: ReadonlyMap<string, readonly string[]>;
  readonly issues: Issue[];
  /** Rows left out for a missing or too coarse period. */
  readonly dropped: UnitRow[];
}

const FLOW = TALLIES.map((c) => c.kind === "flow");
const DECIMAL = TALLIES.map((c) => c.type === "decimal");

/** The months or quarters of `bucket` up to and including `last` (same grain as `last`). */
function subPeriods(bucket: string, last: string): string[] {
  const grain = grainOf(last);
  const year = bucket.slice(0, 4);
  const out: string[] = [];
  if (grain === "month") {
    const first = bucket.length === 4 ? 1 : bucket.includes("Q") ? (Number(bucket.slice(6)) - 1) * 3 + 1 : Number(bucket.slice(5, 7));
    for (let m = first; m <= Number(last.slice(5, 7)); m++) out.push(`${year}-${String(m).padStart(2, "0")}`);
  } else if (grain === "quarter") {
    const first = bucket.includes("Q") ? Number(bucket.slice(6)) : 1;
    for (let q = first; q <= Number(last.slice(6)); q++) out.push(`${year}-Q${q}`);
  } else out.push(year);
  return out;
}

/** Buckets of one year in order: "2024-01".."2024-12", "2024-Q1".."2024-Q4", or "2024". */
function bucketsOfYear(year: string, every: Every): string[] {
  if (every === "year") return [year];
  if (every === "quarter") return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  return Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, "0")}`);
}

export function overTime(rows: readonly UnitRow[], o: TimeOptions): OverTime {
  const issues: Issue[] = [];
  const dropped: UnitRow[] = [];
  const groups = new Map<string, { bucket: string; rows: UnitRow[] }>();
  const latestInBucket = new Map<string, string>();
  const maxBucketOfYear = new Map<string, string>();

  const placed: { u: UnitRow; bucket: string }[] = [];
  for (const u of rows) {
    if (u.period === null) {
      issues.push(
        issue(
          "missing_period",
          { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column: "period", cell: cellRef(u.origin, "period") },
          `${locate(u.origin, null)} has no period: no period column, no --period, and none in the file name`,
        ),
      );
      dropped.push(u);
      continue;
    }
    const bucket = bucketOf(u.period, o.every);
    if (bucket === null) {
      issues.push(
        issue(
          "period_too_coarse",
          { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column: "period", value: u.period },
          `${locate(u.origin, null)} reports for ${u.period}, which cannot be split into ${o.every}s`,
        ),
      );
      dropped.push(u);
      continue;
    }
    placed.push({ u, bucket });
    const year = bucket.slice(0, 4);
    if ((maxBucketOfYear.get(year) ?? "") < bucket) maxBucketOfYear.set(year, bucket);
  }

  for (const { u, bucket } of placed) {
    // With --ytd a row counts in its own bucket and every later one of its year seen in the input.
    const year = bucket.slice(0, 4);
    const targets = o.ytd ? bucketsOfYear(year, o.every).filter((b) => b >= bucket && b <= maxBucketOfYear.get(year)!) : [bucket];
    for (const target of targets) {
      const key = `${target}\u0000${u.identity}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { bucket: target, rows: [] }));
      g.rows.push(u);
      if ((latestInBucket.get(target) ?? "") < u.period!) latestInBucket.set(target, u.period!);
    }
  }

  const expected = new Map<string, string[]>();
  for (const [bucket, last] of latestInBucket) {
    const start = o.ytd ? bucket.slice(0, 4) : bucket;
    expected.set(bucket, subPeriods(start, last));
  }

  const units: CombinedUnit[] = [];
  for (const { bucket, rows: unitRows } of groups.values()) units.push(combine(bucket, unitRows));
  return { units, expected, issues, dropped };
}

function combine(bucket: string, rows: UnitRow[]): CombinedUnit {
  const sorted = [...rows].sort((a, b) => (a.period! < b.period! ? -1 : a.period! > b.period! ? 1 : 0));
  const values: (number | null)[] = TALLIES.map(() => null);
  for (const r of sorted) {
    r.values.forEach((v, i) => {
      if (v == null) return;
      values[i] = FLOW[i] ? (values[i] ?? 0) + v : v;
    });
  }
  const latest = sorted[sorted.length - 1]!;
  // Names as the source wrote them: the spelling used most often, the latest on a tie.
  const spelling = (pick: (r: UnitRow) => string | null) => {
    const counts = new Map<string, number>();
    for (const r of sorted) {
      const name = pick(r);
      if (name !== null) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    let best: string | null = null;
    let n = 0;
    for (const r of sorted) {
      const name = pick(r);
      if (name !== null && counts.get(name)! >= n) [best, n] = [name, counts.get(name)!];
    }
    return best;
  };
  let certified: boolean | null = null;
  for (const r of sorted) if (r.certified !== null) certified = r.certified;
  return {
    ...latest,
    period: bucket,
    province: spelling((r) => r.province) ?? latest.province,
    district: spelling((r) => r.district),
    commune: spelling((r) => r.commune),
    certified,
    // Sums of kilograms in binary floating point: 0.1 + 0.2 is shown as 0.3.
    values: values.map((v, i) => (v !== null && DECIMAL[i] ? Math.round(v * 1e9) / 1e9 : v)),
    key: `${bucket}#${latest.identity}`,
    reportedIn: [...new Set(sorted.map((r) => r.period!))],
  };
}
