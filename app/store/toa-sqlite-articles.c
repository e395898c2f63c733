/* toa-sqlite-articles.c — articles (tin bài) with their authors and tags, revisions (phiên bản),
 * comments (góp ý biên tập) and the append-only audit log (nhật ký hệ thống) in the
 * SQLite backend. Lists and counts are in toa-sqlite-list.c. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sqlite-private.h"
#include "toa-text.h"

ToaArticle *
toa_sqlite_article_from_row (sqlite3_stmt *stmt)
{
  ToaArticle *article = toa_article_new ();

  article->id = sqlite3_column_int64 (stmt, 0);
  article->site_id = sqlite3_column_int64 (stmt, 1);
  article->site_code = toa_sqlite_column_strdup (stmt, 2);
  article->section_id = sqlite3_column_int64 (stmt, 3);
  article->section_name = toa_sqlite_column_strdup (stmt, 4);
  article->genre = toa_sqlite_column_strdup (stmt, 5);
  article->language = toa_sqlite_column_strdup (stmt, 6);
  article->source_unit_id = sqlite3_column_int64 (stmt, 7);
  article->source_unit_name = toa_sqlite_column_strdup (stmt, 8);
  article->info_kind = toa_sqlite_column_strdup (stmt, 9);
  article->title = toa_sqlite_column_strdup (stmt, 10);
  article->sapo = toa_sqlite_column_strdup (stmt, 11);
  article->attribution = toa_sqlite_column_strdup (stmt, 12);
  article->state = toa_sqlite_column_strdup (stmt, 13);
  article->created_by = sqlite3_column_int64 (stmt, 14);
  article->created_by_name = toa_sqlite_column_strdup (stmt, 15);
  article->created_at = sqlite3_column_int64 (stmt, 16);
  article->updated_at = sqlite3_column_int64 (stmt, 17);
  article->published_at = sqlite3_column_int64 (stmt, 18);
  article->version = sqlite3_column_int64 (stmt, 19);
  return article;
}

/* Binds the fields shared by INSERT and UPDATE as ?1 … ?16. */
static void
bind_article (sqlite3_stmt *stmt, ToaArticle *article)
{
  g_autofree char *title_fold = toa_text_fold (article->title);

  sqlite3_bind_int64 (stmt, 1, article->site_id);
  toa_sqlite_bind_id (stmt, 2, article->section_id);
  toa_sqlite_bind_text (stmt, 3, article->genre);
  toa_sqlite_bind_text (stmt, 4, article->language != NULL ? article->language : "vi");
  toa_sqlite_bind_id (stmt, 5, article->source_unit_id);
  toa_sqlite_bind_text (stmt, 6, article->info_kind);
  toa_sqlite_bind_text (stmt, 7, article->title);
  toa_sqlite_bind_text (stmt, 8, title_fold);
  toa_sqlite_bind_text (stmt, 9, article->sapo != NULL ? article->sapo : "");
  toa_sqlite_bind_text (stmt, 10, article->body_html != NULL ? article->body_html : "");
  toa_sqlite_bind_text (stmt, 11, article->attribution);
  toa_sqlite_bind_text (stmt, 12, article->state != NULL ? article->state : "draft");
  toa_sqlite_bind_id (stmt, 13, article->created_by);
  sqlite3_bind_int64 (stmt, 14, article->created_at);
  sqlite3_bind_int64 (stmt, 15, article->updated_at);
  sqlite3_bind_int64 (stmt, 16, article->published_at);
}

static gboolean
write_authors (ToaSqliteStore *self, ToaArticle *article, GError **error)
{
  g_autoptr(ToaCachedStmt) del = NULL;

  del = toa_sqlite_stmt (self, "DELETE FROM article_authors WHERE article_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, article->id);
  if (!toa_sqlite_step_done (self, del, error))
    return FALSE;

  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      g_autoptr(ToaCachedStmt) ins = NULL;

      ins = toa_sqlite_stmt (self,
                             "INSERT INTO article_authors (article_id, position, person_id, role, share_bp) "
                             "VALUES (?, ?, ?, ?, ?)", error);
      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, article->id);
      sqlite3_bind_int (ins, 2, (int) i);
      sqlite3_bind_int64 (ins, 3, share->person_id);
      toa_sqlite_bind_text (ins, 4, share->role != NULL ? share->role : "author");
      sqlite3_bind_int (ins, 5, share->share_bp);
      if (!toa_sqlite_step_done (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

/* Replaces the article's tags by article->tags, in order, with their search keys. */
static gboolean
write_tags (ToaSqliteStore *self, ToaArticle *article, GError **error)
{
  g_autoptr(ToaCachedStmt) del = NULL;

  del = toa_sqlite_stmt (self, "DELETE FROM article_tags WHERE article_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, article->id);
  if (!toa_sqlite_step_done (self, del, error))
    return FALSE;

  for (guint i = 0; article->tags != NULL && i < article->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (article->tags, i);
      g_autofree char *fold = toa_text_fold (tag);
      g_autoptr(ToaCachedStmt) ins = NULL;

      ins = toa_sqlite_stmt (self,
                             "INSERT INTO article_tags (article_id, position, tag, tag_fold) "
                             "VALUES (?, ?, ?, ?)", error);
      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, article->id);
      sqlite3_bind_int (ins, 2, (int) i);
      toa_sqlite_bind_text (ins, 3, tag);
      toa_sqlite_bind_text (ins, 4, fold);
      if (!toa_sqlite_step_done (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
toa_sqlite_article_insert (ToaStore    *store,
                           ToaArticle  *article,
                           GError     **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  gboolean ok = FALSE;

  if (article->created_at == 0)
    article->created_at = toa_now_usec ();
  if (article->updated_at == 0)
    article->updated_at = article->created_at;

  if (!toa_sqlite_write_begin (self, error))
    return FALSE;

  {
    g_autoptr(ToaCachedStmt) stmt = NULL;

    stmt = toa_sqlite_stmt (self,
                            "INSERT INTO articles (site_id, section_id, genre, language, source_unit_id, "
                            "info_kind, title, title_fold, sapo, body_html, attribution, state, created_by, "
                            "created_at, updated_at, published_at, version) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1)",
                            error);
    if (stmt != NULL)
      {
        bind_article (stmt, article);
        ok = toa_sqlite_step_done (self, stmt, error);
      }
  }

  if (ok)
    {
      gint64 old_id = article->id;

      article->id = sqlite3_last_insert_rowid (self->db);
      /* a new article without tags writes nothing there (also: databases read at an older
       * schema by the migration tests, before article_tags existed) */
      ok = write_authors (self, article, error)
           && (article->tags->len == 0 || write_tags (self, article, error));
      if (!ok)
        article->id = old_id;
    }

  if (!toa_sqlite_write_end (self, ok, ok ? error : NULL) || !ok)
    {
      if (ok)
        article->id = 0;
      return FALSE;
    }
  article->version = 1;
  return TRUE;
}

static void
set_update_failed (ToaSqliteStore *self, ToaArticle *article, GError **error)
{
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self, "SELECT version FROM articles WHERE id = ?", error);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, article->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                 _("Someone else saved this article first (version %lld, yours was %lld). Reload it and make your changes again."),
                 (long long) sqlite3_column_int64 (stmt, 0), (long long) article->version);
  else
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                 _("No article has the number %lld."), (long long) article->id);
}

gboolean
toa_sqlite_article_update (ToaStore    *store,
                           ToaArticle  *article,
                           GError     **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  gboolean ok = FALSE;

  if (article->updated_at == 0)
    article->updated_at = toa_now_usec ();

  if (!toa_sqlite_write_begin (self, error))
    return FALSE;

  {
    g_autoptr(ToaCachedStmt) stmt = NULL;

    stmt = toa_sqlite_stmt (self,
                            "UPDATE articles SET site_id = ?1, section_id = ?2, genre = ?3, language = ?4, "
                            "source_unit_id = ?5, info_kind = ?6, title = ?7, title_fold = ?8, sapo = ?9, "
                            "body_html = ?10, attribution = ?11, state = ?12, created_by = ?13, "
                            "created_at = ?14, updated_at = ?15, published_at = ?16, version = version + 1 "
                            "WHERE id = ?17 AND version = ?18",
                            error);
    if (stmt != NULL)
      {
        bind_article (stmt, article);
        sqlite3_bind_int64 (stmt, 17, article->id);
        sqlite3_bind_int64 (stmt, 18, article->version);
        ok = toa_sqlite_step_done (self, stmt, error);
      }
  }

  if (ok && sqlite3_changes (self->db) == 0)
    {
      set_update_failed (self, article, error);
      ok = FALSE;
    }
  if (ok)
    ok = write_authors (self, article, error) && write_tags (self, article, error);

  if (!toa_sqlite_write_end (self, ok, ok ? error : NULL) || !ok)
    return FALSE;
  article->version++;
  return TRUE;
}

static gboolean
load_authors (ToaSqliteStore *self, ToaArticle *article, GError **error)
{
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT aa.person_id, p.full_name, aa.role, aa.share_bp FROM article_authors aa "
                          "LEFT JOIN people p ON p.id = aa.person_id WHERE aa.article_id = ? "
                          "ORDER BY aa.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article->id);
  if (article->authors != NULL)
    g_array_set_size (article->authors, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    toa_article_add_author (article, sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            sqlite3_column_int (stmt, 3));
  return !toa_sqlite_step_failed (self, rc, error);
}

static gboolean
load_tags (ToaSqliteStore *self, ToaArticle *article, GError **error)
{
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self, "SELECT tag FROM article_tags WHERE article_id = ? ORDER BY position",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article->id);
  g_ptr_array_set_size (article->tags, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    toa_article_add_tag (article, (const char *) sqlite3_column_text (stmt, 0));
  return !toa_sqlite_step_failed (self, rc, error);
}

ToaArticle *
toa_sqlite_article_get (ToaStore  *store,
                        gint64     id,
                        GError   **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaArticle) article = NULL;

  {
    g_autoptr(ToaCachedStmt) stmt = NULL;
    int rc;

    stmt = toa_sqlite_stmt (self,
                            "SELECT " TOA_SQLITE_ARTICLE_COLUMNS ", a.body_html FROM articles a "
                            TOA_SQLITE_ARTICLE_JOINS "WHERE a.id = ?", error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        if (!toa_sqlite_step_failed (self, rc, error))
          g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("No article has the number %lld."), (long long) id);
        return NULL;
      }
    article = toa_sqlite_article_from_row (stmt);
    article->body_html = toa_sqlite_column_strdup (stmt, TOA_SQLITE_ARTICLE_N_COLUMNS);
  }

  if (!load_authors (self, article, error) || !load_tags (self, article, error))
    return NULL;
  return g_steal_pointer (&article);
}

/* ---- revisions ------------------------------------------------------------------------ */

gboolean
toa_sqlite_revision_add (ToaStore     *store,
                         ToaRevision  *revision,
                         GError      **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  gboolean ok = FALSE;
  int number = 0;

  if (revision->created_at == 0)
    revision->created_at = toa_now_usec ();

  if (!toa_sqlite_write_begin (self, error))
    return FALSE;

  {
    g_autoptr(ToaCachedStmt) stmt = NULL;

    stmt = toa_sqlite_stmt (self, "SELECT COALESCE (MAX (number), 0) + 1 FROM revisions WHERE article_id = ?",
                            error);
    if (stmt != NULL)
      {
        sqlite3_bind_int64 (stmt, 1, revision->article_id);
        if (sqlite3_step (stmt) == SQLITE_ROW)
          {
            number = sqlite3_column_int (stmt, 0);
            ok = TRUE;
          }
        else
          toa_sqlite_set_error_self (self, sqlite3_extended_errcode (self->db), error);
      }
  }

  if (ok)
    {
      g_autoptr(ToaCachedStmt) stmt = NULL;

      ok = FALSE;
      stmt = toa_sqlite_stmt (self,
                              "INSERT INTO revisions (article_id, number, title, sapo, body_html, author_id, "
                              "created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, revision->article_id);
          sqlite3_bind_int (stmt, 2, number);
          toa_sqlite_bind_text (stmt, 3, revision->title != NULL ? revision->title : "");
          toa_sqlite_bind_text (stmt, 4, revision->sapo != NULL ? revision->sapo : "");
          toa_sqlite_bind_text (stmt, 5, revision->body_html != NULL ? revision->body_html : "");
          toa_sqlite_bind_id (stmt, 6, revision->author_id);
          sqlite3_bind_int64 (stmt, 7, revision->created_at);
          toa_sqlite_bind_text (stmt, 8, revision->note);
          ok = toa_sqlite_step_done (self, stmt, error);
        }
    }

  if (!toa_sqlite_write_end (self, ok, ok ? error : NULL) || !ok)
    return FALSE;
  revision->id = sqlite3_last_insert_rowid (self->db);
  revision->number = number;
  return TRUE;
}

GPtrArray *
toa_sqlite_revision_list (ToaStore  *store,
                          gint64     article_id,
                          GError   **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_revision_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT r.id, r.article_id, r.number, r.title, r.sapo, r.body_html, r.author_id, "
                          "p.full_name, r.created_at, r.note FROM revisions r "
                          "LEFT JOIN people p ON p.id = r.author_id WHERE r.article_id = ? ORDER BY r.number",
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaRevision *revision = toa_revision_new ();

      revision->id = sqlite3_column_int64 (stmt, 0);
      revision->article_id = sqlite3_column_int64 (stmt, 1);
      revision->number = sqlite3_column_int (stmt, 2);
      revision->title = toa_sqlite_column_strdup (stmt, 3);
      revision->sapo = toa_sqlite_column_strdup (stmt, 4);
      revision->body_html = toa_sqlite_column_strdup (stmt, 5);
      revision->author_id = sqlite3_column_int64 (stmt, 6);
      revision->author_name = toa_sqlite_column_strdup (stmt, 7);
      revision->created_at = sqlite3_column_int64 (stmt, 8);
      revision->note = toa_sqlite_column_strdup (stmt, 9);
      g_ptr_array_add (list, revision);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- comments ------------------------------------------------------------------------- */

gboolean
toa_sqlite_comment_add (ToaStore    *store,
                        ToaComment  *comment,
                        GError     **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  if (comment->created_at == 0)
    comment->created_at = toa_now_usec ();
  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO comments (article_id, person_id, body, created_at) VALUES (?, ?, ?, ?)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comment->article_id);
  sqlite3_bind_int64 (stmt, 2, comment->person_id);
  toa_sqlite_bind_text (stmt, 3, comment->body != NULL ? comment->body : "");
  sqlite3_bind_int64 (stmt, 4, comment->created_at);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  comment->id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; comment->mentions != NULL && i < comment->mentions->len; i++)
    {
      g_autoptr(ToaCachedStmt) mention = NULL;

      mention = toa_sqlite_stmt (self, "INSERT OR IGNORE INTO comment_mentions (comment_id, person_id) "
                                       "VALUES (?, ?)", error);
      if (mention == NULL)
        return FALSE;
      sqlite3_bind_int64 (mention, 1, comment->id);
      sqlite3_bind_int64 (mention, 2, g_array_index (comment->mentions, gint64, i));
      if (!toa_sqlite_step_done (self, mention, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
toa_sqlite_comment_list (ToaStore  *store,
                         gint64     article_id,
                         GError   **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_comment_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT c.id, c.article_id, c.person_id, p.full_name, c.body, c.created_at, "
                          "(SELECT group_concat (m.person_id) FROM comment_mentions m WHERE m.comment_id = c.id), "
                          "(SELECT group_concat (mp.full_name, ', ') FROM comment_mentions m "
                          " JOIN people mp ON mp.id = m.person_id WHERE m.comment_id = c.id) "
                          "FROM comments c LEFT JOIN people p ON p.id = c.person_id "
                          "WHERE c.article_id = ? ORDER BY c.created_at, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaComment *comment = toa_comment_new ();

      comment->id = sqlite3_column_int64 (stmt, 0);
      comment->article_id = sqlite3_column_int64 (stmt, 1);
      comment->person_id = sqlite3_column_int64 (stmt, 2);
      comment->person_name = toa_sqlite_column_strdup (stmt, 3);
      comment->body = toa_sqlite_column_strdup (stmt, 4);
      comment->created_at = sqlite3_column_int64 (stmt, 5);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        {
          g_auto(GStrv) ids = g_strsplit ((const char *) sqlite3_column_text (stmt, 6), ",", -1);

          comment->mentions = g_array_new (FALSE, FALSE, sizeof (gint64));
          for (guint i = 0; ids[i] != NULL; i++)
            {
              gint64 id = g_ascii_strtoll (ids[i], NULL, 10);

              g_array_append_val (comment->mentions, id);
            }
        }
      comment->mention_names = toa_sqlite_column_strdup (stmt, 7);
      g_ptr_array_add (list, comment);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- audit log ------------------------------------------------------------------------ */

#define AUDIT_COLUMNS \
  "SELECT seq, at, actor_id, action, object_type, object_id, detail, prev_hash, hash FROM audit_log "

static ToaAuditRecord *
audit_from_row (sqlite3_stmt *stmt)
{
  ToaAuditRecord *record = toa_audit_record_new ();

  record->seq = sqlite3_column_int64 (stmt, 0);
  record->at = sqlite3_column_int64 (stmt, 1);
  record->actor_id = sqlite3_column_int64 (stmt, 2);
  record->action = toa_sqlite_column_strdup (stmt, 3);
  record->object_type = toa_sqlite_column_strdup (stmt, 4);
  record->object_id = sqlite3_column_int64 (stmt, 5);
  record->detail = toa_sqlite_column_strdup (stmt, 6);
  record->prev_hash = toa_sqlite_column_strdup (stmt, 7);
  record->hash = toa_sqlite_column_strdup (stmt, 8);
  return record;
}

ToaAuditRecord *
toa_sqlite_audit_last (ToaStore  *store,
                       GError   **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self, AUDIT_COLUMNS "ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return audit_from_row (stmt);
  toa_sqlite_step_failed (self, rc, error);
  return NULL;
}

gboolean
toa_sqlite_audit_insert (ToaStore              *store,
                         const ToaAuditRecord  *record,
                         GError               **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO audit_log (seq, at, actor_id, action, object_type, object_id, detail, "
                          "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->seq);
  sqlite3_bind_int64 (stmt, 2, record->at);
  sqlite3_bind_int64 (stmt, 3, record->actor_id);
  toa_sqlite_bind_text (stmt, 4, record->action);
  toa_sqlite_bind_text (stmt, 5, record->object_type);
  sqlite3_bind_int64 (stmt, 6, record->object_id);
  toa_sqlite_bind_text (stmt, 7, record->detail);
  toa_sqlite_bind_text (stmt, 8, record->prev_hash);
  toa_sqlite_bind_text (stmt, 9, record->hash);
  return toa_sqlite_step_done (self, stmt, error);
}

GPtrArray *
toa_sqlite_audit_list (ToaStore  *store,
                       gint64     after_seq,
                       guint      limit,
                       GError   **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_audit_record_free);
  int rc;

  stmt = toa_sqlite_stmt (self, AUDIT_COLUMNS "WHERE seq > ? ORDER BY seq LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, audit_from_row (stmt));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}
