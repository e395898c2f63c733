/* toa-test-store.c — see toa-test-store.h. */
#include <string.h>

#include "toa-pg-test-server.h"
#include "toa-test-store.h"

static GHashTable *databases;   /* path → database name */

gboolean
toa_test_store_is_pg (void)
{
  return g_strcmp0 (g_getenv ("TOA_TEST_PG"), "1") == 0;
}

char *
toa_test_store_url (const char *path)
{
  const char *name = databases != NULL ? g_hash_table_lookup (databases, path) : NULL;

  return name != NULL ? toa_pg_test_server_url (toa_pg_test_server_start (), name) : NULL;
}

ToaStore *
toa_test_store_open (const char *path, ToaOpenFlags flags, GError **error)
{
  static guint counter;
  ToaPgTestServer *server;
  g_autofree char *url = NULL;
  const char *name;

  if (!toa_test_store_is_pg ())
    return toa_store_open (path, flags, error);

  g_assert_nonnull (path);
  server = toa_pg_test_server_start ();
  if (databases == NULL)
    databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  name = g_hash_table_lookup (databases, path);
  if (name == NULL && (flags & TOA_OPEN_CREATE) != 0)
    {
      g_autofree char *new_name = g_strdup_printf ("toa_test_%u", ++counter);
      /* template0: nothing from template1; LC_COLLATE C: text sorts by bytes, like SQLite. */
      g_autofree char *sql = g_strdup_printf ("CREATE DATABASE \"%s\" TEMPLATE template0 "
                                              "ENCODING 'UTF8' LC_COLLATE 'C'", new_name);
      g_autoptr(GError) local_error = NULL;

      g_assert_true (toa_pg_test_server_exec (server, "postgres", sql, &local_error));
      g_assert_no_error (local_error);
      g_hash_table_insert (databases, g_strdup (path), g_strdup (new_name));
      name = g_hash_table_lookup (databases, path);
    }
  /* A path never created names a database that does not exist: the server says so. */
  url = toa_pg_test_server_url (server, name != NULL ? name : "toa_test_missing");
  return toa_store_open (url, flags, error);
}

gboolean
toa_test_store_exec (const char *path, const char *sql, GError **error)
{
  const char *name = databases != NULL ? g_hash_table_lookup (databases, path) : NULL;

  g_assert_nonnull (name);
  return toa_pg_test_server_exec (toa_pg_test_server_start (), name, sql, error);
}

void
toa_test_store_forget (const char *dir)
{
  g_autofree char *prefix = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (databases == NULL || dir == NULL)
    return;
  prefix = g_str_has_suffix (dir, G_DIR_SEPARATOR_S) ? g_strdup (dir)
                                                      : g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  g_hash_table_iter_init (&iter, databases);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sql = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_prefix (key, prefix) && !g_str_equal (key, dir))
        continue;
      /* WITH (FORCE): a connection a failed test left open does not keep the database. */
      sql = g_strdup_printf ("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", (const char *) value);
      g_assert_true (toa_pg_test_server_exec (toa_pg_test_server_start (), "postgres", sql, &error));
      g_assert_no_error (error);
      g_hash_table_iter_remove (&iter);
    }
}

gboolean
toa_test_store_sqlite_only (const char *reason)
{
  if (!toa_test_store_is_pg ())
    return FALSE;
  g_test_skip (reason);
  return TRUE;
}
