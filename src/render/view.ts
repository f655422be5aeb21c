// What the human formats (table, md) share: a grid with one row per indicator and one column
// per group, labelled in the chosen language, numbers formatted for people.

import { labelOf } from "../domain/columns.js";
import { RATIOS } from "../domain/ratios.js";
import type { Group, Report } from "../report.js";
import { formatFixed, formatNumber, formatPercent, type Lang } from "./numbers.js";

export interface RenderOptions {
  readonly lang: Lang;
  readonly decimals: number;
  readonly color: boolean;
}

export const WORDS = {
  vi: {
    indicator: "Chỉ tiêu",
    units: "Số đơn vị",
    notReported: "—",
    noGroups: "Không có đơn vị nào được tính.",
    partial: "* Không phải mọi đơn vị đều báo cáo chỉ tiêu này (số đơn vị báo cáo / tổng số đơn vị):",
    incomplete: "BÁO CÁO CHƯA ĐẦY ĐỦ: các dòng có lỗi đã bị loại",
    excluded: "Các dòng bị loại:",
    noDistrict: "(không có huyện)",
    period: "Kỳ",
  },
  en: {
    indicator: "Indicator",
    units: "Units",
    notReported: "—",
    noGroups: "No unit was counted.",
    partial: "* Not every unit reported this figure (units reporting / units):",
    incomplete: "INCOMPLETE REPORT: rows with errors were left out",
    excluded: "Rows left out:",
    noDistrict: "(no district)",
    period: "Period",
  },
} as const;

export function groupLabel(g: Group, report: Report, lang: Lang): string {
  const name =
    g.level === "province" ? g.province : g.level === "district" ? (g.district ?? WORDS[lang].noDistrict) : (g.commune ?? g.district ?? "");
  return report.periods.length > 1 && g.period ? `${name} (${g.period})` : name;
}

export interface Grid {
  readonly header: string[];
  readonly rows: string[][];
  /** Notes on tallies not every unit reported: "dignitaries_visited 132/142". */
  readonly notes: string[];
}

const RATIO_BY_NAME = new Map(RATIOS.map((r) => [r.name, r]));

export function buildGrid(report: Report, groups: readonly Group[], o: RenderOptions): Grid {
  const w = WORDS[o.lang];
  const header = [w.indicator, ...groups.map((g) => groupLabel(g, report, o.lang))];
  const rows: string[][] = [[w.units, ...groups.map((g) => formatNumber(g.units, o.lang))]];
  const notes: string[] = [];
  for (const name of report.columns) {
    let partial = false;
    const cells = groups.map((g) => {
      const v = g.totals[name];
      if (v == null) return w.notReported;
      if (g.reported[name]! < g.units) {
        partial = true;
        notes.push(`${labelOf(name, o.lang)} — ${groupLabel(g, report, o.lang)}: ${g.reported[name]}/${g.units}`);
        return `${formatNumber(v, o.lang)}*`;
      }
      return formatNumber(v, o.lang);
    });
    rows.push([labelOf(name, o.lang) + (partial ? "*" : ""), ...cells]);
  }
  for (const name of report.ratioNames) {
    const def = RATIO_BY_NAME.get(name)!;
    rows.push([
      def[o.lang],
      ...groups.map((g) => {
        const r = g.ratios[name]!;
        if (r.value === null) return w.notReported;
        const value = def.percent ? formatPercent(r.value, o.lang, o.decimals) : formatFixed(r.value, o.lang, o.decimals);
        return `${value} (${formatNumber(r.numerator, o.lang)}/${formatNumber(r.denominator, o.lang)})`;
      }),
    ]);
  }
  return { header, rows, notes };
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
