/* toa-cli-actions.c — `workflow actions ID --as LOGIN`: the actions a person may take on an
 * item now (toa_transitions_available), with where each leads, what it needs, whether it is
 * taken under a delegation (KT.) and whether it becomes a request for approval. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-transition-actions.h"

static const char *
kind_code (ToaActionKind kind)
{
  switch (kind)
    {
    case TOA_ACTION_APPROVE_REQUEST:
      return "approve-request";
    case TOA_ACTION_REJECT_REQUEST:
      return "reject-request";
    case TOA_ACTION_TRANSITION:
    default:
      return "transition";
    }
}

/* "comment, ground, time" — what the person must give. */
static char *
needs_text (const ToaAvailableAction *a)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (a->comment_required)
    g_ptr_array_add (parts, _("comment"));
  if (a->ground_required)
    g_ptr_array_add (parts, _("ground"));
  if (a->needs_time)
    g_ptr_array_add (parts, _("time"));
  if (a->targets != NULL)
    g_ptr_array_add (parts, _("target"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static JsonNode *
action_json (const ToaAvailableAction *a)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "code", a->code);
  json_object_set_string_member (object, "kind", kind_code (a->kind));
  json_object_set_string_member (object, "name", a->name);
  json_object_set_string_member (object, "to", a->to);
  json_object_set_string_member (object, "to_name", a->to_name);
  if (a->targets != NULL)
    {
      JsonArray *targets = json_array_new ();

      for (guint i = 0; a->targets[i] != NULL; i++)
        {
          JsonObject *target = json_object_new ();

          json_object_set_string_member (target, "code", a->targets[i]);
          json_object_set_string_member (target, "name", a->target_names[i]);
          json_array_add_object_element (targets, target);
        }
      json_object_set_array_member (object, "targets", targets);
    }
  else
    json_object_set_null_member (object, "targets");
  json_object_set_boolean_member (object, "comment_required", a->comment_required);
  json_object_set_boolean_member (object, "ground_required", a->ground_required);
  json_object_set_boolean_member (object, "needs_time", a->needs_time);
  json_object_set_boolean_member (object, "publishes", a->publishes);
  json_object_set_boolean_member (object, "becomes_request", a->becomes_request);
  if (a->on_behalf_of != 0)
    {
      json_object_set_int_member (object, "on_behalf_of_id", a->on_behalf_of);
      json_object_set_string_member (object, "on_behalf_of", a->on_behalf_of_name);
      json_object_set_string_member (object, "behalf_form", a->behalf_form);
    }
  else
    {
      json_object_set_null_member (object, "on_behalf_of_id");
      json_object_set_null_member (object, "on_behalf_of");
      json_object_set_null_member (object, "behalf_form");
    }
  if (a->request_id != 0)
    json_object_set_int_member (object, "request_id", a->request_id);
  else
    json_object_set_null_member (object, "request_id");
  json_node_take_object (node, object);
  return node;
}

static void
print_table (GPtrArray *actions)
{
  const char *headers[] = { _("Action"), _("Name"), _("Leads to"), _("Needs"),
                            _("Delegation"), _("Note") };
  g_autoptr(ToaCliTable) table = toa_cli_table_new (G_N_ELEMENTS (headers), headers);

  for (guint i = 0; i < actions->len; i++)
    {
      const ToaAvailableAction *a = g_ptr_array_index (actions, i);
      g_autofree char *to = NULL;
      g_autofree char *needs = needs_text (a);
      g_autofree char *behalf = NULL;

      if (a->targets != NULL)
        {
          g_autofree char *codes = g_strjoinv (" | ", a->targets);

          /* Translators: a return: the earlier steps to choose from, e.g. "one of: draft | editing" */
          to = g_strdup_printf (_("one of: %s"), codes);
        }
      else if (a->to != NULL)
        to = g_strdup_printf ("%s (%s)", a->to, a->to_name != NULL ? a->to_name : a->to);
      if (a->on_behalf_of != 0)
        behalf = toa_transitions_behalf_text (a->behalf_form, a->on_behalf_of_name != NULL ? a->on_behalf_of_name : "?");
      toa_cli_table_add (table, a->code, a->name, to, needs, behalf,
                         a->becomes_request ? _("request for approval") : NULL);
    }
  toa_cli_table_print (table);
}

gboolean
toa_cli_workflow_actions (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person who would act"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) person = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;
  gint64 id = 0;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !toa_cli_article_id (args[1], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !(person = toa_cli_actor (cli, as_raw, error))
      || !(actions = toa_transitions_available (store, person, id, 0, error))
      || !(flow = toa_store_article_flow_get (store, id, error)))
    return FALSE;

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < actions->len; i++)
        json_array_add_element (array, action_json (g_ptr_array_index (actions, i)));
      json_object_set_int_member (object, "id", id);
      json_object_set_string_member (object, "state", flow->state);
      json_object_set_array_member (object, "actions", array);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else if (actions->len == 0)
    toa_cli_print (_("%s can take no action on item %lld now (state “%s”).\n"),
                   person->full_name, (long long) id, flow->state);
  else
    print_table (actions);
  return TRUE;
}
