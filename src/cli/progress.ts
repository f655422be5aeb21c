// Progress of a long read on a terminal: rows read and the rate, on standard error, rewritten
// in place. Shown only after the read has taken more than a second and a half, only when
// standard error is a terminal, never with --quiet; erased when the read ends.

export interface Progress {
  readonly tick: ((rowsRead: number) => void) | null;
  done(): void;
}

const DELAY_MS = 1500;

export function progress(enabled: boolean, write: (text: string) => void, now: () => number = () => performance.now(), lang: "vi" | "en" = "vi"): Progress {
  if (!enabled) return { tick: null, done: () => undefined };
  const start = now();
  let shown = false;
  let last = 0;
  return {
    tick(rows) {
      const t = now();
      if (t - start < DELAY_MS || t - last < 200) return;
      last = t;
      shown = true;
      const rate = Math.round(rows / ((t - start) / 1000));
      write(lang === "vi" ? `\rtdbv: đã đọc ${grouped(rows, ".")} dòng (${grouped(rate, ".")} dòng/giây)\u001b[K` : `\rtdbv: ${grouped(rows, ",")} rows read (${grouped(rate, ",")} rows/s)\u001b[K`);
    },
    done() {
      if (shown) write("\r\u001b[K");
    },
  };
}

/** 1361 -> "1.361" (Vietnamese) or "1,361" (English). */
const grouped = (n: number, mark: string) => String(n).replace(/\B(?=(\d{3})+$)/g, mark);
