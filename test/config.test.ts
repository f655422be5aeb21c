// tdbv.config.json (issue 18, items 1 and 2): a province's own indicators, ratios, rules and
// targets, its default options, and --rank/--top/--bottom/--share, in every output. The expected
// figures are worked out by hand from fixtures/config/quang-binh-ma-tuy-2024.csv:
//
//   district           commune        crimes solved | drug cases solved
//   Huyện Bố Trạch     Xã Bắc Trạch       10     8   |     10      9
//                      Xã Cự Nẫm           5     5   |     10      8     → drugs 17/20 = 85%
//   Huyện Lệ Thủy      Xã An Thủy          4     3   |      5      4
//                      Xã Cam Thủy         6     5   |      5      4     → drugs 8/10 = 80%
//   Huyện Quảng Trạch  Xã Quảng Tiến       3     3   |      4      4
//                      Xã Quảng Hợp        2     1   |  (blank)(blank)
//                      Xã Quảng Phú        7     6   |      0      0     → drugs 4/4 = 100%
//   province                              37    31   |     34     29     → 29/34 = 85.2941%
//
// Targets: drug_solved_rate ≥ 80% everywhere (bands: xuất sắc ≥ 95%, tốt 85–95%, khá 80–85%,
// trung bình < 80%), ≥ 90% in Huyện Bố Trạch and its communes (no bands); solved_rate ≥ 75%,
// ≥ 60% for Xã Quảng Hợp.
import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { configJsonSchema } from "../src/config/schema.js";
import { summarize, TdbvError } from "../src/index.js";
import { removeTempDirs, ROOT, tdbv, tempDir } from "./helpers.js";

const CSV = "fixtures/config/quang-binh-ma-tuy-2024.csv";
const CONFIG = "fixtures/config/tdbv.config.json";
const run = (...args: string[]) => tdbv(["summarize", CSV, "--config", CONFIG, ...args]);

interface G {
  level: string;
  district: string | null;
  commune: string | null;
  totals: Record<string, number | null>;
  ratios: Record<string, { numerator: number; denominator: number; value: number | null }>;
  targets?: Record<string, { target: number | null; min?: number; met: boolean | null; grade?: string | null }>;
  rank?: Record<string, number | null>;
  share?: Record<string, number | null>;
}
const json = (...args: string[]) => {
  const r = run("--format", "json", ...args);
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as { groups: G[]; ranked_by?: string; shares?: string[] };
};
const district = (groups: G[], name: string) => groups.find((g) => g.level === "district" && g.district === name)!;
const province = (groups: G[]) => groups.find((g) => g.level === "province")!;

afterAll(removeTempDirs);

describe("a configured indicator, ratio and targets", () => {
  it("reads the indicator by its Vietnamese alias and sums it over levels; the ratio is Σ/Σ", () => {
    const { groups } = json("--by", "district");
    const p = province(groups);
    expect(p.totals.drug_cases).toBe(34);
    expect(p.totals.drug_cases_solved).toBe(29);
    expect(p.ratios.drug_solved_rate).toMatchObject({ numerator: 29, denominator: 34, value: 0.852941 });
    expect(district(groups, "Huyện Bố Trạch").ratios.drug_solved_rate!.value).toBe(0.85);
    expect(district(groups, "Huyện Lệ Thủy").ratios.drug_solved_rate!.value).toBe(0.8);
    expect(district(groups, "Huyện Quảng Trạch").ratios.drug_solved_rate!.value).toBe(1);
    // Xã Quảng Hợp left both blank: not reported, not zero.
    const { groups: communes } = json("--by", "commune");
    expect(communes.find((g) => g.commune === "Xã Quảng Hợp")!.totals.drug_cases).toBeNull();
  });

  it("gives each group its target, met or not (a minimum is met at equality), and the grade of its band", () => {
    const { groups } = json("--by", "district");
    expect(district(groups, "Huyện Bố Trạch").targets!.drug_solved_rate).toEqual({ target: 0.9, min: 0.9, met: false });
    expect(district(groups, "Huyện Lệ Thủy").targets!.drug_solved_rate).toEqual({ target: 0.8, min: 0.8, met: true, grade: "khá" });
    expect(district(groups, "Huyện Quảng Trạch").targets!.drug_solved_rate).toEqual({ target: 0.8, min: 0.8, met: true, grade: "xuất sắc" });
    expect(province(groups).targets!.drug_solved_rate).toEqual({ target: 0.8, min: 0.8, met: true, grade: "tốt" });
    expect(province(groups).targets!.solved_rate).toEqual({ target: 0.75, min: 0.75, met: true });
  });

  it("applies a district's target to its communes, and a commune's own target to it alone", () => {
    const { groups } = json("--by", "commune");
    const commune = (name: string) => groups.find((g) => g.commune === name)!;
    // 9/10 = 90% meets Bố Trạch's 90%; Cự Nẫm's 8/10 does not.
    expect(commune("Xã Bắc Trạch").targets!.drug_solved_rate).toMatchObject({ target: 0.9, met: true });
    expect(commune("Xã Cự Nẫm").targets!.drug_solved_rate).toMatchObject({ target: 0.9, met: false });
    // Quảng Hợp: 1/2 = 50% against its own 60%; its neighbour against the province's 75%.
    expect(commune("Xã Quảng Hợp").targets!.solved_rate).toMatchObject({ target: 0.6, met: false });
    expect(commune("Xã Quảng Phú").targets!.solved_rate).toMatchObject({ target: 0.75, met: true });
    // No value (blank, or 0/0): met is null, not false.
    expect(commune("Xã Quảng Hợp").targets!.drug_solved_rate).toMatchObject({ met: null, grade: null });
  });

  it("ranks siblings by every ratio (ties shared, missing last) and orders them by --rank", () => {
    const r = json("--by", "district", "--rank", "drug_solved_rate");
    expect(r.ranked_by).toBe("drug_solved_rate");
    expect(r.groups.filter((g) => g.level === "district").map((g) => [g.district, g.rank!.drug_solved_rate, g.rank!.solved_rate])).toEqual([
      ["Huyện Quảng Trạch", 1, 2],
      ["Huyện Bố Trạch", 2, 1],
      ["Huyện Lệ Thủy", 3, 3],
    ]);
    const c = json("--by", "commune", "--rank", "drug_solved_rate").groups;
    // An Thủy and Cam Thủy both 80%: both first.
    expect(c.filter((g) => g.district === "Huyện Lệ Thủy" && g.level === "commune").map((g) => g.rank!.drug_solved_rate)).toEqual([1, 1]);
    // Quảng Hợp (blank) and Quảng Phú (0/0) have no rank and come last.
    expect(c.filter((g) => g.district === "Huyện Quảng Trạch" && g.level === "commune").map((g) => [g.commune, g.rank!.drug_solved_rate])).toEqual([
      ["Xã Quảng Tiến", 1],
      ["Xã Quảng Hợp", null],
      ["Xã Quảng Phú", null],
    ]);
  });

  it("--top and --bottom keep the best or worst of each parent, and say how many were left out", () => {
    const top = run("--by", "district", "--rank", "drug_solved_rate", "--top", "1", "--format", "json");
    expect((JSON.parse(top.stdout) as { groups: G[] }).groups.map((g) => g.district)).toEqual(["Huyện Quảng Trạch", null]);
    expect(top.stderr).toContain("2 đơn vị khác không hiện");
    const bottom = JSON.parse(run("--by", "district", "--rank", "drug_solved_rate", "--bottom", "1", "--format", "json").stdout) as { groups: G[] };
    expect(bottom.groups.map((g) => g.district)).toEqual(["Huyện Lệ Thủy", null]);
    // The province's totals still count every unit.
    expect(province(bottom.groups).totals.drug_cases).toBe(34);
  });

  it("--share gives a district's share of its province", () => {
    const r = json("--by", "district", "--share", "cases_total,drug_cases");
    expect(r.shares).toEqual(["cases_total", "drug_cases"]);
    expect(district(r.groups, "Huyện Bố Trạch").share).toEqual({ cases_total: 0.405405, drug_cases: 0.588235 }); // 15/37, 20/34
    expect(province(r.groups).share).toBeUndefined();
  });

  it("CSV has the target, met, grade, rank and share columns", () => {
    const r = run("--by", "district", "--rank", "drug_solved_rate", "--share", "cases_total", "--format", "csv");
    expect(r.status).toBe(0);
    const [header, ...rows] = r.stdout.trim().split(/\r?\n/).map((l) => l.split(","));
    const col = (row: string[], name: string) => row[header!.indexOf(name)];
    const boTrach = rows.find((row) => row.includes("Huyện Bố Trạch"))!;
    expect(header).toEqual(expect.arrayContaining(["drug_cases", "drug_solved_rate", "target_drug_solved_rate", "met_drug_solved_rate", "grade_drug_solved_rate", "rank_drug_solved_rate", "share_cases_total"]));
    expect([col(boTrach, "drug_cases"), col(boTrach, "drug_solved_rate"), col(boTrach, "target_drug_solved_rate"), col(boTrach, "met_drug_solved_rate"), col(boTrach, "rank_drug_solved_rate"), col(boTrach, "share_cases_total")]).toEqual(["20", "0.850000", "0.9", "0", "2", "0.405405"]);
    const leThuy = rows.find((row) => row.includes("Huyện Lệ Thủy"))!;
    expect([col(leThuy, "met_drug_solved_rate"), col(leThuy, "grade_drug_solved_rate")]).toEqual(["1", "khá"]);
  });

  it("the table and md mark each target met or not, with its grade", () => {
    const table = run("--by", "district", "--format", "table");
    expect(table.stdout).toContain("Số vụ ma túy");
    expect(table.stdout).toMatch(/Tỷ lệ làm rõ vụ ma túy so với chỉ tiêu.*✗ không đạt ≥ 90,00%.*✓ đạt ≥ 80,00% · khá.*✓ đạt ≥ 80,00% · xuất sắc.*✓ đạt ≥ 80,00% · tốt/);
    const md = run("--by", "district", "--format", "md", "--lang", "en", "--rank", "drug_solved_rate");
    expect(md.stdout).toContain("| Drug cases solved rate against its target | ✓ met ≥ 80.00% · xuất sắc | ✗ not met ≥ 90.00% | ✓ met ≥ 80.00% · khá | ✓ met ≥ 80.00% · tốt |");
    expect(md.stdout).toContain("| Rank by Drug cases solved rate | 1 | 2 | 3 | 1 |");
  });

  it("the paragraph says vượt, đạt or không đạt chỉ tiêu", () => {
    const r = run("--by", "district", "--format", "text");
    expect(r.stdout).toContain("Huyện Bố Trạch: ");
    expect(r.stdout).toContain("Tỷ lệ làm rõ vụ ma túy 85% (17/20), không đạt chỉ tiêu 90%.");
    expect(r.stdout).toContain("Tỷ lệ làm rõ vụ ma túy 80% (8/10), đạt chỉ tiêu 80% (xếp loại khá).");
    expect(r.stdout).toContain("Tỷ lệ làm rõ vụ ma túy 85,29% (29/34), vượt chỉ tiêu 80% (xếp loại tốt).");
  });

  it("the configured rule is checked on every row: a part over its whole is an error naming the cell", () => {
    const dir = tempDir("tdbv-config-");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "Huyện,Xã,Năm,Số vụ phạm tội,Số vụ làm rõ,Vụ ma túy,Ma túy làm rõ\nHuyện Bố Trạch,Xã Bắc Trạch,2024,10,8,3,5\n");
    const r = tdbv(["summarize", bad, "--config", CONFIG, "--format", "json"]);
    expect(r.status).toBe(1);
    const issues = (JSON.parse(r.stdout) as { issues: { code: string; row: number; column: string; value: string }[] }).issues;
    expect(issues).toEqual([expect.objectContaining({ code: "part_exceeds_whole", row: 2, column: "drug_cases_solved", value: "5" })]);
  });
});

describe("a target of bands alone", () => {
  // Grades without a bound to meet: the table and the paragraph give the grade, never "not reported".
  it("shows the grade in the table and the paragraph, and no met/not met", () => {
    const dir = tempDir("tdbv-config-");
    const config = JSON.parse(readFileSync(join(ROOT, CONFIG), "utf8")) as { targets: object[] };
    config.targets = [{ ratio: "drug_solved_rate", bands: [{ grade: "tốt", min: 0.85 }, { grade: "khá", max: 0.85 }] }];
    writeFileSync(join(dir, "c.json"), JSON.stringify(config));
    const args = ["summarize", CSV, "--config", join(dir, "c.json"), "--by", "district"];
    const json = JSON.parse(tdbv([...args, "--format", "json"]).stdout) as { groups: G[] };
    expect(district(json.groups, "Huyện Lệ Thủy").targets!.drug_solved_rate).toEqual({ target: null, met: null, grade: "khá" });
    const md = tdbv([...args, "--format", "md"]).stdout;
    expect(md).toContain("| Tỷ lệ làm rõ vụ ma túy so với chỉ tiêu | tốt | khá | tốt | tốt |");
    const text = tdbv([...args, "--format", "text"]).stdout;
    expect(text).toContain("Tỷ lệ làm rõ vụ ma túy 80% (8/10), xếp loại khá.");
    expect(text).not.toContain("không có số liệu");
  });
});

describe("a stock indicator and a 'parts add up' rule", () => {
  // Guns split into military and home-made (a seed article's 23 + 276), and public fire points,
  // a state: a quarter's figure is its last month's, never the months' sum.
  const config = {
    defaults: { province: "Quảng Trị" },
    indicators: [
      { name: "guns_military", vi: "Súng quân dụng", en: "Military guns", kind: "flow", type: "count" },
      { name: "guns_homemade", vi: "Súng tự chế", en: "Home-made guns", aliases: ["Súng tự chế, súng hoa cải"], kind: "flow", type: "count" },
      { name: "fire_points", vi: "Số điểm chữa cháy công cộng", en: "Public fire points", aliases: ["Điểm chữa cháy"], kind: "stock", type: "count" },
    ],
    rules: [{ sum: "guns_surrendered", parts: ["guns_military", "guns_homemade"] }],
  };
  const HEAD = "Xã,Tháng,Súng các loại,Súng quân dụng,\"Súng tự chế, súng hoa cải\",Điểm chữa cháy\n";
  const months = ["Xã A,2024-01,5,2,3,10", "Xã A,2024-02,4,1,3,12", "Xã A,2024-03,5,1,4,12", "Xã B,2024-01,2,0,2,7", "Xã B,2024-02,2,1,1,", "Xã B,2024-03,1,1,0,9"];
  const write = (rows: string[]) => {
    const dir = tempDir("tdbv-config-");
    writeFileSync(join(dir, "tdbv.config.json"), JSON.stringify(config));
    writeFileSync(join(dir, "m.csv"), HEAD + rows.join("\n") + "\n");
    return dir;
  };

  it("sums flows over the months and keeps a stock's last reported value", () => {
    const r = tdbv(["rollup", "m.csv", "--every", "quarter", "--by", "commune", "--format", "json"], { cwd: write(months) });
    expect(r.status).toBe(0);
    const groups = (JSON.parse(r.stdout) as { groups: G[] }).groups;
    const of = (commune: string | null, level: string) => groups.find((g) => g.commune === commune && g.level === level)!.totals;
    expect(of("Xã A", "commune")).toMatchObject({ guns_surrendered: 14, guns_military: 4, guns_homemade: 10, fire_points: 12 });
    // Xã B left February's blank: March's 9 is its state at the end of the quarter.
    expect(of("Xã B", "commune")).toMatchObject({ guns_surrendered: 5, guns_military: 2, guns_homemade: 3, fire_points: 9 });
    expect(of(null, "province")).toMatchObject({ guns_surrendered: 19, guns_military: 6, guns_homemade: 13, fire_points: 21 });
  });

  it("a total that is not the sum of its parts is an error on its row, naming the cells", () => {
    const rows = [...months];
    rows[1] = "Xã A,2024-02,5,1,3,12";
    const r = tdbv(["summarize", "m.csv", "--by", "commune", "--format", "json", "--lang", "en"], { cwd: write(rows) });
    expect(r.status).toBe(1);
    const issues = (JSON.parse(r.stdout) as { issues: { code: string; row: number; column: string; value: string; message: string }[] }).issues.filter((i) => i.code === "parts_do_not_add_up");
    expect(issues).toEqual([expect.objectContaining({ row: 3, column: "guns_surrendered", value: "5" })]);
    expect(issues[0]!.message).toContain("guns_military + guns_homemade = 4");
  });
});

describe("finding the configuration and its defaults", () => {
  it("is read from tdbv.config.json in the current folder; --no-config ignores it; the command line wins", () => {
    const dir = tempDir("tdbv-config-");
    copyFileSync(join(ROOT, CONFIG), join(dir, "tdbv.config.json"));
    copyFileSync(join(ROOT, CSV), join(dir, "data.csv"));
    const found = tdbv(["summarize", "data.csv", "--format", "json"], { cwd: dir });
    expect(found.status).toBe(0);
    const p = province((JSON.parse(found.stdout) as { groups: G[] }).groups);
    // defaults.province came from the file (the data has no province column).
    expect(p).toMatchObject({ totals: expect.objectContaining({ drug_cases: 34 }) });
    // defaults.lang is vi; --lang en on the command line wins.
    expect(tdbv(["summarize", "data.csv", "--format", "md"], { cwd: dir }).stdout).toContain("Tỷ lệ làm rõ vụ ma túy");
    expect(tdbv(["summarize", "data.csv", "--format", "md", "--lang", "en"], { cwd: dir }).stdout).toContain("Drug cases solved rate");
    const none = tdbv(["summarize", "data.csv", "--format", "json", "--no-config", "--province", "Quảng Bình"], { cwd: dir });
    expect(none.status).toBe(0);
    expect(Object.keys(province((JSON.parse(none.stdout) as { groups: G[] }).groups).totals)).not.toContain("drug_cases");
  });

  it("an unknown key is an error naming it and the keys allowed there (exit 2)", () => {
    const dir = tempDir("tdbv-config-");
    const file = join(dir, "c.json");
    writeFileSync(file, JSON.stringify({ indicatorz: [] }));
    const r = tdbv(["summarize", CSV, "--config", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("indicatorz: khóa không được phép; các khóa được phép ở đây: $schema, defaults, indicators, ratios, rules, targets");
    expect(r.stderr).not.toContain("<U+000A>");
  });

  it("a value not allowed names the key and the allowed values, every problem at once", () => {
    const dir = tempDir("tdbv-config-");
    const file = join(dir, "c.json");
    writeFileSync(file, JSON.stringify({ indicators: [{ name: "fires", vi: "Số vụ cháy", en: "Fires", kind: "flows" }], targets: [{ ratio: "solved_rate", min: "80%" }] }));
    const r = tdbv(["summarize", CSV, "--config", file, "--lang", "en"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('indicators[0].kind: "flows" is not allowed; the allowed values: "flow", "stock"');
    expect(r.stderr).toContain("targets[0].min");
  });

  it("a configuration cannot change a built-in column", () => {
    const dir = tempDir("tdbv-config-");
    const file = join(dir, "c.json");
    writeFileSync(file, JSON.stringify({ indicators: [{ name: "cases_total", vi: "Số vụ", en: "Cases", kind: "flow" }] }));
    const r = tdbv(["summarize", CSV, "--config", file, "--lang", "en"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("indicators[0].name");
    expect(r.stderr).toContain("cases_total");
  });

  it("a default of the wrong kind for its option is named with the allowed values", () => {
    const dir = tempDir("tdbv-config-");
    const file = join(dir, "c.json");
    writeFileSync(file, JSON.stringify({ defaults: { summarize: { by: "ward" } } }));
    const r = tdbv(["summarize", CSV, "--config", file, "--province", "Quảng Bình"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("defaults.summarize.by");
    expect(r.stderr).toContain("province, district, commune");
  });
});

describe("the library with a configuration", () => {
  it("takes the config as a path or an object; a call without one is not affected by one running beside it", async () => {
    process.chdir(ROOT);
    const object = JSON.parse(readFileSync(join(ROOT, CONFIG), "utf8")) as object;
    const [withPath, plain, withObject] = await Promise.all([
      summarize(CSV, { config: CONFIG, by: "district", rank: "drug_solved_rate" }),
      summarize(CSV, { province: "Quảng Bình" }),
      summarize(CSV, { config: object }),
    ]);
    expect(withPath.groups.map((g) => g.district)).toEqual(["Huyện Quảng Trạch", "Huyện Bố Trạch", "Huyện Lệ Thủy", null]);
    expect(withObject.groups[0]!.ratios.drug_solved_rate).toMatchObject({ numerator: 29, denominator: 34 });
    expect(plain.groups[0]!.ratios.drug_solved_rate).toBeUndefined();
    expect(plain.groups[0]!.targets).toBeUndefined();
    await expect(summarize(CSV, { config: { indicators: [{ name: "x" }] } })).rejects.toBeInstanceOf(TdbvError);
    // A path is read as --config is: a missing file is the same input error (exit 3 on the command line).
    await expect(summarize(CSV, { config: "no-such/tdbv.config.json" })).rejects.toMatchObject({ kind: "input" });
  });

  it("works from plain Node by the package's name", () => {
    const script = `import { summarize } from "tdbv"; const r = await summarize("${CSV}", { config: "${CONFIG}" }); console.log(JSON.stringify(r.groups[0].targets.drug_solved_rate));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ target: 0.8, min: 0.8, met: true, grade: "tốt" });
  });
});

describe("schema/config.schema.json", () => {
  const shipped = readFileSync(join(ROOT, "schema/config.schema.json"), "utf8");

  it("is the configuration's schema as the code checks it (npm run schema:config writes it)", () => {
    expect(JSON.parse(shipped)).toEqual(configJsonSchema());
  });

  it("is what tdbv schema --config prints, and is shipped in the package", () => {
    expect(tdbv(["schema", "--config"]).stdout).toBe(shipped);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(pkg.exports["./schema/config.schema.json"]).toBe("./schema/config.schema.json");
  });

  it("accepts the fixture's configuration and refuses an unknown key", () => {
    const schema = z.fromJSONSchema(JSON.parse(shipped) as never);
    expect(schema.safeParse(JSON.parse(readFileSync(join(ROOT, CONFIG), "utf8"))).success).toBe(true);
    expect(schema.safeParse({ indicatorz: [] }).success).toBe(false);
  });
});
