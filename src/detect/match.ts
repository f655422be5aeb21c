// Header text -> canonical column. Headers are compared as folded words (no case, diacritics,
// punctuation; NFC/NFD alike) with the common abbreviations spelled out (KDC, ANTT, CQ, DN,
// CSGD, TTXH, SL, RNT, ĐBNT). An exact alias wins; otherwise the closest column by shared
// words, accepted only when it is clearly closer than any other, so "Tổng số vụ phạm tội về
// TTXH" finds cases_total while "Pháo" alone (kilograms or pieces?) is reported as ambiguous.

import { IDENTIFIERS } from "../domain/columns.js";
import { dictionary, perDictionary } from "../domain/dictionary.js";
import { fold } from "../domain/text.js";

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  kdc: "khu dan cu",
  antt: "an ninh trat tu",
  atantt: "an toan ve an ninh trat tu",
  cq: "co quan",
  dn: "doanh nghiep",
  csgd: "co so giao duc",
  ttxh: "trat tu xa hoi",
  sl: "so luong",
  rnt: "rat nghiem trong",
  dbnt: "dac biet nghiem trong",
  dvhc: "don vi hanh chinh",
  tp: "thanh pho",
  tx: "thi xa",
  bv: "bao ve",
};

/** Words that carry no meaning for telling columns apart. */
const STOPWORDS = new Set(["so", "cac", "ve", "duoc", "va", "cua", "da", "o", "tai", "nguoi", "luot", "the", "of", "number"]);

/** Units in parentheses are part of a header's meaning: kilograms never map to pieces. */
const UNIT_GROUPS: readonly (readonly string[])[] = [["kg"], ["hop", "qua", "banh"], ["khau"], ["vien"]];

export function headerKey(text: string): string {
  return fold(text)
    .split(" ")
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(" ");
}

function words(key: string): Set<string> {
  return new Set(key.split(" ").filter((w) => w !== "" && !STOPWORDS.has(w)));
}

const UNIT_WORDS = new Set(UNIT_GROUPS.flat());
const withoutUnits = (ws: Set<string>) => new Set([...ws].filter((w) => !UNIT_WORDS.has(w)));

function unitGroup(ws: Set<string>): number {
  return UNIT_GROUPS.findIndex((g) => g.some((u) => ws.has(u)));
}

interface Phrase {
  readonly column: string;
  readonly key: string;
  readonly words: Set<string>;
}

/**
 * The run's dictionary as phrases: every column's name, labels and aliases, keyed. An exact
 * phrase names the first column that has it (built-in columns come first, so a configured
 * alias never takes a built-in column's header), and header texts already matched.
 */
const phrasebook = perDictionary((d) => {
  const phrases: readonly Phrase[] = [...IDENTIFIERS, ...d.tallies].flatMap((col) =>
    [col.name.replace(/_/g, " "), col.vi, col.en, ...col.aliases].map((text) => {
      const key = headerKey(text);
      return { column: col.name, key, words: words(key) };
    }),
  );
  const exact = new Map<string, string>();
  for (const p of phrases) if (!exact.has(p.key)) exact.set(p.key, p.column);
  return { phrases, exact, memo: new Map<string, HeaderMatch>() };
});

const IDENTIFIER_NAMES = new Set<string>(IDENTIFIERS.map((c) => c.name));


/** Headers that are never data: row numbers and notes. */
const IGNORED = new Set(["stt", "tt", "so tt", "so thu tu", "ghi chu", "note", "notes"]);

export type HeaderMatch =
  | { readonly status: "matched"; readonly column: string; readonly exact: boolean }
  | { readonly status: "ignored" }
  | { readonly status: "derived" }
  | { readonly status: "ambiguous"; readonly candidates: readonly string[] }
  | { readonly status: "unknown"; readonly candidates: readonly string[] };

const ACCEPT = 0.8;
const MARGIN = 0.12;
/** Two columns this close to a header, and this close to each other, make it ambiguous. */
const CLOSE = 0.6;
const SUGGEST = 0.4;

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return (2 * shared) / (a.size + b.size);
}


/** The column a header text names; see the module comment. Results are memoised. */
export function matchHeader(text: string): HeaderMatch {
  const memo = phrasebook().memo;
  let m = memo.get(text);
  if (!m) {
    if (memo.size > 50_000) memo.clear();
    memo.set(text, (m = matchUncached(text)));
  }
  return m;
}

function matchUncached(text: string): HeaderMatch {
  // A figure is no header (and data rows are tried as headers while the header is looked for).
  if (/^[\d\s.,/%()+-]*$/.test(text)) return { status: "unknown", candidates: [] };
  const key = headerKey(text);
  if (key === "") return { status: "unknown", candidates: [] };
  if (IGNORED.has(key)) return { status: "ignored" };
  const { exact: EXACT, phrases } = phrasebook();
  const exact = EXACT.get(key);
  if (exact) return { status: "matched", column: exact, exact: true };
  if (/\bty le\b|%|\bpercent\b|\brate\b/.test(`${key} ${text}`)) return { status: "derived" };

  const ws = words(key);
  const unit = unitGroup(ws);
  // "Số đơn vị", "Tổng đơn vị", "1. Số huyện": a header that counts something names a figure,
  // never a name, code, flag or period ("so" is a stopword, so "Số đơn vị" is otherwise as
  // close to "Đơn vị" as "Đơn vị" itself). But "Số/Mã ĐVHC" (number or code) is the code.
  const counts = /^(\d+ )*(tong|so) /.test(key);
  const numberOrCode = /^[\s\d.()]*số\s*\/\s*mã/iu.test(text.normalize("NFC"));
  const best = new Map<string, number>();
  for (const p of phrases) {
    if (counts && IDENTIFIER_NAMES.has(p.column) && !(numberOrCode && p.column === "unit_code")) continue;
    const pUnit = unitGroup(p.words);
    if (unit !== -1 && pUnit !== -1 && unit !== pUnit) continue;
    // A header without a unit says nothing of kg or pieces: compare it without them, so
    // "Pháo thu hồi" is as close to fireworks_kg as to fireworks_pieces (ambiguous).
    const score = dice(ws, unit === -1 && pUnit !== -1 ? withoutUnits(p.words) : p.words);
    if (score > (best.get(p.column) ?? 0)) best.set(p.column, score);
  }
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && first[1] >= ACCEPT && (!second || first[1] - second[1] >= MARGIN)) {
    return { status: "matched", column: first[0], exact: false };
  }
  if (first && second && second[1] >= CLOSE && first[1] - second[1] < MARGIN) {
    return { status: "ambiguous", candidates: ranked.filter(([, s]) => first[1] - s < MARGIN).slice(0, 3).map(([c]) => c) };
  }
  return { status: "unknown", candidates: ranked.filter(([, s]) => s >= SUGGEST).slice(0, 3).map(([c]) => c) };
}

// Report forms put a subject over several columns and each column's role under it
// ("Khu dân cư" over "Tổng số" and "Đạt chuẩn"): the dictionary's "Headers over two rows".
// subject id -> role id -> column (or, for the `rate` role, the ratio it states).

const SUBJECTS: Readonly<Record<string, readonly string[]>> = {
  residential_areas: ["Khu dân cư", "KDC", "Thôn, tổ dân phố", "Số khu dân cư"],
  communes: ["Xã", "Số xã"],
  wards: ["Phường", "Số phường"],
  townships: ["Thị trấn", "Số thị trấn"],
  special_zones: ["Đặc khu", "Số đặc khu"],
  agencies: ["Cơ quan, doanh nghiệp", "CQ, DN"],
  schools: ["Cơ sở giáo dục", "Cơ sở giáo dục (nhà trường)", "Nhà trường", "CSGD"],
  institutions: ["CQ, DN, CSGD", "Cơ quan, doanh nghiệp, cơ sở giáo dục"],
  complex_areas: ["Địa bàn phức tạp", "Địa bàn phức tạp về TTXH"],
  cases: ["Vụ phạm tội về TTXH", "Vụ phạm tội", "Phạm tội về TTXH", "Tội phạm về TTXH", "Vụ phạm tội về trật tự xã hội"],
  serious_cases: ["Án rất nghiêm trọng, đặc biệt nghiêm trọng", "Án RNT, ĐBNT", "Vụ rất nghiêm trọng, đặc biệt nghiêm trọng"],
  meetings: ["Họp dân, hội nghị", "Họp dân", "Hội nghị"],
  outreach: ["Tuyên truyền", "Tuyên truyền, phổ biến"],
  models: ["Mô hình", "Mô hình tự quản về ANTT", "Mô hình tự quản"],
  security_teams: ["Tổ bảo vệ ANTT", "Tổ bảo vệ an ninh, trật tự"],
};

const ROLES: Readonly<Record<string, readonly string[]>> = {
  total: ["Tổng số", "Số lượng", "Tổng", "SL"],
  occurred: ["Xảy ra", "Phát hiện", "Số vụ", "Tổng số vụ"],
  certified: ["Đạt chuẩn", "Được công nhận", "Đạt", "Đạt tiêu chuẩn", "Số đạt chuẩn", "Được công nhận đạt chuẩn"],
  transformed: ["Đã chuyển hóa", "Chuyển hóa"],
  solved: ["Làm rõ", "Khám phá", "Điều tra làm rõ", "Điều tra khám phá", "Số vụ làm rõ"],
  sessions: ["Số cuộc", "Số buổi", "Cuộc", "Buổi"],
  attendees: ["Lượt người tham dự", "Số người", "Lượt người", "Người tham dự", "Số người tham dự"],
  effective: ["Hiệu quả", "Hoạt động hiệu quả"],
  new: ["Xây dựng mới", "Mới"],
  teams: ["Số tổ", "Tổ"],
  members: ["Thành viên", "Số thành viên"],
  rate: ["Tỷ lệ", "Tỷ lệ (%)", "%", "Tỷ lệ %"],
};

const SUBJECT_ROLE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  residential_areas: { total: "residential_areas_total", certified: "residential_areas_certified", rate: "residential_area_coverage" },
  communes: { total: "communes_total", certified: "communes_certified", rate: "commune_coverage" },
  wards: { total: "wards_total", certified: "wards_certified", rate: "ward_coverage" },
  townships: { total: "townships_total", certified: "townships_certified", rate: "township_coverage" },
  special_zones: { total: "special_zones_total", certified: "special_zones_certified", rate: "special_zone_coverage" },
  agencies: { total: "agencies_total", certified: "agencies_certified", rate: "agency_coverage" },
  schools: { total: "schools_total", certified: "schools_certified", rate: "school_coverage" },
  institutions: { total: "institutions_total", certified: "institutions_certified", rate: "institution_coverage" },
  complex_areas: { total: "complex_areas_total", transformed: "complex_areas_transformed", rate: "complex_area_transformation" },
  cases: { total: "cases_total", occurred: "cases_total", solved: "cases_solved", rate: "solved_rate" },
  serious_cases: { total: "serious_cases_total", occurred: "serious_cases_total", solved: "serious_cases_solved", rate: "serious_solved_rate" },
  meetings: { sessions: "meetings", attendees: "meeting_attendees", total: "meetings" },
  outreach: { sessions: "outreach_sessions", attendees: "outreach_attendees", total: "outreach_sessions" },
  models: { total: "models_total", effective: "models_effective", new: "models_new", rate: "model_effectiveness" },
  security_teams: { teams: "security_teams", total: "security_teams", members: "security_team_members" },
};

const keyed = (table: Readonly<Record<string, readonly string[]>>) =>
  Object.entries(table)
    .flatMap(([id, texts]) => texts.map((t) => [headerKey(t), id] as const))
    .sort((a, b) => b[0].length - a[0].length);
const SUBJECT_KEYS = keyed(SUBJECTS);
const ROLE_KEYS = new Map(keyed(ROLES));

/** The column (or stated ratio) a subject and a role name together, or null. */
function subjectRole(subjectText: string, roleText: string): { column?: string; ratio?: string } | null {
  const subjectKey = headerKey(subjectText);
  const subject = SUBJECT_KEYS.find(([k]) => k === subjectKey)?.[1];
  const role = ROLE_KEYS.get(headerKey(roleText)) ?? (/\bty le\b/.test(headerKey(roleText)) || roleText.includes("%") ? "rate" : undefined);
  if (!subject || !role) return null;
  const target = SUBJECT_ROLE[subject]?.[role];
  if (!target) return null;
  return role === "rate" ? { ratio: target } : { column: target };
}

/** Splits "Khu dân cư đạt chuẩn" into a known subject and the rest ("đạt chuẩn"). */
function splitSubject(text: string): [string, string] | null {
  const key = headerKey(text);
  for (const [k] of SUBJECT_KEYS) if (key.startsWith(`${k} `)) return [k, key.slice(k.length + 1)];
  return null;
}

export type BandMatch =
  | HeaderMatch
  | { readonly status: "pair"; readonly columns: readonly [string, string] }
  | { readonly status: "rate"; readonly ratio: string | null };

/**
 * A column's header read from the rows of its header band, top to bottom (repeats removed):
 * ["Vụ phạm tội về TTXH", "Làm rõ"] -> cases_solved. Also a pair header ("Khu dân cư đạt
 * chuẩn/tổng số", whose cells read "1.361/1.367") and a stated rate ("Tỷ lệ (%)").
 */
export function matchBand(parts: readonly string[]): BandMatch {
  const texts = parts.map((p) => p.trim()).filter((p, i, all) => p !== "" && all.indexOf(p) === i);
  if (texts.length === 0) return { status: "unknown", candidates: [] };
  const last = texts[texts.length - 1]!;
  if (last.includes("/") && !/^\d/.test(last)) {
    const pair = matchPair(texts.slice(0, -1), last);
    if (pair) return pair;
  }
  for (let i = texts.length - 2; i >= 0; i--) {
    const sr = subjectRole(texts[i]!, last);
    if (sr?.column) return { status: "matched", column: sr.column, exact: true };
    if (sr?.ratio) return { status: "rate", ratio: sr.ratio };
  }
  const alone = matchHeader(last);
  if (alone.status === "derived") return { status: "rate", ratio: rateOf([...texts.slice(0, -1), last].join(" ")) };
  if (texts.length === 1 || (alone.status === "matched" && alone.exact)) return alone;
  const joined = matchHeader(texts.join(" "));
  if (joined.status === "derived") return { status: "rate", ratio: rateOf(texts.join(" ")) };
  return joined.status === "matched" || alone.status !== "matched" ? joined : alone;
}

function matchPair(above: readonly string[], text: string): BandMatch | null {
  const [leftText, rightText] = text.split("/", 2) as [string, string];
  // "Khu dân cư đạt chuẩn/tổng số", "Vụ phạm tội làm rõ/xảy ra": a subject, then two roles.
  const split = splitSubject(leftText);
  if (split) {
    const left = subjectRole(split[0], split[1]);
    const right = subjectRole(split[0], rightText);
    if (left?.column && right?.column && left.column !== right.column) return { status: "pair", columns: [left.column, right.column] };
  }
  const left = matchBand([...above, leftText]);
  if (left.status !== "matched") return null;
  let right = matchBand([...above, rightText]);
  if (right.status !== "matched") right = matchHeader(`${split ? split[0] : ""} ${rightText}`);
  if (right.status !== "matched" || right.column === left.column) return null;
  // A pair is two figures in one cell: a name's slashes list kinds of unit ("Xã/phường/thị
  // trấn" is the commune column, not commune and wards_total; "Quận/huyện" the district).
  if (IDENTIFIER_NAMES.has(left.column) || IDENTIFIER_NAMES.has(right.column)) return null;
  return { status: "pair", columns: [left.column, right.column] };
}

/** The ratio a stated-rate header names ("Tỷ lệ KDC đạt chuẩn"), or null to take it from its neighbours. */
function rateOf(text: string): string | null {
  const rest = headerKey(text).replace(/\bty le\b/g, "").trim();
  if (!rest) return null;
  for (const [k, id] of SUBJECT_KEYS) {
    if (rest === k || rest.startsWith(`${k} `)) return SUBJECT_ROLE[id]?.rate ?? null;
  }
  const m = matchHeader(rest);
  if (m.status !== "matched") return null;
  const ratio = dictionary().ratios.find((r) => r.numerator === m.column || r.denominator === m.column);
  return ratio?.name ?? null;
}
