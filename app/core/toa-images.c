/* toa-images.c — images in articles: the limits (board settings), the check and preparation
 * of an image with gdk-pixbuf (type sniffed from the bytes, size and pixel limits, EXIF
 * orientation applied, scaled down to the largest width, metadata dropped, a thumbnail) off
 * the main thread, storing it content-addressed and linked to the article with an audit
 * record, and reading it back for the "toasoan://media/…" and "toasoan://thumb/…" addresses. */
#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-images.h"
#include "toa-text.h"

#define SHA256_HEX_LEN 64
#define JPEG_QUALITY "90"
#define THUMB_JPEG_QUALITY "85"
#define LOAD_CHUNK (64 * 1024)

ToaArticleImage *
toa_article_image_new (void)
{
  return g_new0 (ToaArticleImage, 1);
}

void
toa_article_image_free (ToaArticleImage *image)
{
  if (image == NULL)
    return;
  g_free (image->sha256);
  g_free (image->thumb_sha256);
  g_free (image->file_name);
  g_free (image->media_type);
  g_free (image->added_by_name);
  g_free (image);
}

void
toa_prepared_image_free (ToaPreparedImage *image)
{
  if (image == NULL)
    return;
  g_free (image->sha256);
  g_free (image->media_type);
  g_clear_pointer (&image->data, g_bytes_unref);
  g_free (image->thumb_sha256);
  g_clear_pointer (&image->thumb_data, g_bytes_unref);
  g_free (image->file_name);
  g_free (image);
}

/* ---- limits ------------------------------------------------------------------------------ */

static gboolean
setting_number (ToaStore *store, const char *key, gint64 minimum, gint64 *out, GError **error)
{
  g_autofree char *value = toa_store_board_setting_get (store, key, error);
  char *end = NULL;
  gint64 number;

  if (value == NULL)
    return FALSE;
  number = g_ascii_strtoll (value, &end, 10);
  if (end == value || *end != '\0' || number < minimum)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The board setting %s (“%s”) is not a number of at least %lld. Ask the administrator to correct it."),
                   key, value, (long long) minimum);
      return FALSE;
    }
  *out = number;
  return TRUE;
}

gboolean
toa_image_limits_get (ToaStore *store, ToaImageLimits *limits, GError **error)
{
  gint64 max_bytes, max_width, thumb_width, max_pixels;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);

  if (!setting_number (store, "image_max_bytes", 1, &max_bytes, error)
      || !setting_number (store, "image_max_width", 16, &max_width, error)
      || !setting_number (store, "image_thumb_width", 16, &thumb_width, error)
      || !setting_number (store, "image_max_pixels", 0, &max_pixels, error))
    return FALSE;
  limits->max_bytes = (gsize) max_bytes;
  limits->max_width = (int) MIN (max_width, 65535);
  limits->thumb_width = (int) MIN (thumb_width, limits->max_width);
  limits->max_pixels = max_pixels;
  return TRUE;
}

/* ---- preparing ---------------------------------------------------------------------------- */

static gboolean
image_error (GError **error, const char *name, const char *what)
{
  /* Translators: an image file's name, then what is wrong and what to do */
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("Image “%s”: %s"),
               name != NULL ? name : _("(pasted)"), what);
  return FALSE;
}

/* The type from the first bytes, never from the name. */
static const char *
sniff (const guint8 *bytes, gsize size)
{
  if (size >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
    return "image/jpeg";
  if (size >= 8 && memcmp (bytes, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 6 && (memcmp (bytes, "GIF87a", 6) == 0 || memcmp (bytes, "GIF89a", 6) == 0))
    return "image/gif";
  if (size >= 12 && memcmp (bytes, "RIFF", 4) == 0 && memcmp (bytes + 8, "WEBP", 4) == 0)
    return "image/webp";
  return NULL;
}

/* libjpeg fills a JPEG cut short with grey without an error: a whole one has its end marker
 * (FF D9) after its last start-of-scan (FF DA). An EXIF thumbnail's end marker comes before
 * the main picture's scans; data some cameras append after the end are allowed. */
static gboolean
jpeg_is_whole (const guint8 *bytes, gsize size)
{
  gssize last_scan = -1, last_end = -1;

  for (gsize i = 0; i + 1 < size; i++)
    if (bytes[i] == 0xFF)
      {
        if (bytes[i + 1] == 0xDA)
          last_scan = (gssize) i;
        else if (bytes[i + 1] == 0xD9)
          last_end = (gssize) i;
      }
  return last_scan >= 0 && last_end > last_scan;
}

typedef struct {
  gint64   max_pixels;
  gboolean too_large;
  int      width, height;
  int      bottom;       /* rows decoded so far, from the top */
} SizeCheck;

static void
on_area_updated (GdkPixbufLoader *loader, int x, int y, int width, int height, gpointer user_data)
{
  SizeCheck *check = user_data;

  check->bottom = MAX (check->bottom, y + height);
}

static void
on_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  SizeCheck *check = user_data;

  check->width = width;
  check->height = height;
  if (check->max_pixels > 0 && (gint64) width * height > check->max_pixels)
    {
      check->too_large = TRUE;
      /* decode as little as possible until the caller stops writing */
      gdk_pixbuf_loader_set_size (loader, 1, 1);
    }
}

static GBytes *
encode (GdkPixbuf *pixbuf, const char *type, const char *quality, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *buffer = NULL;
  gsize size = 0;
  gboolean ok;

  if (g_str_equal (type, "jpeg"))
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &local_error,
                                    "quality", quality, NULL);
  else
    ok = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &local_error, NULL);
  if (!ok)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The image could not be converted (%s). Try another file."), local_error->message);
      return NULL;
    }
  return g_bytes_new_take (buffer, size);
}

/* ---- metadata ------------------------------------------------------------------------------
 * An image kept byte for byte loses what the camera or the editing program wrote about it
 * (EXIF with the place it was taken, XMP, comments, Photoshop's IPTC block, thumbnails, data
 * appended after the picture), losslessly: the picture's own bytes are copied, the metadata
 * segments or chunks left out. What the picture needs to show right is kept: a JPEG's JFIF
 * header (without its thumbnail), ICC colour profile and Adobe colour transform; a PNG's
 * critical chunks and those that change how it looks (ISO/IEC 15948 §4.2, APNG's frames).
 * NULL when the file's structure is not what it should be: the caller then re-encodes. */

static guint
read_be16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
segment_is (const guint8 *data, gsize length, const char *id, gsize id_length)
{
  return length >= id_length && memcmp (data, id, id_length) == 0;
}

/* TRUE when the JPEG segment with @marker and @data (after its length) must stay. */
static gboolean
jpeg_segment_needed (guint8 marker, const guint8 *data, gsize length)
{
  if (marker == 0xE0)
    return segment_is (data, length, "JFIF\0", 5);
  if (marker == 0xE2)
    return segment_is (data, length, "ICC_PROFILE\0", 12);
  if (marker == 0xEE)
    return segment_is (data, length, "Adobe", 5);
  /* APP1 (EXIF, XMP), APP13 (Photoshop, IPTC), the other APPn and COM go */
  return !(marker >= 0xE0 && marker <= 0xEF) && marker != 0xFE;
}

static GBytes *
jpeg_strip (const guint8 *b, gsize n)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) MIN (n, G_MAXUINT));
  gsize pos = 2;

  if (n < 4 || b[0] != 0xFF || b[1] != 0xD8)
    return NULL;
  g_byte_array_append (out, b, 2);
  for (;;)
    {
      guint8 marker;
      gsize length;

      if (pos >= n || b[pos] != 0xFF)
        return NULL;
      while (pos < n && b[pos] == 0xFF)   /* fill bytes */
        pos++;
      if (pos >= n)
        return NULL;
      marker = b[pos++];
      if (marker == 0xD9)
        {
          /* the end: what some cameras append after it (another picture, a video) goes */
          g_byte_array_append (out, (const guint8 *) "\xFF\xD9", 2);
          return g_byte_array_free_to_bytes (g_steal_pointer (&out));
        }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          g_byte_array_append (out, b + pos - 2, 2);
          continue;
        }
      if (pos + 2 > n || (length = read_be16 (b + pos)) < 2 || pos + length > n)
        return NULL;
      if (marker == 0xE0 && segment_is (b + pos + 2, length - 2, "JFIF\0", 5) && length >= 16
          && (b[pos + 14] != 0 || b[pos + 15] != 0))
        {
          /* the JFIF header without its thumbnail (the thumbnail's size set to 0 × 0) */
          g_byte_array_append (out, (const guint8 *) "\xFF\xE0\x00\x10", 4);
          g_byte_array_append (out, b + pos + 2, 12);
          g_byte_array_append (out, (const guint8 *) "\x00\x00", 2);
        }
      else if (jpeg_segment_needed (marker, b + pos + 2, length - 2))
        {
          g_byte_array_append (out, (const guint8 *) "\xFF", 1);
          g_byte_array_append (out, &marker, 1);
          g_byte_array_append (out, b + pos, (guint) length);
        }
      pos += length;
      if (marker == 0xDA)
        {
          /* the scan's coded data runs to the next marker that is not a stuffed 0xFF00
           * or a restart marker */
          gsize start = pos;

          while (pos + 1 < n && !(b[pos] == 0xFF && b[pos + 1] != 0x00
                                  && !(b[pos + 1] >= 0xD0 && b[pos + 1] <= 0xD7)))
            pos++;
          if (pos + 1 >= n)
            return NULL;
          g_byte_array_append (out, b + start, (guint) (pos - start));
        }
    }
}

/* PNG chunks that change how the picture looks; other ancillary chunks (tEXt, zTXt, iTXt,
 * eXIf, tIME, and private ones) go. Critical chunks (an upper-case first letter) all stay. */
static const char *const png_kept_ancillary[] = {
  "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "hIST", "cICP", "mDCV", "cLLI",
  "acTL", "fcTL", "fdAT", NULL
};

static GBytes *
png_strip (const guint8 *b, gsize n)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) MIN (n, G_MAXUINT));
  gsize pos = 8;

  if (n < 8 || memcmp (b, "\x89PNG\r\n\x1a\n", 8) != 0)
    return NULL;
  g_byte_array_append (out, b, 8);
  while (pos + 12 <= n)
    {
      guint32 length = read_be32 (b + pos);
      char type[5] = { 0 };
      gboolean keep;

      if (length > n - pos - 12)
        return NULL;
      memcpy (type, b + pos + 4, 4);
      keep = g_ascii_isupper (type[0]) || g_strv_contains (png_kept_ancillary, type);
      if (keep)
        g_byte_array_append (out, b + pos, length + 12);
      pos += (gsize) length + 12;
      if (g_str_equal (type, "IEND"))
        return g_byte_array_free_to_bytes (g_steal_pointer (&out));   /* anything after it goes */
    }
  return NULL;
}

/* Skips GIF data sub-blocks (a size byte, that many bytes, until a size of 0) from @pos;
 * the position after them, or 0 when the file ends first. */
static gsize
gif_skip_blocks (const guint8 *b, gsize n, gsize pos)
{
  while (pos < n && b[pos] != 0)
    pos += (gsize) b[pos] + 1;
  return pos < n ? pos + 1 : 0;
}

/* A GIF loses its comments (extension 0xFE) and the application extensions other than the
 * animation's loop count (NETSCAPE2.0, ANIMEXTS1.0): XMP is one of them. GIF89a §23–26. */
static GBytes *
gif_strip (const guint8 *b, gsize n)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) MIN (n, G_MAXUINT));
  gsize pos = 13, end;

  if (n < 13)
    return NULL;
  if (b[10] & 0x80)
    pos += (gsize) 3 << ((b[10] & 0x07) + 1);   /* the global colour table */
  if (pos > n)
    return NULL;
  g_byte_array_append (out, b, (guint) pos);
  while (pos < n)
    {
      gboolean keep = TRUE;

      if (b[pos] == 0x3B)
        {
          g_byte_array_append (out, b + pos, 1);   /* the trailer; anything after it goes */
          return g_byte_array_free_to_bytes (g_steal_pointer (&out));
        }
      if (b[pos] == 0x21 && pos + 2 < n)
        {
          guint8 label = b[pos + 1];

          keep = label != 0xFE;
          if (label == 0xFF)
            keep = b[pos + 2] == 11 && pos + 14 <= n
                   && (memcmp (b + pos + 3, "NETSCAPE2.0", 11) == 0
                       || memcmp (b + pos + 3, "ANIMEXTS1.0", 11) == 0);
          if ((end = gif_skip_blocks (b, n, pos + 2)) == 0)
            return NULL;
        }
      else if (b[pos] == 0x2C && pos + 10 <= n)
        {
          gsize data = pos + 10;

          if (b[pos + 9] & 0x80)
            data += (gsize) 3 << ((b[pos + 9] & 0x07) + 1);   /* a local colour table */
          if (data + 1 >= n || (end = gif_skip_blocks (b, n, data + 1)) == 0)
            return NULL;
          g_byte_array_append (out, b + pos, (guint) (end - pos));
          pos = end;
          continue;
        }
      else
        return NULL;
      if (keep)
        g_byte_array_append (out, b + pos, (guint) (end - pos));
      pos = end;
    }
  return NULL;
}

/* @data without its metadata (see above), or a new reference to @data for the types not
 * cleaned here (WebP: no WebP reader to check it with here); NULL when the structure could
 * not be read. */
static GBytes *
strip_metadata (GBytes *data, const char *media_type)
{
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (data, &size);

  if (g_str_equal (media_type, "image/jpeg"))
    return jpeg_strip (bytes, size);
  if (g_str_equal (media_type, "image/png"))
    return png_strip (bytes, size);
  if (g_str_equal (media_type, "image/gif"))
    return gif_strip (bytes, size);
  return g_bytes_ref (data);
}

static char *
sha256_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

ToaPreparedImage *
toa_image_prepare (GBytes *data, const char *file_name, const ToaImageLimits *limits,
                   GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ToaPreparedImage) image = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GBytes) stripped = NULL;
  g_autofree char *shown = NULL;
  GdkPixbufAnimation *animation;
  GdkPixbuf *pixbuf;
  const char *media_type;
  const char *orientation;
  const guint8 *bytes;
  SizeCheck check = { 0 };
  gboolean animated, rotated;
  gsize size = 0, done;
  int width, height, thumb_width, thumb_height;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  if (file_name != NULL)
    shown = g_filename_display_basename (file_name);
  bytes = g_bytes_get_data (data, &size);
  if (size == 0)
    return image_error (error, shown, _("the file is empty. Choose the image again.")), NULL;
  if (size > limits->max_bytes)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *allowed = g_format_size (limits->max_bytes);
      g_autofree char *what = g_strdup_printf (_("the file is %s, more than the %s allowed for an image. "
                                                 "Save it smaller (for example as JPEG) or ask the administrator "
                                                 "to raise the board setting image_max_bytes."),
                                               have, allowed);

      return image_error (error, shown, what), NULL;
    }
  media_type = sniff (bytes, size);
  if (media_type == NULL)
    return image_error (error, shown, _("this is not a JPEG, PNG, GIF or WebP image. "
                                        "Save the picture in one of these formats and insert it again.")), NULL;

  loader = gdk_pixbuf_loader_new_with_mime_type (media_type, &local_error);
  if (loader == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("images of type %s cannot be read on this computer. "
                                                 "Save the picture as JPEG or PNG and insert it again."),
                                               media_type);

      return image_error (error, shown, what), NULL;
    }
  check.max_pixels = limits->max_pixels;
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), &check);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_area_updated), &check);
  for (done = 0; done < size && !check.too_large; done += LOAD_CHUNK)
    if (!gdk_pixbuf_loader_write (loader, bytes + done, MIN (LOAD_CHUNK, size - done), &local_error))
      break;
  if (local_error == NULL && !check.too_large)
    gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);
  if (check.too_large)
    {
      g_autofree char *what = g_strdup_printf (_("the image is %d × %d pixels, more than the %lld megapixels allowed. "
                                                 "Make it smaller in a photo editor and insert it again."),
                                               check.width, check.height,
                                               (long long) (limits->max_pixels / 1000000));

      return image_error (error, shown, what), NULL;
    }
  if (local_error != NULL)
    {
      g_autofree char *what = g_strdup_printf (_("the image is damaged or incomplete (%s). "
                                                 "Open it in a photo editor, save it again and insert it."),
                                               local_error->message);

      return image_error (error, shown, what), NULL;
    }
  animation = gdk_pixbuf_loader_get_animation (loader);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return image_error (error, shown, _("the image has no picture in it. Choose another file.")), NULL;
  animated = animation != NULL && !gdk_pixbuf_animation_is_static_image (animation);
  /* A file cut short decodes without an error but leaves the rows below the cut undrawn
   * (GIF frames may be smaller than the picture: not checked this way). */
  if ((!g_str_equal (media_type, "image/gif") && check.bottom < gdk_pixbuf_get_height (pixbuf))
      || (g_str_equal (media_type, "image/jpeg") && !jpeg_is_whole (bytes, size)))
    return image_error (error, shown, _("the image is damaged or incomplete (the file ends too soon). "
                                        "Copy the file again from where it came from and insert it.")), NULL;

  /* Photos taken sideways carry the turn in EXIF; apply it so every browser shows it upright. */
  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  rotated = orientation != NULL && !g_str_equal (orientation, "1");
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  width = gdk_pixbuf_get_width (oriented);
  height = gdk_pixbuf_get_height (oriented);

  image = g_new0 (ToaPreparedImage, 1);
  image->file_name = g_strdup (file_name);
  if (animated && width > limits->max_width)
    {
      g_autofree char *what = g_strdup_printf (_("an animated GIF %d pixels wide cannot be made smaller here "
                                                  "(at most %d pixels). Resize it in an image editor first."),
                                                width, limits->max_width);

      return image_error (error, shown, what), NULL;
    }
  /* kept as it is, but without its metadata (a JPEG's turn was applied above: re-encoded) */
  if (width <= limits->max_width && !rotated)
    stripped = strip_metadata (data, media_type);
  if (width > limits->max_width || rotated || stripped == NULL)
    {
      g_autoptr(GdkPixbuf) scaled = NULL;
      gboolean jpeg = g_str_equal (media_type, "image/jpeg")
                      || (g_str_equal (media_type, "image/webp") && !gdk_pixbuf_get_has_alpha (oriented));

      if (width > limits->max_width)
        {
          int new_height = (int) MAX (1, ((gint64) height * limits->max_width + width / 2) / width);

          scaled = gdk_pixbuf_scale_simple (oriented, limits->max_width, new_height, GDK_INTERP_BILINEAR);
          if (scaled == NULL)
            return image_error (error, shown, _("there is not enough memory to scale this image. "
                                                "Make it smaller in a photo editor first.")), NULL;
        }
      else
        scaled = g_object_ref (oriented);
      image->data = encode (scaled, jpeg ? "jpeg" : "png", JPEG_QUALITY, error);
      if (image->data == NULL)
        return NULL;
      image->media_type = g_strdup (jpeg ? "image/jpeg" : "image/png");
      image->width = gdk_pixbuf_get_width (scaled);
      image->height = gdk_pixbuf_get_height (scaled);
    }
  else
    {
      /* Small enough: kept byte for byte (no loss of quality, animation kept). */
      image->data = g_steal_pointer (&stripped);
      image->media_type = g_strdup (media_type);
      image->width = width;
      image->height = height;
    }
  image->sha256 = sha256_of (image->data);

  thumb_width = MIN (limits->thumb_width, width);
  thumb_height = (int) MAX (1, ((gint64) height * thumb_width + width / 2) / width);
  thumb = gdk_pixbuf_scale_simple (oriented, thumb_width, thumb_height, GDK_INTERP_BILINEAR);
  if (thumb == NULL)
    return image_error (error, shown, _("there is not enough memory to make its thumbnail. "
                                        "Make it smaller in a photo editor first.")), NULL;
  image->thumb_data = encode (thumb, gdk_pixbuf_get_has_alpha (thumb) ? "png" : "jpeg",
                              THUMB_JPEG_QUALITY, error);
  if (image->thumb_data == NULL)
    return NULL;
  image->thumb_sha256 = sha256_of (image->thumb_data);
  return g_steal_pointer (&image);
}

typedef struct {
  GBytes         *data;
  char           *file_name;
  ToaImageLimits  limits;
} PrepareJob;

static void
prepare_job_free (PrepareJob *job)
{
  g_bytes_unref (job->data);
  g_free (job->file_name);
  g_free (job);
}

static void
prepare_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PrepareJob *job = task_data;
  GError *error = NULL;
  ToaPreparedImage *image;

  if (g_task_return_error_if_cancelled (task))
    return;
  image = toa_image_prepare (job->data, job->file_name, &job->limits, &error);
  if (image == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, image, (GDestroyNotify) toa_prepared_image_free);
}

void
toa_image_prepare_async (GBytes *data, const char *file_name, const ToaImageLimits *limits,
                         GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareJob *job;

  g_return_if_fail (data != NULL);
  g_return_if_fail (limits != NULL);

  job = g_new0 (PrepareJob, 1);
  job->data = g_bytes_ref (data);
  job->file_name = g_strdup (file_name);
  job->limits = *limits;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, toa_image_prepare_async);
  g_task_set_task_data (task, job, (GDestroyNotify) prepare_job_free);
  g_task_run_in_thread (task, prepare_thread);
}

ToaPreparedImage *
toa_image_prepare_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- storing and reading ------------------------------------------------------------------- */

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != SHA256_HEX_LEN)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
consistent (const ToaPreparedImage *image)
{
  g_autofree char *sha = NULL;
  g_autofree char *thumb_sha = NULL;

  if (image->data == NULL || image->thumb_data == NULL || image->media_type == NULL
      || image->width <= 0 || image->height <= 0
      || g_bytes_get_size (image->data) == 0 || g_bytes_get_size (image->thumb_data) == 0)
    return FALSE;
  sha = sha256_of (image->data);
  thumb_sha = sha256_of (image->thumb_data);
  return g_strcmp0 (sha, image->sha256) == 0 && g_strcmp0 (thumb_sha, image->thumb_sha256) == 0;
}

static const char *
thumb_media_type (GBytes *thumb)
{
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (thumb, &size);
  const char *type = sniff (bytes, size);

  return type != NULL ? type : "application/octet-stream";
}

gboolean
toa_images_add (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                const ToaPreparedImage *image, GError **error)
{
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaArticleImage) link = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *name = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail (image != NULL, FALSE);

  if (!consistent (image))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("The image was changed after it was checked. Insert it again."));
      return FALSE;
    }
  if (image->file_name != NULL)
    {
      g_autofree char *base = g_path_get_basename (image->file_name);

      /* a name that is not valid text is shown but not kept */
      name = toa_text_normalize (base, -1, _("Image"), NULL);
      if (name != NULL && (*name == '\0' || g_utf8_strlen (name, -1) > 255))
        g_clear_pointer (&name, g_free);
    }

  if (!toa_store_begin (store, error))
    return FALSE;
  article = toa_store_article_get (store, article_id, &local_error);
  if (article == NULL)
    return toa_store_abandon (store, local_error, error);
  if (!toa_person_may_write_articles (actor, article->site_id))
    {
      toa_store_rollback (store);
      g_set_error (error, TOA_ERROR, TOA_ERROR_PERMISSION,
                   _("%s may not add images to article %lld: adding an image needs the right to edit "
                     "articles on its site. Ask the secretary of the editorial board."),
                   actor->full_name, (long long) article_id);
      return FALSE;
    }
  link = toa_article_image_new ();
  link->article_id = article_id;
  link->sha256 = g_strdup (image->sha256);
  link->thumb_sha256 = g_strdup (image->thumb_sha256);
  link->width = image->width;
  link->height = image->height;
  link->file_name = g_strdup (name);
  link->added_by = actor->id;
  link->added_at = toa_now_usec ();
  size_text = g_strdup_printf ("%dx%d", image->width, image->height);
  detail = toa_audit_detail ("sha256", image->sha256, "file", name, "size", size_text,
                             "media_type", image->media_type, NULL);
  if (!toa_store_stored_file_put (store, image->sha256, image->media_type, image->data, &local_error)
      || !toa_store_stored_file_put (store, image->thumb_sha256, thumb_media_type (image->thumb_data),
                                     image->thumb_data, &local_error)
      || !toa_store_article_image_add (store, link, &local_error)
      || !toa_audit_append (store, actor->id, "article.image.add", "article", article_id, detail,
                            &local_error)
      || !toa_store_commit (store, &local_error))
    return toa_store_abandon (store, local_error, error);
  return TRUE;
}

GBytes *
toa_images_lookup (ToaStore *store, const char *path, char **media_type, GError **error)
{
  const char *sha256 = NULL;
  gboolean thumb = FALSE;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (media_type != NULL)
    *media_type = NULL;
  if (g_str_has_prefix (path, "toasoan://"))
    path += strlen ("toasoan://");
  if (g_str_has_prefix (path, "media/"))
    sha256 = path + strlen ("media/");
  else if (g_str_has_prefix (path, "thumb/"))
    {
      sha256 = path + strlen ("thumb/");
      thumb = TRUE;
    }
  if (!is_sha256 (sha256))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("“%s” is not the address of an image (media/ or thumb/ and a SHA-256)."), path);
      return NULL;
    }
  return toa_store_stored_image_get (store, sha256, thumb, media_type, error);
}

GPtrArray *
toa_images_list (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(ToaArticle) article = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!(article = toa_store_article_get (store, article_id, error)))
    return NULL;
  return toa_store_article_image_list (store, article_id, error);
}

char *
toa_image_figure_html (const char *sha256, int width, int height, const char *alt,
                       const char *caption, const char *credit)
{
  g_autofree char *alt_escaped = g_markup_escape_text (alt != NULL ? alt : "", -1);
  g_autofree char *sha_escaped = g_markup_escape_text (sha256 != NULL ? sha256 : "", -1);
  GString *html = g_string_new (NULL);
  gboolean has_caption = caption != NULL && *caption != '\0';
  gboolean has_credit = credit != NULL && *credit != '\0';

  g_string_append_printf (html, "<figure class=\"toa-image\"><img src=\"toasoan://media/%s\" alt=\"%s\"",
                          sha_escaped, alt_escaped);
  if (width > 0 && height > 0)
    g_string_append_printf (html, " width=\"%d\" height=\"%d\"", width, height);
  g_string_append_c (html, '>');
  if (has_caption || has_credit)
    {
      g_string_append (html, "<figcaption>");
      if (has_caption)
        {
          g_autofree char *escaped = g_markup_escape_text (caption, -1);

          g_string_append_printf (html, "<span class=\"toa-caption\">%s</span>", escaped);
        }
      if (has_caption && has_credit)
        g_string_append_c (html, ' ');
      if (has_credit)
        {
          g_autofree char *escaped = g_markup_escape_text (credit, -1);

          g_string_append_printf (html, "<span class=\"toa-credit\">%s</span>", escaped);
        }
      g_string_append (html, "</figcaption>");
    }
  g_string_append (html, "</figure>");
  return g_string_free (html, FALSE);
}
