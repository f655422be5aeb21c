// Bytes -> Sheets, whatever the file is: the format is decided by the bytes, not the name
// (many ".xls" files are HTML tables or XML-2003). Workbooks go to read/xlsx.ts, loaded only
// then; everything else is read as delimited text. Text typed in the legacy Vietnamese font
// encodings (TCVN3, VNI) is converted, and the conversion said.

import type { Text } from "../domain/problems.js";
import { inputError } from "../errors.js";
import { readCsv, type CsvReadOptions } from "./csv.js";
import { readAllBytes, type ByteSource } from "./source.js";
import type { XLSX } from "./xlsx.js";
import { detectLegacy, fromLegacy, LEGACY_NAMES } from "./legacy.js";
import { looksUtf16 } from "./decode.js";
import { cellText, type Cell, type Sheet, type SourceFormat } from "./sheet.js";

export interface ReadOptions extends CsvReadOptions {
  /** --sheet: when it is given, hidden sheets are kept, so it can name one. */
  readonly sheet?: string | null;
}

/** The workbook format the leading bytes announce, "csv" for text, or why it is neither. */
export function sniffFormat(bytes: Uint8Array, encoding: string | null = null): SourceFormat | { refused: Text } {
  const b = bytes;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const head = Buffer.from(b.subarray(0, 200)).toString("latin1");
    return head.includes("mimetypeapplication/vnd.oasis.opendocument") ? "ods" : "xlsx";
  }
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return "xls";
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return { refused: { vi: "một tài liệu PDF", en: "a PDF document" } };
  // UTF-16 (with a byte-order mark, without one, or said by --encoding) has NUL bytes in it.
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || encoding?.startsWith("utf-16") === true || looksUtf16(b) !== null;
  if (!utf16) {
    const head = Buffer.from(b.subarray(0, 2048)).toString("utf8").replace(/^\ufeff/, "").trimStart().toLowerCase();
    if (head.startsWith("<?xml") && head.includes("urn:schemas-microsoft-com:office:spreadsheet")) return "xml-2003";
    if (head.startsWith("<html") || head.startsWith("<!doctype html") || head.startsWith("<table") || (head.startsWith("<?xml") && head.includes("<html"))) return "html";
    const sample = b.subarray(0, 8192);
    let control = 0;
    for (const x of sample) {
      if (x === 0) return { refused: { vi: "dữ liệu nhị phân (có byte NUL)", en: "binary data (it contains NUL bytes)" } };
      if (x < 0x09 || (x > 0x0d && x < 0x20)) control++;
    }
    if (sample.length > 0 && control / sample.length > 0.05) return { refused: { vi: "dữ liệu nhị phân", en: "binary data" } };
  }
  return "csv";
}

/** Workbooks larger than this are refused before parsing (they are parsed whole, in memory). */
export const MAX_WORKBOOK_BYTES = 256 << 20;

function formatOf(source: ByteSource, encoding: string | null = null): SourceFormat {
  const format = sniffFormat(source.head, encoding);
  if (typeof format === "object") {
    throw inputError(
      { vi: `${source.file}: đây không phải là bảng tdbv đọc được; tệp có vẻ là ${format.refused.vi}`, en: `${source.file}: this is not a table tdbv can read; it looks like ${format.refused.en}` },
      { vi: "Xuất bảng tính thành CSV UTF-8 hoặc .xlsx rồi dùng tệp đó.", en: "Export the sheet as CSV UTF-8 or .xlsx and pass that file." },
    );
  }
  return format;
}

/** The readers some inputs need, loaded once before reading (SheetJS only for workbooks). */
export interface Readers {
  readonly workbook: { readonly xlsx: XLSX; readonly read: typeof import("./xlsx.js").readWorkbook } | null;
  /** The .xlsx inputs read by the streaming reader (read/xlsx-stream.ts), without SheetJS. */
  readonly streaming?: { readonly sources: ReadonlySet<ByteSource>; readonly read: typeof import("./xlsx-stream.js").readStreaming };
}

/** One input's sheets; a CSV's rows after the first thousand are read as they are consumed. */
export function readSource(source: ByteSource, readers: Readers, options: ReadOptions): Sheet[] {
  const file = source.file;
  const format = formatOf(source, options.encoding);
  if (format === "csv") return [repairLegacyText(readCsv(source, options))];
  if (format === "xlsx" && readers.streaming?.sources.has(source)) {
    if (source.size !== undefined && source.size > MAX_WORKBOOK_BYTES) throw workbookTooLarge(file);
    return finishWorkbook(readers.streaming.read(source), file, options);
  }
  // Refused as soon as it passes the limit, before it is all in memory.
  const bytes = readAllBytes(source, MAX_WORKBOOK_BYTES, () => workbookTooLarge(file));
  if (!readers.workbook) throw new Error("prepare() was not called for a workbook");
  return finishWorkbook(readers.workbook.read(readers.workbook.xlsx, bytes, file, { format }), file, options);
}

const workbookTooLarge = (file: string) =>
  inputError(
    { vi: `${file}: sổ tính lớn hơn mức tdbv đọc (${MAX_WORKBOOK_BYTES >> 20} MB)`, en: `${file}: the workbook is more than tdbv reads (${MAX_WORKBOOK_BYTES >> 20} MB)` },
    { vi: "Xuất bảng tính thành CSV UTF-8: tệp CSV cỡ nào cũng được đọc dần từng phần.", en: "Export the sheet as CSV UTF-8: CSV files of any size are read in a stream." },
  );

function finishWorkbook(sheets: Sheet[], file: string, options: ReadOptions): Sheet[] {
  if (sheets.length === 0) {
    throw inputError(
      { vi: `${file}: sổ tính không có trang tính nào`, en: `${file}: the workbook holds no sheet` },
      {
        vi: "Mở tệp bằng Excel hoặc LibreOffice rồi lưu lại kèm trang số liệu, hoặc xuất trang số liệu thành CSV UTF-8.",
        en: "Open it in Excel or LibreOffice and save it again with the tally sheet, or export the sheet as CSV UTF-8.",
      },
    );
  }
  return (options.sheet ? sheets : visibleSheets(sheets)).map(repairLegacyText);
}

/**
 * The sheets Excel shows: a hidden sheet (an old version, a lookup table) is not the report,
 * so without --sheet it is left out, and said. A workbook of hidden sheets only (Excel cannot
 * save one; some programs do) keeps them all.
 */
function visibleSheets(sheets: Sheet[]): Sheet[] {
  const visible = sheets.filter((s) => !s.hidden);
  if (visible.length === sheets.length || visible.length === 0) return sheets;
  const left = (lang: keyof Text) =>
    sheets
      .filter((s) => s.hidden)
      .map((s) => `"${s.sheet}" (${lang === "en" ? s.hidden : s.hidden === "hidden" ? "ẩn" : "ẩn hẳn"})`)
      .join(", ");
  const note: Text = {
    vi: `không đọc các trang tính ẩn (Excel không hiện chúng): ${left("vi")}; dùng --sheet để đọc một trang`,
    en: `hidden sheets not read (Excel does not show them): ${left("en")}; --sheet names one to read it`,
  };
  // On every sheet left: the one chosen says it.
  return visible.map((s) => ({ ...s, notes: [...s.notes, note] }));
}

/**
 * Loads what reading these inputs needs: for an .xlsx read by position, the streaming reader
 * (read/xlsx-stream.ts); SheetJS only for the other workbooks, and for an .xlsx the streaming
 * reader leaves to it (standard input, shapes it does not read).
 */
export async function prepare(sources: readonly ByteSource[], encoding: string | null = null): Promise<Readers> {
  const formats = sources.map((s) => formatOf(s, encoding));
  if (formats.every((f) => f === "csv")) return { workbook: null };
  const xlsx = sources.filter((s, i) => formats[i] === "xlsx" && s.open !== undefined);
  let streaming: Readers["streaming"];
  if (xlsx.length > 0 && process.env.TDBV_XLSX_READER !== "sheetjs") {
    const { streamable, readStreaming } = await import("./xlsx-stream.js");
    const ok = new Set(xlsx.filter((s) => streamable(s)));
    if (ok.size > 0) streaming = { sources: ok, read: readStreaming };
  }
  const rest = formats.filter((f, i) => f !== "csv" && !streaming?.sources.has(sources[i]!));
  if (rest.length === 0) return { workbook: null, streaming };
  const { loadXlsx, readWorkbook } = await import("./xlsx.js");
  return { workbook: { xlsx: await loadXlsx(rest.includes("xls")), read: readWorkbook }, streaming };
}

/** Reads one input whole (tests, small files). */
export async function readInput(source: ByteSource, options: ReadOptions): Promise<Sheet[]> {
  return readSource(source, await prepare([source]), options);
}

function repairLegacyText(sheet: Sheet): Sheet {
  const text = sheet.head
    .slice(0, 200)
    .map((r) => r.map((c) => (typeof c === "string" ? c : "")).join(" "))
    .join("\n");
  const kind = detectLegacy(text);
  if (kind === null) return sheet;
  const convert = (r: readonly Cell[]) => r.map((c): Cell => (typeof c === "string" ? fromLegacy(kind, c) : c));
  const rows = sheet.head.map(convert);
  const rest = sheet.rest;
  // Converted text is read as cells: the raw lines (sheet.lines) would be the unconverted bytes.
  const { lines: _raw, ...plain } = sheet;
  return {
    ...plain,
    head: rows,
    rest: { *[Symbol.iterator]() { for (const r of rest) yield convert(r); } },
    encoding: `${sheet.encoding ?? sheet.format}, text in ${kind === "vni" ? "VNI" : "TCVN3"} converted`,
    notes: [
      ...sheet.notes,
      {
        vi: `văn bản được gõ bằng bảng mã cũ ${LEGACY_NAMES[kind]} và đã được chuyển sang Unicode; hãy kiểm tra các tên, ví dụ "${firstConverted(sheet.head, rows)}"`,
        en: `the text was typed with the legacy ${LEGACY_NAMES[kind]} encoding and was converted to Unicode; check the names, e.g. "${firstConverted(sheet.head, rows)}"`,
      },
    ],
  };
}

function firstConverted(before: readonly (readonly Cell[])[], after: readonly (readonly Cell[])[]): string {
  for (let r = 0; r < before.length; r++) {
    const row = before[r]!;
    for (let c = 0; c < row.length; c++) {
      if (cellText(row[c]) !== cellText(after[r]![c])) return `${cellText(row[c])}" → "${cellText(after[r]![c])}`;
    }
  }
  return "";
}
