// Two independent 32-bit hashes of a string (FNV-1a and a multiplicative one): together they
// stand for the string where keeping millions of strings would cost too much memory.

export function hash2(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x12345678;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a | 0, Math.imul(b ^ (b >>> 13), 0x85ebca6b) | 0];
}
