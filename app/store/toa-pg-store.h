/* toa-pg-store.h — the PostgreSQL backend of the storage interface (toa-store.h): the same
 * methods as the SQLite backend, over one libpq connection (toa-pg-db.h), on the schema of
 * resources/sql/postgres/. No business rule lives here: core decides, the store stores. */
#pragma once

#include "toa-store.h"
#include "toa-store-open.h"

G_BEGIN_DECLS

#define TOA_TYPE_PG_STORE (toa_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (ToaPgStore, toa_pg_store, TOA, PG_STORE, GObject)

/* Connects to @url (postgresql://…), then: a Tòa soạn database is migrated to the program's
 * schema; an empty one gets the schema only with TOA_OPEN_CREATE (else TOA_ERROR_NOT_FOUND
 * saying to run `db init`); another application's database is refused (TOA_ERROR_DB_FOREIGN),
 * a newer one too (TOA_ERROR_DB_NEWER). Connection errors as toa_pg_db_connect. */
ToaPgStore *toa_pg_store_open (const char *url, ToaOpenFlags flags, GError **error);

/* The PostgreSQL user the connection signed in as (current_user). */
const char *toa_pg_store_session_user (ToaPgStore *self);

G_END_DECLS
