// An Inspection for people: what was detected, column by column and row by row.

import { columnLetter } from "../read/sheet.js";
import type { Lang } from "../domain/problems.js";
import type { Inspection } from "../pipeline/inspect.js";
import type { BandMatch } from "../detect/match.js";
import { INSPECT_ROW_KINDS as REASONS } from "./labels.js";


function describe(m: BandMatch): string {
  switch (m.status) {
    case "matched":
      return `-> ${m.column}${m.exact ? "" : " (closest match)"}`;
    case "pair":
      return `-> ${m.columns[0]} / ${m.columns[1]} (a cell holds both, as "1.361/1.367")`;
    case "rate":
      return m.ratio ? `stated percentage of ${m.ratio} (checked, not summed)` : "a percentage column (not read: its parts are unknown)";
    case "ignored":
      return "ignored (row numbers or notes)";
    case "derived":
      return "a percentage column (not read)";
    case "ambiguous":
      return `NOT READ: could be ${m.candidates.join(" or ")}`;
    case "unknown":
      return `NOT READ: matches no column${m.candidates.length ? `; nearest: ${m.candidates.join(", ")}` : ""}`;
  }
}

/** "3, 5-9, 12": consecutive rows as ranges. */
export function ranges(rows: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    out.push(j > i ? `${rows[i]}-${rows[j]}` : String(rows[i]));
    i = j;
  }
  return out.join(", ");
}

export function renderInspection(x: Inspection, lang: Lang = "vi"): string {
  const t = x.table;
  const lines: string[] = [`file:      ${x.file}`, `format:    ${x.format}`];
  if (x.sheets.length > 1 || t.sheet) lines.push(`sheet:     "${t.sheet}" (sheets: ${x.sheets.map((s) => `"${s}"`).join(", ")})`);
  if (x.hidden.length) lines.push(`hidden:    ${x.hidden.map((h) => `"${h.sheet}" (${h.state})`).join(", ")}`);
  if (t.encoding) lines.push(`encoding:  ${t.encoding}`);
  if (t.delimiter) lines.push(`delimiter: ${t.delimiter === "\t" ? "tab" : `"${t.delimiter}"`}`);
  lines.push(`decimals:  ${x.decimalMark ? `decimal mark "${x.decimalMark}"` : "no decimal mark shown by the file (counts are whole; --decimal-mark sets it)"}`);
  lines.push(`period:    ${x.period ?? "none (no period column, --period or period in the file name)"}`);
  lines.push(`header:    ${t.header ? (t.header.first === t.header.last ? `row ${t.header.first}` : `rows ${t.header.first}-${t.header.last}`) : "NOT FOUND"}`);
  lines.push("", "columns:");
  const width = Math.min(48, Math.max(6, ...t.columns.map((c) => c.header.length)));
  for (const c of t.columns) {
    if (c.header === "" && c.match.status === "unknown") continue;
    const letter = columnLetter(c.index).padEnd(3);
    const rate = t.rates.find((r) => r.index === c.index);
    const match = rate && c.match.status === "rate" ? { status: "rate" as const, ratio: rate.ratio } : c.match;
    lines.push(`  ${letter} ${c.header.padEnd(width)}  ${describe(match)}`);
  }
  lines.push("", "rows:");
  for (const [reason, label] of Object.entries(REASONS)) {
    const rows = x.rows[reason as keyof typeof x.rows];
    if (rows && rows.length) lines.push(`  ${label.padEnd(30)} ${rows.length.toString().padStart(6)}  ${ranges(rows)}`);
  }
  for (const note of x.notes) lines.push("", `note: ${note[lang]}`);
  return lines.join("\n") + "\n";
}
