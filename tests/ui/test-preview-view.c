/* test-preview-view.c — the live preview (ToaPreviewView) and the Settings group "Preview":
 * the page shows the article and follows its changes (several quick changes give one
 * render, with the last text), JavaScript is off, the phone width lays the page out at
 * most 390 px wide, and nothing reaches the network: a local GSocketService the page's
 * images and links point at receives no connection, and a navigation asked through the API
 * is refused with no request sent (WebKit's preconnect opens a socket first). The group saves the
 * administrator's choice and shows it read-only to others. The page prints through
 * WebKit's print operation (to toasoan-preview.pdf). Screenshot toasoan-preview-phone.png. Needs a display (run under xvfb-run); skips without one. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <webkit/webkit.h>

#include "toa-preview-group.h"
#include "toa-preview-view.h"
#include "toa-preview.h"
#include "toa-ui-test-util.h"

static ToaStore       *store;
static char           *db_path;
static ToaPerson      *admin;
static ToaPerson      *editor;
static GSocketService *service;
static guint           connections;
static guint16         port;
static GtkWindow      *window;
static ToaPreviewView *view;
static gint64          portal_id;

static guint requests;   /* connections on which bytes arrived */
static char  request_start[64];

static void
read_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  g_autoptr(GIOStream) connection = user_data;

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    {
      requests++;
      g_snprintf (request_start, sizeof request_start, "%.*s",
                  (int) MIN (g_bytes_get_size (bytes), 40), (const char *) g_bytes_get_data (bytes, NULL));
    }
}

static gboolean
on_incoming (GSocketService *s, GSocketConnection *connection, GObject *source, gpointer data)
{
  connections++;
  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)), 4096,
                                   G_PRIORITY_DEFAULT, NULL, read_done, g_object_ref (connection));
  return FALSE;
}

static ToaArticle *
article_with_title (const char *title)
{
  ToaArticle *article = toa_article_new ();

  article->site_id = portal_id;
  article->genre = g_strdup ("tin");
  article->language = g_strdup ("vi");
  article->title = g_strdup (title);
  article->sapo = g_strdup ("Chiều 21/11, Ban Biên tập họp giao ban tuần.");
  article->attribution = g_strdup ("Theo Văn phòng UBND tỉnh");
  article->body_html = g_strdup_printf ("<p>Nội dung <a href=\"http://127.0.0.1:%u/lien-ket\">liên kết</a>.</p>"
                                        "<p><img src=\"http://127.0.0.1:%u/anh.png\" alt=\"Ảnh ngoài\" "
                                        "width=\"300\" height=\"200\"></p>"
                                        "<p><img src=\"https://127.0.0.1:%u/anh2.png\" alt=\"Ảnh 2\" "
                                        "width=\"300\" height=\"200\"></p>",
                                        port, port, port);
  toa_article_add_author (article, editor->id, NULL, "author", 10000);
  return article;
}

static gboolean
wait_renders (guint count, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (toa_preview_view_get_render_count (view) < count && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return toa_preview_view_get_render_count (view) >= count;
}

static void
got_data (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **out = user_data;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  guchar *data = webkit_web_resource_get_data_finish (WEBKIT_WEB_RESOURCE (source), result, &length, &error);

  g_assert_no_error (error);
  *out = g_strndup ((char *) data, length);
  g_free (data);
}

/* The HTML the view shows now. */
static char *
shown_html (void)
{
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (toa_preview_view_get_web_view (view));
  WebKitWebResource *resource = webkit_web_view_get_main_resource (web_view);
  char *html = NULL;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_nonnull (resource);
  webkit_web_resource_get_data (resource, NULL, got_data, &html);
  while (html == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (html);
  return html;
}

static void
test_shows_article (void)
{
  g_autoptr(ToaArticle) article = article_with_title ("Giao ban Ban Biên tập tuần 47");
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (toa_preview_view_get_web_view (view));
  g_autofree char *html = NULL;

  g_assert_false (webkit_settings_get_enable_javascript (webkit_web_view_get_settings (web_view)));
  toa_preview_view_set_article (view, article);
  g_assert_true (wait_renders (1, 20000));
  html = shown_html ();
  g_assert_nonnull (strstr (html, "Giao ban Ban Biên tập tuần 47"));
  g_assert_nonnull (strstr (html, "Theo Văn phòng UBND tỉnh"));
  g_assert_nonnull (strstr (html, editor->full_name));
  g_assert_nonnull (strstr (html, "Content-Security-Policy"));
  /* the sanitiser keeps http images: the page has them, and they must not load */
  g_assert_nonnull (strstr (html, "/anh.png"));
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "toasoan://preview/article");
}

static void
test_updates_debounced (void)
{
  guint before = toa_preview_view_get_render_count (view);
  g_autofree char *html = NULL;

  /* typing: five changes 50 ms apart give one render, of the last */
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Tiêu đề đang gõ %u", i);
      g_autoptr(ToaArticle) article = article_with_title (title);

      toa_preview_view_set_article (view, article);
      toa_ui_test_spin (50);
    }
  g_assert_cmpuint (toa_preview_view_get_render_count (view), ==, before);
  g_assert_true (wait_renders (before + 1, 10000));
  toa_ui_test_spin (600);
  g_assert_cmpuint (toa_preview_view_get_render_count (view), ==, before + 1);
  html = shown_html ();
  g_assert_nonnull (strstr (html, "Tiêu đề đang gõ 5"));
  g_assert_null (strstr (html, "Tiêu đề đang gõ 4"));
}

static void
test_phone_width (void)
{
  GtkWidget *web_view = toa_preview_view_get_web_view (view);

  toa_preview_view_set_width (view, "phone");
  g_assert_cmpstr (toa_preview_view_get_width (view), ==, "phone");
  toa_ui_test_wait_frame (web_view, 2000);
  toa_ui_test_spin (200);
  g_assert_cmpint (gtk_widget_get_width (web_view), <=, 390);
  g_assert_cmpint (gtk_widget_get_width (web_view), >=, 300);
  toa_ui_test_screenshot (GTK_WIDGET (window), "toasoan-preview-phone.png", 8);

  toa_preview_view_set_width (view, "desktop");
  toa_ui_test_wait_frame (web_view, 2000);
  toa_ui_test_spin (200);
  g_assert_cmpint (gtk_widget_get_width (web_view), >, 900);
  g_assert_cmpint (gtk_widget_get_width (web_view), <=, 1024);
}

static void
test_no_network (void)
{
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (toa_preview_view_get_web_view (view));
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/dieu-huong", port);

  /* the page's images and links reached nothing */
  toa_ui_test_spin (1000);
  g_assert_cmpuint (connections, ==, 0);
  /* a navigation away is refused too */
  webkit_web_view_load_uri (web_view, uri);
  toa_ui_test_spin (1500);
  g_test_message ("after a navigation: %u connections, %u requests (%s)", connections, requests, request_start);
  g_assert_cmpstr (webkit_web_view_get_uri (web_view), ==, "toasoan://preview/article");
  /* WebKit preconnects (opens a socket, sends nothing) as soon as the API is asked to load
   * a URL, before our policy refuses it; the preview itself never asks. No request went. */
  g_assert_cmpuint (requests, ==, 0);
}

static void
print_finished (WebKitPrintOperation *operation, gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
print_failed (WebKitPrintOperation *operation, GError *error, gpointer user_data)
{
  g_test_message ("printing failed: %s", error->message);
}

/* What "In" prints, without the dialog: the page through WebKit's print operation to a PDF. */
static void
test_print_pdf (void)
{
  g_autoptr(WebKitPrintOperation) operation =
    webkit_print_operation_new (WEBKIT_WEB_VIEW (toa_preview_view_get_web_view (view)));
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *path = toa_ui_test_build_file ("toasoan-preview.pdf");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dir_uri = g_filename_to_uri (dir, NULL, NULL);
  g_autofree char *pdf = NULL;
  gsize length = 0;
  gboolean finished = FALSE;

  g_remove (path);
  /* GTK's file printer is named in the running language ("In ra tập tin" in Vietnamese) */
  gtk_print_settings_set_printer (settings, g_dgettext ("gtk40", "Print to File"));
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  /* (WebKit may hand the file printer only the directory and the base name) */
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, dir_uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, "toasoan-preview");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  webkit_print_operation_set_print_settings (operation, settings);
  g_signal_connect (operation, "finished", G_CALLBACK (print_finished), &finished);
  g_signal_connect (operation, "failed", G_CALLBACK (print_failed), NULL);
  webkit_print_operation_print (operation);
  g_assert_true (toa_ui_test_wait_flag (&finished, 30000));
  g_assert_true (g_file_get_contents (path, &pdf, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
}

static void
test_settings_group (void)
{
  ToaPreviewGroup *group = g_object_ref_sink (g_object_new (TOA_TYPE_PREVIEW_GROUP, NULL));
  GtkWindow *settings = toa_ui_test_preferences_window (group, 700, 500);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  AdwComboRow *row;

  toa_preview_group_set_person (group, store, editor);
  row = toa_preview_group_get_row (group, "portal");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  toa_preview_group_set_person (group, store, admin);
  row = toa_preview_group_get_row (group, "portal");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  adw_combo_row_set_selected (row, 1);
  code = toa_preview_template_for_site (store, portal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "trang-thanh-phan");

  /* the preview picks the site's new template on its next render */
  {
    guint before = toa_preview_view_get_render_count (view);
    g_autofree char *html = NULL;

    toa_preview_view_refresh (view);
    g_assert_true (wait_renders (before + 1, 10000));
    html = shown_html ();
    g_assert_nonnull (strstr (html, "class=\"trang-thanh-phan\""));
  }
  gtk_window_destroy (settings);
  g_object_unref (group);
}

/* Removes @path and everything under it. */
static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autofree char *cache = NULL;
  int status;

  /* the content filter is compiled into a cache of our own (set before any thread starts) */
  cache = g_dir_make_tmp ("toasoan-preview-cache-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  if (!toa_ui_test_init (&argc, &argv, "test-preview-view"))
    {
      g_rmdir (cache);
      return 77;   /* meson's "skipped" */
    }
  adw_init ();

  db_path = toa_ui_test_temp_database ("preview");
  store = toa_ui_test_board_store (db_path, "tin-tuc-su-kien");
  admin = toa_ui_test_add_person (store, "quantri", "Quản Trị Viên", "admin");
  editor = toa_ui_test_add_person (store, "bientap", "Nguyễn Thị Biên Tập", "editor");
  portal = toa_store_site_find (store, "portal", &error);
  g_assert_no_error (error);
  portal_id = portal->id;

  /* a server that must hear nothing */
  service = g_socket_service_new ();
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error));
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), NULL);
  g_socket_service_start (service);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 760);
  view = TOA_PREVIEW_VIEW (toa_preview_view_new (store));
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);

  g_test_add_func ("/preview-view/shows-article", test_shows_article);
  g_test_add_func ("/preview-view/updates-debounced", test_updates_debounced);
  g_test_add_func ("/preview-view/phone-width", test_phone_width);
  g_test_add_func ("/preview-view/no-network", test_no_network);
  g_test_add_func ("/preview-view/print-pdf", test_print_pdf);
  g_test_add_func ("/preview-view/settings-group", test_settings_group);
  status = g_test_run ();

  /* whatever the page held, the server got no request */
  g_assert_cmpuint (requests, ==, 0);
  gtk_window_destroy (window);
  g_socket_service_stop (service);
  g_clear_object (&service);
  g_clear_object (&store);
  toa_person_free (admin);
  toa_person_free (editor);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  {
    g_autoptr(GFile) cache_dir = g_file_new_for_path (cache);

    remove_tree (cache_dir);
  }
  return status;
}
