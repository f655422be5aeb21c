import { describe, expect, it } from "vitest";
import { summarize, type SummarizeOptions } from "../src/pipeline/summarize.js";
import { sheet } from "./helpers.js";

const OPTS: SummarizeOptions = { by: "province", province: null, period: null, decimalMark: null };
const run = (text: string, opts: Partial<SummarizeOptions> = {}, file = "2024.csv") => summarize([[sheet(text, file)]], { ...OPTS, ...opts });
const flat = (r: ReturnType<typeof run>) => r.issues.map((i) => [i.row, i.column, i.code]);
const skippedSum = (r: ReturnType<typeof run>) => Object.values(r.rows.skipped).reduce((a, b) => a + (b ?? 0), 0);

const H = "province,district,commune,cases_total,cases_solved,residential_areas_total,residential_areas_certified";

describe("summarize", () => {
  it("reads comma, semicolon and tab files, LF or CRLF, with or without BOM, alike", () => {
    const rows = [H, "Lâm Đồng,Huyện A,Xã Một,10,8,5,5", "Lâm Đồng,Huyện A,Xã Hai,3,3,4,3"];
    const variants = [
      rows.join("\n"),
      rows.join("\r\n") + "\r\n",
      "\ufeff" + rows.join("\n"),
      rows.map((r) => r.replace(/,/g, ";")).join("\n"),
      rows.map((r) => r.replace(/,/g, "\t")).join("\r\n"),
    ];
    const results = variants.map((t) => run(t).groups);
    for (const g of results) expect(g).toEqual(results[0]);
    expect(results[0]![0]!.totals).toMatchObject({ cases_total: 13, cases_solved: 11, residential_areas_total: 9 });
  });

  it("never counts a total row, and checks it against the rows it covers", () => {
    const r = run([H, "Lâm Đồng,Huyện A,Xã Một,10,8,5,5", "Lâm Đồng,Huyện A,Xã Hai,3,3,4,3", "Lâm Đồng,,Tổng cộng,14,11,9,8"].join("\n"));
    expect(r.groups[0]!.units).toBe(2);
    expect(r.groups[0]!.totals.cases_total).toBe(13);
    expect(flat(r)).toEqual([[4, "cases_total", "total_mismatch"]]);
    expect(r.rows).toEqual({ read: 3, counted: 2, skipped: { total_row: 1 } });
  });

  it("checks a district's 'Cộng huyện' row against that district only", () => {
    const r = run(
      [H, "Lâm Đồng,Huyện A,Xã Một,6,5,3,3", "Lâm Đồng,Huyện A,Xã Ba,4,3,2,2", "Lâm Đồng,,Cộng huyện A,10,8,5,5", "Lâm Đồng,Huyện B,Xã Hai,3,3,4,3", "Lâm Đồng,,Cộng huyện B,4,3,4,3"].join("\n"),
    );
    expect(flat(r)).toEqual([[6, "cases_total", "total_mismatch"]]);
    expect(r.groups[0]!.units).toBe(3);
  });

  it("keeps blank as not reported: totals and ratios use the units that reported", () => {
    const r = run([H, "Lâm Đồng,Huyện A,Xã Một,10,8,,", "Lâm Đồng,Huyện A,Xã Hai,,,4,3", "Lâm Đồng,Huyện A,Xã Ba,5,,2,2"].join("\n"));
    const g = r.groups[0]!;
    expect(g.totals).toMatchObject({ cases_total: 15, cases_solved: 8, residential_areas_total: 6 });
    expect(g.reported).toMatchObject({ cases_total: 2, cases_solved: 1 });
    expect(g.ratios.solved_rate).toEqual({ numerator: 8, denominator: 10, value: 0.8, units: 1 });
  });

  it("feeds communes/wards/townships from each unit's type and certified flag", () => {
    const text = [
      "Tỉnh,Huyện,Xã,Loại đơn vị,Đạt chuẩn",
      "Lâm Đồng,TP Đà Lạt,Phường 1,phường,có",
      "Lâm Đồng,TP Đà Lạt,Xã Tà Nung,,không",
      "Lâm Đồng,Huyện Lạc Dương,TT. Lạc Dương,,x",
      "Lâm Đồng,Huyện Lạc Dương,Xã Lát,xã,1",
    ].join("\n");
    const g = run(text).groups[0]!;
    expect(g.totals).toMatchObject({
      communes_total: 2,
      communes_certified: 1,
      wards_total: 1,
      wards_certified: 1,
      townships_total: 1,
      townships_certified: 1,
    });
    expect(g.ratios.commune_coverage!.value).toBe(0.5);
  });

  it("reads an unmarked cell in a column of marks as not certified", () => {
    const text = ["Tỉnh,Xã,Đạt chuẩn", "Quảng Bình,Xã Một,x", "Quảng Bình,Xã Hai,", "Quảng Bình,Xã Ba,x"].join("\n");
    const g = run(text).groups[0]!;
    expect([g.totals.communes_total, g.totals.communes_certified]).toEqual([3, 2]);
  });

  it("treats spelling variants of one unit as one unit: a duplicate", () => {
    const r = run([H, "Lâm Đồng,Huyện A,Xã Hòa Bình,1,1,1,1", "Lâm Đồng,H. A,X. Hoà  Bình,1,1,1,1"].join("\n"));
    expect(flat(r)).toEqual([[3, "commune", "duplicate_unit"]]);
    expect(r.complete).toBe(false);
    expect(r.rows).toEqual({ read: 2, counted: 1, skipped: { invalid: 1 } });
  });

  it("names where a duplicate was first met, in the same file or another", () => {
    // Three files of one period: the period meets a second and a third file after its first
    // units, and a hundred more units after that.
    const more = Array.from({ length: 100 }, (_, k) => `Lâm Đồng,Xã Phụ ${k},2024-01,1`);
    const a = ["province,commune,period,cases_total", "Lâm Đồng,Xã Một,2024-01,1", "Lâm Đồng,Xã Hai,2024-01,1"].join("\n");
    const b = ["province,commune,period,cases_total", "Lâm Đồng,Xã Ba,2024-01,1", "Lâm Đồng,Xã Hai,2024-01,1", "Lâm Đồng,Xã Bốn,2024-01,1"].join("\n");
    const c = ["province,commune,period,cases_total", ...more, "Lâm Đồng,Xã Bốn,2024-01,1", "Lâm Đồng,Xã Một,2024-01,1", "Lâm Đồng,Xã Năm,2024-01,1", "Lâm Đồng,Xã Năm,2024-01,1"].join("\n");
    const r = summarize([[sheet(a, "a.csv")], [sheet(b, "b.csv")], [sheet(c, "c.csv")]], OPTS);
    expect(r.issues.map((i) => `${i.file}:${i.row} ${i.message.en.replace(/.*already appears at /, "")}`)).toEqual([
      "b.csv:3 a.csv:3",
      "c.csv:102 b.csv:4",
      "c.csv:103 a.csv:2",
      "c.csv:105 row 104",
    ]);
    expect(r.rows.counted).toBe(105);
  });

  it("keeps different letters apart: Tân An and Tấn An are two units", () => {
    const r = run([H, "Lâm Đồng,Huyện A,Xã Tân An,1,1,1,1", "Lâm Đồng,Huyện A,Xã Tấn An,1,1,1,1"].join("\n"));
    expect(r.issues).toEqual([]);
    expect(r.groups[0]!.units).toBe(2);
  });

  it("skips title rows above the header and names them in the accounting", () => {
    const text = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO KẾT QUẢ NĂM 2024", "", H, "Lâm Đồng,Huyện A,Xã Một,10,8,5,5"].join("\n");
    const r = run(text);
    expect(r.inputs[0]!.header).toEqual({ first: 4, last: 4 });
    expect(r.rows).toEqual({ read: 4, counted: 1, skipped: { title: 3 } });
  });

  it("takes the province from --province and the period from the file name", () => {
    const r = run(["Huyện,Xã,Số vụ xảy ra", "Huyện A,Xã Một,3"].join("\n"), { province: "Lâm Đồng" }, "bao-cao-2024-03.csv");
    expect(r.groups[0]).toMatchObject({ province: "Tỉnh Lâm Đồng", period: "2024-03" });
    expect(r.period).toBe("2024-03");
  });

  it("refuses a file with no province and no --province", () => {
    const r = run(["Huyện,Xã,Số vụ xảy ra", "Huyện A,Xã Một,3", "Huyện A,Xã Hai,4"].join("\n"));
    expect(flat(r)).toEqual([[1, null, "missing_province"]]);
    expect(r.rows).toEqual({ read: 2, counted: 0, skipped: { file_rejected: 2 } });
  });

  it("reports two columns with the same meaning as an error", () => {
    const r = run(["Tỉnh,Xã,Số vụ xảy ra,Tổng số vụ", "Lâm Đồng,Xã Một,3,3"].join("\n"));
    expect(flat(r)).toEqual([[1, "cases_total", "duplicate_column"]]);
  });

  it("warns once about a column it does not know, and reads the rest", () => {
    const r = run(["Tỉnh,Xã,Số vụ xảy ra,Số vụ cháy", "Lâm Đồng,Xã Một,3,9", "Lâm Đồng,Xã Hai,4,1"].join("\n"));
    expect(flat(r)).toEqual([[1, "Số vụ cháy", "unknown_column"]]);
    expect(r.groups[0]!.totals.cases_total).toBe(7);
  });

  it("reads headers in NFD form and Vietnamese numbers", () => {
    const text = ["Tỉnh;Xã;Số vụ xảy ra;Số vụ làm rõ;Thuốc nổ (kg)".normalize("NFD"), "Lâm Đồng;Xã Một;1.200;1.100;0,5", "Lâm Đồng;Xã Hai;1.050;1.000;2"].join("\n");
    const g = run(text).groups[0]!;
    expect(g.totals).toMatchObject({ cases_total: 2250, cases_solved: 2100, explosives_kg: 2.5 });
  });

  it("reports each bad cell with its row, column and raw value, and excludes the row", () => {
    const r = run([H, "Lâm Đồng,Huyện A,Xã Một,abc,8,5,5", "Lâm Đồng,Huyện A,Xã Hai,3,-3,4,3", "Lâm Đồng,Huyện A,Xã Ba,10,12,4,3", "Lâm Đồng,Huyện A,Xã Bốn,1,5,4,3"].join("\n"));
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.code])).toEqual([
      [2, "cases_total", "abc", "invalid_number"],
      [3, "cases_solved", "-3", "negative_number"],
      [4, "cases_solved", "12", "part_exceeds_whole"],
      [5, "cases_solved", "5", "part_exceeds_whole"],
    ]);
    expect(r.rows).toEqual({ read: 4, counted: 0, skipped: { invalid: 4 } });
    expect(r.excluded.map((e) => e.row)).toEqual([2, 3, 4, 5]);
  });

  it("accounts for every row read: read = counted + Σ skipped", () => {
    const text = ["Báo cáo", H, "Lâm Đồng,Huyện A,Xã Một,10,8,5,5", "", "Lâm Đồng,Huyện A,Xã Hai,x,3,4,3", ",,Tổng cộng,13,11,9,8", ",,,,,,"].join("\n");
    const r = run(text);
    expect(r.rows.read).toBe(r.rows.counted + skippedSum(r));
    expect(r.rows).toEqual({ read: 6, counted: 1, skipped: { title: 1, blank: 2, total_row: 1, invalid: 1 } });
  });

  it("groups by district with the province after its districts", () => {
    const r = run([H, "Lâm Đồng,Huyện B,Xã Một,10,8,5,5", "Lâm Đồng,Huyện A,Xã Hai,3,3,4,3"].join("\n"), { by: "district" });
    expect(r.groups.map((g) => [g.level, g.district, g.totals.cases_total])).toEqual([
      ["district", "Huyện A", 3],
      ["district", "Huyện B", 10],
      ["province", null, 13],
    ]);
  });
});
