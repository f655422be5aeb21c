// One measurement in a fresh process; measure.mjs spawns it. Prints `RESULT {json}` with CPU time and
// peak RSS of this process. Usable by hand too:
//   node bench/xlsx/child.mjs import esm|cjs|esm+cpexcel|none|exceljs|read-excel-file|xlsx-0.18.5
//   node bench/xlsx/child.mjs read e965-project|e965-defaults|xlsx-0.18.5|exceljs-full|exceljs-stream|read-excel-file FILE [sheetRows]
//   node bench/xlsx/child.mjs preflight FILE
//   node bench/xlsx/child.mjs hostile e965-project|e965-defaults|xlsx-0.18.5 FILE [sheetRows]
// Comparison libraries come from --compare DIR or $XLSX_COMPARE_DIR.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { compareRequire, loadSheetJS, projectReadOptions, report } from "./common.mjs";
import { preflightZip } from "./preflight.mjs";

const [task, what, file, rowsArg] = process.argv.slice(2);
const SHEET_ROWS = Number(rowsArg || process.env.XLSX_SHEET_ROWS || 1_048_577);
const req = compareRequire();
const projectRequire = createRequire(import.meta.url);

async function loadCompare(name) {
  if (!req) throw new Error(`no comparison directory (set XLSX_COMPARE_DIR) for ${name}`);
  if (name === "read-excel-file") return import(pathToFileURL(req.resolve("read-excel-file/node")).href);
  return req(name);
}

// Column indexes of the generated tally (make-workbooks.mjs): A=STT, C=unit, AF=SUM formula, AG=households.
const C_STT = 0, C_COMMUNE = 2, C_FORMULA = 31, C_TEXTNUM = 32;
/** Checksum over data rows (rows whose STT is a number): sum of the formula column etc. */
function tally() {
  const t = { rows: 0, formulaSum: 0, hoaBinh: 0, textNums: 0, unresolved: 0 };
  t.add = (stt, commune, formula, textnum) => {
    if (typeof stt !== "number") return;
    t.rows++;
    if (typeof formula === "number") t.formulaSum += formula;
    if (typeof commune === "string" && commune.includes("Hòa Bình")) t.hoaBinh++;
    else if (commune && typeof commune === "object") t.unresolved++;
    if (typeof textnum === "string") t.textNums++;
  };
  return t;
}
const done = (t, extra) => report({ rows: t.rows, formulaSum: t.formulaSum, hoaBinh: t.hoaBinh, textNums: t.textNums, unresolved: t.unresolved, ...extra });

async function importTask() {
  const t0 = performance.now();
  if (what === "esm") await loadSheetJS();
  else if (what === "cjs") projectRequire("@e965/xlsx");
  else if (what === "esm+cpexcel") {
    const XLSX = await loadSheetJS();
    XLSX.set_cptable(await import("@e965/xlsx/dist/cpexcel.full.mjs"));
  } else if (what === "exceljs") await loadCompare("exceljs");
  else if (what === "read-excel-file") await loadCompare("read-excel-file");
  else if (what === "xlsx-0.18.5") await loadCompare("xlsx");
  else if (what !== "none") throw new Error(`unknown import ${what}`);
  report({ importMs: performance.now() - t0 });
}

async function readTask() {
  const t = tally();
  let t0 = performance.now();
  if (what === "e965-project" || what === "e965-defaults" || what === "xlsx-0.18.5") {
    const XLSX = what === "xlsx-0.18.5" ? await loadCompare("xlsx") : await loadSheetJS();
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const buf = readFileSync(file);
    if (what === "e965-project") {
      const wb = XLSX.read(buf, projectReadOptions(SHEET_ROWS));
      const ws = wb.Sheets[wb.SheetNames[0]];
      if (!ws) throw new Error("first sheet missing");
      for (const row of ws["!data"] ?? []) {
        if (!row) continue;
        t.add(row[C_STT]?.v, row[C_COMMUNE]?.v, row[C_FORMULA]?.v, row[C_TEXTNUM]?.v);
      }
      return done(t, { importMs, readMs: performance.now() - t0, merges: ws["!merges"]?.length ?? 0, sheets: wb.SheetNames.length });
    }
    // Defaults: the library's usual API, read + sheet_to_json(header:1).
    const wb = XLSX.read(buf, { type: "buffer" });
    const ws = wb.Sheets[wb.SheetNames[0]];
    for (const row of XLSX.utils.sheet_to_json(ws, { header: 1 })) t.add(row[C_STT], row[C_COMMUNE], row[C_FORMULA], row[C_TEXTNUM]);
    return done(t, { importMs, readMs: performance.now() - t0, merges: ws["!merges"]?.length ?? 0, sheets: wb.SheetNames.length });
  }
  if (what === "exceljs-full" || what === "exceljs-stream") {
    const ExcelJS = await loadCompare("exceljs");
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const val = (v) => (v && typeof v === "object" && "result" in v ? v.result : v);
    const addRow = (values) => t.add(val(values[C_STT + 1]), val(values[C_COMMUNE + 1]), val(values[C_FORMULA + 1]), val(values[C_TEXTNUM + 1]));
    if (what === "exceljs-full") {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      wb.worksheets[0].eachRow((row) => addRow(row.values));
      return done(t, { importMs, readMs: performance.now() - t0, merges: Object.keys(wb.worksheets[0]._merges ?? {}).length });
    }
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore" });
    let first = true;
    for await (const ws of reader) {
      for await (const row of ws) if (first) addRow(row.values);
      first = false;
    }
    return done(t, { importMs, readMs: performance.now() - t0 });
  }
  if (what === "read-excel-file") {
    const { readSheet } = await loadCompare("read-excel-file");
    const importMs = performance.now() - t0;
    t0 = performance.now();
    const rows = await readSheet(file);
    for (const row of rows) t.add(row[C_STT], row[C_COMMUNE], row[C_FORMULA], row[C_TEXTNUM]);
    return done(t, { importMs, readMs: performance.now() - t0 });
  }
  throw new Error(`unknown reader ${what}`);
}

function preflightTask() {
  const buf = readFileSync(what);
  const t0 = performance.now();
  try {
    const r = preflightZip(buf);
    report({ ms: performance.now() - t0, ok: true, ...r });
  } catch (e) {
    report({ ms: performance.now() - t0, ok: false, error: `${e.code ? e.code + ": " : ""}${e.message}`.slice(0, 200) });
  }
}

/** What a reader made of a hostile file: sheets, rows, cells, longest string, prototype pollution. */
async function hostileTask() {
  const XLSX = what === "xlsx-0.18.5" ? await loadCompare("xlsx") : await loadSheetJS();
  const hostname = (() => { try { return readFileSync("/etc/hostname", "utf8").trim(); } catch { return null; } })();
  const buf = readFileSync(file);
  const t0 = performance.now();
  const out = {};
  try {
    const wb = XLSX.read(buf, what === "e965-project" ? projectReadOptions(SHEET_ROWS) : { type: "buffer" });
    out.sheetNames = wb.SheetNames;
    out.sheetsOwnKeys = Object.keys(wb.Sheets);
    out.sheetsProtoReplaced = Object.getPrototypeOf(wb.Sheets) !== Object.prototype;
    const name = wb.SheetNames[0];
    const ws = Object.prototype.hasOwnProperty.call(wb.Sheets, name) ? wb.Sheets[name] : undefined;
    out.firstSheetPresent = !!ws;
    if (ws) {
      let rows = 0, cells = 0, maxLen = 0, rowSlots = 0;
      const strings = [];
      const see = (v) => {
        if (v === undefined || v === null || v === "") return;
        cells++;
        if (typeof v === "string") {
          maxLen = Math.max(maxLen, v.length);
          if (strings.length < 6) strings.push(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v);
        }
      };
      if (what === "e965-project") {
        const data = ws["!data"] ?? [];
        rowSlots = data.length;
        for (const row of data) {
          if (!row) continue;
          rows++;
          for (const c of row) if (c) see(c.v);
        }
      } else {
        // the usual API: objects keyed by the header row
        const objs = XLSX.utils.sheet_to_json(ws);
        rows = objs.length;
        out.keys = objs[0] ? Object.keys(objs[0]) : [];
        for (const o of objs) for (const k of Object.keys(o)) see(o[k]);
      }
      Object.assign(out, { rows, rowSlots, cells, maxLen, strings, ref: ws["!ref"] });
      if (hostname) out.hostnameLeaked = strings.some((s) => s.includes(hostname));
    }
  } catch (e) {
    out.error = String(e?.message ?? e).slice(0, 160);
  }
  out.ms = performance.now() - t0;
  out.prototypePolluted = Object.getOwnPropertyNames(Object.prototype).filter((k) => !["constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__", "__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString"].includes(k));
  report(out);
}

const tasks = { import: importTask, read: readTask, preflight: preflightTask, hostile: hostileTask };
if (!tasks[task]) {
  console.error("usage: see the header of bench/xlsx/child.mjs");
  process.exit(2);
}
await tasks[task]();
