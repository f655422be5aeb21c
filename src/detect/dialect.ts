// Which delimiter a text table uses: the candidate that splits the first lines into the same
// number of fields most consistently (outside quotes). `.tsv` files default to tab; an
// explicit --delimiter always wins.

const CANDIDATES = [",", ";", "\t", "|"] as const;

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

export function detectDelimiter(text: string, fileName: string): string {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((l) => l.trim() !== "").slice(0, 50);
  if (fileName.toLowerCase().endsWith(".tsv") && lines.some((l) => l.includes("\t"))) return "\t";
  let best: { delimiter: string; score: number } = { delimiter: ",", score: 0 };
  for (const delimiter of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, delimiter));
    const freq = new Map<number, number>();
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 0;
    let modeLines = 0;
    for (const [c, n] of freq) if (n > modeLines || (n === modeLines && c > mode)) [mode, modeLines] = [c, n];
    // Lines agreeing on the mode count most; wider splits break ties (title rows disagree).
    const score = modeLines * 1000 + mode;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
