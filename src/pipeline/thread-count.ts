// How many threads read a large CSV (pipeline/threads.ts), apart so that the options can be
// read without loading the pipeline.

import { availableParallelism } from "node:os";

/**
 * Below this many bytes a file is read by one thread: a worker's start-up (reading the file's
 * head again) and the cut cost more than they save (bench/README.md, "Threads").
 */
export const THREAD_MIN_BYTES = 32 << 20;
/** More threads than this do not pay on the files measured. */
const MAX_THREADS = 4;

/** The thread count asked (--threads, TDBV_THREADS): a number, or "auto" (the cores, up to 4). */
export function threadCount(asked: string | number | null | undefined, env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = asked ?? env.TDBV_THREADS ?? "auto";
  if (raw === "auto" || raw === "") return Math.max(1, Math.min(availableParallelism(), MAX_THREADS));
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 64) : 1;
}

/** The size from which a file is read in chunks (TDBV_THREAD_MIN_BYTES, for tests). */
export function threadMinBytes(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.TDBV_THREAD_MIN_BYTES;
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isInteger(n) && n >= 0 ? n : THREAD_MIN_BYTES;
}
