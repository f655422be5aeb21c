// Number cells as Vietnamese and other forms write them. A count is whole, so any separator
// inside it groups thousands: "1.361", "1,361", "1 361" and "1361" are all 1361. A decimal
// ("30,5", "30.5") is read by the file's convention when the cell alone is ambiguous
// ("1.234"), never by a guess per cell.

export type DecimalMark = "," | ".";

export type ParseResult =
  | { readonly ok: true; readonly value: number | null }
  | { readonly ok: false; readonly code: "negative_number" | "not_whole_number" | "invalid_number" | "ambiguous_decimal" };

const BLANK: ParseResult = { ok: true, value: null };
const SPACES = /[\s\u00a0\u202f]/g;
const GROUPED = /^\d{1,3}(?:([.,' ])\d{3})(?:\1\d{3})*$/;

function isBlank(cell: string): boolean {
  return cell.trim() === "" || cell.trim() === "-" || cell.trim() === "—";
}

/** A whole number ≥ 0; blank (also "-" or "—") is null, "not reported". */
export function parseCount(cell: string): ParseResult {
  if (isBlank(cell)) return BLANK;
  const text = cell.trim().replace(/[\u00a0\u202f]/g, " ");
  if (/^\d+$/.test(text)) return { ok: true, value: Number(text) };
  if (GROUPED.test(text)) return { ok: true, value: Number(text.replace(/[.,' ]/g, "")) };
  const compact = text.replace(SPACES, "");
  if (/^[-−]\s*\d/.test(compact)) return { ok: false, code: "negative_number" };
  if (/^\d+[.,]\d+$/.test(compact) || /^\d{1,3}([.,]\d{3})*[.,]\d{1,2}$/.test(compact)) {
    // "1,5" or "12.25": a fraction where a whole number is required. "12.0" is whole.
    const asDecimal = parseDecimal(compact, compact.includes(",") && !compact.includes(".") ? "," : ".");
    if (asDecimal.ok && asDecimal.value !== null && Number.isInteger(asDecimal.value)) return asDecimal;
    return { ok: false, code: "not_whole_number" };
  }
  return { ok: false, code: "invalid_number" };
}

/**
 * A decimal ≥ 0. `mark` is the file's decimal mark when known; with `null`, a cell that is
 * readable both ways ("1.234", "1,234") is `ambiguous_decimal` and one that is not ("30,5",
 * "1.234,5", "0.5") is read as written.
 */
export function parseDecimal(cell: string, mark: DecimalMark | null): ParseResult {
  if (isBlank(cell)) return BLANK;
  const text = cell.trim().replace(SPACES, "");
  if (/^[-−]\d/.test(text)) return { ok: false, code: "negative_number" };
  if (/^\d+$/.test(text)) return { ok: true, value: Number(text) };
  const m = /^(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d+))?$/.exec(text);
  if (!m) return { ok: false, code: "invalid_number" };
  const group = m[2];
  const dec = m[3];
  if (group && dec && group === dec) return { ok: false, code: "invalid_number" };
  if (group && !dec) {
    // "1.234" or "1.234.567": thousands if the mark is the other one; a decimal if one group.
    const groups = m[1]!.split(group).length - 1;
    if (mark === null) return groups > 1 ? { ok: true, value: Number(m[1]!.split(group).join("")) } : { ok: false, code: "ambiguous_decimal" };
    if (mark === group) {
      if (groups > 1) return { ok: false, code: "invalid_number" };
      return { ok: true, value: Number(m[1]!.replace(group, ".")) };
    }
    return { ok: true, value: Number(m[1]!.split(group).join("")) };
  }
  if (dec && mark !== null && dec !== mark && !group) {
    // "0.5" in a comma-decimal file: a lone separator followed by other than three digits
    // cannot be a thousands separator, so it is a decimal mark whatever the convention.
    if (m[4]!.length === 3) return { ok: false, code: "ambiguous_decimal" };
  }
  const whole = group ? m[1]!.split(group).join("") : m[1]!;
  return { ok: true, value: Number(`${whole}${dec ? `.${m[4]}` : ""}`) };
}

/**
 * The decimal mark a set of cells reveals, or null when none tells: a comma followed by other
 * than three digits ("30,5") means a comma mark; likewise a point ("30.5"); a cell with both
 * marks ("1.234,5") shows the last one as the decimal mark.
 */
export function revealedDecimalMark(cell: string): DecimalMark | null {
  const text = cell.trim().replace(SPACES, "");
  const both = /^\d{1,3}(?:([.,])\d{3})+([.,])\d+$/.exec(text);
  if (both && both[1] !== both[2]) return both[2] as DecimalMark;
  const single = /^\d+([.,])(\d+)$/.exec(text);
  if (single && single[2]!.length !== 3) return single[1] as DecimalMark;
  return null;
}

export type Failure = "negative_number" | "not_whole_number" | "invalid_number" | "ambiguous_decimal";

/**
 * parseCount for the hot path: the value, null for blank, or the failure's code. Plain digits,
 * by far the commonest cell, are read without a regular expression or an allocation.
 */
export function readCount(cell: string): number | null | Failure {
  const n = cell.length;
  if (n > 0 && n < 16) {
    let value = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = cell.charCodeAt(i);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    if (i === n) return value;
  }
  const r = parseCount(cell);
  return r.ok ? r.value : r.code;
}

export function readDecimal(cell: string, mark: DecimalMark | null): number | null | Failure {
  const r = parseDecimal(cell, mark);
  return r.ok ? r.value : r.code;
}
