// Checks of a table as a whole: a province for its rows, and unit rows under its header.

import { issue, type Issue } from "../../domain/problems.js";
import { place } from "../../domain/unit-row.js";
import type { Table } from "../../detect/table.js";
import type { Check, TableEnd } from "../check.js";

/** missing_province: no province column and no --province, so no row can be placed. */
export function provinceCheck(province: string | null): Check {
  return {
    name: "province",
    codes: ["missing_province"],
    onTable(table: Table, out: Issue[]) {
      if (province || table.positions.has("province") || table.issues.some((i) => i.severity === "error")) return;
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
