/* toa-delegation.c — delegations (ủy quyền): who may delegate what to whom, checked against
 * the site's default workflow definition (its "delegable" and "delegable_to" data), stored
 * with an audit record; and the delegations in force on a day. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-audit.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-text.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

char *
toa_delegation_default_workflow (ToaStore *store, GError **error)
{
  return toa_store_board_setting_get (store, "default_workflow", error);
}

GPtrArray *
toa_delegation_list_in_force (ToaStore *store, gint64 person_id, const GDate *date, GError **error)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  day = toa_workdays_iso_date (date);
  return toa_store_delegation_list_in_force (store, person_id, day, error);
}

static gboolean
parse_date (const char *text, const char *option, GDate *out, GError **error)
{
  return toa_parse_date (text, option, out, error);   /* YYYY-MM-DD or dd/mm/yyyy */
}

/* Every transition of @workflow with the code @action that is delegable, by a holder of
 * @from_roles, to a holder of @to_roles; else the reason in @error. */
static gboolean
check_action (const ToaWorkflow *workflow, const char *action, GStrv from_roles, GStrv to_roles,
              const ToaPerson *from, const ToaPerson *to, GError **error)
{
  gboolean known = FALSE, delegable = FALSE, holder = FALSE, receiver = FALSE;

  for (guint k = 0; k < workflow->transitions->len; k++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);

      if (g_strcmp0 (t->code, action) != 0)
        continue;
      known = TRUE;
      if (!t->delegable)
        continue;
      delegable = TRUE;
      for (guint i = 0; from_roles[i] != NULL; i++)
        holder |= toa_workflow_transition_allows_role (t, from_roles[i]);
      if (t->delegable_to == NULL || t->delegable_to[0] == NULL)
        receiver = TRUE;
      for (guint i = 0; to_roles[i] != NULL; i++)
        receiver |= t->delegable_to != NULL && g_strv_contains ((const char * const *) t->delegable_to, to_roles[i]);
    }
  if (!known)
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("The workflow “%s” has no action “%s”. See “toasoan-cli workflow show %s”."),
                 workflow->code, action, workflow->code);
  else if (!delegable)
    g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                 _("“%s” cannot be delegated in the workflow “%s”."), action, workflow->code);
  else if (!holder)
    g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                 _("%s cannot delegate “%s”: they do not hold a role that may take it on this site."),
                 from->full_name, action);
  else if (!receiver)
    g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                 _("“%s” cannot be delegated to %s: the workflow allows it only to a holder of another role on this site."),
                 action, to->full_name);
  else
    return TRUE;
  return FALSE;
}

static char *
detail_json (const ToaDelegation *d, const char *site_code)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from_person");
  json_builder_add_int_value (builder, d->from_person);
  json_builder_set_member_name (builder, "to_person");
  json_builder_add_int_value (builder, d->to_person);
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, site_code);
  json_builder_set_member_name (builder, "actions");
  json_builder_begin_array (builder);
  for (guint i = 0; d->actions[i] != NULL; i++)
    json_builder_add_string_value (builder, d->actions[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "from_date");
  json_builder_add_string_value (builder, d->from_date);
  json_builder_set_member_name (builder, "to_date");
  json_builder_add_string_value (builder, d->to_date);
  json_builder_set_member_name (builder, "form");
  json_builder_add_string_value (builder, d->form != NULL ? d->form : "KT");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
toa_delegation_form_parse (const char *text, GError **error)
{
  g_autofree char *clean = g_ascii_strup (text != NULL ? text : "", -1);

  g_strstrip (clean);
  if (g_str_has_suffix (clean, "."))
    clean[strlen (clean) - 1] = '\0';
  if (g_strcmp0 (clean, "KT") == 0 || g_strcmp0 (clean, "TL") == 0)
    return g_steal_pointer (&clean);
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("“%s” is not a form of signing. Use kt (ký thay: a deputy for the head) or tl (thừa lệnh: by order)."),
               text != NULL ? text : "");
  return NULL;
}

ToaDelegation *
toa_delegation_add (ToaStore *store, const ToaPerson *actor, const char *from_login,
                    const char *to_login, const char *site_code, const char * const *actions,
                    const char *from_date, const char *to_date, GError **error)
{
  return toa_delegation_add_with_form (store, actor, from_login, to_login, site_code, actions,
                                       from_date, to_date, NULL, error);
}

ToaDelegation *
toa_delegation_add_with_form (ToaStore *store, const ToaPerson *actor, const char *from_login,
                              const char *to_login, const char *site_code, const char * const *actions,
                              const char *from_date, const char *to_date, const char *form,
                              GError **error)
{
  g_autofree char *form_code = NULL;
  g_autoptr(ToaPerson) from = NULL;
  g_autoptr(ToaPerson) to = NULL;
  g_autoptr(ToaSite) site = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(ToaDelegation) d = NULL;
  g_autofree char *code = NULL;
  g_autofree char *detail = NULL;
  g_auto(GStrv) from_roles = NULL;
  g_auto(GStrv) to_roles = NULL;
  g_autoptr(GStrvBuilder) list = g_strv_builder_new ();
  GDate first, last;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (actor != NULL, NULL);

  if (!(form_code = toa_delegation_form_parse (form != NULL ? form : "KT", error)))
    return NULL;
  if (!parse_date (from_date, "--from-date", &first, error)
      || !parse_date (to_date, "--to-date", &last, error))
    return NULL;
  if (g_date_compare (&first, &last) > 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The delegation would end (%s) before it begins (%s). Swap the dates."),
                   to_date, from_date);
      return NULL;
    }
  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    {
      g_autofree char *action = g_strstrip (g_strdup (actions[i]));

      if (*action != '\0')
        g_strv_builder_add (list, action);
    }
  d = toa_delegation_new ();
  d->actions = g_strv_builder_end (list);
  if (d->actions[0] == NULL)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("Name the actions to delegate, e.g. publish,schedule."));
      return NULL;
    }
  if (!(from = toa_people_find_active (store, from_login, error))
      || !(to = toa_people_find_active (store, to_login, error))
      || !(site = toa_store_site_find_checked (store, site_code != NULL ? site_code : "portal", error)))
    return NULL;
  if (from->id == to->id)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("A person cannot delegate to themself. Name someone else with --to."));
      return NULL;
    }
  if (actor->id != from->id)
    {
      GError *admin_error = NULL;

      if (!toa_people_require_admin (store, actor, _("delegate another person’s actions"), &admin_error))
        {
          g_propagate_prefixed_error (error, admin_error, "%s ",
                                      _("Only the delegator themself or the administrator may add a delegation."));
          return NULL;
        }
    }
  if (!(code = toa_delegation_default_workflow (store, error))
      || !(workflow = toa_workflow_load (store, code, 0, error)))
    return NULL;
  from_roles = toa_workflow_roles_on_site (from, site->id);
  to_roles = toa_workflow_roles_on_site (to, site->id);
  for (guint i = 0; d->actions[i] != NULL; i++)
    if (!check_action (workflow, d->actions[i], from_roles, to_roles, from, to, error))
      return NULL;

  d->from_person = from->id;
  d->from_name = g_strdup (from->full_name);
  d->to_person = to->id;
  d->to_name = g_strdup (to->full_name);
  d->site_id = site->id;
  d->from_date = toa_workdays_iso_date (&first);
  d->to_date = toa_workdays_iso_date (&last);
  d->created_at = toa_now_usec ();
  d->form = g_steal_pointer (&form_code);

  if (!toa_store_begin (store, error))
    return NULL;
  detail = detail_json (d, site->code);
  if (!toa_store_delegation_add (store, d, &local_error)
      || !toa_audit_append (store, actor->id, "delegation.add", "delegation", d->id, detail, &local_error)
      || !toa_store_commit (store, &local_error))
    {
      toa_store_abandon (store, local_error, error);
      return NULL;
    }
  return g_steal_pointer (&d);
}

GArray *
toa_delegation_for_check (ToaStore *store, const ToaPerson *actor, gint64 site_id, gint64 now,
                          GPtrArray *keep, GPtrArray *keep_roles, GError **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (ToaWorkflowDelegation));
  g_autoptr(GPtrArray) in_force = NULL;
  GDate today;

  toa_transitions_local_date (now, &today);
  if (!(in_force = toa_delegation_list_in_force (store, actor->id, &today, error)))
    return NULL;
  for (guint i = 0; i < in_force->len; i++)
    {
      ToaDelegation *d = g_ptr_array_index (in_force, i);
      g_autoptr(ToaPerson) delegator = NULL;
      GStrv roles;
      char *name, *form;

      if (d->site_id != site_id)
        continue;
      if (!(delegator = toa_store_person_get (store, d->from_person, error)))
        return NULL;
      if (!delegator->active)
        continue;   /* a delegation ends with the delegator's account */
      roles = toa_workflow_roles_on_site (delegator, site_id);
      g_ptr_array_add (keep_roles, roles);
      name = g_strdup (d->from_name != NULL ? d->from_name : delegator->full_name);
      g_ptr_array_add (keep, name);
      form = g_strdup (d->form != NULL ? d->form : "KT");
      g_ptr_array_add (keep, form);
      for (guint k = 0; d->actions != NULL && d->actions[k] != NULL; k++)
        {
          ToaWorkflowDelegation wd = { 0 };
          char *action = g_strdup (d->actions[k]);

          g_ptr_array_add (keep, action);
          wd.transition = action;
          wd.delegator_id = d->from_person;
          wd.delegator_name = name;
          wd.delegator_roles = (const char * const *) roles;
          wd.form = form;
          g_array_append_val (list, wd);
        }
    }
  return g_steal_pointer (&list);
}

/* ---- revoking, listing ------------------------------------------------------------------ */

gboolean
toa_delegation_revoke (ToaStore *store, const ToaPerson *actor, gint64 id, GError **error)
{
  g_autoptr(ToaDelegation) d = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!toa_store_begin (store, error))
    return FALSE;
  if (!(d = toa_store_delegation_get (store, id, &local_error)))
    goto failed;
  if (actor->id != d->from_person)
    {
      GError *admin_error = NULL;

      if (!toa_people_require_admin (store, actor, _("revoke another person’s delegation"), &admin_error))
        {
          g_propagate_prefixed_error (&local_error, admin_error, "%s ",
                                      _("Only the delegator or the administrator may revoke a delegation."));
          goto failed;
        }
    }
  if (d->revoked_at != 0)
    {
      g_set_error (&local_error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("Delegation %lld is already revoked; nothing to do."), (long long) id);
      goto failed;
    }
  d->revoked_at = toa_now_usec ();
  detail = g_strdup_printf ("{\"from_person\":%lld,\"to_person\":%lld}",
                            (long long) d->from_person, (long long) d->to_person);
  if (!toa_store_delegation_revoke (store, id, d->revoked_at, &local_error)
      || !toa_audit_append (store, actor->id, "delegation.revoke", "delegation", id, detail, &local_error)
      || !toa_store_commit (store, &local_error))
    goto failed;
  return TRUE;

failed:
  toa_store_abandon (store, local_error, error);
  return FALSE;
}

ToaDelegationStatus
toa_delegation_status (const ToaDelegation *delegation, const GDate *today)
{
  g_autofree char *day = toa_workdays_iso_date (today);

  if (delegation->revoked_at != 0)
    return TOA_DELEGATION_REVOKED;
  if (g_strcmp0 (delegation->to_date, day) < 0)
    return TOA_DELEGATION_ENDED;
  if (g_strcmp0 (delegation->from_date, day) > 0)
    return TOA_DELEGATION_UPCOMING;
  return TOA_DELEGATION_IN_FORCE;
}

const char *
toa_delegation_status_label (ToaDelegationStatus status)
{
  switch (status)
    {
    case TOA_DELEGATION_UPCOMING: return _("upcoming");
    case TOA_DELEGATION_IN_FORCE: return _("in force");
    case TOA_DELEGATION_ENDED:    return _("ended");
    case TOA_DELEGATION_REVOKED:  return _("revoked");
    default:                      return "?";
    }
}

const char *
toa_delegation_status_code (ToaDelegationStatus status)
{
  switch (status)
    {
    case TOA_DELEGATION_UPCOMING: return "upcoming";
    case TOA_DELEGATION_IN_FORCE: return "in-force";
    case TOA_DELEGATION_ENDED:    return "ended";
    case TOA_DELEGATION_REVOKED:  return "revoked";
    default:                      return "?";
    }
}

GPtrArray *
toa_delegation_list (ToaStore *store, gint64 person_id, gboolean include_ended, gint64 now,
                     GError **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GDate today;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!(all = toa_store_delegation_list (store, person_id, error)))
    return NULL;
  if (include_ended)
    return g_steal_pointer (&all);
  toa_transitions_local_date (now != 0 ? now : toa_now_usec (), &today);
  for (guint i = all->len; i > 0; i--)
    {
      ToaDelegationStatus status = toa_delegation_status (g_ptr_array_index (all, i - 1), &today);

      if (status == TOA_DELEGATION_ENDED || status == TOA_DELEGATION_REVOKED)
        g_ptr_array_remove_index (all, i - 1);
    }
  return g_steal_pointer (&all);
}

void
toa_delegable_action_free (ToaDelegableAction *action)
{
  if (action == NULL)
    return;
  g_free (action->code);
  g_free (action->name);
  g_free (action);
}

GPtrArray *
toa_delegation_delegable_actions (ToaStore *store, const ToaPerson *person, const char *site_code,
                                  GError **error)
{
  g_autoptr(ToaSite) site = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) roles = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_delegable_action_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  if (!(site = toa_store_site_find_checked (store, site_code != NULL ? site_code : "portal", error))
      || !(code = toa_delegation_default_workflow (store, error))
      || !(workflow = toa_workflow_load (store, code, 0, error)))
    return NULL;
  roles = toa_workflow_roles_on_site (person, site->id);
  for (guint k = 0; k < workflow->transitions->len; k++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);
      gboolean holder = FALSE;
      ToaDelegableAction *action;

      if (!t->delegable || g_hash_table_contains (seen, t->code))
        continue;
      for (guint i = 0; roles[i] != NULL; i++)
        holder |= toa_workflow_transition_allows_role (t, roles[i]);
      if (!holder)
        continue;
      g_hash_table_add (seen, t->code);
      action = g_new0 (ToaDelegableAction, 1);
      action->code = g_strdup (t->code);
      action->name = g_strdup (t->name != NULL ? t->name : t->code);
      g_ptr_array_add (list, action);
    }
  return g_steal_pointer (&list);
}

char *
toa_delegation_form_for (ToaStore *store, gint64 from_person, gint64 to_person, const char *action,
                         gint64 at, GError **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *day = NULL;
  GDate date;

  if (!(all = toa_store_delegation_list (store, to_person, error)))
    return NULL;
  toa_transitions_local_date (at, &date);
  day = toa_workdays_iso_date (&date);
  for (guint i = 0; i < all->len; i++)
    {
      const ToaDelegation *d = g_ptr_array_index (all, i);

      if (d->from_person != from_person || d->to_person != to_person
          || g_strcmp0 (d->from_date, day) > 0 || g_strcmp0 (d->to_date, day) < 0
          || (d->revoked_at != 0 && d->revoked_at <= at)
          || d->actions == NULL || !g_strv_contains ((const char * const *) d->actions, action))
        continue;
      return g_strdup (d->form != NULL ? d->form : "KT");
    }
  return g_strdup ("KT");
}
