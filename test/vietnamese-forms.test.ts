// Issue 16 items 3-5: marks in `certified`, headers naming several unit types, and periods as
// Vietnamese write them (cells, --period, file names), with half-years and nine months.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { bucketOf, grainOf, lastYearPeriod, overlap, parsePeriod, periodEnd, periodFromFileName, previousPeriod } from "../src/domain/period.js";
import { readFlag } from "../src/normalize/certification.js";
import { matchBand } from "../src/detect/match.js";
import { tdbv, tempDir } from "./helpers.js";

const json = (args: string[]) => {
  const r = tdbv([...args, "--format", "json"]);
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
};

function xlsx(path: string, rows: (string | number)[][]): void {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), "Báo cáo");
  writeFileSync(path, XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
}

function csv(path: string, rows: (string | number)[][]): void {
  const field = (v: string | number) => (/[",]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  writeFileSync(path, rows.map((r) => r.map(field).join(",")).join("\n") + "\n");
}

const MARKS = ["✓", "✔", "☑", "√", "X", "x", " ✓ ", "\u00a0√\u00a0", "✔️"];

describe("marks in certified", () => {
  it.each(MARKS)("readFlag(%j) is certified, alone in a column of marks or beside có/không", (m) => {
    expect(readFlag(m, true)).toBe(true);
    expect(readFlag(m, false)).toBe(true);
  });

  const header = ["Tỉnh", "Huyện", "Xã", "Đạt chuẩn An toàn về ANTT", "Số vụ phạm tội về TTXH"];
  // Expected certified counts are counted here from the rows written, not by tdbv.
  const marksOnly = MARKS.map((m, i) => ["Quảng Bình", "ĐH", `Xã M${i}`, m, 1]).concat([["Quảng Bình", "ĐH", "Xã Trống", "", 1]]);
  const mixed = [["Quảng Bình", "ĐH", "Xã A", "có", 1], ["Quảng Bình", "ĐH", "Xã B", "không", 1], ["Quảng Bình", "ĐH", "Xã C", "✓", 1], ["Quảng Bình", "ĐH", "Xã D", "√", 1], ["Quảng Bình", "ĐH", "Xã E", "X", 1], ["Quảng Bình", "ĐH", "Xã F", "", 1]];
  const certifiedIn = (rows: (string | number)[][]) => rows.filter((r) => /có|✓|✔|☑|√|x/i.test(String(r[3]))).length;
  const dir = tempDir("marks");

  for (const [name, rows, reported] of [["marks", marksOnly, marksOnly.length], ["mixed", mixed, mixed.length - 1]] as const) {
    for (const ext of ["csv", "xlsx"]) {
      it(`${name}.${ext}: every mark counts as certified`, () => {
        const file = join(dir, `${name}.${ext}`);
        (ext === "csv" ? csv : xlsx)(file, [header, ...rows]);
        const r = json(["summarize", file, "--period", "2024"]);
        expect(r.status, r.stderr).toBe(0);
        const g = r.doc.groups[0];
        expect(g.totals.communes_certified).toBe(certifiedIn(rows));
        expect(g.totals.communes_total).toBe(rows.length);
        // In a column of marks a blank is "not certified"; beside có/không it is not reported.
        expect(g.reported.communes_certified).toBe(reported);
      });
    }
  }
});

describe("headers that name several unit types", () => {
  it.each(["Xã/phường/thị trấn", "Xã, phường, đặc khu", "Xã, phường, thị trấn", "Xã/Phường/Thị trấn/Đặc khu", "Phường/xã", "Xã/phường/TT"])("%j is the commune column alone", (h) => {
    expect(matchBand([h])).toEqual({ status: "matched", column: "commune", exact: true });
  });

  it("a pair of figures still reads as a pair", () => {
    expect(matchBand(["Xã đạt chuẩn/tổng số"])).toEqual({ status: "pair", columns: ["communes_certified", "communes_total"] });
  });

  const dir = tempDir("types");
  for (const h of ["Xã/phường/thị trấn", "Xã, phường, đặc khu", "Xã, phường, thị trấn"]) {
    for (const ext of ["csv", "xlsx"]) {
      it(`"${h}" beside "Số phường" (${ext}) is read, not refused`, () => {
        const rows = [["Tỉnh", "Huyện", h, "Số phường", "Số vụ phạm tội về TTXH"], ["Quảng Bình", "ĐH", "Phường Nam Lý", 1, 3], ["Quảng Bình", "ĐH", "Xã Bảo Ninh", 0, 2], ["Quảng Bình", "ĐH", "Phường Hải Thành", 1, 4]];
        const file = join(dir, `t${h.length}.${ext}`);
        (ext === "csv" ? csv : xlsx)(file, rows);
        const r = json(["summarize", file, "--period", "2024"]);
        expect(r.status, r.stderr).toBe(0);
        expect(r.doc.groups[0].units).toBe(3);
        expect(r.doc.groups[0].totals.wards_total).toBe(2);
        expect(r.doc.groups[0].totals.cases_total).toBe(9);
      });
    }
  }
});

const ROMAN = ["I", "II", "III", "IV"];

describe("periods as Vietnamese write them", () => {
  it("reads every form for every year, month, quarter and half (property)", () => {
    for (let y = 2000; y <= 2030; y++) {
      for (const t of [`${y}`, `năm ${y}`, `Năm ${y}`, `Cả năm ${y}`]) expect(parsePeriod(t), t).toBe(`${y}`);
      for (let m = 1; m <= 12; m++) {
        const mm = String(m).padStart(2, "0");
        for (const t of [`${y}-${mm}`, `Tháng ${m} năm ${y}`, `Tháng ${mm}/${y}`, `T${m}/${y}`, `T${mm}-${y}`, `${mm}/${y}`, `tháng ${m}/${y}`]) expect(parsePeriod(t), t).toBe(`${y}-${mm}`);
      }
      for (let q = 1; q <= 4; q++) {
        for (const t of [`${y}-Q${q}`, `Quý ${ROMAN[q - 1]}/${y}`, `Quý ${q}/${y}`, `quý ${ROMAN[q - 1]} năm ${y}`, `Q${q}/${y}`, `Quy ${q}-${y}`]) expect(parsePeriod(t), t).toBe(`${y}-Q${q}`);
      }
      for (const t of [`${y}-H1`, `6 tháng đầu năm ${y}`, `6 tháng năm ${y}`, `6 tháng ${y}`]) expect(parsePeriod(t), t).toBe(`${y}-H1`);
      for (const t of [`${y}-H2`, `6 tháng cuối năm ${y}`]) expect(parsePeriod(t), t).toBe(`${y}-H2`);
      for (const t of [`${y}-9M`, `9 tháng năm ${y}`, `9 tháng đầu năm ${y}`, `9 tháng ${y}`]) expect(parsePeriod(t), t).toBe(`${y}-9M`);
    }
  });

  it.each(["Quý V/2024", "Tháng 13/2024", "2024-Q5", "2024-H3", "8 tháng năm 2024", "Quý 0/2024", "T0/2024", ""])("%j is no period", (t) => {
    expect(parsePeriod(t)).toBeNull();
  });

  it("half-years and nine months are periods of their own", () => {
    expect(["2024-H1", "2024-H2", "2024-9M"].map(grainOf)).toEqual(["half", "half", "nine_months"]);
    expect(bucketOf("2024-H1", "month")).toBeNull();
    expect(bucketOf("2024-H1", "quarter")).toBeNull();
    expect(bucketOf("2024-9M", "quarter")).toBeNull();
    expect(bucketOf("2024-H2", "year")).toBe("2024");
    expect(bucketOf("2024-9M", "year")).toBe("2024");
    expect([periodEnd("2024-H1"), periodEnd("2024-H2"), periodEnd("2024-9M")]).toEqual(["2024-06", "2024-12", "2024-09"]);
    expect(overlap("2024-H1", "2024-03")).toBe(true);
    expect(overlap("2024-H2", "2024-03")).toBe(false);
    expect(overlap("2024-9M", "2024-Q3")).toBe(true);
    expect(overlap("2024-9M", "2024-Q4")).toBe(false);
    expect(overlap("2024-H1", "2024-9M")).toBe(true);
    expect(overlap("2024", "2024-H2")).toBe(true);
    expect([previousPeriod("2024-H1"), previousPeriod("2024-H2"), previousPeriod("2024-9M")]).toEqual(["2023-H2", "2024-H1", "2023-9M"]);
    expect(lastYearPeriod("2024-H1")).toBe("2023-H1");
    expect(lastYearPeriod("2024-9M")).toBe("2023-9M");
  });

  it("reads periods from file names, and says what it does not take", () => {
    const cases: [string, string | null][] = [
      ["03-2024.csv", "2024-03"],
      ["Quy1-2024.csv", "2024-Q1"],
      ["Quý II-2024.xlsx", "2024-Q2"],
      ["BC 6 thang 2024.csv", "2024-H1"],
      ["BC 9 thang nam 2024.xlsx", "2024-9M"],
      ["Báo cáo tháng 3 năm 2024.csv", "2024-03"],
      ["T03-2024.csv", "2024-03"],
      ["lam-dong-2024.csv", "2024"],
      ["ha-tinh-2024-01.csv", "2024-01"],
      ["bao-cao-1995.xls", null],
      ["bieu-mau-2999.xlsx", null],
    ];
    for (const [name, period] of cases) expect(periodFromFileName(`some/dir/${name}`), name).toBe(period);
    const notes: string[] = [];
    expect(periodFromFileName("bao-cao-1995.xls", (n) => notes.push(n.en))).toBeNull();
    expect(periodFromFileName("spreadsheetml-2003.xls", (n) => notes.push(n.en))).toBe("2003");
    expect(periodFromFileName("lam-dong-2024.csv", (n) => notes.push(n.en))).toBe("2024");
    expect(notes).toEqual([
      `"1995" in the file name is not taken as the period: 1995 is not a plausible reporting year (2000 to next year); give --period`,
      `period 2003 taken from the file name; if "2003" is not the period, give --period`,
    ]);
  });

  const header = ["Tỉnh", "Huyện", "Xã", "Kỳ báo cáo", "Số vụ phạm tội về TTXH"];
  const dir = tempDir("periods");

  it.each([
    ["Quý I/2024", "2024-Q1"],
    ["6 tháng đầu năm 2024", "2024-H1"],
    ["9 tháng năm 2024", "2024-9M"],
    ["Tháng 3 năm 2024", "2024-03"],
    ["T3/2024", "2024-03"],
    ["năm 2024", "2024"],
  ])("a period column of %j is %s", (cell, label) => {
    const file = join(dir, `col-${label}.csv`);
    csv(file, [header, ["Quảng Bình", "ĐH", "Xã A", cell, 2], ["Quảng Bình", "ĐH", "Xã B", cell, 3]]);
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.period).toBe(label);
    expect(r.doc.groups[0].totals.cases_total).toBe(5);
  });

  it.each([["Quý I/2024", "2024-Q1"], ["6 tháng đầu năm 2024", "2024-H1"], ["Tháng 03/2024", "2024-03"]])("--period %j is %s", (option, label) => {
    const file = join(dir, "no-period.csv");
    csv(file, [["Tỉnh", "Huyện", "Xã", "Số vụ phạm tội về TTXH"], ["Quảng Bình", "ĐH", "Xã A", 2]]);
    const r = json(["summarize", file, "--period", option]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.period).toBe(label);
  });

  it.each([["03-2024.csv", "2024-03"], ["Quy1-2024.csv", "2024-Q1"], ["BC 6 thang 2024.csv", "2024-H1"], ["Báo cáo tháng 3 năm 2024.csv", "2024-03"]])("the file %s is for %s", (name, label) => {
    const file = join(dir, name);
    csv(file, [["Tỉnh", "Huyện", "Xã", "Số vụ phạm tội về TTXH"], ["Quảng Bình", "ĐH", "Xã A", 2]]);
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.period).toBe(label);
  });

  it("a file named …-1995.xlsx gets no period, and a note says why", () => {
    const file = join(dir, "bieu-mau-1995.xlsx");
    xlsx(file, [["Tỉnh", "Huyện", "Xã", "Số vụ phạm tội về TTXH"], ["Quảng Bình", "ĐH", "Xã A", 2]]);
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.period).toBeNull();
    expect(r.stderr).toContain(`không lấy "1995" trong tên tệp làm kỳ báo cáo`);
  });

  it("rollup: half-years roll into the year, cannot be split into months, and overlap their months", () => {
    const rows = [header, ["Quảng Bình", "ĐH", "Xã A", "6 tháng đầu năm 2024", 4], ["Quảng Bình", "ĐH", "Xã A", "6 tháng cuối năm 2024", 5], ["Quảng Bình", "ĐH", "Xã B", "9 tháng năm 2024", 7]];
    const file = join(dir, "halves.csv");
    csv(file, rows);
    const year = json(["rollup", file, "--every", "year"]);
    expect(year.status, year.stderr).toBe(0);
    expect(year.doc.groups.map((g: { period: string; totals: { cases_total: number } }) => [g.period, g.totals.cases_total])).toEqual([["2024", 16]]);
    const months = tdbv(["rollup", file, "--every", "month"]);
    expect(months.stderr).toContain("period_too_coarse");
    const both = join(dir, "overlap.csv");
    csv(both, [header, ["Quảng Bình", "ĐH", "Xã A", "Tháng 3 năm 2024", 1], ["Quảng Bình", "ĐH", "Xã A", "6 tháng đầu năm 2024", 4]]);
    const o = tdbv(["rollup", both, "--every", "year"]);
    expect(o.stderr).toContain("overlapping_periods");
  });
});
