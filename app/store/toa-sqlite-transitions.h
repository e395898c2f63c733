/* toa-sqlite-transitions.h — the SQLite backend's transition, delegation and board setting
 * methods: installs them in the ToaStore interface table. Not installed. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

void toa_sqlite_transitions_iface_init (ToaStoreInterface *iface);

G_END_DECLS
