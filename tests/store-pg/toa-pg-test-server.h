/* toa-pg-test-server.h — a temporary PostgreSQL server for tests: a fresh cluster (initdb)
 * in a temporary directory, listening on a unix socket there and on 127.0.0.1 at a free
 * port, a superuser with a random password (scram-sha-256). It is stopped and its
 * directory removed when the test process ends — normally, by a failed assertion or by
 * being killed (a watchdog process waits for the test's end). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ToaPgTestServer ToaPgTestServer;

/* Starts the server, or exits with status 77 (meson: skipped) and a message naming what is
 * missing when the PostgreSQL server binaries (/usr/lib/postgresql/N/bin, or
 * $TOA_PG_BINDIR) are not installed. Fails the test (g_error) if they are there but the
 * server does not start. The server lives until the process exits. */
ToaPgTestServer *toa_pg_test_server_start (void);

int          toa_pg_test_server_port (ToaPgTestServer *server);
const char  *toa_pg_test_server_user (ToaPgTestServer *server);      /* the superuser */
const char  *toa_pg_test_server_password (ToaPgTestServer *server);
const char  *toa_pg_test_server_socket_dir (ToaPgTestServer *server);
const char  *toa_pg_test_server_bindir (ToaPgTestServer *server);    /* psql, pg_ctl… */

/* postgresql://USER:PASSWORD@127.0.0.1:PORT/@dbname */
char        *toa_pg_test_server_url (ToaPgTestServer *server, const char *dbname);

/* Creates a new empty database @dbname (CREATE DATABASE; the name must be a plain
 * identifier). Returns FALSE with @error on failure. */
gboolean     toa_pg_test_server_create_db (ToaPgTestServer *server, const char *dbname, GError **error);

/* Runs @sql on @dbname as the superuser (libpq); FALSE with the server's message. */
gboolean     toa_pg_test_server_exec (ToaPgTestServer *server, const char *dbname, const char *sql,
                                      GError **error);

/* Outages: _kill stops the server abruptly, like a crash (pg_ctl stop -m immediate: no
 * checkpoint, connections cut); its data stay. _restart starts it again on the same port
 * (after crash recovery) and returns once it answers. Callable from any thread. */
void         toa_pg_test_server_kill (ToaPgTestServer *server);
void         toa_pg_test_server_restart (ToaPgTestServer *server);

/* Stops the server now (pg_ctl stop -m fast) and removes its directory; also done at exit. */
void         toa_pg_test_server_stop (ToaPgTestServer *server);

G_END_DECLS
