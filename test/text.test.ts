// Issue 7: the published paragraph, generated from the figures. From fixtures/lam-dong-2024.csv
// it states every figure of the Lâm Đồng 2024 seed article that is a dictionary tally, written
// as the article writes it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pressPercent } from "../src/render/text.js";
import { tdbv, tempDir } from "./helpers.js";

describe("--format text", () => {
  const text = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--format", "text"]).stdout;

  it.each([
    "3.602 tin có giá trị",
    "1.010/1.173 vụ phạm tội về trật tự xã hội (đạt 86,1%)",
    "1.954 đối tượng",
    "118/127 vụ (đạt 92,91%)",
    "59 đối tượng truy nã",
    "1.361/1.367 khu dân cư",
    "108/111 xã",
    "18/18 phường",
    "11/13 thị trấn",
    "871/984 cơ quan, doanh nghiệp, cơ sở giáo dục",
    "1.584 buổi tuyên truyền với 311.598 lượt người tham dự",
    "87.421 tờ rơi",
    "526 súng các loại",
    "7.637 viên đạn",
    "48 lựu đạn",
    "80.637 người ký cam kết",
    "110 mô hình, trong đó 95 mô hình hoạt động hiệu quả",
    "5.869 mắt camera",
    "1.367 Tổ bảo vệ an ninh, trật tự với 4.261 thành viên",
    "550 lượt chức sắc, người có uy tín",
  ])("states %s", (figure) => {
    expect(text).toContain(figure);
  });

  it("states nothing the data does not have", () => {
    const small = tdbv(["summarize", "-", "--format", "text", "--period", "2024"], { stdin: "province,commune,cases_total,cases_solved\nLâm Đồng,Xã Lát,10,8\n" }).stdout;
    expect(small).toBe("Năm 2024, toàn tỉnh Lâm Đồng: điều tra làm rõ 8/10 vụ phạm tội về trật tự xã hội (đạt 80%).\n");
  });

  it.each([
    [0.86104, "vi", "86,1%"],
    [0.929134, "vi", "92,91%"],
    [1, "vi", "100%"],
    [0.995611, "en", "99.56%"],
    [0.5, "en", "50%"],
  ] as const)("writes %d as %s in %s", (value, lang, expected) => {
    expect(pressPercent(value, lang)).toBe(expected);
  });
});

describe("--format text, a ratio's parts (issue 17, item 1)", () => {
  const dir = tempDir("text");
  // Xã B reported its solved cases but not its cases: the solved rate counts Xã A alone.
  const file = join(dir, "2024.csv");
  writeFileSync(
    file,
    ["province,district,commune,cases_total,cases_solved,residential_areas_total,residential_areas_certified", "Quảng Bình,Huyện A,Xã A,10,8,5,5", "Quảng Bình,Huyện A,Xã B,,5,4,3"].join("\n") + "\n",
  );
  const json = JSON.parse(tdbv(["summarize", file, "--format", "json"]).stdout);
  const g = json.groups.find((x: { level: string }) => x.level === "province");

  it.each([
    ["vi", "điều tra làm rõ 8/10 vụ phạm tội về trật tự xã hội (đạt 80%)", "tổng số các đơn vị đã báo cáo: số vụ điều tra làm rõ 13, số vụ phạm tội về trật tự xã hội 10."],
    ["en", "8/10 social-order crimes were solved (80%)", "all units reported: crimes solved 13, social-order crimes 10."],
  ])("prints the ratio's own numerator and denominator, and gives the totals apart (%s)", (lang, clause, totals) => {
    const text = tdbv(["summarize", file, "--format", "text", "--lang", lang]).stdout;
    expect(text).toContain(clause);
    expect(text).toContain(totals);
    // Never a total beside the ratio's other part.
    expect(text).not.toMatch(/13\/10/);
    // Where both parts come from the same units, no note: 8/9 khu dân cư, as the totals say.
    expect(text).toContain(lang === "vi" ? "8/9 khu dân cư" : "8/9 residential areas");
    // The parts are the JSON report's own.
    expect(`${g.ratios.solved_rate.numerator}/${g.ratios.solved_rate.denominator}`).toBe("8/10");
  });
});

describe("--format text, wording (issue 17, items 4 and 5)", () => {
  const dir = tempDir("text");
  const file = join(dir, "2024.csv");
  writeFileSync(
    file,
    ["province,district,commune,cases_total,cases_solved", "Thành phố Hà Nội,Quận A,Phường A,10,8", "Huế,Quận B,Phường B,3,1", "Quảng Bình,Huyện C,Xã C,4,9", "Quảng Bình,Huyện C,Xã D,4,2"].join("\n") + "\n",
  );
  const text = tdbv(["summarize", file, "--format", "text", "--allow-errors"]).stdout;

  it("calls a centrally-run city 'toàn thành phố', with or without 'Thành phố' in the data, and a province 'toàn tỉnh'", () => {
    expect(text).toContain("Năm 2024, toàn thành phố Hà Nội: ");
    expect(text).toContain("Năm 2024, toàn thành phố Huế: ");
    expect(text).toContain("Năm 2024, toàn tỉnh Quảng Bình: ");
    expect(text).not.toContain("tỉnh Thành phố");
  });

  it("says first that rows with errors were left out (--allow-errors)", () => {
    expect(text.startsWith("BÁO CÁO CHƯA ĐẦY ĐỦ: các dòng có lỗi đã bị loại\n")).toBe(true);
    expect(text).toContain("2024.csv: 4");
    // Only Xã D counts for Quảng Bình.
    expect(text).toContain("toàn tỉnh Quảng Bình: điều tra làm rõ 2/4 vụ");
  });
});

describe("--format text, wording (issue 17, items 4 and 5)", () => {
  it("states a figure no clause covers instead of saying there are none", () => {
    // Certified communes without their total, and complex areas: no clause of their own.
    const text = tdbv(["summarize", "-", "--format", "text", "--period", "2024"], { stdin: "province,commune,communes_certified,complex_areas_total\nQuảng Bình,Xã A,3,2\n" }).stdout;
    expect(text).toBe("Năm 2024, toàn tỉnh Quảng Bình: số liệu khác: số xã đạt chuẩn “An toàn về ANTT” 3; số địa bàn phức tạp về trật tự, an toàn xã hội 2.\n");
    expect(text).not.toContain("không có số liệu");
  });

  it("says 'không có số liệu' only when there is no figure, as a sentence", () => {
    const text = tdbv(["summarize", "-", "--format", "text", "--period", "2024"], { stdin: "province,commune,cases_total\nQuảng Bình,Xã A,\n" }).stdout;
    expect(text).toBe("Năm 2024, toàn tỉnh Quảng Bình: không có số liệu.\n");
  });

  it("makes cameras alone a sentence with a verb, in curly quotes where the press uses them", () => {
    const text = tdbv(["summarize", "-", "--format", "text", "--period", "2024"], {
      stdin: "province,commune,cameras,residential_areas_total,residential_areas_certified\nQuảng Bình,Xã A,205,4,3\n",
    }).stdout;
    expect(text).toBe("Năm 2024, toàn tỉnh Quảng Bình: có 3/4 khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”. Có 205 mắt camera an ninh.\n");
  });

  it.each([
    [0.86104, 1, "vi", "86,1%"],
    [0.929134, 1, "vi", "92,9%"],
    [0.92951, 1, "vi", "93%"],
    [0.14505, 1, "en", "14.5%"],
    [0.00145, 1, "vi", "0,1%"],
    [0.86104, 0, "vi", "86%"],
    [0.86104, 3, "en", "86.104%"],
  ] as const)("writes %d at --decimals %d as %s (%s)", (value, decimals, lang, expected) => {
    expect(pressPercent(value, lang, decimals)).toBe(expected);
  });

  it("--decimals 1 gives one decimal, as most published figures have", () => {
    const text = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--format", "text", "--decimals", "1"]).stdout;
    expect(text).toContain("1.010/1.173 vụ phạm tội về trật tự xã hội (đạt 86,1%)");
    expect(text).toContain("118/127 vụ (đạt 92,9%)");
  });
});
