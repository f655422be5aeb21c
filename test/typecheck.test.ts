// `npm run typecheck` checks the tests as strictly as the source, and `npm test` (which CI runs)
// runs it first: a type error planted in any test/*.ts fails both. Running tsc here would cost
// seconds per run, so this test checks what makes that true: the tsconfig's file list, its
// options, and the scripts that run it.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("type-checking the tests", () => {
  const file = join(root, "test", "tsconfig.json");
  const read = ts.readConfigFile(file, ts.sys.readFile);
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, join(root, "test"), undefined, file);

  it("test/tsconfig.json lists every .ts file under test/ and src/", () => {
    expect(read.error).toBeUndefined();
    expect(config.errors).toEqual([]);
    const listed = new Set(config.fileNames.map((f) => resolve(f)));
    const missing = [...tsFiles(join(root, "test")), ...tsFiles(join(root, "src"))].filter((f) => !listed.has(f));
    expect(missing).toEqual([]);
  });

  it("is as strict as the source and emits nothing", () => {
    expect(config.options.strict).toBe(true);
    expect(config.options.noUncheckedIndexedAccess).toBe(true);
    expect(config.options.noEmit).toBe(true);
  });

  it("npm run typecheck runs it, and npm test runs typecheck before vitest", () => {
    const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.typecheck).toBe("tsc -p test/tsconfig.json");
    expect(scripts.test).toMatch(/\bnpm run typecheck && vitest run /);
  });
});
