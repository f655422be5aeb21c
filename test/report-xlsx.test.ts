// Issue 7, part 2: the --format xlsx workbook, read back with the project's own reader (and,
// for the number formats, with SheetJS directly). Every number in it must equal the JSON
// report's, be a real number cell (never text), and be empty where the report has null.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx/xlsx.mjs";
import { BUILT_IN, labelOf } from "../src/domain/dictionary.js";
import { RATIOS } from "../src/domain/ratios.js";
import { readInput } from "../src/read/index.js";
import type { Cell, Sheet } from "../src/read/sheet.js";
import { bufferSource, fileSource } from "../src/read/source.js";
import { renderJson } from "../src/render/json.js";
import { WORDS } from "../src/render/view.js";
import { renderWorkbook, type XlsxReportOptions } from "../src/render/xlsx-report.js";
import type { Report } from "../src/report.js";
import { rollupReport } from "../src/pipeline/rollup.js";
import { summarize, type SummarizeOptions } from "../src/pipeline/summarize.js";
import { ROOT, sheet, tempDir } from "./helpers.js";

// ----- the reports, built by the project's own pipeline ---------------------------------------

const READ = { delimiter: null, encoding: null } as const;
const OPTS: SummarizeOptions = { by: "district", province: null, period: null, decimalMark: null };

async function readFixture(file: string): Promise<Sheet[]> {
  return readInput(fileSource(file, join(ROOT, file)), READ);
}

async function lamDong(): Promise<Report> {
  return summarize([await readFixture("fixtures/lam-dong-2024.csv")], OPTS);
}

async function yearly(): Promise<Report> {
  const files = readdirSync(join(ROOT, "fixtures/yearly")).filter((f) => f.endsWith(".csv")).sort();
  const sheets = await Promise.all(files.map((f) => readFixture(`fixtures/yearly/${f}`)));
  return rollupReport(sheets, { ...OPTS, every: "year", ytd: false, compare: "previous" });
}

/** Communes with blanks (a district that reported no meetings, a column nobody filled) and a wrong total row. */
function communes(): Report {
  const text = [
    "province,district,commune,cases_total,cases_solved,meetings,meeting_attendees,leaflets,explosives_kg",
    "Lâm Đồng,Huyện A,Xã Một,10,8,4,130,,1.5",
    "Lâm Đồng,Huyện A,Xã Hai,3,3,2,61,,0.25",
    "Lâm Đồng,Huyện B,Xã Ba,5,,,,,",
    "Lâm Đồng,Huyện B,Xã Bốn,0,0,,,,2",
    "Lâm Đồng,,Tổng cộng,19,11,6,191,,3.75",
  ].join("\n");
  return summarize([[sheet(text, "2024.csv")]], { ...OPTS, by: "commune" });
}

// ----- the JSON report, the reference every cell is checked against ---------------------------

interface JsonRatio {
  numerator: number;
  denominator: number;
  value: number | null;
}
interface JsonGroup {
  level: string;
  period: string | null;
  province: string;
  district: string | null;
  commune: string | null;
  units: number;
  totals: Record<string, number | null>;
  ratios: Record<string, JsonRatio>;
  comparison?: {
    period: string;
    available: boolean;
    totals: Record<string, { previous: number | null; change: number | null; change_pct: number | null }>;
    ratios: Record<string, { previous: number | null; change: number | null }>;
  };
}
interface JsonIssue {
  code: string;
  severity: string;
  file: string;
  row: number | null;
  column: string | null;
  message: string;
  hint: string;
}
interface JsonReport {
  groups: JsonGroup[];
  rows: { read: number; counted: number; skipped: Record<string, number> };
  issues: JsonIssue[];
}

const jsonOf = (r: Report): JsonReport => JSON.parse(renderJson(r, "vi"));

// ----- reading cells back ----------------------------------------------------------------------

const RATIO = new Map(RATIOS.map((r) => [r.name, r]));
const isEmpty = (c: Cell | undefined) => c === undefined || c === "";

/** A number cell that must hold `expected` (or be empty for null). */
function expectNumber(c: Cell | undefined, expected: number | null, where: string) {
  if (expected === null) return expect(isEmpty(c), `${where}: empty, got ${JSON.stringify(c)}`).toBe(true);
  expect(typeof c, `${where}: a number cell, got ${JSON.stringify(c)}`).toBe("number");
  expect(c, where).toBe(expected);
}

/**
 * A percent-formatted number cell: the project's reader gives what a person sees ("86.104%",
 * read/xlsx.ts toCell), which is the fraction times 100.
 */
function expectPercent(c: Cell | undefined, expected: number | null, where: string) {
  if (expected === null) return expect(isEmpty(c), `${where}: empty, got ${JSON.stringify(c)}`).toBe(true);
  expect(typeof c, `${where}: ${JSON.stringify(c)}`).toBe("string");
  expect(c as string, where).toMatch(/^-?\d+(\.\d+)?%$/);
  expect(Math.abs(Number.parseFloat(c as string) / 100 - expected), `${where}: ${c} vs ${expected}`).toBeLessThan(1e-9);
}

function expectRatio(name: string, c: Cell | undefined, expected: number | null, where: string) {
  if (RATIO.get(name)!.percent) return expectPercent(c, expected, where);
  if (expected === null) return expect(isEmpty(c), where).toBe(true);
  expect(typeof c, where).toBe("number");
  expect(Math.abs((c as number) - expected), where).toBeLessThan(1e-9);
}

async function readBack(buf: Buffer): Promise<Map<string, Cell[][]>> {
  const sheets = await readInput(bufferSource("r.xlsx", buf), READ);
  return new Map(sheets.map((s) => [s.sheet ?? "", s.head.map((r) => [...r])]));
}

/** The raw workbook, as SheetJS reads it with the number formats. */
function raw(buf: Buffer): XLSX.WorkBook {
  return XLSX.read(buf, { type: "buffer", cellNF: true });
}

// ----- the checks, shared by every report ------------------------------------------------------

function checkSummary(rows: Cell[][], report: Report, json: JsonReport, lang: "vi" | "en") {
  const header = rows.findIndex((r) => r[0] === WORDS[lang].indicator);
  expect(header).toBeGreaterThan(0);
  const provinces = json.groups.filter((g) => g.level === "province");
  expect(rows[header]!.length).toBe(1 + provinces.length);
  let r = header + 1;
  expect(rows[r]![0]).toBe(WORDS[lang].units);
  provinces.forEach((g, i) => expectNumber(rows[r]![i + 1], g.units, "units"));
  for (const name of report.columns) {
    r++;
    expect(String(rows[r]![0]).replace(/\*$/, "")).toBe(labelOf(name, lang));
    provinces.forEach((g, i) => expectNumber(rows[r]![i + 1], g.totals[name] ?? null, `summary ${name} ${g.period}`));
  }
  for (const name of report.ratioNames) {
    r++;
    expect(rows[r]![0]).toBe(RATIO.get(name)![lang]);
    provinces.forEach((g, i) => expectRatio(name, rows[r]![i + 1], g.ratios[name]!.value, `summary ${name} ${g.period}`));
  }
  // The row accounting follows the figures.
  const read = rows.findIndex((row, i) => i > r && typeof row[1] === "number");
  expect(rows[read]![1]).toBe(json.rows.read);
  expect(rows[read + 1]![1]).toBe(json.rows.counted);
  const skipped = Object.values(json.rows.skipped).filter((n) => n > 0);
  expect(rows.slice(read + 2, read + 2 + skipped.length).map((row) => row[1])).toEqual(skipped);
}

function checkBreakdown(rows: Cell[][] | undefined, level: string, report: Report, json: JsonReport) {
  const groups = json.groups.filter((g) => g.level === level);
  expect(rows, `${level} sheet`).toBeDefined();
  expect(rows!.length).toBe(1 + groups.length);
  groups.forEach((g, i) => {
    const row = rows![i + 1]!;
    const where = `${level} ${g.district ?? ""} ${g.commune ?? ""} ${g.period ?? ""}`;
    expect(row.slice(1, 5)).toEqual([g.period ?? "", g.province, g.district ?? "", g.commune ?? ""]);
    expectNumber(row[5], g.units, `${where} units`);
    report.columns.forEach((name, k) => expectNumber(row[6 + k], g.totals[name] ?? null, `${where} ${name}`));
    report.ratioNames.forEach((name, k) => expectRatio(name, row[6 + report.columns.length + k], g.ratios[name]!.value, `${where} ${name}`));
  });
}

function checkProblems(rows: Cell[][] | undefined, json: JsonReport) {
  expect(rows).toBeDefined();
  const body = rows!.slice(1);
  if (json.issues.length === 0) return expect(body.length).toBe(1); // the "no problem" line
  expect(body.length).toBe(json.issues.length);
  json.issues.forEach((issue, i) => {
    const row = body[i]!;
    expect(row[1]).toBe(issue.code);
    expect(row[2]).toBe(issue.file);
    expectNumber(row[4], issue.row, `issue ${i} row`);
    expect(row[5] ?? "").toBe(issue.column ?? "");
    expect(row[8]).toBe(issue.message);
    expect(row[9]).toBe(issue.hint);
  });
}

/** Every number cell has the format of its figure; no figure is stored as text. */
function checkFormats(wb: XLSX.WorkBook, sheetName: string, report: Report, headerRow: number, byColumn: boolean, decimals: number) {
  const ws = wb.Sheets[sheetName]!;
  const range = XLSX.utils.decode_range(ws["!ref"]!);
  const expected = (name: string) => {
    const ratio = RATIO.get(name);
    if (ratio) return ratio.percent ? `0.${"0".repeat(decimals)}%` : `#,##0.${"0".repeat(decimals)}`;
    return BUILT_IN.tallyByName.get(name)!.type === "decimal" ? "#,##0.0##" : "#,##0";
  };
  const figures = [...report.columns, ...report.ratioNames];
  let checked = 0;
  figures.forEach((name, k) => {
    // Summary: figure k is row headerRow+2+k (after the units row), groups in columns 1…;
    // breakdowns: figure k is column 6+k, groups in rows 1….
    const cells = byColumn
      ? Array.from({ length: range.e.r - headerRow }, (_, i) => ws[XLSX.utils.encode_cell({ r: headerRow + 1 + i, c: 6 + k })])
      : Array.from({ length: range.e.c }, (_, i) => ws[XLSX.utils.encode_cell({ r: headerRow + 2 + k, c: 1 + i })]);
    for (const c of cells) {
      if (!c) continue;
      expect(c.t, `${sheetName} ${name}`).toBe("n");
      expect(c.z, `${sheetName} ${name}`).toBe(expected(name));
      checked++;
    }
  });
  expect(checked).toBeGreaterThan(0);
}

// ----- the tests -------------------------------------------------------------------------------

const VI: XlsxReportOptions = { lang: "vi", decimals: 2 };
const EN: XlsxReportOptions = { lang: "en", decimals: 2 };

describe("xlsx report: Lâm Đồng 2024 by district", async () => {
  const report = await lamDong();
  const json = jsonOf(report);
  const buf = await renderWorkbook(report, VI);
  const sheets = await readBack(buf);

  it("has the summary, the district breakdown and the problems, in Vietnamese", () => {
    expect([...sheets.keys()]).toEqual(["Tổng hợp", "Huyện", "Vấn đề dữ liệu"]);
    const summary = sheets.get("Tổng hợp")!;
    expect(summary[0]![0]).toMatch(/^BÁO CÁO KẾT QUẢ/);
    expect(summary[1]![0]).toBe("Kỳ báo cáo: 2024");
  });

  it("summary: every number equals the JSON report's", () => checkSummary(sheets.get("Tổng hợp")!, report, json, "vi"));

  it("districts: a row per district, every number equal to the JSON report's", () => checkBreakdown(sheets.get("Huyện"), "district", report, json));

  it("states the solved rate as the press does, from the fraction", () => {
    const summary = sheets.get("Tổng hợp")!;
    const row = summary.find((r) => r[0] === RATIO.get("solved_rate")!.vi)!;
    expect(row[1]).toBe(`${Number((json.groups.find((g) => g.level === "province")!.ratios.solved_rate!.value! * 100).toPrecision(12))}%`);
    expect(json.groups.find((g) => g.level === "province")!.ratios.solved_rate).toMatchObject({ numerator: 1010, denominator: 1173 });
  });

  it("formats counts #,##0 and percentages with the decimals asked for (0.00%)", async () => {
    const wb = raw(buf);
    const header = sheets.get("Tổng hợp")!.findIndex((r) => r[0] === WORDS.vi.indicator);
    checkFormats(wb, "Tổng hợp", report, header, false, 2);
    checkFormats(wb, "Huyện", report, 0, true, 2);
    const ws = wb.Sheets["Tổng hợp"]!;
    // Percent decimals follow the option.
    const one = raw(await renderWorkbook(report, { lang: "vi", decimals: 1 }));
    const rateRow = header + 2 + report.columns.length;
    expect(one.Sheets["Tổng hợp"]![XLSX.utils.encode_cell({ r: rateRow, c: 1 })]!.z).toBe("0.0%");
    expect(ws[XLSX.utils.encode_cell({ r: rateRow, c: 1 })]!.z).toBe("0.00%");
  });

  it("leaves a ratio without a value empty, never 0", () => {
    const nulls = json.groups.filter((g) => g.level === "district" && g.ratios.ward_coverage!.value === null);
    expect(nulls.length).toBeGreaterThan(0); // districts without wards
    const col = 6 + report.columns.length + report.ratioNames.indexOf("ward_coverage");
    const rows = sheets.get("Huyện")!;
    for (const g of nulls) expect(isEmpty(rows.find((r) => r[3] === g.district)![col])).toBe(true);
  });

  it("lists the data problems (none here), the row accounting on the summary", () => {
    checkProblems(sheets.get("Vấn đề dữ liệu"), json);
    expect(sheets.get("Vấn đề dữ liệu")![1]![0]).toBe("Không phát hiện vấn đề nào trong dữ liệu.");
  });

  it("fits the columns, filters the header row and repeats it on printed pages", () => {
    // SheetJS reads column widths only with cellStyles.
    const wb = XLSX.read(buf, { type: "buffer", cellStyles: true });
    const ws = wb.Sheets["Huyện"]!;
    const cols = ws["!cols"]!;
    expect(cols).toHaveLength(6 + report.columns.length + report.ratioNames.length);
    const longestDistrict = Math.max(...json.groups.filter((g) => g.level === "district").map((g) => g.district!.length));
    expect(cols[3]!.wch).toBeGreaterThanOrEqual(longestDistrict);
    expect(ws["!autofilter"]?.ref).toMatch(/^A1:/);
    const names = (wb.Workbook?.Names ?? []).filter((n) => n.Name === "_xlnm.Print_Titles");
    expect(names.map((n) => [n.Sheet, n.Ref])).toContainEqual([1, "'Huyện'!$1:$1"]);
  });

  it("gives the same bytes for the same report", async () => {
    const again = await renderWorkbook(await lamDong(), VI);
    expect(again.equals(buf)).toBe(true);
  });
});

describe("xlsx report: Hà Tĩnh 2023-2024 rolled up by year, compared with the year before", async () => {
  const report = await yearly();
  const json = jsonOf(report);
  const buf = await renderWorkbook(report, EN);
  const sheets = await readBack(buf);

  it("has the summary, the districts, the comparison and the problems, in English", () => {
    expect([...sheets.keys()]).toEqual(["Summary", "Districts", "Comparison", "Data problems"]);
    expect(sheets.get("Summary")![1]![0]).toBe("Period: 2023, 2024 (by year, compared with the previous period)");
  });

  it("summary: a column per year, labelled with its period; every number equals the JSON report's", () => {
    const rows = sheets.get("Summary")!;
    checkSummary(rows, report, json, "en");
    const header = rows.find((r) => r[0] === WORDS.en.indicator)!;
    expect(header.slice(1)).toEqual(["Tỉnh Hà Tĩnh (2023, vs 2022)", "Tỉnh Hà Tĩnh (2024, vs 2023)"]);
  });

  it("districts of both years, every number equal to the JSON report's", () => checkBreakdown(sheets.get("Districts"), "district", report, json));

  it("formats kilograms #,##0.0##, averages #,##0.00, changes signed", () => {
    expect(report.columns).toContain("explosives_kg");
    expect(report.ratioNames).toContain("attendees_per_meeting");
    const wb = raw(buf);
    const header = sheets.get("Summary")!.findIndex((r) => r[0] === WORDS.en.indicator);
    checkFormats(wb, "Summary", report, header, false, 2);
    checkFormats(wb, "Districts", report, 0, true, 2);
    const ws = wb.Sheets["Comparison"]!;
    const rows = sheets.get("Comparison")!;
    const at = (label: string, c: number) => ws[XLSX.utils.encode_cell({ r: rows.findIndex((r) => r[6] === label), c })]!;
    expect(at(labelOf("cases_total", "en"), 9).z).toBe("+#,##0;-#,##0;0");
    expect(at(labelOf("cases_total", "en"), 10).z).toBe("+0.00%;-0.00%;0.00%");
    expect(at(labelOf("explosives_kg", "en"), 9).z).toBe("+#,##0.0##;-#,##0.0##;0");
    expect(at(RATIO.get("solved_rate")!.en, 9).z).toBe('+0.00" pp";-0.00" pp";0.00" pp"');
  });

  it("comparison: previous, change and change % for every group and figure", () => {
    const rows = sheets.get("Comparison")!;
    let r = 1;
    for (const g of json.groups) {
      const cmp = g.comparison!;
      if (!cmp.available) {
        expect(rows[r]!.slice(0, 7)).toEqual([g.level, g.period, g.province, g.district ?? "", "", cmp.period, `no data for ${cmp.period} to compare with`]);
        r++;
        continue;
      }
      for (const name of report.columns) {
        const row = rows[r++]!;
        const where = `${g.district ?? g.province} ${g.period} ${name}`;
        expect(row[6]).toBe(labelOf(name, "en"));
        expectNumber(row[7], g.totals[name] ?? null, where);
        expectNumber(row[8], cmp.totals[name]!.previous, `${where} previous`);
        expectNumber(row[9], cmp.totals[name]!.change, `${where} change`);
        expectPercent(row[10], cmp.totals[name]!.change_pct, `${where} change %`);
      }
      for (const name of report.ratioNames) {
        const row = rows[r++]!;
        const where = `${g.district ?? g.province} ${g.period} ${name}`;
        expect(row[6]).toBe(RATIO.get(name)!.en);
        expectRatio(name, row[7], g.ratios[name]!.value, where);
        expectRatio(name, row[8], cmp.ratios[name]!.previous, `${where} previous`);
        // The change of a percentage is in points, a plain number cell ("+1.90 pp").
        expectNumber(row[9], cmp.ratios[name]!.change, `${where} change`);
      }
    }
    expect(r).toBe(rows.length);
    expect(json.groups.some((g) => g.comparison?.available)).toBe(true);
  });

  it("two renders give identical bytes, whatever was read or written before", async () => {
    expect((await renderWorkbook(await yearly(), EN)).equals(buf)).toBe(true);
    // Reading a workbook loads its custom number formats into SheetJS's process-wide table;
    // our own format table keeps the ids of ours from depending on that.
    await readBack(await renderWorkbook(communes(), { lang: "en", decimals: 4 }));
    XLSX.read(await renderWorkbook(communes(), { lang: "vi", decimals: 3 }), { type: "buffer", cellNF: true });
    expect((await renderWorkbook(await yearly(), EN)).equals(buf)).toBe(true);
  });
});

describe("xlsx report: communes with blanks and a wrong total row", async () => {
  const report = communes();
  const json = jsonOf(report);
  const buf = await renderWorkbook(report, VI);
  const sheets = await readBack(buf);

  it("has both breakdowns", () => expect([...sheets.keys()]).toEqual(["Tổng hợp", "Huyện", "Xã", "Vấn đề dữ liệu"]));

  it("every number equals the JSON report's, blanks stay blank", () => {
    checkSummary(sheets.get("Tổng hợp")!, report, json, "vi");
    checkBreakdown(sheets.get("Huyện"), "district", report, json);
    checkBreakdown(sheets.get("Xã"), "commune", report, json);
    // Nobody reported leaflets; Huyện B reported no meetings: empty cells, not 0.
    expect(json.groups.every((g) => g.totals.leaflets === null)).toBe(true);
    expect(json.groups.find((g) => g.district === "Huyện B" && g.level === "district")!.totals.meetings).toBeNull();
  });

  it("keeps the fractional kilograms and a true zero", () => {
    const rows = sheets.get("Xã")!;
    const kg = 6 + report.columns.indexOf("explosives_kg");
    const of = (commune: string) => rows.find((r) => r[4] === commune)!;
    expect([of("Xã Một")[kg], of("Xã Hai")[kg], of("Xã Bốn")[kg]]).toEqual([1.5, 0.25, 2]);
    expect(isEmpty(of("Xã Ba")[kg])).toBe(true);
    expect(of("Xã Bốn")[6 + report.columns.indexOf("cases_total")]).toBe(0);
  });

  it("lists every issue on the problems sheet, and every skipped row in the accounting", () => {
    expect(json.issues.length).toBeGreaterThan(0);
    checkProblems(sheets.get("Vấn đề dữ liệu"), json);
    expect(json.rows.skipped).toMatchObject({ total_row: 1 });
    const summary = sheets.get("Tổng hợp")!;
    expect(summary.find((r) => r[0] === "Bỏ qua: dòng tổng")?.[1]).toBe(1);
  });
});

describe("frozen header rows", () => {
  it("every sheet of the workbook freezes its header rows", async () => {
    const { inflateRawSync } = await import("node:zlib");
    const { execFileSync } = await import("node:child_process");
    const { join } = await import("node:path");
    const { readFileSync } = await import("node:fs");
    const out = join(tempDir("xlsx"), "r.xlsx");
    execFileSync(process.execPath, ["bin/tdbv", "summarize", "fixtures/lam-dong-2024.csv", "--by", "district", "--output", out, "-q"]);
    const buf = readFileSync(out);
    // Walk the zip's local headers and inflate each worksheet.
    const panes: string[] = [];
    for (let p = 0; buf.readUInt32LE(p) === 0x04034b50; ) {
      const csize = buf.readUInt32LE(p + 18);
      const nameLen = buf.readUInt16LE(p + 26);
      const extra = buf.readUInt16LE(p + 28);
      const name = buf.toString("utf8", p + 30, p + 30 + nameLen);
      const data = buf.subarray(p + 30 + nameLen + extra, p + 30 + nameLen + extra + csize);
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) panes.push(/<pane [^>]*state="frozen"/.exec(inflateRawSync(data).toString("utf8"))?.[0] ?? `none in ${name}`);
      p += 30 + nameLen + extra + csize;
    }
    expect(panes).toHaveLength(3);
    for (const pane of panes) expect(pane).toMatch(/^<pane ySplit="\d+" topLeftCell="A\d+" activePane="bottomLeft" state="frozen"/);
  });
});
