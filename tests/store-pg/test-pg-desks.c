/* test-pg-desks.c — several desks working on one PostgreSQL board at once (issue 4, point 4),
 * on a real server started for this test (toa-pg-test-server.h). Each desk is a thread with
 * its own store (its own connection), acting through core (toa_transitions_do,
 * toa_articles_create).
 * /pg-desks/own-items: desks take transitions on their own items and create articles at the
 *   same time — none fails (two audit appends used to read the same last record and clash
 *   on its seq; the transition's record is appended by the server's function, the new
 *   article's by core, and both queue on one lock), every transition is in the timeline and
 *   the audit chain verifies with exactly one record per transition and per article.
 * /pg-desks/same-item: two people take a transition on the same item at the same moment,
 *   round after round — exactly one succeeds, the other gets a CONFLICT naming the winner. */
#include <string.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-board.h"
#include "toa-pg-test-server.h"
#include "toa-articles.h"
#include "toa-transitions.h"

#define N_DESKS 8
#define N_ROUNDS 30      /* transitions per desk in own-items */
#define N_RACES 12       /* rounds of same-item */

static ToaPgTestServer *server;

typedef struct {
  char     *dbname;
  char     *url;
  ToaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  toa_pg_board_new_db (server, "desks", &f->dbname, &f->url);
  f->store = toa_pg_board_open (f->url, TOA_OPEN_CREATE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->url);
  g_free (f->dbname);
}

/* ---- the board ----------------------------------------------------------------------- */

/* toa_board_init, a section, an editor ("bientap") and @n desks "desk-<i>" ("Người bàn <i>")
 * who are each editor, secretary and standing deputy on the portal. */
static void
board (Fixture *f, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(GArray) editor_grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  ToaRoleGrant grant;

  toa_pg_board_portal (f->store);

  g_assert_true (toa_people_parse_role (f->store, "editor", &grant, &error));
  g_array_append_val (editor_grants, grant);
  editor = toa_people_add (f->store, 0, "bientap", "Người biên tập", NULL, FALSE, NULL, editor_grants,
                           NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
      g_autofree char *login = g_strdup_printf ("desk-%u", i);
      g_autofree char *name = g_strdup_printf ("Người bàn %u", i);
      g_autoptr(ToaPerson) added = NULL;

      g_assert_true (toa_people_parse_role (f->store, "editor", &grant, &error));
      g_array_append_val (grants, grant);
      g_assert_true (toa_people_parse_role (f->store, "secretary", &grant, &error));
      g_array_append_val (grants, grant);
      g_assert_true (toa_people_parse_role (f->store, "standing-deputy", &grant, &error));
      g_array_append_val (grants, grant);
      added = toa_people_add (f->store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
      g_assert_no_error (error);
    }
}

static ToaPerson *
person_on (ToaStore *store, const char *login)
{
  g_autoptr(GError) error = NULL;
  ToaPerson *person = toa_store_person_find (store, login, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);
  return person;
}

/* A new 'tin' by the editor, put in @state directly (setup, not a transition). */
static gint64
article_in (Fixture *f, const char *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) editor = person_on (f->store, "bientap");
  ToaArticleDraft draft = {
    .section_code = "tin-tuc-su-kien", .genre = "tin", .title = "Hội nghị tổng kết năm",
  };
  g_autoptr(ToaArticle) article = toa_articles_create (f->store, editor, &draft, &error);

  g_assert_no_error (error);
  g_free (article->state);
  article->state = g_strdup (state);
  g_assert_true (toa_store_article_update (f->store, article, &error));
  g_assert_no_error (error);
  return article->id;
}

static gint64
audit_count (ToaStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 count = 0, bad = 0;

  g_assert_true (toa_audit_verify (store, &count, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  return count;
}

/* ---- desks on their own items ---------------------------------------------------------- */

typedef struct {
  const char *url;
  guint       desk;
  gint64      article_id;
  GMutex     *go;
  guint       done;
  guint       created;
  GError     *error;      /* the first failure */
} Desk;

static gpointer
desk_run (gpointer data)
{
  Desk *d = data;
  g_autoptr(ToaStore) store = toa_pg_board_open (d->url, TOA_OPEN_EXISTING);
  g_autofree char *login = g_strdup_printf ("desk-%u", d->desk);
  g_autoptr(ToaPerson) actor = person_on (store, login);

  g_mutex_lock (d->go);
  g_mutex_unlock (d->go);
  for (guint i = 0; i < N_ROUNDS && d->error == NULL; i++)
    {
      /* secretary-review → deputy-review (forward), and back (return) */
      ToaTransitionRequest request = {
        .article_id = d->article_id,
        .transition = i % 2 == 0 ? "forward" : "return",
        .comment = i % 2 == 0 ? NULL : "Sửa lại đoạn 2",
        .target = i % 2 == 0 ? NULL : "secretary-review",
      };

      if (toa_transitions_do (store, actor, &request, NULL, &d->error))
        d->done++;
      /* every other round a new article too: its audit record is appended by core */
      if (i % 2 == 1 && d->error == NULL)
        {
          g_autofree char *title = g_strdup_printf ("Tin %u của bàn %u", i, d->desk);
          ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin", .title = title };
          g_autoptr(ToaArticle) article = toa_articles_create (store, actor, &draft, &d->error);

          if (article != NULL)
            d->created++;
        }
    }
  return NULL;
}

static void
test_own_items (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  Desk desks[N_DESKS];
  GThread *threads[N_DESKS];
  GMutex go;
  gint64 before;
  guint failed = 0;

  board (f, N_DESKS);
  for (guint i = 0; i < N_DESKS; i++)
    desks[i] = (Desk) { .url = f->url, .desk = i, .article_id = article_in (f, "secretary-review"),
                        .go = &go };
  before = audit_count (f->store);

  g_mutex_init (&go);
  g_mutex_lock (&go);
  for (guint i = 0; i < N_DESKS; i++)
    threads[i] = g_thread_new ("desk", desk_run, &desks[i]);
  g_usleep (300 * 1000);      /* every desk connected and waiting */
  g_mutex_unlock (&go);
  for (guint i = 0; i < N_DESKS; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&go);

  for (guint i = 0; i < N_DESKS; i++)
    if (desks[i].error != NULL)
      {
        g_printerr ("desk %u after %u transitions: %s\n", i, desks[i].done, desks[i].error->message);
        failed++;
      }
  g_assert_cmpuint (failed, ==, 0);

  for (guint i = 0; i < N_DESKS; i++)
    {
      g_autoptr(GPtrArray) timeline = toa_transitions_list (f->store, desks[i].article_id, &error);
      g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (f->store, desks[i].article_id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (desks[i].done, ==, N_ROUNDS);
      g_assert_cmpuint (desks[i].created, ==, N_ROUNDS / 2);
      g_assert_cmpuint (timeline->len, ==, N_ROUNDS);
      g_assert_cmpstr (flow->state, ==, N_ROUNDS % 2 == 0 ? "secretary-review" : "deputy-review");
    }
  /* one audit record per transition and per new article, the chain whole */
  g_assert_cmpint (audit_count (f->store), ==, before + N_DESKS * (N_ROUNDS + N_ROUNDS / 2));
}

/* ---- two desks, one item --------------------------------------------------------------- */

typedef struct {
  const char *url;
  const char *login;
  const char *transition;
  gint64      article_id;
  gint64      version;      /* the version both desks saw */
  ToaStore   *store;
  ToaPerson  *actor;
  GMutex     *go;
  gboolean    ok;
  GError     *error;
} Racer;

static gpointer
racer_run (gpointer data)
{
  Racer *r = data;
  ToaTransitionRequest request = {
    .article_id = r->article_id, .transition = r->transition, .expected_version = r->version,
    .comment = g_str_equal (r->transition, "return") ? "Chưa rõ nguồn" : NULL,
    .target = g_str_equal (r->transition, "return") ? "secretary-review" : NULL,
  };

  g_mutex_lock (r->go);
  g_mutex_unlock (r->go);
  r->ok = toa_transitions_do (r->store, r->actor, &request, NULL, &r->error);
  return NULL;
}

static void
test_same_item (Fixture *f, gconstpointer data)
{
  const char *names[2] = { "Người bàn 0", "Người bàn 1" };
  const char *logins[2] = { "desk-0", "desk-1" };
  ToaStore *stores[2];
  ToaPerson *actors[2];
  guint wins[2] = { 0, 0 };
  gint64 before, timeline_total = 0;

  board (f, 2);
  for (guint i = 0; i < 2; i++)
    {
      stores[i] = toa_pg_board_open (f->url, TOA_OPEN_EXISTING);
      actors[i] = person_on (stores[i], logins[i]);
    }
  before = audit_count (f->store);

  for (guint round = 0; round < N_RACES; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaArticleFlow) seen = NULL;
      g_autoptr(ToaArticleFlow) after = NULL;
      gint64 id = article_in (f, "deputy-review");
      Racer racers[2];
      GThread *threads[2];
      GMutex go;
      guint winner;

      seen = toa_store_article_flow_get (f->store, id, &error);
      g_assert_no_error (error);
      g_mutex_init (&go);
      g_mutex_lock (&go);
      for (guint i = 0; i < 2; i++)
        {
          /* alternate who asks for what, so either transition may win */
          racers[i] = (Racer) { .url = f->url, .login = logins[i], .article_id = id,
                                .version = seen->version, .store = stores[i], .actor = actors[i],
                                .transition = (i + round) % 2 == 0 ? "publish" : "return",
                                .go = &go };
          threads[i] = g_thread_new ("racer", racer_run, &racers[i]);
        }
      g_usleep (20 * 1000);
      g_mutex_unlock (&go);
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);
      g_mutex_clear (&go);

      /* exactly one wins; the other is told who was first, by name */
      g_assert_true (racers[0].ok != racers[1].ok);
      winner = racers[0].ok ? 0 : 1;
      wins[winner]++;
      g_assert_no_error (racers[winner].error);
      g_assert_error (racers[1 - winner].error, TOA_ERROR, TOA_ERROR_CONFLICT);
      g_assert_nonnull (strstr (racers[1 - winner].error->message, names[winner]));
      g_assert_null (strstr (racers[1 - winner].error->message, names[1 - winner]));
      g_clear_error (&racers[1 - winner].error);

      after = toa_store_article_flow_get (f->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (after->state, ==,
                       g_str_equal (racers[winner].transition, "publish") ? "published" : "secretary-review");
      g_assert_cmpint (after->version, ==, seen->version + 1);
      g_assert_cmpint (after->last_actor_id, ==, actors[winner]->id);
      {
        g_autoptr(GPtrArray) timeline = toa_transitions_list (f->store, id, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (timeline->len, ==, 1);
        timeline_total += timeline->len;
      }
    }
  g_test_message ("same item: desk 0 won %u, desk 1 won %u of %d", wins[0], wins[1], N_RACES);
  /* the losers left nothing behind: one audit record per win (plus each round's article) */
  g_assert_cmpint (audit_count (f->store), ==, before + timeline_total + N_RACES);

  for (guint i = 0; i < 2; i++)
    {
      toa_person_free (actors[i]);
      g_object_unref (stores[i]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pg-desks/own-items", test_own_items);
  ADD ("/pg-desks/same-item", test_same_item);
#undef ADD
  return g_test_run ();
}
