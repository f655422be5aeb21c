// Issue 17, items 2 and 8: summarize --compare and --compare-with, and the terminal table that
// fits its terminal. Expected words and figures come from fixtures/make-paragraph-fixtures.mjs
// (fixtures/paragraph/expected.json), not from tdbv.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { captureIo, ROOT, tdbv, tempDir } from "./helpers.js";

const P = "fixtures/paragraph";
const expected = JSON.parse(readFileSync(join(ROOT, P, "expected.json"), "utf8"));

describe("summarize --compare-with FILE", () => {
  it("states each change against the earlier file, computed from the fixture script's totals", () => {
    const r = tdbv(["summarize", `${P}/quang-tri-2024.csv`, "--compare-with", `${P}/quang-tri-2023.csv`, "--format", "text"]);
    expect(r.status).toBe(0);
    const [a, b] = [expected["quang-tri-2023"], expected["quang-tri-2024"]];
    const up = b.cases_total - a.cases_total;
    const down = a.cases_solved - b.cases_solved;
    expect(r.stdout).toContain(`So với năm 2023: số vụ phạm tội về trật tự xã hội tăng ${up} vụ`);
    expect(r.stdout).toContain(`số vụ điều tra làm rõ giảm ${down} vụ`);
    expect(r.stdout).toContain(`số cuộc họp dân, hội nghị bằng kỳ so sánh (${a.meetings})`);
    expect(r.stdout).toContain(`số mắt camera an ninh tăng thêm ${b.cameras - a.cameras} mắt camera`);
    expect(r.stderr).toContain("so sánh với fixtures/paragraph/quang-tri-2023.csv (2023)");
  });

  it("gives the earlier value and the change in JSON, CSV and the table", () => {
    const args = ["summarize", `${P}/quang-tri-2024.csv`, "--compare-with", `${P}/quang-tri-2023.csv`];
    const json = JSON.parse(tdbv([...args, "--format", "json"]).stdout);
    expect(json.compare).toBe("with");
    const g = json.groups[0];
    expect(g.comparison.totals.cases_total).toMatchObject({ previous: expected["quang-tri-2023"].cases_total, change: expected["quang-tri-2024"].cases_total - expected["quang-tri-2023"].cases_total });
    const md = tdbv([...args, "--format", "md"]).stdout;
    expect(md).toContain(`384 (số liệu trước 360; +24; +6,7%)`);
  });

  it("says when a place has no earlier data, and never compares it with 0", () => {
    const dir = tempDir("compare");
    const earlier = join(dir, "2023.csv");
    // The earlier file has Huyện Gio Linh only.
    writeFileSync(earlier, readFileSync(join(ROOT, P, "quang-tri-2023.csv"), "utf8").split("\n").filter((l) => !l.includes("Cam Lộ")).join("\n"));
    const r = tdbv(["summarize", `${P}/quang-tri-2024.csv`, "--compare-with", earlier, "--by", "district", "--format", "text"]);
    const camLo = r.stdout.split("\n\n").find((p) => p.includes("Huyện Cam Lộ:"))!;
    expect(camLo).toContain("Không có số liệu năm 2023 để so sánh.");
    expect(camLo).not.toMatch(/tăng|giảm/);
  });

  it("fails the run on an error in the earlier file (exit 1, no report)", () => {
    const r = tdbv(["summarize", `${P}/quang-tri-2024.csv`, "--compare-with", `${P}/loi-2024.csv`, "--format", "text"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("lỗi[part_exceeds_whole] fixtures/paragraph/loi-2024.csv:4");
  });

  it.each([
    [["--compare-with", `${P}/quang-tri-2023.csv`, "--compare", "previous"], "không dùng --compare và --compare-with cùng nhau"],
    [["--compare-with", `${P}/thang`], "số liệu để so sánh gồm nhiều kỳ (2023-01, 2023-02, 2023-03, 2024-01, 2024-02, 2024-03)"],
    [["--compare", "yesterday"], "--compare"],
  ])("refuses %j (exit 2)", (extra, message) => {
    const r = tdbv(["summarize", `${P}/quang-tri-2024.csv`, ...extra, "--format", "text"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe("summarize --compare previous|last-year", () => {
  it("compares the input's own periods, as rollup does", () => {
    const r = tdbv(["summarize", `${P}/quang-tri-2023.csv`, `${P}/quang-tri-2024.csv`, "--compare", "last-year", "--format", "text"]);
    expect(r.stdout).toContain("Không có số liệu cùng kỳ năm 2022 để so sánh.");
    expect(r.stdout).toContain(`So với cùng kỳ năm 2023: số vụ phạm tội về trật tự xã hội tăng ${expected["quang-tri-2024"].cases_total - expected["quang-tri-2023"].cases_total} vụ`);
  });
});

describe("the terminal table fits the terminal (issue 17, item 8)", () => {
  const file = readFileSync(join(ROOT, "fixtures", "lam-dong-2024.csv"));
  async function table(columns: number | undefined): Promise<string> {
    const io = captureIo((p) => (p === "x.csv" ? file : Buffer.alloc(0)), { stdoutIsTTY: columns !== undefined, ...(columns ? { stdoutColumns: columns } : {}) });
    await main(["summarize", "x.csv", "--by", "district", "--format", "table", "--no-color"], io);
    return io.out.join("");
  }
  const width = (s: string) => Math.max(...s.split("\n").map((l) => [...l].length));

  it.each([80, 120, 200])("at %i columns, no line is wider", async (columns) => {
    const out = await table(columns);
    expect(width(out)).toBeLessThanOrEqual(columns);
    // Every district is still there.
    expect(out.match(/Huyện|Thành phố/g)!.length).toBeGreaterThanOrEqual(12);
  });

  it("off a terminal, keeps five groups per table as before", async () => {
    const out = await table(undefined);
    expect(out).toBe(tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--by", "district", "--format", "table"]).stdout);
  });
});

describe("periods labelled for what they cover (issue 17, item 3)", () => {
  const csvRows = (args: string[]) => {
    const [head, ...rows] = tdbv([...args, "--format", "csv"]).stdout.trim().split("\n").map((l) => l.split(","));
    return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]])));
  };

  it("--ytd: CSV and JSON say the figures are cumulative from January", () => {
    const rows = csvRows(["rollup", `${P}/thang`, "--every", "month", "--ytd"]);
    const feb = rows.find((r) => r.period === "2024-02")!;
    expect([feb.covers_from, feb.covers_to, feb.cumulative, feb.partial_period]).toEqual(["2024-01", "2024-02", "1", "0"]);
    expect(Number(feb.cases_total)).toBe(expected["ytd-2024-02"].cases_total);
    const json = JSON.parse(tdbv(["rollup", `${P}/thang`, "--every", "month", "--ytd", "--format", "json"]).stdout);
    expect(json.groups.find((g: { period: string }) => g.period === "2024-03").coverage).toEqual({ from: "2024-01", to: "2024-03", cumulative: true, partial: false });
    const text = tdbv(["rollup", `${P}/thang`, "--every", "month", "--ytd", "--format", "text"]).stdout;
    expect(text).toContain("2 tháng đầu năm 2024, toàn tỉnh Quảng Trị:");
    expect(text).not.toContain("Tháng 2/2024");
    // Quarters to date: the first is the quarter itself, the second six months.
    const q = tdbv(["rollup", `${P}/thang`, "--every", "quarter", "--ytd", "--format", "text"]).stdout;
    expect(q).toContain("Quý I/2024, toàn tỉnh Quảng Trị:");
  });

  it("a year of three months is flagged in CSV, JSON, table and text", () => {
    const args = ["rollup", `${P}/thang`, "--every", "year"];
    const y = csvRows(args).find((r) => r.period === "2024")!;
    expect([y.covers_from, y.covers_to, y.cumulative, y.partial_period]).toEqual(["2024-01", "2024-03", "0", "1"]);
    expect(JSON.parse(tdbv([...args, "--format", "json"]).stdout).groups[1].coverage.partial).toBe(true);
    const md = tdbv([...args, "--format", "md"]).stdout;
    expect(md).toContain("Quảng Trị (2024: chỉ có 2024-01..2024-03)");
    expect(md).toContain("Kỳ 2024 chưa đủ: chỉ có số liệu từ 2024-01 đến 2024-03.");
    expect(tdbv([...args, "--format", "text"]).stdout).toContain("3 tháng đầu năm 2024 (năm 2024 mới có số liệu đến tháng 3/2024, chưa đủ kỳ), toàn tỉnh Quảng Trị:");
    // A whole year is no partial one.
    const whole = csvRows(["rollup", "fixtures/monthly/ha-tinh-2024-*.csv", "--every", "year"]);
    expect(whole.length).toBeGreaterThan(0);
    expect(whole.map((r) => [r.covers_from, r.covers_to, r.partial_period])).toEqual(whole.map(() => ["2024-01", "2024-12", "0"]));
  });
});
