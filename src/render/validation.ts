// A Validation for people: a count per problem code, then every problem with its fix. For
// machines it is JSON (render/json.ts) or CSV with one record per problem (render/csv.ts).

import Table from "cli-table3";
import type { Paint } from "./paint.js";
import type { Validation } from "../pipeline/validate.js";
import { CODES } from "../domain/problems.js";
import { renderIssues } from "./issues.js";
import { formatPercent, type Lang } from "./numbers.js";

export interface ValidationRenderOptions {
  readonly paint: Paint;
  readonly max: number;
  readonly lang: Lang;
}

export function renderValidationText(v: Validation, o: ValidationRenderOptions): string {
  const chalk = o.paint;
  const out: string[] = [];
  if (v.problems.length === 0) out.push(chalk.green("No problems found."));
  else {
    const table = new Table({
      head: ["code", "severity", "count"].map((h) => chalk.bold(h)),
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
      colAligns: ["left", "left", "right"],
    });
    for (const [code, n] of Object.entries(v.counts.byCode).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const severity = CODES[code as keyof typeof CODES].severity;
      table.push([code, severity === "error" ? chalk.red(severity) : chalk.yellow(severity), String(n)]);
    }
    out.push(table.toString(), "");
    out.push(renderIssues(v.problems, { paint: o.paint, max: o.max, lang: o.lang }).trimEnd());
  }
  if (v.reporting) {
    out.push("", "Reporting against the register (units reported / expected):");
    const table = new Table({
      head: ["level", "province", "district", "reported", "expected", "rate"].map((h) => chalk.bold(h)),
      style: { head: [], border: [] },
      chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    });
    for (const r of v.reporting) {
      table.push([r.level, r.province, r.district ?? "", String(r.reported), String(r.expected), r.rate === null ? "—" : formatPercent(r.rate, o.lang, 1)]);
    }
    out.push(table.toString());
  }
  const c = v.counts;
  out.push("", `${c.errors} error${c.errors === 1 ? "" : "s"}, ${c.warnings} warning${c.warnings === 1 ? "" : "s"}.`);
  return out.join("\n") + "\n";
}
