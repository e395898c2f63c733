/* toa-pg-articles.c — articles (tin bài) with their authors and tags, revisions (phiên bản) and
 * comments (góp ý biên tập) with mentions in the PostgreSQL backend: the same results,
 * orders and errors as toa-sqlite-articles.c. Lists and counts are in toa-pg-list.c. The
 * writes go through the server functions of 006-member-articles.sql, which check a member's
 * rights (the owner's too take that path). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "toa-error.h"
#include "toa-pg-articles-private.h"
#include "toa-text.h"

ToaArticle *
toa_pg_article_from_row (const PGresult *res, int row)
{
  ToaArticle *article = toa_article_new ();

  article->id = toa_pg_int (res, row, 0);
  article->site_id = toa_pg_int (res, row, 1);
  article->site_code = toa_pg_text (res, row, 2);
  article->section_id = toa_pg_int (res, row, 3);
  article->section_name = toa_pg_text (res, row, 4);
  article->genre = toa_pg_text (res, row, 5);
  article->language = toa_pg_text (res, row, 6);
  article->source_unit_id = toa_pg_int (res, row, 7);
  article->source_unit_name = toa_pg_text (res, row, 8);
  article->info_kind = toa_pg_text (res, row, 9);
  article->title = toa_pg_text (res, row, 10);
  article->sapo = toa_pg_text (res, row, 11);
  article->attribution = toa_pg_text (res, row, 12);
  article->state = toa_pg_text (res, row, 13);
  article->created_by = toa_pg_int (res, row, 14);
  article->created_by_name = toa_pg_text (res, row, 15);
  article->created_at = toa_pg_int (res, row, 16);
  article->updated_at = toa_pg_int (res, row, 17);
  article->published_at = toa_pg_int (res, row, 18);
  article->version = toa_pg_int (res, row, 19);
  return article;
}

/* ---- array parameters ------------------------------------------------------------------ */

/* An array literal ("{1,2}") of the gint64 values of @values (NULL when there are none, which
 * unnest reads as no rows). */
static char *
id_array (const GArray *values)
{
  GString *text;

  if (values == NULL || values->len == 0)
    return NULL;
  text = g_string_new ("{");
  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (values, gint64, i));
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

/* Appends @value as a quoted element of an array literal. */
static void
append_array_text (GString *text, const char *value)
{
  g_string_append_c (text, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (text, '\\');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '"');
}

/* ---- articles -------------------------------------------------------------------------- */

/* Replaces the article's tags (toa_article_tags_write, 010-article-tags.sql): the tags and
 * their search keys as two text arrays. */
static gboolean
write_tags (ToaPgStore *self, gint64 article_id, const GPtrArray *list, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(GString) tags = g_string_new ("{");
  g_autoptr(GString) folds = g_string_new ("{");

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const char *tag = g_ptr_array_index (list, i);
      g_autofree char *fold = toa_text_fold (tag);

      if (i > 0)
        {
          g_string_append_c (tags, ',');
          g_string_append_c (folds, ',');
        }
      append_array_text (tags, tag);
      append_array_text (folds, fold);
    }
  g_string_append_c (tags, '}');
  g_string_append_c (folds, '}');
  toa_pg_params_int (params, article_id);
  toa_pg_params_text (params, tags->str);
  toa_pg_params_text (params, folds->str);
  return toa_pg_exec (self, "SELECT toa_article_tags_write ($1::bigint, $2::text[], $3::text[])",
                      params, NULL, error);
}

/* The tags from a json array of strings (NULL: none). */
static void
read_tags (ToaArticle *article, const char *json)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  g_ptr_array_set_size (article->tags, 0);
  if (json == NULL || !(node = json_from_string (json, NULL)) || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *tag = json_array_get_string_element (array, i);

      if (tag != NULL)
        toa_article_add_tag (article, tag);
    }
}

/* Adds the fields shared by creating and saving, in the order of the server functions'
 * parameters (006-member-articles.sql): site … published_at, then the authors as three
 * arrays (people, roles, shares). */
static void
add_article_params (ToaPgParams *params, const ToaArticle *article)
{
  g_autofree char *title_fold = toa_text_fold (article->title);
  g_autoptr(GString) people = g_string_new ("{");
  g_autoptr(GString) roles = g_string_new ("{");
  g_autoptr(GString) shares = g_string_new ("{");

  toa_pg_params_int (params, article->site_id);
  toa_pg_params_id (params, article->section_id);
  toa_pg_params_text (params, article->genre);
  toa_pg_params_text (params, article->language != NULL ? article->language : "vi");
  toa_pg_params_id (params, article->source_unit_id);
  toa_pg_params_text (params, article->info_kind);
  toa_pg_params_text (params, article->title);
  toa_pg_params_text (params, title_fold);
  toa_pg_params_text (params, article->sapo != NULL ? article->sapo : "");
  toa_pg_params_text (params, article->body_html != NULL ? article->body_html : "");
  toa_pg_params_text (params, article->attribution);
  toa_pg_params_text (params, article->state != NULL ? article->state : "draft");
  toa_pg_params_id (params, article->created_by);
  toa_pg_params_int (params, article->created_at);
  toa_pg_params_int (params, article->updated_at);
  toa_pg_params_int (params, article->published_at);

  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      const char *sep = i > 0 ? "," : "";

      g_string_append_printf (people, "%s%" G_GINT64_FORMAT, sep, share->person_id);
      g_string_append (roles, sep);
      append_array_text (roles, share->role != NULL ? share->role : "author");
      g_string_append_printf (shares, "%s%d", sep, share->share_bp);
    }
  g_string_append_c (people, '}');
  g_string_append_c (roles, '}');
  g_string_append_c (shares, '}');
  toa_pg_params_text (params, people->str);
  toa_pg_params_text (params, roles->str);
  toa_pg_params_text (params, shares->str);
}

#define ARTICLE_ARGS \
  "$1::bigint, $2::bigint, $3::text, $4::text, $5::bigint, $6::text, $7::text, $8::text, " \
  "$9::text, $10::text, $11::text, $12::text, $13::bigint, $14::bigint, $15::bigint, " \
  "$16::bigint, $17::bigint[], $18::text[], $19::bigint[]"

/* Through the server function toa_article_create, which checks a member's right to write
 * on the site and writes the article and its authors; a member's times are the server's. */
static gboolean
article_insert (ToaStore    *store,
                ToaArticle  *article,
                GError     **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  gboolean ok = FALSE;

  if (article->created_at == 0)
    article->created_at = toa_now_usec ();
  if (article->updated_at == 0)
    article->updated_at = article->created_at;

  add_article_params (params, article);
  if (!toa_pg_write_begin (self, error))
    return FALSE;
  res = toa_pg_query (self, "SELECT id, created_at, updated_at FROM toa_article_create (" ARTICLE_ARGS ")",
                      params, error);
  if (res != NULL)
    ok = article->tags == NULL || article->tags->len == 0
         || write_tags (self, toa_pg_int (res, 0, 0), article->tags, error);
  if (!toa_pg_write_end (self, ok, ok ? error : NULL) || !ok)
    return FALSE;
  article->id = toa_pg_int (res, 0, 0);
  article->created_at = toa_pg_int (res, 0, 1);
  article->updated_at = toa_pg_int (res, 0, 2);
  article->version = 1;
  return TRUE;
}

/* Why an update changed no row: someone saved first (CONFLICT) or there is no such article. */
static void
set_update_failed (ToaPgStore *self, const ToaArticle *article, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, article->id);
  res = toa_pg_query (self, "SELECT version FROM articles WHERE id = $1", params, error);
  if (res == NULL)
    return;
  if (PQntuples (res) > 0)
    g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                 _("Someone else saved this article first (version %lld, yours was %lld). Reload it and make your changes again."),
                 (long long) toa_pg_int (res, 0, 0), (long long) article->version);
  else
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                 _("No article has the number %lld."), (long long) article->id);
}

/* Through toa_article_save: compare-and-set on the version, the authors replaced; the server
 * checks a member's right and keeps what a save may not change. */
static gboolean
article_update (ToaStore    *store,
                ToaArticle  *article,
                GError     **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  gboolean ok = FALSE;

  if (article->updated_at == 0)
    article->updated_at = toa_now_usec ();

  add_article_params (params, article);                   /* $1 … $19 */
  toa_pg_params_int (params, article->id);                /* $20 */
  toa_pg_params_int (params, article->version);           /* $21 */
  /* one statement: the article and its authors, all or nothing; a lost compare-and-set is
   * no error on the server (NULL), so the caller's transaction can still read who saved;
   * then the tags, in the same transaction */
  if (!toa_pg_write_begin (self, error))
    return FALSE;
  res = toa_pg_query (self,
                      "SELECT version, updated_at FROM toa_article_save ($20::bigint, $21::bigint, "
                      ARTICLE_ARGS ")", params, error);
  if (res != NULL && toa_pg_is_null (res, 0, 0))
    set_update_failed (self, article, error);
  else if (res != NULL)
    ok = write_tags (self, article->id, article->tags, error);
  if (!toa_pg_write_end (self, ok, ok ? error : NULL) || !ok)
    return FALSE;
  article->version = toa_pg_int (res, 0, 0);
  article->updated_at = toa_pg_int (res, 0, 1);
  return TRUE;
}

/* The article, its authors and its tags in one statement (one round trip, one snapshot): a
 * row per author in order, or one row with NULL author columns when it has none; the tags as
 * a json array on every row. */
static ToaArticle *
article_get (ToaStore  *store,
             gint64     id,
             GError   **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  ToaArticle *article;
  const int col = TOA_PG_ARTICLE_N_COLUMNS + 1;   /* the first author column */

  toa_pg_params_int (params, id);
  res = toa_pg_query (self,
                      "SELECT " TOA_PG_ARTICLE_COLUMNS ", a.body_html, "
                      "aa.person_id, ap.full_name, aa.role, aa.share_bp, "
                      "(SELECT json_agg (t.tag ORDER BY t.position) FROM article_tags t "
                      " WHERE t.article_id = a.id) FROM articles a "
                      TOA_PG_ARTICLE_JOINS
                      "LEFT JOIN article_authors aa ON aa.article_id = a.id "
                      "LEFT JOIN people ap ON ap.id = aa.person_id "
                      "WHERE a.id = $1 ORDER BY aa.position", params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("No article has the number %lld."), (long long) id);
      return NULL;
    }
  article = toa_pg_article_from_row (res, 0);
  article->body_html = toa_pg_text (res, 0, TOA_PG_ARTICLE_N_COLUMNS);
  read_tags (article, toa_pg_is_null (res, 0, col + 4) ? NULL : PQgetvalue (res, 0, col + 4));
  if (article->authors != NULL)
    g_array_set_size (article->authors, 0);
  for (int row = 0; row < PQntuples (res); row++)
    {
      if (toa_pg_is_null (res, row, col))
        continue;
      toa_article_add_author (article, toa_pg_int (res, row, col),
                              toa_pg_is_null (res, row, col + 1) ? NULL : PQgetvalue (res, row, col + 1),
                              toa_pg_is_null (res, row, col + 2) ? NULL : PQgetvalue (res, row, col + 2),
                              (int) toa_pg_int (res, row, col + 3));
    }
  return article;
}

/* ---- revisions ------------------------------------------------------------------------- */

/* Through toa_revision_add, which numbers and inserts the revision in one statement and
 * checks a member's right on the article's site. Two revisions of one article added at once
 * would both take the same number and the second fail on UNIQUE (CONFLICT); core adds them
 * after article_update, whose row lock already orders the savers. */
static gboolean
revision_add (ToaStore     *store,
              ToaRevision  *revision,
              GError      **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  if (revision->created_at == 0)
    revision->created_at = toa_now_usec ();

  toa_pg_params_int (params, revision->article_id);
  toa_pg_params_text (params, revision->title != NULL ? revision->title : "");
  toa_pg_params_text (params, revision->sapo != NULL ? revision->sapo : "");
  toa_pg_params_text (params, revision->body_html != NULL ? revision->body_html : "");
  toa_pg_params_id (params, revision->author_id);
  toa_pg_params_int (params, revision->created_at);
  toa_pg_params_text (params, revision->note);
  res = toa_pg_query (self,
                      "SELECT id, number, created_at FROM toa_revision_add ($1::bigint, $2::text, "
                      "$3::text, $4::text, $5::bigint, $6::bigint, $7::text)", params, error);
  if (res == NULL)
    return FALSE;
  revision->id = toa_pg_int (res, 0, 0);
  revision->number = (int) toa_pg_int (res, 0, 1);
  revision->created_at = toa_pg_int (res, 0, 2);
  return TRUE;
}

static GPtrArray *
revision_list (ToaStore  *store,
               gint64     article_id,
               GError   **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  GPtrArray *list;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (self,
                      "SELECT r.id, r.article_id, r.number, r.title, r.sapo, r.body_html, r.author_id, "
                      "p.full_name, r.created_at, r.note FROM revisions r "
                      "LEFT JOIN people p ON p.id = r.author_id WHERE r.article_id = $1 ORDER BY r.number",
                      params, error);
  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_revision_free);
  for (int row = 0; row < PQntuples (res); row++)
    {
      ToaRevision *revision = toa_revision_new ();

      revision->id = toa_pg_int (res, row, 0);
      revision->article_id = toa_pg_int (res, row, 1);
      revision->number = (int) toa_pg_int (res, row, 2);
      revision->title = toa_pg_text (res, row, 3);
      revision->sapo = toa_pg_text (res, row, 4);
      revision->body_html = toa_pg_text (res, row, 5);
      revision->author_id = toa_pg_int (res, row, 6);
      revision->author_name = toa_pg_text (res, row, 7);
      revision->created_at = toa_pg_int (res, row, 8);
      revision->note = toa_pg_text (res, row, 9);
      g_ptr_array_add (list, revision);
    }
  return list;
}

/* ---- comments -------------------------------------------------------------------------- */

/* Through toa_comment_add: the comment and its mentions in one statement (all or nothing;
 * a person named twice is recorded once); a member comments as themselves on an item they
 * can see. */
static gboolean
comment_add (ToaStore    *store,
             ToaComment  *comment,
             GError     **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *mentions = id_array (comment->mentions);

  if (comment->created_at == 0)
    comment->created_at = toa_now_usec ();
  toa_pg_params_int (params, comment->article_id);
  toa_pg_params_int (params, comment->person_id);
  toa_pg_params_text (params, comment->body != NULL ? comment->body : "");
  toa_pg_params_int (params, comment->created_at);
  toa_pg_params_text (params, mentions);
  res = toa_pg_query (self,
                      "SELECT id, created_at FROM toa_comment_add ($1::bigint, $2::bigint, $3::text, "
                      "$4::bigint, $5::bigint[])", params, error);
  if (res == NULL)
    return FALSE;
  comment->id = toa_pg_int (res, 0, 0);
  comment->created_at = toa_pg_int (res, 0, 1);
  return TRUE;
}

static GPtrArray *
comment_list (ToaStore  *store,
              gint64     article_id,
              GError   **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  GPtrArray *list;

  /* mentions in person id order, like SQLite's group_concat over the (comment, person) key */
  toa_pg_params_int (params, article_id);
  res = toa_pg_query (self,
                      "SELECT c.id, c.article_id, c.person_id, p.full_name, c.body, c.created_at, "
                      "(SELECT string_agg (m.person_id::text, ',' ORDER BY m.person_id) "
                      " FROM comment_mentions m WHERE m.comment_id = c.id), "
                      "(SELECT string_agg (mp.full_name, ', ' ORDER BY m.person_id) FROM comment_mentions m "
                      " JOIN people mp ON mp.id = m.person_id WHERE m.comment_id = c.id) "
                      "FROM comments c LEFT JOIN people p ON p.id = c.person_id "
                      "WHERE c.article_id = $1 ORDER BY c.created_at, c.id", params, error);
  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_comment_free);
  for (int row = 0; row < PQntuples (res); row++)
    {
      ToaComment *comment = toa_comment_new ();

      comment->id = toa_pg_int (res, row, 0);
      comment->article_id = toa_pg_int (res, row, 1);
      comment->person_id = toa_pg_int (res, row, 2);
      comment->person_name = toa_pg_text (res, row, 3);
      comment->body = toa_pg_text (res, row, 4);
      comment->created_at = toa_pg_int (res, row, 5);
      if (!toa_pg_is_null (res, row, 6))
        {
          g_auto(GStrv) ids = g_strsplit (PQgetvalue (res, row, 6), ",", -1);

          comment->mentions = g_array_new (FALSE, FALSE, sizeof (gint64));
          for (guint i = 0; ids[i] != NULL; i++)
            {
              gint64 id = g_ascii_strtoll (ids[i], NULL, 10);

              g_array_append_val (comment->mentions, id);
            }
        }
      comment->mention_names = toa_pg_text (res, row, 7);
      g_ptr_array_add (list, comment);
    }
  return list;
}

void
toa_pg_store_iface_articles (ToaStoreInterface *iface)
{
  iface->article_insert = article_insert;
  iface->article_update = article_update;
  iface->article_get = article_get;
  iface->article_count = toa_pg_article_count;
  iface->article_list = toa_pg_article_list;
  iface->revision_add = revision_add;
  iface->revision_list = revision_list;
  iface->comment_add = comment_add;
  iface->comment_list = comment_list;
}
