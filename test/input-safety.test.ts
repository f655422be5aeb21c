// Issue 14, input side: what tdbv refuses or reads carefully, each case run end to end
// (bin/tdbv) on inputs made here, in temporary folders.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx/xlsx.mjs";
import { tdbv, tempDir } from "./helpers.js";

const HEADER = ["province", "district", "commune", "cases_total", "cases_solved"];

function book(sheets: { name: string; aoa: unknown[][]; hidden?: 0 | 1 | 2; cells?: Record<string, XLSX.CellObject>; merges?: XLSX.Range[] }[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.aoa);
    Object.assign(ws, s.cells ?? {});
    if (s.merges) ws["!merges"] = s.merges;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ?? 0 })) };
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
}

function json(args: string[]) {
  const r = tdbv([...args, "--format", "json"]);
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
}

describe("formula cells without a saved value (issue 14.11)", () => {
  it("are an error naming the cell, not a blank read as 'not reported'", () => {
    const dir = tempDir("formula");
    const file = join(dir, "bao-cao.xlsx");
    // What libraries that do not calculate write: <f> and no <v> (SheetJS writes the first as
    // t="e" without a value, the second as a bare <f>).
    writeFileSync(
      file,
      book([
        {
          name: "Báo cáo",
          aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã B", 10, 5], ["Lâm Đồng", "Huyện A", "Xã C", null, null]],
          cells: { D3: { t: "n", f: "D2*2" } as XLSX.CellObject, E3: { t: "z", f: "E2+1" } as XLSX.CellObject },
        },
      ]),
    );
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(1);
    const issues = r.doc.issues.map((i: Record<string, unknown>) => [i.code, i.cell, i.column, i.value]);
    expect(issues).toEqual([
      ["formula_without_value", "D3", "cases_total", "=D2*2"],
      ["formula_without_value", "E3", "cases_solved", "=E2+1"],
    ]);
    const text = tdbv(["validate", file, "--format", "table"]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`[Báo cáo] D3 (cases_total) cases_total "=D2*2" is a formula with no saved value`);
    expect(text.stdout).toContain("open the file in Excel or LibreOffice and save it again");
  });

  it("leaves formulas with a saved value, and formulas outside read columns, as they were", () => {
    const dir = tempDir("formula");
    const file = join(dir, "ok.xlsx");
    writeFileSync(
      file,
      book([
        {
          name: "S",
          aoa: [[...HEADER, "Ghi chú"], ["Lâm Đồng", "Huyện A", "Xã B", 10, 5], ["Lâm Đồng", "Huyện A", "Xã C", 20, 3, ""]],
          cells: { D3: { t: "n", v: 20, f: "D2*2" }, F3: { t: "z", f: "A1" } as XLSX.CellObject },
        },
      ]),
    );
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals.cases_total).toBe(30);
    expect(r.doc.issues.filter((i: Record<string, unknown>) => i.code === "formula_without_value")).toEqual([]);
  });
});

describe("hidden sheets (issue 14.12)", () => {
  const make = (dir: string) => {
    const file = join(dir, "an.xlsx");
    writeFileSync(
      file,
      book([
        { name: "Cũ", hidden: 1, aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã Z", 999, 1]] },
        { name: "Ẩn", hidden: 2, aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã Y", 888, 1]] },
        { name: "Báo cáo", aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã B", 12, 4]] },
      ]),
    );
    return file;
  };

  it("are not read: the visible sheet is, and a note names the hidden ones", () => {
    const file = make(tempDir("hidden"));
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals.cases_total).toBe(12);
    expect(r.stderr).toContain(`hidden sheets not read (Excel does not show them): "Cũ" (hidden), "Ẩn" (very hidden)`);
  });

  it("are read when --sheet names one, and inspect says which are hidden", () => {
    const file = make(tempDir("hidden"));
    const r = json(["summarize", file, "--sheet", "Ẩn"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals.cases_total).toBe(888);
    const named = tdbv(["inspect", file, "--sheet", "Báo cáo"]);
    expect(named.status).toBe(0);
    expect(named.stdout).toContain(`hidden:    "Cũ" (hidden), "Ẩn" (very hidden)`);
    const plain = tdbv(["inspect", file]);
    expect(plain.stdout).toContain(`sheet:     "Báo cáo"`);
    expect(plain.stdout).toContain(`note: hidden sheets not read (Excel does not show them): "Cũ" (hidden), "Ẩn" (very hidden)`);
  });
});

describe("a two-row merged header (issue 14.13)", () => {
  // The layout docs/input.md describes: STT, Tỉnh, Huyện, Xã merged over two rows, a subject
  // merged over its two columns, the roles under it.
  const layout = (offset: number) => {
    const aoa: unknown[][] = [];
    for (let i = 0; i < offset; i++) aoa.push(["BÁO CÁO KẾT QUẢ"]);
    aoa.push(["STT", "Tỉnh", "Huyện", "Xã", "Vụ phạm tội về TTXH", "", "Khu dân cư", ""]);
    aoa.push(["", "", "", "", "Xảy ra", "Làm rõ", "Tổng số", "Đạt chuẩn"]);
    aoa.push([1, "Lâm Đồng", "Huyện Lạc Dương", "Xã Lát", 10, 8, 12, 10]);
    aoa.push([2, "Lâm Đồng", "Huyện Lạc Dương", "Xã Đạ Sar", 20, 12, 9, 9]);
    const o = offset;
    const merges = [0, 1, 2, 3].map((c) => ({ s: { r: o, c }, e: { r: o + 1, c } }));
    merges.push({ s: { r: o, c: 4 }, e: { r: o, c: 5 } }, { s: { r: o, c: 6 }, e: { r: o, c: 7 } });
    return book([{ name: "Biểu 01", aoa, merges }]);
  };

  it.each([0, 1, 3])("is read the same with %i title rows above it", (offset) => {
    const dir = tempDir("merged");
    const file = join(dir, `form-${offset}.xlsx`);
    writeFileSync(file, layout(offset));
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals).toEqual({ cases_total: 30, cases_solved: 20, residential_areas_total: 21, residential_areas_certified: 19 });
    const x = tdbv(["inspect", file]);
    expect(x.stdout).toContain(`header:    rows ${offset + 1}-${offset + 2}`);
  });
});
