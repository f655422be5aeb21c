// Table -> unit rows. Each data row becomes a UnitRow (names cleaned to NFC, figures read,
// blank kept as not reported), a total row (kept aside for the totals check, never counted),
// or a skipped row with its reason: blank, a section heading (a district name above its
// communes, which gives them their district), or the signature block at the foot of a form.
// A cell that cannot be read as its column's type is a problem naming the place and raw value;
// every rule about what the figures, names and periods may be is a check (validate/).
//
// Two readings give the same unit rows: the full reading of a row (here), and the fast lane
// of a UTF-8 CSV (lane.ts), which remembers what the full reading gave for a unit's text cells
// and reads only the figures of later rows. The checks run on the rows either makes.

import { TALLIES } from "../domain/columns.js";
import { parsePeriod } from "../domain/period.js";
import { issue, type Issue, type IssueCode, type Text } from "../domain/problems.js";
import { fold, parseUnitType, type UnitType } from "../domain/text.js";
import { cellRef, locate, NOT_REPORTED, place, type Origin, type StatedRate, type TotalRow, type UnitRow, type SkipReason } from "../domain/unit-row.js";
import type { DataRow, Table } from "../detect/table.js";
import { cellText, isBlankCell } from "../read/sheet.js";
import { DECIMAL_HINTS, fileDecimalMark, looksLikeFigure, MAX_CELL_CHARS, parseCell, rawCell, text, WHAT } from "./cells.js";
import { deriveCertification, MARKS, readFlag } from "./certification.js";
import { FOOTER, sectionHeading, totalDistrict, totalLabel } from "./classify.js";
import { laneFits, readLane } from "./lane.js";
import type { NameBook } from "./names.js";
import type { DecimalMark } from "./number.js";

export interface NormalizeOptions {
  readonly province: string | null;
  /** --period, else the file name's period; a period column wins over both. */
  readonly period: string | null;
  readonly decimalMark: DecimalMark | null;
  /** A check refused the table (no province, say): its rows are skipped, none read. */
  readonly rejected?: boolean;
}

export interface Normalized {
  /** The decimal mark used for decimal cells: given, or revealed by the file; null if neither. */
  readonly decimalMark: DecimalMark | null;
  /** Data rows read (after the header). */
  rowsRead: number;
  /** Unit rows handed on (valid or not). */
  unitRows: number;
  readonly totals: TotalRow[];
  readonly skipped: { readonly row: number; readonly reason: SkipReason }[];
  /** Cells that could not be read, and other problems of reading (a quoted cell over many lines). */
  readonly issues: Issue[];
}

/**
 * Reads every row of a table once, in order, handing each unit row to `onUnit` as soon as it
 * is read (so a large file is never held in memory) and returning everything else. A unit
 * row is valid only during its call to onUnit, which may be handed the same object, filled
 * again, for the next row: a caller that keeps rows keeps copies (keepRow). A unit row's cell
 * problems are in `issues` (given, or made) when it is handed on: the caller may list its own
 * problems of the row after them.
 */
export function normalizeTable(table: Table, options: NormalizeOptions, names: NameBook, onUnit: (u: UnitRow) => void, issues: Issue[] = []): Normalized {
  const mark = options.decimalMark ?? fileDecimalMark(table);
  const out: Normalized = { decimalMark: mark, rowsRead: 0, unitRows: 0, totals: [], skipped: [], issues };
  for (const row of table.titleRows) out.skipped.push({ row, reason: "title" });
  for (const row of table.columnNumberRows) out.skipped.push({ row, reason: "column_numbers" });
  if (options.rejected || table.issues.some((i) => i.severity === "error")) {
    for (const r of table.rows) {
      out.rowsRead++;
      out.skipped.push({ row: r.row, reason: "file_rejected" });
    }
    return out;
  }
  const pos = table.positions;
  const { file, sheet } = table;
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
    let invalid = false;
    const problem = (code: IssueCode, column: string | null, value: string | null, message: Text, hint?: Text) => {
      const where = locate(origin, column);
      const found = issue(code, { file, sheet, row: r.row, column, cell: cellRef(origin, column), value }, { vi: `${where} ${message.vi}`, en: `${where} ${message.en}` }, hint);
      if (found.severity === "error") invalid = true;
      out.issues.push(found);
    };

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

    if (label !== null) {
      // A total row is never counted, so its unreadable cells are not errors: they are just
      // not compared.
      const values = figures ? figures.slice() : readFigures(r, () => {});
      out.totals.push({ origin, label, district: totalDistrict(label, text(r.cells, pos.get("district")).trim(), section), values });
      out.skipped.push({ row: r.row, reason: "total_row" });
      return null;
    }
    const values = figures ?? readFigures(r, problem);
    seenData = true;

    for (let k = 0; k < nameRefs.length; k++) {
      const t = text(r.cells, nameRefs[k]);
      if (t.length > MAX_CELL_CHARS) problem("cell_too_long", null, `${t.slice(0, 80)}…`, { vi: `một ô tên dài ${t.length} ký tự`, en: `a name cell holds ${t.length} characters` });
    }
    const n = names.names(
      text(r.cells, pos.get("province")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("district")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("commune")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("unit_code")),
      options.province,
      section,
      figures === undefined,
    );

    let period = options.period;
    const periodCell = text(r.cells, pos.get("period"));
    if (periodCell.trim()) {
      period = parsePeriod(periodCell);
      if (!period) problem("invalid_period", "period", periodCell, { vi: `period "${periodCell}" không phải là kỳ báo cáo`, en: `period "${periodCell}" is not a period` });
    }

    let unitType: UnitType | null = null;
    let typeText: string | null = null;
    const typeCell = text(r.cells, pos.get("unit_type"));
    if (typeCell.trim()) {
      typeText = typeCell;
      unitType = parseUnitType(typeCell);
      if (!unitType) problem("invalid_unit_type", "unit_type", typeCell, {
          vi: `unit_type "${typeCell}" không phải là xã, phường, thị trấn hay đặc khu`,
          en: `unit_type "${typeCell}" is not xã, phường, thị trấn or đặc khu`,
        });
    } else unitType = n.typeFromName;
    const blankFigures = hasTallyColumns && tallyRefs.every((ref) => ref === undefined || isBlankCell(rawCell(r.cells, ref)));

    let certified: boolean | null = null;
    if (certifiedRef !== undefined) {
      const raw = text(r.cells, certifiedRef);
      const flag = readFlag(raw, marksOnly);
      if (flag === undefined) problem("invalid_flag", "certified", raw, { vi: `certified "${raw}" không phải là có/không`, en: `certified "${raw}" is not có/không` });
      else certified = flag;
    }
    if (n.commune && unitType && certifiedRef !== undefined) deriveCertification(values, unitType, certified);
    let stated: StatedRate[] | undefined;
    for (const rate of table.rates) {
      const raw = r.cells[rate.index];
      if (raw !== undefined && !isBlankCell(raw)) (stated ??= []).push({ ratio: rate.ratio, index: rate.index, text: cellText(raw) });
    }
    return count({
      origin,
      period,
      province: n.province,
      district: n.district,
      commune: n.commune,
      unitType,
      typeText,
      unitCode: n.unitCode,
      certified,
      values,
      identity: n.identity,
      unitNo: n.unitNo,
      invalid,
      blankFigures,
      stated,
      keys: n.keys,
    });
  };

  /** The row's figures, each cell read as its column's type; a cell that cannot be is a problem. */
  const readFigures = (r: DataRow, problem: (code: IssueCode, column: string, value: string, message: Text, hint?: Text) => void): number[] => {
    const values = NOT_REPORTED.slice();
    for (let i = 0; i < TALLIES.length; i++) {
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
      const quoted = `${col.name} "${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"`;
      problem(
        parsed,
        col.name,
        shown.length > 80 ? `${shown.slice(0, 80)}…` : shown,
        { vi: `${quoted} ${WHAT[parsed].vi}`, en: `${quoted} ${WHAT[parsed].en}` },
        col.type === "decimal" ? DECIMAL_HINTS[parsed] : undefined,
      );
    }
    return values;
  };

  const count = (u: UnitRow): UnitRow => {
    out.unitRows++;
    onUnit(u);
    return u;
  };

  const finish = () => {
    for (const r of table.longRecords) {
      out.issues.push(
        issue("long_quoted_cell", { file, sheet, row: r.row }, {
          vi: `${place(table)}:${r.row} một ô trong ngoặc kép kéo dài từ dòng ${r.first} đến dòng ${r.last}: ${r.last - r.first + 1} dòng bị đọc thành một dòng`,
          en: `${place(table)}:${r.row} one quoted cell runs from line ${r.first} to line ${r.last}: ${r.last - r.first + 1} lines read as one row`,
        }),
      );
    }
    return out;
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
  // A unit's rows read in the lane share one object, made from the full reading of its first
  // row, with the same properties in the same order as read() gives them (one shape for every
  // row); each row sets only its number, period, flag and figures. A row lives only during its
  // call to onUnit.
  const laneOrigin = { file, sheet, row: 0, columns: pos };
  type Mutable = { -readonly [K in keyof UnitRow]: UnitRow[K] };
  out.rowsRead += readLane(lines.records, lines.first, table, {
    slow: read,
    problems: () => out.issues.length,
    section: () => section,
    remember: (u): UnitRow => ({
      origin: laneOrigin,
      period: null,
      province: u.province,
      district: u.district,
      commune: u.commune,
      unitType: u.unitType,
      typeText: u.typeText,
      unitCode: u.unitCode,
      certified: null,
      values: [],
      identity: u.identity,
      unitNo: u.unitNo,
      invalid: false,
      blankFigures: false,
      stated: undefined,
      keys: u.keys,
    }),
    unit: (row, k, period, certified, values) => {
      if (certifiedRef !== undefined && k.commune && k.unitType) deriveCertification(values, k.unitType, certified);
      seenData = true;
      laneOrigin.row = row;
      const u = k as Mutable;
      u.period = period;
      u.certified = certified;
      u.values = values;
      count(u);
    },
  });
  return finish();
}
