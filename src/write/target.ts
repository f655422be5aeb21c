// What a path given to --output is, decided before anything is written (docs/safety.md, "Output"):
//  - a regular file or nothing: the report replaces it atomically (temporary file, rename);
//  - a symbolic link: followed to its final target (which need not exist), and that target is
//    replaced atomically in its own folder; the link stays a link;
//  - a character device or a FIFO (/dev/null, /dev/full, a named pipe): written directly, never
//    replaced; /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N are tdbv's own descriptor;
//  - a folder, a block device (a disk) or a socket: refused.

import { lstatSync, readlinkSync, realpathSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Text } from "../domain/problems.js";
import { TdbvError } from "../errors.js";

export type Target =
  /** Replaced atomically: `real` is the final path (links followed), `existing` what is there now. */
  | { readonly kind: "file"; readonly path: string; readonly real: string; readonly existing: Stats | null }
  /** Written in place: a descriptor of tdbv's own, or a device or FIFO opened for writing. */
  | { readonly kind: "direct"; readonly path: string; readonly fd: number | null; readonly open: string };

/** The descriptor a path names when it is one of tdbv's own (/dev/stdout, /dev/fd/1, /proc/self/fd/1), else null. */
export function descriptorOf(abs: string): number | null {
  if (abs === "/dev/stdout") return 1;
  if (abs === "/dev/stderr") return 2;
  const m = /^(?:\/dev\/fd|\/proc\/(?:self|thread-self|(\d+))\/fd)\/(\d+)$/.exec(abs);
  if (!m || (m[1] !== undefined && Number(m[1]) !== process.pid)) return null;
  return Number(m[2]);
}

/** `p` made absolute with its folder's real path (links and `..` resolved as the kernel would), when the folder exists. */
export function canonical(p: string): string {
  const abs = resolve(p);
  if (abs === "/") return abs;
  const name = basename(p.replace(/\/+$/, "")) || basename(abs);
  const dir = p.endsWith("/") || name === "." || name === ".." ? null : dirname(p);
  if (dir === null) {
    try {
      return realpathSync(p);
    } catch {
      return abs;
    }
  }
  try {
    return join(realpathSync(dir), name);
  } catch {
    return abs;
  }
}

/**
 * The output error (exit 4) for a file system error; anything else (a renderer's own failure
 * while its chunks were written) is returned as it is, to be reported as what it is.
 */
export function outputError(path: string, err: unknown): Error {
  if (err instanceof TdbvError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code !== "string") return err instanceof Error ? err : new Error(String(err));
  const why = WHY[code] ?? { vi: code, en: code };
  return new TdbvError(
    "output",
    { vi: `không ghi được ${path}: ${why.vi}`, en: `cannot write ${path}: ${why.en}` },
    code === "ENOSPC"
      ? { vi: "Giải phóng bớt dung lượng, hoặc ghi báo cáo vào chỗ khác.", en: "Free some space, or write the report elsewhere." }
      : { vi: "Kiểm tra thư mục có tồn tại và ghi được không.", en: "Check that the folder exists and is writable." },
  );
}

/** What the file system's error codes mean, in words (others are shown as their code). */
const WHY: Record<string, Text> = {
  ENOENT: { vi: "thư mục không tồn tại", en: "the folder does not exist" },
  EACCES: { vi: "không có quyền ghi", en: "permission denied" },
  EPERM: { vi: "không có quyền ghi", en: "permission denied" },
  ENOSPC: { vi: "ổ đĩa hoặc thiết bị hết chỗ trống (ENOSPC)", en: "no space left on the disk or device (ENOSPC)" },
  EROFS: { vi: "hệ thống tệp chỉ cho đọc", en: "the file system is read-only" },
  EISDIR: { vi: "đó là một thư mục", en: "it is a folder" },
  ENOTDIR: { vi: "một phần của đường dẫn không phải là thư mục", en: "a part of the path is not a folder" },
  ELOOP: { vi: "một vòng lặp liên kết tượng trưng", en: "a loop of symbolic links" },
  EPIPE: { vi: "bên đọc đã đóng (EPIPE)", en: "the reader went away (EPIPE)" },
  ENXIO: { vi: "không có thiết bị này, hoặc không có bên đọc (ENXIO)", en: "no such device, or no reader (ENXIO)" },
};

/** Classifies an --output path; throws the output error for a folder, a disk, a socket or a link loop. */
export function resolveTarget(path: string): Target {
  // "reports/" names a folder, existing or not: never a file called "reports".
  if (path.endsWith("/")) throw outputError(path, Object.assign(new Error("folder"), { code: "EISDIR" }));
  let real = canonical(path);
  for (let hops = 0; ; hops++) {
    const fd = descriptorOf(real);
    if (fd !== null) return { kind: "direct", path, fd, open: real };
    let st: Stats;
    try {
      st = lstatSync(real);
    } catch (err) {
      // Nothing there (or its folder is missing: said when the temporary file cannot be made).
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { kind: "file", path, real, existing: null };
      throw outputError(path, err);
    }
    if (st.isSymbolicLink()) {
      if (hops >= 40) throw outputError(path, Object.assign(new Error("loop"), { code: "ELOOP" }));
      const link = readlinkSync(real);
      real = canonical(link.startsWith("/") ? link : `${dirname(real)}/${link}`);
      continue;
    }
    if (st.isFile()) return { kind: "file", path, real, existing: st };
    if (st.isDirectory()) throw outputError(path, Object.assign(new Error("folder"), { code: "EISDIR" }));
    if (st.isCharacterDevice() || st.isFIFO()) return { kind: "direct", path, fd: null, open: real };
    throw new TdbvError(
      "output",
      {
        vi: `không ghi được ${path}: đó là ${st.isBlockDevice() ? "thiết bị khối (một ổ đĩa)" : "socket"}`,
        en: `cannot write ${path}: it is a ${st.isBlockDevice() ? "block device (a disk)" : "socket"}`,
      },
      {
        vi: "tdbv ghi báo cáo vào tệp, vào thiết bị ký tự như /dev/null và vào FIFO; hãy chỉ định một tệp.",
        en: "tdbv writes reports to files, to character devices such as /dev/null and to FIFOs; name a file.",
      },
    );
  }
}
