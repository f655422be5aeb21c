// One unit in one target period of a rollup, as its rows so far make it: flows summed over
// its sub-periods, stocks the latest reported value, each ratio's parts over the sub-periods
// that reported both, the spellings of its names. Used by the combining of rows
// (over-time.ts) and by year to date (ytd.ts), which merges a unit's states.

import { perDictionary } from "../domain/dictionary.js";
import { comparePeriods, type Grain } from "../domain/period.js";
import { keepRow, nameKeys, notReported, type UnitRow } from "../domain/unit-row.js";
import { clean } from "./tally.js";

export interface CombinedUnit extends UnitRow {
  /** The sub-periods (as the input labels them) this unit reported in, sorted. */
  readonly reportedIn: readonly string[];
}

/** What the run's dictionary says of its tallies and ratios, as the combining needs it. */
export interface Shape {
  readonly flow: readonly boolean[];
  readonly decimal: readonly boolean[];
  /** The stocks' positions among the tallies: only they need the sub-period their value is from. */
  readonly stocks: readonly number[];
  readonly stockSlot: readonly number[];
  /** Each ratio's numerator and denominator positions among the tallies. */
  readonly ratioParts: readonly { readonly n: number; readonly d: number }[];
  readonly numFlow: readonly boolean[];
  readonly denFlow: readonly boolean[];
}

export const shapeOf = perDictionary((dict): Shape => {
  const flow = dict.tallies.map((c) => c.kind === "flow");
  const stocks = dict.tallies.flatMap((c, i) => (c.kind === "flow" ? [] : [i]));
  const ratioParts = dict.ratios.map((r) => ({ n: dict.tallyIndex.get(r.numerator)!, d: dict.tallyIndex.get(r.denominator)! }));
  return {
    flow,
    decimal: dict.tallies.map((c) => c.type === "decimal"),
    stocks,
    stockSlot: dict.tallies.map((_, i) => stocks.indexOf(i)),
    ratioParts,
    numFlow: ratioParts.map((p) => flow[p.n]!),
    denFlow: ratioParts.map((p) => flow[p.d]!),
  };
});

/**
 * One unit in one target period, as its rows so far make it. There is one per unit and period
 * (a national monthly file has a hundred thousand), so it holds no row's figures and no map
 * unless a unit's names are spelt more than one way.
 */
export interface State {
  /** The run's dictionary as the combining needs it (one per run, shared by every state). */
  readonly shape: Shape;
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


/** A state's ratio parts: its own, or (while every row paired them) those its values give. */
export function pairsOf(s: State): { pairs: number[]; pairPeriod: string[] } {
  if (s.pairs !== null && s.pairPeriod !== null) return { pairs: s.pairs, pairPeriod: s.pairPeriod };
  const { ratioParts, numFlow, denFlow, stockSlot } = s.shape;
  const pairs = new Array<number>(2 * ratioParts.length).fill(NaN);
  const pairPeriod = ratioParts.map(() => "");
  ratioParts.forEach(({ n, d }, r) => {
    const num = s.values[n]!;
    const den = s.values[d]!;
    if (Number.isNaN(num) || Number.isNaN(den)) return;
    pairs[2 * r] = num;
    pairs[2 * r + 1] = den;
    // Both parts came from the same rows: a stock part's period is the pair's.
    const stock = !numFlow[r] ? n : !denFlow[r] ? d : -1;
    pairPeriod[r] = stock === -1 ? "" : s.stockPeriod[stockSlot[stock]!]!;
  });
  return { pairs, pairPeriod };
}

/**
 * Adds one pair of a ratio's parts, reported together in `period`; `newest` when `period` is
 * known to be the latest yet (rows come in period order: no need to compare).
 */
export function addPair(shape: Shape, pairs: number[], pairPeriod: string[], r: number, period: string, n: number, d: number, newest = false): void {
  const latest = newest || period >= pairPeriod[r]!;
  const num = pairs[2 * r]!;
  const den = pairs[2 * r + 1]!;
  if (shape.numFlow[r]) pairs[2 * r] = (Number.isNaN(num) ? 0 : num) + n;
  else if (latest) pairs[2 * r] = n;
  if (shape.denFlow[r]) pairs[2 * r + 1] = (Number.isNaN(den) ? 0 : den) + d;
  else if (latest) pairs[2 * r + 1] = d;
  if (latest) pairPeriod[r] = period;
}

/** Gives the state pairs of its own (from what its values say so far), before a row that does not pair. */
export function ownPairs(s: State): void {
  if (s.pairs !== null) return;
  const own = pairsOf(s);
  s.pairs = own.pairs;
  s.pairPeriod = own.pairPeriod;
}

/** A row kept without its figures (a row handed in is only valid during the call). */
const slim = (u: UnitRow): UnitRow => (u.values.length === 0 ? u : keepRow(u, []));

export function newState(bucket: string, u: UnitRow): State {
  const shape = shapeOf();
  return {
    shape,
    bucket,
    latest: slim(u),
    latestRow: u.origin.row,
    latestPeriod: "",
    values: notReported(),
    stockPeriod: shape.stocks.map(() => ""),
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
export function addTo(s: State, period: string, values: readonly number[], stockPeriods: readonly string[] | null, u: UnitRow, row: number, certified: boolean | null, certifiedPeriod: string): void {
  const newest = stockPeriods === null && period >= s.latestPeriod;
  const { flow, stockSlot } = s.shape;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (flow[i]) s.values[i] = (Number.isNaN(s.values[i]!) ? 0 : s.values[i]!) + v;
    else {
      const k = stockSlot[i]!;
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

export function markReported(s: State, period: string): void {
  const seen = s.reportedIn;
  const last = seen[seen.length - 1];
  // Rows come in period order: a period after the last one recorded is new.
  if (last === undefined || period > last || (period !== last && !seen.includes(period))) seen.push(period);
}

export function countSpelling(s: State, u: UnitRow): void {
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
export function spellingsOf(s: State): Map<string, number>[] {
  return s.spellings ?? s.first.map((name) => new Map(name === null || s.firstCount === 0 ? [] : [[name, s.firstCount]]));
}

/** Adds the spellings counted in `from` to those of `into`. */
export function mergeSpellings(into: State, from: State): void {
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

/** Rounds the sums of decimals in place: 0.1 + 0.2 is shown as 0.3. */
function cleanDecimals(values: number[], { decimal }: Shape): number[] {
  for (let i = 0; i < values.length; i++) if (decimal[i]) values[i] = clean(values[i]!);
  return values;
}

/** The unit a state makes; it takes the state's arrays (the state is not used again). */
export function toUnit(s: State): CombinedUnit {
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
    // The groups it counts in are its unit's, whichever spelling is shown.
    keys: latest.keys ?? nameKeys(province, district, commune),
    certified: s.certified,
    // Sums of kilograms in binary floating point: 0.1 + 0.2 is shown as 0.3.
    values: cleanDecimals(s.values, s.shape),
    ...(s.pairs !== null ? { pairs: s.pairs.map((x) => (Number.isNaN(x) ? x : clean(x))) } : {}),
    reportedIn: s.reportedIn.sort(comparePeriods),
  };
}
