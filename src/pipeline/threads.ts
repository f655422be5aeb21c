// A large UTF-8 CSV read by several threads (issue 19). The main thread reads the file as
// always; the rest of the table's records after its first chunk is cut at record boundaries
// (found by reading the records up to each cut, quotes and all, so a quoted line break never
// splits a record and every chunk knows its first row and line). Each later chunk is read by a
// worker through the same normalize and checks, with tallies, a duplicate index and the other
// checks' state of its own, as if the table started there after unit rows. Where the main
// thread reaches a chunk, it takes the worker's reading only if that is exactly what it would
// have read itself: its own state there is the fresh one the worker assumed (no section, no row
// waiting, no district row), the worker's chunk kept to it (no total, heading, blank or skipped
// row), and no unit of the chunk was met before in the same period (a duplicate across the cut,
// whose first row the worker could not see). Otherwise it reads the chunk itself. Either way
// the output is byte for byte that of one thread (test/threads.test.ts); the merge adds the
// chunks' problems, rows and states in chunk order.
//
// What goes to a worker is plain data (workerData and a message): the input's path and read
// options, and the run's options; it reads the file's head again to find the same table.

import { BUILT_IN, dictionary } from "../domain/dictionary.js";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { Table } from "../detect/table.js";
import { chunkable, type AdoptedChunk, type Normalized } from "../normalize/table.js";
import { Utf8Records } from "../read/csv-lines.js";
import type { CsvReadOptions } from "../read/csv.js";
import type { Issue } from "../domain/problems.js";
import type { ChunkContext, ChunkHooks, Collected, SummarizeOptions } from "./collect.js";

/** The run's options a worker needs, as plain data. */
export type ChunkRunOptions = Pick<SummarizeOptions, "by" | "province" | "period" | "decimalMark" | "sheet" | "mapping">;

/** What a worker is started with (workerData). */
export interface ChunkJob {
  readonly file: string;
  readonly path: string;
  readonly read: CsvReadOptions;
  readonly options: ChunkRunOptions;
}

/** The chunk a worker reads: from the record at byte `start` (on `line`, row `row`) up to the record at byte `stop`. */
interface ChunkRange {
  readonly start: number;
  readonly stop: number;
  readonly line: number;
  readonly row: number;
}

/** What a worker sends back. */
export interface ChunkResult {
  readonly error?: string;
  readonly clean: boolean;
  readonly rowsRead: number;
  readonly unitRows: number;
  readonly lastDistrict: string | null;
  readonly counted: number;
  readonly withCells: Issue[];
  readonly atOnce: Issue[];
  readonly afterAll: Issue[];
  readonly excluded: Collected["excluded"][number][];
  readonly lateExcluded: Collected["excluded"][number][];
  readonly present: number[];
  /** The worker's unit identities (UnitNumbers.save()). */
  readonly units: Int32Array;
  /** Per check of the run, in order: its ChunkMerge.save(), or null. */
  readonly checks: unknown[];
  /** The command's own state (summarize: LevelGroups.save()). */
  readonly sink: unknown;
}

/** The command's state that its rows build besides the checks (summarize: its groups). */
export interface ChunkSink {
  save(): unknown;
  absorb(saved: unknown): void;
}

/** The state a worker's chunk left, read from its collect() (see pipeline/worker.ts). */
export function chunkResult(c: ChunkContext, n: Normalized, sink: ChunkSink): ChunkResult {
  return {
    clean: n.chunkEnd?.clean ?? false,
    rowsRead: n.rowsRead,
    unitRows: n.unitRows,
    lastDistrict: n.chunkEnd?.lastDistrict ?? null,
    counted: c.counted(),
    withCells: c.withCells,
    atOnce: c.atOnce,
    afterAll: c.afterAll,
    excluded: c.excluded,
    lateExcluded: c.lateExcluded,
    present: c.present(),
    units: c.run.units.save(),
    checks: c.checker.checks.map((k) => (k.chunk ? k.chunk.save() : null)),
    sink: sink.save(),
  };
}

/** Whether every check of the run can be read in chunks. */
function checksFit(c: ChunkContext): boolean {
  return c.checker.checks.every((k) => !k.onRow || k.rowLocal === true || k.chunk !== undefined);
}

/**
 * A worker's young generation, in MB: the default let the two threads of a 1M-row summary
 * peak at 210 MB; 4 MB, at 186 MB, no slower (bench/README.md, "Threads").
 */
const WORKER_YOUNG_MB = 4;

const WORKER = fileURLToPath(new URL("./worker.js", import.meta.url));

/** A worker reading one chunk; its answer waited for without the event loop (the pipeline is synchronous). */
class ChunkWorker {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;

  constructor(job: ChunkJob) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER, { workerData: { job, port: port2, flag: this.flag }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    this.worker.unref();
  }

  start(range: ChunkRange): void {
    this.port.postMessage(range);
  }

  /**
   * The worker's answer, waited for up to `patience` ms (a worker that failed to start never
   * answers, and its error event needs the event loop the pipeline holds): null if none came.
   */
  result(patience: number): ChunkResult | null {
    const until = performance.now() + patience;
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m) {
        this.stop();
        return m.message as ChunkResult;
      }
      const left = until - performance.now();
      if (left <= 0) {
        this.stop();
        return null;
      }
      Atomics.wait(this.flag, 0, 0, Math.min(left, 1000));
    }
  }

  stop(): void {
    this.port.close();
    void this.worker.terminate();
  }
}

/**
 * The main thread's hooks for a run over `inputs` read with `read`: a table of one of them
 * large enough is cut into `threads` chunks, the first read here.
 */
export function mainChunks(threads: number, minBytes: number, read: CsvReadOptions, options: ChunkRunOptions, sink: ChunkSink): ChunkHooks | undefined {
  // A worker starts with the built-in dictionary: a run with a configuration's indicators,
  // ratios or rules is read by one thread.
  if (threads < 2 || dictionary() !== BUILT_IN) return undefined;
  return {
    kind: "main",
    split(c: ChunkContext) {
      const table = c.table;
      const records = table.lines?.records;
      const source = records?.source;
      if (!records || !source || !chunkable(table) || source.size < minBytes || !checksFit(c)) return undefined;
      const from = records.offset;
      if (source.size - from < minBytes / 2) return undefined;
      const job: ChunkJob = { file: table.file, path: source.path, read, options };
      // Run from the sources (tests in-process), there is no worker script to start.
      if (!existsSync(WORKER)) return undefined;
      const began = performance.now();
      let workers: ChunkWorker[];
      try {
        workers = Array.from({ length: threads - 1 }, () => new ChunkWorker(job));
      } catch {
        return undefined;
      }
      // The cuts: the first record at or after each of threads - 1 even offsets.
      const cuts = cutsOf(records, table, threads);
      if (cuts === null) {
        for (const w of workers) w.stop();
        return undefined;
      }
      for (const w of workers.splice(cuts.length)) w.stop();
      for (let k = 0; k < workers.length; k++) workers[k]!.start({ ...cuts[k]!, stop: k + 1 < cuts.length ? cuts[k + 1]!.start : Infinity });
      records.stop = cuts[0]!.start;
      let next = 0;
      return {
        kind: "main",
        split(at): AdoptedChunk | null {
          const k = next++;
          const cut = cuts[k]!;
          records.stop = k + 1 < cuts.length ? cuts[k + 1]!.start : Infinity;
          // The worker read as much as this thread did, and started later: it is given as long again, and ten seconds.
          const answer = workers[k]!.result(10_000 + performance.now() - began);
          const why = answer === null ? "no answer" : answer.error !== undefined ? `error: ${answer.error}` : !answer.clean ? "not clean" : !at.fresh ? "state" : at.row !== cut.row + 1 ? "row" : null;
          if (why !== null || answer === null) return said(k, why ?? "no answer", null);
          const r = answer;
          const map = c.run.units.numbersOf(r.units);
          const checks = c.checker.checks;
          for (let i = 0; i < checks.length; i++) if (checks[i]!.chunk?.fits && !checks[i]!.chunk!.fits!(r.checks[i], map)) return said(k, `check ${checks[i]!.name}`, null);
          for (let i = 0; i < checks.length; i++) checks[i]!.chunk?.absorb(r.checks[i], map, table);
          for (const x of r.withCells) c.withCells.push(x);
          for (const x of r.atOnce) c.atOnce.push(x);
          for (const x of r.afterAll) c.afterAll.push(x);
          for (const x of r.excluded) c.excluded.push(x);
          for (const x of r.lateExcluded) c.lateExcluded.push(x);
          c.markPresent(r.present);
          c.counted(r.counted);
          sink.absorb(r.sink);
          const after = cuts[k + 1];
          if (after) records.jump(after.start, after.line, after.row);
          else records.jump(source.size, cut.line, cut.row);
          return said(k, "adopted", { rowsRead: r.rowsRead, unitRows: r.unitRows, lastDistrict: r.lastDistrict });
        },
      };
    },
  };
}

/** TDBV_DEBUG_THREADS: what became of each chunk, on standard error (tests, measurements). */
function said<T>(k: number, what: string, value: T): T {
  if (process.env.TDBV_DEBUG_THREADS) process.stderr.write(`tdbv threads: chunk ${k + 1}: ${what}\n`);
  return value;
}

/**
 * Where each chunk after the first starts: the records of the rest of the table, read up to
 * each even offset (quoted line breaks and all), so each is at a record's start with its line
 * and row. null if a cut would leave a chunk empty or the bytes cannot be read (the main
 * thread then meets the same problem where it reads).
 */
function cutsOf(records: Utf8Records, table: Table, threads: number): { start: number; line: number; row: number }[] | null {
  const source = records.source!;
  const from = records.offset;
  const scan = new Utf8Records([], table.delimiter ?? ",", table.file, undefined, source);
  scan.jump(from, records.lineNumber, records.records);
  const cuts: { start: number; line: number; row: number }[] = [];
  try {
    for (let k = 1; k < threads; k++) {
      scan.stop = from + Math.floor(((source.size - from) * k) / threads);
      while (scan.next());
      const start = scan.offset;
      if (start >= source.size || (cuts.length > 0 && start <= cuts[cuts.length - 1]!.start)) break;
      cuts.push({ start, line: scan.lineNumber, row: scan.records });
    }
  } catch {
    return null;
  } finally {
    scan.jump(source.size, 0, 0);
  }
  return cuts.length > 0 ? cuts : null;
}
