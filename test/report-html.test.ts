// Issue 7: the HTML report. Parsed back, every figure equals the JSON report's; the file is
// self-contained (no network, no script) and the same report gives the same bytes.
import { describe, expect, it } from "vitest";
import { tdbv } from "./helpers.js";

type Cell = { group: string; period: string; name: string; value: string };

function cells(html: string): Cell[] {
  const out: Cell[] = [];
  for (const m of html.matchAll(/<td data-group="([^"]*)" data-period="([^"]*)" data-name="([^"]*)" data-value="([^"]*)"/g)) {
    out.push({ group: m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&"), period: m[2]!, name: m[3]!, value: m[4]! });
  }
  return out;
}

describe("--format html", () => {
  const args = ["summarize", "fixtures/lam-dong-2024.csv", "--by", "district"];
  const html = tdbv([...args, "--format", "html"]).stdout;
  const json = JSON.parse(tdbv([...args, "--format", "json", "--lang", "vi"]).stdout);

  it("shows every figure of every group, equal to the JSON report's", () => {
    const found = cells(html);
    let checked = 0;
    for (const g of json.groups) {
      const label = g.level === "province" ? g.province : g.district;
      const mine = found.filter((c) => c.group === label);
      expect(mine.find((c) => c.name === "units")!.value).toBe(String(g.units));
      for (const [name, v] of Object.entries(g.totals)) {
        expect([label, name, mine.find((c) => c.name === name)?.value]).toEqual([label, name, v === null ? "" : String(v)]);
        checked++;
      }
      for (const [name, r] of Object.entries(g.ratios as Record<string, { value: number | null }>)) {
        const c = mine.find((x) => x.name === name)!;
        if (r.value === null) expect(c.value).toBe("");
        else expect(Math.abs(Number(c.value) - r.value)).toBeLessThan(1e-6);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400);
  });

  it("draws a chart per coverage ratio by district, with the province marked", () => {
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(6);
    expect(html).toContain("Toàn tỉnh 86,10%");
    expect(html).toContain("Tỷ lệ khu dân cư đạt chuẩn");
  });

  it("is self-contained, printable on A4 and deterministic", () => {
    expect(html).not.toMatch(/<script|<link|https?:\/\/|@import|url\(/i);
    expect(html).toContain("@page { size: A4;");
    expect(tdbv([...args, "--format", "html"]).stdout).toBe(html);
  });

  it("shows the trend over periods, the comparison and the missing units for a rollup", () => {
    const r = tdbv(["rollup", "fixtures/monthly/ha-tinh-2024-*.csv", "--every", "quarter", "--compare", "previous", "--format", "html"]).stdout;
    expect(r).toContain("Diễn biến qua các kỳ");
    expect(r).toContain("So sánh với kỳ trước");
    expect(r).toContain("Không có số liệu kỳ 2023-Q4 để so sánh.");
    expect(r).toContain("Xã Cẩm Duệ, Huyện Cẩm Xuyên — thiếu 2024-11, 2024-12; lần cuối 2024-10");
  });
});

// Issue 17, item 8: the district comparison whenever the data has districts, a commune table
// when asked, and ratios close together drawn so that their differences show.
describe("--format html, charts and levels (issue 17, item 8)", () => {
  const json = JSON.parse(tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--by", "district", "--format", "json"]).stdout);
  const districts = json.groups.filter((g: { level: string }) => g.level === "district");

  it("draws the district comparison at the default --by province, without the district table", () => {
    const html = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--format", "html"]).stdout;
    expect(html).toContain("Theo huyện");
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(6);
    expect(html).not.toContain('class="summary districts"');
    // The figures of the summary are the province's alone.
    expect(html.match(/<td data-group="[^"]*Lâm Đồng" data-period="2024" data-name="units" data-value="142"/g)!.length).toBe(1);
    expect(html).not.toMatch(/data-group="Huyện [^"]*" data-period="2024" data-name="units"/);
  });

  it("draws solved rates of 84% to 91% as dots on an axis marked as not starting at 0, spread over the chart", () => {
    const html = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--format", "html"]).stdout;
    const figure = html.split("<figure>").slice(1).find((f) => f.startsWith("<figcaption>Tỷ lệ điều tra làm rõ vụ phạm tội về TTXH"))!;
    const dots = [...figure.matchAll(/<circle cx="([\d.]+)"[^>]*data-value="([\d.]+)"/g)].map((m) => ({ x: Number(m[1]), v: Number(m[2]) }));
    expect(dots.length).toBe(12);
    // Each dot is a district's rate from the JSON report.
    const rates = districts.map((d: { ratios: { solved_rate: { value: number } } }) => d.ratios.solved_rate.value).sort();
    expect(dots.map((d) => Math.round(d.v * 1e6) / 1e6).sort()).toEqual(rates);
    // On a 0-100% axis 360 px wide, 84.06% to 90.77% would be 24 px apart; here most of the width.
    const xs = dots.map((d) => d.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(200);
    // A higher rate is further right.
    const byValue = [...dots].sort((a, b) => a.v - b.v);
    for (let i = 1; i < byValue.length; i++) expect(byValue[i]!.x).toBeGreaterThanOrEqual(byValue[i - 1]!.x);
    expect(figure).toContain("không bắt đầu từ 0%");
  });

  it("keeps bars from 0 where the values are far apart", () => {
    const html = tdbv(["summarize", "-", "--format", "html", "--period", "2024"], {
      stdin: "province,district,commune,cases_total,cases_solved\nQuảng Trị,Huyện A,Xã A,10,2\nQuảng Trị,Huyện B,Xã B,10,9\n",
    }).stdout;
    expect(html).toContain('class="bar"');
    expect(html).not.toContain("không bắt đầu từ 0%");
  });

  it("shows a commune table at --by commune, one row per commune, figures equal to the JSON report's", () => {
    const args = ["summarize", "fixtures/quang-binh-2020.csv", "--by", "commune"];
    const html = tdbv([...args, "--format", "html"]).stdout;
    const communes = JSON.parse(tdbv([...args, "--format", "json"]).stdout).groups.filter((g: { level: string }) => g.level === "commune");
    const table = html.slice(html.indexOf('<table class="communes">'));
    expect(table.match(/<tr><th scope="row">/g)!.length).toBe(communes.length);
    for (const g of communes.slice(0, 20)) {
      const m = new RegExp(`data-group="${g.commune}" data-period="[^"]*" data-name="meetings" data-value="([^"]*)"`).exec(table);
      expect(m?.[1]).toBe(g.totals.meetings === null ? "" : String(g.totals.meetings));
    }
    expect(tdbv(["summarize", "fixtures/quang-binh-2020.csv", "--by", "district", "--format", "html"]).stdout).not.toContain('class="communes"');
  });
});

describe("renderHtml's target hook (no option sets targets yet)", () => {
  it("marks a ratio's target on its chart", async () => {
    const { renderHtml } = await import("../src/render/html.js");
    const group = (district: string | null, n: number, d: number) => ({
      level: district === null ? ("province" as const) : ("district" as const),
      province: "Quảng Trị",
      district,
      commune: null,
      period: "2024",
      units: 1,
      totals: { cases_total: d, cases_solved: n },
      reported: { cases_total: 1, cases_solved: 1 },
      ratios: { solved_rate: { numerator: n, denominator: d, value: n / d, units: 1 } },
    });
    const report = {
      period: "2024",
      periods: ["2024"],
      by: "district" as const,
      columns: ["cases_total", "cases_solved"],
      ratioNames: ["solved_rate"],
      groups: [group("Huyện A", 85, 100), group("Huyện B", 88, 100), group(null, 173, 200)],
      rows: { read: 2, counted: 2, skipped: {} },
      issues: [],
      notes: [],
      complete: true,
      excluded: [],
      inputs: [],
    };
    const html = renderHtml(report, { lang: "vi", decimals: 1, targets: { solved_rate: 0.9 } });
    expect(html).toContain('class="target"');
    expect(html).toContain("Chỉ tiêu 90,0%");
    expect(renderHtml(report, { lang: "vi", decimals: 1 })).not.toContain('class="target"');
  });
});
