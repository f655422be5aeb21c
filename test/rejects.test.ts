// --rejects FILE (issue 18, item 3): every row left out for an error, once, with the cells as
// the file has them and the codes of its problems; nothing else. Expected rows and codes are
// those fixtures/make-validate-fixtures.mjs writes (its comment on each row), and the cells are
// read from the fixture with csv-parse, not with tdbv.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { summarize, validate } from "../src/index.js";
import { ROOT, tdbv, tempDir } from "./helpers.js";

const LOI = "fixtures/validate/lam-dong-2024-loi.csv";
/** Row -> the error its fixture row was written to break (warnings-only rows 12, 15-19 are counted). */
const EXPECTED: Record<number, string> = {
  3: "invalid_number",
  4: "negative_number",
  5: "not_whole_number",
  6: "ambiguous_decimal",
  7: "invalid_flag",
  8: "invalid_unit_type",
  9: "invalid_period",
  10: "missing_unit",
  11: "part_exceeds_whole",
  13: "parts_do_not_add_up",
  14: "duplicate_unit",
};
const records = parse(readFileSync(join(ROOT, LOI)), { relax_column_count: true }) as string[][];
const header = records[0]!;
const cellsOf = (row: number) => Object.fromEntries(header.map((h, i) => [h, records[row - 1]![i] ?? ""]));

interface Rejected {
  file: string;
  sheet: string | null;
  row: number;
  codes: string[];
  cells: Record<string, string>;
}

function expectTheRejects(rows: Rejected[]) {
  expect(rows.map((r) => r.row)).toEqual(Object.keys(EXPECTED).map(Number));
  for (const r of rows) {
    expect(r.file).toContain("lam-dong-2024-loi.csv");
    expect(r.sheet).toBeNull();
    expect(r.codes).toEqual([EXPECTED[r.row]]);
    expect(r.cells).toEqual(cellsOf(r.row));
  }
}

describe("--rejects", () => {
  it("validate writes every excluded row once as JSON, cells as read, with its codes", () => {
    const out = join(tempDir("rejects"), "loai.json");
    const r = tdbv(["validate", LOI, "--rejects", out, "--format", "json"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`đã ghi 11 dòng bị loại vào ${out}`);
    expectTheRejects(JSON.parse(readFileSync(out, "utf8")) as Rejected[]);
  });

  it("summarize writes them as CSV for a spreadsheet, even when no report is written", () => {
    const out = join(tempDir("rejects"), "loai.csv");
    const r = tdbv(["summarize", LOI, "--rejects", out, "--lang", "en"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`11 rejected rows written to ${out}`);
    const bytes = readFileSync(out, "utf8");
    expect(bytes.startsWith("\uFEFF")).toBe(true);
    const table = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    const rows: Rejected[] = table.map(({ file, sheet, row, codes, ...cells }) => ({
      file: file!,
      sheet: sheet === "" ? null : sheet!,
      row: Number(row),
      codes: codes!.split(";"),
      cells: Object.fromEntries(header.map((h) => [h, cells[h] ?? ""])),
    }));
    expectTheRejects(rows);
  });

  it("agrees with the report's excluded list, through the library too", async () => {
    process.chdir(ROOT);
    const dir = tempDir("rejects");
    const report = await summarize(LOI, { allowErrors: true, rejects: join(dir, "a.json") });
    const rows = JSON.parse(readFileSync(join(dir, "a.json"), "utf8")) as Rejected[];
    expect(rows.map((r) => ({ file: r.file, sheet: r.sheet, row: r.row }))).toEqual(report.excluded);
    expect(report.excluded.length).toBe(11);
    await validate(LOI, { rejects: join(dir, "b.json") });
    expect(JSON.parse(readFileSync(join(dir, "b.json"), "utf8"))).toEqual(rows);
  });

  it("writes an empty list when every row is counted", () => {
    const dir = tempDir("rejects");
    expect(tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--rejects", join(dir, "r.json"), "--format", "json"]).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8"))).toEqual([]);
    expect(tdbv(["validate", "fixtures/lam-dong-2024.csv", "--rejects", join(dir, "r.csv")]).status).toBe(0);
    expect(readFileSync(join(dir, "r.csv"), "utf8")).toBe("\uFEFFfile,sheet,row,codes\r\n");
  });

  it("refuses another extension, standard input, and an input as the file (exit 2, nothing written)", () => {
    const dir = tempDir("rejects");
    const txt = tdbv(["summarize", LOI, "--rejects", join(dir, "r.txt")]);
    expect(txt.status).toBe(2);
    expect(txt.stderr).toContain("--rejects phải là tệp .csv hoặc .json");
    expect(existsSync(join(dir, "r.txt"))).toBe(false);
    const stdin = tdbv(["validate", "-", "--rejects", join(dir, "r.csv")], { stdin: readFileSync(join(ROOT, LOI)) });
    expect(stdin.status).toBe(2);
    expect(existsSync(join(dir, "r.csv"))).toBe(false);
    const before = readFileSync(join(ROOT, LOI));
    for (const command of ["summarize", "validate"]) {
      const over = tdbv([command, LOI, "--rejects", LOI]);
      expect(over.status).toBe(2);
      expect(readFileSync(join(ROOT, LOI))).toEqual(before);
    }
  });

  it("finds rows past the first thousand (the fast lane) and after a record of many lines", () => {
    const dir = tempDir("rejects");
    const lines = ["province,district,commune,unit_type,period,cases_total,cases_solved,Ghi chú"];
    const bad: Record<number, { solved: string; code: string }> = { 1400: { solved: "abc", code: "invalid_number" }, 1450: { solved: "-2", code: "negative_number" } };
    for (let i = 1; i <= 1500; i++) lines.push(`Lâm Đồng,Huyện Lạc Dương,Xã Thử ${i},xã,2024,5,${bad[i]?.solved ?? "3"},${i === 700 ? '"hai\ndòng"' : ""}`);
    const input = join(dir, "lon-2024.csv");
    writeFileSync(input, lines.join("\n") + "\n");
    expect(tdbv(["validate", input, "--rejects", join(dir, "r.json")]).status).toBe(1);
    const rows = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as Rejected[];
    // unit i is on row i + 1 (the header is row 1; a record over two lines is one row)
    expect(rows.map((r) => [r.row, r.codes, r.cells.commune, r.cells.cases_solved])).toEqual([
      [1401, ["invalid_number"], "Xã Thử 1400", "abc"],
      [1451, ["negative_number"], "Xã Thử 1450", "-2"],
    ]);
  });

  it("reads a workbook's rows from its sheet, as the same form in CSV", () => {
    const dir = tempDir("rejects");
    tdbv(["summarize", "fixtures/forms/bieu-cong-lech.xlsx", "--rejects", join(dir, "x.json")]);
    tdbv(["summarize", "fixtures/forms/bieu-cong-lech.csv", "--rejects", join(dir, "c.json")]);
    const x = JSON.parse(readFileSync(join(dir, "x.json"), "utf8")) as Rejected[];
    const c = JSON.parse(readFileSync(join(dir, "c.json"), "utf8")) as Rejected[];
    expect(x.map((r) => r.sheet)).toEqual(["Báo cáo"]);
    expect(x.map((r) => [r.row, r.codes, r.cells])).toEqual(c.map((r) => [r.row, r.codes, r.cells]));
    // fixtures/make-form-fixtures.mjs records the row of the Lệ Thủy subtotal that is off
    const expected = JSON.parse(readFileSync(join(ROOT, "fixtures/forms/expected.json"), "utf8")) as Record<string, { unclearRow: number }>;
    expect(x[0]!.row).toBe(expected["bieu-cong-lech"]!.unclearRow);
    expect(x[0]!.codes).toEqual(["unclear_subtotal"]);
  });
});
