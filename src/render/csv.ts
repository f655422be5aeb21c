// Report -> machine CSV: one row per group, canonical column names, plain numbers (1361,
// 0.861040), blank for "not reported" or "no value". For spreadsheets the writer adds a UTF-8
// BOM and CRLF; text cells that a spreadsheet would run as a formula are neutralised.

import type { Report } from "../report.js";
import type { Issue } from "../validate/codes.js";

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
  const text = typeof cell === "number" ? String(cell) : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Records as CSV text, every record ended by a line break; for a spreadsheet, with a UTF-8 BOM
 * and CRLF. (Ours, not csv-stringify's: these records are small and plain, and writing 6,300
 * groups took csv-stringify 130 ms.)
 */
export function toCsv(records: readonly (readonly (string | number)[])[], spreadsheet: boolean): string {
  const eol = spreadsheet ? "\r\n" : "\n";
  const lines = records.map((r) => r.map(field).join(",") + eol);
  return (spreadsheet ? "\ufeff" : "") + lines.join("");
}

function write(records: (string | number)[][], o: CsvOptions): string {
  return toCsv(records, o.spreadsheet);
}

export function renderCsv(report: Report, o: CsvOptions): string {
  const compare = report.compare ? true : false;
  const rollup = report.every !== undefined;
  const registered = report.groups.some((g) => g.register);
  const header = [
    "level",
    "period",
    "province",
    "district",
    "commune",
    "units",
    ...(rollup ? ["units_missing"] : []),
    ...(registered ? ["units_expected", "reporting_rate"] : []),
    ...(compare ? ["compared_with"] : []),
    ...report.columns.flatMap((c) => (compare ? [c, `${c}_previous`, `${c}_change`, `${c}_change_pct`] : [c])),
    ...report.ratioNames.flatMap((r) => (compare ? [r, `${r}_previous`, `${r}_change`] : [r])),
  ];
  const num = (x: number | null | undefined, fixed?: number) => (x == null ? "" : fixed === undefined ? String(x) : x.toFixed(fixed));
  const rows = report.groups.map((g) => {
    const cmp = g.comparison?.available ? g.comparison : null;
    return [
      g.level,
      neutralize(g.period ?? ""),
      neutralize(g.province),
      neutralize(g.district ?? ""),
      neutralize(g.commune ?? ""),
      g.units,
      ...(rollup ? [g.completeness?.missing.length ?? 0] : []),
      ...(registered ? [g.register?.expected ?? "", num(g.register?.rate ?? null, ratioDecimals(o))] : []),
      ...(compare ? [g.comparison?.period ?? ""] : []),
      ...report.columns.flatMap((c) => {
        const v = num(g.totals[c]);
        if (!compare) return [v];
        const ch = cmp?.totals[c];
        return [v, num(ch?.previous), num(ch?.change), num(ch?.change_pct, ratioDecimals(o))];
      }),
      ...report.ratioNames.flatMap((r) => {
        const v = num(g.ratios[r]!.value, ratioDecimals(o));
        if (!compare) return [v];
        const ch = cmp?.ratios[r];
        return [v, num(ch?.previous, ratioDecimals(o)), num(ch?.change, ratioDecimals(o))];
      }),
    ];
  });
  return write([header, ...rows], o);
}

/** The problems as CSV, one record each: for `--format csv` when the summary is withheld. */
export function renderIssuesCsv(issues: readonly Issue[], o: CsvOptions): string {
  const header = ["severity", "code", "file", "row", "column", "value", "message", "hint"];
  const rows = issues.map((i) => [
    i.severity,
    i.code,
    neutralize(i.file),
    i.row === null ? "" : String(i.row),
    neutralize(i.column ?? ""),
    neutralize(i.value ?? ""),
    neutralize(i.message),
    neutralize(i.hint),
  ]);
  return write([header, ...rows], o);
}
