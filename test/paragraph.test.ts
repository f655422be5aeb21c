// Issue 17: the paragraph held to the data. For every golden case test/cases/paragraph-*, the
// same run is made with --format json, and every number the paragraph prints is read back
// (Vietnamese or English number format, parsed here, not by tdbv) and found in the JSON report
// of that run, as a figure of its own kind: a pair a/b among the ratios' numerators and
// denominators, a percentage among the ratios and changes, a count among the totals, previous
// values and changes. The province totals of each fixture are also held to those the fixture
// script computed (fixtures/make-paragraph-fixtures.mjs writes fixtures/paragraph/expected.json).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tdbv } from "./helpers.js";

const CASES = join(ROOT, "test", "cases");
const names = readdirSync(CASES)
  .filter((n) => n.startsWith("paragraph-"))
  .sort();

interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}
interface JsonGroup {
  level: string;
  period: string | null;
  totals: Record<string, number | null>;
  ratios: Record<string, Ratio>;
  comparison?: {
    available: boolean;
    totals: Record<string, { previous: number | null; change: number | null; change_pct: number | null }>;
    ratios: Record<string, { previous: number | null; change: number | null }>;
  };
}

/** "1.440" -> 1440, "71,88" -> 71.88 (vi); "1,440" -> 1440, "71.88" -> 71.88 (en). */
export function parseNumber(text: string, lang: "vi" | "en"): number {
  const [group, decimal] = lang === "vi" ? [".", ","] : [",", "."];
  return Number(text.split(group).join("").replace(decimal, "."));
}

/** Round half up to `d` places, as the press does. */
const round = (x: number, d: number) => Math.round(Number((x * 10 ** d).toPrecision(12))) / 10 ** d;

/** Words that carry a period or a place, not a figure: taken out before numbers are read. */
function withoutPeriods(paragraph: string): string {
  return paragraph
    .replace(/^[^:]*: /, "") // the heading: "Năm 2024, toàn tỉnh Quảng Trị: "
    .replace(/ \((lưu ý|note): [^)]*\)/g, "") // "(lưu ý: kỳ này có số liệu 3 tháng, kỳ so sánh 12 tháng, …)"
    .replace(/(so với|compared with)[^:;.]*\d{4}[^:;.]*:/gi, "") // "So với cùng kỳ năm 2023:", "Compared with the same period of 2023:"
    .replace(/không có số liệu[^.]*để so sánh/gi, "")
    .replace(/no earlier data to compare with \([^)]*\)/gi, "");
}

interface Candidates {
  pairs: Set<string>;
  percents: number[];
  points: number[];
  counts: number[];
}

function candidates(groups: JsonGroup[]): Candidates {
  const c: Candidates = { pairs: new Set(), percents: [], points: [], counts: [] };
  for (const g of groups) {
    for (const v of Object.values(g.totals)) if (v !== null) c.counts.push(v);
    for (const [name, r] of Object.entries(g.ratios)) {
      c.pairs.add(`${r.numerator}/${r.denominator}`);
      if (r.value !== null) (name === "attendees_per_meeting" ? c.counts : c.percents).push(name === "attendees_per_meeting" ? r.value : r.value * 100);
    }
    const cmp = g.comparison;
    if (!cmp?.available) continue;
    for (const t of Object.values(cmp.totals)) {
      if (t.previous !== null) c.counts.push(t.previous);
      if (t.change !== null) c.counts.push(Math.abs(t.change));
      if (t.change_pct !== null) c.percents.push(Math.abs(t.change_pct) * 100);
    }
    for (const [name, r] of Object.entries(cmp.ratios)) {
      if (name === "attendees_per_meeting") {
        if (r.previous !== null) c.counts.push(r.previous);
        if (r.change !== null) c.counts.push(Math.abs(r.change));
        continue;
      }
      if (r.previous !== null) c.percents.push(r.previous * 100);
      if (r.change !== null) c.points.push(Math.abs(r.change));
    }
  }
  return c;
}

describe("the paragraph says the JSON report's figures, and only them", () => {
  it("has golden paragraphs to check", () => {
    expect(names.length).toBeGreaterThanOrEqual(11);
  });

  for (const name of names) {
    it(name, () => {
      const args = readFileSync(join(CASES, name, "args"), "utf8").split("\n").filter(Boolean);
      const lang = args.includes("en") ? "en" : "vi";
      const d = args.includes("--decimals") ? Number(args[args.indexOf("--decimals") + 1]) : 2;
      const text = readFileSync(join(CASES, name, "stdout"), "utf8");
      // The golden file is today's output (golden.test.ts holds that); the JSON of the same run:
      const jsonArgs = args.map((a, i) => (args[i - 1] === "--format" ? "json" : a));
      const json = JSON.parse(tdbv(jsonArgs).stdout) as { groups: JsonGroup[] };
      const c = candidates(json.groups);
      const numbers = /(\d[\d.,]*\d|\d)(\/(\d[\d.,]*\d|\d))?(\s*%| điểm phần trăm| percentage points)?/g;
      let checked = 0;
      for (const paragraph of text.split("\n\n")) {
        if (/^(BÁO CÁO CHƯA|INCOMPLETE|Các dòng bị loại|Rows left out|Số liệu không có cấp huyện|The data has no districts)/.test(paragraph)) continue;
        const body = withoutPeriods(paragraph.split("\n").filter((l) => !/^(Các dòng bị loại|Rows left out)/.test(l)).join("\n"));
        for (const m of body.matchAll(numbers)) {
          const [, a, , b, unit] = m;
          checked++;
          if (b !== undefined) {
            expect(c.pairs, `${name}: ${m[0]}`).toContain(`${parseNumber(a!, lang)}/${parseNumber(b, lang)}`);
            continue;
          }
          const x = parseNumber(a!, lang);
          const pool = unit?.trim() === "%" ? c.percents : unit ? c.points : c.counts;
          const found = pool.some((v) => round(v, unit ? d : Math.max(d, 3)) === x || round(v, d) === x);
          expect(found, `${name}: "${m[0]}" (${x}) is no figure of the JSON report`).toBe(true);
        }
      }
      expect(checked).toBeGreaterThan(5);
    });
  }
});

describe("the paragraph fixtures' totals, as the fixture script computed them", () => {
  const expected = JSON.parse(readFileSync(join(ROOT, "fixtures", "paragraph", "expected.json"), "utf8")) as Record<string, Record<string, unknown>>;
  const P = "fixtures/paragraph";
  const runs: [string, string[]][] = [
    ["quang-tri-2023", ["summarize", `${P}/quang-tri-2023.csv`]],
    ["quang-tri-2024", ["summarize", `${P}/quang-tri-2024.csv`]],
    ["mot-phan-thieu-2024", ["summarize", `${P}/mot-phan-thieu-2024.csv`]],
    ["loi-2024", ["summarize", `${P}/loi-2024.csv`, "--allow-errors"]],
    ["da-nang-2025", ["summarize", `${P}/da-nang-2025.csv`]],
    ["q1-2024", ["rollup", `${P}/thang`, "--every", "quarter"]],
    ["ytd-2024-02", ["rollup", `${P}/thang`, "--every", "month", "--ytd"]],
  ];
  it.each(runs)("%s", (key, args) => {
    const json = JSON.parse(tdbv([...args, "--format", "json"]).stdout) as { groups: JsonGroup[] };
    const period = key.startsWith("q1-") ? `${key.slice(3)}-Q1` : key.startsWith("ytd-") ? key.slice(4) : null;
    const g = json.groups.find((x) => x.level === "province" && (period === null || x.period === period))!;
    const { solved_rate, ...totals } = expected[key]!;
    for (const [name, v] of Object.entries(totals)) expect(g.totals[name], `${key} ${name}`).toBe(v);
    const r = solved_rate as Ratio;
    expect([g.ratios.solved_rate!.numerator, g.ratios.solved_rate!.denominator]).toEqual([r.numerator, r.denominator]);
  });
});

describe("parseNumber", () => {
  it.each([
    ["1.440", "vi", 1440],
    ["71,88", "vi", 71.88],
    ["1,440", "en", 1440],
    ["71.88", "en", 71.88],
    ["19.620", "vi", 19620],
  ] as const)("%s (%s) is %d", (text, lang, n) => expect(parseNumber(text, lang)).toBe(n));
});
