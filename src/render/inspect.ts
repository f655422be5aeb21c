// An Inspection for people: what was detected, column by column and row by row, in Vietnamese
// (the default) or English (--lang en).

import { columnLetter } from "../read/sheet.js";
import type { Inspection, RowKind } from "../pipeline/inspect.js";
import type { BandMatch } from "../detect/match.js";
import type { Lang } from "./numbers.js";

const WORDS = {
  vi: {
    file: "tệp",
    format: "định dạng",
    sheet: "trang",
    sheets: "các trang",
    hidden: "trang ẩn",
    encoding: "mã hóa",
    delimiter: "dấu phân cách",
    tab: "tab",
    hiddenState: { hidden: "ẩn", "very hidden": "ẩn sâu" } as Record<string, string>,
    decimals: "số thập phân",
    decimalMark: (m: string) => `dấu thập phân "${m}"`,
    noDecimalMark: "tệp không cho thấy dấu thập phân (các số đếm là số nguyên; --decimal-mark đặt dấu)",
    period: "kỳ",
    noPeriod: "không có (không có cột kỳ, --period, kỳ trong tên trang, dòng tiêu đề hay tên tệp)",
    province: "tỉnh",
    header: "dòng tiêu đề cột",
    layout: "bố cục",
    several: (row: number) => `nhiều bảng trên một trang (bảng khác từ dòng ${row}): không đọc`,
    transposed: (row: number) => `biểu xoay ngang (chỉ tiêu theo dòng, từ dòng ${row}; đơn vị theo cột): không đọc`,
    notFound: "KHÔNG TÌM THẤY",
    row: (r: string) => `dòng ${r}`,
    rows: (r: string) => `các dòng ${r}`,
    columns: "các cột:",
    rowsTitle: "các dòng:",
    note: "ghi chú",
    monthly: "các trang theo kỳ",
    readAlso: "summarize và rollup đọc mọi trang này; inspect cho thấy trang đầu (--sheet chọn trang khác)",
    unknownYear: "không rõ năm",
    source: {
      column: "từ cột kỳ báo cáo của từng dòng",
      option: "từ --period",
      sheet: "từ tên trang tính",
      title: "từ dòng tiêu đề của biểu",
      file: "từ tên tệp",
    },
    policeYear: (d: string) => `năm báo cáo của ngành Công an: ${d}`,
    provinceFromTitle: (row: number) => `từ dòng tiêu đề ${row}`,
    provinceOption: "từ --province",
    match: {
      matched: (c: string, exact: boolean) => `-> ${c}${exact ? "" : " (gần đúng nhất)"}`,
      pair: (a: string, b: string) => `-> ${a} / ${b} (một ô ghi cả hai, như "1.361/1.367")`,
      rate: (r: string | null) => (r ? `tỷ lệ ghi sẵn của ${r} (được kiểm tra, không cộng)` : "cột tỷ lệ (không đọc: không rõ các thành phần)"),
      ignored: "bỏ qua (số thứ tự hoặc ghi chú)",
      derived: "cột tỷ lệ (không đọc)",
      ambiguous: (c: readonly string[]) => `KHÔNG ĐỌC: có thể là ${c.join(" hoặc ")}`,
      unknown: (c: readonly string[]) => `KHÔNG ĐỌC: không khớp cột nào${c.length ? `; gần nhất: ${c.join(", ")}` : ""}`,
    },
    kinds: {
      unit: "dòng đơn vị (được tính)",
      title: "dòng tiêu đề biểu",
      header: "dòng tiêu đề cột",
      column_numbers: "dòng đánh số cột",
      section: "dòng đề mục (huyện)",
      grand_total: "dòng tổng cộng",
      subtotal_label: "dòng cộng của mục (theo nhãn)",
      subtotal_sum: "dòng cộng của mục (theo tổng)",
      district_total: "dòng tổng của huyện",
      total_row: "dòng tổng",
      unclear_subtotal: "LỖI: dòng không số TT không khớp tổng",
      unclear_district_row: "LỖI: dòng huyện không khớp tổng các xã",
      blank: "dòng trống",
      footer: "phần ký tên",
      file_rejected: "dòng của tệp bị từ chối",
      invalid: "dòng có lỗi",
    } as Record<RowKind, string>,
  },
  en: {
    file: "file",
    format: "format",
    sheet: "sheet",
    sheets: "sheets",
    hidden: "hidden",
    encoding: "encoding",
    delimiter: "delimiter",
    tab: "tab",
    hiddenState: { hidden: "hidden", "very hidden": "very hidden" } as Record<string, string>,
    decimals: "decimals",
    decimalMark: (m: string) => `decimal mark "${m}"`,
    noDecimalMark: "no decimal mark shown by the file (counts are whole; --decimal-mark sets it)",
    period: "period",
    noPeriod: "none (no period column, --period, period in the sheet's name, title row or file name)",
    province: "province",
    header: "header",
    layout: "layout",
    several: (row: number) => `several tables on one sheet (another from row ${row}): not read`,
    transposed: (row: number) => `transposed form (figures down from row ${row}, units across): not read`,
    notFound: "NOT FOUND",
    row: (r: string) => `row ${r}`,
    rows: (r: string) => `rows ${r}`,
    columns: "columns:",
    rowsTitle: "rows:",
    note: "note",
    monthly: "sheets by period",
    readAlso: "summarize and rollup read every one of them; inspect shows the first (--sheet picks another)",
    unknownYear: "year unknown",
    source: {
      column: "from each row's period column",
      option: "from --period",
      sheet: "from the sheet's name",
      title: "from the form's title row",
      file: "from the file name",
    },
    policeYear: (d: string) => `police reporting period: ${d}`,
    provinceFromTitle: (row: number) => `from title row ${row}`,
    provinceOption: "from --province",
    match: {
      matched: (c: string, exact: boolean) => `-> ${c}${exact ? "" : " (closest match)"}`,
      pair: (a: string, b: string) => `-> ${a} / ${b} (a cell holds both, as "1.361/1.367")`,
      rate: (r: string | null) => (r ? `stated percentage of ${r} (checked, not summed)` : "a percentage column (not read: its parts are unknown)"),
      ignored: "ignored (row numbers or notes)",
      derived: "a percentage column (not read)",
      ambiguous: (c: readonly string[]) => `NOT READ: could be ${c.join(" or ")}`,
      unknown: (c: readonly string[]) => `NOT READ: matches no column${c.length ? `; nearest: ${c.join(", ")}` : ""}`,
    },
    kinds: {
      unit: "unit rows (counted)",
      title: "title rows",
      header: "header rows",
      column_numbers: "column-number row",
      section: "section headings (district)",
      grand_total: "grand total",
      subtotal_label: "subtotals by label",
      subtotal_sum: "subtotals by sum",
      district_total: "district totals",
      total_row: "total rows",
      unclear_subtotal: "ERROR: unnumbered row, not the sum",
      unclear_district_row: "ERROR: district row, not the sum",
      blank: "blank rows",
      footer: "footer (signatures)",
      file_rejected: "rows of a rejected file",
      invalid: "invalid rows",
    } as Record<RowKind, string>,
  },
};

function describe(m: BandMatch, w: (typeof WORDS)["vi"]["match"]): string {
  switch (m.status) {
    case "matched":
      return w.matched(m.column, m.exact);
    case "pair":
      return w.pair(m.columns[0], m.columns[1]);
    case "rate":
      return w.rate(m.ratio);
    case "ignored":
      return w.ignored;
    case "derived":
      return w.derived;
    case "ambiguous":
      return w.ambiguous(m.candidates);
    case "unknown":
      return w.unknown(m.candidates);
  }
}

/** "3, 5-9, 12": consecutive rows as ranges. */
export function ranges(rows: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(j > i ? `${rows[i]}-${rows[j]}` : String(rows[i]));
    i = j;
  }
  return out.join(", ");
}

export function renderInspection(x: Inspection, lang: Lang = "vi"): string {
  const w = WORDS[lang];
  const t = x.table;
  const width = lang === "en" ? 11 : 19;
  const line = (label: string, value: string) => `${`${label}:`.padEnd(width)}${label.length + 2 > width ? " " : ""}${value}`;
  const lines: string[] = [line(w.file, x.file), line(w.format, x.format)];
  if (x.sheets.length > 1 || t.sheet) lines.push(line(w.sheet, `"${t.sheet}" (${w.sheets}: ${x.sheets.map((s) => `"${s}"`).join(", ")})`));
  if (x.monthly.length) {
    lines.push(line(w.monthly, x.monthly.map((m) => `"${m.sheet}" (${m.period ?? w.unknownYear})`).join(", ")));
    lines.push(`${"".padEnd(width)}${w.readAlso}`);
  }
  if (x.hidden.length) lines.push(line(w.hidden, x.hidden.map((h) => `"${h.sheet}" (${w.hiddenState[h.state] ?? h.state})`).join(", ")));
  if (t.encoding) lines.push(line(w.encoding, t.encoding));
  if (t.delimiter) lines.push(line(w.delimiter, t.delimiter === "\t" ? w.tab : `"${t.delimiter}"`));
  lines.push(line(w.decimals, x.decimalMark ? w.decimalMark(x.decimalMark) : w.noDecimalMark));
  const source = x.periodSource ? ` (${w.source[x.periodSource]}${x.periodSource === "title" && t.title.period ? ` ${t.title.period.row}: "${t.title.period.text}"` : ""})` : "";
  const police = x.periodSource === "title" && t.title.period?.police ? `; ${w.policeYear(t.title.period.police)}` : "";
  lines.push(line(w.period, x.period || x.periodSource === "column" ? `${x.period ?? ""}${source}${police}`.trim() : w.noPeriod));
  if (x.province !== null) {
    const fromTitle = !t.positions.has("province") && t.title.province && t.title.province.name === x.province;
    lines.push(line(w.province, `${x.province} (${fromTitle ? `${w.provinceFromTitle(t.title.province!.row)}: "${t.title.province!.text}"` : w.provinceOption})`));
  }
  lines.push(line(w.header, t.header ? (t.header.first === t.header.last ? w.row(String(t.header.first)) : w.rows(`${t.header.first}-${t.header.last}`)) : w.notFound));
  for (const i of t.issues) {
    if (i.code === "several_tables") lines.push(line(w.layout, w.several(i.row ?? 0)));
    if (i.code === "transposed_table") lines.push(line(w.layout, w.transposed(i.row ?? 0)));
  }
  lines.push("", w.columns);
  const cw = Math.min(48, Math.max(6, ...t.columns.map((c) => c.header.length)));
  for (const c of t.columns) {
    if (c.header === "" && c.match.status === "unknown") continue;
    const letter = columnLetter(c.index).padEnd(3);
    const rate = t.rates.find((r) => r.index === c.index);
    const match = rate && c.match.status === "rate" ? { status: "rate" as const, ratio: rate.ratio } : c.match;
    lines.push(`  ${letter} ${c.header.padEnd(cw)}  ${describe(match, w.match)}`);
  }
  lines.push("", w.rowsTitle);
  const kw = Math.max(30, ...Object.values(w.kinds).map((k) => k.length));
  for (const [kind, label] of Object.entries(w.kinds)) {
    const rows = x.rows[kind as RowKind];
    if (rows && rows.length) lines.push(`  ${label.padEnd(kw)} ${rows.length.toString().padStart(6)}  ${ranges(rows)}`);
  }
  for (const note of x.notes) lines.push("", `${w.note}: ${note[lang]}`);
  return lines.join("\n") + "\n";
}
