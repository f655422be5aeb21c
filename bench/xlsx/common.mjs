// Shared helpers for the spreadsheet-reader measurements (see docs/spreadsheet-readers.md).
// Plain Node ES module, no dependencies beyond the project's own @e965/xlsx.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import zlib from "node:zlib";

export const HERE = new URL(".", import.meta.url).pathname;

/** Where generated workbooks go: --data DIR, else $XLSX_BENCH_DIR, else $TMPDIR/tdbv-xlsx-bench. Never the repo. */
export function dataDir(argv = process.argv) {
  const i = argv.indexOf("--data");
  if (i >= 0 && argv[i + 1]) return resolve(argv[i + 1]);
  return resolve(process.env.XLSX_BENCH_DIR || join(tmpdir(), "tdbv-xlsx-bench"));
}

/** Directory holding node_modules with the comparison libraries: --compare DIR, else $XLSX_COMPARE_DIR. */
export function compareDir(argv = process.argv) {
  const i = argv.indexOf("--compare");
  if (i >= 0 && argv[i + 1]) return resolve(argv[i + 1]);
  return process.env.XLSX_COMPARE_DIR ? resolve(process.env.XLSX_COMPARE_DIR) : null;
}

/** `require` rooted in the comparison directory (null when none is configured). */
export function compareRequire(dir = compareDir()) {
  return dir ? createRequire(join(dir, "noop.js")) : null;
}

/** The project's SheetJS build, resolved from the repository's own node_modules. */
export function loadSheetJS() {
  return import("@e965/xlsx/xlsx.mjs");
}

/** Options the project passes to XLSX.read (docs/spreadsheet-readers.md). */
export function projectReadOptions(sheetRows) {
  return { type: "buffer", dense: true, nodim: true, cellText: false, cellHTML: false, cellNF: true, sheetRows };
}

export function median(xs) {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const MiB = 1024 * 1024;

function procStatus(pid) {
  try {
    const t = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k) => Number((t.match(new RegExp(`^${k}:\\s+(\\d+)`, "m")) || [])[1] || 0);
    return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
  } catch {
    return null;
  }
}

/**
 * Runs `node <args>` in a fresh process, with a watchdog: SIGKILL after timeoutMs or once RSS passes
 * rssCap bytes (polled from /proc every 50 ms; Linux only). The child may print one JSON line
 * starting with `RESULT ` on stdout. Returns wall ms, peak RSS in bytes, exit status and the result.
 */
export function runNode(args, { timeoutMs = 600_000, rssCap = Infinity, env, cwd } = {}) {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: env ?? process.env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let peak = 0;
    let killed = null;
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
    const poll = setInterval(() => {
      const s = procStatus(child.pid);
      if (!s) return;
      peak = Math.max(peak, s.hwm, s.rss);
      if (s.rss > rssCap && !killed) {
        killed = `killed: RSS > ${Math.round(rssCap / MiB)} MiB`;
        child.kill("SIGKILL");
      }
    }, 50);
    const timer = setTimeout(() => {
      if (!killed) {
        killed = `killed: > ${timeoutMs / 1000} s`;
        child.kill("SIGKILL");
      }
    }, timeoutMs);
    child.on("close", (code, signal) => {
      const wallMs = performance.now() - t0;
      clearInterval(poll);
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      let result = null;
      if (line) result = JSON.parse(line.slice(7));
      if (result?.maxRSS) peak = Math.max(peak, result.maxRSS);
      done({ wallMs, peak, code, signal, killed, result, stderr: err.trim() });
    });
  });
}

/** For children: print the result line, with this process's CPU time and peak RSS (bytes). */
export function report(obj) {
  const u = process.resourceUsage();
  const line = { ...obj, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRSS: u.maxRSS * 1024 };
  process.stdout.write("RESULT " + JSON.stringify(line) + "\n");
}

// ---------------------------------------------------------------------------------------------
// Minimal zip writer (32-bit, deflate or store). Used to build hostile files byte by byte, so a
// header can declare a size other than the real one.

let CRC_TABLE;
export function crc32(buf, prev = 0) {
  if (typeof zlib.crc32 === "function") return zlib.crc32(buf, prev); // Node >= 20.15
  if (!CRC_TABLE) {
    CRC_TABLE = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c;
    }
  }
  let c = ~prev;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * The project's own zip writer (src/write/zip.ts, built to dist/ by `npm run build`): entries
 * [{ name, data: Buffer }] or [{ name, raw: Buffer, crc, size }] (pre-compressed); optional
 * declaredSize (what the headers claim as uncompressed size).
 */
export { writeZip as zipWrite } from "../../dist/write/zip.js";
