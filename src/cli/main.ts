// The command line: commander program -> resolved options -> read inputs -> pure core ->
// render -> write. Maps every outcome to an exit status in one place (see errors.ts):
// 0 success (warnings allowed), 1 data errors, 2 usage, 3 unreadable input, 4 unwritable
// output, 70 a bug of ours (said as such; the stack only with --debug).

import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { EXIT, TdbvError, inputError, usageError } from "../errors.js";
import type { RegisterUnit } from "../validate/register.js";
import type { Mapping } from "../detect/mapping.js";
import { prepare, readSource } from "../read/index.js";
import { bufferSource, fileSource, type ByteSource } from "../read/source.js";
import type { Sheet } from "../read/sheet.js";
import type { Report } from "../report.js";
import { summarize } from "../summarize.js";
import { renderIssues, countBySeverity } from "../render/issues.js";
import { writeAtomic } from "../write/output.js";
import {
  resolveInputOptions,
  resolveRollupOptions,
  resolveSummarizeOptions,
  resolveTemplateOptions,
  type Environment,
  type InputOptions,
  type RawSummarizeFlags,
  type RollupCliOptions,
  type SummarizeCliOptions,
} from "./options.js";
import { rendererFor, accountLine, type Renderer } from "./render.js";
import { paint } from "../render/paint.js";
import { VERSION } from "./version.js";
import { expandInputs } from "./inputs.js";
import { progress } from "./progress.js";

export interface Io extends Environment {
  readonly stdout: (text: string | Uint8Array) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<Buffer>;
  readonly readFile: (path: string) => Buffer;
  /** A file's bytes, read lazily in chunks (throws the file system's error if it cannot be opened). */
  readonly openFile: (path: string) => ByteSource;
}

const EXIT_TEXT = `
Exit status: 0 success (warnings allowed), 1 the data has errors, 2 usage error,
3 an input is missing or unreadable, 4 the output cannot be written, 70 internal error.
`;

const SUMMARIZE_EXAMPLES = `
Examples:
  tdbv summarize 2024.csv                        table on a terminal, CSV when piped
  tdbv summarize fixtures/lam-dong-2024.csv --by district
  tdbv summarize 2024.xlsx --sheet "Báo cáo" --province "Lâm Đồng"
  tdbv summarize 2024.csv --format json > 2024.json
  tdbv summarize 2024.csv --output 2024-tong-hop.csv   Excel-ready CSV (BOM, CRLF), written atomically
  tdbv summarize xa-*.csv --province "Lâm Đồng" --period 2024
  cat 2024.csv | tdbv summarize - --lang en --format md
${EXIT_TEXT}`;

const ROLLUP_EXAMPLES = `
Examples:
  tdbv rollup data/2024-*.csv --every quarter          quarters from monthly files
  tdbv rollup data/ --every month --ytd --compare last-year --by district
  tdbv rollup data/ --every month --output "reports/{period}.csv"   one file per month, atomically
  tdbv rollup 2023.csv 2024.csv --every year --compare previous --format md

Flows (cases, meetings, …) are summed over the months of a period; stocks (residential areas,
cameras, teams, …) take each unit's latest reported value, never a sum. The period of a row is
its period column, else its file name (2024-03.csv, 2024_03.xlsx, T03-2024.csv,
thang-03-2024.csv), else --period.
${EXIT_TEXT}`;

const VALIDATE_EXAMPLES = `
Examples:
  tdbv validate 2024-03.csv                        every problem, with where it is and how to fix it
  tdbv validate data/ --units danh-sach-xa.csv     also who did not report, and names not in the register
  tdbv validate 2024.csv --baseline 2023.csv --max-change 3
  tdbv validate data/ --format json --strict       for a script; warnings fail the run too

Exit status: 0 no errors (warnings allowed unless --strict), 1 errors (or warnings with --strict),
2 usage error, 3 an input is missing or unreadable, 70 internal error.
The problem codes, each with an example and its fix: docs/problems.md.
`;

const INSPECT_EXAMPLES = `
Examples:
  tdbv inspect bieu-mau.xlsx                     what was detected, column by column, row by row
  tdbv inspect bieu-mau.xlsx --save-mapping form.json    save the column mapping to correct by hand
  tdbv summarize xa-*.xlsx --mapping form.json   read files of that form with it
${EXIT_TEXT}`;

const TEMPLATE_EXAMPLES = `
Examples:
  tdbv template --output bieu-mau.xlsx           a blank form as an Excel workbook
  tdbv template --format csv --lang en > form.csv
${EXIT_TEXT}`;

/** The options every command that reads tally files shares. */
function inputOptions(cmd: Command): Command {
  return cmd
    .option("--province <name>", "the province of every row, when the file has no province column")
    .option("--period <period>", "the period of every row without a period column (2024, 2024-03, 2024-Q1)")
    .option("--sheet <name|n>", "the worksheet of a workbook to read, by name or number (default: the first with a recognised header)")
    .option("--mapping <file>", "a column mapping saved by tdbv inspect --save-mapping, for headers tdbv does not know")
    .option("--delimiter <char>", "field delimiter: , ; tab | (default: detected)")
    .option("--encoding <name>", "text encoding: utf-8, utf-16le, utf-16be, windows-1258, tcvn3 (default: detected)")
    .addOption(new Option("--decimal-mark <char>", "decimal mark of kilogram columns when the file does not show it").choices([",", "."]))
    .option("--no-color", "no colour (also when NO_COLOR is set or output is not a terminal)")
    .option("-q, --quiet", "print nothing on standard error but errors")
    .option("--debug", "show internal details (stack traces) of a failure");
}

function buildProgram(io: Io, run: (command: string, args: string[], flags: Record<string, unknown>) => Promise<void>): Command {
  const program = new Command("tdbv")
    .description("Totals and ratios of the \"Toàn dân bảo vệ an ninh Tổ quốc\" movement tallies, from CSV and Excel exports.")
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run with --help for the options and examples)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .addHelpText("after", `\nRun "tdbv <command> --help" for a command's options and examples.\n${EXIT_TEXT}`);

  inputOptions(
    program
      .command("summarize")
      .alias("sum")
      .description("Validate tally files and print totals and ratios by province, district or commune.")
      .argument("<files...>", "CSV or Excel files of commune or district tallies; - reads standard input")
      .addOption(new Option("--by <level>", "group by province, district or commune (every level above is included)").choices(["province", "district", "commune"]))
      .addOption(new Option("-f, --format <format>", "output format (default: table on a terminal, csv otherwise); text: the published paragraph").choices(["table", "csv", "json", "md", "text", "html", "xlsx"]))
      .option("-o, --output <file>", "write the report to FILE atomically; the format follows its extension (.csv .json .md .txt)")
      .addOption(new Option("--lang <lang>", "labels and number formatting").choices(["vi", "en"]))
      .option("--decimals <n>", "decimal places of percentages (default 2)")
      .option("--allow-errors", "print the summary of the valid rows even when some rows have errors (marked incomplete)")
      .option("--bom", "write CSV for spreadsheets (UTF-8 BOM, CRLF); the default when --output names a .csv file")
      .option("--no-bom", "write plain CSV even to a .csv file")
      .option("--max-problems <n>", "list at most N problems on standard error (default 50)")
      .option("--units <file>", "a register of the units expected to report: adds each group's reporting rate"),
  )
    .addHelpText("after", SUMMARIZE_EXAMPLES)
    .action((files: string[], flags: Record<string, unknown>) => run("summarize", files, flags));

  inputOptions(
    program
      .command("rollup")
      .description("Totals and ratios over time: months to quarters and years, year to date, compared with earlier periods.")
      .argument("<inputs...>", "files, folders (their .csv/.xlsx files) or quoted patterns such as \"data/2024-*.csv\"")
      .addOption(new Option("--every <period>", "the length of each period").choices(["month", "quarter", "year"]))
      .option("--ytd", "cumulative from the start of each year (with --every month or quarter)")
      .addOption(new Option("--compare <with>", "add the change from the previous period or the same period a year earlier").choices(["previous", "last-year"]))
      .addOption(new Option("--by <level>", "group by province, district or commune (every level above is included)").choices(["province", "district", "commune"]))
      .addOption(new Option("-f, --format <format>", "output format (default: table on a terminal, csv otherwise); text: the published paragraph").choices(["table", "csv", "json", "md", "text", "html", "xlsx"]))
      .option("-o, --output <file>", "write the report to FILE atomically; with {period} in the name, one file per period")
      .addOption(new Option("--lang <lang>", "labels and number formatting").choices(["vi", "en"]))
      .option("--decimals <n>", "decimal places of percentages (default 2)")
      .option("--allow-errors", "report the valid rows even when some rows have errors (marked incomplete)")
      .option("--bom", "write CSV for spreadsheets (UTF-8 BOM, CRLF); the default when --output names a .csv file")
      .option("--no-bom", "write plain CSV even to a .csv file")
      .option("--max-problems <n>", "list at most N problems on standard error (default 50)")
      .option("--units <file>", "a register of the units expected to report: adds each group's reporting rate"),
  )
    .addHelpText("after", ROLLUP_EXAMPLES)
    .action((inputs: string[], flags: Record<string, unknown>) => run("rollup", inputs, flags));

  inputOptions(
    program
      .command("validate")
      .description("Check tally files against every rule and list every problem, with where it is and how to fix it.")
      .argument("<inputs...>", "files, folders or quoted patterns; - reads standard input")
      .addOption(new Option("-f, --format <format>", "output format (default: table on a terminal, csv otherwise)").choices(["table", "json", "csv"]))
      .option("--strict", "warnings fail the run too (exit 1)")
      .option("--max-problems <n>", "list at most N problems (the counts stay exact; default: all)")
      .option("--units <file>", "a register of the units expected to report (province, district, commune, unit type, code)")
      .option("--baseline <file>", "an earlier period's file: flag figures far from the same unit's there")
      .option("--max-change <factor>", "with --baseline: flag a figure more than this many times larger or smaller (default 3)")
      .addOption(new Option("--lang <lang>", "language of the table's figures").choices(["vi", "en"])),
  )
    .addHelpText("after", VALIDATE_EXAMPLES)
    .action((inputs: string[], flags: Record<string, unknown>) => run("validate", inputs, flags));

  inputOptions(
    program
      .command("inspect")
      .description("Show what tdbv detects in a file: format, encoding, sheet, header rows, each column's mapping, each row's role.")
      .argument("<file>", "a CSV or Excel file; - reads standard input")
      .addOption(new Option("-f, --format <format>", "text for people, json for scripts").choices(["text", "json"]))
      .option("--save-mapping <file>", "write the detected column mapping as JSON, to correct and reuse with --mapping"),
  )
    .addHelpText("after", INSPECT_EXAMPLES)
    .action((file: string, flags: Record<string, unknown>) => run("inspect", [file], flags));

  program
    .command("template")
    .description("Write a blank report form (CSV or .xlsx) with the headers tdbv reads, to send to communes.")
    .addOption(new Option("-f, --format <format>", "csv or xlsx (default: from --output's extension, else csv)").choices(["csv", "xlsx"]))
    .addOption(new Option("--lang <lang>", "header language (default vi)").choices(["vi", "en"]))
    .option("-o, --output <file>", "write the form to FILE (atomically) instead of standard output")
    .option("--debug", "show internal details (stack traces) of a failure")
    .addHelpText("after", TEMPLATE_EXAMPLES)
    .action((flags: Record<string, unknown>) => run("template", [], flags));
  return program;
}

async function openSource(file: string, io: Io): Promise<ByteSource> {
  if (file === "-") return bufferSource("-", await io.readStdin());
  try {
    return io.openFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError(`${file}: no such file`, "Check the path; run ls to see the files here.");
    if (code === "EISDIR") throw inputError(`${file}: is a folder, not a file`, "Pass the files inside it, e.g. folder/*.csv.");
    if (code === "EACCES" || code === "EPERM") throw inputError(`${file}: permission denied`);
    throw inputError(`${file}: cannot be read (${code ?? String(err)})`);
  }
}

/** One input read whole (a register, a baseline). */
async function readOne(file: string, io: Io): Promise<Sheet[]> {
  const source = await openSource(file, io);
  return readSource(source, await prepare([source]), { delimiter: null, encoding: null });
}

async function readMapping(o: InputOptions, io: Io): Promise<Mapping | null> {
  if (!o.mappingFile) return null;
  const { parseMapping } = await import("../detect/mapping.js");
  let text: string;
  try {
    text = io.readFile(o.mappingFile).toString("utf8");
  } catch {
    throw inputError(`${o.mappingFile}: the mapping file cannot be read`, "Check the path given to --mapping.");
  }
  return parseMapping(text, o.mappingFile);
}

/**
 * The inputs, opened now (so a missing file is reported before any work) and read lazily, one
 * after the other, as the pipeline consumes them.
 */
async function readAll(o: InputOptions, io: Io): Promise<Iterable<Sheet[]>> {
  const sources: ByteSource[] = [];
  for (const file of expandInputs(o.files)) sources.push(await openSource(file, io));
  const readers = await prepare(sources);
  const options = { delimiter: o.delimiter, encoding: o.encoding };
  return {
    *[Symbol.iterator]() {
      for (const source of sources) yield readSource(source, readers, options);
    },
  };
}

async function runSummarize(o: SummarizeCliOptions, io: Io): Promise<number> {
  const mapping = await readMapping(o, io);
  const files = await readAll(o, io);
  const register = o.unitsFile ? await readRegister(o.unitsFile, o, io) : null;
  const shown = progress(io.stderrIsTTY && !o.quiet, io.stderr);
  const report = summarize(files, { by: o.by, province: o.province, period: o.period, decimalMark: o.decimalMark, sheet: o.sheet, mapping, register: register?.units ?? null, progress: shown.tick });
  shown.done();
  return emit(report, o, io, await rendererFor(o));
}

async function runRollup(o: RollupCliOptions, io: Io): Promise<number> {
  const mapping = await readMapping(o, io);
  const files = await readAll(o, io);
  const { rollupReport } = await import("../rollup.js");
  const shown = progress(io.stderrIsTTY && !o.quiet, io.stderr);
  const report = rollupReport(files, {
    progress: shown.tick,
    by: o.by,
    province: o.province,
    period: o.period,
    decimalMark: o.decimalMark,
    sheet: o.sheet,
    mapping,
    every: o.every,
    ytd: o.ytd,
    compare: o.compare,
    register: o.unitsFile ? (await readRegister(o.unitsFile, o, io)).units : null,
  });
  shown.done();
  return emit(report, o, io, await rendererFor(o));
}

/** Problems and notes to standard error, the report to standard output or its file(s); the exit status. */
async function emit(report: Report, o: SummarizeCliOptions, io: Io, renderReport: Renderer): Promise<number> {
  const { errors } = countBySeverity(report.issues);
  if (!o.quiet) for (const note of report.notes) io.stderr(`tdbv: ${note}\n`);
  const shown = o.quiet ? report.issues.filter((i) => i.severity === "error") : report.issues;
  io.stderr(renderIssues(shown, { paint: await paint(o.colorErr && shown.length > 0), max: o.maxProblems }));
  const withheld = errors > 0 && !o.allowErrors;
  if (o.output !== null && o.output.includes("{period}")) {
    if (!withheld) {
      // One report per period, each written whole or not at all.
      const periods = [...new Set(report.groups.map((g) => g.period ?? "all"))];
      for (const period of periods) {
        const groups = report.groups.filter((g) => (g.period ?? "all") === period);
        const path = o.output.split("{period}").join(period);
        writeAtomic(path, await renderReport({ ...report, groups, period, periods: period === "all" ? [] : [period] }));
        if (!o.quiet) io.stderr(`tdbv: wrote ${path}\n`);
      }
    }
  } else if (!withheld || (o.format === "json" && o.output === null)) {
    const text = await renderReport(withheld ? { ...report, groups: [] } : report);
    if (o.output !== null) writeAtomic(o.output, text);
    else io.stdout(text);
  }
  if (!o.quiet && (o.format === "table" || o.format === "md" || o.output !== null)) {
    io.stderr(accountLine(report, o.lang, withheld) + "\n");
  }
  if (withheld) {
    io.stderr(`tdbv: ${errors} error${errors === 1 ? "" : "s"} in the data; no report was written (--allow-errors writes one from the valid rows).\n`);
  }
  return errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

async function readRegister(file: string, o: InputOptions, io: Io): Promise<{ file: string; units: RegisterUnit[] }> {
  const { collect } = await import("../summarize.js");
  const { registerFrom } = await import("../validate/register.js");
  const sheets = await readOne(file, io);
  const c = collect([sheets], { by: "commune", province: o.province, period: null, decimalMark: null, sheet: null });
  const errors = c.issues.filter((i) => i.severity === "error");
  if (errors.length) throw usageError(`${file}: the register of units has problems: ${errors[0]!.message}`, "The register needs a province (or --province), district and commune column, one row per unit.");
  return { file, units: registerFrom(c.units) };
}

async function runValidate(o: InputOptions, flags: { format?: string; strict?: boolean; maxProblems?: string; units?: string; baseline?: string; maxChange?: string; lang?: string; color?: boolean }, io: Io): Promise<number> {
  const format = flags.format ?? (io.stdoutIsTTY ? "table" : "csv");
  const max = flags.maxProblems === undefined ? Number.MAX_SAFE_INTEGER : positive("max-problems", flags.maxProblems, true);
  const factor = flags.maxChange === undefined ? 3 : positive("max-change", flags.maxChange, false);
  if (factor <= 1) throw usageError(`--max-change must be more than 1; got "${flags.maxChange}"`);
  const mapping = await readMapping(o, io);
  const files = await readAll(o, io);
  const baseline = flags.baseline ? [await readOne(flags.baseline, io)] : undefined;
  const register = flags.units ? await readRegister(flags.units, o, io) : undefined;
  const { validate } = await import("../check.js");
  const v = validate(
    files,
    { by: "province", province: o.province, period: o.period, decimalMark: o.decimalMark, sheet: o.sheet, mapping, strict: flags.strict === true, factor, minChange: 10 },
    { ...(baseline ? { baseline } : {}), ...(register ? { register } : {}) },
  );
  if (!o.quiet) for (const note of v.notes) io.stderr(`tdbv: ${note}\n`);
  const r = await import("../render/validation.js");
  if (format === "json") io.stdout(r.renderValidationJson(v, max));
  else if (format === "csv") {
    const { renderIssuesCsv } = await import("../render/csv.js");
    io.stdout(renderIssuesCsv(v.problems.slice(0, max), { spreadsheet: false, decimals: 2 }));
  } else io.stdout(r.renderValidationText(v, { paint: await paint(colorOut(io, flags)), max, lang: flags.lang === "en" ? "en" : "vi" }));
  if (!o.quiet) {
    io.stderr(`tdbv: ${v.rows.read} rows read: ${v.rows.counted} valid units; ${v.counts.errors} errors, ${v.counts.warnings} warnings.\n`);
  }
  return v.failed ? EXIT.dataErrors : EXIT.ok;
}

function positive(flag: string, value: string, whole: boolean): number {
  const n = Number(value);
  if (!(whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) || !Number.isFinite(n)) throw usageError(`--${flag} must be a ${whole ? "whole " : ""}number; got "${value}"`);
  return n;
}

function colorOut(io: Io, flags: { color?: boolean }): boolean {
  const off = (flags as { color?: boolean }).color === false || (io.env.NO_COLOR ?? "") !== "";
  return !off && (io.stdoutIsTTY || ((io.env.FORCE_COLOR ?? "") !== "" && io.env.FORCE_COLOR !== "0"));
}

async function runInspect(o: InputOptions, flags: { format?: string; saveMapping?: string }, io: Io): Promise<number> {
  const { inspect } = await import("../inspect.js");
  const mapping = await readMapping(o, io);
  const [sheets] = [...(await readAll(o, io))];
  const x = inspect(sheets!, { sheet: o.sheet, mapping, province: o.province, period: o.period, decimalMark: o.decimalMark });
  if (flags.format === "json") {
    const { table, ...rest } = x;
    const { rows: _rows, ...tableInfo } = table;
    io.stdout(JSON.stringify({ ...rest, table: tableInfo }, (k, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2) + "\n");
  } else {
    const { renderInspection } = await import("../render/inspect.js");
    io.stdout(renderInspection(x));
  }
  if (flags.saveMapping) {
    const { renderMapping } = await import("../detect/mapping.js");
    writeAtomic(flags.saveMapping, renderMapping(x.table.columns));
    if (!o.quiet) io.stderr(`tdbv: column mapping written to ${flags.saveMapping}; correct it and pass it with --mapping\n`);
  }
  const shown = o.quiet ? x.issues.filter((i) => i.severity === "error") : x.issues;
  io.stderr(renderIssues(shown, { paint: await paint(o.colorErr && shown.length > 0), max: 200 }));
  return x.issues.some((i) => i.severity === "error") ? EXIT.dataErrors : EXIT.ok;
}

async function runTemplate(flags: { format?: string; lang?: string; output?: string }, io: Io): Promise<number> {
  const o = resolveTemplateOptions(flags, io);
  const { renderTemplateCsv, renderTemplateXlsx } = await import("../render/template.js");
  const content = o.format === "xlsx" ? await renderTemplateXlsx(o.lang) : await renderTemplateCsv(o.lang);
  if (o.output !== null) writeAtomic(o.output, content);
  else io.stdout(content);
  return EXIT.ok;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let status: number = EXIT.ok;
  const debug = argv.includes("--debug");
  const program = buildProgram(io, async (command, args, flags) => {
    if (command === "summarize") status = await runSummarize(resolveSummarizeOptions(args, flags as RawSummarizeFlags, io), io);
    else if (command === "rollup") status = await runRollup(resolveRollupOptions(args, flags as RawSummarizeFlags, io), io);
    else if (command === "validate") status = await runValidate(resolveInputOptions(args, flags as RawSummarizeFlags, io), flags, io);
    else if (command === "inspect") status = await runInspect(resolveInputOptions(args, flags as RawSummarizeFlags, io), flags, io);
    else status = await runTemplate(flags, io);
  });
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return status;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return EXIT.ok;
      return EXIT.usage;
    }
    if (err instanceof TdbvError) {
      io.stderr(`tdbv: ${err.message}\n${err.hint ? `  hint: ${err.hint}\n` : ""}`);
      return EXIT[err.kind];
    }
    const e = err as Error;
    io.stderr(
      `tdbv: internal error: ${e?.message ?? String(err)}\n` +
        `  This is a bug in tdbv, not a problem with your data. Please report it with the command you ran` +
        `${debug ? "" : " (add --debug for details)"}.\n` +
        (debug && e?.stack ? `${e.stack}\n` : ""),
    );
    return EXIT.internal;
  }
}

export function processIo(): Io {
  return {
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    stdout: (t) => {
      if (t.length) process.stdout.write(t);
    },
    stderr: (t) => {
      if (t) process.stderr.write(t);
    },
    // Not readFileSync(0): on a pipe it can fail with EAGAIN.
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    readFile: (p) => readFileSync(p),
    openFile: (p) => fileSource(p),
  };
}
