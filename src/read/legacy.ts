// Text typed with the legacy Vietnamese font encodings shows as garbage in Unicode: TCVN3
// (ABC, ".VnTime" fonts) as "Tæng céng", "L©m §ång"; VNI as "Toång coäng". TCVN3 is converted
// (through iconv-lite's "tcvn" table, loaded only when such text is seen); VNI has no reliable
// decoder, so it is named with the way to convert it rather than read as names.

import { createRequire } from "node:module";

const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯĩĨũŨ\u1ea0-\u1ef9]/gu;
// Latin-1 letters and signs that Vietnamese text never uses but TCVN3/VNI garbage is full of.
const GARBAGE = /[¡¢£¤¥¦§¨ª¬®¯²³´µ¶¸¹º¼½¾¿ÄÅÆÇËÎÏÐÑÖØÛÜÞßäåæçëîïñöøûüþÿ]/gu;
const VNI_PATTERN = /[aeiouyAEIOUY][øùûõïâáàåãäêéèúüëôöòó](?=\p{L}|\s|$)|[Ññ][oaeiu]/gu;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

export type LegacyKind = "tcvn3" | "vni";

/** Which legacy font encoding a text looks typed in, or null when it reads as Unicode. */
export function detectLegacy(text: string): LegacyKind | null {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  const garbage = count(sample, GARBAGE);
  if (garbage < 3 || garbage <= count(sample, VIETNAMESE)) return null;
  const converted = fromTcvn3(sample);
  if (count(converted, GARBAGE) * 4 < garbage && count(converted, VIETNAMESE) > garbage / 2) return "tcvn3";
  return count(sample, VNI_PATTERN) >= 3 ? "vni" : "tcvn3";
}

let table: Map<string, string> | null = null;

/** char as a Windows-1252 reading of a TCVN3 byte -> the Vietnamese letter that byte means. */
function tcvnTable(): Map<string, string> {
  if (table) return table;
  const iconv = createRequire(import.meta.url)("iconv-lite") as { decode(b: Buffer, enc: string): string };
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  const meaning = [...iconv.decode(bytes, "tcvn")];
  const cp1252 = new TextDecoder("windows-1252");
  table = new Map();
  for (let b = 0x80; b < 0x100; b++) {
    const seen = cp1252.decode(bytes.subarray(b, b + 1));
    const letter = meaning[b]!;
    if (/\p{L}/u.test(letter) || /[\u0300-\u0323]/u.test(letter)) {
      table.set(seen, letter);
      table.set(String.fromCharCode(b), letter);
    }
  }
  return table;
}

/** Re-reads garbage typed in TCVN3 fonts as the Vietnamese it means ("L©m §ång" -> "Lâm Đồng"). */
export function fromTcvn3(text: string): string {
  const t = tcvnTable();
  let out = "";
  for (const ch of text) out += t.get(ch) ?? ch;
  return out.normalize("NFC");
}

export const VNI_HINT =
  "The text was typed with VNI fonts (e.g. \"VNI-Times\"). Convert it to Unicode first, e.g. with Unikey's " +
  "\"Công cụ chuyển mã\" (source: VNI Windows, destination: Unicode) on the spreadsheet, then export it again.";
