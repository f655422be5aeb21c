// The 1 July 2025 reorganisation: units of before it re-expressed in the units of after it, so
// that a rollup or a comparison across the change compares like with like. A province goes to
// the new province it became part of (Nghị quyết 202/2025/QH15: whole provinces, exact). A
// commune goes through the crosswalk to the new commune it went into: exactly when it went
// whole ("full"); when it was divided ("partial"), its figures cannot be divided, so they go
// to one of the new communes (the one of its own name, else the first the crosswalk lists)
// and every new commune that received part of it is marked approximate. Districts no longer
// exist. Rows of after the change are matched in the new list, so both meet in one group.
// The lists and the crosswalk are read only when a run needs them.

import { UnitDirectory, provinceBare } from "../domain/directory.js";
import type { Text } from "../domain/problems.js";
import { beforeReform } from "../domain/reform.js";
import { unitKey } from "../domain/text.js";
import { perDictionary } from "../domain/dictionary.js";
import type { NameKeys, UnitRow } from "../domain/unit-row.js";
import type { Approximation, Group } from "../report.js";
import { crosswalk, officialUnits, type Crosswalk, type CrosswalkTarget } from "../units/lists.js";
import { findProvince, REFORM_DATE, successor } from "../units/provinces.js";

export { afterReform, beforeReform, REFORM_MONTH, straddles } from "../domain/reform.js";

/** Where a unit is counted after the change. */
export interface Placed {
  readonly province: string;
  readonly commune: string | null;
  readonly unitCode: string | null;
  readonly keys: NameKeys;
}


/** Which tallies are stocks, and which ratios have a stock part, in the run's dictionary. */
const stockMasks = perDictionary((d) => {
  const stock = d.tallies.map((c) => c.kind !== "flow");
  const at = (name: string) => stock[d.tallyIndex.get(name)!]!;
  return { stock, stockRatio: d.ratios.map((r) => at(r.numerator) || at(r.denominator)) };
});

export class Reorganisation {
  private oldUnits: UnitDirectory | null = null;
  private newUnits: UnitDirectory | null = null;
  private cw: Crosswalk | null = null;
  private readonly placed = new Map<string, Placed>();
  /** By approximateKey of a new unit: the old units that make its figures approximate. */
  readonly approximate = new Map<string, Approximation[]>();
  /** How many old units were re-expressed, and how many of them inexactly. */
  readonly counts = { old: 0, divided: 0, notPlaced: 0 };

  /** `corrected`: the crosswalk with a user's corrections (--crosswalk); else the bundled one, read when first needed. */
  constructor(corrected: Crosswalk | null = null) {
    this.cw = corrected;
  }

  /** A row re-expressed in the new units (its period says whether its unit is an old one). */
  row<U extends UnitRow>(u: U): U {
    return reexpressed(u, this.place(u, u.period !== null && beforeReform(u.period)));
  }

  /** Commune groups that received a divided or unplaced old commune, marked. */
  mark(groups: Group[]): Group[] {
    return markApproximate(groups, this);
  }

  /** What was re-expressed, for standard error. */
  note(): Text {
    return reorganisationNote(this);
  }

  /** Where a unit (a row, or a unit combined over periods, with the periods it reported in) is counted in the new units. */
  place(u: UnitRow, old: boolean): Placed {
    const k = `${old ? "o" : "n"}\u0000${u.identity}`;
    let p = this.placed.get(k);
    if (!p) this.placed.set(k, (p = old ? this.placeOld(u) : this.placeNew(u)));
    return p;
  }

  private placeNew(u: UnitRow): Placed {
    const province = findProvince(u.province, REFORM_DATE);
    const name = "match" in province ? province.match.name : u.province;
    if (!u.commune) return placedAt(name, null, null, null);
    this.newUnits ??= listDirectory("2025-07-01");
    const r = this.newUnits.resolve({ province: name, provinceKey: provinceBare(name), district: null, commune: u.commune, code: u.unitCode, period: null });
    if (r.unit.fromRegister && r.ambiguous === null && r.codeOf === null && !r.unknownCode) return placedAt(name, r.unit.commune, r.unit.code, `new:${r.unit.code}`);
    return placedAt(name, u.commune, u.unitCode, `unit:${u.identity}`);
  }

  private placeOld(u: UnitRow): Placed {
    this.counts.old++;
    const province = findProvince(u.province, "2025-06-30");
    const newProvince = "match" in province ? successor(province.match).name : u.province;
    if (!u.commune) return placedAt(newProvince, null, null, null);
    this.oldUnits ??= listDirectory("2025-03-01");
    this.cw ??= crosswalk();
    const oldName = "match" in province ? province.match.name : u.province;
    const r = this.oldUnits.resolve({ province: oldName, provinceKey: provinceBare(oldName), district: u.district, commune: u.commune, code: u.unitCode, period: null });
    const code = r.unit.fromRegister && r.ambiguous === null && r.codeOf === null && !r.unknownCode ? r.unit.code : null;
    const targets = code ? this.cw.forward.get(code) : undefined;
    const described = `${[u.commune, u.district, oldName].filter((x): x is string => !!x).join(", ")}${code ? ` (${code})` : ""}`;
    if (!targets || targets.length === 0) {
      // Not in the list, or not placed by the crosswalk: counted in its new province under its
      // own name, and said.
      this.counts.notPlaced++;
      const key = `unit:${u.identity}`;
      const p = placedAt(newProvince, u.commune, u.unitCode, key);
      this.markAt(approximateKey(p.province, p.commune), { unit: described, why: "not_placed" });
      return p;
    }
    const own = chosen(targets, r.unit.communeBare);
    const p = placedAt(own.provinceName, own.name, own.code, `new:${own.code}`);
    if (targets.some((t) => t.part === "partial")) {
      this.counts.divided++;
      for (const t of targets) this.markAt(approximateKey(t.provinceName, t.name), { unit: described, why: "divided" });
    }
    return p;
  }

  private markAt(key: string, a: Approximation): void {
    const list = this.approximate.get(key);
    if (!list) this.approximate.set(key, [a]);
    else if (!list.some((x) => x.unit === a.unit)) list.push(a);
  }
}

/** The key of a commune group for its approximations: its province and name, however spelt. */
export const approximateKey = (province: string, commune: string | null) => `${provinceBare(province)}\u0000${commune ? unitKey(commune) : ""}`;

/** The target that takes a divided commune's figures: the one of its own name, else the first listed. */
function chosen(targets: readonly CrosswalkTarget[], bare: string | null): CrosswalkTarget {
  if (targets.length === 1 || bare === null) return targets[0]!;
  return targets.find((t) => provinceBare(t.name).endsWith(bare)) ?? targets[0]!;
}

function listDirectory(list: "2025-03-01" | "2025-07-01"): UnitDirectory {
  return new UnitDirectory(
    officialUnits(list).map((u) => ({ province: u.provinceName, provinceKey: provinceBare(u.provinceName), district: u.districtName, commune: u.name, code: u.code })),
  );
}

function placedAt(province: string, commune: string | null, unitCode: string | null, communeKey: string | null): Placed {
  const p = provinceBare(province);
  const path: NameKeys["path"] = [p, `${p}\u0000`, `${p}\u0000\u0000${communeKey ?? ""}`];
  return { province, commune, unitCode, keys: { province: path[0], district: path[1], commune: path[2], path } };
}

/** A row or unit re-expressed: its names and group keys those of its new unit, no district. */
export function reexpressed<U extends UnitRow>(u: U, p: Placed): U {
  return { ...u, province: p.province, district: null, commune: p.commune, unitCode: p.unitCode ?? u.unitCode, keys: p.keys };
}

/**
 * A unit of the old units in a period that runs past 1 July 2025 and holds rows of the new ones:
 * its stocks are not the period's (they are the new units'), so they are blanked, as are the
 * parts of ratios between stocks; its flows add up with the new units'.
 */
export function withoutStocks<U extends UnitRow>(u: U): U {
  const { stock, stockRatio } = stockMasks();
  const values = u.values.slice();
  for (let i = 0; i < values.length; i++) if (stock[i]) values[i] = NaN;
  const pairs = u.pairs?.slice();
  if (pairs) for (let r = 0; r < stockRatio.length; r++) if (stockRatio[r]) pairs[2 * r] = pairs[2 * r + 1] = NaN;
  return { ...u, values, ...(pairs ? { pairs } : {}) };
}

/** Commune groups that received a divided or unplaced old commune: said in every format. */
function markApproximate(groups: Group[], r: Reorganisation): Group[] {
  return groups.map((g) => {
    if (g.level !== "commune") return g;
    const found = r.approximate.get(approximateKey(g.province, g.commune));
    return found ? { ...g, approximate: found } : g;
  });
}

/** What was re-expressed, said on standard error. */
function reorganisationNote(r: Reorganisation): Text {
  const n = r.counts;
  const approximate = n.divided || n.notPlaced;
  return {
    vi:
      `số liệu của ${n.old} đơn vị trước ngày 1/7/2025 được tính theo đơn vị hành chính từ 1/7/2025 (tỉnh theo Nghị quyết 202/2025/QH15, xã theo bảng chuyển đổi; --units-as-of chọn ngày)` +
      (approximate ? `; ${n.divided} xã cũ bị chia tách, ${n.notPlaced} đơn vị không xếp được vào xã mới: số liệu cấp xã nhận các đơn vị này là gần đúng (approximate)` : ""),
    en:
      `the figures of ${n.old} units of before 1 July 2025 are counted in the administrative units from 1 July 2025 (provinces by Resolution 202/2025/QH15, communes by the crosswalk; --units-as-of picks the date)` +
      (approximate ? `; ${n.divided} old communes were divided, ${n.notPlaced} units could not be placed in a new commune: the commune figures that receive them are approximate` : ""),
  };
}
