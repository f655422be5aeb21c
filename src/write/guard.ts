// --output must never name a file the same run reads (docs/safety.md, "Output"): `tdbv
// summarize v.csv --output v.csv` would replace the data with the report, and `tdbv rollup data/
// --every month --output "data/{period}.csv"` every monthly input. Checked before any data is
// read, and again on the expanded names just before anything is written.
//
// Two paths are the same file when both exist and have the same device and inode (this sees
// through symbolic links, hard links, `./`, `..` and letter case); a path that does not exist yet
// is compared by its real path (folder links resolved), ignoring letter case where that folder's
// file system does (found by looking the folder up with its name's case flipped).

import { fstatSync, readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import { basename, dirname, join, sep } from "node:path";
import { usageError } from "../errors.js";
import { canonical, descriptorOf } from "./target.js";

/** A run's input as it names it: a path, or "-" for standard input. */
interface Input {
  readonly name: string;
  readonly st: Stats | null;
  readonly real: string | null;
}

function inputOf(name: string): Input {
  if (name === "-") {
    try {
      return { name: "standard input", st: fstatSync(0), real: null };
    } catch {
      return { name, st: null, real: null };
    }
  }
  let st: Stats | null = null;
  let real: string | null = null;
  try {
    st = statSync(name);
    real = realpathSync(name);
  } catch {
    // missing: reported when it is read
  }
  return { name, st, real };
}

const insensitive = new Map<string, boolean>();

/**
 * Whether the file system holding folder `dir` (a real path) ignores letter case: the folder's
 * own name, or a name in it, looked up with its case flipped finds the same file.
 */
export function caseInsensitive(dir: string): boolean {
  let known = insensitive.get(dir);
  if (known !== undefined) return known;
  known = false;
  const flip = (s: string) => [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");
  const probe = (parent: string, name: string): boolean | null => {
    const flipped = flip(name);
    if (flipped === name) return null;
    try {
      const a = statSync(join(parent, name));
      const b = statSync(join(parent, flipped));
      return a.dev === b.dev && a.ino === b.ino;
    } catch {
      return false;
    }
  };
  try {
    let answer: boolean | null = null;
    for (const e of readdirSync(dir)) if ((answer = probe(dir, e)) !== null) break;
    if (answer === null && dir !== sep) answer = probe(dirname(dir), basename(dir));
    known = answer === true;
  } catch {
    known = false;
  }
  insensitive.set(dir, known);
  return known;
}

const fold = (p: string) => (caseInsensitive(dirname(p)) ? p.normalize("NFC").toLowerCase() : p);

function sameFile(output: string, input: Input): boolean {
  const fd = descriptorOf(canonical(output));
  let st: Stats | null = null;
  try {
    st = fd !== null ? fstatSync(fd) : statSync(output);
  } catch {
    // does not exist (yet)
  }
  if (st && input.st) return st.dev === input.st.dev && st.ino === input.st.ino && (st.isFile() || st.isSymbolicLink());
  if (st || !input.real) return false;
  return fold(canonical(output)) === fold(input.real);
}

const conflict = (output: string, input: string, period?: string) =>
  usageError(
    {
      vi: `--output ${output}${period ? ` (của kỳ ${period})` : ""} là ${input === "standard input" ? "đầu vào chuẩn" : `tệp đầu vào ${input}`} của lần chạy này: báo cáo sẽ ghi đè lên số liệu`,
      en: `--output ${output}${period ? ` (for period ${period})` : ""} is ${input === "standard input" ? "" : "the input "}${input} of this run: the report would replace the data`,
    },
    { vi: "Ghi báo cáo ra tệp hoặc thư mục khác; tdbv không ghi đè lên tệp nó đọc.", en: "Write the report to another file or folder; tdbv reads no input it writes." },
  );

/** Throws the usage error (exit 2) when an output path is the same file as an input of the run. */
export function assertNotInput(outputs: readonly string[], inputs: readonly string[]): void {
  const read = inputs.map(inputOf);
  for (const output of outputs) {
    for (const input of read) if (sameFile(output, input)) throw conflict(output, input.name);
  }
}

/** What "{period}" can become in a file name: 2024, 2024-03, 2024-Q1, 2024-H1, 2024-9M, or "all". */
const PERIOD = "(\\d{4}(?:-\\d{2}|-Q[1-4]|-H[12]|-9M)?|all)";

/**
 * Before reading: a template with {period} must not be able to name an input, whatever periods
 * the data turns out to hold. The template's folder part before the first {period} is made real
 * (links resolved); each input's real path is matched against it.
 */
export function assertTemplateNotInput(template: string, inputs: readonly string[]): void {
  const at = template.indexOf("{period}");
  const cut = template.lastIndexOf("/", at);
  const head = cut === -1 ? "." : template.slice(0, cut) || "/";
  const rest = cut === -1 ? template : template.slice(cut + 1);
  const base = canonical(head.endsWith("/") ? head : `${head}/`);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const body = rest.split("{period}").map(escape).join(PERIOD);
  const exact = new RegExp(`^${escape(base === sep ? "" : base)}/${body}$`);
  const folded = new RegExp(exact.source, "i");
  for (const input of inputs.map(inputOf)) {
    if (!input.real) continue;
    const m = (caseInsensitive(dirname(input.real)) ? folded : exact).exec(input.real.normalize("NFC"));
    if (m) throw conflict(template.split("{period}").join(m[1]!), input.name, m[1]);
  }
}

/** Both checks for an --output value (a path or a {period} template) before any data is read. */
export function assertOutputSafe(output: string | null, inputs: readonly string[]): void {
  if (output === null) return;
  if (output.includes("{period}")) assertTemplateNotInput(output, inputs);
  else assertNotInput([output], inputs);
}
