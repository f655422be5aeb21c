// End-to-end behaviour of bin/tdbv that golden files do not show: exit codes, atomic writes,
// colour decisions, and main()'s handling of our own bugs.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type Io } from "../src/cli/main.js";
import { VERSION } from "../src/cli/version.js";
import { BIN, captureIo, ROOT, tdbv, tempDir } from "./helpers.js";

const tmp = () => tempDir("test");

describe("exit codes", () => {
  it.each([
    [["summarize", "fixtures/lam-dong-2024.csv"], 0],
    [["summarize", "test/data/total-mismatch.csv"], 0],
    [["summarize", "test/data/part-exceeds.csv"], 1],
    [["summarize", "test/data/part-exceeds.csv", "--allow-errors"], 1],
    [["summarize", "--nope", "fixtures/lam-dong-2024.csv"], 2],
    [["summarize"], 2],
    [["summarize", "fixtures/lam-dong-2024.csv", "--decimals", "x"], 2],
    [["summarize", "fixtures/lam-dong-2024.csv", "--output", "report.xyz"], 2],
    [["summarize", "no/such/file.csv"], 3],
    [["summarize", "test/data/empty-folder-does-not-exist/"], 3],
    [["summarize", "fixtures/layouts/*.nothing"], 3],
    [["summarize", "test/data/not-a-csv.csv"], 3],
    [["summarize", "fixtures/lam-dong-2024.csv", "--output", "/no/such/folder/x.csv"], 4],
    [["inspect", "fixtures/monthly"], 2],
    [["template", "--output", "/tmp/form.pdf"], 2],
    [["summarize", "-", "--units", "-"], 2],
  ])("tdbv %j exits %i", (args, status) => {
    const r = tdbv(args);
    expect(r.status, r.stderr).toBe(status);
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // never a stack trace
  });

  it("refuses a workbook over 256 MB while reading it, before it is all in memory", () => {
    const file = join(tmp(), "big.xlsx");
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    truncateSync(file, 300 << 20); // sparse: costs no disk
    const r = tdbv(["summarize", file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("big.xlsx: sổ tính lớn hơn mức tdbv đọc (256 MB)");
  });

  it("says in words why an output file cannot be written", () => {
    expect(tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--output", "/no/such/folder/x.csv"]).stderr).toMatch(/^tdbv: không ghi được \/no\/such\/folder\/x\.csv: thư mục không tồn tại\n/);
    expect(tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--output", "/no/such/folder/x.csv", "--lang", "en"]).stderr).toMatch(/^tdbv: cannot write \/no\/such\/folder\/x\.csv: the folder does not exist\n/);
  });

  it.skipIf(!existsSync("/dev/full"))("exits 4, without a stack trace, when standard output cannot be written (a full disk)", () => {
    const fd = openSync("/dev/full", "w");
    const r = spawnSync(process.execPath, [BIN, "summarize", "fixtures/lam-dong-2024.csv"], { cwd: ROOT, stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
    closeSync(fd);
    expect(r.status).toBe(4);
    expect(r.stderr).toBe("tdbv: cannot write standard output: ENOSPC\n");
  });

  it("prints nothing on standard output for a usage error", () => {
    expect(tdbv(["summarize", "--by", "village", "fixtures/lam-dong-2024.csv"]).stdout).toBe("");
  });
});

describe("--output", () => {
  it("writes an Excel-ready CSV: BOM, CRLF, the format taken from the extension", () => {
    const out = join(tmp(), "2024.csv");
    const r = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--output", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toContain("\r\nprovince,2024,Tỉnh Lâm Đồng,,,142,1173,1010,");
  });

  it("keeps the previous report when the new run has errors, and leaves no temporary file", () => {
    const dir = tmp();
    const out = join(dir, "report.json");
    writeFileSync(out, "previous report\n");
    const r = tdbv(["summarize", "test/data/part-exceeds.csv", "--output", out]);
    expect(r.status).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous report\n");
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("replaces the previous report whole when the run succeeds", () => {
    const dir = tmp();
    const out = join(dir, "report.json");
    writeFileSync(out, "previous report\n");
    expect(tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--output", out]).status).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).groups[0].units).toBe(142);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("gives identical bytes for identical input", () => {
    const a = tdbv(["summarize", "fixtures/quang-binh-2020.csv", "--by", "commune", "--format", "json"]);
    const b = tdbv(["summarize", "fixtures/quang-binh-2020.csv", "--by", "commune", "--format", "json"]);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe("CSV safety", () => {
  it("neutralises text cells a spreadsheet would run as formulas", () => {
    const dir = tmp();
    const file = join(dir, "formula.csv");
    writeFileSync(file, "province,district,commune,cases_total\nLâm Đồng,=HYPERLINK(\"x\"),@SUM(A1),1\nLâm Đồng,=HYPERLINK(\"x\"),+Xã,1\n");
    const r = tdbv(["summarize", file, "--by", "commune", "--format", "csv"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`'=HYPERLINK`);
    expect(r.stdout).toContain("'@SUM(A1)");
    expect(r.stdout).toContain("'+Xã");
    expect(r.stdout).not.toMatch(/(^|,)"?[=@+]/m);
  });
});

describe("colour", () => {
  it("uses none when output is not a terminal", () => {
    const r = tdbv(["summarize", "test/data/part-exceeds.csv", "--format", "table"]);
    expect(r.stderr).not.toContain("\u001b[");
  });

  it("uses it when forced, and never with NO_COLOR or --no-color", () => {
    const args = ["summarize", "test/data/part-exceeds.csv", "--format", "table"];
    expect(tdbv(args, { env: { FORCE_COLOR: "1" } }).stderr).toContain("\u001b[");
    expect(tdbv(args, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stderr).not.toContain("\u001b[");
    expect(tdbv([...args, "--no-color"], { env: { FORCE_COLOR: "1" } }).stderr).not.toContain("\u001b[");
  });
});

describe("--quiet", () => {
  it("prints errors but not warnings or the row account", () => {
    const warn = tdbv(["summarize", "test/data/total-mismatch.csv", "--format", "table", "--quiet"]);
    expect(warn.stderr).toBe("");
    const err = tdbv(["summarize", "test/data/part-exceeds.csv", "--quiet"]);
    expect(err.stderr).toContain("part_exceeds_whole");
  });
});

describe("main()", () => {
  const io = (over: Partial<Io> = {}) => captureIo((p) => readFileSync(join(ROOT, p)), over);


  it("reports a bug of ours as such, with exit 70 and no stack unless --debug", async () => {
    const broken = io({
      stdout: () => {
        throw new TypeError("boom");
      },
    });
    expect(await main(["summarize", "fixtures/lam-dong-2024.csv"], broken)).toBe(70);
    expect(broken.err.join("")).toMatch(/lỗi nội bộ: boom\n.*lỗi của tdbv/);
    expect(broken.err.join("")).not.toContain("at ");
    const debug = io({
      stdout: () => {
        throw new TypeError("boom");
      },
    });
    expect(await main(["summarize", "fixtures/lam-dong-2024.csv", "--debug"], debug)).toBe(70);
    expect(debug.err.join("")).toContain("TypeError: boom\n    at ");
  });

  it("prints the version of package.json", async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const x = io();
    expect(await main(["--version"], x)).toBe(0);
    expect(x.out.join("")).toBe(`${pkg.version}\n`);
    expect(VERSION).toBe(pkg.version);
  });

  it("defaults to a table on a terminal and CSV when piped", async () => {
    const tty = io({ stdoutIsTTY: true });
    await main(["summarize", "fixtures/lam-dong-2024.csv"], tty);
    expect(tty.out.join("")).toContain("┌");
    const piped = io();
    await main(["summarize", "fixtures/lam-dong-2024.csv"], piped);
    expect(piped.out.join("")).toMatch(/^level,period,province/);
  });
});

describe("stdin", () => {
  it("reads - as standard input", () => {
    const r = tdbv(["summarize", "-", "--format", "json"], { stdin: readFileSync(join(ROOT, "fixtures/lam-dong-2024.csv")) });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).groups[0].ratios.solved_rate).toMatchObject({ numerator: 1010, denominator: 1173 });
  });

  it("reads a large input from a pipe as it comes, as it would read the same file", () => {
    // More than the 64 KB head and the thousand head rows: the rest is read in chunks.
    const lines = ["province,district,commune,period,cases_total,cases_solved,explosives_kg"];
    for (let i = 0; i < 6000; i++) lines.push(`Lâm Đồng,Huyện ${i % 7},"Xã ${i}",2024-${String((i % 12) + 1).padStart(2, "0")},${i % 50},${(i % 50) >> 1},${(i % 9) / 4}`);
    const text = `${lines.join("\r\n")}\r\n`;
    const dir = tempDir("stdin");
    writeFileSync(join(dir, "tally.csv"), text);
    const piped = tdbv(["summarize", "-", "--by", "district", "--format", "csv"], { stdin: text });
    const file = tdbv(["summarize", join(dir, "tally.csv"), "--by", "district", "--format", "csv"]);
    expect(piped.status).toBe(0);
    expect(piped.stdout.split("\n").length).toBeGreaterThan(12 * 8);
    expect(piped.stdout).toBe(file.stdout);
  });
});


describe("validate exit codes", () => {
  it.each([
    [["validate", "fixtures/lam-dong-2024.csv"], 0],
    [["validate", "test/data/total-mismatch.csv"], 0],
    [["validate", "test/data/total-mismatch.csv", "--strict"], 1],
    [["validate", "test/data/part-exceeds.csv"], 1],
    [["validate", "fixtures/lam-dong-2024.csv", "--max-change", "one"], 2],
    [["validate", "fixtures/lam-dong-2024.csv", "--format", "xml"], 2],
    [["validate", "no/such/file.csv"], 3],
    [["validate", "fixtures/lam-dong-2024.csv", "--units", "no/such/register.csv"], 3],
  ])("tdbv %j exits %i", (args, status) => {
    const r = tdbv(args);
    expect(r.status, r.stderr).toBe(status);
    if (status >= 2) expect(r.stdout).toBe("");
  });

  it("prints no colour on a terminal that says it is dumb, unless FORCE_COLOR", async () => {
    const run = async (env: Record<string, string>) => {
      const io = captureIo((p) => readFileSync(join(ROOT, p)), { stdoutIsTTY: true, stderrIsTTY: true, env });
      await main(["summarize", "test/data/part-exceeds.csv", "--format", "table", "--allow-errors"], io);
      return io.out.join("") + io.err.join("");
    };
    expect(await run({ TERM: "xterm" })).toContain("\u001b[");
    expect(await run({ TERM: "dumb" })).not.toContain("\u001b[");
    expect(await run({ TERM: "dumb", FORCE_COLOR: "1" })).toContain("\u001b[");
  });

  it("shows the control characters of a file name in its message, never sends them to the terminal", () => {
    const r = tdbv(["summarize", "nope\u001b[2J.csv"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("nope<U+001B>[2J.csv");
    expect(r.stderr).not.toContain("\u001b");
  });

  it("flags a change against the baseline only past --min-change (default 10)", () => {
    const dir = tmp();
    const head = "province,district,commune,cases_total,cameras";
    writeFileSync(join(dir, "2023.csv"), `${head}\nLâm Đồng,Huyện A,Xã A,1,100\n`);
    writeFileSync(join(dir, "2024.csv"), `${head}\nLâm Đồng,Huyện A,Xã A,4,100\n`);
    const codes = (extra: string[]) => {
      const r = tdbv(["validate", join(dir, "2024.csv"), "--baseline", join(dir, "2023.csv"), "--format", "json", ...extra]);
      expect(r.status, r.stderr).toBe(0);
      return (JSON.parse(r.stdout).problems as { code: string; column: string }[]).map((p) => `${p.code} ${p.column}`);
    };
    expect(codes([])).toEqual([]);
    expect(codes(["--min-change", "0"])).toEqual(["unusual_change cases_total"]);
    expect(codes(["--min-change", "3"])).toEqual(["unusual_change cases_total"]);
    expect(codes(["--min-change", "4"])).toEqual([]);
    expect(tdbv(["validate", join(dir, "2024.csv"), "--min-change", "-1"]).status).toBe(2);
  });

  it("says a change from a zero baseline once: 'changed from 0', not 'from 0 0'", () => {
    const dir = tmp();
    const head = "province,district,commune,cases_total";
    writeFileSync(join(dir, "2023.csv"), `${head}\nLâm Đồng,Huyện A,Xã A,0\n`);
    writeFileSync(join(dir, "2024.csv"), `${head}\nLâm Đồng,Huyện A,Xã A,25\n`);
    const r = tdbv(["validate", join(dir, "2024.csv"), "--baseline", join(dir, "2023.csv"), "--format", "json", "--lang", "en"]);
    const [p] = JSON.parse(r.stdout).problems as { code: string; message: string }[];
    expect(p!.code).toBe("unusual_change");
    expect(p!.message).toMatch(/cases_total 25 changed from 0 \(.*2023\.csv:2, 2023\)$/);
    const vi = tdbv(["validate", join(dir, "2024.csv"), "--baseline", join(dir, "2023.csv"), "--format", "json"]);
    expect(JSON.parse(vi.stdout).problems[0].message).toMatch(/cases_total 25 tăng từ 0 \(.*2023\.csv:2, 2023\)$/);
  });

  it("caps the listing with --max-problems but keeps the counts exact", () => {
    const r = tdbv(["validate", "fixtures/validate/lam-dong-2024-loi.csv", "--format", "json", "--max-problems", "2"]);
    const doc = JSON.parse(r.stdout);
    expect(doc.problems).toHaveLength(2);
    expect(doc.counts.errors + doc.counts.warnings).toBe(2 + doc.problems_omitted);
  });

  // Issue 17, item 7: validate's JSON is cut by the same --max-problems, so the listing does not
  // send the user there; summarize's JSON has every problem, so its listing does.
  it("says where the problems it leaves out can be seen", () => {
    const v = tdbv(["validate", "fixtures/validate/lam-dong-2024-loi.csv", "--format", "table", "--max-problems", "2", "--lang", "en"]);
    expect(v.stdout).toMatch(/more problems \(see them all without --max-problems, which cuts --format json and csv too\)/);
    expect(v.stdout).not.toContain("with --format json");
    const vi = tdbv(["validate", "fixtures/validate/lam-dong-2024-loi.csv", "--format", "table", "--max-problems", "2"]);
    expect(vi.stdout).toMatch(/vấn đề khác \(bỏ --max-problems để xem hết; tùy chọn này cũng cắt bớt --format json và csv\)/);
    expect(vi.stdout).not.toContain("--format json liệt kê tất cả");
    const s = tdbv(["summarize", "fixtures/validate/lam-dong-2024-loi.csv", "--max-problems", "1", "--format", "json", "--lang", "en"]);
    expect(s.stderr).toContain("(see them all with --format json)");
    expect(JSON.parse(s.stdout).issues.length).toBeGreaterThan(1);
  });
});
