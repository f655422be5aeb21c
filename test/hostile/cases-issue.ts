// The hostile cases of issue 14, items 1 to 15: each is what the issue says the fixed tool must
// do. Many fail on the main of the day the corpus was written; see the report of that day.
import { execFileSync } from "node:child_process";
import { chmodSync, closeSync, copyFileSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, readSync, statSync, symlinkSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import type { Ctx, HostileCase, Run } from "./harness.js";
import { ROOT } from "../helpers.js";
import { HEADER, ROWS, csv, lines, oneCell, smallSheet, streamFile, xlsx, type XCell } from "./gen.js";

const SMALL = csv([HEADER, ...ROWS]);
const INF = /Infinity/;

/** The first group's figure in a JSON report on standard output. */
export function figure(run: Run, name: string, group = 0): unknown {
  try {
    return JSON.parse(run.stdout.toString("utf8")).groups[group]?.totals?.[name];
  } catch {
    return "(no JSON on stdout)";
  }
}
export const expectFigure = (name: string, value: unknown, group = 0) => (_: Ctx, run: Run) => {
  const got = figure(run, name, group);
  return got === value ? [] : [`${name} = ${String(got)}, expected ${String(value)}`];
};
const kind = (path: string) => {
  try {
    const st = lstatSync(path);
    return st.isSymbolicLink() ? "link" : st.isFIFO() ? "fifo" : st.isCharacterDevice() ? "device" : st.isDirectory() ? "dir" : "file";
  } catch {
    return "missing";
  }
};
const isKind = (rel: string, want: string) => (ctx: Ctx) => (kind(ctx.p(rel)) === want ? [] : [`${rel} is now a ${kind(ctx.p(rel))}, expected a ${want}`]);
const contains = (rel: string, text: string) => (ctx: Ctx) => {
  try {
    return readFileSync(ctx.p(rel), "utf8").includes(text) ? [] : [`${rel} lacks ${JSON.stringify(text)}`];
  } catch (e) {
    return [`${rel}: ${(e as Error).message}`];
  }
};
const all =
  (...checks: ((ctx: Ctx, run: Run) => string[])[]) =>
  (ctx: Ctx, run: Run) =>
    checks.flatMap((c) => c(ctx, run));
const monthly = (ctx: Ctx, folder: string, months: number, year = 2024) => {
  mkdirSync(ctx.p(folder), { recursive: true });
  for (let m = 1; m <= months; m++) ctx.write(`${folder}/${year}-${String(m).padStart(2, "0")}.csv`, SMALL);
};

// ---------------------------------------------------------------------------------------------
// 1. --output naming an input of the same run: refused before reading (exit 2, naming both).

const item1: HostileCase[] = [
  { name: "output is the input (same path)", item: 1, setup: (c) => void c.write("v.csv", SMALL), args: ["summarize", "v.csv", "--output", "v.csv"], exit: 2, stderr: "v.csv" },
  { name: "output is the input (./ prefix)", item: 1, setup: (c) => void c.write("v.csv", SMALL), args: ["summarize", "v.csv", "--output", "./v.csv"], exit: 2, stderr: "v.csv" },
  { name: "output is the input (absolute path)", item: 1, setup: (c) => void c.write("v.csv", SMALL), args: (c) => ["summarize", "v.csv", "--output", c.p("v.csv")], exit: 2, stderr: "v.csv" },
  { name: "output is the input (a/../ path)", item: 1, setup: (c) => { c.write("v.csv", SMALL); mkdirSync(c.p("a")); }, args: ["summarize", "v.csv", "--output", "a/../v.csv"], exit: 2, stderr: "v.csv" },
  {
    name: "output is a symlink to the input",
    item: 1,
    setup: (c) => { c.write("v.csv", SMALL); symlinkSync("v.csv", c.p("out.csv")); },
    args: ["summarize", "v.csv", "--output", "out.csv"],
    exit: 2,
    stderr: "v.csv",
  },
  {
    name: "input is a symlink to the output",
    item: 1,
    setup: (c) => { c.write("v.csv", SMALL); symlinkSync("v.csv", c.p("in.csv")); },
    args: ["summarize", "in.csv", "--output", "v.csv"],
    exit: 2,
    stderr: "v.csv",
  },
  {
    name: "output is a hard link of the input (same inode)",
    item: 1,
    setup: (c) => { c.write("v.csv", SMALL); linkSync(c.p("v.csv"), c.p("out.csv")); },
    args: ["summarize", "v.csv", "--output", "out.csv"],
    exit: 2,
    stderr: "v.csv",
  },
  {
    name: "output is a file of an input folder",
    item: 1,
    setup: (c) => monthly(c, "data", 3),
    args: ["summarize", "data/", "--output", "data/2024-02.csv"],
    exit: 2,
    stderr: "2024-02.csv",
  },
  {
    name: "output matches a quoted input pattern",
    item: 1,
    setup: (c) => monthly(c, "data", 3),
    args: ["summarize", "data/2024-*.csv", "--output", "data/2024-01.csv"],
    exit: 2,
    stderr: "2024-01.csv",
  },
  {
    name: "rollup {period} output over the monthly inputs (cron line)",
    item: 1,
    setup: (c) => monthly(c, "data", 6),
    args: ["rollup", "data/", "--every", "month", "--output", "data/{period}.csv"],
    exit: 2,
    stderr: "data/",
  },
  {
    name: "output is the --units register",
    item: 1,
    setup: (c) => { c.write("v.csv", SMALL); c.write("units.csv", csv([["province", "district", "commune", "unit_type"], ["Lâm Đồng", "Huyện Đức Trọng", "Xã Hiệp An", "xã"]])); },
    args: ["summarize", "v.csv", "--units", "units.csv", "--output", "units.csv"],
    exit: 2,
    stderr: "units.csv",
  },
  {
    name: "output is the --mapping file",
    item: 1,
    setup: (c) => { c.write("v.csv", SMALL); c.write("m.json", '{"tdbv_mapping":1,"columns":{}}'); },
    args: ["summarize", "v.csv", "--mapping", "m.json", "--output", "m.json"],
    exit: 2,
    stderr: "m.json",
  },
  {
    name: "inspect --save-mapping over the inspected file",
    item: 1,
    setup: (c) => void c.write("v.csv", SMALL),
    args: ["inspect", "v.csv", "--save-mapping", "v.csv"],
    exit: 2,
    stderr: "v.csv",
  },
  {
    name: "output is the input given as - on stdin (allowed: stdin is no file)",
    item: 1,
    setup: (c) => void c.write("v.csv", SMALL),
    stdin: { file: "v.csv" },
    args: ["summarize", "-", "--output", "r.csv", "-q"],
    outputs: ["r.csv"],
    exit: 0,
    check: contains("r.csv", "Lâm Đồng"),
  },
];

// ---------------------------------------------------------------------------------------------
// 2. --output onto what is not a plain regular file: never replaced.

const item2: HostileCase[] = [
  {
    name: "output is a device node (/dev/full twin)",
    item: 2,
    setup: (c) => { c.write("v.csv", SMALL); execFileSync("mknod", [c.p("full"), "c", "1", "7"]); },
    args: ["summarize", "v.csv", "--output", "full", "--format", "csv"],
    // written directly (ENOSPC: exit 4) or refused; the node stays a device
    exit: [2, 4],
    check: isKind("full", "device"),
  },
  {
    name: "output is a device node (/dev/null twin)",
    item: 2,
    setup: (c) => { c.write("v.csv", SMALL); execFileSync("mknod", [c.p("null"), "c", "1", "3"]); },
    args: ["summarize", "v.csv", "--output", "null", "--format", "csv"],
    exit: [0, 2, 4],
    check: isKind("null", "device"),
  },
  {
    name: "output is a FIFO with a reader",
    item: 2,
    setup: (c) => {
      c.write("v.csv", SMALL);
      execFileSync("mkfifo", [c.p("out.csv")]);
      c.background(`exec cat out.csv > ${JSON.stringify(join(c.scratch, "fifo-read"))}`);
    },
    args: ["summarize", "v.csv", "--output", "out.csv", "--format", "csv"],
    exit: [0, 2, 4],
    check: isKind("out.csv", "fifo"),
  },
  {
    name: "output is a symlink to a report: target rewritten, link kept",
    item: 2,
    setup: (c) => {
      c.write("v.csv", SMALL);
      mkdirSync(c.p("reports"));
      c.write("reports/real.csv", "old report\n");
      symlinkSync("reports/real.csv", c.p("latest.csv"));
    },
    args: ["summarize", "v.csv", "--output", "latest.csv", "-q"],
    outputs: ["reports/real.csv"],
    exit: 0,
    check: all(isKind("latest.csv", "link"), contains("reports/real.csv", "Lâm Đồng"), (c) => (readlinkSync(c.p("latest.csv")) === "reports/real.csv" ? [] : ["the link was changed"])),
  },
  {
    name: "output is a dangling symlink: target created, link kept",
    item: 2,
    setup: (c) => {
      c.write("v.csv", SMALL);
      mkdirSync(c.p("reports"));
      symlinkSync("reports/new.csv", c.p("latest.csv"));
    },
    args: ["summarize", "v.csv", "--output", "latest.csv", "-q"],
    outputs: ["reports/new.csv"],
    exit: [0, 4],
    check: isKind("latest.csv", "link"),
  },
  {
    name: "output is /proc/self/fd/1 (stdout to a file)",
    item: 2,
    setup: (c) => void c.write("v.csv", SMALL),
    args: ["summarize", "v.csv", "--output", "/proc/self/fd/1", "--format", "csv", "-q"],
    exit: [0, 2, 4],
  },
  {
    name: "existing report keeps its mode",
    item: 2,
    setup: (c) => {
      c.write("v.csv", SMALL);
      c.write("r.csv", "old\n");
      chmodSync(c.p("r.csv"), 0o640);
    },
    args: ["summarize", "v.csv", "--output", "r.csv", "-q"],
    outputs: ["r.csv"],
    exit: 0,
    check: (c) => {
      const mode = statSync(c.p("r.csv")).mode & 0o777;
      return mode === 0o640 ? [] : [`r.csv mode is ${mode.toString(8)}, was 640`];
    },
  },
  {
    name: "existing report keeps its owner",
    item: 2,
    setup: (c) => {
      c.write("v.csv", SMALL);
      c.write("r.csv", "old\n");
      execFileSync("chown", ["1234:1234", c.p("r.csv")]);
    },
    args: ["summarize", "v.csv", "--output", "r.csv", "-q"],
    outputs: ["r.csv"],
    exit: 0,
    check: (c) => {
      const st = statSync(c.p("r.csv"));
      return st.uid === 1234 && st.gid === 1234 ? [] : [`r.csv owner is ${st.uid}:${st.gid}, was 1234:1234`];
    },
  },
  {
    name: "output is an existing folder",
    item: 2,
    setup: (c) => { c.write("v.csv", SMALL); mkdirSync(c.p("r.csv")); c.write("r.csv/keep.txt", "keep"); },
    args: ["summarize", "v.csv", "--output", "r.csv"],
    exit: [2, 4],
    check: isKind("r.csv", "dir"),
  },
];

// ---------------------------------------------------------------------------------------------
// 3. rollup --output "{period}": all or nothing.

const item3: HostileCase[] = [
  {
    name: "rollup: 5th of 12 outputs unwritable, old 11 untouched",
    item: 3,
    setup: (c) => {
      monthly(c, "data", 12);
      mkdirSync(c.p("reports"));
      for (let m = 1; m <= 12; m++) {
        const p = `reports/2024-${String(m).padStart(2, "0")}.csv`;
        if (m === 5) mkdirSync(c.p(p));
        else c.write(p, `old report ${m}\n`);
      }
    },
    args: ["rollup", "data/", "--every", "month", "--output", "reports/{period}.csv", "-q"],
    exit: 4,
  },
  {
    name: "rollup: missing output folder for some periods, nothing written",
    item: 3,
    setup: (c) => {
      monthly(c, "data", 3);
      monthly(c, "data", 2, 2023);
      mkdirSync(c.p("reports/2024"), { recursive: true });
    },
    // {period} = 2023-01 goes to reports/2023-01/…: a folder that does not exist
    args: ["rollup", "data/", "--every", "month", "--output", "reports/{period}/r.csv", "-q"],
    exit: 4,
  },
  {
    name: "rollup: all outputs writable, all written",
    item: 3,
    setup: (c) => { monthly(c, "data", 3); mkdirSync(c.p("reports")); },
    args: ["rollup", "data/", "--every", "month", "--output", "reports/{period}.csv", "-q"],
    outputs: ["reports/2024-01.csv", "reports/2024-02.csv", "reports/2024-03.csv"],
    exit: 0,
    check: all(contains("reports/2024-01.csv", "Lâm Đồng"), contains("reports/2024-03.csv", "Lâm Đồng")),
  },
];

// ---------------------------------------------------------------------------------------------
// 4. --output - is standard output.

const item4: HostileCase[] = [
  { name: "--output - writes to stdout", item: 4, setup: (c) => void c.write("v.csv", SMALL), args: ["summarize", "v.csv", "--output", "-", "--format", "csv", "-q"], exit: 0, stdout: "Lâm Đồng" },
  { name: "-o - with json", item: 4, setup: (c) => void c.write("v.csv", SMALL), args: ["summarize", "v.csv", "-o", "-", "--format", "json", "-q"], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "rollup --output - writes to stdout", item: 4, setup: (c) => monthly(c, "data", 2), args: ["rollup", "data/", "--every", "month", "--output", "-", "--format", "csv", "-q"], exit: 0, stdout: "2024-02" },
];

// ---------------------------------------------------------------------------------------------
// 5. Very many problems: exact counts, listing capped, no stack overflow.

const bad = () => (i: number) => `Lâm Đồng,Huyện ${i % 40},Xã ${i},x${i}\n`;
const item5: HostileCase[] = [
  {
    name: "130,000 invalid numbers (summarize)",
    item: 5,
    setup: (c) => streamFile(c.p("bad.csv"), ["province,district,commune,cases_total\n", ...lines(130_000, bad())]),
    args: ["summarize", "bad.csv"],
    exit: 1,
    stderr: /130[.,\u00a0 ]?000 lỗi/,
  },
  {
    name: "130,000 invalid numbers (validate --format json)",
    item: 5,
    setup: (c) => streamFile(c.p("bad.csv"), ["province,district,commune,cases_total\n", ...lines(130_000, bad())]),
    shell: "$TDBV validate bad.csv --format json > p.json",
    outputs: ["p.json"],
    exit: 1,
    check: (c) => {
      try {
        const doc = JSON.parse(readFileSync(c.p("p.json"), "utf8"));
        const n = (doc.issues ?? doc.problems ?? []).length;
        return n === 130_000 ? [] : [`p.json lists ${n} problems, expected 130000`];
      } catch (e) {
        return [`p.json: ${(e as Error).message.slice(0, 80)}`];
      }
    },
  },
  {
    name: "200,000 rows with a bad certified mark",
    item: 5,
    setup: (c) => streamFile(c.p("cert.csv"), ["province,district,commune,certified,cases_total\n", ...lines(200_000, (i) => `Lâm Đồng,Huyện ${i % 40},Xã ${i},maybe,1\n`)]),
    args: ["summarize", "cert.csv", "--max-problems", "5"],
    exit: 1,
    stderr: /200[.,\u00a0 ]?000 lỗi/,
  },
  {
    name: "a CSV of 200,000 columns",
    item: 5,
    setup: (c) => {
      const extra = Array.from({ length: 199_997 }, (_, i) => `c${i}`);
      return streamFile(c.p("wide.csv"), [`province,commune,cases_total,${extra.join(",")}\n`, `Lâm Đồng,Xã Lát,5,${extra.map(() => "1").join(",")}\n`]);
    },
    args: ["summarize", "wide.csv", "--format", "json"],
    exit: [0, 1],
    maxStderrBytes: 256 << 10,
  },
  {
    name: "a million bad cells: exact count, listing capped",
    item: 5,
    setup: (c) => streamFile(c.p("m.csv"), ["province,commune,cases_total,cases_solved,meetings,cameras\n", ...lines(250_000, (i) => `Lâm Đồng,Xã ${i},a,b,c,d\n`)]),
    args: ["summarize", "m.csv", "--max-problems", "10"],
    exit: 1,
    stderr: /1[.,\u00a0 ]?000[.,\u00a0 ]?000 lỗi/,
    maxStderrBytes: 64 << 10,
    timeoutMs: 90_000,
  },
];

// ---------------------------------------------------------------------------------------------
// 6. Large reports.

const item6: HostileCase[] = [
  {
    name: "200,000 groups --by commune --format json to a file",
    item: 6,
    setup: (c) => streamFile(c.p("big.csv"), ["province,district,commune,cases_total,cases_solved\n", ...lines(200_000, (i) => `Lâm Đồng,Huyện ${i % 97},Xã ${i},${(i % 50) + 7},${i % 7}\n`)]),
    args: ["summarize", "big.csv", "--by", "commune", "--format", "json", "--output", "m.json", "-q"],
    outputs: ["m.json"],
    exit: 0,
    maxRssMb: 3072,
    timeoutMs: 120_000,
    check: (c) => {
      const size = statSync(c.p("m.json")).size;
      if (size < 1000) return [`m.json is ${size} bytes`];
      const fd = openSync(c.p("m.json"), "r");
      const tail = Buffer.alloc(64);
      readSync(fd, tail, 0, 64, size - 64);
      closeSync(fd);
      return /}\s*$/.test(tail.toString()) ? [] : ["m.json does not end as a JSON document"];
    },
  },
  {
    name: "30,000 groups to an xlsx report",
    item: 6,
    setup: (c) => streamFile(c.p("big.csv"), ["province,district,commune,cases_total,cases_solved\n", ...lines(30_000, (i) => `Lâm Đồng,Huyện ${i % 97},Xã ${i},${(i % 50) + 7},${i % 7}\n`)]),
    args: ["summarize", "big.csv", "--by", "commune", "--output", "m.xlsx", "-q"],
    outputs: ["m.xlsx"],
    exit: 0,
    maxRssMb: 2048,
    timeoutMs: 90_000,
  },
];

// ---------------------------------------------------------------------------------------------
// 7. Links in an input folder.

const item7: HostileCase[] = [
  {
    name: "dangling symlink in an input folder",
    item: 7,
    setup: (c) => { monthly(c, "data", 2); symlinkSync("gone.csv", c.p("data/2024-03.csv")); },
    args: ["summarize", "data/", "--period", "2024"],
    exit: 3,
    stderr: "2024-03.csv",
  },
  {
    name: "symlink loop in an input folder",
    item: 7,
    setup: (c) => { monthly(c, "data", 2); symlinkSync("loop.csv", c.p("data/loop.csv")); },
    args: ["summarize", "data/", "--period", "2024"],
    exit: 3,
    stderr: "loop.csv",
  },
  {
    name: "two-link cycle in an input folder",
    item: 7,
    setup: (c) => { monthly(c, "data", 2); symlinkSync("b.csv", c.p("data/a.csv")); symlinkSync("a.csv", c.p("data/b.csv")); },
    args: ["validate", "data/", "--period", "2024"],
    exit: 3,
    stderr: "a.csv",
  },
  {
    name: "dangling symlink given as the input",
    item: 7,
    setup: (c) => void symlinkSync("gone.csv", c.p("in.csv")),
    args: ["summarize", "in.csv"],
    exit: 3,
    stderr: "in.csv",
  },
  {
    name: "symlinked folder loop inside an input folder",
    item: 7,
    setup: (c) => { monthly(c, "data", 2); symlinkSync(".", c.p("data/self")); },
    args: ["summarize", "data/", "--format", "json", "-q"],
    exit: [0, 3],
  },
];

// ---------------------------------------------------------------------------------------------
// 8. Every file read besides the data has a size limit.

const item8: HostileCase[] = [
  { name: "--mapping /dev/zero", item: 8, setup: (c) => void c.write("v.csv", SMALL), args: ["summarize", "v.csv", "--mapping", "/dev/zero"], exit: 3, stderr: "/dev/zero", timeoutMs: 30_000 },
  { name: "--mapping /dev/urandom", item: 8, setup: (c) => void c.write("v.csv", SMALL), args: ["summarize", "v.csv", "--mapping", "/dev/urandom"], exit: 3, timeoutMs: 30_000 },
  {
    name: "--mapping of 300 MB",
    item: 8,
    setup: (c) => { c.write("v.csv", SMALL); return streamFile(c.p("map.json"), ['{"tdbv_mapping":1,"columns":{', ...lines(300, () => `"${"x".repeat(1 << 20)}":null,`), '"a":null}}']); },
    args: ["summarize", "v.csv", "--mapping", "map.json"],
    exit: 3,
    stderr: "map.json",
  },
  { name: "--units /dev/zero", item: 8, setup: (c) => void c.write("v.csv", SMALL), args: ["summarize", "v.csv", "--units", "/dev/zero"], exit: 3, timeoutMs: 30_000 },
  { name: "--baseline /dev/zero", item: 8, setup: (c) => void c.write("v.csv", SMALL), args: ["validate", "v.csv", "--baseline", "/dev/zero"], exit: 3, timeoutMs: 30_000 },
  {
    name: "--mapping is a FIFO that never ends",
    item: 8,
    setup: (c) => { c.write("v.csv", SMALL); execFileSync("mkfifo", [c.p("map.json")]); c.background("exec cat /dev/zero > map.json"); },
    args: ["summarize", "v.csv", "--mapping", "map.json"],
    exit: 3,
    timeoutMs: 30_000,
  },
];

// ---------------------------------------------------------------------------------------------
// 9. A 200 MB line without a newline: short, marked excerpts in every message.

const hugeLine = (c: Ctx) => streamFile(c.p("line.csv"), lines(200, () => "A".repeat(1 << 20)));
const item9: HostileCase[] = [
  { name: "200 MB line without newline (summarize)", item: 9, setup: hugeLine, args: ["summarize", "line.csv"], exit: [1, 3], maxRssMb: 2560, timeoutMs: 90_000, maxStderrBytes: 64 << 10 },
  {
    name: "200 MB line without newline (validate json)",
    item: 9,
    setup: hugeLine,
    args: ["validate", "line.csv", "--format", "json"],
    exit: [1, 3],
    maxRssMb: 2560,
    timeoutMs: 90_000,
    maxStderrBytes: 64 << 10,
    check: (_, run) => (run.stdoutBytes > 1 << 20 ? [`stdout is ${run.stdoutBytes} bytes`] : []),
  },
  {
    name: "1 MB header cell: message quotes an excerpt",
    item: 9,
    setup: (c) => void c.write("h.csv", `${"Tỉnh".repeat(250_000)}\nLâm Đồng\n`),
    args: ["validate", "h.csv", "--format", "csv"],
    exit: [1, 3],
    maxStderrBytes: 16 << 10,
    check: (_, run) => (run.stdoutBytes > 64 << 10 ? [`stdout is ${run.stdoutBytes} bytes`] : []),
  },
  {
    name: "1 MB number cell: error quotes an excerpt",
    item: 9,
    setup: (c) => void c.write("v.csv", oneCell("cases_total", "9".repeat(10) + "x".repeat(1 << 20))),
    args: ["summarize", "v.csv"],
    exit: 1,
    maxStderrBytes: 16 << 10,
  },
];

// ---------------------------------------------------------------------------------------------
// 10. Figures that cannot be held exactly are errors naming the cell, never Infinity.

const digits400 = "9".repeat(400);
const item10: HostileCase[] = [
  { name: "400-digit count (csv)", item: 10, setup: (c) => void c.write("v.csv", oneCell("cases_total", digits400)), args: ["summarize", "v.csv", "--format", "csv"], exit: 1, stderr: ":2 cases_total", never: [INF] },
  { name: "400-digit count --allow-errors (md)", item: 10, setup: (c) => void c.write("v.csv", withRow(digits400)), args: ["summarize", "v.csv", "--format", "md", "--allow-errors"], exit: 1, stderr: ":3 cases_total", never: [INF] },
  {
    name: "400-digit count --allow-errors (json)",
    item: 10,
    setup: (c) => void c.write("v.csv", withRow(digits400)),
    args: ["summarize", "v.csv", "--format", "json", "--allow-errors"],
    exit: 1,
    never: [INF, /"complete": true/],
    check: expectFigure("cases_total", 5),
  },
  { name: "400-digit count --allow-errors (text)", item: 10, setup: (c) => void c.write("v.csv", withRow(digits400)), args: ["summarize", "v.csv", "--format", "text", "--allow-errors"], exit: 1, never: [INF] },
  { name: "400-digit count --allow-errors (xlsx)", item: 10, setup: (c) => void c.write("v.csv", withRow(digits400)), args: ["summarize", "v.csv", "--output", "r.xlsx", "--allow-errors"], outputs: ["r.xlsx"], exit: 1, stderr: ":3 cases_total" },
  { name: "400-digit count with thousands dots", item: 10, setup: (c) => void c.write("v.csv", oneCell("cases_total", "999." .repeat(133) + "999")), args: ["summarize", "v.csv", "--format", "csv"], exit: 1, never: [INF] },
  { name: "count 2^53+1 (9007199254740993)", item: 10, setup: (c) => void c.write("v.csv", oneCell("cases_total", "9007199254740993")), args: ["summarize", "v.csv", "--format", "csv"], exit: 1, stderr: "cases_total", never: ["9007199254740992"] },
  {
    name: "sum above 2^53 (2^53-1 + 2)",
    item: 10,
    setup: (c) => void c.write("v.csv", csv([["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", "9007199254740991"], ["Lâm Đồng", "Xã B", "2"]])),
    args: ["summarize", "v.csv", "--format", "csv"],
    exit: 1,
    never: ["9007199254740992", "9007199254740994"],
  },
  {
    name: "below the limit: 999,999,999 x 3 summed exactly",
    item: 10,
    setup: (c) => void c.write("v.csv", csv([["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", "999999999"], ["Lâm Đồng", "Xã B", "999.999.999"], ["Lâm Đồng", "Xã C", "999,999,999"]])),
    args: ["summarize", "v.csv", "--format", "json", "-q"],
    exit: 0,
    check: expectFigure("cases_total", 2_999_999_997),
  },
  {
    name: "xlsx: two cells of 1e308",
    item: 10,
    setup: (c) => void c.write("v.xlsx", xlsx([smallSheet("S", [["province", "commune", "meeting_attendees"], ["Lâm Đồng", "Xã A", 1e308], ["Lâm Đồng", "Xã B", 1e308]])])),
    args: ["summarize", "v.xlsx", "--format", "csv"],
    exit: 1,
    never: [INF],
  },
  {
    name: "xlsx: two 1e308 kilograms --allow-errors",
    item: 10,
    setup: (c) => void c.write("v.xlsx", xlsx([smallSheet("S", [["province", "commune", "explosives_kg"], ["Lâm Đồng", "Xã A", 1e308], ["Lâm Đồng", "Xã B", 1e308]])])),
    args: ["summarize", "v.xlsx", "--format", "json", "--allow-errors"],
    exit: 1,
    never: [INF, /"complete": true/],
  },
  {
    name: "xlsx: count 2^53+2 in a number cell",
    item: 10,
    setup: (c) => void c.write("v.xlsx", xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", 9007199254740994]])])),
    args: ["summarize", "v.xlsx", "--format", "csv"],
    exit: 1,
    stderr: "cases_total",
  },
  { name: "count 1e400 written out as text", item: 10, setup: (c) => void c.write("v.csv", oneCell("cases_total", "1" + "0".repeat(400))), args: ["summarize", "v.csv", "--format", "json"], exit: 1, never: [INF] },
];
function withRow(value: string) {
  return csv([["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", "5"], ["Lâm Đồng", "Xã B", value]]);
}

// ---------------------------------------------------------------------------------------------
// 11–13. Workbooks: formulas without values, hidden sheets, a merged header at A1.

const formulaBook = () =>
  xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", 20], ["Lâm Đồng", "Xã B", { f: "5+5" }]])]);
const item11: HostileCase[] = [
  { name: "formula without cached value, validate --strict", item: 11, setup: (c) => void c.write("f.xlsx", formulaBook()), args: ["validate", "f.xlsx", "--strict", "--format", "csv"], exit: 1, stdout: "C3" },
  { name: "formula without cached value, summarize names it", item: 11, setup: (c) => void c.write("f.xlsx", formulaBook()), args: ["summarize", "f.xlsx", "--format", "csv"], exit: [0, 1], stderr: "C3" },
  { name: "formula without cached value (named in a problem)", item: 11, setup: (c) => void c.write("f.xlsx", formulaBook()), args: ["validate", "f.xlsx", "--format", "csv"], exit: [0, 1], stdout: "C3" },
  {
    name: "formula with cached value is read",
    item: 11,
    setup: (c) => void c.write("f.xlsx", xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", 20], ["Lâm Đồng", "Xã B", { f: "5+5", v: 10 }]])])),
    args: ["summarize", "f.xlsx", "--format", "json", "-q"],
    exit: 0,
    check: expectFigure("cases_total", 30),
  },
];

const hiddenBook = (state: "hidden" | "veryHidden") =>
  xlsx([
    smallSheet("Cũ", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", 999]]),
    smallSheet("Báo cáo", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", 5]]),
  ].map((s, i) => (i === 0 ? { ...s, state } : s)));
const item12: HostileCase[] = [
  { name: "hidden sheet before the visible one", item: 12, setup: (c) => void c.write("h.xlsx", hiddenBook("hidden")), args: ["summarize", "h.xlsx", "--format", "json", "-q"], exit: 0, check: expectFigure("cases_total", 5) },
  { name: "very hidden sheet before the visible one", item: 12, setup: (c) => void c.write("h.xlsx", hiddenBook("veryHidden")), args: ["summarize", "h.xlsx", "--format", "json", "-q"], exit: 0, check: expectFigure("cases_total", 5) },
  { name: "--sheet names the hidden sheet", item: 12, setup: (c) => void c.write("h.xlsx", hiddenBook("hidden")), args: ["summarize", "h.xlsx", "--sheet", "Cũ", "--format", "json", "-q"], exit: 0, check: expectFigure("cases_total", 999) },
  { name: "inspect says which sheets are hidden", item: 12, setup: (c) => void c.write("h.xlsx", hiddenBook("hidden")), args: ["inspect", "h.xlsx", "--format", "json"], exit: 0, stdout: /hidden/i },
];

const mergedHeader = (top: number): XCell[][] => {
  const pad: XCell[][] = Array.from({ length: top }, () => ["BÁO CÁO KẾT QUẢ"]);
  return [
    ...pad,
    ["Tỉnh", "Xã", "Vụ phạm tội về TTXH", null, "Khu dân cư", null],
    [null, null, "Xảy ra", "Làm rõ", "Tổng số", "Đạt chuẩn"],
    ["Lâm Đồng", "Xã A", 10, 4, 8, 7],
    ["Lâm Đồng", "Xã B", 20, 6, 9, 9],
  ];
};
const mergesAt = (r: number) => [`A${r}:A${r + 1}`, `B${r}:B${r + 1}`, `C${r}:D${r}`, `E${r}:F${r}`];
const item13: HostileCase[] = [
  {
    name: "two-row merged header at A1",
    item: 13,
    setup: (c) => void c.write("m.xlsx", xlsx([{ name: "S", rows: mergedHeader(0), merges: mergesAt(1) }])),
    args: ["summarize", "m.xlsx", "--format", "json", "-q"],
    exit: 0,
    check: all(expectFigure("cases_total", 30), expectFigure("cases_solved", 10), expectFigure("residential_areas_certified", 16)),
  },
  {
    name: "two-row merged header one row lower",
    item: 13,
    setup: (c) => void c.write("m.xlsx", xlsx([{ name: "S", rows: mergedHeader(1), merges: mergesAt(2) }])),
    args: ["summarize", "m.xlsx", "--format", "json", "-q"],
    exit: 0,
    check: all(expectFigure("cases_total", 30), expectFigure("cases_solved", 10)),
  },
  {
    name: "two-row header at row 1 of a CSV",
    item: 13,
    setup: (c) => void c.write("m.csv", csv(mergedHeader(0))),
    args: ["summarize", "m.csv", "--format", "json", "-q"],
    exit: 0,
    check: expectFigure("cases_total", 30),
  },
];

// ---------------------------------------------------------------------------------------------
// 14. Control characters in names.

const nulAfter8k = () => {
  const rows = [["province", "district", "commune", "cases_total"]];
  for (let i = 0; i < 300; i++) rows.push(["Lâm Đồng", "Huyện A", `Xã ${i}`, "1"]);
  rows.push(["Lâm Đồng", "Huyện A", "Xã\u0000Lát", "1"]);
  return csv(rows);
};
const noNul = (_: Ctx, run: Run) => (run.stdout.includes(0) ? ["stdout holds a NUL byte"] : []);
const item14: HostileCase[] = [
  { name: "NUL byte after 8 KB in a commune name", item: 14, setup: (c) => void c.write("n.csv", nulAfter8k()), args: ["summarize", "n.csv", "--by", "commune", "--format", "csv", "--allow-errors"], exit: [0, 1], stderr: ":302", check: noNul },
  { name: "NUL byte in a name, json", item: 14, setup: (c) => void c.write("n.csv", nulAfter8k()), args: ["summarize", "n.csv", "--by", "commune", "--format", "json", "--allow-errors"], exit: [0, 1], never: ["\\u0000"], check: noNul },
  {
    name: "escape sequence in a commune name",
    item: 14,
    setup: (c) => void c.write("e.csv", csv([["province", "commune", "cases_total"], ["Lâm Đồng", "Xã \u001b[2J\u001b[31mLát", "1"]])),
    args: ["summarize", "e.csv", "--by", "commune", "--format", "csv", "--allow-errors"],
    exit: [0, 1],
    never: ["\u001b"],
  },
];

// ---------------------------------------------------------------------------------------------
// 15. Explicit encodings win; any readable stream is read as a stream.

const utf16 = (c: Ctx) => void c.write("u.txt", Buffer.from(csv([HEADER, ...ROWS], { delimiter: "\t" }), "utf16le"));
const item15: HostileCase[] = [
  { name: "UTF-16LE without BOM, --encoding utf-16le", item: 15, setup: utf16, args: ["summarize", "u.txt", "--encoding", "utf-16le", "--format", "json", "-q"], exit: 0, check: expectFigure("cases_total", 60) },
  {
    name: "UTF-16BE without BOM, --encoding utf-16be",
    item: 15,
    setup: (c) => void c.write("u.txt", Buffer.from(csv([HEADER, ...ROWS]), "utf16le").swap16()),
    args: ["summarize", "u.txt", "--encoding", "utf-16be", "--format", "json", "-q"],
    exit: 0,
    check: expectFigure("cases_total", 60),
  },
  {
    name: "a named pipe as input",
    item: 15,
    setup: (c) => { c.write("src.csv", SMALL); execFileSync("mkfifo", [c.p("in.csv")]); c.background("exec cat src.csv > in.csv"); },
    args: ["summarize", "in.csv", "--format", "json", "-q"],
    exit: 0,
    check: expectFigure("cases_total", 60),
  },
  { name: "/dev/stdin on a pipe", item: 15, setup: (c) => void c.write("src.csv", SMALL), shell: "cat src.csv | $TDBV summarize /dev/stdin --format json -q", exit: 0, check: expectFigure("cases_total", 60) },
  { name: "process substitution <(zcat f.gz)", item: 15, setup: (c) => void c.write("f.csv.gz", gzipSync(SMALL)), shell: "$TDBV summarize <(zcat f.csv.gz) --format json -q", exit: 0, check: expectFigure("cases_total", 60) },
  { name: "/dev/stdin redirected from a file", item: 15, setup: (c) => void c.write("src.csv", SMALL), shell: "$TDBV summarize /dev/stdin --format json -q < src.csv", exit: 0, check: expectFigure("cases_total", 60) },
  { name: "/dev/fd/3 on a pipe", item: 15, setup: (c) => void c.write("src.csv", SMALL), shell: "$TDBV summarize /dev/fd/3 --format json -q 3< <(cat src.csv)", exit: 0, check: expectFigure("cases_total", 60) },
  { name: "--mapping from process substitution", item: 15, setup: (c) => { c.write("src.csv", SMALL); c.write("m.json", '{"tdbv_mapping":1,"columns":{}}'); }, shell: "$TDBV summarize src.csv --mapping <(cat m.json) --format json -q", exit: 0, check: expectFigure("cases_total", 60) },
  {
    name: "Windows-1258 file with --encoding windows-1258",
    item: 15,
    setup: (c) => void copyFileSync(join(ROOT, "fixtures/layouts/lam-dong-2024-bieu-mau-cp1258.csv"), c.p("cp.csv")),
    args: ["summarize", "cp.csv", "--encoding", "windows-1258", "--province", "Lâm Đồng", "--format", "json", "-q"],
    exit: 0,
    check: expectFigure("cases_total", 1173),
  },
];

export const ISSUE_CASES: HostileCase[] = [...item1, ...item2, ...item3, ...item4, ...item5, ...item6, ...item7, ...item8, ...item9, ...item10, ...item11, ...item12, ...item13, ...item14, ...item15];
