/* toa-sqlite-db.c — the SQLite backend's plumbing: result codes wrapped into TOA_ERROR with
 * messages that name the file, the per-store statement cache, write transactions and the
 * application SQL functions toa_fold() and toa_html_text() used by the search index. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sqlite-private.h"
#include "toa-text.h"

void
toa_sqlite_set_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TOA_ERROR, TOA_ERROR_DB_LOCKED,
                   _("The database “%s” is locked by another program. Wait a moment and try again, or close the other program."),
                   path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TOA_ERROR, TOA_ERROR_DB_CORRUPT,
                   _("“%s” is damaged or is not a database. Restore it from the latest backup."),
                   path);
      break;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                     _("A record with the same code or login already exists in “%s”."), path);
      else if (rc == SQLITE_CONSTRAINT_TRIGGER)
        g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                     _("“%s” refused the change: %s."), path, detail);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                     _("“%s” refused the change: %s. Check the codes and references given."),
                     path, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The disk holding “%s” is full. Free some space and try again."), path);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("Could not read or write “%s” (%s). Check that the file exists and that you may read and write it."),
                   path, detail);
      break;

    default:
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("Database error in “%s”: %s."), path, detail);
      break;
    }
}

void
toa_sqlite_set_error_self (ToaSqliteStore  *self,
                           int              rc,
                           GError         **error)
{
  toa_sqlite_set_error (error, self->db, rc, self->path);
}

void
toa_cached_stmt_release (ToaCachedStmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

ToaCachedStmt *
toa_sqlite_stmt (ToaSqliteStore  *self,
                 const char      *sql,
                 GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      toa_sqlite_set_error_self (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->stmts, g_strdup (sql), stmt);
  return stmt;
}

gboolean
toa_sqlite_exec (ToaSqliteStore  *self,
                 const char      *sql,
                 GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      toa_sqlite_set_error (error, self->db, sqlite3_extended_errcode (self->db), self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_sqlite_write_begin (ToaSqliteStore  *self,
                        GError         **error)
{
  return toa_sqlite_exec (self, self->in_transaction ? "SAVEPOINT toa_write" : "BEGIN IMMEDIATE",
                          error);
}

gboolean
toa_sqlite_write_end (ToaSqliteStore  *self,
                      gboolean         ok,
                      GError         **error)
{
  if (self->in_transaction)
    {
      if (ok)
        return toa_sqlite_exec (self, "RELEASE toa_write", error);
      sqlite3_exec (self->db, "ROLLBACK TO toa_write; RELEASE toa_write", NULL, NULL, NULL);
      return FALSE;
    }

  if (ok)
    {
      if (toa_sqlite_exec (self, "COMMIT", error))
        return TRUE;
    }
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
fold_func (sqlite3_context  *ctx,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  folded = toa_text_fold (text);
  sqlite3_result_text (ctx, folded, -1, g_free);
}

static void
html_text_func (sqlite3_context  *ctx,
                int               argc,
                sqlite3_value   **argv)
{
  const char *html = (const char *) sqlite3_value_text (argv[0]);
  char *text;

  if (html == NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  text = toa_html_to_text (html);
  sqlite3_result_text (ctx, text, -1, g_free);
}

int
toa_sqlite_register_functions (sqlite3 *db)
{
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc;

  rc = sqlite3_create_function_v2 (db, "toa_fold", 1, flags, NULL, fold_func, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_function_v2 (db, "toa_html_text", 1, flags, NULL, html_text_func,
                                     NULL, NULL, NULL);
  return rc;
}

char *
toa_sqlite_column_strdup (sqlite3_stmt *stmt,
                          int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text);
}

int
toa_sqlite_bind_id (sqlite3_stmt *stmt,
                    int           col,
                    gint64        id)
{
  if (id == 0)
    return sqlite3_bind_null (stmt, col);
  return sqlite3_bind_int64 (stmt, col, id);
}

int
toa_sqlite_bind_text (sqlite3_stmt *stmt,
                      int           col,
                      const char   *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, col);
  return sqlite3_bind_text (stmt, col, text, -1, SQLITE_TRANSIENT);
}

gboolean
toa_sqlite_step_done (ToaSqliteStore  *self,
                      sqlite3_stmt    *stmt,
                      GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      toa_sqlite_set_error_self (self, sqlite3_extended_errcode (self->db), error);
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_sqlite_step_failed (ToaSqliteStore  *self,
                        int              rc,
                        GError         **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return FALSE;
  toa_sqlite_set_error_self (self, sqlite3_extended_errcode (self->db), error);
  return TRUE;
}
