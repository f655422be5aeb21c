// The CLI's side of reading: arguments -> byte sources (a missing or unreadable input is exit 3,
// said with the file's name), a column mapping, a register of units, one input read whole.

import type { Text } from "../domain/problems.js";
import { inputError, TdbvError, usageError } from "../errors.js";
import type { Mapping } from "../detect/mapping.js";
import { prepare, readSource } from "../read/index.js";
import { bufferSource, readAllBytes, type ByteSource } from "../read/source.js";
import type { Sheet } from "../read/sheet.js";
import type { RegisterUnit } from "../domain/register.js";
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

/** A file system error on opening an input, said with the file's name (exit 3). */
function openError(file: string, err: unknown): Error {
  if (err instanceof TdbvError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    return inputError({ vi: `${file}: không có tệp này`, en: `${file}: no such file` }, { vi: "Kiểm tra đường dẫn; chạy ls để xem các tệp ở đây.", en: "Check the path; run ls to see the files here." });
  }
  if (code === "EISDIR") {
    return inputError({ vi: `${file}: là thư mục, không phải tệp`, en: `${file}: is a folder, not a file` }, { vi: "Chỉ định các tệp trong đó, ví dụ folder/*.csv.", en: "Pass the files inside it, e.g. folder/*.csv." });
  }
  if (code === "EACCES" || code === "EPERM") return inputError({ vi: `${file}: không có quyền đọc`, en: `${file}: permission denied` });
  if (code === "ELOOP") {
    return inputError({ vi: `${file}: một vòng lặp liên kết tượng trưng`, en: `${file}: a loop of symbolic links` }, { vi: "Cho liên kết trỏ thẳng tới tệp.", en: "Make the link point to the file itself." });
  }
  return inputError({ vi: `${file}: không đọc được (${code ?? String(err)})`, en: `${file}: cannot be read (${code ?? String(err)})` });
}

export async function openSource(file: string, io: Io): Promise<ByteSource> {
  if (file === "-") return io.openStdin();
  try {
    return io.openFile(file);
  } catch (err) {
    throw openError(file, err);
  }
}

/**
 * The most tdbv reads of each file besides the data: all of it is held in memory, and a
 * path such as /dev/zero never ends. Refused above it (exit 3). docs/safety.md lists them.
 */
export const SIDE_FILE_LIMITS = {
  /** --mapping: a few dozen headers. */
  mapping: 1 << 20,
  /** A configuration file (none yet): it goes through readSideFile too. */
  config: 1 << 20,
  /** --units: the register; every commune of Viet Nam is about 2 MB. */
  units: 64 << 20,
  /** --baseline: an earlier period's tallies, whose rows are all kept; as large as a workbook may be. */
  baseline: 256 << 20,
} as const;

export type SideFile = keyof typeof SIDE_FILE_LIMITS;

const SIDE_FILE_NAMES: Record<SideFile, Text> = {
  mapping: { vi: "tệp ánh xạ cột (--mapping)", en: "the mapping file (--mapping)" },
  config: { vi: "tệp cấu hình", en: "the configuration file" },
  units: { vi: "danh sách đơn vị (--units)", en: "the register of units (--units)" },
  baseline: { vi: "tệp kỳ đối chiếu (--baseline)", en: "the baseline (--baseline)" },
};

/**
 * A file tdbv reads besides the data (a mapping, a register, a baseline, a configuration),
 * whole, never reading more than its limit + 1 bytes; "-" is standard input.
 */
export function readSideFile(file: string, kind: SideFile, io: Io): Buffer {
  const max = SIDE_FILE_LIMITS[kind];
  const what = SIDE_FILE_NAMES[kind];
  const tooLarge = () =>
    inputError(
      { vi: `${file}: ${what.vi} lớn hơn mức tdbv đọc (${max >> 20} MB)`, en: `${file}: ${what.en} is larger than tdbv reads (${max >> 20} MB)` },
      { vi: "Kiểm tra đường dẫn: tệp này có vẻ không phải tệp cần dùng.", en: "Check the path: this does not look like the file meant." },
    );
  let bytes: Buffer | null;
  try {
    bytes = file === "-" ? readAllBytes(io.openStdin(), max, tooLarge) : io.readFile(file, max);
  } catch (err) {
    throw openError(file, err);
  }
  if (bytes === null || bytes.length > max) throw tooLarge();
  return bytes;
}

/** One input read whole and bounded (a baseline; a register). */
export async function readOne(file: string, io: Io, kind: SideFile = "baseline"): Promise<Sheet[]> {
  const source = bufferSource(file, readSideFile(file, kind, io));
  return readSource(source, await prepare([source]), { delimiter: null, encoding: null });
}

export async function readMapping(o: InputOptions, io: Io): Promise<Mapping | null> {
  if (!o.mappingFile) return null;
  const { parseMapping } = await import("../detect/mapping.js");
  const text = readSideFile(o.mappingFile, "mapping", io).toString("utf8");
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
  const readers = await prepare(sources, o.encoding);
  const options = { delimiter: o.delimiter, encoding: o.encoding, sheet: o.sheet };
  return {
    *[Symbol.iterator]() {
      for (const source of sources) yield readSource(source, readers, options);
    },
  };
}

export async function readRegister(file: string, o: InputOptions, io: Io): Promise<{ file: string; units: RegisterUnit[] }> {
  const { collect } = await import("../pipeline/collect.js");
  const { registerFrom } = await import("../domain/register.js");
  const sheets = await readOne(file, io, "units");
  const c = collect([sheets], { by: "commune", province: o.province, period: null, decimalMark: null, sheet: null });
  const errors = c.issues.filter((i) => i.severity === "error");
  if (errors.length) {
    const first = errors[0]!.message;
    throw usageError(
      { vi: `${file}: danh sách đơn vị có lỗi: ${first.vi}`, en: `${file}: the register of units has problems: ${first.en}` },
      {
        vi: "Danh sách đơn vị cần cột tỉnh (hoặc --province), huyện và xã, mỗi đơn vị một dòng.",
        en: "The register needs a province (or --province), district and commune column, one row per unit.",
      },
    );
  }
  return { file, units: registerFrom(c.units) };
}
