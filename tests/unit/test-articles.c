/* test-articles.c — creating, saving and commenting on articles as a person, on a
 * temporary SQLite file: rights per site, validation naming the field, NFC at the
 * boundary, revisions, version conflicts and audit records. */
#include <string.h>

#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"

typedef struct {
  char      *dir;
  ToaStore  *store;
  ToaSite   *portal;
  ToaSite   *component;
  ToaPerson *editor;      /* editor on the portal */
  ToaPerson *secretary;   /* secretary on the portal */
  ToaPerson *accountant;  /* accountant on the portal */
} Fixture;

static ToaPerson *
person_with_role (Fixture *f, const char *login, const char *name, const char *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  ToaRoleGrant grant = { 0 };
  ToaPerson *person;

  g_assert_true (toa_people_parse_role (f->store, spec, &grant, &error));
  g_array_append_val (grants, grant);
  person = toa_people_add (f->store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
  g_assert_no_error (error);
  g_free (grant.site_code);
  return person;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ToaSection) news = toa_section_new ();
  g_autoptr(ToaSection) other = toa_section_new ();
  g_autoptr(ToaUnit) unit = toa_unit_new ();

  f->dir = toa_test_make_dir ();
  path = g_build_filename (f->dir, "articles.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  f->portal = toa_store_site_find (f->store, "portal", &error);
  g_assert_no_error (error);

  f->component = toa_site_new ();
  f->component->code = g_strdup ("so-y-te");
  f->component->name = g_strdup ("Trang TTĐT Sở Y tế");
  f->component->kind = g_strdup ("component");
  g_assert_true (toa_store_site_add (f->store, f->component, &error));

  news->site_id = f->portal->id;
  news->code = g_strdup ("tin-tuc-su-kien");
  news->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (f->store, news, &error));
  other->site_id = f->component->id;
  other->code = g_strdup ("y-te");
  other->name = g_strdup ("Y tế");
  g_assert_true (toa_store_section_add (f->store, other, &error));
  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_store_unit_add (f->store, unit, &error));
  g_assert_no_error (error);

  f->editor = person_with_role (f, "mai", "Phạm Thị Mai", "editor");
  f->secretary = person_with_role (f, "lan", "Nguyễn Thị Lan", "secretary@portal");
  f->accountant = person_with_role (f, "tuan", "Đỗ Minh Tuấn", "accountant");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->editor, toa_person_free);
  g_clear_pointer (&f->secretary, toa_person_free);
  g_clear_pointer (&f->accountant, toa_person_free);
  g_clear_pointer (&f->portal, toa_site_free);
  g_clear_pointer (&f->component, toa_site_free);
  g_clear_object (&f->store);
  toa_test_remove_dir (f->dir);
  g_free (f->dir);
}

static ToaArticleDraft
good_draft (void)
{
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien",
    .genre = "tin",
    .title = "  Bình Phước họp bàn kế hoạch năm 2026  ",
    .sapo = "Sáng nay, Ủy ban nhân dân tỉnh họp.",
    .body_html = "<p>Nội dung.</p>",
    .body_len = -1,
  };
  return draft;
}

static gint64
audit_count (ToaStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  g_assert_true (toa_audit_verify (store, &count, NULL, &error));
  g_assert_no_error (error);
  return count;
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = good_draft ();
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaArticle) stored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(ToaAuditRecord) last = NULL;
  gint64 before = audit_count (f->store);
  const ToaAuthorShare *author;
  const ToaRevision *revision;

  draft.unit_code = "so-noi-vu";
  draft.info_kind = "news";
  draft.attribution = "Theo Cổng TTĐT tỉnh Bình Phước";
  article = toa_articles_create (f->store, f->editor, &draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_cmpint (article->id, >, 0);
  g_assert_cmpstr (article->state, ==, "draft");
  g_assert_cmpint (article->version, ==, 1);
  g_assert_cmpstr (article->title, ==, "Bình Phước họp bàn kế hoạch năm 2026");
  g_assert_cmpstr (article->language, ==, "vi");
  g_assert_cmpint (article->site_id, ==, f->portal->id);
  g_assert_cmpint (article->created_by, ==, f->editor->id);

  stored = toa_store_article_get (f->store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->title, ==, article->title);
  g_assert_cmpstr (stored->genre, ==, "tin");
  g_assert_cmpstr (stored->info_kind, ==, "news");
  g_assert_cmpstr (stored->attribution, ==, "Theo Cổng TTĐT tỉnh Bình Phước");
  g_assert_cmpstr (stored->body_html, ==, "<p>Nội dung.</p>");
  g_assert_cmpint (stored->source_unit_id, >, 0);
  g_assert_cmpuint (stored->authors->len, ==, 1);
  author = &g_array_index (stored->authors, ToaAuthorShare, 0);
  g_assert_cmpint (author->person_id, ==, f->editor->id);
  g_assert_cmpint (author->share_bp, ==, 10000);

  revisions = toa_store_revision_list (f->store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  revision = g_ptr_array_index (revisions, 0);
  g_assert_cmpint (revision->number, ==, 1);
  g_assert_cmpstr (revision->title, ==, article->title);
  g_assert_cmpint (revision->author_id, ==, f->editor->id);

  g_assert_cmpint (audit_count (f->store), ==, before + 1);
  last = toa_store_audit_last (f->store, &error);
  g_assert_cmpstr (last->action, ==, "article.create");
  g_assert_cmpint (last->object_id, ==, article->id);
  g_assert_cmpint (last->actor_id, ==, f->editor->id);
  g_assert_nonnull (strstr (last->detail, "\"state\":\"draft\""));
}

static void
test_create_nfc_and_english (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = good_draft ();
  g_autoptr(ToaArticle) article = NULL;
  const char *body = "<p>Ho\xcc\x80" "a bi\xcc\x80nh</p>tail that is not part of the body";

  draft.title = "Thu\xcc\x89y lo\xcc\x9b\xcc\xa3i";   /* decomposed "Thủy lợi" */
  draft.body_html = body;
  draft.body_len = (gssize) strlen ("<p>Ho\xcc\x80" "a bi\xcc\x80nh</p>");
  draft.language = "en";
  article = toa_articles_create (f->store, f->secretary, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Thủy lợi");
  g_assert_cmpstr (article->language, ==, "en");
  {
    g_autoptr(ToaArticle) stored = toa_store_article_get (f->store, article->id, &error);
    g_assert_cmpstr (stored->body_html, ==, "<p>Hòa bình</p>");
  }
}

static void
expect_create_error (Fixture *f, const ToaPerson *actor, const ToaArticleDraft *draft,
                     int code, const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = toa_articles_create (f->store, actor, draft, &error);

  g_assert_null (article);
  g_assert_error (error, TOA_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” not in “%s”", in_message, error->message);
}

static void
test_create_invalid (Fixture *f, gconstpointer data)
{
  gint64 before = audit_count (f->store);
  g_autofree char *long_title = NULL;
  GString *title = g_string_new (NULL);
  ToaArticleDraft draft;

  draft = good_draft ();
  expect_create_error (f, f->accountant, &draft, TOA_ERROR_PERMISSION, "Đỗ Minh Tuấn");

  draft = good_draft ();
  draft.site_code = "so-y-te";
  draft.section_code = "y-te";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_PERMISSION, "Trang TTĐT Sở Y tế");

  draft = good_draft ();
  draft.site_code = "khong-co";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_NOT_FOUND, "khong-co");

  draft = good_draft ();
  draft.section_code = "y-te";   /* a section of another site */
  expect_create_error (f, f->editor, &draft, TOA_ERROR_NOT_FOUND, "y-te");

  draft = good_draft ();
  draft.section_code = NULL;
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, NULL);

  draft = good_draft ();
  draft.genre = "phong-su-dac-biet";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_NOT_FOUND, "phong-su-dac-biet");

  draft = good_draft ();
  draft.language = "fr";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, "fr");

  draft = good_draft ();
  draft.unit_code = "so-khong-co";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_NOT_FOUND, "so-khong-co");

  draft = good_draft ();
  draft.info_kind = "rumours";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_NOT_FOUND, "rumours");

  draft = good_draft ();
  draft.title = "   ";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, NULL);

  draft = good_draft ();
  draft.title = NULL;
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, NULL);

  while (g_utf8_strlen (title->str, -1) <= 300)
    g_string_append (title, "Tiêu đề dài ");
  long_title = g_string_free (title, FALSE);
  draft = good_draft ();
  draft.title = long_title;
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, "300");

  draft = good_draft ();
  draft.body_html = "<p>Đúng</p>\xff<p>sai</p>";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, "byte 13");

  draft = good_draft ();
  draft.body_html = "ab\0cd";
  draft.body_len = 5;
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, "byte 2");

  draft = good_draft ();
  draft.sapo = "\xe1\xba";
  expect_create_error (f, f->editor, &draft, TOA_ERROR_INVALID, "byte 0");

  g_assert_cmpint (audit_count (f->store), ==, before);
  {
    g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (toa_store_article_count (f->store, query, &error), ==, 0);
  }
}

static void
test_save (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = good_draft ();
  g_autoptr(ToaArticle) mine = toa_articles_create (f->store, f->editor, &draft, &error);
  g_autoptr(ToaArticle) theirs = NULL;
  g_autoptr(ToaArticle) stored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(ToaAuditRecord) last = NULL;
  gint64 before;

  g_assert_no_error (error);
  theirs = toa_store_article_get (f->store, mine->id, &error);
  before = audit_count (f->store);

  /* the secretary saves first */
  g_free (theirs->title);
  theirs->title = g_strdup ("Bình Phước: kế hoạch năm 2026");
  g_assert_true (toa_articles_save (f->store, f->secretary, theirs, "Sửa tiêu đề", &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs->version, ==, 2);

  /* the editor's copy is stale */
  g_free (mine->sapo);
  mine->sapo = g_strdup ("Sapo mới.");
  g_assert_false (toa_articles_save (f->store, f->editor, mine, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Nguyễn Thị Lan"));
  g_assert_cmpint (mine->version, ==, 1);
  g_clear_error (&error);

  /* reload and save again */
  g_clear_object (&mine);
  mine = toa_store_article_get (f->store, theirs->id, &error);
  g_free (mine->body_html);
  mine->body_html = g_strdup ("<p>Ba\xcc\x80i vie\xcc\x82\xcc\x81t</p>");
  g_assert_true (toa_articles_save (f->store, f->editor, mine, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, ==, 3);

  stored = toa_store_article_get (f->store, mine->id, &error);
  g_assert_cmpstr (stored->title, ==, "Bình Phước: kế hoạch năm 2026");
  g_assert_cmpstr (stored->body_html, ==, "<p>Bài viết</p>");
  g_assert_cmpint (stored->version, ==, 3);

  revisions = toa_store_revision_list (f->store, mine->id, &error);
  g_assert_cmpuint (revisions->len, ==, 3);
  g_assert_cmpstr (((ToaRevision *) g_ptr_array_index (revisions, 1))->note, ==, "Sửa tiêu đề");

  g_assert_cmpint (audit_count (f->store), ==, before + 2);
  last = toa_store_audit_last (f->store, &error);
  g_assert_cmpstr (last->action, ==, "article.save");
  g_assert_cmpint (last->actor_id, ==, f->editor->id);

  /* the accountant may not */
  g_free (stored->title);
  stored->title = g_strdup ("Khác");
  g_assert_false (toa_articles_save (f->store, f->accountant, stored, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);

  /* an empty title is refused */
  g_free (stored->title);
  stored->title = g_strdup (" ");
  g_assert_false (toa_articles_save (f->store, f->editor, stored, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
}

/* A save takes rights and everything but the text from the stored article: the caller's
 * copy cannot move the article to a site where the person has rights, or change its state. */
static void
test_save_ignores_forged_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = good_draft ();
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaArticle) stored = NULL;
  g_autoptr(ToaPerson) component_editor = person_with_role (f, "hoa", "Lê Thị Hoa", "editor@so-y-te");
  gint64 before;

  draft.title = "Tin của Cổng tỉnh";
  article = toa_articles_create (f->store, f->secretary, &draft, &error);
  g_assert_no_error (error);
  before = audit_count (f->store);

  /* an editor of the component site claims the portal's article is on their site */
  article->site_id = f->component->id;
  g_free (article->title);
  article->title = g_strdup ("Sửa trái phép");
  g_assert_false (toa_articles_save (f->store, component_editor, article, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);

  /* the secretary saves with a forged state and site: only the text changes */
  g_free (article->state);
  article->state = g_strdup ("published");
  g_assert_true (toa_articles_save (f->store, f->secretary, article, NULL, &error));
  g_assert_no_error (error);
  stored = toa_store_article_get (f->store, article->id, &error);
  g_assert_cmpstr (stored->title, ==, "Sửa trái phép");
  g_assert_cmpstr (stored->state, ==, "draft");
  g_assert_cmpint (stored->site_id, ==, f->portal->id);
  g_assert_cmpint (audit_count (f->store), ==, before + 1);   /* the refused save wrote nothing */

  /* an inactive person may not write */
  f->secretary->active = FALSE;
  g_assert_false (toa_articles_save (f->store, f->secretary, stored, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
}

static void
test_comment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = good_draft ();
  g_autoptr(ToaArticle) article = toa_articles_create (f->store, f->editor, &draft, &error);
  g_autoptr(ToaComment) comment = NULL;
  g_autoptr(ToaComment) denied = NULL;
  g_autoptr(ToaComment) missing = NULL;
  g_autoptr(GPtrArray) comments = NULL;

  comment = toa_articles_comment (f->store, f->secretary, article->id,
                                  "Kiểm tra lại số liệu ở đoạn 2.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (comment->id, >, 0);
  comments = toa_store_comment_list (f->store, article->id, &error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (((ToaComment *) g_ptr_array_index (comments, 0))->body, ==,
                   "Kiểm tra lại số liệu ở đoạn 2.");

  denied = toa_articles_comment (f->store, f->accountant, article->id, "Ý kiến", &error);
  g_assert_null (denied);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);

  missing = toa_articles_comment (f->store, f->secretary, 999999, "Ý kiến", &error);
  g_assert_null (missing);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* @login names people in a comment (once each; an e-mail address is not a mention; a
 * sentence's final dot is not part of the login); an unknown login is refused, unsaved. */
static void
test_comment_mentions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = good_draft ();
  g_autoptr(ToaArticle) article = toa_articles_create (f->store, f->editor, &draft, &error);
  g_autoptr(ToaComment) comment = NULL;
  g_autoptr(ToaComment) unknown = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  const ToaComment *stored;

  comment = toa_articles_comment (f->store, f->secretary, article->id,
                                  "@MAI xem lại ảnh; @tuan kiểm tra nhuận bút. Gửi lan@so.gov.vn và @mai.",
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comment->mentions->len, ==, 2);
  g_assert_cmpint (g_array_index (comment->mentions, gint64, 0), ==, f->editor->id);
  g_assert_cmpint (g_array_index (comment->mentions, gint64, 1), ==, f->accountant->id);

  comments = toa_store_comment_list (f->store, article->id, &error);
  stored = g_ptr_array_index (comments, 0);
  g_assert_cmpuint (stored->mentions->len, ==, 2);
  g_assert_nonnull (strstr (stored->mention_names, "Phạm Thị Mai"));
  g_assert_nonnull (strstr (stored->mention_names, "Đỗ Minh Tuấn"));

  unknown = toa_articles_comment (f->store, f->secretary, article->id, "Hỏi @khongco nhé", &error);
  g_assert_null (unknown);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "khongco"));
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = toa_store_comment_list (f->store, article->id, NULL);
  g_assert_cmpuint (comments->len, ==, 1);
}

int
main (int argc, char **argv)
{
  /* the assertions read English messages: never pick up an installed catalogue */
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/articles/create", test_create);
  ADD ("/articles/create-nfc-english", test_create_nfc_and_english);
  ADD ("/articles/create-invalid", test_create_invalid);
  ADD ("/articles/save", test_save);
  ADD ("/articles/save-ignores-forged-fields", test_save_ignores_forged_fields);
  ADD ("/articles/comment", test_comment);
  ADD ("/articles/comment-mentions", test_comment_mentions);
#undef ADD

  return g_test_run ();
}
