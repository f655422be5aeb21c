// What tdbv detected and decided in one file, for `tdbv inspect`: the format, encoding,
// delimiter and number convention, the sheet and header rows, what each source column maps to
// (or why nothing), and how every row is classified. Pure: the CLI reads and prints.

import type { Issue, Text } from "../domain/problems.js";
import type { SkipReason } from "../domain/unit-row.js";
import type { Mapping } from "../detect/mapping.js";
import type { Table } from "../detect/table.js";
import { NameBook } from "../normalize/names.js";
import type { DecimalMark } from "../normalize/number.js";
import { normalizeTable, type RowHow } from "../normalize/table.js";
import type { Sheet } from "../read/sheet.js";
import { provinceCheck } from "../validate/checks/file.js";
import { chooseTables, tablePeriod, tableProvince, type PeriodSource } from "./collect.js";

/** How a row was read: a unit, skipped for a reason, or (a total row) how it was known for one. */
export type RowKind = SkipReason | "unit" | "header" | RowHow;

export interface Inspection {
  readonly file: string;
  readonly format: Sheet["format"];
  readonly sheets: readonly string[];
  /** Of `sheets`, those Excel does not show (read only with --sheet: else they are left out, and a note says so). */
  readonly hidden: readonly { readonly sheet: string; readonly state: NonNullable<Sheet["hidden"]> }[];
  readonly table: Table;
  readonly decimalMark: DecimalMark | null;
  readonly period: string | null;
  /** Where the period came from (a period column, --period, the sheet's name, a title row, the file name), or null. */
  readonly periodSource: PeriodSource;
  /** The province of rows without a province cell (--province, or the form's title), or null. */
  readonly province: string | null;
  /** The other sheets read with this one (a workbook of one sheet per month), with their periods. */
  readonly monthly: readonly { readonly sheet: string; readonly period: string | null }[];
  /** Row numbers by classification; `unit` rows are counted as units. */
  readonly rows: Readonly<Partial<Record<RowKind, readonly number[]>>>;
  /** Problems with the header (unknown, ambiguous or duplicate columns, no header). */
  readonly issues: readonly Issue[];
  readonly notes: readonly Text[];
}

export interface InspectOptions {
  readonly sheet: string | null;
  readonly mapping: Mapping | null;
  readonly province: string | null;
  readonly period: string | null;
  readonly decimalMark: DecimalMark | null;
}

export function inspect(sheets: readonly Sheet[], o: InspectOptions): Inspection {
  const notes: Text[] = [];
  const chosen = chooseTables(sheets, o.sheet, notes, o.mapping, o.period);
  const { table, sheetPeriod } = chosen[0]!;
  const { period, source } = tablePeriod(table, o.period, sheetPeriod, (t) => notes.push(t));
  const province = tableProvince(table, o.province, (t) => notes.push(t));
  const rows: Partial<Record<RowKind, number[]>> = {};
  const add = (k: RowKind, row: number) => (rows[k] ??= []).push(row);
  const n = normalizeTable(table, { province, period, decimalMark: o.decimalMark }, new NameBook(), (u) => add("unit", u.origin.row));
  for (const s of n.skipped) add(s.how ?? s.reason, s.row);
  if (table.header) for (let r = table.header.first; r <= table.header.last; r++) add("header", r);
  for (const list of Object.values(rows)) list!.sort((a, b) => a - b);
  const tableIssues: Issue[] = [];
  provinceCheck(o.province).onTable!(table, tableIssues);
  return {
    file: table.file,
    format: table.format,
    sheets: sheets.map((s) => s.sheet ?? ""),
    hidden: sheets.flatMap((s) => (s.hidden ? [{ sheet: s.sheet ?? "", state: s.hidden }] : [])),
    table,
    decimalMark: o.decimalMark ?? n.decimalMark,
    period,
    periodSource: source,
    province,
    monthly: chosen.length > 1 ? chosen.map((c) => ({ sheet: c.table.sheet ?? "", period: c.sheetPeriod })) : [],
    rows,
    issues: [...table.issues, ...tableIssues.filter((i) => i.code === "province_mismatch"), ...n.issues.filter((i) => i.code === "unclear_subtotal" || i.code === "unclear_district_row")],
    notes: [...notes, ...table.notes],
  };
}

