/* test-pg-sign-in.c — the window on a shared PostgreSQL server (issue 4 items 1–2): each
 * person signs in with their own server account. A test server (store-pg/toa-pg-test-server.h)
 * with a board made by the owner, and a member account "thuky" (CREATE ROLE … IN ROLE
 * toasoan_member when 005's group exists) whose password needs percent-encoding.
 * Through the widgets: the member's own password → the window shows the person and the Inbox
 * with the item forwarded to them, the connection is signed in as them, and signing out closes
 * it; a wrong password or an unknown login → the one generic message, no window content;
 * no server at the port → a message naming host:port; the Connect window tests a server,
 * saves it in GSettings and the next sign-in uses it (screenshot toasoan-connect.png).
 * Needs a display (xvfb-run) and the PostgreSQL server programs; skips without either. */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-connect-page.h"
#include "toa-error.h"
#include "toa-inbox-page.h"
#include "toa-inbox-row.h"
#include "toa-people.h"
#include "toa-pg-test-server.h"
#include "toa-sign-in-page.h"
#include "toa-store-open.h"
#include "toa-transitions.h"
#include "toa-ui-test-util.h"

#define DBNAME "signin"
/* reserved characters in URLs: the sign-in must percent-encode them */
#define MEMBER_PASSWORD "p@ss:w/rd?#%&Tòa"

static ToaPgTestServer *server;
static ToaApplication *application;
static gint64 item_id;

static char *
server_location (void)
{
  return g_strdup_printf ("postgresql://127.0.0.1:%d/" DBNAME, toa_pg_test_server_port (server));
}

static ToaSignInPage *
sign_in_page (ToaWindow *window)
{
  return TOA_SIGN_IN_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "sign_in_page"));
}

/* Types into the page, presses Sign In and waits until the server answered. */
static void
sign_in (ToaWindow *window, const char *login, const char *password)
{
  gint64 start;

  toa_ui_test_sign_in (window, login, password);
  start = g_get_monotonic_time ();
  while (toa_sign_in_page_get_busy (sign_in_page (window)) && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (toa_sign_in_page_get_busy (sign_in_page (window)));
  toa_ui_test_spin (50);
}

/* Whether "thuky" has a connection open on the server (pg_stat_activity, as the owner). */
static gboolean
member_connected (void)
{
  g_autoptr(GError) error = NULL;

  return !toa_pg_test_server_exec (server, DBNAME,
                                   "DO $$ BEGIN IF (SELECT count(*) FROM pg_stat_activity WHERE usename = 'thuky') > 0 "
                                   "THEN RAISE EXCEPTION 'connected'; END IF; END $$", &error);
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

static void
setup_board (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *create = NULL;
  g_autoptr(ToaStore) owner = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaPerson) secretary = NULL;
  g_autoptr(ToaArticle) item = NULL;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin",
                            .title = "Thông báo lịch tiếp công dân tháng 12", .info_kind = "law-guidance" };
  ToaTransitionRequest forward = { .transition = "forward" };
  ToaTransitionResult result = { 0 };
  gboolean has_group;

  g_assert_true (toa_pg_test_server_create_db (server, DBNAME, &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, DBNAME);
  owner = toa_store_open (url, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (owner, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (owner, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (owner, section, &error));
  g_assert_no_error (error);
  editor = toa_ui_test_add_person (owner, "bientap", "Người Biên tập", "editor");
  secretary = toa_ui_test_add_person (owner, "thuky", "Nguyễn Thị Thư Ký", "secretary");
  item = toa_articles_create (owner, editor, &draft, &error);
  g_assert_no_error (error);
  forward.article_id = item->id;
  g_assert_true (toa_transitions_do (owner, editor, &forward, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);
  item_id = item->id;

  /* the member's own server account (005's group when the server has it) */
  has_group = toa_pg_test_server_exec (server, DBNAME,
                                       "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'toasoan_member') "
                                       "THEN RAISE EXCEPTION 'no group'; END IF; END $$", NULL);
  create = g_strdup_printf ("CREATE ROLE thuky LOGIN PASSWORD '%s'%s", MEMBER_PASSWORD,
                            has_group ? " IN ROLE toasoan_member" : "");
  g_assert_true (toa_pg_test_server_exec (server, DBNAME, create, &error));
  g_assert_no_error (error);
  g_test_message ("member account %s the group toasoan_member", has_group ? "in" : "without");
}

static void
test_account_url (void)
{
  g_autofree char *url = toa_connect_with_account ("postgresql://10.0.0.5:5432/toasoan", "thu ky", "p@:/%?");
  g_autofree char *address = toa_connect_server_address ("postgresql://10.0.0.5/toasoan");
  g_autofree char *made = toa_connect_server_location (" 10.0.0.5 ", "", "toasoan", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (url, ==, "postgresql://thu%20ky:p%40%3A%2F%25%3F@10.0.0.5:5432/toasoan");
  g_assert_cmpstr (address, ==, "10.0.0.5:5432");
  g_assert_cmpstr (made, ==, "postgresql://10.0.0.5:5432/toasoan");
  g_assert_true (toa_connect_is_server ("postgresql://10.0.0.5:5432/toasoan"));
  g_assert_false (toa_connect_is_server ("postgresql://owner:pw@10.0.0.5:5432/toasoan"));
  g_assert_false (toa_connect_is_server ("/home/a/toasoan.db"));
  g_assert_null (toa_connect_server_location ("10.0.0.5", "99999", "toasoan", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
}

static void
test_sign_in (void)
{
  g_autofree char *location = server_location ();
  ToaWindow *window = toa_window_new_for_server (application, location);
  ToaWindow *after;
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "stack"));
  GtkLabel *name = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "person_name_label"));
  ToaInboxPage *inbox = TOA_INBOX_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "inbox_page"));
  AdwViewStack *pages = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "view_stack"));
  const ToaPerson *person;
  gint64 start;

  gtk_window_present (GTK_WINDOW (window));
  toa_ui_test_spin (100);
  g_assert_null (toa_window_get_store (window));   /* no connection before someone signs in */
  g_assert_false (member_connected ());

  sign_in (window, "thuky", MEMBER_PASSWORD);
  g_assert_null (toa_sign_in_page_get_message (sign_in_page (window)));
  person = toa_window_get_person (window);
  g_assert_nonnull (person);
  g_assert_cmpstr (person->login, ==, "thuky");
  g_assert_cmpstr (gtk_label_get_text (name), ==, "Nguyễn Thị Thư Ký");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");
  g_assert_cmpstr (toa_store_signed_in_login (toa_window_get_store (window)), ==, "thuky");
  g_assert_true (member_connected ());

  toa_window_show_page (window, "inbox");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (pages), ==, "inbox");
  start = g_get_monotonic_time ();
  while (!listed (inbox, item_id) && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    toa_ui_test_spin (20);
  g_assert_true (listed (inbox, item_id));   /* the item forwarded to the secretary */
  toa_ui_test_spin (600);   /* the sign-in page's cross-fade ends */
  toa_ui_test_screenshot (GTK_WIDGET (window), "toasoan-pg-signed-in.png", 20);

  /* signing out closes the member's connection (a new window takes this one's place) */
  after = toa_window_sign_out_full (window);
  g_assert_true (after != window);
  g_assert_null (toa_window_get_person (after));
  g_assert_null (toa_window_get_store (after));
  start = g_get_monotonic_time ();
  while (member_connected () && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    toa_ui_test_spin (50);
  g_assert_false (member_connected ());
  gtk_window_destroy (GTK_WINDOW (after));
  toa_ui_test_spin (50);
}

static void
test_refused (void)
{
  g_autofree char *location = server_location ();
  ToaWindow *window = toa_window_new_for_server (application, location);
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "stack"));
  const char *generic = _("Wrong login or password. Check both and try again.");
  g_autofree char *wrong_password = NULL;

  gtk_window_present (GTK_WINDOW (window));
  sign_in (window, "thuky", "not-the-password");
  wrong_password = g_strdup (toa_sign_in_page_get_message (sign_in_page (window)));
  g_assert_cmpstr (wrong_password, ==, generic);
  g_assert_null (toa_window_get_person (window));
  g_assert_null (toa_window_get_store (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "sign-in");

  /* an account that does not exist reads the same: never which of the two was wrong */
  sign_in (window, "khong-co-ai", MEMBER_PASSWORD);
  g_assert_cmpstr (toa_sign_in_page_get_message (sign_in_page (window)), ==, generic);
  g_assert_null (toa_window_get_person (window));
  g_assert_false (member_connected ());
  gtk_window_destroy (GTK_WINDOW (window));
  toa_ui_test_spin (50);
}

/* A port where nothing listens: bind one, note it, close it. */
static int
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_unreachable (void)
{
  int port = closed_port ();
  g_autofree char *location = g_strdup_printf ("postgresql://127.0.0.1:%d/" DBNAME, port);
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%d", port);
  ToaWindow *window = toa_window_new_for_server (application, location);
  const char *message;

  gtk_window_present (GTK_WINDOW (window));
  sign_in (window, "thuky", MEMBER_PASSWORD);
  message = toa_sign_in_page_get_message (sign_in_page (window));
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, address));
  g_assert_cmpstr (message, !=, _("Wrong login or password. Check both and try again."));
  g_assert_null (toa_window_get_person (window));
  gtk_window_destroy (GTK_WINDOW (window));
  toa_ui_test_spin (50);
}

static void
on_saved (ToaConnectPage *page, const char *location, char **saved)
{
  g_free (*saved);
  *saved = g_strdup (location);
}

static ToaWindow *
the_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL; l = l->next)
    if (TOA_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_connect_page (void)
{
  g_autofree char *path = toa_ui_test_temp_database ("pg-sign-in");
  g_autoptr(ToaStore) file_store = toa_ui_test_board_store (path, NULL);
  g_autofree char *location = server_location ();
  g_autofree char *port = g_strdup_printf ("%d", toa_pg_test_server_port (server));
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%d", toa_pg_test_server_port (server));
  g_autofree char *answers = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GSettings) settings = toa_application_settings ();
  g_autofree char *configured = NULL;
  ToaWindow *window = toa_window_new (application, file_store);
  ToaWindow *next;
  ToaConnectPage *page;
  gint64 start;

  g_assert_nonnull (settings);
  gtk_window_present (GTK_WINDOW (window));
  toa_ui_test_spin (100);

  /* from the sign-in page of a window on a file */
  page = toa_window_open_connect (window);
  g_assert_nonnull (page);
  g_signal_connect (page, "saved", G_CALLBACK (on_saved), &saved);
  toa_connect_page_choose_server (page, "127.0.0.1", port, DBNAME);
  gtk_widget_activate (toa_connect_page_get_test_button (page));
  start = g_get_monotonic_time ();
  /* an activated button emits "clicked" after showing itself pressed; then the test runs */
  while ((toa_connect_page_get_testing (page) || *toa_connect_page_get_status (page) == '\0'
          || g_str_equal (toa_connect_page_get_status (page), _("Testing the connection…")))
         && g_get_monotonic_time () - start < 20 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (toa_connect_page_get_testing (page));
  answers = g_strdup_printf (_("The server at %s answers. Each person signs in with their own account on the sign-in page."),
                             address);
  g_assert_cmpstr (toa_connect_page_get_status (page), ==, answers);
  toa_ui_test_screenshot (GTK_WIDGET (page), "toasoan-connect.png", 20);

  gtk_widget_activate (toa_connect_page_get_save_button (page));
  start = g_get_monotonic_time ();
  while (saved == NULL && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    toa_ui_test_spin (20);
  toa_ui_test_spin (100);
  g_assert_cmpstr (saved, ==, location);
  configured = g_settings_get_string (settings, "database");
  g_assert_cmpstr (configured, ==, location);

  /* the next sign-in uses the server: the member's own account */
  next = the_window ();
  g_assert_nonnull (next);
  g_assert_true (next != window);
  sign_in (next, "thuky", MEMBER_PASSWORD);
  g_assert_nonnull (toa_window_get_person (next));
  g_assert_cmpstr (toa_store_signed_in_login (toa_window_get_store (next)), ==, "thuky");

  /* Settings → Database → Change…: a file, used from the next sign-in */
  page = toa_window_open_connect (next);
  toa_connect_page_choose_file (page, path);
  g_clear_pointer (&saved, g_free);
  g_signal_connect (page, "saved", G_CALLBACK (on_saved), &saved);
  gtk_widget_activate (toa_connect_page_get_save_button (page));
  start = g_get_monotonic_time ();
  while (saved == NULL && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    toa_ui_test_spin (20);
  g_assert_cmpstr (saved, ==, path);
  {
    AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (next), TOA_TYPE_WINDOW, "location_row"));
    g_autofree char *next_file = g_strdup_printf (_("File on this computer: %s"), path);

    /* Settings → Database says which is in use, and what the next sign-in uses */
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, _("PostgreSQL server"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), next_file));
    toa_window_show_page (next, "settings");
    toa_ui_test_spin (400);
    toa_ui_test_screenshot (GTK_WIDGET (next), "toasoan-pg-settings.png", 20);
  }
  g_assert_nonnull (toa_window_get_person (next));   /* still signed in on the server */
  window = toa_window_sign_out_full (next);
  g_assert_true (window != next);
  g_assert_nonnull (toa_window_get_store (window));
  g_assert_cmpstr (toa_store_describe (toa_window_get_store (window)), ==, toa_store_describe (file_store));
  g_settings_set_string (settings, "database", "");
  gtk_window_destroy (GTK_WINDOW (window));
  toa_ui_test_spin (50);
  g_clear_object (&file_store);
  toa_ui_test_remove_database (path);
}

int
main (int argc, char *argv[])
{
  if (!toa_ui_test_init (&argc, &argv, "test-pg-sign-in"))
    return 77;   /* meson's "skipped" */
  server = toa_pg_test_server_start ();
  application = toa_ui_test_application ();
  setup_board ();

  g_test_add_func ("/ui/pg-sign-in/account-url", test_account_url);
  g_test_add_func ("/ui/pg-sign-in/own-account", test_sign_in);
  g_test_add_func ("/ui/pg-sign-in/refused", test_refused);
  g_test_add_func ("/ui/pg-sign-in/unreachable", test_unreachable);
  g_test_add_func ("/ui/pg-sign-in/connect-page", test_connect_page);
  return g_test_run ();
}
