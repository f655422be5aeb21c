// Shared by the --output tests: what a folder holds, to compare before and after a run.
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";

/** Every entry under `dir` (not following links): kind, mode, owner, link target, content hash. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      const r = rel ? `${rel}/${e}` : e;
      const st = lstatSync(p);
      const meta = `${st.mode.toString(8)} ${st.uid}:${st.gid}`;
      if (st.isSymbolicLink()) out[r] = `link ${readlinkSync(p)} ${meta}`;
      else if (st.isDirectory()) {
        out[r] = `dir ${meta}`;
        walk(p, r);
      } else if (st.isFile()) out[r] = `file ${createHash("sha256").update(readFileSync(p)).digest("hex")} ${meta}`;
      else out[r] = `special ${meta} ${st.rdev}`;
    }
  };
  walk(dir, "");
  return out;
}

