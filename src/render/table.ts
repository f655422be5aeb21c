// Report -> a terminal table (cli-table3): indicators down, groups across, in chunks narrow
// enough for a terminal. Colour only when the options say so (decided once, in cli/options).
// On a terminal (`width` given: process.stdout.columns) the groups are split into as many
// tables as it takes for each to fit the width, and labels too long for a narrow terminal are
// wrapped (issue 17, item 8: 12 districts made one table 190 characters wide); off a terminal,
// five groups per table, as always, so scripts and golden files see the same bytes.

import Table from "cli-table3";
import type { Group, Report } from "../report.js";
import { buildGrid, districtLevel, incompleteLines, rollupNotes, WORDS, type RenderOptions } from "./view.js";

const GROUPS_PER_TABLE = 5;

/** Characters a cell takes on a terminal (NFC Vietnamese letters are one each). */
const widthOf = (s: string) => Math.max(0, ...s.split("\n").map((l) => [...l].length));

/** A line broken at spaces into lines of at most `width` characters (a longer word stays whole), continued with its indent. */
function wrap(line: string, width: number): string[] {
  if (widthOf(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const out: string[] = [];
  let current = "";
  for (const word of line.trim().split(" ")) {
    const next = current ? `${current} ${word}` : `${indent}${word}`;
    if (current && widthOf(next) > width) {
      out.push(current);
      current = `${indent}  ${word}`;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}

/** Chunks of groups, each as wide as fits `width` (at least one group per chunk). */
function chunks(report: Report, groups: readonly Group[], o: TableOptions): (readonly Group[])[] {
  if (!o.width) {
    const out: Group[][] = [];
    for (let i = 0; i < groups.length; i += GROUPS_PER_TABLE) out.push(groups.slice(i, i + GROUPS_PER_TABLE));
    return out;
  }
  const grid = buildGrid(report, groups, o);
  const column = (i: number) => Math.max(widthOf(grid.header[i]!), ...grid.rows.map((r) => widthOf(r[i]!))) + 3; // padding and border
  const label = Math.min(column(0), Math.max(20, Math.floor(o.width / 2)));
  const out: Group[][] = [];
  let current: Group[] = [];
  let used = label + 1;
  groups.forEach((g, i) => {
    const w = column(i + 1);
    if (current.length && used + w > o.width!) {
      out.push(current);
      current = [];
      used = label + 1;
    }
    current.push(g);
    used += w;
  });
  if (current.length) out.push(current);
  return out;
}

export interface TableOptions extends RenderOptions {
  /** The terminal's width in characters; undefined off a terminal. */
  readonly width?: number;
}

export function renderTable(report: Report, o: TableOptions): string {
  const p = o.paint;
  const w = WORDS[o.lang];
  const out: string[] = [];
  const banner = incompleteLines(report, o.lang);
  if (banner.length) out.push(p.redBold(banner[0]!), ...banner.slice(1), "");
  if (report.groups.length === 0) return [...out, w.noGroups, ""].join("\n");
  const level = districtLevel(report, o.lang);
  if (level.note) out.push(level.note, "");
  const notes: string[] = [];
  for (const part of chunks(report, level.groups, o)) {
    const grid = buildGrid(report, part, o);
    // A label column that would not leave room for one group is wrapped to half the terminal.
    const labelWidth = Math.max(widthOf(grid.header[0]!), ...grid.rows.map((r) => widthOf(r[0]!))) + 2;
    const rest = grid.header.slice(1).map((h, i) => Math.max(widthOf(h), ...grid.rows.map((r) => widthOf(r[i + 1]!))) + 2);
    const wrap = o.width !== undefined && labelWidth + rest.reduce((a, b) => a + b + 1, 1) > o.width;
    const table = new Table({
      ...(wrap ? { colWidths: [Math.max(12, o.width! - rest.reduce((a, b) => a + b + 1, 2)), ...rest], wordWrap: true } : {}),
      head: grid.header.map((h) => p.bold(h)),
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
      colAligns: ["left", ...grid.header.slice(1).map(() => "right" as const)],
    });
    for (const row of grid.rows) table.push(row);
    out.push(table.toString());
    notes.push(...grid.notes);
  }
  const lines: string[] = [];
  if (notes.length) lines.push(w.partial, ...notes.map((n) => `  ${n}`));
  lines.push(...rollupNotes(report, o.lang));
  // The notes under the tables are wrapped to the terminal too.
  out.push(...(o.width ? lines.flatMap((l) => wrap(l, o.width!)) : lines));
  return out.join("\n") + "\n";
}
