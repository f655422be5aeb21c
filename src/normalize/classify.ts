// What a row of a report form is, when it is not a unit row: a total row ("Tổng cộng",
// "Cộng huyện Lạc Dương"), the heading of a district's section ("Huyện Lạc Dương", "II. …"),
// or the signature block at the foot of the form. Decided from the row's text cells alone.

import { cleanText, fold, unitTypeFromName } from "../domain/text.js";
import type { ColumnRef } from "../domain/unit-row.js";
import type { DataRow } from "../detect/table.js";
import { cellText } from "../read/sheet.js";

/** The words a district's name starts with, folded: Huyện, Quận, Thị xã, Thành phố, TP., TX. */
const DISTRICT_WORDS = "huyen|quan|thi xa|thanh pho|tp|tx";
const TOTAL_LABEL = new RegExp(`^(tong cong|cong|tong|tong so|toan tinh|toan thanh pho|ca tinh|cong toan tinh|(tong cong|cong so|cong|tong) (${DISTRICT_WORDS}) .+)$`);
/** "Cộng huyện X", "Tổng huyện X", "Cộng TX X": the total of one district, named with its word. */
export const DISTRICT_TOTAL = new RegExp(`^(?:tong cong|cong so|cong|tong) (?:${DISTRICT_WORDS}) `);
/** "Cộng Đồng Hới", "Tổng Lệ Thủy": a total naming a district without its word (only taken when it names the section's district). */
const NAMED_TOTAL = /^(?:tong cong|cong so|cong|tong) (.+)$/;
const DISTRICT_PREFIX = new RegExp(`^(${DISTRICT_WORDS}|h|q)\\.? `);
const ROMAN = /^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
export const FOOTER = /^(nguoi lap( bieu)?|thu truong( don vi)?|noi nhan|ky ghi ro ho ten|ky ten|ky dong dau|xac nhan|lanh dao|truong (phong|ban|cong an)|giam doc|chi huy truong|pho (giam doc|truong)|tm |kt |ghi chu|.*\bngay\b.*\bthang\b.*\bnam\b.*)/;

/** A district's name without its "Huyện"/"TP." prefix, folded: to match "Cộng huyện X". */
export function districtMatchKey(name: string): string {
  return fold(name).replace(DISTRICT_PREFIX, "");
}

/** The text of a row that names it a total row ("Tổng cộng", "Cộng huyện Lạc Dương"), or null. */
export function totalLabel(r: DataRow, textIndexes: readonly number[]): string | null {
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

/** The district a total row covers (folded, without its prefix), or null for the whole file. */
export function totalDistrict(label: string, districtCell: string, section: string | null): string | null {
  const f = fold(label);
  const named = DISTRICT_TOTAL.test(f) ? districtMatchKey(f.replace(/^(?:tong cong|cong so|cong|tong) /, "")) : null;
  return named ?? (districtCell ? districtMatchKey(districtCell) : f === "cong" && section ? districtMatchKey(section) : null);
}

/**
 * A row labelled "Cộng" or "Tổng" followed by a district's name without its word ("Cộng Đồng
 * Hới"): a total when that name is one of `districts` (keys of districtMatchKey: the section's
 * district, the district of the rows above). A commune may be called "Cộng Hòa", so the name
 * must be the district's. Returns the label and the district's key, or null.
 */
export function namedTotal(r: DataRow, textIndexes: readonly number[], districts: readonly (string | null)[]): { label: string; district: string } | null {
  if (districts.every((d) => d === null)) return null;
  for (let k = 0; k < textIndexes.length; k++) {
    const c = r.cells[textIndexes[k]!];
    if (typeof c !== "string" || c.length === 0 || c.length > 200 || !/^\s*[CcTt](?![Hh])/.test(c)) continue;
    const m = NAMED_TOTAL.exec(fold(c));
    if (!m) continue;
    const key = districtMatchKey(m[1]!);
    if (key !== "" && districts.includes(key)) return { label: cleanText(c), district: key };
  }
  return null;
}

/** Whether a text cell of the row could name some district's total ("Cộng huyện …"), whatever the districts in force. */
export function mayNameTotal(r: DataRow, textIndexes: readonly number[]): boolean {
  for (let k = 0; k < textIndexes.length; k++) {
    const c = r.cells[textIndexes[k]!];
    if (typeof c === "string" && c.length > 0 && c.length <= 200 && /^\s*[CcTt](?![Hh])/.test(c) && NAMED_TOTAL.test(fold(c))) return true;
  }
  return false;
}

/** A unit_type cell naming a district-level unit ("huyện", "quận", "thị xã", "thành phố", "cấp huyện"). */
export function isDistrictType(cell: string): boolean {
  return /^(?:cap )?(huyen|quan|thi xa|thanh pho|tp|tx)$/.test(fold(cell));
}

/**
 * A row without figures that only names a district ("Huyện Lạc Dương", or any name numbered
 * I, II, III): the heading of the section of rows under it. Returns the district name, or null.
 */
export function sectionHeading(r: DataRow, textIndexes: readonly number[], nameRef: ColumnRef | undefined): string | null {
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
