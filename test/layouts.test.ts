// Issue 3: the spreadsheets people send. Report-form layouts, workbooks, encodings and
// hostile files, all made by fixtures/make-layout-fixtures.mjs (see fixtures/README.md).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { TALLIES } from "../src/domain/columns.js";
import { ROOT, tdbv, tempDir } from "./helpers.js";

const L = "fixtures/layouts";
const json = (args: string[]) => {
  const r = tdbv([...args, "--format", "json"]);
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
};
const totals = (args: string[]) => json(args).doc.groups.find((g: { level: string }) => g.level === "province").totals;

describe("the same report form as .xlsx, UTF-8 CSV and Windows-1258 CSV", () => {
  const files = ["lam-dong-2024-bieu-mau.xlsx", "lam-dong-2024-bieu-mau.csv", "lam-dong-2024-bieu-mau-cp1258.csv"];
  const runs = files.map((f) => tdbv(["summarize", `${L}/${f}`, "--province", "Lâm Đồng", "--by", "district", "--format", "json"]));

  it("gives byte-identical JSON apart from the file names", () => {
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const [xlsx, csv, cp1258] = runs.map((r, i) => r.stdout.split(`${L}/${files[i]}`).join("FILE"));
    expect(csv).toBe(xlsx);
    expect(cp1258).toBe(xlsx);
  });

  it("gives the same groups as the clean canonical CSV of the same data", () => {
    const form = JSON.parse(runs[0]!.stdout);
    const clean = JSON.parse(tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--by", "district", "--format", "json"]).stdout);
    // The clean file names its districts; the form takes them from its section rows.
    expect(form.groups).toEqual(clean.groups);
  });

  it("accounts for every row: titles, column numbers, sections, subtotals, blank and footer", () => {
    const doc = JSON.parse(runs[0]!.stdout);
    expect(doc.rows).toEqual({
      read: 180,
      counted: 142,
      skipped: { title: 5, column_numbers: 1, section: 12, total_row: 13, blank: 1, footer: 6 },
    });
    expect(doc.issues).toEqual([]);
  });

  it("says which sheet it read, and --sheet picks another by name or number", () => {
    expect(runs[0]!.stderr).toContain(`đọc trang tính "Báo cáo" (trang đầu tiên trong 2 trang có dòng tiêu đề nhận ra được`);
    const guide = tdbv(["summarize", `${L}/lam-dong-2024-bieu-mau.xlsx`, "--sheet", "Hướng dẫn", "--province", "Lâm Đồng"]);
    expect(guide.status).toBe(1);
    expect(guide.stderr).toContain("no_header");
    expect(tdbv(["summarize", `${L}/lam-dong-2024-bieu-mau.xlsx`, "--sheet", "2", "--province", "Lâm Đồng"]).status).toBe(0);
    const none = tdbv(["summarize", `${L}/lam-dong-2024-bieu-mau.xlsx`, "--sheet", "Sheet9"]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`không có trang tính "Sheet9"; các trang tính của tệp: 1 "Hướng dẫn", 2 "Báo cáo"`);
  });

  it("checks every subtotal ('Cộng' in a district's section) against its rows", () => {
    const dir = tempDir("form");
    const text = readFileSync(join(ROOT, L, "lam-dong-2024-bieu-mau.csv"), "utf8").split("\r\n");
    // Row 26 is the first district's "Cộng"; change its cases_total (column E).
    const cells = text[25]!.split(",");
    expect(cells[1]).toBe("Cộng");
    cells[4] = String(Number(cells[4]) + 1);
    text[25] = cells.join(",");
    writeFileSync(join(dir, "form.csv"), text.join("\r\n"));
    const r = json(["summarize", join(dir, "form.csv"), "--province", "Lâm Đồng"]);
    expect(r.status).toBe(0);
    expect(r.doc.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code])).toEqual([[26, "cases_total", "total_mismatch"]]);
  });
});

describe("encodings and dialects", () => {
  const expected = { cases_total: 49, cases_solved: 42, residential_areas_total: 65, residential_areas_certified: 64 };
  it.each(["utf16-tab.txt", "utf16be-tab.txt", "nfd.csv", "tcvn3.csv", "tcvn3-as-utf8.csv", "vni.csv"])("%s reads as the same 6 units", (f) => {
    const r = json(["summarize", `${L}/${f}`]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0]).toMatchObject({ province: "Tỉnh Lâm Đồng", units: 6, totals: expected });
  });

  it("names the legacy encoding it converted, with an example", () => {
    expect(tdbv(["summarize", `${L}/vni.csv`]).stderr).toContain(`bảng mã cũ VNI (VNI-Times fonts) và đã được chuyển sang Unicode; hãy kiểm tra các tên, ví dụ "Tænh" → "Tỉnh"`);
    expect(tdbv(["summarize", `${L}/tcvn3-as-utf8.csv`]).stderr).toContain("bảng mã cũ TCVN3 (ABC, .VnTime fonts)");
    expect(tdbv(["inspect", `${L}/tcvn3.csv`, "--lang", "en"]).stdout).toContain("encoding:  tcvn3");
  });

  it("reads semicolons with decimal commas and thousands dots", () => {
    expect(totals(["summarize", `${L}/semicolon-decimal-comma.csv`])).toEqual({
      meetings: 72,
      meeting_attendees: 9047,
      guns_surrendered: 7,
      ammunition_rounds: 50,
      explosives_kg: 16.5,
      fireworks_kg: 20,
    });
  });
});

describe("workbooks", () => {
  it.each(["xls-biff8.xls", "html-as.xls", "spreadsheetml-2003.xls"])("%s (the format told by its bytes) reads its 6 units", (f) => {
    const r = json(["summarize", `${L}/${f}`, "--period", "2024"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals).toMatchObject({ cases_total: 45, cases_solved: 39, residential_areas_total: 58, cameras: 203, communes_total: 5, townships_total: 1 });
  });

  it("reports error cells at their sheet, cell and header", () => {
    const r = json(["summarize", `${L}/xlsx-error-cells.xlsx`]);
    expect(r.status).toBe(1);
    expect(r.doc.issues.map((i: Record<string, unknown>) => [i.sheet, i.cell, i.column, i.value, i.code])).toEqual([
      ["Báo cáo", "G3", "cases_solved", "#DIV/0!", "cell_error"],
      ["Báo cáo", "K5", "cameras", "#REF!", "cell_error"],
    ]);
    expect(r.stderr).toContain(`${L}/xlsx-error-cells.xlsx [Báo cáo] G3 (Số vụ làm rõ) cases_solved "#DIV/0!" là ô báo lỗi`);
    const allowed = json(["summarize", `${L}/xlsx-error-cells.xlsx`, "--allow-errors"]);
    expect(allowed.doc.groups[0]).toMatchObject({ units: 4, totals: { cases_total: 30, cases_solved: 26, cameras: 102 } });
  });
});

describe("pair cells and stated percentages", () => {
  it("reads 12/13 as both parts and checks the stated percentage against them", () => {
    const r = json(["summarize", `${L}/pair-and-percent.csv`]);
    expect(r.status).toBe(0);
    expect(r.doc.groups[0].totals).toEqual({ cases_total: 19, cases_solved: 15, residential_areas_total: 40, residential_areas_certified: 36 });
    expect(r.doc.issues.map((i: Record<string, unknown>) => [i.row, i.column, i.value, i.code])).toEqual([[4, "residential_area_coverage", "80,0", "rate_mismatch"]]);
  });
});

describe("hostile files", () => {
  let dir = "";
  beforeAll(() => {
    dir = tempDir("hostile");
    execFileSync(process.execPath, [join(ROOT, "fixtures/make-layout-fixtures.mjs"), "--hostile", dir], { stdio: "ignore" });
  }, 60_000);

  it.each([
    ["zip-bomb.xlsx", 3, "sẽ bung ra 1024 MB (quá 512 MB)"],
    ["zip-bomb-lying.xlsx", 3, `bung ra lớn hơn kích thước đã khai (một "zip bomb")`],
    ["truncated.xlsx", 3, "không phải một kho ZIP hoàn chỉnh"],
    ["not-a-zip.xlsx", 3, "không phải là bảng tdbv đọc được"],
    ["pdf-as.csv", 3, "có vẻ là một tài liệu PDF"],
  ])("%s is refused with exit %i: %s", (f, status, message) => {
    const r = tdbv(["summarize", join(dir, f)]);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  it.each(["entities.xlsx", "million-empty-rows.xlsx", "big-cell.csv"])("%s is read correctly, entities unexpanded and empty rows not counted", (f) => {
    const r = json(["summarize", join(dir, f)]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.rows.read).toBeLessThan(10);
    expect(r.doc.groups[0].units).toBeGreaterThan(0);
  });

  it("keeps a __proto__ header from polluting anything", () => {
    const r = json(["summarize", `${L}/proto-header.csv`]);
    expect(r.status).toBe(0);
    expect(r.doc.issues.map((i: Record<string, unknown>) => i.value)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("inspect and mappings", () => {
  it("saves a mapping that --mapping reuses for a header the aliases do not know", () => {
    const dir = tempDir("map");
    const file = join(dir, "form.csv");
    writeFileSync(file, "Tỉnh,Xã,Vụ việc phát hiện,Số vụ làm rõ\nLâm Đồng,Xã Lát,10,8\nLâm Đồng,Xã Đạ Sar,5,5\n");
    const before = tdbv(["summarize", file, "--format", "json"]);
    expect(JSON.parse(before.stdout).groups[0].totals.cases_total).toBeUndefined();
    const mapping = join(dir, "form.json");
    expect(tdbv(["inspect", file, "--save-mapping", mapping]).status).toBe(0);
    const saved = JSON.parse(readFileSync(mapping, "utf8"));
    expect(saved).toEqual({ tdbv_mapping: 1, columns: { "Tỉnh": "province", "Xã": "commune", "Vụ việc phát hiện": null, "Số vụ làm rõ": "cases_solved" } });
    saved.columns["Vụ việc phát hiện"] = "cases_total";
    writeFileSync(mapping, JSON.stringify(saved));
    const after = json(["summarize", file, "--mapping", mapping]);
    expect(after.status).toBe(0);
    expect(after.doc.groups[0].ratios.solved_rate).toMatchObject({ numerator: 13, denominator: 15 });
  });

  it("refuses a mapping naming a column tdbv does not know, as a usage error", () => {
    const dir = tempDir("map");
    writeFileSync(join(dir, "m.json"), JSON.stringify({ tdbv_mapping: 1, columns: { X: "cases_totl" } }));
    const r = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--mapping", join(dir, "m.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`cột "X" được ánh xạ thành "cases_totl": cases_totl không phải là cột tdbv biết`);
  });
});

describe("template", () => {
  it.each(["csv", "xlsx"])("writes a %s form whose every column reads back", (format) => {
    const dir = tempDir("tpl");
    const out = join(dir, `form.${format}`);
    expect(tdbv(["template", "--output", out]).status).toBe(0);
    const r = tdbv(["inspect", out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toContain("NOT READ");
    expect(r.stdout.match(/-> /g)).toHaveLength(52);
  });

  it("reads a filled CSV form without a warning, in Vietnamese and English", () => {
    for (const lang of ["vi", "en"]) {
      const form = tdbv(["template", "--lang", lang]).stdout;
      const header = form.replace(/^\ufeff/, "").split("\r\n")[0]!;
      const width = header.match(/(?:"[^"]*"|[^,])+/g)!.length;
      // Every figure 1, but the combined institutions = agencies + schools.
      const figures = TALLIES.map((c) => (c.name.startsWith("institutions_") ? "2" : "1"));
      expect(width).toBe(7 + figures.length);
      const row = ["Lâm Đồng", "Huyện Lạc Dương", "Xã Lát", "xã", "", "2024", "có", ...figures];
      const r = tdbv(["summarize", "-", "--format", "json"], { stdin: `${form}${row.join(",")}\r\n` });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
    }
  });
});
