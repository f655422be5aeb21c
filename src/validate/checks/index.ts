// The default list of checks, in the order they run on a row (see ../check.ts). The docs'
// list of problems (docs/problems.md) names the check of each code, and test/docs.test.ts holds
// the two to each other.

import { UnitDirectory } from "../../domain/directory.js";
import { UnitNumbers } from "../../domain/hash.js";
import type { Every } from "../../domain/period.js";
import type { Check } from "../check.js";
import { Baseline, baselineCheck } from "./baseline.js";
import { duplicatesCheck } from "./duplicates.js";
import { dataRowsCheck, provinceCheck } from "./file.js";
import { figuresPresentCheck, rulesCheck, statedRateCheck } from "./figures.js";
import { identityCheck } from "./identity.js";
import { mixedPeriodsCheck, rollupPeriodsCheck } from "./periods.js";
import { registerCheck } from "./register.js";
import { totalsCheck } from "./totals.js";

export interface CheckOptions {
  /** --province: rows of a file without a province column take it. */
  readonly province: string | null;
  /** rollup: the periods rows are combined into (rows must have one that fits). */
  readonly every?: Every | null;
}

/**
 * Every check a run makes on its inputs, new for the run (checks keep the run's state: which
 * units were met, each table's sums). Commands add theirs after these (validate: baseline and
 * register).
 */
export function defaultChecks(o: CheckOptions, units: UnitNumbers): Check[] {
  return [
    provinceCheck(o.province),
    identityCheck(),
    figuresPresentCheck(),
    statedRateCheck(),
    totalsCheck(),
    mixedPeriodsCheck(),
    rulesCheck(),
    duplicatesCheck(units),
    ...(o.every ? [rollupPeriodsCheck(o.every, units)] : []),
    dataRowsCheck(),
  ];
}

/** Every check that can be in a run (commands' own included), for the docs and their test. */
export function allChecks(): Check[] {
  const units = new UnitNumbers();
  return [...defaultChecks({ province: null, every: "year" }, units), baselineCheck(new Baseline([], { factor: 3, minChange: 10 })), registerCheck(new UnitDirectory(), "")];
}
