// No circular imports in src/: a stage imports the ones before it and domain/, never a later one,
// so every module can be read, tested and loaded on its own. This test reads the relative
// imports of every src/**/*.ts file (static `import`/`export … from` and dynamic `import()`;
// `import type` and imports of types only are left out, as they are erased from the build) and
// fails listing each cycle, as `a.ts -> b.ts -> a.ts`.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const SRC = join(root, "src");

/**
 * Cycles that exist on main and are being removed in the issue 13 renovation: each is listed as
 * the test prints it. Any other cycle fails, and so does an entry here that is no longer a cycle
 * (delete it, so that the list only shrinks).
 */
const KNOWN_CYCLES: readonly string[] = [];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : [],
  );
}

/** The relative module specifiers a file imports at run time (statically or dynamically). */
export function runtimeImports(text: string, fileName = "x.ts"): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const typeOnly =
        node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found.filter((s) => s.startsWith("./") || s.startsWith("../"));
}

/** src/a/b.ts imports "../c.js": src/c.ts (or src/c/index.ts). */
function resolveImport(from: string, spec: string, known: ReadonlySet<string>): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.(m?j)s$/, ".ts"), base, `${base}.ts`, join(base, "index.ts")]) {
    if (known.has(candidate)) return candidate;
  }
  return null;
}

/** Every elementary cycle, each once, starting from its first file in sorted order. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const nodes = [...graph.keys()].sort();
  const order = new Map(nodes.map((n, i) => [n, i]));
  const out: string[][] = [];
  for (const start of nodes) {
    const s = order.get(start)!;
    const path = [start];
    const onPath = new Set(path);
    const walk = (node: string): void => {
      for (const next of graph.get(node) ?? []) {
        if (next === start) out.push([...path, start]);
        else if (order.get(next)! > s && !onPath.has(next) && out.length < 100) {
          path.push(next);
          onPath.add(next);
          walk(next);
          onPath.delete(next);
          path.pop();
        }
      }
    };
    walk(start);
  }
  return out;
}

describe("imports in src/", () => {
  const files = tsFiles(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of runtimeImports(readFileSync(file, "utf8"), file)) {
      const target = resolveImport(file, spec, known);
      if (target) targets.add(target);
      else unresolved.push(`${relative(root, file)}: ${spec}`);
    }
    graph.set(file, [...targets].sort());
  }
  const found = cycles(graph).map((c) => c.map((f) => relative(root, f).split("\\").join("/")).join(" -> "));

  it("form no cycle other than the known ones being removed", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(unresolved).toEqual([]);
    expect(found.filter((c) => !KNOWN_CYCLES.includes(c))).toEqual([]);
  });

  it("still have every cycle listed as known (delete the ones that are gone)", () => {
    expect(KNOWN_CYCLES.filter((c) => !found.includes(c))).toEqual([]);
  });

  it("are read as the build sees them", () => {
    const text = [
      'import { a } from "./a.js";',
      'import type { B } from "./b.js";',
      'import { type C, type D } from "./c.js";',
      'import { type E, e } from "./e.js";',
      'import "./side-effect.js";',
      'export { f } from "./f.js";',
      'export type { G } from "./g.js";',
      'export * from "./h.js";',
      'import x from "node:fs";',
      'type T = import("./t.js").T;',
      'async function later() { return import("../later.js"); }',
    ].join("\n");
    expect(runtimeImports(text)).toEqual(["./a.js", "./e.js", "./side-effect.js", "./f.js", "./h.js", "../later.js"]);
    const g = new Map([["a", ["b"]], ["b", ["c", "a"]], ["c", ["a", "c"]], ["d", ["a"]]]);
    expect(cycles(g)).toEqual([["a", "b", "c", "a"], ["a", "b", "a"], ["c", "c"]]);
  });
});
