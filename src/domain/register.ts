// A register: the units expected to report (--units), read like any tally file with no figures,
// or the official list tdbv carries (--units vn). Rows of the data resolve to its units through
// the run's directory (directory.ts).

import { provinceBare, UnitDirectory } from "./directory.js";
import type { UnitRow } from "./unit-row.js";

export interface RegisterUnit {
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  /** The unit's code, padded (01786), when the register has a code column. */
  readonly code: string | null;
  /** The register's row, for messages (1-based as a person counts), or null for a built-in list. */
  readonly row: number | null;
}

/** The register's units from its rows (read like any tally file, with no figures): one per unit. */
export function registerFrom(rows: readonly UnitRow[]): RegisterUnit[] {
  const seen = new Set<string>();
  const out: RegisterUnit[] = [];
  for (const r of rows) {
    if (seen.has(r.identity)) continue;
    seen.add(r.identity);
    out.push({ province: r.province, district: r.district, commune: r.commune, code: r.unitCode, row: r.origin.row });
  }
  return out;
}

/** A run's directory of units, holding the register's units first. */
export function directoryOf(register: readonly RegisterUnit[] | null | undefined): UnitDirectory {
  return new UnitDirectory((register ?? []).map((u) => ({ ...u, provinceKey: provinceBare(u.province), row: u.row ?? undefined })));
}
