// The pure composition of the pipeline: sheets -> tables -> unit rows -> rules -> groups ->
// Report. No I/O here: the CLI reads the files and prints or writes what this returns.

import { TALLIES } from "./domain/columns.js";
import { periodFromFileName } from "./domain/period.js";
import { RATIOS } from "./domain/ratios.js";
import { fold } from "./domain/text.js";
import type { Mapping } from "./detect/mapping.js";
import { detectTable, place, type Table } from "./detect/table.js";
import { usageError } from "./errors.js";
import type { DecimalMark } from "./normalize/number.js";
import { normalizeTable, type SkipReason, type UnitRow } from "./normalize/row.js";
import type { Sheet } from "./read/sheet.js";
import type { Group, InputInfo, Level, Report } from "./report.js";
import { rollup } from "./aggregate/rollup.js";
import { issue, type Issue } from "./validate/codes.js";
import { checkDuplicates, checkRow, checkTotals } from "./validate/rules.js";
import { addReportingRate, type RegisterUnit } from "./validate/register.js";

export interface SummarizeOptions {
  readonly by: Level;
  readonly province: string | null;
  readonly period: string | null;
  readonly decimalMark: DecimalMark | null;
  /** --sheet: a worksheet's name or 1-based number; null = the first with a recognised header. */
  readonly sheet?: string | null;
  /** --mapping: header texts the aliases do not cover. */
  readonly mapping?: Mapping | null;
  /** --units: the register of expected units; groups get their reporting rate. */
  readonly register?: readonly RegisterUnit[] | null;
}

/**
 * The table of a file's sheets to read: the one --sheet names, else the first whose header is
 * recognised (said in a note when the workbook has several sheets).
 */
export function chooseTable(sheets: readonly Sheet[], wanted: string | null | undefined, notes: string[], mapping: Mapping | null = null): Table {
  const detect = (s: Sheet) => detectTable(s, mapping);
  if (sheets.length === 0) throw new Error("a reader returned no sheet");
  const file = sheets[0]!.file;
  if (wanted) {
    const n = /^\d+$/.test(wanted) ? Number(wanted) : NaN;
    const sheet = Number.isNaN(n) ? sheets.find((s) => s.sheet !== null && fold(s.sheet) === fold(wanted)) : sheets[n - 1];
    if (!sheet) {
      const names = sheets.map((s, i) => `${i + 1} "${s.sheet ?? "(text)"}"`).join(", ");
      throw usageError(`${file}: no sheet "${wanted}"; its sheets are ${names}`);
    }
    return detect(sheet);
  }
  if (sheets.length === 1) return detect(sheets[0]!);
  const tables = sheets.map(detect);
  const chosen = tables.find((t) => t.header !== null) ?? tables[0]!;
  const others = sheets.length - 1;
  notes.push(
    chosen.header
      ? `${file}: reading sheet "${chosen.sheet}" (the first of ${sheets.length} with a recognised header; --sheet picks another)`
      : `${file}: no sheet has a recognised header; reading the first, "${chosen.sheet}" (${others} other${others === 1 ? "" : "s"})`,
  );
  return chosen;
}

/** Every input read, checked and accounted for: the rows a report is built from. */
export interface Collected {
  /** Valid unit rows, in input order. */
  readonly units: UnitRow[];
  readonly issues: Issue[];
  readonly notes: string[];
  readonly read: number;
  readonly skipped: Partial<Record<SkipReason, number>>;
  readonly excluded: { file: string; sheet: string | null; row: number }[];
  /** Canonical columns present in the inputs. */
  readonly present: Set<string>;
  readonly inputs: InputInfo[];
}

export function collect(files: readonly (readonly Sheet[])[], options: SummarizeOptions): Collected {
  const issues: Issue[] = [];
  const notes: string[] = [];
  const units: UnitRow[] = [];
  const invalid = new Set<string>();
  const skipped: Partial<Record<SkipReason, number>> = {};
  const present = new Set<string>();
  const inputs: InputInfo[] = [];
  let read = 0;
  const rowId = (o: { file: string; sheet: string | null; row: number }) => `${o.file}\u0000${o.sheet ?? ""}\u0000${o.row}`;

  for (const sheets of files) {
    const table = chooseTable(sheets, options.sheet, notes, options.mapping ?? null);
    for (const note of table.notes) notes.push(`${place(table)}: ${note}`);
    issues.push(...table.issues);
    inputs.push(describe(table));
    for (const name of table.positions.keys()) present.add(name);
    const n = normalizeTable(table, {
      province: options.province,
      period: options.period ?? periodFromFileName(table.file),
      decimalMark: options.decimalMark,
    });
    issues.push(...n.issues, ...checkTotals(n));
    const periods = [...new Set(n.units.map((u) => u.period).filter((p) => p !== null))].sort();
    if (periods.length > 1) {
      issues.push(
        issue("mixed_periods", { file: table.file, sheet: table.sheet, column: "period", value: periods.join(", ") }, `${place(table)}: rows of ${periods.length} periods in one file: ${periods.slice(0, 6).join(", ")}${periods.length > 6 ? ", …" : ""}`),
      );
    }
    read += table.titleRows.length + table.columnNumberRows.length + table.rows.length;
    for (const s of n.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    for (const row of n.invalidRows) invalid.add(rowId({ file: table.file, sheet: table.sheet, row }));
    units.push(...n.units);
    if (table.header !== null && !table.issues.some((i) => i.severity === "error") && n.units.length === 0 && n.issues.length === 0) {
      issues.push(
        issue("no_data_rows", { file: table.file, sheet: table.sheet, row: table.header.last }, `${place(table)}: the header at row ${table.header.last} has no unit rows under it`),
      );
    }
  }

  for (const u of units) {
    const found = checkRow(u);
    issues.push(...found);
    if (found.some((i) => i.severity === "error")) invalid.add(rowId(u.origin));
  }
  const dups = checkDuplicates(units);
  issues.push(...dups);
  for (const d of dups) invalid.add(rowId({ file: d.file, sheet: d.sheet, row: d.row! }));

  const valid = units.filter((u) => !invalid.has(rowId(u.origin)));
  const excluded = units.filter((u) => invalid.has(rowId(u.origin))).map((u) => ({ file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row }));
  if (excluded.length > 0) skipped.invalid = excluded.length;
  TALLIES.forEach((c, i) => {
    if (valid.some((u) => u.values[i] != null)) present.add(c.name);
  });
  return { units: valid, issues, notes, read, skipped, excluded, present, inputs };
}

/** The report of groups built from collected rows; `counted` rows are those the groups hold. */
export function report(c: Collected, by: Level, groupsOf: (columns: string[], ratioNames: string[]) => Group[], extra: Partial<Report> = {}): Report {
  const columns = TALLIES.map((t) => t.name).filter((name) => c.present.has(name));
  const ratioNames = RATIOS.filter((r) => c.present.has(r.numerator) && c.present.has(r.denominator)).map((r) => r.name);
  const periods = [...new Set(c.units.map((u) => u.period).filter((p): p is string => p !== null))].sort();
  return {
    period: periods.length === 1 && c.units.every((u) => u.period !== null) ? periods[0]! : null,
    periods,
    by,
    columns,
    ratioNames,
    groups: groupsOf(columns, ratioNames),
    rows: { read: c.read, counted: c.units.length, skipped: c.skipped },
    issues: sortIssues(c.issues),
    notes: c.notes,
    complete: !c.issues.some((i) => i.severity === "error"),
    excluded: c.excluded,
    inputs: c.inputs,
    ...extra,
  };
}

export function summarize(files: readonly (readonly Sheet[])[], options: SummarizeOptions): Report {
  const c = collect(files, options);
  return report(c, options.by, (columns, ratioNames) => {
    const groups = rollup(c.units, options.by, columns, ratioNames);
    return options.register ? addReportingRate(groups, c.units, options.register, options.by) : groups;
  });
}

function describe(table: Table): InputInfo {
  return {
    file: table.file,
    sheet: table.sheet,
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    header: table.header,
    columns: table.columns.map((c) => ({ index: c.index, header: c.header, match: c.match })),
  };
}

function sortIssues(issues: Issue[]): Issue[] {
  const order = new Map<string, number>();
  issues.forEach((i) => order.has(i.file) || order.set(i.file, order.size));
  return issues
    .map((i, seq) => ({ i, seq }))
    .sort((a, b) => order.get(a.i.file)! - order.get(b.i.file)! || (a.i.row ?? 0) - (b.i.row ?? 0) || a.seq - b.seq)
    .map(({ i }) => i);
}
