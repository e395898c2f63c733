/* toa-pg-list.c — the article list and count in the PostgreSQL backend, with the same
 * semantics and order as toa-sqlite-list.c: filters, search over the folded words
 * (articles.search, a GIN-indexed tsvector over toa_fold), sort orders served by the
 * (key, id) indexes, keyset paging ("after" the last row of the previous page, by sort key
 * and id) with an offset fallback, and a count that can stop at a limit. Lists never read
 * body_html.
 *
 * The search text becomes the same items as the SQLite FTS5 query
 * (toa_article_query_fts): every word required, "phrases" as word <-> word, word* (two
 * letters or more) as 'word':*. Only quoted words of letters and digits reach to_tsquery,
 * so nothing typed is tsquery syntax. Searching with the default sort (last change) orders
 * by id instead, newest first, as SQLite does. */
#include "config.h"

#include <string.h>

#include "toa-error.h"
#include "toa-pg-articles-private.h"
#include "toa-text.h"

typedef struct {
  char           *tsquery;    /* tsquery text, or NULL when not searching */
  gboolean        nothing;    /* search text with nothing searchable: no rows */
  ToaArticleSort  sort;       /* effective */
  const char     *key;        /* sort key column, NULL for id */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->tsquery, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static void
plan_init (Plan *plan, const ToaArticleQuery *query)
{
  memset (plan, 0, sizeof *plan);

  if (query->text != NULL && query->text[0] != '\0')
    {
      g_autofree char *folded = toa_text_fold (query->text);
      g_autofree char *fts = toa_article_query_fts (folded);

      plan->tsquery = fts != NULL ? toa_pg_tsquery_from_fts (fts) : NULL;
      plan->nothing = plan->tsquery == NULL;
    }

  plan->sort = query->sort;
  if (plan->tsquery != NULL && plan->sort == TOA_SORT_UPDATED)
    plan->sort = TOA_SORT_ID;

  switch (plan->sort)
    {
    case TOA_SORT_UPDATED:   plan->key = "a.updated_at"; break;
    case TOA_SORT_CREATED:   plan->key = "a.created_at"; break;
    case TOA_SORT_PUBLISHED: plan->key = "a.published_at"; break;
    case TOA_SORT_TITLE:     plan->key = "a.title_fold"; break;
    case TOA_SORT_ID:
    default:                 plan->key = NULL; break;
    }
}

/* The search and filter conditions, each value a new parameter. */
static void
append_where (GString *sql, ToaPgParams *params, const Plan *plan, const ToaArticleQuery *query)
{
  g_string_append (sql, " WHERE TRUE");
  if (plan->tsquery != NULL)
    {
      /* folded again on the server, like the indexed text (idempotent) */
      toa_pg_params_text (params, plan->tsquery);
      g_string_append_printf (sql, " AND a.search @@ to_tsquery ('simple'::regconfig, toa_fold ($%u))",
                              toa_pg_params_count (params));
    }
  if (query->site_id != 0)
    {
      toa_pg_params_int (params, query->site_id);
      g_string_append_printf (sql, " AND a.site_id = $%u", toa_pg_params_count (params));
    }
  if (query->section_id != 0)
    {
      toa_pg_params_int (params, query->section_id);
      g_string_append_printf (sql, " AND a.section_id = $%u", toa_pg_params_count (params));
    }
  if (query->genre != NULL)
    {
      toa_pg_params_text (params, query->genre);
      g_string_append_printf (sql, " AND a.genre = $%u", toa_pg_params_count (params));
    }
  if (query->state != NULL)
    {
      toa_pg_params_text (params, query->state);
      g_string_append_printf (sql, " AND a.state = $%u", toa_pg_params_count (params));
    }
  if (query->language != NULL)
    {
      toa_pg_params_text (params, query->language);
      g_string_append_printf (sql, " AND a.language = $%u", toa_pg_params_count (params));
    }
}

/* Continues right after @after in the plan's order: (key, id) compared as a row, which the
 * (key, id) B-tree indexes serve in either direction. */
static void
append_keyset (GString *sql, ToaPgParams *params, const Plan *plan, const ToaArticleQuery *query,
               const ToaArticle *after)
{
  const char *cmp = query->descending ? "<" : ">";
  guint key_param;

  if (plan->key == NULL)
    {
      toa_pg_params_int (params, after->id);
      g_string_append_printf (sql, " AND a.id %s $%u::bigint", cmp, toa_pg_params_count (params));
      return;
    }

  switch (plan->sort)
    {
    case TOA_SORT_UPDATED:   toa_pg_params_int (params, after->updated_at); break;
    case TOA_SORT_CREATED:   toa_pg_params_int (params, after->created_at); break;
    case TOA_SORT_PUBLISHED: toa_pg_params_int (params, after->published_at); break;
    case TOA_SORT_TITLE:
    default:
      {
        g_autofree char *fold = toa_text_fold (after->title);

        toa_pg_params_text (params, fold);
      }
      break;
    }
  key_param = toa_pg_params_count (params);
  toa_pg_params_int (params, after->id);
  if (plan->sort == TOA_SORT_TITLE)
    g_string_append_printf (sql, " AND (%s, a.id) %s ($%u::text COLLATE \"C\", $%u::bigint)",
                            plan->key, cmp, key_param, toa_pg_params_count (params));
  else
    g_string_append_printf (sql, " AND (%s, a.id) %s ($%u::bigint, $%u::bigint)",
                            plan->key, cmp, key_param, toa_pg_params_count (params));
}

static char *
build_list_sql (const Plan *plan, const ToaArticleQuery *query, ToaArticle *after, guint offset,
                guint limit, ToaPgParams *params)
{
  GString *sql = g_string_new ("SELECT " TOA_PG_ARTICLE_COLUMNS " FROM articles a " TOA_PG_ARTICLE_JOINS);
  const char *dir = query->descending ? "DESC" : "ASC";

  append_where (sql, params, plan, query);
  if (after != NULL)
    append_keyset (sql, params, plan, query, after);

  g_string_append (sql, " ORDER BY ");
  if (plan->key != NULL)
    g_string_append_printf (sql, "%s %s, ", plan->key, dir);
  g_string_append_printf (sql, "a.id %s", dir);

  if (limit > 0)
    {
      toa_pg_params_int (params, limit);
      g_string_append_printf (sql, " LIMIT $%u::bigint", toa_pg_params_count (params));
    }
  if (after == NULL && offset > 0)
    {
      toa_pg_params_int (params, offset);
      g_string_append_printf (sql, " OFFSET $%u::bigint", toa_pg_params_count (params));
    }
  return g_string_free (sql, FALSE);
}

static char *
build_count_sql (const Plan *plan, const ToaArticleQuery *query, ToaPgParams *params)
{
  GString *sql = g_string_new (NULL);

  /* with a limit, count the rows of a subquery that stops at the limit */
  g_string_append (sql, query->count_limit > 0 ? "SELECT count(*) FROM (SELECT 1 FROM articles a"
                                               : "SELECT count(*) FROM articles a");
  append_where (sql, params, plan, query);
  if (query->count_limit > 0)
    g_string_append_printf (sql, " LIMIT %u) AS limited", query->count_limit);
  return g_string_free (sql, FALSE);
}

gint64
toa_pg_article_count (ToaStore               *store,
                      const ToaArticleQuery  *query,
                      GError                **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_auto(Plan) plan;
  g_autofree char *sql = NULL;

  plan_init (&plan, query);
  if (plan.nothing)
    return 0;

  sql = build_count_sql (&plan, query, params);
  res = toa_pg_query (self, sql, params, error);
  if (res == NULL)
    return -1;
  return toa_pg_int (res, 0, 0);
}

GPtrArray *
toa_pg_article_list (ToaStore               *store,
                     const ToaArticleQuery  *query,
                     ToaArticle             *after,
                     guint                   offset,
                     guint                   limit,
                     GError                **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_auto(Plan) plan;
  g_autofree char *sql = NULL;
  GPtrArray *list;

  plan_init (&plan, query);
  if (plan.nothing)
    return g_ptr_array_new_with_free_func (g_object_unref);

  sql = build_list_sql (&plan, query, after, offset, limit, params);
  res = toa_pg_query (self, sql, params, error);
  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func (g_object_unref);
  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (list, toa_pg_article_from_row (res, row));
  return list;
}
