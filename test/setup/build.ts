// Global setup (once per vitest run, before any test file): the tests that spawn bin/tdbv run
// dist/bundle, the in-process ones import src/. So that both test the same code, and golden files
// rewritten with `-u` are written by the current source, the bundle is rebuilt (`npm run build`)
// whenever it is missing or older than any file it is built from. A bundle newer than all of them
// (just built by `npm ci`, `npm install` or an earlier run) is used as it is.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const BUNDLE = join(root, "dist", "bundle", "main.js");
/** What `npm run build` reads: the source, the compiler's options and the build script itself. */
const INPUTS = ["src", "tsconfig.json", "package.json"];

function files(path: string): string[] {
  const s = statSync(path);
  if (!s.isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name)));
}

/** The first input newer than the bundle, "no bundle" if there is none, or null if it is current. */
export function staleBecause(): string | null {
  let built: number;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return "no bundle";
  }
  for (const file of INPUTS.flatMap((p) => files(join(root, p)))) {
    if (statSync(file).mtimeMs > built) return `${relative(root, file)} is newer`;
  }
  return null;
}

export default function setup(): void {
  const why = staleBecause();
  if (why === null) return;
  process.stderr.write(`test setup: building dist/bundle (${why})\n`);
  const started = Date.now();
  const r = spawnSync("npm", ["run", "--silent", "build"], { cwd: root, encoding: "utf8", shell: process.platform === "win32" });
  if (r.status !== 0) {
    throw new Error(`npm run build failed (status ${r.status ?? r.signal}), so no test can run on the current source:\n${r.stdout}${r.stderr}`);
  }
  process.stderr.write(`test setup: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
