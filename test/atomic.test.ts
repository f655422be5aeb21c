// A report is replaced only by a complete new one: a run killed while writing leaves the
// previous report intact, and the next run cleans up after it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, tdbv, tempDir } from "./helpers.js";

describe("atomic reports", () => {
  it("keeps the previous report when the run is killed between writing and renaming", async () => {
    const dir = tempDir("kill");
    const out = join(dir, "2024.csv");
    writeFileSync(out, "previous report\n");
    // The hook holds the run after the new report is written to its temporary file.
    const child = spawn(process.execPath, [BIN, "rollup", "fixtures/lam-dong-2024.csv", "--every", "year", "--output", out], {
      cwd: ROOT,
      env: { ...process.env, TDBV_TEST_PAUSE_BEFORE_RENAME_MS: "30000" },
      stdio: "ignore",
    });
    const deadline = Date.now() + 20_000;
    while (!readdirSync(dir).some((f) => f.startsWith(".2024.csv.tmp-")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const temp = readdirSync(dir).find((f) => f.startsWith(".2024.csv.tmp-"));
    expect(temp, "the run never wrote its temporary file").toBeDefined();
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    expect(readFileSync(out, "utf8")).toBe("previous report\n");

    // The next run replaces the report whole and removes the dead run's temporary file.
    const r = tdbv(["rollup", "fixtures/lam-dong-2024.csv", "--every", "year", "--output", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("province,2024,Tỉnh Lâm Đồng");
    expect(existsSync(join(dir, temp!))).toBe(false);
    expect(readdirSync(dir)).toEqual(["2024.csv"]);
  }, 60_000);

  it("gives byte-identical files when the same job runs twice", () => {
    const dir = tempDir("twice");
    const run = (name: string) => {
      const r = tdbv(["rollup", "fixtures", "--every", "year", "--by", "district", "--compare", "previous", "--output", join(dir, name, "{period}.json")]);
      return r;
    };
    for (const name of ["a", "b"]) {
      mkdirSync(join(dir, name));
      expect(run(name).status).toBe(0);
    }
    const files = readdirSync(join(dir, "a")).sort();
    expect(files).toEqual(["2020.json", "2024.json"]);
    for (const f of files) expect(readFileSync(join(dir, "b", f))).toEqual(readFileSync(join(dir, "a", f)));
  });
});
