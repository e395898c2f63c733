/* toa-pg-member-run.c — psql and toasoan-cli as a member, and member accounts, for the
 * PostgreSQL tests (see toa-pg-member-run.h). */
#include "toa-pg-member-run.h"

#include <string.h>

#include "toa-people.h"
#include "toa-pg-store.h"

static ToaPgTestServer *member_server;
static const char *member_db;
static const char *member_cli_path;
static const char *member_password_tag;

void
toa_member_run_clear (ToaMemberRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

void
toa_member_run_init (ToaPgTestServer *server, const char *db, const char *cli_path,
                     const char *password_tag)
{
  member_server = server;
  member_db = db;
  member_cli_path = cli_path;
  member_password_tag = password_tag;
}

char *
toa_member_password (const char *login)
{
  return g_strdup_printf ("pw-%s-%s", login, member_password_tag);
}

char *
toa_member_url (const char *login)
{
  g_autofree char *password = toa_member_password (login);

  return g_strdup_printf ("postgresql://%s:%s@127.0.0.1:%d/%s", login, password,
                          toa_pg_test_server_port (member_server), member_db);
}

void
toa_member_sql (const char *sql)
{
  g_autoptr(GError) error = NULL;

  toa_pg_test_server_exec (member_server, member_db, sql, &error);
  g_assert_no_error (error);
}

static void
spawn (ToaMemberRun *run, GSubprocessLauncher *launcher, const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

void
toa_member_psql (ToaMemberRun *run, const char *login, const char *statement)
{
  g_autofree char *program = g_build_filename (toa_pg_test_server_bindir (member_server), "psql", NULL);
  g_autofree char *port = g_strdup_printf ("%d", toa_pg_test_server_port (member_server));
  g_autofree char *password = toa_member_password (login);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  const char *argv[] = { program, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                         "-p", port, "-U", login, "-d", member_db, "-c", statement, NULL };

  g_subprocess_launcher_setenv (launcher, "PGPASSWORD", password, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "PGSERVICE");
  spawn (run, launcher, argv);
  g_strstrip (run->out);
}

void
toa_member_psql_refused (const char *login, const char *statement, const char *expected)
{
  g_auto(ToaMemberRun) run = { 0 };

  toa_member_psql (&run, login, statement);
  if (run.status == 0 || strstr (run.err, expected) == NULL)
    g_error ("as %s, “%s” should have been refused with “%s”; status %d, out “%s”, err “%s”",
             login, statement, expected, run.status, run.out, run.err);
}

char *
toa_member_psql_ok (const char *login, const char *statement)
{
  g_auto(ToaMemberRun) run = { 0 };

  toa_member_psql (&run, login, statement);
  if (run.status != 0)
    g_error ("as %s, “%s” failed: %s", login, statement, run.err);
  return g_steal_pointer (&run.out);
}

void
toa_member_cli_valist (ToaMemberRun *run, const char *url, const char *first, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  g_assert_nonnull (member_cli_path);
  g_ptr_array_add (argv, (char *) member_cli_path);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) url);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  spawn (run, launcher, (const char * const *) argv->pdata);
}

void
toa_member_cli (ToaMemberRun *run, const char *url, const char *first, ...)
{
  va_list args;

  va_start (args, first);
  toa_member_cli_valist (run, url, first, args);
  va_end (args);
}

void
toa_member_add (ToaStore *store, const char *login, const char *name, const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_autoptr(ToaPerson) added = NULL;
  g_autofree char *password = toa_member_password (login);
  g_autofree char *create = NULL;
  ToaRoleGrant grant;

  g_assert_true (toa_people_parse_role (store, role, &grant, &error));
  g_assert_no_error (error);
  g_array_append_val (grants, grant);
  added = toa_people_add (store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
  g_assert_no_error (error);
  create = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD '%s' IN ROLE toasoan_member", login, password);
  toa_member_sql (create);
}

gint64
toa_member_person_id (ToaStore *store, const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) p = toa_store_person_find (store, login, &error);

  g_assert_no_error (error);
  return p->id;
}

ToaStore *
toa_member_store (const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = toa_member_url (login);
  ToaPgStore *store = toa_pg_store_open (url, TOA_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return TOA_STORE (store);
}

ToaPgTestServer *
toa_member_run_start (int argc, char **argv, const char *db, const char *password_tag)
{
  ToaPgTestServer *server;

  if (argc < 2)
    g_error ("usage: %s TOASOAN-CLI", argv[0]);
  server = toa_pg_test_server_start ();
  toa_member_run_init (server, db, argv[1], password_tag);
  return server;
}

char *
toa_member_psql_audited (const char *login, const char *statement)
{
  g_autofree char *wrapped = g_strdup_printf ("SELECT w.* FROM toa_audit_append ('test.psql', 'article', 0, NULL) a, "
                                              "LATERAL (%s) w", statement);

  return toa_member_psql_ok (login, wrapped);
}
