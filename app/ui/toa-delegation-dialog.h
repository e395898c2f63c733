/* toa-delegation-dialog.h — the "Delegate" dialog (ủy quyền) of Settings: the signed-in person
 * chooses to whom, which of their delegable actions (asked of core), the site, the dates
 * (dd/mm/yyyy) and the form of signing (KT. / TL.). Core's errors are shown in the dialog and
 * nothing typed is lost; on success it emits "delegated" and closes. */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_DELEGATION_DIALOG (toa_delegation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ToaDelegationDialog, toa_delegation_dialog, TOA, DELEGATION_DIALOG, AdwWindow)

/* A dialog for @person (the delegator) on @store, transient for @parent (may be NULL). */
ToaDelegationDialog *toa_delegation_dialog_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person);

/* What the Delegate button does: TRUE when stored (then "delegated" is emitted and the
 * dialog closes); FALSE with core's message shown in the dialog and in @error. */
gboolean     toa_delegation_dialog_submit (ToaDelegationDialog *self, GError **error);

/* For tests: the widgets, as a person would use them. */
AdwComboRow    *toa_delegation_dialog_get_person_row (ToaDelegationDialog *self);
AdwComboRow    *toa_delegation_dialog_get_site_row (ToaDelegationDialog *self);
AdwComboRow    *toa_delegation_dialog_get_form_row (ToaDelegationDialog *self);
GtkEditable    *toa_delegation_dialog_get_from_entry (ToaDelegationDialog *self);
GtkEditable    *toa_delegation_dialog_get_to_entry (ToaDelegationDialog *self);
GtkCheckButton *toa_delegation_dialog_get_action_check (ToaDelegationDialog *self, const char *code);
GtkWidget      *toa_delegation_dialog_get_delegate_button (ToaDelegationDialog *self);
/* The position of @login in the person row's list (GTK_INVALID_LIST_POSITION when absent). */
guint           toa_delegation_dialog_person_position (ToaDelegationDialog *self, const char *login);
/* The error shown; NULL when none. */
const char     *toa_delegation_dialog_get_error (ToaDelegationDialog *self);

G_END_DECLS
