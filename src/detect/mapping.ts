// A saved column mapping: header text -> canonical column, for forms whose headers the
// aliases do not cover. `tdbv inspect --save-mapping FILE` writes one from what was detected;
// the user corrects it; `--mapping FILE` makes every command read files of that form with it.
//
//   { "tdbv_mapping": 1,
//     "columns": { "Vụ phạm tội về TTXH - Xảy ra": "cases_total",
//                  "KDC đạt chuẩn/tổng số": "residential_areas_certified/residential_areas_total",
//                  "Tỷ lệ (%)": "rate:residential_area_coverage",
//                  "Ghi chú cán bộ": null } }
//
// A value is a canonical column, two joined by "/" for a cell holding both ("1.361/1.367"),
// "rate:" and a ratio for a stated percentage, or null to ignore the column.

import { dictionary } from "../domain/dictionary.js";
import type { Text } from "../domain/problems.js";
import { usageError } from "../errors.js";
import { headerKey, type BandMatch } from "./match.js";

export type Mapping = ReadonlyMap<string, BandMatch>;


export function encodeMatch(m: BandMatch): string | null {
  switch (m.status) {
    case "matched":
      return m.column;
    case "pair":
      return `${m.columns[0]}/${m.columns[1]}`;
    case "rate":
      return m.ratio ? `rate:${m.ratio}` : "rate:";
    default:
      return null;
  }
}

function decodeValue(value: string | null, header: string, file: string): BandMatch {
  if (value === null) return { status: "ignored" };
  const bad = (why: Text) =>
    usageError(
      { vi: `${file}: cột "${header}" được ánh xạ thành "${value}": ${why.vi}`, en: `${file}: the mapping of "${header}" is "${value}": ${why.en}` },
      {
        vi: `Dùng một tên cột trong docs/input.md, hai tên nối bằng "/", "rate:" kèm tên một tỷ lệ, hoặc null.`,
        en: `Use a column name from docs/input.md, two joined by "/", "rate:" and a ratio name, or null.`,
      },
    );
  if (value.startsWith("rate:")) {
    const ratio = value.slice(5);
    if (ratio && !dictionary().ratioByName.has(ratio)) throw bad({ vi: "không có tỷ lệ này", en: "no such ratio" });
    return { status: "rate", ratio: ratio || null };
  }
  const parts = value.split("/");
  for (const p of parts) if (!dictionary().columnNames.includes(p)) throw bad({ vi: `${p} không phải là cột tdbv biết`, en: `${p} is not a column tdbv knows` });
  if (parts.length === 1) return { status: "matched", column: parts[0]!, exact: true };
  if (parts.length === 2 && parts[0] !== parts[1]) return { status: "pair", columns: [parts[0]!, parts[1]!] };
  throw bad({ vi: "một cặp phải gồm hai cột khác nhau", en: "a pair names two different columns" });
}

const WRITE_MAPPING: Text = { vi: "Tạo tệp bằng tdbv inspect FILE --save-mapping MAPPING.json.", en: "Write it with tdbv inspect FILE --save-mapping MAPPING.json." };

/** Parses a mapping file's text (zod checks its shape; loaded only when a mapping is used). */
export async function parseMapping(text: string, file: string): Promise<Mapping> {
  const { z } = await import("zod");
  const schema = z.object({
    tdbv_mapping: z.literal(1),
    columns: z.record(z.string(), z.string().nullable()),
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw usageError(
      { vi: `${file}: không phải tệp ánh xạ JSON (${(err as Error).message})`, en: `${file}: not a JSON mapping file (${(err as Error).message})` },
      WRITE_MAPPING,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = first.path.join(".") || "(top)";
    throw usageError({ vi: `${file}: không phải tệp ánh xạ của tdbv: ${where}: ${first.message}`, en: `${file}: not a tdbv mapping: ${where}: ${first.message}` }, WRITE_MAPPING);
  }
  const map = new Map<string, BandMatch>();
  for (const [header, value] of Object.entries(parsed.data.columns)) map.set(headerKey(header), decodeValue(value, header, file));
  return map;
}

/** The mapping file for what was detected in a table's columns. */
export function renderMapping(columns: readonly { header: string; match: BandMatch }[]): string {
  const out: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const c of columns) if (c.header !== "") out[c.header] = encodeMatch(c.match);
  return JSON.stringify({ tdbv_mapping: 1, columns: out }, null, 2) + "\n";
}
