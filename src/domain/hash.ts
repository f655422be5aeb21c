// Unit identities numbered in the order met, each kept as two independent 32-bit hashes of its
// text (FNV-1a and a multiplicative one): together they stand for the string where keeping
// millions of strings would cost too much memory.

function hash2(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x12345678;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a | 0, Math.imul(b ^ (b >>> 13), 0x85ebca6b) | 0];
}

/** Open addressing over pairs of 32-bit hashes (the second never 0, so 0 0 is an empty slot): each pair's number, in the order met. */
class KeyTable {
  private keys = new Int32Array(2 << 10);
  private numbers = new Int32Array(1 << 10);
  size = 0;

  /** The pair's number: the one it was given before, or the next. */
  add(h1: number, h2: number): number {
    const keys = this.keys;
    const mask = this.numbers.length - 1;
    let i = h1 & mask;
    for (let k2 = keys[i * 2 + 1]!; k2 !== 0; k2 = keys[i * 2 + 1]!) {
      if (k2 === h2 && keys[i * 2] === h1) return this.numbers[i]!;
      i = (i + 1) & mask;
    }
    keys[i * 2] = h1;
    keys[i * 2 + 1] = h2;
    const n = (this.numbers[i] = this.size++);
    // Grown at three quarters full: linear probing stays short.
    if (this.size * 4 > (mask + 1) * 3) this.grow();
    return n;
  }

  /** Every pair, by its number: pairs[2n], pairs[2n + 1]. */
  pairs(): Int32Array {
    const out = new Int32Array(2 * this.size);
    for (let j = 0; j < this.numbers.length; j++) {
      if (this.keys[j * 2 + 1] === 0) continue;
      const n = this.numbers[j]!;
      out[2 * n] = this.keys[j * 2]!;
      out[2 * n + 1] = this.keys[j * 2 + 1]!;
    }
    return out;
  }

  private grow(): void {
    const { keys: oldKeys, numbers: oldNumbers } = this;
    const keys = (this.keys = new Int32Array(oldKeys.length * 2));
    const numbers = (this.numbers = new Int32Array(oldNumbers.length * 2));
    const mask = numbers.length - 1;
    for (let j = 0; j < oldNumbers.length; j++) {
      if (oldKeys[j * 2 + 1] === 0) continue;
      let i = oldKeys[j * 2]! & mask;
      while (keys[i * 2 + 1] !== 0) i = (i + 1) & mask;
      keys[i * 2] = oldKeys[j * 2]!;
      keys[i * 2 + 1] = oldKeys[j * 2 + 1]!;
      numbers[i] = oldNumbers[j]!;
    }
  }
}

/**
 * The numbers of one run's unit identities. A number is the same for every row of that unit,
 * whatever the file, and dense (0, 1, 2, … in the order met), so per-period records of units are
 * plain arrays. An identity is kept as its two 32-bit hashes, not as a string: two identities
 * sharing both (odds about 1 in 10^18 per pair) would be taken for one. One per run (see
 * normalize/names.ts): two runs in one process number their units alike.
 */
export class UnitNumbers {
  private readonly table = new KeyTable();

  /** The identity's number: the one it was given before, or the next. */
  of(identity: string): number {
    const [a, b] = hash2(identity);
    return this.table.add(a, b | 1);
  }

  /** The identities numbered so far, as their hashes by number (a worker thread's, for numbersOf). */
  save(): Int32Array {
    return this.table.pairs();
  }

  /**
   * Another run's numbers (save(), from a worker thread's chunk) as this run's: numbered in
   * order, as the chunk's rows would have numbered them here.
   */
  numbersOf(pairs: Int32Array): Int32Array {
    const map = new Int32Array(pairs.length >> 1);
    for (let n = 0; n < map.length; n++) map[n] = this.table.add(pairs[2 * n]!, pairs[2 * n + 1]!);
    return map;
  }

  /** How many unit identities have been numbered. */
  get count(): number {
    return this.table.size;
  }
}
