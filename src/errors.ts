// The one error class that stops a run, and the exit status each kind maps to. Problems in
// the data are Issues (see domain/problems.ts) and never thrown; these are what remains: a bad
// flag, an input that cannot be read, an output that cannot be written.

export const EXIT = {
  /** Success; warnings allowed. */
  ok: 0,
  /** The data has errors (the problems are listed; no summary unless --allow-errors). */
  dataErrors: 1,
  /** Usage: unknown option, bad option value, no input given. */
  usage: 2,
  /** An input is missing or unreadable (not a file, not text, no permission). */
  input: 3,
  /** The report could not be written. */
  output: 4,
  /** A bug in tdbv. */
  internal: 70,
} as const;

export type ExitKind = Exclude<keyof typeof EXIT, "ok" | "dataErrors">;

export class TdbvError extends Error {
  constructor(
    readonly kind: ExitKind,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "TdbvError";
  }
}

export const usageError = (message: string, hint?: string) => new TdbvError("usage", message, hint);
export const inputError = (message: string, hint?: string) => new TdbvError("input", message, hint);
