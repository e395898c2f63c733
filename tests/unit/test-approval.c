/* test-approval.c — transitions that need approval (toa-approval.h), in core on a temporary
 * database with the Bình Phước 2024 workflow: a secretary's withdrawal becomes a pending
 * request and the item stays; a second request is a conflict naming the first; the standing
 * deputy approves (the timeline row shows both people); a rejection needs a reason; the
 * requester and people without an approving role cannot decide; a request lapses when the
 * item was edited, and closes when the item moves on; every step is audited and the chain
 * verifies; the inbox shows the request. */
#include <string.h>

#include "toa-approval.h"
#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-inbox.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-test-board.h"
#include "toa-test-util.h"
#include "toa-transitions.h"

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
new_article (Fixture *f, const char *state)
{
  return toa_test_board_article (f, "tin", state, "law-guidance");
}

static ToaArticleFlow *
flow_of (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  ToaArticleFlow *flow = toa_store_article_flow_get (f->store, id, &error);

  g_assert_no_error (error);
  return flow;
}

/* Takes a transition as @role; returns the request id (0 when the item moved at once), or
 * fails the test. */
static gint64
take (Fixture *f, const char *role, gint64 id, const char *transition, const char *comment)
{
  g_autoptr(GError) error = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = transition, .comment = comment };
  ToaTransitionResult result = { 0 };
  gint64 request_id;

  g_assert_true (toa_transitions_do (f->store, who (f, role), &request, &result, &error));
  g_assert_no_error (error);
  request_id = result.request_id;
  toa_transition_result_clear (&result);
  return request_id;
}

/* Decides as @role; returns the error code, or -1 on success. */
static int
decide (Fixture *f, const char *role, gint64 request_id, gboolean approve, const char *comment,
        char **message)
{
  g_autoptr(GError) error = NULL;
  ToaTransitionResult result = { 0 };
  gboolean ok = toa_approval_decide (f->store, who (f, role), request_id, approve, comment, 0,
                                     &result, &error);

  toa_transition_result_clear (&result);
  if (ok)
    {
      g_assert_no_error (error);
      return -1;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == TOA_ERROR);
  if (message != NULL)
    *message = g_strdup (error->message);
  return error->code;
}

static ToaApprovalRequest *
request_get (Fixture *f, gint64 request_id)
{
  g_autoptr(GError) error = NULL;
  ToaApprovalRequest *request = toa_store_approval_request_get (f->store, request_id, &error);

  g_assert_no_error (error);
  return request;
}

/* How many audit records have @action. */
static guint
audited (Fixture *f, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = toa_store_audit_list (f->store, 0, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (((ToaAuditRecord *) records->pdata[i])->action, action) == 0)
      n++;
  return n;
}

static void
assert_chain (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 count = 0, bad = 0;

  g_assert_true (toa_audit_verify (f->store, &count, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (count, >, 0);
}

static void
test_request_recorded (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "published");
  g_autoptr(ToaArticleFlow) before = flow_of (f, id);
  g_autoptr(ToaArticleFlow) after = NULL;
  g_autoptr(ToaApprovalRequest) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  ToaTransitionRequest again = { .article_id = id, .transition = "withdraw", .comment = "Lần nữa" };
  ToaTransitionResult result = { 0 };
  gint64 request_id;

  request_id = take (f, "secretary", id, "withdraw", "Sai tên đơn vị");
  g_assert_cmpint (request_id, >, 0);
  after = flow_of (f, id);
  g_assert_cmpstr (after->state, ==, "published");
  g_assert_cmpint (after->version, ==, before->version);
  list = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);

  pending = toa_approval_pending_for_article (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pending);
  g_assert_cmpint (pending->id, ==, request_id);
  g_assert_cmpint (pending->status, ==, TOA_APPROVAL_PENDING);
  g_assert_cmpstr (pending->transition, ==, "withdraw");
  g_assert_cmpstr (pending->transition_name, ==, "Gỡ bài");
  g_assert_cmpstr (pending->to_state, ==, "withdrawn");
  g_assert_cmpstr (pending->comment, ==, "Sai tên đơn vị");
  g_assert_cmpstr (pending->requested_by_name, ==, "Người secretary");
  g_assert_cmpint (pending->article_version, ==, before->version);
  g_assert_cmpuint (audited (f, "article.request"), ==, 1);

  /* a second request is a conflict naming who asked first */
  g_assert_false (toa_transitions_do (f->store, who (f, "secretary"), &again, &result, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Người secretary"));
  g_assert_cmpuint (audited (f, "article.request"), ==, 1);
  toa_transition_result_clear (&result);
  assert_chain (f);
}

static void
test_approve (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "published");
  gint64 request_id = take (f, "secretary", id, "withdraw", "Sai tên đơn vị");
  g_autoptr(ToaArticleFlow) after = NULL;
  g_autoptr(ToaApprovalRequest) decided = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const ToaTransitionRecord *row;

  g_assert_cmpint (decide (f, "standing-deputy", request_id, TRUE, NULL, NULL), ==, -1);
  after = flow_of (f, id);
  g_assert_cmpstr (after->state, ==, "withdrawn");

  timeline = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1);
  row = g_ptr_array_index (timeline, 0);
  g_assert_cmpstr (row->transition, ==, "withdraw");
  g_assert_cmpstr (row->from_state, ==, "published");
  g_assert_cmpstr (row->to_state, ==, "withdrawn");
  g_assert_cmpstr (row->actor_name, ==, "Người secretary");
  g_assert_cmpint (row->approved_by, ==, who (f, "standing-deputy")->id);
  g_assert_cmpstr (row->approved_by_name, ==, "Người standing-deputy");
  g_assert_cmpstr (row->comment, ==, "Sai tên đơn vị");

  decided = request_get (f, request_id);
  g_assert_cmpint (decided->status, ==, TOA_APPROVAL_APPROVED);
  g_assert_cmpint (decided->decided_by, ==, who (f, "standing-deputy")->id);
  g_assert_cmpint (decided->decided_at, >, 0);

  /* decided once: a second decision says by whom */
  g_assert_cmpint (decide (f, "head", request_id, TRUE, NULL, &message), ==, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "Người standing-deputy"));
  g_assert_cmpuint (audited (f, "article.request-approved"), ==, 1);
  assert_chain (f);
}

static void
test_reject (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "published");
  gint64 request_id = take (f, "secretary", id, "withdraw", "Sai tên đơn vị");
  g_autoptr(ToaArticleFlow) before = flow_of (f, id);
  g_autoptr(ToaArticleFlow) after = NULL;
  g_autoptr(ToaApprovalRequest) decided = NULL;
  g_autoptr(ToaApprovalRequest) still = NULL;

  /* no reason: refused, nothing changes */
  g_assert_cmpint (decide (f, "head", request_id, FALSE, NULL, NULL), ==, TOA_ERROR_INVALID);
  g_assert_cmpint (decide (f, "head", request_id, FALSE, "   ", NULL), ==, TOA_ERROR_INVALID);
  still = request_get (f, request_id);
  g_assert_cmpint (still->status, ==, TOA_APPROVAL_PENDING);

  g_assert_cmpint (decide (f, "head", request_id, FALSE, "Bài vẫn đúng, chỉ cần đính chính", NULL), ==, -1);
  after = flow_of (f, id);
  g_assert_cmpstr (after->state, ==, "published");
  g_assert_cmpint (after->version, ==, before->version);
  decided = request_get (f, request_id);
  g_assert_cmpint (decided->status, ==, TOA_APPROVAL_REJECTED);
  g_assert_cmpstr (decided->decision_comment, ==, "Bài vẫn đúng, chỉ cần đính chính");
  g_assert_cmpstr (decided->decided_by_name, ==, "Người head");
  g_assert_cmpuint (audited (f, "article.request-rejected"), ==, 1);

  /* once decided, a new request may be made */
  g_assert_cmpint (take (f, "secretary", id, "withdraw", "Vẫn đề nghị gỡ"), >, request_id);
  assert_chain (f);
}

static void
test_who_decides (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "published");
  gint64 request_id = take (f, "secretary", id, "withdraw", "Sai tên đơn vị");
  g_autoptr(ToaApprovalRequest) still = NULL;
  g_autoptr(GPtrArray) for_head = NULL;
  g_autoptr(GPtrArray) for_editor = NULL;
  g_autoptr(GPtrArray) for_secretary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *const refused[] = { "secretary", "editor", "deputy", "member", "technician", "admin" };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_cmpint (decide (f, refused[i], request_id, TRUE, NULL, NULL), ==, TOA_ERROR_PERMISSION);
  g_assert_cmpint (decide (f, "secretary", request_id, FALSE, "Thôi", &message), ==, TOA_ERROR_PERMISSION);
  g_assert_nonnull (strstr (message, "yourself"));
  g_assert_cmpint (decide (f, "editor", 999999, TRUE, NULL, NULL), ==, TOA_ERROR_NOT_FOUND);
  still = request_get (f, request_id);
  g_assert_cmpint (still->status, ==, TOA_APPROVAL_PENDING);
  g_assert_cmpuint (audited (f, "article.request-approved") + audited (f, "article.request-rejected"), ==, 0);

  for_head = toa_approval_list_for_approver (f->store, who (f, "head"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_head->len, ==, 1);
  g_assert_cmpint (((ToaApprovalRequest *) for_head->pdata[0])->id, ==, request_id);
  for_editor = toa_approval_list_for_approver (f->store, who (f, "editor"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_editor->len, ==, 0);
  for_secretary = toa_approval_list_for_approver (f->store, who (f, "secretary"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (for_secretary->len, ==, 0);   /* their own request */
  g_assert_true (toa_approval_may_decide (f->store, who (f, "standing-deputy"), still, &error));
  g_assert_no_error (error);
  g_assert_false (toa_approval_may_decide (f->store, who (f, "deputy"), still, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
}

static void
test_lapsed (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, NULL);   /* a draft */
  gint64 request_id = take (f, "editor", id, "request-deletion", "Trùng bài");
  g_autoptr(ToaArticleFlow) after = NULL;
  g_autoptr(ToaApprovalRequest) lapsed = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* the item was edited (its version moved) after the request: approving lapses it */
  g_assert_cmpint (request_id, >, 0);
  article = toa_store_article_get (f->store, id, &error);
  g_assert_no_error (error);
  g_free (article->title);
  article->title = g_strdup ("Hội nghị tổng kết năm (sửa)");
  g_assert_true (toa_store_article_update (f->store, article, &error));
  g_assert_no_error (error);
  g_assert_cmpint (decide (f, "secretary", request_id, TRUE, NULL, &message), ==, TOA_ERROR_CONFLICT);
  g_assert_nonnull (strstr (message, "Người editor"));
  after = flow_of (f, id);
  g_assert_cmpstr (after->state, ==, "draft");
  lapsed = request_get (f, request_id);
  g_assert_cmpint (lapsed->status, ==, TOA_APPROVAL_LAPSED);
  g_assert_cmpint (lapsed->decided_by, ==, who (f, "secretary")->id);
  g_assert_cmpuint (audited (f, "article.request-lapsed"), ==, 1);
  assert_chain (f);
}

static void
test_moved_on (Fixture *f, gconstpointer data)
{
  gint64 draft = new_article (f, NULL);
  gint64 item = new_article (f, "published");
  gint64 deletion = take (f, "editor", draft, "request-deletion", "Trùng bài");
  gint64 withdrawal = take (f, "secretary", item, "withdraw", "Sai tên");
  g_autoptr(ToaApprovalRequest) first = NULL, second = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autofree char *message = NULL;

  /* the item moving on closes its pending request at once */
  g_assert_cmpint (take (f, "editor", draft, "forward", NULL), ==, 0);
  first = request_get (f, deletion);
  g_assert_cmpint (first->status, ==, TOA_APPROVAL_LAPSED);
  g_assert_cmpint (first->decided_by, ==, who (f, "editor")->id);
  g_assert_cmpint (decide (f, "secretary", deletion, TRUE, NULL, &message), ==, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (message, "lapsed"));
  flow = flow_of (f, draft);
  g_assert_cmpstr (flow->state, ==, "secretary-review");

  /* an approver withdrawing directly closes the secretary's request too */
  g_assert_cmpint (take (f, "standing-deputy", item, "withdraw", "Gỡ ngay"), ==, 0);
  second = request_get (f, withdrawal);
  g_assert_cmpint (second->status, ==, TOA_APPROVAL_LAPSED);
  g_assert_cmpuint (audited (f, "article.request-lapsed"), ==, 2);
  assert_chain (f);
}

static ToaInboxItem *
find_item (GPtrArray *items, gint64 id)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    if (((ToaInboxItem *) items->pdata[i])->article->id == id)
      return items->pdata[i];
  return NULL;
}

static GPtrArray *
inbox (Fixture *f, const char *role, ToaInboxWhich which)
{
  g_autoptr(GError) error = NULL;
  ToaInboxRequest request = { .which = which };
  GPtrArray *items = toa_inbox_list (f->store, who (f, role), &request, &error);

  g_assert_no_error (error);
  return items;
}

static void
test_inbox (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "published");
  gint64 other = new_article (f, "published");
  g_autoptr(GPtrArray) deputy_before = inbox (f, "standing-deputy", TOA_INBOX_WAITING);
  g_autoptr(GPtrArray) deputy = NULL, head = NULL, sent = NULL, editor = NULL, deputy_all = NULL;
  g_autoptr(GPtrArray) deputy_after = NULL;
  ToaInboxItem *item;
  gint64 request_id;

  g_assert_null (find_item (deputy_before, id));
  request_id = take (f, "secretary", id, "withdraw", "Sai tên đơn vị");

  deputy = inbox (f, "standing-deputy", TOA_INBOX_WAITING);
  item = find_item (deputy, id);
  g_assert_nonnull (item);
  g_assert_null (find_item (deputy, other));
  g_assert_cmpint (item->request_id, ==, request_id);
  g_assert_true (g_str_has_prefix (item->state_name, "Gỡ bài"));
  g_assert_cmpstr (item->state_name, !=, "Gỡ bài");
  g_assert_true (g_strv_contains ((const char * const *) item->holder_roles, "standing-deputy"));
  g_assert_true (g_strv_contains ((const char * const *) item->holder_roles, "head"));
  g_assert_false (g_strv_contains ((const char * const *) item->holder_roles, "secretary"));

  head = inbox (f, "head", TOA_INBOX_WAITING);
  g_assert_nonnull (find_item (head, id));
  deputy_all = inbox (f, "standing-deputy", TOA_INBOX_ALL);
  g_assert_nonnull (find_item (deputy_all, id));
  editor = inbox (f, "editor", TOA_INBOX_WAITING);
  g_assert_null (find_item (editor, id));
  sent = inbox (f, "secretary", TOA_INBOX_SENT);
  item = find_item (sent, id);
  g_assert_nonnull (item);
  g_assert_cmpint (item->request_id, ==, request_id);

  /* decided: gone from the approver's list */
  g_assert_cmpint (decide (f, "standing-deputy", request_id, FALSE, "Không gỡ", NULL), ==, -1);
  deputy_after = inbox (f, "standing-deputy", TOA_INBOX_WAITING);
  g_assert_null (find_item (deputy_after, id));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/approval/request-recorded", test_request_recorded);
  ADD ("/approval/approve", test_approve);
  ADD ("/approval/reject", test_reject);
  ADD ("/approval/who-decides", test_who_decides);
  ADD ("/approval/lapsed", test_lapsed);
  ADD ("/approval/moved-on", test_moved_on);
  ADD ("/approval/inbox", test_inbox);
#undef ADD
  return g_test_run ();
}
