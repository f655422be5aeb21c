// Preloaded with `node --import` when /usr/bin/time is missing: on exit, writes this process's
// peak resident set size (kilobytes, process.resourceUsage().maxRSS) to $BENCH_RSS_FILE. The
// benchmark's own process cannot see it: tdbv and the other jobs run as child processes.
import { writeFileSync } from "node:fs";

const out = process.env.BENCH_RSS_FILE;
if (out) {
  process.on("exit", () => {
    try {
      writeFileSync(out, String(process.resourceUsage().maxRSS));
    } catch {
      // nothing to report to
    }
  });
}
