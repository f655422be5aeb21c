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

import { dictionary } from "../domain/dictionary.js";
import { parsePeriod } from "../domain/period.js";
import { issue, type Issue, type IssueCode, type Text } from "../domain/problems.js";
import { cleanText, fold, parseUnitType, type UnitType } from "../domain/text.js";
import { cellRef, locate, notReported, place, type Origin, type StatedRate, type TotalRow, type UnitRow, type SkipReason } from "../domain/unit-row.js";
import type { DataRow, Table } from "../detect/table.js";
import { cellText, isBlankCell } from "../read/sheet.js";
import { DECIMAL_HINTS, fileDecimalMark, looksLikeFigure, MAX_CELL_CHARS, parseCell, rawCell, text, WHAT } from "./cells.js";
import { deriveCertification, MARKS, readFlag } from "./certification.js";
import { districtMatchKey, FOOTER, isDistrictType, mayNameTotal, namedTotal, sectionHeading, totalDistrict, totalLabel } from "./classify.js";
import { laneFits, readLane, type LaneHooks } from "./lane.js";
import type { NameBook } from "./names.js";
import type { DecimalMark } from "./number.js";

export interface NormalizeOptions {
  readonly province: string | null;
  /** --period, else the file name's period; a period column wins over both. */
  readonly period: string | null;
  readonly decimalMark: DecimalMark | null;
  /** A check refused the table (no province, say): its rows are skipped, none read. */
  readonly rejected?: boolean;
  /** Worker threads (pipeline/threads.ts): this table's records are read in chunks. */
  readonly chunk?: ChunkRole;
}

/**
 * How a table read in chunks is read here. "worker": only the records of one chunk (the table's
 * records already moved to it), from row `first`, with the state a table has after unit rows
 * and nothing else (no section, no row waiting); `clean` tells whether the chunk kept to that.
 * "main": the table's records stop at each chunk's start; `split` is asked there whether the
 * state is that one (`fresh`), and takes the chunk read by a worker, or not (the rows are then
 * read here as always).
 */
export type ChunkRole =
  | { readonly kind: "worker"; readonly first: number }
  | { readonly kind: "main"; readonly split: (at: { readonly fresh: boolean; readonly row: number }) => AdoptedChunk | null };

/** What a chunk read by a worker adds to its table's reading. */
export interface AdoptedChunk {
  readonly rowsRead: number;
  readonly unitRows: number;
  /** The district of its last unit row. */
  readonly lastDistrict: string | null;
}

/** A worker's chunk: whether it was read as the whole table would have read it there, and its last unit row's district. */
export interface ChunkEnd {
  readonly clean: boolean;
  readonly lastDistrict: string | null;
}

/**
 * Why a skipped row is not counted, finer than its SkipReason (for `tdbv inspect`): a total
 * over the table, a section's subtotal found by its label or by its sum, a district's total
 * among its communes; or the row that looked like one and did not add up (a problem).
 */
export type RowHow = "grand_total" | "subtotal_label" | "subtotal_sum" | "district_total" | "unclear_subtotal" | "unclear_district_row";

export interface Normalized {
  /** The decimal mark used for decimal cells: given, or revealed by the file; null if neither. */
  readonly decimalMark: DecimalMark | null;
  /** Data rows read (after the header). */
  rowsRead: number;
  /** Unit rows handed on (valid or not). */
  unitRows: number;
  readonly totals: TotalRow[];
  readonly skipped: { readonly row: number; readonly reason: SkipReason; readonly how?: RowHow }[];
  /** Cells that could not be read, and other problems of reading (a quoted cell over many lines). */
  readonly issues: Issue[];
  /** A worker's chunk (options.chunk): see ChunkEnd. */
  chunkEnd?: ChunkEnd;
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
  const TALLIES = dictionary().tallies;
  const mark = options.decimalMark ?? fileDecimalMark(table);
  const out: Normalized = { decimalMark: mark, rowsRead: 0, unitRows: 0, totals: [], skipped: [], issues };
  const chunk = options.chunk ?? null;
  const worker = chunk?.kind === "worker";
  if (!worker) for (const row of table.titleRows) out.skipped.push({ row, reason: "title" });
  if (!worker) for (const row of table.columnNumberRows) out.skipped.push({ row, reason: "column_numbers" });
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
  let seenData = worker;
  /** A worker's chunk: a row before its first unit row might have named the total of the district in force before the chunk. */
  let namedRisk = false;

  // Subtotals without a label. In a numbered form (an STT column), a row without a number at
  // the end of a section, whose figures are the sum of the section's unit rows, is its
  // subtotal. Such a row waits (`pending`) until the next row says whether the section ends
  // there. The section's unit rows are summed as they come (`group`): a section starts at a
  // heading, after a total, or where the district of the unit rows changes.
  const sttIndex = numberColumn(table);
  const group = { key: null as string | null, name: null as string | null, units: 0, numbered: true, sum: new Float64Array(TALLIES.length), reported: new Int32Array(TALLIES.length) };
  /**
   * A section heading that carries figures ("I | THÀNH PHỐ ĐỒNG HỚI | 24 | 22 …", without a
   * district column): its district's total when they are the sum of the section's unit rows,
   * decided where the section ends (the group is reset).
   */
  let headingTotal: { readonly r: DataRow; readonly values: number[]; readonly name: string; readonly before: string | null } | null = null;
  const resolveHeading = () => {
    const h = headingTotal;
    if (h === null) return;
    headingTotal = null;
    if (group.units === 0) {
      // No unit rows under it: a unit named like a district (a file of districts), read as
      // before, and its section undone.
      section = h.before;
      read(h.r, undefined, true);
      return;
    }
    const d = differs(h.values, group);
    if (d === null) {
      out.totals.push({ origin: { file, sheet, row: h.r.row, columns: pos }, label: h.name, district: districtMatchKey(h.name), values: h.values });
      out.skipped.push({ row: h.r.row, reason: "total_row", how: "district_total" });
      return;
    }
    const [column, stated, sum] = d === "nothing" ? ["", NaN, 0] : [d.column, d.stated, d.sum];
    skipAsProblem(
      h.r,
      "unclear_district_row",
      column,
      stated,
      {
        vi: `dòng đề mục "${h.name}" có số liệu khác tổng ${group.units} dòng của mục${column ? ` (${column} ${stated}, tổng ${Math.round(sum * 1e6) / 1e6})` : ""}: là dòng tổng sai của huyện hay số liệu của chính cấp huyện? Dòng này không được tính.`,
        en: `the heading row "${h.name}" has figures other than the sum of the section's ${group.units} rows${column ? ` (${column} ${stated}, sum ${Math.round(sum * 1e6) / 1e6})` : ""}: a wrong district total, or the district's own figures? This row is not counted.`,
      },
    );
  };
  const resetGroup = (key: string | null, name: string | null) => {
    resolveHeading();
    group.key = key;
    group.name = name;
    group.units = 0;
    group.numbered = true;
    group.sum.fill(0);
    group.reported.fill(0);
  };
  let lastDistrict: string | null = null;
  let lastKey: string | null = null;
  /** Whether the row being read has a number in its STT column (the full reading sets it). */
  let rowNumbered = true;
  let pending: { readonly r: DataRow; readonly values: number[] } | null = null;

  // A district's row among its communes (district filled, commune blank): its total when its
  // figures are the sum of its communes, which may come after it, so it waits for the table's
  // end. Only when the file has commune rows (a file of districts alone is read as it is).
  const communeRef = pos.get("commune");
  const districtRef = pos.get("district");
  const typeRef = pos.get("unit_type");
  const districtRows =
    communeRef !== undefined &&
    districtRef !== undefined &&
    table.sample.some((r) => text(r.cells, communeRef).trim() !== "" && tallyRefs.some((ref) => ref !== undefined && looksLikeFigure(rawCell(r.cells, ref))));
  const communeSums = new Map<string, { units: number; sum: Float64Array; reported: Int32Array }>();
  // Communes are summed per district only once the file shows a district row (in its first
  // rows, or when one comes): a national export of a million rows has none, and summing every
  // row by district and period cost it a second and 100 MB. A district row met after its
  // communes went unsummed cannot be checked, and is a problem rather than a unit.
  let sumCommunes = districtRows && table.sample.some((r) => text(r.cells, communeRef).trim() === "" && text(r.cells, districtRef).trim() !== "" && tallyRefs.some((ref) => ref !== undefined && looksLikeFigure(rawCell(r.cells, ref))));
  const pendingDistricts: { r: DataRow; values: number[]; key: string; district: string; section: string | null; late: boolean }[] = [];

  /** The first figure of `values` that differs from the sums, or null when every figure read equals its sum (and one at least was compared). */
  const differs = (values: readonly number[], sums: { sum: Float64Array; reported: Int32Array }): { column: string; stated: number; sum: number } | null | "nothing" => {
    let compared = 0;
    for (let i = 0; i < TALLIES.length; i++) {
      const v = values[i]!;
      if (tallyRefs[i] === undefined || Number.isNaN(v)) continue;
      const sum = sums.sum[i]!;
      if (Math.abs(sum - v) > 1e-9 * Math.max(1, Math.abs(sum))) return { column: TALLIES[i]!.name, stated: v, sum };
      if (sums.reported[i]! > 0) compared++;
    }
    return compared > 0 ? null : "nothing";
  };

  const skipAsProblem = (r: DataRow, how: "unclear_subtotal" | "unclear_district_row", column: string, value: number, message: Text) => {
    const origin: Origin = { file, sheet, row: r.row, columns: pos };
    const where = locate(origin, column);
    out.issues.push(issue(how, { file, sheet, row: r.row, column, cell: cellRef(origin, column), value: String(value) }, { vi: `${where} ${message.vi}`, en: `${where} ${message.en}` }));
    out.skipped.push({ row: r.row, reason: "invalid", how });
  };

  /** Decides the row without a number that waits: the section's subtotal, a problem, or (not at the section's end) a unit. */
  const resolvePending = (atEnd: boolean) => {
    const p = pending;
    if (p === null) return;
    pending = null;
    if (!atEnd) {
      read(p.r, undefined, true);
      return;
    }
    const d = differs(p.values, group);
    if (d === null) {
      out.totals.push({ origin: { file, sheet, row: p.r.row, columns: pos }, label: `(${group.name ?? ""})`, district: group.key, values: p.values });
      out.skipped.push({ row: p.r.row, reason: "total_row", how: "subtotal_sum" });
    } else {
      const [column, stated, sum] = d === "nothing" ? ["", NaN, NaN] : [d.column, d.stated, d.sum];
      skipAsProblem(
        p.r,
        "unclear_subtotal",
        column,
        stated,
        {
          vi: `dòng không có số thứ tự ở cuối mục${group.name ? ` "${group.name}"` : ""} có số liệu khác tổng ${group.units} dòng của mục (${column} ${stated}, tổng ${Math.round(sum * 1e6) / 1e6}): là xã, phường thiếu số thứ tự hay dòng cộng sai? Dòng này không được tính.`,
          en: `the row without a number at the end of the section${group.name ? ` "${group.name}"` : ""} has figures other than the sum of the section's ${group.units} rows (${column} ${stated}, sum ${Math.round(sum * 1e6) / 1e6}): a commune missing its number, or a wrong subtotal? This row is not counted.`,
        },
      );
    }
    resetGroup(null, null);
  };

  /** Decides each district row that waited: the district's total, a problem, or (no commune of the district in the file) a unit. */
  const resolveDistricts = () => {
    for (const d of pendingDistricts) {
      const sums = communeSums.get(d.key);
      if (d.late && (sums === undefined || differs(d.values, sums) !== null)) {
        // Its communes before it were not summed: it cannot be told from a total.
        const first = d.values.findIndex((v) => !Number.isNaN(v));
        skipAsProblem(
          d.r,
          "unclear_district_row",
          first >= 0 ? TALLIES[first]!.name : "district",
          first >= 0 ? d.values[first]! : NaN,
          {
            vi: `dòng của huyện "${d.district}" không ghi xã, ở giữa tệp có các xã, không đối chiếu được với tổng các xã của huyện: là dòng tổng hay số liệu của chính cấp huyện? Dòng này không được tính; nếu là đơn vị cấp huyện, ghi "huyện" ở cột Loại đơn vị.`,
            en: `the row of the district "${d.district}" names no commune and stands in the middle of a file of communes, so it cannot be checked against the sum of its communes: a total, or the district's own figures? This row is not counted; if it is a district-level unit, write "huyện" in the unit type column.`,
          },
        );
        continue;
      }
      if (sums === undefined) {
        const before = section;
        section = d.section;
        read(d.r, undefined, true);
        section = before;
        continue;
      }
      const diff = differs(d.values, sums);
      if (diff === null) {
        out.totals.push({ origin: { file, sheet, row: d.r.row, columns: pos }, label: d.district, district: districtMatchKey(d.district), values: d.values });
        out.skipped.push({ row: d.r.row, reason: "total_row", how: "district_total" });
      } else {
        const [column, stated, sum] = diff === "nothing" ? ["", NaN, NaN] : [diff.column, diff.stated, diff.sum];
        skipAsProblem(
          d.r,
          "unclear_district_row",
          column,
          stated,
          {
            vi: `dòng của huyện "${d.district}" không ghi xã, nằm giữa các xã của huyện, nhưng số liệu khác tổng ${sums.units} xã (${column} ${stated}, tổng ${Math.round(sum * 1e6) / 1e6}): là dòng tổng sai hay số liệu của chính cấp huyện? Dòng này không được tính; nếu là đơn vị cấp huyện, ghi "huyện" ở cột Loại đơn vị.`,
            en: `the row of the district "${d.district}" names no commune and stands among its communes, but its figures differ from the sum of its ${sums.units} communes (${column} ${stated}, sum ${Math.round(sum * 1e6) / 1e6}): a wrong total, or the district's own figures? This row is not counted; if it is a district-level unit, write "huyện" in the unit type column.`,
          },
        );
      }
    }
    pendingDistricts.length = 0;
  };

  /**
   * The full reading of one row: returns the unit row it made, or null for any other row.
   * `figures`: the row's figures as the fast lane read them (it takes only cells that read
   * without a problem, and reads them as parseCell does), so they are not parsed again. The
   * array is the lane's, and becomes the unit row's: a unit row lives only during its call.
   */
  const read = (r: DataRow, figures?: number[], decided = false): UnitRow | null => {
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
      resolvePending(true);
      inFooter = true;
      out.skipped.push({ row: r.row, reason: "footer" });
      return null;
    }
    let label = totalLabel(r, textIndexes);
    let named: string | null = null;
    if (worker && lastDistrict === null && label === null && !namedRisk) namedRisk = mayNameTotal(r, textIndexes);
    if (label === null) {
      const sectionKey = section === null ? null : districtMatchKey(section);
      const t = namedTotal(r, textIndexes, [sectionKey, group.key]);
      if (t !== null) [label, named] = [t.label, t.district];
    }
    if (label === null && (!hasFigures || (!decided && districtRef === undefined))) {
      const heading = sectionHeading(r, textIndexes, nameRef);
      if (heading !== null) {
        resolvePending(true);
        resolveHeading();
        const before = section;
        section = heading;
        resetGroup(districtMatchKey(heading), heading);
        if (hasFigures) headingTotal = { r, values: figures ? figures.slice() : readFigures(r, () => {}), name: heading, before };
        else out.skipped.push({ row: r.row, reason: "section" });
        return null;
      }
    }

    if (label !== null) {
      resolvePending(true);
      // A total row is never counted, so its unreadable cells are not errors: they are just
      // not compared.
      const values = figures ? figures.slice() : readFigures(r, () => {});
      const district = named ?? totalDistrict(label, text(r.cells, pos.get("district")).trim(), section);
      out.totals.push({ origin, label, district, values });
      out.skipped.push({ row: r.row, reason: "total_row", how: district === null ? "grand_total" : "subtotal_label" });
      resetGroup(null, null);
      return null;
    }

    if (!decided && districtRows && hasFigures && text(r.cells, communeRef).trim() === "" && text(r.cells, pos.get("unit_code")).trim() === "") {
      const district = cleanText(text(r.cells, districtRef));
      if (district !== "" && !isDistrictType(text(r.cells, typeRef))) {
        resolvePending(true);
        const periodCell = text(r.cells, pos.get("period"));
        const period = periodCell.trim() ? parsePeriod(periodCell) : options.period;
        const values = figures ? figures.slice() : readFigures(r, () => {});
        pendingDistricts.push({ r, values, key: `${districtMatchKey(district)}\u0000${period ?? ""}`, district, section, late: !sumCommunes });
        sumCommunes = true;
        return null;
      }
    }
    const unnumbered = sttIndex >= 0 && isBlankCell(r.cells[sttIndex]);
    if (!decided && unnumbered && hasFigures && group.units > 0 && group.numbered) {
      resolvePending(false);
      pending = { r, values: figures ? figures.slice() : readFigures(r, () => {}) };
      return null;
    }
    rowNumbered = !unnumbered;
    const values = figures ?? readFigures(r, problem);
    seenData = true;

    for (let k = 0; k < nameRefs.length; k++) {
      const t = text(r.cells, nameRefs[k]);
      if (t.length > MAX_CELL_CHARS) problem("cell_too_long", null, `${t.slice(0, 80)}…`, { vi: `một ô tên dài ${t.length} ký tự`, en: `a name cell holds ${t.length} characters` });
    }
    let period = options.period;
    const periodCell = text(r.cells, pos.get("period"));
    if (periodCell.trim()) {
      period = parsePeriod(periodCell);
      if (!period) problem("invalid_period", "period", periodCell, { vi: `period "${periodCell}" không phải là kỳ báo cáo`, en: `period "${periodCell}" is not a period` });
    }

    const n = names.names(
      text(r.cells, pos.get("province")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("district")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("commune")).slice(0, MAX_CELL_CHARS),
      text(r.cells, pos.get("unit_code")),
      options.province,
      section,
      figures === undefined,
      period,
    );

    let unitType: UnitType | null = null;
    let typeText: string | null = null;
    const typeCell = text(r.cells, pos.get("unit_type"));
    if (typeCell.trim()) {
      typeText = typeCell;
      unitType = parseUnitType(typeCell);
      // A district-level unit, said so: "huyện" in the unit_type column of a row without a commune.
      if (!unitType && !n.commune && isDistrictType(typeCell)) unitType = null;
      else if (!unitType) {
        problem("invalid_unit_type", "unit_type", typeCell, {
          vi: `unit_type "${typeCell}" không phải là xã, phường, thị trấn hay đặc khu`,
          en: `unit_type "${typeCell}" is not xã, phường, thị trấn or đặc khu`,
        });
      }
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
      resolved: n.resolved,
    });
  };

  /** The row's figures, each cell read as its column's type; a cell that cannot be is a problem. */
  const readFigures = (r: DataRow, problem: (code: IssueCode, column: string, value: string, message: Text, hint?: Text) => void): number[] => {
    const values = notReported();
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
    // The district of the row (its section's, without a district column): where a section ends.
    if (u.district !== lastDistrict) {
      lastDistrict = u.district;
      lastKey = u.district ? districtMatchKey(u.district) : null;
    }
    const key = lastKey;
    const numbered = rowNumbered;
    rowNumbered = true;
    // The row waiting is read first (as a unit, when the section goes on).
    if (pending !== null) resolvePending(key !== group.key);
    if (key !== group.key) resetGroup(key, u.district);
    if (sttIndex >= 0 || headingTotal !== null) {
      group.units++;
      group.numbered &&= numbered;
      addTo(group, u.values);
    }
    if (sumCommunes && u.commune && key !== null) {
      const key2 = `${key}\u0000${u.period ?? ""}`;
      let sums = communeSums.get(key2);
      if (sums === undefined) communeSums.set(key2, (sums = { units: 0, sum: new Float64Array(TALLIES.length), reported: new Int32Array(TALLIES.length) }));
      sums.units++;
      addTo(sums, u.values);
    }
    out.unitRows++;
    onUnit(u);
    return u;
  };

  const finish = () => {
    resolvePending(true);
    resolveHeading();
    resolveDistricts();
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
  // A numbered form is read in full: its rows without a number are told apart by their cells.
  if (worker && (lines === null || !chunkable(table))) {
    out.chunkEnd = { clean: false, lastDistrict: null };
    return out;
  }
  if (lines === null || !laneFits(table) || sttIndex >= 0) {
    for (const r of table.rows) {
      out.rowsRead++;
      read(r);
    }
    return finish();
  }
  if (!worker) {
    for (const r of table.sample) {
      out.rowsRead++;
      read(r);
    }
  }
  // A unit's rows read in the lane share one object, made from the full reading of its first
  // row, with the same properties in the same order as read() gives them (one shape for every
  // row); each row sets only its number, period, flag and figures. A row lives only during its
  // call to onUnit.
  const laneOrigin = { file, sheet, row: 0, columns: pos };
  type Mutable = { -readonly [K in keyof UnitRow]: UnitRow[K] };
  const hooks: LaneHooks = {
    slow: read,
    problems: () => out.issues.length,
    section: () => section,
    era: names.directory.breaks.length > 0 ? (period) => names.directory.eraOf(period) : undefined,
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
      resolved: u.resolved,
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
  };
  if (worker) {
    const long = table.longRecords.length;
    out.rowsRead += readLane(lines.records, chunk.first, table, hooks);
    const clean =
      out.skipped.length === 0 && out.totals.length === 0 && section === null && pending === null && headingTotal === null && !inFooter && !sumCommunes && pendingDistricts.length === 0 && !namedRisk && table.longRecords.length === long;
    out.chunkEnd = { clean, lastDistrict };
    return out;
  }
  let first = lines.first;
  for (;;) {
    const n = readLane(lines.records, first, table, hooks);
    out.rowsRead += n;
    first += n;
    if (chunk?.kind !== "main" || lines.records.stop === Infinity) break;
    const fresh = section === null && pending === null && headingTotal === null && !inFooter && seenData && !sumCommunes && pendingDistricts.length === 0;
    const adopted = chunk.split({ fresh, row: first });
    if (adopted === null) continue;
    out.rowsRead += adopted.rowsRead;
    out.unitRows += adopted.unitRows;
    first += adopted.rowsRead;
    // As count() leaves it after the chunk's last unit row.
    if (adopted.lastDistrict !== lastDistrict) {
      lastDistrict = adopted.lastDistrict;
      lastKey = lastDistrict ? districtMatchKey(lastDistrict) : null;
    }
    if (lastKey !== group.key) resetGroup(lastKey, lastDistrict);
  }
  return finish();
}

/** Whether a table can be read in chunks by worker threads: a UTF-8 CSV read by the fast lane. */
export function chunkable(table: Table): boolean {
  return table.lines !== null && table.lines.records.seekable && laneFits(table) && numberColumn(table) < 0 && !table.issues.some((i) => i.severity === "error");
}

/** Adds a row's figures to running sums (blank figures apart). */
function addTo(s: { units?: number; sum: Float64Array; reported: Int32Array }, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) {
      s.sum[i]! += v;
      s.reported[i]!++;
    }
  }
}

const NUMBER_HEADERS = new Set(["stt", "tt", "so tt", "so thu tu"]);

/** The 0-based index of the form's row-number column (STT), or -1. */
export function numberColumn(table: Table): number {
  const c = table.columns.find((col) => col.match.status === "ignored" && NUMBER_HEADERS.has(fold(col.header.split(" - ")[0]!)));
  return c === undefined ? -1 : c.index;
}
