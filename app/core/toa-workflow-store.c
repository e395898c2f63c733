/* toa-workflow-store.c — workflow definitions in the database: seeding the presets, loading
 * by version, saving a new version (validate → transaction → store → audit → commit) and
 * setting the board's default workflow. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-audit.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-text.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"
#include "toa-people.h"

static ToaWorkflowRecord *
record_of (const ToaWorkflow *workflow, gint64 created_by)
{
  ToaWorkflowRecord *record = toa_workflow_record_new ();

  record->code = g_strdup (workflow->code);
  record->version = workflow->version;
  record->name = g_strdup (workflow->name != NULL ? workflow->name : workflow->code);
  record->source = g_strdup (workflow->source != NULL ? workflow->source : "");
  record->definition_json = toa_workflow_to_json (workflow, FALSE);
  record->created_at = toa_now_usec ();
  record->created_by = created_by;
  return record;
}

static ToaWorkflow *
workflow_of (const ToaWorkflowRecord *record, GError **error)
{
  ToaWorkflow *workflow = toa_workflow_from_json (record->definition_json, -1, error);

  if (workflow == NULL)
    {
      g_prefix_error (error, _("The stored workflow “%s” version %d is damaged: "),
                      record->code, record->version);
      return NULL;
    }
  /* The row's key is authoritative. */
  workflow->version = record->version;
  return workflow;
}

gboolean
toa_workflow_seed_presets (ToaStore *store, GError **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) presets = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (!(presets = toa_workflow_presets (error)))
    return FALSE;
  if (!toa_store_begin (store, error))
    return FALSE;
  if (!(existing = toa_store_workflow_definition_list (store, &local_error)))
    return toa_store_abandon (store, local_error, error);
  if (existing->len > 0)
    {
      toa_store_rollback (store);
      return TRUE;
    }
  for (guint i = 0; i < presets->len; i++)
    {
      ToaWorkflow *preset = g_ptr_array_index (presets, i);
      g_autoptr(ToaWorkflowRecord) record = NULL;

      /* A shipped preset that does not validate is a build error; refuse it loudly. */
      if (!toa_workflow_validate_checked (preset, &local_error))
        return toa_store_abandon (store, local_error, error);
      preset->version = 1;
      record = record_of (preset, 0);
      if (!toa_store_workflow_definition_add (store, record, &local_error))
        return toa_store_abandon (store, local_error, error);
    }
  if (!toa_store_commit (store, &local_error))
    return toa_store_abandon (store, local_error, error);
  return TRUE;
}

ToaWorkflow *
toa_workflow_load (ToaStore *store, const char *code, int version, GError **error)
{
  g_autoptr(ToaWorkflowRecord) record = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  record = toa_store_workflow_definition_get (store, code, version, &local_error);
  if (record == NULL)
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          if (version > 0)
            g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                         _("The workflow “%s” has no version %d. See “toasoan-cli workflow presets”."),
                         code, version);
          else
            g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                         _("No workflow has the code “%s”. See “toasoan-cli workflow presets”."), code);
        }
      else
        g_propagate_error (error, local_error);
      return NULL;
    }
  return workflow_of (record, error);
}

GPtrArray *
toa_workflow_load_all (ToaStore *store, GError **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_workflow_free);

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!(records = toa_store_workflow_definition_list (store, error)))
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      ToaWorkflow *workflow = workflow_of (g_ptr_array_index (records, i), error);

      if (workflow == NULL)
        return NULL;
      g_ptr_array_add (list, workflow);
    }
  return g_steal_pointer (&list);
}

static char *
save_detail (const ToaWorkflow *workflow)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, workflow->code);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, workflow->version);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, workflow->name != NULL ? workflow->name : workflow->code);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Normalises the texts people see (NFC), like every text at core's boundary. */
static gboolean
normalize_texts (ToaWorkflow *workflow, GError **error)
{
  char **fields[] = { &workflow->name, &workflow->source };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      char *nfc;

      if (*fields[i] == NULL)
        continue;
      if (!(nfc = toa_text_normalize (*fields[i], -1, _("Workflow definition"), error)))
        return FALSE;
      g_free (*fields[i]);
      *fields[i] = nfc;
    }
  return TRUE;
}

static gboolean
save (ToaStore *store, const ToaPerson *actor, ToaWorkflow *workflow, gboolean must_be_new,
      GError **error)
{
  g_autoptr(ToaWorkflowRecord) latest = NULL;
  g_autoptr(ToaWorkflowRecord) record = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 actor_id = actor != NULL ? actor->id : 0;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (workflow != NULL, FALSE);

  if (!toa_people_require_admin (store, actor, _("change workflows"), error)
      || !normalize_texts (workflow, error)
      || !toa_workflow_validate_checked (workflow, error))
    return FALSE;

  if (!toa_store_begin (store, error))
    return FALSE;
  latest = toa_store_workflow_definition_get (store, workflow->code, 0, &local_error);
  if (latest == NULL && !g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
    return toa_store_abandon (store, local_error, error);
  g_clear_error (&local_error);
  if (must_be_new && latest != NULL)
    {
      g_set_error (&local_error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("A workflow with the code “%s” exists already. Choose another code."),
                   workflow->code);
      return toa_store_abandon (store, local_error, error);
    }
  workflow->version = latest != NULL ? latest->version + 1 : 1;

  record = record_of (workflow, actor_id);
  detail = save_detail (workflow);
  if (!toa_store_workflow_definition_add (store, record, &local_error)
      || !toa_audit_append (store, actor_id, "workflow.save", "workflow", workflow->version, detail,
                            &local_error)
      || !toa_store_commit (store, &local_error))
    return toa_store_abandon (store, local_error, error);
  return TRUE;
}

gboolean
toa_workflow_save_version (ToaStore *store, const ToaPerson *actor, ToaWorkflow *workflow,
                           GError **error)
{
  return save (store, actor, workflow, FALSE, error);
}

gboolean
toa_workflow_save_new (ToaStore *store, const ToaPerson *actor, ToaWorkflow *workflow, GError **error)
{
  return save (store, actor, workflow, TRUE, error);
}

gboolean
toa_workflow_set_default (ToaStore *store, const ToaPerson *actor, const char *code, GError **error)
{
  g_autoptr(ToaWorkflowRecord) record = NULL;
  g_autofree char *old_code = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 actor_id = actor != NULL ? actor->id : 0;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!toa_people_require_admin (store, actor, _("choose the board's default workflow"), error))
    return FALSE;

  if (!toa_store_begin (store, error))
    return FALSE;
  record = toa_store_workflow_definition_get (store, code, 0, &local_error);
  if (record == NULL)
    {
      if (g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("No workflow has the code “%s”. See “toasoan-cli workflow presets”."), code);
        }
      return toa_store_abandon (store, local_error, error);
    }
  old_code = toa_delegation_default_workflow (store, &local_error);
  if (old_code == NULL && !g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
    return toa_store_abandon (store, local_error, error);
  g_clear_error (&local_error);
  if (g_strcmp0 (old_code, code) == 0)
    {
      toa_store_rollback (store);
      return TRUE;
    }

  detail = toa_audit_detail ("from", old_code, "to", code, NULL);
  /* The setting's source is the regulation the chosen workflow follows. */
  if (!toa_store_board_setting_set (store, "default_workflow", code, record->source, &local_error)
      || !toa_audit_append (store, actor_id, "board.default-workflow", "board_setting", 0, detail,
                            &local_error)
      || !toa_store_commit (store, &local_error))
    return toa_store_abandon (store, local_error, error);
  return TRUE;
}
