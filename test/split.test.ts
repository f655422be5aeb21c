// Issue 17, item 6: `validate --split-by commune --output "loi/{unit}.csv"` writes each unit's
// problems to its own file, to send back to the commune; file names safe and never shared.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { safeName, unitPaths } from "../src/cli/split.js";
import type { UnitProblems } from "../src/pipeline/validate.js";
import { tdbv, tempDir } from "./helpers.js";

describe("safeName", () => {
  it("keeps Vietnamese and makes one path segment, printable, not hidden", () => {
    expect(safeName("Xã Đạ K'Nàng")).toBe("Xã Đạ K'Nàng");
    expect(safeName("Xã A/B\\C")).toBe("Xã A_B_C");
    expect(safeName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeName("..")).toBe("_");
    expect(safeName("Xã\u0000 B\u001b[31m")).toBe("Xã B [31m");
    expect(safeName("  .Phường 1.  ")).toBe("Phường 1");
    expect(safeName('a<b>c:d"e|f?g*h')).toBe("a_b_c_d_e_f_g_h");
    expect(safeName("CON")).toBe("_CON");
    expect(safeName("")).toBe("_");
    // Decomposed (NFD) input is written composed, as typed on a Vietnamese keyboard.
    expect(safeName("Xa\u0303 Ly\u0301")).toBe("Xã Lý");
  });

  it("cuts a long name to at most 200 bytes of UTF-8, on a character", () => {
    const long = safeName("Đ".repeat(500));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long).toBe("Đ".repeat(100));
  });
});

describe("unitPaths", () => {
  const g = (commune: string | null, district: string | null, province = "Lâm Đồng"): UnitProblems => ({ unit: { province, district, commune }, problems: [] });

  it("names each unit's file, telling apart communes of one name by their district", () => {
    const groups = [g("Xã Phú Hòa", "Huyện A"), g("Xã Phú Hòa", "Huyện B"), g("Xã Lát", "Huyện A"), { unit: null, problems: [] }];
    expect(unitPaths(groups, "loi/{unit}.csv", "vi")).toEqual(["loi/Xã Phú Hòa, Huyện A.csv", "loi/Xã Phú Hòa, Huyện B.csv", "loi/Xã Lát.csv", "loi/_chung.csv"]);
    expect(unitPaths(groups.slice(3), "loi/{unit}.csv", "en")).toEqual(["loi/_general.csv"]);
  });

  it("never gives two units one file: names equal once made safe, or but for case, are numbered", () => {
    const groups = [g("Xã A/B", "H1"), g("Xã A_B", "H2"), g("Xã c", "H1"), g("Xã C", "H2")];
    expect(unitPaths(groups, "{unit}.csv", "vi")).toEqual(["Xã A_B.csv", "Xã A_B (2).csv", "Xã c.csv", "Xã C (2).csv"]);
  });
});

describe("validate --split-by", () => {
  const data = [
    "province,district,commune,cases_total,cases_solved,Cột lạ", // row 1: unknown_column
    "Lâm Đồng,Huyện A,Xã Phú Hòa,10,12,", // row 2: part_exceeds_whole
    "Lâm Đồng,Huyện B,Xã Phú Hòa,abc,1,", // row 3: invalid_number
    "Lâm Đồng,Huyện B,Xã Lát,5,4,", // row 4: no problem
    "Lâm Đồng,Huyện B,Phường 1/2,3,1,", // row 5: no problem of its own
    "Lâm Đồng,Huyện B,Phường 1/2,4,1,", // row 6: duplicate_unit (the unit of row 5)
    "Lâm Đồng,Huyện B,Phường 1/2,4,-1,", // row 7: negative_number
  ].join("\n");

  it("writes each commune's problems to its own file, in Vietnamese, and the rest to _chung", () => {
    const dir = tempDir("split");
    const input = join(dir, "bao-cao.csv");
    writeFileSync(input, data);
    const r = tdbv(["validate", input, "--split-by", "commune", "--output", join(dir, "loi/{unit}.csv")]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("đã ghi 4 tệp");
    const files = readdirSync(join(dir, "loi")).sort();
    expect(files).toEqual(["Phường 1_2.csv", "Xã Phú Hòa, Huyện A.csv", "Xã Phú Hòa, Huyện B.csv", "_chung.csv"]);
    const rows = (f: string) => {
      const text = readFileSync(join(dir, "loi", f), "utf8");
      expect(text.startsWith("\ufeffseverity,code,file,row,column,value,message,hint")).toBe(true);
      return text.trim().split(/\r?\n/).slice(1).map((l) => l.split(",").slice(1, 4).join(" ").replace(input, "F"));
    };
    expect(rows("Xã Phú Hòa, Huyện A.csv")).toEqual(["part_exceeds_whole F 2"]);
    expect(rows("Xã Phú Hòa, Huyện B.csv")).toEqual(["invalid_number F 3"]);
    expect(rows("Phường 1_2.csv")).toEqual(["duplicate_unit F 6", "negative_number F 7"]);
    expect(rows("_chung.csv")).toEqual(["unknown_column F 1"]);
    expect(readFileSync(join(dir, "loi/Xã Phú Hòa, Huyện B.csv"), "utf8")).toContain("không phải là số");
    expect(existsSync(join(dir, "loi/Xã Lát.csv"))).toBe(false);
  });

  it("writes JSON files in English with --lang en, every problem in exactly one file", () => {
    const dir = tempDir("split-json");
    const input = join(dir, "bao-cao.csv");
    writeFileSync(input, data);
    const all = JSON.parse(tdbv(["validate", input, "--format", "json"]).stdout).problems as { code: string; row: number }[];
    const r = tdbv(["validate", input, "--split-by", "district", "--output", join(dir, "{unit}.json"), "--lang", "en"]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain("wrote 3 files");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
    expect(files).toEqual(["Huyện A.json", "Huyện B.json", "_general.json"]);
    const docs = files.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
    expect(docs[1].unit).toEqual({ province: "Tỉnh Lâm Đồng", district: "Huyện B", commune: null });
    expect(docs[1].problems.map((p: { row: number }) => p.row)).toEqual([3, 6, 7]);
    expect(docs[1].problems[0].message).toContain("is not a number");
    expect(docs.flatMap((d) => d.problems.map((p: { code: string; row: number }) => `${p.code} ${p.row}`)).sort()).toEqual(all.map((p) => `${p.code} ${p.row}`).sort());
  });

  it("refuses --split-by without an --output naming {unit}, and --output without --split-by (exit 2)", () => {
    for (const args of [["--split-by", "commune"], ["--split-by", "commune", "--output", "loi.csv"], ["--output", "loi/{unit}.csv"], ["--split-by", "xa", "--output", "{unit}.csv"]]) {
      const r = tdbv(["validate", "test/data/negative.csv", ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  });

  it("never writes over an input", () => {
    const dir = tempDir("split-input");
    const input = join(dir, "Xã Lát.csv");
    writeFileSync(input, "province,commune,cases_total,cases_solved\nLâm Đồng,Xã Lát,1,2\n");
    const r = tdbv(["validate", input, "--split-by", "commune", "--output", join(dir, "{unit}.csv")]);
    expect(r.status).toBe(2);
    expect(readFileSync(input, "utf8")).toContain("Lâm Đồng,Xã Lát,1,2");
  });
});
