// `tdbv validate`: every rule over every input, plus the checks that need more than the
// inputs: a baseline period (--baseline) and a register of expected units (--units). Pure:
// the CLI reads the files and renders what this returns.

import { groupRows } from "../aggregate/groups.js";
import { addReportingRate } from "../aggregate/reporting.js";
import type { Level } from "../domain/levels.js";
import { sortProblems, type Issue, type IssueCode } from "../domain/problems.js";
import type { RegisterUnit } from "../domain/register.js";
import type { Sheet } from "../read/sheet.js";
import type { RowAccount } from "../report.js";
import type { Check } from "../validate/check.js";
import { Baseline, baselineCheck, type BaselineOptions } from "../validate/checks/baseline.js";
import { registerCheck } from "../validate/checks/register.js";
import { collect, type SummarizeOptions } from "./collect.js";

export interface ValidateOptions extends SummarizeOptions, BaselineOptions {
  /** Count warnings as errors. */
  readonly strict: boolean;
}

export interface ReportingRate {
  readonly level: Level;
  readonly province: string;
  readonly district: string | null;
  readonly expected: number;
  readonly reported: number;
  readonly rate: number | null;
}

export interface Validation {
  readonly problems: readonly Issue[];
  readonly counts: { readonly errors: number; readonly warnings: number; readonly byCode: Readonly<Partial<Record<IssueCode, number>>> };
  readonly rows: RowAccount;
  /** With a register: the reporting rate per district and province. */
  readonly reporting: readonly ReportingRate[] | null;
  readonly notes: readonly string[];
  /** Whether the run fails: errors, or with --strict warnings too. */
  readonly failed: boolean;
}

export function validate(
  files: Iterable<readonly Sheet[]>,
  o: ValidateOptions,
  extra: { baseline?: readonly (readonly Sheet[])[]; register?: { file: string; units: readonly RegisterUnit[] } } = {},
): Validation {
  // The baseline's rows are kept (an earlier period of the same area); the inputs' rows are
  // checked as they stream by, and only their identities kept when a register needs them.
  const before = extra.baseline ? new Baseline(collect(extra.baseline, { ...o, sheet: null }).units, o) : null;
  const register = extra.register ? registerCheck(extra.register.units, extra.register.file) : null;
  const checks: Check[] = [...(before ? [baselineCheck(before)] : []), ...(register ? [register] : [])];
  const c = collect(files, o, () => {}, { checks: () => checks });
  const problems = c.issues;
  let reporting: ReportingRate[] | null = null;
  if (register && extra.register) {
    const seen = register.seen;
    const groups = addReportingRate(groupRows(seen, "district", [], []), seen, extra.register.units, "district");
    reporting = groups.map((g) => ({ level: g.level, province: g.province, district: g.district, ...g.register! }));
  }
  const byCode: Partial<Record<IssueCode, number>> = {};
  for (const p of problems) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return {
    problems: sortProblems(problems, "name"),
    counts: { errors, warnings, byCode },
    rows: { read: c.read, counted: c.counted, skipped: c.skipped },
    reporting,
    notes: c.notes,
    failed: errors > 0 || (o.strict && warnings > 0),
  };
}
