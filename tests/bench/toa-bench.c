/* toa-bench.c — the benchmark harness (đo hiệu năng).
 *
 *   toa-bench generate --db FILE [--articles N] [--seed S] [--batch B] [--years Y]
 *   toa-bench measure  --db FILE [--frequent WORD] [--rare WORD] [--typing TEXT] [--runs N]
 *                      [--drop-caches]
 *
 * generate writes a synthetic board of N articles (default 1,000,000) through the storage
 * interface: toa_board_init, a few sites, sections, units and people, then the articles with
 * toa_store_article_insert in large transactions (not toa_articles_create, which would
 * spend one transaction and one audit record per article). Text comes from the demo
 * generator (toa-demo.h), so lengths and vocabulary are realistic; one seed, same database.
 *
 * measure times, with g_get_monotonic_time, what the window and the CLI do: open, count,
 * the first page of the list, paging to the end by keyset, filtered first pages, search for
 * a frequent and a rare word (and a half-typed word, searched as a prefix), the approval
 * inbox ("waiting for me" of the secretary and an editor, first page). Each is run
 * once cold ("first"), then --runs more times
 * (median, min, max). Prints JSON to stdout, with each list query's EXPLAIN QUERY PLAN.
 * Progress and messages go to stderr. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "toa-article-state.h"
#include "toa-board.h"
#include "toa-demo.h"
#include "toa-error.h"
#include "toa-inbox.h"
#include "toa-transitions.h"
#include "toa-password.h"
#include "toa-sqlite-store.h"
#include "toa-store-open.h"
#include "toa-text.h"

#define PORTAL_NAME TOA_DEMO_PORTAL_NAME
#define USEC_PER_DAY (G_USEC_PER_SEC * G_GINT64_CONSTANT (86400))
#define PAGE_SIZE 100

/* Targets of issue 2 at 1,000,000 articles on this 2-core machine. */
#define TARGET_FIRST_PAGE_MS 20.0
#define TARGET_SEARCH_MS     50.0
/* Issue 3: the approval inbox's first page (50 rows). */
#define TARGET_INBOX_MS      10.0
#define TARGET_TRANSITION_MS 5.0      /* issue 3: a transition with its audit record */
#define INBOX_PAGE_SIZE      50

static int
fail (const char *what, GError *error)
{
  g_printerr ("toa-bench: %s: %s\n", what, error ? error->message : "failed");
  return error && error->domain == TOA_ERROR ? toa_error_exit_code (error) : 5;
}

/* ------------------------------------------------------------------------------------- */
/* generate                                                                               */

typedef struct {
  const char *code;
  const char *name;
  int         weight;
} Weighted;

static const Weighted bench_sections[] = {
  { "tin-tuc-su-kien",    "Tin tức - Sự kiện", 30 },
  { "chi-dao-dieu-hanh",  "Chỉ đạo - Điều hành", 12 },
  { "van-ban-phap-luat",  "Văn bản pháp luật", 8 },
  { "pho-bien-phap-luat", "Thông tin tuyên truyền, phổ biến pháp luật", 8 },
  { "cai-cach-hanh-chinh", "Cải cách hành chính", 6 },
  { "quy-hoach-ke-hoach", "Quy hoạch - Kế hoạch", 5 },
  { "dau-tu-dau-thau",    "Đầu tư - Đấu thầu - Mua sắm công", 5 },
  { "khoa-hoc",           "Chương trình, đề tài khoa học", 2 },
  { "thong-ke",           "Thông tin thống kê", 3 },
  { "van-hoa-xa-hoi",     "Văn hóa - Xã hội", 15 },
  { "hoi-dap",            "Hỏi đáp", 4 },
  { "english",            "English", 2 },
};

static const Weighted bench_genres[] = {
  { "tin", NULL, 50 }, { "bai", NULL, 14 }, { "anh", NULL, 6 }, { "video", NULL, 4 },
  { "infographic", NULL, 3 }, { "podcast", NULL, 1 }, { "longform", NULL, 2 },
  { "banner", NULL, 1 }, { "van-ban", NULL, 10 }, { "thong-bao", NULL, 6 },
  { "phong-su", NULL, 2 }, { "phong-van", NULL, 1 },
};

static const char *const bench_sites[][2] = {
  { "so-y-te",   "Trang TTĐT Sở Y tế tỉnh Bình Phước" },
  { "dong-xoai", "Cổng TTĐT thành phố Đồng Xoài" },
  { "so-vhttdl", "Trang TTĐT Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Phước" },
};

static const char *const bench_units[][2] = {
  { "van-phong-ubnd", "Văn phòng UBND tỉnh" }, { "so-noi-vu", "Sở Nội vụ" },
  { "so-tai-chinh", "Sở Tài chính" }, { "so-y-te", "Sở Y tế" },
  { "so-gddt", "Sở Giáo dục và Đào tạo" }, { "so-nnmt", "Sở Nông nghiệp và Môi trường" },
  { "so-xay-dung", "Sở Xây dựng" }, { "cong-an-tinh", "Công an tỉnh" },
};

/* login (NULL = contributor without sign-in), name, role codes on the portal */
static const struct {
  const char *login;
  const char *name;
  ToaRole     role;
  gboolean    contributor;
} bench_people[] = {
  { "truongban", "Nguyễn Văn Hùng",    TOA_ROLE_HEAD,       FALSE },
  { "thuky",     "Phạm Thị Thu Hà",    TOA_ROLE_SECRETARY,  FALSE },
  { "bientap1",  "Ngô Thanh Tùng",     TOA_ROLE_EDITOR,     TRUE },
  { "bientap2",  "Huỳnh Thị Kim Ngân", TOA_ROLE_EDITOR,     TRUE },
  { "bientap3",  "Điểu Minh Khánh",    TOA_ROLE_EDITOR,     TRUE },
  { "kythuat1",  "Phan Đức Thịnh",     TOA_ROLE_TECHNICIAN, FALSE },
  { "quantri",   "Trịnh Văn Lực",      TOA_ROLE_ADMIN,      FALSE },
  { NULL,        "Lâm Văn Sơn",        TOA_N_ROLES,         TRUE },
};

static int
pick_weighted (GRand *r, const Weighted *list, guint n)
{
  int total = 0, pick;

  for (guint i = 0; i < n; i++)
    total += list[i].weight;
  pick = g_rand_int_range (r, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < list[i].weight)
        return i;
      pick -= list[i].weight;
    }
  return 0;
}

static gboolean
exec_sql (ToaStore *store, const char *sql)
{
  sqlite3 *db = toa_sqlite_store_get_handle (TOA_SQLITE_STORE (store));
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_printerr ("toa-bench: %s: %s\n", sql, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 portal_id;
  gint64 site_ids[G_N_ELEMENTS (bench_sites)];
  gint64 section_ids[G_N_ELEMENTS (bench_sections)];
  gint64 component_section_ids[G_N_ELEMENTS (bench_sites)];
  gint64 unit_ids[G_N_ELEMENTS (bench_units)];
  gint64 people_ids[G_N_ELEMENTS (bench_people)];
} Board;

static gboolean
add_board (ToaStore *store, Board *board, GError **error)
{
  g_autoptr(ToaSite) portal = NULL;
  g_autofree char *hash = NULL;

  if (!toa_board_init (store, PORTAL_NAME, error))
    return FALSE;
  portal = toa_store_site_find (store, "portal", error);
  if (portal == NULL)
    return FALSE;
  board->portal_id = portal->id;

  /* one hash for every account, so the window can sign in as thuky/bientap1/quantri */
  hash = toa_password_hash (TOA_DEMO_PASSWORD, error);
  if (hash == NULL)
    return FALSE;

  if (!toa_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (bench_sites); i++)
    {
      g_autoptr(ToaSite) site = toa_site_new ();
      g_autoptr(ToaSection) section = toa_section_new ();

      site->code = g_strdup (bench_sites[i][0]);
      site->name = g_strdup (bench_sites[i][1]);
      site->kind = g_strdup ("component");
      if (!toa_store_site_add (store, site, error))
        goto fail;
      board->site_ids[i] = site->id;
      section->site_id = site->id;
      section->code = g_strdup ("tin-hoat-dong");
      section->name = g_strdup ("Tin hoạt động");
      section->position = 1;
      if (!toa_store_section_add (store, section, error))
        goto fail;
      board->component_section_ids[i] = section->id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bench_sections); i++)
    {
      g_autoptr(ToaSection) section = toa_section_new ();

      section->site_id = board->portal_id;
      section->code = g_strdup (bench_sections[i].code);
      section->name = g_strdup (bench_sections[i].name);
      section->position = i + 1;
      if (!toa_store_section_add (store, section, error))
        goto fail;
      board->section_ids[i] = section->id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bench_units); i++)
    {
      g_autoptr(ToaUnit) unit = toa_unit_new ();

      unit->code = g_strdup (bench_units[i][0]);
      unit->name = g_strdup (bench_units[i][1]);
      if (!toa_store_unit_add (store, unit, error))
        goto fail;
      board->unit_ids[i] = unit->id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bench_people); i++)
    {
      g_autoptr(ToaPerson) person = toa_person_new ();

      person->login = g_strdup (bench_people[i].login);
      person->full_name = g_strdup (bench_people[i].name);
      person->contributor = bench_people[i].contributor;
      person->contract_no = bench_people[i].login ? NULL : g_strdup ("01/2025/HĐ-CTV");
      person->active = TRUE;
      if (bench_people[i].role < TOA_N_ROLES)
        toa_person_add_role (person, board->portal_id, "portal", bench_people[i].role);
      if (!toa_store_person_add (store, person, bench_people[i].login ? hash : NULL, error))
        goto fail;
      board->people_ids[i] = person->id;
    }
  return toa_store_commit (store, error);

fail:
  toa_store_rollback (store);
  return FALSE;
}

/* States: articles of the last month may still be in the workflow; older ones were
 * decided long ago. */
static ToaArticleState
bench_state (GRand *r, gboolean recent)
{
  int roll = g_rand_int_range (r, 0, 1000);

  if (recent)
    {
      if (roll < 550)
        return TOA_STATE_PUBLISHED;
      return (ToaArticleState) g_rand_int_range (r, 0, TOA_N_STATES);
    }
  if (roll < 900)
    return TOA_STATE_PUBLISHED;
  if (roll < 940)
    return TOA_STATE_REFUSED;
  if (roll < 960)
    return TOA_STATE_WITHDRAWN;
  if (roll < 990)
    return TOA_STATE_RETURNED;
  return TOA_STATE_DRAFT;
}

static ToaArticle *
bench_article (GRand *r, const Board *board, gint64 created_at, gint64 now)
{
  ToaArticle *a = toa_article_new ();
  int section = pick_weighted (r, bench_sections, G_N_ELEMENTS (bench_sections));
  int genre = pick_weighted (r, bench_genres, G_N_ELEMENTS (bench_genres));
  gboolean recent = now - created_at < 30 * USEC_PER_DAY;
  ToaArticleState state = bench_state (r, recent);
  int author = 2 + g_rand_int_range (r, 0, 4);   /* the editors and the contributor */
  int roll = g_rand_int_range (r, 0, 100);

  if (roll < 12)
    {
      int s = roll % G_N_ELEMENTS (bench_sites);
      a->site_id = board->site_ids[s];
      a->section_id = board->component_section_ids[s];
    }
  else
    {
      a->site_id = board->portal_id;
      a->section_id = board->section_ids[section];
    }
  a->genre = g_strdup (bench_genres[genre].code);
  a->language = g_strdup (g_str_equal (bench_sections[section].code, "english") && roll >= 12 ? "en" : "vi");
  if (g_rand_int_range (r, 0, 100) < 40)
    {
      int u = g_rand_int_range (r, 0, G_N_ELEMENTS (bench_units));
      a->source_unit_id = board->unit_ids[u];
      if (g_rand_boolean (r))
        a->attribution = g_strdup_printf ("Theo %s", bench_units[u][1]);
    }
  a->info_kind = g_strdup (g_str_equal (bench_genres[genre].code, "van-ban") ? "legal-document" : "news");
  a->title = toa_demo_title (r);
  a->sapo = toa_demo_sapo (r);
  a->body_html = toa_demo_body_html (r, g_rand_int_range (r, 4, 13));
  a->state = g_strdup (toa_article_state_code (state));
  a->created_by = board->people_ids[MIN (author, 4)];
  a->created_at = created_at;
  a->updated_at = MIN (created_at + g_rand_int_range (r, 600, 2 * 86400) * (gint64) G_USEC_PER_SEC, now);
  if (state == TOA_STATE_PUBLISHED || state == TOA_STATE_WITHDRAWN)
    a->published_at = a->updated_at;
  if (state == TOA_STATE_WITHDRAWN)
    a->updated_at = MIN (a->updated_at + g_rand_int_range (r, 1, 30) * USEC_PER_DAY, now);
  toa_article_add_author (a, board->people_ids[author], NULL, "author", author == 5 ? 10000 : 8000);
  if (author != 5)
    toa_article_add_author (a, board->people_ids[5], NULL, "photographer", 2000);
  return a;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static int
cmd_generate (int argc, char **argv)
{
  g_autofree char *db = NULL;
  gint64 n_articles = 1000000;
  gint64 seed = 1;
  gint64 batch = 10000;
  gint64 years = 10;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file to create (must not exist)", "FILE" },
    { "articles", 0, 0, G_OPTION_ARG_INT64, &n_articles, "Number of articles (1000000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (1)", "S" },
    { "batch", 0, 0, G_OPTION_ARG_INT64, &batch, "Articles per transaction (10000)", "B" },
    { "years", 0, 0, G_OPTION_ARG_INT64, &years, "Years the articles span, ending now (10)", "Y" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— create a synthetic database");
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = NULL;
  g_autoptr(GRand) r = NULL;
  g_autofree char *wal = NULL;
  Board board = { 0 };
  gint64 now, start, span, t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail ("generate", error);
  if (db == NULL || n_articles < 1 || batch < 1 || years < 1)
    {
      g_printerr ("toa-bench generate: --db FILE is required; --articles, --batch and --years must be positive\n");
      return 1;
    }
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr ("toa-bench generate: %s already exists; remove it or choose another path\n", db);
      return 2;
    }

  t0 = g_get_monotonic_time ();
  store = toa_store_open (db, TOA_OPEN_CREATE, &error);
  if (store == NULL)
    return fail (db, error);
  if (!TOA_IS_SQLITE_STORE (store))
    {
      g_printerr ("toa-bench generate: only SQLite files are supported\n");
      return 1;
    }
  /* bulk loading only: the measurements reopen the file with the store's own settings */
  if (!exec_sql (store, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;"))
    return 5;
  if (!add_board (store, &board, &error))
    return fail ("board", error);

  r = g_rand_new_with_seed ((guint32) seed);
  now = g_get_real_time ();
  span = years * 365 * USEC_PER_DAY;
  start = now - span;

  for (gint64 done = 0; done < n_articles;)
    {
      gint64 end = MIN (done + batch, n_articles);
      gint64 elapsed;
      double rate;

      if (!toa_store_begin (store, &error))
        return fail ("begin", error);
      for (gint64 i = done; i < end; i++)
        {
          /* chronological, as a portal fills up, with jitter within the slot */
          gint64 slot = span / n_articles;
          gint64 created = start + (gint64) ((double) span * i / n_articles)
                           + (slot > 0 ? (gint64) (g_rand_double (r) * slot) : 0);
          g_autoptr(ToaArticle) a = bench_article (r, &board, MIN (created, now), now);

          if (!toa_store_article_insert (store, a, &error))
            {
              toa_store_rollback (store);
              return fail ("insert", error);
            }
        }
      if (!toa_store_commit (store, &error))
        return fail ("commit", error);
      done = end;
      elapsed = g_get_monotonic_time () - t0;
      rate = done / (elapsed / 1e6);
      g_printerr ("generate: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " articles (%.1f%%), "
                  "%.0f/s, %.0f s elapsed, ETA %.0f s\n", done, n_articles, 100.0 * done / n_articles,
                  rate, elapsed / 1e6, (n_articles - done) / rate);
    }
  if (!exec_sql (store, "PRAGMA wal_checkpoint(TRUNCATE);"))
    return 5;
  g_clear_object (&store);

  wal = g_strconcat (db, "-wal", NULL);
  printf ("{\"generated\":{\"db\":\"%s\",\"articles\":%" G_GINT64_FORMAT ",\"seed\":%" G_GINT64_FORMAT
           ",\"years\":%" G_GINT64_FORMAT ",\"seconds\":%.1f,\"db_bytes\":%" G_GINT64_FORMAT
           ",\"wal_bytes\":%" G_GINT64_FORMAT "}}\n",
           db, n_articles, seed, years, (g_get_monotonic_time () - t0) / 1e6, file_size (db),
           file_size (wal));
  return 0;
}

/* ------------------------------------------------------------------------------------- */
/* measure                                                                                */

typedef struct {
  ToaStore        *store;
  ToaArticleQuery *query;
  gint64           rows;        /* what the last run returned: a count or a page length */
  gint64           article_id;
  const ToaPerson *person;      /* whose inbox (op_inbox) */
  const ToaPerson *editor;      /* op_transition: forwards to the secretary */
  const ToaPerson *secretary;   /* op_transition: returns it with a comment */
  gboolean         forwarded;
} Op;

typedef gboolean (*OpFunc) (Op *op, GError **error);

static gboolean
op_count (Op *op, GError **error)
{
  op->rows = toa_store_article_count (op->store, op->query, error);
  return op->rows >= 0;
}

static gboolean
op_first_page (Op *op, GError **error)
{
  g_autoptr(GPtrArray) page = toa_store_article_list (op->store, op->query, NULL, 0, PAGE_SIZE, error);

  if (page == NULL)
    return FALSE;
  op->rows = page->len;
  return TRUE;
}

static gboolean
op_get (Op *op, GError **error)
{
  g_autoptr(ToaArticle) a = toa_store_article_get (op->store, op->article_id, error);

  op->rows = a != NULL;
  return a != NULL;
}

/* The first page of a person's "waiting for me" list, as the inbox shows it. */
static gboolean
op_inbox (Op *op, GError **error)
{
  ToaInboxRequest request = { TOA_INBOX_WAITING, NULL, 0, INBOX_PAGE_SIZE, NULL };
  g_autoptr(GPtrArray) page = toa_inbox_list (op->store, op->person, &request, error);

  if (page == NULL)
    return FALSE;
  op->rows = page->len;
  return TRUE;
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static double
percentile_ms (GArray *sorted_usec, double p)
{
  guint i;

  if (sorted_usec->len == 0)
    return 0;
  i = (guint) (p * (sorted_usec->len - 1) + 0.5);
  return g_array_index (sorted_usec, gint64, MIN (i, sorted_usec->len - 1)) / 1000.0;
}

/* A small JSON writer: numbers in ms with three decimals (µs), text as UTF-8. */
typedef struct {
  GString *s;
  int      depth;
  gboolean comma[16];
} Out;

static void
out_key (Out *o, const char *key)
{
  if (o->comma[o->depth])
    g_string_append_c (o->s, ',');
  o->comma[o->depth] = TRUE;
  if (o->depth > 0)
    g_string_append_printf (o->s, "\n%*s", o->depth * 2, "");
  if (key != NULL)
    g_string_append_printf (o->s, "\"%s\": ", key);
}

static void
out_begin (Out *o, const char *key)
{
  out_key (o, key);
  g_string_append_c (o->s, '{');
  o->depth++;
  o->comma[o->depth] = FALSE;
}

static void
out_end (Out *o)
{
  o->depth--;
  g_string_append_printf (o->s, "\n%*s}", o->depth * 2, "");
}

static void
out_ms (Out *o, const char *key, double ms)
{
  out_key (o, key);
  g_string_append_printf (o->s, "%.3f", ms);
}

static void
out_int (Out *o, const char *key, gint64 value)
{
  out_key (o, key);
  g_string_append_printf (o->s, "%" G_GINT64_FORMAT, value);
}

static void
out_bool (Out *o, const char *key, gboolean value)
{
  out_key (o, key);
  g_string_append (o->s, value ? "true" : "false");
}

static void
out_str (Out *o, const char *key, const char *text)
{
  out_key (o, key);
  g_string_append_c (o->s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (o->s, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (o->s, "\\n");
      else if ((guchar) *p < 0x20)
        g_string_append_printf (o->s, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (o->s, *p);
    }
  g_string_append_c (o->s, '"');
}

/* Runs @func once (first), then @runs times; adds {"first_ms", "median_ms", …} as @name
 * and returns the median in ms (or -1 on error). @label names it on stderr (NULL = @name). */
static double
measure (Out *b, const char *name, const char *label, OpFunc func, Op *op, guint runs,
         GError **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 t, first;
  double median;

  t = g_get_monotonic_time ();
  if (!func (op, error))
    return -1;
  first = g_get_monotonic_time () - t;
  for (guint i = 0; i < runs; i++)
    {
      gint64 d;

      t = g_get_monotonic_time ();
      if (!func (op, error))
        return -1;
      d = g_get_monotonic_time () - t;
      g_array_append_val (times, d);
    }
  g_array_sort (times, compare_gint64);
  median = percentile_ms (times, 0.5);

  out_begin (b, name);
  out_ms (b, "first_ms", first / 1000.0);
  out_ms (b, "median_ms", median);
  out_ms (b, "min_ms", percentile_ms (times, 0));
  out_ms (b, "max_ms", percentile_ms (times, 1));
  out_int (b, "rows", op->rows);
  out_end (b);
  g_printerr ("measure: %-28s first %8.2f ms, median %8.2f ms (%" G_GINT64_FORMAT " rows)\n",
              label ? label : name, first / 1000.0, median, op->rows);
  return median;
}

static void
add_plan (Out *plans, ToaStore *store, const char *name, const ToaArticleQuery *query,
          gboolean count_only)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;

  if (!TOA_IS_SQLITE_STORE (store))
    return;
  plan = toa_sqlite_store_explain_list (TOA_SQLITE_STORE (store), query, NULL, count_only, &error);
  out_str (plans, name, plan ? g_strchomp (plan) : error->message);
}

/* Pages through the whole list by keyset, as the window's list model does when scrolled
 * to the end. */
static gboolean
measure_paging (Out *b, ToaStore *store, const ToaArticleQuery *query, GError **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ToaArticle) after = NULL;
  gint64 total_rows = 0, t0 = g_get_monotonic_time ();
  double total_ms;

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      gint64 t = g_get_monotonic_time (), d;

      page = toa_store_article_list (store, query, after, 0, PAGE_SIZE, error);
      if (page == NULL)
        return FALSE;
      d = g_get_monotonic_time () - t;
      g_array_append_val (times, d);
      if (page->len == 0)
        break;
      total_rows += page->len;
      g_clear_object (&after);
      after = g_object_ref (page->pdata[page->len - 1]);
      if (page->len < PAGE_SIZE)
        break;
    }
  total_ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_array_sort (times, compare_gint64);

  out_begin (b, "paging_to_end");
  out_int (b, "pages", times->len);
  out_int (b, "rows", total_rows);
  out_ms (b, "total_ms", total_ms);
  out_ms (b, "page_p50_ms", percentile_ms (times, 0.5));
  out_ms (b, "page_p95_ms", percentile_ms (times, 0.95));
  out_ms (b, "page_max_ms", percentile_ms (times, 1));
  out_end (b);
  g_printerr ("measure: %-28s %u pages in %.0f ms, p50 %.2f ms, p95 %.2f ms\n", "paging_to_end",
              times->len, total_ms, percentile_ms (times, 0.5), percentile_ms (times, 0.95));
  return TRUE;
}

static void
drop_caches (void)
{
  FILE *f;

  sync ();
  f = fopen ("/proc/sys/vm/drop_caches", "w");
  if (f == NULL)
    {
      g_printerr ("toa-bench: cannot drop the page cache (%s); \"first\" is warm\n", g_strerror (errno));
      return;
    }
  fputs ("3\n", f);
  fclose (f);
}

static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

/* One transition with its timeline row and audit record: the editor forwards the article to
 * the secretary, the next run the secretary returns it to editing — so every run moves it. */
static gboolean
op_transition (Op *op, GError **error)
{
  ToaTransitionRequest request = { .article_id = op->article_id };
  ToaTransitionResult result = { 0 };
  gboolean ok;

  request.transition = op->forwarded ? "return" : "forward";
  request.target = op->forwarded ? "editing" : NULL;
  request.comment = op->forwarded ? "Sửa lại sapo." : NULL;
  ok = toa_transitions_do (op->store, op->forwarded ? op->secretary : op->editor, &request, &result, error);
  toa_transition_result_clear (&result);
  op->forwarded = !op->forwarded;
  op->rows = ok;
  return ok;
}

static int
cmd_measure (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *frequent = NULL;
  g_autofree char *rare = NULL;
  g_autofree char *typing = NULL;
  gint runs = 5;
  gboolean drop = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file to measure", "FILE" },
    { "frequent", 0, 0, G_OPTION_ARG_STRING, &frequent, "A frequent search word (Bình Phước)", "WORD" },
    { "rare", 0, 0, G_OPTION_ARG_STRING, &rare, "A rare search word (Xtiêng)", "WORD" },
    { "typing", 0, 0, G_OPTION_ARG_STRING, &typing, "A word being typed, searched as a prefix (phư*)", "TEXT" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs after the first (5)", "N" },
    { "drop-caches", 0, 0, G_OPTION_ARG_NONE, &drop, "Drop the page cache first (root), so \"first\" is cold", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the store on a database");
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = NULL;
  Out out = { g_string_new (NULL) }, plan_out = { g_string_new (NULL) };
  Out *b = &out, *plans = &plan_out;
  g_autoptr(ToaArticleQuery) all = toa_article_query_new ();
  g_autoptr(GArray) open_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autofree char *wal = NULL;
  gint64 t, open_first;
  double first_page_ms, count_ms_all, worst_search_ms = 0, worst_inbox_ms = 0, transition_ms = 0;
  Op op = { 0 };
  const char *words[3];
  const char *word_names[3] = { "frequent", "rare", "typing" };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail ("measure", error);
  if (db == NULL || runs < 1)
    {
      g_printerr ("toa-bench measure: --db FILE is required\n");
      return 1;
    }
  words[0] = frequent ? frequent : "Bình Phước";
  words[1] = rare ? rare : "Xtiêng";
  words[2] = typing ? typing : "phư*";   /* a prefix asked for with "*" */

  if (drop)
    drop_caches ();

  out_begin (b, NULL);
  out_str (b, "db", db);
  out_int (b, "db_bytes", file_size (db));
  wal = g_strconcat (db, "-wal", NULL);
  out_int (b, "wal_bytes", file_size (wal));
  out_str (b, "sqlite", sqlite3_libversion ());
  out_int (b, "cpus", g_get_num_processors ());
  out_ms (b, "load_average_1min", load_average ());
  out_int (b, "runs", runs);
  out_bool (b, "first_is_cold", drop);
  out_int (b, "page_size", PAGE_SIZE);

  /* open: once cold, then reopened @runs times */
  t = g_get_monotonic_time ();
  store = toa_store_open (db, TOA_OPEN_EXISTING, &error);
  if (store == NULL)
    return fail (db, error);
  open_first = g_get_monotonic_time () - t;
  for (int i = 0; i < runs; i++)
    {
      gint64 d;

      g_clear_object (&store);
      t = g_get_monotonic_time ();
      store = toa_store_open (db, TOA_OPEN_EXISTING, &error);
      if (store == NULL)
        return fail (db, error);
      d = g_get_monotonic_time () - t;
      g_array_append_val (open_times, d);
    }
  g_array_sort (open_times, compare_gint64);

  /* what `init` does on a database made by an older version: the workflow presets (idempotent) */
  if (!toa_board_init (store, PORTAL_NAME, &error))
    return fail (db, error);

  out_begin (b, "results");
  out_begin (b, "open");
  out_ms (b, "first_ms", open_first / 1000.0);
  out_ms (b, "median_ms", percentile_ms (open_times, 0.5));
  out_ms (b, "min_ms", percentile_ms (open_times, 0));
  out_ms (b, "max_ms", percentile_ms (open_times, 1));
  out_end (b);
  g_printerr ("measure: %-28s first %8.2f ms, median %8.2f ms\n", "open", open_first / 1000.0,
              percentile_ms (open_times, 0.5));

  plans->depth = 2;   /* written inside the top-level object at the end */
  op.store = store;
  op.query = all;

  /* the list as the window first shows it */
  add_plan (plans, store, "first_page", all, FALSE);
  first_page_ms = measure (b, "first_page", NULL, op_first_page, &op, runs, &error);
  if (first_page_ms < 0)
    return fail ("first page", error);
  add_plan (plans, store, "count", all, TRUE);
  count_ms_all = measure (b, "count", NULL, op_count, &op, runs, &error);
  if (count_ms_all < 0)
    return fail ("count", error);

  /* an article opened from the list (the newest) */
  {
    g_autoptr(GPtrArray) page = toa_store_article_list (store, all, NULL, 0, 1, &error);
    if (page == NULL || page->len == 0)
      return fail ("newest article", error);
    op.article_id = ((ToaArticle *) page->pdata[0])->id;
    if (measure (b, "get_article", NULL, op_get, &op, runs, &error) < 0)
      return fail ("get article", error);
  }

  /* filters: a frequent state, a rare state, a big and a small section, a genre */
  portal = toa_store_site_find (store, "portal", &error);
  if (portal == NULL)
    return fail ("portal", error);
  sections = toa_store_section_list (store, portal->id, &error);
  if (sections == NULL)
    return fail ("sections", error);
  {
    struct { const char *name; const char *state; const char *section; const char *genre; } filters[] = {
      { "filter_state_published", "published", NULL, NULL },
      { "filter_state_escalated", "escalated", NULL, NULL },
      { "filter_section_news", NULL, "tin-tuc-su-kien", NULL },
      { "filter_section_english", NULL, "english", NULL },
      { "filter_genre_podcast", NULL, NULL, "podcast" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      {
        g_autoptr(ToaArticleQuery) q = toa_article_query_new ();
        g_autofree char *count_name = g_strconcat (filters[i].name, "_count", NULL);

        q->state = g_strdup (filters[i].state);
        q->genre = g_strdup (filters[i].genre);
        for (guint k = 0; filters[i].section && k < sections->len; k++)
          if (g_str_equal (((ToaSection *) sections->pdata[k])->code, filters[i].section))
            q->section_id = ((ToaSection *) sections->pdata[k])->id;
        op.query = q;
        add_plan (plans, store, filters[i].name, q, FALSE);
        if (measure (b, filters[i].name, NULL, op_first_page, &op, runs, &error) < 0)
          return fail (filters[i].name, error);
        add_plan (plans, store, count_name, q, TRUE);
        if (measure (b, count_name, NULL, op_count, &op, runs, &error) < 0)
          return fail (count_name, error);
      }
  }

  /* search: what the window does when someone types a word: the count and the first page */
  out_begin (b, "search");
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autoptr(ToaArticleQuery) q = toa_article_query_new ();
      g_autofree char *page_name = g_strdup_printf ("search_%s_first_page", word_names[i]);
      g_autofree char *count_name = g_strdup_printf ("search_%s_count", word_names[i]);
      double page_ms, count_ms;

      q->text = g_strdup (words[i]);
      op.query = q;
      out_begin (b, word_names[i]);
      out_str (b, "text", words[i]);
      add_plan (plans, store, page_name, q, FALSE);
      page_ms = measure (b, "first_page", page_name, op_first_page, &op, runs, &error);
      if (page_ms < 0)
        return fail (page_name, error);
      add_plan (plans, store, count_name, q, TRUE);
      count_ms = measure (b, "count", count_name, op_count, &op, runs, &error);
      if (count_ms < 0)
        return fail (count_name, error);
      out_int (b, "matches", op.rows);
      out_ms (b, "exact_count_plus_first_page_ms", page_ms + count_ms);
      /* what the window does: the first page and a count that stops at the limit */
      q->count_limit = TOA_SEARCH_COUNT_LIMIT;
      count_ms = measure (b, "limited_count", NULL, op_count, &op, runs, &error);
      if (count_ms < 0)
        return fail (count_name, error);
      out_int (b, "limited_matches", op.rows);
      out_ms (b, "count_plus_first_page_ms", page_ms + count_ms);
      out_end (b);
      if (i < 2)   /* the target is for whole words; "typing" is reported for the store's sake */
        worst_search_ms = MAX (worst_search_ms, page_ms + count_ms);
    }
  out_end (b);

  /* the approval inbox: "waiting for me" of the secretary and of an editor */
  out_begin (b, "inbox");
  {
    const char *logins[] = { "thuky", "bientap1" };

    for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
      {
        g_autoptr(ToaPerson) person = toa_store_person_find (store, logins[i], &error);
        g_autofree char *label = g_strdup_printf ("inbox_waiting_%s", logins[i]);
        double ms;

        if (person == NULL)
          return fail (logins[i], error);
        op.person = person;
        ms = measure (b, logins[i], label, op_inbox, &op, runs, &error);
        if (ms < 0)
          return fail (label, error);
        worst_inbox_ms = MAX (worst_inbox_ms, ms);
        op.person = NULL;
      }
  }
  out_end (b);

  /* a transition with its audit record, on an article in editing (a plain news item) */
  {
    g_autoptr(ToaPerson) editor = toa_store_person_find (store, "bientap1", &error);
    g_autoptr(ToaPerson) secretary = editor != NULL ? toa_store_person_find (store, "thuky", &error) : NULL;
    g_autoptr(ToaArticleQuery) editing = toa_article_query_new ();
    g_autoptr(GPtrArray) found = NULL;

    if (secretary == NULL)
      return fail ("transition", error);
    editing->state = g_strdup ("editing");
    editing->genre = g_strdup ("tin");
    found = toa_store_article_list (store, editing, NULL, 0, 1, &error);
    if (found == NULL || found->len == 0)
      return fail ("transition", error);
    op.article_id = ((ToaArticle *) g_ptr_array_index (found, 0))->id;
    op.editor = editor;
    op.secretary = secretary;
    op.forwarded = FALSE;
    transition_ms = measure (b, "transition", NULL, op_transition, &op, runs * 4 + 1, &error);
    if (transition_ms < 0)
      return fail ("transition", error);
    op.editor = op.secretary = NULL;
  }

  /* the whole list, page by page */
  if (!measure_paging (b, store, all, &error))
    return fail ("paging", error);
  out_end (b);   /* results */

  out_begin (b, "targets");
  out_begin (b, "first_page_ms");
  out_ms (b, "target", TARGET_FIRST_PAGE_MS);
  out_ms (b, "measured_median", first_page_ms);
  out_ms (b, "with_count_median", first_page_ms + count_ms_all);
  out_bool (b, "met", first_page_ms <= TARGET_FIRST_PAGE_MS);
  out_end (b);
  out_begin (b, "search_ms");
  out_ms (b, "target", TARGET_SEARCH_MS);
  out_ms (b, "measured_worst_count_plus_first_page", worst_search_ms);
  out_bool (b, "met", worst_search_ms <= TARGET_SEARCH_MS);
  out_end (b);
  out_begin (b, "inbox_ms");
  out_ms (b, "target", TARGET_INBOX_MS);
  out_ms (b, "measured_worst_median", worst_inbox_ms);
  out_bool (b, "met", worst_inbox_ms <= TARGET_INBOX_MS);
  out_end (b);
  out_begin (b, "transition_ms");
  out_ms (b, "target", TARGET_TRANSITION_MS);
  out_ms (b, "measured_median", transition_ms);
  out_bool (b, "met", transition_ms <= TARGET_TRANSITION_MS);
  out_end (b);
  out_end (b);

  out_key (b, "query_plans");
  g_string_append_printf (b->s, "{%s\n  }", plans->s->str);
  out_end (b);

  /* stdout as UTF-8 bytes (g_print would transliterate to the locale's charset) */
  fputs (b->s->str, stdout);
  fputs ("\n", stdout);
  g_string_free (out.s, TRUE);
  g_string_free (plan_out.s, TRUE);
  return 0;
}

int
main (int argc, char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_printerr ("Usage: toa-bench generate --db FILE [--articles N] [--seed S] [--batch B] [--years Y]\n"
                  "       toa-bench measure --db FILE [--frequent WORD] [--rare WORD] [--typing TEXT] [--runs N] [--drop-caches]\n");
      return argc < 2 ? 1 : 0;
    }
  if (g_str_equal (argv[1], "generate"))
    return cmd_generate (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "measure"))
    return cmd_measure (argc - 1, argv + 1);
  g_printerr ("toa-bench: unknown command “%s”; use generate or measure\n", argv[1]);
  return 1;
}
