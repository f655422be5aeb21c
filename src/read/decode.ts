// Bytes -> text. Detection order: byte-order mark, then valid UTF-8, then Windows-1258 (what
// Excel's "CSV" writes on Vietnamese Windows). Everything comes out NFC, so "Lâm Đồng" typed
// on any system compares equal. An explicit --encoding always wins.

import { isUtf8 } from "node:buffer";
import { inputError } from "../errors.js";

export interface Decoded {
  readonly text: string;
  readonly encoding: string;
}

function decodeWith(bytes: Uint8Array, encoding: string, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: encoding === "utf-8" }).decode(bytes);
  } catch (err) {
    if (err instanceof RangeError) {
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
  return { text: decodeWith(bytes, "windows-1258", file).normalize("NFC"), encoding: "windows-1258" };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Why these bytes are not a text table, or null if they may be one. */
export function binaryKind(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 8);
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return "a ZIP archive (an Excel .xlsx workbook or an OpenDocument file?)";
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return "an old Excel (.xls) or Word binary file";
  }
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return "a PDF document";
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (utf16) return null;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return "binary data (it contains NUL bytes)";
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.05 ? "binary data" : null;
}
