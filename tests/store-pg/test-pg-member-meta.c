/* test-pg-member-meta.c — a member saves an article's metadata whole on PostgreSQL
 * (010-article-tags.sql): through core on the member's own connection (tags and authors with
 * shares come back; the act audited once as the member), through `psql` (the server checks
 * again: tags only through toa_article_tags_write and only on one's own site; shares must add
 * up to 100 %; an item in a locked state is not saved) and through `toasoan-cli article edit`
 * (exit 0 for the editor; 2 for the other site's editor, who does not see the item). argv[1] is the toasoan-cli program. */
#include <string.h>

#include "toa-articles.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-board.h"
#include "toa-pg-store.h"
#include "toa-pg-member-run.h"
#include "toa-pg-test-server.h"

#define DB "member_meta"

static ToaPgTestServer *server;
static ToaStore *owner;

static void
board_make (void)
{
  owner = toa_pg_board_create (server, DB);
  toa_pg_board_component (owner, "so-y-te", "Trang TTĐT Sở Y tế", NULL, NULL);
  toa_member_add (owner, "bientap", "Trần Văn Biên", "editor");
  toa_member_add (owner, "nhiepanh", "Lê Thị Ảnh", "technician");
  toa_member_add (owner, "khac", "Ngô Văn Khác", "editor@so-y-te");
}

static void
test_core_and_psql (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) member = toa_member_store ("bientap");
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaArticle) reread = NULL;
  g_autoptr(ToaArticle) locked = NULL;
  g_autofree char *tags_write = NULL;
  g_autofree char *bad_shares = NULL;
  g_autofree char *locked_save = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *audits = NULL;
  g_autofree char *audit_sql = NULL;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Tin có thẻ" };
  const char *tags[] = { "Bình Phước", "y tế", NULL };
  gint64 photographer = toa_member_person_id (owner, "nhiepanh");

  g_assert_no_error (error);
  editor = toa_store_person_find (member, "bientap", &error);
  g_assert_no_error (error);
  article = toa_articles_create (member, editor, &draft, &error);
  g_assert_no_error (error);

  toa_article_set_tags (article, tags);
  g_array_set_size (article->authors, 0);
  toa_article_add_author (article, editor->id, NULL, "author", 6667);
  toa_article_add_author (article, photographer, NULL, "photographer", 3333);
  g_assert_true (toa_articles_save (member, editor, article, "thêm thẻ", &error));
  g_assert_no_error (error);

  reread = toa_store_article_get (member, article->id, &error);    /* read as the member (RLS) */
  g_assert_no_error (error);
  g_assert_cmpuint (reread->tags->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (reread->tags, 1), ==, "y tế");
  g_assert_cmpuint (reread->authors->len, ==, 2);
  g_assert_cmpint (g_array_index (reread->authors, ToaAuthorShare, 1).share_bp, ==, 3333);
  audit_sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'article.save' AND object_id = %lld",
                               (long long) article->id);
  audits = toa_member_psql_ok ("bientap", audit_sql);
  g_assert_cmpstr (audits, ==, "1");

  /* tags only through the server function, and only on one's own site */
  insert = g_strdup_printf ("INSERT INTO article_tags VALUES (%lld, 5, 'x', 'x')", (long long) article->id);
  toa_member_psql_refused ("bientap", insert, "permission denied");
  tags_write = g_strdup_printf ("SELECT toa_article_tags_write (%lld, '{x}', '{x}')", (long long) article->id);
  toa_member_psql_refused ("khac", tags_write, "may not write articles on the site");

  /* the server checks the shares again */
  bad_shares = g_strdup_printf ("SELECT version FROM toa_article_save (%lld, %lld, (SELECT site_id FROM articles WHERE id = %lld), "
                                "(SELECT section_id FROM articles WHERE id = %lld), 'tin', 'vi', NULL, NULL, 'Tin', 'tin', '', '', NULL, 'draft', "
                                "%lld, (SELECT created_at FROM articles WHERE id = %lld), 0, 0, "
                                "'{%lld}'::bigint[], '{author}'::text[], '{5000}'::bigint[])",
                                (long long) article->id, (long long) article->version, (long long) article->id,
                                (long long) article->id, (long long) editor->id, (long long) article->id,
                                (long long) editor->id);
  toa_member_psql_refused ("bientap", bad_shares, "must add up to 100");

  /* a published item is not saved, by core nor on the server */
  locked = toa_store_article_get (owner, article->id, &error);
  g_free (locked->state);
  locked->state = g_strdup ("published");
  g_assert_true (toa_store_article_update (owner, locked, &error));
  g_assert_no_error (error);
  g_assert_false (toa_articles_may_edit (member, editor, article->id, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  locked_save = g_strdup_printf ("SELECT version FROM toa_article_save (%lld, %lld, (SELECT site_id FROM articles WHERE id = %lld), "
                                 "(SELECT section_id FROM articles WHERE id = %lld), 'tin', 'vi', NULL, NULL, 'Tin', 'tin', '', '', NULL, 'published', "
                                 "%lld, (SELECT created_at FROM articles WHERE id = %lld), 0, 0, "
                                 "'{%lld}'::bigint[], '{author}'::text[], '{10000}'::bigint[])",
                                 (long long) article->id, (long long) locked->version, (long long) article->id,
                                 (long long) article->id, (long long) editor->id, (long long) article->id,
                                 (long long) editor->id);
  toa_member_psql_refused ("bientap", locked_save, "no longer edited directly");
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(ToaMemberRun) created = { 0 };
  g_auto(ToaMemberRun) edited = { 0 };
  g_auto(ToaMemberRun) refused = { 0 };
  g_auto(ToaMemberRun) shown = { 0 };
  g_autofree char *url = toa_member_url ("bientap");
  g_autofree char *other = toa_member_url ("khac");
  g_autofree char *id = NULL;

  toa_member_cli (&created, url, "article", "create", "--as", "bientap", "--title", "Tin qua CLI",
                  "--genre", "tin", "--section", "tin-tuc-su-kien", NULL);
  g_assert_cmpint (created.status, ==, 0);
  id = g_strstrip (g_strdup (created.out));
  toa_member_cli (&edited, url, "article", "edit", id, "--as", "bientap", "--version", "1",
                  "--tag", "kinh tế", "--author", "bientap:author:50", "--author", "nhiepanh:photographer:50",
                  NULL);
  g_assert_cmpstr (edited.err, ==, "");
  g_assert_cmpint (edited.status, ==, 0);
  toa_member_cli (&refused, other, "article", "edit", id, "--as", "khac", "--version", "2", "--tag", "x", NULL);
  /* the other site's editor does not even see the portal's item (row-level security) */
  g_assert_cmpint (refused.status, ==, 2);
  g_assert_nonnull (strstr (refused.err, "No article has the number"));
  toa_member_cli (&shown, url, "article", "show", id, NULL);
  g_assert_cmpint (shown.status, ==, 0);
  g_assert_nonnull (strstr (shown.out, "kinh tế"));
  g_assert_nonnull (strstr (shown.out, "Lê Thị Ảnh (photographer, 50 %)"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_member_run_start (argc, argv, DB, "meta");
  board_make ();
  g_test_add_func ("/pg-member-meta/core-and-psql", test_core_and_psql);
  g_test_add_func ("/pg-member-meta/cli", test_cli);
  return g_test_run ();
}
