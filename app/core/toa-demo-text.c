/* toa-demo-text.c — synthetic Vietnamese (and a little English) text for the demo board and
 * the benchmark. Every sentence is assembled from word lists written for this project (no news
 * text is copied); places are those of Bình Phước, people and events are invented. */
#include "config.h"

#include <string.h>

#include "toa-demo.h"
#include "toa-demo-private.h"
#include "toa-text.h"

#define PICK(r, list) ((list)[g_rand_int_range ((r), 0, G_N_ELEMENTS (list))])

/* ------------------------------------------------------------------------------------- */
/* Word lists                                                                             */

static const char *const subjects[] = {
  "UBND tỉnh", "Chủ tịch UBND tỉnh", "Thường trực Tỉnh ủy", "HĐND tỉnh",
  "Sở Nông nghiệp và Môi trường", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính",
  "Sở Xây dựng", "Sở Nội vụ", "Sở Khoa học và Công nghệ",
  "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh",
  "Ban Quản lý Khu kinh tế tỉnh", "Liên đoàn Lao động tỉnh", "Tỉnh đoàn",
  "Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh", "Ủy ban MTTQ Việt Nam tỉnh",
  "UBND thành phố Đồng Xoài", "UBND huyện Bù Đăng", "UBND huyện Lộc Ninh",
  "Trung tâm Kiểm soát bệnh tật tỉnh", "Bệnh viện Đa khoa tỉnh", "Văn phòng UBND tỉnh",
  "Thống kê tỉnh", "Bảo hiểm xã hội tỉnh", "Ngân hàng Chính sách xã hội chi nhánh tỉnh",
};

static const char *const verbs[] = {
  "triển khai", "đẩy mạnh", "tăng cường", "kiểm tra", "tổng kết", "sơ kết", "đánh giá",
  "hướng dẫn", "tuyên truyền về", "thúc đẩy", "hỗ trợ", "rà soát", "quán triệt",
  "phổ biến", "nâng cao hiệu quả", "bàn giải pháp thực hiện", "ra quân thực hiện",
  "tháo gỡ vướng mắc trong", "giám sát", "khảo sát",
};

static const char *const objects[] = {
  "công tác cải cách hành chính", "chuyển đổi số", "kế hoạch phát triển kinh tế - xã hội",
  "chương trình xây dựng nông thôn mới", "dự án đường giao thông liên xã",
  "công tác phòng, chống sốt xuất huyết", "chương trình tiêm chủng mở rộng",
  "phòng cháy, chữa cháy rừng mùa khô", "giải ngân vốn đầu tư công",
  "chính sách hỗ trợ hộ nghèo", "an toàn vệ sinh thực phẩm", "bảo hiểm y tế toàn dân",
  "kỳ thi tốt nghiệp trung học phổ thông", "công tác tuyển sinh đầu cấp",
  "phát triển vùng điều nguyên liệu", "tái canh cây cao su", "tiêu thụ hồ tiêu",
  "chăn nuôi an toàn sinh học", "phòng, chống bệnh dịch tả lợn châu Phi",
  "cấp giấy chứng nhận quyền sử dụng đất", "thu hút đầu tư vào khu công nghiệp",
  "xây dựng chính quyền số", "dịch vụ công trực tuyến toàn trình",
  "phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa",
  "bảo tồn văn hóa đồng bào dân tộc thiểu số", "phát triển du lịch sinh thái",
  "bảo đảm trật tự an toàn giao thông", "phòng, chống ma túy", "xóa nhà tạm, nhà dột nát",
  "đào tạo nghề cho lao động nông thôn", "giải quyết việc làm cho thanh niên",
  "phòng, chống thiên tai", "quản lý tài nguyên khoáng sản", "bảo vệ môi trường",
  "xử lý chất thải rắn sinh hoạt", "cung cấp nước sạch nông thôn",
  "nâng cao chỉ số năng lực cạnh tranh cấp tỉnh", "cải thiện môi trường kinh doanh",
  "hỗ trợ doanh nghiệp nhỏ và vừa", "phát triển kinh tế tập thể, hợp tác xã",
  "chương trình mỗi xã một sản phẩm OCOP", "chăm sóc sức khỏe người cao tuổi",
  "phổ cập bơi cho trẻ em", "xây dựng trường học đạt chuẩn quốc gia",
  "quản lý trật tự xây dựng đô thị", "phòng, chống tác hại của thuốc lá",
};

static const char *const places[] = {
  "xã Tân Lập", "huyện Bù Đăng", "thành phố Đồng Xoài", "thị xã Bình Long", "huyện Lộc Ninh",
  "huyện Bù Gia Mập", "thị xã Phước Long", "thị xã Chơn Thành", "huyện Hớn Quản",
  "huyện Đồng Phú", "huyện Phú Riềng", "huyện Bù Đốp", "xã Thiện Hưng", "xã Lộc Tấn",
  "phường Tân Phú", "xã Đak Nhau", "xã Bình Thắng", "xã Đồng Nơ", "phường Hưng Chiến",
  "xã Phú Nghĩa", "xã Long Hà", "xã Tân Hòa", "phường Tiến Thành", "xã Minh Lập",
};

static const char *const times[] = {
  "năm 2025", "6 tháng đầu năm", "6 tháng cuối năm", "quý I", "quý II", "quý III", "quý IV",
  "giai đoạn 2021-2025", "giai đoạn 2026-2030", "dịp Tết Nguyên đán", "mùa khô năm nay",
  "từ đầu năm đến nay", "trong tháng cao điểm", "năm học mới",
};

/* Who benefits, and from what: pairs, so that sentences stay sensible. */
static const struct {
  const char *who;
  const char *what;
} benefits[] = {
  { "hộ nghèo", "hỗ trợ xây nhà" },
  { "hộ nghèo", "vay vốn ưu đãi" },
  { "học sinh", "cấp học bổng" },
  { "học sinh", "học bơi miễn phí" },
  { "lao động nông thôn", "đào tạo nghề" },
  { "doanh nghiệp", "hướng dẫn sử dụng dịch vụ công trực tuyến" },
  { "doanh nghiệp", "tháo gỡ khó khăn về mặt bằng sản xuất" },
  { "hộ đồng bào dân tộc thiểu số", "hỗ trợ giống cây trồng" },
  { "gia đình chính sách", "tặng quà Tết" },
  { "người cao tuổi", "khám sức khỏe miễn phí" },
  { "hợp tác xã", "tập huấn kỹ thuật" },
  { "trẻ em dưới 5 tuổi", "tiêm vắc xin đầy đủ" },
  { "hộ sản xuất kinh doanh", "hỗ trợ chuyển đổi số" },
  { "cán bộ, công chức cấp xã", "bồi dưỡng kỹ năng số" },
  { "hộ trồng điều", "hỗ trợ chứng nhận sản xuất hữu cơ" },
  { "người dân", "cấp thẻ bảo hiểm y tế" },
};

static const char *const trainees[] = {
  "cán bộ, công chức cấp xã", "hội viên nông dân", "giáo viên", "nhân viên y tế thôn, ấp",
  "lao động nông thôn", "chủ hộ kinh doanh", "đoàn viên thanh niên", "cán bộ hợp tác xã",
};

static const char *const events[] = {
  "hội nghị", "buổi làm việc", "lễ ra quân", "lễ phát động", "buổi kiểm tra", "hội thảo",
  "buổi tọa đàm", "phiên họp thường kỳ",
};

static const char *const goals[] = {
  "góp phần nâng cao đời sống vật chất và tinh thần của người dân",
  "bảo đảm hoàn thành các chỉ tiêu đã đề ra",
  "tạo điều kiện thuận lợi cho người dân và doanh nghiệp",
  "phấn đấu đạt mục tiêu Nghị quyết Đại hội Đảng bộ tỉnh",
  "không để phát sinh điểm nóng, phức tạp",
  "từng bước nâng cao chất lượng phục vụ",
  "phát huy sức mạnh của cả hệ thống chính trị",
  "bảo đảm đúng quy định, công khai, minh bạch",
};

static const char *const problems[] = {
  "nguồn lực còn hạn chế", "tiến độ một số dự án còn chậm",
  "nhận thức của một bộ phận người dân chưa đầy đủ", "cơ sở vật chất đã xuống cấp",
  "thời tiết diễn biến phức tạp", "công tác phối hợp giữa các ngành có lúc chưa chặt chẽ",
  "giá vật tư đầu vào tăng cao", "đội ngũ cán bộ chuyên môn còn thiếu",
};

static const char *const officials[] = {
  "Phó Chủ tịch UBND tỉnh", "Giám đốc Sở Y tế", "Phó Giám đốc Sở Nông nghiệp và Môi trường",
  "Chủ tịch UBND huyện Bù Đăng", "Bí thư Huyện ủy Lộc Ninh", "Chánh Văn phòng UBND tỉnh",
  "Giám đốc Sở Giáo dục và Đào tạo", "Phó Chủ tịch UBND thành phố Đồng Xoài",
  "Trưởng Ban Quản lý Khu kinh tế tỉnh",
};

static const char *const surnames[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
  "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Điểu", "Trịnh",
};
static const char *const middles[] = { "Văn", "Hữu", "Minh", "Quốc", "Đức", "Thị", "Ngọc", "Thu", "Thanh" };
static const char *const givens[] = {
  "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Phúc", "Sơn", "Thắng", "Lan", "Hoa", "Hương", "Mai",
  "Hạnh", "Trang", "Yến", "Nga", "Khánh", "Bình", "Quang", "Tâm",
};

static const char *const headings[] = {
  "Nhiều kết quả tích cực", "Tháo gỡ khó khăn, vướng mắc", "Nhiệm vụ thời gian tới",
  "Chuyển biến rõ nét", "Huy động sức mạnh tổng hợp", "Người dân đồng tình",
  "Còn nhiều việc phải làm", "Sớm đưa chính sách vào cuộc sống",
};

static const char *const summary_nouns[] = {
  "Giải pháp", "Dấu ấn", "Hiệu quả", "Kết quả", "Chuyển biến", "Bước tiến",
};

/* Tiers of rarer words, so a benchmark can search something uncommon. Each is a sentence
 * added to a body with the given probability (per article): "Sóc Bom Bo" ~1 %,
 * "Bù Lạch" ~0.1 %, "Xtiêng" ~0.01 %. */
static const struct {
  double      probability;
  const char *sentence;
} rare_sentences[] = {
  { 0.01,   "Đoàn cũng đến thăm Khu di tích lịch sử Sóc Bom Bo, nơi đang được đầu tư tôn tạo để phục vụ du khách." },
  { 0.001,  "Dịp này, nhiều bạn trẻ đã tham gia chương trình trải nghiệm tại trảng cỏ Bù Lạch." },
  { 0.0001, "Các nghệ nhân người Xtiêng đã trình diễn cồng chiêng và hướng dẫn các em học sinh dệt thổ cẩm." },
};

/* ------------------------------------------------------------------------------------- */
/* Small helpers                                                                          */

gboolean
toa_demo_chance (GRand *r, double p)
{
  return g_rand_double (r) < p;
}

/* Words as people count them: space-separated tokens holding a letter or a digit. */
static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_token = FALSE, counted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\n')
        {
          in_token = FALSE;
          continue;
        }
      if (!in_token)
        {
          in_token = TRUE;
          counted = FALSE;
        }
      if (!counted && (g_ascii_isalnum (*p) || ((guchar) *p >= 0xC0)))
        {
          n++;
          counted = TRUE;
        }
    }
  return n;
}

static void
append_capitalized (GString *s, const char *text)
{
  gunichar c = g_utf8_get_char (text);

  g_string_append_unichar (s, g_unichar_toupper (c));
  g_string_append (s, g_utf8_next_char (text));
}

static void
append_number (GString *s, guint n)
{
  g_autofree char *number = toa_format_number (n);

  g_string_append (s, number);
}

static void
append_count (GString *s, GRand *r)
{
  static const char *const approx[] = { "Hơn ", "Gần ", "Khoảng " };
  static const guint magnitudes[] = { 50, 300, 1500, 12000 };
  guint n = g_rand_int_range (r, 10, magnitudes[g_rand_int_range (r, 0, 4)]);

  if (toa_demo_chance (r, 0.7))
    {
      /* "Hơn 1.200": an approximate figure is a round one */
      guint unit = n >= 1000 ? 100 : n >= 100 ? 10 : 1;

      g_string_append (s, PICK (r, approx));
      n = n / unit * unit;
    }
  append_number (s, n);
}

static void
append_percent (GString *s, GRand *r)
{
  g_string_append_printf (s, "%d,%d%%", g_rand_int_range (r, 12, 99), g_rand_int_range (r, 0, 10));
}

static void
append_person_name (GString *s, GRand *r)
{
  const char *surname = PICK (r, surnames);
  const char *middle = PICK (r, middles);

  g_string_append_printf (s, "%s %s %s", surname, middle, PICK (r, givens));
}

static void
append_day (GString *s, GRand *r)
{
  static const char *const parts[] = { "Sáng", "Chiều", "Ngày", "Tối" };

  g_string_append_printf (s, "%s %d/%d", PICK (r, parts), g_rand_int_range (r, 1, 29),
                          g_rand_int_range (r, 1, 13));
}

/* ------------------------------------------------------------------------------------- */
/* Headlines                                                                              */

static void
headline_once (GRand *r, GString *s)
{
  switch (g_rand_int_range (r, 0, 6))
    {
    case 0:   /* Sở Y tế tăng cường … tại huyện Bù Đăng */
      g_string_append_printf (s, "%s %s %s", PICK (r, subjects), PICK (r, verbs), PICK (r, objects));
      if (toa_demo_chance (r, 0.5))
        g_string_append_printf (s, " tại %s", PICK (r, places));
      if (toa_demo_chance (r, 0.4))
        g_string_append_printf (s, " %s", PICK (r, times));
      break;
    case 1:   /* Đẩy mạnh … trên địa bàn huyện … */
      append_capitalized (s, PICK (r, verbs));
      g_string_append_printf (s, " %s", PICK (r, objects));
      if (toa_demo_chance (r, 0.5))
        g_string_append_printf (s, " trên địa bàn %s", PICK (r, places));
      else
        g_string_append_printf (s, " %s", PICK (r, times));
      break;
    case 2:   /* Hơn 1.200 hộ nghèo tại … được hỗ trợ xây nhà */
      {
        int b = g_rand_int_range (r, 0, G_N_ELEMENTS (benefits));

        append_count (s, r);
        g_string_append_printf (s, " %s tại %s được %s", benefits[b].who, PICK (r, places),
                                benefits[b].what);
      }
      break;
    case 3:   /* Bình Phước: … */
      g_string_append (s, "Bình Phước: ");
      append_capitalized (s, PICK (r, verbs));
      g_string_append_printf (s, " %s %s", PICK (r, objects), PICK (r, times));
      break;
    case 4:   /* Giải pháp … */
      g_string_append_printf (s, "%s trong %s %s", PICK (r, summary_nouns), PICK (r, objects),
                              toa_demo_chance (r, 0.5) ? "ở vùng biên giới" : "ở tỉnh Bình Phước");
      break;
    default:  /* Phó Chủ tịch UBND tỉnh kiểm tra … tại … */
      g_string_append_printf (s, "%s %s %s tại %s", PICK (r, officials), PICK (r, verbs),
                              PICK (r, objects), PICK (r, places));
      break;
    }
}

char *
toa_demo_title (GRand *rand)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (rand != NULL, NULL);

  for (int attempt = 0; attempt < 50; attempt++)
    {
      guint n;

      g_string_truncate (s, 0);
      headline_once (rand, s);
      n = count_words (s->str);
      if (n >= 8 && n <= 16)
        break;
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------------------------- */
/* Sentences                                                                              */

static void
sentence_once (GRand *r, GString *s, int kind)
{
  switch (kind)
    {
    case 0:   /* the event */
      append_day (s, r);
      g_string_append_printf (s, ", %s đã tổ chức %s %s %s tại %s.", PICK (r, subjects),
                              PICK (r, events), PICK (r, verbs), PICK (r, objects), PICK (r, places));
      break;
    case 1:   /* who attended */
      g_string_append_printf (s, "Dự %s có đại diện lãnh đạo %s, %s cùng các sở, ban, ngành, "
                              "đoàn thể liên quan.", PICK (r, events), PICK (r, subjects),
                              PICK (r, subjects));
      break;
    case 2:   /* figures */
      g_string_append_printf (s, "Theo báo cáo của %s, %s, toàn tỉnh Bình Phước đã giải ngân ",
                              PICK (r, subjects), PICK (r, times));
      append_number (s, g_rand_int_range (r, 15, 4800));
      g_string_append (s, " tỷ đồng cho ");
      g_string_append (s, PICK (r, objects));
      g_string_append (s, ", đạt ");
      append_percent (s, r);
      g_string_append (s, " kế hoạch năm.");
      break;
    case 3:   /* a speech */
      g_string_append_printf (s, "Phát biểu tại %s, %s ", PICK (r, events), PICK (r, officials));
      append_person_name (s, r);
      g_string_append_printf (s, " đề nghị %s tiếp tục %s %s, %s.", PICK (r, subjects),
                              PICK (r, verbs), PICK (r, objects), PICK (r, goals));
      break;
    case 4:   /* difficulties */
      g_string_append_printf (s, "Bên cạnh những kết quả đạt được, việc thực hiện %s vẫn còn "
                              "một số khó khăn, hạn chế như %s, %s.", PICK (r, objects),
                              PICK (r, problems), PICK (r, problems));
      break;
    case 5:   /* what comes next */
      g_string_append_printf (s, "Thời gian tới, %s sẽ tiếp tục %s %s, %s.", PICK (r, subjects),
                              PICK (r, verbs), PICK (r, objects), PICK (r, goals));
      break;
    case 6:   /* reached so far */
      {
        int b = g_rand_int_range (r, 0, G_N_ELEMENTS (benefits));

        g_string_append (s, "Đến nay, ");
        append_number (s, g_rand_int_range (r, 20, 9000));
        g_string_append_printf (s, " %s trên địa bàn %s đã được %s, tăng ", benefits[b].who,
                                PICK (r, places), benefits[b].what);
        append_percent (s, r);
        g_string_append (s, " so với cùng kỳ năm trước.");
      }
      break;
    case 7:   /* instructions */
      g_string_append_printf (s, "%s yêu cầu các địa phương %s %s; đồng thời %s %s, %s.",
                              PICK (r, subjects), PICK (r, verbs), PICK (r, objects),
                              PICK (r, verbs), PICK (r, objects), PICK (r, goals));
      break;
    case 8:   /* context */
      g_string_append_printf (s, "Được biết, %s là một trong những nhiệm vụ trọng tâm của tỉnh "
                              "Bình Phước trong %s.", PICK (r, objects), PICK (r, times));
      break;
    case 10:  /* the discussion */
      g_string_append_printf (s, "Tại %s, các đại biểu đã thảo luận, làm rõ những kết quả đạt được "
                              "cũng như khó khăn, vướng mắc trong %s.", PICK (r, events),
                              PICK (r, objects));
      break;
    case 11:  /* training */
      g_string_append_printf (s, "%s đã phối hợp với %s mở %d lớp tập huấn về %s cho ",
                              PICK (r, subjects), PICK (r, subjects), g_rand_int_range (r, 2, 40),
                              PICK (r, objects));
      append_number (s, g_rand_int_range (r, 60, 5000));
      g_string_append_printf (s, " lượt %s.", PICK (r, trainees));
      break;
    case 12:  /* inspections */
      g_string_append_printf (s, "Trong %s, đoàn kiểm tra liên ngành đã kiểm tra ", PICK (r, times));
      append_number (s, g_rand_int_range (r, 12, 900));
      g_string_append_printf (s, " cơ sở, phát hiện và xử lý %d trường hợp vi phạm, phạt tiền hơn ",
                              g_rand_int_range (r, 2, 80));
      append_number (s, g_rand_int_range (r, 5, 950));
      g_string_append (s, " triệu đồng.");
      break;
    case 13:  /* a voice from the ground */
      g_string_append_printf (s, "Nhiều hộ dân tại %s cho biết, nhờ %s mà cuộc sống của gia đình "
                              "đã từng bước ổn định, con cái được học hành đầy đủ.", PICK (r, places),
                              PICK (r, objects));
      break;
    case 14:  /* a target */
      {
        int b = g_rand_int_range (r, 0, G_N_ELEMENTS (benefits));

        g_string_append_printf (s, "Theo kế hoạch, đến năm 2030, tỉnh Bình Phước phấn đấu có ít nhất "
                                "%d%% %s được %s.", g_rand_int_range (r, 60, 100), benefits[b].who,
                                benefits[b].what);
      }
      break;
    default:  /* a quote */
      g_string_append_printf (s, "“Chúng tôi sẽ %s %s để %s”, %s ", PICK (r, verbs), PICK (r, objects),
                              PICK (r, goals), PICK (r, officials));
      append_person_name (s, r);
      g_string_append (s, " cho biết.");
      break;
    }
}

#define N_SENTENCE_KINDS 16

/* Kinds said at most once per text (the event, who attended, "Được biết"). */
#define ONCE_KINDS ((1u << 0) | (1u << 1) | (1u << 8))

/* Appends sentences of the given kinds (then any kind) until the text holds between
 * @min and @max words; returns the number of words. */
static guint
fill_words (GRand *r, GString *s, const int *first_kinds, guint n_first, guint min, guint max,
            guint *used)
{
  g_autoptr(GString) sentence = g_string_new (NULL);
  guint words = 0;
  guint target = g_rand_int_range (r, min, max + 1);

  for (guint i = 0, tries = 0; words < target && tries < 200; tries++)
    {
      int kind = i < n_first ? first_kinds[i] : g_rand_int_range (r, 0, N_SENTENCE_KINDS);
      guint n;

      if (i >= n_first && (ONCE_KINDS & (1u << kind) & *used))
        continue;
      *used |= 1u << kind;
      g_string_truncate (sentence, 0);
      sentence_once (r, sentence, kind);
      n = count_words (sentence->str);
      if (words + n > max && words >= min)
        break;
      if (words + n > max)
        continue;   /* too long for what is left: draw another */
      if (words > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, sentence->str);
      words += n;
      i++;
    }
  if (words < min)
    {
      /* every draw was too long for what was left: close with a short sentence */
      static const char *const short_one = "Đây là nhiệm vụ quan trọng, cần sự vào cuộc của cả hệ thống chính trị.";

      if (words > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, short_one);
      words += count_words (short_one);
    }
  return words;
}

char *
toa_demo_sapo (GRand *rand)
{
  static const int lead[] = { 0 };
  GString *s = g_string_new (NULL);
  guint used = 0;

  g_return_val_if_fail (rand != NULL, NULL);
  fill_words (rand, s, lead, toa_demo_chance (rand, 0.6) ? 1 : 0, 25, 50, &used);
  return g_string_free (s, FALSE);
}

static void
append_list (GRand *r, GString *s)
{
  guint n = g_rand_int_range (r, 3, 6);

  g_string_append (s, "<ul>");
  for (guint i = 0; i < n; i++)
    {
      g_string_append (s, "<li>");
      append_capitalized (s, PICK (r, verbs));
      g_string_append_printf (s, " %s%s</li>", PICK (r, objects), i + 1 < n ? ";" : ".");
    }
  g_string_append (s, "</ul>");
}

/* A pull quote: what an official said, in a <blockquote>. */
static void
append_quote (GRand *r, GString *s)
{
  g_string_append_printf (s, "<blockquote>“Chúng tôi xác định %s là nhiệm vụ trọng tâm, sẽ tập "
                          "trung chỉ đạo quyết liệt đến từng thôn, ấp, %s.” – %s ",
                          PICK (r, objects), PICK (r, goals), PICK (r, officials));
  append_person_name (s, r);
  g_string_append (s, "</blockquote>");
}

char *
toa_demo_body_html (GRand *rand, guint paragraphs)
{
  static const int lead[] = { 0, 1 };
  static const int closing[] = { 5, 8 };
  g_autoptr(GString) para = g_string_new (NULL);
  GString *s;
  gboolean headings_on, list_on, quote_on;
  guint list_at, quote_at, rare_at, used = 0, heading;
  int rare = -1;

  g_return_val_if_fail (rand != NULL, NULL);

  paragraphs = MAX (paragraphs, 1);
  s = g_string_sized_new (paragraphs * 560);
  /* what an editor works with: a heading or two, a list and a quote in every body of three
   * paragraphs or more */
  headings_on = paragraphs >= 4;
  list_on = paragraphs >= 3;
  quote_on = paragraphs >= 3;
  list_at = g_rand_int_range (rand, 1, MAX (paragraphs, 2));
  quote_at = list_at == 1 ? 2 : 1;   /* before that paragraph: never the body's end */
  rare_at = g_rand_int_range (rand, 0, paragraphs);
  heading = g_rand_int_range (rand, 0, G_N_ELEMENTS (headings));
  for (int i = G_N_ELEMENTS (rare_sentences) - 1; i >= 0 && rare < 0; i--)
    if (toa_demo_chance (rand, rare_sentences[i].probability))
      rare = i;

  for (guint i = 0; i < paragraphs; i++)
    {
      gboolean last = i + 1 == paragraphs && paragraphs > 1;

      if (quote_on && i == quote_at)
        append_quote (rand, s);
      if (headings_on && (i == 2 || i == paragraphs - 2))
        g_string_append_printf (s, "<h2>%s</h2>", headings[heading++ % G_N_ELEMENTS (headings)]);

      g_string_truncate (para, 0);
      if (i == 0)
        fill_words (rand, para, lead, 2, 40, 120, &used);
      else if (last)
        fill_words (rand, para, closing, 2, 40, 120, &used);
      else
        fill_words (rand, para, NULL, 0, 40, 120, &used);
      if ((int) i == (int) rare_at && rare >= 0)
        g_string_append_printf (para, " %s", rare_sentences[rare].sentence);

      g_string_append (s, "<p>");
      if (i == 0 && toa_demo_chance (rand, 0.3))
        {
          /* a bold lead sentence, as portals often set it */
          const char *stop = strstr (para->str, ". ");
          gsize cut = stop ? (gsize) (stop - para->str) + 1 : para->len;

          g_string_append (s, "<strong>");
          g_string_append_len (s, para->str, cut);
          g_string_append (s, "</strong>");
          g_string_append (s, para->str + cut);
        }
      else
        g_string_append (s, para->str);
      g_string_append (s, "</p>");

      if (list_on && i == list_at)
        append_list (rand, s);
    }
  return g_string_free (s, FALSE);
}

/* ------------------------------------------------------------------------------------- */
/* English, for the portal's English section (a few articles only).                       */

static const char *const en_subjects[] = {
  "Binh Phuoc", "The provincial People's Committee", "The Department of Health",
  "The Department of Agriculture and Environment", "Dong Xoai city", "The local government",
  "The provincial Economic Zone Authority",
};
static const char *const en_verbs[] = {
  "promotes", "speeds up", "reviews", "launches a plan for", "supports", "invests in",
  "strengthens",
};
static const char *const en_objects[] = {
  "digital transformation", "public investment disbursement", "cashew exports",
  "new rural development", "ecotourism", "vocational training for rural workers",
  "online public services", "forest fire prevention", "clean water in rural areas",
  "industrial park investment",
};
static const char *const en_goals[] = {
  "to improve people's living standards", "to attract more investors",
  "to meet this year's targets", "to serve residents and businesses better",
};

char *
toa_demo_decision_title (GRand *r)
{
  return g_strdup_printf ("Quyết định số %d/QĐ-UBND về việc phê duyệt kế hoạch %s %s",
                          g_rand_int_range (r, 100, 3200), PICK (r, objects),
                          toa_demo_chance (r, 0.5) ? "năm 2025" : "giai đoạn 2026-2030");
}

char *
toa_demo_notice_title (GRand *r)
{
  return g_strdup_printf ("Thông báo về việc %s %s tại %s", PICK (r, verbs), PICK (r, objects),
                          PICK (r, places));
}

char *
toa_demo_english_title (GRand *r)
{
  return g_strdup_printf ("%s %s %s in %s", PICK (r, en_subjects), PICK (r, en_verbs),
                          PICK (r, en_objects), toa_demo_chance (r, 0.5) ? "2025" : "the coming years");
}

static void
english_sentence (GRand *r, GString *s)
{
  switch (g_rand_int_range (r, 0, 4))
    {
    case 0:
      g_string_append_printf (s, "%s %s %s %s.", PICK (r, en_subjects), PICK (r, en_verbs),
                              PICK (r, en_objects), PICK (r, en_goals));
      break;
    case 1:
      g_string_append_printf (s, "According to the provincial People's Committee, %d%% of the "
                              "plan for %s has been completed so far.", g_rand_int_range (r, 20, 99),
                              PICK (r, en_objects));
      break;
    case 2:
      g_string_append_printf (s, "Officials asked districts and communes to work closely together "
                              "on %s and %s.", PICK (r, en_objects), PICK (r, en_objects));
      break;
    default:
      g_string_append_printf (s, "In the coming months, Binh Phuoc will continue to focus on %s %s.",
                              PICK (r, en_objects), PICK (r, en_goals));
      break;
    }
}

char *
toa_demo_english_text (GRand *r, guint sentences, gboolean html)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < sentences; i++)
    {
      if (html && i % 3 == 0)
        g_string_append (s, i ? "</p><p>" : "<p>");
      else if (i)
        g_string_append_c (s, ' ');
      english_sentence (r, s);
    }
  if (html)
    g_string_append (s, "</p>");
  return g_string_free (s, FALSE);
}

