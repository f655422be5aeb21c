// Issue 14, "Data loss" 1-4: --output never replaces an input of the run, never replaces a
// device, FIFO or link, writes a rollup's files all or none, and "-" is standard output.
// Every case runs bin/tdbv end to end in a temporary folder (never on the real /dev: devices
// are made with mknod there, and skipped with a reason when that is not allowed).
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, tdbv, tempDir } from "./helpers.js";
import { snapshot } from "./output-helpers.js";

/** Whether `dir`'s file system ignores letter case (a probe file found under its upper-case name). */
function caseInsensitive(dir: string): boolean {
  writeFileSync(join(dir, "probe"), "");
  const found = existsSync(join(dir, "PROBE"));
  rmSync(join(dir, "probe"));
  return found;
}

const FIXTURE = join(ROOT, "fixtures/lam-dong-2024.csv");
const MONTHS = ["01", "02", "03"].map((m) => join(ROOT, `fixtures/monthly/ha-tinh-2024-${m}.csv`));
const isRoot = process.getuid?.() === 0;

/** A folder with v.csv (one input) and data/ (three monthly inputs named 2024-MM.csv). */
function setUp(prefix: string): string {
  const dir = tempDir(prefix);
  copyFileSync(FIXTURE, join(dir, "v.csv"));
  mkdirSync(join(dir, "data"));
  MONTHS.forEach((f, i) => copyFileSync(f, join(dir, "data", `2024-0${i + 1}.csv`)));
  return dir;
}

/** The report summarize gives for v.csv with these flags, written to a plain new file. */
function reference(dir: string, args: string[] = []): Buffer {
  const out = join(tempDir("ref"), "ref.csv");
  const r = tdbv(["summarize", join(dir, "v.csv"), "--output", out, ...args]);
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(out);
}

function mknod(path: string, kind: "c" | "b", major: number, minor: number): boolean {
  return spawnSync("mknod", [path, kind, String(major), String(minor)]).status === 0;
}

describe("--output never names an input of the run (exit 2, before reading)", () => {
  it.each([
    ["the same path", (d: string) => join(d, "v.csv")],
    ["a ./ path", (d: string) => `${d}/./v.csv`],
    ["a .. path", (d: string) => `${d}/data/../v.csv`],
    ["a symbolic link to it", (d: string) => (symlinkSync(join(d, "v.csv"), join(d, "alias.csv")), join(d, "alias.csv"))],
    ["a hard link to it", (d: string) => (linkSync(join(d, "v.csv"), join(d, "hard.csv")), join(d, "hard.csv"))],
  ])("summarize v.csv --output %s", (_, target) => {
    const dir = setUp("same");
    const out = target(dir);
    const before = snapshot(dir);
    // --mapping names a missing file: were anything read first, this would be exit 3.
    const r = tdbv(["summarize", join(dir, "v.csv"), "--output", out, "--mapping", join(dir, "missing.json")]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--output ${out}`);
    expect(r.stderr).toContain(`tệp đầu vào ${join(dir, "v.csv")} của lần chạy này`);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses --output naming the --mapping file", () => {
    const dir = setUp("mapping");
    const saved = tdbv(["inspect", join(dir, "v.csv"), "--save-mapping", join(dir, "m.json")]);
    expect(saved.status, saved.stderr).toBe(0);
    const before = snapshot(dir);
    const r = tdbv(["summarize", join(dir, "v.csv"), "--mapping", join(dir, "m.json"), "--output", join(dir, "m.json")]);
    expect(r.status, r.stderr).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses --output naming the file standard input is", () => {
    const dir = setUp("stdin");
    const before = snapshot(dir);
    const fd = openSync(join(dir, "v.csv"), "r");
    const r = spawnSync(process.execPath, [BIN, "summarize", "-", "--output", join(dir, "v.csv")], { cwd: ROOT, stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
    closeSync(fd);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("là đầu vào chuẩn của lần chạy này");
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses inspect --save-mapping naming the input", () => {
    const dir = setUp("inspect");
    const before = snapshot(dir);
    const r = tdbv(["inspect", join(dir, "v.csv"), "--save-mapping", join(dir, "v.csv")]);
    expect(r.status, r.stderr).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    ["data/{period}.csv", "2024-01.csv"],
    ["data/./{period}.csv", "2024-01.csv"],
    ["link/{period}.csv", "2024-01.csv"],
    ["data/ha-tinh-{period}.csv", "ha-tinh-2024-01.csv"],
  ])("rollup data/ --every month --output %s (inputs %s…)", (template, first) => {
    const dir = tempDir("cron");
    mkdirSync(join(dir, "data"));
    symlinkSync("data", join(dir, "link"));
    MONTHS.forEach((f, i) => copyFileSync(f, join(dir, "data", first.replace("01", `0${i + 1}`))));
    const before = snapshot(dir);
    const r = tdbv(["rollup", join(dir, "data"), "--every", "month", "--output", join(dir, template), "--mapping", join(dir, "missing.json")]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`tệp đầu vào ${join(dir, "data", first)} của lần chạy này`);
    expect(r.stderr).toContain("(của kỳ 2024-01)");
    expect(snapshot(dir)).toEqual(before);
  });

  it("checks every expanded rollup name against the inputs before writing any (a hard link)", () => {
    const dir = tempDir("expanded");
    mkdirSync(join(dir, "in"));
    mkdirSync(join(dir, "out"));
    MONTHS.forEach((f, i) => copyFileSync(f, join(dir, "in", `ha-tinh-2024-0${i + 1}.csv`)));
    writeFileSync(join(dir, "out", "2024-01.csv"), "old report\n");
    linkSync(join(dir, "in", "ha-tinh-2024-02.csv"), join(dir, "out", "2024-02.csv"));
    const before = snapshot(dir);
    const r = tdbv(["rollup", join(dir, "in"), "--every", "month", "--output", join(dir, "out", "{period}.csv")]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`--output ${join(dir, "out", "2024-02.csv")} là tệp đầu vào ${join(dir, "in", "ha-tinh-2024-02.csv")}`);
    expect(snapshot(dir)).toEqual(before);
  });

  it("compares letter case where the file system ignores it", () => {
    const dir = setUp("case");
    if (!caseInsensitive(dir)) {
      // Linux file systems are case-sensitive here: V.CSV is another file, and must be written.
      const r = tdbv(["summarize", join(dir, "v.csv"), "--output", join(dir, "V.CSV")]);
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(join(dir, "v.csv"))).toEqual(readFileSync(FIXTURE));
      return;
    }
    const r = tdbv(["summarize", join(dir, "v.csv"), "--output", join(dir, "V.CSV")]);
    expect(r.status, r.stderr).toBe(2);
  });
});

describe("--output never replaces what is not a regular file", () => {
  it("writes a device in place: a full one fails with ENOSPC (exit 4) and stays a device", (ctx) => {
    const dir = setUp("full");
    if (!mknod(join(dir, "full"), "c", 1, 7)) return ctx.skip("mknod is not allowed here");
    const r = tdbv(["summarize", join(dir, "v.csv"), "--format", "csv", "--output", join(dir, "full")]);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toContain(`không ghi được ${join(dir, "full")}: ổ đĩa hoặc thiết bị hết chỗ trống (ENOSPC)`);
    expect(lstatSync(join(dir, "full")).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("writes a null device in place (exit 0) and leaves it a device", (ctx) => {
    const dir = setUp("null");
    if (!mknod(join(dir, "null"), "c", 1, 3)) return ctx.skip("mknod is not allowed here");
    const r = tdbv(["summarize", join(dir, "v.csv"), "--format", "csv", "--output", join(dir, "null")]);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(join(dir, "null")).isCharacterDevice()).toBe(true);
  });

  it("refuses a block device (exit 4) and leaves it", (ctx) => {
    const dir = setUp("block");
    if (!mknod(join(dir, "disk"), "b", 7, 200)) return ctx.skip("mknod is not allowed here");
    const before = snapshot(dir);
    const r = tdbv(["summarize", join(dir, "v.csv"), "--format", "csv", "--output", join(dir, "disk")]);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toContain("đó là thiết bị khối");
    expect(snapshot(dir)).toEqual(before);
  });

  it("writes a FIFO in place: its reader gets the whole report and it stays a FIFO", async () => {
    const dir = setUp("fifo");
    const fifo = join(dir, "pipe");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const expected = reference(dir, ["--format", "csv", "--no-bom"]);
    const sink = join(tempDir("sink"), "sink");
    const reader = spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", fifo, sink], { stdio: "ignore" });
    const done = new Promise((r) => reader.on("exit", r));
    const r = await run(["summarize", join(dir, "v.csv"), "--format", "csv", "--no-bom", "--output", fifo]);
    await done;
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(sink)).toEqual(expected);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("writes through a link to /proc/self/fd/1 to standard output and keeps the link", () => {
    const dir = setUp("fd1");
    symlinkSync("/proc/self/fd/1", join(dir, "out"));
    const r = tdbv(["summarize", join(dir, "v.csv"), "--format", "csv", "--output", join(dir, "out")]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("province,,Tỉnh Lâm Đồng");
    expect(lstatSync(join(dir, "out")).isSymbolicLink()).toBe(true);
  });

  it("replaces a link's target atomically in the target's folder and keeps the link", () => {
    const dir = setUp("link");
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "report.csv"), "old\n");
    symlinkSync("real/report.csv", join(dir, "report.csv"));
    const r = tdbv(["summarize", join(dir, "v.csv"), "--output", join(dir, "report.csv")]);
    expect(r.status, r.stderr).toBe(0);
    expect(readlinkSync(join(dir, "report.csv"))).toBe("real/report.csv");
    expect(readFileSync(join(dir, "real", "report.csv"))).toEqual(reference(dir));
    expect(readdirSync(join(dir, "real"))).toEqual(["report.csv"]);
  });

  it("creates a dangling link's target and keeps the link", () => {
    const dir = setUp("dangling");
    mkdirSync(join(dir, "real"));
    symlinkSync("real/new.csv", join(dir, "report.csv"));
    const r = tdbv(["summarize", join(dir, "v.csv"), "--output", join(dir, "report.csv")]);
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(join(dir, "report.csv")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real", "new.csv"))).toEqual(reference(dir));
  });

  it("refuses a loop of links (exit 4) and leaves them", () => {
    const dir = setUp("loop");
    symlinkSync("b.csv", join(dir, "a.csv"));
    symlinkSync("a.csv", join(dir, "b.csv"));
    const before = snapshot(dir);
    const r = tdbv(["summarize", join(dir, "v.csv"), "--output", join(dir, "a.csv")]);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toContain("một vòng lặp liên kết tượng trưng");
    expect(snapshot(dir)).toEqual(before);
  });

  it("keeps an existing report's mode and (as root) its owner", () => {
    const dir = setUp("mode");
    const out = join(dir, "report.csv");
    writeFileSync(out, "old\n");
    chmodSync(out, 0o640);
    if (isRoot) chownSync(out, 1234, 2345);
    const r = tdbv(["summarize", join(dir, "v.csv"), "--output", out]);
    expect(r.status, r.stderr).toBe(0);
    const st = statSync(out);
    expect(st.mode & 0o7777).toBe(0o640);
    if (isRoot) expect([st.uid, st.gid]).toEqual([1234, 2345]);
    expect(readFileSync(out)).toEqual(reference(dir));
  });
});

describe("rollup --output {period}: all files or none", () => {
  /** out/ with old reports for January and February; March's name is taken by `march`. */
  function rollupSetUp(prefix: string, march: "folder" | "missing") {
    const dir = setUp(prefix);
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "2024-01.csv"), "old January\n");
    writeFileSync(join(dir, "out", "2024-02.csv"), "old February\n");
    if (march === "folder") mkdirSync(join(dir, "out", "2024-03.csv"));
    return dir;
  }
  const args = (dir: string) => ["rollup", join(dir, "data"), "--every", "month", "--output", join(dir, "out", "{period}.csv")];

  it("leaves every old file when the third cannot be written", () => {
    const dir = rollupSetUp("third", "folder");
    const before = snapshot(dir);
    const r = tdbv(args(dir));
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toContain(`không ghi được ${join(dir, "out", "2024-03.csv")}: đó là một thư mục`);
    expect(snapshot(dir)).toEqual(before);
  });

  it("undoes the renames done when a later one fails (old files back, new ones removed)", () => {
    const dir = rollupSetUp("undo", "missing");
    const before = snapshot(dir);
    const r = tdbv(args(dir), { env: { TDBV_TEST_FAIL_RENAME_AT: "3" } });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toContain("không báo cáo nào bị thay đổi");
    expect(snapshot(dir)).toEqual(before);
  });

  it("writes every temporary before renaming any; a run killed then leaves the old files, and the next run cleans up", async () => {
    const dir = rollupSetUp("killed", "missing");
    const before = snapshot(dir);
    const child = spawn(process.execPath, [BIN, ...args(dir)], { cwd: ROOT, env: { ...process.env, TDBV_TEST_PAUSE_BEFORE_RENAME_MS: "30000" }, stdio: "ignore" });
    const temps = () => readdirSync(join(dir, "out")).filter((f) => f.includes(".tmp-"));
    const deadline = Date.now() + 15_000;
    while (temps().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const seen = temps().length;
    child.kill("SIGKILL");
    await new Promise((r) => child.on("exit", r));
    expect(seen, "the run did not write all three temporaries before renaming").toBe(3);
    const now = snapshot(dir);
    for (const [k, v] of Object.entries(before)) expect(now[k]).toBe(v);
    const r = tdbv(args(dir));
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["2024-01.csv", "2024-02.csv", "2024-03.csv"]);
  }, 60_000);
});

describe("--output - is standard output", () => {
  it.each([
    ["summarize", ["summarize", "fixtures/lam-dong-2024.csv"]],
    ["rollup", ["rollup", "fixtures/lam-dong-2024.csv", "--every", "year"]],
    ["template", ["template"]],
  ])("%s --output -", (_, argv) => {
    const plain = tdbv([...argv]);
    const r = tdbv([...argv, "--output", "-"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(existsSync(join(ROOT, "-"))).toBe(false);
  });
});

/** bin/tdbv without blocking the event loop (a FIFO's reader runs meanwhile). */
function run(args: string[]): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ status: code ?? -1, stderr }));
  });
}
