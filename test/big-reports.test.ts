// Issue 14, item 6: reports of many groups. The JSON report is written in chunks (a summary by
// commune of 200,000 rows died with "Invalid string length"), and stays byte for byte the
// document JSON.stringify made of it; the workbook is refused, clearly and before any of it is
// made, when a sheet would pass Excel's 1,048,576 rows. Nothing here is timed.
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { readInput } from "../src/read/index.js";
import type { Sheet } from "../src/read/sheet.js";
import { fileSource } from "../src/read/source.js";
import { renderJson, renderJsonChunks } from "../src/render/json.js";
import type { Comparison, Report } from "../src/report.js";
import { rollupReport } from "../src/pipeline/rollup.js";
import { summarize, type SummarizeOptions } from "../src/pipeline/summarize.js";
import * as XLSX from "@e965/xlsx/xlsx.mjs";
import { labelOf } from "../src/domain/dictionary.js";
import { TdbvError } from "../src/errors.js";
import { EXCEL_MAX_ROWS, renderWorkbook, workbookChunks } from "../src/render/xlsx-report.js";
import { memoryIo, ROOT, sheet, tdbv, tempDir } from "./helpers.js";

const READ = { delimiter: null, encoding: null } as const;
const OPTS: SummarizeOptions = { by: "commune", province: null, period: null, decimalMark: null };

const readFixture = (file: string): Promise<Sheet[]> => readInput(fileSource(file, join(ROOT, file)), READ);

const PROVINCES = ["Tỉnh Lâm Đồng", "Tỉnh Quảng Bình", "Tỉnh Hà Tĩnh", "Tỉnh An Giang", "Tỉnh Quảng Trị"];

/** `communes` communes in 50 districts of 5 provinces, one row each: few tallies, so many groups stay small. */
function manyCommunes(communes: number): string {
  const lines = ["province,district,commune,period,cases_total,cases_solved,meetings"];
  for (let i = 0; i < communes; i++) {
    const blank = i % 97 === 0 ? "" : String(i % 13);
    lines.push(`${PROVINCES[i % 5]},Huyện ${i % 50},Xã ${i},2024-01,${(i % 17) + 3},${(i % 17) + 1},${blank}`);
  }
  return lines.join("\n") + "\n";
}

// The renderer as it was before it wrote chunks (JSON.stringify of the whole document): the
// reference every chunked document must equal byte for byte.
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const roundOrNull = (x: number | null) => (x === null ? null : round(x));
function roundComparison(c: Comparison): Comparison {
  return {
    ...c,
    totals: Object.fromEntries(Object.entries(c.totals).map(([k, v]) => [k, { ...v, change_pct: roundOrNull(v.change_pct) }])),
    ratios: Object.fromEntries(Object.entries(c.ratios).map(([k, v]) => [k, { previous: roundOrNull(v.previous), change: roundOrNull(v.change) }])),
  };
}
/** The last month a period covers, as "2024-03" ("2024" -> "2024-12", "2024-Q1" -> "2024-03", "2024-H1" -> "2024-06", "2024-9M" -> "2024-09"). */
function endMonth(p: string): string {
  const y = p.slice(0, 4);
  const m = /^\d{4}-(\d{2})$/.exec(p)?.[1] ?? (/Q(\d)$/.exec(p) ? String(Number(p.slice(6)) * 3) : /H(\d)$/.exec(p) ? String(Number(p.slice(6)) * 6) : p.endsWith("9M") ? "9" : "12");
  return `${y}-${m.padStart(2, "0")}`;
}
function referenceJson(report: Report): string {
  const doc = {
    period: report.period,
    periods: report.periods,
    by: report.by,
    ...(report.every !== undefined ? { every: report.every, ytd: report.ytd ?? false, compare: report.compare ?? null } : report.compare ? { compare: report.compare } : {}),
    complete: report.complete,
    groups: report.groups.map((g) => ({
      level: g.level,
      province: g.province,
      district: g.district,
      commune: g.commune,
      period: g.period,
      units: g.units,
      totals: g.totals,
      reported: g.reported,
      ratios: Object.fromEntries(
        Object.entries(g.ratios).map(([name, r]) => [
          name,
          { numerator: r.numerator, denominator: r.denominator, value: r.value === null ? null : round(r.value), units: r.units },
        ]),
      ),
      ...(g.register ? { register: { ...g.register, rate: g.register.rate === null ? null : round(g.register.rate) } } : {}),
      ...(g.completeness ? { completeness: g.completeness } : {}),
      // What a rollup group's figures cover (issue 17, item 3), written out here from its expected sub-periods.
      ...(g.period && g.completeness?.expected.length
        ? {
            coverage: {
              from: g.completeness.expected[0],
              to: g.completeness.expected[g.completeness.expected.length - 1],
              cumulative: report.ytd ?? false,
              partial: endMonth(g.completeness.expected[g.completeness.expected.length - 1]!) < endMonth(g.period),
            },
          }
        : {}),
      ...(g.comparison ? { comparison: roundComparison(g.comparison) } : {}),
    })),
    rows: report.rows,
    excluded: report.excluded,
    issues: report.issues.map((i) => ({ ...i, message: i.message.vi, hint: i.hint.vi })),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

describe("the JSON report, written in chunks", () => {
  it("renders 50,000 communes in bounded chunks that join to a document holding every group", () => {
    const report = summarize([[sheet(manyCommunes(50_000), "big.csv")]], OPTS);
    expect(report.groups.length).toBe(50_000 + 50 + 5);
    let chunks = 0;
    let longest = 0;
    const parts: string[] = [];
    for (const chunk of renderJsonChunks(report, "vi")) {
      chunks++;
      longest = Math.max(longest, chunk.length);
      parts.push(chunk);
    }
    // A chunk is about 64 KB: the document is never one string while it is written.
    expect(chunks).toBeGreaterThan(100);
    expect(longest).toBeLessThan(256 * 1024);
    const text = parts.join("");
    const doc = JSON.parse(text) as { groups: { level: string; commune: string | null }[] };
    expect(doc.groups.length).toBe(report.groups.length);
    expect(doc.groups.filter((g) => g.level === "commune").length).toBe(50_000);
    expect(new Set(doc.groups.map((g) => g.commune)).size).toBe(50_000 + 1);
    expect(text).toBe(referenceJson(report));
  });

  it("is byte for byte what JSON.stringify made: summaries, rollups with comparisons, problems, nothing", async () => {
    const lamDong = summarize([await readFixture("fixtures/lam-dong-2024.csv")], { ...OPTS, by: "district" });
    const files = readdirSync(join(ROOT, "fixtures/yearly")).filter((f) => f.endsWith(".csv")).sort();
    const yearly = rollupReport(await Promise.all(files.map((f) => readFixture(`fixtures/yearly/${f}`))), {
      ...OPTS,
      every: "year",
      ytd: true,
      compare: "previous",
    });
    const problems = summarize([[sheet("province,district,commune,cases_total,cases_solved\nA,B,C,5,9\nA,B,D,x,1\n", "bad.csv")]], OPTS);
    expect(problems.issues.length).toBeGreaterThan(0);
    for (const r of [lamDong, yearly, problems, { ...problems, groups: [] }]) {
      expect(renderJson(r, "vi")).toBe(referenceJson(r));
    }
  });

  it("goes to standard output chunk by chunk", async () => {
    const io = memoryIo({ "big.csv": Buffer.from(manyCommunes(3_000)) });
    expect(await main(["summarize", "big.csv", "--by", "commune", "--format", "json"], io)).toBe(0);
    expect(io.out.length).toBeGreaterThan(1);
    expect((JSON.parse(io.out.join("")) as { groups: unknown[] }).groups.length).toBe(3_000 + 50 + 5);
  });
});

describe("the workbook of many groups", () => {
  it("holds every group, a row each, written a row at a time", async () => {
    const report = summarize([[sheet(manyCommunes(20_000), "big.csv")]], OPTS);
    const wb = XLSX.read(await renderWorkbook(report, { lang: "en", decimals: 2 }), { type: "buffer" });
    expect(wb.SheetNames).toEqual(["Summary", "Districts", "Communes", "Data problems"]);
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Communes!);
    expect(rows.length).toBe(20_000);
    expect(rows[19_999]).toMatchObject({ Level: "commune", Commune: "Xã 19999" });
    const byName = new Map(report.groups.filter((g) => g.level === "commune").map((g) => [g.commune, g]));
    const cases = labelOf("cases_total", "en");
    for (const row of rows) expect(row[cases] ?? null).toBe(byName.get(row.Commune as string)!.totals.cases_total);
    expect(wb.Sheets.Communes!["!ref"]).toBe("A1:J20001");
  });

  it("is refused before anything is made when a sheet would pass Excel's rows, and made at the limit", () => {
    const report = summarize([[sheet(manyCommunes(99), "small.csv")]], OPTS);
    const o = { lang: "en", decimals: 2 } as const;
    expect(EXCEL_MAX_ROWS).toBe(1_048_576);
    // The communes' sheet has a header and 99 rows.
    let thrown: unknown;
    try {
      workbookChunks(report, o, { TDBV_TEST_XLSX_MAX_ROWS: "99" });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(TdbvError);
    expect((thrown as TdbvError).kind).toBe("usage");
    expect((thrown as TdbvError).message).toContain('sheet "Communes" would have 100 rows');
    expect((thrown as TdbvError).hint?.en).toContain("--by district");
    expect(() => workbookChunks(report, o, { TDBV_TEST_XLSX_MAX_ROWS: "100" })).not.toThrow();
  });

  it("exits 2 with how many rows and what to do, and leaves no file", () => {
    const dir = tempDir("xlsx-limit");
    writeFileSync(join(dir, "communes.csv"), manyCommunes(300));
    const out = join(dir, "m.xlsx");
    const r = tdbv(["summarize", join(dir, "communes.csv"), "--by", "commune", "--output", out, "--lang", "en"], { env: { TDBV_TEST_XLSX_MAX_ROWS: "300" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"Communes" would have 301 rows; Excel\'s limit is 300 rows a sheet');
    expect(r.stderr).toMatch(/--by district.*--format csv/s);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(["communes.csv"]);
    const ok = tdbv(["summarize", join(dir, "communes.csv"), "--by", "district", "--output", out], { env: { TDBV_TEST_XLSX_MAX_ROWS: "300" } });
    expect(ok.status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
