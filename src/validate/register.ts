// --units: a register of the units expected to report (province, district, commune, unit
// type, optional code). Units that did not report and units not in the register are listed,
// the latter with the register's nearest names ("Xa Van Ninh" -> "Xã Vạn Ninh"); groups get
// their reporting rate.

import { groupKey } from "../aggregate/rollup.js";
import { editDistance, fold, unitKey } from "../domain/text.js";
import { cellRef, locate, type UnitRow } from "../normalize/row.js";
import type { Group, Level } from "../report.js";
import { issue, type Issue } from "./codes.js";

export interface RegisterUnit {
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly identity: string;
}

const name = (u: { commune: string | null; district: string | null; province: string }) =>
  [u.commune, u.district, u.province].filter((x): x is string => !!x).join(", ");

/** The register's units from its rows (read like any tally file, with no figures). */
export function registerFrom(rows: readonly UnitRow[]): RegisterUnit[] {
  const seen = new Set<string>();
  const out: RegisterUnit[] = [];
  for (const r of rows) {
    if (seen.has(r.identity)) continue;
    seen.add(r.identity);
    out.push({ province: r.province, district: r.district, commune: r.commune, identity: r.identity });
  }
  return out;
}

function suggestions(u: UnitRow, register: readonly RegisterUnit[]): string[] {
  const target = fold(u.commune ?? u.district ?? "");
  const province = unitKey(u.province);
  return register
    .filter((r) => unitKey(r.province) === province)
    .map((r) => ({ r, d: editDistance(target, fold(r.commune ?? r.district ?? "")) }))
    .filter(({ d }) => d <= Math.max(2, Math.floor(target.length / 4)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ r }) => name(r));
}

export function checkRegister(units: readonly UnitRow[], register: readonly RegisterUnit[], registerFile: string): Issue[] {
  const expected = new Set(register.map((r) => r.identity));
  const reported = new Set(units.map((u) => u.identity));
  const found: Issue[] = [];
  const flagged = new Set<string>();
  for (const u of units) {
    if (expected.has(u.identity) || flagged.has(u.identity)) continue;
    flagged.add(u.identity);
    const near = suggestions(u, register);
    const column = u.commune ? "commune" : "district";
    found.push(
      issue(
        "unit_not_in_register",
        { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column, cell: cellRef(u.origin, column), value: u.commune ?? u.district },
        `${locate(u.origin, column)} "${name(u)}" is not in the register ${registerFile}${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(" or ")}?` : ""}`,
      ),
    );
  }
  for (const r of register) {
    if (reported.has(r.identity)) continue;
    found.push(issue("unit_not_reported", { file: registerFile, column: r.commune ? "commune" : "district", value: r.commune ?? r.district }, `${registerFile}: "${name(r)}" is in the register but sent no row`));
  }
  return found;
}

/** Each group's reporting rate: register units of the group that reported, of those expected. */
export function addReportingRate(groups: readonly Group[], units: readonly UnitRow[], register: readonly RegisterUnit[], by: Level): Group[] {
  const LEVELS: Level[] = ["province", "district", "commune"];
  const depth = LEVELS.indexOf(by);
  const keyAt = (u: { province: string; district: string | null; commune: string | null }, level: Level) =>
    groupKey({ level, period: null, province: u.province, district: LEVELS.indexOf(level) >= 1 ? u.district : null, commune: level === "commune" ? u.commune : null });
  const expected = new Map<string, Set<string>>();
  for (const r of register) {
    for (let d = 0; d <= depth; d++) {
      const k = keyAt(r, LEVELS[d]!);
      if (!expected.has(k)) expected.set(k, new Set());
      expected.get(k)!.add(r.identity);
    }
  }
  const reportedBy = new Map<string, Set<string>>();
  for (const u of units) {
    for (let d = 0; d <= depth; d++) {
      const k = `${keyAt(u, LEVELS[d]!)}\u0000${u.period ?? ""}`;
      if (!reportedBy.has(k)) reportedBy.set(k, new Set());
      reportedBy.get(k)!.add(u.identity);
    }
  }
  return groups.map((g) => {
    const key = keyAt(g, g.level);
    const want = expected.get(key) ?? new Set<string>();
    const got = reportedBy.get(`${key}\u0000${g.period ?? ""}`) ?? new Set<string>();
    let reported = 0;
    for (const id of got) if (want.has(id)) reported++;
    return { ...g, register: { expected: want.size, reported, rate: want.size ? reported / want.size : null } };
  });
}
