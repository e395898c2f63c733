/* toa-pg-member-run.h — running things as a member of the board in the PostgreSQL tests:
 * `psql` and toasoan-cli signed in with a person's own PostgreSQL account, and the making of
 * those accounts. A test calls toa_member_run_init once (its server, database, the CLI program
 * and the password tag); the functions below then use them. Failures abort the test. */
#pragma once

#include <gio/gio.h>

#include "toa-pg-test-server.h"
#include "toa-store.h"

G_BEGIN_DECLS

/* What a subprocess did: its exit status and its output (both owned). */
typedef struct {
  int   status;
  char *out;
  char *err;
} ToaMemberRun;

void toa_member_run_clear (ToaMemberRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ToaMemberRun, toa_member_run_clear)

/* Remembers @server, its database @db and the toasoan-cli program @cli_path (may be NULL if
 * the test runs no CLI); passwords are "pw-<login>-<@password_tag>". The strings must live
 * as long as the test. */
void   toa_member_run_init (ToaPgTestServer *server, const char *db, const char *cli_path,
                            const char *password_tag);

/* @login's PostgreSQL password. */
char  *toa_member_password (const char *login);

/* The connection URL of the database for @login with its own password. */
char  *toa_member_url (const char *login);

/* Runs @sql as the server's superuser in the database; must succeed. */
void   toa_member_sql (const char *sql);

/* psql as @login with its own password (PGPASSWORD), one statement, unaligned tuples only;
 * run->out is stripped. */
void   toa_member_psql (ToaMemberRun *run, const char *login, const char *statement);

/* The statement must fail with a message containing @expected. */
void   toa_member_psql_refused (const char *login, const char *statement, const char *expected);

/* The statement must succeed; returns its output. */
char  *toa_member_psql_ok (const char *login, const char *statement);

/* A write through a server function (@statement, one row), as a member's own client must send
 * it since 012-server-steps.sql: with an audit record appended first in the same transaction,
 * else the COMMIT is refused. Must succeed; returns its output. */
char  *toa_member_psql_audited (const char *login, const char *statement);

/* toasoan-cli --db @url with the arguments from @first (NULL-terminated), LANGUAGE=en. */
void   toa_member_cli (ToaMemberRun *run, const char *url, const char *first, ...) G_GNUC_NULL_TERMINATED;
void   toa_member_cli_valist (ToaMemberRun *run, const char *url, const char *first, va_list args);

/* Adds @login (@name, one @role such as "editor" or "editor@so-y-te") through core on the
 * owner's @store and gives them `CREATE ROLE login LOGIN PASSWORD … IN ROLE toasoan_member`. */
void   toa_member_add (ToaStore *store, const char *login, const char *name, const char *role);

/* The id of the person @login, found on @store. */
gint64 toa_member_person_id (ToaStore *store, const char *login);

/* A store on the database signed in as @login with its own password (TOA_OPEN_EXISTING). */
ToaStore *toa_member_store (const char *login);

/* For a test's main, after g_test_init: starts the test server and calls toa_member_run_init
 * with argv[1] as the toasoan-cli program (a usage error when it is missing); returns the
 * server. */
ToaPgTestServer *toa_member_run_start (int argc, char **argv, const char *db, const char *password_tag);

G_END_DECLS
