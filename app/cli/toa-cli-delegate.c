/* toa-cli-delegate.c — `delegate`: a person lets a named person take some of their actions on
 * a site for a date range (ủy quyền), signing KT. or TL.; `delegate list` and `delegate revoke`.
 * The rules are core's (toa-delegation.h). */
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
  g_autofree char *from_login = NULL, *to_login = NULL, *form_raw = NULL, *form = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_raw, N_("Login of the person delegating"), N_("LOGIN") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_raw, N_("Login of the person acting for them"), N_("LOGIN") },
    { "actions", 0, 0, G_OPTION_ARG_FILENAME, &actions_raw, N_("Actions, comma-separated"), N_("A,B") },
    { "from-date", 0, 0, G_OPTION_ARG_FILENAME, &from_date_raw, N_("First day (inclusive)"), N_("DATE") },
    { "to-date", 0, 0, G_OPTION_ARG_FILENAME, &to_date_raw, N_("Last day (inclusive)"), N_("DATE") },
    { "site", 0, 0, G_OPTION_ARG_FILENAME, &site_raw, N_("Site code (default: portal)"), N_("CODE") },
    { "form", 0, 0, G_OPTION_ARG_FILENAME, &form_raw,
      N_("Form of signing: kt (ký thay, default) or tl (thừa lệnh)"), N_("kt|tl") },
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
      || !toa_cli_text (site_raw, "--site", &site, error)
      || !toa_cli_text (form_raw, "--form", &form, error))
    return FALSE;
  actions = g_strsplit (actions_text, ",", -1);
  if (!(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !(delegation = toa_delegation_add_with_form (store, actor, from_login, to_login, site,
                                                      (const char * const *) actions, from_date, to_date,
                                                      form, error)))
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
      json_object_set_string_member (object, "form", delegation->form);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    {
      g_autofree char *joined = g_strjoinv (", ", delegation->actions);
      g_autofree char *first = toa_format_iso_date (delegation->from_date);
      g_autofree char *last = toa_format_iso_date (delegation->to_date);

      /* Translators: delegation number, delegator, delegate, actions, first and last day, form (KT/TL) */
      toa_cli_print (_("Delegation %lld: %s → %s: %s, %s to %s, signed %s.\n"), (long long) delegation->id,
                     delegation->from_name, delegation->to_name, joined, first, last, delegation->form);
    }
  return TRUE;
}

static gboolean
parse_delegation_id (const char *text, gint64 *out, GError **error)
{
  g_autofree char *shown = NULL;

  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;
  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("“%s” is not a delegation number. See them with “toasoan-cli delegate list --all”."),
               shown);
  return FALSE;
}

static char *
site_code (GPtrArray *sites, gint64 id)
{
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      const ToaSite *site = g_ptr_array_index (sites, i);

      if (site->id == id)
        return g_strdup (site->code);
    }
  return g_strdup_printf ("%lld", (long long) id);
}

gboolean
toa_cli_delegate_list (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Only those given by or to this person"), N_("LOGIN") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Include ended and revoked delegations"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) person = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  ToaStore *store;
  GDate today;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !(store = toa_cli_store (cli, error))
      || (as_raw != NULL && !(person = toa_cli_actor (cli, as_raw, error)))
      || !(list = toa_delegation_list (store, person != NULL ? person->id : 0, all, 0, error))
      || !(sites = toa_store_site_list (store, error)))
    return FALSE;
  toa_transitions_local_date (toa_now_usec (), &today);

  if (cli->json)
    {
      JsonArray *array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < list->len; i++)
        {
          const ToaDelegation *d = g_ptr_array_index (list, i);
          JsonObject *object = json_object_new ();
          JsonArray *actions = json_array_new ();
          g_autofree char *site = site_code (sites, d->site_id);

          for (guint k = 0; d->actions[k] != NULL; k++)
            json_array_add_string_element (actions, d->actions[k]);
          json_object_set_int_member (object, "id", d->id);
          json_object_set_string_member (object, "from", d->from_name);
          json_object_set_string_member (object, "to", d->to_name);
          json_object_set_string_member (object, "site", site);
          json_object_set_array_member (object, "actions", actions);
          json_object_set_string_member (object, "from_date", d->from_date);
          json_object_set_string_member (object, "to_date", d->to_date);
          json_object_set_string_member (object, "form", d->form);
          json_object_set_string_member (object, "status",
                                         toa_delegation_status_code (toa_delegation_status (d, &today)));
          json_array_add_object_element (array, object);
        }
      json_node_take_array (node, array);
      toa_cli_print_json (node);
      return TRUE;
    }
  if (list->len == 0)
    {
      toa_cli_print ("%s\n", all ? _("No delegations.")
                                 : _("No delegations in force or upcoming. Add --all to see ended and revoked ones."));
      return TRUE;
    }
  {
    const char *headers[] = { _("No."), _("From"), _("To"), _("Site"), _("Actions"), _("Dates"),
                              _("Form"), _("Status") };
    g_autoptr(ToaCliTable) table = toa_cli_table_new (G_N_ELEMENTS (headers), headers);

    for (guint i = 0; i < list->len; i++)
      {
        const ToaDelegation *d = g_ptr_array_index (list, i);
        g_autofree char *id = g_strdup_printf ("%lld", (long long) d->id);
        g_autofree char *site = site_code (sites, d->site_id);
        g_autofree char *joined = g_strjoinv (",", d->actions);
        g_autofree char *first = toa_format_iso_date (d->from_date);
        g_autofree char *last = toa_format_iso_date (d->to_date);
        g_autofree char *dates = g_strdup_printf ("%s–%s", first, last);
        g_autofree char *form = g_strdup_printf ("%s.", d->form);

        toa_cli_table_add (table, id, d->from_name, d->to_name, site, joined, dates, form,
                           toa_delegation_status_label (toa_delegation_status (d, &today)));
      }
    toa_cli_table_print (table);
  }
  return TRUE;
}

gboolean
toa_cli_delegate_revoke (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the delegator or the administrator"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) actor = NULL;
  gint64 id = 0;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !parse_delegation_id (args[1], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !toa_delegation_revoke (store, actor, id, error))
    return FALSE;
  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "id", id);
      json_object_set_string_member (object, "status", "revoked");
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    toa_cli_print (_("Delegation %lld revoked; acts under it are no longer allowed.\n"), (long long) id);
  return TRUE;
}
