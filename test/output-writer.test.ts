// The writer's contract with the streaming renderers: writeAtomic and writeAtomicSet take a
// report whole or in chunks (iterables, async iterables) and write the chunks as they come; a
// stream that fails midway leaves the previous report and no temporary file.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as output from "../src/write/output.js";
import { tempDir } from "./helpers.js";

const writeAtomic = output.writeAtomic as (path: string, content: unknown) => Promise<void> | void;
type SetWriter = (files: { path: string; content: unknown }[]) => Promise<void>;

describe("writeAtomic", () => {
  it.each([
    ["a string", () => "a,b\n1,2\n"],
    ["bytes", () => new TextEncoder().encode("a,b\n1,2\n")],
    ["an iterable of chunks", () => ["a,b\n", new TextEncoder().encode("1,"), "2\n"]],
    ["a generator", () => (function* () { yield "a,b\n"; yield "1,2\n"; })()],
    ["an async iterable", () => (async function* () { yield "a,b\n"; await new Promise((r) => setTimeout(r, 5)); yield new TextEncoder().encode("1,2\n"); })()],
  ])("writes %s", async (_, content) => {
    const dir = tempDir("chunks");
    const path = join(dir, "r.csv");
    writeFileSync(path, "old\n");
    await writeAtomic(path, content());
    expect(readFileSync(path, "utf8")).toBe("a,b\n1,2\n");
    expect(readdirSync(dir)).toEqual(["r.csv"]);
  });

  it("keeps the previous report when the stream fails midway", async () => {
    const dir = tempDir("broken");
    const path = join(dir, "r.csv");
    writeFileSync(path, "old\n");
    const broken = (async function* () {
      yield "a,b\n";
      throw new Error("renderer failed");
    })();
    await expect(Promise.resolve().then(() => writeAtomic(path, broken))).rejects.toThrow();
    expect(readFileSync(path, "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["r.csv"]);
  });
});

describe("writeAtomicSet", () => {
  it("writes every file from its content function, one at a time", async () => {
    const writeSet = (output as unknown as { writeAtomicSet: SetWriter }).writeAtomicSet;
    expect(typeof writeSet).toBe("function");
    const dir = tempDir("set");
    writeFileSync(join(dir, "a.csv"), "old a\n");
    let rendered = 0;
    await writeSet([
      { path: join(dir, "a.csv"), content: () => (rendered++, (async function* () { yield "new a\n"; })()) },
      { path: join(dir, "b.csv"), content: () => (rendered++, ["new ", "b\n"]) },
    ]);
    expect(rendered).toBe(2);
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("new a\n");
    expect(readFileSync(join(dir, "b.csv"), "utf8")).toBe("new b\n");
    expect(readdirSync(dir).sort()).toEqual(["a.csv", "b.csv"]);
  });

  it("writes none when one file's content fails", async () => {
    const writeSet = (output as unknown as { writeAtomicSet: SetWriter }).writeAtomicSet;
    expect(typeof writeSet).toBe("function");
    const dir = tempDir("setfail");
    writeFileSync(join(dir, "a.csv"), "old a\n");
    await expect(
      writeSet([
        { path: join(dir, "a.csv"), content: "new a\n" },
        { path: join(dir, "b.csv"), content: (async function* () { yield "half"; throw new Error("renderer failed"); })() },
      ]),
    ).rejects.toThrow("renderer failed");
    expect(readFileSync(join(dir, "a.csv"), "utf8")).toBe("old a\n");
    expect(readdirSync(dir)).toEqual(["a.csv"]);
  });
});
