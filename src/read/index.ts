// Bytes -> Sheets, whatever the file is: the format is decided by the bytes, not the name
// (many ".xls" files are HTML tables or XML-2003). Workbooks go to read/xlsx.ts, loaded only
// then; everything else is read as delimited text. Text typed in the legacy Vietnamese font
// encodings (TCVN3, VNI) is converted, and the conversion said.

import { inputError } from "../errors.js";
import { readCsv, type CsvReadOptions } from "./csv.js";
import { detectLegacy, fromLegacy, LEGACY_NAMES } from "./legacy.js";
import { cellText, type Cell, type Sheet, type SourceFormat } from "./sheet.js";

export interface ReadOptions extends CsvReadOptions {}

/** The workbook format the leading bytes announce, "csv" for text, or why it is neither. */
export function sniffFormat(bytes: Uint8Array): SourceFormat | { refused: string } {
  const b = bytes;
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
    const head = Buffer.from(b.subarray(0, 200)).toString("latin1");
    return head.includes("mimetypeapplication/vnd.oasis.opendocument") ? "ods" : "xlsx";
  }
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return "xls";
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return { refused: "a PDF document" };
  const utf16 = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
  if (!utf16) {
    const head = Buffer.from(b.subarray(0, 2048)).toString("utf8").replace(/^\ufeff/, "").trimStart().toLowerCase();
    if (head.startsWith("<?xml") && head.includes("urn:schemas-microsoft-com:office:spreadsheet")) return "xml-2003";
    if (head.startsWith("<html") || head.startsWith("<!doctype html") || head.startsWith("<table") || (head.startsWith("<?xml") && head.includes("<html"))) return "html";
    const sample = b.subarray(0, 8192);
    let control = 0;
    for (const x of sample) {
      if (x === 0) return { refused: "binary data (it contains NUL bytes)" };
      if (x < 0x09 || (x > 0x0d && x < 0x20)) control++;
    }
    if (sample.length > 0 && control / sample.length > 0.05) return { refused: "binary data" };
  }
  return "csv";
}

export async function readInput(bytes: Buffer, file: string, options: ReadOptions): Promise<Sheet[]> {
  const format = sniffFormat(bytes);
  if (typeof format === "object") {
    throw inputError(`${file}: this is not a table tdbv can read; it looks like ${format.refused}`, "Export the sheet as CSV UTF-8 or .xlsx and pass that file.");
  }
  const sheets =
    format === "csv" ? [readCsv(bytes, file, options)] : await (await import("./xlsx.js")).readWorkbook(bytes, file, { format });
  return sheets.map(repairLegacyText);
}

function repairLegacyText(sheet: Sheet): Sheet {
  const text = sheet.rows
    .slice(0, 200)
    .map((r) => r.map((c) => (typeof c === "string" ? c : "")).join(" "))
    .join("\n");
  const kind = detectLegacy(text);
  if (kind === null) return sheet;
  const rows = sheet.rows.map((r) => r.map((c): Cell => (typeof c === "string" ? fromLegacy(kind, c) : c)));
  return {
    ...sheet,
    rows,
    encoding: `${sheet.encoding ?? sheet.format}, text in ${kind === "vni" ? "VNI" : "TCVN3"} converted`,
    notes: [
      ...sheet.notes,
      `the text was typed with the legacy ${LEGACY_NAMES[kind]} encoding and was converted to Unicode; check the names, e.g. "${firstConverted(sheet.rows, rows)}"`,
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
