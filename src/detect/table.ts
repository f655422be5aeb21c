// Sheet -> Table: find the header row (the row among the first ones whose cells best match
// the dictionary, so title rows above it are skipped), map each header cell to a canonical
// column, and keep the decisions where `inspect`-like output and messages can show them.

import type { Sheet } from "../read/sheet.js";
import { issue, type Issue } from "../validate/codes.js";
import { matchHeader, type HeaderMatch } from "./match.js";

export interface SourceColumn {
  /** 0-based position in the row. */
  readonly index: number;
  readonly header: string;
  readonly match: HeaderMatch;
}

export interface DataRow {
  /** The row a person sees (1-based). */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface Table {
  readonly file: string;
  readonly sheet: string | null;
  readonly encoding: string;
  readonly delimiter: string | null;
  /** 1-based row number of the header; null when no header was found. */
  readonly headerRow: number | null;
  readonly columns: readonly SourceColumn[];
  /** canonical name -> position, for the columns that matched. */
  readonly positions: ReadonlyMap<string, number>;
  /** Rows above the header (titles), skipped. */
  readonly titleRows: readonly number[];
  readonly rows: readonly DataRow[];
  readonly issues: readonly Issue[];
}

const SCAN_ROWS = 30;

function headerScore(cells: readonly string[]): number {
  let score = 0;
  for (const cell of cells) {
    if (cell.trim() === "") continue;
    const m = matchHeader(cell);
    if (m.status === "matched") score += m.exact ? 2 : 1;
  }
  return score;
}

export function detectTable(sheet: Sheet): Table {
  const issues: Issue[] = [];
  const at = { file: sheet.file };
  const base = {
    file: sheet.file,
    sheet: sheet.sheet,
    encoding: sheet.encoding,
    delimiter: sheet.delimiter,
  };
  const nonBlank = sheet.rows.findIndex((r) => r.some((c) => c.trim() !== ""));
  if (nonBlank === -1) {
    issues.push(issue("empty_file", at, `${sheet.file}: the file is empty`));
    return { ...base, headerRow: null, columns: [], positions: new Map(), titleRows: [], rows: [], issues };
  }

  let headerIndex = -1;
  let bestScore = 1;
  for (let i = nonBlank; i < Math.min(sheet.rows.length, nonBlank + SCAN_ROWS); i++) {
    const score = headerScore(sheet.rows[i]!);
    if (score > bestScore) [headerIndex, bestScore] = [i, score];
  }
  if (headerIndex === -1) {
    const first = sheet.rows[nonBlank]!.filter((c) => c.trim() !== "").slice(0, 4).join(", ");
    issues.push(
      issue("no_header", { ...at, row: nonBlank + 1, value: first }, `${sheet.file}: no header row found; the first row reads "${first}"`),
    );
    const rows = sheet.rows.map((cells, i) => ({ row: i + 1, cells }));
    return { ...base, headerRow: null, columns: [], positions: new Map(), titleRows: [], rows, issues };
  }

  const header = sheet.rows[headerIndex]!;
  const columns: SourceColumn[] = header.map((text, index) => ({ index, header: text.trim(), match: matchHeader(text) }));
  const positions = new Map<string, number>();
  for (const col of columns) {
    const where = { ...at, row: headerIndex + 1, column: col.header, value: col.header };
    const m = col.match;
    if (m.status === "matched") {
      const earlier = positions.get(m.column);
      if (earlier !== undefined) {
        issues.push(
          issue(
            "duplicate_column",
            { ...where, column: m.column },
            `${sheet.file}:${headerIndex + 1} columns ${earlier + 1} "${header[earlier]!.trim()}" and ${col.index + 1} "${col.header}" both name ${m.column}`,
          ),
        );
      } else positions.set(m.column, col.index);
    } else if (m.status === "ambiguous") {
      issues.push(
        issue(
          "ambiguous_column",
          where,
          `${sheet.file}:${headerIndex + 1} column ${col.index + 1} "${col.header}" could be ${m.candidates.join(" or ")}`,
        ),
      );
    } else if (m.status === "unknown" && col.header !== "") {
      const near = m.candidates.length ? `; nearest: ${m.candidates.join(", ")}` : "";
      issues.push(
        issue(
          "unknown_column",
          where,
          `${sheet.file}:${headerIndex + 1} column ${col.index + 1} "${col.header}" matches no known column${near}`,
        ),
      );
    }
  }

  const titleRows: number[] = [];
  for (let i = 0; i < headerIndex; i++) titleRows.push(i + 1);
  const rows: DataRow[] = [];
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) rows.push({ row: i + 1, cells: sheet.rows[i]! });
  return { ...base, headerRow: headerIndex + 1, columns, positions, titleRows, rows, issues };
}
