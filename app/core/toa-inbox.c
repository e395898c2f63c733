/* toa-inbox.c — the approval inbox. Which states a person may act on is derived from the
 * workflow definitions (data) and their roles per site plus the delegations in force; the
 * store then answers one small indexed query per (site, workflow, states) scope. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-deadline.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-inbox.h"
#include "toa-role.h"
#include "toa-text.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

#define DEFAULT_LIMIT 50

static const char * const which_codes[] = { "waiting", "sent", "overdue", "all" };

const char *
toa_inbox_which_code (ToaInboxWhich which)
{
  g_return_val_if_fail ((guint) which < G_N_ELEMENTS (which_codes), NULL);
  return which_codes[which];
}

gboolean
toa_inbox_which_from_code (const char *code, ToaInboxWhich *out)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (which_codes); i++)
    if (g_str_equal (code, which_codes[i]))
      {
        *out = (ToaInboxWhich) i;
        return TRUE;
      }
  return FALSE;
}

ToaInboxScope *
toa_inbox_scope_new (gint64 site_id, const char *workflow_code, gboolean default_workflow, int designed)
{
  ToaInboxScope *scope = g_new0 (ToaInboxScope, 1);

  scope->site_id = site_id;
  scope->workflow_code = g_strdup (workflow_code);
  scope->default_workflow = default_workflow;
  scope->designed = designed;
  return scope;
}

void
toa_inbox_scope_free (ToaInboxScope *scope)
{
  if (scope == NULL)
    return;
  g_free (scope->workflow_code);
  g_strfreev (scope->states);
  g_free (scope);
}

ToaInboxQuery *
toa_inbox_query_new (void)
{
  ToaInboxQuery *query = g_new0 (ToaInboxQuery, 1);

  query->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_inbox_scope_free);
  query->limit = DEFAULT_LIMIT;
  return query;
}

void
toa_inbox_query_free (ToaInboxQuery *query)
{
  if (query == NULL)
    return;
  g_clear_pointer (&query->scopes, g_ptr_array_unref);
  g_strfreev (query->end_states);
  g_free (query->deadline_before);
  g_free (query->text);
  g_clear_pointer (&query->request_article_ids, g_array_unref);
  g_clear_pointer (&query->section_ids, g_array_unref);
  g_free (query->genre);
  g_free (query->state);
  g_free (query->deadline_from);
  g_free (query);
}

ToaInboxItem *
toa_inbox_item_new (void)
{
  return g_new0 (ToaInboxItem, 1);
}

void
toa_inbox_item_free (ToaInboxItem *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->article);
  g_free (item->deadline);
  g_free (item->received_on);
  g_free (item->workflow_code);
  g_free (item->genre_name);
  g_free (item->state_name);
  g_free (item->step_label);
  g_strfreev (item->holder_roles);
  g_free (item->holder);
  g_free (item->request_transition);
  g_free (item);
}

gboolean
toa_inbox_due_from_code (const char *code, ToaInboxDue *due, guint *days)
{
  guint64 n = 0;

  *days = 0;
  if (g_strcmp0 (code, "overdue") == 0)
    *due = TOA_INBOX_DUE_OVERDUE;
  else if (g_strcmp0 (code, "today") == 0)
    *due = TOA_INBOX_DUE_TODAY;
  else if (g_strcmp0 (code, "week") == 0)
    {
      *due = TOA_INBOX_DUE_WITHIN;
      *days = TOA_INBOX_DUE_WEEK_DAYS;
    }
  else if (code != NULL && g_ascii_string_to_unsigned (code, 10, 0, 366, &n, NULL))
    {
      *due = TOA_INBOX_DUE_WITHIN;
      *days = (guint) n;
    }
  else
    return FALSE;
  return TRUE;
}

GPtrArray *
toa_inbox_step_choices (ToaStore *store, GError **error)
{
  g_autoptr(GPtrArray) workflows = NULL;
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *default_code = NULL;

  if (!(workflows = toa_workflow_load_all (store, error))
      || !(default_code = toa_delegation_default_workflow (store, error)))
    return NULL;
  for (int pass = 0; pass < 2; pass++)
    for (guint w = 0; w < workflows->len; w++)
      {
        const ToaWorkflow *wf = g_ptr_array_index (workflows, w);

        if ((g_strcmp0 (wf->code, default_code) == 0) != (pass == 0))
          continue;
        for (guint i = 0; i < wf->states->len; i++)
          {
            const ToaWorkflowState *state = g_ptr_array_index (wf->states, i);
            char *pair[3] = { state->code, state->name != NULL ? state->name : state->code, NULL };

            if (!state->end && g_hash_table_add (seen, state->code))
              g_ptr_array_add (choices, g_strdupv (pair));
          }
      }
  return g_steal_pointer (&choices);
}

/* A find that says NOT_FOUND becomes INVALID with @message (the option was wrong). */
static gboolean
not_found_is_invalid (GError **error, GError *local, const char *message)
{
  if (local != NULL && !g_error_matches (local, TOA_ERROR, TOA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  g_clear_error (&local);
  g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID, message);
  return FALSE;
}

/* The request's filters on @query: codes checked and turned into ids, the deadline
 * filter into a date range by the work calendar. */
static gboolean
apply_filters (ToaStore *store, const ToaInboxRequest *request, GPtrArray *workflows,
               const GDate *today, ToaInboxQuery *query, int *designed, GError **error)
{
  *designed = -1;
  if (request->site != NULL)
    {
      GError *local = NULL;
      g_autoptr(ToaSite) site = toa_store_site_find (store, request->site, &local);
      g_autofree char *message = NULL;

      if (site == NULL)
        {
          message = g_strdup_printf (_("There is no site “%s” (--site). See the sites with “toasoan-cli site list”."),
                                     request->site);
          return not_found_is_invalid (error, local, message);
        }
      query->site_id = site->id;
    }
  if (request->section != NULL)
    {
      g_autoptr(GPtrArray) sections = toa_store_section_list (store, query->site_id, error);

      if (sections == NULL)
        return FALSE;
      query->section_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < sections->len; i++)
        {
          const ToaSection *section = g_ptr_array_index (sections, i);

          if (g_strcmp0 (section->code, request->section) == 0)
            g_array_append_val (query->section_ids, section->id);
        }
      if (query->section_ids->len == 0)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("There is no section “%s” (--section) on the chosen site. See the sections with “toasoan-cli section list”."),
                       request->section);
          return FALSE;
        }
    }
  if (request->genre != NULL)
    {
      g_autoptr(GPtrArray) genres = toa_store_genre_list (store, error);
      gboolean found = FALSE;

      if (genres == NULL)
        return FALSE;
      for (guint i = 0; i < genres->len && !found; i++)
        {
          const ToaGenre *genre = g_ptr_array_index (genres, i);

          found = g_strcmp0 (genre->code, request->genre) == 0;
          if (found)
            *designed = genre->designed ? 1 : 0;
        }
      if (!found)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("There is no genre “%s” (--genre). See the genres with “toasoan-cli genre list”."),
                       request->genre);
          return FALSE;
        }
      query->genre = g_strdup (request->genre);
    }
  if (request->state != NULL)
    {
      gboolean found = FALSE;

      for (guint w = 0; w < workflows->len && !found; w++)
        found = toa_workflow_find_state (g_ptr_array_index (workflows, w), request->state) != NULL;
      if (!found)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("No workflow has a step “%s” (--state). See the steps with “toasoan-cli workflow show CODE”."),
                       request->state);
          return FALSE;
        }
      query->state = g_strdup (request->state);
    }
  if (request->due != TOA_INBOX_DUE_ANY)
    {
      g_autoptr(ToaWorkCalendar) cal = toa_work_calendar_get (store, error);
      GDate end;

      if (cal == NULL)
        return FALSE;
      /* days left (toa_work_calendar_days_between) < 0 ⇔ deadline < today; 0 … N ⇔
       * today ≤ deadline < the (N + 1)-th working day after today */
      if (request->due == TOA_INBOX_DUE_OVERDUE)
        query->deadline_before = toa_workdays_iso_date (today);
      else
        {
          guint days = request->due == TOA_INBOX_DUE_TODAY ? 0 : request->due_days;

          if (!toa_work_calendar_add (cal, today, (int) days + 1, &end))
            {
              g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                                   _("The deadline filter (--due) reaches past the work calendar. Choose fewer days."));
              return FALSE;
            }
          query->deadline_from = toa_workdays_iso_date (today);
          query->deadline_before = toa_workdays_iso_date (&end);
        }
    }
  return TRUE;
}

/* Drops the scopes the filters rule out and narrows their states to the state filter, so
 * each remaining part is one index range. */
static void
prune_scopes (ToaInboxQuery *query, int designed)
{
  for (guint i = query->scopes->len; i-- > 0;)
    {
      ToaInboxScope *scope = g_ptr_array_index (query->scopes, i);
      gboolean keep = TRUE;

      if (query->site_id != 0 && scope->site_id != query->site_id)
        keep = FALSE;
      if (designed >= 0 && scope->designed >= 0 && scope->designed != designed)
        keep = FALSE;
      if (keep && query->state != NULL)
        {
          if (g_strv_contains ((const char * const *) scope->states, query->state))
            {
              char *only[2] = { query->state, NULL };

              g_strfreev (scope->states);
              scope->states = g_strdupv (only);
            }
          else
            keep = FALSE;
        }
      if (!keep)
        g_ptr_array_remove_index (query->scopes, i);
    }
}

static void
today_in_vietnam (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (toa_time_zone ());

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* A delegation in force with the delegator's roles on its site. */
typedef struct {
  const ToaDelegation *delegation;
  GStrv                delegator_roles;
} Delegated;

static void
delegated_clear (gpointer data)
{
  g_strfreev (((Delegated *) data)->delegator_roles);
}

static gboolean
strv_has_any (const char * const *haystack, const char * const *needles)
{
  for (guint i = 0; needles != NULL && needles[i] != NULL; i++)
    if (haystack != NULL && g_strv_contains (haystack, needles[i]))
      return TRUE;
  return FALSE;
}

/* May someone with @roles on @site_id (and @delegated) take a transition from @state? */
static gboolean
can_act (const ToaWorkflow *wf, const char *state, gboolean designed, gint64 site_id,
         const char * const *roles, GArray *delegated)
{
  g_autoptr(GPtrArray) transitions = toa_workflow_transitions_from (wf, state, designed);

  for (guint i = 0; i < transitions->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (transitions, i);

      if (strv_has_any ((const char * const *) t->roles, roles))
        return TRUE;
      if (!t->delegable)
        continue;
      for (guint k = 0; k < delegated->len; k++)
        {
          const Delegated *d = &g_array_index (delegated, Delegated, k);

          if (d->delegation->site_id == site_id
              && g_strv_contains ((const char * const *) d->delegation->actions, t->code)
              && strv_has_any ((const char * const *) t->roles, (const char * const *) d->delegator_roles)
              && (t->delegable_to == NULL || t->delegable_to[0] == NULL
                  || strv_has_any ((const char * const *) t->delegable_to, roles)))
            return TRUE;
        }
    }
  return FALSE;
}

static void
add_scope (ToaInboxQuery *query, gint64 site_id, const ToaWorkflow *wf, gboolean is_default,
           int designed, GPtrArray *states)
{
  ToaInboxScope *scope;

  if (states->len == 0)
    return;
  scope = toa_inbox_scope_new (site_id, wf->code, is_default, designed);
  g_ptr_array_add (states, NULL);
  scope->states = g_strdupv ((char **) states->pdata);
  g_ptr_array_remove_index (states, states->len - 1);
  g_ptr_array_add (query->scopes, scope);
}

ToaInboxQuery *
toa_inbox_build_query (ToaStore *store, const ToaPerson *person, const ToaInboxRequest *request,
                       GError **error)
{
  g_autoptr(ToaInboxQuery) query = toa_inbox_query_new ();
  g_autoptr(GPtrArray) workflows = NULL;
  g_autoptr(GPtrArray) delegations = NULL;
  g_autoptr(GArray) delegated = g_array_new (FALSE, TRUE, sizeof (Delegated));
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GStrvBuilder) ends = g_strv_builder_new ();
  g_autoptr(GHashTable) end_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *default_code = NULL;
  int genre_designed = -1;
  GDate today;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL && request != NULL, NULL);

  g_array_set_clear_func (delegated, delegated_clear);
  if (request->today != NULL)
    today = *request->today;
  else
    today_in_vietnam (&today);

  query->offset = request->offset;
  query->limit = request->limit != 0 ? request->limit : DEFAULT_LIMIT;
  query->text = g_strdup (request->text);
  if (!(workflows = toa_workflow_load_all (store, error))
      || !(default_code = toa_delegation_default_workflow (store, error))
      || !apply_filters (store, request, workflows, &today, query, &genre_designed, error))
    return NULL;

  for (guint w = 0; w < workflows->len; w++)
    {
      const ToaWorkflow *wf = g_ptr_array_index (workflows, w);

      for (guint i = 0; i < wf->states->len; i++)
        {
          const ToaWorkflowState *state = g_ptr_array_index (wf->states, i);

          if (state->end && g_hash_table_add (end_seen, state->code))
            g_strv_builder_add (ends, state->code);
        }
    }

  /* the sites the person works on, and those of delegations to them */
  for (guint i = 0; person->active && person->roles != NULL && i < person->roles->len; i++)
    {
      gint64 site_id = g_array_index (person->roles, ToaRoleGrant, i).site_id;
      gboolean seen = FALSE;

      for (guint k = 0; k < sites->len && !seen; k++)
        seen = g_array_index (sites, gint64, k) == site_id;
      if (!seen)
        g_array_append_val (sites, site_id);
    }
  if (request->which == TOA_INBOX_WAITING || request->which == TOA_INBOX_OVERDUE)
    {
      if (!(delegations = toa_delegation_list_in_force (store, person->id, &today, error)))
        return NULL;
      for (guint i = 0; person->active && i < delegations->len; i++)
        {
          const ToaDelegation *delegation = g_ptr_array_index (delegations, i);
          g_autoptr(ToaPerson) delegator = toa_store_person_get (store, delegation->from_person, NULL);
          Delegated d = { delegation, NULL };
          gboolean seen = FALSE;

          if (delegator == NULL || !delegator->active)
            continue;
          d.delegator_roles = toa_workflow_roles_on_site (delegator, delegation->site_id);
          g_array_append_val (delegated, d);
          for (guint k = 0; k < sites->len && !seen; k++)
            seen = g_array_index (sites, gint64, k) == delegation->site_id;
          if (!seen)
            g_array_append_val (sites, delegation->site_id);
        }
    }

  for (guint s = 0; s < sites->len; s++)
    {
      gint64 site_id = g_array_index (sites, gint64, s);
      g_auto(GStrv) roles = toa_workflow_roles_on_site (person, site_id);

      for (guint w = 0; w < workflows->len; w++)
        {
          const ToaWorkflow *wf = g_ptr_array_index (workflows, w);
          gboolean is_default = g_strcmp0 (wf->code, default_code) == 0;
          g_autoptr(GPtrArray) any = g_ptr_array_new ();
          g_autoptr(GPtrArray) designed_only = g_ptr_array_new ();
          g_autoptr(GPtrArray) plain_only = g_ptr_array_new ();

          for (guint i = 0; i < wf->states->len; i++)
            {
              const ToaWorkflowState *state = g_ptr_array_index (wf->states, i);
              gboolean designed, plain;

              if (state->end)
                continue;
              if (request->which == TOA_INBOX_ALL)
                {
                  if (roles != NULL && roles[0] != NULL)
                    g_ptr_array_add (any, state->code);
                  continue;
                }
              designed = can_act (wf, state->code, TRUE, site_id, (const char * const *) roles, delegated);
              plain = can_act (wf, state->code, FALSE, site_id, (const char * const *) roles, delegated);
              if (designed && plain)
                g_ptr_array_add (any, state->code);
              else if (designed)
                g_ptr_array_add (designed_only, state->code);
              else if (plain)
                g_ptr_array_add (plain_only, state->code);
            }
          add_scope (query, site_id, wf, is_default, -1, any);
          add_scope (query, site_id, wf, is_default, 1, designed_only);
          add_scope (query, site_id, wf, is_default, 0, plain_only);
        }
    }

  if (request->which == TOA_INBOX_SENT || request->which == TOA_INBOX_OVERDUE)
    {
      query->last_actor_id = person->id;
      query->end_states = g_strv_builder_end (ends);
    }
  if (request->which == TOA_INBOX_SENT)
    g_ptr_array_set_size (query->scopes, 0);
  prune_scopes (query, genre_designed);

  /* Pending approval requests: waiting for those who may decide them, sent for the asker. */
  if (request->which != TOA_INBOX_SENT && person->active)
    {
      g_autoptr(GPtrArray) pending = toa_approval_list_for_approver (store, person, error);

      if (pending == NULL)
        return NULL;
      for (guint i = 0; i < pending->len; i++)
        {
          const ToaApprovalRequest *r = g_ptr_array_index (pending, i);

          if (query->request_article_ids == NULL)
            query->request_article_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (query->request_article_ids, r->article_id);
        }
    }
  if (request->which == TOA_INBOX_SENT || request->which == TOA_INBOX_OVERDUE)
    query->requested_by = person->id;
  if (request->which == TOA_INBOX_OVERDUE)
    {
      g_autofree char *before = toa_workdays_iso_date (&today);

      /* both the list and the deadline filter: the earlier bound */
      if (query->deadline_before == NULL || strcmp (before, query->deadline_before) < 0)
        {
          g_free (query->deadline_before);
          query->deadline_before = g_steal_pointer (&before);
        }
    }
  return g_steal_pointer (&query);
}

/* The workflow an item follows, loaded once per code and version. */
static const ToaWorkflow *
item_workflow (ToaStore *store, GHashTable *cache, const char *default_code,
               const ToaInboxItem *item)
{
  const char *code = item->workflow_code != NULL ? item->workflow_code : default_code;
  g_autofree char *key = g_strdup_printf ("%s@%d", code, item->workflow_version);
  ToaWorkflow *wf = g_hash_table_lookup (cache, key);

  if (wf == NULL && !g_hash_table_contains (cache, key))
    {
      wf = toa_workflow_load (store, code, item->workflow_version, NULL);
      g_hash_table_insert (cache, g_steal_pointer (&key), wf);
    }
  return wf;
}

/* An item with a pending approval request: its step is the request, held by the roles
 * that may approve it. FALSE when the workflow does not know the transition. */
static gboolean
fill_request (ToaInboxItem *item, const ToaWorkflow *wf, gboolean designed, GStrvBuilder *holders)
{
  const ToaWorkflowTransition *found = NULL;
  g_autoptr(GPtrArray) transitions = NULL;

  if (wf == NULL)
    return FALSE;
  transitions = toa_workflow_transitions_from (wf, item->article->state, designed);
  for (guint i = 0; i < transitions->len && found == NULL; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (transitions, i);

      if (g_strcmp0 (t->code, item->request_transition) == 0)
        found = t;
    }
  if (found == NULL)
    return FALSE;
  g_free (item->state_name);
  /* Translators: the name of the transition asked for, e.g. "Gỡ bài — chờ duyệt" */
  item->state_name = g_strdup_printf (_("%s — awaiting approval"),
                                      found->name != NULL ? found->name : found->code);
  g_free (item->step_label);
  item->step_label = g_strdup (item->state_name);
  for (guint k = 0; found->approval_roles != NULL && found->approval_roles[k] != NULL; k++)
    g_strv_builder_add (holders, found->approval_roles[k]);
  return TRUE;
}

static void
fill_item (ToaInboxItem *item, const ToaWorkflow *wf, GPtrArray *genres, ToaWorkCalendar *cal,
           const GDate *today)
{
  const ToaArticle *a = item->article;
  const ToaWorkflowState *state = wf != NULL ? toa_workflow_find_state (wf, a->state) : NULL;
  gboolean designed = FALSE;
  g_autoptr(GStrvBuilder) holders = g_strv_builder_new ();

  for (guint i = 0; i < genres->len; i++)
    {
      const ToaGenre *genre = g_ptr_array_index (genres, i);

      if (g_strcmp0 (genre->code, a->genre) == 0)
        {
          designed = genre->designed;
          item->genre_name = g_strdup (genre->name);
        }
    }
  item->state_name = g_strdup (state != NULL ? state->name : toa_article_state_label_for_code (a->state));
  item->step_label = g_strdup (state != NULL && state->step_label != NULL ? state->step_label
                               : item->state_name);
  if (!(item->request_id != 0 && fill_request (item, wf, designed, holders)) && wf != NULL)
    {
      g_auto(GStrv) roles = toa_workflow_holder_roles (wf, a->state, designed);

      g_strv_builder_addv (holders, (const char **) roles);
    }
  item->holder_roles = g_strv_builder_end (holders);
  item->holder = toa_role_labels_joined ((const char * const *) item->holder_roles);

  if (item->deadline != NULL && cal != NULL)
    {
      GDate deadline;

      if (toa_parse_date (item->deadline, "deadline", &deadline, NULL))
        {
          item->has_deadline = TRUE;
          item->days_left = toa_work_calendar_days_between (cal, today, &deadline);
        }
    }
}

GPtrArray *
toa_inbox_list (ToaStore *store, const ToaPerson *person, const ToaInboxRequest *request,
                GError **error)
{
  g_autoptr(ToaInboxQuery) query = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) genres = NULL;
  g_autoptr(ToaWorkCalendar) cal = NULL;
  g_autoptr(GHashTable) cache = NULL;
  g_autofree char *default_code = NULL;
  GDate today;

  if (!(query = toa_inbox_build_query (store, person, request, error))
      || !(items = toa_store_inbox_list (store, query, error)))
    return NULL;
  if (items->len == 0)
    return g_steal_pointer (&items);
  if (request->today != NULL)
    today = *request->today;
  else
    today_in_vietnam (&today);
  if (!(genres = toa_store_genre_list (store, error))
      || !(cal = toa_work_calendar_get (store, error))
      || !(default_code = toa_delegation_default_workflow (store, error)))
    return NULL;
  cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) toa_workflow_free);
  for (guint i = 0; i < items->len; i++)
    {
      ToaInboxItem *item = g_ptr_array_index (items, i);

      fill_item (item, item_workflow (store, cache, default_code, item), genres, cal, &today);
    }
  return g_steal_pointer (&items);
}
