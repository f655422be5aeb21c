// The docs say what the code does: every column, ratio and problem code is documented.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IDENTIFIERS, TALLIES } from "../src/domain/columns.js";
import { RATIOS } from "../src/domain/ratios.js";
import { CODES } from "../src/validate/codes.js";
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
  it.each(RATIOS.map((r) => r.name))("docs/json.md names ratio %s", (name) => {
    expect(json).toContain(`\`${name}\``);
  });
});
