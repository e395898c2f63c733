/* test-article-editor.c — the article editor window (issue 5; issue 4 point 4) under Xvfb:
 * typing reaches the draft journal within 2 s; a child process typing in the editor is killed
 * with SIGKILL and reopening the article offers what it typed, losing at most the last 2 s;
 * a save over a newer version opens the conflict view, and merging keeps both changes; a save
 * that fails keeps the draft; the word and character counts and the title counter (the board's
 * limit); HTML export to a path; links through Ctrl+K (other schemes refused); tables; find and
 * replace; an image from a file; the toolbar following the caret; Ctrl+S / Ctrl+F / Ctrl+B
 * (through the shortcut controller, and as real keys with xdotool when it is installed);
 * Vietnamese spell checking; a tooltip on every button; screenshots of the editor with a
 * Vietnamese article written to the build directory (article-editor.png, and with the find
 * bar and the phone preview open, article-editor-preview.png).
 *
 * The child is this program with TOA_EDITOR_CHILD="DB|JOURNAL_DIR|ARTICLE_ID|LOGIN" in its
 * environment: it opens the editor and types one word every 100 ms, printing
 * "typed N MICROSECONDS" after each, until it is killed. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <webkit/webkit.h>

#include "toa-article-editor.h"
#include "toa-articles.h"
#include "toa-conflict-dialog.h"
#include "toa-error.h"
#include "toa-item-view.h"
#include "toa-prepublish.h"
#include "toa-preview-view.h"
#include "toa-store-open.h"
#include "toa-ui-test-util.h"

#define WORD_MS 100

static char           *db_path;
static char           *journal_dir;
static ToaStore       *store;
static ToaApplication *app;
static ToaPerson      *editor;
static ToaPerson      *deputy;

/* ---- helpers ---------------------------------------------------------------------------- */

static gint64
new_article (const char *title, const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien", .genre = "tin", .title = title,
    .sapo = "Sáng nay, tại Hội trường UBND tỉnh, đoàn công tác đã làm việc với các sở, ngành.",
    .body_html = body, .body_len = -1,
  };

  article = toa_articles_create (store, editor, &draft, &error);
  g_assert_no_error (error);
  return article->id;
}

static ToaArticleEditor *
open_editor (ToaStore *on, const ToaPerson *person, gint64 id, ToaDraftJournal *journal)
{
  GtkWindow *window = toa_article_editor_new (NULL, on, person, id, journal);
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (window);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_present (window);
  while (!toa_article_editor_get_ready (self) && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_true (toa_article_editor_get_ready (self));
  toa_ui_test_spin (200);
  return self;
}

typedef struct {
  gboolean   done;
  JSCValue  *value;
  GError    *error;
} Wait;

static void
js_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (source), result,
                                                                       &wait->error);
  wait->done = TRUE;
}

/* Types @text at the end of the body, as an input method commits it (in the editor's world). */
static void
type_at_end (ToaArticleEditor *self, const char *text)
{
  GtkWidget *web_view = toa_editor_view_get_web_view (toa_article_editor_get_editor_view (self));
  Wait wait = { 0 };
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "text", g_variant_new_string (text));
  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (web_view),
    "const d = document.getElementById('toa-doc'); d.focus();"
    "const s = getSelection(); s.selectAllChildren(d.lastElementChild || d); s.collapseToEnd();"
    "document.execCommand('insertText', false, text); return 1;",
    -1, g_variant_builder_end (&builder), "toasoan", NULL, NULL, js_done, &wait);
  g_assert_true (toa_ui_test_wait_flag (&wait.done, 10000));
  g_assert_no_error (wait.error);
  g_clear_object (&wait.value);
}

/* The first widget named @name under @widget. */
static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type under @widget. */
static GtkWidget *
find_type (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first button under @widget labelled @label. */
static GtkWidget *
find_label (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
close_editor (ToaArticleEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
  toa_ui_test_spin (100);
}

/* Runs @body (a JS function body) in the editor's world; the result as a string (owned). */
static char *
run_js (ToaArticleEditor *self, const char *body)
{
  GtkWidget *web_view = toa_editor_view_get_web_view (toa_article_editor_get_editor_view (self));
  Wait wait = { 0 };
  char *out;

  webkit_web_view_call_async_javascript_function (WEBKIT_WEB_VIEW (web_view), body, -1, NULL, "toasoan",
                                                  NULL, NULL, js_done, &wait);
  g_assert_true (toa_ui_test_wait_flag (&wait.done, 10000));
  g_assert_no_error (wait.error);
  out = jsc_value_to_string (wait.value);
  g_clear_object (&wait.value);
  return out;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* Puts the caret inside the first element matching @selector (at the start of its text). */
static void
caret_in (ToaArticleEditor *self, const char *selector)
{
  g_autofree char *body = g_strdup_printf (
    "const d = document.getElementById('toa-doc'); d.focus();"
    "const el = d.querySelector('%s');"
    "const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); const t = w.nextNode();"
    "if (t) getSelection().collapse(t, Math.min(1, t.length)); else getSelection().collapse(el, 0);"
    "return 1;", selector);
  gboolean pushed = FALSE;
  gulong handler = g_signal_connect_swapped (toa_article_editor_get_editor_view (self), "state-changed",
                                             G_CALLBACK (set_flag), &pushed);
  g_autofree char *r = run_js (self, body);

  /* the page pushes the new state (not when it is the same as before: then this times out) */
  toa_ui_test_wait_flag (&pushed, 2000);
  g_signal_handler_disconnect (toa_article_editor_get_editor_view (self), handler);
  toa_ui_test_spin (100);
}

/* Selects the text @word in the body. */
static void
select_word (ToaArticleEditor *self, const char *word)
{
  g_autofree char *body = g_strdup_printf (
    "const d = document.getElementById('toa-doc'); d.focus(); const s = '%s';"
    "const w = document.createTreeWalker(d, NodeFilter.SHOW_TEXT); let t;"
    "while ((t = w.nextNode())) { const i = t.data.indexOf(s);"
    "  if (i >= 0) { getSelection().setBaseAndExtent(t, i, t, i + s.length); return 1; } }"
    "return 0;", word);
  g_autofree char *r = run_js (self, body);

  g_assert_cmpstr (r, ==, "1");
  toa_ui_test_spin (300);
}

/* Waits until the body pushed by the page contains (or not) @needle. */
static gboolean
wait_html (ToaArticleEditor *self, const char *needle, gboolean present)
{
  ToaEditorView *view = toa_article_editor_get_editor_view (self);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (((strstr (toa_editor_view_get_html (view), needle) != NULL) != present)
         && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);
  if ((strstr (toa_editor_view_get_html (view), needle) != NULL) != present)
    {
      g_test_message ("the body: %s", toa_editor_view_get_html (view));
      return FALSE;
    }
  return TRUE;
}

static guint
count_of (const char *haystack, const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Waits until the body has @n occurrences of @needle. */
static gboolean
wait_count (ToaEditorView *view, const char *needle, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (count_of (toa_editor_view_get_html (view), needle) != n && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);
  if (count_of (toa_editor_view_get_html (view), needle) != n)
    {
      g_test_message ("the body: %s", toa_editor_view_get_html (view));
      return FALSE;
    }
  return TRUE;
}

/* The widget under @widget showing @text (a menu item: its "text" property). */
static GtkWidget *
find_text (GtkWidget *widget, const char *text)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text") != NULL)
    {
      g_autofree char *t = NULL;
      g_object_get (widget, "text", &t, NULL);
      if (g_strcmp0 (t, text) == 0)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_text (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens the toolbar's table menu: is the item labelled @text usable? */
static gboolean
table_item_sensitive (ToaArticleEditor *self, const char *text)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (find_named (GTK_WIDGET (self), "table"));
  GtkWidget *item;
  gboolean sensitive;

  gtk_menu_button_popup (button);
  toa_ui_test_spin (200);
  item = find_text (GTK_WIDGET (gtk_menu_button_get_popover (button)), text);
  g_assert_nonnull (item);
  sensitive = gtk_widget_is_sensitive (item);
  gtk_menu_button_popdown (button);
  toa_ui_test_spin (100);
  return sensitive;
}

/* Activates the window's keyboard shortcut @keyval+Ctrl as a key press would. */
static void
press_shortcut (ToaArticleEditor *self, guint keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (self));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, GDK_CONTROL_MASK);
  gboolean found = FALSE;

  for (guint i = 0; !found && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !found && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              found = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                    GTK_WIDGET (self), NULL);
            }
        }
    }
  g_assert_true (found);
}

static const char *
label_text (ToaArticleEditor *self, const char *name)
{
  GtkWidget *label = find_named (GTK_WIDGET (self), name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* ---- the child that gets killed --------------------------------------------------------- */

static int
run_child (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, "|", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) child_store = NULL;
  g_autoptr(ToaPerson) person = NULL;
  g_autoptr(ToaDraftJournal) journal = NULL;
  ToaArticleEditor *self;

  gtk_init ();
  adw_init ();
  child_store = toa_store_open (parts[0], TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  person = toa_store_person_find (child_store, parts[3], &error);
  g_assert_no_error (error);
  journal = toa_draft_journal_new (parts[1], toa_store_describe (child_store));
  self = open_editor (child_store, person, g_ascii_strtoll (parts[2], NULL, 10), journal);
  for (guint i = 1; ; i++)
    {
      g_autofree char *word = g_strdup_printf (" chữ%04u", i);

      type_at_end (self, word);
      g_print ("typed %u %lld\n", i, (long long) g_get_real_time ());
      fflush (stdout);
      toa_ui_test_spin (WORD_MS);
    }
  return 0;
}

/* ---- tests ------------------------------------------------------------------------------ */

static void
test_autosave (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Tỉnh triển khai chuyển đổi số năm 2026", "<p>Đoạn đầu tiên.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  g_autoptr(ToaArticle) draft = NULL;
  g_autoptr(GError) error = NULL;
  gint64 typed, at = 0, deadline;

  g_assert_false (toa_article_editor_recovery_offered (self));
  type_at_end (self, " Người dân được hỗ trợ tận tình.");
  typed = g_get_real_time ();
  /* within 2 s the journal has it, without anyone saving */
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      toa_ui_test_spin (50);
      toa_draft_journal_flush (journal);
      g_clear_object (&draft);
      draft = toa_draft_journal_read (journal, id, &at, &error);
      g_assert_no_error (error);
      if (draft != NULL && strstr (draft->body_html, "hỗ trợ tận tình") != NULL)
        break;
    }
  g_assert_nonnull (draft);
  g_assert_nonnull (strstr (draft->body_html, "hỗ trợ tận tình"));
  g_test_message ("recorded %.0f ms after the keystroke", (at - typed) / 1000.0);
  g_assert_cmpint (at - typed, <=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (draft->version, ==, 1);

  /* saving forgets the draft and stores the text */
  toa_article_editor_save (self);
  toa_ui_test_spin (500);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  g_clear_object (&draft);
  draft = toa_draft_journal_read (journal, id, &at, &error);
  g_assert_no_error (error);
  g_assert_null (draft);
  {
    g_autoptr(ToaArticle) saved = toa_store_article_get (store, id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (saved->body_html, "hỗ trợ tận tình"));
    g_assert_cmpint (saved->version, ==, 2);
  }
  close_editor (self);
}

static void
test_kill_and_recover (void)
{
  gint64 id = new_article ("Hội nghị tổng kết công tác năm", "<p>Mở đầu.</p>");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) typed_at = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(ToaDraftJournal) journal = NULL;
  g_autoptr(ToaArticle) recovered = NULL;
  g_autofree char *spec = g_strdup_printf ("%s|%s|%lld|%s", db_path, journal_dir, (long long) id, editor->login);
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  ToaArticleEditor *self;
  gint64 killed_at;
  guint lost = 0, last_present = 0;

  g_subprocess_launcher_setenv (launcher, "TOA_EDITOR_CHILD", spec, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, exe, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  /* let it type ~40 words (4 s), then kill it mid-word */
  while (typed_at->len < 40)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      guint n;
      gint64 at;

      g_assert_no_error (error);
      g_assert_nonnull (line);   /* the child died early */
      if (sscanf (line, "typed %u %" G_GINT64_FORMAT, &n, &at) == 2)
        {
          g_array_set_size (typed_at, n + 1);
          g_array_index (typed_at, gint64, n) = at;
        }
    }
  g_usleep (WORD_MS * 1000 / 2);
  killed_at = g_get_real_time ();
  kill (atoi (g_subprocess_get_identifier (child)), SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* reopening offers what was typed */
  journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  self = open_editor (store, editor, id, journal);
  g_assert_true (toa_article_editor_recovery_offered (self));
  toa_article_editor_restore_draft (self);
  toa_ui_test_spin (500);
  recovered = toa_article_editor_get_article (self);
  for (guint n = 1; n < typed_at->len; n++)
    {
      g_autofree char *word = g_strdup_printf ("chữ%04u", n);
      gint64 at = g_array_index (typed_at, gint64, n);

      if (strstr (recovered->body_html, word) != NULL)
        last_present = n;
      else if (at <= killed_at - 2 * G_USEC_PER_SEC)
        {
          g_test_message ("word %u typed %.1f s before the kill is lost", n, (killed_at - at) / 1e6);
          lost++;
        }
    }
  g_test_message ("typed %u words; the last recovered is %u, typed %.2f s before the kill",
                  typed_at->len - 1, last_present,
                  last_present > 0 ? (killed_at - g_array_index (typed_at, gint64, last_present)) / 1e6 : -1.0);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpuint (last_present, >, 0);
  /* and the editor shows it */
  g_assert_nonnull (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "chữ0001"));
  toa_article_editor_save (self);
  toa_ui_test_spin (500);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  close_editor (self);
}

static void
test_conflict (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Khai mạc Hội chợ thương mại Bình Phước",
                           "<p>Đoạn một về hội chợ.</p><p>Đoạn hai về gian hàng.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) theirs = NULL;
  g_autoptr(ToaArticle) after = NULL;
  GtkWindow *dialog;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  g_autofree char *merged = NULL;

  /* meanwhile the deputy changes the second paragraph and saves */
  theirs = toa_store_article_get (store, id, &error);
  g_assert_no_error (error);
  g_free (theirs->body_html);
  theirs->body_html = g_strdup ("<p>Đoạn một về hội chợ.</p><p>Đoạn hai về 300 gian hàng.</p>");
  g_assert_true (toa_articles_save (store, deputy, theirs, NULL, &error));
  g_assert_no_error (error);

  /* I change the first paragraph and save: the conflict view opens */
  toa_editor_view_set_html (toa_article_editor_get_editor_view (self),
                            "<p>Đoạn một về hội chợ năm 2026.</p><p>Đoạn hai về gian hàng.</p>");
  toa_ui_test_spin (600);
  toa_article_editor_save (self);
  toa_ui_test_spin (500);
  dialog = toa_article_editor_get_conflict_dialog (self);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  buffer = gtk_text_view_get_buffer (toa_conflict_dialog_get_view (TOA_CONFLICT_DIALOG (dialog), FALSE));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  left = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  buffer = gtk_text_view_get_buffer (toa_conflict_dialog_get_view (TOA_CONFLICT_DIALOG (dialog), TRUE));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  right = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (left, "năm 2026"));
  g_assert_null (strstr (left, "300 gian"));
  g_assert_nonnull (strstr (right, "300 gian"));
  g_assert_null (strstr (right, "năm 2026"));
  toa_ui_test_screenshot (GTK_WIDGET (dialog), "conflict-view.png", 8);

  /* merge: both changes, nothing lost; then save goes over the deputy's version */
  toa_conflict_dialog_choose (TOA_CONFLICT_DIALOG (dialog), TOA_CONFLICT_MERGE);
  toa_ui_test_spin (800);
  g_assert_null (toa_article_editor_get_conflict_dialog (self));
  merged = g_strdup (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)));
  g_assert_nonnull (strstr (merged, "năm 2026"));
  g_assert_nonnull (strstr (merged, "300 gian"));
  g_assert_cmpint (toa_article_editor_get_base_version (self), ==, 2);
  toa_article_editor_save (self);
  toa_ui_test_spin (500);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  after = toa_store_article_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->version, ==, 3);
  g_assert_nonnull (strstr (after->body_html, "năm 2026"));
  g_assert_nonnull (strstr (after->body_html, "300 gian"));
  close_editor (self);
}

/* Keep mine: saved over theirs (their version stays in the revisions); take theirs: the editor
 * shows the saved version. */
static void
test_conflict_keep_and_take (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Thông báo lịch tiếp công dân", "<p>Bản gốc.</p>");
  g_autoptr(GError) error = NULL;

  for (int round = 0; round < 2; round++)
    {
      ToaArticleEditor *self = open_editor (store, editor, id, journal);
      g_autoptr(ToaArticle) theirs = toa_store_article_get (store, id, &error);
      g_autoptr(ToaArticle) after = NULL;
      g_autofree char *mine_html = g_strdup_printf ("<p>Bản của tôi %d.</p>", round);
      g_autofree char *their_html = g_strdup_printf ("<p>Bản của phó %d.</p>", round);
      GtkWindow *dialog;

      g_assert_no_error (error);
      g_free (theirs->body_html);
      theirs->body_html = g_strdup (their_html);
      g_assert_true (toa_articles_save (store, deputy, theirs, NULL, &error));
      toa_editor_view_set_html (toa_article_editor_get_editor_view (self), mine_html);
      toa_ui_test_spin (700);
      toa_article_editor_save (self);
      toa_ui_test_spin (500);
      dialog = toa_article_editor_get_conflict_dialog (self);
      g_assert_nonnull (dialog);
      toa_conflict_dialog_choose (TOA_CONFLICT_DIALOG (dialog), round == 0 ? TOA_CONFLICT_KEEP_MINE
                                                                            : TOA_CONFLICT_TAKE_THEIRS);
      toa_ui_test_spin (800);
      after = toa_store_article_get (store, id, &error);
      g_assert_no_error (error);
      if (round == 0)
        {
          g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
          g_assert_nonnull (strstr (after->body_html, "Bản của tôi 0"));
          g_assert_cmpint (after->version, ==, theirs->version + 1);
        }
      else
        {
          g_assert_nonnull (strstr (after->body_html, "Bản của phó 1"));
          g_assert_cmpint (after->version, ==, theirs->version);
          g_assert_nonnull (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)),
                                    "Bản của phó 1"));
          g_assert_cmpint (toa_article_editor_get_base_version (self), ==, theirs->version);
        }
      close_editor (self);
    }
}

/* A save core refuses keeps what was typed in the editor and in the journal. */
static void
test_failed_save_keeps_draft (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Tiêu đề sẽ bị xóa", "<p>Nội dung.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  GtkWidget *title = NULL;
  g_autoptr(ToaArticle) draft = NULL;
  g_autoptr(GError) error = NULL;
  gint64 at;

  /* empty the title: core refuses the save */
  title = find_named (GTK_WIDGET (self), "title");
  g_assert_nonnull (title);
  gtk_editable_set_text (GTK_EDITABLE (title), "");
  type_at_end (self, " Câu mới chưa lưu.");
  toa_ui_test_spin (600);
  toa_article_editor_save (self);
  toa_ui_test_spin (500);
  g_assert_cmpstr (toa_article_editor_get_message (self), !=, _("Saved"));
  toa_draft_journal_flush (journal);
  draft = toa_draft_journal_read (journal, id, &at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_nonnull (strstr (draft->body_html, "Câu mới chưa lưu"));
  close_editor (self);
  toa_draft_journal_discard (journal, id);
}


/* The live checks name what to fix as one types; the preview follows the text. */
static void
test_checks_and_preview (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Kiểm tra trước khi xuất bản", "<p>Nội dung có ảnh.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  GtkWidget *preview_button = find_label (GTK_WIDGET (self), _("_Preview"));
  ToaPreviewView *preview = NULL;
  GtkWidget *sapo = find_named (GTK_WIDGET (self), "sapo");
  guint renders;

  g_assert_null (find_named (GTK_WIDGET (self), "sapo-missing"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (sapo)), "", -1);
  toa_ui_test_spin (1000);
  g_assert_nonnull (find_named (GTK_WIDGET (self), "sapo-missing"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (sapo)), "Sapo đã có lại.", -1);
  toa_ui_test_spin (1000);
  g_assert_null (find_named (GTK_WIDGET (self), "sapo-missing"));

  g_assert_nonnull (preview_button);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (preview_button), TRUE);
  preview = TOA_PREVIEW_VIEW (find_type (GTK_WIDGET (self), TOA_TYPE_PREVIEW_VIEW));
  g_assert_nonnull (preview);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (preview)));
  toa_ui_test_spin (1500);
  renders = toa_preview_view_get_render_count (preview);
  g_assert_cmpuint (renders, >, 0);
  type_at_end (self, " Một câu thêm cho bản xem trước.");
  toa_ui_test_spin (2000);
  g_assert_cmpuint (toa_preview_view_get_render_count (preview), >, renders);
  close_editor (self);
}

/* A picture pasted or chosen: prepared off the main thread, the alt text is required, Insert
 * stores it and puts the figure in the body. */
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

static void
test_insert_image (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Ảnh hoạt động của tỉnh", "<p>Đoạn có ảnh.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 200);
  g_autoptr(GBytes) bytes = NULL;
  gchar *buffer = NULL;
  gsize size = 0;
  GtkWindow *dialog = NULL;
  gint64 deadline;

  gdk_pixbuf_fill (pixbuf, 0x3366aaff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  bytes = g_bytes_new_take (buffer, size);
  /* as the editor view announces a pasted image */
  g_signal_emit_by_name (toa_article_editor_get_editor_view (self), "image-pasted", bytes, "anh-hoi-nghi.png");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((dialog = toplevel_titled (_("Insert Image"))) == NULL && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_nonnull (dialog);
  /* no alt text: refused, nothing inserted */
  g_signal_emit_by_name (find_label (GTK_WIDGET (dialog), _("_Insert")), "clicked");
  toa_ui_test_spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "alt")), "Quang cảnh hội nghị");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "caption")), "Hội nghị tổng kết năm 2026");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "credit")), "Ảnh: Minh Anh");
  g_signal_emit_by_name (find_label (GTK_WIDGET (dialog), _("_Insert")), "clicked");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "toasoan://media/") == NULL
         && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);
  {
    const char *html = toa_editor_view_get_html (toa_article_editor_get_editor_view (self));

    g_assert_nonnull (strstr (html, "toasoan://media/"));
    g_assert_nonnull (strstr (html, "Quang cảnh hội nghị"));
    g_assert_nonnull (strstr (html, "Ảnh: Minh Anh"));
  }
  g_assert_null (toplevel_titled (_("Insert Image")));
  close_editor (self);
}

/* "Sửa" in the item view opens the editor when core allows it; the accountant sees no button. */
static void
test_opened_from_item_view (void)
{
  gint64 id = new_article ("Lễ phát động phong trào thi đua", "<p>Nội dung.</p>");
  g_autoptr(ToaPerson) accountant = toa_ui_test_add_person (store, "e-accountant", "Lê Kế Toán", "accountant");
  GtkWindow *item = toa_item_view_new (NULL, store, editor, id);
  GtkWindow *other = toa_item_view_new (NULL, store, accountant, id);
  GtkWidget *edit = NULL, *none = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  ToaArticleEditor *opened = NULL;

  gtk_window_present (item);
  toa_ui_test_spin (200);
  edit = find_label (GTK_WIDGET (item), _("_Edit"));
  none = find_label (GTK_WIDGET (other), _("_Edit"));
  g_assert_nonnull (edit);
  g_assert_true (gtk_widget_get_visible (edit));
  g_assert_true (none == NULL || !gtk_widget_get_visible (none));
  g_signal_emit_by_name (edit, "clicked");
  toa_ui_test_spin (300);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (TOA_IS_ARTICLE_EDITOR (window))
        opened = TOA_ARTICLE_EDITOR (window);
    }
  g_assert_nonnull (opened);
  g_assert_cmpint (toa_article_editor_get_article_id (opened), ==, id);
  gtk_window_destroy (GTK_WINDOW (opened));
  gtk_window_destroy (item);
  gtk_window_destroy (other);
  toa_ui_test_spin (100);
}

/* A new article (id 0) is created on its first save with what was typed. */
static void
test_new_article (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  ToaArticleEditor *self = open_editor (store, editor, 0, journal);
  g_autoptr(ToaArticle) saved = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (self), "title")),
                         "Tin bài mới viết trong trình soạn thảo");
  type_at_end (self, "Nội dung đầu tiên của tin bài mới.");
  toa_ui_test_spin (700);
  toa_article_editor_save (self);
  toa_ui_test_spin (500);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  id = toa_article_editor_get_article_id (self);
  g_assert_cmpint (id, >, 0);
  saved = toa_store_article_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title, ==, "Tin bài mới viết trong trình soạn thảo");
  g_assert_nonnull (strstr (saved->body_html, "Nội dung đầu tiên"));
  close_editor (self);
}

/* The counts follow the document as loaded (a bug: "0 words · 0 characters" for a document
 * with text) and as typed. */
static void
test_counts (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Đếm chữ trong tin bài", "<h2>Hai chữ</h2><p>Năm 2026 toàn tỉnh có 100% xã.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  ToaEditorView *view = toa_article_editor_get_editor_view (self);
  g_autofree char *expected = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* the page pushes the document it was given with its counts (asynchronously) */
  while (toa_editor_view_get_word_count (view) == 0 && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);
  /* "Hai chữ" + "Năm 2026 toàn tỉnh có 100% xã." = 2 + 7 words */
  g_assert_cmpuint (toa_editor_view_get_word_count (view), ==, 9);
  g_assert_cmpuint (toa_editor_view_get_char_count (view), ==,
                    g_utf8_strlen ("Hai chữ", -1) + g_utf8_strlen ("Năm 2026 toàn tỉnh có 100% xã.", -1));
  expected = g_strdup_printf (_("%s words · %s characters"), "9", "37");
  g_assert_cmpstr (label_text (self, "counts"), ==, expected);

  type_at_end (self, " Thêm ba chữ.");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (toa_editor_view_get_word_count (view) == 9 && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (50);
  g_assert_cmpuint (toa_editor_view_get_word_count (view), ==, 12);
  g_assert_true (g_str_has_prefix (label_text (self, "counts"), "12 "));
  close_editor (self);
}

/* The title counter shows the board's limit (toa_prepublish_title_max) and marks a title over it. */
static void
test_title_counter (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Tiêu đề", "<p>Nội dung.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  g_autoptr(GError) error = NULL;
  int max = toa_prepublish_title_max (store, &error);
  g_autofree char *expected = NULL;
  g_autoptr(GString) long_title = g_string_new (NULL);
  GtkWidget *count = find_named (GTK_WIDGET (self), "title-count");

  g_assert_no_error (error);
  g_assert_cmpint (max, >, 0);
  expected = g_strdup_printf ("%d/%d", 7, max);
  g_assert_cmpstr (label_text (self, "title-count"), ==, expected);
  g_assert_false (gtk_widget_has_css_class (count, "error"));
  while ((int) g_utf8_strlen (long_title->str, -1) <= max)
    g_string_append (long_title, "Đường ");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (self), "title")), long_title->str);
  g_free (expected);
  expected = g_strdup_printf ("%ld/%d", g_utf8_strlen (long_title->str, -1), max);
  g_assert_cmpstr (label_text (self, "title-count"), ==, expected);
  g_assert_true (gtk_widget_has_css_class (count, "error"));
  /* core says so in the checks too */
  toa_ui_test_spin (1000);
  g_assert_nonnull (find_named (GTK_WIDGET (self), "title-too-long"));
  close_editor (self);
}

/* Export HTML writes the article as typed (not only as saved) into the file chosen. */
static void
test_export_html (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Xuất bản HTML của tin bài", "<p>Đoạn đã lưu.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  g_autofree char *dir = g_dir_make_tmp ("toa-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tin-bai.html", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-dir", "tin-bai.html", NULL);
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;

  type_at_end (self, " Câu vừa gõ chưa lưu.");
  toa_ui_test_spin (600);
  g_assert_true (toa_article_editor_export_html (self, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &html, NULL, &error));
  g_assert_nonnull (strstr (html, "<html"));
  g_assert_nonnull (strstr (html, "Xuất bản HTML của tin bài"));
  g_assert_nonnull (strstr (html, "Đoạn đã lưu."));
  g_assert_nonnull (strstr (html, "Câu vừa gõ chưa lưu."));
  g_assert_null (strstr (html, "<script"));
  /* a place that cannot be written: an error, nothing pretended */
  g_assert_false (toa_article_editor_export_html (self, bad, &error));
  g_assert_nonnull (error);
  g_unlink (path);
  g_rmdir (dir);
  close_editor (self);
}

/* Ctrl+K in the page opens the link popover at the toolbar; an https address makes a link,
 * a javascript: one is refused and says why; an empty address removes the link. */
static void
test_link (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Liên kết trong tin bài", "<p>Xem Cổng thông tin điện tử tỉnh.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  GtkWidget *button = find_named (GTK_WIDGET (self), "link");
  GtkPopover *popover;
  GtkWidget *entry;
  g_autofree char *r = NULL;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  entry = find_named (GTK_WIDGET (popover), "link-address");
  g_assert_true (GTK_IS_ENTRY (entry));
  select_word (self, "Cổng thông tin");
  r = run_js (self, "document.getElementById('toa-doc').dispatchEvent(new KeyboardEvent('keydown',"
                    " { key: 'k', ctrlKey: true, bubbles: true, cancelable: true })); return 1;");
  toa_ui_test_spin (300);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  gtk_editable_set_text (GTK_EDITABLE (entry), "javascript:alert(1)");
  g_signal_emit_by_name (entry, "activate");
  toa_ui_test_spin (300);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Only http, https, mailto and tel links are allowed."));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "https://binhphuoc.gov.vn/");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (wait_html (self, "<a href=\"https://binhphuoc.gov.vn/\">Cổng thông tin</a>", TRUE));
  g_assert_null (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "javascript"));
  toa_ui_test_spin (200);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* on the link again: the popover shows its address; emptied, the link goes */
  caret_in (self, "a");
  g_assert_true (toa_editor_view_get_state (toa_article_editor_get_editor_view (self))->in_link);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  toa_ui_test_spin (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "https://binhphuoc.gov.vn/");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (wait_html (self, "<a ", FALSE));
  g_assert_true (wait_html (self, "Cổng thông tin", TRUE));
  close_editor (self);
}

/* The table menu's actions: insert a 3 × 3 table, add and remove rows and columns. */
static void
test_tables (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Bảng số liệu", "<p>Số liệu năm 2026.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  ToaEditorView *view = toa_article_editor_get_editor_view (self);

  caret_in (self, "p");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (self), "editor-window.format", "s", "table-insert"));
  g_assert_true (wait_count (view, "<tr", 3));
  g_assert_cmpuint (count_of (toa_editor_view_get_html (view), "<td"), ==, 9);
  /* the menu offers rows and columns only in a table */
  caret_in (self, "p");
  g_assert_false (table_item_sensitive (self, _("Add a row")));
  g_assert_true (table_item_sensitive (self, _("Insert a 3 × 3 table")));
  caret_in (self, "td");
  g_assert_true (toa_editor_view_get_state (view)->in_table);
  g_assert_true (table_item_sensitive (self, _("Add a row")));
  g_assert_true (table_item_sensitive (self, _("Remove the column")));
  gtk_widget_activate_action (GTK_WIDGET (self), "editor-window.table-row-add", NULL);
  g_assert_true (wait_count (view, "<tr", 4));
  gtk_widget_activate_action (GTK_WIDGET (self), "editor-window.format", "s", "table-column-add");
  g_assert_true (wait_count (view, "<td", 16));
  gtk_widget_activate_action (GTK_WIDGET (self), "editor-window.format", "s", "table-column-remove");
  g_assert_true (wait_count (view, "<td", 12));
  gtk_widget_activate_action (GTK_WIDGET (self), "editor-window.format", "s", "table-row-remove");
  g_assert_true (wait_count (view, "<tr", 3));
  g_assert_cmpuint (count_of (toa_editor_view_get_html (view), "<td"), ==, 9);
  close_editor (self);
}

/* Ctrl+F opens the find bar with the focus in it; Find selects, Replace All replaces every
 * match and says how many; Ctrl+S saves. */
static void
test_find_replace_and_shortcuts (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Tìm và thay thế",
                           "<p>Hội chợ mở cửa. Hội chợ có 300 gian hàng.</p><p>Khách đến hội chợ đông.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  GtkWidget *bar = find_type (GTK_WIDGET (self), GTK_TYPE_SEARCH_BAR);
  GtkWidget *find = find_type (bar, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *replace = find_type (bar, GTK_TYPE_ENTRY);
  g_autofree char *expected = NULL;
  g_autofree char *selected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) saved = NULL;

  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  press_shortcut (self, GDK_KEY_f);
  toa_ui_test_spin (200);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  g_assert_true (gtk_widget_is_focus (find) || gtk_widget_has_focus (find)
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (self)), find));

  gtk_editable_set_text (GTK_EDITABLE (find), "Hội chợ");
  g_signal_emit_by_name (find, "activate");
  toa_ui_test_spin (300);
  selected = run_js (self, "return getSelection().toString();");
  g_assert_cmpstr (selected, ==, "Hội chợ");

  /* Replace: the selected match only */
  gtk_editable_set_text (GTK_EDITABLE (replace), "Triển lãm");
  g_signal_emit_by_name (find_label (bar, _("Re_place")), "clicked");
  g_assert_true (wait_count (toa_article_editor_get_editor_view (self), "Triển lãm", 1));
  g_assert_true (g_str_has_prefix (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)),
                                   "<p>Triển lãm mở cửa. Hội chợ"));
  /* Replace All, case-sensitive as typed: "hội chợ" in the second paragraph stays */
  g_signal_emit_by_name (find_label (bar, _("Replace _All")), "clicked");
  g_assert_true (wait_html (self, "Hội chợ", FALSE));
  g_assert_cmpuint (count_of (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "Triển lãm"), ==, 2);
  g_assert_nonnull (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "hội chợ"));
  toa_ui_test_spin (200);
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Replaced %u time", "Replaced %u times", 1), 1);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, expected);

  press_shortcut (self, GDK_KEY_s);
  toa_ui_test_spin (600);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  saved = toa_store_article_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved->body_html, "Triển lãm có 300 gian hàng"));
  close_editor (self);
}

/* The toolbar's toggles show the formatting at the caret, and showing it runs no command. */
static void
test_toolbar_follows_caret (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Thanh công cụ",
                           "<h2>Tiêu đề phụ</h2><p><b>Chữ đậm</b> và <i>chữ nghiêng</i>.</p>"
                           "<ul><li>Mục một</li></ul><blockquote><p>Trích dẫn</p></blockquote>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  ToaEditorView *view = toa_article_editor_get_editor_view (self);
  g_autofree char *before = g_strdup (toa_editor_view_get_html (view));
  struct { const char *where; const char *on; } cases[] = {
    { "h2", "heading-2" }, { "b", "bold" }, { "i", "italic" }, { "li", "bulleted-list" },
    { "blockquote", "quote" },
  };
  const char *toggles[] = { "heading-2", "bold", "italic", "bulleted-list", "quote", "paragraph" };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      caret_in (self, cases[c].where);
      for (guint t = 0; t < G_N_ELEMENTS (toggles); t++)
        {
          GtkWidget *button = find_named (GTK_WIDGET (self), toggles[t]);
          gboolean want = g_str_equal (toggles[t], cases[c].on)
                          || (g_str_equal (toggles[t], "paragraph") && (g_str_equal (cases[c].where, "b")
                                                                      || g_str_equal (cases[c].where, "i")));

          g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
          if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)) != want)
            g_error ("caret in <%s>: %s is %s", cases[c].where, toggles[t], want ? "off" : "on");
        }
    }
  /* following the caret changed nothing in the text */
  toa_ui_test_spin (400);
  g_assert_cmpstr (toa_editor_view_get_html (view), ==, before);
  /* clicking a toggle formats */
  select_word (self, "Trích");
  gtk_widget_activate (find_named (GTK_WIDGET (self), "bold"));
  g_assert_true (wait_html (self, "<b>Trích</b>", TRUE));
  toa_ui_test_spin (300);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_named (GTK_WIDGET (self), "bold"))));
  /* undo is available now and the button says so */
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (self), "undo")));
  close_editor (self);
}

/* The toolbar's "Insert an image" with a file: prepared, details asked, stored, inserted. */
static void
test_image_from_file (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Ảnh từ tệp", "<p>Đoạn có ảnh từ tệp.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 400, 300);
  g_autofree char *dir = g_dir_make_tmp ("toa-image-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cau-moi.jpg", NULL);
  g_autofree char *missing = g_build_filename (dir, "khong-co.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) none = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog = NULL;
  gint64 deadline;

  gdk_pixbuf_fill (pixbuf, 0x2a7a4bff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL));
  /* a file that is not there: said, nothing opened */
  toa_article_editor_insert_image_file (self, none);
  toa_ui_test_spin (500);
  g_assert_null (toplevel_titled (_("Insert Image")));
  g_assert_nonnull (toa_article_editor_get_message (self));

  caret_in (self, "p");
  toa_article_editor_insert_image_file (self, file);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((dialog = toplevel_titled (_("Insert Image"))) == NULL && g_get_monotonic_time () < deadline)
    toa_ui_test_spin (20);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "alt")), "Cây cầu mới bắc qua sông Bé");
  g_signal_emit_by_name (find_label (GTK_WIDGET (dialog), _("_Insert")), "clicked");
  g_assert_true (wait_html (self, "toasoan://media/", TRUE));
  g_assert_nonnull (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)),
                            "alt=\"Cây cầu mới bắc qua sông Bé\""));
  g_assert_nonnull (strstr (toa_editor_view_get_html (toa_article_editor_get_editor_view (self)), "width=\"400\""));
  g_unlink (path);
  g_rmdir (dir);
  close_editor (self);
}

/* The editor's web context checks Vietnamese spelling. */
static void
test_spell_checking (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Chính tả", "<p>Xin chào.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (toa_editor_view_get_web_view (toa_article_editor_get_editor_view (self)));
  WebKitWebContext *context = webkit_web_view_get_context (web_view);
  const char * const *languages = webkit_web_context_get_spell_checking_languages (context);
  g_autofree char *spellcheck = run_js (self, "return String(document.getElementById('toa-doc').spellcheck);");

  g_assert_true (webkit_web_context_get_spell_checking_enabled (context));
  g_assert_nonnull (languages);
  g_assert_true (g_strv_contains (languages, "vi_VN"));
  g_assert_cmpstr (spellcheck, ==, "true");
  close_editor (self);
}

/* Every control of the toolbar and the header bar says what it does. */
static void
check_tooltips (GtkWidget *widget, guint *checked)
{
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
      && gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL
      && gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) == NULL   /* GTK's own */
      && gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_BUTTON) == NULL
      && gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_MENU_BUTTON) == NULL)
    {
      const char *tip = gtk_widget_get_tooltip_text (widget);
      const char *label = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;

      if (tip == NULL || *tip == '\0')
        g_error ("a %s named %s (%s) in a %s has no tooltip", G_OBJECT_TYPE_NAME (widget),
                 gtk_widget_get_name (widget), label != NULL ? label : "icon",
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
      (*checked)++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_tooltips (c, checked);
}

static void
test_tooltips (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Chú thích nút", "<p>Nội dung.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);
  guint checked = 0;

  check_tooltips (find_type (GTK_WIDGET (self), ADW_TYPE_HEADER_BAR), &checked);
  check_tooltips (gtk_widget_get_parent (find_named (GTK_WIDGET (self), "bold")), &checked);
  check_tooltips (find_type (GTK_WIDGET (self), GTK_TYPE_SEARCH_BAR), &checked);
  g_assert_cmpuint (checked, >=, 25);
  close_editor (self);
}

/* Real keys (through the X server, xdotool) with the focus in the page: Ctrl+F opens the find
 * bar, Ctrl+S saves, Ctrl+B makes bold — the window's shortcuts are not eaten by the web view. */
static void
xdotool (const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_real_keys (void)
{
  g_autoptr(ToaDraftJournal) journal = NULL;
  g_autofree char *tool = g_find_program_in_path ("xdotool");
  ToaArticleEditor *self;
  GtkWidget *bar;
  gint64 id;
  g_autoptr(ToaArticle) saved = NULL;
  g_autoptr(GError) error = NULL;

  if (tool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("xdotool and an X display are needed to press real keys");
      return;
    }
  journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  id = new_article ("Editor keys test 4271", "<p>Phím tắt trong trình soạn thảo.</p>");
  self = open_editor (store, editor, id, journal);
  bar = find_type (GTK_WIDGET (self), GTK_TYPE_SEARCH_BAR);
  {
    const char *focus[] = { "xdotool", "search", "--name", "Editor keys test 4271", "windowfocus", "--sync", NULL };
    xdotool (focus);
  }
  gtk_widget_grab_focus (GTK_WIDGET (toa_article_editor_get_editor_view (self)));
  select_word (self, "Phím tắt");
  toa_ui_test_spin (300);
  {
    const char *keys[] = { "xdotool", "key", "ctrl+b", NULL };
    xdotool (keys);
  }
  g_assert_true (wait_html (self, "<b>Phím tắt</b>", TRUE));
  type_at_end (self, " Đã gõ thêm.");
  toa_ui_test_spin (300);
  {
    const char *keys[] = { "xdotool", "key", "ctrl+s", NULL };
    xdotool (keys);
  }
  toa_ui_test_spin (1000);
  g_assert_cmpstr (toa_article_editor_get_message (self), ==, _("Saved"));
  saved = toa_store_article_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved->body_html, "Đã gõ thêm"));
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  {
    const char *keys[] = { "xdotool", "key", "ctrl+f", NULL };
    xdotool (keys);
  }
  toa_ui_test_spin (500);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  close_editor (self);
}

static void
test_screenshot (void)
{
  g_autoptr(ToaDraftJournal) journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));
  gint64 id = new_article ("Bình Phước đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
    "<h2>Kết quả bước đầu</h2>"
    "<p>Năm 2026, toàn tỉnh có <b>100%</b> cơ quan nhà nước sử dụng văn bản điện tử; "
    "tỷ lệ hồ sơ trực tuyến toàn trình đạt <i>trên 60%</i>.</p>"
    "<ul><li>Cổng dịch vụ công được nâng cấp.</li><li>Người dân tra cứu hồ sơ qua điện thoại.</li></ul>"
    "<blockquote>Chuyển đổi số là nhiệm vụ của cả hệ thống chính trị.</blockquote>"
    "<p>Theo Sở Thông tin và Truyền thông, thời gian tới tỉnh tiếp tục hoàn thiện hạ tầng số.</p>");
  ToaArticleEditor *self = open_editor (store, editor, id, journal);

  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 820);
  toa_ui_test_spin (1000);
  toa_ui_test_screenshot (GTK_WIDGET (self), "article-editor.png", 16);
  /* with the find bar and the preview (phone width) open */
  press_shortcut (self, GDK_KEY_f);
  gtk_editable_set_text (GTK_EDITABLE (find_type (GTK_WIDGET (self), GTK_TYPE_SEARCH_ENTRY)), "chuyển đổi số");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_label (GTK_WIDGET (self), _("_Preview"))), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_label (GTK_WIDGET (self), _("Phone"))), TRUE);
  toa_ui_test_spin (2000);
  toa_ui_test_screenshot (GTK_WIDGET (self), "article-editor-preview.png", 16);
  close_editor (self);
}

int
main (int argc, char *argv[])
{
  const char *child = g_getenv ("TOA_EDITOR_CHILD");
  int status;

  if (child != NULL)
    {
      g_set_prgname ("toasoan-test-article-editor");
      return run_child (child);
    }
  if (!toa_ui_test_init (&argc, &argv, "test-article-editor"))
    return 77;   /* meson's "skipped" */
  /* g_test_init names the program by its path; WebKit makes its data directories from the
   * name, and its sandbox cannot bind a directory inside the test's own file. */
  g_set_prgname ("toasoan-test-article-editor");

  db_path = toa_ui_test_temp_database ("editor");
  journal_dir = g_dir_make_tmp ("toa-editor-drafts-XXXXXX", NULL);
  g_assert_nonnull (journal_dir);
  store = toa_ui_test_board_store (db_path, "tin-tuc-su-kien");
  editor = toa_ui_test_add_person (store, "e-editor", "Nguyễn Thị Biên Tập", "editor");
  deputy = toa_ui_test_add_person (store, "e-deputy", "Trần Văn Phó", "editor");
  app = toa_ui_test_application ();

  g_test_add_func ("/ui/article-editor/autosave", test_autosave);
  g_test_add_func ("/ui/article-editor/kill-and-recover", test_kill_and_recover);
  g_test_add_func ("/ui/article-editor/conflict", test_conflict);
  g_test_add_func ("/ui/article-editor/conflict-keep-and-take", test_conflict_keep_and_take);
  g_test_add_func ("/ui/article-editor/failed-save-keeps-draft", test_failed_save_keeps_draft);
  g_test_add_func ("/ui/article-editor/checks-and-preview", test_checks_and_preview);
  g_test_add_func ("/ui/article-editor/insert-image", test_insert_image);
  g_test_add_func ("/ui/article-editor/opened-from-item-view", test_opened_from_item_view);
  g_test_add_func ("/ui/article-editor/new-article", test_new_article);
  g_test_add_func ("/ui/article-editor/counts", test_counts);
  g_test_add_func ("/ui/article-editor/title-counter", test_title_counter);
  g_test_add_func ("/ui/article-editor/export-html", test_export_html);
  g_test_add_func ("/ui/article-editor/link", test_link);
  g_test_add_func ("/ui/article-editor/tables", test_tables);
  g_test_add_func ("/ui/article-editor/find-replace-and-shortcuts", test_find_replace_and_shortcuts);
  g_test_add_func ("/ui/article-editor/toolbar-follows-caret", test_toolbar_follows_caret);
  g_test_add_func ("/ui/article-editor/image-from-file", test_image_from_file);
  g_test_add_func ("/ui/article-editor/spell-checking", test_spell_checking);
  g_test_add_func ("/ui/article-editor/tooltips", test_tooltips);
  g_test_add_func ("/ui/article-editor/real-keys", test_real_keys);
  g_test_add_func ("/ui/article-editor/screenshot", test_screenshot);
  status = g_test_run ();

  g_clear_object (&app);
  toa_person_free (editor);
  toa_person_free (deputy);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  {
    g_autoptr(GDir) dir = g_dir_open (journal_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (journal_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (journal_dir);
  }
  g_free (journal_dir);
  g_free (db_path);
  return status;
}
