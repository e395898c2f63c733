/* test-pg-member-articles.c — members write articles through the server functions of
 * 006-member-articles.sql (issue 4 point 2), tested the way a member would: `psql` (the real
 * client, a subprocess) and toasoan-cli signed in with their own PostgreSQL account.
 * The board, made through core on the owner's connection: the portal with an editor
 * (bientap), a secretary (thuky) and an accountant (ketoan), and a second site (so-y-te)
 * with its own editor (khac). As members: a direct INSERT into articles is refused; creating
 * an article through toa_article_create works on one's own site and is refused on another
 * site, as someone else, and to the accountant; a save cannot move an item; a comment with
 * a mention; intake with a stored file (content-addressed: a wrong address is refused) and an
 * attachment. Through core on the editor's connection: a save, and a conflicting save over
 * an older version. Through the CLI: article create, comment add, intake add --attachment and
 * the reply letter work for the editor, each act audited exactly once as the editor, and audit
 * verify passes; the accountant cannot create articles nor write the letter (exit 3). argv[1] is the toasoan-cli program. */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "toa-articles.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-board.h"
#include "toa-pg-store.h"
#include "toa-pg-member-run.h"
#include "toa-pg-test-server.h"
#include "toa-role.h"

#define DB "member_articles"

static ToaPgTestServer *server;
static ToaStore *owner;       /* the owner's connection (the test server's superuser) */

/* The statement must succeed with the output @expected. */
static void
psql_is (const char *login, const char *statement, const char *expected)
{
  g_autofree char *out = toa_member_psql_ok (login, statement);

  g_assert_cmpstr (out, ==, expected);
}

static void
psql_audited_is (const char *login, const char *statement, const char *expected)
{
  g_autofree char *out = toa_member_psql_audited (login, statement);

  g_assert_cmpstr (out, ==, expected);
}

/* toasoan-cli signed in as @login, with the arguments after it (NULL-terminated); out stripped. */
static void
cli (ToaMemberRun *run, const char *login, const char *first, ...)
{
  g_autofree char *url = toa_member_url (login);
  va_list args;

  va_start (args, first);
  toa_member_cli_valist (run, url, first, args);
  va_end (args);
  g_strstrip (run->out);
}

static void
board_make (void)
{
  owner = toa_pg_board_create (server, DB);
  toa_pg_board_component (owner, "so-y-te", "Sở Y tế", "tin-y-te", "Tin y tế");

  toa_member_add (owner, "bientap", "Biên tập viên", "editor");
  toa_member_add (owner, "thuky", "Thư ký", "secretary");
  toa_member_add (owner, "ketoan", "Kế toán", "accountant");
  toa_member_add (owner, "khac", "Biên tập viên Sở Y tế", "editor@so-y-te");
}

/* SELECT … FROM toa_article_create on @site as @created_by (0: NULL) in @state, by bientap's
 * authorship; returns the statement. */
static char *
create_statement (const char *site, gint64 created_by, const char *state, const char *title)
{
  g_autofree char *by = created_by != 0 ? g_strdup_printf ("%lld", (long long) created_by) : g_strdup ("NULL");

  return g_strdup_printf ("SELECT id FROM toa_article_create ((SELECT id FROM sites WHERE code = '%s'), NULL, "
                          "'tin', 'vi', NULL, NULL, '%s', lower ('%s'), '', '<p>Nội dung</p>', NULL, '%s', %s, "
                          "0, 0, 0, '{%lld}'::bigint[], '{author}'::text[], '{10000}'::bigint[])",
                          site, title, title, state, by, (long long) toa_member_person_id (owner, "bientap"));
}

/* ---- the tests ------------------------------------------------------------------------------ */

/* The server's copy of who writes articles agrees with core's (toa-role.c). */
static void
test_roles_agree (void)
{
  for (ToaRole role = 0; role < TOA_N_ROLES; role++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT toa_role_writes_articles ('%s')", toa_role_code (role));
      g_autofree char *answer = toa_member_psql_ok ("bientap", query);

      g_assert_cmpstr (answer, ==, toa_role_can_write_articles (role) ? "t" : "f");
    }
}

static void
test_psql_create (void)
{
  g_autofree char *mine = create_statement ("portal", 0, "draft", "Tin viết qua psql");
  g_autofree char *theirs = create_statement ("so-y-te", 0, "draft", "Tin sai trang");
  g_autofree char *as_other = create_statement ("portal", toa_member_person_id (owner, "thuky"), "draft", "Tin mạo danh");
  g_autofree char *published = create_statement ("portal", 0, "published", "Tin xuất bản thẳng");
  g_autofree char *id = NULL;
  g_autofree char *query = NULL;
  g_autofree char *row = NULL;
  g_autofree char *move = NULL;
  g_autofree char *save = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *revisions = NULL;

  toa_member_psql_refused ("bientap", "INSERT INTO articles (site_id, genre, title, title_fold, state, created_at, updated_at) "
                           "VALUES (1, 'tin', 'x', 'x', 'draft', 1, 1)", "permission denied for table articles");
  toa_member_psql_refused ("bientap", "INSERT INTO revisions (article_id, number, title, created_at) VALUES (1, 9, 'x', 1)",
                "permission denied for table revisions");
  toa_member_psql_refused ("bientap", theirs, "may not write articles on the site “Sở Y tế”");
  toa_member_psql_refused ("bientap", as_other, "can only write as itself");
  toa_member_psql_refused ("bientap", published, "starts as a draft");
  toa_member_psql_refused ("ketoan", mine, "may not write articles on the site");
  {
    /* a section of another site */
    g_autofree char *wrong_section = g_strdup_printf ("SELECT id FROM toa_article_create ((SELECT id FROM sites WHERE code = 'portal'), "
                                                      "(SELECT id FROM sections WHERE code = 'tin-y-te'), 'tin', 'vi', NULL, NULL, "
                                                      "'Tin lạc mục', 'tin lac muc', '', '', NULL, 'draft', NULL, 0, 0, 0, NULL, NULL, NULL)");

    toa_member_psql_refused ("bientap", wrong_section, "is not a section of this site");
  }
  toa_member_psql_refused ("bientap", "SELECT toa_audit_write (1, 'x', 'x', 0, NULL, 1)", "permission denied for function");

  id = toa_member_psql_audited ("bientap", mine);
  g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), >, 0);
  query = g_strdup_printf ("SELECT p.login || ' ' || a.state || ' ' || a.version || ' ' || "
                           "(SELECT string_agg (person_id || ':' || share_bp, ',') FROM article_authors WHERE article_id = a.id) "
                           "FROM articles a JOIN people p ON p.id = a.created_by WHERE a.id = %s", id);
  row = toa_member_psql_ok ("thuky", query);
  {
    g_autofree char *expected = g_strdup_printf ("bientap draft 1 %lld:10000", (long long) toa_member_person_id (owner, "bientap"));

    g_assert_cmpstr (row, ==, expected);
  }
  /* the other site's editor does not even see it */
  g_clear_pointer (&row, g_free);
  row = toa_member_psql_ok ("khac", query);
  g_assert_cmpstr (row, ==, "");

  /* a revision as its author; a save cannot move the item; a save on the right version works */
  revision = g_strdup_printf ("SELECT number FROM toa_revision_add (%s, 'Tin viết qua psql', '', '<p>Nội dung</p>', NULL, 0, NULL)", id);
  psql_audited_is ("bientap", revision, "1");
  toa_member_psql_refused ("khac", revision, "may not write articles on the site");
  move = g_strdup_printf ("SELECT version FROM toa_article_save (%s, 1, (SELECT site_id FROM articles WHERE id = %s), "
                          "NULL, 'tin', 'vi', NULL, NULL, 'Tin', 'tin', '', '', NULL, 'published', "
                          "(SELECT created_by FROM articles WHERE id = %s), (SELECT created_at FROM articles WHERE id = %s), "
                          "0, 0, NULL, NULL, NULL)", id, id, id, id);
  toa_member_psql_refused ("bientap", move, "Saving an article changes its text and authors only");
  save = g_strdup_printf ("SELECT version FROM toa_article_save (%s, 1, (SELECT site_id FROM articles WHERE id = %s), "
                          "NULL, 'tin', 'vi', NULL, NULL, 'Tin đã sửa', 'tin da sua', '', '', NULL, 'draft', "
                          "(SELECT created_by FROM articles WHERE id = %s), (SELECT created_at FROM articles WHERE id = %s), "
                          "0, 0, '{%lld}'::bigint[], '{author}'::text[], '{10000}'::bigint[])",
                          id, id, id, id, (long long) toa_member_person_id (owner, "bientap"));
  saved = toa_member_psql_audited ("bientap", save);
  g_assert_cmpstr (saved, ==, "2");
  /* the same save again is over an older version: nothing changes */
  g_clear_pointer (&saved, g_free);
  saved = toa_member_psql_audited ("bientap", save);
  g_assert_cmpstr (saved, ==, "");
  revisions = g_strdup_printf ("SELECT count(*) FROM revisions WHERE article_id = %s", id);
  psql_is ("bientap", revisions, "1");
}

static void
test_psql_comment (void)
{
  g_autofree char *create = create_statement ("portal", 0, "draft", "Tin có góp ý");
  g_autofree char *id = toa_member_psql_audited ("bientap", create);
  g_autofree char *comment = g_strdup_printf ("SELECT id FROM toa_comment_add (%s, NULL, 'Nhờ @thuky xem', 0, '{%lld}'::bigint[])",
                                              id, (long long) toa_member_person_id (owner, "thuky"));
  g_autofree char *forged = g_strdup_printf ("SELECT id FROM toa_comment_add (%s, %lld, 'Tôi là thư ký', 0, NULL)",
                                             id, (long long) toa_member_person_id (owner, "thuky"));
  g_autofree char *comment_id = NULL;
  g_autofree char *query = NULL;
  g_autofree char *row = NULL;

  toa_member_psql_refused ("bientap", forged, "can only write as itself");
  toa_member_psql_refused ("khac", comment, "may not write articles on the site");
  comment_id = toa_member_psql_audited ("bientap", comment);
  query = g_strdup_printf ("SELECT p.login || ' ' || c.body || ' ' || "
                           "(SELECT string_agg (mp.login, ',') FROM comment_mentions m JOIN people mp ON mp.id = m.person_id "
                           " WHERE m.comment_id = c.id) FROM comments c JOIN people p ON p.id = c.person_id WHERE c.id = %s",
                           comment_id);
  row = toa_member_psql_ok ("thuky", query);
  g_assert_cmpstr (row, ==, "bientap Nhờ @thuky xem thuky");
  /* the accountant sees the portal's items but, as in core (toa_articles_comment), may not
   * comment: that takes a role that writes articles on the site (012-server-steps.sql) */
  toa_member_psql_refused ("ketoan", comment, "Kế toán may not write articles on the site “portal”");
}

static void
test_psql_intake (void)
{
  g_autofree char *create = create_statement ("portal", 0, "received", "Công văn đề nghị đăng tin");
  g_autofree char *id = toa_member_psql_audited ("bientap", create);
  g_autofree char *record = g_strdup_printf ("SELECT toa_intake_record_add (%s, 'email', NULL, 'Sở Tư pháp', '12/STP', "
                                             "'2026-11-20', NULL, '[\"cong-van.pdf\"]', NULL, 0) > 0", id);
  g_autofree char *attach = g_strdup_printf ("SELECT toa_article_attachment_add (%s, 1, 'cong-van.pdf', "
                                             "encode (sha256 (convert_to ('%%PDF-1.4 công văn', 'UTF8')), 'hex'), NULL, 0) > 0", id);
  g_autofree char *deadline = g_strdup_printf ("SELECT toa_article_deadline_set (%s, '2026-11-27')", id);
  g_autofree char *letter = g_strdup_printf ("SELECT toa_intake_reply_letter_set (%s, 'Kính gửi Sở Tư pháp')", id);
  g_autofree char *query = g_strdup_printf ("SELECT r.channel || ' ' || a.deadline || ' ' || r.reply_letter || ' ' || "
                                            "f.size || ' ' || t.file_name || ' ' || p.login FROM intake_records r "
                                            "JOIN articles a ON a.id = r.article_id "
                                            "JOIN article_attachments t ON t.article_id = a.id "
                                            "JOIN stored_files f ON f.sha256 = t.sha256 "
                                            "JOIN people p ON p.id = t.added_by WHERE r.article_id = %s", id);
  g_autofree char *row = NULL;

  toa_member_psql_refused ("khac", record, "may not write articles on the site");
  psql_audited_is ("bientap", record, "t");
  toa_member_psql_refused ("bientap", "SELECT toa_stored_file_put (repeat ('0', 64), 'application/pdf', "
                           "convert_to ('%PDF-1.4 công văn', 'UTF8'), 0)", "does not have that SHA-256");
  toa_member_psql_refused ("ketoan", "SELECT toa_stored_file_put (encode (sha256 (convert_to ('%PDF-1.4 công văn', 'UTF8')), 'hex'), "
                          "'application/pdf', convert_to ('%PDF-1.4 công văn', 'UTF8'), 0)", "may not store files");
  g_free (toa_member_psql_audited ("bientap", "SELECT toa_stored_file_put (encode (sha256 (convert_to ('%PDF-1.4 công văn', 'UTF8')), 'hex'), "
                      "'application/pdf', convert_to ('%PDF-1.4 công văn', 'UTF8'), 0)"));
  toa_member_psql_refused ("khac", attach, "may not write articles on the site");
  psql_audited_is ("bientap", attach, "t");
  toa_member_psql_refused ("khac", deadline, "may not write articles on the site");
  psql_audited_is ("bientap", deadline, "t");
  toa_member_psql_refused ("ketoan", letter, "may not write articles on the site");
  psql_audited_is ("bientap", letter, "t");
  row = toa_member_psql_ok ("thuky", query);
  {
    g_autofree char *expected = g_strdup_printf ("email 2026-11-27 Kính gửi Sở Tư pháp %d cong-van.pdf bientap",
                                                 (int) strlen ("%PDF-1.4 công văn"));

    g_assert_cmpstr (row, ==, expected);
  }
  /* nothing above wrote the audit log behind anyone's back: the chain still verifies */
  toa_pg_board_assert_chain (owner);
}

/* How many audit records of @action on article @id, and by whom (the logins, joined). */
static char *
audit_of (const char *action, const char *id)
{
  g_autofree char *query = g_strdup_printf ("SELECT count(*) || ' ' || COALESCE (string_agg (p.login, ','), '') "
                                            "FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id "
                                            "WHERE a.action = '%s' AND a.object_id = %s", action, id);

  return toa_member_psql_ok ("thuky", query);
}

static void
test_cli (void)
{
  g_autofree char *dir = g_dir_make_tmp ("toa-member-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "giay-moi.pdf", NULL);
  const char *content = "%PDF-1.4 giấy mời họp báo";
  g_auto(ToaMemberRun) created = { 0 }, commented = { 0 }, intake = { 0 }, verify = { 0 }, refused = { 0 };
  g_auto(ToaMemberRun) letter = { 0 }, no_letter = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *intake_id = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *files = NULL;
  g_autofree char *query = NULL;

  g_assert_true (g_file_set_contents (file, content, -1, NULL));

  cli (&created, "bientap", "article", "create", "--as", "bientap", "--title", "Tin từ dòng lệnh",
       "--genre", "tin", "--section", "tin-tuc-su-kien", NULL);
  g_assert_cmpstr (created.err, ==, "");
  g_assert_cmpint (created.status, ==, 0);
  id = g_strdup_printf ("%lld", (long long) g_ascii_strtoll (created.out, NULL, 10));
  g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), >, 0);
  audit = audit_of ("article.create", id);
  g_assert_cmpstr (audit, ==, "1 bientap");

  cli (&commented, "bientap", "comment", "add", id, "--as", "bientap", "--text", "Nhờ @thuky duyệt giúp", NULL);
  g_assert_cmpstr (commented.err, ==, "");
  g_assert_cmpint (commented.status, ==, 0);
  g_clear_pointer (&audit, g_free);
  audit = audit_of ("article.comment", id);
  g_assert_cmpstr (audit, ==, "1 bientap");

  cli (&intake, "bientap", "intake", "add", "--as", "bientap", "--title", "Giấy mời họp báo",
       "--genre", "tin", "--section", "tin-tuc-su-kien", "--channel", "email", "--sender", "Sở Văn hóa",
       "--received", "2026-11-20", "--attachment", file, NULL);
  g_assert_cmpstr (intake.err, ==, "");
  g_assert_cmpint (intake.status, ==, 0);
  intake_id = g_strdup_printf ("%lld", (long long) g_ascii_strtoll (intake.out, NULL, 10));
  query = g_strdup_printf ("SELECT t.file_name || ' ' || f.size || ' ' || p.login FROM article_attachments t "
                           "JOIN stored_files f ON f.sha256 = t.sha256 JOIN people p ON p.id = t.added_by "
                           "WHERE t.article_id = %s", intake_id);
  files = toa_member_psql_ok ("thuky", query);
  {
    g_autofree char *expected = g_strdup_printf ("giay-moi.pdf %d bientap", (int) strlen (content));

    g_assert_cmpstr (files, ==, expected);
  }

  /* the reply letter: the editor may write it (registering on the site), the accountant not */
  cli (&letter, "bientap", "intake", "letter", intake_id, "--reason", "out-of-remit", "--as", "bientap", NULL);
  g_assert_cmpstr (letter.err, ==, "");
  g_assert_cmpint (letter.status, ==, 0);
  g_clear_pointer (&audit, g_free);
  audit = audit_of ("intake.reply-letter", intake_id);
  g_assert_cmpstr (audit, ==, "1 bientap");
  cli (&no_letter, "ketoan", "intake", "letter", intake_id, "--reason", "out-of-remit", "--as", "ketoan", NULL);
  g_assert_cmpint (no_letter.status, ==, 3);

  cli (&verify, "bientap", "audit", "verify", NULL);
  g_assert_cmpint (verify.status, ==, 0);
  toa_pg_board_assert_chain (owner);

  cli (&refused, "ketoan", "article", "create", "--as", "ketoan", "--title", "Tin của kế toán",
       "--genre", "tin", "--section", "tin-tuc-su-kien", NULL);
  g_assert_cmpint (refused.status, ==, 3);

  g_unlink (file);
  g_rmdir (dir);
}

/* Saving through core on the editor's own connection: a new revision and version, the act
 * audited once as the editor; a second save over the older version is a conflict naming who
 * saved first, and nothing of it is written. */
static void
test_core_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) member = toa_member_store ("bientap");
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaArticle) stale = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autofree char *id = NULL;
  g_autofree char *audit = NULL;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Tin sửa qua ứng dụng" };

  g_assert_no_error (error);
  editor = toa_store_person_find (member, "bientap", &error);
  g_assert_no_error (error);
  article = toa_articles_create (member, editor, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (article->created_by, ==, editor->id);
  stale = toa_store_article_get (member, article->id, &error);
  g_assert_no_error (error);

  g_free (article->title);
  article->title = g_strdup ("Tin đã sửa qua ứng dụng");
  g_assert_true (toa_articles_save (member, editor, article, "sửa tít", &error));
  g_assert_no_error (error);
  g_assert_cmpint (article->version, ==, 2);
  revisions = toa_store_revision_list (member, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revisions->len, ==, 2);
  g_assert_cmpstr (((ToaRevision *) revisions->pdata[1])->note, ==, "sửa tít");
  g_assert_cmpint (((ToaRevision *) revisions->pdata[1])->author_id, ==, editor->id);
  id = g_strdup_printf ("%lld", (long long) article->id);
  audit = audit_of ("article.save", id);
  g_assert_cmpstr (audit, ==, "1 bientap");

  g_free (stale->title);
  stale->title = g_strdup ("Tin ghi đè");
  g_assert_false (toa_articles_save (member, editor, stale, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&audit, g_free);
  audit = audit_of ("article.save", id);
  g_assert_cmpstr (audit, ==, "1 bientap");
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = toa_store_revision_list (member, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revisions->len, ==, 2);
  toa_pg_board_assert_chain (owner);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_member_run_start (argc, argv, DB, "member");
  board_make ();
  /* The tests share one board. */
  g_test_add_func ("/pg-member-articles/roles-agree", test_roles_agree);
  g_test_add_func ("/pg-member-articles/psql-create", test_psql_create);
  g_test_add_func ("/pg-member-articles/psql-comment", test_psql_comment);
  g_test_add_func ("/pg-member-articles/psql-intake", test_psql_intake);
  g_test_add_func ("/pg-member-articles/core-save", test_core_save);
  g_test_add_func ("/pg-member-articles/cli", test_cli);
  return g_test_run ();
}
