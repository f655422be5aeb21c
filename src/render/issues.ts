// Problems for people, on standard error: one line naming file, row, column, raw value and
// what was found, then what would fix it.
//   error[part_exceeds_whole] 2024.csv:17 cases_solved 12 exceeds cases_total 10
//     hint: A part cannot exceed its whole: correct one of the two figures.

import type { Paint } from "./paint.js";
import type { Issue, Lang } from "../domain/problems.js";

export interface IssueListOptions {
  readonly paint: Paint;
  /** Print at most this many; the rest are counted. */
  readonly max: number;
  readonly lang: Lang;
}

export function renderIssues(issues: readonly Issue[], o: IssueListOptions): string {
  const p = o.paint;
  const lines: string[] = [];
  const shown = issues.slice(0, o.max);
  for (const i of shown) {
    const tag = i.severity === "error" ? p.redBold(`error[${i.code}]`) : p.yellowBold(`warning[${i.code}]`);
    lines.push(`${tag} ${i.message[o.lang]}`, p.dim(`  ${o.lang === "vi" ? "cách sửa" : "hint"}: ${i.hint[o.lang]}`));
  }
  if (issues.length > shown.length) {
    lines.push(`… and ${issues.length - shown.length} more problems (see them all with --format json).`);
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}

export function countBySeverity(issues: readonly Issue[]): { errors: number; warnings: number } {
  const errors = issues.filter((i) => i.severity === "error").length;
  return { errors, warnings: issues.length - errors };
}
