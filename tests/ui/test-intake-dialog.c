/* test-intake-dialog.c — registering material in the window (Tiếp nhận, Quy trình 1) on a
 * temporary board: as an editor the Inbox shows "Register Material…"; the dialog filled
 * through its widgets stores the item in state "received" with its intake record and the
 * deadline core computes, and the Inbox lists it; a received date after today keeps the
 * dialog open with core's message, nothing stored and every field kept; an accountant sees
 * no button; a refused item's view shows its intake record and composes the reply letter
 * (document number and the ground's name), which is stored; files chosen in the dialog are
 * kept byte for byte and listed in the item view. Screenshots are written and are not blank. Needs a display (xvfb-run); skips without one. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "toa-application.h"
#include "toa-article-query.h"
#include "toa-attachments.h"
#include "toa-board.h"
#include "toa-deadline.h"
#include "toa-error.h"
#include "toa-inbox-page.h"
#include "toa-inbox-row.h"
#include "toa-intake.h"
#include "toa-intake-dialog.h"
#include "toa-item-view.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-text.h"
#include "toa-transitions.h"
#include "toa-ui-test-util.h"
#include "toa-workflow.h"

#define DOC_NO   "1234/SNV-VP"

static char           *db_path;
static ToaStore       *store;
static ToaApplication *app;
static ToaPerson      *editor;
static ToaPerson      *accountant;
static char           *files_dir;     /* the files "received", removed at the end */

/* The bytes of the files the intake team attaches: a letter with binary content, an annex. */
static const char LETTER[] = "%PDF-1.4\n\0\x01 c\xc3\xb4ng v\xc4\x83n 1234 \xff";
static const char ANNEX[] = "PK\x03\x04 phu luc";

/* ---- helpers ----------------------------------------------------------------------------- */

static char *
day_text (int days_from_today, const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (toa_time_zone ());
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days_from_today);

  return g_date_time_format (day, format);
}

static gint64
article_count (void)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GError) error = NULL;
  gint64 n = toa_store_article_count (store, query, &error);

  g_assert_no_error (error);
  return n;
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

static char *
text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
choose (ToaIntakeDialog *dialog, const char *row, const char *code)
{
  guint i = toa_intake_dialog_position (dialog, row, code);

  g_assert_cmpuint (i, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (ADW_COMBO_ROW (toa_intake_dialog_get_row (dialog, row)), i);
}

static void
type (ToaIntakeDialog *dialog, const char *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (toa_intake_dialog_get_row (dialog, row)), text);
}

static const char *
typed (ToaIntakeDialog *dialog, const char *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (toa_intake_dialog_get_row (dialog, row)));
}

/* The path of @name in files_dir, written with @data when it is not there yet. */
static char *
received_file (const char *name, const char *data, gsize len)
{
  char *path = g_build_filename (files_dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

/* Fills every field as the intake team would: a document from Sở Nội vụ issued yesterday. */
static void
fill (ToaIntakeDialog *dialog, const char *title)
{
  g_autofree char *yesterday = day_text (-1, "%d/%m/%Y");

  choose (dialog, "channel", "document-system");
  choose (dialog, "unit", "so-noi-vu");
  type (dialog, "document", DOC_NO);
  type (dialog, "issued", yesterday);
  type (dialog, "title", title);
  choose (dialog, "genre", "van-ban");
  choose (dialog, "site", "portal");
  choose (dialog, "section", "tin-tuc-su-kien");
  choose (dialog, "kind", "legal-document");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (toa_intake_dialog_get_sapo_view (dialog)),
                            "Sở Nội vụ thông báo lịch tiếp công dân định kỳ tháng 12.", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (toa_intake_dialog_get_body_view (dialog)),
                            "Lãnh đạo Sở tiếp công dân vào ngày 15 hằng tháng.\n\nĐịa điểm: trụ sở Sở Nội vụ.", -1);
  {
    g_autofree char *letter = received_file ("1234-SNV-VP.pdf", LETTER, sizeof LETTER - 1);
    g_autofree char *annex = received_file ("phu-luc.docx", ANNEX, sizeof ANNEX - 1);

    toa_intake_dialog_add_attachment (dialog, letter);
    toa_intake_dialog_add_attachment (dialog, annex);
  }
}

static GtkWindow *
inbox_window (const ToaPerson *person, ToaInboxPage **page_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ToaInboxPage *page = g_object_new (TOA_TYPE_INBOX_PAGE, NULL);

  gtk_window_set_default_size (window, 1000, 600);
  gtk_window_set_child (window, GTK_WIDGET (page));
  toa_inbox_page_set_person (page, store, person);
  gtk_window_present (window);
  toa_inbox_page_wait_idle (page);   /* the list and the filters' choices are read in the background */
  *page_out = page;
  return window;
}

static GtkWidget *
intake_button (ToaInboxPage *page)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), TOA_TYPE_INBOX_PAGE,
                                                                  "intake_button"));

  g_assert_nonnull (button);
  return button;
}

typedef struct {
  gint64  id;
  char   *deadline;
  guint   count;
} Registered;

static void
on_registered (ToaIntakeDialog *dialog, gint64 id, const char *deadline, Registered *out)
{
  out->id = id;
  g_free (out->deadline);
  out->deadline = g_strdup (deadline);
  out->count++;
}

static gboolean
inbox_lists (ToaInboxPage *page, gint64 id)
{
  GListModel *model = toa_inbox_page_get_model (page);

  toa_inbox_page_wait_idle (page);   /* the list is read in the background */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ToaInboxRow) row = g_list_model_get_item (model, i);

      if (toa_inbox_row_get_item (row)->article->id == id)
        return TRUE;
    }
  return FALSE;
}

/* ---- tests ------------------------------------------------------------------------------- */

static void
test_register (void)
{
  ToaInboxPage *page;
  GtkWindow *window = inbox_window (editor, &page);
  ToaIntakeDialog *dialog;
  Registered got = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autoptr(ToaIntakeRecord) record = NULL;
  g_autofree char *today = day_text (0, "%d/%m/%Y");
  g_autofree char *today_iso = day_text (0, "%Y-%m-%d");
  g_autofree char *yesterday_iso = day_text (-1, "%Y-%m-%d");
  g_autofree char *expected = NULL;
  GDate issued, due;
  gboolean has_deadline = FALSE;
  gint64 before = article_count ();

  g_assert_true (gtk_widget_get_visible (intake_button (page)));
  dialog = TOA_INTAKE_DIALOG (toa_inbox_page_open_intake (page));
  g_assert_nonnull (dialog);
  /* the choices are read on the page's background connection: not there yet, then in */
  g_assert_true (toa_intake_dialog_is_loading (dialog));
  g_assert_cmpuint (toa_intake_dialog_position (dialog, "unit", "so-noi-vu"), ==, GTK_INVALID_LIST_POSITION);
  toa_intake_dialog_wait_idle (dialog);
  g_assert_false (toa_intake_dialog_is_loading (dialog));
  g_assert_cmpuint (toa_intake_dialog_position (dialog, "unit", "so-noi-vu"), !=, GTK_INVALID_LIST_POSITION);
  g_signal_connect (dialog, "registered", G_CALLBACK (on_registered), &got);
  /* received defaults to today (Vietnam) */
  g_assert_cmpstr (typed (dialog, "received"), ==, today);
  fill (dialog, "Thông báo lịch tiếp công dân tháng 12");
  toa_ui_test_screenshot (GTK_WIDGET (dialog), "toasoan-intake-dialog.png", 30);

  g_assert_true (toa_intake_dialog_submit (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (got.count, ==, 1);
  g_assert_cmpint (article_count (), ==, before + 1);

  article = toa_store_article_get (store, got.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->state, ==, "received");
  g_assert_cmpstr (article->title, ==, "Thông báo lịch tiếp công dân tháng 12");
  g_assert_cmpstr (article->genre, ==, "van-ban");
  g_assert_cmpstr (article->info_kind, ==, "legal-document");
  g_assert_cmpstr (article->sapo, ==, "Sở Nội vụ thông báo lịch tiếp công dân định kỳ tháng 12.");
  g_assert_nonnull (strstr (article->body_html, "<p>Địa điểm: trụ sở Sở Nội vụ.</p>"));

  record = toa_store_intake_record_get (store, got.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->channel, ==, "document-system");
  g_assert_cmpstr (record->sender_unit_name, ==, "Sở Nội vụ");
  g_assert_null (record->sender_name);
  g_assert_cmpstr (record->document_no, ==, DOC_NO);
  g_assert_cmpstr (record->received_on, ==, today_iso);
  g_assert_cmpstr (record->issued_on, ==, yesterday_iso);
  /* the chosen files are kept with the item, byte for byte */
  {
    g_autoptr(GPtrArray) files = toa_attachments_list (store, got.id, &error);
    g_autoptr(GBytes) first = NULL, second = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 2);
    g_assert_cmpstr (((ToaAttachment *) files->pdata[0])->file_name, ==, "1234-SNV-VP.pdf");
    g_assert_cmpstr (((ToaAttachment *) files->pdata[1])->file_name, ==, "phu-luc.docx");
    first = toa_attachments_read (store, got.id, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (first, NULL), g_bytes_get_size (first), LETTER, sizeof LETTER - 1);
    second = toa_attachments_read (store, got.id, 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (second, NULL), g_bytes_get_size (second), ANNEX, sizeof ANNEX - 1);
  }

  /* the deadline is core's: two working days from the issue date for a legal document */
  g_assert_true (toa_parse_date (yesterday_iso, "issued", &issued, NULL));
  g_assert_true (toa_deadline_for_kind (store, NULL, "legal-document", &issued, &due, &has_deadline, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (has_deadline);
  expected = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&due), g_date_get_month (&due), g_date_get_day (&due));
  flow = toa_store_article_flow_get (store, got.id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flow->deadline, ==, expected);
  g_assert_cmpstr (got.deadline, ==, expected);

  /* the Inbox was read again: the editor accepts or refuses received items */
  g_assert_true (inbox_lists (page, got.id));
  g_assert_cmpuint (toa_inbox_page_get_arrived (page), ==, 0);   /* no notification for one's own */
  g_free (got.deadline);
  gtk_window_destroy (window);
}

static void
test_future_date (void)
{
  ToaInboxPage *page;
  GtkWindow *window = inbox_window (editor, &page);
  ToaIntakeDialog *dialog = TOA_INTAKE_DIALOG (toa_inbox_page_open_intake (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) core_error = NULL;
  g_autofree char *tomorrow = day_text (1, "%d/%m/%Y");
  g_autofree char *yesterday = day_text (-1, "%d/%m/%Y");
  g_autofree char *sapo = NULL;
  gint64 before = article_count ();
  ToaIntakeDraft draft = { { 0 } };

  g_assert_nonnull (dialog);
  toa_intake_dialog_wait_idle (dialog);
  fill (dialog, "Tin nhận trước ngày");
  type (dialog, "received", tomorrow);
  g_assert_false (toa_intake_dialog_submit (dialog, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_cmpint (article_count (), ==, before);

  /* the message is core's own */
  draft.draft.section_code = "tin-tuc-su-kien";
  draft.draft.genre = "van-ban";
  draft.draft.title = "Tin nhận trước ngày";
  draft.draft.unit_code = "so-noi-vu";
  draft.draft.info_kind = "legal-document";
  draft.channel = "document-system";
  draft.received_on = tomorrow;
  draft.issued_on = yesterday;
  g_assert_null (toa_intake_add (store, editor, &draft, NULL, &core_error));
  g_assert_nonnull (core_error);
  g_assert_cmpstr (toa_intake_dialog_get_error (dialog), ==, core_error->message);
  g_assert_cmpstr (error->message, ==, core_error->message);

  /* nothing typed is lost */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (typed (dialog, "received"), ==, tomorrow);
  g_assert_cmpstr (typed (dialog, "title"), ==, "Tin nhận trước ngày");
  g_assert_cmpstr (typed (dialog, "document"), ==, DOC_NO);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (toa_intake_dialog_get_row (dialog, "unit"))), ==,
                    toa_intake_dialog_position (dialog, "unit", "so-noi-vu"));
  sapo = text_view_text (toa_intake_dialog_get_sapo_view (dialog));
  g_assert_cmpstr (sapo, ==, "Sở Nội vụ thông báo lịch tiếp công dân định kỳ tháng 12.");
  g_assert_true (has_text (GTK_WIDGET (dialog), "phu-luc.docx"));

  /* corrected, it goes through */
  type (dialog, "received", yesterday);
  g_assert_true (toa_intake_dialog_submit (dialog, NULL));
  g_assert_cmpint (article_count (), ==, before + 1);
  gtk_window_destroy (window);
}

static void
test_no_right (void)
{
  ToaInboxPage *page;
  GtkWindow *window = inbox_window (accountant, &page);

  g_assert_false (gtk_widget_get_visible (intake_button (page)));
  g_assert_null (toa_inbox_page_open_intake (page));
  gtk_window_destroy (window);
}

static void
test_reply_letter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaIntakeRecord) record = NULL;
  g_autofree char *yesterday = day_text (-1, "%d/%m/%Y");
  g_autofree char *letter = NULL;
  ToaIntakeDraft draft = { { 0 } };
  ToaTransitionRequest refuse = { 0 };
  ToaItemView *view;
  GtkWidget *compose, *copy, *letter_view;
  GPtrArray *grounds;
  const char *ground_name = NULL;

  draft.draft.section_code = "tin-tuc-su-kien";
  draft.draft.genre = "tin";
  draft.draft.title = "Quảng cáo dịch vụ của doanh nghiệp";
  draft.draft.info_kind = "news";
  draft.channel = "email";
  draft.sender_name = "Công ty TNHH Ánh Dương";
  draft.document_no = "56/CV-AD";
  draft.received_on = yesterday;
  {
    g_autofree char *photo = received_file ("to-roi-quang-cao.jpg", ANNEX, sizeof ANNEX - 1);
    const char *paths[] = { photo, NULL };

    draft.attachment_paths = paths;
    article = toa_intake_add (store, editor, &draft, NULL, &error);
  }
  g_assert_no_error (error);
  refuse.article_id = article->id;
  refuse.transition = "refuse";
  refuse.ground = "out-of-remit";
  refuse.comment = "Nội dung quảng cáo, không thuộc phạm vi của Cổng.";
  g_assert_true (toa_transitions_do (store, editor, &refuse, NULL, &error));
  g_assert_no_error (error);

  grounds = toa_refusal_grounds (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < grounds->len; i++)
    if (g_str_equal (((ToaRefusalGround *) g_ptr_array_index (grounds, i))->code, "out-of-remit"))
      ground_name = ((ToaRefusalGround *) g_ptr_array_index (grounds, i))->name;
  g_assert_nonnull (ground_name);

  view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, editor, article->id));
  gtk_window_set_default_size (GTK_WINDOW (view), 900, 1000);
  gtk_window_present (GTK_WINDOW (view));
  /* the intake record */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                     TOA_TYPE_ITEM_VIEW, "intake_group"))));
  g_assert_true (has_text (GTK_WIDGET (view), "56/CV-AD"));
  g_assert_true (has_text (GTK_WIDGET (view), "Công ty TNHH Ánh Dương"));
  g_assert_true (has_text (GTK_WIDGET (view), "Thư điện tử"));
  g_assert_true (has_text (GTK_WIDGET (view), yesterday));
  g_assert_true (has_text (GTK_WIDGET (view), "to-roi-quang-cao.jpg"));

  compose = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), TOA_TYPE_ITEM_VIEW, "compose_letter_button"));
  copy = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), TOA_TYPE_ITEM_VIEW, "copy_letter_button"));
  letter_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), TOA_TYPE_ITEM_VIEW, "letter_view"));
  g_assert_true (gtk_widget_get_visible (compose));
  g_assert_false (gtk_widget_get_visible (letter_view));
  g_signal_emit_by_name (compose, "clicked");
  g_assert_true (gtk_widget_get_visible (letter_view));
  g_assert_true (gtk_widget_get_visible (copy));
  g_assert_false (gtk_widget_get_visible (compose));
  letter = text_view_text (GTK_TEXT_VIEW (letter_view));
  g_assert_nonnull (strstr (letter, "56/CV-AD"));
  g_assert_nonnull (strstr (letter, ground_name));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (letter_view)));
  g_signal_emit_by_name (copy, "clicked");

  record = toa_store_intake_record_get (store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (record->reply_letter, ==, letter);
  toa_ui_test_screenshot (GTK_WIDGET (view), "toasoan-intake-letter.png", 30);
  gtk_window_destroy (GTK_WINDOW (view));

  /* opened again, the stored letter is shown */
  view = TOA_ITEM_VIEW (toa_item_view_new (NULL, store, editor, article->id));
  letter_view = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), TOA_TYPE_ITEM_VIEW, "letter_view"));
  g_assert_true (gtk_widget_get_visible (letter_view));
  g_free (letter);
  letter = text_view_text (GTK_TEXT_VIEW (letter_view));
  g_assert_cmpstr (letter, ==, record->reply_letter);
  gtk_window_destroy (GTK_WINDOW (view));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaUnit) unit = toa_unit_new ();
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-intake-dialog"))
    return 77;   /* meson's "skipped" */

  db_path = toa_ui_test_temp_database ("intake");
  files_dir = g_dir_make_tmp ("toa-intake-files-XXXXXX", NULL);
  g_assert_nonnull (files_dir);
  store = toa_ui_test_board_store (db_path, "tin-tuc-su-kien");
  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_store_unit_add (store, unit, &error));
  g_assert_no_error (error);
  editor = toa_ui_test_add_person (store, "r-editor", "Người Biên tập", "editor");
  accountant = toa_ui_test_add_person (store, "r-accountant", "Người Kế toán", "accountant");

  app = toa_ui_test_application ();

  g_test_add_func ("/ui/intake/register", test_register);
  g_test_add_func ("/ui/intake/future-date", test_future_date);
  g_test_add_func ("/ui/intake/no-right", test_no_right);
  g_test_add_func ("/ui/intake/reply-letter", test_reply_letter);
  status = g_test_run ();

  g_clear_object (&app);
  toa_person_free (editor);
  toa_person_free (accountant);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  {
    g_autoptr(GDir) dir = g_dir_open (files_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (files_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (files_dir);
    g_free (files_dir);
  }
  return status;
}
