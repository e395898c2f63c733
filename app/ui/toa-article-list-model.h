/* toa-article-list-model.h — a GListModel of ToaArticle that pages from the store: it knows
 * the count, fetches pages of rows on demand (keyset after a cached previous page, offset
 * otherwise) and keeps only a few pages, so a list of a million articles stays small. */
#pragma once

#include <gio/gio.h>

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

G_END_DECLS
