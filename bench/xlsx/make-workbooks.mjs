// Generates the measurement inputs into the data directory (never into the repository):
//   tally-10k.xlsx, tally-200k.xlsx   commune tallies written by SheetJS (@e965/xlsx), deterministic
//   hostile/*.xlsx                    hand-built zips (bomb, lying header, billion laughs, ...)
//   manifest.json                     expected checksums for the tallies
// Usage: node --max-old-space-size=8192 bench/xlsx/make-workbooks.mjs [--data DIR] [--only 10k,200k,hostile]
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import zlib from "node:zlib";
import { crc32, dataDir, loadSheetJS, zipWrite } from "./common.mjs";
import { preflightZip } from "./preflight.mjs";

const DIR = dataDir();
const onlyArg = process.argv.indexOf("--only");
const ONLY = onlyArg >= 0 ? process.argv[onlyArg + 1].split(",") : ["10k", "200k", "hostile"];
mkdirSync(join(DIR, "hostile"), { recursive: true });

// ---------------------------------------------------------------------------------------------
// Deterministic tally workbooks.

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYL = ("An Bình Hòa Phú Tân Thạnh Lộc Đức Hưng Long Mỹ Phước Thuận Lợi Nghĩa Quang Sơn Thủy Trung Xuân " +
  "Vĩnh Hiệp Đông Tây Nam Bắc Thành Lạc Dương Lát Hà Kim Ngọc Thượng Hạ Cát Tiên Lâm Đinh Văn Quảng Triệu Hải " +
  "Gio Cam Hương Khê Lệ Ninh Phong Trạch Bố Minh Hoàn Kiến Liên Thắng Điền Đạ Huoai Tẻh Krông Nô Di Linh Bảo").split(" ");
const GROUPS = ["Tội phạm về TTXH", "Tội phạm về kinh tế", "Tội phạm về ma túy", "Vi phạm về môi trường",
  "Tai nạn giao thông", "Cháy, nổ", "Vũ khí, vật liệu nổ"];
const SUB = ["Nam", "Nữ", "Thành thị", "Nông thôn"];
const NCOLS = 35; // A..AI
const C_STT = 0, C_DISTRICT = 1, C_COMMUNE = 2, C_FIRST_INT = 3, C_FORMULA = 31, C_TEXTNUM = 32, C_DATE = 33, C_NOTE = 34;
const TITLE_ROWS = 4, HEADER_ROWS = 2, FIRST_DATA = TITLE_ROWS + HEADER_ROWS; // 0-based row of the first unit

function unitNames(rand) {
  const seen = new Set();
  const names = [];
  const prefixes = ["Xã", "Xã", "Xã", "Phường", "Thị trấn"];
  while (names.length < 5000) {
    const n = `${prefixes[Math.floor(rand() * prefixes.length)]} ${SYL[Math.floor(rand() * SYL.length)]} ${SYL[Math.floor(rand() * SYL.length)]}`;
    if (!seen.has(n)) seen.add(n), names.push(n);
  }
  if (!seen.has("Xã Hòa Bình")) names[4999] = "Xã Hòa Bình";
  return names;
}

const colName = (c) => (c < 26 ? String.fromCharCode(65 + c) : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26)));
const dots = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

async function makeTally(nRows, file) {
  const XLSX = await loadSheetJS();
  const rand = mulberry32(20240101);
  const units = unitNames(rand);
  const districts = Array.from({ length: 40 }, (_, i) => `Huyện ${SYL[(i * 7) % SYL.length]} ${SYL[(i * 11 + 3) % SYL.length]}`);
  const s = (v) => ({ t: "s", v });
  const rows = [];
  const title = ["CÔNG AN TỈNH LÂM ĐỒNG", "BÁO CÁO KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC",
    "Năm 2024", "(Kèm theo Báo cáo số 123/BC-CAT ngày 15/12/2024)"];
  for (const t of title) rows.push([s(t)]);
  const h1 = [s("STT"), s("Huyện"), s("Xã, phường, thị trấn")];
  const h2 = [];
  for (const g of GROUPS) h1.push(s(g), undefined, undefined, undefined), h2.push(...SUB.map(s));
  h1.push(s("Tổng số"), s("Số hộ"), s("Ngày báo cáo"), s("Ghi chú"));
  rows.push(h1, [undefined, undefined, undefined, ...h2]);
  const merges = title.map((_, r) => ({ s: { r, c: 0 }, e: { r, c: NCOLS - 1 } }));
  for (const c of [0, 1, 2, 31, 32, 33, 34]) merges.push({ s: { r: 4, c }, e: { r: 5, c } });
  for (let g = 0; g < GROUPS.length; g++) merges.push({ s: { r: 4, c: 3 + 4 * g }, e: { r: 4, c: 6 + 4 * g } });

  let formulaSum = 0, hoaBinh = 0, textNums = 0;
  const colSums = new Array(NCOLS).fill(0);
  for (let i = 0; i < nRows; i++) {
    const r = FIRST_DATA + i + 1; // 1-based Excel row
    const row = new Array(NCOLS);
    row[C_STT] = { t: "n", v: i + 1 };
    row[C_DISTRICT] = s(districts[Math.floor(rand() * districts.length)]);
    const unit = units[Math.floor(rand() * units.length)];
    if (unit.includes("Hòa Bình")) hoaBinh++;
    row[C_COMMUNE] = s(unit);
    let sum = 0;
    for (let c = C_FIRST_INT; c < C_FORMULA; c++) {
      const v = rand() < 0.3 ? 0 : Math.floor(rand() * 300);
      row[c] = { t: "n", v };
      sum += v;
      colSums[c] += v;
    }
    row[C_FORMULA] = { t: "n", v: sum, f: `SUM(D${r}:AE${r})` };
    formulaSum += sum;
    colSums[C_FORMULA] += sum;
    const hh = 1000 + Math.floor(rand() * 98000);
    if (i % 50 === 7) row[C_TEXTNUM] = s(dots(hh)), textNums++; // "1.361"-style number stored as text
    else row[C_TEXTNUM] = { t: "n", v: hh };
    row[C_DATE] = { t: "n", v: 45292 + (i % 366), z: "dd/mm/yyyy" };
    if (i % 97 === 0) row[C_NOTE] = s("Ghi chú: số liệu ước tính, chờ xác minh");
    rows.push(row);
  }
  const last = FIRST_DATA + nRows; // 1-based row of the last unit
  const total = new Array(NCOLS);
  total[C_COMMUNE] = s("Tổng cộng");
  for (let c = C_FIRST_INT; c <= C_FORMULA; c++) total[c] = { t: "n", v: colSums[c], f: `SUM(${colName(c)}${FIRST_DATA + 1}:${colName(c)}${last})` };
  rows.push(total);

  const ws = { "!data": rows, "!ref": `A1:AI${rows.length}`, "!merges": merges };
  const list = [[s("Mã"), s("Huyện")], ...districts.map((d, i) => [{ t: "n", v: 600 + i }, s(d)])];
  const ws2 = { "!data": list, "!ref": `A1:B${list.length}` };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Báo cáo");
  XLSX.utils.book_append_sheet(wb, ws2, "Danh mục");
  const buf = XLSX.write(wb, { type: "buffer", bookType: "xlsx", bookSST: true, compression: true });
  writeFileSync(file, buf);
  const pf = preflightZip(buf, { maxEntryBytes: 2 ** 32 - 1, maxTotalBytes: Infinity });
  return { rows: nRows, formulaSum, totalRowFormula: colSums[C_FORMULA], hoaBinh, textNums, bytes: buf.length,
    xmlBytes: pf.totalBytes, sha256: createHash("sha256").update(buf).digest("hex") };
}

// ---------------------------------------------------------------------------------------------
// Hand-built OOXML parts for the hostile inputs.

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const NSR = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
const XMLDECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const STYLES = `${XMLDECL}<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/></patternFill></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  `<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/></cellXfs></styleSheet>`;

/** sheets: [{ name, xml (string|Buffer) or { raw, crc, size, declaredSize }, rels? }] */
function workbook({ sheets, sst, comments }) {
  const B = (x) => Buffer.from(x, "utf8");
  const ct = [`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
    `<Default Extension="xml" ContentType="application/xml"/>`,
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`];
  const wbRels = [`<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`];
  if (sst != null) {
    ct.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`);
    wbRels.push(`<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  if (comments != null) ct.push(`<Override PartName="/xl/comments1.xml" ContentType="${CT}.comments+xml"/>`);
  const entries = [];
  const sheetEntries = [];
  sheets.forEach((sh, i) => {
    ct.push(`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`);
    wbRels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    sheetEntries.push(typeof sh.xml === "string" || Buffer.isBuffer(sh.xml) ? { name, data: Buffer.isBuffer(sh.xml) ? sh.xml : B(sh.xml) } : { name, ...sh.xml });
    if (i === 0 && comments != null) {
      sheetEntries.push({ name: "xl/worksheets/_rels/sheet1.xml.rels", data: B(`${XMLDECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdC" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`) });
    }
  });
  const esc = (x) => x.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  entries.push({ name: "[Content_Types].xml", data: B(`${XMLDECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${ct.join("")}</Types>`) });
  entries.push({ name: "_rels/.rels", data: B(`${XMLDECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) });
  entries.push({ name: "xl/workbook.xml", data: B(`${XMLDECL}<workbook ${NS} ${NSR}><sheets>${sheets.map((sh, i) => `<sheet name="${esc(sh.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`) });
  entries.push({ name: "xl/_rels/workbook.xml.rels", data: B(`${XMLDECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join("")}</Relationships>`) });
  entries.push({ name: "xl/styles.xml", data: B(STYLES) });
  if (sst != null) entries.push({ name: "xl/sharedStrings.xml", data: Buffer.isBuffer(sst) ? sst : B(sst) });
  if (comments != null) entries.push({ name: "xl/comments1.xml", data: B(comments) });
  entries.push(...sheetEntries);
  return zipWrite(entries);
}

const sheetXml = (rowsXml, dim) => `${XMLDECL}<worksheet ${NS} ${NSR}>${dim ? `<dimension ref="${dim}"/>` : ""}<sheetData>${rowsXml}</sheetData></worksheet>`;
const sstXml = (strings, doctype = "") => `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${doctype}<sst ${NS} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${t}</t></si>`).join("")}</sst>`;
const SMALL_ROWS = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1361</v></c></row>`;
const SMALL_SST = ["Xã", "Số vụ", "Xã Hòa Bình"];

function bombSheet(padBytes) {
  // <sheetData> holding one real row followed by padBytes of whitespace: valid XML, ~1000:1 deflate.
  const head = Buffer.from(`${XMLDECL}<worksheet ${NS}><sheetData>${SMALL_ROWS}`);
  const tail = Buffer.from("</sheetData></worksheet>");
  const size = head.length + padBytes + tail.length;
  const raw = Buffer.allocUnsafe(size);
  head.copy(raw, 0);
  raw.fill(0x20, head.length, head.length + padBytes);
  tail.copy(raw, head.length + padBytes);
  const deflated = zlib.deflateRawSync(raw, { level: 9 });
  return { raw: deflated, crc: crc32(raw), size };
}

function makeHostile() {
  const out = {};
  const put = (name, buf, what) => {
    writeFileSync(join(DIR, "hostile", name), buf);
    out[name] = { bytes: buf.length, what };
  };

  const bomb = bombSheet(1 << 30);
  put("bomb-1gib.xlsx", workbook({ sheets: [{ name: "Báo cáo", xml: bomb }], sst: sstXml(SMALL_SST) }),
    "zip bomb: sheet1.xml inflates to 1 GiB of whitespace inside <sheetData>; headers declare the true size");
  put("bomb-lying-header.xlsx", workbook({ sheets: [{ name: "Báo cáo", xml: { ...bomb, declaredSize: 4096 } }], sst: sstXml(SMALL_SST) }),
    "same bomb, local and central headers declare 4,096 bytes");

  let ents = '<!ENTITY l0 "lol">';
  for (let i = 1; i <= 9; i++) ents += `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`;
  ents += '<!ENTITY xxe SYSTEM "file:///etc/hostname">';
  put("billion-laughs.xlsx", workbook({ sheets: [{ name: "Báo cáo", xml: sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`) }],
    sst: sstXml(["Tổng cộng", "&l9;", "&xxe;"], `<!DOCTYPE sst [${ents}]>\n`) }),
    "DTD with 10^9-expansion entity &l9; and external entity SYSTEM file:///etc/hostname in sharedStrings.xml");

  put("dimension-lie.xlsx", workbook({ sheets: [{ name: "Báo cáo", xml: sheetXml(SMALL_ROWS, "A1:XFD1048576") }], sst: sstXml(SMALL_SST) }),
    '<dimension ref="A1:XFD1048576"/> on a 2-row sheet');

  put("cell-at-xfd1048576.xlsx", workbook({ sheets: [{ name: "Báo cáo", xml: sheetXml(`${SMALL_ROWS}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`, "A1:XFD1048576") }], sst: sstXml(SMALL_SST) }),
    "2 real rows plus one cell at XFD1048576 (last cell Excel allows)");

  const styled = [SMALL_ROWS];
  for (let r = 3; r <= 1_000_002; r++) styled.push(`<row r="${r}" s="1" customFormat="1"><c r="A${r}" s="1"/></row>`);
  put("styled-empty-1m-rows.xlsx", workbook({ sheets: [{ name: "Báo cáo", xml: Buffer.from(sheetXml(styled.join(""), "A1:B1000002")) }], sst: sstXml(SMALL_SST) }),
    "2 real rows then 1,000,000 empty rows, each with a fill style and one styled empty cell");

  const protoRows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>` +
    `<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c><c r="D2"><v>3</v></c></row>`;
  put("proto.xlsx", workbook({
    sheets: [{ name: "Báo cáo", xml: sheetXml(protoRows) }, { name: "__proto__", xml: sheetXml(`<row r="1"><c r="A1"><v>7</v></c></row>`) }],
    sst: sstXml(["Xã", "__proto__", "constructor", "toString", "Xã Hòa Bình"]),
    comments: `${XMLDECL}<comments ${NS}><authors><author>x</author></authors><commentList><comment ref="__proto__" authorId="0"><text><t>polluted</t></text></comment></commentList></comments>`,
  }), 'header cells "__proto__", "constructor", "toString"; a comment with ref="__proto__" (the CVE-2023-30533 vector); a second sheet named "__proto__"');

  const big = "Tổng cộng ".repeat(1_000_000); // 10,000,000 characters
  put("cell-10m-chars.xlsx", workbook({ sheets: [{ name: "Báo cáo", xml: sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>1</v></c></row>`) }],
    sst: sstXml(["Xã", big, "Xã Hòa Bình"]) }),
    `one shared string of ${big.length.toLocaleString("en")} characters (${Buffer.byteLength(big).toLocaleString("en")} bytes of UTF-8) in B1`);
  return out;
}

const manifestFile = join(DIR, "manifest.json");
const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, "utf8")) : {};
for (const [key, n] of [["10k", 10_000], ["200k", 200_000]]) {
  if (!ONLY.includes(key)) continue;
  const t0 = performance.now();
  manifest[`tally-${key}.xlsx`] = await makeTally(n, join(DIR, `tally-${key}.xlsx`));
  console.error(`tally-${key}.xlsx: ${JSON.stringify(manifest[`tally-${key}.xlsx`])} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
if (ONLY.includes("hostile")) {
  manifest.hostile = makeHostile();
  console.error(`hostile: ${Object.keys(manifest.hostile).join(", ")}`);
}
writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + "\n");
console.error(`wrote ${DIR}`);
