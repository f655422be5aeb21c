// Issue 15: the official lists bundled in data/units/, the provinces and their spellings, the
// crosswalk, and `tdbv units`. Expected counts are computed here from the CSV files with
// csv-parse (not tdbv's reader); expected spellings are written by hand.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import * as XLSX from "@e965/xlsx/xlsx.mjs";
import { crossProvinceRows, crosswalk, crosswalkWith, officialDistricts, officialUnits, unitByCode, unknownTargets, unplacedCommunes } from "../src/units/lists.js";
import { findProvince, isCentralCity, listOn, provinceByCode, provinces, provincesBecoming, successor, type Province } from "../src/units/provinces.js";
import { lookupUnits } from "../src/units/lookup.js";
import { padCode } from "../src/units/keys.js";
import { ROOT, tdbv, tempDir } from "./helpers.js";

const DATA = join(ROOT, "data", "units");
const csv = (name: string): Record<string, string>[] => parse(readFileSync(join(DATA, name)), { columns: true, bom: true });
const OLD = csv("units-2025-03-01.csv");
const NEW = csv("units-2025-07-01.csv");
const PROVINCES = csv("provinces-2025-07-01.csv");
const CROSSWALK = csv("crosswalk-2025-07-01.csv");

/** Without diacritics, as a file typed on a keyboard without Vietnamese input would have it. */
const plain = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"));
const distinct = <T,>(xs: T[]) => [...new Set(xs)];

describe("the bundled lists", () => {
  it("are the files of ../shared/domain/units, plain CSV: no quotes, NFC, codes and parts without spaces", () => {
    for (const name of ["units-2025-03-01.csv", "units-2025-07-01.csv", "provinces-2025-07-01.csv", "crosswalk-2025-07-01.csv"]) {
      const text = readFileSync(join(DATA, name), "utf8");
      expect(text.includes('"'), name).toBe(false);
      expect(text.includes("\r"), name).toBe(false);
      expect(text === text.normalize("NFC"), name).toBe(true);
    }
    // lists.ts reads the bundled crosswalk's codes and parts as they are.
    for (const r of CROSSWALK) expect([r.old_commune_code, r.commune_code, r.part]).toEqual([r.old_commune_code!.trim(), r.commune_code!.trim(), r.part!.trim()]);
    // GSO's names have a few double and trailing spaces: shown cleaned.
    expect(OLD.filter((r) => r.commune !== r.commune!.trim()).map((r) => r.commune_code)).toHaveLength(4);
    expect(officialUnits("2025-03-01").filter((u) => /^\s|\s$|\s\s/.test(u.name))).toEqual([]);
  });

  it("hold 10,047 old communes, 3,321 new ones, 63 and 34 provinces, 696 districts", () => {
    expect(OLD.length).toBe(10_047);
    expect(NEW.length).toBe(3_321);
    expect(officialUnits("2025-03-01").length).toBe(OLD.length);
    expect(officialUnits("2025-07-01").length).toBe(NEW.length);
    expect(distinct(OLD.map((r) => r.province_code)).length).toBe(63);
    expect(distinct(NEW.map((r) => r.province_code)).length).toBe(34);
    // 691 districts have communes; the five island districts without communes are in the crosswalk with 3-digit codes.
    const withCommunes = distinct(OLD.map((r) => r.district_code!));
    const islands = distinct(CROSSWALK.filter((r) => r.old_commune_code!.length === 3).map((r) => r.old_commune_code!));
    expect(withCommunes.length).toBe(691);
    expect(islands.sort()).toEqual(["318", "471", "498", "536", "755"]);
    expect(withCommunes.length + islands.length).toBe(696);
    expect(officialDistricts().length).toBe(696);
    expect(officialDistricts().filter((d) => d.communes === 0).map((d) => d.code)).toEqual(islands);
  });

  it("give each unit its list's fields, as in the file", () => {
    const byCode = new Map(officialUnits("2025-03-01").map((u) => [u.code, u]));
    for (const r of OLD) {
      const u = byCode.get(r.commune_code!)!;
      const clean = (s: string) => s.replace(/\s+/g, " ").trim();
      expect([u.provinceCode, u.provinceName, u.districtCode, u.districtName, u.name, u.type, u.validTo]).toEqual([r.province_code, r.province, r.district_code, clean(r.district!), clean(r.commune!), r.unit_type!.toLowerCase(), "2025-06-30"]);
    }
    const n = officialUnits("2025-07-01").find((u) => u.code === "01786")!;
    expect(n).toMatchObject({ provinceCode: "04", districtCode: null, name: "Xã Đông Khê", type: "xã", validFrom: "2025-07-01", validTo: null });
    expect(distinct(officialUnits("2025-07-01").map((u) => u.type)).sort()).toEqual(["phường", "xã", "đặc khu"]);
  });

  it("are found by code, with or without leading zeros", () => {
    expect(unitByCode("2025-03-01", "1786")?.name).toBe("Thị trấn Đông Khê");
    expect(unitByCode("2025-07-01", "01786")?.name).toBe("Xã Đông Khê");
    expect(unitByCode("2025-07-01", "16387")).toBeNull(); // an old code the new list does not reuse
    expect(unitByCode("2025-03-01", "x1")).toBeNull();
  });

  it("are read once per process", () => {
    expect(officialUnits("2025-03-01")).toBe(officialUnits("2025-03-01"));
    expect(crosswalk()).toBe(crosswalk());
  });

  it("keep GSO's duplicate: Xã Đông Khê of Thành phố Thanh Hóa twice, codes 16387 and 16408", () => {
    const dup = officialUnits("2025-03-01").filter((u) => u.districtCode === "380" && u.name === "Xã Đông Khê");
    expect(dup.map((u) => u.code)).toEqual(["16387", "16408"]);
  });
});

describe("the crosswalk", () => {
  it("has 10,604 rows, 460 divided old communes, and places every old commune", () => {
    expect(CROSSWALK.length).toBe(10_604);
    const cw = crosswalk();
    expect([...cw.forward.values()].reduce((n, t) => n + t.length, 0)).toBe(CROSSWALK.length);
    const divided = distinct(CROSSWALK.filter((r) => r.part === "partial").map((r) => r.old_commune_code));
    expect(divided.length).toBe(460);
    expect([...cw.forward].filter(([, t]) => t.some((x) => x.part === "partial")).length).toBe(460);
    // A divided commune has two or more parts, all partial; a whole one a single row.
    for (const [code, targets] of cw.forward) {
      if (targets.some((t) => t.part === "partial")) expect(targets.length >= 2 && targets.every((t) => t.part === "partial"), code).toBe(true);
      else expect(targets.length, code).toBe(1);
    }
    const placed = new Set(CROSSWALK.map((r) => r.old_commune_code));
    expect(OLD.filter((r) => !placed.has(r.commune_code)).length).toBe(0);
    expect(unplacedCommunes()).toEqual([]);
    expect(unknownTargets()).toEqual([]);
  });

  it("goes both ways: every row is a target of its old commune and a source of its new one", () => {
    const cw = crosswalk();
    for (const r of CROSSWALK) {
      expect(cw.forward.get(r.old_commune_code!)!.some((t) => t.code === r.commune_code && t.part === r.part)).toBe(true);
      expect(cw.backward.get(r.commune_code!)!.some((s) => s.code === r.old_commune_code && s.part === r.part)).toBe(true);
    }
    expect(cw.backward.size).toBe(distinct(NEW.map((r) => r.commune_code)).length); // every new commune is formed from something
    expect(cw.backward.get("16378")!.filter((s) => s.name === "Xã Đông Khê").map((s) => s.code)).toEqual(["16387", "16408"]);
  });

  it("sends every old commune into its province's successor but one, which is reported", () => {
    const cw = crosswalk();
    const across: string[] = [];
    for (const u of officialUnits("2025-03-01")) {
      const next = successor(provinceByCode(u.provinceCode, "2025-03-01")!);
      for (const t of cw.forward.get(u.code)!) if (t.provinceCode !== next.code) across.push(`${u.code}->${t.code}`);
    }
    // 30622 Xã Tân Phú (Huyện Châu Thành, Tỉnh An Giang) is sent to Đồng Tháp's Xã Tân Phú Trung: an error of the source.
    expect(across).toEqual(["30622->30259"]);
    expect(crossProvinceRows().map((r) => [r.oldCode, r.expectedProvinceCode, r.target.code, r.target.provinceCode])).toEqual([["30622", "91", "30259", "82"]]);
    const [u] = lookupUnits("30622").matches;
    expect(u!.becomes).toEqual([expect.objectContaining({ code: "30259", expectedProvince: { code: "91", name: "Tỉnh An Giang" } })]);
    const r = tdbv(["units", "30622"]);
    expect(r.stdout).toContain("nhưng tỉnh cũ của nó hợp nhất vào Tỉnh An Giang: bảng chuyển đổi có thể sai");
  });

  it("takes a user's corrections: their rows replace the bundled ones per old commune code, leading zeros optional", () => {
    const file = join(tempDir("units"), "corrections.csv");
    // 00007 (Phường Cống Vị) said to go whole into 00008; 1786 (Thị trấn Đông Khê) split; a header in another order.
    writeFileSync(file, "part,old_commune_code,commune_code\nfull,7,8\npartial,1786,1786\npartial,1786,1789\n");
    const cw = crosswalkWith(readFileSync(file), file);
    expect(cw.forward.get("00007")).toEqual([{ code: "00008", name: "Phường Ngọc Hà", provinceCode: "01", provinceName: "Thành phố Hà Nội", part: "full" }]);
    expect(cw.forward.get("01786")!.map((t) => [t.code, t.part])).toEqual([["01786", "partial"], ["01789", "partial"]]);
    expect(cw.forward.get("00001")).toEqual(crosswalk().forward.get("00001")); // others untouched
    expect(cw.backward.get("00025")!.some((s) => s.code === "00007")).toBe(false);
    expect([...cw.corrected].sort()).toEqual(["00007", "01786"]);
    expect(cw.sources).toEqual(["data/units/crosswalk-2025-07-01.csv", file]);
    expect(unplacedCommunes(cw)).toEqual([]);
  });

  it("reports a correction that places a commune nowhere known, and refuses a file that is not a crosswalk", () => {
    const dir = tempDir("units");
    const unknown = join(dir, "unknown.csv");
    writeFileSync(unknown, "old_commune_code,commune_code,part\n00001,99999,full\n");
    expect(unknownTargets(crosswalkWith(readFileSync(unknown), unknown))).toEqual([{ oldCode: "00001", target: expect.objectContaining({ code: "99999" }) }]);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "old_commune_code,commune_code,part\n00001,00097,half\n");
    expect(() => crosswalkWith(readFileSync(bad), bad)).toThrow(/bad\.csv:2: part "half" is neither full nor partial/);
    writeFileSync(bad, "old,new\n1,2\n");
    expect(() => crosswalkWith(readFileSync(bad), bad)).toThrow(/no old_commune_code, commune_code, part column/);
  });
});

describe("provinces", () => {
  it("are the 63 old and 34 new provinces of the lists, with the merger table of provinces-2025-07-01.csv", () => {
    const old = provinces("2025-03-01");
    const now = provinces("2025-07-01");
    expect(old.length).toBe(63);
    expect(now.length).toBe(34);
    expect(old.map((p) => [p.code, p.name, p.becomes]).sort()).toEqual(PROVINCES.map((r) => [r.old_province_code, r.old_province, r.province_code]).sort());
    expect(distinct(OLD.map((r) => `${r.province_code} ${r.province}`)).sort()).toEqual(old.map((p) => `${p.code} ${p.name}`).sort());
    expect(distinct(NEW.map((r) => `${r.province_code} ${r.province}`)).sort()).toEqual(now.map((p) => `${p.code} ${p.name}`).sort());
    expect(distinct(PROVINCES.map((r) => `${r.province_code} ${r.province}`)).sort()).toEqual(now.map((p) => `${p.code} ${p.name}`).sort());
    for (const p of old) expect([p.validFrom, p.validTo, p.list]).toEqual([null, "2025-06-30", "2025-03-01"]);
    for (const p of now) expect([p.validFrom, p.validTo, p.becomes, p.list]).toEqual(["2025-07-01", null, null, "2025-07-01"]);
  });

  it("say which old provinces formed each new one", () => {
    expect(provincesBecoming("44").map((p) => p.short)).toEqual(["Quảng Bình", "Quảng Trị"]);
    expect(provincesBecoming("79").map((p) => p.code)).toEqual(["74", "77", "79"]);
    expect(provincesBecoming("4").map((p) => p.name)).toEqual(["Tỉnh Cao Bằng"]);
    const all = provinces("2025-07-01").flatMap((p) => provincesBecoming(p.code));
    expect(all.length).toBe(63);
    expect(new Set(all).size).toBe(63);
  });

  it("know the six centrally-run cities of each era", () => {
    const cities = ["Thành phố Cần Thơ", "Thành phố Huế", "Thành phố Hà Nội", "Thành phố Hải Phòng", "Thành phố Hồ Chí Minh", "Thành phố Đà Nẵng"];
    for (const list of ["2025-03-01", "2025-07-01"] as const) {
      expect(provinces(list).filter(isCentralCity).map((p) => p.name).sort()).toEqual(cities);
      expect(provinces(list).filter((p) => !isCentralCity(p)).every((p) => p.name.startsWith("Tỉnh "))).toBe(true);
    }
  });

  /** Every way of writing a province that must find it. */
  function spellings(p: Province): string[] {
    const city = isCentralCity(p);
    return [
      p.name,
      p.short,
      plain(p.name),
      plain(p.short),
      p.name.toUpperCase(),
      p.short.toLowerCase(),
      p.name.normalize("NFD"),
      `  ${p.short.replace(/ /g, "   ")}  `,
      ...(city ? [`TP ${p.short}`, `TP. ${p.short}`, `Tp.${p.short}`, `TP ${plain(p.short)}`, `Thanh pho ${plain(p.short)}`] : [`Tỉnh ${p.short}`, `T. ${p.short}`, `tinh ${plain(p.short)}`]),
    ];
  }

  it.each(provinces().map((p) => [`${p.name} (${p.list})`, p] as const))("%s is found from its name, short name, without diacritics, with prefixes, NFD, in its era", (_, p) => {
    const era = p.list === "2025-03-01" ? "2025-06-30" : "2025-07-01";
    const sameName = provinces().filter((q) => q.short === p.short);
    for (const text of spellings(p)) {
      expect(findProvince(text, era), text).toMatchObject({ match: p });
      const undated = findProvince(text);
      if (sameName.length === 1) expect(undated, text).toMatchObject({ match: p });
      else expect(undated, text).toEqual({ ambiguous: sameName, acrossEras: true });
    }
    expect(findProvince(String(Number(p.code)), era), p.code).toMatchObject({ match: p, by: "code" });
    expect(findProvince(p.code, era)).toMatchObject({ match: p, by: "code" });
  });

  it("codes are padded to their level's width", () => {
    expect([padCode("1786", "commune"), padCode("4", "province"), padCode(" 53 ", "district"), padCode("123456", "commune"), padCode("4.0", "province")]).toEqual(["01786", "04", "053", null, null]);
  });

  it("read the usual spellings and short forms", () => {
    const cases: [string, string][] = [
      ["Tỉnh Hòa Bình", "Tỉnh Hoà Bình"],
      ["Hoà Bình", "Tỉnh Hoà Bình"],
      ["Hoa Binh", "Tỉnh Hoà Bình"],
      ["Khánh Hoà", "Tỉnh Khánh Hòa"],
      ["Thanh Hoá", "Tỉnh Thanh Hóa"],
      ["TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"],
      ["TP.HCM", "Thành phố Hồ Chí Minh"],
      ["TPHCM", "Thành phố Hồ Chí Minh"],
      ["HCM", "Thành phố Hồ Chí Minh"],
      ["Ho Chi Minh City", "Thành phố Hồ Chí Minh"],
      ["Lam Dong", "Tỉnh Lâm Đồng"],
      ["Ha Noi", "Thành phố Hà Nội"],
      ["Hanoi", "Thành phố Hà Nội"],
      ["Thừa Thiên Huế", "Thành phố Huế"],
      ["Tỉnh Thừa Thiên - Huế", "Thành phố Huế"],
      ["TT-Huế", "Thành phố Huế"],
      ["Bà Rịa-Vũng Tàu", "Tỉnh Bà Rịa - Vũng Tàu"],
      ["Bà Rịa – Vũng Tàu", "Tỉnh Bà Rịa - Vũng Tàu"],
      ["Bà Rịa Vũng Tàu", "Tỉnh Bà Rịa - Vũng Tàu"],
      ["BR-VT", "Tỉnh Bà Rịa - Vũng Tàu"],
      ["Đắc Lắc", "Tỉnh Đắk Lắk"],
      ["Daklak", "Tỉnh Đắk Lắk"],
      ["Đăk Nông", "Tỉnh Đắk Nông"],
      ["Kontum", "Tỉnh Kon Tum"],
      ["Bắc Cạn", "Tỉnh Bắc Kạn"],
    ];
    for (const [text, name] of cases) {
      const r = findProvince(text, "2025-03-01");
      expect("match" in r ? r.match.name : r, text).toBe(name);
    }
    expect(findProvince("Sài Gòn")).toMatchObject({ unknown: true });
  });

  it("tell the eras apart by date, by name and by code", () => {
    expect(findProvince("Quảng Trị", "2025-06-30")).toMatchObject({ match: { code: "45", list: "2025-03-01" } });
    expect(findProvince("Quảng Trị", "2025-07-01")).toMatchObject({ match: { code: "44", list: "2025-07-01" } });
    expect(findProvince("Quảng Trị", "2025-07")).toMatchObject({ match: { code: "44" } });
    expect(findProvince("44", "2025-06-30")).toMatchObject({ match: { name: "Tỉnh Quảng Bình" } });
    expect(findProvince("44", "2026-01-01")).toMatchObject({ match: { name: "Tỉnh Quảng Trị" } });
    expect(findProvince("80", "2025-01-31")).toMatchObject({ match: { name: "Tỉnh Long An" } });
    expect(findProvince("80", "2025-12-31")).toMatchObject({ match: { name: "Tỉnh Tây Ninh" } });
    const undated = findProvince("44");
    expect("ambiguous" in undated && undated.ambiguous.map((p) => p.name)).toEqual(["Tỉnh Quảng Bình", "Tỉnh Quảng Trị"]);
    expect(undated).toMatchObject({ acrossEras: false });
    // A name of the other era only is found, and said to be outside the date.
    expect(findProvince("Quảng Bình", "2025-08-01")).toEqual({ match: provinceByCode("44", "2025-03-01"), by: "name", outsideDate: true });
    expect(findProvince("Tây Ninh", "2025-08-01")).toMatchObject({ match: { code: "80", list: "2025-07-01" } });
    expect(listOn("2025-06-30")).toBe("2025-03-01");
    expect(listOn("2025-07-01")).toBe("2025-07-01");
  });

  it("never match two different provinces from a text without diacritics: no two provinces share a folded name", () => {
    const keys = new Map<string, string>();
    for (const p of provinces("2025-03-01")) {
      for (const k of [plain(p.short).toLowerCase(), plain(p.short).toLowerCase().replace(/[^a-z]/g, "")]) {
        expect(keys.get(k) ?? p.short, k).toBe(p.short);
        keys.set(k, p.short);
      }
    }
  });

  it("say an unknown name with up to three near ones", () => {
    const r = findProvince("Lam Dongg");
    expect(r).toMatchObject({ unknown: true });
    expect("unknown" in r && r.nearest[0]!.short).toBe("Lâm Đồng");
    const q = findProvince("Quảng Nghĩa");
    expect("unknown" in q && q.nearest.map((p) => p.short)).toContain("Quảng Ngãi");
    expect("unknown" in q && q.nearest.length).toBeLessThanOrEqual(3);
    expect(findProvince("Xyz")).toEqual({ unknown: true, nearest: [] });
    expect(findProvince("")).toEqual({ unknown: true, nearest: [] });
  });
});

describe("lookupUnits", () => {
  it("finds a commune by code with or without leading zeros, in both lists", () => {
    for (const q of ["1786", "01786"]) {
      expect(lookupUnits(q).matches.map((m) => [m.list, m.code, m.name])).toEqual([
        ["2025-03-01", "01786", "Thị trấn Đông Khê"],
        ["2025-07-01", "01786", "Xã Đông Khê"],
      ]);
    }
    expect(lookupUnits("1786", { asOf: "2025-03-01" }).matches.map((m) => m.name)).toEqual(["Thị trấn Đông Khê"]);
    // "01" is a province code; "1" may be any level that lost its zeros.
    expect(distinct(lookupUnits("01").matches.map((m) => m.level))).toEqual(["province"]);
    expect(distinct(lookupUnits("1").matches.map((m) => m.level))).toEqual(["province", "district", "commune"]);
  });

  it("lists every unit of a name, each with its parents, and GSO's duplicate codes", () => {
    const expected = OLD.filter((r) => plain(r.commune!).replace(/^(Xa|Phuong|Thi tran) /, "") === "Dong Khe" && r.commune!.includes("Đông"))
      .map((r) => r.commune_code)
      .concat(NEW.filter((r) => r.commune!.endsWith(" Đông Khê")).map((r) => r.commune_code));
    const r = lookupUnits("Đông Khê");
    expect(r.matches.map((m) => m.code)).toEqual(expected);
    const dup = r.matches.find((m) => m.code === "16387")!;
    expect(dup).toMatchObject({ district: { code: "380", name: "Thành phố Thanh Hóa" }, province: { code: "38" }, sameName: ["16408"] });
    expect(lookupUnits("Đông Khê, Thanh Hóa").matches.map((m) => m.code)).toEqual(["16387", "16408"]);
    expect(lookupUnits("Xã Đông Khê").matches.every((m) => m.type === "xã")).toBe(true);
  });

  it("says where a divided commune went, part by part, and what a new commune was formed from", () => {
    const old = lookupUnits("00007").matches[0]!;
    const rows = CROSSWALK.filter((r) => r.old_commune_code === "00007");
    expect(old.becomes!.map((b) => [b.code, b.part])).toEqual(rows.map((r) => [r.commune_code, r.part]));
    expect(old.becomes!.every((b) => b.part === "partial")).toBe(true);
    const made = lookupUnits("00008", { asOf: "2025-07-01" }).matches[0]!;
    expect(made.formedFrom!.map((f) => [f.code, f.part]).sort()).toEqual(CROSSWALK.filter((r) => r.commune_code === "00008").map((r) => [r.old_commune_code, r.part]).sort());
  });

  it("describes a merged province both ways", () => {
    const [old] = lookupUnits("Tỉnh Quảng Bình").matches;
    expect(old).toMatchObject({ level: "province", code: "44", becomes: [{ code: "44", name: "Tỉnh Quảng Trị" }], mergedWith: [{ code: "45", name: "Tỉnh Quảng Trị" }] });
    expect(old!.communes).toBe(OLD.filter((r) => r.province_code === "44").length);
    expect(old!.districts).toBe(distinct(OLD.filter((r) => r.province_code === "44").map((r) => r.district_code)).length);
    const [now] = lookupUnits("Quảng Trị", { asOf: "2025-07-01" }).matches;
    expect(now).toMatchObject({ level: "province", list: "2025-07-01", formedFrom: [{ code: "44" }, { code: "45" }] });
    expect(now!.communes).toBe(NEW.filter((r) => r.province_code === "44").length);
  });

  it("finds nothing for a name of no unit, with up to three near names", () => {
    const r = lookupUnits("Đông Khêe");
    expect(r.matches).toEqual([]);
    expect(r.nearest.length).toBeGreaterThan(0);
    expect(r.nearest.length).toBeLessThanOrEqual(3);
    expect(r.nearest.every((n) => n.includes("Đông Khê") || n.includes("Đồng Khê"))).toBe(true);
  });
});

describe("every unit of the lists (a sample of one in 40)", () => {
  const oldTone = (s: string) => s.replace(/òa/g, "oà").replace(/óa/g, "oá").replace(/ủy/g, "uỷ").replace(/ụy/g, "uỵ");
  const sample = <T,>(xs: readonly T[]) => xs.filter((_, i) => i % 40 === 0);

  it("is found by its code without leading zeros, and by its name however written, with its parent", () => {
    for (const r of sample(OLD)) {
      const code = String(Number(r.commune_code));
      expect(lookupUnits(code, { asOf: "2025-03-01" }).matches.some((m) => m.code === r.commune_code && m.level === "commune"), code).toBe(true);
      const bare = r.commune!.replace(/^(Xã|Phường|Thị trấn) /, "").trim();
      const district = r.district!.replace(/^(Huyện|Quận|Thị xã|Thành phố) /, "");
      // A number alone is a code: "Phường 26" is looked up with its prefix.
      const names = /^\d+$/.test(bare) ? [r.commune!, plain(r.commune!)] : [r.commune!, bare, plain(bare), plain(r.commune!), oldTone(bare), bare.normalize("NFD"), bare.toUpperCase()];
      for (const name of names) {
        const found = lookupUnits(`${name}, ${district}`, { asOf: "2025-03-01" }).matches;
        expect(found.some((m) => m.code === r.commune_code), `${name}, ${district}`).toBe(true);
      }
    }
    for (const r of sample(NEW)) {
      const bare = r.commune!.replace(/^(Xã|Phường|Đặc khu) /, "");
      const found = lookupUnits(`${plain(bare)}, ${plain(r.province!)}`, { asOf: "2025-07-01" }).matches;
      expect(found.some((m) => m.code === r.commune_code), bare).toBe(true);
    }
  });
});

describe("tdbv units", () => {
  it("by code without leading zeros: both lists, in Vietnamese", () => {
    const r = tdbv(["units", "1786"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Thị trấn Đông Khê (mã 01786)");
    expect(r.stdout).toContain("thuộc: Huyện Thạch An (mã 053), Tỉnh Cao Bằng (mã 04)");
    expect(r.stdout).toContain("từ 01/07/2025: toàn bộ vào Xã Đông Khê (mã 01786, Tỉnh Cao Bằng)");
  });

  it("a partial commune, in English, and as JSON", () => {
    const en = tdbv(["units", "00007", "--lang", "en"]);
    expect(en.status).toBe(0);
    expect(en.stdout).toContain("from 2025-07-01: divided among 2 units:");
    expect(en.stdout).toContain("part into Phường Ngọc Hà (code 00008, Thành phố Hà Nội)");
    const json = tdbv(["units", "Quảng Bình", "--format", "json"]);
    const Link = z.object({ level: z.string(), code: z.string(), name: z.string(), part: z.enum(["full", "partial"]).nullable() });
    const Schema = z.object({
      query: z.string(),
      asOf: z.string().nullable(),
      outsideDate: z.boolean(),
      otherList: z.number(),
      nearest: z.array(z.string()),
      matches: z.array(
        z.object({
          level: z.enum(["province", "district", "commune"]),
          list: z.enum(["2025-03-01", "2025-07-01"]),
          code: z.string(),
          name: z.string(),
          type: z.string(),
          validFrom: z.string().nullable(),
          validTo: z.string().nullable(),
          becomes: z.array(Link).nullable(),
          formedFrom: z.array(Link).nullable(),
          unplaced: z.boolean(),
        }),
      ),
    });
    const parsed = Schema.parse(JSON.parse(json.stdout));
    expect(parsed.matches.map((m) => [m.level, m.code, m.name])).toEqual([
      ["province", "44", "Tỉnh Quảng Bình"],
      ["commune", "16468", "Xã Quảng Bình"],
      ["commune", "16543", "Xã Quảng Bình"],
    ]);
    expect(JSON.parse(json.stdout).matches[0].becomes).toEqual([{ level: "province", code: "44", name: "Tỉnh Quảng Trị", district: null, province: null, part: null }]);
  });

  it("--as-of keeps the units valid that day and says how many of the other list it left out", () => {
    const r = tdbv(["units", "Quảng Bình", "--as-of", "2025-08-01"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("Tỉnh Quảng Bình");
    expect(r.stdout).toContain("Ngoài ra 2 đơn vị cùng tên hoặc mã không còn hoặc chưa có hiệu lực ngày 01/08/2025");
    const gone = tdbv(["units", "Tỉnh Quảng Bình", "--as-of", "2025-08-01"]);
    expect(gone.stdout).toContain('Không đơn vị nào khớp với "Tỉnh Quảng Bình" còn hiệu lực ngày 01/08/2025');
    expect(gone.stdout).toContain("hợp nhất vào Tỉnh Quảng Trị (mã 44), cùng Tỉnh Quảng Trị (mã 45)");
  });

  it("an unknown name exits 1 with the nearest names; a bad date is a usage error", () => {
    const r = tdbv(["units", "Lâm Đồngg"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^tdbv: không có đơn vị nào tên hoặc mã "Lâm Đồngg"/);
    expect(r.stderr).toContain("gần nhất: Tỉnh Lâm Đồng");
    expect(tdbv(["units", "Huế", "--as-of", "2025-02-30"]).status).toBe(2);
    expect(tdbv(["units", "Huế", "--crosswalk", "no/such.csv"]).status).toBe(3);
  });

  it("--crosswalk reads a workbook or a UTF-16 CSV too", () => {
    const dir = tempDir("units");
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([["Old_Commune_Code", "Commune_Code", "Part"], [7, 8, "full"]]), "Sửa");
    const xlsx = join(dir, "fix.xlsx");
    writeFileSync(xlsx, XLSX.write(book, { type: "buffer", bookType: "xlsx" }) as Buffer);
    const utf16 = join(dir, "fix.csv");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("old_commune_code;old_commune;commune_code;part\r\n00007;Phường Cống Vị;00008;full\r\n", "utf16le")]));
    for (const file of [xlsx, utf16]) {
      const r = tdbv(["units", "00007", "--crosswalk", file]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout, file).toContain("từ 01/07/2025: toàn bộ vào Phường Ngọc Hà (mã 00008, Thành phố Hà Nội)");
    }
  });

  it("--crosswalk says which of its rows send a commune to no known new commune", () => {
    const file = join(tempDir("units"), "fix.csv");
    writeFileSync(file, "old_commune_code,commune_code,part\n7,99999,full\n");
    const r = tdbv(["units", "00007", "--crosswalk", file]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`tdbv: ${file}: 1 dòng chuyển một xã sang mã không có trong danh sách từ 1/7/2025: 00007 -> 99999\n`);
    expect(r.stdout).toContain("từ 01/07/2025: toàn bộ vào đơn vị không có trong danh sách (mã 99999)");
    const en = tdbv(["units", "00007", "--crosswalk", file, "--lang", "en"]);
    expect(en.stderr).toBe(`tdbv: ${file}: 1 row sends a commune to a code not in the list of 1 July 2025: 00007 -> 99999\n`);
  });

  it("--crosswalk FILE corrects where a commune went", () => {
    const file = join(tempDir("units"), "fix.csv");
    writeFileSync(file, "old_commune_code,commune_code,part\n7,8,full\n");
    const r = tdbv(["units", "7", "--as-of", "2025-01-01", "--crosswalk", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("từ 01/07/2025: toàn bộ vào Phường Ngọc Hà (mã 00008, Thành phố Hà Nội)");
  });
});

describe("start-up", () => {
  /** The files a compiled module loads statically (dynamic import() is how the lists load). */
  function staticFiles(entry: string): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const m of readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s+(?:[^'"]*?from\s+)?["'](\.[^"']+)["']/gm)) visit(join(file, "..", m[1]!));
    }
    visit(entry);
    return [...seen].map((f) => f.slice(join(ROOT, "dist").length + 1));
  }

  it("does not load the lists: the CLI and provinces.ts import neither lists.ts nor the data reader", () => {
    const cli = staticFiles(join(ROOT, "dist/cli/main.js"));
    for (const f of ["units/lists.js", "units/data.js", "units/lookup.js", "cli/units.js"]) expect(cli).not.toContain(f);
    const provincesOnly = staticFiles(join(ROOT, "dist/units/provinces.js"));
    expect(provincesOnly.sort()).toEqual(["domain/period.js", "domain/reform.js", "domain/text.js", "units/keys.js", "units/provinces.js"]);
  });
});
