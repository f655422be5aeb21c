// Issue 17, item 6: every problem tdbv can raise, raised end to end (bin/tdbv) in both
// languages. Each message and hint of `--lang vi` must read as Vietnamese (no English
// sentence in it) and each of `--lang en` as English (no Vietnamese sentence), with the same
// codes and places in both.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx/xlsx.mjs";
import { CODES } from "../src/domain/problems.js";
import { tdbv, tempDir } from "./helpers.js";

type Lang = "vi" | "en";
interface Problem {
  code: string;
  file: string;
  row: number | null;
  column: string | null;
  message: string;
  hint: string;
}

// ---- The heuristic -------------------------------------------------------------------------

/**
 * What either language may hold as is: quoted cell values, file paths, column and code names
 * (snake_case), flags, numbers, sheet names and cells with their header, and the words of the forms and flags that
 * tdbv reads in their own language (xã, phường, có/không, yes/no, …).
 */
const NEUTRAL: readonly RegExp[] = [
  /"[^"]*"/g,
  /(?<!\p{L})(yes\/no|có\/không|1\/0|Tên tỉnh|Tỉnh|Phường|xã|phường|thị trấn|đặc khu)(?!\p{L})/gu,
  /\[[^\]]*\]/g,
  /\b[A-Z]{1,3}\d+\s*\([^)]*\)/g,
  /[\p{L}\p{N}_./-]*\/[\p{L}\p{N}_./-]+|[\p{L}\p{N}_-]+\.(csv|xlsx|xls|ods|json|md|tsv)(?!\p{L})/giu,
  /\b[a-z]+(_[a-z]+)+\b/g,
  /--[a-z-]+/g,
  /\b(tdbv|Excel|LibreOffice|NUL|CSV|UTF-8|JSON|ANTT)\b/g,
  /[\d.,:%×+=…-]+/g,
];
const strip = (s: string) => NEUTRAL.reduce((t, re) => t.replace(re, " "), s);
const words = (s: string) => strip(s).toLowerCase().match(/\p{L}+/gu) ?? [];

/** English words that no Vietnamese sentence holds (not "an", "in", "do", "so", "to": Vietnamese words too). */
const ENGLISH = new Set(
  "the a is are was were be been not no of and or with this that these those from has have had for which it its by at cannot can does should would could must there their one two than such as if when every any but into only here".split(" "),
);
/**
 * Vietnamese words that carry a sentence: none of them is English. An English text holds none
 * of them and no letter with a Vietnamese diacritic once the neutral parts are taken out.
 */
const VIETNAMESE = new Set(
  "không là của và có được cho dòng cột tệp số hoặc nhưng đã này một các những để với trong từ theo khi nếu hãy sửa ghi nào bị đơn vị kỳ báo cáo".split(" "),
);
const DIACRITIC = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

/** Why `text` does not read as `lang`, or null when it does. */
export function notIn(lang: Lang, text: string): string | null {
  const w = words(text);
  if (lang === "vi") {
    const english = w.filter((x) => ENGLISH.has(x));
    if (english.length) return `English words: ${english.join(" ")}`;
    if (!w.some((x) => VIETNAMESE.has(x) || DIACRITIC.test(x))) return "no Vietnamese word";
    return null;
  }
  const vietnamese = w.filter((x) => VIETNAMESE.has(x) || DIACRITIC.test(x));
  if (vietnamese.length) return `Vietnamese words: ${vietnamese.join(" ")}`;
  if (w.length === 0) return "no word";
  return null;
}

describe("the heuristic", () => {
  it("tells the languages apart", () => {
    expect(notIn("vi", 'Dòng 17, cột cases_solved: "12a" không phải là số.')).toBeNull();
    expect(notIn("en", 'x.csv:17 cases_solved "12a" is not a number')).toBeNull();
    expect(notIn("vi", 'x.csv:17 cases_solved "12a" is not a number')).toMatch(/English/);
    expect(notIn("en", 'x.csv:17 cases_solved "12a" không phải là số')).toMatch(/Vietnamese/);
    // One English sentence in a Vietnamese hint is caught, and the reverse.
    expect(notIn("vi", "Ghi số nguyên như 1361. Leave the cell blank if it was not reported.")).toMatch(/English/);
    expect(notIn("en", "Write a whole number. Hoặc để trống nếu chưa báo cáo.")).toMatch(/Vietnamese/);
    // The words of the forms are neither language's sentence.
    expect(notIn("en", "Write xã, phường, thị trấn or đặc khu.")).toBeNull();
  });
});

// ---- Inputs that raise every code ------------------------------------------------------------

const dir = tempDir("messages");
const at = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function workbook(): string {
  const ws = XLSX.utils.aoa_to_sheet([
    ["province", "district", "commune", "cases_total", "cases_solved"],
    ["Lâm Đồng", "Huyện A", "Xã B", 10, 5],
    ["Lâm Đồng", "Huyện A", "Xã C", null, 1],
  ]);
  Object.assign(ws, { D3: { t: "n", f: "D2*2" } });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "Báo cáo");
  const path = join(dir, "cong-thuc.xlsx");
  writeFileSync(path, XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
  return path;
}

/** Runs, each with the key of the JSON document that lists its problems. */
function runs(): { args: string[]; key: "problems" | "issues" }[] {
  const extremes = at(
    "cuc-doan.csv",
    [
      "province,district,commune,period,cases_total,cases_solved",
      "Lâm Đồng,Huyện A,Xã A,2024,99999999999999999999,1",
      "Lâm Đồng,Huyện A,\"Xã\u0001B\",2024,1,1",
      'Lâm Đồng,Huyện A,"Xã C',
      "",
      "",
      "",
      "",
      '",2024,1,1',
    ].join("\n"),
  );
  const huge = at("tong-lon.csv", ["province,commune,cases_total", "Lâm Đồng,Xã A,9000000000000000", "Lâm Đồng,Xã B,9000000000000000"].join("\n"));
  const noPeriod = at("khong-ky.csv", ["province,commune,cases_total", "Lâm Đồng,Xã A,1"].join("\n"));
  const overlapping = at("trung-ky.csv", ["province,commune,period,cases_total", "Lâm Đồng,Xã A,2024-01,1", "Lâm Đồng,Xã A,2024-Q1,3"].join("\n"));
  // The units: a province tdbv does not know, and a register that lists one name twice (two
  // codes), against a row without a code (ambiguous) and a code of another unit.
  const unknownProvince = at("tinh-la.csv", ["province,commune,period,cases_total", "QB,Xã A,2024,1"].join("\n"));
  const twins = at(
    "dang-ky-trung-ten.csv",
    ["Tỉnh,Huyện,Xã,Mã ĐVHC", "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,16387", "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,16408", "Thanh Hóa,Thành phố Thanh Hóa,Phường Hàm Rồng,14800"].join("\n"),
  );
  const twinRows = at(
    "trung-ten.csv",
    [
      "Tỉnh,Huyện,Xã,Mã ĐVHC,Kỳ báo cáo,Số camera an ninh",
      "Thanh Hóa,Thành phố Thanh Hóa,Xã Đông Khê,,2024,1",
      "Thanh Hóa,Thành phố Thanh Hóa,Phường Hàm Rồng,16387,2024,2",
    ].join("\n"),
  );
  return [
    {
      key: "problems",
      args: [
        "validate",
        ...["lam-dong-2024-loi", "cot-trung", "thieu-tinh", "khong-tieu-de", "chi-tieu-de", "trong", "o-qua-dai"].map((f) => `fixtures/validate/${f}.csv`),
        "fixtures/layouts/xlsx-error-cells.xlsx",
        extremes,
        workbook(),
      ],
    },
    {
      key: "problems",
      args: ["validate", "fixtures/validate/lam-dong-2024-dang-ky.csv", "--units", "fixtures/validate/danh-sach-don-vi.csv", "--baseline", "fixtures/validate/lam-dong-2023-goc.csv"],
    },
    { key: "issues", args: ["rollup", "fixtures/validate/lam-dong-2024-dang-ky.csv", "--every", "month", "--period", "2024"] },
    { key: "issues", args: ["rollup", "fixtures/validate/lam-dong-2024-dang-ky.csv", "--every", "month"] },
    { key: "issues", args: ["rollup", overlapping, "--every", "year"] },
    { key: "issues", args: ["rollup", noPeriod, "--every", "month"] },
    { key: "issues", args: ["summarize", huge] },
    // The forms: an unnumbered row and a district row that do not add up, two tables on a sheet, a transposed form.
    { key: "problems", args: ["validate", ...["bieu-cong-lech", "huyen-giua-xa-lech", "nhieu-bang", "xoay-ngang"].map((f) => `fixtures/forms/${f}.csv`), "--period", "2024"] },
    { key: "problems", args: ["validate", "fixtures/forms/bieu-cong-quang-binh.csv", "--province", "Lâm Đồng", "--period", "2024"] },
    { key: "problems", args: ["validate", unknownProvince] },
    { key: "problems", args: ["validate", twinRows, "--units", twins] },
  ];
}

function problems(lang: Lang): Problem[] {
  const found: Problem[] = [];
  for (const { args, key } of runs()) {
    const r = tdbv([...args, "--format", "json", "--lang", lang]);
    expect(r.stdout, `${args.join(" ")}\n${r.stderr}`).not.toBe("");
    found.push(...(JSON.parse(r.stdout)[key] as Problem[]));
  }
  return found;
}

describe("every problem code in both languages", () => {
  const got: Record<Lang, Problem[]> = { vi: [], en: [] };
  beforeAll(() => {
    got.vi = problems("vi");
    got.en = problems("en");
  }, 120_000);

  it("raises every code in CODES", () => {
    const seen = new Set(got.vi.map((p) => p.code));
    expect(Object.keys(CODES).filter((c) => !seen.has(c))).toEqual([]);
  });

  it("raises the same problems, at the same places, in both languages", () => {
    const key = (p: Problem) => `${p.code} ${p.file} ${p.row} ${p.column}`;
    expect(got.en.map(key)).toEqual(got.vi.map(key));
  });

  it.each(["vi", "en"] as const)("writes every message and hint of --lang %s in that language", (lang) => {
    const wrong = got[lang].flatMap((p) =>
      [p.message, p.hint].flatMap((text) => {
        const why = notIn(lang, text);
        return why ? [`${p.code}: ${why}: ${text}`] : [];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it("gives each language its own text (nothing left untranslated)", () => {
    const same = got.vi.flatMap((p, i) => (p.message === got.en[i]!.message || p.hint === got.en[i]!.hint ? [`${p.code}: ${p.message}`] : []));
    expect(same).toEqual([]);
  });
});

describe("what stops a run, in both languages", () => {
  const dir = tempDir("messages-stops");
  const image = at("anh.csv", "");
  writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
  const cases: [string, string[], number][] = [
    ["a missing file", ["summarize", join(dir, "khong-co.csv")], 3],
    ["binary data", ["summarize", image], 3],
    ["a bad --period", ["summarize", "fixtures/lam-dong-2024.csv", "--period", "2024-13"], 2],
    ["a bad --decimals", ["summarize", "fixtures/lam-dong-2024.csv", "--decimals", "x"], 2],
    ["an output folder that does not exist", ["summarize", "fixtures/lam-dong-2024.csv", "--output", join(dir, "khong/co/bao-cao.csv")], 4],
    ["an output that is the input", ["summarize", "fixtures/lam-dong-2024.csv", "--output", "fixtures/lam-dong-2024.csv"], 2],
    ["--split-by without {unit}", ["validate", "fixtures/lam-dong-2024.csv", "--split-by", "commune", "--output", "loi.csv"], 2],
  ];
  it.each(cases)("%s is said in Vietnamese by default and in English with --lang en", (_, args, status) => {
    for (const lang of ["vi", "en"] as const) {
      const r = tdbv([...args, ...(lang === "en" ? ["--lang", "en"] : [])]);
      expect(r.status, r.stderr).toBe(status);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^tdbv: /);
      for (const line of lines) {
        const text = line.replace(/^tdbv: |^\s+(cách sửa|hint): /, "");
        expect(notIn(lang, text), `${lang}: ${line}`).toBeNull();
      }
      if (lines[1]) expect(lines[1]).toMatch(lang === "vi" ? /^ {2}cách sửa: / : /^ {2}hint: /);
    }
  });
});

describe("the hint fits the column (issue 17, item 7)", () => {
  it("a kilogram cell that is not a number is told to hold a number such as 12,5, not a whole number", () => {
    const file = at("kg.csv", ["province,commune,cases_total,explosives_kg", "Lâm Đồng,Xã A,3,abc", "Lâm Đồng,Xã B,abc,1"].join("\n"));
    for (const [lang, kg, count] of [
      ["vi", "Ghi một số như 12 hoặc 12,5, hoặc để trống nếu chưa báo cáo.", "Ghi số nguyên như 1361 hoặc 1.361, hoặc để trống nếu chưa báo cáo."],
      ["en", "Write a number such as 12 or 12.5, or leave the cell blank if it was not reported.", CODES.invalid_number.hint.en],
    ] as const) {
      const problems = JSON.parse(tdbv(["validate", file, "--format", "json", "--lang", lang]).stdout).problems as Problem[];
      expect(problems.map((p) => [p.code, p.column, p.hint])).toEqual([
        ["invalid_number", "explosives_kg", kg],
        ["invalid_number", "cases_total", count],
      ]);
    }
  });
});

describe("commander's errors", () => {
  it("are said in Vietnamese by default and as commander writes them with --lang en", () => {
    const vi = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--formt", "json"]);
    expect(vi.status).toBe(2);
    expect(vi.stderr).toBe("lỗi: không có tùy chọn '--formt'\n(Có phải ý bạn là --format?)\n(chạy với --help để xem các tùy chọn và ví dụ)\n");
    const en = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--by", "xa", "--lang", "en"]);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe("error: option '--by <level>' argument 'xa' is invalid. Allowed choices are province, district, commune.\n(run with --help for the options and examples)\n");
  });
});
