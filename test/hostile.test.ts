// The hostile-input corpus of issue 14 ("make the class impossible"): every case is generated
// here at test time (no large file is committed), run end to end through bin/tdbv in its own
// folder with a bound on time and memory that only a hang or a blow-up reaches, and checked for
// its exit status, its messages and figures, and that no file but the declared output changed.
//
//   npx vitest run --config test/vitest.config.ts test/hostile.test.ts
//   HOSTILE_REPORT=1 …   prints the table of case → expected/actual exit and never fails
//   HOSTILE_ONLY=regex   runs the cases whose name (or "item N") matches
//   HOSTILE_JOBS=n       cases run at once (default 2)
//   HOSTILE_TABLE=file   also writes the table to that file
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "./helpers.js";
import { GENERAL_CASES } from "./hostile/cases-general.js";
import { ISSUE_CASES } from "./hostile/cases-issue.js";
import { runAll, table, type HostileCase, type Result } from "./hostile/harness.js";

const REPORT = process.env.HOSTILE_REPORT === "1";
const ONLY = process.env.HOSTILE_ONLY ? new RegExp(process.env.HOSTILE_ONLY, "i") : null;
const JOBS = Number(process.env.HOSTILE_JOBS ?? 2);

const ALL: HostileCase[] = [...ISSUE_CASES, ...GENERAL_CASES];
const CASES = ONLY ? ALL.filter((c) => ONLY.test(c.name) || ONLY.test(`item ${c.item}`)) : ALL;

const results = new Map<string, Result>();

describe("hostile-input corpus (issue 14)", () => {
  it("has at least 120 cases, uniquely named, covering items 1 to 15", () => {
    expect(ALL.length).toBeGreaterThanOrEqual(120);
    expect(new Set(ALL.map((c) => c.name)).size).toBe(ALL.length);
    for (let item = 1; item <= 15; item++) expect(ALL.some((c) => c.item === item), `item ${item}`).toBe(true);
  });

  beforeAll(async () => {
    // The biggest cases first, so the two lanes finish together.
    const order = [...CASES].sort((a, b) => (b.timeoutMs ?? 0) + (b.maxRssMb ?? 0) - ((a.timeoutMs ?? 0) + (a.maxRssMb ?? 0)));
    const started = Date.now();
    const done = await runAll(order, tempDir("hostile"), JOBS);
    for (const r of done) results.set(r.name, r);
    const text = `${table(CASES.map((c) => results.get(c.name)!))}\ncorpus ran in ${((Date.now() - started) / 1000).toFixed(0)} s with ${JOBS} at once\n`;
    if (process.env.HOSTILE_TABLE) writeFileSync(process.env.HOSTILE_TABLE, text);
    if (REPORT || done.some((r) => r.failures.length)) process.stdout.write(`\n${text}`);
  }, 15 * 60_000);

  it.each(CASES.map((c) => [c.item === null ? "-" : String(c.item), c.name] as const))("item %s: %s", (_item, name) => {
    const r = results.get(name)!;
    if (REPORT) return;
    expect(r.failures, `${r.name}: expected exit ${r.expected}\n${r.run?.stderr.toString("utf8").slice(0, 1500) ?? ""}`).toEqual([]);
  });
});
