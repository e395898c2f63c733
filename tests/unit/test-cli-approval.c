/* test-cli-approval.c — transitions that need approval through toasoan-cli as a subprocess:
 * `workflow do` records a request (its id, "pending" in JSON, the item unchanged),
 * `workflow requests` lists the pending ones (all, or those a person may decide),
 * `workflow approve` / `workflow reject` decide with exits 0, 2 (no reason, unknown or
 * already decided or lapsed because the item moved on), 3 (the requester, no approving
 * role), 4 (a second request), and nothing changes on a refusal; `workflow history` shows
 * who approved. */
#include <string.h>

#include "toa-cli-run.h"

static char *
published (void)
{
  char *id = toa_cli_run_create_item ("tin");

  toa_cli_run_act (id, "forward", "bt");
  toa_cli_run_act (id, "forward", "tk");
  toa_cli_run_act (id, "publish", "pt");
  return id;
}

/* The item's JSON (article show), to compare before and after a refusal. */
static char *
snapshot (const char *id)
{
  g_autoptr(Result) show = cli ("--json", "article", "show", id, NULL);
  g_autoptr(Result) history = cli ("--json", "workflow", "history", id, NULL);
  g_autoptr(Result) requests = cli ("--json", "workflow", "requests", NULL);

  assert_exit (show, 0);
  assert_exit (history, 0);
  assert_exit (requests, 0);
  return g_strconcat (show->out, history->out, requests->out, NULL);
}

static char *
state_of (const char *id)
{
  g_autoptr(Result) r = cli ("--json", "article", "show", id, NULL);
  g_autoptr(JsonObject) object = json_object_of (r, NULL);

  return g_strdup (json_object_get_string_member (object, "state"));
}

/* Records a withdrawal request as the secretary; its id as text. */
static char *
request_withdraw (const char *id)
{
  g_autoptr(Result) r = cli ("--json", "workflow", "do", id, "withdraw", "--as", "tk",
                             "--comment", "Sai tên đơn vị", NULL);
  g_autoptr(JsonObject) object = json_object_of (r, NULL);

  g_assert_true (json_object_get_boolean_member (object, "pending"));
  g_assert_cmpint (json_object_get_int_member (object, "request_id"), >, 0);
  return g_strdup_printf ("%lld", (long long) json_object_get_int_member (object, "request_id"));
}

static void
test_request_and_approve (void)
{
  g_autofree char *id = published ();
  g_autofree char *other = published ();
  g_autoptr(Result) text = cli ("workflow", "do", id, "withdraw", "--as", "tk", "--comment", "Sai tên đơn vị", NULL);
  g_autoptr(Result) deputy = NULL;
  g_autofree char *state = NULL, *other_state = NULL;

  /* the secretary may withdraw only with approval: a request, the item stays */
  assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "Recorded as request #"));
  g_assert_nonnull (strstr (text->out, "for approval by"));
  state = state_of (id);
  g_assert_cmpstr (state, ==, "published");

  /* the standing deputy holds an approving role: done at once, no request */
  deputy = cli ("--json", "workflow", "do", other, "withdraw", "--as", "pt", "--comment", "Gỡ ngay", NULL);
  {
    g_autoptr(JsonObject) object = json_object_of (deputy, NULL);

    g_assert_false (json_object_has_member (object, "request_id"));
    g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, "withdrawn");
  }
  other_state = state_of (other);
  g_assert_cmpstr (other_state, ==, "withdrawn");

  /* approve the first so later tests start with nothing pending */
  {
    g_autoptr(Result) requests = cli ("--json", "workflow", "requests", "--as", "pt", NULL);
    g_autoptr(JsonObject) object = json_object_of (requests, "requests");
    JsonArray *list = json_object_get_array_member (object, "requests");
    g_autofree char *rid = NULL;
    g_autoptr(Result) ok = NULL;

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    rid = g_strdup_printf ("%lld", (long long) json_object_get_int_member (json_array_get_object_element (list, 0), "id"));
    ok = cli ("workflow", "approve", rid, "--as", "pt", NULL);
    assert_exit (ok, 0);
    g_assert_nonnull (strstr (ok->out, "approved"));
  }
}

static void
test_lists_and_decisions (void)
{
  g_autofree char *id = published ();
  g_autofree char *request = request_withdraw (id);
  g_autofree char *before = NULL, *after = NULL, *state = NULL;
  g_autoptr(Result) second = cli ("workflow", "do", id, "withdraw", "--as", "tk", "--comment", "Lần nữa", NULL);
  g_autoptr(Result) all = cli ("--json", "workflow", "requests", NULL);
  g_autoptr(Result) for_pt = cli ("--json", "workflow", "requests", "--as", "pt", NULL);
  g_autoptr(Result) for_bt = cli ("--json", "workflow", "requests", "--as", "bt", NULL);
  g_autoptr(Result) text = cli ("workflow", "requests", "--as", "tb", NULL);
  g_autoptr(JsonObject) o_all = NULL, o_pt = NULL, o_bt = NULL, o_ok = NULL;
  g_autoptr(Result) ok = NULL, twice = NULL, history = NULL;
  JsonObject *first;

  assert_exit (second, 4);
  g_assert_nonnull (strstr (second->err, "Phạm Thu Hà"));
  o_all = json_object_of (all, "requests");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o_all, "requests")), >=, 1);
  o_pt = json_object_of (for_pt, "requests");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o_pt, "requests")), ==, 1);
  first = json_array_get_object_element (json_object_get_array_member (o_pt, "requests"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "transition"), ==, "withdraw");
  g_assert_cmpstr (json_object_get_string_member (first, "requested_by"), ==, "Phạm Thu Hà");
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "pending");
  o_bt = json_object_of (for_bt, "requests");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o_bt, "requests")), ==, 0);
  assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "Phạm Thu Hà"));

  /* refusals change nothing */
  before = snapshot (id);
  {
    struct { int status; const char *args[7]; } cases[] = {
      { 3, { "approve", request, "--as", "tk", NULL } },                        /* the requester */
      { 3, { "approve", request, "--as", "bt", NULL } },                        /* no approving role */
      { 2, { "reject", request, "--as", "pt", NULL } },                         /* no reason */
      { 2, { "approve", "999999", "--as", "pt", NULL } },                       /* no such request */
      { 2, { "approve", "abc", "--as", "pt", NULL } },
      { 1, { "approve", request, NULL } },                                      /* no --as */
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const char *const *a = cases[i].args;
        g_autoptr(Result) r = cli ("workflow", a[0], a[1], a[2], a[3], a[4], NULL);

        g_test_message ("case %u: %s", i, r->err);
        assert_exit (r, cases[i].status);
      }
  }
  after = snapshot (id);
  g_assert_cmpstr (after, ==, before);

  ok = cli ("--json", "workflow", "approve", request, "--as", "pt", "--comment", "Đồng ý", NULL);
  o_ok = json_object_of (ok, NULL);
  g_assert_cmpstr (json_object_get_string_member (o_ok, "status"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (o_ok, "state"), ==, "withdrawn");
  state = state_of (id);
  g_assert_cmpstr (state, ==, "withdrawn");
  twice = cli ("workflow", "reject", request, "--as", "tb", "--comment", "Muộn", NULL);
  assert_exit (twice, 2);
  g_assert_nonnull (strstr (twice->err, "Lê Văn Phó"));

  history = cli ("workflow", "history", id, NULL);
  assert_exit (history, 0);
  g_assert_nonnull (strstr (history->out, "Phạm Thu Hà; approved by Lê Văn Phó"));
  g_assert_nonnull (strstr (history->out, "approved"));
}

static void
test_reject_and_lapse (void)
{
  g_autofree char *id = published ();
  g_autofree char *request = request_withdraw (id);
  g_autofree char *state = NULL, *draft_state = NULL;
  g_autofree char *draft = toa_cli_run_create_item ("tin");
  g_autoptr(Result) reject = cli ("workflow", "reject", request, "--as", "tb", "--comment", "Chỉ cần đính chính", NULL);
  g_autoptr(Result) ask = NULL, approve = NULL, empty = NULL;
  g_autoptr(JsonObject) o_ask = NULL, o_empty = NULL;
  g_autofree char *deletion = NULL;

  assert_exit (reject, 0);
  g_assert_nonnull (strstr (reject->out, "rejected"));
  state = state_of (id);
  g_assert_cmpstr (state, ==, "published");

  ask = cli ("--json", "workflow", "do", draft, "request-deletion", "--as", "bt", "--comment", "Trùng bài", NULL);
  o_ask = json_object_of (ask, NULL);
  deletion = g_strdup_printf ("%lld", (long long) json_object_get_int_member (o_ask, "request_id"));
  toa_cli_run_act (draft, "forward", "bt");
  approve = cli ("workflow", "approve", deletion, "--as", "tk", NULL);
  assert_exit (approve, 2);   /* the forward closed it as lapsed */
  g_assert_nonnull (strstr (approve->err, "lapsed"));
  draft_state = state_of (draft);
  g_assert_cmpstr (draft_state, ==, "secretary-review");
  empty = cli ("--json", "workflow", "requests", NULL);
  o_empty = json_object_of (empty, "requests");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o_empty, "requests")), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  toa_cli_run_set_up (argv[1], "approval");
  toa_cli_run_set_up_newsroom ();
  toa_cli_run_add_user ("tb", "Trần Văn Trưởng", "head");
  g_test_add_func ("/cli-approval/approver-acts-at-once", test_request_and_approve);
  g_test_add_func ("/cli-approval/lists-and-decisions", test_lists_and_decisions);
  g_test_add_func ("/cli-approval/reject-and-lapse", test_reject_and_lapse);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}
