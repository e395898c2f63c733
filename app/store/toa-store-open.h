/* toa-store-open.h — opening a board's database from a path or URI, choosing the backend. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

typedef enum {
  TOA_OPEN_EXISTING = 0,   /* the database must exist (NOT_FOUND naming the file and `init`) */
  TOA_OPEN_CREATE   = 1,   /* create it (owner-only permissions) if missing */
} ToaOpenFlags;

/* @location: a path, "sqlite:///abs/path", or "postgresql://…" / "postgres://…" (the
 * PostgreSQL backend: toa_pg_store_open, where TOA_OPEN_CREATE creates the schema in an
 * empty database); NULL = toa_store_default_path().
 * Opens, checks it is a Tòa soạn database, migrates an older schema to the current one.
 * Errors name the file or server and what to do: TOA_ERROR_DB_NEWER, _DB_CORRUPT,
 * _DB_FOREIGN, _DB_LOCKED, TOA_ERROR_IO (unreadable, unreachable), TOA_ERROR_PERMISSION
 * (wrong login or password), TOA_ERROR_NOT_FOUND. Never re-creates or overwrites an
 * existing file or database. */
ToaStore   *toa_store_open (const char *location, ToaOpenFlags flags, GError **error);

/* $XDG_DATA_HOME/toasoan/toasoan.db */
char       *toa_store_default_path (void);

G_END_DECLS
