// The dictionary's ratios: each is Σ numerator / Σ denominator over the units that reported
// both parts, never a mean of per-unit ratios. `percent` ratios are shown as percentages;
// `attendees_per_meeting` is an average.

export interface RatioDef {
  readonly name: string;
  readonly numerator: string;
  readonly denominator: string;
  readonly vi: string;
  readonly en: string;
  readonly percent: boolean;
  /** Which way is better, for ranking (default higher). */
  readonly better?: "higher" | "lower";
}

const r = (name: string, numerator: string, denominator: string, vi: string, en: string, percent = true): RatioDef => ({
  name,
  numerator,
  denominator,
  vi,
  en,
  percent,
});

export const RATIOS: readonly RatioDef[] = [
  r("solved_rate", "cases_solved", "cases_total", "Tỷ lệ điều tra làm rõ vụ phạm tội về TTXH", "Crimes solved rate"),
  r(
    "serious_solved_rate",
    "serious_cases_solved",
    "serious_cases_total",
    "Tỷ lệ khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng",
    "Very serious crimes solved rate",
  ),
  r(
    "residential_area_coverage",
    "residential_areas_certified",
    "residential_areas_total",
    "Tỷ lệ khu dân cư đạt chuẩn \"An toàn về ANTT\"",
    "Share of residential areas certified",
  ),
  r("commune_coverage", "communes_certified", "communes_total", "Tỷ lệ xã đạt chuẩn", "Share of communes certified"),
  r("ward_coverage", "wards_certified", "wards_total", "Tỷ lệ phường đạt chuẩn", "Share of wards certified"),
  r("township_coverage", "townships_certified", "townships_total", "Tỷ lệ thị trấn đạt chuẩn", "Share of townships certified"),
  r(
    "agency_coverage",
    "agencies_certified",
    "agencies_total",
    "Tỷ lệ cơ quan, doanh nghiệp đạt chuẩn",
    "Share of agencies and enterprises certified",
  ),
  r("school_coverage", "schools_certified", "schools_total", "Tỷ lệ cơ sở giáo dục đạt chuẩn", "Share of schools certified"),
  r(
    "special_zone_coverage",
    "special_zones_certified",
    "special_zones_total",
    "Tỷ lệ đặc khu đạt chuẩn",
    "Share of special zones certified",
  ),
  r(
    "institution_coverage",
    "institutions_certified",
    "institutions_total",
    "Tỷ lệ cơ quan, doanh nghiệp, cơ sở giáo dục đạt chuẩn",
    "Share of agencies, enterprises and schools certified",
  ),
  r("model_effectiveness", "models_effective", "models_total", "Tỷ lệ mô hình hoạt động hiệu quả", "Share of models working effectively"),
  r(
    "complex_area_transformation",
    "complex_areas_transformed",
    "complex_areas_total",
    "Tỷ lệ địa bàn phức tạp được chuyển hóa",
    "Share of complex areas transformed",
  ),
  r(
    "attendees_per_meeting",
    "meeting_attendees",
    "meetings",
    "Số người dự bình quân mỗi cuộc họp",
    "Attendees per meeting",
    false,
  ),
];
