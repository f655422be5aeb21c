// Reading one cell as what its column holds: a count, a decimal, a flag, a stated percentage.
// A cell that cannot be read so is a failure named by its problem code; the rules about what
// the figures may be (a part within its whole, …) are checks of the validation stage.

import { dictionary } from "../domain/dictionary.js";
import { MAX_COUNT, type Text } from "../domain/problems.js";
import type { ColumnRef } from "../domain/unit-row.js";
import type { Table } from "../detect/table.js";
import { cellText, isCellError, type Cell } from "../read/sheet.js";
import { readCount, readDecimal, revealedDecimalMark, type DecimalMark, type Failure } from "./number.js";

/** Longest text a cell may hold (Excel's own limit). */
export const MAX_CELL_CHARS = 32_767;

export type CellFailure = Failure | "number_too_large" | "cell_error" | "cell_too_long";

/** The raw text of a canonical column in a row ("1.361/1.367" gives "1.367" for part 1). */
export function rawCell(cells: readonly Cell[], ref: ColumnRef | undefined): Cell {
  if (!ref) return "";
  const c = cells[ref.index] ?? "";
  if (ref.part === null || typeof c !== "string") return ref.part === 1 ? "" : c;
  return c.split("/")[ref.part] ?? "";
}

export function text(cells: readonly Cell[], ref: ColumnRef | undefined): string {
  return cellText(rawCell(cells, ref));
}

/** The decimal mark a file's number cells reveal (in its first rows), or null when they say nothing or disagree. */
export function fileDecimalMark(table: Table): DecimalMark | null {
  const seen = new Set<DecimalMark>();
  const tallies = dictionary().tallyByName;
  for (const [name, ref] of table.positions) {
    const col = tallies.get(name);
    if (!col) continue;
    for (const r of table.sample) {
      const raw = rawCell(r.cells, ref);
      // Only a cell with a point or a comma can say which is the decimal mark.
      if (typeof raw !== "string" || (!raw.includes(".") && !raw.includes(","))) continue;
      const t = raw.trim();
      if (col.type === "decimal") {
        const mark = revealedDecimalMark(t);
        if (mark) seen.add(mark);
      } else if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(t)) {
        seen.add(t.includes(".") ? "," : ".");
      }
    }
  }
  return seen.size === 1 ? [...seen][0]! : null;
}

/** A figure cell's value: a number, null (blank: not reported), or why it cannot be read. */
export function parseCell(cell: Cell, type: "count" | "decimal", mark: DecimalMark | null): number | null | CellFailure {
  // Every figure, typed or written, is held exactly or refused (a 400-digit cell, 1e308, Infinity).
  if (typeof cell === "number") {
    if (cell < 0) return "negative_number";
    if (!(cell <= MAX_COUNT)) return "number_too_large";
    return type === "count" && !Number.isInteger(cell) ? "not_whole_number" : cell;
  }
  if (typeof cell === "object") return "cell_error";
  if (cell.length > MAX_CELL_CHARS) return "cell_too_long";
  const v = type === "count" ? readCount(cell) : readDecimal(cell, mark);
  return typeof v === "number" && !(v <= MAX_COUNT) ? "number_too_large" : v;
}

/** What each failure says of the cell, in a message. */
export const WHAT: Record<CellFailure, Text> = {
  invalid_number: { vi: "không phải là số", en: "is not a number" },
  negative_number: { vi: "là số âm", en: "is negative" },
  not_whole_number: { vi: "không phải là số nguyên", en: "is not a whole number" },
  number_too_large: {
    vi: "lớn hơn mọi số liệu tdbv đọc được chính xác (9.007.199.254.740.991)",
    en: "is larger than any figure tdbv reads exactly (9,007,199,254,740,991)",
  },
  ambiguous_decimal: { vi: "có thể là nhóm hàng nghìn hoặc số thập phân", en: "could be a thousands group or a decimal" },
  cell_error: { vi: "là ô báo lỗi", en: "is an error cell" },
  cell_too_long: { vi: "quá dài để là một số liệu", en: "is too long to be a figure" },
};

/**
 * Hints for a cell of a column with decimals (kilograms), where the codes' hints speak of
 * counts: "a whole number such as 1361" would be wrong advice for 12,5 kg.
 */
export const DECIMAL_HINTS: Partial<Record<CellFailure, Text>> = {
  invalid_number: {
    vi: "Ghi một số như 12 hoặc 12,5, hoặc để trống nếu chưa báo cáo.",
    en: "Write a number such as 12 or 12.5, or leave the cell blank if it was not reported.",
  },
};

/** A cell that holds (or tries to hold) a figure, as opposed to words such as a signature. */
export function looksLikeFigure(c: Cell): boolean {
  if (typeof c === "number" || isCellError(c)) return true;
  const t = c.trim();
  return t !== "" && /^[-−+]?[\d.,\s\u00a0/%]+$/.test(t);
}

/** A stated percentage ("86,1", "86.1%", 0.861), or null when the cell is no percentage. */
export function statedPercent(raw: Cell): { value: number; decimals: number } | null {
  if (isCellError(raw)) return null;
  const t = (typeof raw === "number" ? String(raw) : raw).trim().replace(/%$/, "").trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return { value: Number(t), decimals: t.split(".")[1]?.length ?? 0 };
}
