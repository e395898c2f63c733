/* toa-image-types.h — the plain record of an image in an article (table article_images,
 * SQLite 013-images.sql, PostgreSQL 011-images.sql) that the storage interface passes
 * (toa-store.h includes this). The rules are in toa-images.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One image of an article; the image and its thumbnail are stored files (stored_files). */
typedef struct {
  gint64  article_id;
  char   *sha256;          /* of the image as stored (hex, lower case) */
  char   *thumb_sha256;    /* of its thumbnail */
  int     width, height;   /* of the image as stored, in pixels */
  char   *file_name;       /* as given; may be NULL */
  gint64  size;            /* bytes; filled by the store on read */
  char   *media_type;      /* filled by the store on read */
  gint64  added_by;        /* a person id */
  char   *added_by_name;   /* filled by the store on read */
  gint64  added_at;        /* µs UTC */
} ToaArticleImage;

ToaArticleImage *toa_article_image_new (void);
void             toa_article_image_free (ToaArticleImage *image);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaArticleImage, toa_article_image_free)

G_END_DECLS
