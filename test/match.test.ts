import { describe, expect, it } from "vitest";
import { matchHeader } from "../src/detect/match.js";
import { IDENTIFIERS, TALLIES } from "../src/domain/columns.js";

const column = (text: string) => {
  const m = matchHeader(text);
  return m.status === "matched" ? m.column : m.status;
};

describe("matchHeader", () => {
  it.each([
    ["Số vụ điều tra làm rõ", "cases_solved"],
    ["KDC đạt chuẩn", "residential_areas_certified"],
    ["kdc dat chuan", "residential_areas_certified"],
    ["KHU DÂN CƯ ĐẠT CHUẨN", "residential_areas_certified"],
    ["Huyện, thị xã, thành phố", "district"],
    ["Quận/huyện", "district"],
    ["Pháo (hộp, quả)", "fireworks_pieces"],
    ["Pháo (kg)", "fireworks_kg"],
    ["Thuốc nổ (kg)", "explosives_kg"],
    ["Số CQ, DN", "agencies_total"],
    ["CQ, DN, CSGD đạt chuẩn", "institutions_certified"],
    ["Vụ phạm tội về TTXH", "cases_total"],
    ["Tổng số vụ phạm tội về TTXH", "cases_total"],
    ["Số vụ phạm tội về trật tự xã hội xảy ra", "cases_total"],
    ["Khám phá án RNT, ĐBNT", "serious_cases_solved"],
    ["Đơn vị", "commune"],
    ["Tên đơn vị", "commune"],
    ["Xã, phường, thị trấn", "commune"],
    ["Mã ĐVHC", "unit_code"],
    ["Tỉnh/TP", "province"],
    ["Đạt chuẩn ATANTT", "certified"],
    ["Lượt người tham dự họp dân", "meeting_attendees"],
    ["Số mắt camera an ninh", "cameras"],
    ["cases_solved", "cases_solved"],
    ["Cases solved", "cases_solved"],
  ])("%j -> %s", (header, expected) => {
    expect(column(header)).toBe(expected);
  });

  it("ignores NFC/NFD form and repeated spaces", () => {
    const nfd = "Số vụ   điều tra làm rõ".normalize("NFD");
    expect(column(nfd)).toBe("cases_solved");
  });

  it.each(["STT", "Số TT", "Ghi chú"])("ignores the row-number and notes column %j", (h) => {
    expect(matchHeader(h).status).toBe("ignored");
  });

  it("treats a percentage column as derived, never as a tally", () => {
    expect(matchHeader("Tỷ lệ (%)").status).toBe("derived");
    expect(matchHeader("Tỷ lệ KDC đạt chuẩn").status).toBe("derived");
  });

  it("says a header close to two columns is ambiguous, and names them", () => {
    expect(matchHeader("Pháo")).toEqual({ status: "ambiguous", candidates: ["fireworks_kg", "fireworks_pieces"] });
    expect(matchHeader("Pháo thu hồi")).toEqual({ status: "ambiguous", candidates: ["fireworks_kg", "fireworks_pieces"] });
  });

  it("names the nearest columns of a header that matches none", () => {
    const m = matchHeader("Số vụ cháy nổ");
    expect(m.status).toBe("unknown");
    if (m.status === "unknown") expect(m.candidates.length).toBeGreaterThan(0);
    expect(matchHeader("Ghi chú cán bộ").status).toBe("unknown");
  });

  it("never reads a header that counts ('Số đơn vị', 'Tổng số huyện') as a name, code or period", () => {
    const identifiers: readonly string[] = IDENTIFIERS.map((c) => c.name);
    for (const text of ["Số đơn vị", "Tổng số đơn vị", "Tổng đơn vị", "1. Số đơn vị", "(3) Số đơn vị", "Số huyện", "Số tỉnh", "Số kỳ", "Số năm", "Số mã", "Số kỳ mã", "Số đạt chuẩn", "Số đơn vị đạt chuẩn", "Số đơn vị báo cáo", "Số đơn vị ma túy", "Số đơn vị có mã số", "Số đơn vị cấp xã ma túy", "Số Đơn vị cấp tỉnh ma túy", "Tổng số Huyện, quận, thị xã, thành phố ma túy"]) {
      expect([text, identifiers.includes(column(text))]).toEqual([text, false]);
    }
    // Counts that are tallies still are.
    expect(column("Số xã")).toBe("communes_total");
    expect(column("Số xã đạt chuẩn")).toBe("communes_certified");
    expect(column("Đơn vị")).toBe("commune");
    expect(column("Số/Mã ĐVHC")).toBe("unit_code");
    expect(column("1. Số / mã ĐVHC")).toBe("unit_code");
  });

  it("never maps kilograms to pieces or back", () => {
    expect(column("Pháo thu hồi (kg)")).toBe("fireworks_kg");
    expect(column("Pháo thu hồi (hộp)")).toBe("fireworks_pieces");
  });

  it("maps every dictionary label and alias to its own column", () => {
    for (const col of [...IDENTIFIERS, ...TALLIES]) {
      for (const text of [col.vi, col.name, ...col.aliases]) {
        expect([text, column(text)]).toEqual([text, col.name]);
      }
    }
  });
});
