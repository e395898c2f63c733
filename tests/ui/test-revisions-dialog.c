/* test-revisions-dialog.c — the revision view on a temporary board: an article created,
 * saved by the editor, sent forward and edited again by the secretary lists its four
 * revisions (the step's included); choosing a row shows what that revision changed, with
 * who made it; any two compare, coloured word by word; Restore asks first, Cancel changes
 * nothing, Restore makes a new revision with the old text and says so ("restored"); someone
 * without the right sees core's message and nothing is written. A screenshot is written to
 * the build directory. Needs a display (xvfb-run); skips without one. */
#include "config.h"

#include <string.h>

#include "toa-articles.h"
#include "toa-revisions.h"
#include "toa-revisions-dialog.h"
#include "toa-transitions.h"
#include "toa-ui-test-util.h"

static char           *db_path;
static ToaStore       *store;
static ToaApplication *app;
static ToaPerson      *editor;
static ToaPerson      *secretary;
static ToaPerson      *accountant;

static void
save (ToaPerson *who, gint64 id, const char *title, const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = toa_store_article_get (store, id, &error);

  g_assert_no_error (error);
  g_free (article->title);
  article->title = g_strdup (title);
  g_free (article->body_html);
  article->body_html = g_strdup (body);
  g_assert_true (toa_articles_save (store, who, article, NULL, &error));
  g_assert_no_error (error);
}

/* Revisions: 1 created, 2 the editor's save, 3 forward, 4 the secretary's proofreading. */
static gint64
new_article (void)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Hội nghị tổng kết",
    .body_html = "<p>Sáng nay Sở Nội vụ tổ chức hội nghị.</p>", .body_len = -1,
  };
  g_autoptr(ToaArticle) article = toa_articles_create (store, editor, &draft, &error);
  ToaTransitionRequest forward = { .transition = "forward" };
  ToaTransitionResult result = { 0 };

  g_assert_no_error (error);
  save (editor, article->id, "Hội nghị tổng kết năm 2025",
        "<p>Sáng nay Sở Nội vụ tổ chức hội nghị tổng kết công tác năm 2025.</p>");
  forward.article_id = article->id;
  g_assert_true (toa_transitions_do (store, editor, &forward, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);
  save (secretary, article->id, "Hội nghị tổng kết năm 2025",
        "<p>Sáng 24/11, Sở Nội vụ tổ chức hội nghị tổng kết công tác năm 2025.</p>");
  return article->id;
}

static guint
stored_revisions (gint64 id)
{
  g_autoptr(GPtrArray) revisions = toa_store_revision_list (store, id, NULL);

  return revisions != NULL ? revisions->len : 0;
}

static void
on_restored (ToaRevisionsDialog *dialog, int number, int *out)
{
  *out = number;
}

static void
test_view_and_restore (void)
{
  gint64 id = new_article ();
  ToaRevisionsDialog *dialog = toa_revisions_dialog_new (NULL, store, secretary, id, 0);
  g_autofree char *newest = NULL;
  g_autofree char *first_to_last = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *confirm;
  int restored = 0;

  g_signal_connect (dialog, "restored", G_CALLBACK (on_restored), &restored);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (dialog));
  toa_ui_test_spin (100);

  g_assert_cmpuint (toa_revisions_dialog_get_n_revisions (dialog), ==, 4);
  g_assert_null (toa_revisions_dialog_get_error (dialog));

  /* opened on the newest: what the secretary changed, and who */
  newest = toa_revisions_dialog_get_marked_text (dialog);
  g_assert_nonnull (strstr (newest, "Sáng [-nay-]{+24/11,+} Sở Nội vụ"));
  g_assert_nonnull (strstr (toa_revisions_dialog_get_summary (dialog), "Người Thư ký"));
  g_assert_nonnull (strstr (toa_revisions_dialog_get_summary (dialog), "4"));

  /* any two: 1 → 4, the authors in between named */
  g_assert_true (toa_revisions_dialog_compare (dialog, 1, 4));
  first_to_last = toa_revisions_dialog_get_marked_text (dialog);
  g_assert_nonnull (strstr (first_to_last, "Hội nghị tổng kết{+ năm 2025+}"));
  g_assert_nonnull (strstr (first_to_last, "hội nghị{+ tổng kết công tác năm 2025+}."));
  g_assert_nonnull (strstr (toa_revisions_dialog_get_summary (dialog), "Người Biên tập"));
  g_assert_nonnull (strstr (toa_revisions_dialog_get_summary (dialog), "Người Thư ký"));
  g_assert_false (toa_revisions_dialog_compare (dialog, 1, 99));

  toa_ui_test_screenshot (GTK_WIDGET (dialog), "revisions-dialog.png", 8);

  /* restore 1: asked first; Cancel writes nothing */
  g_assert_true (toa_revisions_dialog_compare (dialog, 3, 1));
  confirm = toa_revisions_dialog_ask_restore (dialog);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "cancel");
  toa_ui_test_spin (50);
  g_assert_cmpuint (stored_revisions (id), ==, 4);
  g_assert_cmpint (restored, ==, 0);

  confirm = toa_revisions_dialog_ask_restore (dialog);
  adw_message_dialog_response (confirm, "restore");
  toa_ui_test_spin (50);
  g_assert_null (toa_revisions_dialog_get_error (dialog));
  g_assert_cmpint (restored, ==, 5);
  g_assert_cmpuint (stored_revisions (id), ==, 5);
  g_assert_cmpuint (toa_revisions_dialog_get_n_revisions (dialog), ==, 5);
  /* shown: revision 1 against the new 5 — the same text */
  after = toa_revisions_dialog_get_marked_text (dialog);
  g_assert_null (strstr (after, "{+"));
  g_assert_null (strstr (after, "[-"));
  {
    g_autoptr(ToaArticle) article = toa_store_article_get (store, id, NULL);

    g_assert_cmpstr (article->title, ==, "Hội nghị tổng kết");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_no_right (void)
{
  gint64 id = new_article ();
  ToaRevisionsDialog *dialog = toa_revisions_dialog_new (NULL, store, accountant, id, 0);
  AdwMessageDialog *confirm;

  /* the accountant has a role on the portal: reads the trail, may not restore */
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpuint (toa_revisions_dialog_get_n_revisions (dialog), ==, 4);
  g_assert_true (toa_revisions_dialog_compare (dialog, 1, 2));
  confirm = toa_revisions_dialog_ask_restore (dialog);
  adw_message_dialog_response (confirm, "restore");
  toa_ui_test_spin (50);
  g_assert_nonnull (toa_revisions_dialog_get_error (dialog));
  g_assert_cmpuint (stored_revisions (id), ==, 4);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int argc, char *argv[])
{
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-revisions-dialog"))
    return 77;   /* meson's "skipped" */

  db_path = toa_ui_test_temp_database ("revisions");
  store = toa_ui_test_board_store (db_path, "tin-tuc-su-kien");
  editor = toa_ui_test_add_person (store, "r-editor", "Người Biên tập", "editor");
  secretary = toa_ui_test_add_person (store, "r-secretary", "Người Thư ký", "secretary");
  accountant = toa_ui_test_add_person (store, "r-accountant", "Người Kế toán", "accountant");
  app = toa_ui_test_application ();

  g_test_add_func ("/ui/revisions/view-and-restore", test_view_and_restore);
  g_test_add_func ("/ui/revisions/no-right", test_no_right);
  status = g_test_run ();

  g_clear_object (&store);
  toa_person_free (editor);
  toa_person_free (secretary);
  toa_person_free (accountant);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  return status;
}
