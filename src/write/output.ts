// Writing a report: to standard output, or to a file atomically (a temporary file in the
// target's folder, flushed, then renamed over the target), so a reader never sees half a
// report and a failed run leaves the previous report intact.

import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { TdbvError } from "../errors.js";

export function writeAtomic(path: string, content: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, "wx", 0o644);
    writeFileSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    const e = err as NodeJS.ErrnoException;
    throw new TdbvError("output", `cannot write ${path}: ${e.code ?? ""} ${e.message}`.trim(), "Check that the folder exists and is writable.");
  }
}
