/* test-item-thread.c — the item window and the article editor read off the main thread
 * (issue 4: the window never freezes on the network). Their background reader opens its
 * connection through a "gate" the test holds shut, like a server that has not answered yet:
 * the windows open at once with a spinner while the main loop keeps running, and fill in
 * when the gate opens; a connection that fails shows the reason and "Try Again", which reads
 * again; a comment written while the reader is busy is in the store at once (writes stay on
 * the window's thread) and appears when the reading comes back; the editor offers nothing to
 * save, and records no draft, before the article is in. Needs a display (xvfb-run). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "toa-article-editor-private.h"
#include "toa-application.h"
#include "toa-articles.h"
#include "toa-background-reader.h"
#include "toa-error.h"
#include "toa-item-view-private.h"
#include "toa-store-open.h"
#include "toa-transition-actions.h"
#include "toa-ui-test-util.h"

static char      *db_path;
static ToaStore  *store;
static ToaPerson *secretary;
static ToaPerson *editor;
static GThread   *main_thread;
static char      *journal_dir;
static ToaApplication *app;

/* ---- the gate: a connection that answers only when the test says -------------------------- */

static struct {
  GMutex   lock;
  GCond    cond;
  gboolean open;
  gint     fail_next;   /* atomic: the next connection attempt fails */
  gint     attempts;    /* atomic */
} gate;

static void
gate_set (gboolean open)
{
  g_mutex_lock (&gate.lock);
  gate.open = open;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
}

static void
gate_wait (void)
{
  g_mutex_lock (&gate.lock);
  while (!gate.open)
    g_cond_wait (&gate.cond, &gate.lock);
  g_mutex_unlock (&gate.lock);
}

static ToaStore *
open_gated (const char *location, gpointer data, GError **error)
{
  g_assert_true (g_thread_self () != main_thread);   /* never on the window's thread */
  g_atomic_int_inc (&gate.attempts);
  gate_wait ();
  if (g_atomic_int_compare_and_exchange (&gate.fail_next, TRUE, FALSE))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO, "The server at %s does not answer", "db.example.vn");
      return NULL;
    }
  return toa_store_open (location, TOA_OPEN_EXISTING, error);
}

static ToaBackgroundReader *
gated_reader (void)
{
  ToaBackgroundReader *reader = toa_background_reader_new (store, toa_background_reader_location_for (store, NULL));

  g_assert_true (toa_background_reader_is_threaded (reader));
  toa_background_reader_set_opener (reader, open_gated, NULL);
  return reader;
}

/* A job that holds the reader's connection until the gate opens (a slow answer). */
static gint busy_started;   /* atomic */

static gboolean
busy_run (ToaStore *on, gpointer job, GCancellable *cancellable, GError **error)
{
  g_atomic_int_set (&busy_started, TRUE);
  gate_wait ();
  return TRUE;
}

static void
busy_done (gpointer owner, gpointer job, const GError *error)
{
  *(gboolean *) owner = TRUE;
}

/* How often a 10 ms tick ran, and the longest the main loop went without running it. */
typedef struct {
  gint64 last;
  gint64 longest;
  guint  count;
} Ticks;

static gboolean
on_tick (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  ticks->count++;
  return G_SOURCE_CONTINUE;
}

/* Spins a second with the reader stuck: the main loop must keep running all along (a window
 * reading on the main thread would stall for as long as the gate is shut). A paint of a new
 * window under Xvfb on a busy machine may take a few hundred ms: that is not a freeze. */
static void
assert_main_loop_runs (void)
{
  Ticks ticks = { g_get_monotonic_time (), 0, 0 };
  guint id = g_timeout_add (10, on_tick, &ticks);

  toa_ui_test_spin (1000);
  g_source_remove (id);
  ticks.longest = MAX (ticks.longest, g_get_monotonic_time () - ticks.last);
  g_assert_cmpuint (ticks.count, >=, 10);
  g_assert_cmpint (ticks.longest / 1000, <, 600);
}

/* ---- helpers ------------------------------------------------------------------------------ */

static gint64
article_in (const char *title, const char *state)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = {
    .section_code = "tin", .genre = "tin", .title = title,
    .sapo = "Chiều nay, Sở Thông tin và Truyền thông tỉnh tổ chức hội nghị triển khai cổng thông tin mới.",
    .body_html = "<p>Hội nghị thống nhất lộ trình chuyển đổi số của các cơ quan trong tỉnh.</p>",
    .body_len = -1,
    .attribution = "Thu Hà",
  };
  g_autoptr(ToaArticle) article = toa_articles_create (store, editor, &draft, &error);

  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (list); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c))
      n++;
  return n;
}

static char *
button_codes (ToaItemView *view)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (GtkWidget *b = gtk_widget_get_first_child (GTK_WIDGET (view->actions_box)); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    g_string_append_printf (codes, "%s%s", codes->len > 0 ? " " : "", gtk_widget_get_name (b));
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static char *
available_codes (const ToaPerson *person, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = toa_transitions_available (store, person, id, 0, &error);
  g_autoptr(GString) codes = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < actions->len; i++)
    g_string_append_printf (codes, "%s%s", codes->len > 0 ? " " : "",
                            ((ToaAvailableAction *) g_ptr_array_index (actions, i))->code);
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static const char *
shown (GtkStack *stack)
{
  return gtk_stack_get_visible_child_name (stack);
}

/* ---- the item window ---------------------------------------------------------------------- */

static void
test_item_opens_while_server_silent (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  gint64 id = article_in ("Triển khai cổng thông tin điện tử mới của tỉnh", "secretary-review");
  g_autofree char *want = available_codes (secretary, id);
  g_autofree char *got = NULL;
  ToaItemView *view;
  gint64 t0;

  gate_set (FALSE);
  t0 = g_get_monotonic_time ();
  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, store, reader, secretary, id));
  g_assert_cmpint ((g_get_monotonic_time () - t0) / 1000, <, 1000);   /* returned with the gate shut */
  gtk_window_present (GTK_WINDOW (view));

  /* the server has not answered: a spinner, and the main loop runs on */
  g_assert_true (toa_item_view_is_loading (view));
  g_assert_cmpstr (shown (view->load_stack), ==, "loading");
  g_assert_true (gtk_spinner_get_spinning (view->loading_spinner));
  assert_main_loop_runs ();
  g_assert_true (toa_item_view_is_loading (view));
  g_assert_cmpint (g_atomic_int_get (&gate.attempts), >=, 1);
  g_assert_cmpuint (n_rows (GTK_WIDGET (view->timeline_list)), ==, 0);

  gate_set (TRUE);
  toa_item_view_wait_loaded (view);
  g_assert_false (toa_item_view_is_loading (view));
  g_assert_cmpstr (shown (view->load_stack), ==, "content");
  g_assert_false (gtk_spinner_get_spinning (view->loading_spinner));
  g_assert_cmpstr (gtk_label_get_text (view->heading_label), ==, "Triển khai cổng thông tin điện tử mới của tỉnh");
  got = button_codes (view);
  g_assert_cmpstr (got, ==, want);                    /* core's actions, read in the worker */
  g_assert_cmpstr (want, !=, "");
  g_assert_cmpint (toa_item_view_get_version (view), >, 0);
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_item_failure_try_again (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  gint64 id = article_in ("Tin khi mạng chập chờn", "secretary-review");
  ToaItemView *view;

  gate_set (TRUE);
  g_atomic_int_set (&gate.fail_next, TRUE);
  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, store, reader, secretary, id));
  gtk_window_present (GTK_WINDOW (view));
  toa_item_view_wait_loaded (view);

  /* the reason, plainly, with a way to try again */
  g_assert_cmpstr (shown (view->load_stack), ==, "failed");
  g_assert_nonnull (strstr (adw_status_page_get_description (view->failed_page), "does not answer"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->retry_button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->edit_button)));

  g_signal_emit_by_name (view->retry_button, "clicked");
  g_assert_true (toa_item_view_is_loading (view));
  toa_item_view_wait_loaded (view);
  g_assert_cmpstr (shown (view->load_stack), ==, "content");
  g_assert_cmpstr (gtk_label_get_text (view->heading_label), ==, "Tin khi mạng chập chờn");
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_item_comment_written_at_once (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  g_autoptr(GPtrArray) comments = NULL;
  gint64 id = article_in ("Tin có góp ý khi máy chủ chậm", "secretary-review");
  gboolean busy_over = FALSE;
  GtkTextBuffer *buffer;
  ToaItemView *view;
  guint loads;

  gate_set (TRUE);
  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, store, reader, secretary, id));
  gtk_window_present (GTK_WINDOW (view));
  toa_item_view_wait_loaded (view);
  g_assert_cmpuint (n_rows (GTK_WIDGET (view->comment_list)), ==, 0);
  loads = view->loads_done;

  /* the reader's connection is busy: the next reading waits behind it */
  gate_set (FALSE);
  g_atomic_int_set (&busy_started, FALSE);
  toa_background_reader_run (reader, "busy", busy_run, busy_done, &busy_over, NULL, NULL, NULL);
  while (!g_atomic_int_get (&busy_started))
    g_usleep (1000);   /* the connection is taken before the comment is written */
  buffer = gtk_text_view_get_buffer (view->comment_view);
  gtk_text_buffer_set_text (buffer, "Đề nghị bổ sung số liệu của quý III.", -1);
  g_signal_emit_by_name (view->add_comment_button, "clicked");

  /* written on the window's thread: in the store now, the text box cleared */
  comments = toa_store_comment_list (store, id, NULL);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpuint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  /* the list is read again off the main thread: the item stays shown, a small spinner turns */
  g_assert_true (toa_item_view_is_loading (view));
  g_assert_cmpstr (shown (view->load_stack), ==, "content");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->reload_spinner)));
  assert_main_loop_runs ();
  g_assert_cmpuint (view->loads_done, ==, loads);
  g_assert_cmpuint (n_rows (GTK_WIDGET (view->comment_list)), ==, 0);

  gate_set (TRUE);
  toa_item_view_wait_loaded (view);
  toa_background_reader_wait_idle (reader);
  g_assert_true (busy_over);
  g_assert_cmpuint (view->loads_done, ==, loads + 1);
  g_assert_cmpuint (n_rows (GTK_WIDGET (view->comment_list)), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->reload_spinner)));
  gtk_window_destroy (GTK_WINDOW (view));
}

/* A window closed while its reading is in flight: nothing is delivered to it afterwards. */
static void
test_item_closed_while_loading (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  gint64 id = article_in ("Tin đóng sớm", "secretary-review");
  ToaItemView *view;

  gate_set (FALSE);
  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, store, reader, secretary, id));
  gtk_window_present (GTK_WINDOW (view));
  toa_ui_test_spin (50);
  gtk_window_destroy (GTK_WINDOW (view));
  gate_set (TRUE);
  toa_background_reader_wait_idle (reader);   /* the dropped reading comes back to nobody */
  toa_ui_test_spin (50);
}

/* The page that lent the reader cancels everything in flight (as the Inbox does when it
 * changes stores): the item window asks again and still shows the item. */
static void
test_item_reader_cancelled_by_owner (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  gint64 id = article_in ("Tin mở khi trang Hộp việc đổi kết nối", "secretary-review");
  ToaItemView *view;
  gint64 deadline;

  gate_set (FALSE);
  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, store, reader, secretary, id));
  gtk_window_present (GTK_WINDOW (view));
  toa_ui_test_spin (50);
  toa_background_reader_cancel (reader);
  g_assert_cmpuint (toa_background_reader_get_pending (reader), ==, 0);
  toa_ui_test_spin (50);
  g_assert_cmpuint (toa_background_reader_get_pending (reader), ==, 1);   /* asked again */
  gate_set (TRUE);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (toa_item_view_is_loading (view) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_false (toa_item_view_is_loading (view));
  g_assert_cmpstr (shown (view->load_stack), ==, "content");
  g_assert_cmpstr (gtk_label_get_text (view->heading_label), ==, "Tin mở khi trang Hộp việc đổi kết nối");
  gtk_window_destroy (GTK_WINDOW (view));
}

/* ---- the article editor ------------------------------------------------------------------- */

static void
test_editor_opens_while_server_silent (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = article_in ("Bài viết mở khi máy chủ chưa trả lời", "draft");
  ToaArticleEditor *self;
  gint64 deadline;

  gate_set (FALSE);
  self = TOA_ARTICLE_EDITOR (toa_article_editor_new_with_reader (NULL, store, reader, editor, id, journal));
  gtk_window_present (GTK_WINDOW (self));

  g_assert_true (toa_article_editor_is_loading (self));
  g_assert_cmpstr (shown (self->load_stack), ==, "loading");
  assert_main_loop_runs ();
  /* nothing to save or record before the article is in */
  g_assert_false (toa_article_editor_get_ready (self));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (self->toolbar_box)));
  g_assert_cmpuint (toa_article_editor_record_draft (self), ==, 0);
  toa_article_editor_save (self);
  g_assert_false (self->saving);

  gate_set (TRUE);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!toa_article_editor_get_ready (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_true (toa_article_editor_get_ready (self));
  g_assert_false (toa_article_editor_is_loading (self));
  g_assert_cmpstr (shown (self->load_stack), ==, "content");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), ==,
                   "Bài viết mở khi máy chủ chưa trả lời");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (self->toolbar_box)));
  g_assert_nonnull (self->sections);
  g_assert_cmpuint (self->sections->len, >, 0);   /* the side panel's lists, read in the worker */
  g_assert_cmpint (self->title_max, >, 0);
  g_assert_cmpint (toa_article_editor_get_base_version (self), >, 0);
  /* the pre-publish checks, run in the worker too, are listed */
  toa_background_reader_wait_idle (reader);
  g_assert_cmpuint (n_rows (GTK_WIDGET (self->checks_list)), >, 0);
  gtk_window_destroy (GTK_WINDOW (self));
  toa_ui_test_spin (100);
}

static void
test_editor_failure_try_again (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = article_in ("Bài viết khi mạng rớt", "draft");
  ToaArticleEditor *self;
  gint64 deadline;

  gate_set (TRUE);
  g_atomic_int_set (&gate.fail_next, TRUE);
  self = TOA_ARTICLE_EDITOR (toa_article_editor_new_with_reader (NULL, store, reader, editor, id, journal));
  gtk_window_present (GTK_WINDOW (self));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (toa_article_editor_is_loading (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_cmpstr (shown (self->load_stack), ==, "failed");
  g_assert_nonnull (strstr (adw_status_page_get_description (self->failed_page), "does not answer"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)));

  g_signal_emit_by_name (self->retry_button, "clicked");
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!toa_article_editor_get_ready (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_true (toa_article_editor_get_ready (self));
  g_assert_cmpstr (shown (self->load_stack), ==, "content");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), ==, "Bài viết khi mạng rớt");
  gtk_window_destroy (GTK_WINDOW (self));
  toa_ui_test_spin (100);
}

int
main (int argc, char *argv[])
{
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-item-thread"))
    return 77;   /* meson's "skipped" */

  main_thread = g_thread_self ();
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  journal_dir = g_dir_make_tmp ("toa-item-thread-XXXXXX", NULL);
  g_assert_nonnull (journal_dir);
  db_path = toa_ui_test_temp_database ("item-thread");
  store = toa_ui_test_board_store (db_path, "tin");
  secretary = toa_ui_test_add_person (store, "t-secretary", "Người Thư ký", "secretary");
  editor = toa_ui_test_add_person (store, "t-editor", "Người Biên tập", "editor");

  app = toa_ui_test_application ();

  g_test_add_func ("/ui/item-thread/item-opens-while-server-silent", test_item_opens_while_server_silent);
  g_test_add_func ("/ui/item-thread/item-failure-try-again", test_item_failure_try_again);
  g_test_add_func ("/ui/item-thread/item-comment-written-at-once", test_item_comment_written_at_once);
  g_test_add_func ("/ui/item-thread/item-closed-while-loading", test_item_closed_while_loading);
  g_test_add_func ("/ui/item-thread/item-reader-cancelled-by-owner", test_item_reader_cancelled_by_owner);
  g_test_add_func ("/ui/item-thread/editor-opens-while-server-silent", test_editor_opens_while_server_silent);
  g_test_add_func ("/ui/item-thread/editor-failure-try-again", test_editor_failure_try_again);
  status = g_test_run ();

  g_clear_object (&app);
  toa_person_free (secretary);
  toa_person_free (editor);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  {
    g_autoptr(GDir) dir = g_dir_open (journal_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (journal_dir, name, NULL);
        g_remove (path);
      }
    g_rmdir (journal_dir);
    g_free (journal_dir);
  }
  return status;
}
