// Unit rows of many periods -> one row per unit and target period (--every month, quarter or
// year; --ytd: cumulative within the year), as the dictionary's `kind` says: a flow is summed
// over the unit's sub-periods, a stock takes the unit's latest reported value (a year's
// residential_areas_total is December's, or the last month the unit reported). Rows are added
// one at a time; memory grows with units × periods, not with rows. Also records which
// sub-periods each unit reported in, for completeness.

import { TALLIES } from "../domain/columns.js";
import { RATIOS } from "../domain/ratios.js";
import { bucketOf, grainOf, overlap, periodEnd, type Every, type Grain } from "../domain/period.js";
import type { UnitRow } from "../normalize/row.js";
import { cellRef, keepRow, locate, nameKeys, NOT_REPORTED, TALLY_INDEX } from "../normalize/row.js";
import { issue, type Issue } from "../validate/codes.js";
import { clean } from "./tally.js";

export interface TimeOptions {
  readonly every: Every;
  readonly ytd: boolean;
}

export interface CombinedUnit extends UnitRow {
  /** The sub-periods (as the input labels them) this unit reported in, sorted. */
  readonly reportedIn: readonly string[];
}

export interface OverTimeResult {
  readonly units: CombinedUnit[];
  /** Target period -> the sub-periods expected in it: from its start to the latest seen. */
  readonly expected: ReadonlyMap<string, readonly string[]>;
}

const FLOW = TALLIES.map((c) => c.kind === "flow");
const DECIMAL = TALLIES.map((c) => c.type === "decimal");

/** The stocks' positions among the tallies: only they need the sub-period their value is from. */
const STOCKS = TALLIES.flatMap((c, i) => (c.kind === "flow" ? [] : [i]));
const STOCK_SLOT = TALLIES.map((c, i) => STOCKS.indexOf(i));

/**
 * One unit in one target period, as its rows so far make it. There is one per unit and period
 * (a national monthly file has a hundred thousand), so it holds no row's figures and no map
 * unless a unit's names are spelt more than one way.
 */
interface State {
  bucket: string;
  /**
   * The unit's latest row, without its figures, and that row's number. A copy is made only when
   * a row names or places the unit otherwise than the one kept: one per row would be a
   * million short-lived copies, each outliving the young generation.
   */
  latest: UnitRow;
  latestRow: number;
  latestPeriod: string;
  /** As UnitRow.values: NaN = not reported. */
  values: number[];
  /** For each stock (STOCKS order), the sub-period its value is from. */
  stockPeriod: string[];
  certified: boolean | null;
  certifiedPeriod: string;
  /** The sub-periods reported in, each once. */
  reportedIn: string[];
  /** The first spelling of province / district / commune, and the rows that used it. */
  first: [string | null, string | null, string | null];
  firstCount: number;
  /** How often each spelling was used, made when a second spelling is met. */
  spellings: Map<string, number>[] | null;
  /**
   * Each ratio's parts over the sub-periods that reported both (numerator at 2r, denominator at
   * 2r + 1; NaN until one did): a flow part summed, a stock part the latest. A month with the
   * solved count blank adds nothing to solved_rate, as the dictionary's "reported both" says.
   * Null while every row gave both parts of a ratio or neither: then `values` holds the same.
   */
  pairs: number[] | null;
  /** For each ratio, the sub-period its latest paired parts are from (with `pairs`). */
  pairPeriod: string[] | null;
  /** The grain (month, quarter, year) of the unit's rows here; "mixed" once two were met. */
  grain: Grain | "mixed" | null;
}

const RATIO_PARTS = RATIOS.map((r) => ({ n: TALLY_INDEX.get(r.numerator)!, d: TALLY_INDEX.get(r.denominator)! }));
const NUM_FLOW = RATIO_PARTS.map((p) => FLOW[p.n]!);
const DEN_FLOW = RATIO_PARTS.map((p) => FLOW[p.d]!);

/** A state's ratio parts: its own, or (while every row paired them) those its values give. */
function pairsOf(s: State): { pairs: number[]; pairPeriod: string[] } {
  if (s.pairs !== null && s.pairPeriod !== null) return { pairs: s.pairs, pairPeriod: s.pairPeriod };
  const pairs = new Array<number>(2 * RATIOS.length).fill(NaN);
  const pairPeriod = RATIOS.map(() => "");
  RATIO_PARTS.forEach(({ n, d }, r) => {
    const num = s.values[n]!;
    const den = s.values[d]!;
    if (Number.isNaN(num) || Number.isNaN(den)) return;
    pairs[2 * r] = num;
    pairs[2 * r + 1] = den;
    // Both parts came from the same rows: a stock part's period is the pair's.
    const stock = !NUM_FLOW[r] ? n : !DEN_FLOW[r] ? d : -1;
    pairPeriod[r] = stock === -1 ? "" : s.stockPeriod[STOCK_SLOT[stock]!]!;
  });
  return { pairs, pairPeriod };
}

/**
 * Adds one pair of a ratio's parts, reported together in `period`; `newest` when `period` is
 * known to be the latest yet (rows come in period order: no need to compare).
 */
function addPair(pairs: number[], pairPeriod: string[], r: number, period: string, n: number, d: number, newest = false): void {
  const latest = newest || period >= pairPeriod[r]!;
  const num = pairs[2 * r]!;
  const den = pairs[2 * r + 1]!;
  if (NUM_FLOW[r]) pairs[2 * r] = (Number.isNaN(num) ? 0 : num) + n;
  else if (latest) pairs[2 * r] = n;
  if (DEN_FLOW[r]) pairs[2 * r + 1] = (Number.isNaN(den) ? 0 : den) + d;
  else if (latest) pairs[2 * r + 1] = d;
  if (latest) pairPeriod[r] = period;
}

/** Gives the state pairs of its own (from what its values say so far), before a row that does not pair. */
function ownPairs(s: State): void {
  if (s.pairs !== null) return;
  const own = pairsOf(s);
  s.pairs = own.pairs;
  s.pairPeriod = own.pairPeriod;
}

/** A row kept without its figures (a row handed in is only valid during the call). */
const slim = (u: UnitRow): UnitRow => (u.values.length === 0 ? u : keepRow(u, []));

function newState(bucket: string, u: UnitRow): State {
  return {
    bucket,
    latest: slim(u),
    latestRow: u.origin.row,
    latestPeriod: "",
    values: NOT_REPORTED.slice(),
    stockPeriod: STOCKS.map(() => ""),
    certified: null,
    certifiedPeriod: "",
    reportedIn: [],
    first: [u.province, u.district, u.commune],
    firstCount: 0,
    spellings: null,
    pairs: null,
    grain: null,
    pairPeriod: null,
  };
}

/**
 * Adds one row (or a whole earlier state, for year to date) of the same unit. A row whose
 * period is the latest yet (the usual case) replaces every stock without comparing periods.
 */
function addTo(s: State, period: string, values: readonly number[], stockPeriods: readonly string[] | null, u: UnitRow, row: number, certified: boolean | null, certifiedPeriod: string): void {
  const newest = stockPeriods === null && period >= s.latestPeriod;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (FLOW[i]) s.values[i] = (Number.isNaN(s.values[i]!) ? 0 : s.values[i]!) + v;
    else {
      const k = STOCK_SLOT[i]!;
      const p = stockPeriods ? stockPeriods[k]! : period;
      // Every stock's period is at most the latest period: the newest row replaces them all.
      if (newest || p >= s.stockPeriod[k]!) {
        s.values[i] = v;
        s.stockPeriod[k] = p;
      }
    }
  }
  if (certified !== null && certifiedPeriod >= s.certifiedPeriod) {
    s.certified = certified;
    s.certifiedPeriod = certifiedPeriod;
  }
  if (period >= s.latestPeriod) {
    if (!sameUnit(s.latest, u)) s.latest = slim(u);
    s.latestRow = row;
    s.latestPeriod = period;
  }
}

/** Whether two rows of a unit name and place it alike (all but the row number). */
function sameUnit(a: UnitRow, b: UnitRow): boolean {
  return (
    a.province === b.province &&
    a.district === b.district &&
    a.commune === b.commune &&
    a.unitType === b.unitType &&
    a.unitCode === b.unitCode &&
    a.keys === b.keys &&
    a.origin.file === b.origin.file &&
    a.origin.sheet === b.origin.sheet &&
    a.origin.columns === b.origin.columns
  );
}

function report(s: State, period: string): void {
  const seen = s.reportedIn;
  const last = seen[seen.length - 1];
  // Rows come in period order: a period after the last one recorded is new.
  if (last === undefined || period > last || (period !== last && !seen.includes(period))) seen.push(period);
}

function countSpelling(s: State, u: UnitRow): void {
  if (s.spellings === null) {
    if (u.province === s.first[0] && u.district === s.first[1] && u.commune === s.first[2]) {
      s.firstCount++;
      return;
    }
    s.spellings = spellingsOf(s);
  }
  [u.province, u.district, u.commune].forEach((name, i) => {
    if (name !== null) s.spellings![i]!.set(name, (s.spellings![i]!.get(name) ?? 0) + 1);
  });
}

/** How often each spelling of the state's names was used. */
function spellingsOf(s: State): Map<string, number>[] {
  return s.spellings ?? s.first.map((name) => new Map(name === null || s.firstCount === 0 ? [] : [[name, s.firstCount]]));
}

/** Adds the spellings counted in `from` to those of `into`. */
function mergeSpellings(into: State, from: State): void {
  if (into.spellings === null && from.spellings === null && into.first.every((name, i) => name === from.first[i])) {
    into.firstCount += from.firstCount;
    return;
  }
  const counts = (into.spellings ??= spellingsOf(into));
  spellingsOf(from).forEach((m, i) => m.forEach((n, name) => counts[i]!.set(name, (counts[i]!.get(name) ?? 0) + n)));
}

/** The spelling used most often; the latest row's on a tie. */
function spelling(counts: Map<string, number>, latest: string | null): string | null {
  let best: string | null = null;
  let n = 0;
  for (const [name, c] of counts) if (c > n || (c === n && name === latest)) [best, n] = [name, c];
  return best;
}

/** The months or quarters from `start` (a year, quarter or month) to `last`, in `last`'s grain. */
function subPeriods(start: string, last: string): string[] {
  const grain = grainOf(last);
  const year = start.slice(0, 4);
  const out: string[] = [];
  if (grain === "month") {
    const first = start.length === 4 ? 1 : start.includes("Q") ? (Number(start.slice(6)) - 1) * 3 + 1 : Number(start.slice(5, 7));
    for (let m = first; m <= Number(last.slice(5, 7)); m++) out.push(`${year}-${String(m).padStart(2, "0")}`);
  } else if (grain === "quarter") {
    const first = start.includes("Q") ? Number(start.slice(6)) : 1;
    for (let q = first; q <= Number(last.slice(6)); q++) out.push(`${year}-Q${q}`);
  } else out.push(year);
  return out;
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
  readonly issues: Issue[] = [];
  /** Rows left out for a missing or too coarse period. */
  readonly dropped: UnitRow[] = [];

  constructor(private readonly o: TimeOptions) {}

  add(u: UnitRow): void {
    if (u.period === null) {
      this.issues.push(
        issue(
          "missing_period",
          { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column: "period", cell: cellRef(u.origin, "period") },
          `${locate(u.origin, null)} has no period: no period column, no --period, and none in the file name`,
        ),
      );
      this.dropped.push(slim(u));
      return;
    }
    // Rows come period by period: the last period's bucket, grain and end are kept at hand.
    if (u.period !== this.lastPeriod) {
      this.lastGrain = grainOf(u.period);
      this.lastEnd = periodEnd(u.period);
    }
    const bucket = u.period === this.lastPeriod ? this.lastBucket : bucketOf(u.period, this.o.every);
    if (bucket === null) {
      this.issues.push(
        issue(
          "period_too_coarse",
          { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column: "period", value: u.period },
          `${locate(u.origin, null)} reports for ${u.period}, which cannot be split into ${this.o.every}s`,
        ),
      );
      this.dropped.push(slim(u));
      return;
    }
    if (bucket !== this.lastBucket || this.lastStates === null) {
      let states = this.states.get(bucket);
      if (!states) this.states.set(bucket, (states = new Map()));
      this.lastStates = states;
    }
    this.lastPeriod = u.period;
    this.lastBucket = bucket;
    let s = this.lastStates.get(u.identity);
    if (!s) this.lastStates.set(u.identity, (s = newState(bucket, u)));
    // The same period twice is a duplicate (validate/rules.ts); a month and the quarter or year
    // holding it would be counted twice as well.
    // Two periods of one grain never overlap: the check is needed only once grains mix.
    const period = u.period;
    const grain = this.lastGrain;
    if (s.grain === null) s.grain = grain;
    else if (s.grain !== grain) s.grain = "mixed";
    const covered = s.grain === "mixed" ? s.reportedIn.find((q) => q !== period && overlap(q, period)) : undefined;
    if (covered !== undefined) {
      const name = u.commune ?? u.district ?? u.unitCode ?? u.province;
      this.issues.push(
        issue(
          "overlapping_periods",
          { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column: "period", cell: cellRef(u.origin, "period"), value: u.period },
          `${locate(u.origin, "period")} "${name}" reports for ${u.period}, but it has also reported for ${covered}, which overlaps it; this row is left out`,
        ),
      );
      this.dropped.push(slim(u));
      return;
    }
    // Stocks take the value of the period that ends last (text order would put 2024-Q1 after 2024-12).
    const end = this.lastEnd;
    const newest = end >= s.latestPeriod;
    // Ratio parts first (from the values before this row, when this is the first row that
    // does not pair them), then the values.
    for (let r = 0; r < RATIO_PARTS.length; r++) {
      const n = u.values[RATIO_PARTS[r]!.n]!;
      const d = u.values[RATIO_PARTS[r]!.d]!;
      if (!Number.isNaN(n) && !Number.isNaN(d)) {
        if (s.pairs !== null) addPair(s.pairs, s.pairPeriod!, r, end, n, d, newest);
      } else if (s.pairs === null && (!Number.isNaN(n) || !Number.isNaN(d))) {
        ownPairs(s);
        r = -1; // the pairs of this row's earlier ratios, again, into the new pairs
      }
    }
    addTo(s, end, u.values, null, u, u.origin.row, u.certified, end);
    report(s, u.period);
    countSpelling(s, u);
    if (u.period !== this.lastLatest) {
      if ((this.latestInBucket.get(bucket) ?? "") < u.period) this.latestInBucket.set(bucket, u.period);
      this.lastLatest = u.period;
    }
  }

  /**
   * The combined units. Call once: each unit takes its state's arrays, and the states are let
   * go (a national file over several years has hundreds of thousands).
   */
  finish(): OverTimeResult {
    let states = [...this.states.values()].flatMap((m) => [...m.values()]);
    this.states.clear();
    this.lastStates = null;
    if (this.o.ytd) states = this.cumulative(states);
    const expected = new Map<string, string[]>();
    for (const s of states) {
      if (expected.has(s.bucket)) continue;
      const last = this.lastUpTo(s.bucket);
      if (last) expected.set(s.bucket, subPeriods(this.o.ytd ? s.bucket.slice(0, 4) : s.bucket, last));
    }
    return { units: states.map(toUnit), expected };
  }

  /** The latest sub-period seen in a bucket (with --ytd, in the year up to that bucket). */
  private lastUpTo(bucket: string): string | null {
    if (!this.o.ytd) return this.latestInBucket.get(bucket) ?? null;
    let last: string | null = null;
    for (const [b, p] of this.latestInBucket) if (b.slice(0, 4) === bucket.slice(0, 4) && b <= bucket && (last === null || p > last)) last = p;
    return last;
  }

  /** Year to date: each unit's state in a bucket merged with its states in the year's earlier buckets. */
  private cumulative(states: State[]): State[] {
    const byUnit = new Map<string, State[]>();
    for (const s of states) {
      const k = `${s.bucket.slice(0, 4)}\u0000${s.latest.identity}`;
      if (!byUnit.has(k)) byUnit.set(k, []);
      byUnit.get(k)!.push(s);
    }
    const buckets = [...this.latestInBucket.keys()].sort();
    const out: State[] = [];
    for (const own of byUnit.values()) {
      own.sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
      const year = own[0]!.bucket.slice(0, 4);
      for (const target of buckets.filter((b) => b.slice(0, 4) === year && b >= own[0]!.bucket)) {
        const acc = newState(target, own[0]!.latest);
        for (const s of own) {
          if (s.bucket > target) break;
          if (acc.pairs === null && s.pairs !== null) ownPairs(acc);
          addTo(acc, s.latestPeriod, s.values, s.stockPeriod, s.latest, s.latestRow, s.certified, s.certifiedPeriod);
          if (acc.pairs !== null && acc.pairPeriod !== null) {
            const from = pairsOf(s);
            for (let r = 0; r < RATIOS.length; r++) {
              if (!Number.isNaN(from.pairs[2 * r]!)) addPair(acc.pairs, acc.pairPeriod, r, from.pairPeriod[r]!, from.pairs[2 * r]!, from.pairs[2 * r + 1]!);
            }
          }
          for (const p of s.reportedIn) report(acc, p);
          mergeSpellings(acc, s);
        }
        out.push(acc);
      }
    }
    return out;
  }
}

/** Rounds the sums of decimals in place: 0.1 + 0.2 is shown as 0.3. */
function cleanDecimals(values: number[]): number[] {
  for (let i = 0; i < values.length; i++) if (DECIMAL[i]) values[i] = clean(values[i]!);
  return values;
}

/** The unit a state makes; it takes the state's arrays (the state is not used again). */
function toUnit(s: State): CombinedUnit {
  const latest = s.latest;
  const spellings = spellingsOf(s);
  const province = spelling(spellings[0]!, latest.province) ?? latest.province;
  const district = spelling(spellings[1]!, latest.district);
  const commune = spelling(spellings[2]!, latest.commune);
  return {
    ...latest,
    origin: { ...latest.origin, row: s.latestRow },
    period: s.bucket,
    province,
    district,
    commune,
    // The groups it counts in are those of the names shown, not of its latest row's spelling.
    keys: province === latest.province && district === latest.district && commune === latest.commune && latest.keys ? latest.keys : nameKeys(province, district, commune),
    certified: s.certified,
    // Sums of kilograms in binary floating point: 0.1 + 0.2 is shown as 0.3.
    values: cleanDecimals(s.values),
    ...(s.pairs !== null ? { pairs: s.pairs.map((x) => (Number.isNaN(x) ? x : clean(x))) } : {}),
    reportedIn: s.reportedIn.sort(),
  };
}
