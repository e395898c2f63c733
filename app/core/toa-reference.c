/* toa-reference.c — sites, sections and providing units: validation, storage, audit. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-reference.h"
#include "toa-text.h"

gboolean
toa_reference_check_code (const char *code, const char *field, GError **error)
{
  gboolean ok = code != NULL && *code != '\0' && *code != '-';

  for (const char *p = code; ok && *p != '\0'; p++)
    ok = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-';
  if (!ok)
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 /* Translators: %s is a field or option such as --code, then the value given */
                 _("%s “%s”: use lowercase letters without diacritics, digits and “-”, e.g. “so-y-te”"),
                 field, code != NULL ? code : "");
  return ok;
}

/* Normalises a required name in place (NFC), or says which is missing. */
static gboolean
check_name (char **name, GError **error)
{
  char *nfc;

  if (*name == NULL || **name == '\0')
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID, _("A name is required."));
      return FALSE;
    }
  if (!(nfc = toa_text_normalize (*name, -1, _("Name"), error)))
    return FALSE;
  g_free (*name);
  *name = nfc;
  return TRUE;
}

typedef gboolean (*AddFunc) (ToaStore *store, gpointer record, GError **error);

/* The store's add and its audit record in one transaction. */
static gboolean
add_audited (ToaStore *store, gint64 actor_id, AddFunc add, gpointer record, const gint64 *id,
             const char *object_type, const char *code, const char *name, GError **error)
{
  g_autofree char *detail = toa_audit_detail ("code", code, "name", name, NULL);
  g_autofree char *action = g_strconcat (object_type, ".add", NULL);
  GError *local_error = NULL;

  if (!toa_store_begin (store, error))
    return FALSE;
  if (!add (store, record, &local_error)
      || !toa_audit_append (store, actor_id, action, object_type, *id, detail, &local_error)
      || !toa_store_commit (store, &local_error))
    return toa_store_abandon (store, local_error, error);
  return TRUE;
}

static gboolean
site_add (ToaStore *store, gpointer record, GError **error)
{
  return toa_store_site_add (store, record, error);
}

static gboolean
section_add (ToaStore *store, gpointer record, GError **error)
{
  return toa_store_section_add (store, record, error);
}

static gboolean
unit_add (ToaStore *store, gpointer record, GError **error)
{
  return toa_store_unit_add (store, record, error);
}

gboolean
toa_reference_add_site (ToaStore *store, gint64 actor_id, ToaSite *site, GError **error)
{
  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (site != NULL, FALSE);

  if (!toa_reference_check_code (site->code, _("Site code"), error) || !check_name (&site->name, error))
    return FALSE;
  if (site->kind == NULL)
    site->kind = g_strdup ("component");
  return add_audited (store, actor_id, site_add, site, &site->id, "site", site->code, site->name, error);
}

gboolean
toa_reference_add_section (ToaStore *store, gint64 actor_id, ToaSection *section, GError **error)
{
  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (section != NULL, FALSE);

  if (!toa_reference_check_code (section->code, _("Section code"), error)
      || !check_name (&section->name, error))
    return FALSE;
  if (section->position == 0)
    {
      g_autoptr(GPtrArray) existing = toa_store_section_list (store, section->site_id, error);

      if (existing == NULL)
        return FALSE;
      section->position = (int) existing->len + 1;
    }
  return add_audited (store, actor_id, section_add, section, &section->id, "section",
                      section->code, section->name, error);
}

gboolean
toa_reference_add_unit (ToaStore *store, gint64 actor_id, ToaUnit *unit, GError **error)
{
  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (unit != NULL, FALSE);

  if (!toa_reference_check_code (unit->code, _("Unit code"), error) || !check_name (&unit->name, error))
    return FALSE;
  return add_audited (store, actor_id, unit_add, unit, &unit->id, "unit", unit->code, unit->name, error);
}
