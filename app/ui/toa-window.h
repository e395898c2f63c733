/* toa-window.h — the main window: sign-in, then the pages Inbox, Articles, Ledger, Reports
 * and Settings under a view switcher. */
#pragma once

#include <adwaita.h>

#include "toa-application.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_WINDOW (toa_window_get_type ())
G_DECLARE_FINAL_TYPE (ToaWindow, toa_window, TOA, WINDOW, AdwApplicationWindow)

ToaWindow       *toa_window_new (ToaApplication *application, ToaStore *store);
ToaStore        *toa_window_get_store (ToaWindow *self);
/* The signed-in person, or NULL on the sign-in page. */
const ToaPerson *toa_window_get_person (ToaWindow *self);
/* "inbox", "articles", "ledger", "reports", "settings". */
void             toa_window_show_page (ToaWindow *self, const char *name);
void             toa_window_sign_out (ToaWindow *self);

G_END_DECLS
