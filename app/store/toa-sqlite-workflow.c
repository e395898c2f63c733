/* toa-sqlite-workflow.c — workflow definitions in SQLite: add a version (never overwrite),
 * get one version or the latest, list the latest of each code; setting a board setting
 * (the default workflow). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-sqlite-private.h"
#include "toa-sqlite-workflow.h"

#define COLUMNS "SELECT code, version, name, source, definition_json, created_at, created_by " \
                "FROM workflow_definitions "

static ToaWorkflowRecord *
record_from_row (sqlite3_stmt *stmt)
{
  ToaWorkflowRecord *record = toa_workflow_record_new ();

  record->code = toa_sqlite_column_strdup (stmt, 0);
  record->version = sqlite3_column_int (stmt, 1);
  record->name = toa_sqlite_column_strdup (stmt, 2);
  record->source = toa_sqlite_column_strdup (stmt, 3);
  record->definition_json = toa_sqlite_column_strdup (stmt, 4);
  record->created_at = sqlite3_column_int64 (stmt, 5);
  record->created_by = sqlite3_column_int64 (stmt, 6);
  return record;
}

static gboolean
workflow_definition_add (ToaStore *store, const ToaWorkflowRecord *record, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO workflow_definitions "
                          "(code, version, name, source, definition_json, created_at, created_by) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, record->code);
  sqlite3_bind_int (stmt, 2, record->version);
  toa_sqlite_bind_text (stmt, 3, record->name);
  toa_sqlite_bind_text (stmt, 4, record->source != NULL ? record->source : "");
  toa_sqlite_bind_text (stmt, 5, record->definition_json);
  sqlite3_bind_int64 (stmt, 6, record->created_at);
  toa_sqlite_bind_id (stmt, 7, record->created_by);
  return toa_sqlite_step_done (self, stmt, error);
}

static ToaWorkflowRecord *
workflow_definition_get (ToaStore *store, const char *code, int version, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  if (version > 0)
    stmt = toa_sqlite_stmt (self, COLUMNS "WHERE code = ? AND version = ?", error);
  else
    stmt = toa_sqlite_stmt (self, COLUMNS "WHERE code = ? ORDER BY version DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  toa_sqlite_bind_text (stmt, 1, code);
  if (version > 0)
    sqlite3_bind_int (stmt, 2, version);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return record_from_row (stmt);
  if (!toa_sqlite_step_failed (self, rc, error))
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                 _("No workflow has the code “%s”. See “toasoan-cli workflow presets”."), code);
  return NULL;
}

static GPtrArray *
workflow_definition_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_workflow_record_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          COLUMNS "WHERE (code, version) IN "
                          "(SELECT code, MAX (version) FROM workflow_definitions GROUP BY code) "
                          "ORDER BY code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, record_from_row (stmt));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
board_setting_set (ToaStore *store, const char *key, const char *value, const char *source,
                   GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO board_settings (key, value, source) VALUES (?, ?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                          "source = excluded.source", error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, key);
  toa_sqlite_bind_text (stmt, 2, value);
  toa_sqlite_bind_text (stmt, 3, source != NULL ? source : "");
  return toa_sqlite_step_done (self, stmt, error);
}

void
toa_sqlite_workflow_iface_init (ToaStoreInterface *iface)
{
  iface->workflow_definition_add = workflow_definition_add;
  iface->workflow_definition_get = workflow_definition_get;
  iface->workflow_definition_list = workflow_definition_list;
  iface->board_setting_set = board_setting_set;
}
