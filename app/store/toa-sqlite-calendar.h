/* toa-sqlite-calendar.h — the SQLite backend's calendar methods (holiday rules, official
 * adjustments): installs them in the ToaStore interface table. Not installed. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

void toa_sqlite_calendar_iface_init (ToaStoreInterface *iface);

G_END_DECLS
