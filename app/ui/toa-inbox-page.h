/* toa-inbox-page.h — the approval inbox (Việc cần xử lý): items waiting for me, sent by me,
 * overdue, all; step, holder, deadline with working days left; a desktop notification when
 * an item arrives for me while the window is open. The lists come from core (toa_inbox_list). */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_INBOX_PAGE (toa_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (ToaInboxPage, toa_inbox_page, TOA, INBOX_PAGE, AdwBin)

/* Shows @person's inbox (NULL when signed out: empties it and stops watching). On a shared
 * database that can be watched (toa_store_watch) the list is read again within a fraction
 * of a second of a change that concerns it, made on any desk; otherwise every minute. */
void        toa_inbox_page_set_person (ToaInboxPage *self, ToaStore *store, const ToaPerson *person);
/* Where the page opens its own connection to read the list in a worker thread (the same
 * database as the store given to set_person, with the person's account on a server; the
 * page keeps it, as a secret, for later stores too). Without it an SQLite store's file is
 * used, and a server's list is read on the main thread. Call before set_person. */
void        toa_inbox_page_set_location (ToaInboxPage *self, const char *location);
/* Reads the list again, in the background: the previous rows stay, with a spinner, until the
 * newest read is back (an older one that comes back later is dropped); errors show in the
 * page. Notifies about items that arrived for the person since the last
 * look (what the page's timer does every minute). */
void        toa_inbox_page_refresh (ToaInboxPage *self);
/* Whether a read is in flight; waiting runs the main loop until none is (for tests). */
gboolean    toa_inbox_page_is_reading (ToaInboxPage *self);
void        toa_inbox_page_wait_idle (ToaInboxPage *self);
GListModel *toa_inbox_page_get_model (ToaInboxPage *self);   /* of ToaInboxRow */
/* Opens the "Register Material" dialog (what its button does); NULL when the person may not
 * register material on any site (the button is hidden then). On success a toast says the
 * item's number and deadline and the list is read again. */
GtkWindow  *toa_inbox_page_open_intake (ToaInboxPage *self);
/* Whether the page counts delegations to the person as in force (read in the background when
 * it starts watching a shared database and after a resync; TRUE until known), for tests. */
gboolean    toa_inbox_page_get_delegated (ToaInboxPage *self);
/* Items that arrived for the person since the page started watching (for tests). */
guint       toa_inbox_page_get_arrived (ToaInboxPage *self);

G_END_DECLS
