// A row's names (province, district, commune, code), cleaned to NFC, and the unit they name.
// Names repeat on every row of a unit across files and periods, so the work is done once per
// distinct spelling and remembered for the run: a NameBook belongs to one run (two runs in one
// process share nothing), with the run's unit numbers and its directory of units
// (domain/directory.ts), which makes every spelling of a unit, with or without its code, one
// identity.

import { districtParts, padCode, provinceBare, UnitDirectory, type Resolved } from "../domain/directory.js";
import { UnitNumbers } from "../domain/hash.js";
import { findProvince, quickProvinceName } from "../units/provinces.js";
import { cleanText, unitTypeFromName, type UnitType } from "../domain/text.js";
import type { NameKeys } from "../domain/unit-row.js";

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
  /** What the directory made of the names (an ambiguous name, a code of another unit). */
  readonly resolved: Resolved;
}

/** Remembered spellings are let go past this many (a national file over years has ~100k units). */
const MAX_REMEMBERED = 200_000;

export class NameBook {
  private readonly memo = new Map<string, UnitNames>();
  /** Group keys by unit identity: every spelling of a unit counts in the same groups. */
  private readonly paths = new Map<string, { path: NameKeys["path"]; district: string | null }>();
  private readonly districts = new Map<string, { bare: string; type: string | null; key: string }[]>();
  private readonly provinces = new Map<string, { name: string; nearest: readonly string[] | null }>();

  constructor(
    readonly units: UnitNumbers = new UnitNumbers(),
    readonly directory: UnitDirectory = new UnitDirectory(),
  ) {}

  /**
   * A row's names and identity. `remember` false: the caller keeps what it gets (the fast lane
   * keeps what a unit's first row gave), so the book need not.
   */
  names(provinceText: string, districtText: string, communeText: string, codeText: string, provinceOption: string | null, section: string | null, remember: boolean, period: string | null = null): UnitNames {
    // A register whose units begin or end (valid_from, valid_to; the official lists) resolves
    // a spelling per era of the period, not once.
    const era = this.directory.eraOf(period);
    const k = remember ? `${provinceText}\u0001${districtText}\u0001${communeText}\u0001${codeText}\u0001${provinceOption ?? ""}\u0001${section ?? ""}\u0001${era}` : "";
    let n = remember ? this.memo.get(k) : undefined;
    if (n) return n;
    const rowProvince = cleanText(provinceText) || provinceOption || "";
    const rowDistrict = cleanText(districtText) || section;
    const rowCommune = cleanText(communeText) || null;
    const code = cleanText(codeText) || null;
    const unitCode = code === null ? null : padCode(code, rowCommune || !rowDistrict ? "commune" : "district");
    const known = this.province(rowProvince);
    const provinceKey = provinceBare(known.name);
    const resolved = this.directory.resolve({ province: rowProvince, provinceKey, district: rowDistrict, commune: rowCommune, code: unitCode, period });
    const unit = resolved.unit;
    // A unit of the register is shown with the register's names.
    const listed = unit.fromRegister && resolved.codeOf === null && resolved.ambiguous === null && !resolved.unknownCode;
    const province = known.name;
    const district = listed && unit.district ? unit.district : rowDistrict;
    const commune = listed && unit.commune ? unit.commune : rowCommune;
    const identity = unit.identity;
    // A row that names no district is under the district its unit was met with (a unit's rows
    // with and without it are one unit in one district); a row that names one is under it.
    const shownDistrict = district ?? unit.district;
    const placedKey = `${identity}\u0001${shownDistrict ?? ""}`;
    let placed = this.paths.get(placedKey);
    if (!placed) {
      const d = shownDistrict ? this.districtKey(provinceKey, shownDistrict) : "";
      const path: NameKeys["path"] = [provinceKey, `${provinceKey}\u0000${d}`, `${provinceKey}\u0000${d}\u0000${commune ? identity : ""}`];
      placed = { path, district: shownDistrict };
      this.paths.set(placedKey, placed);
    }
    const path = placed.path;
    const keys: NameKeys = { province: path[0], district: path[1], commune: path[2], path };
    n = {
      province,
      district: placed.district,
      commune,
      // The register's code when the row gives none.
      unitCode: listed && unit.code !== null ? unit.code : unitCode,
      identity,
      keys,
      unitNo: this.units.of(identity),
      typeFromName: commune ? unitTypeFromName(commune) : null,
      resolved: known.nearest === null ? resolved : { ...resolved, unknownProvince: known.nearest },
    };
    if (!remember) return n;
    if (this.memo.size >= MAX_REMEMBERED) this.memo.clear();
    this.memo.set(k, n);
    return n;
  }

  /**
   * A province as its official name ("Lam Dong", "TP HCM", "Tỉnh Hoà Bình" -> "Tỉnh Lâm Đồng",
   * "Thành phố Hồ Chí Minh", "Tỉnh Hòa Bình" as GSO writes it), or as written with the nearest
   * official names when it is none of them (or could be two: "Ha Nam" without diacritics).
   */
  private province(text: string): { name: string; nearest: readonly string[] | null } {
    let p = this.provinces.get(text);
    if (p) return p;
    const quick = text === "" ? null : quickProvinceName(text.normalize("NFC"));
    if (text === "") p = { name: text, nearest: null };
    else if (quick !== null) p = { name: quick, nearest: null };
    else {
      const m = findProvince(text);
      if ("match" in m) p = { name: m.match.name, nearest: null };
      else if ("ambiguous" in m) p = m.acrossEras ? { name: m.ambiguous[0]!.name, nearest: null } : { name: text, nearest: m.ambiguous.map((x) => x.name) };
      else p = { name: text, nearest: m.nearest.map((x) => x.name) };
    }
    this.provinces.set(text, p);
    return p;
  }

  /**
   * One key for a district however it is spelt in the province: "Chi Lăng" and "Huyện Chi Lăng"
   * are one district, "Thị xã Kỳ Anh" and "Huyện Kỳ Anh" two.
   */
  private districtKey(provinceKey: string, district: string): string {
    const [bare, type] = districtParts(district);
    let list = this.districts.get(provinceKey);
    if (!list) this.districts.set(provinceKey, (list = []));
    const fits = list.filter((d) => d.bare === bare && (type === null || d.type === null || d.type === type));
    const exact = fits.filter((d) => d.type === type);
    const hit = fits.length === 1 ? fits[0]! : exact.length === 1 ? exact[0]! : undefined;
    if (hit) {
      if (hit.type === null && type !== null && !list.some((d) => d !== hit && d.bare === bare)) hit.type = type;
      return hit.key;
    }
    const key = list.some((d) => d.bare === bare) ? `${bare}#${type ?? ""}` : bare;
    list.push({ bare, type, key });
    return key;
  }
}
