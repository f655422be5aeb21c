// --units-as-of DATE: the units a report is expressed in. From 1 July 2025 on, rows of the old
// units are re-expressed in the new ones (aggregate/reorganise.ts); before it, the report keeps
// the old units, which only data of before the change can be. Without the option, a run whose
// periods lie on both sides of 1 July 2025 uses the later units.

import { afterReform, beforeReform, REFORM_DATE, straddles } from "../domain/reform.js";
import { usageError } from "../errors.js";

/** The date the report's units are those of, or null for the units as the rows name them. */
export function unitsAsOf(option: string | null, periods: readonly string[]): string | null {
  if (option === null) return straddles(periods) ? REFORM_DATE : null;
  if (option >= REFORM_DATE) return periods.some((p) => !afterReform(p)) ? option : null;
  const late = periods.find((p) => !beforeReform(p));
  if (late) {
    throw usageError(
      {
        vi: `--units-as-of ${option}: số liệu có dòng của kỳ ${late}, sau ngày 1/7/2025, mà đơn vị của các dòng này không thể quy về đơn vị trước ngày đó (một xã mới được lập từ nhiều xã cũ)`,
        en: `--units-as-of ${option}: the data has rows of ${late}, after 1 July 2025, whose units cannot be expressed in the units of before it (a new commune was formed from several old ones)`,
      },
      {
        vi: "Dùng --units-as-of 2025-07-01 (mặc định khi số liệu nằm ở cả hai phía của ngày thay đổi), hoặc bỏ các kỳ sau ngày đó.",
        en: "Use --units-as-of 2025-07-01 (the default across the change), or leave out the later periods.",
      },
    );
  }
  return null;
}
