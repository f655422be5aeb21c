// `tdbv units` output: a lookup (units/lookup.ts) as text for people, in Vietnamese by default
// or English, or as JSON for scripts. Names stay as GSO writes them in both languages.

import type { Lookup, UnitInfo, UnitLink, UnitRef } from "./lookup.js";

export type Lang = "vi" | "en";

const WORDS = {
  vi: {
    level: { province: "cấp tỉnh", district: "cấp huyện", commune: "cấp xã" },
    type: (u: UnitInfo) => (u.level === "province" && u.type === "thành phố" ? "thành phố trực thuộc trung ương" : u.type),
    code: "mã",
    list: (d: string) => `danh sách ${day("vi", d)}`,
    validFrom: (d: string) => `hiệu lực từ ${day("vi", d)}`,
    validTo: (d: string) => `hiệu lực đến ${day("vi", d)}`,
    districts: (n: number) => `${n} đơn vị cấp huyện`,
    communes: (n: number) => `${n} đơn vị cấp xã`,
    within: "thuộc",
    sameName: (codes: string) => `cùng tên, cùng đơn vị cấp trên, mã khác: ${codes}`,
    reform: `từ ${day("vi", "2025-07-01")}`,
    provinceInto: (to: string, others: string) => (others ? `hợp nhất vào ${to}, cùng ${others}` : `giữ nguyên: ${to}`),
    provinceFrom: (from: string) => `hình thành từ: ${from}`,
    communeInto: (n: number) => (n === 1 ? "" : `chia cho ${n} đơn vị:`),
    full: "toàn bộ vào",
    partial: "một phần vào",
    fromFull: "toàn bộ",
    fromPartial: "một phần",
    districtInto: (n: number) => `không còn cấp huyện; các đơn vị cấp xã của huyện nay thuộc ${n} đơn vị cấp xã:`,
    formedFrom: (n: number) => `hình thành từ ${n} đơn vị:`,
    notFormed: "không có trong bảng chuyển đổi",
    unplaced: "bảng chuyển đổi không cho biết đơn vị này đi đâu",
    several: (n: number, q: string) => `${n} đơn vị khớp với "${q}":`,
    other: (n: number, d: string) => `Ngoài ra ${n} đơn vị cùng tên hoặc mã không còn hoặc chưa có hiệu lực ngày ${day("vi", d)} (bỏ --as-of để xem).`,
    island: "không có đơn vị cấp xã",
    unnamed: "đơn vị không có trong danh sách",
    elsewhere: (p: string) => `— nhưng tỉnh cũ của nó hợp nhất vào ${p}: bảng chuyển đổi có thể sai (sửa bằng --crosswalk)`,
    became: "trở thành",
    outside: (q: string, d: string) => `Không đơn vị nào khớp với "${q}" còn hiệu lực ngày ${day("vi", d)}; dưới đây là các đơn vị của danh sách kia.`,
    none: (q: string) => `không có đơn vị nào tên hoặc mã "${q}" trong danh sách 01/03/2025 và 01/07/2025`,
    nearest: "gần nhất",
  },
  en: {
    level: { province: "province level", district: "district level", commune: "commune level" },
    type: (u: UnitInfo) => TYPE_EN[u.level === "province" && u.type === "thành phố" ? "thành phố tw" : u.level === "district" && u.type === "thành phố" ? "thành phố h" : u.type] ?? u.type,
    code: "code",
    list: (d: string) => `list of ${d}`,
    validFrom: (d: string) => `valid from ${d}`,
    validTo: (d: string) => `valid until ${d}`,
    districts: (n: number) => `${n} district${n === 1 ? "" : "s"}`,
    communes: (n: number) => `${n} commune-level unit${n === 1 ? "" : "s"}`,
    within: "in",
    sameName: (codes: string) => `same name under the same parent, other code: ${codes}`,
    reform: "from 2025-07-01",
    provinceInto: (to: string, others: string) => (others ? `merged into ${to}, with ${others}` : `unchanged: ${to}`),
    provinceFrom: (from: string) => `formed from: ${from}`,
    communeInto: (n: number) => (n === 1 ? "" : `divided among ${n} units:`),
    full: "whole into",
    partial: "part into",
    fromFull: "whole of",
    fromPartial: "part of",
    districtInto: (n: number) => `districts abolished; its communes are now in ${n} commune-level unit${n === 1 ? "" : "s"}:`,
    formedFrom: (n: number) => `formed from ${n} unit${n === 1 ? "" : "s"}:`,
    notFormed: "not in the crosswalk",
    unplaced: "the crosswalk does not say where this unit went",
    several: (n: number, q: string) => `${n} units match "${q}":`,
    other: (n: number, d: string) => `${n} more unit${n === 1 ? "" : "s"} of that name or code ${n === 1 ? "is" : "are"} not valid on ${d} (run without --as-of to see ${n === 1 ? "it" : "them"}).`,
    island: "no commune-level units",
    unnamed: "a unit not in the lists",
    elsewhere: (p: string) => `— but its old province merged into ${p}: the crosswalk may be wrong (correct it with --crosswalk)`,
    became: "became",
    outside: (q: string, d: string) => `No unit matching "${q}" was valid on ${d}; these are of the other list.`,
    none: (q: string) => `no unit is named or coded "${q}" in the lists of 2025-03-01 and 2025-07-01`,
    nearest: "nearest",
  },
} as const;

const TYPE_EN: Readonly<Record<string, string>> = {
  tỉnh: "province",
  "thành phố tw": "centrally-run city",
  "thành phố h": "provincial city",
  huyện: "rural district",
  quận: "urban district",
  "thị xã": "town",
  xã: "commune",
  phường: "ward",
  "thị trấn": "township",
  "đặc khu": "special zone",
};

function day(lang: Lang, iso: string): string {
  if (lang === "en") return iso;
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

const named = (r: UnitRef, code: string) => `${r.name} (${code} ${r.code})`;

function linkText(l: UnitLink, code: string, lang: Lang = "vi"): string {
  const where = [l.district?.name, l.province?.name].filter((x): x is string => !!x);
  const text = `${l.name || WORDS[lang].unnamed} (${[`${code} ${l.code}`, ...where].join(", ")})`;
  return l.expectedProvince ? `${text} ${WORDS[lang].elsewhere(l.expectedProvince.name)}` : text;
}

function renderOne(u: UnitInfo, lang: Lang): string {
  const w = WORDS[lang];
  const lines: string[] = [`${u.name} (${w.code} ${u.code})`];
  const facts = [w.level[u.level], w.type(u), w.list(u.list)];
  if (u.validFrom) facts.push(w.validFrom(u.validFrom));
  if (u.validTo) facts.push(w.validTo(u.validTo));
  if (u.districts !== null) facts.push(w.districts(u.districts));
  if (u.communes !== null) facts.push(u.communes === 0 && u.level === "district" ? w.island : w.communes(u.communes));
  lines.push(`  ${facts.join(" · ")}`);
  const parents = [u.district, u.province].filter((x): x is UnitRef => x !== null);
  if (parents.length) lines.push(`  ${w.within}: ${parents.map((p) => named(p, w.code)).join(", ")}`);
  if (u.sameName.length) lines.push(`  ${w.sameName(u.sameName.join(", "))}`);
  if (u.level === "province") {
    if (u.becomes?.length) {
      const to = u.becomes[0]!;
      const others = (u.mergedWith ?? []).map((p) => named(p, w.code)).join(", ");
      lines.push(`  ${w.reform}: ${w.provinceInto(named(to, w.code), others)}`);
    }
    if (u.formedFrom?.length) lines.push(`  ${w.provinceFrom(u.formedFrom.map((p) => named(p, w.code)).join(", "))}`);
  } else if (u.level === "district") {
    if (u.unplaced) lines.push(`  ${w.unplaced}`);
    if (u.communes === 0 && u.becomes?.length === 1) lines.push(`  ${w.reform}: ${w.became} ${linkText(u.becomes[0]!, w.code)}`);
    else if (u.becomes?.length) {
      lines.push(`  ${w.reform}: ${w.districtInto(u.becomes.length)}`);
      for (const b of u.becomes) lines.push(`    ${linkText(b, w.code)}`);
    }
  } else if (u.becomes !== null) {
    if (u.unplaced) lines.push(`  ${w.reform}: ${w.unplaced}`);
    else if (u.becomes.length === 1) lines.push(`  ${w.reform}: ${u.becomes[0]!.part === "partial" ? w.partial : w.full} ${linkText(u.becomes[0]!, w.code, lang)}`);
    else {
      lines.push(`  ${w.reform}: ${w.communeInto(u.becomes.length)}`);
      for (const b of u.becomes) lines.push(`    ${b.part === "partial" ? w.partial : w.full} ${linkText(b, w.code, lang)}`);
    }
  } else if (u.formedFrom !== null) {
    if (u.formedFrom.length === 0) lines.push(`  ${w.notFormed}`);
    else {
      lines.push(`  ${w.formedFrom(u.formedFrom.length)}`);
      for (const f of u.formedFrom) lines.push(`    ${f.part === "partial" ? w.fromPartial : w.fromFull} ${linkText(f, w.code, lang)}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** The lookup as text: each unit, with a count first when there are several. */
export function renderLookupText(r: Lookup, lang: Lang): string {
  const w = WORDS[lang];
  const parts: string[] = [];
  if (r.outsideDate && r.asOf) parts.push(w.outside(r.query, r.asOf) + "\n");
  if (r.matches.length > 1) parts.push(w.several(r.matches.length, r.query) + "\n");
  parts.push(r.matches.map((u) => renderOne(u, lang)).join("\n"));
  if (r.otherList > 0 && r.asOf) parts.push(w.other(r.otherList, r.asOf) + "\n");
  return parts.join("\n");
}

/** What is said on standard error when nothing matches. */
export function renderNoMatch(r: Lookup, lang: Lang): string {
  const w = WORDS[lang];
  return `tdbv: ${w.none(r.query)}\n${r.nearest.length ? `  ${w.nearest}: ${r.nearest.join("; ")}\n` : ""}`;
}

/** The lookup as JSON (documented in docs/units.md). */
export function renderLookupJson(r: Lookup): string {
  return JSON.stringify(r, null, 2) + "\n";
}
