// The validation stage: one list of small checks that every unit row passes through, whichever
// reading path made it (the full reading or the fast lane, normalize/lane.ts): a rule about
// figures, identities, periods, totals or duplicates is a check here, and nowhere else. Reading
// a cell (is it a number? a period? a flag?) stays in normalize, which must say "not a number".
//
// A check sees a table start, each unit row, the table's end (with what normalize read
// besides unit rows: its total rows), and the run's end, and returns problems. Checks run in
// the order of their list. `onRow` of a check that declares `needsFigures` runs only on rows
// that are still valid (every cell read, no error from an earlier check): a rule over figures
// means nothing on a row whose figures could not all be read, and a row excluded for an error
// is not counted, so it cannot be a duplicate either.

import type { Issue, IssueCode } from "../domain/problems.js";
import type { TotalRow, UnitRow } from "../domain/unit-row.js";
import type { Table } from "../detect/table.js";

/** What normalize read of a table besides its unit rows. */
export interface TableEnd {
  readonly table: Table;
  /** The table's total rows ("Tổng cộng", "Cộng huyện X"), never counted. */
  readonly totals: readonly TotalRow[];
  /** Unit rows the table gave (valid or not). */
  readonly unitRows: number;
  /** Problems normalize found in the table's cells. */
  readonly cellProblems: number;
  /** A check refused the table: none of its rows was read. */
  readonly rejected: boolean;
}

export interface Check {
  /** A short name, used in docs/problems.md ("check: duplicates"). */
  readonly name: string;
  /** The problem codes it raises. */
  readonly codes: readonly IssueCode[];
  /** Runs only on rows whose cells all read and that no earlier check found in error. */
  readonly needsFigures?: boolean;
  /**
   * Where its row problems are listed: with the cells' own problems at the table's end
   * ("with-cells": what a row says of itself), at once (the default: rules between figures,
   * duplicates), or after every input ("after-all": what needs the whole run or another input,
   * such as a rollup's periods, a baseline or a register). An "after-all" check runs after the
   * row has counted towards the columns present, and an error from it leaves the row out
   * of the report's groups only.
   */
  readonly listed?: "with-cells" | "at-once" | "after-all";
  /** A table is about to be read; an error here rejects the whole table. */
  onTable?(table: Table, out: Issue[]): void;
  onRow?(u: UnitRow, out: Issue[]): void;
  onTableEnd?(end: TableEnd, out: Issue[]): void;
  /** The run's end: checks over every row (a register: who sent nothing). */
  onEnd?(out: Issue[]): void;
  /**
   * A check whose state a row changes, for a table read in chunks by worker threads
   * (pipeline/threads.ts): the state a worker's chunk left, and how the main thread takes it
   * as if it had read the chunk's rows itself. A check with neither this nor `rowLocal` keeps
   * a table to one thread.
   */
  readonly chunk?: ChunkMerge;
  /** Its rows' problems depend on each row alone (and the table): a chunk's rows are checked alike anywhere. */
  readonly rowLocal?: boolean;
}

/** See Check.chunk. `units` maps a worker's unit numbers to the main thread's. */
export interface ChunkMerge {
  /** The state the chunk's rows made, as plain data (structured clone). */
  save(): unknown;
  /** Whether the chunk can be taken: false where its rows would have met the earlier rows' (a unit twice). */
  fits?(data: unknown, units: Int32Array): boolean;
  absorb(data: unknown, units: Int32Array, table: Table): void;
}

const hasError = (issues: readonly Issue[], from: number) => {
  for (let i = from; i < issues.length; i++) if (issues[i]!.severity === "error") return true;
  return false;
};

/** Where a row's problems go (see Check.listed). */
export class RowOut {
  /** withCells, atOnce, afterAll: by a check's `listed`. */
  readonly lists: readonly [Issue[], Issue[], Issue[]];

  constructor(
    readonly withCells: Issue[],
    readonly atOnce: Issue[],
    readonly afterAll: Issue[],
  ) {
    this.lists = [withCells, atOnce, afterAll];
  }
}

/**
 * A list of row checks, with what the runner needs of each looked up once (a million rows
 * pass). The checks that run on every row go first, then those that need the figures, in
 * their order: an error from one of those stops the next.
 */
class RowChecks {
  private readonly always: ((u: UnitRow, out: Issue[]) => void)[];
  private readonly alwaysOut: Uint8Array;
  private readonly gated: ((u: UnitRow, out: Issue[]) => void)[];
  private readonly gatedOut: Uint8Array;

  constructor(checks: readonly Check[]) {
    const where = (c: Check) => (c.listed === "with-cells" ? 0 : c.listed === "after-all" ? 2 : 1);
    const always = checks.filter((c) => c.needsFigures !== true);
    const gated = checks.filter((c) => c.needsFigures === true);
    this.always = always.map((c) => c.onRow!.bind(c));
    this.alwaysOut = Uint8Array.from(always, where);
    this.gated = gated.map((c) => c.onRow!.bind(c));
    this.gatedOut = Uint8Array.from(gated, where);
  }

  run(u: UnitRow, valid: boolean, out: RowOut): boolean {
    const lists = out.lists;
    const { always, alwaysOut, gated, gatedOut } = this;
    const w = lists[0];
    const a = lists[1];
    const f = lists[2];
    const wl = w.length;
    const al = a.length;
    const fl = f.length;
    for (let k = 0; k < always.length; k++) always[k]!(u, lists[alwaysOut[k]!]!);
    if (valid && (w.length !== wl || a.length !== al || f.length !== fl) && (hasError(w, wl) || hasError(a, al) || hasError(f, fl))) valid = false;
    for (let k = 0; k < gated.length && valid; k++) {
      const into = lists[gatedOut[k]!]!;
      const from = into.length;
      gated[k]!(u, into);
      if (into.length !== from && hasError(into, from)) valid = false;
    }
    return valid;
  }
}

/** Runs a list of checks over a run's tables and rows, in order. */
export class Checker {
  private readonly onTable: Check[];
  private readonly onRow: RowChecks;
  private readonly onRowAfterAll: RowChecks;
  private readonly onTableEnd: Check[];
  private readonly onEnd: Check[];
  /** Whether any check is listed "after-all" (rowAfterAll has something to do). */
  readonly hasAfterAll: boolean;

  constructor(readonly checks: readonly Check[]) {
    this.hasAfterAll = checks.some((c) => c.onRow && c.listed === "after-all");
    this.onTable = checks.filter((c) => c.onTable);
    this.onRow = new RowChecks(checks.filter((c) => c.onRow && c.listed !== "after-all"));
    this.onRowAfterAll = new RowChecks(checks.filter((c) => c.onRow && c.listed === "after-all"));
    this.onTableEnd = checks.filter((c) => c.onTableEnd);
    this.onEnd = checks.filter((c) => c.onEnd);
  }

  /** The table's problems; true if one is an error (the table is not read). */
  table(table: Table, out: Issue[]): boolean {
    const from = out.length;
    for (const c of this.onTable) c.onTable!(table, out);
    return hasError(out, from);
  }

  /**
   * The row's problems from every check but the "after-all" ones; true if the row is still
   * valid (no error from reading its cells or from a check).
   */
  row(u: UnitRow, out: RowOut): boolean {
    return this.onRow.run(u, u.invalid !== true, out);
  }

  /** The "after-all" checks of a row still valid after row(); true if it is to be counted. */
  rowAfterAll(u: UnitRow, out: RowOut): boolean {
    return this.onRowAfterAll.run(u, true, out);
  }

  tableEnd(end: TableEnd, out: Issue[]): void {
    for (const c of this.onTableEnd) c.onTableEnd!(end, out);
  }

  end(out: Issue[]): void {
    for (const c of this.onEnd) c.onEnd!(out);
  }
}
