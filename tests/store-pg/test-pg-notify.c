/* test-pg-notify.c — live changes on PostgreSQL (004-notify.sql, toa-pg-listen.c) with two
 * desks on one test server: desk A takes transitions through core (toa_transitions_do) in a
 * thread of its own, desk B's watch (toa_store_watch) hears them on its main context.
 * /pg-notify/latency: 50 transitions, each heard by B within 1 s of A's commit (median and
 * p95 printed); /pg-notify/payload: what a notice says for an article, a transition, a
 * comment, and that a refused transition says nothing; /pg-notify/reconnect:
 * the listening connection killed on the server, B reconnects by itself, says "resync" and
 * hears the next change; /pg-notify/shared: one watch per store while held. */
#include <string.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-listen.h"
#include "toa-pg-store.h"
#include "toa-pg-board.h"
#include "toa-pg-test-server.h"
#include "toa-transitions.h"

#define N_TRANSITIONS 50          /* one article forwarded by each */
#define N_ARTICLES    N_TRANSITIONS
#define LIMIT_USEC    G_USEC_PER_SEC

static ToaPgTestServer *server;

typedef struct {
  char      *dbname;
  char      *url;
  ToaStore  *a;           /* desk A: the editor's */
  ToaStore  *b;           /* desk B: the secretary's */
  GPtrArray *heard;       /* Heard*, in order */
} Fixture;

typedef struct {
  ToaStoreChange *change;
  gint64          at;     /* monotonic µs */
} Heard;

static void
heard_free (Heard *heard)
{
  toa_store_change_free (heard->change);
  g_free (heard);
}

static void
on_changed (ToaStoreWatch *watch, const ToaStoreChange *change, Fixture *f)
{
  Heard *heard = g_new0 (Heard, 1);

  heard->at = g_get_monotonic_time ();
  heard->change = toa_store_change_copy (change);
  g_ptr_array_add (f->heard, heard);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  toa_pg_board_new_db (server, "notify", &f->dbname, &f->url);
  f->a = toa_pg_board_open (f->url, TOA_OPEN_CREATE);
  f->b = toa_pg_board_open (f->url, 0);
  f->heard = g_ptr_array_new_with_free_func ((GDestroyNotify) heard_free);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_ptr_array_unref (f->heard);
  g_free (f->url);
  g_free (f->dbname);
}

/* ---- a board: the Bình Phước 2024 workflow, an editor and a secretary ----------------- */

static const char *const roles[] = { "editor", "secretary" };

static ToaPerson *
person (ToaStore *store, const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *login = g_strdup_printf ("r-%s", role);
  ToaPerson *p = toa_store_person_find (store, login, &error);

  g_assert_no_error (error);
  return p;
}

static void
board (Fixture *f)
{
  toa_pg_board_portal (f->a);
  toa_pg_board_people (f->a, roles, G_N_ELEMENTS (roles));
}

static gint64
article (Fixture *f, const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) editor = person (f->a, "editor");
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien", .genre = "tin", .title = title, .info_kind = "law-guidance",
  };
  g_autoptr(ToaArticle) made = toa_articles_create (f->a, editor, &draft, &error);

  g_assert_no_error (error);
  return made->id;
}

static gboolean
take (ToaStore *store, const ToaPerson *actor, gint64 id, const char *transition, GError **error)
{
  ToaTransitionRequest request = { .article_id = id, .transition = transition };
  ToaTransitionResult result = { 0 };
  gboolean ok = toa_transitions_do (store, actor, &request, &result, error);

  toa_transition_result_clear (&result);
  return ok;
}

/* The first heard change of @kind about @id (with @state when not NULL), or NULL. */
static const Heard *
find_heard (Fixture *f, const char *kind, gint64 id, const char *state)
{
  for (guint i = 0; i < f->heard->len; i++)
    {
      const Heard *heard = g_ptr_array_index (f->heard, i);

      if (g_str_equal (heard->change->kind, kind) && heard->change->article_id == id
          && (state == NULL || g_strcmp0 (heard->change->state, state) == 0))
        return heard;
    }
  return NULL;
}

/* Runs the main context until @kind about @id is heard or @usec pass. */
static const Heard *
wait_heard (Fixture *f, const char *kind, gint64 id, const char *state, gint64 usec)
{
  gint64 until = g_get_monotonic_time () + usec;
  const Heard *heard;

  while ((heard = find_heard (f, kind, id, state)) == NULL && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return heard;
}

static void
spin (gint64 usec)
{
  gint64 until = g_get_monotonic_time () + usec;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* ---- latency ----------------------------------------------------------------------------- */

typedef struct {
  Fixture *f;
  gint64   ids[N_ARTICLES];
  gint64   started[N_TRANSITIONS];    /* before toa_transitions_do */
  gint64   committed[N_TRANSITIONS];  /* after it returned: committed */
  GError  *error;
} Desk;

/* Desk A: every draft forwarded to the secretary, a transition every 20 ms. */
static gpointer
desk_a_run (gpointer data)
{
  Desk *desk = data;
  g_autoptr(ToaPerson) editor = person (desk->f->a, "editor");

  for (guint n = 0; n < N_TRANSITIONS; n++)
    {
      desk->started[n] = g_get_monotonic_time ();
      if (!take (desk->f->a, editor, desk->ids[n], "forward", &desk->error))
        return NULL;
      desk->committed[n] = g_get_monotonic_time ();
      g_usleep (20 * 1000);
    }
  return NULL;
}

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
test_latency (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStoreWatch) watch = NULL;
  g_autofree Desk *desk = g_new0 (Desk, 1);
  gint64 latencies[N_TRANSITIONS], worst_from_start = 0;
  GThread *thread;
  gint64 until;

  board (f);
  desk->f = f;
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *title = g_strdup_printf ("Tin số %u", i + 1);

      desk->ids[i] = article (f, title);
    }
  watch = toa_store_watch (f->b, &error);
  g_assert_no_error (error);
  g_assert_nonnull (watch);
  g_signal_connect (watch, "changed", G_CALLBACK (on_changed), f);

  thread = g_thread_new ("desk-a", desk_a_run, desk);
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (find_heard (f, "transition", desk->ids[N_ARTICLES - 1], "secretary-review") == NULL
         && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  g_thread_join (thread);
  g_assert_no_error (desk->error);

  for (guint n = 0; n < N_TRANSITIONS; n++)
    {
      const Heard *heard = find_heard (f, "transition", desk->ids[n], "secretary-review");

      g_assert_nonnull (heard);
      g_assert_cmpstr (heard->change->kind, ==, "transition");
      /* heard after A started the transition, within 1 s of its commit */
      g_assert_cmpint (heard->at, >=, desk->started[n]);
      latencies[n] = MAX (heard->at - desk->committed[n], 0);
      worst_from_start = MAX (worst_from_start, heard->at - desk->started[n]);
      g_assert_cmpint (latencies[n], <=, LIMIT_USEC);
    }
  qsort (latencies, N_TRANSITIONS, sizeof (gint64), compare_int64);
  g_test_message ("NOTIFY latency over %d transitions, A's commit -> B's callback: "
                  "median %.2f ms, p95 %.2f ms, max %.2f ms (max from A's call %.2f ms)",
                  N_TRANSITIONS, latencies[N_TRANSITIONS / 2] / 1000.0,
                  latencies[(N_TRANSITIONS * 95 + 99) / 100 - 1] / 1000.0,
                  latencies[N_TRANSITIONS - 1] / 1000.0, worst_from_start / 1000.0);
}

/* ---- what a notice says ------------------------------------------------------------------ */

static void
test_payload (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStoreWatch) watch = NULL;
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaPerson) secretary = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaComment) comment = NULL;
  const Heard *heard;
  gint64 id;
  guint before;

  board (f);
  editor = person (f->a, "editor");
  secretary = person (f->a, "secretary");
  portal = toa_store_site_find (f->a, "portal", &error);
  g_assert_no_error (error);
  watch = toa_store_watch (f->b, &error);
  g_assert_no_error (error);
  g_signal_connect (watch, "changed", G_CALLBACK (on_changed), f);

  id = article (f, "Thông báo lịch tiếp công dân");
  heard = wait_heard (f, "article", id, NULL, LIMIT_USEC);
  g_assert_nonnull (heard);
  g_assert_cmpint (heard->change->site_id, ==, portal->id);
  g_assert_cmpint (heard->change->person_id, ==, editor->id);
  g_assert_nonnull (heard->change->state);
  g_assert_cmpint (heard->change->version, ==, 1);

  g_assert_true (take (f->a, editor, id, "forward", &error));
  g_assert_no_error (error);
  heard = wait_heard (f, "transition", id, "secretary-review", LIMIT_USEC);
  g_assert_nonnull (heard);
  g_assert_cmpstr (heard->change->from_state, ==, "draft");
  g_assert_cmpint (heard->change->person_id, ==, editor->id);
  g_assert_cmpint (heard->change->site_id, ==, portal->id);
  /* the article's row changed too: its new state and version, and the state it left */
  heard = wait_heard (f, "article", id, "secretary-review", LIMIT_USEC);
  g_assert_nonnull (heard);
  g_assert_cmpstr (heard->change->from_state, ==, "draft");
  g_assert_cmpint (heard->change->version, ==, 2);

  comment = toa_articles_comment (f->a, editor, id, "Xin ý kiến @r-secretary về số liệu", &error);
  g_assert_no_error (error);
  heard = wait_heard (f, "comment", id, NULL, LIMIT_USEC);
  g_assert_nonnull (heard);
  g_assert_cmpint (heard->change->person_id, ==, editor->id);

  /* a refused transition writes nothing: nothing is heard */
  spin (200 * 1000);
  before = f->heard->len;
  g_assert_false (take (f->a, secretary, id, "publish", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  spin (500 * 1000);
  g_assert_cmpuint (f->heard->len, ==, before);
}

/* ---- reconnecting ------------------------------------------------------------------------ */

static void
test_reconnect (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStoreWatch) watch = NULL;
  g_autoptr(ToaPerson) editor = NULL;
  const Heard *heard = NULL;
  gint64 id, until;

  board (f);
  editor = person (f->a, "editor");
  id = article (f, "Tin sau khi kết nối lại");
  watch = toa_store_watch (f->b, &error);
  g_assert_no_error (error);
  g_assert_true (TOA_IS_PG_LISTEN (watch));
  g_assert_true (toa_pg_listen_is_listening (TOA_PG_LISTEN (watch)));
  g_signal_connect (watch, "changed", G_CALLBACK (on_changed), f);

  /* the server drops the listening connection (an administrator, a restart, a network cut) */
  g_assert_true (toa_pg_test_server_exec (server, f->dbname,
                                          "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                          "WHERE application_name = '" TOA_PG_LISTEN_APPLICATION "'",
                                          &error));
  g_assert_no_error (error);
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until && (heard = find_heard (f, "resync", 0, NULL)) == NULL)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (heard);
  g_assert_true (toa_store_change_is_resync (heard->change));
  g_assert_true (toa_pg_listen_is_listening (TOA_PG_LISTEN (watch)));

  /* listening again: the next change is heard */
  g_assert_true (take (f->a, editor, id, "forward", &error));
  g_assert_no_error (error);
  g_assert_nonnull (wait_heard (f, "transition", id, "secretary-review", LIMIT_USEC));
}

/* ---- one watch per store ----------------------------------------------------------------- */

static void
test_shared (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStoreWatch) first = toa_store_watch (f->b, &error);
  g_autoptr(ToaStoreWatch) second = NULL;
  g_autoptr(ToaStoreWatch) third = NULL;
  GWeakRef gone;

  g_assert_no_error (error);
  second = toa_store_watch (f->b, &error);
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_weak_ref_init (&gone, first);
  g_clear_object (&first);
  g_clear_object (&second);
  g_assert_null (g_weak_ref_get (&gone));   /* the last holder let go: the connection closed */
  g_weak_ref_clear (&gone);
  third = toa_store_watch (f->b, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg-notify/latency", test_latency);
  ADD ("/pg-notify/payload", test_payload);
  ADD ("/pg-notify/reconnect", test_reconnect);
  ADD ("/pg-notify/shared", test_shared);
#undef ADD
  return g_test_run ();
}
