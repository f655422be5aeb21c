// Start-up cost: the CSV path must not load the spreadsheet library or other heavy modules.
// Follows the static imports of the compiled CLI; dynamic import() is how heavy parts load.
import { readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.js";

function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, "utf8");
    for (const m of code.matchAll(/^\s*import\s+(?:[^'"]*?from\s+)?["']([^"']+)["']/gm)) {
      const spec = m[1]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else packages.add(spec.startsWith("node:") ? spec : spec.split("/").slice(0, spec.startsWith("@") ? 2 : 1).join("/"));
    }
  };
  visit(entry);
  return { files, packages };
}

describe("start-up path", () => {
  const entry = join(ROOT, "dist/cli/main.js");
  it("is built", () => expect(existsSync(entry)).toBe(true));

  it("loads no spreadsheet library, legacy-encoding table or mapping schema statically", () => {
    const { packages, files } = staticGraph(entry);
    expect([...packages].filter((p) => !p.startsWith("node:")).sort()).toEqual(["commander"]);
    const local = [...files].map((f) => f.slice(join(ROOT, "dist").length + 1));
    expect(local).not.toContain("read/xlsx.js");
    expect(local).not.toContain("inspect.js");
    expect(local).not.toContain("render/template.js");
  });
});
