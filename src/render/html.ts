// Report -> one self-contained HTML file for leaders: no network, no scripts, no external fonts;
// charts are inline SVG drawn here, so the file is small and the same report gives the same
// bytes. Vietnamese by default. Printable on A4. Every figure carries its raw value in a
// data-value attribute, so tests (and scripts) can read the figures back exactly.

import { dictionary, labelOf } from "../domain/dictionary.js";
import type { Group, Level, Report, TargetResult } from "../report.js";
import { formatFixed, formatNumber, formatPercent, type Lang } from "./numbers.js";
import { HTML_WORDS as T } from "./labels.js";
import { groupLabel, approximateLines } from "./view.js";

export interface HtmlOptions {
  readonly lang: Lang;
  readonly decimals: number;
  /**
   * The level asked for (--by). The report may be grouped finer: at --by province the CLI
   * groups by district too, so the district comparison is drawn whenever the data has
   * districts (issue 17, item 8), while the district table is shown only when asked for.
   * Defaults to the report's own level.
   */
  readonly by?: Level;
  /**
   * Targets of ratios (ratio name -> value, 0.9 for 90%), marked on their charts. Without it, a
   * chart's target line is the province group's own target from the configuration (its
   * `targets`, src/aggregate/standing.ts); each bar is marked met or not by its own.
   */
  readonly targets?: Readonly<Record<string, number>>;
}


const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const ratioDef = (name: string) => dictionary().ratioByName.get(name);

function ratioText(g: Group, name: string, o: HtmlOptions): string {
  const r = g.ratios[name];
  if (!r || r.value === null) return "—";
  const def = ratioDef(name)!;
  return def.percent ? formatPercent(r.value, o.lang, o.decimals) : formatFixed(r.value, o.lang, o.decimals);
}

/** A figure's value as the report shows it: a ratio in percent or with decimals, a tally as a count. */
function figureText(name: string, v: number, o: HtmlOptions): string {
  const def = ratioDef(name);
  if (!def) return formatNumber(v, o.lang);
  return def.percent ? formatPercent(v, o.lang, o.decimals) : formatFixed(v, o.lang, o.decimals);
}

/** A target's bounds: "≥ 80%", "≤ 5", "80%–95%". */
function boundsText(r: TargetResult, name: string, o: HtmlOptions): string {
  if (r.min !== undefined && r.max !== undefined) return `${figureText(name, r.min, o)}–${figureText(name, r.max, o)}`;
  if (r.min !== undefined) return `≥ ${figureText(name, r.min, o)}`;
  if (r.max !== undefined) return `≤ ${figureText(name, r.max, o)}`;
  return r.target === null ? "" : figureText(name, r.target, o);
}

/**
 * A group's standing against its target for a figure, as text that does not rely on colour:
 * "✓ đạt · khá", "✗ không đạt · chỉ tiêu ≥ 90%". The group's own target is said when `shown` is
 * not it (the chart's line is another group's); its class colours it, its data-* attributes
 * carry the raw values. Null when the group has no target for the figure.
 */
function targetMark(g: Group, name: string, o: HtmlOptions, shown: number | null | undefined): { html: string; svg: string } | null {
  const r = g.targets?.[name];
  if (!r) return null;
  const t = T[o.lang];
  const words = [
    r.met === null ? null : r.met ? `✓ ${t.met}` : `✗ ${t.notMet}`,
    r.target !== null && r.target !== shown ? `${t.ownTarget} ${boundsText(r, name, o)}` : null,
    r.grade ?? null,
  ].filter((w): w is string => w !== null);
  if (!words.length) return null;
  const cls = r.met === null ? "standing" : r.met ? "standing met" : "standing unmet";
  const attrs = `class="${cls}" data-name="${name}" data-met="${r.met ?? ""}" data-target="${r.target ?? ""}"${r.grade !== undefined ? ` data-grade="${esc(r.grade ?? "")}"` : ""}`;
  const body = esc(words.join(" · "));
  return { html: ` <span ${attrs}>${body}</span>`, svg: `<tspan ${attrs}> ${body}</tspan>` };
}

/** Whether the report has anything of src/aggregate/standing.ts to show: without it, the HTML is as before. */
const hasStanding = (report: Report) => report.rankedBy !== undefined || report.shares !== undefined || report.groups.some((g) => g.targets);

function summaryTable(report: Report, groups: readonly Group[], o: HtmlOptions): string {
  const t = T[o.lang];
  const head = `<tr><th>${t.figure}</th>${groups.map((g) => `<th>${esc(groupLabel(g, report, o.lang))}</th>`).join("")}</tr>`;
  const row = (label: string, cells: string[]) => `<tr><th scope="row">${esc(label)}</th>${cells.join("")}</tr>`;
  const cell = (g: Group, name: string, value: number | null, text: string) =>
    `<td data-group="${esc(groupLabel(g, report, o.lang))}" data-period="${esc(g.period ?? "")}" data-name="${name}" data-value="${value ?? ""}">${esc(text)}</td>`;
  const rows = [row(t.units, groups.map((g) => cell(g, "units", g.units, formatNumber(g.units, o.lang))))];
  for (const name of report.columns) {
    rows.push(
      row(
        labelOf(name, o.lang),
        groups.map((g) => cell(g, name, g.totals[name] ?? null, g.totals[name] == null ? "—" : formatNumber(g.totals[name]!, o.lang)).replace(/<\/td>$/, `${targetMark(g, name, o, null)?.html ?? ""}</td>`)),
      ),
    );
  }
  for (const name of report.ratioNames) {
    const def = ratioDef(name)!;
    rows.push(
      row(
        def[o.lang],
        groups.map((g) => {
          const r = g.ratios[name]!;
          const parts = r.value === null ? "" : ` <span class="parts">(${formatNumber(r.numerator, o.lang)}/${formatNumber(r.denominator, o.lang)})</span>`;
          return `<td data-group="${esc(groupLabel(g, report, o.lang))}" data-period="${esc(g.period ?? "")}" data-name="${name}" data-value="${r.value ?? ""}" data-numerator="${r.numerator}" data-denominator="${r.denominator}">${esc(ratioText(g, name, o))}${parts}${targetMark(g, name, o, null)?.html ?? ""}</td>`;
        }),
      ),
    );
  }
  // Ranks among siblings (a lone province has none worth a row) and shares of the parent's total.
  if (groups.length > 1) {
    for (const name of rankNames(report)) {
      if (!groups.some((g) => g.rank?.[name] !== undefined)) continue;
      rows.push(row(`${T[o.lang].rank} — ${ratioDef(name)![o.lang]}`, groups.map((g) => cell(g, `rank:${name}`, g.rank?.[name] ?? null, g.rank?.[name] == null ? "—" : String(g.rank[name])))));
    }
  }
  for (const name of report.shares ?? []) {
    if (!groups.some((g) => g.share?.[name] !== undefined)) continue;
    rows.push(row(`${T[o.lang].share} — ${labelOf(name, o.lang)}`, groups.map((g) => cell(g, `share:${name}`, g.share?.[name] ?? null, g.share?.[name] == null ? "—" : formatPercent(g.share[name]!, o.lang, o.decimals)))));
  }
  return `<table class="summary"><thead>${head}</thead><tbody>${rows.join("\n")}</tbody></table>`;
}

/** The ratios whose ranks are shown: the one the report is ranked by first, then the others. */
const rankNames = (report: Report) => (report.rankedBy === undefined ? [] : [report.rankedBy, ...report.ratioNames.filter((n) => n !== report.rankedBy)]);

/** A bar's name, with its rank before it ("1. Huyện Quảng Trạch") when it has one. */
const barLabel = (p: Point) => (p.rank == null ? esc(p.label) : `<tspan class="rank" data-rank="${p.rank}">${p.rank}.</tspan> ${esc(p.label)}`);

/** Room on the right of a chart for the marks after its values. */
const markRoom = (points: readonly Point[]) => (points.some((p) => p.standing) ? 170 : 0);

/** Horizontal bars, one per district, sorted; the province's value as a marked line. */
function barChart(title: string, bars: Point[], mark: { value: number; text: string } | null, max: number, sort = true, more: readonly Point[] = []): string {
  const sorted = sort ? [...bars].sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1)) : bars;
  const left = 170;
  const width = 360;
  const bh = 16;
  const gap = 5;
  const top = 8;
  const height = top + sorted.length * (bh + gap) + 24;
  const x = (v: number) => left + (max > 0 ? (v / max) * width : 0);
  const parts = sorted.map((b, i) => {
    const y = top + i * (bh + gap);
    return (
      `<text x="${left - 6}" y="${y + bh - 4}" text-anchor="end">${barLabel(b)}</text>` +
      `<rect x="${left}" y="${y}" width="${(x(b.value) - left).toFixed(1)}" height="${bh}" class="bar"/>` +
      `<text x="${(x(b.value) + 4).toFixed(1)}" y="${y + bh - 4}">${esc(b.text)}${b.standing ?? ""}</text>`
    );
  });
  if (mark) {
    const mx = x(mark.value).toFixed(1);
    parts.push(`<line x1="${mx}" y1="${top - 4}" x2="${mx}" y2="${height - 18}" class="mark"/><text x="${mx}" y="${height - 6}" text-anchor="middle" class="mark-label">${esc(mark.text)}</text>`);
  }
  for (const t of more) {
    const tx = x(t.value).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 18}" class="target"/><text x="${tx}" y="${top + 4}" text-anchor="middle" class="target-label">${esc(t.text)}</text>`);
  }
  return `<figure><figcaption>${esc(title)}</figcaption><svg width="${left + width + 80 + markRoom(sorted)}" height="${height}" role="img" aria-label="${esc(title)}">${parts.join("")}</svg></figure>`;
}

interface Point {
  readonly label: string;
  readonly value: number;
  readonly text: string;
  /** Its rank among the chart's bars (--rank), shown before its name. */
  readonly rank?: number | null;
  /** Its mark against its target (an SVG tspan, see targetMark), shown after its value. */
  readonly standing?: string;
}

/** A tick step for a percent axis from lo to hi: about 4 to 10 ticks. */
function tickStep(range: number): number {
  for (const step of [0.01, 0.02, 0.05, 0.1, 0.2, 0.25]) if (range / step <= 10) return step;
  return 0.25;
}

/**
 * A ratio by district. When the values lie close together far from 0 (84% to 91%), bars on a
 * 0-100% axis look alike (issue 17, item 8): the chart is then a dot plot on an axis that
 * starts near the smallest value, with its ticks labelled and a note that it does not start at
 * 0, so the differences show and nobody reads a short bar as a small value. Otherwise, bars from
 * 0. The province's value and, when set, the target are marked lines.
 */
function ratioChart(title: string, points: Point[], mark: Point | null, target: Point | null, o: HtmlOptions, sort = true): string {
  const all = [...points, ...(mark ? [mark] : []), ...(target ? [target] : [])].map((p) => p.value);
  const min = Math.min(...all);
  const max = Math.max(...all);
  if (!(min >= 0.3 && max - min < 0.25)) {
    const extra = target ? [target] : [];
    return barChart(title, points, mark, 1, sort, extra);
  }
  const step = tickStep(Math.max(max - min, 0.01));
  const lo = Math.max(0, Math.floor((min - step / 2) / step) * step);
  const hi = Math.min(1, Math.ceil((max + step / 2) / step) * step);
  const sorted = sort ? [...points].sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1)) : points;
  const left = 170;
  const width = 360;
  const row = 18;
  const top = 8;
  const axis = top + sorted.length * row + 4;
  const height = axis + 44;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * width;
  const parts: string[] = [];
  const ticks: number[] = [];
  for (let v = lo; v <= hi + 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  for (const v of ticks) {
    const tx = x(v).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${axis}" class="grid"/><text x="${tx}" y="${axis + 12}" text-anchor="middle">${esc(formatPercent(v, o.lang, step < 0.01 ? 1 : 0))}</text>`);
  }
  // The axis is broken at its start: two slashes say it does not start at 0.
  parts.push(`<line x1="${left}" y1="${axis}" x2="${left + width}" y2="${axis}" class="axis"/><text x="${left - 4}" y="${axis + 4}" text-anchor="end" class="break">//</text>`);
  sorted.forEach((p, i) => {
    const y = top + i * row + row / 2;
    const px = x(p.value).toFixed(1);
    parts.push(
      `<text x="${left - 6}" y="${y + 3}" text-anchor="end">${barLabel(p)}</text>` +
        `<line x1="${left}" y1="${y}" x2="${px}" y2="${y}" class="stem"/>` +
        `<circle cx="${px}" cy="${y}" r="4" class="dot" data-value="${p.value}"/>` +
        `<text x="${(x(p.value) + 7).toFixed(1)}" y="${y + 3}">${esc(p.text)}${p.standing ?? ""}</text>`,
    );
  });
  for (const [m, cls] of [
    [mark, "mark"],
    [target, "target"],
  ] as const) {
    if (!m) continue;
    const mx = x(m.value).toFixed(1);
    parts.push(`<line x1="${mx}" y1="${top - 4}" x2="${mx}" y2="${axis}" class="${cls}"/><text x="${mx}" y="${height - (cls === "mark" ? 16 : 4)}" text-anchor="middle" class="${cls}-label">${esc(m.text)}</text>`);
  }
  const note = T[o.lang].axisFrom(formatPercent(lo, o.lang, 0));
  return `<figure><figcaption>${esc(title)}</figcaption><svg width="${left + width + 80 + markRoom(sorted)}" height="${height}" role="img" aria-label="${esc(`${title}. ${note}`)}">${parts.join("")}</svg><p class="axis-note">${esc(note)}</p></figure>`;
}

function districtCharts(report: Report, o: HtmlOptions): string[] {
  const t = T[o.lang];
  const out: string[] = [];
  const provinces = report.groups.filter((g) => g.level === "province");
  for (const p of provinces) {
    const districts = report.groups.filter((g) => g.level === "district" && g.district !== null && g.province === p.province && g.period === p.period);
    if (districts.length < 2) continue;
    for (const name of report.ratioNames) {
      const def = ratioDef(name)!;
      if (!def.percent) continue;
      // The line is the option's target, else the province's own (from the configuration).
      const own = p.targets?.[name];
      const goal = o.targets?.[name] ?? own?.target ?? undefined;
      const bars: Point[] = districts
        .filter((d) => d.ratios[name]?.value != null)
        .map((d) => ({
          label: d.district ?? "—",
          value: d.ratios[name]!.value!,
          text: ratioText(d, name, o),
          ...(report.rankedBy !== undefined && d.rank?.[name] !== undefined ? { rank: d.rank[name] } : {}),
          ...(d.targets?.[name] ? { standing: targetMark(d, name, o, goal)?.svg ?? "" } : {}),
        }));
      if (bars.length < 2) continue;
      const mark = p.ratios[name]?.value != null ? { label: "", value: p.ratios[name]!.value!, text: `${t.provinceMark} ${ratioText(p, name, o)}` } : null;
      const target =
        goal === undefined
          ? null
          : { label: "", value: goal, text: `${t.target} ${o.targets?.[name] === undefined && own ? boundsText(own, name, o) : formatPercent(goal, o.lang, o.decimals)}` };
      // Ranked (--rank): the bars in rank order, missing ranks last, ties in report order.
      const ranked = bars.every((b) => b.rank !== undefined);
      if (ranked) bars.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || 0);
      out.push(ratioChart(`${def[o.lang]} — ${groupLabel(p, report, o.lang)}`, bars, mark, target, o, !ranked));
    }
  }
  return out;
}

/**
 * --by commune: one row per commune (a province has a hundred or more: as columns they would
 * not fit a page), its district beside it, one column per figure.
 */
function communeTable(report: Report, o: HtmlOptions): string {
  const t = T[o.lang];
  const communes = report.groups.filter((g) => g.level === "commune");
  if (!communes.length) return "";
  const ranks = rankNames(report).filter((r) => communes.some((g) => g.rank?.[r] !== undefined));
  const shares = (report.shares ?? []).filter((n) => communes.some((g) => g.share?.[n] !== undefined));
  const head = [
    t.commune,
    t.district,
    ...(report.periods.length > 1 ? [t.period] : []),
    t.units,
    ...report.columns.map((c) => labelOf(c, o.lang)),
    ...report.ratioNames.map((r) => ratioDef(r)![o.lang]),
    ...ranks.map((r) => `${t.rank} — ${ratioDef(r)![o.lang]}`),
    ...shares.map((n) => `${t.share} — ${labelOf(n, o.lang)}`),
  ];
  const withMark = (td: string, g: Group, name: string) => td.replace(/<\/td>$/, `${targetMark(g, name, o, null)?.html ?? ""}</td>`);
  const cell = (g: Group, name: string, value: number | null, text: string) =>
    `<td data-group="${esc(g.commune ?? "")}" data-period="${esc(g.period ?? "")}" data-name="${name}" data-value="${value ?? ""}">${esc(text)}</td>`;
  const rows = communes.map((g) => {
    const cells = [
      `<th scope="row">${esc(g.commune ?? "")}</th>`,
      `<td class="text">${esc(g.district ?? "")}</td>`,
      ...(report.periods.length > 1 ? [`<td class="text">${esc(g.period ?? "")}</td>`] : []),
      cell(g, "units", g.units, formatNumber(g.units, o.lang)),
      ...report.columns.map((c) => withMark(cell(g, c, g.totals[c] ?? null, g.totals[c] == null ? "—" : formatNumber(g.totals[c]!, o.lang)), g, c)),
      ...report.ratioNames.map((r) => withMark(cell(g, r, g.ratios[r]?.value ?? null, ratioText(g, r, o)), g, r)),
      ...ranks.map((r) => cell(g, `rank:${r}`, g.rank?.[r] ?? null, g.rank?.[r] == null ? "—" : String(g.rank[r]))),
      ...shares.map((n) => cell(g, `share:${n}`, g.share?.[n] ?? null, g.share?.[n] == null ? "—" : formatPercent(g.share[n]!, o.lang, o.decimals))),
    ];
    return `<tr>${cells.join("")}</tr>`;
  });
  return `<h2>${t.byCommune}</h2><div class="wide"><table class="communes"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.join("\n")}</tbody></table></div>`;
}

function trendCharts(report: Report, o: HtmlOptions): string[] {
  const provinces = report.groups.filter((g) => g.level === "province");
  const names = [...new Set(provinces.map((g) => g.province))];
  const out: string[] = [];
  for (const province of names) {
    const series = provinces.filter((g) => g.province === province && g.period !== null);
    if (series.length < 2) continue;
    for (const name of report.ratioNames) {
      if (!ratioDef(name)!.percent) continue;
      const bars = series.filter((g) => g.ratios[name]?.value != null).map((g) => ({ label: g.period!, value: g.ratios[name]!.value!, text: ratioText(g, name, o) }));
      if (bars.length < 2) continue;
      // Periods in time order, not sorted by value.
      out.push(barChart(`${ratioDef(name)![o.lang]} — ${province}`, bars, null, 1, false));
    }
  }
  return out;
}

function comparisonTable(report: Report, o: HtmlOptions): string {
  const t = T[o.lang];
  const groups = report.groups.filter((g) => g.level === "province" && g.comparison);
  if (!groups.length) return "";
  const rows: string[] = [];
  for (const g of groups) {
    const c = g.comparison!;
    if (!c.available) {
      rows.push(`<tr><th colspan="4">${esc(groupLabel(g, report, o.lang))}: ${esc(t.noEarlier(c.period))}</th></tr>`);
      continue;
    }
    rows.push(`<tr><th colspan="4">${esc(groupLabel(g, report, o.lang))}</th></tr>`);
    for (const name of report.columns) {
      const ch = c.totals[name];
      if (!ch || ch.previous === null) continue;
      const pct = ch.change_pct === null ? "" : ` (${formatPercent(ch.change_pct, o.lang, 1)})`;
      rows.push(
        `<tr><td>${esc(labelOf(name, o.lang))}</td><td data-name="${name}" data-value="${g.totals[name] ?? ""}">${g.totals[name] == null ? "—" : formatNumber(g.totals[name]!, o.lang)}</td><td>${formatNumber(ch.previous, o.lang)}</td><td>${ch.change === null ? "—" : formatNumber(ch.change, o.lang)}${pct}</td></tr>`,
      );
    }
    // Ratios: this period, the earlier one, the change in percentage points (issue 17, item 2).
    for (const name of report.ratioNames) {
      const ch = c.ratios[name];
      if (!ch || ch.previous === null) continue;
      const def = ratioDef(name)!;
      const show = (v: number) => (def.percent ? formatPercent(v, o.lang, o.decimals) : formatFixed(v, o.lang, o.decimals));
      const change = ch.change === null ? "—" : `${ch.change > 0 ? "+" : ""}${formatFixed(ch.change, o.lang, o.decimals)}${def.percent ? ` ${t.points}` : ""}`;
      rows.push(`<tr><td>${esc(def[o.lang])}</td><td data-name="${name}" data-value="${g.ratios[name]?.value ?? ""}">${esc(ratioText(g, name, o))}</td><td data-previous="${ch.previous}">${esc(show(ch.previous))}</td><td data-change="${ch.change ?? ""}">${esc(change)}</td></tr>`);
    }
  }
  return `<h2>${report.compare ? t.comparisonWith[report.compare] : t.comparison}</h2><table class="comparison"><thead><tr><th>${t.figure}</th><th></th><th>${t.previous}</th><th>${t.change}</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

export function renderHtml(report: Report, o: HtmlOptions): string {
  const t = T[o.lang];
  const provinces = report.groups.filter((g) => g.level === "province");
  const heading = `${t.title}${provinces.length === 1 ? ` — ${groupLabel(provinces[0]!, report, o.lang)}` : ""}${report.period ? ` (${report.period})` : ""}`;
  const body: string[] = [`<h1>${esc(heading)}</h1>`];
  if (!report.complete) body.push(`<p class="warning">${t.incomplete}</p>`);
  const approximate = approximateLines(report, o.lang);
  if (approximate.length) body.push(`<p class="warning">${esc(approximate[0]!)}</p><ul>${approximate.slice(1).map((l) => `<li>${esc(l.trim())}</li>`).join("")}</ul>`);
  body.push(`<h2>${t.summary}</h2>`, summaryTable(report, provinces, o));
  const charts = districtCharts(report, o);
  if (charts.length) body.push(`<h2>${t.byDistrict}</h2>`, ...charts);
  const by = o.by ?? report.by;
  const districts = report.groups.filter((g) => g.level === "district" && g.district !== null);
  if (by !== "province" && districts.length) body.push(summaryTable(report, districts, o).replace('class="summary"', 'class="summary districts"'));
  if (by === "commune") body.push(communeTable(report, o));
  const trend = trendCharts(report, o);
  if (trend.length) body.push(`<h2>${t.trend}</h2>`, ...trend);
  body.push(comparisonTable(report, o));
  const missing = provinces.flatMap((g) => (g.completeness?.missing ?? []).map((m) => ({ g, m })));
  if (missing.length) {
    body.push(
      `<h2>${t.completeness}</h2><ul>${missing
        .map(({ g, m }) => `<li>${esc(g.period ?? "")}: ${esc([m.commune, m.district].filter(Boolean).join(", "))} — ${t.missing} ${esc(m.missing.join(", "))}; ${t.last} ${esc(m.lastReported)}</li>`)
        .join("")}</ul>`,
    );
  }
  body.push(`<h2>${t.quality}</h2><p>${esc(t.rows(report.rows.read, report.rows.counted))}</p>`);
  body.push(
    report.issues.length
      ? `<ul class="issues">${report.issues.map((i) => `<li class="${i.severity}"><code>${i.code}</code> ${esc(i.message[o.lang])}</li>`).join("")}</ul>`
      : `<p>${t.noProblems}</p>`,
  );
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(heading)}</title>
<style>
@page { size: A4; margin: 15mm; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 15pt; margin: 0 0 8pt; } h2 { font-size: 12pt; margin: 14pt 0 6pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; page-break-inside: auto; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; } td { text-align: right; white-space: nowrap; } th[scope=row] { text-align: left; font-weight: normal; }
thead th { background: #eef2f7; } .parts { color: #555; font-size: 9pt; }
figure { margin: 6pt 0; page-break-inside: avoid; } figcaption { font-weight: bold; margin-bottom: 2pt; }
svg text { font-size: 9px; font-family: inherit; } .bar { fill: #3b6ea8; } .mark { stroke: #c0392b; stroke-width: 1.5; stroke-dasharray: 4 2; } .mark-label { fill: #c0392b; }
.dot { fill: #3b6ea8; } .stem { stroke: #3b6ea8; stroke-width: 1; opacity: .35; } .grid { stroke: #ddd; } .axis { stroke: #555; } .break { fill: #555; font-weight: bold; }
.target { stroke: #1e8449; stroke-width: 1.5; stroke-dasharray: 1 2; } .target-label { fill: #1e8449; } .axis-note { font-size: 8.5pt; color: #555; margin: 0; }
.wide { overflow-x: auto; } table.communes { font-size: 8pt; } table.communes td.text { text-align: left; white-space: normal; }
.issues li.error { color: #a00; } .warning { color: #a00; font-weight: bold; } tr { page-break-inside: avoid; }${
    hasStanding(report)
      ? "\n.standing { font-size: 9pt; } .met { color: #1e8449; fill: #1e8449; } .unmet { color: #c0392b; fill: #c0392b; font-weight: bold; } .rank { font-weight: bold; }"
      : ""
  }
</style>
</head>
<body>
${body.filter(Boolean).join("\n")}
</body>
</html>
`;
}
