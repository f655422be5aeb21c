// Report -> an Excel workbook (`--format xlsx`), the copy an analyst keeps and works on:
//
//   - a summary sheet ("Tổng hợp" / "Summary"): the title and period, one row per figure and one
//     column per province-level group, then the row accounting and the notes;
//   - one sheet per breakdown present ("Huyện" / "Districts", "Xã" / "Communes"), a group a row;
//   - with --compare, "So sánh" / "Comparison": per group and figure, the previous value, the
//     change and the change in percent;
//   - "Vấn đề dữ liệu" / "Data problems": every issue of the report.
//
// Every figure is a real number cell (never text) with a number format, so Excel shows it with
// the separators of the reader's own locale (1.361 in Vietnamese Excel, 1,361 in English) and
// sums it; the language of the report is the language of the labels. A figure that was not
// reported, or a ratio without a value, is an empty cell, never 0. Ratios are stored as the
// fraction (0.86104) with a percent format, rounded to the six decimals of the JSON report so
// that the two agree to the digit.
//
// Written with SheetJS CE (@e965/xlsx 0.20.3), loaded lazily as in render/template.ts. The
// output is deterministic: fixed document dates, no zip timestamps (SheetJS writes none), and
// a number-format table of our own (see `formatTable`).
//
// What SheetJS CE 0.20.3 can and cannot write, checked in node_modules/@e965/xlsx/xlsx.mjs:
//   - Frozen panes: not written. `write_ws_xml_sheetviews` writes only
//     `<sheetView workbookViewId="0" rightToLeft=…/>`; there is no `!freeze` key, no `<pane>`,
//     no xSplit/ySplit/topLeftCell anywhere on the write path (the one "freezepanes" mention is
//     the XML-2003 *reader*, which ignores it). So the finished file's sheet views get their
//     frozen <pane> from write/zip.ts. Also set: an autofilter on the header row of every list sheet
//     (`!autofilter`, written as `<autoFilter>` plus the `_xlnm._FilterDatabase` name), and the
//     header row repeated on every printed page (`_xlnm.Print_Titles` defined names).
//   - Number formats: yes, per cell (`z`), built-in or custom; custom formats are registered
//     in the workbook's `<numFmts>`. Cell styles beyond the number format (bold, fills, wrap)
//     are a SheetJS Pro feature and are not written.
//   - Column widths: yes (`!cols` with `wch`).

import type * as XLSXTypes from "@e965/xlsx";
import { labelOf, TALLY_BY_NAME } from "../domain/columns.js";
import { RATIOS, type RatioDef } from "../domain/ratios.js";
import type { Group, Level, Report } from "../report.js";
import type { Issue } from "../domain/problems.js";
import { formatFixed, formatNumber, formatPercent, type Lang } from "./numbers.js";
import { groupLabel, incompleteLines, rollupNotes, SKIP_REASONS, WORDS } from "./view.js";
import { freezeHeaderRows } from "../write/zip.js";

export interface XlsxReportOptions {
  readonly lang: "vi" | "en";
  /** Decimals of percentages (0.00% for 2) and of averages such as attendees per meeting. */
  readonly decimals: number;
}

type XLSX = typeof XLSXTypes;
type CellObject = XLSXTypes.CellObject;

/** The document dates written into every workbook: a constant, so equal reports give equal bytes. */
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));

const SHEETS = {
  vi: { summary: "Tổng hợp", district: "Huyện", commune: "Xã", comparison: "So sánh", problems: "Vấn đề dữ liệu" },
  en: { summary: "Summary", district: "Districts", commune: "Communes", comparison: "Comparison", problems: "Data problems" },
} as const;

const TEXT = {
  vi: {
    title: "BÁO CÁO KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC",
    periodLine: "Kỳ báo cáo",
    noPeriod: "không rõ",
    every: { month: "theo tháng", quarter: "theo quý", year: "theo năm" },
    ytd: "lũy kế từ đầu năm",
    compare: { previous: "so với kỳ trước", "last-year": "so với cùng kỳ năm trước" },
    level: { province: "tỉnh", district: "huyện", commune: "xã" } as Record<Level, string>,
    columns: { level: "Cấp", period: "Kỳ", province: "Tỉnh", district: "Huyện", commune: "Xã" },
    registerExpected: "Số đơn vị theo danh sách",
    registerReported: "Số đơn vị đã báo cáo (theo danh sách)",
    registerRate: "Tỷ lệ đơn vị đã báo cáo",
    rowsRead: "Số dòng đã đọc",
    rowsCounted: "Số dòng đơn vị được tính",
    skipped: (reason: string) => `Bỏ qua: ${reason}`,
    notesTitle: "Ghi chú",
    comparedWith: "So với kỳ",
    figure: "Chỉ tiêu",
    current: "Kỳ này",
    previous: "Kỳ trước",
    change: "Thay đổi",
    changePct: "Thay đổi (%)",
    pointsSuffix: " điểm",
    issues: ["Mức độ", "Mã", "Tệp", "Trang tính", "Dòng", "Cột", "Ô", "Giá trị", "Nội dung", "Gợi ý"],
    severity: { error: "lỗi", warning: "cảnh báo" },
    noIssues: "Không phát hiện vấn đề nào trong dữ liệu.",
  },
  en: {
    title: "REPORT ON THE \"ALL PEOPLE PROTECT NATIONAL SECURITY\" MOVEMENT",
    periodLine: "Period",
    noPeriod: "unknown",
    every: { month: "by month", quarter: "by quarter", year: "by year" },
    ytd: "year to date",
    compare: { previous: "compared with the previous period", "last-year": "compared with the same period last year" },
    level: { province: "province", district: "district", commune: "commune" } as Record<Level, string>,
    columns: { level: "Level", period: "Period", province: "Province", district: "District", commune: "Commune" },
    registerExpected: "Units in the register",
    registerReported: "Units of the register that reported",
    registerRate: "Reporting rate",
    rowsRead: "Rows read",
    rowsCounted: "Unit rows counted",
    skipped: (reason: string) => `Skipped: ${reason}`,
    notesTitle: "Notes",
    comparedWith: "Compared with",
    figure: "Indicator",
    current: "This period",
    previous: "Previous",
    change: "Change",
    changePct: "Change (%)",
    pointsSuffix: " pp",
    issues: ["Severity", "Code", "File", "Sheet", "Row", "Column", "Cell", "Value", "Message", "Hint"],
    severity: { error: "error", warning: "warning" },
    noIssues: "No problem was found in the data.",
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Number formats. Format codes are stored in the file in Excel's invariant syntax ("," groups,
// "." decimals); Excel displays them with the separators of its own locale.

const COUNT = "#,##0";
const DECIMAL = "#,##0.0##";
const SIGNED_COUNT = "+#,##0;-#,##0;0";
const SIGNED_DECIMAL = "+#,##0.0##;-#,##0.0##;0";

const places = (d: number) => (d > 0 ? `.${"0".repeat(d)}` : "");
const percentFormat = (d: number) => `0${places(d)}%`;
const signedPercentFormat = (d: number) => `+0${places(d)}%;-0${places(d)}%;0${places(d)}%`;
const fixedFormat = (d: number) => `#,##0${places(d)}`;
/** A change of a percentage in percentage points: "+1.90 điểm" / "+1.90 pp". */
const pointsFormat = (d: number, lang: Lang) => {
  const s = `"${TEXT[lang].pointsSuffix}"`;
  return `+0${places(d)}${s};-0${places(d)}${s};0${places(d)}${s}`;
};

/**
 * Excel's built-in formats that this module uses, by their fixed ids. SheetJS writes a workbook's
 * formats from `wb.SSF`, and without one it copies its process-wide table, which also holds the
 * custom formats of any workbook read earlier in the process: the ids of our own formats would
 * then depend on what was read before. Giving every workbook its own table keeps them fixed.
 */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = { 0: "General", 1: "0", 3: COUNT, 4: "#,##0.00", 9: "0%", 10: "0.00%", 49: "@" };
/** Custom number formats start at id 164 (ids 50-163 are reserved for locale built-ins). */
const FIRST_CUSTOM_FORMAT = 164;

function formatTable(sheets: readonly XLSXTypes.WorkSheet[]): Record<number, string> {
  const table: Record<number, string> = { ...BUILTIN_FORMATS };
  const known = new Set(Object.values(BUILTIN_FORMATS));
  let next = FIRST_CUSTOM_FORMAT;
  for (const ws of sheets) {
    for (const key of Object.keys(ws)) {
      if (key.startsWith("!")) continue;
      const z = (ws[key] as CellObject).z;
      if (typeof z === "string" && !known.has(z)) {
        known.add(z);
        table[next++] = z;
      }
    }
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// Cells and sheets.

/** A cell to write; null is an empty cell (nothing written). */
type Out = CellObject | null;

/** Excel's limit on the text of one cell. */
const MAX_CELL_CHARS = 32_767;

const text = (s: string | null | undefined): Out => (s == null || s === "" ? null : { t: "s", v: s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s });
const num = (v: number | null | undefined, z?: string): Out => (v == null || !Number.isFinite(v) ? null : z === undefined ? { t: "n", v } : { t: "n", v, z });

/** Rounds a ratio as the JSON report does (six decimals), so both documents hold one value. */
const round6 = (x: number | null | undefined): number | null => (x == null ? null : Math.round(x * 1e6) / 1e6);

interface SheetSpec {
  readonly name: string;
  readonly rows: readonly (readonly Out[])[];
  /** 0-based row of the column headers: repeated on printed pages, filtered on list sheets. */
  readonly headerRow: number;
  /** Rows whose text may run over the next empty cells (titles, notes): left out of the widths. */
  readonly loose: ReadonlySet<number>;
  readonly autofilter: boolean;
}

/** What a person sees in a cell, near enough to size its column. */
function shown(c: CellObject, lang: Lang): string {
  if (c.t !== "n") return String(c.v ?? "");
  const v = c.v as number;
  const z = typeof c.z === "string" ? c.z : "";
  const d = z.match(/0\.(0+)/)?.[1]?.length ?? 0;
  const sign = z.startsWith("+") && v > 0 ? "+" : "";
  if (z.includes("%")) return sign + formatPercent(v, lang, d);
  const suffix = z.match(/"([^"]*)"/)?.[1] ?? "";
  if (z === DECIMAL || z === SIGNED_DECIMAL) return sign + formatNumber(v, lang, 3);
  return sign + (d > 0 ? formatFixed(v, lang, d) : formatNumber(v, lang, 0)) + suffix;
}

function toSheet(xlsx: XLSX, spec: SheetSpec, lang: Lang): XLSXTypes.WorkSheet {
  const ws: XLSXTypes.WorkSheet = {};
  let lastCol = 0;
  const widths: number[] = [];
  spec.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (!cell) return;
      ws[xlsx.utils.encode_cell({ r, c })] = cell;
      lastCol = Math.max(lastCol, c);
      if (!spec.loose.has(r)) {
        const longest = Math.max(...shown(cell, lang).split("\n").map((l) => l.length));
        widths[c] = Math.max(widths[c] ?? 0, longest);
      }
    });
  });
  const lastRow = Math.max(spec.rows.length - 1, 0);
  ws["!ref"] = xlsx.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: lastCol } });
  // Wide enough for the longest text, within reason: a long hint stays readable in the cell.
  ws["!cols"] = Array.from({ length: lastCol + 1 }, (_, c) => ({ wch: Math.min(Math.max((widths[c] ?? 0) + 2, 6), 80) }));
  if (spec.autofilter) {
    ws["!autofilter"] = { ref: xlsx.utils.encode_range({ s: { r: spec.headerRow, c: 0 }, e: { r: lastRow, c: lastCol } }) };
  }
  return ws;
}

// ---------------------------------------------------------------------------------------------
// The figures: tallies then ratios, each with its label and number format.

const RATIO_BY_NAME = new Map(RATIOS.map((r) => [r.name, r]));

const tallyFormat = (name: string) => (TALLY_BY_NAME.get(name)?.type === "decimal" ? DECIMAL : COUNT);
const ratioFormat = (def: RatioDef, o: XlsxReportOptions) => (def.percent ? percentFormat(o.decimals) : fixedFormat(o.decimals));

function placeCells(g: Group, lang: Lang): Out[] {
  const t = TEXT[lang];
  return [text(t.level[g.level]), text(g.period), text(g.province), text(g.district), text(g.commune)];
}

function placeHeaders(lang: Lang): Out[] {
  const c = TEXT[lang].columns;
  return [c.level, c.period, c.province, c.district, c.commune].map(text);
}

// ---------------------------------------------------------------------------------------------
// The sheets.

function summarySheet(report: Report, o: XlsxReportOptions): SheetSpec {
  const { lang } = o;
  const t = TEXT[lang];
  const w = WORDS[lang];
  const groups = report.groups.filter((g) => g.level === "province");
  const rows: Out[][] = [];
  const loose = new Set<number>();
  const line = (s: string) => {
    loose.add(rows.length);
    rows.push([text(s)]);
  };

  line(t.title);
  const how = ([
    report.every ? t.every[report.every] : null,
    report.ytd ? t.ytd : null,
    report.compare ? t.compare[report.compare] : null,
  ] as (string | null)[]).filter((s): s is string => s !== null);
  line(`${t.periodLine}: ${report.periods.length ? report.periods.join(", ") : t.noPeriod}${how.length ? ` (${how.join(", ")})` : ""}`);
  for (const s of incompleteLines(report, lang)) line(s);
  rows.push([]);

  const headerRow = rows.length;
  rows.push([text(w.indicator), ...groups.map((g) => text(groupLabel(g, report, lang)))]);
  rows.push([text(w.units), ...groups.map((g) => num(g.units, COUNT))]);
  if (groups.some((g) => g.register)) {
    rows.push([text(t.registerExpected), ...groups.map((g) => num(g.register?.expected, COUNT))]);
    rows.push([text(t.registerReported), ...groups.map((g) => num(g.register?.reported, COUNT))]);
    rows.push([text(t.registerRate), ...groups.map((g) => num(round6(g.register?.rate), percentFormat(o.decimals)))]);
  }
  // A tally not every unit reported is marked "*" and explained in the notes, as in the tables.
  const partial: string[] = [];
  for (const name of report.columns) {
    const short = groups.filter((g) => g.totals[name] != null && (g.reported[name] ?? 0) < g.units);
    for (const g of short) partial.push(`${labelOf(name, lang)} — ${groupLabel(g, report, lang)}: ${g.reported[name]}/${g.units}`);
    rows.push([text(labelOf(name, lang) + (short.length ? "*" : "")), ...groups.map((g) => num(g.totals[name], tallyFormat(name)))]);
  }
  for (const name of report.ratioNames) {
    const def = RATIO_BY_NAME.get(name)!;
    rows.push([text(def[lang]), ...groups.map((g) => num(round6(g.ratios[name]?.value), ratioFormat(def, o)))]);
  }
  if (groups.length === 0) line(w.noGroups);

  // Every row read, accounted for.
  rows.push([]);
  rows.push([text(t.rowsRead), num(report.rows.read, COUNT)]);
  rows.push([text(t.rowsCounted), num(report.rows.counted, COUNT)]);
  for (const [reason, n] of Object.entries(report.rows.skipped)) {
    if (n) rows.push([text(t.skipped(SKIP_REASONS[lang][reason] ?? reason)), num(n, COUNT)]);
  }

  const notes = [...(partial.length ? [w.partial, ...partial] : []), ...rollupNotes(report, lang), ...report.notes];
  if (notes.length) {
    rows.push([]);
    line(t.notesTitle);
    for (const s of notes) line(s);
  }
  return { name: SHEETS[lang].summary, rows, headerRow, loose, autofilter: false };
}

/** One level's groups as rows: where, how many units, then every tally and ratio. */
function breakdownSheet(report: Report, level: "district" | "commune", o: XlsxReportOptions): SheetSpec {
  const { lang } = o;
  const t = TEXT[lang];
  const groups = report.groups.filter((g) => g.level === level);
  const registered = groups.some((g) => g.register);
  const header: Out[] = [
    ...placeHeaders(lang),
    text(WORDS[lang].units),
    ...(registered ? [text(t.registerExpected), text(t.registerRate)] : []),
    ...report.columns.map((name) => text(labelOf(name, lang))),
    ...report.ratioNames.map((name) => text(RATIO_BY_NAME.get(name)![lang])),
  ];
  const rows: Out[][] = [header];
  for (const g of groups) {
    rows.push([
      ...placeCells(g, lang),
      num(g.units, COUNT),
      ...(registered ? [num(g.register?.expected, COUNT), num(round6(g.register?.rate), percentFormat(o.decimals))] : []),
      ...report.columns.map((name) => num(g.totals[name], tallyFormat(name))),
      ...report.ratioNames.map((name) => num(round6(g.ratios[name]?.value), ratioFormat(RATIO_BY_NAME.get(name)!, o))),
    ]);
  }
  return { name: SHEETS[lang][level], rows, headerRow: 0, loose: new Set(), autofilter: true };
}

/** Per group and figure: this period, the earlier one, the change and the change in percent. */
function comparisonSheet(report: Report, o: XlsxReportOptions): SheetSpec {
  const { lang } = o;
  const t = TEXT[lang];
  const rows: Out[][] = [[...placeHeaders(lang), text(t.comparedWith), text(t.figure), text(t.current), text(t.previous), text(t.change), text(t.changePct)]];
  for (const g of report.groups) {
    const cmp = g.comparison;
    if (!cmp) continue;
    const lead = [...placeCells(g, lang), text(cmp.period)];
    if (!cmp.available) {
      rows.push([...lead, text(WORDS[lang].noEarlier(cmp.period))]);
      continue;
    }
    for (const name of report.columns) {
      const ch = cmp.totals[name];
      const z = tallyFormat(name);
      rows.push([
        ...lead,
        text(labelOf(name, lang)),
        num(g.totals[name], z),
        num(ch?.previous, z),
        num(ch?.change, z === DECIMAL ? SIGNED_DECIMAL : SIGNED_COUNT),
        num(round6(ch?.change_pct), signedPercentFormat(o.decimals)),
      ]);
    }
    for (const name of report.ratioNames) {
      const def = RATIO_BY_NAME.get(name)!;
      const ch = cmp.ratios[name];
      // A percentage changes in percentage points (86.1% -> 88.0% is +1.9 points), as the
      // report holds it; an average by its own unit.
      rows.push([
        ...lead,
        text(def[lang]),
        num(round6(g.ratios[name]?.value), ratioFormat(def, o)),
        num(round6(ch?.previous), ratioFormat(def, o)),
        num(round6(ch?.change), def.percent ? pointsFormat(o.decimals, lang) : fixedFormat(o.decimals)),
        null,
      ]);
    }
  }
  return { name: SHEETS[lang].comparison, rows, headerRow: 0, loose: new Set(), autofilter: true };
}

function problemsSheet(report: Report, lang: Lang): SheetSpec {
  const t = TEXT[lang];
  const rows: Out[][] = [t.issues.map(text)];
  const cells = (i: Issue): Out[] => [
    text(t.severity[i.severity]),
    text(i.code),
    text(i.file),
    text(i.sheet),
    num(i.row),
    text(i.column),
    text(i.cell),
    text(i.value),
    text(i.message),
    text(i.hint),
  ];
  for (const i of report.issues) rows.push(cells(i));
  const loose = new Set<number>();
  if (report.issues.length === 0) {
    loose.add(rows.length);
    rows.push([text(t.noIssues)]);
  }
  return { name: SHEETS[lang].problems, rows, headerRow: 0, loose, autofilter: report.issues.length > 0 };
}

// ---------------------------------------------------------------------------------------------

/** The report as .xlsx bytes; the same report always gives the same bytes. */
export async function renderWorkbook(report: Report, o: XlsxReportOptions): Promise<Buffer> {
  const xlsx = (await import("@e965/xlsx/xlsx.mjs")) as unknown as XLSX;
  const specs: SheetSpec[] = [summarySheet(report, o)];
  if (report.groups.some((g) => g.level === "district")) specs.push(breakdownSheet(report, "district", o));
  if (report.groups.some((g) => g.level === "commune")) specs.push(breakdownSheet(report, "commune", o));
  if (report.groups.some((g) => g.comparison)) specs.push(comparisonSheet(report, o));
  specs.push(problemsSheet(report, o.lang));

  const wb = xlsx.utils.book_new();
  const sheets = specs.map((spec) => {
    const ws = toSheet(xlsx, spec, o.lang);
    xlsx.utils.book_append_sheet(wb, ws, spec.name);
    return ws;
  });
  // The header row is also repeated on every printed page.
  wb.Workbook = {
    ...wb.Workbook,
    Names: specs.map((spec, i) => ({
      Name: "_xlnm.Print_Titles",
      Sheet: i,
      Ref: `'${spec.name.replace(/'/g, "''")}'!$${spec.headerRow + 1}:$${spec.headerRow + 1}`,
    })),
  };
  (wb as XLSXTypes.WorkBook & { SSF?: Record<number, string> }).SSF = formatTable(sheets);
  wb.Props = { Title: TEXT[o.lang].title, Author: "tdbv", CreatedDate: FIXED_DATE, ModifiedDate: FIXED_DATE };
  const bytes = xlsx.write(wb, { type: "buffer", bookType: "xlsx", compression: true, bookSST: true }) as Buffer;
  // SheetJS CE writes no panes: freeze each sheet's header rows in the finished file.
  return freezeHeaderRows(bytes, specs.map((spec) => spec.headerRow + 1));
}
