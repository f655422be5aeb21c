// The day of the 2025 reorganisation (Nghị quyết 202/2025/QH15 and the communes' resolutions):
// periods before it are of the old units (63 provinces, districts), periods from it of the new
// (34 provinces, no districts). Small, for the stages that only need to know which side a period is on.

import { periodEnd, periodStart } from "./period.js";

/** The day the new units took effect. */
export const REFORM_DATE = "2025-07-01";

/** The first month of the new units. */
export const REFORM_MONTH = REFORM_DATE.slice(0, 7);

/** Whether a period ends before 1 July 2025 (its units are the old ones). */
export const beforeReform = (period: string) => periodEnd(period) < REFORM_MONTH;
/** Whether a period begins on or after 1 July 2025. */
export const afterReform = (period: string) => periodStart(period) >= REFORM_MONTH;

/** Whether the periods of a run lie on both sides of 1 July 2025: some end before it, some not (a year 2025 counts as after). */
export function straddles(periods: Iterable<string | null>): boolean {
  let before = false;
  let after = false;
  for (const p of periods) {
    if (p === null) continue;
    if (!beforeReform(p)) after = true;
    if (beforeReform(p)) before = true;
    if (before && after) return true;
  }
  return false;
}

