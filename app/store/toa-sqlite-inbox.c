/* toa-sqlite-inbox.c — intake records (Quy trình 1) and the approval inbox in SQLite. The
 * inbox is a UNION of small ordered queries, one per (site, workflow, states) scope, each
 * answered from the articles_inbox index (006-intake.sql) with a bounded sort, then joined
 * with the names, the intake date and the comment count for the page only. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sqlite-inbox.h"
#include "toa-sqlite-private.h"
#include "toa-text.h"

static GPtrArray *
intake_channel_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_intake_channel_free);
  int rc;

  stmt = toa_sqlite_stmt (self, "SELECT code, name, skips_intake, position, source "
                                "FROM intake_channels ORDER BY position, code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaIntakeChannel *channel = toa_intake_channel_new ();

      channel->code = toa_sqlite_column_strdup (stmt, 0);
      channel->name = toa_sqlite_column_strdup (stmt, 1);
      channel->skips_intake = sqlite3_column_int (stmt, 2) != 0;
      channel->position = sqlite3_column_int (stmt, 3);
      channel->source = toa_sqlite_column_strdup (stmt, 4);
      g_ptr_array_add (list, channel);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
intake_record_add (ToaStore *store, const ToaIntakeRecord *record, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autofree char *attachments = toa_intake_attachments_to_json (record->attachments);

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO intake_records (article_id, channel, sender_unit_id, "
                          "sender_name, document_no, received_on, issued_on, attachments, "
                          "reply_letter, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->article_id);
  toa_sqlite_bind_text (stmt, 2, record->channel);
  toa_sqlite_bind_id (stmt, 3, record->sender_unit_id);
  toa_sqlite_bind_text (stmt, 4, record->sender_name);
  toa_sqlite_bind_text (stmt, 5, record->document_no);
  toa_sqlite_bind_text (stmt, 6, record->received_on);
  toa_sqlite_bind_text (stmt, 7, record->issued_on);
  toa_sqlite_bind_text (stmt, 8, attachments);
  toa_sqlite_bind_text (stmt, 9, record->reply_letter);
  sqlite3_bind_int64 (stmt, 10, record->created_at != 0 ? record->created_at : toa_now_usec ());
  return toa_sqlite_step_done (self, stmt, error);
}

static ToaIntakeRecord *
intake_record_get (ToaStore *store, gint64 article_id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  ToaIntakeRecord *record;
  g_autofree char *attachments = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT r.article_id, r.channel, r.sender_unit_id, u.name, r.sender_name, "
                          "r.document_no, r.received_on, r.issued_on, r.attachments, r.reply_letter, "
                          "r.created_at FROM intake_records r LEFT JOIN units u ON u.id = r.sender_unit_id "
                          "WHERE r.article_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (!toa_sqlite_step_failed (self, rc, error))
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("Item %lld was not registered at intake. Check the number with “toasoan-cli inbox”."),
                     (long long) article_id);
      return NULL;
    }
  record = toa_intake_record_new ();
  record->article_id = sqlite3_column_int64 (stmt, 0);
  record->channel = toa_sqlite_column_strdup (stmt, 1);
  record->sender_unit_id = sqlite3_column_int64 (stmt, 2);
  record->sender_unit_name = toa_sqlite_column_strdup (stmt, 3);
  record->sender_name = toa_sqlite_column_strdup (stmt, 4);
  record->document_no = toa_sqlite_column_strdup (stmt, 5);
  record->received_on = toa_sqlite_column_strdup (stmt, 6);
  record->issued_on = toa_sqlite_column_strdup (stmt, 7);
  attachments = toa_sqlite_column_strdup (stmt, 8);
  record->attachments = toa_intake_attachments_from_json (attachments);
  record->reply_letter = toa_sqlite_column_strdup (stmt, 9);
  record->created_at = sqlite3_column_int64 (stmt, 10);
  return record;
}

/* Runs @sql (one write with an article id as its last parameter, @text first); NOT_FOUND
 * when no row changed. */
static gboolean
update_one (ToaSqliteStore *self, const char *sql, const char *text, gint64 article_id,
            GError **error)
{
  g_autoptr(ToaCachedStmt) stmt = toa_sqlite_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, text);
  sqlite3_bind_int64 (stmt, 2, article_id);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("There is no item %lld. Check the number with “toasoan-cli inbox”."),
                   (long long) article_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
intake_reply_letter_set (ToaStore *store, gint64 article_id, const char *letter, GError **error)
{
  return update_one (TOA_SQLITE_STORE (store),
                     "UPDATE intake_records SET reply_letter = ? WHERE article_id = ?",
                     letter, article_id, error);
}

static gboolean
article_deadline_set (ToaStore *store, gint64 article_id, const char *deadline, GError **error)
{
  return update_one (TOA_SQLITE_STORE (store), "UPDATE articles SET deadline = ? WHERE id = ?",
                     deadline, article_id, error);
}

/* ---- the inbox ---------------------------------------------------------------------- */

static void
append_in_list (GString *sql, guint n)
{
  g_string_append (sql, "(");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");
}

/* The filters every part shares: the deadline, the search, and the person's filters; a
 * scope part (@in_scope) already has its site and state narrowed by core, and its genre
 * and deadline are read from articles_inbox. In the other parts (by id, by last actor) a
 * unary + keeps the planner on their own small index rather than, say, every item of a
 * genre. */
static void
append_common (GString *sql, const ToaInboxQuery *query, const char *match, gboolean in_scope)
{
  const char *plus = in_scope ? "" : "+";

  if (!in_scope && query->site_id != 0)
    g_string_append (sql, " AND +a.site_id = ?");
  if (!in_scope && query->state != NULL)
    g_string_append (sql, " AND +a.state = ?");
  if (query->genre != NULL)
    g_string_append_printf (sql, " AND %sa.genre = ?", plus);
  /* The section is not in articles_inbox: rather than read each candidate's table row,
   * seek (section, updated_at, id) in the covering articles_section index. */
  if (query->section_ids != NULL && query->section_ids->len > 0)
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM articles s INDEXED BY articles_section "
                            "WHERE s.section_id IN ");
      append_in_list (sql, query->section_ids->len);
      g_string_append (sql, " AND s.updated_at = a.updated_at AND s.id = a.id)");
    }
  if (query->deadline_from != NULL)
    g_string_append_printf (sql, " AND %sa.deadline >= ?", plus);
  if (query->deadline_before != NULL)
    g_string_append_printf (sql, " AND %sa.deadline < ?", plus);
  if (match != NULL)
    g_string_append (sql, " AND a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)");
}

static void
append_part (GString *sql, gboolean first, const char *where)
{
  g_string_append_printf (sql, "%sSELECT * FROM (SELECT a.id AS id, a.deadline AS deadline, "
                          "a.updated_at AS updated_at FROM articles a WHERE %s",
                          first ? "" : " UNION ", where);
}

static void
end_part (GString *sql, const ToaInboxQuery *query, const char *match, gboolean in_scope)
{
  append_common (sql, query, match, in_scope);
  g_string_append (sql, " ORDER BY a.deadline IS NULL, a.deadline, a.updated_at DESC, a.id DESC LIMIT ?)");
}

static void
bind_common (sqlite3_stmt *stmt, int *n, const ToaInboxQuery *query, const char *match, guint per_part,
             gboolean in_scope)
{
  if (!in_scope && query->site_id != 0)
    sqlite3_bind_int64 (stmt, (*n)++, query->site_id);
  if (!in_scope && query->state != NULL)
    toa_sqlite_bind_text (stmt, (*n)++, query->state);
  if (query->genre != NULL)
    toa_sqlite_bind_text (stmt, (*n)++, query->genre);
  for (guint k = 0; query->section_ids != NULL && k < query->section_ids->len; k++)
    sqlite3_bind_int64 (stmt, (*n)++, g_array_index (query->section_ids, gint64, k));
  if (query->deadline_from != NULL)
    toa_sqlite_bind_text (stmt, (*n)++, query->deadline_from);
  if (query->deadline_before != NULL)
    toa_sqlite_bind_text (stmt, (*n)++, query->deadline_before);
  if (match != NULL)
    toa_sqlite_bind_text (stmt, (*n)++, match);
  sqlite3_bind_int64 (stmt, (*n)++, per_part);
}

static GPtrArray *
inbox_list (ToaStore *store, const ToaInboxQuery *query, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_inbox_item_free);
  g_autoptr(GString) sql = g_string_new ("WITH cand AS (");
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autofree char *match = NULL;
  guint per_part = query->offset + query->limit;
  gboolean first = TRUE;
  int n = 1, rc;

  if (query->text != NULL && *query->text != '\0')
    {
      g_autofree char *folded = toa_text_fold (query->text);

      match = toa_article_query_fts (folded);
      if (match == NULL)
        return g_steal_pointer (&list);   /* nothing searchable: nothing matches */
    }
  if (query->limit == 0)
    return g_steal_pointer (&list);

  for (guint i = 0; query->scopes != NULL && i < query->scopes->len; i++)
    {
      const ToaInboxScope *scope = g_ptr_array_index (query->scopes, i);

      if (scope->states == NULL || scope->states[0] == NULL)
        continue;
      append_part (sql, first, "a.site_id = ? AND a.state IN ");
      append_in_list (sql, g_strv_length (scope->states));
      g_string_append (sql, scope->default_workflow
                            ? " AND (a.workflow_code IS NULL OR a.workflow_code = ?)"
                            : " AND a.workflow_code = ?");
      if (scope->designed >= 0)
        g_string_append (sql, " AND a.genre IN (SELECT code FROM genres WHERE designed = ?)");
      end_part (sql, query, match, TRUE);
      first = FALSE;
    }
  /* pending approval requests (few; transition_requests_one_pending answers each) */
  if (query->request_article_ids != NULL && query->request_article_ids->len > 0)
    {
      append_part (sql, first, "a.id IN ");
      append_in_list (sql, query->request_article_ids->len);
      end_part (sql, query, match, FALSE);
      first = FALSE;
    }
  if (query->requested_by != 0)
    {
      append_part (sql, first, "a.id IN (SELECT article_id FROM transition_requests "
                               "WHERE status = 'pending' AND requested_by = ?)");
      end_part (sql, query, match, FALSE);
      first = FALSE;
    }
  if (query->last_actor_id != 0)
    {
      append_part (sql, first, "a.last_actor_id = ?");
      if (query->end_states != NULL && query->end_states[0] != NULL)
        {
          g_string_append (sql, " AND a.state NOT IN ");
          append_in_list (sql, g_strv_length (query->end_states));
        }
      end_part (sql, query, match, FALSE);
      first = FALSE;
    }
  if (first)
    return g_steal_pointer (&list);   /* no scope: nothing is waiting */

  g_string_append (sql, ") SELECT " TOA_SQLITE_ARTICLE_COLUMNS ", a.deadline, "
                        "COALESCE (ir.received_on, date (a.created_at / 1000000, 'unixepoch', '+7 hours')), "
                        "(SELECT count(*) FROM comments c WHERE c.article_id = a.id), "
                        "a.workflow_code, a.workflow_version, tr.id, tr.transition "
                        "FROM cand JOIN articles a ON a.id = cand.id "
                        TOA_SQLITE_ARTICLE_JOINS
                        "LEFT JOIN intake_records ir ON ir.article_id = a.id "
                        "LEFT JOIN transition_requests tr ON tr.article_id = a.id AND tr.status = 'pending' "
                        "ORDER BY ");
  g_string_append (sql, "cand.deadline IS NULL, cand.deadline, cand.updated_at DESC, cand.id DESC "
                        "LIMIT ? OFFSET ?");

  stmt = toa_sqlite_stmt (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; query->scopes != NULL && i < query->scopes->len; i++)
    {
      const ToaInboxScope *scope = g_ptr_array_index (query->scopes, i);

      if (scope->states == NULL || scope->states[0] == NULL)
        continue;
      sqlite3_bind_int64 (stmt, n++, scope->site_id);
      for (guint k = 0; scope->states[k] != NULL; k++)
        toa_sqlite_bind_text (stmt, n++, scope->states[k]);
      toa_sqlite_bind_text (stmt, n++, scope->workflow_code != NULL ? scope->workflow_code : "");
      if (scope->designed >= 0)
        sqlite3_bind_int (stmt, n++, scope->designed);
      bind_common (stmt, &n, query, match, per_part, TRUE);
    }
  if (query->request_article_ids != NULL && query->request_article_ids->len > 0)
    {
      for (guint k = 0; k < query->request_article_ids->len; k++)
        sqlite3_bind_int64 (stmt, n++, g_array_index (query->request_article_ids, gint64, k));
      bind_common (stmt, &n, query, match, per_part, FALSE);
    }
  if (query->requested_by != 0)
    {
      sqlite3_bind_int64 (stmt, n++, query->requested_by);
      bind_common (stmt, &n, query, match, per_part, FALSE);
    }
  if (query->last_actor_id != 0)
    {
      sqlite3_bind_int64 (stmt, n++, query->last_actor_id);
      for (guint k = 0; query->end_states != NULL && query->end_states[k] != NULL; k++)
        toa_sqlite_bind_text (stmt, n++, query->end_states[k]);
      bind_common (stmt, &n, query, match, per_part, FALSE);
    }
  sqlite3_bind_int64 (stmt, n++, query->limit);
  sqlite3_bind_int64 (stmt, n++, query->offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaInboxItem *item = toa_inbox_item_new ();
      int col = TOA_SQLITE_ARTICLE_N_COLUMNS;

      item->article = toa_sqlite_article_from_row (stmt);
      item->deadline = toa_sqlite_column_strdup (stmt, col);
      item->received_on = toa_sqlite_column_strdup (stmt, col + 1);
      item->comment_count = sqlite3_column_int64 (stmt, col + 2);
      item->workflow_code = toa_sqlite_column_strdup (stmt, col + 3);
      item->workflow_version = sqlite3_column_int (stmt, col + 4);
      item->request_id = sqlite3_column_int64 (stmt, col + 5);
      item->request_transition = toa_sqlite_column_strdup (stmt, col + 6);
      g_ptr_array_add (list, item);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

void
toa_sqlite_inbox_iface_init (ToaStoreInterface *iface)
{
  iface->intake_channel_list = intake_channel_list;
  iface->intake_record_add = intake_record_add;
  iface->intake_record_get = intake_record_get;
  iface->intake_reply_letter_set = intake_reply_letter_set;
  iface->article_deadline_set = article_deadline_set;
  iface->inbox_list = inbox_list;
}
