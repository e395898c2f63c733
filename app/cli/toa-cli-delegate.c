/* toa-cli-delegate.c — `delegate`: a person lets a named person take some of their actions on
 * a site for a date range (ủy quyền); the rules are core's (toa-delegation.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-text.h"
#include "toa-cli-output.h"
#include "toa-delegation.h"
#include "toa-error.h"

gboolean
toa_cli_delegate (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *from_raw = NULL, *to_raw = NULL, *actions_raw = NULL;
  g_autofree char *from_date_raw = NULL, *to_date_raw = NULL, *site_raw = NULL;
  g_autofree char *actions_text = NULL, *from_date = NULL, *to_date = NULL, *site = NULL;
  g_autofree char *from_login = NULL, *to_login = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_raw, N_("Login of the person delegating"), N_("LOGIN") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_raw, N_("Login of the person acting for them"), N_("LOGIN") },
    { "actions", 0, 0, G_OPTION_ARG_FILENAME, &actions_raw, N_("Actions, comma-separated"), N_("A,B") },
    { "from-date", 0, 0, G_OPTION_ARG_FILENAME, &from_date_raw, N_("First day (inclusive)"), N_("DATE") },
    { "to-date", 0, 0, G_OPTION_ARG_FILENAME, &to_date_raw, N_("Last day (inclusive)"), N_("DATE") },
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Site code (default: portal)"), N_("CODE") },
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the delegator or the administrator"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) actor = NULL;
  g_autoptr(ToaDelegation) delegation = NULL;
  g_auto(GStrv) actions = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (from_raw, "--from", error)
      || !toa_cli_require (to_raw, "--to", error)
      || !toa_cli_require (actions_raw, "--actions", error)
      || !toa_cli_require (from_date_raw, "--from-date", error)
      || !toa_cli_require (to_date_raw, "--to-date", error)
      || !toa_cli_require (as_raw, "--as", error)
      || !toa_cli_text (from_raw, "--from", &from_login, error)
      || !toa_cli_text (to_raw, "--to", &to_login, error)
      || !toa_cli_text (actions_raw, "--actions", &actions_text, error)
      || !toa_cli_text (from_date_raw, "--from-date", &from_date, error)
      || !toa_cli_text (to_date_raw, "--to-date", &to_date, error)
      || !toa_cli_text (site_raw, "--site", &site, error))
    return FALSE;
  actions = g_strsplit (actions_text, ",", -1);
  if (!(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !(delegation = toa_delegation_add (store, actor, from_login, to_login, site,
                                            (const char * const *) actions, from_date, to_date, error)))
    return FALSE;

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonArray *list = json_array_new ();

      for (guint i = 0; delegation->actions[i] != NULL; i++)
        json_array_add_string_element (list, delegation->actions[i]);
      json_object_set_int_member (object, "id", delegation->id);
      json_object_set_string_member (object, "from", delegation->from_name);
      json_object_set_string_member (object, "to", delegation->to_name);
      json_object_set_array_member (object, "actions", list);
      json_object_set_string_member (object, "from_date", delegation->from_date);
      json_object_set_string_member (object, "to_date", delegation->to_date);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    {
      g_autofree char *joined = g_strjoinv (", ", delegation->actions);
      g_autofree char *first = toa_format_iso_date (delegation->from_date);
      g_autofree char *last = toa_format_iso_date (delegation->to_date);

      /* Translators: delegation number, delegator, delegate, actions, first and last day */
      toa_cli_print (_("Delegation %lld: %s → %s: %s, %s to %s\n"), (long long) delegation->id,
                     delegation->from_name, delegation->to_name, joined, first, last);
    }
  return TRUE;
}
