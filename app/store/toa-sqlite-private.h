/* toa-sqlite-private.h — what the SQLite backend's files share: the object's fields, the
 * statement cache, error wrapping, write transactions and the migrations. Not installed. */
#pragma once

#include <sqlite3.h>

#include "toa-sqlite-store.h"

G_BEGIN_DECLS

struct _ToaSqliteStore {
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  int         schema_version;
  GHashTable *stmts;         /* SQL text → sqlite3_stmt*, prepared once per store */
  gboolean    in_transaction;
};

/* A statement from the cache; releasing it (g_autoptr) resets it and clears its bindings,
 * so no read transaction stays open. The cache keeps ownership. */
typedef sqlite3_stmt ToaCachedStmt;
void toa_cached_stmt_release (ToaCachedStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaCachedStmt, toa_cached_stmt_release)

ToaCachedStmt *toa_sqlite_stmt (ToaSqliteStore *self, const char *sql, GError **error);

/* Sets @error from an SQLite result code, naming the file (see toa-sqlite-db.c). */
void     toa_sqlite_set_error (GError **error, sqlite3 *db, int rc, const char *path);
void     toa_sqlite_set_error_self (ToaSqliteStore *self, int rc, GError **error);

/* Steps a write statement once, mapping a failure into @error. */
gboolean toa_sqlite_step_done (ToaSqliteStore *self, sqlite3_stmt *stmt, GError **error);
/* After a loop of sqlite3_step: TRUE (and @error set) when @rc is a failure. */
gboolean toa_sqlite_step_failed (ToaSqliteStore *self, int rc, GError **error);

/* Runs SQL without results (several statements allowed). */
gboolean toa_sqlite_exec (ToaSqliteStore *self, const char *sql, GError **error);

/* A write: BEGIN IMMEDIATE outside the caller's transaction, a SAVEPOINT inside it. */
gboolean toa_sqlite_write_begin (ToaSqliteStore *self, GError **error);
gboolean toa_sqlite_write_end (ToaSqliteStore *self, gboolean ok, GError **error);

/* Registers toa_fold() and toa_html_text() on @db. */
int      toa_sqlite_register_functions (sqlite3 *db);

/* Column helpers: text copy (NULL stays NULL), and a bind that turns 0 into NULL. */
char    *toa_sqlite_column_strdup (sqlite3_stmt *stmt, int col);
int      toa_sqlite_bind_id (sqlite3_stmt *stmt, int col, gint64 id);
int      toa_sqlite_bind_text (sqlite3_stmt *stmt, int col, const char *text);

/* Migrations (toa-sqlite-migrate.c). */
int      toa_sqlite_migration_count (void);
gboolean toa_sqlite_migrate (ToaSqliteStore *self, int from_version, int to_version, GError **error);

/* Articles, revisions, comments, audit (toa-sqlite-articles.c, toa-sqlite-list.c). */
gboolean    toa_sqlite_article_insert (ToaStore *store, ToaArticle *article, GError **error);
gboolean    toa_sqlite_article_update (ToaStore *store, ToaArticle *article, GError **error);
ToaArticle *toa_sqlite_article_get (ToaStore *store, gint64 id, GError **error);
gint64      toa_sqlite_article_count (ToaStore *store, const ToaArticleQuery *query, GError **error);
GPtrArray  *toa_sqlite_article_list (ToaStore *store, const ToaArticleQuery *query, ToaArticle *after,
                                     guint offset, guint limit, GError **error);
gboolean    toa_sqlite_revision_add (ToaStore *store, ToaRevision *revision, GError **error);
GPtrArray  *toa_sqlite_revision_list (ToaStore *store, gint64 article_id, GError **error);
gboolean    toa_sqlite_comment_add (ToaStore *store, ToaComment *comment, GError **error);
GPtrArray  *toa_sqlite_comment_list (ToaStore *store, gint64 article_id, GError **error);
ToaAuditRecord *toa_sqlite_audit_last (ToaStore *store, GError **error);
gboolean    toa_sqlite_audit_insert (ToaStore *store, const ToaAuditRecord *record, GError **error);
GPtrArray  *toa_sqlite_audit_list (ToaStore *store, gint64 after_seq, guint limit, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* The article columns every read returns (without body_html) and their joins; the row
 * reader fills the names the store resolves (site code, section, unit, creator). */
#define TOA_SQLITE_ARTICLE_COLUMNS \
  "a.id, a.site_id, s.code, a.section_id, sec.name, a.genre, a.language, a.source_unit_id, " \
  "u.name, a.info_kind, a.title, a.sapo, a.attribution, a.state, a.created_by, p.full_name, " \
  "a.created_at, a.updated_at, a.published_at, a.version"
#define TOA_SQLITE_ARTICLE_N_COLUMNS 20
/* LEFT JOINs keep `articles` the outer loop, so the list's index order is kept. */
#define TOA_SQLITE_ARTICLE_JOINS \
  "LEFT JOIN sites s ON s.id = a.site_id " \
  "LEFT JOIN sections sec ON sec.id = a.section_id " \
  "LEFT JOIN units u ON u.id = a.source_unit_id " \
  "LEFT JOIN people p ON p.id = a.created_by "

ToaArticle *toa_sqlite_article_from_row (sqlite3_stmt *stmt);

G_END_DECLS
