/* test-demo.c — the demo board (toa_demo_populate) and its text generator: reproducible,
 * complete (every site, section, role, state of the default workflow and genre), dated within
 * the last 18 months, NFC throughout, audited; every item past its entry state got there by
 * real transitions (its timeline ends in its state), open items have deadlines around the
 * demo's today, and a delegation is used. Two databases filled with the same "now" agree. */
#include <string.h>

#include <glib/gstdio.h>

#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-audit.h"
#include "toa-auth.h"
#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-demo.h"
#include "toa-error.h"
#include "toa-images.h"
#include "toa-revisions.h"
#include "toa-inbox.h"
#include "toa-store-open.h"
#include "toa-text.h"
#include "toa-transitions.h"
#include "toa-workflow-store.h"

#define PORTAL_NAME TOA_DEMO_PORTAL_NAME
#define N_DEMO_ARTICLES 300

static char *tmp_dir;
static ToaStore *stores[2];
static gint64 now_usec;
static gint64 populate_usec[2];

/* ---- helpers ---- */

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_token = FALSE, counted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\n')
        {
          in_token = FALSE;
          continue;
        }
      if (!in_token)
        {
          in_token = TRUE;
          counted = FALSE;
        }
      if (!counted && (g_ascii_isalnum (*p) || (guchar) *p >= 0xC0))
        {
          n++;
          counted = TRUE;
        }
    }
  return n;
}

static void
assert_nfc (const char *text)
{
  g_autofree char *nfc = NULL;

  if (text == NULL)
    return;
  g_assert_true (g_utf8_validate (text, -1, NULL));
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_assert_cmpstr (text, ==, nfc);
}

/* The texts of each <p>…</p> in @html, tags inside removed. */
static GPtrArray *
paragraphs_of (const char *html)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const char *p = html;

  while ((p = strstr (p, "<p>")) != NULL)
    {
      const char *end = strstr (p, "</p>");
      GString *text = g_string_new (NULL);
      gboolean in_tag = FALSE;

      g_assert_nonnull (end);
      for (const char *q = p + 3; q < end; q++)
        {
          if (*q == '<')
            in_tag = TRUE;
          else if (*q == '>')
            in_tag = FALSE;
          else if (!in_tag)
            g_string_append_c (text, *q);
        }
      g_ptr_array_add (out, g_string_free (text, FALSE));
      p = end + 4;
    }
  return out;
}

static GPtrArray *
all_articles (ToaStore *store)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  query->sort = TOA_SORT_ID;
  query->descending = FALSE;
  list = toa_store_article_list (store, query, NULL, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

static gint64
count_where (ToaStore *store, const char *state, const char *genre, const char *language)
{
  g_autoptr(ToaArticleQuery) query = toa_article_query_new ();
  g_autoptr(GError) error = NULL;
  gint64 n;

  query->state = g_strdup (state);
  query->genre = g_strdup (genre);
  query->language = g_strdup (language);
  n = toa_store_article_count (store, query, &error);
  g_assert_no_error (error);
  return n;
}

/* ---- the text generator ---- */

static void
test_text_lengths (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = toa_demo_title (rand);
      g_autofree char *sapo = toa_demo_sapo (rand);
      guint paragraphs = 4 + i % 9;
      g_autofree char *body = toa_demo_body_html (rand, paragraphs);
      g_autoptr(GPtrArray) paras = paragraphs_of (body);
      guint body_words = 0;

      g_assert_cmpuint (count_words (title), >=, 8);
      g_assert_cmpuint (count_words (title), <=, 16);
      g_assert_cmpuint (count_words (sapo), >=, 25);
      g_assert_cmpuint (count_words (sapo), <=, 50);
      g_assert_cmpuint (paras->len, ==, paragraphs);
      for (guint k = 0; k < paras->len; k++)
        {
          guint n = count_words (paras->pdata[k]);

          g_assert_cmpuint (n, >=, 40);
          g_assert_cmpuint (n, <=, 120 + 25);   /* + at most one rare-word sentence */
          body_words += n;
        }
      g_assert_cmpuint (body_words, >=, 160);
      g_assert_cmpuint (body_words, <=, 12 * 145);
      /* what the editor shows off: headings, a list and a quote */
      g_assert_nonnull (strstr (body, "<h2>"));
      g_assert_nonnull (strstr (body, "<ul><li>"));
      g_assert_nonnull (strstr (body, "<blockquote>“"));
      g_assert_true (g_str_has_prefix (body, "<p>") || g_str_has_prefix (body, "<h2>"));
      g_assert_true (g_str_has_suffix (body, "</p>") || g_str_has_suffix (body, "</ul>"));
      assert_nfc (title);
      assert_nfc (sapo);
      assert_nfc (body);
    }
}

static void
test_text_reproducible (void)
{
  g_autoptr(GRand) a = g_rand_new_with_seed (7);
  g_autoptr(GRand) b = g_rand_new_with_seed (7);
  g_autoptr(GRand) c = g_rand_new_with_seed (8);

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *ta = toa_demo_title (a);
      g_autofree char *tb = toa_demo_title (b);
      g_autofree char *ba = toa_demo_body_html (a, 6);
      g_autofree char *bb = toa_demo_body_html (b, 6);

      g_assert_cmpstr (ta, ==, tb);
      g_assert_cmpstr (ba, ==, bb);
    }
  {
    g_autofree char *ta = toa_demo_body_html (a, 6);
    g_autofree char *tc = toa_demo_body_html (c, 6);
    g_assert_cmpstr (ta, !=, tc);
  }
}

/* Frequent words are in (nearly) every text, the rarest in very few: what the benchmark
 * searches for. */
static void
test_text_vocabulary (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  guint frequent = 0, rare = 0, headings = 0, lists = 0, bold = 0;
  const guint n = 2000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = toa_demo_body_html (rand, 4 + i % 9);
      g_autofree char *folded = toa_text_fold (body);

      frequent += strstr (folded, "binh phuoc") != NULL;
      rare += strstr (folded, "xtieng") != NULL;
      headings += strstr (body, "<h2>") != NULL;
      lists += strstr (body, "<ul><li>") != NULL;
      bold += strstr (body, "<strong>") != NULL;
    }
  g_assert_cmpuint (frequent, >, n * 9 / 10);
  g_assert_cmpuint (rare, <, n / 100);
  g_assert_cmpuint (headings, >, 0);
  g_assert_cmpuint (lists, >, 0);
  g_assert_cmpuint (bold, >, 0);
}

/* ---- the demo board ---- */

static void
populate_both (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 15, 3, 0, 0);

  if (stores[0] != NULL)
    return;
  now_usec = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  tmp_dir = g_dir_make_tmp ("toa-demo-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("demo-%u.db", i);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      gint64 start;

      stores[i] = toa_store_open (path, TOA_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_assert_true (toa_board_init (stores[i], PORTAL_NAME, &error));
      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      g_assert_true (toa_demo_populate (stores[i], now_usec, &error));
      g_assert_no_error (error);
      populate_usec[i] = g_get_monotonic_time () - start;
      g_test_message ("populate %u took %.2f s", i, populate_usec[i] / 1e6);
    }
}

static void
test_reproducible (void)
{
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;

  populate_both ();
  a = all_articles (stores[0]);
  b = all_articles (stores[1]);
  g_assert_cmpuint (a->len, ==, N_DEMO_ARTICLES);
  g_assert_cmpuint (b->len, ==, a->len);
  for (guint i = 0; i < a->len; i++)
    {
      ToaArticle *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->sapo, ==, y->sapo);
      g_assert_cmpstr (x->state, ==, y->state);
      g_assert_cmpstr (x->genre, ==, y->genre);
      g_assert_cmpint (x->created_at, ==, y->created_at);
      g_assert_cmpint (x->published_at, ==, y->published_at);
      g_assert_cmpint (x->updated_at, ==, y->updated_at);
      /* the same history, step by step */
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) tx = toa_transitions_list (stores[0], x->id, &error);
        g_autoptr(GPtrArray) ty = toa_transitions_list (stores[1], y->id, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (tx->len, ==, ty->len);
        for (guint k = 0; k < tx->len; k++)
          {
            ToaTransitionRecord *rx = tx->pdata[k], *ry = ty->pdata[k];

            g_assert_cmpstr (rx->transition, ==, ry->transition);
            g_assert_cmpstr (rx->to_state, ==, ry->to_state);
            g_assert_cmpint (rx->at, ==, ry->at);
            g_assert_cmpint (rx->actor_id, ==, ry->actor_id);
            g_assert_cmpint (rx->on_behalf_of, ==, ry->on_behalf_of);
            g_assert_cmpstr (rx->comment, ==, ry->comment);
            g_assert_cmpint (rx->scheduled_for, ==, ry->scheduled_for);
          }
      }
    }
}

static void
test_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) people = NULL;
  guint components = 0, contributors_with_contract = 0, without_login = 0;
  gboolean roles_seen[TOA_N_ROLES] = { FALSE };
  gboolean component_role = FALSE;

  populate_both ();
  sites = toa_store_site_list (stores[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 4);
  for (guint i = 0; i < sites->len; i++)
    {
      ToaSite *site = sites->pdata[i];
      components += g_strcmp0 (site->kind, "component") == 0;
      assert_nfc (site->name);
    }
  g_assert_cmpuint (components, ==, 3);

  portal = toa_store_site_find (stores[0], "portal", &error);
  g_assert_no_error (error);
  sections = toa_store_section_list (stores[0], portal->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 12);
  for (guint i = 0; i < sections->len; i++)
    assert_nfc (((ToaSection *) sections->pdata[i])->name);

  units = toa_store_unit_list (stores[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, >=, 10);

  people = toa_store_person_list (stores[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 20);
  for (guint i = 0; i < people->len; i++)
    {
      ToaPerson *person = people->pdata[i];

      assert_nfc (person->full_name);
      if (person->contributor && person->contract_no != NULL)
        contributors_with_contract++;
      without_login += person->login == NULL;
      for (guint k = 0; person->roles && k < person->roles->len; k++)
        {
          ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, k);

          roles_seen[grant->role] = TRUE;
          if (grant->site_id != portal->id)
            component_role = TRUE;
        }
    }
  for (guint r = 0; r < TOA_N_ROLES; r++)
    if (!roles_seen[r])
      g_error ("no demo person holds the role %s", toa_role_code ((ToaRole) r));
  g_assert_true (component_role);
  g_assert_cmpuint (contributors_with_contract, >=, 2);
  g_assert_cmpuint (without_login, >=, 1);

  g_assert_cmpint (count_where (stores[0], NULL, NULL, NULL), ==, N_DEMO_ARTICLES);
  g_assert_cmpint (count_where (stores[0], NULL, NULL, "en"), >=, 3);
  g_assert_cmpint (count_where (stores[0], NULL, NULL, "vi"), >=, N_DEMO_ARTICLES / 2);
}

static void
test_states_and_genres (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) genres = NULL;

  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autofree char *workflow_code = NULL;

  populate_both ();
  /* every state of the board's default workflow (the states are its data: a state the
   * workflow lacks, such as a separate "returned", cannot be reached by transitions) */
  workflow_code = toa_delegation_default_workflow (stores[0], &error);
  g_assert_no_error (error);
  workflow = toa_workflow_load (stores[0], workflow_code, 0, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < workflow->states->len; s++)
    {
      const char *code = ((ToaWorkflowState *) workflow->states->pdata[s])->code;
      if (count_where (stores[0], code, NULL, NULL) == 0)
        g_error ("no demo article is in the state %s", code);
    }
  g_assert_cmpint (count_where (stores[0], "published", NULL, NULL), >, N_DEMO_ARTICLES / 3);

  genres = toa_store_genre_list (stores[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (genres->len, >=, 10);
  for (guint g = 0; g < genres->len; g++)
    {
      const char *code = ((ToaGenre *) genres->pdata[g])->code;
      if (count_where (stores[0], NULL, code, NULL) == 0)
        g_error ("no demo article has the genre %s", code);
    }
}

static void
test_dates (void)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 earliest = now_usec - (gint64) 548 * 24 * 3600 * G_USEC_PER_SEC;   /* 18 months */
  gint64 min_created = G_MAXINT64, max_created = 0;

  populate_both ();
  list = all_articles (stores[0]);
  for (guint i = 0; i < list->len; i++)
    {
      ToaArticle *a = list->pdata[i];

      g_assert_cmpint (a->created_at, >=, earliest);
      g_assert_cmpint (a->created_at, <=, now_usec);
      g_assert_cmpint (a->updated_at, >=, a->created_at);
      g_assert_cmpint (a->updated_at, <=, now_usec);
      if (g_str_equal (a->state, "published") || g_str_equal (a->state, "withdrawn"))
        {
          g_assert_cmpint (a->published_at, >=, a->created_at);
          g_assert_cmpint (a->published_at, <=, now_usec);
        }
      else
        g_assert_cmpint (a->published_at, ==, 0);
      min_created = MIN (min_created, a->created_at);
      max_created = MAX (max_created, a->created_at);
    }
  /* spread over the period, not bunched */
  g_assert_cmpint (max_created - min_created, >, (gint64) 365 * 24 * 3600 * G_USEC_PER_SEC);
}

static void
test_content (void)
{
  g_autoptr(GPtrArray) list = NULL;
  guint with_attribution = 0, with_unit = 0, with_info_kind = 0, several_authors = 0;
  guint revisions = 0, comments = 0, unit_attribution = 0, portal_attribution = 0;

  populate_both ();
  list = all_articles (stores[0]);
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaArticle) a = toa_store_article_get (stores[0], ((ToaArticle *) list->pdata[i])->id, &error);
      g_autoptr(GPtrArray) revs = NULL;
      g_autoptr(GPtrArray) notes = NULL;
      int share = 0;

      g_assert_no_error (error);
      assert_nfc (a->title);
      assert_nfc (a->sapo);
      assert_nfc (a->body_html);
      assert_nfc (a->attribution);
      g_assert_nonnull (a->body_html);
      g_assert_true (strstr (a->body_html, "<p>") != NULL);
      if (a->attribution)
        {
          with_attribution++;
          unit_attribution += g_str_has_prefix (a->attribution, "Theo Sở ");
          portal_attribution += g_str_equal (a->attribution, "Theo Cổng TTĐT tỉnh Bình Phước");
        }
      with_unit += a->source_unit_id != 0;
      with_info_kind += a->info_kind != NULL;
      g_assert_cmpuint (a->authors->len, >=, 1);
      several_authors += a->authors->len > 1;
      for (guint k = 0; k < a->authors->len; k++)
        share += g_array_index (a->authors, ToaAuthorShare, k).share_bp;
      g_assert_cmpint (share, ==, 10000);
      if (g_str_equal (a->language, "en"))
        g_assert_cmpstr (a->section_name, ==, "English");

      revs = toa_store_revision_list (stores[0], a->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (revs->len, >=, 1);
      for (guint k = 0; k < revs->len; k++)
        {
          ToaRevision *rev = revs->pdata[k];
          assert_nfc (rev->title);
          assert_nfc (rev->sapo);
          assert_nfc (rev->note);
        }
      /* the newest revision holds what the article now says */
      g_assert_cmpstr (((ToaRevision *) revs->pdata[revs->len - 1])->sapo, ==, a->sapo);
      revisions += revs->len;

      notes = toa_store_comment_list (stores[0], a->id, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < notes->len; k++)
        assert_nfc (((ToaComment *) notes->pdata[k])->body);
      comments += notes->len;
    }
  g_assert_cmpuint (with_attribution, >, 10);
  g_assert_cmpuint (unit_attribution, >, 0);
  g_assert_cmpuint (portal_attribution, >, 0);
  g_assert_cmpuint (with_unit, >, 30);
  g_assert_cmpuint (with_info_kind, >, 100);
  g_assert_cmpuint (several_authors, >, 10);
  g_assert_cmpuint (revisions, >, N_DEMO_ARTICLES + 100);
  g_assert_cmpuint (comments, >=, 10);
}

/* What the article editor shows at its best: every Vietnamese body has headings, a list and
 * a quote; every item tags; every item from a unit its attribution line; some are by a writer
 * and a photographer; six carry a photo painted in code (stored, with alt text, caption and
 * credit in the body); the newest show a proofreading trail — the writer, the secretary and a
 * deputy each correct words, which the word diff shows — and nothing published keeps a slip. */
static void
test_editor_showcase (void)
{
  static const char *const slips[] = { "kết qủa", "hổ trợ", "kiễm tra", "triễn khai", "tăng cuờng",
                                       "Bình Phuớc", "nhửng", "điạ bàn", "đã tiến hành tổ chức" };
  g_autoptr(GPtrArray) list = NULL;
  guint with_photo = 0, with_photographer = 0, secretary_fixes = 0, deputy_fixes = 0;
  gboolean diff_seen = FALSE;

  populate_both ();
  list = all_articles (stores[0]);
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaArticle) a = toa_store_article_get (stores[0], ((ToaArticle *) list->pdata[i])->id, &error);
      g_autoptr(GPtrArray) images = NULL;
      g_autoptr(GPtrArray) revs = NULL;
      int secretary_rev = 0, deputy_rev = 0;

      g_assert_no_error (error);
      if (g_str_equal (a->language, "vi"))
        {
          g_assert_nonnull (strstr (a->body_html, "<h2>"));
          g_assert_nonnull (strstr (a->body_html, "<ul><li>"));
          g_assert_nonnull (strstr (a->body_html, "<blockquote>"));
        }
      g_assert_cmpuint (a->tags->len, >=, 1);
      for (guint k = 0; k < a->tags->len; k++)
        assert_nfc (a->tags->pdata[k]);
      if (a->source_unit_id != 0)
        g_assert_true (a->attribution != NULL && g_str_has_prefix (a->attribution, "Theo "));
      for (guint k = 0; k < a->authors->len; k++)
        with_photographer += g_str_equal (g_array_index (a->authors, ToaAuthorShare, k).role, "photographer");

      images = toa_images_list (stores[0], a->id, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < images->len; k++)
        {
          ToaArticleImage *image = images->pdata[k];
          g_autofree char *src = g_strdup_printf ("src=\"toasoan://media/%s\"", image->sha256);
          g_autofree char *path = g_strdup_printf ("media/%s", image->sha256);
          g_autofree char *media_type = NULL;
          g_autoptr(GBytes) bytes = toa_images_lookup (stores[0], path, &media_type, &error);
          const guchar *data;

          g_assert_no_error (error);
          g_assert_cmpstr (media_type, ==, "image/jpeg");
          data = g_bytes_get_data (bytes, NULL);
          g_assert_true (data[0] == 0xFF && data[1] == 0xD8);
          g_assert_cmpint (image->width, >=, 600);
          /* in the body, described, captioned and credited to the photographer */
          g_assert_nonnull (strstr (a->body_html, src));
          g_assert_null (strstr (a->body_html, "alt=\"\""));
          g_assert_nonnull (strstr (a->body_html, "<span class=\"toa-caption\">"));
          g_assert_nonnull (strstr (a->body_html, "<span class=\"toa-credit\">Ảnh: "));
          with_photo++;
        }

      revs = toa_store_revision_list (stores[0], a->id, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < revs->len; k++)
        {
          ToaRevision *rev = revs->pdata[k];

          assert_nfc (rev->body_html);
          if (g_strcmp0 (rev->note, "Thư ký tòa soạn sửa câu chữ, chuẩn hóa cách viết") == 0)
            secretary_rev = rev->number;
          else if (g_strcmp0 (rev->note, "Phó Trưởng ban sửa câu chữ trước khi duyệt đăng") == 0)
            deputy_rev = rev->number;
        }
      secretary_fixes += secretary_rev != 0;
      deputy_fixes += deputy_rev != 0;
      if (deputy_rev != 0 && !diff_seen)
        {
          g_autoptr(GPtrArray) title = NULL;
          g_autoptr(GPtrArray) sapo = NULL;
          g_autoptr(GPtrArray) body = NULL;
          guint deleted = 0, inserted = 0;

          /* the first revision against the deputy's: words corrected, not rewritten */
          g_assert_true (toa_revisions_diff (stores[0], NULL, a->id, 1, deputy_rev, &title, &sapo,
                                             &body, &error));
          g_assert_no_error (error);
          toa_word_diff_count (body, &deleted, &inserted);
          g_assert_cmpuint (deleted + inserted, >, 0);
          g_assert_cmpuint (deleted, <, 60);
          diff_seen = TRUE;
        }

      if (g_str_equal (a->state, "published"))
        for (guint k = 0; k < G_N_ELEMENTS (slips); k++)
          {
            g_assert_null (strstr (a->title, slips[k]));
            g_assert_null (strstr (a->sapo, slips[k]));
            g_assert_null (strstr (a->body_html, slips[k]));
          }
    }
  g_assert_cmpuint (with_photo, ==, 6);
  g_assert_cmpuint (with_photographer, >, 10);
  g_assert_cmpuint (secretary_fixes, >, 20);
  g_assert_cmpuint (deputy_fixes, >, 20);
  g_assert_true (diff_seen);
}

static void
test_audit_and_sign_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) secretary = NULL;
  g_autoptr(ToaSite) portal = NULL;
  gint64 count = 0, bad = -1;

  populate_both ();
  g_assert_true (toa_audit_verify (stores[0], &count, &bad, &error));
  g_assert_no_error (error);
  /* board init + 3 sites + 21 sections + 11 units + 20 people + 300 articles + the seeding */
  g_assert_cmpint (count, >=, 1 + 3 + 12 + 11 + 20 + N_DEMO_ARTICLES + 1);

  secretary = toa_auth_sign_in (stores[0], "thuky", TOA_DEMO_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (secretary);
  portal = toa_store_site_find (stores[0], "portal", &error);
  g_assert_no_error (error);
  g_assert_true (toa_person_has_role (secretary, portal->id, TOA_ROLE_SECRETARY));
}

static void
test_refuses_filled_store (void)
{
  g_autoptr(GError) error = NULL;

  populate_both ();
  g_assert_false (toa_demo_populate (stores[0], now_usec, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_cmpint (count_where (stores[0], NULL, NULL, NULL), ==, N_DEMO_ARTICLES);
}

/* Every item past its entry state has a timeline ending in its state; entry-state items
 * have none. Returns, escalations with the head's answer, refusals with grounds, schedules
 * and delegated acts ("KT.") are among them. */
static void
test_timelines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autofree char *workflow_code = NULL;
  guint returns = 0, escalations = 0, answers = 0, grounds = 0, schedules = 0, delegated = 0;
  guint with_history = 0;

  populate_both ();
  workflow_code = toa_delegation_default_workflow (stores[0], &error);
  g_assert_no_error (error);
  workflow = toa_workflow_load (stores[0], workflow_code, 0, &error);
  g_assert_no_error (error);
  list = all_articles (stores[0]);
  for (guint i = 0; i < list->len; i++)
    {
      ToaArticle *a = list->pdata[i];
      const ToaWorkflowState *state = toa_workflow_find_state (workflow, a->state);
      g_autoptr(GPtrArray) timeline = toa_transitions_list (stores[0], a->id, &error);
      gint64 last = a->created_at;

      g_assert_no_error (error);
      g_assert_nonnull (state);
      /* an item in its entry state may have come back there by a return */
      if ((state->start || state->entry) && timeline->len == 0)
        continue;
      with_history++;
      g_assert_cmpuint (timeline->len, >, 0);
      g_assert_cmpstr (((ToaTransitionRecord *) timeline->pdata[timeline->len - 1])->to_state, ==, a->state);
      for (guint k = 0; k < timeline->len; k++)
        {
          ToaTransitionRecord *rec = timeline->pdata[k];

          /* a chain: each step leaves the state the one before reached, later in time */
          if (k > 0)
            g_assert_cmpstr (rec->from_state, ==, ((ToaTransitionRecord *) timeline->pdata[k - 1])->to_state);
          g_assert_cmpint (rec->at, >, last);
          g_assert_cmpint (rec->at, <=, now_usec);
          last = rec->at;
          returns += g_str_equal (rec->transition, "return");
          escalations += g_str_equal (rec->transition, "escalate");
          answers += g_str_equal (rec->transition, "approve") && rec->comment != NULL;
          grounds += rec->ground != NULL;
          schedules += rec->scheduled_for != 0;
          if (rec->on_behalf_of != 0)
            {
              g_autofree char *label = toa_transition_record_behalf_label (rec);

              delegated++;
              g_assert_true (g_str_has_prefix (label, "KT. "));
            }
        }
      if (g_str_equal (a->state, "published"))
        g_assert_cmpint (a->published_at, ==,
                         ((ToaTransitionRecord *) timeline->pdata[timeline->len - 1])->at);
    }
  g_assert_cmpuint (with_history, >, N_DEMO_ARTICLES / 2);
  g_assert_cmpuint (returns, >, 5);
  g_assert_cmpuint (escalations, >, 2);
  g_assert_cmpuint (answers, >, 2);
  g_assert_cmpuint (grounds, >, 2);
  g_assert_cmpuint (schedules, >, 2);
  g_assert_cmpuint (delegated, >=, 1);
}

/* Open items have deadlines: overdue, due today and due later, in the inboxes of the
 * people who hold them, on the demo's today. */
static void
test_deadlines_in_inbox (void)
{
  const char *const logins[] = { "thuky", "phobantt", "bientap1" };
  GDate today;

  populate_both ();
  toa_transitions_local_date (now_usec, &today);
  for (guint l = 0; l < G_N_ELEMENTS (logins); l++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaPerson) person = toa_store_person_find (stores[0], logins[l], &error);
      ToaInboxRequest request = { .which = TOA_INBOX_WAITING, .limit = 500, .today = &today };
      g_autoptr(GPtrArray) items = NULL;
      guint overdue = 0, due_today = 0, later = 0;

      g_assert_no_error (error);
      items = toa_inbox_list (stores[0], person, &request, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < items->len; i++)
        {
          ToaInboxItem *item = items->pdata[i];

          if (!item->has_deadline)
            continue;
          overdue += item->days_left < 0;
          due_today += item->days_left == 0;
          later += item->days_left > 0;
        }
      g_test_message ("%s: %u overdue, %u due today, %u later", logins[l], overdue, due_today, later);
      g_assert_cmpuint (overdue, >=, 1);
      g_assert_cmpuint (due_today, >=, 1);
      g_assert_cmpuint (later, >=, 1);
    }
}

/* The secretary's request to take down a published item waits for the standing deputy. */
static void
test_pending_withdrawal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) deputy = NULL;
  g_autoptr(ToaPerson) secretary = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  guint found = 0;

  populate_both ();
  deputy = toa_store_person_find (stores[0], "phobantt", &error);
  g_assert_no_error (error);
  secretary = toa_store_person_find (stores[0], "thuky", &error);
  g_assert_no_error (error);
  pending = toa_approval_list_for_approver (stores[0], deputy, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    {
      ToaApprovalRequest *request = pending->pdata[i];
      g_autoptr(ToaArticle) article = toa_store_article_get (stores[0], request->article_id, &error);

      g_assert_no_error (error);
      if (request->requested_by != secretary->id || !g_str_equal (request->transition, "withdraw"))
        continue;
      g_assert_cmpint (request->status, ==, TOA_APPROVAL_PENDING);
      g_assert_nonnull (request->comment);
      g_assert_cmpstr (article->state, ==, "published");   /* still up until approved */
      found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

static void
test_fast_enough (void)
{
  populate_both ();
  /* init --demo must feel instant; generous for a loaded 2-core machine */
  g_assert_cmpint (populate_usec[0], <, 10 * G_USEC_PER_SEC);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/text/lengths", test_text_lengths);
  g_test_add_func ("/demo/text/reproducible", test_text_reproducible);
  g_test_add_func ("/demo/text/vocabulary", test_text_vocabulary);
  g_test_add_func ("/demo/board/reproducible", test_reproducible);
  g_test_add_func ("/demo/board/counts", test_counts);
  g_test_add_func ("/demo/board/states-genres", test_states_and_genres);
  g_test_add_func ("/demo/board/dates", test_dates);
  g_test_add_func ("/demo/board/content", test_content);
  g_test_add_func ("/demo/board/editor-showcase", test_editor_showcase);
  g_test_add_func ("/demo/board/audit-sign-in", test_audit_and_sign_in);
  g_test_add_func ("/demo/board/timelines", test_timelines);
  g_test_add_func ("/demo/board/deadlines-in-inbox", test_deadlines_in_inbox);
  g_test_add_func ("/demo/board/pending-withdrawal", test_pending_withdrawal);
  g_test_add_func ("/demo/board/refuses-filled", test_refuses_filled_store);
  g_test_add_func ("/demo/board/fast", test_fast_enough);
  status = g_test_run ();

  for (guint i = 0; i < 2; i++)
    g_clear_object (&stores[i]);
  if (tmp_dir != NULL)
    {
      GDir *dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
          g_unlink (path);
        }
      if (dir)
        g_dir_close (dir);
      g_rmdir (tmp_dir);
      g_free (tmp_dir);
    }
  return status;
}
