// Zip preflight measured in docs/spreadsheet-readers.md: the dependency-free check from
// shared/notes/xlsx-readers.md §7, as an ES module. It walks the central directory, caps the entry
// count and the declared sizes, then inflates every entry with a hard output limit of
// declared size + 1, so a header that lies about the size fails at once (ERR_BUFFER_TOO_LARGE).
// It does not check CRCs, zip64, encryption or the XML inside.
import zlib from "node:zlib";

export const DEFAULT_LIMITS = { maxEntries: 2000, maxEntryBytes: 256 << 20, maxTotalBytes: 512 << 20 };

export function preflightZip(buf, { maxEntries, maxEntryBytes, maxTotalBytes } = DEFAULT_LIMITS) {
  maxEntries ??= DEFAULT_LIMITS.maxEntries;
  maxEntryBytes ??= DEFAULT_LIMITS.maxEntryBytes;
  maxTotalBytes ??= DEFAULT_LIMITS.maxTotalBytes;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip");
  const n = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOff = buf.readUInt32LE(eocd + 16);
  if (n > maxEntries || n === 0xffff || cdOff === 0xffffffff || cdOff + cdSize > buf.length) {
    throw new Error("zip64/corrupt/too many entries");
  }
  let p = cdOff;
  let total = 0;
  for (let k = 0; k < n; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory");
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nl = buf.readUInt16LE(p + 28);
    const xl = buf.readUInt16LE(p + 30);
    const cl = buf.readUInt16LE(p + 32);
    const lho = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nl);
    p += 46 + nl + xl + cl;
    if (usize > maxEntryBytes || (total += usize) > maxTotalBytes) throw new Error(`${name}: too large (declared ${usize} bytes)`);
    if (lho + 30 > buf.length) throw new Error(`${name}: bad local header offset`);
    const start = lho + 30 + buf.readUInt16LE(lho + 26) + buf.readUInt16LE(lho + 28);
    if (start + csize > buf.length) throw new Error(`${name}: truncated`);
    const data = buf.subarray(start, start + csize);
    // inflateRawSync throws ERR_BUFFER_TOO_LARGE as soon as the output passes declared + 1 bytes.
    const out = method === 0 ? data : method === 8 ? zlib.inflateRawSync(data, { maxOutputLength: usize + 1 }) : null;
    if (!out || out.length !== usize) throw new Error(`${name}: unsupported method or size mismatch`);
  }
  return { entries: n, totalBytes: total };
}
