// `--units vn`: the official lists as a register. Every commune of the list of 01/03/2025
// (valid until June 2025) and of the list of 1 July 2025 (valid from July 2025): a row
// resolves among the units of its period's list, and the units expected are those of the
// provinces present in the data (or --province) and of its periods.

import type { RegisterUnit } from "../domain/register.js";
import { officialUnits } from "./lists.js";

let cached: RegisterUnit[] | null = null;

export function officialRegister(): RegisterUnit[] {
  if (cached) return cached;
  const out: RegisterUnit[] = [];
  for (const u of officialUnits("2025-03-01")) {
    out.push({ province: u.provinceName, district: u.districtName, commune: u.name, code: u.code, row: null, validFrom: null, validTo: "2025-06" });
  }
  for (const u of officialUnits("2025-07-01")) {
    out.push({ province: u.provinceName, district: null, commune: u.name, code: u.code, row: null, validFrom: "2025-07", validTo: null });
  }
  cached = out;
  return out;
}
