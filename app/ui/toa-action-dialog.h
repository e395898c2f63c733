/* toa-action-dialog.h — taking one action on an item: asks only what the action needs
 * (comment, refusal ground, the step to return to, the publication time), says when it will
 * become a request for approval or is taken on someone's behalf, then hands it to core
 * (toa_transitions_do, toa_approval_decide) with the version the person saw. Core's errors
 * (a missing comment, someone acting first…) are shown in the dialog and nothing typed is
 * lost; on success it emits "done" with a short message and closes. */
#pragma once

#include <adwaita.h>

#include "toa-background-reader.h"
#include "toa-store.h"
#include "toa-transition-actions.h"

G_BEGIN_DECLS

#define TOA_TYPE_ACTION_DIALOG (toa_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ToaActionDialog, toa_action_dialog, TOA, ACTION_DIALOG, AdwWindow)

/* @action is copied. @expected_version: the item's version as the person saw it. */
GtkWindow *toa_action_dialog_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                                  gint64 article_id, gint64 expected_version,
                                  const ToaAvailableAction *action);

/* For a return: preselects @state when it is one of the offered targets (the item view passes
 * the step the item came from). */
void       toa_action_dialog_select_target (ToaActionDialog *self, const char *state);

/* Validates the inputs and asks core; TRUE (and "done", then closed) on success, else the
 * message is shown in the dialog. What the OK button does. With a threaded reader the action
 * runs on the reader's connection: TRUE means it is on its way (the button spins, insensitive);
 * "done" or the message comes when core answers. */
gboolean   toa_action_dialog_run (ToaActionDialog *self);
/* The message shown (why core refused), or NULL. */
const char *toa_action_dialog_get_error (ToaActionDialog *self);
/* Whether an action is on its way. */
gboolean   toa_action_dialog_is_busy (ToaActionDialog *self);
/* Takes the action through @reader (the item window's) instead of on the window's store. */
void       toa_action_dialog_set_reader (ToaActionDialog *self, ToaBackgroundReader *reader);

G_END_DECLS
