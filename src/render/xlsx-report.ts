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
//   - Conditional formats: no (no `<conditionalFormatting>`, and `<dxfs count="0"/>` in the
//     styles). The green/red fills of a figure against its target (issue 18) are added to the
//     finished sheet and styles XML here (`conditionalXml`, `DXFS`).

import type * as XLSXTypes from "@e965/xlsx";
import { dictionary, labelOf } from "../domain/dictionary.js";
import type { RatioDef } from "../domain/ratios.js";
import type { Group, Report, TargetResult } from "../report.js";
import type { Issue } from "../domain/problems.js";
import { formatFixed, formatNumber, formatPercent, type Lang } from "./numbers.js";
import { SHEET_NAMES as SHEETS, SKIP_REASONS, WORDS, WORKBOOK_WORDS as TEXT } from "./labels.js";
import { groupLabel, incompleteLines, rollupNotes } from "./view.js";
import { usageError } from "../errors.js";
import { readZip, writeZipStream, type StreamEntry } from "../write/zip.js";

export interface XlsxReportOptions {
  readonly lang: "vi" | "en";
  /** Decimals of percentages (0.00% for 2) and of averages such as attendees per meeting. */
  readonly decimals: number;
}

type XLSX = typeof XLSXTypes;
type CellObject = XLSXTypes.CellObject;

/** The document dates written into every workbook: a constant, so equal reports give equal bytes. */
const FIXED_DATE = new Date(Date.UTC(2024, 0, 1));



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
  /** Green/red fills of figures against their targets (none without a configuration's targets). */
  readonly conditional?: readonly Conditional[];
}

/**
 * A conditional format of a range of cells: filled green when `good` holds and red when `bad`
 * does. The formulas are Excel's, written for the range's first cell; Excel shifts their relative
 * references over the range.
 */
interface Conditional {
  readonly sqref: string;
  readonly good: string;
  readonly bad: string;
}

/** "A", "Z", "AA" of a 0-based column. */
function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The formulas of a figure's cell `value` against its target's cell `target` (a minimum: at
 * least it; a maximum: at most it), or, when the targets mix both or give a range, against the
 * cell `met` holding "đạt" / "không đạt". An empty figure or target is neither green nor red.
 */
function againstTarget(kind: "min" | "max" | "met", value: string, target: string, met: string, lang: Lang): { good: string; bad: string } {
  const both = `ISNUMBER(${value}),ISNUMBER(${target})`;
  if (kind === "min") return { good: `AND(${both},${value}>=${target})`, bad: `AND(${both},${value}<${target})` };
  if (kind === "max") return { good: `AND(${both},${value}<=${target})`, bad: `AND(${both},${value}>${target})` };
  const w = TEXT[lang].metWord;
  return { good: `${met}="${w.yes}"`, bad: `${met}="${w.no}"` };
}

/** Whether the targets of a figure are all minimums, all maximums, or neither (ranges, or both kinds). */
function targetKind(results: readonly (TargetResult | undefined)[]): "min" | "max" | "met" {
  const given = results.filter((r): r is TargetResult => r !== undefined && (r.min !== undefined || r.max !== undefined));
  if (given.every((r) => r.min !== undefined && r.max === undefined)) return "min";
  if (given.every((r) => r.max !== undefined && r.min === undefined)) return "max";
  return "met";
}

/** The figures with a target in any of the groups: ratios then tallies, in report order. */
function targetNames(report: Report, groups: readonly Group[]): string[] {
  return [...report.ratioNames, ...report.columns].filter((name) => groups.some((g) => g.targets?.[name]));
}

/** A figure's label: a ratio's, or a tally's. */
const figureLabel = (name: string, lang: Lang) => dictionary().ratioByName.get(name)?.[lang] ?? labelOf(name, lang);

/** The ratios whose ranks are given: the one the report is ranked by first, then the others. */
const rankNames = (report: Report) => (report.rankedBy === undefined ? [] : [report.rankedBy, ...report.ratioNames.filter((n) => n !== report.rankedBy)]);

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

// ---------------------------------------------------------------------------------------------
// The figures: tallies then ratios, each with its label and number format.


const tallyFormat = (name: string) => (dictionary().tallyByName.get(name)?.type === "decimal" ? DECIMAL : COUNT);
const ratioFormat = (def: RatioDef, o: XlsxReportOptions) => (def.percent ? percentFormat(o.decimals) : fixedFormat(o.decimals));
/** A ratio's or a tally's number format (a target is written as its figure is). */
const figureFormat = (name: string, o: XlsxReportOptions) => {
  const def = dictionary().ratioByName.get(name);
  return def ? ratioFormat(def, o) : tallyFormat(name);
};

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
  // Each group's records read once (a big report's are made when read), then figure by figure.
  const totals = groups.map((g) => g.totals);
  const reported = groups.map((g) => g.reported);
  const ratios = groups.map((g) => g.ratios);
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
  /** Each figure's 0-based row, for the conditional formats of its targets. */
  const figureRow = new Map<string, number>();
  for (const name of report.columns) {
    let short = 0;
    groups.forEach((g, k) => {
      if (totals[k]![name] == null || (reported[k]![name] ?? 0) >= g.units) return;
      short++;
      partial.push(`${labelOf(name, lang)} — ${groupLabel(g, report, lang)}: ${reported[k]![name]}/${g.units}`);
    });
    figureRow.set(name, rows.length);
    rows.push([text(labelOf(name, lang) + (short ? "*" : "")), ...groups.map((_, k) => num(totals[k]![name], tallyFormat(name)))]);
  }
  for (const name of report.ratioNames) {
    const def = dictionary().ratioByName.get(name)!;
    figureRow.set(name, rows.length);
    rows.push([text(def[lang]), ...groups.map((_, k) => num(round6(ratios[k]![name]?.value), ratioFormat(def, o)))]);
  }
  // Targets (issue 18): per figure with one, the target, met or not, and the grade; the figure's
  // cells filled green or red against the target row.
  const conditional: Conditional[] = [];
  for (const name of targetNames(report, groups)) {
    const results = groups.map((g) => g.targets?.[name]);
    const z = figureFormat(name, o);
    const targetRow = rows.length;
    rows.push([text(t.target(figureLabel(name, lang))), ...results.map((r) => num(r?.target, z))]);
    const metRow = rows.length;
    rows.push([text(t.met(figureLabel(name, lang))), ...results.map((r) => text(r?.met == null ? null : r.met ? t.metWord.yes : t.metWord.no))]);
    if (results.some((r) => r?.grade !== undefined)) rows.push([text(t.grade(figureLabel(name, lang))), ...results.map((r) => text(r?.grade ?? null))]);
    const at = figureRow.get(name)!;
    const f = againstTarget(targetKind(results), `B${at + 1}`, `B${targetRow + 1}`, `B${metRow + 1}`, lang);
    conditional.push({ sqref: `B${at + 1}:${colName(groups.length)}${at + 1}`, ...f });
  }
  if (groups.length === 0) line(w.noGroups);

  // Every row read, accounted for.
  rows.push([]);
  rows.push([text(t.rowsRead), num(report.rows.read, COUNT)]);
  rows.push([text(t.rowsCounted), num(report.rows.counted, COUNT)]);
  for (const [reason, n] of Object.entries(report.rows.skipped)) {
    if (n) rows.push([text(t.skipped(SKIP_REASONS[lang][reason] ?? reason)), num(n, COUNT)]);
  }

  const notes = [...(partial.length ? [w.partial, ...partial] : []), ...rollupNotes(report, lang), ...report.notes.map((n) => n[lang])];
  if (notes.length) {
    rows.push([]);
    line(t.notesTitle);
    for (const s of notes) line(s);
  }
  return { name: SHEETS[lang].summary, rows, headerRow, loose, autofilter: false, ...(conditional.length ? { conditional } : {}) };
}

/**
 * A sheet listing many rows (groups, figures, problems): its rows are made when they are read,
 * once to measure the sheet and once to write it, and never held together.
 */
interface ListSpec {
  readonly name: string;
  /** How many rows `rows()` gives, known before any is made (Excel's row limit is checked on it). */
  readonly rowCount: number;
  readonly rows: () => Iterable<readonly Out[]>;
  /** 0-based row of the column headers: frozen, repeated on printed pages, filtered. */
  readonly headerRow: number;
  /** Rows left out of the widths (titles, notes, the "no problem" line). */
  readonly loose: ReadonlySet<number>;
  readonly autofilter: boolean;
  readonly conditional?: readonly Conditional[];
}

/** The summary sheet, written as the list sheets are (its rows are few, but its columns, one per
 * province and period, and its note rows both grow with the periods). */
const summaryList = (spec: SheetSpec): ListSpec => ({ ...spec, rowCount: spec.rows.length, rows: () => spec.rows });

/** One level's groups as rows: where, how many units, then every tally and ratio. */
function breakdownSheet(report: Report, level: "district" | "commune", o: XlsxReportOptions): ListSpec {
  const { lang } = o;
  const t = TEXT[lang];
  let count = 0;
  let registered = false;
  let coded = false;
  let approximate = false;
  let standing = false;
  for (const g of report.groups) {
    if (g.level !== level) continue;
    count++;
    if (g.register) registered = true;
    if (g.unitCode !== undefined) coded = true;
    if (g.approximate?.length) approximate = true;
    if (g.targets || g.rank || g.share) standing = true;
  }
  // Targets, ranks and shares (issue 18): columns after the figures, only when the report has them.
  const mine = standing ? report.groups.filter((g) => g.level === level) : [];
  const targeted = targetNames(report, mine).map((name) => ({
    name,
    format: figureFormat(name, o),
    kind: targetKind(mine.map((g) => g.targets?.[name])),
    graded: mine.some((g) => g.targets?.[name]?.grade !== undefined),
  }));
  const ranked = rankNames(report).filter((name) => mine.some((g) => g.rank?.[name] !== undefined));
  const shared = (report.shares ?? []).filter((name) => mine.some((g) => g.share?.[name] !== undefined));
  const header: Out[] = [
    ...placeHeaders(lang),
    // A commune's code (Mã ĐVHC), and across 1 July 2025 the old units that make its figures approximate.
    ...(coded ? [text(lang === "vi" ? "Mã ĐVHC" : "Unit code")] : []),
    ...(approximate ? [text(lang === "vi" ? "Số liệu gần đúng do" : "Approximate because of")] : []),
    text(WORDS[lang].units),
    ...(registered ? [text(t.registerExpected), text(t.registerRate)] : []),
    ...report.columns.map((name) => text(labelOf(name, lang))),
    ...report.ratioNames.map((name) => text(dictionary().ratioByName.get(name)![lang])),
    ...targeted.flatMap(({ name, graded }) => [text(t.target(figureLabel(name, lang))), text(t.met(figureLabel(name, lang))), ...(graded ? [text(t.grade(figureLabel(name, lang)))] : [])]),
    ...ranked.map((name) => text(t.rank(figureLabel(name, lang)))),
    ...shared.map((name) => text(t.share(labelOf(name, lang)))),
  ];
  // Each figure's cells green or red against its target's column, row by row.
  const conditional: Conditional[] = [];
  if (targeted.length && count > 0) {
    // The columns: where, [code], [approximate], units, [register ×2], tallies, ratios, targets.
    const figuresAt = 5 + (coded ? 1 : 0) + (approximate ? 1 : 0) + 1 + (registered ? 2 : 0);
    let at = figuresAt + report.columns.length + report.ratioNames.length;
    for (const { name, kind, graded } of targeted) {
      const k = report.columns.indexOf(name);
      const value = colName(k >= 0 ? figuresAt + k : figuresAt + report.columns.length + report.ratioNames.indexOf(name));
      const f = againstTarget(kind, `${value}2`, `${colName(at)}2`, `${colName(at + 1)}2`, lang);
      conditional.push({ sqref: `${value}2:${value}${count + 1}`, ...f });
      at += graded ? 3 : 2;
    }
  }
  // Each record read once per group (a big report's are made when read); formats looked up once.
  const tallyFormats = report.columns.map(tallyFormat);
  const ratioFormats = report.ratioNames.map((name) => ratioFormat(dictionary().ratioByName.get(name)!, o));
  const figureCells = (totals: Group["totals"]) => report.columns.map((name, k) => num(totals[name], tallyFormats[k]));
  const ratioCells = (ratios: Group["ratios"]) => report.ratioNames.map((name, k) => num(round6(ratios[name]?.value), ratioFormats[k]));
  function* rows(): Generator<readonly Out[]> {
    yield header;
    for (const g of report.groups) {
      if (g.level !== level) continue;
      yield [
        ...placeCells(g, lang),
        ...(coded ? [text(g.unitCode ?? null)] : []),
        ...(approximate ? [text(g.approximate?.length ? g.approximate.map((a) => `${a.unit} (${WORDS[lang].approximateWhy(a.why)})`).join("; ") : null)] : []),
        num(g.units, COUNT),
        ...(registered ? [num(g.register?.expected, COUNT), num(round6(g.register?.rate), percentFormat(o.decimals))] : []),
        ...figureCells(g.totals),
        ...ratioCells(g.ratios),
        ...targeted.flatMap(({ name, format, graded }) => {
          const r = g.targets?.[name];
          return [num(r?.target, format), text(r?.met == null ? null : r.met ? t.metWord.yes : t.metWord.no), ...(graded ? [text(r?.grade ?? null)] : [])];
        }),
        ...ranked.map((name) => num(g.rank?.[name], COUNT)),
        ...shared.map((name) => num(round6(g.share?.[name]), percentFormat(o.decimals))),
      ];
    }
  }
  return { name: SHEETS[lang][level], rowCount: 1 + count, rows, headerRow: 0, loose: new Set(), autofilter: true, ...(conditional.length ? { conditional } : {}) };
}

/** Per group and figure: this period, the earlier one, the change and the change in percent. */
function comparisonSheet(report: Report, o: XlsxReportOptions): ListSpec {
  const { lang } = o;
  const t = TEXT[lang];
  const figures = report.columns.length + report.ratioNames.length;
  let count = 1;
  for (const g of report.groups) if (g.comparison) count += g.comparison.available ? figures : 1;
  function* rows(): Generator<readonly Out[]> {
    yield [...placeHeaders(lang), text(t.comparedWith), text(t.figure), text(t.current), text(t.previous), text(t.change), text(t.changePct)];
    for (const g of report.groups) {
      const cmp = g.comparison;
      if (!cmp) continue;
      const lead = [...placeCells(g, lang), text(cmp.period)];
      if (!cmp.available) {
        yield [...lead, text(WORDS[lang].noEarlier(cmp.period))];
        continue;
      }
      for (const name of report.columns) {
        const ch = cmp.totals[name];
        const z = tallyFormat(name);
        yield [
          ...lead,
          text(labelOf(name, lang)),
          num(g.totals[name], z),
          num(ch?.previous, z),
          num(ch?.change, z === DECIMAL ? SIGNED_DECIMAL : SIGNED_COUNT),
          num(round6(ch?.change_pct), signedPercentFormat(o.decimals)),
        ];
      }
      for (const name of report.ratioNames) {
        const def = dictionary().ratioByName.get(name)!;
        const ch = cmp.ratios[name];
        // A percentage changes in percentage points (86.1% -> 88.0% is +1.9 points), as the
        // report holds it; an average by its own unit.
        yield [
          ...lead,
          text(def[lang]),
          num(round6(g.ratios[name]?.value), ratioFormat(def, o)),
          num(round6(ch?.previous), ratioFormat(def, o)),
          num(round6(ch?.change), def.percent ? pointsFormat(o.decimals, lang) : fixedFormat(o.decimals)),
          null,
        ];
      }
    }
  }
  return { name: SHEETS[lang].comparison, rowCount: count, rows, headerRow: 0, loose: new Set(), autofilter: true };
}

function problemsSheet(report: Report, lang: Lang): ListSpec {
  const t = TEXT[lang];
  const cells = (i: Issue): Out[] => [
    text(t.severity[i.severity]),
    text(i.code),
    text(i.file),
    text(i.sheet),
    num(i.row),
    text(i.column),
    text(i.cell),
    text(i.value),
    text(i.message[lang]),
    text(i.hint[lang]),
  ];
  const none = report.issues.length === 0;
  function* rows(): Generator<readonly Out[]> {
    yield t.issues.map(text);
    for (const i of report.issues) yield cells(i);
    if (none) yield [text(t.noIssues)];
  }
  return { name: SHEETS[lang].problems, rowCount: 1 + (none ? 1 : report.issues.length), rows, headerRow: 0, loose: new Set(none ? [1] : []), autofilter: !none };
}

// ---------------------------------------------------------------------------------------------
// Excel's limits, checked before any of the workbook is made.

/** Rows of one worksheet in Excel (and LibreOffice since 7.4). */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Columns of one worksheet: the summary sheet has one per province-level group. */
export const EXCEL_MAX_COLUMNS = 16_384;

/**
 * Excel's row limit, or for tests only the smaller one in TDBV_TEST_XLSX_MAX_ROWS, so that a
 * refusal can be tested without a million-row input.
 */
function maxRows(env: NodeJS.ProcessEnv): number {
  const test = Number(env.TDBV_TEST_XLSX_MAX_ROWS);
  return Number.isInteger(test) && test > 0 ? test : EXCEL_MAX_ROWS;
}

const count = (n: number) => n.toLocaleString("en-US");

interface Plan {
  readonly summary: SheetSpec;
  readonly lists: readonly ListSpec[];
}

/** The workbook's sheets, or a usage error (exit 2) when one would not fit in Excel. */
function plan(report: Report, o: XlsxReportOptions, env: NodeJS.ProcessEnv = process.env): Plan {
  const summary = summarySheet(report, o);
  const lists: ListSpec[] = [];
  if (report.groups.some((g) => g.level === "district")) lists.push(breakdownSheet(report, "district", o));
  if (report.groups.some((g) => g.level === "commune")) lists.push(breakdownSheet(report, "commune", o));
  if (report.groups.some((g) => g.comparison)) lists.push(comparisonSheet(report, o));
  lists.push(problemsSheet(report, o.lang));
  const limit = maxRows(env);
  for (const { name, rowCount } of [{ name: summary.name, rowCount: summary.rows.length }, ...lists]) {
    if (rowCount > limit) {
      throw usageError(
        {
          vi: `trang tính "${name}" của sổ tính sẽ có ${count(rowCount)} dòng; Excel chỉ cho ${count(limit)} dòng một trang, nên không ghi sổ tính nào`,
          en: `the workbook's sheet "${name}" would have ${count(rowCount)} rows; Excel's limit is ${count(limit)} rows a sheet, so no workbook was written`,
        },
        report.by === "province"
          ? {
              vi: "Ghi CSV hoặc JSON (--format csv hoặc --format json, không giới hạn số dòng), hoặc tổng hợp ít kỳ hơn hay một tỉnh (--period, --province).",
              en: "Write CSV or JSON (--format csv or --format json, which have no row limit), or summarise fewer periods or one province (--period, --province).",
            }
          : {
              vi: `Tổng hợp ở cấp cao hơn (--by ${report.by === "commune" ? "district hoặc --by province" : "province"}), hoặc ghi CSV hoặc JSON (--format csv hoặc --format json), không giới hạn số dòng.`,
              en: `Summarise by a coarser level (--by ${report.by === "commune" ? "district or --by province" : "province"}), or write CSV or JSON (--format csv or --format json), which have no row limit.`,
            },
      );
    }
  }
  const columns = summary.rows.reduce((most, row) => Math.max(most, row.length), 0);
  if (columns > EXCEL_MAX_COLUMNS) {
    throw usageError(
      {
        vi: `trang tính "${summary.name}" của sổ tính sẽ có ${count(columns)} cột (mỗi tỉnh và kỳ một cột); Excel chỉ cho ${count(EXCEL_MAX_COLUMNS)} cột, nên không ghi sổ tính nào`,
        en: `the workbook's sheet "${summary.name}" would have ${count(columns)} columns (one per province and period); Excel's limit is ${count(EXCEL_MAX_COLUMNS)}, so no workbook was written`,
      },
      {
        vi: "Tổng hợp ít kỳ hơn (--period, hoặc --every dài hơn), hoặc ghi CSV hoặc JSON (--format csv hoặc --format json).",
        en: "Summarise fewer periods (--period, or a longer --every), or write CSV or JSON (--format csv or --format json).",
      },
    );
  }
  return { summary, lists };
}

// ---------------------------------------------------------------------------------------------
// Writing. SheetJS writes the summary sheet and every part of the package but the list sheets'
// rows and the shared strings: each list sheet is given to it as a stub (its extent, widths,
// filter, and one cell of each number format it uses, in the order they first appear, so that
// the styles and the format table come out as for the whole sheet). Its rows are then written
// here, a row at a time, as SheetJS writes them (`write_ws_xml_data` and `write_ws_xml_cell` in
// xlsx.mjs for the cells these sheets have: numbers, with or without a number format, and shared
// strings), and the shared strings after them. The bytes are those SheetJS wrote of the whole
// workbook, which held every cell as an object keyed by its address: 80,000 rows by commune took
// 64 s and 2.6 GB, growing faster than the rows, and a sheet of a million rows would have passed
// V8's longest string.

/** What a list sheet's first reading finds: its extent, its columns' widths, its number formats. */
interface Measured {
  readonly lastRow: number;
  readonly lastCol: number;
  readonly widths: readonly number[];
  /** Number formats ("" for General) in the order they first appear. */
  readonly formats: readonly string[];
}

function measure(spec: ListSpec, lang: Lang): Measured {
  let lastCol = 0;
  let r = 0;
  const widths: number[] = [];
  const formats = new Set<string>();
  for (const row of spec.rows()) {
    const loose = spec.loose.has(r);
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      if (c > lastCol) lastCol = c;
      formats.add(typeof cell.z === "string" ? cell.z : "");
      if (!loose) {
        const longest = Math.max(...shown(cell, lang).split("\n").map((l) => l.length));
        if (longest > (widths[c] ?? 0)) widths[c] = longest;
      }
    }
    r++;
  }
  if (r !== spec.rowCount) throw new Error(`internal: sheet ${spec.name} counted ${spec.rowCount} rows and made ${r}`);
  return { lastRow: Math.max(r - 1, 0), lastCol, widths, formats: [...formats] };
}

/** The sheet SheetJS writes for a list sheet: everything but its rows (see above). */
function stubSheet(xlsx: XLSX, spec: ListSpec, m: Measured, first: CellObject): XLSXTypes.WorkSheet {
  const ws: XLSXTypes.WorkSheet = {};
  // A General cell first (no new style), then one cell per format.
  const cells: CellObject[] = [first, ...m.formats.filter((z) => z !== "").map((z): CellObject => ({ t: "n", v: 0, z }))];
  cells.forEach((cell, c) => (ws[xlsx.utils.encode_cell({ r: 0, c })] = cell));
  ws["!ref"] = stubRef(xlsx, m, cells.length);
  ws["!cols"] = Array.from({ length: m.lastCol + 1 }, (_, c) => ({ wch: Math.min(Math.max((m.widths[c] ?? 0) + 2, 6), 80) }));
  if (spec.autofilter) ws["!autofilter"] = { ref: fullRef(xlsx, m) };
  return ws;
}

const fullRef = (xlsx: XLSX, m: Measured) => xlsx.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: m.lastRow, c: m.lastCol } });
const stubRef = (xlsx: XLSX, m: Measured, cells: number) => xlsx.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: 0, c: Math.max(m.lastCol, cells - 1) } });

/** Characters of XML gathered before a chunk is handed to the deflater. */
const XML_CHUNK = 16 * 1024;

/** SheetJS's `escapexml`. */
const XML_SPECIAL = /[&<>'"]/g;
const XML_CONTROL = /[\u0000-\u0008\u000b-\u001f\uFFFE-\uFFFF]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;" };
const escapeXml = (s: string) => s.replace(XML_SPECIAL, (c) => ENTITIES[c]!).replace(XML_CONTROL, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0")}_`);
/** SheetJS's `straywsregex`: such a string is written with xml:space="preserve". */
const STRAY_SPACE = /^\s|\s$|[\t\n\r]/;

/** The shared strings table, in the order SheetJS fills its own (`get_sst_id`). */
class SharedStrings {
  readonly list: string[] = [];
  readonly ids = new Map<string, number>();
  count = 0;
  id(s: string): number {
    this.count++;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(s, id);
      this.list.push(s);
    }
    return id;
  }
}

/** The cell styles (`cellXfs`), in the order SheetJS makes them (`get_cell_style`): one per number format, General first. */
class CellStyles {
  readonly formats: number[] = [0];
  private readonly byFormat = new Map<string, number>();
  constructor(table: Record<number, string>) {
    for (const [id, z] of Object.entries(table)) this.byFormat.set(z, Number(id));
  }
  /** The style index of a cell of number format `z` ("" or undefined for General). */
  of(z: string | undefined): number {
    const id = z ? this.byFormat.get(z) : 0;
    if (id === undefined) throw new Error(`internal: number format ${z} is not in the workbook's table`);
    let i = this.formats.indexOf(id);
    if (i < 0) i = this.formats.push(id) - 1;
    return i;
  }
}

/** A list sheet's XML, a chunk at a time: the stub's XML around the rows written here. */
function* listSheetXml(stub: string, stubRefText: string, realRef: string, spec: ListSpec, m: Measured, strings: SharedStrings, styles: CellStyles, columns: readonly string[]): Generator<string> {
  const open = stub.indexOf("<sheetData>");
  const close = stub.lastIndexOf("</sheetData>");
  if (open < 0 || close < 0) throw new Error(`internal: no rows in the stub of sheet ${spec.name}`);
  const prefix = freezePane(stub.slice(0, open), spec.headerRow + 1).replace(`<dimension ref="${stubRefText}"/>`, `<dimension ref="${realRef}"/>`);
  yield prefix + "<sheetData>";
  let out = "";
  let r = 0;
  for (const row of spec.rows()) {
    const rr = String(++r);
    let cells = "";
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const s = styles.of(cell.z as string | undefined);
      const attrs = `<c r="${columns[c]}${rr}"${s !== 0 ? ` s="${s}"` : ""}`;
      cells += cell.t === "s" ? `${attrs} t="s"><v>${strings.id(cell.v as string)}</v></c>` : `${attrs}><v>${cell.v as number}</v></c>`;
    }
    if (cells) out += `<row r="${rr}">${cells}</row>`;
    if (out.length >= XML_CHUNK) {
      yield out;
      out = "";
    }
  }
  yield conditionalXml(out + stub.slice(close).replace(`sqref="${stubRefText}"`, `sqref="${realRef}"`), spec.conditional ?? []);
}

/**
 * The differential formats of the conditional fills, in the styles' `<dxfs>`: 0 green (met),
 * 1 red (not met), Excel's own "good" and "bad" colours.
 */
const DXFS =
  '<dxfs count="2">' +
  '<dxf><font><color rgb="FF006100"/></font><fill><patternFill><bgColor rgb="FFC6EFCE"/></patternFill></fill></dxf>' +
  '<dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf>' +
  "</dxfs>";

/**
 * A sheet's XML end with its conditional formats: ECMA-376 places <conditionalFormatting> after
 * <sheetData>, <autoFilter> and <mergeCells>, before <dataValidations>, <hyperlinks>, the page
 * setup and <ignoredErrors>.
 */
function conditionalXml(tail: string, rules: readonly Conditional[]): string {
  if (!rules.length) return tail;
  let priority = 0;
  const xml = rules
    .map(
      (r) =>
        `<conditionalFormatting sqref="${r.sqref}">` +
        `<cfRule type="expression" dxfId="0" priority="${++priority}"><formula>${escapeXml(r.good)}</formula></cfRule>` +
        `<cfRule type="expression" dxfId="1" priority="${++priority}"><formula>${escapeXml(r.bad)}</formula></cfRule>` +
        "</conditionalFormatting>",
    )
    .join("");
  const after = /<(dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(tail);
  const at = after ? after.index : tail.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("internal: no end of a worksheet to put its conditional formats before");
  return tail.slice(0, at) + xml + tail.slice(at);
}

/** The shared strings SheetJS wrote (those of the summary sheet) followed by the list sheets'. */
function* sharedStringsXml(written: string, strings: SharedStrings, from: number): Generator<string> {
  const end = written.lastIndexOf("</sst>");
  if (end < 0) throw new Error("internal: no shared strings written");
  yield written.slice(0, end).replace(/ count="\d+" uniqueCount="\d+"/, ` count="${strings.count}" uniqueCount="${strings.list.length}"`);
  let out = "";
  for (let i = from; i < strings.list.length; i++) {
    const s = strings.list[i]!;
    out += `<si><t${STRAY_SPACE.test(s) ? ' xml:space="preserve"' : ""}>${escapeXml(s)}</t></si>`;
    if (out.length >= XML_CHUNK) {
      yield out;
      out = "";
    }
  }
  yield out + "</sst>";
}

// ---------------------------------------------------------------------------------------------

/** The report as .xlsx bytes; the same report always gives the same bytes. */
export async function renderWorkbook(report: Report, o: XlsxReportOptions): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of workbookChunks(report, o)) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * The workbook in chunks, made as they are written: memory for the report's strings and the
 * largest sheet deflated, not for its cells. Throws a usage error at once (before anything is
 * made or written) when a sheet would pass Excel's limits.
 */
export function workbookChunks(report: Report, o: XlsxReportOptions, env: NodeJS.ProcessEnv = process.env): AsyncIterable<Uint8Array> {
  return writeWorkbook(o, plan(report, o, env));
}

async function* writeWorkbook(o: XlsxReportOptions, plan: Plan): AsyncGenerator<Uint8Array> {
  const xlsx = (await import("@e965/xlsx/xlsx.mjs")) as unknown as XLSX;
  const specs = [summaryList(plan.summary), ...plan.lists];
  const measured = specs.map((spec) => measure(spec, o.lang));
  // The workbook's first string (the summary's title) is the one SheetJS numbers itself: the
  // shared strings it writes then hold it alone, and ours follow it.
  const title = plan.summary.rows[0]?.[0];
  if (title?.t !== "s") throw new Error("internal: the summary sheet starts without its title");
  const sheets = specs.map((spec, i) => stubSheet(xlsx, spec, measured[i]!, i === 0 ? title : { t: "n", v: 0 }));

  const wb = xlsx.utils.book_new();
  sheets.forEach((ws, i) => xlsx.utils.book_append_sheet(wb, ws, specs[i]!.name));
  // The header row is also repeated on every printed page.
  wb.Workbook = {
    ...wb.Workbook,
    Names: specs.map((spec, i) => ({
      Name: "_xlnm.Print_Titles",
      Sheet: i,
      Ref: `'${spec.name.replace(/'/g, "''")}'!$${spec.headerRow + 1}:$${spec.headerRow + 1}`,
    })),
  };
  const table = formatTable(sheets);
  (wb as XLSXTypes.WorkBook & { SSF?: Record<number, string> }).SSF = table;
  wb.Props = { Title: TEXT[o.lang].title, Author: "tdbv", CreatedDate: FIXED_DATE, ModifiedDate: FIXED_DATE };
  // Stored, not deflated: every entry is deflated once, below.
  const written = readZip(xlsx.write(wb, { type: "buffer", bookType: "xlsx", compression: false, bookSST: true }) as Buffer);

  // The cell styles SheetJS made from the stubs must be those the rows are written with.
  const styles = new CellStyles(table);
  for (const m of measured) for (const z of m.formats) styles.of(z);
  const xml = (name: string) => written.find((e) => e.name === name)?.data.toString("utf8") ?? "";
  const theirs = [...(xml("xl/styles.xml").match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)?.[1] ?? "").matchAll(/<xf numFmtId="(\d+)"/g)].map((x) => Number(x[1]));
  if (theirs.join() !== styles.formats.join()) throw new Error(`internal: cell styles ${theirs.join()} written, ${styles.formats.join()} expected`);

  const strings = new SharedStrings();
  let done = 0;
  const entries = written.map((e): StreamEntry => {
    const k = Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name)?.[1] ?? 0) - 1;
    if (k >= 0) {
      const spec = specs[k]!;
      const m = measured[k]!;
      const columns = Array.from({ length: m.lastCol + 1 }, (_, c) => xlsx.utils.encode_col(c));
      const stubRefText = sheets[k]!["!ref"]!;
      return {
        name: e.name,
        data: function* () {
          yield* listSheetXml(e.data.toString("utf8"), stubRefText, fullRef(xlsx, m), spec, m, strings, styles, columns);
          done++;
        },
      };
    }
    if (e.name === "xl/sharedStrings.xml") {
      return {
        name: e.name,
        data: function* () {
          if (done !== specs.length || strings.list[0] !== title.v) throw new Error("internal: the shared strings come before a sheet");
          yield* sharedStringsXml(e.data.toString("utf8"), strings, 1);
        },
      };
    }
    if (e.name === "xl/styles.xml" && specs.some((spec) => spec.conditional?.length)) {
      const styles = e.data.toString("utf8");
      if (!styles.includes('<dxfs count="0"/>')) throw new Error("internal: the styles have no empty <dxfs> to fill");
      return { name: e.name, data: Buffer.from(styles.replace('<dxfs count="0"/>', DXFS), "utf8") };
    }
    return { name: e.name, data: e.data };
  });
  yield* writeZipStream(entries);
}

/** A worksheet's XML with its first `n` rows frozen (the <pane> SheetJS CE cannot write). */
function freezePane(xml: string, n: number): string {
  const pane = `<pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${n + 1}" sqref="A${n + 1}"/>`;
  return xml.replace(/<sheetView([^>]*?)\/>/, `<sheetView$1>${pane}</sheetView>`);
}
