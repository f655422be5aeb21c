// `tdbv validate`: every rule over every input, plus the checks that need more than the
// inputs: a baseline period (--baseline) and a register of expected units (--units). Pure:
// the CLI reads the files and renders what this returns.

import { groupRows } from "../aggregate/groups.js";
import { reportingTable } from "../aggregate/reporting.js";
import type { Level } from "../domain/levels.js";
import { sortProblems, type Issue, type IssueCode } from "../domain/problems.js";
import type { RegisterUnit } from "../domain/register.js";
import type { Sheet } from "../read/sheet.js";
import type { RowAccount } from "../report.js";
import type { Check } from "../validate/check.js";
import type { Collected, RunContext } from "./collect.js";
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
  /** Rows not counted because of an error (for --rejects), and what each input's columns are. */
  readonly excluded: Collected["excluded"];
  readonly inputs: Collected["inputs"];
  /** Whether the run fails: errors, or with --strict warnings too. */
  readonly failed: boolean;
}

export function validate(
  files: Iterable<readonly Sheet[]>,
  o: ValidateOptions,
  extra: { baseline?: readonly (readonly Sheet[])[]; register?: { file: string; units: readonly RegisterUnit[]; builtIn?: boolean } } = {},
): Validation {
  // The baseline's rows are kept (an earlier period of the same area); the inputs' rows are
  // checked as they stream by, and only their identities kept when a register needs them.
  const before = extra.baseline ? new Baseline(collect(extra.baseline, { ...o, sheet: null, register: extra.register?.units ?? null }).units, o) : null;
  let register: ReturnType<typeof registerCheck> | null = null;
  const checks = (run: RunContext): Check[] => {
    register = extra.register ? registerCheck(run.names.directory, extra.register.file, extra.register.builtIn ?? false) : null;
    return [...(before ? [baselineCheck(before)] : []), ...(register ? [register] : [])];
  };
  const c = collect(files, { ...o, register: extra.register?.units ?? null }, () => {}, { checks });
  const problems = c.issues;
  let reporting: ReportingRate[] | null = null;
  const r = register as ReturnType<typeof registerCheck> | null;
  if (r) reporting = reportingTable(r.seen, r.expected());
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
    excluded: c.excluded,
    inputs: c.inputs,
    failed: errors > 0 || (o.strict && warnings > 0),
  };
}
