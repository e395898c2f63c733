/* toa-article-list-model.c — the paging list of articles behind the Articles page. With a
 * background reader (toa_article_list_model_set_reader) the count and the pages are read off
 * the main thread: a row not read yet is a blank placeholder until its page comes back. */
#include "config.h"

#include "toa-article-list-model.h"

#define MAX_CACHED_PAGES 8
/* A page further than this below the nearest cached page is fetched by offset; nearer
 * ones are reached by walking forward page by page (keyset), which stays fast deep in
 * a long list where OFFSET has to count every row it skips. */
#define MAX_WALK_PAGES   16

struct _ToaArticleListModel {
  GObject parent_instance;

  ToaStore        *store;
  ToaArticleQuery *query;
  guint            n_items;

  GHashTable      *pages;  /* page index → GPtrArray of ToaArticle */
  GQueue           lru;    /* page indices, most recently used first */

  guint            keyset_fetches;
  guint            offset_fetches;
  gboolean         warned;

  gboolean         complete;  /* n_items is the whole count (not a count that hit its limit) */
  guint            count_limit; /* where counting stops now: the query's, growing as one scrolls */
  guint            grow_id;   /* idle source that counts further */

  ToaBackgroundReader *reader;   /* NULL: everything is read at once, on the main thread */
  GCancellable    *cancellable;  /* of the reads for the current query; replaced on reload */
  guint            generation;   /* of the current query: older reads are dropped */
  GHashTable      *requested;    /* pages asked for and not back yet */
  gboolean         loading;      /* the count is being read */
  gboolean         growing;      /* a further count is being read */
  GError          *error;        /* why the last count failed, or NULL */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ToaArticleListModel, toa_article_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  PROP_COMPLETE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
drop_pages (ToaArticleListModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
touch_page (ToaArticleListModel *self, guint page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->lru) > MAX_CACHED_PAGES)
    {
      guint old = GPOINTER_TO_UINT (g_queue_pop_tail (&self->lru));
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (old));
    }
}

/* A count that reached the query's count_limit is not the whole count: the list then
 * shows one row less than the limit and counts further when the person scrolls there. */
static void
take_count (ToaArticleListModel *self, gint64 count)
{
  self->complete = self->count_limit == 0 || count < self->count_limit;
  count = self->complete ? count : count - 1;
  self->n_items = (guint) CLAMP (count, 0, (gint64) G_MAXUINT);
}

/* Counts with the current limit; the query itself is left as the page set it, so the same
 * search typed again compares equal. */
static gint64
count_items (ToaArticleListModel *self, GError **error)
{
  ToaArticleQuery query = *self->query;

  query.count_limit = self->count_limit;
  return toa_store_article_count (self->store, &query, error);
}

/* A count read in the background, for the query of @generation. */
typedef struct {
  guint            generation;
  ToaArticleQuery *query;   /* with the count limit to use */
  gint64           count;
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_clear_pointer (&job->query, toa_article_query_free);
  g_free (job);
}

static gboolean
count_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  CountJob *job = data;

  job->count = toa_store_article_count (store, job->query, error);
  return job->count >= 0;
}

static CountJob *
count_job_new (ToaArticleListModel *self)
{
  CountJob *job = g_new0 (CountJob, 1);

  job->generation = self->generation;
  job->query = toa_article_query_copy (self->query);
  job->query->count_limit = self->count_limit;
  return job;
}

static void grow_take (ToaArticleListModel *self, gint64 count, const GError *error);

static void
grow_done (gpointer owner, gpointer data, const GError *error)
{
  ToaArticleListModel *self = owner;
  CountJob *job = data;

  if (job->generation != self->generation)
    return;
  self->growing = FALSE;
  grow_take (self, job->count, error);
}

static gboolean
grow (gpointer data)
{
  ToaArticleListModel *self = data;
  g_autoptr(GError) error = NULL;
  gint64 count;

  self->grow_id = 0;
  self->count_limit = MIN (self->count_limit, G_MAXUINT / 4) * 4;
  if (self->reader != NULL)
    {
      self->growing = TRUE;
      toa_background_reader_run (self->reader, NULL, count_run, grow_done, self, self->cancellable,
                                 count_job_new (self), (GDestroyNotify) count_job_free);
      return G_SOURCE_REMOVE;
    }
  count = count_items (self, &error);
  grow_take (self, count, error);
  return G_SOURCE_REMOVE;
}

static void
grow_take (ToaArticleListModel *self, gint64 count, const GError *error)
{
  guint old_n = self->n_items;
  gboolean was_complete = self->complete;
  guint common;

  if (count < 0)
    {
      g_message ("Could not count articles: %s", error != NULL ? error->message : "?");
      return;
    }
  take_count (self, count);
  /* others may have changed the articles meanwhile: the list can shrink as well as grow */
  common = MIN (old_n, self->n_items);
  if (self->n_items != old_n)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, self->n_items - common);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  if (self->complete != was_complete)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static GPtrArray *
fetch_page (ToaArticleListModel *self, guint page)
{
  GPtrArray *rows;
  GPtrArray *previous = NULL;
  ToaArticle *after = NULL;
  g_autoptr(GError) error = NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows != NULL)
    {
      touch_page (self, page);
      return rows;
    }

  if (page > 0)
    previous = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1));
  if (previous == NULL && page > 1)
    {
      /* Walk forward from the nearest cached page below, if it is close. */
      for (guint back = 2; back <= MAX_WALK_PAGES && back <= page; back++)
        if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (page - back)))
          {
            for (guint p = page - back + 1; p < page; p++)
              if (fetch_page (self, p) == NULL)
                return NULL;
            previous = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1));
            break;
          }
    }
  if (previous != NULL && previous->len == TOA_ARTICLE_LIST_MODEL_PAGE_SIZE)
    after = g_ptr_array_index (previous, previous->len - 1);

  rows = toa_store_article_list (self->store, self->query, after,
                                 after != NULL ? 0 : page * TOA_ARTICLE_LIST_MODEL_PAGE_SIZE,
                                 TOA_ARTICLE_LIST_MODEL_PAGE_SIZE, &error);
  if (rows == NULL)
    {
      if (!self->warned)
        g_message ("Could not read articles: %s", error != NULL ? error->message : "?");
      self->warned = TRUE;
      return NULL;
    }

  if (after != NULL)
    self->keyset_fetches++;
  else
    self->offset_fetches++;

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  touch_page (self, page);
  return rows;
}

/* A page read in the background, for the query of @generation. */
typedef struct {
  guint            generation;
  guint            page;
  ToaArticleQuery *query;
  ToaArticle      *after;   /* the previous page's last row (keyset), or NULL (offset) */
  GPtrArray       *rows;
} PageJob;

static void
page_job_free (PageJob *job)
{
  g_clear_pointer (&job->query, toa_article_query_free);
  g_clear_object (&job->after);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static gboolean
page_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  PageJob *job = data;

  job->rows = toa_store_article_list (store, job->query, job->after,
                                      job->after != NULL ? 0 : job->page * TOA_ARTICLE_LIST_MODEL_PAGE_SIZE,
                                      TOA_ARTICLE_LIST_MODEL_PAGE_SIZE, error);
  return job->rows != NULL;
}

/* On the main thread: the page's rows replace their placeholders. */
static void
page_done (gpointer owner, gpointer data, const GError *error)
{
  ToaArticleListModel *self = owner;
  PageJob *job = data;
  guint first = job->page * TOA_ARTICLE_LIST_MODEL_PAGE_SIZE;

  if (job->generation != self->generation)
    return;
  g_hash_table_remove (self->requested, GUINT_TO_POINTER (job->page));
  if (error != NULL)
    {
      if (!self->warned)
        g_message ("Could not read articles: %s", error->message);
      self->warned = TRUE;
      return;
    }
  if (job->after != NULL)
    self->keyset_fetches++;
  else
    self->offset_fetches++;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (job->page), g_steal_pointer (&job->rows));
  touch_page (self, job->page);
  if (first < self->n_items)
    {
      guint n = MIN (TOA_ARTICLE_LIST_MODEL_PAGE_SIZE, self->n_items - first);

      g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
    }
}

/* Asks the reader for @page (once: later asks wait for the same read). */
static void
request_page (ToaArticleListModel *self, guint page)
{
  PageJob *job;
  GPtrArray *previous;

  if (g_hash_table_contains (self->requested, GUINT_TO_POINTER (page)))
    return;
  g_hash_table_add (self->requested, GUINT_TO_POINTER (page));
  job = g_new0 (PageJob, 1);
  job->generation = self->generation;
  job->page = page;
  job->query = toa_article_query_copy (self->query);
  previous = page > 0 ? g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page - 1)) : NULL;
  if (previous != NULL && previous->len == TOA_ARTICLE_LIST_MODEL_PAGE_SIZE)
    job->after = toa_article_copy (g_ptr_array_index (previous, previous->len - 1));
  toa_background_reader_run (self->reader, NULL, page_run, page_done, self, self->cancellable,
                             job, (GDestroyNotify) page_job_free);
}

static GType
list_model_get_item_type (GListModel *model)
{
  return TOA_TYPE_ARTICLE;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return TOA_ARTICLE_LIST_MODEL (model)->n_items;
}

static gpointer
list_model_get_item (GListModel *model, guint position)
{
  ToaArticleListModel *self = TOA_ARTICLE_LIST_MODEL (model);
  guint page = position / TOA_ARTICLE_LIST_MODEL_PAGE_SIZE;
  guint index = position % TOA_ARTICLE_LIST_MODEL_PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  /* near the end of a partial count: count further, outside this call */
  if (!self->complete && self->grow_id == 0
      && position + 2 * TOA_ARTICLE_LIST_MODEL_PAGE_SIZE >= self->n_items)
    self->grow_id = g_idle_add (grow, self);

  if (self->reader != NULL)
    {
      rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
      if (rows == NULL)
        {
          request_page (self, page);
          return toa_article_new ();   /* a placeholder until the page is read */
        }
      touch_page (self, page);
    }
  else
    rows = fetch_page (self, page);
  if (rows != NULL && index < rows->len)
    return g_object_ref (g_ptr_array_index (rows, index));

  /* The store changed under us or failed: a blank row keeps the view consistent. */
  return toa_article_new ();
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
toa_article_list_model_finalize (GObject *object)
{
  ToaArticleListModel *self = TOA_ARTICLE_LIST_MODEL (object);

  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->requested, g_hash_table_unref);
  g_clear_error (&self->error);
  drop_pages (self);
  g_hash_table_unref (self->pages);
  g_clear_pointer (&self->query, toa_article_query_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (toa_article_list_model_parent_class)->finalize (object);
}

static void
toa_article_list_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ToaArticleListModel *self = TOA_ARTICLE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
toa_article_list_model_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  ToaArticleListModel *self = TOA_ARTICLE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
toa_article_list_model_class_init (ToaArticleListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = toa_article_list_model_finalize;
  object_class->get_property = toa_article_list_model_get_property;
  object_class->set_property = toa_article_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TOA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
toa_article_list_model_init (ToaArticleListModel *self)
{
  self->query = toa_article_query_new ();
  self->complete = TRUE;
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->requested = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->lru);
}

ToaArticleListModel *
toa_article_list_model_new (ToaStore *store)
{
  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  return g_object_new (TOA_TYPE_ARTICLE_LIST_MODEL, "store", store, NULL);
}

ToaStore *
toa_article_list_model_get_store (ToaArticleListModel *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), NULL);
  return self->store;
}

const ToaArticleQuery *
toa_article_list_model_get_query (ToaArticleListModel *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), NULL);
  return self->query;
}

static void
set_loading (ToaArticleListModel *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* On the main thread: the count for the current query replaces every row. */
static void
count_done (gpointer owner, gpointer data, const GError *error)
{
  ToaArticleListModel *self = owner;
  CountJob *job = data;
  guint old_n = self->n_items;

  if (job->generation != self->generation)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  take_count (self, error == NULL ? job->count : 0);
  drop_pages (self);   /* any read for the rows shown before the count came */
  g_hash_table_remove_all (self->requested);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  set_loading (self, FALSE);
}

gboolean
toa_article_list_model_reload (ToaArticleListModel *self, GError **error)
{
  guint old_n;
  gint64 count;
  gboolean ok = TRUE;

  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), FALSE);

  old_n = self->n_items;
  g_clear_handle_id (&self->grow_id, g_source_remove);
  drop_pages (self);
  self->keyset_fetches = self->offset_fetches = 0;
  self->warned = FALSE;

  self->count_limit = self->query->count_limit;
  if (self->reader != NULL)
    {
      /* the reads for the last query are dropped; the rows shown stay until the count is in */
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->generation++;
      g_hash_table_remove_all (self->requested);
      self->growing = FALSE;
      set_loading (self, TRUE);
      toa_background_reader_run (self->reader, NULL, count_run, count_done, self, self->cancellable,
                                 count_job_new (self), (GDestroyNotify) count_job_free);
      return TRUE;
    }
  count = count_items (self, error);
  if (count < 0)
    {
      count = 0;
      ok = FALSE;
    }
  take_count (self, count);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);

  if (old_n != 0 || self->n_items != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return ok;
}

gboolean
toa_article_list_model_set_query (ToaArticleListModel *self, const ToaArticleQuery *query,
                                  GError **error)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  g_clear_pointer (&self->query, toa_article_query_free);
  self->query = toa_article_query_copy (query);
  return toa_article_list_model_reload (self, error);
}

void
toa_article_list_model_get_fetch_counts (ToaArticleListModel *self, guint *keyset, guint *offset)
{
  g_return_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self));
  if (keyset != NULL)
    *keyset = self->keyset_fetches;
  if (offset != NULL)
    *offset = self->offset_fetches;
}

gboolean
toa_article_list_model_is_complete (ToaArticleListModel *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), TRUE);
  return self->complete;
}

guint
toa_article_list_model_get_cached_pages (ToaArticleListModel *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

void
toa_article_list_model_set_reader (ToaArticleListModel *self, ToaBackgroundReader *reader)
{
  g_return_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self));
  g_return_if_fail (reader == NULL || TOA_IS_BACKGROUND_READER (reader));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;
  g_hash_table_remove_all (self->requested);
  self->growing = FALSE;
  set_loading (self, FALSE);
  g_set_object (&self->reader, reader);
}

void
toa_article_list_model_set_location (ToaArticleListModel *self, const char *location)
{
  g_autoptr(ToaBackgroundReader) reader = NULL;
  const char *where;

  g_return_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self));
  where = toa_background_reader_location_for (self->store, location);
  if (where != NULL)
    reader = toa_background_reader_new (self->store, where);
  toa_article_list_model_set_reader (self, reader);
}

gboolean
toa_article_list_model_is_loading (ToaArticleListModel *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), FALSE);
  return self->loading;
}

const GError *
toa_article_list_model_get_error (ToaArticleListModel *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self), NULL);
  return self->error;
}

void
toa_article_list_model_wait_idle (ToaArticleListModel *self)
{
  g_return_if_fail (TOA_IS_ARTICLE_LIST_MODEL (self));
  while (self->loading || self->growing || g_hash_table_size (self->requested) > 0)
    g_main_context_iteration (NULL, TRUE);
}
