/* toa-word-diff.c — word-level differences (Myers' O(ND) algorithm in linear space, over
 * interned tokens) and the three-way merge of article bodies by top-level block.
 *
 * Tokens: a run of letters, digits and combining marks (a Vietnamese syllable, "Phước"),
 * a run of white space, or one other character (punctuation). Comparing tokens rather than
 * characters keeps a changed syllable whole; comparing syllables is what Vietnamese needs,
 * since a word is one or more syllables separated by spaces. */
#include "config.h"

#include <string.h>

#include "toa-word-diff.h"

/* Above this many edits in one region, the search takes the furthest point reached as its
 * split (a valid, possibly longer, script) so two unrelated 20,000-word texts stay fast. */
#define MAX_COST 2048

void
toa_diff_chunk_free (ToaDiffChunk *chunk)
{
  if (chunk == NULL)
    return;
  g_free (chunk->text);
  g_free (chunk);
}

/* ---- tokens ------------------------------------------------------------------------------- */

typedef struct {
  const char *space;   /* the white space before the token */
  gsize       space_len;
  const char *start;
  gsize       len;     /* 0 for the end of the text (its trailing white space in space) */
} Token;

typedef enum { CLASS_WORD, CLASS_SPACE, CLASS_OTHER } CharClass;

static CharClass
char_class (gunichar c)
{
  if (g_unichar_isspace (c))
    return CLASS_SPACE;
  if (g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_')
    return CLASS_WORD;
  return CLASS_OTHER;
}

/* The tokens compared (words and punctuation), each with the space before it, then one
 * empty token holding the trailing space: space alone is never a difference of words. */
static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text != NULL ? text : "";
  const char *space = p;

  while (*p != '\0')
    {
      CharClass cls = char_class (g_utf8_get_char_validated (p, -1));
      const char *q = g_utf8_next_char (p);

      if (cls != CLASS_OTHER)
        while (*q != '\0' && char_class (g_utf8_get_char_validated (q, -1)) == cls)
          q = g_utf8_next_char (q);
      if (cls != CLASS_SPACE)
        {
          Token token = { space, p - space, p, q - p };

          g_array_append_val (tokens, token);
          space = q;
        }
      p = q;
    }
  {
    Token end = { space, p - space, p, 0 };

    g_array_append_val (tokens, end);
  }
  return tokens;
}

/* Gives every distinct token one number, shared by both texts. */
typedef struct {
  GHashTable *ids;   /* owned key copies → id */
} Interner;

static guint *
intern (Interner *interner, GArray *tokens)
{
  guint *ids = g_new (guint, tokens->len + 1);

  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);
      g_autofree char *key = g_strndup (token->start, token->len);
      gpointer value;

      if (g_hash_table_lookup_extended (interner->ids, key, NULL, &value))
        ids[i] = GPOINTER_TO_UINT (value);
      else
        {
          ids[i] = g_hash_table_size (interner->ids) + 1;
          g_hash_table_insert (interner->ids, g_steal_pointer (&key), GUINT_TO_POINTER (ids[i]));
        }
    }
  return ids;
}

/* ---- Myers, linear space ------------------------------------------------------------------ */

typedef struct {
  const guint *a;
  const guint *b;
  guint8      *removed;    /* per token of a */
  guint8      *added;      /* per token of b */
  int         *vf;         /* forward furthest x per diagonal, offset by vmid */
  int         *vb;         /* backward (on the reversed texts) */
  int          vmid;
} Diff;

/* Finds a point (*sx, *sy) on an optimal (or, past MAX_COST, a valid) path through
 * a[a0..a1) × b[b0..b1), neither corner; the caller has stripped the common prefix and
 * suffix. Forward and backward searches meet in the middle; both arrays hold an x per
 * diagonal k = x - y (relative to a0, b0), diagonals limited to the box, with sentinels just
 * outside the range searched. */
static void
split_point (Diff *diff, int a0, int a1, int b0, int b1, int *sx, int *sy)
{
  const guint *a = diff->a + a0;
  const guint *b = diff->b + b0;
  int n = a1 - a0, m = b1 - b0;
  int delta = n - m;
  gboolean odd = (delta & 1) != 0;
  int dmin = -m, dmax = n;
  int fmin = 0, fmax = 0, bmin = delta, bmax = delta;
  int *fd = diff->vf + diff->vmid;
  int *bd = diff->vb + diff->vmid;

  fd[0] = 0;
  bd[delta] = n;
  for (int cost = 1;; cost++)
    {
      if (fmin > dmin)
        fd[--fmin - 1] = -1;
      else
        ++fmin;
      if (fmax < dmax)
        fd[++fmax + 1] = -1;
      else
        --fmax;
      for (int k = fmax; k >= fmin; k -= 2)
        {
          int lo = fd[k - 1], hi = fd[k + 1];
          int x = lo >= hi ? lo + 1 : hi;
          int y = x - k;

          while (x < n && y < m && a[x] == b[y])
            x++, y++;
          fd[k] = x;
          if (odd && x <= n && y <= m && bmin <= k && k <= bmax && bd[k] <= x)
            {
              *sx = x;
              *sy = y;
              return;
            }
        }

      if (bmin > dmin)
        bd[--bmin - 1] = G_MAXINT;
      else
        ++bmin;
      if (bmax < dmax)
        bd[++bmax + 1] = G_MAXINT;
      else
        --bmax;
      for (int k = bmax; k >= bmin; k -= 2)
        {
          int lo = bd[k - 1], hi = bd[k + 1];
          int x = lo < hi ? lo : hi - 1;
          int y = x - k;

          while (x > 0 && y > 0 && a[x - 1] == b[y - 1])
            x--, y--;
          bd[k] = x;
          if (!odd && x >= 0 && y >= 0 && fmin <= k && k <= fmax && x <= fd[k])
            {
              *sx = x;
              *sy = y;
              return;
            }
        }

      if (cost >= MAX_COST)
        {
          int best = -1;

          *sx = *sy = 0;
          for (int k = fmax; k >= fmin; k -= 2)
            if (fd[k] <= n && fd[k] - k <= m && fd[k] - k >= 0 && 2 * fd[k] - k > best)
              {
                best = 2 * fd[k] - k;
                *sx = fd[k];
                *sy = fd[k] - k;
              }
          return;
        }
    }
}

static void
compare (Diff *diff, int a0, int a1, int b0, int b1)
{
  int sx, sy;

  while (a0 < a1 && b0 < b1 && diff->a[a0] == diff->b[b0])
    a0++, b0++;
  while (a0 < a1 && b0 < b1 && diff->a[a1 - 1] == diff->b[b1 - 1])
    a1--, b1--;
  if (a0 == a1)
    {
      memset (diff->added + b0, 1, b1 - b0);
      return;
    }
  if (b0 == b1)
    {
      memset (diff->removed + a0, 1, a1 - a0);
      return;
    }
  split_point (diff, a0, a1, b0, b1, &sx, &sy);
  if ((sx == 0 && sy == 0) || (sx == a1 - a0 && sy == b1 - b0))
    {
      memset (diff->removed + a0, 1, a1 - a0);
      memset (diff->added + b0, 1, b1 - b0);
      return;
    }
  compare (diff, a0, a0 + sx, b0, b0 + sy);
  compare (diff, a0 + sx, a1, b0 + sy, b1);
}

/* Marks which of @na tokens of @a were removed and which of @nb of @b added. */
static void
diff_ids (const guint *a, int na, const guint *b, int nb, guint8 *removed, guint8 *added)
{
  Diff diff = { a, b, removed, added, NULL, NULL, 0 };
  int size = na + nb + 4;

  diff.vmid = nb + 1;
  diff.vf = g_new0 (int, size);
  diff.vb = g_new0 (int, size);
  compare (&diff, 0, na, 0, nb);
  g_free (diff.vf);
  g_free (diff.vb);
}

/* ---- chunks ------------------------------------------------------------------------------- */

static void
append_chunk (GPtrArray *chunks, ToaDiffOp op, const char *text, gsize len)
{
  ToaDiffChunk *last = chunks->len > 0 ? g_ptr_array_index (chunks, chunks->len - 1) : NULL;

  if (len == 0)
    return;
  if (last != NULL && last->op == op)
    {
      gsize old = strlen (last->text);

      last->text = g_realloc (last->text, old + len + 1);
      memcpy (last->text + old, text, len);
      last->text[old + len] = '\0';
      return;
    }
  last = g_new0 (ToaDiffChunk, 1);
  last->op = op;
  last->text = g_strndup (text, len);
  g_ptr_array_add (chunks, last);
}

static GPtrArray *absorb_spaces (GPtrArray *chunks);

GPtrArray *
toa_word_diff (const char *old_text, const char *new_text)
{
  g_autoptr(GArray) old_tokens = tokenize (old_text);
  g_autoptr(GArray) new_tokens = tokenize (new_text);
  Interner interner = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  g_autofree guint *a = intern (&interner, old_tokens);
  g_autofree guint *b = intern (&interner, new_tokens);
  g_autofree guint8 *removed = g_new0 (guint8, old_tokens->len + 1);
  g_autofree guint8 *added = g_new0 (guint8, new_tokens->len + 1);
  GPtrArray *chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_diff_chunk_free);
  guint i = 0, j = 0;

  g_hash_table_unref (interner.ids);
  diff_ids (a, old_tokens->len, b, new_tokens->len, removed, added);

  while (i < old_tokens->len || j < new_tokens->len)
    {
      if (i < old_tokens->len && removed[i])
        {
          const Token *t = &g_array_index (old_tokens, Token, i++);

          append_chunk (chunks, TOA_DIFF_DELETED, t->space, t->space_len + t->len);
        }
      else if (j < new_tokens->len && added[j])
        {
          const Token *t = &g_array_index (new_tokens, Token, j++);

          append_chunk (chunks, TOA_DIFF_INSERTED, t->space, t->space_len + t->len);
        }
      else
        {
          const Token *o = &g_array_index (old_tokens, Token, i);
          const Token *t = &g_array_index (new_tokens, Token, j);

          g_assert (i < old_tokens->len && j < new_tokens->len);
          if (o->space_len == t->space_len && memcmp (o->space, t->space, t->space_len) == 0)
            append_chunk (chunks, TOA_DIFF_SAME, t->space, t->space_len + t->len);
          else
            {
              append_chunk (chunks, TOA_DIFF_DELETED, o->space, o->space_len);
              append_chunk (chunks, TOA_DIFF_INSERTED, t->space, t->space_len);
              append_chunk (chunks, TOA_DIFF_SAME, t->start, t->len);
            }
          i++, j++;
        }
    }
  return absorb_spaces (chunks);
}

static gboolean
is_blank_on_one_line (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) || *p == '\n')
      return FALSE;
  return TRUE;
}

static void
flush_change (GPtrArray *out, GString *deleted, GString *inserted)
{
  gsize common = 0;

  /* the space both sides start with is no change */
  while (deleted->len > 0 && inserted->len > 0 && common < deleted->len && common < inserted->len
         && deleted->str[common] == inserted->str[common] && g_ascii_isspace (deleted->str[common]))
    common++;
  append_chunk (out, TOA_DIFF_SAME, deleted->str, common);
  g_string_erase (deleted, 0, common);
  g_string_erase (inserted, 0, common);
  append_chunk (out, TOA_DIFF_DELETED, deleted->str, deleted->len);
  append_chunk (out, TOA_DIFF_INSERTED, inserted->str, inserted->len);
  g_string_truncate (deleted, 0);
  g_string_truncate (inserted, 0);
}

/* For reading: a space between two changes joins them, so "tăng tốc" → "đẩy mạnh" reads
 * [-tăng tốc-]{+đẩy mạnh+}, not syllable by syllable. Both texts still come back whole. */
static GPtrArray *
absorb_spaces (GPtrArray *chunks)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_diff_chunk_free);
  g_autoptr(GString) deleted = g_string_new (NULL);
  g_autoptr(GString) inserted = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const ToaDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->op == TOA_DIFF_DELETED)
        g_string_append (deleted, chunk->text);
      else if (chunk->op == TOA_DIFF_INSERTED)
        g_string_append (inserted, chunk->text);
      else if ((deleted->len > 0 || inserted->len > 0) && i + 1 < chunks->len
               && is_blank_on_one_line (chunk->text))
        {
          g_string_append (deleted, chunk->text);
          g_string_append (inserted, chunk->text);
        }
      else
        {
          flush_change (out, deleted, inserted);
          append_chunk (out, TOA_DIFF_SAME, chunk->text, strlen (chunk->text));
        }
    }
  flush_change (out, deleted, inserted);
  g_ptr_array_unref (chunks);
  return out;
}

char *
toa_word_diff_markup (const GPtrArray *chunks)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; chunks != NULL && i < chunks->len; i++)
    {
      const ToaDiffChunk *chunk = g_ptr_array_index ((GPtrArray *) chunks, i);

      switch (chunk->op)
        {
        case TOA_DIFF_SAME:
          g_string_append (out, chunk->text);
          break;
        case TOA_DIFF_DELETED:
          g_string_append_printf (out, "[-%s-]", chunk->text);
          break;
        case TOA_DIFF_INSERTED:
          g_string_append_printf (out, "{+%s+}", chunk->text);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

void
toa_word_diff_count (const GPtrArray *chunks, guint *deleted, guint *inserted)
{
  guint del = 0, ins = 0;

  for (guint i = 0; chunks != NULL && i < chunks->len; i++)
    {
      const ToaDiffChunk *chunk = g_ptr_array_index ((GPtrArray *) chunks, i);
      g_autoptr(GArray) tokens = NULL;
      guint words = 0;

      if (chunk->op == TOA_DIFF_SAME)
        continue;
      tokens = tokenize (chunk->text);
      for (guint t = 0; t < tokens->len; t++)
        if (char_class (g_utf8_get_char (g_array_index (tokens, Token, t).start)) == CLASS_WORD)
          words++;
      if (chunk->op == TOA_DIFF_DELETED)
        del += words;
      else
        ins += words;
    }
  if (deleted != NULL)
    *deleted = del;
  if (inserted != NULL)
    *inserted = ins;
}

/* ---- three-way merge of HTML bodies by block ---------------------------------------------- */

static gboolean
is_void_element (const char *name, gsize len)
{
  static const char *const voids[] = { "area", "base", "br", "col", "embed", "hr", "img", "input",
                                       "link", "meta", "source", "track", "wbr", NULL };

  for (guint i = 0; voids[i] != NULL; i++)
    if (strlen (voids[i]) == len && g_ascii_strncasecmp (voids[i], name, len) == 0)
      return TRUE;
  return FALSE;
}

/* Splits @html into its top-level pieces: each element at depth 0 with its content, and
 * each run of text between them (white space between blocks is dropped). Good enough for
 * the well-formed HTML the sanitiser and the editor produce; never reads past the end. */
static GPtrArray *
html_blocks (const char *html)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func (g_free);
  const char *p = html != NULL ? html : "";
  const char *block = NULL;
  int depth = 0;

  while (*p != '\0')
    {
      if (*p == '<' && g_str_has_prefix (p, "<!--"))
        {
          const char *end = strstr (p + 4, "-->");

          if (block == NULL)
            block = p;
          p = end != NULL ? end + 3 : p + strlen (p);
        }
      else if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/'))
        {
          gboolean closing = p[1] == '/';
          const char *name = p + (closing ? 2 : 1);
          const char *q = name;
          gsize name_len;
          char quote = 0;

          while (g_ascii_isalnum (*q) || *q == '-')
            q++;
          name_len = q - name;
          while (*q != '\0' && (quote != 0 || *q != '>'))
            {
              if (quote != 0 && *q == quote)
                quote = 0;
              else if (quote == 0 && (*q == '"' || *q == '\''))
                quote = *q;
              q++;
            }
          if (block == NULL)
            block = p;
          if (closing)
            depth = depth > 0 ? depth - 1 : 0;
          else if (!is_void_element (name, name_len) && !(q > p && q[-1] == '/'))
            depth++;
          p = *q != '\0' ? q + 1 : q;
          if (depth == 0)
            {
              g_ptr_array_add (blocks, g_strndup (block, p - block));
              block = NULL;
            }
        }
      else if (depth == 0 && block == NULL && g_ascii_isspace (*p))
        p++;
      else
        {
          if (block == NULL)
            block = p;
          p++;
          if (depth == 0 && (*p == '\0' || *p == '<'))
            {
              g_autofree char *text = g_strndup (block, p - block);

              g_strchomp (text);
              if (*text != '\0')
                g_ptr_array_add (blocks, g_steal_pointer (&text));
              block = NULL;
            }
        }
    }
  if (block != NULL)
    g_ptr_array_add (blocks, g_strdup (block));
  return blocks;
}

/* For each block of @from, the index of the block of @to it stays as, or -1. */
static int *
block_map (Interner *interner, GPtrArray *from, GPtrArray *to)
{
  g_autofree guint *a = g_new (guint, from->len + 1);
  g_autofree guint *b = g_new (guint, to->len + 1);
  g_autofree guint8 *removed = g_new0 (guint8, from->len + 1);
  g_autofree guint8 *added = g_new0 (guint8, to->len + 1);
  int *map = g_new (int, from->len + 1);
  guint j = 0;

  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *blocks = pass == 0 ? from : to;
      guint *ids = pass == 0 ? a : b;

      for (guint i = 0; i < blocks->len; i++)
        {
          const char *key = g_ptr_array_index (blocks, i);
          gpointer value;

          if (!g_hash_table_lookup_extended (interner->ids, key, NULL, &value))
            {
              value = GUINT_TO_POINTER (g_hash_table_size (interner->ids) + 1);
              g_hash_table_insert (interner->ids, g_strdup (key), value);
            }
          ids[i] = GPOINTER_TO_UINT (value);
        }
    }
  diff_ids (a, from->len, b, to->len, removed, added);
  for (guint i = 0; i < from->len; i++)
    {
      if (removed[i])
        {
          map[i] = -1;
          continue;
        }
      while (j < to->len && added[j])
        j++;
      map[i] = (int) j++;
    }
  map[from->len] = (int) to->len;
  return map;
}

static gboolean
same_blocks (GPtrArray *x, guint x0, guint x1, GPtrArray *y, guint y0, guint y1)
{
  if (x1 - x0 != y1 - y0)
    return FALSE;
  for (guint i = 0; i < x1 - x0; i++)
    if (g_strcmp0 (g_ptr_array_index (x, x0 + i), g_ptr_array_index (y, y0 + i)) != 0)
      return FALSE;
  return TRUE;
}

static void
emit_blocks (GPtrArray *out, GPtrArray *blocks, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    g_ptr_array_add (out, g_ptr_array_index (blocks, i));
}

char *
toa_merge_html (const char *base, const char *mine, const char *theirs, guint *conflicts)
{
  g_autoptr(GPtrArray) base_blocks = html_blocks (base != NULL ? base : "");
  g_autoptr(GPtrArray) mine_blocks = html_blocks (mine);
  g_autoptr(GPtrArray) theirs_blocks = html_blocks (theirs);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Interner interner = { ids };
  g_autofree int *to_mine = NULL;
  g_autofree int *to_theirs = NULL;
  guint n_conflicts = 0;
  guint ib = 0, im = 0, it = 0;

  if (base == NULL)
    {
      /* Two-way: what both have stays; every differing region keeps both sides. */
      g_autofree int *map = block_map (&interner, mine_blocks, theirs_blocks);

      for (guint i = 0; i <= mine_blocks->len;)
        {
          guint k = i;

          while (k < mine_blocks->len && map[k] < 0)
            k++;
          if (k > i || (guint) map[k] > it)
            {
              emit_blocks (out, mine_blocks, i, k);
              emit_blocks (out, theirs_blocks, it, map[k]);
              n_conflicts++;
            }
          if (k == mine_blocks->len)
            break;
          g_ptr_array_add (out, g_ptr_array_index (mine_blocks, k));
          it = map[k] + 1;
          i = k + 1;
        }
    }
  else
    {
      to_mine = block_map (&interner, base_blocks, mine_blocks);
      to_theirs = block_map (&interner, base_blocks, theirs_blocks);

      for (;;)
        {
          guint k, em, et;
          gboolean mine_changed, theirs_changed;

          while (ib < base_blocks->len && to_mine[ib] == (int) im && to_theirs[ib] == (int) it)
            {
              g_ptr_array_add (out, g_ptr_array_index (base_blocks, ib));
              ib++, im++, it++;
            }
          if (ib == base_blocks->len && im == mine_blocks->len && it == theirs_blocks->len)
            break;
          /* the next block both sides kept (the end counts as one) */
          for (k = ib; k < base_blocks->len && (to_mine[k] < 0 || to_theirs[k] < 0); k++)
            ;
          em = to_mine[k];
          et = to_theirs[k];
          mine_changed = !same_blocks (base_blocks, ib, k, mine_blocks, im, em);
          theirs_changed = !same_blocks (base_blocks, ib, k, theirs_blocks, it, et);
          if (!mine_changed)
            emit_blocks (out, theirs_blocks, it, et);
          else if (!theirs_changed || same_blocks (mine_blocks, im, em, theirs_blocks, it, et))
            emit_blocks (out, mine_blocks, im, em);
          else
            {
              emit_blocks (out, mine_blocks, im, em);
              emit_blocks (out, theirs_blocks, it, et);
              n_conflicts++;
            }
          ib = k, im = em, it = et;
        }
    }

  if (conflicts != NULL)
    *conflicts = n_conflicts;
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("\n", (char **) out->pdata);
}
