// Text typed with the legacy Vietnamese font encodings shows as garbage in Unicode: TCVN3
// (ABC, ".VnTime" fonts) as "Tæng céng", "L©m §ång"; VNI ("VNI-Times") as "Toång coäng",
// "Laâm Ñoàng". Both are converted: each candidate reading is scored by how much of it reads
// as Vietnamese syllables, and the garbage is replaced only when a conversion clearly reads
// better. TCVN3 goes through iconv-lite's "tcvn" table (loaded only then); VNI is decoded
// from the structure of its encoding (below).

import { createRequire } from "node:module";

const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯĩĨũŨ\u1ea0-\u1ef9]/gu;
// Latin-1 letters and signs that Vietnamese text never uses but TCVN3/VNI garbage is full of.
const GARBAGE = /[¡¢£¤¥¦§¨ª¬®¯²³´µ¶¸¹º¼½¾¿ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïñöøûüþÿ]/gu;
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

// --- Vietnamese syllables: how much of a text reads as Vietnamese ---------------------------

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ONSET = "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?";
const NUCLEUS =
  "(a|e|i|o|u|y|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uy|ya|ye|ieu|oai|oao|oay|oeo|uai|uay|uoi|uou|uya|uye|uyu|yeu)";
const CODA = "(ch|ng|nh|c|m|n|p|t)?";
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`);

/** Words that are well-formed Vietnamese syllables minus words that cannot be any. */
export function vietnameseScore(text: string): number {
  let score = 0;
  for (const word of text.normalize("NFD").toLowerCase().split(/[^\p{L}\u0300-\u036f]+/u)) {
    if (!/[\u0300-\u036f]/.test(word) && !/[đ]/.test(word)) continue; // plain ASCII says nothing
    const tones = word.match(TONES)?.length ?? 0;
    const base = word.replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
    score += tones <= 1 && SYLLABLE.test(base) ? 1 : -1;
  }
  return score - 2 * count(text, GARBAGE);
}

// --- TCVN3 --------------------------------------------------------------------------------

let tcvn: Map<string, string> | null = null;

function iconv(): { decode(b: Buffer, enc: string): string } {
  return createRequire(import.meta.url)("iconv-lite") as { decode(b: Buffer, enc: string): string };
}

/** TCVN3 bytes -> text. */
export function decodeTcvn3(bytes: Uint8Array): string {
  return iconv().decode(Buffer.from(bytes), "tcvn").normalize("NFC");
}

/** A character as Windows-1252 shows a TCVN3 byte -> the letter that byte means. */
function tcvnTable(): Map<string, string> {
  if (tcvn) return tcvn;
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const meaning = [...iconv().decode(bytes, "tcvn")];
  const cp1252 = new TextDecoder("windows-1252");
  tcvn = new Map();
  for (let b = 0x80; b < 0x100; b++) {
    const letter = meaning[b]!;
    if (/\p{L}/u.test(letter)) {
      tcvn.set(cp1252.decode(bytes.subarray(b, b + 1)), letter);
      tcvn.set(String.fromCharCode(b), letter);
    }
  }
  return tcvn;
}

/** Re-reads garbage typed in TCVN3 fonts ("L©m §ång") as the Vietnamese it means ("Lâm Đồng"). */
export function fromTcvn3(text: string): string {
  const t = tcvnTable();
  let out = "";
  for (const ch of text) out += t.get(ch) ?? ch;
  return out.normalize("NFC");
}

// --- VNI ----------------------------------------------------------------------------------
// A VNI letter is its base letter followed by Latin-1 characters the VNI fonts draw as marks:
// tones sắc ù, huyền ø, hỏi û, ngã õ, nặng ï; â ê ô are the vowel + â, with a tone á à å ã ä;
// ă is a + ê, with a tone é è ú ü ë; ơ and ư are the single characters ô and ö followed by a
// plain tone; i's toned forms are single characters (í ì æ ó ò), as is ỵ (î); đ Đ are ñ Ñ.

let vni: Map<string, string> | null = null;

function vniTable(): Map<string, string> {
  if (vni) return vni;
  const plainTones = ["ù", "ø", "û", "õ", "ï"];
  const hatTones = ["á", "à", "å", "ã", "ä"];
  const breveTones = ["é", "è", "ú", "ü", "ë"];
  const toned = (letter: string, k: number) => (letter + ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"][k]).normalize("NFC");
  const seq: [string, string][] = [["ñ", "đ"]];
  for (const v of ["a", "e", "o", "u", "y"]) plainTones.forEach((t, k) => seq.push([v + t, toned(v, k)]));
  for (const v of ["a", "e", "o"]) {
    const hat = { a: "â", e: "ê", o: "ô" }[v]!;
    seq.push([`${v}â`, hat]);
    hatTones.forEach((t, k) => seq.push([v + t, toned(hat, k)]));
  }
  seq.push(["aê", "ă"]);
  breveTones.forEach((t, k) => seq.push([`a${t}`, toned("ă", k)]));
  for (const [single, letter] of [["ô", "ơ"], ["ö", "ư"]] as const) {
    seq.push([single, letter]);
    plainTones.forEach((t, k) => seq.push([single + t, toned(letter, k)]));
  }
  seq.push(["æ", "ỉ"], ["ó", "ĩ"], ["ò", "ị"], ["î", "ỵ"]);
  vni = new Map();
  for (const [code, letter] of seq) {
    vni.set(code, letter);
    vni.set(code.toUpperCase(), letter.toUpperCase());
  }
  return vni;
}

/** Re-reads garbage typed in VNI fonts ("Laâm Ñoàng") as the Vietnamese it means ("Lâm Đồng"). */
export function fromVni(text: string): string {
  const t = vniTable();
  const chars = [...text.normalize("NFC")];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const two = chars[i]! + (chars[i + 1] ?? "");
    const hit2 = chars[i + 1] !== undefined ? t.get(two) : undefined;
    if (hit2 !== undefined) {
      out += hit2;
      i++;
      continue;
    }
    out += t.get(chars[i]!) ?? chars[i]!;
  }
  return out.normalize("NFC");
}

// --- Detection ----------------------------------------------------------------------------

export type LegacyKind = "tcvn3" | "vni";

/** Which legacy font encoding a text was typed in, or null when it reads as Unicode. */
export function detectLegacy(text: string): LegacyKind | null {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  const garbage = count(sample, GARBAGE);
  if (garbage < 3 || garbage <= count(sample, VIETNAMESE) / 4) return null;
  const asIs = vietnameseScore(sample);
  const tcvn3 = vietnameseScore(fromTcvn3(sample));
  const vniScore = vietnameseScore(fromVni(sample));
  const best = Math.max(tcvn3, vniScore);
  if (best <= asIs) return null;
  return vniScore > tcvn3 ? "vni" : "tcvn3";
}

export function fromLegacy(kind: LegacyKind, text: string): string {
  return kind === "vni" ? fromVni(text) : fromTcvn3(text);
}

export const LEGACY_NAMES: Record<LegacyKind, string> = {
  tcvn3: "TCVN3 (ABC, .VnTime fonts)",
  vni: "VNI (VNI-Times fonts)",
};
