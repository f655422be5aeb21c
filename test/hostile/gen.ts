// Generators of the hostile corpus: small tables as text, big files as streams (never held in
// memory), and workbooks built part by part (hidden sheets, formulas without cached values,
// merged headers, 1e308 cells) with tdbv's own zip writer.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { writeZip, type WriteEntry } from "../../src/write/zip.js";

/** The small valid table most cases start from: 3 communes, cases 10+20+30 = 60, solved 5+6+7 = 18. */
export const HEADER = ["province", "district", "commune", "cases_total", "cases_solved"];
export const ROWS: (string | number)[][] = [
  ["Lâm Đồng", "Huyện Đức Trọng", "Xã Hiệp An", 10, 5],
  ["Lâm Đồng", "Huyện Đức Trọng", "Xã Hiệp Thạnh", 20, 6],
  ["Lâm Đồng", "Huyện Lạc Dương", "Xã Lát", 30, 7],
];

const quote = (v: unknown, d: string) => {
  const s = v == null ? "" : String(v);
  return s.includes(d) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csv(rows: readonly (readonly unknown[])[], opts: { delimiter?: string; eol?: string; bom?: boolean } = {}): string {
  const d = opts.delimiter ?? ",";
  const eol = opts.eol ?? "\n";
  return (opts.bom ? "\ufeff" : "") + rows.map((r) => r.map((v) => quote(v, d)).join(d) + eol).join("");
}

/** The small table with one cell replaced: row 0..2, column name. */
export function withCell(row: number, column: string, value: unknown, extra: { header?: string[]; rows?: unknown[][] } = {}): string {
  const header = extra.header ?? HEADER;
  const rows = (extra.rows ?? ROWS).map((r) => [...r]);
  rows[row]![header.indexOf(column)] = value;
  return csv([header, ...rows]);
}

/** A table with a single unit and one figure, as CSV text. */
export const oneCell = (column: string, value: string) => csv([["province", "commune", column], ["Lâm Đồng", "Xã Lát", value]]);

/** Writes `parts()` to `path` as a stream, respecting back-pressure. */
export async function streamFile(path: string, parts: Iterable<string | Uint8Array>): Promise<void> {
  const out = createWriteStream(path);
  for (const part of parts) if (!out.write(part)) await once(out, "drain");
  out.end();
  await once(out, "finish");
}

/** `count` lines from `line(i)`, batched into ~1 MB writes. */
export function* lines(count: number, line: (i: number) => string): Generator<string> {
  let batch = "";
  for (let i = 0; i < count; i++) {
    batch += line(i);
    if (batch.length > 1 << 20) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

// ---------------------------------------------------------------------------------------------
// Workbooks

export type XCell = string | number | null | { f: string; v?: number | string } | { err: string } | { bool: boolean };

export interface XSheet {
  readonly name: string;
  readonly rows: readonly (readonly XCell[])[];
  /** "hidden" or "veryHidden" */
  readonly state?: "hidden" | "veryHidden";
  readonly merges?: readonly string[];
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function col(c: number): string {
  let s = "";
  for (c++; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function cellXml(ref: string, v: XCell): string {
  if (v === null || v === "") return "";
  if (typeof v === "number") return `<c r="${ref}"><v>${String(v)}</v></c>`;
  if (typeof v === "string") return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
  if ("err" in v) return `<c r="${ref}" t="e"><v>${esc(v.err)}</v></c>`;
  if ("bool" in v) return `<c r="${ref}" t="b"><v>${v.bool ? 1 : 0}</v></c>`;
  const cached = v.v === undefined ? "" : typeof v.v === "number" ? `<v>${v.v}</v>` : `<v>${esc(v.v)}</v>`;
  return `<c r="${ref}"${typeof v.v === "string" ? ' t="str"' : ""}><f>${esc(v.f)}</f>${cached}</c>`;
}

function sheetXml(s: XSheet): string {
  const rows = s.rows.map((r, i) => `<row r="${i + 1}">${r.map((v, c) => cellXml(`${col(c)}${i + 1}`, v)).join("")}</row>`).join("");
  const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
  return `${DECL}<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData>${merges}</worksheet>`;
}

/** An .xlsx of the given sheets, inline strings only, built part by part. */
export function xlsx(sheets: readonly XSheet[]): Buffer {
  const u = (s: string) => Buffer.from(s, "utf8");
  const entries: WriteEntry[] = [
    {
      name: "[Content_Types].xml",
      data: u(
        `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
          .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
          .join("")}</Types>`,
      ),
    },
    { name: "_rels/.rels", data: u(`${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELNS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    {
      name: "xl/workbook.xml",
      data: u(
        `${DECL}<workbook xmlns="${NS}" xmlns:r="${RELNS}"><sheets>${sheets
          .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
          .join("")}</sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: u(`${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${RELNS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}</Relationships>`),
    },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: u(sheetXml(s)) })),
  ];
  return writeZip(entries);
}

/** The small table as one visible sheet, figures as number cells. */
export const smallSheet = (name = "Báo cáo", rows: readonly (readonly XCell[])[] = [HEADER, ...ROWS]): XSheet => ({ name, rows });

/** A zip of arbitrary entries (a zip that is not a workbook). */
export const zipOf = (files: Record<string, string | Buffer>) => writeZip(Object.entries(files).map(([name, d]) => ({ name, data: Buffer.isBuffer(d) ? d : Buffer.from(d) })));

/** Deterministic pseudo-random bytes. */
export function noise(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let s = seed;
  for (let i = 0; i < n; i++) b[i] = (s = (s * 48271) % 2147483647) & 0xff;
  return b;
}
