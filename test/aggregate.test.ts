import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TALLIES } from "../src/domain/columns.js";
import { RATIOS } from "../src/domain/ratios.js";
import { addRow, emptyTally, mergeTally, reportedIn, type Tally } from "../src/aggregate/tally.js";
import { groupRows, LevelGroups } from "../src/aggregate/groups.js";
import type { UnitRow } from "../src/domain/unit-row.js";

const N = TALLIES.length;
// NaN is a blank cell: not reported.
const cell = fc.option(fc.nat({ max: 5000 }), { nil: NaN, freq: 4 });
const rowValues = fc.array(cell, { minLength: N, maxLength: N });
const DISTRICTS = ["Huyện A", "Huyện B", "Thành phố C"];

const unit = (values: number[], i: number, district: string): UnitRow => ({
  origin: { file: "t.csv", sheet: null, row: i + 2, columns: new Map() },
  period: "2024",
  province: "Lâm Đồng",
  district,
  commune: `Xã ${i}`,
  unitType: "xã",
  typeText: null,
  unitCode: null,
  certified: null,
  values,
  identity: String(i),
});

function tallyOf(rows: readonly number[][]): Tally {
  const t = emptyTally();
  for (const r of rows) addRow(t, r);
  return t;
}

describe("tally", () => {
  it("merging the tallies of any split equals one pass over all rows", () => {
    fc.assert(
      fc.property(fc.array(rowValues, { maxLength: 40 }), fc.nat(), (rows, cut) => {
        const k = rows.length === 0 ? 0 : cut % (rows.length + 1);
        const merged = tallyOf(rows.slice(0, k));
        mergeTally(merged, tallyOf(rows.slice(k)));
        expect(merged).toEqual(tallyOf(rows));
      }),
    );
  });

  it("row order leaves every total unchanged", () => {
    fc.assert(
      fc.property(fc.array(rowValues, { maxLength: 30 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))), ([rows, shuffled]) => {
        expect(tallyOf(shuffled)).toEqual(tallyOf(rows));
      }),
    );
  });

  it("a blank cell is not reported, never zero", () => {
    const t = tallyOf([TALLIES.map(() => NaN), TALLIES.map(() => 0)]);
    expect(TALLIES.every((_, i) => reportedIn(t, i) === 1)).toBe(true);
    expect(t.units).toBe(2);
  });
});

describe("groupRows", () => {
  it("a group's ratio is Σ numerators / Σ denominators over units reporting both, for any partition", () => {
    const names = TALLIES.map((c) => c.name);
    const ratioNames = RATIOS.map((r) => r.name);
    fc.assert(
      fc.property(fc.array(fc.tuple(rowValues, fc.constantFrom(...DISTRICTS)), { minLength: 1, maxLength: 40 }), (rows) => {
        const units = rows.map(([v, d], i) => unit(v, i, d));
        const groups = groupRows(units, "district", names, ratioNames);
        const province = groups.find((g) => g.level === "province")!;
        for (const r of RATIOS) {
          const n = TALLIES.findIndex((c) => c.name === r.numerator);
          const d = TALLIES.findIndex((c) => c.name === r.denominator);
          const both = units.filter((u) => !Number.isNaN(u.values[n]) && !Number.isNaN(u.values[d]));
          const num = both.reduce((a, u) => a + u.values[n]!, 0);
          const den = both.reduce((a, u) => a + u.values[d]!, 0);
          const got = province.ratios[r.name]!;
          expect([got.numerator, got.denominator]).toEqual([num, den]);
          expect(got.value).toBe(both.length > 0 && den !== 0 ? num / den : null);
          // the districts' parts add up to the province's
          const districts = groups.filter((g) => g.level === "district");
          expect(districts.reduce((a, g) => a + g.ratios[r.name]!.numerator, 0)).toBe(num);
          expect(districts.reduce((a, g) => a + g.ratios[r.name]!.denominator, 0)).toBe(den);
        }
        for (const name of names) {
          const i = names.indexOf(name);
          const reported = units.filter((u) => !Number.isNaN(u.values[i]));
          expect(province.totals[name]).toBe(reported.length ? reported.reduce((a, u) => a + u.values[i]!, 0) : null);
          expect(province.reported[name]).toBe(reported.length);
        }
        expect(province.units).toBe(units.length);
      }),
      { numRuns: 200 },
    );
  });

  it("each group sums its own rows, in whatever order periods, provinces, districts and communes come", () => {
    const i = TALLIES.findIndex((c) => c.name === "cases_total");
    const place = fc.tuple(fc.constantFrom("2024-01", "2024-02"), fc.constantFrom("Lâm Đồng", "Quảng Bình"), fc.constantFrom(...DISTRICTS), fc.constantFrom("Xã Một", "Xã Hai"));
    fc.assert(
      fc.property(fc.array(fc.tuple(place, fc.nat({ max: 100 })), { minLength: 1, maxLength: 30 }), (rows) => {
        const units = rows.map(([[period, province, d, commune], n], k) => ({ ...unit(TALLIES.map((_, j) => (j === i ? n : NaN)), k, d), period, province, commune }));
        const groups = groupRows(units, "commune", ["cases_total"], []);
        for (const g of groups) {
          const mine = rows.filter(([[period, province, d, commune]]) => period === g.period && province === g.province && (g.level === "province" || (d === g.district && (g.level === "district" || commune === g.commune))));
          expect([g.units, g.totals.cases_total]).toEqual([mine.length, mine.reduce((a, [, n]) => a + n, 0)]);
        }
        expect(groups.filter((g) => g.level === "province").reduce((a, g) => a + g.units, 0)).toBe(rows.length);
      }),
    );
  });

  it("puts each district before its province and is deterministic", () => {
    const v = TALLIES.map(() => 1);
    const units = [unit(v, 0, "Huyện B"), unit(v, 1, "Huyện A"), unit(v, 2, "Huyện B")];
    const groups = groupRows(units, "district", ["cases_total"], []);
    expect(groups.map((g) => [g.level, g.district, g.units])).toEqual([
      ["district", "Huyện A", 1],
      ["district", "Huyện B", 2],
      ["province", null, 3],
    ]);
    expect(groupRows([...units].reverse(), "district", ["cases_total"], [])).toEqual(groups);
  });

  it("a zero denominator gives no value, never 0, NaN or Infinity", () => {
    const v = TALLIES.map(() => NaN); // every other tally blank
    v[TALLIES.findIndex((c) => c.name === "cases_total")] = 0;
    v[TALLIES.findIndex((c) => c.name === "cases_solved")] = 0;
    const [g] = groupRows([unit(v, 0, "Huyện A")], "province", ["cases_total", "cases_solved"], ["solved_rate"]);
    expect(g!.ratios.solved_rate).toEqual({ numerator: 0, denominator: 0, value: null, units: 1 });
  });
});

describe("compact groups (a big report's)", () => {
  // Decimals, blanks, -0 and units seen twice (a commune of two rows: its tally made from both).
  const decimal = fc.oneof(cell, fc.constantFrom(12.5, 0.1, 0.2, -0, 1e-9, 3.14159));
  const rows = fc.array(fc.tuple(fc.array(decimal, { minLength: N, maxLength: N }), fc.constantFrom(...DISTRICTS), fc.nat({ max: 25 }), fc.constantFrom("2024-01", "2024-02")), { minLength: 1, maxLength: 60 });
  it("read as the plain groups: the same keys, values, copies and JSON", () => {
    const names = TALLIES.map((c) => c.name);
    const ratioNames = RATIOS.map((r) => r.name);
    fc.assert(
      fc.property(rows, fc.constantFrom("province", "district", "commune") as fc.Arbitrary<"province" | "district" | "commune">, (list, by) => {
        const units = list.map(([v, d, i, p]) => ({ ...unit(v, i, d), period: p, unitCode: i % 3 === 0 ? `0${i}` : null }));
        const made = (compactFrom: number) => {
          const g = new LevelGroups(by, compactFrom);
          for (const u of units) g.add(u);
          return g.takeGroups(names, ratioNames);
        };
        const plain = made(Infinity);
        const compact = made(0);
        expect(compact.map((g) => ({ ...g }))).toEqual(plain);
        expect(JSON.stringify(compact.map((g) => ({ ...g, x: 1 })))).toBe(JSON.stringify(plain.map((g) => ({ ...g, x: 1 }))));
        for (let k = 0; k < plain.length; k++) {
          expect(compact[k]!.totals).toEqual(plain[k]!.totals);
          expect(Object.is(compact[k]!.totals["cases_total"], plain[k]!.totals["cases_total"])).toBe(true);
          expect(compact[k]!.ratios).toEqual(plain[k]!.ratios);
          expect(compact[k]!.reported).toEqual(plain[k]!.reported);
        }
      }),
    );
  });
});
