/* toa-sqlite-store.h — the SQLite backend of the storage interface (ToaStore): one file per
 * board, WAL, foreign keys, versioned migrations and full-text search over folded text.
 * Most callers open it through toa_store_open (toa-store-open.h); the rest is for tests
 * and the benchmark. */
#pragma once

#include "toa-store.h"
#include "toa-store-open.h"

G_BEGIN_DECLS

#define TOA_TYPE_SQLITE_STORE (toa_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (ToaSqliteStore, toa_sqlite_store, TOA, SQLITE_STORE, GObject)

/* The PRAGMA application_id of a Tòa soạn database ("TaoS"). */
#define TOA_SQLITE_APPLICATION_ID 0x546F6153

/* Busy timeout in ms (default 5000); the environment variable overrides it, for tests. */
#define TOA_SQLITE_BUSY_TIMEOUT_ENV "TOA_SQLITE_BUSY_TIMEOUT_MS"

/* Opens (and creates with mode 0600 when @flags says so) the database file at @path,
 * checks it and migrates it to the latest schema. See toa_store_open for the errors. */
ToaSqliteStore *toa_sqlite_store_open (const char *path, ToaOpenFlags flags, GError **error);

/* The schema version this program writes (the number of migrations). */
int             toa_sqlite_store_latest_version (void);

/* Test hook: creates a new database at @path with only the first @version migrations
 * applied (1 ≤ version ≤ latest), so tests can fill an older schema and reopen it. */
ToaSqliteStore *toa_sqlite_store_create_at_version (const char *path, int version, GError **error);

/* Test hook: the EXPLAIN QUERY PLAN of the statement article_list (@count_only FALSE) or
 * article_count (TRUE) would run, one line per plan row. */
char           *toa_sqlite_store_explain_list (ToaSqliteStore *self, const ToaArticleQuery *query,
                                               ToaArticle *after, gboolean count_only,
                                               GError **error);

/* Test hook: the connection itself (owned by @self). */
struct sqlite3 *toa_sqlite_store_get_handle (ToaSqliteStore *self);

G_END_DECLS
