// A tally of one group: per column the sum and how many units left it blank, per ratio the
// sums of both parts over the units that reported both. empty / add / merge, so any split of
// the rows merged back gives the same tally as one pass (xsv's Commute), and ratios divide last.

import { perDictionary } from "../domain/dictionary.js";
import type { UnitRow } from "../domain/unit-row.js";

/** Typed arrays: one machine type per field, whatever the figures, so adding a row is one fast loop. */
export interface Tally {
  units: number;
  readonly sums: Float64Array;
  /**
   * Per tally, how many units left it blank: `units - blanks` reported it. Blanks are few, so a
   * row adds to this for its blank cells, not for every cell it reports.
   */
  readonly blanks: Int32Array;
  readonly ratioNumerators: Float64Array;
  readonly ratioDenominators: Float64Array;
  readonly ratioUnits: Int32Array;
  /** Each ratio's numerator and denominator positions among the tallies (2r, 2r + 1), shared by the run's tallies. */
  readonly parts: Int32Array;
}

/** The sizes of a tally in the run's dictionary, and its ratios' parts. */
export const layout = perDictionary((d) => {
  const T = d.tallies.length;
  const R = d.ratios.length;
  return {
    T,
    R,
    /** The five arrays of a tally lie in one buffer, doubles first: a report of 6,300 groups made 31,500 buffers. */
    bytes: (T + 2 * R) * 8 + (T + R) * 4,
    parts: Int32Array.from(d.ratios.flatMap((r) => [d.tallyIndex.get(r.numerator)!, d.tallyIndex.get(r.denominator)!])),
  };
});

/** Rounds away binary noise from summing decimals (0.1 + 0.2 is 0.3), keeping 9 places. */
export const clean = (x: number) => Math.round(x * 1e9) / 1e9;

export function emptyTally(): Tally {
  return tallyOver(new ArrayBuffer(layout().bytes), 0);
}

/** A tally over a buffer laid out as emptyTally's (one a worker thread sent). */
export function tallyOver(b: ArrayBuffer, units: number): Tally {
  const { T, R, bytes, parts } = layout();
  if (b.byteLength !== bytes) throw new Error("a tally's buffer has the wrong size");
  return {
    parts,
    units,
    sums: new Float64Array(b, 0, T),
    ratioNumerators: new Float64Array(b, T * 8, R),
    ratioDenominators: new Float64Array(b, (T + R) * 8, R),
    blanks: new Int32Array(b, (T + 2 * R) * 8, T),
    ratioUnits: new Int32Array(b, (T + 2 * R) * 8 + T * 4, R),
  };
}

/** How many units of the tally reported tally column i. */
export const reportedIn = (t: Tally, i: number): number => t.units - t.blanks[i]!;

/**
 * Adds one unit (`values`: one per tally, NaN for blank); its ratios from `pairs` when given (a
 * unit combined over periods), else from `values`.
 */
export function addRow(t: Tally, values: readonly number[], pairs?: UnitRow["pairs"]): void {
  t.units++;
  // The arrays are read once, not per cell: the loop is a row's hottest.
  const { sums, blanks, ratioNumerators, ratioDenominators, ratioUnits, parts } = t;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) sums[i]! += v;
    else blanks[i]!++;
  }
  for (let r = 0; r < ratioUnits.length; r++) {
    const num = pairs ? pairs[2 * r]! : values[parts[2 * r]!]!;
    const den = pairs ? pairs[2 * r + 1]! : values[parts[2 * r + 1]!]!;
    if (!Number.isNaN(num) && !Number.isNaN(den)) {
      ratioNumerators[r]! += num;
      ratioDenominators[r]! += den;
      ratioUnits[r]!++;
    }
  }
}

export function mergeTally(into: Tally, other: Tally): void {
  into.units += other.units;
  const add = (a: Float64Array | Int32Array, b: Float64Array | Int32Array) => b.forEach((x, i) => (a[i]! += x));
  add(into.sums, other.sums);
  add(into.blanks, other.blanks);
  add(into.ratioNumerators, other.ratioNumerators);
  add(into.ratioDenominators, other.ratioDenominators);
  add(into.ratioUnits, other.ratioUnits);
}

