// A register: the units expected to report (--units), read like any tally file with no figures.

import type { UnitRow } from "./unit-row.js";

export interface RegisterUnit {
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly identity: string;
}

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

