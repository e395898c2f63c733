/* test-pg-db.c — the libpq connection (toa-pg-db) and the migration runner (toa-pg-migrate)
 * against a temporary PostgreSQL server, with the test scripts of sql-test/ (compiled into
 * this program's own GResource), and the program's own scripts on an empty database. */
#include <string.h>

#include <gio/gio.h>

#include "toa-error.h"
#include "toa-pg-db.h"
#include "toa-pg-migrate.h"
#include "toa-pg-test-server.h"

extern GResource *toa_pg_test_get_resource (void);

static ToaPgTestServer *server;

/* A new empty database and a connection to it. */
static ToaPgDb *
fresh_db (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ToaPgDb *db;

  toa_pg_test_server_create_db (server, name, &error);
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, name);
  db = toa_pg_db_connect (url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static GPtrArray *
test_scripts (const char *set)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup_printf ("/test/sql-test/%s/", set);
  GPtrArray *scripts = toa_pg_scripts_load (toa_pg_test_get_resource (), dir, &error);

  g_assert_no_error (error);
  return scripts;
}

static char *
query_text (ToaPgDb *db, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PGresult) result = toa_pg_db_query (db, sql, 0, NULL, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int row = 0; row < PQntuples (result); row++)
    {
      if (row > 0)
        g_string_append_c (text, ',');
      g_string_append (text, PQgetvalue (result, row, 0));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_scripts_load (void)
{
  g_autoptr(GPtrArray) good = test_scripts ("good");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) gap = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (good->len, ==, 3);
  for (guint i = 0; i < good->len; i++)
    g_assert_cmpint (((ToaPgScript *) g_ptr_array_index (good, i))->version, ==, (int) i + 1);
  g_assert_cmpstr (((ToaPgScript *) g_ptr_array_index (good, 1))->name, ==, "002-second.sql");

  none = toa_pg_scripts_load (toa_pg_test_get_resource (), "/test/no-such-dir/", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  gap = toa_pg_scripts_load (toa_pg_test_get_resource (), "/test/sql-test/gap/", &error);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_assert_null (gap);
  g_assert_nonnull (strstr (error->message, "003-third.sql"));

  /* The program's own scripts load and are numbered from 1. */
  g_assert_cmpint (toa_pg_latest_version (), >=, 0);
}

static void
test_runner_order_idempotent (void)
{
  g_autoptr(ToaPgDb) db = fresh_db ("runner_order");
  g_autoptr(GPtrArray) scripts = test_scripts ("good");
  g_autoptr(GPtrArray) first_two = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL, *versions = NULL, *again = NULL;
  int from = -1, to = -1;

  /* Up to version 2 first, then the rest. */
  g_ptr_array_add (first_two, g_ptr_array_index (scripts, 0));
  g_ptr_array_add (first_two, g_ptr_array_index (scripts, 1));
  g_assert_true (toa_pg_migrate (db, first_two, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (to, ==, 2);

  g_assert_true (toa_pg_migrate (db, scripts, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 2);
  g_assert_cmpint (to, ==, 3);

  log = query_text (db, "SELECT step || ':' || note FROM runner_log ORDER BY step");
  g_assert_cmpstr (log, ==, "1:first,2:second,3:third");
  versions = query_text (db, "SELECT version || ':' || name FROM toa_schema_version ORDER BY version");
  g_assert_cmpstr (versions, ==, "1:001-first.sql,2:002-second.sql,3:003-third.sql");

  /* Again: nothing to do, nothing run twice. */
  g_assert_true (toa_pg_migrate (db, scripts, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 3);
  g_assert_cmpint (to, ==, 3);
  again = query_text (db, "SELECT count(*) FROM runner_log");
  g_assert_cmpstr (again, ==, "3");
  g_assert_cmpint (toa_pg_schema_version (db, NULL, &error), ==, 3);
}

/* Two desks migrating the same database at once: each script runs exactly once. */
static gpointer
migrate_thread (gpointer data)
{
  GPtrArray *scripts = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = toa_pg_test_server_url (server, "runner_race");
  g_autoptr(ToaPgDb) db = toa_pg_db_connect (url, &error);
  gboolean ok;

  g_assert_no_error (error);
  ok = toa_pg_migrate (db, scripts, NULL, NULL, &error);
  g_assert_no_error (error);
  return GINT_TO_POINTER (ok);
}

static void
test_runner_concurrent (void)
{
  g_autoptr(ToaPgDb) db = fresh_db ("runner_race");
  g_autoptr(GPtrArray) scripts = test_scripts ("good");
  GThread *threads[4];
  g_autofree char *log = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("migrate", migrate_thread, scripts);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
  log = query_text (db, "SELECT step || ':' || note FROM runner_log ORDER BY step");
  g_assert_cmpstr (log, ==, "1:first,2:second,3:third");
}

static void
test_runner_failure_rolls_back (void)
{
  g_autoptr(ToaPgDb) db = fresh_db ("runner_broken");
  g_autoptr(GPtrArray) scripts = test_scripts ("broken");
  g_autoptr(GError) error = NULL;
  g_autofree char *half = NULL;
  int from = -1, to = -1;

  g_assert_false (toa_pg_migrate (db, scripts, &from, &to, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);   /* not-null violation, 23502 */
  g_assert_nonnull (strstr (error->message, "002-fails.sql"));
  g_clear_error (&error);

  /* Version 1 stays applied; nothing of 002 remains; the connection is usable. */
  g_assert_cmpint (toa_pg_schema_version (db, NULL, &error), ==, 1);
  g_assert_no_error (error);
  half = query_text (db, "SELECT (to_regclass('half_done') IS NULL)::text");
  g_assert_cmpstr (half, ==, "true");
}

static void
test_newer_refused (void)
{
  g_autoptr(ToaPgDb) db = fresh_db ("runner_newer");
  g_autoptr(GPtrArray) scripts = test_scripts ("good");
  g_autoptr(GPtrArray) older = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  g_assert_true (toa_pg_migrate (db, scripts, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A program that knows only scripts 1–2 meets a database at version 3. */
  g_ptr_array_add (older, g_ptr_array_index (scripts, 0));
  g_ptr_array_add (older, g_ptr_array_index (scripts, 1));
  g_assert_false (toa_pg_migrate (db, older, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_DB_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);
  g_assert_false (toa_pg_upgrade (db, older, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_DB_NEWER);
  g_clear_error (&error);
  count = query_text (db, "SELECT count(*) FROM toa_schema_version");
  g_assert_cmpstr (count, ==, "3");
}

static void
test_init_and_upgrade_refusals (void)
{
  g_autoptr(ToaPgDb) foreign = fresh_db ("init_foreign");
  g_autoptr(ToaPgDb) empty = fresh_db ("upgrade_empty");
  g_autoptr(GPtrArray) scripts = test_scripts ("good");
  g_autoptr(GError) error = NULL;
  g_autofree char *exists = NULL;
  int from = -1, to = -1;

  g_assert_true (toa_pg_db_exec (foreign, "CREATE TABLE invoices (id integer)", &error));
  g_assert_false (toa_pg_init (foreign, scripts, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_DB_FOREIGN);
  g_clear_error (&error);
  g_assert_false (toa_pg_upgrade (foreign, scripts, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_DB_FOREIGN);
  g_clear_error (&error);
  exists = query_text (foreign, "SELECT (to_regclass('toa_schema_version') IS NULL)::text");
  g_assert_cmpstr (exists, ==, "true");

  g_assert_false (toa_pg_upgrade (empty, scripts, NULL, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "db init"));
  g_clear_error (&error);

  /* An extension alone (unaccent: functions, no tables) leaves a database "empty". */
  g_assert_true (toa_pg_db_exec (empty, "CREATE EXTENSION unaccent", &error));
  g_assert_no_error (error);
  g_assert_true (toa_pg_init (empty, scripts, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (to, ==, 3);
  /* init again on our own database: nothing to do */
  g_assert_true (toa_pg_init (empty, scripts, &from, &to, &error));
  g_assert_cmpint (from, ==, 3);
  g_assert_cmpint (to, ==, 3);
}

static void
test_program_schema (void)
{
  g_autoptr(ToaPgDb) db = fresh_db ("program_schema");
  g_autoptr(GPtrArray) scripts = toa_pg_scripts_load (NULL, TOA_PG_SQL_RESOURCE_DIR, NULL);
  g_autoptr(GError) error = NULL;
  int from = -1, to = -1;

  g_assert_nonnull (scripts);
  g_assert_true (toa_pg_init (db, scripts, &from, &to, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (to, ==, (int) scripts->len);
}

static void
test_connect_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unreachable = g_strdup_printf ("postgresql://%s:%s@127.0.0.1:1/postgres",
                                                  toa_pg_test_server_user (server),
                                                  toa_pg_test_server_password (server));
  g_autofree char *wrong = g_strdup_printf ("postgresql://%s:not-the-password@127.0.0.1:%d/postgres",
                                            toa_pg_test_server_user (server),
                                            toa_pg_test_server_port (server));
  g_autofree char *no_db = g_strdup_printf ("postgresql://%s:%s@127.0.0.1:%d/no_such_db",
                                            toa_pg_test_server_user (server),
                                            toa_pg_test_server_password (server),
                                            toa_pg_test_server_port (server));
  g_autofree char *redacted = toa_pg_url_redact (unreachable);
  ToaPgDb *db;

  db = toa_pg_db_connect (unreachable, &error);
  g_assert_null (db);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "127.0.0.1:1/postgres"));
  g_assert_null (strstr (error->message, toa_pg_test_server_password (server)));
  g_clear_error (&error);

  db = toa_pg_db_connect (wrong, &error);
  g_assert_null (db);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_AUTH);
  g_assert_null (strstr (error->message, "not-the-password"));
  g_clear_error (&error);

  db = toa_pg_db_connect (no_db, &error);
  g_assert_null (db);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  db = toa_pg_db_connect ("postgresql://a:b@host:notaport/x", &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_null (strstr (redacted, toa_pg_test_server_password (server)));
  g_assert_true (g_str_has_prefix (redacted, "postgresql://toa_test:***@127.0.0.1:1/"));
  g_assert_true (toa_pg_is_url ("postgres://x/y"));
  g_assert_false (toa_pg_is_url ("sqlite:///tmp/x.db"));
}

static void
test_params_and_transactions (void)
{
  g_autoptr(ToaPgDb) db = fresh_db ("params");
  g_autoptr(GError) error = NULL;
  const char *params[] = { "Bình Phước", NULL };
  g_autoptr(PGresult) inserted = NULL;
  g_autoptr(PGresult) duplicate = NULL;
  g_autofree char *rows = NULL;

  g_assert_true (toa_pg_db_exec (db, "CREATE TABLE t (name text PRIMARY KEY, note text)", &error));
  g_assert_true (toa_pg_db_begin (db, &error));
  inserted = toa_pg_db_query (db, "INSERT INTO t VALUES ($1, $2)", 2, params, &error);
  g_assert_no_error (error);
  g_assert_true (toa_pg_db_commit (db, &error));

  /* A duplicate key is a conflict; a rolled-back insert leaves nothing. */
  duplicate = toa_pg_db_query (db, "INSERT INTO t VALUES ($1, 'again')", 1, params, &error);
  g_assert_null (duplicate);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (toa_pg_db_begin (db, &error));
  g_assert_true (toa_pg_db_exec (db, "INSERT INTO t VALUES ('Đồng Nai', NULL)", &error));
  toa_pg_db_rollback (db);
  rows = query_text (db, "SELECT name || '/' || coalesce(note, 'NULL') FROM t ORDER BY name");
  g_assert_cmpstr (rows, ==, "Bình Phước/NULL");
  g_assert_cmpint (toa_pg_db_query_int (db, "SELECT count(*) FROM t WHERE name = $1", 1, params, &error), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();

  g_test_add_func ("/pg-db/scripts-load", test_scripts_load);
  g_test_add_func ("/pg-db/runner-order-idempotent", test_runner_order_idempotent);
  g_test_add_func ("/pg-db/runner-concurrent", test_runner_concurrent);
  g_test_add_func ("/pg-db/runner-failure-rolls-back", test_runner_failure_rolls_back);
  g_test_add_func ("/pg-db/newer-refused", test_newer_refused);
  g_test_add_func ("/pg-db/init-upgrade-refusals", test_init_and_upgrade_refusals);
  g_test_add_func ("/pg-db/program-schema", test_program_schema);
  g_test_add_func ("/pg-db/connect-errors", test_connect_errors);
  g_test_add_func ("/pg-db/params-transactions", test_params_and_transactions);
  return g_test_run ();
}
