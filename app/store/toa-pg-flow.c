/* toa-pg-flow.c — see toa-pg-private.h (toa_pg_store_iface_flow). */
#include "config.h"

#include "toa-pg-private.h"

void
toa_pg_store_iface_flow (ToaStoreInterface *iface)
{
}
