// A blank report form with the dictionary's headers (Vietnamese by default), as CSV or .xlsx,
// that tdbv reads back with every column recognised: one form a province can send to all its
// communes.

import { IDENTIFIERS } from "../domain/columns.js";
import { dictionary } from "../domain/dictionary.js";
import type { Lang } from "./numbers.js";

export function templateHeaders(lang: Lang): string[] {
  const ids = IDENTIFIERS.map((c) => c[lang]);
  return [...ids, ...dictionary().tallies.map((c) => c[lang])];
}

const TITLE: Record<Lang, string[]> = {
  vi: ["BÁO CÁO KẾT QUẢ PHONG TRÀO TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC", "Mỗi đơn vị một dòng; để trống ô chưa có số liệu (ô trống là \"chưa báo cáo\", không phải 0)."],
  en: ["REPORT ON THE \"ALL PEOPLE PROTECT NATIONAL SECURITY\" MOVEMENT", "One row per unit; leave a cell blank when the figure is not reported (blank is not zero)."],
};

export async function renderTemplateCsv(lang: Lang): Promise<string> {
  const { toCsv } = await import("./csv.js");
  return toCsv([templateHeaders(lang)], true);
}

export async function renderTemplateXlsx(lang: Lang): Promise<Buffer> {
  const XLSX = await import("@e965/xlsx/xlsx.mjs");
  const headers = templateHeaders(lang);
  const rows: string[][] = [[TITLE[lang][0]!], [TITLE[lang][1]!], [], headers];
  const ws = XLSX.utils.aoa_to_sheet(rows);
  ws["!merges"] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: Math.min(12, headers.length - 1) } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: Math.min(12, headers.length - 1) } },
  ];
  ws["!cols"] = headers.map((h) => ({ wch: Math.max(10, Math.min(28, Math.ceil(h.length / 2) + 4)) }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, lang === "vi" ? "Báo cáo" : "Report");
  wb.Props = { Title: TITLE[lang][0]!, Author: "tdbv", CreatedDate: new Date(Date.UTC(2024, 0, 1)) };
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer;
}
