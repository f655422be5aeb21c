// A small zip reader and writer (the container of .xlsx), and what tdbv uses them for: frozen
// header rows for a workbook SheetJS CE wrote. It cannot write panes, so the finished .xlsx is
// opened, each worksheet's <sheetView> is given a frozen <pane>, and the zip is written again.
// Deterministic: fixed entry dates (1980-01-01), the same compression. The fixture and bench
// scripts build their test workbooks (zip bombs included) with writeZip too.

import { deflateRawSync, inflateRawSync } from "node:zlib";
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

export function crc32(data: Uint8Array): number {
  let c = -1;
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
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(0, 10); // time 00:00
    head.writeUInt16LE(0x21, 12); // date 1980-01-01: no timestamp in the output
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(size, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    central.push(dir, name);
    offset += head.length + name.length + packed.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** Freezes the first `rows[i]` rows of worksheet i + 1 (0 leaves a sheet as it is). */
export function freezeHeaderRows(xlsx: Buffer, rows: readonly number[]): Buffer {
  const entries = readZip(xlsx).map((e) => {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(e.name);
    const n = m ? rows[Number(m[1]) - 1] ?? 0 : 0;
    if (!n) return e;
    const xml = e.data.toString("utf8");
    const pane = `<pane ySplit="${n}" topLeftCell="A${n + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${n + 1}" sqref="A${n + 1}"/>`;
    const patched = xml.replace(/<sheetView([^>]*?)\/>/, `<sheetView$1>${pane}</sheetView>`);
    return { name: e.name, data: Buffer.from(patched, "utf8") };
  });
  return writeZip(entries);
}
