// `tdbv validate`: every rule over every input, plus the checks that need more than the
// inputs: a baseline period (--baseline) and a register of expected units (--units). Pure:
// the CLI reads the files and renders what this returns.

import { rollup } from "./aggregate/rollup.js";
import type { Sheet } from "./read/sheet.js";
import type { Level, RowAccount } from "./report.js";
import { collect, type SummarizeOptions } from "./summarize.js";
import type { Issue, IssueCode } from "./validate/codes.js";
import { Baseline, type BaselineOptions } from "./validate/baseline.js";
import { keepRow, type UnitRow } from "./normalize/row.js";
import { addReportingRate, checkRegister, type RegisterUnit } from "./validate/register.js";

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
  const seen: UnitRow[] = [];
  const late: Issue[] = [];
  const c = collect(files, o, (u) => {
    if (before) late.push(...before.check(u));
    if (extra.register) seen.push({ ...keepRow(u, []), period: null });
  });
  const problems = [...c.issues, ...late];
  let reporting: ReportingRate[] | null = null;
  if (extra.register) {
    problems.push(...checkRegister(seen, extra.register.units, extra.register.file));
    const groups = addReportingRate(rollup(seen, "district", [], []), seen, extra.register.units, "district");
    reporting = groups.map((g) => ({ level: g.level, province: g.province, district: g.district, ...g.register! }));
  }
  const byCode: Partial<Record<IssueCode, number>> = {};
  for (const p of problems) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  return {
    problems: problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.row ?? 0) - (b.row ?? 0))),
    counts: { errors, warnings, byCode },
    rows: { read: c.read, counted: c.counted, skipped: c.skipped },
    reporting,
    notes: c.notes,
    failed: errors > 0 || (o.strict && warnings > 0),
  };
}
