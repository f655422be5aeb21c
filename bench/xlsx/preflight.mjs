// The zip preflight measured in docs/spreadsheet-readers.md: tdbv's own (src/read/zip.ts, built
// to dist/ by `npm run build`), as the benchmark calls it. It walks the central directory, caps
// the entry count and the declared sizes, then inflates every entry with a hard output limit of
// declared size + 1, so a header that lies about the size fails at once. It does not check
// CRCs, zip64, encryption or the XML inside.
import { DEFAULT_ZIP_LIMITS, zipSummary } from "../../dist/read/zip.js";

export const DEFAULT_LIMITS = DEFAULT_ZIP_LIMITS;

export function preflightZip(buf, limits = {}) {
  const s = zipSummary(buf, { ...DEFAULT_ZIP_LIMITS, ...limits });
  if (s.problem) throw new Error(s.problem.en);
  return { entries: s.entries, totalBytes: s.totalBytes };
}
