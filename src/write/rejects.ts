// --rejects FILE: every row left out of the counts because of an error, as it was read, so a
// clerk can correct and resend it (issue 18, item 3). The run's `excluded` list names the rows
// (file, sheet, row); their cells are read again from the inputs that have any (only those),
// labelled with the header each column had in that input (the run's InputInfo), beside the
// codes of the row's problems. CSV (Excel-ready: BOM, CRLF) or JSON by the file's extension.

import type { Issue } from "../domain/problems.js";
import type { InputInfo } from "../report.js";
import { cellText, type Sheet } from "../read/sheet.js";

export interface RejectedRow {
  readonly file: string;
  readonly sheet: string | null;
  readonly row: number;
  /** The codes of the row's problems, errors first, each once. */
  readonly codes: readonly string[];
  /** Header -> the cell's text as read; a cell under no header is named by its column number ("#7"). */
  readonly cells: Readonly<Record<string, string>>;
}

export interface RejectsInput {
  readonly excluded: readonly { readonly file: string; readonly sheet: string | null; readonly row: number }[];
  readonly issues: readonly Issue[];
  readonly inputs: readonly InputInfo[];
}

const key = (file: string, sheet: string | null, row: number) => `${file}\u0000${sheet ?? ""}\u0000${row}`;

/**
 * The excluded rows with their cells; `read` gives an input's sheets again (it is called once
 * per input that has excluded rows, in the order of the run).
 */
export async function rejectedRows(run: RejectsInput, read: (file: string) => Promise<readonly Sheet[]>): Promise<RejectedRow[]> {
  if (run.excluded.length === 0) return [];
  const codes = new Map<string, string[]>();
  const ordered = [...run.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  for (const i of ordered) {
    if (i.row === null) continue;
    const k = key(i.file, i.sheet, i.row);
    const list = codes.get(k) ?? [];
    if (!list.includes(i.code)) list.push(i.code);
    codes.set(k, list);
  }
  const wanted = new Map<string, Set<number>>();
  for (const x of run.excluded) {
    const k = `${x.file}\u0000${x.sheet ?? ""}`;
    const rows = wanted.get(k) ?? new Set<number>();
    rows.add(x.row);
    wanted.set(k, rows);
  }
  const cells = new Map<string, Record<string, string>>();
  for (const file of [...new Set(run.excluded.map((x) => x.file))]) {
    for (const sheet of await read(file)) {
      const rows = wanted.get(`${file}\u0000${sheet.sheet ?? ""}`);
      if (!rows) continue;
      const info = run.inputs.find((i) => i.file === file && i.sheet === sheet.sheet);
      const names = headerNames(info);
      let n = 0;
      const take = (row: readonly unknown[]) => {
        n++;
        if (!rows.has(n)) return;
        const out: Record<string, string> = {};
        row.forEach((c, i) => {
          const text = cellText(c as never);
          const name = names.get(i) ?? `#${i + 1}`;
          if (text !== "" || names.has(i)) out[name] = text;
        });
        for (const [i, name] of names) if (!(name in out) && i >= row.length) out[name] = "";
        cells.set(key(file, sheet.sheet, n), out);
      };
      for (const row of sheet.head) take(row);
      const last = Math.max(...rows);
      if (n < last) {
        for (const row of sheet.rest) {
          take(row);
          if (n >= last) break;
        }
      }
    }
  }
  return run.excluded.map((x) => {
    const k = key(x.file, x.sheet, x.row);
    return { file: x.file, sheet: x.sheet, row: x.row, codes: codes.get(k) ?? [], cells: cells.get(k) ?? {} };
  });
}

/** Column index -> its header in that input; the same header twice gets " (2)", " (3)". */
function headerNames(info: InputInfo | undefined): Map<number, string> {
  const names = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const c of info?.columns ?? []) {
    const base = c.header.trim() || `#${c.index + 1}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    names.set(c.index, count === 1 ? base : `${base} (${count})`);
  }
  return names;
}

/** The rejected rows as JSON: an array of { file, sheet, row, codes, cells }. */
export function rejectsJson(rows: readonly RejectedRow[]): string {
  return JSON.stringify(rows, null, 2) + "\n";
}

/** The rejected rows as CSV for a spreadsheet: file, sheet, row, codes (";"-separated), then every header met, in order. */
export function rejectsCsv(rows: readonly RejectedRow[]): string {
  const headers: string[] = [];
  const known = new Set<string>();
  for (const r of rows)
    for (const h of Object.keys(r.cells))
      if (!known.has(h)) {
        known.add(h);
        headers.push(h);
      }
  const field = (s: string) => (/[",\r\n]|^\s|\s$/.test(s) || /^[=+\-@\t\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [["file", "sheet", "row", "codes", ...headers].map(field).join(",")];
  for (const r of rows) lines.push([r.file, r.sheet ?? "", String(r.row), r.codes.join(";"), ...headers.map((h) => r.cells[h] ?? "")].map(field).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
