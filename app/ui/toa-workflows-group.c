/* toa-workflows-group.c — lists workflows with their version and source and the board's
 * default; for the administrator an Edit button per workflow (the editor window), import
 * and choosing the default (the rules — who may, what is valid — are core's:
 * toa_workflow_save_version, toa_workflow_set_default). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-delegation.h"
#include "toa-people.h"
#include "toa-workflow-editor.h"
#include "toa-workflow-store.h"
#include "toa-workflows-group.h"

struct _ToaWorkflowsGroup {
  AdwPreferencesGroup parent_instance;

  ToaStore  *store;
  ToaPerson *person;        /* a copy of the signed-in person's identity and roles */
  GPtrArray *rows;          /* the workflow rows added, to remove them on refresh */
  GHashTable *edit_buttons; /* code → its Edit button (administrator only) */
  GStrv      default_codes; /* the combo row's codes, in its order */
  AdwComboRow *default_row;
  ToaWorkflowEditor *editor; /* the editor opened last (weak) */
  gboolean   updating;

  GtkButton *import_button;
};

G_DEFINE_FINAL_TYPE (ToaWorkflowsGroup, toa_workflows_group, ADW_TYPE_PREFERENCES_GROUP)

static void refresh (ToaWorkflowsGroup *self);
static void show_message (ToaWorkflowsGroup *self, const char *heading, const char *body);

static void
on_editor_saved (ToaWorkflowsGroup *self)
{
  refresh (self);
}

static void
on_edit_clicked (GtkButton *button, ToaWorkflowsGroup *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  ToaWorkflowEditor *editor = toa_workflow_editor_new (self->store, self->person, code, &error);

  if (editor == NULL)
    {
      show_message (self, _("The Workflow Cannot Be Opened"), error->message);
      return;
    }
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->editor, editor);
  gtk_window_present (GTK_WINDOW (editor));
}

static GtkWidget *
edit_button (ToaWorkflowsGroup *self, const ToaWorkflow *workflow)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Edit…"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Edit who may take each action; saving makes a new version"));
  g_object_set_data_full (G_OBJECT (button), "code", g_strdup (workflow->code), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_edit_clicked), self);
  return button;
}

static void
on_default_selected (AdwComboRow *row, GParamSpec *pspec, ToaWorkflowsGroup *self)
{
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->updating || self->default_codes == NULL || selected >= g_strv_length (self->default_codes))
    return;
  if (!toa_workflow_set_default (self->store, self->person, self->default_codes[selected], &error))
    {
      show_message (self, _("The Default Workflow Was Not Changed"), error->message);
      refresh (self);
    }
}

/* "Default workflow": a choice for the administrator, shown read-only to everyone else. */
static GtkWidget *
default_row (ToaWorkflowsGroup *self, GPtrArray *workflows, gboolean admin)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autofree char *current = toa_delegation_default_workflow (self->store, NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < workflows->len; i++)
    {
      const ToaWorkflow *workflow = g_ptr_array_index (workflows, i);

      gtk_string_list_append (names, workflow->name != NULL ? workflow->name : workflow->code);
      g_strv_builder_add (codes, workflow->code);
      if (g_strcmp0 (workflow->code, current) == 0)
        selected = i;
    }
  g_clear_pointer (&self->default_codes, g_strfreev);
  self->default_codes = g_strv_builder_end (codes);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Default workflow"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               admin ? _("New items follow it from their first action; items under way keep theirs")
                                     : _("Chosen by the board’s administrator"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_widget_set_sensitive (row, admin);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_default_selected), self);
  return row;
}

static GtkWidget *
workflow_row (const ToaWorkflow *workflow)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *subtitle = g_strdup_printf (_("%s · version %d · %u states, %u actions"),
                                               workflow->code, workflow->version,
                                               workflow->states->len, workflow->transitions->len);
  GtkWidget *source = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), workflow->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (source), _("Source"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (source), workflow->source != NULL ? workflow->source : "");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), source);
  g_object_set_data_full (G_OBJECT (row), "code", g_strdup (workflow->code), g_free);
  return row;
}

static void
refresh (ToaWorkflowsGroup *self)
{
  g_autoptr(GPtrArray) workflows = NULL;
  g_autoptr(GError) error = NULL;

  gboolean admin;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->edit_buttons);
  if (self->default_row != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->default_row));
  self->default_row = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  if (self->store == NULL || self->person == NULL)
    return;

  workflows = toa_workflow_load_all (self->store, &error);
  if (workflows == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
      return;
    }
  /* offered to the administrator; core checks again when saving */
  admin = toa_people_require_admin (self->store, self->person, "", NULL);
  self->updating = TRUE;
  self->default_row = ADW_COMBO_ROW (default_row (self, workflows, admin));
  self->updating = FALSE;
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->default_row));
  for (guint i = 0; i < workflows->len; i++)
    {
      const ToaWorkflow *workflow = g_ptr_array_index (workflows, i);
      GtkWidget *row = workflow_row (workflow);

      if (admin)
        {
          GtkWidget *button = edit_button (self, workflow);

          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
          g_hash_table_insert (self->edit_buttons, g_strdup (workflow->code), button);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), admin);
}

static void
show_message (ToaWorkflowsGroup *self, const char *heading, const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
toa_workflows_group_import (ToaWorkflowsGroup *self, const char *contents, gsize length, GError **error)
{
  g_autoptr(ToaWorkflow) workflow = NULL;

  g_return_val_if_fail (TOA_IS_WORKFLOWS_GROUP (self), FALSE);
  g_return_val_if_fail (self->store != NULL && self->person != NULL, FALSE);

  if (!(workflow = toa_workflow_from_json (contents, (gssize) length, error))
      || !toa_workflow_save_version (self->store, self->person, workflow, error))
    return FALSE;
  refresh (self);
  return TRUE;
}

static void
on_file_chosen (GtkNativeDialog *dialog, int response, ToaWorkflowsGroup *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error)
      || !toa_workflows_group_import (self, contents, length, &error))
    show_message (self, _("The Workflow Was Not Saved"), error->message);
}

static void
on_import_clicked (ToaWorkflowsGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  /* GtkFileDialog is GTK 4.10; the native chooser works on 4.8 and newer */
  dialog = gtk_file_chooser_native_new (_("Import a Workflow"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Workflow definitions (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
toa_workflows_group_dispose (GObject *object)
{
  ToaWorkflowsGroup *self = TOA_WORKFLOWS_GROUP (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->edit_buttons, g_hash_table_unref);
  g_clear_pointer (&self->default_codes, g_strfreev);
  g_clear_weak_pointer (&self->editor);
  G_OBJECT_CLASS (toa_workflows_group_parent_class)->dispose (object);
}

static void
toa_workflows_group_class_init (ToaWorkflowsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_workflows_group_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/toasoan/ToaSoan/ui/toa-workflows-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowsGroup, import_button);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
}

static void
toa_workflows_group_init (ToaWorkflowsGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->edit_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
toa_workflows_group_set_person (ToaWorkflowsGroup *self, ToaStore *store, const ToaPerson *person)
{
  g_return_if_fail (TOA_IS_WORKFLOWS_GROUP (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->person, toa_person_free);
  if (person != NULL)
    self->person = toa_person_copy (person);
  refresh (self);
}

guint
toa_workflows_group_get_n_workflows (ToaWorkflowsGroup *self)
{
  g_return_val_if_fail (TOA_IS_WORKFLOWS_GROUP (self), 0);
  return self->rows->len;
}

GtkWidget *
toa_workflows_group_get_edit_button (ToaWorkflowsGroup *self, const char *code)
{
  g_return_val_if_fail (TOA_IS_WORKFLOWS_GROUP (self), NULL);
  return g_hash_table_lookup (self->edit_buttons, code);
}

AdwComboRow *
toa_workflows_group_get_default_row (ToaWorkflowsGroup *self)
{
  g_return_val_if_fail (TOA_IS_WORKFLOWS_GROUP (self), NULL);
  return self->default_row;
}

ToaWorkflowEditor *
toa_workflows_group_get_editor (ToaWorkflowsGroup *self)
{
  g_return_val_if_fail (TOA_IS_WORKFLOWS_GROUP (self), NULL);
  return self->editor;
}

const char *
toa_workflows_group_get_subtitle (ToaWorkflowsGroup *self, const char *code)
{
  g_return_val_if_fail (TOA_IS_WORKFLOWS_GROUP (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->rows, i);
      const char *code_of_row = g_object_get_data (G_OBJECT (row), "code");

      if (g_strcmp0 (code_of_row, code) == 0)
        return adw_expander_row_get_subtitle (row);
    }
  return NULL;
}
