/* test-pg-flow.c — the workflow side of the PostgreSQL store (toa-pg-flow.c) on a real
 * server started for this test (toa-pg-test-server.h).
 * /pg-flow/store/…: the methods themselves on rows set up with plain SQL — the article's flow
 * with its compare-and-set on version and state (two stores on one database: exactly one
 * wins, the loser reads who was first), the timeline with names and KT./TL., delegations in
 * and out of their range and revoked, approval requests (one pending per item).
 * /pg-flow/core/…: the same through core on a board made by toa_board_init — the Bình Phước
 * 2024 path, a return, a delegation in and out of range, an approval approved and one
 * rejected, two desks racing one transition, and the audit chain. Skipped while the other
 * PostgreSQL method groups core needs are not there yet. */
#include <string.h>

#include "toa-approval.h"
#include "toa-articles.h"
#include "toa-audit.h"
#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-board.h"
#include "toa-pg-test-server.h"
#include "toa-text.h"
#include "toa-transitions.h"

static ToaPgTestServer *server;

typedef struct {
  char     *dbname;
  char     *url;
  ToaStore *store;
} Fixture;

static void
sql (Fixture *f, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (toa_pg_test_server_exec (server, f->dbname, text, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  toa_pg_board_new_db (server, "flow", &f->dbname, &f->url);
  f->store = toa_pg_board_open (f->url, TOA_OPEN_CREATE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->url);
  g_free (f->dbname);
}

/* ---- the store's methods on rows set up with SQL --------------------------------------- */

#define T0 G_GINT64_CONSTANT (1741600000000000)   /* 2025-03-10, µs */

/* Two sites, three people, articles 1–3 on the portal ('tin', received) and 4 on site 2. */
static void
plain_rows (Fixture *f)
{
  sql (f, "INSERT INTO sites (id, code, name, kind) VALUES (1, 'portal', 'Cổng', 'portal'), "
          "(2, 'so-y-te', 'Sở Y tế', 'component')");
  sql (f, "INSERT INTO people (id, login, full_name) VALUES (1, 'a', 'Người A'), (2, 'b', 'Người B'), "
          "(3, 'c', 'Người C')");
  sql (f, "INSERT INTO articles (id, site_id, genre, title, title_fold, state, created_at, updated_at, "
          "info_kind) SELECT n, CASE WHEN n = 4 THEN 2 ELSE 1 END, CASE WHEN n = 3 THEN 'video' ELSE 'tin' END, "
          "'Bài ' || n, 'bai ' || n, 'received', 1741600000000000, 1741600000000000, NULL "
          "FROM generate_series (1, 4) AS n");
}

static void
test_store_flow (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autoptr(ToaArticleFlow) after = NULL;
  g_autoptr(ToaArticleFlow) video = NULL;

  plain_rows (f);
  g_assert_null (toa_store_article_flow_get (f->store, 99, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  flow = toa_store_article_flow_get (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flow->id, ==, 1);
  g_assert_cmpint (flow->site_id, ==, 1);
  g_assert_cmpstr (flow->title, ==, "Bài 1");
  g_assert_cmpstr (flow->genre, ==, "tin");
  g_assert_false (flow->designed);
  g_assert_cmpstr (flow->state, ==, "received");
  g_assert_cmpint (flow->version, ==, 1);
  g_assert_null (flow->workflow_code);
  g_assert_cmpint (flow->workflow_version, ==, 0);
  g_assert_null (flow->deadline);
  g_assert_cmpint (flow->last_actor_id, ==, 0);
  g_assert_null (flow->last_actor_name);
  g_assert_cmpint (flow->created_at, ==, T0);
  g_assert_cmpint (flow->published_at, ==, 0);
  video = toa_store_article_flow_get (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_true (video->designed);

  /* compare-and-set: the right version and state move it and bump the version */
  g_free (flow->state);
  flow->state = g_strdup ("draft");
  flow->workflow_code = g_strdup ("binh-phuoc-2024");
  flow->workflow_version = 1;
  flow->deadline = g_strdup ("2025-03-31");
  flow->last_actor_id = 2;
  flow->last_transition_at = T0 + 5;
  g_assert_true (toa_store_article_flow_update (f->store, flow, 1, "received", &error));
  g_assert_no_error (error);
  after = toa_store_article_flow_get (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->state, ==, "draft");
  g_assert_cmpint (after->version, ==, 2);
  g_assert_cmpstr (after->workflow_code, ==, "binh-phuoc-2024");
  g_assert_cmpint (after->workflow_version, ==, 1);
  g_assert_cmpstr (after->deadline, ==, "2025-03-31");
  g_assert_cmpint (after->last_actor_id, ==, 2);
  g_assert_cmpstr (after->last_actor_name, ==, "Người B");
  g_assert_cmpint (after->last_transition_at, ==, T0 + 5);

  /* a stale version, or the right version with another state: a conflict, nothing written */
  g_assert_false (toa_store_article_flow_update (f->store, flow, 1, "draft", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (toa_store_article_flow_update (f->store, flow, 2, "received", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&after, toa_article_flow_free);
  after = toa_store_article_flow_get (f->store, 1, &error);
  g_assert_cmpint (after->version, ==, 2);
}

/* One desk's try at moving article 1 from "received" at version 1 to @to, on its own store. */
typedef struct {
  const char *url;
  const char *to;
  gint64      actor;
  GMutex     *go;          /* held by the main thread until both are ready (may be NULL) */
  gboolean    ok;
  GError     *error;
  char       *seen_state;  /* after a loss: what this desk then reads in its transaction */
  char       *seen_actor;
} Desk;

static gpointer
desk_run (gpointer data)
{
  Desk *desk = data;
  g_autoptr(ToaStore) store = toa_pg_board_open (desk->url, TOA_OPEN_EXISTING);
  g_autoptr(ToaArticleFlow) flow = NULL;

  if (desk->go != NULL)
    {
      g_mutex_lock (desk->go);
      g_mutex_unlock (desk->go);
    }
  g_assert_true (toa_store_begin (store, NULL));
  flow = toa_store_article_flow_get (store, 1, NULL);
  g_free (flow->state);
  flow->state = g_strdup (desk->to);
  flow->last_actor_id = desk->actor;
  flow->last_transition_at = T0 + desk->actor;
  desk->ok = toa_store_article_flow_update (store, flow, 1, "received", &desk->error);
  if (desk->ok)
    g_assert_true (toa_store_commit (store, NULL));
  else
    {
      /* the loser's transaction is still usable: it can say who was first */
      g_autoptr(ToaArticleFlow) now = toa_store_article_flow_get (store, 1, NULL);

      desk->seen_state = g_strdup (now->state);
      desk->seen_actor = g_strdup (now->last_actor_name);
      toa_store_rollback (store);
    }
  return NULL;
}

static void
test_store_race (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) first = toa_pg_board_open (f->url, TOA_OPEN_EXISTING);
  g_autoptr(ToaArticleFlow) flow = NULL;
  g_autoptr(ToaArticleFlow) now = NULL;
  Desk second = { .url = f->url, .to = "editing", .actor = 3 };
  Desk desks[2];
  GThread *thread, *threads[2];
  GMutex go;

  plain_rows (f);
  /* The first desk holds the row (its UPDATE done, not committed); the second desk's UPDATE
   * waits for it, then finds version 2 and loses. */
  g_assert_true (toa_store_begin (first, &error));
  flow = toa_store_article_flow_get (first, 1, &error);
  g_assert_no_error (error);
  g_free (flow->state);
  flow->state = g_strdup ("draft");
  flow->last_actor_id = 2;
  g_assert_true (toa_store_article_flow_update (first, flow, 1, "received", &error));
  g_assert_no_error (error);
  thread = g_thread_new ("desk", desk_run, &second);
  g_usleep (300 * 1000);
  g_assert_true (toa_store_commit (first, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_false (second.ok);
  g_assert_error (second.error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_cmpstr (second.seen_state, ==, "draft");
  g_assert_cmpstr (second.seen_actor, ==, "Người B");
  g_clear_error (&second.error);
  g_free (second.seen_state);
  g_free (second.seen_actor);

  /* Really at once: two threads released together, each on its own connection. */
  sql (f, "UPDATE articles SET state = 'received', version = 1 WHERE id = 1");
  g_mutex_init (&go);
  g_mutex_lock (&go);
  for (guint i = 0; i < 2; i++)
    {
      desks[i] = (Desk) { .url = f->url, .to = i == 0 ? "draft" : "editing", .actor = (gint64) i + 2,
                          .go = &go };
      threads[i] = g_thread_new ("desk", desk_run, &desks[i]);
    }
  g_usleep (200 * 1000);
  g_mutex_unlock (&go);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&go);
  g_assert_true (desks[0].ok != desks[1].ok);
  for (guint i = 0; i < 2; i++)
    {
      if (desks[i].ok)
        g_assert_no_error (desks[i].error);
      else
        {
          g_assert_error (desks[i].error, TOA_ERROR, TOA_ERROR_CONFLICT);
          g_assert_cmpstr (desks[i].seen_state, ==, desks[1 - i].to);
        }
      g_clear_error (&desks[i].error);
      g_free (desks[i].seen_state);
      g_free (desks[i].seen_actor);
    }
  now = toa_store_article_flow_get (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->state, ==, desks[0].ok ? "draft" : "editing");
  g_assert_cmpint (now->version, ==, 2);
}

static ToaTransitionRecord *
record_new (gint64 article, const char *transition, const char *from, const char *to, gint64 actor,
            gint64 at)
{
  ToaTransitionRecord *record = toa_transition_record_new ();

  record->article_id = article;
  record->transition = g_strdup (transition);
  record->from_state = g_strdup (from);
  record->to_state = g_strdup (to);
  record->actor_id = actor;
  record->at = at;
  return record;
}

static void
test_store_transitions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaTransitionRecord) plain = record_new (1, "accept", "received", "draft", 1, T0 + 1);
  g_autoptr(ToaTransitionRecord) kt = record_new (1, "forward", "draft", "secretary-review", 2, T0 + 2);
  g_autoptr(ToaTransitionRecord) tl = record_new (1, "withdraw", "secretary-review", "withdrawn", 2, T0 + 3);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const ToaTransitionRecord *r;

  plain_rows (f);
  plain->comment = g_strdup ("Nhận bài");
  g_assert_true (toa_store_transition_add (f->store, plain, &error));
  g_assert_no_error (error);
  g_assert_cmpint (plain->id, >, 0);
  kt->on_behalf_of = 3;               /* no form given: KT */
  kt->scheduled_for = T0 + 100;
  g_assert_true (toa_store_transition_add (f->store, kt, &error));
  g_assert_no_error (error);
  tl->on_behalf_of = 3;
  tl->behalf_form = g_strdup ("TL");
  tl->approved_by = 1;
  tl->ground = g_strdup ("wrong-name");
  g_assert_true (toa_store_transition_add (f->store, tl, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kt->id, >, plain->id);
  g_assert_cmpint (tl->id, >, kt->id);

  list = toa_store_transition_list (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  r = g_ptr_array_index (list, 0);
  g_assert_cmpint (r->id, ==, plain->id);
  g_assert_cmpstr (r->transition, ==, "accept");
  g_assert_cmpstr (r->from_state, ==, "received");
  g_assert_cmpstr (r->to_state, ==, "draft");
  g_assert_cmpstr (r->actor_name, ==, "Người A");
  g_assert_cmpint (r->on_behalf_of, ==, 0);
  g_assert_null (r->on_behalf_of_name);
  g_assert_null (r->behalf_form);
  g_assert_cmpstr (r->comment, ==, "Nhận bài");
  g_assert_cmpint (r->at, ==, T0 + 1);
  g_assert_cmpint (r->approved_by, ==, 0);
  r = g_ptr_array_index (list, 1);
  g_assert_cmpstr (r->actor_name, ==, "Người B");
  g_assert_cmpint (r->on_behalf_of, ==, 3);
  g_assert_cmpstr (r->on_behalf_of_name, ==, "Người C");
  g_assert_cmpstr (r->behalf_form, ==, "KT");
  g_assert_cmpint (r->scheduled_for, ==, T0 + 100);
  r = g_ptr_array_index (list, 2);
  g_assert_cmpstr (r->behalf_form, ==, "TL");
  g_assert_cmpint (r->approved_by, ==, 1);
  g_assert_cmpstr (r->approved_by_name, ==, "Người A");
  g_assert_cmpstr (r->ground, ==, "wrong-name");

  none = toa_store_transition_list (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  /* the timeline is never rewritten */
  g_assert_false (toa_pg_test_server_exec (server, f->dbname,
                                           "UPDATE article_transitions SET comment = 'x'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

static ToaDelegation *
delegation_new (gint64 from, gint64 to, const char *actions, const char *from_date,
                const char *to_date, const char *form)
{
  ToaDelegation *d = toa_delegation_new ();

  d->from_person = from;
  d->to_person = to;
  d->site_id = 1;
  d->actions = g_strsplit (actions, ",", -1);
  d->from_date = g_strdup (from_date);
  d->to_date = g_strdup (to_date);
  d->created_at = T0;
  d->form = g_strdup (form);
  return d;
}

static void
test_store_delegations (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaDelegation) kt = delegation_new (1, 2, "publish,schedule", "2025-03-10", "2025-03-20", NULL);
  g_autoptr(ToaDelegation) tl = delegation_new (1, 2, "withdraw", "2025-03-15", "2025-03-16", "TL");
  g_autoptr(ToaDelegation) other = delegation_new (2, 3, "forward", "2025-01-01", "2025-12-31", NULL);
  g_autoptr(ToaDelegation) got = NULL;
  g_autoptr(GPtrArray) in_force = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) revoked = NULL;
  const ToaDelegation *d;

  plain_rows (f);
  g_assert_true (toa_store_delegation_add (f->store, kt, &error));
  g_assert_no_error (error);
  g_assert_true (toa_store_delegation_add (f->store, tl, &error));
  g_assert_true (toa_store_delegation_add (f->store, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tl->id, >, kt->id);

  got = toa_store_delegation_get (f->store, kt->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->from_name, ==, "Người A");
  g_assert_cmpstr (got->to_name, ==, "Người B");
  g_assert_cmpint (got->site_id, ==, 1);
  g_assert_cmpuint (g_strv_length (got->actions), ==, 2);
  g_assert_cmpstr (got->actions[1], ==, "schedule");
  g_assert_cmpstr (got->from_date, ==, "2025-03-10");
  g_assert_cmpstr (got->to_date, ==, "2025-03-20");
  g_assert_cmpint (got->created_at, ==, T0);
  g_assert_cmpint (got->revoked_at, ==, 0);
  g_assert_cmpstr (got->form, ==, "KT");
  g_assert_null (toa_store_delegation_get (f->store, 999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* in force: to the person, the date within the inclusive range */
  in_force = toa_store_delegation_list_in_force (f->store, 2, "2025-03-15", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_force->len, ==, 2);
  g_assert_cmpint (((ToaDelegation *) in_force->pdata[0])->id, ==, kt->id);
  g_assert_cmpstr (((ToaDelegation *) in_force->pdata[1])->form, ==, "TL");
  before = toa_store_delegation_list_in_force (f->store, 2, "2025-03-09", &error);
  g_assert_cmpuint (before->len, ==, 0);
  after = toa_store_delegation_list_in_force (f->store, 2, "2025-03-20", &error);
  g_assert_cmpuint (after->len, ==, 1);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = toa_store_delegation_list_in_force (f->store, 2, "2025-03-21", &error);
  g_assert_cmpuint (after->len, ==, 0);

  /* lists: given by or to the person, newest first; 0 = everyone's */
  mine = toa_store_delegation_list (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 1);
  all = toa_store_delegation_list (f->store, 0, &error);
  g_assert_cmpuint (all->len, ==, 3);
  d = all->pdata[0];
  g_assert_cmpint (d->id, ==, other->id);
  g_clear_pointer (&mine, g_ptr_array_unref);
  mine = toa_store_delegation_list (f->store, 2, &error);
  g_assert_cmpuint (mine->len, ==, 3);

  /* revoked once; then out of force */
  g_assert_true (toa_store_delegation_revoke (f->store, kt->id, T0 + 9, &error));
  g_assert_no_error (error);
  g_assert_false (toa_store_delegation_revoke (f->store, kt->id, T0 + 10, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  revoked = toa_store_delegation_list_in_force (f->store, 2, "2025-03-15", &error);
  g_assert_cmpuint (revoked->len, ==, 1);
  g_clear_pointer (&got, toa_delegation_free);
  got = toa_store_delegation_get (f->store, kt->id, &error);
  g_assert_cmpint (got->revoked_at, ==, T0 + 9);
}

static ToaApprovalRequest *
request_new (gint64 article, gint64 by, gint64 at)
{
  ToaApprovalRequest *r = toa_approval_request_new ();

  r->article_id = article;
  r->transition = g_strdup ("withdraw");
  r->from_state = g_strdup ("published");
  r->to_state = g_strdup ("withdrawn");
  r->comment = g_strdup ("Sai tên");
  r->article_version = 4;
  r->requested_by = by;
  r->requested_at = at;
  return r;
}

static void
test_store_approval (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaApprovalRequest) first = request_new (1, 2, T0 + 2);
  g_autoptr(ToaApprovalRequest) twice = request_new (1, 3, T0 + 3);
  g_autoptr(ToaApprovalRequest) elsewhere = request_new (4, 3, T0 + 1);
  g_autoptr(ToaApprovalRequest) again = request_new (1, 3, T0 + 9);
  g_autoptr(ToaApprovalRequest) got = NULL;
  g_autoptr(ToaApprovalRequest) pending = NULL;
  g_autoptr(ToaApprovalRequest) none = NULL;
  g_autoptr(GPtrArray) all_sites = NULL;
  g_autoptr(GPtrArray) portal = NULL;
  g_autoptr(GPtrArray) no_sites = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GArray) site_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 portal_id = 1;

  plain_rows (f);
  first->on_behalf_of = 1;
  g_assert_true (toa_store_approval_request_add (f->store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first->id, >, 0);
  g_assert_cmpint (first->status, ==, TOA_APPROVAL_PENDING);
  /* one pending request per item (the partial unique index) */
  g_assert_false (toa_store_approval_request_add (f->store, twice, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (toa_store_approval_request_add (f->store, elsewhere, &error));
  g_assert_no_error (error);

  got = toa_store_approval_request_get (f->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->article_id, ==, 1);
  g_assert_cmpint (got->site_id, ==, 1);
  g_assert_cmpstr (got->article_title, ==, "Bài 1");
  g_assert_cmpstr (got->transition, ==, "withdraw");
  g_assert_cmpstr (got->from_state, ==, "published");
  g_assert_cmpstr (got->to_state, ==, "withdrawn");
  g_assert_cmpstr (got->comment, ==, "Sai tên");
  g_assert_cmpint (got->article_version, ==, 4);
  g_assert_cmpstr (got->requested_by_name, ==, "Người B");
  g_assert_cmpint (got->on_behalf_of, ==, 1);
  g_assert_cmpint (got->requested_at, ==, T0 + 2);
  g_assert_cmpint (got->status, ==, TOA_APPROVAL_PENDING);
  g_assert_cmpint (got->decided_by, ==, 0);
  g_assert_null (toa_store_approval_request_get (f->store, 999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  pending = toa_store_approval_request_pending (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pending->id, ==, first->id);
  none = toa_store_approval_request_pending (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* pending on every site, oldest first; on the portal only; on no site */
  all_sites = toa_store_approval_request_list_pending (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all_sites->len, ==, 2);
  g_assert_cmpint (((ToaApprovalRequest *) all_sites->pdata[0])->id, ==, elsewhere->id);
  g_array_append_val (site_ids, portal_id);
  portal = toa_store_approval_request_list_pending (f->store, site_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (portal->len, ==, 1);
  g_assert_cmpint (((ToaApprovalRequest *) portal->pdata[0])->id, ==, first->id);
  g_array_set_size (site_ids, 0);
  no_sites = toa_store_approval_request_list_pending (f->store, site_ids, &error);
  g_assert_cmpuint (no_sites->len, ==, 0);

  /* decided once */
  g_assert_true (toa_store_approval_request_decide (f->store, first->id, TOA_APPROVAL_REJECTED, 1,
                                                    "Không", T0 + 5, &error));
  g_assert_no_error (error);
  g_assert_false (toa_store_approval_request_decide (f->store, first->id, TOA_APPROVAL_APPROVED, 1,
                                                     NULL, T0 + 6, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&got, toa_approval_request_free);
  got = toa_store_approval_request_get (f->store, first->id, &error);
  g_assert_cmpint (got->status, ==, TOA_APPROVAL_REJECTED);
  g_assert_cmpint (got->decided_by, ==, 1);
  g_assert_cmpstr (got->decided_by_name, ==, "Người A");
  g_assert_cmpstr (got->decision_comment, ==, "Không");
  g_assert_cmpint (got->decided_at, ==, T0 + 5);

  /* then a new one may be asked; the item's history is oldest first */
  g_assert_true (toa_store_approval_request_add (f->store, again, &error));
  g_assert_no_error (error);
  history = toa_store_approval_request_list (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (((ToaApprovalRequest *) history->pdata[0])->id, ==, first->id);
  g_assert_cmpint (((ToaApprovalRequest *) history->pdata[1])->id, ==, again->id);
}

/* ---- through core ---------------------------------------------------------------------- */

/* Core needs the other PostgreSQL method groups for these; until they are there, skip. */
static gboolean
core_ready (Fixture *f)
{
  ToaStoreInterface *iface = TOA_STORE_GET_IFACE (f->store);

  if (iface->site_add == NULL || iface->person_add == NULL || iface->audit_insert == NULL
      || iface->workflow_definition_get == NULL || iface->board_setting_get == NULL
      || iface->article_insert == NULL || iface->revision_add == NULL
      || iface->calendar_holiday_list == NULL || iface->calendar_adjustment_list == NULL
      || iface->article_update == NULL)
    {
      g_test_skip ("the PostgreSQL reference and article methods are not there yet");
      return FALSE;
    }
  return TRUE;
}

static const char *const roles[] = { "head", "standing-deputy", "secretary", "editor", "admin" };

static ToaPerson *
person_on (ToaStore *store, const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *login = g_strdup_printf ("r-%s", role);
  ToaPerson *p = toa_store_person_find (store, login, &error);

  g_assert_no_error (error);
  return p;
}

static ToaPerson *
person (Fixture *f, const char *role)
{
  return person_on (f->store, role);
}

/* A board: toa_board_init, a section, one person per role ("r-<role>", "Người <role>"). */
static void
core_board (Fixture *f)
{
  toa_pg_board_portal (f->store);
  toa_pg_board_people (f->store, roles, G_N_ELEMENTS (roles));
}

/* A new 'tin' by the editor, put in @state directly when not NULL (setup, not a transition). */
static gint64
core_article (Fixture *f, const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) editor = person (f, "editor");
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Hội nghị tổng kết năm",
    .info_kind = "law-guidance",
  };
  g_autoptr(ToaArticle) article = toa_articles_create (f->store, editor, &draft, &error);

  g_assert_no_error (error);
  if (state != NULL)
    {
      g_free (article->state);
      article->state = g_strdup (state);
      g_assert_true (toa_store_article_update (f->store, article, &error));
      g_assert_no_error (error);
    }
  return article->id;
}

/* Takes a transition as @role on @store; returns the error code or -1; *request_id when asked. */
static int
take_on (ToaStore *store, Fixture *f, const char *role, gint64 id, const char *transition,
         const char *comment, const char *target, gint64 now, gint64 *request_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) actor = person (f, role);
  ToaTransitionRequest request = {
    .article_id = id, .transition = transition, .comment = comment, .target = target, .now = now,
  };
  ToaTransitionResult result = { 0 };
  gboolean ok = toa_transitions_do (store, actor, &request, &result, &error);

  if (request_id != NULL)
    *request_id = result.request_id;
  toa_transition_result_clear (&result);
  if (ok)
    return -1;
  g_assert_true (error->domain == TOA_ERROR);
  return error->code;
}

static int
take (Fixture *f, const char *role, gint64 id, const char *transition, const char *comment,
      const char *target, gint64 now)
{
  return take_on (f->store, f, role, id, transition, comment, target, now, NULL);
}

static char *
state_of (Fixture *f, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (f->store, id, &error);

  g_assert_no_error (error);
  return g_strdup (flow->state);
}

#define assert_state(f, id, expected) \
  G_STMT_START { g_autofree char *s_ = state_of ((f), (id)); g_assert_cmpstr (s_, ==, (expected)); } G_STMT_END

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

static gint64
usec_of (const char *iso)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);

  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

static void
test_core_path (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(ToaArticleFlow) after = NULL;
  gint64 id, back;
  const ToaTransitionRecord *last;

  if (!core_ready (f))
    return;
  core_board (f);
  id = core_article (f, "received");
  g_assert_cmpint (take (f, "editor", id, "accept", NULL, NULL, 0), ==, -1);
  g_assert_cmpint (take (f, "editor", id, "forward", NULL, NULL, 0), ==, -1);
  assert_state (f, id, "secretary-review");
  g_assert_cmpint (take (f, "secretary", id, "forward", NULL, NULL, 0), ==, -1);
  assert_state (f, id, "deputy-review");
  g_assert_cmpint (take (f, "secretary", id, "publish", NULL, NULL, 0), ==, TOA_ERROR_PERMISSION);
  g_assert_cmpint (take (f, "standing-deputy", id, "publish", NULL, NULL, 0), ==, -1);
  after = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->state, ==, "published");
  g_assert_cmpstr (after->workflow_code, ==, "binh-phuoc-2024");
  g_assert_nonnull (after->deadline);
  g_assert_cmpint (after->published_at, >, 0);
  g_assert_cmpstr (after->last_actor_name, ==, "Người standing-deputy");
  timeline = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 4);
  g_assert_cmpstr (((ToaTransitionRecord *) timeline->pdata[0])->transition, ==, "accept");
  g_assert_cmpstr (((ToaTransitionRecord *) timeline->pdata[3])->actor_name, ==, "Người standing-deputy");

  /* a return needs a reason and a step behind */
  back = core_article (f, "deputy-review");
  g_assert_cmpint (take (f, "standing-deputy", back, "return", NULL, "editing", 0), ==, TOA_ERROR_INVALID);
  g_assert_cmpint (take (f, "standing-deputy", back, "return", "Sửa số liệu đoạn 2", "editing", 0), ==, -1);
  assert_state (f, back, "editing");
  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = toa_transitions_list (f->store, back, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (timeline, timeline->len - 1);
  g_assert_cmpstr (last->comment, ==, "Sửa số liệu đoạn 2");
  g_assert_cmpstr (last->from_state, ==, "deputy-review");
  assert_chain (f);
}

static void
test_core_delegation (Fixture *f, gconstpointer data)
{
  const char *publish[] = { "publish", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) deputy = NULL;
  g_autoptr(ToaDelegation) kt = NULL;
  g_autoptr(ToaDelegation) tl = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autofree char *label = NULL;
  const ToaTransitionRecord *record;
  gint64 before, during, by_order, after;

  if (!core_ready (f))
    return;
  core_board (f);
  deputy = person (f, "standing-deputy");
  before = core_article (f, "deputy-review");
  during = core_article (f, "deputy-review");
  by_order = core_article (f, "deputy-review");
  after = core_article (f, "deputy-review");
  kt = toa_delegation_add (f->store, deputy, "r-standing-deputy", "r-secretary", NULL, publish,
                           "2025-03-10", "2025-03-20", &error);
  g_assert_no_error (error);
  tl = toa_delegation_add_with_form (f->store, deputy, "r-standing-deputy", "r-secretary", NULL, publish,
                                     "2025-04-01", "2025-04-02", "TL", &error);
  g_assert_no_error (error);

  /* the 9th in Vietnam: not yet; 00:30 on the 10th: in force (KT.) */
  g_assert_cmpint (take (f, "secretary", before, "publish", NULL, NULL, usec_of ("2025-03-09T16:30:00Z")),
                   ==, TOA_ERROR_PERMISSION);
  assert_state (f, before, "deputy-review");
  g_assert_cmpint (take (f, "secretary", during, "publish", NULL, NULL, usec_of ("2025-03-09T17:30:00Z")),
                   ==, -1);
  assert_state (f, during, "published");
  timeline = toa_transitions_list (f->store, during, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (timeline, 0);
  g_assert_cmpstr (record->actor_name, ==, "Người secretary");
  g_assert_cmpint (record->on_behalf_of, ==, deputy->id);
  g_assert_cmpstr (record->on_behalf_of_name, ==, "Người standing-deputy");
  label = toa_transition_record_behalf_label (record);
  g_assert_true (g_str_has_prefix (label, "KT. "));

  /* TL. in its own range; after the range: refused */
  g_assert_cmpint (take (f, "secretary", by_order, "publish", NULL, NULL, usec_of ("2025-04-01T03:00:00Z")),
                   ==, -1);
  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = toa_transitions_list (f->store, by_order, &error);
  g_assert_cmpstr (((ToaTransitionRecord *) timeline->pdata[0])->behalf_form, ==, "TL");
  g_assert_cmpint (take (f, "secretary", after, "publish", NULL, NULL, usec_of ("2025-03-21T03:00:00Z")),
                   ==, TOA_ERROR_PERMISSION);
  /* revoked: refused inside its range too */
  g_assert_true (toa_delegation_revoke (f->store, deputy, tl->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (take (f, "secretary", after, "publish", NULL, NULL, usec_of ("2025-04-01T04:00:00Z")),
                   ==, TOA_ERROR_PERMISSION);
  assert_state (f, after, "deputy-review");
  assert_chain (f);
}

static void
test_core_approval (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) deputy = NULL;
  g_autoptr(ToaPerson) head = NULL;
  g_autoptr(ToaApprovalRequest) rejected = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  ToaTransitionResult result = { 0 };
  gint64 approved_item, rejected_item, request_id = 0, second_id = 0;
  const ToaTransitionRecord *row;

  if (!core_ready (f))
    return;
  core_board (f);
  deputy = person (f, "standing-deputy");
  head = person (f, "head");
  approved_item = core_article (f, "published");
  rejected_item = core_article (f, "published");

  /* the secretary's withdrawal waits for approval; a second ask is a conflict */
  g_assert_cmpint (take_on (f->store, f, "secretary", approved_item, "withdraw", "Sai tên đơn vị", NULL, 0,
                            &request_id), ==, -1);
  g_assert_cmpint (request_id, >, 0);
  assert_state (f, approved_item, "published");
  g_assert_cmpint (take (f, "secretary", approved_item, "withdraw", "Lần nữa", NULL, 0), ==, TOA_ERROR_CONFLICT);
  g_assert_true (toa_approval_decide (f->store, deputy, request_id, TRUE, NULL, 0, &result, &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);
  assert_state (f, approved_item, "withdrawn");
  timeline = toa_transitions_list (f->store, approved_item, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (timeline, 0);
  g_assert_cmpstr (row->actor_name, ==, "Người secretary");
  g_assert_cmpstr (row->approved_by_name, ==, "Người standing-deputy");

  /* rejected with a reason: the item stays */
  g_assert_cmpint (take_on (f->store, f, "secretary", rejected_item, "withdraw", "Sai ảnh", NULL, 0,
                            &second_id), ==, -1);
  g_assert_true (toa_approval_decide (f->store, head, second_id, FALSE, "Chỉ cần đính chính", 0, &result,
                                      &error));
  g_assert_no_error (error);
  toa_transition_result_clear (&result);
  assert_state (f, rejected_item, "published");
  rejected = toa_store_approval_request_get (f->store, second_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rejected->status, ==, TOA_APPROVAL_REJECTED);
  g_assert_cmpstr (rejected->decided_by_name, ==, "Người head");
  assert_chain (f);
}

typedef struct {
  Fixture    *f;
  gint64      id;
  gint64      version;     /* the version both desks saw */
  const char *transition;
  GMutex     *go;
  int         code;
  GError     *error;
} Racer;

static gpointer
racer_run (gpointer data)
{
  Racer *r = data;
  g_autoptr(ToaStore) store = toa_pg_board_open (r->f->url, TOA_OPEN_EXISTING);
  g_autoptr(ToaPerson) actor = person_on (store, "standing-deputy");
  ToaTransitionRequest request = {
    .article_id = r->id, .transition = r->transition, .comment = "Sửa", .expected_version = r->version,
    .target = g_str_equal (r->transition, "return") ? "editing" : NULL,
  };

  g_mutex_lock (r->go);
  g_mutex_unlock (r->go);
  r->code = toa_transitions_do (store, actor, &request, NULL, &r->error) ? -1 : r->error->code;
  return NULL;
}

static void
test_core_race (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(ToaArticleFlow) seen = NULL;
  Racer racers[2];
  GThread *threads[2];
  GMutex go;
  gint64 id;

  if (!core_ready (f))
    return;
  core_board (f);
  id = core_article (f, "deputy-review");
  seen = toa_store_article_flow_get (f->store, id, &error);
  g_assert_no_error (error);
  g_mutex_init (&go);
  g_mutex_lock (&go);
  for (guint i = 0; i < 2; i++)
    {
      racers[i] = (Racer) { .f = f, .id = id, .version = seen->version,
                            .transition = i == 0 ? "publish" : "return", .go = &go };
      threads[i] = g_thread_new ("racer", racer_run, &racers[i]);
    }
  g_usleep (300 * 1000);
  g_mutex_unlock (&go);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&go);
  g_assert_true ((racers[0].code == -1) != (racers[1].code == -1));
  for (guint i = 0; i < 2; i++)
    {
      if (racers[i].code != -1)
        {
          g_assert_error (racers[i].error, TOA_ERROR, TOA_ERROR_CONFLICT);
          g_assert_nonnull (strstr (racers[i].error->message, "Người standing-deputy"));
        }
      g_clear_error (&racers[i].error);
    }
  assert_state (f, id, racers[0].code == -1 ? "published" : "editing");
  timeline = toa_transitions_list (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 1);
  assert_chain (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg-flow/store/flow", test_store_flow);
  ADD ("/pg-flow/store/race", test_store_race);
  ADD ("/pg-flow/store/transitions", test_store_transitions);
  ADD ("/pg-flow/store/delegations", test_store_delegations);
  ADD ("/pg-flow/store/approval", test_store_approval);
  ADD ("/pg-flow/core/path", test_core_path);
  ADD ("/pg-flow/core/delegation", test_core_delegation);
  ADD ("/pg-flow/core/approval", test_core_approval);
  ADD ("/pg-flow/core/race", test_core_race);
#undef ADD
  return g_test_run ();
}
