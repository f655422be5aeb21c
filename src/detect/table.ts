// Sheet -> Table: find the header (one to three rows, found by how well its cells match the
// dictionary, so title rows above it are skipped), read each column's name from its header
// band ("Khu dân cư" over "Đạt chuẩn"), map it to a canonical column, skip a column-number
// row under it, and keep every decision where messages and `tdbv inspect` can show it.

import type { Utf8Records } from "../read/csv-lines.js";
import type { LongRecord } from "../read/csv-scan.js";
import { cellText, columnLetter, isBlankCell, type Cell, type CellRange, type Sheet } from "../read/sheet.js";
import { issue, type Issue, type Text } from "../domain/problems.js";
import { periodFromTitle } from "../domain/period.js";
import { cleanText, fold } from "../domain/text.js";
import { headerKey, matchBand, matchHeader, type BandMatch } from "./match.js";
import { dictionary } from "../domain/dictionary.js";
import type { Mapping } from "./mapping.js";

export interface SourceColumn {
  /** 0-based position in the row. */
  readonly index: number;
  /** The header as read from its band, rows joined with " - ". */
  readonly header: string;
  readonly match: BandMatch;
}

/** Where a canonical column's value is: a cell, or one part of an "a/b" pair cell. */
export interface ColumnRef {
  readonly index: number;
  readonly part: 0 | 1 | null;
  readonly header: string;
}

/** A column stating a ratio in percent ("Tỷ lệ (%)"): never summed, checked against its parts. */
export interface RateColumn {
  readonly index: number;
  readonly header: string;
  readonly ratio: string;
}

export interface DataRow {
  /** The row a person sees (1-based). */
  readonly row: number;
  readonly cells: readonly Cell[];
}

/** What a form's title rows say: the province ("CÔNG AN TỈNH QUẢNG BÌNH") and the period. */
export interface TitleInfo {
  readonly province: { readonly name: string; readonly row: number; readonly text: string } | null;
  readonly period: { readonly period: string; readonly police: string | null; readonly row: number; readonly text: string } | null;
}

export interface Table {
  readonly file: string;
  readonly sheet: string | null;
  readonly format: Sheet["format"];
  readonly encoding: string | null;
  readonly delimiter: string | null;
  readonly notes: readonly Text[];
  /** 1-based first and last row of the header; null when no header was found. */
  readonly header: { readonly first: number; readonly last: number } | null;
  readonly columns: readonly SourceColumn[];
  readonly positions: ReadonlyMap<string, ColumnRef>;
  readonly rates: readonly RateColumn[];
  /** The province and period named in the title rows, if any. */
  readonly title: TitleInfo;
  /** Rows above the header (titles), skipped. */
  readonly titleRows: readonly number[];
  /** A "(1) (2) (3)" row under the header, skipped. */
  readonly columnNumberRows: readonly number[];
  /** The data rows among the first read (up to a thousand): where a file's conventions are read. */
  readonly sample: readonly DataRow[];
  /** Every data row, the sample first; read once. */
  readonly rows: Iterable<DataRow>;
  /**
   * The rows after the sample as raw lines (a UTF-8 CSV), `first` being the first one's row
   * number; read instead of `rows`, never with them.
   */
  readonly lines: { readonly first: number; readonly records: Utf8Records } | null;
  /** Records whose quoted cells run over many lines (filled as the rows are read). */
  readonly longRecords: readonly LongRecord[];
  readonly issues: readonly Issue[];
}

const SCAN_ROWS = 30;
/**
 * Columns the header is looked for in: a workbook has at most 1,024 (read/xlsx.ts), and a
 * file's header is found by its first columns; a CSV of 200,000 columns had each of them
 * matched in every band tried (up to 90), where once, for the band found, is enough.
 */
const SCAN_COLUMNS = 1024;
const MAX_BAND = 3;

function score(m: BandMatch): number {
  switch (m.status) {
    case "matched":
      return m.exact ? 2 : 1;
    case "pair":
      return 3;
    case "rate":
      return 0.5;
    default:
      return 0;
  }
}

/**
 * The header text of each column over rows [first, first + height). In a CSV a title over
 * several columns sits in the first of them, the rest blank: a blank upper cell takes the
 * title on its left when both it and its left neighbour have a role below them.
 */
export function bandParts(rows: readonly (readonly Cell[])[], first: number, height: number, merges: readonly CellRange[] = [], columns = Infinity): string[][] {
  // No header is longer than a few hundred characters; a huge cell (a pasted note) is no header.
  const band = rows.slice(first, first + height).map((r) => (r.length > columns ? r.slice(0, columns) : r).map((c) => headerText(c)));
  const width = Math.max(0, ...band.map((r) => r.length));
  const filled = band.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
  // A workbook says which cells a title spans: fill them with it.
  for (const m of merges) {
    if (m.e.r < first || m.s.r >= first + height) continue;
    const value = headerText(rows[m.s.r]?.[m.s.c]);
    if (value === "") continue;
    for (let r = Math.max(m.s.r, first); r <= Math.min(m.e.r, first + height - 1); r++) {
      for (let c = m.s.c; c <= Math.min(m.e.c, width - 1); c++) filled[r - first]![c] = value;
    }
  }
  for (let r = 0; r < filled.length - 1; r++) {
    const row = filled[r]!;
    const below = filled[r + 1]!;
    // A title row (one cell of text) is no band of group titles.
    if (row.filter((t) => t !== "").length < 2) continue;
    for (let c = 1; c < width; c++) {
      if (row[c] === "" && row[c - 1] !== "" && below[c] !== "" && below[c - 1] !== "") row[c] = row[c - 1]!;
    }
  }
  return Array.from({ length: width }, (_, c) => filled.map((r) => r[c]!));
}

const MAX_HEADER_CHARS = 300;

function headerText(c: Cell | undefined): string {
  const t = cellText(c);
  return t.length > MAX_HEADER_CHARS ? "" : t.trim();
}

const COLUMN_NUMBER = /^(\(?\d{1,3}\)?|\(?[A-Z]\)?|\d{1,3}\s*=\s*[\d+\-*/ ]+)$/;

function isColumnNumberRow(cells: readonly Cell[]): boolean {
  const filled = cells.filter((c) => !isBlankCell(c));
  return filled.length >= 3 && filled.every((c) => COLUMN_NUMBER.test(cellText(c).trim()));
}

/** A column's band read through the user's mapping first, then the dictionary. */
function matcher(mapping: Mapping | null): (parts: readonly string[]) => BandMatch {
  if (!mapping || mapping.size === 0) return matchBand;
  return (parts) => mapping.get(headerKey(joinBand(parts))) ?? matchBand(parts);
}

const joinBand = (parts: readonly string[]) => parts.filter((p, i, all) => p !== "" && all.indexOf(p) === i).join(" - ");

/** The data rows: those of the head from `from` (0-based) on, then the rest of the sheet. */
function dataRows(sheet: Sheet, from: number, skip: ReadonlySet<number>): Pick<Table, "sample" | "rows" | "lines" | "longRecords"> {
  const sample: DataRow[] = [];
  for (let i = from; i < sheet.head.length; i++) if (!skip.has(i + 1)) sample.push({ row: i + 1, cells: sheet.head[i]! });
  const rest = sheet.rest;
  const start = sheet.head.length;
  return {
    sample,
    lines: sheet.lines ? { first: start + 1, records: sheet.lines } : null,
    longRecords: sheet.longRecords ?? [],
    rows: {
      *[Symbol.iterator]() {
        yield* sample;
        let row = start;
        for (const cells of rest) yield { row: ++row, cells };
      },
    },
  };
}

export function detectTable(sheet: Sheet, mapping: Mapping | null = null): Table {
  const match = matcher(mapping);
  const issues: Issue[] = [];
  const at = { file: sheet.file, sheet: sheet.sheet };
  const base = {
    file: sheet.file,
    sheet: sheet.sheet,
    format: sheet.format,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
    notes: sheet.notes,
    rates: [] as RateColumn[],
    columnNumberRows: [] as number[],
    title: NO_TITLE,
  };
  const empty = { ...base, header: null, columns: [], positions: new Map<string, ColumnRef>(), titleRows: [] as number[] };
  const rows = sheet.head;
  const nonBlank = rows.findIndex((r) => r.some((c) => !isBlankCell(c)));
  if (nonBlank === -1 && rows.length < 1000) {
    issues.push(issue("empty_file", at, {
      vi: `${place(sheet)}: ${sheet.sheet ? "trang tính" : "tệp"} trống`,
      en: `${place(sheet)}: the ${sheet.sheet ? "sheet" : "file"} is empty`,
    }));
    return { ...empty, ...dataRows(sheet, 0, new Set()), issues };
  }

  let best = { first: -1, height: 0, score: 1.5, parts: [] as string[][] };
  scan: for (let i = Math.max(0, nonBlank); i < Math.min(rows.length, nonBlank + SCAN_ROWS); i++) {
    const filled = rows[i]!.slice(0, SCAN_COLUMNS).filter((c) => !isBlankCell(c)).length;
    // A merge in the row (a subject over several columns, or a cell spanning the rows below)
    // says the header goes on below: its cells count once per column they span, so the row
    // alone could pass for a complete header.
    const merged = (sheet.merges ?? []).some((m) => m.s.r <= i && m.e.r >= i && (m.e.r > m.s.r || m.e.c > m.s.c));
    for (let h = 1; h <= MAX_BAND && i + h <= rows.length; h++) {
      // A row of one cell at the left ("I. XÃ, PHƯỜNG, THỊ TRẤN") over the header is a title or
      // a section, not a subject over columns: no band starts with it.
      if (h > 1 && titleLike(rows[i]!, rows[i + 1], sheet.merges ?? [], i)) break;
      const parts = bandParts(rows, i, h, sheet.merges, SCAN_COLUMNS);
      // A taller band must read better, not just as well: ties go to the shorter header.
      const s = parts.reduce((a, p) => a + score(match(p)), 0) - 0.01 * (h - 1);
      if (s > best.score) best = { first: i, height: h, score: s, parts };
      // A row of three or more cells that each name a column exactly is the header: no band
      // under or below it can read better, so they need not be tried.
      if (h === 1 && best.first === i && filled >= 3 && s >= 2 * filled && !merged) break scan;
    }
  }
  const transposed = transposedAt(rows, nonBlank, match);
  if (transposed !== null && (best.first === -1 || best.first + 1 >= transposed.first)) {
    const { first, names } = transposed;
    const shown = `${names
      .slice(0, 3)
      .map((n) => `"${n}"`)
      .join(", ")}${names.length > 3 ? ", …" : ""}`;
    issues.push(
      issue(
        "transposed_table",
        { ...at, row: first, value: names[0] },
        {
          vi: `${place(sheet)}:${first} biểu xoay ngang: các chỉ tiêu nằm theo dòng (${shown}: ${names.length} dòng từ dòng ${first}) và các đơn vị theo cột; tdbv đọc mỗi đơn vị là một dòng, nên không đọc biểu này`,
          en: `${place(sheet)}:${first} a transposed form: the figures run down the rows (${shown}: ${names.length} rows from row ${first}) and the units across the columns; tdbv reads each unit as a row, so it does not read this form`,
        },
      ),
    );
    return { ...empty, ...dataRows(sheet, 0, new Set()), issues };
  }
  if (best.first === -1) {
    const firstRow = rows[Math.max(0, nonBlank)] ?? [];
    const first = firstRow.map((c) => cellText(c).trim()).filter((c) => c !== "").slice(0, 4).join(", ");
    issues.push(issue("no_header", { ...at, row: nonBlank + 1, value: first }, {
      vi: `${place(sheet)}: không tìm thấy dòng tiêu đề; dòng đầu tiên ghi "${first}"`,
      en: `${place(sheet)}: no header row found; the first row reads "${first}"`,
    }));
    return { ...empty, ...dataRows(sheet, 0, new Set()), issues };
  }

  // Every column of the band found, read once (the scan saw only the first SCAN_COLUMNS).
  if (best.parts.length >= SCAN_COLUMNS) best.parts = bandParts(rows, best.first, best.height, sheet.merges);
  const headerLast = best.first + best.height; // 1-based number of the last header row
  const columns: SourceColumn[] = best.parts.map((parts, index) => ({ index, header: joinBand(parts), match: match(parts) }));
  const positions = new Map<string, ColumnRef>();
  const rates: RateColumn[] = [];
  const claim = (name: string, ref: ColumnRef) => {
    const earlier = positions.get(name);
    if (earlier === undefined) return void positions.set(name, ref);
    issues.push(
      issue(
        "duplicate_column",
        { ...at, row: headerLast, column: name, value: ref.header },
        {
          vi: `${place(sheet)}:${headerLast} cột ${earlier.index + 1} "${earlier.header}" và cột ${ref.index + 1} "${ref.header}" cùng là cột ${name}`,
          en: `${place(sheet)}:${headerLast} columns ${earlier.index + 1} "${earlier.header}" and ${ref.index + 1} "${ref.header}" both name ${name}`,
        },
      ),
    );
  };
  for (const col of columns) {
    const m = col.match;
    const where = { ...at, row: headerLast, column: col.header, value: col.header };
    if (m.status === "matched") claim(m.column, { index: col.index, part: null, header: col.header });
    else if (m.status === "pair") {
      claim(m.columns[0], { index: col.index, part: 0, header: col.header });
      claim(m.columns[1], { index: col.index, part: 1, header: col.header });
    } else if (m.status === "rate") {
      const ratio = m.ratio ?? neighbourRatio(columns, col.index);
      if (ratio) rates.push({ index: col.index, header: col.header, ratio });
    } else if (m.status === "ambiguous") {
      const here = `${place(sheet)}:${headerLast}`;
      issues.push(
        issue("ambiguous_column", where, {
          vi: `${here} cột ${col.index + 1} "${col.header}" có thể là ${m.candidates.join(" hoặc ")}`,
          en: `${here} column ${col.index + 1} "${col.header}" could be ${m.candidates.join(" or ")}`,
        }),
      );
    } else if (m.status === "unknown" && col.header !== "") {
      const here = `${place(sheet)}:${headerLast}`;
      const near = m.candidates.join(", ");
      issues.push(
        issue("unknown_column", where, {
          vi: `${here} cột ${col.index + 1} "${col.header}" không khớp cột nào đã biết${near ? `; gần nhất: ${near}` : ""}`,
          en: `${here} column ${col.index + 1} "${col.header}" matches no known column${near ? `; nearest: ${near}` : ""}`,
        }),
      );
    }
  }

  formulaIssues(sheet, headerLast, columns, positions, rates, issues);

  const titleRows: number[] = [];
  for (let i = 0; i < best.first; i++) titleRows.push(i + 1);
  const title = readTitle(rows.slice(0, best.first));
  const columnNumberRows: number[] = [];
  const next = rows[headerLast];
  if (next && isColumnNumberRow(next)) columnNumberRows.push(headerLast + 1);
  const second = secondHeader(rows, headerLast + columnNumberRows.length, columns, match);
  if (second !== null) {
    issues.push(
      issue(
        "several_tables",
        { ...at, row: second.row, value: second.text },
        {
          vi: `${place(sheet)}:${second.row} một bảng khác bắt đầu ở dòng ${second.row} với tiêu đề cột riêng ("${second.text}"), sau bảng có tiêu đề cột ở dòng ${best.first + 1}; tdbv không đọc nhiều bảng trên một trang như một bảng: tách mỗi bảng sang một tệp hoặc một trang tính`,
          en: `${place(sheet)}:${second.row} another table starts at row ${second.row} with its own column headers ("${second.text}"), after the table whose headers are at row ${best.first + 1}; tdbv does not read several tables on a sheet as one: put each table in its own file or sheet`,
        },
      ),
    );
  }
  return {
    ...base,
    header: { first: best.first + 1, last: headerLast },
    columns,
    positions,
    rates,
    title,
    titleRows,
    columnNumberRows,
    ...dataRows(sheet, headerLast, new Set(columnNumberRows)),
    issues,
  };
}

/**
 * A formula the reader found without a saved result, under a column that is read: an error at
 * that cell, since it would otherwise read as "not reported".
 */
function formulaIssues(
  sheet: Sheet,
  headerLast: number,
  columns: readonly SourceColumn[],
  positions: ReadonlyMap<string, ColumnRef>,
  rates: readonly RateColumn[],
  issues: Issue[],
): void {
  if (!sheet.cellProblems?.length) return;
  const names = new Map<number, string>();
  for (const [name, ref] of positions) if (!names.has(ref.index)) names.set(ref.index, name);
  for (const r of rates) names.set(r.index, r.ratio);
  for (const p of sheet.cellProblems) {
    const name = names.get(p.column);
    if (p.row < headerLast || name === undefined) continue;
    const cell = `${columnLetter(p.column)}${p.row + 1}`;
    const header = columns[p.column]?.header ?? "";
    const shown = p.text.length > 60 ? `${p.text.slice(0, 60)}…` : p.text;
    issues.push(
      issue(
        p.code,
        { file: sheet.file, sheet: sheet.sheet, row: p.row + 1, column: name, cell, value: shown },
        {
          vi: `${place(sheet)} ${cell} (${header}) ${name} "${shown}" là công thức chưa lưu kết quả; tdbv không tính công thức, nên ô này sẽ bị đọc như chưa báo cáo`,
          en: `${place(sheet)} ${cell} (${header}) ${name} "${shown}" is a formula with no saved value; tdbv does not compute formulas, so it would read as not reported`,
        },
      ),
    );
  }
}

/** A bare "Tỷ lệ (%)" states the ratio of the columns just before it. */
function neighbourRatio(columns: readonly SourceColumn[], index: number): string | null {
  const before = new Set<string>();
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const m = columns[i]!.match;
    if (m.status === "matched") before.add(m.column);
    if (m.status === "pair") m.columns.forEach((c) => before.add(c));
  }
  return dictionary().ratios.find((r) => before.has(r.numerator) && before.has(r.denominator))?.name ?? null;
}

/** "file.csv" or "book.xlsx [Sheet]": how messages name a sheet. */
export function place(sheet: { file: string; sheet: string | null }): string {
  return sheet.sheet ? `${sheet.file} [${sheet.sheet}]` : sheet.file;
}

const NO_TITLE: TitleInfo = { province: null, period: null };

/** The centrally-run cities: "Thành phố X" names a province only for these (else it is a district's city). */
const CITIES = ["ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"];

/**
 * The province a title cell names: "CÔNG AN TỈNH QUẢNG BÌNH", "UBND TỈNH LÂM ĐỒNG", "ỦY BAN
 * NHÂN DÂN TỈNH …", "CÔNG AN THÀNH PHỐ HÀ NỘI" (a centrally-run city). The name as written,
 * in title case; null for any other text.
 */
export function provinceOfTitle(text: string): string | null {
  for (const line of text.split(/[\r\n]+/)) {
    const words = cleanText(line).split(" ");
    const folded = words.map((w) => fold(w));
    const at = (k: number, ...ws: string[]) => ws.every((w, j) => folded[k + j] === w);
    let k = 0;
    if (at(0, "cong", "an")) k = 2;
    else if (at(0, "ubnd")) k = 1;
    else if (at(0, "uy", "ban", "nhan", "dan")) k = 4;
    else continue;
    let city = false;
    if (at(k, "tinh")) k += 1;
    else if (at(k, "thanh", "pho")) [k, city] = [k + 2, true];
    else if (at(k, "tp")) [k, city] = [k + 1, true];
    else continue;
    const name = words.slice(k).join(" ").replace(/[.,:;]+$/, "").trim();
    if (name === "" || name.length > 40) continue;
    if (city && !CITIES.includes(fold(name))) continue;
    return name
      .toLocaleLowerCase("vi")
      .split(" ")
      .map((w) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1))
      .join(" ");
  }
  return null;
}

/** What the title rows above the header name: the first province and the first period found. */
function readTitle(rows: readonly (readonly Cell[])[]): TitleInfo {
  let province: TitleInfo["province"] = null;
  let period: TitleInfo["period"] = null;
  let police: string | null = null;
  rows.forEach((cells, i) => {
    for (const c of cells) {
      if (typeof c !== "string" || c.trim() === "" || c.length > 500) continue;
      const text = cleanText(c);
      if (province === null) {
        const name = provinceOfTitle(c);
        if (name !== null) province = { name, row: i + 1, text };
      }
      // "Quảng Bình, ngày 20 tháng 6 năm 2024" is the date the form was signed, not its period.
      const p = /\bngay (\d{1,2} )?thang\b/.test(fold(text)) ? null : periodFromTitle(text);
      if (p === null) continue;
      police ??= p.police;
      if (period === null) period = { period: p.period, police: p.police, row: i + 1, text };
    }
  });
  // "6 THÁNG ĐẦU NĂM 2024" on one row, "(từ ngày 15/12/2023 đến ngày 14/6/2024)" on the next.
  if (period !== null && police !== null && (period as NonNullable<TitleInfo["period"]>).police === null) period = { ...(period as NonNullable<TitleInfo["period"]>), police };
  return province === null && period === null ? NO_TITLE : { province, period };
}

/**
 * Whether row `i` (one cell, at the left, over a filled cell) is a title or section row over
 * the header rather than a subject spanning columns of it.
 */
function titleLike(row: readonly Cell[], below: readonly Cell[] | undefined, merges: readonly CellRange[], i: number): boolean {
  const filled: number[] = [];
  for (let c = 0; c < Math.min(row.length, SCAN_COLUMNS); c++) if (!isBlankCell(row[c])) filled.push(c);
  if (filled.length !== 1 || filled[0]! > 1) return false;
  const c = filled[0]!;
  if (merges.some((m) => m.s.r === i && m.s.c === c && m.e.c > m.s.c)) return false;
  return below !== undefined && !isBlankCell(below[c]);
}

/** The tally a row's leading text names ("Số vụ phạm tội về TTXH"), or null. */
function leadingTally(cells: readonly Cell[], match: (parts: readonly string[]) => BandMatch): { name: string; text: string } | null {
  for (let c = 0; c < Math.min(3, cells.length); c++) {
    const v = cells[c];
    if (isBlankCell(v)) continue;
    if (typeof v !== "string") return null;
    const t = v.trim();
    if (/^[\divxlc.()]+$/i.test(t)) continue; // a row number before the name
    const m = match([t]);
    return m.status === "matched" && dictionary().tallyByName.has(m.column) ? { name: m.column, text: t } : null;
  }
  return null;
}

/**
 * A transposed form: three or more rows, among the first read, each naming a different tally
 * in its leading cell and holding figures to its right (the units are across). Returns the
 * first such row (1-based) and the names, or null.
 */
function transposedAt(rows: readonly (readonly Cell[])[], from: number, match: (parts: readonly string[]) => BandMatch): { first: number; names: string[] } | null {
  const seen = new Set<string>();
  const names: string[] = [];
  let first = -1;
  for (let i = Math.max(0, from); i < Math.min(rows.length, from + 60); i++) {
    const row = rows[i]!;
    const t = leadingTally(row, match);
    if (t === null || seen.has(t.name)) continue;
    const figures = row.filter((c) => typeof c === "number" || (typeof c === "string" && /^\s*\d[\d.,]*\s*$/.test(c))).length;
    if (figures < 2) continue;
    seen.add(t.name);
    names.push(t.text);
    if (first === -1) first = i + 1;
  }
  return names.length >= 3 ? { first, names } : null;
}

/**
 * Another table's header under the first one's: a row, among the first read, of text cells
 * only, of which two or more name columns, and not the same columns as the header (a header
 * repeated on each printed page is the same table). Returns its row (1-based) and text.
 */
function secondHeader(rows: readonly (readonly Cell[])[], from: number, columns: readonly SourceColumn[], match: (parts: readonly string[]) => BandMatch): { row: number; text: string } | null {
  const first = new Map<number, string>();
  for (const c of columns) if (c.match.status === "matched") first.set(c.index, c.match.column);
  for (let i = from; i < Math.min(rows.length, from + 1000); i++) {
    const row = rows[i]!;
    let texts = 0;
    let named = 0;
    let same = 0;
    let numbers = false;
    // A data row holds figures: found without matching its names (a 300-row file spent 25 ms
    // matching every commune's name as a header).
    const width = Math.min(row.length, SCAN_COLUMNS);
    for (let c = 0; c < width && !numbers; c++) {
      const v = row[c];
      if (!isBlankCell(v) && (typeof v !== "string" || /^\s*[\d.,%]+\s*$/.test(v))) numbers = true;
    }
    if (numbers) continue;
    for (let c = 0; c < width; c++) {
      const v = row[c];
      if (isBlankCell(v) || typeof v !== "string") continue;
      texts++;
      const m = matchHeader(v.trim());
      if (m.status === "matched" || m.status === "ignored") {
        if (m.status === "matched") named++;
        if (m.status === "ignored" || first.get(c) === m.column) same++;
      }
    }
    if (numbers || texts < 3 || named < 2) continue;
    if (same === texts) continue;
    return { row: i + 1, text: row.map((c) => cellText(c).trim()).filter((t) => t !== "").join(", ") };
  }
  return null;
}
