// Unit rows of many periods -> one row per unit and target period (--every month, quarter or
// year; --ytd: cumulative within the year), as the dictionary's `kind` says: a flow is summed
// over the unit's sub-periods, a stock takes the unit's latest reported value (a year's
// residential_areas_total is December's, or the last month the unit reported). Rows are added
// one at a time; memory grows with units × periods, not with rows. Also records which
// sub-periods each unit reported in, for completeness (completeness.ts).

import { bucketOf, comparePeriods, grainOf, periodEnd, type Every, type Grain } from "../domain/period.js";
import type { UnitRow } from "../domain/unit-row.js";
import { expectedPeriods } from "./completeness.js";
import { addPair, addTo, countSpelling, markReported, newState, ownPairs, toUnit, type CombinedUnit, type State } from "./unit-state.js";
import { cumulative } from "./ytd.js";

export type { CombinedUnit };

export interface TimeOptions {
  readonly every: Every;
  readonly ytd: boolean;
}

export interface OverTimeResult {
  readonly units: CombinedUnit[];
  /** Target period -> the sub-periods expected in it: from its start to the latest seen. */
  readonly expected: ReadonlyMap<string, readonly string[]>;
}

export class OverTime {
  /** Target period -> unit identity -> state. */
  private readonly states = new Map<string, Map<string, State>>();
  private lastPeriod: string | null = null;
  private lastBucket: string | null = null;
  private lastStates: Map<string, State> | null = null;
  private lastLatest: string | null = null;
  private lastGrain: Grain = "month";
  private lastEnd = "";
  private readonly latestInBucket = new Map<string, string>();
  private finished = false;

  constructor(private readonly o: TimeOptions) {}

  /**
   * Adds one counted row. Its period is there and fits the target periods, and the unit has
   * not reported for an overlapping one: the rollup's period checks (validate/checks/periods.ts)
   * left out the rows that break these.
   */
  add(u: UnitRow): void {
    const period = u.period!;
    // Rows come period by period: the last period's bucket, grain and end are kept at hand.
    if (period !== this.lastPeriod) {
      this.lastGrain = grainOf(period);
      this.lastEnd = periodEnd(period);
    }
    const bucket = period === this.lastPeriod ? this.lastBucket! : bucketOf(period, this.o.every)!;
    if (bucket !== this.lastBucket || this.lastStates === null) {
      let states = this.states.get(bucket);
      if (!states) this.states.set(bucket, (states = new Map()));
      this.lastStates = states;
    }
    this.lastPeriod = period;
    this.lastBucket = bucket;
    let s = this.lastStates.get(u.identity);
    if (!s) this.lastStates.set(u.identity, (s = newState(bucket, u)));
    const grain = this.lastGrain;
    if (s.grain === null) s.grain = grain;
    else if (s.grain !== grain) s.grain = "mixed";
    // Stocks take the value of the period that ends last (text order would put 2024-Q1 after 2024-12).
    const end = this.lastEnd;
    const newest = end >= s.latestPeriod;
    // Ratio parts first (from the values before this row, when this is the first row that
    // does not pair them), then the values.
    const parts = s.shape.ratioParts;
    for (let r = 0; r < parts.length; r++) {
      const n = u.values[parts[r]!.n]!;
      const d = u.values[parts[r]!.d]!;
      if (!Number.isNaN(n) && !Number.isNaN(d)) {
        if (s.pairs !== null) addPair(s.shape, s.pairs, s.pairPeriod!, r, end, n, d, newest);
      } else if (s.pairs === null && (!Number.isNaN(n) || !Number.isNaN(d))) {
        ownPairs(s);
        r = -1; // the pairs of this row's earlier ratios, again, into the new pairs
      }
    }
    addTo(s, end, u.values, null, u, u.origin.row, u.certified, end);
    markReported(s, period);
    countSpelling(s, u);
    if (period !== this.lastLatest) {
      // In time order, not text order ("2024-H1" is not later than "2024-12").
      const latest = this.latestInBucket.get(bucket);
      if (latest === undefined || comparePeriods(latest, period) < 0) this.latestInBucket.set(bucket, period);
      this.lastLatest = period;
    }
  }

  /**
   * The combined units. Call once: each unit takes its state's arrays, and the states are let
   * go (a national file over several years has hundreds of thousands).
   */
  finish(): OverTimeResult {
    if (this.finished) throw new Error("OverTime.finish() called twice");
    this.finished = true;
    let states = [...this.states.values()].flatMap((m) => [...m.values()]);
    this.states.clear();
    this.lastStates = null;
    if (this.o.ytd) states = cumulative(states, this.latestInBucket);
    const expected = new Map<string, string[]>();
    for (const s of states) {
      if (expected.has(s.bucket)) continue;
      const last = this.lastUpTo(s.bucket);
      if (last) expected.set(s.bucket, expectedPeriods(this.o.ytd ? s.bucket.slice(0, 4) : s.bucket, last));
    }
    return { units: states.map(toUnit), expected };
  }

  /** The latest sub-period seen in a bucket (with --ytd, in the year up to that bucket). */
  private lastUpTo(bucket: string): string | null {
    if (!this.o.ytd) return this.latestInBucket.get(bucket) ?? null;
    let last: string | null = null;
    for (const [b, p] of this.latestInBucket) if (b.slice(0, 4) === bucket.slice(0, 4) && b <= bucket && (last === null || comparePeriods(p, last) > 0)) last = p;
    return last;
  }
}
