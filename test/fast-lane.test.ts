// The fast lane (src/normalize/lane.ts) must change the speed, never the result. A UTF-8 file
// of more than a thousand rows is read through it; the same text saved as UTF-16 is read by
// the text scanner and the full reading of every row. Both must give byte-identical reports,
// problems and row accounting, whatever the rows after the first thousand hold: quotes,
// decimals, grouped thousands, bad cells, total rows, section headings, NFD names, duplicates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { detectTable } from "../src/detect/table.js";
import { readLane, type LaneHooks } from "../src/normalize/lane.js";
import { collect } from "../src/pipeline/collect.js";
import { TALLY_INDEX } from "../src/domain/unit-row.js";
import { readCsv } from "../src/read/csv.js";
import { bufferSource } from "../src/read/source.js";
import type { Check } from "../src/validate/check.js";
import type { UnitRow } from "../src/domain/unit-row.js";
import { issue } from "../src/domain/problems.js";
import { memoryIo, sheet } from "./helpers.js";

const RUNS = Number(process.env.TDBV_LANE_RUNS ?? 60);


const HEADER = ["province", "district", "commune", "unit_type", "certified", "period", "Ghi chú", "cases_total", "cases_solved", "residential_areas_total", "residential_areas_certified", "meetings", "explosives_kg", "fireworks_kg"];
const TALLY_COUNT = HEADER.length - 7;
const COMMUNES = ["Xã Một", "Xã Hai", "Phường 3", "Thị trấn Lạc Dương", "X. Hoà Bình", "Xã Hòa Bình", "Xã Hòa Bình".normalize("NFD"), " Xã Một ", "Tổng cộng", "Cộng", ""];
const DISTRICTS = ["Huyện A", "Huyện B", "H. A", "", "Cộng huyện A"];
/** What a decimal column (explosives_kg, fireworks_kg) holds. */
const decimal = fc.oneof(
  fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 999 }), fc.constantFrom(".", ","), fc.constantFrom(1, 2, 3)).map(([a, b, m, k]) => `${a}${m}${String(b).padStart(k, "0").slice(0, k)}`),
  fc.nat({ max: 99 }).map(String),
  fc.constantFrom("3.", ".5", "1.234,5", "1,234.5"),
);
const figure = fc.oneof(
  { weight: 60, arbitrary: fc.nat({ max: 400 }).map(String) },
  { weight: 4, arbitrary: fc.constant("") },
  { weight: 4, arbitrary: fc.tuple(fc.nat({ max: 99_999_999 }), fc.constantFrom(".", ",")).map(([n, m]) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, m)) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 99 }), fc.constantFrom(".", ",")).map(([a, b, m]) => `${a}${m}${b}`) },
  { weight: 1, arbitrary: fc.constantFrom("12.5", "0,25", "1.234", "1,234", "12.50", "3.", ".5", "007", "1 234", " 5", "-3", "abc", "1e3", "9999999999999999", "123456789012345", "12.3456") },
);
/** A unit's text cells: mostly a few units over and over (so the lane knows them), now and then anything. */
const UNITS: [string, string, string, string, string][] = [
  ...Array.from({ length: 16 }, (_, k): [string, string, string, string, string] => ["Lâm Đồng", `Huyện ${"AB"[k % 2]}`, `Xã Số ${k}`, "xã", k % 3 ? "có" : "không"]),
  ["Lâm Đồng", "Huyện A", "Xã Một", "xã", "có"],
  ["Lâm Đồng", "Huyện A", "Xã Hai", "xã", "không"],
  ["Lâm Đồng", "Huyện B", "Phường 3", "phường", ""],
  ["Lâm Đồng".normalize("NFD"), "Huyện B", "Xã Hòa Bình".normalize("NFD"), "", "x"],
  ["Quảng Bình", "", "Thị trấn Lạc Dương", "thị trấn", "có"],
  ["Quảng Bình", "H. A", "X. Hoà Bình", "xã", "không"],
];
const oddUnit = fc.tuple(
  fc.constantFrom("Lâm Đồng", "Lâm Đồng".normalize("NFD"), "Quảng Bình", ""),
  fc.constantFrom(...DISTRICTS),
  fc.constantFrom(...COMMUNES),
  fc.constantFrom("", "xã", "phường", "thị trấn", "abc"),
  fc.constantFrom("", "có", "không", "x", "có lẽ"),
);
/** Variation in a row: its figures, now and then an odd period or note, a heading before it. */
const variation = fc.record({
  period: fc.oneof({ weight: 20, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom("", "T03/2024", "tháng 13") }),
  note: fc.oneof({ weight: 6, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom("tốt", "Cộng", "Tổng cộng", 'ok, "quoted"', "dòng\nmới") }),
  figures: fc.tuple(fc.array(figure, { minLength: TALLY_COUNT - 2, maxLength: TALLY_COUNT - 2 }), fc.array(fc.oneof(decimal, figure), { minLength: 2, maxLength: 2 })).map(([a, b]) => [...a, ...b]),
  heading: fc.nat({ max: 12 }),
  short: fc.nat({ max: 40 }),
});
/** Units reporting period after period, as a real export: each (unit, period) once, mostly. */
const tail = fc.record({
  units: fc.uniqueArray(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...UNITS) }, { weight: 1, arbitrary: oddUnit }), { minLength: 6, maxLength: 24 }),
  periods: fc.shuffledSubarray(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"], { minLength: 3 }),
  variations: fc.array(variation, { minLength: 1, maxLength: 40 }),
  crlf: fc.boolean(),
  /** How the head writes a decimal: it decides the file's decimal mark ("1.234" reads by it). */
  mark: fc.constantFrom("0.5", "0,5", "1"),
});

const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** The header and 999 plain rows (the head), then the generated rows (read in the lane). */
function file(t: typeof tail extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = [HEADER.join(",")];
  for (let i = 0; i < 999; i++) lines.push(["Lâm Đồng", "Huyện C", `Xã ${i}`, "xã", "có", "2024-01", "", "5", "4", "3", "3", "2", t.mark, "1"].map(quote).join(","));
  let n = 0;
  for (const period of t.periods) {
    for (const unit of t.units) {
      const v = t.variations[n++ % t.variations.length]!;
      if (v.heading === 0) lines.push(`,Huyện ${n % 2 ? "D" : "E"},,,,,,,,,,,,`);
      const cells = [...unit, v.period ?? period, v.note, ...v.figures].map(quote);
      lines.push((v.short === 0 ? cells.slice(0, 9) : cells).join(","));
    }
  }
  return lines.join(t.crlf ? "\r\n" : "\n") + "\n";
}

/**
 * A register of expected units: some of the generated ones, one that never reports. Runs with
 * --units keep every row's identity, so a row the lane fills again must be copied to be kept.
 */
const REGISTER = Buffer.from(
  ["province,district,commune", ...UNITS.slice(0, 12).map((u) => u.slice(0, 3).join(",")), "Lâm Đồng,Huyện A,Xã Không Báo Cáo"].join("\n") + "\n",
  "utf8",
);

async function run(args: string[], bytes: Buffer): Promise<string> {
  const io = memoryIo({ "t.csv": bytes, "units.csv": REGISTER });
  const status = await main([args[0]!, "t.csv", ...args.slice(1)], io);
  return `${status}\n${io.out.join("")}\n${io.err.join("")}`;
}

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);

describe("the fast lane", () => {
  it("gives exactly what the full reading gives", async () => {
    await fc.assert(
      fc.asyncProperty(tail, async (t) => {
        const text = file(t);
        for (const args of [
          ["summarize", "--format", "json", "--by", "commune", "--allow-errors"],
          ["validate", "--format", "json"],
          ["rollup", "--every", "quarter", "--format", "json", "--allow-errors"],
          ["summarize", "--format", "json", "--by", "district", "--units", "units.csv", "--allow-errors"],
          ["validate", "--format", "json", "--units", "units.csv"],
        ]) {
          expect(await run(args, Buffer.from(text, "utf8"))).toBe(await run(args, utf16(text)));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("reads plain rows in the lane and hands the others to the full reading", () => {
    const lines = [HEADER.join(",")];
    // The header and 999 rows fill the head: the lane starts at row 1001.
    for (let i = 0; i < 999; i++) lines.push(`Lâm Đồng,Huyện C,Xã ${i},xã,có,2024-01,,5,4,3,3,2,0.5,1`);
    const tail = [
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-02,,5,4,3,3,2,0.5,1", // names and period new: full, learnt
      "Lâm Đồng,Huyện C,Xã 2,xã,có,2024-02,,5,4,3,3,2,0.5,1", // names new: full, learnt
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-03,,5,4,3,3,2,0.5,1", // period new: full, learnt
      "Lâm Đồng,Huyện C,Xã 2,xã,có,2024-03,,5,4,,3,2,12.25,1", // all known: the lane
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-03,,1.234,4,3,3,2,0.5,1", // grouped thousands: the lane
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-03,,1.23,4,3,3,2,0.5,1", // a count with decimals: full
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-03,,1.23.456,4,3,3,2,0.5,1", // groups not of three: full
      'Lâm Đồng,Huyện C,"Xã 2",xã,có,2024-03,,5,4,3,3,2,0.5,1', // quotes: full
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-02,Tốt,5,4,3,3,2,0.5,1", // a note starting with T: full
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-02,,,,,,,,", // no figure: full
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-02,,1234567890123456,4,3,3,2,0.5,1", // 16 digits: full
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-02,,5,4,3,3,2,0.125,1", // three decimals (could be a thousand): full
      "Lâm Đồng,Huyện C,Xã 1,xã,có,2024-02,,5,4,3,3,2,0.25,1", // the lane
    ];
    const s = sheet([...lines, ...tail].join("\n") + "\n");
    const table = detectTable(s);
    expect(table.lines).not.toBeNull();
    const seen: string[] = [];
    const hooks: LaneHooks = {
      slow: (r) => {
        seen.push(`full ${r.row}`);
        const [province, district, commune, , , period] = r.cells as string[];
        return { origin: { file: "t.csv", sheet: null, row: r.row, columns: table.positions }, period: period!, province: province!, district: district!, commune: commune!, unitType: "xã", typeText: null, unitCode: null, certified: true, values: [], identity: commune!, invalid: false };
      },
      problems: () => 0,
      remember: (u) => u,
      section: () => null,
      unit: (rowNumber, known, period, _certified, values) => {
        seen.push(`lane ${rowNumber} ${known.commune} ${period} ${values.filter((v) => !Number.isNaN(v)).join(" ")}`);
      },
    };
    expect(readLane(table.lines!.records, table.lines!.first, table, hooks)).toBe(tail.length);
    expect(seen).toEqual([
      "full 1001",
      "full 1002",
      "full 1003",
      "lane 1004 Xã 2 2024-03 5 4 3 2 12.25 1",
      "lane 1005 Xã 1 2024-03 1234 4 3 3 2 0.5 1",
      "full 1006",
      "full 1007",
      "full 1008",
      "full 1009",
      "full 1010",
      "full 1011",
      "full 1012",
      "lane 1013 Xã 1 2024-02 5 4 3 3 2 0.25 1",
    ]);
  });

  it("reads a blank district by the section heading above the row, not the one it was first seen under", async () => {
    const lines = [HEADER.join(",")];
    for (let i = 0; i < 999; i++) lines.push(`Lâm Đồng,Huyện C,Xã ${i},xã,có,2024-01,,5,4,3,3,2,0.5,1`);
    lines.push("Lâm Đồng,,Xã K,xã,có,2024-02,,5,4,3,3,2,0.5,1", "Lâm Đồng,,Xã L,xã,có,2024-03,,5,4,3,3,2,0.5,1");
    lines.push(",Huyện D,,,,,,,,,,,,", "Lâm Đồng,,Xã K,xã,có,2024-03,,7,4,3,3,2,0.5,1");
    const text = lines.join("\n") + "\n";
    const args = ["summarize", "--format", "json", "--by", "commune", "--allow-errors"];
    const lane = await run(args, Buffer.from(text, "utf8"));
    expect(lane).toBe(await run(args, utf16(text)));
    const doc = JSON.parse(lane.slice(lane.indexOf("\n") + 1, lane.lastIndexOf("}") + 1));
    const k = doc.groups.filter((g: { commune: string | null; period: string }) => g.commune === "Xã K");
    expect(k.map((g: { district: string | null; period: string }) => `${g.period} ${g.district}`)).toEqual(["2024-02 null", "2024-03 Huyện D"]);
  });

  it("learns each unit's names once, however many units there are", () => {
    // 3,000 units learnt in one month; the next month, in the other order (so no row is found
    // by guessing it follows the last), every row is read in the lane but the first (its period
    // is new). The cache's table grows on the way: an entry learnt as it grew is found too.
    const lines = [HEADER.join(",")];
    for (let i = 0; i < 999; i++) lines.push(`Lâm Đồng,Huyện C,Xã ${i},xã,có,2024-01,,5,4,3,3,2,0.5,1`);
    for (const month of ["2024-02", "2024-03"]) {
      for (let k = 0; k < 3000; k++) lines.push(`Lâm Đồng,Huyện D,Xã ${month === "2024-02" ? k : 2999 - k},xã,có,${month},,5,4,3,3,2,0.5,1`);
    }
    const table = detectTable(sheet(lines.join("\n") + "\n"));
    const full: number[] = [];
    const hooks: LaneHooks = {
      slow: (r) => {
        full.push(r.row);
        const [province, district, commune, , , period] = r.cells as string[];
        return { origin: { file: "t.csv", sheet: null, row: r.row, columns: table.positions }, period: period!, province: province!, district: district!, commune: commune!, unitType: "xã", typeText: null, unitCode: null, certified: true, values: [], identity: commune!, invalid: false };
      },
      problems: () => 0,
      remember: (u) => u,
      section: () => null,
      unit: () => {},
    };
    expect(readLane(table.lines!.records, table.lines!.first, table, hooks)).toBe(6000);
    expect(full.filter((row) => row > 4000)).toEqual([4001]);
  });

  it("gives each kept row its own figures and place, though the lane reads every row into one object", () => {
    // A baseline's or a register's rows are kept (collect without a sink): the lane's array,
    // filled again for each row, must not be what they keep.
    const lines = [HEADER.join(",")];
    // Rows 1,001 to 1,500 teach the lane the units' names; it reads the last 500 itself.
    for (let i = 0; i < 2000; i++) lines.push(`Lâm Đồng,Huyện C,Xã ${i % 500},xã,có,2024-0${1 + Math.floor(i / 500)},,${i},0,3,3,2,0.5,1`);
    const c = collect([[sheet(lines.join("\n") + "\n")]], { by: "commune", province: null, period: null, decimalMark: null });
    expect(c.units).toHaveLength(2000);
    expect(c.units.map((u) => u.values[TALLY_INDEX.get("cases_total")!])).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(c.units.map((u) => `${u.origin.row} ${u.commune} ${u.period}`)).toEqual(Array.from({ length: 2000 }, (_, i) => `${i + 2} Xã ${i % 500} 2024-0${1 + Math.floor(i / 500)}`));
  });

  it("hands every unit row, alike to the last field, to every check, whichever path read it", () => {
    // A check planted beside the default ones sees each row the checks see. It records every
    // field of every row, and flags some: the rows and problems of the UTF-8 file (the lane
    // reads most of its rows) must equal those of the same text in UTF-16 (the full reading of
    // every row). A rule written anywhere the lane could skip would make them differ.
    const record = (u: UnitRow) =>
      JSON.stringify([u.origin.row, u.period, u.province, u.district, u.commune, u.unitType, u.typeText, u.unitCode, u.certified, u.identity, u.invalid ?? false, u.blankFigures ?? false, u.values.map((v) => (Number.isNaN(v) ? null : v))]);
    const planted = (seen: string[]): Check => ({
      name: "planted",
      codes: ["no_figures"],
      onRow(u, out) {
        seen.push(record(u));
        if (u.values[TALLY_INDEX.get("cases_total")!]! % 7 === 3) out.push(issue("no_figures", { file: u.origin.file, row: u.origin.row }, { vi: `cài ${u.commune}`, en: `planted ${u.commune}` }));
      },
    });
    const read = (bytes: Buffer) => {
      const seen: string[] = [];
      const c = collect([[readCsv(bufferSource("t.csv", bytes), { delimiter: null, encoding: null })]], { by: "commune", province: null, period: null, decimalMark: null }, () => {}, { checks: () => [planted(seen)] });
      return { seen, issues: c.issues.map((i) => `${i.row} ${i.code} ${i.message.en}`), counted: c.counted, excluded: c.excluded };
    };
    let laneRows = 0;
    fc.assert(
      fc.property(tail, (t) => {
        const text = file(t);
        const fast = read(Buffer.from(text, "utf8"));
        const full = read(utf16(text));
        expect(fast.seen.length).toBeGreaterThanOrEqual(999);
        expect(fast).toEqual(full);
        laneRows += fast.seen.length - 999;
      }),
      { numRuns: RUNS },
    );
    // The generated rows after the first thousand were there to be read in the lane.
    expect(laneRows).toBeGreaterThan(RUNS);
  });
});
