// Issue 14, input side: what tdbv refuses or reads carefully, each case run end to end
// (bin/tdbv) on inputs made here, in temporary folders.
import { spawnSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx/xlsx.mjs";
import { BIN, ROOT, tdbv, tempDir } from "./helpers.js";

const HEADER = ["province", "district", "commune", "cases_total", "cases_solved"];

function book(sheets: { name: string; aoa: unknown[][]; hidden?: 0 | 1 | 2; cells?: Record<string, XLSX.CellObject>; merges?: XLSX.Range[] }[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(s.aoa);
    Object.assign(ws, s.cells ?? {});
    if (s.merges) ws["!merges"] = s.merges;
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  wb.Workbook = { Sheets: sheets.map((s) => ({ Hidden: s.hidden ?? 0 })) };
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
}

function json(args: string[]) {
  const r = tdbv([...args, "--format", "json"]);
  return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : null };
}

describe("formula cells without a saved value (issue 14.11)", () => {
  it("are an error naming the cell, not a blank read as 'not reported'", () => {
    const dir = tempDir("formula");
    const file = join(dir, "bao-cao.xlsx");
    // What libraries that do not calculate write: <f> and no <v> (SheetJS writes the first as
    // t="e" without a value, the second as a bare <f>).
    writeFileSync(
      file,
      book([
        {
          name: "Báo cáo",
          aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã B", 10, 5], ["Lâm Đồng", "Huyện A", "Xã C", null, null]],
          cells: { D3: { t: "n", f: "D2*2" } as XLSX.CellObject, E3: { t: "z", f: "E2+1" } as XLSX.CellObject },
        },
      ]),
    );
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(1);
    const issues = r.doc.issues.map((i: Record<string, unknown>) => [i.code, i.cell, i.column, i.value]);
    expect(issues).toEqual([
      ["formula_without_value", "D3", "cases_total", "=D2*2"],
      ["formula_without_value", "E3", "cases_solved", "=E2+1"],
    ]);
    const text = tdbv(["validate", file, "--format", "table"]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`[Báo cáo] D3 (cases_total) cases_total "=D2*2" là công thức chưa lưu kết quả`);
    expect(text.stdout).toContain("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại");
  });

  it("leaves formulas with a saved value, and formulas outside read columns, as they were", () => {
    const dir = tempDir("formula");
    const file = join(dir, "ok.xlsx");
    writeFileSync(
      file,
      book([
        {
          name: "S",
          aoa: [[...HEADER, "Ghi chú"], ["Lâm Đồng", "Huyện A", "Xã B", 10, 5], ["Lâm Đồng", "Huyện A", "Xã C", 20, 3, ""]],
          cells: { D3: { t: "n", v: 20, f: "D2*2" }, F3: { t: "z", f: "A1" } as XLSX.CellObject },
        },
      ]),
    );
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals.cases_total).toBe(30);
    expect(r.doc.issues.filter((i: Record<string, unknown>) => i.code === "formula_without_value")).toEqual([]);
  });
});

describe("hidden sheets (issue 14.12)", () => {
  const make = (dir: string) => {
    const file = join(dir, "an.xlsx");
    writeFileSync(
      file,
      book([
        { name: "Cũ", hidden: 1, aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã Z", 999, 1]] },
        { name: "Ẩn", hidden: 2, aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã Y", 888, 1]] },
        { name: "Báo cáo", aoa: [HEADER, ["Lâm Đồng", "Huyện A", "Xã B", 12, 4]] },
      ]),
    );
    return file;
  };

  it("are not read: the visible sheet is, and a note names the hidden ones", () => {
    const file = make(tempDir("hidden"));
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals.cases_total).toBe(12);
    expect(r.stderr).toContain(`không đọc các trang tính ẩn (Excel không hiện chúng): "Cũ" (ẩn), "Ẩn" (ẩn hẳn)`);
  });

  it("are read when --sheet names one, and inspect says which are hidden", () => {
    const file = make(tempDir("hidden"));
    const r = json(["summarize", file, "--sheet", "Ẩn"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals.cases_total).toBe(888);
    const named = tdbv(["inspect", file, "--sheet", "Báo cáo", "--lang", "en"]);
    expect(named.status).toBe(0);
    expect(named.stdout).toContain(`hidden:    "Cũ" (hidden), "Ẩn" (very hidden)`);
    const plain = tdbv(["inspect", file, "--lang", "en"]);
    expect(plain.stdout).toContain(`sheet:     "Báo cáo"`);
    expect(plain.stdout).toContain(`note: hidden sheets not read (Excel does not show them): "Cũ" (hidden), "Ẩn" (very hidden)`);
    expect(tdbv(["inspect", file]).stdout).toContain(`ghi chú: không đọc các trang tính ẩn (Excel không hiện chúng): "Cũ" (ẩn), "Ẩn" (ẩn hẳn)`);
  });
});

describe("a two-row merged header (issue 14.13)", () => {
  // The layout docs/input.md describes: STT, Tỉnh, Huyện, Xã merged over two rows, a subject
  // merged over its two columns, the roles under it.
  const layout = (offset: number) => {
    const aoa: unknown[][] = [];
    for (let i = 0; i < offset; i++) aoa.push(["BÁO CÁO KẾT QUẢ"]);
    aoa.push(["STT", "Tỉnh", "Huyện", "Xã", "Vụ phạm tội về TTXH", "", "Khu dân cư", ""]);
    aoa.push(["", "", "", "", "Xảy ra", "Làm rõ", "Tổng số", "Đạt chuẩn"]);
    aoa.push([1, "Lâm Đồng", "Huyện Lạc Dương", "Xã Lát", 10, 8, 12, 10]);
    aoa.push([2, "Lâm Đồng", "Huyện Lạc Dương", "Xã Đạ Sar", 20, 12, 9, 9]);
    const o = offset;
    const merges = [0, 1, 2, 3].map((c) => ({ s: { r: o, c }, e: { r: o + 1, c } }));
    merges.push({ s: { r: o, c: 4 }, e: { r: o, c: 5 } }, { s: { r: o, c: 6 }, e: { r: o, c: 7 } });
    return book([{ name: "Biểu 01", aoa, merges }]);
  };

  it.each([0, 1, 3])("is read the same with %i title rows above it", (offset) => {
    const dir = tempDir("merged");
    const file = join(dir, `form-${offset}.xlsx`);
    writeFileSync(file, layout(offset));
    const r = json(["summarize", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.doc.groups[0].totals).toEqual({ cases_total: 30, cases_solved: 20, residential_areas_total: 21, residential_areas_certified: 19 });
    const x = tdbv(["inspect", file, "--lang", "en"]);
    expect(x.stdout).toContain(`header:    rows ${offset + 1}-${offset + 2}`);
  });
});

const DATA = "province,district,commune,cases_total,cases_solved\nLâm Đồng,Huyện A,Xã B,12,4\nLâm Đồng,Huyện A,Xã C,8,6\n";

/** bin/tdbv run by bash, for what only a shell makes: named pipes, <(…), a bounded wait. */
function shell(script: string, env: Record<string, string> = {}, timeout = 20_000) {
  const r = spawnSync("bash", ["-c", script], { cwd: ROOT, env: { ...process.env, ...env, TDBV: `${process.execPath} ${BIN}` }, encoding: "utf8", timeout, maxBuffer: 16 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("links in an input folder (issue 14.7)", () => {
  it.each([
    ["a dangling link", (dir: string) => symlinkSync(join(dir, "gone.csv"), join(dir, "b.csv")), "liên kết tượng trưng trỏ tới một tệp không tồn tại"],
    [
      "a loop of links",
      (dir: string) => {
        symlinkSync(join(dir, "c.csv"), join(dir, "b.csv"));
        symlinkSync(join(dir, "b.csv"), join(dir, "c.csv"));
      },
      "một vòng lặp liên kết tượng trưng",
    ],
  ])("%s is an input error naming it (exit 3), in a folder and in a pattern", (_, make, message) => {
    const dir = tempDir("links");
    writeFileSync(join(dir, "a.csv"), DATA);
    make(dir);
    for (const arg of [dir, join(dir, "*.csv")]) {
      const r = tdbv(["summarize", arg]);
      expect(r.status, r.stderr).toBe(3);
      expect(r.stderr).toContain(`${join(dir, "b.csv")}: ${message}`);
      expect(r.stderr).not.toMatch(/internal error|lỗi nội bộ/);
      expect(r.stdout).toBe("");
    }
  });
});

describe("files read besides the data have a size limit (issue 14.8)", () => {
  it.each([
    ["--mapping", "tệp ánh xạ cột (--mapping) lớn hơn mức tdbv đọc (1 MB)"],
    ["--units", "danh sách đơn vị (--units) lớn hơn mức tdbv đọc (64 MB)"],
    ["--baseline", "tệp kỳ đối chiếu (--baseline) lớn hơn mức tdbv đọc (256 MB)"],
  ])("%s /dev/zero is refused at its limit, without reading on", (flag, message) => {
    const dir = tempDir("limits");
    writeFileSync(join(dir, "2024.csv"), DATA);
    // A bounded wait: before, --mapping /dev/zero grew without end.
    const r = shell(`exec $TDBV validate "${join(dir, "2024.csv")}" ${flag} /dev/zero`);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain(`/dev/zero: ${message}`);
  });

  it("a regular mapping file one byte over the limit is refused before it is read", () => {
    const dir = tempDir("limits");
    writeFileSync(join(dir, "2024.csv"), DATA);
    writeFileSync(join(dir, "m.json"), `{"tdbv_mapping":1,"columns":{}}${" ".repeat((1 << 20) - 30)}`);
    const r = tdbv(["summarize", join(dir, "2024.csv"), "--mapping", join(dir, "m.json")]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("tệp ánh xạ cột (--mapping) lớn hơn mức tdbv đọc (1 MB)");
    writeFileSync(join(dir, "ok.json"), `{"tdbv_mapping":1,"columns":{}}`);
    expect(tdbv(["summarize", join(dir, "2024.csv"), "--mapping", join(dir, "ok.json")]).status).toBe(0);
  });
});

describe("encodings and streams (issue 14.15)", () => {
  const utf16 = (text: string, be: boolean) => {
    const le = Buffer.from(text, "utf16le");
    return be ? Buffer.from(le).swap16() : le;
  };

  it.each([
    ["utf-16le", false],
    ["utf-16be", true],
  ])("UTF-16 without a byte-order mark is read with --encoding %s, and without it", (encoding, be) => {
    const dir = tempDir("utf16");
    const file = join(dir, "t.csv");
    writeFileSync(file, utf16(DATA, be));
    for (const args of [["--encoding", encoding], []]) {
      const r = json(["summarize", file, ...args]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.doc.groups[0]).toMatchObject({ province: "Tỉnh Lâm Đồng", totals: { cases_total: 20, cases_solved: 10 } });
    }
  });

  it("binary data with NUL bytes is still refused", () => {
    const dir = tempDir("utf16");
    const file = join(dir, "b.csv");
    writeFileSync(file, Buffer.from([0x50, 0x00, 0x01, 0x02, 0x00, 0x00, 0x10, 0x00, 0x1b, 0x00, 0x41, 0x00]));
    const r = tdbv(["summarize", file]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("dữ liệu nhị phân");
  });

  it.each([
    ["a named pipe", `mkfifo "$D/pipe.csv" && { cat "$D/t.csv" > "$D/pipe.csv" & } && exec $TDBV summarize "$D/pipe.csv" --format json`],
    ["/dev/stdin on a pipe", `cat "$D/t.csv" | $TDBV summarize /dev/stdin --format json`],
    ["/proc/self/fd/0 on a pipe", `cat "$D/t.csv" | $TDBV summarize /proc/self/fd/0 --format json`],
    ["<(zcat f.gz)", `gzip -c "$D/t.csv" > "$D/t.csv.gz" && $TDBV summarize <(zcat "$D/t.csv.gz") --format json`],
  ])("%s is read as a stream", (_, script) => {
    const dir = tempDir("streams");
    writeFileSync(join(dir, "t.csv"), DATA);
    const r = shell(script, { D: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).groups[0].totals).toMatchObject({ cases_total: 20, cases_solved: 10 });
  });
});
