// The country's provinces before and after 1 July 2025 (issue 15): the 63 of the last list before
// the reform (valid until 30 June 2025) and the 34 from 1 July 2025 (Nghị quyết 202/2025/QH15),
// with their GSO codes, official names, the old -> new merger table (exact: whole provinces were
// merged) and the spellings files use. Small and pure: it is loaded with the module, unlike the
// commune lists (units/lists.ts). test/units.test.ts holds these tables to data/units/*.csv.
//
// A name valid in both eras ("Thành phố Hà Nội", "Tỉnh Quảng Trị") is two provinces of different
// extent, kept apart by era; so are codes: 44 is Quảng Bình until 30 June 2025 and Quảng Trị
// after, 80 Long An then Tây Ninh.

import { REFORM_DATE } from "../domain/reform.js";
import { editDistance } from "../domain/text.js";
import { bareCompact, bareFold, bareKey } from "./keys.js";

/** The two official lists tdbv holds, by the date they describe. */
export type ListDate = "2025-03-01" | "2025-07-01";

export { REFORM_DATE };

export interface Province {
  /** GSO code, two digits ("01"). Not unique across eras: see `list`. */
  readonly code: string;
  /** Official name: "Tỉnh Quảng Bình", "Thành phố Hà Nội" (GSO's spelling, "Tỉnh Hoà Bình"). */
  readonly name: string;
  /** The name without "Tỉnh"/"Thành phố": "Quảng Bình". */
  readonly short: string;
  /** First day of validity; null for the old provinces (valid before the lists begin). */
  readonly validFrom: string | null;
  /** Last day of validity; null for the provinces in force. */
  readonly validTo: string | null;
  /** For an old province, the code of the new province it became part of on 1 July 2025. */
  readonly becomes: string | null;
  /** The official list it belongs to. */
  readonly list: ListDate;
}

// [code, official name, code of the new province it became part of]
const OLD: readonly (readonly [string, string, string])[] = [
  ["01", "Thành phố Hà Nội", "01"],
  ["02", "Tỉnh Hà Giang", "08"],
  ["04", "Tỉnh Cao Bằng", "04"],
  ["06", "Tỉnh Bắc Kạn", "19"],
  ["08", "Tỉnh Tuyên Quang", "08"],
  ["10", "Tỉnh Lào Cai", "15"],
  ["11", "Tỉnh Điện Biên", "11"],
  ["12", "Tỉnh Lai Châu", "12"],
  ["14", "Tỉnh Sơn La", "14"],
  ["15", "Tỉnh Yên Bái", "15"],
  ["17", "Tỉnh Hoà Bình", "25"],
  ["19", "Tỉnh Thái Nguyên", "19"],
  ["20", "Tỉnh Lạng Sơn", "20"],
  ["22", "Tỉnh Quảng Ninh", "22"],
  ["24", "Tỉnh Bắc Giang", "24"],
  ["25", "Tỉnh Phú Thọ", "25"],
  ["26", "Tỉnh Vĩnh Phúc", "25"],
  ["27", "Tỉnh Bắc Ninh", "24"],
  ["30", "Tỉnh Hải Dương", "31"],
  ["31", "Thành phố Hải Phòng", "31"],
  ["33", "Tỉnh Hưng Yên", "33"],
  ["34", "Tỉnh Thái Bình", "33"],
  ["35", "Tỉnh Hà Nam", "37"],
  ["36", "Tỉnh Nam Định", "37"],
  ["37", "Tỉnh Ninh Bình", "37"],
  ["38", "Tỉnh Thanh Hóa", "38"],
  ["40", "Tỉnh Nghệ An", "40"],
  ["42", "Tỉnh Hà Tĩnh", "42"],
  ["44", "Tỉnh Quảng Bình", "44"],
  ["45", "Tỉnh Quảng Trị", "44"],
  ["46", "Thành phố Huế", "46"],
  ["48", "Thành phố Đà Nẵng", "48"],
  ["49", "Tỉnh Quảng Nam", "48"],
  ["51", "Tỉnh Quảng Ngãi", "51"],
  ["52", "Tỉnh Bình Định", "52"],
  ["54", "Tỉnh Phú Yên", "66"],
  ["56", "Tỉnh Khánh Hòa", "56"],
  ["58", "Tỉnh Ninh Thuận", "56"],
  ["60", "Tỉnh Bình Thuận", "68"],
  ["62", "Tỉnh Kon Tum", "51"],
  ["64", "Tỉnh Gia Lai", "52"],
  ["66", "Tỉnh Đắk Lắk", "66"],
  ["67", "Tỉnh Đắk Nông", "68"],
  ["68", "Tỉnh Lâm Đồng", "68"],
  ["70", "Tỉnh Bình Phước", "75"],
  ["72", "Tỉnh Tây Ninh", "80"],
  ["74", "Tỉnh Bình Dương", "79"],
  ["75", "Tỉnh Đồng Nai", "75"],
  ["77", "Tỉnh Bà Rịa - Vũng Tàu", "79"],
  ["79", "Thành phố Hồ Chí Minh", "79"],
  ["80", "Tỉnh Long An", "80"],
  ["82", "Tỉnh Tiền Giang", "82"],
  ["83", "Tỉnh Bến Tre", "86"],
  ["84", "Tỉnh Trà Vinh", "86"],
  ["86", "Tỉnh Vĩnh Long", "86"],
  ["87", "Tỉnh Đồng Tháp", "82"],
  ["89", "Tỉnh An Giang", "91"],
  ["91", "Tỉnh Kiên Giang", "91"],
  ["92", "Thành phố Cần Thơ", "92"],
  ["93", "Tỉnh Hậu Giang", "92"],
  ["94", "Tỉnh Sóc Trăng", "92"],
  ["95", "Tỉnh Bạc Liêu", "96"],
  ["96", "Tỉnh Cà Mau", "96"],
];

const NEW: readonly (readonly [string, string])[] = [
  ["01", "Thành phố Hà Nội"],
  ["04", "Tỉnh Cao Bằng"],
  ["08", "Tỉnh Tuyên Quang"],
  ["11", "Tỉnh Điện Biên"],
  ["12", "Tỉnh Lai Châu"],
  ["14", "Tỉnh Sơn La"],
  ["15", "Tỉnh Lào Cai"],
  ["19", "Tỉnh Thái Nguyên"],
  ["20", "Tỉnh Lạng Sơn"],
  ["22", "Tỉnh Quảng Ninh"],
  ["24", "Tỉnh Bắc Ninh"],
  ["25", "Tỉnh Phú Thọ"],
  ["31", "Thành phố Hải Phòng"],
  ["33", "Tỉnh Hưng Yên"],
  ["37", "Tỉnh Ninh Bình"],
  ["38", "Tỉnh Thanh Hóa"],
  ["40", "Tỉnh Nghệ An"],
  ["42", "Tỉnh Hà Tĩnh"],
  ["44", "Tỉnh Quảng Trị"],
  ["46", "Thành phố Huế"],
  ["48", "Thành phố Đà Nẵng"],
  ["51", "Tỉnh Quảng Ngãi"],
  ["52", "Tỉnh Gia Lai"],
  ["56", "Tỉnh Khánh Hòa"],
  ["66", "Tỉnh Đắk Lắk"],
  ["68", "Tỉnh Lâm Đồng"],
  ["75", "Tỉnh Đồng Nai"],
  ["79", "Thành phố Hồ Chí Minh"],
  ["80", "Tỉnh Tây Ninh"],
  ["82", "Tỉnh Đồng Tháp"],
  ["86", "Tỉnh Vĩnh Long"],
  ["91", "Tỉnh An Giang"],
  ["92", "Thành phố Cần Thơ"],
  ["96", "Tỉnh Cà Mau"],
];

/**
 * Other spellings in use, by the short name they stand for (in every era that has it). Names
 * without diacritics, other tone placement, case, dashes, "Tỉnh"/"TP" and run-together words
 * ("Hanoi", "Kontum") need no entry: the keys cover them. Only spellings that cannot mean
 * another province are here. "Sài Gòn" is not: since 1 July 2025 it is also a ward of the city
 * (Phường Sài Gòn), so in a province column it is more likely a mistake than the city.
 */
const SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  "Hồ Chí Minh": ["HCM", "TPHCM", "TP.HCM", "HCMC", "Ho Chi Minh City", "Thành phố HCM"],
  // Huế was Tỉnh Thừa Thiên Huế until it became a centrally-run city on 1 January 2025.
  Huế: ["Thừa Thiên Huế", "Thừa Thiên - Huế", "TT Huế", "TT-Huế"],
  "Bà Rịa - Vũng Tàu": ["BR-VT", "BRVT"],
  // Older spellings, still common in files.
  "Bắc Kạn": ["Bắc Cạn"],
  "Đắk Lắk": ["Đắc Lắc", "Đắk Lắc", "Đắc Lắk"],
  "Đắk Nông": ["Đắc Nông"],
};

const shortName = (name: string) => name.replace(/^(Tỉnh|Thành phố) /u, "");

const OLD_PROVINCES: readonly Province[] = OLD.map(([code, name, becomes]) =>
  Object.freeze({ code, name, short: shortName(name), validFrom: null, validTo: "2025-06-30", becomes, list: "2025-03-01" as const }),
);
const NEW_PROVINCES: readonly Province[] = NEW.map(([code, name]) =>
  Object.freeze({ code, name, short: shortName(name), validFrom: REFORM_DATE, validTo: null, becomes: null, list: "2025-07-01" as const }),
);

/** The provinces of one list (63 before 1 July 2025, 34 from then), or of both. */
export function provinces(list?: ListDate): readonly Province[] {
  if (list === "2025-03-01") return OLD_PROVINCES;
  if (list === "2025-07-01") return NEW_PROVINCES;
  return [...OLD_PROVINCES, ...NEW_PROVINCES];
}

const BY_CODE: Readonly<Record<ListDate, ReadonlyMap<string, Province>>> = {
  "2025-03-01": new Map(OLD_PROVINCES.map((p) => [p.code, p])),
  "2025-07-01": new Map(NEW_PROVINCES.map((p) => [p.code, p])),
};

/** The province with this code in a list ("1" and "01" alike), or null. */
export function provinceByCode(code: string, list: ListDate): Province | null {
  return BY_CODE[list].get(code.length === 2 ? code : code.trim().padStart(2, "0")) ?? null;
}

/** The list in force on a date (YYYY-MM-DD, or YYYY-MM for its first day). */
export function listOn(date: string): ListDate {
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(date)) throw new Error(`not a date: ${date}`);
  return (date.length === 7 ? `${date}-01` : date) >= REFORM_DATE ? "2025-07-01" : "2025-03-01";
}

/** Whether a province is valid on a date. */
export function validOn(p: Province, date: string): boolean {
  return p.list === listOn(date);
}

/** The old provinces that formed a new one (by the new code): "44" -> Quảng Bình, Quảng Trị. */
export function provincesBecoming(newCode: string): readonly Province[] {
  const c = newCode.trim().padStart(2, "0");
  return OLD_PROVINCES.filter((p) => p.becomes === c);
}

/** The new province an old one became part of (itself for a new one). */
export function successor(p: Province): Province {
  return p.becomes === null ? p : provinceByCode(p.becomes, "2025-07-01")!;
}

/** The centrally-run cities ("thành phố trực thuộc trung ương"): the same six codes before and after 1 July 2025. */
const CENTRAL = new Set(["01", "31", "46", "48", "79", "92"]);

/** Whether a province is one of the six centrally-run cities of its era. */
export function isCentralCity(p: Province): boolean {
  return CENTRAL.has(p.code);
}

/** How a text was matched: by code, by the name as written (tone placement, case, spaces and prefixes aside), or without diacritics. */
export type MatchedBy = "code" | "name" | "spelling" | "folded";

export type ProvinceMatch =
  /** One province; `outsideDate` when none of that name or code is valid on the date asked and this one of the other era is. */
  | { readonly match: Province; readonly by: MatchedBy; readonly outsideDate?: true }
  /** Several provinces fit: `acrossEras` when they are one name in both eras (give a date to choose). */
  | { readonly ambiguous: readonly Province[]; readonly acrossEras: boolean }
  /** None fits; up to three near names. */
  | { readonly unknown: true; readonly nearest: readonly Province[] };

interface Indexes {
  readonly name: Map<string, Province[]>;
  readonly spelling: Map<string, Province[]>;
  readonly folded: Map<string, Province[]>;
  readonly compact: Map<string, Province[]>;
}

function add(map: Map<string, Province[]>, key: string, p: Province): void {
  const list = map.get(key);
  if (!list) map.set(key, [p]);
  else if (!list.includes(p)) list.push(p);
}

/** Built on the first lookup a quick match (official and short names as written) does not answer. */
let built: Indexes | null = null;
const indexes = (): Indexes => (built ??= buildIndexes());

function buildIndexes(): Indexes {
  const ix: Indexes = { name: new Map(), spelling: new Map(), folded: new Map(), compact: new Map() };
  for (const p of provinces()) {
    const spellings = [p.name, p.short, ...(SPELLINGS[p.short] ?? [])];
    add(ix.name, bareKey(p.name, "province"), p);
    for (const s of spellings) {
      add(ix.spelling, bareKey(s, "province"), p);
      add(ix.folded, bareFold(s, "province"), p);
      add(ix.compact, bareCompact(s, "province"), p);
    }
  }
  return ix;
}

/** Official and short names as they are usually written ("Tỉnh Lâm Đồng", "Lâm Đồng"), lower case: a file's usual spelling is found without building the indexes. */
const QUICK = new Map<string, Province[]>();
for (const p of [...OLD_PROVINCES, ...NEW_PROVINCES]) {
  for (const n of [p.name, p.short]) {
    const k = n.toLowerCase();
    const list = QUICK.get(k);
    if (!list) QUICK.set(k, [p]);
    else list.push(p);
  }
}

/**
 * The official name of a province written as its official or short name ("Lâm Đồng", "tỉnh
 * lâm đồng"), whichever era; null when the text is written otherwise (findProvince then).
 */
export function quickProvinceName(text: string): string | null {
  const found = QUICK.get(text.toLowerCase());
  if (!found) return null;
  const name = found[0]!.name;
  return found.every((p) => p.name === name) ? name : null;
}

/** Leading words of a run-together name that are a prefix: "TPHCM", "tinhlamdong". */
const COMPACT_PREFIX = /^(?:thanhpho|tinh|tp)/;

/**
 * The province a text names: a code ("44", "1") or a name however written ("Tỉnh Quảng Bình",
 * "quang binh", "TP.HCM", "Hoà Bình", NFD, extra spaces). `date` (YYYY-MM-DD) picks the era: the
 * provinces valid that day first, the other era's only when no name of that day fits. Without
 * a date a name of both eras is `ambiguous` (acrossEras). A text without diacritics that two
 * different provinces fold to is ambiguous, never one of them.
 */
export function findProvince(text: string, date?: string): ProvinceMatch {
  const era = date === undefined ? null : listOn(date);
  const t = text.normalize("NFC").trim();
  const steps: [MatchedBy, Province[]][] = [];
  if (/^\d{1,2}$/.test(t)) {
    const c = t.padStart(2, "0");
    steps.push(["code", provinces().filter((p) => p.code === c)]);
  } else if (t !== "") {
    steps.push(["name", indexes().name.get(bareKey(t, "province")) ?? []]);
    steps.push(["spelling", indexes().spelling.get(bareKey(t, "province")) ?? []]);
    steps.push(["folded", indexes().folded.get(bareFold(t, "province")) ?? []]);
    const compact = bareCompact(t, "province");
    const compactHits = indexes().compact.get(compact) ?? indexes().compact.get(compact.replace(COMPACT_PREFIX, "")) ?? [];
    steps.push(["folded", compactHits]);
  }
  for (const [by, found] of steps) {
    if (found.length === 0) continue;
    const inEra = era === null ? found : found.filter((p) => p.list === era);
    const chosen = inEra.length > 0 ? inEra : found;
    if (chosen.length === 1) return inEra.length > 0 || era === null ? { match: chosen[0]!, by } : { match: chosen[0]!, by, outsideDate: true };
    return { ambiguous: chosen, acrossEras: new Set(chosen.map((p) => p.short)).size === 1 };
  }
  return { unknown: true, nearest: nearestProvinces(t, era) };
}

/** Up to three provinces whose names are near a text (without diacritics), nearest first. */
export function nearestProvinces(text: string, era: ListDate | null = null): Province[] {
  const f = bareFold(text, "province");
  if (f === "") return [];
  const limit = Math.max(2, Math.ceil(f.length * 0.4));
  const scored: { p: Province; d: number }[] = [];
  for (const p of era === null ? provinces() : provinces(era)) {
    const d = Math.min(editDistance(f, bareFold(p.short, "province")), ...(SPELLINGS[p.short] ?? []).map((s) => editDistance(f, bareFold(s, "province"))));
    if (d <= limit) scored.push({ p, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.p.list === b.p.list ? 0 : a.p.list === "2025-07-01" ? -1 : 1) || a.p.code.localeCompare(b.p.code));
  const seen = new Set<string>();
  const out: Province[] = [];
  for (const { p } of scored) {
    if (seen.has(p.short)) continue; // one entry per name: the era is said by the match, not here
    seen.add(p.short);
    out.push(p);
    if (out.length === 3) break;
  }
  return out;
}
