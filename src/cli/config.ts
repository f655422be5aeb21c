// The configuration of a run: --config FILE, else tdbv.config.json in the current folder
// (--no-config: none). Its defaults fill the options the command line did not give (the
// command line always wins), each checked as the command checks its own flag; its dictionary
// (indicators, ratios, rules, targets) is the run's, through withDictionary. zod and the
// checking code are loaded only when there is a configuration.

import { join } from "node:path";
import type { Command, Option } from "commander";
import type { Config } from "../config/load.js";
import { usageError } from "../errors.js";
import type { Io } from "./io.js";

const CONFIG_FILE = "tdbv.config.json";
const MAX_CONFIG_BYTES = 1024 * 1024;

/** The run's configuration, or null; `flag` is --config's value (a path, false for --no-config, undefined). */
export async function loadConfig(flag: unknown, io: Io): Promise<Config | null> {
  if (flag === false) return null;
  let path: string;
  if (typeof flag === "string" && flag !== "") path = flag;
  else {
    if (!io.cwd) return null;
    path = join(io.cwd, CONFIG_FILE);
    if (!io.exists?.(path)) return null;
  }
  let bytes: Buffer | null;
  try {
    bytes = io.readFile(path, MAX_CONFIG_BYTES);
  } catch (e) {
    throw usageError(
      { vi: `không đọc được tệp cấu hình ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, en: `cannot read the configuration ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` },
      { vi: "Kiểm tra đường dẫn của --config (hoặc dùng --no-config để chạy không có cấu hình).", en: "Check the path given to --config (or use --no-config to run without one)." },
    );
  }
  if (bytes === null) throw usageError({ vi: `tệp cấu hình ${path} lớn hơn 1 MB`, en: `the configuration ${path} is larger than 1 MB` });
  const { parseConfig } = await import("../config/load.js");
  return parseConfig(bytes.toString("utf8"), typeof flag === "string" ? flag : CONFIG_FILE);
}

/**
 * The command's flags with the configuration's defaults where the command line gave none: the
 * common ones, then the command's own section. A value is checked against the option's choices.
 */
export function withDefaults(config: Config | null, command: Command, flags: Record<string, unknown>): Record<string, unknown> {
  if (!config) return flags;
  const name = command.name();
  const out = { ...flags };
  // The command's own section wins over the common defaults, key by key.
  const common = config.defaults["*"] ?? {};
  const mine = config.defaults[name] ?? {};
  const merged = new Map<string, [string | number | boolean, boolean]>();
  for (const [k, v] of Object.entries(common)) merged.set(k, [v, false]);
  for (const [k, v] of Object.entries(mine)) merged.set(k, [v, true]);
  {
    for (const [key, [value, own]] of merged) {
      const opt = command.options.find((o: Option) => o.attributeName() === key);
      const where = `${config.source}: defaults.${own ? `${name}.` : ""}${key}`;
      if (!opt) {
        // A common default the command does not take is for the other commands.
        if (!own) continue;
        const allowed = command.options.map((o: Option) => o.attributeName()).filter((k) => k !== "debug" && k !== "output" && k !== "config");
        throw usageError(
          { vi: `${where}: lệnh ${name} không có tùy chọn này; các tùy chọn của lệnh: ${allowed.join(", ")}`, en: `${where}: the ${name} command has no such option; its options: ${allowed.join(", ")}` },
          { vi: "Bỏ khóa này hoặc chuyển nó sang mục của lệnh có tùy chọn đó.", en: "Remove the key or move it to the section of a command that takes it." },
        );
      }
      const source = command.getOptionValueSource(key);
      if (source === "cli" || source === "env") continue;
      const takesValue = opt.required || opt.optional;
      if (takesValue && typeof value === "boolean" && !(opt.optional && value === true)) {
        throw usageError({ vi: `${where}: cần một giá trị (như trên dòng lệnh ${opt.long} <giá trị>), không phải ${value}`, en: `${where}: needs a value (as on the command line, ${opt.long} <value>), not ${value}` });
      }
      if (!takesValue && typeof value !== "boolean") {
        throw usageError({ vi: `${where}: là công tắc, phải là true hoặc false`, en: `${where}: is a switch: true or false` });
      }
      const v = takesValue ? (value === true ? true : String(value)) : value;
      const choices = opt.argChoices;
      if (choices && typeof v === "string" && !choices.includes(v)) {
        throw usageError(
          { vi: `${where}: "${v}" không hợp lệ cho lệnh ${name}; các giá trị được phép: ${choices.join(", ")}`, en: `${where}: "${v}" is not allowed for ${name}; the allowed values: ${choices.join(", ")}` },
          { vi: `Sửa giá trị, hoặc đặt nó trong defaults của lệnh dùng được nó (ví dụ "defaults": { "${name}": { "${key}": "${choices[0]}" } }).`, en: `Fix the value, or set it in the defaults of the command that takes it (e.g. "defaults": { "${name}": { "${key}": "${choices[0]}" } }).` },
        );
      }
      out[key] = v;
    }
  }
  return out;
}
