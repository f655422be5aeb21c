// Property tests over arbitrary and mutated inputs (issue 5): whatever the bytes, summarize
// and validate never crash (exit 70) or print a report when they fail on usage or input, every
// row read is accounted for, and every total equals the sum of the rows it is built from.
// They run in-process through main() with files served from memory.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { unitKey } from "../src/domain/text.js";
import { memoryIo } from "./helpers.js";

const RUNS = Number(process.env.TDBV_FUZZ_RUNS ?? 300);


const HEADERS = [
  "province", "Tỉnh", "district", "Huyện, thị xã, thành phố", "commune", "Xã", "Đơn vị", "unit_type", "certified", "period", "STT",
  "cases_total", "Số vụ điều tra làm rõ", "cases_solved", "residential_areas_total", "KDC đạt chuẩn", "explosives_kg", "Pháo (kg)",
  "meetings", "meeting_attendees", "Tỷ lệ (%)", "institutions_total", "agencies_total", "schools_total", "__proto__", "Ghi chú",
  "Khu dân cư đạt chuẩn/tổng số", "models_total", "models_effective", "security_teams", "security_team_members",
];
const NAMES = ["Lâm Đồng", "Quảng Bình", "Xã Lát", "X. Hoà Bình", "Xã Hòa Bình", "Phường 1", "TT. Lạc Dương", "Huyện Lạc Dương", "Tổng cộng", "Cộng", "I", "Người lập biểu", "Xã Tân An", "Xã Tấn An"];
const ODD = ["", " ", "-", "—", "=1+2", "+SUM(A1)", "@x", "\t=cmd", '"', '""', ",", ";", "\u200b", "e\u0301", "\u202e", "🙂", "NaN", "Infinity", "1e400", "0x10", "١٢٣"];

const cell = fc.oneof(
  fc.nat({ max: 5000 }).map(String),
  fc.integer({ min: -50, max: -1 }).map(String),
  fc.nat({ max: 9_999_999 }).map((n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".")),
  fc.nat({ max: 9_999_999 }).map((n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",")),
  fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 9 })).map(([a, b]) => `${a},${b}`),
  fc.bigInt({ min: 10n ** 15n, max: 10n ** 30n }).map(String),
  fc.constantFrom(...NAMES),
  fc.constantFrom(...ODD),
  fc.string({ maxLength: 12 }),
  fc.constantFrom("có", "không", "x", "xã", "phường", "2024", "2024-03", "2024-Q1"),
);

const quote = (c: string, d: string) => (/["\r\n]/.test(c) || c.includes(d) ? `"${c.replace(/"/g, '""')}"` : c);

const table = fc
  .record({
    headers: fc.shuffledSubarray(HEADERS, { minLength: 1, maxLength: 14 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 16 }), { maxLength: 25 }),
    delimiter: fc.constantFrom(",", ";", "\t"),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    nfd: fc.boolean(),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ headers, rows, delimiter, crlf, bom, nfd, cut }) => {
    let text = [headers, ...rows].map((r) => r.map((c) => quote(c, delimiter)).join(delimiter)).join(crlf ? "\r\n" : "\n");
    if (nfd) text = text.normalize("NFD");
    let bytes = Buffer.from((bom ? "\ufeff" : "") + text, "utf8");
    if (cut !== undefined && bytes.length) bytes = bytes.subarray(0, cut % (bytes.length + 1));
    return new Uint8Array(bytes);
  });

/** Mostly valid tables with a few mutated cells, so the sums are exercised, not only errors. */
const TALLY_HEADERS = ["cases_total", "cases_solved", "meetings", "meeting_attendees", "explosives_kg", "residential_areas_total", "cameras", "Số vụ xảy ra", "Tin có giá trị"];
const nearlyValid = fc
  .record({
    tallies: fc.shuffledSubarray(TALLY_HEADERS, { minLength: 1, maxLength: 5 }),
    rows: fc.array(
      fc.record({
        province: fc.constantFrom("Lâm Đồng", "Quảng Bình", "Lâm Đồng".normalize("NFD")),
        district: fc.constantFrom("Huyện A", "Huyện B", "H. A", ""),
        commune: fc.constantFrom("Xã Một", "Xã Hai", "X. Hoà Bình", "Xã Hòa Bình", "Phường 3", "Tổng cộng", ""),
        figures: fc.array(fc.oneof({ weight: 8, arbitrary: fc.nat({ max: 400 }).map(String) }, { weight: 1, arbitrary: cell }), { minLength: 5, maxLength: 5 }),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ tallies, rows }) => {
    const lines = [["province", "district", "commune", ...tallies].join(",")];
    for (const r of rows) lines.push([r.province, r.district, r.commune, ...r.figures.slice(0, tallies.length)].map((c) => quote(c, ",")).join(","));
    return new Uint8Array(Buffer.from(lines.join("\n"), "utf8"));
  });

const anyInput = fc.oneof(
  { weight: 3, arbitrary: nearlyValid },
  { weight: 3, arbitrary: table },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
);

type Group = { level: string; province: string; district: string | null; commune: string | null; period: string | null; units: number; totals: Record<string, number | null> };

/** Each district and province group equals the sum of the commune groups under it. */
function checkSums(groups: Group[]): void {
  const communes = groups.filter((g) => g.level === "commune");
  for (const g of groups.filter((x) => x.level !== "commune")) {
    // Spelling variants of a name are one unit ("H. A" is "Huyện A"), so compare by identity key.
    const k = (x: string | null) => unitKey(x ?? "");
    const under = communes.filter((c) => c.period === g.period && k(c.province) === k(g.province) && (g.level === "province" || k(c.district) === k(g.district)));
    expect(g.units).toBe(under.reduce((a, c) => a + c.units, 0));
    for (const [name, total] of Object.entries(g.totals)) {
      const parts = under.map((c) => c.totals[name]).filter((v): v is number => v !== null && v !== undefined);
      if (parts.length === 0) expect(total).toBeNull();
      else expect(Math.abs(total! - parts.reduce((a, b) => a + b, 0))).toBeLessThan(1e-6 * Math.max(1, Math.abs(total!)));
    }
  }
}

const balanced = (rows: { read: number; counted: number; skipped: Record<string, number> }) =>
  expect(rows.read).toBe(rows.counted + Object.values(rows.skipped).reduce((a, b) => a + b, 0));

describe(`arbitrary inputs (${RUNS} cases per property)`, () => {
  it("summarize never crashes, accounts for every row and adds up", async () => {
    let counted = 0;
    await fc.assert(
      fc.asyncProperty(anyInput, async (bytes) => {
        const io = memoryIo({ "in.csv": bytes });
        const status = await main(["summarize", "in.csv", "--format", "json", "--by", "commune", "--allow-errors"], io);
        expect([0, 1, 3], io.err.join("")).toContain(status);
        if (status === 3) return void expect(io.out.join("")).toBe("");
        const doc = JSON.parse(io.out.join(""));
        balanced(doc.rows);
        checkSums(doc.groups);
        if (doc.groups.length) counted++;
      }),
      { numRuns: RUNS },
    );
    // The sums were checked on real groups in a good share of the cases, not only on errors.
    expect(counted).toBeGreaterThan(RUNS / 5);
  });

  it("validate never crashes and its counts match its problems", async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (bytes) => {
        const io = memoryIo({ "in.csv": bytes });
        const status = await main(["validate", "in.csv", "--format", "json"], io);
        expect([0, 1, 3], io.err.join("")).toContain(status);
        if (status === 3) return void expect(io.out.join("")).toBe("");
        const doc = JSON.parse(io.out.join(""));
        balanced(doc.rows);
        expect(doc.counts.errors + doc.counts.warnings).toBe(doc.problems.length);
        expect(status).toBe(doc.counts.errors > 0 ? 1 : 0);
      }),
      { numRuns: RUNS },
    );
  });

  it("a usage error prints nothing on standard output", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("--by", "village", "--format", "xml", "--decimals", "-1", "--every", "--nope", "-x"), { minLength: 1, maxLength: 4 }), async (flags) => {
        const io = memoryIo({ "in.csv": new TextEncoder().encode("province,commune,cases_total\nA,B,1\n") });
        const status = await main(["summarize", "in.csv", ...flags], io);
        if (status === 2) expect(io.out.join("")).toBe("");
        expect(status).not.toBe(70);
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });
});

describe("unitKey", () => {
  // The definition, step by step; unitKey skips the steps that would change nothing.
  const PREFIXES: [RegExp, string][] = [
    [/^x\.\s*/u, "xã "], [/^p\.\s*/u, "phường "], [/^tt\.\s*/u, "thị trấn "], [/^tp\.\s*/u, "thành phố "],
    [/^tx\.\s*/u, "thị xã "], [/^h\.\s*/u, "huyện "], [/^q\.\s*/u, "quận "],
  ];
  const OLD_TONE = /([ou])([aey])([\u0300\u0301\u0303\u0309\u0323])(?![\p{L}\u0300-\u036f])/gu;
  const definition = (name: string) => {
    let key = name.normalize("NFC").toLowerCase().replace(/[\s\u00a0]+/g, " ").trim();
    for (const [re, full] of PREFIXES) key = key.replace(re, full);
    return key.normalize("NFD").replace(OLD_TONE, "$1$3$2").normalize("NFC");
  };
  // Every vowel that takes the tone in the old style, with each tone, in both cases.
  const toned = [..."àáảãạèéẻẽẹỳýỷỹỵ"].flatMap((c) => [c, c.toUpperCase()]);
  const pieces = ["x.", "X. ", "p.", "tt.", "TP.", "tx. ", "h.", "q.", " ", "\u00a0", "o", "u", "O", "U", "a", "e", "y", ...toned, "ậ", "ặ", "ê", "ơ", "ư", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "Hoà", "Thuỷ", "Khoẻ", "Xã", "Phường", "An", "Bình", "đ", "1", "."];
  it("gives what its definition gives, for any spelling", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 8 }), (parts) => {
        const name = parts.join("");
        expect(unitKey(name)).toBe(definition(name));
      }),
      { numRuns: 5000 },
    );
    for (const name of ["X. Hoà  Bình", "Xã Hòa Bình", "TT. Lạc Dương", "Phường Thuỷ Xuân", "xã khoẻ", "Xã Tân An", "Xã Tấn An"]) expect(unitKey(name)).toBe(definition(name));
    // Each old-style syllable (o or u, then a toned vowel) ends a name.
    for (const first of ["o", "u", "O", "U"]) for (const c of toned) expect(unitKey(`Xã Th${first}${c}`)).toBe(definition(`Xã Th${first}${c}`));
  });
});
