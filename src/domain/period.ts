// Reporting periods: "2024" (a year), "2024-03" (a month), "2024-Q1" (a quarter). Read from a
// period cell, else --period, else the file name ("2024.csv", "2024-03.xlsx", "T03-2024.csv").

import { fold } from "./text.js";

const pad = (m: number) => String(m).padStart(2, "0");

function month(year: string, m: string): string | null {
  const n = Number(m);
  return n >= 1 && n <= 12 ? `${year}-${pad(n)}` : null;
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

function parsePeriodText(text: string): string | null {
  const f = fold(text);
  let m: RegExpExecArray | null;
  if ((m = /^((?:19|20)\d\d)$/.exec(f)) || (m = /^nam ((?:19|20)\d\d)$/.exec(f))) return m[1]!;
  if ((m = /^((?:19|20)\d\d) (\d{1,2})$/.exec(f))) return month(m[1]!, m[2]!);
  if ((m = /^(?:t|thang )?(\d{1,2}) ((?:19|20)\d\d)$/.exec(f))) return month(m[2]!, m[1]!);
  if ((m = /^((?:19|20)\d\d) q([1-4])$/.exec(f))) return `${m[1]}-Q${m[2]}`;
  if ((m = /^(?:q|quy )([1-4]) ((?:19|20)\d\d)$/.exec(f))) return `${m[2]}-Q${m[1]}`;
  return null;
}

/** The period a file name carries, or null. */
export function periodFromFileName(path: string): string | null {
  const base = fold(path.split(/[\\/]/).pop()!.replace(/\.[^.]*$/, ""));
  let m: RegExpExecArray | null;
  if ((m = /(?:^| )(?:t|thang) ?(\d{1,2}) ((?:19|20)\d\d)(?: |$)/.exec(base))) return month(m[2]!, m[1]!);
  if ((m = /(?:^| )((?:19|20)\d\d) q([1-4])(?: |$)/.exec(base))) return `${m[1]}-Q${m[2]}`;
  if ((m = /(?:^| )((?:19|20)\d\d) (\d{2})(?: |$)/.exec(base))) return month(m[1]!, m[2]!);
  if ((m = /(?:^| )((?:19|20)\d\d)(?: |$)/.exec(base))) return m[1]!;
  return null;
}

export type Every = "month" | "quarter" | "year";
export type Grain = Every;

/** How fine a period label is: "2024-03" month, "2024-Q1" quarter, "2024" year. */
export function grainOf(period: string): Grain {
  if (/^\d{4}-\d{2}$/.test(period)) return "month";
  if (/^\d{4}-Q[1-4]$/.test(period)) return "quarter";
  return "year";
}

/** The last month a period covers ("2024-Q1" -> "2024-03", "2024" -> "2024-12"): periods that do not overlap sort by it. */
export function periodEnd(period: string): string {
  const grain = grainOf(period);
  if (grain === "month") return period;
  if (grain === "quarter") return `${period.slice(0, 4)}-${pad(Number(period.slice(6)) * 3)}`;
  return `${period.slice(0, 4)}-12`;
}

/** The first month a period covers. */
function periodStart(period: string): string {
  const grain = grainOf(period);
  if (grain === "month") return period;
  if (grain === "quarter") return `${period.slice(0, 4)}-${pad(Number(period.slice(6)) * 3 - 2)}`;
  return `${period.slice(0, 4)}-01`;
}

/** Whether two periods share a month ("2024-03" and "2024-Q1" do). */
export function overlap(a: string, b: string): boolean {
  return periodStart(a) <= periodEnd(b) && periodStart(b) <= periodEnd(a);
}

const RANK: Record<Grain, number> = { month: 0, quarter: 1, year: 2 };

/** The period of `every` that contains `period`, or null when `period` is coarser ("2024" has no month). */
export function bucketOf(period: string, every: Every): string | null {
  const grain = grainOf(period);
  if (RANK[grain] > RANK[every]) return null;
  const year = period.slice(0, 4);
  if (every === "year") return year;
  if (every === "quarter") return grain === "quarter" ? period : `${year}-Q${Math.floor((Number(period.slice(5, 7)) - 1) / 3) + 1}`;
  return period;
}

/** The period just before: 2024-01 -> 2023-12, 2024-Q1 -> 2023-Q4, 2024 -> 2023. */
export function previousPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  const grain = grainOf(period);
  if (grain === "year") return String(y - 1);
  if (grain === "quarter") {
    const q = Number(period.slice(6));
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The same period a year earlier: 2024-03 -> 2023-03. */
export function lastYearPeriod(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}
