/* toa-pg-articles-private.h — what toa-pg-articles.c and toa-pg-list.c share: the article
 * columns every read returns (without body_html), their joins, the row reader, and the
 * list methods. Not installed. */
#pragma once

#include "toa-pg-private.h"

G_BEGIN_DECLS

/* The same columns, in the same order, as TOA_SQLITE_ARTICLE_COLUMNS. */
#define TOA_PG_ARTICLE_COLUMNS \
  "a.id, a.site_id, s.code, a.section_id, sec.name, a.genre, a.language, a.source_unit_id, " \
  "u.name, a.info_kind, a.title, a.sapo, a.attribution, a.state, a.created_by, p.full_name, " \
  "a.created_at, a.updated_at, a.published_at, a.version"
#define TOA_PG_ARTICLE_N_COLUMNS 20
/* LEFT JOINs keep `articles` the driving table, so the list's index order is kept. */
#define TOA_PG_ARTICLE_JOINS \
  "LEFT JOIN sites s ON s.id = a.site_id " \
  "LEFT JOIN sections sec ON sec.id = a.section_id " \
  "LEFT JOIN units u ON u.id = a.source_unit_id " \
  "LEFT JOIN people p ON p.id = a.created_by "

/* An article from row @row of a result with TOA_PG_ARTICLE_COLUMNS first. */
ToaArticle *toa_pg_article_from_row (const PGresult *res, int row);

/* toa-pg-list.c */
gint64      toa_pg_article_count (ToaStore *store, const ToaArticleQuery *query, GError **error);
GPtrArray  *toa_pg_article_list (ToaStore *store, const ToaArticleQuery *query, ToaArticle *after,
                                 guint offset, guint limit, GError **error);

G_END_DECLS
