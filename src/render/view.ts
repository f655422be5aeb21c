// What the human formats (table, md) share: a grid with one row per indicator and one column
// per group, labelled in the chosen language, numbers formatted for people.

import { coverageOf } from "../aggregate/completeness.js";
import { dictionary, labelOf } from "../domain/dictionary.js";
import type { Group, Report } from "../report.js";
import type { Paint } from "./paint.js";
import { SKIP_REASONS, WORDS } from "./labels.js";
import { formatFixed, formatNumber, formatPercent, type Lang } from "./numbers.js";

export { SKIP_REASONS, WORDS };

export interface RenderOptions {
  readonly lang: Lang;
  readonly decimals: number;
  readonly paint: Paint;
}


export function groupLabel(g: Group, report: Report, lang: Lang): string {
  const name =
    g.level === "province" ? g.province : g.level === "district" ? (g.district ?? WORDS[lang].noDistrict) : (g.commune ?? g.district ?? "");
  // A period built from fewer months than it spans is labelled for what it covers (issue 17, item 3).
  const c = coverageOf(g, report.ytd ?? false);
  const span = c?.cumulative ? `${c.from}..${g.period}` : c?.partial ? `${g.period}: ${WORDS[lang].only} ${c.from}..${c.to}` : g.period;
  const multi = report.periods.length > 1 || report.every !== undefined;
  const compared = g.comparison ? `, ${WORDS[lang].comparedWith(g.comparison.period)}` : "";
  return (multi || c?.partial) && span ? `${name} (${span}${compared})` : name;
}

/**
 * The groups the human formats show, and a note when the data has no districts (issue 17,
 * item 4): after 1 July 2025 there is no district level, so `--by district` or `--by commune`
 * of such data shows no "(không có huyện)" group; the note says so once.
 */
export function districtLevel(report: Report, lang: Lang): { groups: readonly Group[]; note: string | null } {
  if (report.by === "province") return { groups: report.groups, note: null };
  const districts = report.groups.filter((g) => g.level === "district");
  if (districts.length === 0 || districts.some((g) => g.district !== null)) return { groups: report.groups, note: null };
  return { groups: report.groups.filter((g) => g.level !== "district"), note: WORDS[lang].noDistrictLevel };
}

const signed = (text: string, x: number) => (x > 0 ? `+${text}` : x < 0 ? `−${text.replace(/^-/, "")}` : text);

export interface Grid {
  readonly header: string[];
  readonly rows: string[][];
  /** Notes on tallies not every unit reported: "dignitaries_visited 132/142". */
  readonly notes: string[];
}


export function buildGrid(report: Report, groups: readonly Group[], o: RenderOptions): Grid {
  const w = WORDS[o.lang];
  const header = [w.indicator, ...groups.map((g) => groupLabel(g, report, o.lang))];
  const rows: string[][] = [[w.units, ...groups.map((g) => formatNumber(g.units, o.lang))]];
  if (groups.some((g) => g.register)) {
    rows.push([
      w.reportingRate,
      ...groups.map((g) => (g.register ? `${formatNumber(g.register.reported, o.lang)}/${formatNumber(g.register.expected, o.lang)}${g.register.rate === null ? "" : ` (${formatPercent(g.register.rate, o.lang, 1)})`}` : w.notReported)),
    ]);
  }
  const notes: string[] = [];
  for (const name of report.columns) {
    let partial = false;
    const cells = groups.map((g) => {
      const v = g.totals[name];
      if (v == null) return w.notReported;
      // The earlier value and the change, not only a percent (issue 17, item 2): "600 (640; −40; −6,3%)".
      const change = g.comparison?.available ? g.comparison.totals[name] : undefined;
      const delta =
        change?.change != null && change.previous !== null
          ? ` (${w.before(report.compare)} ${formatNumber(change.previous, o.lang)}; ${signed(formatNumber(change.change, o.lang), change.change)}${change.change_pct != null ? `; ${signed(formatPercent(change.change_pct, o.lang, 1), change.change_pct)}` : ""})`
          : "";
      if (g.reported[name]! < g.units) {
        partial = true;
        notes.push(`${labelOf(name, o.lang)} — ${groupLabel(g, report, o.lang)}: ${g.reported[name]}/${g.units}`);
        return `${formatNumber(v, o.lang)}*${delta}`;
      }
      return `${formatNumber(v, o.lang)}${delta}`;
    });
    rows.push([labelOf(name, o.lang) + (partial ? "*" : ""), ...cells]);
  }
  for (const name of report.ratioNames) {
    const def = dictionary().ratioByName.get(name)!;
    rows.push([
      def[o.lang],
      ...groups.map((g) => {
        const r = g.ratios[name]!;
        if (r.value === null) return w.notReported;
        const value = def.percent ? formatPercent(r.value, o.lang, o.decimals) : formatFixed(r.value, o.lang, o.decimals);
        const ch = g.comparison?.available ? g.comparison.ratios[name] : undefined;
        const change = ch?.change;
        const before = ch?.previous != null ? `; ${w.before(report.compare)} ${def.percent ? formatPercent(ch.previous, o.lang, o.decimals) : formatFixed(ch.previous, o.lang, o.decimals)}` : "";
        const delta = change != null ? `${before}; ${signed(formatFixed(change, o.lang, o.decimals), change)}${def.percent ? ` ${w.points}` : ""}` : "";
        return `${value} (${formatNumber(r.numerator, o.lang)}/${formatNumber(r.denominator, o.lang)}${delta})`;
      }),
    ]);
    if (report.rankedBy === name) rows.push([w.rank(def[o.lang]), ...groups.map((g) => (g.rank?.[name] == null ? w.notReported : formatNumber(g.rank[name]!, o.lang)))]);
  }
  rows.push(...standingRows(report, groups, o));
  return { header, rows, notes };
}

/**
 * A configuration's targets, a row per ratio (or tally) with one: "✓ đạt ≥ 80% · khá", "✗ không
 * đạt ≥ 90%" (a mark and words, not colour alone); then --share's rows, each group's percent of
 * its parent's total.
 */
function standingRows(report: Report, groups: readonly Group[], o: RenderOptions): string[][] {
  const w = WORDS[o.lang];
  const d = dictionary();
  const rows: string[][] = [];
  const subjects = [...new Set(groups.flatMap((g) => Object.keys(g.targets ?? {})))];
  for (const subject of subjects) {
    const ratio = d.ratioByName.get(subject);
    const label = ratio ? ratio[o.lang] : labelOf(subject, o.lang);
    const show = (x: number) => (ratio ? (ratio.percent ? formatPercent(x, o.lang, o.decimals) : formatFixed(x, o.lang, o.decimals)) : formatNumber(x, o.lang));
    rows.push([
      w.target(label),
      ...groups.map((g) => {
        const t = g.targets?.[subject];
        if (!t) return "";
        const bound = [t.min !== undefined ? `≥ ${show(t.min)}` : "", t.max !== undefined ? `≤ ${show(t.max)}` : ""].filter(Boolean).join(", ");
        // A target of bands alone grades without saying met: only its grade is shown.
        const mark = t.met === null ? (t.grade ? "" : w.notReported) : t.met ? `✓ ${w.met}` : `✗ ${w.notMet}`;
        return [`${mark} ${bound}`.trim(), t.grade ?? ""].filter(Boolean).join(" · ");
      }),
    ]);
  }
  for (const name of report.shares ?? []) {
    if (!report.columns.includes(name)) continue;
    rows.push([w.share(labelOf(name, o.lang)), ...groups.map((g) => (g.share?.[name] == null ? "" : formatPercent(g.share[name]!, o.lang, o.decimals)))]);
  }
  return rows;
}

/** The banner of an incomplete report and the rows it left out, for the human formats. */
export function incompleteLines(report: Report, lang: Lang): string[] {
  if (report.complete) return [];
  const w = WORDS[lang];
  const byFile = new Map<string, number[]>();
  for (const e of report.excluded) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e.row]);
  const lines: string[] = [w.incomplete];
  if (byFile.size) lines.push(`${w.excluded} ${[...byFile].map(([f, rows]) => `${f}: ${rows.join(", ")}`).join("; ")}`);
  return lines;
}

/** Lines under a rollup's table: groups with no earlier period to compare, units that missed periods. */
export function rollupNotes(report: Report, lang: Lang): string[] {
  const w = WORDS[lang];
  const lines: string[] = [];
  for (const g of report.groups) {
    if (g.comparison && !g.comparison.available) lines.push(`${groupLabel(g, report, lang)}: ${w.noEarlier(g.comparison.period)}`);
  }
  const partial = new Set<string>();
  for (const g of report.groups) {
    const c = coverageOf(g, report.ytd ?? false);
    if (c?.partial && !partial.has(g.period!)) {
      partial.add(g.period!);
      lines.push(w.partialPeriod(g.period!, c.from, c.to));
    }
  }
  lines.push(...approximateLines(report, lang));
  const missing = report.groups.filter((g) => g.level === "province" && g.completeness?.missing.length);
  if (missing.length) {
    lines.push(w.missingTitle);
    for (const g of missing) {
      for (const m of g.completeness!.missing) {
        const name = [m.commune, m.district].filter(Boolean).join(", ") || m.province;
        lines.push(`  ${g.period}: ${w.missingLine(name, m.missing.join(", "), m.lastReported)}`);
      }
    }
  }
  return lines;
}


/** Commune groups whose figures are approximate across 1 July 2025, and the old units that make them so. */
export function approximateLines(report: Report, lang: Lang): string[] {
  const w = WORDS[lang];
  const marked = report.groups.filter((g) => g.approximate?.length);
  if (marked.length === 0) return [];
  return [
    w.approximateTitle,
    ...marked.map((g) => `  ${w.approximateLine(groupLabel(g, report, lang), g.approximate!.map((a) => `${a.unit} (${w.approximateWhy(a.why)})`).join("; "))}`),
  ];
}
