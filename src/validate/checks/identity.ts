// The check of who a row is: names without control characters, a province and a commune (or
// district) to count it under, and a unit type that agrees with the name's prefix ("Phường …"
// typed as xã). What it finds depends on the row's names, code and type cell alone, which
// repeat on every row of a unit: a spelling found clean (its keys object, shared by every row
// normalize reads with those names, with that type cell) is not looked at again.

import { hasControl, issue, type Issue } from "../../domain/problems.js";
import { unitTypeFromName } from "../../domain/text.js";
import { cellAt, locate, type NameKeys, type UnitRow } from "../../domain/unit-row.js";
import type { KnownUnit } from "../../domain/directory.js";
import type { Check } from "../check.js";

const COLUMNS = ["province", "district", "commune", "unit_code", "unit_type"] as const;

/**
 * control_characters: a name with a NUL byte, an escape or another invisible control character
 * (a damaged file, or one that is no tally export); such a row is not counted, so the name never
 * reaches a report, and messages show the characters as <U+XXXX>. missing_unit: a row that
 * names no province, or no commune, district or code. unit_type_mismatch: the unit_type cell
 * against the type the commune's name gives.
 */
/** "Xã Đông Khê, Thành phố Thanh Hóa (16387)": a unit of the directory, for a message. */
export function described(u: KnownUnit): string {
  return `"${[u.commune, u.district].filter((x): x is string => !!x).join(", ")}"${u.code ? ` (${u.code})` : ""}`;
}

export function identityCheck(): Check {
  // By unit number: the spelling (its keys object) last found clean, and its type cell. An
  // array lookup: a million rows pass.
  const cleanKeys: (NameKeys | undefined)[] = [];
  const cleanType: (string | null)[] = [];
  return {
    name: "identity",
    rowLocal: true,
    listed: "with-cells",
    codes: ["control_characters", "missing_unit", "unit_type_mismatch", "ambiguous_unit", "unit_code_mismatch", "unknown_province"],
    onRow(u: UnitRow, out: Issue[]) {
      const keys = u.keys;
      const no = u.unitNo;
      if (keys !== undefined && no !== undefined && cleanKeys[no] === keys && cleanType[no] === u.typeText) return;
      const from = out.length;
      const texts = [u.province, u.district, u.commune, u.unitCode, u.typeText];
      for (let k = 0; k < texts.length; k++) {
        const t = texts[k]!;
        if (t === null || !hasControl(t)) continue;
        const column = COLUMNS[k]!;
        out.push(issue("control_characters", cellAt(u, column, t), { vi: `${locate(u.origin, column)} ${column} "${t}" chứa ký tự điều khiển`, en: `${locate(u.origin, column)} ${column} "${t}" holds a control character` }));
      }
      if (!u.province) out.push(issue("missing_unit", cellAt(u, "province", ""), { vi: `${locate(u.origin, "province")} không có tên tỉnh`, en: `${locate(u.origin, "province")} has no province` }));
      else if (!u.district && !u.commune && !u.unitCode) out.push(issue("missing_unit", cellAt(u, "commune", ""), { vi: `${locate(u.origin, "commune")} không ghi tên xã hay huyện`, en: `${locate(u.origin, "commune")} names no commune or district` }));
      const r = u.resolved;
      if (r?.unknownProvince !== undefined && u.province) {
        const near = r.unknownProvince;
        out.push(
          issue(
            "unknown_province",
            cellAt(u, "province", u.province),
            {
              vi: `${locate(u.origin, "province")} "${u.province}" không phải là tỉnh mà tdbv biết${near.length ? `; có phải là ${near.map((n) => `"${n}"`).join(" hoặc ")}?` : ""}`,
              en: `${locate(u.origin, "province")} "${u.province}" is no province tdbv knows${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""}`,
            },
          ),
        );
      }
      if (r !== undefined && (r.ambiguous !== null || r.codeOf !== null || r.unknownCode)) {
        const column = u.commune ? "commune" : "district";
        const written = u.commune ?? u.district ?? "";
        if (r.ambiguous !== null) {
          const units = r.ambiguous.map(described).join("; ");
          out.push(
            issue("ambiguous_unit", cellAt(u, column, written), {
              vi: `${locate(u.origin, column)} "${written}" khớp với ${r.ambiguous.length} đơn vị: ${units}`,
              en: `${locate(u.origin, column)} "${written}" fits ${r.ambiguous.length} units: ${units}`,
            }),
          );
        } else if (r.codeOf !== null) {
          out.push(
            issue(
              "unit_code_mismatch",
              cellAt(u, "unit_code", u.unitCode ?? ""),
              {
                vi: `${locate(u.origin, "unit_code")} mã ${u.unitCode} là ${described(r.codeOf)} trong danh sách, nhưng dòng ghi "${written}"${r.unit !== r.codeOf ? ` (trong danh sách là ${described(r.unit)})` : ""}`,
                en: `${locate(u.origin, "unit_code")} code ${u.unitCode} is ${described(r.codeOf)} in the register, but the row names "${written}"${r.unit !== r.codeOf ? ` (the register's ${described(r.unit)})` : ""}`,
              },
            ),
          );
        } else {
          out.push(
            issue("unit_code_mismatch", cellAt(u, "unit_code", u.unitCode ?? ""), {
              vi: `${locate(u.origin, "unit_code")} mã ${u.unitCode} không có trong danh sách, mà "${written}" trong danh sách là ${described(r.unit)}`,
              en: `${locate(u.origin, "unit_code")} code ${u.unitCode} is not in the register, whose "${written}" is ${described(r.unit)}`,
            }),
          );
        }
      }
      if (u.typeText !== null && u.unitType !== null && u.commune) {
        const named = unitTypeFromName(u.commune);
        if (named !== null && named !== u.unitType) {
          out.push(issue("unit_type_mismatch", cellAt(u, "unit_type", u.typeText), {
              vi: `${locate(u.origin, "unit_type")} unit_type "${u.typeText}" trái với tên "${u.commune}" (là ${named})`,
              en: `${locate(u.origin, "unit_type")} unit_type "${u.typeText}" contradicts the name "${u.commune}" (a ${named})`,
            }));
        }
      }
      if (out.length === from && keys !== undefined && no !== undefined) {
        // Filled in order (unit numbers are dense): the arrays stay packed.
        while (cleanKeys.length <= no) {
          cleanKeys.push(undefined);
          cleanType.push(null);
        }
        cleanKeys[no] = keys;
        cleanType[no] = u.typeText;
      }
    },
  };
}
