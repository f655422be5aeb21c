// The command line: the commander program (commands, options, help with examples) and main(),
// which runs a command and maps every outcome to an exit status in one place (see errors.ts):
// 0 success (warnings allowed), 1 data errors, 2 usage, 3 unreadable input, 4 unwritable
// output, 70 a bug of ours (said as such; the stack only with --debug).

import { Command, CommanderError, Option } from "commander";
import { visible } from "../domain/problems.js";
import { EXIT, TdbvError } from "../errors.js";
import { runInspect, runRollup, runSchema, runSummarize, runTemplate, runValidate } from "./commands.js";
import type { Io } from "./io.js";
import { resolveInputOptions, resolveRollupOptions, resolveSummarizeOptions, type RawSummarizeFlags } from "./options.js";
import { VERSION } from "./version.js";
import { BUILT_IN, withDictionary } from "../domain/dictionary.js";
import { loadConfig, withDefaults } from "./config.js";

export { processIo, type Io } from "./io.js";

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
  tdbv validate data/ --split-by commune --output "loi/{unit}.csv"
                                                   one file of problems per commune, to send back

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

const UNITS_EXAMPLES = `
Examples:
  tdbv units "Đông Khê"                        every unit of that name, before and after 1 July 2025
  tdbv units 1786                              by code; leading zeros may be missing (01786)
  tdbv units "Quảng Bình"                      an old province and the new one it became part of
  tdbv units "Đông Khê, Thanh Hóa" --as-of 2025-03-01   narrowed to a province, on a date
  tdbv units "Phường Đông Sơn" --format json --lang en

Exit status: 0 found, 1 nothing matches (the nearest names are said), 2 usage error,
3 the --crosswalk file cannot be read.
`;

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
    .option("--debug", "show internal details (stack traces) of a failure")
    .option("--config <file>", "a configuration (indicators, ratios, rules, targets, default options); default: tdbv.config.json in the current folder")
    .option("--no-config", "do not read tdbv.config.json");
}

/** The input options and the report options that summarize and rollup share. */
function reportOptions(cmd: Command, outputHelp: string): Command {
  return inputOptions(cmd)
    .addOption(new Option("--by <level>", "group by province, district or commune (every level above is included)").choices(["province", "district", "commune"]))
    .addOption(
      new Option("-f, --format <format>", "output format (default: table on a terminal, csv otherwise); text: the published paragraph").choices(["table", "csv", "json", "md", "text", "html", "xlsx"]),
    )
    .option("-o, --output <file>", outputHelp)
    .addOption(new Option("--lang <lang>", "labels and number formatting").choices(["vi", "en"]))
    .option("--decimals <n>", "decimal places of percentages (default 2)")
    .option("--allow-errors", "report the valid rows even when some rows have errors (marked incomplete)")
    .option("--bom", "write CSV for spreadsheets (UTF-8 BOM, CRLF); the default when --output names a .csv file")
    .option("--no-bom", "write plain CSV even to a .csv file")
    .option("--max-problems <n>", "list at most N problems on standard error (default 50)")
    .option("--units <file>", "a register of the units expected to report: adds each group's reporting rate; vn: the official lists")
    .option("--units-as-of <date>", "the units to report in (YYYY-MM-DD): from 2025-07-01, units of before 1 July 2025 are counted in the new ones (the default across the change)")
    .option("--crosswalk <file>", "corrections to the bundled old-to-new crosswalk (its columns); rows replace the bundled ones per old_commune_code")
    .option("--rejects <file>", "write the rows not counted because of an error (cells as read, problem codes) to FILE, .csv or .json")
    .option("--rank <ratio>", "rank the districts (communes) within their parent by this ratio, ties shared, missing last; JSON gets every ratio's rank")
    .option("--top <n>", "with --rank: keep only the N best groups of each parent (every format; the parent still counts every unit)")
    .option("--bottom <n>", "with --rank: show only the N worst groups of each parent")
    .option("--share [tallies]", "each group's share of its parent's total (a district of its province, a commune of its district), for these tallies (comma-separated; default all)")
    .option("--threads <n>", "summarize: threads reading a large UTF-8 CSV file, a number or auto (the cores, up to 4); also TDBV_THREADS; default 1; one for small files and standard input");
}

/**
 * Commander's own errors (an unknown option, a value not among the choices, …) in Vietnamese:
 * the patterns of the messages it writes, each said again; any other passes as written.
 */
const COMMANDER_VI: readonly [RegExp, string][] = [
  [/^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/m, "lỗi: giá trị '$2' của tùy chọn '$1' không hợp lệ. Các giá trị được phép: $3."],
  [/^error: option '(.+)' argument missing$/m, "lỗi: tùy chọn '$1' thiếu giá trị"],
  [/^error: unknown option '(.+)'$/m, "lỗi: không có tùy chọn '$1'"],
  [/^error: unknown command '(.+)'$/m, "lỗi: không có lệnh '$1'"],
  [/^error: missing required argument '(.+)'$/m, "lỗi: thiếu đối số bắt buộc '$1'"],
  [/^error: too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/m, "lỗi: lệnh '$1' nhận $2 đối số, nhưng được đưa $3."],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/m, "lỗi: cần $1 đối số, nhưng được đưa $2."],
  [/^\(Did you mean (.+)\?\)$/m, "(Có phải ý bạn là $1?)"],
];

const commanderVi = (text: string) => COMMANDER_VI.reduce((t, [re, vi]) => t.replace(re, vi), text);

function buildProgram(io: Io, run: (command: string, args: string[], flags: Record<string, unknown>) => Promise<void>, lang: "vi" | "en" = "vi"): Command {
  const program = new Command("tdbv")
    .description("Totals and ratios of the \"Toàn dân bảo vệ an ninh Tổ quốc\" movement tallies, from CSV and Excel exports.")
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .showHelpAfterError(lang === "vi" ? "(chạy với --help để xem các tùy chọn và ví dụ)" : "(run with --help for the options and examples)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(lang === "vi" ? commanderVi(text) : text) })
    .addHelpText("after", `\nRun "tdbv <command> --help" for a command's options and examples.\n${EXIT_TEXT}`);

  reportOptions(
    program
      .command("summarize")
      .alias("sum")
      .description("Validate tally files and print totals and ratios by province, district or commune.")
      .argument("<files...>", "CSV or Excel files of commune or district tallies; - reads standard input"),
    "write the report to FILE atomically; the format follows its extension (.csv .json .md .txt .html .xlsx)",
  )
    .addOption(new Option("--compare <with>", "beside each figure, its value in the input's previous period or the same period a year earlier").choices(["previous", "last-year"]))
    .option("--compare-with <file>", "an earlier file (folder or quoted pattern) of one period: each figure beside its value there, and the change")
    .addHelpText("after", SUMMARIZE_EXAMPLES)
    .action((files: string[], flags: Record<string, unknown>) => run("summarize", files, flags));

  reportOptions(
    program
      .command("rollup")
      .description("Totals and ratios over time: months to quarters and years, year to date, compared with earlier periods.")
      .argument("<inputs...>", "files, folders (their .csv, .tsv, .txt, .xlsx, .xls, .ods files) or quoted patterns such as \"data/2024-*.csv\"")
      .addOption(new Option("--every <period>", "the length of each period").choices(["month", "quarter", "year"]))
      .option("--ytd", "cumulative from the start of each year (with --every month or quarter)")
      .addOption(new Option("--compare <with>", "add the change from the previous period or the same period a year earlier").choices(["previous", "last-year"])),
    "write the report to FILE atomically (format from its extension); with {period} in the name, one file per period",
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
      .option("--min-change <n>", "with --baseline: leave changes smaller than N alone, so 1 -> 4 is no alarm (default 10)")
      .option("--rejects <file>", "write the rows not counted because of an error (cells as read, problem codes) to FILE, .csv or .json")
      .addOption(new Option("--lang <lang>", "language of the messages and the table (default vi)").choices(["vi", "en"]))
      .addOption(new Option("--split-by <level>", "write one file of problems per unit (to send each its own list), named by --output").choices(["commune", "district"]))
      .option("-o, --output <template>", 'with --split-by: the files to write, {unit} being the unit\'s name, e.g. "loi/{unit}.csv"'),
  )
    .addHelpText("after", VALIDATE_EXAMPLES)
    .action((inputs: string[], flags: Record<string, unknown>) => run("validate", inputs, flags));

  inputOptions(
    program
      .command("inspect")
      .description("Show what tdbv detects in a file: format, encoding, sheet, header rows, each column's mapping, each row's role.")
      .argument("<file>", "a CSV or Excel file; - reads standard input")
      .addOption(new Option("-f, --format <format>", "text for people, json for scripts").choices(["text", "json"]))
      .addOption(new Option("--lang <lang>", "language of the text: vi (default) or en").choices(["vi", "en"]))
      .option("--save-mapping <file>", "write the detected column mapping as JSON, to correct and reuse with --mapping"),
  )
    .addHelpText("after", INSPECT_EXAMPLES)
    .action((file: string, flags: Record<string, unknown>) => run("inspect", [file], flags));

  program
    .command("units")
    .description("What tdbv knows about a province, district or commune: official name, code, parents, validity, and where it went on 1 July 2025.")
    .argument("<query...>", "a name (any spelling, e.g. \"Xa Dong Khe\"; \", PROVINCE\" narrows it) or a code (1786 = 01786)")
    .option("--as-of <date>", "the units valid on this date (YYYY-MM-DD): before 1 July 2025 the old list, from then the new one")
    .addOption(new Option("-f, --format <format>", "text for people, json for scripts").choices(["text", "json"]))
    .addOption(new Option("--lang <lang>", "language of the text (default vi)").choices(["vi", "en"]))
    .option("--crosswalk <file>", "corrections to the bundled crosswalk (same columns); its rows replace the bundled ones per old_commune_code")
    .option("--debug", "show internal details (stack traces) of a failure")
    .addHelpText("after", UNITS_EXAMPLES)
    .action((query: string[], flags: Record<string, unknown>) => run("units", query, flags));

  program
    .command("template")
    .description("Write a blank report form (CSV or .xlsx) with the headers tdbv reads, to send to communes.")
    .addOption(new Option("-f, --format <format>", "csv or xlsx (default: from --output's extension, else csv)").choices(["csv", "xlsx"]))
    .addOption(new Option("--lang <lang>", "header language (default vi)").choices(["vi", "en"]))
    .option("-o, --output <file>", "write the form to FILE (atomically) instead of standard output")
    .option("--config <file>", "a configuration whose indicators are added to the form; default: tdbv.config.json in the current folder")
    .option("--no-config", "do not read tdbv.config.json")
    .option("--debug", "show internal details (stack traces) of a failure")
    .addHelpText("after", TEMPLATE_EXAMPLES)
    .action((flags: Record<string, unknown>) => run("template", [], flags));

  program
    .command("schema")
    .description("Print the JSON Schema of the --format json report (schema/report.schema.json), or with --config of tdbv.config.json (schema/config.schema.json).")
    .option("--config", "the schema of the configuration file instead")
    .action((flags: Record<string, unknown>) => run("schema", [], flags));
  return program;
}

/**
 * The language of what stops a run: --lang's, read from the arguments themselves, since a
 * run can stop before its options are checked (a bad option is said in the language asked).
 */
function langOf(argv: readonly string[]): "vi" | "en" {
  const end = argv.indexOf("--");
  const args = end === -1 ? argv : argv.slice(0, end);
  let lang: "vi" | "en" = "vi";
  args.forEach((a, i) => {
    const value = a.startsWith("--lang=") ? a.slice(7) : a === "--lang" ? args[i + 1] : undefined;
    if (value === "en" || value === "vi") lang = value;
  });
  return lang;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let status: number = EXIT.ok;
  const debug = argv.includes("--debug");
  // The language of what stops the run: --lang's, else the configuration's.
  let lang = langOf(argv);
  const program = buildProgram(io, async (command, args, given) => {
    // The configuration (if any) fills the options not given, and its dictionary is the run's.
    const configurable = command !== "units" && command !== "schema";
    const config = configurable ? await loadConfig(given.config, io) : null;
    const cmd = program.commands.find((c) => c.name() === command);
    const flags = cmd ? withDefaults(config, cmd, given) : given;
    if (flags.lang === "vi" || flags.lang === "en") lang = flags.lang;
    await withDictionary(config?.dictionary ?? BUILT_IN, () => dispatch(command, args, flags));
  }, langOf(argv));
  const dispatch = async (command: string, args: string[], flags: Record<string, unknown>) => {
    if (command === "summarize") status = await runSummarize(resolveSummarizeOptions(args, flags as RawSummarizeFlags, io), io);
    else if (command === "rollup") status = await runRollup(resolveRollupOptions(args, flags as RawSummarizeFlags, io), io);
    else if (command === "validate") status = await runValidate(resolveInputOptions(args, flags as RawSummarizeFlags, io), flags, io);
    else if (command === "inspect") status = await runInspect(resolveInputOptions(args, flags as RawSummarizeFlags, io), flags, io);
    else if (command === "units") {
      const { resolveUnitsOptions, runUnits } = await import("./units.js");
      status = await runUnits(resolveUnitsOptions(args, flags), io);
    } else if (command === "schema") status = await runSchema(io, flags.config === true ? "config" : "report");
    else status = await runTemplate(flags, io);
  };
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
      // A message may quote a file name or a value as given: its control characters are shown, never sent to the terminal.
            io.stderr(`tdbv: ${err.said[lang].split("\n").map(visible).join("\n")}\n${err.hint ? `  ${lang === "vi" ? "cách sửa" : "hint"}: ${visible(err.hint[lang])}\n` : ""}`);
      return EXIT[err.kind];
    }
    const e = err as Error;
    io.stderr(
      (lang === "vi"
        ? `tdbv: lỗi nội bộ: ${e?.message ?? String(err)}\n` +
          `  Đây là lỗi của tdbv, không phải lỗi trong số liệu. Hãy báo lỗi kèm lệnh đã chạy${debug ? "" : " (thêm --debug để xem chi tiết)"}.\n`
        : `tdbv: internal error: ${e?.message ?? String(err)}\n` +
          `  This is a bug in tdbv, not a problem with your data. Please report it with the command you ran${debug ? "" : " (add --debug for details)"}.\n`) +
        (debug && e?.stack ? `${e.stack}\n` : ""),
    );
    return EXIT.internal;
  }
}
