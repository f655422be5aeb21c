// A commune row's own certification ("An toàn về ANTT": có/không, or a mark) feeds the
// certification counts of its type: communes_*, wards_*, townships_* or special_zones_*.

import type { UnitType } from "../domain/text.js";
import { fold } from "../domain/text.js";
import { TALLY_INDEX } from "../domain/unit-row.js";

const TRUE_FLAGS = new Set(["co", "x", "v", "1", "yes", "y", "true", "dat", "da dat", "dat chuan"]);
const FALSE_FLAGS = new Set(["khong", "0", "no", "n", "false", "khong dat", "chua dat", "chua"]);
const MARK_SET = new Set(["x", "X", "v", "V", "✓", "✔", "☑", "√", "🗸", "✅"]);

/**
 * Whether a cell is a mark: one of MARK_SET, spaces (any, NBSP too) and the emoji variation
 * selector ("✔️") aside. The check marks fold to "" (fold keeps letters and digits only), so
 * they are looked at before the cell is taken for blank.
 */
export const MARKS = { has: (text: string): boolean => MARK_SET.has(text.replace(/[\s\u00a0\ufe0e\ufe0f]+/g, "")) };

/**
 * A certified cell: true, false, null (blank: not reported, or "not certified" in a column of
 * marks), or undefined when it reads as none of these.
 */
export function readFlag(raw: string, marksOnly: boolean): boolean | null | undefined {
  if (MARKS.has(raw)) return true;
  const f = fold(raw);
  if (f === "") return marksOnly ? false : null;
  if (TRUE_FLAGS.has(f)) return true;
  if (FALSE_FLAGS.has(f)) return false;
  return undefined;
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
 * 1 of its own type (certified 1 or 0) and 0 of the others, since a xã is zero phường. (Types
 * that no unit has are left out of reports: only non-zero derived figures make a column.)
 */
export function deriveCertification(values: number[], type: UnitType, certified: boolean | null): void {
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
