// The fast lane of a large UTF-8 CSV. The common row (no quotes; every figure digits,
// grouped thousands, a plain decimal or blank; at least one figure) is read straight from its
// bytes: its figures are parsed in place, without a string per cell. Its text cells (province,
// district, commune, code, type; the period and certified flag apart) repeat from row to row, so they
// are read once per distinct spelling: the first row with those bytes takes the full reading
// (table.ts), and what that gave is kept under those bytes for every later row that has them.
// Any other row, and any row whose text is not known this way (it gave a problem, or made a
// total row), takes the full reading. So the lane changes the speed, never the result: it
// hands on unit rows alike to the last field, and the checks (validate/) run on every one of
// them. test/fast-lane.test.ts checks it against the full reading on generated files.

import { dictionary } from "../domain/dictionary.js";
import type { DataRow, Table } from "../detect/table.js";
import type { Utf8Records } from "../read/csv-lines.js";
import { notReported, type UnitRow } from "../domain/unit-row.js";

/**
 * A unit's row as the full reading gave it, kept for the rows with the same text cells: the
 * caller's own object (LaneHooks.remember), whose period, flag and figures it fills again for
 * each such row.
 */
export type Known = UnitRow;

/**
 * What the full reading gave for some cells, found again by their bytes (and the section in
 * force). An open-addressing table over typed arrays, the cells' bytes kept in one arena: a
 * lookup touches a few cache lines, not a chain of objects. Exports list their units in the
 * same order every period, so each entry remembers the entry looked up after it last time, and
 * that one is tried first: its bytes follow in the arena, and no hash is needed.
 */
class ByteCache<T> {
  /** Where each cell of the current row is, in the buffer given to get(). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  private slots = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  /** Entry e's bytes are arena[offsets[e], offsets[e + 1]). */
  private offsets = new Int32Array(1 << 10);
  /** Per entry, 1 + the entry found after it last time (0: none yet). */
  private after = new Int32Array(1 << 10);
  private values: T[] = [];
  private sections: (string | null)[] = [];
  private hash = 0;
  /** The entry of the last get(), or -1 if it found none. */
  private last = -1;
  /** The entry before a get() that found none (a set() follows it). */
  private before = -1;

  constructor(private readonly count: number) {
    this.start = new Int32Array(count);
    this.end = new Int32Array(count);
  }

  /** The value kept for the current cells in buf, or undefined. */
  get(buf: Buffer, section: string | null): T | undefined {
    const previous = this.last;
    if (previous !== -1) {
      const guess = this.after[previous]! - 1;
      if (guess !== -1 && this.sections[guess] === section && this.same(guess, buf)) {
        this.last = guess;
        return this.values[guess];
      }
    }
    const { start, end, count } = this;
    // Hashed on each cell's length and its first and last four bytes, where names differ
    // ("Xã An Hải", "Xã An Hòa", "Thôn 1 …"): a few multiplications, not one per byte.
    // same() compares every byte.
    let h = 0x811c9dc5;
    for (let k = 0; k < count; k++) {
      const from = start[k]!;
      const to = end[k]!;
      let head = 0;
      for (let j = from; j < to && j < from + 4; j++) head = (head << 8) | buf[j]!;
      let tail = 0;
      for (let j = to - 4 > from ? to - 4 : from; j < to; j++) tail = (tail << 8) | buf[j]!;
      h = Math.imul(h ^ head, 0x01000193);
      h = Math.imul(h ^ tail, 0x01000193);
      h = Math.imul(h ^ (h >>> 15) ^ (to - from), 0x2c1b3c6d);
    }
    this.hash = h;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e === -1) {
        this.before = previous;
        this.last = -1;
        return undefined;
      }
      if (this.hashes[s] === h && this.sections[e] === section && this.same(e, buf)) {
        if (previous !== -1) this.after[previous] = e + 1;
        this.last = e;
        return this.values[e];
      }
    }
  }

  /** Keeps a value for the cells of the last get() (which found none). */
  set(buf: Buffer, section: string | null, value: T): void {
    if (this.values.length >= MAX_ENTRIES) this.clear();
    const { start, end, count } = this;
    let n = 0;
    for (let k = 0; k < count; k++) n += end[k]! - start[k]! + 1;
    if (this.used + n > this.arena.length) this.arena = grown(this.arena, this.used + n);
    let p = this.used;
    for (let k = 0; k < count; k++) {
      for (let j = start[k]!; j < end[k]!; j++) this.arena[p++] = buf[j]!;
      this.arena[p++] = 0xff;
    }
    const e = this.values.length;
    if (e + 2 > this.offsets.length) {
      this.offsets = grown(this.offsets, e + 2);
      this.after = grown(this.after, e + 2);
    }
    this.offsets[e + 1] = this.used = p;
    this.values.push(value);
    this.sections.push(section);
    if (this.before !== -1) this.after[this.before] = e + 1;
    this.last = e;
    // A larger table is made from the old one's slots, then the new entry is placed in it.
    if (this.values.length * 2 > this.slots.length) this.rehash();
    this.place(this.hash, e + 1);
  }

  /** Whether entry e holds the current cells' bytes, each followed by 0xFF (which UTF-8 never uses). */
  private same(e: number, buf: Buffer): boolean {
    const { start, end, count, arena } = this;
    let p = this.offsets[e]!;
    const stop = this.offsets[e + 1]!;
    for (let k = 0; k < count; k++) {
      const to = end[k]!;
      if (p + to - start[k]! >= stop) return false;
      for (let j = start[k]!; j < to; j++) if (arena[p++] !== buf[j]) return false;
      if (arena[p++] !== 0xff) return false;
    }
    return p === stop;
  }

  private place(h: number, slot: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = slot;
    this.hashes[s] = h;
  }

  private rehash(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) this.place(hashes[s]!, slots[s]!);
  }

  private clear(): void {
    this.slots = new Int32Array(1 << 10);
    this.hashes = new Int32Array(1 << 10);
    this.used = 0;
    this.offsets = new Int32Array(1 << 10);
    this.after = new Int32Array(1 << 10);
    this.values = [];
    this.sections = [];
    this.last = this.before = -1;
  }
}

/** A copy of `a` with room for at least `n` elements. */
function grown<A extends Uint8Array | Int32Array>(a: A, n: number): A {
  const bigger = new (a.constructor as new (n: number) => A)(Math.max(a.length * 2, n));
  bigger.set(a);
  return bigger;
}

/**
 * The columns a unit's names are read from. The period and the certified flag are kept apart:
 * they change from month to month, where the names stay.
 */
const NAME_COLUMNS = ["province", "district", "commune", "unit_code", "unit_type"];
const MAX_ENTRIES = 100_000;
const MAX_DIGITS = 15;
const POWERS = Array.from({ length: MAX_DIGITS + 1 }, (_, k) => 10 ** k);

const FIGURE = 1;
const KEY = 2;
const OTHER = 3;

export interface LaneHooks {
  /**
   * The full reading of a row; returns the unit row it made, or null (skipped, total row).
   * `figures`, when given, are the row's figures as the lane read them, in the lane's own
   * array: the unit row made may hold it, as it lives only until the next row is read.
   */
  readonly slow: (r: DataRow, figures?: number[]) => UnitRow | null;
  /** How many problems the full reading has found so far. */
  readonly problems: () => number;
  /**
   * A unit row read in the lane: its figures and what its text cells are known to give. The
   * figures' array is the lane's own, filled again for the next row: keep a copy, not it.
   */
  readonly unit: (row: number, known: Known, period: string | null, certified: boolean | null, values: number[]) => void;
  /** What to keep of a unit row the full reading made, for the later rows with its text cells. */
  readonly remember: (u: UnitRow) => Known;
  /** The section heading in force. */
  readonly section: () => string | null;
  /**
   * With a register whose units begin or end (--units vn): the era of a period, in which a
   * spelling names one unit. Names are then known per spelling and era.
   */
  readonly era?: ((period: string | null) => string) | undefined;
}

/** The context names are known in: the section, and the era when units begin or end. */
const inEra = (section: string | null, era: string): string | null => (era === "" ? section : `${section ?? ""}\u0002${era}`);

/** Whether the lane can read this table's rows: no pair cells ("1.361/1.367"), no stated rates. */
export function laneFits(table: Table): boolean {
  if (table.rates.length > 0 || table.header === null) return false;
  for (const ref of table.positions.values()) if (ref.part !== null) return false;
  return true;
}

/** Reads every record from `first` (its row number) on; returns how many were read. */
export function readLane(records: Utf8Records, first: number, table: Table, hooks: LaneHooks): number {
  const lane = new Lane(table, records.delimiterByte, hooks);
  let row = first - 1;
  while (records.next()) {
    row++;
    if (records.fields !== null || !lane.read(records.buf, records.start, records.end, row)) hooks.slow({ row, cells: records.cells() });
    else if (lane.unknown) lane.learn(row, records.cells());
  }
  return row - first + 1;
}

/** The lane's reading of one line at a time (a method of its own, so the engine optimises it whole). */
class Lane {
  private readonly width: number;
  /** Per column: FIGURE, KEY, OTHER (any other text, checked for a total label), or 0 (none). */
  private readonly role: Uint8Array;
  /** Per figure column, 1 if it holds decimals. */
  private readonly decimal: Uint8Array;
  /** Per column: the tally's position (FIGURE) or the name cell's (KEY; keyCount = the period, keyCount + 1 = certified). */
  private readonly slot: Int16Array;
  private readonly keyCount: number;
  private readonly names: ByteCache<Known>;
  private readonly periods = new ByteCache<string | null>(1);
  private readonly flags = new ByteCache<boolean | null>(1);
  /** The figures of the current row: one array for every row (see LaneHooks.unit). */
  private readonly values = notReported();
  /** After read(): the text cells were not all known (learn() reads the row in full). */
  unknown = false;
  private knownNames: Known | undefined = undefined;
  private knownPeriod: string | null | undefined = undefined;
  private knownFlag: boolean | null | undefined = undefined;
  private section: string | null = null;
  private buf: Buffer = Buffer.alloc(0);

  constructor(
    table: Table,
    private readonly d: number,
    private readonly hooks: LaneHooks,
  ) {
    this.width = Math.max(0, ...table.columns.map((c) => c.index + 1), ...[...table.positions.values()].map((r) => r.index + 1));
    this.role = new Uint8Array(this.width);
    this.decimal = new Uint8Array(this.width);
    this.slot = new Int16Array(this.width);
    for (const c of table.columns) this.role[c.index] = OTHER;
    dictionary().tallies.forEach((c, i) => {
      const ref = table.positions.get(c.name);
      if (ref) [this.role[ref.index], this.slot[ref.index], this.decimal[ref.index]] = [FIGURE, i, c.type === "decimal" ? 1 : 0];
    });
    let keyCount = 0;
    for (const name of NAME_COLUMNS) {
      const ref = table.positions.get(name);
      if (ref) [this.role[ref.index], this.slot[ref.index]] = [KEY, keyCount++];
    }
    const periodRef = table.positions.get("period");
    if (periodRef) [this.role[periodRef.index], this.slot[periodRef.index]] = [KEY, keyCount];
    const certifiedRef = table.positions.get("certified");
    if (certifiedRef) [this.role[certifiedRef.index], this.slot[certifiedRef.index]] = [KEY, keyCount + 1];
    this.keyCount = keyCount;
    this.names = new ByteCache<Known>(keyCount);
  }

  /**
   * Reads buf[start, end): false if the row needs the full reading. Else the unit row is made
   * (its text known), or `unknown` is set and learn() must read it.
   */
  read(buf: Buffer, start: number, end: number, row: number): boolean {
    const { role, slot, decimal, d, width, keyCount } = this;
    const keyStart = this.names.start;
    const keyEnd = this.names.end;
    const { periods, flags } = this;
    const values = this.values;
    for (let k = 0; k < values.length; k++) values[k] = NaN;
    let i = start;
    let figures = false;
    let suspect = false;
    periods.start[0] = periods.end[0] = flags.start[0] = flags.end[0] = 0;
    for (let col = 0; col < width; col++) {
      const r = role[col]!;
      const from = i;
      if (r === FIGURE) {
        // Digits. In a count, thousands grouped by "." or "," ("1.361", "12,345,678": one
        // mark, groups of three). In a decimal, "12.5" or "0,25" (not three decimals: "1.234"
        // could be a thousand); its value is the whole number over a power of ten, which
        // rounds exactly as Number("12.5") does. Anything else takes the full reading.
        let v = 0;
        let point = -1;
        let mark = -1;
        /** Where the digits after the last thousands mark start. */
        let group = from;
        for (; i < end; i++) {
          const c = buf[i]! - 48;
          // One unsigned comparison for the common byte, a digit.
          if (c >>> 0 < 10) {
            v = v * 10 + c;
            continue;
          }
          if (c === d - 48) break;
          if (c !== -2 && c !== -4) return false; // not "." or ","
          if (decimal[col] === 1) {
            if (point !== -1 || i === from) return false;
            point = i;
          } else {
            if (mark === -1 ? i === group || i - group > 3 : c + 48 !== mark || i - group !== 3) return false;
            mark = c + 48;
            group = i + 1;
          }
        }
        if (mark !== -1 && i - group !== 3) return false;
        if (i - from > MAX_DIGITS || (point !== -1 && (i - point === 1 || i - point === 4))) return false;
        if (i > from) {
          values[slot[col]!] = point !== -1 ? v / POWERS[i - point - 1]! : v;
          figures = true;
        }
      } else {
        while (i < end && buf[i] !== d) i++;
        if (r === KEY) {
          const k = slot[col]!;
          if (k < keyCount) {
            keyStart[k] = from;
            keyEnd[k] = i;
          } else if (k === keyCount) {
            periods.start[0] = from;
            periods.end[0] = i;
          } else {
            flags.start[0] = from;
            flags.end[0] = i;
          }
        } else if (r === OTHER && i > from) {
          // A total label starts with C or T ("Cộng", "Tổng", "Toàn"), maybe after spaces.
          const c = buf[from]!;
          if (c === 67 || c === 99 || c === 84 || c === 116 || c <= 32 || c >= 128) suspect = true;
        }
      }
      if (i >= end) {
        for (let rest = col + 1; rest < width; rest++) if (role[rest] === KEY && slot[rest]! < keyCount) keyStart[slot[rest]!] = keyEnd[slot[rest]!] = end;
        break;
      }
      i++; // the delimiter
    }
    if (!figures || suspect) return false;
    const section = this.hooks.section();
    const period = periods.get(buf, null);
    const era = this.hooks.era;
    // (A row whose period is not known yet is looked up all the same, in an era no row has, so
    // the cache's hash is of this row's cells when the full reading's names are kept.)
    const known = this.names.get(buf, era === undefined ? section : inEra(section, period === undefined ? "?" : era(period)));
    const certified = flags.get(buf, null);
    if (known !== undefined && period !== undefined && certified !== undefined) {
      this.unknown = false;
      this.hooks.unit(row, known, period, certified, values);
      return true;
    }
    this.unknown = true;
    this.knownNames = known;
    this.knownPeriod = period;
    this.knownFlag = certified;
    this.section = section;
    this.buf = buf;
    return true;
  }

  /**
   * The full reading of a row whose names or period were not met before (or under another
   * section); what it gives is kept when it found nothing to say.
   */
  learn(row: number, cells: readonly string[]): void {
    const hooks = this.hooks;
    const before = hooks.problems();
    const u = hooks.slow({ row, cells }, this.values);
    if (u === null || u.invalid || hooks.problems() !== before) return;
    if (this.knownNames === undefined) {
      this.names.set(this.buf, hooks.era === undefined ? this.section : inEra(this.section, hooks.era(u.period)), hooks.remember(u));
    }
    if (this.knownPeriod === undefined) this.periods.set(this.buf, null, u.period);
    if (this.knownFlag === undefined) this.flags.set(this.buf, null, u.certified);
  }
}
