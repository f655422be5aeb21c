// Reporting periods: "2024" (a year), "2024-03" (a month), "2024-Q1" (a quarter), "2024-H1" and
// "2024-H2" (half-years), "2024-9M" (the first nine months). Read from a period cell, else
// --period, else the file name, as Vietnamese write them: "Quý I/2024", "6 tháng đầu năm 2024",
// "9 tháng năm 2024", "Tháng 3 năm 2024", "T03-2024", "năm 2024" (docs/input.md lists them).

import type { Text } from "./problems.js";
import { fold } from "./text.js";

const pad = (m: number) => String(m).padStart(2, "0");

function month(year: string, m: string): string | null {
  const n = Number(m);
  return n >= 1 && n <= 12 ? `${year}-${pad(n)}` : null;
}

const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** A quarter's number written 1-4 or I-IV, or null. */
function quarter(year: string, q: string): string | null {
  const n = ROMAN[q] ?? Number(q);
  return n >= 1 && n <= 4 ? `${year}-Q${n}` : null;
}

const periods = new Map<string, string | null>();

/** A period cell or option as a canonical label, or null when it is not one. */
export function parsePeriod(text: string): string | null {
  // Every row of a file carries one of a few period labels: each is parsed once.
  let p = periods.get(text);
  if (p === undefined) {
    if (periods.size > 10_000) periods.clear();
    periods.set(text, (p = parsePeriodText(text)));
  }
  return p;
}

const Y = "((?:19|20)\\d\\d)";
/** The words before a year: "năm", "nam", or nothing. */
const NAM = "(?:nam )?";
/** A quarter written after "Quý"/"Q": 1-4 or I-IV. */
const QN = "([1-4]|iv|iii|ii|i)";
/** "6 tháng", "6 tháng đầu năm", "sáu tháng đầu năm" (folded). */
const H1_WORDS = "(?:6|sau) thang(?: dau)?";
const H2_WORDS = "(?:6|sau) thang cuoi";
const M9_WORDS = "(?:9|chin) thang(?: dau)?";

/**
 * The period forms, on folded text (no case, diacritics or punctuation: "Quý I/2024" is
 * "quy i 2024"), each with how it makes the label. Matched whole for a cell, within a file name.
 */
const FORMS: readonly [string, (m: RegExpExecArray) => string | null][] = [
  [`${M9_WORDS} ${NAM}${Y}`, (m) => `${m[1]}-9M`],
  [`${Y} 9m`, (m) => `${m[1]}-9M`],
  [`9m ${Y}`, (m) => `${m[1]}-9M`],
  [`${H2_WORDS} ${NAM}${Y}`, (m) => `${m[1]}-H2`],
  [`${H1_WORDS} ${NAM}${Y}`, (m) => `${m[1]}-H1`],
  [`${Y} h([12])`, (m) => `${m[1]}-H${m[2]}`],
  [`h([12]) ${Y}`, (m) => `${m[2]}-H${m[1]}`],
  [`${Y} q([1-4])`, (m) => quarter(m[1]!, m[2]!)],
  [`(?:q ?|quy ?)${QN} ${NAM}${Y}`, (m) => quarter(m[2]!, m[1]!)],
  [`(?:t ?|thang ?)(\\d{1,2}) ${NAM}${Y}`, (m) => month(m[2]!, m[1]!)],
];

const CELL_FORMS = FORMS.map(([re, make]) => [new RegExp(`^${re}$`), make] as const);

function parsePeriodText(text: string): string | null {
  const f = fold(text);
  let m: RegExpExecArray | null;
  const police = policeRange(f, true);
  if (police) return police.period;
  if ((m = /^(?:ca )?(?:nam )?((?:19|20)\d\d)$/.exec(f))) return m[1]!;
  if ((m = /^((?:19|20)\d\d) (\d{1,2})$/.exec(f))) return month(m[1]!, m[2]!);
  if ((m = /^(\d{1,2}) ((?:19|20)\d\d)$/.exec(f))) return month(m[2]!, m[1]!);
  for (const [re, make] of CELL_FORMS) if ((m = re.exec(f))) return make(m);
  return null;
}

/** A year a report can be for: 2000 to next year. A file's "2003" beyond these is no period. */
export function plausibleYear(year: number, now = new Date()): boolean {
  return year >= 2000 && year <= now.getUTCFullYear() + 1;
}

const NAME_FORMS = FORMS.map(([re, make]) => [new RegExp(`(?:^| )${re}(?: |$)`), make] as const);

/**
 * The period a file name carries, or null; with `note`, what it saw and did not take ("2003"
 * in "bao-cao-2003.xls", not a plausible year). The forms of a period cell, found within the
 * name; then "2024 03" or "03 2024" (a month: two digits beside the year); then a year alone.
 */
export function periodFromFileName(path: string, note?: (text: Text) => void): string | null {
  const base = fold(path.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, ""));
  const plausible = (p: string | null) => (p !== null && plausibleYear(Number(p.slice(0, 4))) ? p : null);
  let m: RegExpExecArray | null;
  for (const [re, make] of NAME_FORMS) if ((m = re.exec(base)) && plausible(make(m))) return make(m);
  if ((m = /(?:^| )((?:19|20)\d\d) (\d{2})(?: |$)/.exec(base)) && plausible(month(m[1]!, m[2]!))) return month(m[1]!, m[2]!);
  if ((m = /(?:^| )(\d{2}) ((?:19|20)\d\d)(?: |$)/.exec(base)) && plausible(month(m[2]!, m[1]!))) return month(m[2]!, m[1]!);
  const years = [...base.matchAll(/(?:^| )((?:19|20)\d\d)(?= |$)/g)].map((y) => y[1]!);
  const year = years.find((y) => plausibleYear(Number(y)));
  // An early year is more often a format's or a form's number ("spreadsheetml-2003.xls"): taken, but said.
  if (year !== undefined && Number(year) < 2010) {
    note?.({
      vi: `lấy kỳ ${year} từ tên tệp; nếu "${year}" không phải là kỳ báo cáo, hãy dùng --period`,
      en: `period ${year} taken from the file name; if "${year}" is not the period, give --period`,
    });
  }
  if (year !== undefined) return year;
  if (years.length > 0) {
    note?.({
      vi: `không lấy "${years[0]}" trong tên tệp làm kỳ báo cáo: ${years[0]} không phải là năm báo cáo hợp lý (từ 2000 đến năm sau); hãy dùng --period`,
      en: `"${years[0]}" in the file name is not taken as the period: ${years[0]} is not a plausible reporting year (2000 to next year); give --period`,
    });
  }
  return null;
}

export type Every = "month" | "quarter" | "year";
/** A period's length: the `Every` ones, and half-years ("2024-H1") and nine months ("2024-9M"), which only a year holds. */
export type Grain = Every | "half" | "nine_months";

/** How fine a period label is: "2024-03" month, "2024-Q1" quarter, "2024-H1" half, "2024-9M" nine months, "2024" year. */
export function grainOf(period: string): Grain {
  if (/^\d{4}-\d{2}$/.test(period)) return "month";
  if (/^\d{4}-Q[1-4]$/.test(period)) return "quarter";
  if (/^\d{4}-H[12]$/.test(period)) return "half";
  if (/^\d{4}-9M$/.test(period)) return "nine_months";
  return "year";
}

/** The first and last month a period covers, as numbers 1-12. */
function monthsOf(period: string, grain: Grain): [number, number] {
  switch (grain) {
    case "month":
      return [Number(period.slice(5, 7)), Number(period.slice(5, 7))];
    case "quarter":
      return [Number(period.slice(6)) * 3 - 2, Number(period.slice(6)) * 3];
    case "half":
      return [Number(period.slice(6)) * 6 - 5, Number(period.slice(6)) * 6];
    case "nine_months":
      return [1, 9];
    default:
      return [1, 12];
  }
}

/** The last month a period covers ("2024-Q1" -> "2024-03", "2024-H1" -> "2024-06", "2024" -> "2024-12"): periods that do not overlap sort by it. */
export function periodEnd(period: string): string {
  const grain = grainOf(period);
  if (grain === "month") return period;
  return `${period.slice(0, 4)}-${pad(monthsOf(period, grain)[1])}`;
}

/** The first month a period covers. */
export function periodStart(period: string): string {
  const grain = grainOf(period);
  if (grain === "month") return period;
  return `${period.slice(0, 4)}-${pad(monthsOf(period, grain)[0])}`;
}

/** Whether two periods share a month ("2024-03" and "2024-Q1" do; so do "2024-H1" and "2024-9M"). */
export function overlap(a: string, b: string): boolean {
  return periodStart(a) <= periodEnd(b) && periodStart(b) <= periodEnd(a);
}

/** A half-year or nine months is coarser than a quarter and finer than a year. */
const RANK: Record<Grain, number> = { month: 0, quarter: 1, half: 2, nine_months: 2, year: 3 };

/** The period of `every` that contains `period`, or null when `period` is coarser ("2024" has no month, "2024-H1" no quarter). */
export function bucketOf(period: string, every: Every): string | null {
  const grain = grainOf(period);
  if (RANK[grain] > RANK[every]) return null;
  const year = period.slice(0, 4);
  if (every === "year") return year;
  if (every === "quarter") return grain === "quarter" ? period : `${year}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;
  return period;
}

/** The period just before: 2024-01 -> 2023-12, 2024-Q1 -> 2023-Q4, 2024-H1 -> 2023-H2, 2024 -> 2023; 2024-9M -> 2023-9M (nine months follow nine months). */
export function previousPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  const grain = grainOf(period);
  if (grain === "year") return String(y - 1);
  if (grain === "nine_months") return `${y - 1}-9M`;
  if (grain === "half") return period.endsWith("H1") ? `${y - 1}-H2` : `${y}-H1`;
  if (grain === "quarter") {
    const q = Number(period.slice(6));
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The same period a year earlier: 2024-03 -> 2023-03, 2024-H1 -> 2023-H1. */
export function lastYearPeriod(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}

/**
 * The police reporting periods: a month runs from the 15th of the month before to the 14th
 * ("từ ngày 15/12/2023 đến ngày 14/6/2024" is the first half of 2024; 15/12/2023 to 14/12/2024
 * the year 2024). Read from folded text ("tu ngay 15 12 2023 den ngay 14 6 2024"), whole or
 * within it: the label of the calendar period it stands for, and the dates as written.
 */
export function policeRange(f: string, whole = false): { period: string; dates: string } | null {
  const re = /(?:tu )?(?:ngay )?15 (\d{1,2}) ((?:19|20)\d\d) (?:den|toi|\-)? ?(?:ngay )?14 (\d{1,2}) ((?:19|20)\d\d)/;
  const m = re.exec(f);
  if (!m || (whole && m[0].length !== f.length)) return null;
  const [a, y0, b, y1] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (a < 1 || a > 12 || b < 1 || b > 12) return null;
  // The police months covered: a + 1 (of the year ending in y1) to b.
  const s = (a % 12) + 1;
  if ((a === 12 ? y0 + 1 : y0) !== y1 || s > b) return null;
  const y = String(y1);
  let period: string | null = null;
  if (s === b) period = `${y}-${pad(b)}`;
  else if (s === 1 && b === 12) period = y;
  else if (s === 1 && b === 6) period = `${y}-H1`;
  else if (s === 7 && b === 12) period = `${y}-H2`;
  else if (s === 1 && b === 9) period = `${y}-9M`;
  else if ((s - 1) % 3 === 0 && b === s + 2) period = `${y}-Q${(s + 2) / 3}`;
  return period ? { period, dates: `15/${a}/${y0}–14/${b}/${y1}` } : null;
}

/**
 * The period a form's title row names ("BÁO CÁO KẾT QUẢ … 6 THÁNG ĐẦU NĂM 2024", "(từ ngày
 * 15/12/2023 đến ngày 14/6/2024)"): the forms of a period cell found within the text, then the
 * police reporting dates. `police` when the dates are the police reporting period's.
 */
export function periodFromTitle(text: string): { period: string; police: string | null } | null {
  const f = fold(text);
  const police = policeRange(f);
  let m: RegExpExecArray | null;
  for (const [re, make] of NAME_FORMS) {
    if ((m = re.exec(f)) && make(m) && plausibleYear(Number(make(m)!.slice(0, 4)))) return { period: make(m)!, police: police?.dates ?? null };
  }
  if (police) return { period: police.period, police: police.dates };
  if ((m = /(?:^| )(?:ca )?nam ((?:19|20)\d\d)(?: |$)/.exec(f)) && plausibleYear(Number(m[1]))) return { period: m[1]!, police: null };
  return null;
}

/** A month written alone in a sheet's name ("T1", "Th1", "Tháng 1", "Tháng 01"): its number, or null. */
export function monthOfSheetName(name: string): number | null {
  const m = /^(?:t|th|thang) ?(\d{1,2})$/.exec(fold(name));
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 12 ? n : null;
}

/**
 * The period a sheet's name gives: a period of its own ("Tháng 01/2024", "Quý I-2024"), or a
 * month alone ("T1", "Tháng 3") in `year`. Null when it names none (or a month without a year).
 */
export function periodOfSheetName(name: string, year: string | null): string | null {
  const own = parsePeriod(name);
  if (own) return own;
  const month = monthOfSheetName(name);
  return month !== null && year !== null ? `${year}-${pad(month)}` : null;
}

/** Periods in time order: by their last month, then by their first (a longer one first: "2024-Q1" before "2024-03"), so "2024-9M" comes after "2024-03" and before "2024-Q4". */
export function comparePeriods(a: string, b: string): number {
  const ea = periodEnd(a);
  const eb = periodEnd(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  const sa = periodStart(a);
  const sb = periodStart(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
