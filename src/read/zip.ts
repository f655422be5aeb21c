// A bound on what a zip-based workbook (.xlsx, .ods) may inflate to, checked before any
// spreadsheet library sees it: the entries' count and declared sizes are capped, and each
// entry is inflated with a ceiling one byte above its declared size, which catches headers
// that lie. Spreadsheet libraries have no such limit of their own (docs/spreadsheet-readers.md).

import { inflateRawSync } from "node:zlib";
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
  const eocd = endOfDirectory(buf);
  if (eocd < 0) return { vi: "tệp không phải một kho ZIP hoàn chỉnh (bị cắt cụt hoặc hỏng)", en: "it is not a complete ZIP archive (truncated or damaged)" };
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { vi: "tệp dùng ZIP64, định dạng tdbv không đọc", en: "it uses ZIP64, which tdbv does not read" };
  if (entries > limits.maxEntries) return { vi: `tệp chứa ${entries} phần (quá ${limits.maxEntries})`, en: `it holds ${entries} entries (more than ${limits.maxEntries})` };
  if (cdOffset + cdSize > buf.length) return { vi: "mục lục của tệp trỏ quá cuối tệp (bị cắt cụt hoặc hỏng)", en: "its directory points past the end of the file (truncated or damaged)" };
  let p = cdOffset;
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return { vi: "mục lục của tệp bị hỏng", en: "its directory is damaged" };
    const entry = directoryEntry(buf, p);
    const { method, size, name, local } = entry;
    p = entry.next;
    total += size;
    counted.entries = k + 1;
    counted.totalBytes = total;
    if (size > limits.maxEntryBytes) return { vi: `phần ${name} sẽ bung ra ${mb(size)} (quá ${mb(limits.maxEntryBytes)})`, en: `its part ${name} would expand to ${mb(size)} (more than ${mb(limits.maxEntryBytes)})` };
    if (total > limits.maxTotalBytes) return { vi: `tệp sẽ bung ra quá ${mb(limits.maxTotalBytes)}`, en: `it would expand to more than ${mb(limits.maxTotalBytes)}` };
    if (local + 30 > buf.length) return { vi: "tệp bị cắt cụt", en: "it is truncated" };
    const data = entryData(buf, entry);
    if (method === 0) {
      if (data.length !== size) return { vi: `phần ${name} bị cắt cụt`, en: `its part ${name} is truncated` };
      continue;
    }
    if (method !== 8) return { vi: `phần ${name} dùng kiểu nén không hỗ trợ (${method})`, en: `its part ${name} uses an unsupported compression method (${method})` };
    try {
      const out = inflateRawSync(data, { maxOutputLength: size + 1 });
      if (out.length !== size) return { vi: `phần ${name} bung ra không đúng kích thước đã khai`, en: `its part ${name} does not inflate to its declared size` };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ERR_BUFFER_TOO_LARGE" || /larger than/i.test(String(err))) {
        return { vi: `phần ${name} bung ra lớn hơn kích thước đã khai (một "zip bomb")`, en: `its part ${name} inflates to more than it declares (a "zip bomb")` };
      }
      return { vi: `phần ${name} bị hỏng (${code ?? "không giải nén được"})`, en: `its part ${name} is damaged (${code ?? "inflate failed"})` };
    }
  }
  return null;
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
