// The run's dictionary: the tally columns, ratios and rules a run knows. The built-in one is
// DICTIONARY.md's (columns.ts, ratios.ts, rules.ts); a configuration file (tdbv.config.json)
// adds indicators, ratios and rules after the built-in ones, so a built-in column keeps its
// position and meaning. Every stage asks `dictionary()` for the run's dictionary: a command
// runs inside `withDictionary(d, …)` (an AsyncLocalStorage scope), so two library calls with
// different configurations in one process never see each other's columns.
//
// Values a stage derives from the dictionary (positions, masks, header phrases) are made once
// per dictionary with `perDictionary`; code on a row's hot path fetches them once per table,
// not per cell.

import { AsyncLocalStorage } from "node:async_hooks";
import { IDENTIFIERS, TALLIES, type TallyColumn } from "./columns.js";
import { RATIOS, type RatioDef } from "./ratios.js";
import { PAIR_RULES, SUM_RULES, type PairRule, type SumRule } from "./rules.js";
import type { TargetDef } from "./targets.js";

export class Dictionary {
  readonly tallies: readonly TallyColumn[];
  readonly ratios: readonly RatioDef[];
  readonly pairRules: readonly PairRule[];
  readonly sumRules: readonly SumRule[];
  /** The targets and grades of a configuration (none built in). */
  readonly targets: readonly TargetDef[];
  /** Position of each tally in `UnitRow.values`. */
  readonly tallyIndex: ReadonlyMap<string, number>;
  readonly tallyByName: ReadonlyMap<string, TallyColumn>;
  readonly ratioByName: ReadonlyMap<string, RatioDef>;
  readonly ratioIndex: ReadonlyMap<string, number>;
  /** Every canonical name a header may map to: identifiers then tallies. */
  readonly columnNames: readonly string[];
  /** The names the configuration added (indicators and ratios), empty for the built-in one. */
  readonly added: ReadonlySet<string>;

  constructor(
    tallies: readonly TallyColumn[],
    ratios: readonly RatioDef[],
    pairRules: readonly PairRule[],
    sumRules: readonly SumRule[],
    targets: readonly TargetDef[] = [],
    added: ReadonlySet<string> = new Set(),
  ) {
    this.targets = targets;
    this.tallies = tallies;
    this.ratios = ratios;
    this.pairRules = pairRules;
    this.sumRules = sumRules;
    this.tallyIndex = new Map(tallies.map((c, i) => [c.name, i]));
    this.tallyByName = new Map(tallies.map((c) => [c.name, c]));
    this.ratioByName = new Map(ratios.map((r) => [r.name, r]));
    this.ratioIndex = new Map(ratios.map((r, i) => [r.name, i]));
    this.columnNames = [...IDENTIFIERS.map((c) => c.name), ...tallies.map((c) => c.name)];
    this.added = added;
  }

  /** The built-in dictionary with `extra` columns, ratios and rules after its own. */
  extend(extra: {
    tallies?: readonly TallyColumn[];
    ratios?: readonly RatioDef[];
    pairRules?: readonly PairRule[];
    sumRules?: readonly SumRule[];
    targets?: readonly TargetDef[];
  }): Dictionary {
    const added = new Set([...(extra.tallies ?? []).map((c) => c.name), ...(extra.ratios ?? []).map((r) => r.name)]);
    return new Dictionary(
      [...this.tallies, ...(extra.tallies ?? [])],
      [...this.ratios, ...(extra.ratios ?? [])],
      [...this.pairRules, ...(extra.pairRules ?? [])],
      [...this.sumRules, ...(extra.sumRules ?? [])],
      [...this.targets, ...(extra.targets ?? [])],
      new Set([...this.added, ...added]),
    );
  }

  /** A column's label (tally or identifier), or its name when it has none. */
  label(name: string, lang: "vi" | "en"): string {
    const col = this.tallyByName.get(name) ?? IDENTIFIERS.find((c) => c.name === name);
    return col ? col[lang] : name;
  }
}

export const BUILT_IN = new Dictionary(TALLIES, RATIOS, PAIR_RULES, SUM_RULES);

const scope = new AsyncLocalStorage<Dictionary>();

/** The dictionary of the run this code is part of (the built-in one outside any run). */
export const dictionary = (): Dictionary => scope.getStore() ?? BUILT_IN;

/** Runs `fn` (and everything it awaits) with `d` as the run's dictionary. */
export const withDictionary = <T>(d: Dictionary, fn: () => T): T => scope.run(d, fn);

/** A value derived from the run's dictionary, made once per dictionary. */
export function perDictionary<T>(make: (d: Dictionary) => T): () => T {
  const memo = new WeakMap<Dictionary, T>();
  return () => {
    const d = dictionary();
    let v = memo.get(d);
    if (v === undefined) memo.set(d, (v = make(d)));
    return v;
  };
}

/** A column's label in the run's dictionary. */
export const labelOf = (name: string, lang: "vi" | "en"): string => dictionary().label(name, lang);
