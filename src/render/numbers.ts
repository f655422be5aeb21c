// Numbers for people: Vietnamese writes 1.361 and 86,10%; English 1,361 and 86.10%. Machine
// formats (CSV, JSON) never come here: they write plain 1361 and 0.861040.

export type Lang = "vi" | "en";

const SEP: Record<Lang, { group: string; decimal: string }> = {
  vi: { group: ".", decimal: "," },
  en: { group: ",", decimal: "." },
};

function group(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** 1361 -> "1.361" (vi); 29.5 -> "29,5"; up to `maxDecimals` places, trailing zeros dropped. */
export function formatNumber(x: number, lang: Lang, maxDecimals = 3): string {
  const { group: g, decimal: d } = SEP[lang];
  const fixed = Math.abs(x).toFixed(maxDecimals).replace(/\.?0+$/, "");
  const [whole, frac] = fixed.split(".");
  return `${x < 0 ? "-" : ""}${group(whole!, g)}${frac ? d + frac : ""}`;
}

/** 0.861040 -> "86,10%" (vi, 2 decimals). */
export function formatPercent(value: number, lang: Lang, decimals: number): string {
  const { group: g, decimal: d } = SEP[lang];
  const [whole, frac] = (value * 100).toFixed(decimals).split(".");
  return `${group(whole!, g)}${frac ? d + frac : ""}%`;
}

/** An average such as attendees per meeting: fixed decimals. */
export function formatFixed(value: number, lang: Lang, decimals: number): string {
  const { group: g, decimal: d } = SEP[lang];
  const [whole, frac] = value.toFixed(decimals).split(".");
  return `${group(whole!, g)}${frac ? d + frac : ""}`;
}
