/* test-preview.c — the portal preview (toa-preview.h): the templates in resources, a render
 * with every field escaped and the body sanitised, the Content-Security-Policy first in the
 * page, the per-site choice (administrator only, audited), and the standalone export with
 * its images embedded. Runs on SQLite and (TOA_TEST_PG=1) PostgreSQL. */
#include "config.h"

#include "toa-error.h"
#include "toa-preview.h"
#include "toa-test-board.h"
#include "toa-test-util.h"
#include "toa-text.h"

/* A 1×1 PNG. */
static const char png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

static ToaArticle *
make_article (ToaTestBoard *board, const char *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id = toa_test_board_article (board, "tin", NULL, NULL);
  ToaArticle *article = toa_store_article_get (board->store, id, &error);
  ToaPerson *editor = toa_test_board_person (board, "editor");

  g_assert_no_error (error);
  g_free (article->title);
  article->title = g_strdup ("Bình Phước <script>alert(1)</script> & “Đồng Xoài”");
  g_free (article->sapo);
  article->sapo = g_strdup ("Sáng 20/11, UBND tỉnh tổ chức hội nghị <b>tổng kết</b>.");
  g_free (article->body_html);
  article->body_html = g_strdup (body);
  g_free (article->attribution);
  article->attribution = g_strdup ("Theo Báo Bình Phước");
  article->published_at = 1763600000000000;  /* 2025-11-20 00:53 UTC */
  if (article->authors->len == 0)
    toa_article_add_author (article, editor->id, NULL, "author", 10000);
  return article;
}

static void
test_templates (void)
{
  g_autoptr(GPtrArray) templates = toa_preview_templates ();
  ToaPreviewTemplate *first, *second;

  g_assert_cmpuint (templates->len, >=, 2);
  first = g_ptr_array_index (templates, 0);
  second = g_ptr_array_index (templates, 1);
  g_assert_cmpstr (first->code, ==, "cong-ttdt");
  g_assert_cmpstr (second->code, ==, "trang-thanh-phan");
  g_assert_cmpstr (first->name, !=, "");
  g_assert_cmpstr (first->name, !=, first->code);
}

static void
test_render (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article =
    make_article (board, "<p>Xin chào <a href=\"javascript:alert(1)\">đây</a></p>"
                         "<script>alert(2)</script><p onclick=\"x()\">Đoạn hai</p>"
                         "<img src=\"http://127.0.0.1:9/track.gif\" width=\"1\" height=\"1\">");
  g_autofree char *html = toa_preview_render (board->store, article, NULL, &error);
  g_autofree char *date = toa_format_date (article->published_at);
  ToaPerson *editor = toa_test_board_person (board, "editor");
  const char *csp;

  g_assert_no_error (error);
  g_assert_nonnull (html);
  /* the policy comes before anything that could load */
  csp = strstr (html, "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
  g_assert_nonnull (csp);
  g_assert_true (strstr (html, "<img") == NULL || strstr (html, "<img") > csp);
  g_assert_true (csp < strstr (html, "<title>"));
  g_assert_nonnull (strstr (html, "img-src toasoan: data:;"));
  /* text is escaped, markup in text fields stays text */
  g_assert_nonnull (strstr (html, "Bình Phước &lt;script&gt;alert(1)&lt;/script&gt; &amp; “Đồng Xoài”"));
  g_assert_nonnull (strstr (html, "hội nghị &lt;b&gt;tổng kết&lt;/b&gt;."));
  /* the body is sanitised */
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_null (strstr (html, "onclick"));
  g_assert_nonnull (strstr (html, "Xin chào"));
  g_assert_nonnull (strstr (html, "Đoạn hai"));
  /* the other fields */
  g_assert_cmpstr (date, ==, "20/11/2025");
  g_assert_nonnull (strstr (html, "<span class=\"date\">20/11/2025</span>"));
  g_assert_nonnull (strstr (html, "Theo Báo Bình Phước"));
  g_assert_nonnull (strstr (html, editor->full_name));
  g_assert_nonnull (strstr (html, "class=\"cong-ttdt\""));
  g_assert_null (strstr (html, "{{"));

  /* another template, and an unknown one */
  g_free (html);
  html = toa_preview_render (board->store, article, "trang-thanh-phan", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "class=\"trang-thanh-phan\""));
  g_assert_null (toa_preview_render (board->store, article, "khong-co", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_preview_render (board->store, article, "../ui", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
}

static void
test_empty_fields (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = toa_article_new ();
  g_autofree char *html = NULL;
  g_autofree char *today = toa_format_date (toa_now_usec ());

  /* a new article not saved yet: no id, no body, no sapo, no attribution, no author */
  article->site_id = 0;
  html = toa_preview_render (board->store, article, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (html, "class=\"sapo\""));
  g_assert_null (strstr (html, "class=\"attribution\""));
  g_assert_null (strstr (html, "class=\"byline\""));
  g_assert_nonnull (strstr (html, today));
}

/* A 20,000-word article with 50 images: the render the preview does after each pause in
 * typing stays well under a second (the figure is printed). */
static void
test_render_large (ToaTestBoard *board, gconstpointer data)
{
  static const char *const words[] = { "Ủy", "ban", "nhân", "dân", "tỉnh", "Bình", "Phước", "tổ",
                                       "chức", "hội", "nghị", "tổng", "kết", "công", "tác", "năm" };
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autofree char *html = NULL;
  gint64 start;
  double ms;

  for (guint p = 0; p < 400; p++)
    {
      g_string_append (body, "<p>");
      for (guint w = 0; w < 50; w++)
        g_string_append_printf (body, "%s%s", w > 0 ? " " : "", words[(p * 7 + w) % G_N_ELEMENTS (words)]);
      g_string_append (body, "</p>");
      if (p % 8 == 0)
        g_string_append_printf (body, "<figure class=\"toa-image\"><img src=\"toasoan://media/%064u\" "
                                "alt=\"Ảnh %u\" width=\"800\" height=\"533\"><figcaption><span "
                                "class=\"toa-caption\">Chú thích %u</span> <span class=\"toa-credit\">"
                                "Minh Hòa</span></figcaption></figure>", p, p, p);
    }
  article = make_article (board, body->str);
  start = g_get_monotonic_time ();
  html = toa_preview_render (board->store, article, NULL, &error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  g_test_message ("render of 20,000 words and 50 images: %.1f ms, %zu bytes", ms, strlen (html));
  g_assert_nonnull (strstr (html, "Chú thích 392"));
  g_assert_cmpfloat (ms, <, 1000.0);
}

static void
test_site_choice (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = toa_store_site_find (board->store, "portal", &error);
  g_autoptr(GPtrArray) before = NULL, after = NULL;
  g_autofree char *code = NULL;
  g_autoptr(ToaArticle) article = make_article (board, "<p>Nội dung</p>");
  g_autofree char *html = NULL;
  ToaAuditRecord *last;

  g_assert_no_error (error);
  code = toa_preview_template_for_site (board->store, portal->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "cong-ttdt");

  /* only the administrator chooses */
  g_assert_false (toa_preview_set_template (board->store, toa_test_board_person (board, "editor"),
                                            portal->id, "trang-thanh-phan", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (toa_preview_set_template (board->store, toa_test_board_person (board, "admin"),
                                            portal->id, "khong-co", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&code, g_free);
  code = toa_preview_template_for_site (board->store, portal->id, &error);
  g_assert_cmpstr (code, ==, "cong-ttdt");

  before = toa_store_audit_list (board->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (toa_preview_set_template (board->store, toa_test_board_person (board, "admin"),
                                           portal->id, "trang-thanh-phan", &error));
  g_assert_no_error (error);
  after = toa_store_audit_list (board->store, 0, 0, &error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  last = g_ptr_array_index (after, after->len - 1);
  g_assert_cmpstr (last->action, ==, "board.preview-template");
  g_assert_nonnull (strstr (last->detail, "\"to\":\"trang-thanh-phan\""));

  g_clear_pointer (&code, g_free);
  code = toa_preview_template_for_site (board->store, portal->id, &error);
  g_assert_cmpstr (code, ==, "trang-thanh-phan");
  /* the site's choice is what a render without a template uses */
  html = toa_preview_render (board->store, article, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (html, "class=\"trang-thanh-phan\""));
}

static void
test_export (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *png = NULL;
  gsize png_len;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = g_build_filename (board->dir, "bai.html", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(ToaArticle) article = NULL;

  png = g_base64_decode (png_base64, &png_len);
  bytes = g_bytes_new (png, png_len);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_true (toa_store_stored_file_put (board->store, sha, "image/png", bytes, &error));
  g_assert_no_error (error);

  body = g_strdup_printf ("<p>Trước ảnh</p><figure class=\"toa-image\"><img src=\"toasoan://media/%s\" "
                          "alt=\"Toàn cảnh hội nghị\" width=\"640\" height=\"427\"><figcaption>"
                          "<span class=\"toa-caption\">Quang cảnh hội nghị</span> "
                          "<span class=\"toa-credit\">Minh Hòa</span></figcaption></figure>"
                          "<p>Sau ảnh</p>", sha);
  article = make_article (board, body);

  /* the preview keeps our scheme … */
  written = toa_preview_render (board->store, article, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (written, "toasoan://media/"));
  g_clear_pointer (&written, g_free);

  /* … the export embeds the image */
  g_assert_true (toa_preview_export_html (board->store, article, NULL, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  expected = g_strdup_printf ("src=\"data:image/png;base64,%s\"", png_base64);
  g_assert_nonnull (strstr (written, expected));
  g_assert_null (strstr (written, "toasoan://"));
  g_assert_nonnull (strstr (written, "alt=\"Toàn cảnh hội nghị\""));
  g_assert_nonnull (strstr (written, "Quang cảnh hội nghị"));
  g_assert_nonnull (strstr (written, "Minh Hòa"));
  g_assert_nonnull (strstr (written, "Sau ảnh"));

  /* an image not in the database: a clear error, nothing half-written */
  g_free (article->body_html);
  article->body_html = g_strdup ("<p><img src=\"toasoan://media/"
                                 "0000000000000000000000000000000000000000000000000000000000000000\" alt=\"x\"></p>");
  g_assert_false (toa_preview_export_html (board->store, article, NULL, path, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* an unwritable place */
  g_free (article->body_html);
  article->body_html = g_strdup ("<p>Chỉ chữ</p>");
  g_assert_false (toa_preview_export_html (board->store, article, NULL, "/nonexistent/dir/x.html", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/preview/templates", test_templates);
  g_test_add ("/preview/render", ToaTestBoard, NULL, toa_test_board_set_up, test_render,
              toa_test_board_tear_down);
  g_test_add ("/preview/empty-fields", ToaTestBoard, NULL, toa_test_board_set_up, test_empty_fields,
              toa_test_board_tear_down);
  g_test_add ("/preview/render-large", ToaTestBoard, NULL, toa_test_board_set_up, test_render_large,
              toa_test_board_tear_down);
  g_test_add ("/preview/site-choice", ToaTestBoard, NULL, toa_test_board_set_up, test_site_choice,
              toa_test_board_tear_down);
  g_test_add ("/preview/export", ToaTestBoard, NULL, toa_test_board_set_up, test_export,
              toa_test_board_tear_down);
  return g_test_run ();
}
