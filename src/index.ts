// tdbv as a library: `import { summarize, rollup, validate } from "tdbv"`. Each call runs the
// same command as the CLI (src/cli/commands.ts) with its own Io: inputs are paths or files held
// in memory, the report is the document `--format json` prints, parsed, and nothing is written
// to the terminal or the process's exit status. A user's mistake (a bad option value, a missing
// file) is thrown as a TdbvError; problems in the data are in the report's `issues`/`problems`.
// docs/library.md is the reference.

import { processIo, type Io } from "./cli/io.js";
import type { RawSummarizeFlags } from "./cli/options.js";
import type { Config } from "./config/load.js";
import { bufferSource, pathSource, readBounded } from "./read/source.js";

export { TdbvError, EXIT } from "./errors.js";
export type { ExitKind } from "./errors.js";

/** A file held in memory: its name (shown in problems; its extension tells CSV from Excel) and its content. */
export type MemoryInput = { readonly name: string; readonly text: string } | { readonly name: string; readonly bytes: Uint8Array };

/** A path (a file, a folder, a quoted pattern, as on the command line) or a file held in memory. */
export type Input = string | MemoryInput;

/** How inputs are read: the options every reading command takes (`--province` is `province`, …). */
export interface InputOptions {
  /** The province of every row when the file has no province column. */
  province?: string;
  /** The period of every row without a period column (2024, 2024-03, 2024-Q1). */
  period?: string;
  /** The worksheet of a workbook, by name or number. */
  sheet?: string | number;
  /** A column mapping file saved by `tdbv inspect --save-mapping` (a path). */
  mapping?: string;
  /** The language of the problems' messages and hints in the result: "vi" (default) or "en". */
  lang?: "vi" | "en";
  /** "," ";" "tab" "|" (default: detected). */
  delimiter?: string;
  /** utf-8, utf-16le, utf-16be, windows-1258, tcvn3 (default: detected). */
  encoding?: string;
  /** Decimal mark of kilogram columns when the file does not show it. */
  decimalMark?: "," | ".";
  /**
   * A configuration (docs/configuration.md): the path of a tdbv.config.json, or its content as
   * an object. Its indicators, ratios, rules and targets are this call's only; its defaults fill
   * the options not given here. Without it the call uses the built-in dictionary: the library
   * never reads a tdbv.config.json on its own.
   */
  config?: string | object;
}

export interface SummarizeOptions extends InputOptions {
  /** Group by province (default), district or commune. */
  by?: "province" | "district" | "commune";
  /** Keep the groups of the valid rows when some rows have errors (default false: groups is empty then). */
  allowErrors?: boolean;
  /** A register of units (a path) or "vn" for the official lists: adds each group's reporting rate. */
  units?: string;
  /** YYYY-MM-DD: the units the report is in. */
  unitsAsOf?: string;
  /** Corrections to the bundled old-to-new crosswalk (a path). */
  crosswalk?: string;
  /** Beside each figure, its value in the previous period or the same period a year earlier. */
  compare?: "previous" | "last-year";
  /** summarize only: earlier files (a path, folder or pattern) to compare with. */
  compareWith?: string;
  /** Write the rows not counted because of an error to this file (.csv or .json; --rejects). */
  rejects?: string;
  /** Rank each parent's districts (communes) by this ratio; every ratio's rank is given (--rank). */
  rank?: string;
  /** With rank: only the N best (top) or worst (bottom) groups of each parent. */
  top?: number;
  bottom?: number;
  /** Each group's share of its parent's total for these tallies (comma-separated), or true for all (--share). */
  share?: string | boolean;
}

export interface RollupOptions extends Omit<SummarizeOptions, "compareWith"> {
  /** The length of each period (required). */
  every: "month" | "quarter" | "year";
  /** Cumulative from the start of each year (with every month or quarter). */
  ytd?: boolean;
}

export interface ValidateOptions extends InputOptions {
  /** Warnings fail the run too (valid is false). */
  strict?: boolean;
  /** List at most this many problems (the counts stay exact; default all). */
  maxProblems?: number;
  /** A register of the units expected to report (a path, or "vn"). */
  units?: string;
  /** An earlier period's file (a path): figures far from the same unit's there are flagged. */
  baseline?: string;
  /** With baseline: a figure more than this many times larger or smaller is flagged (default 3). */
  maxChange?: number;
  /** With baseline: changes smaller than this are left alone (default 10). */
  minChange?: number;
  /** Write the rows not counted because of an error to this file (.csv or .json; --rejects). */
  rejects?: string;
}

/** The JSON report of summarize and rollup, as `--format json` prints it (docs/json.md; schema/report.schema.json). */
export interface JsonReport {
  period: string | null;
  periods: string[];
  by: "province" | "district" | "commune";
  every?: "month" | "quarter" | "year";
  ytd?: boolean;
  compare?: "previous" | "last-year" | "with" | null;
  units_as_of?: string;
  register?: string;
  complete: boolean;
  groups: JsonGroup[];
  rows: { read: number; counted: number; skipped: Record<string, number> };
  excluded: { file: string; sheet: string | null; row: number }[];
  issues: JsonIssue[];
}

export interface JsonGroup {
  level: "province" | "district" | "commune";
  province: string;
  district: string | null;
  commune: string | null;
  unit_code?: string;
  period: string | null;
  units: number;
  totals: Record<string, number | null>;
  reported: Record<string, number>;
  ratios: Record<string, { numerator: number; denominator: number; value: number | null; units: number }>;
  [more: string]: unknown;
}

export interface JsonIssue {
  code: string;
  severity: "error" | "warning";
  file: string;
  sheet: string | null;
  row: number | null;
  column: string | null;
  cell: string | null;
  value: string | null;
  message: string;
  hint: string;
  [more: string]: unknown;
}

/** The JSON of `tdbv validate --format json`. */
export interface JsonValidation {
  valid: boolean;
  counts: { errors: number; warnings: number; by_code: Record<string, number> };
  rows: { read: number; counted: number; skipped: Record<string, number> };
  problems: JsonIssue[];
  problems_omitted: number;
  reporting: unknown;
}

/** Totals and ratios by province, district or commune: `tdbv summarize … --format json`. */
export async function summarize(inputs: Input | readonly Input[], options: SummarizeOptions = {}): Promise<JsonReport> {
  const run = prepareRun(inputs);
  return configured(options, "summarize", run.io, async (f) => {
    const { resolveSummarizeOptions } = await import("./cli/options.js");
    const { runSummarize } = await import("./cli/commands.js");
    await runSummarize(resolveSummarizeOptions(run.names, { ...f, format: "json", quiet: true }, run.io), run.io);
    return run.json() as JsonReport;
  });
}

/** Totals and ratios over time: `tdbv rollup … --every … --format json`. */
export async function rollup(inputs: Input | readonly Input[], options: RollupOptions): Promise<JsonReport> {
  const run = prepareRun(inputs);
  return configured(options ?? {}, "rollup", run.io, async (f) => {
    const { resolveRollupOptions } = await import("./cli/options.js");
    const { runRollup } = await import("./cli/commands.js");
    await runRollup(resolveRollupOptions(run.names, { ...f, format: "json", quiet: true }, run.io), run.io);
    return run.json() as JsonReport;
  });
}

/** Every problem of the inputs: `tdbv validate … --format json`. */
export async function validate(inputs: Input | readonly Input[], options: ValidateOptions = {}): Promise<JsonValidation> {
  const run = prepareRun(inputs);
  return configured(options, "validate", run.io, async (f) => {
    const { resolveInputOptions } = await import("./cli/options.js");
    const { runValidate } = await import("./cli/commands.js");
    await runValidate(resolveInputOptions(run.names, { ...f, quiet: true }, run.io), { ...f, format: "json", quiet: true } as never, run.io);
    return run.json() as JsonValidation;
  });
}

/**
 * Runs `fn` with the options as flags, under the call's configuration when it has one: its
 * dictionary is this call's (another call at the same time keeps its own), its defaults fill
 * the options not given (the common ones, then the command's section).
 */
async function configured<T>(options: InputOptions, command: string, io: Io, fn: (f: RawSummarizeFlags & Record<string, unknown>) => Promise<T>): Promise<T> {
  const { config, ...rest } = options;
  if (config === undefined) return fn(flags(rest));
  let c: Config;
  // A path is read as the CLI reads --config (bounded, the same messages); an object is checked alike.
  if (typeof config === "string" && config !== "") c = (await (await import("./cli/config.js")).loadConfig(config, io))!;
  else if (config !== null && typeof config === "object") c = (await import("./config/load.js")).checkConfig(config, "(config)");
  else throw new TypeError("tdbv: config is a path or an object");
  const defaults = { ...(c.defaults["*"] ?? {}), ...(c.defaults[command] ?? {}) };
  const f = flags({ ...defaults, ...rest });
  const { withDictionary } = await import("./domain/dictionary.js");
  return withDictionary(c.dictionary, () => fn(f));
}

/** Options as the command line's flags: values as commander gives them (strings, booleans). */
function flags(options: object): RawSummarizeFlags & Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    out[key] = typeof value === "number" ? String(value) : value;
  }
  return out;
}

/** One call's own Io: files in memory served by name, standard output captured, standard error dropped. */
function prepareRun(inputs: Input | readonly Input[]) {
  const list: readonly Input[] = typeof inputs === "string" || !Array.isArray(inputs) ? [inputs as Input] : inputs;
  const memory = new Map<string, Buffer>();
  const names: string[] = [];
  for (const input of list) {
    if (typeof input === "string") {
      names.push(input);
      continue;
    }
    if (input === null || typeof input !== "object" || typeof input.name !== "string" || input.name === "") {
      throw new TypeError("tdbv: an input is a path or { name, text } or { name, bytes }");
    }
    const bytes = "text" in input ? Buffer.from(input.text, "utf8") : Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    memory.set(input.name, bytes);
    names.push(input.name);
  }
  const out: (string | Uint8Array)[] = [];
  const io: Io = {
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    stdout: (t) => void out.push(t),
    stderr: () => {},
    // Standard input as the CLI reads it: once per call.
    openStdin: processIo().openStdin,
    readFile: (p, max) => {
      const held = memory.get(p);
      if (held) return held.length > max ? null : held;
      return readBounded(p, max);
    },
    openFile: (p) => {
      const held = memory.get(p);
      return held ? bufferSource(p, held) : pathSource(p);
    },
  };
  const json = (): unknown => JSON.parse(out.map((t) => (typeof t === "string" ? t : Buffer.from(t).toString("utf8"))).join(""));
  return { names, io, json };
}
