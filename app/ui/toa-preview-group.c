/* toa-preview-group.c — one AdwComboRow per site listing the preview templates; choosing
 * one saves it through core (administrator only, audited). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-people.h"
#include "toa-preview-group.h"
#include "toa-preview.h"
#include "toa-settings-rows.h"

struct _ToaPreviewGroup {
  AdwPreferencesGroup parent_instance;

  ToaStore   *store;
  ToaPerson  *person;
  GPtrArray  *templates;   /* of ToaPreviewTemplate, in the rows' order */
  GPtrArray  *rows;        /* the rows added, to remove them on refresh */
  GHashTable *rows_by_site;/* site code → its AdwComboRow */
  gboolean    filling;     /* selections made while filling are not choices */
};

G_DEFINE_FINAL_TYPE (ToaPreviewGroup, toa_preview_group, ADW_TYPE_PREFERENCES_GROUP)

static void
on_selected (AdwComboRow *row, GParamSpec *pspec, ToaPreviewGroup *self)
{
  const gint64 *site_id = g_object_get_data (G_OBJECT (row), "site-id");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  ToaPreviewTemplate *template;

  if (self->filling || self->store == NULL || site_id == NULL || selected >= self->templates->len)
    return;
  template = g_ptr_array_index (self->templates, selected);
  if (!toa_preview_set_template (self->store, self->person, *site_id, template->code, &error))
    toa_settings_rows_not_saved (ADW_PREFERENCES_GROUP (self), _("The Template Was Not Changed"),
                                 error->message, (ToaSettingsRefresh) toa_preview_group_refresh);
}

void
toa_preview_group_refresh (ToaPreviewGroup *self)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean admin;

  g_return_if_fail (TOA_IS_PREVIEW_GROUP (self));

  toa_settings_rows_clear (ADW_PREFERENCES_GROUP (self), self->rows);
  g_hash_table_remove_all (self->rows_by_site);
  if (self->store == NULL || self->person == NULL)
    return;

  if (!(sites = toa_store_site_list (self->store, &error)))
    {
      toa_settings_rows_add_failure (ADW_PREFERENCES_GROUP (self), self->rows,
                                     _("The sites could not be read"), error->message);
      return;
    }
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->templates = toa_preview_templates ();
  for (guint i = 0; i < self->templates->len; i++)
    gtk_string_list_append (names, ((ToaPreviewTemplate *) g_ptr_array_index (self->templates, i))->name);
  /* offered to the administrator; core checks again when saving */
  admin = toa_people_require_admin (self->store, self->person, "", NULL);

  self->filling = TRUE;
  for (guint i = 0; i < sites->len; i++)
    {
      ToaSite *site = g_ptr_array_index (sites, i);
      g_autofree char *code = toa_preview_template_for_site (self->store, site->id, NULL);
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), site->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   admin ? _("Template of its article pages")
                                         : _("Chosen by the board’s administrator"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      for (guint t = 0; t < self->templates->len; t++)
        if (g_strcmp0 (((ToaPreviewTemplate *) g_ptr_array_index (self->templates, t))->code, code) == 0)
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), t);
      gtk_widget_set_sensitive (row, admin);
      g_object_set_data_full (G_OBJECT (row), "site-id", g_memdup2 (&site->id, sizeof site->id), g_free);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_selected), self, 0);
      toa_settings_rows_add (ADW_PREFERENCES_GROUP (self), self->rows, row);
      g_hash_table_insert (self->rows_by_site, g_strdup (site->code), row);
    }
  self->filling = FALSE;
}

void
toa_preview_group_set_person (ToaPreviewGroup *self, ToaStore *store, const ToaPerson *person)
{
  g_return_if_fail (TOA_IS_PREVIEW_GROUP (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->person, toa_person_free);
  if (person != NULL)
    self->person = toa_person_copy (person);
  toa_preview_group_refresh (self);
}

AdwComboRow *
toa_preview_group_get_row (ToaPreviewGroup *self, const char *site_code)
{
  g_return_val_if_fail (TOA_IS_PREVIEW_GROUP (self), NULL);

  return g_hash_table_lookup (self->rows_by_site, site_code);
}

static void
toa_preview_group_finalize (GObject *object)
{
  ToaPreviewGroup *self = TOA_PREVIEW_GROUP (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->rows_by_site);
  G_OBJECT_CLASS (toa_preview_group_parent_class)->finalize (object);
}

static void
toa_preview_group_class_init (ToaPreviewGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = toa_preview_group_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/toasoan/ToaSoan/ui/toa-preview-group.ui");
}

static void
toa_preview_group_init (ToaPreviewGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->rows_by_site = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->templates = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
