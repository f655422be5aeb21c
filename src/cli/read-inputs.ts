// The CLI's side of reading: arguments -> byte sources (a missing or unreadable input is exit 3,
// said with the file's name), a column mapping, a register of units, one input read whole.

import { inputError, usageError } from "../errors.js";
import type { Mapping } from "../detect/mapping.js";
import { prepare, readSource } from "../read/index.js";
import type { ByteSource } from "../read/source.js";
import type { Sheet } from "../read/sheet.js";
import type { RegisterUnit } from "../validate/register.js";
import { expandInputs } from "./inputs.js";
import type { Io } from "./io.js";
import type { InputOptions } from "./options.js";

/** Inputs larger than this (or of unknown size: standard input) are read with a small young generation. */
const LARGE_INPUT = 16 << 20;

/**
 * A large CSV is read row by row, and what little garbage a row makes dies young: V8's young
 * generation need not grow from 1 MB to 16 MB semi-spaces, which took 22 to 25 MB of peak
 * memory on a million rows (151 MB to 127 MB) for no gain in speed (bench/README.md). Set only
 * for large inputs: loading node:v8 costs 2 ms, a small run's start-up. The flag has been in V8
 * for a decade; a later V8 that raises its minimum to 2 ignores it, and memory is as without.
 */
async function keepYoungGenerationSmall(): Promise<void> {
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString("--semi-space-growth-factor=1");
}

export async function openSource(file: string, io: Io): Promise<ByteSource> {
  if (file === "-") return io.openStdin();
  try {
    return io.openFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError(`${file}: no such file`, "Check the path; run ls to see the files here.");
    if (code === "EISDIR") throw inputError(`${file}: is a folder, not a file`, "Pass the files inside it, e.g. folder/*.csv.");
    if (code === "EACCES" || code === "EPERM") throw inputError(`${file}: permission denied`);
    throw inputError(`${file}: cannot be read (${code ?? String(err)})`);
  }
}

/** One input read whole (a register, a baseline). */
export async function readOne(file: string, io: Io): Promise<Sheet[]> {
  const source = await openSource(file, io);
  return readSource(source, await prepare([source]), { delimiter: null, encoding: null });
}

export async function readMapping(o: InputOptions, io: Io): Promise<Mapping | null> {
  if (!o.mappingFile) return null;
  const { parseMapping } = await import("../detect/mapping.js");
  let text: string;
  try {
    text = io.readFile(o.mappingFile).toString("utf8");
  } catch {
    throw inputError(`${o.mappingFile}: the mapping file cannot be read`, "Check the path given to --mapping.");
  }
  return parseMapping(text, o.mappingFile);
}

/**
 * The inputs, opened now (so a missing file is reported before any work) and read lazily, one
 * after the other, as the pipeline consumes them.
 */
export async function readAll(o: InputOptions, io: Io): Promise<Iterable<Sheet[]>> {
  const sources: ByteSource[] = [];
  for (const file of expandInputs(o.files)) sources.push(await openSource(file, io));
  if (sources.some((s) => s.size === undefined || s.size > LARGE_INPUT)) await keepYoungGenerationSmall();
  const readers = await prepare(sources);
  const options = { delimiter: o.delimiter, encoding: o.encoding, sheet: o.sheet };
  return {
    *[Symbol.iterator]() {
      for (const source of sources) yield readSource(source, readers, options);
    },
  };
}

export async function readRegister(file: string, o: InputOptions, io: Io): Promise<{ file: string; units: RegisterUnit[] }> {
  const { collect } = await import("../summarize.js");
  const { registerFrom } = await import("../validate/register.js");
  const sheets = await readOne(file, io);
  const c = collect([sheets], { by: "commune", province: o.province, period: null, decimalMark: null, sheet: null });
  const errors = c.issues.filter((i) => i.severity === "error");
  if (errors.length) throw usageError(`${file}: the register of units has problems: ${errors[0]!.message}`, "The register needs a province (or --province), district and commune column, one row per unit.");
  return { file, units: registerFrom(c.units) };
}
