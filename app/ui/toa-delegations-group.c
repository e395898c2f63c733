/* toa-delegations-group.c — lists the signed-in person's delegations given and received with
 * their status, opens the dialog to delegate, and revokes after a confirmation (core decides
 * who may: toa_delegation_revoke). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-delegation.h"
#include "toa-delegations-group.h"
#include "toa-people.h"
#include "toa-text.h"
#include "toa-transitions.h"
#include "toa-workflow-store.h"

struct _ToaDelegationsGroup {
  AdwPreferencesGroup parent_instance;

  ToaStore   *store;
  ToaPerson  *person;
  GPtrArray  *rows;            /* the rows added, to remove them on refresh */
  GHashTable *rows_by_id;      /* delegation id (gint64*) → its AdwActionRow */
  GHashTable *revoke_buttons;  /* delegation id (gint64*) → its Revoke button */
  AdwMessageDialog *confirmation;   /* weak */

  GtkButton  *delegate_button;
};

G_DEFINE_FINAL_TYPE (ToaDelegationsGroup, toa_delegations_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_message (ToaDelegationsGroup *self, const char *heading, const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_revoke_response (AdwMessageDialog *dialog, const char *response, ToaDelegationsGroup *self)
{
  const gint64 *stored = g_object_get_data (G_OBJECT (dialog), "id");
  gint64 id = stored != NULL ? *stored : 0;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "revoke") != 0 || id == 0 || self->store == NULL || self->person == NULL)
    return;
  if (!toa_delegation_revoke (self->store, self->person, id, &error))
    show_message (self, _("The Delegation Was Not Revoked"), error->message);
  toa_delegations_group_refresh (self);
}

static void
on_revoke_clicked (GtkButton *button, ToaDelegationsGroup *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "id");
  const char *who = g_object_get_data (G_OBJECT (button), "to-name");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is the person who was acting under the delegation */
  body = g_strdup_printf (_("%s will no longer be able to act under it, from now on. Acts already taken stay recorded as they were."),
                          who != NULL ? who : "");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Revoke the Delegation?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "revoke", _("_Revoke"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "id", g_memdup2 (id, sizeof *id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_revoke_response), self, 0);
  g_set_weak_pointer (&self->confirmation, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Đăng tin, Lên lịch" for the codes, by the default workflow's names. */
static char *
action_names (const ToaWorkflow *workflow, GStrv actions)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    {
      const char *name = actions[i];

      for (guint k = 0; workflow != NULL && k < workflow->transitions->len; k++)
        {
          const ToaWorkflowTransition *t = g_ptr_array_index (workflow->transitions, k);

          if (g_strcmp0 (t->code, actions[i]) == 0 && t->name != NULL)
            {
              name = t->name;
              break;
            }
        }
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
delegation_row (ToaDelegationsGroup *self, const ToaDelegation *d, const ToaWorkflow *workflow,
                const GDate *today, gboolean admin)
{
  GtkWidget *row = adw_action_row_new ();
  ToaDelegationStatus status = toa_delegation_status (d, today);
  g_autofree char *names = action_names (workflow, d->actions);
  g_autofree char *first = toa_format_iso_date (d->from_date);
  g_autofree char *last = toa_format_iso_date (d->to_date);
  gboolean given = d->from_person == self->person->id;
  /* Translators: a delegation the signed-in person gave (“To …”) or received (“From …”) */
  g_autofree char *title = given ? g_strdup_printf (_("To %s"), d->to_name != NULL ? d->to_name : "?")
                                 : g_strdup_printf (_("From %s"), d->from_name != NULL ? d->from_name : "?");
  /* Translators: actions · first day–last day · form of signing (KT./TL.) · status */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s–%s · %s. · %s"), names, first, last,
                                               d->form != NULL ? d->form : "KT",
                                               toa_delegation_status_label (status));
  gint64 *key = g_memdup2 (&d->id, sizeof d->id);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if ((status == TOA_DELEGATION_IN_FORCE || status == TOA_DELEGATION_UPCOMING)
      && (given || admin))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Revoke"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_widget_set_tooltip_text (button, _("End this delegation now"));
      g_object_set_data_full (G_OBJECT (button), "id", g_memdup2 (&d->id, sizeof d->id), g_free);
      g_object_set_data_full (G_OBJECT (button), "to-name", g_strdup (d->to_name), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_revoke_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      g_hash_table_insert (self->revoke_buttons, g_memdup2 (key, sizeof *key), button);
    }
  g_hash_table_insert (self->rows_by_id, key, row);
  return row;
}

static void
add_row (ToaDelegationsGroup *self, GtkWidget *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

void
toa_delegations_group_refresh (ToaDelegationsGroup *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  gboolean admin;

  g_return_if_fail (TOA_IS_DELEGATIONS_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->rows_by_id);
  g_hash_table_remove_all (self->revoke_buttons);
  gtk_widget_set_visible (GTK_WIDGET (self->delegate_button), self->store != NULL && self->person != NULL);
  if (self->store == NULL || self->person == NULL)
    return;

  if (!(list = toa_delegation_list (self->store, self->person->id, TRUE, 0, &error)))
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      add_row (self, row);
      return;
    }
  if ((code = toa_delegation_default_workflow (self->store, NULL)) != NULL)
    workflow = toa_workflow_load (self->store, code, 0, NULL);
  admin = toa_people_require_admin (self->store, self->person, "", NULL);
  toa_transitions_local_date (toa_now_usec (), &today);
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No delegations given or received"));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, row);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    add_row (self, delegation_row (self, g_ptr_array_index (list, i), workflow, &today, admin));
}

void
toa_delegations_group_set_person (ToaDelegationsGroup *self, ToaStore *store, const ToaPerson *person)
{
  g_return_if_fail (TOA_IS_DELEGATIONS_GROUP (self));

  g_set_object (&self->store, store);
  g_clear_pointer (&self->person, toa_person_free);
  if (person != NULL)
    self->person = toa_person_copy (person);
  toa_delegations_group_refresh (self);
}

static void
on_delegated (ToaDelegationDialog *dialog, gint64 id, ToaDelegationsGroup *self)
{
  toa_delegations_group_refresh (self);
}

ToaDelegationDialog *
toa_delegations_group_open_dialog (ToaDelegationsGroup *self)
{
  GtkRoot *root;
  ToaDelegationDialog *dialog;

  g_return_val_if_fail (TOA_IS_DELEGATIONS_GROUP (self), NULL);

  if (self->store == NULL || self->person == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = toa_delegation_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->person);
  g_signal_connect_object (dialog, "delegated", G_CALLBACK (on_delegated), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_delegate_clicked (ToaDelegationsGroup *self)
{
  toa_delegations_group_open_dialog (self);
}

guint
toa_delegations_group_get_n_delegations (ToaDelegationsGroup *self)
{
  g_return_val_if_fail (TOA_IS_DELEGATIONS_GROUP (self), 0);
  return g_hash_table_size (self->rows_by_id);
}

const char *
toa_delegations_group_get_subtitle (ToaDelegationsGroup *self, gint64 id)
{
  AdwActionRow *row;

  g_return_val_if_fail (TOA_IS_DELEGATIONS_GROUP (self), NULL);
  row = g_hash_table_lookup (self->rows_by_id, &id);
  return row != NULL ? adw_action_row_get_subtitle (row) : NULL;
}

GtkWidget *
toa_delegations_group_get_revoke_button (ToaDelegationsGroup *self, gint64 id)
{
  g_return_val_if_fail (TOA_IS_DELEGATIONS_GROUP (self), NULL);
  return g_hash_table_lookup (self->revoke_buttons, &id);
}

AdwMessageDialog *
toa_delegations_group_get_confirmation (ToaDelegationsGroup *self)
{
  g_return_val_if_fail (TOA_IS_DELEGATIONS_GROUP (self), NULL);
  return self->confirmation;
}

static void
toa_delegations_group_dispose (GObject *object)
{
  ToaDelegationsGroup *self = TOA_DELEGATIONS_GROUP (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_id, g_hash_table_unref);
  g_clear_pointer (&self->revoke_buttons, g_hash_table_unref);
  g_clear_weak_pointer (&self->confirmation);
  G_OBJECT_CLASS (toa_delegations_group_parent_class)->dispose (object);
}

static void
toa_delegations_group_class_init (ToaDelegationsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_delegations_group_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-delegations-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaDelegationsGroup, delegate_button);
  gtk_widget_class_bind_template_callback (widget_class, on_delegate_clicked);
}

static void
toa_delegations_group_init (ToaDelegationsGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->rows_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->revoke_buttons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->delegate_button), FALSE);
}
