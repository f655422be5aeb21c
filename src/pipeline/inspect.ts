// What tdbv detected and decided in one file, for `tdbv inspect`: the format, encoding,
// delimiter and number convention, the sheet and header rows, what each source column maps to
// (or why nothing), and how every row is classified. Pure: the CLI reads and prints.

import { periodFromFileName } from "../domain/period.js";
import type { Issue, Text } from "../domain/problems.js";
import type { SkipReason } from "../domain/unit-row.js";
import type { Mapping } from "../detect/mapping.js";
import type { Table } from "../detect/table.js";
import { NameBook } from "../normalize/names.js";
import type { DecimalMark } from "../normalize/number.js";
import { normalizeTable } from "../normalize/table.js";
import type { Sheet } from "../read/sheet.js";
import { chooseTable } from "./collect.js";

export interface Inspection {
  readonly file: string;
  readonly format: Sheet["format"];
  readonly sheets: readonly string[];
  /** Of `sheets`, those Excel does not show (read only with --sheet: else they are left out, and a note says so). */
  readonly hidden: readonly { readonly sheet: string; readonly state: NonNullable<Sheet["hidden"]> }[];
  readonly table: Table;
  readonly decimalMark: DecimalMark | null;
  readonly period: string | null;
  /** Row numbers by classification; `unit` rows are counted as units. */
  readonly rows: Readonly<Partial<Record<SkipReason | "unit", readonly number[]>>>;
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
  const table = chooseTable(sheets, o.sheet, notes, o.mapping);
  const period = o.period ?? periodFromFileName(table.file, table.positions.has("period") ? undefined : (t) => notes.push(t));
  const rows: Partial<Record<SkipReason | "unit", number[]>> = {};
  const add = (k: SkipReason | "unit", row: number) => (rows[k] ??= []).push(row);
  const n = normalizeTable(table, { province: o.province, period, decimalMark: o.decimalMark }, new NameBook(), (u) => add("unit", u.origin.row));
  for (const s of n.skipped) add(s.reason, s.row);
  for (const list of Object.values(rows)) list!.sort((a, b) => a - b);
  return {
    file: table.file,
    format: table.format,
    sheets: sheets.map((s) => s.sheet ?? ""),
    hidden: sheets.flatMap((s) => (s.hidden ? [{ sheet: s.sheet ?? "", state: s.hidden }] : [])),
    table,
    decimalMark: o.decimalMark ?? n.decimalMark,
    period,
    rows,
    issues: table.issues,
    notes: [...notes, ...table.notes],
  };
}

