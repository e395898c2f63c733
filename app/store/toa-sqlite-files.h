/* toa-sqlite-files.h — the SQLite backend's stored files and item attachments
 * (010-attachments.sql): installs them in the ToaStore interface table, and reads the files
 * stored with an article for the images too. Not installed. */
#pragma once

#include "toa-sqlite-private.h"
#include "toa-store.h"

G_BEGIN_DECLS

void toa_sqlite_files_iface_init (ToaStoreInterface *iface);

/* Reads one row of the files stored with an article (an attachment, an image) into a new
 * record of the article @article_id. */
typedef gpointer (*ToaSqliteFileRow) (sqlite3_stmt *stmt, gint64 article_id);

/* The files stored with article @article_id: @sql takes the article's id as its only
 * parameter; each row is read by @read_row and freed with @free_row. */
GPtrArray *toa_sqlite_article_files (ToaSqliteStore  *self,
                                     const char      *sql,
                                     gint64           article_id,
                                     ToaSqliteFileRow read_row,
                                     GDestroyNotify   free_row,
                                     GError         **error);
/* Steps @stmt, a query for one stored file with its data in column 0 (and, when @media_type
 * is not NULL, its media type in column 1): the file's data, or NULL with NOT_FOUND saying
 * @missing when there is no such row. */
GBytes    *toa_sqlite_stored_file_row (ToaSqliteStore *self,
                                       sqlite3_stmt   *stmt,
                                       char          **media_type,
                                       const char     *missing,
                                       GError        **error);
/* toa-sqlite-images.c: images in articles (013-images.sql). */
void toa_sqlite_images_iface_init (ToaStoreInterface *iface);

G_END_DECLS
