/* test-images.c — images in articles: the limits come from the board settings; an image is
 * recognised by its bytes (not its name), oversize, damaged, unsupported and "decompression
 * bomb" files are refused with a message, wide images are scaled down, small ones kept byte
 * for byte, thumbnails made, also off the main thread; storing links the image to the article
 * once, with rights and an audit record; the toasoan:// addresses give the bytes back and
 * never another stored file. Runs on SQLite and (TOA_TEST_PG=1) on PostgreSQL. */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "toa-attachments.h"
#include "toa-error.h"
#include "toa-images.h"
#include "toa-test-board.h"

static GBytes *
make_image (int width, int height, const char *type, gboolean alpha)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize size = 0;

  /* a gradient, so that scaling and encoding have something to do */
  for (int y = 0; y < height; y++)
    {
      guchar *row = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf);

      for (int x = 0; x < width; x++)
        {
          guchar *p = row + x * gdk_pixbuf_get_n_channels (pixbuf);

          p[0] = (guchar) (x * 255 / width);
          p[1] = (guchar) (y * 255 / height);
          p[2] = 128;
          if (alpha)
            p[3] = 200;
        }
    }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL));
  g_assert_no_error (error);
  return g_bytes_new_take (buffer, size);
}

static void
get_limits (ToaTestBoard *board, ToaImageLimits *limits)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (toa_image_limits_get (board->store, limits, &error));
  g_assert_no_error (error);
}

static void
test_limits_are_settings (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  ToaImageLimits limits;

  get_limits (board, &limits);
  g_assert_cmpuint (limits.max_bytes, ==, 15728640);
  g_assert_cmpint (limits.max_width, ==, 1920);
  g_assert_cmpint (limits.thumb_width, ==, 320);
  g_assert_cmpint (limits.max_pixels, ==, 100000000);

  g_assert_true (toa_store_board_setting_set (board->store, "image_max_width", "800", "test", &error));
  get_limits (board, &limits);
  g_assert_cmpint (limits.max_width, ==, 800);
  g_assert_true (toa_store_board_setting_set (board->store, "image_max_width", "wide", "test", &error));
  g_assert_false (toa_image_limits_get (board->store, &limits, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "image_max_width"));
}

static void
test_prepare_small_kept (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) png = make_image (400, 300, "png", TRUE);
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  ToaImageLimits limits;

  get_limits (board, &limits);
  /* the name says JPEG, the bytes say PNG: the bytes win */
  image = toa_image_prepare (png, "/tmp/anh-chup.jpg", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->media_type, ==, "image/png");
  g_assert_true (g_bytes_equal (image->data, png));
  g_assert_cmpstr (image->sha256, ==, sha);
  g_assert_cmpint (image->width, ==, 400);
  g_assert_cmpint (image->height, ==, 300);
  g_assert_nonnull (image->thumb_data);
  {
    g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
    GdkPixbuf *thumb;

    g_assert_true (gdk_pixbuf_loader_write_bytes (loader, image->thumb_data, &error));
    g_assert_true (gdk_pixbuf_loader_close (loader, &error));
    thumb = gdk_pixbuf_loader_get_pixbuf (loader);
    g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 320);
    g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 240);
  }
}

static void
test_prepare_wide_scaled (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) jpeg = make_image (2400, 1200, "jpeg", FALSE);
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  ToaImageLimits limits;

  get_limits (board, &limits);
  image = toa_image_prepare (jpeg, "le-hoi.jpg", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->media_type, ==, "image/jpeg");
  g_assert_cmpint (image->width, ==, 1920);
  g_assert_cmpint (image->height, ==, 960);
  g_assert_false (g_bytes_equal (image->data, jpeg));
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, image->data);
  g_assert_cmpstr (image->sha256, ==, sha);
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (image->data, NULL))[0], ==, 0xFF);
}

static void
assert_refused (GBytes *data, const ToaImageLimits *limits, const char *part)
{
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GError) error = NULL;

  image = toa_image_prepare (data, "hinh.png", limits, &error);
  g_assert_null (image);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "hinh.png"));
  if (part != NULL && strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static void
test_prepare_refused (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("<html><script>alert(1)</script></html>", 38);
  g_autoptr(GBytes) svg = g_bytes_new_static ("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) png = make_image (1000, 800, "png", FALSE);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) / 2);
  g_autoptr(GBytes) jpeg = make_image (1000, 800, "jpeg", FALSE);
  g_autoptr(GBytes) cut_jpeg = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr(GBytes) webp = g_bytes_new_static ("RIFF\x10\0\0\0WEBPVP8 ....", 20);
  g_autoptr(GdkPixbufLoader) webp_loader = NULL;
  ToaImageLimits limits, small;

  get_limits (board, &limits);
  assert_refused (text, &limits, "JPEG, PNG, GIF or WebP");
  assert_refused (svg, &limits, "JPEG, PNG, GIF or WebP");
  assert_refused (empty, &limits, "empty");
  assert_refused (truncated, &limits, "damaged");
  assert_refused (cut_jpeg, &limits, "damaged");
  /* no WebP loader here: said so; with one, this header alone is damaged */
  webp_loader = gdk_pixbuf_loader_new_with_mime_type ("image/webp", NULL);
  assert_refused (webp, &limits, webp_loader == NULL ? "image/webp cannot be read" : "damaged");
  if (webp_loader != NULL)
    gdk_pixbuf_loader_close (webp_loader, NULL);

  small = limits;
  small.max_bytes = g_bytes_get_size (png) - 1;
  assert_refused (png, &small, "image_max_bytes");
  small = limits;
  small.max_pixels = 1000 * 800 - 1;
  assert_refused (png, &small, "1000 × 800");
}

static void
on_prepared (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ToaPreparedImage **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = toa_image_prepare_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_prepare_async (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) png = make_image (3000, 1500, "png", FALSE);
  g_autoptr(ToaPreparedImage) image = NULL;
  ToaImageLimits limits;

  get_limits (board, &limits);
  toa_image_prepare_async (png, "banner.png", &limits, NULL, on_prepared, &image);
  while (image == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (image->width, ==, 1920);
  g_assert_cmpint (image->height, ==, 960);
  g_assert_cmpstr (image->media_type, ==, "image/png");
}

static ToaPreparedImage *
prepared (ToaTestBoard *board, int width, int height)
{
  g_autoptr(GBytes) png = make_image (width, height, "png", FALSE);
  g_autoptr(GError) error = NULL;
  ToaPreparedImage *image;
  ToaImageLimits limits;

  get_limits (board, &limits);
  image = toa_image_prepare (png, "/home/bientap/Ảnh/cầu-đồng-xoài.png", &limits, &error);
  g_assert_no_error (error);
  return image;
}

static guint
count_audit (ToaTestBoard *board, const char *action)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  records = toa_store_audit_list (board->store, 0, 100000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    if (g_str_equal (((ToaAuditRecord *) records->pdata[i])->action, action))
      n++;
  return n;
}

static void
test_add_and_lookup (ToaTestBoard *board, gconstpointer data)
{
  gint64 article = toa_test_board_article (board, "tin", NULL, NULL);
  g_autoptr(ToaPreparedImage) image = prepared (board, 640, 480);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) media = NULL;
  g_autoptr(GBytes) thumb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *thumb_type = NULL;
  g_autofree char *path = g_strconcat ("media/", image->sha256, NULL);
  g_autofree char *thumb_path = g_strconcat ("toasoan://thumb/", image->sha256, NULL);
  ToaPerson *editor = toa_test_board_person (board, "editor");
  const ToaArticleImage *row;

  g_assert_true (toa_images_add (board->store, editor, article, image, &error));
  g_assert_no_error (error);
  /* the same image again: stored and linked once */
  g_assert_true (toa_images_add (board->store, editor, article, image, &error));
  g_assert_no_error (error);

  list = toa_images_list (board->store, article, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  row = list->pdata[0];
  g_assert_cmpstr (row->sha256, ==, image->sha256);
  g_assert_cmpstr (row->thumb_sha256, ==, image->thumb_sha256);
  g_assert_cmpint (row->width, ==, 640);
  g_assert_cmpint (row->height, ==, 480);
  g_assert_cmpstr (row->file_name, ==, "cầu-đồng-xoài.png");
  g_assert_cmpstr (row->media_type, ==, "image/png");
  g_assert_cmpint (row->size, ==, (gint64) g_bytes_get_size (image->data));
  g_assert_cmpint (row->added_by, ==, editor->id);
  g_assert_cmpstr (row->added_by_name, ==, editor->full_name);
  g_assert_cmpuint (count_audit (board, "article.image.add"), ==, 2);

  media = toa_images_lookup (board->store, path, &media_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (media, image->data));
  g_assert_cmpstr (media_type, ==, "image/png");
  thumb = toa_images_lookup (board->store, thumb_path, &thumb_type, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (thumb, image->thumb_data));
  g_assert_cmpstr (thumb_type, ==, "image/jpeg");
}

static void
test_add_refused (ToaTestBoard *board, gconstpointer data)
{
  gint64 article = toa_test_board_article (board, "tin", NULL, NULL);
  g_autoptr(ToaPreparedImage) image = prepared (board, 100, 50);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat ("media/", image->sha256, NULL);
  g_autofree char *saved_sha = NULL;
  guint audits = count_audit (board, "article.image.add");

  /* no right to edit articles: nothing stored, nothing audited */
  g_assert_false (toa_images_add (board->store, toa_test_board_person (board, "accountant"), article,
                                  image, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (toa_images_lookup (board->store, path, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* no such article */
  g_assert_false (toa_images_add (board->store, toa_test_board_person (board, "editor"), 999999,
                                  image, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* changed after the check */
  saved_sha = image->sha256;
  image->sha256 = g_strdup (image->thumb_sha256);
  g_assert_false (toa_images_add (board->store, toa_test_board_person (board, "editor"), article,
                                  image, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  g_free (image->sha256);
  image->sha256 = g_steal_pointer (&saved_sha);

  list = toa_images_list (board->store, article, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpuint (count_audit (board, "article.image.add"), ==, audits);
  g_assert_null (toa_images_list (board->store, 999999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
}

static void
test_lookup_only_images (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) letter = g_bytes_new_static ("%PDF-1.4 công văn", 19);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, letter);
  g_autofree char *path = g_strconcat ("media/", sha, NULL);
  g_autofree char *upper = g_ascii_strup (path, -1);
  g_autoptr(GError) error = NULL;
  const char *bad[] = { "media/", "media/abc", "thumb/../../etc/passwd", "editor/index.html", "", NULL };

  /* a letter received with an item is a stored file, but not an image of any article */
  g_assert_true (toa_store_stored_file_put (board->store, sha, "application/pdf", letter, &error));
  g_assert_no_error (error);
  g_assert_null (toa_images_lookup (board->store, path, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_images_lookup (board->store, upper, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_assert_null (toa_images_lookup (board->store, bad[i], NULL, &error));
      g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }
}

static void
test_figure_html (void)
{
  g_autofree char *plain = toa_image_figure_html ("ab12", 640, 480, "Cầu \"Đồng Xoài\" <mới>", NULL, NULL);
  g_autofree char *full = toa_image_figure_html ("ab12", 640, 480, "Cầu", "Cầu mới & đẹp", "Ảnh: Minh Trí");

  g_assert_cmpstr (plain, ==,
                   "<figure class=\"toa-image\"><img src=\"toasoan://media/ab12\" "
                   "alt=\"Cầu &quot;Đồng Xoài&quot; &lt;mới&gt;\" width=\"640\" height=\"480\"></figure>");
  g_assert_cmpstr (full, ==,
                   "<figure class=\"toa-image\"><img src=\"toasoan://media/ab12\" alt=\"Cầu\" "
                   "width=\"640\" height=\"480\"><figcaption><span class=\"toa-caption\">Cầu mới &amp; đẹp</span> "
                   "<span class=\"toa-credit\">Ảnh: Minh Trí</span></figcaption></figure>");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/images/" path, ToaTestBoard, NULL, toa_test_board_set_up, fn, toa_test_board_tear_down)
  ADD ("limits-are-settings", test_limits_are_settings);
  ADD ("prepare-small-kept", test_prepare_small_kept);
  ADD ("prepare-wide-scaled", test_prepare_wide_scaled);
  ADD ("prepare-refused", test_prepare_refused);
  ADD ("prepare-async", test_prepare_async);
  ADD ("add-and-lookup", test_add_and_lookup);
  ADD ("add-refused", test_add_refused);
  ADD ("lookup-only-images", test_lookup_only_images);
#undef ADD
  g_test_add_func ("/images/figure-html", test_figure_html);
  return g_test_run ();
}
