/* toa-workflow-editor.h — the administrator's editor of one workflow (quy trình): a grid of its
 * transitions × roles (who may take each, comment required, approval by whom, the names),
 * the full JSON definition for structural edits kept in step with the grid, and the live
 * list of problems from toa_workflow_validate. Saving makes a new version (core's
 * toa_workflow_save_version); items keep the version they started with. */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_WORKFLOW_EDITOR (toa_workflow_editor_get_type ())
G_DECLARE_FINAL_TYPE (ToaWorkflowEditor, toa_workflow_editor, TOA, WORKFLOW_EDITOR, AdwWindow)

/* An editor of the latest version of @code, acting as @person; NULL with the reason in
 * @error when it cannot be read. Emits "saved" (the code saved, a string) after each save. */
ToaWorkflowEditor *toa_workflow_editor_new (ToaStore *store, const ToaPerson *person, const char *code,
                                            GError **error);

/* The definition as edited now (the last one the JSON text could be read as). */
const ToaWorkflow *toa_workflow_editor_get_draft (ToaWorkflowEditor *self);
/* The problems listed now (translated sentences; JSON reading errors included). */
guint              toa_workflow_editor_get_n_problems (ToaWorkflowEditor *self);

/* Saves the draft as a new version of its workflow; what Save does. */
gboolean           toa_workflow_editor_save (ToaWorkflowEditor *self, GError **error);
/* Saves the draft as a new workflow @code named @name (version 1) and goes on editing that
 * one; what "Save as a New Workflow" does once its dialog is answered. */
gboolean           toa_workflow_editor_save_as_new (ToaWorkflowEditor *self, const char *code,
                                                    const char *name, GError **error);

/* For tests: the check button for @role_code on the draft's transition @index, the JSON text
 * buffer and the Save button. */
GtkCheckButton    *toa_workflow_editor_get_role_check (ToaWorkflowEditor *self, guint index,
                                                       const char *role_code);
GtkTextBuffer     *toa_workflow_editor_get_json_buffer (ToaWorkflowEditor *self);
/* For tests: the entry of the name of the draft's state @index. */
GtkEditable       *toa_workflow_editor_get_state_entry (ToaWorkflowEditor *self, guint index);
GtkWidget         *toa_workflow_editor_get_save_button (ToaWorkflowEditor *self);

G_END_DECLS
