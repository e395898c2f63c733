/* test-pg-articles.c — the PostgreSQL store's article methods (toa-pg-articles.c,
 * toa-pg-list.c) on a real server, through core and the store methods: create, save and
 * the version conflict, authors and shares, revisions, comments with mentions, and the list
 * with every filter, sort and direction, keyset paging against offset paging, and search.
 * Every step also runs on an SQLite store made the same way, and the two backends must
 * answer alike (same ids, same order, same counts): SQLite is the reference. */
#include <string.h>

#include <glib/gstdio.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-reference.h"
#include "toa-sqlite-store.h"

static ToaPgTestServer *server;

/* ---- a board on both backends ----------------------------------------------------------- */

typedef struct {
  ToaStore  *store;
  ToaPerson *editor;      /* "bientap": editor on both sites */
  ToaPerson *secretary;   /* "thuky": secretary on the portal */
  gint64     portal_id;
  gint64     district_id;
  gint64     section_ids[3];   /* two on the portal, one on the district */
  gint64     unit_id;
} Side;

typedef struct {
  Side  pg;
  Side  lite;
  char *dir;
} Board;

static GArray *
grants (ToaStore *store, const char *first, ...)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  va_list args;

  va_start (args, first);
  for (const char *spec = first; spec != NULL; spec = va_arg (args, const char *))
    {
      g_autoptr(GError) error = NULL;
      ToaRoleGrant grant = { 0 };

      g_assert_true (toa_people_parse_role (store, spec, &grant, &error));
      g_assert_no_error (error);
      g_free (grant.site_code);
      grant.site_code = NULL;
      g_array_append_val (list, grant);
    }
  va_end (args);
  return list;
}

static gint64
add_section (ToaStore *store, gint64 site_id, const char *code, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();

  section->site_id = site_id;
  section->code = g_strdup (code);
  section->name = g_strdup (name);
  g_assert_true (toa_reference_add_section (store, 0, section, &error));
  g_assert_no_error (error);
  return section->id;
}

static void
side_fill (Side *side, ToaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSite) district = toa_site_new ();
  g_autoptr(ToaUnit) unit = toa_unit_new ();
  g_autoptr(GArray) editor_roles = NULL;
  g_autoptr(GArray) secretary_roles = NULL;

  side->store = store;
  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (store, "portal", &error);
  g_assert_no_error (error);
  side->portal_id = portal->id;
  district->code = g_strdup ("dong-xoai");
  district->name = g_strdup ("Trang TTĐT thành phố Đồng Xoài");
  g_assert_true (toa_reference_add_site (store, 0, district, &error));
  g_assert_no_error (error);
  side->district_id = district->id;
  side->section_ids[0] = add_section (store, side->portal_id, "tin-tuc", "Tin tức - Sự kiện");
  side->section_ids[1] = add_section (store, side->portal_id, "kinh-te", "Kinh tế");
  side->section_ids[2] = add_section (store, side->district_id, "tin-dia-phuong", "Tin địa phương");
  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_reference_add_unit (store, 0, unit, &error));
  g_assert_no_error (error);
  side->unit_id = unit->id;

  editor_roles = grants (store, "editor", "editor@dong-xoai", NULL);
  side->editor = toa_people_add (store, 0, "bientap", "Nguyễn Văn Biên", NULL, FALSE, NULL,
                                 editor_roles, NULL, &error);
  g_assert_no_error (error);
  secretary_roles = grants (store, "secretary", NULL);
  side->secretary = toa_people_add (store, 0, "thuky", "Trần Thị Thư", NULL, FALSE, NULL,
                                    secretary_roles, NULL, &error);
  g_assert_no_error (error);
}

static void
side_clear (Side *side)
{
  g_clear_object (&side->store);
  g_clear_pointer (&side->editor, toa_person_free);
  g_clear_pointer (&side->secretary, toa_person_free);
}

static void
board_set_up (Board *b, gconstpointer data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("articles_%u", ++counter);
  g_autofree char *url = NULL;
  g_autofree char *path = NULL;
  ToaStore *store;

  toa_pg_test_server_create_db (server, name, &error);
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, name);
  store = TOA_STORE (toa_pg_store_open (url, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);
  side_fill (&b->pg, store);

  b->dir = g_dir_make_tmp ("toa-pg-articles-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (b->dir, "reference.db", NULL);
  store = TOA_STORE (toa_sqlite_store_open (path, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);
  side_fill (&b->lite, store);

  /* the same steps give the same ids on both */
  g_assert_cmpint (b->pg.district_id, ==, b->lite.district_id);
  g_assert_cmpint (b->pg.section_ids[2], ==, b->lite.section_ids[2]);
  g_assert_cmpint (b->pg.secretary->id, ==, b->lite.secretary->id);
}

static void
board_tear_down (Board *b, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  side_clear (&b->pg);
  side_clear (&b->lite);
  dir = g_dir_open (b->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (b->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (b->dir);
  g_free (b->dir);
}

/* ---- comparing the backends ------------------------------------------------------------- */

static void
assert_same_article (const ToaArticle *a, const ToaArticle *b, gboolean times)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->site_id, ==, b->site_id);
  g_assert_cmpstr (a->site_code, ==, b->site_code);
  g_assert_cmpint (a->section_id, ==, b->section_id);
  g_assert_cmpstr (a->section_name, ==, b->section_name);
  g_assert_cmpstr (a->genre, ==, b->genre);
  g_assert_cmpstr (a->language, ==, b->language);
  g_assert_cmpint (a->source_unit_id, ==, b->source_unit_id);
  g_assert_cmpstr (a->source_unit_name, ==, b->source_unit_name);
  g_assert_cmpstr (a->info_kind, ==, b->info_kind);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->sapo, ==, b->sapo);
  g_assert_cmpstr (a->body_html, ==, b->body_html);
  g_assert_cmpstr (a->attribution, ==, b->attribution);
  g_assert_cmpstr (a->state, ==, b->state);
  g_assert_cmpint (a->created_by, ==, b->created_by);
  g_assert_cmpstr (a->created_by_name, ==, b->created_by_name);
  g_assert_cmpint (a->version, ==, b->version);
  if (times)
    {
      g_assert_cmpint (a->created_at, ==, b->created_at);
      g_assert_cmpint (a->updated_at, ==, b->updated_at);
      g_assert_cmpint (a->published_at, ==, b->published_at);
    }
  g_assert_cmpuint (a->authors != NULL ? a->authors->len : 0, ==, b->authors != NULL ? b->authors->len : 0);
  for (guint i = 0; a->authors != NULL && i < a->authors->len; i++)
    {
      const ToaAuthorShare *x = &g_array_index (a->authors, ToaAuthorShare, i);
      const ToaAuthorShare *y = &g_array_index (b->authors, ToaAuthorShare, i);

      g_assert_cmpint (x->person_id, ==, y->person_id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->role, ==, y->role);
      g_assert_cmpint (x->share_bp, ==, y->share_bp);
    }
}

static ToaArticle *
get (ToaStore *store, gint64 id)
{
  g_autoptr(GError) error = NULL;
  ToaArticle *article = toa_store_article_get (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

/* The ids of a list, as "1,5,3". */
static char *
ids_text (GPtrArray *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((ToaArticle *) list->pdata[i])->id);
  return g_string_free (text, FALSE);
}

static GPtrArray *
list (ToaStore *store, const ToaArticleQuery *query, ToaArticle *after, guint offset, guint limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *result = toa_store_article_list (store, query, after, offset, limit, &error);

  if (error != NULL)
    g_error ("list (text “%s”, sort %d) failed: %s", query->text != NULL ? query->text : "",
             query->sort, error->message);
  g_assert_nonnull (result);
  return result;
}

static gint64
count (ToaStore *store, const ToaArticleQuery *query)
{
  g_autoptr(GError) error = NULL;
  gint64 n = toa_store_article_count (store, query, &error);

  if (error != NULL)
    g_error ("count (text “%s”) failed: %s", query->text != NULL ? query->text : "", error->message);
  return n;
}

/* Pages of @size by keyset (@keyset) or offset, joined. */
static char *
paged_ids (ToaStore *store, const ToaArticleQuery *query, guint size, gboolean keyset)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ToaArticle) last = NULL;
  guint offset = 0;

  for (;;)
    {
      g_autoptr(GPtrArray) page = list (store, query, keyset ? last : NULL,
                                            keyset ? (last != NULL ? 999 : 0) : offset, size);
      g_autofree char *ids = ids_text (page);

      if (page->len == 0)
        break;
      g_assert_cmpuint (page->len, <=, size);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", ids);
      g_set_object (&last, page->pdata[page->len - 1]);
      offset += page->len;
    }
  return g_strdup (text->str);
}

/* Lists and counts @query on both backends: the same ids in the same order, whole and
 * paged both ways; returns the ids. */
static char *
assert_same_list (Board *b, const ToaArticleQuery *query)
{
  g_autoptr(GPtrArray) pg = list (b->pg.store, query, NULL, 0, 0);
  g_autoptr(GPtrArray) lite = list (b->lite.store, query, NULL, 0, 0);
  g_autofree char *pg_ids = ids_text (pg);
  g_autofree char *lite_ids = ids_text (lite);
  g_autofree char *keyset = NULL;
  g_autofree char *offset = NULL;

  if (g_strcmp0 (pg_ids, lite_ids) != 0)
    g_error ("text “%s” sort %d %s site %lld state %s: PostgreSQL [%s], SQLite [%s]",
             query->text != NULL ? query->text : "", query->sort,
             query->descending ? "desc" : "asc", (long long) query->site_id,
             query->state != NULL ? query->state : "-", pg_ids, lite_ids);
  for (guint i = 0; i < pg->len; i++)
    {
      g_assert_null (((ToaArticle *) pg->pdata[i])->body_html);
      assert_same_article (pg->pdata[i], lite->pdata[i], TRUE);
    }
  g_assert_cmpint (count (b->pg.store, query), ==, count (b->lite.store, query));
  if (query->count_limit == 0)
    g_assert_cmpint (count (b->pg.store, query), ==, pg->len);

  keyset = paged_ids (b->pg.store, query, 3, TRUE);
  offset = paged_ids (b->pg.store, query, 3, FALSE);
  g_assert_cmpstr (keyset, ==, pg_ids);
  g_assert_cmpstr (offset, ==, pg_ids);
  return g_steal_pointer (&pg_ids);
}

/* ---- create, save, conflict, authors, revisions ------------------------------------------- */

static ToaArticle *
create (Side *side, const char *title)
{
  g_autoptr(GError) error = NULL;
  ToaArticleDraft draft = {
    .section_code = "kinh-te", .genre = "bai", .unit_code = "so-noi-vu", .title = title,
    .sapo = "Sapo của bài", .body_html = "<p>Nội dung <b>chính</b></p>", .body_len = -1,
    .attribution = "Theo Sở Nội vụ",
  };
  ToaArticle *article = toa_articles_create (side->store, side->editor, &draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static void
test_create_save_conflict (Board *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) created = create (&b->pg, "Bình Phước đẩy mạnh chuyển đổi số");
  g_autoptr(ToaArticle) lite_created = create (&b->lite, "Bình Phước đẩy mạnh chuyển đổi số");
  g_autoptr(ToaArticle) mine = NULL;
  g_autoptr(ToaArticle) theirs = NULL;
  g_autoptr(ToaArticle) reread = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) lite_revisions = NULL;
  const ToaAuthorShare *share;

  /* created: read back with every name the store fills in, like SQLite */
  g_assert_cmpint (created->id, >, 0);
  g_assert_cmpint (created->version, ==, 1);
  g_assert_cmpstr (created->section_name, ==, "Kinh tế");
  g_assert_cmpstr (created->source_unit_name, ==, "Sở Nội vụ");
  g_assert_cmpstr (created->site_code, ==, "portal");
  g_assert_cmpstr (created->created_by_name, ==, "Nguyễn Văn Biên");
  g_assert_cmpstr (created->body_html, ==, "<p>Nội dung <b>chính</b></p>");
  g_assert_cmpuint (created->authors->len, ==, 1);
  share = &g_array_index (created->authors, ToaAuthorShare, 0);
  g_assert_cmpint (share->person_id, ==, b->pg.editor->id);
  g_assert_cmpstr (share->name, ==, "Nguyễn Văn Biên");
  g_assert_cmpint (share->share_bp, ==, 10000);
  g_assert_cmpint (created->created_at, >, 0);
  g_assert_cmpint (created->updated_at, ==, created->created_at);
  assert_same_article (created, lite_created, FALSE);

  /* two people open version 1; the first save wins, the second is a conflict */
  mine = get (b->pg.store, created->id);
  theirs = get (b->pg.store, created->id);
  g_free (mine->title);
  mine->title = g_strdup ("Bình Phước tăng tốc chuyển đổi số");
  g_assert_true (toa_articles_save (b->pg.store, b->pg.editor, mine, "sửa tít", &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, ==, 2);
  g_free (theirs->sapo);
  theirs->sapo = g_strdup ("Sapo khác");
  g_assert_false (toa_articles_save (b->pg.store, b->pg.editor, theirs, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  /* the store's own answer names the version that won (any translation keeps the number) */
  g_assert_false (toa_store_article_update (b->pg.store, theirs, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "2"));
  g_clear_error (&error);
  g_assert_cmpint (theirs->version, ==, 1);

  reread = get (b->pg.store, created->id);
  g_assert_cmpint (reread->version, ==, 2);
  g_assert_cmpstr (reread->title, ==, "Bình Phước tăng tốc chuyển đổi số");
  g_assert_cmpstr (reread->sapo, ==, "Sapo của bài");   /* the conflicting save left nothing */

  /* revisions: numbered in order, with note and author's name; the failed save added none */
  revisions = toa_store_revision_list (b->pg.store, created->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (((ToaRevision *) revisions->pdata[0])->number, ==, 1);
  g_assert_cmpint (((ToaRevision *) revisions->pdata[1])->number, ==, 2);
  g_assert_cmpstr (((ToaRevision *) revisions->pdata[1])->title, ==, "Bình Phước tăng tốc chuyển đổi số");
  g_assert_cmpstr (((ToaRevision *) revisions->pdata[1])->note, ==, "sửa tít");
  g_assert_cmpstr (((ToaRevision *) revisions->pdata[0])->author_name, ==, "Nguyễn Văn Biên");
  g_assert_null (((ToaRevision *) revisions->pdata[0])->note);
  lite_revisions = toa_store_revision_list (b->lite.store, lite_created->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lite_revisions->len, ==, 1);
  g_assert_cmpstr (((ToaRevision *) lite_revisions->pdata[0])->body_html, ==,
                   ((ToaRevision *) revisions->pdata[0])->body_html);

  /* an unknown article: NOT_FOUND from get and update */
  g_assert_null (toa_store_article_get (b->pg.store, 9999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  reread->id = 9999;
  g_assert_false (toa_store_article_update (b->pg.store, reread, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

static void
test_authors (Board *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) created = create (&b->pg, "Tin có hai tác giả");
  g_autoptr(ToaArticle) lite_created = create (&b->lite, "Tin có hai tác giả");
  g_autoptr(ToaArticle) article = get (b->pg.store, created->id);
  g_autoptr(ToaArticle) lite_article = get (b->lite.store, lite_created->id);
  g_autoptr(ToaArticle) reread = NULL;
  g_autoptr(ToaArticle) lite_reread = NULL;
  g_autoptr(ToaArticle) bad = NULL;
  g_autoptr(ToaArticleQuery) all = toa_article_query_new ();
  gint64 before;

  /* the store rewrites the authors with the article, in order */
  for (int side = 0; side < 2; side++)
    {
      ToaArticle *a = side == 0 ? article : lite_article;
      Side *s = side == 0 ? &b->pg : &b->lite;

      g_array_set_size (a->authors, 0);
      toa_article_add_author (a, s->secretary->id, NULL, "photographer", 4000);
      toa_article_add_author (a, s->editor->id, NULL, "author", 6000);
      g_assert_true (toa_store_article_update (s->store, a, &error));
      g_assert_no_error (error);
      g_assert_cmpint (a->version, ==, 2);
    }
  reread = get (b->pg.store, created->id);
  lite_reread = get (b->lite.store, lite_created->id);
  g_assert_cmpuint (reread->authors->len, ==, 2);
  g_assert_cmpstr (g_array_index (reread->authors, ToaAuthorShare, 0).name, ==, "Trần Thị Thư");
  g_assert_cmpstr (g_array_index (reread->authors, ToaAuthorShare, 0).role, ==, "photographer");
  g_assert_cmpint (g_array_index (reread->authors, ToaAuthorShare, 1).share_bp, ==, 6000);
  assert_same_article (reread, lite_reread, FALSE);

  /* fewer authors: the old rows go */
  g_array_set_size (reread->authors, 1);
  g_assert_true (toa_store_article_update (b->pg.store, reread, &error));
  g_assert_no_error (error);
  g_clear_object (&reread);
  reread = get (b->pg.store, created->id);
  g_assert_cmpuint (reread->authors->len, ==, 1);
  g_assert_cmpint (reread->version, ==, 3);

  /* an author who does not exist: nothing of the insert stays (one write) */
  before = count (b->pg.store, all);
  bad = toa_article_new ();
  bad->site_id = b->pg.portal_id;
  bad->genre = g_strdup ("tin");
  bad->title = g_strdup ("Không lưu được");
  toa_article_add_author (bad, 424242, NULL, "author", 10000);
  g_assert_false (toa_store_article_insert (b->pg.store, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (bad->id, ==, 0);
  g_assert_cmpint (count (b->pg.store, all), ==, before);

  /* a failed author rewrite keeps the article at its version */
  toa_article_add_author (reread, 424242, NULL, "author", 0);
  g_assert_false (toa_store_article_update (b->pg.store, reread, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&reread);
  reread = get (b->pg.store, created->id);
  g_assert_cmpint (reread->version, ==, 3);
  g_assert_cmpuint (reread->authors->len, ==, 1);
}

/* ---- comments and mentions ------------------------------------------------------------- */

static GPtrArray *
comments (ToaStore *store, gint64 article_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *result = toa_store_comment_list (store, article_id, &error);

  g_assert_no_error (error);
  return result;
}

static void
test_comments (Board *b, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = create (&b->pg, "Bài có góp ý");
  g_autoptr(ToaArticle) lite_article = create (&b->lite, "Bài có góp ý");
  g_autoptr(GPtrArray) pg_list = NULL;
  g_autoptr(GPtrArray) lite_list = NULL;
  ToaComment *first;

  for (int side = 0; side < 2; side++)
    {
      Side *s = side == 0 ? &b->pg : &b->lite;
      gint64 id = side == 0 ? article->id : lite_article->id;
      g_autoptr(ToaComment) c1 = NULL;
      g_autoptr(ToaComment) c2 = NULL;
      g_autoptr(ToaComment) c3 = NULL;

      c1 = toa_articles_comment (s->store, s->secretary, id, "Nhờ @thuky và @bientap xem lại, @thuky nhé", &error);
      g_assert_no_error (error);
      g_assert_nonnull (c1);
      c2 = toa_articles_comment (s->store, s->editor, id, "Đã sửa xong.", &error);
      g_assert_no_error (error);
      c3 = toa_articles_comment (s->store, s->editor, id, "Hỏi @khongaica", &error);
      g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
      g_assert_null (c3);
      g_clear_error (&error);
    }

  pg_list = comments (b->pg.store, article->id);
  lite_list = comments (b->lite.store, lite_article->id);
  g_assert_cmpuint (pg_list->len, ==, 2);
  g_assert_cmpuint (lite_list->len, ==, 2);
  first = pg_list->pdata[0];
  g_assert_cmpstr (first->person_name, ==, "Trần Thị Thư");
  g_assert_cmpstr (first->body, ==, "Nhờ @thuky và @bientap xem lại, @thuky nhé");
  g_assert_nonnull (first->mentions);
  g_assert_cmpuint (first->mentions->len, ==, 2);   /* named twice, recorded once */
  g_assert_cmpint (g_array_index (first->mentions, gint64, 0), ==, b->pg.editor->id);
  g_assert_cmpint (g_array_index (first->mentions, gint64, 1), ==, b->pg.secretary->id);
  g_assert_cmpstr (first->mention_names, ==, "Nguyễn Văn Biên, Trần Thị Thư");
  g_assert_null (((ToaComment *) pg_list->pdata[1])->mentions);
  g_assert_null (((ToaComment *) pg_list->pdata[1])->mention_names);
  for (guint i = 0; i < 2; i++)
    {
      ToaComment *x = pg_list->pdata[i];
      ToaComment *y = lite_list->pdata[i];

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->body, ==, y->body);
      g_assert_cmpstr (x->person_name, ==, y->person_name);
      g_assert_cmpstr (x->mention_names, ==, y->mention_names);
      g_assert_cmpuint (x->mentions != NULL ? x->mentions->len : 0, ==, y->mentions != NULL ? y->mentions->len : 0);
    }

  /* another article's comments are not listed */
  g_clear_pointer (&pg_list, g_ptr_array_unref);
  pg_list = comments (b->pg.store, article->id + 1000);
  g_assert_cmpuint (pg_list->len, ==, 0);
}

/* ---- the list ---------------------------------------------------------------------------- */

/* Inserts the same article on both backends (the same id on both). */
static gint64
insert_both (Board *b, guint i, const char *title, const char *sapo, const char *body)
{
  static const char * const states[] = { "draft", "published", "editing", "published", "returned" };
  const gint64 base = G_GINT64_CONSTANT (1700000000000000);
  gint64 ids[2];

  for (int side = 0; side < 2; side++)
    {
      Side *s = side == 0 ? &b->pg : &b->lite;
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaArticle) a = toa_article_new ();

      a->site_id = i % 4 == 3 ? s->district_id : s->portal_id;
      a->section_id = s->section_ids[i % 4 == 3 ? 2 : i % 2];
      a->genre = g_strdup (i % 3 == 0 ? "tin" : "bai");
      a->language = g_strdup (i % 5 == 4 ? "en" : "vi");
      a->source_unit_id = i % 2 == 0 ? s->unit_id : 0;
      a->title = g_strdup (title);
      a->sapo = g_strdup (sapo);
      a->body_html = g_strdup (body);
      a->state = g_strdup (states[i % G_N_ELEMENTS (states)]);
      a->created_by = s->editor->id;
      a->created_at = base + (gint64) ((i * 7) % 13) * 1000;   /* ties */
      a->updated_at = base + (gint64) (i % 5) * 1000;          /* many ties */
      a->published_at = g_str_equal (a->state, "published") ? base + (gint64) i : 0;
      toa_article_add_author (a, s->editor->id, NULL, "author", 10000);
      g_assert_true (toa_store_article_insert (s->store, a, &error));
      g_assert_no_error (error);
      g_assert_cmpint (a->version, ==, 1);
      ids[side] = a->id;
    }
  g_assert_cmpint (ids[0], ==, ids[1]);
  return ids[0];
}

static const char * const list_titles[] = {
  "Ánh sáng đô thị", "anh hùng lao động", "Bình Phước đẩy mạnh chuyển đổi số", "Zebra crossing",
  "Đồng Nai khánh thành cầu", "đà lạt mộng mơ", "Ăn Tết", "ấm áp", "Bình Phước", "bình phước",
  "Giữ gìn hoà bình", "Giữ gìn hòa bình", "Bình Dương thu hút đầu tư", "Đông Hà đón khách",
  "Phước Bình mùa điều", "\"Quoted\" title", "123 con số", "Ω omega", "Ánh sáng đô thị",
  "Sáng kiến", "sang trang", "Lễ hội", "lệ phí", "Zebra crossing",
};

static void
fill_list (Board *b)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_titles); i++)
    insert_both (b, i, list_titles[i], i % 2 == 0 ? "Sapo về lễ hội" : NULL,
                 i % 3 == 0 ? "<p>Xây dựng <b>nông thôn</b> mới &amp; đô thị</p>" : NULL);
}

static void
test_list_filters_sorts (Board *b, gconstpointer data)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  guint checked = 0;

  fill_list (b);
  for (int filter = 0; filter < 8; filter++)
    for (int sort = TOA_SORT_UPDATED; sort <= TOA_SORT_ID; sort++)
      for (int desc = 0; desc < 2; desc++)
        {
          g_autofree char *ids = NULL;

          query->site_id = filter == 1 || filter == 7 ? b->pg.portal_id : 0;
          query->section_id = filter == 2 ? b->pg.section_ids[1] : 0;
          g_free (query->genre);
          query->genre = filter == 3 ? g_strdup ("tin") : NULL;
          g_free (query->state);
          query->state = filter == 4 || filter == 7 ? g_strdup ("published") : NULL;
          g_free (query->language);
          query->language = filter == 5 ? g_strdup ("en") : NULL;
          query->site_id = filter == 6 ? b->pg.district_id : query->site_id;
          query->sort = sort;
          query->descending = desc;
          ids = assert_same_list (b, query);
          g_assert_cmpstr (ids, !=, "");
          checked++;
        }
  g_assert_cmpuint (checked, ==, 80);

  /* spot checks of what "same as SQLite" means */
  {
    g_autoptr(ToaArticleQuery) q = toa_article_query_new ();
    g_autoptr(GPtrArray) all = NULL;
    g_autoptr(GPtrArray) by_title = NULL;

    all = list (b->pg.store, q, NULL, 0, 0);
    g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (list_titles));
    for (guint i = 1; i < all->len; i++)   /* newest change first, then higher id */
      {
        ToaArticle *x = all->pdata[i - 1], *y = all->pdata[i];

        g_assert_true (x->updated_at > y->updated_at || (x->updated_at == y->updated_at && x->id > y->id));
      }
    q->sort = TOA_SORT_TITLE;
    q->descending = FALSE;
    by_title = list (b->pg.store, q, NULL, 0, 0);
    g_assert_cmpstr (((ToaArticle *) by_title->pdata[0])->title, ==, "\"Quoted\" title");
    g_assert_cmpstr (((ToaArticle *) by_title->pdata[by_title->len - 1])->title, ==, "Ω omega");

    /* a count limit stops there, never above the total */
    q->count_limit = 5;
    g_assert_cmpint (count (b->pg.store, q), ==, 5);
    q->count_limit = 1000;
    g_assert_cmpint (count (b->pg.store, q), ==, G_N_ELEMENTS (list_titles));
    q->count_limit = 3;
    q->state = g_strdup ("published");
    g_assert_cmpint (count (b->pg.store, q), ==, 3);
  }
}

/* ---- search ---------------------------------------------------------------------------- */

static GPtrArray *
search (Board *b, const char *text)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autofree char *ids = NULL;

  query->text = g_strdup (text);
  ids = assert_same_list (b, query);
  return list (b->pg.store, query, NULL, 0, 0);
}

static gboolean
found (GPtrArray *result, gint64 id)
{
  for (guint i = 0; i < result->len; i++)
    if (((ToaArticle *) result->pdata[i])->id == id)
      return TRUE;
  return FALSE;
}

static void
test_search (Board *b, gconstpointer data)
{
  static const char * const syntax[] = {
    "\"", "\"binh", "binh\"", "\"\"", "*", "**", "binh*", "*binh", "(", ")", "(binh", "binh)",
    "AND", "OR", "NOT", "NEAR", "NEAR(binh phuoc)", "binh AND", "OR binh", "NOT binh", "!binh",
    "binh & phuoc", "binh | phuoc", "binh <-> phuoc", "binh:*", "binh:A", "'binh'", "''", "\\",
    "binh OR NOT phuoc", "title:binh", "{title sapo}: binh", ":", "^", "^binh", "-binh", "+binh",
    "binh-phuoc", "binh.phuoc", "%", "_", "binh; DROP TABLE articles", "\" OR 1=1 --", "a\"b\"c",
    "  ", "...", "«binh»", "“binh phuoc”", "bình\tphước\n", "🙂", "0", "rowid:1", "binh\\' phuoc",
  };
  gint64 bp = insert_both (b, 0, "Bình Phước đẩy mạnh chuyển đổi số", NULL, NULL);
  gint64 dn = insert_both (b, 1, "Đồng Nai khánh thành cầu", NULL, NULL);
  gint64 hoa_old = insert_both (b, 2, "Giữ gìn hoà bình", NULL, NULL);
  gint64 hoa_new = insert_both (b, 3, "Giữ gìn hòa bình", NULL, NULL);
  gint64 bd = insert_both (b, 4, "Bình Dương thu hút đầu tư", NULL, NULL);
  gint64 dh = insert_both (b, 5, "Đông Hà đón khách", NULL, NULL);
  gint64 pb = insert_both (b, 6, "Phước Bình mùa điều", "Sapo về lễ hội", NULL);
  gint64 body = insert_both (b, 7, "Tin văn hóa", NULL,
                             "<p class=\"ngựa-vằn\">Xây dựng <b>nông thôn</b> mới &amp; đô thị</p>");
  g_autoptr(GPtrArray) r = NULL;

#define SEARCH(text) G_STMT_START { g_clear_pointer (&r, g_ptr_array_unref); r = search (b, (text)); } G_STMT_END
  SEARCH ("binh phuoc");
  g_assert_true (found (r, bp));
  g_assert_true (found (r, pb));          /* both words, any order */
  g_assert_false (found (r, bd));
  g_assert_cmpuint (r->len, ==, 2);
  g_assert_cmpint (((ToaArticle *) r->pdata[0])->id, ==, pb);   /* newest (id) first */
  SEARCH ("Bình Phước");
  g_assert_cmpuint (r->len, ==, 2);
  SEARCH ("BINH PHUOC");
  g_assert_cmpuint (r->len, ==, 2);
  SEARCH ("\"binh phuoc\"");               /* a phrase keeps its order */
  g_assert_cmpuint (r->len, ==, 1);
  g_assert_true (found (r, bp));
  SEARCH ("\"phuoc binh\" dieu");
  g_assert_cmpuint (r->len, ==, 1);
  g_assert_true (found (r, pb));
  SEARCH ("dong nai");
  g_assert_cmpuint (r->len, ==, 1);
  g_assert_true (found (r, dn));
  g_assert_false (found (r, dh));
  SEARCH ("hoa");
  g_assert_cmpuint (r->len, ==, 3);       /* hoà, hòa and "văn hóa" */
  g_assert_true (found (r, body));
  g_assert_true (found (r, hoa_old));
  g_assert_true (found (r, hoa_new));
  SEARCH ("hòa");
  g_assert_true (found (r, hoa_old));
  SEARCH ("hoà");
  g_assert_true (found (r, hoa_new));
  SEARCH ("phu*");                         /* a prefix */
  g_assert_true (found (r, bp));
  g_assert_true (found (r, pb));
  SEARCH ("phu");                          /* a whole word: no "phu" anywhere */
  g_assert_cmpuint (r->len, ==, 0);
  SEARCH ("p*");                           /* one letter stays whole */
  g_assert_cmpuint (r->len, ==, 0);
  SEARCH ("binh phuoc khanh");             /* every word required */
  g_assert_cmpuint (r->len, ==, 0);
  SEARCH ("le hoi");                       /* sapo */
  g_assert_cmpuint (r->len, ==, 1);
  g_assert_true (found (r, pb));
  SEARCH ("nong thon moi");                /* body text */
  g_assert_true (found (r, body));
  SEARCH ("ngua van");                     /* attribute values are not text */
  g_assert_false (found (r, body));
  SEARCH ("amp");
  g_assert_false (found (r, body));
  SEARCH ("binh-phuoc");
  g_assert_true (found (r, bp));

  /* nothing typed is syntax: no error, the same answer as SQLite */
  for (guint i = 0; i < G_N_ELEMENTS (syntax); i++)
    SEARCH (syntax[i]);
#undef SEARCH

  /* searching with other sorts, filters, a count limit */
  {
    g_autoptr(ToaArticleQuery) q = toa_article_query_new ();
    g_autofree char *ids = NULL;

    q->text = g_strdup ("binh");
    for (int sort = TOA_SORT_UPDATED; sort <= TOA_SORT_ID; sort++)
      for (int desc = 0; desc < 2; desc++)
        {
          g_autofree char *some = NULL;

          q->sort = sort;
          q->descending = desc;
          some = assert_same_list (b, q);
        }
    q->state = g_strdup ("published");
    ids = assert_same_list (b, q);
    g_assert_cmpint (count (b->pg.store, q), ==, 2);   /* hòa bình, Phước Bình */
    q->count_limit = 1;
    g_assert_cmpint (count (b->pg.store, q), ==, 1);
    g_clear_pointer (&q->state, g_free);
    q->count_limit = 0;
    g_assert_cmpint (count (b->pg.store, q), ==, 5);
    q->count_limit = 2;
    g_assert_cmpint (count (b->pg.store, q), ==, 2);
    g_clear_pointer (&ids, g_free);
    ids = assert_same_list (b, q);
  }

  /* an update re-indexes */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ToaArticle) a = get (b->pg.store, dn);

    g_free (a->title);
    a->title = g_strdup ("Tây Ninh mùa mía");
    g_assert_true (toa_store_article_update (b->pg.store, a, &error));
    g_assert_no_error (error);
    g_clear_pointer (&r, g_ptr_array_unref);
    r = list (b->pg.store, &(ToaArticleQuery) { .text = (char *) "dong nai", .sort = TOA_SORT_UPDATED,
                                                .descending = TRUE }, NULL, 0, 0);
    g_assert_cmpuint (r->len, ==, 0);
    g_clear_pointer (&r, g_ptr_array_unref);
    r = list (b->pg.store, &(ToaArticleQuery) { .text = (char *) "tay ninh", .sort = TOA_SORT_UPDATED,
                                                .descending = TRUE }, NULL, 0, 0);
    g_assert_cmpuint (r->len, ==, 1);
  }
}

/* Words joined by punctuation ("15/10/2025", "covid-19", "1.000", a web address) are
 * separate words to SQLite's unicode61 tokenizer; PostgreSQL's default text-search parser
 * alone keeps some of them whole (dates as file names, decimals, hosts), so the search
 * column splits at every non-alphanumeric character first (003-search-words.sql): both
 * backends find the same. */
static void
test_search_punctuation (Board *b, gconstpointer data)
{
  static const char * const queries[] = {
    "2025", "15 10 2025", "\"15 10 2025\"", "covid 19", "\"covid 19\"", "19", "3 5", "000 nguoi",
    "binhphuoc", "gov", "lien he", "a b vn",
  };
  g_autoptr(GString) differ = g_string_new (NULL);

  insert_both (b, 0, "Ngày 15/10/2025: giá 3.5 triệu, 1.000 người", "Xem binhphuoc.gov.vn",
               "<p>Covid-19, liên hệ a@b.vn</p>");
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
      g_autoptr(GPtrArray) pg = NULL;
      g_autoptr(GPtrArray) lite = NULL;

      query->text = g_strdup (queries[i]);
      pg = list (b->pg.store, query, NULL, 0, 0);
      lite = list (b->lite.store, query, NULL, 0, 0);
      g_assert_cmpuint (lite->len, ==, 1);   /* SQLite finds every one */
      if (pg->len != lite->len)
        g_string_append_printf (differ, " “%s”", queries[i]);
    }
  if (differ->len > 0)
    g_error ("PostgreSQL search does not find, where SQLite does:%s", differ->str);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();

  g_test_add ("/pg-articles/create-save-conflict", Board, NULL, board_set_up, test_create_save_conflict,
              board_tear_down);
  g_test_add ("/pg-articles/authors", Board, NULL, board_set_up, test_authors, board_tear_down);
  g_test_add ("/pg-articles/comments", Board, NULL, board_set_up, test_comments, board_tear_down);
  g_test_add ("/pg-articles/list", Board, NULL, board_set_up, test_list_filters_sorts, board_tear_down);
  g_test_add ("/pg-articles/search", Board, NULL, board_set_up, test_search, board_tear_down);
  g_test_add ("/pg-articles/search-punctuation", Board, NULL, board_set_up, test_search_punctuation,
              board_tear_down);
  return g_test_run ();
}
