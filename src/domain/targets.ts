// Targets ("chỉ tiêu") and emulation grades ("xếp loại thi đua") as a configuration states
// them: for a ratio or a tally, a minimum or a maximum, for every group or for one province,
// district or commune; and bands that name a grade by where the value falls.

export interface Band {
  readonly grade: string;
  readonly min?: number;
  readonly max?: number;
}

export interface TargetDef {
  /** A ratio's name, or a tally's. */
  readonly subject: string;
  readonly of: "ratio" | "tally";
  /** Met when the value is at least `min` (0.8 meets 0.8) and at most `max`. */
  readonly min?: number;
  readonly max?: number;
  /** Where it applies: every group when none is given; a more specific target wins. */
  readonly province?: string;
  readonly district?: string;
  readonly commune?: string;
  /** The grades, best first: the first band whose bounds hold names the group's grade. */
  readonly bands?: readonly Band[];
}

/** Whether a value lies within a target's (or a band's) bounds, both inclusive. */
export function within(value: number, b: { readonly min?: number; readonly max?: number }): boolean {
  // Ratios are computed as fractions: 0.8 reached as 4/5 must meet 0.8, so compare with a little slack for binary noise.
  const eps = 1e-12;
  return (b.min === undefined || value >= b.min - eps) && (b.max === undefined || value <= b.max + eps);
}
