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
/* Where the list is read off the main thread (toa_article_list_model_set_location: the
 * window's location, a secret kept by the page; NULL = an SQLite store's own file). Without
 * this call the list is read on the main thread. Best called before set_store; later, the
 * list is read again through it. While the model counts, a spinner turns (the rows shown
 * stay, or the "loading" page shows when there are none); when reading fails, the page says
 * why. */
void                 toa_articles_page_set_location (ToaArticlesPage *self, const char *location);
/* Clears the search and the filters. */
void                 toa_articles_page_reset (ToaArticlesPage *self);
void                 toa_articles_page_focus_search (ToaArticlesPage *self);
ToaArticleListModel *toa_articles_page_get_model (ToaArticlesPage *self);

G_END_DECLS
