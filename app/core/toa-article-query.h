/* toa-article-query.h — what an article list asks of the store: filters, search text,
 * sort order. Paging is keyset ("after this article") with an offset fallback. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TOA_SORT_UPDATED,     /* last change (default, newest first) */
  TOA_SORT_CREATED,
  TOA_SORT_PUBLISHED,
  TOA_SORT_TITLE,       /* folded title, then id */
  TOA_SORT_ID,
} ToaArticleSort;

typedef struct {
  gint64          site_id;     /* 0 = every site */
  gint64          section_id;  /* 0 = every section */
  char           *genre;       /* NULL = every genre */
  char           *state;       /* NULL = every state */
  char           *language;    /* NULL = both */
  char           *text;        /* search text, NULL or "" = no search; folded by the store */
  ToaArticleSort  sort;
  gboolean        descending;
  guint           count_limit; /* 0 = exact counts; N = a count stops at N (a list of search
                                * results shows "more than N-1" instead of counting a million) */
} ToaArticleQuery;

/* How far a list of search results counts: the window shows "more than 10.000" beyond it
 * and grows the list as the person scrolls, instead of counting every match first. */
#define TOA_SEARCH_COUNT_LIMIT 10001

ToaArticleQuery *toa_article_query_new (void);       /* sort by update, newest first */
ToaArticleQuery *toa_article_query_copy (const ToaArticleQuery *query);
void             toa_article_query_free (ToaArticleQuery *query);
gboolean         toa_article_query_equal (const ToaArticleQuery *a, const ToaArticleQuery *b);

/* Turns user search text into an FTS5 query over folded text: each word quoted, all
 * required, the last one as a prefix; "…" keeps a phrase. NULL when nothing searchable. */
char            *toa_article_query_fts (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaArticleQuery, toa_article_query_free)

G_END_DECLS
