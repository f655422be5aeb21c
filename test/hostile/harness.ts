// The harness of the hostile-input corpus (issue 14): runs one case end to end through bin/tdbv
// in its own folder, with a hard bound on time and memory that only a hang or a blow-up reaches
// (a watchdog kills the whole process group), measures peak RSS, and checks that no file in the
// case's folder (or any other path the case names) changed except the declared outputs.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, createReadStream, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { BIN } from "../helpers.js";

/** GNU time, for the peak RSS of the whole run; without it, a node wrapper reads resourceUsage(). */
export const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
/** Without GNU time: run bin/tdbv inside a node that writes its own peak RSS (kB) at exit. */
const WRAPPER = `const [f, bin, ...a] = process.argv.slice(1); process.argv = [process.argv[0], bin, ...a];
process.on("exit", () => require("fs").writeFileSync(f, String(process.resourceUsage().maxRSS)));
import(require("url").pathToFileURL(bin).href);`;

export interface Ctx {
  /** The case's folder: the working directory of the run; everything in it is hashed. */
  readonly dir: string;
  /** A folder outside `dir` for the harness's own files (stdout, stderr). */
  readonly scratch: string;
  /** An absolute path inside the case's folder. */
  p(rel: string): string;
  write(rel: string, data: string | Uint8Array): string;
  /** A process started for the run (a FIFO's writer or reader), killed when the run ends. */
  background(cmd: string): ChildProcess;
}

export interface Run {
  readonly status: number | null;
  readonly signal: string | null;
  /** "time" or "memory" when the watchdog killed the run. */
  readonly killed: "time" | "memory" | null;
  readonly ms: number;
  readonly peakRssMb: number | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
}

export interface HostileCase {
  readonly name: string;
  /** The item of issue 14 this case belongs to, or null for general robustness. */
  readonly item: number | null;
  /** Makes the inputs in ctx.dir (may be async, may stream big files). */
  setup?(ctx: Ctx): void | Promise<void>;
  /** The arguments of bin/tdbv, run in ctx.dir. */
  args?: readonly string[] | ((ctx: Ctx) => readonly string[]);
  /** Instead of args: a bash command line; "$TDBV" is the tdbv command. */
  shell?: string | ((ctx: Ctx) => string);
  /** Standard input: bytes, or { file } (a path in ctx.dir). Default: empty. */
  stdin?: string | Uint8Array | { file: string };
  /** The only paths (relative to ctx.dir, or absolute) the run may create, change or remove. */
  outputs?: readonly string[];
  /** Paths outside ctx.dir that must not change either. */
  watch?: (ctx: Ctx) => readonly string[];
  /** The expected exit status, or every acceptable one. */
  exit: number | readonly number[];
  stderr?: string | RegExp | readonly (string | RegExp)[];
  stdout?: string | RegExp | readonly (string | RegExp)[];
  /** Must appear nowhere: standard output, standard error, nor the declared outputs. */
  never?: readonly (string | RegExp)[];
  /** Further checks after the run: each string returned is a failure. */
  check?(ctx: Ctx, run: Run): string[] | void | Promise<string[] | void>;
  /** Bounds: kill after this long / above this resident size. Generous defaults. */
  timeoutMs?: number;
  maxRssMb?: number;
  /** Standard error larger than this fails the case (messages quote short excerpts). */
  maxStderrBytes?: number;
}

export interface Result {
  readonly name: string;
  readonly item: number | null;
  readonly expected: string;
  readonly run: Run | null;
  readonly failures: string[];
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RSS_MB = 1024;
export const DEFAULT_MAX_STDERR = 1 << 20;
/** What the run keeps of standard output and error in memory (the rest is only counted). */
const KEEP = 4 << 20;

// ---------------------------------------------------------------------------------------------
// Snapshots: every entry under a folder, by lstat (links are not followed), contents hashed.

type Entry = string;

async function hashFile(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

async function describeEntry(path: string): Promise<Entry | null> {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return null;
  }
  const mode = (st.mode & 0o7777).toString(8);
  if (st.isSymbolicLink()) return `link -> ${readlinkSync(path)}`;
  if (st.isDirectory()) return `dir ${mode}`;
  if (st.isFIFO()) return `fifo ${mode}`;
  if (st.isCharacterDevice() || st.isBlockDevice()) return `device ${st.rdev} ${mode}`;
  if (st.isSocket()) return "socket";
  return `file ${mode} ${st.uid}:${st.gid} ${st.size} ${await hashFile(path)}`;
}

export async function snapshot(root: string, extra: readonly string[] = []): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  const walk = async (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const e = await describeEntry(path);
      if (e === null) continue;
      out.set(path, e);
      if (e.startsWith("dir ")) await walk(path);
    }
  };
  await walk(root);
  for (const path of extra) out.set(path, (await describeEntry(path)) ?? "missing");
  return out;
}

export function changes(before: Map<string, Entry>, after: Map<string, Entry>, allowed: ReadonlySet<string>, root: string): string[] {
  const out: string[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(path);
    const b = after.get(path);
    if (a === b || allowed.has(path)) continue;
    const rel = path.startsWith(root) ? relative(root, path) : path;
    out.push(a === undefined ? `created ${rel}` : b === undefined ? `removed ${rel}` : `changed ${rel} (${short(a)} -> ${short(b)})`);
  }
  return out;
}
const short = (e: Entry) => (e.length > 40 ? `${e.slice(0, 40)}…` : e);

// ---------------------------------------------------------------------------------------------
// The watchdog: the resident size of a process and its descendants, from /proc.

function descendants(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* gone */
    }
  }
  return out;
}

function treeRssMb(pid: number): number {
  let kb = 0;
  for (const p of descendants(pid)) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

const HAS_PROC = existsSync("/proc/self/status");

// ---------------------------------------------------------------------------------------------

function tdbvEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(FORCE_COLOR|NO_COLOR|NODE_OPTIONS|VITEST.*|TDBV.*)$/.test(k)) env[k] = v;
  // unquoted: expanded by bash as two words (the paths hold no spaces in CI or here)
  env.TDBV = `${process.execPath} ${BIN}`;
  env.LC_ALL = "C.UTF-8";
  return env;
}

let serial = 0;

/** Runs one case in a new folder under `base`; the folder is left for the caller to remove. */
export async function runCase(c: HostileCase, base: string): Promise<Result> {
  const id = `${String(++serial).padStart(3, "0")}-${c.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 40)}`;
  const dir = join(base, id, "case");
  const scratch = join(base, id, "harness");
  mkdirSync(dir, { recursive: true });
  mkdirSync(scratch, { recursive: true });
  const bg: ChildProcess[] = [];
  const ctx: Ctx = {
    dir,
    scratch,
    p: (rel) => resolve(dir, rel),
    write: (rel, data) => {
      const path = resolve(dir, rel);
      writeFileSync(path, data);
      return path;
    },
    background: (cmd) => {
      const child = spawn("bash", ["-c", cmd], { cwd: dir, stdio: "ignore", detached: true });
      child.on("error", () => {});
      bg.push(child);
      return child;
    },
  };
  const expected = Array.isArray(c.exit) ? (c.exit as number[]).join("|") : String(c.exit);
  const failures: string[] = [];
  let run: Run | null = null;
  try {
    await c.setup?.(ctx);
    const watched = c.watch?.(ctx) ?? [];
    const allowed = new Set((c.outputs ?? []).map((o) => resolve(dir, o)));
    const before = await snapshot(dir, watched);
    run = await execute(c, ctx);
    for (const child of bg) killGroup(child.pid);
    const after = await snapshot(dir, watched);
    failures.push(...judge(c, run));
    failures.push(...changes(before, after, allowed, dir).map((s) => `file outside the output: ${s}`));
    for (const o of c.never ?? []) {
      for (const out of allowed) {
        try {
          if (lstatSync(out).isFile() && statSync(out).size < 256 << 20 && matches(readFileSync(out).toString("utf8"), o)) failures.push(`${relative(dir, out)} contains ${o}`);
        } catch {
          /* not written */
        }
      }
    }
    const more = await c.check?.(ctx, run);
    if (more) failures.push(...more);
  } catch (err) {
    failures.push(`harness: ${(err as Error).stack ?? err}`);
  } finally {
    for (const child of bg) killGroup(child.pid);
  }
  return { name: c.name, item: c.item, expected, run, failures };
}

function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    /* gone */
  }
}

const matches = (text: string, m: string | RegExp) => (typeof m === "string" ? text.includes(m) : m.test(text));
const list = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? (x as readonly T[]) : [x as T]);

function judge(c: HostileCase, run: Run): string[] {
  const f: string[] = [];
  const ok = list(c.exit);
  if (run.killed) f.push(`killed by the harness: ${run.killed === "time" ? `over ${(c.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s` : `over ${c.maxRssMb ?? DEFAULT_MAX_RSS_MB} MB resident`}`);
  else if (!ok.includes(run.status ?? -1)) f.push(`exit ${run.status ?? run.signal}, expected ${ok.join(" or ")}`);
  const err = run.stderr.toString("utf8");
  const out = run.stdout.toString("utf8");
  if (run.status === 70 || /internal error|lỗi nội bộ/i.test(err)) f.push("internal error (exit 70) reported");
  for (const m of list(c.stderr)) if (!matches(err, m)) f.push(`stderr lacks ${m}`);
  for (const m of list(c.stdout)) if (!matches(out, m)) f.push(`stdout lacks ${m}`);
  for (const m of c.never ?? []) {
    if (matches(out, m)) f.push(`stdout contains ${m}`);
    if (matches(err, m)) f.push(`stderr contains ${m}`);
  }
  const maxErr = c.maxStderrBytes ?? DEFAULT_MAX_STDERR;
  if (run.stderrBytes > maxErr) f.push(`stderr is ${run.stderrBytes} bytes (limit ${maxErr})`);
  return f;
}

async function execute(c: HostileCase, ctx: Ctx): Promise<Run> {
  const timeoutMs = c.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRssMb = c.maxRssMb ?? DEFAULT_MAX_RSS_MB;
  const rssFile = join(ctx.scratch, "peak-rss");
  const outFile = join(ctx.scratch, "stdout");
  const errFile = join(ctx.scratch, "stderr");
  let argv: string[];
  if (c.shell !== undefined) {
    const line = typeof c.shell === "function" ? c.shell(ctx) : c.shell;
    argv = ["bash", "-c", line];
  } else {
    const args = typeof c.args === "function" ? c.args(ctx) : (c.args ?? []);
    argv = [process.execPath, BIN, ...args];
  }
  const cmd = GNU_TIME ? [GNU_TIME, "-f", "%M", "-o", rssFile, ...argv] : argv[0] === process.execPath ? [process.execPath, "-e", WRAPPER, rssFile, ...argv.slice(1)] : argv;
  let stdinFd: number | "pipe" = "pipe";
  if (c.stdin && typeof c.stdin === "object" && "file" in c.stdin) stdinFd = openSync(ctx.p(c.stdin.file), "r");
  const outFd = openSync(outFile, "w");
  const errFd = openSync(errFile, "w");
  const started = Date.now();
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd: ctx.dir, env: tdbvEnv(), stdio: [stdinFd, outFd, errFd], detached: true });
  closeSync(outFd);
  closeSync(errFd);
  if (typeof stdinFd === "number") closeSync(stdinFd);
  else {
    child.stdin!.on("error", () => {});
    child.stdin!.end(typeof c.stdin === "string" || c.stdin instanceof Uint8Array ? c.stdin : "");
  }
  let killed: Run["killed"] = null;
  let watchPeak = 0;
  const timer = setInterval(() => {
    if (Date.now() - started > timeoutMs) killed ??= "time";
    else if (HAS_PROC && child.pid) {
      const rss = treeRssMb(child.pid);
      watchPeak = Math.max(watchPeak, rss);
      if (rss > maxRssMb) killed ??= "memory";
    }
    if (killed) killGroup(child.pid);
  }, 200);
  const [status, signal] = await new Promise<[number | null, string | null]>((res) => {
    child.on("error", () => res([null, "spawn-error"]));
    child.on("exit", (code, sig) => res([code, sig]));
  });
  clearInterval(timer);
  killGroup(child.pid); // anything the run left behind
  const ms = Date.now() - started;
  let peakRssMb: number | null = null;
  try {
    const kb = Number(/(\d+)\s*$/.exec(readFileSync(rssFile, "utf8"))?.[1]);
    if (Number.isFinite(kb) && kb > 0) peakRssMb = Math.round(kb / 1024);
  } catch {
    /* killed before time wrote it */
  }
  if (peakRssMb === null && watchPeak) peakRssMb = Math.round(watchPeak);
  // GNU time exits with the child's status; when the child is killed by a signal it reports
  // "Command terminated by signal N" and exits 128+N.
  const head = (path: string) => {
    const size = statSync(path).size;
    const fd = openSync(path, "r");
    const buf = Buffer.alloc(Math.min(size, KEEP));
    try {
      readFileSyncInto(fd, buf);
    } finally {
      closeSync(fd);
    }
    return { buf, size };
  };
  const o = head(outFile);
  const e = head(errFile);
  return { status: killed ? null : status, signal: killed ? "SIGKILL" : signal, killed, ms, peakRssMb, stdout: o.buf, stderr: e.buf, stdoutBytes: o.size, stderrBytes: e.size };
}

function readFileSyncInto(fd: number, buf: Buffer) {
  let off = 0;
  while (off < buf.length) {
    const n = readSync(fd, buf, off, buf.length - off, off);
    if (n <= 0) break;
    off += n;
  }
}

/** Runs cases `jobs` at a time, in the given order. */
export async function runAll(cases: readonly HostileCase[], base: string, jobs: number, onDone?: (r: Result) => void): Promise<Result[]> {
  const results: Result[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(cases[i]!, base);
      onDone?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}

export function table(results: readonly Result[]): string {
  const rows = results.map((r) => {
    const actual = r.run ? (r.run.killed ? `killed(${r.run.killed})` : String(r.run.status ?? r.run.signal)) : "-";
    const secs = r.run ? (r.run.ms / 1000).toFixed(1) : "-";
    const rss = r.run?.peakRssMb ?? "-";
    return [r.failures.length ? "FAIL" : "ok", r.item === null ? "-" : String(r.item), r.name, r.expected, actual, secs, String(rss), r.failures[0] ?? ""];
  });
  const head = ["", "item", "case", "expected", "actual", "s", "MB", "first failure"];
  const widths = head.map((h, i) => Math.min(i === 2 ? 48 : i === 7 ? 200 : 12, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) => r.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const failed = results.filter((r) => r.failures.length).length;
  return [fmt(head), ...rows.map(fmt), `${results.length} cases, ${results.length - failed} pass, ${failed} fail`].join("\n");
}
