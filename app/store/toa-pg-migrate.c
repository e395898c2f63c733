/* toa-pg-migrate.c — the PostgreSQL schema's versions: scripts from the GResource, the
 * toa_schema_version table, and `db init` / `db migrate`. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-migrate.h"

/* From the compiled GResource (resources/meson.build, c_name "toa"). */
extern GResource *toa_get_resource (void);

/* pg_advisory_xact_lock key of schema changes: "TaoS", as SQLite's application_id. */
#define MIGRATE_LOCK "1416585555"

void
toa_pg_script_free (ToaPgScript *script)
{
  if (script == NULL)
    return;
  g_free (script->name);
  g_free (script->sql);
  g_free (script);
}

static int
compare_scripts (gconstpointer a, gconstpointer b)
{
  const ToaPgScript *sa = *(ToaPgScript * const *) a;
  const ToaPgScript *sb = *(ToaPgScript * const *) b;

  return (sa->version > sb->version) - (sa->version < sb->version);
}

GPtrArray *
toa_pg_scripts_load (GResource *resource, const char *dir, GError **error)
{
  g_autoptr(GPtrArray) scripts = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_pg_script_free);
  g_auto(GStrv) names = NULL;

  if (resource == NULL)
    resource = toa_get_resource ();
  names = g_resource_enumerate_children (resource, dir, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      ToaPgScript *script;
      gsize len;
      gconstpointer data;
      guint64 number = 0;
      g_autofree char *digits = NULL;

      if (!g_str_has_suffix (names[i], ".sql"))
        continue;
      digits = g_strndup (names[i], 3);
      if (strlen (names[i]) < 8 || names[i][3] != '-'
          || !g_ascii_string_to_unsigned (digits, 10, 1, 999, &number, NULL))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                       "PostgreSQL migration %s%s is not named NNN-name.sql", dir, names[i]);
          return NULL;
        }
      path = g_strconcat (dir, names[i], NULL);
      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes == NULL)
        return NULL;
      data = g_bytes_get_data (bytes, &len);
      script = g_new0 (ToaPgScript, 1);
      script->version = (int) number;
      script->name = g_strdup (names[i]);
      script->sql = g_strndup (data, len);
      g_ptr_array_add (scripts, script);
    }

  g_ptr_array_sort (scripts, compare_scripts);
  for (guint i = 0; i < scripts->len; i++)
    {
      ToaPgScript *script = g_ptr_array_index (scripts, i);

      if (script->version != (int) i + 1)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                       "PostgreSQL migrations in %s: expected number %03u, found %s "
                       "(numbers start at 001, without gaps or duplicates)",
                       dir, i + 1, script->name);
          return NULL;
        }
    }
  return g_steal_pointer (&scripts);
}

int
toa_pg_latest_version (void)
{
  g_autoptr(GPtrArray) scripts = toa_pg_scripts_load (NULL, TOA_PG_SQL_RESOURCE_DIR, NULL);

  return scripts != NULL ? (int) scripts->len : -1;
}

int
toa_pg_schema_version (ToaPgDb *db, gboolean *has_table, GError **error)
{
  gint64 exists, version;

  if (has_table != NULL)
    *has_table = FALSE;
  exists = toa_pg_db_query_int (db, "SELECT (to_regclass('toa_schema_version') IS NOT NULL)::int",
                                0, NULL, error);
  if (exists <= 0)
    return (int) exists;
  if (has_table != NULL)
    *has_table = TRUE;
  version = toa_pg_db_query_int (db, "SELECT max(version) FROM toa_schema_version", 0, NULL, error);
  return (int) version;
}

int
toa_pg_has_user_relations (ToaPgDb *db, GError **error)
{
  gint64 count = toa_pg_db_query_int (db,
    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' "
    "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
    "                AND d.objid = c.oid AND d.deptype = 'e')",
    0, NULL, error);

  return count < 0 ? -1 : count > 0;
}

/* Begins a transaction holding the schema lock; returns the version inside it. */
static int
begin_locked (ToaPgDb *db, GError **error)
{
  int version;

  if (!toa_pg_db_begin (db, error))
    return -1;
  if (!toa_pg_db_exec (db, "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK ")", error)
      || (version = toa_pg_schema_version (db, NULL, error)) < 0)
    {
      toa_pg_db_rollback (db);
      return -1;
    }
  return version;
}

static gboolean
apply_one (ToaPgDb *db, const ToaPgScript *script, GError **error)
{
  g_autofree char *number = g_strdup_printf ("%d", script->version);
  const char *params[] = { number, script->name };
  g_autoptr(PGresult) inserted = NULL;
  GError *local_error = NULL;
  int version;

  if ((version = begin_locked (db, error)) < 0)
    return FALSE;
  if (version >= script->version)   /* another desk applied it meanwhile */
    return toa_pg_db_commit (db, error);

  if (!toa_pg_db_exec (db, script->sql, &local_error)
      || !(inserted = toa_pg_db_query (db,
                                       "INSERT INTO toa_schema_version (version, name) VALUES ($1::int, $2)",
                                       2, params, &local_error))
      || !toa_pg_db_commit (db, &local_error))
    {
      toa_pg_db_rollback (db);
      g_prefix_error (&local_error, _("Could not update the database to schema %d (%s): "),
                      script->version, script->name);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_pg_migrate (ToaPgDb *db, GPtrArray *scripts, int *from, int *to, GError **error)
{
  gboolean has_table = FALSE;
  int version, latest = (int) scripts->len;

  if ((version = toa_pg_schema_version (db, &has_table, error)) < 0)
    return FALSE;
  if (from != NULL)
    *from = version;
  if (version > latest)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_DB_NEWER,
                   _("The database at %s was written by a newer version of Tòa soạn (schema %d; this program "
                     "knows up to %d). Install the newer version of Tòa soạn; the database was not changed."),
                   toa_pg_db_describe (db), version, latest);
      return FALSE;
    }

  if (!has_table)
    {
      if (begin_locked (db, error) < 0)
        return FALSE;
      if (!toa_pg_db_exec (db,
                           "CREATE TABLE IF NOT EXISTS toa_schema_version ("
                           "  version    integer PRIMARY KEY CHECK (version > 0),"
                           "  name       text NOT NULL,"
                           "  applied_at timestamptz NOT NULL DEFAULT now())",
                           error)
          || !toa_pg_db_commit (db, error))
        {
          toa_pg_db_rollback (db);
          g_prefix_error (error, _("Could not create the schema version table: "));
          return FALSE;
        }
    }

  for (guint i = 0; i < scripts->len; i++)
    {
      ToaPgScript *script = g_ptr_array_index (scripts, i);

      if (script->version > version && !apply_one (db, script, error))
        return FALSE;
    }

  if (to != NULL && (*to = toa_pg_schema_version (db, NULL, error)) < 0)
    return FALSE;
  return TRUE;
}

gboolean
toa_pg_init (ToaPgDb *db, GPtrArray *scripts, int *from, int *to, GError **error)
{
  gboolean has_table = FALSE;
  int others;

  if (toa_pg_schema_version (db, &has_table, error) < 0)
    return FALSE;
  if (!has_table)
    {
      if ((others = toa_pg_has_user_relations (db, error)) < 0)
        return FALSE;
      if (others)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_DB_FOREIGN,
                       _("The database at %s already holds tables that are not Tòa soạn's; nothing was changed. "
                         "Create an empty database for Tòa soạn (createdb) and give its address with --db."),
                       toa_pg_db_describe (db));
          return FALSE;
        }
    }
  return toa_pg_migrate (db, scripts, from, to, error);
}

gboolean
toa_pg_upgrade (ToaPgDb *db, GPtrArray *scripts, int *from, int *to, GError **error)
{
  gboolean has_table = FALSE;
  int others;

  if (toa_pg_schema_version (db, &has_table, error) < 0)
    return FALSE;
  if (!has_table)
    {
      if ((others = toa_pg_has_user_relations (db, error)) < 0)
        return FALSE;
      if (others)
        g_set_error (error, TOA_ERROR, TOA_ERROR_DB_FOREIGN,
                     _("The database at %s is not a Tòa soạn database; nothing was changed. "
                       "Check the address in --db."),
                     toa_pg_db_describe (db));
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("The database at %s is empty. Create the Tòa soạn schema with “toasoan-cli --db … db init”."),
                     toa_pg_db_describe (db));
      return FALSE;
    }
  return toa_pg_migrate (db, scripts, from, to, error);
}
