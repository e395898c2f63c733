/* test-cli-actions.c — `toasoan-cli workflow actions ID --as LOGIN` as a subprocess: the
 * table and the JSON list for an item as it moves along Bình Phước 2024 (where each action
 * leads, what it needs, the earlier steps of a return, a request for approval), a designed
 * product through the technician, a delegation shown as KT., nobody's actions, deciding a
 * pending request for approval, and the exit
 * codes for a missing --as (1), an unknown item or login (2). */
#include <string.h>

#include "toa-cli-run.h"

/* The JSON list for @login on @id; *@codes gets its codes, comma-separated. */
static JsonObject *
actions_of (const char *id, const char *login, char **codes)
{
  g_autoptr(Result) r = cli ("--json", "workflow", "actions", id, "--as", login, NULL);
  JsonObject *object = json_object_of (r, "id,state,actions");
  JsonArray *list = json_object_get_array_member (object, "actions");
  GString *text = g_string_new (NULL);

  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, g_ascii_strtoll (id, NULL, 10));
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (json_array_get_object_element (list, i), "code"));
  *codes = g_string_free (text, FALSE);
  return object;
}

static JsonObject *
entry (JsonObject *object, const char *code)
{
  JsonArray *list = json_object_get_array_member (object, "actions");

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *a = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (a, "code"), code))
        return a;
    }
  g_error ("no “%s” in the list", code);
}

static void
test_along_the_path (void)
{
  g_autofree char *id = toa_cli_run_create_item ("tin");
  g_autofree char *codes = NULL;
  g_autoptr(JsonObject) draft = actions_of (id, "bt", &codes);
  g_autoptr(JsonObject) secretary = NULL, deputy = NULL, nobody = NULL;
  g_autoptr(Result) table = cli ("workflow", "actions", id, "--as", "bt", NULL);
  g_autoptr(Result) none = NULL, deputy_table = NULL;
  JsonObject *a;
  JsonArray *targets;

  /* the editor's own draft */
  g_assert_cmpstr (codes, ==, "forward,request-deletion");
  g_assert_cmpstr (json_object_get_string_member (draft, "state"), ==, "draft");
  a = entry (draft, "forward");
  g_assert_cmpstr (json_object_get_string_member (a, "kind"), ==, "transition");
  g_assert_cmpstr (json_object_get_string_member (a, "to"), ==, "secretary-review");
  g_assert_cmpstr (json_object_get_string_member (a, "to_name"), ==, "Chờ Thư ký duyệt");
  g_assert_false (json_object_get_boolean_member (a, "becomes_request"));
  g_assert_true (json_object_get_null_member (a, "on_behalf_of"));
  a = entry (draft, "request-deletion");
  g_assert_true (json_object_get_boolean_member (a, "becomes_request"));
  g_assert_true (json_object_get_boolean_member (a, "comment_required"));
  assert_exit (table, 0);
  g_assert_nonnull (strstr (table->out, "forward"));
  g_assert_nonnull (strstr (table->out, "secretary-review (Chờ Thư ký duyệt)"));
  g_assert_nonnull (strstr (table->out, "request for approval"));
  g_assert_null (strstr (table->out, "publish"));

  toa_cli_run_act (id, "forward", "bt");
  g_clear_pointer (&codes, g_free);
  secretary = actions_of (id, "tk", &codes);
  g_assert_cmpstr (codes, ==, "forward,return");
  targets = json_object_get_array_member (entry (secretary, "return"), "targets");
  g_assert_cmpuint (json_array_get_length (targets), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (targets, 0), "code"), ==, "draft");
  g_assert_true (json_object_get_null_member (entry (secretary, "return"), "to"));

  toa_cli_run_act (id, "forward", "tk");
  g_clear_pointer (&codes, g_free);
  deputy = actions_of (id, "pt", &codes);
  g_assert_cmpstr (codes, ==, "return,publish,schedule,escalate,refuse");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry (deputy, "return"), "targets")), ==, 3);
  g_assert_true (json_object_get_boolean_member (entry (deputy, "schedule"), "needs_time"));
  g_assert_true (json_object_get_boolean_member (entry (deputy, "publish"), "publishes"));
  g_assert_true (json_object_get_boolean_member (entry (deputy, "refuse"), "ground_required"));
  deputy_table = cli ("workflow", "actions", id, "--as", "pt", NULL);
  assert_exit (deputy_table, 0);
  g_assert_nonnull (strstr (deputy_table->out, "one of: draft | editing | secretary-review"));
  g_assert_nonnull (strstr (deputy_table->out, "comment, ground"));
  g_assert_nonnull (strstr (deputy_table->out, "time"));

  /* the editor has nothing to do here now */
  g_clear_pointer (&codes, g_free);
  nobody = actions_of (id, "bt", &codes);
  g_assert_cmpstr (codes, ==, "");
  none = cli ("workflow", "actions", id, "--as", "bt", NULL);
  assert_exit (none, 0);
  g_assert_nonnull (strstr (none->out, "no action"));
}

static void
test_designed (void)
{
  g_autofree char *id = toa_cli_run_create_item ("infographic");
  g_autofree char *editor = NULL, *technician = NULL;
  g_autoptr(JsonObject) e = actions_of (id, "bt", &editor);
  g_autoptr(JsonObject) t = actions_of (id, "kt", &technician);

  g_assert_cmpstr (editor, ==, "request-deletion");
  g_assert_cmpstr (technician, ==, "forward,request-deletion");
}

static void
test_delegation (void)
{
  g_autofree char *id = toa_cli_run_create_item ("tin");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 30);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *later = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *before = NULL, *during = NULL;
  g_autoptr(JsonObject) b = NULL, d = NULL;
  g_autoptr(Result) given = NULL, table = NULL;
  JsonObject *publish;

  toa_cli_run_act (id, "forward", "bt");
  toa_cli_run_act (id, "forward", "tk");
  b = actions_of (id, "tk", &before);
  g_assert_cmpstr (before, ==, "");
  given = cli ("delegate", "--from", "pt", "--to", "tk", "--actions", "publish", "--from-date", today,
               "--to-date", later, "--as", "pt", NULL);
  assert_exit (given, 0);
  d = actions_of (id, "tk", &during);
  g_assert_cmpstr (during, ==, "publish");
  publish = entry (d, "publish");
  g_assert_cmpstr (json_object_get_string_member (publish, "on_behalf_of"), ==, "Lê Văn Phó");
  g_assert_cmpint (json_object_get_int_member (publish, "on_behalf_of_id"), >, 0);
  table = cli ("workflow", "actions", id, "--as", "tk", NULL);
  assert_exit (table, 0);
  g_assert_nonnull (strstr (table->out, "KT. Lê Văn Phó"));
}

/* A withdrawal asked by the secretary waits for the deputy: the list offers its decision. */
static void
test_request_decisions (void)
{
  g_autofree char *id = toa_cli_run_create_item ("tin");
  g_autofree char *asker = NULL, *decider = NULL;
  g_autoptr(Result) asked = NULL, table = NULL;
  g_autoptr(JsonObject) request = NULL, a = NULL, d = NULL;
  gint64 request_id;

  toa_cli_run_act (id, "forward", "bt");
  toa_cli_run_act (id, "forward", "tk");
  toa_cli_run_act (id, "publish", "pt");
  asked = cli ("--json", "workflow", "do", id, "withdraw", "--comment", "Sai số liệu", "--as", "tk", NULL);
  request = json_object_of (asked, NULL);
  g_assert_true (json_object_get_boolean_member (request, "pending"));
  request_id = json_object_get_int_member (request, "request_id");
  g_assert_cmpint (request_id, >, 0);

  a = actions_of (id, "tk", &asker);
  g_assert_cmpstr (asker, ==, "");
  d = actions_of (id, "pt", &decider);
  g_assert_cmpstr (decider, ==, "approve-request,reject-request");
  g_assert_cmpint (json_object_get_int_member (entry (d, "approve-request"), "request_id"), ==, request_id);
  g_assert_cmpstr (json_object_get_string_member (entry (d, "approve-request"), "kind"), ==, "approve-request");
  g_assert_cmpstr (json_object_get_string_member (entry (d, "approve-request"), "to"), ==, "withdrawn");
  g_assert_true (json_object_get_boolean_member (entry (d, "reject-request"), "comment_required"));
  table = cli ("workflow", "actions", id, "--as", "pt", NULL);
  assert_exit (table, 0);
  g_assert_nonnull (strstr (table->out, "approve-request"));
}

static void
test_exits (void)
{
  g_autofree char *id = toa_cli_run_create_item ("tin");
  g_autoptr(Result) no_as = cli ("workflow", "actions", id, NULL);
  g_autoptr(Result) no_item = cli ("workflow", "actions", "424242", "--as", "bt", NULL);
  g_autoptr(Result) bad_id = cli ("workflow", "actions", "abc", "--as", "bt", NULL);
  g_autoptr(Result) nobody = cli ("workflow", "actions", id, "--as", "khong-co", NULL);
  g_autoptr(Result) json_error = cli ("--json", "workflow", "actions", "424242", "--as", "bt", NULL);

  assert_exit (no_as, 1);
  assert_exit (no_item, 2);
  assert_exit (bad_id, 2);
  assert_exit (nobody, 2);
  assert_exit (json_error, 2);
  g_assert_nonnull (strstr (json_error->out, "\"not-found\""));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  toa_cli_run_set_up (argv[1], "actions");
  toa_cli_run_set_up_newsroom ();
  toa_cli_run_add_user ("kt", "Trần Kỹ Thuật", "technician");

  g_test_add_func ("/cli-actions/along-the-path", test_along_the_path);
  g_test_add_func ("/cli-actions/designed", test_designed);
  g_test_add_func ("/cli-actions/delegation", test_delegation);
  g_test_add_func ("/cli-actions/request-decisions", test_request_decisions);
  g_test_add_func ("/cli-actions/exits", test_exits);
  status = g_test_run ();

  toa_cli_run_tear_down ();
  return status;
}
