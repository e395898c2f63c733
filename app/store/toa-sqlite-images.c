/* toa-sqlite-images.c — images in articles in SQLite (013-images.sql): the link between an
 * article and its stored images (with their thumbnails), the list, and reading an image or a
 * thumbnail for the editor's "toasoan://" scheme. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-sqlite-files.h"
#include "toa-sqlite-private.h"
#include "toa-text.h"

static gboolean
article_image_add (ToaStore *store, const ToaArticleImage *image, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO article_images (article_id, sha256, thumb_sha256, width, height, "
                          "file_name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT (article_id, sha256) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, image->article_id);
  toa_sqlite_bind_text (stmt, 2, image->sha256);
  toa_sqlite_bind_text (stmt, 3, image->thumb_sha256);
  sqlite3_bind_int (stmt, 4, image->width);
  sqlite3_bind_int (stmt, 5, image->height);
  toa_sqlite_bind_text (stmt, 6, image->file_name);
  sqlite3_bind_int64 (stmt, 7, image->added_by);
  sqlite3_bind_int64 (stmt, 8, image->added_at != 0 ? image->added_at : toa_now_usec ());
  return toa_sqlite_step_done (self, stmt, error);
}

static gpointer
image_from_row (sqlite3_stmt *stmt, gint64 article_id)
{
  ToaArticleImage *image = toa_article_image_new ();

  image->article_id = article_id;
  image->sha256 = toa_sqlite_column_strdup (stmt, 0);
  image->thumb_sha256 = toa_sqlite_column_strdup (stmt, 1);
  image->width = sqlite3_column_int (stmt, 2);
  image->height = sqlite3_column_int (stmt, 3);
  image->file_name = toa_sqlite_column_strdup (stmt, 4);
  image->size = sqlite3_column_int64 (stmt, 5);
  image->media_type = toa_sqlite_column_strdup (stmt, 6);
  image->added_by = sqlite3_column_int64 (stmt, 7);
  image->added_by_name = toa_sqlite_column_strdup (stmt, 8);
  image->added_at = sqlite3_column_int64 (stmt, 9);
  return image;
}

static GPtrArray *
article_image_list (ToaStore *store, gint64 article_id, GError **error)
{
  return toa_sqlite_article_files (TOA_SQLITE_STORE (store),
                                   "SELECT i.sha256, i.thumb_sha256, i.width, i.height, i.file_name, f.size, "
                                   "f.media_type, i.added_by, p.full_name, i.added_at FROM article_images i "
                                   "JOIN stored_files f ON f.sha256 = i.sha256 "
                                   "LEFT JOIN people p ON p.id = i.added_by "
                                   "WHERE i.article_id = ? ORDER BY i.added_at, i.sha256",
                                   article_id, image_from_row, (GDestroyNotify) toa_article_image_free,
                                   error);
}

static GBytes *
stored_image_get (ToaStore *store, const char *sha256, gboolean thumb, char **media_type,
                  GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autofree char *missing = NULL;

  /* Only files that are some article's image (or its thumbnail): the scheme never serves
   * the other stored files (the letters received with items). */
  stmt = toa_sqlite_stmt (self, thumb
                          ? "SELECT f.data, f.media_type FROM stored_files f WHERE f.sha256 = "
                            "(SELECT thumb_sha256 FROM article_images WHERE sha256 = ?1 LIMIT 1)"
                          : "SELECT f.data, f.media_type FROM stored_files f WHERE f.sha256 = ?1 "
                            "AND EXISTS (SELECT 1 FROM article_images WHERE sha256 = ?1)", error);
  if (stmt == NULL)
    return NULL;
  toa_sqlite_bind_text (stmt, 1, sha256);
  missing = g_strdup_printf (_("No image %s is stored in this database. Insert the image again."), sha256);
  return toa_sqlite_stored_file_row (self, stmt, media_type, missing, error);
}

void
toa_sqlite_images_iface_init (ToaStoreInterface *iface)
{
  iface->article_image_add = article_image_add;
  iface->article_image_list = article_image_list;
  iface->stored_image_get = stored_image_get;
}
