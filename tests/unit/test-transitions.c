/* test-transitions.c — transitions on articles in core, on a temporary database: the whole
 * Bình Phước 2024 path, return and escalation, refusal grounds, designed products through the
 * technician, approval, scheduling, delegation before/during/after its range, two
 * simultaneous transitions from two connections, and the audit chain after all that. */
#include <string.h>

#include <glib/gstdio.h>

#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-test-board.h"
#include "toa-test-store.h"
#include "toa-test-util.h"
#include "toa-text.h"
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
new_article (Fixture *f, const char *genre, const char *state)
{
  return toa_test_board_article (f, genre, state, "law-guidance");
}

static ToaArticleFlow *
flow_of (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  ToaArticleFlow *flow = toa_store_article_flow_get (f->store, id, &error);

  g_assert_no_error (error);
  return flow;
}

/* Takes a transition; returns the error code, or -1 on success. */
static int
take_full (Fixture *f, const char *role, gint64 id, const char *transition, const char *comment,
           const char *ground, const char *target, gint64 now)
{
  g_autoptr(GError) error = NULL;
  ToaTransitionRequest request = {
    .article_id = id, .transition = transition, .comment = comment, .ground = ground,
    .target = target, .now = now,
  };
  ToaTransitionResult result = { 0 };
  gboolean ok = toa_transitions_do (f->store, who (f, role), &request, &result, &error);

  toa_transition_result_clear (&result);
  if (ok)
    {
      g_assert_no_error (error);
      return -1;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == TOA_ERROR);
  return error->code;
}

static int
take (Fixture *f, const char *role, gint64 id, const char *transition, const char *comment)
{
  return take_full (f, role, id, transition, comment, NULL, NULL, 0);
}

static void
assert_state (Fixture *f, gint64 id, const char *state)
{
  g_autoptr(ToaArticleFlow) flow = flow_of (f, id);

  g_assert_cmpstr (flow->state, ==, state);
}

static guint
audit_count (Fixture *f, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = toa_store_audit_list (f->store, 0, 100000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    n += g_str_equal (((ToaAuditRecord *) g_ptr_array_index (records, i))->action, action);
  return n;
}

static void
assert_audit_intact (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 count = 0, bad = 0;

  g_assert_true (toa_audit_verify (f->store, &count, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, >, 0);
}

static void
test_full_path (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "tin", "received");
  g_autoptr(ToaArticleFlow) before = flow_of (f, id);
  g_autoptr(ToaArticleFlow) after = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = NULL;

  g_assert_null (before->workflow_code);
  g_assert_null (before->deadline);
  g_assert_cmpint (take (f, "editor", id, "accept", NULL), ==, -1);
  g_assert_cmpint (take (f, "editor", id, "forward", NULL), ==, -1);
  assert_state (f, id, "secretary-review");
  g_assert_cmpint (take (f, "secretary", id, "forward", NULL), ==, -1);
  assert_state (f, id, "deputy-review");
  g_assert_cmpint (take (f, "standing-deputy", id, "publish", NULL), ==, -1);

  after = flow_of (f, id);
  g_assert_cmpstr (after->state, ==, "published");
  g_assert_cmpstr (after->workflow_code, ==, "binh-phuoc-2024");
  g_assert_cmpint (after->workflow_version, ==, 1);
  g_assert_nonnull (after->deadline);   /* law-guidance: 15 working days */
  g_assert_cmpint (after->version, ==, before->version + 4);
  g_assert_cmpint (after->last_actor_id, ==, who (f, "standing-deputy")->id);
  g_assert_cmpint (after->published_at, >, 0);
  article = toa_store_article_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->state, ==, "published");

  timeline = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 4);
  g_assert_cmpstr (((ToaTransitionRecord *) g_ptr_array_index (timeline, 0))->transition, ==, "accept");
  g_assert_cmpstr (((ToaTransitionRecord *) g_ptr_array_index (timeline, 3))->to_state, ==, "published");
  g_assert_cmpstr (((ToaTransitionRecord *) g_ptr_array_index (timeline, 3))->actor_name, ==,
                   who (f, "standing-deputy")->full_name);
  g_assert_cmpuint (audit_count (f, "article.transition"), ==, 4);

  /* nothing leaves published but a withdrawal */
  g_assert_cmpint (take (f, "standing-deputy", id, "publish", NULL), ==, TOA_ERROR_INVALID);
  assert_audit_intact (f);
}

static void
test_return (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "tin", "deputy-review");
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  const ToaTransitionRecord *last;

  g_assert_cmpint (take_full (f, "standing-deputy", id, "return", NULL, NULL, "editing", 0), ==,
                   TOA_ERROR_INVALID);
  g_assert_cmpint (take_full (f, "standing-deputy", id, "return", "Sửa số liệu", NULL, "published", 0), ==,
                   TOA_ERROR_INVALID);
  g_assert_cmpint (take_full (f, "secretary", id, "return", "Sửa", NULL, "editing", 0), ==,
                   TOA_ERROR_PERMISSION);
  assert_state (f, id, "deputy-review");
  g_assert_cmpuint (audit_count (f, "article.transition"), ==, 0);

  g_assert_cmpint (take_full (f, "standing-deputy", id, "return", "Sửa số liệu đoạn 2", NULL, "editing", 0),
                   ==, -1);
  assert_state (f, id, "editing");
  timeline = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (timeline, timeline->len - 1);
  g_assert_cmpstr (last->comment, ==, "Sửa số liệu đoạn 2");
  g_assert_cmpstr (last->from_state, ==, "deputy-review");
  /* and round again, then back to the secretary step from the deputy */
  g_assert_cmpint (take (f, "editor", id, "forward", NULL), ==, -1);
  g_assert_cmpint (take (f, "secretary", id, "forward", NULL), ==, -1);
  g_assert_cmpint (take_full (f, "standing-deputy", id, "return", "Thư ký xem lại", NULL,
                              "secretary-review", 0), ==, -1);
  assert_state (f, id, "secretary-review");
  assert_audit_intact (f);
}

static void
test_escalation (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "bai", "deputy-review");

  g_assert_cmpint (take (f, "standing-deputy", id, "escalate", NULL), ==, TOA_ERROR_INVALID);
  g_assert_cmpint (take (f, "standing-deputy", id, "escalate", "Nội dung nhạy cảm"), ==, -1);
  assert_state (f, id, "escalated");
  g_assert_cmpint (take (f, "standing-deputy", id, "ask-chairman", "Xin ý kiến"), ==, TOA_ERROR_PERMISSION);
  g_assert_cmpint (take (f, "head", id, "ask-chairman", "Xin ý kiến Chủ tịch"), ==, -1);
  assert_state (f, id, "chairman-opinion");
  g_assert_cmpint (take (f, "head", id, "record-chairman-answer", "Chủ tịch đồng ý đăng"), ==, -1);
  assert_state (f, id, "escalated");
  g_assert_cmpint (take (f, "head", id, "approve", "Thống nhất đăng"), ==, -1);
  assert_state (f, id, "deputy-review");
  g_assert_cmpint (take (f, "standing-deputy", id, "publish", NULL), ==, -1);
  assert_state (f, id, "published");
  g_assert_cmpuint (audit_count (f, "article.transition"), ==, 5);
  assert_audit_intact (f);
}

static void
test_refusal_ground (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "tin", "received");
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (take_full (f, "editor", id, "refuse", "Không đúng", NULL, NULL, 0), ==, TOA_ERROR_INVALID);
  g_assert_cmpint (take_full (f, "editor", id, "refuse", "Không đúng", "khong-thich", NULL, 0), ==,
                   TOA_ERROR_INVALID);
  g_assert_cmpint (take_full (f, "secretary", id, "refuse", "Không đúng", "untrue", NULL, 0), ==,
                   TOA_ERROR_PERMISSION);
  assert_state (f, id, "received");
  g_assert_cmpint (take_full (f, "editor", id, "refuse", "Số liệu sai", "untrue", NULL, 0), ==, -1);
  assert_state (f, id, "refused");
  timeline = toa_transitions_list (f->store, id, &error);
  g_assert_cmpstr (((ToaTransitionRecord *) g_ptr_array_index (timeline, 0))->ground, ==, "untrue");
  assert_audit_intact (f);
}

static void
test_designed_through_technician (Fixture *f, gconstpointer data)
{
  gint64 designed = new_article (f, "infographic", "editing");
  gint64 plain = new_article (f, "tin", "editing");

  g_assert_cmpint (take (f, "editor", designed, "forward", NULL), ==, TOA_ERROR_PERMISSION);
  g_assert_cmpint (take (f, "technician", plain, "forward", NULL), ==, TOA_ERROR_PERMISSION);
  g_assert_cmpint (take (f, "technician", designed, "forward", NULL), ==, -1);
  g_assert_cmpint (take (f, "editor", plain, "forward", NULL), ==, -1);
  assert_state (f, designed, "secretary-review");
  assert_state (f, plain, "secretary-review");
}

static void
test_needs_approval (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "tin", "published");
  gint64 draft = new_article (f, "tin", NULL);

  /* the secretary's withdrawal becomes a pending request (toa-approval.h); the item stays */
  g_assert_cmpint (take (f, "secretary", id, "withdraw", "Sai tên"), ==, -1);
  assert_state (f, id, "published");
  g_assert_cmpint (take (f, "standing-deputy", id, "withdraw", "Sai tên"), ==, -1);
  assert_state (f, id, "withdrawn");
  /* the editor may ask but not complete a deletion alone; nothing is deleted either way */
  g_assert_cmpint (take (f, "editor", draft, "request-deletion", "Trùng bài"), ==, -1);
  assert_state (f, draft, "draft");
}

static void
test_schedule (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "tin", "deputy-review");
  g_autoptr(GError) error = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = "schedule" };
  ToaTransitionResult result = { 0 };

  g_assert_false (toa_transitions_do (f->store, who (f, "standing-deputy"), &request, &result, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  request.scheduled_for = toa_now_usec () + (gint64) G_USEC_PER_SEC * 3600;
  g_assert_true (toa_transitions_do (f->store, who (f, "standing-deputy"), &request, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.to, ==, "scheduled");
  toa_transition_result_clear (&result);
  g_assert_cmpint (take (f, "standing-deputy", id, "publish", NULL), ==, -1);
  assert_state (f, id, "published");
}

static gint64
usec_of (const char *iso)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static void
test_delegation (Fixture *f, gconstpointer data)
{
  const char *publish[] = { "publish", NULL };
  const char *accept[] = { "accept", NULL };
  gint64 before = new_article (f, "tin", "deputy-review");
  gint64 during = new_article (f, "tin", "deputy-review");
  gint64 after = new_article (f, "tin", "deputy-review");
  g_autoptr(ToaDelegation) d = NULL;
  g_autoptr(ToaDelegation) by_admin = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  const ToaTransitionRecord *record;
  guint audits;

  /* who may delegate what to whom */
  g_assert_null (toa_delegation_add (f->store, who (f, "secretary"), "r-standing-deputy", "r-secretary",
                                     NULL, publish, "2025-03-10", "2025-03-20", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (toa_delegation_add (f->store, who (f, "standing-deputy"), "r-standing-deputy", "r-editor",
                                     NULL, publish, "2025-03-10", "2025-03-20", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (toa_delegation_add (f->store, who (f, "editor"), "r-editor", "r-secretary",
                                     NULL, accept, "2025-03-10", "2025-03-20", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (toa_delegation_add (f->store, who (f, "standing-deputy"), "r-standing-deputy", "r-secretary",
                                     NULL, publish, "2025-03-20", "2025-03-10", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  audits = audit_count (f, "delegation.add");
  g_assert_cmpuint (audits, ==, 0);

  d = toa_delegation_add (f->store, who (f, "standing-deputy"), "r-standing-deputy", "r-secretary",
                          NULL, publish, "2025-03-10", "2025-03-20", &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  by_admin = toa_delegation_add (f->store, who (f, "admin"), "r-standing-deputy", "r-secretary",
                                 NULL, publish, "2025-05-01", "2025-05-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (f, "delegation.add"), ==, 2);

  /* before the range (Vietnam time: 2025-03-09 23:30 is still the 9th) */
  g_assert_cmpint (take_full (f, "secretary", before, "publish", NULL, NULL, NULL,
                              usec_of ("2025-03-09T16:30:00Z")), ==, TOA_ERROR_PERMISSION);
  assert_state (f, before, "deputy-review");
  /* 2025-03-09 17:30 UTC is 00:30 on the 10th in Vietnam: in force */
  g_assert_cmpint (take_full (f, "secretary", during, "publish", NULL, NULL, NULL,
                              usec_of ("2025-03-09T17:30:00Z")), ==, -1);
  assert_state (f, during, "published");
  /* the last day counts; the day after does not */
  g_assert_cmpint (take_full (f, "secretary", after, "publish", NULL, NULL, NULL,
                              usec_of ("2025-03-21T03:00:00Z")), ==, TOA_ERROR_PERMISSION);
  g_assert_cmpint (take_full (f, "secretary", after, "schedule", NULL, NULL, NULL,
                              usec_of ("2025-03-20T03:00:00Z")), ==, TOA_ERROR_PERMISSION);
  g_assert_cmpint (take_full (f, "secretary", after, "publish", NULL, NULL, NULL,
                              usec_of ("2025-03-20T03:00:00Z")), ==, -1);
  /* the delegation did not give other actions */
  timeline = toa_transitions_list (f->store, during, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (timeline, 0);
  g_assert_cmpint (record->actor_id, ==, who (f, "secretary")->id);
  g_assert_cmpint (record->on_behalf_of, ==, who (f, "standing-deputy")->id);
  g_assert_cmpstr (record->on_behalf_of_name, ==, who (f, "standing-deputy")->full_name);
  label = toa_transition_record_behalf_label (record);
  g_assert_true (g_str_has_prefix (label, "KT. "));
  assert_audit_intact (f);
}

/* ---- two transitions at once ----------------------------------------------------------- */

typedef struct {
  char      *path;
  ToaPerson *actor;
  gint64     id;
  gint64     version;
  const char *transition;
  GError    *error;
  gboolean   ok;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *r = data;
  g_autoptr(ToaStore) store = toa_test_store_open (r->path, TOA_OPEN_EXISTING, &r->error);
  ToaTransitionRequest request = {
    .article_id = r->id, .transition = r->transition, .expected_version = r->version,
    .comment = "Trả lại", .target = g_str_equal (r->transition, "return") ? "editing" : NULL,
  };

  if (store != NULL)
    r->ok = toa_transitions_do (store, r->actor, &request, NULL, &r->error);
  return NULL;
}

static void
test_two_at_once (Fixture *f, gconstpointer data)
{
  gint64 id = new_article (f, "tin", "deputy-review");
  g_autoptr(ToaArticleFlow) flow = flow_of (f, id);
  g_autoptr(ToaStore) other = NULL;
  g_autoptr(GError) error = NULL;
  ToaTransitionRequest first = { .article_id = id, .transition = "publish", .expected_version = flow->version };
  ToaTransitionRequest second = {
    .article_id = id, .transition = "return", .target = "editing", .comment = "Sửa",
    .expected_version = flow->version,
  };
  Racer racers[2];
  GThread *threads[2];
  gint64 id2;

  /* Two connections to one file, both having seen the same version: the second loses. */
  other = toa_test_store_open (f->path, TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_true (toa_transitions_do (f->store, who (f, "standing-deputy"), &first, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (toa_transitions_do (other, who (f, "standing-deputy"), &second, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, who (f, "standing-deputy")->full_name));
  g_clear_error (&error);
  assert_state (f, id, "published");

  /* Really at once: two threads, two connections. Exactly one wins. */
  id2 = new_article (f, "tin", "deputy-review");
  g_clear_pointer (&flow, toa_article_flow_free);
  flow = flow_of (f, id2);
  for (guint i = 0; i < 2; i++)
    {
      racers[i] = (Racer) { .path = f->path, .id = id2, .version = flow->version,
                            .actor = who (f, "standing-deputy"),
                            .transition = i == 0 ? "publish" : "return" };
      threads[i] = g_thread_new ("racer", race, &racers[i]);
    }
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_assert_true (racers[0].ok != racers[1].ok);
  for (guint i = 0; i < 2; i++)
    {
      if (racers[i].ok)
        g_assert_no_error (racers[i].error);
      else
        g_assert_error (racers[i].error, TOA_ERROR, TOA_ERROR_CONFLICT);
      g_clear_error (&racers[i].error);
    }
  assert_state (f, id2, racers[0].ok ? "published" : "editing");
  g_assert_cmpuint (audit_count (f, "article.transition"), ==, 2);
  assert_audit_intact (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/transitions/full-path", test_full_path);
  ADD ("/transitions/return", test_return);
  ADD ("/transitions/escalation", test_escalation);
  ADD ("/transitions/refusal-ground", test_refusal_ground);
  ADD ("/transitions/designed", test_designed_through_technician);
  ADD ("/transitions/needs-approval", test_needs_approval);
  ADD ("/transitions/schedule", test_schedule);
  ADD ("/transitions/delegation", test_delegation);
  ADD ("/transitions/two-at-once", test_two_at_once);
#undef ADD
  return g_test_run ();
}
