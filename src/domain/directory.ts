// Who a row is: one identity for a unit however a file spells it. A unit is the same unit when
// its code matches, or, where either side has no code, when its names match under the keys of
// text.ts with the type word optional ("Thái Bình" is "Phường Thái Bình" when nothing else in
// that place is called Thái Bình). Codes are compared as numbers padded to their level's width
// ("1786" is "01786"). With a register (--units), its units are the ones rows resolve to; without
// one, the run learns units as rows name them, so the rows of a unit with and without a code
// are one unit. A directory belongs to one run.

import { periodEnd, periodStart } from "./period.js";
import { editDistance, fold, unitKey, type UnitType } from "./text.js";

/** Digits of a code at each level: province 2, district 3, commune 5 (GSO). */
export const CODE_WIDTH = { province: 2, district: 3, commune: 5 } as const;

/** A code cell as the code it stands for: digits padded to the level's width ("1786" -> "01786"); other text as written. */
export function padCode(code: string, level: keyof typeof CODE_WIDTH): string {
  const t = code.trim();
  if (!/^\d+$/.test(t)) return t;
  const digits = t.replace(/^0+(?=\d)/, "");
  return digits.length >= CODE_WIDTH[level] ? digits : digits.padStart(CODE_WIDTH[level], "0");
}

const COMMUNE_WORDS: readonly [string, UnitType][] = [
  ["xã ", "xã"],
  ["phường ", "phường"],
  ["thị trấn ", "thị trấn"],
  ["đặc khu ", "đặc khu"],
];
const DISTRICT_WORDS = ["huyện ", "quận ", "thị xã ", "thành phố "] as const;
const PROVINCE_WORDS = ["tỉnh ", "thành phố ", "tp ", "t. ", "tp. "] as const;

/** A name's key without its type word, and the word: "Xã Hoà Bình" -> ["hòa bình", "xã"]. */
export function communeParts(name: string): [string, UnitType | null] {
  const key = unitKey(name);
  for (const [word, type] of COMMUNE_WORDS) if (key.startsWith(word) && key.length > word.length) return [key.slice(word.length), type];
  return [key, null];
}

/** A district's key without its type word: "H. Chi Lăng" -> ["chi lăng", "huyện"]. */
export function districtParts(name: string): [string, string | null] {
  const key = unitKey(name);
  for (const word of DISTRICT_WORDS) if (key.startsWith(word) && key.length > word.length) return [key.slice(word.length), word.trim()];
  return [key, null];
}

/** A province's key without "Tỉnh", "Thành phố", "TP": "TP. Hồ Chí Minh" -> "hồ chí minh". */
export function provinceBare(name: string): string {
  const key = unitKey(name);
  for (const word of PROVINCE_WORDS) if (key.startsWith(word) && key.length > word.length) return key.slice(word.length).trim();
  return key;
}

/** A unit the run knows: one of the register's, or one learned from the rows. */
export interface KnownUnit {
  /** The unit's identity in the run (the same for every spelling and every file). */
  readonly identity: string;
  /** Names as shown: the register's, or the first spelling met. */
  readonly province: string;
  readonly district: string | null;
  readonly commune: string | null;
  /** The province's key, as the directory was given it (see `UnitDirectory`). */
  readonly provinceKey: string;
  readonly districtBare: string | null;
  districtType: string | null;
  readonly communeBare: string | null;
  communeType: UnitType | null;
  /** Padded code; a learned unit takes the first code a row gives it. */
  code: string | null;
  readonly fromRegister: boolean;
  /** Register row (1-based data row) or null. */
  readonly registerRow: number | null;
  /** First and last month of validity ("2025-07", "2025-06"), null when open: a register's valid_from/valid_to, or the official list's dates. */
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

/** A row's names, keyed: what the directory matches. */
export interface RowNames {
  readonly province: string;
  readonly provinceKey: string;
  readonly district: string | null;
  readonly commune: string | null;
  /** Padded code, or null. */
  readonly code: string | null;
  /** The row's period, when the register's units have validity: a unit is a candidate only for the periods it existed in. */
  readonly period?: string | null;
}

/** A register unit: its names, code and validity. */
export interface ListedUnit extends RowNames {
  readonly row?: number | undefined;
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
}

/** The month after "2025-06": "2025-07". */
function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Whether a unit existed during (some of) a period. */
export function validDuring(u: { validFrom: string | null; validTo: string | null }, period: string | null | undefined): boolean {
  if (!period || (u.validFrom === null && u.validTo === null)) return true;
  return (u.validFrom === null || u.validFrom <= periodEnd(period)) && (u.validTo === null || u.validTo >= periodStart(period));
}

/** What the directory made of a row's names. */
export interface Resolved {
  readonly unit: KnownUnit;
  /** Two or more units the names fit equally (no code to tell them apart): the row is not counted. */
  readonly ambiguous: readonly KnownUnit[] | null;
  /** The row's code is the register's code of another unit than its names: the row is not counted. */
  readonly codeOf: KnownUnit | null;
  /** The row's code is in no unit of the register, whose unit of that name has another code. */
  readonly unknownCode: boolean;
  /** The row matched none of the register's units. */
  readonly unlisted: boolean;
  /** The province is none tdbv knows (or could be two): the nearest official names. */
  readonly unknownProvince?: readonly string[];
}

const nameIndexKey = (provinceKey: string, bare: string, level: "d" | "c") => `${provinceKey}\u0000${level}\u0000${bare}`;

export class UnitDirectory {
  private readonly byName = new Map<string, KnownUnit[]>();
  private readonly byCode = new Map<string, KnownUnit[]>();
  private readonly all: KnownUnit[] = [];
  private readonly resolutions = new Map<string, Resolved>();
  /** Whether a register's units were given: rows then resolve to them, or are unlisted. */
  readonly hasRegister: boolean;
  /**
   * The months at which the register's units begin or end (sorted): a row's names resolve alike
   * for every period between two of them, so they are remembered per spelling and `eraOf` the
   * period. Empty when no unit has a validity.
   */
  readonly breaks: readonly string[];

  constructor(register: readonly ListedUnit[] = []) {
    this.hasRegister = register.length > 0;
    const breaks = new Set<string>();
    for (const r of register) {
      this.learn(r, true, r.row ?? null, r.validFrom ?? null, r.validTo ?? null);
      if (r.validFrom) breaks.add(r.validFrom);
      if (r.validTo) breaks.add(nextMonth(r.validTo));
    }
    this.breaks = [...breaks].sort();
  }

  /**
   * Which of the register's eras a period falls in: "" when validity plays no part; else how
   * many breaks come before its first month and before its last ("3-3"; a period across a
   * break, such as the year 2025 across 1 July, has two).
   */
  eraOf(period: string | null): string {
    if (this.breaks.length === 0 || period === null) return "";
    const first = periodStart(period);
    const last = periodEnd(period);
    let a = 0;
    let b = 0;
    for (const m of this.breaks) {
      if (m <= first) a++;
      if (m <= last) b++;
    }
    return `${a}-${b}`;
  }

  /** The register's units (and those learned since, after them). */
  units(): readonly KnownUnit[] {
    return this.all;
  }

  /** Register units sharing a name within their district with different codes (GSO lists a few). */
  sameNames(): KnownUnit[][] {
    const out: KnownUnit[][] = [];
    for (const list of this.byName.values()) {
      const reg = list.filter((u) => u.fromRegister);
      for (let i = 0; i < reg.length; i++) {
        const twins = reg.filter((v) => v !== reg[i] && v.validFrom === reg[i]!.validFrom && v.validTo === reg[i]!.validTo && v.districtBare === reg[i]!.districtBare && v.communeType === reg[i]!.communeType && v.districtType === reg[i]!.districtType);
        if (twins.length && reg.indexOf(twins[0]!) > i) out.push([reg[i]!, ...twins]);
      }
    }
    return out;
  }

  /**
   * The unit a row's names are, the same for every row that spells them alike in the run (what
   * was learned later does not change what a spelling was taken for: every path that reads a
   * row gets the same answer).
   */
  resolve(r: RowNames): Resolved {
    const k = `${r.provinceKey}\u0001${r.district ?? ""}\u0001${r.commune ?? ""}\u0001${r.code ?? ""}\u0001${r.period && this.breaks.length ? this.eraOf(r.period) : ""}`;
    let done = this.resolutions.get(k);
    if (done === undefined) this.resolutions.set(k, (done = this.resolveNew(r)));
    return done;
  }

  private resolveNew(r: RowNames): Resolved {
    const [communeBare, communeType] = r.commune ? communeParts(r.commune) : [null, null];
    const [districtBare, districtType] = r.district ? districtParts(r.district) : [null, null];
    const byCode = r.code ? this.codeUnit(r.code, r.period) : undefined;
    if (!communeBare && !districtBare) {
      // A code alone: the unit with that code, or a unit of its own.
      if (byCode) return { unit: byCode, ambiguous: null, codeOf: null, unknownCode: false, unlisted: false };
      return this.fresh(r, null, null, null, null, `code:${r.code ?? ""}`);
    }
    const level = communeBare ? "c" : "d";
    if (byCode && !byCode.fromRegister) {
      // A code met before is that unit, however this row spells it; code-less rows spelt so
      // will find it too.
      this.alias(byCode, r.provinceKey, (communeBare ?? districtBare)!, level);
      return { unit: byCode, ambiguous: null, codeOf: null, unknownCode: false, unlisted: this.hasRegister };
    }
    const candidates = this.byName.get(nameIndexKey(r.provinceKey, (communeBare ?? districtBare)!, level)) ?? [];
    const fits = candidates.filter((u) => {
      if (!validDuring(u, r.period)) return false;
      if (level === "c" && u.communeBare === null && u.districtBare !== null) return false;
      if (level === "d" && u.communeBare !== null) return false;
      if (communeType && u.communeType && communeType !== u.communeType) return false;
      if (level === "c" && districtBare && u.districtBare && districtBare !== u.districtBare) return false;
      if (districtType && u.districtType && districtType !== u.districtType) return false;
      return true;
    });
    let matches = fits;
    if (r.code) {
      const same = fits.filter((u) => u.code === r.code);
      if (same.length) matches = same;
      else if (byCode && byCode.fromRegister) {
        // The register gives the code to a unit whose names are not the row's.
        const named = fits.filter((u) => u.fromRegister);
        return { unit: named.length === 1 ? named[0]! : byCode, ambiguous: null, codeOf: byCode, unknownCode: false, unlisted: false };
      } else {
        // A unit without a code may be this one (a learned unit then takes the code when no
        // other unit has it); units with another code are other units.
        matches = fits.filter((u) => u.code === null);
        const coded = fits.filter((u) => u.fromRegister && u.code !== null);
        if (matches.length === 0 && coded.length === 1 && this.hasRegister) {
          // The names are a register unit's, the code is none of the register's.
          return { unit: coded[0]!, ambiguous: null, codeOf: null, unknownCode: true, unlisted: false };
        }
      }
    }
    // Several fit: a type word or district the row names exactly may tell them apart.
    if (matches.length > 1) {
      const exact = matches.filter((u) => (u.communeType === communeType || communeType === null) && (!districtBare || u.districtBare === districtBare) && (!districtType || u.districtType === districtType));
      const typed = exact.filter((u) => u.communeType === communeType);
      if (typed.length === 1) matches = typed;
      else if (exact.length === 1) matches = exact;
    }
    if (matches.length === 1) {
      const u = matches[0]!;
      if (!u.fromRegister) {
        // A learned unit learns what the row adds: its code, its type words.
        if (r.code && u.code === null && !byCode) this.setCode(u, r.code);
        if (communeType && u.communeType === null) u.communeType = communeType;
        if (districtType && u.districtType === null) u.districtType = districtType;
      }
      return { unit: u, ambiguous: null, codeOf: null, unknownCode: false, unlisted: false };
    }
    if (matches.length > 1) return { unit: matches[0]!, ambiguous: matches, codeOf: null, unknownCode: false, unlisted: false };
    const base = `${r.provinceKey}|${districtBare ?? ""}|${communeBare ?? ""}`;
    const identity = candidates.length > 0 ? `${base}#${r.code ?? communeType ?? districtType ?? candidates.length}` : base;
    return this.fresh(r, districtBare, districtType, communeBare, communeType, identity);
  }

  private fresh(r: RowNames, districtBare: string | null, districtType: string | null, communeBare: string | null, communeType: UnitType | null, identity: string): Resolved {
    const unit = this.add(r, districtBare, districtType, communeBare, communeType, identity, false, null);
    return { unit, ambiguous: null, codeOf: null, unknownCode: false, unlisted: this.hasRegister };
  }

  private learn(r: RowNames, fromRegister: boolean, row: number | null, validFrom: string | null, validTo: string | null): KnownUnit {
    const [communeBare, communeType] = r.commune ? communeParts(r.commune) : [null, null];
    const [districtBare, districtType] = r.district ? districtParts(r.district) : [null, null];
    const valid = validFrom || validTo ? `@${validFrom ?? ""}~${validTo ?? ""}` : "";
    const identity = `reg:${r.code ?? `${r.provinceKey}|${districtBare ?? ""}|${communeType ?? ""} ${communeBare ?? ""}`}${valid}`;
    return this.add(r, districtBare, districtType, communeBare, communeType, identity, fromRegister, row, validFrom, validTo);
  }

  private add(
    r: RowNames,
    districtBare: string | null,
    districtType: string | null,
    communeBare: string | null,
    communeType: UnitType | null,
    identity: string,
    fromRegister: boolean,
    row: number | null,
    validFrom: string | null = null,
    validTo: string | null = null,
  ): KnownUnit {
    const unit: KnownUnit = {
      validFrom,
      validTo,
      identity,
      province: r.province,
      district: r.district,
      commune: r.commune,
      provinceKey: r.provinceKey,
      districtBare,
      districtType,
      communeBare,
      communeType,
      code: null,
      fromRegister,
      registerRow: row,
    };
    if (communeBare !== null || districtBare !== null) {
      const k = nameIndexKey(r.provinceKey, (communeBare ?? districtBare)!, communeBare !== null ? "c" : "d");
      const list = this.byName.get(k);
      if (list) list.push(unit);
      else this.byName.set(k, [unit]);
    }
    if (r.code) {
      unit.code = r.code;
      const list = this.byCode.get(r.code);
      if (!list) this.byCode.set(r.code, [unit]);
      else if (fromRegister) list.push(unit);
    }
    this.all.push(unit);
    return unit;
  }

  /** The unit with a code, among those valid during the period (codes are reused across eras: 00004 was Trúc Bạch, is Ba Đình). */
  private codeUnit(code: string, period: string | null | undefined): KnownUnit | undefined {
    const list = this.byCode.get(code);
    if (!list) return undefined;
    if (list.length === 1) return validDuring(list[0]!, period) ? list[0] : undefined;
    return list.find((u) => validDuring(u, period));
  }

  /** Files a unit under one more spelling of its name. */
  private alias(u: KnownUnit, provinceKey: string, bare: string, level: "c" | "d"): void {
    const k = nameIndexKey(provinceKey, bare, level);
    const list = this.byName.get(k);
    if (!list) this.byName.set(k, [u]);
    else if (!list.includes(u)) list.push(u);
  }

  private setCode(u: KnownUnit, code: string): void {
    u.code = code;
    if (!this.byCode.has(code)) this.byCode.set(code, [u]);
  }

  /** Units of the register in the same province whose names are near `name` (district first). */
  near(provinceKey: string, district: string | null, name: string, max = 3): KnownUnit[] {
    return nearUnits(this.all.filter((u) => u.fromRegister), provinceKey, district, name, max);
  }
}

/** Up to `max` units whose bare names are near `name`: those of the row's district first, then its province. */
export function nearUnits(units: readonly KnownUnit[], provinceKey: string, district: string | null, name: string, max = 3): KnownUnit[] {
  const [bare] = communeParts(name);
  // A type word typed without its diacritics ("Xa Hoa Phu") is no word of the name either.
  const target = fold(bare).replace(/^(xa|phuong|thi tran|dac khu|x|p|tt) (?=\S)/, "");
  const dBare = district ? districtParts(district)[0] : null;
  const limit = Math.max(2, Math.floor(target.length / 3));
  const scored: { u: KnownUnit; d: number; local: number }[] = [];
  for (const u of units) {
    if (u.provinceKey !== provinceKey) continue;
    const b = u.communeBare ?? u.districtBare;
    if (b === null) continue;
    const f = fold(b);
    const d = f === target ? 0 : Math.abs(f.length - target.length) > limit ? limit + 1 : editDistance(target, f);
    if (d > limit) continue;
    scored.push({ u, d, local: dBare !== null && u.districtBare !== null && fold(u.districtBare) === fold(dBare) ? 0 : 1 });
  }
  scored.sort((a, b) => a.local - b.local || a.d - b.d);
  return scored.slice(0, max).map((s) => s.u);
}
