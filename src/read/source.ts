// Where an input's bytes come from: a file read in chunks (so a large CSV never sits in memory
// whole), or a buffer already in memory (standard input, tests). Readers see the first 64 KB
// at once, to decide the format, encoding and delimiter, and then the whole content as chunks.

import { closeSync, openSync, readSync } from "node:fs";

export interface ByteSource {
  readonly file: string;
  /** The first bytes (up to 64 KB): enough to decide format, encoding and delimiter. */
  readonly head: Buffer;
  /** Every byte, from the start, in chunks. Each call reads again from the start. */
  chunks(): Generator<Buffer>;
}

export const HEAD_BYTES = 64 * 1024;
const CHUNK_BYTES = 1 << 20;

export function bufferSource(file: string, bytes: Buffer): ByteSource {
  return {
    file,
    head: bytes.subarray(0, HEAD_BYTES),
    *chunks() {
      for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
    },
  };
}

/** A file read lazily; `fd` stays open until the last chunk is read (or the generator closes). */
export function fileSource(file: string, path: string = file): ByteSource {
  const fd = openSync(path, "r");
  let headBuf: Buffer;
  try {
    const buf = Buffer.allocUnsafe(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    headBuf = buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
  return {
    file,
    head: headBuf,
    *chunks() {
      const fd2 = openSync(path, "r");
      try {
        let position = 0;
        for (;;) {
          const buf = Buffer.allocUnsafe(CHUNK_BYTES);
          const n = readSync(fd2, buf, 0, CHUNK_BYTES, position);
          if (n === 0) return;
          position += n;
          yield n === CHUNK_BYTES ? buf : buf.subarray(0, n);
        }
      } finally {
        closeSync(fd2);
      }
    },
  };
}

/** All the bytes at once (workbooks are parsed whole). */
export function readAllBytes(source: ByteSource): Buffer {
  return Buffer.concat([...source.chunks()]);
}
