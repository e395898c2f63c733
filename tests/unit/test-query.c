/* test-query.c — article queries and the FTS5 query built from search text, including
 * attempts to smuggle FTS5 syntax in; each built query is run against a real FTS5 table. */
#include <string.h>
#include <sqlite3.h>

#include "toa-article-query.h"
#include "toa-text.h"

static sqlite3 *db;

/* Runs @fts against a small folded FTS5 table; returns the number of matches. */
static int
run_match (const char *fts)
{
  sqlite3_stmt *stmt = NULL;
  int rc, count = -1;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, fts, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("FTS5 rejected %s: %s", fts, sqlite3_errmsg (db));
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static void
check (const char *text, const char *expected)
{
  g_autofree char *fts = toa_article_query_fts (text);

  g_assert_cmpstr (fts, ==, expected);
}

static void
test_fts_words (void)
{
  check ("binh phuoc", "\"binh\" \"phuoc\"");
  check ("Bình Phước", "\"binh\" \"phuoc\"");
  check ("Bình Phư*", "\"binh\" \"phu\"*");          /* an explicit prefix */
  check ("ph* phước*", "\"ph\"* \"phuoc\"*");
  check ("Bình Phước ", "\"binh\" \"phuoc\"");
  check ("  Đồng   Nai\t", "\"dong\" \"nai\"");
  check ("hoà", "\"hoa\"");
  check ("kinh tế-xã hội 2025", "\"kinh\" \"te\" \"xa\" \"hoi\" \"2025\"");
  check ("ủy ban.", "\"uy\" \"ban\"");
}

static void
test_fts_phrases (void)
{
  check ("\"Bình Phước\"", "\"binh phuoc\"");
  check ("\"Bình Phước\" Đồng", "\"binh phuoc\" \"dong\"");
  check ("Đồng \"Bình Phước\"", "\"dong\" \"binh phuoc\"");
  check ("\"binh ph", "\"binh ph\"");              /* an unclosed phrase */
  check ("\"binh ph*\"", "\"binh ph\"");             /* no prefix inside a phrase */
  check ("\"binh ph ", "\"binh ph\"");
  check ("“Hà Nội” mới", "\"ha noi\" \"moi\"");    /* curly quotes too */
  check ("\"\"", NULL);
  check ("\"  \" a*", "\"a\"");                /* one letter: no prefix */
}

static void
test_fts_nothing (void)
{
  check (NULL, NULL);
  check ("", NULL);
  check ("   ", NULL);
  check ("!!! *** ()", NULL);
  check ("\"", NULL);
  check ("- : ^ +", NULL);
}

static void
test_fts_injection (void)
{
  static const char * const attempts[] = {
    "title:abc", "a OR b", "a AND NOT b", "NEAR(a b, 2)", "NEAR/3", "^binh", "binh*",
    "\"unclosed", "a\" OR \"b", "'; DROP TABLE t; --", "{title body}: x", "a + b", "(((",
    "\")", "*", "x:y:z", "- a", "NOT", "AND", "OR", "\\\"", "a\"b\"c", "ph*ước",
    "binh phuoc\" OR title:\"x", "a\x01b", "🙂 hello 🙂",
  };

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autofree char *fts = toa_article_query_fts (attempts[i]);

      if (fts == NULL)
        continue;

      /* only quoted runs of letters, digits and single spaces, and a final '*' */
      for (const char *p = fts; *p != '\0'; )
        {
          const char *close;

          g_assert_cmpint (*p, ==, '"');
          close = strchr (p + 1, '"');
          g_assert_nonnull (close);
          g_assert_cmpint (close - p, >, 1);
          for (const char *q = p + 1; q < close; q = g_utf8_next_char (q))
            {
              gunichar c = g_utf8_get_char (q);
              g_assert_true (g_unichar_isalnum (c) || c == ' ');
            }
          p = close + 1;
          if (*p == '*')
            p++;
          if (*p == ' ')
            p++;
          else
            g_assert_cmpint (*p, ==, '\0');
        }
      g_assert_cmpint (run_match (fts), >=, 0);   /* FTS5 accepts it */
    }

  /* keywords are just words */
  check ("a OR b", "\"a\" \"or\" \"b\"");
  check ("thông t*", "\"thong\" \"t\"");         /* one letter would match almost all */
  check ("thông tư*", "\"thong\" \"tu\"*");
  check ("NEAR(a b)", "\"near\" \"a\" \"b\"");
  check ("title:abc", "\"title\" \"abc\"");
  check ("^binh", "\"binh\"");
  check ("binh*phuoc", "\"binh\"* \"phuoc\"");
}

static void
test_fts_matches (void)
{
  g_autofree char *q1 = toa_article_query_fts ("binh phuoc");
  g_autofree char *q2 = toa_article_query_fts ("Đồng Nai");
  g_autofree char *q3 = toa_article_query_fts ("\"phuoc binh\"");
  g_autofree char *q4 = toa_article_query_fts ("phuoc binh ");
  g_autofree char *q5 = toa_article_query_fts ("Bình Ph*");
  g_autofree char *q8 = toa_article_query_fts ("Bình Ph");
  g_autofree char *q6 = toa_article_query_fts ("hòa");
  g_autofree char *q7 = toa_article_query_fts ("a OR ha");

  g_assert_cmpint (run_match (q1), ==, 1);
  g_assert_cmpint (run_match (q2), ==, 1);
  g_assert_cmpint (run_match (q3), ==, 0);   /* a phrase keeps word order */
  g_assert_cmpint (run_match (q4), ==, 1);   /* words in any order */
  g_assert_cmpint (run_match (q5), ==, 1);   /* an explicit prefix */
  g_assert_cmpint (run_match (q8), ==, 0);   /* "ph" alone is a whole word */
  g_assert_cmpint (run_match (q6), ==, 2);   /* hoà and hòa */
  g_assert_cmpint (run_match (q7), ==, 0);   /* OR is a word, and no row has it */
}

static void
test_query_struct (void)
{
  g_autoptr(ToaArticleQuery) a = toa_article_query_new ();
  g_autoptr(ToaArticleQuery) b = NULL;

  g_assert_cmpint (a->sort, ==, TOA_SORT_UPDATED);
  g_assert_true (a->descending);
  g_assert_null (a->text);

  a->site_id = 3;
  a->genre = g_strdup ("tin");
  a->text = g_strdup ("Bình Phước");
  b = toa_article_query_copy (a);
  g_assert_true (b->genre != a->genre);
  g_assert_cmpstr (b->genre, ==, "tin");
  g_assert_true (toa_article_query_equal (a, b));

  g_free (b->text);
  b->text = g_strdup ("Đồng Nai");
  g_assert_false (toa_article_query_equal (a, b));
  g_free (b->text);
  b->text = g_strdup ("Bình Phước");
  b->sort = TOA_SORT_TITLE;
  g_assert_false (toa_article_query_equal (a, b));
  b->sort = TOA_SORT_UPDATED;
  b->section_id = 9;
  g_assert_false (toa_article_query_equal (a, b));
  b->section_id = 0;
  g_assert_true (toa_article_query_equal (a, b));

  /* NULL and "" are the same "no filter" */
  g_clear_pointer (&a->state, g_free);
  b->state = g_strdup ("");
  g_assert_true (toa_article_query_equal (a, b));
  g_assert_true (toa_article_query_equal (NULL, NULL));
  g_assert_false (toa_article_query_equal (a, NULL));
}

int
main (int argc, char **argv)
{
  static const char * const rows[] = {
    "Bình Phước họp bàn", "Đồng Nai phát triển", "hoà bình", "hòa giải", "ha noi",
  };
  int status;

  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5 (body, "
                                 "tokenize = 'unicode61 remove_diacritics 2')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *folded = toa_text_fold (rows[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t VALUES (?)", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }

  g_test_add_func ("/query/fts/words", test_fts_words);
  g_test_add_func ("/query/fts/phrases", test_fts_phrases);
  g_test_add_func ("/query/fts/nothing", test_fts_nothing);
  g_test_add_func ("/query/fts/injection", test_fts_injection);
  g_test_add_func ("/query/fts/matches", test_fts_matches);
  g_test_add_func ("/query/struct", test_query_struct);

  status = g_test_run ();
  sqlite3_close (db);
  return status;
}
