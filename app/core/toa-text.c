/* toa-text.c — Vietnamese text at the boundary: UTF-8 validation and NFC, search folding,
 * HTML to plain text, word counts, and the board's date and money formats. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-text.h"

char *
toa_text_normalize (const char *text, gssize len, const char *field, GError **error)
{
  const char *end = NULL;
  gsize size;

  if (field == NULL)
    field = _("Text");
  if (text == NULL)
    return g_strdup ("");

  size = len < 0 ? strlen (text) : (gsize) len;
  if (!g_utf8_validate_len (text, size, &end))
    {
      gsize offset = (gsize) (end - text);

      if (offset < size && text[offset] == '\0')
        g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                     _("%s: a NUL character at byte %zu. Remove it and try again."),
                     field, offset);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                     _("%s: invalid UTF-8 at byte %zu. Save the text as UTF-8 (Unicode) and try again."),
                     field, offset);
      return NULL;
    }

  return g_utf8_normalize (text, size, G_NORMALIZE_NFC);
}

/* ---- folding ------------------------------------------------------------------------- */

/* Below U+2000 (Latin, Latin Extended Additional with every Vietnamese letter, Greek,
 * Cyrillic, combining marks) each code point folds through a table built once:
 * a code point, FOLD_DROP for a mark, or FOLD_SLOW when it folds to several. */
#define FOLD_TABLE_SIZE 0x2000
#define FOLD_DROP       0xFFFFFFFFu
#define FOLD_SLOW       0xFFFFFFFEu

static guint32 *fold_table;

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type;

  if (g_unichar_combining_class (c) != 0)
    return TRUE;
  type = g_unichar_type (c);
  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK;
}

/* Folds one code point into @out (at most 18), returns how many. */
static gsize
fold_char (gunichar c, gunichar *out)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n, kept = 0;

  if (c == 0x0110 || c == 0x0111)   /* Đ đ have no decomposition */
    {
      out[0] = 'd';
      return 1;
    }

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    {
      if (is_mark (decomposed[i]))
        continue;
      if (decomposed[i] == 0x0110 || decomposed[i] == 0x0111)
        out[kept++] = 'd';
      else
        out[kept++] = g_unichar_tolower (decomposed[i]);
    }
  return kept;
}

static gpointer
build_fold_table (gpointer data)
{
  guint32 *table = g_new (guint32, FOLD_TABLE_SIZE);

  for (gunichar c = 0; c < FOLD_TABLE_SIZE; c++)
    {
      gunichar out[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = fold_char (c, out);

      if (n == 0)
        table[c] = FOLD_DROP;
      else if (n == 1)
        table[c] = out[0];
      else
        table[c] = FOLD_SLOW;
    }
  return table;
}

typedef struct {
  char  *buf;
  gsize  len;
  gsize  cap;
} Out;

static inline void
out_reserve (Out *o, gsize more)
{
  if (o->len + more + 1 > o->cap)
    {
      o->cap = MAX (o->cap * 2, o->len + more + 1);
      o->buf = g_realloc (o->buf, o->cap);
    }
}

static inline void
out_unichar (Out *o, gunichar c)
{
  out_reserve (o, 6);
  o->len += g_unichar_to_utf8 (c, o->buf + o->len);
}

char *
toa_text_fold (const char *text)
{
  static GOnce once = G_ONCE_INIT;
  const guchar *p;
  Out o;

  if (text == NULL)
    return g_strdup ("");

  fold_table = g_once (&once, build_fold_table, NULL);

  o.cap = strlen (text) + 16;
  o.buf = g_malloc (o.cap);
  o.len = 0;

  p = (const guchar *) text;
  while (*p != '\0')
    {
      gunichar c;

      /* ASCII fast path: copy a run, lowering A–Z. */
      if (*p < 0x80)
        {
          out_reserve (&o, 1);
          o.buf[o.len++] = (*p >= 'A' && *p <= 'Z') ? (char) (*p + ('a' - 'A')) : (char) *p;
          p++;
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          out_unichar (&o, 0xFFFD);   /* not UTF-8: never reached for validated text */
          p++;
          continue;
        }
      p = (const guchar *) g_utf8_next_char ((const char *) p);

      if (c < FOLD_TABLE_SIZE && fold_table[c] != FOLD_SLOW)
        {
          if (fold_table[c] != FOLD_DROP)
            {
              if (fold_table[c] < 0x80)
                {
                  out_reserve (&o, 1);
                  o.buf[o.len++] = (char) fold_table[c];
                }
              else
                out_unichar (&o, fold_table[c]);
            }
        }
      else
        {
          gunichar folded[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
          gsize n = fold_char (c, folded);

          for (gsize i = 0; i < n; i++)
            out_unichar (&o, folded[i]);
        }
    }

  o.buf[o.len] = '\0';
  return o.buf;
}

/* ---- HTML to text -------------------------------------------------------------------- */

static const char * const block_tags[] = {
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
  "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul", "img", "iframe", "video", "audio", "source",
};

static gboolean
is_block_tag (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (block_tags); i++)
    if (g_str_equal (name, block_tags[i]))
      return TRUE;
  return FALSE;
}

typedef struct {
  GString  *out;
  gboolean  space;   /* a space is pending before the next visible character */
} TextOut;

static void
text_space (TextOut *t)
{
  if (t->out->len > 0)
    t->space = TRUE;
}

static void
text_unichar (TextOut *t, gunichar c)
{
  if (g_unichar_isspace (c) || c == 0x00A0)
    {
      text_space (t);
      return;
    }
  if (t->space)
    {
      g_string_append_c (t->out, ' ');
      t->space = FALSE;
    }
  g_string_append_unichar (t->out, c);
}

/* Decodes the entity at @p (pointing at '&'); returns the bytes consumed, 0 if none. */
static gsize
decode_entity (const char *p, gunichar *out)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0x00A0 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
    { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
    { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "copy", 0x00A9 },
  };
  const char *semi;
  gsize n;

  /* the ';' within 12 bytes, never reading past the end of the text */
  for (semi = p + 1; semi < p + 13 && *semi != '\0' && *semi != ';'; semi++)
    if (*semi == '<' || *semi == '&' || g_ascii_isspace (*semi))
      return 0;
  if (*semi != ';')
    return 0;
  n = (gsize) (semi - p - 1);
  if (n == 0)
    return 0;

  if (p[1] == '#')
    {
      guint64 value;
      char *end;

      if (n < 2)
        return 0;
      if (p[2] == 'x' || p[2] == 'X')
        value = g_ascii_strtoull (p + 3, &end, 16);
      else
        value = g_ascii_strtoull (p + 2, &end, 10);
      if (end != semi || end == p + 2 || end == p + 3 || value == 0 || value > 0x10FFFF
          || !g_unichar_validate ((gunichar) value))
        return 0;
      *out = (gunichar) value;
      return n + 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == n && strncmp (p + 1, named[i].name, n) == 0)
      {
        *out = named[i].c;
        return n + 2;
      }
  return 0;
}

/* Skips past the '>' that ends the tag starting at @p ('<'), minding quoted values. */
static const char *
skip_tag (const char *p)
{
  char quote = 0;

  for (p++; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }
  return p;
}

/* Finds "</@name" case-insensitively from @p; returns its '<' or the end of the text. */
static const char *
find_close (const char *p, const char *name)
{
  gsize n = strlen (name);

  for (; *p != '\0'; p++)
    if (p[0] == '<' && p[1] == '/' && g_ascii_strncasecmp (p + 2, name, n) == 0)
      return p;
  return p;
}

char *
toa_html_to_text (const char *html)
{
  TextOut t = { NULL, FALSE };
  const char *p = html;

  t.out = g_string_new (NULL);
  if (html == NULL)
    return g_string_free (t.out, FALSE);

  while (*p != '\0')
    {
      if (*p == '<')
        {
          char name[16];
          gsize n = 0;
          const char *q = p + 1;
          gboolean closing = FALSE;

          if (strncmp (p, "<!--", 4) == 0)
            {
              const char *end = strstr (p + 4, "-->");
              p = end != NULL ? end + 3 : p + strlen (p);
              continue;
            }
          if (*q == '/')
            {
              closing = TRUE;
              q++;
            }
          if (!g_ascii_isalpha (*q) && *q != '!' && *q != '?')
            {
              text_unichar (&t, '<');   /* a lone '<' is text */
              p++;
              continue;
            }
          while (g_ascii_isalnum (*q) && n < sizeof name - 1)
            name[n++] = g_ascii_tolower (*q++);
          name[n] = '\0';

          p = skip_tag (p);
          if (!closing && (g_str_equal (name, "script") || g_str_equal (name, "style")))
            {
              p = find_close (p, name);
              if (*p != '\0')
                p = skip_tag (p);
              text_space (&t);
            }
          else if (is_block_tag (name))
            text_space (&t);
          continue;
        }

      if (*p == '&')
        {
          gunichar c;
          gsize used = decode_entity (p, &c);

          if (used > 0)
            {
              text_unichar (&t, c);
              p += used;
              continue;
            }
        }

      if ((guchar) *p < 0x80)
        {
          text_unichar (&t, (gunichar) *p);
          p++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              text_unichar (&t, 0xFFFD);
              p++;
            }
          else
            {
              text_unichar (&t, c);
              p = g_utf8_next_char (p);
            }
        }
    }

  return g_string_free (t.out, FALSE);
}

char *
toa_html_to_paragraphs (const char *html)
{
  static const char *const block_ends[] = {
    "</p>", "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>", "</li>", "</blockquote>",
    "</figcaption>", "</tr>", "</div>", "<br>", "<br/>", "<br />",
  };
  g_autofree char *lower = NULL;
  GString *out = g_string_new (NULL);
  const char *start;

  if (html == NULL)
    return g_string_free (out, FALSE);
  lower = g_ascii_strdown (html, -1);   /* the same byte offsets as @html */
  for (start = lower; *start != '\0'; )
    {
      const char *end = NULL;
      g_autofree char *piece = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (block_ends); i++)
        {
          const char *found = strstr (start, block_ends[i]);

          if (found != NULL && (end == NULL || found + strlen (block_ends[i]) < end))
            end = found + strlen (block_ends[i]);
        }
      if (end == NULL)
        end = start + strlen (start);
      piece = g_strndup (html + (start - lower), (gsize) (end - start));
      text = toa_html_to_text (piece);
      if (*text != '\0')
        {
          if (out->len > 0)
            g_string_append (out, "\n\n");
          g_string_append (out, text);
        }
      start = end;
    }
  return g_string_free (out, FALSE);
}

guint
toa_text_word_count (const char *text)
{
  guint count = 0;
  gboolean in_word = FALSE;

  if (text == NULL)
    return 0;

  for (const char *p = text; *p != '\0'; )
    {
      gboolean word_char;

      if ((guchar) *p < 0x80)
        {
          word_char = g_ascii_isalnum (*p);
          p++;
        }
      else
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              word_char = FALSE;
              p++;
            }
          else
            {
              /* a combining mark continues a word (decomposed text) */
              word_char = g_unichar_isalnum (c) || (in_word && is_mark (c));
              p = g_utf8_next_char (p);
            }
        }

      if (word_char && !in_word)
        count++;
      in_word = word_char;
    }
  return count;
}

/* ---- formats ------------------------------------------------------------------------- */

char *
toa_format_number (gint64 n)
{
  char digits[32];
  GString *out = g_string_new (NULL);
  guint64 magnitude;
  gsize len;

  if (n < 0)
    {
      g_string_append_c (out, '-');
      magnitude = (guint64) (-(n + 1)) + 1;
    }
  else
    magnitude = (guint64) n;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
toa_format_money (gint64 vnd)
{
  g_autofree char *number = toa_format_number (vnd);

  return g_strconcat (number, " đ", NULL);
}

char *
toa_format_gdate (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");
  return g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

char *
toa_format_iso_date (const char *iso)
{
  int y, m, d;
  char tail;
  GDate date;

  g_date_clear (&date, 1);
  if (iso != NULL && sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3
      && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return toa_format_gdate (&date);
}

static gpointer
make_time_zone (gpointer data)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");

  if (tz == NULL)   /* no tzdata: Vietnam has kept UTC+7 without DST since 1975 */
    tz = g_time_zone_new_offset (7 * 3600);
  return tz;
}

GTimeZone *
toa_time_zone (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, make_time_zone, NULL);
}

gint64
toa_now_usec (void)
{
  return g_get_real_time ();
}

static char *
format_instant (gint64 utc_usec, const char *format)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint64 seconds;

  if (utc_usec == 0)
    return g_strdup ("");

  /* floor division, so instants before 1970 land in the right second */
  seconds = utc_usec / G_USEC_PER_SEC;
  if (utc_usec % G_USEC_PER_SEC < 0)
    seconds--;

  utc = g_date_time_new_from_unix_utc (seconds);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, toa_time_zone ());
  if (local == NULL)
    return g_strdup ("");
  return g_date_time_format (local, format);
}

char *
toa_format_date (gint64 utc_usec)
{
  return format_instant (utc_usec, "%d/%m/%Y");
}

char *
toa_format_datetime (gint64 utc_usec)
{
  return format_instant (utc_usec, "%d/%m/%Y %H:%M");
}

/* Reads 1..@max digits; returns the count read, 0 when none. */
static guint
read_number (const char **p, guint max, guint *value)
{
  guint n = 0;

  *value = 0;
  while (n < max && g_ascii_isdigit (**p))
    {
      *value = *value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }
  return n;
}

gboolean
toa_parse_date (const char *text, const char *field, GDate *out, GError **error)
{
  g_autofree char *copy = NULL;
  const char *p;
  guint day = 0, month = 0, year = 0;
  gboolean shaped = FALSE;

  if (field == NULL)
    field = _("Date");
  copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  p = copy;

  if (strlen (copy) == 10 && copy[4] == '-' && copy[7] == '-')
    {
      shaped = read_number (&p, 4, &year) == 4 && *p++ == '-'
        && read_number (&p, 2, &month) == 2 && *p++ == '-'
        && read_number (&p, 2, &day) == 2 && *p == '\0';
    }
  else
    {
      shaped = read_number (&p, 2, &day) > 0 && *p++ == '/'
        && read_number (&p, 2, &month) > 0 && *p++ == '/'
        && read_number (&p, 4, &year) == 4 && *p == '\0';
    }

  if (!shaped)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: “%s” is not a date. Write it as dd/mm/yyyy, for example 02/09/2025."),
                   field, copy);
      return FALSE;
    }

  if (year < 1000 || month < 1 || month > 12 || day < 1
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%s: %02u/%02u/%04u is not a real date. Check the day and the month."),
                   field, day, month, year);
      return FALSE;
    }

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}
