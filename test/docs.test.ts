// The docs say what the code does: every column, ratio and problem code is documented.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IDENTIFIERS, TALLIES } from "../src/domain/columns.js";
import { RATIOS } from "../src/domain/ratios.js";
import { CODES } from "../src/domain/problems.js";
import { allChecks } from "../src/validate/checks/index.js";
import { ROOT } from "./helpers.js";

const input = readFileSync(join(ROOT, "docs/input.md"), "utf8");
const json = readFileSync(join(ROOT, "docs/json.md"), "utf8");
const problems = readFileSync(join(ROOT, "docs/problems.md"), "utf8");

describe("docs", () => {
  it.each([...IDENTIFIERS, ...TALLIES].map((c) => c.name))("docs/input.md documents column %s", (name) => {
    expect(input).toContain(`\`${name}\``);
  });
  it.each(Object.keys(CODES))("docs/input.md and docs/problems.md document problem code %s", (code) => {
    expect(input).toContain(`\`${code}\``);
    expect(problems).toContain(`### \`${code}\` (${CODES[code as keyof typeof CODES].severity})`);
  });
  it.each(Object.keys(CODES))("docs/problems.md gives %s's message and hint in Vietnamese and in English", (code) => {
    const entry = problems.slice(problems.indexOf(`### \`${code}\``)).split("\n### ")[0]!;
    const { hint } = CODES[code as keyof typeof CODES];
    expect(entry).toContain(`\nCách sửa: ${hint.vi}\n`);
    expect(entry).toContain(`\nFix: ${hint.en}`);
    // A message in each language, Vietnamese first.
    expect(entry.match(/\n```\n[^\n]+\n```\n/g)).toHaveLength(2);
    expect(entry.indexOf("Cách sửa:")).toBeLessThan(entry.indexOf("\nFix:"));
  });
  it.each(RATIOS.map((r) => r.name))("docs/json.md names ratio %s", (name) => {
    expect(json).toContain(`\`${name}\``);
  });

});

/**
 * Problems found while reading a file: its header (detect) and cells that cannot be read as
 * their column's type (normalize). Every other problem, any rule about figures, identities,
 * periods, totals or duplicates, must be raised by a check of the validation stage.
 */
const FOUND_WHILE_READING = [
  "empty_file", "no_header", "duplicate_column", "unknown_column", "ambiguous_column", "long_quoted_cell",
  "invalid_number", "negative_number", "not_whole_number", "ambiguous_decimal", "cell_error", "cell_too_long",
  "invalid_flag", "invalid_unit_type", "invalid_period", "formula_without_value", "number_too_large",
  "several_tables", "transposed_table", "unclear_subtotal", "unclear_district_row",
];

/** Problems found while adding up: a group's total that cannot be exact. */
const FOUND_WHILE_ADDING = ["total_too_large"];

describe("the checks", () => {
  const byCode = new Map<string, string[]>();
  for (const c of allChecks()) for (const code of c.codes) byCode.set(code, [...(byCode.get(code) ?? []), c.name]);

  it("raise every problem that is not found while reading, each code by one check", () => {
    const raised = Object.keys(CODES).filter((code) => !FOUND_WHILE_READING.includes(code) && !FOUND_WHILE_ADDING.includes(code)).sort();
    expect([...byCode.keys()].sort()).toEqual(raised);
    for (const [code, checks] of byCode) expect(checks, code).toHaveLength(1);
  });

  it.each(Object.keys(CODES))("docs/problems.md says what raises %s", (code) => {
    const entry = problems.slice(problems.indexOf(`### \`${code}\``)).split("\n### ")[0]!;
    const check = byCode.get(code)?.[0];
    if (check) expect(entry).toContain(`Raised by the check \`${check}\``);
    else expect(entry).toContain(FOUND_WHILE_ADDING.includes(code) ? "Found while adding up" : "Found while reading");
  });
});
