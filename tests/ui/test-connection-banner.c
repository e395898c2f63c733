/* test-connection-banner.c — "Cannot reach the server — retrying…" (issue 4 item 5) on a real
 * PostgreSQL test server (tests/store-pg/toa-pg-test-server.h) killed under the window:
 * /ui/connection-banner/outage: in the main window on PostgreSQL, a store call that lost the
 *   connection shows the banner within about a second; once the server is back the banner's
 *   own 5-second retry connects again, hides it and emits "reconnected" (once); a failing
 *   ping alone shows it too.
 * /ui/connection-banner/sqlite: on the SQLite file there is no server to lose: never shown.
 * Needs a display (xvfb-run) and the PostgreSQL server programs; skips without either. */
#include "config.h"

#include "toa-board.h"
#include "toa-connection-banner.h"
#include "toa-error.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-ui-test-util.h"

static ToaPgTestServer *server;

static void
on_reconnected (ToaConnectionBanner *banner, guint *count)
{
  (*count)++;
}

/* Iterates the main loop until the banner's offline state is @offline; the time it took (µs)
 * or -1 after @timeout_ms. */
static gint64
wait_offline (ToaConnectionBanner *banner, gboolean offline, guint timeout_ms)
{
  gint64 start = g_get_monotonic_time ();

  while (g_get_monotonic_time () - start < (gint64) timeout_ms * 1000)
    {
      if (toa_connection_banner_get_offline (banner) == offline)
        return g_get_monotonic_time () - start;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return -1;
}

static gboolean
shown (ToaConnectionBanner *banner)
{
  GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_first_child (GTK_WIDGET (banner)));

  return gtk_revealer_get_reveal_child (revealer);
}

static void
test_outage (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(ToaStore) store = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  ToaApplication *application = toa_ui_test_application ();
  ToaWindow *window;
  GtkWidget *content, *first;
  ToaConnectionBanner *banner;
  guint reconnected = 0;
  gint64 took;

  g_assert_true (toa_pg_test_server_create_db (server, "banner", &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, "banner");
  store = TOA_STORE (toa_pg_store_open (url, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);
  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);

  window = toa_window_new (application, store);
  gtk_window_present (GTK_WINDOW (window));
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  first = gtk_widget_get_first_child (content);
  g_assert_true (TOA_IS_CONNECTION_BANNER (first));
  banner = TOA_CONNECTION_BANNER (first);
  g_signal_connect (banner, "reconnected", G_CALLBACK (on_reconnected), &reconnected);
  toa_ui_test_spin (300);
  g_assert_false (toa_connection_banner_get_offline (banner));
  g_assert_false (shown (banner));

  /* the server goes; a call (as a page would make) fails: the banner shows by itself */
  toa_pg_test_server_kill (server);
  g_assert_null (toa_store_site_list (store, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_clear_error (&error);
  took = wait_offline (banner, TRUE, 2500);
  g_assert_cmpint (took, >=, 0);
  g_assert_true (shown (banner));
  g_test_message ("banner shown %.0f ms after the failed call", took / 1000.0);

  /* back: the banner's retry (every 5 s while offline) connects again and hides it */
  toa_pg_test_server_restart (server);
  took = wait_offline (banner, FALSE, 7000);
  g_assert_cmpint (took, >=, 0);
  g_test_message ("banner hidden %.0f ms after the server was back", took / 1000.0);
  g_assert_false (shown (banner));
  g_assert_cmpuint (reconnected, ==, 1);
  sites = toa_store_site_list (store, &error);
  g_assert_no_error (error);

  /* a ping that fails shows it too (no other call needed); retrying now brings it back */
  toa_pg_test_server_kill (server);
  toa_connection_banner_check (banner);
  g_assert_true (toa_connection_banner_get_offline (banner));
  toa_connection_banner_check (banner);
  g_assert_true (toa_connection_banner_get_offline (banner));
  g_assert_cmpuint (reconnected, ==, 1);
  toa_pg_test_server_restart (server);
  toa_connection_banner_check (banner);
  g_assert_false (toa_connection_banner_get_offline (banner));
  g_assert_cmpuint (reconnected, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  toa_ui_test_spin (50);
}

static void
test_sqlite (void)
{
  g_autofree char *path = toa_ui_test_temp_database ("connection-banner");
  ToaStore *store = toa_ui_test_board_store (path, NULL);
  ToaConnectionBanner *banner = toa_connection_banner_new ();

  g_object_ref_sink (banner);
  toa_connection_banner_set_store (banner, store);
  toa_connection_banner_check (banner);
  g_assert_false (toa_connection_banner_get_offline (banner));
  g_assert_false (shown (banner));
  g_assert_true (toa_store_is_online (store));
  g_assert_true (toa_store_ping (store, NULL));
  g_object_unref (banner);
  g_object_unref (store);
  toa_ui_test_remove_database (path);
}

int
main (int argc, char *argv[])
{
  if (!toa_ui_test_init (&argc, &argv, "test-connection-banner"))
    return 77;   /* meson's "skipped" */
  server = toa_pg_test_server_start ();
  adw_init ();

  g_test_add_func ("/ui/connection-banner/outage", test_outage);
  g_test_add_func ("/ui/connection-banner/sqlite", test_sqlite);
  return g_test_run ();
}
