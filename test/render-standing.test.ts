// Issue 18, item 2: targets, ranks and shares in the HTML report and the XLSX workbook, on the
// fixture configuration for Quảng Bình's drug cases. Expected values are worked out by hand from
// fixtures/config/quang-binh-ma-tuy-2024.csv (drug cases solved / drug cases):
//   Huyện Bố Trạch     (9+8)/(10+10) = 0.85  its own target ≥ 0.9: not met, no grade (no bands)
//   Huyện Lệ Thủy      (4+4)/(5+5)   = 0.8   target ≥ 0.8: met (a minimum is met at equality), "khá"
//   Huyện Quảng Trạch  4/4           = 1     (Quảng Hợp blank, Quảng Phú 0/0): met, "xuất sắc"
//   Tỉnh Quảng Bình    29/34 = 0.852941       met, "tốt" (0.85 ≤ v < 0.95)
// Ranks by drug_solved_rate among the districts: Quảng Trạch 1, Bố Trạch 2, Lệ Thủy 3; by
// solved_rate (13/15, 10/12, 8/10): Bố Trạch 1, Quảng Trạch 2, Lệ Thủy 3. Shares of cases_total
// (37 in all): Bố Trạch 15/37, Quảng Trạch 12/37, Lệ Thủy 10/37.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx/xlsx.mjs";
import { readZip } from "../src/write/zip.js";
import { tdbv, tempDir } from "./helpers.js";

const FIXTURE = "fixtures/config/quang-binh-ma-tuy-2024.csv";
const CONFIG = ["--config", "fixtures/config/tdbv.config.json"];
type Cell = string | number | boolean | null;
/** Without the configuration: its default province given on the command line. */
const PLAIN = [FIXTURE, "--no-config", "--province", "Quảng Bình", "--by", "district"];
const RANKED = [FIXTURE, ...CONFIG, "--by", "district", "--rank", "drug_solved_rate", "--share", "cases_total"];

function run(args: readonly string[]): string {
  const r = tdbv(["summarize", ...args]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

// ----- HTML ------------------------------------------------------------------------------------

interface Bar {
  readonly label: string;
  readonly rank: number | null;
  readonly value: string;
  readonly met: string | null;
  readonly target: string | null;
  readonly grade: string | null;
  readonly mark: string | null;
}

/** The bars (or dots) of the chart whose caption starts with `caption`, top to bottom. */
function chart(html: string, caption: string): { bars: Bar[]; svg: string } {
  const figure = html.split("<figure>").find((f) => f.startsWith(`<figcaption>${caption}`));
  if (!figure) throw new Error(`no chart "${caption}"`);
  const bars: Bar[] = [];
  const re = /<text[^>]*text-anchor="end">(?:<tspan class="rank" data-rank="(\d+)">\d+\.<\/tspan> )?([^<]+)<\/text>.*?<text x="[^"]*" y="[^"]*">([^<]*)(?:<tspan ([^>]*)>([^<]*)<\/tspan>)?<\/text>/g;
  for (const m of figure.matchAll(re)) {
    const attrs = m[4] ?? "";
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1] ?? null;
    bars.push({ label: m[2]!, rank: m[1] ? Number(m[1]) : null, value: m[3]!, met: attr("data-met"), target: attr("data-target"), grade: attr("data-grade"), mark: m[5]?.trim() ?? null });
  }
  return { bars, svg: figure };
}

/** The table cell of a group and figure, with the mark after its value. */
function cell(html: string, group: string, name: string): string {
  const m = new RegExp(`<td data-group="${group}" data-period="[^"]*" data-name="${name}"[^>]*>(.*?)</td>`).exec(html);
  if (!m) throw new Error(`no cell ${group} ${name}`);
  return m[0];
}

describe("HTML: targets, grades and ranks (issue 18)", () => {
  const html = run([...RANKED, "--format", "html"]);

  it("marks each district met or not met against its own target, with its grade, in rank order", () => {
    const { bars, svg } = chart(html, "Tỷ lệ làm rõ vụ ma túy");
    expect(bars.map((b) => [b.rank, b.label])).toEqual([
      [1, "Huyện Quảng Trạch"],
      [2, "Huyện Bố Trạch"],
      [3, "Huyện Lệ Thủy"],
    ]);
    const by = new Map(bars.map((b) => [b.label, b]));
    expect(by.get("Huyện Bố Trạch")).toMatchObject({ value: "85,00%", met: "false", target: "0.9", grade: null, mark: "✗ không đạt · chỉ tiêu ≥ 90,00%" });
    expect(by.get("Huyện Lệ Thủy")).toMatchObject({ value: "80,00%", met: "true", target: "0.8", grade: "khá", mark: "✓ đạt · khá" });
    expect(by.get("Huyện Quảng Trạch")).toMatchObject({ value: "100,00%", met: "true", target: "0.8", grade: "xuất sắc", mark: "✓ đạt · xuất sắc" });
    // Not met is not said by colour alone: a class (coloured) and the words.
    expect(svg).toMatch(/class="standing unmet"[^>]*> ✗ không đạt/);
    // The province's target is the chart's target line.
    expect(svg).toContain('class="target-label">Chỉ tiêu ≥ 80,00%</text>');
  });

  it("gives the province's grade and every district's mark, rank and share in the tables", () => {
    const province = cell(html, "Tỉnh Quảng Bình", "drug_solved_rate");
    expect(province).toContain('data-value="0.8529411764705882"');
    expect(province).toMatch(/class="standing met"[^>]*data-grade="tốt">✓ đạt · chỉ tiêu ≥ 80,00% · tốt</);
    expect(cell(html, "Huyện Bố Trạch", "drug_solved_rate")).toMatch(/data-met="false"[^>]*>✗ không đạt · chỉ tiêu ≥ 90,00%</);
    expect(cell(html, "Huyện Lệ Thủy", "drug_solved_rate")).toMatch(/data-met="true"[^>]*>✓ đạt · chỉ tiêu ≥ 80,00% · khá</);
    const rank = (g: string, n: string) => /data-value="(\d+)"/.exec(cell(html, g, `rank:${n}`))![1];
    expect(["Huyện Quảng Trạch", "Huyện Bố Trạch", "Huyện Lệ Thủy"].map((g) => rank(g, "drug_solved_rate"))).toEqual(["1", "2", "3"]);
    expect(["Huyện Bố Trạch", "Huyện Quảng Trạch", "Huyện Lệ Thủy"].map((g) => rank(g, "solved_rate"))).toEqual(["1", "2", "3"]);
    const share = (g: string) => Number(/data-value="([^"]+)"/.exec(cell(html, g, "share:cases_total"))![1]);
    expect(share("Huyện Bố Trạch")).toBeCloseTo(15 / 37, 12);
    expect(share("Huyện Quảng Trạch")).toBeCloseTo(12 / 37, 12);
    expect(share("Huyện Lệ Thủy")).toBeCloseTo(10 / 37, 12);
    expect(cell(html, "Huyện Bố Trạch", "share:cases_total")).toContain(">40,54%<");
  });

  it("says it in English with --lang en", () => {
    const en = run([...RANKED, "--format", "html", "--lang", "en"]);
    const by = new Map(chart(en, "Drug cases solved rate").bars.map((b) => [b.label, b]));
    expect(by.get("Huyện Bố Trạch")!.mark).toBe("✗ not met · target ≥ 90.00%");
    expect(by.get("Huyện Lệ Thủy")!.mark).toBe("✓ met · khá");
    expect(en).toContain("Rank — Drug cases solved rate");
    expect(en).toContain("Share — ");
  });

  it("has no marks, ranks or shares without a configuration's targets, --rank or --share", () => {
    const plain = run([...PLAIN, "--format", "html"]);
    expect(plain).not.toMatch(/standing|data-rank|rank:|share:|\.met \{/);
  });
});

// ----- XLSX ------------------------------------------------------------------------------------

function workbook(args: readonly string[]): { sheets: Map<string, Cell[][]>; xml: Map<string, string> } {
  const out = join(tempDir("standing"), "r.xlsx");
  run([...args, "--format", "xlsx", "-o", out]);
  const buf = readFileSync(out);
  // Read back with SheetJS, raw: numbers as stored (0.85, not the "85%" shown).
  const wb = XLSX.read(buf, { type: "buffer" });
  const sheets = new Map(wb.SheetNames.map((name) => [name, XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[name]!, { header: 1, raw: true, defval: null })]));
  const xml = new Map(readZip(buf).map((e) => [e.name, e.data.toString("utf8")]));
  return { sheets, xml };
}

/** The rows of a list sheet as records keyed by its header. */
function records(rows: Cell[][]): Record<string, Cell>[] {
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, c) => [String(h), r[c] ?? null])));
}

describe("XLSX: targets, met or not, grades, ranks, shares and conditional formats (issue 18)", () => {
  it("gives each district its target, met or not, grade, ranks and share, and fills the ratios green or red", () => {
    const { sheets, xml } = workbook(RANKED);
    const districts = records(sheets.get("Huyện")!);
    const by = new Map(districts.map((d) => [d["Huyện"], d]));
    const rate = "Tỷ lệ làm rõ vụ ma túy";
    const expected: [string, number, number, string, string | null, number, number, number][] = [
      // district, value, target, met, grade, rank (drug), rank (solved), share of cases_total
      ["Huyện Bố Trạch", 0.85, 0.9, "không đạt", null, 2, 1, 15 / 37],
      ["Huyện Lệ Thủy", 0.8, 0.8, "đạt", "khá", 3, 3, 10 / 37],
      ["Huyện Quảng Trạch", 1, 0.8, "đạt", "xuất sắc", 1, 2, 12 / 37],
    ];
    for (const [d, value, target, met, grade, rankDrug, rankSolved, share] of expected) {
      const r = by.get(d)!;
      expect(r[rate], d).toBe(value);
      expect(r[`Chỉ tiêu ${rate}`], d).toBe(target);
      expect(r[`Đạt/Không đạt ${rate}`], d).toBe(met);
      expect(r[`Xếp loại ${rate}`] ?? null, d).toBe(grade);
      expect(r[`Hạng ${rate}`], d).toBe(rankDrug);
      expect(r["Hạng Tỷ lệ điều tra làm rõ vụ phạm tội về TTXH"], d).toBe(rankSolved);
      expect(r["Tỷ trọng Số vụ phạm tội về trật tự xã hội"] as number, d).toBeCloseTo(share, 6);
      expect(r["Chỉ tiêu Tỷ lệ điều tra làm rõ vụ phạm tội về TTXH"], d).toBe(0.75);
    }
    // Ranked: the districts in rank order.
    expect(districts.map((d) => d["Huyện"])).toEqual(["Huyện Quảng Trạch", "Huyện Bố Trạch", "Huyện Lệ Thủy"]);

    // The province: its target, met and grade rows on the summary sheet.
    const summary = sheets.get("Tổng hợp")!;
    const row = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(row(rate)).toBe(0.852941);
    expect(row(`Chỉ tiêu ${rate}`)).toBe(0.8);
    expect(row(`Đạt/Không đạt ${rate}`)).toBe("đạt");
    expect(row(`Xếp loại ${rate}`)).toBe("tốt");

    // Conditional formats: the ratio's cells against the target's, green (dxf 0) or red (dxf 1).
    const header = sheets.get("Huyện")![0]!.map(String);
    const col = (h: string) => String.fromCharCode(65 + header.indexOf(h));
    const v = col(rate);
    const t = col(`Chỉ tiêu ${rate}`);
    const sheet = [...xml].find(([name, text]) => name.startsWith("xl/worksheets/") && text.includes(`<conditionalFormatting sqref="${v}2:${v}4">`));
    expect(sheet, "the districts' sheet has a conditional format on the ratio").toBeDefined();
    const text = sheet![1];
    expect(text).toContain(
      `<conditionalFormatting sqref="${v}2:${v}4"><cfRule type="expression" dxfId="0" priority="3"><formula>AND(ISNUMBER(${v}2),ISNUMBER(${t}2),${v}2&gt;=${t}2)</formula></cfRule>` +
        `<cfRule type="expression" dxfId="1" priority="4"><formula>AND(ISNUMBER(${v}2),ISNUMBER(${t}2),${v}2&lt;${t}2)</formula></cfRule></conditionalFormatting>`,
    );
    // ECMA-376 order: after the sheet's data and filter, before its ignored errors.
    expect(text.indexOf("<conditionalFormatting")).toBeGreaterThan(text.indexOf("<autoFilter"));
    expect(text.indexOf("<conditionalFormatting")).toBeLessThan(text.indexOf("<ignoredErrors"));
    expect(xml.get("xl/styles.xml")).toMatch(/<dxfs count="2"><dxf><font><color rgb="FF006100"\/><\/font><fill><patternFill><bgColor rgb="FFC6EFCE"\/>.*<bgColor rgb="FFFFC7CE"\/>.*<\/dxfs>/);
  });

  it("labels the columns in English with --lang en", () => {
    const { sheets } = workbook([...RANKED, "--lang", "en"]);
    const by = new Map(records(sheets.get("Districts")!).map((d) => [d["District"], d]));
    const rate = "Drug cases solved rate";
    expect(by.get("Huyện Bố Trạch")![`Met/not met ${rate}`]).toBe("not met");
    expect(by.get("Huyện Lệ Thủy")![`Met/not met ${rate}`]).toBe("met");
    expect(by.get("Huyện Lệ Thủy")![`Grade ${rate}`]).toBe("khá");
    expect(by.get("Huyện Quảng Trạch")![`Rank ${rate}`]).toBe(1);
  });

  it("has no target columns, conditional formats or dxfs without a configuration", () => {
    const { sheets, xml } = workbook(PLAIN);
    expect(sheets.get("Huyện")![0]!.some((h) => /^(Chỉ tiêu|Đạt|Xếp loại|Hạng|Tỷ trọng) /.test(String(h)))).toBe(false);
    for (const [, text] of xml) expect(text).not.toContain("<conditionalFormatting");
    expect(xml.get("xl/styles.xml")).toContain('<dxfs count="0"/>');
  });
});
