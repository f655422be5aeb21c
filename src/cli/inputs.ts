// Input arguments -> files. A file is taken as named; a folder gives the tally files directly
// inside it (.csv .tsv .txt .xlsx .xls .ods), sorted by name; a pattern with * ? or [..]
// (quoted, as a cron job passes it) gives the matching files, sorted. The order is by code
// point, not locale, so every machine sees the same order.

import { lstatSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { inputError } from "../errors.js";

const TALLY_FILE = /\.(csv|tsv|txt|xlsx|xls|ods)$/i;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function patternToRegex(segment: string): RegExp {
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i]!;
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const end = segment.indexOf("]", i + 1);
      if (end === -1) re += "\\[";
      else {
        re += `[${segment.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

const isPattern = (s: string) => /[*?[]/.test(s);

/**
 * Whether a path found in a folder or by a pattern is a file to read. A link that leads
 * nowhere (its target gone, or a loop of links) is refused, naming it: skipping it would leave
 * a file out of the totals without a word, and a folder's report would look complete.
 */
function isInputFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    let link = false;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      return false; // vanished since listed
    }
    if (link && code === "ELOOP") throw inputError({ vi: `${path}: một vòng lặp liên kết tượng trưng`, en: `${path}: a loop of symbolic links` }, { vi: "Cho liên kết trỏ thẳng tới tệp, hoặc xóa nó.", en: "Make the link point to the file itself, or remove it." });
    if (link && code === "ENOENT") {
      throw inputError(
        { vi: `${path}: liên kết tượng trưng trỏ tới một tệp không tồn tại`, en: `${path}: a symbolic link to a file that does not exist` },
        {
          vi: "Cho liên kết trỏ tới tệp, hoặc xóa nó; tdbv không bỏ qua một tệp mà nó không đọc được.",
          en: "Make the link point to the file, or remove it; tdbv does not leave out a file it cannot read.",
        },
      );
    }
    if (code === "EACCES" || code === "EPERM") throw inputError({ vi: `${path}: không có quyền đọc`, en: `${path}: permission denied` });
    if (link) throw inputError({ vi: `${path}: không lần theo được liên kết tượng trưng (${code ?? String(err)})`, en: `${path}: a symbolic link that cannot be followed (${code ?? String(err)})` });
    return false;
  }
}

function listFolder(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const denied = code === "EACCES" || code === "EPERM";
    const why = code ?? String(err);
    throw inputError({ vi: `${folder}: không đọc được thư mục (${denied ? "không có quyền đọc" : why})`, en: `${folder}: the folder cannot be read (${denied ? "permission denied" : why})` });
  }
}

function glob(pattern: string): string[] {
  const absolute = pattern.startsWith("/");
  const segments = pattern.split("/").filter((s, i) => s !== "" || i === 0);
  let bases = [absolute ? "/" : "."];
  const parts = absolute ? segments.slice(1) : segments;
  parts.forEach((segment, i) => {
    const last = i === parts.length - 1;
    const next: string[] = [];
    for (const base of bases) {
      if (!isPattern(segment)) {
        next.push(base === "." ? segment : join(base, segment));
        continue;
      }
      let entries: string[];
      try {
        entries = readdirSync(base);
      } catch {
        continue;
      }
      const re = patternToRegex(segment);
      for (const e of entries.sort(byName)) {
        if (!re.test(e) || e.startsWith(".")) continue;
        const path = base === "." ? e : join(base, e);
        if (!last) next.push(path);
        else if (isInputFile(path)) next.push(path);
      }
    }
    bases = next;
  });
  return bases;
}

/** The files the arguments name, in order, each once. "-" (standard input) passes through. */
export function expandInputs(args: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const arg of args) {
    if (arg === "-") {
      add(arg);
      continue;
    }
    if (isPattern(arg)) {
      let matched: string[] = [];
      try {
        matched = statSync(arg).isFile() ? [arg] : glob(arg);
      } catch {
        matched = glob(arg);
      }
      if (matched.length === 0) {
        throw inputError(
          { vi: `${arg}: không có tệp nào khớp mẫu này`, en: `${arg}: no file matches this pattern` },
          { vi: "Kiểm tra thư mục và mẫu (đặt mẫu trong ngoặc kép để shell giữ nguyên).", en: "Check the folder and the pattern (quote it so the shell passes it as is)." },
        );
      }
      matched.forEach(add);
      continue;
    }
    let isDir = false;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      // a missing file is reported when it is read, with the other reading errors
    }
    if (!isDir) {
      add(arg);
      continue;
    }
    const files = listFolder(arg)
      .filter((e) => TALLY_FILE.test(e) && !e.startsWith("."))
      .sort(byName)
      .map((e) => join(arg, e))
      .filter(isInputFile);
    if (files.length === 0) {
      throw inputError({ vi: `${arg}: thư mục không có tệp .csv, .tsv, .txt, .xlsx, .xls hay .ods nào`, en: `${arg}: the folder holds no .csv, .tsv, .txt, .xlsx, .xls or .ods file` });
    }
    files.forEach(add);
  }
  return out;
}
