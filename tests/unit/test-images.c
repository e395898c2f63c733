/* test-images.c — images in articles: the limits come from the board settings; an image is
 * recognised by its bytes (not its name), oversize, damaged, unsupported and "decompression
 * bomb" files are refused with a message, wide images are scaled down, small ones kept byte
 * for byte but without their metadata (EXIF with GPS, XMP, comments; the EXIF orientation
 * applied first), thumbnails made, also off the main thread; storing links the image to the
 * article once, with rights and an audit record; the toasoan:// addresses give the bytes back
 * and never another stored file. Runs on SQLite and (TOA_TEST_PG=1) on PostgreSQL. */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "toa-attachments.h"
#include "toa-error.h"
#include "toa-images.h"
#include "toa-test-board.h"

static guint
read_be16_test (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

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

/* ---- metadata written into test files ---------------------------------------------------- */

static void
put_be16 (GByteArray *out, guint value)
{
  guint8 b[2] = { (guint8) (value >> 8), (guint8) value };

  g_byte_array_append (out, b, 2);
}

static void
put_be32 (GByteArray *out, guint32 value)
{
  guint8 b[4] = { (guint8) (value >> 24), (guint8) (value >> 16), (guint8) (value >> 8), (guint8) value };

  g_byte_array_append (out, b, 4);
}

/* A JPEG segment: marker, length, @data. */
static void
put_segment (GByteArray *out, guint8 marker, const void *data, gsize length)
{
  guint8 head[2] = { 0xFF, marker };

  g_byte_array_append (out, head, 2);
  put_be16 (out, (guint) length + 2);
  g_byte_array_append (out, data, (guint) length);
}

/* An EXIF block as cameras write it: IFD0 with the orientation and a pointer to the GPS IFD,
 * which holds the latitude (11°32′N, Đồng Xoài). */
static GByteArray *
exif_block (guint orientation)
{
  GByteArray *tiff = g_byte_array_new ();

  g_byte_array_append (tiff, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (tiff, (const guint8 *) "MM\0\x2a", 4);
  put_be32 (tiff, 8);
  /* IFD0 at 8: two entries */
  put_be16 (tiff, 2);
  put_be16 (tiff, 0x0112); put_be16 (tiff, 3); put_be32 (tiff, 1); put_be16 (tiff, orientation); put_be16 (tiff, 0);
  put_be16 (tiff, 0x8825); put_be16 (tiff, 4); put_be32 (tiff, 1); put_be32 (tiff, 38);
  put_be32 (tiff, 0);
  /* GPS IFD at 38: latitude ref and latitude */
  put_be16 (tiff, 2);
  put_be16 (tiff, 0x0001); put_be16 (tiff, 2); put_be32 (tiff, 2); g_byte_array_append (tiff, (const guint8 *) "N\0\0\0", 4);
  put_be16 (tiff, 0x0002); put_be16 (tiff, 5); put_be32 (tiff, 3); put_be32 (tiff, 68);
  put_be32 (tiff, 0);
  /* the rationals at 68 */
  put_be32 (tiff, 11); put_be32 (tiff, 1);
  put_be32 (tiff, 32); put_be32 (tiff, 1);
  put_be32 (tiff, 1234); put_be32 (tiff, 100);
  return tiff;
}

/* @jpeg with EXIF (GPS), XMP, Photoshop/IPTC, a comment, an ICC profile and data appended
 * after its end, the way a phone or an editing program leaves it. */
static GBytes *
jpeg_with_metadata (GBytes *jpeg, guint orientation, gboolean icc)
{
  gsize size = 0;
  const guint8 *b = g_bytes_get_data (jpeg, &size);
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) exif = exif_block (orientation);
  const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>11,32.2N</exif:GPSLatitude></x:xmpmeta>";
  const char iptc[] = "Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x0c\x1c\x02\x50\0\x08Minh Tr\xc3\xad";
  const char comment[] = "Người chụp: Minh Trí, Đồng Xoài";
  const char profile[] = "ICC_PROFILE\0\x01\x01(a colour profile)";
  guint app0 = 2 + 2 + read_be16_test (b + 4);

  g_assert_true (size > app0 && b[2] == 0xFF && b[3] == 0xE0);
  g_byte_array_append (out, b, app0);   /* SOI and JFIF */
  put_segment (out, 0xE1, exif->data, exif->len);
  put_segment (out, 0xE1, xmp, sizeof xmp - 1);
  put_segment (out, 0xED, iptc, sizeof iptc - 1);
  put_segment (out, 0xFE, comment, strlen (comment));
  if (icc)
    put_segment (out, 0xE2, profile, sizeof profile - 1);
  g_byte_array_append (out, b + app0, (guint) (size - app0));
  g_byte_array_append (out, (const guint8 *) "MotionPhoto_Data", 16);
  return g_byte_array_free_to_bytes (out);
}

static guint32
crc32_of (const guint8 *data, gsize length)
{
  guint32 crc = 0xFFFFFFFF;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
    }
  return crc ^ 0xFFFFFFFF;
}

static void
put_chunk (GByteArray *out, const char *type, const void *data, gsize length)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  g_byte_array_append (body, (const guint8 *) type, 4);
  g_byte_array_append (body, data, (guint) length);
  put_be32 (out, (guint32) length);
  g_byte_array_append (out, body->data, body->len);
  put_be32 (out, crc32_of (body->data, body->len));
}

static gboolean
contains (GBytes *bytes, const char *needle)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
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

/* A photo kept byte for byte loses its metadata losslessly: the result is the picture's
 * own bytes, exactly, with what its colours need (the ICC profile) and nothing else. */
static void
test_jpeg_metadata_dropped (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) jpeg = make_image (400, 300, "jpeg", FALSE);
  g_autoptr(GBytes) tagged = jpeg_with_metadata (jpeg, 1, FALSE);
  g_autoptr(GBytes) profiled = jpeg_with_metadata (jpeg, 1, TRUE);
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(ToaPreparedImage) with_icc = NULL;
  g_autoptr(GError) error = NULL;
  ToaImageLimits limits;

  get_limits (board, &limits);
  g_assert_true (contains (tagged, "Exif") && contains (tagged, "Minh Tr"));
  image = toa_image_prepare (tagged, "dien-thoai.jpg", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->media_type, ==, "image/jpeg");
  g_assert_cmpint (image->width, ==, 400);
  g_assert_cmpint (image->height, ==, 300);
  /* the coded picture is not touched: byte for byte the file before the metadata was added */
  g_assert_true (g_bytes_equal (image->data, jpeg));
  for (const char *const *what = (const char *const[]) { "Exif", "xap/1.0", "Photoshop", "8BIM", "Minh Tr",
                                                           "Người chụp", "MotionPhoto", NULL };
       *what != NULL; what++)
    g_assert_false (contains (image->data, *what));

  with_icc = toa_image_prepare (profiled, "dien-thoai.jpg", &limits, &error);
  g_assert_no_error (error);
  g_assert_true (contains (with_icc->data, "ICC_PROFILE"));
  g_assert_false (contains (with_icc->data, "Exif"));
  g_assert_cmpuint (g_bytes_get_size (with_icc->data), ==, g_bytes_get_size (jpeg) + 4 + 32);
}

/* A photo taken sideways is turned upright by its EXIF orientation before the EXIF goes. */
static void
test_jpeg_orientation_applied (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) jpeg = make_image (400, 300, "jpeg", FALSE);
  g_autoptr(GBytes) sideways = jpeg_with_metadata (jpeg, 6, FALSE);
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  ToaImageLimits limits;
  GdkPixbuf *stored;

  get_limits (board, &limits);
  image = toa_image_prepare (sideways, "chup-doc.jpg", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpint (image->width, ==, 300);
  g_assert_cmpint (image->height, ==, 400);
  g_assert_false (contains (image->data, "Exif"));
  g_assert_false (contains (image->data, "Minh Tr"));
  g_assert_true (gdk_pixbuf_loader_write_bytes (loader, image->data, &error));
  g_assert_true (gdk_pixbuf_loader_close (loader, &error));
  stored = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_cmpint (gdk_pixbuf_get_width (stored), ==, 300);
  g_assert_cmpint (gdk_pixbuf_get_height (stored), ==, 400);
  g_assert_null (gdk_pixbuf_get_option (stored, "orientation"));
}

/* A PNG loses its text, XMP, EXIF and time chunks (and what follows its end); the chunks
 * that change how it looks stay. */
static void
test_png_metadata_dropped (ToaTestBoard *board, gconstpointer data)
{
  g_autoptr(GBytes) png = make_image (200, 100, "png", TRUE);
  gsize size = 0;
  const guint8 *b = g_bytes_get_data (png, &size);
  guint ihdr_end = 8 + 12 + 13;
  g_autoptr(GByteArray) exif = exif_block (1);
  const char text[] = "Author\0Minh Tr\xc3\xad";
  const char itxt[] = "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPS 11,32N</x:xmpmeta>";
  const guint8 when[7] = { 0x07, 0xE9, 3, 15, 8, 30, 0 };
  const guint8 gamma[4] = { 0, 0, 0xB1, 0x8F };
  GByteArray *tagged = g_byte_array_new ();
  GByteArray *expected = g_byte_array_new ();
  g_autoptr(GBytes) tagged_bytes = NULL;
  g_autoptr(GBytes) expected_bytes = NULL;
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GError) error = NULL;
  ToaImageLimits limits;

  g_assert_cmpmem (b + 12, 4, "IHDR", 4);
  g_byte_array_append (tagged, b, ihdr_end);
  g_byte_array_append (expected, b, ihdr_end);
  put_chunk (tagged, "gAMA", gamma, sizeof gamma);
  put_chunk (expected, "gAMA", gamma, sizeof gamma);
  put_chunk (tagged, "tEXt", text, sizeof text - 1);
  put_chunk (tagged, "iTXt", itxt, sizeof itxt - 1);
  put_chunk (tagged, "eXIf", exif->data + 6, exif->len - 6);
  put_chunk (tagged, "tIME", when, sizeof when);
  put_chunk (tagged, "prVt", "private", 7);
  g_byte_array_append (tagged, b + ihdr_end, (guint) (size - ihdr_end));
  g_byte_array_append (expected, b + ihdr_end, (guint) (size - ihdr_end));
  g_byte_array_append (tagged, (const guint8 *) "trailing", 8);
  tagged_bytes = g_byte_array_free_to_bytes (tagged);
  expected_bytes = g_byte_array_free_to_bytes (expected);

  get_limits (board, &limits);
  image = toa_image_prepare (tagged_bytes, "so-do.png", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->media_type, ==, "image/png");
  g_assert_true (g_bytes_equal (image->data, expected_bytes));
  g_assert_false (contains (image->data, "Minh Tr"));
  g_assert_false (contains (image->data, "xmpmeta"));
  g_assert_cmpint (image->width, ==, 200);
}

/* A GIF loses its comments and XMP; its animation loop count stays. */
static void
test_gif_metadata_dropped (ToaTestBoard *board, gconstpointer data)
{
  /* 2 × 1 pixels, a two-colour table, one frame */
  static const guint8 head[] = { 'G', 'I', 'F', '8', '9', 'a', 2, 0, 1, 0, 0x80, 0, 0,
                                 0, 0, 0, 0xFF, 0xFF, 0xFF };
  static const guint8 loop[] = { 0x21, 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
                                 3, 1, 0, 0, 0 };
  static const guint8 frame[] = { 0x21, 0xF9, 4, 0, 0, 0, 0, 0,
                                  0x2C, 0, 0, 0, 0, 2, 0, 1, 0, 0, 2, 2, 0x44, 0x0A, 0, 0x3B };
  static const guint8 comment[] = { 0x21, 0xFE, 17, 'C', 'h', 'u', 'p', ' ', 't', 'a', 'i', ' ',
                                    'D', 'o', 'n', 'g', ' ', 'X', 'o', 'a', 0 };
  static const guint8 xmp[] = { 0x21, 0xFF, 11, 'X', 'M', 'P', ' ', 'D', 'a', 't', 'a', 'X', 'M', 'P',
                                9, '<', 'x', ':', 'x', 'm', 'p', 'G', 'P', 'S', 0 };
  GByteArray *plain = g_byte_array_new ();
  GByteArray *tagged = g_byte_array_new ();
  g_autoptr(GBytes) plain_bytes = NULL;
  g_autoptr(GBytes) tagged_bytes = NULL;
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GError) error = NULL;
  ToaImageLimits limits;

  g_byte_array_append (plain, head, sizeof head);
  g_byte_array_append (plain, loop, sizeof loop);
  g_byte_array_append (plain, frame, sizeof frame);
  g_byte_array_append (tagged, head, sizeof head);
  g_byte_array_append (tagged, comment, sizeof comment);
  g_byte_array_append (tagged, loop, sizeof loop);
  g_byte_array_append (tagged, xmp, sizeof xmp);
  g_byte_array_append (tagged, frame, sizeof frame);
  plain_bytes = g_byte_array_free_to_bytes (plain);
  tagged_bytes = g_byte_array_free_to_bytes (tagged);

  get_limits (board, &limits);
  image = toa_image_prepare (tagged_bytes, "dong-xoai.gif", &limits, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (image->media_type, ==, "image/gif");
  g_assert_cmpint (image->width, ==, 2);
  g_assert_true (g_bytes_equal (image->data, plain_bytes));
  g_assert_true (contains (image->data, "NETSCAPE2.0"));
  g_assert_false (contains (image->data, "Dong Xoa"));
  g_assert_false (contains (image->data, "XMP"));
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
  ADD ("jpeg-metadata-dropped", test_jpeg_metadata_dropped);
  ADD ("jpeg-orientation-applied", test_jpeg_orientation_applied);
  ADD ("png-metadata-dropped", test_png_metadata_dropped);
  ADD ("gif-metadata-dropped", test_gif_metadata_dropped);
  ADD ("prepare-async", test_prepare_async);
  ADD ("add-and-lookup", test_add_and_lookup);
  ADD ("add-refused", test_add_refused);
  ADD ("lookup-only-images", test_lookup_only_images);
#undef ADD
  g_test_add_func ("/images/figure-html", test_figure_html);
  return g_test_run ();
}
