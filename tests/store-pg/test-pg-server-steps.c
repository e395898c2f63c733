/* test-pg-server-steps.c — what the server writes and checks around a step
 * (012-server-steps.sql), tried as members would: `psql` and toasoan-cli signed in with each
 * person's own PostgreSQL account. A portal with an editor (bientap), a secretary (thuky), a
 * standing deputy (ptb) and an accountant (ketoan); a second site (so-y-te) with its editor
 * (khac).
 * - Every step keeps a revision: toa_take_transition and an approved toa_decide_request called
 *   straight from psql write it (the text of the newest revision, by the one who moved the
 *   item, noted "<transition>: <from> → <to>" by the states' codes); through the CLI there is
 *   exactly one per step (the client no longer adds its own), noted as core words it (the
 *   states' names) — also for a request approved through the CLI; a rejected request adds
 *   none; members cannot call the revision's writer themselves.
 * - A delegation checks the delegate's "delegable_to" roles as core does: publishing
 *   (delegable to a secretary) cannot be delegated to the editor, through psql or the CLI;
 *   unknown and undelegable actions, and a delegator without the roles, are refused with
 *   core's reasons.
 * - Commenting needs a role that writes articles on the item's site (toa_articles_comment):
 *   the accountant and the other site's editor are refused; an empty or too long comment too.
 * - A member's transaction that wrote through a server function commits only with an audit
 *   record (appended before or after the write); a write rolled back to a savepoint needs none;
 *   the CLI, which appends its record, goes through.
 * argv[1] is the toasoan-cli program. */
#include <string.h>

#include <gio/gio.h>

#include "toa-articles.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-board.h"
#include "toa-pg-store.h"
#include "toa-pg-member-run.h"
#include "toa-pg-test-server.h"

#define DB "server_steps"

static ToaPgTestServer *server;
static ToaStore *owner;   /* the owner's connection */

/* ---- the board ------------------------------------------------------------------------------ */

static void
board_make (void)
{
  owner = toa_pg_board_create (server, DB);
  toa_pg_board_component (owner, "so-y-te", "Sở Y tế", NULL, NULL);

  toa_member_add (owner, "bientap", "Biên tập viên", "editor");
  toa_member_add (owner, "thuky", "Thư ký", "secretary");
  toa_member_add (owner, "ptb", "Phó Trưởng ban thường trực", "standing-deputy");
  toa_member_add (owner, "ketoan", "Kế toán", "accountant");
  toa_member_add (owner, "khac", "Biên tập viên Sở Y tế", "editor@so-y-te");
}

/* A 'tin' on the portal written by bientap (revision 1), put in @state directly (setup). */
static gint64
article_in (const char *title, const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) editor = toa_store_person_find (owner, "bientap", &error);
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin", .title = title,
                            .body_html = "<p>Nội dung bài viết về cầu Bình Phước.</p>", .body_len = -1 };
  g_autoptr(ToaArticle) article = NULL;

  article = toa_articles_create (owner, editor, &draft, &error);
  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (owner, article, &error));
  g_assert_no_error (error);
  return article->id;
}

/* The revisions of @id, oldest first, one a line: "number author note|title|body". */
static char *
revisions_of (gint64 id)
{
  g_autofree char *query = g_strdup_printf ("SELECT string_agg (r.number || ' ' || COALESCE (p.login, '-') || ' ' "
                                            "|| COALESCE (r.note, '-') || '|' || r.title || '|' || r.body_html, "
                                            "E'\\n' ORDER BY r.number) FROM revisions r "
                                            "LEFT JOIN people p ON p.id = r.author_id WHERE r.article_id = %lld",
                                            (long long) id);

  return toa_member_psql_ok ("bientap", query);
}

/* ---- every step keeps a revision -------------------------------------------------------------- */

static void
test_take_from_psql (void)
{
  gint64 id = article_in ("Khánh thành cầu", "deputy-review");
  g_autofree char *take = g_strdup_printf ("SELECT to_state FROM toa_take_transition (%lld, 'publish')", (long long) id);
  g_autofree char *bare = g_strdup_printf ("SELECT toa_revision_step (%lld)", (long long) id);
  g_autofree char *same_time = g_strdup_printf ("SELECT count(*) FROM revisions r JOIN article_transitions t "
                                                "ON t.article_id = r.article_id AND t.at = r.created_at "
                                                "WHERE r.article_id = %lld AND r.number = 2", (long long) id);
  g_autofree char *state = NULL, *revisions = NULL, *count = NULL;

  /* the revision's writer is the owner's only */
  toa_member_psql_refused ("ptb", bare, "permission denied");
  state = toa_member_psql_ok ("ptb", take);
  g_assert_cmpstr (state, ==, "published");
  revisions = revisions_of (id);
  g_assert_cmpstr (revisions, ==,
                   "1 bientap -|Khánh thành cầu|<p>Nội dung bài viết về cầu Bình Phước.</p>\n"
                   "2 ptb publish: deputy-review → published|Khánh thành cầu|<p>Nội dung bài viết về cầu Bình Phước.</p>");
  count = toa_member_psql_ok ("bientap", same_time);
  g_assert_cmpstr (count, ==, "1");
  toa_pg_board_assert_chain (owner);
}

static void
test_take_from_cli (void)
{
  gint64 id = article_in ("Hội nghị tổng kết", "secretary-review");
  g_autofree char *number = g_strdup_printf ("%lld", (long long) id);
  g_autofree char *secretary = toa_member_url ("thuky");
  g_autofree char *deputy = toa_member_url ("ptb");
  g_autofree char *revisions = NULL;
  g_auto(ToaMemberRun) forward = { 0 }, back = { 0 };

  toa_member_cli (&forward, secretary, "workflow", "do", number, "forward", "--as", "thuky", NULL);
  g_assert_cmpstr (forward.err, ==, "");
  g_assert_cmpint (forward.status, ==, 0);
  toa_member_cli (&back, deputy, "workflow", "do", number, "return", "--target", "secretary-review",
                  "--comment", "Bổ sung số liệu", "--as", "ptb", NULL);
  g_assert_cmpstr (back.err, ==, "");
  g_assert_cmpint (back.status, ==, 0);
  /* one revision per step, no more; noted by core (the states' names, in the CLI's English) */
  revisions = revisions_of (id);
  g_assert_cmpstr (revisions, ==,
                   "1 bientap -|Hội nghị tổng kết|<p>Nội dung bài viết về cầu Bình Phước.</p>\n"
                   "2 thuky forward: Awaiting the secretary → Awaiting the deputy head|Hội nghị tổng kết|<p>Nội dung bài viết về cầu Bình Phước.</p>\n"
                   "3 ptb return: Awaiting the deputy head → Awaiting the secretary|Hội nghị tổng kết|<p>Nội dung bài viết về cầu Bình Phước.</p>");
  toa_pg_board_assert_chain (owner);
}

static void
test_decide_from_psql (void)
{
  gint64 id = article_in ("Tin cần gỡ", "published");
  gint64 other = article_in ("Tin giữ lại", "published");
  g_autofree char *ask = g_strdup_printf ("SELECT request_id FROM toa_ask_transition (%lld, 'withdraw', p_comment => 'Sai số liệu')",
                                          (long long) id);
  g_autofree char *ask_other = g_strdup_printf ("SELECT request_id FROM toa_ask_transition (%lld, 'withdraw', p_comment => 'Trùng tin')",
                                                (long long) other);
  g_autofree char *req = NULL, *req_other = NULL, *decide = NULL, *reject = NULL;
  g_autofree char *status = NULL, *revisions = NULL;

  req = toa_member_psql_ok ("thuky", ask);
  decide = g_strdup_printf ("SELECT status FROM toa_decide_request (%s, true)", req);
  status = toa_member_psql_ok ("ptb", decide);
  g_assert_cmpstr (status, ==, "approved");
  revisions = revisions_of (id);
  g_assert_cmpstr (revisions, ==,
                   "1 bientap -|Tin cần gỡ|<p>Nội dung bài viết về cầu Bình Phước.</p>\n"
                   "2 ptb withdraw: published → withdrawn|Tin cần gỡ|<p>Nội dung bài viết về cầu Bình Phước.</p>");

  /* approved through the CLI: the note names the states */
  {
    gint64 third = article_in ("Tin gỡ qua CLI", "published");
    g_autofree char *ask_third = g_strdup_printf ("SELECT request_id FROM toa_ask_transition (%lld, 'withdraw', p_comment => 'Hết hiệu lực')",
                                                  (long long) third);
    g_autofree char *req_third = toa_member_psql_ok ("thuky", ask_third);
    g_autofree char *deputy = toa_member_url ("ptb");
    g_autofree char *third_revisions = NULL;
    g_auto(ToaMemberRun) approve = { 0 };

    toa_member_cli (&approve, deputy, "workflow", "approve", req_third, "--as", "ptb", NULL);
    g_assert_cmpstr (approve.err, ==, "");
    g_assert_cmpint (approve.status, ==, 0);
    third_revisions = revisions_of (third);
    g_assert_cmpstr (third_revisions, ==,
                     "1 bientap -|Tin gỡ qua CLI|<p>Nội dung bài viết về cầu Bình Phước.</p>\n"
                     "2 ptb withdraw: Published → Withdrawn|Tin gỡ qua CLI|<p>Nội dung bài viết về cầu Bình Phước.</p>");
  }

  /* a rejected request moves nothing and keeps no revision */
  req_other = toa_member_psql_ok ("thuky", ask_other);
  reject = g_strdup_printf ("SELECT status FROM toa_decide_request (%s, false, 'Tin vẫn đúng')", req_other);
  g_clear_pointer (&status, g_free);
  status = toa_member_psql_ok ("ptb", reject);
  g_assert_cmpstr (status, ==, "rejected");
  g_clear_pointer (&revisions, g_free);
  revisions = revisions_of (other);
  g_assert_cmpstr (revisions, ==, "1 bientap -|Tin giữ lại|<p>Nội dung bài viết về cầu Bình Phước.</p>");
  toa_pg_board_assert_chain (owner);
}

/* ---- delegations: the delegate's roles -------------------------------------------------------- */

static char *
delegation_statement (const char *from, const char *to, const char *actions)
{
  g_autofree char *today = toa_pg_board_vn_day (0), *tomorrow = toa_pg_board_vn_day (1);

  return g_strdup_printf ("SELECT toa_delegation_add (%lld, %lld, %lld, '%s', '%s', '%s', 0, 'KT')",
                          (long long) toa_member_person_id (owner, from), (long long) toa_member_person_id (owner, to),
                          (long long) toa_pg_board_site_id (owner, "portal"), actions, today, tomorrow);
}

static void
test_delegable_to (void)
{
  g_autofree char *to_editor = delegation_statement ("ptb", "bientap", "publish");
  g_autofree char *mixed = delegation_statement ("ptb", "thuky", "schedule,publish");
  g_autofree char *unknown = delegation_statement ("ptb", "thuky", "publicize");
  g_autofree char *not_delegable = delegation_statement ("ptb", "thuky", "escalate");
  g_autofree char *not_holder = delegation_statement ("thuky", "bientap", "publish");
  g_autofree char *deputy = toa_member_url ("ptb");
  g_autofree char *today = toa_pg_board_vn_day (0), *tomorrow = toa_pg_board_vn_day (1);
  g_autofree char *id = NULL, *count = NULL;
  g_auto(ToaMemberRun) cli = { 0 };

  toa_member_psql_refused ("ptb", to_editor,
                           "“publish” cannot be delegated to Biên tập viên: the workflow allows it only to a holder of another role");
  toa_member_psql_refused ("ptb", unknown, "has no action “publicize”");
  toa_member_psql_refused ("ptb", not_delegable, "“escalate” cannot be delegated in the workflow");
  toa_member_psql_refused ("thuky", not_holder, "Thư ký cannot delegate “publish”: they do not hold a role");
  /* core refuses the same (exit 3) */
  toa_member_cli (&cli, deputy, "delegate", "--from", "ptb", "--to", "bientap", "--actions", "publish",
                  "--from-date", today, "--to-date", tomorrow, "--as", "ptb", NULL);
  g_assert_cmpint (cli.status, ==, 3);
  count = toa_member_psql_ok ("ptb", "SELECT count(*) FROM delegations");
  g_assert_cmpstr (count, ==, "0");
  /* to the secretary: allowed (with its audit record: 012 part 4) */
  id = toa_member_psql_audited ("ptb", mixed);
  g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), >, 0);
}

/* ---- comments: the right to write articles on the site ---------------------------------------- */

static void
test_comment_right (void)
{
  gint64 id = article_in ("Tin có góp ý", "secretary-review");
  g_autofree char *comment = g_strdup_printf ("SELECT id FROM toa_comment_add (%lld, NULL, 'Nhờ xem lại số liệu', 0, NULL)",
                                              (long long) id);
  g_autofree char *empty = g_strdup_printf ("SELECT id FROM toa_comment_add (%lld, NULL, '   ', 0, NULL)", (long long) id);
  g_autofree char *too_long = g_strdup_printf ("SELECT id FROM toa_comment_add (%lld, NULL, repeat ('ý', 10001), 0, NULL)",
                                               (long long) id);
  g_autofree char *count_query = g_strdup_printf ("SELECT count(*) FROM comments WHERE article_id = %lld", (long long) id);
  g_autofree char *written = NULL, *count = NULL;
  g_autofree char *accountant = toa_member_url ("ketoan");
  g_autofree char *number = g_strdup_printf ("%lld", (long long) id);
  g_auto(ToaMemberRun) cli = { 0 };

  /* the accountant sees the portal's items but does not write articles: core refuses too */
  toa_member_psql_refused ("ketoan", comment, "Kế toán may not write articles on the site “portal”");
  toa_member_cli (&cli, accountant, "comment", "add", number, "--as", "ketoan", "--text", "Tôi muốn góp ý", NULL);
  g_assert_cmpint (cli.status, ==, 3);
  toa_member_psql_refused ("khac", comment, "may not write articles on the site “portal”");
  toa_member_psql_refused ("bientap", empty, "Comment: this field is required");
  toa_member_psql_refused ("bientap", too_long, "Comment: too long");
  written = toa_member_psql_audited ("thuky", comment);
  g_assert_cmpint (g_ascii_strtoll (written, NULL, 10), >, 0);
  count = toa_member_psql_ok ("thuky", count_query);
  g_assert_cmpstr (count, ==, "1");
}

/* ---- no member's change without its audit record ---------------------------------------------- */

static char *
comments_with (gint64 id, const char *body)
{
  g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM comments WHERE article_id = %lld AND body = '%s'",
                                            (long long) id, body);

  return toa_member_psql_ok ("bientap", query);
}

static void
test_audit_at_commit (void)
{
  gint64 id = article_in ("Tin kiểm tra nhật ký", "editing");
  g_autofree char *bare = g_strdup_printf ("SELECT id FROM toa_comment_add (%lld, NULL, 'Không ghi nhật ký', 0, NULL)",
                                           (long long) id);
  g_autofree char *write_first = g_strdup_printf ("BEGIN; SELECT id FROM toa_comment_add (%lld, NULL, 'Ghi sau', 0, NULL); "
                                                  "SELECT toa_audit_append ('article.comment', 'article', %lld, '{\"body\":\"Ghi sau\"}'); "
                                                  "COMMIT", (long long) id, (long long) id);
  g_autofree char *audit_first = g_strdup_printf ("BEGIN; SELECT toa_audit_append ('article.comment', 'article', %lld, '{\"body\":\"Ghi trước\"}'); "
                                                  "SELECT id FROM toa_comment_add (%lld, NULL, 'Ghi trước', 0, NULL); "
                                                  "COMMIT", (long long) id, (long long) id);
  g_autofree char *rolled_back = g_strdup_printf ("BEGIN; SAVEPOINT s; SELECT id FROM toa_comment_add (%lld, NULL, 'Bỏ đi', 0, NULL); "
                                                  "ROLLBACK TO s; COMMIT", (long long) id);
  g_autofree char *count = NULL;
  g_autofree char *editor = toa_member_url ("bientap");
  g_autofree char *number = g_strdup_printf ("%lld", (long long) id);
  g_auto(ToaMemberRun) with = { 0 }, first = { 0 }, undone = { 0 }, cli = { 0 };

  /* a server function alone: refused at COMMIT, nothing kept */
  toa_member_psql_refused ("bientap", bare, "has no audit record, so nothing was saved");
  count = comments_with (id, "Không ghi nhật ký");
  g_assert_cmpstr (count, ==, "0");
  /* the record after the write or before it: both commit */
  toa_member_psql (&with, "bientap", write_first);
  g_assert_cmpint (with.status, ==, 0);
  g_clear_pointer (&count, g_free);
  count = comments_with (id, "Ghi sau");
  g_assert_cmpstr (count, ==, "1");
  toa_member_psql (&first, "bientap", audit_first);
  g_assert_cmpint (first.status, ==, 0);
  g_clear_pointer (&count, g_free);
  count = comments_with (id, "Ghi trước");
  g_assert_cmpstr (count, ==, "1");
  /* a write rolled back to a savepoint needs no record */
  toa_member_psql (&undone, "bientap", rolled_back);
  g_assert_cmpint (undone.status, ==, 0);
  g_clear_pointer (&count, g_free);
  count = comments_with (id, "Bỏ đi");
  g_assert_cmpstr (count, ==, "0");
  /* the app appends its record: the CLI's comment goes through */
  toa_member_cli (&cli, editor, "comment", "add", number, "--as", "bientap", "--text", "Qua CLI", NULL);
  g_assert_cmpstr (cli.err, ==, "");
  g_assert_cmpint (cli.status, ==, 0);
  g_clear_pointer (&count, g_free);
  count = comments_with (id, "Qua CLI");
  g_assert_cmpstr (count, ==, "1");
  toa_pg_board_assert_chain (owner);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_member_run_start (argc, argv, DB, "s12");
  board_make ();
  /* The tests share one board and run in this order. */
  g_test_add_func ("/pg-server-steps/take-from-psql", test_take_from_psql);
  g_test_add_func ("/pg-server-steps/take-from-cli", test_take_from_cli);
  g_test_add_func ("/pg-server-steps/decide-from-psql", test_decide_from_psql);
  g_test_add_func ("/pg-server-steps/delegable-to", test_delegable_to);
  g_test_add_func ("/pg-server-steps/comment-right", test_comment_right);
  g_test_add_func ("/pg-server-steps/audit-at-commit", test_audit_at_commit);
  return g_test_run ();
}
