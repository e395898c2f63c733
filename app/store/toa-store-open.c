/* toa-store-open.c — opening a board's database from what the user gave (--db): a path or
 * a sqlite:/// URI (the SQLite backend), a postgresql:// or postgres:// URI (the PostgreSQL
 * backend, toa-pg-store.h), or the default file. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-store.h"
#include "toa-sqlite-store.h"
#include "toa-store-open.h"

char *
toa_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "toasoan", "toasoan.db", NULL);
}

ToaStore *
toa_store_open (const char    *location,
                ToaOpenFlags   flags,
                GError       **error)
{
  g_autofree char *path = NULL;

  if (location == NULL || location[0] == '\0')
    path = toa_store_default_path ();
  else if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return (ToaStore *) toa_pg_store_open (location, flags, error);
  else if (g_str_has_prefix (location, "sqlite:"))
    {
      /* sqlite:///abs/path → file:///abs/path, which also decodes %xx escapes. */
      g_autofree char *file_uri = g_strconcat ("file:", location + strlen ("sqlite:"), NULL);
      g_autofree char *host = NULL;

      path = g_filename_from_uri (file_uri, &host, NULL);
      /* a host would name another machine's file: never open a local one instead */
      if (host != NULL && g_ascii_strcasecmp (host, "localhost") != 0)
        g_clear_pointer (&path, g_free);
      if (path == NULL)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("“%s” is not a valid database address. Write sqlite:///absolute/path/to/file.db or a plain path."),
                       location);
          return NULL;
        }
    }
  else
    path = g_strdup (location);

  return (ToaStore *) toa_sqlite_store_open (path, flags, error);
}
