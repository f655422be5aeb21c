// Problems for people, on standard error: one line naming file, row, column, raw value and
// what was found, then what would fix it, in the language of --lang (the code stays as is):
//   lỗi[part_exceeds_whole] 2024.csv:17 cases_solved 12 lớn hơn cases_total 10
//     cách sửa: Số thành phần không thể lớn hơn số tổng: sửa một trong hai số liệu.
//   error[part_exceeds_whole] 2024.csv:17 cases_solved 12 exceeds cases_total 10
//     hint: A part cannot exceed its whole: correct one of the two figures.

import type { Paint } from "./paint.js";
import type { Issue, Lang } from "../domain/problems.js";

export interface IssueListOptions {
  readonly paint: Paint;
  /** Print at most this many; the rest are counted. */
  readonly max: number;
  readonly lang: Lang;
  /**
   * Where the problems left out can be seen: in the JSON report (summarize, whose JSON lists
   * every problem), or by raising --max-problems (validate, whose JSON is cut by it too).
   */
  readonly rest?: "json" | "max-problems";
}

const WORDS = {
  vi: {
    error: "lỗi",
    warning: "cảnh báo",
    hint: "cách sửa",
    more: (n: number, rest: IssueListOptions["rest"]) =>
      `… và ${n} vấn đề khác${rest === "json" ? " (--format json liệt kê tất cả)" : rest === "max-problems" ? " (bỏ --max-problems để xem hết; tùy chọn này cũng cắt bớt --format json và csv)" : ""}.`,
  },
  en: {
    error: "error",
    warning: "warning",
    hint: "hint",
    more: (n: number, rest: IssueListOptions["rest"]) =>
      `… and ${n} more problem${n === 1 ? "" : "s"}${rest === "json" ? " (see them all with --format json)" : rest === "max-problems" ? " (see them all without --max-problems, which cuts --format json and csv too)" : ""}.`,
  },
} as const;

export function renderIssues(issues: readonly Issue[], o: IssueListOptions): string {
  const p = o.paint;
  const w = WORDS[o.lang];
  const lines: string[] = [];
  const shown = issues.slice(0, o.max);
  for (const i of shown) {
    const tag = i.severity === "error" ? p.redBold(`${w.error}[${i.code}]`) : p.yellowBold(`${w.warning}[${i.code}]`);
    lines.push(`${tag} ${i.message[o.lang]}`, p.dim(`  ${w.hint}: ${i.hint[o.lang]}`));
  }
  if (issues.length > shown.length) lines.push(w.more(issues.length - shown.length, o.rest));
  return lines.length ? lines.join("\n") + "\n" : "";
}

export function countBySeverity(issues: readonly Issue[]): { errors: number; warnings: number } {
  const errors = issues.filter((i) => i.severity === "error").length;
  return { errors, warnings: issues.length - errors };
}
