// Issue 14: a property over --output targets, end to end through bin/tdbv. Whatever the target
// (a new or existing file, a link to a file, a dangling link, a missing folder, a path under a
// regular file, an input of the run by any name, a FIFO, a null device) and whatever the
// command (one report, or a rollup's file per period), either the new report is complete at
// the target(s) and nothing else changed, or everything is as it was; no input ever changes.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, tempDir } from "./helpers.js";
import { snapshot } from "./output-helpers.js";

const FIXTURE = join(ROOT, "fixtures/lam-dong-2024.csv");
const MONTHS = ["01", "02", "03"].map((m) => join(ROOT, `fixtures/monthly/ha-tinh-2024-${m}.csv`));
const PERIODS = ["2024-01", "2024-02", "2024-03"];
const canMknod = (() => {
  const dir = tempDir("probe");
  return spawnSync("mknod", [join(dir, "n"), "c", "1", "3"]).status === 0;
})();

type Kind = "new" | "existing" | "link" | "dangling" | "missingFolder" | "underFile" | "input" | "inputDotDot" | "inputLink" | "fifo" | "null";
type Command = "summarize" | "rollup";
type Format = "csv" | "json" | "md";

interface Case {
  readonly output: string;
  /** Where the report(s) must land, relative to the folder, when the run succeeds. */
  readonly lands: readonly string[];
  /** The exit status the target calls for. */
  readonly status: number;
  readonly fifo?: string;
}

/** Builds the folder for a case: v.csv and data/2024-MM.csv are the inputs. */
function arrange(dir: string, command: Command, kind: Kind): Case {
  copyFileSync(FIXTURE, join(dir, "v.csv"));
  mkdirSync(join(dir, "data"));
  MONTHS.forEach((f, i) => copyFileSync(f, join(dir, "data", `${PERIODS[i]}.csv`)));
  mkdirSync(join(dir, "real"));
  writeFileSync(join(dir, "plain"), "a regular file\n");
  const one = command === "summarize";
  const names = (folder: string) => (one ? ["r.out"] : PERIODS.map((p) => `${p}.out`)).map((n) => `${folder}/${n}`);
  const out = (folder: string) => join(dir, folder, one ? "r.out" : "{period}.out");
  switch (kind) {
    case "new":
      return { output: out("real"), lands: names("real"), status: 0 };
    case "existing":
      for (const n of names("real").slice(0, 2)) writeFileSync(join(dir, n), "previous report\n");
      return { output: out("real"), lands: names("real"), status: 0 };
    case "link":
      mkdirSync(join(dir, "links"));
      for (const n of names("real")) writeFileSync(join(dir, n), "previous report\n");
      for (const n of names("links")) symlinkSync(join(dir, n.replace("links/", "real/")), join(dir, n));
      return { output: out("links"), lands: names("real"), status: 0 };
    case "dangling":
      mkdirSync(join(dir, "links"));
      for (const n of names("links")) symlinkSync(`../real/${n.slice(6)}`, join(dir, n));
      return { output: out("links"), lands: names("real"), status: 0 };
    case "missingFolder":
      return { output: out("nowhere"), lands: [], status: 4 };
    case "underFile":
      return { output: out("plain"), lands: [], status: 4 };
    case "input":
      return { output: one ? join(dir, "v.csv") : join(dir, "data", "{period}.csv"), lands: [], status: 2 };
    case "inputDotDot":
      return { output: one ? join(dir, "real", "..", "v.csv") : join(dir, "real", "..", "data", "{period}.csv"), lands: [], status: 2 };
    case "inputLink":
      symlinkSync(one ? join(dir, "v.csv") : join(dir, "data"), join(dir, "alias"));
      return { output: one ? join(dir, "alias") : join(dir, "alias", "{period}.csv"), lands: [], status: 2 };
    case "fifo": {
      mkdirSync(join(dir, "pipes"));
      for (const n of names("pipes")) spawnSync("mkfifo", [join(dir, n)]);
      // A rollup's files are written all or none, which a FIFO cannot be: refused.
      return { output: out("pipes"), lands: [], status: one ? 0 : 4, ...(one ? { fifo: join(dir, names("pipes")[0]!) } : {}) };
    }
    case "null":
      mkdirSync(join(dir, "dev"));
      for (const n of names("dev")) spawnSync("mknod", [join(dir, n), "c", "1", "3"]);
      return { output: out("dev"), lands: [], status: one ? 0 : 4 };
  }
}

const argv = (command: Command, dir: string, output: string, format: Format) =>
  command === "summarize"
    ? ["summarize", join(dir, "v.csv"), "--format", format, "--output", output]
    : ["rollup", join(dir, "data"), "--every", "month", "--format", format, "--output", output];

function run(args: string[]): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ status: code ?? -1, stderr }));
  });
}

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const references = new Map<string, string[]>();

/** The report(s) for a command and format, written to a new folder: the bytes a run must leave. */
async function reference(command: Command, format: Format): Promise<string[]> {
  const key = `${command} ${format}`;
  if (!references.has(key)) {
    const dir = tempDir("ref");
    const { output, lands } = arrange(dir, command, "new");
    const r = await run(argv(command, dir, output, format));
    expect(r.status, r.stderr).toBe(0);
    references.set(key, lands.map((n) => sha(readFileSync(join(dir, n)))));
  }
  return references.get(key)!;
}

const kinds: Kind[] = ["new", "existing", "link", "dangling", "missingFolder", "underFile", "input", "inputDotDot", "inputLink", "fifo", ...(canMknod ? (["null"] as const) : [])];

describe("--output targets (property)", () => {
  it("either the whole new report is at the target or nothing changed; inputs never change", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Command>("summarize", "rollup"), fc.constantFrom(...kinds), fc.constantFrom<Format>("csv", "json", "md"), async (command, kind, format) => {
        const expected = await reference(command, format);
        const dir = tempDir("prop");
        const c = arrange(dir, command, kind);
        const inputs = command === "summarize" ? ["v.csv"] : PERIODS.map((p) => `data/${p}.csv`);
        const before = snapshot(dir);
        const sink = join(tempDir("sink"), "sink");
        const reader = c.fifo ? spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", c.fifo, sink], { stdio: "ignore" }) : null;
        const readerDone = reader ? new Promise((r) => reader.on("exit", r)) : null;
        const r = await run(argv(command, dir, c.output, format));
        if (reader) {
          // A run that never opened the FIFO would leave its reader waiting: end it.
          const timer = setTimeout(() => reader.kill(), 5_000);
          await readerDone;
          clearTimeout(timer);
        }
        const after = snapshot(dir);
        for (const input of inputs) expect(after[input], `input ${input} changed (${kind})`).toBe(before[input]);
        expect(r.status, `${command} ${kind} ${format}: ${r.stderr}`).toBe(c.status);
        if (r.status !== 0) {
          expect(after, `${kind}: a failed run changed files`).toEqual(before);
          return;
        }
        const landed = new Set(c.lands);
        for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
          if (!landed.has(k)) expect(after[k], `${kind}: ${k} changed`).toBe(before[k]);
        }
        c.lands.forEach((n, i) => expect(sha(readFileSync(join(dir, n))), `${kind}: ${n} is not the whole report`).toBe(expected[i]));
        if (c.fifo) {
          expect(sha(readFileSync(sink))).toBe(expected[0]);
          expect(lstatSync(c.fifo).isFIFO()).toBe(true);
        }
      }),
      // Every target with both commands first, then random combinations with the formats.
      { numRuns: 20, examples: kinds.flatMap((k) => (["summarize", "rollup"] as const).map((c): [Command, Kind, Format] => [c, k, "csv"])) },
    );
  }, 240_000);
});
