/* toa-sqlite-transitions.c — transitions and delegations in SQLite: the workflow side of an
 * article (read, compare-and-set write), its timeline rows (append only), delegations and
 * the board's settings. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sqlite-private.h"
#include "toa-sqlite-transitions.h"

static char *
board_setting_get (ToaStore *store, const char *key, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  if (!(stmt = toa_sqlite_stmt (self, "SELECT value FROM board_settings WHERE key = ?", error)))
    return NULL;
  toa_sqlite_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return toa_sqlite_column_strdup (stmt, 0);
  if (!toa_sqlite_step_failed (self, rc, error))
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                 _("The board setting “%s” is not set. Run “toasoan-cli init” on this database."), key);
  return NULL;
}

static ToaArticleFlow *
article_flow_get (ToaStore *store, gint64 article_id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  ToaArticleFlow *flow;
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT a.id, a.site_id, a.title, a.genre, COALESCE (g.designed, 0), a.info_kind, "
                          "a.state, a.version, a.workflow_code, COALESCE (a.workflow_version, 0), a.deadline, "
                          "COALESCE (a.last_actor_id, 0), p.full_name, a.last_transition_at, a.created_at, "
                          "a.published_at FROM articles a "
                          "LEFT JOIN genres g ON g.code = a.genre "
                          "LEFT JOIN people p ON p.id = a.last_actor_id WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (!toa_sqlite_step_failed (self, rc, error))
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("No article has the number %lld. See “toasoan-cli article list”."),
                     (long long) article_id);
      return NULL;
    }
  flow = toa_article_flow_new ();
  flow->id = sqlite3_column_int64 (stmt, 0);
  flow->site_id = sqlite3_column_int64 (stmt, 1);
  flow->title = toa_sqlite_column_strdup (stmt, 2);
  flow->genre = toa_sqlite_column_strdup (stmt, 3);
  flow->designed = sqlite3_column_int (stmt, 4) != 0;
  flow->info_kind = toa_sqlite_column_strdup (stmt, 5);
  flow->state = toa_sqlite_column_strdup (stmt, 6);
  flow->version = sqlite3_column_int64 (stmt, 7);
  flow->workflow_code = toa_sqlite_column_strdup (stmt, 8);
  flow->workflow_version = sqlite3_column_int (stmt, 9);
  flow->deadline = toa_sqlite_column_strdup (stmt, 10);
  flow->last_actor_id = sqlite3_column_int64 (stmt, 11);
  flow->last_actor_name = toa_sqlite_column_strdup (stmt, 12);
  flow->last_transition_at = sqlite3_column_int64 (stmt, 13);
  flow->created_at = sqlite3_column_int64 (stmt, 14);
  flow->published_at = sqlite3_column_int64 (stmt, 15);
  return flow;
}

static gboolean
article_flow_update (ToaStore *store, const ToaArticleFlow *flow, gint64 expected_version,
                     const char *expected_state, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "UPDATE articles SET state = ?1, workflow_code = ?2, workflow_version = ?3, "
                          "deadline = ?4, last_actor_id = ?5, last_transition_at = ?6, "
                          "published_at = ?7, updated_at = ?6, version = version + 1 "
                          "WHERE id = ?8 AND version = ?9 AND state = ?10", error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, flow->state);
  toa_sqlite_bind_text (stmt, 2, flow->workflow_code);
  if (flow->workflow_version > 0)
    sqlite3_bind_int (stmt, 3, flow->workflow_version);
  toa_sqlite_bind_text (stmt, 4, flow->deadline);
  toa_sqlite_bind_id (stmt, 5, flow->last_actor_id);
  sqlite3_bind_int64 (stmt, 6, flow->last_transition_at);
  sqlite3_bind_int64 (stmt, 7, flow->published_at);
  sqlite3_bind_int64 (stmt, 8, flow->id);
  sqlite3_bind_int64 (stmt, 9, expected_version);
  toa_sqlite_bind_text (stmt, 10, expected_state);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("Someone else moved article %lld first. Reload it and decide again."),
                   (long long) flow->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
transition_add (ToaStore *store, ToaTransitionRecord *record, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO article_transitions (article_id, transition, from_state, to_state, "
                          "actor_id, on_behalf_of, comment, ground, scheduled_for, at, approved_by, behalf_form) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->article_id);
  toa_sqlite_bind_text (stmt, 2, record->transition);
  toa_sqlite_bind_text (stmt, 3, record->from_state);
  toa_sqlite_bind_text (stmt, 4, record->to_state);
  sqlite3_bind_int64 (stmt, 5, record->actor_id);
  toa_sqlite_bind_id (stmt, 6, record->on_behalf_of);
  toa_sqlite_bind_text (stmt, 7, record->comment);
  toa_sqlite_bind_text (stmt, 8, record->ground);
  toa_sqlite_bind_id (stmt, 9, record->scheduled_for);
  sqlite3_bind_int64 (stmt, 10, record->at);
  toa_sqlite_bind_id (stmt, 11, record->approved_by);
  /* Acting under delegation always names its form; before 009 every such act was "KT". */
  toa_sqlite_bind_text (stmt, 12, record->on_behalf_of != 0
                                  ? (record->behalf_form != NULL ? record->behalf_form : "KT") : NULL);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  record->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static GPtrArray *
transition_list (ToaStore *store, gint64 article_id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_transition_record_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT t.id, t.article_id, t.transition, t.from_state, t.to_state, t.actor_id, "
                          "pa.full_name, COALESCE (t.on_behalf_of, 0), pb.full_name, t.comment, t.ground, "
                          "COALESCE (t.scheduled_for, 0), t.at, COALESCE (t.approved_by, 0), pc.full_name, "
                          "CASE WHEN t.on_behalf_of IS NULL THEN NULL ELSE COALESCE (t.behalf_form, 'KT') END "
                          "FROM article_transitions t "
                          "LEFT JOIN people pa ON pa.id = t.actor_id "
                          "LEFT JOIN people pb ON pb.id = t.on_behalf_of "
                          "LEFT JOIN people pc ON pc.id = t.approved_by "
                          "WHERE t.article_id = ? ORDER BY t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaTransitionRecord *record = toa_transition_record_new ();

      record->id = sqlite3_column_int64 (stmt, 0);
      record->article_id = sqlite3_column_int64 (stmt, 1);
      record->transition = toa_sqlite_column_strdup (stmt, 2);
      record->from_state = toa_sqlite_column_strdup (stmt, 3);
      record->to_state = toa_sqlite_column_strdup (stmt, 4);
      record->actor_id = sqlite3_column_int64 (stmt, 5);
      record->actor_name = toa_sqlite_column_strdup (stmt, 6);
      record->on_behalf_of = sqlite3_column_int64 (stmt, 7);
      record->on_behalf_of_name = toa_sqlite_column_strdup (stmt, 8);
      record->comment = toa_sqlite_column_strdup (stmt, 9);
      record->ground = toa_sqlite_column_strdup (stmt, 10);
      record->scheduled_for = sqlite3_column_int64 (stmt, 11);
      record->at = sqlite3_column_int64 (stmt, 12);
      record->approved_by = sqlite3_column_int64 (stmt, 13);
      record->approved_by_name = toa_sqlite_column_strdup (stmt, 14);
      record->behalf_form = toa_sqlite_column_strdup (stmt, 15);
      g_ptr_array_add (list, record);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

#define DELEGATION_SELECT \
  "SELECT d.id, d.from_person, pf.full_name, d.to_person, pt.full_name, d.site_id, " \
  "d.actions, d.from_date, d.to_date, d.created_at, COALESCE (d.revoked_at, 0), d.form " \
  "FROM delegations d " \
  "LEFT JOIN people pf ON pf.id = d.from_person " \
  "LEFT JOIN people pt ON pt.id = d.to_person "

static ToaDelegation *
delegation_from_row (sqlite3_stmt *stmt)
{
  ToaDelegation *d = toa_delegation_new ();
  const char *actions = (const char *) sqlite3_column_text (stmt, 6);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->from_person = sqlite3_column_int64 (stmt, 1);
  d->from_name = toa_sqlite_column_strdup (stmt, 2);
  d->to_person = sqlite3_column_int64 (stmt, 3);
  d->to_name = toa_sqlite_column_strdup (stmt, 4);
  d->site_id = sqlite3_column_int64 (stmt, 5);
  d->actions = g_strsplit (actions != NULL ? actions : "", ",", -1);
  d->from_date = toa_sqlite_column_strdup (stmt, 7);
  d->to_date = toa_sqlite_column_strdup (stmt, 8);
  d->created_at = sqlite3_column_int64 (stmt, 9);
  d->revoked_at = sqlite3_column_int64 (stmt, 10);
  d->form = toa_sqlite_column_strdup (stmt, 11);
  return d;
}

static gboolean
delegation_add (ToaStore *store, ToaDelegation *delegation, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autofree char *actions = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO delegations (from_person, to_person, site_id, actions, from_date, "
                          "to_date, created_at, revoked_at, form) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  actions = g_strjoinv (",", delegation->actions);
  sqlite3_bind_int64 (stmt, 1, delegation->from_person);
  sqlite3_bind_int64 (stmt, 2, delegation->to_person);
  sqlite3_bind_int64 (stmt, 3, delegation->site_id);
  toa_sqlite_bind_text (stmt, 4, actions);
  toa_sqlite_bind_text (stmt, 5, delegation->from_date);
  toa_sqlite_bind_text (stmt, 6, delegation->to_date);
  sqlite3_bind_int64 (stmt, 7, delegation->created_at);
  toa_sqlite_bind_id (stmt, 8, delegation->revoked_at);
  toa_sqlite_bind_text (stmt, 9, delegation->form != NULL ? delegation->form : "KT");
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  delegation->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static GPtrArray *
delegation_list_in_force (ToaStore *store, gint64 person_id, const char *date, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_delegation_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          DELEGATION_SELECT "WHERE d.to_person = ?1 AND d.from_date <= ?2 AND d.to_date >= ?2 "
                          "AND d.revoked_at IS NULL ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  toa_sqlite_bind_text (stmt, 2, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, delegation_from_row (stmt));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static ToaDelegation *
delegation_get (ToaStore *store, gint64 id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  if (!(stmt = toa_sqlite_stmt (self, DELEGATION_SELECT "WHERE d.id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return delegation_from_row (stmt);
  if (!toa_sqlite_step_failed (self, rc, error))
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                 _("No delegation has the number %lld. See “toasoan-cli delegate list --all”."),
                 (long long) id);
  return NULL;
}

static GPtrArray *
delegation_list (ToaStore *store, gint64 person_id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_delegation_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          DELEGATION_SELECT "WHERE ?1 = 0 OR d.from_person = ?1 OR d.to_person = ?1 "
                          "ORDER BY d.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, delegation_from_row (stmt));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
delegation_revoke (ToaStore *store, gint64 id, gint64 at, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self, "UPDATE delegations SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("Delegation %lld is already revoked; nothing to do."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

void
toa_sqlite_transitions_iface_init (ToaStoreInterface *iface)
{
  iface->board_setting_get = board_setting_get;
  iface->article_flow_get = article_flow_get;
  iface->article_flow_update = article_flow_update;
  iface->transition_add = transition_add;
  iface->transition_list = transition_list;
  iface->delegation_add = delegation_add;
  iface->delegation_list_in_force = delegation_list_in_force;
  iface->delegation_get = delegation_get;
  iface->delegation_list = delegation_list;
  iface->delegation_revoke = delegation_revoke;
}
