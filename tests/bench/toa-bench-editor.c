/* toa-bench-editor.c — the editor part of the benchmark (issue 5 point 9): a 20,000-word
 * Vietnamese article with 50 stored images opens in the article editor window ready to edit
 * (the page ready and the whole body loaded and counted); and an autosave's time on the main
 * thread (building the draft and handing it to the journal's thread). Prints JSON.
 *
 *   xvfb-run -a build/tests/ui/toa-bench-editor [--runs N] [--words N] [--images N]
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "toa-article-editor.h"
#include "toa-articles.h"
#include "toa-images.h"
#include "toa-ui-test-util.h"

static const char *const words[] = {
  "tỉnh", "Bình", "Phước", "triển", "khai", "chuyển", "đổi", "số", "người", "dân", "doanh",
  "nghiệp", "cơ", "quan", "nhà", "nước", "hồ", "sơ", "trực", "tuyến", "năm", "kế", "hoạch",
  "phát", "triển", "kinh", "tế", "xã", "hội", "huyện", "thị", "xã", "Đồng", "Xoài", "hội",
  "nghị", "tổng", "kết", "công", "tác", "chỉ", "đạo", "điều", "hành", "nông", "thôn", "mới",
};

static GBytes *
picture (guint i)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 400);
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, 0x204060ff + (i * 0x0b0d0700));
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL))
    g_error ("cannot make a PNG");
  return g_bytes_new_take (buffer, size);
}

/* This thread's CPU time in ms: what the main thread itself spent, without the time the
 * scheduler gave to other processes (the benchmark machine is shared). */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : -1;
}

static double
maximum (GArray *values)
{
  double max = -1;
  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

int
main (int argc, char *argv[])
{
  int runs = 5, n_words = 20000, n_images = 50;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Open the article this many times (default 5)", "N" },
    { "words", 0, 0, G_OPTION_ARG_INT, &n_words, "Words in the article (default 20000)", "N" },
    { "images", 0, 0, G_OPTION_ARG_INT, &n_images, "Images in the article (default 50)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— open a big article in the editor");
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *journal_dir = NULL;
  g_autoptr(ToaStore) store = NULL;
  g_autoptr(ToaApplication) app = NULL;
  g_autoptr(ToaPerson) editor = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaDraftJournal) journal = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loaded_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) autosave_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) autosave_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm_ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm_loaded_ms = g_array_new (FALSE, FALSE, sizeof (double));
  ToaImageLimits limits;
  guint counted = 0;
  ToaArticleDraft draft = { .section_code = "tin-tuc-su-kien", .genre = "tin",
                            .title = "Toàn văn báo cáo tổng kết công tác năm 2026", .body_len = -1 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_set_prgname ("toasoan-bench-editor");
  if (!gtk_init_check ())
    {
      g_printerr ("toa-bench-editor: no display\n");
      return 77;
    }
  db_path = toa_ui_test_temp_database ("bench-editor");
  journal_dir = g_dir_make_tmp ("toa-bench-drafts-XXXXXX", NULL);
  store = toa_ui_test_board_store (db_path, "tin-tuc-su-kien");
  editor = toa_ui_test_add_person (store, "b-editor", "Người Biên tập", "editor");
  app = toa_ui_test_application ();
  journal = toa_draft_journal_new (journal_dir, toa_store_describe (store));

  draft.sapo = "Báo cáo của UBND tỉnh về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội.";
  article = toa_articles_create (store, editor, &draft, &error);
  g_assert_no_error (error);
  if (!toa_image_limits_get (store, &limits, &error))
    g_error ("%s", error->message);
  for (int i = 0; i < n_images; i++)
    {
      g_autoptr(GBytes) bytes = picture (i);
      g_autoptr(ToaPreparedImage) image = toa_image_prepare (bytes, "anh.png", &limits, &error);

      g_assert_no_error (error);
      g_assert_true (toa_images_add (store, editor, article->id, image, &error));
      g_ptr_array_add (shas, g_strdup (image->sha256));
    }
  /* paragraphs of 50 words, an image after every few */
  {
    int paragraphs = (n_words + 49) / 50;
    int step = n_images > 0 ? MAX (1, paragraphs / n_images) : 0;

    for (int w = 0, p = 0; w < n_words; p++)
      {
        g_string_append (body, "<p>");
        for (int k = 0; k < 50 && w < n_words; k++, w++)
          g_string_append_printf (body, "%s%s", k > 0 ? " " : "", words[(w * 7 + p) % G_N_ELEMENTS (words)]);
        g_string_append (body, ".</p>");
        if (step > 0 && p % step == 0 && (guint) (p / step) < shas->len)
          g_string_append_printf (body, "<figure class=\"toa-image\"><img src=\"toasoan://media/%s\" alt=\"Ảnh %d\" "
                                  "width=\"640\" height=\"400\"><figcaption><span class=\"toa-caption\">Ảnh minh họa %d"
                                  "</span> <span class=\"toa-credit\">Ảnh: Phóng viên</span></figcaption></figure>",
                                  (const char *) g_ptr_array_index (shas, p / step), p, p);
      }
  }
  g_free (article->body_html);
  article->body_html = g_strdup (body->str);
  g_assert_true (toa_articles_save (store, editor, article, NULL, &error));
  g_assert_no_error (error);

  /* cold: the first runs start a web process and load the page; warm: the page was loaded
   * ahead (toa_article_editor_prewarm, as the Articles page and the item view do) */
  for (int run = 0; run < 2 * runs; run++)
    {
      gboolean warm = run >= runs;
      gint64 start, deadline;

      if (warm)
        {
          deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
          while (!toa_article_editor_prewarm () && g_get_monotonic_time () < deadline)
            toa_ui_test_spin (20);
          toa_ui_test_spin (200);
        }
      start = g_get_monotonic_time ();
      deadline = start + 60 * G_USEC_PER_SEC;
      GtkWindow *window = toa_article_editor_new (NULL, store, editor, article->id, journal);
      ToaArticleEditor *self = TOA_ARTICLE_EDITOR (window);
      ToaEditorView *view = toa_article_editor_get_editor_view (self);
      double ready = -1;

      gtk_window_present (window);
      while (g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (NULL, FALSE);
          if (ready < 0 && toa_article_editor_get_ready (self))
            ready = ms_since (start);
          if (ready >= 0 && toa_editor_view_get_word_count (view) >= (guint) n_words * 9 / 10)
            break;
          g_usleep (500);
        }
      {
        double loaded = ms_since (start);

        g_array_append_val (warm ? warm_ready_ms : ready_ms, ready);
        g_array_append_val (warm ? warm_loaded_ms : loaded_ms, loaded);
      }
      counted = toa_editor_view_get_word_count (view);
      /* autosaves: building the draft of the whole article and handing it over */
      for (int i = 0; i < 10; i++)
        {
          gint64 t = g_get_monotonic_time ();
          double cpu = thread_cpu_ms ();
          double ms;

          toa_article_editor_record_draft (self);
          ms = ms_since (t);
          cpu = thread_cpu_ms () - cpu;
          g_array_append_val (autosave_ms, ms);
          g_array_append_val (autosave_cpu_ms, cpu);
          toa_ui_test_spin (20);
        }
      toa_draft_journal_flush (journal);
      toa_draft_journal_discard (journal, article->id);
      gtk_window_destroy (window);
      toa_ui_test_spin (200);
    }

  printf ("{\n  \"words\": %d,\n  \"images\": %d,\n  \"body_bytes\": %" G_GSIZE_FORMAT ",\n"
          "  \"words_counted_by_editor\": %u,\n  \"runs\": %d,\n"
          "  \"page_ready_ms_median\": %.1f,\n  \"open_to_loaded_ms_median\": %.1f,\n"
          "  \"open_to_loaded_ms_max\": %.1f,\n"
          "  \"prewarmed_page_ready_ms_median\": %.1f,\n  \"prewarmed_open_to_loaded_ms_median\": %.1f,\n"
          "  \"prewarmed_open_to_loaded_ms_max\": %.1f,\n  \"autosave_main_thread_ms_median\": %.3f,\n"
          "  \"autosave_main_thread_ms_max\": %.3f,\n  \"autosave_main_thread_cpu_ms_max\": %.3f\n}\n",
          n_words, n_images, body->len, counted, runs, median (ready_ms), median (loaded_ms),
          maximum (loaded_ms), median (warm_ready_ms), median (warm_loaded_ms), maximum (warm_loaded_ms),
          median (autosave_ms), maximum (autosave_ms), maximum (autosave_cpu_ms));
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_rmdir (journal_dir);
  return 0;
}
