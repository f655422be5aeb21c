// Checks of a table as a whole: a province for its rows, and unit rows under its header.

import { issue, type Issue } from "../../domain/problems.js";
import { fold } from "../../domain/text.js";
import { place } from "../../domain/unit-row.js";
import type { Table } from "../../detect/table.js";
import type { Check, TableEnd } from "../check.js";

/** A province's name without "Tỉnh"/"Thành phố", folded: "TP. Hà Nội" and "HÀ NỘI" are one. */
const provinceKey = (name: string) => fold(name).replace(/^(tinh|thanh pho|tp) /, "");

/**
 * missing_province: no province column, no --province and no province named in the form's
 * title rows, so no row can be placed. province_mismatch: the title names one province and
 * --province another.
 */
export function provinceCheck(province: string | null): Check {
  return {
    name: "province",
    codes: ["missing_province", "province_mismatch"],
    onTable(table: Table, out: Issue[]) {
      const title = table.title.province;
      if (province && title && !table.positions.has("province") && provinceKey(province) !== provinceKey(title.name)) {
        out.push(
          issue(
            "province_mismatch",
            { file: table.file, sheet: table.sheet, row: title.row, value: title.text },
            {
              vi: `${place(table)}:${title.row} dòng tiêu đề "${title.text}" ghi tỉnh "${title.name}", nhưng --province là "${province}"`,
              en: `${place(table)}:${title.row} the title row "${title.text}" names the province "${title.name}", but --province is "${province}"`,
            },
          ),
        );
      }
      if (province || title || table.positions.has("province") || table.issues.some((i) => i.severity === "error")) return;
      out.push(issue("missing_province", { file: table.file, sheet: table.sheet, row: table.header?.last }, {
          vi: `${place(table)}: không có cột tỉnh và không dùng --province`,
          en: `${place(table)}: no province column and no --province given`,
        }));
    },
  };
}

/** no_data_rows: a header with nothing under it (an export of the header alone). */
export function dataRowsCheck(): Check {
  return {
    name: "data-rows",
    codes: ["no_data_rows"],
    onTableEnd({ table, unitRows, cellProblems, rejected }: TableEnd, out: Issue[]) {
      if (table.header === null || rejected || table.issues.some((i) => i.severity === "error") || unitRows > 0 || cellProblems > 0) return;
      out.push(issue("no_data_rows", { file: table.file, sheet: table.sheet, row: table.header.last }, {
          vi: `${place(table)}: dưới dòng tiêu đề (dòng ${table.header.last}) không có dòng số liệu của đơn vị nào`,
          en: `${place(table)}: the header at row ${table.header.last} has no unit rows under it`,
        }));
    },
  };
}
