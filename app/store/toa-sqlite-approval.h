/* toa-sqlite-approval.h — the SQLite backend's approval requests (transition_requests):
 * installs them in the ToaStore interface table. Not installed. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

void toa_sqlite_approval_iface_init (ToaStoreInterface *iface);

G_END_DECLS
