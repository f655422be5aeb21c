// General robustness (item: null): the ordinary broken inputs a province's folder holds. The
// expected behaviour is what README.md and docs/ promise (exit statuses: README "Exit status").
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import iconv from "iconv-lite";
import type { Ctx, HostileCase, Run } from "./harness.js";
import { ROOT, tempDir } from "../helpers.js";
import { HEADER, ROWS, csv, noise, oneCell, smallSheet, withCell, xlsx, zipOf } from "./gen.js";
import { expectFigure, figure } from "./cases-issue.js";

const SMALL = csv([HEADER, ...ROWS]);
const JSONQ = ["--format", "json", "-q"];
const file = (name: string, data: string | Uint8Array | (() => string | Uint8Array)) => (c: Ctx) => void c.write(name, typeof data === "function" ? data() : data);
const fixture = (rel: string, as: string) => (c: Ctx) => void copyFileSync(join(ROOT, rel), c.p(as));

/** A one-cell count case: the value as written, and the figure it must give (or an error). */
function count(name: string, value: string, expected: number | "error" | "blank"): HostileCase {
  if (expected === "error") return { name: `count ${name}`, item: null, setup: file("v.csv", oneCell("cases_total", value)), args: ["summarize", "v.csv", "--format", "csv"], exit: 1, stderr: ":2 cases_total" };
  return {
    name: `count ${name}`,
    item: null,
    setup: file("v.csv", csv([["province", "commune", "cases_total", "meetings"], ["Lâm Đồng", "Xã Lát", value, "1"]])),
    args: ["summarize", "v.csv", ...JSONQ],
    exit: 0,
    check: expected === "blank" ? (_, run) => (figure(run, "cases_total") == null ? [] : [`cases_total = ${String(figure(run, "cases_total"))}, expected not reported`]) : expectFigure("cases_total", expected),
  };
}

const hasStdout = (text: string) => (_: Ctx, run: Run) => (run.stdout.toString("utf8").includes(text) ? [] : [`stdout lacks ${JSON.stringify(text)}`]);
const lacksStdout = (re: RegExp) => (_: Ctx, run: Run) => (re.test(run.stdout.toString("utf8")) ? [`stdout matches ${re}`] : []);

const files: HostileCase[] = [
  { name: "empty file", item: null, setup: file("v.csv", ""), args: ["summarize", "v.csv"], exit: 1, stderr: "empty_file" },
  { name: "only a UTF-8 BOM", item: null, setup: file("v.csv", "\ufeff"), args: ["summarize", "v.csv"], exit: 1, stderr: "empty_file" },
  { name: "only blank lines", item: null, setup: file("v.csv", "\n\r\n\n   \n"), args: ["summarize", "v.csv"], exit: 1 },
  { name: "only delimiters", item: null, setup: file("v.csv", ",,,,\n,,,,\n"), args: ["summarize", "v.csv"], exit: 1 },
  { name: "random binary as .csv", item: null, setup: file("v.csv", () => noise(64 << 10)), args: ["summarize", "v.csv"], exit: 3 },
  { name: "gzip as .csv", item: null, setup: file("v.csv", () => gzipSync(SMALL)), args: ["summarize", "v.csv"], exit: 3 },
  { name: "gzip as .csv.gz", item: null, setup: file("v.csv.gz", () => gzipSync(SMALL)), args: ["summarize", "v.csv.gz"], exit: 3 },
  { name: "zip that is not a workbook (.xlsx)", item: null, setup: file("v.xlsx", () => zipOf({ "readme.txt": "hello", "data.csv": SMALL })), args: ["summarize", "v.xlsx"], exit: 3 },
  { name: "empty zip as .xlsx", item: null, setup: file("v.xlsx", () => zipOf({})), args: ["summarize", "v.xlsx"], exit: 3 },
  { name: "truncated xlsx (60%)", item: null, setup: (c) => { const b = xlsx([smallSheet()]); c.write("v.xlsx", b.subarray(0, Math.floor(b.length * 0.6))); }, args: ["summarize", "v.xlsx"], exit: 3 },
  { name: "truncated xlsx (first 100 bytes)", item: null, setup: (c) => void c.write("v.xlsx", xlsx([smallSheet()]).subarray(0, 100)), args: ["summarize", "v.xlsx"], exit: 3 },
  { name: "PDF named .csv", item: null, setup: file("v.csv", "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), args: ["summarize", "v.csv"], exit: 3 },
  { name: "PNG named .xlsx", item: null, setup: file("v.xlsx", () => Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), noise(2000)])), args: ["summarize", "v.xlsx"], exit: 3 },
  { name: "ELF binary as input", item: null, setup: (c) => void copyFileSync(process.execPath, c.p("node.csv")), args: ["summarize", "node.csv"], exit: 3, timeoutMs: 60_000 },
  { name: "missing input", item: null, args: ["summarize", "nope.csv"], exit: 3, stderr: "nope.csv" },
  { name: "pattern matching nothing", item: null, args: ["summarize", "data/*.csv"], exit: 3 },
  { name: "empty input folder", item: null, setup: (c) => void mkdirSync(c.p("data")), args: ["summarize", "data/"], exit: 3 },
  { name: "folder of non-table files", item: null, setup: (c) => { mkdirSync(c.p("data")); c.write("data/readme.md", "# hi"); c.write("data/a.png", noise(100)); }, args: ["summarize", "data/"], exit: 3 },
  { name: "input is /dev/null", item: null, args: ["summarize", "/dev/null"], exit: [1, 3] },
  { name: "stdin empty", item: null, args: ["summarize", "-"], exit: 1 },
  { name: "stdin binary", item: null, stdin: noise(10_000, 7), args: ["summarize", "-"], exit: 3 },
  { name: "stdin gzip", item: null, stdin: gzipSync(SMALL), args: ["summarize", "-"], exit: 3 },
  // A file named twice is read once (today's behaviour): never counted twice.
  { name: "stdin given twice (- -)", item: null, stdin: SMALL, args: ["summarize", "-", "-", ...JSONQ], exit: [0, 2], check: (_, run) => (run.status === 0 ? expectFigure("cases_total", 60)(_, run) : []) },
  { name: "same file given twice", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "v.csv", ...JSONQ], exit: [0, 2], check: (_, run) => (run.status === 0 ? expectFigure("cases_total", 60)(_, run) : []) },
  { name: "500 small files in a folder", item: null, setup: (c) => { mkdirSync(c.p("d")); for (let i = 0; i < 500; i++) c.write(`d/x${String(i).padStart(3, "0")}.csv`, oneCell("cases_total", "1").replace("Xã Lát", `Xã ${i}`)); }, args: ["summarize", "d/", ...JSONQ], exit: 0, check: expectFigure("cases_total", 500) },
];

const workbooks: HostileCase[] = [
  { name: "zip bomb (1 GiB of spaces in sheet1)", item: null, setup: hostile("zip-bomb.xlsx"), args: ["summarize", "h.xlsx"], exit: 3 },
  { name: "zip bomb with lying sizes", item: null, setup: hostile("zip-bomb-lying.xlsx"), args: ["summarize", "h.xlsx"], exit: 3 },
  { name: "billion laughs + external entity", item: null, setup: hostile("entities.xlsx"), args: ["summarize", "h.xlsx", "--format", "csv", "--by", "commune"], exit: [0, 1, 3], never: ["lollol", /^[a-z0-9-]+\n?$/m] },
  { name: "a million styled empty rows", item: null, setup: hostile("million-empty-rows.xlsx"), args: ["summarize", "h.xlsx", ...JSONQ], exit: 0 },
  { name: "random bytes named .xlsx", item: null, setup: hostile("not-a-zip.xlsx"), args: ["summarize", "h.xlsx"], exit: 3 },
  { name: "truncated report-form xlsx", item: null, setup: hostile("truncated.xlsx"), args: ["summarize", "h.xlsx"], exit: 3 },
  { name: "xlsx error cell where a figure is", item: null, setup: file("e.xlsx", () => xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", { err: "#DIV/0!" }]])])), args: ["summarize", "e.xlsx"], exit: 1, stderr: "cell_error" },
  { name: "xlsx text 'Infinity' in a count", item: null, setup: file("e.xlsx", () => xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", "Infinity"]])])), args: ["summarize", "e.xlsx", "--format", "csv"], exit: 1, never: [/,Infinity/] },
  { name: "xlsx negative number cell", item: null, setup: file("e.xlsx", () => xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", -4]])])), args: ["summarize", "e.xlsx"], exit: 1, stderr: "negative_number" },
  { name: "xlsx fractional count cell", item: null, setup: file("e.xlsx", () => xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", 2.5]])])), args: ["summarize", "e.xlsx"], exit: 1, stderr: "not_whole_number" },
  { name: "xlsx boolean in a count", item: null, setup: file("e.xlsx", () => xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "Xã A", { bool: true }]])])), args: ["summarize", "e.xlsx"], exit: 1 },
  { name: "xlsx with no sheets", item: null, setup: file("e.xlsx", () => xlsx([])), args: ["summarize", "e.xlsx"], exit: [1, 3] },
  { name: "xlsx --sheet 99", item: null, setup: file("e.xlsx", () => xlsx([smallSheet()])), args: ["summarize", "e.xlsx", "--sheet", "99"], exit: [2, 3] },
  { name: "xlsx --sheet unknown name", item: null, setup: file("e.xlsx", () => xlsx([smallSheet()])), args: ["summarize", "e.xlsx", "--sheet", "Không có"], exit: [2, 3] },
  { name: "xlsx sheet name with formula text", item: null, setup: file("e.xlsx", () => xlsx([smallSheet("=cmd|' /C calc'!A0")])), args: ["summarize", "e.xlsx", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "xlsx 40,000-char cell in a name", item: null, setup: file("e.xlsx", () => xlsx([smallSheet("S", [["province", "commune", "cases_total"], ["Lâm Đồng", "X".repeat(40_000), 1]])])), args: ["summarize", "e.xlsx"], exit: 1, stderr: "cell_too_long", maxStderrBytes: 16 << 10 },
  { name: "html table saved as .xls", item: null, setup: fixture("fixtures/layouts/html-as.xls", "h.xls"), args: ["summarize", "h.xls", ...JSONQ], exit: 0 },
  { name: "html .xls with script", item: null, setup: file("h.xls", `<html><body><script>alert(1)</script><table><tr><td>province</td><td>commune</td><td>cases_total</td></tr><tr><td>Lâm Đồng</td><td>Xã &lt;b&gt;A</td><td>3</td></tr></table></body></html>`), args: ["summarize", "h.xls", "--format", "html", "--by", "commune", "-q"], exit: 0, never: ["<script>alert", "<b>A"] },
];
/** The hostile files of fixtures/make-layout-fixtures.mjs, made once per run of the corpus. */
let hostileDir: Promise<string> | null = null;
function hostile(name: string, as = "h.xlsx") {
  return async (c: Ctx) => {
    hostileDir ??= (async () => {
      const dir = tempDir("hostile-fixtures");
      await promisify(execFile)(process.execPath, [join(ROOT, "fixtures/make-layout-fixtures.mjs"), "--hostile", dir], { maxBuffer: 1 << 20 });
      return dir;
    })();
    copyFileSync(join(await hostileDir, name), c.p(as));
  };
}

const text: HostileCase[] = [
  { name: "unbalanced quote to end of file", item: null, setup: file("v.csv", `${csv([HEADER])}Lâm Đồng,Huyện A,"Xã Lát,5,1\nLâm Đồng,Huyện A,Xã B,3,1\n`), args: ["summarize", "v.csv", "--format", "csv"], exit: 3, stderr: "dòng 2" },
  { name: "stray quote mid-cell", item: null, setup: file("v.csv", withCell(0, "commune", 'Xã "Hiệp" An')), args: ["summarize", "v.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "mixed delimiters (, and ;)", item: null, setup: file("v.csv", "province,district,commune,cases_total\nLâm Đồng;Huyện A;Xã Lát;5\nLâm Đồng,Huyện A,Xã B,3\n"), args: ["summarize", "v.csv", "--format", "csv"], exit: [0, 1], never: [/,8\b/] },
  { name: "ragged rows (short and long)", item: null, setup: file("v.csv", "province,district,commune,cases_total,cases_solved\nLâm Đồng,Huyện A,Xã A,5\nLâm Đồng,Huyện A,Xã B,3,1,9,9,9\n"), args: ["summarize", "v.csv", "--format", "json"], exit: [0, 1] },
  { name: "duplicate headers", item: null, setup: file("v.csv", "province,commune,cases_total,cases_total\nLâm Đồng,Xã A,5,6\n"), args: ["summarize", "v.csv"], exit: 1, stderr: "duplicate_column" },
  { name: "duplicate headers by alias", item: null, setup: file("v.csv", "province,commune,cases_total,Số vụ phạm tội về trật tự xã hội\nLâm Đồng,Xã A,5,6\n"), args: ["summarize", "v.csv"], exit: 1, stderr: "duplicate_column" },
  { name: "header only", item: null, setup: file("v.csv", csv([HEADER])), args: ["summarize", "v.csv"], exit: 1, stderr: "no_data_rows" },
  { name: "no header at all (numbers only)", item: null, setup: file("v.csv", "1,2,3\n4,5,6\n"), args: ["summarize", "v.csv"], exit: 1, stderr: "no_header" },
  { name: "10 MB note cell (ignored column)", item: null, setup: hostile("big-cell.csv", "h.csv"), args: ["summarize", "h.csv", "--format", "json"], exit: [0, 1, 3], maxStderrBytes: 64 << 10 },
  { name: "10 MB commune name", item: null, setup: file("v.csv", () => oneCell("cases_total", "1").replace("Xã Lát", "Xã ".padEnd(10 << 20, "a"))), args: ["summarize", "v.csv"], exit: 1, stderr: "cell_too_long", maxStderrBytes: 64 << 10 },
  { name: "CR-only line endings", item: null, setup: file("v.csv", csv([HEADER, ...ROWS], { eol: "\r" })), args: ["summarize", "v.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  // A lone CR in a LF file is not a line end today: the two rows glue into one, reported as an
  // invalid number (no wrong figure). Either reading is acceptable; a wrong total is not.
  { name: "mixed LF / CRLF / CR", item: null, setup: file("v.csv", `${HEADER.join(",")}\r\n${ROWS[0]!.join(",")}\n${ROWS[1]!.join(",")}\r${ROWS[2]!.join(",")}\r\n`), args: ["summarize", "v.csv", ...JSONQ], exit: [0, 1], check: (_, run) => (run.status === 0 ? expectFigure("cases_total", 60)(_, run) : []) },
  { name: "trailing delimiter on every line", item: null, setup: file("v.csv", csv([HEADER, ...ROWS]).replace(/\n/g, ",\n")), args: ["summarize", "v.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "semicolon file", item: null, setup: file("v.csv", csv([HEADER, ...ROWS], { delimiter: ";" })), args: ["summarize", "v.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "Windows-1258 report form", item: null, setup: fixture("fixtures/layouts/lam-dong-2024-bieu-mau-cp1258.csv", "cp.csv"), args: ["summarize", "cp.csv", "--province", "Lâm Đồng", ...JSONQ], exit: 0, check: expectFigure("cases_total", 1173) },
  { name: "Windows-1258 small table", item: null, setup: file("v.csv", () => iconv.encode(csv([HEADER, ...ROWS]).normalize("NFD"), "windows1258")), args: ["summarize", "v.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "TCVN3 text", item: null, setup: fixture("fixtures/layouts/tcvn3.csv", "t.csv"), args: ["summarize", "t.csv", ...JSONQ], exit: 0 },
  { name: "TCVN3 with --encoding tcvn3", item: null, setup: fixture("fixtures/layouts/tcvn3.csv", "t.csv"), args: ["summarize", "t.csv", "--encoding", "tcvn3", ...JSONQ], exit: 0 },
  { name: "VNI text", item: null, setup: fixture("fixtures/layouts/vni.csv", "t.csv"), args: ["summarize", "t.csv", ...JSONQ], exit: 0 },
  { name: "UTF-16LE with BOM, tab", item: null, setup: fixture("fixtures/layouts/utf16-tab.txt", "t.txt"), args: ["summarize", "t.txt", ...JSONQ], exit: 0 },
  { name: "UTF-16BE with BOM, tab", item: null, setup: fixture("fixtures/layouts/utf16be-tab.txt", "t.txt"), args: ["summarize", "t.txt", ...JSONQ], exit: 0 },
  { name: "invalid UTF-8 bytes in a name", item: null, setup: file("v.csv", () => Buffer.concat([Buffer.from(csv([HEADER, ...ROWS.slice(0, 2)])), Buffer.from("Lâm Đồng,Huyện A,Xã \xff\xfe\xc3,30,7\n", "latin1")])), args: ["summarize", "v.csv", "--format", "csv"], exit: [0, 1] },
  { name: "UTF-8 forced on Windows-1258 bytes", item: null, setup: fixture("fixtures/layouts/lam-dong-2024-bieu-mau-cp1258.csv", "cp.csv"), args: ["summarize", "cp.csv", "--encoding", "utf-8"], exit: [1, 3], never: ["\ufffd"] },
  { name: "NFD names", item: null, setup: file("v.csv", SMALL.normalize("NFD")), args: ["summarize", "v.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "bidi override and zero-width in a name", item: null, setup: file("v.csv", withCell(0, "commune", "Xã \u202eAn\u200b")), args: ["summarize", "v.csv", "--format", "csv", "--by", "commune"], exit: [0, 1] },
  { name: "100,000-char header cell", item: null, setup: file("v.csv", `province,commune,${"x".repeat(100_000)},cases_total\nLâm Đồng,Xã A,1,5\n`), args: ["summarize", "v.csv", ...JSONQ], exit: 0, maxStderrBytes: 16 << 10, check: expectFigure("cases_total", 5) },
  { name: "3,000 unknown columns", item: null, setup: file("v.csv", `province,commune,cases_total,${Array.from({ length: 3000 }, (_, i) => `cột lạ ${i}`).join(",")}\nLâm Đồng,Xã A,5${",1".repeat(3000)}\n`), args: ["summarize", "v.csv", "--format", "json"], exit: 0, maxStderrBytes: 64 << 10, check: expectFigure("cases_total", 5) },
];

const numbers: HostileCase[] = [
  count("1.361 (dot thousands)", "1.361", 1361),
  count("1,361 (comma thousands)", "1,361", 1361),
  count("1 361 (space)", "1 361", 1361),
  count("1\u00a0361 (no-break space)", "1\u00a0361", 1361),
  count("1\u202f361 (narrow no-break space)", "1\u202f361", 1361),
  count("1'361 (apostrophe, Swiss grouping)", "1'361", 1361),
  count("1_361 (underscore)", "1_361", "error"),
  count("1.361.000 (two dot groups)", "1.361.000", 1_361_000),
  count("1,36,100 (lakh grouping)", "1,36,100", "error"),
  count("1.36 (bad grouping)", "1.36", "error"),
  count("1.361,5 (decimal comma)", "1.361,5", "error"),
  count("-3 (negative)", "-3", "error"),
  count("−3 (minus sign)", "\u22123", "error"),
  count("(3) (accounting negative)", "(3)", "error"),
  count("1,5 (decimal)", "1,5", "error"),
  count("2.50 (decimal)", "2.50", "error"),
  count("1e3", "1e3", "error"),
  count("0x10", "0x10", "error"),
  count("  12  (padded)", "  12 ", 12),
  count("\t12 (tab)", "\t12", 12),
  count("012 (leading zero)", "012", 12),
  count("+5", "+5", "error"),
  count("12abc", "12abc", "error"),
  count("— (em dash)", "—", "blank"),
  count("- (hyphen)", "-", "blank"),
  count("N/A", "N/A", "error"),
  count("NaN", "NaN", "error"),
  count("Infinity", "Infinity", "error"),
  count("１２ (fullwidth)", "１２", "error"),
  count("١٢ (Arabic-Indic)", "١٢", "error"),
  count("12% in a count", "12%", "error"),
  { name: "kg: 30,5 with --decimal-mark ,", item: null, setup: file("v.csv", oneCell("explosives_kg", "30,5")), args: ["summarize", "v.csv", "--decimal-mark", ",", ...JSONQ], exit: 0, check: expectFigure("explosives_kg", 30.5) },
  { name: "kg: 1.234 with no convention", item: null, setup: file("v.csv", oneCell("explosives_kg", "1.234")), args: ["summarize", "v.csv"], exit: 1, stderr: "ambiguous_decimal" },
  { name: "kg: -0,5", item: null, setup: file("v.csv", oneCell("explosives_kg", "-0,5")), args: ["summarize", "v.csv"], exit: 1, stderr: "negative_number" },
];

const names: HostileCase[] = [
  { name: "=HYPERLINK in a commune name, CSV output", item: null, setup: file("v.csv", withCell(0, "commune", '=HYPERLINK("http://evil.example","Xã A")')), args: ["summarize", "v.csv", "--format", "csv", "--by", "commune", "-q"], exit: 0, check: (c, r) => [...hasStdout("'=HYPERLINK")(c, r), ...lacksStdout(/(^|,)"?=HYPERLINK/m)(c, r)] },
  { name: "=HYPERLINK in a district name, CSV file", item: null, setup: file("v.csv", withCell(0, "district", '=HYPERLINK("http://evil.example")')), args: ["summarize", "v.csv", "--by", "district", "--output", "r.csv", "-q"], outputs: ["r.csv"], exit: 0, check: (c) => (/(^|,)"?=HYPERLINK/m.test(readText(c.p("r.csv"))) ? ["r.csv has a live =HYPERLINK"] : []) },
  { name: "+, -, @, tab, CR at the start of names", item: null, setup: file("v.csv", csv([["province", "commune", "cases_total"], ["Lâm Đồng", "+SUM(1)", "1"], ["Lâm Đồng", "-2+3", "1"], ["Lâm Đồng", "@cmd", "1"], ["Lâm Đồng", "\t=1", "1"], ["Lâm Đồng", "\r=2", "1"]])), args: ["summarize", "v.csv", "--format", "csv", "--by", "commune", "-q"], exit: [0, 1], check: lacksStdout(/(^|,)"?[+@\t\r=]|(^|,)"?-2/m) },
  { name: "formula in a validate CSV problem value", item: null, setup: file("v.csv", oneCell("cases_total", "=1+2")), args: ["validate", "v.csv", "--format", "csv"], exit: 1, check: lacksStdout(/(^|,)"?=1\+2/m) },
  { name: "<script> in a name, html output", item: null, setup: file("v.csv", withCell(0, "commune", "<script>alert(1)</script>")), args: ["summarize", "v.csv", "--format", "html", "--by", "commune", "-q"], exit: 0, never: ["<script>alert"] },
  { name: "| and newline in a name, md output", item: null, setup: file("v.csv", withCell(0, "district", "Huyện | A\nB")), args: ["summarize", "v.csv", "--format", "md", "--by", "district", "-q"], exit: [0, 1], check: lacksStdout(/Huyện \| A/) },
  { name: "quotes and newline in a name, json output", item: null, setup: file("v.csv", withCell(0, "commune", 'Xã "A"\nB')), args: ["summarize", "v.csv", "--format", "json", "--by", "commune", "-q"], exit: [0, 1] },
  { name: "very long file name (250 bytes)", item: null, setup: (c) => void c.write(`${"bao-cao-".repeat(30)}2024.csv`, SMALL), args: ["summarize", `${"bao-cao-".repeat(30)}2024.csv`, ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "file name with quotes and newline", item: null, setup: (c) => void c.write('a "b"\nc.csv', SMALL), args: ["summarize", 'a "b"\nc.csv', ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "file name starting with -", item: null, setup: (c) => void c.write("-x.csv", SMALL), args: ["summarize", ...JSONQ, "--", "-x.csv"], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "file name with glob characters", item: null, setup: (c) => void c.write("a[1]*.csv", SMALL), args: ["summarize", "a[1]*.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 60) },
  { name: "file name with ANSI escape in an error", item: null, setup: (c) => void c.write("\u001b[31mred.csv", oneCell("cases_total", "x")), args: ["summarize", "\u001b[31mred.csv"], exit: 1, never: ["\u001b[31m"] },
  { name: "__proto__ and constructor as headers", item: null, setup: file("v.csv", "province,commune,__proto__,constructor,cases_total\nLâm Đồng,Xã A,1,2,5\n"), args: ["summarize", "v.csv", ...JSONQ], exit: 0, check: expectFigure("cases_total", 5) },
  { name: "__proto__ as a commune name", item: null, setup: file("v.csv", withCell(0, "commune", "__proto__")), args: ["summarize", "v.csv", "--by", "commune", ...JSONQ], exit: 0 },
];
function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

const usage: HostileCase[] = [
  { name: "unknown option", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--frobnicate"], exit: 2 },
  { name: "no input", item: null, args: ["summarize"], exit: 2 },
  { name: "--delimiter xx", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--delimiter", "xx"], exit: 2 },
  { name: "--encoding bogus", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--encoding", "klingon"], exit: 2 },
  { name: "--max-problems -1", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--max-problems", "-1"], exit: 2 },
  { name: "--max-problems 1e400", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--max-problems", "1e400"], exit: 2 },
  { name: "--decimals 1000", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--decimals", "1000"], exit: 2 },
  { name: "--period garbage", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--period", "tháng sau"], exit: 2 },
  { name: "--by nonsense", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--by", "village"], exit: 2 },
  // Written to a pipe (not a terminal) the workbook's bytes are fine.
  { name: "--format xlsx to a pipe", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--format", "xlsx"], exit: 0, stdout: "PK" },
  { name: "--output with unknown extension", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--output", "r.exe"], exit: [0, 2], outputs: ["r.exe"] },
  { name: "--output in a missing folder", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--output", "nope/r.csv"], exit: 4 },
  { name: "--output empty string", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--output", ""], exit: 2 },
  { name: "--max-change 0", item: null, setup: (c) => { c.write("v.csv", SMALL); c.write("old.csv", SMALL); }, args: ["validate", "v.csv", "--baseline", "old.csv", "--max-change", "0"], exit: 2 },
  { name: "--units missing file", item: null, setup: file("v.csv", SMALL), args: ["summarize", "v.csv", "--units", "nope.csv"], exit: 3 },
  { name: "--mapping not JSON", item: null, setup: (c) => { c.write("v.csv", SMALL); c.write("m.json", "{not json"); }, args: ["summarize", "v.csv", "--mapping", "m.json"], exit: [2, 3] },
  { name: "--mapping with __proto__ key", item: null, setup: (c) => { c.write("v.csv", SMALL); c.write("m.json", '{"tdbv_mapping":1,"columns":{"__proto__":"cases_total","cases_total":"cases_total"}}'); }, args: ["summarize", "v.csv", "--mapping", "m.json", ...JSONQ], exit: [0, 2, 3] },
  { name: "inspect on binary", item: null, setup: file("v.bin", () => noise(4096)), args: ["inspect", "v.bin"], exit: 3 },
  { name: "rollup with no period anywhere", item: null, setup: file("v.csv", SMALL), args: ["rollup", "v.csv", "--every", "month"], exit: 1, stderr: "missing_period" },
  { name: "template --output over an existing folder", item: null, setup: (c) => void mkdirSync(c.p("t.xlsx")), args: ["template", "--output", "t.xlsx"], exit: [2, 4] },
  { name: "stdout is /dev/full", item: null, setup: file("v.csv", SMALL), shell: "$TDBV summarize v.csv --format csv > /dev/full", exit: 4 },
  { name: "stdout closed early (| head -c1)", item: null, setup: (c) => { c.write("v.csv", SMALL); }, shell: "set -o pipefail; $TDBV summarize v.csv --by commune --format json | head -c1 >/dev/null; echo ${PIPESTATUS[0]} >&2; exit 0", exit: 0, stderr: /^0\s*$/m },
];

export const GENERAL_CASES: HostileCase[] = [...files, ...workbooks, ...text, ...numbers, ...names, ...usage];
