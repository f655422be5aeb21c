// Where the bundled official lists live (data/units/ of the package) and how their text is read.
// The one place in units/ that touches the file system: the lists are data shipped with tdbv,
// read the first time a function needs them, never at start-up.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let dir: string | null = null;

/**
 * data/units/ of the package. The compiled module sits in dist/units/ or, bundled, in
 * dist/bundle/ (and in src/units/ under the tests): the folder is looked for upwards.
 */
export function dataDir(): string {
  if (dir !== null) return dir;
  let at = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(at, "data", "units");
    if (existsSync(join(candidate, "units-2025-03-01.csv"))) return (dir = candidate);
    at = dirname(at);
  }
  throw new Error("the bundled lists of units (data/units/) are missing from this installation of tdbv");
}

/** A bundled CSV file as rows of fields (the lists hold no quotes: test/units.test.ts checks), header first. */
export function readDataCsv(name: string): string[][] {
  return parseSimpleCsv(readFileSync(join(dataDir(), name), "utf8"));
}

/** Comma-separated lines without quoting, as the bundled lists are written; a final newline is optional. */
export function parseSimpleCsv(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.split(","));
}
