// A row's names (province, district, commune, code), cleaned to NFC, and the unit's identity.
// Names repeat on every row of a unit across files and periods, so the work is done once per
// distinct spelling and remembered for the run: a NameBook belongs to one run (two runs in one
// process share nothing), with the run's unit numbers.

import { UnitNumbers } from "../domain/hash.js";
import { cleanText, unitTypeFromName, type UnitType } from "../domain/text.js";
import { nameKeys, type NameKeys } from "../domain/unit-row.js";

export interface UnitNames {
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  readonly unitCode: string | null;
  readonly identity: string;
  readonly keys: NameKeys;
  readonly unitNo: number;
  /** The unit type the commune's name prefix gives ("Xã …", "P. …"), or null. */
  readonly typeFromName: UnitType | null;
}

/** Remembered spellings are let go past this many (a national file over years has ~100k units). */
const MAX_REMEMBERED = 200_000;

export class NameBook {
  private readonly memo = new Map<string, UnitNames>();

  constructor(readonly units: UnitNumbers = new UnitNumbers()) {}

  /**
   * A row's names and identity. `remember` false: the caller keeps what it gets (the fast lane
   * keeps what a unit's first row gave), so the book need not.
   */
  names(provinceText: string, districtText: string, communeText: string, codeText: string, provinceOption: string | null, section: string | null, remember: boolean): UnitNames {
    const k = remember ? `${provinceText}\u0001${districtText}\u0001${communeText}\u0001${codeText}\u0001${provinceOption ?? ""}\u0001${section ?? ""}` : "";
    let n = remember ? this.memo.get(k) : undefined;
    if (n) return n;
    const province = cleanText(provinceText) || provinceOption || "";
    const district = cleanText(districtText) || section;
    const commune = cleanText(communeText) || null;
    const unitCode = cleanText(codeText) || null;
    const keys = nameKeys(province, district, commune);
    const identity = unitCode ? `code:${unitCode}` : `${keys.province}|${keys.district}|${keys.commune}`;
    n = {
      province,
      district,
      commune,
      unitCode,
      identity,
      keys,
      unitNo: this.units.of(identity),
      typeFromName: commune ? unitTypeFromName(commune) : null,
    };
    if (!remember) return n;
    if (this.memo.size >= MAX_REMEMBERED) this.memo.clear();
    this.memo.set(k, n);
    return n;
  }
}
