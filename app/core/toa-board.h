/* toa-board.h — setting up a board's database: the province portal site and the seeded
 * reference data. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

/* Creates the province portal site (code "portal", @portal_name) if it does not exist yet,
 * with an audit record. Idempotent. */
gboolean toa_board_init (ToaStore *store, const char *portal_name, GError **error);

G_END_DECLS
