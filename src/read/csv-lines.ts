// UTF-8 delimited text -> records, streaming, straight from the bytes. The common line (no
// quote in it) is handed over as a byte range of the chunk, so the summary's fast lane
// (normalize/lane.ts) reads its figures without making a string per cell; any line can also be
// had as cells, decoded and split exactly as scanRecords does for the other encodings. A line
// with a quote is cut into its record here and parsed by the same quotedRecord. Bytes are
// checked to be UTF-8 as they come; text is NFC, line by line (a line break never combines).
// test/csv-scan.test.ts checks both scanners against csv-parse.

import { isUtf8 } from "node:buffer";
import { inputError } from "../errors.js";
import { noteLong, quotedRecord, unclosedQuote, type LongRecord } from "./csv-scan.js";

const NL = 10;
const CR = 13;
const QUOTE = 34;
const EMPTY = Buffer.alloc(0);
/** A Vietnamese letter written with a combining mark (U+0300–U+036F) needs composing. */
const COMBINING = /[\u0300-\u036f]/;

export const nfc = (s: string): string => (COMBINING.test(s) ? s.normalize("NFC") : s);

/**
 * The records of UTF-8 bytes, one at a time. After `next()` returns true, either `fields` holds
 * a record that had quotes, or `buf[start, end)` is a line without quotes or line break
 * (its CR dropped) and `fields` is null; `cells()` gives the current record as cells either way.
 */
export class Utf8Records {
  buf: Buffer = EMPTY;
  start = 0;
  end = 0;
  fields: string[] | null = null;
  /** Where the current record starts: the file's line number (records hold line breaks). */
  line = 0;
  private pos = 0;
  /** The next quote at or after `pos`, found once and reused line after line (-1: none in buf). */
  private q = -1;
  /** Bytes of buf before this are known to be UTF-8. */
  private checked = 0;
  private nextLine = 1;
  /** The memory buf is in (what was left of the last chunk, then the next one). */
  private work: Buffer = EMPTY;
  private ended = false;
  private first = true;
  private readonly d: number;
  /** Records read so far (the current one included): record i is row i. */
  private row = 0;
  /** The file's byte offset of buf[0]. */
  private base = 0;
  /** next() returns false at a record that starts at or past this byte offset of the file (worker threads' chunks). */
  stop = Infinity;
  private chunks: Iterator<Buffer>;

  constructor(
    chunks: Iterable<Buffer>,
    private readonly delimiter: string,
    private readonly file: string,
    /** Where records whose quoted cells run over many lines are noted. */
    private readonly long?: LongRecord[],
    /** A regular file's path and size, and its bytes from an offset on: jump() needs it. */
    readonly source?: { readonly path: string; readonly size: number; readonly from: (offset: number) => Iterable<Buffer> },
  ) {
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127) throw new Error("Utf8Records needs a one-byte delimiter");
    this.d = delimiter.charCodeAt(0);
    this.chunks = chunks[Symbol.iterator]();
  }

  /** The delimiter's byte. */
  get delimiterByte(): number {
    return this.d;
  }

  /** The file's byte offset where the next record starts. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** The line number the next record starts on. */
  get lineNumber(): number {
    return this.nextLine;
  }

  /** Records read so far. */
  get records(): number {
    return this.row;
  }

  /** Whether jump() can be used. */
  get seekable(): boolean {
    return this.source !== undefined;
  }

  /**
   * Goes on from the record that starts at byte `offset` of the file, on line `line`, after
   * `row` records (a record boundary found by reading up to it: a worker thread's chunk).
   */
  jump(offset: number, line: number, row: number): void {
    if (!this.source) throw new Error("Utf8Records.jump needs a seekable source");
    (this.chunks as Generator<Buffer>).return?.(undefined);
    this.chunks = this.source.from(offset)[Symbol.iterator]();
    this.buf = EMPTY;
    this.pos = 0;
    this.q = -1;
    this.checked = 0;
    this.base = offset;
    this.nextLine = line;
    this.row = row;
    this.ended = false;
    this.first = false;
    this.fields = null;
  }

  next(): boolean {
    for (;;) {
      const buf = this.buf;
      const pos = this.pos;
      if (this.base + pos >= this.stop) return false;
      const nl = buf.indexOf(NL, pos);
      if (nl !== -1 && nl < this.checked) {
        if (this.q !== -1 && this.q < pos) this.q = buf.indexOf(QUOTE, pos);
        this.line = this.nextLine;
        if (this.q === -1 || this.q > nl) {
          this.row++;
          this.fields = null;
          this.start = pos;
          this.end = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
          this.pos = nl + 1;
          this.nextLine++;
          return true;
        }
        const end = quotedEnd(buf, pos, this.checked, this.d);
        if (end !== -1) {
          this.take(pos, end + 1, false);
          return true;
        }
      }
      if (!this.refill()) return this.last();
    }
  }

  /** The current record's cells: as the text scanner would give them. */
  cells(): string[] {
    if (this.fields) return this.fields;
    return this.text(this.start, this.end).split(this.delimiter);
  }

  /** The text of buf[from, to), NFC. */
  text(from: number, to: number): string {
    return nfc(this.buf.toString("utf8", from, to));
  }

  /** Parses buf[from, to) as one record with quotes (to is past its line break, or the end). */
  private take(from: number, to: number, final: boolean): void {
    const text = this.text(from, to);
    const parsed = quotedRecord(text, 0, this.delimiter, true);
    if (parsed === null) throw unclosedQuote(this.file, this.nextLine);
    this.fields = parsed.fields;
    noteLong(this.long, ++this.row, this.nextLine, parsed.lines);
    this.nextLine += parsed.lines;
    this.pos = to;
    if (final && parsed.next < text.length) throw new Error("the last record was not read whole");
  }

  /** What follows the last line break, if anything: the last record. */
  private last(): boolean {
    if (this.pos >= this.buf.length) return false;
    this.line = this.nextLine;
    this.take(this.pos, this.buf.length, true);
    if (this.fields!.length === 1 && this.fields![0] === "") return false;
    return true;
  }

  /** Appends the next chunk to what is left; false at the end of the input. */
  private refill(): boolean {
    if (this.ended) return false;
    const r = this.chunks.next();
    const rest = this.buf.subarray(this.pos);
    this.base += this.pos;
    if (r.done) {
      this.ended = true;
      this.buf = rest;
      this.pos = 0;
      this.q = rest.indexOf(QUOTE);
      this.check(rest.length);
      return this.buf.length > 0 && this.buf.indexOf(NL) !== -1;
    }
    let chunk = r.value;
    if (this.first) {
      // A byte-order mark may come cut over the first chunks.
      while (chunk.length < 3) {
        const more = this.chunks.next();
        if (more.done) break;
        chunk = Buffer.concat([chunk, more.value]);
      }
      this.first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
        this.base += 3;
      }
    }
    const checkedRest = Math.max(0, this.checked - this.pos);
    // The chunk is copied after what is left of the last one, into a buffer of our own: the
    // source reads its next chunk into the same memory.
    const n = rest.length + chunk.length;
    if (n > this.work.length) {
      const bigger = Buffer.allocUnsafe(Math.max(n, 2 * this.work.length));
      rest.copy(bigger);
      this.work = bigger;
    } else if (rest.length) rest.copy(this.work);
    chunk.copy(this.work, rest.length);
    this.buf = this.work.subarray(0, n);
    this.pos = 0;
    this.checked = checkedRest;
    this.q = this.buf.indexOf(QUOTE);
    // Up to the last line break: a character never spans one.
    this.check(this.buf.lastIndexOf(NL) + 1);
    return true;
  }

  private check(upTo: number): void {
    if (upTo <= this.checked) return;
    if (!isUtf8(this.buf.subarray(this.checked, upTo))) {
      const bad = firstInvalid(this.buf, this.checked, upTo);
      let line = this.nextLine;
      for (let i = this.pos; i < bad; i++) if (this.buf[i] === NL) line++;
      const bytes = [...this.buf.subarray(bad, Math.min(bad + 4, upTo))].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
      throw inputError(
        {
          vi: `${this.file}: dòng ${line} không phải UTF-8 hợp lệ (các byte ${bytes})${line > 1 ? ", dù các dòng trước đó hợp lệ" : ""}`,
          en: `${this.file}: line ${line} is not valid UTF-8 (bytes ${bytes})${line > 1 ? ", though the lines before it are" : ""}`,
        },
        line > 1
          ? {
              vi: "Tệp trộn nhiều bảng mã: lưu lại thành CSV UTF-8, hoặc dùng --encoding với bảng mã đã dùng để ghi tệp.",
              en: "The file mixes encodings: re-save it as CSV UTF-8, or pass --encoding with the encoding it was written in.",
            }
          : {
              vi: "Dùng --encoding với bảng mã đã dùng để ghi tệp, hoặc lưu lại tệp thành CSV UTF-8.",
              en: "Pass --encoding with the encoding the file was written in, or re-save it as CSV UTF-8.",
            },
      );
    }
    this.checked = upTo;
  }
}

/**
 * The line break that ends the record starting at `from`, which has quotes, reading quoted
 * fields as quotedRecord does; -1 if it does not end before `limit`.
 */
function quotedEnd(buf: Buffer, from: number, limit: number, d: number): number {
  let i = from;
  for (;;) {
    if (buf[i] === QUOTE) {
      i++;
      for (;;) {
        const q = buf.indexOf(QUOTE, i);
        if (q === -1 || q >= limit) return -1;
        if (buf[q + 1] === QUOTE) {
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    while (i < limit) {
      const c = buf[i]!;
      if (c === d || c === NL) break;
      i++;
    }
    if (i >= limit) return -1;
    if (buf[i] === NL) return i;
    i++; // past the delimiter
  }
}

/** Where the first byte that breaks UTF-8 is in buf[from, to) (known to hold one). */
function firstInvalid(buf: Buffer, from: number, to: number): number {
  for (let i = from; i < to; ) {
    const b = buf[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0 || i + n > to || !isUtf8(buf.subarray(i, i + n))) return i;
    i += n;
  }
  return to;
}
