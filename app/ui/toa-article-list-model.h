/* toa-article-list-model.h — a GListModel of ToaArticle that pages from the store: it knows
 * the count, fetches pages of rows on demand (keyset after a cached previous page, offset
 * otherwise) and keeps only a few pages, so a list of a million articles stays small. */
#pragma once

#include <gio/gio.h>

#include "toa-background-reader.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_ARTICLE_LIST_MODEL_PAGE_SIZE 100

#define TOA_TYPE_ARTICLE_LIST_MODEL (toa_article_list_model_get_type ())
G_DECLARE_FINAL_TYPE (ToaArticleListModel, toa_article_list_model, TOA, ARTICLE_LIST_MODEL, GObject)

ToaArticleListModel   *toa_article_list_model_new (ToaStore *store);
ToaStore              *toa_article_list_model_get_store (ToaArticleListModel *self);
const ToaArticleQuery *toa_article_list_model_get_query (ToaArticleListModel *self);
/* Copies @query, recounts and replaces every item. FALSE with @error when counting failed
 * (the model is then empty). */
gboolean               toa_article_list_model_set_query (ToaArticleListModel *self,
                                                         const ToaArticleQuery *query,
                                                         GError **error);
/* Drops the cached pages and recounts with the same query. */
gboolean               toa_article_list_model_reload (ToaArticleListModel *self, GError **error);
/* How many pages were fetched by keyset and by offset since the last query (for tests). */
void                   toa_article_list_model_get_fetch_counts (ToaArticleListModel *self,
                                                                guint *keyset, guint *offset);
/* FALSE while n-items is a count that stopped at the query's count_limit: the model then
 * counts further (and grows) when rows near its end are read. Notifies "complete". */
gboolean               toa_article_list_model_is_complete (ToaArticleListModel *self);
/* Number of pages held right now (never more than a few). */
guint                  toa_article_list_model_get_cached_pages (ToaArticleListModel *self);

/* Reads off the main thread on @reader (NULL: at once on the store, the default). Then
 * set_query and reload return at once (TRUE) with "loading" set; when the count is in, every
 * row is replaced ("items-changed", "n-items") and "loading" is cleared — on failure the model
 * is empty and get_error says why. A row whose page is not read yet is a blank ToaArticle
 * (id 0) until the page comes back ("items-changed" over its rows). */
void                   toa_article_list_model_set_reader (ToaArticleListModel *self,
                                                          ToaBackgroundReader *reader);
/* The same with a reader of its own on @location (toa_background_reader_location_for: a
 * PostgreSQL location, or the SQLite store's file when NULL). */
void                   toa_article_list_model_set_location (ToaArticleListModel *self, const char *location);
gboolean               toa_article_list_model_is_loading (ToaArticleListModel *self);
const GError          *toa_article_list_model_get_error (ToaArticleListModel *self);
/* For tests: iterates the main context until the count and every page asked for are in. */
void                   toa_article_list_model_wait_idle (ToaArticleListModel *self);

G_END_DECLS
