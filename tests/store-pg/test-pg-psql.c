/* test-pg-psql.c — the server enforces the rules (issue 4 point 2; 005-security.sql), tested
 * the way a member would try to get round the desktop: `psql` (the real client, a subprocess)
 * signed in as each person with their own PostgreSQL account and password.
 * A board is made through core on the owner's connection: a portal with an editor
 * (bientap), a secretary (thuky) and a standing deputy (ptb), and a second site with its own
 * editor (khac). Each person gets `CREATE ROLE login LOGIN PASSWORD … IN ROLE toasoan_member`.
 * Then as members: no direct write of articles, transitions or the audit log; the audit log
 * append-only; another site's articles invisible and unchangeable; publishing through
 * toa_take_transition refused to the editor with the checker's message and allowed to the
 * standing deputy and to the secretary under a delegation in force (KT.); the audit chain
 * verifies afterwards with core's verifier; toasoan-cli signed in as a member still works for
 * what the member may do. argv[1] is the toasoan-cli program. */
#include <string.h>

#include <gio/gio.h>

#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-member-run.h"
#include "toa-pg-test-server.h"
#include "toa-transitions.h"

#define DB "psql_board"

static ToaPgTestServer *server;
static const char *cli_path;

/* ---- the board ------------------------------------------------------------------------------ */

typedef struct {
  ToaStore *store;     /* the owner's connection (the superuser of the test server) */
  gint64    portal_article;
  gint64    other_article;
} Board;

/* A 'tin' by the editor on the portal, put in deputy-review directly (setup, not a transition). */
static gint64
article_for_review (Board *b, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) editor = toa_store_person_find (b->store, "bientap", &error);
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin", .title = title };
  g_autoptr(ToaArticle) article = NULL;

  g_assert_no_error (error);
  article = toa_articles_create (b->store, editor, &draft, &error);
  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup ("deputy-review");
  g_assert_true (toa_store_article_update (b->store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static void
board_make (Board *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaSite) portal = NULL;
  g_autofree char *url = NULL;
  g_autofree char *other = NULL;

  g_assert_true (toa_pg_test_server_create_db (server, DB, &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, DB);
  b->store = TOA_STORE (toa_pg_store_open (url, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);
  g_assert_true (toa_board_init (b->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (b->store, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (b->store, section, &error));
  g_assert_no_error (error);
  toa_member_sql ("INSERT INTO sites (code, name, kind) VALUES ('so-y-te', 'Sở Y tế', 'component')");

  toa_member_add (b->store, "bientap", "Biên tập viên", "editor");
  toa_member_add (b->store, "thuky", "Thư ký", "secretary");
  toa_member_add (b->store, "ptb", "Phó Trưởng ban thường trực", "standing-deputy");
  toa_member_add (b->store, "khac", "Biên tập viên Sở Y tế", "editor@so-y-te");

  b->portal_article = article_for_review (b, "Hội nghị tổng kết năm");
  other = g_strdup_printf ("INSERT INTO articles (site_id, genre, title, title_fold, state, created_at, "
                           "updated_at) SELECT id, 'tin', 'Tin Sở Y tế', 'tin so y te', 'deputy-review', 1, 1 "
                           "FROM sites WHERE code = 'so-y-te'");
  toa_member_sql (other);
  {
    g_auto(ToaMemberRun) run = { 0 };

    /* the other site's editor sees their own article, and finds its number */
    toa_member_psql (&run, "khac", "SELECT id FROM articles");
    g_assert_cmpint (run.status, ==, 0);
    b->other_article = g_ascii_strtoll (run.out, NULL, 10);
    g_assert_cmpint (b->other_article, >, b->portal_article);
  }
}

static void
assert_chain (Board *b)
{
  g_autoptr(GError) error = NULL;
  gint64 count = 0, bad = 0;

  g_assert_true (toa_audit_verify (b->store, &count, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (count, >, 0);
}

static char *
state_of (Board *b, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (b->store, id, &error);

  g_assert_no_error (error);
  return g_strdup (flow->state);
}

/* ---- the tests ------------------------------------------------------------------------------ */

static Board board;

/* No direct write of articles, timelines, requests or the audit log; no password hashes. */
static void
test_no_direct_writes (void)
{
  g_autofree char *publish = g_strdup_printf ("UPDATE articles SET state = 'published' WHERE id = %lld",
                                              (long long) board.portal_article);
  g_autofree char *timeline = g_strdup_printf ("INSERT INTO article_transitions (article_id, transition, "
                                               "from_state, to_state, actor_id, at) VALUES (%lld, 'publish', "
                                               "'deputy-review', 'published', 1, 1)",
                                               (long long) board.portal_article);
  g_autofree char *approve = g_strdup_printf ("INSERT INTO transition_requests (article_id, transition, "
                                              "from_state, to_state, article_version, requested_by, "
                                              "requested_at, status, decided_by, decided_at) VALUES "
                                              "(%lld, 'withdraw', 'published', 'withdrawn', 1, 1, 1, "
                                              "'approved', 1, 1)", (long long) board.portal_article);
  g_autofree char *state = NULL;
  g_autofree char *seen = NULL;

  for (guint i = 0; i < 3; i++)
    {
      const char *who = (const char *[]) { "bientap", "thuky", "ptb" }[i];

      toa_member_psql_refused (who, publish, "permission denied for table articles");
      toa_member_psql_refused (who, "DELETE FROM articles", "permission denied for table articles");
      toa_member_psql_refused (who, timeline, "permission denied for table article_transitions");
      toa_member_psql_refused (who, approve, "permission denied for table transition_requests");
      toa_member_psql_refused (who, "UPDATE transition_requests SET status = 'approved'",
                    "permission denied for table transition_requests");
      toa_member_psql_refused (who, "INSERT INTO audit_log (seq, at, action, object_type, prev_hash, hash) "
                         "VALUES (9999, 1, 'x', 'x', 'x', 'x')", "permission denied for table audit_log");
      toa_member_psql_refused (who, "UPDATE audit_log SET detail = NULL", "permission denied for table audit_log");
      toa_member_psql_refused (who, "DELETE FROM audit_log", "permission denied for table audit_log");
      toa_member_psql_refused (who, "TRUNCATE audit_log", "permission denied for table audit_log");
      toa_member_psql_refused (who, "UPDATE person_roles SET role = 'head'", "permission denied for table person_roles");
      toa_member_psql_refused (who, "INSERT INTO delegations (from_person, to_person, site_id, actions, from_date, "
                         "to_date, created_at) VALUES (1, 2, 1, 'publish', '2000-01-01', '2999-01-01', 1)",
                    "permission denied for table delegations");
      toa_member_psql_refused (who, "INSERT INTO workflow_definitions (code, version, name, definition_json, created_at) "
                         "VALUES ('x', 1, 'x', '{}', 1)", "permission denied for table workflow_definitions");
      toa_member_psql_refused (who, "SELECT password_hash FROM people", "permission denied for table people");
      toa_member_psql_refused (who, "SELECT toa_audit_write (1, 'x', 'x', 0, NULL, 1)",
                    "permission denied for function toa_audit_write");
      toa_member_psql_refused (who, "ALTER TABLE audit_log DISABLE TRIGGER USER", "must be owner");
      toa_member_psql_refused (who, "CREATE TABLE mine (id int)", "permission denied for schema public");
    }
  /* …while reading what they may still works */
  seen = toa_member_psql_ok ("bientap", "SELECT count(*) FROM audit_log WHERE seq > 0");
  g_assert_cmpint (g_ascii_strtoll (seen, NULL, 10), >, 0);
  state = state_of (&board, board.portal_article);
  g_assert_cmpstr (state, ==, "deputy-review");
  /* even the owner cannot rewrite history: the triggers bind every role */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (toa_pg_test_server_exec (server, DB, "UPDATE audit_log SET detail = NULL", &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "append-only"));
  }
}

/* Row-level security per site: another site's articles are not seen, so not changed. */
static void
test_other_site (void)
{
  g_autofree char *read = g_strdup_printf ("SELECT count(*) FROM articles WHERE id = %lld",
                                           (long long) board.other_article);
  g_autofree char *mine = g_strdup_printf ("SELECT count(*) FROM articles WHERE id = %lld",
                                           (long long) board.portal_article);
  g_autofree char *take = g_strdup_printf ("SELECT to_state FROM toa_take_transition (%lld, 'publish')",
                                           (long long) board.other_article);
  g_autofree char *n_other = toa_member_psql_ok ("bientap", read);
  g_autofree char *n_mine = toa_member_psql_ok ("bientap", mine);
  g_autofree char *n_theirs = toa_member_psql_ok ("khac", mine);
  g_autofree char *n_all = toa_member_psql_ok ("bientap", "SELECT count(*) FROM articles");
  g_autofree char *timeline = toa_member_psql_ok ("khac", "SELECT count(*) FROM article_transitions");
  g_autofree char *state = NULL;

  g_assert_cmpstr (n_other, ==, "0");
  g_assert_cmpstr (n_mine, ==, "1");
  g_assert_cmpstr (n_theirs, ==, "0");
  g_assert_cmpstr (n_all, ==, "1");
  g_assert_cmpstr (timeline, ==, "0");
  /* the portal's standing deputy has no role on the other site */
  toa_member_psql_refused ("ptb", take, "needs one of these roles on this site: standing-deputy");
  state = state_of (&board, board.other_article);
  g_assert_cmpstr (state, ==, "deputy-review");
}

/* Publishing through the server function: the one generic checker decides. */
static void
test_publish (void)
{
  g_autofree char *take = g_strdup_printf ("SELECT to_state || ' ' || version FROM toa_take_transition (%lld, 'publish')",
                                           (long long) board.portal_article);
  g_autofree char *as_other = g_strdup_printf ("SELECT * FROM toa_take_transition (%lld, 'publish', p_actor => %lld)",
                                               (long long) board.portal_article,
                                               (long long) toa_member_person_id (board.store, "ptb"));
  g_autofree char *who = g_strdup_printf ("SELECT p.login || ' ' || t.from_state || ' ' || t.to_state "
                                          "FROM article_transitions t JOIN people p ON p.id = t.actor_id "
                                          "WHERE t.article_id = %lld ORDER BY t.id DESC LIMIT 1",
                                          (long long) board.portal_article);
  g_autofree char *unknown = g_strdup_printf ("SELECT * FROM toa_take_transition (%lld, 'publicize')",
                                              (long long) board.portal_article);
  g_autofree char *audit = NULL;
  g_autofree char *done = NULL;
  g_autofree char *row = NULL;
  g_autofree char *state = NULL;

  toa_member_psql_refused ("bientap", take,
                "“publish” from “Chờ Phó Trưởng ban thường trực duyệt” needs one of these roles on this site: "
                "standing-deputy; or a delegation of “publish” from one of them to a secretary.");
  toa_member_psql_refused ("thuky", take, "or a delegation of “publish” from one of them to a secretary");
  /* a member cannot pass for someone else */
  toa_member_psql_refused ("bientap", as_other, "can only act as itself");
  toa_member_psql_refused ("ptb", unknown, "“publicize” cannot be done on an item in the state");
  state = state_of (&board, board.portal_article);
  g_assert_cmpstr (state, ==, "deputy-review");

  done = toa_member_psql_ok ("ptb", take);
  g_assert_cmpstr (done, ==, "published 3");
  g_clear_pointer (&state, g_free);
  state = state_of (&board, board.portal_article);
  g_assert_cmpstr (state, ==, "published");
  row = toa_member_psql_ok ("thuky", who);
  g_assert_cmpstr (row, ==, "ptb deputy-review published");
  audit = toa_member_psql_ok ("thuky", "SELECT p.login || ' ' || a.action || ' ' || a.detail FROM audit_log a "
                            "JOIN people p ON p.id = a.actor_id ORDER BY a.seq DESC LIMIT 1");
  g_assert_cmpstr (audit, ==,
                   "ptb article.transition {\"transition\":\"publish\",\"from\":\"deputy-review\",\"to\":\"published\"}");
  /* published: nothing leaves "published" but withdraw, which needs an approval */
  toa_member_psql_refused ("ptb", take, "“publish” cannot be done on an item in the state “Đã xuất bản”. Possible here: withdraw.");
  assert_chain (&board);
}

/* The secretary publishes under a delegation in force today (Vietnam time), signing KT. */
static void
test_delegated (void)
{
  gint64 id = article_for_review (&board, "Tin ủy quyền");
  g_autofree char *take = g_strdup_printf ("SELECT to_state || ' ' || on_behalf_of || ' ' || behalf_form "
                                           "FROM toa_take_transition (%lld, 'publish')", (long long) id);
  g_autofree char *delegate = g_strdup_printf (
    "INSERT INTO delegations (from_person, to_person, site_id, actions, from_date, to_date, created_at, form) "
    "SELECT %lld, %lld, id, 'schedule,publish', "
    "to_char ((now () AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1, 'YYYY-MM-DD'), "
    "to_char ((now () AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 1, 'YYYY-MM-DD'), 1, 'KT' "
    "FROM sites WHERE code = 'portal'",
    (long long) toa_member_person_id (board.store, "ptb"), (long long) toa_member_person_id (board.store, "thuky"));
  g_autofree char *expected = g_strdup_printf ("published %lld KT", (long long) toa_member_person_id (board.store, "ptb"));
  g_autofree char *done = NULL;

  toa_member_psql_refused ("thuky", take, "needs one of these roles on this site");
  toa_member_sql (delegate);
  /* the editor holds no secretary role: the delegation to a secretary is not theirs anyway */
  toa_member_psql_refused ("bientap", take, "needs one of these roles on this site");
  done = toa_member_psql_ok ("thuky", take);
  g_assert_cmpstr (done, ==, expected);
  assert_chain (&board);
}

/* The audit append function: always as the signed-in person. */
static void
test_audit_append (void)
{
  g_autofree char *forged = g_strdup_printf ("SELECT toa_audit_append ('article.note', 'article', 1, NULL, %lld)",
                                             (long long) toa_member_person_id (board.store, "ptb"));
  g_autofree char *seq = NULL;
  g_autofree char *row = NULL;
  g_autofree char *query = NULL;

  toa_member_psql_refused ("bientap", forged, "may only write audit records as itself");
  toa_member_psql_refused ("bientap", "SELECT toa_audit_append ('article.note', 'article', 1, 'not json')",
                "invalid input syntax for type json");
  /* the record's seq is given when it commits (008-audit-commit.sql): NULL here */
  seq = toa_member_psql_ok ("bientap", "SELECT toa_audit_append ('article.note', 'article', 1, '{\"note\":\"ghi chú\"}')");
  g_assert_cmpstr (seq, ==, "");
  query = g_strdup_printf ("SELECT p.login || ' ' || a.detail FROM audit_log a JOIN people p ON p.id = a.actor_id "
                           "WHERE a.action = 'article.note' ORDER BY a.seq DESC LIMIT 1");
  row = toa_member_psql_ok ("thuky", query);
  g_assert_cmpstr (row, ==, "bientap {\"note\":\"ghi chú\"}");
  assert_chain (&board);
}

/* toasoan-cli signed in as a member: reading and verifying work; the password is theirs. */
static void
test_cli_as_member (void)
{
  g_autofree char *url = toa_member_url ("thuky");
  g_autofree char *wrong = g_strdup_printf ("postgresql://thuky:wrong@127.0.0.1:%d/%s",
                                            toa_pg_test_server_port (server), DB);
  g_auto(ToaMemberRun) list = { 0 }, verify = { 0 }, bad = { 0 }, other = { 0 };
  g_autofree char *other_url = toa_member_url ("khac");

  toa_member_cli (&list, url, "article", "list", NULL);
  g_assert_cmpstr (list.err, ==, "");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "Hội nghị tổng kết năm"));
  g_assert_null (strstr (list.out, "Tin Sở Y tế"));

  toa_member_cli (&verify, url, "audit", "verify", NULL);
  g_assert_cmpstr (verify.err, ==, "");
  g_assert_cmpint (verify.status, ==, 0);

  toa_member_cli (&other, other_url, "article", "list", NULL);
  g_assert_cmpint (other.status, ==, 0);
  g_assert_nonnull (strstr (other.out, "Tin Sở Y tế"));
  g_assert_null (strstr (other.out, "Hội nghị tổng kết năm"));

  toa_member_cli (&bad, wrong, "article", "list", NULL);
  g_assert_cmpint (bad.status, !=, 0);
}

/* `workflow do` signed in as a member goes through the server function: the editor is
 * refused (exit 3, core's message), the standing deputy publishes, the chain verifies. */
static void
test_cli_transition (void)
{
  gint64 id = article_for_review (&board, "Tin xuất bản từ dòng lệnh");
  g_autofree char *number = g_strdup_printf ("%lld", (long long) id);
  g_autofree char *editor_url = toa_member_url ("bientap");
  g_autofree char *deputy_url = toa_member_url ("ptb");
  g_autofree char *state = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *query = g_strdup_printf ("SELECT p.login FROM article_transitions t JOIN people p "
                                            "ON p.id = t.actor_id WHERE t.article_id = %s", number);
  g_auto(ToaMemberRun) refused = { 0 }, published = { 0 }, impostor = { 0 }, verify = { 0 };

  toa_member_cli (&refused, editor_url, "workflow", "do", number, "publish", "--as", "bientap", NULL);
  g_assert_cmpint (refused.status, ==, 3);
  g_assert_nonnull (strstr (refused.err, "publish"));
  toa_member_cli (&impostor, editor_url, "workflow", "do", number, "publish", "--as", "ptb", NULL);
  g_assert_cmpint (impostor.status, ==, 3);
  state = state_of (&board, id);
  g_assert_cmpstr (state, ==, "deputy-review");

  toa_member_cli (&published, deputy_url, "workflow", "do", number, "publish", "--as", "ptb", NULL);
  g_assert_cmpstr (published.err, ==, "");
  g_assert_cmpint (published.status, ==, 0);
  g_clear_pointer (&state, g_free);
  state = state_of (&board, id);
  g_assert_cmpstr (state, ==, "published");
  actor = toa_member_psql_ok ("ptb", query);
  g_assert_cmpstr (actor, ==, "ptb");
  toa_member_cli (&verify, deputy_url, "audit", "verify", NULL);
  g_assert_cmpint (verify.status, ==, 0);
  assert_chain (&board);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-pg-psql TOASOAN-CLI");
  cli_path = argv[1];
  server = toa_pg_test_server_start ();
  toa_member_run_init (server, DB, cli_path, "7Qx");
  board_make (&board);
  /* The tests share one board and run in this order. */
  g_test_add_func ("/pg-psql/no-direct-writes", test_no_direct_writes);
  g_test_add_func ("/pg-psql/other-site", test_other_site);
  g_test_add_func ("/pg-psql/publish", test_publish);
  g_test_add_func ("/pg-psql/delegated", test_delegated);
  g_test_add_func ("/pg-psql/audit-append", test_audit_append);
  g_test_add_func ("/pg-psql/cli-as-member", test_cli_as_member);
  g_test_add_func ("/pg-psql/cli-transition", test_cli_transition);
  return g_test_run ();
}
