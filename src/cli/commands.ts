// The commands: each takes resolved options and an Io, reads its inputs, runs the pure core and
// writes the result, returning the exit status. Problems go to standard error, data to
// standard output or the --output file(s).

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { shownIn, visible, type Issue, type Lang } from "../domain/problems.js";
import { EXIT, usageError } from "../errors.js";
import type { Report } from "../report.js";
import { compareWith, summarize } from "../pipeline/summarize.js";
import { renderIssues, countBySeverity } from "../render/issues.js";
import { paint } from "../render/paint.js";
import { writeAtomic, writeAtomicSet } from "../write/output.js";
import { assertNotInput, assertOutputSafe } from "../write/guard.js";
import type { Io } from "./io.js";
import type { InputOptions, RollupCliOptions, SummarizeCliOptions } from "./options.js";
import { rejectsFile, resolveTemplateOptions, resolveValidateOptions, type ValidateCliOptions, type ValidateFlags } from "./options.js";
import { unitPaths } from "./split.js";
import type { Validation } from "../pipeline/validate.js";
import { expandInputs } from "./inputs.js";
import { progress } from "./progress.js";
import { REFORM_DATE } from "../domain/reform.js";
import type { RegisterUnit } from "../domain/register.js";
import type { Crosswalk } from "../units/lists.js";
import { BUILT_IN_REGISTER, readAll, readMapping, readOne, readRegister } from "./read-inputs.js";
import { rendererFor, accountLine, writeStdout, type Renderer } from "./render.js";
import type { RejectsInput } from "../write/rejects.js";
import { withStanding } from "../aggregate/standing.js";

export async function runSummarize(o: SummarizeCliOptions, io: Io): Promise<number> {
  assertOutputSafe(o.output, inputsOf(o));
  if (o.rejectsFile !== null) assertNotInput([o.rejectsFile], inputsOf(o));
  const mapping = await readMapping(o, io);
  const files = await readAll(o, io);
  const register = await registerOptions(o, io);
  const shown = progress(io.stderrIsTTY && !o.quiet, io.stderr, undefined, o.lang);
  // From 1 July 2025 on, old units are re-expressed: the lists and crosswalk are loaded for it alone
  // (a fresh one per run: --compare-with summarises the earlier files apart).
  const crosswalk = await crosswalkOf(o, io);
  const reorganisation = async () => (o.unitsAsOf !== null && o.unitsAsOf >= REFORM_DATE ? new (await import("../aggregate/reorganise.js")).Reorganisation(crosswalk) : null);
  const base = { by: groupBy(o), province: o.province, period: o.period, decimalMark: o.decimalMark, sheet: o.sheet, mapping, unitsAsOf: o.unitsAsOf, ...register };
  const threads = { count: o.threads, minBytes: o.threadMinBytes, read: { delimiter: o.delimiter, encoding: o.encoding } };
  let report = summarize(files, { ...base, reorganisation: await reorganisation(), compare: o.compare, progress: shown.tick, threads });
  shown.done();
  if (o.compareWith !== null) {
    // The earlier files, read and summarised alone with the same options (summarize --compare-with).
    const earlier = summarize(await readAll({ ...o, files: [o.compareWith] }, io), { ...base, reorganisation: await reorganisation() });
    report = compareWith(report, earlier, o.compareWith);
  }
  await writeRejects(o.rejectsFile, report, o, io, o.lang);
  return emit(withRegister(report, o), o, io, await rendererFor(o));
}

export async function runRollup(o: RollupCliOptions, io: Io): Promise<number> {
  assertOutputSafe(o.output, inputsOf(o));
  if (o.rejectsFile !== null) assertNotInput([o.rejectsFile], inputsOf(o));
  const mapping = await readMapping(o, io);
  const files = await readAll(o, io);
  const { rollupReport } = await import("../pipeline/rollup.js");
  const shown = progress(io.stderrIsTTY && !o.quiet, io.stderr, undefined, o.lang);
  const report = rollupReport(files, {
    progress: shown.tick,
    by: groupBy(o),
    province: o.province,
    period: o.period,
    decimalMark: o.decimalMark,
    sheet: o.sheet,
    mapping,
    every: o.every,
    ytd: o.ytd,
    compare: o.compare,
    unitsAsOf: o.unitsAsOf,
    crosswalk: await crosswalkOf(o, io),
    ...(await registerOptions(o, io)),
  });
  shown.done();
  await writeRejects(o.rejectsFile, report, o, io, o.lang);
  return emit(withRegister(report, o), o, io, await rendererFor(o));
}

/**
 * --rejects FILE: the rows not counted because of an error, their cells read again from the
 * inputs that have any (src/write/rejects.ts), written atomically, never over an input.
 */
async function writeRejects(file: string | null, run: RejectsInput, o: InputOptions & { unitsFile?: string | null }, io: Io, lang: string): Promise<void> {
  if (file === null) return;
  const { rejectedRows, rejectsCsv, rejectsJson } = await import("../write/rejects.js");
  const rows = await rejectedRows(run, async (input) => [...(await readAll({ ...o, files: [input] }, io))].flat());
  assertNotInput([file], inputsOf(o));
  await writeAtomic(file, /\.json$/i.test(file) ? rejectsJson(rows) : rejectsCsv(rows));
  if (!o.quiet) io.stderr(lang === "en" ? `tdbv: ${rows.length} rejected rows written to ${visible(file)}\n` : `tdbv: đã ghi ${rows.length} dòng bị loại vào ${visible(file)}\n`);
}

/** --crosswalk: the bundled crosswalk corrected by the user's file, or null for the bundled one. */
async function crosswalkOf(o: { crosswalkFile: string | null; lang: Lang }, io: Io): Promise<Crosswalk | null> {
  return o.crosswalkFile === null ? null : (await import("./units.js")).correctedCrosswalk(o.crosswalkFile, io, o.lang);
}

/** The report says which register its reporting rates are against. */
const withRegister = (report: Report, o: { unitsFile: string | null }): Report => (o.unitsFile ? { ...report, register: o.unitsFile } : report);

/** --units as options of a run: the register's units, and whether they are the official lists. */
async function registerOptions(o: InputOptions & { unitsFile?: string | null }, io: Io): Promise<{ register: RegisterUnit[] | null; registerBuiltIn: boolean }> {
  const r = o.unitsFile ? await readRegister(o.unitsFile, o, io) : null;
  return { register: r?.units ?? null, registerBuiltIn: r?.builtIn ?? false };
}

/**
 * The level the pipeline groups by: the HTML report at --by province is grouped by district
 * too, so it can draw the district comparison whenever the data has districts (issue 17, item
 * 8); it shows the district table only when --by asks for it.
 */
const groupBy = (o: SummarizeCliOptions) => (o.format === "html" && o.by === "province" ? "district" : o.by);

/** Problems and notes to standard error, the report to standard output or its file(s); the exit status. */
async function emit(full: Report, o: SummarizeCliOptions, io: Io, renderReport: Renderer): Promise<number> {
  // Targets, ranks and shares on the finished groups (nothing without a configuration's targets, --rank or --share).
  const report = withStanding(full, o);
  const { errors } = countBySeverity(report.issues);
  if (!o.quiet) for (const note of report.notes) io.stderr(`tdbv: ${visible(note[o.lang])}\n`);
  const shown = o.quiet ? report.issues.filter((i) => i.severity === "error") : report.issues;
  io.stderr(renderIssues(shown, { paint: await paint(o.colorErr && shown.length > 0), max: o.maxProblems, lang: o.lang, rest: "json" }));
  const withheld = errors > 0 && !o.allowErrors;
  if (o.output !== null && o.output.includes("{period}")) {
    if (!withheld) {
      // One report per period, all written or none (src/write/output.ts), none over an input.
      const periods = [...new Set(report.groups.map((g) => g.period ?? "all"))];
      const template = o.output;
      const files = periods.map((period) => ({
        path: template.split("{period}").join(period),
        content: () => renderReport({ ...report, groups: report.groups.filter((g) => (g.period ?? "all") === period), period, periods: period === "all" ? [] : [period] }),
      }));
      assertNotInput(files.map((f) => f.path), inputsOf(o));
      await writeAtomicSet(files);
      if (!o.quiet) for (const f of files) io.stderr(`tdbv: ${o.lang === "vi" ? "đã ghi" : "wrote"} ${visible(f.path)}\n`);
    }
  } else if (!withheld || (o.format === "json" && o.output === null)) {
    const text = await renderReport(withheld ? { ...report, groups: [] } : report);
    if (o.output !== null) {
      assertNotInput([o.output], inputsOf(o));
      await writeAtomic(o.output, text);
    } else await writeStdout(io, text);
  }
  if (!o.quiet && (o.format === "table" || o.format === "md" || o.output !== null)) {
    io.stderr(accountLine(report, o.lang, withheld) + "\n");
  }
  if (withheld) {
    io.stderr(
      o.lang === "vi"
        ? `tdbv: dữ liệu có ${errors} lỗi; không ghi báo cáo nào (--allow-errors ghi báo cáo từ các dòng hợp lệ).\n`
        : `tdbv: ${errors} error${errors === 1 ? "" : "s"} in the data; no report was written (--allow-errors writes one from the valid rows).\n`,
    );
  }
  return errors > 0 ? EXIT.dataErrors : EXIT.ok;
}

export async function runValidate(o: InputOptions, flags: ValidateFlags & { units?: string; baseline?: string; rejects?: string }, io: Io): Promise<number> {
  const v0 = resolveValidateOptions(flags, io);
  const rejects = rejectsFile(flags.rejects, o.files);
  if (rejects !== null) assertNotInput([rejects], [...inputsOf(o), ...(flags.baseline ? [flags.baseline] : []), ...(flags.units && flags.units !== BUILT_IN_REGISTER ? [flags.units] : [])]);
  const { format, maxProblems: max, factor, minChange } = v0;
  const mapping = await readMapping(o, io);
  const files = await readAll(o, io);
  const baseline = flags.baseline ? [await readOne(flags.baseline, io)] : undefined;
  const register = flags.units ? await readRegister(flags.units, o, io) : undefined;
  const { validate } = await import("../pipeline/validate.js");
  const split = v0.split;
  const v = validate(
    files,
    { by: "province", province: o.province, period: o.period, decimalMark: o.decimalMark, sheet: o.sheet, mapping, strict: v0.strict, factor, minChange, splitBy: split?.by ?? null },
    { ...(baseline ? { baseline } : {}), ...(register ? { register } : {}) },
  );
  if (!o.quiet) for (const note of v.notes) io.stderr(`tdbv: ${visible(note[v0.lang])}\n`);
  await writeRejects(rejects, { excluded: v.excluded, issues: v.problems, inputs: v.inputs }, o, io, v0.lang);
  if (split) await writeSplit(v, split, v0.lang, [...inputsOf(o), ...(flags.baseline ? [flags.baseline] : []), ...(flags.units && flags.units !== BUILT_IN_REGISTER ? [flags.units] : [])], o.quiet, io);
  else if (format === "json") io.stdout((await import("../render/json.js")).renderValidationJson(v, max, v0.lang));
  else if (format === "csv") {
    const { renderIssuesCsv } = await import("../render/csv.js");
    io.stdout(renderIssuesCsv(v.problems.slice(0, max), { spreadsheet: false, decimals: 2, lang: v0.lang }));
  } else {
    const { renderValidationText } = await import("../render/validation.js");
    io.stdout(renderValidationText(v, { paint: await paint(v0.colorOut), max, lang: v0.lang }));
  }
  if (!o.quiet) {
    const { read, counted } = v.rows;
    const { errors, warnings } = v.counts;
    io.stderr(
      v0.lang === "vi"
        ? `tdbv: đọc ${read} dòng: ${counted} đơn vị hợp lệ; ${errors} lỗi, ${warnings} cảnh báo.\n`
        : `tdbv: ${read} rows read: ${counted} valid units; ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.\n`,
    );
  }
  return v.failed ? EXIT.dataErrors : EXIT.ok;
}

/**
 * validate --split-by: each unit's problems in its own file (CSV for a spreadsheet, or JSON),
 * in the language of --lang, all written or none (writeAtomicSet). Units without problems get
 * no file.
 */
async function writeSplit(v: Validation, split: NonNullable<ValidateCliOptions["split"]>, lang: Lang, inputs: string[], quiet: boolean, io: Io): Promise<void> {
  const groups = v.byUnit ?? [];
  const paths = unitPaths(groups, split.output, lang);
  assertNotInput(paths, inputs);
  const { renderIssuesCsv } = await import("../render/csv.js");
  const files = groups.map((g, i) => ({
    path: paths[i]!,
    content: () =>
      split.format === "csv"
        ? renderIssuesCsv(g.problems, { spreadsheet: true, decimals: 2, lang })
        : JSON.stringify({ unit: g.unit, problems: g.problems.map((p) => shownIn(p, lang)) }, null, 2) + "\n",
  }));
  for (const dir of new Set(paths.map((p) => dirname(p)))) mkdirSync(dir, { recursive: true });
  await writeAtomicSet(files);
  if (quiet) return;
  const where = dirname(split.output.split("{unit}")[0]! + "x");
  io.stderr(
    lang === "vi"
      ? files.length === 0
        ? "tdbv: không có vấn đề nào; không ghi tệp nào.\n"
        : `tdbv: đã ghi ${files.length} tệp vào ${visible(where)}, mỗi đơn vị một tệp (${visible(paths[0]!)}, …).\n`
      : files.length === 0
        ? "tdbv: no problems; no file written.\n"
        : `tdbv: wrote ${files.length} file${files.length === 1 ? "" : "s"} in ${visible(where)}, one per unit (${visible(paths[0]!)}, …).\n`,
  );
}

/** Every file the run reads (data, --mapping, --units), for the check that no output is one of them. */
function inputsOf(o: InputOptions & { unitsFile?: string | null; crosswalkFile?: string | null; compareWith?: string | null }): string[] {
  let files: string[] = [];
  try {
    files = expandInputs(o.files);
  } catch {
    // said when the inputs are read
  }
  let earlier: string[] = [];
  try {
    earlier = o.compareWith ? expandInputs([o.compareWith]) : [];
  } catch {
    // said when the inputs are read
  }
  return [...files, ...earlier, ...(o.mappingFile ? [o.mappingFile] : []), ...(o.unitsFile && o.unitsFile !== BUILT_IN_REGISTER ? [o.unitsFile] : []), ...(o.crosswalkFile ? [o.crosswalkFile] : [])];
}



export async function runInspect(o: InputOptions, flags: { format?: string; saveMapping?: string; lang?: string }, io: Io): Promise<number> {
  const lang: Lang = flags.lang === "en" ? "en" : "vi";
  if (flags.saveMapping) assertNotInput([flags.saveMapping], inputsOf(o));
  const { inspect } = await import("../pipeline/inspect.js");
  const files = expandInputs(o.files);
  if (files.length > 1) {
    throw usageError(
      { vi: `${o.files[0]}: chỉ ra ${files.length} tệp; tdbv inspect chỉ đọc một tệp`, en: `${o.files[0]}: names ${files.length} files; tdbv inspect reads one` },
      { vi: `Chỉ định một tệp, ví dụ tdbv inspect ${files[0]}`, en: `Name one of them, e.g. tdbv inspect ${files[0]}` },
    );
  }
  const mapping = await readMapping(o, io);
  const [sheets] = await readAll(o, io);
  const x = inspect(sheets!, { sheet: o.sheet, mapping, province: o.province, period: o.period, decimalMark: o.decimalMark });
  if (flags.format === "json") {
    const { table, ...rest } = x;
    const { rows: _rows, ...tableInfo } = table;
    const say = (list: readonly Issue[]) => list.map((i) => shownIn(i, lang));
    io.stdout(JSON.stringify({ ...rest, issues: say(rest.issues), notes: rest.notes.map((n) => n[lang]), table: { ...tableInfo, issues: say(tableInfo.issues), notes: tableInfo.notes.map((n) => n[lang]) } }, (k, v) => (v instanceof Map ? Object.fromEntries(v) : v), 2) + "\n");
  } else {
    const { renderInspection } = await import("../render/inspect.js");
    io.stdout(renderInspection(x, lang));
  }
  if (flags.saveMapping) {
    const { renderMapping } = await import("../detect/mapping.js");
    await writeAtomic(flags.saveMapping, renderMapping(x.table.columns));
    if (!o.quiet)
      io.stderr(
        lang === "vi"
          ? `tdbv: đã ghi bảng ánh xạ cột vào ${flags.saveMapping}; sửa lại rồi dùng với --mapping\n`
          : `tdbv: column mapping written to ${flags.saveMapping}; correct it and pass it with --mapping\n`,
      );
  }
  const shown = o.quiet ? x.issues.filter((i) => i.severity === "error") : x.issues;
  io.stderr(renderIssues(shown, { paint: await paint(o.colorErr && shown.length > 0), max: 200, lang }));
  return x.issues.some((i) => i.severity === "error") ? EXIT.dataErrors : EXIT.ok;
}

export async function runTemplate(flags: { format?: string; lang?: string; output?: string }, io: Io): Promise<number> {
  const o = resolveTemplateOptions(flags, io);
  const { renderTemplateCsv, renderTemplateXlsx } = await import("../render/template.js");
  const content = o.format === "xlsx" ? await renderTemplateXlsx(o.lang) : await renderTemplateCsv(o.lang);
  if (o.output !== null) await writeAtomic(o.output, content);
  else io.stdout(content);
  return EXIT.ok;
}

/** `tdbv schema`: the JSON Schema of the JSON report, as shipped in the package (schema/report.schema.json). */
export async function runSchema(io: Io, which: "report" | "config" = "report"): Promise<number> {
  const { readFileSync } = await import("node:fs");
  // dist/cli/commands.js and dist/bundle/*.js are both two folders below the package's root.
  io.stdout(readFileSync(new URL(`../../schema/${which}.schema.json`, import.meta.url), "utf8"));
  return EXIT.ok;
}
