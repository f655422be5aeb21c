// The configuration of a run: --config FILE, else tdbv.config.json in the current folder
// (--no-config: none). Its defaults fill the options the command line did not give (the
// command line always wins), each checked as the command checks its own flag; its dictionary
// (indicators, ratios, rules, targets) is the run's, through withDictionary. zod and the
// checking code are loaded only when there is a configuration.

import { join } from "node:path";
import type { Command, Option } from "commander";
import type { Config } from "../config/load.js";
import { DEFAULT_KEYS } from "../config/keys.js";
import { usageError } from "../errors.js";
import type { Io } from "./io.js";

const CONFIG_FILE = "tdbv.config.json";

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
  // Read as the other side files are: bounded (1 MB), a file too large or unreadable is exit 3.
  const { readSideFile } = await import("./read-inputs.js");
  const bytes = readSideFile(path, "config", io);
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
  for (const [key, [value, own]] of merged) {
    const opt = command.options.find((o: Option) => o.attributeName() === key);
    const where = `${config.source}: defaults.${own ? `${name}.` : ""}${key}`;
    if (!opt) {
      // A common default the command does not take is for the other commands.
      if (!own) continue;
      const allowed = [...new Set(command.options.map((o: Option) => o.attributeName()))].filter((k) => k in DEFAULT_KEYS);
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
    // A common default this command cannot take ("format": "md" for validate) is for the
    // commands that can; in the command's own section it is a mistake.
    if (choices && typeof v === "string" && !choices.includes(v) && !own) continue;
    if (choices && typeof v === "string" && !choices.includes(v)) {
      throw usageError(
        { vi: `${where}: "${v}" không hợp lệ cho lệnh ${name}; các giá trị được phép: ${choices.join(", ")}`, en: `${where}: "${v}" is not allowed for ${name}; the allowed values: ${choices.join(", ")}` },
        { vi: `Sửa giá trị, hoặc đặt nó trong defaults của lệnh dùng được nó (ví dụ "defaults": { "${name}": { "${key}": "${choices[0]}" } }).`, en: `Fix the value, or set it in the defaults of the command that takes it (e.g. "defaults": { "${name}": { "${key}": "${choices[0]}" } }).` },
      );
    }
    out[key] = v;
  }
  return out;
}
