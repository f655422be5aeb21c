// The dictionary's rules over normalised rows: parts within wholes, combined figures equal to
// their parts, one row per unit and period, total rows equal to the rows they cover. Returns
// the problems and marks the rows that errors exclude from the summary.

import { TALLIES } from "../domain/columns.js";
import { PAIR_RULES, SUM_RULES } from "../domain/rules.js";
import { cellRef, districtMatchKey, locate, TALLY_INDEX, type Normalized, type UnitRow } from "../normalize/row.js";
import { issue, type Issue } from "./codes.js";

const idx = (name: string) => TALLY_INDEX.get(name)!;

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
  for (const rule of PAIR_RULES) {
    const part = u.values[idx(rule.part)];
    const whole = u.values[idx(rule.whole)];
    if (part == null || whole == null || part <= whole) continue;
    found.push(
      issue(
        rule.severity === "error" ? "part_exceeds_whole" : "part_exceeds_whole_warning",
        at(rule.part, part),
        `${locate(u.origin, rule.part)} ${rule.part} ${part} exceeds ${rule.whole} ${whole}`,
      ),
    );
  }
  for (const rule of SUM_RULES) {
    const sum = u.values[idx(rule.sum)];
    const parts = rule.parts.map((p) => u.values[idx(p)]);
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

/** The same unit and period twice (across all inputs) would be counted twice: the later rows are errors. */
export function checkDuplicates(units: readonly UnitRow[]): Issue[] {
  const first = new Map<string, UnitRow>();
  const found: Issue[] = [];
  for (const u of units) {
    const earlier = first.get(u.key);
    if (!earlier) {
      first.set(u.key, u);
      continue;
    }
    const name = u.commune ?? u.district ?? u.unitCode ?? u.province;
    const same = earlier.origin.file === u.origin.file && earlier.origin.sheet === u.origin.sheet;
    const where = same ? `row ${earlier.origin.row}` : locate(earlier.origin, null);
    const column = u.commune ? "commune" : "district";
    found.push(
      issue(
        "duplicate_unit",
        { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column, cell: cellRef(u.origin, column), value: name },
        `${locate(u.origin, column)} "${name}"${u.period ? ` (${u.period})` : ""} already appears at ${where}`,
      ),
    );
  }
  return found;
}

/** Each total row against the sum of the unit rows it covers in its file. */
export function checkTotals(n: Normalized): Issue[] {
  const found: Issue[] = [];
  for (const t of n.totals) {
    const covered = n.units.filter((u) => t.district === null || (u.district !== null && districtMatchKey(u.district) === t.district));
    if (covered.length === 0) continue;
    TALLIES.forEach((col, i) => {
      const stated = t.values[i];
      if (stated == null) return;
      let sum = 0;
      let reported = 0;
      for (const u of covered) {
        const v = u.values[i];
        if (v != null) {
          sum += v;
          reported++;
        }
      }
      if (reported === 0) return;
      if (Math.abs(sum - stated) > 1e-9) {
        found.push(
          issue(
            "total_mismatch",
            { file: t.origin.file, sheet: t.origin.sheet, row: t.origin.row, column: col.name, cell: cellRef(t.origin, col.name), value: String(stated) },
            `${locate(t.origin, col.name)} "${t.label}" ${col.name} ${stated} differs from the sum of its ${covered.length} rows, ${round(sum)}`,
          ),
        );
      }
    });
  }
  return found;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
