#!/usr/bin/env node
// Writes test/data/lane-years.csv: two years (2023, 2024) of one invented province (Nghệ An,
// 8 districts, 640 communes), each commune's two rows one after the other, 1,281 unit rows in
// all (one is a duplicate). That is large enough that the rows after the first 1,000 (HEAD_ROWS
// in src/read/csv.ts) are read by the fast UTF-8 lane (src/normalize/fast.ts), so the golden
// cases on it go through the lane: a commune's 2023 row there is learnt (its names read in
// full), its 2024 row is read from the bytes. A few cells are wrong on purpose, before and after
// row 1,000 and on both kinds of lane row, and one row is repeated, so `validate` shows problems
// found by every path:
//
//   node test/data/make-lane-years.mjs           rewrite the CSV (the same bytes every time)
//   node test/data/make-lane-years.mjs --check   also compare tdbv's `summarize --by district
//                                                --format json --allow-errors` with sums made here
//
// Figures are invented and describe no real commune. Seeded (fixtures/random.mjs): no clock, no
// Math.random.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../../fixtures/random.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = "test/data/lane-years.csv";
const rnd = mulberry32(20240113);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

const PROVINCE = "Nghệ An";
/** District, communes, and the usual kind of commune in it. */
const DISTRICTS = [
  ["Thành phố Vinh", 80, "phường"],
  ["Thị xã Cửa Lò", 40, "phường"],
  ["Huyện Diễn Châu", 100, "xã"],
  ["Huyện Quỳnh Lưu", 95, "xã"],
  ["Huyện Nghi Lộc", 90, "xã"],
  ["Huyện Con Cuông", 70, "xã"],
  ["Huyện Kỳ Sơn", 85, "xã"],
  ["Huyện Thanh Chương", 80, "xã"],
];
const SYLLABLES = ["An", "Bình", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Mỹ", "Hưng", "Thuận", "Đông", "Tây", "Sơn", "Lộc", "Phước", "Thành", "Quang", "Vĩnh", "Xuân", "Hải", "Lạc", "Đức", "Nghĩa", "Kim", "Ngọc", "Minh", "Tiến", "Yên", "Thái", "Phong", "Châu", "Khánh", "Lương", "Diễn", "Quỳnh", "Nghi", "Mường", "Na"];
const TALLIES = ["cases_total", "cases_solved", "tips_received", "meetings", "meeting_attendees", "explosives_kg", "residential_areas_total", "residential_areas_certified", "security_teams", "cameras"];
const HEADER = ["province", "district", "commune", "unit_type", "certified", "period", ...TALLIES];
const YEARS = ["2023", "2024"];

// The communes, in file order.
const units = [];
for (const [district, count, usual] of DISTRICTS) {
  const taken = new Set();
  for (let i = 0; i < count; i++) {
    const type = usual === "xã" && i < 2 ? "thị trấn" : usual === "phường" && i >= count / 2 ? "xã" : usual;
    let name;
    do name = `${SYLLABLES[int(0, SYLLABLES.length - 1)]} ${SYLLABLES[int(0, SYLLABLES.length - 1)]}`;
    while (taken.has(name) || name.split(" ")[0] === name.split(" ")[1]);
    taken.add(name);
    const prefix = type === "xã" ? "Xã" : type === "phường" ? "Phường" : "Thị trấn";
    const areas = int(6, 24);
    units.push({ district, commune: `${prefix} ${name}`, type, areas, certifiedAreas: areas - int(0, 2), teams: areas - int(0, 1), cameras: int(5, 120) });
  }
}

// Wrong cells, by commune (its index in file order) and year. Communes 0-499 are in the first
// 1,000 rows (read in full); from commune 500 on, a 2023 row is learnt by the lane and a 2024
// row read from its bytes.
const PLANTED = new Map([
  ["12:2023", { column: "cases_total", text: "abc" }], // invalid_number
  ["140:2024", { column: "meetings", text: "-2" }], // negative_number
  ["333:2023", { column: "cases_solved", text: "999" }], // part_exceeds_whole
  ["520:2023", { column: "tips_received", text: "12a" }], // invalid_number, learnt by the lane
  ["555:2023", { column: "meetings", text: "2.5" }], // not_whole_number, learnt by the lane
  ["561:2024", { column: "cameras", text: "-7" }], // negative_number, read from the bytes
  ["590:2024", { column: "residential_areas_certified", text: "999" }], // part_exceeds_whole, from the bytes
  ["601:2024", { column: "cases_total", text: "x" }], // invalid_number, from the bytes
]);
/** The row written twice (duplicate_unit; the second time, its bytes are known to the lane). */
const DUPLICATE = "620:2024";

const lines = [HEADER.join(",")];
/** Sums of the rows without a planted problem, per district and year and over the province. */
const sums = new Map();
const add = (key, tally, v) => {
  const s = sums.get(key) ?? new Map();
  sums.set(key, s);
  s.set(tally, (s.get(tally) ?? 0) + v);
};
units.forEach((u, i) => {
  const certified = rnd() < 0.85 ? "có" : "không";
  for (const year of YEARS) {
    const cases = int(0, 40);
    const meetings = int(0, 40);
    const values = {
      cases_total: cases,
      cases_solved: cases - Math.min(cases, int(0, 8)),
      tips_received: int(0, 150),
      meetings,
      meeting_attendees: meetings * int(20, 60),
      explosives_kg: rnd() < 0.3 ? int(1, 19) / 2 : 0,
      residential_areas_total: u.areas,
      residential_areas_certified: year === "2023" ? u.certifiedAreas : Math.min(u.areas, u.certifiedAreas + int(0, 1)),
      security_teams: u.teams,
      cameras: u.cameras + (year === "2024" ? int(0, 20) : 0),
    };
    // About 1% of cells blank: not reported.
    const cells = TALLIES.map((t) => (rnd() < 0.01 && t !== "cases_total" && t !== "cases_solved" ? "" : String(values[t])));
    const planted = PLANTED.get(`${i}:${year}`);
    if (planted) cells[TALLIES.indexOf(planted.column)] = planted.text;
    const line = [PROVINCE, u.district, u.commune, u.type, certified, year, ...cells].join(",");
    lines.push(line);
    if (`${i}:${year}` === DUPLICATE) lines.push(line);
    if (planted) continue;
    TALLIES.forEach((t, k) => {
      if (cells[k] === "") return;
      add(`${u.district} ${year}`, t, Number(cells[k]));
      add(`${PROVINCE} ${year}`, t, Number(cells[k]));
    });
  }
});
writeFileSync(new URL(`../../${OUT}`, import.meta.url), `${lines.join("\n")}\n`);
process.stdout.write(`${OUT}: ${lines.length - 1} rows, ${Buffer.byteLength(lines.join("\n")) + 1} bytes\n`);

if (process.argv.includes("--check")) {
  const r = spawnSync(process.execPath, ["bin/tdbv", "summarize", OUT, "--by", "district", "--format", "json", "--allow-errors"], { cwd: ROOT, encoding: "utf8" });
  const report = JSON.parse(r.stdout);
  let differences = 0;
  for (const g of report.groups) {
    const key = `${g.level === "province" ? PROVINCE : g.district} ${g.period}`;
    for (const t of TALLIES) {
      const mine = Math.round((sums.get(key)?.get(t) ?? 0) * 100) / 100;
      if (g.totals[t] !== mine) {
        differences++;
        process.stdout.write(`${key} ${t}: tdbv ${g.totals[t]}, here ${mine}\n`);
      }
    }
  }
  process.stdout.write(`${report.groups.length} groups x ${TALLIES.length} tallies compared, ${differences} differ\n`);
  process.exitCode = differences ? 1 : 0;
}
