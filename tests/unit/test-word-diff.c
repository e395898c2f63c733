/* test-word-diff.c — word differences (toa_word_diff) and the three-way merge of bodies
 * (toa_merge_html): Vietnamese syllables stay whole, both texts come back from the chunks,
 * the script is minimal on small cases, 20,000 words are fast, and merges keep everything. */
#include "config.h"

#include <string.h>

#include "toa-word-diff.h"

static char *
rebuild (GPtrArray *chunks, ToaDiffOp skip)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < chunks->len; i++)
    {
      const ToaDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->op != skip)
        g_string_append (out, chunk->text);
    }
  return g_string_free (out, FALSE);
}

static void
assert_roundtrip (const char *old_text, const char *new_text)
{
  g_autoptr(GPtrArray) chunks = toa_word_diff (old_text, new_text);
  g_autofree char *old_again = rebuild (chunks, TOA_DIFF_INSERTED);
  g_autofree char *new_again = rebuild (chunks, TOA_DIFF_DELETED);

  g_assert_cmpstr (old_again, ==, old_text);
  g_assert_cmpstr (new_again, ==, new_text);
  /* adjacent chunks of one kind are merged */
  for (guint i = 1; i < chunks->len; i++)
    g_assert_cmpint (((ToaDiffChunk *) chunks->pdata[i - 1])->op, !=, ((ToaDiffChunk *) chunks->pdata[i])->op);
}

static char *
markup (const char *old_text, const char *new_text)
{
  g_autoptr(GPtrArray) chunks = toa_word_diff (old_text, new_text);

  return toa_word_diff_markup (chunks);
}

static void
test_vietnamese_words (void)
{
  g_autofree char *a = markup ("Tỉnh Bình Phước tăng tốc chuyển đổi số.",
                               "Tỉnh Bình Phước đẩy mạnh chuyển đổi số năm 2025.");
  g_autofree char *b = markup ("Phước", "Phuoc");
  g_autofree char *c = markup ("Sở Y tế", "Sở Y tế");

  /* a changed syllable is replaced whole, never letter by letter */
  g_assert_cmpstr (a, ==, "Tỉnh Bình Phước [-tăng tốc-]{+đẩy mạnh+} chuyển đổi số{+ năm 2025+}.");
  g_assert_cmpstr (b, ==, "[-Phước-]{+Phuoc+}");
  g_assert_cmpstr (c, ==, "Sở Y tế");
}

static void
test_edges (void)
{
  g_autoptr(GPtrArray) empty = toa_word_diff ("", "");
  g_autoptr(GPtrArray) null = toa_word_diff (NULL, NULL);
  g_autofree char *added = markup ("", "Tin mới");
  g_autofree char *removed = markup ("Tin cũ", "");
  g_autofree char *punct = markup ("Hà Nội, ngày 5", "Hà Nội; ngày 6");
  guint del = 0, ins = 0;
  g_autoptr(GPtrArray) counted = toa_word_diff ("một hai ba bốn", "một năm ba sáu bảy");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (null->len, ==, 0);
  g_assert_cmpstr (added, ==, "{+Tin mới+}");
  g_assert_cmpstr (removed, ==, "[-Tin cũ-]");
  g_assert_cmpstr (punct, ==, "Hà Nội[-,-]{+;+} ngày [-5-]{+6+}");
  toa_word_diff_count (counted, &del, &ins);
  g_assert_cmpuint (del, ==, 2);
  g_assert_cmpuint (ins, ==, 3);

  assert_roundtrip ("", "a");
  assert_roundtrip ("a b c", "");
  assert_roundtrip ("  đầu  và   cuối  ", "đầu và cuối");
  assert_roundtrip ("x\n\ny", "x\ny\n\nz");
}

/* The number of changed tokens is the minimum (LCS) on small random texts. */
static guint
lcs_length (const char *const *a, guint na, const char *const *b, guint nb)
{
  g_autofree guint *row = g_new0 (guint, (na + 1) * (nb + 1));

  for (guint i = 1; i <= na; i++)
    for (guint j = 1; j <= nb; j++)
      row[i * (nb + 1) + j] = g_str_equal (a[i - 1], b[j - 1])
                              ? row[(i - 1) * (nb + 1) + j - 1] + 1
                              : MAX (row[(i - 1) * (nb + 1) + j], row[i * (nb + 1) + j - 1]);
  return row[na * (nb + 1) + nb];
}

static void
test_minimal_random (void)
{
  static const char *const words[] = { "tin", "bài", "ảnh", "sở", "xã", "huyện", "phường", "ấp" };
  GRand *rand = g_rand_new_with_seed (20251123);

  for (guint round = 0; round < 2000; round++)
    {
      guint alphabet = g_rand_int_range (rand, 2, G_N_ELEMENTS (words) + 1);
      guint na = g_rand_int_range (rand, 0, 40), nb = g_rand_int_range (rand, 0, 40);
      const char *a[41], *b[41];
      g_autofree char *ta = NULL, *tb = NULL;
      g_autoptr(GPtrArray) chunks = NULL;
      guint del = 0, ins = 0;

      for (guint i = 0; i < na; i++)
        a[i] = words[g_rand_int_range (rand, 0, alphabet)];
      for (guint i = 0; i < nb; i++)
        b[i] = words[g_rand_int_range (rand, 0, alphabet)];
      a[na] = b[nb] = NULL;
      ta = g_strjoinv (" ", (char **) a);
      tb = g_strjoinv (" ", (char **) b);
      assert_roundtrip (ta, tb);
      chunks = toa_word_diff (ta, tb);
      toa_word_diff_count (chunks, &del, &ins);
      g_assert_cmpuint (del, ==, na - lcs_length (a, na, b, nb));
      g_assert_cmpuint (ins, ==, nb - lcs_length (a, na, b, nb));
    }
  g_rand_free (rand);
}

static char *
long_text (guint words, guint seed)
{
  static const char *const syllables[] = { "tỉnh", "Bình", "Phước", "chuyển", "đổi", "số",
                                           "người", "dân", "doanh", "nghiệp", "cổng", "thông",
                                           "tin", "điện", "tử", "năm", "kế", "hoạch" };
  GString *out = g_string_new (NULL);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < words; i++)
    {
      g_string_append (out, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
      g_string_append_c (out, i % 17 == 16 ? '.' : ' ');
    }
  g_rand_free (rand);
  return g_string_free (out, FALSE);
}

static void
test_speed_20000_words (void)
{
  g_autofree char *old_text = long_text (20000, 1);
  GString *edited = g_string_new (old_text);
  g_autofree char *new_text = NULL;
  g_autofree char *other = long_text (20000, 2);
  gint64 start;
  double edited_ms, unrelated_ms;

  /* a proofreader's pass: a change every ~200 words */
  for (gsize at = 1000; at < edited->len; at += 1500)
    {
      while (at < edited->len && edited->str[at] != ' ')
        at++;
      g_string_insert (edited, at, " đã sửa");
    }
  new_text = g_string_free (edited, FALSE);

  start = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) chunks = toa_word_diff (old_text, new_text);
    guint del = 1, ins = 0;

    toa_word_diff_count (chunks, &del, &ins);
    g_assert_cmpuint (del, ==, 0);
    g_assert_cmpuint (ins, >, 100);
  }
  edited_ms = (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  assert_roundtrip (old_text, other);
  unrelated_ms = (g_get_monotonic_time () - start) / 1000.0;

  g_test_message ("20,000 words: proofread %.1f ms, unrelated texts %.1f ms", edited_ms, unrelated_ms);
  g_assert_cmpfloat (edited_ms, <, 500);
  g_assert_cmpfloat (unrelated_ms, <, 5000);
}

/* ---- merge ---------------------------------------------------------------------------------- */

#define BASE "<p>Một</p>\n<p>Hai</p>\n<p>Ba</p>\n<p>Bốn</p>"

static void
test_merge_one_side (void)
{
  guint conflicts = 99;
  g_autofree char *merged = toa_merge_html (BASE,
                                            "<p>Một đã sửa</p><p>Hai</p><p>Ba</p><p>Bốn</p>",
                                            "<p>Một</p><p>Hai</p><p>Ba</p><p>Bốn đã sửa</p><p>Năm</p>",
                                            &conflicts);

  g_assert_cmpuint (conflicts, ==, 0);
  g_assert_cmpstr (merged, ==, "<p>Một đã sửa</p>\n<p>Hai</p>\n<p>Ba</p>\n<p>Bốn đã sửa</p>\n<p>Năm</p>");
}

static void
test_merge_conflict (void)
{
  guint conflicts = 0;
  g_autofree char *merged = toa_merge_html (BASE,
                                            "<p>Một</p><p>Hai (tôi)</p><p>Ba</p><p>Bốn</p>",
                                            "<p>Một</p><p>Hai (họ)</p><p>Ba</p>",
                                            &conflicts);

  /* both changed "Hai": both kept, mine first; theirs deleted "Bốn", mine kept it as it
   * was: deleted */
  g_assert_cmpstr (merged, ==, "<p>Một</p>\n<p>Hai (tôi)</p>\n<p>Hai (họ)</p>\n<p>Ba</p>");
  g_assert_cmpuint (conflicts, ==, 1);
}

static void
test_merge_conflict_count (void)
{
  guint conflicts = 0;
  g_autofree char *merged = toa_merge_html (BASE,
                                            "<p>Một (tôi)</p><p>Hai</p><p>Ba (tôi)</p><p>Bốn</p>",
                                            "<p>Một (họ)</p><p>Hai</p><p>Ba (họ)</p><p>Bốn</p>",
                                            &conflicts);
  g_autofree char *same = toa_merge_html (BASE, "<p>Một</p><p>X</p><p>Ba</p><p>Bốn</p>",
                                          "<p>Một</p><p>X</p><p>Ba</p><p>Bốn</p>", NULL);

  g_assert_cmpuint (conflicts, ==, 2);
  g_assert_nonnull (strstr (merged, "Một (tôi)"));
  g_assert_nonnull (strstr (merged, "Một (họ)"));
  g_assert_nonnull (strstr (merged, "Ba (tôi)"));
  g_assert_nonnull (strstr (merged, "Ba (họ)"));
  /* the same change on both sides is no conflict */
  g_assert_cmpstr (same, ==, "<p>Một</p>\n<p>X</p>\n<p>Ba</p>\n<p>Bốn</p>");
}

static void
test_merge_blocks (void)
{
  const char *mine = "<h2>Tít</h2><figure class=\"toa-image\"><img src=\"toasoan://media/ab\" alt=\"Ảnh\" width=\"10\" height=\"5\">"
                     "<figcaption><span class=\"toa-caption\">Chú thích</span></figcaption></figure>"
                     "<ul><li>một</li><li>hai</li></ul><hr><table><tr><td>1</td></tr></table><p>Cuối <b>đậm</b></p>";
  guint conflicts = 9;
  g_autofree char *merged = toa_merge_html (mine, mine, mine, &conflicts);
  g_autofree char *no_base = NULL;

  g_assert_cmpuint (conflicts, ==, 0);
  /* six blocks, each whole */
  g_assert_cmpstr (merged, ==,
                   "<h2>Tít</h2>\n<figure class=\"toa-image\"><img src=\"toasoan://media/ab\" alt=\"Ảnh\" width=\"10\" height=\"5\">"
                   "<figcaption><span class=\"toa-caption\">Chú thích</span></figcaption></figure>\n"
                   "<ul><li>một</li><li>hai</li></ul>\n<hr>\n<table><tr><td>1</td></tr></table>\n<p>Cuối <b>đậm</b></p>");

  /* without a base every differing block is a conflict, nothing lost */
  no_base = toa_merge_html (NULL, "<p>A</p><p>B</p><p>C</p>", "<p>A</p><p>B2</p><p>C</p><p>D</p>", &conflicts);
  g_assert_cmpuint (conflicts, ==, 2);
  g_assert_cmpstr (no_base, ==, "<p>A</p>\n<p>B</p>\n<p>B2</p>\n<p>C</p>\n<p>D</p>");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/word-diff/vietnamese", test_vietnamese_words);
  g_test_add_func ("/word-diff/edges", test_edges);
  g_test_add_func ("/word-diff/minimal", test_minimal_random);
  g_test_add_func ("/word-diff/speed", test_speed_20000_words);
  g_test_add_func ("/merge/one-side", test_merge_one_side);
  g_test_add_func ("/merge/conflict", test_merge_conflict);
  g_test_add_func ("/merge/conflict-count", test_merge_conflict_count);
  g_test_add_func ("/merge/blocks", test_merge_blocks);
  return g_test_run ();
}
