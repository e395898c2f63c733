/* toa-ui-test-util.h — helpers for the window tests and the window benchmark: a demo
 * database, waiting on the main loop, signing in through the widgets, screenshots. */
#pragma once

#include <gtk/gtk.h>

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

/* VmRSS of this process in MB, from /proc/self/status (-1 when unknown). */
double     toa_ui_test_rss_mb (void);
/* Any "kB" line of /proc/self/status in MB: "RssAnon", "RssFile", "VmHWM"… */
double     toa_ui_test_status_mb (const char *field);

G_END_DECLS
