// total_mismatch: each total row of a form ("Tổng cộng", "Cộng huyện X") against the sum of
// the unit rows it covers in its table: all of them, or its district's. Every unit row is
// summed, valid or not, as a person adding up the form would.

import { dictionary } from "../../domain/dictionary.js";
import { issue, type Issue } from "../../domain/problems.js";
import { cellRef, locate, type UnitRow } from "../../domain/unit-row.js";
import { districtMatchKey } from "../../normalize/classify.js";
import type { Check, TableEnd } from "../check.js";

interface Sums {
  units: number;
  readonly sum: Float64Array;
  /** Per tally, how many units left it blank: few, so counted instead of the reported. */
  readonly blanks: Int32Array;
}

const newSums = (): Sums => {
  const n = dictionary().tallies.length;
  return { units: 0, sum: new Float64Array(n), blanks: new Int32Array(n) };
};

function addSums(s: Sums, values: readonly number[]): void {
  s.units++;
  const { sum, blanks } = s;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) sum[i]! += v;
    else blanks[i]!++;
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The table's unit rows summed by district (folded name without its prefix), those without one apart. */
class DistrictSums {
  readonly byDistrict = new Map<string, Sums>();
  /** By the district's name as written: found once per spelling. */
  private readonly bySpelling = new Map<string, Sums>();
  readonly noDistrict = newSums();
  // Units come district by district: the last district's sums are kept at hand.
  private lastDistrict: string | null = null;
  private lastSums: Sums = this.noDistrict;

  add(u: UnitRow): void {
    const district = u.district;
    if (district === this.lastDistrict) return addSums(this.lastSums, u.values);
    if (!district) return addSums(this.noDistrict, u.values);
    let d = this.bySpelling.get(district);
    if (!d) {
      const key = districtMatchKey(district);
      d = this.byDistrict.get(key) ?? newSums();
      this.byDistrict.set(key, d);
      this.bySpelling.set(district, d);
    }
    this.lastDistrict = district;
    this.lastSums = d;
    addSums(d, u.values);
  }

  /** The sums as plain data (a worker thread's chunk). */
  save(): { noDistrict: Sums; byDistrict: [string, Sums][] } {
    return { noDistrict: this.noDistrict, byDistrict: [...this.byDistrict] };
  }

  /** Adds a chunk's sums (save()), in place: the spellings met keep their sums. */
  absorb(data: { noDistrict: Sums; byDistrict: [string, Sums][] }): void {
    const into = (a: Sums, b: Sums) => {
      a.units += b.units;
      for (let i = 0; i < a.sum.length; i++) {
        a.sum[i]! += b.sum[i]!;
        a.blanks[i]! += b.blanks[i]!;
      }
    };
    into(this.noDistrict, data.noDistrict);
    for (const [key, s] of data.byDistrict) {
      const d = this.byDistrict.get(key);
      if (d) into(d, s);
      else this.byDistrict.set(key, { units: s.units, sum: Float64Array.from(s.sum), blanks: Int32Array.from(s.blanks) });
    }
  }

  /** The sums of every row. */
  all(): Sums {
    const all = newSums();
    for (const d of [this.noDistrict, ...this.byDistrict.values()]) {
      all.units += d.units;
      for (let i = 0; i < d.sum.length; i++) {
        all.sum[i]! += d.sum[i]!;
        all.blanks[i]! += d.blanks[i]!;
      }
    }
    return all;
  }
}

export function totalsCheck(): Check {
  let sums = new DistrictSums();
  return {
    name: "totals",
    codes: ["total_mismatch"],
    onTable() {
      sums = new DistrictSums();
    },
    onRow(u: UnitRow) {
      sums.add(u);
    },
    chunk: {
      save: () => sums.save(),
      absorb: (data) => sums.absorb(data as ReturnType<DistrictSums["save"]>),
    },
    onTableEnd({ totals }: TableEnd, out: Issue[]) {
      if (totals.length === 0) return;
      const all = sums.all();
      for (const t of totals) {
        const covered = t.district === null ? all : sums.byDistrict.get(t.district);
        if (!covered || covered.units === 0) continue;
        dictionary().tallies.forEach((col, i) => {
          const stated = t.values[i]!;
          if (Number.isNaN(stated) || covered.blanks[i] === covered.units) return;
          const sum = covered.sum[i]!;
          if (Math.abs(sum - stated) > 1e-9) {
            out.push(
              issue(
                "total_mismatch",
                { file: t.origin.file, sheet: t.origin.sheet, row: t.origin.row, column: col.name, cell: cellRef(t.origin, col.name), value: String(stated) },
                {
                  vi: `${locate(t.origin, col.name)} "${t.label}" ${col.name} ${stated} khác tổng ${round(sum)} của ${covered.units} dòng mà nó bao gồm`,
                  en: `${locate(t.origin, col.name)} "${t.label}" ${col.name} ${stated} differs from the sum of its ${covered.units} rows, ${round(sum)}`,
                },
              ),
            );
          }
        });
      }
    },
  };
}
