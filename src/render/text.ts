// Report -> the paragraph a province publishes ("… làm rõ 1.010/1.173 vụ phạm tội về trật tự xã
// hội (đạt 86,1%) …"), one per group, in Vietnamese or English. Only figures present in the data
// appear; a clause whose figures are all missing is left out, never filled with zeros, and a
// figure no clause states is given in a sentence of its own (issue 17: "không có số liệu" was
// printed beside a figure). Percentages as the press writes them: up to --decimals places
// (two by default), trailing zeros dropped. With a comparison (--compare, --compare-with), a
// sentence "So với cùng kỳ năm 2023: … tăng 40 vụ (+6,3%) …" follows; a rollup period is
// named for what it covers ("2 tháng đầu năm 2024"), and one that covers fewer months than it
// spans says so.

import { coverageOf, type Coverage } from "../aggregate/completeness.js";
import { dictionary, labelOf, perDictionary } from "../domain/dictionary.js";
import { groupKey } from "../domain/levels.js";
import { fold } from "../domain/text.js";
import type { Group, Report } from "../report.js";
import { formatNumber, type Lang } from "./numbers.js";
import { districtLevel, groupLabel, incompleteLines, approximateLines } from "./view.js";

export interface TextOptions {
  readonly lang: Lang;
  /** Most decimals of a percentage (trailing zeros dropped); 2 unless --decimals says. */
  readonly decimals?: number;
}

/** 0.86104 -> "86,1%" (vi) or "86.1%" (en): `decimals` places at most, half up, trailing zeros dropped. */
export function pressPercent(value: number, lang: Lang, decimals = 2): string {
  return `${pressFixed(value * 100, lang, decimals)}%`;
}

/** 1.8957 -> "1,9" (1 decimal): at most `decimals` places, half up, trailing zeros dropped. */
function pressFixed(x: number, lang: Lang, decimals: number): string {
  // toPrecision(12) first: 0.145 * 100 is 14.499999999999998, which the press rounds as 14.5.
  const scale = 10 ** decimals;
  const exact = Number((Math.abs(x) * scale).toPrecision(12));
  const rounded = Math.round(exact) / scale;
  const text = rounded.toFixed(decimals).replace(/\.?0+$/, "");
  const signed = x < 0 && rounded !== 0 ? `-${text}` : text;
  return lang === "vi" ? signed.replace(".", ",") : signed;
}

type Figures = {
  n: (name: string) => string | null;
  pair: (part: string, whole: string) => string | null;
  rate: (ratio: string) => string | null;
  /** The pairs printed with a ratio's own parts where the totals differ (units that reported one side only). */
  readonly partial: { readonly part: string; readonly whole: string }[];
  /** Tallies a clause stated. */
  readonly used: Set<string>;
};

/** The ratio whose parts are `part` over `whole`, if the dictionary has one. */
const ratioOfParts = perDictionary((d) => new Map(d.ratios.map((r) => [`${r.numerator}/${r.denominator}`, r.name])));

function figures(g: Group, lang: Lang, decimals: number): Figures {
  const used = new Set<string>();
  const n = (name: string) => {
    if (g.totals[name] == null) return null;
    used.add(name);
    return formatNumber(g.totals[name]!, lang);
  };
  const partial: Figures["partial"] = [];
  return {
    n,
    // The parts printed beside a ratio are the ratio's own: its numerator and denominator over
    // the units that reported both (issue 17: "13/10 vụ … (đạt 80%)" mixed a total with a ratio's
    // part). Where the totals differ, a sentence at the end gives them.
    // "0/0 phường" says nothing: a district without phường has no clause for them.
    pair: (part, whole) => {
      const ratio = ratioOfParts().get(`${part}/${whole}`);
      const r = ratio === undefined ? undefined : g.ratios[ratio];
      if (r === undefined) {
        if (g.totals[part] == null || !g.totals[whole]) return null;
        return `${n(part)}/${n(whole)}`;
      }
      if (!r.denominator || r.units === 0) return null;
      used.add(part).add(whole);
      if ((r.numerator !== g.totals[part] || r.denominator !== g.totals[whole]) && !partial.some((p) => p.part === part)) partial.push({ part, whole });
      return `${formatNumber(r.numerator, lang)}/${formatNumber(r.denominator, lang)}`;
    },
    rate: (ratio) => (g.ratios[ratio]?.value == null ? null : pressPercent(g.ratios[ratio]!.value!, lang, decimals)),
    partial,
    used,
  };
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** Straight quotes of a label as the press prints them: “An toàn về ANTT”. */
const curly = (s: string) => s.replace(/"([^"]*)"/g, "“$1”");

/** The sentence that gives the totals of pairs whose ratio counts only the units that reported both parts. */
function partialSentence(f: Figures, lang: Lang): string | null {
  if (f.partial.length === 0) return null;
  const total = (name: string) => `${curly(lower(labelOf(name, lang)))} ${f.n(name) ?? (lang === "vi" ? "không báo cáo" : "not reported")}`;
  const items = f.partial.map((p) => `${total(p.part)}, ${total(p.whole)}`).join("; ");
  return lang === "vi"
    ? `các số liệu dạng a/b trên tính trong số các đơn vị báo cáo đủ cả hai số liệu; tổng số các đơn vị đã báo cáo: ${items}`
    : `the a/b figures above count the units that reported both figures; all units reported: ${items}`;
}

/** Figures present in the group that no clause stated (a part without its whole, a tally without a clause). */
function otherSentence(g: Group, f: Figures, columns: readonly string[], lang: Lang): string | null {
  const rest = columns.filter((c) => g.totals[c] != null && !f.used.has(c));
  if (rest.length === 0) return null;
  const items = rest.map((c) => `${curly(lower(labelOf(c, lang)))} ${formatNumber(g.totals[c]!, lang)}`).join("; ");
  return lang === "vi" ? `số liệu khác: ${items}` : `other figures: ${items}`;
}

const join = (parts: (string | null)[], sep: string) => parts.filter((p): p is string => p !== null).join(sep);

const SAFE_VI = "“An toàn về an ninh, trật tự”";
const SAFE_EN = "“safe in security and order”";

function sentencesVi(g: Group, f: Figures): string[] {
  const { n, pair, rate } = f;
  const out: string[] = [];
  const crime = join(
    [
      n("tips_received") && `quần chúng Nhân dân cung cấp ${n("tips_received")} tin có giá trị`,
      pair("cases_solved", "cases_total") && `điều tra làm rõ ${pair("cases_solved", "cases_total")} vụ phạm tội về trật tự xã hội${rate("solved_rate") ? ` (đạt ${rate("solved_rate")})` : ""}`,
      n("suspects_handled") && `bắt giữ, xử lý ${n("suspects_handled")} đối tượng`,
      pair("serious_cases_solved", "serious_cases_total") &&
        `án rất nghiêm trọng và đặc biệt nghiêm trọng khám phá ${pair("serious_cases_solved", "serious_cases_total")} vụ${rate("serious_solved_rate") ? ` (đạt ${rate("serious_solved_rate")})` : ""}`,
      n("wanted_caught") && `bắt, vận động đầu thú, thanh loại ${n("wanted_caught")} đối tượng truy nã`,
    ],
    "; ",
  );
  if (crime) out.push(crime);
  const certified = join(
    [
      pair("residential_areas_certified", "residential_areas_total") && `${pair("residential_areas_certified", "residential_areas_total")} khu dân cư`,
      pair("communes_certified", "communes_total") && `${pair("communes_certified", "communes_total")} xã`,
      pair("wards_certified", "wards_total") && `${pair("wards_certified", "wards_total")} phường`,
      pair("townships_certified", "townships_total") && `${pair("townships_certified", "townships_total")} thị trấn`,
      pair("special_zones_certified", "special_zones_total") && `${pair("special_zones_certified", "special_zones_total")} đặc khu`,
      pair("agencies_certified", "agencies_total") && `${pair("agencies_certified", "agencies_total")} cơ quan, doanh nghiệp`,
      pair("schools_certified", "schools_total") && `${pair("schools_certified", "schools_total")} cơ sở giáo dục`,
      pair("institutions_certified", "institutions_total") && `${pair("institutions_certified", "institutions_total")} cơ quan, doanh nghiệp, cơ sở giáo dục`,
    ],
    ", ",
  );
  if (certified) out.push(`có ${certified} đạt tiêu chuẩn ${SAFE_VI}`);
  const outreach = join(
    [
      n("meetings") && `tổ chức ${n("meetings")} cuộc họp dân, hội nghị${n("meeting_attendees") ? ` với ${n("meeting_attendees")} lượt người tham dự` : ""}`,
      n("outreach_sessions") && `${n("meetings") ? "" : "tổ chức "}${n("outreach_sessions")} buổi tuyên truyền${n("outreach_attendees") ? ` với ${n("outreach_attendees")} lượt người tham dự` : ""}`,
      n("leaflets") && `phát ${n("leaflets")} tờ rơi`,
      n("pledges_signed") && `${n("pledges_signed")} người ký cam kết`,
      n("dignitaries_visited") && `vận động, tranh thủ ${n("dignitaries_visited")} lượt chức sắc, người có uy tín`,
    ],
    "; ",
  );
  if (outreach) out.push(outreach);
  const weapons = join(
    [
      n("guns_surrendered") && `${n("guns_surrendered")} súng các loại`,
      n("ammunition_rounds") && `${n("ammunition_rounds")} viên đạn`,
      n("grenades") && `${n("grenades")} lựu đạn`,
      n("explosives_kg") && `${n("explosives_kg")} kg thuốc nổ`,
      n("fireworks_kg") && `${n("fireworks_kg")} kg pháo`,
      n("fireworks_pieces") && `${n("fireworks_pieces")} hộp, quả pháo`,
    ],
    ", ",
  );
  if (weapons) out.push(`vận động giao nộp ${weapons}`);
  // "Duy trì" carries the list when models lead it; without them the list needs its own verb
  // (issue 17: "205 mắt camera an ninh." stood alone as a fragment).
  const models = n("models_total");
  const maintained = join(
    [
      models && `duy trì ${models} mô hình${n("models_effective") ? `, trong đó ${n("models_effective")} mô hình hoạt động hiệu quả` : ""}${n("models_new") ? ` (${n("models_new")} mô hình xây dựng mới)` : ""}`,
      n("cameras") && `${models ? "" : "có "}${n("cameras")} mắt camera an ninh`,
      n("security_teams") && `${models || n("cameras") ? "" : "có "}${n("security_teams")} Tổ bảo vệ an ninh, trật tự${n("security_team_members") ? ` với ${n("security_team_members")} thành viên` : ""}`,
      n("complex_areas_transformed") && `chuyển hóa ${n("complex_areas_transformed")}${n("complex_areas_total") ? `/${n("complex_areas_total")}` : ""} địa bàn phức tạp`,
      n("commendations") && `khen thưởng ${n("commendations")} tập thể, cá nhân`,
    ],
    "; ",
  );
  if (maintained) out.push(maintained);
  return out;
}

function sentencesEn(g: Group, f: Figures): string[] {
  const { n, pair, rate } = f;
  const out: string[] = [];
  const crime = join(
    [
      n("tips_received") && `the public provided ${n("tips_received")} valuable tips`,
      pair("cases_solved", "cases_total") && `${pair("cases_solved", "cases_total")} social-order crimes were solved${rate("solved_rate") ? ` (${rate("solved_rate")})` : ""}`,
      n("suspects_handled") && `${n("suspects_handled")} suspects were arrested or handled`,
      pair("serious_cases_solved", "serious_cases_total") &&
        `${pair("serious_cases_solved", "serious_cases_total")} very serious and especially serious crimes were solved${rate("serious_solved_rate") ? ` (${rate("serious_solved_rate")})` : ""}`,
      n("wanted_caught") && `${n("wanted_caught")} wanted persons were caught or surrendered`,
    ],
    "; ",
  );
  if (crime) out.push(crime);
  const certified = join(
    [
      pair("residential_areas_certified", "residential_areas_total") && `${pair("residential_areas_certified", "residential_areas_total")} residential areas`,
      pair("communes_certified", "communes_total") && `${pair("communes_certified", "communes_total")} communes`,
      pair("wards_certified", "wards_total") && `${pair("wards_certified", "wards_total")} wards`,
      pair("townships_certified", "townships_total") && `${pair("townships_certified", "townships_total")} townships`,
      pair("special_zones_certified", "special_zones_total") && `${pair("special_zones_certified", "special_zones_total")} special zones`,
      pair("agencies_certified", "agencies_total") && `${pair("agencies_certified", "agencies_total")} agencies and enterprises`,
      pair("schools_certified", "schools_total") && `${pair("schools_certified", "schools_total")} schools`,
      pair("institutions_certified", "institutions_total") && `${pair("institutions_certified", "institutions_total")} agencies, enterprises and schools`,
    ],
    ", ",
  );
  if (certified) out.push(`${certified} were certified ${SAFE_EN}`);
  const outreach = join(
    [
      n("meetings") && `${n("meetings")} meetings were held${n("meeting_attendees") ? ` with ${n("meeting_attendees")} attendees` : ""}`,
      n("outreach_sessions") && `${n("outreach_sessions")} outreach sessions${n("outreach_attendees") ? ` reached ${n("outreach_attendees")} people` : " were held"}`,
      n("leaflets") && `${n("leaflets")} leaflets were handed out`,
      n("pledges_signed") && `${n("pledges_signed")} people signed pledges`,
      n("dignitaries_visited") && `${n("dignitaries_visited")} visits were paid to dignitaries and prestigious persons`,
    ],
    "; ",
  );
  if (outreach) out.push(outreach);
  const weapons = join(
    [
      n("guns_surrendered") && `${n("guns_surrendered")} guns`,
      n("ammunition_rounds") && `${n("ammunition_rounds")} rounds of ammunition`,
      n("grenades") && `${n("grenades")} grenades`,
      n("explosives_kg") && `${n("explosives_kg")} kg of explosives`,
      n("fireworks_kg") && `${n("fireworks_kg")} kg of fireworks`,
      n("fireworks_pieces") && `${n("fireworks_pieces")} boxes or pieces of fireworks`,
    ],
    ", ",
  );
  if (weapons) out.push(`people surrendered ${weapons}`);
  const models = join(
    [
      n("models_total") && `${n("models_total")} self-management models are maintained${n("models_effective") ? `, ${n("models_effective")} of them effective` : ""}${n("models_new") ? ` (${n("models_new")} new)` : ""}`,
      n("cameras") && `${n("cameras")} security cameras are in place`,
      n("security_teams") && `${n("security_teams")} grassroots security teams are active${n("security_team_members") ? ` with ${n("security_team_members")} members` : ""}`,
      n("complex_areas_transformed") && `${n("complex_areas_transformed")}${n("complex_areas_total") ? `/${n("complex_areas_total")}` : ""} complex areas were transformed`,
      n("commendations") && `${n("commendations")} collectives and individuals were commended`,
    ],
    "; ",
  );
  if (models) out.push(models);
  return out;
}

/** What a change of each tally counts, in words: "tăng 40 vụ", "tăng thêm 12 khu dân cư". */
const UNIT_VI: Readonly<Record<string, string>> = {
  cases_total: "vụ",
  cases_solved: "vụ",
  serious_cases_total: "vụ",
  serious_cases_solved: "vụ",
  suspects_handled: "đối tượng",
  tips_received: "tin",
  wanted_caught: "đối tượng",
  residential_areas_total: "khu dân cư",
  residential_areas_certified: "khu dân cư",
  communes_total: "xã",
  communes_certified: "xã",
  wards_total: "phường",
  wards_certified: "phường",
  townships_total: "thị trấn",
  townships_certified: "thị trấn",
  special_zones_total: "đặc khu",
  special_zones_certified: "đặc khu",
  agencies_total: "cơ quan, doanh nghiệp",
  agencies_certified: "cơ quan, doanh nghiệp",
  schools_total: "cơ sở giáo dục",
  schools_certified: "cơ sở giáo dục",
  institutions_total: "cơ quan, doanh nghiệp, cơ sở giáo dục",
  institutions_certified: "cơ quan, doanh nghiệp, cơ sở giáo dục",
  complex_areas_total: "địa bàn",
  complex_areas_transformed: "địa bàn",
  meetings: "cuộc",
  meeting_attendees: "lượt người",
  outreach_sessions: "buổi",
  outreach_attendees: "lượt người",
  leaflets: "tờ",
  pledges_signed: "người",
  dignitaries_visited: "lượt",
  models_total: "mô hình",
  models_effective: "mô hình",
  models_new: "mô hình",
  security_teams: "tổ",
  security_team_members: "thành viên",
  cameras: "mắt camera",
  guns_surrendered: "khẩu",
  ammunition_rounds: "viên",
  grenades: "quả",
  explosives_kg: "kg",
  fireworks_kg: "kg",
  fireworks_pieces: "hộp, quả",
  commendations: "tập thể, cá nhân",
};

/** The month numbers (1-12) a period starts and ends in. */
function monthSpan(period: string): [number, number] {
  const m = /^\d{4}-(\d{2})$/.exec(period);
  if (m) return [Number(m[1]), Number(m[1])];
  const q = /^\d{4}-Q(\d)$/.exec(period);
  if (q) return [Number(q[1]) * 3 - 2, Number(q[1]) * 3];
  const h = /^\d{4}-H(\d)$/.exec(period);
  if (h) return [Number(h[1]) * 6 - 5, Number(h[1]) * 6];
  if (period.endsWith("-9M")) return [1, 9];
  return [1, 12];
}

const ROMAN = ["", "I", "II", "III", "IV"];

/** "2024" -> "Năm 2024", "2024-03" -> "Tháng 3/2024", "2024-Q1" -> "Quý I/2024" (en: "In 2024", …). */
function periodWords(period: string, lang: Lang): string {
  const y = period.slice(0, 4);
  const m = /^\d{4}-(\d{2})$/.exec(period);
  const q = /^\d{4}-Q(\d)$/.exec(period);
  const h = /^\d{4}-H(\d)$/.exec(period);
  const nine = period.endsWith("-9M");
  if (lang === "vi") {
    if (h) return `${h[1] === "1" ? "6 tháng đầu năm" : "6 tháng cuối năm"} ${y}`;
    if (nine) return `9 tháng năm ${y}`;
    return m ? `Tháng ${Number(m[1])}/${y}` : q ? `Quý ${ROMAN[Number(q[1])]}/${y}` : `Năm ${y}`;
  }
  if (h) return `In H${h[1]} ${y}`;
  if (nine) return `In the first nine months of ${y}`;
  return m ? `In ${y}-${m[1]}` : q ? `In Q${q[1]} ${y}` : `In ${y}`;
}

/** Months a run of sub-periods covers: "3 tháng đầu năm 2024", "Từ tháng 4 đến tháng 5/2024". */
function spanWords(year: string, first: number, last: number, lang: Lang): string {
  if (first === 1 && last === 12) return lang === "vi" ? `Năm ${year}` : `In ${year}`;
  if (first === last) return lang === "vi" ? `Tháng ${first}/${year}` : `In ${year}-${String(first).padStart(2, "0")}`;
  if (first === 1) return lang === "vi" ? `${last} tháng đầu năm ${year}` : `In the first ${last} months of ${year}`;
  return lang === "vi" ? `Từ tháng ${first} đến tháng ${last}/${year}` : `From month ${first} to month ${last} of ${year}`;
}

/**
 * The period a group's figures are for, named for what they cover (issue 17, item 3): --ytd
 * figures are cumulative ("2 tháng đầu năm 2024", not "Tháng 2/2024"); a period built from fewer
 * months than it spans is named for its months and says what is missing ("3 tháng đầu năm 2024
 * (năm 2024 mới có số liệu đến tháng 3)").
 */
function whenWords(g: Group, c: Coverage | null, lang: Lang): string {
  if (!g.period) return "";
  if (!c || (!c.cumulative && !c.partial)) return periodWords(g.period, lang);
  const year = g.period.slice(0, 4);
  const first = c.cumulative ? 1 : monthSpan(c.from)[0];
  const last = monthSpan(c.to)[1];
  // The first quarter to date is the quarter itself: "Quý I/2024", as the press names it.
  const words = c.cumulative && !c.partial && first === 1 && last === 3 && /Q1$/.test(g.period) ? periodWords(g.period, lang) : spanWords(year, first, last, lang);
  if (!c.partial) return words;
  const own = lower(periodWords(g.period, "vi"));
  return lang === "vi"
    ? `${words} (${own} mới có số liệu đến tháng ${last}/${year}, chưa đủ kỳ)`
    : `${words} (${g.period} has data up to ${year}-${String(last).padStart(2, "0")} only: not the whole period)`;
}

/** Months covered by a group's figures, for telling two periods of different length apart. */
function monthsCovered(g: Group, ytd: boolean): number | null {
  const c = coverageOf(g, ytd);
  if (!c) return null;
  return monthSpan(c.to)[1] - (c.cumulative ? 1 : monthSpan(c.from)[0]) + 1;
}

/** "so với cùng kỳ năm 2023", "so với quý IV/2023" (en: "compared with the same period of 2023", "compared with Q4 2023"). */
function comparedWords(report: Report, period: string, lang: Lang): string {
  const en = (p: string) => `compared with ${periodWords(p, "en").replace(/^In (the )?/, (_m, the) => (the ? "the " : ""))}`;
  if (report.compare === "last-year") return lang === "vi" ? `so với cùng kỳ năm ${period.slice(0, 4)}` : `compared with the same period of ${period.slice(0, 4)}`;
  // --compare-with: the earlier files' own period when they have one, else their name.
  if (report.compare === "with" && !/^\d{4}(-(\d{2}|Q[1-4]|H[12]|9M))?$/.test(period)) return lang === "vi" ? `so với số liệu ${period}` : `compared with the earlier data (${period})`;
  return lang === "vi" ? `so với ${lower(periodWords(period, "vi"))}` : en(period);
}

/**
 * The comparison sentence (issue 17, item 2): each tally's change in its own unit and in percent
 * ("tăng 40 vụ (+6,3%)"), a stock's gain as "tăng thêm", a percentage's change in points, "bằng
 * cùng kỳ" when equal; figures one of the two periods lacks are named, never compared with 0.
 */
function comparisonSentence(g: Group, report: Report, lang: Lang, decimals: number): string | null {
  const c = g.comparison;
  if (!c) return null;
  const vi = lang === "vi";
  const against = comparedWords(report, c.period, lang);
  if (!c.available) return vi ? `không có số liệu ${against.replace(/^so với /, "")} để so sánh` : `no earlier data to compare with (${c.period})`;
  const equal = vi ? (report.compare === "last-year" ? "bằng cùng kỳ" : report.compare === "with" ? "bằng kỳ so sánh" : "bằng kỳ trước") : "unchanged";
  const items: string[] = [];
  const lacking: string[] = [];
  const pct = (x: number) => `${x > 0 ? "+" : "-"}${pressPercent(Math.abs(x), lang, decimals)}`;
  for (const name of report.columns) {
    const ch = c.totals[name];
    const label = curly(lower(labelOf(name, lang))).replace(/ \(kg\)$/, "");
    if (!ch || ch.change === null || ch.previous === null) {
      if (g.totals[name] != null || ch?.previous != null) lacking.push(label);
      continue;
    }
    const unit = vi ? UNIT_VI[name] ?? "" : "";
    const amount = `${formatNumber(Math.abs(ch.change), lang)}${unit ? ` ${unit}` : ""}`;
    const stock = dictionary().tallyByName.get(name)?.kind === "stock";
    const rel = ch.change_pct === null ? (vi ? ` (kỳ so sánh: ${formatNumber(ch.previous, lang)})` : ` (from ${formatNumber(ch.previous, lang)})`) : ` (${pct(ch.change_pct)})`;
    if (ch.change === 0) items.push(`${label} ${equal} (${formatNumber(ch.previous, lang)})`);
    else if (vi) items.push(`${label} ${ch.change > 0 ? (stock ? "tăng thêm" : "tăng") : "giảm"} ${amount}${rel}`);
    else items.push(`${label} ${ch.change > 0 ? "up" : "down"} ${amount}${rel}`);
  }
  for (const name of report.ratioNames) {
    const ch = c.ratios[name];
    const def = dictionary().ratioByName.get(name)!;
    const label = curly(lower(def[lang]));
    const now = g.ratios[name]?.value ?? null;
    if (!ch || ch.change === null || ch.previous === null || now === null) {
      if (now !== null || ch?.previous != null) lacking.push(label);
      continue;
    }
    const show = (x: number) => (def.percent ? pressPercent(x, lang, decimals) : pressFixed(x, lang, decimals));
    const by = def.percent ? `${pressFixed(Math.abs(ch.change), lang, decimals)} ${vi ? "điểm phần trăm" : "percentage points"}` : pressFixed(Math.abs(ch.change), lang, decimals);
    // A change too small to show at these decimals is no change in words either.
    if (pressFixed(Math.abs(ch.change), lang, decimals) === "0") items.push(`${label} ${equal} (${show(now)})`);
    else if (vi) items.push(`${label} ${ch.change > 0 ? "tăng" : "giảm"} ${by} (từ ${show(ch.previous)} ${ch.change > 0 ? "lên" : "xuống"} ${show(now)})`);
    else items.push(`${label} ${ch.change > 0 ? "up" : "down"} ${by} (from ${show(ch.previous)} to ${show(now)})`);
  }
  // Two periods of different length are said to be so before any change is read: 3 months
  // against a whole year is no like-for-like change.
  const earlier = report.groups.find((x) => groupKey(x) === groupKey({ ...g, period: c.period }));
  const months = monthsCovered(g, report.ytd ?? false);
  const before = earlier ? monthsCovered(earlier, report.ytd ?? false) : null;
  const unequal =
    months !== null && before !== null && months !== before
      ? vi
        ? ` (lưu ý: kỳ này có số liệu ${months} tháng, kỳ so sánh ${before} tháng, hai kỳ không cùng độ dài)`
        : ` (note: this period has ${months} months of data, the earlier one ${before}: not like for like)`
      : "";
  const parts: string[] = [];
  if (items.length) parts.push(`${against}${unequal}: ${items.join("; ")}`);
  if (lacking.length) parts.push(vi ? `không so sánh được (một trong hai kỳ không có số liệu): ${lacking.join(", ")}` : `not compared (one of the two periods has no figure): ${lacking.join(", ")}`);
  return parts.length ? parts.join(". ") : null;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The six centrally-run cities, folded: the press writes "toàn thành phố", not "toàn tỉnh". */
const CITIES = new Set(["ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"]);

/** "toàn tỉnh Lâm Đồng", "toàn thành phố Hà Nội" (whether or not the data writes "Thành phố"). */
function wholeProvince(name: string): string {
  const bare = name.replace(/^(thành phố|tp\.?|tỉnh)\s+/i, "");
  return CITIES.has(fold(bare)) ? `toàn thành phố ${bare}` : `toàn tỉnh ${bare}`;
}

function paragraph(g: Group, report: Report, o: TextOptions): string {
  const decimals = o.decimals ?? 2;
  // The place alone: the period is said in words before it.
  const name = groupLabel({ ...g, completeness: undefined, comparison: undefined }, { ...report, periods: [], every: undefined, ytd: false }, o.lang);
  const when = whenWords(g, coverageOf(g, report.ytd ?? false), o.lang);
  const where = o.lang === "vi" ? (g.level === "province" ? wholeProvince(name) : name) : name;
  const f = figures(g, o.lang, decimals);
  const sentences = o.lang === "vi" ? sentencesVi(g, f) : sentencesEn(g, f);
  const other = otherSentence(g, f, report.columns, o.lang);
  if (other) sentences.push(other);
  const partial = partialSentence(f, o.lang);
  if (partial) sentences.push(partial);
  sentences.push(...standingSentences(g, report, o.lang, decimals));
  const head = capitalise(`${when ? `${when}, ` : ""}${where}: `);
  const compared = comparisonSentence(g, report, o.lang, decimals);
  if (sentences.length === 0) {
    const none = o.lang === "vi" ? "không có số liệu" : "no figures";
    return `${head}${none}.${compared ? ` ${capitalise(compared)}.` : ""}`;
  }
  if (compared) sentences.push(compared);
  return `${head}${sentences.map((s, i) => (i === 0 ? s : capitalise(s))).join(". ")}.`;
}

/**
 * Against a configuration's targets: "tỷ lệ làm rõ vụ ma túy 85,29% (29/34), vượt chỉ tiêu 80%
 * (xếp loại tốt)": above a minimum "vượt", at it "đạt", below "không đạt"; and with --rank the
 * group's place among its parent's.
 */
function standingSentences(g: Group, report: Report, lang: Lang, decimals: number): string[] {
  const d = dictionary();
  const out: string[] = [];
  for (const [subject, t] of Object.entries(g.targets ?? {})) {
    const ratio = d.ratioByName.get(subject);
    const label = lower(ratio ? ratio[lang] : labelOf(subject, lang));
    const show = (x: number) => (ratio ? (ratio.percent ? pressPercent(x, lang, decimals) : pressFixed(x, lang, decimals)) : formatNumber(x, lang));
    const r = ratio ? g.ratios[subject] : undefined;
    const value = ratio ? (r?.value ?? null) : (g.totals[subject] ?? null);
    if (value === null) {
      const against = t.target === null ? "" : lang === "vi" ? ` để so với chỉ tiêu ${show(t.target)}` : ` to compare with the target of ${show(t.target)}`;
      out.push(lang === "vi" ? `${label}: không có số liệu${against}` : `${label}: no figure${against}`);
      continue;
    }
    const figure = `${show(value)}${r ? ` (${formatNumber(r.numerator, lang)}/${formatNumber(r.denominator, lang)})` : ""}`;
    // A target of bands alone grades without a bound to meet.
    if (t.met === null || t.target === null) {
      if (t.grade) out.push(lang === "vi" ? `${label} ${figure}, xếp loại ${t.grade}` : `${label} ${figure}, grade: ${t.grade}`);
      continue;
    }
    const bound = t.min !== undefined && t.max !== undefined ? `${show(t.min)}–${show(t.max)}` : show(t.target);
    // Past the bound on its good side ("vượt"), on it ("đạt"), or short of it ("không đạt").
    const beyond = t.min !== undefined && t.max === undefined ? value > t.min : t.max !== undefined && t.min === undefined ? value < t.max : false;
    const verdict = lang === "vi" ? (!t.met ? "không đạt chỉ tiêu" : beyond ? "vượt chỉ tiêu" : "đạt chỉ tiêu") : !t.met ? "short of the target of" : beyond ? "beyond the target of" : "meets the target of";
    const grade = t.grade ? (lang === "vi" ? ` (xếp loại ${t.grade})` : ` (grade: ${t.grade})`) : "";
    out.push(`${label} ${figure}, ${verdict} ${bound}${grade}`);
  }
  const by = report.rankedBy;
  const place = by === undefined ? null : g.rank?.[by];
  if (by !== undefined && place != null && g.level !== "province") {
    const label = lower(d.ratioByName.get(by)![lang]);
    out.push(lang === "vi" ? `xếp thứ ${place} theo ${label}` : `ranked ${place} by ${label}`);
  }
  return out;
}

export function renderText(report: Report, o: TextOptions): string {
  // Data without districts (none after 1 July 2025) has no district level: said once, and no
  // "(không có huyện)" paragraph is invented (issue 17, item 4).
  const level = districtLevel(report, o.lang);
  const paragraphs = level.groups.map((g) => paragraph(g, report, o));
  // With --allow-errors, rows were left out: the paragraph says so before anything is quoted.
  const banner = incompleteLines(report, o.lang);
  // Across 1 July 2025, a commune's figures that hold part of a divided old commune are approximate: said after them.
  const approximate = approximateLines(report, o.lang);
  return [...(banner.length ? [banner.join("\n")] : []), ...(level.note ? [level.note] : []), ...paragraphs, ...(approximate.length ? [approximate.join("\n")] : [])].join("\n\n") + "\n";
}
