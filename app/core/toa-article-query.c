/* toa-article-query.c — an article list's filters and order, and the FTS5 query built
 * from what a person types in the search box. */
#include "config.h"

#include <string.h>

#include "toa-article-query.h"
#include "toa-text.h"

ToaArticleQuery *
toa_article_query_new (void)
{
  ToaArticleQuery *query = g_new0 (ToaArticleQuery, 1);

  query->sort = TOA_SORT_UPDATED;
  query->descending = TRUE;
  return query;
}

ToaArticleQuery *
toa_article_query_copy (const ToaArticleQuery *query)
{
  ToaArticleQuery *copy;

  g_return_val_if_fail (query != NULL, NULL);

  copy = g_memdup2 (query, sizeof *query);
  copy->genre = g_strdup (query->genre);
  copy->state = g_strdup (query->state);
  copy->language = g_strdup (query->language);
  copy->text = g_strdup (query->text);
  return copy;
}

void
toa_article_query_free (ToaArticleQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->genre);
  g_free (query->state);
  g_free (query->language);
  g_free (query->text);
  g_free (query);
}

/* NULL and "" both mean "no filter". */
static gboolean
same_filter (const char *a, const char *b)
{
  if (a == NULL)
    a = "";
  if (b == NULL)
    b = "";
  return g_str_equal (a, b);
}

gboolean
toa_article_query_equal (const ToaArticleQuery *a, const ToaArticleQuery *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return a->site_id == b->site_id
    && a->section_id == b->section_id
    && same_filter (a->genre, b->genre)
    && same_filter (a->state, b->state)
    && same_filter (a->language, b->language)
    && same_filter (a->text, b->text)
    && a->sort == b->sort
    && a->descending == b->descending
    && a->count_limit == b->count_limit;
}

/* One searchable word: letters and digits of the folded text. A combining mark left in
 * the text (there should be none after folding) continues the word. */
static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* The FTS5 query is made only of double-quoted strings whose content is letters, digits
 * and single spaces, so nothing the person types can become FTS5 syntax (column filters,
 * NEAR, AND/OR/NOT, ^, *, parentheses, quotes). */
/* Appends the current word or phrase, quoted, with a '*' when it is a prefix. */
static void
flush_item (GString *query, GString *item, gboolean prefix)
{
  if (item->len == 0)
    return;
  if (query->len > 0)
    g_string_append_c (query, ' ');
  g_string_append_printf (query, "\"%s\"%s", item->str, prefix ? "*" : "");
  g_string_truncate (item, 0);
}

/* Vietnamese words are syllables, so a word matches whole syllables ("phuoc" finds
 * "Phước", not "Phước Long" by "phu"). A '*' right after a word of two or more letters
 * asks for its beginning ("phu*" finds "phước", "phú"); one letter would match nearly
 * every word, so it stays whole. Exact words keep frequent searches fast: an FTS5
 * prefix query merges every matching doclist before the first row comes back. */
char *
toa_article_query_fts (const char *text)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) query = NULL;
  g_autoptr(GString) item = NULL;   /* the current phrase or word, unquoted */
  gboolean in_phrase = FALSE;
  gboolean in_word = FALSE;

  if (text == NULL)
    return NULL;

  folded = toa_text_fold (text);
  query = g_string_new (NULL);
  item = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == 0x201C || c == 0x201D)   /* straight or curly quotes */
        {
          flush_item (query, item, FALSE);
          in_phrase = !in_phrase;
          in_word = FALSE;
          continue;
        }

      if (is_word_char (c))
        {
          if (!in_word && in_phrase && item->len > 0)
            g_string_append_c (item, ' ');
          g_string_append_unichar (item, c);
          in_word = TRUE;
          continue;
        }

      /* a separator; '*' right after a word outside a phrase makes it a prefix */
      if (in_word && !in_phrase)
        flush_item (query, item, c == '*' && g_utf8_strlen (item->str, -1) >= 2);
      in_word = FALSE;
    }

  /* an unclosed phrase counts as closed */
  flush_item (query, item, FALSE);

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}
