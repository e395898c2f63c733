/* toa-sqlite-inbox.h — the SQLite backend's intake records and approval inbox query:
 * installs them in the ToaStore interface table. Not installed. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

void toa_sqlite_inbox_iface_init (ToaStoreInterface *iface);

G_END_DECLS
