// tdbv as a library (issue 18, item 4): the package's own name imports it, each function returns
// the document the CLI prints with --format json, a user's mistake is a thrown TdbvError, and two
// calls in one process do not see each other.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rollup, summarize, TdbvError, validate } from "../src/index.js";
import { ROOT, tdbv } from "./helpers.js";

const LAM_DONG = "fixtures/lam-dong-2024.csv";
const LOI = "fixtures/validate/lam-dong-2024-loi.csv";
const at = (p: string) => `${ROOT}/${p}`;
const cliJson = (args: string[]) => {
  const r = tdbv(args);
  return JSON.parse(r.stdout) as unknown;
};

describe("the library", () => {
  it("is imported by the package's name, from plain Node", () => {
    const script = `import { summarize } from "tdbv"; const r = await summarize("${LAM_DONG}"); console.log(JSON.stringify({ rows: r.rows, units: r.groups[0].units }));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    // fixtures/make-fixtures.mjs: 142 communes and one total row
    expect(JSON.parse(r.stdout)).toEqual({ rows: { read: 143, counted: 142, skipped: { total_row: 1 } }, units: 142 });
  });

  it("summarize returns what summarize --format json prints", async () => {
    process.chdir(ROOT);
    expect(await summarize(LAM_DONG)).toEqual(cliJson(["summarize", LAM_DONG, "--format", "json"]));
    expect(await summarize([LAM_DONG], { by: "commune" })).toEqual(cliJson(["summarize", LAM_DONG, "--format", "json", "--by", "commune"]));
    expect(await summarize(LOI, { allowErrors: true, by: "district" })).toEqual(cliJson(["summarize", LOI, "--format", "json", "--allow-errors", "--by", "district"]));
    // errors without allowErrors: the issues, no groups, as the CLI prints
    expect(await summarize(LOI)).toEqual(cliJson(["summarize", LOI, "--format", "json"]));
  });

  it("rollup and validate return what their --format json prints", async () => {
    process.chdir(ROOT);
    expect(await rollup("fixtures/monthly", { every: "quarter", ytd: true, by: "district" })).toEqual(
      cliJson(["rollup", "fixtures/monthly", "--every", "quarter", "--ytd", "--by", "district", "--format", "json"]),
    );
    expect(await validate(LOI)).toEqual(cliJson(["validate", LOI, "--format", "json"]));
    expect(await validate(LOI, { maxProblems: 3, strict: true })).toEqual(cliJson(["validate", LOI, "--format", "json", "--max-problems", "3", "--strict"]));
  });

  it("reads files held in memory, as text or bytes", async () => {
    const bytes = readFileSync(at(LAM_DONG));
    const fromPath = await summarize(at(LAM_DONG), { by: "district" });
    expect(await summarize({ name: "lam-dong-2024.csv", text: bytes.toString("utf8") }, { by: "district" })).toEqual(fromPath);
    expect(await summarize([{ name: "lam-dong-2024.csv", bytes: new Uint8Array(bytes) }], { by: "district" })).toEqual(fromPath);
    // a problem names the file by the name given
    const v = await validate({ name: "tu-bo-nho.csv", text: readFileSync(at(LOI), "utf8") });
    expect(v.problems.length).toBeGreaterThan(0);
    expect(new Set(v.problems.map((p) => p.file))).toEqual(new Set(["tu-bo-nho.csv"]));
  });

  it("throws a TdbvError for a user's mistake, with the CLI's message", async () => {
    const missing = await summarize("khong-co.csv").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TdbvError);
    expect((missing as TdbvError).kind).toBe("input");
    expect((missing as TdbvError).message).toContain("khong-co.csv");
    const bad = await summarize(at(LAM_DONG), { by: "xa" as never }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TdbvError);
    expect((bad as TdbvError).kind).toBe("usage");
    const noEvery = await rollup(at(LAM_DONG), {} as never).catch((e: unknown) => e);
    expect((noEvery as TdbvError).kind).toBe("usage");
    expect(process.exitCode ?? 0).toBe(0);
  });

  it("keeps two calls in one process apart, one after the other and at once", async () => {
    const first = await summarize(at(LAM_DONG), { by: "district" });
    const other = await summarize(at(LOI), { allowErrors: true, by: "commune", province: "Lâm Đồng" });
    expect(await summarize(at(LAM_DONG), { by: "district" })).toEqual(first);
    const [a, b] = await Promise.all([summarize(at(LAM_DONG), { by: "district" }), summarize(at(LOI), { allowErrors: true, by: "commune", province: "Lâm Đồng" })]);
    expect(a).toEqual(first);
    expect(b).toEqual(other);
    // the same text under two names in one call is two files: a duplicate of every unit
    const text = readFileSync(at(LAM_DONG), "utf8");
    const twice = await validate([{ name: "a.csv", text }, { name: "b.csv", text }]);
    expect(twice.counts.by_code.duplicate_unit).toBeGreaterThan(0);
    expect((await validate({ name: "a.csv", text })).counts.by_code.duplicate_unit).toBeUndefined();
  });
});

describe("the library's lang option", () => {
  it("gives the problems in English with lang en, Vietnamese by default, as the CLI", async () => {
    process.chdir(ROOT);
    const vi = await validate(LOI);
    const en = await validate(LOI, { lang: "en" });
    expect(en).toEqual(cliJson(["validate", LOI, "--format", "json", "--lang", "en"]));
    expect(vi.problems.map((p) => p.code)).toEqual(en.problems.map((p) => p.code));
    expect(vi.problems.find((p) => p.code === "negative_number")!.message).not.toEqual(en.problems.find((p) => p.code === "negative_number")!.message);
  });
});
