// Writing a report: to standard output, or to a file atomically (a temporary file in the
// target's folder, flushed, then renamed over the target), so a reader never sees half a
// report and a run that fails or is killed leaves the previous report intact. Temporary files
// left by a killed run are removed by the next write to the same target.

import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { TdbvError } from "../errors.js";

const tempPrefix = (path: string) => `.${basename(path)}.tmp-`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temporary files of earlier writes to `path` whose process is gone. */
function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const prefix = tempPrefix(path);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.startsWith(prefix)) continue;
    const pid = Number(e.slice(prefix.length).split("-")[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) {
      try {
        unlinkSync(join(dir, e));
      } catch {
        // another run removed it
      }
    }
  }
}

/**
 * Tests set TDBV_TEST_PAUSE_BEFORE_RENAME_MS to hold a run between writing the temporary file
 * and renaming it, so they can kill it there and check the previous report is intact.
 */
function testPause(): void {
  const ms = Number(process.env.TDBV_TEST_PAUSE_BEFORE_RENAME_MS ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

type Chunk = string | Uint8Array;

/**
 * Writes `content` to `path` atomically. Chunks (a renderer's generator) are written one by one
 * to the temporary file as they come, so a report is never held whole; an asynchronous
 * iterable makes the write asynchronous (the promise settles when the file is in place).
 */
export function writeAtomic(path: string, content: Chunk | Iterable<Chunk>): void;
export function writeAtomic(path: string, content: Chunk | Iterable<Chunk> | AsyncIterable<Chunk>): void | Promise<void>;
export function writeAtomic(path: string, content: Chunk | Iterable<Chunk> | AsyncIterable<Chunk>): void | Promise<void> {
  if (typeof content === "string" || content instanceof Uint8Array) return replaceWith(path, (fd) => writeFileSync(fd, content));
  if (Symbol.asyncIterator in content) {
    return replaceWith(path, async (fd) => {
      for await (const c of content) writeFileSync(fd, c);
    });
  }
  return replaceWith(path, (fd) => {
    for (const c of content) writeFileSync(fd, c);
  });
}

function replaceWith(path: string, fill: (fd: number) => void): void;
function replaceWith(path: string, fill: (fd: number) => Promise<void>): Promise<void>;
function replaceWith(path: string, fill: (fd: number) => void | Promise<void>): void | Promise<void> {
  removeStaleTemps(path);
  const tmp = join(dirname(path), `${tempPrefix(path)}${process.pid}-${randomBytes(4).toString("hex")}`);
  let fd: number | null = null;
  const finish = () => {
    fsyncSync(fd!);
    closeSync(fd!);
    fd = null;
    testPause();
    renameSync(tmp, path);
  };
  const fail = (err: unknown): never => {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    const code = (err as NodeJS.ErrnoException).code;
    // A renderer's own error, met while its chunks are written, is not a write error.
    if (err instanceof TdbvError || !code) throw err;
    throw new TdbvError("output", `cannot write ${path}: ${WHY[code] ?? code}`, "Check that the folder exists and is writable.");
  };
  try {
    fd = openSync(tmp, "wx", 0o644);
    const filled = fill(fd);
    if (filled) return filled.then(finish).catch(fail);
    finish();
  } catch (err) {
    fail(err);
  }
}

/** What the file system's error codes mean, in words (others are shown as their code). */
const WHY: Record<string, string> = {
  ENOENT: "the folder does not exist",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOSPC: "the disk is full",
  EROFS: "the file system is read-only",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
};
