/* test-articles-page.c — the Articles page reading off the main thread (its location given,
 * as the window does): right after the store is set the model counts in a worker, the
 * spinner turns and the "loading" page shows; then the list and its count. When the reading
 * fails (a server that does not answer), the page shows the model's error instead of an empty
 * list, and the spinner stops; "Try Again" reads it again once the server answers. Needs a display (xvfb-run); skips without one. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "toa-articles-page.h"
#include "toa-error.h"
#include "toa-ui-test-util.h"

static char            *db_path;
static ToaStore        *store;
static GtkWindow       *window;
static ToaArticlesPage *page;

static GtkWidget *
child (const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), TOA_TYPE_ARTICLES_PAGE, name));
}

static const char *
shown (void)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child ("content_stack")));
}

static void
test_loads_in_background (void)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  gint64 count = toa_store_article_count (store, query, NULL);
  ToaArticleListModel *model;

  g_assert_cmpint (count, >, 0);
  toa_articles_page_set_location (page, NULL);   /* the store's own file */
  toa_articles_page_set_store (page, store);
  model = toa_articles_page_get_model (page);

  /* set_store returned before the count was read */
  g_assert_true (toa_article_list_model_is_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (gtk_widget_get_visible (child ("spinner")));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (child ("spinner"))));
  g_assert_cmpstr (shown (), ==, "loading");

  toa_article_list_model_wait_idle (model);
  g_assert_false (toa_article_list_model_is_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) count);
  g_assert_false (gtk_widget_get_visible (child ("spinner")));
  g_assert_cmpstr (shown (), ==, "list");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child ("count_label"))), !=, "");
  toa_ui_test_wait_frame (GTK_WIDGET (window), 5000);
  toa_article_list_model_wait_idle (model);   /* the rows shown */
}

static ToaStore *
open_unreachable (const char *location, gpointer data, GError **error)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_IO, "The server at %s does not answer", location);
  return NULL;
}

static void
test_shows_error (void)
{
  ToaArticleListModel *model = toa_articles_page_get_model (page);
  g_autoptr(ToaBackgroundReader) reader = toa_background_reader_new (store, "postgresql://nowhere.invalid/board");
  AdwStatusPage *status = ADW_STATUS_PAGE (child ("empty_page"));

  toa_background_reader_set_opener (reader, open_unreachable, NULL);
  toa_article_list_model_set_reader (model, reader);

  /* a filter asks again: the rows shown stay while the spinner turns… */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child ("state_dropdown")), 1);
  g_assert_true (gtk_widget_get_visible (child ("spinner")));
  g_assert_cmpstr (shown (), ==, "list");

  /* …then the page says why nothing could be read */
  toa_article_list_model_wait_idle (model);
  g_assert_nonnull (toa_article_list_model_get_error (model));
  g_assert_false (gtk_widget_get_visible (child ("spinner")));
  g_assert_cmpstr (shown (), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, _("The Articles Could Not Be Read"));
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "does not answer"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child ("count_label"))), ==, "");
  g_assert_true (gtk_widget_get_visible (child ("retry_button")));
  toa_ui_test_screenshot (GTK_WIDGET (window), "toasoan-articles-error.png", 5);

  /* the server is back (a reader that reaches the board): "Try Again" lists the items */
  g_clear_object (&reader);
  reader = toa_background_reader_new (store, toa_background_reader_location_for (store, NULL));
  toa_article_list_model_set_reader (model, reader);
  g_signal_emit_by_name (child ("retry_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (child ("spinner")));
  toa_article_list_model_wait_idle (model);
  g_assert_null (toa_article_list_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpstr (shown (), ==, "list");
  g_assert_false (gtk_widget_get_visible (child ("retry_button")));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-articles-page"))
    return 77;   /* meson's "skipped" */
  adw_init ();

  db_path = toa_ui_test_temp_database ("articles-page");
  store = toa_ui_test_demo_store (db_path, &error);
  g_assert_no_error (error);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 600);
  page = g_object_new (TOA_TYPE_ARTICLES_PAGE, NULL);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);

  g_test_add_func ("/ui/articles-page/loads-in-background", test_loads_in_background);
  g_test_add_func ("/ui/articles-page/shows-error", test_shows_error);
  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  return status;
}
