// One catalogue of every complaint tdbv makes: a stable snake_case code (the same in code,
// JSON, CSV and the README), its severity and the hint that says what would fix it. Issues
// are values returned by the stages, never thrown.
//
// Every message and hint is written in both languages where it is made: a `Text` holds the
// Vietnamese and the English, and a renderer picks one with `--lang` (see `shownIn`). A text
// lacking either language is a type error; test/messages.test.ts raises every code and checks
// that each Vietnamese text reads as Vietnamese and each English one as English.

export type Severity = "error" | "warning";

/** What tdbv says to a user, in Vietnamese (the default) and in English. */
export interface Text {
  readonly vi: string;
  readonly en: string;
}

export type Lang = keyof Text;

export const CODES = {
  // file level
  empty_file: {
    severity: "error",
    hint: {
      vi: "Tệp không có nội dung: hãy xuất lại bảng số liệu.",
      en: "The file has no content: export the tally sheet again.",
    },
  },
  no_header: {
    severity: "error",
    hint: {
      vi: "Không có dòng nào mang tên các cột của từ điển (province, commune, cases_total, …): kiểm tra đây có đúng là tệp xuất bảng số liệu không, hoặc xem docs/input.md để biết các tên cột tdbv nhận ra.",
      en: "No row names the dictionary's columns (province, commune, cases_total, …): check that this is a tally export, or see docs/input.md for the header names tdbv knows.",
    },
  },
  no_data_rows: {
    severity: "error",
    hint: {
      vi: "Tệp có dòng tiêu đề nhưng không có dòng số liệu của đơn vị nào: hãy xuất lại bảng kèm số liệu.",
      en: "The file has a header but no unit rows: export the sheet with its data.",
    },
  },
  duplicate_column: {
    severity: "error",
    hint: {
      vi: "Hai tiêu đề cùng chỉ một cột: đổi tên hoặc xóa một trong hai để mỗi số liệu chỉ được đọc một lần.",
      en: "Two headers name the same column: rename or delete one of them so each figure is read once.",
    },
  },
  unknown_column: {
    severity: "warning",
    hint: {
      vi: "Cột này bị bỏ qua. Nếu cần đọc cột này, hãy đổi tiêu đề thành một tên trong docs/input.md, hoặc khai báo nó là chỉ tiêu riêng của tỉnh trong tdbv.config.json (docs/configuration.md).",
      en: "The column is ignored. To read it, rename the header to a name from docs/input.md, or declare it as the province's own indicator in tdbv.config.json (docs/configuration.md).",
    },
  },
  ambiguous_column: {
    severity: "warning",
    hint: {
      vi: "Cột này bị bỏ qua. Hãy đổi tiêu đề thành đúng một trong các cột được nêu để tdbv biết đó là cột nào.",
      en: "The column is ignored. Rename the header to one of the named columns so tdbv knows which it is.",
    },
  },
  missing_province: {
    severity: "error",
    hint: {
      vi: "Thêm cột tỉnh (Tỉnh) hoặc dùng --province \"Tên tỉnh\".",
      en: "Add a province column (Tỉnh) or pass --province \"Tên tỉnh\".",
    },
  },
  province_mismatch: {
    severity: "error",
    hint: {
      vi: "Dòng tiêu đề của biểu ghi một tỉnh, --province ghi tỉnh khác: kiểm tra lại tệp hoặc --province.",
      en: "The form's title row names one province and --province another: check the file or --province.",
    },
  },
  several_tables: {
    severity: "error",
    hint: {
      vi: "Mỗi bảng cần một tệp (hoặc một trang tính) riêng: tách các bảng ra, hoặc xóa các bảng không phải số liệu của xã, phường.",
      en: "Each table needs its own file (or sheet): split the tables, or delete those that are not the communes' figures.",
    },
  },
  transposed_table: {
    severity: "error",
    hint: {
      vi: "Biểu xoay ngang (chỉ tiêu theo dòng, đơn vị theo cột): chuyển vị bảng (Excel: Dán đặc biệt → Chuyển vị) để mỗi đơn vị là một dòng, rồi chạy lại.",
      en: "The form is transposed (figures in rows, units in columns): transpose it (Excel: Paste Special → Transpose) so that each unit is a row, and run again.",
    },
  },
  unclear_subtotal: {
    severity: "error",
    hint: {
      vi: "Dòng không có số thứ tự ở cuối mục: nếu là xã, phường thì ghi số thứ tự; nếu là dòng cộng thì ghi \"Cộng\" và sửa số liệu cho khớp tổng các dòng của mục.",
      en: "A row without a number at the end of a section: if it is a commune, number it; if it is a subtotal, label it \"Cộng\" and make its figures the sum of the section's rows.",
    },
  },
  unclear_district_row: {
    severity: "error",
    hint: {
      vi: "Dòng chỉ ghi huyện, không ghi xã: nếu là dòng tổng của huyện thì sửa số liệu cho bằng tổng các xã; nếu là số liệu của chính cấp huyện thì ghi \"huyện\" ở cột Loại đơn vị.",
      en: "A row that names a district and no commune: if it is the district's total, make its figures the sum of its communes; if it is the district's own figures, write \"huyện\" in the unit type column.",
    },
  },
  // cell level
  invalid_number: {
    severity: "error",
    hint: {
      vi: "Ghi số nguyên như 1361 hoặc 1.361, hoặc để trống nếu chưa báo cáo.",
      en: "Write a whole number such as 1361 or 1.361, or leave the cell blank if it was not reported.",
    },
  },
  negative_number: {
    severity: "error",
    hint: {
      vi: "Số liệu không thể âm: sửa lại, hoặc để trống nếu chưa báo cáo.",
      en: "A figure cannot be negative: correct it, or leave the cell blank if it was not reported.",
    },
  },
  not_whole_number: {
    severity: "error",
    hint: {
      vi: "Cột này đếm số lượng nguyên: sửa lại số liệu (1,5 không phải là một số đếm).",
      en: "This column counts whole things: correct the figure (1,5 is not a count).",
    },
  },
  number_too_large: {
    severity: "error",
    hint: {
      vi: "Không có số liệu nào lớn đến mức này: kiểm tra ô có bị dán nhầm hoặc lặp số không. tdbv tính chính xác đến 9.007.199.254.740.991 và từ chối số lớn hơn thay vì làm tròn.",
      en: "No tally reaches this figure: check the cell for a pasted or repeated number. tdbv counts exactly up to 9,007,199,254,740,991 and refuses larger figures rather than round them.",
    },
  },
  total_too_large: {
    severity: "error",
    hint: {
      vi: "Số liệu của một đơn vị quá lớn: kiểm tra các dòng của nhóm xem có số bị dán nhầm hoặc lặp không. Tổng như vậy bị bỏ khỏi báo cáo, không bao giờ in ra dạng làm tròn.",
      en: "A figure of some unit is far too large: check the group's rows for a pasted or repeated number. Such a total is left out of the report, never printed rounded.",
    },
  },
  control_characters: {
    severity: "error",
    hint: {
      vi: "Tên có chứa ký tự điều khiển vô hình (byte NUL, ký tự escape): tệp bị hỏng hoặc không phải tệp xuất số liệu. Gõ lại tên hoặc xuất lại bảng.",
      en: "A name holds an invisible control character (a NUL byte, an escape): the file is damaged or not a tally export. Retype the name or export the sheet again.",
    },
  },
  ambiguous_decimal: {
    severity: "error",
    hint: {
      vi: "Ô này có thể đọc là nhóm hàng nghìn hoặc là số thập phân: dùng --decimal-mark , hoặc --decimal-mark . để chỉ rõ tệp dùng dấu nào.",
      en: "The cell reads as a thousands group or a decimal: pass --decimal-mark , or --decimal-mark . to say which the file uses.",
    },
  },
  cell_error: {
    severity: "error",
    hint: {
      vi: "Bảng tính báo lỗi ở ô này (công thức bị hỏng): sửa công thức hoặc gõ trực tiếp số liệu.",
      en: "The spreadsheet shows an error in this cell (a broken formula): fix the formula or type the figure.",
    },
  },
  formula_without_value: {
    severity: "error",
    hint: {
      vi: "Ô chứa công thức nhưng kết quả chưa từng được lưu (tệp do phần mềm không tính toán tạo ra), và tdbv không tính công thức: mở tệp bằng Excel hoặc LibreOffice rồi lưu lại, hoặc gõ trực tiếp số liệu.",
      en: "The cell holds a formula whose result was never saved (files written by programs that do not calculate), and tdbv does not compute formulas: open the file in Excel or LibreOffice and save it again, or type the figure.",
    },
  },
  cell_too_long: {
    severity: "error",
    hint: {
      vi: "Không ô số liệu nào dài đến thế: kiểm tra có xuất đúng tệp không (giới hạn của Excel là 32.767 ký tự).",
      en: "No tally cell holds this much text: check that the right file was exported (Excel's own limit is 32,767 characters).",
    },
  },
  invalid_flag: {
    severity: "error",
    hint: {
      vi: "Ghi có/không, x (đạt chuẩn) hoặc để trống, 1/0 hoặc yes/no.",
      en: "Write có/không, x (certified) or leave blank, 1/0 or yes/no.",
    },
  },
  invalid_unit_type: {
    severity: "error",
    hint: {
      vi: "Ghi xã, phường, thị trấn hoặc đặc khu.",
      en: "Write xã, phường, thị trấn or đặc khu.",
    },
  },
  invalid_period: {
    severity: "error",
    hint: {
      vi: "Ghi kỳ báo cáo dạng 2024, 2024-03 hoặc 2024-Q1.",
      en: "Write the period as 2024, 2024-03 or 2024-Q1.",
    },
  },
  missing_period: {
    severity: "error",
    hint: {
      vi: "Thêm cột kỳ báo cáo, đặt tên tệp theo kỳ (2024-03.csv), hoặc dùng --period.",
      en: "Add a period column, name the file with its period (2024-03.csv), or pass --period.",
    },
  },
  period_too_coarse: {
    severity: "error",
    hint: {
      vi: "Số liệu cả năm không thể chia ra từng tháng: tổng hợp theo kỳ dài hơn với --every, hoặc dùng các tệp theo tháng.",
      en: "A yearly figure cannot be split into months: roll up with a coarser --every, or use monthly files.",
    },
  },
  overlapping_periods: {
    severity: "error",
    hint: {
      vi: "Một đơn vị báo cáo cho một tháng và cho cả quý hoặc năm chứa tháng đó: chỉ giữ một trong hai báo cáo, nếu không số liệu sẽ bị tính hai lần.",
      en: "A unit reported for a month and for a quarter or year that contains it: keep one of the two reports, or their figures would be counted twice.",
    },
  },
  // row level
  long_quoted_cell: {
    severity: "warning",
    hint: {
      vi: "Một dấu ngoặc kép mở ô và ô kéo dài đến dấu ngoặc kép tiếp theo, cuốn theo các dòng ở giữa: nếu dấu \" bị gõ nhầm, hãy xóa nó.",
      en: 'A quote opens a cell that runs to the next quote, taking the lines between with it: if a " was typed by mistake, remove it.',
    },
  },
  missing_unit: {
    severity: "error",
    hint: {
      vi: "Điền tên xã (hoặc huyện) để dòng được tính là một đơn vị.",
      en: "Fill in the commune (or district) name, so the row can be counted as a unit.",
    },
  },
  part_exceeds_whole: {
    severity: "error",
    hint: {
      vi: "Số thành phần không thể lớn hơn số tổng: sửa một trong hai số liệu.",
      en: "A part cannot exceed its whole: correct one of the two figures.",
    },
  },
  unknown_province: {
    severity: "error",
    hint: {
      vi: "Ghi tên tỉnh theo tên chính thức (\"Quảng Bình\", \"Tỉnh Quảng Bình\", \"TP Hồ Chí Minh\", có dấu hoặc không dấu): lệnh `tdbv units TÊN` cho biết tdbv biết những tên nào.",
      en: "Write the province's name as it is officially (\"Quảng Bình\", \"Tỉnh Quảng Bình\", \"TP Hồ Chí Minh\", with or without diacritics): `tdbv units NAME` shows what tdbv knows.",
    },
  },
  ambiguous_unit: {
    severity: "error",
    hint: {
      vi: "Tên này khớp với nhiều đơn vị (danh sách liệt kê kèm mã): thêm mã đơn vị (cột \"Mã ĐVHC\") hoặc huyện của đơn vị, để dòng được tính một lần và đúng đơn vị.",
      en: "The name fits several units (the register lists them, with their codes): add the unit's code (the \"Mã ĐVHC\" column), or its district, so the row is counted once and for the right unit.",
    },
  },
  unit_code_mismatch: {
    severity: "error",
    hint: {
      vi: "Mã và tên thuộc về hai đơn vị khác nhau trong danh sách: sửa lại mã hoặc tên bị sai (mã mất số 0 ở đầu vẫn được đọc đúng: 1786 là 01786).",
      en: "The code and the name are of different units in the register: correct whichever is wrong (a code that lost its leading zero is read right: 1786 is 01786).",
    },
  },
  register_same_name: {
    severity: "warning",
    hint: {
      vi: "Danh sách ghi một tên hai lần trong cùng huyện với mã khác nhau (danh mục của Tổng cục Thống kê cũng vậy): các dòng mang tên này được khớp theo mã; dòng không có mã bị từ chối vì không rõ đơn vị.",
      en: "The register lists one name twice in a district with different codes (GSO's own list does): rows of that name are matched by their code; a row without a code is refused as ambiguous.",
    },
  },
  part_exceeds_whole_warning: {
    severity: "warning",
    hint: {
      vi: "Các báo cáo không phải lúc nào cũng tính hai số này trong cùng một tổng: kiểm tra lại cả hai số liệu.",
      en: "Reports do not always count these within the same total: check that both figures are right.",
    },
  },
  parts_do_not_add_up: {
    severity: "error",
    hint: {
      vi: "Số gộp phải bằng tổng các phần: sửa các phần hoặc số gộp.",
      en: "The combined figure must equal its parts: correct the parts or the combined figure.",
    },
  },
  unit_type_mismatch: {
    severity: "warning",
    hint: {
      vi: "Loại đơn vị và tiền tố của tên không khớp (tên là Phường … nhưng loại ghi là xã): sửa một trong hai, vì loại đơn vị quyết định đơn vị được tính vào tổng đạt chuẩn nào.",
      en: "The unit type and the name's prefix disagree (Phường … typed as xã): correct one, since the type decides which certification total the unit counts in.",
    },
  },
  no_figures: {
    severity: "warning",
    hint: {
      vi: "Mọi số liệu của đơn vị này đều để trống (chưa báo cáo). Nếu đơn vị đã báo cáo, hãy điền số liệu; ghi 0 nếu số liệu bằng không.",
      en: "Every figure of this unit is blank (not reported). If the unit did report, fill in its figures; write 0 where the figure is zero.",
    },
  },
  mixed_periods: {
    severity: "warning",
    hint: {
      vi: "Một tệp chứa dòng của nhiều kỳ: kiểm tra tệp xuất có đúng cho một kỳ không, hoặc đây có phải là chủ ý không.",
      en: "One file holds rows of several periods: check that the export is for one period, or that this is intended.",
    },
  },
  unusual_change: {
    severity: "warning",
    hint: {
      vi: "Số liệu thay đổi nhiều bất thường so với kỳ đối chiếu: kiểm tra có gõ nhầm không (thừa hoặc thiếu một chữ số).",
      en: "The figure changed far more than usual since the baseline: check it for a typing error (an extra or missing digit).",
    },
  },
  exceeds_known_total: {
    severity: "warning",
    hint: {
      vi: "Số đạt chuẩn vượt tổng số mà đơn vị đã báo cáo ở kỳ đối chiếu: kiểm tra lại số đạt chuẩn, hoặc báo cáo tổng số mới.",
      en: "A certified count exceeds the total this unit reported in the baseline: check the count, or report the new total.",
    },
  },
  unit_not_reported: {
    severity: "warning",
    hint: {
      vi: "Đơn vị có trong danh sách đơn vị phải báo cáo nhưng không gửi dòng nào: đôn đốc đơn vị báo cáo.",
      en: "The unit is in the register of expected units but sent no row: chase its report.",
    },
  },
  unit_not_in_register: {
    severity: "warning",
    hint: {
      vi: "Đơn vị không có trong danh sách đơn vị: sửa tên (xem gợi ý) hoặc bổ sung đơn vị vào danh sách.",
      en: "The unit is not in the register: correct its name (see the suggestion) or add it to the register.",
    },
  },
  duplicate_unit: {
    severity: "error",
    hint: {
      vi: "Cùng một đơn vị và kỳ xuất hiện hai lần nên sẽ bị tính hai lần: xóa một dòng hoặc sửa tên.",
      en: "The same unit and period appear twice and would be counted twice: delete one row or correct its name.",
    },
  },
  rate_mismatch: {
    severity: "warning",
    hint: {
      vi: "Tỷ lệ ghi trong tệp không khớp với các số thành phần: tdbv tính lại tỷ lệ từ các thành phần, nên hãy kiểm tra các số thành phần.",
      en: "The stated percentage disagrees with its parts: tdbv recomputes ratios from the parts, so check the parts.",
    },
  },
  total_mismatch: {
    severity: "warning",
    hint: {
      vi: "Dòng tổng không khớp với tổng các dòng mà nó bao gồm: một dòng đơn vị hoặc chính dòng tổng bị sai. tdbv tính theo các dòng đơn vị.",
      en: "The total row disagrees with the sum of the rows it covers: a unit row or the total itself is wrong. tdbv counts the unit rows.",
    },
  },
} as const satisfies Record<string, { severity: Severity; hint: Text }>;

export type IssueCode = keyof typeof CODES;

export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly file: string;
  /** The worksheet, for workbooks. */
  readonly sheet: string | null;
  /** The row a person sees: a spreadsheet's row number; in a CSV the header is row 1. */
  readonly row: number | null;
  /** Canonical column name where the cell maps to one, else the header text. */
  readonly column: string | null;
  /** The cell as a spreadsheet names it ("D17"), for workbooks. */
  readonly cell: string | null;
  /** The raw cell text, untouched. */
  readonly value: string | null;
  /** One sentence: where, the value, the rule, what was found. */
  readonly message: Text;
  /** What would fix it: the code's hint, or one made for this problem. */
  readonly hint: Text;
}

/** A problem as one language shows it: the same keys, message and hint as strings (JSON, CSV, terminal). */
export type ShownIssue = Omit<Issue, "message" | "hint"> & { readonly message: string; readonly hint: string };

/** The problem in one language, its keys in the same order. */
export const shownIn = (i: Issue, lang: Lang): ShownIssue => ({ ...i, message: i.message[lang], hint: i.hint[lang] });

export interface At {
  readonly file: string;
  readonly sheet?: string | null;
  readonly row?: number | null;
  readonly column?: string | null;
  readonly cell?: string | null;
  readonly value?: string | null;
}

/** The largest count tdbv reads and adds exactly: 2^53 - 1 (a double holds every whole number up to it). */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** Longest raw value a problem keeps, and longest quotation in a message. */
export const MAX_VALUE_CHARS = 200;
const MAX_QUOTE_CHARS = 200;

/** Control characters (C0, DEL, C1) shown as <U+XXXX>: a message never carries one to a terminal or a file. */
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL = new RegExp(CONTROL_CHAR.source, "g");
export const hasControl = (s: string): boolean => CONTROL_CHAR.test(s);
export const visible = (s: string): string => (hasControl(s) ? s.replace(CONTROL, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`) : s);

/** A short, marked excerpt of a long text: its start, then "…(N characters)". */
export function excerpt(s: string, max = MAX_VALUE_CHARS): string {
  return s.length <= max ? s : `${s.slice(0, max)}…(${s.length} characters)`;
}

/** A message made safe to print: control characters visible, quotations of long values cut to an excerpt. */
function safeMessage(message: string): string {
  let m = message;
  if (m.length > 4 * MAX_QUOTE_CHARS) {
    // Each quoted text longer than MAX_QUOTE_CHARS becomes its excerpt (a loop, not a regular
    // expression: a quotation may be a 200 MB line).
    const parts: string[] = [];
    let at = 0;
    for (let open = m.indexOf('"'); open !== -1; ) {
      const close = m.indexOf('"', open + 1);
      if (close === -1) break;
      if (close - open - 1 > MAX_QUOTE_CHARS) {
        parts.push(m.slice(at, open + 1), excerpt(m.slice(open + 1, close), MAX_QUOTE_CHARS));
        at = close;
      }
      open = m.indexOf('"', close + 1);
    }
    parts.push(m.slice(at));
    m = parts.join("");
  }
  return visible(m.length > 8 * MAX_VALUE_CHARS ? excerpt(m, 8 * MAX_VALUE_CHARS) : m);
}

/**
 * A problem found at `at`. `message` says, in both languages, where and what was found;
 * `hint`, when given, replaces the code's hint for this problem (a hint that depends on the
 * column, say).
 */
export function issue(code: IssueCode, at: At, message: Text, hint?: Text): Issue {
  const entry = CODES[code];
  const value = at.value ?? null;
  return {
    code,
    severity: entry.severity,
    file: at.file,
    sheet: at.sheet ?? null,
    row: at.row ?? null,
    column: at.column ?? null,
    cell: at.cell ?? null,
    value: value === null ? null : visible(excerpt(value)),
    message: { vi: safeMessage(message.vi), en: safeMessage(message.en) },
    hint: hint ?? entry.hint,
  };
}

/**
 * The order in which one row's problems are listed, whichever stage found them: the rules
 * between its figures and duplicates first, then its cells in column order with what they say
 * of the unit (names, period, type, flag, stated rates), then what concerns the file, the
 * periods of a rollup, a baseline and a register. Codes not listed come first.
 */
const ROW_ORDER: readonly (readonly IssueCode[])[] = [
  ["part_exceeds_whole", "part_exceeds_whole_warning", "parts_do_not_add_up"],
  ["duplicate_unit"],
  ["total_too_large"],
  ["invalid_number", "negative_number", "not_whole_number", "number_too_large", "ambiguous_decimal", "cell_error", "cell_too_long"],
  ["control_characters"],
  ["missing_unit", "unknown_province", "ambiguous_unit", "unit_code_mismatch"],
  ["invalid_period"],
  ["invalid_unit_type"],
  ["unit_type_mismatch"],
  ["no_figures"],
  ["invalid_flag"],
  ["rate_mismatch"],
  ["long_quoted_cell", "unclear_subtotal", "unclear_district_row"],
  ["total_mismatch", "mixed_periods", "no_data_rows"],
  ["missing_period", "period_too_coarse", "overlapping_periods"],
  ["unusual_change", "exceeds_known_total"],
  ["unit_not_in_register", "unit_not_reported", "register_same_name"],
];
const RANK = new Map<string, number>(ROW_ORDER.flatMap((codes, i) => codes.map((c) => [c, i + 1] as const)));

/** A problem's place among one row's problems (see ROW_ORDER). */
export const rowRank = (code: IssueCode): number => RANK.get(code) ?? 0;

/**
 * Problems in the order a person reads them: by file (`fileOrder`: files by first appearance,
 * or by name), row, then ROW_ORDER within a row, then as found.
 */
export function sortProblems(issues: readonly Issue[], fileOrder: "appearance" | "name"): Issue[] {
  const order = new Map<string, number>();
  if (fileOrder === "appearance") for (const i of issues) if (!order.has(i.file)) order.set(i.file, order.size);
  const byFile = fileOrder === "appearance" ? (a: Issue, b: Issue) => order.get(a.file)! - order.get(b.file)! : (a: Issue, b: Issue) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return issues
    .map((i, seq) => ({ i, seq }))
    .sort((a, b) => byFile(a.i, b.i) || (a.i.row ?? 0) - (b.i.row ?? 0) || rowRank(a.i.code) - rowRank(b.i.code) || a.seq - b.seq)
    .map(({ i }) => i);
}
