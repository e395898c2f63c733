/* toa-workflow-store.h — workflow definitions in the database: the shipped presets seeded on
 * init, reading a definition by code and version, saving an edited one as a new version
 * (validated first, audited) and choosing the board's default. */
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

/* Saves @workflow as a new workflow (version 1) under its own code, the way
 * toa_workflow_save_version does ("Save as a new workflow"); TOA_ERROR_CONFLICT when a
 * workflow already has that code. */
gboolean     toa_workflow_save_new (ToaStore *store, const ToaPerson *actor, ToaWorkflow *workflow,
                                    GError **error);

/* The board's default workflow (board setting "default_workflow"): the one an item takes at its
 * first transition, keeping that version afterwards. Only the board's administrator may
 * change it; @actor NULL is the administrator's own CLI. TOA_ERROR_NOT_FOUND when no workflow
 * has @code. Stored with an audit record "board.default-workflow" (old → new) in one
 * transaction; setting the current default again changes nothing. */
gboolean     toa_workflow_set_default (ToaStore *store, const ToaPerson *actor, const char *code,
                                       GError **error);

G_END_DECLS
