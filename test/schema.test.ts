// The JSON report's schema (issue 18, item 4): schema/report.schema.json describes every JSON
// document tdbv prints: the golden JSON outputs, and a run of summarize, rollup and validate on
// every fixture. Checked with zod's reading of JSON Schema (zod is already a dependency).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { rollup, summarize, validate } from "../src/index.js";
import { ROOT, tdbv } from "./helpers.js";

const schema = JSON.parse(readFileSync(join(ROOT, "schema/report.schema.json"), "utf8")) as Record<string, unknown> & { $defs: Record<string, object> };
const report = z.fromJSONSchema(schema as never);
const validation = z.fromJSONSchema({ ...schema.$defs.validation, $defs: schema.$defs } as never);

const problemsOf = (r: { success: boolean; error?: { issues: unknown[] } }) => (r.success ? [] : r.error!.issues.slice(0, 3));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

const fixtures = filesUnder(join(ROOT, "fixtures"))
  .filter((f) => /\.(csv|tsv|xlsx|xls|ods)$/i.test(f))
  .map((f) => relative(ROOT, f))
  .sort();

const goldenJson = readdirSync(join(ROOT, "test/cases"))
  .filter((c) => {
    const out = join(ROOT, "test/cases", c, "stdout");
    return statSync(join(ROOT, "test/cases", c)).isDirectory() && readFileSync(out, "utf8").startsWith("{");
  })
  .map((c) => ({ name: c, command: readFileSync(join(ROOT, "test/cases", c, "args"), "utf8").split("\n")[0]!, doc: JSON.parse(readFileSync(join(ROOT, "test/cases", c, "stdout"), "utf8")) as unknown }));

describe("schema/report.schema.json", () => {
  it("is what tdbv schema prints", () => {
    const r = tdbv(["schema"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, "schema/report.schema.json"), "utf8"));
  });

  it("is shipped in the package", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[]; exports: Record<string, unknown> };
    expect(pkg.files).toContain("schema");
    expect(pkg.exports["./schema/report.schema.json"]).toBe("./schema/report.schema.json");
  });

  it("has golden JSON outputs of summarize and validate to check", () => {
    const commands = new Set(goldenJson.map((g) => g.command));
    expect(commands.has("summarize")).toBe(true);
    expect(commands.has("validate")).toBe(true);
  });

  it.each(goldenJson.filter((g) => g.command === "summarize" || g.command === "rollup"))("describes the golden output $name", ({ doc }) => {
    expect(problemsOf(report.safeParse(doc))).toEqual([]);
  });

  it.each(goldenJson.filter((g) => g.command === "validate"))("describes the golden validate output $name", ({ doc }) => {
    expect(problemsOf(validation.safeParse(doc))).toEqual([]);
  });

  it("finds the fixtures", () => expect(fixtures.length).toBeGreaterThan(30));

  it.each(fixtures)("describes summarize and validate on %s", async (file) => {
    process.chdir(ROOT);
    for (const by of ["province", "commune"] as const) {
      const doc = await summarize(file, { by, allowErrors: true });
      expect(problemsOf(report.safeParse(doc))).toEqual([]);
    }
    expect(problemsOf(validation.safeParse(await validate(file)))).toEqual([]);
  });

  it("describes rollups (completeness, coverage, comparison)", async () => {
    process.chdir(ROOT);
    const quarters = await rollup("fixtures/monthly", { every: "quarter", ytd: true, compare: "last-year", by: "district", allowErrors: true });
    expect(quarters.groups.some((g) => g.coverage !== undefined && g.completeness !== undefined && g.comparison !== undefined)).toBe(true);
    expect(problemsOf(report.safeParse(quarters))).toEqual([]);
    const years = await rollup("fixtures/yearly", { every: "year", compare: "previous", by: "commune", allowErrors: true });
    expect(years.groups.some((g) => g.comparison !== undefined)).toBe(true);
    expect(problemsOf(report.safeParse(years))).toEqual([]);
  });

  it("describes reporting rates against a register (--units vn)", async () => {
    process.chdir(ROOT);
    const doc = await summarize("fixtures/lam-dong-2024.csv", { units: "vn", by: "district", allowErrors: true });
    expect(doc.register).toBe("vn");
    expect(doc.groups.every((g) => g.register !== undefined)).toBe(true);
    expect(problemsOf(report.safeParse(doc))).toEqual([]);
    const v = await validate("fixtures/lam-dong-2024.csv", { units: "vn" });
    expect(v.reporting).not.toBeNull();
    expect(problemsOf(validation.safeParse(v))).toEqual([]);
  });

  it("refuses documents that are not the report", () => {
    const good = goldenJson.find((g) => g.name === "lam-dong-json")!.doc as { groups: Record<string, unknown>[]; [k: string]: unknown };
    expect(report.safeParse(good).success).toBe(true);
    const copy = () => structuredClone(good);
    const bad: unknown[] = [];
    let d = copy();
    d.extra = 1;
    bad.push(d);
    d = copy();
    d.groups[0]!.units = -1;
    bad.push(d);
    d = copy();
    d.groups[0]!.period = "2024-13";
    bad.push(d);
    d = copy();
    (d.groups[0]!.totals as Record<string, unknown>)["Số vụ"] = 1;
    bad.push(d);
    d = copy();
    (d.groups[0]!.totals as Record<string, unknown>).cases_total = "1173";
    bad.push(d);
    d = copy();
    d.by = "ward";
    bad.push(d);
    d = copy();
    delete d.excluded;
    bad.push(d);
    d = copy();
    (d.issues as unknown[]).push({ code: "invalid_number", severity: "fatal" });
    bad.push(d);
    for (const b of bad) expect(report.safeParse(b).success).toBe(false);
  });
});
