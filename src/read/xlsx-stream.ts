// An .xlsx read in bounded memory: the zip is read by position from its directory, the shared
// strings and styles first, then each sheet's XML inflated in 64 KB chunks and scanned row by
// row, so a workbook of a million rows never sits in memory, neither as bytes nor as XML.
//
// It gives the same cells as read/xlsx.ts gives through SheetJS (@e965/xlsx), rule for rule:
// the cell types and values of SheetJS's parse_ws_xml_data (stubs, formulas with and without a
// cached value, shared and array formulas, errors, booleans, shared and inline strings with
// SheetJS's own parse of the string table), numbers formatted as dates or percentages by the
// style's number format (fmt_is_date and parse_date_code ported), styled empty rows and cells
// trimmed, cells merged down a column filled, the column and row limits. test/xlsx-stream.test.ts
// holds it to SheetJS on every fixture workbook and on generated ones.
//
// What it does not read is left to SheetJS (`streamable` says so before anything is read, and
// read/index.ts then loads SheetJS as before): anything but a plain .xlsx/.xlsm workbook at
// xl/workbook.xml (.xlsb, Numbers, odd content types or part names), 1904 dates, chart or macro
// sheets, sheets whose XML uses a namespace prefix, a Node without a synchronous chunked inflate.
//
// A small sheet (up to 8 MB of XML) is read in one pass into memory, as SheetJS would; a larger
// one twice: a first pass finds what must be known before the first row is handed on (the last
// row that is not blank, formulas without values, merged ranges, columns past the limit, rows out
// of order), a second gives the rows as the pipeline consumes them (Sheet.rest), again on each
// iteration. Rows out of order in a large sheet fall back to the one-pass read.

import type { Text } from "../domain/problems.js";
import { inputError } from "../errors.js";
import type { Cell, CellProblem, CellRange, Sheet } from "./sheet.js";
import type { ByteSource, RandomFile } from "./source.js";
import { fillMerges } from "./merges.js";
import { MAX_COLUMNS, MAX_ROWS } from "./xlsx.js";
import { canInflateInChunks, directoryEntry, entryChunks, readDirectory, walkFile, ZipEntryError, type DirectoryEntry } from "./zip.js";

/** Rows handed on at once (as a CSV's head); the rest of a large sheet is read as consumed. */
export const STREAM_HEAD_ROWS = 1000;
/** Sheets whose XML is larger than this are read in two passes, never whole. */
export const ONE_PASS_BYTES = 8 << 20;

const RESAVE: Text = { vi: "Mở tệp bằng Excel rồi lưu lại thành .xlsx, hoặc xuất trang số liệu thành CSV UTF-8.", en: "Open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8." };

interface BookSheet {
  readonly name: string;
  readonly hidden?: "hidden" | "very hidden";
  readonly entry: DirectoryEntry;
}

interface Book {
  readonly sheets: readonly BookSheet[];
  readonly sst: DirectoryEntry | null;
  readonly styles: DirectoryEntry | null;
}

let inflateOk: boolean | null = null;

/**
 * Whether the streaming reader reads this source (an .xlsx it can read by position, of a shape
 * it knows); otherwise SheetJS does. Reads the directory and a few small parts only.
 */
export function streamable(source: ByteSource): boolean {
  if (!source.open) return false;
  inflateOk ??= canInflateInChunks();
  if (!inflateOk) return false;
  let file: RandomFile | null = null;
  try {
    file = source.open();
    return structure(file) !== null;
  } catch {
    return false;
  } finally {
    file?.close();
  }
}

function entriesOf(file: RandomFile): Map<string, DirectoryEntry> | null {
  const dir = readDirectory(file);
  if ("problem" in dir) return null;
  const map = new Map<string, DirectoryEntry>();
  let p = 0;
  for (let k = 0; k < dir.entries; k++) {
    if (p + 46 > dir.buf.length || dir.buf.readUInt32LE(p) !== 0x02014b50) return null;
    const e = directoryEntry(dir.buf, p);
    p = e.next;
    if (map.has(e.name)) return null;
    map.set(e.name, e);
  }
  return map;
}

/** An entry's text, whole (small parts: content types, workbook, rels, strings, styles). */
function entryText(file: RandomFile, e: DirectoryEntry): string {
  const parts: Buffer[] = [];
  for (const c of entryChunks(file, e)) parts.push(Buffer.from(c));
  const s = Buffer.concat(parts).toString("utf8");
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
};

const MAIN_TYPES = /^application\/vnd\.(ms-excel\.sheet\.macroEnabled\.main\+xml|openxmlformats-officedocument\.spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.template\.macroEnabled\.main\+xml)$/;

/** The workbook's parts, or null when it is of a shape left to SheetJS. */
function structure(file: RandomFile): Book | null {
  const entries = entriesOf(file);
  if (!entries) return null;
  for (const other of ["META-INF/manifest.xml", "objectdata.xml", "Index/Document.iwa", "xl/workbook.bin"]) if (entries.has(other)) return null;
  const ctEntry = entries.get("[Content_Types].xml");
  const wbEntry = entries.get("xl/workbook.xml");
  const relsEntry = entries.get("xl/_rels/workbook.xml.rels");
  if (!ctEntry || !wbEntry || !relsEntry) return null;
  if (ctEntry.size > 1 << 20 || wbEntry.size > 4 << 20 || relsEntry.size > 1 << 20) return null;
  const ct = entryText(file, ctEntry);
  let main = 0;
  let sst: DirectoryEntry | null = null;
  let styles: DirectoryEntry | null = null;
  for (const m of ct.matchAll(/<Override\b[^<>]*>/g)) {
    const type = attr(m[0], "ContentType") ?? "";
    const part = attr(m[0], "PartName") ?? "";
    if (MAIN_TYPES.test(type) || /\.main\+xml$|workbook/i.test(type)) {
      if (part !== "/xl/workbook.xml" || !MAIN_TYPES.test(type)) return null;
      main++;
    } else if (type.endsWith(".sharedStrings+xml")) {
      if (part !== "/xl/sharedStrings.xml" || sst) return null;
      sst = entries.get("xl/sharedStrings.xml") ?? null;
      if (!sst) return null;
    } else if (type.endsWith(".styles+xml")) {
      if (part !== "/xl/styles.xml" || styles) return null;
      styles = entries.get("xl/styles.xml") ?? null;
      if (!styles) return null;
    }
  }
  if (main !== 1) return null;
  const wb = entryText(file, wbEntry);
  if (/<\w+:workbook\b/.test(wb)) return null;
  const pr = /<workbookPr\b[^<>]*>/.exec(wb);
  if (pr) {
    const d1904 = attr(pr[0], "date1904");
    if (d1904 !== undefined && d1904 !== "0" && d1904 !== "false") return null;
  }
  const rels = new Map<string, { type: string; target: string }>();
  for (const m of entryText(file, relsEntry).matchAll(/<Relationship\b[^<>]*>/g)) {
    const id = attr(m[0], "Id");
    if (id !== undefined) rels.set(id, { type: attr(m[0], "Type") ?? "", target: attr(m[0], "Target") ?? "" });
  }
  const sheets: BookSheet[] = [];
  const names = new Set<string>();
  for (const m of wb.matchAll(/<sheet\b[^<>]*>/g)) {
    const name = attr(m[0], "name");
    const id = attr(m[0], "r:id");
    if (name === undefined || id === undefined) return null;
    const rel = rels.get(id);
    if (!rel || !rel.type.endsWith("/worksheet")) return null;
    const plain = unescapeXml(name);
    if (plain === "__proto__" || names.has(plain)) return null;
    names.add(plain);
    const path = "xl/" + rel.target.replace(/[/]?xl\//, "");
    const entry = entries.get(path);
    if (!entry) return null;
    const state = attr(m[0], "state");
    sheets.push({ name: plain, entry, ...(state === "hidden" ? { hidden: "hidden" as const } : state === "veryHidden" ? { hidden: "very hidden" as const } : {}) });
  }
  // Each sheet's first bytes: a namespace prefix on its elements is left to SheetJS.
  for (const s of sheets) {
    let first: IteratorResult<Buffer>;
    try {
      const chunks = entryChunks(file, s.entry);
      first = chunks.next();
      chunks.return(undefined);
    } catch (err) {
      // A damaged part: the archive check refuses it, with its reason, when the book is read.
      if (err instanceof ZipEntryError) continue;
      throw err;
    }
    if (first.done) continue;
    const head = first.value.toString("latin1", 0, Math.min(first.value.length, 4096));
    if (/<\w+:worksheet\b/.test(head) || !/<worksheet\b/.test(head)) return null;
  }
  return { sheets, sst, styles };
}

// ---------------------------------------------------------------------------------------------
// Text, as SheetJS unescapes it (unescapexml, with its xlsx flag where SheetJS sets it).

const ENTITIES: Readonly<Record<string, string>> = { "&quot;": '"', "&apos;": "'", "&gt;": ">", "&lt;": "<", "&amp;": "&" };
const ENC = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const CODE = /_x([\da-fA-F]{4})_/gi;

function rawUnescape(text: string): string {
  const i = text.indexOf("<![CDATA[");
  if (i === -1) {
    if (text.indexOf("&") === -1 && text.indexOf("_x") === -1 && text.indexOf("_X") === -1) return text;
    return text
      .replace(ENC, ($$, $1: string | undefined) => ENTITIES[$$] ?? (String.fromCharCode(parseInt($1 ?? "", $$.indexOf("x") > -1 ? 16 : 10)) || $$))
      .replace(CODE, (_m, c: string) => String.fromCharCode(parseInt(c, 16)));
  }
  const j = text.indexOf("]]>");
  return rawUnescape(text.slice(0, i)) + text.slice(i + 9, j) + rawUnescape(text.slice(j + 3));
}

export function unescapeXml(text: string, xlsx = false): string {
  const out = rawUnescape(text);
  return xlsx && out.indexOf("\r\n") !== -1 ? out.replace(/\r\n/g, "\n") : out;
}

// ---------------------------------------------------------------------------------------------
// Shared strings: SheetJS's parse_sst_xml and parse_si, on the whole part.

const SST_OPEN = /<(?:\w+:)?(?:si|sstItem)>/g;
const SST_CLOSE = /<\/(?:\w+:)?(?:si|sstItem)>/;
const SI_T = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const SI_R = /<(?:\w+:)?r\b[^<>]*>/;
const TAG = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;

function matchXml(str: string, tag: string): { whole: string; inner: string; index: number } | null {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, "g");
  const close = new RegExp(`</(?:\\w+:)?${tag}>`, "g");
  const m = open.exec(str);
  if (!m) return null;
  const sf = open.lastIndex;
  close.lastIndex = sf;
  const c = close.exec(str);
  if (!c) return null;
  return { whole: str.slice(m.index, close.lastIndex), inner: str.slice(sf, c.index), index: m.index };
}

function removeXmlAll(str: string, tag: string): string {
  return str.replace(new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>[\\s\\S]*?</(?:\\w+:)?${tag}>`, "g"), "");
}

function parseSi(x: string): string | undefined {
  if (!x) return "";
  if (/^\s*<(?:\w+:)?t[^>]*>/.test(x)) return unescapeXml(x.slice(x.indexOf(">") + 1).split(/<\/(?:\w+:)?t>/)[0] ?? "", true);
  if (SI_R.test(x)) return unescapeXml((removeXmlAll(x, "rPh").match(SI_T) ?? []).join("").replace(TAG, ""), true);
  return undefined;
}

interface Strings {
  /** NFC text of each entry. */
  readonly text: string[];
  /** Whether the entry is blank (whitespace only). */
  readonly blank: boolean[];
}

function readStrings(file: RandomFile, e: DirectoryEntry | null): Strings {
  const text: string[] = [];
  const blank: boolean[] = [];
  if (!e) return { text, blank };
  const data = entryText(file, e);
  const sst = matchXml(data, "sst");
  if (!sst) return { text, blank };
  for (const piece of sst.inner.replace(SST_OPEN, "").split(SST_CLOSE)) {
    const t = parseSi(piece.trim());
    const s = String(t ?? "");
    text.push(s.normalize("NFC"));
    blank.push(s.trim() === "");
  }
  return { text, blank };
}

// ---------------------------------------------------------------------------------------------
// Number formats: SheetJS's table of built-in formats, the workbook's own, and each cell
// style's format as SheetJS gives it (cellNF: z = table_fmt[numFmtId]).

const BUILTIN: Readonly<Record<number, string>> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "m/d/yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
  22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@", 56: '"上午/下午 "hh"時"mm"分"ss"秒 "',
};

/** How a numeric cell of each style is shown: 0 plain, 1 a date, 2 a percentage. */
type Shown = 0 | 1 | 2;

function readStyles(file: RandomFile, e: DirectoryEntry | null): Shown[] | null {
  if (!e) return null;
  const data = entryText(file, e);
  const formats: Record<number, string> = { ...BUILTIN };
  const numFmts = matchXml(data, "numFmts");
  if (numFmts) {
    for (const tag of numFmts.whole.match(TAG) ?? []) {
      if (!/^<(?:\w+:)?numFmt[\s/>]/.test(tag)) continue;
      const f = unescapeXml(attr(tag, "formatCode") ?? "");
      let j = parseInt(attr(tag, "numFmtId") ?? "", 10);
      formats[j] = f;
      if (j > 0x188) {
        for (j = 0x188; j > 0x3c; --j) if (formats[j] == null) break;
        formats[j] = f;
      }
    }
  }
  const xfs = matchXml(data, "cellXfs");
  if (!xfs) return null;
  const shown: Shown[] = [];
  for (const tag of xfs.whole.match(TAG) ?? []) {
    if (!/^<(?:\w+:)?xf[\s/>]/.test(tag)) continue;
    const raw = attr(tag, "numFmtId");
    let id = raw ? parseInt(raw, 10) : 0;
    if (!raw || Number.isNaN(id)) id = 0;
    if (id > 0x188) {
      for (let i = 0x188; i > 0x3c; --i) if (formats[id] == formats[i]) { id = i; break; }
    }
    const z = formats[id];
    shown.push(typeof z === "string" && z ? (isDateFormat(z) ? 1 : z.includes("%") ? 2 : 0) : 0);
  }
  return shown;
}

const ABSTIME = /\[[HhMmSs\u0E0A\u0E19\u0E17]*\]/;
const isGeneral = (s: string, i: number) => s.length >= 7 + i && s.slice(i, i + 7).toLowerCase() === "general";

/** SheetJS's fmt_is_date (SSF.is_date). */
export function isDateFormat(fmt: string): boolean {
  let i = 0;
  let c = "";
  let o = "";
  while (i < fmt.length) {
    switch ((c = fmt.charAt(i))) {
      case "G": if (isGeneral(fmt, i)) i += 6; i++; break;
      case '"': for (; fmt.charCodeAt(++i) !== 34 && i < fmt.length;) { /* skip */ } ++i; break;
      case "\\": i += 2; break;
      case "_": i += 2; break;
      case "@": ++i; break;
      // "B1"/"B2" (Buddhist and Hijri years) and every date or time letter: a date.
      case "B": case "b": case "M": case "D": case "Y": case "H": case "S": case "E":
      case "m": case "d": case "y": case "h": case "s": case "e": case "g": return true;
      case "A": case "a": case "上":
        if (fmt.substr(i, 3).toUpperCase() === "A/P") return true;
        if (fmt.substr(i, 5).toUpperCase() === "AM/PM") return true;
        if (fmt.substr(i, 5).toUpperCase() === "上午/下午") return true;
        ++i; break;
      case "[":
        o = c;
        while (fmt.charAt(i++) !== "]" && i < fmt.length) o += fmt.charAt(i);
        if (ABSTIME.test(o)) return true;
        break;
      case ".": case "0": case "#":
        while (i < fmt.length && ("0#?.,E+-%".indexOf((c = fmt.charAt(++i))) > -1 || (c === "\\" && fmt.charAt(i + 1) === "-" && "0#".indexOf(fmt.charAt(i + 2)) > -1))) { /* skip */ }
        break;
      case "?": while (fmt.charAt(++i) === c) { /* skip */ } break;
      case "*": ++i; if (fmt.charAt(i) === " " || fmt.charAt(i) === "*") ++i; break;
      case "(": case ")": ++i; break;
      case "1": case "2": case "3": case "4": case "5": case "6": case "7": case "8": case "9":
        while (i < fmt.length && "0123456789".indexOf(fmt.charAt(++i)) > -1) { /* skip */ }
        break;
      case " ": ++i; break;
      default: ++i; break;
    }
  }
  return false;
}

function normalizeXl(v: number): number {
  const s = v.toPrecision(16);
  if (s.indexOf("e") > -1) {
    const m0 = s.slice(0, s.indexOf("e"));
    const m = m0.indexOf(".") > -1 ? m0.slice(0, m0.slice(0, 2) === "0." ? 17 : 16) : m0.slice(0, 15) + "0".repeat(Math.max(0, m0.length - 15));
    return (m + s.slice(s.indexOf("e"))) as unknown as number;
  }
  const n = s.indexOf(".") > -1 ? s.slice(0, s.slice(0, 2) === "0." ? 17 : 16) : s.slice(0, 15) + "0".repeat(Math.max(0, s.length - 15));
  return Number(n);
}

/** A serial date as "yyyy-mm-dd", as read/xlsx.ts writes SheetJS's parse_date_code. */
export function serialDate(v: number): string {
  // SheetJS returns null out of range, and read/xlsx.ts then fails reading .y: the same here.
  if (v > 2958465 || v < 0) return (null as unknown as { y: number }).y as never;
  v = normalizeXl(v);
  let date = v | 0;
  let time = Math.floor(86400 * (v - date));
  let u = 86400 * (v - date) - time;
  if (Math.abs(u) < 1e-6) u = 0;
  if (u > 0.9999) {
    if (++time === 86400) { time = 0; ++date; }
  }
  let y: number, m: number, d: number;
  if (date === 60) [y, m, d] = [1900, 2, 29];
  else if (date === 0) [y, m, d] = [1900, 1, 0];
  else {
    if (date > 60) --date;
    const dt = new Date(1900, 0, 1);
    dt.setDate(dt.getDate() + date - 1);
    [y, m, d] = [dt.getFullYear(), dt.getMonth() + 1, dt.getDate()];
  }
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Formulas: SheetJS's shift of a shared formula to the cell that uses it.

const CREF = /(^|[^._A-Z0-9])([$]?)([A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])([$]?)(10[0-3]\d{4}|104[0-7]\d{3}|1048[0-4]\d{2}|10485[0-6]\d|104857[0-6]|[1-9]\d{0,5})(?![_.(A-Za-z0-9])/g;
const decodeCol = (s: string) => { let d = 0; for (let i = 0; i < s.length; i++) d = 26 * d + s.charCodeAt(i) - 64; return d - 1; };
const encodeCol = (col: number) => {
  if (col < 0) throw new Error("invalid column " + col);
  let s = "";
  for (++col; col; col = Math.floor((col - 1) / 26)) s = String.fromCharCode(((col - 1) % 26) + 65) + s;
  return s;
};

function shiftFormula(f: string, dr: number, dc: number): string {
  return f.replace(CREF, ($0, $1: string, $2: string, $3: string, $4: string, $5: string) =>
    $1 + ($2 === "$" ? $2 + $3 : encodeCol(decodeCol($3) + dc)) + ($4 === "$" ? $4 + $5 : String(parseInt($5, 10) - 1 + dr + 1)));
}

/** decode_cell: letters and digits, anything else ignored; -1 where there are none. */
function decodeRef(ref: string): { r: number; c: number } {
  let R = 0;
  let C = 0;
  for (let i = 0; i < ref.length; i++) {
    const cc = ref.charCodeAt(i);
    if (cc >= 48 && cc <= 57) R = 10 * R + (cc - 48);
    else if (cc >= 65 && cc <= 90) C = 26 * C + (cc - 64);
  }
  return { r: R - 1, c: C - 1 };
}

const MERGE = /<(?:\w+:)?mergeCell ref=["'][A-Z0-9:]+['"]\s*[/]?>/g;

function decodeRange(ref: string): CellRange {
  const i = ref.indexOf(":");
  if (i === -1) {
    const a = decodeRef(ref);
    return { s: a, e: { ...a } };
  }
  return { s: decodeRef(ref.slice(0, i)), e: decodeRef(ref.slice(i + 1)) };
}

// ---------------------------------------------------------------------------------------------
// The sheet scanner.

/** What a parsed cell is, for trimming and blank rows. */
const enum Kind {
  Hole = 0,
  /** A styled empty cell (SheetJS's stub, "z"): trimmed at a row's end. */
  Stub = 1,
  /** Text that is blank: a row of these is a blank row, but they are not trimmed. */
  BlankText = 2,
  Value = 3,
  /** A formula whose result was never saved. */
  NoValue = 4,
}

/** One row as parsed: cells by column, with their kinds. */
interface Parsed {
  /** 0-based row. */
  r: number;
  /** Largest column + 1 seen in the row. */
  width: number;
  cells: Cell[];
  kinds: Kind[];
  formulas: Map<number, string> | null;
  /** Cells whose reference names another row (SheetJS places each cell by its own reference). */
  stray: { r: number; c: number; value: Cell; kind: Kind; f: string | undefined }[] | null;
  /** Set by the survey's quick look: a row with a figure, no formula, no column past the limit, no cell of another row. */
  quick?: true;
}

class SheetUnreadable extends Error {}

interface ScanContext {
  readonly strings: Strings;
  readonly styles: Shown[] | null;
}

/**
 * Scans a sheet's XML, given in chunks, calling `onRow` for each `<row>` as SheetJS reads it.
 * Returns the merged ranges (read after sheetData).
 */
class Scanner {
  private buf = "";
  private parts: string[] = [];
  private partsLength = 0;
  private inData = false;
  private done = false;
  private tagr = 0;
  private readonly shared = new Map<number, { f: string; r: number; c: number }>();
  private readonly arrays: CellRange[] = [];
  readonly merges: CellRange[] = [];
  private tail = "";
  private seenEnd = false;
  private mergeCount = 0;

  constructor(
    private readonly ctx: ScanContext,
    private readonly onRow: (row: Parsed) => boolean | void,
    /** The survey's mode: a row that plainly holds a figure is not parsed cell by cell. */
    private readonly quick = false,
  ) {}

  /** Feeds text; false once onRow asked to stop. */
  push(text: string): boolean {
    if (this.done) return false;
    if (this.seenEnd) {
      this.scanTail(text, false);
      return true;
    }
    // A long row (or a long run of text without one) is kept in parts, and only the new text is
    // searched for its end: joining and searching it whole at every chunk would be quadratic.
    if (this.inData && this.buf.length + this.partsLength > 1 << 20) {
      const edge = (this.parts.length ? this.parts[this.parts.length - 1]! : this.buf).slice(-12) + text;
      if (edge.indexOf("</row>") === -1 && edge.indexOf("</sheetData>") === -1) {
        this.parts.push(text);
        this.partsLength += text.length;
        return true;
      }
    }
    if (this.parts.length) {
      text = this.parts.join("") + text;
      this.parts = [];
      this.partsLength = 0;
    }
    let s = this.buf.length ? this.buf + text : text;
    let p = 0;
    if (!this.inData) {
      const m = /<sheetData\b[^<>]*>/.exec(s);
      if (!m) {
        // Keep only what could start the tag.
        this.buf = s.slice(Math.max(0, s.length - 64));
        return true;
      }
      if (m[0].endsWith("/>")) {
        this.seenEnd = true;
        this.buf = "";
        this.scanTail(s.slice(m.index + m[0].length), false);
        return true;
      }
      this.inData = true;
      p = m.index + m[0].length;
    }
    // Where sheetData ends, if in this text: looked for once, not before every row.
    const close = s.indexOf("</sheetData>", p);
    for (;;) {
      // A row written <row .../> holds no cell: SheetJS's reading of the text between two
      // </row> passes over it (its number is not used).
      let q = p;
      while (q < s.length && s.charCodeAt(q) <= 32) q++;
      if (s.startsWith("<row", q)) {
        const gt = s.indexOf(">", q);
        if (gt === -1) break;
        if (s.charCodeAt(gt - 1) === 47) {
          p = gt + 1;
          continue;
        }
      }
      const end = s.indexOf("</row>", p);
      if (close !== -1 && (end === -1 || close < end)) {
        // Rows written as <row .../> (no cells) before the end.
        this.rowPiece(s.slice(p, close));
        if (this.done) return false;
        this.seenEnd = true;
        this.buf = "";
        this.scanTail(s.slice(close + 12), false);
        return true;
      }
      if (end === -1) break;
      this.rowPiece(s.slice(p, end));
      if (this.done) return false;
      p = end + 6;
    }
    this.buf = s.slice(p);
    s = "";
    return true;
  }

  finish(): void {
    if (this.seenEnd) this.scanTail("", true);
    else if (this.inData && !this.done) {
      // No </sheetData>: SheetJS finds no sheet data at all.
      this.buf = "";
    }
  }

  private scanTail(text: string, last: boolean): void {
    const s = this.tail + text;
    MERGE.lastIndex = 0;
    let m: RegExpExecArray | null;
    let upto = 0;
    while ((m = MERGE.exec(s))) {
      const ref = m[0].slice(m[0].indexOf("=") + 2);
      this.merges.push(decodeRange(ref.replace(/['"][\s\S]*$/, "")));
      this.mergeCount++;
      upto = MERGE.lastIndex;
    }
    this.tail = last ? "" : s.slice(Math.max(upto, s.length - 200));
  }

  /** The text between two </row>: SheetJS's row tag is the last "<" before the first ">" not closing "/>". */
  private rowPiece(x: string): void {
    let i = 0;
    const n = x.length;
    // Skip whitespace.
    while (i < n && x.charCodeAt(i) <= 32) i++;
    if (i >= n) return;
    let rstart = -1;
    let ri = i;
    let open = false;
    for (; ri < n; ri++) {
      const ch = x.charCodeAt(ri);
      if (ch === 60) rstart = ri;
      else if (ch === 62) {
        if (x.charCodeAt(ri - 1) !== 47) { ri++; open = true; break; }
      }
    }
    if (rstart < 0 || rstart >= ri) return;
    const tag = x.slice(rstart, open ? ri : ri);
    const rAttr = attrFast(tag, "r");
    this.tagr = rAttr !== undefined ? parseInt(rAttr, 10) : this.tagr + 1;
    if (MAX_ROWS + 1 < this.tagr) return;
    if (!open) return;
    const row: Parsed = { r: this.tagr - 1, width: 0, cells: [], kinds: [], formulas: null, stray: null };
    if (this.quick && quickRow(x, ri, this.tagr)) row.quick = true;
    else this.cells(x, ri, row);
    if (this.onRow(row) === false) this.done = true;
  }

  private cells(x: string, from: number, row: Parsed): void {
    const n = x.length;
    let p = from;
    let tagc = -1;
    const { strings, styles } = this.ctx;
    for (;;) {
      // The next "<c" followed by " ", "/" or ">".
      let at = x.indexOf("<c", p);
      while (at !== -1) {
        const ch = x.charCodeAt(at + 2);
        if (ch === 32 || ch === 47 || ch === 62 || ch === 9 || ch === 10 || ch === 13) break;
        at = x.indexOf("<c", at + 2);
      }
      if (at === -1) return;
      // The cell's piece runs to the next cell start (as SheetJS splits the row).
      const gt = x.indexOf(">", at);
      if (gt === -1) return;
      const selfClosing = x.charCodeAt(gt - 1) === 47;
      // The attributes r, s and t, read in one pass over the tag.
      let ref: string | undefined;
      let t: string | undefined;
      let sAttr: string | undefined;
      for (let i = at + 2; i < gt; ) {
        let ch = x.charCodeAt(i);
        if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) {
          i++;
          continue;
        }
        const nameStart = i;
        while (i < gt && (ch = x.charCodeAt(i)) !== 61 && ch !== 32) i++;
        const nameEnd = i;
        while (i < gt && x.charCodeAt(i) !== 34 && x.charCodeAt(i) !== 39) i++;
        if (i >= gt) break;
        const q = x.charCodeAt(i);
        const vEnd = x.indexOf(q === 34 ? '"' : "'", i + 1);
        if (vEnd === -1 || vEnd > gt) break;
        if (nameEnd - nameStart === 1) {
          const nc = x.charCodeAt(nameStart);
          if (nc === 114) ref ??= x.slice(i + 1, vEnd);
          else if (nc === 116) t ??= x.slice(i + 1, vEnd);
          else if (nc === 115) sAttr ??= x.slice(i + 1, vEnd);
        }
        i = vEnd + 1;
      }
      let contentStart = gt + 1;
      let contentEnd = gt + 1;
      let next = gt + 1;
      if (!selfClosing) {
        const close = x.indexOf("</c>", gt + 1);
        contentEnd = close === -1 ? n : close;
        next = close === -1 ? n : close + 4;
      }
      p = next;
      // Column (and row) from r; without one, the next column.
      let r = row.r;
      let c: number;
      if (ref !== undefined) {
        let R = 0;
        let C = 0;
        for (let i = 0; i < ref.length; i++) {
          const cc = ref.charCodeAt(i);
          if (cc >= 48 && cc <= 57) R = 10 * R + (cc - 48);
          else if (cc >= 65 && cc <= 90) C = 26 * C + (cc - 64);
        }
        r = R - 1;
        c = C - 1;
        tagc = c;
      } else {
        c = ++tagc;
      }
      let v: string | undefined;
      let f: string | undefined;
      let array = false;
      let content = "";
      // The common cell, <v>…</v> alone: no formula, no inline string.
      if (contentEnd - contentStart > 7 && x.startsWith("<v>", contentStart) && x.startsWith("</v>", contentEnd - 4) && x.lastIndexOf("<", contentEnd - 5) === contentStart) {
        const raw = x.slice(contentStart + 3, contentEnd - 4);
        v = raw.indexOf("&") === -1 && raw.indexOf("_x") === -1 && raw.indexOf("_X") === -1 && raw.indexOf("<![") === -1 ? raw : unescapeXml(raw);
      } else if (contentEnd > contentStart) {
        content = x.slice(contentStart, contentEnd);
        const vOpen = content.indexOf("<v");
        if (vOpen !== -1) {
          const vGt = content.indexOf(">", vOpen);
          const vClose = content.indexOf("</v>", vGt);
          const ch = content.charCodeAt(vOpen + 2);
          if (vGt !== -1 && vClose !== -1 && (ch === 62 || ch === 32)) {
            const raw = content.slice(vGt + 1, vClose);
            if (raw !== "") v = unescapeXml(raw);
          }
        }
        if (content.indexOf("<f") !== -1) {
          const res = this.formula(content, r, c);
          f = res.f;
          array = res.array;
        }
      }
      void contentStart;
      if (!array && this.arrays.length) {
        for (const a of this.arrays) if (r >= a.s.r && r <= a.e.r && c >= a.s.c && c <= a.e.c) array = true;
      }
      let kind: Kind;
      let value: Cell = "";
      let type = t;
      // No type and no value: a stub. (SheetJS gives a formula or array cell the value 0 here,
      // then, 0 == "", makes it a stub all the same.)
      if (t === undefined && v === undefined) type = "z";
      else type = t ?? "n";
      switch (type) {
        case "z":
          kind = Kind.Stub;
          break;
        case "n":
          if (v === undefined || v === "") {
            kind = Kind.Stub;
            type = "z";
          } else {
            value = parseFloat(v);
            kind = Kind.Value;
          }
          break;
        case "s":
          if (v === undefined) {
            kind = Kind.Stub;
            type = "z";
          } else {
            const k = parseInt(v, 10);
            // SheetJS fails on an index past the table and leaves the sheet out.
            if (!(k >= 0 && k < strings.text.length)) {
              if (strings.text[k as number] === undefined) throw new SheetUnreadable();
            }
            value = strings.text[k]!;
            kind = strings.blank[k] ? Kind.BlankText : Kind.Value;
          }
          break;
        case "str": {
          const s = v !== undefined ? unescapeXml(v, true) : "";
          value = s.normalize("NFC");
          kind = s.trim() === "" ? Kind.BlankText : Kind.Value;
          type = "s";
          break;
        }
        case "inlineStr": {
          const is = matchXml(content, "is");
          const s = is ? String(parseSi(is.inner) ?? "") : "";
          value = s.normalize("NFC");
          kind = s.trim() === "" ? Kind.BlankText : Kind.Value;
          type = "s";
          break;
        }
        case "b":
          value = v === "1" || v === "true" ? "TRUE" : "FALSE";
          kind = Kind.Value;
          break;
        case "e":
          value = { error: v !== undefined && Object.hasOwn(ERRORS, v) ? ERRORS[v]! : "#ERROR" };
          kind = Kind.Value;
          break;
        case "d":
          // An ISO date in the cell (Excel does not write these): its text.
          value = v ?? "";
          kind = Kind.Value;
          break;
        default:
          // SheetJS keeps the unknown type, which read/xlsx.ts reads as blank.
          value = "";
          kind = Kind.Value;
          break;
      }
      // A formula without a saved value: no value, or an empty stub.
      if (f && (type === "z" || (type === "e" && v === undefined))) {
        kind = Kind.NoValue;
        value = "";
        (row.formulas ??= new Map()).set(c, f);
      } else if (typeof value === "number" && styles !== null && sAttr !== undefined) {
        const shown = styles[parseInt(sAttr, 10)];
        if (shown === 1) value = serialDate(value);
        else if (shown === 2) value = `${Number((value * 100).toPrecision(12))}%`;
      }
      if (c < 0 || r < 0) continue;
      if (r !== row.r) {
        (row.stray ??= []).push({ r, c, value, kind, f: kind === Kind.NoValue ? f : undefined });
        if (kind === Kind.NoValue) row.formulas!.delete(c);
        continue;
      }
      row.cells[c] = value;
      row.kinds[c] = kind;
      if (c + 1 > row.width) row.width = c + 1;
    }
  }

  private formula(content: string, r: number, c: number): { f: string | undefined; array: boolean } {
    const m = matchXml(content, "f");
    let f: string | undefined;
    let array = false;
    if (m) {
      const open = m.whole.slice(0, m.whole.indexOf(">") + 1);
      if (m.inner === "") {
        if (open.indexOf('t="shared"') > -1) f = this.sharedAt(open, r, c);
      } else {
        f = unescapeXml(m.inner, true).replace(/_xlfn\./g, "");
        if (open.indexOf('t="array"') > -1) {
          const ref = /ref=["']([^"']*)["']/.exec(content)?.[1];
          array = true;
          if (ref !== undefined && ref.indexOf(":") > -1) this.arrays.push(decodeRange(ref));
        } else if (open.indexOf('t="shared"') > -1) {
          const si = parseInt(attrFast(open, "si") ?? "", 10);
          this.shared.set(si, { f: unescapeXml(m.inner).replace(/_xlfn\./g, ""), r, c });
        }
      }
    } else {
      const self = /<f[^<>]*\/>/.exec(content);
      if (self) f = this.sharedAt(self[0], r, c);
    }
    return { f, array };
  }

  private sharedAt(tag: string, r: number, c: number): string | undefined {
    const si = attrFast(tag, "si");
    const base = si === undefined ? undefined : this.shared.get(parseInt(si, 10));
    return base ? shiftFormula(base.f, r - base.r, c - base.c) : undefined;
  }
}

class OutOfOrder extends Error {}

const FIGURE = /<c\s(?![^>]*\st=)[^>]*><v>[^<]/;

/**
 * Whether a row can be passed by the survey without parsing its cells: it holds a number (so
 * it is not blank), no formula (so nothing to report), no inline string, every cell names its
 * column in this row (`r`), none past the column limit. Anything else is parsed in full.
 */
function quickRow(x: string, from: number, rowNumber: number): boolean {
  if (x.indexOf("<f", from) !== -1 || x.indexOf("<is", from) !== -1) return false;
  let cells = 0;
  for (let i = x.indexOf("<c", from); i !== -1; i = x.indexOf("<c", i + 2)) {
    const ch = x.charCodeAt(i + 2);
    if (ch === 32 || ch === 47 || ch === 62 || ch === 9 || ch === 10 || ch === 13) cells++;
  }
  let refs = 0;
  for (let i = x.indexOf(' r="', from); i !== -1; i = x.indexOf(' r="', i + 4)) {
    refs++;
    let j = i + 4;
    let C = 0;
    let letters = 0;
    let cc = x.charCodeAt(j);
    while (cc >= 65 && cc <= 90) {
      C = 26 * C + (cc - 64);
      letters++;
      cc = x.charCodeAt(++j);
    }
    let R = 0;
    while (cc >= 48 && cc <= 57) {
      R = 10 * R + (cc - 48);
      cc = x.charCodeAt(++j);
    }
    if (cc !== 34 || letters === 0 || R !== rowNumber || C > MAX_COLUMNS) return false;
  }
  return refs === cells && FIGURE.test(x.slice(from));
}

const ERRORS: Readonly<Record<string, string>> = {
  "#NULL!": "#NULL!", "#DIV/0!": "#DIV/0!", "#VALUE!": "#VALUE!", "#REF!": "#REF!", "#NAME?": "#NAME?", "#NUM!": "#NUM!", "#N/A": "#N/A", "#GETTING_DATA": "#GETTING_DATA",
};

/** An attribute of a tag, found fast: ` name="…"` (or with single quotes). */
function attrFast(tag: string, name: string): string | undefined {
  let i = 0;
  for (;;) {
    i = tag.indexOf(name + "=", i);
    if (i === -1) return undefined;
    const before = tag.charCodeAt(i - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const q = tag.charCodeAt(i + name.length + 1);
      if (q === 34 || q === 39) {
        const end = tag.indexOf(String.fromCharCode(q), i + name.length + 2);
        if (end !== -1) return tag.slice(i + name.length + 2, end);
      }
    }
    i += name.length + 1;
  }
}

/** Inflates and scans a sheet; stops early when onRow returns false. */
function scanSheet(file: RandomFile, entry: DirectoryEntry, ctx: ScanContext, quick: boolean, onRow: (row: Parsed) => boolean | void): CellRange[] {
  const scanner = new Scanner(ctx, onRow, quick);
  const decoder = new TextDecoder("utf-8");
  let first = true;
  for (const chunk of entryChunks(file, entry)) {
    let text = decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (!scanner.push(text)) return scanner.merges;
  }
  scanner.push(decoder.decode());
  scanner.finish();
  return scanner.merges;
}

// ---------------------------------------------------------------------------------------------
// Rows as read/xlsx.ts makes them from SheetJS's dense cells.

/** A row is blank when every cell is a hole, a stub or blank text. */
const blankRow = (p: Parsed | undefined) => !p || p.kinds.every((k) => k === undefined || k === Kind.Stub || k === Kind.BlankText);

interface RowOut {
  wide: boolean;
}

/** The row read/xlsx.ts makes of a parsed row: trimmed, limited, formulas noted. */
function rowCells(p: Parsed | undefined, r: number, out: RowOut, problems: CellProblem[] | null): Cell[] {
  if (!p) return [];
  const width = p.width;
  if (width > MAX_COLUMNS) {
    for (let c = MAX_COLUMNS; c < width; c++) if (p.kinds[c] !== undefined && p.kinds[c] !== Kind.Stub) out.wide = true;
  }
  let n = Math.min(width, MAX_COLUMNS);
  while (n > 0 && p.kinds[n - 1] === Kind.Stub) n--;
  const row: Cell[] = new Array<Cell>(n);
  for (let c = 0; c < n; c++) {
    const k = p.kinds[c];
    if (k === undefined) row[c] = "";
    else {
      if (k === Kind.NoValue && problems) problems.push({ code: "formula_without_value", row: r, column: c, text: `=${p.formulas!.get(c)!}` });
      row[c] = p.cells[c]!;
    }
  }
  return row;
}

const WIDE = (): Text => ({ vi: `các cột sau cột thứ ${MAX_COLUMNS} không được đọc`, en: `columns after the ${MAX_COLUMNS}th were not read` });

function tooManyRows(file: string, name: string): Error {
  return inputError(
    { vi: `${file} [${name}]: trang tính có hơn ${String(MAX_ROWS).replace(/\B(?=(\d{3})+$)/g, ".")} dòng, giới hạn của Excel`, en: `${file} [${name}]: the sheet has more than ${MAX_ROWS.toLocaleString("en")} rows, Excel's limit` },
    { vi: "Xuất trang tính thành CSV UTF-8: tệp CSV cỡ nào cũng được đọc dần từng phần.", en: "Export the sheet as CSV UTF-8: CSV files of any size are read in a stream." },
  );
}


/** One pass, in memory: every parsed row kept, then made into rows (small sheets; rows out of order). */
function readWhole(file: RandomFile, sheet: BookSheet, ctx: ScanContext, fileName: string, notes: Text[], problems: CellProblem[]): { rows: Cell[][]; merges: CellRange[] } {
  const data: (Parsed | undefined)[] = [];
  const put = (r: number, c: number, value: Cell, kind: Kind, f: string | undefined) => {
    const have = (data[r] ??= { r, width: 0, cells: [], kinds: [], formulas: null, stray: null });
    have.cells[c] = value;
    have.kinds[c] = kind;
    if (f !== undefined) (have.formulas ??= new Map()).set(c, f);
    else have.formulas?.delete(c);
    if (c + 1 > have.width) have.width = c + 1;
  };
  const merges = scanSheet(file, sheet.entry, ctx, false, (p) => {
    if (!data[p.r]) data[p.r] = p;
    else {
      // The same row twice: each cell overwrites, as SheetJS places them.
      for (let c = 0; c < p.width; c++) if (p.kinds[c] !== undefined) put(p.r, c, p.cells[c]!, p.kinds[c]!, p.formulas?.get(c));
    }
    for (const x of p.stray ?? []) put(x.r, x.c, x.value, x.kind, x.f);
  });
  let last = data.length - 1;
  while (last >= 0 && blankRow(data[last])) last--;
  if (last + 1 > MAX_ROWS) throw tooManyRows(fileName, sheet.name);
  const out: RowOut = { wide: false };
  const rows: Cell[][] = [];
  for (let r = 0; r <= last; r++) rows.push(rowCells(data[r], r, out, problems));
  if (out.wide) notes.push(WIDE());
  fillMerges(rows, merges);
  return { rows, merges };
}

/** What the first pass of a large sheet finds. */
interface Survey {
  last: number;
  wide: boolean;
  problems: CellProblem[];
  merges: CellRange[];
}

function survey(file: RandomFile, sheet: BookSheet, ctx: ScanContext): Survey | "out of order" {
  let last = -1;
  let prev = -1;
  const out: RowOut = { wide: false };
  const problems: CellProblem[] = [];
  try {
    const merges = scanSheet(file, sheet.entry, ctx, true, (p) => {
      if (p.r <= prev || p.stray) throw new OutOfOrder();
      prev = p.r;
      if (p.quick) {
        last = p.r;
        return;
      }
      if (!blankRow(p)) last = p.r;
      // Problems and width are found again on the rows kept; trailing blank rows are dropped below.
      rowCells(p, p.r, out, problems);
    });
    // Formulas without values on rows past the last non-blank one cannot be: such a row is not blank.
    return { last, wide: out.wide, problems, merges };
  } catch (err) {
    if (err instanceof OutOfOrder) return "out of order";
    throw err;
  }
}

/** The rows of a large sheet from `from` on, read again from the file on each call. */
function* streamRows(source: ByteSource, sheet: BookSheet, ctx: ScanContext, s: Survey, from: number): Generator<Cell[]> {
  const file = source.open!();
  try {
    // Cells merged down a column: the top cell's value, kept when its row passes (read/xlsx.ts
    // fills them after reading, in the merges' order; a merge's own top cell may have been
    // filled by an earlier one).
    const vertical = s.merges.filter((m) => m.s.c === m.e.c && m.e.r > m.s.r && m.s.r <= s.last);
    const start: (Cell | undefined)[] = new Array(vertical.length);
    const pending: Cell[][] = [];
    let next = 0;
    const out: RowOut = { wide: false };
    const emit = (row: Cell[], r: number) => {
      for (let k = 0; k < vertical.length; k++) {
        const m = vertical[k]!;
        if (m.s.r === r) start[k] = row[m.s.c];
        else if (r > m.s.r && r <= m.e.r) {
          const value = start[k];
          if (value === undefined || value === "") continue;
          while (row.length <= m.s.c) row.push("");
          row[m.s.c] = value;
        }
      }
      if (r >= from) pending.push(row);
    };
    const scanner = new Scanner(ctx, (p) => {
      if (p.r > s.last) return false;
      while (next < p.r) emit([], next++);
      emit(rowCells(p, p.r, out, null), next++);
    });
    const decoder = new TextDecoder("utf-8");
    let first = true;
    let more = true;
    for (const chunk of entryChunks(file, sheet.entry)) {
      let text = decoder.decode(chunk, { stream: true });
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      more = scanner.push(text);
      for (const row of pending) yield row;
      pending.length = 0;
      if (!more) break;
    }
    if (more) {
      scanner.push(decoder.decode());
      scanner.finish();
    }
    while (next <= s.last) emit([], next++);
    for (const row of pending) yield row;
  } finally {
    file.close();
  }
}

/**
 * The sheets of an .xlsx that `streamable` accepted. Throws the same errors read/xlsx.ts throws
 * (the archive check, Excel's row limit).
 */
export function readStreaming(source: ByteSource): Sheet[] {
  const fileName = source.file;
  const file = source.open!();
  let closeFile = true;
  try {
    const problem = walkFile(file, undefined, undefined, (name) => name.startsWith("xl/worksheets/"));
    if (problem) throw inputError({ vi: `${fileName}: không đọc được như một sổ tính: ${problem.vi}`, en: `${fileName}: cannot be read as a workbook: ${problem.en}` }, RESAVE);
    const book = structure(file);
    if (!book) throw new Error(`${fileName}: the workbook changed while it was read`);
    const ctx: ScanContext = { strings: readStrings(file, book.sst), styles: readStyles(file, book.styles) };
    const sheets: Sheet[] = [];
    for (const bs of book.sheets) {
      const hidden = bs.hidden ? { hidden: bs.hidden } : {};
      const notes: Text[] = [];
      const base = { file: fileName, sheet: bs.name.normalize("NFC"), format: "xlsx" as const, encoding: null, delimiter: null, notes, ...hidden };
      try {
        const problems: CellProblem[] = [];
        const big = bs.entry.size > ONE_PASS_BYTES;
        const s = big ? survey(file, bs, ctx) : "out of order";
        if (s === "out of order") {
          const { rows, merges } = readWhole(file, bs, ctx, fileName, notes, problems);
          sheets.push({ ...base, head: rows, rest: [], merges, ...(problems.length ? { cellProblems: problems } : {}) });
          continue;
        }
        if (s.last + 1 > MAX_ROWS) throw tooManyRows(fileName, bs.name);
        if (s.wide) notes.push(WIDE());
        const kept = s.problems.filter((p) => p.row <= s.last);
        const rows = streamRows(source, bs, ctx, s, 0);
        const head: Cell[][] = [];
        for (const r of rows) {
          head.push(r);
          if (head.length >= STREAM_HEAD_ROWS) break;
        }
        rows.return(undefined);
        const rest: Iterable<Cell[]> = head.length < STREAM_HEAD_ROWS ? [] : { [Symbol.iterator]: () => streamRows(source, bs, ctx, s, STREAM_HEAD_ROWS) };
        sheets.push({ ...base, head, rest, merges: s.merges, ...(kept.length ? { cellProblems: kept } : {}) });
      } catch (err) {
        if (!(err instanceof SheetUnreadable)) throw err;
        // As SheetJS leaves out a sheet it failed to parse, and read/xlsx.ts says so.
        notes.push({ vi: `không đọc được trang tính "${bs.name}" nên đã bỏ qua`, en: `sheet "${bs.name}" could not be read and was left out` });
        sheets.push({ ...base, sheet: bs.name, head: [], rest: [] });
      }
    }
    closeFile = true;
    return sheets;
  } catch (err) {
    if (err instanceof ZipEntryError) {
      throw inputError({ vi: `${fileName}: không đọc được như một sổ tính: ${err.text.vi}`, en: `${fileName}: cannot be read as a workbook: ${err.text.en}` }, RESAVE);
    }
    throw err;
  } finally {
    if (closeFile) file.close();
  }
}
