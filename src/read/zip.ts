// A bound on what a zip-based workbook (.xlsx, .ods) may inflate to, checked before any
// spreadsheet library sees it: the entries' count and declared sizes are capped, and each
// entry is inflated with a ceiling one byte above its declared size, which catches headers
// that lie. Spreadsheet libraries have no such limit of their own (docs/spreadsheet-readers.md).

import { constants as zconstants, createInflateRaw, type InflateRaw } from "node:zlib";
import { bufferFile, type RandomFile } from "./source.js";
import type { Text } from "../domain/problems.js";

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxEntryBytes: 512 << 20, maxTotalBytes: 1024 << 20 };

/** Returns why the archive is refused, or null when it is within the limits. */
export function zipProblem(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Text | null {
  return zipSummary(buf, limits).problem;
}

/** The check, with what it counted: entries and the total inflated size (bench/xlsx uses them). */
export function zipSummary(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { problem: Text | null; entries: number; totalBytes: number } {
  const counted = { entries: 0, totalBytes: 0 };
  const problem = walk(buf, limits, counted);
  return { problem, ...counted };
}

function walk(buf: Buffer, limits: ZipLimits, counted: { entries: number; totalBytes: number }): Text | null {
  return walkFile(bufferFile(buf), limits, counted);
}

/**
 * The same check on a file read by position: every entry is inflated in chunks and the output
 * thrown away as it comes, so checking a large workbook holds no entry whole.
 */
export function walkFile(file: RandomFile, limits: ZipLimits = DEFAULT_ZIP_LIMITS, counted = { entries: 0, totalBytes: 0 }, streamed: (name: string) => boolean = () => false): Text | null {
  const dir = readDirectory(file);
  if ("problem" in dir) return dir.problem;
  const { entries: count, buf } = dir;
  if (count > limits.maxEntries) return { vi: `tệp chứa ${count} phần (quá ${limits.maxEntries})`, en: `it holds ${count} entries (more than ${limits.maxEntries})` };
  let p = 0;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return { vi: "mục lục của tệp bị hỏng", en: "its directory is damaged" };
    const entry = directoryEntry(buf, p);
    const { method, size, name, local } = entry;
    p = entry.next;
    // A part read in chunks (a sheet, by read/xlsx-stream.ts) is never held whole, so its size
    // is not what bounds memory: past the limit it is read when it compresses as XML does
    // (a bomb compresses a thousandfold), and it does not count in the total.
    const big = size > limits.maxEntryBytes || total + size > limits.maxTotalBytes;
    const streamedOk = big && streamed(name) && size <= STREAMED_MAX_BYTES && size <= entry.compressed * STREAMED_MAX_RATIO;
    if (!streamedOk) total += size;
    counted.entries = k + 1;
    counted.totalBytes = total;
    if (size > limits.maxEntryBytes && !streamedOk) return { vi: `phần ${name} sẽ bung ra ${mb(size)} (quá ${mb(limits.maxEntryBytes)})`, en: `its part ${name} would expand to ${mb(size)} (more than ${mb(limits.maxEntryBytes)})` };
    if (total > limits.maxTotalBytes) return { vi: `tệp sẽ bung ra quá ${mb(limits.maxTotalBytes)}`, en: `it would expand to more than ${mb(limits.maxTotalBytes)}` };
    if (local + 30 > file.size) return { vi: "tệp bị cắt cụt", en: "it is truncated" };
    if (method !== 0 && method !== 8) return { vi: `phần ${name} dùng kiểu nén không hỗ trợ (${method})`, en: `its part ${name} uses an unsupported compression method (${method})` };
    try {
      for (const _ of entryChunks(file, entry)) void _;
    } catch (err) {
      if (err instanceof ZipEntryError) return err.text;
      throw err;
    }
  }
  return null;
}

/** The central directory, read from the end of the file (with what follows it, as the buffer check saw it). */
export function readDirectory(file: RandomFile): { entries: number; buf: Buffer; base: number } | { problem: Text } {
  const tailStart = Math.max(0, file.size - 65_557);
  const tail = file.read(tailStart, file.size - tailStart);
  const eocd = endOfDirectory(tail);
  if (eocd < 0) return { problem: { vi: "tệp không phải một kho ZIP hoàn chỉnh (bị cắt cụt hoặc hỏng)", en: "it is not a complete ZIP archive (truncated or damaged)" } };
  const entries = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { problem: { vi: "tệp dùng ZIP64, định dạng tdbv không đọc", en: "it uses ZIP64, which tdbv does not read" } };
  if (cdOffset + cdSize > file.size) return { problem: { vi: "mục lục của tệp trỏ quá cuối tệp (bị cắt cụt hoặc hỏng)", en: "its directory points past the end of the file (truncated or damaged)" } };
  // From the directory to the end of the file: entries are read as far as the file goes, as in
  // the buffer check, whatever the directory's declared size.
  return { entries, buf: file.read(cdOffset, file.size - cdOffset), base: cdOffset };
}

/** Why an entry cannot be read: the same words as the archive check. */
export class ZipEntryError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** A streamed part may declare up to this (what a zip without ZIP64 can say)... */
export const STREAMED_MAX_BYTES = 0xffffffff;
/** ...when it is at most this many times its compressed size (sheet XML: about 5 to 20). */
export const STREAMED_MAX_RATIO = 100;

const INFLATE_CHUNK = 64 * 1024;
const READ_CHUNK = 64 * 1024;

/**
 * An entry's bytes, inflated in chunks of at most 64 KB, each chunk valid only until the next
 * is asked for. Throws ZipEntryError where the archive check would refuse the entry: more than
 * it declares (a "zip bomb"), not its declared size, damaged, truncated.
 *
 * node:zlib has no public synchronous streaming inflate (inflateRawSync takes the whole input
 * and gives the whole output), and the pipeline reads rows synchronously; so this drives the
 * zlib handle the way zlib's own processChunkSync does (handle.writeSync and _writeState),
 * without closing it after each chunk. Node 20 and 22 have both; `canInflateInChunks()` says
 * whether this Node does, and the workbook is read by SheetJS otherwise.
 */
export function* entryChunks(file: RandomFile, entry: DirectoryEntry): Generator<Buffer> {
  const { size, name } = entry;
  const head = file.read(entry.local, 30);
  if (head.length < 30) throw new ZipEntryError({ vi: "tệp bị cắt cụt", en: "it is truncated" });
  const start = entry.local + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  const end = Math.min(file.size, start + entry.compressed);
  if (entry.method === 0) {
    if (Math.max(0, end - start) !== size) throw new ZipEntryError({ vi: `phần ${name} bị cắt cụt`, en: `its part ${name} is truncated` });
    for (let p = start; p < end; p += READ_CHUNK) yield file.read(p, Math.min(READ_CHUNK, end - p));
    return;
  }
  if (entry.method !== 8) throw new ZipEntryError({ vi: `phần ${name} dùng kiểu nén không hỗ trợ (${entry.method})`, en: `its part ${name} uses an unsupported compression method (${entry.method})` });
  const z = createInflateRaw({ chunkSize: INFLATE_CHUNK }) as InflateInternals;
  // zlib reports an error by destroying the stream, which emits "error" on the next tick.
  z.on("error", () => {});
  const handle = z._handle!;
  const state = z._writeState!;
  const out = Buffer.allocUnsafe(INFLATE_CHUNK);
  let total = 0;
  const bomb = () => new ZipEntryError({ vi: `phần ${name} bung ra lớn hơn kích thước đã khai (một "zip bomb")`, en: `its part ${name} inflates to more than it declares (a "zip bomb")` });
  try {
    for (let p = start; ; p += READ_CHUNK) {
      const last = p + READ_CHUNK >= end;
      const input = p < end ? file.read(p, Math.min(READ_CHUNK, end - p)) : Buffer.alloc(0);
      let inOff = 0;
      let availIn = input.length;
      for (;;) {
        handle.writeSync(last ? zconstants.Z_FINISH : zconstants.Z_SYNC_FLUSH, input, inOff, availIn, out, 0, INFLATE_CHUNK);
        if (z.errored || z.destroyed) {
          const code = (z.errored as NodeJS.ErrnoException | null)?.code;
          throw new ZipEntryError({ vi: `phần ${name} bị hỏng (${code ?? "không giải nén được"})`, en: `its part ${name} is damaged (${code ?? "inflate failed"})` });
        }
        const availOut = state[0]!;
        const inAfter = state[1]!;
        inOff += availIn - inAfter;
        availIn = inAfter;
        const have = INFLATE_CHUNK - availOut;
        if (have > 0) {
          total += have;
          // As inflateRawSync with maxOutputLength size + 1: past it is a bomb.
          if (total > size + 1) throw bomb();
          yield out.subarray(0, have);
        }
        if (availOut !== 0) break;
      }
      if (last) break;
    }
  } finally {
    z.close();
  }
  if (total !== size) throw new ZipEntryError({ vi: `phần ${name} bung ra không đúng kích thước đã khai`, en: `its part ${name} does not inflate to its declared size` });
}

interface InflateInternals extends InflateRaw {
  _handle?: { writeSync(flush: number, input: Buffer, inOff: number, inLen: number, out: Buffer, outOff: number, outLen: number): void };
  _writeState?: Uint32Array;
  readonly errored: Error | null;
}

/** Whether this Node's zlib can be driven chunk by chunk, synchronously (see entryChunks). */
export function canInflateInChunks(): boolean {
  const z = createInflateRaw() as InflateInternals;
  const ok = typeof z._handle?.writeSync === "function" && z._writeState instanceof Uint32Array;
  z.close();
  return ok;
}

/** Where the end-of-central-directory record starts, or -1 if there is none. */
export function endOfDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

/** One entry of a zip's central directory, read at offset p (which the caller has checked). */
export interface DirectoryEntry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  /** Offset of the entry's local header. */
  readonly local: number;
  /** Offset of the next directory entry. */
  readonly next: number;
}

export function directoryEntry(buf: Buffer, p: number): DirectoryEntry {
  const nameLen = buf.readUInt16LE(p + 28);
  return {
    method: buf.readUInt16LE(p + 10),
    compressed: buf.readUInt32LE(p + 20),
    size: buf.readUInt32LE(p + 24),
    local: buf.readUInt32LE(p + 42),
    name: buf.toString("utf8", p + 46, p + 46 + nameLen),
    next: p + 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32),
  };
}

/** The entry's stored (possibly compressed) bytes, after its local header. */
export function entryData(buf: Buffer, e: DirectoryEntry): Buffer {
  const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
  return buf.subarray(start, start + e.compressed);
}

const mb = (n: number) => `${Math.round(n / (1 << 20))} MB`;
