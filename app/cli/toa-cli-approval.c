/* toa-cli-approval.c — transitions that need approval: the pending requests a person may
 * decide (workflow requests), approving one (workflow approve) and rejecting one with a
 * reason (workflow reject). Recording a request is `workflow do` (toa-cli-workflow.c). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-text.h"

static gboolean
parse_request_id (const char *text, gint64 *out, GError **error)
{
  g_autofree char *shown = NULL;

  if (text != NULL && g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;
  shown = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("“%s” is not a request number. See them with “toasoan-cli workflow requests”."),
               shown);
  return FALSE;
}

static JsonObject *
request_json (const ToaApprovalRequest *r)
{
  JsonObject *object = json_object_new ();
  g_autofree char *at = toa_cli_iso8601 (r->requested_at);

  json_object_set_int_member (object, "id", r->id);
  json_object_set_int_member (object, "item", r->article_id);
  json_object_set_string_member (object, "title", r->article_title);
  json_object_set_string_member (object, "transition", r->transition);
  json_object_set_string_member (object, "transition_name", r->transition_name);
  json_object_set_string_member (object, "from", r->from_state);
  json_object_set_string_member (object, "to", r->to_state);
  json_object_set_string_member (object, "requested_by", r->requested_by_name);
  json_object_set_string_member (object, "requested_at", at);
  json_object_set_string_member (object, "comment", r->comment);
  json_object_set_string_member (object, "status", toa_approval_status_code (r->status));
  if (r->decided_by != 0)
    {
      g_autofree char *decided_at = toa_cli_iso8601 (r->decided_at);

      json_object_set_string_member (object, "decided_by", r->decided_by_name);
      json_object_set_string_member (object, "decided_at", decided_at);
      json_object_set_string_member (object, "decision_comment", r->decision_comment);
    }
  return object;
}

gboolean
toa_cli_workflow_requests (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *as_raw = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Only the requests this person may decide"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) person = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !(store = toa_cli_store (cli, error)))
    return FALSE;
  if (as_raw != NULL)
    {
      if (!(person = toa_cli_actor (cli, as_raw, error))
          || !(requests = toa_approval_list_for_approver (store, person, error)))
        return FALSE;
    }
  else
    {
      g_autoptr(GPtrArray) items = NULL;

      if (!(items = toa_store_approval_request_list_pending (store, NULL, error)))
        return FALSE;
      /* each with its transition's name from the item's workflow */
      requests = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_approval_request_free);
      for (guint i = 0; i < items->len; i++)
        {
          const ToaApprovalRequest *r = g_ptr_array_index (items, i);
          ToaApprovalRequest *full = toa_approval_pending_for_article (store, r->article_id, error);

          if (full == NULL)
            return FALSE;
          g_ptr_array_add (requests, full);
        }
    }

  if (cli->json)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < requests->len; i++)
        json_array_add_object_element (array, request_json (g_ptr_array_index (requests, i)));
      toa_cli_print_json (toa_cli_json_wrap ("requests", array));
    }
  else if (requests->len == 0)
    toa_cli_print ("%s\n", as_raw != NULL ? _("No request is waiting for this person's decision.")
                                          : _("No request is waiting for a decision."));
  else
    {
      const char *headers[] = { _("Request"), _("Item"), _("Action"), _("Asked by"), _("When"), _("Reason") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (6, headers);

      for (guint i = 0; i < requests->len; i++)
        {
          const ToaApprovalRequest *r = g_ptr_array_index (requests, i);
          g_autofree char *id = g_strdup_printf ("#%lld", (long long) r->id);
          g_autofree char *item = g_strdup_printf ("%lld %s", (long long) r->article_id, r->article_title);
          g_autofree char *when = toa_format_datetime (r->requested_at);

          toa_cli_table_add (table, id, item, r->transition_name, r->requested_by_name, when,
                             r->comment != NULL ? r->comment : "");
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}

static gboolean
decide (ToaCli *cli, char **args, gboolean approve, GError **error)
{
  g_autofree char *as_raw = NULL, *comment_raw = NULL, *comment = NULL;
  GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as_raw, N_("Login of the person deciding"), N_("LOGIN") },
    { "comment", 0, 0, G_OPTION_ARG_FILENAME, &comment_raw,
      approve ? N_("A note on the decision") : N_("Why the request is rejected (required)"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaPerson) approver = NULL;
  ToaTransitionResult result = { 0 };
  gint64 id = 0;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 1, 1, error)
      || !toa_cli_require (as_raw, "--as", error)
      || !parse_request_id (args[1], &id, error)
      || !toa_cli_text (comment_raw, _("Comment"), &comment, error)
      || !(store = toa_cli_store (cli, error))
      || !(approver = toa_cli_actor (cli, as_raw, error))
      || !toa_approval_decide (store, approver, id, approve, comment, 0, &result, error))
    return FALSE;

  if (cli->json)
    {
      JsonObject *object = json_object_new ();
      JsonNode *node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "request_id", result.request_id);
      json_object_set_int_member (object, "id", result.article_id);
      json_object_set_string_member (object, "status", approve ? "approved" : "rejected");
      json_object_set_string_member (object, "transition", result.transition);
      json_object_set_string_member (object, "state", result.to);
      json_node_take_object (node, object);
      toa_cli_print_json (node);
    }
  else if (approve)
    /* Translators: request number, item number, the item's new state */
    toa_cli_print (_("Request #%lld approved: item %lld is now “%s”.\n"), (long long) result.request_id,
                   (long long) result.article_id, toa_article_state_label_for_code (result.to));
  else
    /* Translators: request number, item number, the item's state (unchanged) */
    toa_cli_print (_("Request #%lld rejected: item %lld stays “%s”.\n"), (long long) result.request_id,
                   (long long) result.article_id, toa_article_state_label_for_code (result.to));
  toa_transition_result_clear (&result);
  return TRUE;
}

gboolean
toa_cli_workflow_approve (ToaCli *cli, char **args, GError **error)
{
  return decide (cli, args, TRUE, error);
}

gboolean
toa_cli_workflow_reject (ToaCli *cli, char **args, GError **error)
{
  return decide (cli, args, FALSE, error);
}

void
toa_cli_print_request (ToaStore *store, const ToaTransitionResult *result)
{
  g_autoptr(ToaApprovalRequest) request = toa_approval_pending_for_article (store, result->article_id, NULL);
  const char *who = request != NULL && request->approvers != NULL && *request->approvers != '\0'
                    ? request->approvers : _("an approving role");

  /* Translators: item number, its (unchanged) state, request number, the roles that may approve */
  toa_cli_print (_("%lld: stays “%s”. Recorded as request #%lld for approval by %s.\n"),
                 (long long) result->article_id, toa_article_state_label_for_code (result->from),
                 (long long) result->request_id, who);
}

void
toa_cli_print_requests (ToaStore *store, gint64 article_id)
{
  g_autoptr(GPtrArray) requests = toa_approval_list (store, article_id, NULL);

  if (requests == NULL || requests->len == 0)
    return;
  toa_cli_print ("\n%s\n", _("Requests needing approval:"));
  for (guint i = 0; i < requests->len; i++)
    {
      const ToaApprovalRequest *r = g_ptr_array_index (requests, i);
      g_autofree char *asked = toa_format_datetime (r->requested_at);

      /* Translators: request number, the action's name, who asked, when, the status code */
      toa_cli_print (_("  #%lld %s — asked by %s at %s: %s"), (long long) r->id, r->transition_name,
                     r->requested_by_name, asked, toa_approval_status_code (r->status));
      if (r->status != TOA_APPROVAL_PENDING)
        {
          g_autofree char *decided = toa_format_datetime (r->decided_at);

          /* Translators: who decided and when */
          toa_cli_print (_(" by %s at %s"), r->decided_by_name != NULL ? r->decided_by_name : "?", decided);
        }
      if (r->decision_comment != NULL)
        toa_cli_print (" (%s)", r->decision_comment);
      toa_cli_print ("\n");
    }
}
