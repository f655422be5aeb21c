// The core never prints: a test whose code writes to the console fails (as Zod's
// scripts/fail-on-console.ts). The CLI writes through the Io it is given, never console.*.
import { afterEach, beforeEach, vi } from "vitest";

const calls: string[] = [];
beforeEach(() => {
  calls.length = 0;
  for (const m of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${m}: ${args.map(String).join(" ")}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length) throw new Error(`code under test wrote to the console:\n${calls.join("\n")}`);
});
