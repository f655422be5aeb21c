// Across 1 July 2025 (issue 15, item 4): monthly files with the old units before July and the
// new unit after, rolled up to the year and to quarters, give the new unit's stocks and the sum
// of both for flows; a comparison with last year compares the new province with the sum of the
// old ones it absorbed. Units and their places come from data/units (Phường Hải Thành and
// Phường Đồng Phú of Thành phố Đồng Hới went whole into Phường Đồng Hới, Tỉnh Quảng Trị; Xã
// Quảng Tiến was divided between Xã Trung Thuần and Xã Nam Ba Đồn). Expected figures by hand.
import { describe, expect, it } from "vitest";
import { tdbv } from "./helpers.js";

const HEADER = "Tỉnh,Huyện,Xã,Kỳ,Số vụ phạm tội về trật tự xã hội,Số mắt camera an ninh,Tổng số khu dân cư";
const months = (from: number, to: number, year = 2025) => Array.from({ length: to - from + 1 }, (_, i) => `${year}-${String(from + i).padStart(2, "0")}`);

const ROWS = [
  HEADER,
  // Old units, January to June 2025: cases 1 and 2 a month; cameras 10 and 6; 8 residential areas each.
  ...months(1, 6).flatMap((m) => [`Quảng Bình,Thành phố Đồng Hới,Phường Hải Thành,${m},1,10,8`, `Quảng Bình,Thành phố Đồng Hới,Phường Đồng Phú,${m},2,6,8`]),
  ...months(1, 6).map((m) => `Quảng Bình,Huyện Quảng Trạch,Xã Quảng Tiến,${m},1,4,5`),
  // The new units, July to December: 3 cases a month, 20 cameras, 16 residential areas.
  ...months(7, 12).map((m) => `Quảng Trị,,Phường Đồng Hới,${m},3,20,16`),
  ...months(7, 12).map((m) => `Quảng Trị,,Xã Trung Thuần,${m},2,9,11`),
].join("\n");

function rollup(args: string[], stdin = ROWS) {
  const r = tdbv(["rollup", "-", ...args, "--format", "json"], { stdin });
  expect(r.status, r.stderr).toBe(0);
  return { r, doc: JSON.parse(r.stdout) as { groups: { level: string; province: string; commune: string | null; period: string; units: number; totals: Record<string, number | null>; approximate?: { unit: string; why: string }[]; comparison?: { totals: Record<string, { previous: number | null; change: number | null }> } }[]; units_as_of?: string } };
}

describe("a year across 1 July 2025", () => {
  it("takes the new units' stocks at the year's end and adds both sides' flows", () => {
    const { r, doc } = rollup(["--every", "year", "--by", "commune"]);
    const dongHoi = doc.groups.find((g) => g.commune === "Phường Đồng Hới")!;
    expect(dongHoi.province).toBe("Tỉnh Quảng Trị");
    expect(dongHoi.totals.cases_total).toBe(6 * (1 + 2) + 6 * 3);
    expect(dongHoi.totals.cameras).toBe(20);
    expect(dongHoi.totals.residential_areas_total).toBe(16);
    expect(dongHoi.approximate).toBeUndefined();
    const province = doc.groups.find((g) => g.level === "province")!;
    expect(province.province).toBe("Tỉnh Quảng Trị");
    expect(province.totals.cases_total).toBe(36 + 6 * 1 + 6 * 2);
    expect(province.totals.cameras).toBe(20 + 9);
    expect(doc.groups.filter((g) => g.level === "province")).toHaveLength(1);
    expect(r.stderr).toContain("1/7/2025");
  });

  it("marks the new commune that received a divided old one approximate, naming it", () => {
    const { doc } = rollup(["--every", "year", "--by", "commune"]);
    const trungThuan = doc.groups.find((g) => g.commune === "Xã Trung Thuần")!;
    expect(trungThuan.totals.cases_total).toBe(6 * 1 + 6 * 2);
    expect(trungThuan.approximate).toEqual([expect.objectContaining({ why: "divided" })]);
    expect(trungThuan.approximate![0]!.unit).toContain("Xã Quảng Tiến");
  });

  it("gives quarters of old units in the new units: stocks added within a quarter", () => {
    const { doc } = rollup(["--every", "quarter", "--by", "commune"]);
    const at = (period: string) => doc.groups.find((g) => g.commune === "Phường Đồng Hới" && g.period === period)!;
    expect(at("2025-Q1").totals.cameras).toBe(10 + 6);
    expect(at("2025-Q1").totals.cases_total).toBe(3 * 3);
    expect(at("2025-Q3").totals.cameras).toBe(20);
    expect(at("2025-Q3").totals.cases_total).toBe(9);
  });

  it("is not a missing month for a unit that stopped existing", () => {
    const r = tdbv(["rollup", "-", "--every", "year", "--by", "commune", "--format", "json", "-q"], { stdin: ROWS });
    const doc = JSON.parse(r.stdout);
    const dongHoi = doc.groups.find((g: { commune: string }) => g.commune === "Phường Đồng Hới");
    expect(dongHoi.completeness.missing).toEqual([]);
  });
});

describe("comparing 2026 with 2025", () => {
  it("compares the new province with the sum of its old parts", () => {
    const stdin = [ROWS, "Quảng Trị,,Phường Đồng Hới,2026-01,5,21,16", "Quảng Trị,,Xã Trung Thuần,2026-01,1,9,11", "Quảng Trị,Huyện Gio Linh,Xã Gio Mai,2025-01,4,3,2"].join("\n");
    const { doc } = rollup(["--every", "month", "--by", "province", "--compare", "last-year"], stdin);
    const jan = doc.groups.find((g) => g.level === "province" && g.period === "2026-01")!;
    expect(jan.province).toBe("Tỉnh Quảng Trị");
    // January 2025: Hải Thành 1 + Đồng Phú 2 + Quảng Tiến 1 (old Quảng Bình) + Gio Mai 4 (old Quảng Trị).
    expect(jan.comparison!.totals.cases_total).toEqual(expect.objectContaining({ previous: 8, change: -2 }));
  });

  it("refuses to express new units in the old ones", () => {
    const r = tdbv(["rollup", "-", "--every", "year", "--units-as-of", "2025-03-01"], { stdin: ROWS });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("2025-07");
  });
});

describe("a user's corrections to the crosswalk", () => {
  it("send a commune where the file says, exactly", async () => {
    const { writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tempDir } = await import("./helpers.js");
    const dir = tempDir("tdbv-crosswalk-");
    const file = join(dir, "sua.csv");
    writeFileSync(file, "old_commune_code,commune_code,part\n19039,19075,full\n");
    const r = tdbv(["rollup", "-", "--every", "year", "--by", "commune", "--crosswalk", file, "--format", "json"], { stdin: ROWS });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const namBaDon = doc.groups.find((g: { commune: string }) => g.commune === "Xã Nam Ba Đồn");
    expect(namBaDon.totals.cases_total).toBe(6);
    expect(namBaDon.approximate).toBeUndefined();
    const trungThuan = doc.groups.find((g: { commune: string }) => g.commune === "Xã Trung Thuần");
    expect(trungThuan.totals.cases_total).toBe(12);
    expect(trungThuan.approximate).toBeUndefined();
  });
});

describe("approximate figures in every format", () => {
  it("name the divided old commune beside the new commune that holds its figures", async () => {
    const XLSX = await import("@e965/xlsx/xlsx.mjs");
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tempDir } = await import("./helpers.js");
    const args = ["rollup", "-", "--every", "year", "--by", "commune", "-q"];
    for (const format of ["table", "md", "text", "html"]) {
      const r = tdbv([...args, "--format", format], { stdin: ROWS });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout, format).toContain("Xã Quảng Tiến");
      expect(r.stdout, format).toContain("gần đúng");
    }
    const csv = tdbv([...args, "--format", "csv"], { stdin: ROWS }).stdout.split("\n");
    const header = csv[0]!.split(",");
    const at = header.indexOf("approximate");
    expect(at).toBeGreaterThan(0);
    const row = csv.find((l) => l.includes("Xã Trung Thuần"))!;
    expect(row).toContain("Xã Quảng Tiến");
    expect(row).toContain("(divided)");
    expect(header).toContain("unit_code");
    const dir = tempDir("tdbv-approx-");
    const out = join(dir, "bao-cao.xlsx");
    expect(tdbv([...args, "--output", out], { stdin: ROWS }).status).toBe(0);
    const book = XLSX.read(readFileSync(out));
    const cells = Object.values(book.Sheets).flatMap((ws) => XLSX.utils.sheet_to_json<string[]>(ws!, { header: 1 }).flat());
    expect(cells.some((c) => typeof c === "string" && c.includes("Xã Quảng Tiến"))).toBe(true);
  });
});
