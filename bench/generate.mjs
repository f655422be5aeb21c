#!/usr/bin/env node
// Deterministic generator of commune-month tally CSVs for the benchmark (issue 6).
//
//   node bench/generate.mjs --rows N --out FILE [--vi] [--seed S] [--units U] [--start YYYY-MM]
//                           [--crlf] [--print-totals] [--no-totals]
//
// One row per (commune, month): province, district, commune, unit_type, certified, period and
// 34 tallies of the dictionary (docs/input.md) under their canonical names, 40 columns in all.
// Row i is unit (i mod U) in month floor(i / U), so 1M rows are 10,000 units x 100 months and no
// (unit, period) pair repeats; a smaller file is a prefix of a larger one with the same seed.
// The rules of docs/input.md hold on every row (parts never exceed wholes, security team
// members >= teams, models_new <= models_total, institutions_* omitted), so tdbv reports no
// problem. About 1.5% of tally cells are blank ("not reported").
//
// Default: comma, plain numbers (1234, 12.5). --vi: semicolon, Vietnamese formatting (1.234,
// 12,5). Either way the file is UTF-8 (NFC) without BOM, LF line ends (--crlf for CRLF).
//
// While writing, the generator adds up, independently of tdbv, cases_total, cases_solved,
// meetings and explosives_kg (exact, in hundredths) per province and per province and year,
// with the number of rows that reported each, and writes them to FILE.totals.json
// (--print-totals also prints them on standard output). A test can compare tdbv's output with
// them. No clock and no Math.random: the same arguments give the same bytes.

import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const GENERATOR_VERSION = 1;

// --- the 63 provinces (before the 2025 merger), and name syllables -------------------------

export const PROVINCES = [
  "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Bà Rịa - Vũng Tàu",
  "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương",
  "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên",
  "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang",
  "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng",
  "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ",
  "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng",
  "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
  "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
].map((s) => s.normalize("NFC"));

const SYLLABLES = [
  "An", "Bình", "Hòa", "Phú", "Tân", "Long", "Thạnh", "Mỹ", "Hưng", "Thuận", "Đông", "Tây",
  "Nam", "Bắc", "Trung", "Sơn", "Thủy", "Lộc", "Phước", "Hiệp", "Thành", "Quang", "Vĩnh", "Xuân",
  "Hải", "Hà", "Lạc", "Cẩm", "Đức", "Nghĩa", "Kim", "Ngọc", "Lâm", "Hồng", "Minh", "Tiến",
  "Thắng", "Lợi", "Yên", "Thái", "Phong", "Gia", "Châu", "Điền", "Khánh", "Hậu", "Thới", "Lương",
  "Quý", "Định", "Vạn", "Ninh", "Đồng", "Cát", "Hiếu", "Trường", "Sa", "Liên", "Tường", "Dương",
  "Hội", "Văn", "Thịnh", "Phúc", "Lập", "Mường", "Nà", "Chiềng", "Ea", "Đạ", "Krông", "Tà",
].map((s) => s.normalize("NFC"));

// --- columns ---------------------------------------------------------------------------------

export const IDENTIFIER_COLUMNS = ["province", "district", "commune", "unit_type", "certified", "period"];
export const TALLY_COLUMNS = [
  "cases_total", "cases_solved", "serious_cases_total", "serious_cases_solved", "suspects_handled",
  "wanted_caught", "tips_received", "residential_areas_total", "residential_areas_certified",
  "agencies_total", "agencies_certified", "schools_total", "schools_certified",
  "complex_areas_total", "complex_areas_transformed", "meetings", "meeting_attendees",
  "outreach_sessions", "outreach_attendees", "leaflets", "pledges_signed", "dignitaries_visited",
  "models_total", "models_effective", "models_new", "security_teams", "security_team_members",
  "cameras", "guns_surrendered", "ammunition_rounds", "explosives_kg", "grenades", "fireworks_kg",
  "commendations",
];
/** Columns holding kilograms (decimals); every other tally is a whole count. */
export const DECIMAL_COLUMNS = new Set(["explosives_kg", "fireworks_kg"]);
/** The tallies whose per-province sums the generator records. */
export const CHECKED = ["cases_total", "cases_solved", "meetings", "explosives_kg"];

// --- deterministic PRNG: sfc32 seeded through splitmix32 --------------------------------------

function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function prng(seed) {
  const sm = splitmix32(seed);
  let a = sm(), b = sm(), c = sm(), d = sm();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

// --- the units: 63 provinces, ~700 districts, U communes ---------------------------------------

function weightedSplit(total, parts, minEach, rnd) {
  const w = Array.from({ length: parts }, () => 0.4 + rnd() * 1.6);
  const sum = w.reduce((a, b) => a + b, 0);
  const spare = total - minEach * parts;
  const out = w.map((x) => minEach + Math.floor((spare * x) / sum));
  let left = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) out[i]++;
  return out;
}

function pick(arr, rnd) {
  return arr[Math.floor(rnd() * arr.length)];
}

function uniqueName(prefix, taken, rnd) {
  for (let tries = 0; ; tries++) {
    const words = tries < 200 ? 2 : 3;
    let s = pick(SYLLABLES, rnd);
    for (let i = 1; i < words; i++) {
      let w = pick(SYLLABLES, rnd);
      while (w === s) w = pick(SYLLABLES, rnd);
      s += " " + w;
    }
    const name = `${prefix} ${s}`.normalize("NFC");
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** The units, in file order, each with its static profile and its evolving stocks. */
export function makeUnits(unitCount, seed, districtCount = 700) {
  const rnd = prng(seed ^ 0x5eed0001);
  const districtsPer = weightedSplit(districtCount, PROVINCES.length, 4, rnd);
  const districts = [];
  PROVINCES.forEach((province, p) => {
    const taken = new Set();
    for (let d = 0; d < districtsPer[p]; d++) {
      const r = rnd();
      const kind = r < 0.62 ? "Huyện" : r < 0.78 ? "Thị xã" : r < 0.9 ? "Thành phố" : "Quận";
      districts.push({ province, kind, name: uniqueName(kind, taken, rnd) });
    }
  });
  const communesPer = weightedSplit(unitCount, districts.length, 3, rnd);
  const units = [];
  districts.forEach((d, i) => {
    const taken = new Set();
    let townships = 0;
    let numbered = 0;
    for (let c = 0; c < communesPer[i]; c++) {
      let type;
      const r = rnd();
      if (d.kind === "Quận") type = "phường";
      else if (d.kind === "Huyện") type = r < 0.1 && townships < 2 ? "thị trấn" : "xã";
      else if (d.kind === "Thành phố") type = r < 0.7 ? "phường" : "xã";
      else type = r < 0.5 ? "phường" : "xã";
      if (type === "thị trấn") townships++;
      let name;
      if (type === "phường" && d.kind === "Quận" && r < 0.5) {
        name = `Phường ${++numbered}`;
        if (taken.has(name)) name = uniqueName("Phường", taken, rnd);
        else taken.add(name);
      } else {
        name = uniqueName(type === "xã" ? "Xã" : type === "phường" ? "Phường" : "Thị trấn", taken, rnd);
      }
      const urban = type === "phường" ? 1 : type === "thị trấn" ? 0.6 : 0;
      const scale = 0.5 + rnd() * 1.5 + urban;
      const ra = 3 + Math.floor(rnd() * 18 * (0.6 + scale / 3));
      const agencies = Math.floor(rnd() * (5 + 40 * urban) * scale);
      const schools = 1 + Math.floor(rnd() * 8 * scale);
      const models = 1 + Math.floor(rnd() * 8);
      const teams = Math.max(1, ra - Math.floor(rnd() * 3));
      units.push({
        province: d.province,
        district: d.name,
        commune: name,
        type,
        scale,
        urban,
        certifiedRate: 0.75 + rnd() * 0.24,
        ra,
        raCert: ra - Math.floor(rnd() * Math.min(3, ra + 1)),
        agencies,
        agenciesCert: agencies - Math.floor(rnd() * Math.min(4, agencies + 1)),
        schools,
        schoolsCert: schools - Math.floor(rnd() * Math.min(2, schools + 1)),
        complex: rnd() < 0.25 ? 1 + Math.floor(rnd() * 3) : 0,
        models,
        modelsEff: models - Math.floor(rnd() * Math.min(3, models + 1)),
        teams,
        members: teams * (3 + Math.floor(rnd() * 5)),
        cameras: Math.floor(rnd() * (20 + 400 * urban) * scale),
      });
    }
  });
  return { units, districts: districts.length };
}

// --- formatting ------------------------------------------------------------------------------

function groupThousands(n) {
  const s = String(n);
  if (s.length <= 3) return s;
  let out = s.slice(0, s.length % 3 || 3);
  for (let i = out.length; i < s.length; i += 3) out += "." + s.slice(i, i + 3);
  return out;
}

/** Hundredths -> "12.5" / "12,5"; at most two decimals, trailing zeros dropped. */
function decimalText(h, vi) {
  const whole = Math.floor(h / 100);
  const frac = h % 100;
  const w = vi ? groupThousands(whole) : String(whole);
  if (frac === 0) return w;
  const f = frac % 10 === 0 ? String(frac / 10) : String(frac).padStart(2, "0");
  return w + (vi ? "," : ".") + f;
}

export function hundredthsToString(h) {
  const whole = Math.floor(h / 100);
  return `${whole}.${String(h % 100).padStart(2, "0")}`;
}

// --- one month of one unit -------------------------------------------------------------------

/** A count with mean about `mean`: a rounded exponential, cheap and skewed like real tallies. */
function count(rnd, mean) {
  if (mean <= 0) return 0;
  return Math.floor(-Math.log(1 - rnd()) * mean);
}

function evolve(u, rnd) {
  const nudge = (v, lo, hi) => {
    const r = rnd();
    if (r < 0.03) return Math.min(hi, v + 1);
    if (r < 0.05) return Math.max(lo, v - 1);
    return v;
  };
  u.ra = nudge(u.ra, 1, 60);
  u.raCert = nudge(Math.min(u.raCert, u.ra), 0, u.ra);
  u.agencies = nudge(u.agencies, 0, 400);
  u.agenciesCert = nudge(Math.min(u.agenciesCert, u.agencies), 0, u.agencies);
  u.schools = nudge(u.schools, 0, 60);
  u.schoolsCert = nudge(Math.min(u.schoolsCert, u.schools), 0, u.schools);
  u.complex = nudge(u.complex, 0, 6);
  u.teams = nudge(u.teams, 1, 80);
  u.members = Math.max(u.teams, nudge(u.members, u.teams, u.teams * 9));
  u.modelsEff = nudge(Math.min(u.modelsEff, u.models), 0, u.models);
  if (rnd() < 0.2) u.cameras += Math.floor(rnd() * 4 * u.scale);
}

/** The tallies of one unit-month, in TALLY_COLUMNS order; kilograms in hundredths. */
function tallies(u, rnd) {
  evolve(u, rnd);
  const s = u.scale;
  const cases = count(rnd, 1.2 * s + 1.5 * u.urban);
  const solved = cases === 0 ? 0 : Math.min(cases, Math.round(cases * (0.6 + rnd() * 0.45)));
  const serious = Math.min(cases, count(rnd, 0.12 * cases));
  const seriousSolved = Math.min(serious, solved, Math.round(serious * (0.7 + rnd() * 0.4)));
  const modelsNew = rnd() < 0.04 ? 1 : 0;
  if (modelsNew) u.models = Math.min(40, u.models + 1);
  const meetings = 1 + count(rnd, 2 + 2 * s);
  const outreach = count(rnd, 2 + 2 * s);
  const explosives = rnd() < 0.08 ? 1 + Math.floor(rnd() * rnd() * 2500) : 0;
  const fireworks = rnd() < 0.12 ? 1 + Math.floor(rnd() * rnd() * 15000) : 0;
  return [
    cases,
    solved,
    serious,
    seriousSolved,
    Math.round(cases * (0.8 + rnd())) + count(rnd, 0.5),
    rnd() < 0.05 ? 1 + count(rnd, 0.3) : 0,
    count(rnd, 4 * s),
    u.ra,
    Math.min(u.raCert, u.ra),
    u.agencies,
    Math.min(u.agenciesCert, u.agencies),
    u.schools,
    Math.min(u.schoolsCert, u.schools),
    u.complex,
    u.complex > 0 && rnd() < 0.05 ? 1 : 0,
    meetings,
    meetings * (25 + Math.floor(rnd() * 140)),
    outreach,
    outreach * (30 + Math.floor(rnd() * 260)),
    count(rnd, 300 * s),
    count(rnd, 120 * s),
    count(rnd, 1.5),
    u.models,
    Math.min(u.modelsEff, u.models),
    modelsNew,
    u.teams,
    u.members,
    u.cameras,
    rnd() < 0.03 ? 1 + count(rnd, 0.5) : 0,
    rnd() < 0.03 ? 1 + count(rnd, 15) : 0,
    explosives,
    rnd() < 0.015 ? 1 : 0,
    fireworks,
    count(rnd, 0.6),
  ];
}

// Blank ("not reported") probability per tally column.
const BLANK = TALLY_COLUMNS.map((c) =>
  c === "fireworks_kg" || c === "dignitaries_visited" || c === "commendations" ? 0.05 : c === "cameras" ? 0.03 : 0.012,
);

function periodOf(start, m) {
  const [y0, m0] = start.split("-").map(Number);
  const k = y0 * 12 + (m0 - 1) + m;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
}

// --- the generator ---------------------------------------------------------------------------

/**
 * Writes the file and returns the totals. `write(text)` receives the file in pieces.
 */
export function generate({ rows, vi = false, seed = 6, units: unitCount = 10000, start = "2016-01", crlf = false }, write) {
  const { units, districts } = makeUnits(unitCount, seed);
  const rnd = prng(seed ^ 0xda7a0002);
  const sep = vi ? ";" : ",";
  const eol = crlf ? "\r\n" : "\n";
  const checkedIdx = CHECKED.map((c) => TALLY_COLUMNS.indexOf(c));
  const provinces = new Map();
  const provinceYears = new Map();
  const blankTotals = () => ({ rows: 0, sums: CHECKED.map(() => 0), reported: CHECKED.map(() => 0) });
  const national = blankTotals();
  const periods = new Set();

  let out = [...IDENTIFIER_COLUMNS, ...TALLY_COLUMNS].join(sep) + eol;
  for (let i = 0; i < rows; i++) {
    const u = units[i % units.length];
    const period = periodOf(start, Math.floor(i / units.length));
    periods.add(period);
    const t = tallies(u, rnd);
    const certified = rnd() < 0.01 ? "" : rnd() < u.certifiedRate ? "có" : "không";
    let line = u.province + sep + u.district + sep + u.commune + sep + u.type + sep + certified + sep + period;
    const blank = new Array(t.length);
    let reportedAny = false;
    for (let c = 0; c < t.length; c++) {
      blank[c] = rnd() < BLANK[c];
      if (!blank[c]) reportedAny = true;
    }
    if (!reportedAny) blank[0] = false; // never a row without figures (no_figures)
    for (let c = 0; c < t.length; c++) {
      line += sep;
      if (blank[c]) continue;
      const v = t[c];
      line += DECIMAL_COLUMNS.has(TALLY_COLUMNS[c]) ? decimalText(v, vi) : vi && v >= 1000 ? groupThousands(v) : String(v);
    }
    out += line + eol;
    if (out.length > 1 << 20) {
      write(out);
      out = "";
    }

    const year = period.slice(0, 4);
    let p = provinces.get(u.province);
    if (!p) provinces.set(u.province, (p = blankTotals()));
    const pyKey = `${u.province}\u0000${year}`;
    let py = provinceYears.get(pyKey);
    if (!py) provinceYears.set(pyKey, (py = { province: u.province, year, ...blankTotals() }));
    for (const acc of [p, py, national]) {
      acc.rows++;
      checkedIdx.forEach((c, k) => {
        if (blank[c]) return;
        acc.sums[k] += t[c];
        acc.reported[k]++;
      });
    }
  }
  if (out) write(out);

  const render = (acc) => {
    const o = { rows: acc.rows, totals: {}, reported: {} };
    CHECKED.forEach((c, k) => {
      o.totals[c] = DECIMAL_COLUMNS.has(c) ? hundredthsToString(acc.sums[k]) : acc.sums[k];
      o.reported[c] = acc.reported[k];
    });
    return o;
  };
  const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    generator: "bench/generate.mjs",
    generator_version: GENERATOR_VERSION,
    generator_sha256: generatorHash(),
    arguments: { rows, vi, seed, units: unitCount, start, crlf },
    columns: IDENTIFIER_COLUMNS.length + TALLY_COLUMNS.length,
    units: Math.min(rows, units.length),
    districts,
    provinces_in_file: provinces.size,
    periods: [...periods].sort(),
    note: "totals count the non-blank cells only; reported = number of rows with a value; kilograms are exact decimals",
    national: render(national),
    provinces: Object.fromEntries([...provinces.keys()].sort(byName).map((k) => [k, render(provinces.get(k))])),
    province_years: [...provinceYears.values()]
      .sort((a, b) => byName(a.province, b.province) || byName(a.year, b.year))
      .map((py) => ({ province: py.province, year: py.year, ...render(py) })),
  };
}

/** A hash of this file: the benchmark regenerates its cached data when the generator changes. */
export function generatorHash() {
  return createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex").slice(0, 16);
}

// --- command line ----------------------------------------------------------------------------

function parseRows(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s ?? "");
  if (!m) throw new Error(`--rows: expected a number such as 10000, 100k or 1M, got ${s}`);
  return Math.round(Number(m[1]) * (m[2] === "" ? 1 : /k/i.test(m[2]) ? 1e3 : 1e6));
}

function main(argv) {
  const o = { rows: null, out: null, vi: false, seed: 6, units: 10000, start: "2016-01", crlf: false, print: false, totals: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--rows") o.rows = parseRows(val());
    else if (a === "--out" || a === "-o") o.out = val();
    else if (a === "--vi") o.vi = true;
    else if (a === "--seed") o.seed = Number(val()) >>> 0;
    else if (a === "--units") o.units = parseRows(val());
    else if (a === "--start") {
      o.start = val();
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.start)) throw new Error("--start: expected YYYY-MM");
    } else if (a === "--crlf") o.crlf = true;
    else if (a === "--print-totals") o.print = true;
    else if (a === "--no-totals") o.totals = false;
    else if (a === "-h" || a === "--help") {
      process.stdout.write("usage: node bench/generate.mjs --rows N --out FILE [--vi] [--seed S] [--units U] [--start YYYY-MM] [--crlf] [--print-totals] [--no-totals]\n");
      return 0;
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.rows === null) throw new Error("--rows is required");
  if (o.out === null && !o.print) throw new Error("--out is required (or --print-totals alone to only print the totals)");
  let fd = null;
  let tmp = null;
  if (o.out !== null) {
    tmp = `${o.out}.tmp-${process.pid}`;
    fd = openSync(tmp, "w");
  }
  const totals = generate(o, fd === null ? () => {} : (text) => writeSync(fd, text));
  if (fd !== null) {
    closeSync(fd);
    renameSync(tmp, o.out);
    totals.file = basename(o.out);
    if (o.totals) writeFileSync(`${o.out}.totals.json`, JSON.stringify(totals, null, 1) + "\n");
  }
  if (o.print) process.stdout.write(JSON.stringify(totals, null, 1) + "\n");
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`generate.mjs: ${e.message}\n`);
    process.exitCode = 2;
  }
}
