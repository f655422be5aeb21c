// The bundled fixtures reproduce the figures the provinces published (seeds/README.md):
// these are the test oracles of the whole pipeline, run through bin/tdbv as a user would.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { tdbv } from "./helpers.js";

const Ratio = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });
const Report = z.object({
  period: z.string().nullable(),
  groups: z.array(
    z.object({
      level: z.enum(["province", "district", "commune"]),
      province: z.string(),
      district: z.string().nullable(),
      period: z.string().nullable(),
      units: z.number().int(),
      totals: z.record(z.string(), z.number().nullable()),
      ratios: z.record(z.string(), Ratio),
    }),
  ),
  rows: z.object({ read: z.number().int(), counted: z.number().int(), skipped: z.record(z.string(), z.number().int()) }),
  issues: z.array(
    z.object({
      severity: z.enum(["error", "warning"]),
      code: z.string(),
      file: z.string(),
      row: z.number().int().nullable(),
      column: z.string().nullable(),
      value: z.string().nullable(),
      message: z.string(),
    }),
  ),
});

function json(file: string, ...args: string[]) {
  const r = tdbv(["summarize", file, "--format", "json", ...args]);
  expect(r.status, r.stderr).toBe(0);
  return Report.parse(JSON.parse(r.stdout));
}

describe("fixtures/lam-dong-2024.csv reproduces Lâm Đồng's published 2024 figures", () => {
  const report = json("fixtures/lam-dong-2024.csv");
  const g = report.groups[0]!;

  it("has one province group, the period from the file name, and every row accounted for", () => {
    expect(report.groups).toHaveLength(1);
    expect(g).toMatchObject({ level: "province", province: "Tỉnh Lâm Đồng", district: null, period: "2024", units: 142 });
    expect(report.rows).toEqual({ read: 143, counted: 142, skipped: { total_row: 1 } });
    expect(report.issues).toEqual([]);
  });

  it.each([
    ["tips_received", 3602],
    ["cases_solved", 1010],
    ["cases_total", 1173],
    ["suspects_handled", 1954],
    ["serious_cases_solved", 118],
    ["serious_cases_total", 127],
    ["wanted_caught", 59],
    ["residential_areas_certified", 1361],
    ["residential_areas_total", 1367],
    ["communes_certified", 108],
    ["communes_total", 111],
    ["wards_certified", 18],
    ["wards_total", 18],
    ["townships_certified", 11],
    ["townships_total", 13],
    ["institutions_certified", 871],
    ["institutions_total", 984],
    ["outreach_sessions", 1584],
    ["outreach_attendees", 311598],
    ["leaflets", 87421],
    ["guns_surrendered", 526],
    ["ammunition_rounds", 7637],
    ["grenades", 48],
    ["pledges_signed", 80637],
    ["models_total", 110],
    ["models_effective", 95],
    ["cameras", 5869],
    ["security_teams", 1367],
    ["security_team_members", 4261],
    ["dignitaries_visited", 550],
  ])("%s = %d", (name, value) => {
    expect(g.totals[name]).toBe(value);
  });

  it("solved_rate is 1010/1173 and serious_solved_rate 118/127", () => {
    expect(g.ratios.solved_rate).toMatchObject({ numerator: 1010, denominator: 1173 });
    expect(g.ratios.solved_rate!.value).toBeCloseTo(0.86104, 5);
    expect(g.ratios.serious_solved_rate).toMatchObject({ numerator: 118, denominator: 127 });
    expect(g.ratios.serious_solved_rate!.value).toBeCloseTo(0.929134, 6);
  });

  it("prints 86,10% and 92,91% in the Vietnamese table", () => {
    const r = tdbv(["summarize", "fixtures/lam-dong-2024.csv", "--format", "table"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("86,10% (1.010/1.173)");
    expect(r.stdout).toContain("92,91% (118/127)");
    expect(r.stdout).toContain("1.361");
  });
});

describe("fixtures/quang-binh-2020.csv (Vietnamese headers, ; and 1.234 numbers) reproduces Quảng Bình 2020", () => {
  const report = json("fixtures/quang-binh-2020.csv");
  const g = report.groups[0]!;

  it("maps every Vietnamese header without a warning", () => {
    expect(report.issues).toEqual([]);
    expect(g).toMatchObject({ province: "Tỉnh Quảng Bình", period: "2020", units: 151 });
  });

  it.each([
    ["meetings", 698],
    ["meeting_attendees", 116869],
    ["guns_surrendered", 299],
    ["ammunition_rounds", 650],
    ["explosives_kg", 29.5],
    ["fireworks_pieces", 185],
    ["models_total", 94],
    ["models_new", 16],
    ["residential_areas_certified", 1069],
    ["residential_areas_total", 1144],
    ["communes_certified", 113],
    ["communes_total", 128],
    ["wards_certified", 14],
    ["wards_total", 15],
    ["townships_certified", 7],
    ["townships_total", 8],
    ["agencies_certified", 289],
    ["agencies_total", 304],
    ["schools_certified", 561],
    ["schools_total", 577],
    ["complex_areas_transformed", 9],
  ])("%s = %d", (name, value) => {
    expect(g.totals[name]).toBe(value);
  });
});
