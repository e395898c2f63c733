/* toa-pg-inbox.c — see toa-pg-private.h (toa_pg_store_iface_inbox). */
#include "config.h"

#include "toa-pg-private.h"

void
toa_pg_store_iface_inbox (ToaStoreInterface *iface)
{
}
