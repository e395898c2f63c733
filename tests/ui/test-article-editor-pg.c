/* test-article-editor-pg.c — the article editor on the shared PostgreSQL database when the
 * server goes away (issue 4 point 5, issue 5 point 4): a save during the outage fails saying
 * so, what was typed stays in the editor and in the draft journal on this computer, and once
 * the server is back the same window saves it. A person's writes in the item window go through
 * the background reader's own connection, opened on the same location: the server sees the
 * person's own account there too (issue 4 point 2). A real test server (toa-pg-test-server.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "toa-article-editor-private.h"
#include "toa-articles.h"
#include "toa-background-reader.h"
#include "toa-board.h"
#include "toa-connect-page.h"
#include "toa-item-view-private.h"
#include "toa-store-open.h"
#include "toa-transitions.h"
#include "toa-error.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-ui-test-util.h"

static ToaPgTestServer *server;
static ToaApplication   *app;      /* one per process: it owns its bus name */

/* @threaded: the editor saves through a background reader on its own connection (as opened
 * from the item window); else on the window's store. */
static void
outage_keeps_draft (gboolean threaded)
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
  g_autoptr(ToaBackgroundReader) reader = NULL;
  const char *dbname = threaded ? "editorthread" : "editor";
  ToaArticleDraft fields = { .section_code = "tin-tuc-su-kien", .genre = "tin", .body_len = -1,
                             .title = "Cảnh báo mưa lớn trên địa bàn tỉnh",
                             .sapo = "Đài Khí tượng Thủy văn tỉnh cảnh báo mưa lớn.",
                             .body_html = "<p>Bản tin ban đầu.</p>" };
  ToaArticleEditor *self;
  gint64 deadline, at = 0;

  g_assert_true (toa_pg_test_server_create_db (server, dbname, &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, dbname);
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
  if (threaded)
    {
      reader = toa_background_reader_new (store, url);
      g_assert_true (toa_background_reader_is_threaded (reader));
    }
  self = TOA_ARTICLE_EDITOR (toa_article_editor_new_with_reader (NULL, store, reader, editor, article->id, journal));
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
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (toa_article_editor_is_saving (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);   /* through the reader: the answer comes back later */
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
  {
    /* read on a fresh connection: through the reader, this test's own one was never used
     * since the server came back */
    g_autoptr(ToaStore) check = toa_store_open (url, TOA_OPEN_EXISTING, &error);

    g_assert_no_error (error);
    saved = toa_store_article_get (check, article->id, &error);
  }
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

static void
test_outage_keeps_draft (void)
{
  outage_keeps_draft (FALSE);
}

static void
test_outage_keeps_draft_threaded (void)
{
  outage_keeps_draft (TRUE);
}

/* In the reader's worker: who its connection is signed in as. */
static gboolean
whoami_run (ToaStore *on, gpointer job, GCancellable *cancellable, GError **error)
{
  *(char **) job = g_strdup (toa_pg_store_session_user (TOA_PG_STORE (on)));
  return TRUE;
}

static void
whoami_done (gpointer owner, gpointer job, const GError *error)
{
  *(gboolean *) owner = TRUE;
}

static void
test_reader_signed_in_as_person (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *base = NULL;
  g_autofree char *member_url = NULL;
  g_autofree char *create = NULL;
  g_autofree char *who = NULL;
  g_autoptr(ToaStore) owner = NULL;
  g_autoptr(ToaStore) member = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaPerson) writer = NULL;
  g_autoptr(ToaPerson) secretary = NULL;
  g_autoptr(ToaArticle) item = NULL;
  g_autoptr(ToaBackgroundReader) reader = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin",
                            .title = "Thông báo lịch tiếp công dân tháng 12", .info_kind = "law-guidance" };
  ToaTransitionRequest forward = { .transition = "forward" };
  ToaTransitionResult result = { 0 };
  const char *password = "mk-thu-ky-Tòa";
  gboolean has_group, asked = FALSE;
  ToaItemView *view;
  gint64 deadline;

  g_assert_true (toa_pg_test_server_create_db (server, "identity", &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, "identity");
  owner = toa_store_open (url, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (owner, "Cổng TTĐT tỉnh Bình Phước", &error));
  portal = toa_store_site_find (owner, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (owner, section, &error));
  writer = toa_ui_test_add_person (owner, "bientap", "Người Biên tập", "editor");
  secretary = toa_ui_test_add_person (owner, "thuky", "Nguyễn Thị Thư Ký", "secretary");
  item = toa_articles_create (owner, writer, &draft, &error);
  g_assert_no_error (error);
  forward.article_id = item->id;
  g_assert_true (toa_transitions_do (owner, writer, &forward, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);
  has_group = toa_pg_test_server_exec (server, "identity",
                                       "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'toasoan_member') "
                                       "THEN RAISE EXCEPTION 'no group'; END IF; END $$", NULL);
  create = g_strdup_printf ("CREATE ROLE thuky LOGIN PASSWORD '%s'%s", password,
                            has_group ? " IN ROLE toasoan_member" : "");
  g_assert_true (toa_pg_test_server_exec (server, "identity", create, &error));
  g_assert_no_error (error);

  /* the secretary's window: her own account, and the reader on the same location */
  base = g_strdup_printf ("postgresql://127.0.0.1:%d/identity", toa_pg_test_server_port (server));
  member_url = toa_connect_with_account (base, "thuky", password);
  member = toa_store_open (member_url, TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (toa_store_signed_in_login (member), ==, "thuky");
  reader = toa_background_reader_new (member, toa_background_reader_location_for (member, member_url));
  g_assert_true (toa_background_reader_is_threaded (reader));

  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, member, reader, secretary, item->id));
  gtk_window_present (GTK_WINDOW (view));
  toa_item_view_wait_loaded (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view->comment_view), "Đã xem, đề nghị đăng sáng mai.", -1);
  g_signal_emit_by_name (view->add_comment_button, "clicked");
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (toa_background_reader_get_writing (reader) > 0 && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_test_message ("comment error line: %s", gtk_label_get_text (view->comment_error_label));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->comment_error_label)));
  comments = toa_store_comment_list (owner, item->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (((ToaComment *) g_ptr_array_index (comments, 0))->person_name, ==, "Nguyễn Thị Thư Ký");

  /* the server sees the same user on the reader's connection */
  toa_background_reader_write (reader, whoami_run, whoami_done, &asked, &who, NULL);
  toa_ui_test_wait_flag (&asked, 10000);
  g_assert_true (asked);
  g_assert_cmpstr (who, ==, "thuky");
  g_assert_cmpstr (who, ==, toa_pg_store_session_user (TOA_PG_STORE (member)));

  toa_background_reader_wait_idle (reader);
  gtk_window_destroy (GTK_WINDOW (view));
  toa_ui_test_spin (100);
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
  app = toa_ui_test_application ();

  g_test_add_func ("/ui/article-editor-pg/outage-keeps-draft", test_outage_keeps_draft);
  g_test_add_func ("/ui/article-editor-pg/outage-keeps-draft-threaded", test_outage_keeps_draft_threaded);
  g_test_add_func ("/ui/article-editor-pg/reader-signed-in-as-person", test_reader_signed_in_as_person);
  {
    int status = g_test_run ();

    g_clear_object (&app);
    return status;
  }
}
