// Report -> the JSON document scripts rely on (documented in docs/json.md): the keys of the
// dictionary's "JSON report" section plus the decisions and exclusions. Ratios keep at least
// six decimals; nothing depends on the clock or the machine.

import { coverageOf } from "../aggregate/completeness.js";
import type { Validation } from "../pipeline/validate.js";
import type { Comparison, Group, Report } from "../report.js";
import { shownIn, type Lang } from "../domain/problems.js";

// A problem's `message` and `hint` are strings in the language of `--lang` (Vietnamese by
// default); scripts key on `code`, which is the same in both (docs/json.md).

export function renderJson(report: Report, lang: Lang): string {
  return [...renderJsonChunks(report, lang)].join("");
}

/**
 * The same document as `renderJson`, byte for byte, in chunks of about 64 KB: a group (a
 * problem, an excluded row) is turned into its text as it is reached, so a report of a million
 * groups is written in the memory of one chunk, where one string of it would pass V8's limit
 * on a string's length (about 512 MB: "Invalid string length").
 */
export function* renderJsonChunks(report: Report, lang: Lang): Generator<string> {
  const doc: [string, unknown][] = [
    ["period", report.period],
    ["periods", report.periods],
    ["by", report.by],
    ...(report.every !== undefined
      ? ([["every", report.every], ["ytd", report.ytd ?? false], ["compare", report.compare ?? null]] as [string, unknown][])
      : report.compare
        ? ([["compare", report.compare]] as [string, unknown][])
        : []),
    ...(report.unitsAsOf !== undefined ? ([["units_as_of", report.unitsAsOf]] as [string, unknown][]) : []),
    ...(report.register !== undefined ? ([["register", report.register]] as [string, unknown][]) : []),
    ...(report.rankedBy !== undefined ? ([["ranked_by", report.rankedBy]] as [string, unknown][]) : []),
    ...(report.shares !== undefined ? ([["shares", report.shares]] as [string, unknown][]) : []),
    ["complete", report.complete],
    ["groups", new Listed(report.groups, (g) => groupDoc(g, report.ytd ?? false))],
    ["rows", report.rows],
    ["excluded", new Listed(report.excluded, (x) => x)],
    ["issues", new Listed(report.issues, (x) => shownIn(x, lang))],
  ];
  let out = "{";
  let first = true;
  for (const [key, value] of doc) {
    if (value === undefined) continue;
    out += `${first ? "" : ","}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (!(value instanceof Listed)) {
      out += indent(JSON.stringify(value, null, 2), "  ");
      continue;
    }
    // What JSON.stringify(doc, null, 2) makes of an array one level down, a batch of items at a
    // time: the batch stringified as the array of a one-key object, and that object's own
    // first and last lines cut off, leaves the items as they are indented in the document.
    if (value.items.length === 0) {
      out += "[]";
      continue;
    }
    out += "[";
    for (let i = 0; i < value.items.length; i += BATCH) {
      const batch = value.items.slice(i, i + BATCH).map(value.map);
      const json = JSON.stringify({ x: batch }, null, 2);
      out += (i ? ",\n" : "\n") + json.slice(BATCH_HEAD.length, json.length - BATCH_TAIL.length);
      if (out.length >= CHUNK) {
        yield out;
        out = "";
      }
    }
    out += "\n  ]";
  }
  yield out + (first ? "}" : "\n}") + "\n";
}

/** About how many characters a chunk of the JSON report holds before it is handed on. */
const CHUNK = 16 * 1024;
/** Items stringified at once: JSON.stringify does the indenting (one call per item took 2.8 times as long). */
const BATCH = 16;
const BATCH_HEAD = '{\n  "x": [\n';
const BATCH_TAIL = "\n  ]\n}";

/** An array of the document written item by item, each item as `map` makes it. */
class Listed<T> {
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => unknown,
  ) {}
}

/** JSON text of a value nested under `pad`: its line breaks (never inside a string, where they are escaped) indented. */
const indent = (json: string, pad: string) => (json.includes("\n") ? json.replaceAll("\n", `\n${pad}`) : json);

function groupDoc(g: Group, ytd: boolean): unknown {
  // What the figures cover: cumulative with --ytd, partial when fewer months than the period spans (issue 17, item 3).
  const coverage = coverageOf(g, ytd);
  return {
    level: g.level,
    province: g.province,
    district: g.district,
    commune: g.commune,
    ...(g.unitCode !== undefined ? { unit_code: g.unitCode } : {}),
    period: g.period,
    units: g.units,
    totals: g.totals,
    reported: g.reported,
    ratios: Object.fromEntries(
      Object.entries(g.ratios).map(([name, r]) => [
        name,
        { numerator: r.numerator, denominator: r.denominator, value: r.value === null ? null : round(r.value), units: r.units },
      ]),
    ),
    ...(g.register ? { register: { ...g.register, rate: g.register.rate === null ? null : round(g.register.rate) } } : {}),
    ...(g.completeness ? { completeness: g.completeness } : {}),
    ...(coverage ? { coverage } : {}),
    ...(g.comparison ? { comparison: roundComparison(g.comparison) } : {}),
    ...(g.approximate ? { approximate: g.approximate } : {}),
    ...(g.targets ? { targets: g.targets } : {}),
    ...(g.rank ? { rank: g.rank } : {}),
    ...(g.share ? { share: Object.fromEntries(Object.entries(g.share).map(([k, v]) => [k, roundOrNull(v)])) } : {}),
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const roundOrNull = (x: number | null) => (x === null ? null : round(x));

function roundComparison(c: Comparison): Comparison {
  return {
    ...c,
    totals: Object.fromEntries(Object.entries(c.totals).map(([k, v]) => [k, { ...v, change_pct: roundOrNull(v.change_pct) }])),
    ratios: Object.fromEntries(Object.entries(c.ratios).map(([k, v]) => [k, { previous: roundOrNull(v.previous), change: roundOrNull(v.change) }])),
  };
}

/** `tdbv validate --format json`: the counts, the row accounting and the problems (up to `max`). */
export function renderValidationJson(v: Validation, max: number, lang: Lang): string {
  const doc = {
    valid: !v.failed,
    counts: { errors: v.counts.errors, warnings: v.counts.warnings, by_code: v.counts.byCode },
    rows: v.rows,
    problems: v.problems.slice(0, max).map((i) => shownIn(i, lang)),
    problems_omitted: Math.max(0, v.problems.length - max),
    reporting: v.reporting,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
