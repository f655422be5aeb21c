// Format and correctness checks for @e965/xlsx with the project's read options
// (docs/spreadsheet-readers.md). The workbooks are written by SheetJS itself, so apart from the
// hand-patched BIFF5 codepage case these checks are circular: they show that what SheetJS writes in
// each format comes back with merges, cached formula values (including 0), error cells and text
// numbers intact, not that files from Excel or LibreOffice do.
// Usage: node bench/xlsx/formats.mjs [--data DIR]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir, loadSheetJS, median, projectReadOptions } from "./common.mjs";

const DIR = join(dataDir(), "formats");
mkdirSync(DIR, { recursive: true });
const XLSX = await loadSheetJS();

const s = (v) => ({ t: "s", v });
const n = (v, f) => (f ? { t: "n", v, f } : { t: "n", v });
const rows = [
  [s("BÁO CÁO KẾT QUẢ PHONG TRÀO")],
  [s("Đơn vị"), s("Tội phạm"), undefined, s("Tổng số"), s("Số hộ")],
  [undefined, s("Nam"), s("Nữ")],
  [s("Xã Hòa Bình"), n(3), n(0), n(3, "SUM(B4:C4)"), s("1.361")],
  [s("Phường 1"), n(0), n(0), n(0, "SUM(B5:C5)"), { t: "e", v: 0x07 }],
  [s("Tổng cộng"), n(3, "SUM(B4:B5)"), n(0, "SUM(C4:C5)"), n(3, "SUM(D4:D5)")],
];
const ws = { "!data": rows, "!ref": "A1:E6", "!merges": [
  { s: { r: 0, c: 0 }, e: { r: 0, c: 4 } }, { s: { r: 1, c: 1 }, e: { r: 1, c: 2 } },
  { s: { r: 1, c: 0 }, e: { r: 2, c: 0 } }, { s: { r: 1, c: 3 }, e: { r: 2, c: 3 } }] };
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, ws, "Báo cáo");

function check(buf) {
  const t0 = performance.now();
  const w = XLSX.read(buf, projectReadOptions(1_048_577));
  const ms = performance.now() - t0;
  const d = w.Sheets[w.SheetNames[0]]["!data"];
  const cell = (r, c) => d[r]?.[c];
  const text = (r, c) => (typeof cell(r, c)?.v === "string" ? cell(r, c).v.normalize("NFC") : cell(r, c)?.v);
  return {
    ms: ms.toFixed(1),
    "Vietnamese text": text(1, 1) === "Tội phạm" && text(3, 0) === "Xã Hòa Bình" ? "ok" : `got ${JSON.stringify(text(1, 1))}`,
    merges: `${w.Sheets[w.SheetNames[0]]["!merges"]?.length ?? 0}/4`,
    "cached 0 of a formula": cell(4, 3)?.v === 0 ? `ok${cell(4, 3)?.f ? " (+ formula text)" : " (no formula text)"}` : JSON.stringify(cell(4, 3)),
    "error cell": cell(4, 4)?.t === "e" ? `t:'e', v ${cell(4, 4).v} (#DIV/0!)` : cell(4, 4) === undefined ? "absent (SheetJS's writer drops error cells in this format: untested)" : JSON.stringify(cell(4, 4)),
    '"1.361" text': cell(3, 4)?.t === "s" && cell(3, 4).v === "1.361" ? "string" : JSON.stringify(cell(3, 4)),
  };
}

const out = [];
for (const [label, bookType, ext] of [["xlsx", "xlsx", "xlsx"], [".xls BIFF8 (Excel 97-2003)", "biff8", "xls"], [".ods", "ods", "ods"],
  ["SpreadsheetML 2003 saved as .xls", "xlml", "xls"], ["HTML table saved as .xls", "html", "xls"]]) {
  const buf = XLSX.write(wb, { type: "buffer", bookType });
  writeFileSync(join(DIR, `sample-${bookType}.${ext}`), buf);
  out.push({ format: label, ...check(buf) });
}

// BIFF5 with CODEPAGE 1258: SheetJS writes BIFF5 strings as 8-bit text and "_" for what it cannot
// encode; we write an ASCII placeholder and patch in the cp1258 bytes of "Tổng cộng" and the
// CODEPAGE record, which is what an old Vietnamese Excel 95 file looks like.
const wb5 = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb5, XLSX.utils.aoa_to_sheet([["T__ng c__ng", 1]]), "S");
const b5 = Buffer.from(XLSX.write(wb5, { type: "buffer", bookType: "biff5" }));
const at = b5.indexOf(Buffer.from("T__ng c__ng"));
Buffer.from([0x54, 0xf4, 0xd2, 0x6e, 0x67, 0x20, 0x63, 0xf4, 0xf2, 0x6e, 0x67]).copy(b5, at); // cp1258: ô + U+0309, ô + U+0323
let cpAt = -1;
for (let i = 0; i < b5.length - 6; i++) if (b5.readUInt32LE(i) === 0x00020042 && b5.readUInt16LE(i + 4) === 1252) { cpAt = i; break; }
b5.writeUInt16LE(1258, cpAt + 4);
writeFileSync(join(DIR, "sample-biff5-cp1258.xls"), b5);
const biff5 = (X) => {
  const d = X.read(b5, projectReadOptions(10))["Sheets"]["S"]["!data"];
  const v = d[0][0].v;
  return `${JSON.stringify(v)}${v.normalize("NFC") === "Tổng cộng" ? " = \"Tổng cộng\" after NFC" : " (wrong)"}`;
};
const noCp = biff5(XLSX);
XLSX.set_cptable(await import("@e965/xlsx/dist/cpexcel.full.mjs"));
const withCp = biff5(XLSX);

// Legacy .xls at size: the 10k tally re-written as BIFF8 (median of 5 reads in this process).
let xls10k = null;
try {
  const { readFileSync } = await import("node:fs");
  const src = XLSX.read(readFileSync(join(dataDir(), "tally-10k.xlsx")), { type: "buffer", dense: true, cellNF: true });
  const buf = XLSX.write(src, { type: "buffer", bookType: "biff8" });
  const times = [];
  let r = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const w = XLSX.read(buf, projectReadOptions(1_048_577));
    times.push(performance.now() - t0);
    r = w.Sheets[w.SheetNames[0]]["!data"].length;
  }
  xls10k = `${(buf.length / 1e6).toFixed(1)} MB .xls, ${r} rows, read ${Math.round(median(times))} ms (median of 5 in one process)`;
} catch (e) {
  xls10k = `skipped (${e.message}); run make-workbooks.mjs first`;
}

console.log("| format (written by SheetJS) | read ms | Vietnamese text | merges | cached 0 of a formula | error cell | \"1.361\" text |");
console.log("|---|---|---|---|---|---|---|");
for (const o of out) console.log(`| ${o.format} | ${o.ms} | ${o["Vietnamese text"]} | ${o.merges} | ${o["cached 0 of a formula"]} | ${o["error cell"]} | ${o['"1.361" text']} |`);
console.log(`\nBIFF5, CODEPAGE 1258 (hand-patched), ESM build without set_cptable: ${noCp}`);
console.log(`BIFF5, CODEPAGE 1258, after set_cptable(cpexcel.full.mjs): ${withCp}`);
console.log(`tally-10k as BIFF8: ${xls10k}`);
console.log(`\nfiles in ${DIR}`);
