/* toa-workflows-group.c — lists workflows with their version and source; import for the
 * administrator (the rule — who may, what is valid — is core's: toa_workflow_save_version). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-people.h"
#include "toa-workflow-store.h"
#include "toa-workflows-group.h"

struct _ToaWorkflowsGroup {
  AdwPreferencesGroup parent_instance;

  ToaStore  *store;
  ToaPerson *person;        /* a copy of the signed-in person's identity and roles */
  GPtrArray *rows;          /* the rows added, to remove them on refresh */

  GtkButton *import_button;
};

G_DEFINE_FINAL_TYPE (ToaWorkflowsGroup, toa_workflows_group, ADW_TYPE_PREFERENCES_GROUP)

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
  return row;
}

static void
refresh (ToaWorkflowsGroup *self)
{
  g_autoptr(GPtrArray) workflows = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

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
  for (guint i = 0; i < workflows->len; i++)
    {
      GtkWidget *row = workflow_row (g_ptr_array_index (workflows, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  /* offered to the administrator; core checks again when saving */
  gtk_widget_set_visible (GTK_WIDGET (self->import_button),
                          toa_people_require_admin (self->store, self->person, "", NULL));
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
