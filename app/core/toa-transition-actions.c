/* toa-transition-actions.c — the actions a person may take on an item now, asked of the one
 * generic checker (toa_workflow_check) transition by transition: the checker is given a
 * placeholder comment, ground and target so that only the permission is decided. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-text.h"
#include "toa-transition-actions.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

ToaAvailableAction *
toa_available_action_new (void)
{
  return g_new0 (ToaAvailableAction, 1);
}

void
toa_available_action_free (ToaAvailableAction *action)
{
  if (action == NULL)
    return;
  g_free (action->code);
  g_free (action->name);
  g_free (action->to);
  g_free (action->to_name);
  g_strfreev (action->targets);
  g_strfreev (action->target_names);
  g_free (action->on_behalf_of_name);
  g_free (action->behalf_form);
  g_free (action);
}

static char *
state_name (const ToaWorkflow *workflow, const char *code)
{
  const ToaWorkflowState *state = toa_workflow_find_state (workflow, code);

  if (state != NULL && state->name != NULL)
    return g_strdup (state->name);
  return g_strdup (toa_article_state_label_for_code (code));
}

static gboolean
holds_one_of (const char * const *held, const char * const *wanted)
{
  for (guint i = 0; held != NULL && held[i] != NULL; i++)
    if (wanted != NULL && g_strv_contains (wanted, held[i]))
      return TRUE;
  return FALSE;
}

static gboolean
needs_approval (const ToaWorkflowTransition *t)
{
  return t->approval_roles != NULL && t->approval_roles[0] != NULL;
}

/* The entry for a transition the checker allowed. */
static ToaAvailableAction *
action_for (const ToaWorkflow *workflow, const ToaWorkflowDecision *decision,
            const char *state, const char * const *roles)
{
  const ToaWorkflowTransition *t = decision->transition;
  ToaAvailableAction *action = toa_available_action_new ();

  action->kind = TOA_ACTION_TRANSITION;
  action->code = g_strdup (t->code);
  action->name = g_strdup (t->name != NULL ? t->name : t->code);
  if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0)
    {
      g_autoptr(GPtrArray) earlier = toa_workflow_earlier_states (workflow, state);
      g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      for (guint i = 0; i < earlier->len; i++)
        {
          g_autofree char *name = state_name (workflow, g_ptr_array_index (earlier, i));

          g_strv_builder_add (codes, g_ptr_array_index (earlier, i));
          g_strv_builder_add (names, name);
        }
      action->targets = g_strv_builder_end (codes);
      action->target_names = g_strv_builder_end (names);
    }
  else
    {
      action->to = g_strdup (t->to);
      action->to_name = state_name (workflow, t->to);
    }
  action->comment_required = t->comment_required;
  action->ground_required = t->ground_required;
  action->needs_time = g_strcmp0 (t->to, toa_article_state_code (TOA_STATE_SCHEDULED)) == 0;
  action->publishes = t->publishes;
  action->becomes_request = needs_approval (t)
                            && !holds_one_of (roles, (const char * const *) t->approval_roles);
  if (decision->delegation != NULL)
    {
      action->on_behalf_of = decision->delegation->delegator_id;
      action->on_behalf_of_name = g_strdup (decision->delegation->delegator_name);
      action->behalf_form = g_strdup (decision->delegation->form);
    }
  return action;
}

/* Approve and reject entries for @request when @person may decide it. */
static gboolean
add_request_decisions (ToaStore *store, const ToaPerson *person, const ToaWorkflow *workflow,
                       const ToaArticleFlow *flow, const ToaApprovalRequest *request,
                       GPtrArray *actions, GError **error)
{
  GError *local_error = NULL;
  ToaAvailableAction *approve, *reject;

  if (!toa_approval_may_decide (store, person, request, &local_error))
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_PERMISSION))
        {
          g_clear_error (&local_error);
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  approve = toa_available_action_new ();
  approve->kind = TOA_ACTION_APPROVE_REQUEST;
  approve->code = g_strdup ("approve-request");
  /* Translators: deciding a pending request, e.g. to withdraw a published item */
  approve->name = g_strdup_printf (_("Approve the request: %s"),
                                   request->transition_name != NULL ? request->transition_name
                                                                    : request->transition);
  approve->to = g_strdup (request->to_state);
  approve->to_name = state_name (workflow, request->to_state);
  approve->request_id = request->id;
  g_ptr_array_add (actions, approve);

  reject = toa_available_action_new ();
  reject->kind = TOA_ACTION_REJECT_REQUEST;
  reject->code = g_strdup ("reject-request");
  reject->name = g_strdup_printf (_("Reject the request: %s"),
                                  request->transition_name != NULL ? request->transition_name
                                                                   : request->transition);
  /* the item stays where it is */
  reject->to = g_strdup (flow->state);
  reject->to_name = state_name (workflow, flow->state);
  reject->comment_required = TRUE;
  reject->request_id = request->id;
  g_ptr_array_add (actions, reject);
  return TRUE;
}

GPtrArray *
toa_transitions_available (ToaStore *store, const ToaPerson *person, gint64 article_id,
                           gint64 now, GError **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_available_action_free);
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(GArray) delegations = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keep_roles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) leaving = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ToaApprovalRequest) pending = NULL;
  g_auto(GStrv) roles = NULL;
  GPtrArray *grounds;
  const char *ground = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  if (now == 0)
    now = toa_now_usec ();
  if (!(flow = toa_store_article_flow_get (store, article_id, error)))
    return NULL;
  if (!person->active)
    return g_steal_pointer (&actions);

  if (flow->workflow_code == NULL)
    {
      g_autofree char *code = toa_delegation_default_workflow (store, error);

      if (code == NULL || !(workflow = toa_workflow_load (store, code, 0, error)))
        return NULL;
    }
  else if (!(workflow = toa_workflow_load (store, flow->workflow_code, flow->workflow_version, error)))
    return NULL;

  roles = toa_workflow_roles_on_site (person, flow->site_id);
  if (!(delegations = toa_delegation_for_check (store, person, flow->site_id, now, keep, keep_roles, error)))
    return NULL;
  if (!(grounds = toa_refusal_grounds (error)))
    return NULL;
  if (grounds->len > 0)
    ground = ((const ToaRefusalGround *) g_ptr_array_index (grounds, 0))->code;
  pending = toa_approval_pending_for_article (store, article_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  leaving = toa_workflow_transitions_from (workflow, flow->state, flow->designed);
  for (guint i = 0; i < leaving->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (leaving, i);
      g_autoptr(GPtrArray) earlier = NULL;
      ToaWorkflowRequest check = { 0 };
      ToaWorkflowDecision decision = { 0 };

      if (g_hash_table_contains (seen, t->code))
        continue;
      g_hash_table_add (seen, t->code);
      if (pending != NULL && needs_approval (t))
        continue;

      check.state = flow->state;
      check.designed = flow->designed;
      check.transition = t->code;
      check.comment = "-";
      check.ground = ground;
      if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0)
        {
          earlier = toa_workflow_earlier_states (workflow, flow->state);
          if (earlier->len > 0)
            check.target = g_ptr_array_index (earlier, 0);
        }
      check.roles = (const char * const *) roles;
      check.delegations = (const ToaWorkflowDelegation *) (gpointer) delegations->data;
      check.n_delegations = delegations->len;
      if (!toa_workflow_check (workflow, &check, &decision, &local_error))
        {
          if (local_error->domain == TOA_ERROR
              && (local_error->code == TOA_ERROR_PERMISSION || local_error->code == TOA_ERROR_INVALID))
            {
              g_clear_error (&local_error);
              continue;
            }
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_ptr_array_add (actions, action_for (workflow, &decision, flow->state,
                                            (const char * const *) roles));
    }

  if (pending != NULL
      && !add_request_decisions (store, person, workflow, flow, pending, actions, error))
    return NULL;
  return g_steal_pointer (&actions);
}
