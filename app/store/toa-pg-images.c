/* toa-pg-images.c — images in articles in PostgreSQL (011-images.sql), as toa-sqlite-images.c.
 * The link is written through the server function toa_article_image_add. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-private.h"
#include "toa-text.h"

static gboolean
article_image_add (ToaStore *store, const ToaArticleImage *image, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  toa_pg_params_int (params, image->article_id);
  toa_pg_params_text (params, image->sha256);
  toa_pg_params_text (params, image->thumb_sha256);
  toa_pg_params_int (params, image->width);
  toa_pg_params_int (params, image->height);
  toa_pg_params_text (params, image->file_name);
  toa_pg_params_int (params, image->added_by);
  toa_pg_params_int (params, image->added_at != 0 ? image->added_at : toa_now_usec ());
  /* a member adds as themselves on an article of a site where they write */
  return toa_pg_exec (TOA_PG_STORE (store),
                      "SELECT toa_article_image_add ($1::bigint, $2::text, $3::text, $4::bigint, "
                      "$5::bigint, $6::text, $7::bigint, $8::bigint)", params, NULL, error);
}

static GPtrArray *
article_image_list (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_article_image_free);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (TOA_PG_STORE (store),
                      "SELECT i.sha256, i.thumb_sha256, i.width, i.height, i.file_name, f.size, "
                      "f.media_type, i.added_by, p.full_name, i.added_at FROM article_images i "
                      "JOIN stored_files f ON f.sha256 = i.sha256 "
                      "LEFT JOIN people p ON p.id = i.added_by "
                      "WHERE i.article_id = $1 ORDER BY i.added_at, i.sha256 COLLATE \"C\"",
                      params, error);
  if (res == NULL)
    return NULL;
  for (int r = 0; r < PQntuples (res); r++)
    {
      ToaArticleImage *image = toa_article_image_new ();

      image->article_id = article_id;
      image->sha256 = toa_pg_text (res, r, 0);
      image->thumb_sha256 = toa_pg_text (res, r, 1);
      image->width = (int) toa_pg_int (res, r, 2);
      image->height = (int) toa_pg_int (res, r, 3);
      image->file_name = toa_pg_text (res, r, 4);
      image->size = toa_pg_int (res, r, 5);
      image->media_type = toa_pg_text (res, r, 6);
      image->added_by = toa_pg_int (res, r, 7);
      image->added_by_name = toa_pg_text (res, r, 8);
      image->added_at = toa_pg_int (res, r, 9);
      g_ptr_array_add (list, image);
    }
  return g_steal_pointer (&list);
}

static GBytes *
stored_image_get (ToaStore *store, const char *sha256, gboolean thumb, char **media_type,
                  GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  GBytes *data;

  toa_pg_params_text (params, sha256);
  /* only some article's image or its thumbnail, as on SQLite */
  res = toa_pg_query (TOA_PG_STORE (store), thumb
                      ? "SELECT f.data, f.media_type FROM stored_files f WHERE f.sha256 = "
                        "(SELECT thumb_sha256 FROM article_images WHERE sha256 = $1 LIMIT 1)"
                      : "SELECT f.data, f.media_type FROM stored_files f WHERE f.sha256 = $1 "
                        "AND EXISTS (SELECT 1 FROM article_images WHERE sha256 = $1)",
                      params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("No image %s is stored in this database. Insert the image again."), sha256);
      return NULL;
    }
  data = toa_pg_bytes (res, 0, 0);
  if (data == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The stored file %s could not be read from the database. Try again."), sha256);
      return NULL;
    }
  if (media_type != NULL)
    *media_type = toa_pg_text (res, 0, 1);
  return data;
}

void
toa_pg_images_iface (ToaStoreInterface *iface)
{
  iface->article_image_add = article_image_add;
  iface->article_image_list = article_image_list;
  iface->stored_image_get = stored_image_get;
}
