// Unit rows -> groups at the level asked and every level above it, as SQL's ROLLUP: communes,
// then their district, then the province, per period. Groups come out in a fixed order
// (period, province, district, commune by Vietnamese collation; a parent after its children),
// so identical input gives identical output.

import { RATIOS } from "../domain/ratios.js";
import { viCompare } from "../domain/collate.js";
import { comparePeriods } from "../domain/period.js";
import { LEVELS, type Level } from "../domain/levels.js";
import { nameKeys, TALLY_INDEX, type NameKeys, type UnitRow } from "../domain/unit-row.js";
import type { Group, RatioValue } from "../report.js";
import { addRow, clean, emptyTally, mergeTally, reportedIn, tallyOf, type Tally } from "./tally.js";

interface Bucket {
  readonly level: Level;
  readonly period: string | null;
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly tally: Tally;
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

const LEVEL_RANK: Record<Level, number> = { province: 0, district: 1, commune: 2 };

/** Groups in report order: period, province, district, commune in Vietnamese order; a parent after its children. */
function sortBuckets(buckets: Bucket[]): Bucket[] {
  const names = new Set<string>();
  for (const b of buckets) for (const x of [b.period, b.province, b.district, b.commune]) if (x !== null) names.add(x);
  const vi = viCompare(names);
  // The few distinct names are put in order once (names equal but for tones in code-unit
  // order); the thousands of groups are then sorted by those ranks.
  const rank = new Map([...names].sort((x, y) => vi(x, y) || (x < y ? -1 : x > y ? 1 : 0)).map((name, i) => [name, i]));
  const byText = (x: string | null, y: string | null) => {
    // A parent (null at this level) sorts after its children.
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return rank.get(x)! - rank.get(y)!;
  };
  // Periods in time order ("2024-03" before "2024-9M" before "2024"), not as text.
  const byPeriod = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : comparePeriods(x, y));
  return buckets.sort(
    (a, b) =>
      byPeriod(a.period, b.period) ||
      byText(a.province, b.province) ||
      byText(a.district, b.district) ||
      byText(a.commune, b.commune) ||
      LEVEL_RANK[b.level] - LEVEL_RANK[a.level],
  );
}

/** Groups filled one unit row at a time, so rows need not be kept. */
export class LevelGroups {
  /** Per period, per level (province, district, commune): group key -> bucket. */
  private readonly byPeriod = new Map<string | null, Map<string, Bucket>[]>();
  private readonly buckets: Bucket[] = [];
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

  constructor(by: Level) {
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
            bucket = { level: LEVELS[d]!, period: u.period, province: u.province, district: d >= 1 ? u.district : null, commune: d >= 2 ? u.commune : null, tally: emptyTally(), unitCode: null, key };
            map.set(key, bucket);
            this.buckets.push(bucket);
          }
          lastKeys[d] = key;
          lastBuckets[d] = bucket;
        }
      }
      addRow(bucket.tally, u.values, u.pairs);
      if (d === 2 && bucket.unitCode === null && u.unitCode !== null) bucket.unitCode = u.unitCode;
    }
    lastNames[0] = u.province;
    lastNames[1] = u.district;
    lastNames[2] = u.commune;
  }

  /**
   * The groups, in report order. Call once: each bucket is let go as its group is made, so a
   * report of many groups (a commune-month summary of a national file has a million) does not
   * hold both at once; a second call is a mistake of the caller's, and throws.
   */
  /** The buckets, in the order made (a worker thread's chunk). */
  save(): SavedBucket[] {
    return this.buckets.map((b) => ({ level: b.level, period: b.period, province: b.province, district: b.district, commune: b.commune, unitCode: b.unitCode, key: b.key, units: b.tally.units, bytes: b.tally.sums.buffer as ArrayBuffer }));
  }

  /** Adds a later chunk's buckets (save()), as if its rows had been added here. */
  absorb(saved: readonly SavedBucket[]): void {
    for (const s of saved) {
      let maps = this.byPeriod.get(s.period);
      if (!maps) this.byPeriod.set(s.period, (maps = LEVELS.map(() => new Map<string, Bucket>())));
      const map = maps[LEVELS.indexOf(s.level)]!;
      const other = tallyOf(s.bytes, s.units);
      const b = map.get(s.key);
      if (b) {
        mergeTally(b.tally, other);
        if (b.unitCode === null) b.unitCode = s.unitCode;
        continue;
      }
      const made: Bucket = { level: s.level, period: s.period, province: s.province, district: s.district, commune: s.commune, tally: other, unitCode: s.unitCode, key: s.key };
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

  takeGroups(columns: readonly string[], ratioNames: readonly string[]): Group[] {
    if (this.taken) throw new Error("LevelGroups.takeGroups() called twice");
    this.taken = true;
    const shape = { figures: recordMaker<number | null>(columns), counts: recordMaker<number>(columns) };
    const sorted = sortBuckets([...this.buckets]).reverse();
    this.buckets.length = 0;
    this.byPeriod.clear();
    this.lastMaps = [];
    this.lastPeriod = undefined;
    this.lastKeys.fill(undefined);
    this.lastBuckets.fill(undefined);
    this.lastNames.fill(null);
    const out: Group[] = [];
    for (let b = sorted.pop(); b !== undefined; b = sorted.pop()) out.push(toGroup(b, columns, ratioNames, shape));
    return out;
  }
}

/** The groups of kept unit rows, at `by` and every level above. */
export function groupRows(units: readonly UnitRow[], by: Level, columns: readonly string[], ratioNames: readonly string[]): Group[] {
  const r = new LevelGroups(by);
  for (const u of units) r.add(u);
  return r.takeGroups(columns, ratioNames);
}

const ratioIndex = new Map(RATIOS.map((r, i) => [r.name, i]));


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
}

function toGroup(b: Bucket, columns: readonly string[], ratioNames: readonly string[], shape: Shapes): Group {
  const t = b.tally;
  const totals = shape.figures();
  const reported = shape.counts();
  for (const name of columns) {
    const i = TALLY_INDEX.get(name)!;
    const n = reportedIn(t, i);
    totals[name] = n > 0 ? clean(t.sums[i]!) : null;
    reported[name] = n;
  }
  const ratios: Record<string, RatioValue> = {};
  for (const name of ratioNames) {
    const i = ratioIndex.get(name)!;
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
