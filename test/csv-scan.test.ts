// Our CSV scanner against csv-parse (the reference parser, kept as a test dependency): the same
// records from any well-formed file, however it is cut into chunks.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Utf8Records } from "../src/read/csv-lines.js";
import { scanRecords, type LongRecord } from "../src/read/csv-scan.js";
import { toCsv } from "../src/render/csv.js";

const scan = (chunks: string[], d: string) => [...scanRecords(chunks, d, "t.csv")];
/** The byte scanner over the same text's UTF-8 bytes, cut at byte positions (inside characters too). */
function scanBytes(chunks: Buffer[], d: string): string[][] {
  const lines = new Utf8Records(chunks, d, "t.csv");
  const out: string[][] = [];
  while (lines.next()) out.push(lines.cells());
  return out;
}
const reference = (text: string, d: string) => parse(text, { delimiter: d, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];

/** `whole` cut at the given positions (taken modulo its length + 1): chunks as a reader gets them. */
function cutAt<T extends { length: number; slice(a: number, b?: number): T }>(whole: T, points: number[]): T[] {
  const at = [...new Set(points.map((p) => p % (whole.length + 1)))].sort((a, b) => a - b);
  const out: T[] = [];
  let prev = 0;
  for (const p of at) {
    out.push(whole.slice(prev, p));
    prev = p;
  }
  out.push(whole.slice(prev));
  return out;
}
const cut = (text: string, points: number[]) => cutAt(text, points);
/** The text's UTF-8 bytes cut at byte positions, inside characters too. */
const cutBytes = (text: string, points: number[]) => cutAt(Buffer.from(text, "utf8"), points);

const field = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom("", '"', '""', ",", ";", "\t", "\n", "\r\n", "a\nb", "Lâm Đồng", "1.361", "x,y", ' "quoted" ', "=1+1"),
);

describe("scanRecords", () => {
  it("reads what csv-stringify writes exactly as csv-parse does, in any chunking", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(",", ";", "\t"),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, d, crlf, points) => {
          const text = stringify(rows, { delimiter: d, record_delimiter: crlf ? "windows" : "unix", quoted_match: /[\r\n]/ });
          const expected = reference(text, d);
          expect(scan(cut(text, points), d)).toEqual(expected);
          expect(scanBytes(cutBytes(text, points), d)).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["blank lines are rows", "a,b\n\n1,2\n", [["a", "b"], [""], ["1", "2"]]],
    ["no newline at the end", "a,b\n1,2", [["a", "b"], ["1", "2"]]],
    ["CRLF", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]],
    ["a quote inside an unquoted field is a character", 'a,b"c,d\n', [["a", 'b"c', "d"]]],
    ["a quoted field with a line break and a delimiter", '"x\n,y",2\n', [["x\n,y", "2"]]],
    ["ragged rows", "a,b,c\n1\n", [["a", "b", "c"], ["1"]]],
  ])("%s", (_, text, expected) => {
    expect(scan([text], ",")).toEqual(expected);
    expect(scan(text.split(""), ",")).toEqual(expected);
    expect(scanBytes(cutBytes(text, [...Array(Buffer.byteLength(text)).keys()]), ",")).toEqual(expected);
  });

  it("says where a quote is never closed", () => {
    expect(() => scan(['a,b\n1,"open\n2,3\n'], ",")).toThrow(/t\.csv: a quoted field opened on line 2 is never closed/);
    expect(() => scanBytes([Buffer.from('a,b\n1,"open\n2,3\n')], ",")).toThrow(/t\.csv: a quoted field opened on line 2 is never closed/);
  });

  it("reads bytes: a BOM is dropped, NFD becomes NFC, a line can be had as a byte range", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("tỉnh,số\nLa\u0302m Đồng,1\n", "utf8")]);
    const lines = new Utf8Records([bytes.subarray(0, 2), bytes.subarray(2)], ",", "t.csv");
    expect(lines.next() && lines.cells()).toEqual(["tỉnh", "số"]);
    expect(lines.next() && lines.fields).toBeNull();
    expect(lines.cells()).toEqual(["Lâm Đồng", "1"]);
    expect(lines.buf.subarray(lines.start, lines.end).toString()).toBe("La\u0302m Đồng,1");
    expect(lines.line).toBe(2);
    expect(lines.next()).toBe(false);
  });

  it("refuses bytes that are not UTF-8, wherever they are, naming the line", () => {
    const bad = Buffer.concat([Buffer.from("a,b\n1,2\n\"x\ny\",3\n"), Buffer.from([0x34, 0x2c, 0xe3, 0x20, 0x31, 0x0a])]);
    const message = /t\.csv: line 5 is not valid UTF-8 \(bytes E3 20 31 0A\)/;
    expect(() => scanBytes([bad], ",")).toThrow(message);
    expect(() => scanBytes([bad.subarray(0, 9), bad.subarray(9)], ",")).toThrow(message);
    expect(() => scanBytes(cutAt(bad, [3, 11, 17]), ",")).toThrow(message);
  });

  it("notes a record whose quoted cell runs over more than five lines, with its row and lines", () => {
    const text = 'a,b\n1,"x\n2\n3\n4\n5\n6",7\n8,"two\nlines"\n9,10\n';
    const long: LongRecord[] = [];
    expect(scan([text], ",")).toEqual([...scanRecords([text], ",", "t.csv", long)]);
    const longBytes: LongRecord[] = [];
    const lines = new Utf8Records([Buffer.from(text)], ",", "t.csv", longBytes);
    while (lines.next()) lines.cells();
    expect(long).toEqual([{ row: 2, first: 2, last: 7 }]);
    expect(longBytes).toEqual(long);
  });
});

describe("the CSV writer", () => {
  it("writes records that csv-parse reads back exactly, whatever their cells hold", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "Đ", "ữ", ",", '"', "\n", "\r", " ", "=", "1", ".") });
    const cell = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (records, spreadsheet) => {
        const out = toCsv(records, spreadsheet);
        expect(out.startsWith("\ufeff")).toBe(spreadsheet);
        expect(out.endsWith(spreadsheet ? "\r\n" : "\n")).toBe(true);
        const back = parse(out, { bom: true, relax_column_count: true }) as string[][];
        expect(back).toEqual(records.map((r) => r.map((c) => String(c))));
      }),
      { numRuns: 500 },
    );
  });
});
