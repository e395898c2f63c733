/* test-pg-copy.c — `toasoan-cli db copy` from an SQLite file to a temporary PostgreSQL server:
 * the demo board (with intake attachments) copied with equal counts and checksums and then
 * working through core on the server (articles, thuky's inbox, a transition, the audit chain);
 * a second copy onto the now non-empty target refused (exit 4) with the target unchanged;
 * missing, damaged and foreign sources refused (exit 2) and an unreachable server (exit 5)
 * with the target untouched; a failure in the middle (the TOA_PG_COPY_FAIL_AFTER hook, and
 * a source row the server's schema rejects) leaving no board data at all. argv[1] is the
 * toasoan-cli program. */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "toa-pg-copy.h"
#include "toa-pg-test-server.h"
#include "toa-sqlite-store.h"

static ToaPgTestServer *server;
static const char *cli_path;
static char *work_dir;
static char *demo_path;     /* the demo board with an intake item and two attachments */

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

/* Runs toasoan-cli with @env_name=@env_value (both may be NULL) and the arguments. */
static void
run_cli_env (CliRun *run, const char *env_name, const char *env_value, const char *first, ...)
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
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  if (env_name != NULL)
    g_subprocess_launcher_setenv (launcher, env_name, env_value, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

#define run_cli(run, ...) run_cli_env ((run), NULL, NULL, __VA_ARGS__)

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

static char *
sqlite_url (const char *path)
{
  return g_strconcat ("sqlite://", path, NULL);
}

/* A fingerprint of what a target database holds: every table's row count (through psql-free
 * libpq: one query), so "unchanged" and "empty" can be asserted. */
static char *
target_fingerprint (const char *dbname)
{
  g_autofree char *url = toa_pg_test_server_url (server, dbname);
  PGconn *conn = PQconnectdb (url);
  g_autoptr(GString) text = g_string_new (NULL);
  PGresult *tables;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  tables = PQexec (conn, "SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY relname");
  g_assert_cmpint (PQresultStatus (tables), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*), md5 (string_agg (t::text, '|' ORDER BY t::text)) "
                                              "FROM \"%s\" t", PQgetvalue (tables, i, 0));
      PGresult *count = PQexec (conn, sql);

      g_assert_cmpint (PQresultStatus (count), ==, PGRES_TUPLES_OK);
      g_string_append_printf (text, "%s=%s:%s\n", PQgetvalue (tables, i, 0), PQgetvalue (count, 0, 0),
                              PQgetvalue (count, 0, 1));
      PQclear (count);
    }
  PQclear (tables);
  PQfinish (conn);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The integer the query @sql gives on @dbname. */
static gint64
target_int (const char *dbname, const char *sql)
{
  g_autofree char *url = toa_pg_test_server_url (server, dbname);
  PGconn *conn = PQconnectdb (url);
  PGresult *res;
  gint64 value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (res), ==, PGRES_TUPLES_OK);
  value = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  PQfinish (conn);
  return value;
}

/* Rows of the board's own tables on the target (0 = no board data). */
static gint64
target_board_rows (const char *dbname)
{
  return target_int (dbname,
                     "SELECT (SELECT count(*) FROM sites) + (SELECT count(*) FROM people) "
                     "+ (SELECT count(*) FROM articles) + (SELECT count(*) FROM audit_log) "
                     "+ (SELECT count(*) FROM stored_files) + (SELECT count(*) FROM workflow_definitions)");
}

static JsonArray *
copy_ok (const char *dbname, JsonObject **report_out)
{
  g_autofree char *url = new_db_url (dbname);
  g_autofree char *from = sqlite_url (demo_path);
  g_auto(CliRun) run = { 0 };
  JsonObject *report;

  run_cli (&run, "--json", "db", "copy", "--from", from, "--to", url, NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, toa_pg_test_server_password (server)));
  report = parse_object (run.out);
  *report_out = report;
  return json_object_get_array_member (report, "tables");
}

static gint64
table_rows (JsonArray *tables, const char *name)
{
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *t = json_array_get_object_element (tables, i);

      if (g_str_equal (json_object_get_string_member (t, "table"), name))
        return json_object_get_int_member (t, "target_rows");
    }
  g_assert_not_reached ();
}

static guint
json_array_length_of (const char *text, const char *member)
{
  g_autoptr(JsonObject) object = parse_object (text);

  return json_array_get_length (json_object_get_array_member (object, member));
}

static void
test_copy_demo (void)
{
  g_autoptr(JsonObject) report = NULL;
  JsonArray *tables = copy_ok ("copy_demo", &report);
  g_autofree char *url = toa_pg_test_server_url (server, "copy_demo");
  g_autofree char *thuky_sql = NULL;
  g_autofree char *thuky_url = NULL;
  g_autofree char *demo = sqlite_url (demo_path);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) src_list = { 0 }, dst_list = { 0 }, src_inbox = { 0 }, inbox = { 0 };
  g_auto(CliRun) actions = { 0 }, take = { 0 }, verify = { 0 }, files = { 0 }, text = { 0 };
  g_autoptr(JsonObject) inbox_json = NULL, actions_json = NULL;
  JsonArray *skipped = json_object_get_array_member (report, "skipped");
  const char *action = NULL;
  gint64 item;
  char id[32];

  g_test_message ("demo board copied in %.3f s", json_object_get_double_member (report, "seconds"));
  g_assert_false (json_object_get_boolean_member (report, "source_migrated"));
  g_assert_true (json_object_get_boolean_member (report, "schema_created"));
  g_assert_cmpint (json_array_get_length (tables), >=, 20);
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *t = json_array_get_object_element (tables, i);

      g_assert_true (json_object_get_boolean_member (t, "match"));
      g_assert_cmpint (json_object_get_int_member (t, "source_rows"), ==, json_object_get_int_member (t, "target_rows"));
      g_assert_cmpstr (json_object_get_string_member (t, "source_sha256"), ==,
                       json_object_get_string_member (t, "target_sha256"));
      g_assert_cmpint (strlen (json_object_get_string_member (t, "target_sha256")), ==, 64);
    }
  g_assert_cmpint (table_rows (tables, "articles"), >, 100);
  /* the two attachments, and the demo's six photos with their thumbnails */
  g_assert_cmpint (table_rows (tables, "stored_files"), ==, 2 + 6 * 2);
  g_assert_cmpint (table_rows (tables, "article_images"), ==, 6);
  g_assert_cmpint (table_rows (tables, "article_attachments"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (report, "audit_records"), ==, table_rows (tables, "audit_log"));
  /* foreign-key order: a referenced table comes before the tables referring to it */
  {
    int sites = -1, articles = -1, attachments = -1, stored = -1;

    for (guint i = 0; i < json_array_get_length (tables); i++)
      {
        const char *name = json_object_get_string_member (json_array_get_object_element (tables, i), "table");

        if (g_str_equal (name, "sites")) sites = (int) i;
        if (g_str_equal (name, "articles")) articles = (int) i;
        if (g_str_equal (name, "article_attachments")) attachments = (int) i;
        if (g_str_equal (name, "stored_files")) stored = (int) i;
      }
    g_assert_cmpint (sites, <, articles);
    g_assert_cmpint (articles, <, attachments);
    g_assert_cmpint (stored, <, attachments);
  }
  /* SQLite's full-text index is not copied: the server has its own search column */
  g_assert_cmpint (json_array_get_length (skipped), >=, 1);
  g_assert_cmpstr (json_array_get_string_element (skipped, 0), ==, "article_fts");

  /* The board works on the server: the same articles as the file… */
  run_cli (&src_list, "--db", demo, "--json", "article", "list", "--limit", "1000", NULL);
  run_cli (&dst_list, "--db", url, "--json", "article", "list", "--limit", "1000", NULL);
  g_assert_cmpint (dst_list.status, ==, 0);
  g_assert_cmpstr (src_list.out, ==, dst_list.out);
  g_snprintf (id, sizeof id, "%lld",
              (long long) target_int ("copy_demo", "SELECT max (article_id) FROM article_attachments"));
  run_cli (&files, "--db", url, "intake", "attachments", id, NULL);
  g_assert_cmpint (files.status, ==, 0);
  g_assert_nonnull (strstr (files.out, "note.txt"));

  /* … thuky's inbox (signed in as thuky: on PostgreSQL --as is the connection's login) … */
  thuky_sql = g_strdup_printf ("CREATE ROLE thuky LOGIN SUPERUSER PASSWORD '%s'",
                               toa_pg_test_server_password (server));
  toa_pg_test_server_exec (server, "copy_demo", thuky_sql, &error);
  g_assert_no_error (error);
  thuky_url = g_strdup_printf ("postgresql://thuky:%s@127.0.0.1:%d/copy_demo",
                               toa_pg_test_server_password (server), toa_pg_test_server_port (server));
  run_cli (&src_inbox, "--db", demo, "--json", "inbox", "--as", "thuky", NULL);
  run_cli (&inbox, "--db", thuky_url, "--json", "inbox", "--as", "thuky", NULL);
  g_assert_cmpstr (inbox.err, ==, "");
  g_assert_cmpint (inbox.status, ==, 0);
  g_assert_cmpstr (src_inbox.out, ==, inbox.out);
  g_assert_cmpuint (json_array_length_of (inbox.out, "items"), >, 0);

  /* … a transition on its first item (new rows get ids past the copied ones) … */
  inbox_json = parse_object (inbox.out);
  item = json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (inbox_json, "items"), 0), "id");
  g_snprintf (id, sizeof id, "%lld", (long long) item);
  run_cli (&actions, "--db", thuky_url, "--json", "workflow", "actions", id, "--as", "thuky", NULL);
  g_assert_cmpint (actions.status, ==, 0);
  actions_json = parse_object (actions.out);
  {
    JsonArray *list = json_object_get_array_member (actions_json, "actions");

    for (guint i = 0; i < json_array_get_length (list) && action == NULL; i++)
      {
        JsonObject *a = json_array_get_object_element (list, i);

        if (g_str_equal (json_object_get_string_member (a, "kind"), "transition")
            && !json_object_get_boolean_member (a, "comment_required")
            && !json_object_get_boolean_member (a, "ground_required")
            && !json_object_get_boolean_member (a, "needs_time")
            && !json_object_get_boolean_member (a, "becomes_request")
            && json_object_get_null_member (a, "targets"))
          action = json_object_get_string_member (a, "code");
      }
  }
  g_assert_nonnull (action);
  run_cli (&take, "--db", thuky_url, "workflow", "do", id, action, "--as", "thuky", NULL);
  g_assert_cmpstr (take.err, ==, "");
  g_assert_cmpint (take.status, ==, 0);

  /* … and the audit chain, with the new record, verifies. */
  run_cli (&verify, "--db", url, "--json", "audit", "verify", NULL);
  g_assert_cmpint (verify.status, ==, 0);
  g_assert_nonnull (strstr (verify.out, "true"));

  /* The human report: one line per table, and the time. */
  {
    g_autofree char *other = new_db_url ("copy_text");

    run_cli (&text, "db", "copy", "--from", demo_path, "--to", other, NULL);
    g_test_message ("%s", text.out);
    g_assert_cmpint (text.status, ==, 0);
    g_assert_nonnull (strstr (text.out, "article_attachments"));
    g_assert_nonnull (strstr (text.out, "checksum equal"));
    g_assert_nonnull (strstr (text.out, "Time:"));
    g_assert_null (strstr (text.out, "DIFFERENT"));
  }
}

/* Copying onto a database that holds a board: refused, exit 4, nothing changed. */
static void
test_refuse_non_empty (void)
{
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *url = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_auto(CliRun) again = { 0 }, again_json = { 0 };
  g_autoptr(JsonObject) error_json = NULL;

  copy_ok ("copy_twice", &report);
  url = toa_pg_test_server_url (server, "copy_twice");
  before = target_fingerprint ("copy_twice");
  run_cli (&again, "db", "copy", "--from", demo_path, "--to", url, NULL);
  g_assert_cmpint (again.status, ==, 4);
  g_assert_nonnull (strstr (again.err, "already holds a board"));
  g_assert_nonnull (strstr (again.err, "articles"));
  g_assert_null (strstr (again.err, toa_pg_test_server_password (server)));
  run_cli (&again_json, "--json", "db", "copy", "--from", demo_path, "--to", url, NULL);
  g_assert_cmpint (again_json.status, ==, 4);
  error_json = parse_object (again_json.out);
  g_assert_true (json_object_has_member (error_json, "error"));
  after = target_fingerprint ("copy_twice");
  g_assert_cmpstr (before, ==, after);
}

/* A target with board rows but no articles (here a providing unit — a table the schema's
 * functions insert into, but no script seeds) is refused too: only the scripts' own
 * statements count as seed rows, not the INSERTs inside function bodies. */
static void
test_refuse_partial_board (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = new_db_url ("copy_partial");
  g_autofree char *before = NULL, *after = NULL;
  g_auto(CliRun) init = { 0 }, again = { 0 };

  run_cli (&init, "--db", url, "db", "init", NULL);
  g_assert_cmpint (init.status, ==, 0);
  toa_pg_test_server_exec (server, "copy_partial",
                           "INSERT INTO units (code, name) VALUES ('so-noi-vu', 'Sở Nội vụ')", &error);
  g_assert_no_error (error);
  before = target_fingerprint ("copy_partial");
  run_cli (&again, "db", "copy", "--from", demo_path, "--to", url, NULL);
  g_assert_cmpint (again.status, ==, 4);
  g_assert_nonnull (strstr (again.err, "units"));
  after = target_fingerprint ("copy_partial");
  g_assert_cmpstr (before, ==, after);
}

/* Missing, damaged and foreign sources: exit 2 before the server is touched; an unreachable
 * server: exit 5. */
static void
test_bad_sources (void)
{
  g_autofree char *url = new_db_url ("copy_bad");
  g_autofree char *garbage = g_build_filename (work_dir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (work_dir, "foreign.db", NULL);
  g_autofree char *missing = g_build_filename (work_dir, "missing.db", NULL);
  g_autofree char *empty_before = target_fingerprint ("copy_bad");
  g_autofree char *unreachable = NULL;
  g_autofree char *empty_after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) bad = { 0 }, other = { 0 }, none = { 0 }, down = { 0 }, pg_source = { 0 };
  sqlite3 *handle = NULL;
  int port;

  g_file_set_contents (garbage, "this is not a database, just some text that is long enough to fill a "
                                "page header and then some more text", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (foreign, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE invoices (id INTEGER PRIMARY KEY); "
                                          "INSERT INTO invoices VALUES (1)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  run_cli (&bad, "db", "copy", "--from", garbage, "--to", url, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "not a database"));
  run_cli (&other, "db", "copy", "--from", foreign, "--to", url, NULL);
  g_assert_cmpint (other.status, ==, 2);
  g_assert_nonnull (strstr (other.err, "not a Tòa soạn database"));
  run_cli (&none, "db", "copy", "--from", missing, "--to", url, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  run_cli (&pg_source, "db", "copy", "--from", url, "--to", url, NULL);
  g_assert_cmpint (pg_source.status, ==, 2);
  empty_after = target_fingerprint ("copy_bad");
  g_assert_cmpstr (empty_before, ==, empty_after);
  g_assert_cmpstr (empty_after, ==, "");

  /* a port nobody listens on */
  {
    GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
    g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
    bound = g_socket_get_local_address (socket, NULL);
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
    g_object_unref (socket);
  }
  unreachable = g_strdup_printf ("postgresql://x:y@127.0.0.1:%d/nothing?connect_timeout=3", port);
  run_cli (&down, "db", "copy", "--from", demo_path, "--to", unreachable, NULL);
  g_assert_cmpint (down.status, ==, 5);
}

/* A failure in the middle leaves no board data; the same target then takes a good copy. */
static void
test_nothing_half_copied (void)
{
  g_autofree char *url = new_db_url ("copy_fail");
  g_autofree char *from = sqlite_url (demo_path);
  g_autofree char *tampered = g_build_filename (work_dir, "tampered.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *source_sum = NULL, *source_after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) forced = { 0 }, bad_row = { 0 }, good = { 0 };
  sqlite3 *handle = NULL;
  gsize length;

  /* the forced failure after articles were already sent to the server */
  run_cli_env (&forced, TOA_PG_COPY_FAIL_ENV, "articles", "db", "copy", "--from", from, "--to", url, NULL);
  g_assert_cmpint (forced.status, ==, 5);
  g_assert_nonnull (strstr (forced.err, "forced failure"));
  g_assert_cmpint (target_board_rows ("copy_fail"), ==, 0);

  /* a source row the server refuses (text with a NUL byte, which SQLite stores and
   * PostgreSQL's text never holds), in a table copied late */
  g_file_get_contents (demo_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (tampered, contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (tampered, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "UPDATE comments SET body = CAST (X'6f6b00626164' AS TEXT) "
                                          "WHERE id = (SELECT max (id) FROM comments)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (handle), ==, 1);
  sqlite3_close (handle);
  run_cli (&bad_row, "db", "copy", "--from", tampered, "--to", url, NULL);
  g_test_message ("tampered source: exit %d: %s", bad_row.status, bad_row.err);
  g_assert_cmpint (bad_row.status, !=, 0);
  g_assert_cmpint (bad_row.status, !=, 4);
  g_assert_cmpint (target_board_rows ("copy_fail"), ==, 0);

  /* a database with only the schema (left by the failures) is a valid target; the source
   * is only read */
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (demo_path, &contents, &length, &error);
  g_assert_no_error (error);
  source_sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  run_cli (&good, "--json", "db", "copy", "--from", from, "--to", url, NULL);
  g_assert_cmpstr (good.err, ==, "");
  g_assert_cmpint (good.status, ==, 0);
  g_assert_cmpint (target_board_rows ("copy_fail"), >, 0);
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (demo_path, &contents, &length, &error);
  g_assert_no_error (error);
  source_after = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (source_sum, ==, source_after);
}

/* A server that changes what it is given (a trigger rewriting comments) fails the checksum:
 * the copy is rolled back (exit 5) and names the table. */
static void
test_checksum_catches_change (void)
{
  g_autofree char *url = new_db_url ("copy_mismatch");
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) schema = { 0 }, copy = { 0 };

  run_cli (&schema, "--db", url, "db", "init", NULL);
  g_assert_cmpint (schema.status, ==, 0);
  toa_pg_test_server_exec (server, "copy_mismatch",
                           "CREATE FUNCTION tamper () RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN NEW.body := NEW.body || ' (sửa)'; RETURN NEW; END $$; "
                           "CREATE TRIGGER tamper BEFORE INSERT ON comments "
                           "FOR EACH ROW EXECUTE FUNCTION tamper ()", &error);
  g_assert_no_error (error);
  run_cli (&copy, "db", "copy", "--from", demo_path, "--to", url, NULL);
  g_assert_cmpint (copy.status, ==, 5);
  g_assert_nonnull (strstr (copy.err, "Table comments does not verify"));
  g_assert_nonnull (strstr (copy.err, "checksums differ"));
  g_assert_cmpint (target_board_rows ("copy_mismatch"), ==, 0);
}

/* A source at an older schema is migrated first, and the report says so. */
static void
test_older_source (void)
{
  g_autofree char *older = g_build_filename (work_dir, "older.db", NULL);
  g_autofree char *url = new_db_url ("copy_older");
  g_autoptr(ToaSqliteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_auto(CliRun) copy = { 0 };
  int latest = toa_sqlite_store_latest_version ();

  store = toa_sqlite_store_create_at_version (older, latest - 1, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  run_cli (&copy, "--json", "db", "copy", "--from", older, "--to", url, NULL);
  g_assert_cmpstr (copy.err, ==, "");
  g_assert_cmpint (copy.status, ==, 0);
  report = parse_object (copy.out);
  g_assert_true (json_object_get_boolean_member (report, "source_migrated"));
  g_assert_cmpint (json_object_get_int_member (report, "source_version_before"), ==, latest - 1);
  g_assert_cmpint (json_object_get_int_member (report, "source_version"), ==, latest);
}

/* The copy time of a large board: TOA_PG_COPY_BENCH_DB=FILE (e.g. one written by
 * `toa-bench generate --articles 100000`); skipped without it. */
static void
test_bench (void)
{
  const char *file = g_getenv ("TOA_PG_COPY_BENCH_DB");
  g_autofree char *url = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_auto(CliRun) copy = { 0 };
  JsonArray *tables;

  if (file == NULL)
    {
      g_test_skip ("set TOA_PG_COPY_BENCH_DB=FILE to time the copy of a large board");
      return;
    }
  url = new_db_url ("copy_bench");
  run_cli (&copy, "--json", "db", "copy", "--from", file, "--to", url, NULL);
  g_assert_cmpstr (copy.err, ==, "");
  g_assert_cmpint (copy.status, ==, 0);
  report = parse_object (copy.out);
  tables = json_object_get_array_member (report, "tables");
  g_test_message ("%s: %lld articles, %lld audit records copied and verified in %.2f s",
                  file, (long long) table_rows (tables, "articles"), (long long) table_rows (tables, "audit_log"),
                  json_object_get_double_member (report, "seconds"));
  for (guint i = 0; i < json_array_get_length (tables); i++)
    {
      JsonObject *t = json_array_get_object_element (tables, i);

      g_test_message ("  %-24s %9lld rows %8.2f s", json_object_get_string_member (t, "table"),
                      (long long) json_object_get_int_member (t, "target_rows"),
                      json_object_get_double_member (t, "seconds"));
    }
}

/* The board's demo file, with an intake item carrying two attachments. */
static void
make_demo (void)
{
  g_autofree char *db = NULL;
  g_autofree char *note = g_build_filename (work_dir, "note.txt", NULL);
  g_autofree char *scan = g_build_filename (work_dir, "scan.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) init = { 0 }, intake = { 0 };
  guchar binary[300];

  demo_path = g_build_filename (work_dir, "demo.db", NULL);
  db = sqlite_url (demo_path);
  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (guchar) (i * 7);   /* every byte value, NULs and backslashes included */
  g_file_set_contents (note, "Kính gửi Ban Biên tập\n\tnội dung \\ thử\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (scan, (const char *) binary, sizeof binary, &error);
  g_assert_no_error (error);
  run_cli (&init, "--db", db, "init", "--demo", NULL);
  g_assert_cmpint (init.status, ==, 0);
  run_cli (&intake, "--db", db, "intake", "add", "--as", "thuky", "--title", "Công văn “thử”\tsao chép",
           "--genre", "tin", "--section", "tin-tuc-su-kien", "--channel", "email", "--sender", "Sở Nội vụ",
           "--received", "2026-11-20", "--attachment", note, "--attachment", scan, NULL);
  g_assert_cmpstr (intake.err, ==, "");
  g_assert_cmpint (intake.status, ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  server = toa_pg_test_server_start ();
  work_dir = g_dir_make_tmp ("toa-pg-copy-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo ();

  g_test_add_func ("/pg-copy/demo", test_copy_demo);
  g_test_add_func ("/pg-copy/refuse-non-empty", test_refuse_non_empty);
  g_test_add_func ("/pg-copy/refuse-partial-board", test_refuse_partial_board);
  g_test_add_func ("/pg-copy/bad-sources", test_bad_sources);
  g_test_add_func ("/pg-copy/nothing-half-copied", test_nothing_half_copied);
  g_test_add_func ("/pg-copy/checksum-catches-change", test_checksum_catches_change);
  g_test_add_func ("/pg-copy/older-source", test_older_source);
  g_test_add_func ("/pg-copy/bench", test_bench);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (work_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (work_dir);
  }
  return status;
}
