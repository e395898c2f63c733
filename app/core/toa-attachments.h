/* toa-attachments.h — the files received with an item (the official letter, the photos…),
 * kept in the store with it: each content once, addressed by its SHA-256, so the same file
 * received twice is stored once. Intake (toa-intake.h) reads and stores them with the item;
 * these functions list an item's files, read one and write one out. */
#pragma once

#include <gio/gio.h>

#include "toa-attachment-types.h"
#include "toa-store.h"

G_BEGIN_DECLS

/* The board setting (board_settings, seeded by 010-attachments.sql with its source) giving
 * the largest file accepted, in bytes. */
#define TOA_ATTACHMENT_MAX_BYTES_KEY "attachment_max_bytes"

/* A file read from disk, ready to store. */
typedef struct {
  char   *file_name;   /* the base name, NFC */
  char   *sha256;
  char   *media_type;
  GBytes *data;
} ToaAttachmentFile;

void toa_attachment_file_free (ToaAttachmentFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaAttachmentFile, toa_attachment_file_free)

/* The largest file accepted, in bytes (the board setting above). */
gint64     toa_attachments_max_bytes (ToaStore *store, GError **error);

/* Reads the files at @paths (NULL-terminated; NULL = none): each must be a readable regular
 * file, not empty, at most toa_attachments_max_bytes. Hashes each and guesses its media type.
 * TOA_ERROR_INVALID naming the file and what to do; nothing is written in any case.
 * Returns a GPtrArray of ToaAttachmentFile. */
GPtrArray *toa_attachments_load (ToaStore *store, const char * const *paths, GError **error);

/* Stores @files (from toa_attachments_load) as the attachments of @article_id after those it
 * has, added by @actor_id. Must run inside the caller's transaction. */
gboolean   toa_attachments_store (ToaStore *store, gint64 article_id, gint64 actor_id,
                                  GPtrArray *files, GError **error);

/* An item's files by position: those kept with their content, then the names recorded
 * before contents were kept (sha256 NULL). A GPtrArray of ToaAttachment. */
GPtrArray *toa_attachments_list (ToaStore *store, gint64 article_id, GError **error);

/* The content of file @position (1-based) of @article_id. TOA_ERROR_NOT_FOUND for a number
 * the item does not have; TOA_ERROR_INVALID for a name recorded without content. */
GBytes    *toa_attachments_read (ToaStore *store, gint64 article_id, int position,
                                 ToaAttachment **attachment_out, GError **error);

/* Writes file @position of @article_id to @path. An existing file there is refused
 * (TOA_ERROR_CONFLICT) unless @overwrite; TOA_ERROR_IO when it cannot be written. */
gboolean   toa_attachments_export (ToaStore *store, gint64 article_id, int position,
                                   const char *path, gboolean overwrite, GError **error);

/* "1.234 KB" — a size for people, in whole kilobytes rounded up. */
char      *toa_attachments_format_size (gint64 bytes);

G_END_DECLS
