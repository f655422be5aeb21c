// Levels of a report (province, district, commune) and the keys of its groups: the same key
// for a group and for every unit row it holds, whatever the spelling of the names.

import { unitKey } from "./text.js";

export type Level = "province" | "district" | "commune";

export const LEVELS: readonly Level[] = ["province", "district", "commune"];

export interface GroupId {
  readonly level: Level;
  readonly period: string | null;
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
}

/** One key per group: the same for a group and for every unit row it holds. */
export const groupKey = (b: GroupId) =>
  [b.level, b.period ?? "", unitKey(b.province), unitKey(b.district ?? ""), unitKey(b.commune ?? "")].join("\u0000");

/** The groups a unit counts in, at `by` and every level above it. */
export function groupsOf(u: Omit<GroupId, "level">, by: Level): GroupId[] {
  const depth = LEVELS.indexOf(by);
  const out: GroupId[] = [];
  for (let d = 0; d <= depth; d++) {
    out.push({ level: LEVELS[d]!, period: u.period, province: u.province, district: d >= 1 ? u.district : null, commune: d >= 2 ? u.commune : null });
  }
  return out;
}

/** The keys of the groups a unit row counts in, at `by` and every level above. */
export const unitGroupKeys = (u: Omit<GroupId, "level">, by: Level): string[] => groupsOf(u, by).map(groupKey);
