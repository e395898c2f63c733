/* toa-cli-user.c — `user add` and `user list`: people (người dùng, cộng tác viên) and
 * their roles per site. */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-people.h"

static void
clear_grant (gpointer data)
{
  ToaRoleGrant *grant = data;

  g_clear_pointer (&grant->site_code, g_free);
}

/* One line from stdin, without its line end. */
static char *
read_password_line (GError **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getc (stdin)) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (ferror (stdin))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_IO, _("Cannot read the password from standard input"));
      return NULL;
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

gboolean
toa_cli_user_add (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *login_raw = NULL, *name_raw = NULL, *email_raw = NULL, *contract_raw = NULL;
  g_auto(GStrv) roles_raw = NULL;
  gboolean contributor = FALSE, password_stdin = FALSE;
  GOptionEntry entries[] = {
    { "login", 0, 0, G_OPTION_ARG_FILENAME, &login_raw, N_("Login name (letters, digits, . _ -)"), N_("LOGIN") },
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name_raw, N_("Full name"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &roles_raw,
      N_("A role, on the portal or on a site (repeatable)"), N_("ROLE[@SITE]") },
    { "email", 0, 0, G_OPTION_ARG_FILENAME, &email_raw, N_("E-mail address"), N_("EMAIL") },
    { "contributor", 0, 0, G_OPTION_ARG_NONE, &contributor, N_("A contributor who receives royalties"), NULL },
    { "contract", 0, 0, G_OPTION_ARG_FILENAME, &contract_raw, N_("Contributor contract number"), N_("NO") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from the first line of standard input"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *login = NULL, *name = NULL, *email = NULL, *contract = NULL;
  g_autofree char *password_raw = NULL, *password = NULL;
  g_autoptr(GArray) grants = NULL;
  g_autoptr(ToaPerson) person = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error))
    return FALSE;
  if (!contributor && !toa_cli_require (login_raw, "--login", error))
    return FALSE;
  if (!toa_cli_require (name_raw, "--name", error))
    return FALSE;

  if (!toa_cli_text (login_raw, "--login", &login, error)
      || !toa_cli_text (name_raw, "--name", &name, error)
      || !toa_cli_text (email_raw, "--email", &email, error)
      || !toa_cli_text (contract_raw, "--contract", &contract, error))
    return FALSE;
  if (password_stdin
      && (!(password_raw = read_password_line (error))
          || !toa_cli_text (password_raw, _("Password"), &password, error)))
    return FALSE;

  if (!(store = toa_cli_store (cli, error)))
    return FALSE;

  grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_array_set_clear_func (grants, clear_grant);
  for (guint i = 0; roles_raw != NULL && roles_raw[i] != NULL; i++)
    {
      g_autofree char *spec = NULL;
      ToaRoleGrant grant = { 0 };

      if (!toa_cli_text (roles_raw[i], "--role", &spec, error)
          || !toa_people_parse_role (store, spec, &grant, error))
        return FALSE;
      g_array_append_val (grants, grant);
    }

  person = toa_people_add (store, 0, login, name, email, contributor, contract, grants,
                           password, error);
  if (person == NULL)
    return FALSE;

  if (cli->json)
    toa_cli_print_json (toa_cli_json_person (person));
  else
    {
      g_autofree char *roles = toa_person_roles_text (person);

      toa_cli_print (_("Added %s (id %lld)"), person->full_name, (long long) person->id);
      if (roles != NULL && *roles != '\0')
        toa_cli_print (": %s", roles);
      toa_cli_print ("\n");
    }
  return TRUE;
}

gboolean
toa_cli_user_list (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) people = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error))
    return FALSE;
  if (!(store = toa_cli_store (cli, error)))
    return FALSE;
  if (!(people = toa_store_person_list (store, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < people->len; i++)
        json_array_add_element (array, toa_cli_json_person (g_ptr_array_index (people, i)));
      toa_cli_print_json (toa_cli_json_wrap ("people", array));
    }
  else
    {
      const char *headers[] = { _("ID"), _("Login"), _("Name"), _("Contributor"), _("Roles") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (5, headers);

      for (guint i = 0; i < people->len; i++)
        {
          ToaPerson *person = g_ptr_array_index (people, i);
          g_autofree char *id = g_strdup_printf ("%lld", (long long) person->id);
          g_autofree char *roles = toa_person_roles_text (person);

          toa_cli_table_add (table, id, person->login != NULL ? person->login : "—",
                             person->full_name, person->contributor ? _("yes") : "", roles);
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}
