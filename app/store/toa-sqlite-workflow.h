/* toa-sqlite-workflow.h — the SQLite backend's workflow definition methods (versioned rows of
 * workflow_definitions): installs them in the ToaStore interface table. Not installed. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

void toa_sqlite_workflow_iface_init (ToaStoreInterface *iface);

G_END_DECLS
