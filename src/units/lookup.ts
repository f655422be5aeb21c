// What tdbv knows about a name or a code (`tdbv units`, issue 15): every province, district and
// commune of the two official lists that the query names, with its parents, validity, and where
// it went on 1 July 2025 or what it was formed from. Pure over the bundled lists.
//
// A query is a code (digits; "1786" is "01786": a code that lost its leading zeros may be of any
// level at least as wide) or a name, written any way units/keys.ts reads ("Xa Dong Khe",
// "TP. Huế", "Hoà Bình"); ", PARENT" parts narrow it to units of that district or province
// ("Đông Khê, Thanh Hóa").

import { editDistance, fold } from "../domain/text.js";
import { bareFold, bareFolds, bareKey, CODE_WIDTH, hasPrefix, nameKey, type UnitLevel } from "./keys.js";
import { crosswalk as bundledCrosswalk, officialDistricts, officialUnits, type Crosswalk, type CrosswalkTarget, type Part } from "./lists.js";
import { findProvince, isCentralCity, listOn, provinceByCode, provinces, provincesBecoming, type ListDate, type Province } from "./provinces.js";

export interface UnitRef {
  readonly code: string;
  readonly name: string;
}

/** Where a unit went on 1 July 2025, or one of the units a new unit was formed from. */
export interface UnitLink {
  readonly level: UnitLevel;
  readonly code: string;
  readonly name: string;
  /** The district (old units only) and province of the linked unit. */
  readonly district: UnitRef | null;
  readonly province: UnitRef | null;
  /** For communes: the whole old commune ("full") or a part of it ("partial"). */
  readonly part: Part | null;
  /**
   * The new province the old unit's province became part of, when the crosswalk links the old
   * commune with a new one of another province (an error of the crosswalk, said; see
   * crossProvinceRows in lists.ts).
   */
  readonly expectedProvince?: UnitRef;
}

export interface UnitInfo {
  readonly level: UnitLevel;
  readonly list: ListDate;
  readonly code: string;
  readonly name: string;
  /** "tỉnh", "thành phố" (centrally run), "huyện", "quận", "thị xã", "thành phố", "xã", "phường", "thị trấn", "đặc khu". */
  readonly type: string;
  readonly province: UnitRef | null;
  readonly district: UnitRef | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** Districts and communes below a province, communes below a district. */
  readonly districts: number | null;
  readonly communes: number | null;
  /** Other codes GSO gives the same name under the same parent ("Xã Đông Khê" of Thành phố Thanh Hóa: 16387 and 16408). */
  readonly sameName: readonly string[];
  /** Old provinces: the other old provinces merged into the same new one (empty: it alone became it). */
  readonly mergedWith: readonly UnitRef[] | null;
  /** Old units: where they went on 1 July 2025 (for a district: the new communes its communes went into). */
  readonly becomes: readonly UnitLink[] | null;
  /** An old commune (or district) the crosswalk does not place: said, never hidden. */
  readonly unplaced: boolean;
  /** New units: what they were formed from. */
  readonly formedFrom: readonly UnitLink[] | null;
}

export interface Lookup {
  readonly query: string;
  readonly asOf: string | null;
  readonly matches: readonly UnitInfo[];
  /** With asOf: no unit of that name or code was valid that day; the matches are of the other list. */
  readonly outsideDate: boolean;
  /** With asOf: how many units of that name or code the other list holds (left out, never silently: the text says so). */
  readonly otherList: number;
  /** When nothing matches: up to three near names, with their parents. */
  readonly nearest: readonly string[];
}

interface Entry {
  readonly level: UnitLevel;
  readonly list: ListDate;
  readonly code: string;
  readonly name: string;
  /** Keys of the bare name and of the whole name. */
  readonly bare: string;
  readonly full: string;
  readonly bareFolded: string;
  readonly fullFolded: string;
  readonly provinceCode: string;
  readonly districtCode: string | null;
}

let entries: Entry[] | null = null;

function allEntries(): Entry[] {
  if (entries) return entries;
  const out: Entry[] = [];
  // Official names always carry their prefix: the bare keys are the whole key without it.
  const entry = (level: UnitLevel, list: ListDate, code: string, name: string, provinceCode: string, districtCode: string | null): Entry => {
    const full = nameKey(name);
    const bare = bareKey(full, level);
    return { level, list, code, name, bare, full, bareFolded: fold(bare), fullFolded: fold(full), provinceCode, districtCode };
  };
  for (const p of provinces()) out.push(entry("province", p.list, p.code, p.name, p.code, null));
  for (const d of officialDistricts()) out.push(entry("district", "2025-03-01", d.code, d.name, d.provinceCode, null));
  for (const list of ["2025-03-01", "2025-07-01"] as const) for (const u of officialUnits(list)) out.push(entry("commune", list, u.code, u.name, u.provinceCode, u.districtCode));
  return (entries = out);
}

/** The whole name folded, its prefix kept but written out ("X. Vạn Ninh" -> "xa van ninh"). */
const wholeFold = (name: string) => fold(nameKey(name));

const LEVEL_ORDER: Readonly<Record<UnitLevel, number>> = { province: 0, district: 1, commune: 2 };
const WIDTH = CODE_WIDTH;

/** Units whose code the digits are: of the width given, or of any wider level when leading zeros may be missing. */
function byCode(digits: string): Entry[] {
  const levels = (Object.keys(WIDTH) as UnitLevel[]).filter((l) => (digits.startsWith("0") ? digits.length === WIDTH[l] : digits.length <= WIDTH[l]));
  return allEntries().filter((e) => levels.includes(e.level) && e.code === digits.padStart(WIDTH[e.level], "0"));
}

/** The levels a prefix allows: "Xã …" only communes, "Huyện …" only districts, "Thành phố …" provinces and districts. */
function levelsOf(text: string): UnitLevel[] {
  const levels = (["province", "district", "commune"] as const).filter((l) => hasPrefix(text, l));
  return levels.length === 0 ? ["province", "district", "commune"] : levels;
}

/**
 * Units a name names, kept by `keep` (the parents asked for): with diacritics first, then without
 * them when nothing is left; a text typed wholly without diacritics is matched without them at
 * once ("Thanh Phong" is Xã Thanh Phong and Xã Thạnh Phong alike).
 */
function byName(text: string, keep: (e: Entry) => boolean): Entry[] {
  const levels = levelsOf(text);
  const prefixed = levels.length < 3;
  const all = allEntries().filter((e) => levels.includes(e.level));
  // A prefixed query must match the whole name ("Xã Đông Khê" is not "Phường Đông Khê"); a bare one, the bare name.
  const key = nameKey(text);
  const bare = { province: bareKey(text, "province"), district: bareKey(text, "district"), commune: bareKey(text, "commune") };
  const exact = all.filter((e) => (prefixed ? e.full === key || (e.level === "province" && e.bare === bare.province) : e.bare === bare[e.level]));
  // Provinces through their usual spellings too ("TP.HCM", "Thừa Thiên Huế", "TT Huế", "BR-VT").
  const viaProvince = provinceEntries(text);
  // "Thành phố Thanh Hóa" is a district, not Tỉnh Thanh Hóa: a "Thành phố"/"Tỉnh" prefix must fit the province.
  const kind = provinceKind(text);
  const fits = (e: Entry) => e.level !== "province" || kind === null || kind === (isCentralCity(provinceByCode(e.code, e.list)!) ? "city" : "province");
  const found = unique([...exact, ...viaProvince]).filter(fits).filter(keep);
  if (found.length > 0 && /[^\x00-\x7f]/.test(text)) return found;
  // Without diacritics. A prefixed query matches the whole name ("Xa Dong Khe": Xã Đông Khê and
  // Xã Đồng Khê); a first word that looks like a prefix may be part of a name too ("Quan Ba" is
  // Huyện Quản Bạ, "Xa Phien" may be Xã Xà Phiên), at any level; a bare query matches bare names.
  const f = wholeFold(text);
  const unstripped = fold(key);
  const bareF = { province: fold(bare.province), district: fold(bare.district), commune: fold(bare.commune) };
  const folded = allEntries()
    .filter((e) => (prefixed ? (levels.includes(e.level) && e.fullFolded === f) || e.bareFolded === unstripped : e.bareFolded === bareF[e.level]))
    .filter(fits)
    .filter(keep);
  return unique([...found, ...folded]);
}

/** What a province prefix says: a centrally-run city ("Thành phố", "TP") or a province ("Tỉnh", "T."); null without one. */
function provinceKind(text: string): "city" | "province" | null {
  const key = nameKey(text);
  if (/^(thành phố|thanh pho|tp|t\.p)(\s|\.|$)/.test(key) || /^tp[a-z]/.test(key)) return "city";
  if (/^(tỉnh|tinh|t\.)(\s|$)/.test(key) || key.startsWith("t.")) return "province";
  return null;
}

function provinceEntries(text: string): Entry[] {
  const r = findProvince(text);
  const found: readonly Province[] = "match" in r ? [r.match] : "ambiguous" in r ? r.ambiguous : [];
  return allEntries().filter((e) => e.level === "province" && found.some((p) => p.code === e.code && p.list === e.list));
}

function unique(list: Entry[]): Entry[] {
  return [...new Set(list)];
}

/** Whether an entry lies in the district or province a text names. */
function within(e: Entry, parent: string): boolean {
  const p = provinceByCode(e.provinceCode, e.list);
  if (p && (bareFolds(parent, "province").includes(bareFold(p.name, "province")) || provinceEntries(parent).some((x) => x.code === p.code && x.list === p.list))) return true;
  if (e.districtCode !== null) {
    const d = officialDistricts().find((x) => x.code === e.districtCode);
    if (d && (bareFolds(parent, "district").includes(bareFold(d.name, "district")) || wholeFold(d.name) === wholeFold(parent))) return true;
  }
  return false;
}

/** What tdbv knows about a name or a code; `asOf` (YYYY-MM-DD) keeps the units valid that day when there are any. */
export function lookupUnits(query: string, options: { asOf?: string | null; crosswalk?: Crosswalk } = {}): Lookup {
  const asOf = options.asOf ?? null;
  const [head = "", ...parents] = query.normalize("NFC").split(",").map((s) => s.trim());
  const digits = head.replace(/\s+/g, "");
  const keep = (e: Entry) => parents.every((p) => p === "" || within(e, p));
  let found = /^\d{1,5}$/.test(digits) ? byCode(digits).filter(keep) : head === "" ? [] : byName(head, keep);
  let outsideDate = false;
  let otherList = 0;
  if (asOf !== null && found.length > 0) {
    const list = listOn(asOf);
    const inList = found.filter((e) => e.list === list);
    if (inList.length > 0) {
      otherList = found.length - inList.length;
      found = inList;
    } else outsideDate = true;
  }
  found.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.list.localeCompare(b.list) || a.code.localeCompare(b.code));
  const cw = options.crosswalk ?? bundledCrosswalk();
  return {
    query,
    asOf,
    matches: found.map((e) => ordered(describe(e, cw))),
    outsideDate,
    otherList,
    nearest: found.length === 0 && head !== "" && !/^\d+$/.test(digits) ? nearestNames(head) : [],
  };
}

/** The fields in the order JSON shows them. */
function ordered(u: UnitInfo): UnitInfo {
  const { level, list, code, name, type, province, district, validFrom, validTo, districts, communes, sameName, mergedWith, becomes, unplaced, formedFrom } = u;
  return { level, list, code, name, type, province, district, validFrom, validTo, districts, communes, sameName, mergedWith, becomes, unplaced, formedFrom };
}

function successorOf(oldProvinceCode: string): Province | null {
  const code = provinceByCode(oldProvinceCode, "2025-03-01")?.becomes;
  return code ? provinceByCode(code, "2025-07-01") : null;
}

function target(t: CrosswalkTarget, expected: Province | null): UnitLink {
  const link: UnitLink = { level: "commune", code: t.code, name: t.name, district: null, province: ref(t.provinceCode, t.provinceName), part: t.part };
  return expected && t.provinceCode !== "" && t.provinceCode !== expected.code ? { ...link, expectedProvince: ref(expected.code, expected.name) } : link;
}

function ref(code: string, name: string): UnitRef {
  return { code, name };
}

function provinceRef(code: string, list: ListDate): UnitRef | null {
  const p = provinceByCode(code, list);
  return p ? ref(p.code, p.name) : null;
}

function describe(e: Entry, cw: Crosswalk): UnitInfo {
  const base = { level: e.level, list: e.list, code: e.code, name: e.name, sameName: [] as string[], mergedWith: null, becomes: null, formedFrom: null, unplaced: false, districts: null, communes: null };
  const validFrom = e.list === "2025-07-01" ? "2025-07-01" : null;
  const validTo = e.list === "2025-03-01" ? "2025-06-30" : null;
  if (e.level === "province") {
    const p = provinceByCode(e.code, e.list)!;
    const communes = officialUnits(e.list).filter((u) => u.provinceCode === e.code).length;
    const districts = e.list === "2025-03-01" ? officialDistricts().filter((d) => d.provinceCode === e.code).length : null;
    const link = (q: Province): UnitLink => ({ level: "province", code: q.code, name: q.name, district: null, province: null, part: null });
    return {
      ...base,
      type: isCentralCity(p) ? "thành phố" : "tỉnh",
      province: null,
      district: null,
      validFrom,
      validTo,
      districts,
      communes,
      mergedWith: p.becomes === null ? null : provincesBecoming(p.becomes).filter((q) => q.code !== p.code).map((q) => ref(q.code, q.name)),
      becomes: p.becomes === null ? null : [link(provinceByCode(p.becomes, "2025-07-01")!)],
      formedFrom: p.list === "2025-07-01" ? provincesBecoming(p.code).map(link) : null,
    };
  }
  if (e.level === "district") {
    const d = officialDistricts().find((x) => x.code === e.code)!;
    const codes = officialUnits("2025-03-01").filter((u) => u.districtCode === e.code).map((u) => u.code);
    // An island district without communes is itself in the crosswalk.
    const targets = new Map<string, UnitLink>();
    for (const c of codes.length > 0 ? codes : [e.code]) {
      for (const t of cw.forward.get(c) ?? []) {
        if (!targets.has(t.code)) targets.set(t.code, { level: "commune", code: t.code, name: t.name, district: null, province: ref(t.provinceCode, t.provinceName), part: null });
      }
    }
    return {
      ...base,
      type: d.type,
      province: provinceRef(d.provinceCode, "2025-03-01"),
      district: null,
      validFrom,
      validTo,
      communes: d.communes,
      becomes: [...targets.values()].sort((a, b) => a.code.localeCompare(b.code)),
      unplaced: codes.length === 0 ? !cw.forward.has(e.code) : codes.some((c) => !cw.forward.has(c)),
    };
  }
  const unit = officialUnits(e.list).find((u) => u.code === e.code)!;
  const key = nameKey(unit.name);
  const sameName = officialUnits(e.list)
    .filter((u) => u.code !== unit.code && nameKey(u.name) === key && (e.list === "2025-03-01" ? u.districtCode === unit.districtCode : u.provinceCode === unit.provinceCode))
    .map((u) => u.code);
  const old = e.list === "2025-03-01";
  return {
    ...base,
    type: unit.type,
    province: provinceRef(unit.provinceCode, e.list),
    district: unit.districtCode === null ? null : ref(unit.districtCode, unit.districtName!),
    validFrom,
    validTo,
    sameName,
    becomes: old ? (cw.forward.get(unit.code) ?? []).map((t) => target(t, successorOf(unit.provinceCode))) : null,
    unplaced: old && !cw.forward.has(unit.code),
    formedFrom: old
      ? null
      : (cw.backward.get(unit.code) ?? []).map((s) => {
          const link: UnitLink = {
            level: s.districtCode === "" && s.code.length === 3 ? "district" : "commune",
            code: s.code,
            name: s.name,
            district: s.districtCode === "" ? null : ref(s.districtCode, s.districtName),
            province: s.provinceCode === "" ? null : ref(s.provinceCode, s.provinceName),
            part: s.part,
          };
          const expected = s.provinceCode === "" ? null : successorOf(s.provinceCode);
          return expected && expected.code !== unit.provinceCode ? { ...link, expectedProvince: ref(expected.code, expected.name) } : link;
        }),
  };
}

/** Up to three names near a text (without diacritics), each with its parents, nearest first. */
function nearestNames(text: string): string[] {
  const f = bareFold(text, levelsOf(text).length === 1 ? levelsOf(text)[0]! : "commune");
  if (f === "") return [];
  const limit = Math.max(2, Math.ceil(f.length * 0.4));
  const scored: { label: string; d: number; order: number }[] = [];
  for (const e of allEntries()) {
    if (Math.abs(e.bareFolded.length - f.length) > limit) continue;
    const d = editDistance(f, e.bareFolded);
    if (d > limit) continue;
    scored.push({ label: labelOf(e), d, order: LEVEL_ORDER[e.level] });
  }
  scored.sort((a, b) => a.d - b.d || a.order - b.order || a.label.localeCompare(b.label, "vi"));
  return [...new Set(scored.map((s) => s.label))].slice(0, 3);
}

function labelOf(e: Entry): string {
  if (e.level === "province") return e.name;
  const p = provinceByCode(e.provinceCode, e.list)?.name ?? "";
  if (e.level === "district") return `${e.name}, ${p}`;
  const d = e.districtCode === null ? null : officialDistricts().find((x) => x.code === e.districtCode)?.name;
  return d ? `${e.name}, ${d}, ${p}` : `${e.name}, ${p}`;
}
