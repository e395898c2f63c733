/* test-pg-member-admin.c — the server enforces the rules for administrative writes and
 * approval requests (007-member-admin.sql), tried as members would: `psql` and toasoan-cli
 * signed in with each person's own PostgreSQL account. A portal with an editor (bientap), a
 * secretary (thuky), a standing deputy (ptb) and the administrator (quantri, role admin).
 * The secretary's withdrawal of a published item becomes a pending request; the requester
 * cannot approve it, the standing deputy does (the item is withdrawn; the timeline and the
 * requests show both). The standing deputy delegates publishing to the secretary (TL.) and
 * revokes it. The editor cannot add people, grant roles, change settings, the calendar or
 * save a workflow (exit 3 / SQL error); the administrator can. Direct INSERTs are refused;
 * the audit chain verifies at the end. argv[1] is the toasoan-cli program. */
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-board.h"
#include "toa-pg-store.h"
#include "toa-pg-member-run.h"
#include "toa-pg-test-server.h"
#include "toa-transitions.h"

#define DB "member_admin_board"

static ToaPgTestServer *server;

/* ---- the board ------------------------------------------------------------------------------ */

static ToaStore *store;   /* the owner's connection */

/* A 'tin' on the portal put in @state directly (setup, not a transition). */
static gint64
article_in (const char *title, const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) editor = toa_store_person_find (store, "bientap", &error);
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin", .title = title };
  g_autoptr(ToaArticle) article = NULL;

  article = toa_articles_create (store, editor, &draft, &error);
  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static char *
state_of (gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (store, id, &error);

  g_assert_no_error (error);
  return g_strdup (flow->state);
}

static void
board_make (void)
{
  store = toa_pg_board_create (server, DB);
  toa_member_add (store, "bientap", "Biên tập viên", "editor");
  toa_member_add (store, "thuky", "Thư ký", "secretary");
  toa_member_add (store, "ptb", "Phó Trưởng ban thường trực", "standing-deputy");
  toa_member_add (store, "quantri", "Quản trị", "admin");
}

/* ---- the tests ------------------------------------------------------------------------------ */

static void
test_withdraw_approved (void)
{
  gint64 id = article_in ("Tin cần gỡ", "published");
  g_autofree char *number = g_strdup_printf ("%lld", (long long) id);
  g_autofree char *secretary = toa_member_url ("thuky");
  g_autofree char *deputy = toa_member_url ("ptb");
  g_autofree char *editor = toa_member_url ("bientap");
  g_autofree char *query = g_strdup_printf ("SELECT id || ' ' || status FROM transition_requests WHERE article_id = %s", number);
  g_autofree char *pending = NULL, *state = NULL, *req = NULL, *decide = NULL, *row = NULL, *done = NULL;
  g_autofree char *timeline = NULL, *audit = NULL, *expected = NULL;
  g_auto(ToaMemberRun) ask = { 0 }, self_approve = { 0 }, editor_approve = { 0 }, approve = { 0 }, history = { 0 };

  toa_member_cli (&ask, secretary, "workflow", "do", number, "withdraw", "--comment", "Sai số liệu", "--as", "thuky", NULL);
  g_assert_cmpstr (ask.err, ==, "");
  g_assert_cmpint (ask.status, ==, 0);
  state = state_of (id);
  g_assert_cmpstr (state, ==, "published");
  pending = toa_member_psql_ok ("thuky", query);
  g_assert_nonnull (g_strrstr (pending, " pending"));
  req = g_strndup (pending, strcspn (pending, " "));

  /* the requester cannot decide, through the CLI or the server function */
  toa_member_cli (&self_approve, secretary, "workflow", "approve", req, "--as", "thuky", NULL);
  g_assert_cmpint (self_approve.status, ==, 3);
  decide = g_strdup_printf ("SELECT status FROM toa_decide_request (%s, true)", req);
  toa_member_psql_refused ("thuky", decide, "You asked for this yourself");
  toa_member_psql_refused ("bientap", decide, "Only these roles on the item's site may decide");
  toa_member_cli (&editor_approve, editor, "workflow", "approve", req, "--as", "bientap", NULL);
  g_assert_cmpint (editor_approve.status, ==, 3);
  g_clear_pointer (&state, g_free);
  state = state_of (id);
  g_assert_cmpstr (state, ==, "published");

  toa_member_cli (&approve, deputy, "workflow", "approve", req, "--as", "ptb", NULL);
  g_assert_cmpstr (approve.err, ==, "");
  g_assert_cmpint (approve.status, ==, 0);
  g_clear_pointer (&state, g_free);
  state = state_of (id);
  g_assert_cmpstr (state, ==, "withdrawn");
  done = toa_member_psql_ok ("ptb", query);
  expected = g_strdup_printf ("%s approved", req);
  g_assert_cmpstr (done, ==, expected);
  g_free (query);
  query = g_strdup_printf ("SELECT pa.login || ' ' || t.transition || ' ' || t.to_state || ' ' || pb.login "
                           "FROM article_transitions t JOIN people pa ON pa.id = t.actor_id "
                           "JOIN people pb ON pb.id = t.approved_by WHERE t.article_id = %s", number);
  timeline = toa_member_psql_ok ("bientap", query);
  g_assert_cmpstr (timeline, ==, "thuky withdraw withdrawn ptb");
  g_free (query);
  query = g_strdup_printf ("SELECT string_agg (p.login || ' ' || a.action, ',' ORDER BY a.seq) FROM audit_log a "
                           "JOIN people p ON p.id = a.actor_id WHERE a.object_type = 'article' AND a.object_id = %s "
                           "AND a.action LIKE 'article.request%%'", number);
  audit = toa_member_psql_ok ("ptb", query);
  g_assert_cmpstr (audit, ==, "thuky article.request,ptb article.request-approved");
  /* the history shows the request and its approval */
  toa_member_cli (&history, deputy, "workflow", "history", number, NULL);
  g_assert_cmpint (history.status, ==, 0);
  g_assert_nonnull (strstr (history.out, "Thư ký"));
  g_assert_nonnull (strstr (history.out, "Phó Trưởng ban thường trực"));
  /* deciding again: nothing pending */
  toa_member_psql_refused ("ptb", decide, "nothing to decide");
  row = toa_member_psql_ok ("ptb", "SELECT count(*) FROM transition_requests WHERE status = 'pending'");
  g_assert_cmpstr (row, ==, "0");
  toa_pg_board_assert_chain (store);
}

/* Asking straight through the server: only for a transition that needs an approval the
 * person lacks, and only what the generic checker allows. */
static void
test_ask_checked (void)
{
  gint64 id = article_in ("Tin chờ duyệt", "deputy-review");
  g_autofree char *publish = g_strdup_printf ("SELECT request_id FROM toa_ask_transition (%lld, 'publish')", (long long) id);
  g_autofree char *as_other = g_strdup_printf ("SELECT request_id FROM toa_ask_transition (%lld, 'withdraw', "
                                               "p_comment => 'x', p_actor => %lld)",
                                               (long long) id, (long long) toa_member_person_id (store, "ptb"));

  toa_member_psql_refused ("ptb", publish, "needs no approval from you");
  toa_member_psql_refused ("bientap", publish, "needs one of these roles on this site");
  toa_member_psql_refused ("thuky", as_other, "can only act as itself");
}

static void
test_delegate_and_revoke (void)
{
  gint64 id = article_in ("Tin ủy quyền", "deputy-review");
  g_autofree char *number = g_strdup_printf ("%lld", (long long) id);
  g_autofree char *secretary = toa_member_url ("thuky");
  g_autofree char *deputy = toa_member_url ("ptb");
  g_autofree char *today = toa_pg_board_vn_day (0), *tomorrow = toa_pg_board_vn_day (1);
  g_autofree char *forged = g_strdup_printf ("SELECT toa_delegation_add (%lld, %lld, 1, 'publish', '%s', '%s', 0, 'KT')",
                                             (long long) toa_member_person_id (store, "ptb"), (long long) toa_member_person_id (store, "bientap"),
                                             today, tomorrow);
  g_autofree char *row = NULL, *delegation = NULL, *query = NULL, *revoke = NULL, *revoked = NULL;
  g_auto(ToaMemberRun) add = { 0 }, published = { 0 }, thief = { 0 }, undo = { 0 };

  toa_member_psql_refused ("bientap", forged, "Only the delegator themself or the administrator");
  toa_member_cli (&add, deputy, "delegate", "--from", "ptb", "--to", "thuky", "--actions", "publish", "--from-date", today,
       "--to-date", tomorrow, "--form", "tl", "--as", "ptb", NULL);
  g_assert_cmpstr (add.err, ==, "");
  g_assert_cmpint (add.status, ==, 0);
  delegation = toa_member_psql_ok ("thuky", "SELECT max (id) FROM delegations WHERE form = 'TL' AND revoked_at IS NULL");
  g_assert_cmpstr (delegation, !=, "");

  toa_member_cli (&published, secretary, "workflow", "do", number, "publish", "--as", "thuky", NULL);
  g_assert_cmpstr (published.err, ==, "");
  g_assert_cmpint (published.status, ==, 0);
  query = g_strdup_printf ("SELECT pa.login || ' ' || pb.login || ' ' || t.behalf_form FROM article_transitions t "
                           "JOIN people pa ON pa.id = t.actor_id JOIN people pb ON pb.id = t.on_behalf_of "
                           "WHERE t.article_id = %s", number);
  row = toa_member_psql_ok ("ptb", query);
  g_assert_cmpstr (row, ==, "thuky ptb TL");

  /* the delegate cannot revoke it; the delegator can */
  toa_member_cli (&thief, secretary, "delegate", "revoke", delegation, "--as", "thuky", NULL);
  g_assert_cmpint (thief.status, ==, 3);
  revoke = g_strdup_printf ("SELECT toa_delegation_revoke (%s, 0)", delegation);
  toa_member_psql_refused ("thuky", revoke, "Only the delegator or the administrator");
  toa_member_cli (&undo, deputy, "delegate", "revoke", delegation, "--as", "ptb", NULL);
  g_assert_cmpstr (undo.err, ==, "");
  g_assert_cmpint (undo.status, ==, 0);
  g_free (query);
  query = g_strdup_printf ("SELECT revoked_at IS NOT NULL FROM delegations WHERE id = %s", delegation);
  revoked = toa_member_psql_ok ("thuky", query);
  g_assert_cmpstr (revoked, ==, "t");
  toa_pg_board_assert_chain (store);
}

/* The definition of the board's workflow as a file to import. */
static char *
workflow_file (void)
{
  g_autofree char *json = toa_member_psql_ok ("quantri", "SELECT definition_json FROM workflow_definitions "
                                              "WHERE code = (SELECT value FROM board_settings WHERE key = 'default_workflow') "
                                              "ORDER BY version DESC LIMIT 1");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("toa-workflow-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, json, -1, &error));
  return path;
}

static void
test_editor_refused (void)
{
  g_autofree char *editor = toa_member_url ("bientap");
  g_autofree char *file = workflow_file ();
  g_auto(ToaMemberRun) user = { 0 }, wf_default = { 0 }, import = { 0 }, day = { 0 }, unit = { 0 };
  g_autofree char *people = NULL;
  g_autofree char *grant = g_strdup_printf ("SELECT toa_role_grant (%lld, 1, 'standing-deputy')",
                                            (long long) toa_member_person_id (store, "bientap"));

  toa_member_cli (&user, editor, "user", "add", "--login", "moi", "--name", "Người mới", "--role", "editor", NULL);
  g_assert_cmpint (user.status, ==, 3);
  g_assert_nonnull (strstr (user.err, "administrator"));
  toa_member_cli (&wf_default, editor, "workflow", "default", "binh-phuoc-2015", "--as", "bientap", NULL);
  g_assert_cmpint (wf_default.status, ==, 3);
  toa_member_cli (&import, editor, "workflow", "import", file, "--as", "bientap", NULL);
  g_assert_cmpint (import.status, ==, 3);
  toa_member_cli (&day, editor, "calendar", "set-day", "--date", "2031-01-02", "--kind", "day-off", "--as", "bientap", NULL);
  g_assert_cmpint (day.status, ==, 3);
  toa_member_cli (&unit, editor, "unit", "add", "--code", "so-moi", "--name", "Sở mới", NULL);
  g_assert_cmpint (unit.status, ==, 3);
  people = toa_member_psql_ok ("bientap", "SELECT count(*) FROM people WHERE login = 'moi'");
  g_assert_cmpstr (people, ==, "0");

  toa_member_psql_refused ("bientap", "SELECT toa_person_add ('moi', 'Người mới', NULL, false, NULL, true, NULL)",
                "may not add people: only the board’s administrator");
  toa_member_psql_refused ("bientap", grant, "may not grant roles");
  toa_member_psql_refused ("bientap", "SELECT toa_board_setting_set ('default_workflow', 'binh-phuoc-2015', '')",
                "only the board’s administrator");
  toa_member_psql_refused ("bientap", "SELECT toa_workflow_definition_add ('x', 1, 'x', '', '{}', 0, NULL)",
                "may not change workflows");
  toa_member_psql_refused ("bientap", "SELECT toa_calendar_day_set ('2031-01-02', 'day-off', NULL, NULL)",
                "may not change the working-day calendar");
  toa_member_psql_refused ("bientap", "SELECT toa_site_add ('x', 'x', 'component', NULL)", "may not add sites");
  toa_member_psql_refused ("bientap", "SELECT toa_audit_write (1, 'x', 'x', 0, NULL, 1)", "permission denied for function");

  /* direct writes: refused to every member, the administrator included */
  for (guint i = 0; i < 2; i++)
    {
      const char *who = i == 0 ? "bientap" : "quantri";

      toa_member_psql_refused (who, "INSERT INTO people (login, full_name) VALUES ('x', 'x')", "permission denied for table people");
      toa_member_psql_refused (who, "INSERT INTO person_roles (person_id, site_id, role) VALUES (1, 1, 'admin')",
                    "permission denied for table person_roles");
      toa_member_psql_refused (who, "INSERT INTO sites (code, name, kind) VALUES ('x', 'x', 'component')", "permission denied for table sites");
      toa_member_psql_refused (who, "INSERT INTO sections (site_id, code, name) VALUES (1, 'x', 'x')", "permission denied for table sections");
      toa_member_psql_refused (who, "INSERT INTO units (code, name) VALUES ('x', 'x')", "permission denied for table units");
      toa_member_psql_refused (who, "UPDATE board_settings SET value = 'x'", "permission denied for table board_settings");
      toa_member_psql_refused (who, "INSERT INTO calendar_adjustments (day, kind) VALUES ('2031-01-02', 'day-off')",
                    "permission denied for table calendar_adjustments");
      toa_member_psql_refused (who, "INSERT INTO workflow_definitions (code, version, name, definition_json, created_at) "
                         "VALUES ('x', 1, 'x', '{}', 1)", "permission denied for table workflow_definitions");
      toa_member_psql_refused (who, "UPDATE delegations SET revoked_at = NULL", "permission denied for table delegations");
      toa_member_psql_refused (who, "INSERT INTO transition_requests (article_id, transition, from_state, to_state, "
                         "article_version, requested_by, requested_at, status) VALUES (1, 'withdraw', 'published', "
                         "'withdrawn', 1, 1, 1, 'pending')", "permission denied for table transition_requests");
    }
  g_unlink (file);
}

static void
test_admin_allowed (void)
{
  g_autofree char *admin = toa_member_url ("quantri");
  g_autofree char *file = workflow_file ();
  g_autofree char *grant = NULL, *roles = NULL, *setting = NULL, *who = NULL, *creator = NULL, *day_row = NULL;
  g_auto(ToaMemberRun) user = { 0 }, wf_default = { 0 }, back = { 0 }, import = { 0 }, day = { 0 }, unit = { 0 }, verify = { 0 };

  toa_member_cli (&user, admin, "user", "add", "--login", "moi", "--name", "Người mới", "--role", "editor", NULL);
  g_assert_cmpstr (user.err, ==, "");
  g_assert_cmpint (user.status, ==, 0);
  who = toa_member_psql_ok ("ptb", "SELECT p.login || ' ' || a.action FROM audit_log a JOIN people p ON p.id = a.actor_id "
                        "ORDER BY a.seq DESC LIMIT 1");
  g_assert_cmpstr (who, ==, "quantri person.add");
  /* straight through the server: with its audit record in the same transaction (012) */
  grant = g_strdup_printf ("SELECT toa_role_grant (%lld, 1, 'secretary'), toa_audit_append ('role.grant', 'person', %lld, NULL)",
                           (long long) toa_member_person_id (store, "moi"), (long long) toa_member_person_id (store, "moi"));
  g_free (toa_member_psql_ok ("quantri", grant));
  roles = toa_member_psql_ok ("quantri", "SELECT string_agg (r.role, ',' ORDER BY r.role) FROM person_roles r "
                              "JOIN people p ON p.id = r.person_id WHERE p.login = 'moi'");
  g_assert_cmpstr (roles, ==, "editor,secretary");

  toa_member_cli (&wf_default, admin, "workflow", "default", "binh-phuoc-2015", "--as", "quantri", NULL);
  g_assert_cmpstr (wf_default.err, ==, "");
  g_assert_cmpint (wf_default.status, ==, 0);
  setting = toa_member_psql_ok ("bientap", "SELECT value FROM board_settings WHERE key = 'default_workflow'");
  g_assert_cmpstr (setting, ==, "binh-phuoc-2015");
  toa_member_cli (&back, admin, "workflow", "default", "binh-phuoc-2024", "--as", "quantri", NULL);
  g_assert_cmpint (back.status, ==, 0);

  toa_member_cli (&import, admin, "workflow", "import", file, "--as", "quantri", NULL);
  g_assert_cmpstr (import.err, ==, "");
  g_assert_cmpint (import.status, ==, 0);
  creator = toa_member_psql_ok ("bientap", "SELECT p.login FROM workflow_definitions w JOIN people p ON p.id = w.created_by "
                                "ORDER BY w.created_at DESC LIMIT 1");
  g_assert_cmpstr (creator, ==, "quantri");

  toa_member_cli (&day, admin, "calendar", "set-day", "--date", "2031-01-02", "--kind", "day-off", "--note", "Nghỉ bù",
       "--as", "quantri", NULL);
  g_assert_cmpstr (day.err, ==, "");
  g_assert_cmpint (day.status, ==, 0);
  day_row = toa_member_psql_ok ("bientap", "SELECT kind FROM calendar_adjustments WHERE day = '2031-01-02'");
  g_assert_cmpstr (day_row, ==, "day-off");
  toa_member_cli (&unit, admin, "unit", "add", "--code", "so-moi", "--name", "Sở mới", NULL);
  g_assert_cmpstr (unit.err, ==, "");
  g_assert_cmpint (unit.status, ==, 0);

  toa_member_cli (&verify, admin, "audit", "verify", NULL);
  g_assert_cmpint (verify.status, ==, 0);
  toa_pg_board_assert_chain (store);
  g_unlink (file);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_member_run_start (argc, argv, DB, "7Qx");
  board_make ();
  /* The tests share one board and run in this order. */
  g_test_add_func ("/pg-member-admin/withdraw-approved", test_withdraw_approved);
  g_test_add_func ("/pg-member-admin/ask-checked", test_ask_checked);
  g_test_add_func ("/pg-member-admin/delegate-and-revoke", test_delegate_and_revoke);
  g_test_add_func ("/pg-member-admin/editor-refused", test_editor_refused);
  g_test_add_func ("/pg-member-admin/admin-allowed", test_admin_allowed);
  return g_test_run ();
}
