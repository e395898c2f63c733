/* toa-workflows-group.h — the Settings group listing the board's workflows (quy trình): each
 * with its version and source; the administrator imports an edited definition as a new
 * version. */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

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

G_END_DECLS
