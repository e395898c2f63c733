/* test-pg-outage.c — the PostgreSQL store through outages, on a real server started for this
 * test (toa-pg-test-server.h) and killed (pg_ctl stop -m immediate, like a crash) under it:
 * /pg-outage/reconnect: with the server gone the next call fails with TOA_ERROR_IO "connection
 *   … was lost" and the store says it is offline; once the server is back the following call
 *   works on the same store object (no reopening) — the time it takes is printed.
 * /pg-outage/transaction: a transaction that lost its connection is never carried on on a new
 *   one, even when the server is back; after its rollback the store works again.
 * /pg-outage/mid-transition: the server is killed while toa_transitions_do is inside its
 *   transaction (held just before the audit append by a lock another connection keeps on
 *   audit_log); after a restart the item is exactly as before — state, version, timeline,
 *   audit chain and head — and taking the transition again succeeds once.
 * Each runs several times. The database is set to synchronous_commit = on (the test server
 * runs with it off for speed): a crash must lose nothing that was committed. */
#include <string.h>

#include <libpq-fe.h>

#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-transitions.h"

#define RUNS 3

static ToaPgTestServer *server;
static guint n_databases;

typedef struct {
  char     *dbname;
  char     *url;
  ToaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *durable = NULL;

  f->dbname = g_strdup_printf ("outage_%u", ++n_databases);
  g_assert_true (toa_pg_test_server_create_db (server, f->dbname, &error));
  g_assert_no_error (error);
  durable = g_strdup_printf ("ALTER DATABASE %s SET synchronous_commit = on", f->dbname);
  g_assert_true (toa_pg_test_server_exec (server, "postgres", durable, &error));
  g_assert_no_error (error);
  f->url = toa_pg_test_server_url (server, f->dbname);
  f->store = TOA_STORE (toa_pg_store_open (f->url, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->url);
  g_free (f->dbname);
}

/* ---- a board with one person per role and an article ----------------------------------- */

static const char *const roles[] = { "head", "standing-deputy", "secretary", "editor" };

static ToaPerson *
person (Fixture *f, const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *login = g_strdup_printf ("r-%s", role);
  ToaPerson *p = toa_store_person_find (f->store, login, &error);

  g_assert_no_error (error);
  return p;
}

static gint64
board_with_article (Fixture *f, const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Hội nghị tổng kết năm",
    .info_kind = "law-guidance",
  };

  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (f->store, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (f->store, section, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
      g_autofree char *login = g_strdup_printf ("r-%s", roles[i]);
      g_autofree char *name = g_strdup_printf ("Người %s", roles[i]);
      g_autoptr(ToaPerson) added = NULL;
      ToaRoleGrant grant;

      g_assert_true (toa_people_parse_role (f->store, roles[i], &grant, &error));
      g_array_append_val (grants, grant);
      added = toa_people_add (f->store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
      g_assert_no_error (error);
    }
  editor = person (f, "editor");
  article = toa_articles_create (f->store, editor, &draft, &error);
  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (f->store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static gboolean
take (Fixture *f, const char *role, gint64 id, const char *transition, GError **error)
{
  g_autoptr(ToaPerson) actor = person (f, role);
  ToaTransitionRequest request = { .article_id = id, .transition = transition };

  return toa_transitions_do (f->store, actor, &request, NULL, error);
}

static void
assert_lost (GError *error)
{
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "was lost"));
}

/* ---- /pg-outage/reconnect ---------------------------------------------------------------- */

static void
test_reconnect (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autoptr(ToaArticleFlow) again = NULL;
  gint64 id, t0, down_call;

  id = board_with_article (f, "received");
  g_assert_true (toa_store_is_online (f->store));
  g_assert_true (toa_store_ping (f->store, &error));
  g_assert_no_error (error);

  toa_pg_test_server_kill (server);
  g_assert_null (toa_store_article_flow_get (f->store, id, &error));
  assert_lost (error);
  g_clear_error (&error);
  g_assert_false (toa_store_is_online (f->store));
  /* still down: each call tries to connect again and fails quickly, with the same message */
  t0 = g_get_monotonic_time ();
  g_assert_false (toa_store_ping (f->store, &error));
  down_call = g_get_monotonic_time () - t0;
  assert_lost (error);
  g_clear_error (&error);
  g_assert_cmpint (down_call, <, 3 * G_USEC_PER_SEC);

  toa_pg_test_server_restart (server);
  t0 = g_get_monotonic_time ();
  flow = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);
  g_test_message ("a call while the server is down fails in %.1f ms; the first call after the "
                  "restart reconnects and answers in %.1f ms",
                  down_call / 1000.0, (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpstr (flow->state, ==, "received");
  g_assert_true (toa_store_is_online (f->store));
  /* and writes work again on the same store */
  g_assert_true (take (f, "editor", id, "accept", &error));
  g_assert_no_error (error);
  again = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->version, ==, flow->version + 1);
}

/* ---- /pg-outage/transaction -------------------------------------------------------------- */

static void
test_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  gint64 id;

  id = board_with_article (f, "received");
  g_assert_true (toa_store_begin (f->store, &error));
  g_assert_no_error (error);
  flow = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);

  toa_pg_test_server_kill (server);
  toa_pg_test_server_restart (server);
  /* the server is back, but this transaction's first half is gone: no new connection for it */
  g_assert_null (toa_store_site_list (f->store, &error));
  assert_lost (error);
  g_clear_error (&error);
  g_assert_false (toa_store_commit (f->store, &error));
  assert_lost (error);
  g_clear_error (&error);

  /* over (the failed commit ended it): the next call connects again */
  sites = toa_store_site_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, >, 0);
  /* a new transaction works, and so does abandoning one after a loss */
  g_assert_true (toa_store_begin (f->store, &error));
  g_assert_no_error (error);
  toa_pg_test_server_kill (server);
  toa_pg_test_server_restart (server);
  g_assert_null (toa_store_article_flow_get (f->store, id, &error));
  assert_lost (error);
  g_assert_false (toa_store_abandon (f->store, g_steal_pointer (&error), NULL));
  g_assert_true (toa_store_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (toa_store_commit (f->store, &error));
  g_assert_no_error (error);
}

/* ---- /pg-outage/mid-transition ----------------------------------------------------------- */

/* The first column of the first row of @sql on a connection of its own (the superuser). */
static char *
scalar (Fixture *f, const char *sql)
{
  PGconn *conn = PQconnectdb (f->url);
  PGresult *result;
  char *value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  value = g_strdup (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0) ? PQgetvalue (result, 0, 0) : "");
  PQclear (result);
  PQfinish (conn);
  return value;
}

typedef struct {
  char   *url;
  GMutex  lock;
  GCond   cond;
  gboolean holding;
  gboolean killed;
} Killer;

/* Locks audit_log against inserts, waits until the store's transaction is stuck on that lock
 * (its article and timeline rows already written), then kills the server. */
static gpointer
killer_run (gpointer data)
{
  Killer *k = data;
  PGconn *conn = PQconnectdb (k->url);
  PGresult *result;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gboolean waiting = FALSE;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, "BEGIN; LOCK TABLE audit_log IN EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  g_mutex_lock (&k->lock);
  k->holding = TRUE;
  g_cond_signal (&k->cond);
  g_mutex_unlock (&k->lock);

  while (!waiting && g_get_monotonic_time () < deadline)
    {
      /* (the statistics are a snapshot per transaction: a fresh one each time) */
      result = PQexec (conn, "SELECT pg_stat_clear_snapshot (); "
                             "SELECT query, backend_xid IS NOT NULL FROM pg_stat_activity "
                             "WHERE application_name = 'toasoan' AND wait_event_type = 'Lock' "
                             "AND state = 'active'");
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      waiting = PQntuples (result) == 1;
      /* stuck on the audit append, having written already (a transaction id is given at
       * the first write): the article's new state and its timeline row */
      if (waiting)
        {
          g_test_message ("killing the server while the transition waits on: %.60s", PQgetvalue (result, 0, 0));
          g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, "t");
        }
      PQclear (result);
      if (!waiting)
        g_usleep (5 * 1000);
    }
  g_assert_true (waiting);
  toa_pg_test_server_kill (server);
  PQfinish (conn);
  k->killed = TRUE;
  return NULL;
}

static void
test_mid_transition (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) before = NULL;
  g_autoptr(ToaArticleFlow) after = NULL;
  g_autoptr(ToaArticleFlow) done = NULL;
  g_autoptr(GPtrArray) timeline_before = NULL;
  g_autoptr(GPtrArray) timeline_after = NULL;
  g_autoptr(GPtrArray) timeline_done = NULL;
  g_autofree char *head_before = NULL, *head_after = NULL, *rows_before = NULL, *rows_after = NULL;
  gint64 id, count_before = 0, count_after = 0, count_done = 0, bad = -1;
  Killer killer = { .url = f->url };
  GThread *thread;

  id = board_with_article (f, "deputy-review");
  before = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);
  timeline_before = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (toa_audit_verify (f->store, &count_before, &bad, &error));
  g_assert_no_error (error);
  head_before = scalar (f, "SELECT seq || ' ' || hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  rows_before = scalar (f, "SELECT (SELECT count(*) FROM article_transitions) || ' ' || "
                           "(SELECT count(*) FROM audit_log) || ' ' || "
                           "(SELECT string_agg (state || version, ',' ORDER BY id) FROM articles)");

  g_mutex_init (&killer.lock);
  g_cond_init (&killer.cond);
  thread = g_thread_new ("killer", killer_run, &killer);
  g_mutex_lock (&killer.lock);
  while (!killer.holding)
    g_cond_wait (&killer.cond, &killer.lock);
  g_mutex_unlock (&killer.lock);

  g_assert_false (take (f, "standing-deputy", id, "publish", &error));
  assert_lost (error);
  g_clear_error (&error);
  g_thread_join (thread);
  g_assert_true (killer.killed);
  g_mutex_clear (&killer.lock);
  g_cond_clear (&killer.cond);

  toa_pg_test_server_restart (server);
  /* exactly as before, read through the same store (it reconnects) and on a new connection */
  after = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->state, ==, before->state);
  g_assert_cmpint (after->version, ==, before->version);
  g_assert_cmpint (after->last_actor_id, ==, before->last_actor_id);
  g_assert_cmpint (after->published_at, ==, 0);
  timeline_after = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline_after->len, ==, timeline_before->len);
  g_assert_true (toa_audit_verify (f->store, &count_after, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (count_after, ==, count_before);
  head_after = scalar (f, "SELECT seq || ' ' || hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  g_assert_cmpstr (head_after, ==, head_before);
  rows_after = scalar (f, "SELECT (SELECT count(*) FROM article_transitions) || ' ' || "
                          "(SELECT count(*) FROM audit_log) || ' ' || "
                          "(SELECT string_agg (state || version, ',' ORDER BY id) FROM articles)");
  g_assert_cmpstr (rows_after, ==, rows_before);

  /* the transition again: it succeeds, once */
  g_assert_true (take (f, "standing-deputy", id, "publish", &error));
  g_assert_no_error (error);
  g_assert_false (take (f, "standing-deputy", id, "publish", &error));
  g_assert_nonnull (error);
  g_assert_true (error->code != TOA_ERROR_IO);
  g_clear_error (&error);
  done = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (done->state, ==, "published");
  g_assert_cmpint (done->version, ==, before->version + 1);
  timeline_done = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline_done->len, ==, timeline_before->len + 1);
  g_assert_true (toa_audit_verify (f->store, &count_done, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (count_done, ==, count_before + 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();
  for (guint run = 1; run <= RUNS; run++)
    {
      g_autofree char *reconnect = g_strdup_printf ("/pg-outage/reconnect/%u", run);
      g_autofree char *transaction = g_strdup_printf ("/pg-outage/transaction/%u", run);
      g_autofree char *mid = g_strdup_printf ("/pg-outage/mid-transition/%u", run);

      g_test_add (reconnect, Fixture, NULL, fixture_set_up, test_reconnect, fixture_tear_down);
      g_test_add (transaction, Fixture, NULL, fixture_set_up, test_transaction, fixture_tear_down);
      g_test_add (mid, Fixture, NULL, fixture_set_up, test_mid_transition, fixture_tear_down);
    }
  return g_test_run ();
}
