// Vietnamese order for names, as Intl.Collator("vi", { sensitivity: "base", numeric: true })
// gives it: a < ă < â < b … d < đ … o < ô < ơ … u < ư, tones and case ignored, numbers by value
// ("Phường 2" before "Phường 10"), a space before punctuation before digits before letters.
// Building ICU's Vietnamese collator costs about 7 ms, a tenth of a small summary's run, so
// names made only of those characters (nearly all) are compared here; a list with any other
// character is sorted by ICU itself. test/collate.test.ts checks the two agree.

const LETTERS = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split(" ");
const LETTER_RANK = new Map(LETTERS.map((l, i) => [l, 100 + i]));
/** Punctuation in ICU's order (below digits and letters, above the space). */
const PUNCTUATION = new Map([..."_-,.'()/&"].map((c, i) => [c, 2 + i]));
const SPACE = 1;
/** Tone marks: differences ICU ignores at base strength. */
const TONES = new Set([0x300, 0x301, 0x303, 0x309, 0x323]);
/** Marks that make a letter of its own: breve, circumflex, horn. */
const LETTER_MARKS = new Set([0x306, 0x302, 0x31b]);

/** A name's collation elements: numbers (space, punctuation, letters) and digit runs ("#12"); null if unsupported. */
type Key = readonly (number | string)[] | null;

const keys = new Map<string, Key>();

function keyOf(s: string): Key {
  let k = keys.get(s);
  if (k !== undefined) return k;
  k = computeKey(s);
  if (keys.size > 100_000) keys.clear();
  keys.set(s, k);
  return k;
}

function computeKey(s: string): Key {
  const d = s.normalize("NFD").toLowerCase();
  const out: (number | string)[] = [];
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c === 32) {
      out.push(SPACE);
    } else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < d.length && d.charCodeAt(j) >= 48 && d.charCodeAt(j) <= 57) j++;
      out.push(`#${d.slice(i, j).replace(/^0+(?=\d)/, "")}`);
      i = j - 1;
    } else if ((c >= 97 && c <= 122) || c === 0x111) {
      let letter = d[i]!;
      for (; i + 1 < d.length; i++) {
        const m = d.charCodeAt(i + 1);
        if (TONES.has(m)) continue;
        if (!LETTER_MARKS.has(m)) break;
        letter = (letter + d[i + 1]).normalize("NFC");
      }
      const rank = LETTER_RANK.get(letter);
      if (rank === undefined) return null;
      out.push(rank);
    } else {
      const p = PUNCTUATION.get(d[i]!);
      if (p === undefined) return null;
      out.push(p);
    }
  }
  return out;
}

function compareKeys(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const tx = typeof x === "string" ? 2 : x < 100 ? 1 : 3;
    const ty = typeof y === "string" ? 2 : y < 100 ? 1 : 3;
    if (tx !== ty) return tx - ty;
    if (typeof x === "string" && typeof y === "string") return x.length !== y.length ? x.length - y.length : x < y ? -1 : 1;
    return (x as number) - (y as number);
  }
  return a.length - b.length;
}

let icu: Intl.Collator | null = null;
const icuCompare = (a: string, b: string) => (icu ??= new Intl.Collator("vi", { sensitivity: "base", numeric: true })).compare(a, b);

/**
 * A comparison of names in Vietnamese order, for sorting `names`: ours when every name is made
 * of the characters above, else ICU's (one order for the whole sort, so it stays consistent).
 */
export function viCompare(names: Iterable<string>): (a: string, b: string) => number {
  for (const n of names) if (keyOf(n) === null) return icuCompare;
  return (a, b) => compareKeys(keyOf(a)!, keyOf(b)!);
}
