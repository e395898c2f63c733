/* test-window.c — the window on the demo database, driven through its real widgets:
 * a missing database gives a message (and stays missing), a wrong password is refused
 * inline, signing in shows the pages, the Articles page lists, searches and filters
 * through the paging model, a screenshot is written and is not blank, sign-out returns
 * to the sign-in page. Needs a display (run under xvfb-run); skips without one. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "toa-article-state.h"
#include "toa-article-view.h"
#include "toa-articles-page.h"
#include "toa-prepublish-group.h"
#include "toa-auth.h"
#include "toa-demo.h"
#include "toa-error.h"
#include "toa-sign-in-page.h"
#include "toa-text.h"
#include "toa-inbox.h"
#include "toa-inbox-page.h"
#include "toa-item-view.h"
#include "toa-transitions.h"
#include "toa-ui-test-util.h"
#include "toa-workflow-store.h"
#include "toa-workflows-group.h"

static char           *db_path;
static ToaStore       *store;
static ToaApplication *app;
static ToaWindow      *window;

static GtkWidget *
window_child (const char *name)
{
  GtkWidget *child = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, name));

  g_assert_nonnull (child);
  return child;
}

static GtkWidget *
sign_in_child (const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (window_child ("sign_in_page"), TOA_TYPE_SIGN_IN_PAGE, name));
}

static GtkWidget *
articles_child (const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (window_child ("articles_page"), TOA_TYPE_ARTICLES_PAGE, name));
}

static ToaArticleListModel *
articles_model (void)
{
  return toa_articles_page_get_model (TOA_ARTICLES_PAGE (window_child ("articles_page")));
}

static const char *
visible_page (void)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (window_child ("stack")));
}

/* The Articles list is read off the main thread (the window gives the page its location):
 * waits until the count and the first rows are in. */
static void
wait_articles (void)
{
  ToaArticleListModel *model = articles_model ();

  toa_article_list_model_wait_idle (model);
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    {
      g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (model), 0);   /* asks for its page */
    }
  toa_article_list_model_wait_idle (model);
}

/* Row @i of the Articles list once its page is read (a row not read yet is a blank). */
static ToaArticle *
article_at (guint i)
{
  ToaArticleListModel *model = articles_model ();
  ToaArticle *row = g_list_model_get_item (G_LIST_MODEL (model), i);

  if (row != NULL && row->id == 0)
    {
      g_object_unref (row);
      toa_article_list_model_wait_idle (model);
      row = g_list_model_get_item (G_LIST_MODEL (model), i);
    }
  return row;
}

/* Waits until the model's count differs from @old (a search or filter applied). */
static void
wait_for_count_change (guint old)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (G_LIST_MODEL (articles_model ())) == old
         && g_get_monotonic_time () < end)
    toa_ui_test_spin (20);
  wait_articles ();
}

/* --- a database that does not exist ------------------------------------------------ */

static GtkWindow *message_window;

static gboolean
find_message (gpointer data)
{
  g_autoptr(GListModel) toplevels = NULL;
  gboolean *done = data;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      if (gtk_widget_get_visible (GTK_WIDGET (toplevel)) && !TOA_IS_WINDOW (toplevel))
        {
          g_autofree char *path = toa_ui_test_build_file ("toasoan-no-database.png");

          message_window = toplevel;
          if (toa_ui_test_wait_frame (GTK_WIDGET (toplevel), 5000))
            toa_ui_test_save_png (GTK_WIDGET (toplevel), path, NULL);
          *done = TRUE;
          gtk_window_close (toplevel);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
test_missing_database (void)
{
  g_autoptr(ToaApplication) other = toa_application_new ();
  g_autofree char *tmp_dir = g_path_get_dirname (db_path);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.db", NULL);
  char *args[] = { (char *) "toasoan", (char *) "--db", missing, NULL };
  gboolean done = FALSE;
  int status;

  g_timeout_add (50, find_message, &done);
  status = g_application_run (G_APPLICATION (other), 3, args);
  g_assert_true (done);
  g_assert_cmpint (status, ==, 0);
  g_assert_false (TOA_IS_WINDOW (message_window));
  /* Never created silently. */
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* --- the window ---------------------------------------------------------------------- */

static void
test_open (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = toa_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (toa_ui_test_wait_frame (GTK_WIDGET (window), 10000));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (visible_page (), ==, "sign-in");
  g_assert_null (toa_window_get_person (window));
  /* Pages cannot be reached before signing in. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  g_assert_cmpstr (visible_page (), ==, "sign-in");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (window_child ("view_stack"))), !=,
                   "ledger");
}

static void
test_wrong_password (void)
{
  g_autoptr(GError) expected = NULL;
  g_autoptr(GError) unknown = NULL;
  GtkWidget *error_label = sign_in_child ("error_label");
  g_autofree char *shown = NULL;

  g_assert_null (toa_auth_sign_in (store, "thuky", "not-the-password", &expected));
  g_assert_error (expected, TOA_ERROR, TOA_ERROR_AUTH);

  toa_ui_test_sign_in (window, "thuky", "not-the-password");
  g_assert_cmpstr (visible_page (), ==, "sign-in");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, expected->message);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sign_in_child ("password_row"))), ==, "");
  shown = g_strdup (gtk_label_get_text (GTK_LABEL (error_label)));

  /* An unknown login gets the very same message. */
  toa_ui_test_sign_in (window, "nobody-here", "not-the-password");
  g_assert_cmpstr (visible_page (), ==, "sign-in");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, shown);
  g_assert_null (toa_window_get_person (window));

  /* What the sign-in page looks like with the message (for people reviewing the tests). */
  toa_ui_test_screenshot (GTK_WIDGET (window), "toasoan-sign-in.png", 50);

  /* Typing again clears the message. */
  gtk_editable_set_text (GTK_EDITABLE (sign_in_child ("login_row")), "thuk");
  g_assert_false (gtk_widget_get_visible (error_label));
}

static void
test_sign_in (void)
{
  const ToaPerson *person;
  g_autofree char *roles = NULL;

  toa_ui_test_sign_in (window, "thuky", TOA_DEMO_PASSWORD);
  g_assert_cmpstr (visible_page (), ==, "main");
  person = toa_window_get_person (window);
  g_assert_nonnull (person);
  g_assert_cmpstr (person->login, ==, "thuky");

  roles = toa_person_roles_text (person);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window_child ("person_name_label"))), ==, person->full_name);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window_child ("person_roles_label"))), ==, roles);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (window_child ("location_row"))), ==,
                   toa_store_describe (store));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (window_child ("view_stack"))), ==,
                   "articles");
}

static void
test_pages_and_shortcuts (void)
{
  static const char *const pages[] = { "inbox", "articles", "ledger", "reports", "settings" };
  AdwViewStack *view_stack = ADW_VIEW_STACK (window_child ("view_stack"));

  toa_ui_test_spin (400);   /* let the sign-in page fade out */

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i]);
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), detailed);

      g_assert_true (accels != NULL && g_strv_contains ((const char *const *) accels, accel));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, pages[i]);
      if (!g_str_equal (pages[i], "articles"))
        {
          g_autofree char *name = g_strdup_printf ("toasoan-%s.png", pages[i]);

          toa_ui_test_spin (200);   /* let the sign-in page's cross-fade finish */
          toa_ui_test_screenshot (GTK_WIDGET (window), name, 50);
        }
    }

  /* Ctrl+F goes to the Articles page's search entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (view_stack), ==, "articles");
  toa_ui_test_spin (50);
  g_assert_true (gtk_widget_is_focus (articles_child ("search_entry"))
                 || gtk_widget_has_focus (articles_child ("search_entry"))
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), articles_child ("search_entry")));

  {
    g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
    g_auto(GStrv) out = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.sign-out");
    g_assert_true (quit != NULL && g_strv_contains ((const char *const *) quit, "<Control>q"));
    g_assert_true (out != NULL && g_strv_contains ((const char *const *) out, "<Shift><Control>l"));
  }
#if !GTK_CHECK_VERSION (4, 17, 0)
  /* The shortcuts window comes from the resource and is wired to win.show-help-overlay. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
#endif
  g_assert_true (g_resources_get_info ("/io/github/toasoan/ToaSoan/gtk/help-overlay.ui", 0, NULL, NULL, NULL));
}

static void
test_articles_listed (void)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  ToaArticleListModel *model = articles_model ();
  gint64 count = toa_store_article_count (store, query, NULL);
  g_autofree char *count_text = NULL;

  g_assert_nonnull (model);
  wait_articles ();
  g_assert_false (toa_article_list_model_is_loading (model));
  g_assert_null (toa_article_list_model_get_error (model));
  g_assert_false (gtk_widget_get_visible (articles_child ("spinner")));
  g_assert_cmpint (count, >=, 300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) count);

  /* The count label says how many, with Vietnamese digit grouping. */
  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
  if (count >= 1000)
    count_text = g_strdup_printf ("%" G_GINT64_FORMAT ".%03" G_GINT64_FORMAT, count / 1000, count % 1000);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (articles_child ("count_label"))), count_text));

  /* Only the rows GTK keeps around the visible ones (at most about 200) were read. */
  toa_ui_test_wait_frame (GTK_WIDGET (window), 5000);
  g_assert_cmpuint (toa_article_list_model_get_cached_pages (model), <=, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (articles_child ("content_stack"))), ==, "list");
}

static void
test_screenshot (void)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  toa_ui_test_spin (300);
  wait_articles ();
  toa_ui_test_screenshot (GTK_WIDGET (window), "toasoan-window.png", 50);
}

/* The most selective word of the first article's title that still matches something. */
static char *
pick_search_word (guint total)
{
  g_autoptr(ToaArticle) first = article_at (0);
  g_auto(GStrv) words = g_strsplit_set (first->title, " ,.:;\"“”()-", -1);
  char *best = NULL;
  gint64 best_count = G_MAXINT64;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
      gint64 n;

      if (g_utf8_strlen (words[i], -1) < 4)
        continue;
      query->text = g_strdup (words[i]);
      n = toa_store_article_count (store, query, NULL);
      if (n > 0 && n < total && n < best_count)
        {
          g_free (best);
          best = g_strdup (words[i]);
          best_count = n;
        }
    }
  return best;
}

static void
test_search (void)
{
  GtkWidget *entry = articles_child ("search_entry");
  ToaArticleListModel *model = articles_model ();
  guint total = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autofree char *word = pick_search_word (total);
  g_autofree char *folded_word = NULL;
  guint n;

  g_assert_nonnull (word);
  folded_word = toa_text_fold (word);
  gtk_editable_set_text (GTK_EDITABLE (entry), word);
  wait_for_count_change (total);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, total);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ToaArticle) row = article_at (i);
      g_autoptr(ToaArticle) full = toa_store_article_get (store, row->id, NULL);
      g_autofree char *body = toa_html_to_text (full->body_html);
      g_autofree char *all = g_strjoin (" ", full->title, full->sapo ? full->sapo : "", body, NULL);
      g_autofree char *folded = toa_text_fold (all);

      g_assert_nonnull (strstr (folded, folded_word));
    }

  /* Clearing the search lists everything again. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_for_count_change (n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
}

static void
test_filter_state (void)
{
  GtkDropDown *state_dropdown = GTK_DROP_DOWN (articles_child ("state_dropdown"));
  ToaArticleListModel *model = articles_model ();
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  guint total = g_list_model_get_n_items (G_LIST_MODEL (model));
  gint64 expected;
  guint n;

  query->state = g_strdup ("published");
  expected = toa_store_article_count (store, query, NULL);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (expected, <, total);

  gtk_drop_down_set_selected (state_dropdown, (guint) TOA_STATE_PUBLISHED + 1);
  /* counted in the background: the spinner turns, the rows shown stay until the count is in */
  g_assert_true (toa_article_list_model_is_loading (model));
  g_assert_true (gtk_widget_get_visible (articles_child ("spinner")));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
  wait_articles ();
  g_assert_false (gtk_widget_get_visible (articles_child ("spinner")));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, (guint) expected);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ToaArticle) row = article_at (i);
      g_assert_cmpstr (row->state, ==, "published");
    }

  /* Sorting by title, A→Z. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (articles_child ("sort_dropdown")), 3);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (articles_child ("descending_button"))));
  g_assert_cmpint (toa_article_list_model_get_query (model)->sort, ==, TOA_SORT_TITLE);
  wait_articles ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) expected);
  if (n >= 2)
    {
      g_autoptr(ToaArticle) a = article_at (0);
      g_autoptr(ToaArticle) b = article_at (n - 1);
      g_autofree char *fa = toa_text_fold (a->title);
      g_autofree char *fb = toa_text_fold (b->title);
      g_assert_cmpint (g_utf8_collate (fa, fb), <=, 0);
    }

  gtk_drop_down_set_selected (state_dropdown, 0);
  wait_articles ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, total);
}

static void
test_article_view (void)
{
  GtkWidget *column_view = articles_child ("column_view");
  g_autoptr(ToaArticle) first = article_at (0);
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  ToaItemView *view = NULL;

  g_signal_emit_by_name (column_view, "activate", 0);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      if (TOA_IS_ITEM_VIEW (toplevel))
        view = TOA_ITEM_VIEW (toplevel);
    }
  g_assert_nonnull (view);
  toa_item_view_wait_loaded (view);   /* read off the main thread, on the page's location */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (GTK_WIDGET (gtk_widget_get_template_child (
                     GTK_WIDGET (toa_item_view_get_article_view (view)), TOA_TYPE_ARTICLE_VIEW, "title_label")))),
                   ==, first->title);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (view)) == GTK_WINDOW (window));
  toa_ui_test_screenshot (GTK_WIDGET (view), "toasoan-article.png", 50);
  gtk_window_destroy (GTK_WINDOW (view));
}

static void
test_sign_out (void)
{
  gtk_editable_set_text (GTK_EDITABLE (articles_child ("search_entry")), "xyz");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  g_assert_cmpstr (visible_page (), ==, "sign-in");
  g_assert_null (toa_window_get_person (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sign_in_child ("login_row"))), ==, "");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window_child ("person_name_label"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (articles_child ("search_entry"))), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_cmpstr (visible_page (), ==, "sign-in");

  /* Someone else can sign in after. */
  toa_ui_test_sign_in (window, "bientap1", TOA_DEMO_PASSWORD);
  g_assert_cmpstr (visible_page (), ==, "main");
  g_assert_cmpstr (toa_window_get_person (window)->login, ==, "bientap1");
}

/* The last login is remembered (GSettings) and filled in when a window opens; a sign-out
 * leaves the page empty for the next person (checked above). */
static void
test_remembers_login (void)
{
  g_autoptr(GSettings) settings = toa_application_settings ();
  g_autofree char *last = NULL;
  ToaWindow *second;
  GtkWidget *login_row;

  g_assert_nonnull (settings);   /* the schema compiled into the build tree */
  last = g_settings_get_string (settings, "last-login");
  g_assert_cmpstr (last, ==, "bientap1");

  second = toa_window_new (app, store);
  gtk_window_present (GTK_WINDOW (second));
  g_assert_true (toa_ui_test_wait_frame (GTK_WIDGET (second), 10000));
  login_row = GTK_WIDGET (gtk_widget_get_template_child (
      GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (second), TOA_TYPE_WINDOW, "sign_in_page")),
      TOA_TYPE_SIGN_IN_PAGE, "login_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (login_row)), ==, "bientap1");
  gtk_window_destroy (GTK_WINDOW (second));
}

/* Settings lists the workflows; only the administrator is offered the import, and core
 * refuses anyone else even if the button were pressed. */
static void
test_settings_workflows (void)
{
  ToaWorkflowsGroup *group = TOA_WORKFLOWS_GROUP (window_child ("workflows_group"));
  GtkWidget *import_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (group),
                                                                        TOA_TYPE_WORKFLOWS_GROUP,
                                                                        "import_button"));
  g_autoptr(ToaWorkflow) preset = toa_workflow_load (store, "binh-phuoc-2015", 0, NULL);
  g_autofree char *json = toa_workflow_to_json (preset, TRUE);
  g_autoptr(ToaWorkflow) saved = NULL;
  g_autoptr(GError) error = NULL;

  toa_window_sign_out (window);
  toa_ui_test_sign_in (window, "thuky", TOA_DEMO_PASSWORD);
  g_assert_cmpuint (toa_workflows_group_get_n_workflows (group), ==, 4);
  g_assert_false (gtk_widget_get_visible (import_button));
  g_assert_false (toa_workflows_group_import (group, json, strlen (json), &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);

  toa_window_sign_out (window);
  g_assert_cmpuint (toa_workflows_group_get_n_workflows (group), ==, 0);
  toa_ui_test_sign_in (window, "quantri", TOA_DEMO_PASSWORD);
  g_assert_true (gtk_widget_get_visible (import_button));
  g_assert_true (toa_workflows_group_import (group, json, strlen (json), &error));
  g_assert_no_error (error);
  saved = toa_workflow_load (store, "binh-phuoc-2015", 0, &error);
  g_assert_cmpint (saved->version, ==, preset->version + 1);
  g_assert_cmpuint (toa_workflows_group_get_n_workflows (group), ==, 4);

  /* the pre-publish checks are in Settings too: the administrator may change them */
  {
    ToaPrepublishGroup *checks = TOA_PREPUBLISH_GROUP (window_child ("prepublish_group"));
    AdwComboRow *row = toa_prepublish_group_get_row (checks, "image-alt-missing");

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  }
}

/* The inbox lists what core's inbox query gives; an item an editor forwards to the secretary
 * arrives in the secretary's open window (counted as an arrival: a desktop notification). */
static void
test_inbox (void)
{
  ToaInboxPage *page = TOA_INBOX_PAGE (window_child ("inbox_page"));
  g_autoptr(ToaPerson) secretary = toa_store_person_find (store, "thuky", NULL);
  g_autoptr(ToaPerson) editor = toa_store_person_find (store, "bientap1", NULL);
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GPtrArray) editing = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  ToaInboxRequest request = { .which = TOA_INBOX_WAITING, .limit = 500 };
  ToaTransitionRequest forward = { .transition = "forward" };
  ToaTransitionResult result = { 0 };
  ToaArticle *item = NULL;
  guint before;

  toa_window_sign_out (window);
  toa_ui_test_sign_in (window, "thuky", TOA_DEMO_PASSWORD);
  waiting = toa_inbox_list (store, secretary, &request, &error);
  g_assert_no_error (error);
  toa_inbox_page_wait_idle (page);   /* the list is read in the background */
  before = g_list_model_get_n_items (toa_inbox_page_get_model (page));
  g_assert_cmpuint (before, ==, waiting->len);
  g_assert_cmpuint (toa_inbox_page_get_arrived (page), ==, 0);

  /* an article in editing on the portal, of a genre that is not a designed product */
  query->state = g_strdup ("editing");
  query->genre = g_strdup ("tin");
  query->site_id = secretary->roles->len > 0 ? g_array_index (secretary->roles, ToaRoleGrant, 0).site_id : 0;
  editing = toa_store_article_list (store, query, NULL, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (editing->len, >, 0);
  item = g_ptr_array_index (editing, 0);
  forward.article_id = item->id;
  g_assert_true (toa_transitions_do (store, editor, &forward, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.to, ==, "secretary-review");
  toa_transition_result_clear (&result);

  toa_inbox_page_refresh (page);
  toa_inbox_page_wait_idle (page);
  g_assert_cmpuint (g_list_model_get_n_items (toa_inbox_page_get_model (page)), ==, before + 1);
  g_assert_cmpuint (toa_inbox_page_get_arrived (page), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-window"))
    return 77;   /* meson's "skipped" */

  db_path = toa_ui_test_temp_database ("ui");
  store = toa_ui_test_demo_store (db_path, &error);
  g_assert_no_error (error);
  app = toa_application_new ();

  g_test_add_func ("/ui/window/missing-database", test_missing_database);
  g_test_add_func ("/ui/window/open", test_open);
  g_test_add_func ("/ui/window/wrong-password", test_wrong_password);
  g_test_add_func ("/ui/window/sign-in", test_sign_in);
  g_test_add_func ("/ui/window/pages-and-shortcuts", test_pages_and_shortcuts);
  g_test_add_func ("/ui/window/articles-listed", test_articles_listed);
  g_test_add_func ("/ui/window/screenshot", test_screenshot);
  g_test_add_func ("/ui/window/search", test_search);
  g_test_add_func ("/ui/window/filter-state", test_filter_state);
  g_test_add_func ("/ui/window/article-view", test_article_view);
  g_test_add_func ("/ui/window/sign-out", test_sign_out);
  g_test_add_func ("/ui/window/remembers-login", test_remembers_login);
  g_test_add_func ("/ui/window/settings-workflows", test_settings_workflows);
  g_test_add_func ("/ui/window/inbox", test_inbox);
  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  return status;
}
