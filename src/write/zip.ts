// A small zip reader and writer (the container of .xlsx). It knows zips, not workbooks: the
// workbook renderer (render/xlsx-report.ts) decides what goes into the entries.
// Deterministic: fixed entry dates (1980-01-01), the same compression. The fixture and bench
// scripts build their test workbooks (zip bombs included) with writeZip too.
//
// writeZipStream writes the same bytes as writeZip, an entry at a time, from entries whose data
// is made as it is deflated (a worksheet of a million rows): only the deflated entry is held,
// as its size and CRC go in the header before it.

import { once } from "node:events";
import * as zlib from "node:zlib";
import { createDeflateRaw, deflateRawSync, inflateRawSync } from "node:zlib";
import { TdbvError } from "../errors.js";
import { directoryEntry, endOfDirectory, entryData } from "../read/zip.js";

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** The CRC-32 of `data`, or of what came before it (whose CRC is `previous`) followed by it. */
export function crc32(data: Uint8Array, previous = 0): number {
  // zlib's own (Node 20.15 and later) is several times faster than the table below.
  if (typeof zlib.crc32 === "function") return zlib.crc32(data, previous);
  let c = previous ^ -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

export interface Entry {
  readonly name: string;
  readonly data: Buffer;
}

/** An entry to write: its data (deflated here), or a stream already deflated (`raw`, with its
 * `crc` and `size`); `declaredSize` makes the directory lie about the size (hostile fixtures). */
export interface WriteEntry {
  readonly name: string;
  readonly data?: Buffer;
  readonly raw?: Buffer;
  readonly crc?: number;
  readonly size?: number;
  readonly declaredSize?: number;
}

/** The entries of a zip tdbv itself made (no checks: see read/zip.ts for files from outside). */
export function readZip(buf: Buffer): Entry[] {
  const eocd = endOfDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    const e = directoryEntry(buf, p);
    const raw = entryData(buf, e);
    entries.push({ name: e.name, data: e.method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p = e.next;
  }
  return entries;
}

export function writeZip(entries: readonly WriteEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const packed = e.raw ?? deflateRawSync(e.data!);
    const crc = e.crc ?? crc32(e.data!);
    const size = e.declaredSize ?? e.size ?? e.data!.length;
    const head = localHeader(name, crc, packed.length, size);
    locals.push(head, name, packed);
    central.push(directoryHeader(name, crc, packed.length, size, offset), name);
    offset += head.length + name.length + packed.length;
  }
  return Buffer.concat([...locals, ...endOfZip(central, entries.length, offset)]);
}

function localHeader(name: Buffer, crc: number, packedSize: number, size: number): Buffer {
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(20, 4);
  head.writeUInt16LE(0x0800, 6); // UTF-8 names
  head.writeUInt16LE(8, 8);
  head.writeUInt16LE(0, 10); // time 00:00
  head.writeUInt16LE(0x21, 12); // date 1980-01-01: no timestamp in the output
  head.writeUInt32LE(crc, 14);
  head.writeUInt32LE(packedSize, 18);
  head.writeUInt32LE(size, 22);
  head.writeUInt16LE(name.length, 26);
  head.writeUInt16LE(0, 28);
  return head;
}

function directoryHeader(name: Buffer, crc: number, packedSize: number, size: number, offset: number): Buffer {
  const dir = Buffer.alloc(46);
  dir.writeUInt32LE(0x02014b50, 0);
  dir.writeUInt16LE(20, 4);
  dir.writeUInt16LE(20, 6);
  dir.writeUInt16LE(0x0800, 8);
  dir.writeUInt16LE(8, 10);
  dir.writeUInt16LE(0, 12);
  dir.writeUInt16LE(0x21, 14);
  dir.writeUInt32LE(crc, 16);
  dir.writeUInt32LE(packedSize, 20);
  dir.writeUInt32LE(size, 24);
  dir.writeUInt16LE(name.length, 28);
  dir.writeUInt32LE(offset, 42);
  return dir;
}

/** The central directory and the end record. */
function endOfZip(central: readonly Buffer[], count: number, offset: number): Buffer[] {
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return [dirBytes, end];
}

/** An entry of writeZipStream: its bytes, or a maker of its text and bytes, called when the entry is reached. */
export interface StreamEntry {
  readonly name: string;
  readonly data: Uint8Array | (() => Iterable<string | Uint8Array>);
}

/** Without ZIP64 (which writeZip does not write), no entry or offset may reach 4 GiB. */
const ZIP32_LIMIT = 0xffffffff;

/** The bytes writeZip would make of these entries, in chunks, each entry's data made as it is deflated. */
export async function* writeZipStream(entries: Iterable<StreamEntry>): AsyncGenerator<Uint8Array> {
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const { packed, packedSize, crc, size } = await deflated(e.data);
    if (size > ZIP32_LIMIT || offset + packedSize > ZIP32_LIMIT) {
      {
        throw new TdbvError(
          "output",
          { vi: `${e.name}: tệp sẽ vượt 4 GB, mức tối đa của định dạng zip này`, en: `${e.name}: the file would pass 4 GB, the most this zip format holds` },
          { vi: "Ghi CSV hoặc JSON thay thế (--format csv hoặc --format json).", en: "Write CSV or JSON instead (--format csv or --format json)." },
        );
      }
    }
    const head = localHeader(name, crc, packedSize, size);
    yield head;
    yield name;
    yield* packed;
    central.push(directoryHeader(name, crc, packedSize, size, offset), name);
    offset += head.length + name.length + packedSize;
    count++;
  }
  yield* endOfZip(central, count, offset);
}

async function deflated(data: StreamEntry["data"]): Promise<{ packed: Buffer[]; packedSize: number; crc: number; size: number }> {
  if (data instanceof Uint8Array) {
    const packed = deflateRawSync(data);
    return { packed: [packed], packedSize: packed.length, crc: crc32(data), size: data.length };
  }
  // Deflated as one stream with deflateRawSync's settings: the same bytes, however it is cut.
  // Up to 4 MB may wait for the deflater (in the thread pool) while the next rows are made.
  const z = createDeflateRaw({ highWaterMark: 4 << 20 } as zlib.ZlibOptions);
  const packed: Buffer[] = [];
  let packedSize = 0;
  z.on("data", (b: Buffer) => {
    packed.push(b);
    packedSize += b.length;
  });
  const ended = once(z, "end");
  let crc = 0;
  let size = 0;
  for (const chunk of data()) {
    const b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (b.length === 0) continue;
    crc = crc32(b, crc);
    size += b.length;
    if (!z.write(b)) await once(z, "drain");
  }
  z.end();
  await ended;
  return { packed, packedSize, crc, size };
}
