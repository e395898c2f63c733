/* toa-transitions.c — taking a transition on an article: read, check with the one generic
 * checker, write with a compare-and-set, add the timeline row and the audit record, all in
 * one transaction. The rules are the workflow definition's data; nothing here is per preset. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-audit.h"
#include "toa-deadline.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-prepublish.h"
#include "toa-text.h"
#include "toa-revisions.h"
#include "toa-transitions.h"
#include "toa-transitions-private.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

#define VN_OFFSET_SECONDS (7 * 3600)   /* Asia/Ho_Chi_Minh, no daylight saving */

/* ---- the record types ------------------------------------------------------------------ */

ToaArticleFlow *
toa_article_flow_new (void)
{
  return g_new0 (ToaArticleFlow, 1);
}

void
toa_article_flow_free (ToaArticleFlow *flow)
{
  if (flow == NULL)
    return;
  g_free (flow->title);
  g_free (flow->genre);
  g_free (flow->info_kind);
  g_free (flow->state);
  g_free (flow->workflow_code);
  g_free (flow->deadline);
  g_free (flow->last_actor_name);
  g_free (flow);
}

ToaTransitionRecord *
toa_transition_record_new (void)
{
  return g_new0 (ToaTransitionRecord, 1);
}

void
toa_transition_record_free (ToaTransitionRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->transition);
  g_free (record->from_state);
  g_free (record->to_state);
  g_free (record->actor_name);
  g_free (record->on_behalf_of_name);
  g_free (record->behalf_form);
  g_free (record->comment);
  g_free (record->ground);
  g_free (record->approved_by_name);
  g_free (record);
}

ToaDelegation *
toa_delegation_new (void)
{
  return g_new0 (ToaDelegation, 1);
}

void
toa_delegation_free (ToaDelegation *delegation)
{
  if (delegation == NULL)
    return;
  g_free (delegation->from_name);
  g_free (delegation->to_name);
  g_strfreev (delegation->actions);
  g_free (delegation->from_date);
  g_free (delegation->to_date);
  g_free (delegation->form);
  g_free (delegation);
}

void
toa_transition_result_clear (ToaTransitionResult *result)
{
  g_clear_pointer (&result->transition, g_free);
  g_clear_pointer (&result->from, g_free);
  g_clear_pointer (&result->to, g_free);
  g_clear_pointer (&result->on_behalf_of_name, g_free);
  g_clear_pointer (&result->behalf_form, g_free);
  g_clear_pointer (&result->deadline, g_free);
}

void
toa_transitions_local_date (gint64 usec, GDate *out)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_add_seconds (utc, VN_OFFSET_SECONDS);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

char *
toa_transition_record_behalf_label (const ToaTransitionRecord *record)
{
  if (record->on_behalf_of == 0)
    return NULL;
  return toa_transitions_behalf_text (record->behalf_form, record->on_behalf_of_name);
}

char *
toa_transitions_behalf_text (const char *form, const char *name)
{
  if (g_strcmp0 (form, "TL") == 0)
    /* Translators: "TL." (thừa lệnh, acting by order) before the name of the person who delegated the act */
    return g_strdup_printf (_("TL. %s"), name != NULL ? name : "?");
  /* Translators: "KT." (ký thay) before the name of the person who delegated the act */
  return g_strdup_printf (_("KT. %s"), name != NULL ? name : "?");
}

/* ---- helpers --------------------------------------------------------------------------- */

/* NFC, stripped; empty gives NULL. */
static gboolean
clean_text (const char *text, const char *field, char **out, GError **error)
{
  *out = NULL;
  if (text == NULL)
    return TRUE;
  if (!(*out = toa_text_normalize (text, -1, field, error)))
    return FALSE;
  g_strstrip (*out);
  if (**out == '\0')
    g_clear_pointer (out, g_free);
  return TRUE;
}

char *
toa_transitions_detail_json (const ToaTransitionRecord *record, gint64 request_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "transition");
  json_builder_add_string_value (builder, record->transition);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, record->from_state);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, record->to_state);
  if (record->comment != NULL)
    {
      json_builder_set_member_name (builder, "comment");
      json_builder_add_string_value (builder, record->comment);
    }
  if (record->ground != NULL)
    {
      json_builder_set_member_name (builder, "ground");
      json_builder_add_string_value (builder, record->ground);
    }
  if (record->on_behalf_of != 0)
    {
      json_builder_set_member_name (builder, "on_behalf_of");
      json_builder_add_int_value (builder, record->on_behalf_of);
      json_builder_set_member_name (builder, "behalf_form");
      json_builder_add_string_value (builder, record->behalf_form != NULL ? record->behalf_form : "KT");
    }
  if (record->scheduled_for != 0)
    {
      json_builder_set_member_name (builder, "scheduled_for");
      json_builder_add_int_value (builder, record->scheduled_for);
    }
  if (record->approved_by != 0)
    {
      json_builder_set_member_name (builder, "approved_by");
      json_builder_add_int_value (builder, record->approved_by);
    }
  if (request_id != 0)
    {
      json_builder_set_member_name (builder, "request");
      json_builder_add_int_value (builder, request_id);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
set_conflict (GError **error, const ToaArticleFlow *now)
{
  if (now != NULL && now->last_actor_name != NULL)
    g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                 _("%s acted on this item first; it is now “%s”. Reload it and decide again."),
                 now->last_actor_name, toa_article_state_label_for_code (now->state));
  else
    g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                 _("Someone else changed this item first. Reload it and decide again."));
}

static gboolean
holds_one_of (GStrv held, GStrv wanted)
{
  for (guint i = 0; held != NULL && held[i] != NULL; i++)
    if (wanted != NULL && g_strv_contains ((const char * const *) wanted, held[i]))
      return TRUE;
  return FALSE;
}

/* ---- writing a transition ------------------------------------------------------------ */

/* The deadline from the information kind, when the item has none yet (working days). */
gboolean
toa_transitions_fill_deadline (ToaStore *store, ToaArticleFlow *flow, GError **error)
{
  GDate basis, deadline;
  gboolean has_deadline = FALSE;

  if (flow->deadline != NULL || flow->info_kind == NULL)
    return TRUE;
  toa_transitions_local_date (flow->created_at, &basis);
  if (!toa_deadline_for_kind (store, NULL, flow->info_kind, &basis, &deadline, &has_deadline,
                              NULL, error))
    return FALSE;
  if (has_deadline)
    flow->deadline = toa_workdays_iso_date (&deadline);
  return TRUE;
}

/* On a store whose server enforces the rules (toa_store_has_transition_take): core has
 * checked (for its messages); the server checks again as the signed-in person and writes
 * state, timeline, the step's revision, the lapse of a pending request and the audit record. */
static gboolean
take_on_server (ToaStore *store, ToaArticleFlow *flow, const char *transition, const char *to,
                ToaTransitionRecord *record, gint64 now, GError **error)
{
  GError *local_error = NULL;

  if (!toa_transitions_fill_deadline (store, flow, error))
    return FALSE;
  record->article_id = flow->id;
  g_free (record->transition);
  record->transition = g_strdup (transition);
  if (!toa_store_transition_take (store, flow, to, record, flow->version, now, &local_error))
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_CONFLICT))
        {
          g_autoptr(ToaArticleFlow) current = NULL;

          g_clear_error (&local_error);
          current = toa_store_article_flow_get (store, flow->id, NULL);
          set_conflict (error, current);
          return FALSE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_transitions_apply (ToaStore *store, ToaArticleFlow *flow, const ToaWorkflow *workflow,
                       const ToaWorkflowTransition *transition, const char *to,
                       ToaTransitionRecord *record, gint64 last_actor_id, gint64 now, GError **error)
{
  g_autofree char *from_state = g_strdup (flow->state);
  gint64 read_version = flow->version;
  GError *local_error = NULL;

  /* The item keeps the definition version it started with. */
  if (flow->workflow_version == 0)
    flow->workflow_version = workflow->version;
  if (!toa_transitions_fill_deadline (store, flow, error))
    return FALSE;
  g_free (flow->state);
  flow->state = g_strdup (to);
  if (transition->publishes)
    flow->published_at = now;
  flow->last_actor_id = last_actor_id;
  flow->last_transition_at = now;
  if (!toa_store_article_flow_update (store, flow, read_version, from_state, &local_error))
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_CONFLICT))
        {
          g_autoptr(ToaArticleFlow) current = NULL;

          g_clear_error (&local_error);
          current = toa_store_article_flow_get (store, flow->id, NULL);
          set_conflict (error, current);
          return FALSE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }
  flow->version = read_version + 1;

  record->article_id = flow->id;
  g_free (record->transition);
  record->transition = g_strdup (transition->code);
  g_free (record->from_state);
  record->from_state = g_steal_pointer (&from_state);
  g_free (record->to_state);
  record->to_state = g_strdup (to);
  record->at = now;
  /* every step keeps a revision (issue 5 point 5), in the same transaction */
  return toa_store_transition_add (store, record, error)
         && toa_revisions_add_step (store, flow->id, last_actor_id, transition->code,
                                    record->from_state, to, now, error);
}

/* ---- the transition -------------------------------------------------------------------- */

gboolean
toa_transitions_do (ToaStore *store, const ToaPerson *actor, const ToaTransitionRequest *request,
                    ToaTransitionResult *out, GError **error)
{
  g_autofree char *comment = NULL;
  g_autofree char *ground = NULL;
  g_autofree char *target = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(GArray) delegations = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keep_roles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(ToaTransitionRecord) record = NULL;
  g_autoptr(ToaApprovalRequest) pending = NULL;
  g_auto(GStrv) roles = NULL;
  ToaWorkflowRequest check = { 0 };
  ToaWorkflowDecision decision = { 0 };
  gint64 now;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL && request != NULL, FALSE);

  now = request->now != 0 ? request->now : toa_now_usec ();
  if (!actor->active)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                   _("The account “%s” is inactive and cannot act on items."),
                   actor->login != NULL ? actor->login : "");
      return FALSE;
    }
  if (request->transition == NULL || *request->transition == '\0')
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("Name the action to take, e.g. forward, return or publish."));
      return FALSE;
    }
  if (!clean_text (request->comment, _("Comment"), &comment, error)
      || !clean_text (request->ground, _("Refusal ground"), &ground, error)
      || !clean_text (request->target, _("Target step"), &target, error))
    return FALSE;

  if (!toa_store_begin (store, error))
    return FALSE;
  if (!(flow = toa_store_article_flow_get (store, request->article_id, &local_error)))
    goto failed;
  if (request->expected_version != 0 && request->expected_version != flow->version)
    {
      toa_store_rollback (store);
      set_conflict (error, flow);
      return FALSE;
    }
  if (flow->workflow_code == NULL
      && !(flow->workflow_code = toa_delegation_default_workflow (store, &local_error)))
    goto failed;
  if (!(workflow = toa_workflow_load (store, flow->workflow_code, flow->workflow_version, &local_error)))
    goto failed;

  roles = toa_workflow_roles_on_site (actor, flow->site_id);
  if (!(delegations = toa_delegation_for_check (store, actor, flow->site_id, now, keep, keep_roles, &local_error)))
    goto failed;

  check.state = flow->state;
  check.designed = flow->designed;
  check.transition = request->transition;
  check.target = target;
  check.comment = comment;
  check.ground = ground;
  check.roles = (const char * const *) roles;
  check.delegations = (const ToaWorkflowDelegation *) (gpointer) delegations->data;
  check.n_delegations = delegations->len;
  if (!toa_workflow_check (workflow, &check, &decision, &local_error))
    goto failed;

  /* Publishing or scheduling: the board's pre-publish checks that block must pass first
   * (toa-prepublish.h); also before a request for approval is recorded. */
  if ((decision.transition->publishes
       || g_strcmp0 (decision.to, toa_article_state_code (TOA_STATE_SCHEDULED)) == 0
       || g_strcmp0 (decision.to, toa_article_state_code (TOA_STATE_PUBLISHED)) == 0)
      && g_strcmp0 (decision.to, flow->state) != 0
      && !toa_prepublish_require (store, flow->id, &local_error))
    goto failed;

  /* needs_approval: completed at once only by someone who also holds an approving role;
   * anyone else's becomes a pending request and the item stays as it is. */
  if (decision.transition->approval_roles != NULL && decision.transition->approval_roles[0] != NULL
      && !holds_one_of (roles, decision.transition->approval_roles))
    {
      pending = toa_approval_request_new ();
      pending->article_id = flow->id;
      pending->transition = g_strdup (decision.transition->code);
      pending->from_state = g_strdup (flow->state);
      pending->to_state = g_strdup (decision.to);
      pending->comment = g_strdup (comment);
      pending->ground = decision.transition->ground_required ? g_strdup (ground) : NULL;
      pending->article_version = flow->version;
      pending->requested_by = actor->id;
      pending->on_behalf_of = decision.delegation != NULL ? decision.delegation->delegator_id : 0;
      pending->requested_at = now;
      if (!toa_approval_record_request (store, pending, &local_error)
          || !toa_store_commit (store, &local_error))
        goto failed;
      if (out != NULL)
        {
          out->article_id = flow->id;
          out->transition = g_strdup (pending->transition);
          out->from = g_strdup (flow->state);
          out->to = g_strdup (decision.to);
          out->version = flow->version;
          out->on_behalf_of = pending->on_behalf_of;
          out->on_behalf_of_name = decision.delegation != NULL ? g_strdup (decision.delegation->delegator_name) : NULL;
          out->behalf_form = decision.delegation != NULL
                             ? g_strdup (decision.delegation->form != NULL ? decision.delegation->form : "KT") : NULL;
          out->deadline = g_strdup (flow->deadline);
          out->request_id = pending->id;
        }
      return TRUE;
    }
  if (g_strcmp0 (decision.to, toa_article_state_code (TOA_STATE_SCHEDULED)) == 0)
    {
      if (request->scheduled_for <= now)
        {
          g_set_error_literal (&local_error, TOA_ERROR, TOA_ERROR_INVALID,
                               _("Give the publication time (--at), later than now."));
          goto failed;
        }
    }
  else if (request->scheduled_for != 0)
    {
      g_set_error (&local_error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("A publication time only goes with scheduling; “%s” does not take one."),
                   decision.transition->code);
      goto failed;
    }

  record = toa_transition_record_new ();
  record->actor_id = actor->id;
  record->on_behalf_of = decision.delegation != NULL ? decision.delegation->delegator_id : 0;
  record->behalf_form = decision.delegation != NULL
                        ? g_strdup (decision.delegation->form != NULL ? decision.delegation->form : "KT") : NULL;
  record->comment = g_strdup (comment);
  record->ground = decision.transition->ground_required ? g_strdup (ground) : NULL;
  record->scheduled_for = request->scheduled_for;
  if (toa_store_has_transition_take (store))
    {
      if (!take_on_server (store, flow, decision.transition->code, decision.to, record, now, &local_error)
          || !toa_store_commit (store, &local_error))
        goto failed;
    }
  else
    {
      if (!toa_transitions_apply (store, flow, workflow, decision.transition, decision.to, record,
                                  actor->id, now, &local_error)
          || !toa_approval_lapse_pending (store, flow->id, actor->id, now, &local_error))
        goto failed;
      detail = toa_transitions_detail_json (record, 0);
      if (!toa_audit_append (store, actor->id, "article.transition", "article", flow->id, detail,
                             &local_error)
          || !toa_store_commit (store, &local_error))
        goto failed;
    }

  if (out != NULL)
    {
      out->article_id = flow->id;
      out->transition = g_strdup (record->transition);
      out->from = g_strdup (record->from_state);
      out->to = g_strdup (decision.to);
      out->version = flow->version;
      out->on_behalf_of = record->on_behalf_of;
      out->on_behalf_of_name = decision.delegation != NULL ? g_strdup (decision.delegation->delegator_name) : NULL;
      out->behalf_form = g_strdup (record->behalf_form);
      out->deadline = g_strdup (flow->deadline);
    }
  return TRUE;

failed:
  return toa_store_abandon (store, local_error, error);
}

GPtrArray *
toa_transitions_list (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(ToaArticleFlow) flow = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!(flow = toa_store_article_flow_get (store, article_id, error)))
    return NULL;
  return toa_store_transition_list (store, article_id, error);
}
