/* toa-pg-copy.h — `db copy`: moves a board's embedded SQLite database to a PostgreSQL server
 * in one transaction, table by table in foreign-key order (the tables and columns read from
 * the server's schema), keeping every id, then verifies each table's row count and content
 * checksum on both sides and the audit chain on the server. A target that already holds a
 * board is never touched. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Test hook: when set to a table's name, the copy fails (TOA_ERROR_IO) right after that
 * table was copied, inside the transaction — to show nothing is left half copied. */
#define TOA_PG_COPY_FAIL_ENV "TOA_PG_COPY_FAIL_AFTER"

typedef struct {
  char    *name;
  gint64   source_rows;
  gint64   target_rows;
  char    *source_sha256;   /* SHA-256 (hex) of the rows in primary-key order, canonical text */
  char    *target_sha256;   /* the same over the server's rows after the copy */
  double   seconds;         /* sending its rows (the server computing generated columns,
                             * indexes and foreign keys included) */
} ToaPgCopyTable;

typedef struct {
  char      *source;                  /* the SQLite file */
  char      *target;                  /* "host:port/database" (no user, no password) */
  int        source_version_before;   /* its schema version before; < source_version: migrated */
  int        source_version;
  gboolean   schema_created;          /* the target had no schema: `db init` was done first */
  GPtrArray *tables;                  /* ToaPgCopyTable *, in the order copied */
  GPtrArray *skipped;                 /* char *: SQLite-only tables (full-text search) */
  gint64     audit_records;           /* audit records verified on the target */
  double     seconds;                 /* the whole copy, verification included */
} ToaPgCopyReport;

/* TRUE when the table's counts and checksums agree. */
gboolean         toa_pg_copy_table_matches (const ToaPgCopyTable *table);

/* Copies the SQLite database @from (a path or sqlite:///path) into the PostgreSQL database
 * @to (postgresql://…). The source is read only; one at an older schema is first migrated
 * (toa_store_open; the report says so). The target must be empty or hold only the schema
 * (its seed rows are replaced by the source's); its schema is created when missing.
 * Errors: TOA_ERROR_NOT_FOUND / TOA_ERROR_INVALID for a missing, damaged, foreign or newer
 * source (exit 2); TOA_ERROR_CONFLICT naming what a non-empty target holds (exit 4);
 * the connection's errors (unreachable: TOA_ERROR_IO, exit 5); TOA_ERROR_IO when a table
 * does not verify — in every case the transaction is rolled back: no board data is left
 * on the target. */
ToaPgCopyReport *toa_pg_copy (const char *from, const char *to, GError **error);
void             toa_pg_copy_report_free (ToaPgCopyReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaPgCopyReport, toa_pg_copy_report_free)

G_END_DECLS
