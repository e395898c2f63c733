/* toa-people.c — adding people (người dùng, cộng tác viên) with their roles per site:
 * validation at the boundary, one transaction, one audit record. */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-password.h"
#include "toa-people.h"
#include "toa-text.h"

#define MAX_NAME_CHARS 200

gboolean
toa_people_parse_role (ToaStore *store, const char *spec, ToaRoleGrant *out, GError **error)
{
  g_autofree char *role_code = NULL;
  g_autoptr(ToaSite) site = NULL;
  const char *site_code = "portal";
  const char *at;
  ToaRole role;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (spec == NULL)
    spec = "";
  at = strchr (spec, '@');
  if (at != NULL)
    {
      role_code = g_strndup (spec, (gsize) (at - spec));
      site_code = at + 1;
    }
  else
    role_code = g_strdup (spec);
  g_strstrip (role_code);

  if (!toa_role_from_code (role_code, &role))
    {
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; i < TOA_N_ROLES; i++)
        g_string_append_printf (codes, "%s%s", i > 0 ? ", " : "", toa_role_code ((ToaRole) i));
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not a role. Use one of: %s, optionally followed by @ and a site code."),
                   role_code, codes->str);
      return FALSE;
    }

  site = toa_store_site_find_checked (store, site_code, error);
  if (site == NULL)
    return FALSE;

  out->site_id = site->id;
  out->site_code = g_strdup (site->code);
  out->role = role;
  return TRUE;
}

static gboolean
login_is_valid (const char *login)
{
  gsize n = strlen (login);

  if (n < 2 || n > 64)
    return FALSE;
  for (const char *p = login; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* Normalises an optional field; "" and NULL both give NULL. */
static gboolean
optional_field (const char *text, const char *field, char **out, GError **error)
{
  char *value;

  *out = NULL;
  if (text == NULL)
    return TRUE;
  value = toa_text_normalize (text, -1, field, error);
  if (value == NULL)
    return FALSE;
  g_strstrip (value);
  if (*value == '\0')
    g_free (value);
  else
    *out = value;
  return TRUE;
}

static char *
person_detail (const ToaPerson *person)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (person->login != NULL)
    {
      json_builder_set_member_name (builder, "login");
      json_builder_add_string_value (builder, person->login);
    }
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, person->full_name);
  json_builder_set_member_name (builder, "contributor");
  json_builder_add_boolean_value (builder, person->contributor);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);
      g_autofree char *text = g_strdup_printf ("%s@%s", toa_role_code (grant->role),
                                               grant->site_code != NULL ? grant->site_code : "");
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

ToaPerson *
toa_people_add (ToaStore *store, gint64 actor_id, const char *login, const char *full_name,
                const char *email, gboolean contributor, const char *contract_no,
                const GArray *grants, const char *password, GError **error)
{
  g_autoptr(ToaPerson) person = toa_person_new ();
  g_autoptr(ToaPerson) existing = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *name = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  /* login: optional (a contributor who never signs in), ASCII, stored in lower case */
  if (!optional_field (login, _("Login"), &person->login, error))
    return NULL;
  if (person->login != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (person->login, -1);

      g_free (person->login);
      person->login = g_steal_pointer (&lower);
      if (!login_is_valid (person->login))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("The login “%s” is not valid. Use 2 to 64 letters a–z, digits, dots, underscores or hyphens."),
                       person->login);
          return NULL;
        }
    }

  if (!optional_field (full_name, _("Full name"), &name, error))
    return NULL;
  if (name == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: this field is required. Fill it in and try again."), _("Full name"));
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: too long (at most %d characters). Shorten it and try again."),
                   _("Full name"), MAX_NAME_CHARS);
      return NULL;
    }
  person->full_name = g_steal_pointer (&name);

  if (!optional_field (email, _("E-mail"), &person->email, error))
    return NULL;
  if (person->email != NULL && (strchr (person->email, '@') == NULL || strchr (person->email, ' ') != NULL))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not an e-mail address. Write it as name@example.vn."), person->email);
      return NULL;
    }
  if (!optional_field (contract_no, _("Contract number"), &person->contract_no, error))
    return NULL;
  person->contributor = contributor;
  person->active = TRUE;

  if (password != NULL)
    {
      if (person->login == NULL)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("%s: this field is required. Fill it in and try again."), _("Login"));
          return NULL;
        }
      hash = toa_password_hash (password, error);   /* slow: before the transaction */
      if (hash == NULL)
        return NULL;
    }

  for (guint i = 0; grants != NULL && i < grants->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (grants, ToaRoleGrant, i);

      toa_person_add_role (person, grant->site_id, grant->site_code, grant->role);
    }

  if (!toa_store_begin (store, error))
    return NULL;

  if (person->login != NULL)
    {
      existing = toa_store_person_find (store, person->login, &local_error);
      if (existing != NULL)
        {
          g_set_error (&local_error, TOA_ERROR, TOA_ERROR_CONFLICT,
                       _("The login “%s” is already taken. Choose another login."), person->login);
          goto failed;
        }
      if (!g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        goto failed;
      g_clear_error (&local_error);
    }

  if (!toa_store_person_add (store, person, hash, &local_error))
    goto failed;
  detail = person_detail (person);
  if (!toa_audit_append (store, actor_id, "person.add", "person", person->id, detail, &local_error))
    goto failed;
  if (!toa_store_commit (store, &local_error))
    goto failed;

  return g_steal_pointer (&person);

failed:
  toa_store_abandon (store, local_error, error);
  return NULL;
}

char *
toa_people_login_key (const char *login)
{
  g_autofree char *stripped = NULL;

  if (login == NULL || !g_utf8_validate (login, -1, NULL))
    return NULL;
  stripped = g_strstrip (g_strdup (login));
  return g_utf8_strdown (stripped, -1);
}

ToaPerson *
toa_people_find_actor (ToaStore *store, const char *login, GError **error)
{
  const char *signed_in;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  /* On the shared server each person signs in with their own account: a connection acts
   * only as the person it is signed in as. (Whoever opens the SQLite file is trusted.) */
  signed_in = toa_store_signed_in_login (store);
  if (signed_in != NULL)
    {
      g_autofree char *key = toa_people_login_key (login);
      g_autofree char *own = toa_people_login_key (signed_in);

      if (key == NULL || own == NULL || g_strcmp0 (key, own) != 0)
        {
          g_autofree char *shown = g_utf8_make_valid (login != NULL ? login : "", -1);

          g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                       _("On the shared server you act as yourself: this connection is signed in as “%s”, not “%s”."),
                       signed_in, shown);
          return NULL;
        }
    }
  return toa_people_find_active (store, login, error);
}

ToaPerson *
toa_people_find_active (ToaStore *store, const char *login, GError **error)
{
  g_autofree char *key = toa_people_login_key (login);
  g_autoptr(ToaPerson) person = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (key != NULL && *key != '\0')
    person = toa_store_person_find (store, key, &local_error);
  if (person == NULL)
    {
      if (local_error == NULL || g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("No one has the login “%s”; see “toasoan-cli user list”"),
                       login != NULL ? login : "");
        }
      else
        g_propagate_error (error, local_error);
      return NULL;
    }
  if (!person->active)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION, _("The account “%s” is inactive"), key);
      return NULL;
    }
  return g_steal_pointer (&person);
}

gboolean
toa_people_require_admin (ToaStore *store, const ToaPerson *actor, const char *action, GError **error)
{
  g_autoptr(ToaSite) portal = NULL;

  if (actor == NULL)
    return TRUE;
  if (!(portal = toa_store_site_find_checked (store, "portal", error)))
    return FALSE;
  if (actor->active && toa_person_has_role (actor, portal->id, TOA_ROLE_ADMIN))
    return TRUE;
  g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
               /* Translators: the first %s is a person, the second an action such as "change workflows" */
               _("%s may not %s: only the board’s administrator (role admin on the portal) may."),
               actor->full_name != NULL ? actor->full_name : actor->login, action);
  return FALSE;
}
