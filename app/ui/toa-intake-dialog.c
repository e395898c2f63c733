/* toa-intake-dialog.c — the dialog that registers received material as the signed-in person.
 * The choices come from the store (intake channels, providing units, genres, the sites the
 * person may register on with their sections, kinds of information); the rules are core's
 * (toa_intake_add): this gathers what was typed and shows why core refused, keeping every
 * field as it was. The choices are read in the background (toa-background-reader.h) while the
 * dialog shows that it is reading them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-attachments.h"
#include "toa-background-reader.h"
#include "toa-error.h"
#include "toa-form-dialog.h"
#include "toa-intake.h"
#include "toa-intake-dialog.h"
#include "toa-text.h"

struct _ToaIntakeDialog {
  AdwWindow parent_instance;

  ToaStore   *store;
  ToaPerson  *person;
  GPtrArray  *sites;           /* of ToaSite, those the person may register on, as listed */
  GPtrArray  *sections;        /* of GPtrArray of ToaSection, parallel to @sites */
  ToaBackgroundReader *reader; /* where the choices are read */
  GCancellable *cancellable;   /* of that read; cancelled on dispose */
  gboolean    loading;
  GtkLabel   *loading_label;
  GHashTable *rows;            /* name → row widget (not owned) */
  GPtrArray  *attachment_paths; /* of char*, the chosen files' paths (file system encoding) */
  GPtrArray  *attachment_rows;  /* of GtkWidget*, parallel to @attachment_paths */

  AdwPreferencesGroup *files_group;
  GtkTextView *sapo_view;
  GtkTextView *body_view;
  GtkLabel    *error_label;
  GtkWidget   *register_button;
};

G_DEFINE_FINAL_TYPE (ToaIntakeDialog, toa_intake_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_REGISTERED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- rows ----------------------------------------------------------------------------------- */

static GtkWidget *
add_row (ToaIntakeDialog *self, AdwPreferencesGroup *group, const char *name, GtkWidget *row,
         const char *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->rows, (gpointer) g_intern_string (name), row);
  return row;
}

static GtkWidget *
entry_row (ToaIntakeDialog *self, AdwPreferencesGroup *group, const char *name, const char *title)
{
  return add_row (self, group, name, adw_entry_row_new (), title);
}

static GtkWidget *
combo_row (ToaIntakeDialog *self, AdwPreferencesGroup *group, const char *name, const char *title)
{
  GtkWidget *row = add_row (self, group, name, adw_combo_row_new (), title);

  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), FALSE);
  return row;
}

/* Sets a combo row's choices: @names shown, @codes ("" = none) kept on the row. */
static void
set_choices (GtkWidget *row, GPtrArray *names, GStrvBuilder *codes)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (names, i));
  g_object_set_data_full (G_OBJECT (row), "codes", g_strv_builder_end (codes), (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
}

/* The chosen code of combo row @name; NULL when nothing (or "none") is chosen. */
static const char *
chosen (ToaIntakeDialog *self, const char *name)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, g_intern_string (name));
  GStrv codes = g_object_get_data (G_OBJECT (row), "codes");
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (codes == NULL || i == GTK_INVALID_LIST_POSITION || i >= g_strv_length (codes) || *codes[i] == '\0')
    return NULL;
  return codes[i];
}

static const char *
text_of (ToaIntakeDialog *self, const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_hash_table_lookup (self->rows, g_intern_string (name))));
}

static const ToaSite *
chosen_site (ToaIntakeDialog *self)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (g_hash_table_lookup (self->rows, "site")));

  return i < self->sites->len ? g_ptr_array_index (self->sites, i) : NULL;
}

static void
fill_sections (ToaIntakeDialog *self)
{
  const ToaSite *site = chosen_site (self);
  guint at = site != NULL ? adw_combo_row_get_selected (ADW_COMBO_ROW (g_hash_table_lookup (self->rows, "site"))) : 0;
  GPtrArray *sections = site != NULL && at < self->sections->len ? g_ptr_array_index (self->sections, at) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      const ToaSection *section = g_ptr_array_index (sections, i);

      g_ptr_array_add (names, section->name);
      g_strv_builder_add (codes, section->code);
    }
  set_choices (g_hash_table_lookup (self->rows, "section"), names, codes);
}

static void
on_site_selected (ToaIntakeDialog *self)
{
  fill_sections (self);
}

/* What the dialog offers, read in the background: the lists, and the sections of every site
 * the person may register on (so choosing a site reads nothing). */
typedef struct {
  ToaPerson *person;
  GPtrArray *channels, *units, *genres, *kinds, *sites;
  GPtrArray *sections;   /* of GPtrArray of ToaSection, parallel to the sites kept */
} Choices;

static void
choices_free (Choices *job)
{
  g_clear_pointer (&job->person, toa_person_free);
  g_clear_pointer (&job->channels, g_ptr_array_unref);
  g_clear_pointer (&job->units, g_ptr_array_unref);
  g_clear_pointer (&job->genres, g_ptr_array_unref);
  g_clear_pointer (&job->kinds, g_ptr_array_unref);
  g_clear_pointer (&job->sites, g_ptr_array_unref);
  g_clear_pointer (&job->sections, g_ptr_array_unref);
  g_free (job);
}

static gboolean
choices_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Choices *job = data;

  if ((job->channels = toa_store_intake_channel_list (store, error)) == NULL
      || (job->units = toa_store_unit_list (store, error)) == NULL
      || (job->genres = toa_store_genre_list (store, error)) == NULL
      || (job->kinds = toa_store_info_kind_list (store, error)) == NULL
      || (job->sites = toa_store_site_list (store, error)) == NULL)
    return FALSE;
  job->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < job->sites->len; i++)
    {
      ToaSite *site = g_ptr_array_index (job->sites, i);
      GPtrArray *sections;

      if (!toa_intake_may_register (job->person, site->id))
        {
          g_ptr_array_remove_index (job->sites, i--);
          continue;
        }
      sections = toa_store_section_list (store, site->id, error);
      if (sections == NULL)
        return FALSE;
      g_ptr_array_add (job->sections, sections);
    }
  return TRUE;
}

static void
show_choices (ToaIntakeDialog *self, Choices *job)
{
  GPtrArray *channels = job->channels, *units = job->units, *genres = job->genres, *kinds = job->kinds;
  GPtrArray *sites = job->sites;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  guint portal = 0;

  for (guint i = 0; channels != NULL && i < channels->len; i++)
    {
      const ToaIntakeChannel *channel = g_ptr_array_index (channels, i);

      g_ptr_array_add (names, channel->skips_intake
                              /* Translators: an intake channel, e.g. "Viết tại chỗ" */
                              ? g_strdup_printf (_("%s (skips intake: starts as a draft)"), channel->name)
                              : g_strdup (channel->name));
      g_strv_builder_add (codes, channel->code);
    }
  set_choices (g_hash_table_lookup (self->rows, "channel"), names, codes);

  g_ptr_array_set_size (names, 0);
  g_strv_builder_unref (codes);
  codes = g_strv_builder_new ();
  g_ptr_array_add (names, g_strdup (_("Not a registered unit (give the sender’s name)")));
  g_strv_builder_add (codes, "");
  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      const ToaUnit *unit = g_ptr_array_index (units, i);

      g_ptr_array_add (names, g_strdup (unit->name));
      g_strv_builder_add (codes, unit->code);
    }
  set_choices (g_hash_table_lookup (self->rows, "unit"), names, codes);

  g_ptr_array_set_size (names, 0);
  g_strv_builder_unref (codes);
  codes = g_strv_builder_new ();
  for (guint i = 0; genres != NULL && i < genres->len; i++)
    {
      const ToaGenre *genre = g_ptr_array_index (genres, i);

      g_ptr_array_add (names, g_strdup (genre->name));
      g_strv_builder_add (codes, genre->code);
    }
  set_choices (g_hash_table_lookup (self->rows, "genre"), names, codes);

  g_ptr_array_set_size (names, 0);
  g_strv_builder_unref (codes);
  codes = g_strv_builder_new ();
  g_ptr_array_add (names, g_strdup (_("None (no deadline)")));
  g_strv_builder_add (codes, "");
  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      const ToaInfoKind *kind = g_ptr_array_index (kinds, i);

      g_ptr_array_add (names, g_strdup (kind->name));
      g_strv_builder_add (codes, kind->code);
    }
  set_choices (g_hash_table_lookup (self->rows, "kind"), names, codes);

  g_ptr_array_set_size (names, 0);
  g_strv_builder_unref (codes);
  codes = g_strv_builder_new ();
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      ToaSite *site = g_ptr_array_index (sites, i);

      if (g_strcmp0 (site->code, "portal") == 0)
        portal = self->sites->len;
      g_ptr_array_add (names, g_strdup (site->name));
      g_strv_builder_add (codes, site->code);
      g_ptr_array_add (self->sites, g_ptr_array_steal_index (sites, i));
      i--;
    }
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  self->sections = g_steal_pointer (&job->sections);
  set_choices (g_hash_table_lookup (self->rows, "site"), names, codes);
  adw_combo_row_set_selected (ADW_COMBO_ROW (g_hash_table_lookup (self->rows, "site")), portal);
  fill_sections (self);
}

static void
choices_done (gpointer owner, gpointer data, const GError *error)
{
  ToaIntakeDialog *self = TOA_INTAKE_DIALOG (owner);

  self->loading = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_label), FALSE);
  if (error != NULL)
    {
      /* Translators: the reason follows */
      g_autofree char *message = g_strdup_printf (_("The choices could not be read: %s. Close this dialog and try again."),
                                                  error->message);

      toa_form_dialog_show_error (self->error_label, message);
      return;
    }
  show_choices (self, data);
  gtk_widget_set_sensitive (self->register_button, TRUE);
}

/* Reads the choices (in the background when the reader has a connection of its own). */
static void
fill_choices (ToaIntakeDialog *self)
{
  Choices *job = g_new0 (Choices, 1);

  job->person = toa_person_copy (self->person);
  self->loading = TRUE;
  gtk_widget_set_sensitive (self->register_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_label), TRUE);
  toa_background_reader_run (self->reader, NULL, choices_run, choices_done, self, self->cancellable,
                             job, (GDestroyNotify) choices_free);
}

/* ---- attachments ------------------------------------------------------------------------------ */

static void
on_remove_attachment (GtkButton *button, ToaIntakeDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  guint i;

  if (row != NULL && g_ptr_array_find (self->attachment_rows, row, &i))
    {
      g_ptr_array_remove_index (self->attachment_paths, i);
      g_ptr_array_remove_index (self->attachment_rows, i);
      adw_preferences_group_remove (self->files_group, row);
    }
}

void
toa_intake_dialog_add_attachment (ToaIntakeDialog *self, const char *path)
{
  GtkWidget *row, *remove;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL, *size = NULL;

  g_return_if_fail (TOA_IS_INTAKE_DIALOG (self));
  if (path == NULL || *path == '\0')
    return;
  file = g_file_new_for_path (path);
  name = g_filename_display_basename (path);
  /* The size as a hint; core checks the file again when it is registered. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  size = info != NULL ? toa_attachments_format_size (g_file_info_get_size (info))
                      : g_strdup (_("cannot be read"));
  row = adw_action_row_new ();
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from the list"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_attachment), self);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  gtk_widget_set_tooltip_text (row, path);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (self->files_group, row);
  g_ptr_array_add (self->attachment_paths, g_strdup (path));
  g_ptr_array_add (self->attachment_rows, row);
}

static void
on_files_chosen (GtkNativeDialog *dialog, int response, ToaIntakeDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            toa_intake_dialog_add_attachment (self, path);
        }
    }
  g_object_unref (dialog);
}

static void
on_add_files_clicked (ToaIntakeDialog *self)
{
  GtkFileChooserNative *dialog;

  /* GtkFileDialog is GTK 4.10; the native chooser works on 4.8 and newer */
  dialog = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_files_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- submit -------------------------------------------------------------------------------- */

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Typed text as HTML: one paragraph per non-empty line. NULL when empty. */
static char *
text_to_html (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) html = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      escaped = g_markup_escape_text (lines[i], -1);
      g_string_append_printf (html, "<p>%s</p>", escaped);
    }
  return html->len > 0 ? g_string_free (g_steal_pointer (&html), FALSE) : NULL;
}

static const char *
or_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
toa_intake_dialog_submit (ToaIntakeDialog *self, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *sapo = NULL, *body_text = NULL, *body = NULL;
  const ToaSite *site;
  ToaIntakeDraft draft = { { 0 } };

  g_return_val_if_fail (TOA_IS_INTAKE_DIALOG (self), FALSE);

  site = chosen_site (self);
  sapo = buffer_text (self->sapo_view);
  body_text = buffer_text (self->body_view);
  body = text_to_html (body_text);
  g_ptr_array_add (self->attachment_paths, NULL);

  draft.draft.site_code = site != NULL ? site->code : NULL;
  draft.draft.section_code = chosen (self, "section");
  draft.draft.genre = chosen (self, "genre");
  draft.draft.unit_code = chosen (self, "unit");
  draft.draft.info_kind = chosen (self, "kind");
  draft.draft.title = text_of (self, "title");
  draft.draft.sapo = or_null (sapo);
  draft.draft.body_html = body;
  draft.draft.body_len = -1;
  draft.channel = chosen (self, "channel");
  draft.sender_name = or_null (text_of (self, "sender"));
  draft.document_no = or_null (text_of (self, "document"));
  draft.received_on = or_null (text_of (self, "received"));
  draft.issued_on = or_null (text_of (self, "issued"));
  draft.attachment_paths = (const char * const *) self->attachment_paths->pdata;

  if (site == NULL)
    g_set_error_literal (&local_error, TOA_ERROR, TOA_ERROR_PERMISSION,
                         _("You hold no role that registers material on any site. Ask the administrator for one."));
  else
    article = toa_intake_add (self->store, self->person, &draft, &deadline, &local_error);
  g_ptr_array_remove_index (self->attachment_paths, self->attachment_paths->len - 1);
  if (article == NULL)
    {
      toa_form_dialog_show_error (self->error_label, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  toa_form_dialog_show_error (self->error_label, NULL);
  g_signal_emit (self, signals[SIGNAL_REGISTERED], 0, article->id, deadline);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_register_clicked (ToaIntakeDialog *self)
{
  toa_intake_dialog_submit (self, NULL);
}

/* ---- building -------------------------------------------------------------------------------- */

static GtkTextView *
text_area (AdwPreferencesGroup *group, const char *name, int min_height)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_name (view, name);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), min_height);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  adw_preferences_group_add (group, scrolled);
  return GTK_TEXT_VIEW (view);
}

static AdwPreferencesGroup *
new_group (AdwPreferencesPage *page, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
build (ToaIntakeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *error_group = new_group (page, NULL, NULL);
  AdwPreferencesGroup *source = new_group (page, _("Where It Came From"),
                                           _("Material from outside needs its sender: a registered unit or a name."));
  AdwPreferencesGroup *item = new_group (page, _("The Item"),
                                         _("The kind of information sets the deadline, counted in working days."));
  AdwPreferencesGroup *sapo_group = new_group (page, _("Sapo"), _("Optional"));
  AdwPreferencesGroup *body_group = new_group (page, _("Body"), _("Optional: one paragraph per line"));
  GtkWidget *add_files = gtk_button_new_with_mnemonic (_("A_ttach Files…"));
  g_autoptr(GDateTime) now = g_date_time_new_now (toa_time_zone ());
  g_autofree char *today = g_date_time_format (now, "%d/%m/%Y");

  self->register_button = toa_form_dialog_header (GTK_BOX (box), GTK_WINDOW (self), _("_Register"),
                                                  G_CALLBACK (on_register_clicked));
  self->error_label = toa_form_dialog_error_label (error_group);
  self->loading_label = GTK_LABEL (gtk_label_new (_("Reading the choices…")));
  gtk_label_set_xalign (self->loading_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->loading_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->loading_label), FALSE);
  adw_preferences_group_add (error_group, GTK_WIDGET (self->loading_label));

  combo_row (self, source, "channel", _("Channel"));
  combo_row (self, source, "unit", _("Sender unit"));
  entry_row (self, source, "sender", _("Sender’s name (when not a registered unit)"));
  entry_row (self, source, "document", _("Document number"));
  gtk_editable_set_text (GTK_EDITABLE (entry_row (self, source, "received", _("Received (dd/mm/yyyy)"))), today);
  entry_row (self, source, "issued", _("Issued (dd/mm/yyyy, optional)"));

  entry_row (self, item, "title", _("Title"));
  combo_row (self, item, "genre", _("Genre"));
  combo_row (self, item, "site", _("Site"));
  combo_row (self, item, "section", _("Section"));
  combo_row (self, item, "kind", _("Kind of information"));

  self->sapo_view = text_area (sapo_group, "sapo", 64);
  self->body_view = text_area (body_group, "body", 160);

  self->files_group = new_group (page, _("Attachments"), _("The names of the files that came with the material"));
  gtk_widget_add_css_class (add_files, "flat");
  gtk_widget_set_valign (add_files, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add_files, "clicked", G_CALLBACK (on_add_files_clicked), self);
  adw_preferences_group_set_header_suffix (self->files_group, add_files);

  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page));
  return box;
}

ToaIntakeDialog *
toa_intake_dialog_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person)
{
  return toa_intake_dialog_new_with_reader (parent, store, person, NULL);
}

ToaIntakeDialog *
toa_intake_dialog_new_with_reader (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                                   ToaBackgroundReader *reader)
{
  ToaIntakeDialog *self;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (reader == NULL || TOA_IS_BACKGROUND_READER (reader), NULL);

  self = toa_form_dialog_new (TOA_TYPE_INTAKE_DIALOG, parent, 600, 820, _("Register Material"));
  self->store = g_object_ref (store);
  self->person = toa_person_copy (person);
  self->reader = reader != NULL ? g_object_ref (reader) : toa_background_reader_new (store, NULL);
  adw_window_set_content (ADW_WINDOW (self), build (self));
  fill_choices (self);
  g_signal_connect_swapped (g_hash_table_lookup (self->rows, "site"), "notify::selected",
                            G_CALLBACK (on_site_selected), self);
  return self;
}

static void
toa_intake_dialog_dispose (GObject *object)
{
  ToaIntakeDialog *self = TOA_INTAKE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->attachment_paths, g_ptr_array_unref);
  g_clear_pointer (&self->attachment_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (toa_intake_dialog_parent_class)->dispose (object);
}

static void
toa_intake_dialog_class_init (ToaIntakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_intake_dialog_dispose;
  /* The item was registered: its id and its deadline ("YYYY-MM-DD" or NULL). */
  signals[SIGNAL_REGISTERED] = g_signal_new ("registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
toa_intake_dialog_init (ToaIntakeDialog *self)
{
  self->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_site_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->attachment_paths = g_ptr_array_new_with_free_func (g_free);
  self->attachment_rows = g_ptr_array_new ();
}

GtkWidget *
toa_intake_dialog_get_row (ToaIntakeDialog *self, const char *name)
{
  g_return_val_if_fail (TOA_IS_INTAKE_DIALOG (self), NULL);
  return self->rows != NULL ? g_hash_table_lookup (self->rows, g_intern_string (name)) : NULL;
}

GtkTextView *
toa_intake_dialog_get_sapo_view (ToaIntakeDialog *self)
{
  return self->sapo_view;
}

GtkTextView *
toa_intake_dialog_get_body_view (ToaIntakeDialog *self)
{
  return self->body_view;
}

guint
toa_intake_dialog_position (ToaIntakeDialog *self, const char *row, const char *code)
{
  GtkWidget *widget = toa_intake_dialog_get_row (self, row);
  GStrv codes = widget != NULL ? g_object_get_data (G_OBJECT (widget), "codes") : NULL;

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

const char *
toa_intake_dialog_get_error (ToaIntakeDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

gboolean
toa_intake_dialog_is_loading (ToaIntakeDialog *self)
{
  g_return_val_if_fail (TOA_IS_INTAKE_DIALOG (self), FALSE);
  return self->loading;
}

void
toa_intake_dialog_wait_idle (ToaIntakeDialog *self)
{
  g_return_if_fail (TOA_IS_INTAKE_DIALOG (self));
  while (self->loading)
    g_main_context_iteration (NULL, TRUE);
}
