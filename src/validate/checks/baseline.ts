// --baseline: figures compared with the same unit's in an earlier period. A tally that grew or
// shrank by more than a factor (with a floor on the absolute change, so 1 -> 4 is no alarm),
// and a certified count above the total the unit reported before, are flagged for a person
// to check. The baseline's latest row of each unit is used.

import { TALLIES } from "../../domain/columns.js";
import { dictionary } from "../../domain/dictionary.js";
import { issue, type Issue } from "../../domain/problems.js";
import { cellAt, locate, TALLY_INDEX, type UnitRow } from "../../domain/unit-row.js";
import type { Check } from "../check.js";

export interface BaselineOptions {
  /** Flag a change by more than this factor either way (default 3). */
  readonly factor: number;
  /** Ignore changes smaller than this in absolute terms (default 10). */
  readonly minChange: number;
}

/** Built-in columns only: a configured indicator has no known total to exceed. */
const CERTIFIED = TALLIES.filter((c) => c.name.endsWith("_certified")).map((c) => [c.name, c.name.replace(/_certified$/, "_total")] as const);

export class Baseline {
  private readonly before = new Map<string, UnitRow>();

  constructor(
    baseline: readonly UnitRow[],
    private readonly o: BaselineOptions,
  ) {
    for (const b of baseline) {
      const seen = this.before.get(b.identity);
      if (!seen || (seen.period ?? "") <= (b.period ?? "")) this.before.set(b.identity, b);
    }
  }

  /** The problems of one row against the same unit's in the baseline. */
  check(u: UnitRow): Issue[] {
    const o = this.o;
    const found: Issue[] = [];
    const b = this.before.get(u.identity);
    if (!b) return found;
    const at = (column: string, value: number) => cellAt(u, column, String(value));
    const then = `${locate(b.origin, null)}${b.period ? `, ${b.period}` : ""}`;
    dictionary().tallies.forEach((col, i) => {
      const now = u.values[i]!;
      const was = b.values[i]!;
      if (Number.isNaN(now) || Number.isNaN(was) || Math.abs(now - was) < o.minChange) return;
      const ratio = was === 0 ? Infinity : now / was;
      if (ratio > o.factor || ratio < 1 / o.factor) {
        // "changed from 0 (…)", not "from 0 0": a zero baseline has no ratio to give.
        const how =
          was === 0
            ? { vi: "tăng từ 0", en: "changed from 0" }
            : ratio > 1
              ? { vi: `gấp ${ratio.toFixed(1).replace(".", ",")} lần số ${was} của kỳ đối chiếu`, en: `changed ${ratio.toFixed(1)}× the baseline ${was}` }
              : { vi: `chỉ bằng ${(ratio * 100).toFixed(0)}% số ${was} của kỳ đối chiếu`, en: `changed to ${(ratio * 100).toFixed(0)}% of the baseline ${was}` };
        const figure = `${locate(u.origin, col.name)} ${col.name} ${now}`;
        found.push(issue("unusual_change", at(col.name, now), { vi: `${figure} ${how.vi} (${then})`, en: `${figure} ${how.en} (${then})` }));
      }
    });
    for (const [certified, total] of CERTIFIED) {
      const now = u.values[TALLY_INDEX.get(certified)!]!;
      const known = b.values[TALLY_INDEX.get(total)!]!;
      if (Number.isNaN(now) || Number.isNaN(known) || !Number.isNaN(u.values[TALLY_INDEX.get(total)!]!) || now <= known) continue;
      found.push(
        issue("exceeds_known_total", at(certified, now), {
          vi: `${locate(u.origin, certified)} ${certified} ${now} vượt ${total} ${known} đã báo cáo ở kỳ đối chiếu (${then})`,
          en: `${locate(u.origin, certified)} ${certified} ${now} exceeds ${total} ${known} reported in the baseline (${then})`,
        }),
      );
    }
    return found;
  }
}

/** unusual_change, exceeds_known_total: each counted row against the baseline's. */
export function baselineCheck(baseline: Baseline): Check {
  return {
    name: "baseline",
    listed: "after-all",
    codes: ["unusual_change", "exceeds_known_total"],
    needsFigures: true,
    onRow(u: UnitRow, out: Issue[]) {
      const found = baseline.check(u);
      for (let i = 0; i < found.length; i++) out.push(found[i]!);
    },
  };
}
