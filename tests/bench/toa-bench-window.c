/* toa-bench-window.c — the window part of the benchmark: opens the window on a big
 * database (made by tests/bench's generator), signs in through the widgets, scrolls the
 * Articles list from top to bottom and prints JSON with the time and the resident memory.
 *
 *   xvfb-run -a build/tests/ui/toa-bench-window --db big.db --login thuky --password … \
 *     [--renderer cairo|gl|default] [--max-steps N]
 *
 * Under Xvfb there is no GPU: GTK's default GL renderer runs on Mesa's software rasteriser
 * (llvmpipe), which by itself adds about 130 MB of RSS to any GTK window, so the JSON says
 * which renderer drew, and --renderer cairo measures the window without GL.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "toa-articles-page.h"
#include "toa-store-open.h"
#include "toa-ui-test-util.h"

int
main (int argc, char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *login = NULL;
  g_autofree char *password = NULL;
  g_autofree char *renderer = NULL;
  int max_steps = 3000;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file", "FILE" },
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, "Login to sign in with", "LOGIN" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, "Password", "PASSWORD" },
    { "max-steps", 0, 0, G_OPTION_ARG_INT, &max_steps, "Scroll in at most this many steps (default 3000)", "N" },
    { "renderer", 0, 0, G_OPTION_ARG_STRING, &renderer,
      "cairo (no GL at all), gl, or default (GTK's choice; under Xvfb that is GL on Mesa's software "
      "rasteriser, whose own memory counts in the RSS)", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— scroll the article list of the window");
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = NULL;
  g_autoptr(ToaApplication) app = NULL;
  ToaWindow *window;
  GtkWidget *page, *scrolled, *stack;
  GtkAdjustment *adjustment;
  ToaArticleListModel *model;
  double rss_start, rss_window, rss_signed_in, step, value, upper, page_size;
  gint64 started, open_started;
  double open_seconds, sign_in_seconds;
  guint steps = 0, rows;
  guint keyset = 0, offset = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db == NULL || login == NULL || password == NULL)
    {
      g_printerr ("%s\nUsage: toa-bench-window --db FILE --login LOGIN --password PASSWORD\n",
                  error != NULL ? error->message : "");
      return 1;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("toa-bench-window needs a display: run it under xvfb-run -a\n");
      return 1;
    }
  if (g_strcmp0 (renderer, "cairo") == 0)
    {
      g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
    }
  else if (g_strcmp0 (renderer, "gl") == 0)
    g_setenv ("GSK_RENDERER", "gl", TRUE);
  else if (renderer != NULL && g_strcmp0 (renderer, "default") != 0)
    {
      g_printerr ("--renderer: expected cairo, gl or default\n");
      return 1;
    }
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  rss_start = toa_ui_test_rss_mb ();
  open_started = g_get_monotonic_time ();
  store = toa_store_open (db, TOA_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 5;
    }

  app = toa_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 5;
    }
  window = toa_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  toa_ui_test_wait_frame (GTK_WIDGET (window), 10000);
  open_seconds = (g_get_monotonic_time () - open_started) / (double) G_USEC_PER_SEC;
  rss_window = toa_ui_test_rss_mb ();

  started = g_get_monotonic_time ();
  toa_ui_test_sign_in (window, login, password);
  stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "stack"));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "main") != 0)
    {
      g_printerr ("could not sign in as %s\n", login);
      return 3;
    }
  toa_ui_test_wait_frame (GTK_WIDGET (window), 10000);
  sign_in_seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  rss_signed_in = toa_ui_test_rss_mb ();

  page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "articles_page"));
  scrolled = GTK_WIDGET (gtk_widget_get_template_child (page, TOA_TYPE_ARTICLES_PAGE, "scrolled"));
  model = toa_articles_page_get_model (TOA_ARTICLES_PAGE (page));
  toa_article_list_model_wait_idle (model);   /* the list is counted off the main thread */
  rows = g_list_model_get_n_items (G_LIST_MODEL (model));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  started = g_get_monotonic_time ();
  value = 0;
  for (;;)
    {
      upper = gtk_adjustment_get_upper (adjustment);
      page_size = gtk_adjustment_get_page_size (adjustment);
      step = MAX (page_size, (upper - page_size) / MAX (max_steps, 1));
      if (value >= upper - page_size)
        break;
      value = MIN (value + step, upper - page_size);
      gtk_adjustment_set_value (adjustment, value);
      toa_ui_test_wait_frame (GTK_WIDGET (window), 2000);
      steps++;
      if (steps > (guint) max_steps * 4)
        break;   /* the list kept growing: stop rather than loop forever */
    }
  /* Let the last screen settle. */
  toa_ui_test_wait_frame (GTK_WIDGET (window), 2000);
  toa_article_list_model_get_fetch_counts (model, &keyset, &offset);

  printf ("{\"rows\": %u, \"steps\": %u, \"open_seconds\": %.3f, \"sign_in_seconds\": %.3f, "
          "\"scroll_seconds\": %.3f, \"reached_end\": %s, \"pages_by_keyset\": %u, \"pages_by_offset\": %u, "
          "\"rss_start_mb\": %.1f, \"rss_window_mb\": %.1f, \"rss_signed_in_mb\": %.1f, \"rss_mb\": %.1f, "
          "\"rss_anon_mb\": %.1f, \"rss_file_mb\": %.1f, \"rss_peak_mb\": %.1f, \"renderer\": \"%s\"}\n",
          rows, steps, open_seconds, sign_in_seconds,
          (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
          gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
            >= gtk_adjustment_get_upper (adjustment) - 1 ? "true" : "false",
          keyset, offset, rss_start, rss_window, rss_signed_in, toa_ui_test_rss_mb (),
          toa_ui_test_status_mb ("RssAnon"), toa_ui_test_status_mb ("RssFile"), toa_ui_test_status_mb ("VmHWM"),
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
