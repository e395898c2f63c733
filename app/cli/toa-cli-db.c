/* toa-cli-db.c — `db init` and `db migrate`: create and upgrade a board's schema. On a
 * PostgreSQL server (--db postgresql://…) they run the scripts of resources/sql/postgres;
 * on an SQLite file `db init` is `init` and `db migrate` opens the file (which migrates). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-pg-copy.h"
#include "toa-pg-migrate.h"
#include "toa-store-open.h"

static void
print_versions (ToaCli *cli, const char *database, int from, int to)
{
  if (cli->json)
    {
      JsonObject *root = json_object_new ();

      json_object_set_string_member (root, "database", database);
      json_object_set_int_member (root, "from_version", from);
      json_object_set_int_member (root, "to_version", to);
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
      return;
    }
  if (from == to)
    toa_cli_print (_("Database %s: schema version %d, up to date.\n"), database, to);
  else
    toa_cli_print (_("Database %s: schema version %d → %d.\n"), database, from, to);
}

/* Connects and runs @run (toa_pg_init or toa_pg_upgrade) with the program's scripts. */
static gboolean
run_pg (ToaCli *cli,
        gboolean (*run) (ToaPgDb *, GPtrArray *, int *, int *, GError **),
        GError **error)
{
  g_autoptr(GPtrArray) scripts = NULL;
  g_autoptr(ToaPgDb) db = NULL;
  int from = 0, to = 0;

  if (!(scripts = toa_pg_scripts_load (NULL, TOA_PG_SQL_RESOURCE_DIR, error)))
    return FALSE;
  if (!(db = toa_pg_db_connect (cli->location, error)))
    return FALSE;
  if (!run (db, scripts, &from, &to, error))
    return FALSE;
  print_versions (cli, toa_pg_db_describe (db), from, to);
  return TRUE;
}

gboolean
toa_cli_db_init (ToaCli *cli, char **args, GError **error)
{
  if (!toa_pg_is_url (cli->location))
    return toa_cli_init (cli, args, error);
  if (!toa_cli_parse (cli, NULL, args, 0, 0, error))
    return FALSE;
  return run_pg (cli, toa_pg_init, error);
}

/* The schema version of an existing SQLite file before opening it (0 when unknown). */
static int
sqlite_version_before (const char *location)
{
  g_autofree char *path = NULL;
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  if (location == NULL)
    path = toa_store_default_path ();
  else if (g_str_has_prefix (location, "sqlite:"))
    {
      g_autofree char *uri = g_strconcat ("file:", location + strlen ("sqlite:"), NULL);

      path = g_filename_from_uri (uri, NULL, NULL);
    }
  else
    path = g_strdup (location);

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return 0;
  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return version;
}

gboolean
toa_cli_db_migrate (ToaCli *cli, char **args, GError **error)
{
  ToaStore *store;
  int from;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error))
    return FALSE;
  if (toa_pg_is_url (cli->location))
    return run_pg (cli, toa_pg_upgrade, error);

  from = sqlite_version_before (cli->location);
  if (!(store = toa_cli_store (cli, error)))
    return FALSE;
  print_versions (cli, toa_store_describe (store), from, toa_store_schema_version (store));
  return TRUE;
}

/* `db copy --from SRC --to DST`: the SQLite board onto an empty PostgreSQL database
 * (toa-pg-copy.h), with a per-table report of rows and checksums. */
gboolean
toa_cli_db_copy (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(ToaPgCopyReport) report = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("the board's SQLite file (sqlite:///PATH or a path)"), "SRC" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("the PostgreSQL database (postgresql://USER@HOST:PORT/DB)"), "DST" },
    { NULL }
  };

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (from, "--from", error)
      || !toa_cli_require (to, "--to", error))
    return FALSE;
  if (!(report = toa_pg_copy (from, to, error)))
    return FALSE;

  if (cli->json)
    {
      JsonObject *root = json_object_new ();
      JsonArray *tables = json_array_new ();
      JsonArray *skipped = json_array_new ();

      json_object_set_string_member (root, "source", report->source);
      json_object_set_string_member (root, "target", report->target);
      json_object_set_int_member (root, "source_version_before", report->source_version_before);
      json_object_set_int_member (root, "source_version", report->source_version);
      json_object_set_boolean_member (root, "source_migrated",
                                      report->source_version_before < report->source_version);
      json_object_set_boolean_member (root, "schema_created", report->schema_created);
      for (guint i = 0; i < report->tables->len; i++)
        {
          ToaPgCopyTable *t = g_ptr_array_index (report->tables, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "table", t->name);
          json_object_set_int_member (object, "source_rows", t->source_rows);
          json_object_set_int_member (object, "target_rows", t->target_rows);
          json_object_set_string_member (object, "source_sha256", t->source_sha256);
          json_object_set_string_member (object, "target_sha256", t->target_sha256);
          json_object_set_boolean_member (object, "match", toa_pg_copy_table_matches (t));
          json_object_set_double_member (object, "seconds", t->seconds);
          json_array_add_object_element (tables, object);
        }
      for (guint i = 0; i < report->skipped->len; i++)
        json_array_add_string_element (skipped, g_ptr_array_index (report->skipped, i));
      json_object_set_array_member (root, "tables", tables);
      json_object_set_array_member (root, "skipped", skipped);
      json_object_set_int_member (root, "audit_records", report->audit_records);
      json_object_set_double_member (root, "seconds", report->seconds);
      toa_cli_print_json (json_node_init_object (json_node_alloc (), root));
      json_object_unref (root);
      return TRUE;
    }

  if (report->source_version_before < report->source_version)
    toa_cli_print (_("The source's schema was migrated first: version %d → %d.\n"),
                   report->source_version_before, report->source_version);
  toa_cli_print (_("Copied %s → %s%s:\n"), report->source, report->target,
                 report->schema_created ? _(" (schema created)") : "");
  for (guint i = 0; i < report->tables->len; i++)
    {
      ToaPgCopyTable *t = g_ptr_array_index (report->tables, i);

      toa_cli_print ("  %-24s %8lld %s  %.16s…  %7.2f s\n", t->name, (long long) t->target_rows,
                     toa_pg_copy_table_matches (t) ? _("rows, checksum equal") : _("rows, DIFFERENT"),
                     t->target_sha256, t->seconds);
    }
  if (report->skipped->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < report->skipped->len; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (report->skipped, i));
      toa_cli_print (_("Not copied (SQLite only, rebuilt by the server): %s\n"), names->str);
    }
  toa_cli_print (_("Audit chain verified on the server: %lld records. Time: %.2f s.\n"),
                 (long long) report->audit_records, report->seconds);
  return TRUE;
}
