// Report -> a Markdown table, for pasting into notes and tickets: same grid as the terminal.

import type { Report } from "../report.js";
import { buildGrid, districtLevel, incompleteLines, rollupNotes, WORDS, type RenderOptions } from "./view.js";

const escape = (s: string) => s.replace(/\|/g, "\\|");

export function renderMarkdown(report: Report, o: RenderOptions): string {
  const w = WORDS[o.lang];
  const out: string[] = [];
  const banner = incompleteLines(report, o.lang);
  if (banner.length) out.push(`**${banner[0]}**`, "", ...banner.slice(1), "");
  if (report.groups.length === 0) return [...out, w.noGroups, ""].join("\n");
  const level = districtLevel(report, o.lang);
  if (level.note) out.push(level.note, "");
  const grid = buildGrid(report, level.groups, o);
  out.push(`| ${grid.header.map(escape).join(" | ")} |`);
  out.push(`|${grid.header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`);
  for (const row of grid.rows) out.push(`| ${row.map(escape).join(" | ")} |`);
  // "* Không phải …" at the start of a line would be a list item: the asterisk is escaped, as the cells' own.
  if (grid.notes.length) out.push("", `\\${w.partial}`, "", ...grid.notes.map((n) => `- ${n}`));
  const more = rollupNotes(report, o.lang);
  if (more.length) out.push("", ...more.map((l) => (l.startsWith("  ") ? `- ${l.trim()}` : l)));
  return out.join("\n") + "\n";
}
