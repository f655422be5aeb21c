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

/** The same prefixes on fold's output (ASCII words). */
const PREFIX_FOLD: Readonly<Record<UnitLevel, RegExp>> = {
  province: /^(?:tinh|thanh pho|tp|t p|t)\s+/,
  district: /^(?:huyen|quan|thi xa|thanh pho|h|q|tx|tp)\s+/,
  commune: /^(?:xa|phuong|thi tran|dac khu|x|p|tt)\s+/,
};

/** The bare name of a unit, as a nameKey: "Tỉnh Hoà Bình" -> "hòa bình", "Xã  Vạn Ninh" -> "vạn ninh". */
export function bareKey(text: string, level: UnitLevel): string {
  const key = nameKey(text);
  const bare = key.replace(PREFIX_EXACT[level], "");
  return bare === "" ? key : bare;
}

/** The bare name without diacritics or punctuation: "TP. Hồ Chí Minh" -> "ho chi minh". */
export function bareFold(text: string, level: UnitLevel): string {
  const key = fold(text);
  const bare = key.replace(PREFIX_FOLD[level], "");
  return bare === "" ? key : bare;
}

/** bareFold without spaces: "Hà Nội", "Hanoi" and "HA NOI" give "hanoi". */
export function bareCompact(text: string, level: UnitLevel): string {
  return bareFold(text, level).replace(/ /g, "");
}

/** The prefix a name carries that says its level's type, if any ("xã", "huyện", "tỉnh", …). */
export function hasPrefix(text: string, level: UnitLevel): boolean {
  return PREFIX_EXACT[level].test(nameKey(text)) || PREFIX_FOLD[level].test(fold(text));
}
