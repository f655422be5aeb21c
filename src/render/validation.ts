// A Validation for people: a count per problem code, then every problem with its fix. For
// machines it is JSON (render/json.ts) or CSV with one record per problem (render/csv.ts).
// Every word in the language of --lang; codes stay as they are.

import Table from "cli-table3";
import type { Paint } from "./paint.js";
import type { Validation } from "../pipeline/validate.js";
import { CODES, type Lang, type Severity } from "../domain/problems.js";
import { renderIssues } from "./issues.js";
import { formatPercent } from "./numbers.js";

export interface ValidationRenderOptions {
  readonly paint: Paint;
  readonly max: number;
  readonly lang: Lang;
}

const WORDS = {
  vi: {
    none: "Không có vấn đề nào.",
    head: ["mã", "mức độ", "số lượng"],
    severity: { error: "lỗi", warning: "cảnh báo" } as Record<Severity, string>,
    reporting: "Tình hình báo cáo so với danh sách đơn vị (số đơn vị đã báo cáo / phải báo cáo):",
    reportingHead: ["cấp", "tỉnh", "huyện", "đã báo cáo", "phải báo cáo", "tỷ lệ"],
    level: { province: "tỉnh", district: "huyện", commune: "xã" } as Record<string, string>,
    total: (errors: number, warnings: number) => `${errors} lỗi, ${warnings} cảnh báo.`,
  },
  en: {
    none: "No problems found.",
    head: ["code", "severity", "count"],
    severity: { error: "error", warning: "warning" } as Record<Severity, string>,
    reporting: "Reporting against the register (units reported / expected):",
    reportingHead: ["level", "province", "district", "reported", "expected", "rate"],
    level: { province: "province", district: "district", commune: "commune" } as Record<string, string>,
    total: (errors: number, warnings: number) => `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`,
  },
} as const;

export function renderValidationText(v: Validation, o: ValidationRenderOptions): string {
  const chalk = o.paint;
  const w = WORDS[o.lang];
  const out: string[] = [];
  if (v.problems.length === 0) out.push(chalk.green(w.none));
  else {
    const table = new Table({
      head: w.head.map((h) => chalk.bold(h)),
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
      colAligns: ["left", "left", "right"],
    });
    for (const [code, n] of Object.entries(v.counts.byCode).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const severity = CODES[code as keyof typeof CODES].severity;
      table.push([code, severity === "error" ? chalk.red(w.severity[severity]) : chalk.yellow(w.severity[severity]), String(n)]);
    }
    out.push(table.toString(), "");
    // validate's JSON and CSV are cut by the same --max-problems (issue 17, item 7).
    out.push(renderIssues(v.problems, { paint: o.paint, max: o.max, lang: o.lang, rest: "max-problems" }).trimEnd());
  }
  if (v.reporting) {
    out.push("", w.reporting);
    const table = new Table({
      head: w.reportingHead.map((h) => chalk.bold(h)),
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    });
    for (const r of v.reporting) {
      table.push([w.level[r.level] ?? r.level, r.province, r.district ?? "", String(r.reported), String(r.expected), r.rate === null ? "—" : formatPercent(r.rate, o.lang, 1)]);
    }
    out.push(table.toString());
  }
  out.push("", w.total(v.counts.errors, v.counts.warnings));
  return out.join("\n") + "\n";
}
