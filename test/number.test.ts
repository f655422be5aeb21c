import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCount, parseDecimal, revealedDecimalMark } from "../src/normalize/number.js";

const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);

describe("parseCount", () => {
  it.each([
    ["1.361", 1361],
    ["1,361", 1361],
    ["1 361", 1361],
    ["1\u00a0361", 1361],
    ["1361", 1361],
    [" 42 ", 42],
    ["0", 0],
    ["311.598", 311598],
    ["1.234.567", 1234567],
    ["12.0", 12],
  ])("reads %j as %d", (cell, value) => {
    expect(parseCount(cell)).toEqual({ ok: true, value });
  });

  it.each(["", "   ", "-", "—"])("reads %j as not reported (null), never zero", (cell) => {
    expect(parseCount(cell)).toEqual({ ok: true, value: null });
  });

  it.each([
    ["1,5", "not_whole_number"],
    ["12.25", "not_whole_number"],
    ["-3", "negative_number"],
    ["- 3", "negative_number"],
    ["abc", "invalid_number"],
    ["1.36", "not_whole_number"],
    ["1.3611", "not_whole_number"],
    ["1,361.5", "not_whole_number"],
    ["1.361,361.000", "invalid_number"],
    ["12a", "invalid_number"],
    ["=1+1", "invalid_number"],
  ])("rejects %j as %s", (cell, code) => {
    expect(parseCount(cell)).toEqual({ ok: false, code });
  });

  it("reads every whole number the same however its thousands are grouped", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2_000_000_000 }), fc.constantFrom("", ".", ",", " "), (n, sep) => {
        expect(parseCount(group(n, sep))).toEqual({ ok: true, value: n });
      }),
      { numRuns: 2000 },
    );
  });

  it("never accepts a negative number", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom("", ".", ","), (n, sep) => {
        const r = parseCount(`-${group(n, sep)}`);
        expect(r.ok).toBe(false);
      }),
    );
  });

  it("never throws, whatever the cell", () => {
    fc.assert(fc.property(fc.string(), (s) => void parseCount(s)), { numRuns: 2000 });
  });
});

describe("parseDecimal", () => {
  it.each([
    ["30,5", ",", 30.5],
    ["30.5", ".", 30.5],
    ["30,5", null, 30.5],
    ["0.5", ",", 0.5],
    ["1.234,5", null, 1234.5],
    ["1,234.5", null, 1234.5],
    ["1.234", ",", 1234],
    ["1.234", ".", 1.234],
    ["1,234", ",", 1.234],
    ["2", null, 2],
  ] as const)("reads %j with mark %j as %d", (cell, mark, value) => {
    expect(parseDecimal(cell, mark)).toEqual({ ok: true, value });
  });

  it("leaves 1.234 to the file's convention, never a guess per cell", () => {
    expect(parseDecimal("1.234", null)).toEqual({ ok: false, code: "ambiguous_decimal" });
    expect(parseDecimal("1,234", null)).toEqual({ ok: false, code: "ambiguous_decimal" });
  });

  it.each(["-1,5", "1,2,3.4.5", "kg", "1.234.5,6.7"])("rejects %j", (cell) => {
    expect(parseDecimal(cell, ",").ok).toBe(false);
  });

  it("reads any decimal written with either convention back to its value", () => {
    fc.assert(
      fc.property(fc.nat({ max: 9_999_999 }), fc.integer({ min: 1, max: 9 }), (whole, tenth) => {
        const vi = `${group(whole, ".")},${tenth}`;
        const en = `${group(whole, ",")}.${tenth}`;
        const expected = whole + tenth / 10;
        expect(parseDecimal(vi, ",")).toEqual({ ok: true, value: expected });
        expect(parseDecimal(en, ".")).toEqual({ ok: true, value: expected });
      }),
    );
  });
});

describe("revealedDecimalMark", () => {
  it.each([
    ["30,5", ","],
    ["30.5", "."],
    ["1.234,5", ","],
    ["1,234.5", "."],
    ["1.234", null],
    ["12", null],
  ] as const)("%j reveals %j", (cell, mark) => {
    expect(revealedDecimalMark(cell)).toBe(mark);
  });
});
