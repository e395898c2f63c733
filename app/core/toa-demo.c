/* toa-demo.c — the demo board (dữ liệu mẫu): sites, sections, units, people and articles,
 * built through core so everything is validated and audited; the text comes from
 * toa-demo-text.c, the photos from toa-demo-images.c and the workflow history (real
 * transitions) from toa-demo-flow.c, with the proofreading trail (the writer, the secretary
 * and a deputy correcting words) kept as revisions between the steps.
 * Reproducible: one fixed GRand seed, dates anchored at the day of @now_usec. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-audit.h"
#include "toa-articles.h"
#include "toa-deadline.h"
#include "toa-demo.h"
#include "toa-demo-private.h"
#include "toa-error.h"
#include "toa-images.h"
#include "toa-intake.h"
#include "toa-people.h"
#include "toa-reference.h"
#include "toa-text.h"
#include "toa-transitions.h"

#define DEMO_SEED         20260101u
#define DEMO_N_ARTICLES   300
#define DEMO_N_ENGLISH    12
#define DEMO_MAX_DAYS     540           /* < 18 months */
#define DEMO_N_FULL_TRAIL 100           /* the newest items: proofread by three people */
#define USEC_PER_MINUTE   (G_USEC_PER_SEC * G_GINT64_CONSTANT (60))
#define USEC_PER_HOUR     (USEC_PER_MINUTE * 60)
#define USEC_PER_DAY      (USEC_PER_HOUR * 24)
#define VN_OFFSET         (USEC_PER_HOUR * 7)   /* Asia/Ho_Chi_Minh, no DST */

#define PICK(r, list) ((list)[g_rand_int_range ((r), 0, G_N_ELEMENTS (list))])

/* ------------------------------------------------------------------------------------- */
/* The board                                                                              */

typedef struct {
  const char *code;
  const char *name;
} CodeName;

static const CodeName component_sites[] = {
  { "so-y-te",   "Trang TTĐT Sở Y tế tỉnh Bình Phước" },
  { "dong-xoai", "Cổng TTĐT thành phố Đồng Xoài" },
  { "so-vhttdl", "Trang TTĐT Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Phước" },
};

/* The portal's 12 sections (GLOSSARY "Typical sections") and the kind of information
 * each usually carries. */
static const struct {
  const char *code;
  const char *name;
  const char *info_kind;
} portal_sections[] = {
  { "tin-tuc-su-kien",   "Tin tức - Sự kiện",                          "news" },
  { "chi-dao-dieu-hanh", "Chỉ đạo - Điều hành",                        "news" },
  { "van-ban-phap-luat", "Văn bản pháp luật",                          "legal-document" },
  { "pho-bien-phap-luat", "Thông tin tuyên truyền, phổ biến pháp luật", "law-guidance" },
  { "cai-cach-hanh-chinh", "Cải cách hành chính",                      "law-guidance" },
  { "quy-hoach-ke-hoach", "Quy hoạch - Kế hoạch",                      "plan-investment" },
  { "dau-tu-dau-thau",   "Đầu tư - Đấu thầu - Mua sắm công",           "plan-investment" },
  { "khoa-hoc",          "Chương trình, đề tài khoa học",              "science" },
  { "thong-ke",          "Thông tin thống kê",                         "statistics" },
  { "van-hoa-xa-hoi",    "Văn hóa - Xã hội",                           "news" },
  { "hoi-dap",           "Hỏi đáp",                                    "qa-answer" },
  { "english",           "English",                                    "foreign-language" },
};
#define SECTION_ENGLISH 11

static const CodeName component_sections[] = {
  { "tin-hoat-dong", "Tin hoạt động" },
  { "thong-bao",     "Thông báo" },
  { "van-ban",       "Văn bản" },
};

/* GLOSSARY "Typical providing units". */
static const CodeName units[] = {
  { "van-phong-ubnd", "Văn phòng UBND tỉnh" },
  { "so-noi-vu",      "Sở Nội vụ" },
  { "so-tai-chinh",   "Sở Tài chính" },
  { "so-khcn",        "Sở Khoa học và Công nghệ" },
  { "so-vhttdl",      "Sở Văn hóa, Thể thao và Du lịch" },
  { "so-y-te",        "Sở Y tế" },
  { "so-gddt",        "Sở Giáo dục và Đào tạo" },
  { "so-nnmt",        "Sở Nông nghiệp và Môi trường" },
  { "so-xay-dung",    "Sở Xây dựng" },
  { "cong-an-tinh",   "Công an tỉnh" },
  { "ubnd-xa-phuong", "UBND các xã, phường" },
};

/* Twenty people: the board, the teams, and two outside contributors who never sign in.
 * Roles are "role" (portal) or "role@site". */
typedef struct {
  const char *login;
  const char *name;
  gboolean    contributor;
  const char *contract_no;
  const char *roles[3];
} DemoPerson;

static const DemoPerson demo_people[] = {
  { "truongban",  "Nguyễn Văn Hùng",     FALSE, NULL, { "head" } },
  { "phobantt",   "Trần Thị Mai",        FALSE, NULL, { "standing-deputy" } },
  { "phoban",     "Lê Quang Vinh",       FALSE, NULL, { "deputy" } },
  { "thuky",      "Phạm Thị Thu Hà",     FALSE, NULL, { "secretary" } },
  { "thanhvien1", "Hoàng Minh Tuấn",     FALSE, NULL, { "member", "head@so-y-te", "standing-deputy@so-y-te" } },
  { "thanhvien2", "Võ Thị Lan",          FALSE, NULL, { "member", "head@dong-xoai", "standing-deputy@dong-xoai" } },
  { "thanhvien3", "Đặng Văn Phúc",       FALSE, NULL, { "member", "head@so-vhttdl", "standing-deputy@so-vhttdl" } },
  { "thanhvien4", "Bùi Thị Hồng Nhung",  FALSE, NULL, { "member" } },
  { "bientap1",   "Ngô Thanh Tùng",      TRUE,  NULL, { "editor" } },
  { "bientap2",   "Huỳnh Thị Kim Ngân",  TRUE,  NULL, { "editor" } },
  { "bientap3",   "Điểu Minh Khánh",     TRUE,  NULL, { "editor", "editor@so-vhttdl", "secretary@so-vhttdl" } },
  { "bientap4",   "Lý Thị Bích Trâm",    TRUE,  NULL, { "editor", "editor@so-y-te", "secretary@so-y-te" } },
  { "bientap5",   "Dương Quốc Bảo",      TRUE,  NULL, { "editor", "editor@dong-xoai", "secretary@dong-xoai" } },
  { "kythuat1",   "Phan Đức Thịnh",      FALSE, NULL, { "technician", "technician@so-y-te", "technician@dong-xoai" } },
  { "kythuat2",   "Vũ Hoàng Nam",        TRUE,  NULL, { "technician" } },
  { "kythuat3",   "Đỗ Thị Thanh Thảo",   FALSE, NULL, { "technician", "technician@so-vhttdl" } },
  { "ketoan",     "Hồ Thị Ngọc Ánh",     FALSE, NULL, { "accountant" } },
  { "quantri",    "Trịnh Văn Lực",       FALSE, NULL, { "admin", "admin@so-y-te" } },
  { NULL,         "Lâm Văn Sơn",         TRUE,  "12/2025/HĐ-CTV", { NULL } },
  { NULL,         "Thạch Thị Diễm Phương", TRUE, "07/2025/HĐ-CTV", { NULL } },
};

enum {
  P_HEAD, P_STANDING, P_DEPUTY, P_SECRETARY, P_MEMBER1, P_MEMBER2, P_MEMBER3, P_MEMBER4,
  P_EDITOR1, P_EDITOR2, P_EDITOR3, P_EDITOR4, P_EDITOR5, P_TECH1, P_TECH2, P_TECH3,
  P_ACCOUNTANT, P_ADMIN, P_CTV1, P_CTV2, N_PEOPLE
};
G_STATIC_ASSERT (G_N_ELEMENTS (demo_people) == N_PEOPLE);

static const char *const review_comments[] = {
  "Đề nghị bổ sung số liệu cụ thể và nguồn của số liệu.",
  "Tiêu đề còn dài, đề nghị rút gọn và đưa ý chính lên đầu.",
  "Sapo cần nêu rõ thời gian, địa điểm của sự kiện.",
  "Đã biên tập lại đoạn 3, đề nghị Thư ký xem lại trước khi chuyển.",
  "Ảnh minh họa thiếu chú thích và mô tả ảnh, đề nghị bổ sung.",
  "Nội dung đạt yêu cầu, đề nghị Phó Trưởng ban xem xét duyệt đăng.",
};
/* Editorial comments that name a colleague (@login): recorded as mentions. */
static const char *const mention_comments[] = {
  "đề nghị bổ sung nguồn của số liệu trước khi chuyển Phó Trưởng ban.",
  "xem lại chú thích ảnh giúp, tên đơn vị viết chưa đúng.",
  "tin này cần đăng trước 16 giờ, đề nghị ưu tiên biên tập.",
};
/* Intake: document numbers of the material units send (sổ văn bản of the sender). */
static const char *const document_suffixes[] = {
  "UBND-VX", "SYT-NV", "STC-QLNS", "SNV-TCBC", "BC-CAT", "TB-SGDĐT", "KH-SVHTTDL",
};

/* The proofreading trail (đọc soát): who corrects the text at each level, and the note of
 * the revision they keep. Level 0 the editor who wrote it, 1 the secretary, 2 a deputy. */
static const char *const proof_notes[] = {
  "Biên tập, đọc soát lỗi chính tả",
  "Thư ký tòa soạn sửa câu chữ, chuẩn hóa cách viết",
  "Phó Trưởng ban sửa câu chữ trước khi duyệt đăng",
};

/* Words as first typed (a slip of the keyboard or of the pen) and as corrected. Spelling
 * slips are caught by the editor or the secretary; wordy phrasing by the secretary or a
 * deputy. Written for this project. */
static const struct {
  const char *clean;
  const char *rough;
  gboolean    wording;
} proof_pairs[] = {
  { "triển khai", "triễn khai", FALSE },
  { "hỗ trợ", "hổ trợ", FALSE },
  { "kết quả", "kết qủa", FALSE },
  { "kiểm tra", "kiễm tra", FALSE },
  { "tăng cường", "tăng cuờng", FALSE },
  { "sản xuất", "sản suất", FALSE },
  { "chính sách", "chính xách", FALSE },
  { "tuyên truyền", "tuyên chuyền", FALSE },
  { "những", "nhửng", FALSE },
  { "trên địa bàn", "trên điạ bàn", FALSE },
  { "Bình Phước", "Bình Phuớc", FALSE },
  { "đề nghị", "đề nghi", FALSE },
  { "nhiệm vụ", "nhiệm vu", FALSE },
  { "giải ngân", "giải ngăn", FALSE },
  { "đã tổ chức", "đã tiến hành tổ chức", TRUE },
  { "Đến nay,", "Tính đến thời điểm hiện nay,", TRUE },
  { "tiếp tục", "tiếp tục tiến hành", TRUE },
  { "các địa phương", "các địa phương, đơn vị, cơ sở", TRUE },
  { "kết quả đạt được", "kết quả bước đầu đã đạt được", TRUE },
  { "cho biết", "cho biết thêm", TRUE },
  { "góp phần", "nhằm góp phần", TRUE },
};

/* Tags (thẻ) an article gets from the words of its title and sapo. */
static const struct {
  const char *words;
  const char *tag;
} tag_words[] = {
  { "chuyển đổi số", "Chuyển đổi số" }, { "nông thôn mới", "Nông thôn mới" },
  { "cải cách hành chính", "Cải cách hành chính" }, { "dịch vụ công", "Dịch vụ công trực tuyến" },
  { "sốt xuất huyết", "Sốt xuất huyết" }, { "tiêm", "Tiêm chủng" },
  { "cháy rừng", "Phòng cháy chữa cháy rừng" }, { "đầu tư công", "Đầu tư công" },
  { "hộ nghèo", "Giảm nghèo" }, { "OCOP", "OCOP" }, { "du lịch", "Du lịch" },
  { "vùng điều", "Cây điều" }, { "cao su", "Cao su" }, { "hồ tiêu", "Hồ tiêu" },
  { "giao thông", "Giao thông" }, { "ma túy", "Phòng chống ma túy" },
  { "bảo hiểm y tế", "Bảo hiểm y tế" }, { "việc làm", "Việc làm" },
  { "môi trường", "Môi trường" }, { "khu công nghiệp", "Khu công nghiệp" },
  { "văn hóa", "Văn hóa" }, { "học sinh", "Giáo dục" }, { "trường học", "Giáo dục" },
  { "nước sạch", "Nước sạch" }, { "doanh nghiệp", "Doanh nghiệp" },
  { "Đồng Xoài", "Đồng Xoài" }, { "Bù Đăng", "Bù Đăng" }, { "Lộc Ninh", "Lộc Ninh" },
  { "Phước Long", "Phước Long" }, { "Quyết định", "Văn bản chỉ đạo" },
};

/* What one demo article will be, drawn before anything is written so that the articles
 * can be created in date order. */
typedef struct {
  guint           index;
  ToaArticleState state;
  int             site;         /* -1 = portal, else component_sites index */
  int             section;      /* portal_sections or component_sections index */
  const char     *genre;
  gboolean        english;
  int             unit;         /* -1 = none */
  int             actor;        /* demo_people index */
  gint64          created_at;
  gint64          updated_at;
  gint64          published_at;
  int             n_comments;
  int             authoring;    /* 0 actor only, 1 contributor, 2 + photographer, 3 translator */
  const char     *info_kind;    /* kind of information; NULL = none */
  const char     *channel;      /* intake channel; NULL = written with toa_articles_create */
  const char     *via;          /* a state its history passes through; NULL = the shortest way */
  gboolean        with_return;  /* returned once on its way */
  guint           doc_no;       /* the sender's document number, for intake */
  guint           picture;      /* 1 + the demo picture it carries; 0 = none */
  gboolean        full_trail;   /* corrected by the secretary and a deputy too (recent items) */
} Plan;

static const struct {
  const char *code;
  int         weight;
} genre_weights[] = {
  { "tin", 40 }, { "bai", 14 }, { "anh", 6 }, { "video", 4 }, { "infographic", 4 },
  { "podcast", 2 }, { "longform", 3 }, { "banner", 2 }, { "van-ban", 10 },
  { "thong-bao", 8 }, { "phong-su", 3 }, { "phong-van", 3 },
};

static const struct {
  ToaArticleState state;
  int             weight;
} state_weights[] = {
  { TOA_STATE_PUBLISHED, 60 }, { TOA_STATE_RECEIVED, 4 }, { TOA_STATE_DRAFT, 4 },
  { TOA_STATE_EDITING, 5 }, { TOA_STATE_SECRETARY_REVIEW, 4 }, { TOA_STATE_DEPUTY_REVIEW, 4 },
  { TOA_STATE_ESCALATED, 2 }, { TOA_STATE_CHAIRMAN_OPINION, 1 }, { TOA_STATE_SCHEDULED, 2 },
  { TOA_STATE_RETURNED, 5 }, { TOA_STATE_REFUSED, 5 }, { TOA_STATE_WITHDRAWN, 4 },
};

static const char *
draw_genre (GRand *r, GPtrArray *genres)
{
  int total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (genre_weights); i++)
    total += genre_weights[i].weight;
  for (;;)
    {
      pick = g_rand_int_range (r, 0, total);
      for (guint i = 0; i < G_N_ELEMENTS (genre_weights); i++)
        {
          if (pick < genre_weights[i].weight)
            {
              /* only genres this database knows */
              for (guint j = 0; j < genres->len; j++)
                if (g_str_equal (((ToaGenre *) genres->pdata[j])->code, genre_weights[i].code))
                  return ((ToaGenre *) genres->pdata[j])->code;
              break;
            }
          pick -= genre_weights[i].weight;
        }
      if (genres->len > 0 && toa_demo_chance (r, 0.2))
        return ((ToaGenre *) genres->pdata[g_rand_int_range (r, 0, genres->len)])->code;
    }
}

static ToaArticleState
draw_state (GRand *r)
{
  int total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (state_weights); i++)
    total += state_weights[i].weight;
  pick = g_rand_int_range (r, 0, total);
  for (guint i = 0; i < G_N_ELEMENTS (state_weights); i++)
    {
      if (pick < state_weights[i].weight)
        return state_weights[i].state;
      pick -= state_weights[i].weight;
    }
  return TOA_STATE_PUBLISHED;
}

static gboolean
is_designed (GPtrArray *genres, const char *code)
{
  for (guint j = 0; j < genres->len; j++)
    {
      ToaGenre *g = genres->pdata[j];
      if (g_str_equal (g->code, code))
        return g->designed;
    }
  return FALSE;
}

static gint64
between (GRand *r, gint64 from, gint64 to)
{
  if (to <= from)
    return from;
  return from + (gint64) (g_rand_double (r) * (double) (to - from));
}

/* An instant @days before @anchor (a VN midnight), in working hours. */
static gint64
working_instant (GRand *r, gint64 anchor, int days)
{
  return anchor - days * USEC_PER_DAY + g_rand_int_range (r, 7 * 60, 17 * 60) * USEC_PER_MINUTE;
}

static void
plan_dates (GRand *r, Plan *p, gint64 anchor)
{
  int days;
  gint64 limit = anchor;   /* nothing after the anchor (midnight today) */

  switch (p->state)
    {
    case TOA_STATE_PUBLISHED:
    case TOA_STATE_REFUSED:
      days = g_rand_int_range (r, 2, DEMO_MAX_DAYS + 1);
      break;
    case TOA_STATE_WITHDRAWN:
      days = g_rand_int_range (r, 30, DEMO_MAX_DAYS + 1);
      break;
    case TOA_STATE_SCHEDULED:
      days = g_rand_int_range (r, 1, 4);
      break;
    case TOA_STATE_RETURNED:
      days = g_rand_int_range (r, 3, 60);
      break;
    default:   /* still in the workflow: recent */
      days = g_rand_int_range (r, 1, 21);
      break;
    }
  p->created_at = working_instant (r, anchor, days);
  /* worked on for 20 minutes to 30 hours, and never after the anchor */
  p->updated_at = p->created_at
                  + between (r, 20 * USEC_PER_MINUTE,
                             MIN (30 * USEC_PER_HOUR, limit - p->created_at - USEC_PER_MINUTE));
  p->published_at = 0;
  if (p->state == TOA_STATE_PUBLISHED || p->state == TOA_STATE_WITHDRAWN)
    {
      p->published_at = MIN (p->updated_at, limit - USEC_PER_MINUTE);
      p->updated_at = p->published_at;
      if (p->state == TOA_STATE_WITHDRAWN)
        p->updated_at = p->published_at + g_rand_int_range (r, 1, 20) * USEC_PER_DAY;
    }
  p->updated_at = MIN (p->updated_at, limit - USEC_PER_MINUTE);
  p->updated_at = MAX (p->updated_at, p->created_at);
  if (p->published_at)
    p->published_at = MAX (p->published_at, p->created_at);
}

static int
plan_compare (gconstpointer a, gconstpointer b)
{
  const Plan *pa = a, *pb = b;

  if (pa->created_at != pb->created_at)
    return pa->created_at < pb->created_at ? -1 : 1;
  return pa->index < pb->index ? -1 : pa->index > pb->index;
}

/* The kind of information an item carries: its section's usual kind (a decision is a
 * legal document, a component site's item news); only a kind this database knows. */
static const char *
plan_kind (const Plan *p, GPtrArray *info_kinds)
{
  const char *info_kind = NULL;

  if (p->site < 0)
    info_kind = portal_sections[p->section].info_kind;
  if (g_str_equal (p->genre, "van-ban"))
    info_kind = "legal-document";
  else if (p->site >= 0)
    info_kind = "news";
  for (guint i = 0; info_kind != NULL && i < info_kinds->len; i++)
    if (g_str_equal (((ToaInfoKind *) info_kinds->pdata[i])->code, info_kind))
      return info_kind;
  return NULL;
}

/* How the item came in: material a unit sends (and every item left in intake) is registered
 * through a channel; some in-house items too (so they have their deadline at once). */
static void
plan_entry (GRand *r, Plan *p, GPtrArray *channels)
{
  g_autoptr(GPtrArray) outside = g_ptr_array_new ();

  for (guint i = 0; i < channels->len; i++)
    if (!((ToaIntakeChannel *) channels->pdata[i])->skips_intake)
      g_ptr_array_add (outside, ((ToaIntakeChannel *) channels->pdata[i])->code);
  p->doc_no = g_rand_int_range (r, 12, 2400);
  if (p->state == TOA_STATE_RECEIVED && p->unit < 0)
    p->unit = g_rand_int_range (r, 0, G_N_ELEMENTS (units));
  if (outside->len > 0 && (p->state == TOA_STATE_RECEIVED || (p->unit >= 0 && toa_demo_chance (r, 0.75))))
    p->channel = outside->pdata[g_rand_int_range (r, 0, outside->len)];
  else if (p->state == TOA_STATE_DRAFT || p->unit >= 0)
    p->channel = TOA_INTAKE_IN_HOUSE;
}

/* Some histories take the long way: returned once, escalated to the head (and to the
 * chairman), scheduled before publication, refused after escalation. */
static void
plan_detour (GRand *r, Plan *p)
{
  double roll = g_rand_double (r);

  switch (p->state)
    {
    case TOA_STATE_RETURNED:
      p->with_return = TRUE;
      break;
    case TOA_STATE_PUBLISHED:
      if (roll < 0.10)
        p->with_return = TRUE;
      else if (roll < 0.18)
        p->via = toa_article_state_code (TOA_STATE_ESCALATED);
      else if (roll < 0.21)
        p->via = toa_article_state_code (TOA_STATE_CHAIRMAN_OPINION);
      else if (roll < 0.33)
        p->via = toa_article_state_code (TOA_STATE_SCHEDULED);
      break;
    case TOA_STATE_REFUSED:
      if (roll < 0.3)
        p->via = toa_article_state_code (TOA_STATE_ESCALATED);
      break;
    case TOA_STATE_WITHDRAWN:
      /* taken down after publication (not a deletion before it) */
      p->via = toa_article_state_code (TOA_STATE_PUBLISHED);
      p->with_return = roll < 0.25;
      break;
    case TOA_STATE_SECRETARY_REVIEW:
    case TOA_STATE_DEPUTY_REVIEW:
      p->with_return = roll < 0.25;
      break;
    default:
      break;
    }
}

static void
plan_articles (GRand *r, GArray *plans, GPtrArray *genres, GPtrArray *info_kinds,
               GPtrArray *channels, gint64 anchor)
{
  for (guint i = 0; i < DEMO_N_ARTICLES; i++)
    {
      Plan p = { .index = i, .site = -1, .unit = -1 };
      int site_roll;

      /* every state and every genre at least once, the rest by weight */
      p.state = i < TOA_N_STATES ? (ToaArticleState) i : draw_state (r);
      p.english = i >= DEMO_N_ARTICLES - DEMO_N_ENGLISH;
      if (i >= TOA_N_STATES && i < TOA_N_STATES + genres->len)
        p.genre = ((ToaGenre *) genres->pdata[i - TOA_N_STATES])->code;
      else
        p.genre = p.english ? (toa_demo_chance (r, 0.7) ? "tin" : "bai") : draw_genre (r, genres);

      site_roll = g_rand_int_range (r, 0, 100);
      if (!p.english && site_roll < 15)
        p.site = site_roll % G_N_ELEMENTS (component_sites);

      if (p.english)
        p.section = SECTION_ENGLISH;
      else if (p.site >= 0)
        p.section = g_str_equal (p.genre, "van-ban") ? 2 : g_str_equal (p.genre, "thong-bao") ? 1 : 0;
      else if (g_str_equal (p.genre, "van-ban"))
        p.section = 2;
      else if (toa_demo_chance (r, 0.35))
        p.section = 0;
      else
        p.section = g_rand_int_range (r, 0, SECTION_ENGLISH);

      if (!p.english && toa_demo_chance (r, 0.45))
        p.unit = g_rand_int_range (r, 0, G_N_ELEMENTS (units));

      if (p.site == 0)
        p.actor = P_EDITOR4;
      else if (p.site == 1)
        p.actor = P_EDITOR5;
      else if (p.site == 2)
        p.actor = P_EDITOR3;
      else if (is_designed (genres, p.genre))
        p.actor = P_TECH1 + g_rand_int_range (r, 0, 3);
      else if (toa_demo_chance (r, 0.1))
        p.actor = P_SECRETARY;
      else
        p.actor = P_EDITOR1 + g_rand_int_range (r, 0, 5);

      plan_dates (r, &p, anchor);

      switch (p.state)
        {
        case TOA_STATE_RETURNED:
        case TOA_STATE_REFUSED:
        case TOA_STATE_ESCALATED:
        case TOA_STATE_CHAIRMAN_OPINION:
          p.n_comments = 1 + toa_demo_chance (r, 0.3);
          break;
        case TOA_STATE_SECRETARY_REVIEW:
        case TOA_STATE_DEPUTY_REVIEW:
        case TOA_STATE_PUBLISHED:
          p.n_comments = toa_demo_chance (r, 0.1);
          break;
        default:
          p.n_comments = 0;
          break;
        }

      if (p.english)
        p.authoring = 3;
      else if (p.unit < 0 && toa_demo_chance (r, 0.25))
        p.authoring = 1;
      else if (g_str_equal (p.genre, "anh") || toa_demo_chance (r, 0.1))
        p.authoring = 2;
      else
        p.authoring = 0;

      p.info_kind = plan_kind (&p, info_kinds);
      plan_entry (r, &p, channels);
      plan_detour (r, &p);

      g_array_append_val (plans, p);
    }
}

static gboolean
is_open (ToaArticleState state)
{
  return state != TOA_STATE_PUBLISHED && state != TOA_STATE_REFUSED && state != TOA_STATE_WITHDRAWN;
}

static void
local_day (gint64 usec, GDate *out)
{
  toa_transitions_local_date (usec, out);
}

/* Open items get deadlines around the demo's today: in turn overdue, due today and due
 * later (working days, as the inbox counts them), by choosing the day they came in. */
static gboolean
aim_deadlines (ToaStore *store, GArray *plans, gint64 anchor, GError **error)
{
  g_autoptr(ToaWorkCalendar) cal = toa_work_calendar_get (store, error);
  GDate today;
  guint turn = 0;

  if (cal == NULL)
    return FALSE;
  local_day (anchor, &today);
  for (guint i = 0; i < plans->len; i++)
    {
      Plan *p = &g_array_index (plans, Plan, i);
      int days_now = (int) ((anchor - p->created_at + USEC_PER_DAY - 1) / USEC_PER_DAY);
      int want = turn % 3;   /* 0 overdue, 1 due today, 2 later */

      if (!is_open (p->state) || p->info_kind == NULL)
        continue;
      turn++;
      for (int days = want == 0 ? days_now : 1; days <= 45; days++)
        {
          GDate from, due;
          gboolean has_deadline = FALSE;
          int left;

          local_day (p->created_at - (gint64) (days - days_now) * USEC_PER_DAY, &from);
          if (!toa_deadline_for_kind (store, cal, p->info_kind, &from, &due, &has_deadline, NULL, error))
            return FALSE;
          if (!has_deadline)
            break;
          left = toa_work_calendar_days_between (cal, &today, &due);
          if ((want == 0 && left < 0) || (want == 1 && left == 0) || (want == 2 && left > 0))
            {
              gint64 shift = (gint64) (days - days_now) * USEC_PER_DAY;

              p->created_at -= shift;
              p->updated_at = MIN (p->updated_at - shift, anchor - USEC_PER_MINUTE);
              p->updated_at = MAX (p->updated_at, p->created_at);
              break;
            }
        }
    }
  return TRUE;
}

static guint
paragraphs_for (GRand *r, const char *genre)
{
  if (g_str_equal (genre, "bai") || g_str_equal (genre, "longform") || g_str_equal (genre, "phong-su")
      || g_str_equal (genre, "phong-van"))
    return g_rand_int_range (r, 7, 13);
  if (g_str_equal (genre, "tin") || g_str_equal (genre, "van-ban") || g_str_equal (genre, "thong-bao"))
    return g_rand_int_range (r, 4, 8);
  return g_rand_int_range (r, 4, 6);   /* a photo, video or designed item: a shorter text */
}

static char *
demo_title (GRand *r, const Plan *p)
{
  g_autofree char *base = NULL;

  if (p->english)
    return toa_demo_english_title (r);
  if (g_str_equal (p->genre, "van-ban"))
    return toa_demo_decision_title (r);
  if (g_str_equal (p->genre, "thong-bao"))
    return toa_demo_notice_title (r);
  base = toa_demo_title (r);
  if (g_str_equal (p->genre, "infographic") || g_str_equal (p->genre, "video")
      || g_str_equal (p->genre, "podcast") || g_str_equal (p->genre, "longform"))
    {
      const char *prefix = g_str_equal (p->genre, "infographic") ? "[Infographic] "
                         : g_str_equal (p->genre, "video") ? "[Video] "
                         : g_str_equal (p->genre, "podcast") ? "[Podcast] " : "[Longform] ";
      return g_strconcat (prefix, base, NULL);
    }
  return g_steal_pointer (&base);
}

/* Sites, sections and units, through core like any other board's. */
static gboolean
add_reference_data (ToaStore *store, gint64 portal_id, gint64 *site_ids, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (component_sites); i++)
    {
      g_autoptr(ToaSite) site = toa_site_new ();

      site->code = g_strdup (component_sites[i].code);
      site->name = g_strdup (component_sites[i].name);
      if (!toa_reference_add_site (store, 0, site, error))
        return FALSE;
      site_ids[i] = site->id;
    }

  for (guint i = 0; i < G_N_ELEMENTS (portal_sections); i++)
    {
      g_autoptr(ToaSection) section = toa_section_new ();

      section->site_id = portal_id;
      section->code = g_strdup (portal_sections[i].code);
      section->name = g_strdup (portal_sections[i].name);
      section->position = i + 1;
      if (!toa_reference_add_section (store, 0, section, error))
        return FALSE;
    }

  for (guint s = 0; s < G_N_ELEMENTS (component_sites); s++)
    for (guint i = 0; i < G_N_ELEMENTS (component_sections); i++)
      {
        g_autoptr(ToaSection) section = toa_section_new ();

        section->site_id = site_ids[s];
        section->code = g_strdup (component_sections[i].code);
        section->name = g_strdup (component_sections[i].name);
        section->position = i + 1;
        if (!toa_reference_add_section (store, 0, section, error))
          return FALSE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autoptr(ToaUnit) unit = toa_unit_new ();

      unit->code = g_strdup (units[i].code);
      unit->name = g_strdup (units[i].name);
      if (!toa_reference_add_unit (store, 0, unit, error))
        return FALSE;
    }
  return TRUE;
}

static ToaPerson *
add_person (ToaStore *store, const DemoPerson *dp, gint64 portal_id, const gint64 *site_ids,
            GError **error)
{
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_autofree char *email = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dp->roles) && dp->roles[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (dp->roles[i], "@", 2);
      ToaRoleGrant grant = { .site_id = portal_id, .site_code = (char *) "portal" };

      if (!toa_role_from_code (parts[0], &grant.role))
        g_assert_not_reached ();
      if (parts[1])
        for (guint s = 0; s < G_N_ELEMENTS (component_sites); s++)
          if (g_str_equal (parts[1], component_sites[s].code))
            {
              grant.site_id = site_ids[s];
              grant.site_code = (char *) component_sites[s].code;
            }
      g_array_append_val (grants, grant);
    }

  if (dp->login)
    email = g_strdup_printf ("%s@bbt.example.vn", dp->login);
  return toa_people_add (store, 0, dp->login, dp->name, email, dp->contributor, dp->contract_no,
                         grants, dp->login ? TOA_DEMO_PASSWORD : NULL, error);
}

/* ------------------------------------------------------------------------------------- */
/* The proofreading trail                                                                 */

/* An article's text at each stage of proofreading: stage 0 as first written, stage s with
 * the slips of levels below s corrected, stage 3 clean. */
typedef struct {
  ToaStore         *store;
  ToaPerson *const *people;
  gint64            article_id;
  char             *title[4];
  char             *sapo[4];
  char             *body[4];
  GPtrArray        *tags;
  int               stage;      /* the stage the article's text is at */
  guint             kept;       /* proofreading revisions kept */
} Proof;

static void
proof_free (Proof *pf)
{
  for (int s = 0; s < 4; s++)
    {
      g_free (pf->title[s]);
      g_free (pf->sapo[s]);
      g_free (pf->body[s]);
    }
  g_clear_pointer (&pf->tags, g_ptr_array_unref);
  g_free (pf);
}

typedef struct {
  gsize offset;
  guint pair;
  int   level;
} Slip;

static int
slip_compare (gconstpointer a, gconstpointer b)
{
  const Slip *sa = a, *sb = b;

  return sa->offset < sb->offset ? -1 : sa->offset > sb->offset;
}

/* A whole phrase at @at in @text: no letter or digit just before or after it. */
static gboolean
phrase_at (const char *text, const char *at, gsize len)
{
  if (at > text && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (at))))
    return FALSE;
  return at[len] == '\0' || !g_unichar_isalnum (g_utf8_get_char (at + len));
}

/* Puts up to @max slips into @clean (never inside a tag: the phrases hold no '<' or '>'
 * and tags hold no such words): out[s] is the text at stage s. */
static void
roughen (GRand *r, const char *clean, guint max, int max_level, char *out[4])
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Slip));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (Slip));

  for (guint j = 0; j < G_N_ELEMENTS (proof_pairs); j++)
    {
      gsize len = strlen (proof_pairs[j].clean);

      for (const char *at = strstr (clean, proof_pairs[j].clean); at != NULL;
           at = strstr (at + len, proof_pairs[j].clean))
        if (phrase_at (clean, at, len))
          {
            Slip slip = { .offset = at - clean, .pair = j };
            g_array_append_val (found, slip);
          }
    }
  for (guint k = 0; k < found->len && chosen->len < max; k++)
    {
      guint pick = g_rand_int_range (r, k, found->len);
      Slip slip = g_array_index (found, Slip, pick);
      gsize end = slip.offset + strlen (proof_pairs[slip.pair].clean);
      gboolean overlaps = FALSE;

      g_array_index (found, Slip, pick) = g_array_index (found, Slip, k);
      g_array_index (found, Slip, k) = slip;
      for (guint c = 0; c < chosen->len && !overlaps; c++)
        {
          const Slip *o = &g_array_index (chosen, Slip, c);
          gsize o_end = o->offset + strlen (proof_pairs[o->pair].clean);
          overlaps = slip.offset < o_end && o->offset < end;
        }
      if (overlaps)
        continue;
      slip.level = proof_pairs[slip.pair].wording ? g_rand_int_range (r, 1, 3) : g_rand_int_range (r, 0, 2);
      slip.level = MIN (slip.level, max_level);
      g_array_append_val (chosen, slip);
    }
  g_array_sort (chosen, slip_compare);

  for (int stage = 0; stage < 4; stage++)
    {
      GString *s = g_string_sized_new (strlen (clean) + 64);
      gsize done = 0;

      for (guint c = 0; c < chosen->len; c++)
        {
          const Slip *slip = &g_array_index (chosen, Slip, c);

          g_string_append_len (s, clean + done, slip->offset - done);
          g_string_append (s, slip->level >= stage ? proof_pairs[slip->pair].rough
                                                   : proof_pairs[slip->pair].clean);
          done = slip->offset + strlen (proof_pairs[slip->pair].clean);
        }
      g_string_append (s, clean + done);
      out[stage] = g_string_free (s, FALSE);   /* NFC: the phrases are (test-demo checks) */
    }
}

/* The tags of an article, from the words of its title and sapo (at most four). */
static GPtrArray *
tags_for (const char *title, const char *sapo, gboolean english)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = g_strconcat (title, " ", sapo, NULL);

  if (english)
    {
      g_ptr_array_add (tags, g_strdup ("Binh Phuoc"));
      g_ptr_array_add (tags, g_strdup ("English"));
      return tags;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tag_words) && tags->len < 4; i++)
    {
      gboolean seen = FALSE;

      if (strstr (text, tag_words[i].words) == NULL)
        continue;
      for (guint k = 0; k < tags->len && !seen; k++)
        seen = g_str_equal (tags->pdata[k], tag_words[i].tag);
      if (!seen)
        g_ptr_array_add (tags, g_strdup (tag_words[i].tag));
    }
  if (tags->len < 2)
    g_ptr_array_add (tags, g_strdup ("Bình Phước"));
  return tags;
}

/* Keeps the text of @stage as @who's revision at @at (written through the store like the
 * rest of the seeded history, see seed_history; the audit record says so). */
static gboolean
proof_keep (Proof *pf, int stage, guint who, gint64 at, GError **error)
{
  g_autoptr(ToaArticle) a = NULL;
  g_autoptr(ToaRevision) rev = toa_revision_new ();
  g_autofree char *detail = NULL;

  if (!toa_store_begin (pf->store, error))
    return FALSE;
  a = toa_store_article_get (pf->store, pf->article_id, error);
  if (a == NULL)
    goto fail;
  g_free (a->title);
  a->title = g_strdup (pf->title[stage]);
  g_free (a->sapo);
  a->sapo = g_strdup (pf->sapo[stage]);
  g_free (a->body_html);
  a->body_html = g_strdup (pf->body[stage]);
  if (!toa_store_article_update (pf->store, a, error))
    goto fail;
  rev->article_id = a->id;
  rev->title = g_strdup (a->title);
  rev->sapo = g_strdup (a->sapo);
  rev->body_html = g_strdup (a->body_html);
  rev->author_id = pf->people[who]->id;
  rev->created_at = at;
  rev->note = g_strdup (proof_notes[MIN (stage, 3) - 1]);
  if (!toa_store_revision_add (pf->store, rev, error))
    goto fail;
  detail = g_strdup_printf ("{\"article\":%lld,\"revision\":%d,\"note\":\"demo history: proofreading\"}",
                            (long long) a->id, rev->number);
  if (!toa_audit_append (pf->store, 0, "demo.seed", "article", a->id, detail, error))
    goto fail;
  pf->stage = stage;
  pf->kept++;
  return toa_store_commit (pf->store, error);

fail:
  toa_store_rollback (pf->store);
  return FALSE;
}

/* Before each step of an item's history (toa_demo_flow_take): whoever moves it on from a
 * writing state, from the secretary's review or from a deputy's corrects the slips of their
 * level (and those left from below) first. */
static gboolean
proof_before_step (gpointer data, const char *state, guint who, gint64 at, GError **error)
{
  Proof *pf = data;
  int level;

  if (g_str_equal (state, toa_article_state_code (TOA_STATE_DRAFT))
      || g_str_equal (state, toa_article_state_code (TOA_STATE_RECEIVED))
      || g_str_equal (state, toa_article_state_code (TOA_STATE_EDITING)))
    level = 0;
  else if (g_str_equal (state, toa_article_state_code (TOA_STATE_SECRETARY_REVIEW)))
    level = 1;
  else if (g_str_equal (state, toa_article_state_code (TOA_STATE_DEPUTY_REVIEW))
           || g_str_equal (state, toa_article_state_code (TOA_STATE_ESCALATED))
           || g_str_equal (state, toa_article_state_code (TOA_STATE_CHAIRMAN_OPINION)))
    level = 2;
  else
    return TRUE;
  if (pf->stage > level)
    return TRUE;
  if (g_str_equal (pf->body[pf->stage], pf->body[level + 1])
      && g_str_equal (pf->title[pf->stage], pf->title[level + 1])
      && g_str_equal (pf->sapo[pf->stage], pf->sapo[level + 1]))
    return TRUE;   /* nothing of this level to correct */
  return proof_keep (pf, level + 1, who, at, error);
}

/* Puts @figure after the first paragraph of every stage of the body. */
static void
proof_add_figure (Proof *pf, const char *figure)
{
  for (int s = 0; s < 4; s++)
    {
      const char *end = strstr (pf->body[s], "</p>");
      gsize cut = end ? (gsize) (end - pf->body[s]) + 4 : 0;
      char *with = g_strdup_printf ("%.*s%s%s", (int) cut, pf->body[s], figure, pf->body[s] + cut);

      g_free (pf->body[s]);
      pf->body[s] = with;
    }
}

/* Creates one article as its planned actor through core (validation, rights, revision 1,
 * audit record). */
static ToaArticle *
create_article (ToaStore *store, GRand *r, const Plan *p, ToaPerson *const *people,
                const GDate *today, Proof *pf, GError **error)
{
  ToaArticleDraft draft = { 0 };
  g_autofree char *title = demo_title (r, p);
  g_autofree char *sapo = NULL;
  g_autofree char *body = NULL;
  g_autofree char *attribution = NULL;

  if (p->english)
    {
      sapo = toa_demo_english_text (r, 2, FALSE);
      body = toa_demo_english_text (r, g_rand_int_range (r, 6, 13), TRUE);
    }
  else
    {
      sapo = toa_demo_sapo (r);
      body = toa_demo_body_html (r, paragraphs_for (r, p->genre));
    }

  if (p->site >= 0)
    {
      draft.site_code = component_sites[p->site].code;
      draft.section_code = component_sections[p->section].code;
    }
  else
    {
      draft.site_code = "portal";
      draft.section_code = portal_sections[p->section].code;
    }

  /* as first written, with the slips the proofreading trail corrects */
  pf->tags = tags_for (title, sapo, p->english);
  if (p->english)
    for (int k = 0; k < 4; k++)
      {
        pf->title[k] = g_strdup (title);
        pf->sapo[k] = g_strdup (sapo);
        pf->body[k] = g_strdup (body);
      }
  else
    {
      int max_level = p->full_trail ? 2 : 0;

      roughen (r, title, 1, max_level, pf->title);
      roughen (r, sapo, 2, max_level, pf->sapo);
      roughen (r, body, g_rand_int_range (r, 4, 9), max_level, pf->body);
    }
  g_free (title);
  title = g_strdup (pf->title[0]);
  g_free (sapo);
  sapo = g_strdup (pf->sapo[0]);
  g_free (body);
  body = g_strdup (pf->body[0]);

  /* an item a unit provides always says so (Bình Phước 2015, Điều 8.3) */
  if (p->unit >= 0)
    attribution = g_strdup_printf ("Theo %s", units[p->unit].name);
  else if (p->site >= 0 && toa_demo_chance (r, 0.4))
    attribution = g_strdup ("Theo Cổng TTĐT tỉnh Bình Phước");

  draft.genre = p->genre;
  draft.language = p->english ? "en" : "vi";
  draft.unit_code = p->unit >= 0 ? units[p->unit].code : NULL;
  draft.info_kind = p->info_kind;
  draft.title = title;
  draft.sapo = sapo;
  draft.body_html = body;
  draft.body_len = -1;
  draft.attribution = attribution;
  draft.created_at = p->created_at;   /* revision 1 dated with the article, in the past */

  if (p->channel != NULL)
    {
      /* registered by the intake team (Quy trình 1) on the day it came in */
      ToaIntakeDraft intake = { .draft = draft, .channel = p->channel, .today = today };
      g_autofree char *received = NULL;
      g_autofree char *document_no = NULL;
      GDate day;

      local_day (p->created_at, &day);
      received = toa_workdays_iso_date (&day);
      intake.received_on = received;
      if (p->unit >= 0)
        {
          document_no = g_strdup_printf ("%u/%s", p->doc_no, document_suffixes[p->doc_no % G_N_ELEMENTS (document_suffixes)]);
          intake.document_no = document_no;
          intake.issued_on = received;
        }
      return toa_intake_add (store, people[p->actor], &intake, NULL, error);
    }
  return toa_articles_create (store, people[p->actor], &draft, error);
}

/* The photographer of an item with text and photos (see seed_history). */
static guint
photographer_of (const Plan *p)
{
  return p->actor == P_TECH2 ? P_CTV2 : P_TECH2;
}

/* Seeding: toa_articles_create and toa_intake_add start an article now. A demo board needs a
 * past, so the planned dates, authors, tags, the photo, the writer's read-through and
 * comments are written straight
 * through the store here, in one transaction, with one audit record ("demo.seed") that says
 * so. Nothing outside the demo does this. The state is NOT written here: every item leaves
 * its entry state through real transitions afterwards (toa-demo-flow.c). */
static gboolean
seed_history (ToaStore *store, GRand *r, GArray *plans, GPtrArray *articles,
              ToaPerson *const *people, GPtrArray *proofs, GPtrArray *figures, GError **error)
{
  guint n_revisions = 0, n_comments = 0;
  g_autofree char *detail = NULL;

  if (!toa_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < plans->len; i++)
    {
      const Plan *p = &g_array_index (plans, Plan, i);
      g_autoptr(ToaArticle) a = toa_store_article_get (store, ((ToaArticle *) articles->pdata[i])->id,
                                                       error);
      gint64 t = p->created_at;
      int reviewer = P_SECRETARY;

      if (a == NULL)
        goto fail;
      a->created_at = p->created_at;
      a->updated_at = p->updated_at;

      if (p->authoring != 0)
        {
          g_array_set_size (a->authors, 0);
          switch (p->authoring)
            {
            case 1:   /* sent in by an outside contributor */
              toa_article_add_author (a, people[P_CTV1 + (i % 2)]->id, NULL, "author", 10000);
              break;
            case 2:   /* text and photos */
              toa_article_add_author (a, people[p->actor]->id, NULL, "author", 7000);
              toa_article_add_author (a, people[photographer_of (p)]->id, NULL, "photographer", 3000);
              break;
            default:  /* translated for the English section */
              toa_article_add_author (a, people[P_CTV1]->id, NULL, "author", 7000);
              toa_article_add_author (a, people[p->actor]->id, NULL, "translator", 3000);
              break;
            }
        }

      /* tags; the photo (after the first paragraph), added by its author soon after writing */
      toa_article_set_tags (a, NULL);
      for (guint k = 0; k < ((Proof *) proofs->pdata[i])->tags->len; k++)
        g_ptr_array_add (a->tags, g_strdup (((Proof *) proofs->pdata[i])->tags->pdata[k]));
      if (figures->pdata[i] != NULL)
        {
          g_autoptr(ToaRevision) rev = toa_revision_new ();
          Proof *pf = proofs->pdata[i];

          proof_add_figure (pf, figures->pdata[i]);
          g_free (a->body_html);
          a->body_html = g_strdup (pf->body[pf->stage]);
          t = MIN (p->created_at + 20 * G_USEC_PER_SEC, p->updated_at);
          rev->article_id = a->id;
          rev->title = g_strdup (a->title);
          rev->sapo = g_strdup (a->sapo);
          rev->body_html = g_strdup (a->body_html);
          rev->author_id = people[p->actor]->id;
          rev->created_at = t;
          rev->note = g_strdup ("Bổ sung ảnh, mô tả ảnh và chú thích");
          if (!toa_store_revision_add (store, rev, error))
            goto fail;
          n_revisions++;
        }

      /* the writer's own read-through, right after writing (before any step); items still in
       * intake or being drafted keep their slips */
      if (p->state != TOA_STATE_RECEIVED && p->state != TOA_STATE_DRAFT)
        {
          Proof *pf = proofs->pdata[i];

          if (!g_str_equal (pf->body[0], pf->body[1]) || !g_str_equal (pf->title[0], pf->title[1])
              || !g_str_equal (pf->sapo[0], pf->sapo[1]))
            {
              g_autoptr(ToaRevision) rev = toa_revision_new ();

              g_free (a->title);
              a->title = g_strdup (pf->title[1]);
              g_free (a->sapo);
              a->sapo = g_strdup (pf->sapo[1]);
              g_free (a->body_html);
              a->body_html = g_strdup (pf->body[1]);
              rev->article_id = a->id;
              rev->title = g_strdup (a->title);
              rev->sapo = g_strdup (a->sapo);
              rev->body_html = g_strdup (a->body_html);
              rev->author_id = people[p->actor]->id;
              rev->created_at = MIN (p->created_at + 40 * G_USEC_PER_SEC, p->updated_at);
              rev->note = g_strdup (proof_notes[0]);
              if (!toa_store_revision_add (store, rev, error))
                goto fail;
              n_revisions++;
            }
          pf->stage = 1;
        }

      if (!toa_store_article_update (store, a, error))
        goto fail;

      for (int k = 0; k < p->n_comments; k++)
        {
          g_autoptr(ToaComment) comment = toa_comment_new ();
          const char *body;

          /* the comments a transition needs are on the timeline; these are remarks */
          body = PICK (r, review_comments);
          reviewer = k ? P_DEPUTY : P_SECRETARY;
          comment->article_id = a->id;
          comment->person_id = people[reviewer]->id;
          comment->body = g_strdup (body);
          comment->created_at = between (r, p->created_at, p->updated_at);
          if (!toa_store_comment_add (store, comment, error))
            goto fail;
          n_comments++;
        }
    }

  detail = g_strdup_printf ("{\"articles\":%u,\"revisions\":%u,\"comments\":%u,"
                            "\"note\":\"demo history: dates, authors, tags, photos, revisions, remarks; states by transitions\"}",
                            articles->len, n_revisions, n_comments);
  if (!toa_audit_append (store, 0, "demo.seed", "board", 0, detail, error))
    goto fail;
  return toa_store_commit (store, error);

fail:
  toa_store_rollback (store);
  return FALSE;
}

/* Every item leaves its entry state through real transitions on the board's default
 * workflow, oldest first; the standing deputy's delegation to the secretary covers the last
 * weeks. Then a few remarks that name a colleague. */
static gboolean
take_histories (ToaStore *store, GRand *r, GArray *plans, GPtrArray *articles, GPtrArray *genres,
                ToaPerson *const *people, gint64 portal_id, const gint64 *site_ids,
                gint64 anchor, GPtrArray *proofs, GError **error)
{
  g_autoptr(ToaDemoFlow) flow = toa_demo_flow_new (store, people, N_PEOPLE, error);
  g_autoptr(GArray) route = toa_demo_flow_route_new ();
  const char *const delegated[] = { "publish", "schedule", NULL };
  guint mentions = 0;
  GDate from, to;

  if (flow == NULL)
    return FALSE;
  local_day (anchor - 30 * USEC_PER_DAY, &from);
  local_day (anchor + 30 * USEC_PER_DAY, &to);
  if (!toa_demo_flow_delegate (flow, P_STANDING, P_SECRETARY, "portal", portal_id, delegated,
                               &from, &to, error))
    return FALSE;

  for (guint i = 0; i < plans->len; i++)
    {
      const Plan *p = &g_array_index (plans, Plan, i);
      const ToaArticle *a = articles->pdata[i];
      ToaDemoRoute want = { 0 };

      want.article_id = a->id;
      want.site_id = p->site >= 0 ? site_ids[p->site] : portal_id;
      want.designed = is_designed (genres, p->genre);
      want.entry = a->state;
      want.target = toa_article_state_code (p->state);
      want.via = p->via;
      want.with_return = p->with_return;
      want.author = p->actor;
      want.start = p->created_at;
      want.end = p->updated_at;
      want.published_at = p->published_at;
      want.before_step = proof_before_step;
      want.step_data = proofs->pdata[i];
      want.schedule_default = anchor + g_rand_int_range (r, 0, 3) * USEC_PER_DAY + 8 * USEC_PER_HOUR;
      if (p->state == TOA_STATE_RETURNED)
        {
          /* "returned": sent back from a review step to be fixed, and not sent on yet */
          want.target = toa_article_state_code (toa_demo_chance (r, 0.5) ? TOA_STATE_DEPUTY_REVIEW
                                                                        : TOA_STATE_SECRETARY_REVIEW);
          want.rest_after_return = TRUE;
        }
      if (!toa_demo_flow_route (flow, &want, r, route))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       "demo item %lld: the default workflow has no way from “%s” to “%s”",
                       (long long) a->id, want.entry, want.target);
          return FALSE;
        }
      if (!toa_demo_flow_take (flow, &want, route, r, error))
        return FALSE;

      if (mentions < 6 && is_open (p->state) && p->site < 0 && i % 5 == 0)
        {
          const ToaPerson *named = people[p->actor]->login != NULL && p->actor != P_SECRETARY
                                   ? people[p->actor] : people[P_EDITOR1];
          g_autofree char *body = g_strdup_printf ("@%s %s", named->login,
                                                   mention_comments[mentions % G_N_ELEMENTS (mention_comments)]);
          g_autoptr(ToaComment) comment = toa_articles_comment (store, people[P_SECRETARY], a->id,
                                                                body, error);

          if (comment == NULL)
            return FALSE;
          mentions++;
        }
    }

  /* the secretary asks to take down the latest portal publication: waits for the approval of
   * the standing deputy or the head (a pending request in their inbox) */
  for (guint i = plans->len; i-- > 0;)
    {
      const Plan *p = &g_array_index (plans, Plan, i);
      const ToaArticle *a = articles->pdata[i];
      gint64 request_id = 0;

      if (p->state != TOA_STATE_PUBLISHED || p->site >= 0 || p->published_at >= anchor - 3 * USEC_PER_HOUR)
        continue;
      if (!toa_demo_flow_request (flow, a->id, portal_id, is_designed (genres, p->genre),
                                  toa_article_state_code (p->state), P_SECRETARY,
                                  anchor - 2 * USEC_PER_HOUR, r, &request_id, error))
        return FALSE;
      g_debug ("demo: withdrawal request %lld on item %lld", (long long) request_id, (long long) a->id);
      break;
    }
  g_debug ("demo: %u steps under delegation, %u remarks with mentions",
           toa_demo_flow_delegated_acts (flow), mentions);
  return TRUE;
}

/* About six recent portal items carry a photo: text and photos by two people. */
static void
pick_pictures (GArray *plans)
{
  guint n = 0;

  for (guint i = plans->len; i-- > 0 && n < toa_demo_picture_count ();)
    {
      Plan *p = &g_array_index (plans, Plan, i);

      if (p->english || p->site >= 0 || p->state == TOA_STATE_RECEIVED
          || !(g_str_equal (p->genre, "tin") || g_str_equal (p->genre, "bai")
               || g_str_equal (p->genre, "anh") || g_str_equal (p->genre, "phong-su")))
        continue;
      p->picture = ++n;
      p->authoring = 2;
    }
}

/* Paints, checks and stores each picked item's photo through toa_images_add (as its author:
 * rights, audit), and gives its figure markup in @figures (NULL for the others). */
static gboolean
add_pictures (ToaStore *store, GArray *plans, GPtrArray *articles, ToaPerson *const *people,
              GPtrArray *figures, GError **error)
{
  ToaImageLimits limits;

  if (!toa_image_limits_get (store, &limits, error))
    return FALSE;
  for (guint i = 0; i < plans->len; i++)
    {
      const Plan *p = &g_array_index (plans, Plan, i);
      g_autoptr(GBytes) jpeg = NULL;
      g_autoptr(ToaPreparedImage) image = NULL;
      g_autofree char *name = NULL;
      g_autofree char *credit = NULL;
      guint kind;

      if (p->picture == 0)
        {
          g_ptr_array_add (figures, NULL);
          continue;
        }
      kind = p->picture - 1;
      jpeg = toa_demo_picture_jpeg (kind, error);
      if (jpeg == NULL)
        return FALSE;
      name = g_strdup_printf ("anh-mau-%u.jpg", p->picture);
      image = toa_image_prepare (jpeg, name, &limits, error);
      if (image == NULL
          || !toa_images_add (store, people[p->actor], ((ToaArticle *) articles->pdata[i])->id,
                              image, error))
        return FALSE;
      credit = g_strdup_printf ("Ảnh: %s", people[photographer_of (p)]->full_name);
      g_ptr_array_add (figures, toa_image_figure_html (image->sha256, image->width, image->height,
                                                       toa_demo_picture_alt (kind),
                                                       toa_demo_picture_caption (kind), credit));
    }
  return TRUE;
}

gboolean
toa_demo_populate (ToaStore *store, gint64 now_usec, GError **error)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(GPtrArray) genres = NULL;
  g_autoptr(GPtrArray) info_kinds = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_person_free);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) plans = g_array_new (FALSE, TRUE, sizeof (Plan));
  g_autoptr(GPtrArray) proofs = g_ptr_array_new_with_free_func ((GDestroyNotify) proof_free);
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func (g_free);
  gint64 site_ids[G_N_ELEMENTS (component_sites)];
  gint64 anchor;
  gint64 started = g_get_monotonic_time ();
  GDate today;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (now_usec == 0)
    now_usec = toa_now_usec ();
  /* midnight of the day in Asia/Ho_Chi_Minh: every run on the same day gives the same data */
  anchor = ((now_usec + VN_OFFSET) / USEC_PER_DAY) * USEC_PER_DAY - VN_OFFSET;

  portal = toa_store_site_find (store, "portal", error);
  if (portal == NULL)
    return FALSE;
  {
    g_autoptr(GPtrArray) existing = toa_store_site_list (store, error);
    if (existing == NULL)
      return FALSE;
    if (existing->len > 1)
      {
        g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                     _("%s already holds a board. Demo data goes only into a new, empty database: choose another file or database."),
                     toa_store_describe (store));
        return FALSE;
      }
  }

  genres = toa_store_genre_list (store, error);
  if (genres == NULL)
    return FALSE;
  info_kinds = toa_store_info_kind_list (store, error);
  if (info_kinds == NULL)
    return FALSE;
  channels = toa_store_intake_channel_list (store, error);
  if (channels == NULL)
    return FALSE;
  local_day (anchor, &today);

  if (!add_reference_data (store, portal->id, site_ids, error))
    return FALSE;

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      ToaPerson *person = add_person (store, &demo_people[i], portal->id, site_ids, error);
      if (person == NULL)
        return FALSE;
      g_ptr_array_add (people, person);
    }

  plan_articles (r, plans, genres, info_kinds, channels, anchor);
  if (!aim_deadlines (store, plans, anchor, error))
    return FALSE;
  g_array_sort (plans, plan_compare);
  pick_pictures (plans);
  /* the newest items show the whole proofreading trail (the writer, the secretary, a deputy);
   * older ones the writer's own read-through: init --demo stays quick */
  for (guint i = plans->len > DEMO_N_FULL_TRAIL ? plans->len - DEMO_N_FULL_TRAIL : 0; i < plans->len; i++)
    g_array_index (plans, Plan, i).full_trail = TRUE;
  for (guint i = 0; i < plans->len; i++)
    {
      Proof *pf = g_new0 (Proof, 1);
      ToaArticle *a;

      g_ptr_array_add (proofs, pf);
      pf->store = store;
      pf->people = (ToaPerson *const *) people->pdata;
      a = create_article (store, r, &g_array_index (plans, Plan, i),
                          (ToaPerson *const *) people->pdata, &today, pf, error);
      if (a == NULL)
        return FALSE;
      pf->article_id = a->id;
      g_ptr_array_add (articles, a);
    }
  g_debug ("demo: people and articles after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  if (!add_pictures (store, plans, articles, (ToaPerson *const *) people->pdata, figures, error))
    return FALSE;
  g_debug ("demo: pictures after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  if (!seed_history (store, r, plans, articles, (ToaPerson *const *) people->pdata, proofs,
                     figures, error))
    return FALSE;
  g_debug ("demo: history seeded after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  if (!take_histories (store, r, plans, articles, genres, (ToaPerson *const *) people->pdata,
                       portal->id, site_ids, anchor, proofs, error))
    return FALSE;
  g_debug ("demo: workflow histories after %.2f s", (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}
