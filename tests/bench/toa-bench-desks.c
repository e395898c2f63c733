/* toa-bench-desks.c — many desks on one PostgreSQL board (issue 4, point 6's benchmark):
 *
 *   toa-bench-desks [--url postgresql://…] [--desks 20] [--seconds 60] [--interval-ms 100]
 *                   [--items 4] [--poll]
 *
 * Without --url it starts a throwaway PostgreSQL server (tests/store-pg/toa-pg-test-server.h:
 * loopback, fsync off); with --url the database must be empty (the schema is created).
 * It prepares a board — toa_board_init, one component site per pair of desks with a section,
 * an editor, and per pair a secretary (thư ký) and a standing deputy (Phó Trưởng ban thường
 * trực) of that site, --items articles per pair, half waiting for each — then runs the desks:
 * each a thread with its own store (its own connection) taking a transition through core
 * (toa_transitions_do, with the version it saw) every --interval-ms for --seconds — the
 * secretary forwards (secretary-review → deputy-review), the deputy returns (→ secretary-review,
 * with a comment) — and records each one's latency and every error.
 *
 * "Inbox update seen by the recipient": each desk also has a reader thread with its own store
 * that keeps the desk's inbox ("waiting for me", toa_inbox_list) up to date — after the changes
 * the store's watch reports for the desk's site (toa_store_watch: LISTEN/NOTIFY), read in one go
 * TOA_STORE_WATCH_COALESCE_MS after the first of them as the Inbox page does, or by
 * reading the inbox every 50 ms when the store has no watch or with --poll. The latency is
 * from the moment the sending desk started the transition to the moment the recipient's
 * inbox read shows the item at its new version. A desk acts only on items its own inbox has
 * shown it, as a person would; a tick with nothing to act on is counted as idle.
 *
 * Prints JSON on stdout (latencies in ms: median, p95, p99, max); progress on stderr. Exit
 * status 0 when there were no errors and the targets were met (p95 transition ≤ 20 ms, every
 * inbox update seen within 1 s), 1 otherwise. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "toa-articles.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-inbox.h"
#include "toa-people.h"
#include "toa-pg-test-server.h"
#include "toa-store-open.h"
#include "toa-store-watch.h"
#include "toa-transitions.h"

#define TARGET_P95_MS       20.0
#define TARGET_INBOX_MS     1000.0
#define POLL_MS             50
#define DRAIN_SECONDS       3       /* readers go on this long after the desks stop */
#define MAX_ITEMS           64

enum { SECRETARY = 0, DEPUTY = 1, NOBODY = -1 };

typedef struct {
  gint64 id;
  int    owner;         /* whose inbox has shown it (SECRETARY/DEPUTY), NOBODY while sent */
  gint64 version;       /* the version its owner saw */
  int    pending_for;   /* the recipient of a transition under way or done, not yet seen */
  gint64 expect;        /* the version the recipient must see */
  gint64 sent_at;       /* monotonic µs: when the sender started the transition */
} Item;

typedef struct {
  GMutex  lock;
  guint   index;
  gint64  site_id;
  guint   n_items;
  Item    items[MAX_ITEMS];
} Pair;

typedef struct {
  const char *url;
  Pair       *pair;
  int         side;
  guint       index;
  char       *login;
  /* the desk */
  GArray     *latencies;    /* gint64 µs */
  guint       errors;
  guint       idle;
  char       *first_error;
  /* its reader */
  GArray     *seen;         /* gint64 µs */
  guint       read_errors;
  guint       notices;
  guint       reads;
  gboolean    polled;
  char       *first_read_error;
  ToaStore   *reader_store;
  ToaPerson  *reader_me;
  GMainLoop  *loop;
  GSource    *coalesce;     /* a read due after the first change heard, or NULL */
} Desk;

static gint64 start_at;       /* monotonic µs */
static gint64 end_at;
static gint64 interval_us;
static guint n_desks;
static gboolean force_poll;
static gboolean no_inbox;

static ToaStore *
open_store (const char *url, ToaOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  ToaStore *store = toa_store_open (url, flags, &error);

  if (store == NULL)
    g_error ("toa-bench-desks: cannot open %s: %s", url, error->message);
  return store;
}

static void
check (gboolean ok, GError *error, const char *what)
{
  if (!ok)
    g_error ("toa-bench-desks: %s: %s", what, error != NULL ? error->message : "failed");
}

/* ---- the board ----------------------------------------------------------------------- */

static ToaPerson *
add_person (ToaStore *store, const char *login, const char *name, const char *const *roles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  ToaPerson *person;

  for (guint i = 0; roles[i] != NULL; i++)
    {
      ToaRoleGrant grant;

      check (toa_people_parse_role (store, roles[i], &grant, &error), error, roles[i]);
      g_array_append_val (grants, grant);
    }
  person = toa_people_add (store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
  check (person != NULL, error, login);
  return person;
}

static void
prepare (ToaStore *store, Pair *pairs, guint n_pairs, guint n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) editor_roles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ToaPerson) editor = NULL;

  check (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error), error, "board init");
  for (guint p = 0; p < n_pairs; p++)
    {
      g_autoptr(ToaSite) site = toa_site_new ();
      g_autoptr(ToaSection) section = toa_section_new ();

      site->code = g_strdup_printf ("ban-%02u", p);
      site->name = g_strdup_printf ("Trang thành phần %u", p);
      site->kind = g_strdup ("component");
      check (toa_store_site_add (store, site, &error), error, "site");
      section->site_id = site->id;
      section->code = g_strdup ("tin-tuc");
      section->name = g_strdup ("Tin tức");
      check (toa_store_section_add (store, section, &error), error, "section");
      pairs[p].site_id = site->id;
      pairs[p].index = p;
      g_ptr_array_add (editor_roles, g_strdup_printf ("editor@%s", site->code));
    }
  g_ptr_array_add (editor_roles, NULL);
  editor = add_person (store, "bientap", "Biên tập viên", (const char *const *) editor_roles->pdata);

  for (guint p = 0; p < n_pairs; p++)
    {
      g_autofree char *site_code = g_strdup_printf ("ban-%02u", p);
      g_autofree char *secretary_role = g_strdup_printf ("secretary@%s", site_code);
      g_autofree char *deputy_role = g_strdup_printf ("standing-deputy@%s", site_code);
      g_autofree char *secretary_login = g_strdup_printf ("thuky-%02u", p);
      g_autofree char *deputy_login = g_strdup_printf ("phoban-%02u", p);
      g_autofree char *secretary_name = g_strdup_printf ("Thư ký bàn %u", p);
      g_autofree char *deputy_name = g_strdup_printf ("Phó Trưởng ban bàn %u", p);
      const char *secretary_roles[] = { secretary_role, NULL };
      const char *deputy_roles[] = { deputy_role, NULL };
      g_autoptr(ToaPerson) secretary = add_person (store, secretary_login, secretary_name, secretary_roles);
      g_autoptr(ToaPerson) deputy = add_person (store, deputy_login, deputy_name, deputy_roles);

      g_mutex_init (&pairs[p].lock);
      pairs[p].n_items = n_items;
      for (guint i = 0; i < n_items; i++)
        {
          g_autofree char *title = g_strdup_printf ("Tin số %u của bàn %u", i + 1, p);
          ToaArticleDraft draft = {
            .site_code = site_code, .section_code = "tin-tuc", .genre = "tin", .title = title,
          };
          g_autoptr(ToaArticle) article = toa_articles_create (store, editor, &draft, &error);
          gboolean at_deputy = i % 2 == 1;

          check (article != NULL, error, "article");
          /* setup, not a transition: half wait for the secretary, half for the deputy */
          g_free (article->state);
          article->state = g_strdup (at_deputy ? "deputy-review" : "secretary-review");
          check (toa_store_article_update (store, article, &error), error, "article state");
          pairs[p].items[i] = (Item) { .id = article->id, .owner = at_deputy ? DEPUTY : SECRETARY,
                                       .version = article->version, .pending_for = NOBODY };
        }
    }
}

/* ---- a desk ---------------------------------------------------------------------------- */

static void
sleep_until (gint64 when)
{
  gint64 now = g_get_monotonic_time ();

  if (when > now)
    g_usleep ((gulong) (when - now));
}

static gpointer
desk_run (gpointer data)
{
  Desk *d = data;
  g_autoptr(ToaStore) store = open_store (d->url, TOA_OPEN_EXISTING);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) me = toa_store_person_find (store, d->login, &error);
  gint64 next;

  check (me != NULL, error, d->login);
  /* desks start spread over one interval, as people do */
  next = start_at + (gint64) d->index * interval_us / (gint64) n_desks;
  for (;;)
    {
      Item *item = NULL;
      gint64 version = 0, id = 0, began, took;
      ToaTransitionRequest request = { 0 };
      GError *local_error = NULL;

      sleep_until (next);
      if (g_get_monotonic_time () >= end_at)
        break;
      next += interval_us;

      g_mutex_lock (&d->pair->lock);
      for (guint i = 0; i < d->pair->n_items && item == NULL; i++)
        if (d->pair->items[i].owner == d->side)
          item = &d->pair->items[i];
      if (item == NULL)
        {
          d->idle++;
          g_mutex_unlock (&d->pair->lock);
          continue;
        }
      began = g_get_monotonic_time ();
      item->owner = NOBODY;
      item->pending_for = 1 - d->side;
      item->expect = item->version + 1;
      item->sent_at = began;
      version = item->version;
      id = item->id;
      g_mutex_unlock (&d->pair->lock);

      request.article_id = id;
      request.expected_version = version;
      if (d->side == SECRETARY)
        request.transition = "forward";
      else
        {
          request.transition = "return";
          request.target = "secretary-review";
          request.comment = "Đề nghị bổ sung nguồn tin";
        }
      if (toa_transitions_do (store, me, &request, NULL, &local_error))
        {
          took = g_get_monotonic_time () - began;
          g_array_append_val (d->latencies, took);
          if (no_inbox)
            {
              g_mutex_lock (&d->pair->lock);
              item->pending_for = NOBODY;
              item->owner = 1 - d->side;
              item->version = version + 1;
              g_mutex_unlock (&d->pair->lock);
            }
          continue;
        }

      d->errors++;
      if (d->first_error == NULL)
        d->first_error = g_strdup (local_error->message);
      g_clear_error (&local_error);
      /* take it back as it is now */
      {
        g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (store, id, NULL);

        g_mutex_lock (&d->pair->lock);
        item->pending_for = NOBODY;
        item->owner = d->side;
        if (flow != NULL)
          item->version = flow->version;
        g_mutex_unlock (&d->pair->lock);
      }
    }
  return NULL;
}

/* ---- its reader: the desk's inbox ------------------------------------------------------ */

static gboolean
anything_pending (Desk *d)
{
  gboolean pending = FALSE;

  g_mutex_lock (&d->pair->lock);
  for (guint i = 0; i < d->pair->n_items && !pending; i++)
    pending = d->pair->items[i].pending_for == d->side;
  g_mutex_unlock (&d->pair->lock);
  return pending;
}

/* Reads the desk's inbox and hands it the items sent to it that it now shows. */
static void
read_inbox (Desk *d)
{
  g_autoptr(GPtrArray) rows = NULL;
  ToaInboxRequest request = { .which = TOA_INBOX_WAITING };
  GError *error = NULL;
  gint64 now;

  if (!anything_pending (d))
    return;
  d->reads++;
  rows = toa_inbox_list (d->reader_store, d->reader_me, &request, &error);
  now = g_get_monotonic_time ();
  if (rows == NULL)
    {
      d->read_errors++;
      if (d->first_read_error == NULL)
        d->first_read_error = g_strdup (error->message);
      g_clear_error (&error);
      return;
    }
  g_mutex_lock (&d->pair->lock);
  for (guint r = 0; r < rows->len; r++)
    {
      const ToaInboxItem *row = g_ptr_array_index (rows, r);

      for (guint i = 0; i < d->pair->n_items; i++)
        {
          Item *item = &d->pair->items[i];

          if (item->id == row->article->id && item->pending_for == d->side
              && row->article->version >= item->expect)
            {
              gint64 latency = now - item->sent_at;

              g_array_append_val (d->seen, latency);
              item->pending_for = NOBODY;
              item->owner = d->side;
              item->version = row->article->version;
            }
        }
    }
  g_mutex_unlock (&d->pair->lock);
}

static gboolean
on_coalesced (gpointer data)
{
  Desk *d = data;

  g_clear_pointer (&d->coalesce, g_source_unref);
  read_inbox (d);
  return G_SOURCE_REMOVE;
}

/* As the Inbox page does: the first change that concerns the desk starts a short wait
 * (TOA_STORE_WATCH_COALESCE_MS), then one read covers every change heard meanwhile. */
static void
on_changed (ToaStoreWatch *watch, const ToaStoreChange *change, gpointer data)
{
  Desk *d = data;

  d->notices++;
  if (d->coalesce == NULL
      && (toa_store_change_is_resync (change) || change->site_id == 0 || change->site_id == d->pair->site_id))
    {
      d->coalesce = g_timeout_source_new (TOA_STORE_WATCH_COALESCE_MS);
      g_source_set_callback (d->coalesce, on_coalesced, d, NULL);
      g_source_attach (d->coalesce, g_main_context_get_thread_default ());
    }
}

static gboolean
on_poll (gpointer data)
{
  read_inbox (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_clock (gpointer data)
{
  Desk *d = data;

  if (g_get_monotonic_time () >= end_at + DRAIN_SECONDS * G_USEC_PER_SEC)
    g_main_loop_quit (d->loop);
  return G_SOURCE_CONTINUE;
}

static gpointer
reader_run (gpointer data)
{
  Desk *d = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStoreWatch) watch = NULL;
  g_autoptr(GSource) clock = NULL;
  g_autoptr(GSource) poll = NULL;

  g_main_context_push_thread_default (context);
  d->reader_store = open_store (d->url, TOA_OPEN_EXISTING);
  d->reader_me = toa_store_person_find (d->reader_store, d->login, &error);
  check (d->reader_me != NULL, error, d->login);
  if (!force_poll)
    {
      watch = toa_store_watch (d->reader_store, &error);
      check (error == NULL, error, "watch");
    }
  if (watch != NULL)
    g_signal_connect (watch, "changed", G_CALLBACK (on_changed), d);
  else
    {
      d->polled = TRUE;
      poll = g_timeout_source_new (POLL_MS);
      g_source_set_callback (poll, on_poll, d, NULL);
      g_source_attach (poll, context);
    }
  clock = g_timeout_source_new (50);
  g_source_set_callback (clock, on_clock, d, NULL);
  g_source_attach (clock, context);

  d->loop = g_main_loop_new (context, FALSE);
  g_main_loop_run (d->loop);
  g_clear_pointer (&d->loop, g_main_loop_unref);
  g_source_destroy (clock);
  if (d->coalesce != NULL)
    {
      g_source_destroy (d->coalesce);
      g_clear_pointer (&d->coalesce, g_source_unref);
    }
  if (poll != NULL)
    g_source_destroy (poll);
  if (watch != NULL)
    g_signal_handlers_disconnect_by_data (watch, d);
  g_clear_object (&watch);
  g_clear_pointer (&d->reader_me, toa_person_free);
  g_clear_object (&d->reader_store);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* ---- figures ----------------------------------------------------------------------------- */

static int
compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Nearest rank, in ms. */
static double
percentile_ms (GArray *sorted, double q)
{
  guint rank;

  if (sorted->len == 0)
    return 0.0;
  rank = (guint) ((double) sorted->len * q + 0.999999);
  rank = CLAMP (rank, 1, sorted->len);
  return (double) g_array_index (sorted, gint64, rank - 1) / 1000.0;
}

static void
print_figures (GString *out, const char *name, GArray *values)
{
  g_array_sort (values, compare_int64);
  g_string_append_printf (out,
                          "  \"%s\": { \"count\": %u, \"median_ms\": %.2f, \"p95_ms\": %.2f, "
                          "\"p99_ms\": %.2f, \"max_ms\": %.2f }",
                          name, values->len, percentile_ms (values, 0.5), percentile_ms (values, 0.95),
                          percentile_ms (values, 0.99), percentile_ms (values, 1.0));
}

int
main (int argc, char **argv)
{
  g_autofree char *url = NULL;
  int desks_opt = 20, seconds = 60, interval_ms = 100, items = 4;
  GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "An empty PostgreSQL database (default: start a test server)", "URL" },
    { "desks", 0, 0, G_OPTION_ARG_INT, &desks_opt, "Desks (an even number; default 20)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long they work (default 60)", "S" },
    { "interval-ms", 0, 0, G_OPTION_ARG_INT, &interval_ms, "Each desk's pace (default 100)", "MS" },
    { "items", 0, 0, G_OPTION_ARG_INT, &items, "Articles per pair of desks (default 4)", "N" },
    { "poll", 0, 0, G_OPTION_ARG_NONE, &force_poll, "Read inboxes every 50 ms, not on notices", NULL },
    { "no-inbox", 0, 0, G_OPTION_ARG_NONE, &no_inbox,
      "No inbox readers: hand items over at once (transition latency alone)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("— 20 desks on one PostgreSQL board");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new ("{\n");
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree Pair *pairs = NULL;
  g_autofree Desk *desks = NULL;
  g_autofree GThread **threads = NULL;
  g_autofree char *describe = NULL;
  ToaPgTestServer *server = NULL;
  guint n_pairs, errors = 0, read_errors = 0, idle = 0, missed = 0, polled = 0, notices = 0, reads = 0;
  const char *first_error = NULL;
  double p95, seen_max;
  gboolean met;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("toa-bench-desks: %s\n", error->message);
      return 2;
    }
  if (desks_opt < 2 || desks_opt % 2 != 0 || seconds < 1 || interval_ms < 1 || items < 2 || items > MAX_ITEMS)
    {
      g_printerr ("toa-bench-desks: --desks must be even (≥ 2), --items 2…%d, --seconds and --interval-ms positive\n",
                  MAX_ITEMS);
      return 2;
    }
  n_desks = (guint) desks_opt;
  n_pairs = n_desks / 2;
  interval_us = (gint64) interval_ms * 1000;

  if (url == NULL)
    {
      g_printerr ("toa-bench-desks: starting a PostgreSQL test server\n");
      server = toa_pg_test_server_start ();
      check (toa_pg_test_server_create_db (server, "desks", &error), error, "create database");
      url = toa_pg_test_server_url (server, "desks");
    }

  pairs = g_new0 (Pair, n_pairs);
  {
    g_autoptr(ToaStore) store = open_store (url, TOA_OPEN_CREATE);

    describe = g_strdup (toa_store_describe (store));
    g_printerr ("toa-bench-desks: preparing the board on %s (%u desks, %d items per pair)\n",
                describe, n_desks, items);
    prepare (store, pairs, n_pairs, (guint) items);
  }

  desks = g_new0 (Desk, n_desks);
  threads = g_new0 (GThread *, 2 * n_desks);
  start_at = g_get_monotonic_time () + G_USEC_PER_SEC;   /* everyone connected first */
  end_at = start_at + (gint64) seconds * G_USEC_PER_SEC;
  for (guint i = 0; i < n_desks; i++)
    {
      Desk *d = &desks[i];

      d->url = url;
      d->pair = &pairs[i / 2];
      d->side = i % 2 == 0 ? SECRETARY : DEPUTY;
      d->index = i;
      d->login = g_strdup_printf (d->side == SECRETARY ? "thuky-%02u" : "phoban-%02u", i / 2);
      d->latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
      d->seen = g_array_new (FALSE, FALSE, sizeof (gint64));
      threads[2 * i] = no_inbox ? NULL : g_thread_new ("reader", reader_run, d);
      threads[2 * i + 1] = g_thread_new ("desk", desk_run, d);
    }
  g_printerr ("toa-bench-desks: %u desks, one transition each every %d ms for %d s\n",
              n_desks, interval_ms, seconds);
  for (guint i = 0; i < 2 * n_desks; i++)
    if (threads[i] != NULL)
      g_thread_join (threads[i]);

  for (guint i = 0; i < n_desks; i++)
    {
      Desk *d = &desks[i];

      g_array_append_vals (latencies, d->latencies->data, d->latencies->len);
      g_array_append_vals (seen, d->seen->data, d->seen->len);
      errors += d->errors;
      read_errors += d->read_errors;
      idle += d->idle;
      notices += d->notices;
      reads += d->reads;
      polled += d->polled;
      if (first_error == NULL)
        first_error = d->first_error != NULL ? d->first_error : d->first_read_error;
    }
  for (guint p = 0; p < n_pairs; p++)
    for (guint i = 0; i < pairs[p].n_items; i++)
      missed += pairs[p].items[i].pending_for != NOBODY;

  g_string_append_printf (out, "  \"backend\": \"postgresql\",\n  \"database\": \"%s\",\n"
                          "  \"server\": \"%s\",\n",
                          describe, server != NULL ? "test harness (loopback, fsync off)" : "--url");
  g_string_append_printf (out, "  \"desks\": %u,\n  \"seconds\": %d,\n  \"interval_ms\": %d,\n"
                          "  \"items_per_pair\": %d,\n",
                          n_desks, seconds, interval_ms, items);
  g_string_append_printf (out, "  \"transitions\": %u,\n  \"errors\": %u,\n  \"inbox_read_errors\": %u,\n"
                          "  \"idle_ticks\": %u,\n",
                          latencies->len, errors, read_errors, idle);
  if (first_error != NULL)
    {
      g_autofree char *escaped = g_strescape (first_error, NULL);

      g_string_append_printf (out, "  \"first_error\": \"%s\",\n", escaped);
    }
  print_figures (out, "transition_latency", latencies);
  p95 = percentile_ms (latencies, 0.95);
  g_string_append (out, ",\n");
  print_figures (out, "inbox_update_seen", seen);
  seen_max = percentile_ms (seen, 1.0);
  g_string_append_printf (out, ",\n  \"inbox_update_mode\": \"%s\",\n  \"notices_heard\": %u,\n"
                          "  \"inbox_reads\": %u,\n  \"inbox_updates_never_seen\": %u,\n",
                          no_inbox ? "none (--no-inbox)"
                          : polled == n_desks ? "poll every 50 ms" : polled == 0 ? "watch (LISTEN/NOTIFY)" : "mixed",
                          notices, reads, missed);
  met = !no_inbox && errors == 0 && read_errors == 0 && missed == 0 && p95 <= TARGET_P95_MS && seen_max <= TARGET_INBOX_MS;
  g_string_append_printf (out, "  \"targets\": { \"p95_transition_ms\": %.0f, \"inbox_update_ms\": %.0f, "
                          "\"met\": %s }\n}\n",
                          TARGET_P95_MS, TARGET_INBOX_MS, met ? "true" : "false");
  fputs (out->str, stdout);

  for (guint i = 0; i < n_desks; i++)
    {
      g_free (desks[i].login);
      g_free (desks[i].first_error);
      g_free (desks[i].first_read_error);
      g_array_unref (desks[i].latencies);
      g_array_unref (desks[i].seen);
    }
  for (guint p = 0; p < n_pairs; p++)
    g_mutex_clear (&pairs[p].lock);
  if (server != NULL)
    toa_pg_test_server_stop (server);
  return met ? 0 : 1;
}
