// Writing a report to a file (docs/safety.md, "Output"). A regular file is replaced atomically:
// a temporary file in the target's folder, written, flushed, given the old file's mode and
// owner, then renamed over the target, so a reader never sees half a report and a run that
// fails or is killed leaves the previous report intact. A symbolic link is followed and its
// target replaced the same way (the link stays). A device or FIFO is written in place, never
// replaced. Temporary files left by a killed run are removed by the next write to the same
// target. A set of files (rollup --output "{period}…") is written all or none.

import {
  closeSync,
  constants,
  copyFileSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { TdbvError } from "../errors.js";
import { outputError, resolveTarget, type Target } from "./target.js";

export type Chunk = string | Uint8Array;
/** A report: whole, or in chunks (written to the temporary file as they come). */
export type Content = Chunk | Iterable<Chunk> | AsyncIterable<Chunk>;

const tempPrefix = (path: string) => `.${basename(path)}.tmp-`;
const backupPrefix = (path: string) => `.${basename(path)}.old-`;
const suffix = () => `${process.pid}-${randomBytes(4).toString("hex")}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temporary (and backup) files of earlier writes to `path` whose process is gone. */
function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const prefix of [tempPrefix(path), backupPrefix(path)]) {
    for (const e of entries) {
      if (!e.startsWith(prefix)) continue;
      const pid = Number(e.slice(prefix.length).split("-")[0]);
      if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) quietly(() => unlinkSync(join(dir, e)));
    }
  }
}

function quietly(f: () => void): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

/**
 * Tests set TDBV_TEST_PAUSE_BEFORE_RENAME_MS to hold a run between writing the temporary file
 * and renaming it, so they can kill it there and check the previous report is intact, and
 * TDBV_TEST_FAIL_RENAME_AT=N to make the Nth rename of a set fail.
 */
function testPause(): void {
  const ms = Number(process.env.TDBV_TEST_PAUSE_BEFORE_RENAME_MS ?? 0);
  if (ms > 0) sleep(ms);
}

function testRenameFault(n: number): void {
  if (Number(process.env.TDBV_TEST_FAIL_RENAME_AT ?? 0) === n) throw Object.assign(new Error("injected rename failure"), { code: "EIO" });
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function writeAll(fd: number, chunk: Chunk): void {
  const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (err) {
      // A descriptor of ours another part of Node made non-blocking (standard output on a pipe).
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      sleep(2);
    }
  }
}

async function writeContent(fd: number, content: Content): Promise<void> {
  if (typeof content === "string" || content instanceof Uint8Array) return writeAll(fd, content);
  if (Symbol.asyncIterator in content) {
    for await (const chunk of content as AsyncIterable<Chunk>) writeAll(fd, chunk);
  } else {
    for (const chunk of content as Iterable<Chunk>) writeAll(fd, chunk);
  }
}

/** An existing report keeps its permission bits (not set-user/group-ID) and, where the process may, its owner. */
function keepModeAndOwner(fd: number, existing: Stats | null): void {
  if (!existing) return;
  if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) {
    if (!quietly(() => fchownSync(fd, existing.uid, existing.gid))) quietly(() => fchownSync(fd, -1, existing.gid));
  }
  fchmodSync(fd, existing.mode & 0o1777);
}

function fsyncDir(dir: string): void {
  quietly(() => {
    const fd = openSync(dir, constants.O_RDONLY);
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}

/** Writes a device, a FIFO or a descriptor of ours in place. */
async function writeDirect(t: Extract<Target, { kind: "direct" }>, content: Content): Promise<void> {
  let fd: number | null = null;
  const own = t.fd !== null;
  try {
    fd = own ? t.fd! : openSync(t.open, constants.O_WRONLY | constants.O_NOCTTY);
    // The path became a regular file since it was looked at: never write one in place.
    if (!own && fstatSync(fd).isFile()) {
      throw new TdbvError(
        "output",
        { vi: `không ghi được ${t.path}: tệp đã thay đổi trong lúc tdbv đang ghi (nay là tệp thường)`, en: `cannot write ${t.path}: it changed while tdbv was writing (now a regular file)` },
        { vi: "Chạy lại.", en: "Run again." },
      );
    }
    await writeContent(fd, content);
  } catch (err) {
    throw outputError(t.path, err);
  } finally {
    if (fd !== null && !own) quietly(() => closeSync(fd!));
  }
}

/** A temporary file next to `t.real` holding the whole content, flushed and closed; removed on failure. */
async function writeTemp(t: Extract<Target, { kind: "file" }>, content: Content | (() => Content | Promise<Content>)): Promise<string> {
  removeStaleTemps(t.real);
  const tmp = join(dirname(t.real), `${tempPrefix(t.real)}${suffix()}`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, "wx", t.existing ? 0o600 : 0o644);
    keepModeAndOwner(fd, t.existing);
    await writeContent(fd, typeof content === "function" ? await content() : content);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    return tmp;
  } catch (err) {
    if (fd !== null) quietly(() => closeSync(fd!));
    quietly(() => unlinkSync(tmp));
    throw outputError(t.path, err);
  }
}

/** Writes one report to `path` (see the head of this file); throws TdbvError("output") when it cannot. */
export async function writeAtomic(path: string, content: Content): Promise<void> {
  const t = resolveTarget(path);
  if (t.kind === "direct") return writeDirect(t, content);
  const tmp = await writeTemp(t, content);
  try {
    testPause();
    renameSync(tmp, t.real);
  } catch (err) {
    quietly(() => unlinkSync(tmp));
    throw outputError(path, err);
  }
  fsyncDir(dirname(t.real));
}

export interface OutputFile {
  readonly path: string;
  /** The content, or a function giving it when its turn comes (so one report is in memory at a time). */
  readonly content: Content | (() => Content | Promise<Content>);
}

/**
 * Writes several reports all or none. Every temporary file is written and flushed first; then
 * each existing target is kept under a hard link (or copy) `.name.old-PID-…`, and the
 * temporaries are renamed over the targets. If a rename fails, those done are undone (the old
 * file renamed back, a new one removed) and every temporary removed. A run killed during the
 * renames (a window of microseconds) can leave some reports new and others old, with the old
 * versions of the new ones in `.name.old-PID-…` (removed by the next write); see docs/safety.md.
 */
export async function writeAtomicSet(files: readonly OutputFile[]): Promise<void> {
  if (files.length === 1) return writeAtomic(files[0]!.path, await contentOf(files[0]!));
  const targets = files.map((f) => resolveTarget(f.path));
  const seen = new Map<string, string>();
  for (const t of targets) {
    if (t.kind === "direct") {
      throw new TdbvError(
        "output",
        {
          vi: `không ghi được ${t.path}: đó không phải tệp thường, mà các báo cáo đặt tên theo mẫu được ghi cả bộ, hoặc tất cả hoặc không tệp nào`,
          en: `cannot write ${t.path}: it is not a regular file, and reports named with {period} are written as a set, all or none`,
        },
        { vi: "Chỉ định tên tệp (hoặc một thư mục chứa chúng) trong --output.", en: "Name files (or a folder for them) in --output." },
      );
    }
    const key = t.existing ? `${t.existing.dev}:${t.existing.ino}` : t.real;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new TdbvError(
        "output",
        { vi: `không ghi được ${t.path}: đó cũng là tệp ${other}`, en: `cannot write ${t.path}: it is the same file as ${other}` },
        { vi: "Cho mỗi kỳ (mỗi đơn vị) một tệp riêng bằng {period} ({unit}) trong tên tệp.", en: "Give each period (each unit) its own file with {period} ({unit}) in the file name." },
      );
    }
    seen.set(key, t.path);
  }
  const fileTargets = targets as Extract<Target, { kind: "file" }>[];
  const temps: string[] = [];
  const backups: (string | null)[] = [];
  try {
    for (let i = 0; i < files.length; i++) temps.push(await writeTemp(fileTargets[i]!, files[i]!.content));
    for (const t of fileTargets) {
      if (!t.existing) {
        backups.push(null);
        continue;
      }
      const backup = join(dirname(t.real), `${backupPrefix(t.real)}${suffix()}`);
      try {
        linkSync(t.real, backup);
      } catch {
        try {
          copyFileSync(t.real, backup, constants.COPYFILE_EXCL);
        } catch (err) {
          throw outputError(t.path, err);
        }
      }
      backups.push(backup);
    }
  } catch (err) {
    for (const f of [...temps, ...backups]) if (f) quietly(() => unlinkSync(f));
    throw outputError(files[temps.length]?.path ?? files[0]!.path, err);
  }
  testPause();
  let done = 0;
  try {
    for (; done < fileTargets.length; done++) {
      testRenameFault(done + 1);
      renameSync(temps[done]!, fileTargets[done]!.real);
    }
  } catch (err) {
    const unrestored: string[] = [];
    for (let j = done - 1; j >= 0; j--) {
      const back = backups[j];
      const ok = back ? quietly(() => renameSync(back, fileTargets[j]!.real)) : quietly(() => unlinkSync(fileTargets[j]!.real));
      if (!ok) unrestored.push(back ? `${fileTargets[j]!.path} (its previous version is ${back})` : fileTargets[j]!.path);
    }
    for (let j = done; j < temps.length; j++) quietly(() => unlinkSync(temps[j]!));
    for (let j = done; j < backups.length; j++) if (backups[j]) quietly(() => unlinkSync(backups[j]!));
    const e = outputError(files[done]!.path, err);
    const undone = unrestored.length === 0 ? { vi: "không báo cáo nào bị thay đổi", en: "no report was changed" } : { vi: `không khôi phục được ${unrestored.join(", ")}`, en: `could not restore ${unrestored.join(", ")}` };
    const said = e instanceof TdbvError ? e.said : { vi: `không ghi được ${files[done]!.path}: ${e.message}`, en: `cannot write ${files[done]!.path}: ${e.message}` };
    throw new TdbvError("output", { vi: `${said.vi}; ${undone.vi}`, en: `${said.en}; ${undone.en}` }, e instanceof TdbvError ? e.hint : undefined);
  }
  for (const b of backups) if (b) quietly(() => unlinkSync(b));
  for (const dir of new Set(fileTargets.map((t) => dirname(t.real)))) fsyncDir(dir);
}

async function contentOf(f: OutputFile): Promise<Content> {
  return typeof f.content === "function" ? await f.content() : f.content;
}
