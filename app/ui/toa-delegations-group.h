/* toa-delegations-group.h — the Settings group "Delegations" (ủy quyền): the signed-in
 * person's delegations given and received with their status (in force, upcoming, ended,
 * revoked), "Delegate…" opening ToaDelegationDialog, and "Revoke" on a delegation still
 * running, after a confirmation. The rules are core's (toa-delegation.h). */
#pragma once

#include <adwaita.h>

#include "toa-delegation-dialog.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_DELEGATIONS_GROUP (toa_delegations_group_get_type ())
G_DECLARE_FINAL_TYPE (ToaDelegationsGroup, toa_delegations_group, TOA, DELEGATIONS_GROUP, AdwPreferencesGroup)

/* Shows @person's delegations on @store (NULL when signed out: the list empties). */
void     toa_delegations_group_set_person (ToaDelegationsGroup *self, ToaStore *store, const ToaPerson *person);
/* Reads the list again. */
void     toa_delegations_group_refresh (ToaDelegationsGroup *self);

/* What "Delegate…" does: opens the dialog and returns it (not owned; NULL when signed out). */
ToaDelegationDialog *toa_delegations_group_open_dialog (ToaDelegationsGroup *self);

/* For tests: the rows listed, the subtitle shown for delegation @id (NULL when not listed),
 * its Revoke button (NULL when not offered) and the confirmation opened last (NULL once
 * answered). */
guint             toa_delegations_group_get_n_delegations (ToaDelegationsGroup *self);
const char       *toa_delegations_group_get_subtitle (ToaDelegationsGroup *self, gint64 id);
GtkWidget        *toa_delegations_group_get_revoke_button (ToaDelegationsGroup *self, gint64 id);
AdwMessageDialog *toa_delegations_group_get_confirmation (ToaDelegationsGroup *self);

G_END_DECLS
