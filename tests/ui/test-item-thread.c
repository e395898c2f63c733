/* test-item-thread.c — the item window and the article editor read off the main thread
 * (issue 4: the window never freezes on the network). Their background reader opens its
 * connection through a "gate" the test holds shut, like a server that has not answered yet:
 * the windows open at once with a spinner while the main loop keeps running, and fill in
 * when the gate opens; a connection that fails shows the reason and "Try Again", which reads
 * again; the editor offers nothing to save, and records no draft, before the article is in.
 * A person's writes go through the same reader: with its connection held (a slow answer) a
 * comment, an action, a save or an image returns at once with the button spinning and
 * insensitive, the main loop keeps running, typing goes on (and is journalled), a second save
 * waits for the first, and the result — success, or a conflict — lands when the connection
 * answers. Needs a display (xvfb-run). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "toa-action-dialog.h"
#include "toa-article-editor-private.h"
#include "toa-application.h"
#include "toa-articles.h"
#include "toa-background-reader.h"
#include "toa-error.h"
#include "toa-images.h"
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

/* Holds the reader's (already open) connection with a slow job until the gate opens. */
static void
hold_connection (ToaBackgroundReader *reader, gboolean *busy_over)
{
  gate_set (FALSE);
  g_atomic_int_set (&busy_started, FALSE);
  toa_background_reader_run (reader, "busy", busy_run, busy_done, busy_over, NULL, NULL, NULL);
  while (!g_atomic_int_get (&busy_started))
    g_usleep (1000);
}

static gboolean
button_spins (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  return !gtk_widget_get_sensitive (GTK_WIDGET (button)) && GTK_IS_SPINNER (child)
         && gtk_spinner_get_spinning (GTK_SPINNER (child));
}

static void
wait_writes (ToaBackgroundReader *reader)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (toa_background_reader_get_writing (reader) > 0 && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (10);
  g_assert_cmpuint (toa_background_reader_get_writing (reader), ==, 0);
}

static void
test_item_comment_off_main_thread (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  g_autoptr(GPtrArray) comments = NULL;
  gint64 id = article_in ("Tin có góp ý khi máy chủ chậm", "secretary-review");
  gboolean busy_over = FALSE;
  GtkTextBuffer *buffer;
  ToaItemView *view;
  guint loads;
  gint64 t0;

  gate_set (TRUE);
  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, store, reader, secretary, id));
  gtk_window_present (GTK_WINDOW (view));
  toa_item_view_wait_loaded (view);
  g_assert_cmpuint (n_rows (GTK_WIDGET (view->comment_list)), ==, 0);
  loads = view->loads_done;

  /* the reader's connection is busy (a server slow to answer): the comment waits behind it */
  hold_connection (reader, &busy_over);
  buffer = gtk_text_view_get_buffer (view->comment_view);
  gtk_text_buffer_set_text (buffer, "Đề nghị bổ sung số liệu của quý III.", -1);
  t0 = g_get_monotonic_time ();
  g_signal_emit_by_name (view->add_comment_button, "clicked");
  g_assert_cmpint ((g_get_monotonic_time () - t0) / 1000, <, 500);   /* returned at once */

  /* on its way: not in the store yet, the button spins, the text stays in the box */
  g_assert_true (button_spins (view->add_comment_button));
  g_assert_cmpuint (toa_background_reader_get_writing (reader), ==, 1);
  assert_main_loop_runs ();
  comments = toa_store_comment_list (store, id, NULL);
  g_assert_cmpuint (comments->len, ==, 0);
  g_assert_cmpuint (gtk_text_buffer_get_char_count (buffer), >, 0);
  g_signal_emit_by_name (view->add_comment_button, "clicked");   /* a second press does nothing */
  g_assert_cmpuint (toa_background_reader_get_writing (reader), ==, 1);

  gate_set (TRUE);
  wait_writes (reader);
  toa_item_view_wait_loaded (view);
  toa_background_reader_wait_idle (reader);
  g_assert_true (busy_over);
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = toa_store_comment_list (store, id, NULL);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpuint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  g_assert_cmpuint (view->loads_done, ==, loads + 1);   /* the list read again */
  g_assert_cmpuint (n_rows (GTK_WIDGET (view->comment_list)), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (view->add_comment_button)));
  g_assert_cmpstr (gtk_button_get_label (view->add_comment_button), ==, _("Add Comment"));
  gtk_window_destroy (GTK_WINDOW (view));
}

/* The first action core offers that needs nothing typed or chosen. */
static char *
simple_action (const ToaPerson *person, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = toa_transitions_available (store, person, id, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < actions->len; i++)
    {
      const ToaAvailableAction *a = g_ptr_array_index (actions, i);

      if (a->kind == TOA_ACTION_TRANSITION && !a->comment_required && !a->needs_time && !a->ground_required
          && (a->targets == NULL || a->targets[0] == NULL) && !a->becomes_request)
        return g_strdup (a->code);
    }
  return NULL;
}

static void
on_done_message (GtkWindow *dialog, const char *message, char **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static void
test_item_action_off_main_thread (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  gint64 id = article_in ("Tin chuyển bước khi máy chủ chậm", "secretary-review");
  g_autofree char *code = simple_action (secretary, id);
  g_autofree char *message = NULL;
  g_autoptr(ToaArticle) before = NULL;
  g_autoptr(ToaArticle) after = NULL;
  gboolean busy_over = FALSE;
  GtkWindow *dialog, *late;
  ToaItemView *view;
  guint loads;

  g_assert_nonnull (code);
  gate_set (TRUE);
  view = TOA_ITEM_VIEW (toa_item_view_new_with_reader (NULL, store, reader, secretary, id));
  gtk_window_present (GTK_WINDOW (view));
  toa_item_view_wait_loaded (view);
  loads = view->loads_done;
  before = toa_store_article_get (store, id, NULL);
  dialog = toa_item_view_open_action (view, code);
  late = toa_item_view_open_action (view, code);   /* a second desk… the same person, twice */
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "done", G_CALLBACK (on_done_message), &message);

  hold_connection (reader, &busy_over);
  g_assert_true (toa_action_dialog_run (TOA_ACTION_DIALOG (dialog)));   /* on its way */
  g_assert_true (toa_action_dialog_is_busy (TOA_ACTION_DIALOG (dialog)));
  g_assert_true (button_spins (GTK_BUTTON (gtk_window_get_default_widget (dialog))));
  assert_main_loop_runs ();
  g_assert_nonnull (dialog);   /* still open: core has not answered */
  g_assert_null (message);
  g_clear_object (&after);
  after = toa_store_article_get (store, id, NULL);
  g_assert_cmpstr (after->state, ==, before->state);
  g_assert_cmpint (after->version, ==, before->version);

  gate_set (TRUE);
  wait_writes (reader);
  toa_item_view_wait_loaded (view);
  g_assert_null (dialog);      /* done: closed */
  g_assert_nonnull (message);
  g_clear_object (&after);
  after = toa_store_article_get (store, id, NULL);
  g_assert_cmpstr (after->state, !=, before->state);
  g_assert_cmpint (after->version, >, before->version);
  g_assert_cmpuint (view->loads_done, >, loads);   /* the item read again */

  /* the same action from the older dialog: core says someone was first, shown as before */
  toa_action_dialog_run (TOA_ACTION_DIALOG (late));
  wait_writes (reader);
  {
    const char *shown_error = toa_action_dialog_get_error (TOA_ACTION_DIALOG (late));

    g_assert_nonnull (shown_error);
    g_test_message ("the late dialog says: %s", shown_error);
    g_assert_nonnull (strstr (shown_error, "Người Thư ký"));   /* who was first */
  }
  g_assert_false (toa_action_dialog_is_busy (TOA_ACTION_DIALOG (late)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (gtk_window_get_default_widget (late))));
  gtk_window_destroy (late);
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

static ToaArticleEditor *
ready_editor (ToaBackgroundReader *reader, gint64 id, ToaDraftJournal *journal)
{
  ToaArticleEditor *self;
  gint64 deadline;

  gate_set (TRUE);
  self = TOA_ARTICLE_EDITOR (toa_article_editor_new_with_reader (NULL, store, reader, editor, id, journal));
  gtk_window_present (GTK_WINDOW (self));
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!toa_article_editor_get_ready (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_true (toa_article_editor_get_ready (self));
  toa_background_reader_wait_idle (reader);
  toa_ui_test_spin (200);
  return self;
}

/* Presses Save and waits until the save is handed to the reader (the body comes from the page
 * first, asynchronously). */
static void
save_and_wait_handed_over (ToaArticleEditor *self)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  toa_article_editor_save (self);
  while (!self->writing && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (10);
  g_assert_true (self->writing);
}

static void
wait_saved (ToaArticleEditor *self)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (toa_article_editor_is_saving (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_false (toa_article_editor_is_saving (self));
}

static void
test_editor_save_off_main_thread (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = article_in ("Bài viết lưu khi máy chủ chậm", "draft");
  g_autoptr(ToaArticle) stored = NULL;
  g_autoptr(ToaArticle) draft = NULL;
  g_autoptr(GError) error = NULL;
  gboolean busy_over = FALSE;
  ToaArticleEditor *self = ready_editor (reader, id, journal);
  gint64 version = toa_article_editor_get_base_version (self), at = 0;

  hold_connection (reader, &busy_over);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "Tiêu đề sửa lần thứ nhất");
  save_and_wait_handed_over (self);
  g_assert_true (button_spins (self->save_button));
  stored = toa_store_article_get (store, id, NULL);
  g_assert_cmpint (stored->version, ==, version);   /* not written yet */

  /* typing goes on and is journalled; a second save waits for the first */
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "Tiêu đề sửa lần thứ hai");
  g_assert_true (self->dirty);
  g_assert_cmpuint (toa_article_editor_record_draft (self), >, 0);
  toa_draft_journal_flush (journal);
  draft = toa_draft_journal_read (journal, id, &at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->title, ==, "Tiêu đề sửa lần thứ hai");
  toa_article_editor_save (self);
  g_assert_true (self->save_again);
  g_assert_cmpuint (toa_background_reader_get_writing (reader), ==, 1);
  assert_main_loop_runs ();
  g_clear_object (&stored);
  stored = toa_store_article_get (store, id, NULL);
  g_assert_cmpint (stored->version, ==, version);

  gate_set (TRUE);
  wait_saved (self);
  toa_background_reader_wait_idle (reader);
  g_clear_object (&stored);
  stored = toa_store_article_get (store, id, NULL);
  g_assert_cmpstr (stored->title, ==, "Tiêu đề sửa lần thứ hai");   /* both saves, in order */
  g_assert_cmpint (stored->version, >=, version + 2);
  g_assert_cmpint (toa_article_editor_get_base_version (self), ==, stored->version);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  g_assert_false (self->dirty);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)));
  g_assert_cmpstr (gtk_button_get_label (self->save_button), ==, _("_Save"));
  g_clear_object (&draft);
  draft = toa_draft_journal_read (journal, id, &at, &error);
  g_assert_no_error (error);
  g_assert_null (draft);   /* all saved: nothing left to offer */
  gtk_window_destroy (GTK_WINDOW (self));
  toa_ui_test_spin (100);
}

static gboolean
has_label_with (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label_with (c, text))
      return TRUE;
  return FALSE;
}

static void
test_editor_conflict_off_main_thread (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = article_in ("Bài viết hai người cùng sửa", "draft");
  g_autoptr(ToaArticle) theirs = NULL;
  g_autoptr(GError) error = NULL;
  gboolean busy_over = FALSE;
  ToaArticleEditor *self = ready_editor (reader, id, journal);
  GtkWindow *conflict;

  /* someone saves first (another window of the editor's) */
  theirs = toa_store_article_get (store, id, NULL);
  g_free (theirs->title);
  theirs->title = g_strdup ("Bài viết đã được người khác sửa");
  g_assert_true (toa_articles_save (store, editor, theirs, NULL, &error));
  g_assert_no_error (error);

  hold_connection (reader, &busy_over);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), "Bài viết sửa ở cửa sổ này");
  save_and_wait_handed_over (self);
  assert_main_loop_runs ();
  g_assert_null (toa_article_editor_get_conflict_dialog (self));

  gate_set (TRUE);
  wait_saved (self);
  conflict = toa_article_editor_get_conflict_dialog (self);
  g_assert_nonnull (conflict);   /* both versions side by side, read in the worker */
  g_assert_true (has_label_with (GTK_WIDGET (conflict), "Người Biên tập"));   /* who saved first */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), ==, "Bài viết sửa ở cửa sổ này");
  gtk_window_destroy (conflict);
  gtk_window_destroy (GTK_WINDOW (self));
  toa_ui_test_spin (100);
}

static GtkWindow *
toplevel_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (g_strcmp0 (gtk_window_get_title (window), title) == 0 && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static GtkWidget *
find_widget (GtkWidget *widget, const char *name, const char *button_label)
{
  if (name != NULL && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  if (button_label != NULL && GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), button_label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, name, button_label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_editor_image_off_main_thread (void)
{
  g_autoptr(ToaBackgroundReader) reader = gated_reader ();
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = article_in ("Bài viết có ảnh khi máy chủ chậm", "draft");
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 200);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) images = NULL;
  gboolean busy_over = FALSE;
  ToaArticleEditor *self = ready_editor (reader, id, journal);
  GtkWindow *dialog = NULL;
  GtkButton *insert;
  gchar *buffer = NULL;
  gsize size = 0;
  gint64 deadline;

  gdk_pixbuf_fill (pixbuf, 0x2a7f62ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  bytes = g_bytes_new_take (buffer, size);
  toa_article_editor_add_image (self, bytes, "cau-song-be.png");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((dialog = toplevel_titled (_("Insert Image"))) == NULL && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (dialog), "alt", NULL)), "Cây cầu mới bắc qua sông Bé");
  insert = GTK_BUTTON (find_widget (GTK_WIDGET (dialog), NULL, _("_Insert")));
  g_assert_nonnull (insert);

  hold_connection (reader, &busy_over);
  g_signal_emit_by_name (insert, "clicked");
  g_assert_true (button_spins (insert));
  assert_main_loop_runs ();
  images = toa_images_list (store, id, NULL);
  g_assert_cmpuint (images->len, ==, 0);   /* not stored yet */
  g_assert_nonnull (dialog);

  gate_set (TRUE);
  wait_writes (reader);
  g_clear_pointer (&images, g_ptr_array_unref);
  images = toa_images_list (store, id, NULL);
  g_assert_cmpuint (images->len, ==, 1);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "toasoan://media/") == NULL
         && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);
  g_assert_nonnull (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)),
                            "Cây cầu mới bắc qua sông Bé"));
  g_assert_null (dialog);   /* inserted: closed */
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
  g_test_add_func ("/ui/item-thread/item-comment-off-main-thread", test_item_comment_off_main_thread);
  g_test_add_func ("/ui/item-thread/item-action-off-main-thread", test_item_action_off_main_thread);
  g_test_add_func ("/ui/item-thread/item-closed-while-loading", test_item_closed_while_loading);
  g_test_add_func ("/ui/item-thread/item-reader-cancelled-by-owner", test_item_reader_cancelled_by_owner);
  g_test_add_func ("/ui/item-thread/editor-opens-while-server-silent", test_editor_opens_while_server_silent);
  g_test_add_func ("/ui/item-thread/editor-failure-try-again", test_editor_failure_try_again);
  g_test_add_func ("/ui/item-thread/editor-save-off-main-thread", test_editor_save_off_main_thread);
  g_test_add_func ("/ui/item-thread/editor-conflict-off-main-thread", test_editor_conflict_off_main_thread);
  g_test_add_func ("/ui/item-thread/editor-image-off-main-thread", test_editor_image_off_main_thread);
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
