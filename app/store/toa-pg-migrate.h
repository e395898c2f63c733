/* toa-pg-migrate.h — the PostgreSQL schema's versions: the scripts NNN-*.sql (from the
 * program's GResource, resources/sql/postgres/), the toa_schema_version table recording
 * which ran, and the runner applying the missing ones in order, each in its own
 * transaction (scripts must not contain BEGIN/COMMIT themselves). */
#pragma once

#include <gio/gio.h>

#include "toa-pg-db.h"

G_BEGIN_DECLS

#define TOA_PG_SQL_RESOURCE_DIR "/io/github/toasoan/ToaSoan/sql/postgres/"

typedef struct {
  int   version;   /* NNN of the file name; scripts are numbered 1, 2, 3… without gaps */
  char *name;      /* "001-core.sql" */
  char *sql;
} ToaPgScript;

/* The scripts under @dir (ending in "/") of @resource (NULL = the program's), sorted by
 * version. A missing directory gives an empty array. TOA_ERROR_IO for a badly named,
 * duplicate or missing number (a build error). */
GPtrArray *toa_pg_scripts_load (GResource *resource, const char *dir, GError **error);

/* The schema version the program's own scripts reach (their count); -1 on a build error. */
int        toa_pg_latest_version (void);

/* The database's schema version: 0 when toa_schema_version has no row, -1 on error.
 * *@has_table tells whether the table exists at all (may be NULL). */
int        toa_pg_schema_version (ToaPgDb *db, gboolean *has_table, GError **error);

/* Whether the database holds tables, views or sequences of its own (not an extension's)
 * in schemas other than the system ones. -1 on error. */
int        toa_pg_has_user_relations (ToaPgDb *db, GError **error);

/* Applies the scripts of @scripts above the database's version, in order, each in one
 * transaction with its toa_schema_version row (under an advisory lock, so two desks
 * migrating at once apply each script once). Creates toa_schema_version when missing.
 * @from and @to (may be NULL) receive the versions before and after.
 * TOA_ERROR_DB_NEWER when the database is newer than @scripts (nothing changed);
 * the failing script's error (its SQLSTATE's code) naming the script otherwise, with the
 * database left at the previous version. */
gboolean   toa_pg_migrate (ToaPgDb *db, GPtrArray *scripts, int *from, int *to, GError **error);

/* `db init`: an empty database (or one of ours) gets the schema of @scripts.
 * TOA_ERROR_DB_FOREIGN for a database holding other tables (nothing changed). */
gboolean   toa_pg_init (ToaPgDb *db, GPtrArray *scripts, int *from, int *to, GError **error);

/* `db migrate`: TOA_ERROR_NOT_FOUND for an empty database (run db init),
 * TOA_ERROR_DB_FOREIGN for one that is not a Tòa soạn database. */
gboolean   toa_pg_upgrade (ToaPgDb *db, GPtrArray *scripts, int *from, int *to, GError **error);

void       toa_pg_script_free (ToaPgScript *script);

G_END_DECLS
