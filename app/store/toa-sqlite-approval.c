/* toa-sqlite-approval.c — approval requests in SQLite (transition_requests, 008-approval.sql):
 * add, read, list, and decide with a compare-and-set on status = 'pending'. Requests are
 * never deleted; a partial unique index keeps one pending request per item. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sqlite-approval.h"
#include "toa-sqlite-private.h"

#define REQUEST_COLUMNS \
  "r.id, r.article_id, a.site_id, a.title, r.transition, r.from_state, r.to_state, r.comment, " \
  "r.ground, r.article_version, r.requested_by, pr.full_name, COALESCE (r.on_behalf_of, 0), " \
  "r.requested_at, r.status, COALESCE (r.decided_by, 0), pd.full_name, r.decision_comment, " \
  "COALESCE (r.decided_at, 0) FROM transition_requests r " \
  "JOIN articles a ON a.id = r.article_id " \
  "LEFT JOIN people pr ON pr.id = r.requested_by " \
  "LEFT JOIN people pd ON pd.id = r.decided_by "

static ToaApprovalStatus
status_from_text (const char *text)
{
  for (ToaApprovalStatus s = TOA_APPROVAL_PENDING; s <= TOA_APPROVAL_LAPSED; s++)
    if (g_strcmp0 (text, toa_approval_status_code (s)) == 0)
      return s;
  return TOA_APPROVAL_PENDING;
}

static ToaApprovalRequest *
request_from_row (sqlite3_stmt *stmt)
{
  ToaApprovalRequest *r = toa_approval_request_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->article_id = sqlite3_column_int64 (stmt, 1);
  r->site_id = sqlite3_column_int64 (stmt, 2);
  r->article_title = toa_sqlite_column_strdup (stmt, 3);
  r->transition = toa_sqlite_column_strdup (stmt, 4);
  r->from_state = toa_sqlite_column_strdup (stmt, 5);
  r->to_state = toa_sqlite_column_strdup (stmt, 6);
  r->comment = toa_sqlite_column_strdup (stmt, 7);
  r->ground = toa_sqlite_column_strdup (stmt, 8);
  r->article_version = sqlite3_column_int64 (stmt, 9);
  r->requested_by = sqlite3_column_int64 (stmt, 10);
  r->requested_by_name = toa_sqlite_column_strdup (stmt, 11);
  r->on_behalf_of = sqlite3_column_int64 (stmt, 12);
  r->requested_at = sqlite3_column_int64 (stmt, 13);
  r->status = status_from_text ((const char *) sqlite3_column_text (stmt, 14));
  r->decided_by = sqlite3_column_int64 (stmt, 15);
  r->decided_by_name = toa_sqlite_column_strdup (stmt, 16);
  r->decision_comment = toa_sqlite_column_strdup (stmt, 17);
  r->decided_at = sqlite3_column_int64 (stmt, 18);
  return r;
}

/* Every row of @stmt (already bound). */
static GPtrArray *
read_all (ToaSqliteStore *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_approval_request_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, request_from_row (stmt));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
approval_request_add (ToaStore *store, ToaApprovalRequest *request, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO transition_requests (article_id, transition, from_state, to_state, "
                          "comment, ground, article_version, requested_by, on_behalf_of, requested_at, status) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, request->article_id);
  toa_sqlite_bind_text (stmt, 2, request->transition);
  toa_sqlite_bind_text (stmt, 3, request->from_state);
  toa_sqlite_bind_text (stmt, 4, request->to_state);
  toa_sqlite_bind_text (stmt, 5, request->comment);
  toa_sqlite_bind_text (stmt, 6, request->ground);
  sqlite3_bind_int64 (stmt, 7, request->article_version);
  sqlite3_bind_int64 (stmt, 8, request->requested_by);
  toa_sqlite_bind_id (stmt, 9, request->on_behalf_of);
  sqlite3_bind_int64 (stmt, 10, request->requested_at);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  request->id = sqlite3_last_insert_rowid (self->db);
  request->status = TOA_APPROVAL_PENDING;
  return TRUE;
}

static ToaApprovalRequest *
approval_request_get (ToaStore *store, gint64 id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  if (!(stmt = toa_sqlite_stmt (self, "SELECT " REQUEST_COLUMNS "WHERE r.id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return request_from_row (stmt);
  if (!toa_sqlite_step_failed (self, rc, error))
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                 _("There is no request %lld. See the pending ones with “toasoan-cli workflow requests”."),
                 (long long) id);
  return NULL;
}

static ToaApprovalRequest *
approval_request_pending (ToaStore *store, gint64 article_id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self, "SELECT " REQUEST_COLUMNS
                                "WHERE r.article_id = ? AND r.status = 'pending'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return request_from_row (stmt);
  toa_sqlite_step_failed (self, rc, error);
  return NULL;
}

static GPtrArray *
approval_request_list (ToaStore *store, gint64 article_id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self, "SELECT " REQUEST_COLUMNS "WHERE r.article_id = ? ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  return read_all (self, stmt, error);
}

static GPtrArray *
approval_request_list_pending (ToaStore *store, GArray *site_ids, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(GString) sql = g_string_new ("SELECT " REQUEST_COLUMNS "WHERE r.status = 'pending'");
  g_autoptr(ToaCachedStmt) stmt = NULL;

  if (site_ids != NULL)
    {
      if (site_ids->len == 0)
        return g_ptr_array_new_with_free_func ((GDestroyNotify) toa_approval_request_free);
      g_string_append (sql, " AND a.site_id IN (");
      for (guint i = 0; i < site_ids->len; i++)
        g_string_append (sql, i == 0 ? "?" : ", ?");
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY r.requested_at, r.id");
  if (!(stmt = toa_sqlite_stmt (self, sql->str, error)))
    return NULL;
  for (guint i = 0; site_ids != NULL && i < site_ids->len; i++)
    sqlite3_bind_int64 (stmt, (int) i + 1, g_array_index (site_ids, gint64, i));
  return read_all (self, stmt, error);
}

static gboolean
approval_request_decide (ToaStore *store, gint64 id, ToaApprovalStatus status, gint64 decided_by,
                         const char *comment, gint64 at, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "UPDATE transition_requests SET status = ?1, decided_by = ?2, "
                          "decision_comment = ?3, decided_at = ?4 WHERE id = ?5 AND status = 'pending'",
                          error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, toa_approval_status_code (status));
  toa_sqlite_bind_id (stmt, 2, decided_by);
  toa_sqlite_bind_text (stmt, 3, comment);
  sqlite3_bind_int64 (stmt, 4, at);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("Request %lld was decided by someone else first. Reload it."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

void
toa_sqlite_approval_iface_init (ToaStoreInterface *iface)
{
  iface->approval_request_add = approval_request_add;
  iface->approval_request_get = approval_request_get;
  iface->approval_request_pending = approval_request_pending;
  iface->approval_request_list = approval_request_list;
  iface->approval_request_list_pending = approval_request_list_pending;
  iface->approval_request_decide = approval_request_decide;
}
