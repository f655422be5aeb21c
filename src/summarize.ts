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
import { keepRow, normalizeTable, type SkipReason, type UnitRow } from "./normalize/row.js";
import type { Sheet } from "./read/sheet.js";
import type { Group, InputInfo, Level, Report } from "./report.js";
import { Rollup } from "./aggregate/rollup.js";
import { issue, type Issue } from "./validate/codes.js";
import { checkRow, checkTotals, DuplicateIndex } from "./validate/rules.js";
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
  /** Called every few thousand rows with the rows read so far (the CLI shows progress). */
  readonly progress?: ((rowsRead: number) => void) | null;
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
  /** Valid unit rows, in input order (empty when they went to a sink instead). */
  readonly units: UnitRow[];
  /** How many valid unit rows there were. */
  readonly counted: number;
  readonly issues: Issue[];
  readonly notes: string[];
  readonly read: number;
  readonly skipped: Partial<Record<SkipReason, number>>;
  readonly excluded: { file: string; sheet: string | null; row: number }[];
  /** Canonical columns present in the inputs. */
  readonly present: Set<string>;
  readonly inputs: InputInfo[];
}

/** Derived per-type certification counts make a column only where they are not all zero. */
/** The unit types whose certification counts are derived from commune rows. */
const DERIVED_TYPES = ["communes", "wards", "townships", "special_zones"];
const DERIVED = new Set(DERIVED_TYPES.flatMap((t) => [`${t}_total`, `${t}_certified`]));
const DERIVED_AT = TALLIES.map((c) => DERIVED.has(c.name));

/**
 * Reads every input once, in order, checking each unit row as it comes: cell errors, the
 * dictionary's rules, duplicates. Valid rows go to `sink` (or, without one, into `units`),
 * so a report can be built while reading, in memory that does not grow with the rows. A row
 * is valid only during its call to `sink` (keepRow copies one to keep).
 */
export function collect(files: Iterable<readonly Sheet[]>, options: SummarizeOptions, sink?: (u: UnitRow) => void): Collected {
  const issues: Issue[] = [];
  const notes: string[] = [];
  const units: UnitRow[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const present = new Set<string>();
  const inputs: InputInfo[] = [];
  const excluded: Collected["excluded"] = [];
  const duplicates = new DuplicateIndex();
  const isPresent = TALLIES.map(() => false);
  let read = 0;
  let counted = 0;
  const exclude = (u: UnitRow) => excluded.push({ file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row });

  for (const sheets of files) {
    const table = chooseTable(sheets, options.sheet, notes, options.mapping ?? null);
    for (const note of table.notes) notes.push(`${place(table)}: ${note}`);
    issues.push(...table.issues);
    inputs.push(describe(table));
    for (const name of table.positions.keys()) present.add(name);
    // Columns of this file (or derived ones) that may yet be present.
    const missing = TALLIES.flatMap((c, i) => (!isPresent[i] && (table.positions.has(c.name) || DERIVED_AT[i]) ? [i] : []));
    const periods = new Set<string>();
    let lastPeriod: string | null = null;
    let unitsInFile = 0;
    const n = normalizeTable(
      table,
      { province: options.province, period: options.period ?? periodFromFileName(table.file), decimalMark: options.decimalMark },
      (u) => {
        unitsInFile++;
        if (options.progress && (read + unitsInFile) % 8192 === 0) options.progress(read + unitsInFile);
        if (u.period !== lastPeriod && u.period !== null && periods.size < 8) periods.add((lastPeriod = u.period));
        if (u.invalid) return exclude(u);
        const found = checkRow(u);
        if (found.length > 0) {
          issues.push(...found);
          if (found.some((i) => i.severity === "error")) return exclude(u);
        }
        const dup = duplicates.add(u);
        if (dup) {
          issues.push(dup);
          return exclude(u);
        }
        if (missing.length > 0) {
          // Only the columns not yet seen with a figure are looked at.
          for (let j = missing.length - 1; j >= 0; j--) {
            const i = missing[j]!;
            const v = u.values[i]!;
            if (!Number.isNaN(v) && (v !== 0 || !DERIVED_AT[i])) {
              isPresent[i] = true;
              missing.splice(j, 1);
            }
          }
        }
        counted++;
        if (sink) sink(u);
        // Rows are read into the same object row after row: kept, they are copied.
        else units.push(keepRow(u));
      },
    );
    issues.push(...n.issues, ...checkTotals(n));
    if (periods.size > 1) {
      const list = [...periods].sort();
      issues.push(
        issue("mixed_periods", { file: table.file, sheet: table.sheet, column: "period", value: list.join(", ") }, `${place(table)}: rows of ${list.length > 7 ? "many" : list.length} periods in one file: ${list.slice(0, 6).join(", ")}${list.length > 6 ? ", …" : ""}`),
      );
    }
    read += table.titleRows.length + table.columnNumberRows.length + n.rowsRead;
    for (const s of n.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    if (table.header !== null && !table.issues.some((i) => i.severity === "error") && unitsInFile === 0 && n.issues.length === 0) {
      issues.push(
        issue("no_data_rows", { file: table.file, sheet: table.sheet, row: table.header.last }, `${place(table)}: the header at row ${table.header.last} has no unit rows under it`),
      );
    }
  }
  if (excluded.length > 0) skipped.invalid = excluded.length;
  TALLIES.forEach((c, i) => {
    if (isPresent[i]) present.add(c.name);
  });
  // A type whose units are all uncertified still has a certified count: 0.
  for (const t of DERIVED_TYPES) if (present.has(`${t}_total`)) present.add(`${t}_certified`);
  return { units, counted, issues, notes, read, skipped, excluded, present, inputs };
}

/** The report of groups built from collected rows; `counted` rows are those the groups hold. */
export function report(c: Collected, by: Level, groupsOf: (columns: string[], ratioNames: string[]) => Group[], extra: Partial<Report> = {}): Report {
  const columns = TALLIES.map((t) => t.name).filter((name) => c.present.has(name));
  const ratioNames = RATIOS.filter((r) => c.present.has(r.numerator) && c.present.has(r.denominator)).map((r) => r.name);
  const groups = groupsOf(columns, ratioNames);
  const periods = [...new Set(groups.map((g) => g.period).filter((p): p is string => p !== null))].sort();
  return {
    period: periods.length === 1 && groups.every((g) => g.period !== null) ? periods[0]! : null,
    periods,
    by,
    columns,
    ratioNames,
    groups,
    rows: { read: c.read, counted: c.counted, skipped: c.skipped },
    issues: sortIssues(c.issues),
    notes: c.notes,
    complete: !c.issues.some((i) => i.severity === "error"),
    excluded: c.excluded,
    inputs: c.inputs,
    ...extra,
  };
}

export function summarize(files: Iterable<readonly Sheet[]>, options: SummarizeOptions): Report {
  const groups = new Rollup(options.by);
  // Reporting rates need the units' identities, not their rows: kept only with --units.
  const seen: UnitRow[] = [];
  const c = collect(files, options, (u) => {
    groups.add(u);
    if (options.register) seen.push(keepRow(u, []));
  });
  return report(c, options.by, (columns, ratioNames) => {
    const built = groups.groups(columns, ratioNames);
    return options.register ? addReportingRate(built, seen, options.register, options.by) : built;
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
