/* toa-workflow-check.h — is a workflow definition sound (toa_workflow_validate), and may this
 * person take this transition now (toa_workflow_check)? One generic checker reads the
 * definition's data; no preset has code of its own. */
#pragma once

#include "toa-model.h"
#include "toa-workflow.h"

G_BEGIN_DECLS

/* The problems of @workflow, each a translated sentence (a GPtrArray of char*); empty when
 * it is sound: codes unique and known, every transition's from/to exist, roles known,
 * exactly one start state, every state reachable from the start (or an entry state) and
 * able to reach an end state, a publishing transition, refusals require a ground, a return
 * to an earlier step leaves only from a state that has one. */
GPtrArray *toa_workflow_validate (const ToaWorkflow *workflow);
/* TRUE when sound; otherwise TOA_ERROR_INVALID listing every problem, one a line. */
gboolean   toa_workflow_validate_checked (const ToaWorkflow *workflow, GError **error);

/* A transition the actor may take because someone delegated it (ủy quyền). The caller passes
 * only delegations in force now (their date range is the caller's business). */
typedef struct {
  const char         *transition;       /* transition code, e.g. "publish" */
  gint64              delegator_id;
  const char         *delegator_name;   /* for messages and "KT." records */
  const char * const *delegator_roles;  /* the delegator's role codes on the item's site */
  const char         *form;             /* "KT" or "TL": how acts under it are signed */
} ToaWorkflowDelegation;

typedef struct {
  const char                  *state;        /* the item's current state */
  gboolean                     designed;     /* the item's genre is designed (genres.designed) */
  const char                  *transition;   /* the transition code asked for */
  const char                  *target;       /* chosen state for a return to an earlier step */
  const char                  *comment;      /* may be NULL */
  const char                  *ground;       /* refusal ground code; may be NULL */
  const char * const          *roles;        /* the actor's role codes on the item's site */
  const ToaWorkflowDelegation *delegations;  /* in force for the actor; may be NULL */
  guint                        n_delegations;
} ToaWorkflowRequest;

typedef struct {
  const ToaWorkflowTransition *transition;   /* the definition's transition (not owned) */
  const char                  *to;           /* the state the item moves to */
  const char                  *role;         /* the role that allows it (the delegator's when delegated) */
  const ToaWorkflowDelegation *delegation;   /* non-NULL when acting under delegation */
} ToaWorkflowDecision;

/* May the actor take @request->transition now? TRUE with @decision filled (may be NULL).
 * TOA_ERROR_INVALID: no such transition from that state (for this kind of item), a missing
 * or wrong target, a missing comment or refusal ground. TOA_ERROR_PERMISSION: the roles
 * (and delegations) do not allow it; the message names the roles that would. */
gboolean   toa_workflow_check (const ToaWorkflow *workflow, const ToaWorkflowRequest *request,
                               ToaWorkflowDecision *decision, GError **error);

/* The role codes @person holds on the site @site_id, for ToaWorkflowRequest.roles
 * (and ToaWorkflowDelegation.delegator_roles). */
GStrv      toa_workflow_roles_on_site (const ToaPerson *person, gint64 site_id);

/* The states a return from @state may go to (step above 0 and below @state's), in
 * definition order; a GPtrArray of const char* (not owned). */
GPtrArray *toa_workflow_earlier_states (const ToaWorkflow *workflow, const char *state);

/* The transitions that leave @state for an item of this kind; a GPtrArray of
 * const ToaWorkflowTransition* (not owned). */
GPtrArray *toa_workflow_transitions_from (const ToaWorkflow *workflow, const char *state,
                                          gboolean designed);

/* Who holds an item in @state: the role codes allowed on the transitions leaving it for this
 * kind of item, in definition order, each once. */
GStrv      toa_workflow_holder_roles (const ToaWorkflow *workflow, const char *state,
                                      gboolean designed);

/* Role codes as their translated names, joined by ", " (an unknown code as itself). */
char      *toa_role_labels_joined (const char * const *codes);

G_END_DECLS
