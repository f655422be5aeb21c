// --units: a register of the units expected to report (province, district, commune, unit
// type, optional code). Rows resolve to the register's units through the run's directory
// (domain/directory.ts): by code, or by name however spelt. Units that did not report and
// rows whose unit is not in the register are listed, the latter with the register's nearest
// names, those of the row's own district first ("Xa Van Ninh" -> "Xã Vạn Ninh"). (The groups'
// reporting rates are aggregation: aggregate/reporting.ts.)

import { nearUnits, provinceBare, type KnownUnit, type UnitDirectory } from "../../domain/directory.js";
import { issue, type Issue } from "../../domain/problems.js";
import { expectedUnits } from "../../domain/register.js";
import { cellAt, keepRow, locate, type UnitRow } from "../../domain/unit-row.js";
import type { Check } from "../check.js";

const name = (u: { commune: string | null; district: string | null; province: string }) =>
  [u.commune, u.district, u.province].filter((x): x is string => !!x).join(", ");

const withCode = (u: KnownUnit) => `"${name(u)}"${u.code ? ` (${u.code})` : ""}`;

/** unit_not_in_register, unit_not_reported, register_same_name: the counted rows' units against the register. */
export function checkRegister(units: readonly UnitRow[], register: readonly KnownUnit[], registerFile: string): Issue[] {
  const expected = new Set(register.map((r) => r.identity));
  const reported = new Set(units.map((u) => u.identity));
  const found: Issue[] = [];
  const flagged = new Set<string>();
  for (const u of units) {
    if (expected.has(u.identity) || flagged.has(u.identity)) continue;
    flagged.add(u.identity);
    const written = u.commune ?? u.district ?? u.unitCode ?? "";
    const near = nearUnits(register, provinceBare(u.province), u.district, written);
    const column = u.commune ? "commune" : u.district ? "district" : "unit_code";
    found.push(
      issue(
        "unit_not_in_register",
        cellAt(u, column, written),
        {
          vi: `${locate(u.origin, column)} "${name(u) || written}" không có trong danh sách đơn vị ${registerFile}${near.length ? `; có phải là ${near.map(withCode).join(" hoặc ")}?` : ""}`,
          en: `${locate(u.origin, column)} "${name(u) || written}" is not in the register ${registerFile}${near.length ? `; did you mean ${near.map(withCode).join(" or ")}?` : ""}`,
        },
      ),
    );
  }
  for (const r of register) {
    if (reported.has(r.identity)) continue;
    found.push(issue("unit_not_reported", { file: registerFile, row: r.registerRow ?? undefined, column: r.commune ? "commune" : "district", value: r.commune ?? r.district }, {
          vi: `${registerFile}: ${withCode(r)} có trong danh sách đơn vị nhưng không gửi dòng nào`,
          en: `${registerFile}: ${withCode(r)} is in the register but sent no row`,
        }));
  }
  return found;
}

/** Names the register lists twice in a district with different codes: accepted, and said. */
export function sameNames(directory: UnitDirectory, registerFile: string): Issue[] {
  return directory.sameNames().map((twins) =>
    issue(
      "register_same_name",
      { file: registerFile, row: twins[0]!.registerRow ?? undefined, column: "commune", value: twins[0]!.commune },
      {
        vi: `${registerFile}: "${name(twins[0]!)}" được ghi ${twins.length} lần trong danh sách, với các mã ${twins.map((t) => t.code ?? "(không có)").join(" và ")}: các dòng được khớp theo mã`,
        en: `${registerFile}: "${name(twins[0]!)}" is listed ${twins.length} times, with codes ${twins.map((t) => t.code ?? "(none)").join(" and ")}: rows are matched by their code`,
      },
    ),
  );
}

/**
 * unit_not_in_register, unit_not_reported: the counted rows' units against the register, at
 * the run's end. `seen` keeps the identities of the counted rows (for the reporting rates).
 */
export function registerCheck(directory: UnitDirectory, registerFile: string, builtIn = false): Check & { readonly seen: UnitRow[]; readonly directory: UnitDirectory; expected(): KnownUnit[] } {
  const seen: UnitRow[] = [];
  const periods = new Set<string | null>();
  const provinces = new Set<string>();
  const expected = () => expectedUnits(directory.units().filter((u) => u.fromRegister), periods, builtIn ? provinces : null);
  return {
    name: "register",
    directory,
    expected,
    listed: "after-all",
    codes: ["unit_not_in_register", "unit_not_reported", "register_same_name"],
    needsFigures: true,
    seen,
    onRow(u: UnitRow) {
      seen.push({ ...keepRow(u, []), period: null });
      periods.add(u.period);
      provinces.add(u.keys?.province ?? provinceBare(u.province));
    },
    onEnd(out: Issue[]) {
      const register = expected();
      // GSO's own lists hold a few such names (see data/units/README.md): said for a user's register only.
      const found = [...(builtIn ? [] : sameNames(directory, registerFile)), ...checkRegister(seen, register, registerFile)];
      for (let i = 0; i < found.length; i++) out.push(found[i]!);
    },
  };
}
