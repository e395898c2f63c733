/* toa-pg-test-server.c — a temporary PostgreSQL cluster for the tests (see the header).
 * As root the directory belongs to the `postgres` user and initdb/pg_ctl run through
 * `runuser -u postgres --`; as anyone else they run directly. A watchdog shell, in its own
 * session, waits for end-of-file on a pipe only this process holds: when the process ends
 * in any way, the watchdog stops the server (pg_ctl stop -m fast) and removes the directory. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "toa-pg-test-server.h"

#define SUPERUSER "toa_test"

struct _ToaPgTestServer {
  char        *bindir;
  char        *dir;        /* the temporary directory: socket, password file, log, data/ */
  char        *datadir;
  char        *password;
  int          port;
  char        *options;    /* pg_ctl -o …: the same again after toa_pg_test_server_kill */
  gboolean     as_postgres;  /* root: run the server's programs as the postgres user */
  GSubprocess *watchdog;
};

static ToaPgTestServer *the_server;

static const char watchdog_script[] =
  "dir=$1; bin=$2; shift 2\n"
  "while read -r _; do :; done\n"
  "if [ -f \"$dir/data/postmaster.pid\" ]; then\n"
  "  \"$@\" \"$bin/pg_ctl\" -D \"$dir/data\" -m fast -w -t 30 stop >/dev/null 2>&1 ||\n"
  "  \"$@\" \"$bin/pg_ctl\" -D \"$dir/data\" -m immediate -w -t 10 stop >/dev/null 2>&1\n"
  "fi\n"
  "rm -rf \"$dir\"\n";

static void
skip (const char *format, ...)
{
  va_list args;

  va_start (args, format);
  fputs ("SKIP: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  exit (77);
}

/* The newest /usr/lib/postgresql/N/bin holding initdb and pg_ctl, or $TOA_PG_BINDIR. */
static char *
find_bindir (void)
{
  const char *env = g_getenv ("TOA_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  guint64 best_version = 0;
  const char *name;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *bin = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
      g_autofree char *initdb = g_build_filename (bin, "initdb", NULL);
      g_autofree char *pg_ctl = g_build_filename (bin, "pg_ctl", NULL);
      guint64 version;

      if (!g_ascii_string_to_unsigned (name, 10, 1, 1000, &version, NULL)
          || !g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE)
          || !g_file_test (pg_ctl, G_FILE_TEST_IS_EXECUTABLE) || version <= best_version)
        continue;
      best_version = version;
      g_free (best);
      best = g_steal_pointer (&bin);
    }
  return g_steal_pointer (&best);
}

static int
free_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0), port = 0;

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) == 0
      && getsockname (fd, (struct sockaddr *) &addr, &len) == 0)
    port = ntohs (addr.sin_port);
  close (fd);
  g_assert_cmpint (port, >, 0);
  return port;
}

/* Runs a server program (as postgres when root) in the directory; TRUE when it exits 0. */
static gboolean
run_tool (ToaPgTestServer *server, const char * const *tool_argv, char **output)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (server->as_postgres)
    {
      g_ptr_array_add (argv, (char *) "runuser");
      g_ptr_array_add (argv, (char *) "-u");
      g_ptr_array_add (argv, (char *) "postgres");
      g_ptr_array_add (argv, (char *) "--");
    }
  for (guint i = 0; tool_argv[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) tool_argv[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (server->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &out, &err, &status, &error))
    {
      *output = g_strdup (error->message);
      return FALSE;
    }
  *output = g_strconcat (out != NULL ? out : "", err != NULL ? err : "", NULL);
  return g_spawn_check_wait_status (status, NULL);
}

static void
setsid_child (gpointer data)
{
  setsid ();
}

static void
start_watchdog (ToaPgTestServer *server)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                               | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, setsid_child, NULL, NULL);
  if (server->as_postgres)
    server->watchdog = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c", watchdog_script, "sh",
                                                    server->dir, server->bindir,
                                                    "runuser", "-u", "postgres", "--", NULL);
  else
    server->watchdog = g_subprocess_launcher_spawn (launcher, &error, "sh", "-c", watchdog_script, "sh",
                                                    server->dir, server->bindir, NULL);
  g_assert_no_error (error);
}

static void
stop_at_exit (void)
{
  if (the_server != NULL)
    toa_pg_test_server_stop (the_server);
}

static char *
conninfo (ToaPgTestServer *server, const char *dbname)
{
  return g_strdup_printf ("host=%s port=%d user=" SUPERUSER " password=%s dbname=%s connect_timeout=10",
                          server->dir, server->port, server->password, dbname);
}

static char *
log_tail (ToaPgTestServer *server)
{
  g_autofree char *path = g_build_filename (server->dir, "log", NULL);
  char *text = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &text, &len, NULL))
    return g_strdup ("(no log)");
  if (len > 2000)
    {
      char *tail = g_strdup (text + len - 2000);

      g_free (text);
      return tail;
    }
  return text;
}

ToaPgTestServer *
toa_pg_test_server_start (void)
{
  ToaPgTestServer *server;
  g_autofree char *pwfile = NULL, *pwopt = NULL, *output = NULL;
  g_autoptr(GError) error = NULL;
  struct passwd *pw = NULL;
  gboolean started = FALSE;

  if (the_server != NULL)
    return the_server;

  server = g_new0 (ToaPgTestServer, 1);
  server->bindir = find_bindir ();
  if (server->bindir == NULL)
    skip ("PostgreSQL server programs not found (/usr/lib/postgresql/*/bin/initdb). "
          "Install the Debian packages postgresql and postgresql-contrib (./run test does), "
          "or set TOA_PG_BINDIR.");
  if (geteuid () == 0)
    {
      pw = getpwnam ("postgres");
      if (pw == NULL)
        skip ("running as root, but there is no `postgres` user to run the test server as "
              "(the Debian package postgresql creates it).");
      if (g_find_program_in_path ("runuser") == NULL)
        skip ("running as root, but runuser (util-linux) is missing.");
      server->as_postgres = TRUE;
    }

  server->dir = g_dir_make_tmp ("toa-pg-XXXXXX", &error);
  g_assert_no_error (error);
  server->datadir = g_build_filename (server->dir, "data", NULL);
  the_server = server;
  start_watchdog (server);
  atexit (stop_at_exit);

  if (pw != NULL && (chown (server->dir, pw->pw_uid, pw->pw_gid) != 0))
    g_error ("chown %s to postgres: %s", server->dir, g_strerror (errno));

  {
    guint8 bytes[16];

    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = (guint8) g_random_int_range (0, 256);
    server->password = g_compute_checksum_for_data (G_CHECKSUM_MD5, bytes, sizeof bytes);
  }
  pwfile = g_build_filename (server->dir, "pw", NULL);
  g_file_set_contents_full (pwfile, server->password, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  if (pw != NULL && chown (pwfile, pw->pw_uid, pw->pw_gid) != 0)
    g_error ("chown %s to postgres: %s", pwfile, g_strerror (errno));

  {
    g_autofree char *initdb = g_build_filename (server->bindir, "initdb", NULL);
    const char *argv[] = { initdb, "-D", server->datadir, "-U", SUPERUSER, NULL /* pwfile */,
                           "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "-N",
                           "--no-instructions", NULL };

    pwopt = g_strconcat ("--pwfile=", pwfile, NULL);
    argv[5] = pwopt;
    if (!run_tool (server, argv, &output))
      g_error ("initdb failed in %s:\n%s", server->dir, output);
  }

  for (int attempt = 0; attempt < 5 && !started; attempt++)
    {
      g_autofree char *pg_ctl = g_build_filename (server->bindir, "pg_ctl", NULL);
      g_autofree char *logfile = g_build_filename (server->dir, "log", NULL);
      g_autofree char *options = NULL;
      g_autofree char *start_output = NULL;
      const char *argv[] = { pg_ctl, "-D", server->datadir, "-l", logfile, "-w", "-t", "60",
                             "-o", NULL, "start", NULL };

      server->port = free_port ();
      options = g_strdup_printf ("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off "
                                 "-c full_page_writes=off -c synchronous_commit=off",
                                 server->port, server->dir);
      argv[9] = options;
      started = run_tool (server, argv, &start_output);
      if (started)
        server->options = g_strdup (options);
      if (!started)
        {
          g_autofree char *tail = log_tail (server);

          if (strstr (tail, "could not bind") == NULL && strstr (tail, "already in use") == NULL)
            g_error ("pg_ctl start failed:\n%s\n%s", start_output, tail);
        }
    }
  if (!started)
    g_error ("pg_ctl start failed: no free port after 5 attempts");

  {
    g_autofree char *info = conninfo (server, "postgres");
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (PQping (info) != PQPING_OK)
      {
        if (g_get_monotonic_time () > deadline)
          {
            g_autofree char *tail = log_tail (server);

            g_error ("the test server on port %d does not answer:\n%s", server->port, tail);
          }
        g_usleep (50 * 1000);
      }
  }
  return server;
}

int
toa_pg_test_server_port (ToaPgTestServer *server)
{
  return server->port;
}

const char *
toa_pg_test_server_user (ToaPgTestServer *server)
{
  return SUPERUSER;
}

const char *
toa_pg_test_server_password (ToaPgTestServer *server)
{
  return server->password;
}

const char *
toa_pg_test_server_socket_dir (ToaPgTestServer *server)
{
  return server->dir;
}

const char *
toa_pg_test_server_bindir (ToaPgTestServer *server)
{
  return server->bindir;
}

char *
toa_pg_test_server_url (ToaPgTestServer *server, const char *dbname)
{
  return g_strdup_printf ("postgresql://" SUPERUSER ":%s@127.0.0.1:%d/%s",
                          server->password, server->port, dbname);
}

gboolean
toa_pg_test_server_exec (ToaPgTestServer *server, const char *dbname, const char *sql, GError **error)
{
  g_autofree char *info = conninfo (server, dbname);
  PGconn *conn = PQconnectdb (info);
  gboolean ok = FALSE;

  if (PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "connect to %s: %s", dbname, PQerrorMessage (conn));
  else
    {
      PGresult *result = PQexec (conn, sql);
      ExecStatusType status = PQresultStatus (result);

      ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
      if (!ok)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, PQresultErrorMessage (result));
      PQclear (result);
    }
  PQfinish (conn);
  return ok;
}

gboolean
toa_pg_test_server_create_db (ToaPgTestServer *server, const char *dbname, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE \"%s\"", dbname);

  return toa_pg_test_server_exec (server, "postgres", sql, error);
}

void
toa_pg_test_server_stop (ToaPgTestServer *server)
{
  if (server->watchdog != NULL)
    {
      GOutputStream *input = g_subprocess_get_stdin_pipe (server->watchdog);

      /* End of file: the watchdog stops the server and removes the directory. */
      g_output_stream_close (input, NULL, NULL);
      g_subprocess_wait (server->watchdog, NULL, NULL);
      g_clear_object (&server->watchdog);
    }
  if (the_server == server)
    the_server = NULL;
  g_free (server->bindir);
  g_free (server->dir);
  g_free (server->datadir);
  g_free (server->password);
  g_free (server->options);
  g_free (server);
}

void
toa_pg_test_server_kill (ToaPgTestServer *server)
{
  g_autofree char *pg_ctl = g_build_filename (server->bindir, "pg_ctl", NULL);
  g_autofree char *output = NULL;
  const char *argv[] = { pg_ctl, "-D", server->datadir, "-m", "immediate", "-w", "-t", "30", "stop", NULL };

  if (!run_tool (server, argv, &output))
    g_error ("pg_ctl stop -m immediate failed:\n%s", output);
}

void
toa_pg_test_server_restart (ToaPgTestServer *server)
{
  g_autofree char *pg_ctl = g_build_filename (server->bindir, "pg_ctl", NULL);
  g_autofree char *logfile = g_build_filename (server->dir, "log", NULL);
  g_autofree char *output = NULL;
  g_autofree char *info = conninfo (server, "postgres");
  const char *argv[] = { pg_ctl, "-D", server->datadir, "-l", logfile, "-w", "-t", "60",
                         "-o", server->options, "start", NULL };

  if (!run_tool (server, argv, &output))
    {
      g_autofree char *tail = log_tail (server);

      g_error ("pg_ctl start (again) failed:\n%s\n%s", output, tail);
    }
  while (PQping (info) != PQPING_OK)
    g_usleep (20 * 1000);
}
