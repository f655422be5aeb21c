// Shared by the tests: run bin/tdbv as a user would, and build sheets from inline text.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv } from "../src/read/csv.js";
import type { Io } from "../src/cli/main.js";
import { bufferSource } from "../src/read/source.js";
import type { Sheet } from "../src/read/sheet.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = fileURLToPath(new URL("../bin/tdbv", import.meta.url));

const made: string[] = [];

/** A new folder in the system's temporary folder, removed when the test file ends (test/setup/temp-dirs.ts). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tdbv-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir() made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs bin/tdbv from the repository root with no terminal, no colour forced. */
export function tdbv(args: readonly string[], options: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): Run {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "FORCE_COLOR" && k !== "NO_COLOR") env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.stdin ?? "",
    env: { ...env, ...options.env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A CSV sheet from inline text, read as the CLI reads a file of that name. */
export function sheet(text: string, file = "test.csv"): Sheet {
  return readCsv(bufferSource(file, Buffer.from(text, "utf8")), { delimiter: null, encoding: null });
}

/**
 * An Io for calling main() in-process: no terminal, output captured, files served by `read`
 * (a path -> bytes function that throws the file system's error for a missing file).
 */
export function captureIo(read: (path: string) => Buffer, over: Partial<Io> = {}): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    stdout: (t) => void out.push(typeof t === "string" ? t : Buffer.from(t).toString("latin1")),
    stderr: (t) => void err.push(t),
    openStdin: () => bufferSource("-", Buffer.alloc(0)),
    readFile: read,
    openFile: (p) => bufferSource(p, read(p)),
    out,
    err,
    ...over,
  };
}

/** captureIo over files held in memory; a missing one fails as the file system would. */
export function memoryIo(files: Record<string, Uint8Array>) {
  return captureIo((p) => {
    const f = files[p];
    if (!f) throw Object.assign(new Error(`ENOENT: ${p}`), { code: "ENOENT" });
    return Buffer.from(f);
  });
}
