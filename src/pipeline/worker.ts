// A worker thread's reading of one chunk of a large CSV (see threads.ts): the file's head read
// again to find the same table, its records moved to the chunk, and the chunk read through
// collect() as the main thread reads, with a run of its own; what it made goes back as plain
// data, and a flag wakes the main thread, which waits without its event loop.

import { workerData, type MessagePort } from "node:worker_threads";
import { LevelGroups } from "../aggregate/groups.js";
import { readInput } from "../read/index.js";
import { fileSource } from "../read/source.js";
import { collect } from "./collect.js";
import { chunkResult, type ChunkJob, type ChunkResult } from "./threads.js";

const { job, port, flag } = workerData as { job: ChunkJob; port: MessagePort; flag: Int32Array };

port.once("message", (range: { start: number; stop: number; line: number; row: number }) => {
  void run(range).then(
    (result) => answer(result),
    (err: unknown) => answer({ error: err instanceof Error ? err.message : String(err) } as ChunkResult),
  );
});

function answer(result: ChunkResult): void {
  port.postMessage(result);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  port.close();
}

async function run(range: { start: number; stop: number; line: number; row: number }): Promise<ChunkResult> {
  const sheets = await readInput(fileSource(job.file, job.path), { ...job.read, sheet: job.options.sheet ?? null });
  const lines = sheets[0]?.lines;
  if (sheets.length !== 1 || !lines) throw new Error("the chunk's file is no longer a UTF-8 CSV");
  lines.jump(range.start, range.line, range.row);
  lines.stop = range.stop;
  const groups = new LevelGroups(job.options.by);
  let result: ChunkResult | null = null;
  collect([sheets], job.options, (u) => groups.add(u), {
    chunks: { kind: "worker", first: range.row + 1, done: (c, n) => (result = chunkResult(c, n, groups)) },
  });
  if (result === null) throw new Error("the chunk's table was not read");
  return result;
}
