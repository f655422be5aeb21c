// Report -> the paragraph a province publishes ("… làm rõ 1.010/1.173 vụ phạm tội về trật tự xã
// hội (đạt 86,1%) …"), one per group, in Vietnamese or English. Only figures present in the data
// appear; a clause whose figures are all missing is left out, never filled with zeros.
// Percentages as the press writes them: up to two decimals, trailing zeros dropped.

import { labelOf } from "../domain/columns.js";
import { fold } from "../domain/text.js";
import { RATIOS } from "../domain/ratios.js";
import type { Group, Report } from "../report.js";
import { formatNumber, type Lang } from "./numbers.js";
import { groupLabel, incompleteLines } from "./view.js";

export interface TextOptions {
  readonly lang: Lang;
}

/** 0.86104 -> "86,1%" (vi) or "86.1%" (en): two decimals at most, trailing zeros dropped. */
export function pressPercent(value: number, lang: Lang): string {
  const text = (Math.round(value * 10_000) / 100).toFixed(2).replace(/\.?0+$/, "");
  return `${lang === "vi" ? text.replace(".", ",") : text}%`;
}

type Figures = {
  n: (name: string) => string | null;
  pair: (part: string, whole: string) => string | null;
  rate: (ratio: string) => string | null;
  /** The pairs printed with a ratio's own parts where the totals differ (units that reported one side only). */
  readonly partial: { readonly part: string; readonly whole: string }[];
};

/** The ratio whose parts are `part` over `whole`, if the dictionary has one. */
const RATIO_OF = new Map(RATIOS.map((r) => [`${r.numerator}/${r.denominator}`, r.name]));

function figures(g: Group, lang: Lang): Figures {
  const n = (name: string) => (g.totals[name] == null ? null : formatNumber(g.totals[name]!, lang));
  const partial: Figures["partial"] = [];
  return {
    n,
    // The parts printed beside a ratio are the ratio's own: its numerator and denominator over
    // the units that reported both (issue 17: "13/10 vụ … (đạt 80%)" mixed a total with a ratio's
    // part). Where the totals differ, a sentence at the end gives them.
    // "0/0 phường" says nothing: a district without phường has no clause for them.
    pair: (part, whole) => {
      const ratio = RATIO_OF.get(`${part}/${whole}`);
      const r = ratio === undefined ? undefined : g.ratios[ratio];
      if (r === undefined) return g.totals[part] == null || !g.totals[whole] ? null : `${n(part)}/${n(whole)}`;
      if (!r.denominator || r.units === 0) return null;
      if ((r.numerator !== g.totals[part] || r.denominator !== g.totals[whole]) && !partial.some((p) => p.part === part)) partial.push({ part, whole });
      return `${formatNumber(r.numerator, lang)}/${formatNumber(r.denominator, lang)}`;
    },
    rate: (ratio) => (g.ratios[ratio]?.value == null ? null : pressPercent(g.ratios[ratio]!.value!, lang)),
    partial,
  };
}

/** The sentence that gives the totals of pairs whose ratio counts only the units that reported both parts. */
function partialSentence(f: Figures, lang: Lang): string | null {
  if (f.partial.length === 0) return null;
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const total = (name: string) => `${lower(labelOf(name, lang))} ${f.n(name) ?? (lang === "vi" ? "không báo cáo" : "not reported")}`;
  const items = f.partial.map((p) => `${total(p.part)}, ${total(p.whole)}`).join("; ");
  return lang === "vi"
    ? `các số liệu dạng a/b trên tính trong số các đơn vị báo cáo đủ cả hai số liệu; tổng số các đơn vị đã báo cáo: ${items}`
    : `the a/b figures above count the units that reported both figures; all units reported: ${items}`;
}

const join = (parts: (string | null)[], sep: string) => parts.filter((p): p is string => p !== null).join(sep);

function sentencesVi(g: Group): string[] {
  const f = figures(g, "vi");
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
  if (certified) out.push(`có ${certified} đạt tiêu chuẩn "An toàn về an ninh, trật tự"`);
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
  const models = join(
    [
      n("models_total") && `duy trì ${n("models_total")} mô hình${n("models_effective") ? `, trong đó ${n("models_effective")} mô hình hoạt động hiệu quả` : ""}${n("models_new") ? ` (${n("models_new")} mô hình xây dựng mới)` : ""}`,
      n("cameras") && `${n("cameras")} mắt camera an ninh`,
      n("security_teams") && `${n("security_teams")} Tổ bảo vệ an ninh, trật tự${n("security_team_members") ? ` với ${n("security_team_members")} thành viên` : ""}`,
      n("complex_areas_transformed") && `chuyển hóa ${n("complex_areas_transformed")} địa bàn phức tạp`,
      n("commendations") && `khen thưởng ${n("commendations")} tập thể, cá nhân`,
    ],
    "; ",
  );
  if (models) out.push(models);
  const partial = partialSentence(f, "vi");
  if (partial) out.push(partial);
  return out;
}

function sentencesEn(g: Group): string[] {
  const f = figures(g, "en");
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
  if (certified) out.push(`${certified} were certified "safe in security and order"`);
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
      n("cameras") && `${n("cameras")} security cameras`,
      n("security_teams") && `${n("security_teams")} grassroots security teams${n("security_team_members") ? ` with ${n("security_team_members")} members` : ""}`,
      n("complex_areas_transformed") && `${n("complex_areas_transformed")} complex areas were transformed`,
      n("commendations") && `${n("commendations")} collectives and individuals were commended`,
    ],
    "; ",
  );
  if (models) out.push(models);
  const partial = partialSentence(f, "en");
  if (partial) out.push(partial);
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "2024" -> "Năm 2024", "2024-03" -> "Tháng 3/2024", "2024-Q1" -> "Quý 1/2024" (en: "In 2024", …). */
function periodWords(period: string, lang: Lang): string {
  const y = period.slice(0, 4);
  const m = /^\d{4}-(\d{2})$/.exec(period);
  const q = /^\d{4}-Q(\d)$/.exec(period);
  const h = /^\d{4}-H(\d)$/.exec(period);
  const nine = period.endsWith("-9M");
  if (lang === "vi") {
    if (h) return `${h[1] === "1" ? "6 tháng đầu năm" : "6 tháng cuối năm"} ${y}`;
    if (nine) return `9 tháng năm ${y}`;
    return m ? `Tháng ${Number(m[1])}/${y}` : q ? `Quý ${q[1]}/${y}` : `Năm ${y}`;
  }
  if (h) return `In H${h[1]} ${y}`;
  if (nine) return `In the first nine months of ${y}`;
  return m ? `In ${y}-${m[1]}` : q ? `In Q${q[1]} ${y}` : `In ${y}`;
}

/** The six centrally-run cities, folded: the press writes "toàn thành phố", not "toàn tỉnh". */
const CITIES = new Set(["ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"]);

/** "toàn tỉnh Lâm Đồng", "toàn thành phố Hà Nội" (whether or not the data writes "Thành phố"). */
function wholeProvince(name: string): string {
  const bare = name.replace(/^(thành phố|tp\.?|tỉnh)\s+/i, "");
  return CITIES.has(fold(bare)) ? `toàn thành phố ${bare}` : `toàn tỉnh ${bare}`;
}

export function renderText(report: Report, o: TextOptions): string {
  const paragraphs = report.groups.map((g) => {
    const name = groupLabel(g, { ...report, periods: [], every: undefined }, o.lang);
    const when = g.period ? `${periodWords(g.period, o.lang)}, ` : "";
    const where = o.lang === "vi" ? (g.level === "province" ? wholeProvince(name) : name) : name;
    const sentences = o.lang === "vi" ? sentencesVi(g) : sentencesEn(g);
    if (sentences.length === 0) return `${when}${where}: ${o.lang === "vi" ? "không có số liệu." : "no figures."}`;
    return `${capitalise(`${when}${where}: `)}${sentences.map((s, i) => (i === 0 ? s : capitalise(s))).join(". ")}.`;
  });
  // With --allow-errors, rows were left out: the paragraph says so before anything is quoted.
  const banner = incompleteLines(report, o.lang);
  return [...(banner.length ? [banner.join("\n")] : []), ...paragraphs].join("\n\n") + "\n";
}
