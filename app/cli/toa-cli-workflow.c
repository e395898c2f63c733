/* toa-cli-workflow.c — workflow definitions (quy trình): the stored presets, one definition
 * with its states and transitions, checking a JSON definition file, importing one as a
 * new version (the administrator only); the board's default workflow; taking a transition on an item (workflow do) and
 * its timeline (workflow history). */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-text.h"
#include "toa-transitions.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

gboolean
toa_cli_workflow_presets (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) workflows = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error)
      || !(store = toa_cli_store (cli, error))
      || !(workflows = toa_workflow_load_all (store, error)))
    return FALSE;
  if (workflows->len == 0)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                           _("This database has no workflows yet. Run “toasoan-cli init” to add the presets."));
      return FALSE;
    }

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < workflows->len; i++)
        {
          const ToaWorkflow *workflow = g_ptr_array_index (workflows, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "code", workflow->code);
          json_object_set_string_member (object, "name", workflow->name);
          json_object_set_int_member (object, "version", workflow->version);
          json_object_set_int_member (object, "states", workflow->states->len);
          json_object_set_int_member (object, "transitions", workflow->transitions->len);
          json_object_set_string_member (object, "source", workflow->source);
          json_array_add_object_element (array, object);
        }
      toa_cli_print_json (toa_cli_json_wrap ("workflows", array));
    }
  else
    {
      const char *headers[] = { _("Code"), _("Version"), _("States"), _("Transitions"), _("Name") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (5, headers);

      for (guint i = 0; i < workflows->len; i++)
        {
          const ToaWorkflow *workflow = g_ptr_array_index (workflows, i);
          g_autofree char *version = g_strdup_printf ("%d", workflow->version);
          g_autofree char *states = g_strdup_printf ("%u", workflow->states->len);
          g_autofree char *transitions = g_strdup_printf ("%u", workflow->transitions->len);

          toa_cli_table_add (table, workflow->code, version, states, transitions, workflow->name);
        }
      toa_cli_table_print (table);
      toa_cli_print ("\n");
      for (guint i = 0; i < workflows->len; i++)
        {
          const ToaWorkflow *workflow = g_ptr_array_index (workflows, i);

          /* Translators: a workflow code, then the regulation it follows */
          toa_cli_print (_("%s — source: %s\n"), workflow->code, workflow->source);
        }
    }
  return TRUE;
}

static char *
roles_text (GStrv roles)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", roles[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "comment, ground, publishes, delegable → secretary, designed only, approval: head". */
static char *
conditions_text (const ToaWorkflowTransition *t)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (t->comment_required)
    g_ptr_array_add (parts, g_strdup (_("comment")));
  if (t->ground_required)
    g_ptr_array_add (parts, g_strdup (_("refusal ground")));
  if (t->publishes)
    g_ptr_array_add (parts, g_strdup (_("publishes")));
  if (t->delegable)
    {
      g_autofree char *to = roles_text (t->delegable_to);

      g_ptr_array_add (parts, *to != '\0' ? g_strdup_printf (_("delegable to %s"), to)
                                          : g_strdup (_("delegable")));
    }
  if (t->genre_rule == TOA_WORKFLOW_DESIGNED_ONLY)
    g_ptr_array_add (parts, g_strdup (_("designed products only")));
  else if (t->genre_rule == TOA_WORKFLOW_NOT_DESIGNED)
    g_ptr_array_add (parts, g_strdup (_("not for designed products")));
  if (t->approval_roles != NULL && t->approval_roles[0] != NULL)
    {
      g_autofree char *who = roles_text (t->approval_roles);

      g_ptr_array_add (parts, g_strdup_printf (_("approval by %s"), who));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static void
print_workflow (const ToaWorkflow *workflow)
{
  const char *state_headers[] = { _("State"), _("Step"), _("Name"), "" };
  const char *transition_headers[] = { _("Action"), _("From"), _("To"), _("Roles"), _("Conditions") };
  g_autoptr(ToaCliTable) states = toa_cli_table_new (4, state_headers);
  g_autoptr(ToaCliTable) transitions = toa_cli_table_new (5, transition_headers);

  toa_cli_print ("%s (%s, %s %d)\n", workflow->name != NULL ? workflow->name : workflow->code,
                 workflow->code, _("version"), workflow->version);
  if (workflow->source != NULL)
    toa_cli_print (_("Source: %s\n"), workflow->source);
  toa_cli_print ("\n");

  for (guint i = 0; i < workflow->states->len; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (workflow->states, i);
      g_autofree char *flags = g_strjoin (" ", state->start ? _("start") : "",
                                          state->entry ? _("entry") : "",
                                          state->end ? _("end") : "", NULL);

      toa_cli_table_add (states, state->code, state->step_label, state->name, g_strstrip (flags));
    }
  toa_cli_table_print (states);
  toa_cli_print ("\n");

  for (guint i = 0; i < workflow->transitions->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, i);
      g_autofree char *from = roles_text (t->from);
      g_autofree char *roles = roles_text (t->roles);
      g_autofree char *conditions = conditions_text (t);

      toa_cli_table_add (transitions, t->code, from,
                         g_strcmp0 (t->to, TOA_WORKFLOW_TO_EARLIER) == 0 ? _("an earlier step") : t->to,
                         roles, conditions);
    }
  toa_cli_table_print (transitions);
}

gboolean
toa_cli_workflow_show (ToaCli *cli, char **args, GError **error)
{
  int version = 0;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("That version (default: the latest)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *code = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_text (args[1], _("Workflow code"), &code, error))
    return FALSE;
  if (version < 0)
    {
      toa_cli_usage_error (error, _("--version must be 1 or more"));
      return FALSE;
    }
  if (!(store = toa_cli_store (cli, error))
      || !(workflow = toa_workflow_load (store, code, version, error)))
    return FALSE;

  if (cli->json)
    toa_cli_print_json (toa_workflow_to_node (workflow));
  else
    print_workflow (workflow);
  return TRUE;
}

/* Reads and parses a definition file (UTF-8 checked, NFC). */
static ToaWorkflow *
read_definition (const char *raw_path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (raw_path, &contents, &length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (raw_path);

      g_set_error (error, TOA_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? TOA_ERROR_NOT_FOUND : TOA_ERROR_IO,
                   _("Cannot read the workflow file %s: %s"), display, local_error->message);
      return NULL;
    }
  if (!(text = toa_text_normalize (contents, (gssize) length, _("Workflow file"), error)))
    return NULL;
  return toa_workflow_from_json (text, -1, error);
}

gboolean
toa_cli_workflow_validate (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (!toa_cli_parse (cli, NULL, args, 1, 1, error)
      || !(workflow = read_definition (args[1], error)))
    return FALSE;

  problems = toa_workflow_validate (workflow);
  if (problems->len > 0)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < problems->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (problems, i));
      g_clear_pointer (&cli->error_detail, json_object_unref);
      cli->error_detail = json_object_new ();
      json_object_set_array_member (cli->error_detail, "problems", array);
      return toa_workflow_validate_checked (workflow, error);
    }

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_boolean_member (object, "valid", TRUE);
      json_object_set_string_member (object, "code", workflow->code);
      json_object_set_int_member (object, "states", workflow->states->len);
      json_object_set_int_member (object, "transitions", workflow->transitions->len);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    toa_cli_print (_("%s: valid (%u states, %u transitions)\n"), workflow->code,
                   workflow->states->len, workflow->transitions->len);
  return TRUE;
}

gboolean
toa_cli_workflow_import (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the administrator importing it"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(ToaPerson) actor = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !(workflow = read_definition (args[1], error))
      || !(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !toa_workflow_save_version (store, actor, workflow, error))
    return FALSE;

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "code", workflow->code);
      json_object_set_int_member (object, "version", workflow->version);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    toa_cli_print (_("Saved workflow %s as version %d\n"), workflow->code, workflow->version);
  return TRUE;
}

/* Prints the board's default workflow (its latest version). */
static gboolean
print_default (ToaCli *cli, ToaStore *store, gboolean changed, GError **error)
{
  g_autofree char *code = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;

  if (!(code = toa_delegation_default_workflow (store, error))
      || !(workflow = toa_workflow_load (store, code, 0, error)))
    return FALSE;

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_string_member (object, "code", workflow->code);
      json_object_set_string_member (object, "name", workflow->name);
      json_object_set_int_member (object, "version", workflow->version);
      json_object_set_string_member (object, "source", workflow->source);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else
    {
      /* Translators: the workflow's code, its name, its latest version */
      toa_cli_print (_("Default workflow: %s — %s (version %d)\n"), workflow->code,
                     workflow->name != NULL ? workflow->name : workflow->code, workflow->version);
      if (workflow->source != NULL && *workflow->source != '\0')
        toa_cli_print (_("Source: %s\n"), workflow->source);
      if (changed)
        toa_cli_print (_("New items take it at their first action; items under way keep their workflow and version.\n"));
    }
  return TRUE;
}

gboolean
toa_cli_workflow_default (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the administrator setting it"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autofree char *code = NULL;
  g_autoptr(ToaPerson) actor = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 1, error))
    return FALSE;
  if (args[1] == NULL)
    {
      if (as_raw != NULL)
        {
          toa_cli_usage_error (error, _("--as is for setting the default: give the workflow code too"));
          return FALSE;
        }
      return (store = toa_cli_store (cli, error)) != NULL && print_default (cli, store, FALSE, error);
    }

  if (!toa_cli_require (as_raw, "--as", error)
      || !toa_cli_text (args[1], _("Workflow code"), &code, error)
      || !(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !toa_workflow_set_default (store, actor, code, error))
    return FALSE;
  return print_default (cli, store, TRUE, error);
}

/* ---- transitions on items: workflow do, workflow history ------------------------------- */

static gboolean
parse_item_id (const char *text, gint64 *out, GError **error)
{
  g_autofree char *shown = NULL;

  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;
  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("“%s” is not an item number. See the numbers with “toasoan-cli article list”."),
               shown);
  return FALSE;
}

/* "2025-03-01 08:30", "2025-03-01T08:30[:00]" in Vietnam time, or ISO 8601 with a zone. */
static gboolean
parse_datetime (const char *text, gint64 *out, GError **error)
{
  g_autoptr(GTimeZone) vietnam = g_time_zone_new_offset (7 * 3600);
  g_autofree char *iso = g_strdup (text);
  g_autoptr(GDateTime) when = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("--at: not valid UTF-8. Write it as YYYY-MM-DD HH:MM (Vietnam time)."));
      return FALSE;
    }
  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  when = g_date_time_new_from_iso8601 (iso, vietnam);
  if (when == NULL && strlen (iso) == 16)
    {
      g_autofree char *with_seconds = g_strconcat (iso, ":00", NULL);

      when = g_date_time_new_from_iso8601 (with_seconds, vietnam);
    }
  if (when == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("--at: “%s” is not a date and time. Write it as YYYY-MM-DD HH:MM (Vietnam time)."),
                   text);
      return FALSE;
    }
  *out = g_date_time_to_unix (when) * G_USEC_PER_SEC + g_date_time_get_microsecond (when);
  return TRUE;
}

gboolean
toa_cli_workflow_do (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL, *comment_raw = NULL, *reason_raw = NULL, *target_raw = NULL;
  g_autofree char *at_raw = NULL;
  g_autofree char *action = NULL, *comment = NULL, *reason = NULL, *target = NULL;
  gint64 expected = 0;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person acting"), N_("LOGIN") },
    { "comment", 0, 0, G_OPTION_ARG_FILENAME, &comment_raw, N_("Why (required to return, escalate, refuse…)"), N_("TEXT") },
    { "reason", 0, 0, G_OPTION_ARG_FILENAME, &reason_raw, N_("Refusal ground code (see “toasoan-cli workflow grounds”)"), N_("GROUND") },
    { "target", 0, 0, G_OPTION_ARG_FILENAME, &target_raw, N_("The earlier step to return to"), N_("STATE") },
    { "at", 0, 0, G_OPTION_ARG_FILENAME, &at_raw, N_("Publication time, to schedule"), N_("DATETIME") },
    { "version", 0, 0, G_OPTION_ARG_INT64, &expected, N_("The item's version you saw; refused if it changed"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) actor = NULL;
  ToaTransitionRequest request = { 0 };
  ToaTransitionResult result = { 0 };
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 2, 2, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !parse_item_id (args[1], &request.article_id, error)
      || !toa_cli_text (args[2], _("Action"), &action, error)
      || !toa_cli_text (comment_raw, _("Comment"), &comment, error)
      || !toa_cli_text (reason_raw, _("Refusal ground"), &reason, error)
      || !toa_cli_text (target_raw, _("Target step"), &target, error))
    return FALSE;
  if (at_raw != NULL && !parse_datetime (at_raw, &request.scheduled_for, error))
    return FALSE;
  request.transition = action;
  request.comment = comment;
  request.ground = reason;
  request.target = target;
  request.expected_version = expected;
  if (!(store = toa_cli_store (cli, error))
      || !(actor = toa_cli_actor (cli, as_raw, error))
      || !toa_transitions_do (store, actor, &request, &result, error))
    return FALSE;

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "id", result.article_id);
      json_object_set_string_member (object, "from", result.from);
      json_object_set_string_member (object, "to", result.to);
      json_object_set_string_member (object, "transition", result.transition);
      if (result.on_behalf_of_name != NULL)
        json_object_set_string_member (object, "on_behalf_of", result.on_behalf_of_name);
      else
        json_object_set_null_member (object, "on_behalf_of");
      if (result.request_id != 0)
        {
          json_object_set_int_member (object, "request_id", result.request_id);
          json_object_set_boolean_member (object, "pending", TRUE);
        }
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else if (result.request_id != 0)
    toa_cli_print_request (store, &result);
  else if (result.on_behalf_of_name != NULL)
    {
      g_autofree char *behalf = toa_transitions_behalf_text (result.behalf_form, result.on_behalf_of_name);

      toa_cli_print ("%lld: %s (%s)\n", (long long) result.article_id, result.to, behalf);
    }
  else
    toa_cli_print ("%lld: %s\n", (long long) result.article_id, result.to);
  toa_transition_result_clear (&result);
  return TRUE;
}

gboolean
toa_cli_workflow_history (ToaCli *cli, char **args, GError **error)
{
  g_autoptr(GPtrArray) records = NULL;
  gint64 id = 0;
  ToaStore *store;

  if (!toa_cli_parse (cli, NULL, args, 1, 1, error)
      || !parse_item_id (args[1], &id, error)
      || !(store = toa_cli_store (cli, error))
      || !(records = toa_transitions_list (store, id, error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < records->len; i++)
        {
          const ToaTransitionRecord *r = g_ptr_array_index (records, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "transition", r->transition);
          json_object_set_string_member (object, "from", r->from_state);
          json_object_set_string_member (object, "to", r->to_state);
          json_object_set_string_member (object, "actor", r->actor_name);
          if (r->on_behalf_of != 0)
            json_object_set_string_member (object, "on_behalf_of", r->on_behalf_of_name);
          else
            json_object_set_null_member (object, "on_behalf_of");
          json_object_set_string_member (object, "comment", r->comment);
          json_object_set_string_member (object, "ground", r->ground);
          json_object_set_int_member (object, "at", r->at);
          if (r->approved_by != 0)
            json_object_set_string_member (object, "approved_by", r->approved_by_name);
          json_array_add_object_element (array, object);
        }
      toa_cli_print_json (toa_cli_json_wrap ("transitions", array));
    }
  else
    {
      const char *headers[] = { _("When"), _("Action"), _("From"), _("To"), _("By"), _("Comment") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (6, headers);

      for (guint i = 0; i < records->len; i++)
        {
          const ToaTransitionRecord *r = g_ptr_array_index (records, i);
          g_autofree char *when = toa_format_datetime (r->at);
          g_autofree char *behalf = toa_transition_record_behalf_label (r);
          g_autofree char *by = behalf != NULL ? g_strdup_printf ("%s (%s)", r->actor_name, behalf)
                                               : g_strdup (r->actor_name);
          g_autofree char *note = r->ground != NULL
                                  ? g_strdup_printf ("[%s] %s", r->ground, r->comment != NULL ? r->comment : "")
                                  : g_strdup (r->comment);

          if (r->approved_by != 0)
            {
              g_autofree char *with_approver = g_strdup_printf (_("%s; approved by %s"), by, r->approved_by_name);

              g_free (by);
              by = g_steal_pointer (&with_approver);
            }
          toa_cli_table_add (table, when, r->transition, r->from_state, r->to_state, by, note);
        }
      toa_cli_table_print (table);
      toa_cli_print_requests (store, id);
    }
  return TRUE;
}

gboolean
toa_cli_workflow_grounds (ToaCli *cli, char **args, GError **error)
{
  GPtrArray *grounds;

  if (!toa_cli_parse (cli, NULL, args, 0, 0, error) || !(grounds = toa_refusal_grounds (error)))
    return FALSE;

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < grounds->len; i++)
        {
          const ToaRefusalGround *ground = g_ptr_array_index (grounds, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "code", ground->code);
          json_object_set_string_member (object, "name", ground->name);
          json_array_add_object_element (array, object);
        }
      toa_cli_print_json (toa_cli_json_wrap ("grounds", array));
    }
  else
    {
      const char *headers[] = { _("Code"), _("Ground") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (2, headers);

      for (guint i = 0; i < grounds->len; i++)
        {
          const ToaRefusalGround *ground = g_ptr_array_index (grounds, i);

          toa_cli_table_add (table, ground->code, ground->name);
        }
      toa_cli_table_print (table);
      toa_cli_print (_("Source: %s\n"), toa_refusal_grounds_source ());
    }
  return TRUE;
}
