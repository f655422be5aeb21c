// Header text -> canonical column. Headers are compared as folded words (no case, diacritics,
// punctuation; NFC/NFD alike) with the common abbreviations spelled out (KDC, ANTT, CQ, DN,
// CSGD, TTXH, SL, RNT, ĐBNT). An exact alias wins; otherwise the closest column by shared
// words, accepted only when it is clearly closer than any other, so "Tổng số vụ phạm tội về
// TTXH" finds cases_total while "Pháo" alone (kilograms or pieces?) is reported as ambiguous.

import { IDENTIFIERS, TALLIES } from "../domain/columns.js";
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

const PHRASES: readonly Phrase[] = [...IDENTIFIERS, ...TALLIES].flatMap((col) =>
  [col.name.replace(/_/g, " "), col.vi, col.en, ...col.aliases].map((text) => {
    const key = headerKey(text);
    return { column: col.name, key, words: words(key) };
  }),
);

const EXACT = new Map<string, string>();
for (const p of PHRASES) if (!EXACT.has(p.key)) EXACT.set(p.key, p.column);

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

export function matchHeader(text: string): HeaderMatch {
  const key = headerKey(text);
  if (key === "") return { status: "unknown", candidates: [] };
  if (IGNORED.has(key)) return { status: "ignored" };
  const exact = EXACT.get(key);
  if (exact) return { status: "matched", column: exact, exact: true };
  if (/\bty le\b|%|\bpercent\b|\brate\b/.test(`${key} ${text}`)) return { status: "derived" };

  const ws = words(key);
  const unit = unitGroup(ws);
  const best = new Map<string, number>();
  for (const p of PHRASES) {
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
