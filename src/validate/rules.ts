// The dictionary's rules over normalised rows: parts within wholes, combined figures equal to
// their parts, one row per unit and period, total rows equal to the rows they cover. Returns
// the problems and marks the rows that errors exclude from the summary.

import { TALLIES } from "../domain/columns.js";
import { PAIR_RULES, SUM_RULES } from "../domain/rules.js";
import { cellRef, locate, TALLY_INDEX, type Normalized, type UnitRow } from "../normalize/row.js";
import { issue, type Issue } from "./codes.js";
import { hash2 } from "../domain/hash.js";

const periodHashes = new Map<string, readonly [number, number]>();
function periodHash(p: string): readonly [number, number] {
  let h = periodHashes.get(p);
  if (!h) periodHashes.set(p, (h = hash2(`#${p}`)));
  return h;
}

const idx = (name: string) => TALLY_INDEX.get(name)!;
// Positions looked up once, not per row.
const PAIRS = PAIR_RULES.map((rule) => ({ rule, part: idx(rule.part), whole: idx(rule.whole) }));
const SUMS = SUM_RULES.map((rule) => ({ rule, sum: idx(rule.sum), parts: rule.parts.map(idx) }));

/** Rule checks within one row. */
export function checkRow(u: UnitRow): Issue[] {
  const found: Issue[] = [];
  const at = (column: string, value: number) => ({
    file: u.origin.file,
    sheet: u.origin.sheet,
    row: u.origin.row,
    column,
    cell: cellRef(u.origin, column),
    value: String(value),
  });
  for (const p of PAIRS) {
    const rule = p.rule;
    const part = u.values[p.part];
    const whole = u.values[p.whole];
    if (part == null || whole == null || part <= whole) continue;
    found.push(
      issue(
        rule.severity === "error" ? "part_exceeds_whole" : "part_exceeds_whole_warning",
        at(rule.part, part),
        `${locate(u.origin, rule.part)} ${rule.part} ${part} exceeds ${rule.whole} ${whole}`,
      ),
    );
  }
  for (const r of SUMS) {
    const rule = r.rule;
    const sum = u.values[r.sum];
    if (sum == null) continue;
    const parts = r.parts.map((i) => u.values[i]);
    if (sum == null || parts.some((p) => p == null)) continue;
    const added = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (added !== sum) {
      found.push(
        issue(
          "parts_do_not_add_up",
          at(rule.sum, sum),
          `${locate(u.origin, rule.sum)} ${rule.sum} ${sum} is not ${rule.parts.join(" + ")} = ${added}`,
        ),
      );
    }
  }
  return found;
}

/**
 * The same unit and period twice (across all inputs) would be counted twice: the later rows
 * are errors. Keys are kept as two 32-bit hashes in typed arrays, not strings, so a million
 * rows cost 24 MB; two different keys sharing both hashes (odds about 1 in 10^19 per pair)
 * would be taken for a duplicate.
 */
export class DuplicateIndex {
  private hi = new Int32Array(1 << 12);
  private lo = new Int32Array(1 << 12);
  private where = new Float64Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  private size = 0;
  private readonly origins: { file: string; sheet: string | null; columns: UnitRow["origin"]["columns"] }[] = [];
  private readonly originIndex = new Map<string, number>();

  /** Records a unit row; returns the problem if its key was seen before. */
  add(u: UnitRow): Issue | null {
    // The key is the unit's identity within its period.
    const [i1, i2] = u.idHash ?? hash2(u.identity);
    const [p1, p2] = periodHash(u.period ?? "");
    const h1 = Math.imul(i1 ^ p1, 0x9e3779b1) ^ i2;
    const h2 = Math.imul(i2 ^ p2, 0x85ebca6b) ^ i1;
    const mask = this.used.length - 1;
    let i = h1 & mask;
    while (this.used[i]) {
      if (this.hi[i] === h1 && this.lo[i] === h2) return this.duplicate(u, this.where[i]!);
      i = (i + 1) & mask;
    }
    this.used[i] = 1;
    this.hi[i] = h1;
    this.lo[i] = h2;
    this.where[i] = this.encode(u);
    if (++this.size * 2 > this.used.length) this.grow();
    return null;
  }

  private encode(u: UnitRow): number {
    const k = `${u.origin.file}\u0000${u.origin.sheet ?? ""}`;
    let f = this.originIndex.get(k);
    if (f === undefined) {
      f = this.origins.length;
      this.origins.push({ file: u.origin.file, sheet: u.origin.sheet, columns: u.origin.columns });
      this.originIndex.set(k, f);
    }
    return f * 2 ** 32 + u.origin.row;
  }

  private duplicate(u: UnitRow, at: number): Issue {
    const first = this.origins[Math.floor(at / 2 ** 32)]!;
    const row = at % 2 ** 32;
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

  private grow(): void {
    const { hi, lo, where, used } = this;
    const n = used.length * 2;
    this.hi = new Int32Array(n);
    this.lo = new Int32Array(n);
    this.where = new Float64Array(n);
    this.used = new Uint8Array(n);
    const mask = n - 1;
    for (let j = 0; j < used.length; j++) {
      if (!used[j]) continue;
      let i = hi[j]! & mask;
      while (this.used[i]) i = (i + 1) & mask;
      this.used[i] = 1;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.where[i] = where[j]!;
    }
  }
}

/** Each total row against the sums of the unit rows it covers in its file. */
export function checkTotals(n: Normalized): Issue[] {
  const found: Issue[] = [];
  for (const t of n.totals) {
    const covered = t.district === null ? n.sums.all : n.sums.byDistrict.get(t.district);
    if (!covered || covered.units === 0) continue;
    TALLIES.forEach((col, i) => {
      const stated = t.values[i];
      if (stated == null || covered.reported[i] === 0) return;
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
