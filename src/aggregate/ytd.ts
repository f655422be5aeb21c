// --ytd: each unit's state in a target period merged with its states in the year's earlier
// ones, so figures are cumulative within the year (flows summed, stocks the latest).

import { addPair, addTo, markReported, mergeSpellings, newState, ownPairs, pairsOf, type State } from "./unit-state.js";

/** Year to date: each unit's state in a bucket merged with its states in the year's earlier buckets. */
export function cumulative(states: State[], latestInBucket: ReadonlyMap<string, string>): State[] {
  const byUnit = new Map<string, State[]>();
  for (const s of states) {
    const k = `${s.bucket.slice(0, 4)}\u0000${s.latest.identity}`;
    if (!byUnit.has(k)) byUnit.set(k, []);
    byUnit.get(k)!.push(s);
  }
  const buckets = [...latestInBucket.keys()].sort();
  const out: State[] = [];
  for (const own of byUnit.values()) {
    own.sort((a, b) => (a.bucket < b.bucket ? -1 : 1));
    const year = own[0]!.bucket.slice(0, 4);
    for (const target of buckets.filter((b) => b.slice(0, 4) === year && b >= own[0]!.bucket)) {
      const acc = newState(target, own[0]!.latest);
      for (const s of own) {
        if (s.bucket > target) break;
        if (acc.pairs === null && s.pairs !== null) ownPairs(acc);
        addTo(acc, s.latestPeriod, s.values, s.stockPeriod, s.latest, s.latestRow, s.certified, s.certifiedPeriod);
        if (acc.pairs !== null && acc.pairPeriod !== null) {
          const from = pairsOf(s);
          for (let r = 0; r < acc.shape.ratioParts.length; r++) {
            if (!Number.isNaN(from.pairs[2 * r]!)) addPair(acc.shape, acc.pairs, acc.pairPeriod, r, from.pairPeriod[r]!, from.pairs[2 * r]!, from.pairs[2 * r + 1]!);
          }
        }
        for (const p of s.reportedIn) markReported(acc, p);
        mergeSpellings(acc, s);
      }
      out.push(acc);
    }
  }
  return out;
}
