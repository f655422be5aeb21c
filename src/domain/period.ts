// Reporting periods: "2024" (a year), "2024-03" (a month), "2024-Q1" (a quarter). Read from a
// period cell, else --period, else the file name ("2024.csv", "2024-03.xlsx", "T03-2024.csv").

import { fold } from "./text.js";

const pad = (m: number) => String(m).padStart(2, "0");

function month(year: string, m: string): string | null {
  const n = Number(m);
  return n >= 1 && n <= 12 ? `${year}-${pad(n)}` : null;
}

/** A period cell or option as a canonical label, or null when it is not one. */
export function parsePeriod(text: string): string | null {
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
