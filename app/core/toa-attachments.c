/* toa-attachments.c — the files received with an item: reading and checking them from disk
 * (size limit from the board setting), hashing (SHA-256) and storing each content once;
 * listing, reading and writing out an item's files. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-attachments.h"
#include "toa-error.h"
#include "toa-text.h"

#define MAX_NAME_CHARS 255

ToaAttachment *
toa_attachment_new (void)
{
  return g_new0 (ToaAttachment, 1);
}

void
toa_attachment_free (ToaAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->file_name);
  g_free (attachment->sha256);
  g_free (attachment->media_type);
  g_free (attachment->added_by_name);
  g_free (attachment);
}

void
toa_attachment_file_free (ToaAttachmentFile *file)
{
  if (file == NULL)
    return;
  g_free (file->file_name);
  g_free (file->sha256);
  g_free (file->media_type);
  g_clear_pointer (&file->data, g_bytes_unref);
  g_free (file);
}

gint64
toa_attachments_max_bytes (ToaStore *store, GError **error)
{
  g_autofree char *value = toa_store_board_setting_get (store, TOA_ATTACHMENT_MAX_BYTES_KEY, error);
  gint64 max;
  char *end = NULL;

  if (value == NULL)
    return -1;
  max = g_ascii_strtoll (value, &end, 10);
  if (end == value || *end != '\0' || max <= 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The board setting %s (“%s”) is not a number of bytes. Ask the administrator to correct it."),
                   TOA_ATTACHMENT_MAX_BYTES_KEY, value);
      return -1;
    }
  return max;
}

char *
toa_attachments_format_size (gint64 bytes)
{
  g_autofree char *kb = toa_format_number ((MAX (bytes, 0) + 1023) / 1024);

  /* Translators: a file size in kilobytes */
  return g_strdup_printf (_("%s KB"), kb);
}

static gboolean
file_error (GError **error, const char *name, const char *what)
{
  /* Translators: an attached file's name, then what is wrong and what to do */
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("Attachment “%s”: %s"), name, what);
  return FALSE;
}

/* Reads and checks one file. */
static ToaAttachmentFile *
load_one (const char *path, gint64 max_bytes, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *base = g_filename_display_basename (path);
  g_autofree char *contents = NULL;
  g_autoptr(ToaAttachmentFile) loaded = NULL;
  g_autofree char *content_type = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return file_error (error, display, _("there is no such file. Check the path and try again.")), NULL;
      return file_error (error, display, local_error->message), NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return file_error (error, display, _("this is a folder, not a file. Choose the files inside it.")), NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return file_error (error, display, _("this is not an ordinary file. Choose a document or an image.")), NULL;
  if (g_file_info_get_size (info) > max_bytes)
    {
      g_autofree char *size = toa_attachments_format_size (g_file_info_get_size (info));
      g_autofree char *limit = toa_attachments_format_size (max_bytes);
      g_autofree char *what = g_strdup_printf (_("the file is %s, more than the %s allowed for one file. "
                                                 "Send a smaller file (for example, compress the images) or ask "
                                                 "the administrator to raise the board setting %s."),
                                               size, limit, TOA_ATTACHMENT_MAX_BYTES_KEY);

      return file_error (error, display, what), NULL;
    }
  if (g_file_info_get_size (info) == 0)
    return file_error (error, display, _("the file is empty. Ask the sender for the file again.")), NULL;
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_autofree char *what = g_strdup_printf (_("the file cannot be read (%s). Check that you may read it and try again."),
                                               local_error->message);

      return file_error (error, display, what), NULL;
    }
  /* It may have changed since it was looked at. */
  if (length == 0)
    return file_error (error, display, _("the file is empty. Ask the sender for the file again.")), NULL;
  if ((gint64) length > max_bytes)
    return file_error (error, display, _("the file grew beyond the size allowed while it was read. Try again.")), NULL;

  loaded = g_new0 (ToaAttachmentFile, 1);
  loaded->file_name = toa_text_normalize (base, -1, _("Attachment"), error);
  if (loaded->file_name == NULL)
    return NULL;
  if (g_utf8_strlen (loaded->file_name, -1) > MAX_NAME_CHARS)
    {
      g_autofree char *what = g_strdup_printf (_("the name is longer than %d characters. Rename the file and try again."),
                                               MAX_NAME_CHARS);

      return file_error (error, display, what), NULL;
    }
  loaded->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  content_type = g_content_type_guess (base, (const guchar *) contents, length, NULL);
  loaded->media_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  if (loaded->media_type == NULL)
    loaded->media_type = g_strdup ("application/octet-stream");
  loaded->data = g_bytes_new_take (g_steal_pointer (&contents), length);
  return g_steal_pointer (&loaded);
}

GPtrArray *
toa_attachments_load (ToaStore *store, const char * const *paths, GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_attachment_file_free);
  gint64 max_bytes;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (paths == NULL || paths[0] == NULL)
    return g_steal_pointer (&files);
  if ((max_bytes = toa_attachments_max_bytes (store, error)) < 0)
    return NULL;
  for (guint i = 0; paths[i] != NULL; i++)
    {
      ToaAttachmentFile *file;

      if (*paths[i] == '\0')
        {
          g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                               _("Attachment: an empty path was given. Choose the file to attach."));
          return NULL;
        }
      if (!(file = load_one (paths[i], max_bytes, error)))
        return NULL;
      g_ptr_array_add (files, file);
    }
  return g_steal_pointer (&files);
}

gboolean
toa_attachments_store (ToaStore *store, gint64 article_id, gint64 actor_id, GPtrArray *files,
                       GError **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  gint64 now = toa_now_usec ();
  int position = 0;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);

  if (files == NULL || files->len == 0)
    return TRUE;
  if (!(existing = toa_store_article_attachment_list (store, article_id, error)))
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    position = MAX (position, ((ToaAttachment *) existing->pdata[i])->position);
  for (guint i = 0; i < files->len; i++)
    {
      const ToaAttachmentFile *file = files->pdata[i];
      g_autoptr(ToaAttachment) attachment = toa_attachment_new ();

      if (!toa_store_stored_file_put (store, file->sha256, file->media_type, file->data, error))
        return FALSE;
      attachment->article_id = article_id;
      attachment->position = ++position;
      attachment->file_name = g_strdup (file->file_name);
      attachment->sha256 = g_strdup (file->sha256);
      attachment->added_by = actor_id;
      attachment->added_at = now;
      if (!toa_store_article_attachment_add (store, attachment, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
toa_attachments_list (ToaStore *store, gint64 article_id, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ToaIntakeRecord) record = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(GError) local_error = NULL;
  int position = 0;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (!(article = toa_store_article_get (store, article_id, error)))
    return NULL;
  if (!(list = toa_store_article_attachment_list (store, article_id, error)))
    return NULL;
  for (guint i = 0; i < list->len; i++)
    position = MAX (position, ((ToaAttachment *) list->pdata[i])->position);

  /* Names recorded before the contents were kept. */
  record = toa_store_intake_record_get (store, article_id, &local_error);
  if (record == NULL && !g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; record != NULL && record->attachments != NULL && record->attachments[i] != NULL; i++)
    {
      ToaAttachment *name_only = toa_attachment_new ();

      name_only->article_id = article_id;
      name_only->position = ++position;
      name_only->file_name = g_strdup (record->attachments[i]);
      g_ptr_array_add (list, name_only);
    }
  return g_steal_pointer (&list);
}

GBytes *
toa_attachments_read (ToaStore *store, gint64 article_id, int position,
                      ToaAttachment **attachment_out, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  ToaAttachment *found = NULL;
  guint found_index = 0;
  GBytes *bytes;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  if (attachment_out != NULL)
    *attachment_out = NULL;
  if (!(list = toa_attachments_list (store, article_id, error)))
    return NULL;
  for (guint i = 0; i < list->len && found == NULL; i++)
    if (((ToaAttachment *) list->pdata[i])->position == position)
      {
        found = list->pdata[i];
        found_index = i;
      }
  if (found == NULL)
    {
      if (list->len == 0)
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("Item %lld has no attached files."), (long long) article_id);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("Item %lld has no file number %d: give a number from 1 to %u (see “intake attachments”)."),
                     (long long) article_id, position, list->len);
      return NULL;
    }
  if (found->sha256 == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("File %d of item %lld, “%s”, was recorded by name only, without its content. "
                     "Ask the sender for the file."),
                   position, (long long) article_id, found->file_name);
      return NULL;
    }
  if (!(bytes = toa_store_stored_file_get (store, found->sha256, error)))
    return NULL;
  if (attachment_out != NULL)
    *attachment_out = g_ptr_array_steal_index (list, found_index);
  return bytes;
}

gboolean
toa_attachments_export (ToaStore *store, gint64 article_id, int position, const char *path,
                        gboolean overwrite, GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  gsize written = 0;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(bytes = toa_attachments_read (store, article_id, position, NULL, error)))
    return FALSE;
  file = g_file_new_for_path (path);
  display = g_filename_display_name (path);
  if (overwrite)
    stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &local_error);
  else
    stream = g_file_create (file, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                     _("%s already exists. Choose another name, or allow replacing it."), display);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                     _("%s cannot be written (%s). Choose another folder."), display, local_error->message);
      return FALSE;
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), &written, NULL, &local_error)
      || !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("%s cannot be written (%s). Choose another folder."), display, local_error->message);
      if (!overwrite)
        g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
