// Our Vietnamese order for names (src/domain/collate.ts) must be ICU's: the same sign as
// Intl.Collator("vi", { sensitivity: "base", numeric: true }) for any two names made of
// Vietnamese or Latin letters (any tone, either case, NFC or NFD), digits, spaces and the
// usual punctuation; and any list with another character is sorted by ICU itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { viCompare } from "../src/domain/collate.js";

const icu = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
const CHARS = [..."aăâbcdđeêfghijklmnoôơpqrstuưvwxyzAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ 0123456789_-,.'()/&"];
const name = fc
  .tuple(fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }), fc.boolean())
  .map(([cs, nfd]) => (nfd ? cs.join("").normalize("NFD") : cs.join("")));
const sign = (x: number) => Math.sign(x);

describe("Vietnamese order", () => {
  it("agrees with ICU's collator on names of Vietnamese letters, digits and punctuation", () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        expect(sign(viCompare([a, b])(a, b))).toBe(sign(icu.compare(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ["Phường 2", "Phường 10"],
    ["Xã An", "Xã Ân"],
    ["Đà Lạt", "Dương"],
    ["Huyện Ô", "Huyện Ơ"],
  ])("%s against %s", (a, b) => {
    const ours = viCompare([a, b])(a, b);
    expect(sign(ours)).toBe(sign(icu.compare(a, b)));
    expect(ours).not.toBe(0);
  });

  it("leaves a list with other characters to ICU", () => {
    const names = ["Zürich", "Ñandú", "東京", "Xã An"];
    const sorted = [...names].sort(viCompare(names));
    expect(sorted).toEqual([...names].sort(icu.compare));
  });
});
