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
