/* toa-pg-files.c — stored files (content-addressed by SHA-256, each content once, bytea) and
 * the attachments of items in PostgreSQL (002-attachments.sql), as toa-sqlite-files.c. The
 * writes go through the server functions of 006-member-articles.sql. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-private.h"
#include "toa-text.h"

static gboolean
stored_file_put (ToaStore *store, const char *sha256, const char *media_type, GBytes *data,
                 GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  toa_pg_params_text (params, sha256);
  toa_pg_params_text (params, media_type);
  toa_pg_params_bytes (params, data);
  toa_pg_params_int (params, toa_now_usec ());
  /* for a member the server checks the address is the content's SHA-256, the size and the right */
  return toa_pg_exec (TOA_PG_STORE (store),
                      "SELECT toa_stored_file_put ($1::text, $2::text, $3::bytea, $4::bigint)",
                      params, NULL, error);
}

static GBytes *
stored_file_get (ToaStore *store, const char *sha256, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  GBytes *data;

  toa_pg_params_text (params, sha256);
  res = toa_pg_query (TOA_PG_STORE (store), "SELECT data FROM stored_files WHERE sha256 = $1",
                      params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("The stored file %s is missing from the database. Restore it from a backup."),
                   sha256);
      return NULL;
    }
  data = toa_pg_bytes (res, 0, 0);
  if (data == NULL)
    g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                 _("The stored file %s could not be read from the database. Try again."), sha256);
  return data;
}

static gboolean
article_attachment_add (ToaStore *store, const ToaAttachment *attachment, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  toa_pg_params_int (params, attachment->article_id);
  toa_pg_params_int (params, attachment->position);
  toa_pg_params_text (params, attachment->file_name);
  toa_pg_params_text (params, attachment->sha256);
  toa_pg_params_int (params, attachment->added_by);
  toa_pg_params_int (params, attachment->added_at != 0 ? attachment->added_at : toa_now_usec ());
  /* through the server function: a member attaches as themselves on a site where they write */
  return toa_pg_exec (TOA_PG_STORE (store),
                      "SELECT toa_article_attachment_add ($1::bigint, $2::bigint, $3::text, $4::text, "
                      "$5::bigint, $6::bigint)", params, NULL, error);
}

static GPtrArray *
article_attachment_list (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_attachment_free);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (TOA_PG_STORE (store),
                      "SELECT a.position, a.file_name, a.sha256, f.size, f.media_type, a.added_by, "
                      "p.full_name, a.added_at FROM article_attachments a "
                      "JOIN stored_files f ON f.sha256 = a.sha256 "
                      "LEFT JOIN people p ON p.id = a.added_by "
                      "WHERE a.article_id = $1 ORDER BY a.position", params, error);
  if (res == NULL)
    return NULL;
  for (int r = 0; r < PQntuples (res); r++)
    {
      ToaAttachment *attachment = toa_attachment_new ();

      attachment->article_id = article_id;
      attachment->position = (int) toa_pg_int (res, r, 0);
      attachment->file_name = toa_pg_text (res, r, 1);
      attachment->sha256 = toa_pg_text (res, r, 2);
      attachment->size = toa_pg_int (res, r, 3);
      attachment->media_type = toa_pg_text (res, r, 4);
      attachment->added_by = toa_pg_int (res, r, 5);
      attachment->added_by_name = toa_pg_text (res, r, 6);
      attachment->added_at = toa_pg_int (res, r, 7);
      g_ptr_array_add (list, attachment);
    }
  return g_steal_pointer (&list);
}

void
toa_pg_files_iface (ToaStoreInterface *iface)
{
  iface->stored_file_put = stored_file_put;
  iface->stored_file_get = stored_file_get;
  iface->article_attachment_add = article_attachment_add;
  iface->article_attachment_list = article_attachment_list;
  toa_pg_images_iface (iface);
}
