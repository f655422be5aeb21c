// A workbook (.xlsx, .xls, .ods, HTML or XML-2003 saved as .xls) -> one Sheet per worksheet,
// through SheetJS (@e965/xlsx 0.20.3; why, and its measured costs: docs/spreadsheet-readers.md).
// It is imported only here, lazily, so reading CSV never pays for it. Formula cells give their
// cached values, error cells stay errors, cells merged down a column are filled with their
// value, merges across columns are passed on for the header reader, and text is NFC.

import type * as XLSXTypes from "@e965/xlsx";
import type { Text } from "../domain/problems.js";
import { inputError } from "../errors.js";
import type { Cell, CellProblem, Sheet, SourceFormat } from "./sheet.js";
import { zipProblem } from "./zip.js";
import { fillMerges } from "./merges.js";

/** Excel's own row limit; a sheet claiming more is read up to here. */
export const MAX_ROWS = 1_048_576;
/** Columns beyond this are not read (report forms have a few dozen). */
export const MAX_COLUMNS = 1024;

export type XLSX = typeof XLSXTypes;
let loaded: XLSX | null = null;
let codepagesLoaded = false;

/** Loads SheetJS (and, for legacy .xls, its code pages) once; reading is synchronous after. */
export async function loadXlsx(needCodepages: boolean): Promise<XLSX> {
  loaded ??= (await import("@e965/xlsx/xlsx.mjs")) as unknown as XLSX;
  if (needCodepages && !codepagesLoaded) {
    // Legacy .xls text may be in a Windows codepage (1258 for Vietnamese); without the tables
    // it reads as mojibake.
    const cp = await import("@e965/xlsx/dist/cpexcel.full.mjs");
    loaded.set_cptable(cp);
    codepagesLoaded = true;
  }
  return loaded;
}

const ERROR_TEXT: Readonly<Record<number, string>> = {
  0x00: "#NULL!",
  0x07: "#DIV/0!",
  0x0f: "#VALUE!",
  0x17: "#REF!",
  0x1d: "#NAME?",
  0x24: "#NUM!",
  0x2a: "#N/A",
  0x2b: "#GETTING_DATA",
};

function toCell(xlsx: XLSX, c: XLSXTypes.CellObject | undefined): Cell {
  if (!c) return "";
  switch (c.t) {
    case "e":
      return { error: typeof c.w === "string" && c.w.startsWith("#") ? c.w : (ERROR_TEXT[c.v as number] ?? "#ERROR") };
    case "n": {
      const v = c.v as number;
      const format = typeof c.z === "string" ? c.z : "";
      if (format && xlsx.SSF.is_date(format)) {
        const d = xlsx.SSF.parse_date_code(v);
        return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
      }
      // A percent-formatted cell holds a fraction; keep what the person sees: "91.7%".
      if (format.includes("%")) return `${Number((v * 100).toPrecision(12))}%`;
      return v;
    }
    case "s":
      return String(c.v ?? "").normalize("NFC");
    case "b":
      return c.v ? "TRUE" : "FALSE";
    case "d":
      return c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v ?? "");
    default:
      return "";
  }
}

export interface WorkbookOptions {
  readonly format: Exclude<SourceFormat, "csv">;
}

const RESAVE: Text = { vi: "Mở tệp bằng Excel rồi lưu lại thành .xlsx, hoặc xuất trang số liệu thành CSV UTF-8.", en: "Open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8." };

export function readWorkbook(xlsx: XLSX, bytes: Buffer, file: string, options: WorkbookOptions): Sheet[] {
  if (options.format === "xlsx" || options.format === "ods") {
    const problem = zipProblem(bytes);
    if (problem) throw inputError({ vi: `${file}: không đọc được như một sổ tính: ${problem.vi}`, en: `${file}: cannot be read as a workbook: ${problem.en}` }, RESAVE);
  }
  let wb: XLSXTypes.WorkBook;
  try {
    wb = xlsx.read(bytes, {
      type: "buffer",
      dense: true,
      nodim: true,
      cellText: false,
      cellHTML: false,
      cellNF: true,
      cellDates: false,
      // Without stubs SheetJS drops a formula cell whose result was never saved (what many
      // libraries write): the cell must be seen, to be reported, not read as blank. Only for
      // .xlsx, where a stub is a cell written in the file: an .ods repeats empty cells by count
      // (LibreOffice writes a million rows of 1,024), which stubs would all make.
      sheetStubs: options.format === "xlsx",
      sheetRows: MAX_ROWS + 1,
    });
  } catch (err) {
    const why = (err as Error).message ?? String(err);
    throw inputError({ vi: `${file}: không đọc được như một sổ tính: ${why}`, en: `${file}: cannot be read as a workbook: ${why}` }, RESAVE);
  }
  const sheets: Sheet[] = [];
  const states = wb.Workbook?.Sheets ?? [];
  for (const [index, name] of wb.SheetNames.entries()) {
    const state = states[index]?.Hidden;
    const hidden = state === 1 ? { hidden: "hidden" as const } : state === 2 ? { hidden: "very hidden" as const } : {};
    // A sheet named "__proto__" must not resolve to the object's prototype.
    const ws = Object.hasOwn(wb.Sheets, name) ? wb.Sheets[name] : undefined;
    const notes: Text[] = [];
    if (!ws) {
      // SheetJS leaves out a sheet it failed to parse instead of failing.
      notes.push({ vi: `không đọc được trang tính "${name}" nên đã bỏ qua`, en: `sheet "${name}" could not be read and was left out` });
      sheets.push({ file, sheet: name, format: options.format, head: [], rest: [], encoding: null, delimiter: null, notes, ...hidden });
      continue;
    }
    const merges = (ws["!merges"] ?? []).map((m) => ({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } }));
    const cellProblems: CellProblem[] = [];
    const rows = sheetRows(xlsx, ws, notes, cellProblems);
    // Read up to one row past Excel's limit: a sheet that has it would lose rows, so it is refused.
    if (rows.length > MAX_ROWS) {
      throw inputError(
        { vi: `${file} [${name}]: trang tính có hơn ${String(MAX_ROWS).replace(/\B(?=(\d{3})+$)/g, ".")} dòng, giới hạn của Excel`, en: `${file} [${name}]: the sheet has more than ${MAX_ROWS.toLocaleString("en")} rows, Excel's limit` },
        { vi: "Xuất trang tính thành CSV UTF-8: tệp CSV cỡ nào cũng được đọc dần từng phần.", en: "Export the sheet as CSV UTF-8: CSV files of any size are read in a stream." },
      );
    }
    sheets.push({
      file,
      sheet: name.normalize("NFC"),
      format: options.format,
      head: rows,
      rest: [],
      encoding: null,
      delimiter: null,
      notes,
      merges,
      ...hidden,
      ...(cellProblems.length ? { cellProblems } : {}),
    });
  }
  return sheets;
}

/** A formula whose result was never saved: no value, or an empty stub (sheetStubs). */
const formulaWithoutValue = (c: XLSXTypes.CellObject | undefined): c is XLSXTypes.CellObject & { f: string } =>
  c !== undefined && typeof c.f === "string" && c.f !== "" && (c.v === undefined || c.t === "z");

function sheetRows(xlsx: XLSX, ws: XLSXTypes.WorkSheet, notes: Text[], problems: CellProblem[]): Cell[][] {
  const data = (ws["!data"] ?? []) as (XLSXTypes.CellObject[] | undefined)[];
  let last = data.length - 1;
  const blank = (row: XLSXTypes.CellObject[] | undefined) =>
    !row || row.every((c) => !c || (c.t === "z" && !formulaWithoutValue(c)) || (c.t === "s" && String(c.v ?? "").trim() === ""));
  // Styled but empty rows at the end are no rows a person sees.
  while (last >= 0 && blank(data[last])) last--;
  let wide = false;
  const rows: Cell[][] = [];
  for (let r = 0; r <= last; r++) {
    const src = data[r] ?? [];
    // Styled empty cells (stubs) past the limit are no columns a person sees.
    if (src.length > MAX_COLUMNS && src.slice(MAX_COLUMNS).some((c) => c && c.t !== "z")) wide = true;
    let n = Math.min(src.length, MAX_COLUMNS);
    while (n > 0 && src[n - 1]?.t === "z" && !formulaWithoutValue(src[n - 1])) n--;
    const row: Cell[] = new Array<Cell>(n);
    for (let c = 0; c < n; c++) {
      const cell = src[c];
      if (formulaWithoutValue(cell)) {
        problems.push({ code: "formula_without_value", row: r, column: c, text: `=${cell.f}` });
        row[c] = "";
      } else row[c] = toCell(xlsx, cell);
    }
    rows.push(row);
  }
  if (wide) notes.push({ vi: `các cột sau cột thứ ${MAX_COLUMNS} không được đọc`, en: `columns after the ${MAX_COLUMNS}th were not read` });
  fillMerges(rows, ws["!merges"] ?? []);
  return rows;
}
