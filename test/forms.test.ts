// Issue 16 items 1, 2 and 6-8: report forms as provinces fill them. Every fixture is made by
// fixtures/make-form-fixtures.mjs, whose expected.json holds the totals it computed from the
// rows it wrote (never tdbv's output).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tdbv } from "./helpers.js";

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
