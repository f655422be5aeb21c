// Report -> machine CSV: one row per group, canonical column names, plain numbers (1361,
// 0.861040), blank for "not reported" or "no value". For spreadsheets the writer adds a UTF-8
// BOM and CRLF; text cells that a spreadsheet would run as a formula are neutralised.

import { coverageOf } from "../aggregate/completeness.js";
import type { Group, Report } from "../report.js";
import type { Issue, Lang } from "../domain/problems.js";

export interface CsvOptions {
  /** Excel-ready: UTF-8 BOM and CRLF line ends. */
  readonly spreadsheet: boolean;
  readonly decimals: number;
}

/** A text cell beginning with = + - @ tab or CR is prefixed with ' so no spreadsheet runs it. */
export function neutralize(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const ratioDecimals = (o: CsvOptions) => Math.max(6, o.decimals);

/** A cell with a quote, comma or line break is quoted (RFC 4180); quotes inside are doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

function field(cell: string | number): string {
  // A number's text never needs quotes.
  if (typeof cell === "number") return String(cell);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Records as CSV text, every record ended by a line break; for a spreadsheet, with a UTF-8 BOM
 * and CRLF. (Ours, not csv-stringify's: these records are small and plain, and writing 6,300
 * groups took csv-stringify 130 ms.)
 */
export function toCsv(records: readonly (readonly (string | number)[])[], spreadsheet: boolean): string {
  const eol = spreadsheet ? "\r\n" : "\n";
  return (spreadsheet ? "\ufeff" : "") + records.map((r) => line(r, eol)).join("");
}

/** One record as a CSV line, its line break included. */
function line(record: readonly (string | number)[], eol: string): string {
  return record.map(field).join(",") + eol;
}

export function renderCsv(report: Report, o: CsvOptions): string {
  return [...renderCsvChunks(report, o)].join("");
}

/** Characters of CSV gathered before a chunk is handed on. */
const CSV_CHUNK = 64 * 1024;

/**
 * The same text as `renderCsv`, in chunks of about 64 KB, each group's line made as it is
 * reached: a report of a million groups (250 MB of CSV) is never one string.
 */
export function* renderCsvChunks(report: Report, o: CsvOptions): Generator<string> {
  const { header, row } = csvLayout(report, o);
  const eol = o.spreadsheet ? "\r\n" : "\n";
  let out = (o.spreadsheet ? "\ufeff" : "") + line(header, eol);
  for (const g of report.groups) {
    out += line(row(g), eol);
    if (out.length >= CSV_CHUNK) {
      yield out;
      out = "";
    }
  }
  yield out;
}

/** The report's columns, and a group's cells under them. */
function csvLayout(report: Report, o: CsvOptions): { header: string[]; row: (g: Group) => (string | number)[] } {
  const compare = report.compare ? true : false;
  const rollup = report.every !== undefined;
  const registered = report.groups.some((g) => g.register);
  // A commune's code when the data or the register gives one; across 1 July 2025, the old units that make a commune's figures approximate.
  const coded = report.groups.some((g) => g.unitCode !== undefined);
  const approximate = report.groups.some((g) => g.approximate?.length);
  const targeted = [...new Set(report.groups.flatMap((g) => Object.keys(g.targets ?? {})))];
  const graded = new Set(report.groups.flatMap((g) => Object.entries(g.targets ?? {}).flatMap(([k, t]) => (t.grade !== undefined ? [k] : []))));
  const ranked = report.rankedBy !== undefined ? report.ratioNames : [];
  const shared = report.shares ?? [];
  // --allow-errors: a first column, on every row, that a spreadsheet shows in column A (issue 17, item 5).
  const incomplete = report.complete ? null : `incomplete: ${report.excluded.length} row${report.excluded.length === 1 ? "" : "s"} with errors left out`;
  const header = [
    ...(incomplete ? ["incomplete"] : []),
    "level",
    "period",
    "province",
    "district",
    "commune",
    ...(coded ? ["unit_code"] : []),
    "units",
    ...(rollup ? ["units_missing", "covers_from", "covers_to", "cumulative", "partial_period"] : []),
    ...(registered ? ["units_expected", "reporting_rate"] : []),
    ...(approximate ? ["approximate"] : []),
    ...(compare ? ["compared_with"] : []),
    ...report.columns.flatMap((c) => (compare ? [c, `${c}_previous`, `${c}_change`, `${c}_change_pct`] : [c])),
    ...report.ratioNames.flatMap((r) => (compare ? [r, `${r}_previous`, `${r}_change`] : [r])),
    // A configuration's targets (met: 1 or 0, blank when there is no value), --rank, --share.
    ...targeted.flatMap((t) => [`target_${t}`, `met_${t}`, ...(graded.has(t) ? [`grade_${t}`] : [])]),
    ...ranked.map((r) => `rank_${r}`),
    ...shared.map((t) => `share_${t}`),
  ];
  const num = (x: number | null | undefined, fixed?: number): string | number => (x == null ? "" : fixed === undefined ? x : x.toFixed(fixed));
  const places = ratioDecimals(o);
  // A plain loop per group: a national monthly summary has thousands of groups of 50 cells.
  // Each record (totals, ratios) is read once per group: a big report's are made when read.
  const row = (g: Group): (string | number)[] => {
    const cmp = g.comparison?.available ? g.comparison : null;
    const row: (string | number)[] = [...(incomplete ? [incomplete] : []), g.level, neutralize(g.period ?? ""), neutralize(g.province), neutralize(g.district ?? ""), neutralize(g.commune ?? "")];
    if (coded) row.push(g.unitCode ?? "");
    row.push(g.units);
    if (rollup) {
      // What the figures cover: --ytd figures are cumulative; a period with fewer months than it spans is partial (issue 17, item 3).
      const c = coverageOf(g, report.ytd ?? false);
      row.push(g.completeness?.missing.length ?? 0, c?.from ?? "", c?.to ?? "", c ? (c.cumulative ? 1 : 0) : "", c ? (c.partial ? 1 : 0) : "");
    }
    if (registered) row.push(g.register?.expected ?? "", num(g.register?.rate ?? null, places));
    if (approximate) row.push(neutralize((g.approximate ?? []).map((a) => `${a.unit} (${a.why})`).join("; ")));
    if (compare) row.push(g.comparison?.period ?? "");
    const totals = g.totals;
    const ratios = g.ratios;
    for (const c of report.columns) {
      const v = num(totals[c]);
      if (!compare) {
        row.push(v);
        continue;
      }
      const ch = cmp?.totals[c];
      row.push(v, num(ch?.previous), num(ch?.change), num(ch?.change_pct, places));
    }
    for (const r of report.ratioNames) {
      const v = num(ratios[r]!.value, places);
      if (!compare) {
        row.push(v);
        continue;
      }
      const ch = cmp?.ratios[r];
      row.push(v, num(ch?.previous, places), num(ch?.change, places));
    }
    for (const t of targeted) {
      const r = g.targets?.[t];
      row.push(num(r?.target), r?.met == null ? "" : r.met ? 1 : 0);
      if (graded.has(t)) row.push(neutralize(r?.grade ?? ""));
    }
    for (const r of ranked) row.push(num(g.rank?.[r]));
    for (const t of shared) row.push(num(g.share?.[t], places));
    return row;
  };
  return { header, row };
}

/** The problems as CSV, one record each: for `--format csv` when the summary is withheld. */
export function renderIssuesCsv(issues: readonly Issue[], o: CsvOptions & { readonly lang: Lang }): string {
  const header = ["severity", "code", "file", "row", "column", "value", "message", "hint"];
  const rows = issues.map((i) => [
    i.severity,
    i.code,
    neutralize(i.file),
    i.row === null ? "" : String(i.row),
    neutralize(i.column ?? ""),
    neutralize(i.value ?? ""),
    neutralize(i.message[o.lang]),
    neutralize(i.hint[o.lang]),
  ]);
  return toCsv([header, ...rows], o.spreadsheet);
}
