// Table -> classified rows. Each data row becomes a UnitRow (identifiers cleaned to NFC,
// counts parsed, blank kept as null), a total row (kept aside to be checked against the rows
// it covers, never counted), or a skipped row with its reason: blank, a section heading (a
// district name above its communes, which gives them their district), or the signature block
// at the foot of a form. Cell problems are returned as Issues naming the place and raw value.

import { TALLIES, TALLY_BY_NAME } from "../domain/columns.js";
import { parsePeriod } from "../domain/period.js";
import { RATIOS } from "../domain/ratios.js";
import { cleanText, fold, parseUnitType, unitKey, unitTypeFromName, type UnitType } from "../domain/text.js";
import { place, type ColumnRef, type DataRow, type Table } from "../detect/table.js";
import { cellText, columnLetter, isBlankCell, isCellError, type Cell } from "../read/sheet.js";
import { issue, type Issue, type IssueCode } from "../validate/codes.js";
import { unitNumber } from "../domain/hash.js";
import { laneFits, readLane } from "./fast.js";
import { readCount, readDecimal, revealedDecimalMark, type DecimalMark, type Failure } from "./number.js";

export const TALLY_INDEX: ReadonlyMap<string, number> = new Map(TALLIES.map((c, i) => [c.name, i]));

/** Where a row came from, and how to name one of its cells in a message. */
export interface Origin {
  readonly file: string;
  readonly sheet: string | null;
  readonly row: number;
  /** Canonical column -> where it is; shared by every row of a table. */
  readonly columns: ReadonlyMap<string, ColumnRef>;
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
  /**
   * One entry per dictionary tally, in TALLIES order; NaN = not reported (a blank cell). Numbers
   * only, so the engine keeps the array unboxed: rows are summed by the million.
   */
  readonly values: number[];
  /** Identity of the unit across periods: its code, else its province, district and name keys. */
  readonly identity: string;
  /** unitNumber(identity), found once per spelling (duplicates are found by it). */
  readonly unitNo?: number;
  /** The row has errors of its own (a bad cell): it is reported, never counted. */
  readonly invalid?: boolean;
  /** unitKey of province, district and commune, computed once per distinct spelling. */
  readonly keys?: NameKeys;
  /**
   * A unit combined over several periods (rollup): each ratio's parts (RATIOS order; numerator
   * at 2r, denominator at 2r + 1) over the periods that reported both, NaN when none did.
   * Ratios then use these, not `values`.
   */
  readonly pairs?: readonly number[];
}

/**
 * A copy of a unit row to keep. A row handed to onUnit is valid only during the call: the fast
 * lane reads every row into the same object. `values` defaults to a copy of the row's figures;
 * `[]` keeps the unit's identity alone.
 */
export function keepRow(u: UnitRow, values: number[] = u.values.slice()): UnitRow {
  return { ...u, origin: { ...u.origin }, values };
}

/** unitKey of a unit's names, and the keys of its province, district and commune groups. */
export interface NameKeys {
  readonly province: string;
  readonly district: string;
  readonly commune: string;
  /** Group keys by level, without the period: province; province + district; all three. */
  readonly path: readonly [string, string, string];
}

interface UnitNames {
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly unitCode: string | null;
  readonly identity: string;
  readonly keys: NameKeys;
  readonly unitNo: number;
  /** The unit type the commune's name prefix gives ("Xã …", "P. …"), or null. */
  readonly typeFromName: UnitType | null;
}

const namesCache = new Map<string, UnitNames>();

/**
 * A row's names, cleaned, and its identity. Names repeat on every row of a unit across files and
 * periods, so the work is done once per distinct spelling and remembered, unless the caller
 * remembers it itself (`remember` false: the fast lane keeps what a unit's first row gave).
 */
function unitNames(provinceText: string, districtText: string, communeText: string, codeText: string, provinceOption: string | null, section: string | null, remember: boolean): UnitNames {
  const k = remember ? `${provinceText}\u0001${districtText}\u0001${communeText}\u0001${codeText}\u0001${provinceOption ?? ""}\u0001${section ?? ""}` : "";
  let n = remember ? namesCache.get(k) : undefined;
  if (n) return n;
  const province = cleanText(provinceText) || provinceOption || "";
  const district = cleanText(districtText) || section;
  const commune = cleanText(communeText) || null;
  const unitCode = cleanText(codeText) || null;
  const keys = nameKeys(province, district, commune);
  const identity = unitCode ? `code:${unitCode}` : `${keys.province}|${keys.district}|${keys.commune}`;
  n = {
    province,
    district,
    commune,
    unitCode,
    identity,
    keys,
    unitNo: unitNumber(identity),
    typeFromName: commune ? unitTypeFromName(commune) : null,
  };
  if (!remember) return n;
  if (namesCache.size >= 200_000) namesCache.clear();
  namesCache.set(k, n);
  return n;
}

export function nameKeys(province: string, district: string | null, commune: string | null): NameKeys {
  const p = unitKey(province);
  const d = district ? unitKey(district) : "";
  const c = commune ? unitKey(commune) : "";
  return { province: p, district: d, commune: c, path: [p, `${p}\u0000${d}`, `${p}\u0000${d}\u0000${c}`] };
}

export interface TotalRow {
  readonly origin: Origin;
  readonly label: string;
  /** District this total covers ("Cộng huyện …", or "Cộng" inside a district's section), or null for all. */
  readonly district: string | null;
  /** As UnitRow.values: NaN = blank. */
  readonly values: number[];
}

export type SkipReason = "blank" | "title" | "column_numbers" | "section" | "total_row" | "footer" | "invalid" | "file_rejected";

export interface NormalizeOptions {
  readonly province: string | null;
  /** --period, else the file name's period; a period column wins over both. */
  readonly period: string | null;
  readonly decimalMark: DecimalMark | null;
  /** Refuse a file without province column or --province (false for `inspect`, which only classifies). */
  readonly requireProvince?: boolean;
}

/** Running sums of a file's unit rows: all of them, and by district, for checking total rows. */
export interface FileSums {
  readonly all: Sums;
  readonly byDistrict: Map<string, Sums>;
}

export interface Sums {
  units: number;
  readonly sum: Float64Array;
  /** Per tally, how many units left it blank (as Tally.blanks): few, so counted instead of the reported. */
  readonly blanks: Int32Array;
}

/** A row's figures before any is read: every tally not reported. */
export const NOT_REPORTED: readonly number[] = TALLIES.map(() => NaN);

const newSums = (): Sums => ({ units: 0, sum: new Float64Array(TALLIES.length), blanks: new Int32Array(TALLIES.length) });

function addSums(s: Sums, values: readonly number[]): void {
  s.units++;
  const { sum, blanks } = s;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) sum[i]! += v;
    else blanks[i]!++;
  }
}

export interface Normalized {
  /** The decimal mark used for decimal cells: given, or revealed by the file; null if neither. */
  readonly decimalMark: DecimalMark | null;
  /** Data rows read (after the header). */
  rowsRead: number;
  readonly totals: TotalRow[];
  readonly sums: FileSums;
  readonly skipped: { readonly row: number; readonly reason: SkipReason }[];
  readonly issues: Issue[];
}

/** Longest text a cell may hold (Excel's own limit). */
export const MAX_CELL_CHARS = 32_767;

/** The words a district's name starts with, folded: Huyện, Quận, Thị xã, Thành phố, TP., TX. */
const DISTRICT_WORDS = "huyen|quan|thi xa|thanh pho|tp|tx";
const TOTAL_LABEL = new RegExp(`^(tong cong|cong|tong|tong so|toan tinh|toan thanh pho|ca tinh|cong toan tinh|cong (${DISTRICT_WORDS}) .+)$`);
/** "Cộng huyện X": the total of one district, named. */
const DISTRICT_TOTAL = new RegExp(`^cong (${DISTRICT_WORDS}) `);
const DISTRICT_PREFIX = new RegExp(`^(${DISTRICT_WORDS}|h|q)\\.? `);
const ROMAN = /^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const FOOTER = /^(nguoi lap( bieu)?|thu truong( don vi)?|noi nhan|ky ghi ro ho ten|ky ten|ky dong dau|xac nhan|lanh dao|truong (phong|ban|cong an)|giam doc|chi huy truong|pho (giam doc|truong)|tm |kt |ghi chu|.*\bngay\b.*\bthang\b.*\bnam\b.*)/;
const TRUE_FLAGS = new Set(["co", "x", "v", "1", "yes", "y", "true", "dat", "da dat", "dat chuan"]);
const FALSE_FLAGS = new Set(["khong", "0", "no", "n", "false", "khong dat", "chua dat", "chua"]);
const MARKS = new Set(["x", "X", "v", "✓", "✔", "☑"]);

/** A district's name without its "Huyện"/"TP." prefix, folded: to match "Cộng huyện X". */
export function districtMatchKey(name: string): string {
  return fold(name).replace(DISTRICT_PREFIX, "");
}

/** The raw text of a canonical column in a row ("1.361/1.367" gives "1.367" for part 1). */
function rawCell(cells: readonly Cell[], ref: ColumnRef | undefined): Cell {
  if (!ref) return "";
  const c = cells[ref.index] ?? "";
  if (ref.part === null || typeof c !== "string") return ref.part === 1 ? "" : c;
  return c.split("/")[ref.part] ?? "";
}

function text(cells: readonly Cell[], ref: ColumnRef | undefined): string {
  return cellText(rawCell(cells, ref));
}

/** "book.xlsx [Báo cáo] D17 (Vụ phạm tội về TTXH - Làm rõ)" or "2024.csv:17". */
export function locate(origin: Origin, column: string | null): string {
  const ref = column ? origin.columns.get(column) : undefined;
  if (origin.sheet === null || !ref) return `${place(origin)}:${origin.row}`;
  return `${place(origin)} ${columnLetter(ref.index)}${origin.row} (${ref.header})`;
}

export function cellRef(origin: Origin, column: string | null): string | null {
  const ref = column ? origin.columns.get(column) : undefined;
  return origin.sheet !== null && ref ? `${columnLetter(ref.index)}${origin.row}` : null;
}

/** The decimal mark a file's number cells reveal (in its first rows), or null when they say nothing or disagree. */
function fileDecimalMark(table: Table): DecimalMark | null {
  const seen = new Set<DecimalMark>();
  for (const [name, ref] of table.positions) {
    const col = TALLY_BY_NAME.get(name);
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

function parseCell(cell: Cell, type: "count" | "decimal", mark: DecimalMark | null): number | null | Failure | "cell_error" | "cell_too_long" {
  if (typeof cell === "number") {
    if (cell < 0) return "negative_number";
    if (type === "count" && !Number.isInteger(cell)) return "not_whole_number";
    return cell;
  }
  if (typeof cell === "object") return "cell_error";
  if (cell.length > MAX_CELL_CHARS) return "cell_too_long";
  return type === "count" ? readCount(cell) : readDecimal(cell, mark);
}

const WHAT: Record<string, string> = {
  invalid_number: "is not a number",
  negative_number: "is negative",
  not_whole_number: "is not a whole number",
  ambiguous_decimal: "could be a thousands group or a decimal",
  cell_error: "is an error cell",
  cell_too_long: "is too long to be a figure",
};

/**
 * Reads every row of a table once, in order, handing each unit row to `onUnit` as soon as it
 * is read (so a large file is never held in memory) and returning everything else. A unit
 * row is valid only during its call to onUnit, which may be handed the same object, filled
 * again, for the next row: a caller that keeps rows keeps copies (keepRow).
 */
export function normalizeTable(table: Table, options: NormalizeOptions, onUnit: (u: UnitRow) => void): Normalized {
  const mark = options.decimalMark ?? fileDecimalMark(table);
  const out: Normalized = { decimalMark: mark, rowsRead: 0, totals: [], sums: { all: newSums(), byDistrict: new Map() }, skipped: [], issues: [] };
  for (const row of table.titleRows) out.skipped.push({ row, reason: "title" });
  for (const row of table.columnNumberRows) out.skipped.push({ row, reason: "column_numbers" });
  // Rows are summed by district (and those without one apart); the file's sum is theirs.
  const noDistrict = newSums();
  const finish = () => {
    for (const r of table.longRecords) {
      out.issues.push(
        issue("long_quoted_cell", { file: table.file, sheet: table.sheet, row: r.row }, `${place(table)}:${r.row} one quoted cell runs from line ${r.first} to line ${r.last}: ${r.last - r.first + 1} lines read as one row`),
      );
    }
    for (const d of [noDistrict, ...out.sums.byDistrict.values()]) {
      out.sums.all.units += d.units;
      for (let i = 0; i < d.sum.length; i++) {
        out.sums.all.sum[i]! += d.sum[i]!;
        out.sums.all.blanks[i]! += d.blanks[i]!;
      }
    }
    return out;
  };
  const reject = () => {
    for (const r of table.rows) {
      out.rowsRead++;
      out.skipped.push({ row: r.row, reason: "file_rejected" });
    }
    return out;
  };
  if (table.issues.some((i) => i.severity === "error")) return reject();
  const pos = table.positions;
  const { file, sheet } = table;
  if (!pos.has("province") && !options.province && options.requireProvince !== false) {
    out.issues.push(issue("missing_province", { file, sheet, row: table.header?.last }, `${place(table)}: no province column and no --province given`));
    return reject();
  }
  const tallyRefs = TALLIES.map((c) => pos.get(c.name));
  const certifiedRef = pos.get("certified");
  const hasTallyColumns = tallyRefs.some((ref) => ref !== undefined);
  // A certified column of marks ("x" or blank) reads blank as "not certified"; a column with
  // no mark at all says nothing, so its blanks stay "not reported".
  const certifiedCells = certifiedRef === undefined ? [] : table.sample.map((r) => text(r.cells, certifiedRef).trim());
  const marksOnly = certifiedCells.some((t) => t !== "") && certifiedCells.every((t) => t === "" || MARKS.has(t));
  const tallyIndexes = new Set([...tallyRefs.filter((r) => r !== undefined).map((r) => r!.index), ...table.rates.map((r) => r.index)]);
  const textIndexes = table.columns.map((c) => c.index).filter((i) => !tallyIndexes.has(i));
  const nameRef = pos.get("commune") ?? pos.get("district");
  const nameRefs = [pos.get("province"), pos.get("district"), pos.get("commune")];
  let section: string | null = null;
  let inFooter = false;
  let seenData = false;

  /**
   * The full reading of one row: returns the unit row it made, or null for any other row.
   * `figures`: the row's figures as the fast lane read them (it takes only cells that read
   * without a problem, and reads them as parseCell does), so they are not parsed again. The
   * array is the lane's, and becomes the unit row's: a unit row lives only during its call.
   */
  const read = (r: DataRow, figures?: number[]): UnitRow | null => {
    if (r.cells.every((c) => isBlankCell(c))) {
      out.skipped.push({ row: r.row, reason: inFooter ? "footer" : "blank" });
      return null;
    }
    const origin: Origin = { file, sheet, row: r.row, columns: pos };
    const rowIssues: Issue[] = [];
    const problem = (code: IssueCode, column: string | null, value: string | null, message: string) =>
      rowIssues.push(issue(code, { file, sheet, row: r.row, column, cell: cellRef(origin, column), value }, `${locate(origin, column)} ${message}`));

    const hasFigures = tallyRefs.some((ref) => ref !== undefined && looksLikeFigure(rawCell(r.cells, ref)));
    // The signature block may stand anywhere in the row, figure columns included.
    if (!hasFigures && (inFooter || (seenData && r.cells.some((c) => typeof c === "string" && c.length < 200 && FOOTER.test(fold(c)))))) {
      inFooter = true;
      out.skipped.push({ row: r.row, reason: "footer" });
      return null;
    }
    const label = totalLabel(r, textIndexes);
    if (!hasFigures && label === null) {
      const heading = sectionHeading(r, textIndexes, nameRef);
      if (heading !== null) {
        section = heading;
        out.skipped.push({ row: r.row, reason: "section" });
        return null;
      }
    }

    const values = figures ?? NOT_REPORTED.slice();
    for (let i = 0; i < TALLIES.length && figures === undefined; i++) {
      const ref = tallyRefs[i];
      if (ref === undefined) continue;
      const col = TALLIES[i]!;
      const raw = rawCell(r.cells, ref);
      const parsed = parseCell(raw, col.type, mark);
      if (typeof parsed !== "string") {
        if (parsed !== null) values[i] = parsed;
        continue;
      }
      const shown = cellText(raw);
      problem(parsed, col.name, shown.length > 80 ? `${shown.slice(0, 80)}…` : shown, `${col.name} "${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}" ${WHAT[parsed]}`);
    }

    if (label !== null) {
      const f = fold(label);
      const named = DISTRICT_TOTAL.test(f) ? districtMatchKey(f.replace(/^cong /, "")) : null;
      const districtCell = text(r.cells, pos.get("district")).trim();
      const district = named ?? (districtCell ? districtMatchKey(districtCell) : f === "cong" && section ? districtMatchKey(section) : null);
      // A total row is never counted, so its unreadable cells are not errors: they are just
      // not compared.
      // Kept to the end of the file: the lane's array is its own again at the next row.
      out.totals.push({ origin, label, district, values: figures ? values.slice() : values });
      out.skipped.push({ row: r.row, reason: "total_row" });
      return null;
    }
    seenData = true;

    for (let k = 0; k < nameRefs.length; k++) {
      const t = text(r.cells, nameRefs[k]);
      if (t.length > MAX_CELL_CHARS) problem("cell_too_long", null, `${t.slice(0, 80)}…`, `a name cell holds ${t.length} characters`);
    }
    const names = unitNames(
      text(r.cells, pos.get("province")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("district")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("commune")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("unit_code")),
      options.province,
      section,
      figures === undefined,
    );
    const { province, district, commune, unitCode, identity } = names;
    if (!province) problem("missing_unit", "province", "", "has no province");
    else if (!district && !commune && !unitCode) problem("missing_unit", "commune", "", "names no commune or district");

    let period = options.period;
    const periodCell = text(r.cells, pos.get("period"));
    if (periodCell.trim()) {
      period = parsePeriod(periodCell);
      if (!period) problem("invalid_period", "period", periodCell, `period "${periodCell}" is not a period`);
    }

    let unitType: UnitType | null = null;
    const typeCell = text(r.cells, pos.get("unit_type"));
    if (typeCell.trim()) {
      unitType = parseUnitType(typeCell);
      if (!unitType) problem("invalid_unit_type", "unit_type", typeCell, `unit_type "${typeCell}" is not xã, phường, thị trấn or đặc khu`);
      const named = names.typeFromName;
      if (unitType && named && named !== unitType) {
        problem("unit_type_mismatch", "unit_type", typeCell, `unit_type "${typeCell}" contradicts the name "${commune}" (a ${named})`);
      }
    } else unitType = names.typeFromName;
    if (hasTallyColumns && tallyRefs.every((ref) => ref === undefined || isBlankCell(rawCell(r.cells, ref)))) {
      problem("no_figures", null, null, `"${commune ?? district ?? unitCode ?? ""}" reports no figure at all: every tally cell is blank`);
    }

    let certified: boolean | null = null;
    if (certifiedRef !== undefined) {
      const raw = text(r.cells, certifiedRef);
      const f = fold(raw);
      if (f === "") certified = marksOnly ? false : null;
      else if (TRUE_FLAGS.has(f) || MARKS.has(raw.trim())) certified = true;
      else if (FALSE_FLAGS.has(f)) certified = false;
      else problem("invalid_flag", "certified", raw, `certified "${raw}" is not có/không`);
    }
    if (commune && unitType && certifiedRef !== undefined) deriveCertification(values, unitType, certified);
    checkRates(table, r, values, origin, rowIssues);

    let invalid = false;
    if (rowIssues.length > 0) {
      out.issues.push(...rowIssues);
      invalid = rowIssues.some((i) => i.severity === "error");
    }
    return count({ origin, period, province, district, commune, unitType, unitCode, certified, values, identity, unitNo: names.unitNo, invalid, keys: names.keys });
  };

  // Every unit row, read in full or in the lane, ends here: added to its district's running
  // sums (found once per district name) and handed on.
  const districtSums = new Map<string, Sums>();
  // Units come district by district: the last district's sums are kept at hand.
  let lastDistrict: string | null = null;
  let lastSums = noDistrict;
  const count = (u: UnitRow): UnitRow => {
    if (u.district === lastDistrict) addSums(lastSums, u.values);
    else if (u.district) {
      let d = districtSums.get(u.district);
      if (!d) {
        const key = districtMatchKey(u.district);
        d = out.sums.byDistrict.get(key) ?? newSums();
        out.sums.byDistrict.set(key, d);
        districtSums.set(u.district, d);
      }
      addSums(d, u.values);
      lastDistrict = u.district;
      lastSums = d;
    } else addSums(noDistrict, u.values);
    onUnit(u);
    return u;
  };

  const lines = table.lines;
  if (lines === null || !laneFits(table)) {
    for (const r of table.rows) {
      out.rowsRead++;
      read(r);
    }
    return finish();
  }
  for (const r of table.sample) {
    out.rowsRead++;
    read(r);
  }
  // The same properties in the same order as read() gives them: one shape for every row.
  const laneOrigin = { file, sheet, row: 0, columns: pos };
  const laneRow: { -readonly [K in keyof UnitRow]: UnitRow[K] } = {
    origin: laneOrigin,
    period: null,
    province: "",
    district: null,
    commune: null,
    unitType: null,
    unitCode: null,
    certified: null,
    values: [],
    identity: "",
    unitNo: undefined,
    invalid: false,
    keys: undefined,
  };
  out.rowsRead += readLane(lines.records, lines.first, table, {
    slow: read,
    problems: () => out.issues.length,
    section: () => section,
    unit: (row, k, period, certified, values) => {
      if (certifiedRef !== undefined && k.commune && k.unitType) deriveCertification(values, k.unitType, certified);
      seenData = true;
      // One object for every row the lane reads, filled again: a row makes no garbage.
      laneOrigin.row = row;
      laneRow.period = period;
      laneRow.province = k.province;
      laneRow.district = k.district;
      laneRow.commune = k.commune;
      laneRow.unitType = k.unitType;
      laneRow.unitCode = k.unitCode;
      laneRow.certified = certified;
      laneRow.values = values;
      laneRow.identity = k.identity;
      laneRow.unitNo = k.unitNo;
      laneRow.keys = k.keys;
      count(laneRow);
    },
  });
  return finish();
}

/** A cell that holds (or tries to hold) a figure, as opposed to words such as a signature. */
function looksLikeFigure(c: Cell): boolean {
  if (typeof c === "number" || isCellError(c)) return true;
  const t = c.trim();
  return t !== "" && /^[-−+]?[\d.,\s\u00a0/%]+$/.test(t);
}

/** The text of a row that names it a total row ("Tổng cộng", "Cộng huyện Lạc Dương"), or null. */
function totalLabel(r: DataRow, textIndexes: readonly number[]): string | null {
  for (let k = 0; k < textIndexes.length; k++) {
    const c = r.cells[textIndexes[k]!];
    // Every total label starts with C or T (Cộng, Tổng, Toàn, Cả), never with Th or Ch
    // ("Thị trấn …", "Thành phố …"): others need no folding.
    if (typeof c !== "string" || c.length === 0 || c.length > 200 || !/^\s*[CcTt](?![Hh])/.test(c)) continue;
    const t = c.trim();
    if (TOTAL_LABEL.test(fold(t))) return cleanText(t);
  }
  return null;
}

/**
 * A row without figures that only names a district ("Huyện Lạc Dương", or any name numbered
 * I, II, III): the heading of the section of rows under it. Returns the district name, or null.
 */
function sectionHeading(r: DataRow, textIndexes: readonly number[], nameRef: ColumnRef | undefined): string | null {
  const texts = textIndexes.map((i) => cleanText(cellText(r.cells[i]))).filter((t) => t !== "");
  const distinct = [...new Set(texts)];
  if (distinct.length === 0 || distinct.length > 2) return null;
  const numeral = distinct.find((t) => ROMAN.test(fold(t)) || /^\d{1,3}\.?$/.test(t));
  const name = (nameRef ? cleanText(cellText(r.cells[nameRef.index])) : "") || distinct.find((t) => t !== numeral) || "";
  if (!name || name === numeral || name.length > 100 || unitTypeFromName(name) !== null) return null;
  if (distinct.length === 2 && !numeral) return null;
  const roman = numeral !== undefined && ROMAN.test(fold(numeral));
  return roman || DISTRICT_PREFIX.test(fold(name)) ? name : null;
}

/** A stated percentage ("Tỷ lệ (%)") against the ratio of the row's own parts. */
function checkRates(table: Table, r: DataRow, values: readonly number[], origin: Origin, into: Issue[]): void {
  for (const rate of table.rates) {
    const def = RATIOS.find((x) => x.name === rate.ratio)!;
    const num = values[TALLY_INDEX.get(def.numerator)!]!;
    const den = values[TALLY_INDEX.get(def.denominator)!]!;
    const raw = r.cells[rate.index];
    if (Number.isNaN(num) || Number.isNaN(den) || !den || raw === undefined || isBlankCell(raw)) continue;
    const stated = statedPercent(raw);
    if (stated === null) continue;
    const computed = (num / den) * 100;
    // Within rounding of what was written (86,1 covers 86,05..86,15), or a fraction (0.861).
    const tolerance = 0.5 * 10 ** -stated.decimals + 1e-9;
    if (Math.abs(stated.value - computed) <= tolerance || Math.abs(stated.value * 100 - computed) <= tolerance * 100) continue;
    const shown = cellText(raw);
    const cell = origin.sheet !== null ? `${columnLetter(rate.index)}${origin.row}` : null;
    into.push(
      issue(
        "rate_mismatch",
        { file: origin.file, sheet: origin.sheet, row: origin.row, column: rate.ratio, cell, value: shown },
        `${place(origin)}${cell ? ` ${cell}` : `:${origin.row}`} ${rate.ratio} stated as "${shown}" but ${def.numerator}/${def.denominator} = ${num}/${den} = ${computed.toFixed(2)}%`,
      ),
    );
  }
}

function statedPercent(raw: Cell): { value: number; decimals: number } | null {
  if (isCellError(raw)) return null;
  const t = (typeof raw === "number" ? String(raw) : raw).trim().replace(/%$/, "").trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  return { value: Number(t), decimals: t.split(".")[1]?.length ?? 0 };
}

const TYPE_COLUMNS: Record<UnitType, string> = {
  xã: "communes",
  phường: "wards",
  "thị trấn": "townships",
  "đặc khu": "special_zones",
};

/** The positions of each type's total and certified count, looked up once. */
const TYPE_INDEXES = Object.fromEntries(
  Object.entries(TYPE_COLUMNS).map(([type, col]) => [type, { total: TALLY_INDEX.get(`${col}_total`)!, certified: TALLY_INDEX.get(`${col}_certified`)! }]),
) as Record<UnitType, { total: number; certified: number }>;
const ALL_TYPE_INDEXES = Object.values(TYPE_INDEXES);

/**
 * A commune row's own certification feeds communes_*, wards_*, townships_* or special_zones_*:
 * 1 of its own type (certified 1 or 0) and 0 of the others, since a xã is zero phường. (Types
 * that no unit has are left out of reports: only non-zero derived figures make a column.)
 */
function deriveCertification(values: number[], type: UnitType, certified: boolean | null): void {
  const own = TYPE_INDEXES[type];
  if (!Number.isNaN(values[own.total]!) || !Number.isNaN(values[own.certified]!)) return;
  for (const t of ALL_TYPE_INDEXES) {
    if (t === own) {
      values[t.total] = 1;
      values[t.certified] = certified === null ? NaN : certified ? 1 : 0;
    } else {
      if (Number.isNaN(values[t.total]!)) values[t.total] = 0;
      if (Number.isNaN(values[t.certified]!)) values[t.certified] = 0;
    }
  }
}
