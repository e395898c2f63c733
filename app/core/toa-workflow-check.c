/* toa-workflow-check.c — validating a workflow definition and the one generic permission
 * checker for transitions. Both only read the definition's data. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-article-state.h"
#include "toa-error.h"
#include "toa-reference.h"
#include "toa-role.h"
#include "toa-workflow-check.h"

/* ---- validation ------------------------------------------------------------------------ */

static void
problem (GPtrArray *problems, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
problem (GPtrArray *problems, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
transition_label (const ToaWorkflowTransition *t)
{
  return t->code != NULL ? t->code : "";
}

static void
check_roles (GPtrArray *problems, const ToaWorkflowTransition *t, GStrv roles, const char *member)
{
  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      ToaRole role;

      if (!toa_role_from_code (roles[i], &role))
        problem (problems,
                 /* Translators: transition code, the member ("roles"), the unknown role code */
                 _("Transition “%s”: “%s” names the unknown role “%s”. Use head, standing-deputy, deputy, secretary, member, editor, technician, accountant or admin."),
                 transition_label (t), member, roles[i]);
    }
}

static int
state_index (const ToaWorkflow *workflow, const char *code)
{
  for (guint i = 0; code != NULL && i < workflow->states->len; i++)
    if (g_strcmp0 (((ToaWorkflowState *) g_ptr_array_index (workflow->states, i))->code, code) == 0)
      return (int) i;
  return -1;
}

/* Adjacency: for each state, the states its transitions can lead to. */
static gboolean **
build_edges (const ToaWorkflow *workflow)
{
  guint n = workflow->states->len;
  gboolean **edges = g_new0 (gboolean *, n + 1);

  for (guint i = 0; i < n; i++)
    edges[i] = g_new0 (gboolean, n);
  for (guint k = 0; k < workflow->transitions->len; k++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);

      for (guint f = 0; t->from != NULL && t->from[f] != NULL; f++)
        {
          int from = state_index (workflow, t->from[f]);

          if (from < 0)
            continue;
          if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0)
            {
              g_autoptr(GPtrArray) earlier = toa_workflow_earlier_states (workflow, t->from[f]);

              for (guint e = 0; e < earlier->len; e++)
                edges[from][state_index (workflow, g_ptr_array_index (earlier, e))] = TRUE;
            }
          else if (state_index (workflow, t->to) >= 0)
            edges[from][state_index (workflow, t->to)] = TRUE;
        }
    }
  return edges;
}

/* Marks every state reachable from those already marked, following @edges forwards
 * (or backwards when @reverse). */
static void
spread (gboolean **edges, guint n, gboolean *marked, gboolean reverse)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint a = 0; a < n; a++)
        for (guint b = 0; b < n; b++)
          {
            gboolean edge = reverse ? edges[b][a] : edges[a][b];

            if (marked[a] && edge && !marked[b])
              marked[b] = changed = TRUE;
          }
    }
}

static gboolean
genres_overlap (ToaWorkflowGenreRule a, ToaWorkflowGenreRule b)
{
  return a == TOA_WORKFLOW_ANY_GENRE || b == TOA_WORKFLOW_ANY_GENRE || a == b;
}

static void
validate_states (const ToaWorkflow *workflow, GPtrArray *problems)
{
  guint starts = 0;

  for (guint i = 0; i < workflow->states->len; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (workflow->states, i);
      ToaArticleState known;

      if (state->start)
        starts++;
      if (!toa_article_state_from_code (state->code, &known))
        problem (problems,
                 _("State “%s” is not a state articles can be in. Use received, draft, editing, secretary-review, deputy-review, escalated, chairman-opinion, scheduled, published, returned, refused or withdrawn, and give it this workflow’s name."),
                 state->code);
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (state->code, ((ToaWorkflowState *) g_ptr_array_index (workflow->states, j))->code) == 0)
          {
            problem (problems, _("State “%s” is listed twice. Each state code must be unique."), state->code);
            break;
          }
    }
  if (starts != 1)
    problem (problems,
             _("The workflow has %u start states; exactly one state must have “start”: true (where material is received)."),
             starts);
}

static void
validate_transitions (const ToaWorkflow *workflow, GPtrArray *problems)
{
  gboolean publishes = FALSE;

  for (guint k = 0; k < workflow->transitions->len; k++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);
      gboolean earlier = g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0;

      publishes |= t->publishes;
      if (!toa_reference_check_code (t->code, "code", NULL))
        problem (problems,
                 _("Transition %u has the code “%s”: use lowercase letters without diacritics, digits and “-”, e.g. “forward”."),
                 k + 1, transition_label (t));
      if (t->from == NULL || t->from[0] == NULL)
        problem (problems, _("Transition “%s” leaves from no state. List its states in “from”."),
                 transition_label (t));
      for (guint f = 0; t->from != NULL && t->from[f] != NULL; f++)
        {
          if (toa_workflow_find_state (workflow, t->from[f]) == NULL)
            problem (problems, _("Transition “%s” leaves from “%s”, which is not a state of this workflow."),
                     transition_label (t), t->from[f]);
          else if (earlier)
            {
              g_autoptr(GPtrArray) targets = toa_workflow_earlier_states (workflow, t->from[f]);

              if (targets->len == 0)
                problem (problems,
                         _("Transition “%s” returns to an earlier step from “%s”, which has no earlier step. Give the states their “step” numbers."),
                         transition_label (t), t->from[f]);
            }
          /* Two transitions with one code from one state must not both apply to an item. */
          for (guint j = 0; j < k; j++)
            {
              const ToaWorkflowTransition *u = g_ptr_array_index (workflow->transitions, j);

              if (g_strcmp0 (u->code, t->code) == 0 && toa_workflow_transition_leaves (u, t->from[f])
                  && genres_overlap (u->genre_rule, t->genre_rule))
                {
                  problem (problems,
                           _("Transition “%s” is defined twice from “%s”. Each transition code must be unique per state (or split by “designed_only” / “not_designed”)."),
                           transition_label (t), t->from[f]);
                  break;
                }
            }
        }
      if (!earlier && toa_workflow_find_state (workflow, t->to) == NULL)
        problem (problems,
                 _("Transition “%s” goes to “%s”, which is not a state of this workflow (or “earlier”)."),
                 transition_label (t), t->to);
      if (t->roles == NULL || t->roles[0] == NULL)
        problem (problems, _("Transition “%s” allows no role. List who may take it in “roles”."),
                 transition_label (t));
      check_roles (problems, t, t->roles, "roles");
      check_roles (problems, t, t->approval_roles, "needs_approval");
      check_roles (problems, t, t->delegable_to, "delegable_to");
      if (t->delegable_to != NULL && t->delegable_to[0] != NULL && !t->delegable)
        problem (problems, _("Transition “%s” lists “delegable_to” but is not “delegable”."),
                 transition_label (t));
      if ((g_strcmp0 (t->code, "refuse") == 0 || g_strcmp0 (t->to, "refused") == 0) && !t->ground_required)
        problem (problems,
                 _("Transition “%s” refuses an item but does not require a ground. Set “ground_required”: true (seeds/002 Điều 3.2.b)."),
                 transition_label (t));
    }
  if (!publishes)
    problem (problems, _("No transition publishes. Mark the publishing transition with “publishes”: true."));
}

static void
validate_graph (const ToaWorkflow *workflow, GPtrArray *problems)
{
  guint n = workflow->states->len;
  gboolean **edges = build_edges (workflow);
  g_autofree gboolean *reached = g_new0 (gboolean, n + 1);
  g_autofree gboolean *ends = g_new0 (gboolean, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (workflow->states, i);

      /* A repeated code is reported once as such, not as unreachable too. */
      gboolean repeated = state_index (workflow, state->code) != (int) i;

      reached[i] = state->start || state->entry || repeated;
      ends[i] = state->end || repeated;
    }
  spread (edges, n, reached, FALSE);
  spread (edges, n, ends, TRUE);
  for (guint i = 0; i < n; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (workflow->states, i);

      if (!reached[i])
        problem (problems,
                 _("State “%s” cannot be reached from the start state. Add a transition to it, or remove it."),
                 state->code);
      if (!ends[i])
        problem (problems,
                 _("From state “%s” no end state can be reached, so items would be stuck there. Add a transition towards an end state."),
                 state->code);
    }
  for (guint i = 0; i < n; i++)
    g_free (edges[i]);
  g_free (edges);
}

GPtrArray *
toa_workflow_validate (const ToaWorkflow *workflow)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (workflow != NULL, problems);

  if (!toa_reference_check_code (workflow->code, "code", NULL))
    problem (problems,
             _("The workflow code “%s”: use lowercase letters without diacritics, digits and “-”, e.g. “binh-phuoc-2024”."),
             workflow->code != NULL ? workflow->code : "");
  if (workflow->version < 1)
    problem (problems, _("The workflow version must be 1 or more."));
  validate_states (workflow, problems);
  validate_transitions (workflow, problems);
  validate_graph (workflow, problems);
  return problems;
}

gboolean
toa_workflow_validate_checked (const ToaWorkflow *workflow, GError **error)
{
  g_autoptr(GPtrArray) problems = toa_workflow_validate (workflow);
  g_autoptr(GString) text = NULL;

  if (problems->len == 0)
    return TRUE;
  text = g_string_new (NULL);
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The workflow “%s” has %u problem:",
                                       "The workflow “%s” has %u problems:", problems->len),
                          workflow->code != NULL ? workflow->code : "", problems->len);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "\n- %s", (const char *) g_ptr_array_index (problems, i));
  g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID, text->str);
  return FALSE;
}

/* ---- lookups --------------------------------------------------------------------------- */

GPtrArray *
toa_workflow_earlier_states (const ToaWorkflow *workflow, const char *state)
{
  const ToaWorkflowState *current = toa_workflow_find_state (workflow, state);
  GPtrArray *earlier = g_ptr_array_new ();

  for (guint i = 0; current != NULL && i < workflow->states->len; i++)
    {
      const ToaWorkflowState *s = g_ptr_array_index (workflow->states, i);

      if (s->step > 0 && s->step < current->step)
        g_ptr_array_add (earlier, s->code);
    }
  return earlier;
}

GPtrArray *
toa_workflow_transitions_from (const ToaWorkflow *workflow, const char *state, gboolean designed)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint k = 0; k < workflow->transitions->len; k++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);

      if (toa_workflow_transition_leaves (t, state) && toa_workflow_transition_applies (t, designed))
        g_ptr_array_add (list, (gpointer) t);
    }
  return list;
}

GStrv
toa_workflow_roles_on_site (const ToaPerson *person, gint64 site_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; person != NULL && person->roles != NULL && i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);

      if (grant->site_id == site_id)
        g_strv_builder_add (builder, toa_role_code (grant->role));
    }
  return g_strv_builder_end (builder);
}

/* ---- the checker ----------------------------------------------------------------------- */

static char *
role_list_text (GStrv roles)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      ToaRole role;

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, toa_role_from_code (roles[i], &role) ? toa_role_label (role) : roles[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
codes_text (GPtrArray *transitions)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < transitions->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (transitions, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < i; j++)
        seen |= g_strcmp0 (((ToaWorkflowTransition *) g_ptr_array_index (transitions, j))->code, t->code) == 0;
      if (seen)
        continue;
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", t->code);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
holds_any (const char * const *held, GStrv wanted, const char **which)
{
  for (guint i = 0; held != NULL && held[i] != NULL; i++)
    if (wanted != NULL && g_strv_contains ((const char * const *) wanted, held[i]))
      {
        if (which != NULL)
          *which = held[i];
        return TRUE;
      }
  return FALSE;
}

static const char *
state_label (const ToaWorkflow *workflow, const char *code)
{
  const ToaWorkflowState *state = toa_workflow_find_state (workflow, code);

  return state != NULL && state->name != NULL ? state->name : toa_article_state_label_for_code (code);
}

/* Finds the transition asked for, or says why there is none (TOA_ERROR_INVALID). */
static const ToaWorkflowTransition *
find_transition (const ToaWorkflow *workflow, const ToaWorkflowRequest *request, GError **error)
{
  g_autoptr(GPtrArray) here = toa_workflow_transitions_from (workflow, request->state, request->designed);
  gboolean other_kind = FALSE;

  for (guint i = 0; i < here->len; i++)
    if (g_strcmp0 (((ToaWorkflowTransition *) g_ptr_array_index (here, i))->code, request->transition) == 0)
      return g_ptr_array_index (here, i);
  for (guint k = 0; k < workflow->transitions->len; k++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);

      other_kind |= g_strcmp0 (t->code, request->transition) == 0
                    && toa_workflow_transition_leaves (t, request->state);
    }
  if (other_kind)
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 request->designed
                   ? _("“%s” from “%s” is not for designed products (banner, infographic, podcast, long-form, video): they go through the technical team.")
                   : _("“%s” from “%s” is only for designed products (banner, infographic, podcast, long-form, video)."),
                 request->transition, state_label (workflow, request->state));
  else if (here->len == 0)
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("No action can be taken on an item in the state “%s” in the workflow “%s”."),
                 state_label (workflow, request->state), workflow->code);
  else
    {
      g_autofree char *possible = codes_text (here);

      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” cannot be done on an item in the state “%s”. Possible here: %s."),
                   request->transition != NULL ? request->transition : "",
                   state_label (workflow, request->state), possible);
    }
  return NULL;
}

static const char *
resolve_target (const ToaWorkflow *workflow, const ToaWorkflowRequest *request,
                const ToaWorkflowTransition *t, GError **error)
{
  g_autoptr(GPtrArray) earlier = NULL;
  g_autoptr(GString) names = NULL;

  if (g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) != 0)
    {
      if (request->target != NULL && g_strcmp0 (request->target, t->to) != 0)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("“%s” always goes to “%s”; it cannot go to “%s”."),
                       t->code, t->to, request->target);
          return NULL;
        }
      return t->to;
    }
  earlier = toa_workflow_earlier_states (workflow, request->state);
  for (guint i = 0; request->target != NULL && i < earlier->len; i++)
    if (g_str_equal (g_ptr_array_index (earlier, i), request->target))
      return g_ptr_array_index (earlier, i);
  names = g_string_new (NULL);
  for (guint i = 0; i < earlier->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (earlier, i));
  if (request->target == NULL)
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("Choose the earlier step to return the item to: %s."), names->str);
  else
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("“%s” is not an earlier step than “%s”. Choose one of: %s."),
                 request->target, request->state, names->str);
  return NULL;
}

static gboolean
check_ground (const char *ground, GError **error)
{
  GPtrArray *grounds;
  g_autoptr(GString) names = NULL;

  if (!(grounds = toa_refusal_grounds (error)))
    return FALSE;
  for (guint i = 0; ground != NULL && i < grounds->len; i++)
    if (g_str_equal (((ToaRefusalGround *) g_ptr_array_index (grounds, i))->code, ground))
      return TRUE;
  names = g_string_new (NULL);
  for (guint i = 0; i < grounds->len; i++)
    {
      const ToaRefusalGround *g = g_ptr_array_index (grounds, i);

      g_string_append_printf (names, "\n- %s (%s)", g->code, g->name);
    }
  if (ground == NULL || *ground == '\0')
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("A refusal needs one of the grounds of the regulation:%s"), names->str);
  else
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("“%s” is not a ground for refusal. Use one of:%s"), ground, names->str);
  return FALSE;
}

/* The delegation that lets the actor take @t, if any. */
static const ToaWorkflowDelegation *
find_delegation (const ToaWorkflowRequest *request, const ToaWorkflowTransition *t, const char **role)
{
  if (!t->delegable)
    return NULL;
  if (t->delegable_to != NULL && t->delegable_to[0] != NULL
      && !holds_any (request->roles, t->delegable_to, NULL))
    return NULL;
  for (guint i = 0; request->delegations != NULL && i < request->n_delegations; i++)
    {
      const ToaWorkflowDelegation *d = &request->delegations[i];

      if (g_strcmp0 (d->transition, t->code) == 0 && holds_any (d->delegator_roles, t->roles, role))
        return d;
    }
  return NULL;
}

gboolean
toa_workflow_check (const ToaWorkflow *workflow, const ToaWorkflowRequest *request,
                    ToaWorkflowDecision *decision, GError **error)
{
  const ToaWorkflowTransition *t;
  const ToaWorkflowDelegation *delegation = NULL;
  const char *to, *role = NULL;

  g_return_val_if_fail (workflow != NULL && request != NULL, FALSE);

  if (toa_workflow_find_state (workflow, request->state) == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The state “%s” is not part of the workflow “%s” (version %d)."),
                   request->state != NULL ? request->state : "", workflow->code, workflow->version);
      return FALSE;
    }
  if (!(t = find_transition (workflow, request, error)))
    return FALSE;

  if (!holds_any (request->roles, t->roles, &role)
      && !(delegation = find_delegation (request, t, &role)))
    {
      g_autofree char *allowed = role_list_text (t->roles);
      g_autofree char *delegates = role_list_text (t->delegable_to);

      if (t->delegable && t->delegable_to != NULL && t->delegable_to[0] != NULL)
        g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                     _("“%s” from “%s” needs one of these roles on this site: %s; or a delegation of “%s” from one of them to a %s."),
                     t->code, state_label (workflow, request->state), allowed, t->code, delegates);
      else if (t->delegable)
        g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                     _("“%s” from “%s” needs one of these roles on this site: %s; or a delegation of “%s” from one of them."),
                     t->code, state_label (workflow, request->state), allowed, t->code);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                     _("“%s” from “%s” needs one of these roles on this site: %s."),
                     t->code, state_label (workflow, request->state), allowed);
      return FALSE;
    }

  if (!(to = resolve_target (workflow, request, t, error)))
    return FALSE;
  if (t->comment_required && (request->comment == NULL || *request->comment == '\0'))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” needs a comment saying why. Write one and try again."), t->code);
      return FALSE;
    }
  if (t->ground_required && !check_ground (request->ground, error))
    return FALSE;

  if (decision != NULL)
    {
      decision->transition = t;
      decision->to = to;
      decision->role = role;
      decision->delegation = delegation;
    }
  return TRUE;
}

GStrv
toa_workflow_holder_roles (const ToaWorkflow *workflow, const char *state, gboolean designed)
{
  g_autoptr(GPtrArray) transitions = toa_workflow_transitions_from (workflow, state, designed);
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < transitions->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (transitions, i);

      for (guint k = 0; t->roles != NULL && t->roles[k] != NULL; k++)
        if (g_hash_table_add (seen, t->roles[k]))
          g_strv_builder_add (roles, t->roles[k]);
    }
  return g_strv_builder_end (roles);
}

char *
toa_role_labels_joined (const char * const *codes)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint k = 0; codes != NULL && codes[k] != NULL; k++)
    {
      ToaRole role;

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, toa_role_from_code (codes[k], &role) ? toa_role_label (role) : codes[k]);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}
