// Checks of a row's period: a file that mixes periods; and, when rows are combined over time
// (rollup), a row without a period, a period coarser than the one asked (a year cannot be
// split into months), and a unit that reported for a month and for a quarter or year holding
// it, which would be counted twice.

import type { UnitNumbers } from "../../domain/hash.js";
import { bucketOf, comparePeriods, grainOf, type Every, type Grain } from "../../domain/period.js";
import { issue, type Issue } from "../../domain/problems.js";
import { cellRef, locate, place, type UnitRow } from "../../domain/unit-row.js";
import type { Table } from "../../detect/table.js";
import type { Check } from "../check.js";

/** mixed_periods: rows of several periods in one file (a warning: it may be intended). */
export function mixedPeriodsCheck(): Check {
  let periods = new Set<string>();
  let last: string | null = null;
  return {
    name: "mixed-periods",
    codes: ["mixed_periods"],
    onTable() {
      periods = new Set();
      last = null;
    },
    onRow(u: UnitRow) {
      if (u.period !== last && u.period !== null && periods.size < 8) periods.add((last = u.period));
    },
    // The first 8 periods met: a chunk's first 8 hold the ones a single reading would add.
    chunk: {
      save: () => [...periods],
      absorb(data) {
        for (const p of data as string[]) if (periods.size < 8) periods.add(p);
      },
    },
    onTableEnd({ table }: { table: Table }, out: Issue[]) {
      if (periods.size < 2) return;
      const list = [...periods].sort(comparePeriods);
      const shownList = `${list.slice(0, 6).join(", ")}${list.length > 6 ? ", …" : ""}`;
      out.push(
        issue(
          "mixed_periods",
          { file: table.file, sheet: table.sheet, column: "period", value: list.join(", ") },
          {
            vi: `${place(table)}: một tệp có dòng của ${list.length > 7 ? "nhiều" : list.length} kỳ: ${shownList}`,
            en: `${place(table)}: rows of ${list.length > 7 ? "many" : list.length} periods in one file: ${shownList}`,
          },
        ),
      );
    },
  };
}

/** The 20 periods a year holds, each a bit: months, quarters, halves, nine months, the year. */
const SLOTS: readonly { readonly suffix: string; readonly first: number; readonly last: number }[] = [
  ...Array.from({ length: 12 }, (_, m) => ({ suffix: `-${String(m + 1).padStart(2, "0")}`, first: m + 1, last: m + 1 })),
  ...Array.from({ length: 4 }, (_, q) => ({ suffix: `-Q${q + 1}`, first: 3 * q + 1, last: 3 * q + 3 })),
  { suffix: "-H1", first: 1, last: 6 },
  { suffix: "-H2", first: 7, last: 12 },
  { suffix: "-9M", first: 1, last: 9 },
  { suffix: "", first: 1, last: 12 },
];
const SLOT_OF = new Map(SLOTS.map((x, i) => [x.suffix, i]));
/** A unit-period's bit once it reported periods of two grains. */
const MIXED = 1 << 30;
/** The bits of each grain: two periods of one grain never overlap. */
const GRAIN_BITS: Record<Grain, number> = { month: 0xfff, quarter: 0xf000, half: 0x30000, nine_months: 0x40000, year: 0x80000 };

/**
 * missing_period, period_too_coarse, overlapping_periods: for rows combined into `every`
 * periods. Rows that fail are left out of the rollup. What each unit reported in each target
 * period is one 32-bit word (a bit per period of the year), by unit number: a million rows
 * cost an array lookup each.
 */
const EVERY_VI: Record<Every, string> = { month: "tháng", quarter: "quý", year: "năm" };

export function rollupPeriodsCheck(every: Every, units: UnitNumbers): Check {
  // Target period -> by unit number, the periods its counted rows reported for.
  const buckets = new Map<string, { bits: Uint32Array }>();
  let lastPeriod: string | null = null;
  let lastBucket: { bits: Uint32Array } | null = null;
  let lastBit = 0;
  let lastGrainBits = 0;
  return {
    name: "rollup-periods",
    listed: "after-all",
    codes: ["missing_period", "period_too_coarse", "overlapping_periods"],
    needsFigures: true,
    onRow(u: UnitRow, out: Issue[]) {
      const o = u.origin;
      const period = u.period;
      if (period === null) {
        out.push(
          issue(
            "missing_period",
            { file: o.file, sheet: o.sheet, row: o.row, column: "period", cell: cellRef(o, "period") },
            {
              vi: `${locate(o, null)} không có kỳ báo cáo: không có cột kỳ, không dùng --period, và tên tệp cũng không ghi kỳ`,
              en: `${locate(o, null)} has no period: no period column, no --period, and none in the file name`,
            },
          ),
        );
        return;
      }
      // Rows come period by period: the last period's bucket and bit are kept at hand.
      if (period !== lastPeriod) {
        const bucket = bucketOf(period, every);
        if (bucket === null) {
          out.push(
            issue("period_too_coarse", { file: o.file, sheet: o.sheet, row: o.row, column: "period", value: period }, {
              vi: `${locate(o, null)} báo cáo cho kỳ ${period}, không thể chia ra từng ${EVERY_VI[every]}`,
              en: `${locate(o, null)} reports for ${period}, which cannot be split into ${every}s`,
            }),
          );
          return;
        }
        let b = buckets.get(bucket);
        if (!b) buckets.set(bucket, (b = { bits: new Uint32Array(Math.max(64, units.count)) }));
        lastPeriod = period;
        lastBucket = b;
        const slot = SLOT_OF.get(period.slice(4));
        if (slot === undefined) throw new Error(`not a canonical period: ${period}`);
        lastBit = 1 << slot;
        lastGrainBits = GRAIN_BITS[grainOf(period)];
      }
      const b = lastBucket!;
      const unit = u.unitNo ?? units.of(u.identity);
      if (unit >= b.bits.length) {
        const grown = new Uint32Array(Math.max(2 * b.bits.length, unit + 1));
        grown.set(b.bits);
        b.bits = grown;
      }
      let word = b.bits[unit]!;
      if (word === 0) {
        b.bits[unit] = lastBit;
        return;
      }
      // Another grain than the unit's periods so far: from now on, periods may overlap.
      if ((word & ~MIXED & ~lastGrainBits) !== 0) word |= MIXED;
      if ((word & MIXED) !== 0) {
        const mine = SLOTS[31 - Math.clz32(lastBit)]!;
        for (let k = 0; k < SLOTS.length; k++) {
          const bit = 1 << k;
          if ((word & bit) === 0 || bit === lastBit) continue;
          const q = SLOTS[k]!;
          if (q.first > mine.last || mine.first > q.last) continue;
          b.bits[unit] = word;
          const name = u.commune ?? u.district ?? u.unitCode ?? u.province;
          const covered = `${period.slice(0, 4)}${q.suffix}`;
          out.push(
            issue(
              "overlapping_periods",
              { file: o.file, sheet: o.sheet, row: o.row, column: "period", cell: cellRef(o, "period"), value: period },
              {
                vi: `${locate(o, "period")} "${name}" báo cáo cho kỳ ${period}, nhưng đơn vị đã báo cáo cho kỳ ${covered} trùng lấn với kỳ này; dòng này không được tính`,
                en: `${locate(o, "period")} "${name}" reports for ${period}, but it has also reported for ${covered}, which overlaps it; this row is left out`,
              },
            ),
          );
          return;
        }
      }
      b.bits[unit] = word | lastBit;
    },
  };
}
