// --units: a register of the units expected to report (province, district, commune, unit
// type, optional code). Units that did not report and units not in the register are listed,
// the latter with the register's nearest names ("Xa Van Ninh" -> "Xã Vạn Ninh"). (The groups'
// reporting rates are aggregation: aggregate/reporting.ts.)

import { editDistance, fold, unitKey } from "../../domain/text.js";
import { cellAt, keepRow, locate, type UnitRow } from "../../domain/unit-row.js";
import { issue, type Issue } from "../../domain/problems.js";
import type { RegisterUnit } from "../../domain/register.js";
import type { Check } from "../check.js";

const name = (u: { commune: string | null; district: string | null; province: string }) =>
  [u.commune, u.district, u.province].filter((x): x is string => !!x).join(", ");

function suggestions(u: UnitRow, register: readonly RegisterUnit[]): string[] {
  const target = fold(u.commune ?? u.district ?? "");
  const province = unitKey(u.province);
  return register
    .filter((r) => unitKey(r.province) === province)
    .map((r) => ({ r, d: editDistance(target, fold(r.commune ?? r.district ?? "")) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(target.length / 4)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ r }) => name(r));
}

export function checkRegister(units: readonly UnitRow[], register: readonly RegisterUnit[], registerFile: string): Issue[] {
  const expected = new Set(register.map((r) => r.identity));
  const reported = new Set(units.map((u) => u.identity));
  const found: Issue[] = [];
  const flagged = new Set<string>();
  for (const u of units) {
    if (expected.has(u.identity) || flagged.has(u.identity)) continue;
    flagged.add(u.identity);
    const near = suggestions(u, register);
    const column = u.commune ? "commune" : "district";
    found.push(
      issue(
        "unit_not_in_register",
        cellAt(u, column, u.commune ?? u.district),
        {
          vi: `${locate(u.origin, column)} "${name(u)}" không có trong danh sách đơn vị ${registerFile}${near.length ? `; có phải là ${near.map((n) => `"${n}"`).join(" hoặc ")}?` : ""}`,
          en: `${locate(u.origin, column)} "${name(u)}" is not in the register ${registerFile}${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""}`,
        },
      ),
    );
  }
  for (const r of register) {
    if (reported.has(r.identity)) continue;
    found.push(issue("unit_not_reported", { file: registerFile, column: r.commune ? "commune" : "district", value: r.commune ?? r.district }, {
          vi: `${registerFile}: "${name(r)}" có trong danh sách đơn vị nhưng không gửi dòng nào`,
          en: `${registerFile}: "${name(r)}" is in the register but sent no row`,
        }));
  }
  return found;
}

/**
 * unit_not_in_register, unit_not_reported: the counted rows' units against the register, at
 * the run's end. `seen` keeps the identities of the counted rows (for the reporting rates).
 */
export function registerCheck(register: readonly RegisterUnit[], registerFile: string): Check & { readonly seen: UnitRow[] } {
  const seen: UnitRow[] = [];
  return {
    name: "register",
    listed: "after-all",
    codes: ["unit_not_in_register", "unit_not_reported"],
    needsFigures: true,
    seen,
    onRow(u: UnitRow) {
      seen.push({ ...keepRow(u, []), period: null });
    },
    onEnd(out: Issue[]) {
      const found = checkRegister(seen, register, registerFile);
      for (let i = 0; i < found.length; i++) out.push(found[i]!);
    },
  };
}
