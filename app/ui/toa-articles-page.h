/* toa-articles-page.h — the Articles page (Tin bài): search, filters by site, section,
 * genre and state, sorting, and a column view over a paging ToaArticleListModel. */
#pragma once

#include <adwaita.h>

#include "toa-article-list-model.h"

G_BEGIN_DECLS

#define TOA_TYPE_ARTICLES_PAGE (toa_articles_page_get_type ())
G_DECLARE_FINAL_TYPE (ToaArticlesPage, toa_articles_page, TOA, ARTICLES_PAGE, AdwBin)

/* Loads the filter choices (sites, sections, genres) from @store and lists its articles. */
void                 toa_articles_page_set_store (ToaArticlesPage *self, ToaStore *store);
/* Clears the search and the filters. */
void                 toa_articles_page_reset (ToaArticlesPage *self);
void                 toa_articles_page_focus_search (ToaArticlesPage *self);
ToaArticleListModel *toa_articles_page_get_model (ToaArticlesPage *self);

G_END_DECLS
