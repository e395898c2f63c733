/* toa-approval.c — transitions that need approval: recording a pending request (for
 * toa_transitions_do), reading requests with the transition's name from the item's workflow,
 * who may decide, and the decision itself (approve: apply the transition through the same
 * writer as toa_transitions_do; reject; lapse when the item moved), each with its audit
 * record in one transaction. See toa-approval.h. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-audit.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-role.h"
#include "toa-text.h"
#include "toa-transitions-private.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

static const char * const status_codes[] = { "pending", "approved", "rejected", "lapsed" };

const char *
toa_approval_status_code (ToaApprovalStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_codes), NULL);
  return status_codes[status];
}

ToaApprovalRequest *
toa_approval_request_new (void)
{
  return g_new0 (ToaApprovalRequest, 1);
}

void
toa_approval_request_free (ToaApprovalRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->article_title);
  g_free (request->transition);
  g_free (request->transition_name);
  g_free (request->from_state);
  g_free (request->to_state);
  g_free (request->comment);
  g_free (request->ground);
  g_free (request->requested_by_name);
  g_free (request->decided_by_name);
  g_free (request->decision_comment);
  g_free (request->approvers);
  g_free (request);
}

/* ---- the request's context: the item and the transition in its workflow --------------- */

typedef struct {
  ToaArticleFlow              *flow;
  const ToaWorkflow           *workflow;     /* owned by the cache */
  const ToaWorkflowTransition *transition;   /* NULL when the definition no longer has it */
} Context;

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->flow, toa_article_flow_free);
  ctx->workflow = NULL;
  ctx->transition = NULL;
}

static GHashTable *
workflow_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) toa_workflow_free);
}

static char *role_names (GStrv roles);

/* Reads the item of @request and the transition it asks for (from the request's state);
 * fills request->transition_name. */
static gboolean
context_load (ToaStore *store, GHashTable *cache, ToaApprovalRequest *request, Context *ctx,
              GError **error)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) transitions = NULL;
  ToaWorkflow *wf;

  if (!(ctx->flow = toa_store_article_flow_get (store, request->article_id, error)))
    return FALSE;
  if (ctx->flow->workflow_code == NULL
      && !(ctx->flow->workflow_code = toa_delegation_default_workflow (store, error)))
    return FALSE;
  key = g_strdup_printf ("%s@%d", ctx->flow->workflow_code, ctx->flow->workflow_version);
  if (!(wf = g_hash_table_lookup (cache, key)))
    {
      if (!(wf = toa_workflow_load (store, ctx->flow->workflow_code, ctx->flow->workflow_version, error)))
        return FALSE;
      g_hash_table_insert (cache, g_steal_pointer (&key), wf);
    }
  ctx->workflow = wf;
  transitions = toa_workflow_transitions_from (wf, request->from_state, ctx->flow->designed);
  for (guint i = 0; i < transitions->len && ctx->transition == NULL; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (transitions, i);

      if (g_strcmp0 (t->code, request->transition) == 0)
        ctx->transition = t;
    }
  g_free (request->transition_name);
  request->transition_name = g_strdup (ctx->transition != NULL && ctx->transition->name != NULL
                                       ? ctx->transition->name : request->transition);
  g_free (request->approvers);
  request->approvers = role_names (ctx->transition != NULL ? ctx->transition->approval_roles : NULL);
  return TRUE;
}

static char *
role_names (GStrv roles)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      ToaRole role;

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, toa_role_from_code (roles[i], &role) ? toa_role_label (role) : roles[i]);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
may_decide_in (const ToaPerson *person, const ToaApprovalRequest *request, const Context *ctx,
               GError **error)
{
  g_auto(GStrv) roles = NULL;
  GStrv wanted = ctx->transition != NULL ? ctx->transition->approval_roles : NULL;
  g_autofree char *who = role_names (wanted);

  if (!person->active)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                   _("The account “%s” is inactive and cannot decide requests."),
                   person->login != NULL ? person->login : "");
      return FALSE;
    }
  if (person->id == request->requested_by)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                   _("You asked for this yourself; someone else must decide it (%s)."), who);
      return FALSE;
    }
  roles = toa_workflow_roles_on_site (person, ctx->flow->site_id);
  for (guint i = 0; wanted != NULL && wanted[i] != NULL; i++)
    if (roles != NULL && g_strv_contains ((const char * const *) roles, wanted[i]))
      return TRUE;
  if (wanted == NULL || wanted[0] == NULL)
    g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                 _("The item's workflow no longer has “%s” from “%s”; nobody can approve this request. Reject it."),
                 request->transition, request->from_state);
  else
    g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                 _("Only these roles on the item's site may decide “%s”: %s. Ask one of them."),
                 request->transition_name, who);
  return FALSE;
}

/* Fills transition_name on each of @list; with @person, keeps only those they may decide. */
static gboolean
fill_list (ToaStore *store, GPtrArray *list, const ToaPerson *person, GError **error)
{
  g_autoptr(GHashTable) cache = workflow_cache_new ();

  for (guint i = 0; i < list->len;)
    {
      ToaApprovalRequest *request = g_ptr_array_index (list, i);
      Context ctx = { 0 };
      gboolean keep;

      if (!context_load (store, cache, request, &ctx, error))
        {
          context_clear (&ctx);
          return FALSE;
        }
      keep = person == NULL || may_decide_in (person, request, &ctx, NULL);
      context_clear (&ctx);
      if (keep)
        i++;
      else
        g_ptr_array_remove_index (list, i);
    }
  return TRUE;
}

/* ---- reading -------------------------------------------------------------------------- */

ToaApprovalRequest *
toa_approval_pending_for_article (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(ToaApprovalRequest) request = NULL;
  g_autoptr(GHashTable) cache = workflow_cache_new ();
  GError *local_error = NULL;
  Context ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!(request = toa_store_approval_request_pending (store, article_id, &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return NULL;
    }
  ok = context_load (store, cache, request, &ctx, error);
  context_clear (&ctx);
  return ok ? g_steal_pointer (&request) : NULL;
}

GPtrArray *
toa_approval_list (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!(flow = toa_store_article_flow_get (store, article_id, error))
      || !(list = toa_store_approval_request_list (store, article_id, error))
      || !fill_list (store, list, NULL, error))
    return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
toa_approval_list_for_approver (ToaStore *store, const ToaPerson *person, GError **error)
{
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  for (guint i = 0; person->active && person->roles != NULL && i < person->roles->len; i++)
    {
      gint64 site_id = g_array_index (person->roles, ToaRoleGrant, i).site_id;
      gboolean seen = FALSE;

      for (guint k = 0; k < sites->len && !seen; k++)
        seen = g_array_index (sites, gint64, k) == site_id;
      if (!seen)
        g_array_append_val (sites, site_id);
    }
  if (!(list = toa_store_approval_request_list_pending (store, sites, error))
      || !fill_list (store, list, person, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
toa_approval_may_decide (ToaStore *store, const ToaPerson *person, const ToaApprovalRequest *request,
                         GError **error)
{
  g_autoptr(GHashTable) cache = workflow_cache_new ();
  g_autoptr(ToaApprovalRequest) copy = toa_approval_request_new ();
  Context ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (person != NULL && request != NULL, FALSE);

  copy->article_id = request->article_id;
  copy->transition = g_strdup (request->transition);
  copy->from_state = g_strdup (request->from_state);
  copy->requested_by = request->requested_by;
  ok = context_load (store, cache, copy, &ctx, error) && may_decide_in (person, copy, &ctx, error);
  context_clear (&ctx);
  return ok;
}

/* ---- recording a request (inside toa_transitions_do's transaction) --------------------- */

static char *
request_detail (const ToaApprovalRequest *request, const char *comment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "request");
  json_builder_add_int_value (builder, request->id);
  json_builder_set_member_name (builder, "transition");
  json_builder_add_string_value (builder, request->transition);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, request->from_state);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, request->to_state);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, request->article_version);
  if (comment != NULL)
    {
      json_builder_set_member_name (builder, "comment");
      json_builder_add_string_value (builder, comment);
    }
  if (request->on_behalf_of != 0)
    {
      json_builder_set_member_name (builder, "on_behalf_of");
      json_builder_add_int_value (builder, request->on_behalf_of);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
toa_approval_record_request (ToaStore *store, ToaApprovalRequest *request, GError **error)
{
  g_autoptr(ToaApprovalRequest) pending = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  pending = toa_store_approval_request_pending (store, request->article_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (pending != NULL)
    {
      g_autofree char *when = toa_format_datetime (pending->requested_at);

      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("%s already asked for “%s” on this item at %s (request %lld); wait for that decision."),
                   pending->requested_by_name != NULL ? pending->requested_by_name : "?",
                   pending->transition, when, (long long) pending->id);
      return FALSE;
    }
  /* A server that enforces the rules checks again and writes the request and its record. */
  if (toa_store_has_approval_request_ask (store))
    return toa_store_approval_request_ask (store, request, error);
  if (!toa_store_approval_request_add (store, request, error))
    return FALSE;
  detail = request_detail (request, request->comment);
  return toa_audit_append (store, request->requested_by, "article.request", "article",
                           request->article_id, detail, error);
}

/* ---- lapsing: the item moved on before anyone decided ------------------------------------ */

static gboolean
lapse (ToaStore *store, const ToaApprovalRequest *request, gint64 actor_id, const char *comment,
       gint64 now, GError **error)
{
  g_autofree char *detail = NULL;

  if (!toa_store_approval_request_decide (store, request->id, TOA_APPROVAL_LAPSED, actor_id, comment,
                                          now, error))
    return FALSE;
  detail = request_detail (request, comment);
  return toa_audit_append (store, actor_id, "article.request-lapsed", "article", request->article_id,
                           detail, error);
}

gboolean
toa_approval_lapse_pending (ToaStore *store, gint64 article_id, gint64 actor_id, gint64 now,
                            GError **error)
{
  g_autoptr(ToaApprovalRequest) pending = NULL;
  GError *local_error = NULL;

  pending = toa_store_approval_request_pending (store, article_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return pending == NULL || lapse (store, pending, actor_id, NULL, now, error);
}

/* ---- deciding -------------------------------------------------------------------------- */

static const char *
status_label (ToaApprovalStatus status)
{
  switch (status)
    {
    case TOA_APPROVAL_APPROVED:
      return _("approved");
    case TOA_APPROVAL_REJECTED:
      return _("rejected");
    case TOA_APPROVAL_LAPSED:
      return _("closed as lapsed");
    case TOA_APPROVAL_PENDING:
    default:
      return _("pending");
    }
}

gboolean
toa_approval_decide (ToaStore *store, const ToaPerson *approver, gint64 request_id, gboolean approve,
                     const char *comment, gint64 now, ToaTransitionResult *out, GError **error)
{
  g_autoptr(ToaApprovalRequest) request = NULL;
  g_autoptr(GHashTable) cache = workflow_cache_new ();
  g_autoptr(ToaTransitionRecord) record = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *detail = NULL;
  Context ctx = { 0 };
  GError *local_error = NULL;
  gboolean lapsed = FALSE;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (approver != NULL, FALSE);

  if (now == 0)
    now = toa_now_usec ();
  if (comment != NULL)
    {
      if (!(clean = toa_text_normalize (comment, -1, _("Comment"), error)))
        return FALSE;
      g_strstrip (clean);
      if (*clean == '\0')
        g_clear_pointer (&clean, g_free);
    }
  if (!approve && clean == NULL)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("Say why the request is rejected (--comment); the requester will read it."));
      return FALSE;
    }

  if (!toa_store_begin (store, error))
    return FALSE;
  if (!(request = toa_store_approval_request_get (store, request_id, &local_error)))
    goto failed;
  if (request->status != TOA_APPROVAL_PENDING)
    {
      g_autofree char *when = toa_format_datetime (request->decided_at);

      g_set_error (&local_error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Request %lld was already %s by %s at %s; nothing to decide."),
                   (long long) request->id, status_label (request->status),
                   request->decided_by_name != NULL ? request->decided_by_name : "?", when);
      goto failed;
    }
  if (!context_load (store, cache, request, &ctx, &local_error)
      || !may_decide_in (approver, request, &ctx, &local_error))
    goto failed;

  if (toa_store_has_approval_request_take (store))
    {
      /* A server that enforces the rules checks the decider again and writes everything. */
      if (approve && ctx.transition == NULL && ctx.flow->version == request->article_version
          && g_strcmp0 (ctx.flow->state, request->from_state) == 0)
        {
          g_set_error (&local_error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("The item's workflow no longer has “%s” from “%s”. Reject the request."),
                       request->transition, request->from_state);
          goto failed;
        }
      record = toa_transition_record_new ();
      if ((approve && !toa_transitions_fill_deadline (store, ctx.flow, &local_error))
          || !toa_store_approval_request_take (store, request->id, approve, approver->id, clean,
                                               ctx.flow->deadline, now, ctx.flow, record, &lapsed,
                                               &local_error))
        goto failed;
      if (!approve || lapsed)
        g_clear_pointer (&record, toa_transition_record_free);
    }
  else if (!approve)
    {
      if (!toa_store_approval_request_decide (store, request->id, TOA_APPROVAL_REJECTED, approver->id,
                                              clean, now, &local_error))
        goto failed;
      detail = request_detail (request, clean);
      if (!toa_audit_append (store, approver->id, "article.request-rejected", "article",
                             request->article_id, detail, &local_error))
        goto failed;
    }
  else if (ctx.flow->version != request->article_version
           || g_strcmp0 (ctx.flow->state, request->from_state) != 0)
    {
      /* The item moved on since the request: close it, leave the item alone. */
      lapsed = TRUE;
      if (!lapse (store, request, approver->id, clean, now, &local_error))
        goto failed;
    }
  else
    {
      if (ctx.transition == NULL)
        {
          g_set_error (&local_error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("The item's workflow no longer has “%s” from “%s”. Reject the request."),
                       request->transition, request->from_state);
          goto failed;
        }
      record = toa_transition_record_new ();
      record->actor_id = request->requested_by;
      record->on_behalf_of = request->on_behalf_of;
      if (request->on_behalf_of != 0
          && !(record->behalf_form = toa_delegation_form_for (store, request->on_behalf_of,
                                                              request->requested_by, request->transition,
                                                              request->requested_at, &local_error)))
        goto failed;
      record->comment = g_strdup (request->comment);
      record->ground = g_strdup (request->ground);
      record->approved_by = approver->id;
      if (!toa_transitions_apply (store, ctx.flow, ctx.workflow, ctx.transition, request->to_state,
                                  record, approver->id, now, &local_error)
          || !toa_store_approval_request_decide (store, request->id, TOA_APPROVAL_APPROVED,
                                                 approver->id, clean, now, &local_error))
        goto failed;
      detail = toa_transitions_detail_json (record, request->id);
      if (!toa_audit_append (store, approver->id, "article.request-approved", "article",
                             request->article_id, detail, &local_error))
        goto failed;
    }
  if (!toa_store_commit (store, &local_error))
    goto failed;

  if (lapsed)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("The item changed after %s asked (it is now “%s”), so request %lld has lapsed and the item was left as it is. Ask again if it is still needed."),
                   request->requested_by_name != NULL ? request->requested_by_name : "?",
                   toa_article_state_label_for_code (ctx.flow->state), (long long) request->id);
      context_clear (&ctx);
      return FALSE;
    }
  if (out != NULL)
    {
      out->article_id = request->article_id;
      out->transition = g_strdup (request->transition);
      out->from = g_strdup (request->from_state);
      out->to = g_strdup (approve ? request->to_state : request->from_state);
      out->version = ctx.flow->version;
      out->on_behalf_of = request->on_behalf_of;
      out->on_behalf_of_name = NULL;
      out->behalf_form = record != NULL ? g_strdup (record->behalf_form) : NULL;
      if (request->on_behalf_of != 0)
        {
          g_autoptr(ToaPerson) delegator = toa_store_person_get (store, request->on_behalf_of, NULL);

          out->on_behalf_of_name = delegator != NULL ? g_strdup (delegator->full_name) : NULL;
        }
      out->deadline = g_strdup (ctx.flow->deadline);
      out->request_id = request->id;
    }
  context_clear (&ctx);
  return TRUE;

failed:
  context_clear (&ctx);
  return toa_store_abandon (store, local_error, error);
}
