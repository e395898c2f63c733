/* test-search.c — suite "search": diacritic-insensitive full-text search over folded text,
 * with the vectors of ../shared/testdata/vietnamese-text.json, search in body HTML, index
 * kept right by updates and deletes, and FTS syntax in user text never raising an error.
 * With TOA_TEST_PG=1 the same tests run on a PostgreSQL database (toa-test-store.h). */
#include <sqlite3.h>

#include <json-glib/json-glib.h>

#include "store-test-util.h"
#include "toa-pg-private.h"
#include "toa-test-store.h"
#include "toa-error.h"
#include "toa-text.h"

typedef struct {
  char           *dir;
  ToaStore       *store;   /* SQLite, or PostgreSQL with TOA_TEST_PG=1 */
  StoreTestBoard  board;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = store_test_tmpdir ();
  path = g_build_filename (f->dir, "search.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  store_test_board (f->store, &f->board);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  store_test_rmtree (f->dir);
  g_free (f->dir);
}

static JsonObject *
load_section (JsonParser *parser, const char *name)
{
  const char *shared = g_getenv ("TOA_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_nonnull (shared);
  path = g_build_filename (shared, "testdata", "vietnamese-text.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  return json_object_get_object_member (json_object_get_object_member (root, "sections"), name);
}

static gint64
insert_nfc (Fixture *f, const char *title, const char *sapo, const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t = toa_text_normalize (title, -1, "title", &error);
  g_autofree char *s = sapo != NULL ? toa_text_normalize (sapo, -1, "sapo", &error) : NULL;

  g_assert_no_error (error);
  return store_test_insert (TOA_STORE (f->store), &f->board, t, s, body);
}

static void
assert_finds (Fixture *f, const char *query, gint64 id)
{
  g_autoptr(GArray) ids = store_test_search_ids (TOA_STORE (f->store), query);

  if (!store_test_ids_contain (ids, id))
    g_error ("search “%s” did not find article %" G_GINT64_FORMAT, query, id);
}

static void
assert_not_finds (Fixture *f, const char *query, gint64 id)
{
  g_autoptr(GArray) ids = store_test_search_ids (TOA_STORE (f->store), query);

  if (store_test_ids_contain (ids, id))
    g_error ("search “%s” found article %" G_GINT64_FORMAT " but should not", query, id);
}

static void
test_named_examples (Fixture *f, gconstpointer data)
{
  gint64 bp = insert_nfc (f, "Bình Phước đẩy mạnh chuyển đổi số", NULL, NULL);
  gint64 dn = insert_nfc (f, "Đồng Nai khánh thành cầu", NULL, NULL);
  gint64 hoa_old = insert_nfc (f, "Giữ gìn hoà bình", NULL, NULL);   /* old tone placement */
  gint64 hoa_new = insert_nfc (f, "Giữ gìn hòa bình", NULL, NULL);   /* new tone placement */
  gint64 bd = insert_nfc (f, "Bình Dương thu hút đầu tư", NULL, NULL);
  gint64 dh = insert_nfc (f, "Đông Hà đón khách", NULL, NULL);
  g_autoptr(GArray) ids = NULL;

  assert_finds (f, "binh phuoc", bp);
  assert_finds (f, "Bình Phước", bp);
  assert_finds (f, "BINH PHUOC", bp);
  assert_not_finds (f, "binh phuoc", bd);
  assert_finds (f, "dong nai", dn);
  assert_finds (f, "Đồng Nai", dn);
  assert_not_finds (f, "dong nai", dh);
  assert_finds (f, "hoà", hoa_new);
  assert_finds (f, "hòa", hoa_old);

  ids = store_test_search_ids (TOA_STORE (f->store), "hoa");
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_true (store_test_ids_contain (ids, hoa_old));
  g_assert_true (store_test_ids_contain (ids, hoa_new));

  /* Each word is required; nothing matches a word that is nowhere. */
  g_clear_pointer (&ids, g_array_unref);
  ids = store_test_search_ids (TOA_STORE (f->store), "binh phuoc khanh");
  g_assert_cmpuint (ids->len, ==, 0);
}

/* fts_sqlite_hanoi: the document "Ha Noi" is found by every spelling of Hà Nội. */
static void
test_vectors_hanoi (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *section = load_section (parser, "fts_sqlite_hanoi");
  JsonArray *cases = json_object_get_array_member (section, "cases");
  gint64 doc = insert_nfc (f, "Ha Noi", NULL, NULL);
  gint64 other = insert_nfc (f, "Hà Nam", NULL, NULL);

  g_assert_cmpuint (json_array_get_length (cases), >, 0);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      const char *query = json_object_get_string_member (c, "query");

      g_assert_cmpint (json_object_get_int_member (c, "matches_unicode61_remove_diacritics_2"), ==, 1);
      assert_finds (f, query, doc);
      assert_not_finds (f, query, other);
    }
}

/* search_vi_perl: every needle the collator finds in its haystack (expected_index 0), in
 * any canonically equivalent spelling, is found by our search too. */
static void
test_vectors_perl (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *section = load_section (parser, "search_vi_perl");
  JsonArray *cases = json_object_get_array_member (section, "cases");
  guint checked = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *title = NULL;
      g_autofree char *query = NULL;
      gint64 id;

      if (json_object_get_int_member (c, "expected_index") != 0)
        continue;
      /* One unique word per case: q<letter>z<i>. */
      title = g_strdup_printf ("chữ q%sz%u", json_object_get_string_member (c, "haystack"), i);
      query = g_strdup_printf ("q%sz%u", json_object_get_string_member (c, "needle"), i);
      id = insert_nfc (f, title, NULL, NULL);
      assert_finds (f, query, id);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 10);
}

/* fold_postgres_unaccent: each Vietnamese letter is found by its unaccented base letter. */
static void
test_vectors_unaccent (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *section = load_section (parser, "fold_postgres_unaccent");
  JsonArray *cases = json_object_get_array_member (section, "cases");

  g_assert_cmpuint (json_array_get_length (cases), ==, 134);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *title = g_strdup_printf ("k%sk%u", json_object_get_string_member (c, "char"), i);
      g_autofree char *base = g_utf8_strdown (json_object_get_string_member (c, "unaccent"), -1);
      g_autofree char *query = g_strdup_printf ("k%sk%u", base, i);
      gint64 id = insert_nfc (f, title, NULL, NULL);

      assert_finds (f, query, id);
    }
}

/* tone_placement: old and new tone placement (hoạ/họa, thuỷ/thủy) find each other. */
static void
test_vectors_tone_placement (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *section = load_section (parser, "tone_placement_and_word_sort");
  JsonArray *cases = json_object_get_array_member (section, "cases");
  guint checked = 0;

  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autofree char *title = NULL;
      g_autofree char *query = NULL;
      g_autofree char *reverse = NULL;
      gint64 id;

      if (g_strcmp0 (json_object_get_string_member (c, "kind"), "tone_placement") != 0)
        continue;
      title = g_strdup_printf ("%s mau%u", json_object_get_string_member (c, "input"), i);
      query = g_strdup_printf ("%s mau%u", json_object_get_string_member (c, "expected"), i);
      reverse = g_strdup_printf ("%s mau%u", json_object_get_string_member (c, "input"), i);
      id = insert_nfc (f, title, NULL, NULL);
      assert_finds (f, query, id);
      assert_finds (f, reverse, id);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 10);
}

static void
test_body_html (Fixture *f, gconstpointer data)
{
  gint64 id = insert_nfc (f, "Tin văn hóa", "Sapo về lễ hội",
                          "<p class=\"ngựa-vằn\">Xây dựng <b>nông thôn</b> mới &amp; đô thị văn minh</p>"
                          "<ul><li>Phước Long</li></ul>");

  assert_finds (f, "nong thon moi", id);
  assert_finds (f, "do thi van minh", id);
  assert_finds (f, "phuoc long", id);
  assert_finds (f, "le hoi", id);          /* sapo */
  assert_not_finds (f, "ngua van", id);    /* attribute values are not text */
  assert_not_finds (f, "class", id);
  assert_not_finds (f, "amp", id);
}

static gint64
raw_count (Fixture *f, const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (TOA_IS_PG_STORE (f->store))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PGresult) result = toa_pg_query (TOA_PG_STORE (f->store), sql, NULL, &error);

      g_assert_no_error (error);
      return toa_pg_int (result, 0, 0);
    }
  db = toa_sqlite_store_get_handle (TOA_SQLITE_STORE (f->store));

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_update_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  gint64 id = insert_nfc (f, "Bình Phước mùa điều", "Nông dân thu hoạch", "<p>Giá điều tăng</p>");
  gint64 keep = insert_nfc (f, "Bình Phước mùa mưa", NULL, NULL);
  char *sql;

  assert_finds (f, "mua dieu", id);

  article = toa_store_article_get (TOA_STORE (f->store), id, &error);
  g_assert_no_error (error);
  g_free (article->title);
  article->title = g_strdup ("Tây Ninh mùa mía");
  g_free (article->body_html);
  article->body_html = g_strdup ("<p>Giá mía ổn định</p>");
  g_assert_true (toa_store_article_update (TOA_STORE (f->store), article, &error));
  g_assert_no_error (error);

  assert_not_finds (f, "mua dieu", id);
  assert_not_finds (f, "gia dieu", id);
  assert_finds (f, "tay ninh", id);
  assert_finds (f, "gia mia", id);
  assert_finds (f, "nong dan", id);   /* the unchanged sapo stays indexed */
  assert_finds (f, "binh phuoc", keep);

  /* A change that does not touch the text keeps the index as it is. */
  g_free (article->state);
  article->state = g_strdup ("editing");
  g_assert_true (toa_store_article_update (TOA_STORE (f->store), article, &error));
  g_assert_no_error (error);
  assert_finds (f, "tay ninh", id);

  /* The store never deletes articles itself; a delete (e.g. by a later purge) is followed. */
  sql = g_strdup_printf ("DELETE FROM articles WHERE id = %" G_GINT64_FORMAT, id);
  if (TOA_IS_PG_STORE (f->store))
    {
      /* PostgreSQL: the vector is a generated column of the row, gone with it. */
      g_assert_true (toa_pg_exec (TOA_PG_STORE (f->store), sql, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  else
    g_assert_cmpint (sqlite3_exec (toa_sqlite_store_get_handle (TOA_SQLITE_STORE (f->store)), sql,
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  g_free (sql);
  assert_not_finds (f, "tay ninh", id);
  assert_not_finds (f, "nong dan", id);
  assert_finds (f, "binh phuoc", keep);

  if (TOA_IS_SQLITE_STORE (f->store))
    {
      sqlite3 *db = toa_sqlite_store_get_handle (TOA_SQLITE_STORE (f->store));

      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO article_fts (article_fts, rank) VALUES ('integrity-check', 0)",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (raw_count (f, "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'tay'"), ==, 0);
    }
}

static void
test_syntax_never_fails (Fixture *f, gconstpointer data)
{
  static const char * const queries[] = {
    "\"", "\"binh", "binh\"", "\"\"", "*", "**", "binh*", "*binh", "(", ")", "(binh", "binh)",
    "AND", "OR", "NOT", "NEAR", "NEAR(binh phuoc)", "binh AND", "OR binh", "NOT binh",
    "binh OR NOT phuoc", "title:binh", "title : binh", "{title sapo}: binh", ":", "^", "^binh",
    "-binh", "+binh", "binh-phuoc", "binh.phuoc", "'", "'binh'", "\\", "%", "_", "binh; DROP TABLE articles",
    "\" OR 1=1 --", "a\"b\"c", "  ", "...", "«binh»", "“binh phuoc”", "bình\tphước\n", "🙂", "0", "rowid:1",
  };
  gint64 id = insert_nfc (f, "Bình Phước", NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;
      gint64 count;

      query->text = g_strdup (queries[i]);
      count = toa_store_article_count (TOA_STORE (f->store), query, &error);
      if (error != NULL)
        g_error ("count for “%s” failed: %s", queries[i], error->message);
      g_assert_cmpint (count, >=, 0);
      list = toa_store_article_list (TOA_STORE (f->store), query, NULL, 0, 50, &error);
      if (error != NULL)
        g_error ("list for “%s” failed: %s", queries[i], error->message);
      g_assert_cmpint (list->len, ==, count);
    }
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM articles"), ==, 1);
  assert_finds (f, "binh-phuoc", id);
}

/* Search results page newest first by default, every match exactly once, filters apply. */
static void
test_paging_and_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(ToaArticle) last = NULL;
  gint64 previous = G_MAXINT64;
  guint total = 0;

  for (int i = 0; i < 45; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bình Phước tin số %d", i);
      g_autoptr(ToaArticle) article = store_test_article (&f->board, title, NULL, NULL);

      if (i % 3 == 0)
        {
          g_free (article->state);
          article->state = g_strdup ("published");
        }
      g_assert_true (toa_store_article_insert (TOA_STORE (f->store), article, &error));
      g_assert_no_error (error);
    }
  insert_nfc (f, "Đồng Nai", NULL, NULL);

  query->text = g_strdup ("binh phuoc");
  g_assert_cmpint (toa_store_article_count (TOA_STORE (f->store), query, &error), ==, 45);
  for (;;)
    {
      g_autoptr(GPtrArray) page = toa_store_article_list (TOA_STORE (f->store), query, last, 0, 7, &error);

      g_assert_no_error (error);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        {
          ToaArticle *a = g_ptr_array_index (page, i);

          g_assert_cmpint (a->id, <, previous);
          previous = a->id;
          g_assert_false (g_hash_table_contains (seen, &a->id));
          g_hash_table_add (seen, g_memdup2 (&a->id, sizeof a->id));
          g_assert_null (a->body_html);
          total++;
        }
      g_set_object (&last, g_ptr_array_index (page, page->len - 1));
    }
  g_assert_cmpuint (total, ==, 45);

  query->state = g_strdup ("published");
  g_assert_cmpint (toa_store_article_count (TOA_STORE (f->store), query, &error), ==, 15);
  {
    g_autoptr(GPtrArray) page = toa_store_article_list (TOA_STORE (f->store), query, NULL, 0, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 15);
  }

  /* a count limit stops counting there, with and without filters, never above the total */
  query->count_limit = 10;
  g_assert_cmpint (toa_store_article_count (TOA_STORE (f->store), query, &error), ==, 10);
  g_clear_pointer (&query->state, g_free);
  g_assert_cmpint (toa_store_article_count (TOA_STORE (f->store), query, &error), ==, 10);
  query->count_limit = 100;
  g_assert_cmpint (toa_store_article_count (TOA_STORE (f->store), query, &error), ==, 45);
  g_clear_pointer (&query->text, g_free);
  query->count_limit = 20;
  g_assert_cmpint (toa_store_article_count (TOA_STORE (f->store), query, &error), ==, 20);
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/search/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("named-examples", test_named_examples);
  ADD ("vectors-hanoi", test_vectors_hanoi);
  ADD ("vectors-perl", test_vectors_perl);
  ADD ("vectors-unaccent", test_vectors_unaccent);
  ADD ("vectors-tone-placement", test_vectors_tone_placement);
  ADD ("body-html", test_body_html);
  ADD ("update-delete", test_update_delete);
  ADD ("syntax-never-fails", test_syntax_never_fails);
  ADD ("paging-and-filters", test_paging_and_filters);
#undef ADD

  return g_test_run ();
}
