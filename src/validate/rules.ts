// The dictionary's rules over normalised rows: parts within wholes, combined figures equal to
// their parts, one row per unit and period, total rows equal to the rows they cover. Returns
// the problems and marks the rows that errors exclude from the summary.

import { TALLIES } from "../domain/columns.js";
import { PAIR_RULES, SUM_RULES } from "../domain/rules.js";
import { cellRef, locate, TALLY_INDEX, type Normalized, type UnitRow } from "../normalize/row.js";
import { issue, type Issue } from "./codes.js";
import { unitCount, unitNumber } from "../domain/hash.js";


const idx = (name: string) => TALLY_INDEX.get(name)!;
// Positions looked up once, not per row.
const PAIRS = PAIR_RULES.map((rule) => ({ rule, part: idx(rule.part), whole: idx(rule.whole) }));
const SUMS = SUM_RULES.map((rule) => ({ rule, sum: idx(rule.sum), parts: rule.parts.map(idx) }));

const NONE: readonly Issue[] = Object.freeze([]);

/** Rule checks within one row (nothing allocated for a row that passes them all). */
export function checkRow(u: UnitRow): readonly Issue[] {
  const values = u.values;
  let found: Issue[] | null = null;
  for (const p of PAIRS) {
    const part = values[p.part]!;
    const whole = values[p.whole]!;
    // NaN (not reported) compares false: only two figures can break the rule.
    if (!(part > whole)) continue;
    const rule = p.rule;
    (found ??= []).push(
      issue(
        rule.severity === "error" ? "part_exceeds_whole" : "part_exceeds_whole_warning",
        at(u, rule.part, part),
        `${locate(u.origin, rule.part)} ${rule.part} ${part} exceeds ${rule.whole} ${whole}`,
      ),
    );
  }
  for (const r of SUMS) {
    const sum = values[r.sum]!;
    if (Number.isNaN(sum)) continue;
    let added = 0;
    for (const i of r.parts) added += values[i]!;
    // A part not reported makes the sum NaN, and the rule says nothing.
    if (Number.isNaN(added) || added === sum) continue;
    const rule = r.rule;
    (found ??= []).push(issue("parts_do_not_add_up", at(u, rule.sum, sum), `${locate(u.origin, rule.sum)} ${rule.sum} ${sum} is not ${rule.parts.join(" + ")} = ${added}`));
  }
  return found ?? NONE;
}

function at(u: UnitRow, column: string, value: number) {
  return { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column, cell: cellRef(u.origin, column), value: String(value) };
}

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
 * (unitNumber, found once per spelling when the names are read), and the input it came from
 * (one for the whole period while its rows come from one file): a million unit-months cost
 * 4 MB, and a row costs one array lookup.
 */
export class DuplicateIndex {
  private readonly periods = new Map<string | null, Seen>();
  private lastPeriod: string | null | undefined = undefined;
  private last: Seen = { rows: new Uint32Array(0), origin: -1, origins: null };
  private readonly origins: { file: string; sheet: string | null; columns: UnitRow["origin"]["columns"] }[] = [];
  private readonly originIndex = new Map<string, number>();
  private lastOrigin: UnitRow["origin"] | null = null;
  private lastOriginIndex = 0;

  /** Records a unit row; returns the problem if its unit was seen before in its period. */
  add(u: UnitRow): Issue | null {
    const unit = u.unitNo ?? unitNumber(u.identity);
    if (u.period !== this.lastPeriod || unit >= this.last.rows.length) {
      let seen = this.periods.get(u.period);
      if (seen === undefined || unit >= seen.rows.length) {
        // A new period has room for every unit met so far and a few more; a period that meets
        // new units grows twice as large.
        const n = unitCount();
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
    const where = same ? `row ${row}` : locate({ file: first.file, sheet: first.sheet, row, columns: first.columns }, null);
    const column = u.commune ? "commune" : "district";
    return issue(
      "duplicate_unit",
      { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column, cell: cellRef(u.origin, column), value: name },
      `${locate(u.origin, column)} "${name}"${u.period ? ` (${u.period})` : ""} already appears at ${where}`,
    );
  }

}
/** Each total row against the sums of the unit rows it covers in its file. */
export function checkTotals(n: Normalized): Issue[] {
  const found: Issue[] = [];
  for (const t of n.totals) {
    const covered = t.district === null ? n.sums.all : n.sums.byDistrict.get(t.district);
    if (!covered || covered.units === 0) continue;
    TALLIES.forEach((col, i) => {
      const stated = t.values[i]!;
      if (Number.isNaN(stated) || covered.blanks[i] === covered.units) return;
      const sum = covered.sum[i]!;
      if (Math.abs(sum - stated) > 1e-9) {
        found.push(
          issue(
            "total_mismatch",
            { file: t.origin.file, sheet: t.origin.sheet, row: t.origin.row, column: col.name, cell: cellRef(t.origin, col.name), value: String(stated) },
            `${locate(t.origin, col.name)} "${t.label}" ${col.name} ${stated} differs from the sum of its ${covered.units} rows, ${round(sum)}`,
          ),
        );
      }
    });
  }
  return found;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
