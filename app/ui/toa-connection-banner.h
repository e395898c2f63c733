/* toa-connection-banner.h — the strip at the top of the window that says the database
 * server cannot be reached ("Cannot reach the server — retrying…"), on a store that can lose
 * its server (PostgreSQL: toa_store_ping is set); nothing on the SQLite file. It shows when a
 * store call has lost the connection (toa_store_is_online, looked at every second) or a ping
 * fails (every 30 s while online), pings every 5 s while offline (the store connects again
 * by itself), and hides and emits "reconnected" once the server answers — the window then
 * reads its visible page again. Typed text elsewhere is never touched. */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_CONNECTION_BANNER (toa_connection_banner_get_type ())
G_DECLARE_FINAL_TYPE (ToaConnectionBanner, toa_connection_banner, TOA, CONNECTION_BANNER, AdwBin)

ToaConnectionBanner *toa_connection_banner_new (void);
/* Watches @store (NULL: stops watching and hides). */
void     toa_connection_banner_set_store (ToaConnectionBanner *self, ToaStore *store);
/* Pings now (what the timers do and the banner's "Retry" button). */
void     toa_connection_banner_check (ToaConnectionBanner *self);
/* TRUE while the banner says the server is unreachable. */
gboolean toa_connection_banner_get_offline (ToaConnectionBanner *self);

G_END_DECLS
