// Issue 6: a 200,000-row generated file (streamed, not held in memory) summarises to exactly the
// totals its generator computed independently. Not timed: speed lives in `npm run bench`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tdbv, tempDir } from "./helpers.js";

const PROVINCES = ["Tỉnh Lâm Đồng", "Tỉnh Quảng Bình", "Tỉnh Hà Tĩnh", "Tỉnh An Giang", "Tỉnh Quảng Trị", "Tỉnh Đắk Lắk"];
const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

function generate(rows: number, vi: boolean): { text: string; totals: Map<string, { cases: number; solved: number; attendees: number; kg: number; units: number }> } {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const d = vi ? ";" : ",";
  const lines = [["province", "district", "commune", "period", "cases_total", "cases_solved", "meeting_attendees", "explosives_kg"].join(d)];
  const totals = new Map<string, { cases: number; solved: number; attendees: number; kg: number; units: number }>();
  for (let i = 0; i < rows; i++) {
    const unit = i % 5000;
    const month = Math.floor(i / 5000);
    const province = PROVINCES[unit % PROVINCES.length]!;
    const cases = rnd(30);
    const solved = rnd(cases + 1);
    const attendees = rnd(5000);
    const tenths = rnd(4) === 0 ? rnd(50) : 0;
    const t = totals.get(province) ?? { cases: 0, solved: 0, attendees: 0, kg: 0, units: 0 };
    t.cases += cases;
    t.solved += solved;
    t.attendees += attendees;
    t.kg += tenths;
    t.units++;
    totals.set(province, t);
    const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
    const kg = vi ? `${Math.floor(tenths / 10)},${tenths % 10}` : `${Math.floor(tenths / 10)}.${tenths % 10}`;
    lines.push([province, `Huyện ${unit % 90}`, `Xã ${unit}`, period, cases, solved, vi ? group(attendees, ".") : attendees, kg].join(d));
  }
  return { text: lines.join("\n") + "\n", totals };
}

describe("a 200,000-row file", () => {
  it.each([
    ["plain CSV", 200_000, false],
    ["';' with Vietnamese numbers", 50_000, true],
  ])("%s: totals equal the generator's", (_, rows, vi) => {
    const { text, totals } = generate(rows, vi);
    const file = join(tempDir("scale"), "big.csv");
    writeFileSync(file, text);
    const r = tdbv(["summarize", file, "--format", "json", "--quiet"]);
    expect(r.status, r.stderr.slice(0, 500)).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.rows).toEqual({ read: rows, counted: rows, skipped: {} });
    for (const [province, t] of totals) {
      const groups = doc.groups.filter((g: { province: string }) => g.province === province);
      const sum = (k: string) => groups.reduce((a: number, g: { totals: Record<string, number> }) => a + (g.totals[k] ?? 0), 0);
      expect([province, groups.reduce((a: number, g: { units: number }) => a + g.units, 0), sum("cases_total"), sum("cases_solved"), sum("meeting_attendees")]).toEqual([
        province,
        t.units,
        t.cases,
        t.solved,
        t.attendees,
      ]);
      expect(sum("explosives_kg")).toBeCloseTo(t.kg / 10, 6);
    }
  }, 120_000);
});
