// Where an input's bytes come from: a file read in chunks (so a large CSV never sits in memory
// whole), standard input read as it comes, or a buffer already in memory (tests). Readers see the first 64 KB
// at once, to decide the format, encoding and delimiter, and then the whole content as chunks.

import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { inputError } from "../errors.js";

export interface ByteSource {
  readonly file: string;
  /** The first bytes (up to 64 KB): enough to decide format, encoding and delimiter. */
  readonly head: Buffer;
  /** How many bytes there are, when known before reading (a file's size; not a stream's). */
  readonly size?: number;
  /**
   * Every byte, from the start, in chunks. Each call reads again from the start. With `reuse`,
   * the caller is done with a chunk before it asks for the next, so one buffer is read into
   * again and again (a large file then makes no garbage).
   */
  chunks(reuse?: boolean): Generator<Buffer>;
  /**
   * Reading by position (a regular file, a buffer; not a stream): a workbook's zip is read from
   * its directory at the end, entry by entry, never whole (read/xlsx-stream.ts).
   */
  open?(): RandomFile;
  /** A regular file's bytes from `position` on, in chunks (as chunks()): a reader can jump ahead. */
  chunksFrom?(position: number, reuse?: boolean): Generator<Buffer>;
  /** A regular file's path (worker threads open it again). */
  readonly path?: string;
}

/** A file read by position; close() when done. */
export interface RandomFile {
  readonly size: number;
  /** Up to `length` bytes from `position` (fewer at the end of the file). */
  read(position: number, length: number): Buffer;
  close(): void;
}

export function bufferFile(bytes: Buffer): RandomFile {
  return { size: bytes.length, read: (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)), close() {} };
}

export const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1 << 20;

export function bufferSource(file: string, bytes: Buffer): ByteSource {
  return {
    file,
    head: bytes.subarray(0, HEAD_BYTES),
    size: bytes.length,
    *chunks() {
      for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
    },
    open: () => bufferFile(bytes),
  };
}

/**
 * A file read lazily: its head at once, then (from the start again) in chunks, the file open
 * only while the chunks are being read.
 */
export function fileSource(file: string, path: string = file): ByteSource {
  const fd = openSync(path, "r");
  let headBuf: Buffer;
  let size: number;
  try {
    const buf = Buffer.allocUnsafe(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    headBuf = buf.subarray(0, n);
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  return {
    file,
    head: headBuf,
    size,
    path,
    chunks: (reuse = false) => chunksFrom(0, reuse),
    chunksFrom,
    open() {
      const fd3 = openSync(path, "r");
      const at = fstatSync(fd3).size;
      return {
        size: at,
        read(position: number, length: number) {
          const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, at - position)));
          let n = 0;
          while (n < buf.length) {
            const got = readSync(fd3, buf, n, buf.length - n, position + n);
            if (got === 0) break;
            n += got;
          }
          return n === buf.length ? buf : buf.subarray(0, n);
        },
        close: () => closeSync(fd3),
      };
    },
  };
  function* chunksFrom(from: number, reuse = false): Generator<Buffer> {
    {
      const fd2 = openSync(path, "r");
      try {
        let position = from;
        let buf = Buffer.allocUnsafe(CHUNK_BYTES);
        for (;;) {
          if (!reuse) buf = Buffer.allocUnsafe(CHUNK_BYTES);
          const n = readSync(fd2, buf, 0, CHUNK_BYTES, position);
          if (n === 0) return;
          position += n;
          yield n === CHUNK_BYTES ? buf : buf.subarray(0, n);
        }
      } finally {
        closeSync(fd2);
      }
    }
  }
}

/**
 * A stream that cannot be read twice (standard input): the head is read at once, the rest in
 * chunks as the pipeline asks, so a large CSV piped in is never held in memory whole. Blocking
 * reads; a descriptor left non-blocking by whoever started us (EAGAIN) is waited on.
 */
export function streamSource(file: string, fd: number): ByteSource {
  const read = (buf: Buffer, from: number): number => readStream(fd, buf, from, file);
  const headBuf = Buffer.allocUnsafe(HEAD_BYTES);
  let n = 0;
  let ended = false;
  while (n < HEAD_BYTES) {
    const got = read(headBuf, n);
    if (got === 0) {
      ended = true;
      break;
    }
    n += got;
  }
  const head = headBuf.subarray(0, n);
  let taken = false;
  return {
    file,
    head,
    *chunks(reuse = false) {
      if (taken) throw new Error(`${file} can be read only once`);
      taken = true;
      if (head.length) yield head;
      if (ended) return;
      let buf = Buffer.allocUnsafe(CHUNK_BYTES);
      for (;;) {
        if (!reuse) buf = Buffer.allocUnsafe(CHUNK_BYTES);
        const got = read(buf, 0);
        if (got === 0) return;
        yield got === CHUNK_BYTES ? buf : buf.subarray(0, got);
      }
    },
  };
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** One read from where a stream is (a pipe, a device, a file), waiting out EAGAIN; 0 at its end. */
function readStream(fd: number, buf: Buffer, from: number, file: string): number {
  for (;;) {
    try {
      return readSync(fd, buf, from, buf.length - from, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EOF") return 0;
      if (code !== "EAGAIN") {
        throw inputError(
          { vi: `${file}: không đọc được (${code ?? String(err)})`, en: `${file}: cannot be read (${code ?? String(err)})` },
          file === "-"
            ? { vi: "Chuyển một tệp vào tdbv qua đường ống, hoặc ghi tên tệp thay cho -.", en: "Pipe a file into tdbv, or pass the file's name instead of -." }
            : { vi: "Chỉ định một tệp, hoặc - để đọc đầu vào chuẩn.", en: "Pass a file, or - to read standard input." },
        );
      }
      Atomics.wait(PAUSE, 0, 0, 5);
    }
  }
}

/**
 * A path as the data's source: a regular file is read by position (twice if need be); a path
 * that is a stream (a named pipe, a character device, /dev/stdin or /proc/self/fd/N on a
 * pipe, a shell's <(…)) cannot be, and is read as it comes, once, as standard input is.
 */
export function pathSource(path: string): ByteSource {
  const st = statSync(path);
  if (st.isFIFO() || st.isCharacterDevice() || st.isSocket()) return streamSource(path, openSync(path, "r"));
  return fileSource(path);
}

/**
 * At most `max` bytes of a path, however it ends: a regular file by its size first, anything
 * else (a pipe, /dev/zero) read until it ends or passes `max`, so a stream that never ends
 * cannot grow memory past max + 1 bytes. null when there are more than max bytes (the caller
 * refuses). Throws the file system's error if the path cannot be opened.
 */
export function readBounded(path: string, max: number): Buffer | null {
  const fd = openSync(path, "r");
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: "EISDIR" });
    if (st.isFile() && st.size > max) return null;
    const buf = Buffer.allocUnsafe(Math.min(max + 1, st.isFile() ? st.size + 1 : 64 * 1024));
    let out = buf;
    let n = 0;
    for (;;) {
      if (n === out.length) {
        if (n > max) return null;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, out.length * 2));
        out.copy(bigger, 0, 0, n);
        out = bigger;
      }
      const got = readStream(fd, out, n, path);
      if (got === 0) break;
      n += got;
    }
    return n > max ? null : out.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** All the bytes at once (workbooks are parsed whole); `tooLarge()` is thrown past `max` bytes. */
export function readAllBytes(source: ByteSource, max = Infinity, tooLarge: () => Error = () => new Error(`${source.file} is too large`)): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (const c of source.chunks()) {
    total += c.length;
    if (total > max) throw tooLarge();
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}
