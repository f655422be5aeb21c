// `tdbv validate`: every rule over every input, plus the checks that need more than the
// inputs: a baseline period (--baseline) and a register of expected units (--units). Pure:
// the CLI reads the files and renders what this returns.

import { groupRows } from "../aggregate/groups.js";
import { reportingTable } from "../aggregate/reporting.js";
import type { Level } from "../domain/levels.js";
import { sortProblems, type Issue, type IssueCode, type Text } from "../domain/problems.js";
import type { RegisterUnit } from "../domain/register.js";
import type { Sheet } from "../read/sheet.js";
import type { RowAccount } from "../report.js";
import type { Check } from "../validate/check.js";
import type { Collected, RunContext } from "./collect.js";
import { Baseline, baselineCheck, type BaselineOptions } from "../validate/checks/baseline.js";
import { registerCheck } from "../validate/checks/register.js";
import type { UnitRow } from "../domain/unit-row.js";
import { collect, type SummarizeOptions } from "./collect.js";

export interface ValidateOptions extends SummarizeOptions, BaselineOptions {
  /** Count warnings as errors. */
  readonly strict: boolean;
  /** --split-by: group the problems by the unit they concern, at this level. */
  readonly splitBy?: "commune" | "district" | null;
}

/** A unit of --split-by and its problems; `unit` null for problems of no one unit (a file, a header, a total row). */
export interface UnitProblems {
  readonly unit: { readonly province: string | null; readonly district: string | null; readonly commune: string | null } | null;
  readonly problems: readonly Issue[];
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
  readonly notes: readonly Text[];
  /** Rows not counted because of an error (for --rejects), and what each input's columns are. */
  readonly excluded: Collected["excluded"];
  readonly inputs: Collected["inputs"];
  /** Whether the run fails: errors, or with --strict warnings too. */
  readonly failed: boolean;
  /** With --split-by: the problems per unit, units in the order of their first problem, then those of no unit. */
  readonly byUnit: readonly UnitProblems[] | null;
}

export function validate(
  files: Iterable<readonly Sheet[]>,
  o: ValidateOptions,
  extra: { baseline?: readonly (readonly Sheet[])[]; register?: { file: string; units: readonly RegisterUnit[]; builtIn?: boolean } } = {},
): Validation {
  // The baseline's rows are kept (an earlier period of the same area); the inputs' rows are
  // checked as they stream by, and only their identities kept when a register needs them.
  const before = extra.baseline ? new Baseline(collect(extra.baseline, { ...o, sheet: null, register: extra.register?.units ?? null }).units, o) : null;
  // The register's check is made with the run (its directory holds the register's units).
  const made: { register: ReturnType<typeof registerCheck> | null } = { register: null };
  const checks = (run: RunContext): Check[] => {
    const register = (made.register = extra.register ? registerCheck(run.names.directory, extra.register.file, extra.register.builtIn ?? false) : null);
    return [...(before ? [baselineCheck(before)] : []), ...(register ? [register] : [])];
  };
  const split = o.splitBy ? new UnitsOfRows(o.splitBy) : null;
  const c = collect(files, { ...o, register: extra.register?.units ?? null }, () => {}, { checks, ...(split ? { onUnitRow: (u: UnitRow) => split.add(u) } : {}) });
  const problems = c.issues;
  let reporting: ReportingRate[] | null = null;
  if (made.register) reporting = reportingTable(made.register.seen, made.register.expected());
  const byCode: Partial<Record<IssueCode, number>> = {};
  for (const p of problems) byCode[p.code] = (byCode[p.code] ?? 0) + 1;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const sorted = sortProblems(problems, "name");
  return {
    problems: sorted,
    byUnit: split ? split.group(sorted, extra.register?.units ?? []) : null,
    counts: { errors, warnings, byCode },
    rows: { read: c.read, counted: c.counted, skipped: c.skipped },
    reporting,
    notes: c.notes,
    excluded: c.excluded,
    inputs: c.inputs,
    failed: errors > 0 || (o.strict && warnings > 0),
  };
}

/**
 * Which unit each row of the inputs is, for --split-by: a problem at a unit row goes to its
 * unit; one in the register (a unit that sent no row) to the unit it names; any other (a file,
 * a header, a total row) to no unit.
 */
class UnitsOfRows {
  private readonly rows = new Map<string, string>();
  private readonly units = new Map<string, UnitProblems["unit"] & {}>();

  constructor(private readonly level: "commune" | "district") {}

  add(u: UnitRow): void {
    const district = u.district;
    const commune = this.level === "commune" ? (u.commune ?? (u.district ? null : u.unitCode)) : null;
    if (!commune && !district) return;
    const unit = { province: u.province || null, district, commune };
    // A commune by its identity (the same unit however its name is spelt: the first spelling
    // names its file); a district by its names.
    const key = this.level === "commune" && commune ? u.identity : JSON.stringify([unit.province, district]);
    if (!this.units.has(key)) this.units.set(key, unit);
    this.rows.set(rowKey(u.origin.file, u.origin.sheet, u.origin.row), key);
  }

  group(problems: readonly Issue[], register: readonly RegisterUnit[]): UnitProblems[] {
    const out = new Map<string | null, Issue[]>();
    for (const p of problems) {
      const key = (p.row !== null ? this.rows.get(rowKey(p.file, p.sheet, p.row)) : undefined) ?? this.registered(p, register);
      const list = out.get(key ?? null);
      if (list) list.push(p);
      else out.set(key ?? null, [p]);
    }
    const none = out.get(null);
    out.delete(null);
    return [...[...out].map(([key, list]) => ({ unit: this.units.get(key!)!, problems: list })), ...(none ? [{ unit: null, problems: none }] : [])];
  }

  /** A unit of the register that sent no row: the unit its problem names. */
  private registered(p: Issue, register: readonly RegisterUnit[]): string | undefined {
    if (p.code !== "unit_not_reported" || p.value === null) return undefined;
    const named = register.filter((r) => (p.column === "commune" ? r.commune : r.district) === p.value);
    const r = named.length === 1 ? named[0]! : null;
    const unit =
      this.level === "commune"
        ? { province: r?.province ?? null, district: r?.district ?? null, commune: p.column === "commune" ? p.value : null }
        : { province: r?.province ?? null, district: p.column === "district" ? p.value : (r?.district ?? null), commune: null };
    if (!unit.commune && !unit.district) return undefined;
    const key = this.level === "commune" && unit.commune ? JSON.stringify([unit.province, unit.district, unit.commune]) : JSON.stringify([unit.province, unit.district]);
    if (!this.units.has(key)) this.units.set(key, unit);
    return key;
  }
}

const rowKey = (file: string, sheet: string | null, row: number) => `${file}\u0000${sheet ?? ""}\u0000${row}`;
