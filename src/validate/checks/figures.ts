// Checks of a row's figures: a row that reports nothing, the dictionary's part/whole rules
// (domain/rules.ts: cases_solved ≤ cases_total, …) and its "parts add up" rules
// (institutions = agencies + schools), and a stated percentage against its parts.

import type { PairRule, SumRule } from "../../domain/rules.js";
import { dictionary } from "../../domain/dictionary.js";
import { issue, type Issue } from "../../domain/problems.js";
import { cellAt, columnLetter, locate, place, type UnitRow } from "../../domain/unit-row.js";
import { statedPercent } from "../../normalize/cells.js";
import type { Check } from "../check.js";

/** no_figures: every tally cell of the row blank. */
export function figuresPresentCheck(): Check {
  return {
    name: "figures-present",
    rowLocal: true,
    listed: "with-cells",
    codes: ["no_figures"],
    onRow(u: UnitRow, out: Issue[]) {
      if (u.blankFigures !== true) return;
      out.push(
        issue(
          "no_figures",
          { file: u.origin.file, sheet: u.origin.sheet, row: u.origin.row, column: null, cell: null, value: null },
          {
            vi: `${locate(u.origin, null)} "${u.commune ?? u.district ?? u.unitCode ?? ""}" không báo cáo số liệu nào: mọi ô số liệu đều để trống`,
            en: `${locate(u.origin, null)} "${u.commune ?? u.district ?? u.unitCode ?? ""}" reports no figure at all: every tally cell is blank`,
          },
        ),
      );
    },
  };
}

const idx = (name: string) => {
  const i = dictionary().tallyIndex.get(name);
  if (i === undefined) throw new Error(`a rule names ${name}, which is not a tally`);
  return i;
};

/**
 * part_exceeds_whole (and its warning), parts_do_not_add_up: the rules between a row's own
 * figures. A figure not reported (NaN) breaks no rule.
 */
export function rulesCheck(pairRules: readonly PairRule[] = dictionary().pairRules, sumRules: readonly SumRule[] = dictionary().sumRules): Check {
  // Positions looked up once, not per row.
  const pairs = pairRules.map((rule) => ({ rule, part: idx(rule.part), whole: idx(rule.whole) }));
  const sums = sumRules.map((rule) => ({ rule, sum: idx(rule.sum), parts: rule.parts.map(idx) }));
  return {
    name: "rules",
    rowLocal: true,
    codes: ["part_exceeds_whole", "part_exceeds_whole_warning", "parts_do_not_add_up"],
    needsFigures: true,
    onRow(u: UnitRow, out: Issue[]) {
      const values = u.values;
      for (const p of pairs) {
        const part = values[p.part]!;
        const whole = values[p.whole]!;
        // NaN (not reported) compares false: only two figures can break the rule.
        if (!(part > whole)) continue;
        const rule = p.rule;
        out.push(
          issue(
            rule.severity === "error" ? "part_exceeds_whole" : "part_exceeds_whole_warning",
            cellAt(u, rule.part, String(part)),
            {
              vi: `${locate(u.origin, rule.part)} ${rule.part} ${part} lớn hơn ${rule.whole} ${whole}`,
              en: `${locate(u.origin, rule.part)} ${rule.part} ${part} exceeds ${rule.whole} ${whole}`,
            },
          ),
        );
      }
      for (const r of sums) {
        const sum = values[r.sum]!;
        if (Number.isNaN(sum)) continue;
        let added = 0;
        for (const i of r.parts) added += values[i]!;
        // A part not reported makes the sum NaN, and the rule says nothing.
        if (Number.isNaN(added) || added === sum) continue;
        const rule = r.rule;
        const where = `${locate(u.origin, rule.sum)} ${rule.sum} ${sum}`;
        const parts = `${rule.parts.join(" + ")} = ${added}`;
        out.push(issue("parts_do_not_add_up", cellAt(u, rule.sum, String(sum)), { vi: `${where} không bằng ${parts}`, en: `${where} is not ${parts}` }));
      }
    },
  };
}

/** rate_mismatch: a percentage the form states ("Tỷ lệ (%)") against the ratio of the row's own parts. */
export function statedRateCheck(): Check {
  const defs = new Map(dictionary().ratios.map((r) => [r.name, { def: r, n: idx(r.numerator), d: idx(r.denominator) }]));
  return {
    name: "stated-rates",
    rowLocal: true,
    listed: "with-cells",
    codes: ["rate_mismatch"],
    onRow(u: UnitRow, out: Issue[]) {
      if (u.stated === undefined) return;
      for (const s of u.stated) {
        const { def, n, d } = defs.get(s.ratio)!;
        const num = u.values[n]!;
        const den = u.values[d]!;
        if (Number.isNaN(num) || Number.isNaN(den) || !den) continue;
        const stated = statedPercent(s.text);
        if (stated === null) continue;
        const computed = (num / den) * 100;
        // Within rounding of what was written (86,1 covers 86,05..86,15), or a fraction (0.861).
        const tolerance = 0.5 * 10 ** -stated.decimals + 1e-9;
        if (Math.abs(stated.value - computed) <= tolerance || Math.abs(stated.value * 100 - computed) <= tolerance * 100) continue;
        const o = u.origin;
        const cell = o.sheet !== null ? `${columnLetter(s.index)}${o.row}` : null;
        out.push(
          issue(
            "rate_mismatch",
            { file: o.file, sheet: o.sheet, row: o.row, column: s.ratio, cell, value: s.text },
            {
              vi: `${place(o)}${cell ? ` ${cell}` : `:${o.row}`} ${s.ratio} ghi là "${s.text}" nhưng ${def.numerator}/${def.denominator} = ${num}/${den} = ${computed.toFixed(2).replace(".", ",")}%`,
              en: `${place(o)}${cell ? ` ${cell}` : `:${o.row}`} ${s.ratio} stated as "${s.text}" but ${def.numerator}/${def.denominator} = ${num}/${den} = ${computed.toFixed(2)}%`,
            },
          ),
        );
      }
    },
  };
}
