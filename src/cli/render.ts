// Picks the renderer the options ask for. Renderers are pure (Report -> string) and each is
// loaded only when asked for: a cron job writing CSV never loads cli-table3 or chalk.

import type { Report } from "../report.js";
import type { Lang } from "../render/numbers.js";
import { paint, plain } from "../render/paint.js";
import { SKIP_REASONS } from "../render/view.js";
import type { Io } from "./io.js";
import type { SummarizeCliOptions } from "./options.js";

/**
 * A rendered report: text, bytes, or chunks of either (CSV, JSON and xlsx), so a report of a million
 * groups is never one string or one buffer.
 */
export type Rendered = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/** Renders a report: text for most formats, chunks of text for csv and json, chunks of a workbook for xlsx. */
export type Renderer = (report: Report) => Promise<Rendered>;

export async function rendererFor(o: SummarizeCliOptions): Promise<Renderer> {
  switch (o.format) {
    case "table": {
      const [{ renderTable }, p] = await Promise.all([import("../render/table.js"), paint(o.colorOut)]);
      return async (r) => renderTable(r, { lang: o.lang, decimals: o.decimals, paint: p, ...(o.width ? { width: o.width } : {}) });
    }
    case "md": {
      const { renderMarkdown } = await import("../render/md.js");
      return async (r) => renderMarkdown(r, { lang: o.lang, decimals: o.decimals, paint: plain });
    }
    case "json": {
      const { renderJsonChunks } = await import("../render/json.js");
      return async (r) => renderJsonChunks(r, o.lang);
    }
    case "csv": {
      const { renderCsvChunks } = await import("../render/csv.js");
      return async (r) => renderCsvChunks(r, { spreadsheet: o.spreadsheetCsv, decimals: o.decimals });
    }
    case "html": {
      const { renderHtml } = await import("../render/html.js");
      return async (r) => renderHtml(r, { lang: o.lang, decimals: o.decimals, by: o.by });
    }
    case "text": {
      const { renderText } = await import("../render/text.js");
      return async (r) => renderText(r, { lang: o.lang, decimals: o.decimals });
    }
    case "xlsx": {
      const { workbookChunks } = await import("../render/xlsx-report.js");
      // Refuses (exit 2) a sheet past Excel's limits here, before any of the workbook is made.
      return async (r) => workbookChunks(r, { lang: o.lang, decimals: o.decimals });
    }
  }
}

/**
 * Writes a rendered report to standard output chunk by chunk. When the real standard output
 * holds more than its buffer (a pipe to a slow reader), waits for it to drain, so a report of
 * any size is not queued whole in memory; an Io of the tests is written straight on.
 */
export async function writeStdout(io: Io, content: Rendered): Promise<void> {
  if (typeof content === "string" || content instanceof Uint8Array) return io.stdout(content);
  for await (const chunk of content as AsyncIterable<string | Uint8Array>) {
    io.stdout(chunk);
    if (process.stdout.writableNeedDrain) await drained(process.stdout);
  }
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done).off("error", done).off("close", done);
      resolve();
    };
    stream.on("drain", done).on("error", done).on("close", done);
  });
}

/** One line accounting for every row read: "144 rows read: 142 counted; skipped: 1 total row, 1 blank". */
export function accountLine(report: Report, lang: Lang, withheld: boolean): string {
  const r = report.rows;
  const skipped = Object.entries(r.skipped)
    .filter(([, n]) => n! > 0)
    .map(([reason, n]) => `${n} ${SKIP_REASONS[lang][reason] ?? reason}`)
    .join(", ");
  const verb = withheld ? (lang === "vi" ? "hợp lệ" : "valid") : lang === "vi" ? "được tính" : "counted";
  return lang === "vi"
    ? `tdbv: đọc ${r.read} dòng: ${r.counted} đơn vị ${verb}${skipped ? `; bỏ qua ${skipped}` : ""}.`
    : `tdbv: ${r.read} rows read: ${r.counted} units ${verb}${skipped ? `; skipped ${skipped}` : ""}.`;
}
