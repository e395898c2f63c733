/* toa-attachment-types.h — the plain record of a file kept with an item (tables stored_files
 * and article_attachments, 010-attachments.sql) that the storage interface passes
 * (toa-store.h includes this). The rules are in toa-attachments.h. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One file of an item. Files recorded before the content was kept (intake records of schema
 * 9 and older) have a name only: sha256 and media_type NULL, size 0. */
typedef struct {
  gint64  article_id;
  int     position;        /* 1, 2, … in the order received */
  char   *file_name;       /* the name as received */
  char   *sha256;          /* hex, lower case; NULL = name only, no content */
  gint64  size;            /* bytes */
  char   *media_type;      /* "application/pdf" */
  gint64  added_by;        /* a person id; 0 for name-only entries */
  char   *added_by_name;   /* filled by the store on read */
  gint64  added_at;        /* µs UTC; 0 for name-only entries */
} ToaAttachment;

ToaAttachment *toa_attachment_new (void);
void           toa_attachment_free (ToaAttachment *attachment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaAttachment, toa_attachment_free)

G_END_DECLS
