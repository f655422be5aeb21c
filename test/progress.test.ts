import { describe, expect, it } from "vitest";
import { progress } from "../src/cli/progress.js";

describe("progress", () => {
  it("says nothing in the first second and a half, then rows and rate, and erases itself", () => {
    let t = 0;
    const out: string[] = [];
    const p = progress(true, (s) => out.push(s), () => t);
    t = 1000;
    p.tick!(10_000);
    expect(out).toEqual([]);
    t = 2000;
    p.tick!(500_000);
    expect(out).toEqual(["\rtdbv: đã đọc 500.000 dòng (250.000 dòng/giây)\u001b[K"]);
    const en: string[] = [];
    t = 0;
    const q = progress(true, (s) => en.push(s), () => t, "en");
    t = 2000;
    q.tick!(500_000);
    expect(en).toEqual(["\rtdbv: 500,000 rows read (250,000 rows/s)\u001b[K"]);
    p.done();
    expect(out.at(-1)).toBe("\r\u001b[K");
  });

  it("is off when standard error is no terminal or with --quiet", () => {
    const p = progress(false, () => {
      throw new Error("must not write");
    });
    expect(p.tick).toBeNull();
    p.done();
  });
});
