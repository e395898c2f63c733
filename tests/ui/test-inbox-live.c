/* test-inbox-live.c — the live inbox on a shared PostgreSQL board (issue 4 item 3): two desks
 * on one test server (tests/store-pg/toa-pg-test-server.h), each its own store connection.
 * Desk B shows the secretary's Inbox page; desk A (the editor) forwards an item through core;
 * the item appears in B's list within 1 s with no call to toa_inbox_page_refresh, and counts
 * as arrived (the desktop notification); the item's window open on desk B shows the new
 * version within 1 s too. A change on a site the secretary has nothing to do
 * with does not make B read its list. On an SQLite file there is nothing to watch
 * (toa_store_watch is NULL): the page keeps its minute poll. The list is read on a second
 * connection in a worker thread: while another connection holds a lock on the articles (a
 * slow server), the main loop keeps running and the previous rows stay. Needs a display (xvfb-run) and
 * the PostgreSQL server programs; skips without either. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-inbox-page.h"
#include "toa-inbox-row.h"
#include "toa-inbox.h"
#include "toa-item-view.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-transitions.h"
#include "toa-ui-test-util.h"

#define LIMIT_MS 1000

static ToaPgTestServer *server;

static ToaStore *
open_store (const char *url, ToaOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  ToaPgStore *store = toa_pg_store_open (url, flags, &error);

  g_assert_no_error (error);
  return TOA_STORE (store);
}

static gboolean
listed (ToaInboxPage *page, gint64 id)
{
  GListModel *model = toa_inbox_page_get_model (page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ToaInboxRow) row = g_list_model_get_item (model, i);

      if (toa_inbox_row_get_item (row)->article->id == id)
        return TRUE;
    }
  return FALSE;
}

/* Counts the page's reads of its list: each read replaces the model's items. */
static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, guint *reads)
{
  (*reads)++;
}

static void
test_live (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(ToaStore) desk_a = NULL;
  g_autoptr(ToaStore) desk_b = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSite) other = toa_site_new ();
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaSection) other_section = toa_section_new ();
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaPerson) secretary = NULL;
  g_autoptr(ToaPerson) other_editor = NULL;
  g_autoptr(ToaArticle) item = NULL;
  g_autoptr(ToaArticle) elsewhere = NULL;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin",
                            .title = "Thông báo lịch tiếp công dân tháng 12", .info_kind = "law-guidance" };
  ToaTransitionRequest forward = { .transition = "forward" };
  ToaTransitionResult result = { 0 };
  GtkWidget *window;
  GtkWindow *view;
  gint64 version_before;
  ToaInboxPage *page;
  gint64 committed, shown = 0;
  guint reads = 0;

  g_assert_true (toa_pg_test_server_create_db (server, "live", &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, "live");
  desk_a = open_store (url, TOA_OPEN_CREATE);
  g_assert_true (toa_board_init (desk_a, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (desk_a, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (desk_a, section, &error));
  g_assert_no_error (error);
  other->code = g_strdup ("so-y-te");
  other->name = g_strdup ("Sở Y tế");
  other->kind = g_strdup ("component");
  g_assert_true (toa_store_site_add (desk_a, other, &error));
  g_assert_no_error (error);
  other_section->site_id = other->id;
  other_section->code = g_strdup ("tin-y-te");
  other_section->name = g_strdup ("Tin y tế");
  g_assert_true (toa_store_section_add (desk_a, other_section, &error));
  g_assert_no_error (error);
  editor = toa_ui_test_add_person (desk_a, "r-editor", "Người Biên tập", "editor");
  secretary = toa_ui_test_add_person (desk_a, "r-secretary", "Người Thư ký", "secretary");
  other_editor = toa_ui_test_add_person (desk_a, "r-yte", "Biên tập Sở Y tế", "editor@so-y-te");
  item = toa_articles_create (desk_a, editor, &draft, &error);
  g_assert_no_error (error);

  /* desk B: the secretary's Inbox on a connection of its own */
  desk_b = open_store (url, 0);
  window = gtk_window_new ();
  page = g_object_new (TOA_TYPE_INBOX_PAGE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  toa_inbox_page_set_location (page, url);
  toa_inbox_page_set_person (page, desk_b, secretary);
  /* whether delegations to the secretary are in force is read in the worker: until the
   * answer is back every change counts (delegated), then none is in force */
  g_assert_true (toa_inbox_page_get_delegated (page));
  toa_inbox_page_wait_idle (page);
  g_assert_false (toa_inbox_page_get_delegated (page));
  toa_ui_test_spin (200);
  g_assert_false (listed (page, item->id));
  g_assert_cmpuint (toa_inbox_page_get_arrived (page), ==, 0);
  g_signal_connect (toa_inbox_page_get_model (page), "items-changed", G_CALLBACK (on_items_changed), &reads);

  /* a draft on another site, which the secretary holds no role on: B does not read again */
  draft.section_code = "tin-y-te";
  draft.site_code = "so-y-te";
  elsewhere = toa_articles_create (desk_a, other_editor, &draft, &error);
  g_assert_no_error (error);
  toa_ui_test_spin (600);
  g_assert_cmpuint (reads, ==, 0);

  /* the item's window, open on desk B (the secretary may look at a draft on the portal) */
  view = toa_item_view_new (GTK_WINDOW (window), desk_b, secretary, item->id);
  version_before = toa_item_view_get_version (TOA_ITEM_VIEW (view));
  g_assert_cmpint (version_before, >, 0);
  toa_ui_test_spin (300);   /* the draft's own notices (made, saved) are read before we start */
  reads = 0;

  /* desk A forwards the item to the secretary */
  forward.article_id = item->id;
  g_assert_true (toa_transitions_do (desk_a, editor, &forward, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);
  committed = g_get_monotonic_time ();
  while (g_get_monotonic_time () - committed < 3 * LIMIT_MS * 1000)
    {
      g_main_context_iteration (NULL, FALSE);
      if (listed (page, item->id))
        {
          shown = g_get_monotonic_time ();
          break;
        }
      g_usleep (1000);
    }
  g_assert_cmpint (shown, >, 0);
  g_test_message ("forwarded on desk A, shown on desk B after %.1f ms", (shown - committed) / 1000.0);
  g_assert_cmpint (shown - committed, <=, LIMIT_MS * 1000);
  g_assert_cmpuint (toa_inbox_page_get_arrived (page), ==, 1);
  g_assert_cmpuint (reads, >=, 1);
  while (toa_item_view_get_version (TOA_ITEM_VIEW (view)) == version_before
         && g_get_monotonic_time () - committed < LIMIT_MS * 1000)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_cmpint (toa_item_view_get_version (TOA_ITEM_VIEW (view)), >, version_before);

  gtk_window_destroy (view);

  gtk_window_destroy (GTK_WINDOW (window));
  toa_ui_test_spin (50);
}

static gboolean
on_tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* A server that is slow to answer (another connection holds the articles locked): the
 * refresh waits in its worker, the window's main loop keeps running, the rows stay. */
static void
test_slow_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(ToaStore) desk_a = NULL;
  g_autoptr(ToaStore) desk_b = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaPerson) secretary = NULL;
  g_autoptr(ToaArticle) item = NULL;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin",
                            .title = "Kế hoạch phòng chống bão lũ năm 2027", .info_kind = "law-guidance" };
  ToaTransitionRequest forward = { .transition = "forward" };
  ToaTransitionResult result = { 0 };
  GtkWidget *window;
  ToaInboxPage *page;
  PGconn *locker;
  PGresult *res;
  guint ticks = 0, tick_id;

  g_assert_true (toa_pg_test_server_create_db (server, "slow", &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, "slow");
  desk_a = open_store (url, TOA_OPEN_CREATE);
  g_assert_true (toa_board_init (desk_a, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (desk_a, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (desk_a, section, &error));
  g_assert_no_error (error);
  editor = toa_ui_test_add_person (desk_a, "s-editor", "Người Biên tập", "editor");
  secretary = toa_ui_test_add_person (desk_a, "s-secretary", "Người Thư ký", "secretary");
  item = toa_articles_create (desk_a, editor, &draft, &error);
  g_assert_no_error (error);
  forward.article_id = item->id;
  g_assert_true (toa_transitions_do (desk_a, editor, &forward, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);

  desk_b = open_store (url, 0);
  window = gtk_window_new ();
  page = g_object_new (TOA_TYPE_INBOX_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  toa_inbox_page_set_location (page, url);
  toa_inbox_page_set_person (page, desk_b, secretary);
  toa_inbox_page_wait_idle (page);
  g_assert_true (listed (page, item->id));

  /* another connection locks the articles: every read of them waits */
  locker = PQconnectdb (url);
  g_assert_cmpint (PQstatus (locker), ==, CONNECTION_OK);
  res = PQexec (locker, "BEGIN; LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);

  toa_inbox_page_refresh (page);
  tick_id = g_timeout_add (20, on_tick, &ticks);
  toa_ui_test_spin (600);
  g_test_message ("%u ticks of the main loop while the list was being read", ticks);
  g_assert_cmpuint (ticks, >=, 10);                     /* the window did not freeze */
  g_assert_true (toa_inbox_page_is_reading (page));     /* the read is still waiting */
  g_assert_true (listed (page, item->id));              /* the previous rows stay */

  /* the server answers: the read comes back */
  res = PQexec (locker, "COMMIT");
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_COMMAND_OK);
  PQclear (res);
  toa_inbox_page_wait_idle (page);
  g_assert_false (toa_inbox_page_is_reading (page));
  g_assert_true (listed (page, item->id));
  g_assert_cmpuint (g_list_model_get_n_items (toa_inbox_page_get_model (page)), ==, 1);
  g_source_remove (tick_id);
  PQfinish (locker);

  gtk_window_destroy (GTK_WINDOW (window));
  toa_ui_test_spin (50);
}

/* The SQLite file cannot be watched: the page polls it (no error, no watch). */
static void
test_sqlite_polls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = toa_ui_test_temp_database ("inbox-live");
  ToaStore *store = toa_ui_test_board_store (path, NULL);
  g_autoptr(ToaStoreWatch) watch = toa_store_watch (store, &error);

  g_assert_no_error (error);
  g_assert_null (watch);
  g_object_unref (store);
  toa_ui_test_remove_database (path);
}

int
main (int argc, char *argv[])
{
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-inbox-live"))
    return 77;   /* meson's "skipped" */
  server = toa_pg_test_server_start ();
  /* libadwaita without a registered application: "arrived" still counts, but no desktop
   * notification is sent (a test session bus has no notification service to answer it) */
  adw_init ();

  g_test_add_func ("/ui/inbox-live/forwarded", test_live);
  g_test_add_func ("/ui/inbox-live/slow-server", test_slow_server);
  g_test_add_func ("/ui/inbox-live/sqlite-polls", test_sqlite_polls);
  status = g_test_run ();
  return status;
}
