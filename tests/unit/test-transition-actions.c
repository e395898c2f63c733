/* test-transition-actions.c — toa_transitions_available on a temporary database: for items in
 * the states of Bình Phước 2024, exactly the actions each role may take (designed and other
 * genres), what each entry says (where it leads, what it needs, the earlier steps of a return,
 * a request instead of the act), a delegation inside and outside its range, end states and
 * an inactive account with nothing, an item fixed to another workflow, and the decisions on
 * a pending approval request. */
#include <string.h>

#include "toa-approval.h"
#include "toa-articles.h"
#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-test-board.h"
#include "toa-test-util.h"
#include "toa-transition-actions.h"

/* The board: a temporary database, one person per role (toa-test-board.h). */
typedef ToaTestBoard Fixture;
#define fixture_set_up    toa_test_board_set_up
#define fixture_tear_down toa_test_board_tear_down

static ToaPerson *
who (Fixture *f, const char *role)
{
  return toa_test_board_person (f, role);
}

static gint64
article_in (Fixture *f, const char *genre, const char *state)
{
  return toa_test_board_article (f, genre, state, NULL);
}

static GPtrArray *
available (Fixture *f, const char *role, gint64 id, gint64 now)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *actions = toa_transitions_available (f->store, who (f, role), id, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (actions);
  return actions;
}

/* The codes @role may take on @id, comma-separated in the list's order. */
static char *
codes (Fixture *f, const char *role, gint64 id, gint64 now)
{
  g_autoptr(GPtrArray) actions = available (f, role, id, now);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < actions->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                            ((ToaAvailableAction *) g_ptr_array_index (actions, i))->code);
  return g_string_free (text, FALSE);
}

static void
assert_codes (Fixture *f, const char *role, gint64 id, const char *expected)
{
  g_autofree char *got = codes (f, role, id, 0);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("%s on item %lld: got “%s”, expected “%s”", role, (long long) id, got, expected);
}

static const ToaAvailableAction *
find (GPtrArray *actions, const char *code)
{
  for (guint i = 0; i < actions->len; i++)
    if (g_str_equal (((ToaAvailableAction *) g_ptr_array_index (actions, i))->code, code))
      return g_ptr_array_index (actions, i);
  g_error ("no “%s” in the list", code);
}

static gint64
usec_of (const char *iso)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static void
test_by_state_and_role (Fixture *f, gconstpointer data)
{
  gint64 received = article_in (f, "tin", "received");
  gint64 draft = article_in (f, "tin", "draft");
  gint64 draft_designed = article_in (f, "infographic", "draft");
  gint64 secretary = article_in (f, "tin", "secretary-review");
  gint64 deputy = article_in (f, "tin", "deputy-review");
  gint64 escalated = article_in (f, "tin", "escalated");
  gint64 scheduled = article_in (f, "tin", "scheduled");
  gint64 published = article_in (f, "tin", "published");

  assert_codes (f, "editor", received, "accept,refuse");
  assert_codes (f, "secretary", received, "");
  assert_codes (f, "head", received, "");

  /* designed products go forward through the technician */
  assert_codes (f, "editor", draft, "forward,request-deletion");
  assert_codes (f, "technician", draft, "request-deletion");
  assert_codes (f, "technician", draft_designed, "forward,request-deletion");
  assert_codes (f, "editor", draft_designed, "request-deletion");
  assert_codes (f, "secretary", draft, "");

  assert_codes (f, "secretary", secretary, "forward,return");
  assert_codes (f, "editor", secretary, "");
  assert_codes (f, "standing-deputy", secretary, "");

  assert_codes (f, "standing-deputy", deputy, "return,publish,schedule,escalate,refuse");
  assert_codes (f, "secretary", deputy, "");
  assert_codes (f, "head", deputy, "refuse");
  assert_codes (f, "technician", deputy, "");
  assert_codes (f, "deputy", deputy, "");

  assert_codes (f, "head", escalated, "refuse,approve,ask-chairman");
  assert_codes (f, "standing-deputy", escalated, "refuse");
  assert_codes (f, "editor", escalated, "");

  assert_codes (f, "standing-deputy", scheduled, "publish,unschedule");
  assert_codes (f, "secretary", scheduled, "");

  assert_codes (f, "secretary", published, "withdraw");
  assert_codes (f, "standing-deputy", published, "withdraw");
  assert_codes (f, "editor", published, "");
}

static void
test_entries (Fixture *f, gconstpointer data)
{
  gint64 draft = article_in (f, "tin", "draft");
  gint64 deputy = article_in (f, "tin", "deputy-review");
  gint64 published = article_in (f, "tin", "published");
  g_autoptr(GPtrArray) editor = available (f, "editor", draft, 0);
  g_autoptr(GPtrArray) boss = available (f, "standing-deputy", deputy, 0);
  g_autoptr(GPtrArray) asks = available (f, "secretary", published, 0);
  g_autoptr(GPtrArray) decides = available (f, "standing-deputy", published, 0);
  const ToaAvailableAction *a;

  a = find (editor, "forward");
  g_assert_cmpint (a->kind, ==, TOA_ACTION_TRANSITION);
  g_assert_cmpstr (a->to, ==, "secretary-review");
  g_assert_cmpstr (a->to_name, ==, "Chờ Thư ký duyệt");
  g_assert_nonnull (a->name);
  g_assert_null (a->targets);
  g_assert_false (a->comment_required || a->ground_required || a->needs_time || a->publishes);
  g_assert_false (a->becomes_request);
  g_assert_cmpint (a->on_behalf_of, ==, 0);
  a = find (editor, "request-deletion");
  g_assert_cmpstr (a->to, ==, "withdrawn");
  g_assert_true (a->comment_required);
  g_assert_true (a->becomes_request);

  a = find (boss, "refuse");
  g_assert_true (a->comment_required && a->ground_required);
  g_assert_cmpstr (a->to, ==, "refused");
  a = find (boss, "schedule");
  g_assert_true (a->needs_time);
  g_assert_false (a->publishes);
  a = find (boss, "publish");
  g_assert_true (a->publishes);
  g_assert_false (a->needs_time);
  g_assert_cmpstr (a->to_name, ==, "Đã xuất bản");

  /* withdrawing a published item: a request for the secretary, the act itself for the deputy */
  a = find (asks, "withdraw");
  g_assert_true (a->becomes_request);
  g_assert_true (a->comment_required);
  a = find (decides, "withdraw");
  g_assert_false (a->becomes_request);
}

static void
test_return_targets (Fixture *f, gconstpointer data)
{
  gint64 secretary = article_in (f, "tin", "secretary-review");
  gint64 deputy = article_in (f, "tin", "deputy-review");
  g_autoptr(GPtrArray) from_secretary = available (f, "secretary", secretary, 0);
  g_autoptr(GPtrArray) from_deputy = available (f, "standing-deputy", deputy, 0);
  const ToaAvailableAction *a;
  const char *step1[] = { "draft", "editing", NULL };
  const char *step2[] = { "draft", "editing", "secretary-review", NULL };

  a = find (from_secretary, "return");
  g_assert_null (a->to);
  g_assert_true (a->comment_required);
  g_assert_true (g_strv_equal ((const char * const *) a->targets, step1));
  g_assert_cmpuint (g_strv_length (a->target_names), ==, 2);
  g_assert_cmpstr (a->target_names[1], ==, "Đang biên tập");

  a = find (from_deputy, "return");
  g_assert_null (a->to);
  g_assert_true (g_strv_equal ((const char * const *) a->targets, step2));
  g_assert_cmpuint (g_strv_length (a->target_names), ==, 3);
  g_assert_cmpstr (a->target_names[2], ==, "Chờ Thư ký duyệt");
}

static void
test_delegation (Fixture *f, gconstpointer data)
{
  const char *publish[] = { "publish", NULL };
  gint64 deputy = article_in (f, "tin", "deputy-review");
  g_autoptr(ToaDelegation) d = NULL;
  g_autoptr(GPtrArray) during = NULL, own = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *last_day = NULL;
  const ToaAvailableAction *a;

  d = toa_delegation_add (f->store, who (f, "standing-deputy"), "r-standing-deputy", "r-secretary",
                          NULL, publish, "2025-03-10", "2025-03-20", &error);
  g_assert_no_error (error);

  /* 2025-03-09 23:30 in Vietnam: not yet */
  before = codes (f, "secretary", deputy, usec_of ("2025-03-09T16:30:00Z"));
  g_assert_cmpstr (before, ==, "");
  /* only what was delegated: publish, not schedule */
  during = available (f, "secretary", deputy, usec_of ("2025-03-15T03:00:00Z"));
  g_assert_cmpuint (during->len, ==, 1);
  a = g_ptr_array_index (during, 0);
  g_assert_cmpstr (a->code, ==, "publish");
  g_assert_cmpint (a->on_behalf_of, ==, who (f, "standing-deputy")->id);
  g_assert_cmpstr (a->on_behalf_of_name, ==, "Người standing-deputy");
  g_assert_true (a->publishes);
  last_day = codes (f, "secretary", deputy, usec_of ("2025-03-20T03:00:00Z"));
  g_assert_cmpstr (last_day, ==, "publish");
  after = codes (f, "secretary", deputy, usec_of ("2025-03-21T03:00:00Z"));
  g_assert_cmpstr (after, ==, "");
  /* the delegator keeps their own right */
  own = available (f, "standing-deputy", deputy, usec_of ("2025-03-15T03:00:00Z"));
  g_assert_cmpint (find (own, "publish")->on_behalf_of, ==, 0);
}

static void
test_nothing (Fixture *f, gconstpointer data)
{
  const char *ends[] = { "refused", "withdrawn" };
  gint64 received = article_in (f, "tin", "received");
  g_autoptr(GError) error = NULL;
  ToaPerson *editor = who (f, "editor");
  GPtrArray *none;

  for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
    {
      gint64 id = article_in (f, "tin", ends[e]);

      for (guint r = 0; r < TOA_TEST_N_ROLES; r++)
        assert_codes (f, toa_test_role_codes[r], id, "");
    }

  /* an inactive account gets nothing, even where its role would allow */
  assert_codes (f, "editor", received, "accept,refuse");
  editor->active = FALSE;
  none = toa_transitions_available (f->store, editor, received, 0, &error);
  editor->active = TRUE;
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_ptr_array_unref (none);

  /* an unknown item is an error */
  g_assert_null (toa_transitions_available (f->store, editor, 999999, 0, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
}

/* An item fixed to Bình Phước 2015 follows that workflow, not the board's default. */
static void
test_fixed_workflow (Fixture *f, gconstpointer data)
{
  gint64 id = article_in (f, "tin", "deputy-review");
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (f->store, id, &error);
  g_autoptr(GPtrArray) head = NULL;

  g_assert_no_error (error);
  assert_codes (f, "standing-deputy", id, "return,publish,schedule,escalate,refuse");
  flow->workflow_code = g_strdup ("binh-phuoc-2015");
  flow->workflow_version = 1;
  g_assert_true (toa_store_article_flow_update (f->store, flow, flow->version, flow->state, &error));
  g_assert_no_error (error);
  assert_codes (f, "standing-deputy", id, "");
  assert_codes (f, "head", id, "return,publish,refuse");
  head = available (f, "head", id, 0);
  g_assert_cmpstr (find (head, "publish")->to_name, ==, "Đã xuất bản");
  g_assert_cmpuint (g_strv_length (find (head, "return")->targets), ==, 2);
}

/* A pending request: withdraw is not offered again; an approver may decide it. */
static void
test_pending_request (Fixture *f, gconstpointer data)
{
  gint64 id = article_in (f, "tin", "published");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deputy = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = "withdraw", .comment = "Sai số liệu" };
  ToaTransitionResult result = { 0 };
  const ToaAvailableAction *a;
  gint64 request_id;

  g_assert_true (toa_transitions_do (f->store, who (f, "secretary"), &request, &result, &error));
  g_assert_no_error (error);
  request_id = result.request_id;
  g_assert_cmpint (request_id, !=, 0);
  toa_transition_result_clear (&result);

  assert_codes (f, "secretary", id, "");   /* the requester neither asks again nor decides */
  assert_codes (f, "editor", id, "");
  assert_codes (f, "head", id, "approve-request,reject-request");
  deputy = available (f, "standing-deputy", id, 0);
  g_assert_cmpuint (deputy->len, ==, 2);
  a = g_ptr_array_index (deputy, 0);
  g_assert_cmpint (a->kind, ==, TOA_ACTION_APPROVE_REQUEST);
  g_assert_cmpint (a->request_id, ==, request_id);
  g_assert_cmpstr (a->to, ==, "withdrawn");
  a = g_ptr_array_index (deputy, 1);
  g_assert_cmpint (a->kind, ==, TOA_ACTION_REJECT_REQUEST);
  g_assert_true (a->comment_required);
  g_assert_cmpint (a->request_id, ==, request_id);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add ("/transition-actions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("by-state-and-role", test_by_state_and_role);
  ADD ("entries", test_entries);
  ADD ("return-targets", test_return_targets);
  ADD ("delegation", test_delegation);
  ADD ("nothing", test_nothing);
  ADD ("fixed-workflow", test_fixed_workflow);
  ADD ("pending-request", test_pending_request);
#undef ADD
  return g_test_run ();
}
