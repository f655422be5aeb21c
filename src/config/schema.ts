// The shape of tdbv.config.json, as a zod schema: the one definition that checks a file
// (config/load.ts), types it, and is published as schema/config.schema.json for editors
// (`npm run schema:config` writes it; test/config.test.ts fails when the file is stale).
// Loaded only when a configuration is used: zod is not on the start-up path of a plain run.

import { z } from "zod";
import { DEFAULT_KEYS } from "./keys.js";

export { DEFAULT_KEYS };

const NAME = /^[a-z][a-z0-9_]*$/;
const name = () => z.string().regex(NAME, { error: "a name is lower case letters, digits and _, starting with a letter (drug_cases)" });
const label = () => z.string().trim().min(1);

/** A value of an option in `defaults`: as on the command line (numbers and switches as JSON numbers and booleans). */
const optionValue = z.union([z.string(), z.number(), z.boolean()]);


export const COMMANDS = ["summarize", "rollup", "validate", "inspect", "template"] as const;

const defaultsSection = z.strictObject(Object.fromEntries(Object.keys(DEFAULT_KEYS).map((k) => [k, optionValue.optional()])));

export const Defaults = z.strictObject({
  ...Object.fromEntries(Object.keys(DEFAULT_KEYS).map((k) => [k, optionValue.optional()])),
  ...Object.fromEntries(COMMANDS.map((c) => [c, defaultsSection.optional()])),
});

export const Indicator = z.strictObject({
  name: name(),
  vi: label(),
  en: label(),
  aliases: z.array(label()).optional(),
  kind: z.enum(["flow", "stock"]),
  type: z.enum(["count", "decimal"]).optional(),
});

export const Ratio = z.strictObject({
  name: name(),
  vi: label(),
  en: label(),
  numerator: z.string(),
  denominator: z.string(),
  percent: z.boolean().optional(),
  better: z.enum(["higher", "lower"]).optional(),
});

export const PartRule = z.strictObject({
  part: z.string(),
  whole: z.string(),
  severity: z.enum(["error", "warning"]).optional(),
});

export const SumRule = z.strictObject({
  sum: z.string(),
  parts: z.array(z.string()).min(2),
});

export const Band = z.strictObject({
  grade: label(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const Target = z.strictObject({
  ratio: z.string().optional(),
  tally: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  province: z.string().optional(),
  district: z.string().optional(),
  commune: z.string().optional(),
  bands: z.array(Band).optional(),
});

export const ConfigFile = z.strictObject({
  $schema: z.string().optional(),
  defaults: Defaults.optional(),
  indicators: z.array(Indicator).optional(),
  ratios: z.array(Ratio).optional(),
  rules: z.array(z.union([PartRule, SumRule])).optional(),
  targets: z.array(Target).optional(),
});

export type ConfigFile = z.infer<typeof ConfigFile>;

/** The JSON Schema of the file, for editors (schema/config.schema.json). */
export function configJsonSchema(): unknown {
  return {
    ...(z.toJSONSchema(ConfigFile) as object),
    title: "tdbv.config.json",
    description: "A province's indicators, ratios, rules, targets and default options for tdbv (docs/configuration.md).",
  };
}

/** The keys an object at `path` of the file may have (for "unknown key" messages), or null. */
export function allowedKeysAt(path: readonly PropertyKey[]): string[] | null {
  let s: unknown = ConfigFile;
  for (const step of path) {
    s = unwrap(s);
    const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; options?: unknown[] } }).def;
    if (!def) return null;
    if (def.type === "object" && typeof step === "string") s = def.shape?.[step];
    else if (def.type === "array" && typeof step === "number") s = def.element;
    else return null;
  }
  s = unwrap(s);
  const def = (s as { def?: { type?: string; shape?: Record<string, unknown>; options?: unknown[] } }).def;
  if (def?.type === "object") return Object.keys(def.shape ?? {});
  if (def?.type === "union") return [...new Set((def.options ?? []).flatMap((o) => Object.keys((unwrap(o) as { def: { shape?: object } }).def.shape ?? {})))];
  return null;
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type?: string; innerType?: unknown } };
  while (cur?.def && (cur.def.type === "optional" || cur.def.type === "default" || cur.def.type === "nullable")) cur = cur.def.innerType as typeof cur;
  return cur;
}
