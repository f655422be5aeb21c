// duplicate_unit: the same unit and period twice (across all inputs) would be counted twice;
// the later rows are errors. Only rows to be counted are recorded: a row left out for an
// error is no first occurrence.

import type { UnitNumbers } from "../../domain/hash.js";
import { issue, type Issue } from "../../domain/problems.js";
import { cellAt, locate, type UnitRow } from "../../domain/unit-row.js";
import type { Check } from "../check.js";

export function duplicatesCheck(units: UnitNumbers): Check {
  const index = new DuplicateIndex(units);
  return {
    name: "duplicates",
    codes: ["duplicate_unit"],
    needsFigures: true,
    onRow(u: UnitRow, out: Issue[]) {
      const dup = index.add(u);
      if (dup) out.push(dup);
    },
    chunk: {
      save: () => index.save(),
      fits: (data, map) => index.fits(data as ChunkUnits, map),
      absorb: (data, map, table) => index.absorb(data as ChunkUnits, map, { file: table.file, sheet: table.sheet, row: 0, columns: table.positions }),
    },
  };
}

/** A chunk's rows by period: per period, the rows (1 + row, or 0) by the worker's unit number. */
type ChunkUnits = [string | null, Uint32Array][];

/** Where the rows of one period were, by unit number. */
interface Seen {
  /** 0, or 1 + the number of the row the unit was met on. */
  rows: Uint32Array;
  /** The input (file and sheet) every row met so far came from; -1 before the first. */
  origin: number;
  /** By unit, the input of its row: made when the period meets a second input. */
  origins: Uint32Array | null;
}

/**
 * The same unit and period twice (across all inputs) would be counted twice: the later rows
 * are errors. Each period has an array of the row where each unit was met, by the unit's number
 * (the run's UnitNumbers, found once per spelling when the names are read), and the input it came from
 * (one for the whole period while its rows come from one file): a million unit-months cost
 * 4 MB, and a row costs one array lookup.
 */
export class DuplicateIndex {
  constructor(private readonly units: UnitNumbers) {}

  private readonly periods = new Map<string | null, Seen>();
  private lastPeriod: string | null | undefined = undefined;
  private last: Seen = { rows: new Uint32Array(0), origin: -1, origins: null };
  private readonly origins: { file: string; sheet: string | null; columns: UnitRow["origin"]["columns"] }[] = [];
  private readonly originIndex = new Map<string, number>();
  private lastOrigin: UnitRow["origin"] | null = null;
  private lastOriginIndex = 0;

  /** Records a unit row; returns the problem if its unit was seen before in its period. */
  add(u: UnitRow): Issue | null {
    const unit = u.unitNo ?? this.units.of(u.identity);
    if (u.period !== this.lastPeriod || unit >= this.last.rows.length) {
      let seen = this.periods.get(u.period);
      if (seen === undefined || unit >= seen.rows.length) {
        // A new period has room for every unit met so far and a few more; a period that meets
        // new units grows twice as large.
        const n = this.units.count;
        const size = Math.max(64, seen === undefined ? n + (n >> 3) : 2 * seen.rows.length, n);
        const grown: Seen = { rows: new Uint32Array(size), origin: seen?.origin ?? -1, origins: seen?.origins ? new Uint32Array(size) : null };
        if (seen !== undefined) {
          grown.rows.set(seen.rows);
          if (seen.origins) grown.origins!.set(seen.origins);
        }
        this.periods.set(u.period, (seen = grown));
      }
      this.last = seen;
      this.lastPeriod = u.period;
    }
    const seen = this.last;
    const at = seen.rows[unit]!;
    if (at !== 0) return this.duplicate(u, seen.origins ? seen.origins[unit]! : seen.origin, at - 1);
    const origin = this.originOf(u.origin);
    if (seen.origins === null && origin !== seen.origin) {
      if (seen.origin === -1) seen.origin = origin;
      else seen.origins = new Uint32Array(seen.rows.length).fill(seen.origin);
    }
    if (seen.origins !== null) seen.origins[unit] = origin;
    seen.rows[unit] = u.origin.row + 1;
    return null;
  }

  /** The rows met, by period (a worker thread's chunk, all from one table). */
  save(): ChunkUnits {
    return [...this.periods].map(([p, seen]) => [p, seen.rows]);
  }

  /** Whether no unit of the chunk was met in its period before (else the chunk's row is a duplicate of an earlier one). */
  fits(data: ChunkUnits, map: Int32Array): boolean {
    for (const [period, rows] of data) {
      const seen = this.periods.get(period);
      if (seen === undefined) continue;
      for (let w = 0; w < rows.length; w++) {
        if (rows[w] === 0) continue;
        const m = map[w]!;
        if (m < seen.rows.length && seen.rows[m] !== 0) return false;
      }
    }
    return true;
  }

  /** Records a chunk's rows (fits() said none was met before), as add() would have. */
  absorb(data: ChunkUnits, map: Int32Array, origin: UnitRow["origin"]): void {
    const o = this.originOf(origin);
    for (const [period, rows] of data) {
      for (let w = 0; w < rows.length; w++) {
        if (rows[w] === 0) continue;
        const unit = map[w]!;
        const seen = this.room(period, unit);
        if (seen.origins === null && o !== seen.origin) {
          if (seen.origin === -1) seen.origin = o;
          else seen.origins = new Uint32Array(seen.rows.length).fill(seen.origin);
        }
        if (seen.origins !== null) seen.origins[unit] = o;
        seen.rows[unit] = rows[w]!;
      }
    }
    this.lastPeriod = undefined;
  }

  /** The period's record, with room for the unit. */
  private room(period: string | null, unit: number): Seen {
    let seen = this.periods.get(period);
    if (seen === undefined || unit >= seen.rows.length) {
      const n = this.units.count;
      const size = Math.max(64, seen === undefined ? n + (n >> 3) : 2 * seen.rows.length, n, unit + 1);
      const grown: Seen = { rows: new Uint32Array(size), origin: seen?.origin ?? -1, origins: seen?.origins ? new Uint32Array(size) : null };
      if (seen !== undefined) {
        grown.rows.set(seen.rows);
        if (seen.origins) grown.origins!.set(seen.origins);
      }
      this.periods.set(period, (seen = grown));
    }
    return seen;
  }

  private originOf(o: UnitRow["origin"]): number {
    // Rows come file by file: the last file's number is kept at hand.
    if (this.lastOrigin !== null && this.lastOrigin.file === o.file && this.lastOrigin.sheet === o.sheet) return this.lastOriginIndex;
    const k = `${o.file}\u0000${o.sheet ?? ""}`;
    let f = this.originIndex.get(k);
    if (f === undefined) {
      f = this.origins.length;
      this.origins.push({ file: o.file, sheet: o.sheet, columns: o.columns });
      this.originIndex.set(k, f);
    }
    this.lastOrigin = o;
    this.lastOriginIndex = f;
    return f;
  }

  private duplicate(u: UnitRow, origin: number, row: number): Issue {
    const first = this.origins[origin]!;
    const name = u.commune ?? u.district ?? u.unitCode ?? u.province;
    const same = first.file === u.origin.file && first.sheet === u.origin.sheet;
    const elsewhere = same ? null : locate({ file: first.file, sheet: first.sheet, row, columns: first.columns }, null);
    const column = u.commune ? "commune" : "district";
    return issue(
      "duplicate_unit",
      cellAt(u, column, name),
      {
        vi: `${locate(u.origin, column)} "${name}"${u.period ? ` (${u.period})` : ""} đã có ở ${elsewhere ?? `dòng ${row}`}`,
        en: `${locate(u.origin, column)} "${name}"${u.period ? ` (${u.period})` : ""} already appears at ${elsewhere ?? `row ${row}`}`,
      },
    );
  }

}
