/* test-article-editor-pg.c — the article editor on the shared PostgreSQL database when the
 * server goes away (issue 4 point 5, issue 5 point 4): a save during the outage fails saying
 * so, what was typed stays in the editor and in the draft journal on this computer, and once
 * the server is back the same window saves it. A real test server (toa-pg-test-server.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "toa-article-editor.h"
#include "toa-articles.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-ui-test-util.h"

static ToaPgTestServer *server;

static void
test_outage_keeps_draft (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *journal_dir = g_dir_make_tmp ("toa-editor-pg-drafts-XXXXXX", NULL);
  g_autoptr(ToaStore) store = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaArticle) draft = NULL;
  g_autoptr(ToaArticle) saved = NULL;
  g_autoptr(ToaDraftJournal) journal = NULL;
  g_autoptr(ToaApplication) app = toa_ui_test_application ();
  ToaArticleDraft fields = { .section_code = "tin-tuc-su-kien", .genre = "tin", .body_len = -1,
                             .title = "Cảnh báo mưa lớn trên địa bàn tỉnh",
                             .sapo = "Đài Khí tượng Thủy văn tỉnh cảnh báo mưa lớn.",
                             .body_html = "<p>Bản tin ban đầu.</p>" };
  ToaArticleEditor *self;
  gint64 deadline, at = 0;

  g_assert_true (toa_pg_test_server_create_db (server, "editor", &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, "editor");
  store = TOA_STORE (toa_pg_store_open (url, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);
  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  portal = toa_store_site_find (store, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (store, section, &error));
  editor = toa_ui_test_add_person (store, "pg-editor", "Phạm Biên Tập", "editor");
  article = toa_articles_create (store, editor, &fields, &error);
  g_assert_no_error (error);

  journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  self = TOA_ARTICLE_EDITOR (toa_article_editor_new (NULL, store, editor, article->id, journal));
  gtk_window_present (GTK_WINDOW (self));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!toa_article_editor_get_ready (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_true (toa_article_editor_get_ready (self));
  toa_ui_test_spin (300);

  /* typed, then the server goes away and the person saves */
  toa_editor_view_set_html (toa_article_editor_get_editor_view (self),
                            "<p>Bản tin ban đầu.</p><p>Cập nhật lúc 15 giờ: mưa đã giảm.</p>");
  toa_ui_test_spin (700);
  toa_pg_test_server_kill (server);
  toa_article_editor_save (self);
  toa_ui_test_spin (800);
  g_test_message ("the editor says: %s", toa_article_editor_get_message (self));
  g_assert_cmpstr (toa_article_editor_get_message (self), !=, _("Saved"));
  {
    /* the window's message in the running language: "Could not save: <why> Your draft …" */
    g_auto(GStrv) parts = g_strsplit (_("Could not save: %s Your draft is kept on this computer."), "%s", 2);
    const char *message = toa_article_editor_get_message (self);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    g_assert_true (g_str_has_prefix (message, parts[0]));
    g_assert_true (g_str_has_suffix (message, parts[1]));
  }
  toa_draft_journal_flush (journal);
  draft = toa_draft_journal_read (journal, article->id, &at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_nonnull (strstr (draft->body_html, "mưa đã giảm"));
  g_assert_nonnull (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "mưa đã giảm"));

  /* back: the same window saves it; the draft is forgotten */
  toa_pg_test_server_restart (server);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      toa_ui_test_spin (500);
      toa_article_editor_save (self);
      toa_ui_test_spin (500);
    }
  while (g_strcmp0 (toa_article_editor_get_message (self), _("Saved")) != 0
         && g_get_monotonic_time () < deadline);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  saved = toa_store_article_get (store, article->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved->body_html, "mưa đã giảm"));
  g_clear_object (&draft);
  draft = toa_draft_journal_read (journal, article->id, &at, &error);
  g_assert_no_error (error);
  g_assert_null (draft);

  gtk_window_destroy (GTK_WINDOW (self));
  toa_ui_test_spin (100);
  g_rmdir (journal_dir);
}

int
main (int argc, char *argv[])
{
  if (!toa_ui_test_init (&argc, &argv, "test-article-editor-pg"))
    return 77;   /* meson's "skipped" */
  /* WebKit names its data directories after the program (see test-article-editor.c) */
  g_set_prgname ("toasoan-test-article-editor-pg");
  server = toa_pg_test_server_start ();
  adw_init ();

  g_test_add_func ("/ui/article-editor-pg/outage-keeps-draft", test_outage_keeps_draft);
  return g_test_run ();
}
