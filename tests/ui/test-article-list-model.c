/* test-article-list-model.c — the paging list model: counts from the store, pages by
 * keyset when walking forward, by offset when jumping, keeps few pages, follows queries;
 * with a background reader on a slow store, fills in while the main thread keeps running. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "toa-article-list-model.h"
#include "toa-error.h"
#include "toa-store-open.h"
#include "toa-ui-test-util.h"

static char *tmp_dir;
static char *db_path;
static ToaStore *store;

/* ---- a slow store: the board's answers to counts and pages, SLOW_MS later (a far server) -- */

#define SLOW_MS 400

#define TEST_TYPE_SLOW_STORE (test_slow_store_get_type ())
G_DECLARE_FINAL_TYPE (TestSlowStore, test_slow_store, TEST, SLOW_STORE, GObject)

struct _TestSlowStore {
  GObject   parent_instance;
  ToaStore *inner;
};

static void test_slow_store_iface_init (ToaStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSlowStore, test_slow_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOA_TYPE_STORE, test_slow_store_iface_init))

static gint64
slow_article_count (ToaStore *self, const ToaArticleQuery *query, GError **error)
{
  g_usleep (SLOW_MS * 1000);
  return toa_store_article_count (TEST_SLOW_STORE (self)->inner, query, error);
}

static GPtrArray *
slow_article_list (ToaStore *self, const ToaArticleQuery *query, ToaArticle *after, guint offset, guint limit,
                   GError **error)
{
  g_usleep (SLOW_MS * 1000);
  return toa_store_article_list (TEST_SLOW_STORE (self)->inner, query, after, offset, limit, error);
}

static void
test_slow_store_iface_init (ToaStoreInterface *iface)
{
  iface->article_count = slow_article_count;
  iface->article_list = slow_article_list;
}

static void
test_slow_store_finalize (GObject *object)
{
  g_clear_object (&TEST_SLOW_STORE (object)->inner);
  G_OBJECT_CLASS (test_slow_store_parent_class)->finalize (object);
}

static void
test_slow_store_class_init (TestSlowStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_slow_store_finalize;
}

static void
test_slow_store_init (TestSlowStore *self)
{
}

/* The reader's opener: the board's file behind a slow store, opened in the worker. */
static ToaStore *
open_slow (const char *location, gpointer data, GError **error)
{
  TestSlowStore *slow;
  ToaStore *inner = toa_store_open (location, TOA_OPEN_EXISTING, error);

  if (inner == NULL)
    return NULL;
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));   /* not the main thread */
  slow = g_object_new (TEST_TYPE_SLOW_STORE, NULL);
  slow->inner = inner;
  return TOA_STORE (slow);
}

static ToaStore *
open_unreachable (const char *location, gpointer data, GError **error)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_IO, "The server at %s does not answer", location);
  return NULL;
}

/* The longest the main loop went without running a 10 ms tick. */
typedef struct {
  gint64 last;
  gint64 longest;
} Ticks;

static gboolean
on_tick (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

static GPtrArray *
all_articles (const ToaArticleQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = toa_store_article_list (store, query, NULL, 0, 100000, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
test_walk_forward (void)
{
  g_autoptr(ToaArticleListModel) model = toa_article_list_model_new (store);
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;
  guint keyset, offset;

  g_assert_true (toa_article_list_model_set_query (model, query, &error));
  g_assert_no_error (error);
  count = toa_store_article_count (store, query, NULL);
  g_assert_cmpint (count, >, TOA_ARTICLE_LIST_MODEL_PAGE_SIZE * 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) count);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == TOA_TYPE_ARTICLE);

  expected = all_articles (query);
  g_assert_cmpuint (expected->len, ==, (guint) count);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(ToaArticle) got = g_list_model_get_item (G_LIST_MODEL (model), i);
      ToaArticle *want = g_ptr_array_index (expected, i);

      g_assert_cmpint (got->id, ==, want->id);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), (guint) count));

  toa_article_list_model_get_fetch_counts (model, &keyset, &offset);
  g_assert_cmpuint (offset, ==, 1);
  g_assert_cmpuint (keyset, ==, (guint) ((count - 1) / TOA_ARTICLE_LIST_MODEL_PAGE_SIZE));
  g_assert_cmpuint (toa_article_list_model_get_cached_pages (model), <=, 8);
}

static void
test_jump (void)
{
  g_autoptr(ToaArticleListModel) model = toa_article_list_model_new (store);
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(ToaArticle) last = NULL;
  g_autoptr(ToaArticle) first = NULL;
  guint n, keyset, offset;

  query->sort = TOA_SORT_TITLE;
  query->descending = FALSE;
  g_assert_true (toa_article_list_model_set_query (model, query, NULL));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  expected = all_articles (query);

  /* Straight to the end, then back to the start: two offset fetches, no walking. */
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (last->id, ==, ((ToaArticle *) g_ptr_array_index (expected, n - 1))->id);
  g_assert_cmpint (first->id, ==, ((ToaArticle *) g_ptr_array_index (expected, 0))->id);
  toa_article_list_model_get_fetch_counts (model, &keyset, &offset);
  g_assert_cmpuint (offset, ==, 2);
  g_assert_cmpuint (keyset, ==, 0);
  g_assert_cmpuint (toa_article_list_model_get_cached_pages (model), ==, 2);
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, guint *counts)
{
  counts[0] = position;
  counts[1] = removed;
  counts[2] = added;
}

static void
test_query_change (void)
{
  g_autoptr(ToaArticleListModel) model = toa_article_list_model_new (store);
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  guint counts[3] = { 99, 99, 99 };
  guint before;
  gint64 published;

  g_assert_true (toa_article_list_model_set_query (model, query, NULL));
  before = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), counts);

  query->state = g_strdup ("published");
  published = toa_store_article_count (store, query, NULL);
  g_assert_cmpint (published, >, 0);
  g_assert_cmpint (published, <, before);
  g_assert_true (toa_article_list_model_set_query (model, query, NULL));
  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[1], ==, before);
  g_assert_cmpuint (counts[2], ==, (guint) published);
  g_assert_true (toa_article_query_equal (toa_article_list_model_get_query (model), query));

  for (guint i = 0; i < (guint) published; i++)
    {
      g_autoptr(ToaArticle) article = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpstr (article->state, ==, "published");
    }
}

static void
on_items_added (GListModel *model, guint position, guint removed, guint added, guint *counts)
{
  counts[0]++;
  counts[1] += removed;
  counts[2] += added;
}

/* A search whose count stops at the limit shows one row less, then counts further
 * (by an idle, growing the list) when rows near its end are read, until complete. */
static void
test_partial_count (void)
{
  g_autoptr(ToaArticleListModel) model = toa_article_list_model_new (store);
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GPtrArray) expected = NULL;
  guint counts[3] = { 0, 0, 0 };
  gint64 total;
  guint n;

  query->text = g_strdup ("binh phuoc");
  total = toa_store_article_count (store, query, NULL);
  g_assert_cmpint (total, >, 200);
  query->count_limit = 20;
  g_assert_true (toa_article_list_model_set_query (model, query, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 19);
  g_assert_false (toa_article_list_model_is_complete (model));

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_added), counts);
  expected = all_articles (query);
  for (guint i = 0; i < 10000 && !toa_article_list_model_is_complete (model); i++)
    {
      g_autoptr(ToaArticle) item = NULL;

      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      item = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
      g_assert_cmpint (item->id, ==, ((ToaArticle *) g_ptr_array_index (expected, n - 1))->id);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (toa_article_list_model_is_complete (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) total);
  g_assert_cmpuint (counts[1], ==, 0);                      /* rows only added, never removed */
  g_assert_cmpuint (counts[2], ==, (guint) total - 19);
}

/* On a slow store the model answers at once, fills in when the reads are back, and the main
 * thread never waits on them. */
static void
test_background (void)
{
  g_autoptr(ToaArticleListModel) model = toa_article_list_model_new (store);
  g_autoptr(ToaBackgroundReader) reader = toa_background_reader_new (store, db_path);
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(ToaArticle) placeholder = NULL;
  g_autoptr(ToaArticle) first = NULL;
  guint counts[3] = { 0, 0, 0 };
  Ticks ticks = { g_get_monotonic_time (), 0 };
  gint64 start, count, published;
  guint tick_id;

  toa_background_reader_set_opener (reader, open_slow, NULL);
  toa_article_list_model_set_reader (model, reader);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_added), counts);
  tick_id = g_timeout_add (10, on_tick, &ticks);

  /* the first query is superseded at once by the second: only the second's count lands */
  start = g_get_monotonic_time ();
  g_assert_true (toa_article_list_model_set_query (model, query, NULL));
  query->state = g_strdup ("published");
  g_assert_true (toa_article_list_model_set_query (model, query, NULL));
  g_assert_cmpint (g_get_monotonic_time () - start, <, SLOW_MS * 1000 / 4);
  g_assert_true (toa_article_list_model_is_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  ticks.last = g_get_monotonic_time ();
  while (toa_article_list_model_is_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, SLOW_MS * 1000);   /* it was slow… */
  g_assert_cmpint (ticks.longest, <, SLOW_MS * 1000 / 2);                 /* …but not here */
  published = toa_store_article_count (store, query, NULL);
  g_assert_cmpint (published, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, (guint) published);
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[2], ==, (guint) published);
  g_assert_null (toa_article_list_model_get_error (model));

  /* a row not read yet is a placeholder; its page comes back over it */
  placeholder = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (placeholder->id, ==, 0);
  ticks.longest = 0;
  ticks.last = g_get_monotonic_time ();
  toa_article_list_model_wait_idle (model);
  g_assert_cmpint (ticks.longest, <, SLOW_MS * 1000 / 2);
  g_assert_cmpuint (counts[0], ==, 2);
  expected = all_articles (query);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (first->id, ==, ((ToaArticle *) g_ptr_array_index (expected, 0))->id);
  count = toa_store_article_count (store, query, NULL);
  g_assert_cmpint (count, ==, published);
  g_source_remove (tick_id);
}

/* A server that cannot be reached: the model is empty, not loading, and says why. */
static void
test_background_failure (void)
{
  g_autoptr(ToaArticleListModel) model = toa_article_list_model_new (store);
  g_autoptr(ToaBackgroundReader) reader = toa_background_reader_new (store, "postgresql://nowhere.invalid/board");
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  const GError *error;

  toa_background_reader_set_opener (reader, open_unreachable, NULL);
  toa_article_list_model_set_reader (model, reader);
  g_assert_true (toa_article_list_model_set_query (model, query, NULL));
  g_assert_true (toa_article_list_model_is_loading (model));
  toa_article_list_model_wait_idle (model);
  g_assert_false (toa_article_list_model_is_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  error = toa_article_list_model_get_error (model);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "does not answer"));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("toasoan-model-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "board.db", NULL);
  store = toa_ui_test_demo_store (db_path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/article-list-model/walk-forward", test_walk_forward);
  g_test_add_func ("/ui/article-list-model/jump", test_jump);
  g_test_add_func ("/ui/article-list-model/query-change", test_query_change);
  g_test_add_func ("/ui/article-list-model/partial-count", test_partial_count);
  g_test_add_func ("/ui/article-list-model/background", test_background);
  g_test_add_func ("/ui/article-list-model/background-failure", test_background_failure);
  status = g_test_run ();

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
