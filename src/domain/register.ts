// A register: the units expected to report (--units), read like any tally file with no figures,
// or the official list tdbv carries (--units vn). Rows of the data resolve to its units through
// the run's directory (directory.ts).

import { provinceBare, UnitDirectory, validDuring } from "./directory.js";
import type { UnitRow } from "./unit-row.js";

export interface RegisterUnit {
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  /** The unit's code, padded (01786), when the register has a code column. */
  readonly code: string | null;
  /** The register's row, for messages (1-based as a person counts), or null for a built-in list. */
  readonly row: number | null;
  /** First and last month the unit existed ("2025-07"; null: open), when the register says. */
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
}

/**
 * The register's units from its rows (read like any tally file, with no figures): one per unit,
 * or per unit and validity when the register has valid_from/valid_to (by row).
 */
export function registerFrom(rows: readonly UnitRow[], validity?: ReadonlyMap<number, { from: string | null; to: string | null }>): RegisterUnit[] {
  const seen = new Set<string>();
  const out: RegisterUnit[] = [];
  for (const r of rows) {
    const v = validity?.get(r.origin.row);
    const k = `${r.identity}\u0000${v?.from ?? ""}\u0000${v?.to ?? ""}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ province: r.province, district: r.district, commune: r.commune, code: r.unitCode, row: r.origin.row, validFrom: v?.from ?? null, validTo: v?.to ?? null });
  }
  return out;
}

/** A run's directory of units, holding the register's units first. */
export function directoryOf(register: readonly RegisterUnit[] | null | undefined): UnitDirectory {
  return new UnitDirectory((register ?? []).map((u) => ({ ...u, provinceKey: provinceBare(u.province), row: u.row ?? undefined })));
}

/**
 * The register's units a run expects to hear from: those that existed during the periods it
 * read, and, for the official lists (--units vn), only those of the provinces its rows name.
 */
export function expectedUnits<U extends { provinceKey: string; validFrom: string | null; validTo: string | null }>(register: readonly U[], periods: ReadonlySet<string | null>, provinces: ReadonlySet<string> | null): U[] {
  const dated = register.some((u) => u.validFrom !== null || u.validTo !== null);
  return register.filter((u) => (provinces === null || provinces.has(u.provinceKey)) && (!dated || [...periods].some((p) => validDuring(u, p))));
}
