// The one error class that stops a run, and the exit status each kind maps to. Problems in
// the data are Issues (see domain/problems.ts) and never thrown; these are what remains: a bad
// flag, an input that cannot be read, an output that cannot be written.

import type { Text } from "./domain/problems.js";

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

/**
 * What stops a run, said in both languages (a `Text`, as problems are): the CLI prints the
 * one of --lang. `message` is the English, for a stack trace.
 */
export class TdbvError extends Error {
  constructor(
    readonly kind: ExitKind,
    readonly said: Text,
    readonly hint?: Text,
  ) {
    super(said.en);
    this.name = "TdbvError";
  }
}

export const usageError = (message: Text, hint?: Text) => new TdbvError("usage", message, hint);
export const inputError = (message: Text, hint?: Text) => new TdbvError("input", message, hint);
