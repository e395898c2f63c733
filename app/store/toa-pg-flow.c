/* toa-pg-flow.c — the workflow side of articles in PostgreSQL (see toa-pg-private.h,
 * toa_pg_store_iface_flow): the article's flow (read, compare-and-set write on version and
 * state), its timeline rows (append only), delegations and approval requests. The same
 * results, orders and errors as toa-sqlite-transitions.c and toa-sqlite-approval.c.
 *
 * Two desks taking the same transition: under READ COMMITTED the second UPDATE waits for the
 * first to commit, then re-checks its WHERE against the new row, matches nothing, and reports
 * TOA_ERROR_CONFLICT — its transaction stays usable, so core can read who was first. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-private.h"
#include "toa-revisions.h"

/* ---- the article's flow ---------------------------------------------------------------- */

static ToaArticleFlow *
article_flow_get (ToaStore *store, gint64 article_id, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *missing = NULL;
  ToaArticleFlow *flow;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (self,
                      "SELECT a.id, a.site_id, a.title, a.genre, COALESCE (g.designed, false), a.info_kind, "
                      "a.state, a.version, a.workflow_code, COALESCE (a.workflow_version, 0), a.deadline, "
                      "COALESCE (a.last_actor_id, 0), p.full_name, a.last_transition_at, a.created_at, "
                      "a.published_at FROM articles a "
                      "LEFT JOIN genres g ON g.code = a.genre "
                      "LEFT JOIN people p ON p.id = a.last_actor_id WHERE a.id = $1", params, error);
  if (res == NULL)
    return NULL;
  missing = g_strdup_printf (_("No article has the number %lld. See “toasoan-cli article list”."),
                             (long long) article_id);
  if (!toa_pg_require_row (res, error, missing))
    return NULL;
  flow = toa_article_flow_new ();
  flow->id = toa_pg_int (res, 0, 0);
  flow->site_id = toa_pg_int (res, 0, 1);
  flow->title = toa_pg_text (res, 0, 2);
  flow->genre = toa_pg_text (res, 0, 3);
  flow->designed = toa_pg_bool (res, 0, 4);
  flow->info_kind = toa_pg_text (res, 0, 5);
  flow->state = toa_pg_text (res, 0, 6);
  flow->version = toa_pg_int (res, 0, 7);
  flow->workflow_code = toa_pg_text (res, 0, 8);
  flow->workflow_version = (int) toa_pg_int (res, 0, 9);
  flow->deadline = toa_pg_text (res, 0, 10);
  flow->last_actor_id = toa_pg_int (res, 0, 11);
  flow->last_actor_name = toa_pg_text (res, 0, 12);
  flow->last_transition_at = toa_pg_int (res, 0, 13);
  flow->created_at = toa_pg_int (res, 0, 14);
  flow->published_at = toa_pg_int (res, 0, 15);
  return flow;
}

static gboolean
article_flow_update (ToaStore *store, const ToaArticleFlow *flow, gint64 expected_version,
                     const char *expected_state, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  gint64 changed = 0;

  toa_pg_params_text (params, flow->state);
  toa_pg_params_text (params, flow->workflow_code);
  toa_pg_params_id (params, flow->workflow_version);
  toa_pg_params_text (params, flow->deadline);
  toa_pg_params_id (params, flow->last_actor_id);
  toa_pg_params_int (params, flow->last_transition_at);
  toa_pg_params_int (params, flow->published_at);
  toa_pg_params_int (params, flow->id);
  toa_pg_params_int (params, expected_version);
  toa_pg_params_text (params, expected_state);
  if (!toa_pg_exec (self,
                    "UPDATE articles SET state = $1, workflow_code = $2, workflow_version = $3, "
                    "deadline = $4, last_actor_id = $5, last_transition_at = $6, "
                    "published_at = $7, updated_at = $6, version = version + 1 "
                    "WHERE id = $8 AND version = $9 AND state = $10", params, &changed, error))
    return FALSE;
  if (changed == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("Someone else moved article %lld first. Reload it and decide again."),
                   (long long) flow->id);
      return FALSE;
    }
  return TRUE;
}

/* ---- the timeline ---------------------------------------------------------------------- */

static gboolean
transition_add (ToaStore *store, ToaTransitionRecord *record, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, record->article_id);
  toa_pg_params_text (params, record->transition);
  toa_pg_params_text (params, record->from_state);
  toa_pg_params_text (params, record->to_state);
  toa_pg_params_int (params, record->actor_id);
  toa_pg_params_id (params, record->on_behalf_of);
  toa_pg_params_text (params, record->comment);
  toa_pg_params_text (params, record->ground);
  toa_pg_params_id (params, record->scheduled_for);
  toa_pg_params_int (params, record->at);
  toa_pg_params_id (params, record->approved_by);
  /* Acting under delegation always names its form; before 009 every such act was "KT". */
  toa_pg_params_text (params, record->on_behalf_of != 0
                              ? (record->behalf_form != NULL ? record->behalf_form : "KT") : NULL);
  res = toa_pg_query (self,
                      "INSERT INTO article_transitions (article_id, transition, from_state, to_state, "
                      "actor_id, on_behalf_of, comment, ground, scheduled_for, at, approved_by, behalf_form) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                      params, error);
  if (res == NULL)
    return FALSE;
  record->id = toa_pg_int (res, 0, 0);
  return TRUE;
}

/* The transition through the server function (005-security.sql, 012-server-steps.sql): the
 * server checks the signed-in person again and writes everything, the step's revision too
 * (noted as core words it, toa_revisions_step_note). Inside a savepoint, so that after a
 * refusal the caller's transaction can still read who was first — savepoint, call and release
 * in one round trip (toa_pg_query_write). */
static gboolean
transition_take (ToaStore *store, ToaArticleFlow *flow, const char *target, ToaTransitionRecord *record,
                 gint64 expected_version, gint64 now, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *note = toa_revisions_step_note (record->transition, flow->state, target);

  toa_pg_params_int (params, flow->id);
  toa_pg_params_text (params, record->transition);
  toa_pg_params_text (params, target);
  toa_pg_params_text (params, record->comment);
  toa_pg_params_text (params, record->ground);
  toa_pg_params_id (params, record->scheduled_for);
  toa_pg_params_id (params, expected_version);
  toa_pg_params_text (params, flow->deadline);
  toa_pg_params_id (params, record->actor_id);
  toa_pg_params_id (params, now);
  toa_pg_params_text (params, note);
  res = toa_pg_query_write (self,
                            "SELECT transition_id, version, to_state, on_behalf_of, behalf_form, deadline, at_usec "
                            "FROM toa_take_transition ($1::bigint, $2::text, $3::text, $4::text, $5::text, "
                            "$6::bigint, $7::bigint, $8::text, $9::bigint, $10::bigint, $11::text)", params, error);
  if (res == NULL)
    return FALSE;
  if (PQntuples (res) != 1)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_IO, _("The server did not take the transition."));
      return FALSE;
    }
  record->id = toa_pg_int (res, 0, 0);
  record->article_id = flow->id;
  g_free (record->from_state);
  record->from_state = g_strdup (flow->state);
  g_free (record->to_state);
  record->to_state = toa_pg_text (res, 0, 2);
  record->on_behalf_of = toa_pg_int (res, 0, 3);
  g_free (record->behalf_form);
  record->behalf_form = toa_pg_text (res, 0, 4);
  record->at = toa_pg_int (res, 0, 6);
  flow->version = toa_pg_int (res, 0, 1);
  g_free (flow->state);
  flow->state = g_strdup (record->to_state);
  g_free (flow->deadline);
  flow->deadline = toa_pg_text (res, 0, 5);
  return TRUE;
}

static GPtrArray *
transition_list (ToaStore *store, gint64 article_id, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  GPtrArray *list;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (self,
                      "SELECT t.id, t.article_id, t.transition, t.from_state, t.to_state, t.actor_id, "
                      "pa.full_name, COALESCE (t.on_behalf_of, 0), pb.full_name, t.comment, t.ground, "
                      "COALESCE (t.scheduled_for, 0), t.at, COALESCE (t.approved_by, 0), pc.full_name, "
                      "CASE WHEN t.on_behalf_of IS NULL THEN NULL ELSE COALESCE (t.behalf_form, 'KT') END "
                      "FROM article_transitions t "
                      "LEFT JOIN people pa ON pa.id = t.actor_id "
                      "LEFT JOIN people pb ON pb.id = t.on_behalf_of "
                      "LEFT JOIN people pc ON pc.id = t.approved_by "
                      "WHERE t.article_id = $1 ORDER BY t.id", params, error);
  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_transition_record_free);
  for (int row = 0; row < PQntuples (res); row++)
    {
      ToaTransitionRecord *record = toa_transition_record_new ();

      record->id = toa_pg_int (res, row, 0);
      record->article_id = toa_pg_int (res, row, 1);
      record->transition = toa_pg_text (res, row, 2);
      record->from_state = toa_pg_text (res, row, 3);
      record->to_state = toa_pg_text (res, row, 4);
      record->actor_id = toa_pg_int (res, row, 5);
      record->actor_name = toa_pg_text (res, row, 6);
      record->on_behalf_of = toa_pg_int (res, row, 7);
      record->on_behalf_of_name = toa_pg_text (res, row, 8);
      record->comment = toa_pg_text (res, row, 9);
      record->ground = toa_pg_text (res, row, 10);
      record->scheduled_for = toa_pg_int (res, row, 11);
      record->at = toa_pg_int (res, row, 12);
      record->approved_by = toa_pg_int (res, row, 13);
      record->approved_by_name = toa_pg_text (res, row, 14);
      record->behalf_form = toa_pg_text (res, row, 15);
      g_ptr_array_add (list, record);
    }
  return list;
}

/* ---- delegations ----------------------------------------------------------------------- */

#define DELEGATION_SELECT \
  "SELECT d.id, d.from_person, pf.full_name, d.to_person, pt.full_name, d.site_id, " \
  "d.actions, d.from_date, d.to_date, d.created_at, COALESCE (d.revoked_at, 0), d.form " \
  "FROM delegations d " \
  "LEFT JOIN people pf ON pf.id = d.from_person " \
  "LEFT JOIN people pt ON pt.id = d.to_person "

static ToaDelegation *
delegation_from_row (const PGresult *res, int row)
{
  ToaDelegation *d = toa_delegation_new ();
  const char *actions = PQgetisnull (res, row, 6) ? "" : PQgetvalue (res, row, 6);

  d->id = toa_pg_int (res, row, 0);
  d->from_person = toa_pg_int (res, row, 1);
  d->from_name = toa_pg_text (res, row, 2);
  d->to_person = toa_pg_int (res, row, 3);
  d->to_name = toa_pg_text (res, row, 4);
  d->site_id = toa_pg_int (res, row, 5);
  d->actions = g_strsplit (actions, ",", -1);
  d->from_date = toa_pg_text (res, row, 7);
  d->to_date = toa_pg_text (res, row, 8);
  d->created_at = toa_pg_int (res, row, 9);
  d->revoked_at = toa_pg_int (res, row, 10);
  d->form = toa_pg_text (res, row, 11);
  return d;
}

static GPtrArray *
delegations_from_result (const PGresult *res)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_delegation_free);

  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (list, delegation_from_row (res, row));
  return list;
}

/* Through toa_delegation_add (007-member-admin.sql): the server lets the delegator or the
 * administrator add it (the owner's connection: anyone core allowed). */
static gboolean
delegation_add (ToaStore *store, ToaDelegation *delegation, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *actions = g_strjoinv (",", delegation->actions);

  toa_pg_params_int (params, delegation->from_person);
  toa_pg_params_int (params, delegation->to_person);
  toa_pg_params_int (params, delegation->site_id);
  toa_pg_params_text (params, actions);
  toa_pg_params_text (params, delegation->from_date);
  toa_pg_params_text (params, delegation->to_date);
  toa_pg_params_int (params, delegation->created_at);
  toa_pg_params_text (params, delegation->form != NULL ? delegation->form : "KT");
  res = toa_pg_query (self,
                      "SELECT toa_delegation_add ($1::bigint, $2::bigint, $3::bigint, $4::text, $5::text, "
                      "$6::text, $7::bigint, $8::text)", params, error);
  if (res == NULL)
    return FALSE;
  delegation->id = toa_pg_int (res, 0, 0);
  /* A delegation stored already revoked (copying history) keeps its time: the owner only. */
  if (delegation->revoked_at != 0)
    {
      g_autoptr(ToaPgParams) revoke = toa_pg_params_new ();
      g_autoptr(PGresult) done = NULL;

      toa_pg_params_int (revoke, delegation->id);
      toa_pg_params_int (revoke, delegation->revoked_at);
      if (!(done = toa_pg_query (self, "SELECT toa_delegation_revoke ($1::bigint, $2::bigint)", revoke, error)))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
delegation_list_in_force (ToaStore *store, gint64 person_id, const char *date, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, person_id);
  toa_pg_params_text (params, date);
  res = toa_pg_query (self,
                      DELEGATION_SELECT "WHERE d.to_person = $1 AND d.from_date <= $2 AND d.to_date >= $2 "
                      "AND d.revoked_at IS NULL ORDER BY d.id", params, error);
  return res != NULL ? delegations_from_result (res) : NULL;
}

static ToaDelegation *
delegation_get (ToaStore *store, gint64 id, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *missing = NULL;

  toa_pg_params_int (params, id);
  if (!(res = toa_pg_query (self, DELEGATION_SELECT "WHERE d.id = $1", params, error)))
    return NULL;
  missing = g_strdup_printf (_("No delegation has the number %lld. See “toasoan-cli delegate list --all”."),
                             (long long) id);
  if (!toa_pg_require_row (res, error, missing))
    return NULL;
  return delegation_from_row (res, 0);
}

static GPtrArray *
delegation_list (ToaStore *store, gint64 person_id, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  /* Two index-friendly shapes rather than "$1 = 0 OR …". */
  if (person_id == 0)
    res = toa_pg_query (self, DELEGATION_SELECT "ORDER BY d.id DESC", NULL, error);
  else
    {
      toa_pg_params_int (params, person_id);
      res = toa_pg_query (self,
                          DELEGATION_SELECT "WHERE d.from_person = $1 OR d.to_person = $1 "
                          "ORDER BY d.id DESC", params, error);
    }
  return res != NULL ? delegations_from_result (res) : NULL;
}

/* Through toa_delegation_revoke (007): the delegator or the administrator. */
static gboolean
delegation_revoke (ToaStore *store, gint64 id, gint64 at, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, id);
  toa_pg_params_int (params, at);
  if (!(res = toa_pg_query (self, "SELECT toa_delegation_revoke ($1::bigint, $2::bigint)", params, error)))
    return FALSE;
  if (toa_pg_int (res, 0, 0) == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("Delegation %lld is already revoked; nothing to do."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

/* ---- approval requests ----------------------------------------------------------------- */

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
request_from_row (const PGresult *res, int row)
{
  ToaApprovalRequest *r = toa_approval_request_new ();

  r->id = toa_pg_int (res, row, 0);
  r->article_id = toa_pg_int (res, row, 1);
  r->site_id = toa_pg_int (res, row, 2);
  r->article_title = toa_pg_text (res, row, 3);
  r->transition = toa_pg_text (res, row, 4);
  r->from_state = toa_pg_text (res, row, 5);
  r->to_state = toa_pg_text (res, row, 6);
  r->comment = toa_pg_text (res, row, 7);
  r->ground = toa_pg_text (res, row, 8);
  r->article_version = toa_pg_int (res, row, 9);
  r->requested_by = toa_pg_int (res, row, 10);
  r->requested_by_name = toa_pg_text (res, row, 11);
  r->on_behalf_of = toa_pg_int (res, row, 12);
  r->requested_at = toa_pg_int (res, row, 13);
  r->status = status_from_text (PQgetvalue (res, row, 14));
  r->decided_by = toa_pg_int (res, row, 15);
  r->decided_by_name = toa_pg_text (res, row, 16);
  r->decision_comment = toa_pg_text (res, row, 17);
  r->decided_at = toa_pg_int (res, row, 18);
  return r;
}

static GPtrArray *
requests_from_result (const PGresult *res)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_approval_request_free);

  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (list, request_from_row (res, row));
  return list;
}

static gboolean
approval_request_add (ToaStore *store, ToaApprovalRequest *request, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  GError *local_error = NULL;

  toa_pg_params_int (params, request->article_id);
  toa_pg_params_text (params, request->transition);
  toa_pg_params_text (params, request->from_state);
  toa_pg_params_text (params, request->to_state);
  toa_pg_params_text (params, request->comment);
  toa_pg_params_text (params, request->ground);
  toa_pg_params_int (params, request->article_version);
  toa_pg_params_int (params, request->requested_by);
  toa_pg_params_id (params, request->on_behalf_of);
  toa_pg_params_int (params, request->requested_at);
  res = toa_pg_query (self,
                      "INSERT INTO transition_requests (article_id, transition, from_state, to_state, "
                      "comment, ground, article_version, requested_by, on_behalf_of, requested_at, status) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending') RETURNING id",
                      params, &local_error);
  if (res == NULL)
    {
      /* The partial unique index transition_requests_one_pending (23505 → CONFLICT). */
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_CONFLICT))
        {
          g_clear_error (&local_error);
          g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                       _("Article %lld already has a pending request; wait for that decision."),
                       (long long) request->article_id);
        }
      else
        g_propagate_error (error, local_error);
      return FALSE;
    }
  request->id = toa_pg_int (res, 0, 0);
  request->status = TOA_APPROVAL_PENDING;
  return TRUE;
}

static ToaApprovalRequest *
approval_request_get (ToaStore *store, gint64 id, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *missing = NULL;

  toa_pg_params_int (params, id);
  if (!(res = toa_pg_query (self, "SELECT " REQUEST_COLUMNS "WHERE r.id = $1", params, error)))
    return NULL;
  missing = g_strdup_printf (_("There is no request %lld. See the pending ones with “toasoan-cli workflow requests”."),
                             (long long) id);
  if (!toa_pg_require_row (res, error, missing))
    return NULL;
  return request_from_row (res, 0);
}

static ToaApprovalRequest *
approval_request_pending (ToaStore *store, gint64 article_id, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (self, "SELECT " REQUEST_COLUMNS "WHERE r.article_id = $1 AND r.status = 'pending'",
                      params, error);
  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  return request_from_row (res, 0);
}

static GPtrArray *
approval_request_list (ToaStore *store, gint64 article_id, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_int (params, article_id);
  res = toa_pg_query (self, "SELECT " REQUEST_COLUMNS "WHERE r.article_id = $1 ORDER BY r.id", params, error);
  return res != NULL ? requests_from_result (res) : NULL;
}

static GPtrArray *
approval_request_list_pending (ToaStore *store, GArray *site_ids, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(GString) sql = g_string_new ("SELECT " REQUEST_COLUMNS "WHERE r.status = 'pending'");
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  if (site_ids != NULL)
    {
      g_autoptr(GString) ids = g_string_new ("{");

      if (site_ids->len == 0)
        return g_ptr_array_new_with_free_func ((GDestroyNotify) toa_approval_request_free);
      for (guint i = 0; i < site_ids->len; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i == 0 ? "" : ",",
                                g_array_index (site_ids, gint64, i));
      g_string_append_c (ids, '}');
      toa_pg_params_text (params, ids->str);
      g_string_append (sql, " AND a.site_id = ANY ($1::bigint[])");
    }
  g_string_append (sql, " ORDER BY r.requested_at, r.id");
  res = toa_pg_query (self, sql->str, params, error);
  return res != NULL ? requests_from_result (res) : NULL;
}

static gboolean
approval_request_decide (ToaStore *store, gint64 id, ToaApprovalStatus status, gint64 decided_by,
                         const char *comment, gint64 at, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  gint64 changed = 0;

  toa_pg_params_text (params, toa_approval_status_code (status));
  toa_pg_params_id (params, decided_by);
  toa_pg_params_text (params, comment);
  toa_pg_params_int (params, at);
  toa_pg_params_int (params, id);
  if (!toa_pg_exec (self,
                    "UPDATE transition_requests SET status = $1, decided_by = $2, "
                    "decision_comment = $3, decided_at = $4 WHERE id = $5 AND status = 'pending'",
                    params, &changed, error))
    return FALSE;
  if (changed == 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("Request %lld was decided by someone else first. Reload it."), (long long) id);
      return FALSE;
    }
  return TRUE;
}

/* Asking through the server (toa_ask_transition, 007-member-admin.sql): it checks again with
 * the generic checker and writes the request and its audit record. In a savepoint, so that
 * after a refusal core can still read the pending request in its transaction. */
static gboolean
approval_request_ask (ToaStore *store, ToaApprovalRequest *request, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  GError *local_error = NULL;
  gboolean ok;

  toa_pg_params_int (params, request->article_id);
  toa_pg_params_text (params, request->transition);
  toa_pg_params_text (params, request->to_state);
  toa_pg_params_text (params, request->comment);
  toa_pg_params_text (params, request->ground);
  toa_pg_params_id (params, request->article_version);
  toa_pg_params_id (params, request->requested_by);
  toa_pg_params_id (params, request->requested_at);
  if (!toa_pg_write_begin (self, error))
    return FALSE;
  res = toa_pg_query (self,
                      "SELECT request_id, to_state, on_behalf_of, article_version, requested_at "
                      "FROM toa_ask_transition ($1::bigint, $2::text, $3::text, $4::text, $5::text, "
                      "$6::bigint, $7::bigint, $8::bigint)", params, &local_error);
  ok = res != NULL && PQntuples (res) == 1;
  if (!toa_pg_write_end (self, ok, ok ? &local_error : NULL) || !ok)
    {
      /* The partial unique index transition_requests_one_pending (23505 → CONFLICT). */
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_CONFLICT))
        {
          g_clear_error (&local_error);
          g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                       _("Article %lld already has a pending request; wait for that decision."),
                       (long long) request->article_id);
        }
      else if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, TOA_ERROR, TOA_ERROR_IO, "toa_ask_transition returned no row");
      return FALSE;
    }
  request->id = toa_pg_int (res, 0, 0);
  g_free (request->to_state);
  request->to_state = toa_pg_text (res, 0, 1);
  request->on_behalf_of = toa_pg_int (res, 0, 2);
  request->article_version = toa_pg_int (res, 0, 3);
  request->requested_at = toa_pg_int (res, 0, 4);
  request->status = TOA_APPROVAL_PENDING;
  return TRUE;
}

/* Deciding through the server (toa_decide_request, 007, 012): it checks the decider again and
 * writes the decision, the item, the timeline and the step's revision when approved, and the
 * audit record. The revision's note as core words it, from the request's step. */
static gboolean
approval_request_take (ToaStore *store, gint64 id, gboolean approve, gint64 decided_by,
                       const char *comment, const char *deadline, gint64 now, ToaArticleFlow *flow,
                       ToaTransitionRecord *record, gboolean *lapsed, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autofree char *status = NULL;
  g_autofree char *note = NULL;
  gboolean ok;

  if (approve)
    {
      g_autoptr(ToaPgParams) which = toa_pg_params_new ();
      g_autoptr(PGresult) step = NULL;

      toa_pg_params_int (which, id);
      if (!(step = toa_pg_query (self, "SELECT transition, from_state, to_state FROM transition_requests "
                                 "WHERE id = $1", which, error)))
        return FALSE;
      if (PQntuples (step) == 1)
        note = toa_revisions_step_note (PQgetvalue (step, 0, 0), PQgetvalue (step, 0, 1),
                                        PQgetvalue (step, 0, 2));
    }
  toa_pg_params_int (params, id);
  toa_pg_params_bool (params, approve);
  toa_pg_params_text (params, comment);
  toa_pg_params_text (params, deadline);
  toa_pg_params_id (params, decided_by);
  toa_pg_params_id (params, now);
  toa_pg_params_text (params, note);
  if (!toa_pg_write_begin (self, error))
    return FALSE;
  res = toa_pg_query (self,
                      "SELECT status, transition_id, version, state, behalf_form, deadline, at_usec "
                      "FROM toa_decide_request ($1::bigint, $2::boolean, $3::text, $4::text, $5::bigint, "
                      "$6::bigint, $7::text)", params, error);
  ok = res != NULL && PQntuples (res) == 1;
  if (!toa_pg_write_end (self, ok, ok ? error : NULL) || !ok)
    return FALSE;
  status = toa_pg_text (res, 0, 0);
  if (lapsed != NULL)
    *lapsed = g_strcmp0 (status, "lapsed") == 0;
  if (flow != NULL)
    {
      flow->version = toa_pg_int (res, 0, 2);
      g_free (flow->state);
      flow->state = toa_pg_text (res, 0, 3);
      g_free (flow->deadline);
      flow->deadline = toa_pg_text (res, 0, 5);
    }
  if (record != NULL && g_strcmp0 (status, "approved") == 0)
    {
      record->id = toa_pg_int (res, 0, 1);
      g_free (record->behalf_form);
      record->behalf_form = toa_pg_text (res, 0, 4);
      record->at = toa_pg_int (res, 0, 6);
    }
  return TRUE;
}

void
toa_pg_store_iface_flow (ToaStoreInterface *iface)
{
  iface->article_flow_get = article_flow_get;
  iface->article_flow_update = article_flow_update;
  iface->transition_add = transition_add;
  iface->transition_take = transition_take;
  iface->transition_list = transition_list;
  iface->delegation_add = delegation_add;
  iface->delegation_list_in_force = delegation_list_in_force;
  iface->delegation_get = delegation_get;
  iface->delegation_list = delegation_list;
  iface->delegation_revoke = delegation_revoke;
  iface->approval_request_add = approval_request_add;
  iface->approval_request_get = approval_request_get;
  iface->approval_request_pending = approval_request_pending;
  iface->approval_request_list = approval_request_list;
  iface->approval_request_list_pending = approval_request_list_pending;
  iface->approval_request_decide = approval_request_decide;
  iface->approval_request_ask = approval_request_ask;
  iface->approval_request_take = approval_request_take;
}
