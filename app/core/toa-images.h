/* toa-images.h — images in articles (issue 5 point 3): checked, scaled and thumbnailed off
 * the main thread (gdk-pixbuf, no GTK), then stored in the database content-addressed
 * (stored_files, deduplicated by SHA-256) and linked to the article (article_images).
 * The limits are board settings with their source: image_max_bytes, image_max_width,
 * image_thumb_width. In HTML an image is referred to as "toasoan://media/<sha256>", its
 * thumbnail as "toasoan://thumb/<sha256 of the image>". */
#pragma once

#include <gio/gio.h>

#include "toa-image-types.h"
#include "toa-store.h"

G_BEGIN_DECLS

/* An image ready to store: the (possibly scaled) image and its thumbnail. */
typedef struct {
  char   *sha256;        /* of @data */
  char   *media_type;    /* "image/jpeg", "image/png", "image/gif", "image/webp" */
  GBytes *data;
  int     width, height;
  char   *thumb_sha256;
  GBytes *thumb_data;    /* JPEG or PNG, width ≤ image_thumb_width */
  char   *file_name;     /* as given, for messages; may be NULL */
} ToaPreparedImage;

void toa_prepared_image_free (ToaPreparedImage *image);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaPreparedImage, toa_prepared_image_free)

/* The limits read from the board settings (call on the store's thread). */
typedef struct {
  gsize  max_bytes;    /* image_max_bytes */
  int    max_width;    /* image_max_width: wider images are scaled down to it */
  int    thumb_width;  /* image_thumb_width */
  gint64 max_pixels;   /* image_max_pixels: width × height refused above it (0 = no limit) */
} ToaImageLimits;

gboolean toa_image_limits_get (ToaStore *store, ToaImageLimits *limits, GError **error);

/* Checks (type sniffed from the bytes, not the name; size ≤ max_bytes: TOA_ERROR_INVALID
 * with a message naming the file and what is allowed), turns a JPEG upright by its EXIF
 * orientation, scales down to max_width and makes the thumbnail. An image kept byte for byte
 * loses its metadata losslessly (JPEG: EXIF, XMP, IPTC, comments; PNG: text, eXIf, tIME;
 * GIF: comments, XMP; data after the end) and keeps what it needs to show (ICC profile…). Blocking: call from a worker thread, or use the _async pair, which runs it
 * in a GTask thread. */
ToaPreparedImage *toa_image_prepare (GBytes *data, const char *file_name,
                                     const ToaImageLimits *limits, GError **error);
void              toa_image_prepare_async  (GBytes *data, const char *file_name,
                                            const ToaImageLimits *limits, GCancellable *cancellable,
                                            GAsyncReadyCallback callback, gpointer user_data);
ToaPreparedImage *toa_image_prepare_finish (GAsyncResult *result, GError **error);

/* Stores @image and its thumbnail and links it to @article_id as @actor (rights of a save;
 * audited), in one transaction. Storing the same image twice stores it once. */
gboolean toa_images_add (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                         const ToaPreparedImage *image, GError **error);

/* The bytes and media type for a "toasoan://media/…" or "toasoan://thumb/…" path
 * ("media/<sha256>" or "thumb/<sha256>"); TOA_ERROR_NOT_FOUND otherwise. */
GBytes  *toa_images_lookup (ToaStore *store, const char *path, char **media_type, GError **error);

/* The article's images (ToaArticleImage), oldest first; NOT_FOUND for an unknown article. */
GPtrArray *toa_images_list (ToaStore *store, gint64 article_id, GError **error);

/* The markup of an image in an article's body (every text escaped; NULL or "" caption and
 * credit leave their span out, and the figcaption when both are empty):
 * <figure class="toa-image"><img src="toasoan://media/SHA" alt="…" width="W" height="H">
 * <figcaption><span class="toa-caption">…</span> <span class="toa-credit">…</span></figcaption></figure> */
char    *toa_image_figure_html (const char *sha256, int width, int height, const char *alt,
                                const char *caption, const char *credit);

G_END_DECLS
