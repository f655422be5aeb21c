// DuckDB doing the benchmark's group sums, through the npm package @duckdb/node-api:
//   node bench/lib/duckdb-job.mjs FILE DELIMITER VI(0|1) COLUMNS
// COLUMNS: the tally columns, comma-separated (kilogram columns are summed as DECIMAL(18,2)).
// The package is loaded from $BENCH_DEPS/node_modules, else from the project's node_modules.
// Prints CSV: province, then the sum of each column; standard error gets the query time.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export function resolveDuckdb() {
  const bases = [];
  if (process.env.BENCH_DEPS) bases.push(join(process.env.BENCH_DEPS, "package.json"), join(process.env.BENCH_DEPS, "node_modules", "package.json"));
  bases.push(new URL("../../package.json", import.meta.url).pathname);
  for (const base of bases) {
    try {
      return createRequire(base).resolve("@duckdb/node-api");
    } catch {
      // try the next place
    }
  }
  return null;
}

async function main() {
  const [file, delimiter, vi, columnList] = process.argv.slice(2);
  const resolved = resolveDuckdb();
  if (!resolved) throw new Error("@duckdb/node-api not found (set BENCH_DEPS or install it as a devDependency)");
  const { DuckDBInstance } = await import(pathToFileURL(resolved).href);
  if (file === "--version") {
    // `node bench/lib/duckdb-job.mjs --version`: the package's version and DuckDB's.
    const { readFileSync } = await import("node:fs");
    const pkg = JSON.parse(readFileSync(join(resolved, "..", "..", "package.json"), "utf8"));
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const v = (await connection.runAndReadAll("SELECT library_version FROM pragma_version()")).getRows()[0][0];
    process.stdout.write(`@duckdb/node-api ${pkg.version} (DuckDB ${v})\n`);
    return;
  }
  const columns = columnList.split(",");
  const kg = (c) => c.endsWith("_kg");
  const q = (s) => `'${s.replaceAll("'", "''")}'`;
  const types = columns.map((c) => `${q(c)}: ${q(kg(c) ? "DECIMAL(18,2)" : "BIGINT")}`).join(", ");
  const options = [`delim = ${q(delimiter)}`, "header = true", `types = {${types}}`];
  if (vi === "1") options.push("decimal_separator = ','", "thousands = '.'");
  const sql = `SELECT province, ${columns.map((c) => `sum("${c}") AS "${c}"`).join(", ")}
    FROM read_csv(${q(file)}, ${options.join(", ")}) GROUP BY province ORDER BY province`;
  const t0 = process.hrtime.bigint();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(sql);
  const rows = reader.getRows();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let out = ["province", ...columns].join(",") + "\n";
  for (const r of rows) out += r.map((v) => (v === null ? "" : String(v))).join(",") + "\n";
  process.stdout.write(out);
  process.stderr.write(`duckdb query ${ms.toFixed(0)} ms\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    process.stderr.write(`duckdb-job: ${e.message}\n`);
    process.exitCode = 1;
  });
}
