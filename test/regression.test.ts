// One test per bug found, named for it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tdbv } from "./helpers.js";

describe("regressions", () => {
  // The first 64 KB, read to find the delimiter, were decoded as if they were the whole file,
  // so a UTF-8 character cut at byte 65,536 made a valid file "not valid utf-8".
  it("a UTF-8 character across the 64 KB sample boundary is no encoding error", () => {
    const header = "province,commune,cases_total\n";
    let text = header;
    let i = 0;
    while (Buffer.byteLength(text) < 65_536 - 40) text += `Lâm Đồng,Xã ${i++},1\n`;
    // Pad with ASCII so that the next row's "ệ" (3 bytes in UTF-8) starts at byte 65,535.
    const pad = 65_535 - Buffer.byteLength(text) - Buffer.byteLength("Lâm Đồng,X");
    text += `Lâm Đồng,X${"a".repeat(Math.max(0, pad))}ệ,1\n`;
    expect(Buffer.from(text).subarray(65_535, 65_538).toString()).toBe("ệ");
    const file = join(mkdtempSync(join(tmpdir(), "tdbv-utf8-")), "2024.csv");
    writeFileSync(file, text + "Lâm Đồng,Xã cuối,1\n");
    const r = tdbv(["summarize", file, "--format", "json", "-q"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).groups[0].units).toBe(i + 2);
  });

  // Excel for Mac's "CSV (Macintosh)" ends lines with a lone CR; the whole file read as one row.
  it("reads a file whose lines end with a lone CR", () => {
    const r = tdbv(["summarize", "-", "--format", "json", "-q"], { stdin: "province,commune,cases_total\rLâm Đồng,Xã Lát,3\rLâm Đồng,Xã Hai,4\r" });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect([doc.groups[0].units, doc.groups[0].totals.cases_total, doc.rows.read]).toEqual([2, 7, 2]);
  });
});
