// Flags as commander gives them -> one frozen, checked Options value. This is the only place
// that looks at the terminal, NO_COLOR and file extensions to decide defaults; every check of
// an option's value happens here, before any data is read.

import { dictionary } from "../domain/dictionary.js";
import { extname } from "node:path";
import { parsePeriod } from "../domain/period.js";
import type { Text } from "../domain/problems.js";
import { usageError } from "../errors.js";
import type { DecimalMark } from "../normalize/number.js";
import type { Lang } from "../render/numbers.js";
import type { Level } from "../report.js";
import { threadCount, threadMinBytes } from "../pipeline/thread-count.js";

export type Format = "table" | "csv" | "json" | "md" | "text" | "html" | "xlsx";

export interface RawSummarizeFlags {
  by?: string;
  format?: string;
  output?: string;
  lang?: string;
  decimals?: string;
  province?: string;
  period?: string;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  mapping?: string;
  decimalMark?: string;
  allowErrors?: boolean;
  bom?: boolean;
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
  maxProblems?: string;
  units?: string;
  compare?: string;
  compareWith?: string;
  unitsAsOf?: string;
  crosswalk?: string;
  rejects?: string;
  rank?: string;
  top?: string;
  bottom?: string;
  share?: string | boolean;
  threads?: string;
}

export interface Environment {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** The terminal's width (process.stdout.columns) when standard output is one. */
  readonly stdoutColumns?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** What every command that reads inputs needs: how to read them. */
export interface InputOptions {
  readonly files: readonly string[];
  readonly province: string | null;
  readonly period: string | null;
  readonly delimiter: string | null;
  readonly encoding: string | null;
  readonly sheet: string | null;
  /** --mapping FILE, read by the CLI before any input. */
  readonly mappingFile: string | null;
  readonly decimalMark: DecimalMark | null;
  readonly colorErr: boolean;
  readonly quiet: boolean;
}

export interface SummarizeCliOptions extends InputOptions {
  readonly by: Level;
  readonly format: Format;
  readonly output: string | null;
  readonly lang: Lang;
  readonly decimals: number;
  readonly province: string | null;
  readonly period: string | null;
  readonly delimiter: string | null;
  readonly encoding: string | null;
  readonly allowErrors: boolean;
  /** Excel-ready CSV: UTF-8 BOM and CRLF. */
  readonly spreadsheetCsv: boolean;
  readonly colorOut: boolean;
  readonly maxProblems: number;
  /** --threads (TDBV_THREADS): threads reading a large UTF-8 CSV; 1 for small files (below `threadMinBytes`) and streams. */
  readonly threads: number;
  /** From how many bytes a file is read by several threads (TDBV_THREAD_MIN_BYTES, for tests). */
  readonly threadMinBytes: number;
  /** --units: the register of expected units. */
  readonly unitsFile: string | null;
  /** The terminal's width for the table; null off a terminal (then five groups per table, as always). */
  readonly width: number | null;
  /** --compare: the same group of the input's previous period or the same period a year before. */
  readonly compare: "previous" | "last-year" | null;
  /** summarize --compare-with: earlier files to compare each group with. */
  readonly compareWith: string | null;
  /** --units-as-of: a date (YYYY-MM-DD) whose units the report is in. */
  readonly unitsAsOf: string | null;
  /** --crosswalk: corrections to the bundled crosswalk. */
  readonly crosswalkFile: string | null;
  /** --rejects: where the rows not counted because of an error are written (.csv or .json). */
  readonly rejectsFile: string | null;
  /** --rank RATIO: groups ranked within their parent by this ratio (every ratio's rank in JSON). */
  readonly rank: string | null;
  /** --top N / --bottom N: the human formats show only the N best (worst) groups of each parent by --rank. */
  readonly top: number | null;
  readonly bottom: number | null;
  /** --share: each group's share of its parent's total, for these tallies (all: every tally). */
  readonly share: readonly string[] | null;
}

const FORMATS: readonly Format[] = ["table", "csv", "json", "md", "text", "html", "xlsx"];
const LEVELS: readonly Level[] = ["province", "district", "commune"];
const EXTENSIONS: Readonly<Record<string, Format>> = { ".csv": "csv", ".json": "json", ".md": "md", ".txt": "text", ".html": "html", ".htm": "html", ".xlsx": "xlsx" };
const DELIMITERS: Readonly<Record<string, string>> = { ",": ",", ";": ";", "\t": "\t", tab: "\t", "\\t": "\t", "|": "|" };
const ENCODINGS: Readonly<Record<string, string>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
  "windows-1258": "windows-1258",
  cp1258: "windows-1258",
  tcvn3: "tcvn3",
  tcvn: "tcvn3",
};

const XLSX_TO_TERMINAL: Text = {
  vi: "sổ tính .xlsx là tệp nhị phân, không in ra màn hình",
  en: "an .xlsx workbook is binary and is not printed to a terminal",
};

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError({ vi: `--${flag} phải là một trong ${allowed.join(", ")}; nhận được "${value}"`, en: `--${flag} must be one of ${allowed.join(", ")}; got "${value}"` });
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  const range = max === Number.MAX_SAFE_INTEGER ? { vi: `từ ${min} trở lên`, en: `${min} or more` } : { vi: `từ ${min} đến ${max}`, en: `from ${min} to ${max}` };
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw usageError({ vi: `--${flag} phải là số nguyên ${range.vi}; nhận được "${value}"`, en: `--${flag} must be a whole number ${range.en}; got "${value}"` });
  }
  return n;
}

/** Whether standard output and error get colour: --no-color and NO_COLOR win, then FORCE_COLOR, then a terminal. */
export function colors(raw: { color?: boolean }, env: Environment, toFile: boolean) {
  const noColor = raw.color === false || (env.env.NO_COLOR ?? "") !== "";
  const forceColor = !noColor && (env.env.FORCE_COLOR ?? "") !== "" && env.env.FORCE_COLOR !== "0";
  // A terminal that says it is dumb shows escape codes as text: no colour unless forced.
  const dumb = env.env.TERM === "dumb";
  return {
    colorOut: !noColor && !toFile && (forceColor || (env.stdoutIsTTY && !dumb)),
    colorErr: !noColor && (forceColor || (env.stderrIsTTY && !dumb)),
  };
}

export function resolveInputOptions(files: readonly string[], raw: RawSummarizeFlags, env: Environment): InputOptions {
  if (files.length === 0) {
    throw usageError(
      { vi: "chưa chỉ định tệp đầu vào nào", en: "no input file given" },
      { vi: "Chạy: tdbv summarize FILE.csv (hoặc - để đọc đầu vào chuẩn).", en: "Run: tdbv summarize FILE.csv (or - for standard input)." },
    );
  }
  let delimiter: string | null = null;
  if (raw.delimiter !== undefined) {
    delimiter = DELIMITERS[raw.delimiter] ?? null;
    if (delimiter === null) throw usageError({ vi: `--delimiter phải là , ; tab hoặc |; nhận được "${raw.delimiter}"`, en: `--delimiter must be , ; tab or |; got "${raw.delimiter}"` });
  }
  let encoding: string | null = null;
  if (raw.encoding !== undefined) {
    encoding = ENCODINGS[raw.encoding.toLowerCase()] ?? null;
    if (encoding === null) {
      const names = Object.keys(ENCODINGS).join(", ");
      throw usageError({ vi: `--encoding phải là một trong ${names}; nhận được "${raw.encoding}"`, en: `--encoding must be one of ${names}; got "${raw.encoding}"` });
    }
  }
  let period: string | null = null;
  if (raw.period !== undefined) {
    period = parsePeriod(raw.period);
    if (period === null) {
      throw usageError({ vi: `--period phải có dạng 2024, 2024-03 hoặc 2024-Q1; nhận được "${raw.period}"`, en: `--period must look like 2024, 2024-03 or 2024-Q1; got "${raw.period}"` });
    }
  }
  if (raw.province !== undefined && raw.province.trim() === "") throw usageError({ vi: "--province cần một tên tỉnh", en: "--province needs a name" });
  return {
    files,
    province: raw.province?.normalize("NFC").trim() ?? null,
    period,
    delimiter,
    encoding,
    sheet: raw.sheet?.normalize("NFC").trim() || null,
    mappingFile: raw.mapping ?? null,
    decimalMark: raw.decimalMark === undefined ? null : oneOf("decimal-mark", raw.decimalMark, [",", "."] as const),
    colorErr: colors(raw, env, false).colorErr,
    quiet: raw.quiet === true,
  };
}

export function resolveSummarizeOptions(files: readonly string[], raw: RawSummarizeFlags, env: Environment): SummarizeCliOptions {
  const input = resolveInputOptions(files, raw, env);
  const output = raw.output === "-" ? null : (raw.output ?? null); // "-": standard output (a file named - is ./-)
  let format: Format;
  if (raw.format !== undefined) format = oneOf("format", raw.format, FORMATS);
  else if (output !== null) {
    const ext = extname(output).toLowerCase();
    const fromExt = EXTENSIONS[ext];
    if (!fromExt) {
      const names = Object.keys(EXTENSIONS).join(", ");
      throw usageError(
        { vi: `không biết định dạng từ tên "${output}"`, en: `cannot tell the format from "${output}"` },
        { vi: `Đặt đuôi tệp là ${names}, hoặc dùng --format.`, en: `Name the file ${names}, or pass --format.` },
      );
    }
    format = fromExt;
  } else format = env.stdoutIsTTY ? "table" : "csv";
  if (format === "xlsx" && output === null && env.stdoutIsTTY) {
    throw usageError(XLSX_TO_TERMINAL, { vi: "Dùng --output BAO-CAO.xlsx.", en: "Pass --output REPORT.xlsx." });
  }
  return Object.freeze({
    ...input,
    by: oneOf("by", raw.by ?? "province", LEVELS),
    format,
    output,
    lang: oneOf("lang", raw.lang ?? "vi", ["vi", "en"] as const),
    decimals: wholeNumber("decimals", raw.decimals ?? "2", 0, 6),
    allowErrors: raw.allowErrors === true,
    spreadsheetCsv: raw.bom ?? (output !== null && format === "csv"),
    colorOut: colors(raw, env, output !== null).colorOut,
    maxProblems: wholeNumber("max-problems", raw.maxProblems ?? "50", 0, Number.MAX_SAFE_INTEGER),
    unitsFile: raw.units ?? null,
    width: env.stdoutIsTTY && output === null && env.stdoutColumns ? env.stdoutColumns : null,
    compare: raw.compare === undefined ? null : oneOf("compare", raw.compare, ["previous", "last-year"] as const),
    compareWith: compareWith(raw),
    unitsAsOf: raw.unitsAsOf === undefined ? null : isoDate("units-as-of", raw.unitsAsOf),
    crosswalkFile: raw.crosswalk ?? null,
    rejectsFile: rejectsFile(raw.rejects, files),
    ...standing(raw),
    threads: threadsOption(raw.threads, env),
    threadMinBytes: threadMinBytes(env.env),
  });
}

/** --rank, --top, --bottom and --share, checked against the run's dictionary. */
function standing(raw: RawSummarizeFlags): Pick<SummarizeCliOptions, "rank" | "top" | "bottom" | "share"> {
  const d = dictionary();
  const ratios = d.ratios.map((r) => r.name);
  const rank = raw.rank === undefined ? null : oneOf("rank", raw.rank, ratios);
  const top = raw.top === undefined ? null : wholeNumber("top", raw.top, 1, Number.MAX_SAFE_INTEGER);
  const bottom = raw.bottom === undefined ? null : wholeNumber("bottom", raw.bottom, 1, Number.MAX_SAFE_INTEGER);
  if ((top !== null || bottom !== null) && rank === null) {
    throw usageError(
      { vi: `--${top !== null ? "top" : "bottom"} cần --rank để biết xếp theo tỷ lệ nào`, en: `--${top !== null ? "top" : "bottom"} needs --rank to know which ratio orders the groups` },
      { vi: "Ví dụ: --rank solved_rate --top 3", en: "For example: --rank solved_rate --top 3" },
    );
  }
  if (top !== null && bottom !== null) throw usageError({ vi: "không dùng --top và --bottom cùng nhau", en: "--top and --bottom cannot be used together" });
  let share: string[] | null = null;
  if (raw.share === true || raw.share === "all") share = d.tallies.map((t) => t.name);
  else if (typeof raw.share === "string") {
    share = raw.share.split(",").map((s) => s.trim()).filter((s) => s !== "");
    for (const name of share) oneOf("share", name, d.tallies.map((t) => t.name));
  }
  return { rank, top, bottom, share };
}

/**
 * --threads N or auto (the cores there are, up to 4), else TDBV_THREADS, else 1: two threads
 * were slower than one on the shared 2-core machine measured (bench/README.md, "Threads").
 */
function threadsOption(flag: string | undefined, env: Environment): number {
  const raw = flag ?? env.env.TDBV_THREADS;
  if (raw !== undefined && raw !== "auto" && !/^\d+$/.test(raw.trim())) {
    const from = flag !== undefined ? "--threads" : "TDBV_THREADS";
    throw usageError({ vi: `${from} phải là một số nguyên dương hoặc auto; nhận được "${raw}"`, en: `${from} must be a whole number from 1, or auto; got "${raw}"` });
  }
  if (raw !== undefined && raw !== "auto" && Number(raw) < 1) throw usageError({ vi: `--threads phải từ 1 trở lên; nhận được "${raw}"`, en: `--threads must be 1 or more; got "${raw}"` });
  return threadCount(raw ?? 1, {});
}

/** --rejects FILE: a .csv or .json file, and inputs that can be read a second time (not standard input). */
export function rejectsFile(file: string | undefined, files: readonly string[]): string | null {
  if (file === undefined) return null;
  if (!/\.(csv|json)$/i.test(file)) throw usageError({ vi: `--rejects phải là tệp .csv hoặc .json; nhận được "${file}"`, en: `--rejects must name a .csv or .json file; got "${file}"` });
  if (files.includes("-")) {
    throw usageError({
      vi: "--rejects không dùng được với đầu vào chuẩn (-): các dòng bị loại được đọc lại từ tệp",
      en: "--rejects cannot be used with standard input (-): the rows are read again from the files",
    });
  }
  return file;
}

function compareWith(raw: RawSummarizeFlags): string | null {
  if (raw.compareWith === undefined) return null;
  if (raw.compareWith.trim() === "") throw usageError({ vi: "--compare-with cần một tệp, thư mục hoặc mẫu tên tệp", en: "--compare-with needs a file, folder or pattern" });
  if (raw.compare !== undefined) {
    throw usageError(
      { vi: "không dùng --compare và --compare-with cùng nhau", en: "--compare and --compare-with cannot be used together" },
      { vi: "--compare so sánh các kỳ trong số liệu đầu vào; --compare-with so sánh số liệu đầu vào với các tệp khác.", en: "--compare compares periods of the input; --compare-with compares the input with other files." },
    );
  }
  return raw.compareWith;
}

/** A date option: YYYY-MM-DD, a real day. */
function isoDate(name: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw usageError({
      vi: `--${name} phải là một ngày viết dạng YYYY-MM-DD, ví dụ 2025-07-01; nhận được "${value}"`,
      en: `--${name} must be a date written YYYY-MM-DD, such as 2025-07-01; got "${value}"`,
    });
  }
  return value.trim();
}

export interface RollupCliOptions extends SummarizeCliOptions {
  readonly every: "month" | "quarter" | "year";
  readonly ytd: boolean;
}

export function resolveRollupOptions(
  files: readonly string[],
  raw: RawSummarizeFlags & { every?: string; ytd?: boolean; compare?: string },
  env: Environment,
): RollupCliOptions {
  // An output name with {period} writes one file per period; its extension still gives the format.
  const base = resolveSummarizeOptions(files, raw, env);
  if (raw.every === undefined) throw usageError({ vi: "rollup cần --every month, quarter hoặc year", en: "rollup needs --every month, quarter or year" });
  const every = oneOf("every", raw.every, ["month", "quarter", "year"] as const);
  if (raw.ytd && every === "year") {
    throw usageError({
      vi: "--ytd cần --every month hoặc quarter: lũy kế từ đầu năm theo năm thì chính là cả năm",
      en: "--ytd needs --every month or quarter: a year to date of whole years is the year itself",
    });
  }
  return Object.freeze({
    ...base,
    every,
    ytd: raw.ytd === true,
  });
}

export interface TemplateCliOptions {
  readonly format: "csv" | "xlsx";
  readonly lang: Lang;
  readonly output: string | null;
}

export function resolveTemplateOptions(raw: { format?: string; lang?: string; output?: string }, env: Environment): TemplateCliOptions {
  const output = raw.output === "-" ? null : (raw.output ?? null); // "-": standard output (a file named - is ./-)
  let format: "csv" | "xlsx";
  const ext = output === null ? "" : extname(output).toLowerCase();
  if (raw.format !== undefined) format = oneOf("format", raw.format, ["csv", "xlsx"] as const);
  else if (ext === ".xlsx") format = "xlsx";
  else if (output === null || ext === ".csv") format = "csv";
  else {
    throw usageError(
      { vi: `không biết định dạng từ tên "${output}"`, en: `cannot tell the format from "${output}"` },
      { vi: "Đặt đuôi tệp là .csv hoặc .xlsx, hoặc dùng --format.", en: "Name the file .csv or .xlsx, or pass --format." },
    );
  }
  if (format === "xlsx" && output === null && env.stdoutIsTTY) {
    throw usageError(XLSX_TO_TERMINAL, { vi: "Dùng --output BIEU-MAU.xlsx.", en: "Pass --output FORM.xlsx." });
  }
  return { format, lang: oneOf("lang", raw.lang ?? "vi", ["vi", "en"] as const), output };
}

export interface ValidateFlags {
  format?: string;
  strict?: boolean;
  maxProblems?: string;
  maxChange?: string;
  minChange?: string;
  lang?: string;
  color?: boolean;
  splitBy?: string;
  output?: string;
}

export interface ValidateCliOptions {
  readonly format: "table" | "json" | "csv";
  readonly strict: boolean;
  /** How many problems are listed (the counts stay exact). */
  readonly maxProblems: number;
  /** --baseline: a change by more than this factor either way is flagged. */
  readonly factor: number;
  /** --baseline: changes smaller than this in absolute terms are not flagged (1 -> 4 is no alarm). */
  readonly minChange: number;
  readonly lang: "vi" | "en";
  readonly colorOut: boolean;
  /** --split-by: one file of problems per unit at this level, named by --output's {unit}. */
  readonly split: { readonly by: "commune" | "district"; readonly output: string; readonly format: "csv" | "json" } | null;
}

/** validate's own flags, checked before any input is read. */
export function resolveValidateOptions(raw: ValidateFlags, env: Environment): ValidateCliOptions {
  const factor = raw.maxChange === undefined ? 3 : positiveNumber("max-change", raw.maxChange);
  if (factor <= 1) throw usageError({ vi: `--max-change phải lớn hơn 1; nhận được "${raw.maxChange}"`, en: `--max-change must be more than 1; got "${raw.maxChange}"` });
  return {
    format: raw.format === undefined ? (env.stdoutIsTTY ? "table" : "csv") : oneOf("format", raw.format, ["table", "json", "csv"] as const),
    strict: raw.strict === true,
    maxProblems: raw.maxProblems === undefined ? Number.MAX_SAFE_INTEGER : wholeNumber("max-problems", raw.maxProblems, 0, Number.MAX_SAFE_INTEGER),
    factor,
    minChange: raw.minChange === undefined ? 10 : wholeNumber("min-change", raw.minChange, 0, Number.MAX_SAFE_INTEGER),
    lang: raw.lang === "en" ? "en" : "vi",
    colorOut: colors(raw, env, false).colorOut,
    split: splitOptions(raw),
  };
}

/** --split-by and --output "folder/{unit}.csv": both or neither; the files' format from the name, else --format. */
function splitOptions(raw: ValidateFlags): ValidateCliOptions["split"] {
  if (raw.splitBy === undefined && raw.output === undefined) return null;
  if (raw.splitBy === undefined) {
    throw usageError(
      { vi: "validate --output ghi mỗi đơn vị một tệp: cần thêm --split-by commune hoặc district", en: "validate --output writes one file per unit: it needs --split-by commune or district" },
      { vi: 'Chạy: tdbv validate FILES --split-by commune --output "loi/{unit}.csv"', en: 'Run: tdbv validate FILES --split-by commune --output "loi/{unit}.csv"' },
    );
  }
  const by = oneOf("split-by", raw.splitBy, ["commune", "district"] as const);
  const output = raw.output;
  if (output === undefined || !output.includes("{unit}")) {
    throw usageError(
      {
        vi: `--split-by cần --output có {unit} trong tên tệp${output === undefined ? "" : `; nhận được "${output}"`}`,
        en: `--split-by needs --output with {unit} in the file name${output === undefined ? "" : `; got "${output}"`}`,
      },
      { vi: 'Ví dụ: --output "loi/{unit}.csv" ghi loi/Xã Lát.csv, loi/Phường 1.csv, …', en: 'Example: --output "loi/{unit}.csv" writes loi/Xã Lát.csv, loi/Phường 1.csv, …' },
    );
  }
  const ext = extname(output).toLowerCase();
  const format = ext === ".csv" || ext === ".json" ? (ext.slice(1) as "csv" | "json") : raw.format === "json" || raw.format === "csv" ? raw.format : null;
  if (format === null) {
    throw usageError(
      { vi: `không biết định dạng của các tệp từ tên "${output}"`, en: `cannot tell the format of the files from "${output}"` },
      { vi: "Đặt đuôi tệp là .csv hoặc .json, hoặc dùng --format csv hoặc --format json.", en: "Name the files .csv or .json, or pass --format csv or --format json." },
    );
  }
  return { by, output, format };
}

function positiveNumber(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) throw usageError({ vi: `--${flag} phải là một số; nhận được "${value}"`, en: `--${flag} must be a number; got "${value}"` });
  return n;
}
