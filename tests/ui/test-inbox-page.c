/* test-inbox-page.c — the Inbox page's filters, driven through its widgets on a temporary
 * board: choosing a genre in the dropdown lists only rows of that genre (and the count says
 * so); the filter stays when switching to another list; the deadline dropdown keeps the item
 * due today; a step with nothing of that genre shows the "no match" state, whose "Clear
 * Filters" button brings every row back; screenshots of both are written and are not blank. Needs a
 * display (xvfb-run); skips without one. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "toa-application.h"
#include "toa-articles.h"
#include "toa-board.h"
#include "toa-inbox.h"
#include "toa-inbox-page.h"
#include "toa-inbox-row.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-text.h"
#include "toa-ui-test-util.h"

static char           *db_path;
static ToaStore       *store;
static ToaApplication *app;
static ToaPerson      *secretary;
static ToaPerson      *editor;
static gint64          due_today_id;

/* A new article by the editor, put in @state directly (test setup, not a transition). */
static gint64
article_in (const char *title, const char *genre, const char *state)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = { .section_code = "tin", .genre = genre, .title = title };
  g_autoptr(ToaArticle) article = toa_articles_create (store, editor, &draft, &error);

  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static gpointer
page_child (ToaInboxPage *page, const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (page), TOA_TYPE_INBOX_PAGE, name);

  g_assert_nonnull (found);
  return found;
}

/* Selects the entry named @label in @dropdown. */
static void
choose (GtkDropDown *dropdown, const char *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("no “%s” in the dropdown", label);
}

/* Selects the step (state) @code: the dropdown lists core's step choices after "All Steps". */
static void
choose_step (GtkDropDown *dropdown, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = toa_inbox_step_choices (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < steps->len; i++)
    if (g_str_equal (((char **) g_ptr_array_index (steps, i))[0], code))
      {
        gtk_drop_down_set_selected (dropdown, i + 1);
        return;
      }
  g_error ("no step “%s”", code);
}

/* The rows once the page's background read is back. */
static guint
rows (ToaInboxPage *page)
{
  toa_inbox_page_wait_idle (page);
  return g_list_model_get_n_items (toa_inbox_page_get_model (page));
}

/* Every row is of @genre (a code). */
static void
assert_all_of_genre (ToaInboxPage *page, const char *genre)
{
  GListModel *model = toa_inbox_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ToaInboxRow) row = g_list_model_get_item (model, i);

      g_assert_cmpstr (toa_inbox_row_get_item (row)->article->genre, ==, genre);
    }
}

static void
test_filters (void)
{
  GtkWidget *window = gtk_window_new ();
  ToaInboxPage *page = g_object_new (TOA_TYPE_INBOX_PAGE, NULL);
  GtkDropDown *genre_filter = page_child (page, "genre_filter");
  GtkDropDown *step_filter = page_child (page, "step_filter");
  GtkDropDown *due_filter = page_child (page, "due_filter");
  GtkDropDown *site_filter = page_child (page, "site_filter");
  GtkWidget *clear = page_child (page, "clear_filters_button");
  g_autofree char *count_all = NULL;
  guint all;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 560);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  toa_inbox_page_set_person (page, store, secretary);
  /* the choices are read in the background: only "any", greyed out, until they are in */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (site_filter)), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (site_filter)));
  all = rows (page);
  g_assert_cmpuint (all, ==, 5);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (site_filter)));
  count_all = g_strdup (gtk_label_get_text (page_child (page, "count_label")));
  /* the dropdowns come from the store and the workflow */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (site_filter)), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (step_filter)), >, 5);

  /* a genre: only its rows, and the count says the list is filtered */
  choose (genre_filter, "Tin");
  g_assert_cmpuint (rows (page), ==, 3);
  assert_all_of_genre (page, "tin");
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "count_label")), !=, count_all);
  g_assert_nonnull (strstr (gtk_label_get_text (page_child (page, "count_label")), "3"));
  toa_ui_test_screenshot (window, "toasoan-inbox-filters.png", 20);

  /* kept when switching lists */
  gtk_toggle_button_set_active (page_child (page, "all_button"), TRUE);
  g_assert_cmpuint (gtk_drop_down_get_selected (genre_filter), !=, 0);
  g_assert_cmpuint (rows (page), ==, 3);
  assert_all_of_genre (page, "tin");
  gtk_toggle_button_set_active (page_child (page, "waiting_button"), TRUE);

  /* the deadline: due today is the one item */
  gtk_drop_down_set_selected (due_filter, 2);
  g_assert_cmpuint (rows (page), ==, 1);
  {
    g_autoptr(ToaInboxRow) row = g_list_model_get_item (toa_inbox_page_get_model (page), 0);

    g_assert_cmpint (toa_inbox_row_get_item (row)->article->id, ==, due_today_id);
  }
  gtk_drop_down_set_selected (due_filter, 0);

  /* a step with no item of that genre: the "no match" state; Clear Filters brings all back */
  choose (genre_filter, "Bài");
  g_assert_cmpuint (rows (page), ==, 1);
  choose_step (step_filter, "deputy-review");
  g_assert_cmpuint (rows (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "content_stack")), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (page_child (page, "empty_page")), ==, _("No Items Match the Filters"));
  g_assert_true (gtk_widget_get_visible (clear));
  toa_ui_test_screenshot (window, "toasoan-inbox-filters-empty.png", 20);
  g_signal_emit_by_name (clear, "clicked");
  g_assert_cmpuint (rows (page), ==, all);
  g_assert_cmpuint (gtk_drop_down_get_selected (genre_filter), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (step_filter), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "count_label")), ==, count_all);
  g_assert_false (gtk_widget_get_visible (clear));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-inbox-page"))
    return 77;   /* meson's "skipped" */

  db_path = toa_ui_test_temp_database ("inbox");
  store = toa_ui_test_board_store (db_path, "tin");
  secretary = toa_ui_test_add_person (store, "r-secretary", "Người Thư ký", "secretary");
  editor = toa_ui_test_add_person (store, "r-editor", "Người Biên tập", "editor");

  /* five items waiting for the secretary: three news, one article, one photo */
  due_today_id = article_in ("Hội nghị tổng kết công tác năm", "tin", "secretary-review");
  article_in ("Khánh thành cầu Sông Bé", "tin", "secretary-review");
  article_in ("Lễ hội cây điều", "tin", "secretary-review");
  article_in ("Phóng sự vùng biên giới", "bai", "secretary-review");
  article_in ("Ảnh mùa xuân", "anh", "secretary-review");
  now = g_date_time_new_now (toa_time_zone ());
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_true (toa_store_article_deadline_set (store, due_today_id, today, &error));
  g_assert_no_error (error);

  app = toa_ui_test_application ();

  g_test_add_func ("/ui/inbox-page/filters", test_filters);
  status = g_test_run ();

  g_clear_object (&app);
  toa_person_free (secretary);
  toa_person_free (editor);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  return status;
}
