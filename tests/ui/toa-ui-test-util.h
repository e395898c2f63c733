/* toa-ui-test-util.h — helpers for the window tests and the window benchmark: a temporary
 * board or demo database and its people, the registered application, waiting on the main
 * loop, signing in through the widgets, screenshots. */
#pragma once

#include <gtk/gtk.h>

#include "toa-application.h"
#include "toa-people.h"
#include "toa-store.h"
#include "toa-window.h"

G_BEGIN_DECLS

/* The start of every window test: the locale and the program's translations from the build
 * tree (as ./run speaks), g_test_init, the known warnings let through. FALSE when there is no
 * display: the caller then returns 77 (meson's "skipped"); @name is said in the message. */
gboolean   toa_ui_test_init (int *argc, char ***argv, const char *name);

/* Under g_test: lets the known accessibility and D-Bus warnings of a display without a
 * session bus through, keeping every other warning fatal. */
void       toa_ui_test_ignore_known_warnings (void);

/* A new database at @path (created) with the demo board. */
ToaStore  *toa_ui_test_demo_store (const char *path, GError **error);

/* The path of a database "board.db" (not yet created) in a new temporary directory
 * "toasoan-@name-XXXXXX". Free it with g_free after toa_ui_test_remove_database. */
char      *toa_ui_test_temp_database (const char *name);
/* Removes the database at @path with its -wal and -shm files, then its directory when that
 * is empty. */
void       toa_ui_test_remove_database (const char *path);
/* A new database at @path (created) with the board (the portal) and, when @section_code is
 * not NULL, the portal's section @section_code "Tin tức - Sự kiện". Asserts it worked. */
ToaStore  *toa_ui_test_board_store (const char *path, const char *section_code);

/* The password of the people toa_ui_test_add_person adds. */
#define TOA_UI_TEST_PASSWORD "mat-khau-thu-1"
/* Adds an active person @login named @name with one role, @role as toa_people_parse_role
 * reads it ("editor": on the portal; "editor@site"), and the password TOA_UI_TEST_PASSWORD.
 * Asserts it worked; free with toa_person_free. */
ToaPerson *toa_ui_test_add_person (ToaStore *store, const char *login, const char *name, const char *role);

/* A shown window of @width × @height whose content is a preferences page holding @group (an
 * AdwPreferencesGroup, e.g. a Settings group under test). */
GtkWindow *toa_ui_test_preferences_window (gpointer group, int width, int height);

/* The application, registered: its startup loads the style sheet and libadwaita. */
ToaApplication *toa_ui_test_application (void);

/* The path of the file @name in the tests' build directory (G_TEST_BUILDDIR, else "."). */
char      *toa_ui_test_build_file (const char *name);

/* Iterates the main context until @done (a gboolean) is TRUE or @timeout_ms passed. */
gboolean   toa_ui_test_wait_flag (const gboolean *done, guint timeout_ms);
/* Iterates the main context for @ms milliseconds. */
void       toa_ui_test_spin (guint ms);
/* Waits until @widget's window has painted one more frame. FALSE on timeout. */
gboolean   toa_ui_test_wait_frame (GtkWidget *widget, guint timeout_ms);

/* Types @login and @password into the sign-in page and presses Sign In. */
void       toa_ui_test_sign_in (ToaWindow *window, const char *login, const char *password);

/* Renders @widget as it is now to a PNG at @path; returns the number of distinct colours,
 * or 0 when it could not render. */
guint      toa_ui_test_save_png (GtkWidget *widget, const char *path, GError **error);
/* Waits until @widget has painted, lets it settle, and writes it as the PNG @name in the
 * build directory; asserts the picture has more than @min_colours colours (is not blank). */
void       toa_ui_test_screenshot (GtkWidget *widget, const char *name, guint min_colours);

/* VmRSS of this process in MB, from /proc/self/status (-1 when unknown). */
double     toa_ui_test_rss_mb (void);
/* Any "kB" line of /proc/self/status in MB: "RssAnon", "RssFile", "VmHWM"… */
double     toa_ui_test_status_mb (const char *field);

G_END_DECLS
