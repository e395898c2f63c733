/* toa-pg-inbox.c — intake records (Quy trình 1), deadlines and the approval inbox in
 * PostgreSQL, the same results and orders as toa-sqlite-inbox.c. The inbox is a UNION of
 * small ordered queries, one per (site, workflow, states) scope, each answered from the
 * articles_inbox index with a bounded sort, then joined with the names, the intake date and
 * the comment count for the page only. Stored files and attachments: toa-pg-files.c. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "toa-article-query.h"
#include "toa-error.h"
#include "toa-pg-articles-private.h"
#include "toa-text.h"

static GPtrArray *
intake_channel_list (ToaStore *store, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_intake_channel_free);
  g_autoptr(PGresult) res = NULL;

  res = toa_pg_query (self, "SELECT code, name, skips_intake, position, source "
                            "FROM intake_channels ORDER BY position, code COLLATE \"C\"", NULL, error);
  if (res == NULL)
    return NULL;
  for (int r = 0; r < PQntuples (res); r++)
    {
      ToaIntakeChannel *channel = toa_intake_channel_new ();

      channel->code = toa_pg_text (res, r, 0);
      channel->name = toa_pg_text (res, r, 1);
      channel->skips_intake = toa_pg_bool (res, r, 2);
      channel->position = (int) toa_pg_int (res, r, 3);
      channel->source = toa_pg_text (res, r, 4);
      g_ptr_array_add (list, channel);
    }
  return g_steal_pointer (&list);
}

/* Through toa_intake_record_add (006-member-articles.sql), which checks a member may
 * register on the item's site. */
static gboolean
intake_record_add (ToaStore *store, const ToaIntakeRecord *record, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *attachments = toa_intake_attachments_to_json (record->attachments);

  toa_pg_params_int (params, record->article_id);
  toa_pg_params_text (params, record->channel);
  toa_pg_params_id (params, record->sender_unit_id);
  toa_pg_params_text (params, record->sender_name);
  toa_pg_params_text (params, record->document_no);
  toa_pg_params_text (params, record->received_on);
  toa_pg_params_text (params, record->issued_on);
  toa_pg_params_text (params, attachments);
  toa_pg_params_text (params, record->reply_letter);
  toa_pg_params_int (params, record->created_at != 0 ? record->created_at : toa_now_usec ());
  res = toa_pg_query (TOA_PG_STORE (store),
                      "SELECT toa_intake_record_add ($1::bigint, $2::text, $3::bigint, $4::text, "
                      "$5::text, $6::text, $7::text, $8::text, $9::text, $10::bigint)",
                      params, error);
  return res != NULL;
}

static ToaIntakeRecord *
intake_record_get (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *attachments = NULL;
  ToaIntakeRecord *record;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (TOA_PG_STORE (store),
                      "SELECT r.article_id, r.channel, r.sender_unit_id, u.name, r.sender_name, "
                      "r.document_no, r.received_on, r.issued_on, r.attachments, r.reply_letter, "
                      "r.created_at FROM intake_records r LEFT JOIN units u ON u.id = r.sender_unit_id "
                      "WHERE r.article_id = $1", params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("Item %lld was not registered at intake. Check the number with “toasoan-cli inbox”."),
                   (long long) article_id);
      return NULL;
    }
  record = toa_intake_record_new ();
  record->article_id = toa_pg_int (res, 0, 0);
  record->channel = toa_pg_text (res, 0, 1);
  record->sender_unit_id = toa_pg_int (res, 0, 2);
  record->sender_unit_name = toa_pg_text (res, 0, 3);
  record->sender_name = toa_pg_text (res, 0, 4);
  record->document_no = toa_pg_text (res, 0, 5);
  record->received_on = toa_pg_text (res, 0, 6);
  record->issued_on = toa_pg_text (res, 0, 7);
  attachments = toa_pg_text (res, 0, 8);
  record->attachments = toa_intake_attachments_from_json (attachments);
  record->reply_letter = toa_pg_text (res, 0, 9);
  record->created_at = toa_pg_int (res, 0, 10);
  return record;
}

/* Runs @sql (a server function of 006-member-articles.sql with @text as $1 and an article
 * id as $2, which checks a member's right on the item's site and returns whether a row
 * changed); NOT_FOUND when none did. */
static gboolean
update_one (ToaPgStore *self, const char *sql, const char *text, gint64 article_id,
            GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_text (params, text);
  toa_pg_params_int (params, article_id);
  res = toa_pg_query (self, sql, params, error);
  if (res == NULL)
    return FALSE;
  if (!toa_pg_bool (res, 0, 0))
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
  return update_one (TOA_PG_STORE (store),
                     "SELECT toa_intake_reply_letter_set ($2::bigint, $1::text)",
                     letter, article_id, error);
}

static gboolean
article_deadline_set (ToaStore *store, gint64 article_id, const char *deadline, GError **error)
{
  return update_one (TOA_PG_STORE (store), "SELECT toa_article_deadline_set ($2::bigint, $1::text)",
                     deadline, article_id, error);
}

/* ---- the inbox ---------------------------------------------------------------------- */

/* Appends the next parameter's placeholder ($n) to @sql and the value to @params. */
static void
param_text (GString *sql, ToaPgParams *params, const char *value)
{
  toa_pg_params_text (params, value);
  g_string_append_printf (sql, "$%u", toa_pg_params_count (params));
}

static void
param_int (GString *sql, ToaPgParams *params, gint64 value)
{
  toa_pg_params_int (params, value);
  g_string_append_printf (sql, "$%u", toa_pg_params_count (params));
}

static void
in_ids (GString *sql, ToaPgParams *params, GArray *ids)
{
  g_string_append (sql, "(");
  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      param_int (sql, params, g_array_index (ids, gint64, i));
    }
  g_string_append (sql, ")");
}

static void
in_texts (GString *sql, ToaPgParams *params, GStrv values)
{
  g_string_append (sql, "(");
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      param_text (sql, params, values[i]);
    }
  g_string_append (sql, ")");
}

static void
begin_part (GString *sql, guint part)
{
  g_string_append_printf (sql, "%sSELECT * FROM (SELECT a.id AS id, a.deadline AS deadline, "
                          "a.updated_at AS updated_at FROM articles a WHERE ",
                          part == 0 ? "" : " UNION ");
}

/* The filters every part shares, then the part's bounded sort: a scope part (@in_scope)
 * already has its site narrowed by core; the others (by id, by requester, by last actor)
 * take the site and state filters here. */
static void
end_part (GString *sql, ToaPgParams *params, const ToaInboxQuery *query, const char *tsquery,
          gboolean in_scope, guint per_part, guint part)
{
  if (!in_scope && query->site_id != 0)
    {
      g_string_append (sql, " AND a.site_id = ");
      param_int (sql, params, query->site_id);
    }
  if (!in_scope && query->state != NULL)
    {
      g_string_append (sql, " AND a.state = ");
      param_text (sql, params, query->state);
    }
  if (query->genre != NULL)
    {
      g_string_append (sql, " AND a.genre = ");
      param_text (sql, params, query->genre);
    }
  if (query->section_ids != NULL && query->section_ids->len > 0)
    {
      g_string_append (sql, " AND a.section_id IN ");
      in_ids (sql, params, query->section_ids);
    }
  if (query->deadline_from != NULL)
    {
      g_string_append (sql, " AND a.deadline >= ");
      param_text (sql, params, query->deadline_from);
    }
  if (query->deadline_before != NULL)
    {
      g_string_append (sql, " AND a.deadline < ");
      param_text (sql, params, query->deadline_before);
    }
  if (tsquery != NULL)
    {
      /* folded on the server too, as the search column was */
      g_string_append (sql, " AND a.search @@ to_tsquery ('simple'::regconfig, toa_fold (");
      param_text (sql, params, tsquery);
      g_string_append (sql, "))");
    }
  g_string_append (sql, " ORDER BY a.deadline NULLS LAST, a.updated_at DESC, "
                        "a.id DESC LIMIT ");
  param_int (sql, params, per_part);
  g_string_append_printf (sql, ") part%u", part);
}

static GPtrArray *
inbox_list (ToaStore *store, const ToaInboxQuery *query, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_inbox_item_free);
  g_autoptr(GString) sql = g_string_new ("WITH cand AS (");
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *tsquery = NULL;
  guint per_part = query->offset + query->limit;
  guint part = 0;

  if (query->text != NULL && *query->text != '\0')
    {
      g_autofree char *folded = toa_text_fold (query->text);
      g_autofree char *match = toa_article_query_fts (folded);

      if (match == NULL || (tsquery = toa_pg_tsquery_from_fts (match)) == NULL)
        return g_steal_pointer (&list);   /* nothing searchable: nothing matches */
    }
  if (query->limit == 0)
    return g_steal_pointer (&list);

  for (guint i = 0; query->scopes != NULL && i < query->scopes->len; i++)
    {
      const ToaInboxScope *scope = g_ptr_array_index (query->scopes, i);

      if (scope->states == NULL || scope->states[0] == NULL)
        continue;
      begin_part (sql, part);
      g_string_append (sql, "a.site_id = ");
      param_int (sql, params, scope->site_id);
      g_string_append (sql, " AND a.state IN ");
      in_texts (sql, params, scope->states);
      g_string_append (sql, scope->default_workflow
                            ? " AND (a.workflow_code IS NULL OR a.workflow_code = "
                            : " AND (a.workflow_code = ");
      param_text (sql, params, scope->workflow_code != NULL ? scope->workflow_code : "");
      g_string_append (sql, ")");
      if (scope->designed >= 0)
        {
          g_string_append (sql, " AND a.genre IN (SELECT code FROM genres WHERE designed = ");
          toa_pg_params_bool (params, scope->designed != 0);
          g_string_append_printf (sql, "$%u)", toa_pg_params_count (params));
        }
      end_part (sql, params, query, tsquery, TRUE, per_part, part++);
    }
  /* pending approval requests (few; transition_requests_one_pending answers each) */
  if (query->request_article_ids != NULL && query->request_article_ids->len > 0)
    {
      begin_part (sql, part);
      g_string_append (sql, "a.id IN ");
      in_ids (sql, params, query->request_article_ids);
      end_part (sql, params, query, tsquery, FALSE, per_part, part++);
    }
  if (query->requested_by != 0)
    {
      begin_part (sql, part);
      g_string_append (sql, "a.id IN (SELECT article_id FROM transition_requests "
                            "WHERE status = 'pending' AND requested_by = ");
      param_int (sql, params, query->requested_by);
      g_string_append (sql, ")");
      end_part (sql, params, query, tsquery, FALSE, per_part, part++);
    }
  if (query->last_actor_id != 0)
    {
      begin_part (sql, part);
      g_string_append (sql, "a.last_actor_id = ");
      param_int (sql, params, query->last_actor_id);
      if (query->end_states != NULL && query->end_states[0] != NULL)
        {
          g_string_append (sql, " AND a.state NOT IN ");
          in_texts (sql, params, query->end_states);
        }
      end_part (sql, params, query, tsquery, FALSE, per_part, part++);
    }
  if (part == 0)
    return g_steal_pointer (&list);   /* no scope: nothing is waiting */

  /* The creation day as SQLite's date (created_at / 1000000, 'unixepoch', '+7 hours'). */
  g_string_append (sql, ") SELECT " TOA_PG_ARTICLE_COLUMNS ", a.deadline, "
                        "COALESCE (ir.received_on, to_char (timestamp '1970-01-01' + "
                        "(a.created_at / 1000000 + 25200) * interval '1 second', 'YYYY-MM-DD')), "
                        "(SELECT count(*) FROM comments c WHERE c.article_id = a.id), "
                        "a.workflow_code, a.workflow_version, tr.id, tr.transition "
                        "FROM cand JOIN articles a ON a.id = cand.id "
                        TOA_PG_ARTICLE_JOINS
                        "LEFT JOIN intake_records ir ON ir.article_id = a.id "
                        "LEFT JOIN transition_requests tr ON tr.article_id = a.id "
                        "AND tr.status = 'pending' "
                        "ORDER BY cand.deadline NULLS LAST, cand.updated_at DESC, "
                        "cand.id DESC LIMIT ");
  param_int (sql, params, query->limit);
  g_string_append (sql, " OFFSET ");
  param_int (sql, params, query->offset);

  res = toa_pg_query (TOA_PG_STORE (store), sql->str, params, error);
  if (res == NULL)
    return NULL;
  for (int r = 0; r < PQntuples (res); r++)
    {
      ToaInboxItem *item = toa_inbox_item_new ();
      int col = TOA_PG_ARTICLE_N_COLUMNS;

      item->article = toa_pg_article_from_row (res, r);
      item->deadline = toa_pg_text (res, r, col);
      item->received_on = toa_pg_text (res, r, col + 1);
      item->comment_count = toa_pg_int (res, r, col + 2);
      item->workflow_code = toa_pg_text (res, r, col + 3);
      item->workflow_version = (int) toa_pg_int (res, r, col + 4);
      item->request_id = toa_pg_int (res, r, col + 5);
      item->request_transition = toa_pg_text (res, r, col + 6);
      g_ptr_array_add (list, item);
    }
  return g_steal_pointer (&list);
}

void
toa_pg_store_iface_inbox (ToaStoreInterface *iface)
{
  iface->intake_channel_list = intake_channel_list;
  iface->intake_record_add = intake_record_add;
  iface->intake_record_get = intake_record_get;
  iface->intake_reply_letter_set = intake_reply_letter_set;
  iface->article_deadline_set = article_deadline_set;
  iface->inbox_list = inbox_list;
  toa_pg_files_iface (iface);
}
