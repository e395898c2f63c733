/* test-pg-audit-commit.c — the audit chain linked at COMMIT (008-audit-commit.sql), on a real
 * server started for this test (toa-pg-test-server.h).
 * /pg-audit-commit/concurrent: many connections append at once, each in transactions of two
 *   records — half through the server's function (toa_audit_append, libpq), half through core
 *   (toa_audit_append on a store of their own) — and some transactions roll back, wholly or
 *   to a savepoint: every commit succeeds, the chain verifies with exactly the committed
 *   records, each once, a transaction's records next to each other in the order written, and
 *   nothing of what was rolled back; nothing stays staged.
 * /pg-audit-commit/open-transaction: a transaction that has appended and not yet committed
 *   does not hold up another desk's append (it used to hold the audit lock until its COMMIT);
 *   the records take their seq in commit order.
 * /pg-audit-commit/repeatable-read: someone's own REPEATABLE READ transaction overtaken by
 *   another append fails at COMMIT with "try again" (40001); the chain is untouched.
 * /pg-audit-commit/members: through `psql` with their own password, a member still cannot
 *   write, change, empty or read around audit_log, nor touch the staging table or the
 *   linker; their own append through toa_audit_append is linked when it commits, under their
 *   name, and leaves nothing when rolled back. */
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-board.h"
#include "toa-pg-test-server.h"

#define N_CONNECTIONS 12     /* half through the server's function, half through core */
#define N_ROUNDS      40     /* transactions per connection */
#define MEMBER        "thanhvien"

static ToaPgTestServer *server;

typedef struct {
  char     *dbname;
  char     *url;
  ToaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  toa_pg_board_new_db (server, "auditcommit", &f->dbname, &f->url);
  f->store = toa_pg_board_open (f->url, TOA_OPEN_CREATE);
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->url);
  g_free (f->dbname);
}

static PGconn *
pg_connect (const char *url)
{
  PGconn *conn = PQconnectdb (url);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect: %s", PQerrorMessage (conn));
  return conn;
}

/* Runs @sql; NULL on success, else the server's message (to free). */
static char *
try_exec (PGconn *conn, const char *sql)
{
  PGresult *res = PQexec (conn, sql);
  char *message = NULL;

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    message = g_strdup (PQerrorMessage (conn));
  PQclear (res);
  return message;
}

static void
exec_ok (PGconn *conn, const char *sql)
{
  g_autofree char *message = try_exec (conn, sql);

  if (message != NULL)
    g_error ("“%s” failed: %s", sql, message);
}

/* The first column of the one row @sql returns (to free). */
static char *
query_value (PGconn *conn, const char *sql)
{
  PGresult *res = PQexec (conn, sql);
  char *value;

  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    g_error ("“%s” failed: %s", sql, PQerrorMessage (conn));
  value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return value;
}

static gint64
verified_count (ToaStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 count = 0, bad = 0;

  g_assert_true (toa_audit_verify (store, &count, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  return count;
}

static GPtrArray *
records_after (ToaStore *store, gint64 after)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = toa_store_audit_list (store, after, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

/* ---- many connections at once -------------------------------------------------------------- */

typedef struct {
  const char *url;
  guint       n;
  gboolean    core;        /* through core's toa_audit_append, else the server's function */
  GMutex     *go;
  GPtrArray  *committed;   /* char *: "n:round:k" of each record that must be there */
  char       *failure;     /* the first failure */
} Appender;

/* What each round does: commit both records, roll the transaction back, or roll back to a
 * savepoint the second record only. */
typedef enum { ROUND_COMMIT, ROUND_ROLLBACK, ROUND_SAVEPOINT } Round;

static Round
round_kind (guint round)
{
  return round % 5 == 3 ? ROUND_ROLLBACK : round % 5 == 4 ? ROUND_SAVEPOINT : ROUND_COMMIT;
}

static char *
detail_for (guint n, guint round, guint k)
{
  return g_strdup_printf ("{\"n\":%u,\"round\":%u,\"k\":%u}", n, round, k);
}

static gboolean
server_append (PGconn *conn, guint n, guint round, guint k, char **failure)
{
  g_autofree char *detail = detail_for (n, round, k);
  g_autofree char *object = g_strdup_printf ("%u", n * 1000 + round);
  const char *values[] = { object, detail };
  PGresult *res = PQexecParams (conn, "SELECT toa_audit_append ('test.commit', 'audit', $1::bigint, $2, 0)",
                                2, NULL, values, NULL, NULL, 0);
  gboolean ok = PQresultStatus (res) == PGRES_TUPLES_OK;

  if (!ok && *failure == NULL)
    *failure = g_strdup_printf ("append %u/%u/%u: %s", n, round, k, PQerrorMessage (conn));
  PQclear (res);
  return ok;
}

static gboolean
core_append (ToaStore *store, guint n, guint round, guint k, char **failure)
{
  g_autofree char *detail = detail_for (n, round, k);
  g_autoptr(GError) error = NULL;

  if (toa_audit_append (store, 0, "test.commit", "audit", n * 1000 + round, detail, &error))
    return TRUE;
  if (*failure == NULL)
    *failure = g_strdup_printf ("core append %u/%u/%u: %s", n, round, k, error->message);
  return FALSE;
}

static gpointer
appender_run (gpointer data)
{
  Appender *a = data;
  g_autoptr(ToaStore) store = a->core ? toa_pg_board_open (a->url, TOA_OPEN_EXISTING) : NULL;
  PGconn *conn = a->core ? NULL : pg_connect (a->url);

  g_mutex_lock (a->go);
  g_mutex_unlock (a->go);
  for (guint round = 0; round < N_ROUNDS && a->failure == NULL; round++)
    {
      Round kind = round_kind (round);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (a->core)
        {
          ok = toa_store_begin (store, &error) && core_append (store, a->n, round, 0, &a->failure);
          /* core has no savepoint of its own: a savepoint round is a rollback round here */
          if (ok && kind == ROUND_COMMIT)
            ok = core_append (store, a->n, round, 1, &a->failure) && toa_store_commit (store, &error);
          else
            toa_store_rollback (store);
        }
      else
        {
          exec_ok (conn, "BEGIN");
          ok = server_append (conn, a->n, round, 0, &a->failure);
          if (ok && kind == ROUND_SAVEPOINT)
            {
              exec_ok (conn, "SAVEPOINT second");
              ok = server_append (conn, a->n, round, 1, &a->failure);
              exec_ok (conn, "ROLLBACK TO SAVEPOINT second");
            }
          else if (ok && kind == ROUND_COMMIT)
            ok = server_append (conn, a->n, round, 1, &a->failure);
          if (ok && kind != ROUND_ROLLBACK)
            {
              g_autofree char *message = try_exec (conn, "COMMIT");

              if (message != NULL && a->failure == NULL)
                a->failure = g_strdup_printf ("commit %u/%u: %s", a->n, round, message);
              ok = message == NULL;
            }
          else
            exec_ok (conn, "ROLLBACK");
        }
      if (error != NULL && a->failure == NULL)
        a->failure = g_strdup_printf ("transaction %u/%u: %s", a->n, round, error->message);
      if (!ok || error != NULL)
        break;
      if (kind == ROUND_COMMIT || (kind == ROUND_SAVEPOINT && !a->core))
        g_ptr_array_add (a->committed, g_strdup_printf ("%u:%u:0", a->n, round));
      if (kind == ROUND_COMMIT)
        g_ptr_array_add (a->committed, g_strdup_printf ("%u:%u:1", a->n, round));
    }
  if (conn != NULL)
    PQfinish (conn);
  return NULL;
}

static void
test_concurrent (Fixture *f, gconstpointer data)
{
  Appender appenders[N_CONNECTIONS];
  GThread *threads[N_CONNECTIONS];
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) records = NULL;
  PGconn *owner = pg_connect (f->url);
  g_autofree char *staged = NULL;
  GMutex go;
  gint64 before = verified_count (f->store);
  guint n_expected = 0;

  g_mutex_init (&go);
  g_mutex_lock (&go);
  for (guint n = 0; n < N_CONNECTIONS; n++)
    {
      appenders[n] = (Appender) { .url = f->url, .n = n, .core = n % 2 == 1, .go = &go,
                                  .committed = g_ptr_array_new_with_free_func (g_free) };
      threads[n] = g_thread_new ("appender", appender_run, &appenders[n]);
    }
  g_mutex_unlock (&go);
  for (guint n = 0; n < N_CONNECTIONS; n++)
    {
      g_thread_join (threads[n]);
      g_assert_cmpstr (appenders[n].failure, ==, NULL);
      g_assert_cmpuint (appenders[n].committed->len, >, N_ROUNDS);
      for (guint i = 0; i < appenders[n].committed->len; i++)
        g_assert_true (g_hash_table_add (expected, g_strdup (g_ptr_array_index (appenders[n].committed, i))));
      n_expected += appenders[n].committed->len;
      g_ptr_array_unref (appenders[n].committed);
    }
  g_mutex_clear (&go);

  /* the chain: gapless, verified, exactly the committed records, each once */
  g_assert_cmpint (verified_count (f->store), ==, before + n_expected);
  records = records_after (f->store, before);
  g_assert_cmpuint (records->len, ==, n_expected);
  for (guint i = 0; i < records->len; i++)
    {
      const ToaAuditRecord *r = g_ptr_array_index (records, i);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      JsonObject *o;
      guint n, round, k;

      g_assert_cmpstr (r->action, ==, "test.commit");
      g_assert_true (json_parser_load_from_data (parser, r->detail, -1, &error));
      g_assert_no_error (error);
      o = json_node_get_object (json_parser_get_root (parser));
      n = (guint) json_object_get_int_member (o, "n");
      round = (guint) json_object_get_int_member (o, "round");
      k = (guint) json_object_get_int_member (o, "k");
      g_assert_cmpint (r->object_id, ==, n * 1000 + round);
      key = g_strdup_printf ("%u:%u:%u", n, round, k);
      if (!g_hash_table_remove (expected, key))
        g_error ("record %lld (%s) was rolled back or is there twice", (long long) r->seq, key);
      /* a transaction's two records are linked together, in the order written */
      if (k == 1)
        {
          const ToaAuditRecord *prev = g_ptr_array_index (records, i - 1);
          g_autofree char *first = detail_for (n, round, 0);

          g_assert_cmpstr (prev->detail, ==, first);
          g_assert_cmpint (prev->seq + 1, ==, r->seq);
        }
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);

  staged = query_value (owner, "SELECT count(*) FROM toa_internal.audit_pending");
  g_assert_cmpstr (staged, ==, "0");
  PQfinish (owner);
}

/* ---- an open transaction does not hold up the others ------------------------------------------- */

static void
test_open_transaction (Fixture *f, gconstpointer data)
{
  PGconn *slow = pg_connect (f->url);
  PGconn *quick = pg_connect (f->url);
  g_autoptr(GPtrArray) records = NULL;
  gint64 before = verified_count (f->store);
  g_autofree char *message = NULL;
  const ToaAuditRecord *first, *second;

  /* the slow desk appends, then its COMMIT is still on the way */
  exec_ok (slow, "BEGIN");
  exec_ok (slow, "SELECT toa_audit_append ('test.slow', 'audit', 1, NULL, 0)");
  /* meanwhile the quick desk appends and commits (autocommit); with the lock held until the
   * slow desk's COMMIT this would wait for it, and time out here */
  exec_ok (quick, "SET statement_timeout = '5s'");
  message = try_exec (quick, "SELECT toa_audit_append ('test.quick', 'audit', 2, NULL, 0)");
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (verified_count (f->store), ==, before + 1);
  exec_ok (slow, "COMMIT");

  /* commit order: the quick record first */
  g_assert_cmpint (verified_count (f->store), ==, before + 2);
  records = records_after (f->store, before);
  g_assert_cmpuint (records->len, ==, 2);
  first = g_ptr_array_index (records, 0);
  second = g_ptr_array_index (records, 1);
  g_assert_cmpstr (first->action, ==, "test.quick");
  g_assert_cmpstr (second->action, ==, "test.slow");
  g_assert_cmpstr (second->prev_hash, ==, first->hash);
  PQfinish (slow);
  PQfinish (quick);
}

/* A transaction of someone's own at REPEATABLE READ whose snapshot is older than another desk's
 * append: its COMMIT fails as a serialization failure (try again), nothing of it is linked,
 * and the chain still verifies; without a concurrent append it commits. */
static void
test_repeatable_read (Fixture *f, gconstpointer data)
{
  PGconn *old = pg_connect (f->url);
  PGconn *other = pg_connect (f->url);
  gint64 before = verified_count (f->store);
  g_autofree char *message = NULL;

  exec_ok (old, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  exec_ok (old, "SELECT toa_audit_append ('test.old', 'audit', 1, NULL, 0)");
  exec_ok (other, "SELECT toa_audit_append ('test.other', 'audit', 2, NULL, 0)");
  message = try_exec (old, "COMMIT");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "Try again"));
  g_assert_cmpint (verified_count (f->store), ==, before + 1);

  exec_ok (old, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  exec_ok (old, "SELECT toa_audit_append ('test.old', 'audit', 3, NULL, 0)");
  exec_ok (old, "COMMIT");
  g_assert_cmpint (verified_count (f->store), ==, before + 2);
  PQfinish (old);
  PQfinish (other);
}

/* ---- members through psql ---------------------------------------------------------------------- */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

#define MEMBER_PASSWORD "pw-thanhvien-4Rk"

static void
psql (Run *run, const char *dbname, const char *statement)
{
  g_autofree char *program = g_build_filename (toa_pg_test_server_bindir (server), "psql", NULL);
  g_autofree char *port = g_strdup_printf ("%d", toa_pg_test_server_port (server));
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "PGPASSWORD", MEMBER_PASSWORD, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PGSERVICE");
  process = g_subprocess_launcher_spawn (launcher, &error, program, "-X", "-q", "-A", "-t",
                                         "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port,
                                         "-U", MEMBER, "-d", dbname, "-c", statement, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  g_strstrip (run->out);
}

static void
psql_refused (const char *dbname, const char *statement, const char *expected)
{
  g_auto(Run) run = { 0 };

  psql (&run, dbname, statement);
  if (run.status == 0 || strstr (run.err, expected) == NULL)
    g_error ("“%s” should have been refused with “%s”; status %d, out “%s”, err “%s”",
             statement, expected, run.status, run.out, run.err);
}

static char *
psql_ok (const char *dbname, const char *statement)
{
  g_auto(Run) run = { 0 };

  psql (&run, dbname, statement);
  if (run.status != 0)
    g_error ("“%s” failed: %s", statement, run.err);
  return g_steal_pointer (&run.out);
}

static void
test_members (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_autoptr(ToaPerson) member = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *out = NULL;
  const ToaAuditRecord *kept;
  ToaRoleGrant grant;
  gint64 before;
  static const char *const refused[][2] = {
    { "INSERT INTO audit_log (seq, at, actor_id, action, object_type, object_id, prev_hash, hash) "
      "VALUES (999, 1, 1, 'x', 'x', 0, 'x', 'x')", "permission denied for table audit_log" },
    { "UPDATE audit_log SET detail = NULL", "permission denied for table audit_log" },
    { "DELETE FROM audit_log", "permission denied for table audit_log" },
    { "TRUNCATE audit_log", "permission denied for table audit_log" },
    { "INSERT INTO toa_internal.audit_pending (at, action) VALUES (1, 'x')", "permission denied for schema toa_internal" },
    { "SELECT count(*) FROM toa_internal.audit_pending", "permission denied for schema toa_internal" },
    { "ALTER TABLE toa_internal.audit_pending DISABLE TRIGGER audit_pending_link", "permission denied for schema toa_internal" },
    { "SET search_path = toa_internal; SELECT count(*) FROM audit_pending", "does not exist" },
    { "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update", "must be owner of table audit_log" },
    { "SELECT toa_audit_write (1, 'x', 'x', 0, NULL, 1)", "permission denied for function toa_audit_write" },
    { "SELECT toa_audit_link ()", "permission denied for function toa_audit_link" },
  };

  g_assert_true (toa_people_parse_role (f->store, "editor", &grant, &error));
  g_assert_no_error (error);
  g_array_append_val (grants, grant);
  member = toa_people_add (f->store, 0, MEMBER, "Thành viên", NULL, FALSE, NULL, grants, NULL, &error);
  g_assert_no_error (error);
  /* roles belong to the whole server */
  toa_pg_test_server_exec (server, f->dbname,
                           "CREATE ROLE " MEMBER " LOGIN PASSWORD '" MEMBER_PASSWORD "' IN ROLE toasoan_member",
                           &error);
  g_assert_no_error (error);
  before = verified_count (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    psql_refused (f->dbname, refused[i][0], refused[i][1]);

  /* rolled back: nothing */
  out = psql_ok (f->dbname, "BEGIN; SELECT toa_audit_append ('test.member', 'audit', 1, '{\"rolled\":true}'); ROLLBACK");
  g_assert_cmpint (verified_count (f->store), ==, before);
  g_free (out);
  /* committed: linked under the member's name; the seq is not known before the commit */
  out = psql_ok (f->dbname, "SELECT toa_audit_append ('test.member', 'audit', 2, '{\"kept\":true}')");
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (verified_count (f->store), ==, before + 1);
  records = records_after (f->store, before);
  kept = g_ptr_array_index (records, 0);
  g_assert_cmpstr (kept->action, ==, "test.member");
  g_assert_cmpstr (kept->detail, ==, "{\"kept\":true}");
  g_assert_cmpint (kept->actor_id, ==, member->id);
  g_assert_cmpint (kept->object_id, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg-audit-commit/concurrent", test_concurrent);
  ADD ("/pg-audit-commit/open-transaction", test_open_transaction);
  ADD ("/pg-audit-commit/repeatable-read", test_repeatable_read);
  ADD ("/pg-audit-commit/members", test_members);
#undef ADD
  return g_test_run ();
}
