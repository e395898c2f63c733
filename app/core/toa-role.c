/* toa-role.c — role codes and their labels. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-role.h"

static const struct {
  const char *code;
  const char *label;
  gboolean writes_articles;
} roles[TOA_N_ROLES] = {
  [TOA_ROLE_HEAD] = { "head", N_("Head of the board"), TRUE },
  [TOA_ROLE_STANDING_DEPUTY] = { "standing-deputy", N_("Standing deputy head"), TRUE },
  [TOA_ROLE_DEPUTY] = { "deputy", N_("Deputy head"), TRUE },
  [TOA_ROLE_SECRETARY] = { "secretary", N_("Secretary"), TRUE },
  [TOA_ROLE_MEMBER] = { "member", N_("Board member"), TRUE },
  [TOA_ROLE_EDITOR] = { "editor", N_("Editor"), TRUE },
  [TOA_ROLE_TECHNICIAN] = { "technician", N_("Technician"), TRUE },
  [TOA_ROLE_ACCOUNTANT] = { "accountant", N_("Accountant"), FALSE },
  [TOA_ROLE_ADMIN] = { "admin", N_("Administrator"), FALSE },
};

const char *
toa_role_code (ToaRole role)
{
  g_return_val_if_fail (role < TOA_N_ROLES, NULL);
  return roles[role].code;
}

const char *
toa_role_label (ToaRole role)
{
  g_return_val_if_fail (role < TOA_N_ROLES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, roles[role].label);
}

gboolean
toa_role_from_code (const char *code, ToaRole *out)
{
  for (guint i = 0; code != NULL && i < TOA_N_ROLES; i++)
    if (g_str_equal (code, roles[i].code))
      {
        *out = (ToaRole) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
toa_role_can_write_articles (ToaRole role)
{
  return role < TOA_N_ROLES && roles[role].writes_articles;
}
