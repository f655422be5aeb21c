// Issue 7: the published paragraph, generated from the figures. From fixtures/lam-dong-2024.csv
// it states every figure of the Lâm Đồng 2024 seed article that is a dictionary tally, written
// as the article writes it.
import { describe, expect, it } from "vitest";
import { pressPercent } from "../src/render/text.js";
import { tdbv } from "./helpers.js";

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
