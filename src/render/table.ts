// Report -> a terminal table (cli-table3): indicators down, groups across, in chunks narrow
// enough for a terminal. Colour only when the options say so (decided once, in cli/options).

import Table from "cli-table3";
import type { Report } from "../report.js";
import { buildGrid, incompleteLines, rollupNotes, WORDS, type RenderOptions } from "./view.js";

const GROUPS_PER_TABLE = 5;

export function renderTable(report: Report, o: RenderOptions): string {
  const p = o.paint;
  const w = WORDS[o.lang];
  const out: string[] = [];
  const banner = incompleteLines(report, o.lang);
  if (banner.length) out.push(p.redBold(banner[0]!), ...banner.slice(1), "");
  if (report.groups.length === 0) return [...out, w.noGroups, ""].join("\n");
  const notes: string[] = [];
  for (let i = 0; i < report.groups.length; i += GROUPS_PER_TABLE) {
    const grid = buildGrid(report, report.groups.slice(i, i + GROUPS_PER_TABLE), o);
    const table = new Table({
      head: grid.header.map((h) => p.bold(h)),
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
      colAligns: ["left", ...grid.header.slice(1).map(() => "right" as const)],
    });
    for (const row of grid.rows) table.push(row);
    out.push(table.toString());
    notes.push(...grid.notes);
  }
  if (notes.length) out.push(w.partial, ...notes.map((n) => `  ${n}`));
  out.push(...rollupNotes(report, o.lang));
  return out.join("\n") + "\n";
}
