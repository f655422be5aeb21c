// The dictionary as data: every canonical column tdbv knows, with its Vietnamese and English
// labels, the header aliases it is recognised by, its value type and how it aggregates over
// time. Everything else (header matching, parsing, aggregation, labels in reports) reads this
// one table; see ../shared/domain/DICTIONARY.md for the contract it encodes.

/** How a tally aggregates over periods: a flow is summed, a stock takes the latest value. */
export type Kind = "flow" | "stock";
/** `count`: a whole number ≥ 0; `decimal`: a number ≥ 0 with a fractional part allowed. */
export type ValueType = "count" | "decimal";

export interface TallyColumn {
  readonly name: string;
  readonly vi: string;
  readonly en: string;
  readonly type: ValueType;
  readonly kind: Kind;
  /** Other header texts (any case, with or without diacritics) that name this column. */
  readonly aliases: readonly string[];
}

export type IdentifierName =
  | "province"
  | "district"
  | "commune"
  | "unit_type"
  | "unit_code"
  | "period"
  | "certified";

export interface IdentifierColumn {
  readonly name: IdentifierName;
  readonly vi: string;
  readonly en: string;
  readonly aliases: readonly string[];
}

export const IDENTIFIERS: readonly IdentifierColumn[] = [
  {
    name: "province",
    vi: "Tỉnh, thành phố",
    en: "Province",
    aliases: ["Tỉnh", "Tỉnh/TP", "Tỉnh/thành phố", "Đơn vị cấp tỉnh", "Tỉnh thành", "Tên tỉnh"],
  },
  {
    name: "district",
    vi: "Huyện, quận, thị xã, thành phố thuộc tỉnh",
    en: "District",
    aliases: [
      "Huyện",
      "Quận/huyện",
      "Đơn vị cấp huyện",
      "Huyện, thị xã, thành phố",
      "Quận, huyện, thị xã, thành phố",
      "Quận, huyện",
      "Huyện, thị xã",
      "Tên huyện",
    ],
  },
  {
    name: "commune",
    vi: "Xã, phường, thị trấn, đặc khu",
    en: "Commune",
    aliases: [
      "Xã",
      "Xã/phường/thị trấn",
      "Xã, phường, thị trấn",
      "Đơn vị cấp xã",
      "Tên đơn vị",
      "Đơn vị",
      "Tên xã",
      "Xã, phường",
      "Xã, phường, đặc khu",
      "Xã/phường/đặc khu",
      "Xã/phường/thị trấn/đặc khu",
      "Phường, xã",
      "Phường/xã",
      "Phường, xã, thị trấn",
      "Xã, phường, TT",
      "Tên xã, phường, thị trấn",
    ],
  },
  { name: "unit_type", vi: "Loại đơn vị", en: "Unit type", aliases: ["Loại", "Cấp", "Loại hình đơn vị"] },
  {
    name: "unit_code",
    vi: "Mã đơn vị hành chính",
    en: "Unit code",
    aliases: ["Mã ĐVHC", "Mã", "Mã đơn vị", "Mã hành chính"],
  },
  { name: "period", vi: "Kỳ báo cáo", en: "Period", aliases: ["Năm", "Tháng", "Kỳ", "Kỳ báo cáo"] },
  {
    name: "certified",
    vi: "Đạt chuẩn \"An toàn về ANTT\"",
    en: "Certified safe",
    aliases: ["Đạt chuẩn", "Đạt tiêu chuẩn ATANTT", "Đạt chuẩn ATANTT", "Đạt chuẩn an toàn về an ninh trật tự", "Được công nhận"],
  },
];

const count = (name: string, vi: string, en: string, kind: Kind, aliases: string[]): TallyColumn => ({
  name,
  vi,
  en,
  type: "count",
  kind,
  aliases,
});

export const TALLIES: readonly TallyColumn[] = [
  count("cases_total", "Số vụ phạm tội về trật tự xã hội", "Social-order crimes", "flow", [
    "Vụ phạm tội về TTXH",
    "Tổng số vụ",
    "Số vụ xảy ra",
    "Số vụ phạm tội",
    "Vụ phạm tội xảy ra",
  ]),
  count("cases_solved", "Số vụ điều tra làm rõ", "Crimes solved", "flow", [
    "Số vụ làm rõ",
    "Điều tra khám phá",
    "Số vụ khám phá",
    "Vụ làm rõ",
    "Điều tra làm rõ",
  ]),
  count(
    "serious_cases_total",
    "Số vụ rất nghiêm trọng, đặc biệt nghiêm trọng",
    "Very serious and especially serious crimes",
    "flow",
    ["Án RNT, ĐBNT", "Vụ rất nghiêm trọng và đặc biệt nghiêm trọng", "Án rất nghiêm trọng, đặc biệt nghiêm trọng"],
  ),
  count(
    "serious_cases_solved",
    "Số vụ rất nghiêm trọng, đặc biệt nghiêm trọng được khám phá",
    "Very serious crimes solved",
    "flow",
    ["Khám phá án RNT, ĐBNT", "Án rất nghiêm trọng, đặc biệt nghiêm trọng được khám phá", "Làm rõ án RNT, ĐBNT"],
  ),
  count("suspects_handled", "Số đối tượng bị bắt giữ, xử lý", "Suspects arrested or handled", "flow", [
    "Đối tượng bắt giữ, xử lý",
    "Bắt giữ, xử lý đối tượng",
  ]),
  count(
    "wanted_caught",
    "Số đối tượng truy nã bị bắt, vận động đầu thú, thanh loại",
    "Wanted persons caught or surrendered",
    "flow",
    ["Truy nã bắt, đầu thú, thanh loại", "Đối tượng truy nã"],
  ),
  count("tips_received", "Số tin có giá trị do quần chúng cung cấp", "Valuable tips from the public", "flow", [
    "Tin có giá trị",
    "Tin báo có giá trị",
  ]),
  count("residential_areas_total", "Tổng số khu dân cư", "Residential areas", "stock", [
    "Số KDC",
    "Khu dân cư (tổng)",
    "Thôn, tổ dân phố",
    "Số khu dân cư",
    "Khu dân cư tổng số",
  ]),
  count(
    "residential_areas_certified",
    "Số khu dân cư đạt chuẩn \"An toàn về ANTT\"",
    "Residential areas certified",
    "stock",
    ["KDC đạt chuẩn", "Khu dân cư đạt tiêu chuẩn ATANTT", "Khu dân cư đạt chuẩn", "Số khu dân cư đạt chuẩn"],
  ),
  count("communes_total", "Tổng số xã", "Communes", "stock", ["Số xã", "Xã tổng số"]),
  count("communes_certified", "Số xã đạt chuẩn \"An toàn về ANTT\"", "Communes certified", "stock", [
    "Xã đạt chuẩn",
  ]),
  count("wards_total", "Tổng số phường", "Wards", "stock", ["Số phường", "Phường tổng số"]),
  count("wards_certified", "Số phường đạt chuẩn \"An toàn về ANTT\"", "Wards certified", "stock", [
    "Phường đạt chuẩn",
  ]),
  count("townships_total", "Tổng số thị trấn", "Townships", "stock", ["Số thị trấn", "Thị trấn tổng số"]),
  count("townships_certified", "Số thị trấn đạt chuẩn \"An toàn về ANTT\"", "Townships certified", "stock", [
    "Thị trấn đạt chuẩn",
  ]),
  count("special_zones_total", "Tổng số đặc khu", "Special zones", "stock", ["Số đặc khu", "Đặc khu tổng số"]),
  count(
    "special_zones_certified",
    "Số đặc khu đạt chuẩn \"An toàn về ANTT\"",
    "Special zones certified",
    "stock",
    ["Đặc khu đạt chuẩn"],
  ),
  count("agencies_total", "Tổng số cơ quan, doanh nghiệp", "Agencies and enterprises", "stock", [
    "Số CQ, DN",
    "Số cơ quan, doanh nghiệp",
    "Cơ quan, doanh nghiệp tổng số",
  ]),
  count(
    "agencies_certified",
    "Số cơ quan, doanh nghiệp đạt chuẩn \"An toàn về ANTT\"",
    "Agencies and enterprises certified",
    "stock",
    ["CQ, DN đạt chuẩn", "Cơ quan, doanh nghiệp đạt chuẩn"],
  ),
  count("schools_total", "Tổng số cơ sở giáo dục", "Schools", "stock", [
    "Số nhà trường",
    "Số CSGD",
    "Số cơ sở giáo dục",
    "Cơ sở giáo dục tổng số",
    "Nhà trường tổng số",
  ]),
  count("schools_certified", "Số cơ sở giáo dục đạt chuẩn \"An toàn về ANTT\"", "Schools certified", "stock", [
    "Nhà trường đạt chuẩn",
    "CSGD đạt chuẩn",
    "Cơ sở giáo dục đạt chuẩn",
  ]),
  count(
    "institutions_total",
    "Tổng số cơ quan, doanh nghiệp, cơ sở giáo dục",
    "Agencies, enterprises and schools",
    "stock",
    ["CQ, DN, CSGD", "Số CQ, DN, CSGD", "CQ, DN, CSGD tổng số"],
  ),
  count(
    "institutions_certified",
    "Số cơ quan, doanh nghiệp, cơ sở giáo dục đạt chuẩn",
    "Agencies, enterprises and schools certified",
    "stock",
    ["CQ, DN, CSGD đạt chuẩn"],
  ),
  count(
    "complex_areas_total",
    "Số địa bàn phức tạp về trật tự, an toàn xã hội",
    "Areas with complex public order",
    "stock",
    ["Địa bàn phức tạp", "Số địa bàn phức tạp", "Địa bàn phức tạp tổng số"],
  ),
  count("complex_areas_transformed", "Số địa bàn phức tạp đã chuyển hóa", "Complex areas transformed", "flow", [
    "Chuyển hóa địa bàn",
    "Địa bàn phức tạp đã chuyển hóa",
  ]),
  count("meetings", "Số cuộc họp dân, hội nghị", "Meetings with residents", "flow", [
    "Cuộc họp dân",
    "Hội nghị",
    "Họp dân, hội nghị số cuộc",
    "Số cuộc họp dân",
  ]),
  count("meeting_attendees", "Lượt người tham dự họp dân", "Meeting attendees", "flow", [
    "Lượt người tham dự",
    "Họp dân, hội nghị lượt người tham dự",
    "Số người tham dự họp dân",
  ]),
  count("outreach_sessions", "Số buổi tuyên truyền", "Outreach sessions", "flow", [
    "Buổi tuyên truyền",
    "Tuyên truyền số buổi",
  ]),
  count("outreach_attendees", "Lượt người nghe tuyên truyền", "Outreach attendees", "flow", [
    "Lượt người nghe",
    "Tuyên truyền lượt người tham dự",
    "Tuyên truyền số người",
    "Người nghe tuyên truyền",
  ]),
  count("leaflets", "Số tờ rơi phát ra", "Leaflets handed out", "flow", ["Tờ rơi", "Số tờ rơi"]),
  count("pledges_signed", "Số người ký cam kết", "People who signed pledges", "flow", [
    "Ký cam kết",
    "Người ký cam kết",
  ]),
  count(
    "dignitaries_visited",
    "Lượt chức sắc, người có uy tín được thăm hỏi",
    "Visits to dignitaries and prestigious persons",
    "flow",
    ["Chức sắc, người có uy tín", "Thăm hỏi chức sắc, người có uy tín"],
  ),
  count("models_total", "Số mô hình tự quản về ANTT", "Self-management models", "stock", [
    "Mô hình",
    "Tổng số mô hình",
    "Mô hình tổng số",
  ]),
  count("models_effective", "Số mô hình hoạt động hiệu quả", "Models working effectively", "stock", [
    "Mô hình hiệu quả",
    "Mô hình hoạt động hiệu quả",
  ]),
  count("models_new", "Số mô hình xây dựng mới", "New models", "flow", ["Mô hình mới", "Mô hình xây dựng mới"]),
  count("security_teams", "Số Tổ bảo vệ an ninh, trật tự ở cơ sở", "Grassroots security teams", "stock", [
    "Tổ bảo vệ ANTT",
    "Số tổ bảo vệ ANTT",
    "Tổ bảo vệ ANTT số tổ",
  ]),
  count("security_team_members", "Số thành viên Tổ bảo vệ ANTT", "Security team members", "stock", [
    "Thành viên tổ bảo vệ",
    "Tổ bảo vệ ANTT thành viên",
    "Thành viên tổ bảo vệ ANTT",
  ]),
  count("cameras", "Số mắt camera an ninh", "Security cameras", "stock", ["Camera", "Mắt camera", "Số camera"]),
  count("guns_surrendered", "Số súng các loại thu hồi, giao nộp", "Guns surrendered", "flow", [
    "Súng",
    "Súng các loại",
    "Súng (khẩu)",
    "Thu hồi vũ khí súng (khẩu)",
  ]),
  count("ammunition_rounds", "Số viên đạn thu hồi", "Rounds of ammunition", "flow", [
    "Đạn",
    "Viên đạn",
    "Đạn (viên)",
    "Thu hồi vũ khí đạn (viên)",
  ]),
  {
    name: "explosives_kg",
    vi: "Thuốc nổ thu hồi (kg)",
    en: "Explosives (kg)",
    type: "decimal",
    kind: "flow",
    aliases: ["Thuốc nổ (kg)", "Thu hồi vũ khí thuốc nổ (kg)"],
  },
  count("grenades", "Số lựu đạn thu hồi", "Grenades", "flow", ["Lựu đạn", "Lựu đạn (quả)", "Thu hồi vũ khí lựu đạn (quả)"]),
  {
    name: "fireworks_kg",
    vi: "Pháo thu hồi (kg)",
    en: "Fireworks (kg)",
    type: "decimal",
    kind: "flow",
    aliases: ["Pháo (kg)", "Thu hồi vũ khí pháo (kg)"],
  },
  count("fireworks_pieces", "Pháo thu hồi (hộp, quả, bánh)", "Fireworks (boxes, pieces)", "flow", [
    "Pháo (hộp)",
    "Pháo (quả)",
    "Pháo (hộp, quả)",
    "Pháo (bánh)",
    "Thu hồi vũ khí pháo (hộp, quả)",
  ]),
  count("commendations", "Số tập thể, cá nhân được khen thưởng", "Commendations", "flow", [
    "Khen thưởng",
    "Tập thể, cá nhân được khen thưởng",
  ]),
];

// The run's view of these (with any configured indicators after them) is domain/dictionary.ts.
