/* toa-cli-check.c — the pre-publish checks on the command line: `article check ID` (what to
 * fix before an item may be published; exit 2 when something blocks) and `board
 * prepublish-rules [set CODE block|warn|off --as ADMIN]` (the board's rules, with sources). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-prepublish.h"

static const char *
severity_label (ToaCheckSeverity severity)
{
  switch (severity)
    {
    case TOA_CHECK_BLOCK:
      /* Translators: a pre-publish check that stops publication */
      return _("blocks");
    case TOA_CHECK_WARN:
      /* Translators: a pre-publish check that only warns */
      return _("warns");
    case TOA_CHECK_OFF:
    default:
      /* Translators: a pre-publish check that is switched off */
      return _("off");
    }
}

static JsonArray *
problems_json (const GPtrArray *results)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < results->len; i++)
    {
      const ToaCheckResult *result = results->pdata[i];
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "code", result->code);
      json_object_set_string_member (object, "severity", toa_check_severity_to_string (result->severity));
      json_object_set_string_member (object, "message", result->message);
      json_array_add_object_element (array, object);
    }
  return array;
}

gboolean
toa_cli_article_check (ToaCli *cli, char **args, GError **error)
{
  GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gboolean blocks;
  gint64 id = 0;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_article_id (args[1], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !(article = toa_store_article_get (store, id, error))
      || !(results = toa_prepublish_check (store, article, error)))
    return FALSE;
  blocks = toa_prepublish_blocks (results);

  if (cli->json)
    {
      if (!blocks)
        {
          JsonObject *object = json_object_new ();
          JsonNode *node = json_node_new (JSON_NODE_OBJECT);

          json_object_set_int_member (object, "article", id);
          json_object_set_boolean_member (object, "publishable", TRUE);
          json_object_set_array_member (object, "problems", problems_json (results));
          json_node_take_object (node, object);
          toa_cli_print_json (node);
          return TRUE;
        }
      g_clear_pointer (&cli->error_detail, json_object_unref);
      cli->error_detail = json_object_new ();
      json_object_set_int_member (cli->error_detail, "article", id);
      json_object_set_array_member (cli->error_detail, "problems", problems_json (results));
    }
  else
    {
      for (guint i = 0; i < results->len; i++)
        {
          const ToaCheckResult *result = results->pdata[i];

          toa_cli_print ("%s\t%s\t%s\n", severity_label (result->severity), result->code, result->message);
        }
      if (!blocks)
        {
          toa_cli_print (_("Item %lld may be published.\n"), (long long) id);
          return TRUE;
        }
    }
  {
    g_autofree char *list = toa_prepublish_describe (results, TRUE);

    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 /* Translators: the item's number, then the problems, one per line */
                 _("Item %lld cannot be published yet. Fix these first:\n%s"), (long long) id, list);
  }
  return FALSE;
}

static gboolean
print_rules (ToaCli *cli, ToaStore *store, GError **error)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *source = NULL;
  int title_max = 0;

  if (!(rules = toa_prepublish_rules (store, &source, &title_max, error)))
    return FALSE;
  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonArray *array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "source", source);
      json_object_set_int_member (object, "title_max_chars", title_max);
      for (guint i = 0; i < rules->len; i++)
        {
          const ToaCheckRule *rule = rules->pdata[i];
          JsonObject *item = json_object_new ();

          json_object_set_string_member (item, "code", rule->code);
          json_object_set_string_member (item, "severity", toa_check_severity_to_string (rule->severity));
          json_object_set_string_member (item, "source", rule->source);
          json_array_add_object_element (array, item);
        }
      json_object_set_array_member (object, "rules", array);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
      return TRUE;
    }
  {
    const char *headers[] = { _("Check"), _("Severity"), _("Source") };
    g_autoptr(ToaCliTable) table = toa_cli_table_new (3, headers);

    for (guint i = 0; i < rules->len; i++)
      {
        const ToaCheckRule *rule = rules->pdata[i];

        toa_cli_table_add (table, rule->code, toa_check_severity_to_string (rule->severity), rule->source);
      }
    toa_cli_table_print (table);
    toa_cli_print (_("Title: at most %d characters.\n"), title_max);
    toa_cli_print (_("Source: %s\n"), source);
  }
  return TRUE;
}

gboolean
toa_cli_board_prepublish_rules (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the administrator changing a rule"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *code = NULL;
  g_autoptr(ToaPerson) actor = NULL;
  ToaCheckSeverity severity;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 3, error))
    return FALSE;
  if (args[1] == NULL)
    {
      if (as_raw != NULL)
        {
          toa_cli_usage_error (error, _("--as is for changing a rule: give “set CODE block|warn|off” too"));
          return FALSE;
        }
      return (store = toa_cli_store (cli, error)) != NULL && print_rules (cli, store, error);
    }
  if (!g_str_equal (args[1], "set") || args[2] == NULL || args[3] == NULL)
    {
      toa_cli_usage_error (error, _("Write “board prepublish-rules set CODE block|warn|off --as LOGIN”"));
      return FALSE;
    }
  if (!toa_check_severity_from_string (args[3], &severity))
    {
      g_autofree char *shown = g_utf8_make_valid (args[3], -1);

      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not a severity: write block, warn or off."), shown);
      return FALSE;
    }
  if (!toa_cli_require (as_raw, "--as", error)
      || !toa_cli_text (args[2], _("Check code"), &code, error)
      || !(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !toa_prepublish_set_severity (store, actor, code, severity, error))
    return FALSE;
  return print_rules (cli, store, error);
}
