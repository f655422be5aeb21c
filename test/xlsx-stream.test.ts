// The streaming .xlsx reader (src/read/xlsx-stream.ts) against SheetJS (src/read/xlsx.ts): the
// same sheets, cell for cell, with the same notes, merges, hidden states and formula problems,
// on every fixture workbook and on workbooks written here to hold each kind of cell; and a
// hostile zip refused with a message, not a stack trace.

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { bufferSource, type ByteSource } from "../src/read/source.js";
import type { Sheet } from "../src/read/sheet.js";
import { loadXlsx, readWorkbook, type XLSX } from "../src/read/xlsx.js";
import { ONE_PASS_BYTES, STREAM_HEAD_ROWS, readStreaming, streamable } from "../src/read/xlsx-stream.js";
import { writeZip } from "../src/write/zip.js";
import { TdbvError } from "../src/errors.js";

const ROOT = new URL("..", import.meta.url).pathname;
let X: XLSX;
beforeAll(async () => {
  X = await loadXlsx(false);
});

function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...xlsxFiles(p));
    else if (name.endsWith(".xlsx")) out.push(p);
  }
  return out;
}

const plain = (sheets: Sheet[]) => sheets.map(({ head, rest, ...s }) => ({ ...s, rows: [...head, ...rest] }));

/** Both readers on the same bytes: equal sheets (or the same error message). */
function same(bytes: Buffer, file = "t.xlsx"): ReturnType<typeof plain> {
  const source = bufferSource(file, bytes);
  expect(streamable(source)).toBe(true);
  const run = (f: () => Sheet[]) => {
    try {
      return { sheets: plain(f()) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const streamed = run(() => readStreaming(source));
  const whole = run(() => readWorkbook(X, bytes, file, { format: "xlsx" }));
  expect(streamed).toEqual(whole);
  return streamed.sheets ?? [];
}

// A workbook written by hand, so each kind of cell can be put in it.
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

interface Book {
  sheets: { name: string; state?: string; xml: string }[];
  strings?: string[];
  /** Extra cellXfs numFmtIds after the default 0, and custom formats. */
  xfs?: number[];
  numFmts?: Record<number, string>;
}

function book(b: Book): Buffer {
  const u = (s: string) => Buffer.from(s, "utf8");
  const ct =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    b.sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
  const n = b.sheets.length;
  const styles =
    `${DECL}<styleSheet xmlns="${NS}">` +
    (b.numFmts ? `<numFmts count="${Object.keys(b.numFmts).length}">${Object.entries(b.numFmts).map(([id, f]) => `<numFmt numFmtId="${id}" formatCode="${f.replace(/"/g, "&quot;")}"/>`).join("")}</numFmts>` : "") +
    `<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>` +
    `<cellXfs count="${1 + (b.xfs?.length ?? 0)}"><xf numFmtId="0" xfId="0"/>${(b.xfs ?? []).map((id) => `<xf numFmtId="${id}" xfId="0" applyNumberFormat="1"/>`).join("")}</cellXfs></styleSheet>`;
  return writeZip([
    { name: "[Content_Types].xml", data: u(ct) },
    { name: "_rels/.rels", data: u(`${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: "xl/workbook.xml", data: u(`${DECL}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${b.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`) },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: u(
        `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${b.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}` +
          `<Relationship Id="rId${n + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      ),
    },
    ...b.sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: u(`${DECL}<worksheet xmlns="${NS}" xmlns:r="${REL}">${s.xml}</worksheet>`) })),
    { name: "xl/sharedStrings.xml", data: u(`${DECL}<sst xmlns="${NS}" count="${b.strings?.length ?? 0}" uniqueCount="${b.strings?.length ?? 0}">${(b.strings ?? []).join("")}</sst>`) },
    { name: "xl/styles.xml", data: u(styles) },
  ]);
}

const letter = (c: number) => (c < 26 ? "" : String.fromCharCode(64 + Math.floor(c / 26))) + String.fromCharCode(65 + (c % 26));
const si = (t: string) => `<si><t xml:space="preserve">${t}</t></si>`;

describe("the streaming .xlsx reader reads as SheetJS does", () => {
  it("every fixture workbook", () => {
    const files = [...xlsxFiles(join(ROOT, "fixtures")), ...xlsxFiles(join(ROOT, "test"))];
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) same(readFileSync(f), f);
  });

  it("shared and inline strings, rich text, entities, numbers, booleans, errors, empty cells and rows", () => {
    const strings = [
      si("Tỉnh, thành phố"),
      si("Xã Hòa Bình"),
      si("  "),
      "<si><r><rPr><b/></rPr><t>Xã </t></r><r><t>Lát</t></r><rPh><t>ignored</t></rPh></si>",
      si("A &amp; B &lt;c&gt; &#7843; _x000D_ line\r\nnext"),
      "<si/>",
      si("Cuối"),
      si("Hoa\u0300"), // decomposed: read as NFC
    ];
    const xml =
      `<dimension ref="A1:H9"/><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>4</v></c></row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>inline &amp; text</t></is></c><c r="B2"><v>42</v></c><c r="C2"><v>-3.25</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#DIV/0!</v></c><c r="G2" t="e"><v>#WTF?</v></c><c r="H2" t="str"><v>formula text</v></c></row>` +
      `<row r="3"/>` +
      `<row r="4"><c r="B4" s="0"/><c r="C4" t="s"><v>2</v></c></row>` +
      `<row r="5"><c r="A5" t="s"><v>5</v></c><c r="C5" t="s"><v>6</v></c><c r="D5" s="0"/><c r="E5" s="0"/></row>` +
      `<row r="7"><c r="A7" t="s"><v>7</v></c><c r="B7"><v>1e3</v></c><c r="C7" t="n"></c></row>` +
      `<row r="8"><c r="A8" s="0"/></row><row r="9"><c r="A9" t="s"><v>2</v></c></row>` +
      `</sheetData>`;
    const [s] = same(book({ sheets: [{ name: "Báo cáo", xml }], strings }));
    expect(s!.rows[1]).toEqual(["inline & text", 42, -3.25, "TRUE", "FALSE", { error: "#DIV/0!" }, { error: "#ERROR" }, "formula text"]);
    expect(s!.rows.length).toBe(7);
  });

  it("dates and percentages by the cell's number format, built in and custom", () => {
    const xml =
      `<sheetData><row r="1"><c r="A1" s="1"><v>45658</v></c><c r="B1" s="2"><v>0.917</v></c><c r="C1" s="3"><v>45292.75</v></c><c r="D1" s="4"><v>12</v></c><c r="E1" s="5"><v>60</v></c><c r="F1" s="6"><v>7</v></c></row>` +
      `<row r="2"><c r="A2" s="1"><v>0</v></c><c r="B2" s="7"><v>3</v></c><c r="C2" s="9"><v>1</v></c></row></sheetData>`;
    const [s] = same(book({ sheets: [{ name: "S", xml }], xfs: [14, 10, 164, 3, 14, 165, 166, 49, 9], numFmts: { 164: "dd/mm/yyyy hh:mm", 165: '#,##0" vụ"', 166: "[$-42A]d mmmm yyyy" } }));
    expect(s!.rows[0]![0]).toBe("2025-01-01");
    expect(s!.rows[0]![1]).toBe("91.7%");
  });

  it("formulas: cached values, none (reported), shared and array formulas", () => {
    const xml =
      `<sheetData>` +
      `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f>A1+B1</f><v>3</v></c><c r="D1" t="n"><f>SUM(A1:C1)</f></c><c r="E1"><f>A1*2</f></c></row>` +
      `<row r="2"><c r="A2"><v>4</v></c><c r="B2" t="n"><f t="shared" ref="B2:B4" si="0">A2*2</f></c><c r="C2" t="str"><f>"x"</f></c><c r="D2" t="e"><f>1/0</f></c></row>` +
      `<row r="3"><c r="A3"><v>5</v></c><c r="B3" t="n"><f t="shared" si="0"/></c><c r="C3"><f t="array" ref="C3:C4">A3:A4*2</f><v>10</v></c></row>` +
      `<row r="4"><c r="A4"><v>6</v></c><c r="B4" t="s"><f t="shared" si="0"/></c><c r="C4"/></row>` +
      `</sheetData>`;
    const [s] = same(book({ sheets: [{ name: "S", xml }] }));
    expect(s!.cellProblems?.map((p) => p.text)).toEqual(["=SUM(A1:C1)", "=A1*2", "=A2*2", "=1/0", "=A3*2", "=A4*2"]);
  });

  it("hidden and very hidden sheets, merged cells down and across, cells without r", () => {
    const body = (n: number) =>
      `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Huyện ${n}</t></is></c><c r="B1"><v>1</v></c></row><row r="2"><c r="B2"><v>2</v></c></row>` +
      `<row r="3"><c t="inlineStr"><is><t>x</t></is></c><c><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row></sheetData>` +
      `<mergeCells count="3"><mergeCell ref="A1:A3"/><mergeCell ref="B3:C3"/><mergeCell ref="A4:A6"/></mergeCells>`;
    const sheets = same(book({ sheets: [{ name: "Một", xml: body(1) }, { name: "Hai", state: "hidden", xml: body(2) }, { name: "Ba", state: "veryHidden", xml: body(3) }] }));
    expect(sheets.map((s) => s.hidden ?? "")).toEqual(["", "hidden", "very hidden"]);
  });

  it("a sheet naming a missing shared string is left out, with a note", () => {
    const [s] = same(book({ sheets: [{ name: "S", xml: `<sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData>` }], strings: [si("a")] }));
    expect(s!.rows).toEqual([]);
  });

  it("a sheet larger than one pass, rows across inflate chunks, read as it is consumed", () => {
    const strings = [si("Tỉnh, thành phố"), si("Xã, phường, thị trấn"), si("Số vụ"), si("Lâm Đồng"), ...Array.from({ length: 50 }, (_, i) => si(`Xã Số ${i} ${"dài ".repeat(i % 7)}`))];
    const rows: string[] = [`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`];
    let size = 0;
    let r = 1;
    while (size < ONE_PASS_BYTES + (1 << 20)) {
      r++;
      // Varying lengths so rows fall across the 64 KB chunks at every offset; some with formulas,
      // some blank, a merge down the first column.
      let row = `<row r="${r}" spans="1:40"><c r="A${r}" t="s"><v>3</v></c><c r="B${r}" t="s"><v>${4 + (r % 50)}</v></c>`;
      for (let c = 2; c < 3 + (r % 37); c++) row += `<c r="${letter(c)}${r}" s="0"><v>${(r * 31 + c) % 1000}</v></c>`;
      if (r % 997 === 0) row = `<row r="${r}"><c r="A${r}" s="0"/><c r="B${r}" t="s"><v>${4 + 7 - 1}</v></c></row>`;
      else if (r % 1499 === 0) row += `<c r="AP${r}" t="n"><f>SUM(C${r}:D${r})</f></c></row>`;
      else row += "</row>";
      rows.push(row);
      size += row.length;
    }
    const last = r;
    // Trailing styled empty rows: not rows a person sees.
    for (let k = 1; k <= 5; k++) rows.push(`<row r="${last + k}"><c r="A${last + k}" s="0"/></row>`);
    const xml = `<sheetData>${rows.join("")}</sheetData><mergeCells count="2"><mergeCell ref="A2:A40"/><mergeCell ref="C${last - 3}:C${last + 3}"/></mergeCells>`;
    const bytes = book({ sheets: [{ name: "Lớn", xml }], strings });
    const source = bufferSource("big.xlsx", bytes);
    const [sheet] = readStreaming(source);
    expect(sheet!.head.length).toBe(STREAM_HEAD_ROWS);
    // Read twice (--rejects reads again): the same rows.
    expect([...sheet!.rest].length).toBe([...sheet!.rest].length);
    const [s] = same(bytes, "big.xlsx");
    expect(s!.rows.length).toBe(last);
    expect(s!.cellProblems?.length).toBeGreaterThan(0);
  });
});

describe("a hostile workbook is refused with a message", () => {
  const small = book({ sheets: [{ name: "S", xml: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>province</t></is></c></row></sheetData>` }] });

  it("truncated", () => {
    for (const cut of [0.6, 0.95]) {
      const b = small.subarray(0, Math.floor(small.length * cut));
      const source = bufferSource("t.xlsx", b);
      // Without its directory it is not streamable: SheetJS's path refuses it as before.
      expect(streamable(source)).toBe(false);
    }
  });

  it("an entry that inflates past its declared size (a zip bomb), or is damaged", () => {
    // Rewrite the sheet's entry: declared 1,000 bytes, inflating to 10 MB of spaces.
    const u = (s: string) => Buffer.from(s);
    const bomb = deflateRawSync(Buffer.concat([Buffer.from(`<worksheet xmlns="${NS}"><sheetData>`), Buffer.alloc(10 << 20, 0x20)]));
    const entries = [
      { name: "[Content_Types].xml", data: u(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`) },
      { name: "xl/workbook.xml", data: u(`<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
      { name: "xl/_rels/workbook.xml.rels", data: u(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`) },
      { name: "xl/worksheets/sheet1.xml", data: u(`<worksheet xmlns="${NS}"><sheetData></sheetData></worksheet>`) },
    ];
    const zip = writeZip(entries);
    // Find the sheet's local header and central entry; swap in the bomb with a lying size.
    const name = "xl/worksheets/sheet1.xml";
    const withBomb = replaceEntry(zip, name, bomb, 1000);
    const source = bufferSource("b.xlsx", withBomb);
    expect(streamable(source)).toBe(true);
    let err: unknown;
    try {
      readStreaming(source);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TdbvError);
    expect((err as Error).message).toMatch(/zip bomb/);
    const damaged = Buffer.from(bomb);
    damaged.fill(0xff, 10, 40);
    let err2: unknown;
    try {
      readStreaming(bufferSource("d.xlsx", replaceEntry(zip, name, damaged, 10 << 20)));
    } catch (e) {
      err2 = e;
    }
    expect(err2).toBeInstanceOf(TdbvError);
    expect((err2 as Error).message).toMatch(/damaged|bị hỏng|declared|đã khai/);
  });

  it("through the command: exit 3 and no stack trace", () => {
    const dir = execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim();
    const file = join(dir, "t.xlsx");
    execFileSync("sh", ["-c", `cat > ${file}`], { input: small.subarray(0, Math.floor(small.length * 0.6)) });
    let status = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [join(ROOT, "bin", "tdbv"), "summarize", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(status).toBe(3);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

/** A zip with one entry's data replaced (stored as deflate) and its declared size set. */
function replaceEntry(zip: Buffer, name: string, data: Buffer, declared: number): Buffer {
  const entries: { name: string; data: Buffer; size: number; method: number; crc: number }[] = [];
  // Read the central directory of the zip writeZip made.
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < count; k++) {
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString("utf8", p + 46, p + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push(entryName === name ? { name, data, size: declared, method: 8, crc: 0 } : { name: entryName, data: zip.subarray(start, start + compressed), size, method, crc });
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const n = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt32LE(e.crc, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    parts.push(h, n, e.data);
    offset += 30 + n.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

export type { ByteSource };
