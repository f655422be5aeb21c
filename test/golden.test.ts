// Golden cases: each folder of test/cases holds `args` (one argument a line) and optionally
// `stdin-file`; bin/tdbv runs with them and its stdout, stderr and exit status must equal the
// files beside them. `npx vitest run -u` rewrites them; review the change with git diff. With
// CI set, a missing golden file fails instead of being written.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, tdbv } from "./helpers.js";

const CASES = join(ROOT, "test", "cases");

describe("golden cases", () => {
  for (const name of readdirSync(CASES).sort()) {
    it(name, async () => {
      const dir = join(CASES, name);
      const args = readFileSync(join(dir, "args"), "utf8").split("\n").filter((l) => l !== "");
      const stdinFile = join(dir, "stdin-file");
      const stdin = existsSync(stdinFile) ? readFileSync(join(ROOT, readFileSync(stdinFile, "utf8").trim())) : "";
      const r = tdbv(args, { stdin });
      await expect(r.stdout).toMatchFileSnapshot(join(dir, "stdout"));
      await expect(r.stderr).toMatchFileSnapshot(join(dir, "stderr"));
      await expect(`${r.status}\n`).toMatchFileSnapshot(join(dir, "status"));
    });
  }
});
