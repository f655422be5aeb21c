// Checks of who a row is: a province and a commune (or district) to count it under, and a
// unit type that agrees with the name's prefix ("Phường …" typed as xã).

import { hasControl, issue, type Issue } from "../../domain/problems.js";
import { unitTypeFromName } from "../../domain/text.js";
import { cellAt, locate, type NameKeys, type UnitRow } from "../../domain/unit-row.js";
import type { Check } from "../check.js";

/** missing_unit: a row that names no province, or no commune, district or code. */
export function unitNameCheck(): Check {
  return {
    name: "unit-name",
    listed: "with-cells",
    codes: ["missing_unit"],
    onRow(u: UnitRow, out: Issue[]) {
      if (!u.province) out.push(issue("missing_unit", cellAt(u, "province", ""), `${locate(u.origin, "province")} has no province`));
      else if (!u.district && !u.commune && !u.unitCode) out.push(issue("missing_unit", cellAt(u, "commune", ""), `${locate(u.origin, "commune")} names no commune or district`));
    },
  };
}

/** unit_type_mismatch: the unit_type cell against the type the commune's name gives. */
export function unitTypeCheck(): Check {
  return {
    name: "unit-type",
    listed: "with-cells",
    codes: ["unit_type_mismatch"],
    onRow(u: UnitRow, out: Issue[]) {
      if (u.typeText === null || u.unitType === null || !u.commune) return;
      const named = unitTypeFromName(u.commune);
      if (named === null || named === u.unitType) return;
      out.push(issue("unit_type_mismatch", cellAt(u, "unit_type", u.typeText), `${locate(u.origin, "unit_type")} unit_type "${u.typeText}" contradicts the name "${u.commune}" (a ${named})`));
    },
  };
}

/**
 * control_characters: a name with a NUL byte, an escape or another invisible control character
 * (a damaged file, or one that is no tally export). Such a row is not counted, so the name
 * never reaches a report; messages show the characters as <U+XXXX>.
 */
export function controlCharactersCheck(): Check {
  // Names repeat on every row of a unit, with the same keys object: each spelling is looked at once.
  const clean = new WeakSet<NameKeys>();
  const columns = ["province", "district", "commune", "unit_code", "unit_type"] as const;
  return {
    name: "control-characters",
    listed: "with-cells",
    codes: ["control_characters"],
    onRow(u: UnitRow, out: Issue[]) {
      if (u.keys !== undefined && clean.has(u.keys) && (u.typeText === null || !hasControl(u.typeText))) return;
      const texts = [u.province, u.district, u.commune, u.unitCode, u.typeText];
      let found = false;
      texts.forEach((t, k) => {
        if (t === null || !hasControl(t)) return;
        found = true;
        const column = columns[k]!;
        out.push(issue("control_characters", cellAt(u, column, t), `${locate(u.origin, column)} ${column} "${t}" holds a control character`));
      });
      if (!found && u.keys !== undefined) clean.add(u.keys);
    },
  };
}
