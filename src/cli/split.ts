// validate --split-by: one file of problems per unit, to send each commune (or district) its
// own list. The file names come from the units' names: Vietnamese kept, but no path separator,
// control or reserved character, and never two units in one file.

import type { Lang } from "../domain/problems.js";
import type { UnitProblems } from "../pipeline/validate.js";

/** The file name part for problems of no one unit (a file, a header, a total row). */
export const GENERAL: Record<Lang, string> = { vi: "_chung", en: "_general" };

/** Longest name part, in UTF-8 bytes: file systems allow 255 for a whole name. */
const MAX_NAME_BYTES = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A unit's name made safe as part of a file name: one path segment, printable, not hidden. */
export function safeName(name: string): string {
  let s = name
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/[/\\<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (Buffer.byteLength(s) > MAX_NAME_BYTES) {
    let cut = "";
    for (const ch of s) {
      if (Buffer.byteLength(cut + ch) > MAX_NAME_BYTES) break;
      cut += ch;
    }
    s = cut.trim();
  }
  if (s === "") return "_";
  return WINDOWS_RESERVED.test(s) ? `_${s}` : s;
}

/**
 * The path of each unit's file: `template` with {unit} replaced by the unit's name (its
 * commune, or its district). Two units of one name (communes of one name in two districts) are
 * told apart by their district, then province; names equal once made safe, or equal but for
 * case (one file on Windows and macOS), get " (2)", " (3)", ….
 */
export function unitPaths(groups: readonly UnitProblems[], template: string, lang: Lang): string[] {
  const label = (g: UnitProblems) => (g.unit ? (g.unit.commune ?? g.unit.district ?? g.unit.province ?? "") : GENERAL[lang]);
  const count = new Map<string, number>();
  for (const g of groups) count.set(label(g), (count.get(label(g)) ?? 0) + 1);
  const names = groups.map((g) => {
    const l = label(g);
    if (!g.unit || count.get(l)! < 2) return l;
    const u = g.unit;
    const within = u.commune ? (u.district ?? u.province) : u.province;
    return within ? `${l}, ${within}` : l;
  });
  const taken = new Set<string>();
  return names.map((n, i) => {
    const base = groups[i]!.unit ? safeName(n) : n;
    let name = base;
    for (let k = 2; taken.has(name.toLowerCase()); k++) name = `${base} (${k})`;
    taken.add(name.toLowerCase());
    return template.split("{unit}").join(name);
  });
}
