/* toa-article-editor-image.c — putting an image in the article: a file chosen (or an image
 * pasted or dropped into the body) is read, checked, scaled and thumbnailed off the main thread
 * (toa_image_prepare_async), then a small dialog asks for the alt text (required), caption and
 * credit; Insert stores it (toa_images_add: rights, audit, deduplicated — in the editor's
 * background reader, on its own connection, the button spinning meanwhile) and the editor view
 * inserts the figure. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-article-editor-private.h"
#include "toa-form-dialog.h"
#include "toa-images.h"

typedef struct {
  ToaArticleEditor *editor;     /* owned */
  ToaPreparedImage *image;
  GtkWindow        *dialog;
  AdwEntryRow      *alt_row;
  AdwEntryRow      *caption_row;
  AdwEntryRow      *credit_row;
  GtkLabel         *error_label;
  GtkButton        *insert_button;
  gboolean          storing;    /* toa_images_add on its way */
  gboolean          closed;     /* the dialog is gone: a late answer shows nothing */
} ImageJob;

static void
image_job_free (ImageJob *job)
{
  g_clear_object (&job->editor);
  g_clear_pointer (&job->image, toa_prepared_image_free);
  g_free (job);
}

/* Storing the image: in the reader's worker (or at once without a location). */
typedef struct {
  GtkWindow        *dialog;     /* a reference: keeps its ImageJob (and the image) alive */
  ToaPerson        *person;
  gint64            article_id;
  ToaPreparedImage *image;      /* the ImageJob's: only read here */
  char             *alt;
  char             *caption;
  char             *credit;
} StoreJob;

static void
store_job_free (StoreJob *store_job)
{
  g_clear_pointer (&store_job->person, toa_person_free);
  g_free (store_job->alt);
  g_free (store_job->caption);
  g_free (store_job->credit);
  g_clear_object (&store_job->dialog);
  g_free (store_job);
}

static gboolean
store_job_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  StoreJob *store_job = data;

  return toa_images_add (store, store_job->person, store_job->article_id, store_job->image, error);
}

static void
set_storing (ImageJob *job, gboolean storing)
{
  job->storing = storing;
  gtk_widget_set_sensitive (GTK_WIDGET (job->insert_button), !storing);
  if (storing)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_button_set_child (job->insert_button, spinner);
    }
  else
    gtk_button_set_label (job->insert_button, _("_Insert"));
}

static void
store_job_done (gpointer owner, gpointer data, const GError *error)
{
  StoreJob *store_job = data;
  ImageJob *job = g_object_get_data (G_OBJECT (store_job->dialog), "job");
  ToaArticleEditor *self;

  if (job == NULL || job->closed || job->editor->closed)
    return;   /* closed meanwhile: the image is stored, nothing to show */
  self = job->editor;
  set_storing (job, FALSE);
  if (error != NULL)
    {
      toa_form_dialog_show_error (job->error_label, error->message);
      return;
    }
  if (!toa_editor_view_insert_image (self->editor_view, job->image->sha256, store_job->alt, store_job->caption,
                                     store_job->credit, job->image->width, job->image->height))
    {
      toa_form_dialog_show_error (job->error_label, _("The image could not be put in the text. Try again."));
      return;
    }
  gtk_window_destroy (store_job->dialog);
}

static void
on_dialog_destroy (ImageJob *job)
{
  job->closed = TRUE;
}

static void
on_insert (GtkWindow *dialog)
{
  ImageJob *job = g_object_get_data (G_OBJECT (dialog), "job");
  ToaArticleEditor *self = job->editor;
  g_autofree char *alt = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (job->alt_row))));
  StoreJob *store_job;

  if (job->storing)
    return;   /* the first press is on its way */
  if (*alt == '\0')
    {
      toa_form_dialog_show_error (job->error_label,
                                  _("Describe the image for people who cannot see it (alt text): it is required."));
      gtk_widget_grab_focus (GTK_WIDGET (job->alt_row));
      return;
    }
  store_job = g_new0 (StoreJob, 1);
  store_job->dialog = g_object_ref (dialog);
  store_job->person = toa_person_copy (self->person);
  store_job->article_id = self->article_id;
  store_job->image = job->image;
  store_job->alt = g_steal_pointer (&alt);
  store_job->caption = g_strdup (gtk_editable_get_text (GTK_EDITABLE (job->caption_row)));
  store_job->credit = g_strdup (gtk_editable_get_text (GTK_EDITABLE (job->credit_row)));
  set_storing (job, TRUE);
  toa_background_reader_write (self->reader, store_job_run, store_job_done, self, store_job,
                               (GDestroyNotify) store_job_free);
}

static void
show_details_dialog (ToaArticleEditor *self, ToaPreparedImage *image)
{
  ImageJob *job = g_new0 (ImageJob, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *picture;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *description = NULL;

  job->editor = g_object_ref (self);
  job->image = image;
  job->dialog = toa_form_dialog_new (ADW_TYPE_WINDOW, GTK_WINDOW (self), 520, 560, _("Insert Image"));
  g_object_set_data_full (G_OBJECT (job->dialog), "job", job, (GDestroyNotify) image_job_free);
  g_signal_connect_swapped (job->dialog, "destroy", G_CALLBACK (on_dialog_destroy), job);
  job->insert_button = GTK_BUTTON (toa_form_dialog_header (GTK_BOX (box), job->dialog, _("_Insert"),
                                                           G_CALLBACK (on_insert)));

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  if (image->thumb_data != NULL && (texture = gdk_texture_new_from_bytes (image->thumb_data, NULL)) != NULL)
    {
      picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      gtk_widget_set_size_request (picture, -1, 180);
      gtk_box_append (GTK_BOX (content), picture);
    }
  /* Translators: an image's file name, then its width and height in pixels */
  description = g_strdup_printf (_("%s, %d × %d pixels"), image->file_name != NULL ? image->file_name : "",
                                 image->width, image->height);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  job->alt_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->alt_row), _("Alt text (required)"));
  gtk_widget_set_name (GTK_WIDGET (job->alt_row), "alt");
  job->caption_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->caption_row), _("Caption"));
  gtk_widget_set_name (GTK_WIDGET (job->caption_row), "caption");
  job->credit_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (job->credit_row), _("Credit (photo by)"));
  gtk_widget_set_name (GTK_WIDGET (job->credit_row), "credit");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (job->alt_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (job->caption_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (job->credit_row));
  job->error_label = toa_form_dialog_error_label (ADW_PREFERENCES_GROUP (group));
  gtk_box_append (GTK_BOX (content), group);
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (job->dialog), box);
  gtk_window_present (job->dialog);
  gtk_widget_grab_focus (GTK_WIDGET (job->alt_row));
}

static void
on_prepared (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(ToaArticleEditor) self = data;
  g_autoptr(GError) error = NULL;
  ToaPreparedImage *image = toa_image_prepare_finish (result, &error);

  if (image == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toa_article_editor_show_message (self, error->message, TRUE);
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      toa_prepared_image_free (image);
      return;
    }
  show_details_dialog (self, image);
}

void
toa_article_editor_add_image (ToaArticleEditor *self, GBytes *data, const char *name)
{
  g_autoptr(GError) error = NULL;
  ToaImageLimits limits;

  if (self->article_id == 0)
    {
      toa_article_editor_show_message (self, _("Save the new article once before adding images to it."), TRUE);
      return;
    }
  if (!toa_image_limits_get (self->store, &limits, &error))
    {
      toa_article_editor_show_message (self, error->message, TRUE);
      return;
    }
  toa_image_prepare_async (data, name, &limits, self->cancellable, on_prepared, g_object_ref (self));
}

static void
on_file_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(ToaArticleEditor) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toa_article_editor_show_message (self, error->message, TRUE);
      return;
    }
  toa_article_editor_add_image (self, bytes, name);
}

static void
on_chooser_response (GtkNativeDialog *chooser, int response, ToaArticleEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    toa_article_editor_insert_image_file (self, file);
  g_object_unref (chooser);
}

void
toa_article_editor_insert_image_file (ToaArticleEditor *self, GFile *file)
{
  g_return_if_fail (TOA_IS_ARTICLE_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->article_id == 0)
    {
      toa_article_editor_show_message (self, _("Save the new article once before adding images to it."), TRUE);
      return;
    }
  g_file_load_bytes_async (file, self->cancellable, on_file_loaded, g_object_ref (self));
}

void
toa_article_editor_choose_image (ToaArticleEditor *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->article_id == 0)
    {
      toa_article_editor_show_message (self, _("Save the new article once before adding images to it."), TRUE);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Insert Image"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images (JPEG, PNG, GIF, WebP)"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/gif");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
