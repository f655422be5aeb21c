// Bytes -> text. Detection order: byte-order mark, then valid UTF-8, then Windows-1258 (what
// Excel's "CSV" writes on Vietnamese Windows). Everything comes out NFC, so "Lâm Đồng" typed
// on any system compares equal. An explicit --encoding always wins.

import { isUtf8 } from "node:buffer";
import { createRequire } from "node:module";
import { inputError } from "../errors.js";
import { decodeTcvn3, fromVni, vietnameseScore } from "./legacy.js";

export interface Decoded {
  readonly text: string;
  readonly encoding: string;
}

function decodeWith(bytes: Uint8Array, encoding: string, file: string): string {
  if (encoding === "tcvn3") return decodeTcvn3(bytes);
  try {
    return new TextDecoder(encoding, { fatal: encoding === "utf-8" }).decode(bytes);
  } catch (err) {
    if (err instanceof RangeError) {
      // A Node.js built without full ICU has no Windows-1258 decoder: iconv-lite has one.
      const iconv = createRequire(import.meta.url)("iconv-lite") as { encodingExists(e: string): boolean; decode(b: Buffer, enc: string): string };
      if (iconv.encodingExists(encoding)) return iconv.decode(Buffer.from(bytes), encoding);
      throw inputError(`${file}: this Node.js cannot decode "${encoding}"`, "Re-save the file as CSV UTF-8.");
    }
    throw inputError(`${file}: the bytes are not valid ${encoding}`, "Check --encoding, or re-save the file as CSV UTF-8.");
  }
}

export function decode(bytes: Uint8Array, file: string, forced: string | null): Decoded {
  if (forced) {
    const text = decodeWith(bytes, forced, file);
    return { text: stripBom(text).normalize("NFC"), encoding: forced };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith(bytes.subarray(3), "utf-8", file).normalize("NFC"), encoding: "utf-8 (BOM)" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: decodeWith(bytes.subarray(2), "utf-16le", file).normalize("NFC"), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeWith(bytes.subarray(2), "utf-16be", file).normalize("NFC"), encoding: "utf-16be" };
  }
  if (isUtf8(bytes)) return { text: new TextDecoder("utf-8").decode(bytes).normalize("NFC"), encoding: "utf-8" };
  // Not UTF-8: Windows-1258, or bytes typed with a legacy font encoding (TCVN3, VNI), which
  // read as garbage in Windows-1258. Whichever reading of the first 64 KB reads best as
  // Vietnamese wins; Windows-1258 on a tie.
  const sample = bytes.subarray(0, 65_536);
  const candidates: [string, (b: Uint8Array) => string][] = [
    ["windows-1258", (b) => decodeWith(b, "windows-1258", file).normalize("NFC")],
    ["tcvn3", decodeTcvn3],
    ["vni (windows-1252 bytes)", (b) => fromVni(decodeWith(b, "windows-1252", file))],
  ];
  let best = candidates[0]!;
  let bestScore = vietnameseScore(best[1](sample));
  for (const c of candidates.slice(1)) {
    const score = vietnameseScore(c[1](sample));
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return { text: best[1](bytes), encoding: best[0] };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
