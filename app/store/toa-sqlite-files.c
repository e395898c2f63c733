/* toa-sqlite-files.c — stored files (content-addressed by SHA-256, each content once) and the
 * attachments of items in SQLite (010-attachments.sql). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sqlite-files.h"
#include "toa-sqlite-private.h"
#include "toa-text.h"

static gboolean
stored_file_put (ToaStore *store, const char *sha256, const char *media_type, GBytes *data,
                 GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  gsize size = 0;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO stored_files (sha256, size, media_type, data, created_at) "
                          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, sha256);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) size);
  toa_sqlite_bind_text (stmt, 3, media_type);
  sqlite3_bind_blob64 (stmt, 4, bytes, size, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, toa_now_usec ());
  return toa_sqlite_step_done (self, stmt, error);
}

GBytes *
toa_sqlite_stored_file_row (ToaSqliteStore *self, sqlite3_stmt *stmt, char **media_type,
                            const char *missing, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      if (!toa_sqlite_step_failed (self, rc, error))
        g_set_error_literal (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, missing);
      return NULL;
    }
  if (media_type != NULL)
    *media_type = toa_sqlite_column_strdup (stmt, 1);
  return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
}

GPtrArray *
toa_sqlite_article_files (ToaSqliteStore *self, const char *sql, gint64 article_id,
                          ToaSqliteFileRow read_row, GDestroyNotify free_row, GError **error)
{
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_row);
  int rc;

  if ((stmt = toa_sqlite_stmt (self, sql, error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_row (stmt, article_id));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static GBytes *
stored_file_get (ToaStore *store, const char *sha256, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autofree char *missing = NULL;

  stmt = toa_sqlite_stmt (self, "SELECT data FROM stored_files WHERE sha256 = ?", error);
  if (stmt == NULL)
    return NULL;
  toa_sqlite_bind_text (stmt, 1, sha256);
  missing = g_strdup_printf (_("The stored file %s is missing from the database. Restore it from a backup."),
                             sha256);
  return toa_sqlite_stored_file_row (self, stmt, NULL, missing, error);
}

static gboolean
article_attachment_add (ToaStore *store, const ToaAttachment *attachment, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO article_attachments (article_id, position, file_name, sha256, "
                          "added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, attachment->article_id);
  sqlite3_bind_int (stmt, 2, attachment->position);
  toa_sqlite_bind_text (stmt, 3, attachment->file_name);
  toa_sqlite_bind_text (stmt, 4, attachment->sha256);
  sqlite3_bind_int64 (stmt, 5, attachment->added_by);
  sqlite3_bind_int64 (stmt, 6, attachment->added_at != 0 ? attachment->added_at : toa_now_usec ());
  return toa_sqlite_step_done (self, stmt, error);
}

static gpointer
attachment_from_row (sqlite3_stmt *stmt, gint64 article_id)
{
  ToaAttachment *attachment = toa_attachment_new ();

  attachment->article_id = article_id;
  attachment->position = sqlite3_column_int (stmt, 0);
  attachment->file_name = toa_sqlite_column_strdup (stmt, 1);
  attachment->sha256 = toa_sqlite_column_strdup (stmt, 2);
  attachment->size = sqlite3_column_int64 (stmt, 3);
  attachment->media_type = toa_sqlite_column_strdup (stmt, 4);
  attachment->added_by = sqlite3_column_int64 (stmt, 5);
  attachment->added_by_name = toa_sqlite_column_strdup (stmt, 6);
  attachment->added_at = sqlite3_column_int64 (stmt, 7);
  return attachment;
}

static GPtrArray *
article_attachment_list (ToaStore *store, gint64 article_id, GError **error)
{
  return toa_sqlite_article_files (TOA_SQLITE_STORE (store),
                                   "SELECT a.position, a.file_name, a.sha256, f.size, f.media_type, a.added_by, "
                                   "p.full_name, a.added_at FROM article_attachments a "
                                   "JOIN stored_files f ON f.sha256 = a.sha256 "
                                   "LEFT JOIN people p ON p.id = a.added_by "
                                   "WHERE a.article_id = ? ORDER BY a.position",
                                   article_id, attachment_from_row, (GDestroyNotify) toa_attachment_free,
                                   error);
}

void
toa_sqlite_files_iface_init (ToaStoreInterface *iface)
{
  iface->stored_file_put = stored_file_put;
  iface->stored_file_get = stored_file_get;
  iface->article_attachment_add = article_attachment_add;
  iface->article_attachment_list = article_attachment_list;
}
