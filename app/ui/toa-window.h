/* toa-window.h — the main window: sign-in, then the pages Inbox, Articles, Ledger, Reports
 * and Settings under a view switcher. */
#pragma once

#include <adwaita.h>

#include "toa-application.h"
#include "toa-connect-page.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_WINDOW (toa_window_get_type ())
G_DECLARE_FINAL_TYPE (ToaWindow, toa_window, TOA, WINDOW, AdwApplicationWindow)

ToaWindow       *toa_window_new (ToaApplication *application, ToaStore *store);
/* A window on a shared PostgreSQL server (an address without an account, see
 * toa_connect_is_server): each person signs in with their own server account. */
ToaWindow       *toa_window_new_for_server (ToaApplication *application, const char *server);
/* A window on @location (a file, sqlite:///…, or a server address): a server address with no
 * account → toa_window_new_for_server; else opens the store (NULL with @error). */
ToaWindow       *toa_window_open (ToaApplication *application, const char *location, GError **error);
ToaStore        *toa_window_get_store (ToaWindow *self);
/* The signed-in person, or NULL on the sign-in page. */
const ToaPerson *toa_window_get_person (ToaWindow *self);
/* "inbox", "articles", "ledger", "reports", "settings". */
void             toa_window_show_page (ToaWindow *self, const char *name);
/* Back to the sign-in page in this window (win.sign-out uses toa_window_sign_out_full). */
void             toa_window_sign_out (ToaWindow *self);
/* Signs out. On a shared server, or when another database was chosen in Connect, a new
 * window takes this one's place (@self is destroyed: the person's connection closes) and is
 * returned; else returns @self. */
ToaWindow       *toa_window_sign_out_full (ToaWindow *self);
/* Opens the Connect window (win.connect) over this one and returns it. */
ToaConnectPage  *toa_window_open_connect (ToaWindow *self);

G_END_DECLS
