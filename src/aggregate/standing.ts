// Where each group stands: against the configuration's targets ("chỉ tiêu": met or not, and the
// emulation grade its bands give), among its siblings (--rank: the districts of a province, the
// communes of a district, ties sharing a rank, missing values last), and as a share of its
// parent's total (--share). Computed on the finished groups; renderers only show it.

import { dictionary } from "../domain/dictionary.js";
import { communeParts, districtParts, provinceBare } from "../domain/directory.js";
import type { Text } from "../domain/problems.js";
import { within, type TargetDef } from "../domain/targets.js";
import type { Group, Report, TargetResult } from "../report.js";

export interface StandingOptions {
  /** --rank RATIO: siblings ordered by it; every ratio's rank is given. */
  readonly rank: string | null;
  /** --top N / --bottom N: only the N best (worst) of each parent's children by --rank. */
  readonly top: number | null;
  readonly bottom: number | null;
  /** --share: these tallies' shares of the parent's total. */
  readonly share: readonly string[] | null;
}

/** The report with targets, ranks and shares where the configuration or the options ask for them. */
export function withStanding(report: Report, o: StandingOptions): Report {
  const targets = dictionary().targets;
  // No groups (a report withheld for errors): nothing to stand, and no note on unused targets.
  if ((targets.length === 0 && o.rank === null && o.share === null) || report.groups.length === 0) return report;
  const notes: Text[] = [];
  const attained = targets.length ? attain(report.groups, targets, notes, report.by) : [...report.groups];
  // Shares and ranks are worked out on one tree of the groups, then set on them in one copy each.
  const tree = treeOf(attained);
  const shares = o.share !== null ? sharesOf(tree, o.share) : null;
  const ranks = o.rank !== null ? ranksOf(tree, report.ratioNames) : null;
  const ordered = o.rank !== null ? reorder(tree, ranks!, o) : attained;
  const kept = attained.length - ordered.length;
  if (kept > 0) {
    const n = (o.top ?? o.bottom)!;
    notes.push({
      vi: `--${o.top !== null ? "top" : "bottom"} ${n}: chỉ hiện ${n} đơn vị ${o.top !== null ? "đứng đầu" : "đứng cuối"} theo ${o.rank} trong mỗi đơn vị cấp trên; ${kept} đơn vị khác không hiện (tổng của cấp trên vẫn gồm mọi đơn vị)`,
      en: `--${o.top !== null ? "top" : "bottom"} ${n}: only the ${n} ${o.top !== null ? "best" : "worst"} by ${o.rank} of each parent are shown; ${kept} others are not (the parents' totals still count every unit)`,
    });
  }
  const groups = ordered.map((g) => {
    const share = shares?.get(g);
    const rank = ranks?.get(g);
    return share === undefined && rank === undefined ? g : { ...g, ...(share !== undefined ? { share } : {}), ...(rank !== undefined ? { rank } : {}) };
  });
  return {
    ...report,
    groups,
    ...(o.rank !== null ? { rankedBy: o.rank } : {}),
    ...(o.share !== null ? { shares: o.share } : {}),
    notes: [...report.notes, ...notes],
  };
}

// ---- targets

const same = (a: string | null, b: string | undefined, parts: (s: string) => [string, unknown]) => {
  if (b === undefined) return true;
  if (a === null) return false;
  const [x, tx] = parts(a);
  const [y, ty] = parts(b);
  return x === y && (tx === null || ty === null || tx === ty);
};

/** Whether a target's place covers a group (a district's target covers the district and its communes). */
function covers(t: TargetDef, g: Group): boolean {
  if (t.province !== undefined && provinceBare(t.province) !== provinceBare(g.province)) return false;
  if (t.district !== undefined && (g.level === "province" || !same(g.district, t.district, districtParts))) return false;
  if (t.commune !== undefined && (g.level !== "commune" || !same(g.commune, t.commune, communeParts))) return false;
  return true;
}

const specificity = (t: TargetDef) => (t.commune !== undefined ? 3 : t.district !== undefined ? 2 : t.province !== undefined ? 1 : 0);

function attain(groups: readonly Group[], targets: readonly TargetDef[], notes: Text[], by: Report["by"]): Group[] {
  const used = new Set<TargetDef>();
  const subjects = [...new Set(targets.map((t) => t.subject))];
  const out = groups.map((g) => {
    const results: Record<string, TargetResult> = {};
    for (const subject of subjects) {
      let best: TargetDef | null = null;
      for (const t of targets) if (t.subject === subject && covers(t, g) && (best === null || specificity(t) > specificity(best))) best = t;
      if (!best) continue;
      const value = best.of === "ratio" ? (g.ratios[subject]?.value ?? null) : (g.totals[subject] ?? null);
      // A figure the report does not have at all (its columns are absent) has no target to meet.
      if (best.of === "ratio" ? g.ratios[subject] === undefined : !(subject in g.totals)) continue;
      used.add(best);
      const grade = value === null ? null : (best.bands?.find((b) => within(value, b))?.grade ?? null);
      results[subject] = {
        target: (best.min ?? best.max) ?? null,
        ...(best.min !== undefined ? { min: best.min } : {}),
        ...(best.max !== undefined ? { max: best.max } : {}),
        met: value === null || (best.min === undefined && best.max === undefined) ? null : within(value, best),
        ...(best.bands ? { grade } : {}),
      };
    }
    return Object.keys(results).length ? { ...g, targets: results } : g;
  });
  const depth = { province: 1, district: 2, commune: 3 }[by];
  for (const t of targets) {
    // A commune's target in a summary by district (a district's by province) has no group to apply to, as asked.
    if (used.has(t) || specificity(t) > depth) continue;
    const place = [t.commune, t.district, t.province].filter((x) => x !== undefined).join(", ") || "toàn bộ";
    const placeEn = [t.commune, t.district, t.province].filter((x) => x !== undefined).join(", ") || "every group";
    notes.push({
      vi: `chỉ tiêu ${t.subject} cho ${place} không áp dụng cho nhóm nào của báo cáo (không có đơn vị này, hoặc không có cột số liệu của nó)`,
      en: `the target for ${t.subject} at ${placeEn} applies to no group of the report (no such unit, or its columns are absent)`,
    });
  }
  return out;
}

// ---- the tree of groups: each group's parent and children, in report order

interface Tree {
  readonly parent: Map<Group, Group>;
  readonly children: Map<Group | null, Group[]>;
}

const keyOf = (level: string, province: string, district: string | null, period: string | null) => `${level}\u0000${province}\u0000${district ?? ""}\u0000${period ?? ""}`;

function treeOf(groups: readonly Group[]): Tree {
  const byKey = new Map<string, Group>();
  for (const g of groups) if (g.level !== "commune") byKey.set(keyOf(g.level, g.province, g.level === "district" ? g.district : null, g.period), g);
  const parent = new Map<Group, Group>();
  const children = new Map<Group | null, Group[]>();
  for (const g of groups) {
    let p: Group | undefined;
    if (g.level === "commune") p = byKey.get(keyOf("district", g.province, g.district, g.period)) ?? byKey.get(keyOf("province", g.province, null, g.period));
    else if (g.level === "district") p = byKey.get(keyOf("province", g.province, null, g.period));
    if (p) parent.set(g, p);
    const list = children.get(p ?? null) ?? [];
    list.push(g);
    children.set(p ?? null, list);
  }
  return { parent, children };
}

// ---- shares

/** Each group's share of its parent's total for these tallies (a group without a parent has none). */
function sharesOf(tree: Tree, names: readonly string[]): Map<Group, Record<string, number | null>> {
  const out = new Map<Group, Record<string, number | null>>();
  for (const [g, parent] of tree.parent) {
    const share: Record<string, number | null> = {};
    for (const name of names) {
      if (!(name in g.totals)) continue;
      const v = g.totals[name];
      const whole = parent.totals[name];
      share[name] = v == null || whole == null || whole === 0 ? null : v / whole;
    }
    out.set(g, share);
  }
  return out;
}

// ---- ranks

/** Competition ranks (1, 1, 3) of every ratio among each parent's children; a missing value has no rank. */
function ranksOf(tree: Tree, ratioNames: readonly string[]): Map<Group, Record<string, number | null>> {
  const ranks = new Map<Group, Record<string, number | null>>();
  const d = dictionary();
  for (const [, siblings] of tree.children) {
    // Each level of a parent's children apart (a province's districts, not with its communes when they have no district).
    const byLevel = new Map<string, Group[]>();
    for (const g of siblings) {
      const key = `${g.level}\u0000${g.period ?? ""}`;
      const set = byLevel.get(key);
      if (set) set.push(g);
      else byLevel.set(key, [g]);
    }
    for (const set of byLevel.values()) {
      for (const name of ratioNames) {
        const lower = d.ratioByName.get(name)?.better === "lower";
        const valued = set.filter((g) => g.ratios[name]?.value != null);
        const sorted = [...valued].sort((a, b) => (lower ? 1 : -1) * (a.ratios[name]!.value! - b.ratios[name]!.value!));
        let rank = 0;
        sorted.forEach((g, i) => {
          if (i === 0 || !close(g.ratios[name]!.value!, sorted[i - 1]!.ratios[name]!.value!)) rank = i + 1;
          (ranks.get(g) ?? ranks.set(g, {}).get(g)!)[name] = rank;
        });
        for (const g of set) if (g.ratios[name]?.value == null) (ranks.get(g) ?? ranks.set(g, {}).get(g)!)[name] = null;
      }
    }
  }
  return ranks;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * The groups in report order (each parent after its children), each parent's children ordered
 * by rank in `o.rank` (ties and missing values keep their order, missing last), cut to --top or
 * --bottom N.
 */
function reorder(tree: Tree, ranks: ReadonlyMap<Group, Record<string, number | null>>, o: StandingOptions): Group[] {
  const name = o.rank!;
  const at = (g: Group) => ranks.get(g)?.[name] ?? Infinity;
  const out: Group[] = [];
  const visit = (g: Group) => {
    for (const c of childrenOf(g)) visit(c);
    out.push(g);
  };
  const childrenOf = (g: Group | null): Group[] => {
    const kids = tree.children.get(g) ?? [];
    if (g === null) return kids;
    const sorted = kids.map((k, i) => ({ k, i })).sort((a, b) => (at(a.k) === at(b.k) ? 0 : at(a.k) < at(b.k) ? -1 : 1) || a.i - b.i).map((x) => x.k);
    if (o.top !== null) return sorted.slice(0, o.top);
    if (o.bottom !== null) {
      const valued = sorted.filter((k) => at(k) !== Infinity);
      return valued.slice(Math.max(0, valued.length - o.bottom));
    }
    return sorted;
  };
  for (const root of childrenOf(null)) visit(root);
  return out;
}
