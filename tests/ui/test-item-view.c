/* test-item-view.c — the item view and its action dialog, driven through their widgets on a
 * temporary board (Bình Phước 2024, the default workflow): as the secretary the buttons are
 * exactly toa_transitions_available's codes; a return without a comment keeps the dialog
 * open with core's message; "forward" through the dialog moves the item in the store, adds a
 * timeline row naming the secretary and emits "changed"; a comment with a mention is listed
 * with the person named, an unknown mention is refused inline and the text kept; as an editor
 * the secretary's actions are absent; a stale version gives core's conflict in the dialog with
 * the typed comment kept; a withdrawal becomes a request the standing deputy approves;
 * scheduling validates date and time; the Inbox opens the item view; screenshots are written
 * and are not blank. Needs a display (xvfb-run); skips without one. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "toa-action-dialog.h"
#include "toa-application.h"
#include "toa-articles.h"
#include "toa-board.h"
#include "toa-inbox-page.h"
#include "toa-item-view.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-text.h"
#include "toa-transition-actions.h"
#include "toa-ui-test-util.h"


static char           *db_path;
static ToaStore       *store;
static ToaApplication *app;
static ToaPerson      *secretary;
static ToaPerson      *editor;

/* ---- helpers ----------------------------------------------------------------------------- */

/* A new article by the editor, put in @state directly (test setup, not a transition). */
static gint64
article_in (const char *title, const char *state)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = {
    .section_code = "tin", .genre = "tin", .title = title,
    .sapo = "Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác năm và triển khai "
            "nhiệm vụ năm tới.",
    .body_html = "<p>Phát biểu tại hội nghị, đồng chí Chủ tịch nhấn mạnh yêu cầu đẩy mạnh chuyển đổi số, "
                 "cải cách thủ tục hành chính và nâng cao chất lượng phục vụ người dân.</p>"
                 "<p>Hội nghị đã thống nhất các chỉ tiêu chủ yếu cho năm tới.</p>",
    .body_len = -1,
    .attribution = "Minh Anh",
  };
  g_autoptr(ToaArticle) article = toa_articles_create (store, editor, &draft, &error);

  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static GtkWidget *
child (gpointer widget, GType type, const char *name)
{
  GtkWidget *found = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
view_child (ToaItemView *view, const char *name)
{
  return child (view, TOA_TYPE_ITEM_VIEW, name);
}

/* The codes of the action buttons, in order, space-separated. */
static char *
button_codes (ToaItemView *view)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (GtkWidget *b = gtk_widget_get_first_child (view_child (view, "actions_box")); b != NULL;
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

static GtkWidget *
button_for (ToaItemView *view, const char *code)
{
  for (GtkWidget *b = gtk_widget_get_first_child (view_child (view, "actions_box")); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    if (g_str_equal (gtk_widget_get_name (b), code))
      return b;
  return NULL;
}

/* Does any label under @widget contain @text? */
static gboolean
has_text (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_text (c, text))
      return TRUE;
  return FALSE;
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

static GObject *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static char *
state_of (gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (flow->state);
}

static void
set_text_view (GtkWidget *text_view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), text, -1);
}

static char *
text_view_text (GtkWidget *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_changed (gpointer view, guint *count)
{
  (*count)++;
}

/* ---- tests ------------------------------------------------------------------------------- */

static gint64 item_id;

static void
test_secretary_actions (void)
{
  ToaItemView *view;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;

  item_id = article_in ("Hội nghị tổng kết công tác năm của Ủy ban nhân dân tỉnh", "secretary-review");
  view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, item_id));
  gtk_window_present (GTK_WINDOW (view));
  g_assert_true (toa_ui_test_wait_frame (GTK_WIDGET (view), 10000));

  shown = button_codes (view);
  expected = available_codes (secretary, item_id);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_nonnull (strstr (shown, "forward"));
  g_assert_nonnull (strstr (shown, "return"));
  g_assert_false (gtk_widget_get_visible (view_child (view, "no_actions_label")));
  /* The content is the article's. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (toa_item_view_get_article_view (view),
                                                         TOA_TYPE_ARTICLE_VIEW, "title_label"))),
                   ==, "Hội nghị tổng kết công tác năm của Ủy ban nhân dân tỉnh");
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_return_needs_comment (void)
{
  ToaItemView *view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, item_id));
  GtkWidget *button = button_for (view, "return");
  ToaActionDialog *dialog;
  g_autofree char *state = NULL;

  gtk_window_present (GTK_WINDOW (view));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = TOA_ACTION_DIALOG (find_toplevel (TOA_TYPE_ACTION_DIALOG));
  g_assert_nonnull (dialog);
  /* A return asks for the step to go back to. */
  g_assert_true (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "target_row")));
  g_assert_false (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "date_row")));

  g_signal_emit_by_name (child (dialog, TOA_TYPE_ACTION_DIALOG, "ok_button"), "clicked");
  g_assert_true (find_toplevel (TOA_TYPE_ACTION_DIALOG) == G_OBJECT (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "error_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (dialog, TOA_TYPE_ACTION_DIALOG, "error_label"))), !=, "");
  state = state_of (item_id);
  g_assert_cmpstr (state, ==, "secretary-review");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_forward (void)
{
  ToaItemView *view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, item_id));
  GtkWidget *timeline = view_child (view, "timeline_list");
  guint rows_before = n_rows (timeline);
  guint changed = 0;
  gint64 version = toa_item_view_get_version (view);
  ToaActionDialog *dialog;
  g_autofree char *state = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;

  gtk_window_present (GTK_WINDOW (view));
  g_signal_connect (view, "changed", G_CALLBACK (on_changed), &changed);
  g_signal_emit_by_name (button_for (view, "forward"), "clicked");
  dialog = TOA_ACTION_DIALOG (find_toplevel (TOA_TYPE_ACTION_DIALOG));
  g_assert_nonnull (dialog);
  set_text_view (child (dialog, TOA_TYPE_ACTION_DIALOG, "comment_view"), "Đã xem, trình Phó Trưởng ban.");
  g_signal_emit_by_name (child (dialog, TOA_TYPE_ACTION_DIALOG, "ok_button"), "clicked");
  g_assert_null (find_toplevel (TOA_TYPE_ACTION_DIALOG));

  state = state_of (item_id);
  g_assert_cmpstr (state, ==, "deputy-review");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (toa_item_view_get_version (view), >, version);
  g_assert_cmpuint (n_rows (timeline), ==, rows_before + 1);
  g_assert_true (has_text (timeline, "Người Thư ký"));
  g_assert_true (has_text (timeline, "Đã xem, trình Phó Trưởng ban."));
  /* The actions were read again: the secretary has none left here. */
  shown = button_codes (view);
  expected = available_codes (secretary, item_id);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_null (button_for (view, "forward"));
  g_assert_true (gtk_widget_get_visible (view_child (view, "no_actions_label")));
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_stale_version (void)
{
  gint64 id = article_in ("Tin về hai người cùng xử lý", "secretary-review");
  ToaItemView *view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, id));
  ToaActionDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = "return", .target = "editing",
                                   .comment = "Trả lại trước." };

  gtk_window_present (GTK_WINDOW (view));
  dialog = TOA_ACTION_DIALOG (toa_item_view_open_action (view, "forward"));
  g_assert_nonnull (dialog);
  set_text_view (child (dialog, TOA_TYPE_ACTION_DIALOG, "comment_view"), "Chuyển tiếp.");
  /* Someone else acts first. */
  g_assert_true (toa_transitions_do (store, secretary, &request, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (toa_action_dialog_run (dialog));
  g_assert_true (find_toplevel (TOA_TYPE_ACTION_DIALOG) == G_OBJECT (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "error_label")));
  typed = text_view_text (child (dialog, TOA_TYPE_ACTION_DIALOG, "comment_view"));
  g_assert_cmpstr (typed, ==, "Chuyển tiếp.");
  {
    g_autofree char *state = state_of (id);
    g_assert_cmpstr (state, ==, "editing");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_comment_with_mention (void)
{
  ToaItemView *view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, item_id));
  GtkWidget *list = view_child (view, "comment_list");
  GtkWidget *text = view_child (view, "comment_view");
  GtkWidget *people = view_child (view, "people_list");
  GtkWidget *error_label = view_child (view, "comment_error_label");
  g_autofree char *typed = NULL;
  g_autofree char *kept = NULL;
  guint changed = 0;

  gtk_window_present (GTK_WINDOW (view));
  g_signal_connect (view, "changed", G_CALLBACK (on_changed), &changed);
  g_assert_cmpuint (n_rows (list), ==, 0);

  /* An unknown login is refused inline; the text stays. */
  set_text_view (text, "Nhờ @khong-co-ai xem lại");
  g_signal_emit_by_name (view_child (view, "add_comment_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  kept = text_view_text (text);
  g_assert_cmpstr (kept, ==, "Nhờ @khong-co-ai xem lại");
  g_assert_cmpuint (n_rows (list), ==, 0);

  /* The people menu inserts "@login" at the cursor. */
  set_text_view (text, "Nhờ anh xem lại số liệu");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));
    GtkTextIter at;
    GtkListBoxRow *row = NULL;

    gtk_text_buffer_get_iter_at_offset (buffer, &at, 3);
    gtk_text_buffer_place_cursor (buffer, &at);
    for (GtkWidget *c = gtk_widget_get_first_child (people); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_LIST_BOX_ROW (c) && g_strcmp0 (g_object_get_data (G_OBJECT (c), "login"), "r-editor") == 0)
        row = GTK_LIST_BOX_ROW (c);
    g_assert_nonnull (row);
    g_signal_emit_by_name (people, "row-activated", row);
  }
  typed = text_view_text (text);
  g_assert_cmpstr (typed, ==, "Nhờ @r-editor anh xem lại số liệu");

  g_signal_emit_by_name (view_child (view, "add_comment_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpuint (n_rows (list), ==, 1);
  g_assert_true (has_text (list, "Người Biên tập"));      /* the mention, by name */
  g_assert_true (has_text (list, "@r-editor"));
  g_assert_cmpuint (changed, ==, 1);
  g_free (typed);
  typed = text_view_text (text);
  g_assert_cmpstr (typed, ==, "");
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_editor_sees_own_actions (void)
{
  gint64 id = article_in ("Tin chờ Thư ký", "secretary-review");
  ToaItemView *view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, editor, id));
  g_autofree char *shown = button_codes (view);
  g_autofree char *expected = available_codes (editor, id);
  g_autofree char *secretary_codes = available_codes (secretary, id);

  g_assert_cmpstr (shown, ==, expected);
  g_assert_cmpstr (secretary_codes, !=, "");
  g_assert_null (button_for (view, "forward"));
  g_assert_null (button_for (view, "return"));
  g_assert_null (toa_item_view_open_action (view, "forward"));
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_opened_from_inbox (void)
{
  ToaWindow *window;
  GtkWidget *inbox;
  ToaItemView *view = NULL;
  gint64 id = article_in ("Tin trong hộp việc", "secretary-review");

  window = toa_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (toa_ui_test_wait_frame (GTK_WIDGET (window), 10000));
  toa_ui_test_sign_in (window, "r-secretary", TOA_UI_TEST_PASSWORD);
  g_assert_nonnull (toa_window_get_person (window));
  inbox = child (window, TOA_TYPE_WINDOW, "inbox_page");
  toa_inbox_page_refresh (TOA_INBOX_PAGE (inbox));
  toa_inbox_page_wait_idle (TOA_INBOX_PAGE (inbox));
  g_assert_cmpuint (g_list_model_get_n_items (toa_inbox_page_get_model (TOA_INBOX_PAGE (inbox))), >, 0);
  g_signal_emit_by_name (child (inbox, TOA_TYPE_INBOX_PAGE, "column_view"), "activate", 0);
  view = TOA_ITEM_VIEW (find_toplevel (TOA_TYPE_ITEM_VIEW));
  g_assert_nonnull (view);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (view)) == GTK_WINDOW (window));
  (void) id;
  gtk_window_destroy (GTK_WINDOW (view));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A withdrawal by the secretary becomes a request (the dialog says so); the timeline lists it
 * as waiting; the standing deputy sees the two decisions and approves through the dialog. */
static void
test_approval_request (void)
{
  gint64 id = article_in ("Tin đã đăng cần gỡ", "published");
  ToaItemView *view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, id));
  g_autoptr(ToaPerson) deputy = toa_people_find_actor (store, "r-deputy", NULL);
  GtkWindow *dialog;
  g_autofree char *state = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *expected = NULL;

  gtk_window_present (GTK_WINDOW (view));
  dialog = toa_item_view_open_action (view, "withdraw");
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "info_label")));
  set_text_view (child (dialog, TOA_TYPE_ACTION_DIALOG, "comment_view"), "Số liệu chưa chính xác.");
  g_assert_true (toa_action_dialog_run (TOA_ACTION_DIALOG (dialog)));
  state = state_of (id);
  g_assert_cmpstr (state, ==, "published");
  g_assert_true (has_text (view_child (view, "timeline_list"), "Số liệu chưa chính xác."));
  g_assert_null (button_for (view, "withdraw"));
  gtk_window_destroy (GTK_WINDOW (view));

  g_assert_nonnull (deputy);
  view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, deputy, id));
  gtk_window_present (GTK_WINDOW (view));
  shown = button_codes (view);
  expected = available_codes (deputy, id);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_nonnull (button_for (view, "approve-request"));
  g_assert_nonnull (button_for (view, "reject-request"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (view_child (view, "view_stack")), "timeline");
  toa_ui_test_screenshot (GTK_WIDGET (view), "toasoan-item-view-request.png", 50);
  dialog = toa_item_view_open_action (view, "approve-request");
  g_assert_true (toa_action_dialog_run (TOA_ACTION_DIALOG (dialog)));
  g_free (state);
  state = state_of (id);
  g_assert_cmpstr (state, ==, "withdrawn");
  g_assert_true (has_text (view_child (view, "timeline_list"), "Người Phó Trưởng ban"));
  gtk_window_destroy (GTK_WINDOW (view));
}

/* Scheduling asks for a date and a time (Vietnam time); a malformed time is refused in the
 * dialog, a good one schedules the item and the timeline shows when. */
static void
test_schedule (void)
{
  gint64 id = article_in ("Tin hẹn giờ", "deputy-review");
  g_autoptr(ToaPerson) deputy = toa_people_find_actor (store, "r-deputy", NULL);
  ToaItemView *view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, deputy, id));
  g_autoptr(GDateTime) now = g_date_time_new_now (toa_time_zone ());
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%d/%m/%Y");
  g_autofree char *when = g_strdup_printf ("%s 08:30", date);
  g_autofree char *state = NULL;
  GtkWindow *dialog;

  gtk_window_present (GTK_WINDOW (view));
  dialog = toa_item_view_open_action (view, "schedule");
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "date_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "time_row")));
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, TOA_TYPE_ACTION_DIALOG, "date_row")), date);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, TOA_TYPE_ACTION_DIALOG, "time_row")), "25:99");
  g_assert_false (toa_action_dialog_run (TOA_ACTION_DIALOG (dialog)));
  g_assert_true (gtk_widget_get_visible (child (dialog, TOA_TYPE_ACTION_DIALOG, "error_label")));
  state = state_of (id);
  g_assert_cmpstr (state, ==, "deputy-review");

  gtk_editable_set_text (GTK_EDITABLE (child (dialog, TOA_TYPE_ACTION_DIALOG, "time_row")), "08:30");
  g_assert_true (toa_action_dialog_run (TOA_ACTION_DIALOG (dialog)));
  g_free (state);
  state = state_of (id);
  g_assert_cmpstr (state, ==, "scheduled");
  g_assert_true (has_text (view_child (view, "timeline_list"), when));
  gtk_window_destroy (GTK_WINDOW (view));
}

/* The item view of an item the editor sent on (the secretary's buttons showing), the
 * timeline and comments of the forwarded item, and the return dialog, which preselects the
 * step the item came from. */
static void
test_screenshot (void)
{
  g_autoptr(GError) error = NULL;
  gint64 id = article_in ("Tỉnh đẩy mạnh chuyển đổi số trong cơ quan nhà nước", "editing");
  ToaTransitionRequest forward = { .article_id = id, .transition = "forward",
                                   .comment = "Kính chuyển Thư ký xem xét." };
  ToaItemView *view;
  ToaItemView *forwarded;
  GtkWindow *dialog;
  GObject *chosen;

  g_autoptr(GDateTime) now = g_date_time_new_now (toa_time_zone ());
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 10);
  g_autofree char *deadline = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *shown_date = g_date_time_format (later, "%d/%m/%Y");
  GtkWidget *deadline_value;

  g_assert_true (toa_transitions_do (store, editor, &forward, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (toa_store_article_deadline_set (store, id, deadline, &error));
  g_assert_no_error (error);
  view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, id));
  gtk_window_present (GTK_WINDOW (view));
  g_assert_nonnull (button_for (view, "forward"));
  deadline_value = g_object_get_data (G_OBJECT (view_child (view, "deadline_row")), "value");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (deadline_value)), shown_date));
  toa_ui_test_screenshot (GTK_WIDGET (view), "toasoan-item-view.png", 50);

  dialog = toa_item_view_open_action (view, "return");
  g_assert_nonnull (dialog);
  chosen = adw_combo_row_get_selected_item (ADW_COMBO_ROW (child (dialog, TOA_TYPE_ACTION_DIALOG, "target_row")));
  g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (chosen)), ==, "Đang biên tập");
  toa_ui_test_screenshot (GTK_WIDGET (dialog), "toasoan-action-dialog.png", 20);
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (view));

  forwarded = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, secretary, item_id));
  gtk_window_present (GTK_WINDOW (forwarded));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (view_child (forwarded, "view_stack")), "timeline");
  toa_ui_test_screenshot (GTK_WIDGET (forwarded), "toasoan-item-view-timeline.png", 50);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (view_child (forwarded, "view_stack")), "comments");
  toa_ui_test_screenshot (GTK_WIDGET (forwarded), "toasoan-item-view-comments.png", 50);
  gtk_window_destroy (GTK_WINDOW (forwarded));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-item-view"))
    return 77;   /* meson's "skipped" */

  db_path = toa_ui_test_temp_database ("item");
  store = toa_ui_test_board_store (db_path, "tin");
  secretary = toa_ui_test_add_person (store, "r-secretary", "Người Thư ký", "secretary");
  editor = toa_ui_test_add_person (store, "r-editor", "Người Biên tập", "editor");
  toa_person_free (toa_ui_test_add_person (store, "r-deputy", "Người Phó Trưởng ban", "standing-deputy"));

  app = toa_ui_test_application ();

  g_test_add_func ("/ui/item-view/secretary-actions", test_secretary_actions);
  g_test_add_func ("/ui/item-view/return-needs-comment", test_return_needs_comment);
  g_test_add_func ("/ui/item-view/forward", test_forward);
  g_test_add_func ("/ui/item-view/stale-version", test_stale_version);
  g_test_add_func ("/ui/item-view/comment-with-mention", test_comment_with_mention);
  g_test_add_func ("/ui/item-view/editor-actions", test_editor_sees_own_actions);
  g_test_add_func ("/ui/item-view/approval-request", test_approval_request);
  g_test_add_func ("/ui/item-view/schedule", test_schedule);
  g_test_add_func ("/ui/item-view/screenshot", test_screenshot);
  g_test_add_func ("/ui/item-view/opened-from-inbox", test_opened_from_inbox);
  status = g_test_run ();

  g_clear_object (&app);
  toa_person_free (secretary);
  toa_person_free (editor);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  return status;
}
