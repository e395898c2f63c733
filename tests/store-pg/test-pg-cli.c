/* test-pg-cli.c — toasoan-cli as a subprocess against a temporary PostgreSQL server: `db init`
 * and `db migrate` (exit codes and messages, README "Exit codes"), `init [--demo]` and ordinary
 * commands on the server, `--as` refused for anyone but the signed-in account (exit 3), and the
 * db commands on an SQLite file. argv[1] is the toasoan-cli program. */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "toa-pg-migrate.h"
#include "toa-pg-test-server.h"
#include "toa-sqlite-store.h"

static ToaPgTestServer *server;
static const char *cli_path;

typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

static void
run_cli (CliRun *run, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) cli_path);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The messages are checked in English, the source language, whatever vi.po says. */
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
new_db_url (const char *name)
{
  g_autoptr(GError) error = NULL;

  toa_pg_test_server_create_db (server, name, &error);
  g_assert_no_error (error);
  return toa_pg_test_server_url (server, name);
}

static void
test_init_then_migrate (void)
{
  g_autofree char *url = new_db_url ("cli_init");
  int latest = toa_pg_latest_version ();
  g_auto(CliRun) init = { 0 }, again = { 0 }, migrate = { 0 }, text = { 0 };
  g_autoptr(JsonObject) init_json = NULL, migrate_json = NULL;

  g_assert_cmpint (latest, >=, 0);
  run_cli (&init, "--db", url, "--json", "db", "init", NULL);
  g_assert_cmpstr (init.err, ==, "");
  g_assert_cmpint (init.status, ==, 0);
  init_json = parse_object (init.out);
  g_assert_cmpint (json_object_get_int_member (init_json, "from_version"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (init_json, "to_version"), ==, latest);
  g_assert_null (strstr (init.out, toa_pg_test_server_password (server)));

  /* init again: our own database, already current — fine, nothing done */
  run_cli (&again, "--db", url, "db", "init", NULL);
  g_assert_cmpint (again.status, ==, 0);

  run_cli (&migrate, "--db", url, "--json", "db", "migrate", NULL);
  g_assert_cmpint (migrate.status, ==, 0);
  migrate_json = parse_object (migrate.out);
  g_assert_cmpint (json_object_get_int_member (migrate_json, "from_version"), ==, latest);
  g_assert_cmpint (json_object_get_int_member (migrate_json, "to_version"), ==, latest);

  run_cli (&text, "--db", url, "db", "migrate", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "127.0.0.1"));
  g_assert_null (strstr (text.out, toa_pg_test_server_password (server)));
}

static void
test_migrate_from_older (void)
{
  g_autofree char *url = new_db_url ("cli_older");
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) migrate = { 0 };
  g_autoptr(JsonObject) json = NULL;

  /* A database at version 0: only the version table, as left by a first `db init` of an
   * older program with no scripts yet. */
  toa_pg_test_server_exec (server, "cli_older",
                           "CREATE TABLE toa_schema_version (version integer PRIMARY KEY, name text NOT NULL, "
                           "applied_at timestamptz NOT NULL DEFAULT now())", &error);
  g_assert_no_error (error);
  run_cli (&migrate, "--db", url, "--json", "db", "migrate", NULL);
  g_assert_cmpstr (migrate.err, ==, "");
  g_assert_cmpint (migrate.status, ==, 0);
  json = parse_object (migrate.out);
  g_assert_cmpint (json_object_get_int_member (json, "from_version"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json, "to_version"), ==, toa_pg_latest_version ());
}

static void
test_refusals (void)
{
  g_autofree char *foreign = new_db_url ("cli_foreign");
  g_autofree char *empty = new_db_url ("cli_empty");
  g_autofree char *newer = new_db_url ("cli_newer");
  g_autofree char *newer_sql = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) init_foreign = { 0 }, migrate_empty = { 0 }, init_newer = { 0 };
  g_auto(CliRun) migrate_newer = { 0 }, other = { 0 };

  toa_pg_test_server_exec (server, "cli_foreign", "CREATE TABLE invoices (id integer)", &error);
  g_assert_no_error (error);
  run_cli (&init_foreign, "--db", foreign, "db", "init", NULL);
  g_assert_cmpint (init_foreign.status, ==, 5);
  g_assert_nonnull (strstr (init_foreign.err, "not Tòa soạn's"));

  run_cli (&migrate_empty, "--db", empty, "db", "migrate", NULL);
  g_assert_cmpint (migrate_empty.status, ==, 2);
  g_assert_nonnull (strstr (migrate_empty.err, "db init"));

  /* A database written by a newer program: refused by init and migrate, left as it is. */
  newer_sql = g_strdup_printf ("CREATE TABLE toa_schema_version (version integer PRIMARY KEY, name text NOT NULL, "
                               "applied_at timestamptz NOT NULL DEFAULT now()); "
                               "INSERT INTO toa_schema_version (version, name) VALUES (%d, '999-future.sql')",
                               toa_pg_latest_version () + 1);
  toa_pg_test_server_exec (server, "cli_newer", newer_sql, &error);
  g_assert_no_error (error);
  run_cli (&migrate_newer, "--db", newer, "db", "migrate", NULL);
  g_assert_cmpint (migrate_newer.status, ==, 5);
  g_assert_nonnull (strstr (migrate_newer.err, "newer version"));
  run_cli (&init_newer, "--db", newer, "db", "init", NULL);
  g_assert_cmpint (init_newer.status, ==, 5);

  /* Other commands do not create the schema in an empty database: they say to run db init. */
  run_cli (&other, "--db", empty, "site", "list", NULL);
  g_assert_cmpint (other.status, ==, 2);
  g_assert_nonnull (strstr (other.err, "db init"));
}

/* The board on the server through core: db init, init, then ordinary commands; and acting
 * as yourself: --as must be the login the connection is signed in as (README, exit 3). */
static void
test_board (void)
{
  g_autofree char *url = new_db_url ("cli_board");
  const char *me = toa_pg_test_server_user (server);
  g_auto(CliRun) schema = { 0 }, init = { 0 }, sites = { 0 }, add_me = { 0 }, add_other = { 0 };
  g_auto(CliRun) as_me = { 0 }, as_other = { 0 }, as_other_json = { 0 };
  g_autoptr(JsonObject) init_json = NULL, error_json = NULL;

  run_cli (&schema, "--db", url, "db", "init", NULL);
  g_assert_cmpint (schema.status, ==, 0);
  run_cli (&init, "--db", url, "--json", "init", NULL);
  g_assert_cmpstr (init.err, ==, "");
  g_assert_cmpint (init.status, ==, 0);
  init_json = parse_object (init.out);
  g_assert_null (strstr (init.out, toa_pg_test_server_password (server)));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (init_json, "sites")), ==, 1);

  run_cli (&sites, "--db", url, "site", "list", NULL);
  g_assert_cmpstr (sites.err, ==, "");
  g_assert_cmpint (sites.status, ==, 0);
  g_assert_nonnull (strstr (sites.out, "portal"));

  /* the server's account as a person of the board, and someone else */
  run_cli (&add_me, "--db", url, "user", "add", "--login", me, "--name", "Quản trị máy chủ", "--role", "editor", NULL);
  g_assert_cmpstr (add_me.err, ==, "");
  g_assert_cmpint (add_me.status, ==, 0);
  run_cli (&add_other, "--db", url, "user", "add", "--login", "lan", "--name", "Nguyễn Thị Lan", "--role", "editor", NULL);
  g_assert_cmpint (add_other.status, ==, 0);

  run_cli (&as_me, "--db", url, "inbox", "--as", me, NULL);
  g_assert_cmpstr (as_me.err, ==, "");
  g_assert_cmpint (as_me.status, ==, 0);

  run_cli (&as_other, "--db", url, "inbox", "--as", "lan", NULL);
  g_assert_cmpint (as_other.status, ==, 3);
  g_assert_nonnull (strstr (as_other.err, "act as yourself"));
  g_assert_nonnull (strstr (as_other.err, me));

  run_cli (&as_other_json, "--db", url, "--json", "inbox", "--as", "lan", NULL);
  g_assert_cmpint (as_other_json.status, ==, 3);
}

/* init --demo on the server: the demo board through core, the same as on a file. */
static void
test_demo (void)
{
  g_autofree char *url = new_db_url ("cli_demo");
  g_auto(CliRun) demo = { 0 }, again = { 0 }, articles = { 0 };
  g_autoptr(JsonObject) json = NULL;

  run_cli (&demo, "--db", url, "--json", "init", "--demo", NULL);
  g_assert_cmpstr (demo.err, ==, "");
  g_assert_cmpint (demo.status, ==, 0);
  json = parse_object (demo.out);
  g_assert_cmpint (json_object_get_int_member (json, "articles"), >, 0);
  g_assert_true (json_object_has_member (json_object_get_object_member (json, "demo"), "people"));

  /* the demo goes only into an empty board */
  run_cli (&again, "--db", url, "init", "--demo", NULL);
  g_assert_cmpint (again.status, ==, 4);

  run_cli (&articles, "--db", url, "article", "list", "--limit", "5", NULL);
  g_assert_cmpint (articles.status, ==, 0);
}

static void
test_connection_failures (void)
{
  g_autofree char *unreachable = g_strdup_printf ("postgresql://%s:%s@127.0.0.1:1/postgres",
                                                  toa_pg_test_server_user (server),
                                                  toa_pg_test_server_password (server));
  g_autofree char *wrong = g_strdup_printf ("postgresql://%s:wrong-secret@127.0.0.1:%d/postgres",
                                            toa_pg_test_server_user (server),
                                            toa_pg_test_server_port (server));
  g_auto(CliRun) down = { 0 }, denied = { 0 }, denied_json = { 0 };

  run_cli (&down, "--db", unreachable, "db", "migrate", NULL);
  g_assert_cmpint (down.status, ==, 5);
  g_assert_nonnull (strstr (down.err, "127.0.0.1:1/postgres"));
  g_assert_nonnull (strstr (down.err, "Check that the server is running"));
  g_assert_null (strstr (down.err, toa_pg_test_server_password (server)));

  /* README: 3 = permission denied or wrong login/password. */
  run_cli (&denied, "--db", wrong, "db", "init", NULL);
  g_assert_cmpint (denied.status, ==, 3);
  g_assert_nonnull (strstr (denied.err, "password"));
  g_assert_null (strstr (denied.err, "wrong-secret"));

  run_cli (&denied_json, "--db", wrong, "--json", "db", "migrate", NULL);
  g_assert_cmpint (denied_json.status, ==, 3);
  g_assert_null (strstr (denied_json.out, "wrong-secret"));
}

static void
test_sqlite (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("toa-db-cli-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "board.db", NULL);
  g_autofree char *uri = g_strconcat ("sqlite://", path, NULL);
  g_auto(CliRun) init = { 0 }, migrate = { 0 }, missing = { 0 };
  g_autoptr(JsonObject) json = NULL;

  g_assert_no_error (error);
  run_cli (&init, "--db", path, "db", "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  run_cli (&migrate, "--db", uri, "--json", "db", "migrate", NULL);
  g_assert_cmpint (migrate.status, ==, 0);
  json = parse_object (migrate.out);
  g_assert_cmpint (json_object_get_int_member (json, "from_version"), ==, toa_sqlite_store_latest_version ());
  g_assert_cmpint (json_object_get_int_member (json, "to_version"), ==, toa_sqlite_store_latest_version ());

  /* migrate does not create a missing file (exit 2, "run init") */
  g_remove (path);
  run_cli (&missing, "--db", path, "db", "migrate", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  server = toa_pg_test_server_start ();

  g_test_add_func ("/pg-cli/init-then-migrate", test_init_then_migrate);
  g_test_add_func ("/pg-cli/migrate-from-older", test_migrate_from_older);
  g_test_add_func ("/pg-cli/refusals", test_refusals);
  g_test_add_func ("/pg-cli/connection-failures", test_connection_failures);
  g_test_add_func ("/pg-cli/board", test_board);
  g_test_add_func ("/pg-cli/demo", test_demo);
  g_test_add_func ("/pg-cli/sqlite", test_sqlite);
  return g_test_run ();
}
