// What the CLI touches of the outside world, in one value: the terminal, the environment,
// standard output and error, and files. main() takes it as an argument, so tests run the CLI
// in-process with their own; processIo() is the real one.

import { existsSync } from "node:fs";
import { usageError } from "../errors.js";
import { pathSource, readBounded, streamSource, type ByteSource } from "../read/source.js";
import type { Environment } from "./options.js";

export interface Io extends Environment {
  readonly stdout: (text: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
  /** Standard input, read in chunks as it is consumed (only once). */
  readonly openStdin: () => ByteSource;
  /**
   * A whole file of at most `max` bytes, null when it has more (never reading past max + 1,
   * even from a stream that never ends); throws the file system's error if it cannot be opened.
   */
  readonly readFile: (path: string, max: number) => Buffer | null;
  /**
   * A file's bytes, read lazily in chunks; a path that is a stream (a named pipe, /dev/stdin)
   * is read as it comes, once (throws the file system's error if it cannot be opened).
   */
  readonly openFile: (path: string) => ByteSource;
  /** The current folder, where tdbv.config.json is looked for (none: no configuration is looked for). */
  readonly cwd?: string;
  /** Whether a path exists (to look for tdbv.config.json). */
  readonly exists?: (path: string) => boolean;
}


export function processIo(): Io {
  let stdinTaken = false;
  return {
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stdout.isTTY && process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
    env: process.env,
    stdout: (t) => {
      if (t.length) process.stdout.write(t);
    },
    stderr: (t) => {
      if (t) process.stderr.write(t);
    },
    // Read from descriptor 0 directly: process.stdin would switch it to non-blocking.
    openStdin: () => {
      if (stdinTaken) {
        throw usageError(
          { vi: "đầu vào chuẩn (-) chỉ đọc được một lần", en: "standard input (-) can be read only once" },
          { vi: "Ghi tên tệp cho các đầu vào còn lại.", en: "Name a file for the other inputs." },
        );
      }
      stdinTaken = true;
      return streamSource("-", 0);
    },
    readFile: (p, max) => readBounded(p, max),
    openFile: (p) => pathSource(p),
    cwd: process.cwd(),
    exists: (p) => existsSync(p),
  };
}
