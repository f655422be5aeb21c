// Writes a bench CSV (bench/generate.mjs) as an .xlsx, row by row, in bounded memory, so a
// workbook of a million rows can be made on a small machine: the sheet XML is deflated as a
// stream into the file (sizes in a data descriptor), figures as numeric cells, text as shared
// strings, as Excel writes them.
//
//   node bench/xlsx/write-xlsx.mjs IN.csv OUT.xlsx [--form]
//
// --form: a report form as a province sends it: two title rows merged across, then the headers
// in Vietnamese (the columns' own labels), then the rows.
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { createInterface } from "node:readline";
import zlib from "node:zlib";

const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const col = (c) => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

class ZipOut {
  constructor(path) {
    this.fd = openSync(path, "w");
    this.pos = 0;
    this.entries = [];
  }
  write(buf) {
    writeSync(this.fd, buf);
    this.pos += buf.length;
  }
  /**
   * Starts an entry; returns { push(text), end() }. Each 4 MB of text is deflated on its own and
   * sync-flushed (whole, non-final blocks), and an empty final block ends it: one valid deflate
   * stream, written as it goes.
   */
  begin(name) {
    const nameBuf = Buffer.from(name, "utf8");
    const local = this.pos;
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(nameBuf.length, 26);
    this.write(h);
    this.write(nameBuf);
    const start = this.pos;
    let crc = 0;
    let size = 0;
    let pending = [];
    let pendingLen = 0;
    const drain = () => {
      if (pendingLen === 0) return;
      const buf = Buffer.from(pending.join(""), "utf8");
      pending = [];
      pendingLen = 0;
      crc = zlib.crc32(buf, crc);
      size += buf.length;
      this.write(zlib.deflateRawSync(buf, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    };
    return {
      push: (text) => {
        pending.push(text);
        pendingLen += text.length;
        if (pendingLen > 4 << 20) drain();
      },
      end: () => {
        drain();
        this.write(zlib.deflateRawSync(Buffer.alloc(0)));
        const compressed = this.pos - start;
        const dd = Buffer.alloc(16);
        dd.writeUInt32LE(0x08074b50, 0);
        dd.writeUInt32LE(crc >>> 0, 4);
        dd.writeUInt32LE(compressed, 8);
        dd.writeUInt32LE(size >>> 0, 12);
        this.write(dd);
        this.entries.push({ nameBuf, local, crc, compressed, size });
      },
    };
  }
  /** A whole small entry. */
  put(name, text) {
    const e = this.begin(name);
    e.push(text);
    e.end();
  }
  close() {
    const cdStart = this.pos;
    for (const e of this.entries) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x0808, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt32LE(e.crc >>> 0, 16);
      c.writeUInt32LE(e.compressed, 20);
      c.writeUInt32LE(e.size >>> 0, 24);
      c.writeUInt16LE(e.nameBuf.length, 28);
      c.writeUInt32LE(e.local, 42);
      this.write(c);
      this.write(e.nameBuf);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.pos - cdStart, 12);
    end.writeUInt32LE(cdStart, 16);
    this.write(end);
    closeSync(this.fd);
  }
}

const CT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Báo cáo" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WBRELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

/** Splits a bench CSV line (no quoted commas in the generator's plain variant, but handle quotes). */
function fields(line) {
  if (line.indexOf('"') === -1) return line.split(",");
  const out = [];
  let cur = "";
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ",") out.push(cur), (cur = "");
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Writes csvPath as an .xlsx at xlsxPath; `labels` (canonical name -> header text) makes a form. */
export async function csvToXlsx(csvPath, xlsxPath, { labels = null, title = null } = {}) {
  const zip = new ZipOut(xlsxPath);
  zip.put("[Content_Types].xml", CT);
  zip.put("_rels/.rels", RELS);
  zip.put("xl/workbook.xml", WB);
  zip.put("xl/_rels/workbook.xml.rels", WBRELS);
  zip.put("xl/styles.xml", STYLES);
  const sst = new Map();
  const si = (s) => {
    let i = sst.get(s);
    if (i === undefined) sst.set(s, (i = sst.size));
    return i;
  };
  const sheet = zip.begin("xl/worksheets/sheet1.xml");
  sheet.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>');
  let r = 0;
  let width = 0;
  const merges = [];
  if (title) {
    for (const t of title) {
      r++;
      sheet.push(`<row r="${r}"><c r="A${r}" s="1" t="s"><v>${si(t)}</v></c></row>`);
    }
  }
  const lines = createInterface({ input: createReadStream(csvPath, "utf8"), crlfDelay: Infinity });
  let header = true;
  let numeric = null;
  for await (const line0 of lines) {
    const line = header ? line0.replace(/^\ufeff/, "") : line0;
    if (line === "") continue;
    const f = fields(line);
    r++;
    let out = `<row r="${r}">`;
    if (header) {
      width = f.length;
      numeric = f.map((_, i) => i >= 6);
      for (let c = 0; c < f.length; c++) out += `<c r="${col(c)}${r}" s="1" t="s"><v>${si(labels?.get(f[c]) ?? f[c])}</v></c>`;
      header = false;
    } else {
      for (let c = 0; c < f.length; c++) {
        const v = f[c];
        if (v === "") continue;
        if (numeric[c] && /^-?\d+(\.\d+)?$/.test(v)) out += `<c r="${col(c)}${r}" s="2"><v>${v}</v></c>`;
        else out += `<c r="${col(c)}${r}" t="s"><v>${si(v)}</v></c>`;
      }
    }
    sheet.push(out + "</row>");
  }
  if (title) for (let k = 1; k <= title.length; k++) merges.push(`<mergeCell ref="A${k}:${col(width - 1)}${k}"/>`);
  sheet.push("</sheetData>" + (merges.length ? `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>` : "") + "</worksheet>");
  sheet.end();
  const strings = zip.begin("xl/sharedStrings.xml");
  strings.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.size}" uniqueCount="${sst.size}">`);
  for (const s of sst.keys()) strings.push(`<si><t xml:space="preserve">${esc(s)}</t></si>`);
  strings.push("</sst>");
  strings.end();
  zip.close();
  return { rows: r };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [, , inp, out, flag] = process.argv;
  const labels = flag === "--form" ? await formLabels() : null;
  await csvToXlsx(inp, out, labels ? { labels, title: ["BÁO CÁO KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC", "Kỳ báo cáo: năm 2024"] } : {});
}

/** Canonical column name -> its Vietnamese label, from the built columns (dist/). */
export async function formLabels() {
  const { IDENTIFIERS, TALLIES } = await import(new URL("../../dist/domain/columns.js", import.meta.url).href);
  return new Map([...IDENTIFIERS, ...TALLIES].map((c) => [c.name, c.vi]));
}
