// Picks the renderer the options ask for. Renderers are pure (Report -> string); only the
// terminal table needs cli-table3, loaded with it.

import type { Report } from "../report.js";
import { renderCsv } from "../render/csv.js";
import { renderJson } from "../render/json.js";
import { renderMarkdown } from "../render/md.js";
import { renderTable } from "../render/table.js";
import type { Lang } from "../render/numbers.js";
import type { SummarizeCliOptions } from "./options.js";

export function renderReport(report: Report, o: SummarizeCliOptions): string {
  const human = { lang: o.lang, decimals: o.decimals, color: o.colorOut };
  switch (o.format) {
    case "table":
      return renderTable(report, human);
    case "md":
      return renderMarkdown(report, human);
    case "json":
      return renderJson(report);
    case "csv":
      return renderCsv(report, { spreadsheet: o.spreadsheetCsv, decimals: o.decimals });
  }
}

const REASONS: Record<Lang, Record<string, string>> = {
  vi: {
    blank: "dòng trống",
    title: "dòng tiêu đề",
    column_numbers: "dòng đánh số cột",
    section: "dòng tên huyện",
    total_row: "dòng tổng",
    footer: "dòng chữ ký",
    invalid: "dòng có lỗi",
    file_rejected: "dòng của tệp bị từ chối",
  },
  en: {
    blank: "blank",
    title: "title",
    column_numbers: "column-number",
    section: "section heading",
    total_row: "total row",
    footer: "footer",
    invalid: "with errors",
    file_rejected: "in rejected files",
  },
};

/** One line accounting for every row read: "144 rows read: 142 counted; skipped: 1 total row, 1 blank". */
export function accountLine(report: Report, lang: Lang, withheld: boolean): string {
  const r = report.rows;
  const skipped = Object.entries(r.skipped)
    .filter(([, n]) => n! > 0)
    .map(([reason, n]) => `${n} ${REASONS[lang][reason] ?? reason}`)
    .join(", ");
  const verb = withheld ? (lang === "vi" ? "hợp lệ" : "valid") : lang === "vi" ? "được tính" : "counted";
  return lang === "vi"
    ? `tdbv: đọc ${r.read} dòng: ${r.counted} đơn vị ${verb}${skipped ? `; bỏ qua ${skipped}` : ""}.`
    : `tdbv: ${r.read} rows read: ${r.counted} units ${verb}${skipped ? `; skipped ${skipped}` : ""}.`;
}
