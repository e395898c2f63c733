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
