// The front of every command's pipeline: sheets -> tables -> unit rows (normalize) -> checks
// (validate) -> the rows to count, handed to the command's sink, with every input row
// accounted for. Also the Report made from what was collected. No I/O here: the CLI reads the
// files and prints or writes what the commands return.

import { dictionary } from "../domain/dictionary.js";
import { UnitNumbers } from "../domain/hash.js";
import type { Level } from "../domain/levels.js";
import { comparePeriods, monthOfSheetName, parsePeriod, periodFromFileName, periodOfSheetName, type Every } from "../domain/period.js";
import { issue, MAX_COUNT, rowRank, sortProblems, type Issue, type Text } from "../domain/problems.js";
import type { KnownUnit } from "../domain/directory.js";
import type { Crosswalk } from "../units/lists.js";
import { directoryOf, type RegisterUnit } from "../domain/register.js";
import { fold } from "../domain/text.js";
import { keepRow, place, type SkipReason, type UnitRow } from "../domain/unit-row.js";
import type { Mapping } from "../detect/mapping.js";
import { detectTable, type Table } from "../detect/table.js";
import { usageError } from "../errors.js";
import { NameBook } from "../normalize/names.js";
import type { DecimalMark } from "../normalize/number.js";
import { normalizeTable, type Normalized, type NormalizeOptions } from "../normalize/table.js";
import type { Sheet } from "../read/sheet.js";
import type { Group, InputInfo, Report } from "../report.js";
import { Checker, RowOut, type Check } from "../validate/check.js";
import { defaultChecks } from "../validate/checks/index.js";

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
  /** --crosswalk: the old-to-new crosswalk with a user's corrections, for re-expressed units. */
  readonly crosswalk?: Crosswalk | null;
  /** --units-as-of: a date whose units the report is in (from 1 July 2025, old units are re-expressed). */
  readonly unitsAsOf?: string | null;
  /** The register is the official lists (--units vn): units expected only in the provinces the rows name. */
  readonly registerBuiltIn?: boolean;
  /** Called every few thousand rows with the rows read so far (the CLI shows progress). */
  readonly progress?: ((rowsRead: number) => void) | null;
}

/**
 * The table of a file's sheets to read: the one --sheet names, else the first whose header is
 * recognised (said in a note when the workbook has several sheets).
 */
export function chooseTable(sheets: readonly Sheet[], wanted: string | null | undefined, notes: Text[], mapping: Mapping | null = null): Table {
  const detect = (s: Sheet) => detectTable(s, mapping);
  // Readers refuse a workbook without sheets (read/index.ts).
  if (sheets.length === 0) throw new Error("a reader returned no sheet");
  const file = sheets[0]!.file;
  if (wanted) {
    const n = /^\d+$/.test(wanted) ? Number(wanted) : NaN;
    const sheet = Number.isNaN(n) ? sheets.find((s) => s.sheet !== null && fold(s.sheet) === fold(wanted)) : sheets[n - 1];
    if (!sheet) {
      const names = sheets.map((s, i) => `${i + 1} "${s.sheet ?? "(text)"}"`).join(", ");
      throw usageError({ vi: `${file}: không có trang tính "${wanted}"; các trang tính của tệp: ${names}`, en: `${file}: no sheet "${wanted}"; its sheets are ${names}` });
    }
    return detect(sheet);
  }
  if (sheets.length === 1) return detect(sheets[0]!);
  const tables = sheets.map(detect);
  const chosen = tables.find((t) => t.header !== null) ?? tables[0]!;
  const others = sheets.length - 1;
  notes.push(
    chosen.header
      ? {
          vi: `${file}: đọc trang tính "${chosen.sheet}" (trang đầu tiên trong ${sheets.length} trang có dòng tiêu đề nhận ra được; --sheet để chọn trang khác)`,
          en: `${file}: reading sheet "${chosen.sheet}" (the first of ${sheets.length} with a recognised header; --sheet picks another)`,
        }
      : {
          vi: `${file}: không trang tính nào có dòng tiêu đề nhận ra được; đọc trang đầu tiên, "${chosen.sheet}" (còn ${others} trang khác)`,
          en: `${file}: no sheet has a recognised header; reading the first, "${chosen.sheet}" (${others} other${others === 1 ? "" : "s"})`,
        },
  );
  return chosen;
}

/** Where a table's period came from: its period column, --period, its sheet's name, its title rows, the file name; null: none. */
export type PeriodSource = "column" | "option" | "sheet" | "title" | "file" | null;

/** A table to read, with the period its sheet's name gives (a workbook of one sheet per month). */
export interface Chosen {
  readonly table: Table;
  readonly sheetPeriod: string | null;
}

const isPeriodName = (name: string | null) => name !== null && (parsePeriod(name) !== null || monthOfSheetName(name) !== null);

/** The year a month-only sheet name ("T1") is in: --period's, the sheet's title's, the file name's. */
function yearFor(table: Table, option: string | null): string | null {
  const p = option ?? table.title.period?.period ?? periodFromFileName(table.file);
  return p ? p.slice(0, 4) : null;
}

/**
 * The tables of a file to read: the sheet --sheet names; else, in a workbook of one sheet per
 * month ("T1" … "T12", "Tháng 1", "Tháng 01/2024"), every such sheet with a header, each with
 * the period its name gives (said in a note); else the first sheet with a header (chooseTable).
 */
export function chooseTables(sheets: readonly Sheet[], wanted: string | null | undefined, notes: Text[], mapping: Mapping | null, period: string | null): Chosen[] {
  const one = (table: Table): Chosen => ({ table, sheetPeriod: isPeriodName(table.sheet) ? periodOfSheetName(table.sheet!, yearFor(table, period)) : null });
  if (wanted || sheets.length < 2 || sheets.filter((s) => isPeriodName(s.sheet)).length < 2) return [one(chooseTable(sheets, wanted, notes, mapping))];
  const tables = sheets.map((s) => detectTable(s, mapping));
  const monthly = tables.filter((t) => t.header !== null && isPeriodName(t.sheet));
  if (monthly.length < 2) return [one(chooseTable(sheets, wanted, notes, mapping))];
  const chosen = monthly.map(one);
  const file = sheets[0]!.file;
  const left = tables.filter((t) => !monthly.includes(t)).map((t) => `"${t.sheet}"`);
  const named = (unknown: string) => chosen.map((c) => `"${c.table.sheet}" (${c.sheetPeriod ?? unknown})`).join(", ");
  notes.push({
    vi: `${file}: mỗi trang tính một kỳ: đọc ${chosen.length} trang ${named("không rõ năm")}${left.length ? `; không đọc ${left.join(", ")} (tên trang không phải một kỳ)` : ""}; --sheet chọn một trang`,
    en: `${file}: one sheet per period: reading ${chosen.length} sheets ${named("year unknown")}${left.length ? `; not reading ${left.join(", ")} (not a period's name)` : ""}; --sheet picks one`,
  });
  const noYear = chosen.filter((c) => c.sheetPeriod === null).map((c) => `"${c.table.sheet}"`);
  if (noYear.length) {
    notes.push({
      vi: `${file}: tên trang ${noYear.join(", ")} ghi tháng mà không ghi năm, và không tìm thấy năm ở --period, dòng tiêu đề hay tên tệp: cho --period NĂM`,
      en: `${file}: the sheets ${noYear.join(", ")} name a month but no year, and no year is found in --period, the title rows or the file name: give --period YEAR`,
    });
  }
  return chosen;
}

/**
 * The period of a table's rows without a period cell, and where it came from: --period, else
 * the sheet's name, else the form's title rows, else the file name. What was taken from a
 * title or a sheet, and a title that says otherwise than --period, is said in `note`.
 */
export function tablePeriod(table: Table, option: string | null, sheetPeriod: string | null, note?: (text: Text) => void): { period: string | null; source: PeriodSource } {
  const title = table.title.period;
  const where = place(table);
  const column = table.positions.has("period");
  if (option !== null) {
    if (title && title.period !== option && !column) {
      note?.({
        vi: `${where}: --period ${option} khác kỳ ghi ở dòng tiêu đề ${title.row} (${title.period}: "${title.text}"); dùng --period`,
        en: `${where}: --period ${option} differs from the period of the title row ${title.row} (${title.period}: "${title.text}"); --period is taken`,
      });
    }
    return { period: option, source: column ? "column" : "option" };
  }
  if (sheetPeriod !== null) return { period: sheetPeriod, source: column ? "column" : "sheet" };
  if (title) {
    // Said when it is news: the file name gives another period (or none), or the dates are the police's.
    if (!column && (title.police !== null || periodFromFileName(table.file) !== title.period)) {
      note?.({
        vi: `${where}: kỳ ${title.period} lấy từ dòng tiêu đề ${title.row} ("${title.text}")${title.police ? `; kỳ báo cáo của ngành Công an (${title.police}) được ghi là ${title.period}` : ""}; --period ghi kỳ khác`,
        en: `${where}: period ${title.period} taken from the title row ${title.row} ("${title.text}")${title.police ? `; the police's reporting period (${title.police}) is written as ${title.period}` : ""}; --period gives another`,
      });
    }
    return { period: title.period, source: column ? "column" : "title" };
  }
  const fromName = periodFromFileName(table.file, column ? undefined : (t) => note?.({ vi: `${where}: ${t.vi}`, en: `${where}: ${t.en}` }));
  return { period: fromName, source: column ? "column" : fromName ? "file" : null };
}

/** The province of a table's rows without a province cell: --province, else the one its title rows name (said in `note`). */
export function tableProvince(table: Table, option: string | null, note?: (text: Text) => void): string | null {
  if (option !== null || table.positions.has("province")) return option;
  const t = table.title.province;
  if (t === null) return null;
  note?.({
    vi: `${place(table)}: tỉnh "${t.name}" lấy từ dòng tiêu đề ${t.row} ("${t.text}"); --province ghi tỉnh khác`,
    en: `${place(table)}: province "${t.name}" taken from the title row ${t.row} ("${t.text}"); --province gives another`,
  });
  return t.name;
}

/** Every input read, checked and accounted for: the rows a report is built from. */
export interface Collected {
  /** Valid unit rows, in input order (empty when they went to a sink instead). */
  readonly units: UnitRow[];
  /** How many valid unit rows there were. */
  readonly counted: number;
  readonly issues: Issue[];
  readonly notes: Text[];
  readonly read: number;
  readonly skipped: Partial<Record<SkipReason, number>>;
  readonly excluded: { file: string; sheet: string | null; row: number }[];
  /** Canonical columns present in the inputs. */
  readonly present: Set<string>;
  readonly inputs: InputInfo[];
  /** The register's units as the run knew them (empty without --units). */
  readonly register: readonly KnownUnit[];
}

/** Derived per-type certification counts make a column only where they are not all zero. */
/** The unit types whose certification counts are derived from commune rows. */
const DERIVED_TYPES = ["communes", "wards", "townships", "special_zones"];
const DERIVED = new Set(DERIVED_TYPES.flatMap((t) => [`${t}_total`, `${t}_certified`]));

/** What a run builds as it reads, shared by its stages: nothing outlives the run. */
export interface RunContext {
  /** The run's unit identities, numbered in the order met. */
  readonly units: UnitNumbers;
  /** The run's cleaned names, remembered per spelling. */
  readonly names: NameBook;
}

/** A run's context; with a register, rows resolve to the register's units. */
export function newRun(register: readonly RegisterUnit[] | null = null): RunContext {
  const units = new UnitNumbers();
  return { units, names: new NameBook(units, directoryOf(register)) };
}

/** What a command adds to the default checks. */
export interface CollectExtras {
  /** Checks run after the default ones (validate: baseline, register). */
  readonly checks?: (run: RunContext) => readonly Check[];
  /** rollup: the periods rows are combined into; rows must have one that fits. */
  readonly every?: Every | null;
  /** A register with valid_from/valid_to lists a unit once per validity: its reader checks duplicates itself. */
  readonly withoutDuplicates?: boolean;
  /** validate --split-by: every unit row, valid or not, before its checks (the row is reused: copy what is kept). */
  readonly onUnitRow?: (u: UnitRow) => void;
  /** Worker threads (pipeline/threads.ts): a table read in chunks, by this thread as the main one or as a worker. */
  readonly chunks?: ChunkHooks;
}

/** What a table's reading holds, for a table read in chunks (pipeline/threads.ts). */
export interface ChunkContext {
  readonly table: Table;
  readonly checker: Checker;
  readonly run: RunContext;
  /** Problems listed with the rows' cells, at once, and after every input (see RowOut). */
  readonly withCells: Issue[];
  readonly atOnce: Issue[];
  readonly afterAll: Issue[];
  readonly excluded: Collected["excluded"][number][];
  readonly lateExcluded: Collected["excluded"][number][];
  /** The tallies (by position) seen with a figure so far. */
  present(): number[];
  /** Marks tallies (by position) seen with a figure. */
  markPresent(tallies: readonly number[]): void;
  /** Valid rows counted so far; adds `more`. */
  counted(more?: number): number;
}

export type ChunkHooks =
  | { readonly kind: "worker"; readonly first: number; readonly done: (c: ChunkContext, n: Normalized) => void }
  | { readonly kind: "main"; readonly split: (c: ChunkContext) => NormalizeOptions["chunk"] };

/**
 * Reads every input once, in order, checking each unit row as it comes (the checks of
 * validate/, on every row whichever path read it). Valid rows go to `sink` (or, without one,
 * into `units`), so a report can be built while reading, in memory that does not grow with
 * the rows. A row is valid only during its call to `sink` (keepRow copies one to keep).
 */
export function collect(files: Iterable<readonly Sheet[]>, options: SummarizeOptions, sink?: (u: UnitRow) => void, extras: CollectExtras = {}): Collected {
  const run = newRun(options.register ?? null);
  const defaults = defaultChecks({ province: options.province, every: extras.every ?? null }, run.units).filter((c) => !(extras.withoutDuplicates && c.name === "duplicates"));
  const checker = new Checker([...defaults, ...(extras.checks?.(run) ?? [])]);
  const issues: Issue[] = [];
  const notes: Text[] = [];
  const units: UnitRow[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const present = new Set<string>();
  const inputs: InputInfo[] = [];
  const excluded: Collected["excluded"][number][] = [];
  const lateIssues: Issue[] = [];
  const lateExcluded: Collected["excluded"][number][] = [];
  const TALLIES = dictionary().tallies;
  const DERIVED_AT = TALLIES.map((c) => DERIVED.has(c.name));
  const isPresent = TALLIES.map(() => false);
  let read = 0;
  let counted = 0;

  for (const sheets of files) for (const { table, sheetPeriod } of chooseTables(sheets, options.sheet, notes, options.mapping ?? null, options.period)) {
    for (const note of table.notes) notes.push({ vi: `${place(table)}: ${note.vi}`, en: `${place(table)}: ${note.en}` });
    for (const i of table.issues) issues.push(i);
    inputs.push(describe(table));
    for (const name of table.positions.keys()) present.add(name);
    const rejected = checker.table(table, issues);
    // Columns of this file (or derived ones) that may yet be present.
    let unitsInFile = 0;
    const missing = TALLIES.flatMap((c, i) => (!isPresent[i] && (table.positions.has(c.name) || DERIVED_AT[i]) ? [i] : []));
    // A row's problems: those of its cells and what it says of itself, listed together at the
    // table's end, as a person reads the row; rules between figures and duplicates at once;
    // what needs the whole run after every input.
    const withCells: Issue[] = [];
    const out = new RowOut(withCells, issues, lateIssues);
    // Where the period and province come from when no column gives them is said in a note.
    const { period } = tablePeriod(table, options.period, sheetPeriod, (t) => notes.push(t));
    const province = tableProvince(table, options.province, (t) => notes.push(t));
    const chunks = extras.chunks;
    const atOnceFrom = issues.length;
    const context: ChunkContext | null = chunks
      ? {
          table,
          checker,
          run,
          withCells,
          atOnce: issues,
          afterAll: lateIssues,
          excluded,
          lateExcluded,
          present: () => TALLIES.flatMap((_, i) => (isPresent[i] ? [i] : [])),
          markPresent(tallies) {
            for (const i of tallies) {
              isPresent[i] = true;
              const at = missing.indexOf(i);
              if (at !== -1) missing.splice(at, 1);
            }
          },
          counted: (more = 0) => (counted += more),
        }
      : null;
    const chunk = chunks?.kind === "worker" ? { kind: "worker" as const, first: chunks.first } : chunks ? chunks.split(context!) : undefined;
    const n = normalizeTable(
      table,
      { province, period, decimalMark: options.decimalMark, rejected, ...(chunk ? { chunk } : {}) },
      run.names,
      (u) => {
        extras.onUnitRow?.(u);
        unitsInFile++;
        if (options.progress && (read + unitsInFile) % 8192 === 0) options.progress(read + unitsInFile);
        const before = withCells.length;
        const valid = checker.row(u, out);
        if (withCells.length > before) inRowOrder(withCells, u);
        if (!valid) {
          excluded.push({ file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row });
          return;
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
        if (checker.hasAfterAll && !checker.rowAfterAll(u, out)) {
          lateExcluded.push({ file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row });
          return;
        }
        counted++;
        if (sink) sink(u);
        // Rows are read into the same object row after row: kept, they are copied.
        else units.push(keepRow(u));
      },
      withCells,
    );
    if (chunks?.kind === "worker") {
      // The worker's own problems are those after the table's (which the main thread lists).
      issues.splice(0, atOnceFrom);
      chunks.done(context!, n);
      continue;
    }
    for (const i of withCells) issues.push(i);
    checker.tableEnd({ table, totals: n.totals, unitRows: n.unitRows, cellProblems: n.issues.length, rejected }, issues);
    read += table.titleRows.length + table.columnNumberRows.length + n.rowsRead;
    for (const s of n.skipped) {
      // A row normalize refused (a subtotal that does not add up) is excluded with the invalid rows.
      if (s.reason === "invalid") excluded.push({ file: table.file, sheet: table.sheet, row: s.row });
      else skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;
    }
  }
  for (const i of lateIssues) issues.push(i);
  checker.end(issues);
  for (const e of lateExcluded) excluded.push(e);
  if (excluded.length > 0) skipped.invalid = excluded.length;
  TALLIES.forEach((c, i) => {
    if (isPresent[i]) present.add(c.name);
  });
  // A type whose units are all uncertified still has a certified count: 0.
  for (const t of DERIVED_TYPES) if (present.has(`${t}_total`)) present.add(`${t}_certified`);
  return { units, counted, issues, notes, read, skipped, excluded, present, inputs, register: run.names.directory.units().filter((u) => u.fromRegister) };
}

/** The report of groups built from collected rows; `counted` rows are those the groups hold. */
export function report(c: Collected, by: Level, groupsOf: (columns: string[], ratioNames: string[]) => Group[], extra: Partial<Report> = {}): Report {
  const d = dictionary();
  const columns = d.tallies.map((t) => t.name).filter((name) => c.present.has(name));
  const ratioNames = d.ratios.filter((r) => c.present.has(r.numerator) && c.present.has(r.denominator)).map((r) => r.name);
  const issues = [...c.issues];
  const groups = exactTotals(groupsOf(columns, ratioNames), columns, c.inputs[0]?.file ?? "-", issues);
  const periods = [...new Set(groups.map((g) => g.period).filter((p): p is string => p !== null))].sort(comparePeriods);
  return {
    period: periods.length === 1 && groups.every((g) => g.period !== null) ? periods[0]! : null,
    periods,
    by,
    columns,
    ratioNames,
    groups,
    rows: { read: c.read, counted: c.counted, skipped: c.skipped },
    issues: sortProblems(issues, "appearance"),
    notes: c.notes,
    complete: !issues.some((i) => i.severity === "error"),
    excluded: c.excluded,
    inputs: c.inputs,
    ...extra,
  };
}

/**
 * total_too_large: a group's total past MAX_COUNT cannot be exact (a double holds every whole
 * number up to 2^53 - 1 only). It is left out of the group (not reported, never a rounded
 * figure), and an error names the group and the column. Every figure read is at most MAX_COUNT
 * (number_too_large), so only a sum of them can get there.
 */
function exactTotals(groups: Group[], columns: readonly string[], file: string, issues: Issue[]): Group[] {
  let out: Group[] | null = null;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    let totals: Record<string, number | null> | null = null;
    for (const name of columns) {
      const v = group.totals[name];
      if (v === null || v === undefined || v <= MAX_COUNT) continue;
      totals ??= { ...group.totals };
      totals[name] = null;
      const where = [group.commune, group.district, group.province].filter((x) => x !== null).join(", ");
      issues.push(
        issue(
          "total_too_large",
          { file, column: name, value: String(v) },
          {
            vi: `"${where}"${group.period ? ` (${group.period})` : ""}: tổng ${name} vượt quá 9.007.199.254.740.991, số lớn nhất tdbv cộng được chính xác; tổng này bị bỏ khỏi báo cáo`,
            en: `"${where}"${group.period ? ` (${group.period})` : ""}: ${name} adds up to more than 9,007,199,254,740,991, the largest count tdbv adds exactly; the total is left out`,
          },
        ),
      );
    }
    if (totals === null) continue;
    out ??= groups.slice();
    out[g] = { ...group, totals };
  }
  return out ?? groups;
}

/** Puts the problems of row `u` at the end of `list` in ROW_ORDER (its cells', then its checks'). */
function inRowOrder(list: Issue[], u: UnitRow): void {
  let from = list.length;
  while (from > 0 && list[from - 1]!.row === u.origin.row && list[from - 1]!.file === u.origin.file) from--;
  const tail = list.slice(from).map((i, seq) => ({ i, seq }));
  tail.sort((a, b) => rowRank(a.i.code) - rowRank(b.i.code) || a.seq - b.seq);
  for (let k = 0; k < tail.length; k++) list[from + k] = tail[k]!.i;
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
