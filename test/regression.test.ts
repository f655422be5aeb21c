// One test per bug found, named for it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { textChunks } from "../src/read/decode.js";
import { ROOT, tdbv, tempDir } from "./helpers.js";

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
    const file = join(tempDir("utf8"), "2024.csv");
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

  // Text decoded in 1 MB chunks held back only its last two characters, so a VNI letter with
  // two mark bytes, or an NFD letter with two marks, cut by a chunk boundary came out broken
  // ("Laâm Đồng" read as a second province).
  it.each([
    ["vni", "fixtures/layouts/vni.csv"],
    ["utf-16le", "fixtures/layouts/utf16-tab.txt"],
  ])("a letter and its marks cut by a chunk boundary still compose (%s)", (encoding, path) => {
    let bytes = readFileSync(join(ROOT, path));
    if (encoding === "utf-16le") {
      // The same text with its letters decomposed (NFD), so marks follow letters.
      const text = bytes.subarray(2).toString("utf16le").normalize("NFD");
      bytes = Buffer.concat([bytes.subarray(0, 2), Buffer.from(text, "utf16le")]);
    }
    const whole = [...textChunks([bytes], encoding, "t")].join("");
    for (let cut = 1; cut < bytes.length; cut++) {
      expect([...textChunks([bytes.subarray(0, cut), bytes.subarray(cut)], encoding, "t")].join("")).toBe(whole);
    }
  });

  // A certified column left blank on every row was read as a column of marks, so every blank
  // meant "not certified" and the summary published 0% coverage for units that said nothing.
  it("a certified column with no mark at all is not reported, not 0%", () => {
    const csv = "Tỉnh,Huyện,Xã,Đạt chuẩn,Vụ phạm tội về TTXH\nLâm Đồng,Huyện A,Xã Một,,5\nLâm Đồng,Huyện A,Xã Hai,,3\n";
    const r = tdbv(["summarize", "-", "--format", "json", "-q"], { stdin: csv });
    expect(r.status, r.stderr).toBe(0);
    const g = JSON.parse(r.stdout).groups[0];
    expect(g.totals.communes_total).toBe(2);
    expect(g.totals.communes_certified ?? null).toBeNull();
    expect(g.ratios.commune_coverage?.value ?? null).toBeNull();
    // With one mark, blanks are "not certified" as before.
    const marked = tdbv(["summarize", "-", "--format", "json", "-q"], { stdin: csv.replace("Xã Một,,", "Xã Một,x,") });
    expect(JSON.parse(marked.stdout).groups[0].ratios.commune_coverage).toMatchObject({ numerator: 1, denominator: 2 });
  });

  // A stray opening quote made every line up to the next quote one cell of one row: units
  // vanished from the totals with no word about why.
  it.each([5, 1200])("a quoted cell over many lines is a warning naming its row and lines (row %i)", (at) => {
    const rows = ["province,district,commune,cases_total"];
    for (let i = 2; i <= 1500; i++) rows.push(`Lâm Đồng,Huyện A,Xã ${i},5`);
    rows[at - 1] = `Lâm Đồng,Huyện A,"Xã ${at},5`;
    rows[at + 19] = `Lâm Đồng,Huyện A,Xã" ${at + 20},5`;
    const r = tdbv(["summarize", "-", "--format", "json"], { stdin: `${rows.join("\n")}\n` });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`-:${at} một ô trong ngoặc kép kéo dài từ dòng ${at} đến dòng ${at + 20}: 21 dòng bị đọc thành một dòng`);
    expect(JSON.parse(r.stdout).rows.read).toBe(1499 - 20);
  });
});
