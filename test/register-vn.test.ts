// --units vn against the whole country (issue 15, "done means"): every commune of the official
// list, spelt the ways real files spell them, matches its unit; the deliberately misspelt ones
// are named with the intended unit among the suggestions, and only they are "not reported".
// The spellings and the expected answers are made here from data/units/, independently of tdbv.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempDirs, ROOT, tdbv, tempDir } from "./helpers.js";

afterAll(removeTempDirs);

type Row = Record<string, string>;
const list = (name: string): Row[] => parse(readFileSync(join(ROOT, "data/units", name)), { columns: true }) as Row[];

const PREFIXES = ["Xã ", "Phường ", "Thị trấn ", "Đặc khu "];
const bare = (name: string) => {
  for (const p of PREFIXES) if (name.startsWith(p)) return name.slice(p.length);
  return name;
};
const short = (province: string) => province.replace(/^(Tỉnh|Thành phố) /, "");
const ascii = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
/** The other tone placement: "Hòa" <-> "Hoà" (both are met in real files). */
const swapTone = (s: string) => s.replace(/òa/g, "oà").replace(/óa/g, "oá").replace(/ỏa/g, "oả").replace(/õa/g, "oã").replace(/ọa/g, "oạ").replace(/ùy/g, "uỳ").replace(/úy/g, "uý").replace(/ủy/g, "uỷ");
/** A typing error: the name's second-to-last letter doubled and its diacritics lost. */
const misspelt = (s: string) => ascii(s).slice(0, -1) + ascii(s).slice(-2);

function run(rows: string[][], header: string, dir: string) {
  const file = join(dir, "tally.csv");
  writeFileSync(file, [header, ...rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))].join("\n"));
  const r = tdbv(["validate", file, "--units", "vn", "--format", "json", "--max-problems", "100000"]);
  return { r, out: JSON.parse(r.stdout) as { problems: { code: string; row: number; message: string; value: string }[] } };
}

describe("--units vn", () => {
  it("matches every commune of the list of 01/03/2025 however spelt, and names the misspelt ones with their unit", () => {
    const units = list("units-2025-03-01.csv");
    // A name is unique without its type word when no other unit of its district has that bare name.
    const count = new Map<string, number>();
    for (const u of units) count.set(`${u.district_code}|${bare(u.commune!).toLowerCase()}`, (count.get(`${u.district_code}|${bare(u.commune!).toLowerCase()}`) ?? 0) + 1);
    const rows: string[][] = [];
    const wrong = new Map<number, Row>();
    units.forEach((u, i) => {
      const unique = count.get(`${u.district_code}|${bare(u.commune!).toLowerCase()}`) === 1;
      const province = [u.province!, short(u.province!), ascii(short(u.province!)), u.province!.toUpperCase()][i % 4]!;
      let district = u.district!;
      let commune = u.commune!;
      let code = u.commune_code!;
      switch (i % 6) {
        case 0:
          break;
        case 1:
          code = String(Number(code));
          break;
        case 2:
          code = "";
          if (unique) commune = bare(commune);
          district = bare(district.replace(/^(Huyện|Quận|Thị xã|Thành phố) /, ""));
          break;
        case 3:
          code = unique ? "" : code;
          commune = commune.normalize("NFD").toUpperCase();
          break;
        case 4:
          code = unique ? "" : code;
          commune = swapTone(commune).replace(/^Xã /, "X. ").replace(/^Phường /, "P. ").replace(/^Thị trấn /, "TT. ");
          break;
        case 5:
          code = unique ? "" : code;
          commune = `  ${commune.replace(/ /g, "  ")} `;
          break;
      }
      if (i % 997 === 500 && unique && bare(u.commune!).length > 5) {
        commune = misspelt(u.commune!);
        code = "";
        wrong.set(rows.length + 2, u);
      }
      rows.push([province, district, commune, code, "2024", "1"]);
    });
    const dir = tempDir("tdbv-vn-");
    const { r, out } = run(rows, "Tỉnh,Huyện,Xã,Mã ĐVHC,Kỳ,Số mắt camera an ninh", dir);
    const byCode = (code: string) => out.problems.filter((p) => p.code === code);
    expect(byCode("unit_not_in_register").map((p) => p.row).sort((a, b) => a - b)).toEqual([...wrong.keys()].sort((a, b) => a - b));
    for (const p of byCode("unit_not_in_register")) expect(p.message, p.message).toContain(wrong.get(p.row)!.commune_code);
    expect(byCode("unit_not_reported").map((p) => p.value).sort()).toEqual([...wrong.values()].map((u) => u.commune).sort());
    expect(out.problems.filter((p) => !["unit_not_in_register", "unit_not_reported"].includes(p.code))).toEqual([]);
    expect(wrong.size).toBeGreaterThan(5);
    expect(r.status).toBe(0);
  });

  it("matches every commune of the list of 1 July 2025, which has no districts", () => {
    const units = list("units-2025-07-01.csv");
    const rows = units.map((u, i) => {
      const province = [u.province!, short(u.province!), ascii(short(u.province!))][i % 3]!;
      const commune = [u.commune!, bare(u.commune!), swapTone(u.commune!).normalize("NFD")][i % 3]!;
      // Bare names are unique within a new province only mostly: those rows keep their code.
      return [province, commune, i % 3 === 1 ? String(Number(u.commune_code)) : "", "2025-09", "1"];
    });
    const dir = tempDir("tdbv-vn-");
    const { r, out } = run(rows, "Tỉnh,Xã,Mã ĐVHC,Kỳ,Số mắt camera an ninh", dir);
    expect(out.problems).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("expects only the units of the provinces the rows name, and a row of another era is not matched to the wrong list", () => {
    const dir = tempDir("tdbv-vn-");
    // Code 00004 is Phường Trúc Bạch until June 2025, Phường Ba Đình from July.
    const { out } = run(
      [
        ["Hà Nội", "", "00004", "2025-06", "1"],
        ["Hà Nội", "Phường Ba Đình", "00004", "2025-07", "1"],
      ],
      "Tỉnh,Xã,Mã ĐVHC,Kỳ,Số mắt camera an ninh",
      dir,
    );
    const notReported = out.problems.filter((p) => p.code === "unit_not_reported");
    expect(out.problems.filter((p) => p.code !== "unit_not_reported" && p.code !== "mixed_periods")).toEqual([]);
    // Hà Nội had 526 communes before and has 126 after; the two rows are one of each.
    const hanoi = (name: string) => list(name).filter((u) => u.province_code === "01").length;
    expect(notReported).toHaveLength(hanoi("units-2025-03-01.csv") - 1 + hanoi("units-2025-07-01.csv") - 1);
  });
});
