// A tally of one group: per column the sum and how many units reported it, per ratio the
// sums of both parts over the units that reported both. empty / add / merge, so any split of
// the rows merged back gives the same tally as one pass (xsv's Commute), and ratios divide last.

import { TALLIES } from "../domain/columns.js";
import { RATIOS } from "../domain/ratios.js";
import { TALLY_INDEX, type UnitRow } from "../normalize/row.js";

export interface Tally {
  units: number;
  readonly sums: number[];
  readonly reported: number[];
  readonly ratioNumerators: number[];
  readonly ratioDenominators: number[];
  readonly ratioUnits: number[];
}

const RATIO_PARTS = RATIOS.map((r) => [TALLY_INDEX.get(r.numerator)!, TALLY_INDEX.get(r.denominator)!] as const);

/** Rounds away binary noise from summing decimals (0.1 + 0.2 is 0.3), keeping 9 places. */
export const clean = (x: number) => Math.round(x * 1e9) / 1e9;

export function emptyTally(): Tally {
  return {
    units: 0,
    sums: TALLIES.map(() => 0),
    reported: TALLIES.map(() => 0),
    ratioNumerators: RATIOS.map(() => 0),
    ratioDenominators: RATIOS.map(() => 0),
    ratioUnits: RATIOS.map(() => 0),
  };
}

/** Adds one unit; its ratios from `pairs` when given (a unit combined over periods), else from `values`. */
export function addRow(t: Tally, values: readonly number[], pairs?: UnitRow["pairs"]): void {
  t.units++;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      t.sums[i]! += v;
      t.reported[i]!++;
    }
  }
  for (let r = 0; r < RATIO_PARTS.length; r++) {
    const [n, d] = RATIO_PARTS[r]!;
    const num = pairs ? pairs[2 * r]! : values[n]!;
    const den = pairs ? pairs[2 * r + 1]! : values[d]!;
    if (!Number.isNaN(num) && !Number.isNaN(den)) {
      t.ratioNumerators[r]! += num;
      t.ratioDenominators[r]! += den;
      t.ratioUnits[r]!++;
    }
  }
}

export function mergeTally(into: Tally, other: Tally): void {
  into.units += other.units;
  const add = (a: number[], b: readonly number[]) => b.forEach((x, i) => (a[i]! += x));
  add(into.sums, other.sums);
  add(into.reported, other.reported);
  add(into.ratioNumerators, other.ratioNumerators);
  add(into.ratioDenominators, other.ratioDenominators);
  add(into.ratioUnits, other.ratioUnits);
}

