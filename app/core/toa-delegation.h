/* toa-delegation.h — delegations (ủy quyền): a person lets a named person take some of their
 * transitions on one site for a date range. Acts under delegation are recorded as such
 * (on_behalf_of, "KT."), and stop when the range ends. */
#pragma once

#include "toa-store.h"
#include "toa-transitions.h"

G_BEGIN_DECLS

/* Adds a delegation as @actor: only the delegator themself or the board's administrator may.
 * Each action must be delegable in the site's default workflow (board setting
 * "default_workflow", latest version), the delegator must hold a role allowed to take it and
 * the delegate a role its "delegable_to" allows. Dates "YYYY-MM-DD", @from_date ≤ @to_date.
 * @site_code NULL = "portal". Stored with an audit record ("delegation.add"). */
ToaDelegation *toa_delegation_add (ToaStore *store, const ToaPerson *actor,
                                   const char *from_login, const char *to_login,
                                   const char *site_code, const char * const *actions,
                                   const char *from_date, const char *to_date, GError **error);

/* As toa_delegation_add, with the form of signing: @form "KT" (ký thay: a deputy for the
 * head) or "TL" (thừa lệnh: by order), any case; NULL = "KT". TOA_ERROR_INVALID otherwise. */
ToaDelegation *toa_delegation_add_with_form (ToaStore *store, const ToaPerson *actor,
                                             const char *from_login, const char *to_login,
                                             const char *site_code, const char * const *actions,
                                             const char *from_date, const char *to_date,
                                             const char *form, GError **error);

/* "KT" or "TL" for @text ("kt", "KT.", "tl"…); TOA_ERROR_INVALID naming the choices. */
char          *toa_delegation_form_parse (const char *text, GError **error);

/* Revokes delegation @id as @actor: only its delegator or the board's administrator
 * (TOA_ERROR_PERMISSION); NOT_FOUND; CONFLICT when already revoked. Acts after it are refused.
 * Audited "delegation.revoke". */
gboolean       toa_delegation_revoke (ToaStore *store, const ToaPerson *actor, gint64 id, GError **error);

typedef enum {
  TOA_DELEGATION_UPCOMING,   /* begins later */
  TOA_DELEGATION_IN_FORCE,
  TOA_DELEGATION_ENDED,      /* its last day has passed */
  TOA_DELEGATION_REVOKED,
} ToaDelegationStatus;

/* The status of @delegation on @today (Vietnam's day); and its words ("in force"…). */
ToaDelegationStatus toa_delegation_status (const ToaDelegation *delegation, const GDate *today);
const char         *toa_delegation_status_label (ToaDelegationStatus status);
const char         *toa_delegation_status_code (ToaDelegationStatus status);   /* "in-force"… */

/* Delegations given by or to @person_id (0 = everyone's), newest first; without
 * @include_ended only those in force or upcoming on @now's day (µs UTC; 0 = the clock). */
GPtrArray     *toa_delegation_list (ToaStore *store, gint64 person_id, gboolean include_ended,
                                    gint64 now, GError **error);

/* One action a person may delegate. */
typedef struct {
  char *code;   /* "publish" */
  char *name;   /* the workflow's label; the code when it has none */
} ToaDelegableAction;

void toa_delegable_action_free (ToaDelegableAction *action);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaDelegableAction, toa_delegable_action_free)

/* The actions of the board's default workflow that @person may delegate on @site_code
 * (NULL = "portal"): delegable, and allowed to a role they hold there. One per code, in the
 * definition's order: a GPtrArray of ToaDelegableAction (may be empty). */
GPtrArray     *toa_delegation_delegable_actions (ToaStore *store, const ToaPerson *person,
                                                 const char *site_code, GError **error);

/* The form ("KT"/"TL", newly allocated) of the delegation from @from_person to @to_person
 * covering @action on @at's day (µs UTC), as it was then; "KT" when none is found. */
char          *toa_delegation_form_for (ToaStore *store, gint64 from_person, gint64 to_person,
                                        const char *action, gint64 at, GError **error);

/* The delegations to @person_id in force on @date (inclusive range, not revoked). */
GPtrArray     *toa_delegation_list_in_force (ToaStore *store, gint64 person_id, const GDate *date,
                                             GError **error);

/* The delegations in force for @actor on @site_id at @now (µs UTC; the day is Vietnam's),
 * shaped for toa_workflow_check: a GArray of ToaWorkflowDelegation, one per delegated action;
 * a delegation ends with the delegator's account. @keep (g_free) and @keep_roles
 * (g_strfreev) receive the strings and role lists the array points into: keep them alive
 * as long as the array. */
GArray        *toa_delegation_for_check (ToaStore *store, const ToaPerson *actor, gint64 site_id,
                                         gint64 now, GPtrArray *keep, GPtrArray *keep_roles,
                                         GError **error);

/* The board's default workflow code (board_settings "default_workflow"). */
char          *toa_delegation_default_workflow (ToaStore *store, GError **error);

G_END_DECLS
