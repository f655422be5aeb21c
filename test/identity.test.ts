// One identity for a unit (issue 15, item 1): its code, or its names under the documented
// normalisation, so rows of one unit with and without a code, with and without the type word,
// are one unit; two units of one name are told apart by their codes; codes that lost their
// leading zeros are the same codes. Expected figures are worked out by hand from the rows.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UnitDirectory, padCode, provinceBare, communeParts, districtParts } from "../src/domain/directory.js";
import { removeTempDirs, tdbv, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

const HEADER = "Tỉnh,Huyện,Xã,Mã ĐVHC,Kỳ,Số camera an ninh,Tổng số khu dân cư";

/** A register file of these lines, in a folder of its own. */
function registerFile(lines: readonly string[]): string {
  const file = join(tempDir("tdbv-identity-"), "dang-ky.csv");
  writeFileSync(file, lines.join("\n"));
  return file;
}

function json(args: string[], stdin: string) {
  const r = tdbv([...args, "--format", "json", "-q"], { stdin });
  return { r, out: r.stdout ? JSON.parse(r.stdout) : null };
}

describe("padCode", () => {
  it("pads digits to the level's width and leaves other text", () => {
    expect(padCode("1786", "commune")).toBe("01786");
    expect(padCode("01786", "commune")).toBe("01786");
    expect(padCode("001786", "commune")).toBe("01786");
    expect(padCode("1", "province")).toBe("01");
    expect(padCode("17", "district")).toBe("017");
    expect(padCode("A12", "commune")).toBe("A12");
  });
});

describe("name keys", () => {
  it("drop the type word, keep it apart, and read old tone placement and abbreviations", () => {
    expect(communeParts("Xã Hoà Bình")).toEqual(["hòa bình", "xã"]);
    expect(communeParts("X. Hòa  Bình")).toEqual(["hòa bình", "xã"]);
    expect(communeParts("Hòa Bình")).toEqual(["hòa bình", null]);
    expect(communeParts("Phường 1")).toEqual(["1", "phường"]);
    expect(communeParts("TT. Lạc Dương")).toEqual(["lạc dương", "thị trấn"]);
    expect(districtParts("H. Chi Lăng")).toEqual(["chi lăng", "huyện"]);
    expect(districtParts("Thị xã Kỳ Anh")).toEqual(["kỳ anh", "thị xã"]);
    expect(provinceBare("TP. Hồ Chí Minh")).toBe("hồ chí minh");
    expect(provinceBare("Tỉnh Hòa Bình")).toBe(provinceBare("Hoà Bình"));
  });
});

describe("the directory", () => {
  const row = (commune: string | null, code: string | null, district: string | null = "Huyện Chi Lăng") => ({ province: "Lạng Sơn", provinceKey: "lạng sơn", district, commune, code });

  it("makes the rows of one unit with and without its code one unit, in either order", () => {
    for (const order of [
      [row("Xã Hòa Bình", "06100"), row("Xã Hòa Bình", null), row(null, "06100", null)],
      [row(null, "06100", null), row("Xã Hòa Bình", "06100"), row("Xã Hòa Bình", null)],
      [row("Xã Hòa Bình", null), row("Hòa Bình", "06100"), row(null, "6100", null)],
      [row("Hòa Bình", "06100", "Chi Lăng"), row("Xã Hòa Bình", null), row("X. Hoà Bình", "6100")],
    ]) {
      const d = new UnitDirectory();
      const ids = order.map((r) => d.resolve({ ...r, code: r.code === null ? null : padCode(r.code, "commune") }).unit.identity);
      expect(new Set(ids).size, JSON.stringify(order)).toBe(1);
    }
  });

  it("keeps two units of one name apart by their codes, and refuses a row without a code between them", () => {
    const d = new UnitDirectory();
    const a = d.resolve(row("Xã Đông Khê", "16387", "Thành phố Thanh Hóa")).unit;
    const b = d.resolve(row("Xã Đông Khê", "16408", "Thành phố Thanh Hóa")).unit;
    expect(a.identity).not.toBe(b.identity);
    const c = d.resolve(row("Xã Đông Khê", null, "Thành phố Thanh Hóa"));
    expect(c.ambiguous?.map((u) => u.code)).toEqual(["16387", "16408"]);
  });

  it("tells Xã and Thị trấn of one name apart, and takes a bare name only when it is unique", () => {
    const d = new UnitDirectory([
      { ...row("Xã Đồng Mỏ", "06001"), row: 2 },
      { ...row("Thị trấn Đồng Mỏ", "06002"), row: 3 },
      { ...row("Xã Vân Thủy", "06003"), row: 4 },
    ]);
    expect(d.resolve(row("TT. Đồng Mỏ", null)).unit.code).toBe("06002");
    expect(d.resolve(row("Đồng Mỏ", null)).ambiguous).toHaveLength(2);
    expect(d.resolve(row("Vân Thuỷ", null)).unit.code).toBe("06003");
    expect(d.resolve(row("Vân Thủy", null, "Chi Lăng")).unit.code).toBe("06003");
    expect(d.resolve(row("Vân Thủy", null, null)).unit.code).toBe("06003");
  });

  it("says when a row's code is another unit's in the register, or none of the register's", () => {
    const d = new UnitDirectory([
      { ...row("Xã Hòa Bình", "06100"), row: 2 },
      { ...row("Xã Vạn Linh", "06101"), row: 3 },
    ]);
    const other = d.resolve(row("Xã Hòa Bình", "6101".padStart(5, "0")));
    expect(other.codeOf?.commune).toBe("Xã Vạn Linh");
    expect(other.unit.commune).toBe("Xã Hòa Bình");
    expect(d.resolve(row("Xã Hòa Bình", "09999")).unknownCode).toBe(true);
    expect(d.resolve(row("Xã Hòa Bình", "06100")).codeOf).toBeNull();
  });
});

describe("end to end", () => {
  it("counts a unit with a code in one month and without in another once: stocks are the unit's latest, not a sum", () => {
    // Xã Tân Lập: 01786 in January, no code in February. Cameras are a stock: the year's value
    // is February's 12, not 10 + 12 = 22 for two units.
    const stdin = [
      HEADER,
      "Lạng Sơn,Huyện Chi Lăng,Xã Tân Lập,1786,2024-01,10,7",
      "Lạng Sơn,Huyện Chi Lăng,Xã Tân Lập,,2024-02,12,7",
    ].join("\n");
    const { r, out } = json(["rollup", "-", "--every", "year", "--by", "commune"], stdin);
    expect(r.status, r.stderr).toBe(0);
    const communes = out.groups.filter((g: { level: string }) => g.level === "commune");
    expect(communes).toHaveLength(1);
    expect(communes[0].totals.cameras).toBe(12);
    expect(communes[0].totals.residential_areas_total).toBe(7);
  });

  it("finds the same unit twice in one period whatever the spelling: duplicate_unit", () => {
    const stdin = [HEADER, "Lạng Sơn,Huyện Chi Lăng,Xã Tân Lập,01786,2024-01,10,7", "Lạng Sơn,Chi Lăng,Tân Lập,,2024-01,10,7"].join("\n");
    const { r, out } = json(["validate", "-"], stdin);
    expect(r.status).toBe(1);
    expect(out.problems.map((p: { code: string; row: number }) => [p.code, p.row])).toEqual([["duplicate_unit", 3]]);
  });

  it("groups every spelling of a district and a province as one", () => {
    const stdin = [
      HEADER,
      "Lạng Sơn,Huyện Chi Lăng,Xã Tân Lập,,2024,10,7",
      "Tỉnh Lạng Sơn,Chi Lăng,Xã Vân Thủy,,2024,5,3",
      "LẠNG SƠN,H. Chi Lăng,Xã Vạn Linh,,2024,1,1",
    ].join("\n");
    const { r, out } = json(["summarize", "-", "--by", "district"], stdin);
    expect(r.status, r.stderr).toBe(0);
    const levels = out.groups.map((g: { level: string; units: number; totals: { cameras: number } }) => [g.level, g.units, g.totals.cameras]);
    expect(levels).toEqual([
      ["district", 3, 16],
      ["province", 3, 16],
    ]);
  });

  it("accepts a register that lists a name twice with different codes, with a warning, and matches rows by code", () => {
    const register = registerFile(["Tỉnh,Huyện,Xã,Mã ĐVHC", "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,16387", "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,16408", "Thanh Hóa,Thành phố Thanh Hóa,Phường Hàm Rồng,14800"]);
    const stdin = [
      HEADER,
      "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,16387,2024,1,1",
      "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,16408,2024,2,2",
      "Thanh Hóa,Thành phố Thanh Hóa,Hàm Rồng,,2024,3,3",
    ].join("\n");
    const { r, out } = json(["validate", "-", "--units", register], stdin);
    expect(out.problems.map((p: { code: string }) => p.code)).toEqual(["register_same_name"]);
    expect(r.status).toBe(0);
    expect(out.reporting.map((x: { level: string; reported: number; expected: number }) => [x.level, x.reported, x.expected])).toEqual([
      ["district", 3, 3],
      ["province", 3, 3],
    ]);
    // Without a code the row is refused, naming both units.
    const ambiguous = json(["validate", "-", "--units", register], [HEADER, "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,,2024,1,1"].join("\n"));
    expect(ambiguous.r.status).toBe(1);
    const p = ambiguous.out.problems.find((x: { code: string }) => x.code === "ambiguous_unit");
    expect(p.message).toContain("16387");
    expect(p.message).toContain("16408");
  });

  it("matches register rows and data rows with or without codes, prefixes and leading zeros, and keeps a silent district at 0/N", () => {
    const register = registerFile([
        "Tỉnh,Huyện,Xã,Mã ĐVHC",
        "Lạng Sơn,Huyện Chi Lăng,Xã Tân Lập,01786",
        "Lạng Sơn,Huyện Chi Lăng,Xã Hòa Bình,01787",
        "Lạng Sơn,Huyện Chi Lăng,Thị trấn Đồng Mỏ,01788",
        "Lạng Sơn,Huyện Lộc Bình,Xã Hòa Bình,01900",
        "Lạng Sơn,Huyện Lộc Bình,Xã Xuân Dương,01901",
      ]);
    const stdin = [
      "Tỉnh,Huyện,Xã,Số camera an ninh",
      "Lạng Sơn,Chi Lăng,Tân Lập,1",
      "Lạng Sơn,Huyện Chi Lăng,X. Hoà Bình,1",
      "Lạng Sơn,Huyện Chi Lăng,Đồng Mỏ,1",
    ].join("\n");
    const { r, out } = json(["validate", "-", "--units", register], stdin);
    expect(out.problems.map((p: { code: string; value: string }) => [p.code, p.value])).toEqual([
      ["unit_not_reported", "Xã Hòa Bình"],
      ["unit_not_reported", "Xã Xuân Dương"],
    ]);
    expect(r.status).toBe(0);
    expect(out.reporting.map((x: { district: string | null; reported: number; expected: number }) => [x.district, x.reported, x.expected])).toEqual([
      ["Huyện Chi Lăng", 3, 3],
      ["Huyện Lộc Bình", 0, 2],
      [null, 3, 5],
    ]);
    // Codes without the leading zero, and no names at all.
    const coded = json(["validate", "-", "--units", register], ["Tỉnh,Mã ĐVHC,Số camera an ninh", "Lạng Sơn,1786,1", "Lạng Sơn,1900,2"].join("\n"));
    expect(coded.out.problems.filter((p: { code: string }) => p.code === "unit_not_in_register")).toEqual([]);
  });

  it("suggests the unit of the row's own district first", () => {
    const register = registerFile([
        "Tỉnh,Huyện,Xã",
        "Lạng Sơn,Huyện Bắc Sơn,Xã Hòa Bình",
        "Lạng Sơn,Huyện Hữu Lũng,Xã Hòa Bình",
        "Lạng Sơn,Huyện Văn Quan,Xã Hòa Bình",
        "Lạng Sơn,Huyện Chi Lăng,Xã Hòa Bình",
      ]);
    const { out } = json(["validate", "-", "--units", register, "--lang", "en"], ["Tỉnh,Huyện,Xã,Số camera an ninh", "Lạng Sơn,Huyện Chi Lăng,Xa Hoa Binh,1"].join("\n"));
    const p = out.problems.find((x: { code: string }) => x.code === "unit_not_in_register");
    expect(p.message).toMatch(/did you mean "Xã Hòa Bình, Huyện Chi Lăng/);
  });
});

describe("output carries identity", () => {
  it("gives a commune's code in JSON, from the data (padded) or from the register, and says which register", () => {
    const { out } = json(["summarize", "-", "--by", "commune"], ["Tỉnh,Huyện,Xã,Mã ĐVHC,Số vụ xảy ra", "Lạng Sơn,Huyện Chi Lăng,Xã Hòa Bình,6100,1"].join("\n"));
    expect(out.groups.find((g: { level: string }) => g.level === "commune").unit_code).toBe("06100");
    const vn = json(["summarize", "-", "--by", "commune", "--units", "vn"], ["Tỉnh,Huyện,Xã,Kỳ,Số vụ xảy ra", "Hà Nội,Quận Ba Đình,Phường Trúc Bạch,2024,1"].join("\n"));
    expect(vn.out.groups.find((g: { level: string }) => g.level === "commune").unit_code).toBe("00004");
    expect(vn.out.register).toBe("vn");
  });
});

describe("a register with valid_from and valid_to", () => {
  it("expects a unit only in the periods it existed in, and matches a row among the units of its period", () => {
    const register = registerFile([
        "Tỉnh,Huyện,Xã,Mã ĐVHC,valid_from,valid_to",
        "Lạng Sơn,Huyện Chi Lăng,Xã Hòa Bình,06100,,2025-06-30",
        "Lạng Sơn,,Xã Hòa Bình,06100,01/07/2025,",
        "Lạng Sơn,Huyện Chi Lăng,Xã Vạn Linh,06101,,30/06/2025",
      ]);
    const stdin = ["Tỉnh,Huyện,Xã,Kỳ,Số vụ xảy ra", "Lạng Sơn,Huyện Chi Lăng,Xã Hòa Bình,2025-05,1", "Lạng Sơn,,Xã Hòa Bình,2025-08,1", "Lạng Sơn,,Xã Vạn Linh,2025-08,1"].join("\n");
    const { out } = json(["validate", "-", "--units", register], stdin);
    const codes = out.problems.map((p: { code: string; row: number | null; value: string }) => [p.code, p.value]).filter(([c]: string[]) => c !== "mixed_periods");
    // Vạn Linh ended in June: its August row is not in the register, and it is still expected (May is among the periods).
    expect(codes).toEqual([
      ["unit_not_in_register", "Xã Vạn Linh"],
      ["unit_not_reported", "Xã Vạn Linh"],
    ]);
  });

  it("refuses a date it cannot read, naming the cell", () => {
    const register = registerFile(["Tỉnh,Huyện,Xã,valid_from", "Lạng Sơn,Huyện Chi Lăng,Xã Hòa Bình,tháng bảy"]);
    const r = tdbv(["validate", "-", "--units", register], { stdin: "Tỉnh,Huyện,Xã,Số vụ xảy ra\nLạng Sơn,Huyện Chi Lăng,Xã Hòa Bình,1\n" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(":2: valid_from");
  });
});
