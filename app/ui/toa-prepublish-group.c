/* toa-prepublish-group.c — one AdwComboRow per pre-publish check (Block / Warn / Off) with
 * the check's source below its name; choosing saves through core (administrator only,
 * audited). Ends with a row naming the sources the rules follow as a whole. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-people.h"
#include "toa-prepublish-group.h"
#include "toa-settings-rows.h"

struct _ToaPrepublishGroup {
  AdwPreferencesGroup parent_instance;

  ToaStore   *store;
  ToaPerson  *person;
  GPtrArray  *rows;          /* the rows added, to remove them on refresh */
  GHashTable *rows_by_code;  /* check code → its AdwComboRow */
  gboolean    filling;       /* selections made while filling are not choices */
};

G_DEFINE_FINAL_TYPE (ToaPrepublishGroup, toa_prepublish_group, ADW_TYPE_PREFERENCES_GROUP)

/* The rows' items, in order. */
static const ToaCheckSeverity severities[] = { TOA_CHECK_BLOCK, TOA_CHECK_WARN, TOA_CHECK_OFF };

ToaCheckSeverity
toa_prepublish_group_severity_at (guint position)
{
  return position < G_N_ELEMENTS (severities) ? severities[position] : TOA_CHECK_OFF;
}

static guint
position_of (ToaCheckSeverity severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    if (severities[i] == severity)
      return i;
  return G_N_ELEMENTS (severities) - 1;
}

/* What a check is called in Settings; the code itself for a check this window does not know. */
static char *
check_name (const char *code, int title_max)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "title-missing",       N_("No title") },
    { "sapo-missing",        N_("No sapo") },
    { "section-missing",     N_("No section chosen") },
    { "genre-missing",       N_("No genre chosen") },
    { "image-alt-missing",   N_("Image without alternative text") },
    { "link-empty",          N_("Link without address or text") },
    { "link-scheme",         N_("Link of a kind not allowed") },
    { "attribution-missing", N_("Provided item without attribution line") },
    { "not-nfc",             N_("Text not in precomposed Unicode (NFC)") },
    { "editor-markup",       N_("Editor markup left in the body") },
  };

  if (g_strcmp0 (code, "title-too-long") == 0)
    return title_max > 0 ? g_strdup_printf (_("Title longer than %d characters"), title_max)
                         : g_strdup (_("Title too long"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (code, names[i].code) == 0)
      return g_strdup (_(names[i].name));
  return g_strdup (code);
}

static void
on_selected (AdwComboRow *row, GParamSpec *pspec, ToaPrepublishGroup *self)
{
  const char *code = g_object_get_data (G_OBJECT (row), "check-code");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->filling || self->store == NULL || code == NULL || selected >= G_N_ELEMENTS (severities))
    return;
  if (!toa_prepublish_set_severity (self->store, self->person, code, severities[selected], &error))
    toa_settings_rows_not_saved (ADW_PREFERENCES_GROUP (self), _("The Check Was Not Changed"),
                                 error->message, (ToaSettingsRefresh) toa_prepublish_group_refresh);
}

static void
add_row (ToaPrepublishGroup *self, GtkWidget *row)
{
  toa_settings_rows_add (ADW_PREFERENCES_GROUP (self), self->rows, row);
}

void
toa_prepublish_group_refresh (ToaPrepublishGroup *self)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  int title_max = -1;
  gboolean admin;

  g_return_if_fail (TOA_IS_PREPUBLISH_GROUP (self));

  toa_settings_rows_clear (ADW_PREFERENCES_GROUP (self), self->rows);
  g_hash_table_remove_all (self->rows_by_code);
  if (self->store == NULL || self->person == NULL)
    return;

  if (!(rules = toa_prepublish_rules (self->store, &source, &title_max, &error)))
    {
      toa_settings_rows_add_failure (ADW_PREFERENCES_GROUP (self), self->rows,
                                     _("The checks could not be read"), error->message);
      return;
    }
  /* offered to the administrator; core checks again when saving */
  admin = toa_people_require_admin (self->store, self->person, "", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    switch (severities[i])
      {
      case TOA_CHECK_BLOCK:
        gtk_string_list_append (choices, _("Block"));
        break;
      case TOA_CHECK_WARN:
        gtk_string_list_append (choices, _("Warn"));
        break;
      case TOA_CHECK_OFF:
      default:
        gtk_string_list_append (choices, _("Off"));
        break;
      }

  self->filling = TRUE;
  for (guint i = 0; i < rules->len; i++)
    {
      const ToaCheckRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *name = check_name (rule->code, title_max);
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rule->source);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), position_of (rule->severity));
      gtk_widget_set_sensitive (row, admin);
      gtk_widget_set_tooltip_text (row, admin ? _("Whether this check blocks publishing, only warns, or is off")
                                              : _("Set by the board’s administrator"));
      g_object_set_data_full (G_OBJECT (row), "check-code", g_strdup (rule->code), g_free);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_selected), self, 0);
      add_row (self, row);
      g_hash_table_insert (self->rows_by_code, g_strdup (rule->code), row);
    }
  self->filling = FALSE;

  if (source != NULL && *source != '\0')
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Sources"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source);
      add_row (self, row);
    }
}

void
toa_prepublish_group_set_person (ToaPrepublishGroup *self, ToaStore *store, const ToaPerson *person)
{
  g_return_if_fail (TOA_IS_PREPUBLISH_GROUP (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->person, toa_person_free);
  if (person != NULL)
    self->person = toa_person_copy (person);
  toa_prepublish_group_refresh (self);
}

AdwComboRow *
toa_prepublish_group_get_row (ToaPrepublishGroup *self, const char *code)
{
  g_return_val_if_fail (TOA_IS_PREPUBLISH_GROUP (self), NULL);

  return g_hash_table_lookup (self->rows_by_code, code);
}

static void
toa_prepublish_group_finalize (GObject *object)
{
  ToaPrepublishGroup *self = TOA_PREPUBLISH_GROUP (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->rows_by_code);
  G_OBJECT_CLASS (toa_prepublish_group_parent_class)->finalize (object);
}

static void
toa_prepublish_group_class_init (ToaPrepublishGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = toa_prepublish_group_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/toasoan/ToaSoan/ui/toa-prepublish-group.ui");
}

static void
toa_prepublish_group_init (ToaPrepublishGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->rows_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
