/* toa-ui-test-util.c — helpers for the window tests and the window benchmark. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "toa-board.h"
#include "toa-demo.h"
#include "toa-sign-in-page.h"
#include "toa-store-open.h"
#include "toa-ui-test-util.h"

static gboolean
is_known_warning (const char *log_domain, const char *message)
{
  static const char *const known[] = {
    "AT-SPI", "accessibility bus", "a11y", "dbus", "D-Bus", "DBus", "session bus",
    "org.freedesktop", "org.a11y", "dconf", "Unable to acquire session bus",
  };

  if (message == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strstr (message, known[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
fatal_handler (const char *log_domain, GLogLevelFlags log_level, const char *message, gpointer data)
{
  return !is_known_warning (log_domain, message);
}

void
toa_ui_test_ignore_known_warnings (void)
{
  g_test_log_set_fatal_handler (fatal_handler, NULL);
}

ToaStore *
toa_ui_test_demo_store (const char *path, GError **error)
{
  g_autoptr(ToaStore) store = toa_store_open (path, TOA_OPEN_CREATE, error);

  if (store == NULL)
    return NULL;
  if (!toa_board_init (store, TOA_DEMO_PORTAL_NAME, error))
    return NULL;
  if (!toa_demo_populate (store, 0, error))
    return NULL;
  return g_steal_pointer (&store);
}

char *
toa_ui_test_temp_database (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("toasoan-%s-XXXXXX", name);
  g_autofree char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "board.db", NULL);
}

void
toa_ui_test_remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *dir = g_path_get_dirname (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

ToaStore *
toa_ui_test_board_store (const char *path, const char *section_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = toa_store_open (path, TOA_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (toa_board_init (store, "Cổng Thông tin điện tử tỉnh", &error));
  g_assert_no_error (error);
  if (section_code != NULL)
    {
      g_autoptr(ToaSite) portal = toa_store_site_find (store, "portal", &error);
      g_autoptr(ToaSection) section = toa_section_new ();

      g_assert_no_error (error);
      section->site_id = portal->id;
      section->code = g_strdup (section_code);
      section->name = g_strdup ("Tin tức - Sự kiện");
      g_assert_true (toa_store_section_add (store, section, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&store);
}

ToaPerson *
toa_ui_test_add_person (ToaStore *store, const char *login, const char *name, const char *role)
{
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_autoptr(GError) error = NULL;
  ToaRoleGrant grant;
  ToaPerson *person;

  g_assert_true (toa_people_parse_role (store, role, &grant, &error));
  g_array_append_val (grants, grant);
  person = toa_people_add (store, 0, login, name, NULL, FALSE, NULL, grants, TOA_UI_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  return person;
}

GtkWindow *
toa_ui_test_preferences_window (gpointer group, int width, int height)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *page = adw_preferences_page_new ();

  gtk_window_set_default_size (window, width, height);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (window);
  return window;
}

ToaApplication *
toa_ui_test_application (void)
{
  g_autoptr(GError) error = NULL;
  ToaApplication *app = toa_application_new ();

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

char *
toa_ui_test_build_file (const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");

  return g_build_filename (dir != NULL ? dir : ".", name, NULL);
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
toa_ui_test_wait_flag (const gboolean *done, guint timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *done;
}

void
toa_ui_test_spin (guint ms)
{
  gboolean never = FALSE;

  toa_ui_test_wait_flag (&never, ms);
}

static void
on_after_paint (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

gboolean
toa_ui_test_wait_frame (GtkWidget *widget, guint timeout_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  if (clock == NULL)
    return FALSE;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  toa_ui_test_wait_flag (&painted, timeout_ms);
  g_signal_handler_disconnect (clock, id);
  return painted;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

void
toa_ui_test_sign_in (ToaWindow *window, const char *login, const char *password)
{
  GtkWidget *page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), TOA_TYPE_WINDOW, "sign_in_page"));
  GtkWidget *login_row = GTK_WIDGET (gtk_widget_get_template_child (page, TOA_TYPE_SIGN_IN_PAGE, "login_row"));
  GtkWidget *password_row = GTK_WIDGET (gtk_widget_get_template_child (page, TOA_TYPE_SIGN_IN_PAGE, "password_row"));
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (page, TOA_TYPE_SIGN_IN_PAGE, "sign_in_button"));

  gboolean clicked = FALSE;
  gulong id;

  gtk_editable_set_text (GTK_EDITABLE (login_row), login);
  gtk_editable_set_text (GTK_EDITABLE (password_row), password);
  /* An activated button shows itself pressed for a moment, then emits "clicked". */
  id = g_signal_connect_swapped (button, "clicked", G_CALLBACK (set_flag), &clicked);
  gtk_widget_activate (button);
  toa_ui_test_wait_flag (&clicked, 5000);
  g_signal_handler_disconnect (button, id);
}

guint
toa_ui_test_save_png (GtkWidget *widget, const char *path, GError **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = NULL;
  g_autofree guchar *pixels = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  gsize stride;

  if (width <= 0 || height <= 0 || gtk_widget_get_native (widget) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the widget is not shown");
      return 0;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nothing was drawn");
      return 0;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not write %s", path);
      return 0;
    }

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  pixels = g_malloc (stride * (gsize) height);
  gdk_texture_download (texture, pixels, stride);
  colours = g_hash_table_new (NULL, NULL);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;
        memcpy (&pixel, pixels + (gsize) y * stride + (gsize) x * 4, 4);
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }
  return g_hash_table_size (colours);
}

void
toa_ui_test_screenshot (GtkWidget *widget, const char *name, guint min_colours)
{
  g_autofree char *path = toa_ui_test_build_file (name);
  g_autoptr(GError) error = NULL;
  guint colours;

  g_assert_true (toa_ui_test_wait_frame (widget, 10000));
  toa_ui_test_spin (200);
  colours = toa_ui_test_save_png (widget, path, &error);
  g_assert_no_error (error);
  g_test_message ("screenshot %s: %u colours", path, colours);
  g_assert_cmpuint (colours, >, min_colours);
}

double
toa_ui_test_status_mb (const char *field)
{
  g_autofree char *status = NULL;
  g_autofree char *key = g_strconcat (field, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, key);
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (key), NULL) / 1024.0;
}

double
toa_ui_test_rss_mb (void)
{
  return toa_ui_test_status_mb ("VmRSS");
}

gboolean
toa_ui_test_init (int *argc, char ***argv, const char *name)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
  toa_ui_test_ignore_known_warnings ();

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("%s: no display, skipped (run it under xvfb-run -a)\n", name);
      return FALSE;
    }
  return TRUE;
}
