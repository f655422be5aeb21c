// The official lists bundled with tdbv (data/units/, sources in its README.md), read the first
// time a function asks for them and kept for the rest of the process: the 10,047 communes of
// 01/03/2025 with their 696 districts, the 3,321 communes of 1 July 2025, and the crosswalk from
// old communes to new ones (issue 15). Nothing here is imported by a run that does not use them.
//
// Codes are text with their leading zeros (province 2 digits, district 3, commune 5). Names are
// as GSO writes them (old tone placement, a few double spaces): match them with units/keys.ts,
// never by their bytes.

import { readFileSync } from "node:fs";
import { inputError } from "../errors.js";
import { cleanText, fold } from "../domain/text.js";
import { readCsv } from "../read/csv.js";
import { bufferSource } from "../read/source.js";
import { readDataCsv } from "./data.js";
import { provinceByCode, type ListDate } from "./provinces.js";

export type { ListDate } from "./provinces.js";

export type OfficialUnitType = "xã" | "phường" | "thị trấn" | "đặc khu";

/** One commune-level unit of an official list. */
export interface OfficialUnit {
  readonly provinceCode: string;
  readonly provinceName: string;
  /** The district (cấp huyện), null in the list of 1 July 2025 (districts were abolished). */
  readonly districtCode: string | null;
  readonly districtName: string | null;
  /** Five digits. */
  readonly code: string;
  /** Official name with its prefix, as GSO writes it ("Xã Đông Khê", "Phường Yên Hoà"), spaces cleaned (GSO's list has a few double and trailing ones). */
  readonly name: string;
  readonly type: OfficialUnitType;
  /** null: valid before the list begins (the old list). */
  readonly validFrom: string | null;
  /** null: in force. */
  readonly validTo: string | null;
  readonly list: ListDate;
}

/** One district (cấp huyện) of the list of 01/03/2025. */
export interface OfficialDistrict {
  readonly provinceCode: string;
  readonly provinceName: string;
  /** Three digits. */
  readonly code: string;
  readonly name: string;
  /** "huyện", "quận", "thị xã", "thành phố". */
  readonly type: string;
  /** How many communes it has in the list (0 for the five island districts without communes). */
  readonly communes: number;
  readonly validTo: string;
}

const FILES: Readonly<Record<ListDate, string>> = { "2025-03-01": "units-2025-03-01.csv", "2025-07-01": "units-2025-07-01.csv" };
export const CROSSWALK_FILE = "crosswalk-2025-07-01.csv";

const TYPES: Readonly<Record<string, OfficialUnitType>> = { xa: "xã", phuong: "phường", "thi tran": "thị trấn", "dac khu": "đặc khu" };

const cache = new Map<ListDate, readonly OfficialUnit[]>();

function header(rows: string[][], name: string, expected: readonly string[]): void {
  const got = rows[0]?.join(",");
  if (got !== expected.join(",")) throw new Error(`data/units/${name}: header ${got ?? "(none)"}, expected ${expected.join(",")}`);
}

/** The communes of an official list, in the list's order; read once per process. */
export function officialUnits(list: ListDate): readonly OfficialUnit[] {
  const cached = cache.get(list);
  if (cached) return cached;
  const rows = readDataCsv(FILES[list]);
  const old = list === "2025-03-01";
  header(rows, FILES[list], old ? ["province_code", "province", "district_code", "district", "commune_code", "commune", "unit_type"] : ["province_code", "province", "commune_code", "commune", "unit_type"]);
  const validFrom = old ? null : "2025-07-01";
  const validTo = old ? "2025-06-30" : null;
  const units: OfficialUnit[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const [provinceCode, provinceName, districtCode, districtName, code, name, type] = old ? r : [r[0], r[1], null, null, r[2], r[3], r[4]];
    const t = TYPES[fold(type ?? "")];
    if (!t || !provinceCode || !provinceName || !code || !name) throw new Error(`data/units/${FILES[list]}:${i + 1}: not a unit row`);
    units.push(
      Object.freeze({
        provinceCode,
        provinceName: cleanText(provinceName),
        districtCode: districtCode ?? null,
        districtName: districtName == null ? null : cleanText(districtName),
        code,
        name: cleanText(name),
        type: t,
        validFrom,
        validTo,
        list,
      }),
    );
  }
  const frozen = Object.freeze(units);
  cache.set(list, frozen);
  return frozen;
}

const byCodeCache = new Map<ListDate, ReadonlyMap<string, OfficialUnit>>();

/** The commune of a list with this code; "1786" and "01786" alike (a code that lost its leading zeros in Excel). */
export function unitByCode(list: ListDate, code: string): OfficialUnit | null {
  let map = byCodeCache.get(list);
  if (!map) byCodeCache.set(list, (map = new Map(officialUnits(list).map((u) => [u.code, u]))));
  const c = code.trim();
  return /^\d{1,5}$/.test(c) ? (map.get(c.padStart(5, "0")) ?? null) : null;
}

/**
 * The five island districts that have no communes (GSO lists no commune for them, so the commune
 * list has 691 districts of the 696): known from the crosswalk, where each is an "old commune" of
 * its own that became a special zone (đặc khu). Their provinces, by district code.
 */
const ISLAND_DISTRICTS: Readonly<Record<string, string>> = {
  "318": "31", // Huyện Bạch Long Vĩ, Thành phố Hải Phòng
  "471": "45", // Huyện Cồn Cỏ, Tỉnh Quảng Trị
  "498": "48", // Huyện Hoàng Sa, Thành phố Đà Nẵng
  "536": "51", // Huyện Lý Sơn, Tỉnh Quảng Ngãi
  "755": "77", // Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu
};

let districtCache: readonly OfficialDistrict[] | null = null;

const districtType = (name: string) => /^(Huyện|Quận|Thị xã|Thành phố) /u.exec(name)?.[1]?.toLowerCase() ?? "";

/** The 696 districts of 01/03/2025 (the commune list's 691 and the five island districts without communes), by code. */
export function officialDistricts(): readonly OfficialDistrict[] {
  if (districtCache) return districtCache;
  const byCode = new Map<string, { provinceCode: string; provinceName: string; code: string; name: string; type: string; communes: number; validTo: string }>();
  for (const u of officialUnits("2025-03-01")) {
    const d = byCode.get(u.districtCode!);
    if (d) d.communes++;
    else byCode.set(u.districtCode!, { provinceCode: u.provinceCode, provinceName: u.provinceName, code: u.districtCode!, name: u.districtName!, type: districtType(u.districtName!), communes: 1, validTo: "2025-06-30" });
  }
  // The island districts are the crosswalk's rows whose old code has three digits.
  for (const [oldCode = "", oldName = ""] of readDataCsv(CROSSWALK_FILE)) {
    const provinceCode = ISLAND_DISTRICTS[oldCode];
    if (provinceCode === undefined || byCode.has(oldCode)) continue;
    const p = provinceByCode(provinceCode, "2025-03-01")!;
    byCode.set(oldCode, { provinceCode, provinceName: p.name, code: oldCode, name: cleanText(oldName), type: districtType(oldName), communes: 0, validTo: "2025-06-30" });
  }
  districtCache = Object.freeze([...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)).map((d) => Object.freeze(d)));
  return districtCache;
}

// ---------------------------------------------------------------------------------------------
// The crosswalk

export type Part = "full" | "partial";

/** Where (part of) an old commune went on 1 July 2025. */
export interface CrosswalkTarget {
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
  readonly provinceName: string;
  /** "full": the whole old commune went into this new one; "partial": only part of it did. */
  readonly part: Part;
}

/** An old commune (or, for the five island districts, an old district) that went into a new one. */
export interface CrosswalkSource {
  readonly code: string;
  readonly name: string;
  /** The old district's code and name ("" for an island district, which is the source itself). */
  readonly districtCode: string;
  readonly districtName: string;
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly part: Part;
}

export interface Crosswalk {
  /** Old commune code -> the new commune(s) it went into. */
  readonly forward: ReadonlyMap<string, readonly CrosswalkTarget[]>;
  /** New commune code -> the old communes (or parts) it was formed from. */
  readonly backward: ReadonlyMap<string, readonly CrosswalkSource[]>;
  /** The files it was read from: the bundled one, then the user's corrections. */
  readonly sources: readonly string[];
  /** Old commune codes whose rows came from the user's file. */
  readonly corrected: ReadonlySet<string>;
}

interface CrosswalkRow {
  readonly oldCode: string;
  readonly oldName: string;
  readonly oldDistrict: string;
  readonly oldProvince: string;
  readonly newCode: string;
  readonly newName: string;
  readonly newProvince: string;
  readonly part: Part;
}

export const CROSSWALK_COLUMNS = ["old_commune_code", "old_commune", "old_district", "old_province", "commune_code", "commune", "province", "part"] as const;

/** The crosswalk's rows from a table whose first row is its header (the columns above, in any order). */
function crosswalkRows(rows: readonly (readonly unknown[])[], file: string, bundled = false): CrosswalkRow[] {
  const head = (rows[0] ?? []).map((c) => fold(String(c ?? "")).replace(/ /g, "_"));
  const at = Object.fromEntries(CROSSWALK_COLUMNS.map((c) => [c, head.indexOf(c)])) as Record<(typeof CROSSWALK_COLUMNS)[number], number>;
  const missing = (["old_commune_code", "commune_code", "part"] as const).filter((c) => at[c] < 0);
  if (missing.length) {
    throw inputError(
      { vi: `${file}: bảng chuyển đổi không có cột ${missing.join(", ")}`, en: `${file}: the crosswalk has no ${missing.join(", ")} column` },
      { vi: `Dòng tiêu đề phải có: ${CROSSWALK_COLUMNS.join(",")}.`, en: `Its header must name: ${CROSSWALK_COLUMNS.join(",")}.` },
    );
  }
  const out: CrosswalkRow[] = [];
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    // The bundled file is NFC and trimmed (test/units.test.ts); a user's file is cleaned.
    const cell = (c: (typeof CROSSWALK_COLUMNS)[number]) => (at[c] < 0 ? "" : bundled ? (r[at[c]] as string) : String(r[at[c]] ?? "").normalize("NFC").trim());
    if (!bundled && r.every((c) => String(c ?? "").trim() === "")) continue;
    const oldRaw = cell("old_commune_code");
    const newRaw = cell("commune_code");
    const part = cell("part").toLowerCase();
    const where = `${file}:${i + 1}`;
    const codeHint = { vi: "Mã xã có tối đa 5 chữ số (có thể mất số 0 ở đầu).", en: "A commune code has up to 5 digits (leading zeros may be missing)." };
    if (!/^\d{1,5}$/.test(oldRaw)) throw inputError({ vi: `${where}: old_commune_code "${oldRaw}" không phải là mã`, en: `${where}: old_commune_code "${oldRaw}" is not a code` }, codeHint);
    if (!/^\d{1,5}$/.test(newRaw)) throw inputError({ vi: `${where}: commune_code "${newRaw}" không phải là mã`, en: `${where}: commune_code "${newRaw}" is not a code` }, codeHint);
    if (part !== "full" && part !== "partial") {
      throw inputError({ vi: `${where}: part "${cell("part")}" không phải là full hay partial`, en: `${where}: part "${cell("part")}" is neither full nor partial` });
    }
    // An island district's code has three digits; every other old code is a commune's five.
    const oldCode = oldRaw.length === 3 && ISLAND_DISTRICTS[oldRaw] !== undefined ? oldRaw : oldRaw.padStart(5, "0");
    out.push({
      oldCode,
      oldName: cell("old_commune"),
      oldDistrict: cell("old_district"),
      oldProvince: cell("old_province"),
      newCode: newRaw.padStart(5, "0"),
      newName: cell("commune"),
      newProvince: cell("province"),
      part,
    });
  }
  return out;
}

function buildCrosswalk(base: readonly CrosswalkRow[], extra: readonly CrosswalkRow[], sources: readonly string[]): Crosswalk {
  const newUnits = new Map(officialUnits("2025-07-01").map((u) => [u.code, u]));
  const oldUnits = new Map(officialUnits("2025-03-01").map((u) => [u.code, u]));
  const corrected = new Set(extra.map((r) => r.oldCode));
  const rows = [...base.filter((r) => !corrected.has(r.oldCode)), ...extra];
  const forward = new Map<string, CrosswalkTarget[]>();
  const backward = new Map<string, CrosswalkSource[]>();
  for (const r of rows) {
    const unit = newUnits.get(r.newCode);
    // The official names of the new unit win over the file's spelling; a code not in the new list keeps the file's.
    const target: CrosswalkTarget = Object.freeze({
      code: r.newCode,
      name: unit?.name ?? r.newName,
      provinceCode: unit?.provinceCode ?? "",
      provinceName: unit?.provinceName ?? r.newProvince,
      part: r.part,
    });
    const list = forward.get(r.oldCode);
    if (list) list.push(target);
    else forward.set(r.oldCode, [target]);
    // Likewise the old unit's official names; an island district's province is known by its code.
    const old = oldUnits.get(r.oldCode);
    const island = ISLAND_DISTRICTS[r.oldCode];
    const oldProvince = old ? provinceByCode(old.provinceCode, "2025-03-01") : island ? provinceByCode(island, "2025-03-01") : null;
    const source: CrosswalkSource = Object.freeze({
      code: r.oldCode,
      name: old?.name ?? r.oldName,
      districtCode: old?.districtCode ?? "",
      districtName: old?.districtName ?? r.oldDistrict,
      provinceCode: oldProvince?.code ?? "",
      provinceName: oldProvince?.name ?? r.oldProvince,
      part: r.part,
    });
    const back = backward.get(r.newCode);
    if (back) back.push(source);
    else backward.set(r.newCode, [source]);
  }
  return { forward, backward, sources, corrected };
}

let crosswalkCache: Crosswalk | null = null;

/** The bundled crosswalk (old commune -> new communes, and back); read once per process. */
export function crosswalk(): Crosswalk {
  if (crosswalkCache) return crosswalkCache;
  const file = `data/units/${CROSSWALK_FILE}`;
  crosswalkCache = buildCrosswalk(crosswalkRows(readDataCsv(CROSSWALK_FILE), file, true), [], [file]);
  return crosswalkCache;
}

/**
 * The bundled crosswalk corrected by a user's CSV file of the same columns (any encoding tdbv
 * reads; `tdbv units --crosswalk` also reads workbooks): for each old_commune_code in the file,
 * its rows replace the bundled ones; codes may lack leading zeros. Without a file, the bundled
 * crosswalk. A file that cannot be read as a crosswalk is an input error naming the row.
 */
export function loadCrosswalk(extraFile?: string): Crosswalk {
  if (extraFile === undefined) return crosswalk();
  let bytes: Buffer;
  try {
    bytes = readFileSync(extraFile);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw inputError(
      code === "ENOENT"
        ? { vi: `${extraFile}: không có tệp này`, en: `${extraFile}: no such file` }
        : { vi: `${extraFile}: không đọc được (${code ?? String(err)})`, en: `${extraFile}: cannot be read (${code ?? String(err)})` },
    );
  }
  return crosswalkWith(bytes, extraFile);
}

/** The bundled crosswalk corrected by the bytes of a user's CSV file (see loadCrosswalk). */
export function crosswalkWith(bytes: Buffer, file: string): Crosswalk {
  const sheet = readCsv(bufferSource(file, bytes), { delimiter: null, encoding: null });
  return crosswalkFromTable([...sheet.head, ...sheet.rest], file);
}

/** The bundled crosswalk corrected by a table of a user's (header first), as read from a CSV or a workbook. */
export function crosswalkFromTable(rows: readonly (readonly unknown[])[], file: string): Crosswalk {
  const base = crosswalk();
  const bundled = `data/units/${CROSSWALK_FILE}`;
  return buildCrosswalk(crosswalkRows(readDataCsv(CROSSWALK_FILE), bundled, true), crosswalkRows(rows, file), [...base.sources, file]);
}

/** The old communes of 01/03/2025 that a crosswalk does not place (none in the bundled one). */
export function unplacedCommunes(cw: Crosswalk = crosswalk()): OfficialUnit[] {
  return officialUnits("2025-03-01").filter((u) => !cw.forward.has(u.code));
}

/**
 * Crosswalk rows that send an old commune to a new province other than the one its old province
 * became part of. The provinces were merged whole (Nghị quyết 202/2025/QH15), so such a row is
 * an error of the crosswalk: the bundled one has one (30622 Xã Tân Phú, Huyện Châu Thành, Tỉnh
 * An Giang -> 30259 Xã Tân Phú Trung, Tỉnh Đồng Tháp: it confuses it with 30274 Xã Tân Phú of
 * Huyện Châu Thành, Tỉnh Đồng Tháp). Reported, not corrected: tdbv does not know the right target.
 */
export function crossProvinceRows(cw: Crosswalk = crosswalk()): { oldCode: string; expectedProvinceCode: string; target: CrosswalkTarget }[] {
  const out: { oldCode: string; expectedProvinceCode: string; target: CrosswalkTarget }[] = [];
  for (const u of officialUnits("2025-03-01")) {
    const expected = provinceByCode(u.provinceCode, "2025-03-01")?.becomes;
    if (!expected) continue;
    for (const target of cw.forward.get(u.code) ?? []) if (target.provinceCode !== "" && target.provinceCode !== expected) out.push({ oldCode: u.code, expectedProvinceCode: expected, target });
  }
  return out;
}

/** Crosswalk targets that are not communes of the list of 1 July 2025 (none in the bundled one). */
export function unknownTargets(cw: Crosswalk = crosswalk()): { oldCode: string; target: CrosswalkTarget }[] {
  const known = new Set(officialUnits("2025-07-01").map((u) => u.code));
  const out: { oldCode: string; target: CrosswalkTarget }[] = [];
  for (const [oldCode, targets] of cw.forward) for (const target of targets) if (!known.has(target.code)) out.push({ oldCode, target });
  return out;
}
