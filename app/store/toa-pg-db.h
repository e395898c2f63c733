/* toa-pg-db.h — one connection to a board's PostgreSQL database (libpq): opening it from a
 * postgresql:// URL with errors that name the server and say what to do (never the
 * password), statements with parameters, and transactions. */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _ToaPgDb ToaPgDb;

/* TRUE for "postgresql://…" and "postgres://…". */
gboolean    toa_pg_is_url (const char *location);

/* @url with the password replaced by "***" (for messages and logs). */
char       *toa_pg_url_redact (const char *url);

/* Connects to @url (postgresql://user:password@host:port/db; libpq's other parameters in
 * the query string work too). Errors: TOA_ERROR_AUTH (the server refused the password —
 * exit 3), TOA_ERROR_NOT_FOUND (no such database), TOA_ERROR_INVALID (a malformed URL),
 * TOA_ERROR_IO (unreachable, anything else), each naming host:port. */
ToaPgDb    *toa_pg_db_connect (const char *url, GError **error);
void        toa_pg_db_free (ToaPgDb *db);

/* "host:port/database" — for messages; no user, no password. */
const char *toa_pg_db_describe (ToaPgDb *db);
/* The libpq connection, owned by @db. */
PGconn     *toa_pg_db_conn (ToaPgDb *db);

/* Timing counters (for finding where a benchmark's time goes): with TOA_PG_STATS=1 in the
 * environment every statement's count and client-side wall time (send → result) are summed
 * per SQL text over the whole process and printed on stderr at exit, slowest total first.
 * _stats_start returns the start time (0 when off); _stats_add sums since then. */
gint64      toa_pg_db_stats_start (void);
void        toa_pg_db_stats_add (const char *sql, gint64 started);

/* Runs @sql (one or more statements, no parameters, results discarded). */
gboolean    toa_pg_db_exec (ToaPgDb *db, const char *sql, GError **error);

/* Runs one statement with text parameters $1…$n (NULL = SQL NULL). Returns the result
 * (rows or command status; PQclear it) or NULL with @error set from the SQLSTATE. */
PGresult   *toa_pg_db_query (ToaPgDb            *db,
                             const char         *sql,
                             int                 n_params,
                             const char * const *params,
                             GError            **error);

/* The first column of the first row as an integer (0 for no row or NULL); -1 on error. */
gint64      toa_pg_db_query_int (ToaPgDb            *db,
                                 const char         *sql,
                                 int                 n_params,
                                 const char * const *params,
                                 GError            **error);

/* Outages. Every statement first calls _ensure: on a lost connection it connects again
 * (a 2-second timeout) — except inside a transaction (after _begin, before _commit or
 * _rollback), which is lost as a whole: then, like when the server is still unreachable,
 * TOA_ERROR_IO "The connection … was lost". _is_online: the connection is up as far as
 * libpq knows (no network traffic). _ping: _ensure and SELECT 1. */
gboolean    toa_pg_db_ensure (ToaPgDb *db, GError **error);
gboolean    toa_pg_db_is_online (ToaPgDb *db);
gboolean    toa_pg_db_ping (ToaPgDb *db, GError **error);

gboolean    toa_pg_db_begin (ToaPgDb *db, GError **error);
/* The same, but BEGIN goes to the server with the transaction's first statement (one round
 * trip for both, pipelined by toa_pg_db_exec_params; toa_pg_db_exec sends it first): for
 * callers whose every statement goes through this file's functions. A transaction that ran
 * no statement commits and rolls back without a round trip. */
void        toa_pg_db_begin_lazy (ToaPgDb *db);
/* Sends the BEGIN that _begin_lazy deferred, if any (before using the PGconn directly). */
gboolean    toa_pg_db_flush_begin (ToaPgDb *db, GError **error);
/* PQexecParams on the connection after _ensure, a deferred BEGIN pipelined in front of it.
 * Returns the statement's result whatever its status (NULL only when nothing could be sent);
 * the caller checks it. */
PGresult   *toa_pg_db_exec_params (ToaPgDb *db, const char *sql, int n_params,
                                   const char * const *values, const int *lengths,
                                   const int *formats, GError **error);
gboolean    toa_pg_db_commit (ToaPgDb *db, GError **error);
/* Rolls back an open transaction; does nothing outside one. Never fails loudly. */
void        toa_pg_db_rollback (ToaPgDb *db);

/* Sets @error from a failed result: the TOA_ERROR code its SQLSTATE maps to (unique
 * violation/serialization → CONFLICT, privilege → PERMISSION, 28xxx → AUTH, 22xxx and
 * other integrity → INVALID, 08xxx and the rest → IO), message prefixed by @db's name. */
void        toa_pg_db_set_error (ToaPgDb *db, const PGresult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaPgDb, toa_pg_db_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
