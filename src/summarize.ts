// The pure composition of the pipeline: sheets -> tables -> unit rows -> rules -> groups ->
// Report. No I/O here: the CLI reads the files and prints or writes what this returns.

import { TALLIES } from "./domain/columns.js";
import { periodFromFileName } from "./domain/period.js";
import { RATIOS } from "./domain/ratios.js";
import { detectTable } from "./detect/table.js";
import type { DecimalMark } from "./normalize/number.js";
import { normalizeTable, type SkipReason, type UnitRow } from "./normalize/row.js";
import type { Sheet } from "./read/sheet.js";
import type { InputInfo, Level, Report } from "./report.js";
import { rollup } from "./aggregate/rollup.js";
import { issue, type Issue } from "./validate/codes.js";
import { checkDuplicates, checkRow, checkTotals } from "./validate/rules.js";

export interface SummarizeOptions {
  readonly by: Level;
  readonly province: string | null;
  readonly period: string | null;
  readonly decimalMark: DecimalMark | null;
}

export function summarize(sheets: readonly Sheet[], options: SummarizeOptions): Report {
  const issues: Issue[] = [];
  const units: UnitRow[] = [];
  const invalid = new Set<string>();
  const skipped: Partial<Record<SkipReason, number>> = {};
  const present = new Set<string>();
  const inputs: InputInfo[] = [];
  let read = 0;
  const rowId = (file: string, row: number) => `${file}\u0000${row}`;

  for (const sheet of sheets) {
    const table = detectTable(sheet);
    issues.push(...table.issues);
    const columns: Record<string, string> = {};
    for (const c of table.columns) if (c.match.status === "matched") columns[c.header] = c.match.column;
    inputs.push({
      file: sheet.file,
      sheet: sheet.sheet,
      encoding: sheet.encoding,
      delimiter: sheet.delimiter,
      headerRow: table.headerRow,
      columns,
    });
    for (const name of table.positions.keys()) present.add(name);
    const n = normalizeTable(table, {
      province: options.province,
      period: options.period ?? periodFromFileName(sheet.file),
      decimalMark: options.decimalMark,
    });
    issues.push(...n.issues, ...checkTotals(n));
    read += table.titleRows.length + table.rows.length;
    for (const s of n.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    for (const row of n.invalidRows) invalid.add(rowId(sheet.file, row));
    units.push(...n.units);
    if (table.headerRow !== null && !table.issues.some((i) => i.severity === "error") && n.units.length === 0 && n.issues.length === 0) {
      issues.push(issue("no_data_rows", { file: sheet.file, row: table.headerRow }, `${sheet.file}: the header at row ${table.headerRow} has no unit rows under it`));
    }
  }

  for (const u of units) {
    const found = checkRow(u);
    issues.push(...found);
    if (found.some((i) => i.severity === "error")) invalid.add(rowId(u.origin.file, u.origin.row));
  }
  const dups = checkDuplicates(units);
  issues.push(...dups);
  for (const d of dups) invalid.add(rowId(d.file, d.row!));

  const counted = units.filter((u) => !invalid.has(rowId(u.origin.file, u.origin.row)));
  const excluded = units.filter((u) => invalid.has(rowId(u.origin.file, u.origin.row))).map((u) => u.origin);
  if (excluded.length > 0) skipped.invalid = excluded.length;

  TALLIES.forEach((c, i) => {
    if (counted.some((u) => u.values[i] != null)) present.add(c.name);
  });
  const columns = TALLIES.map((c) => c.name).filter((name) => present.has(name));
  const ratioNames = RATIOS.filter((r) => present.has(r.numerator) && present.has(r.denominator)).map((r) => r.name);
  const periods = [...new Set(counted.map((u) => u.period).filter((p): p is string => p !== null))].sort();

  return {
    period: periods.length === 1 && counted.every((u) => u.period !== null) ? periods[0]! : null,
    periods,
    by: options.by,
    columns,
    ratioNames,
    groups: rollup(counted, options.by, columns, ratioNames),
    rows: { read, counted: counted.length, skipped },
    issues: sortIssues(issues),
    complete: !issues.some((i) => i.severity === "error"),
    excluded,
    inputs,
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
