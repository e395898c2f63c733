/* toa-pg-articles.c — see toa-pg-private.h (toa_pg_store_iface_articles). */
#include "config.h"

#include "toa-pg-private.h"

void
toa_pg_store_iface_articles (ToaStoreInterface *iface)
{
}
