// Re-measures what docs/spreadsheet-readers.md relies on. Every measurement runs in a fresh child
// process (child.mjs) so peak RSS is per run; the tables print medians as Markdown.
//
//   node bench/xlsx/measure.mjs                       # @e965/xlsx only (the project's dependency)
//   XLSX_COMPARE_DIR=/tmp/xlsx-measure node bench/xlsx/measure.mjs   # + exceljs, read-excel-file, xlsx@0.18.5
//
// Options: --data DIR (generated files; default $XLSX_BENCH_DIR or $TMPDIR/tdbv-xlsx-bench)
//          --compare DIR (node_modules with the comparison libraries; default $XLSX_COMPARE_DIR)
//          --only imports,reads,preflight,hostile   --runs-import N (15)  --runs-small N (5)  --runs-big N (3)
//          --out FILE (raw results as JSON; default DIR/results.json)
// Linux only (the watchdog reads /proc). Needs ~4 GiB free memory and ~15 min with the comparisons.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { HERE, MiB, compareDir, compareRequire, dataDir, loadSheetJS, median, runNode } from "./common.mjs";

const argv = process.argv;
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
};
const DIR = dataDir();
const CMP = compareDir();
const ONLY = opt("--only", "imports,reads,preflight,hostile").split(",");
const RUNS_IMPORT = Number(opt("--runs-import", 15));
const RUNS_SMALL = Number(opt("--runs-small", 5));
const RUNS_BIG = Number(opt("--runs-big", 3));
const OUT = opt("--out", join(DIR, "results.json"));
const CHILD = join(HERE, "child.mjs");
const childEnv = { ...process.env, ...(CMP ? { XLSX_COMPARE_DIR: CMP } : {}) };
const results = {};

const XLSX = await loadSheetJS();
const req = compareRequire(CMP);
const cmpVersion = (name) => {
  try {
    return req ? req(`${name}/package.json`).version : null;
  } catch {
    return null;
  }
};
const have = { exceljs: cmpVersion("exceljs"), "read-excel-file": cmpVersion("read-excel-file"), xlsx: cmpVersion("xlsx") };
const freeH = (() => {
  try {
    return execFileSync("free", ["-h"], { encoding: "utf8" }).split("\n")[1].replace(/\s+/g, " ").trim();
  } catch {
    return `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total`;
  }
})();
results.machine = {
  nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model, free: freeH, node: process.version, icu: process.versions.icu,
  kernel: os.release(), loadavg: os.loadavg().map((x) => x.toFixed(2)).join(" "), date: new Date().toISOString(),
  "@e965/xlsx": XLSX.version, compare: CMP, versions: have,
};
console.log(`# spreadsheet-reader measurements\n\nmachine: ${JSON.stringify(results.machine)}\n`);

const mib = (b) => (b ? Math.round(b / MiB).toLocaleString("en") : "–");
const ms = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en") : "–");
const s1 = (x) => (Number.isFinite(x) ? (x / 1000).toFixed(2) : "–");
const table = (head, rows) => console.log([`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n") + "\n");

// Generated inputs ---------------------------------------------------------------------------
const manifestFile = join(DIR, "manifest.json");
const need = ["tally-10k.xlsx", "tally-200k.xlsx", "hostile/proto.xlsx"].some((f) => !existsSync(join(DIR, f)));
if (need) {
  console.error(`generating workbooks into ${DIR} …`);
  execFileSync(process.execPath, ["--max-old-space-size=8192", join(HERE, "make-workbooks.mjs"), "--data", DIR], { stdio: "inherit" });
}
const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));

// 1. Import cost ------------------------------------------------------------------------------
if (ONLY.includes("imports")) {
  const variants = [
    ["node -e 0", ["-e", "0"]],
    ["nothing (child.mjs, loader only)", [CHILD, "import", "none"]],
    ["@e965/xlsx `xlsx.mjs` (ESM)", [CHILD, "import", "esm"]],
    ["@e965/xlsx main `xlsx.js` (CJS require)", [CHILD, "import", "cjs"]],
    ["`xlsx.mjs` + `dist/cpexcel.full.mjs` + `set_cptable`", [CHILD, "import", "esm+cpexcel"]],
  ];
  if (have.exceljs) variants.push(["exceljs (CJS)", [CHILD, "import", "exceljs"]]);
  if (have["read-excel-file"]) variants.push(["read-excel-file/node (ESM)", [CHILD, "import", "read-excel-file"]]);
  if (have.xlsx) variants.push(["xlsx 0.18.5 (CJS)", [CHILD, "import", "xlsx-0.18.5"]]);
  const runs = Object.fromEntries(variants.map(([k]) => [k, []]));
  for (let i = 0; i < RUNS_IMPORT; i++) {
    for (const [k, args] of variants) runs[k].push(await runNode(args, { env: childEnv, timeoutMs: 60_000 }));
  }
  results.imports = {};
  const rows = [];
  const base = median(runs["node -e 0"].map((r) => r.wallMs));
  for (const [k] of variants) {
    const rs = runs[k];
    const m = { importMs: median(rs.map((r) => r.result?.importMs)), wallMs: median(rs.map((r) => r.wallMs)), peak: median(rs.map((r) => r.result?.maxRSS)), runs: rs.length };
    results.imports[k] = m;
    rows.push([k, k === "node -e 0" ? "–" : m.importMs.toFixed(1), s1(m.wallMs * 1), `+${ms(m.wallMs - base)}`, mib(m.peak)]);
  }
  console.log(`## 1. Import cost (median of ${RUNS_IMPORT} fresh processes, interleaved)\n`);
  table(["what is loaded", "in-process import ms", "whole process wall s", "wall vs `node -e 0` ms", "peak RSS MiB"], rows);
}

// 2. Read time and peak RSS ------------------------------------------------------------------
function checksum(file, r) {
  const m = manifest[file];
  if (!r) return "no result";
  const bad = [];
  if (r.rows !== m.rows) bad.push(`rows ${r.rows}`);
  if (r.formulaSum !== m.formulaSum) bad.push(`Σformula ${r.formulaSum}`);
  if (r.hoaBinh !== m.hoaBinh) bad.push(`Hòa Bình ${r.hoaBinh}`);
  if (r.textNums !== m.textNums) bad.push(`text numbers ${r.textNums}`);
  if (r.unresolved) bad.push(`${r.unresolved} unresolved shared strings`);
  return bad.length ? bad.join(", ") : "ok";
}
if (ONLY.includes("reads")) {
  const variants = [["@e965/xlsx, project options + `!data`", "e965-project"], ["@e965/xlsx defaults + `sheet_to_json(header:1)`", "e965-defaults"]];
  if (have.xlsx) variants.push(["xlsx 0.18.5 defaults + `sheet_to_json(header:1)`", "xlsx-0.18.5"]);
  if (have.exceljs) variants.push(["exceljs `xlsx.readFile` (full model)", "exceljs-full"], ["exceljs `stream.xlsx.WorkbookReader`", "exceljs-stream"]);
  if (have["read-excel-file"]) variants.push(["read-excel-file `readSheet`", "read-excel-file"]);
  results.reads = {};
  for (const [file, runsN] of [["tally-10k.xlsx", RUNS_SMALL], ["tally-200k.xlsx", RUNS_BIG]]) {
    const rows = [];
    const list = [...variants];
    if (file === "tally-200k.xlsx") list.splice(1, 0, ["@e965/xlsx, project options, `sheetRows: 10001`", "e965-project", "10001"]);
    for (const [label, v, sheetRows] of list) {
      const rs = [];
      for (let i = 0; i < runsN; i++) {
        const r = await runNode([CHILD, "read", v, join(DIR, file), ...(sheetRows ? [sheetRows] : [])], { env: childEnv, timeoutMs: 600_000 });
        rs.push(r);
        console.error(`${file} ${label}: ${ms(r.wallMs)} ms, ${mib(r.peak)} MiB ${r.killed ?? ""}${r.code ? " exit " + r.code + " " + r.stderr.slice(-300) : ""}`);
        if (!r.result) break;
      }
      const ok = rs[0].result ? checksum(file, rs[0].result) : `failed: ${rs[0].killed ?? rs[0].stderr.split("\n").find((l) => /Error/.test(l)) ?? "exit " + rs[0].code}`;
      const m = {
        readMs: median(rs.map((r) => r.result?.readMs)), cpuMs: median(rs.map((r) => r.result?.cpuMs)), wallMs: median(rs.map((r) => r.wallMs)),
        peak: median(rs.map((r) => r.peak)), runs: rs.length, check: sheetRows ? `${rs[0].result?.rows} data rows (capped)` : ok,
      };
      results.reads[`${file} ${label}`] = m;
      rows.push([label, s1(m.readMs), s1(m.cpuMs), s1(m.wallMs), mib(m.peak), m.check]);
    }
    const mf = manifest[file];
    console.log(`## 2. Read ${file} (${mf.rows.toLocaleString("en")} rows × 35 cols, ${(mf.bytes / 1e6).toFixed(1)} MB .xlsx, ${(mf.xmlBytes / 1e6).toFixed(1)} MB XML; median of ${runsN})\n`);
    table(["reader", "read s (in-process)", "process CPU s", "process wall s", "peak RSS MiB", "checksum"], rows);
  }
}

// 3. Zip preflight ------------------------------------------------------------------------------
const hostileFiles = Object.keys(manifest.hostile ?? {});
if (ONLY.includes("preflight")) {
  results.preflight = {};
  const rows = [];
  const inputs = [["tally-10k.xlsx", RUNS_SMALL], ["tally-200k.xlsx", RUNS_BIG], ...hostileFiles.map((f) => [`hostile/${f}`, RUNS_SMALL])];
  for (const [f, n] of inputs) {
    const rs = [];
    for (let i = 0; i < n; i++) rs.push(await runNode([CHILD, "preflight", join(DIR, f)], { env: childEnv, timeoutMs: 60_000, rssCap: 3 * 2 ** 30 }));
    const r0 = rs[0].result;
    const m = { ms: median(rs.map((r) => r.result?.ms)), peak: median(rs.map((r) => r.peak)), runs: n, ok: r0?.ok, error: r0?.error, killed: rs[0].killed };
    results.preflight[f] = m;
    rows.push([f, m.ms < 10 ? m.ms.toFixed(2) : ms(m.ms), mib(m.peak), m.killed ?? (m.ok ? `passes (${r0.entries} entries, ${(r0.totalBytes / 1e6).toFixed(1)} MB inflated)` : `rejected: ${m.error}`)]);
  }
  console.log(`## 3. Zip preflight (bench/xlsx/preflight.mjs; default caps 2000 entries, 256 MiB per entry, 512 MiB total; median of ${RUNS_SMALL} / ${RUNS_BIG} for the 200k file)\n`);
  table(["input", "preflight ms (in-process, file already read)", "peak RSS MiB (whole process)", "outcome"], rows);
}

// 4. Hostile inputs with @e965/xlsx -----------------------------------------------------------
if (ONLY.includes("hostile")) {
  const WATCH = { timeoutMs: 60_000, rssCap: 3 * 2 ** 30 };
  const cases = hostileFiles.map((f) => [f, "e965-project"]);
  cases.push(["styled-empty-1m-rows.xlsx", "e965-project", "10001"], ["cell-at-xfd1048576.xlsx", "e965-project", "10001"]);
  cases.push(["dimension-lie.xlsx", "e965-defaults"], ["cell-at-xfd1048576.xlsx", "e965-defaults"], ["proto.xlsx", "e965-defaults"]);
  if (have.xlsx) cases.push(["proto.xlsx", "xlsx-0.18.5"]);
  results.hostile = {};
  const rows = [];
  const describe = (r) => {
    if (r.killed) return `**${r.killed}**`;
    const o = r.result;
    if (!o) return `crashed (exit ${r.code} ${r.signal ?? ""}) ${r.stderr.split("\n").find((l) => /Error/.test(l)) ?? ""}`;
    const bits = [];
    if (o.error) bits.push(`throws "${o.error}"`);
    else if (!o.firstSheetPresent) bits.push(`**sheet silently missing** (SheetNames ${JSON.stringify(o.sheetNames)}, no error)`);
    else {
      bits.push(`${o.rows.toLocaleString("en")} rows, ${o.cells} non-empty cells${o.rowSlots ? `, \`!data\` length ${o.rowSlots.toLocaleString("en")}` : ""}, ref ${o.ref ?? "–"}`);
      if (o.maxLen > 1000) bits.push(`longest string ${o.maxLen.toLocaleString("en")} chars`);
      if (o.strings?.length) bits.push(`strings ${JSON.stringify(o.strings.slice(0, 4))}`);
      if (o.keys) bits.push(`header keys ${JSON.stringify(o.keys)}`);
      if (o.hostnameLeaked) bits.push("**/etc/hostname content leaked**");
      if (o.sheetNames?.length > 1) bits.push(`SheetNames ${JSON.stringify(o.sheetNames)}, own keys of wb.Sheets ${JSON.stringify(o.sheetsOwnKeys)}${o.sheetsProtoReplaced ? ", **prototype of wb.Sheets replaced**" : ""}`);
    }
    bits.push(o.prototypePolluted?.length ? `**Object.prototype polluted: ${o.prototypePolluted.join(",")}**` : "Object.prototype clean");
    return bits.join("; ");
  };
  for (const [f, mode, sheetRows] of cases) {
    const args = [CHILD, "hostile", mode, join(DIR, "hostile", f), ...(sheetRows ? [sheetRows] : [])];
    const rs = [await runNode(args, { env: childEnv, ...WATCH })];
    if (!rs[0].killed && rs[0].wallMs < 10_000) for (let i = 1; i < RUNS_BIG; i++) rs.push(await runNode(args, { env: childEnv, ...WATCH }));
    const label = `${f} (${(manifest.hostile[f].bytes / 1024).toFixed(0)} KiB) — ${mode}${sheetRows ? `, sheetRows ${sheetRows}` : ""}`;
    const m = { wallMs: median(rs.map((r) => r.wallMs)), parseMs: median(rs.map((r) => r.result?.ms)), peak: median(rs.map((r) => r.peak)), runs: rs.length, outcome: describe(rs[0]), raw: rs[0].result };
    results.hostile[label] = m;
    console.error(`${label}: ${s1(m.wallMs)} s ${mib(m.peak)} MiB ${m.outcome}`);
    rows.push([label, s1(m.wallMs), mib(m.peak), m.outcome]);
  }
  console.log(`## 4. Hostile inputs (watchdog: SIGKILL at 60 s or 3 GiB RSS; median of ${RUNS_BIG} when a run takes < 10 s, else 1 run)\n`);
  table(["input — reader mode", "process wall s", "peak RSS MiB", "what happens"], rows);
  console.log(Object.entries(manifest.hostile).map(([f, h]) => `- \`${f}\`: ${h.what}`).join("\n") + "\n");
}

results.machine.loadavgAtEnd = os.loadavg().map((x) => x.toFixed(2)).join(" ");
console.log(`load average at start ${results.machine.loadavg}, at end ${results.machine.loadavgAtEnd}\n`);
writeFileSync(OUT, JSON.stringify(results, null, 2) + "\n");
console.error(`raw results: ${OUT}`);
