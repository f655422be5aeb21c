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
  /** tdbv.config.json (--config). */
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

/** `--units vn`: the official lists tdbv carries, rather than a file. */
export const BUILT_IN_REGISTER = "vn";

export async function readRegister(file: string, o: InputOptions, io: Io): Promise<{ file: string; units: RegisterUnit[]; builtIn: boolean }> {
  if (file === BUILT_IN_REGISTER) {
    const { officialRegister } = await import("../units/register.js");
    return { file: "vn", units: officialRegister(), builtIn: true };
  }
  const { collect } = await import("../pipeline/collect.js");
  const { registerFrom } = await import("../domain/register.js");
  const bytes = readSideFile(file, "units", io);
  const source = bufferSource(file, bytes);
  const validity = await registerValidity(bufferSource(file, bytes));
  const sheets = await readSource(source, await prepare([source]), { delimiter: null, encoding: null });
  const c = collect([sheets], { by: "commune", province: o.province, period: null, decimalMark: null, sheet: null }, undefined, { withoutDuplicates: validity !== null });
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
  const units = registerFrom(c.units, validity ?? undefined);
  if (validity) {
    // One row per unit and validity: the same unit twice with the same dates would be expected twice.
    const seen = new Map<string, number>();
    for (const u of c.units) {
      const v = validity.get(u.origin.row);
      const k = `${u.identity}\u0000${v?.from ?? ""}\u0000${v?.to ?? ""}`;
      const first = seen.get(k);
      if (first !== undefined) {
        const name = u.commune ?? u.district;
        throw usageError(
          {
            vi: `${file}:${u.origin.row}: "${name}" được ghi hai lần với cùng thời gian hiệu lực (lần đầu ở dòng ${first})`,
            en: `${file}:${u.origin.row}: "${name}" is listed twice with the same validity (first at row ${first})`,
          },
          { vi: "Mỗi đơn vị chỉ ghi một dòng cho mỗi thời gian hiệu lực.", en: "Keep one row per unit and validity period." },
        );
      }
      seen.set(k, u.origin.row);
    }
  }
  return { file, units, builtIn: false };
}

const VALID_FROM = new Set(["valid from", "hieu luc tu", "tu ngay", "ngay hieu luc", "co hieu luc tu"]);
const VALID_TO = new Set(["valid to", "hieu luc den", "den ngay", "het hieu luc", "ngay het hieu luc"]);

/**
 * A register's valid_from/valid_to columns, by row: the first and last month each unit existed
 * ("2025-07-01", "01/07/2025", "2025-07" or an Excel date). Null when it has neither column. A
 * date that cannot be read stops the run, naming the cell.
 */
async function registerValidity(source: ByteSource): Promise<Map<number, { from: string | null; to: string | null }> | null> {
  const { detectTable } = await import("../detect/table.js");
  const { fold } = await import("../domain/text.js");
  const { cellText } = await import("../read/sheet.js");
  const sheets = await readSource(source, await prepare([source]), { delimiter: null, encoding: null });
  const sheet = sheets[0];
  if (!sheet) return null;
  const table = detectTable(sheet);
  const at = (names: Set<string>) => table.columns.find((c) => names.has(fold(c.header)))?.index;
  const from = at(VALID_FROM);
  const to = at(VALID_TO);
  if (from === undefined && to === undefined) return null;
  const out = new Map<number, { from: string | null; to: string | null }>();
  for (const r of table.rows) {
    const read = (i: number | undefined, column: string) => {
      if (i === undefined) return null;
      const cell = r.cells[i];
      const text = cellText(cell).trim();
      if (text === "") return null;
      const month = monthOf(cell, text);
      if (month === null) {
        throw usageError(
          { vi: `${table.file}:${r.row}: ${column} "${text}" không phải là ngày`, en: `${table.file}:${r.row}: ${column} "${text}" is not a date` },
          { vi: "Ghi ngày dạng 2025-07-01 hoặc 01/07/2025.", en: "Write the date as 2025-07-01 or 01/07/2025." },
        );
      }
      return month;
    };
    out.set(r.row, { from: read(from, "valid_from"), to: read(to, "valid_to") });
  }
  return out;
}

/** A date cell's month: "2025-07-01", "2025-07", "1/7/2025", or an Excel day number. */
function monthOf(cell: unknown, text: string): string | null {
  const pad = (m: number) => String(m).padStart(2, "0");
  if (typeof cell === "number" && cell > 20000 && cell < 80000) {
    const d = new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
  }
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${pad(Number(m[2]))}`;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[3]}-${pad(Number(m[2]))}`;
  return null;
}
