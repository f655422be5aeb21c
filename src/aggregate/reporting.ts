// --units: each group's reporting rate, the register's units of the group that sent a row,
// of those expected (a district that sent nothing still has its 0/N).

import { groupKey, LEVELS, type Level } from "../domain/levels.js";
import type { UnitRow } from "../domain/unit-row.js";
import type { Group } from "../report.js";
import type { RegisterUnit } from "../domain/register.js";

/** Each group's reporting rate: register units of the group that reported, of those expected. */
export function addReportingRate(groups: readonly Group[], units: readonly UnitRow[], register: readonly RegisterUnit[], by: Level): Group[] {
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
