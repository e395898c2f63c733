/* toa-item-intake.c — the item window's intake record, attached files and reply letter
 * (see toa-item-view-private.h): shown from the item's background reading; saving a file and
 * composing the letter run on the window's store. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-attachments.h"
#include "toa-error.h"
#include "toa-intake.h"
#include "toa-item-view-private.h"
#include "toa-text.h"

/* ---- intake: how the item came in, and the reply letter when refused --------------------------- */

static void
intake_row (ToaItemView *self, const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  toa_item_add_value_label (ADW_ACTION_ROW (row));
  toa_item_set_row (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (self->intake_group, row);
  g_ptr_array_add (self->intake_rows, row);
}

/* A file received with the item: its name, size and date, and a Save As button that writes
 * it out through core (toa_attachments_export). Names recorded before the contents were
 * kept say so and have no button. */
typedef struct {
  ToaItemView *view;
  int          position;
  char        *file_name;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_object_unref (request->view);
  g_free (request->file_name);
  g_free (request);
}

/* The file's content is read from the store (a server, maybe) in the background reader. */
typedef struct {
  gint64  article_id;
  int     position;
  char   *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_free (job);
}

static gboolean
export_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ExportJob *job = data;

  /* The chooser has asked before replacing a file, so replacing is allowed here. */
  return toa_attachments_export (store, job->article_id, job->position, job->path, TRUE, error);
}

static void
export_done (gpointer owner, gpointer data, const GError *error)
{
  ToaItemView *self = TOA_ITEM_VIEW (owner);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error != NULL ? error->message : _("File saved")));
}

static void
on_save_chosen (GtkNativeDialog *dialog, int response, SaveRequest *request)
{
  ToaItemView *self = request->view;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path == NULL)
        adw_toast_overlay_add_toast (self->toast_overlay,
          adw_toast_new (_("That place is not a local folder. Choose a folder on this computer.")));
      else
        {
          ExportJob *job = g_new0 (ExportJob, 1);

          job->article_id = self->article_id;
          job->position = request->position;
          job->path = g_steal_pointer (&path);
          toa_background_reader_run (self->reader, NULL, export_run, export_done, self, self->cancellable,
                                     job, (GDestroyNotify) export_job_free);
        }
    }
  g_object_unref (dialog);
  save_request_free (request);
}

static void
on_save_attachment (GtkButton *button, ToaItemView *self)
{
  SaveRequest *request = g_new0 (SaveRequest, 1);
  GtkFileChooserNative *dialog;

  request->view = g_object_ref (self);
  request->position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "position"));
  request->file_name = g_strdup (g_object_get_data (G_OBJECT (button), "file-name"));
  /* GtkFileDialog is GTK 4.10; the native chooser works on 4.8 and newer */
  dialog = gtk_file_chooser_native_new (_("Save Attached File"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), request->file_name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_chosen), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
attachment_rows (ToaItemView *self, GPtrArray *list, const GError *error)
{
  if (list == NULL || error != NULL)
    {
      intake_row (self, _("Attachments"), error != NULL ? error->message : "");
      return;
    }
  if (list->len == 0)
    intake_row (self, _("Attachments"), _("None"));
  for (guint i = 0; i < list->len; i++)
    {
      const ToaAttachment *a = g_ptr_array_index (list, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->file_name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      if (a->sha256 != NULL)
        {
          g_autofree char *size = toa_attachments_format_size (a->size);
          g_autofree char *added = toa_format_date (a->added_at);
          GtkWidget *save = gtk_button_new_with_label (_("Save…"));

          /* Translators: an attached file's size, then the date it was added */
          subtitle = g_strdup_printf (_("%s, added %s"), size, added);
          gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (save, _("Save a copy of this file"));
          g_object_set_data (G_OBJECT (save), "position", GINT_TO_POINTER (a->position));
          g_object_set_data_full (G_OBJECT (save), "file-name", g_strdup (a->file_name), g_free);
          g_signal_connect (save, "clicked", G_CALLBACK (on_save_attachment), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), save);
        }
      else
        subtitle = g_strdup (_("name only, no content"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->intake_group, row);
      g_ptr_array_add (self->intake_rows, row);
    }
}

static void
show_letter (ToaItemView *self, const char *letter)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->letter_view), letter != NULL ? letter : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->letter_view), letter != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->copy_letter_button), letter != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->compose_letter_button), letter == NULL);
}

static void
show_letter_error (ToaItemView *self, const char *message)
{
  gtk_label_set_text (self->letter_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->letter_error_label), message != NULL);
}

void
toa_item_view_show_intake (ToaItemView *self, const ToaArticleFlow *flow, const ToaIntakeRecord *record,
                           GPtrArray *channels, GPtrArray *attachments, const GError *attachments_error)
{
  g_autofree char *received = NULL, *issued = NULL;
  const char *channel = NULL;
  gboolean refused;

  for (guint i = 0; i < self->intake_rows->len; i++)
    adw_preferences_group_remove (self->intake_group, g_ptr_array_index (self->intake_rows, i));
  g_ptr_array_set_size (self->intake_rows, 0);
  refused = record != NULL && g_strcmp0 (flow->state, toa_article_state_code (TOA_STATE_REFUSED)) == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->intake_group), record != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_group), refused);
  show_letter_error (self, NULL);
  if (record == NULL)
    return;

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const ToaIntakeChannel *c = g_ptr_array_index (channels, i);

      if (g_strcmp0 (c->code, record->channel) == 0)
        channel = c->name;
    }
  received = toa_format_iso_date (record->received_on);
  issued = record->issued_on != NULL ? toa_format_iso_date (record->issued_on) : NULL;
  intake_row (self, _("Channel"), channel != NULL ? channel : record->channel);
  intake_row (self, _("Sender"), record->sender_unit_name != NULL ? record->sender_unit_name : record->sender_name);
  intake_row (self, _("Document number"), record->document_no);
  intake_row (self, _("Received"), received);
  intake_row (self, _("Issued"), issued);
  attachment_rows (self, attachments, attachments_error);
  if (refused)
    show_letter (self, record->reply_letter);
}

void
toa_item_view_on_compose_letter (ToaItemView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *letter = NULL;

  if (self->refusal_ground == NULL)
    g_set_error_literal (&error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                         _("The timeline has no refusal with a ground, so the letter cannot say why."));
  else
    letter = toa_intake_reply_letter (self->store, self->person, self->article_id, self->refusal_ground,
                                      NULL, NULL, &error);
  if (letter == NULL)
    {
      show_letter_error (self, error->message);
      return;
    }
  show_letter_error (self, NULL);
  show_letter (self, letter);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Reply letter composed and kept with the item")));
  toa_item_view_emit_changed (self);
}

void
toa_item_view_on_copy_letter (ToaItemView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->letter_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Letter copied")));
}
