/* toa-board.c — setting up a board's database: the province portal site (Cổng TTĐT tỉnh). */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-text.h"
#include "toa-workflow-store.h"

static char *
site_detail (const ToaSite *site)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, site->code);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, site->name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, site->kind);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gboolean
toa_board_init (ToaStore *store, const char *portal_name, GError **error)
{
  g_autoptr(ToaSite) existing = NULL;
  g_autoptr(ToaSite) site = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (portal_name == NULL || *portal_name == '\0')
    portal_name = _("Provincial e-portal");
  name = toa_text_normalize (portal_name, -1, _("Portal name"), error);
  if (name == NULL)
    return FALSE;
  g_strstrip (name);
  if (*name == '\0')
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: this field is required. Fill it in and try again."), _("Portal name"));
      return FALSE;
    }

  /* The shipped workflow presets, when the database has none yet (older databases too). */
  if (!toa_workflow_seed_presets (store, error))
    return FALSE;

  if (!toa_store_begin (store, error))
    return FALSE;

  existing = toa_store_site_find (store, "portal", &local_error);
  if (existing != NULL)
    {
      toa_store_rollback (store);
      return TRUE;
    }
  if (!g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
    goto failed;
  g_clear_error (&local_error);

  site = toa_site_new ();
  site->code = g_strdup ("portal");
  site->name = g_steal_pointer (&name);
  site->kind = g_strdup ("portal");
  if (!toa_store_site_add (store, site, &local_error))
    goto failed;

  detail = site_detail (site);
  if (!toa_audit_append (store, 0, "site.add", "site", site->id, detail, &local_error))
    goto failed;
  if (!toa_store_commit (store, &local_error))
    goto failed;
  return TRUE;

failed:
  return toa_store_abandon (store, local_error, error);
}
