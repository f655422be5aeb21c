// Text keys for matching: `fold` for headers and keywords (no case, no diacritics, no
// punctuation), `unitKey` for unit identity (case, spacing, tone-mark placement and
// abbreviated prefixes ignored, but letters and their diacritics kept: "Tân An" ≠ "Tấn An").

const COMBINING = /[\u0300-\u036f]/g;

/**
 * Remembers a text function's results: names and headers repeat on every row of a file, and
 * these keys are computed per row. The cache is dropped when it grows past `max` entries.
 */
function memo(fn: (text: string) => string, max = 100_000): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      cache.set(text, (v = fn(text)));
    }
    return v;
  };
}

/** Lower-case ASCII words separated by single spaces: "Số vụ (TTXH)" -> "so vu ttxh". */
export const fold = memo((text: string): string =>
  text
    .normalize("NFD")
    .replace(COMBINING, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim(),
);

/** NFC, trimmed, inner whitespace collapsed: how a name is shown. */
export const cleanText = memo((text: string): string => text.normalize("NFC").replace(/[\s\u00a0]+/g, " ").trim());

// Old-style tone placement ("Hoà", "Thuỷ", "Khoẻ") puts the mark on the second vowel of an
// open oa/oe/uy syllable; the new style ("Hòa", "Thủy") on the first. Keys use the new style.
const OLD_TONE = /([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\u0300-\u036f])/gu;

/** In NFC, where OLD_TONE could match: o or u before a, e or y with a tone mark and nothing else. */
const OLD_TONE_NFC = /[ou][àáảãạèéẻẽẹỳýỷỹỵ]/;

const PREFIX = /^(x|p|tt|tp|tx|h|q)\.\s*/u;
const PREFIXES: Readonly<Record<string, string>> = { x: "xã ", p: "phường ", tt: "thị trấn ", tp: "thành phố ", tx: "thị xã ", h: "huyện ", q: "quận " };

/** Identity key of a place name: "X. Hoà  Bình" and "Xã Hòa Bình" give the same key. */
export const unitKey = memo((name: string): string => {
  let key = name.normalize("NFC").toLowerCase().replace(/[\s\u00a0]+/g, " ").trim();
  key = key.replace(PREFIX, (_, p: string) => PREFIXES[p]!).normalize("NFC");
  // Most names have no old-style tone: they are left as they are, not decomposed and recomposed.
  return OLD_TONE_NFC.test(key) ? key.normalize("NFD").replace(OLD_TONE, "$1$3$2").normalize("NFC") : key;
});

export type UnitType = "xã" | "phường" | "thị trấn" | "đặc khu";

const TYPE_WORDS: readonly [string, UnitType][] = [
  ["xa", "xã"],
  ["phuong", "phường"],
  ["thi tran", "thị trấn"],
  ["dac khu", "đặc khu"],
  ["x", "xã"],
  ["p", "phường"],
  ["tt", "thị trấn"],
];

/** A `unit_type` cell ("Xã", "phuong", "TT") as a unit type, or null if it is none of them. */
export function parseUnitType(cell: string): UnitType | null {
  const f = fold(cell);
  for (const [word, type] of TYPE_WORDS) if (f === word) return type;
  return null;
}

/** The unit type a name's prefix gives: "Xã Vạn Ninh", "P. 1", "TT. Lạc Dương". */
export function unitTypeFromName(name: string): UnitType | null {
  const key = unitKey(name);
  if (key.startsWith("xã ")) return "xã";
  if (key.startsWith("phường ")) return "phường";
  if (key.startsWith("thị trấn ")) return "thị trấn";
  if (key.startsWith("đặc khu ")) return "đặc khu";
  return null;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
