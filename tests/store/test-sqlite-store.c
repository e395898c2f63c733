/* test-sqlite-store.c — suite "unit": the SQLite store's records. Sites, sections, units,
 * genres, kinds of information, people with roles, articles (insert, get, update with a
 * version check), the list with keyset paging in every sort order and direction, counts
 * with filters, query plans that use indexes, revisions, comments, transactions, and the
 * audit log refusing UPDATE and DELETE. With TOA_TEST_PG=1 the same records are tested on a
 * PostgreSQL database (toa-test-store.h); SQLite's query plans and triggers are skipped there. */
#include <sqlite3.h>
#include <string.h>

#include "store-test-util.h"
#include "toa-test-store.h"
#include "toa-error.h"
#include "toa-text.h"

typedef struct {
  char           *dir;
  ToaSqliteStore *sqlite;
  ToaStore       *store;
  StoreTestBoard  board;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "unit.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  /* NULL on PostgreSQL (TOA_TEST_PG=1): the tests of SQLite's own internals skip there. */
  f->sqlite = TOA_IS_SQLITE_STORE (f->store) ? TOA_SQLITE_STORE (f->store) : NULL;
  store_test_board (f->store, &f->board);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  f->sqlite = NULL;
  g_clear_object (&f->store);
  store_test_rmtree (f->dir);
  g_free (f->dir);
}

static void
test_sites_sections_units (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = toa_store_site_list (f->store, &error);
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(ToaSite) found = NULL;
  g_autoptr(ToaSite) dup = toa_site_new ();
  g_autoptr(ToaSection) dup_section = toa_section_new ();
  ToaSite *portal;

  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 2);
  portal = g_ptr_array_index (sites, 0);
  g_assert_cmpstr (portal->code, ==, "portal");
  g_assert_cmpstr (portal->kind, ==, "portal");
  g_assert_cmpstr (portal->name, ==, "Cổng Thông tin điện tử tỉnh Bình Phước");
  g_assert_cmpstr (portal->url, ==, "https://binhphuoc.gov.vn");
  g_assert_null (((ToaSite *) g_ptr_array_index (sites, 1))->url);

  found = toa_store_site_find (f->store, "so-y-te", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, f->board.component_id);
  g_assert_null (toa_store_site_find (f->store, "khong-co", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  dup->code = g_strdup ("portal");
  dup->name = g_strdup ("Trùng");
  g_assert_false (toa_store_site_add (f->store, dup, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);

  sections = toa_store_section_list (f->store, f->board.portal_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 2);
  g_assert_cmpstr (((ToaSection *) sections->pdata[0])->name, ==, "Tin tức - Sự kiện");
  g_assert_cmpstr (((ToaSection *) sections->pdata[1])->code, ==, "chi-dao-dieu-hanh");
  g_clear_pointer (&sections, g_ptr_array_unref);
  sections = toa_store_section_list (f->store, 0, &error);
  g_assert_cmpuint (sections->len, ==, 3);

  /* The same code on the same site is a conflict (on another site it is fine, see board). */
  dup_section->site_id = f->board.portal_id;
  dup_section->code = g_strdup ("tin-tuc-su-kien");
  dup_section->name = g_strdup ("Trùng");
  g_assert_false (toa_store_section_add (f->store, dup_section, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A section on a site that does not exist is refused by the foreign key. */
  dup_section->site_id = 9999;
  g_assert_false (toa_store_section_add (f->store, dup_section, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, toa_store_describe (f->store)));
  g_clear_error (&error);

  units = toa_store_unit_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpstr (((ToaUnit *) units->pdata[0])->name, ==, "Sở Nội vụ");
}

static void
test_genres_info_kinds (Fixture *f, gconstpointer data)
{
  static const char * const codes[] = { "tin", "bai", "anh", "video", "infographic", "podcast",
                                        "longform", "banner", "van-ban", "thong-bao", "phong-su",
                                        "phong-van" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) genres = toa_store_genre_list (f->store, &error);
  g_autoptr(GPtrArray) kinds = toa_store_info_kind_list (f->store, &error);
  gboolean saw_news = FALSE, saw_foreign = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (genres->len, ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < genres->len; i++)
    {
      ToaGenre *genre = g_ptr_array_index (genres, i);
      gboolean designed = g_str_equal (genre->code, "video") || g_str_equal (genre->code, "infographic")
                          || g_str_equal (genre->code, "podcast") || g_str_equal (genre->code, "longform")
                          || g_str_equal (genre->code, "banner");

      g_assert_cmpstr (genre->code, ==, codes[i]);
      g_assert_cmpint (genre->designed, ==, designed);
      g_assert_true (g_utf8_validate (genre->name, -1, NULL));
    }
  g_assert_cmpstr (((ToaGenre *) genres->pdata[9])->name, ==, "Thông báo");

  g_assert_cmpuint (kinds->len, ==, 9);
  for (guint i = 0; i < kinds->len; i++)
    {
      ToaInfoKind *kind = g_ptr_array_index (kinds, i);

      g_assert_cmpstr (kind->source, ==, "Bình Định, Điều 8.1");
      if (g_str_equal (kind->code, "news"))
        {
          saw_news = TRUE;
          g_assert_cmpint (kind->deadline_days, ==, 0);
        }
      if (g_str_equal (kind->code, "foreign-language"))
        {
          saw_foreign = TRUE;
          g_assert_cmpint (kind->deadline_days, ==, -1);
        }
      if (g_str_equal (kind->code, "legal-document") || g_str_equal (kind->code, "qa-forward"))
        g_assert_cmpint (kind->deadline_days, ==, 2);
      if (g_str_equal (kind->code, "science"))
        g_assert_cmpint (kind->deadline_days, ==, 20);
    }
  g_assert_true (saw_news && saw_foreign);
}

static void
test_people_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) head = toa_person_new ();
  g_autoptr(ToaPerson) found = NULL;
  g_autoptr(ToaPerson) by_id = NULL;
  g_autoptr(ToaPerson) dup = toa_person_new ();
  g_autoptr(ToaPerson) ctv1 = toa_person_new ();
  g_autoptr(ToaPerson) ctv2 = toa_person_new ();
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *hash = NULL;
  const ToaRoleGrant *grant;

  head->login = g_strdup ("truongban");
  head->full_name = g_strdup ("Lê Văn Cường");
  head->email = g_strdup ("cuong@example.vn");
  head->active = TRUE;
  toa_person_add_role (head, f->board.portal_id, "portal", TOA_ROLE_HEAD);
  toa_person_add_role (head, f->board.component_id, "so-y-te", TOA_ROLE_MEMBER);
  g_assert_true (toa_store_person_add (f->store, head, "$argon2id$v=19$abc", &error));
  g_assert_no_error (error);
  g_assert_cmpint (head->id, >, 0);

  found = toa_store_person_find (f->store, "truongban", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, head->id);
  g_assert_cmpstr (found->full_name, ==, "Lê Văn Cường");
  g_assert_cmpstr (found->email, ==, "cuong@example.vn");
  g_assert_true (found->active);
  g_assert_false (found->contributor);
  g_assert_cmpuint (found->roles->len, ==, 2);
  grant = &g_array_index (found->roles, ToaRoleGrant, 0);
  g_assert_cmpstr (grant->site_code, ==, "portal");
  g_assert_cmpint (grant->role, ==, TOA_ROLE_HEAD);
  g_assert_true (toa_person_has_role (found, f->board.component_id, TOA_ROLE_MEMBER));
  g_assert_false (toa_person_has_role (found, f->board.component_id, TOA_ROLE_HEAD));

  g_assert_true (toa_store_role_grant (f->store, head->id, f->board.component_id, TOA_ROLE_ADMIN, &error));
  g_assert_no_error (error);
  /* Granting a role twice is harmless. */
  g_assert_true (toa_store_role_grant (f->store, head->id, f->board.component_id, TOA_ROLE_ADMIN, &error));
  by_id = toa_store_person_get (f->store, head->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_id->roles->len, ==, 3);
  g_assert_true (toa_person_has_role (by_id, f->board.component_id, TOA_ROLE_ADMIN));

  hash = toa_store_password_hash_get (f->store, "truongban", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash, ==, "$argon2id$v=19$abc");
  g_assert_null (toa_store_password_hash_get (f->store, "khongco", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_store_person_find (f->store, "khongco", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_store_person_get (f->store, 4242, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Duplicate login: conflict, and nothing half-written. */
  dup->login = g_strdup ("truongban");
  dup->full_name = g_strdup ("Người khác");
  toa_person_add_role (dup, f->board.portal_id, "portal", TOA_ROLE_EDITOR);
  g_assert_false (toa_store_person_add (f->store, dup, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Contributors without a login: several may exist; none can sign in. */
  ctv1->full_name = g_strdup ("Cộng tác viên Một");
  ctv1->contributor = TRUE;
  ctv1->contract_no = g_strdup ("HĐ-01/2026");
  ctv2->full_name = g_strdup ("Cộng tác viên Hai");
  ctv2->contributor = TRUE;
  g_assert_true (toa_store_person_add (f->store, ctv1, NULL, &error));
  g_assert_true (toa_store_person_add (f->store, ctv2, NULL, &error));
  g_assert_no_error (error);

  people = toa_store_person_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 5);   /* 2 from the board, head, 2 contributors */
  {
    ToaPerson *last = g_ptr_array_index (people, 4);
    ToaPerson *third = g_ptr_array_index (people, 3);

    g_assert_null (last->login);
    g_assert_true (last->contributor);
    g_assert_cmpstr (third->contract_no, ==, "HĐ-01/2026");
  }
}

static void
test_article_crud (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = store_test_article (&f->board, "Bình Phước: hội nghị xúc tiến đầu tư",
                                                     "Sáng nay, tỉnh tổ chức hội nghị.",
                                                     "<p>Nội dung <b>chính</b></p>");
  g_autoptr(ToaArticle) got = NULL;
  g_autoptr(ToaArticle) first = NULL;
  g_autoptr(ToaArticle) second = NULL;
  g_autoptr(ToaArticle) missing = NULL;
  g_autoptr(ToaArticle) bad = NULL;
  const ToaAuthorShare *share;

  article->source_unit_id = f->board.unit_id;
  article->info_kind = g_strdup ("news");
  article->attribution = g_strdup ("Theo Cổng TTĐT tỉnh Bình Phước");
  article->created_at = 1700000000000000;
  toa_article_add_author (article, f->board.secretary_id, NULL, "photographer", 0);
  g_assert_true (toa_store_article_insert (f->store, article, &error));
  g_assert_no_error (error);
  g_assert_cmpint (article->id, >, 0);
  g_assert_cmpint (article->version, ==, 1);
  g_assert_cmpint (article->updated_at, ==, 1700000000000000);

  got = toa_store_article_get (f->store, article->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->title, ==, article->title);
  g_assert_cmpstr (got->sapo, ==, article->sapo);
  g_assert_cmpstr (got->body_html, ==, "<p>Nội dung <b>chính</b></p>");
  g_assert_cmpstr (got->attribution, ==, "Theo Cổng TTĐT tỉnh Bình Phước");
  g_assert_cmpstr (got->site_code, ==, "portal");
  g_assert_cmpstr (got->section_name, ==, "Tin tức - Sự kiện");
  g_assert_cmpstr (got->source_unit_name, ==, "Sở Nội vụ");
  g_assert_cmpstr (got->created_by_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (got->info_kind, ==, "news");
  g_assert_cmpstr (got->genre, ==, "tin");
  g_assert_cmpstr (got->language, ==, "vi");
  g_assert_cmpstr (got->state, ==, "draft");
  g_assert_cmpint (got->created_at, ==, 1700000000000000);
  g_assert_cmpint (got->published_at, ==, 0);
  g_assert_cmpint (got->version, ==, 1);
  g_assert_cmpuint (got->authors->len, ==, 2);
  share = &g_array_index (got->authors, ToaAuthorShare, 0);
  g_assert_cmpint (share->person_id, ==, f->board.editor_id);
  g_assert_cmpstr (share->name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (share->role, ==, "author");
  g_assert_cmpint (share->share_bp, ==, 10000);
  share = &g_array_index (got->authors, ToaAuthorShare, 1);
  g_assert_cmpstr (share->role, ==, "photographer");

  /* Two people open version 1; the first save wins, the second gets a conflict. */
  first = toa_store_article_get (f->store, article->id, &error);
  second = toa_store_article_get (f->store, article->id, &error);
  g_free (first->title);
  first->title = g_strdup ("Tiêu đề mới");
  first->updated_at = 1700000000000001;
  g_array_set_size (first->authors, 0);
  toa_article_add_author (first, f->board.secretary_id, NULL, "author", 10000);
  g_assert_true (toa_store_article_update (f->store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->version, ==, 2);

  g_free (second->title);
  second->title = g_strdup ("Bản của người thứ hai");
  g_assert_false (toa_store_article_update (f->store, second, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (second->version, ==, 1);

  g_clear_object (&got);
  got = toa_store_article_get (f->store, article->id, &error);
  g_assert_cmpstr (got->title, ==, "Tiêu đề mới");
  g_assert_cmpint (got->version, ==, 2);
  g_assert_cmpint (got->updated_at, ==, 1700000000000001);
  g_assert_cmpuint (got->authors->len, ==, 1);
  g_assert_cmpint (g_array_index (got->authors, ToaAuthorShare, 0).person_id, ==, f->board.secretary_id);

  missing = store_test_article (&f->board, "Không có", NULL, NULL);
  missing->id = 987654;
  missing->version = 1;
  g_assert_false (toa_store_article_update (f->store, missing, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_store_article_get (f->store, 987654, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A state the schema does not know, or an unknown genre, is refused. */
  bad = store_test_article (&f->board, "Sai", NULL, NULL);
  g_free (bad->state);
  bad->state = g_strdup ("lost");
  g_assert_false (toa_store_article_insert (f->store, bad, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  g_free (bad->state);
  bad->state = g_strdup ("draft");
  g_free (bad->genre);
  bad->genre = g_strdup ("tieu-thuyet");
  g_assert_false (toa_store_article_insert (f->store, bad, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
}

/* ---- list and count ------------------------------------------------------------------- */

#define N_ARTICLES 57

static const char * const genres[] = { "tin", "bai", "anh" };
static const char * const states[] = { "draft", "editing", "published", "refused" };
static const char * const titles[] = { "Ánh sáng", "anh sang", "Bình minh", "Cà phê", "Đà Lạt", "Zê ta",
                                       "ấp bắc", "Hòa bình", "hoà bình" };

static void
fill_articles (Fixture *f)
{
  const gint64 base = 1700000000000000;

  for (int i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %d", titles[i % G_N_ELEMENTS (titles)], i % 4);
      g_autoptr(ToaArticle) a = store_test_article (&f->board, title, "Sapo", "<p>Thân bài</p>");
      g_autoptr(GError) error = NULL;

      if (i % 4 == 0)
        {
          a->site_id = f->board.component_id;
          a->section_id = f->board.section_ids[2];
        }
      else
        a->section_id = f->board.section_ids[i % 2];
      g_free (a->genre);
      a->genre = g_strdup (genres[i % 3]);
      g_free (a->state);
      a->state = g_strdup (states[i % 4]);
      if (i % 5 == 0)
        {
          g_free (a->language);
          a->language = g_strdup ("en");
        }
      /* Many ties in every key, so the id tie-break matters. */
      a->created_at = base + (i % 7) * 1000;
      a->updated_at = base + (i % 10) * 1000;
      a->published_at = i % 3 == 0 ? 0 : base + (i % 5);
      g_assert_true (toa_store_article_insert (f->store, a, &error));
      g_assert_no_error (error);
    }
}

static int
compare_key (ToaArticleSort sort, ToaArticle *a, ToaArticle *b)
{
  gint64 x = 0, y = 0;

  switch (sort)
    {
    case TOA_SORT_UPDATED:   x = a->updated_at; y = b->updated_at; break;
    case TOA_SORT_CREATED:   x = a->created_at; y = b->created_at; break;
    case TOA_SORT_PUBLISHED: x = a->published_at; y = b->published_at; break;
    case TOA_SORT_TITLE:
      {
        g_autofree char *fa = toa_text_fold (a->title);
        g_autofree char *fb = toa_text_fold (b->title);
        int c = strcmp (fa, fb);

        if (c != 0)
          return c;
      }
      break;
    case TOA_SORT_ID:
    default:
      break;
    }
  if (x != y)
    return x < y ? -1 : 1;
  return a->id < b->id ? -1 : a->id > b->id;
}

static GPtrArray *
page_through (Fixture *f, const ToaArticleQuery *query, gboolean keyset, guint page_size)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      ToaArticle *after = keyset && all->len > 0 ? g_ptr_array_index (all, all->len - 1) : NULL;
      g_autoptr(GPtrArray) page = toa_store_article_list (f->store, query, after,
                                                          keyset ? 0 : all->len, page_size, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, <=, page_size);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (page, i)));
      if (page->len < page_size)
        break;
    }
  return all;
}

static void
test_list_paging (Fixture *f, gconstpointer data)
{
  static const ToaArticleSort sorts[] = { TOA_SORT_UPDATED, TOA_SORT_CREATED, TOA_SORT_PUBLISHED,
                                          TOA_SORT_TITLE, TOA_SORT_ID };

  fill_articles (f);

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (int descending = 0; descending <= 1; descending++)
      {
        g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
        g_autoptr(GPtrArray) keyset = NULL;
        g_autoptr(GPtrArray) offset = NULL;
        g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

        query->sort = sorts[s];
        query->descending = descending;
        keyset = page_through (f, query, TRUE, 8);
        offset = page_through (f, query, FALSE, 8);

        g_assert_cmpuint (keyset->len, ==, N_ARTICLES);
        g_assert_cmpuint (offset->len, ==, N_ARTICLES);
        for (guint i = 0; i < keyset->len; i++)
          {
            ToaArticle *a = g_ptr_array_index (keyset, i);

            g_assert_false (g_hash_table_contains (seen, &a->id));
            g_hash_table_add (seen, g_memdup2 (&a->id, sizeof a->id));
            g_assert_cmpint (a->id, ==, ((ToaArticle *) g_ptr_array_index (offset, i))->id);
            g_assert_null (a->body_html);
            g_assert_nonnull (a->site_code);
            g_assert_nonnull (a->section_name);
            g_assert_cmpstr (a->created_by_name, ==, "Nguyễn Văn An");
            if (i > 0)
              {
                int c = compare_key (sorts[s], g_ptr_array_index (keyset, i - 1), a);
                if (descending ? c <= 0 : c >= 0)
                  g_error ("sort %d desc %d: row %u out of order", sorts[s], descending, i);
              }
          }
      }

  /* Keyset paging with a filter covers exactly the filtered rows. */
  {
    g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
    g_autoptr(GPtrArray) rows = NULL;

    query->state = g_strdup ("published");
    rows = page_through (f, query, TRUE, 4);
    g_assert_cmpuint (rows->len, ==, 14);   /* i % 4 == 2 for i < 57 */
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpstr (((ToaArticle *) rows->pdata[i])->state, ==, "published");
  }
}

static void
test_count_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fill_articles (f);

  for (int site = 0; site <= 2; site++)
    for (int genre = -1; genre < 3; genre++)
      for (int state = -1; state < 4; state++)
        for (int lang = 0; lang <= 2; lang++)
          {
            g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
            g_autoptr(GPtrArray) list = NULL;
            gint64 expected = 0;

            query->site_id = site == 1 ? f->board.portal_id : site == 2 ? f->board.component_id : 0;
            query->genre = genre >= 0 ? g_strdup (genres[genre]) : NULL;
            query->state = state >= 0 ? g_strdup (states[state]) : NULL;
            query->language = lang == 1 ? g_strdup ("vi") : lang == 2 ? g_strdup ("en") : NULL;

            for (int i = 0; i < N_ARTICLES; i++)
              {
                gboolean component = i % 4 == 0;

                if (site == 1 && component) continue;
                if (site == 2 && !component) continue;
                if (genre >= 0 && i % 3 != genre) continue;
                if (state >= 0 && i % 4 != state) continue;
                if (lang == 1 && i % 5 == 0) continue;
                if (lang == 2 && i % 5 != 0) continue;
                expected++;
              }
            g_assert_cmpint (toa_store_article_count (f->store, query, &error), ==, expected);
            g_assert_no_error (error);
            list = toa_store_article_list (f->store, query, NULL, 0, 0, &error);
            g_assert_no_error (error);
            g_assert_cmpint (list->len, ==, expected);
          }

  {
    g_autoptr(ToaArticleQuery) query = toa_article_query_new ();

    query->section_id = f->board.section_ids[1];
    /* portal rows (i % 4 != 0) with i odd */
    g_assert_cmpint (toa_store_article_count (f->store, query, &error), ==, 28);
  }
}

static void
assert_plan (Fixture *f, const ToaArticleQuery *query, gboolean count_only, const char *index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = toa_sqlite_store_explain_list (f->sqlite, query, NULL, count_only, &error);

  g_assert_no_error (error);
  if (strstr (plan, "TEMP B-TREE") != NULL || (index != NULL && strstr (plan, index) == NULL)
      || strstr (plan, "SCAN a\n") != NULL)
    g_error ("plan does not use %s:\n%s", index != NULL ? index : "an index", plan);
}

static void
test_query_plans (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) after = NULL;
  g_autofree char *plan = NULL;

  if (toa_test_store_sqlite_only ("SQLite's query plans (EXPLAIN QUERY PLAN)"))
    return;

  fill_articles (f);
  g_assert_cmpint (query->sort, ==, TOA_SORT_UPDATED);
  g_assert_true (query->descending);

  assert_plan (f, query, FALSE, "articles_updated");
  assert_plan (f, query, TRUE, "INDEX");
  query->sort = TOA_SORT_CREATED;
  assert_plan (f, query, FALSE, "articles_created");
  query->sort = TOA_SORT_PUBLISHED;
  assert_plan (f, query, FALSE, "articles_published");
  query->sort = TOA_SORT_TITLE;
  assert_plan (f, query, FALSE, "articles_title");
  query->sort = TOA_SORT_UPDATED;

  query->site_id = f->board.portal_id;
  assert_plan (f, query, FALSE, "articles_site");
  assert_plan (f, query, TRUE, "articles_site");
  query->site_id = 0;
  query->section_id = f->board.section_ids[0];
  assert_plan (f, query, FALSE, "articles_section");
  assert_plan (f, query, TRUE, "articles_section");
  query->section_id = 0;
  query->genre = g_strdup ("tin");
  assert_plan (f, query, FALSE, "articles_genre");
  assert_plan (f, query, TRUE, "articles_genre");
  g_clear_pointer (&query->genre, g_free);
  query->state = g_strdup ("draft");
  assert_plan (f, query, FALSE, "articles_state");
  assert_plan (f, query, TRUE, "(state=?)");   /* any index that starts with the state */
  g_clear_pointer (&query->state, g_free);

  /* Keyset continuation uses the index range too. */
  after = toa_store_article_get (f->store, 10, &error);
  g_assert_no_error (error);
  plan = toa_sqlite_store_explain_list (f->sqlite, query, after, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (plan, "SEARCH a USING INDEX articles_updated"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));

  /* Search streams the FTS index newest first. */
  query->text = g_strdup ("binh");
  assert_plan (f, query, FALSE, "VIRTUAL TABLE");
  assert_plan (f, query, TRUE, "VIRTUAL TABLE");
}

/* ---- revisions, comments, transactions, audit ----------------------------------------- */

static void
test_revisions_comments (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = store_test_insert (f->store, &f->board, "Tin thử", NULL, "<p>1</p>");
  gint64 other = store_test_insert (f->store, &f->board, "Tin khác", NULL, NULL);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) comments = NULL;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(ToaRevision) r = toa_revision_new ();

      r->article_id = i == 2 ? other : id;
      r->title = g_strdup_printf ("Tin thử %d", i);
      r->body_html = g_strdup ("<p>1</p>");
      r->author_id = f->board.editor_id;
      r->note = i == 1 ? g_strdup ("Sửa lỗi chính tả") : NULL;
      g_assert_true (toa_store_revision_add (f->store, r, &error));
      g_assert_no_error (error);
      g_assert_cmpint (r->id, >, 0);
      g_assert_cmpint (r->number, ==, i == 2 ? 1 : i + 1);
    }
  revisions = toa_store_revision_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpint (((ToaRevision *) revisions->pdata[1])->number, ==, 2);
  g_assert_cmpstr (((ToaRevision *) revisions->pdata[1])->note, ==, "Sửa lỗi chính tả");
  g_assert_cmpstr (((ToaRevision *) revisions->pdata[0])->author_name, ==, "Nguyễn Văn An");
  g_assert_cmpint (((ToaRevision *) revisions->pdata[0])->created_at, >, 0);

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(ToaComment) c = toa_comment_new ();

      c->article_id = id;
      c->person_id = f->board.secretary_id;
      c->body = g_strdup_printf ("Góp ý %d", i);
      c->created_at = 1000 + i;
      g_assert_true (toa_store_comment_add (f->store, c, &error));
      g_assert_no_error (error);
      g_assert_cmpint (c->id, >, 0);
    }
  comments = toa_store_comment_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 2);
  g_assert_cmpstr (((ToaComment *) comments->pdata[0])->body, ==, "Góp ý 0");
  g_assert_cmpstr (((ToaComment *) comments->pdata[1])->person_name, ==, "Trần Thị Bình");
}

static void
test_transactions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaUnit) unit = toa_unit_new ();
  g_autoptr(ToaPerson) person = toa_person_new ();
  g_autoptr(GPtrArray) units = NULL;

  g_assert_true (toa_store_begin (f->store, &error));
  g_assert_no_error (error);
  g_assert_false (toa_store_begin (f->store, &error));   /* no nesting */
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);

  unit->code = g_strdup ("so-tai-chinh");
  unit->name = g_strdup ("Sở Tài chính");
  g_assert_true (toa_store_unit_add (f->store, unit, &error));
  person->login = g_strdup ("tam");
  person->full_name = g_strdup ("Người tạm");
  toa_person_add_role (person, f->board.portal_id, "portal", TOA_ROLE_EDITOR);
  g_assert_true (toa_store_person_add (f->store, person, NULL, &error));   /* a savepoint inside */
  g_assert_no_error (error);
  toa_store_rollback (f->store);

  units = toa_store_unit_list (f->store, &error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_null (toa_store_person_find (f->store, "tam", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A failed write inside a transaction leaves the earlier writes of it in place. */
  g_assert_true (toa_store_begin (f->store, &error));
  g_assert_true (toa_store_unit_add (f->store, unit, &error));
  g_assert_no_error (error);
  g_assert_false (toa_store_person_add (f->store, person, NULL, &error) &&
                  toa_store_person_add (f->store, person, NULL, &error));   /* 2nd: duplicate */
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (toa_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&units, g_ptr_array_unref);
  units = toa_store_unit_list (f->store, &error);
  g_assert_cmpuint (units->len, ==, 2);
  g_clear_pointer (&person, toa_person_free);
  person = toa_store_person_find (f->store, "tam", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (person->roles->len, ==, 1);

  g_assert_false (toa_store_commit (f->store, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
}

static void
test_audit_append_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaAuditRecord) last = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) tail = NULL;
  sqlite3 *db;

  if (toa_test_store_sqlite_only ("SQLite's triggers through the sqlite3 API; PostgreSQL's are "
                                  "tested by test-pg-schema"))
    return;
  db = toa_sqlite_store_get_handle (f->sqlite);

  last = toa_store_audit_last (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (last);

  for (int i = 1; i <= 3; i++)
    {
      g_autoptr(ToaAuditRecord) r = toa_audit_record_new ();

      r->seq = i;
      r->at = 1000 * i;
      r->actor_id = i == 1 ? 0 : f->board.editor_id;
      r->action = g_strdup ("article.create");
      r->object_type = g_strdup ("article");
      r->object_id = i;
      r->detail = i == 2 ? g_strdup ("{\"title\":\"Tin\"}") : NULL;
      r->prev_hash = g_strnfill (64, '0' + i - 1);
      r->hash = g_strnfill (64, '0' + i);
      g_assert_true (toa_store_audit_insert (f->store, r, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(ToaAuditRecord) again = toa_audit_record_new ();

    again->seq = 3;
    again->action = g_strdup ("x");
    again->object_type = g_strdup ("x");
    again->prev_hash = g_strdup ("x");
    again->hash = g_strdup ("x");
    g_assert_false (toa_store_audit_insert (f->store, again, &error));
    g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  last = toa_store_audit_last (f->store, &error);
  g_assert_cmpint (last->seq, ==, 3);
  g_assert_cmpint (last->at, ==, 3000);
  g_assert_cmpint (last->actor_id, ==, f->board.editor_id);
  all = toa_store_audit_list (f->store, 0, 0, &error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((ToaAuditRecord *) all->pdata[1])->detail, ==, "{\"title\":\"Tin\"}");
  g_assert_null (((ToaAuditRecord *) all->pdata[0])->detail);
  tail = toa_store_audit_list (f->store, 1, 1, &error);
  g_assert_cmpuint (tail->len, ==, 1);
  g_assert_cmpint (((ToaAuditRecord *) tail->pdata[0])->seq, ==, 2);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET action = 'forged' WHERE seq = 2", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log WHERE seq = 3", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_TRIGGER);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);

  g_clear_pointer (&all, g_ptr_array_unref);
  all = toa_store_audit_list (f->store, 0, 0, &error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((ToaAuditRecord *) all->pdata[1])->action, ==, "article.create");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sites-sections-units", test_sites_sections_units);
  ADD ("genres-info-kinds", test_genres_info_kinds);
  ADD ("people-roles", test_people_roles);
  ADD ("article-crud", test_article_crud);
  ADD ("list-paging", test_list_paging);
  ADD ("count-filters", test_count_filters);
  ADD ("query-plans", test_query_plans);
  ADD ("revisions-comments", test_revisions_comments);
  ADD ("transactions", test_transactions);
  ADD ("audit-append-only", test_audit_append_only);
#undef ADD

  return g_test_run ();
}
