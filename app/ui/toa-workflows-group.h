/* toa-workflows-group.h — the Settings group listing the board's workflows (quy trình): each
 * with its version and source, and the board's default workflow; the administrator edits a
 * workflow (ToaWorkflowEditor) or imports an edited definition as a new version, and
 * chooses the default. */
#pragma once

#include <adwaita.h>

#include "toa-store.h"
#include "toa-workflow-editor.h"

G_BEGIN_DECLS

#define TOA_TYPE_WORKFLOWS_GROUP (toa_workflows_group_get_type ())
G_DECLARE_FINAL_TYPE (ToaWorkflowsGroup, toa_workflows_group, TOA, WORKFLOWS_GROUP, AdwPreferencesGroup)

/* Shows the workflows of @store for @person (NULL when signed out: the list empties). */
void     toa_workflows_group_set_person (ToaWorkflowsGroup *self, ToaStore *store, const ToaPerson *person);
/* Saves the JSON definition in @contents as a new version, as the signed-in person; what the
 * import button does once a file is read. FALSE with the problems in @error. */
gboolean toa_workflows_group_import (ToaWorkflowsGroup *self, const char *contents, gsize length,
                                     GError **error);
/* Number of workflows listed (for tests). */
guint    toa_workflows_group_get_n_workflows (ToaWorkflowsGroup *self);
/* For tests: the Edit button of @code (NULL when not offered), the default-workflow row,
 * the editor opened last (NULL once closed) and the subtitle shown for @code. */
GtkWidget         *toa_workflows_group_get_edit_button (ToaWorkflowsGroup *self, const char *code);
AdwComboRow       *toa_workflows_group_get_default_row (ToaWorkflowsGroup *self);
ToaWorkflowEditor *toa_workflows_group_get_editor (ToaWorkflowsGroup *self);
const char        *toa_workflows_group_get_subtitle (ToaWorkflowsGroup *self, const char *code);

G_END_DECLS
