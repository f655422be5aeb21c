// Table -> classified rows. Each data row becomes a UnitRow (identifiers cleaned to NFC,
// counts parsed, blank kept as null), or a total row (kept aside to be checked against the
// rows it covers, never counted), or a skipped row with its reason. Cell problems are
// returned as Issues naming file, row, column and the raw value.

import { TALLIES, TALLY_BY_NAME } from "../domain/columns.js";
import { parsePeriod } from "../domain/period.js";
import { cleanText, fold, parseUnitType, unitKey, unitTypeFromName, type UnitType } from "../domain/text.js";
import type { DataRow, Table } from "../detect/table.js";
import { issue, type Issue, type IssueCode } from "../validate/codes.js";
import { parseCount, parseDecimal, revealedDecimalMark, type DecimalMark } from "./number.js";

export const TALLY_INDEX: ReadonlyMap<string, number> = new Map(TALLIES.map((c, i) => [c.name, i]));

export interface Origin {
  readonly file: string;
  readonly row: number;
}

export interface UnitRow {
  readonly origin: Origin;
  readonly period: string | null;
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly unitType: UnitType | null;
  readonly unitCode: string | null;
  readonly certified: boolean | null;
  /** One entry per dictionary tally, in TALLIES order; null = not reported. */
  readonly values: (number | null)[];
  /** Identity of the unit (code, else province/district/name keys) within its period. */
  readonly key: string;
}

export interface TotalRow {
  readonly origin: Origin;
  readonly label: string;
  /** District key this total covers ("Cộng huyện …"), or null for the whole file/province. */
  readonly district: string | null;
  readonly values: (number | null)[];
}

export type SkipReason = "blank" | "title" | "total_row" | "invalid" | "file_rejected";

export interface NormalizeOptions {
  readonly province: string | null;
  /** --period, else the file name's period; a period column wins over both. */
  readonly period: string | null;
  readonly decimalMark: DecimalMark | null;
}

export interface Normalized {
  readonly units: UnitRow[];
  readonly totals: TotalRow[];
  readonly skipped: { readonly row: number; readonly reason: SkipReason }[];
  readonly issues: Issue[];
  /** Rows whose errors exclude them from the summary. */
  readonly invalidRows: Set<number>;
}

const TOTAL_LABEL = /^(tong cong|cong|tong|tong so|toan tinh|toan thanh pho|ca tinh|cong toan tinh|cong (huyen|quan|thi xa|thanh pho|tp|tx) .+)$/;
const DISTRICT_PREFIX = /^(huyen|quan|thi xa|thanh pho|tp|tx|h|q)\.? /;
const TRUE_FLAGS = new Set(["co", "x", "v", "1", "yes", "y", "true", "dat", "da dat", "dat chuan"]);
const FALSE_FLAGS = new Set(["khong", "0", "no", "n", "false", "khong dat", "chua dat", "chua"]);
const MARKS = new Set(["x", "v", "✓", "✔", "☑"]);

/** A district's name without its "Huyện"/"TP." prefix, folded: to match "Cộng huyện X". */
export function districtMatchKey(name: string): string {
  return fold(name).replace(DISTRICT_PREFIX, "");
}

function cell(cells: readonly string[], pos: number | undefined): string {
  return pos === undefined ? "" : (cells[pos] ?? "");
}

/** The decimal mark a file's number cells reveal, or null when they say nothing or disagree. */
function fileDecimalMark(table: Table): DecimalMark | null {
  const seen = new Set<DecimalMark>();
  for (const [name, pos] of table.positions) {
    const col = TALLY_BY_NAME.get(name);
    if (!col) continue;
    for (const r of table.rows) {
      const text = (r.cells[pos] ?? "").trim();
      if (text === "") continue;
      if (col.type === "decimal") {
        const mark = revealedDecimalMark(text);
        if (mark) seen.add(mark);
      } else if (/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(text)) {
        seen.add(text.includes(".") ? "," : ".");
      }
    }
  }
  return seen.size === 1 ? [...seen][0]! : null;
}

export function normalizeTable(table: Table, options: NormalizeOptions): Normalized {
  const out: Normalized = { units: [], totals: [], skipped: [], issues: [], invalidRows: new Set() };
  for (const row of table.titleRows) out.skipped.push({ row, reason: "title" });
  const fatal = table.issues.some((i) => i.severity === "error");
  if (fatal) {
    for (const r of table.rows) out.skipped.push({ row: r.row, reason: "file_rejected" });
    return out;
  }
  const pos = table.positions;
  const file = table.file;
  if (!pos.has("province") && !options.province) {
    out.issues.push(
      issue("missing_province", { file, row: table.headerRow }, `${file}: no province column and no --province given`),
    );
    for (const r of table.rows) out.skipped.push({ row: r.row, reason: "file_rejected" });
    return out;
  }
  const mark = options.decimalMark ?? fileDecimalMark(table);
  const tallyPositions = TALLIES.map((c) => pos.get(c.name));
  const certifiedPos = pos.get("certified");
  const marksOnly =
    certifiedPos !== undefined &&
    table.rows.every((r) => {
      const t = cell(r.cells, certifiedPos).trim().toLowerCase();
      return t === "" || MARKS.has(t);
    });
  const textPositions = table.columns.filter((c) => c.match.status !== "matched" || !TALLY_BY_NAME.has(c.match.column)).map((c) => c.index);

  const derived: (number | null)[][] = [];
  const typesPresent = new Set<UnitType>();
  for (const r of table.rows) {
    if (r.cells.every((c) => c.trim() === "")) {
      out.skipped.push({ row: r.row, reason: "blank" });
      continue;
    }
    const rowIssues: Issue[] = [];
    const problem = (code: IssueCode, column: string | null, value: string | null, message: string) =>
      rowIssues.push(issue(code, { file, row: r.row, column, value }, `${file}:${r.row} ${message}`));

    const values: (number | null)[] = TALLIES.map((col, i) => {
      const p = tallyPositions[i];
      if (p === undefined) return null;
      const raw = r.cells[p] ?? "";
      const parsed = col.type === "count" ? parseCount(raw) : parseDecimal(raw, mark);
      if (parsed.ok) return parsed.value;
      const what: Record<typeof parsed.code, string> = {
        invalid_number: "is not a number",
        negative_number: "is negative",
        not_whole_number: "is not a whole number",
        ambiguous_decimal: "could be a thousands group or a decimal",
      };
      problem(parsed.code, col.name, raw, `${col.name} "${raw}" ${what[parsed.code]}`);
      return null;
    });

    const label = totalLabel(r, textPositions);
    if (label !== null) {
      const district = /^cong (huyen|quan|thi xa|thanh pho|tp|tx) /.test(fold(label))
        ? districtMatchKey(fold(label).replace(/^cong /, ""))
        : cell(r.cells, pos.get("district")).trim()
          ? districtMatchKey(cell(r.cells, pos.get("district")))
          : null;
      out.totals.push({ origin: { file, row: r.row }, label, district, values });
      out.skipped.push({ row: r.row, reason: "total_row" });
      continue;
    }

    const province = cleanText(cell(r.cells, pos.get("province"))) || options.province || "";
    const district = cleanText(cell(r.cells, pos.get("district"))) || null;
    const commune = cleanText(cell(r.cells, pos.get("commune"))) || null;
    const unitCode = cleanText(cell(r.cells, pos.get("unit_code"))) || null;
    if (!province) problem("missing_unit", "province", "", "has no province");
    else if (!district && !commune && !unitCode) problem("missing_unit", "commune", "", "names no commune or district");

    let period = options.period;
    const periodCell = cell(r.cells, pos.get("period"));
    if (periodCell.trim()) {
      period = parsePeriod(periodCell);
      if (!period) problem("invalid_period", "period", periodCell, `period "${periodCell}" is not a period`);
    }

    let unitType: UnitType | null = null;
    const typeCell = cell(r.cells, pos.get("unit_type"));
    if (typeCell.trim()) {
      unitType = parseUnitType(typeCell);
      if (!unitType) problem("invalid_unit_type", "unit_type", typeCell, `unit_type "${typeCell}" is not xã, phường, thị trấn or đặc khu`);
    } else if (commune) unitType = unitTypeFromName(commune);

    let certified: boolean | null = null;
    if (certifiedPos !== undefined) {
      const raw = cell(r.cells, certifiedPos);
      const f = fold(raw);
      if (f === "") certified = marksOnly ? false : null;
      else if (TRUE_FLAGS.has(f) || MARKS.has(raw.trim())) certified = true;
      else if (FALSE_FLAGS.has(f)) certified = false;
      else problem("invalid_flag", "certified", raw, `certified "${raw}" is not có/không`);
    }
    if (commune && unitType && certifiedPos !== undefined && deriveCertification(values, unitType, certified)) {
      derived.push(values);
      typesPresent.add(unitType);
    }

    const identity = unitCode
      ? `code:${unitCode}`
      : [unitKey(province), district ? unitKey(district) : "", commune ? unitKey(commune) : ""].join("|");
    if (rowIssues.length > 0) {
      out.issues.push(...rowIssues);
      if (rowIssues.some((i) => i.severity === "error")) out.invalidRows.add(r.row);
    }
    out.units.push({
      origin: { file, row: r.row },
      period,
      province,
      district,
      commune,
      unitType,
      unitCode,
      certified,
      values,
      key: `${period ?? ""}#${identity}`,
    });
  }
  // A xã is zero phường: where a file certifies units of several types, each derived row
  // counts 0 for the other types present, so a district without phường shows 0, not "—".
  for (const values of derived) {
    for (const type of typesPresent) {
      for (const part of ["_total", "_certified"]) {
        const i = TALLY_INDEX.get(TYPE_COLUMNS[type] + part)!;
        if (values[i] === null) values[i] = 0;
      }
    }
  }
  return out;
}

/** The text of a row that names it a total row ("Tổng cộng", "Cộng huyện Lạc Dương"), or null. */
function totalLabel(r: DataRow, textPositions: readonly number[]): string | null {
  for (const p of textPositions) {
    const text = (r.cells[p] ?? "").trim();
    if (text && TOTAL_LABEL.test(fold(text))) return cleanText(text);
  }
  return null;
}

const TYPE_COLUMNS: Record<UnitType, string> = {
  xã: "communes",
  phường: "wards",
  "thị trấn": "townships",
  "đặc khu": "special_zones",
};

/** A commune row's own certification feeds communes_*, wards_*, townships_* or special_zones_*. */
function deriveCertification(values: (number | null)[], type: UnitType, certified: boolean | null): boolean {
  const total = TALLY_INDEX.get(`${TYPE_COLUMNS[type]}_total`)!;
  const cert = TALLY_INDEX.get(`${TYPE_COLUMNS[type]}_certified`)!;
  if (values[total] !== null || values[cert] !== null) return false;
  values[total] = 1;
  values[cert] = certified === null ? null : certified ? 1 : 0;
  return true;
}
