// The dictionary's rules between tallies of one row, as data. `error` rules make a row
// invalid (it would distort every ratio built on it); `warning` rules flag figures that
// reports do not always count within the same total.

export interface PairRule {
  /** The value that must not exceed `whole`. */
  readonly part: string;
  readonly whole: string;
  readonly severity: "error" | "warning";
}

const CERTIFIED_PAIRS = [
  "residential_areas",
  "communes",
  "wards",
  "townships",
  "special_zones",
  "agencies",
  "schools",
  "institutions",
] as const;

export const PAIR_RULES: readonly PairRule[] = [
  ...CERTIFIED_PAIRS.map((p): PairRule => ({ part: `${p}_certified`, whole: `${p}_total`, severity: "error" })),
  { part: "cases_solved", whole: "cases_total", severity: "error" },
  { part: "serious_cases_solved", whole: "serious_cases_total", severity: "error" },
  { part: "models_effective", whole: "models_total", severity: "error" },
  { part: "complex_areas_transformed", whole: "complex_areas_total", severity: "error" },
  { part: "security_teams", whole: "security_team_members", severity: "error" },
  { part: "serious_cases_total", whole: "cases_total", severity: "warning" },
  { part: "models_new", whole: "models_total", severity: "warning" },
];

/** A column that must equal the sum of its parts where all of them are reported. */
export interface SumRule {
  readonly sum: string;
  readonly parts: readonly string[];
}

/** `institutions_*` must equal `agencies_*` + `schools_*` where all three are reported. */
export const SUM_RULES: readonly SumRule[] = [
  { sum: "institutions_total", parts: ["agencies_total", "schools_total"] },
  { sum: "institutions_certified", parts: ["agencies_certified", "schools_certified"] },
];
