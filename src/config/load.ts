// tdbv.config.json -> the run's configuration: its defaults (options the command line did not
// give) and the dictionary its indicators, ratios, rules and targets make. Every problem of the
// file is said at once, each naming its key ("indicators[0].kind") and what it may be; a file
// with any problem stops the run before an input is read (exit 2).
//
// A configuration adds; it never changes a built-in column: a name, label or alias that is
// already a built-in column's is refused, and built-in columns keep their positions.

import { BUILT_IN, type Dictionary } from "../domain/dictionary.js";
import type { TallyColumn } from "../domain/columns.js";
import type { RatioDef } from "../domain/ratios.js";
import type { PairRule, SumRule } from "../domain/rules.js";
import type { Text } from "../domain/problems.js";
import type { TargetDef } from "../domain/targets.js";
import { headerKey } from "../detect/match.js";
import { usageError } from "../errors.js";
import { allowedKeysAt, COMMANDS, ConfigFile, DEFAULT_KEYS } from "./schema.js";

/** A configuration, checked. */
export interface Config {
  /** The file it came from, as named (or "(options)" for one given to the library as an object). */
  readonly source: string;
  /** Options by command ("*" for every command), camelCase as the library takes them. */
  readonly defaults: Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>;
  readonly dictionary: Dictionary;
}

type Path = readonly PropertyKey[];

const at = (path: Path) =>
  path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), "") || "(gốc)";
const atEn = (path: Path) => (path.length ? at(path) : "(top level)");
const quoted = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join(", ");

/** Reads a configuration from its text; throws one usage error listing every problem. */
export function parseConfig(text: string, source: string): Config {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (e) {
    const where = jsonPosition(text, (e as Error).message);
    throw usageError(
      { vi: `${source}: không phải JSON hợp lệ${where ? ` (${where.vi})` : ""}: ${(e as Error).message}`, en: `${source}: not valid JSON${where ? ` (${where.en})` : ""}: ${(e as Error).message}` },
      { vi: "Sửa tệp cấu hình cho đúng cú pháp JSON (dấu phẩy, ngoặc kép, ngoặc nhọn); xem docs/configuration.md.", en: "Fix the file's JSON syntax (commas, double quotes, braces); see docs/configuration.md." },
    );
  }
  return checkConfig(raw, source);
}

/** Checks a configuration given as a value (the library's `config: {…}`, or a parsed file). */
export function checkConfig(raw: unknown, source: string): Config {
  const parsed = ConfigFile.safeParse(raw);
  const problems: Text[] = [];
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push(zodProblem(i as unknown as ZodIssue, raw));
    throw configError(source, problems);
  }
  const file = parsed.data;
  const config = build(file, problems);
  if (problems.length) throw configError(source, problems);
  return { source, ...config };
}

function configError(source: string, problems: readonly Text[]) {
  const shown = problems.slice(0, 20);
  const more = problems.length - shown.length;
  return usageError(
    {
      vi: `${source}: tệp cấu hình có ${problems.length} lỗi:\n${shown.map((p) => `  - ${p.vi}`).join("\n")}${more > 0 ? `\n  … và ${more} lỗi khác` : ""}`,
      en: `${source}: the configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${shown.map((p) => `  - ${p.en}`).join("\n")}${more > 0 ? `\n  … and ${more} more` : ""}`,
    },
    { vi: "Sửa các khóa nêu trên; mọi khóa và giá trị được phép có trong docs/configuration.md và schema/config.schema.json.", en: "Fix the keys above; every key and allowed value is in docs/configuration.md and schema/config.schema.json." },
  );
}

interface ZodIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  values?: unknown[];
  expected?: string;
  minimum?: number | bigint;
  format?: string;
}

function valueAt(raw: unknown, path: Path): unknown {
  let v = raw;
  for (const k of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const TYPE_VI: Record<string, string> = { string: "chuỗi", number: "số", boolean: "true hoặc false", array: "danh sách [...]", object: "đối tượng {...}" };

function zodProblem(i: ZodIssue, raw: unknown): Text {
  const p = i.path;
  const value = valueAt(raw, p);
  switch (i.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeysAt(p) ?? [];
      const keys = i.keys ?? [];
      const where = (k: string) => at([...p, k]);
      return {
        vi: `${keys.map(where).join(", ")}: khóa không được phép; các khóa được phép ở đây: ${allowed.join(", ")}`,
        en: `${keys.map(where).join(", ")}: unknown key; the keys allowed here: ${allowed.join(", ")}`,
      };
    }
    case "invalid_value":
      return {
        vi: `${at(p)}: ${JSON.stringify(value)} không hợp lệ; các giá trị được phép: ${quoted(i.values ?? [])}`,
        en: `${atEn(p)}: ${JSON.stringify(value)} is not allowed; the allowed values: ${quoted(i.values ?? [])}`,
      };
    case "invalid_type":
      return value === undefined
        ? { vi: `${at(p)}: thiếu khóa bắt buộc (${TYPE_VI[i.expected ?? ""] ?? i.expected})`, en: `${atEn(p)}: a required key is missing (${i.expected})` }
        : { vi: `${at(p)}: phải là ${TYPE_VI[i.expected ?? ""] ?? i.expected}, không phải ${JSON.stringify(value)}`, en: `${atEn(p)}: must be ${i.expected === "array" ? "an array" : `a ${i.expected}`}, not ${JSON.stringify(value)}` };
    case "invalid_format":
      return {
        vi: `${at(p)}: ${JSON.stringify(value)} không hợp lệ; tên gồm chữ thường không dấu, chữ số và _, bắt đầu bằng chữ (ví dụ drug_cases)`,
        en: `${atEn(p)}: ${JSON.stringify(value)} is not a valid name: lower case letters, digits and _, starting with a letter (e.g. drug_cases)`,
      };
    case "too_small":
      return Array.isArray(value) || typeof value === "string"
        ? { vi: `${at(p)}: cần ít nhất ${Number(i.minimum)} ${Array.isArray(value) ? "phần tử" : "ký tự"}`, en: `${atEn(p)}: needs at least ${Number(i.minimum)} ${Array.isArray(value) ? "items" : "characters"}` }
        : { vi: `${at(p)}: phải ít nhất là ${Number(i.minimum)}`, en: `${atEn(p)}: must be at least ${Number(i.minimum)}` };
    case "invalid_union":
      return {
        vi: `${at(p)}: không đúng dạng; một quy tắc là { "part", "whole", "severity" } hoặc { "sum", "parts" }`,
        en: `${atEn(p)}: not a known shape; a rule is { "part", "whole", "severity" } or { "sum", "parts" }`,
      };
    default:
      return { vi: `${at(p)}: không hợp lệ (${i.message})`, en: `${atEn(p)}: ${i.message}` };
  }
}

/** Line and column of a JSON.parse error ("… at position 41"). */
function jsonPosition(text: string, message: string): Text | null {
  const m = /position (\d+)/.exec(message);
  if (!m) return null;
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  const col = before.length - before.lastIndexOf("\n");
  return { vi: `dòng ${line}, cột ${col}`, en: `line ${line}, column ${col}` };
}

/** The built-in column a header text already names, if any. */
function builtInHeader(text: string): string | null {
  const key = headerKey(text);
  for (const col of BUILT_IN.tallies) {
    for (const t of [col.name.replace(/_/g, " "), col.vi, col.en, ...col.aliases]) if (headerKey(t) === key) return col.name;
  }
  return null;
}

function build(file: ConfigFile, problems: Text[]): Omit<Config, "source"> {
  const bad = (vi: string, en: string) => problems.push({ vi, en });
  const identifiers = new Set(BUILT_IN.columnNames.filter((n) => !BUILT_IN.tallyByName.has(n)));

  // Indicators: new names, new headers.
  const tallies: TallyColumn[] = [];
  const seenHeader = new Map<string, string>();
  (file.indicators ?? []).forEach((ind, k) => {
    const p = `indicators[${k}]`;
    if (BUILT_IN.tallyByName.has(ind.name) || identifiers.has(ind.name)) {
      bad(`${p}.name: "${ind.name}" đã là cột có sẵn của tdbv; cấu hình chỉ thêm cột mới, không đổi nghĩa cột có sẵn — đặt tên khác`, `${p}.name: "${ind.name}" is a built-in column; a configuration adds columns, it cannot change a built-in one: choose another name`);
      return;
    }
    if (tallies.some((t) => t.name === ind.name)) bad(`${p}.name: "${ind.name}" đã khai báo ở trên`, `${p}.name: "${ind.name}" is declared twice`);
    for (const [key, text] of [["vi", ind.vi], ["en", ind.en], ...(ind.aliases ?? []).map((a, j) => [`aliases[${j}]`, a] as const)] as const) {
      const taken = builtInHeader(text);
      if (taken) {
        bad(`${p}.${key}: "${text}" đã là tên cột của ${taken} (cột có sẵn); cấu hình không được đổi nghĩa cột có sẵn — dùng tên khác`, `${p}.${key}: "${text}" already names the built-in column ${taken}; a configuration cannot change a built-in column: use another header`);
        continue;
      }
      const k2 = headerKey(text);
      const other = seenHeader.get(k2);
      if (other && other !== ind.name) bad(`${p}.${key}: "${text}" cũng là tên của chỉ tiêu ${other}`, `${p}.${key}: "${text}" also names the indicator ${other}`);
      seenHeader.set(k2, ind.name);
    }
    tallies.push({ name: ind.name, vi: ind.vi, en: ind.en, aliases: ind.aliases ?? [], kind: ind.kind, type: ind.type ?? "count" });
  });
  const isTally = (name: string) => BUILT_IN.tallyByName.has(name) || tallies.some((t) => t.name === name);
  const tallyNames = () => `${[...tallies.map((t) => t.name)].join(", ")}${tallies.length ? ", " : ""}cases_total, cases_solved, … (docs/input.md)`;
  const needTally = (path: string, name: string) => {
    if (isTally(name)) return true;
    bad(`${path}: "${name}" không phải cột số liệu (có sẵn hay khai báo trong indicators); các cột: ${tallyNames()}`, `${path}: "${name}" is not a tally column (built-in or in indicators); the columns: ${tallyNames()}`);
    return false;
  };

  // Ratios.
  const ratios: RatioDef[] = [];
  (file.ratios ?? []).forEach((r, k) => {
    const p = `ratios[${k}]`;
    if (BUILT_IN.ratioByName.has(r.name)) {
      bad(`${p}.name: "${r.name}" đã là tỷ lệ có sẵn của tdbv; đặt tên khác`, `${p}.name: "${r.name}" is a built-in ratio; choose another name`);
      return;
    }
    if (ratios.some((x) => x.name === r.name)) bad(`${p}.name: "${r.name}" đã khai báo ở trên`, `${p}.name: "${r.name}" is declared twice`);
    const ok = needTally(`${p}.numerator`, r.numerator) && needTally(`${p}.denominator`, r.denominator);
    if (ok && r.numerator === r.denominator) bad(`${p}: tử số và mẫu số là cùng một cột`, `${p}: numerator and denominator are the same column`);
    ratios.push({ name: r.name, vi: r.vi, en: r.en, numerator: r.numerator, denominator: r.denominator, percent: r.percent ?? true, ...(r.better ? { better: r.better } : {}) });
  });
  const ratioOf = (name: string) => BUILT_IN.ratioByName.get(name) ?? ratios.find((r) => r.name === name);

  // Rules.
  const pairRules: PairRule[] = [];
  const sumRules: SumRule[] = [];
  (file.rules ?? []).forEach((rule, k) => {
    const p = `rules[${k}]`;
    if ("part" in rule) {
      if (needTally(`${p}.part`, rule.part) && needTally(`${p}.whole`, rule.whole)) pairRules.push({ part: rule.part, whole: rule.whole, severity: rule.severity ?? "error" });
    } else if (rule.parts.every((x, j) => needTally(`${p}.parts[${j}]`, x)) && needTally(`${p}.sum`, rule.sum)) sumRules.push({ sum: rule.sum, parts: rule.parts });
  });

  // Targets.
  const targets: TargetDef[] = [];
  const places = new Set<string>();
  (file.targets ?? []).forEach((t, k) => {
    const p = `targets[${k}]`;
    if ((t.ratio === undefined) === (t.tally === undefined)) {
      bad(`${p}: cần đúng một trong hai khóa "ratio" (tên tỷ lệ) hoặc "tally" (tên cột số liệu)`, `${p}: needs exactly one of "ratio" (a ratio's name) or "tally" (a tally column's name)`);
      return;
    }
    const subject = (t.ratio ?? t.tally)!;
    if (t.ratio !== undefined && !ratioOf(t.ratio)) {
      const names = [...BUILT_IN.ratios, ...ratios].map((r) => r.name).join(", ");
      bad(`${p}.ratio: "${t.ratio}" không phải tỷ lệ tdbv biết; các tỷ lệ: ${names}`, `${p}.ratio: "${t.ratio}" is not a ratio tdbv knows; the ratios: ${names}`);
      return;
    }
    if (t.tally !== undefined && !needTally(`${p}.tally`, t.tally)) return;
    if (t.min === undefined && t.max === undefined && !t.bands?.length) {
      bad(`${p}: cần "min" hoặc "max" (hoặc "bands")`, `${p}: needs "min" or "max" (or "bands")`);
      return;
    }
    if (t.min !== undefined && t.max !== undefined && t.min > t.max) bad(`${p}: min ${t.min} lớn hơn max ${t.max}`, `${p}: min ${t.min} is greater than max ${t.max}`);
    const percent = t.ratio !== undefined && ratioOf(t.ratio)!.percent;
    const bounds: [string, number | undefined][] = [["min", t.min], ["max", t.max], ...(t.bands ?? []).flatMap((b, j) => [[`bands[${j}].min`, b.min], [`bands[${j}].max`, b.max]] as [string, number | undefined][])];
    for (const [key, v] of bounds) {
      if (v === undefined) continue;
      if (percent && (v < 0 || v > 1)) bad(`${p}.${key}: ${v} nằm ngoài 0..1; tỷ lệ phần trăm viết dưới dạng phân số: 0.8 là 80%`, `${p}.${key}: ${v} is outside 0..1; a percentage is written as a fraction: 0.8 is 80%`);
    }
    const grades = (t.bands ?? []).map((b) => b.grade);
    if (new Set(grades).size !== grades.length) bad(`${p}.bands: có hạng trùng tên`, `${p}.bands: a grade is named twice`);
    const place = [subject, t.province ?? "", t.district ?? "", t.commune ?? ""].map((x) => headerKey(x)).join("|");
    if (places.has(place)) bad(`${p}: trùng với một chỉ tiêu ở trên (cùng chỉ số, cùng nơi áp dụng)`, `${p}: repeats a target above (same figure, same place)`);
    places.add(place);
    targets.push({
      subject,
      of: t.ratio !== undefined ? "ratio" : "tally",
      ...(t.min !== undefined ? { min: t.min } : {}),
      ...(t.max !== undefined ? { max: t.max } : {}),
      ...(t.province ? { province: t.province } : {}),
      ...(t.district ? { district: t.district } : {}),
      ...(t.commune ? { commune: t.commune } : {}),
      ...(t.bands ? { bands: t.bands } : {}),
    });
  });

  const defaults = checkDefaults(file.defaults ?? {}, bad);
  const dictionary = BUILT_IN.extend({ tallies, ratios, pairRules, sumRules, targets });
  return { defaults, dictionary };
}

function checkDefaults(d: Record<string, unknown>, bad: (vi: string, en: string) => void): Config["defaults"] {
  const out: Record<string, Record<string, string | number | boolean>> = { "*": {} };
  const section = (values: Record<string, unknown>, into: Record<string, string | number | boolean>, prefix: string) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined || (COMMANDS as readonly string[]).includes(key)) continue;
      const type = DEFAULT_KEYS[key as keyof typeof DEFAULT_KEYS];
      const ok = type.split("|").includes(typeof value);
      if (!ok) {
        bad(`${prefix}${key}: ${JSON.stringify(value)} phải là ${type.split("|").map((t) => TYPE_VI[t] ?? t).join(" hoặc ")}`, `${prefix}${key}: ${JSON.stringify(value)} must be a ${type.replace("|", " or ")}`);
        continue;
      }
      into[key] = value as string | number | boolean;
    }
  };
  section(d, out["*"]!, "defaults.");
  for (const c of COMMANDS) {
    const s = d[c];
    if (s && typeof s === "object") section(s as Record<string, unknown>, (out[c] = {}), `defaults.${c}.`);
  }
  return out;
}
