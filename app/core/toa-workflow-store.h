/* toa-workflow-store.h — workflow definitions in the database: the shipped presets seeded on
 * init, reading a definition by code and version, and saving an edited one as a new version
 * (validated first, audited). */
#pragma once

#include "toa-store.h"
#include "toa-workflow.h"

G_BEGIN_DECLS

/* When the database holds no workflow definition yet, stores every shipped preset
 * (resources/workflows/, the single source) as version 1. Shipped data, like a
 * migration's seed rows: no audit record. Idempotent. Called by toa_board_init. */
gboolean     toa_workflow_seed_presets (ToaStore *store, GError **error);

/* The definition @code at @version (0 = the latest); TOA_ERROR_NOT_FOUND names the code. */
ToaWorkflow *toa_workflow_load (ToaStore *store, const char *code, int version, GError **error);
/* The latest version of every definition, by code (a GPtrArray of ToaWorkflow). */
GPtrArray   *toa_workflow_load_all (ToaStore *store, GError **error);

/* Saves @workflow as the next version of its code (1 for a new code) and sets
 * @workflow->version. Only the board's administrator (admin on the portal) may; @actor NULL
 * is the administrator's own CLI. An unsound definition is refused (TOA_ERROR_INVALID listing
 * every problem). Stored with its audit record in one transaction. */
gboolean     toa_workflow_save_version (ToaStore *store, const ToaPerson *actor,
                                        ToaWorkflow *workflow, GError **error);

G_END_DECLS
