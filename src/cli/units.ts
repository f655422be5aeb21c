// `tdbv units QUERY`: what tdbv knows about a name or a code from the official lists it carries
// (issue 15). Loaded only when the command runs, with the lists it reads.

import { EXIT, inputError, usageError } from "../errors.js";
import type { Crosswalk } from "../units/lists.js";
import type { Io } from "./io.js";
import { bufferSource } from "../read/source.js";
import type { Cell } from "../read/sheet.js";

export interface UnitsFlags {
  asOf?: string;
  format?: string;
  lang?: string;
  crosswalk?: string;
}

export interface UnitsCliOptions {
  readonly query: string;
  readonly asOf: string | null;
  readonly format: "text" | "json";
  readonly lang: "vi" | "en";
  /** A user's corrections to the crosswalk (same columns), rows winning per old commune code. */
  readonly crosswalkFile: string | null;
}

/** A calendar date YYYY-MM-DD (or YYYY-MM, its first day) that exists. */
function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3] ?? "1")];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function resolveUnitsOptions(words: readonly string[], flags: UnitsFlags): UnitsCliOptions {
  const query = words.join(" ").normalize("NFC").replace(/\s+/g, " ").trim();
  if (query === "") {
    throw usageError(
      { vi: "tdbv units cần một tên hoặc một mã", en: "tdbv units needs a name or a code" },
      { vi: 'Chạy ví dụ tdbv units "Đông Khê" hoặc tdbv units 01786.', en: 'Run e.g. tdbv units "Đông Khê" or tdbv units 01786.' },
    );
  }
  if (flags.asOf !== undefined && !isDate(flags.asOf)) throw usageError({ vi: `--as-of phải là ngày dạng YYYY-MM-DD; nhận được "${flags.asOf}"`, en: `--as-of must be a date YYYY-MM-DD; got "${flags.asOf}"` });
  if (flags.format !== undefined && flags.format !== "text" && flags.format !== "json") throw usageError({ vi: `--format phải là một trong text, json; nhận được "${flags.format}"`, en: `--format must be one of text, json; got "${flags.format}"` });
  if (flags.lang !== undefined && flags.lang !== "vi" && flags.lang !== "en") throw usageError({ vi: `--lang phải là một trong vi, en; nhận được "${flags.lang}"`, en: `--lang must be one of vi, en; got "${flags.lang}"` });
  return {
    query,
    asOf: flags.asOf === undefined ? null : flags.asOf.length === 7 ? `${flags.asOf}-01` : flags.asOf,
    format: flags.format === "json" ? "json" : "text",
    lang: flags.lang === "en" ? "en" : "vi",
    crosswalkFile: flags.crosswalk ?? null,
  };
}

/** The bundled crosswalk is 1.2 MB; a file of corrections larger than this is not one. */
const CROSSWALK_LIMIT = 64 << 20;

/** The first sheet of the corrections file (CSV in any encoding tdbv reads, or a workbook), header first. */
async function readCorrections(file: string, io: Io): Promise<(readonly Cell[])[]> {
  let bytes: Buffer | null;
  try {
    bytes = io.readFile(file, CROSSWALK_LIMIT);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError({ vi: `${file}: không có tệp này`, en: `${file}: no such file` }, { vi: "Kiểm tra đường dẫn của --crosswalk.", en: "Check the path of --crosswalk." });
    if (code === "EISDIR") throw inputError({ vi: `${file}: là thư mục, không phải tệp`, en: `${file}: is a folder, not a file` });
    throw inputError({ vi: `${file}: không đọc được (${code ?? String(err)})`, en: `${file}: cannot be read (${code ?? String(err)})` });
  }
  if (bytes === null) {
    throw inputError({
      vi: `${file}: tệp sửa bảng chuyển đổi lớn hơn mức tdbv đọc (${CROSSWALK_LIMIT >> 20} MB)`,
      en: `${file}: the crosswalk corrections are larger than tdbv reads (${CROSSWALK_LIMIT >> 20} MB)`,
    });
  }
  const { prepare, readSource } = await import("../read/index.js");
  const source = bufferSource(file, bytes);
  const [sheet] = readSource(source, await prepare([source]), { delimiter: null, encoding: null });
  return sheet ? [...sheet.head, ...sheet.rest] : [];
}

/** The bundled crosswalk corrected by a user's file (--crosswalk), with what it leaves unplaced said on standard error. */
export async function correctedCrosswalk(file: string, io: Io, lang: "vi" | "en" = "vi"): Promise<Crosswalk> {
  const { crosswalkFromTable, unknownTargets, unplacedCommunes } = await import("../units/lists.js");
  const crosswalk = crosswalkFromTable(await readCorrections(file, io), file);
  const unknown = unknownTargets(crosswalk);
  if (unknown.length) {
    const shown = unknown.slice(0, 5).map((u) => `${u.oldCode} -> ${u.target.code}`).join(", ");
    const more = unknown.length > 5 ? ", …" : "";
    io.stderr(
      lang === "vi"
        ? `tdbv: ${file}: ${unknown.length} dòng chuyển một xã sang mã không có trong danh sách từ 1/7/2025: ${shown}${more}\n`
        : `tdbv: ${file}: ${unknown.length} row${unknown.length === 1 ? " sends" : "s send"} a commune to a code not in the list of 1 July 2025: ${shown}${more}\n`,
    );
  }
  const unplaced = unplacedCommunes(crosswalk);
  if (unplaced.length) {
    const codes = unplaced.slice(0, 5).map((u) => u.code).join(", ");
    io.stderr(
      lang === "vi"
        ? `tdbv: ${unplaced.length} xã cũ không được dòng nào của bảng chuyển đổi xếp vào xã mới: ${codes}\n`
        : `tdbv: ${unplaced.length} old communes are placed by no crosswalk row: ${codes}\n`,
    );
  }
  return crosswalk;
}

export async function runUnits(o: UnitsCliOptions, io: Io): Promise<number> {
  const { lookupUnits } = await import("../units/lookup.js");
  const { crosswalk: bundled } = await import("../units/lists.js");
  const { renderLookupJson, renderLookupText, renderNoMatch } = await import("../units/describe.js");
  // Corrections: said, never hidden, when they send a commune nowhere known or leave one unplaced.
  const crosswalk = o.crosswalkFile === null ? bundled() : await correctedCrosswalk(o.crosswalkFile, io, o.lang);
  const r = lookupUnits(o.query, { asOf: o.asOf, crosswalk });
  if (o.format === "json") io.stdout(renderLookupJson(r));
  else if (r.matches.length > 0) io.stdout(renderLookupText(r, o.lang));
  if (r.matches.length === 0) {
    io.stderr(renderNoMatch(r, o.lang));
    return EXIT.dataErrors;
  }
  return EXIT.ok;
}
