// Unit rows -> groups at the level asked and every level above it, as SQL's ROLLUP: communes,
// then their district, then the province, per period. Groups come out in a fixed order
// (period, province, district, commune by Vietnamese collation; a parent after its children),
// so identical input gives identical output.

import { dictionary } from "../domain/dictionary.js";
import { viCompare } from "../domain/collate.js";
import { comparePeriods } from "../domain/period.js";
import { LEVELS, type Level } from "../domain/levels.js";
import { nameKeys, notReported, type NameKeys, type UnitRow } from "../domain/unit-row.js";
import type { Group, RatioValue } from "../report.js";
import { addRow, clean, emptyTally, layout, mergeTally, reportedIn, tallyOver, type Tally } from "./tally.js";

interface Bucket {
  readonly level: Level;
  readonly period: string | null;
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  /**
   * The group's tally; null while the group holds one unit row (with no `pairs`), whose figures
   * are then kept in `Singles` at `slot`: a commune-month summary has a million groups of one
   * row each, and a tally (five typed arrays) each took 1.4 s and a gigabyte more.
   */
  tally: Tally | null;
  readonly slot: number;
  /** A commune's code, when a row of it (or the register) gives one. */
  unitCode: string | null;
  /** Its key in its period's map of its level. */
  readonly key: string;
}

/** A bucket as plain data (a worker thread's chunk): its tally's arrays in one buffer. */
export interface SavedBucket {
  readonly level: Level;
  readonly period: string | null;
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly unitCode: string | null;
  readonly key: string;
  readonly units: number;
  readonly bytes: ArrayBuffer;
}

/** Groups of one row per block of `Singles`. */
const SINGLES_BLOCK = 4096;

/** The figures of groups of one unit row: T doubles a group (NaN = blank), in blocks. */
class Singles {
  private readonly blocks: Float64Array[] = [];
  private count = 0;
  /** Figures a row: the tallies of the run's dictionary. */
  readonly T = layout().T;

  add(values: readonly number[]): number {
    const slot = this.count++;
    const T = this.T;
    const k = Math.floor(slot / SINGLES_BLOCK);
    if (k === this.blocks.length) this.blocks.push(new Float64Array(SINGLES_BLOCK * T));
    this.blocks[k]!.set(values.length === T ? values : values.slice(0, T), (slot % SINGLES_BLOCK) * T);
    return slot;
  }

  /** The block and offset of a slot's figures. */
  block(slot: number): Float64Array {
    return this.blocks[Math.floor(slot / SINGLES_BLOCK)]!;
  }
  offset = (slot: number) => (slot % SINGLES_BLOCK) * this.T;

  /**
   * The slot's figures as the row they came from: an array made as a unit row's is
   * (notReported()), so addRow is only ever given arrays of one kind. A `new Array(T)` filled
   * in is a holey array of doubles where unit rows are packed, and that one call made addRow
   * polymorphic for every row after it (summarize of 1M rows: 0.25 s more).
   */
  row(slot: number): number[] {
    const b = this.block(slot);
    const o = this.offset(slot);
    const out = notReported();
    for (let i = 0; i < this.T; i++) out[i] = b[o + i]!;
    return out;
  }

  clear(): void {
    this.blocks.length = 0;
    this.count = 0;
  }
}

/** The tally of a bucket, made from its one row when it held one. */
function tallyOf(b: Bucket, singles: Singles): Tally {
  if (b.tally === null) {
    b.tally = emptyTally();
    addRow(b.tally, singles.row(b.slot));
  }
  return b.tally;
}

const LEVEL_RANK: Record<Level, number> = { province: 0, district: 1, commune: 2 };

/** Groups in report order: period, province, district, commune in Vietnamese order; a parent after its children. */
function sortBuckets(buckets: Bucket[]): Bucket[] {
  const names = new Set<string>();
  const periodSet = new Set<string>();
  for (const b of buckets) {
    if (b.period !== null) periodSet.add(b.period);
    names.add(b.province);
    if (b.district !== null) names.add(b.district);
    if (b.commune !== null) names.add(b.commune);
  }
  const vi = viCompare(names);
  // The few distinct names (and periods) are put in order once (names equal but for tones in
  // code-unit order); the groups are then sorted by those ranks, kept in typed arrays: a
  // million groups compared through maps and closures took seconds.
  const rank = new Map([...names].sort((x, y) => vi(x, y) || (x < y ? -1 : x > y ? 1 : 0)).map((name, i) => [name, i]));
  // Periods in time order ("2024-03" before "2024-9M" before "2024"), not as text.
  const periodRank = new Map<string, number>();
  let prev: string | null = null;
  for (const p of [...periodSet].sort(comparePeriods)) {
    // Periods the order holds equal keep one rank, as when they were compared pair by pair.
    periodRank.set(p, prev !== null && comparePeriods(prev, p) === 0 ? periodRank.get(prev)! : periodRank.size);
    prev = p;
  }
  // A parent (null at this level) sorts after its children: null ranks last.
  const LAST = 0x7fffffff;
  const n = buckets.length;
  const keys = new Int32Array(n * 5);
  for (let i = 0; i < n; i++) {
    const b = buckets[i]!;
    const k = i * 5;
    keys[k] = b.period === null ? LAST : periodRank.get(b.period)!;
    keys[k + 1] = rank.get(b.province)!;
    keys[k + 2] = b.district === null ? LAST : rank.get(b.district)!;
    keys[k + 3] = b.commune === null ? LAST : rank.get(b.commune)!;
    keys[k + 4] = -LEVEL_RANK[b.level];
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => {
    const a = x * 5;
    const b = y * 5;
    for (let f = 0; f < 5; f++) {
      const d = keys[a + f]! - keys[b + f]!;
      if (d !== 0) return d;
    }
    return 0;
  });
  return order.map((i) => buckets[i]!);
}

/** Groups filled one unit row at a time, so rows need not be kept. */
export class LevelGroups {
  /** Per period, per level (province, district, commune): group key -> bucket. */
  private readonly byPeriod = new Map<string | null, Map<string, Bucket>[]>();
  private readonly buckets: Bucket[] = [];
  private readonly singles = new Singles();
  private readonly depth: number;
  // Rows come period by period, and unit after unit of a district: the last period's maps,
  // and the last bucket found at each level with its key, are kept at hand.
  private lastPeriod: string | null | undefined = undefined;
  private lastMaps: Map<string, Bucket>[] = [];
  private readonly lastKeys: (string | undefined)[] = LEVELS.map(() => undefined);
  private readonly lastBuckets: (Bucket | undefined)[] = LEVELS.map(() => undefined);
  /** The last row's province, district and commune. */
  private readonly lastNames: (string | null)[] = ["", null, null];

  private taken = false;

  /** `compactFrom`: from how many groups they are compact (COMPACT_FROM; tests set fewer). */
  constructor(
    by: Level,
    private readonly compactFrom: number = COMPACT_FROM,
  ) {
    this.depth = LEVELS.indexOf(by);
  }

  add(u: UnitRow): void {
    if (u.period !== this.lastPeriod) {
      let maps = this.byPeriod.get(u.period);
      if (!maps) this.byPeriod.set(u.period, (maps = LEVELS.map(() => new Map<string, Bucket>())));
      this.lastPeriod = u.period;
      this.lastMaps = maps;
      this.lastKeys.fill(undefined);
      this.lastBuckets.fill(undefined);
    }
    const { lastKeys, lastBuckets, lastNames } = this;
    // A row naming its place as the last row did (the very strings: a unit's rows share them)
    // falls in the same buckets at the levels those names decide, and its keys are not read.
    let same = u.province === lastNames[0];
    let path: NameKeys["path"] | undefined;
    for (let d = 0; d <= this.depth; d++) {
      if (d === 1) same = same && u.district === lastNames[1];
      else if (d === 2) same = same && u.commune === lastNames[2];
      let bucket = lastBuckets[d];
      if (!same || bucket === undefined) {
        path ??= (u.keys ?? nameKeys(u.province, u.district, u.commune)).path;
        const key = path[d]!;
        if (key !== lastKeys[d] || bucket === undefined) {
          const map = this.lastMaps[d]!;
          bucket = map.get(key);
          if (!bucket) {
            // A group's first row (without pairs) is kept as its figures, not yet as a tally.
            const single = u.pairs === undefined;
            bucket = {
              level: LEVELS[d]!,
              period: u.period,
              province: u.province,
              district: d >= 1 ? u.district : null,
              commune: d >= 2 ? u.commune : null,
              tally: single ? null : emptyTally(),
              slot: single ? this.singles.add(u.values) : -1,
              unitCode: null,
              key,
            };
            map.set(key, bucket);
            this.buckets.push(bucket);
            lastKeys[d] = key;
            lastBuckets[d] = bucket;
            if (d === 2 && u.unitCode !== null) bucket.unitCode = u.unitCode;
            if (single) continue;
          }
          lastKeys[d] = key;
          lastBuckets[d] = bucket;
        }
      }
      addRow(bucket.tally ?? tallyOf(bucket, this.singles), u.values, u.pairs);
      if (d === 2 && bucket.unitCode === null && u.unitCode !== null) bucket.unitCode = u.unitCode;
    }
    lastNames[0] = u.province;
    lastNames[1] = u.district;
    lastNames[2] = u.commune;
  }

  /** The buckets, in the order made (a worker thread's chunk). */
  save(): SavedBucket[] {
    return this.buckets.map((b) => ({ level: b.level, period: b.period, province: b.province, district: b.district, commune: b.commune, unitCode: b.unitCode, key: b.key, units: tallyOf(b, this.singles).units, bytes: tallyOf(b, this.singles).sums.buffer as ArrayBuffer }));
  }

  /** Adds a later chunk's buckets (save()), as if its rows had been added here. */
  absorb(saved: readonly SavedBucket[]): void {
    for (const s of saved) {
      let maps = this.byPeriod.get(s.period);
      if (!maps) this.byPeriod.set(s.period, (maps = LEVELS.map(() => new Map<string, Bucket>())));
      const map = maps[LEVELS.indexOf(s.level)]!;
      const other = tallyOver(s.bytes, s.units);
      const b = map.get(s.key);
      if (b) {
        mergeTally(tallyOf(b, this.singles), other);
        if (b.unitCode === null) b.unitCode = s.unitCode;
        continue;
      }
      const made: Bucket = { level: s.level, period: s.period, province: s.province, district: s.district, commune: s.commune, tally: other, slot: -1, unitCode: s.unitCode, key: s.key };
      map.set(s.key, made);
      this.buckets.push(made);
    }
    this.lastPeriod = undefined;
    this.lastMaps = [];
    this.lastKeys.fill(undefined);
    this.lastBuckets.fill(undefined);
    this.lastNames.fill(null);
    this.lastNames[0] = "";
  }

  /**
   * The groups, in report order. Call once: each bucket is let go as its group is made, so a
   * report of many groups (a commune-month summary of a national file has a million) does not
   * hold both at once; a second call is a mistake of the caller's, and throws.
   */
  takeGroups(columns: readonly string[], ratioNames: readonly string[]): Group[] {
    if (this.taken) throw new Error("LevelGroups.takeGroups() called twice");
    this.taken = true;
    const d = dictionary();
    const shape = { figures: recordMaker<number | null>(columns), counts: recordMaker<number>(columns), tallyIndex: d.tallyIndex, ratioIndex: d.ratioIndex };
    const compact = this.buckets.length >= this.compactFrom;
    const sorted = sortBuckets([...this.buckets]).reverse();
    this.buckets.length = 0;
    this.byPeriod.clear();
    this.lastMaps = [];
    this.lastPeriod = undefined;
    this.lastKeys.fill(undefined);
    this.lastBuckets.fill(undefined);
    this.lastNames.fill(null);
    const out: Group[] = [];
    const singles = this.singles;
    if (compact) {
      const view = new CompactView(columns, ratioNames, shape, singles);
      for (let b = sorted.pop(); b !== undefined; b = sorted.pop()) out.push(new CompactGroup(b, view));
      return out;
    }
    for (let b = sorted.pop(); b !== undefined; b = sorted.pop()) out.push(toGroup(b, tallyOf(b, singles), columns, ratioNames, shape));
    singles.clear();
    return out;
  }
}

/**
 * Past this many groups, a report's groups are views of the figures kept, each record (totals,
 * reported, ratios) made when it is read: a commune-month summary of a national file has a
 * million groups, and their records made at once took 5 GB. Below it, plain objects.
 */
export const COMPACT_FROM = 20_000;

/** What the compact groups of one report share: the columns, the records' shapes, the figures. */
class CompactView {
  readonly tallies: Int32Array;
  readonly ratios: Int32Array;
  /** Each ratio's numerator and denominator positions among the tallies: 2r and 2r + 1. */
  readonly parts: Int32Array = layout().parts;
  constructor(
    readonly columns: readonly string[],
    readonly ratioNames: readonly string[],
    readonly shape: Shapes,
    readonly singles: Singles,
  ) {
    this.tallies = Int32Array.from(columns, (name) => shape.tallyIndex.get(name)!);
    this.ratios = Int32Array.from(ratioNames, (name) => shape.ratioIndex.get(name)!);
  }
}

// The last record made of each kind, and its group: a renderer reads a group's totals figure by
// figure (g.totals[name] in a loop), and is given one record for them all.
let lastTotals: { g: CompactGroup | null; r: Record<string, number | null> | null } = { g: null, r: null };
let lastReported: { g: CompactGroup | null; r: Record<string, number> | null } = { g: null, r: null };
let lastRatios: { g: CompactGroup | null; r: Record<string, RatioValue> | null } = { g: null, r: null };

/**
 * A group of a big report, as `toGroup` makes it (the same keys, in the same order, the same
 * values) but with `totals`, `reported` and `ratios` made when read. They are own enumerable
 * accessors, so a copy of the group (`{ ...g, comparison }`) holds their values.
 */
class CompactGroup implements Group {
  // Declared, not defined as fields: the keys are set in the constructor in toGroup's order.
  declare readonly level: Level;
  declare readonly province: string;
  declare readonly district: string | null;
  declare readonly commune: string | null;
  declare readonly unitCode?: string;
  declare readonly period: string | null;
  declare readonly units: number;
  declare readonly totals: Readonly<Record<string, number | null>>;
  declare readonly reported: Readonly<Record<string, number>>;
  declare readonly ratios: Readonly<Record<string, RatioValue>>;
  declare private readonly tally: Tally | null;
  declare private readonly slot: number;
  declare private readonly view: CompactView;

  constructor(b: Bucket, view: CompactView) {
    const self = this as Mutable<CompactGroup>;
    self.level = b.level;
    self.province = b.province;
    self.district = b.district;
    self.commune = b.commune;
    if (b.unitCode !== null) self.unitCode = b.unitCode;
    self.period = b.period;
    self.units = b.tally === null ? 1 : b.tally.units;
    Object.defineProperties(this, COMPACT_RECORDS);
    // Not enumerable: a copy of the group or its JSON holds only what a plain group holds.
    Object.defineProperties(this, { tally: { value: b.tally }, slot: { value: b.slot }, view: { value: view } });
  }

  totalsRecord(): Record<string, number | null> {
    if (lastTotals.g === this) return lastTotals.r!;
    const { columns, tallies, shape, singles } = this.view;
    const out = shape.figures();
    const t = this.tally;
    if (t === null) {
      const b = singles.block(this.slot);
      const o = singles.offset(this.slot);
      for (let k = 0; k < columns.length; k++) {
        const v = b[o + tallies[k]!]!;
        // As a tally of this one row: 0 + v, cleaned (0 + -0 is 0).
        out[columns[k]!] = Number.isNaN(v) ? null : clean(0 + v);
      }
    } else {
      for (let k = 0; k < columns.length; k++) {
        const i = tallies[k]!;
        out[columns[k]!] = reportedIn(t, i) > 0 ? clean(t.sums[i]!) : null;
      }
    }
    lastTotals = { g: this, r: out };
    return out;
  }

  reportedRecord(): Record<string, number> {
    if (lastReported.g === this) return lastReported.r!;
    const { columns, tallies, shape, singles } = this.view;
    const out = shape.counts();
    const t = this.tally;
    const b = t === null ? singles.block(this.slot) : null;
    const o = singles.offset(this.slot);
    for (let k = 0; k < columns.length; k++) {
      const i = tallies[k]!;
      out[columns[k]!] = b !== null ? (Number.isNaN(b[o + i]!) ? 0 : 1) : reportedIn(t!, i);
    }
    lastReported = { g: this, r: out };
    return out;
  }

  ratiosRecord(): Record<string, RatioValue> {
    if (lastRatios.g === this) return lastRatios.r!;
    const { ratioNames, ratios, singles, parts } = this.view;
    const out: Record<string, RatioValue> = {};
    const t = this.tally;
    const b = t === null ? singles.block(this.slot) : null;
    const o = singles.offset(this.slot);
    for (let k = 0; k < ratioNames.length; k++) {
      const r = ratios[k]!;
      let numerator: number;
      let denominator: number;
      let units: number;
      if (b !== null) {
        const num = b[o + parts[2 * r]!]!;
        const den = b[o + parts[2 * r + 1]!]!;
        const both = !Number.isNaN(num) && !Number.isNaN(den);
        numerator = clean(both ? 0 + num : 0);
        denominator = clean(both ? 0 + den : 0);
        units = both ? 1 : 0;
      } else {
        numerator = clean(t!.ratioNumerators[r]!);
        denominator = clean(t!.ratioDenominators[r]!);
        units = t!.ratioUnits[r]!;
      }
      out[ratioNames[k]!] = { numerator, denominator, value: units > 0 && denominator !== 0 ? numerator / denominator : null, units };
    }
    lastRatios = { g: this, r: out };
    return out;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const COMPACT_RECORDS: PropertyDescriptorMap = {
  totals: { enumerable: true, get: function (this: CompactGroup) { return this.totalsRecord(); } },
  reported: { enumerable: true, get: function (this: CompactGroup) { return this.reportedRecord(); } },
  ratios: { enumerable: true, get: function (this: CompactGroup) { return this.ratiosRecord(); } },
};

/** The groups of kept unit rows, at `by` and every level above. */
export function groupRows(units: readonly UnitRow[], by: Level, columns: readonly string[], ratioNames: readonly string[]): Group[] {
  const r = new LevelGroups(by);
  for (const u of units) r.add(u);
  return r.takeGroups(columns, ratioNames);
}



/**
 * A maker of records with these keys, all of one fixed shape. A record filled key by key in a
 * loop becomes a hash table (about 2 KB for 40 figures), and a report holds thousands of them.
 */
function recordMaker<V>(keys: readonly string[]): () => Record<string, V> {
  const template = JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, 0])))) as Record<string, V>;
  return () => ({ ...template });
}

interface Shapes {
  readonly figures: () => Record<string, number | null>;
  readonly counts: () => Record<string, number>;
  readonly tallyIndex: ReadonlyMap<string, number>;
  readonly ratioIndex: ReadonlyMap<string, number>;
}

function toGroup(b: Bucket, t: Tally, columns: readonly string[], ratioNames: readonly string[], shape: Shapes): Group {
  const totals = shape.figures();
  const reported = shape.counts();
  for (const name of columns) {
    const i = shape.tallyIndex.get(name)!;
    const n = reportedIn(t, i);
    totals[name] = n > 0 ? clean(t.sums[i]!) : null;
    reported[name] = n;
  }
  const ratios: Record<string, RatioValue> = {};
  for (const name of ratioNames) {
    const i = shape.ratioIndex.get(name)!;
    const numerator = clean(t.ratioNumerators[i]!);
    const denominator = clean(t.ratioDenominators[i]!);
    ratios[name] = {
      numerator,
      denominator,
      value: t.ratioUnits[i]! > 0 && denominator !== 0 ? numerator / denominator : null,
      units: t.ratioUnits[i]!,
    };
  }
  return {
    level: b.level,
    province: b.province,
    district: b.district,
    commune: b.commune,
    ...(b.unitCode !== null ? { unitCode: b.unitCode } : {}),
    period: b.period,
    units: t.units,
    totals,
    reported,
    ratios,
  };
}
