/* toa-sqlite-list.c — the article list and count: filters, search over the folded FTS5
 * index, sort orders served by indexes, keyset paging ("after" the last row of the previous
 * page, by sort key and id) with an offset fallback. Lists never read body_html.
 *
 * Searching with the default sort (last change) orders by id instead, newest first: the FTS
 * index then streams rows in rowid order and stops after one page, which stays fast for
 * frequent words where ranking every match (bm25) would not (../shared/NOTES.md). */
#include "config.h"

#include <string.h>

#include "toa-error.h"
#include "toa-sqlite-private.h"
#include "toa-text.h"

/* Parameter numbers in every generated statement. */
enum {
  P_SITE = 1,
  P_SECTION,
  P_GENRE,
  P_STATE,
  P_LANGUAGE,
  P_MATCH,
  P_AFTER_KEY,
  P_AFTER_ID,
  P_LIMIT,
  P_OFFSET,
};

typedef struct {
  char           *match;      /* FTS5 expression, or NULL when not searching */
  gboolean        nothing;    /* search text with nothing searchable: no rows */
  ToaArticleSort  sort;       /* effective */
  const char     *key;        /* sort key column, NULL for id */
  gboolean        filtered;   /* any filter besides the search */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->match, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Plan, plan_clear)

static void
plan_init (Plan *plan, const ToaArticleQuery *query)
{
  memset (plan, 0, sizeof *plan);

  if (query->text != NULL && query->text[0] != '\0')
    {
      g_autofree char *folded = toa_text_fold (query->text);

      plan->match = toa_article_query_fts (folded);
      plan->nothing = plan->match == NULL;
    }

  plan->sort = query->sort;
  if (plan->match != NULL && plan->sort == TOA_SORT_UPDATED)
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

  plan->filtered = query->site_id != 0 || query->section_id != 0 || query->genre != NULL
                   || query->state != NULL || query->language != NULL;
}

static void
append_filters (GString *sql, const ToaArticleQuery *query)
{
  if (query->site_id != 0)
    g_string_append (sql, " AND a.site_id = ?1");
  if (query->section_id != 0)
    g_string_append (sql, " AND a.section_id = ?2");
  if (query->genre != NULL)
    g_string_append (sql, " AND a.genre = ?3");
  if (query->state != NULL)
    g_string_append (sql, " AND a.state = ?4");
  if (query->language != NULL)
    g_string_append (sql, " AND a.language = ?5");
}

/* With search and id order the FTS table drives the loop (CROSS JOIN fixes the order). */
static gboolean
fts_drives (const Plan *plan)
{
  return plan->match != NULL && plan->sort == TOA_SORT_ID;
}

static char *
build_list_sql (const Plan *plan, const ToaArticleQuery *query, gboolean keyset)
{
  GString *sql = g_string_new ("SELECT " TOA_SQLITE_ARTICLE_COLUMNS " FROM ");
  const char *dir = query->descending ? "DESC" : "ASC";
  const char *cmp = query->descending ? "<" : ">";
  const char *id_col = fts_drives (plan) ? "article_fts.rowid" : "a.id";

  if (fts_drives (plan))
    g_string_append (sql, "article_fts CROSS JOIN articles a ON a.id = article_fts.rowid ");
  else
    g_string_append (sql, "articles a ");
  g_string_append (sql, TOA_SQLITE_ARTICLE_JOINS "WHERE 1");

  if (fts_drives (plan))
    g_string_append (sql, " AND article_fts MATCH ?6");
  else if (plan->match != NULL)
    g_string_append (sql, " AND a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?6)");
  append_filters (sql, query);

  if (keyset)
    {
      if (plan->key != NULL)
        g_string_append_printf (sql, " AND (%s, a.id) %s (?7, ?8)", plan->key, cmp);
      else
        g_string_append_printf (sql, " AND %s %s ?8", id_col, cmp);
    }

  g_string_append (sql, " ORDER BY ");
  if (plan->key != NULL)
    g_string_append_printf (sql, "%s %s, ", plan->key, dir);
  g_string_append_printf (sql, "%s %s LIMIT ?9 OFFSET ?10", id_col, dir);

  return g_string_free (sql, FALSE);
}

static char *
build_count_sql (const Plan *plan, const ToaArticleQuery *query)
{
  GString *sql = g_string_new (NULL);

  /* with a limit, count the rows of a subquery that stops at the limit */
  g_string_append (sql, query->count_limit > 0 ? "SELECT count(*) FROM (SELECT 1 FROM "
                                               : "SELECT count(*) FROM ");
  if (plan->match != NULL && !plan->filtered)
    g_string_append (sql, "article_fts WHERE article_fts MATCH ?6");
  else if (plan->match != NULL)
    g_string_append (sql, "article_fts CROSS JOIN articles a ON a.id = article_fts.rowid "
                          "WHERE article_fts MATCH ?6");
  else
    g_string_append (sql, "articles a WHERE 1");
  append_filters (sql, query);
  if (query->count_limit > 0)
    g_string_append_printf (sql, " LIMIT %u)", query->count_limit);
  return g_string_free (sql, FALSE);
}

static void
bind_query (sqlite3_stmt *stmt, const Plan *plan, const ToaArticleQuery *query, ToaArticle *after)
{
  /* Binding a number the statement does not use only returns SQLITE_RANGE: harmless. */
  sqlite3_bind_int64 (stmt, P_SITE, query->site_id);
  sqlite3_bind_int64 (stmt, P_SECTION, query->section_id);
  toa_sqlite_bind_text (stmt, P_GENRE, query->genre);
  toa_sqlite_bind_text (stmt, P_STATE, query->state);
  toa_sqlite_bind_text (stmt, P_LANGUAGE, query->language);
  toa_sqlite_bind_text (stmt, P_MATCH, plan->match);

  if (after != NULL)
    {
      switch (plan->sort)
        {
        case TOA_SORT_UPDATED:
          sqlite3_bind_int64 (stmt, P_AFTER_KEY, after->updated_at);
          break;
        case TOA_SORT_CREATED:
          sqlite3_bind_int64 (stmt, P_AFTER_KEY, after->created_at);
          break;
        case TOA_SORT_PUBLISHED:
          sqlite3_bind_int64 (stmt, P_AFTER_KEY, after->published_at);
          break;
        case TOA_SORT_TITLE:
          sqlite3_bind_text (stmt, P_AFTER_KEY, toa_text_fold (after->title), -1, g_free);
          break;
        case TOA_SORT_ID:
        default:
          break;
        }
      sqlite3_bind_int64 (stmt, P_AFTER_ID, after->id);
    }
}

gint64
toa_sqlite_article_count (ToaStore               *store,
                          const ToaArticleQuery  *query,
                          GError                **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_auto(Plan) plan;
  g_autofree char *sql = NULL;
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  plan_init (&plan, query);
  if (plan.nothing)
    return 0;

  sql = build_count_sql (&plan, query);
  stmt = toa_sqlite_stmt (self, sql, error);
  if (stmt == NULL)
    return -1;
  bind_query (stmt, &plan, query, NULL);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      toa_sqlite_set_error_self (self, sqlite3_extended_errcode (self->db), error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

GPtrArray *
toa_sqlite_article_list (ToaStore               *store,
                         const ToaArticleQuery  *query,
                         ToaArticle             *after,
                         guint                   offset,
                         guint                   limit,
                         GError                **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Plan) plan;
  g_autofree char *sql = NULL;
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  plan_init (&plan, query);
  if (plan.nothing)
    return g_steal_pointer (&list);

  sql = build_list_sql (&plan, query, after != NULL);
  stmt = toa_sqlite_stmt (self, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, &plan, query, after);
  sqlite3_bind_int64 (stmt, P_LIMIT, limit == 0 ? -1 : (gint64) limit);
  sqlite3_bind_int64 (stmt, P_OFFSET, after != NULL ? 0 : offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, toa_sqlite_article_from_row (stmt));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

char *
toa_sqlite_store_explain_list (ToaSqliteStore         *self,
                               const ToaArticleQuery  *query,
                               ToaArticle             *after,
                               gboolean                count_only,
                               GError                **error)
{
  g_auto(Plan) plan;
  g_autofree char *sql = NULL;
  g_autofree char *explain = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  plan_init (&plan, query);
  sql = count_only ? build_count_sql (&plan, query) : build_list_sql (&plan, query, after != NULL);
  explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  rc = sqlite3_prepare_v2 (self->db, explain, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      toa_sqlite_set_error_self (self, rc, error);
      return NULL;
    }
  bind_query (stmt, &plan, query, after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      toa_sqlite_set_error_self (self, rc, error);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
