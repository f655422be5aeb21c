#!/usr/bin/env node
// The benchmark of issue 6 (`npm run bench`). See bench/README.md.
//
//   node bench/run.mjs [--sizes 10k,100k,1M] [--vi-sizes 100k|none] [--runs N] [--quick]
//                      [--label NAME] [--date TEXT] [--note TEXT] [--timeout SECONDS]
//                      [--startup-runs N] [--no-duckdb] [--no-miller] [--tdbv PATH]
//
// Generates (once, cached in bench/data/) commune-month tally files with bench/generate.mjs,
// then times, on each, `tdbv summarize FILE --format csv`, `tdbv rollup FILE --every year
// --format csv`, the floor (reading the file and counting lines), and when installed DuckDB and
// Miller doing the same group sums by province. Each job runs as a child process; the figure is
// the median wall time of N runs, with the child's peak RSS. The totals each tool prints are
// checked against those the generator computed. Prints a table and writes it, with the machine
// description, to bench/results/<label>.md.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { CHECKED, DECIMAL_COLUMNS, TALLY_COLUMNS, GENERATOR_VERSION, generatorHash } from "./generate.mjs";
import { resolveDuckdb } from "./lib/duckdb-job.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BENCH = join(ROOT, "bench");
const NODE = process.execPath;

// --- options ---------------------------------------------------------------------------------

function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`not a size: ${s} (expected e.g. 10k, 100k, 1M, 300)`);
  return Math.round(Number(m[1]) * (m[2] === "" ? 1 : /k/i.test(m[2]) ? 1e3 : 1e6));
}

function sizeLabel(n) {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

const HELP = `usage: node bench/run.mjs [options]
  --sizes LIST        row counts of the plain files (default 10k,100k,1M)
  --vi-sizes LIST     row counts of the ';' + Vietnamese-number variant (default 100k; none)
  --runs N            runs per job (default 5, 3 for files of 1M rows or more)
  --quick             10k and 100k only, 2 runs, 10 start-up runs
  --label NAME        results file bench/results/NAME.md (default: latest)
  --date TEXT         a date to print in the results (none by default: no timestamps)
  --note TEXT         a paragraph to add to the results
  --timeout SECONDS   kill a run after this long (default 600); the job is not run again
  --startup-runs N    runs of the 300-row start-up test (default 20)
  --no-duckdb, --no-miller   leave a comparison out
  --tdbv PATH         the tdbv entry point to time (default bin/tdbv)
  --no-write          print only
Environment: BENCH_DEPS=DIR loads @duckdb/node-api from DIR/node_modules.`;

function parseArgs(argv) {
  const o = {
    sizes: null, viSizes: null, runs: null, quick: false, label: "latest", date: null, note: null,
    timeout: 600, startupRuns: null, duckdb: true, miller: true, tdbv: join(ROOT, "bin", "tdbv"), write: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    const list = (s) => (s === "none" || s === "" ? [] : s.split(",").map(parseSize));
    if (a === "--sizes") o.sizes = list(val());
    else if (a === "--vi-sizes") o.viSizes = list(val());
    else if (a === "--runs") o.runs = Math.max(1, Number.parseInt(val(), 10));
    else if (a === "--quick") o.quick = true;
    else if (a === "--label") o.label = val().replace(/[^\p{L}\p{N}._-]+/gu, "-");
    else if (a === "--date") o.date = val();
    else if (a === "--note") o.note = val();
    else if (a === "--timeout") o.timeout = Number(val());
    else if (a === "--startup-runs") o.startupRuns = Math.max(1, Number.parseInt(val(), 10));
    else if (a === "--no-duckdb") o.duckdb = false;
    else if (a === "--no-miller") o.miller = false;
    else if (a === "--tdbv") o.tdbv = val();
    else if (a === "--no-write") o.write = false;
    else if (a === "-h" || a === "--help") {
      process.stdout.write(HELP + "\n");
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${HELP}`);
  }
  o.sizes ??= o.quick ? [1e4, 1e5] : [1e4, 1e5, 1e6];
  o.viSizes ??= [1e5];
  o.startupRuns ??= o.quick ? 10 : 20;
  o.runsFor = (rows) => o.runs ?? (o.quick ? 2 : rows >= 1e6 ? 3 : 5);
  return o;
}

// --- running a child and measuring it ----------------------------------------------------------

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  return r.status === 0 ? (r.stdout || r.stderr).trim() : null;
}

// BENCH_TIME=none tries the fallback (bench/lib/maxrss.mjs) on a machine that has /usr/bin/time.
const TIME = process.env.BENCH_TIME !== "none" && existsSync("/usr/bin/time") && spawnSync("/usr/bin/time", ["-f", "%M", "true"], { encoding: "utf8" }).status === 0 ? "/usr/bin/time" : null;
const RSS_PRELOAD = join(BENCH, "lib", "maxrss.mjs");
const SCRATCH = join(tmpdir(), `tdbv-bench-${process.pid}`);
mkdirSync(SCRATCH, { recursive: true });
process.on("exit", () => rmSync(SCRATCH, { recursive: true, force: true }));

/**
 * One run: wall time (ms) from spawn to exit, peak RSS (KB) of the child, its exit status and
 * output. Peak RSS from /usr/bin/time -f %M; without it, node children are started with
 * bench/lib/maxrss.mjs preloaded (others get no figure).
 */
let runCounter = 0;
function runOnce(cmd, args, { timeoutMs, node = false }) {
  const rssFile = join(SCRATCH, `rss-${++runCounter}`);
  let file = cmd;
  let argv = args;
  const env = { ...process.env };
  if (TIME) {
    file = TIME;
    argv = ["-f", "%M", "-o", rssFile, cmd, ...args];
  } else if (node) {
    argv = ["--import", new URL(`file://${RSS_PRELOAD}`).href, ...args];
    env.BENCH_RSS_FILE = rssFile;
  }
  return new Promise((resolve) => {
    const out = [];
    const err = [];
    let outBytes = 0;
    const t0 = process.hrtime.bigint();
    const child = spawn(file, argv, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.stdout.on("data", (d) => {
      outBytes += d.length;
      if (outBytes < 64 << 20) out.push(d);
    });
    child.stderr.on("data", (d) => err.push(d));
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ ms: NaN, rssKb: null, status: -1, stdout: "", stderr: String(e.message), timedOut: false });
    });
    child.on("close", (status, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      clearTimeout(timer);
      let rssKb = null;
      try {
        const text = readFileSync(rssFile, "utf8").trim();
        const last = text.split("\n").pop();
        if (/^\d+$/.test(last)) rssKb = Number(last);
        rmSync(rssFile, { force: true });
      } catch {
        // no figure
      }
      let stderr = Buffer.concat(err).toString("utf8");
      if (TIME) stderr = stderr.replace(/^Command (exited with non-zero status|terminated by signal) \d+\n?/m, "");
      resolve({ ms, rssKb, status: status ?? (signal ? 128 : -1), signal, stdout: Buffer.concat(out).toString("utf8"), stderr, timedOut });
    });
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function log(msg) {
  process.stderr.write(msg + "\n");
}

/** Runs a job N times (stopping at the first failure or timeout). */
async function measure(name, cmd, args, { runs, timeoutMs, node, okStatus = [0] }) {
  const times = [];
  const rss = [];
  let last = null;
  let failure = null;
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(cmd, args, { timeoutMs, node });
    last = r;
    if (r.timedOut) {
      failure = `killed after ${Math.round(timeoutMs / 1000)} s`;
      break;
    }
    if (!okStatus.includes(r.status)) {
      const why = r.stderr.trim().split("\n").slice(0, 3).join(" / ").slice(0, 300);
      failure = `exit ${r.status}${r.signal ? ` (${r.signal})` : ""}: ${why}`;
      break;
    }
    times.push(r.ms);
    if (r.rssKb !== null) rss.push(r.rssKb);
    log(`  ${name}: run ${i + 1}/${runs} ${(r.ms / 1000).toFixed(3)} s${r.rssKb !== null ? `, ${(r.rssKb / 1024).toFixed(0)} MB` : ""}`);
  }
  if (failure) log(`  ${name}: ${failure}`);
  return {
    name,
    runs: times.length,
    ms: times.length ? median(times) : null,
    minMs: times.length ? Math.min(...times) : null,
    maxMs: times.length ? Math.max(...times) : null,
    rssKb: rss.length ? Math.max(...rss) : null,
    failure,
    status: last?.status ?? null,
    stdout: last?.stdout ?? "",
    stderr: last?.stderr ?? "",
  };
}

// --- checking the totals each tool printed ------------------------------------------------------

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  if (rows.length && rows[0].length && rows[0][0].charCodeAt(0) === 0xfeff) rows[0][0] = rows[0][0].slice(1);
  const header = rows.shift() ?? [];
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

/** A printed number -> an exact integer of hundredths (kilograms) or units. */
function hundredths(s) {
  if (s === undefined || s === "") return 0;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (m) return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return Math.round(Number(s) * 100);
}

function compareTotals(got, expected, keyLabel) {
  // got, expected: Map key -> { tally: hundredths }
  const problems = [];
  for (const [key, exp] of expected) {
    const g = got.get(key);
    if (!g) {
      problems.push(`${keyLabel(key)} missing`);
      continue;
    }
    for (const c of CHECKED) if (g[c] !== exp[c]) problems.push(`${keyLabel(key)} ${c} ${g[c] / 100} ≠ ${exp[c] / 100}`);
  }
  for (const key of got.keys()) if (!expected.has(key)) problems.push(`${keyLabel(key)} unexpected`);
  return problems.length === 0 ? { ok: true, text: `ok (${expected.size} groups)` } : { ok: false, text: `${problems.length} differ: ${problems.slice(0, 2).join("; ")}` };
}

function expectedProvinces(totals) {
  return new Map(Object.entries(totals.provinces).map(([p, v]) => [p, Object.fromEntries(CHECKED.map((c) => [c, hundredths(String(v.totals[c]))]))]));
}

function expectedProvinceYears(totals) {
  return new Map(totals.province_years.map((v) => [`${v.province}\u0000${v.year}`, Object.fromEntries(CHECKED.map((c) => [c, hundredths(String(v.totals[c]))]))]));
}

/** Sums the printed rows per key (a summary of a many-month file may hold a group per period). */
function collect(rows, keyOf, suffix = "") {
  const m = new Map();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    let acc = m.get(key);
    if (!acc) m.set(key, (acc = Object.fromEntries(CHECKED.map((c) => [c, 0]))));
    for (const c of CHECKED) acc[c] += hundredths(r[c + suffix]);
  }
  return m;
}

/** tdbv names a province as reports show it ("Tỉnh An Giang", "Thành phố Cần Thơ"); the generator by its bare name. */
const bareProvince = (name) => name.replace(/^(Tỉnh|Thành phố) /, "");

function checkJob(job, kind, totals) {
  if (job.failure || job.ms === null) return "—";
  try {
    const rows = parseCsv(job.stdout);
    if (kind === "tdbv-summarize") return compareTotals(collect(rows, (r) => (r.level === "province" ? bareProvince(r.province) : null)), expectedProvinces(totals), (k) => k).text;
    if (kind === "tdbv-rollup") return compareTotals(collect(rows, (r) => (r.level === "province" ? `${bareProvince(r.province)}\u0000${r.period}` : null)), expectedProvinceYears(totals), (k) => k.replace("\u0000", " ")).text;
    if (kind === "duckdb") return compareTotals(collect(rows, (r) => r.province), expectedProvinces(totals), (k) => k).text;
    if (kind === "miller") return compareTotals(collect(rows, (r) => r.province, "_sum"), expectedProvinces(totals), (k) => k).text;
    if (kind === "floor" || kind === "floor-split") {
      const lines = Number(job.stdout.trim().split(" ")[0]);
      return lines === totals.arguments.rows + 1 ? "ok (lines)" : `line count ${lines}`;
    }
  } catch (e) {
    return `unreadable output: ${e.message}`;
  }
  return "";
}

// --- the data --------------------------------------------------------------------------------

function dataset(rows, vi) {
  const name = `tally-${sizeLabel(rows)}${vi ? "-vi" : ""}.csv`;
  return { rows, vi, name, file: join(BENCH, "data", name), delimiter: vi ? ";" : "," };
}

function ensureData(d) {
  const totalsFile = `${d.file}.totals.json`;
  if (existsSync(d.file) && existsSync(totalsFile)) {
    try {
      const t = JSON.parse(readFileSync(totalsFile, "utf8"));
      if (t.generator_version === GENERATOR_VERSION && t.generator_sha256 === generatorHash() && t.arguments.rows === d.rows && t.arguments.vi === d.vi) {
        d.totals = t;
        d.bytes = statSync(d.file).size;
        return;
      }
    } catch {
      // regenerate
    }
  }
  mkdirSync(join(BENCH, "data"), { recursive: true });
  log(`generating ${relative(ROOT, d.file)} (${d.rows} rows${d.vi ? ", Vietnamese numbers, ';'" : ""})`);
  rmSync(totalsFile, { force: true });
  const args = [join(BENCH, "generate.mjs"), "--rows", String(d.rows), "--out", d.file, ...(d.vi ? ["--vi"] : [])];
  const r = spawnSync(NODE, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`generate.mjs failed for ${d.name}`);
  d.totals = JSON.parse(readFileSync(totalsFile, "utf8"));
  d.bytes = statSync(d.file).size;
}

// --- the machine -----------------------------------------------------------------------------

function machine(o, tools) {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
  const freeTotal = sh("free", ["-h"])?.split("\n").find((l) => l.startsWith("Mem:"))?.split(/\s+/)[1];
  const tdbvVersion = sh(NODE, [o.tdbv, "--version"]);
  return [
    ["CPU", `${model}, nproc ${sh("nproc", []) ?? cpus().length}`],
    ["Memory", freeTotal ? `${freeTotal} (free -h total)` : `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ["OS", sh("uname", ["-sr"]) ?? process.platform],
    ["Node.js", process.version],
    ["tdbv", `${tdbvVersion ?? "?"} (${relative(ROOT, o.tdbv) || o.tdbv})`],
    ["DuckDB", tools.duckdb ? tools.duckdb.version : "not run (not installed or --no-duckdb)"],
    ["Miller", tools.miller ? tools.miller.version : "not run (not installed or --no-miller)"],
    ["Peak RSS from", TIME ? "/usr/bin/time -f %M" : "process.resourceUsage().maxRSS in the child (bench/lib/maxrss.mjs); none for non-Node tools"],
  ];
}

function findTools(o) {
  const tools = { duckdb: null, miller: null };
  if (o.duckdb) {
    const resolved = resolveDuckdb();
    if (resolved) {
      const v = sh(NODE, [join(BENCH, "lib", "duckdb-job.mjs"), "--version"]);
      if (v) tools.duckdb = { kind: "node-api", version: v };
    }
    if (!tools.duckdb) {
      const v = sh("duckdb", ["--version"]);
      if (v) tools.duckdb = { kind: "cli", version: `duckdb CLI ${v}` };
    }
  }
  if (o.miller) {
    const v = sh("mlr", ["--version"]);
    if (v) tools.miller = { version: v };
  }
  return tools;
}

// --- the jobs on one file --------------------------------------------------------------------

function duckdbCommand(tools, d) {
  if (tools.duckdb.kind === "node-api") return [NODE, [join(BENCH, "lib", "duckdb-job.mjs"), d.file, d.delimiter, d.vi ? "1" : "0", TALLY_COLUMNS.join(",")], true];
  const q = (s) => `'${s.replaceAll("'", "''")}'`;
  const types = TALLY_COLUMNS.map((c) => `${q(c)}: ${q(DECIMAL_COLUMNS.has(c) ? "DECIMAL(18,2)" : "BIGINT")}`).join(", ");
  const opts = [`delim = ${q(d.delimiter)}`, "header = true", `types = {${types}}`, ...(d.vi ? ["decimal_separator = ','", "thousands = '.'"] : [])];
  const sql = `SELECT province, ${TALLY_COLUMNS.map((c) => `sum("${c}") AS "${c}"`).join(", ")} FROM read_csv(${q(d.file)}, ${opts.join(", ")}) GROUP BY province ORDER BY province`;
  return ["duckdb", ["-csv", "-c", sql], false];
}

function millerCommand(d) {
  const fields = TALLY_COLUMNS.join(",");
  if (!d.vi) return ["mlr", ["--icsv", "--ocsv", "stats1", "-a", "sum", "-f", fields, "-g", "province", d.file], false];
  // Miller reads 1.234 as 1.234: the Vietnamese numbers must be rewritten before summing.
  const put = 'for (k, v in $*) { if (k != "province" && v != "") { $[k] = float(gsub(gsub(v, "\\.", ""), ",", ".")) } }';
  return ["mlr", ["-S", "--icsv", "--ifs", ";", "--ocsv", "cut", "-f", `province,${fields}`, "then", "put", put, "then", "stats1", "-a", "sum", "-f", fields, "-g", "province", d.file], false];
}

async function benchFile(o, tools, d) {
  const runs = o.runsFor(d.rows);
  const timeoutMs = o.timeout * 1000;
  log(`\n${d.name}: ${d.rows} rows, ${(d.bytes / 1e6).toFixed(1)} MB, ${runs} runs per job`);
  const jobs = [
    ["floor (read + count lines)", "floor", NODE, [join(BENCH, "lib", "floor.mjs"), d.file], true],
    ["floor + decode and split fields", "floor-split", NODE, [join(BENCH, "lib", "floor.mjs"), "--split", d.file], true],
    ["tdbv summarize", "tdbv-summarize", NODE, [o.tdbv, "summarize", d.file, "--format", "csv"], true],
    ["tdbv rollup --every year", "tdbv-rollup", NODE, [o.tdbv, "rollup", d.file, "--every", "year", "--format", "csv"], true],
  ];
  if (tools.duckdb) jobs.push([`DuckDB (${tools.duckdb.kind === "cli" ? "CLI" : "node-api"})`, "duckdb", ...duckdbCommand(tools, d)]);
  if (tools.miller) jobs.push([`Miller stats1${d.vi ? " (+ put to read 1.234)" : ""}`, "miller", ...millerCommand(d)]);
  const results = [];
  for (const [name, kind, cmd, args, node] of jobs) {
    const r = await measure(name, cmd, args, { runs, timeoutMs, node });
    r.kind = kind;
    r.check = checkJob(r, kind, d.totals);
    delete r.stdout;
    results.push(r);
  }
  return { dataset: d, runs, results };
}

// --- issue 19: big breakdowns, Vietnamese headers at start-up, workbooks ------------------------

/**
 * A commune-by-month summary of the file (a group per commune and month: 1,076,300 on the 1M
 * file) in CSV, JSON and as a workbook, each written to a scratch file with --output. The CSV's
 * province rows are checked against the generator's totals; the workbook is refused (exit 2)
 * when its communes sheet would pass Excel's 1,048,576 rows, which counts as done if the message
 * says so.
 */
async function bigBreakdowns(o, d) {
  const runs = o.quick ? 1 : Math.min(o.runsFor(d.rows), 3);
  const timeoutMs = o.timeout * 1000;
  log(`\ncommune × month of ${d.name}: ${runs} run(s) per format`);
  const results = [];
  for (const format of ["csv", "json", "xlsx"]) {
    const out = join(SCRATCH, `commune.${format}`);
    const r = await measure(`tdbv summarize --by commune (${format})`, NODE, [o.tdbv, "summarize", d.file, "--by", "commune", "--output", out, "--quiet"], { runs, timeoutMs, node: true, okStatus: format === "xlsx" ? [0, 2] : [0] });
    r.kind = `commune-${format}`;
    if (r.failure) r.check = "—";
    else if (format === "csv") {
      const rows = parseCsv(readFileSync(out, "utf8").split("\n").filter((l, i) => i === 0 || l.startsWith("province,")).join("\n"));
      r.check = compareTotals(collect(rows, (x) => (x.level === "province" ? bareProvince(x.province) : null)), expectedProvinces(d.totals), (k) => k).text;
    } else if (format === "xlsx" && r.status === 2) {
      const refused = /Excel's limit is 1,048,576 rows/.test(r.stderr) || /Excel chỉ cho 1\.?048\.?576|1,048,576/.test(r.stderr);
      r.check = refused ? "refused past Excel's row limit (exit 2)" : `exit 2 without the row-limit message: ${r.stderr.split("\n")[0]}`;
      r.refused = refused;
    } else r.check = existsSync(out) ? `ok (${(statSync(out).size / 1e6).toFixed(0)} MB written; totals not parsed)` : "no file";
    rmSync(out, { force: true });
    delete r.stdout;
    results.push(r);
  }
  return results;
}

/** The 300-row file with the dictionary's Vietnamese headers ("Tỉnh, thành phố", "Số vụ phạm tội về trật tự xã hội", …). */
async function vietnameseHeaders(d) {
  const file = join(BENCH, "data", "tally-300-vi-headers.csv");
  if (existsSync(file)) return file;
  const { IDENTIFIERS, TALLIES } = await import(new URL(`file://${join(ROOT, "dist", "domain", "columns.js")}`).href);
  const label = new Map([...IDENTIFIERS, ...TALLIES].map((c) => [c.name, c.vi]));
  const text = readFileSync(d.file, "utf8");
  const nl = text.indexOf("\n");
  const header = text.slice(0, nl).split(",").map((h) => {
    const vi = label.get(h) ?? h;
    return /[",]/.test(vi) ? `"${vi.replaceAll('"', '""')}"` : vi;
  });
  writeFileSync(file, header.join(",") + text.slice(nl));
  return file;
}

/** The workbook jobs another part of the benchmark owns (bench/xlsx/job.mjs), if present. */
async function workbookJobs(o) {
  const module = join(BENCH, "xlsx", "job.mjs");
  if (!existsSync(module)) {
    log("\nworkbooks: bench/xlsx/job.mjs is missing; the .xlsx rows of issue 19 are not measured");
    return null;
  }
  try {
    const { xlsxJobs } = await import(new URL(`file://${module}`).href);
    return await xlsxJobs({ runs: o.quick ? 1 : 3, tdbv: o.tdbv, log, million: !o.quick });
  } catch (e) {
    log(`\nworkbooks: bench/xlsx/job.mjs failed: ${e.message}`);
    return { error: e.message };
  }
}

async function startup(o, tools) {
  const d = dataset(300, false);
  ensureData(d);
  const runs = o.startupRuns;
  log(`\nstart-up: ${d.name}, ${runs} runs each, interleaved`);
  const jobs = [
    ["node -e 0", NODE, ["-e", "0"], true],
    ["tdbv --version", NODE, [o.tdbv, "--version"], true],
    ["tdbv summarize (300 rows)", NODE, [o.tdbv, "summarize", d.file, "--format", "csv"], true],
    ["tdbv summarize (300 rows, Vietnamese headers)", NODE, [o.tdbv, "summarize", await vietnameseHeaders(d), "--format", "csv"], true],
  ];
  if (tools.miller) jobs.push(["Miller stats1 (300 rows)", ...millerCommand(d)]);
  const acc = jobs.map(() => ({ times: [], rss: [], failure: null }));
  for (let i = 0; i < runs; i++) {
    for (const [j, [, cmd, args, node]] of jobs.entries()) {
      if (acc[j].failure) continue;
      const r = await runOnce(cmd, args, { timeoutMs: 60000, node });
      if (r.status !== 0) acc[j].failure = `exit ${r.status}: ${r.stderr.trim().split("\n")[0]?.slice(0, 200)}`;
      else {
        acc[j].times.push(r.ms);
        if (r.rssKb !== null) acc[j].rss.push(r.rssKb);
      }
    }
  }
  return jobs.map(([name], j) => ({
    name,
    ms: acc[j].times.length ? median(acc[j].times) : null,
    minMs: acc[j].times.length ? Math.min(...acc[j].times) : null,
    maxMs: acc[j].times.length ? Math.max(...acc[j].times) : null,
    rssKb: acc[j].rss.length ? Math.max(...acc[j].rss) : null,
    failure: acc[j].failure,
  }));
}

// --- the report ------------------------------------------------------------------------------

const sec = (ms) => (ms === null ? "—" : ms >= 10000 ? (ms / 1000).toFixed(1) : (ms / 1000).toFixed(2));
const mb = (kb) => (kb === null ? "—" : (kb / 1024).toFixed(0));
const rate = (rows, ms) => {
  if (ms === null) return "—";
  const r = rows / (ms / 1000);
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : r >= 1e3 ? `${(r / 1e3).toFixed(0)} k` : r.toFixed(0);
};
const ratio = (x) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));

function mdTable(header, rows, align) {
  const all = [header, ...rows];
  const width = header.map((_, i) => Math.max(3, ...all.map((r) => [...String(r[i])].length)));
  const pad = (s, i) => {
    const t = String(s);
    const fill = " ".repeat(width[i] - [...t].length);
    return align[i] === "r" ? fill + t : t + fill;
  };
  const line = (r) => `| ${r.map(pad).join(" | ")} |`;
  const sep = `| ${width.map((w, i) => (align[i] === "r" ? "-".repeat(w - 1) + ":" : "-".repeat(w))).join(" | ")} |`;
  return [line(header), sep, ...rows.map(line)].join("\n");
}

function shortFailure(failure) {
  return failure.startsWith("killed") ? failure : `failed (${failure.split(":")[0]})`;
}

function fileTable(f) {
  const base = f.results.find((r) => r.kind === "tdbv-summarize");
  const rows = f.results.map((r) => [
    r.name,
    r.failure ? shortFailure(r.failure) : sec(r.ms),
    r.runs > 1 ? `${sec(r.minMs)}–${sec(r.maxMs)}` : "",
    rate(f.dataset.rows, r.ms),
    mb(r.rssKb),
    base?.ms && r.ms !== null ? `${ratio(r.ms / base.ms)}×` : "—",
    r.check,
  ]);
  const table = mdTable(["job", "median s", "min–max s", "rows/s", "peak RSS MB", "÷ tdbv summarize", "totals"], rows, ["l", "r", "r", "r", "r", "r", "l"]);
  const failures = f.results.filter((r) => r.failure).map((r) => `- ${r.name}: ${r.failure}`);
  return failures.length ? `${table}\n\n${failures.join("\n")}` : table;
}

function targets(files, start) {
  const out = [];
  const get = (rows, vi, kind) => files.find((f) => f.dataset.rows === rows && f.dataset.vi === vi)?.results.find((r) => r.kind === kind);
  const biggest = files.filter((f) => !f.dataset.vi).sort((a, b) => b.dataset.rows - a.dataset.rows)[0];
  if (biggest) {
    const n = biggest.dataset.rows;
    const label = sizeLabel(n);
    const t = get(n, false, "tdbv-summarize");
    const duck = get(n, false, "duckdb");
    const mlr = get(n, false, "miller");
    const floor = get(n, false, "floor");
    const ok = (b) => (b ? "met" : "not met");
    if (t?.ms != null && duck?.ms != null) out.push([`${label}: tdbv summarize within 2× DuckDB`, `${ratio(t.ms / duck.ms)}× (${sec(t.ms)} s vs ${sec(duck.ms)} s)`, ok(t.ms <= 2 * duck.ms)]);
    else out.push([`${label}: tdbv summarize within 2× DuckDB`, t?.failure ? `tdbv ${shortFailure(t.failure)}` : "DuckDB not run", "—"]);
    if (t?.ms != null && mlr?.ms != null) out.push([`${label}: tdbv summarize faster than Miller`, `${ratio(t.ms / mlr.ms)}× Miller's time (${sec(t.ms)} s vs ${sec(mlr.ms)} s)`, ok(t.ms < mlr.ms)]);
    else out.push([`${label}: tdbv summarize faster than Miller`, t?.failure ? `tdbv ${shortFailure(t.failure)}` : "Miller not run", "—"]);
    if (t?.rssKb != null) out.push([`${label}: tdbv summarize peak memory under 150 MB`, `${mb(t.rssKb)} MB`, ok(t.rssKb / 1024 < 150)]);
    const t100 = get(1e5, false, "tdbv-summarize");
    if (n > 1e5 && t?.rssKb != null && t100?.rssKb != null) out.push([`peak memory flat from 100k to ${label} rows`, `${mb(t100.rssKb)} MB → ${mb(t.rssKb)} MB (${ratio(t.rssKb / t100.rssKb)}×)`, ok(t.rssKb <= t100.rssKb * 1.25)]);
    if (t?.ms != null && floor?.ms != null) out.push([`${label}: tdbv summarize vs the floor (information)`, `${ratio(t.ms / floor.ms)}× the time to read the file`, ""]);
  }
  const node0 = start.find((s) => s.name === "node -e 0");
  const tdbv300 = start.find((s) => s.name.startsWith("tdbv summarize"));
  if (node0?.ms != null && tdbv300?.ms != null) {
    const d = tdbv300.ms - node0.ms;
    out.push(["300 rows: whole process within 60 ms of `node -e 0`", `+${d.toFixed(0)} ms (${tdbv300.ms.toFixed(0)} ms vs ${node0.ms.toFixed(0)} ms)`, d <= 60 ? "met" : "not met"]);
  } else if (tdbv300?.failure) out.push(["300 rows: whole process within 60 ms of `node -e 0`", `tdbv ${shortFailure(tdbv300.failure)}`, "—"]);
  return mdTable(["target (issue 6)", "measured", ""], out, ["l", "l", "l"]);
}

/** Issue 19's targets table, each row measured in this run: met / not met / not measured. */
function targets19(files, start, big, books) {
  const out = [];
  const ok = (b) => (b ? "met" : "not met");
  const biggest = files.filter((f) => !f.dataset.vi).sort((a, b) => b.dataset.rows - a.dataset.rows)[0];
  const label = biggest ? sizeLabel(biggest.dataset.rows) : "—";
  const get = (kind) => biggest?.results.find((r) => r.kind === kind);
  const t = get("tdbv-summarize");
  const duck = get("duckdb");
  const roll = get("tdbv-rollup");
  if (t?.ms != null && duck?.ms != null) out.push([`1. summarize ${label} CSV vs DuckDB read_csv + GROUP BY: ≤ 1.0×, < 200 MB`, `${ratio(t.ms / duck.ms)}× (${sec(t.ms)} s vs ${sec(duck.ms)} s), ${mb(t.rssKb)} MB`, ok(t.ms <= duck.ms && t.rssKb / 1024 < 200)]);
  else out.push([`1. summarize ${label} CSV vs DuckDB`, t?.failure ? `tdbv ${shortFailure(t.failure)}` : "DuckDB not run", "not measured"]);
  if (t?.ms != null && roll?.ms != null) out.push([`2. rollup --every year ${label}: ≤ 1.5× summarize, < 200 MB`, `${ratio(roll.ms / t.ms)}× (${sec(roll.ms)} s), ${mb(roll.rssKb)} MB`, ok(roll.ms <= 1.5 * t.ms && roll.rssKb / 1024 < 200)]);
  else out.push([`2. rollup --every year ${label}`, roll?.failure ? shortFailure(roll.failure) : "—", "not measured"]);
  if (books === null) out.push(["3. .xlsx input vs openpyxl read-only", "bench/xlsx/job.mjs missing", "not measured"]);
  else if (books.error) out.push(["3. .xlsx input vs openpyxl read-only", `bench/xlsx/job.mjs failed: ${books.error}`, "not measured"]);
  else
    for (const b of books)
      out.push([`${/form/i.test(b.job) ? "6." : "3."} ${b.job}: ${b.target}`, `${sec(b.tdbv.seconds * 1000)} s, ${b.tdbv.mb.toFixed(0)} MB${b.peer ? ` (${b.peer.name} ${sec(b.peer.seconds * 1000)} s, ${b.peer.mb.toFixed(0)} MB; ${ratio(b.tdbv.seconds / b.peer.seconds)}×)` : ""}`, ok(b.met)]);
  for (const r of big ?? []) {
    const what = `4. commune × month ${label}, ${r.kind.slice(8).toUpperCase()}: ≤ 4× summarize, < 1 GB`;
    if (r.ms == null || t?.ms == null) out.push([what, r.failure ? shortFailure(r.failure) : "—", "not met"]);
    else out.push([what, `${ratio(r.ms / t.ms)}× (${sec(r.ms)} s), ${mb(r.rssKb)} MB${r.refused ? ", refused (exit 2)" : ""}`, ok(r.ms <= 4 * t.ms && r.rssKb / 1024 < 1024)]);
  }
  if (!big) out.push(["4. commune × month", "not run (no plain file of 1M rows or more in --sizes; --quick uses the largest)", "not measured"]);
  const node0 = start.find((s) => s.name === "node -e 0");
  const vi = start.find((s) => s.name.includes("Vietnamese headers"));
  if (node0?.ms != null && vi?.ms != null) out.push(["5. 300 rows, Vietnamese headers, over `node -e 0`: ≤ +50 ms", `+${(vi.ms - node0.ms).toFixed(0)} ms`, ok(vi.ms - node0.ms <= 50)]);
  else out.push(["5. 300 rows, Vietnamese headers", vi?.failure ? shortFailure(vi.failure) : "—", "not measured"]);
  const form = (books && !books.error ? books : []).find((b) => /form/i.test(b.job));
  if (!form) out.push(["6. 300-row report form .xlsx over `node -e 0`: ≤ +100 ms", "not in this run (a job of bench/xlsx/job.mjs)", "not measured"]);
  return mdTable(["target (issue 19)", "measured", ""], out, ["l", "l", "l"]);
}

function report(o, argv, mach, files, start, big = null, books = null) {
  const parts = [];
  parts.push(`# tdbv benchmark: ${o.label}`);
  parts.push("");
  if (o.date) parts.push(`Date: ${o.date}\n`);
  parts.push(`Command: \`node bench/run.mjs${argv.length ? " " + argv.join(" ") : ""}\`${process.env.BENCH_DEPS ? ` with \`BENCH_DEPS=${process.env.BENCH_DEPS}\`` : ""}`);
  if (o.note) parts.push("", o.note);
  parts.push("", "## Machine", "", mdTable(["", ""], mach, ["l", "l"]));
  parts.push("", "## Data", "");
  parts.push(
    mdTable(
      ["file", "rows", "MB", "columns", "dialect", "units", "periods"],
      files.map((f) => {
        const d = f.dataset;
        const p = d.totals.periods;
        return [d.name, d.rows, (d.bytes / 1e6).toFixed(1), d.totals.columns, d.vi ? "`;`, 1.234 and 12,5" : "`,`, plain numbers", d.totals.units, p.length > 1 ? `${p.length} months (${p[0]}…${p.at(-1)})` : p[0]];
      }),
      ["l", "r", "r", "r", "l", "r", "l"],
    ),
  );
  parts.push("", "Generated by `node bench/generate.mjs --rows N --out FILE [--vi]` (seed 6), cached in bench/data/.");
  parts.push("", "## Start-up (300-row file, whole process)", "");
  const node0 = start.find((s) => s.name === "node -e 0");
  parts.push(
    mdTable(
      ["what", "median ms", "min–max ms", "peak RSS MB", "above node -e 0"],
      start.map((s) => [s.name, s.failure ? shortFailure(s.failure) : s.ms.toFixed(0), s.ms === null ? "" : `${s.minMs.toFixed(0)}–${s.maxMs.toFixed(0)}`, mb(s.rssKb), s.ms !== null && node0?.ms != null && s !== node0 ? `${s.ms >= node0.ms ? "+" : "−"}${Math.abs(s.ms - node0.ms).toFixed(0)} ms` : ""]),
      ["l", "r", "r", "r", "r"],
    ),
  );
  const startFailures = start.filter((x) => x.failure).map((x) => `- ${x.name}: ${x.failure}`);
  if (startFailures.length) parts.push("", ...startFailures);
  for (const f of files) {
    const d = f.dataset;
    parts.push("", `## ${d.name}: ${d.rows.toLocaleString("en")} rows, ${(d.bytes / 1e6).toFixed(1)} MB, ${d.vi ? "`;` and Vietnamese numbers" : "`,` and plain numbers"} (median of ${f.runs})`, "");
    parts.push(fileTable(f));
  }
  if (big) {
    parts.push("", "## Commune × month (issue 19)", "");
    parts.push(fileTable({ dataset: files.filter((f) => !f.dataset.vi).sort((a, b) => b.dataset.rows - a.dataset.rows)[0].dataset, runs: big[0]?.runs ?? 0, results: big }));
  }
  parts.push("", "## Targets", "", targets(files, start));
  parts.push("", "## Targets of issue 19", "", targets19(files, start, big, books));
  parts.push(
    "",
    "Jobs: the floor is `node bench/lib/floor.mjs FILE` (read the file in 1 MB blocks, count line ends); " +
      "`floor.mjs --split` also decodes UTF-8 and splits every line on the delimiter (no quoting, no numbers): what any line-by-line reader in Node pays; " +
      "tdbv runs `bin/tdbv summarize FILE --format csv` and `bin/tdbv rollup FILE --every year --format csv`; " +
      "DuckDB runs `read_csv` (tallies typed BIGINT, kilograms DECIMAL(18,2); all cores) with `GROUP BY province` sums of the " +
      `${TALLY_COLUMNS.length} tallies; Miller runs \`mlr --icsv --ocsv stats1 -a sum -f <the ${TALLY_COLUMNS.length} tallies> -g province\`. ` +
      "Times are wall times of the whole child process (start-up included); peak RSS is the child's. " +
      "\"totals\" compares cases_total, cases_solved, meetings and explosives_kg per province (per province and year for rollup) with the sums the generator computed.",
  );
  return parts.join("\n") + "\n";
}

// --- main ------------------------------------------------------------------------------------

async function main() {
  const argv = process.argv.slice(2);
  const o = parseArgs(argv);
  const entry = join(ROOT, "dist", "cli", "main.js");
  if (o.tdbv === join(ROOT, "bin", "tdbv") && !existsSync(entry)) throw new Error("dist/ is missing: build first (npx tsc -p tsconfig.json, or npm run build)");
  const tools = findTools(o);
  log(`DuckDB: ${tools.duckdb?.version ?? "not available"}; Miller: ${tools.miller?.version ?? "not available"}; peak RSS via ${TIME ?? "maxrss preload"}`);
  const sets = [...o.sizes.map((n) => dataset(n, false)), ...o.viSizes.map((n) => dataset(n, true))];
  for (const d of sets) ensureData(d);
  const mach = machine(o, tools);
  const start = await startup(o, tools);
  const files = [];
  for (const d of sets) files.push(await benchFile(o, tools, d));
  // Issue 19: the commune × month breakdown of the largest plain file, then the workbook jobs.
  const largest = sets.filter((d) => !d.vi).sort((a, b) => b.rows - a.rows)[0];
  const big = largest ? await bigBreakdowns(o, largest) : null;
  const books = await workbookJobs(o);
  const text = report(o, argv, mach, files, start, big, books);
  for (const line of targets19(files, start, big, books).split("\n")) log(line);
  process.stdout.write("\n" + text);
  if (o.write) {
    mkdirSync(join(BENCH, "results"), { recursive: true });
    const out = join(BENCH, "results", `${o.label}.md`);
    writeFileSync(out, text);
    log(`\nwritten to ${relative(ROOT, out)}`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 1;
});
