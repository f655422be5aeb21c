// Keys for matching the names of official units (issue 15), built on the project's own
// normalisation (domain/text.ts: unitKey keeps diacritics and ignores case, spacing, NFC/NFD
// and old tone placement; fold drops diacritics and punctuation). What is added here: dashes
// of any kind with any spacing ("Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu") read as one, the
// prefixes of each level ("Tỉnh", "TP", "Huyện", "Xã", …) taken off to give a unit's bare name,
// and a key without spaces ("Hanoi", "Kontum", "Daklak").

import { fold, unitKey } from "../domain/text.js";

export type UnitLevel = "province" | "district" | "commune";

const DASHES = /\s*[-\u2010-\u2015\u2212]\s*/g;

/** unitKey with every dash written " - ": "Bà Rịa-Vũng Tàu" and "Bà Rịa – Vũng Tàu" give one key. */
export function nameKey(text: string): string {
  return unitKey(text.replace(DASHES, " - "));
}

/** Prefixes of each level, on nameKey's output (lower case, NFC, new tone placement). */
const PREFIX_EXACT: Readonly<Record<UnitLevel, RegExp>> = {
  province: /^(?:tỉnh|thành phố|tp\.|t\.p\.|t\.|tp(?=\s))\s*/u,
  district: /^(?:huyện|quận|thị xã|thành phố|h\.|q\.|tx\.|tp\.|tx(?=\s)|tp(?=\s))\s*/u,
  commune: /^(?:xã|phường|thị trấn|đặc khu|x\.|p\.|tt\.|tt(?=\s))\s*/u,
};

/**
 * The same prefixes typed without diacritics ("Xa", "Tinh", "Huyen"), matched on the text as
 * written (lower case), never on its folded form: folded, "Quản Bạ" would begin with "quan"
 * (Quận) and "Xà Phiên" with "xa" (Xã).
 */
const PREFIX_ASCII: Readonly<Record<UnitLevel, RegExp>> = {
  province: /^(?:tinh|thanh pho|tp|t\.?p\.?|t\.)(?:\s+|(?<=\.))/,
  district: /^(?:huyen|quan|thi xa|thanh pho|tx|tp)(?:\s+|\.\s*)/,
  commune: /^(?:xa|phuong|thi tran|dac khu|tt)(?:\s+|\.\s*)/,
};

/** A name without its level's prefix, as a nameKey; `ascii` when the prefix was written without diacritics. */
function strip(text: string, level: UnitLevel): { key: string; bare: string; ascii: boolean } {
  const key = nameKey(text);
  const exact = key.replace(PREFIX_EXACT[level], "");
  if (exact !== key) return { key, bare: exact === "" ? key : exact, ascii: false };
  const ascii = key.replace(PREFIX_ASCII[level], "");
  return ascii !== key && ascii !== "" ? { key, bare: ascii, ascii: true } : { key, bare: key, ascii: false };
}

/** The bare name of a unit, as a nameKey: "Tỉnh Hoà Bình" -> "hòa bình", "Xã  Vạn Ninh" -> "vạn ninh", "Xa Van Ninh" -> "van ninh". */
export function bareKey(text: string, level: UnitLevel): string {
  return strip(text, level).bare;
}

/** The bare name without diacritics or punctuation: "TP. Hồ Chí Minh" -> "ho chi minh". */
export function bareFold(text: string, level: UnitLevel): string {
  return fold(bareKey(text, level));
}

/**
 * The bare names a text may stand for, folded. A prefix typed without diacritics may be part of
 * the name: "Xa Phien" is Xã Phiên or a unit named Xà Phiên; both are given, the stripped first.
 */
export function bareFolds(text: string, level: UnitLevel): string[] {
  const s = strip(text, level);
  return s.ascii ? [fold(s.bare), fold(s.key)] : [fold(s.bare)];
}

/** bareFold without spaces: "Hà Nội", "Hanoi" and "HA NOI" give "hanoi". */
export function bareCompact(text: string, level: UnitLevel): string {
  return bareFold(text, level).replace(/ /g, "");
}

/** Whether a name carries its level's prefix ("Xã …", "Huyện …", "Tỉnh …", "TP. …", "Xa …"). */
export function hasPrefix(text: string, level: UnitLevel): boolean {
  const key = nameKey(text);
  return PREFIX_EXACT[level].test(key) || PREFIX_ASCII[level].test(key);
}

/** The width of each level's GSO code. */
export const CODE_WIDTH: Readonly<Record<UnitLevel, number>> = { province: 2, district: 3, commune: 5 };

/**
 * A code as GSO writes it, padded to its level's width: "1786" -> "01786" (Excel drops leading
 * zeros), " 04 " -> "04"; null for anything that is not 1 to width digits ("4.0", "A12").
 */
export function padCode(text: string, level: UnitLevel): string | null {
  const t = text.trim();
  const width = CODE_WIDTH[level];
  return /^\d+$/.test(t) && t.length <= width ? t.padStart(width, "0") : null;
}
