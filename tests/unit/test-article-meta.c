/* test-article-meta.c — an article's metadata saved whole (toa_articles_save): every field
 * the editor shows comes back as saved, the body sanitised, authors with shares and tags
 * validated, who may edit when (toa_articles_may_edit), conflicts naming who saved first,
 * a revision and an audit record naming the fields changed. On SQLite and, with
 * TOA_TEST_PG=1, on PostgreSQL (toa-test-board.h). */
#include <string.h>

#include "toa-articles.h"
#include "toa-error.h"
#include "toa-sanitize.h"
#include "toa-test-board.h"
#include "toa-test-util.h"

static ToaArticle *
fresh_article (ToaTestBoard *b)
{
  g_autoptr(GError) error = NULL;
  gint64 id = toa_test_board_article (b, "tin", NULL, NULL);
  ToaArticle *article = toa_store_article_get (b->store, id, &error);

  g_assert_no_error (error);
  return article;
}

static gint64
add_section (ToaTestBoard *b, const char *site_code, const char *code, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) site = toa_store_site_find (b->store, site_code, &error);
  g_autoptr(ToaSection) section = toa_section_new ();

  g_assert_no_error (error);
  section->site_id = site->id;
  section->code = g_strdup (code);
  section->name = g_strdup (name);
  g_assert_true (toa_store_section_add (b->store, section, &error));
  g_assert_no_error (error);
  return section->id;
}

static void
set_text (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
test_save_whole (ToaTestBoard *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = fresh_article (b);
  g_autoptr(ToaArticle) stored = NULL;
  g_autoptr(ToaUnit) unit = toa_unit_new ();
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(ToaAuditRecord) last = NULL;
  g_autofree char *expected_body = NULL;
  ToaPerson *editor = toa_test_board_person (b, "editor");
  ToaPerson *tech = toa_test_board_person (b, "technician");
  const char *body = "<p>Sáng 23/11, <b>UBND tỉnh</b> họp.</p><script>alert(1)</script>"
                     "<p onclick=\"x()\">Kết luận.</p>";
  const char *tags[] = { "Bình Phước", "bình phước", "  kinh   tế ", "", "ca", "cá", NULL };
  gint64 section_id = add_section (b, "portal", "kinh-te", "Kinh tế");
  const ToaAuthorShare *share;

  unit->code = g_strdup ("so-nong-nghiep");
  unit->name = g_strdup ("Sở Nông nghiệp và Phát triển nông thôn");
  g_assert_true (toa_store_unit_add (b->store, unit, &error));
  g_assert_no_error (error);

  set_text (&article->title, "Bình Phước tổng kết năm 2026");
  set_text (&article->sapo, "Sapo của bài.");
  set_text (&article->body_html, body);
  article->section_id = section_id;
  set_text (&article->genre, "bai");
  set_text (&article->language, "en");
  article->source_unit_id = unit->id;
  set_text (&article->info_kind, "law-guidance");
  set_text (&article->attribution, "Theo Sở Nông nghiệp");
  g_array_set_size (article->authors, 0);
  toa_article_add_author (article, editor->id, NULL, "author", 7000);
  toa_article_add_author (article, tech->id, NULL, "photographer", 3000);
  toa_article_set_tags (article, tags);

  g_assert_true (toa_articles_save (b->store, editor, article, "Biên tập lần 1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (article->version, ==, 2);

  stored = toa_store_article_get (b->store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, "Bình Phước tổng kết năm 2026");
  g_assert_cmpstr (stored->sapo, ==, "Sapo của bài.");
  expected_body = toa_sanitize_html (body, -1, TOA_SANITIZE_IMPORT, NULL);
  g_assert_cmpstr (stored->body_html, ==, expected_body);
  g_assert_null (strstr (stored->body_html, "<script"));
  g_assert_null (strstr (stored->body_html, "onclick"));
  g_assert_nonnull (strstr (stored->body_html, "UBND tỉnh"));
  g_assert_cmpint (stored->section_id, ==, section_id);
  g_assert_cmpstr (stored->section_name, ==, "Kinh tế");
  g_assert_cmpstr (stored->genre, ==, "bai");
  g_assert_cmpstr (stored->language, ==, "en");
  g_assert_cmpint (stored->source_unit_id, ==, unit->id);
  g_assert_cmpstr (stored->info_kind, ==, "law-guidance");
  g_assert_cmpstr (stored->attribution, ==, "Theo Sở Nông nghiệp");
  g_assert_cmpstr (stored->state, ==, "draft");

  g_assert_cmpuint (stored->authors->len, ==, 2);
  share = &g_array_index (stored->authors, ToaAuthorShare, 0);
  g_assert_cmpint (share->person_id, ==, editor->id);
  g_assert_cmpstr (share->role, ==, "author");
  g_assert_cmpint (share->share_bp, ==, 7000);
  share = &g_array_index (stored->authors, ToaAuthorShare, 1);
  g_assert_cmpint (share->person_id, ==, tech->id);
  g_assert_cmpstr (share->role, ==, "photographer");
  g_assert_cmpstr (share->name, ==, "Người technician");

  /* repeats ignoring case dropped, spaces collapsed, empty dropped; diacritics matter */
  g_assert_cmpuint (stored->tags->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 0), ==, "Bình Phước");
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 1), ==, "kinh tế");
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 2), ==, "ca");
  g_assert_cmpstr (g_ptr_array_index (stored->tags, 3), ==, "cá");
  /* the caller's copy shows what was saved */
  g_assert_cmpuint (article->tags->len, ==, 4);
  g_assert_cmpstr (article->body_html, ==, expected_body);

  revisions = toa_store_revision_list (b->store, article->id, &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpstr (((ToaRevision *) g_ptr_array_index (revisions, 1))->note, ==, "Biên tập lần 1");
  last = toa_store_audit_last (b->store, &error);
  g_assert_cmpstr (last->action, ==, "article.save");
  g_assert_cmpint (last->actor_id, ==, editor->id);
  g_assert_nonnull (strstr (last->detail, "\"changed\":\"title,sapo,body,section,genre,language,unit,info_kind,attribution,authors,tags\""));
  g_assert_nonnull (strstr (last->detail, "\"tags\":\"Bình Phước, kinh tế, ca, cá\""));
  {
    g_autofree char *authors = g_strdup_printf ("\"authors\":\"%lld:author:7000;%lld:photographer:3000\"",
                                                (long long) editor->id, (long long) tech->id);

    g_assert_nonnull (strstr (last->detail, authors));
  }

  /* a second save that removes the tags and the unit, with one author back */
  g_ptr_array_set_size (article->tags, 0);
  article->source_unit_id = 0;
  g_array_set_size (article->authors, 0);
  toa_article_add_author (article, editor->id, NULL, "author", 10000);
  g_assert_true (toa_articles_save (b->store, editor, article, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = toa_store_article_get (b->store, article->id, &error);
  g_assert_cmpuint (stored->tags->len, ==, 0);
  g_assert_cmpint (stored->source_unit_id, ==, 0);
  g_assert_cmpuint (stored->authors->len, ==, 1);
  g_clear_pointer (&last, toa_audit_record_free);
  last = toa_store_audit_last (b->store, &error);
  g_assert_nonnull (strstr (last->detail, "\"changed\":\"unit,authors,tags\""));
}

/* Every refused save names the field and writes nothing. */
static void
assert_refused (ToaTestBoard *b, ToaArticle *article, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) stored = NULL;
  gint64 version = article->version;

  g_assert_false (toa_articles_save (b->store, toa_test_board_person (b, "editor"), article, NULL, &error));
  g_assert_error (error, TOA_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not name “%s”", error->message, fragment);
  g_assert_cmpint (article->version, ==, version);
  stored = toa_store_article_get (b->store, article->id, NULL);
  g_assert_cmpint (stored->version, ==, version);
}

static void
test_authors_checked (ToaTestBoard *b, gconstpointer data)
{
  g_autoptr(ToaArticle) article = fresh_article (b);
  ToaPerson *editor = toa_test_board_person (b, "editor");
  ToaPerson *tech = toa_test_board_person (b, "technician");

  g_array_set_size (article->authors, 0);
  toa_article_add_author (article, editor->id, NULL, "author", 6000);
  toa_article_add_author (article, tech->id, NULL, "author", 3000);
  assert_refused (b, article, TOA_ERROR_INVALID, "90.00 %");

  g_array_set_size (article->authors, 0);
  toa_article_add_author (article, 999999, NULL, "author", 10000);
  assert_refused (b, article, TOA_ERROR_INVALID, "999999");

  g_array_set_size (article->authors, 0);
  toa_article_add_author (article, editor->id, NULL, "editor", 10000);
  assert_refused (b, article, TOA_ERROR_INVALID, "“editor”");

  g_array_set_size (article->authors, 0);
  toa_article_add_author (article, editor->id, NULL, "author", 5000);
  toa_article_add_author (article, editor->id, NULL, "author", 5000);
  assert_refused (b, article, TOA_ERROR_INVALID, "twice");

  g_array_set_size (article->authors, 0);
  assert_refused (b, article, TOA_ERROR_INVALID, "at least one author");

  /* the same person as author and photographer is fine */
  toa_article_add_author (article, editor->id, NULL, "author", 5000);
  toa_article_add_author (article, editor->id, NULL, "photographer", 5000);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (toa_articles_save (b->store, editor, article, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_fields_checked (ToaTestBoard *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = fresh_article (b);
  g_autoptr(ToaSite) component = toa_site_new ();
  gint64 section_id = article->section_id;
  gint64 foreign_section;

  component->code = g_strdup ("so-y-te");
  component->name = g_strdup ("Trang TTĐT Sở Y tế");
  component->kind = g_strdup ("component");
  g_assert_true (toa_store_site_add (b->store, component, &error));
  g_assert_no_error (error);
  foreign_section = add_section (b, "so-y-te", "y-te", "Y tế");

  article->section_id = foreign_section;
  assert_refused (b, article, TOA_ERROR_INVALID, "not a section of the site");
  article->section_id = 0;
  assert_refused (b, article, TOA_ERROR_INVALID, NULL);
  article->section_id = section_id;

  set_text (&article->genre, "khong-co");
  assert_refused (b, article, TOA_ERROR_INVALID, "khong-co");
  set_text (&article->genre, "tin");

  set_text (&article->language, "fr");
  assert_refused (b, article, TOA_ERROR_INVALID, "fr");
  set_text (&article->language, "vi");

  set_text (&article->info_kind, "khong-co");
  assert_refused (b, article, TOA_ERROR_INVALID, "khong-co");
  g_clear_pointer (&article->info_kind, g_free);

  article->source_unit_id = 424242;
  assert_refused (b, article, TOA_ERROR_INVALID, "424242");
  article->source_unit_id = 0;

  set_text (&article->title, "  ");
  assert_refused (b, article, TOA_ERROR_INVALID, NULL);
}

static void
test_tags_limits (ToaTestBoard *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = fresh_article (b);
  g_autoptr(GString) long_tag = g_string_new (NULL);

  /* the seeded rule: at most 10 tags of at most 60 characters */
  for (int i = 0; i < 11; i++)
    {
      g_autofree char *tag = g_strdup_printf ("thẻ %d", i);

      toa_article_add_tag (article, tag);
    }
  assert_refused (b, article, TOA_ERROR_INVALID, "11");
  g_ptr_array_set_size (article->tags, 10);
  g_assert_true (toa_articles_save (b->store, toa_test_board_person (b, "editor"), article, NULL, &error));
  g_assert_no_error (error);

  for (int i = 0; i < 61; i++)
    g_string_append (long_tag, "ễ");
  g_ptr_array_set_size (article->tags, 0);
  toa_article_add_tag (article, long_tag->str);
  assert_refused (b, article, TOA_ERROR_INVALID, "60");

  /* the limits are the board's data */
  g_assert_true (toa_store_board_setting_set (b->store, "article_tag_rules",
                                              "{\"max_tags\": 2, \"max_chars\": 100}", "test", &error));
  g_assert_no_error (error);
  g_assert_true (toa_articles_save (b->store, toa_test_board_person (b, "editor"), article, NULL, &error));
  g_assert_no_error (error);
  toa_article_add_tag (article, "hai");
  toa_article_add_tag (article, "ba");
  assert_refused (b, article, TOA_ERROR_INVALID, "3 tags");
}

static void
test_may_edit (ToaTestBoard *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) draft = fresh_article (b);
  g_autoptr(ToaArticle) published = NULL;
  ToaPerson *editor = toa_test_board_person (b, "editor");
  gint64 published_id = toa_test_board_article (b, "tin", "published", NULL);

  g_assert_true (toa_articles_may_edit (b->store, editor, draft->id, &error));
  g_assert_no_error (error);
  g_assert_true (toa_articles_may_edit (b->store, toa_test_board_person (b, "secretary"), draft->id, &error));
  g_assert_no_error (error);

  g_assert_false (toa_articles_may_edit (b->store, toa_test_board_person (b, "accountant"), draft->id, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_false (toa_articles_may_edit (b->store, editor, published_id, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "workflow"));
  g_clear_error (&error);

  g_assert_false (toa_articles_may_edit (b->store, editor, 987654, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* the save refuses what may_edit refuses */
  published = toa_store_article_get (b->store, published_id, &error);
  set_text (&published->title, "Sửa bài đã đăng");
  assert_refused (b, published, TOA_ERROR_PERMISSION, "workflow");

  /* the locked states are the board's data */
  g_assert_true (toa_store_board_setting_set (b->store, "article_edit_locked_states", "[\"draft\"]",
                                              "test", &error));
  g_assert_false (toa_articles_may_edit (b->store, editor, draft->id, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (toa_articles_may_edit (b->store, editor, published_id, &error));
  g_assert_no_error (error);
}

static void
test_conflict (ToaTestBoard *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) mine = fresh_article (b);
  g_autoptr(ToaArticle) theirs = toa_article_copy (mine);

  toa_article_add_tag (theirs, "của thư ký");
  g_assert_true (toa_articles_save (b->store, toa_test_board_person (b, "secretary"), theirs, NULL, &error));
  g_assert_no_error (error);

  toa_article_add_tag (mine, "của biên tập viên");
  g_assert_false (toa_articles_save (b->store, toa_test_board_person (b, "editor"), mine, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Người secretary"));
  g_assert_cmpint (mine->version, ==, 1);
  g_clear_error (&error);
  g_clear_object (&theirs);
  theirs = toa_store_article_get (b->store, mine->id, &error);
  g_assert_cmpuint (theirs->tags->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (theirs->tags, 0), ==, "của thư ký");
}

static void
test_create_sanitizes (ToaTestBoard *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *body = "<p>Tin <a href=\"javascript:alert(1)\">xấu</a></p><iframe src=\"http://x\"></iframe>";
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Tin nhập", .body_html = body, .body_len = -1,
  };
  g_autoptr(ToaArticle) article = toa_articles_create (b->store, toa_test_board_person (b, "editor"), &draft, &error);
  g_autofree char *expected = toa_sanitize_html (body, -1, TOA_SANITIZE_IMPORT, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (article->body_html, ==, expected);
  g_assert_null (strstr (article->body_html, "javascript:"));
  g_assert_null (strstr (article->body_html, "<iframe"));
  g_assert_nonnull (strstr (article->body_html, "xấu"));
}

static void
test_copy (void)
{
  g_autoptr(ToaArticle) article = toa_article_new ();
  g_autoptr(ToaArticle) copy = NULL;

  article->id = 7;
  article->title = g_strdup ("Tiêu đề");
  article->version = 3;
  toa_article_add_author (article, 2, "Mai", "translator", 10000);
  toa_article_add_tag (article, "thẻ");
  copy = toa_article_copy (article);
  toa_article_add_tag (article, "khác");
  g_assert_cmpint (copy->id, ==, 7);
  g_assert_cmpint (copy->version, ==, 3);
  g_assert_cmpstr (copy->title, ==, "Tiêu đề");
  g_assert_cmpuint (copy->authors->len, ==, 1);
  g_assert_cmpstr (g_array_index (copy->authors, ToaAuthorShare, 0).role, ==, "translator");
  g_assert_cmpuint (copy->tags->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/article-meta/copy", test_copy);
#define ADD(path, func) \
  g_test_add ("/article-meta/" path, ToaTestBoard, NULL, toa_test_board_set_up, func, toa_test_board_tear_down)
  ADD ("save-whole", test_save_whole);
  ADD ("authors-checked", test_authors_checked);
  ADD ("fields-checked", test_fields_checked);
  ADD ("tags-limits", test_tags_limits);
  ADD ("may-edit", test_may_edit);
  ADD ("conflict", test_conflict);
  ADD ("create-sanitizes", test_create_sanitizes);
#undef ADD
  return g_test_run ();
}
