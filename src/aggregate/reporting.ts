// --units: each group's reporting rate, the register's units of the group that sent a row,
// of those expected; and the reporting table of validate, in which a district that sent
// nothing still has its 0/N.

import { viCompare } from "../domain/collate.js";
import { districtParts, provinceBare, validDuring, type KnownUnit } from "../domain/directory.js";
import { expectedUnits } from "../domain/register.js";
import { LEVELS, type Level } from "../domain/levels.js";
import type { UnitRow } from "../domain/unit-row.js";
import type { Group } from "../report.js";

type Place = { province: string; district: string | null; commune: string | null };

/** A group's key for reporting: the province and district however spelt ("Chi Lăng" is "Huyện Chi Lăng"). */
function keyAt(u: Place, level: Level, period: string | null): string {
  const p = provinceBare(u.province);
  if (level === "province") return `${p}\u0000\u0000${period ?? ""}`;
  const d = u.district ? districtParts(u.district)[0] : "";
  if (level === "district") return `${p}\u0000${d}\u0000${period ?? ""}`;
  return `${p}\u0000${d}\u0000${u.commune ?? ""}\u0000${period ?? ""}`;
}

/** By group key: the register's units expected in it. */
function expectedBy(register: readonly KnownUnit[], depth: number): Map<string, KnownUnit[]> {
  const expected = new Map<string, KnownUnit[]>();
  for (const r of register) {
    for (let d = 0; d <= depth; d++) {
      const k = keyAt(r, LEVELS[d]!, null);
      const list = expected.get(k);
      if (list) list.push(r);
      else expected.set(k, [r]);
    }
  }
  return expected;
}

/** By group key and period: the identities of the units that sent a row. */
function reportedBy(units: readonly UnitRow[], depth: number): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const u of units) {
    for (let d = 0; d <= depth; d++) {
      const k = keyAt(u, LEVELS[d]!, u.period);
      if (!out.has(k)) out.set(k, new Set());
      out.get(k)!.add(u.identity);
    }
  }
  return out;
}

/**
 * Each group's reporting rate: register units of the group that reported, of those expected
 * (those that existed in the group's period; with the official lists, of the provinces the
 * rows name).
 */
export function addReportingRate(groups: readonly Group[], units: readonly UnitRow[], register: readonly KnownUnit[], by: Level, builtIn = false): Group[] {
  const depth = LEVELS.indexOf(by);
  const provinces = builtIn ? new Set(units.map((u) => u.keys?.province ?? provinceBare(u.province))) : null;
  const expected = expectedBy(expectedUnits(register, new Set(units.map((u) => u.period)), provinces), depth);
  const reported = reportedBy(units, depth);
  return groups.map((g) => {
    const want = new Set((expected.get(keyAt(g, g.level, null)) ?? []).filter((u) => validDuring(u, g.period)).map((u) => u.identity));
    const got = reported.get(keyAt(g, g.level, g.period)) ?? new Set<string>();
    let n = 0;
    for (const id of got) if (want.has(id)) n++;
    return { ...g, register: { expected: want.size, reported: n, rate: want.size ? n / want.size : null } };
  });
}

export interface ReportingRow {
  readonly level: "province" | "district";
  readonly province: string;
  readonly district: string | null;
  readonly expected: number;
  readonly reported: number;
  readonly rate: number | null;
}

/**
 * validate's reporting table: every province and district of the register or of the rows, each with its units reported of those expected; a district
 * of the register that sent nothing is there with 0/N, a province's own row after its districts.
 */
export function reportingTable(units: readonly UnitRow[], register: readonly KnownUnit[]): ReportingRow[] {
  const expected = expectedBy(register, 1);
  const seen = new Map<string, Set<string>>();
  for (const u of units) {
    for (const level of ["province", "district"] as const) {
      const k = keyAt(u, level, null);
      if (!seen.has(k)) seen.set(k, new Set());
      seen.get(k)!.add(u.identity);
    }
  }
  const places = new Map<string, { province: string; district: string | null; districts: Map<string, string | null> }>();
  const note = (u: Place) => {
    const pk = keyAt(u, "province", null);
    let p = places.get(pk);
    if (!p) places.set(pk, (p = { province: u.province, district: null, districts: new Map() }));
    const dk = keyAt(u, "district", null);
    if (u.district && !p.districts.has(dk)) p.districts.set(dk, u.district);
  };
  register.forEach(note);
  units.forEach(note);
  const row = (level: "province" | "district", province: string, district: string | null, k: string): ReportingRow => {
    const want = new Set((expected.get(k) ?? []).map((u) => u.identity));
    let n = 0;
    for (const id of seen.get(k) ?? []) if (want.has(id)) n++;
    return { level, province, district, expected: want.size, reported: n, rate: want.size ? n / want.size : null };
  };
  // In report order: provinces and their districts in Vietnamese order, a province after its districts.
  const names = [...places.values()].flatMap((p) => [p.province, ...[...p.districts.values()].filter((d): d is string => d !== null)]);
  const vi = viCompare(names);
  const out: ReportingRow[] = [];
  for (const [pk, p] of [...places].sort((a, b) => vi(a[1].province, b[1].province))) {
    for (const [dk, district] of [...p.districts].sort((a, b) => vi(a[1]!, b[1]!))) out.push(row("district", p.province, district, dk));
    out.push(row("province", p.province, null, pk));
  }
  return out;
}
