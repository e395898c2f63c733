/* toa-pg-private.h — what the PostgreSQL backend's files share: the object's fields,
 * parameters and row readers, write transactions (a SAVEPOINT inside the caller's
 * transaction), and each file's part of the interface. Not installed. */
#pragma once

#include "toa-pg-db.h"
#include "toa-pg-store.h"

G_BEGIN_DECLS

struct _ToaPgStore {
  GObject   parent_instance;

  ToaPgDb  *db;
  char     *describe;        /* "host:port/database" */
  char     *session_user;
  int       schema_version;
  gboolean  in_transaction;
  guint     savepoints;      /* depth of write savepoints inside the caller's transaction */
  /* workflow definitions read by (code, version): rows the server never changes
   * (workflow_definitions refuses UPDATE and DELETE), so kept for the connection's life;
   * "code\x1fversion" → ToaWorkflowRecord* (toa-pg-reference.c) */
  GHashTable *workflows;
};

/* ---- parameters ------------------------------------------------------------------------ */

/* Text parameters for toa_pg_query, built in order ($1, $2, …). NULL values are SQL NULL.
 * Binary values (bytea) keep their length and format. */
typedef struct _ToaPgParams ToaPgParams;

ToaPgParams *toa_pg_params_new (void);
void         toa_pg_params_free (ToaPgParams *params);
void         toa_pg_params_text (ToaPgParams *params, const char *value);      /* NULL → NULL */
void         toa_pg_params_int (ToaPgParams *params, gint64 value);
void         toa_pg_params_id (ToaPgParams *params, gint64 id);               /* 0 → NULL */
void         toa_pg_params_bool (ToaPgParams *params, gboolean value);        /* "true"/"false" */
void         toa_pg_params_bytes (ToaPgParams *params, GBytes *data);         /* bytea, binary */
guint        toa_pg_params_count (const ToaPgParams *params);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaPgParams, toa_pg_params_free)

/* Runs @sql with @params (may be NULL). Returns the result (PQclear it: g_autoptr(PGresult))
 * or NULL with @error mapped from the SQLSTATE (toa_pg_db_set_error). */
PGresult    *toa_pg_query (ToaPgStore *self, const char *sql, const ToaPgParams *params, GError **error);
/* The same for a statement without rows; TRUE on success. @n_rows (may be NULL) gets the
 * number of rows it changed. */
gboolean     toa_pg_exec (ToaPgStore *self, const char *sql, const ToaPgParams *params,
                          gint64 *n_rows, GError **error);

/* ---- search ---------------------------------------------------------------------------- */

/* The FTS5 query of toa_article_query_fts ("phrase words" "prefix"*, all required) as tsquery
 * text over the same folded words ('phrase' <-> 'words' & 'prefix':*), for
 * `search @@ to_tsquery ('simple', toa_fold ($n))`; NULL when it has no item. */
char        *toa_pg_tsquery_from_fts (const char *fts);

/* ---- row readers ----------------------------------------------------------------------- */

char        *toa_pg_text (const PGresult *res, int row, int col);             /* NULL stays NULL */
gint64       toa_pg_int (const PGresult *res, int row, int col);              /* NULL → 0 */
gboolean     toa_pg_bool (const PGresult *res, int row, int col);             /* 't' → TRUE */
gboolean     toa_pg_is_null (const PGresult *res, int row, int col);
/* A bytea column read in text format (\x…) as bytes. */
GBytes      *toa_pg_bytes (const PGresult *res, int row, int col);

/* ---- writes ---------------------------------------------------------------------------- */

/* A write of several statements: BEGIN outside the caller's transaction, a SAVEPOINT inside
 * it; _end commits/releases when @ok, else rolls back (to the savepoint). */
gboolean     toa_pg_write_begin (ToaPgStore *self, GError **error);
gboolean     toa_pg_write_end (ToaPgStore *self, gboolean ok, GError **error);

/* One statement as a write of its own (toa_pg_write_begin, toa_pg_query, toa_pg_write_end)
 * in fewer round trips: inside the caller's transaction the SAVEPOINT, the statement and
 * the RELEASE go to the server in one pipeline (one round trip; a failed statement is rolled
 * back to the savepoint, so the caller's transaction goes on). Returns the statement's
 * result (PQclear it) or NULL with @error. */
PGresult    *toa_pg_query_write (ToaPgStore *self, const char *sql, const ToaPgParams *params,
                                 GError **error);

/* NOT_FOUND with @message when @res has no row (returns FALSE then). */
gboolean     toa_pg_require_row (const PGresult *res, GError **error, const char *message);

/* ---- each file's part of the interface ------------------------------------------------- */

void toa_pg_store_iface_reference (ToaStoreInterface *iface);   /* toa-pg-reference.c: sites, sections,
                                                                 * units, genres, kinds, people, roles,
                                                                 * passwords, board settings, audit,
                                                                 * calendar, workflow definitions */
void toa_pg_store_iface_articles (ToaStoreInterface *iface);    /* toa-pg-articles.c: articles (insert,
                                                                 * update, get, count, list, search),
                                                                 * revisions, comments and mentions */
void toa_pg_store_iface_flow (ToaStoreInterface *iface);        /* toa-pg-flow.c: article flow,
                                                                 * transitions, delegations, approval
                                                                 * requests */
void toa_pg_store_iface_inbox (ToaStoreInterface *iface);       /* toa-pg-inbox.c: intake channels and
                                                                 * records, deadlines, the inbox, stored
                                                                 * files and attachments */
void toa_pg_files_iface (ToaStoreInterface *iface);            /* toa-pg-files.c: stored files and
                                                                 * attachments (toa_pg_store_iface_inbox
                                                                 * calls it) */
void toa_pg_images_iface (ToaStoreInterface *iface);           /* toa-pg-images.c: images in articles
                                                                 * (toa_pg_files_iface calls it) */

G_END_DECLS
