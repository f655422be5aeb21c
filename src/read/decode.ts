// Bytes -> text, in chunks. The encoding is decided from the first bytes: a byte-order mark,
// then valid UTF-8, then whichever of Windows-1258 (what Excel's "CSV" writes on Vietnamese
// Windows), TCVN3 and VNI reads best as Vietnamese. Everything comes out NFC, so "Lâm Đồng"
// typed on any system compares equal. An explicit --encoding always wins.

import { isUtf8 } from "node:buffer";
import { createRequire } from "node:module";
import { inputError } from "../errors.js";
import { nfc } from "./csv-lines.js";
import { decodeTcvn3, fromVni, vietnameseScore } from "./legacy.js";

function decodeWith(bytes: Uint8Array, encoding: string, file: string): string {
  if (encoding === "tcvn3") return decodeTcvn3(bytes);
  try {
    return new TextDecoder(encoding, { fatal: encoding === "utf-8" }).decode(bytes);
  } catch (err) {
    if (err instanceof RangeError) {
      // A Node.js built without full ICU has no Windows-1258 decoder: iconv-lite has one.
      const iconv = createRequire(import.meta.url)("iconv-lite") as { encodingExists(e: string): boolean; decode(b: Buffer, enc: string): string };
      if (iconv.encodingExists(encoding)) return iconv.decode(Buffer.from(bytes), encoding);
      throw inputError(
        { vi: `${file}: bản Node.js này không giải mã được "${encoding}"`, en: `${file}: this Node.js cannot decode "${encoding}"` },
        { vi: "Lưu lại tệp thành CSV UTF-8.", en: "Re-save the file as CSV UTF-8." },
      );
    }
    throw inputError(
      { vi: `${file}: các byte không hợp lệ theo bảng mã ${encoding}`, en: `${file}: the bytes are not valid ${encoding}` },
      { vi: "Kiểm tra --encoding, hoặc lưu lại tệp thành CSV UTF-8.", en: "Check --encoding, or re-save the file as CSV UTF-8." },
    );
  }
}

/**
 * UTF-16 without a byte-order mark (some exports write none): text whose every 16-bit unit,
 * read in one byte order, is a printable character, a tab or a line break, and mostly ASCII
 * (delimiters, digits and line ends are). Binary data fails at its first control unit.
 */
export function looksUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return null;
  for (const [name, hi, lo] of [["utf-16le", 1, 0], ["utf-16be", 0, 1]] as const) {
    let ascii = 0;
    let ok = true;
    for (let i = 0; i < n; i += 2) {
      const u = (bytes[i + hi]! << 8) | bytes[i + lo]!;
      if (u < 0x20 ? u !== 0x09 && u !== 0x0a && u !== 0x0d : u === 0xfffe || u === 0xffff) {
        ok = false;
        break;
      }
      if (u < 0x80) ascii++;
    }
    if (ok && ascii * 2 >= n / 2) return name;
  }
  return null;
}

/** The encoding the first bytes show: a byte-order mark, valid UTF-8, else the best legacy reading. */
export function detectEncoding(head: Uint8Array, file: string): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // Before UTF-8: UTF-16 text of ASCII letters is valid UTF-8 (with a NUL after each).
  if (head.includes(0)) {
    const utf16 = looksUtf16(head);
    if (utf16) return utf16;
  }
  // The head may end inside a character: UTF-8 if it is valid once up to 3 bytes are dropped.
  for (let cut = 0; cut <= 3 && cut < head.length; cut++) if (isUtf8(head.subarray(0, head.length - cut))) return "utf-8";
  if (head.length === 0) return "utf-8";
  // Not UTF-8: Windows-1258, or bytes typed with a legacy font encoding (TCVN3, VNI), which
  // read as garbage in Windows-1258. Whichever reading reads best as Vietnamese wins;
  // Windows-1258 on a tie.
  const candidates: [string, (b: Uint8Array) => string][] = [
    ["windows-1258", (b) => decodeWith(b, "windows-1258", file).normalize("NFC")],
    ["tcvn3", decodeTcvn3],
    ["vni", (b) => fromVni(decodeWith(b, "windows-1252", file))],
  ];
  let best = candidates[0]!;
  let bestScore = vietnameseScore(best[1](head));
  for (const c of candidates.slice(1)) {
    const score = vietnameseScore(c[1](head));
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best[0];
}


/**
 * The text of a source, in chunks, decoded and NFC-normalised. What follows a chunk's last line
 * break waits for the next chunk (a line break never combines, and a VNI letter never spans
 * one), so a letter and its marks split between chunks still compose.
 * `sample`: the bytes are only the start of the file (they may end inside a character).
 */
export function* textChunks(chunks: Iterable<Uint8Array>, encoding: string, file: string, sample = false): Generator<string> {
  let pending = "";
  let first = true;
  const emit = (text: string, final: boolean): string => {
    let t = pending + text;
    if (first) {
      if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      if (t.length) first = false;
    }
    const cut = final ? t.length : Math.max(t.lastIndexOf("\n"), t.lastIndexOf("\r")) + 1;
    pending = t.slice(cut);
    return nfc(t.slice(0, cut));
  };
  if (encoding === "tcvn3" || encoding === "vni") {
    // Single-byte: every chunk decodes on its own. VNI pairs a letter with the marks after it,
    // so what follows the last line break is decoded with the next chunk.
    let raw = "";
    for (const c of chunks) {
      raw += encoding === "tcvn3" ? decodeTcvn3(c) : decodeWith(c, "windows-1252", file);
      const cut = raw.lastIndexOf("\n") + 1;
      const ready = encoding === "vni" ? fromVni(raw.slice(0, cut)) : raw.slice(0, cut);
      raw = raw.slice(cut);
      const out = emit(ready, false);
      if (out) yield out;
    }
    const out = emit(encoding === "vni" ? fromVni(raw) : raw, true);
    if (out) yield out;
    return;
  }
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    // A sample (the first 64 KB) may end inside a character: it is decoded leniently.
    decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" && !sample });
  } catch {
    // A Node.js without full ICU: decode the whole text with iconv-lite instead.
    const all = Buffer.concat([...chunks].map((c) => Buffer.from(c)));
    const out = emit(decodeWith(all, encoding, file), true);
    if (out) yield out;
    return;
  }
  try {
    for (const c of chunks) {
      const out = emit(decoder.decode(c, { stream: true }), false);
      if (out) yield out;
    }
    const out = emit(decoder.decode(), true);
    if (out) yield out;
  } catch (err) {
    if (err instanceof TypeError) {
      throw inputError(
        { vi: `${file}: ở đoạn sau của tệp, các byte không hợp lệ theo bảng mã ${encoding}`, en: `${file}: the bytes are not valid ${encoding} further into the file` },
        { vi: "Dùng --encoding với bảng mã của tệp, hoặc lưu lại tệp thành CSV UTF-8.", en: "Pass --encoding with the file's encoding, or re-save it as CSV UTF-8." },
      );
    }
    throw err;
  }
}
