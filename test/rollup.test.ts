// Issue 4: rollups over time, checked on twelve monthly files of Hà Tĩnh 2024 and the yearly
// file they must add up to (fixtures/monthly/README.md lists the figures), and on two yearly
// files for the comparison with the year before.
import { describe, expect, it } from "vitest";
import { periodFromFileName } from "../src/domain/period.js";
import { tdbv } from "./helpers.js";

type Group = {
  level: string;
  period: string;
  district: string | null;
  units: number;
  totals: Record<string, number | null>;
  ratios: Record<string, { numerator: number; denominator: number; value: number | null }>;
  completeness: { expected: string[]; reporting: Record<string, number>; missing: { commune: string; missing: string[]; lastReported: string }[] };
  comparison?: { period: string; available: boolean; totals: Record<string, { previous: number | null; change: number | null; change_pct: number | null }>; ratios: Record<string, { previous: number | null; change: number | null }> };
};

function json(args: string[]): { groups: Group[]; rows: { read: number; counted: number; skipped: Record<string, number> }; issues: { code: string }[] } {
  const r = tdbv([...args, "--format", "json"]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}
const MONTHS = "fixtures/monthly/ha-tinh-2024-*.csv";
const province = (doc: { groups: Group[] }, period?: string) => doc.groups.find((g) => g.level === "province" && (!period || g.period === period))!;

describe("twelve months rolled into a year", () => {
  const months = json(["rollup", MONTHS, "--every", "year", "--by", "district"]);
  const year = json(["summarize", "fixtures/monthly/ha-tinh-2024.csv", "--by", "district"]);

  it("equal the yearly file, flows summed and stocks the latest month's, at every level", () => {
    const strip = (g: Group) => ({ level: g.level, district: g.district, units: g.units, totals: g.totals, ratios: g.ratios });
    expect(months.groups.map(strip)).toEqual(year.groups.map(strip));
    expect(province(months).totals).toMatchObject({ cases_total: 600, cases_solved: 510, residential_areas_total: 277, residential_areas_certified: 251, cameras: 998, explosives_kg: 43.5 });
  });

  it("read every row and counted every unit row once, spelling variants included", () => {
    expect(months.rows).toEqual({ read: 319, counted: 307, skipped: { total_row: 12 } });
    expect(months.issues).toEqual([]);
    expect(province(months).units).toBe(26); // "X. Hoà Bình" in three months is "Xã Hòa Bình"
  });

  it("lists who missed which months, and when they last reported", () => {
    const c = province(months).completeness;
    expect(c.expected).toHaveLength(12);
    expect(c.reporting["2024-04"]).toBe(25);
    expect(c.reporting["2024-12"]).toBe(25);
    expect(c.missing.map((m) => [m.commune, m.missing, m.lastReported])).toEqual([
      ["Xã Cẩm Duệ", ["2024-11", "2024-12"], "2024-10"],
      ["Xã Thạch Kênh", ["2024-04", "2024-05"], "2024-12"],
      ["Phường Tân Giang", ["2024-08"], "2024-12"],
    ]);
  });
});

describe("quarters and year to date", () => {
  const quarters = json(["rollup", MONTHS, "--every", "quarter"]);
  it.each([
    ["2024-Q1", 137, 122, 245, 839, 16.5],
    ["2024-Q2", 157, 133, 247, 887, 7.5],
    ["2024-Q3", 159, 135, 249, 960, 11.5],
    ["2024-Q4", 147, 120, 251, 998, 8],
  ])("%s: cases %i/%i solved; stocks as at the quarter's end (certified areas %i, cameras %i); %d kg", (q, cases, solved, certified, cameras, kg) => {
    expect(province(quarters, q).totals).toMatchObject({ cases_total: cases, cases_solved: solved, residential_areas_certified: certified, cameras, explosives_kg: kg });
    expect(province(quarters, q).totals.residential_areas_total).toBe(277);
  });

  it("--ytd to March equals the first quarter, and to December the year", () => {
    const ytd = json(["rollup", MONTHS, "--every", "month", "--ytd"]);
    expect(province(ytd, "2024-03").totals).toEqual(province(quarters, "2024-Q1").totals);
    const year = json(["rollup", MONTHS, "--every", "year"]);
    expect(province(ytd, "2024-12").totals).toEqual(province(year).totals);
    expect(province(ytd, "2024-03").completeness.expected).toEqual(["2024-01", "2024-02", "2024-03"]);
  });
});

describe("comparison with the year before", () => {
  const doc = json(["rollup", "fixtures/yearly", "--every", "year", "--compare", "previous"]);
  const y2024 = province(doc, "2024");

  it("gives each figure's earlier value and change, and ratios in percentage points", () => {
    expect(y2024.comparison!.period).toBe("2023");
    expect(y2024.comparison!.available).toBe(true);
    expect(y2024.comparison!.totals.cases_total).toEqual({ previous: 640, change: -40, change_pct: -0.0625 });
    expect(y2024.comparison!.totals.residential_areas_certified).toMatchObject({ previous: 226, change: 25 });
    expect(y2024.comparison!.totals.cameras).toMatchObject({ previous: 848, change: 150 });
    expect(y2024.comparison!.ratios.solved_rate).toEqual({ previous: 0.8, change: 5 });
    expect(y2024.comparison!.ratios.residential_area_coverage!.change).toBeCloseTo(4.68, 2);
  });

  it("says the earlier period is missing rather than showing zeros", () => {
    expect(province(doc, "2023").comparison).toEqual({ period: "2022", available: false, totals: {}, ratios: {} });
    const md = tdbv(["rollup", "fixtures/yearly", "--every", "year", "--compare", "previous", "--format", "md"]).stdout;
    expect(md).toContain("không có số liệu kỳ 2022 để so sánh");
  });

  it("--compare last-year on months compares each month with the same month a year before", () => {
    const m = json(["rollup", MONTHS, "--every", "month", "--compare", "last-year"]);
    expect(province(m, "2024-03").comparison).toMatchObject({ period: "2023-03", available: false });
  });
});

describe("periods", () => {
  it.each([
    ["2024-03.csv", "2024-03"],
    ["2024_03.xlsx", "2024-03"],
    ["T03-2024.csv", "2024-03"],
    ["thang-03-2024.csv", "2024-03"],
    ["bao-cao-quy-2024-Q2.csv", "2024-Q2"],
    ["ha-tinh-2024.csv", "2024"],
    ["danh-sach.csv", null],
  ])("%s -> %s", (name, period) => {
    expect(periodFromFileName(name)).toBe(period);
  });

  it("refuses a row whose period is unknown, exit 1, and accounts for it", () => {
    const r = tdbv(["rollup", "-", "--every", "year", "--format", "json"], { stdin: "province,commune,cases_total\nHà Tĩnh,Xã Một,1\n" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("missing_period");
    expect(JSON.parse(r.stdout).rows).toEqual({ read: 1, counted: 0, skipped: { invalid: 1 } });
  });

  it("is a usage error without --every", () => {
    expect(tdbv(["rollup", MONTHS]).status).toBe(2);
  });
});

describe("spellings", () => {
  // A unit known by its code, spelt "Huyện Lạc Dương" two months and "Lạc Dương" the third, was
  // shown under the commoner spelling but counted in the group of its latest one: two district
  // rows named alike, each with half the units.
  it("a unit counts in the group of the name it is shown with", () => {
    const stdin = [
      "Tỉnh,Huyện,Xã,Mã ĐVHC,Kỳ,Số vụ phạm tội về trật tự xã hội",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,24001,2024-01,4",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,24001,2024-02,4",
      "Lâm Đồng,Lạc Dương,Xã Đạ Sar,24001,2024-03,4",
      "Lâm Đồng,Huyện Lạc Dương,Xã Lát,24002,2024-01,6",
      "Lâm Đồng,Huyện Lạc Dương,Xã Lát,24002,2024-02,6",
      "Lâm Đồng,Huyện Lạc Dương,Xã Lát,24002,2024-03,6",
    ].join("\n");
    const r = tdbv(["rollup", "-", "--every", "quarter", "--by", "district", "--format", "json", "-q"], { stdin });
    expect(r.status, r.stderr).toBe(0);
    const districts = JSON.parse(r.stdout).groups.filter((g: { level: string }) => g.level === "district");
    expect(districts.map((g: { district: string; units: number; totals: { cases_total: number } }) => [g.district, g.units, g.totals.cases_total])).toEqual([["Huyện Lạc Dương", 2, 30]]);
  });
});

describe("the latest row", () => {
  // Rollup keeps a unit's latest row without copying it for every row: a copy is made only when
  // the row names the unit otherwise. The latest spelling breaks a tie between two spellings.
  it("shows a unit as its latest row spells it when two spellings are used as often", () => {
    const rows = (months: string[]) =>
      [
        "Tỉnh,Huyện,Xã,Mã ĐVHC,Kỳ,Số vụ phạm tội về trật tự xã hội",
        ...months.map((m, i) => `Lâm Đồng,Huyện Lạc Dương,${i % 2 ? "Xã Đa Sar" : "Xã Đạ Sar"},24001,${m},4`),
      ].join("\n");
    const shown = (stdin: string) => {
      const r = tdbv(["rollup", "-", "--every", "year", "--by", "commune", "--format", "json", "-q"], { stdin });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout).groups.find((g: { level: string }) => g.level === "commune").commune;
    };
    expect(shown(rows(["2024-01", "2024-02"]))).toBe("Xã Đa Sar");
    expect(shown(rows(["2024-02", "2024-01"]))).toBe("Xã Đạ Sar");
  });
});

describe("overlapping periods", () => {
  // A unit's March row and its Q1 row were both added into the year (March twice), and the
  // year's stock was Q1's, since "2024-Q1" sorts after "2024-12" as text.
  it("leaves out a row whose period overlaps another of the unit's, and takes stocks from the latest period", () => {
    const stdin = [
      "Tỉnh,Huyện,Xã,Kỳ,Số vụ phạm tội về trật tự xã hội,Tổng số khu dân cư",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,2024-Q1,12,9",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,2024-12,4,11",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,2024-03,4,10",
    ].join("\n");
    const r = tdbv(["rollup", "-", "--every", "year", "--format", "json", "--allow-errors"], { stdin });
    expect(r.status, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.groups[0].totals).toMatchObject({ cases_total: 16, residential_areas_total: 11 });
    expect(doc.issues.map((i: { code: string; row: number }) => `${i.code} ${i.row}`)).toContain("overlapping_periods 4");
    expect(r.stderr).toContain('-:4 "Xã Đạ Sar" báo cáo cho kỳ 2024-03, nhưng đơn vị đã báo cáo cho kỳ 2024-Q1 trùng lấn với kỳ này; dòng này không được tính');
    expect(doc.rows.read).toBe(doc.rows.counted + Object.values(doc.rows.skipped as Record<string, number>).reduce((a, b) => a + b, 0));
  });
});

describe("ratios over periods", () => {
  // A month with the solved count blank added its cases to solved_rate's denominator and
  // nothing to its numerator: the blank counted as 0. A ratio over a span of periods is over
  // the units and periods that reported both parts.
  it("leaves out the months that did not report both parts of a ratio", () => {
    const stdin = [
      "Tỉnh,Huyện,Xã,Kỳ,Số vụ phạm tội về trật tự xã hội,Số vụ điều tra làm rõ,Tổng số khu dân cư,Số khu dân cư đạt chuẩn",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,2024-01,4,,10,8",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,2024-02,4,2,11,",
      "Lâm Đồng,Huyện Lạc Dương,Xã Đạ Sar,2024-03,6,3,,",
    ].join("\n");
    for (const extra of [[], ["--ytd"]]) {
      const r = tdbv(["rollup", "-", "--every", "quarter", ...extra, "--format", "json", "-q"], { stdin });
      expect(r.status, r.stderr).toBe(0);
      const g = JSON.parse(r.stdout).groups.find((x: { period: string }) => x.period === "2024-Q1");
      expect(g.totals).toMatchObject({ cases_total: 14, cases_solved: 5, residential_areas_total: 11 });
      // Cases: February and March reported both (5 of 10). Areas: January is the latest month with both.
      expect(g.ratios.solved_rate).toMatchObject({ numerator: 5, denominator: 10, value: 0.5 });
      expect(g.ratios.residential_area_coverage).toMatchObject({ numerator: 8, denominator: 10 });
    }
  });
});
