// Issue 16 items 1, 2 and 6-8: report forms as provinces fill them. Every fixture is made by
// fixtures/make-form-fixtures.mjs, whose expected.json holds the totals it computed from the
// rows it wrote (never tdbv's output).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { comparePeriods, parsePeriod, periodFromTitle, periodOfSheetName, policeRange } from "../src/domain/period.js";
import { provinceOfTitle } from "../src/detect/table.js";
import { fold } from "../src/domain/text.js";
import { writeFileSync } from "node:fs";
import { ROOT, tdbv, tempDir } from "./helpers.js";
import { findProvince } from "../src/units/provinces.js";

/** Reports show a province by its official name ("Quảng Bình" -> "Tỉnh Quảng Bình"). */
function official(name: string): string {
  const m = findProvince(name, "2024-06-01");
  if (!("match" in m)) throw new Error(`no province ${name}`);
  return m.match.name;
}

const DIR = join(ROOT, "fixtures/forms");
const EXPECTED = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as Record<string, any>;
const file = (name: string) => join(DIR, name);

const json = (args: string[]) => {
  const r = tdbv([...args, "--format", "json"]);
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
};

/** The rows `tdbv inspect` lists under a label ("total rows  7  12, 17"), expanded. */
function inspectRows(out: string, label: RegExp): number[] {
  const line = out.split("\n").find((l) => label.test(l));
  if (!line) return [];
  const list = line.trim().split(/\s{2,}/).pop()!;
  return list.split(", ").flatMap((part) => {
    const [a, b] = part.split("-").map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

describe("subtotals of any spelling (item 1)", () => {
  const e = EXPECTED["bieu-cong-quang-binh"];
  for (const ext of ["csv", "xlsx"]) {
    it(`bieu-cong-quang-binh.${ext}: the grand total is the form's own TỔNG CỘNG; every subtotal is a skipped total row`, () => {
      const r = json(["summarize", file(`bieu-cong-quang-binh.${ext}`), "--province", "Quảng Bình", "--period", "2024-H1"]);
      expect(r.status, r.stderr).toBe(0);
      const g = r.doc.groups[0];
      expect(g.units).toBe(e.units);
      for (const [k, v] of Object.entries(e.formGrandTotal)) expect(g.totals[k], k).toBe(v);
      expect(r.doc.rows.skipped.total_row).toBe(e.totalRows.length);
      expect(r.doc.rows.counted).toBe(e.units);
      expect(r.doc.issues.filter((i: { code: string }) => i.code === "total_mismatch")).toEqual([]);
    });

    it(`inspect bieu-cong-quang-binh.${ext} says which subtotals were found by label and which by sum`, () => {
      const r = tdbv(["inspect", file(`bieu-cong-quang-binh.${ext}`), "--province", "Quảng Bình", "--lang", "en"]);
      expect(r.status, r.stderr).toBe(0);
      expect(inspectRows(r.stdout, /subtotals by label/)).toEqual(e.subtotalsByLabel);
      expect(inspectRows(r.stdout, /subtotals by sum/)).toEqual(e.subtotalsBySum);
      expect(inspectRows(r.stdout, /grand total/)).toEqual([e.grandRow]);
    });
  }

  const bad = EXPECTED["bieu-cong-lech"];
  for (const ext of ["csv", "xlsx"]) {
    it(`bieu-cong-lech.${ext}: an unnumbered row at a section's end that does not add up is unclear_subtotal, not a commune`, () => {
      const r = json(["summarize", file(`bieu-cong-lech.${ext}`), "--province", "Quảng Bình", "--period", "2024-H1", "--allow-errors"]);
      const found = r.doc.issues.filter((i: { code: string }) => i.code === "unclear_subtotal");
      expect(found).toHaveLength(1);
      expect(found[0].row).toBe(bad.unclearRow);
      expect(found[0].column).toBe(bad.column);
      expect(found[0].severity).toBe("error");
      const g = r.doc.groups[0];
      expect(g.units).toBe(bad.units);
      for (const [k, v] of Object.entries(bad.totals)) expect(g.totals[k], k).toBe(v);
      expect(r.doc.excluded.map((x: { row: number }) => x.row)).toContain(bad.unclearRow);
      expect(r.doc.rows.read).toBe(r.doc.rows.counted + Object.values(r.doc.rows.skipped as Record<string, number>).reduce((a, b) => a + b, 0));
    });
  }
  it("without --allow-errors the file with the unclear row prints no summary and exits 1", () => {
    const r = tdbv(["summarize", file("bieu-cong-lech.csv"), "--province", "Quảng Bình", "--period", "2024-H1"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("unclear_subtotal");
  });
});

describe("district rows among their communes (item 2)", () => {
  const e = EXPECTED["huyen-giua-xa"];
  for (const ext of ["csv", "xlsx"]) {
    it(`huyen-giua-xa.${ext}: a district row equal to its communes' sum is its total, before or after them`, () => {
      const r = json(["summarize", file(`huyen-giua-xa.${ext}`), "--period", "2024"]);
      expect(r.status, r.stderr).toBe(0);
      const g = r.doc.groups[0];
      expect(g.units).toBe(e.units);
      for (const [k, v] of Object.entries(e.totals)) expect(g.totals[k], k).toBe(v);
      expect(r.doc.rows.skipped.total_row).toBe(e.districtTotalRows.length);
      const t = tdbv(["inspect", file(`huyen-giua-xa.${ext}`), "--lang", "en"]);
      expect(inspectRows(t.stdout, /district totals/)).toEqual(e.districtTotalRows);
    });
  }
  const bad = EXPECTED["huyen-giua-xa-lech"];
  for (const ext of ["csv", "xlsx"]) {
    it(`huyen-giua-xa-lech.${ext}: a district row that does not add up is unclear_district_row; "Huyện" in Loại đơn vị makes a district-level unit`, () => {
      const r = json(["summarize", file(`huyen-giua-xa-lech.${ext}`), "--period", "2024", "--allow-errors"]);
      const found = r.doc.issues.filter((i: { code: string }) => i.code === "unclear_district_row");
      expect(found.map((i: { row: number }) => i.row)).toEqual([bad.unclearRow]);
      expect(found[0].column).toBe(bad.column);
      expect(r.doc.issues.filter((i: { code: string }) => i.code === "invalid_unit_type")).toEqual([]);
      const g = r.doc.groups[0];
      expect(g.units).toBe(bad.units);
      for (const [k, v] of Object.entries(bad.totals)) expect(g.totals[k], k).toBe(v);
    });
  }
});

describe("section headings that carry their district's figures (item 2)", () => {
  const e = EXPECTED["de-muc-co-so"];
  for (const ext of ["csv", "xlsx"]) {
    it(`de-muc-co-so.${ext}: a heading equal to its section's sum is the district's total; one that is not is unclear_district_row`, () => {
      const r = json(["summarize", file(`de-muc-co-so.${ext}`), "--province", "Lâm Đồng", "--period", "2024", "--allow-errors", "--by", "district"]);
      const found = r.doc.issues.filter((i: { code: string }) => i.code === "unclear_district_row");
      expect(found.map((i: { row: number }) => i.row)).toEqual([e.unclearRow]);
      expect(found[0].column).toBe(e.column);
      const p = r.doc.groups.find((g: { level: string }) => g.level === "province");
      expect(p.units).toBe(e.units);
      for (const [k, v] of Object.entries(e.totals)) expect(p.totals[k], k).toBe(v);
      // The communes under each heading take its district.
      expect(r.doc.groups.filter((g: { level: string }) => g.level === "district").map((g: { district: string; units: number }) => [g.district, g.units])).toEqual([
        ["HUYỆN ĐAM RÔNG", 2],
        ["HUYỆN ĐƠN DƯƠNG", 3],
        ["HUYỆN LẠC DƯƠNG", 2],
      ]);
      const x = tdbv(["inspect", file(`de-muc-co-so.${ext}`), "--lang", "en"]);
      expect(inspectRows(x.stdout, /district totals/)).toEqual(e.districtTotalRows);
    });
  }
  it("theo-huyen.csv: a file of districts in one name column is read as units, as before", () => {
    const e2 = EXPECTED["theo-huyen"];
    const r = json(["summarize", file("theo-huyen.csv"), "--province", "Lâm Đồng", "--period", "2024"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].units).toBe(e2.units);
    for (const [k, v] of Object.entries(e2.totals)) expect(r.doc.groups[0].totals[k], k).toBe(v);
  });
});

describe("the province and the period from the title rows (item 6, item 5)", () => {
  const e = EXPECTED["bieu-cong-quang-binh"];
  it("bieu-cong-quang-binh.csv without --province or --period: Quảng Bình and 2024-H1 from the title, said on standard error", () => {
    const r = json(["summarize", file("bieu-cong-quang-binh.csv")]);
    expect(r.status, r.stderr).toBe(0);
    const g = r.doc.groups[0];
    expect(g.province).toBe(official(e.province));
    expect(g.period).toBe(e.period);
    for (const [k, v] of Object.entries(e.totals)) expect(g.totals[k], k).toBe(v);
    expect(r.stderr).toContain('tỉnh "Quảng Bình" lấy từ dòng tiêu đề 1 ("CÔNG AN TỈNH QUẢNG BÌNH")');
    expect(r.stderr).toContain("kỳ 2024-H1 lấy từ dòng tiêu đề 4");
    // The title's dates are the police reporting period's: read, and said.
    expect(r.stderr).toContain("kỳ báo cáo của ngành Công an (15/12/2023–14/6/2024) được ghi là 2024-H1");
  });

  it("inspect says where the period and the province came from", () => {
    const vi = tdbv(["inspect", file("bieu-cong-quang-binh.xlsx")]).stdout;
    expect(vi).toMatch(/^kỳ: +2024-H1 \(từ dòng tiêu đề của biểu 4: "BÁO CÁO KẾT QUẢ .* 6 THÁNG ĐẦU NĂM 2024"\); năm báo cáo của ngành Công an: 15\/12\/2023–14\/6\/2024$/m);
    expect(vi).toMatch(/^tỉnh: +Quảng Bình \(từ dòng tiêu đề 1: "CÔNG AN TỈNH QUẢNG BÌNH"\)$/m);
    const en = tdbv(["inspect", file("bieu-cong-quang-binh.csv"), "--period", "2024", "--lang", "en"]).stdout;
    expect(en).toMatch(/^period: +2024 \(from --period\)$/m);
    const h = EXPECTED["cong-an-ha-noi"];
    const named = tdbv(["inspect", file("cong-an-ha-noi.csv"), "--lang", "en"]).stdout;
    expect(named).toContain(`period:    ${h.period} (from the form's title row 2:`);
  });

  it("a title naming one province and --province another is province_mismatch, and the file is refused", () => {
    const r = json(["summarize", file("bieu-cong-quang-binh.csv"), "--province", "Lâm Đồng", "--allow-errors"]);
    const found = r.doc.issues.filter((i: { code: string }) => i.code === "province_mismatch");
    expect(found).toHaveLength(1);
    expect(found[0].row).toBe(1);
    expect(r.doc.rows.counted).toBe(0);
    // The same province in another spelling is no mismatch.
    const same = json(["summarize", file("bieu-cong-quang-binh.csv"), "--province", "tỉnh quảng bình"]);
    expect(same.status, same.stderr).toBe(0);
  });

  it("cong-an-ha-noi.csv: 'CÔNG AN THÀNH PHỐ HÀ NỘI' is the province, 'THÁNG 3 NĂM 2024' the period", () => {
    const h = EXPECTED["cong-an-ha-noi"];
    const r = json(["summarize", file("cong-an-ha-noi.csv")]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].province).toBe(official(h.province));
    expect(r.doc.groups[0].period).toBe(h.period);
    expect(r.doc.groups[0].units).toBe(h.units);
    for (const [k, v] of Object.entries(h.totals)) expect(r.doc.groups[0].totals[k], k).toBe(v);
  });
});

describe("one sheet per month (item 7)", () => {
  const e = EXPECTED["theo-thang-2024"];
  const path = file("theo-thang-2024.xlsx");
  it("summarize reads every month's sheet with its period from the sheet's name, not the summary sheet", () => {
    const r = json(["summarize", path]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.periods).toEqual(Object.keys(e.months));
    for (const [period, totals] of Object.entries(e.months as Record<string, Record<string, number>>)) {
      const g = r.doc.groups.find((x: { period: string }) => x.period === period);
      expect(g.units, period).toBe(e.unitsPerSheet);
      for (const [k, v] of Object.entries(totals)) expect(g.totals[k], `${period} ${k}`).toBe(v);
    }
    expect(r.stderr).toContain(`đọc ${e.sheets.length} trang`);
    expect(r.stderr).toContain('không đọc "Tổng hợp"');
  });
  it("rollup --every quarter adds the months' flows and takes the latest month's stocks", () => {
    const r = json(["rollup", path, "--every", "quarter"]);
    expect(r.status, r.stderr).toBe(0);
    for (const [period, totals] of Object.entries(e.quarters as Record<string, Record<string, number>>)) {
      const g = r.doc.groups.find((x: { period: string }) => x.period === period);
      for (const [k, v] of Object.entries(totals)) expect(g.totals[k], `${period} ${k}`).toBe(v);
    }
  });
  it("--sheet still picks one sheet, with its name's period; inspect lists the sheets by period", () => {
    const r = json(["summarize", path, "--sheet", "Tháng 3"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.periods).toEqual(["2024-03"]);
    for (const [k, v] of Object.entries(e.months["2024-03"])) expect(r.doc.groups[0].totals[k], k).toBe(v);
    const x = tdbv(["inspect", path, "--lang", "en"]).stdout;
    expect(x).toContain('"T1" (2024-01), "T2" (2024-02), "Tháng 3" (2024-03), "Th4" (2024-04), "Tháng 05-2024" (2024-05), "T6" (2024-06)');
    expect(x).toMatch(/^period: +2024-01 \(from the sheet's name\)$/m);
  });
});

describe("several tables on one sheet and transposed forms are refused (item 8)", () => {
  for (const ext of ["csv", "xlsx"]) {
    it(`nhieu-bang.${ext}: several_tables, naming the second header's row; nothing counted`, () => {
      const r = json(["summarize", file(`nhieu-bang.${ext}`), "--province", "Lâm Đồng", "--allow-errors"]);
      const found = r.doc.issues.filter((i: { code: string }) => i.code === "several_tables");
      expect(found.map((i: { row: number }) => i.row)).toEqual([EXPECTED["nhieu-bang"].secondHeaderRow]);
      expect(found[0].message).toContain("tách mỗi bảng sang một tệp hoặc một trang tính");
      expect(r.doc.rows.counted).toBe(0);
      const x = tdbv(["inspect", file(`nhieu-bang.${ext}`), "--lang", "en"]);
      expect(x.status).toBe(1);
      expect(x.stdout).toMatch(new RegExp(`^layout: +several tables on one sheet \\(another from row ${EXPECTED["nhieu-bang"].secondHeaderRow}\\)`, "m"));
    });
    it(`xoay-ngang.${ext}: transposed_table; nothing counted`, () => {
      const r = json(["summarize", file(`xoay-ngang.${ext}`), "--province", "Lâm Đồng", "--allow-errors"]);
      const found = r.doc.issues.filter((i: { code: string }) => i.code === "transposed_table");
      expect(found).toHaveLength(1);
      expect(found[0].message).toContain("biểu xoay ngang");
      expect(r.doc.rows.counted).toBe(0);
      expect(tdbv(["inspect", file(`xoay-ngang.${ext}`)]).stdout).toMatch(/^bố cục: +biểu xoay ngang/m);
    });
  }
});

describe("periods: police dates, titles, sheet names, time order (item 5)", () => {
  it.each([
    ["từ ngày 15/12/2023 đến ngày 14/12/2024", "2024"],
    ["Từ ngày 15/12/2023 đến ngày 14/6/2024", "2024-H1"],
    ["15/12/2023 - 14/3/2024", "2024-Q1"],
    ["từ 15/3/2024 đến 14/6/2024", "2024-Q2"],
    ["từ ngày 15/6/2024 đến ngày 14/12/2024", "2024-H2"],
    ["từ ngày 15/12/2023 đến ngày 14/9/2024", "2024-9M"],
    ["từ ngày 15/2/2024 đến ngày 14/3/2024", "2024-03"],
    ["từ ngày 15/12/2023 đến ngày 14/1/2024", "2024-01"],
  ])("the police dates %j are %s (a period cell or --period)", (text, label) => {
    expect(policeRange(fold(text), true)?.period).toBe(label);
    expect(parsePeriod(text)).toBe(label);
  });
  it.each([["từ ngày 15/12/2023 đến ngày 14/5/2024"], ["từ ngày 15/12/2022 đến ngày 14/6/2024"], ["từ ngày 1/1/2024 đến ngày 30/6/2024"]])("%j is no police period", (text) => {
    expect(policeRange(fold(text), true)).toBeNull();
  });
  it.each([
    ["BÁO CÁO KẾT QUẢ PHONG TRÀO 6 THÁNG ĐẦU NĂM 2024", "2024-H1"],
    ["Báo cáo tháng 3 năm 2024", "2024-03"],
    ["BÁO CÁO KẾT QUẢ QUÝ I/2024", "2024-Q1"],
    ["BÁO CÁO TỔNG KẾT NĂM 2024", "2024"],
    ["(Số liệu tính từ ngày 15/12/2023 đến ngày 14/12/2024)", "2024"],
  ])("the title %j names %s", (text, label) => {
    expect(periodFromTitle(text)?.period).toBe(label);
  });
  it.each([
    ["CÔNG AN TỈNH QUẢNG BÌNH", "Quảng Bình"],
    ["UBND TỈNH LÂM ĐỒNG", "Lâm Đồng"],
    ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "Hà Tĩnh"],
    ["CÔNG AN THÀNH PHỐ HÀ NỘI", "Hà Nội"],
    ["Công an TP Hồ Chí Minh", "Hồ Chí Minh"],
    ["CÔNG AN THÀNH PHỐ ĐÀ LẠT", null],
    ["CÔNG AN HUYỆN LẠC DƯƠNG", null],
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", null],
  ])("the title %j names the province %s", (text, name) => {
    expect(provinceOfTitle(text)).toBe(name);
  });
  it.each([
    ["T1", "2024", "2024-01"],
    ["Th12", "2024", "2024-12"],
    ["Tháng 3", "2024", "2024-03"],
    ["Tháng 01-2023", "2024", "2023-01"],
    ["T1", null, null],
    ["Tổng hợp", "2024", null],
  ])("the sheet %j in %s is %s", (name, year, label) => {
    expect(periodOfSheetName(name, year)).toBe(label);
  });
  it("periods sort by their last month, then their first: never as text", () => {
    const shuffled = ["2024", "2024-9M", "2024-H1", "2024-03", "2024-Q1", "2023-H2", "2024-12", "2024-Q4", "2024-H2"];
    expect([...shuffled].sort(comparePeriods)).toEqual(["2023-H2", "2024-Q1", "2024-03", "2024-H1", "2024-9M", "2024", "2024-H2", "2024-Q4", "2024-12"]);
  });
  it("summarize lists the groups of a file's periods in time order (2024-9M after 2024-03, the year last)", () => {
    const dir = tempDir("period-order");
    const path = `${dir}/ky.csv`;
    const rows = [["Tỉnh", "Xã", "Kỳ báo cáo", "Số vụ phạm tội về TTXH"], ["Lâm Đồng", "Xã A", "năm 2024", 9], ["Lâm Đồng", "Xã A", "9 tháng năm 2024", 7], ["Lâm Đồng", "Xã A", "Tháng 3 năm 2024", 1], ["Lâm Đồng", "Xã A", "6 tháng đầu năm 2024", 4], ["Lâm Đồng", "Xã A", "Quý I/2024", 2]];
    writeFileSync(path, rows.map((r) => r.join(",")).join("\n") + "\n");
    const r = json(["summarize", path]);
    expect(r.doc.periods).toEqual(["2024-Q1", "2024-03", "2024-H1", "2024-9M", "2024"]);
    expect(r.doc.groups.map((g: { period: string }) => g.period)).toEqual(["2024-Q1", "2024-03", "2024-H1", "2024-9M", "2024"]);
    expect(r.doc.groups.map((g: { totals: { cases_total: number } }) => g.totals.cases_total)).toEqual([2, 1, 4, 7, 9]);
  });
});

describe("property: a numbered form's subtotals, whatever their spelling, are never counted", () => {
  const DISTRICTS = [["HUYỆN LẠC DƯƠNG", "Lạc Dương"], ["THÀNH PHỐ ĐỒNG HỚI", "Đồng Hới"], ["THỊ XÃ BA ĐỒN", "Ba Đồn"], ["HUYỆN BỐ TRẠCH", "Bố Trạch"], ["QUẬN BA ĐÌNH", "Ba Đình"]];
  const CLOSINGS = [
    () => ["", "Cộng"],
    () => ["", "Cộng:"],
    (short: string) => ["", `Cộng ${short}`],
    (short: string) => ["", `TỔNG ${short.toUpperCase()}`],
    () => ["", ""],
    (short: string) => ["", short],
  ];
  it("the communes are counted once, every subtotal and the grand total are total rows", async () => {
    const fc = await import("fast-check");
    const { collect } = await import("../src/pipeline/collect.js");
    const { sheet } = await import("./helpers.js");
    const section = fc.record({
      communes: fc.array(fc.tuple(fc.nat(500), fc.nat(50)), { minLength: 1, maxLength: 5 }),
      closing: fc.integer({ min: 0, max: CLOSINGS.length - 1 }),
    });
    fc.assert(
      fc.property(fc.array(section, { minLength: 1, maxLength: DISTRICTS.length }), fc.boolean(), (sections, grand) => {
        const lines = ["STT,Xã,Số vụ phạm tội về TTXH,Số tin có giá trị"];
        let cases = 0;
        let tips = 0;
        let communes = 0;
        sections.forEach((s, k) => {
          const [name, short] = DISTRICTS[k]! as [string, string];
          lines.push(`${["I", "II", "III", "IV", "V"][k]},${name},,`);
          let c = 0;
          let t = 0;
          s.communes.forEach(([a, b], j) => {
            lines.push(`${j + 1},Xã Số ${k}${j},${a},${b}`);
            c += a;
            t += b;
          });
          lines.push([...CLOSINGS[s.closing]!(short), c, t].join(","));
          cases += c;
          tips += t;
          communes += s.communes.length;
        });
        if (grand) lines.push(`,TỔNG CỘNG,${cases},${tips}`);
        const got = collect([[sheet(lines.join("\n") + "\n", "form.csv")]], { by: "province", province: "Lâm Đồng", period: "2024", decimalMark: null });
        expect(got.counted).toBe(communes);
        expect(got.units.reduce((a, u) => a + u.values[0]!, 0)).toBe(cases);
        expect(got.skipped.total_row).toBe(sections.length + (grand ? 1 : 0));
        expect(got.issues.filter((i) => i.severity === "error")).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("a district row far down a long file", () => {
  // Communes are summed by district only once a district row shows in the first rows read (or
  // comes): a long export without any is not summed row by row. A district row met after its
  // communes went unsummed cannot be told from a total, and is refused, never counted.
  it("is unclear_district_row when its communes came before it unsummed, and is not counted", () => {
    const lines = ["Tỉnh,Huyện,Xã,Số vụ xảy ra"];
    for (let i = 1; i <= 1005; i++) lines.push(`Quảng Bình,Huyện A,Xã ${i},1`);
    lines.push("Quảng Bình,Huyện A,,1005");
    const run = tdbv(["summarize", "-", "--format", "json", "--allow-errors", "-q"], { stdin: lines.join("\n") });
    const doc = JSON.parse(run.stdout);
    expect(run.status).toBe(1);
    expect(doc.issues.map((i: { code: string; row: number }) => [i.code, i.row])).toEqual([["unclear_district_row", 1007]]);
    expect(doc.groups.find((g: { level: string }) => g.level === "province").totals.cases_total).toBe(1005);
  });
});
