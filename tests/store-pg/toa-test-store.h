/* toa-test-store.h — the backend the store tests run on: an SQLite file, or, when the
 * environment has TOA_TEST_PG=1, a database on one temporary PostgreSQL server per test
 * process (toa-pg-test-server.h). Every store test runs on both (issue 4). */
#pragma once

#include "toa-store-open.h"

G_BEGIN_DECLS

/* TRUE when this run is on PostgreSQL (TOA_TEST_PG=1). */
gboolean  toa_test_store_is_pg (void);

/* toa_store_open (@path, @flags) on SQLite. On PostgreSQL @path names a database instead:
 * with TOA_OPEN_CREATE the first time a new one is made (CREATE DATABASE … TEMPLATE template0
 * ENCODING UTF8 LC_COLLATE 'C') and opened through toa_store_open (its URL, @flags); later
 * opens of the same @path reach the same database (another connection). The first call on
 * PostgreSQL starts the test server. */
ToaStore *toa_test_store_open (const char *path, ToaOpenFlags flags, GError **error);

/* The URL of @path's database on PostgreSQL (NULL if none was made), e.g. for a CLI run. */
char     *toa_test_store_url (const char *path);

/* On PostgreSQL: runs @sql (several statements allowed) as the server's superuser in
 * @path's database — what someone with the server's keys could do. */
gboolean  toa_test_store_exec (const char *path, const char *sql, GError **error);

/* Drops the PostgreSQL databases made for paths under @dir (the test's temporary folder);
 * nothing on SQLite. toa_test_remove_dir and store_test_rmtree call it. */
void      toa_test_store_forget (const char *dir);

/* For tests that work on the SQLite file itself (sqlite3 API, the file's bytes, migrations
 * of older files): on PostgreSQL marks the test skipped with @reason and returns TRUE. */
gboolean  toa_test_store_sqlite_only (const char *reason);

G_END_DECLS
