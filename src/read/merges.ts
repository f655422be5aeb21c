// A name merged down a column (a district over its communes) belongs to every row it spans:
// both workbook readers (read/xlsx.ts, read/xlsx-stream.ts) fill it in after reading. Merges
// across columns are left to the header reader: in the body they are titles and signatures, and
// filling them would put text into figure columns.

import type { Cell, CellRange } from "./sheet.js";

/** Fills cells merged down a column with the range's first value, in the merges' order. */
export function fillMerges(rows: Cell[][], merges: readonly CellRange[]): void {
  for (const m of merges) {
    if (m.s.c !== m.e.c) continue;
    const value = rows[m.s.r]?.[m.s.c];
    if (value === undefined || value === "") continue;
    for (let r = m.s.r + 1; r <= Math.min(m.e.r, rows.length - 1); r++) {
      const row = rows[r]!;
      while (row.length <= m.s.c) row.push("");
      row[m.s.c] = value;
    }
  }
}
