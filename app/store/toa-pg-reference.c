/* toa-pg-reference.c — see toa-pg-private.h (toa_pg_store_iface_reference). */
#include "config.h"

#include "toa-pg-private.h"

void
toa_pg_store_iface_reference (ToaStoreInterface *iface)
{
}
