// Worker threads (src/pipeline/threads.ts) change the speed, never the result: standard output,
// standard error and the exit status of --threads 1, 2 and 3 must be byte-identical, on files
// cut into chunks (TDBV_THREAD_MIN_BYTES lowers the size from which a file is cut) with cell
// errors, duplicates across the cuts, quoted line breaks near the cuts, CRLF and a BOM. The
// clean file's chunks must be taken from the workers (TDBV_DEBUG_THREADS says so), and its
// totals agree with the generator's.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tdbv, tempDir } from "./helpers.js";

const ROWS = 6000;
const dir = tempDir("threads");

/** A generated file (bench/generate.mjs): its lines (no line ends) and the generator's totals. */
function generated(name: string, crlf = false): { path: string; lines: string[]; totals: { provinces: Record<string, { totals: Record<string, number | string> }> } } {
  const path = join(dir, name);
  const r = spawnSync(process.execPath, [join(ROOT, "bench/generate.mjs"), "--rows", String(ROWS), "--units", "700", "--out", path, ...(crlf ? ["--crlf"] : [])], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  const lines = readFileSync(path, "utf8").split(crlf ? "\r\n" : "\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return { path, lines, totals: JSON.parse(readFileSync(`${path}.totals.json`, "utf8")) };
}

const env = { TDBV_THREAD_MIN_BYTES: "1" };

/** Runs summarize with 1, 2 and 3 threads in each format; every run must equal the first. */
function sameWithThreads(path: string, extra: string[] = [], formats = ["json", "text"]): void {
  for (const format of formats) {
    const runs = [1, 2, 3].map((t) => tdbv(["summarize", path, "-f", format, "--lang", "en", ...extra, "--threads", String(t)], { env }));
    for (const r of runs.slice(1)) {
      expect(r.status, format).toBe(runs[0]!.status);
      expect(r.stderr, format).toBe(runs[0]!.stderr);
      expect(r.stdout, format).toBe(runs[0]!.stdout);
    }
  }
}

/** What became of each chunk (TDBV_DEBUG_THREADS). */
function chunks(path: string, threads: number, extra: string[] = []): string[] {
  const r = tdbv(["summarize", path, "-f", "csv", "-q", ...extra, "--threads", String(threads)], { env: { ...env, TDBV_DEBUG_THREADS: "1" } });
  return r.stderr.split("\n").filter((l) => l.startsWith("tdbv threads:"));
}

/** Quoted notes over two or three lines on the rows around each cut of a file cut in 2 and in 3. */
function withNotes(lines: string[], near: number): string[] {
  const size = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  const cuts = [size / 3, size / 2, (2 * size) / 3];
  let at = 0;
  return lines.map((l, i) => {
    const start = at;
    at += Buffer.byteLength(l) + 1;
    if (i === 0) return `${l},Ghi chú`;
    const close = cuts.some((c) => Math.abs(start - c) < near);
    if (!close) return `${l},`;
    return i % 3 === 0 ? `${l},"dòng một\ndòng hai, ""trích""\n"` : i % 3 === 1 ? `${l},"a\nb"` : `${l},"x, y"`;
  });
}

describe("worker threads", () => {
  it("read a clean file in chunks taken from the workers, with the generator's totals", () => {
    const g = generated("clean.csv");
    expect(chunks(g.path, 2)).toEqual(["tdbv threads: chunk 1: adopted"]);
    expect(chunks(g.path, 3)).toEqual(["tdbv threads: chunk 1: adopted", "tdbv threads: chunk 2: adopted"]);
    sameWithThreads(g.path, [], ["json", "csv", "text"]);
    const r = tdbv(["summarize", g.path, "-f", "json", "--threads", "3"], { env });
    const report = JSON.parse(r.stdout) as { groups: { province: string; level?: string; totals: Record<string, number | null> }[] };
    const sums = new Map<string, number>();
    for (const grp of report.groups) sums.set(grp.province, (sums.get(grp.province) ?? 0) + (grp.totals.cases_total ?? 0));
    // The report names provinces officially ("Thành phố Cần Thơ"): the province sums are compared as a list.
    const ours = [...sums.values()].sort((a, b) => a - b);
    const theirs = Object.values(g.totals.provinces).map((p) => Number(p.totals.cases_total)).sort((a, b) => a - b);
    expect(ours).toEqual(theirs);
  });

  it("give the same output with cell errors, in the first chunk and in later ones", () => {
    const g = generated("errors.csv");
    const lines = g.lines.map((l, i) => (i > 0 && i % 1700 === 0 ? l.replace(/,(\d+),/, ",abc,") : l));
    const path = join(dir, "errors-bad.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    sameWithThreads(path);
    sameWithThreads(path, ["--allow-errors"]);
    expect(chunks(path, 2, ["--allow-errors"])).toEqual(["tdbv threads: chunk 1: adopted"]);
  });

  it("find duplicates across the cuts as one thread does", () => {
    const g = generated("dups.csv");
    const lines = [...g.lines];
    // Rows of the first chunk again in the second and third, and a row of the last chunk twice.
    for (const [from, to] of [
      [1100, 3100],
      [1200, 4500],
      [2500, 5500],
      [5000, 5990],
    ] as const)
      lines[to] = lines[from]!;
    const path = join(dir, "dups-twice.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    sameWithThreads(path, ["--allow-errors"]);
    const r = tdbv(["summarize", path, "-f", "json", "--lang", "en", "--allow-errors", "--threads", "3"], { env });
    expect(r.stderr).toContain("already appears at row 1101");
  });

  it("cut at record boundaries with quoted line breaks near the cuts, and a long quoted cell", () => {
    const g = generated("quoted.csv");
    const path = join(dir, "quoted-notes.csv");
    writeFileSync(path, `${withNotes(g.lines, 4000).join("\n")}\n`);
    sameWithThreads(path);
    const lines = withNotes(g.lines, 2000);
    lines[3000] = `${lines[3000]!.replace(/,[^,]*$/, "")},"1\n2\n3\n4\n5\n6\n7"`;
    const long = join(dir, "quoted-long.csv");
    writeFileSync(long, `${lines.join("\n")}\n`);
    sameWithThreads(long);
  });

  it("read CRLF line ends and a byte-order mark alike", () => {
    const g = generated("crlf.csv", true);
    const path = join(dir, "crlf-bom.csv");
    const lines = [...g.lines];
    lines[4000] = lines[4000]!.replace(/,(\d+),/, ",12x,");
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join("\r\n")}\r\n`)]));
    sameWithThreads(path, ["--allow-errors"]);
    expect(chunks(path, 2, ["--allow-errors"])).toEqual(["tdbv threads: chunk 1: adopted"]);
  });

  it("refuse a thread count that is not a number", () => {
    const r = tdbv(["summarize", "x.csv", "--threads", "two"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--threads");
  });
});
