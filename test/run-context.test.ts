// Two runs in one process give the same answers as two processes: every table a run builds
// (unit numbers, remembered names, the duplicate index, each check's state) belongs to the run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { memoryIo, ROOT, tdbv } from "./helpers.js";

const read = (f: string) => readFileSync(join(ROOT, f));

async function inProcess(args: string[], files: Record<string, Buffer>): Promise<string> {
  const io = memoryIo(files);
  const status = await main(args, io);
  return `${status}\n${io.out.join("")}${io.err.join("")}`;
}

describe("a run's state", () => {
  it("is not shared with the next run in the same process", async () => {
    const files = { "a.csv": read("fixtures/quang-binh-2020.csv"), "b.csv": read("test/data/duplicate-unit.csv"), "c.csv": read("fixtures/lam-dong-2024.csv") };
    const jobs = [
      ["validate", "a.csv", "--format", "json"],
      ["validate", "b.csv", "--format", "json"],
      ["summarize", "c.csv", "--by", "commune", "--format", "json", "--allow-errors"],
      ["validate", "b.csv", "c.csv", "--format", "json"],
    ];
    const once: string[] = [];
    for (const args of jobs) once.push(await inProcess(args, files));
    // The same jobs in the other order, in the same process: each gives what it gave alone.
    const again: string[] = [];
    for (const args of [...jobs].reverse()) again.push(await inProcess(args, files));
    expect(again.reverse()).toEqual(once);
    // And what a process of its own gives (the duplicate is found in b.csv, row for row).
    const alone = tdbv(["validate", join(ROOT, "test/data/duplicate-unit.csv"), "--format", "json"]);
    expect(once[1]).toBe(`${alone.status}\n${alone.stdout.replaceAll(join(ROOT, "test/data/duplicate-unit.csv"), "b.csv")}${alone.stderr.replaceAll(join(ROOT, "test/data/duplicate-unit.csv"), "b.csv")}`);
  });
});
