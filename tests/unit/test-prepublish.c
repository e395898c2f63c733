/* test-prepublish.c — the pre-publish checks: the rules seeded with their sources; each check
 * on fields and on the body (images without alt, empty links, links that are not http(s),
 * leftover editor markup, NFC) found with the HTML5 parser; severities changed by the
 * administrator only, audited; publishing and scheduling refused while a check blocks, with
 * what to fix; warnings never block; on PostgreSQL the server refuses too. */
#include <string.h>

#include "toa-article.h"
#include "toa-audit.h"
#include "toa-error.h"
#include "toa-prepublish.h"
#include "toa-test-board.h"
#include "toa-test-store.h"
#include "toa-test-util.h"
#include "toa-text.h"
#include "toa-transitions.h"

typedef ToaTestBoard Fixture;
#define fixture_set_up    toa_test_board_set_up
#define fixture_tear_down toa_test_board_tear_down

#define FIGURE \
  "<figure class=\"toa-image\"><img src=\"toasoan://media/" \
  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\" alt=\"Lễ khai mạc\" " \
  "width=\"800\" height=\"600\"><figcaption><span class=\"toa-caption\">Lễ khai mạc hội nghị</span> " \
  "<span class=\"toa-credit\">Ảnh: Minh Tâm</span></figcaption></figure>"

/* A complete article that passes every check. */
static ToaArticle *
good_article (void)
{
  ToaArticle *article = toa_article_new ();

  article->section_id = 1;
  article->genre = g_strdup ("tin");
  article->title = g_strdup ("Bình Phước tổng kết công tác thông tin đối ngoại năm 2025");
  article->sapo = g_strdup ("Sáng 15/12, Ban Biên tập Cổng TTĐT tỉnh tổ chức hội nghị tổng kết.");
  article->body_html = g_strdup ("<p>Hội nghị có sự tham dự của <a href=\"https://binhphuoc.gov.vn\">"
                                 "lãnh đạo tỉnh</a>.</p>" FIGURE);
  return article;
}

static GPtrArray *
check (Fixture *f, const ToaArticle *article)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = toa_prepublish_check (f->store, article, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static guint
count_code (const GPtrArray *results, const char *code)
{
  guint n = 0;

  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((ToaCheckResult *) results->pdata[i])->code, code))
      n++;
  return n;
}

static const ToaCheckResult *
find_code (const GPtrArray *results, const char *code)
{
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((ToaCheckResult *) results->pdata[i])->code, code))
      return results->pdata[i];
  return NULL;
}

static void
set_body (ToaArticle *article, const char *body)
{
  g_free (article->body_html);
  article->body_html = g_strdup (body);
}

static void
test_rules_seeded (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  int title_max = 0;
  g_autoptr(GPtrArray) rules = toa_prepublish_rules (f->store, &source, &title_max, &error);
  const char * const *codes = toa_prepublish_codes ();

  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, g_strv_length ((char **) codes));
  g_assert_cmpint (title_max, ==, 150);
  g_assert_cmpint (toa_prepublish_title_max (f->store, NULL), ==, 150);
  g_assert_nonnull (strstr (source, "Thông tư 26/2020"));
  g_assert_nonnull (strstr (source, "Điều 8.3"));
  for (guint i = 0; i < rules->len; i++)
    {
      const ToaCheckRule *rule = rules->pdata[i];

      g_assert_cmpstr (rule->code, ==, codes[i]);
      g_assert_cmpuint (strlen (rule->source), >, 10);
    }
  g_assert_cmpint (toa_prepublish_severity (f->store, "image-alt-missing", NULL), ==, TOA_CHECK_BLOCK);
  g_assert_cmpint (toa_prepublish_severity (f->store, "sapo-missing", NULL), ==, TOA_CHECK_WARN);
  g_assert_nonnull (strstr (((ToaCheckRule *) rules->pdata[5])->source, "26/2020"));
  g_assert_nonnull (strstr (((ToaCheckRule *) rules->pdata[8])->source, "Điều 8.3"));
}

static void
test_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaArticle) article = good_article ();
  g_autoptr(GPtrArray) none = check (f, article);
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GPtrArray) long_title = NULL;
  g_autoptr(GPtrArray) at_limit = NULL;
  g_autoptr(GPtrArray) unit = NULL;
  g_autoptr(GPtrArray) attributed = NULL;
  g_autoptr(GString) title = g_string_new (NULL);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_false (toa_prepublish_blocks (none));

  /* Nothing filled in: title, sapo, section, genre. */
  g_clear_pointer (&article->title, g_free);
  article->title = g_strdup ("  \u00a0 ");
  g_clear_pointer (&article->sapo, g_free);
  g_clear_pointer (&article->genre, g_free);
  article->section_id = 0;
  empty = check (f, article);
  g_assert_cmpuint (count_code (empty, "title-missing"), ==, 1);
  g_assert_cmpuint (count_code (empty, "sapo-missing"), ==, 1);
  g_assert_cmpuint (count_code (empty, "section-missing"), ==, 1);
  g_assert_cmpuint (count_code (empty, "genre-missing"), ==, 1);
  g_assert_cmpint (find_code (empty, "sapo-missing")->severity, ==, TOA_CHECK_WARN);
  g_assert_cmpint (find_code (empty, "title-missing")->severity, ==, TOA_CHECK_BLOCK);
  g_assert_true (toa_prepublish_blocks (empty));

  /* 150 characters (Vietnamese letters count once each, not by bytes) pass; 151 do not. */
  g_clear_object (&article);
  article = good_article ();
  while (g_utf8_strlen (title->str, -1) < 150)
    g_string_append (title, "ệ");
  g_free (article->title);
  article->title = g_strdup (title->str);
  at_limit = check (f, article);
  g_assert_cmpuint (count_code (at_limit, "title-too-long"), ==, 0);
  g_string_append (title, "ả");
  g_free (article->title);
  article->title = g_strdup (title->str);
  long_title = check (f, article);
  g_assert_cmpuint (count_code (long_title, "title-too-long"), ==, 1);
  g_assert_nonnull (strstr (find_code (long_title, "title-too-long")->message, "151"));
  g_assert_nonnull (strstr (find_code (long_title, "title-too-long")->message, "150"));

  /* From a providing unit: the attribution line is needed (Bình Phước 2015 Điều 8.3). */
  g_clear_object (&article);
  article = good_article ();
  article->source_unit_id = 7;
  article->source_unit_name = g_strdup ("Sở Y tế");
  unit = check (f, article);
  g_assert_cmpuint (count_code (unit, "attribution-missing"), ==, 1);
  g_assert_nonnull (strstr (find_code (unit, "attribution-missing")->message, "Sở Y tế"));
  /* Seeded as a warning (demo items from units carry no line yet); the board may make it block. */
  g_assert_cmpint (find_code (unit, "attribution-missing")->severity, ==, TOA_CHECK_WARN);
  article->attribution = g_strdup ("Theo Sở Y tế tỉnh Bình Phước");
  attributed = check (f, article);
  g_assert_cmpuint (attributed->len, ==, 0);
}

static void
test_nfc (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaArticle) article = good_article ();
  g_autoptr(GPtrArray) results = NULL;

  /* "Việt" with the dot below and circumflex as combining marks (NFD). */
  g_free (article->title);
  article->title = g_strdup ("Vie\xcc\xa3\xcc\x82t Nam");
  g_free (article->sapo);
  article->sapo = g_strdup ("Sapo đã dựng sẵn.");
  results = check (f, article);
  g_assert_cmpuint (count_code (results, "not-nfc"), ==, 1);
  g_assert_true (toa_prepublish_blocks (results));
}

static void
test_images (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaArticle) article = good_article ();
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) fine = NULL;
  g_autofree char *text = NULL;

  set_body (article, "<p>Mở đầu</p>" FIGURE
            "<figure class=\"toa-image\"><img src=\"toasoan://media/ab\" width=\"10\" height=\"10\"></figure>"
            "<p><img src=\"toasoan://media/cd\" alt=\"   \"></p>"
            "<p><IMG SRC=\"toasoan://media/ef\" ALT=\"Toàn cảnh\"></p>");
  results = check (f, article);
  g_assert_cmpuint (count_code (results, "image-alt-missing"), ==, 2);
  g_assert_cmpuint (results->len, ==, 2);
  text = toa_prepublish_describe (results, TRUE);
  g_assert_nonnull (strstr (text, "Image 2 "));
  g_assert_nonnull (strstr (text, "Image 3 "));
  g_assert_null (strstr (text, "Image 1 "));
  g_assert_null (strstr (text, "Image 4 "));
  g_assert_nonnull (strchr (text, '\n'));

  /* The image markup of the editor (toa-image, toa-caption, toa-credit) is not leftover. */
  set_body (article, FIGURE FIGURE);
  fine = check (f, article);
  g_assert_cmpuint (fine->len, ==, 0);
}

static void
test_links (Fixture *f, gconstpointer data)
{
  static const struct {
    const char *body;
    const char *code;   /* NULL = fine */
  } cases[] = {
    { "<p><a href=\"https://binhphuoc.gov.vn/tin\">Cổng</a></p>", NULL },
    { "<p><a href=\"HTTP://BINHPHUOC.GOV.VN\">Cổng</a></p>", NULL },
    { "<p><a href=\"https://x.vn\"><img src=\"toasoan://media/ab\" alt=\"Logo\"></a></p>", NULL },
    { "<p><a href=\"\">trống</a></p>", "link-empty" },
    { "<p><a href=\"  \">trống</a></p>", "link-empty" },
    { "<p><a>không địa chỉ</a></p>", "link-empty" },
    { "<p><a href=\"https://binhphuoc.gov.vn\"> </a></p>", "link-empty" },
    { "<p><a href=\"javascript:alert(1)\">bấm</a></p>", "link-scheme" },
    { "<p><a href=\"JaVaScRiPt:alert(1)\">bấm</a></p>", "link-scheme" },
    { "<p><a href=\"java\tscript:alert(1)\">bấm</a></p>", "link-scheme" },
    { "<p><a href=\"data:text/html,x\">bấm</a></p>", "link-scheme" },
    { "<p><a href=\"file:///etc/passwd\">tệp</a></p>", "link-scheme" },
    { "<p><a href=\"mailto:bbt@binhphuoc.gov.vn\">thư</a></p>", "link-scheme" },
    { "<p><a href=\"/tin-tuc/123\">tương đối</a></p>", "link-scheme" },
    { "<p><a href=\"toasoan://editor/x\">nội bộ</a></p>", "link-scheme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ToaArticle) article = good_article ();
      g_autoptr(GPtrArray) results = NULL;

      set_body (article, cases[i].body);
      results = check (f, article);
      if (cases[i].code == NULL)
        g_assert_cmpuint (results->len, ==, 0);
      else
        {
          if (count_code (results, cases[i].code) != 1)
            g_error ("case %u (%s): expected one %s, got %u results", i, cases[i].body,
                     cases[i].code, results->len);
          g_assert_true (toa_prepublish_blocks (results));
        }
    }
}

static void
test_editor_markup (Fixture *f, gconstpointer data)
{
  static const char *const leftovers[] = {
    "<p contenteditable=\"true\">Chữ</p>",
    "<p>Chữ<span class=\"toa-caret\"></span></p>",
    "<p data-toa-block=\"3\">Chữ</p>",
    "<p><span id=\"toa-selection-start\"></span>Chữ</p>",
    "<p spellcheck=\"false\">Chữ</p>",
    "<p>Chữ<o:p></o:p></p>",
    "<p>Chữ</p><style>p{color:red}</style>",
    "<p>Chữ</p><script>alert(1)</script>",
  };
  g_autoptr(ToaArticle) article = good_article ();
  g_autoptr(GPtrArray) many = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autoptr(GPtrArray) results = NULL;

      set_body (article, leftovers[i]);
      results = check (f, article);
      if (count_code (results, "editor-markup") != 1)
        g_error ("leftover %u (%s) not found", i, leftovers[i]);
    }
  /* One result for the body, counting every leftover; the first one named. */
  set_body (article, "<p contenteditable=\"true\" data-x=\"1\">A<span class=\"toa-caret toa-image\"></span></p>");
  many = check (f, article);
  g_assert_cmpuint (count_code (many, "editor-markup"), ==, 1);
  g_assert_nonnull (strstr (find_code (many, "editor-markup")->message, "3 pieces"));
  g_assert_nonnull (strstr (find_code (many, "editor-markup")->message, "contenteditable"));
}

/* Broken or hostile HTML goes through the parser without a crash. */
static void
test_broken_html (Fixture *f, gconstpointer data)
{
  static const char *const bodies[] = {
    "<p><a href=\"https://x.vn\"><b>chưa đóng", "</p></div></a>", "<img", "<a href=",
    "<table><tr><td><img src=x></table>", "<svg><a href=\"javascript:1\">x</a></svg>",
    "<!-- <img src=x> -->", "<p>\xe1\xbb</p>",
  };
  g_autoptr(ToaArticle) article = good_article ();

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GPtrArray) results = NULL;

      set_body (article, bodies[i]);
      results = check (f, article);
      g_assert_nonnull (results);
    }
}

static gboolean
has_audit (Fixture *f, const char *action, const char *needle)
{
  g_autoptr(GPtrArray) records = toa_store_audit_list (f->store, 0, 0, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      const ToaAuditRecord *record = records->pdata[i];

      if (g_str_equal (record->action, action) && strstr (record->detail, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_severity_set (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = good_article ();
  g_autoptr(GPtrArray) off = NULL;

  g_assert_false (toa_prepublish_set_severity (f->store, toa_test_board_person (f, "secretary"),
                                               "sapo-missing", TOA_CHECK_BLOCK, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (toa_prepublish_severity (f->store, "sapo-missing", NULL), ==, TOA_CHECK_WARN);

  g_assert_false (toa_prepublish_set_severity (f->store, toa_test_board_person (f, "admin"),
                                               "khong-co", TOA_CHECK_BLOCK, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (toa_prepublish_set_severity (f->store, toa_test_board_person (f, "admin"),
                                              "sapo-missing", TOA_CHECK_BLOCK, &error));
  g_assert_no_error (error);
  g_assert_cmpint (toa_prepublish_severity (f->store, "sapo-missing", NULL), ==, TOA_CHECK_BLOCK);
  g_assert_true (has_audit (f, "board.prepublish-rule", "\"sapo-missing\""));
  /* The other rules and their sources are kept. */
  g_assert_cmpint (toa_prepublish_severity (f->store, "image-alt-missing", NULL), ==, TOA_CHECK_BLOCK);
  g_assert_cmpint (toa_prepublish_title_max (f->store, NULL), ==, 150);

  /* Off: the check gives nothing at all. */
  g_assert_true (toa_prepublish_set_severity (f->store, toa_test_board_person (f, "admin"),
                                              "link-scheme", TOA_CHECK_OFF, &error));
  g_assert_no_error (error);
  set_body (article, "<p><a href=\"mailto:bbt@binhphuoc.gov.vn\">thư</a></p>");
  off = check (f, article);
  g_assert_cmpuint (off->len, ==, 0);
  g_assert_true (toa_audit_verify (f->store, NULL, NULL, &error));
  g_assert_no_error (error);
}

static int
publish (Fixture *f, gint64 id, const char *transition, gint64 scheduled_for, char **message)
{
  g_autoptr(GError) error = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = transition,
                                   .scheduled_for = scheduled_for };
  ToaTransitionResult result = { 0 };
  gboolean ok = toa_transitions_do (f->store, toa_test_board_person (f, "standing-deputy"),
                                    &request, &result, &error);

  toa_transition_result_clear (&result);
  if (ok)
    return -1;
  g_assert_nonnull (error);
  if (message != NULL)
    *message = g_strdup (error->message);
  return error->code;
}

static void
update_body (Fixture *f, gint64 id, const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = toa_store_article_get (f->store, id, &error);

  g_assert_no_error (error);
  set_body (article, body);
  g_assert_true (toa_store_article_update (f->store, article, &error));
  g_assert_no_error (error);
}

static char *
state_of (Fixture *f, gint64 id)
{
  g_autoptr(ToaArticle) article = toa_store_article_get (f->store, id, NULL);

  return g_strdup (article->state);
}

static void
test_publish_enforced (Fixture *f, gconstpointer data)
{
  gint64 id = toa_test_board_article (f, "tin", "deputy-review", NULL);
  gint64 later = toa_now_usec () + (gint64) G_USEC_PER_SEC * 7200;
  g_autofree char *message = NULL;
  g_autofree char *schedule_message = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GPtrArray) timeline = NULL;

  update_body (f, id, "<p>Nội dung</p><p><img src=\"toasoan://media/ab\"></p>"
                      "<p><a href=\"javascript:alert(1)\">bấm</a></p>");
  g_assert_cmpint (publish (f, id, "publish", 0, &message), ==, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "cannot be published yet"));
  g_assert_nonnull (strstr (message, "Image 1 "));
  g_assert_nonnull (strstr (message, "Link 1 "));
  /* The sapo only warns: not listed among what blocks. */
  g_assert_null (strstr (message, "sapo"));
  g_assert_cmpint (publish (f, id, "schedule", later, &schedule_message), ==, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (schedule_message, "Image 1 "));
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "deputy-review");
  timeline = toa_transitions_list (f->store, id, NULL);
  g_assert_cmpuint (timeline->len, ==, 0);

  /* Fixed: scheduling and publishing go through (the sapo still only warns). */
  update_body (f, id, "<p>Nội dung</p><p><img src=\"toasoan://media/ab\" alt=\"Hội trường\"></p>"
                      "<p><a href=\"https://binhphuoc.gov.vn\">Cổng</a></p>");
  g_assert_cmpint (publish (f, id, "schedule", later, NULL), ==, -1);
  g_assert_cmpint (publish (f, id, "publish", 0, NULL), ==, -1);
  g_free (state);
  state = state_of (f, id);
  g_assert_cmpstr (state, ==, "published");
}

/* The board makes the sapo block: an item without one is refused, and the message says so. */
static void
test_board_decides (Fixture *f, gconstpointer data)
{
  gint64 id = toa_test_board_article (f, "tin", "deputy-review", NULL);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;

  g_assert_true (toa_prepublish_set_severity (f->store, toa_test_board_person (f, "admin"),
                                              "sapo-missing", TOA_CHECK_BLOCK, &error));
  g_assert_no_error (error);
  g_assert_cmpint (publish (f, id, "publish", 0, &message), ==, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "sapo"));
  g_assert_false (toa_prepublish_require (f->store, id, NULL));

  article = toa_store_article_get (f->store, id, &error);
  g_assert_no_error (error);
  g_free (article->sapo);
  article->sapo = g_strdup ("Chiều 20/11, UBND tỉnh họp báo thường kỳ.");
  g_assert_true (toa_store_article_update (f->store, article, &error));
  g_assert_no_error (error);
  g_assert_true (toa_prepublish_require (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (publish (f, id, "publish", 0, NULL), ==, -1);
}

/* On PostgreSQL the server refuses a state change to published past a blocking rule it can
 * check without HTML (here the title's length), even when the app's check is bypassed. */
static void
test_server_refuses (Fixture *f, gconstpointer data)
{
  gint64 id = toa_test_board_article (f, "tin", "deputy-review", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = toa_store_article_get (f->store, id, NULL);
  g_autoptr(GString) title = g_string_new (NULL);
  gboolean ok;

  while (g_utf8_strlen (title->str, -1) < 160)
    g_string_append (title, "Tiêu đề dài ");
  g_free (article->title);
  article->title = g_strdup (title->str);
  g_free (article->state);
  article->state = g_strdup ("published");
  ok = toa_store_article_update (f->store, article, &error);
  if (!toa_test_store_is_pg ())
    {
      /* SQLite: one person's file; core is the only gate (test_publish_enforced). */
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "shorten it to 150"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/prepublish/rules-seeded", test_rules_seeded);
  ADD ("/prepublish/fields", test_fields);
  ADD ("/prepublish/nfc", test_nfc);
  ADD ("/prepublish/images", test_images);
  ADD ("/prepublish/links", test_links);
  ADD ("/prepublish/editor-markup", test_editor_markup);
  ADD ("/prepublish/broken-html", test_broken_html);
  ADD ("/prepublish/severity-set", test_severity_set);
  ADD ("/prepublish/publish-enforced", test_publish_enforced);
  ADD ("/prepublish/board-decides", test_board_decides);
  ADD ("/prepublish/server-refuses", test_server_refuses);
#undef ADD
  return g_test_run ();
}
