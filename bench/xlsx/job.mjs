// The Excel rows of the benchmark (issue 19): tdbv reading .xlsx workbooks against openpyxl in
// read-only mode, and in bounded memory. bench/run.mjs calls xlsxJobs(); it also runs alone:
//
//   node bench/xlsx/job.mjs [--runs N] [--tdbv bin/tdbv] [--no-1m]
//
// Rows (each { job, tdbv: {seconds, mb}, peer: {name, seconds, mb} | null, target, met }):
//   100k-row .xlsx vs openpyxl read-only   tdbv summarize X --format csv, against
//                                          python3 bench/xlsx/openpyxl-read.py X (every cell read);
//                                          target: ≤ 0.25× openpyxl's time and < 200 MB
//   1M-row .xlsx memory                     the same data ×10 (1,000,000 rows); target: it completes
//                                          (exit 0) and its peak RSS is < 200 MB, no higher than at 100k
//   300-row report form .xlsx start-up      whole process against `node -e 0`; target ≤ +100 ms
//
// Workbooks are written into bench/data/xlsx/ (git-ignored) from bench/generate.mjs's data by
// write-xlsx.mjs, once. Figures are medians of interleaved runs; peak RSS from /usr/bin/time.
// Each tdbv run's output is compared with the same command on the CSV the workbook was made
// from: a fast wrong answer is not met.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { csvToXlsx, formLabels } from "./write-xlsx.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const DATA = join(ROOT, "bench", "data", "xlsx");
const NODE = process.execPath;
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const PYTHON = ["/usr/bin/python3", "python3"].find((p) => spawnSync(p, ["-c", "import openpyxl"], { stdio: "ignore" }).status === 0) ?? null;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

/** One timed run: seconds (wall), peak RSS in MB, exit status, standard output. */
function timed(cmd, args, env = {}) {
  const full = TIME ? [TIME, ["-f", "%e %M", cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(full[0], full[1], { encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const wall = (performance.now() - t0) / 1000;
  let mb = null;
  if (TIME) {
    const m = /(\d+(?:\.\d+)?) (\d+)\s*$/.exec(r.stderr ?? "");
    if (m) mb = Number(m[2]) / 1024;
  }
  return { seconds: wall, mb, status: r.status, stdout: r.stdout ?? "" };
}

async function ensure(rows, { form = false } = {}) {
  mkdirSync(DATA, { recursive: true });
  const csv = join(DATA, `tally-${rows}.csv`);
  const xlsx = join(DATA, form ? `form-${rows}.xlsx` : `tally-${rows}.xlsx`);
  if (!existsSync(csv)) {
    const g = spawnSync(NODE, [join(ROOT, "bench", "generate.mjs"), "--rows", String(rows), "--out", csv], { stdio: "inherit" });
    if (g.status !== 0) throw new Error(`bench/generate.mjs failed for ${rows} rows`);
  }
  if (!existsSync(xlsx) || statSync(xlsx).mtimeMs < statSync(csv).mtimeMs) {
    await csvToXlsx(csv, xlsx, form ? { labels: await formLabels(), title: ["BÁO CÁO KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC", "Kỳ báo cáo: năm 2024"] } : {});
  }
  return { csv, xlsx };
}

const fmt = (x, d = 2) => (x == null || Number.isNaN(x) ? "–" : x.toFixed(d));

/**
 * The Excel rows. `runs` per measurement (the 1M-row one runs once or twice), `tdbv` the entry
 * point to time (default bin/tdbv), `log` a function for progress lines.
 */
export async function xlsxJobs({ runs = 3, tdbv = join(ROOT, "bin", "tdbv"), log = () => {}, million = true } = {}) {
  const out = [];
  const summarize = (file) => [tdbv, "summarize", file, "--format", "csv", "-q"];

  // 100k rows against openpyxl.
  {
    const { csv, xlsx } = await ensure(100_000);
    const expected = spawnSync(NODE, summarize(csv), { encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
    const t = [];
    const p = [];
    let same = true;
    for (let i = 0; i < runs; i++) {
      const a = timed(NODE, summarize(xlsx));
      same &&= a.status === 0 && a.stdout === expected;
      t.push(a);
      if (PYTHON) p.push(timed(PYTHON, [join(HERE, "openpyxl-read.py"), xlsx]));
      log(`  100k .xlsx run ${i + 1}: tdbv ${fmt(a.seconds)} s ${fmt(a.mb, 0)} MB` + (PYTHON ? `, openpyxl ${fmt(p.at(-1).seconds)} s ${fmt(p.at(-1).mb, 0)} MB` : ""));
    }
    const tdbvFig = { seconds: median(t.map((x) => x.seconds)), mb: median(t.map((x) => x.mb)) };
    const peer = PYTHON ? { name: "openpyxl read-only", seconds: median(p.map((x) => x.seconds)), mb: median(p.map((x) => x.mb)) } : null;
    out.push({
      job: "100k-row .xlsx vs openpyxl read-only",
      tdbv: tdbvFig,
      peer,
      target: "≤ 0.25× openpyxl read-only time, < 200 MB" + (same ? "" : " (output differs from the CSV's: not met)") + (PYTHON ? "" : " (openpyxl not installed: python3-openpyxl)"),
      met: same && tdbvFig.mb < 200 && (peer ? tdbvFig.seconds <= 0.25 * peer.seconds : false),
    });
  }

  // 1M rows: memory.
  if (million) {
    const { csv, xlsx } = await ensure(1_000_000);
    const expected = spawnSync(NODE, summarize(csv), { encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
    const n = Math.max(1, Math.min(runs, 2));
    const t = [];
    let same = true;
    for (let i = 0; i < n; i++) {
      const a = timed(NODE, summarize(xlsx));
      same &&= a.status === 0 && a.stdout === expected;
      t.push(a);
      log(`  1M .xlsx run ${i + 1}: tdbv ${fmt(a.seconds)} s ${fmt(a.mb, 0)} MB, exit ${a.status}`);
    }
    const fig = { seconds: median(t.map((x) => x.seconds)), mb: Math.max(...t.map((x) => x.mb ?? Infinity)) };
    const at100k = out[0]?.tdbv.mb ?? 200;
    out.push({
      job: "1M-row .xlsx memory",
      tdbv: fig,
      peer: null,
      target: `completes, same totals as the CSV, peak < 200 MB (100k: ${fmt(at100k, 0)} MB)` + (same ? "" : " (output differs or failed: not met)"),
      met: same && fig.mb < 200,
    });
  }

  // 300-row report form: start-up.
  {
    const { xlsx } = await ensure(300, { form: true });
    const n = Math.max(5, runs * 5);
    const a = [];
    const b = [];
    for (let i = 0; i < n; i++) {
      a.push(timed(NODE, summarize(xlsx)));
      b.push(timed(NODE, ["-e", "0"]));
    }
    const tdbvFig = { seconds: median(a.map((x) => x.seconds)), mb: median(a.map((x) => x.mb)) };
    const peer = { name: "node -e 0", seconds: median(b.map((x) => x.seconds)), mb: median(b.map((x) => x.mb)) };
    const over = (tdbvFig.seconds - peer.seconds) * 1000;
    log(`  300-row form .xlsx: +${over.toFixed(0)} ms over node -e 0`);
    out.push({ job: "300-row report form .xlsx start-up", tdbv: tdbvFig, peer, target: `≤ +100 ms over node -e 0 (measured +${over.toFixed(0)} ms)`, met: a.every((x) => x.status === 0) && over <= 100 });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv;
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1] : dflt;
  };
  const rows = await xlsxJobs({ runs: Number(opt("--runs", 3)), tdbv: opt("--tdbv", join(ROOT, "bin", "tdbv")), log: (s) => console.error(s), million: !argv.includes("--no-1m") });
  console.log("| job | tdbv | peer | target | met |\n|---|---|---|---|---|");
  for (const r of rows) {
    const peer = r.peer ? `${r.peer.name}: ${fmt(r.peer.seconds)} s, ${fmt(r.peer.mb, 0)} MB` : "–";
    console.log(`| ${r.job} | ${fmt(r.tdbv.seconds)} s, ${fmt(r.tdbv.mb, 0)} MB | ${peer} | ${r.target} | ${r.met ? "met" : "not met"} |`);
  }
}
