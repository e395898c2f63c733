/* toa-delegation-dialog.c — the dialog that adds a delegation as the signed-in person. The
 * choices come from core (people, sites, toa_delegation_delegable_actions); the rules are
 * core's (toa_delegation_add_with_form): this only gathers what was chosen and shows why core
 * refused, keeping every field as it was. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-delegation-dialog.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-form-dialog.h"
#include "toa-transitions.h"

struct _ToaDelegationDialog {
  AdwWindow parent_instance;

  ToaStore  *store;
  ToaPerson *person;
  GStrv      logins;        /* the person row's logins, in its order */
  GStrv      site_codes;    /* the site row's codes, in its order */
  GHashTable *checks;       /* action code → its GtkCheckButton */

  AdwComboRow  *person_row;
  AdwComboRow  *site_row;
  AdwComboRow  *form_row;
  GtkEditable  *from_entry;
  GtkEditable  *to_entry;
  AdwPreferencesGroup *actions_group;
  GPtrArray    *action_rows;
  GtkLabel     *error_label;
  GtkWidget    *delegate_button;
};

G_DEFINE_FINAL_TYPE (ToaDelegationDialog, toa_delegation_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_DELEGATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The forms of signing, in the form row's order. */
static const char * const form_codes[] = { "KT", "TL" };

static const char *
selected_site (ToaDelegationDialog *self)
{
  guint i = adw_combo_row_get_selected (self->site_row);

  return self->site_codes != NULL && i < g_strv_length (self->site_codes) ? self->site_codes[i] : NULL;
}

/* One check row per action the person may delegate on the chosen site (asked of core). */
static void
fill_actions (ToaDelegationDialog *self)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->action_rows->len; i++)
    adw_preferences_group_remove (self->actions_group, g_ptr_array_index (self->action_rows, i));
  g_ptr_array_set_size (self->action_rows, 0);
  g_hash_table_remove_all (self->checks);

  actions = toa_delegation_delegable_actions (self->store, self->person, selected_site (self), &error);
  if (actions == NULL || actions->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     actions == NULL ? error->message
                                                     : _("You hold no role on this site whose actions may be delegated."));
      adw_preferences_group_add (self->actions_group, row);
      g_ptr_array_add (self->action_rows, row);
      return;
    }
  for (guint i = 0; i < actions->len; i++)
    {
      const ToaDelegableAction *action = g_ptr_array_index (actions, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), action->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), action->code);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->actions_group, row);
      g_ptr_array_add (self->action_rows, row);
      g_hash_table_insert (self->checks, g_strdup (action->code), check);
    }
}

static void
on_site_selected (AdwComboRow *row, GParamSpec *pspec, ToaDelegationDialog *self)
{
  fill_actions (self);
}

static GtkWidget *
string_row (const char *title, GtkStringList *names)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  return row;
}

static void
fill_choices (ToaDelegationDialog *self)
{
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sites = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) logins = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GPtrArray) all_people = toa_store_person_list (self->store, NULL);
  g_autoptr(GPtrArray) all_sites = toa_store_site_list (self->store, NULL);

  for (guint i = 0; all_people != NULL && i < all_people->len; i++)
    {
      const ToaPerson *p = g_ptr_array_index (all_people, i);
      g_autofree char *roles = NULL;
      g_autofree char *label = NULL;

      if (!p->active || p->login == NULL || p->id == self->person->id)
        continue;
      roles = toa_person_roles_text (p);
      label = g_strdup_printf ("%s (%s)", p->full_name, roles);
      gtk_string_list_append (people, label);
      g_strv_builder_add (logins, p->login);
    }
  for (guint i = 0; all_sites != NULL && i < all_sites->len; i++)
    {
      const ToaSite *site = g_ptr_array_index (all_sites, i);

      gtk_string_list_append (sites, site->name);
      g_strv_builder_add (codes, site->code);
    }
  self->logins = g_strv_builder_end (logins);
  self->site_codes = g_strv_builder_end (codes);
  adw_combo_row_set_model (self->person_row, G_LIST_MODEL (people));
  adw_combo_row_set_model (self->site_row, G_LIST_MODEL (sites));
  for (guint i = 0; self->site_codes[i] != NULL; i++)
    if (g_str_equal (self->site_codes[i], "portal"))
      adw_combo_row_set_selected (self->site_row, i);
}

gboolean
toa_delegation_dialog_submit (ToaDelegationDialog *self, GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) actions = NULL;
  g_autoptr(ToaDelegation) delegation = NULL;
  g_autoptr(GError) local_error = NULL;
  guint person = adw_combo_row_get_selected (self->person_row);
  guint form = adw_combo_row_get_selected (self->form_row);
  const char *to_login = self->logins != NULL && person < g_strv_length (self->logins) ? self->logins[person] : NULL;
  GHashTableIter iter;
  gpointer code, check;

  g_return_val_if_fail (TOA_IS_DELEGATION_DIALOG (self), FALSE);

  /* in the definition's order, as offered */
  for (guint i = 0; i < self->action_rows->len; i++)
    {
      g_hash_table_iter_init (&iter, self->checks);
      while (g_hash_table_iter_next (&iter, &code, &check))
        if (gtk_widget_is_ancestor (check, g_ptr_array_index (self->action_rows, i))
            && gtk_check_button_get_active (check))
          g_strv_builder_add (builder, code);
    }
  actions = g_strv_builder_end (builder);
  if (to_login == NULL)
    g_set_error_literal (&local_error, TOA_ERROR, TOA_ERROR_INVALID,
                         _("Choose the person who will act for you."));
  else
    delegation = toa_delegation_add_with_form (self->store, self->person, self->person->login, to_login,
                                               selected_site (self), (const char * const *) actions,
                                               gtk_editable_get_text (self->from_entry),
                                               gtk_editable_get_text (self->to_entry),
                                               form < G_N_ELEMENTS (form_codes) ? form_codes[form] : NULL,
                                               &local_error);
  if (delegation == NULL)
    {
      toa_form_dialog_show_error (self->error_label, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  toa_form_dialog_show_error (self->error_label, NULL);
  g_signal_emit (self, signals[SIGNAL_DELEGATED], 0, delegation->id);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_delegate_clicked (ToaDelegationDialog *self)
{
  toa_delegation_dialog_submit (self, NULL);
}

static GtkWidget *
build (ToaDelegationDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *who = adw_preferences_group_new ();
  GtkWidget *when = adw_preferences_group_new ();
  GtkWidget *error_group = adw_preferences_group_new ();
  g_autoptr(GtkStringList) forms = gtk_string_list_new (NULL);
  GtkWidget *from = adw_entry_row_new ();
  GtkWidget *to = adw_entry_row_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) vn = g_date_time_add_hours (now, 7);
  g_autoptr(GDateTime) week = g_date_time_add_days (vn, 6);
  g_autofree char *first = g_date_time_format (vn, "%d/%m/%Y");
  g_autofree char *last = g_date_time_format (week, "%d/%m/%Y");

  self->delegate_button = toa_form_dialog_header (GTK_BOX (box), GTK_WINDOW (self), _("_Delegate"),
                                                  G_CALLBACK (on_delegate_clicked));
  self->error_label = toa_form_dialog_error_label (ADW_PREFERENCES_GROUP (error_group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (who), _("Who Acts for You"));
  self->person_row = ADW_COMBO_ROW (string_row (_("Delegate to"), NULL));
  self->site_row = ADW_COMBO_ROW (string_row (_("Site"), NULL));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (who), GTK_WIDGET (self->person_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (who), GTK_WIDGET (self->site_row));

  self->actions_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->actions_group, _("Actions"));
  adw_preferences_group_set_description (self->actions_group,
                                         _("The actions of the board’s workflow you may delegate on this site."));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (when), _("Period and Form of Signing"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (from), _("First day (dd/mm/yyyy)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (to), _("Last day (dd/mm/yyyy)"));
  gtk_editable_set_text (GTK_EDITABLE (from), first);
  gtk_editable_set_text (GTK_EDITABLE (to), last);
  self->from_entry = GTK_EDITABLE (from);
  self->to_entry = GTK_EDITABLE (to);
  gtk_string_list_append (forms, _("KT. — signing for the head (ký thay)"));
  gtk_string_list_append (forms, _("TL. — acting by order (thừa lệnh)"));
  self->form_row = ADW_COMBO_ROW (string_row (_("Form of signing"), forms));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), from);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), to);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (when), GTK_WIDGET (self->form_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (error_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (who));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->actions_group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (when));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  return box;
}

ToaDelegationDialog *
toa_delegation_dialog_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person)
{
  ToaDelegationDialog *self;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  self = toa_form_dialog_new (TOA_TYPE_DELEGATION_DIALOG, parent, 560, 780, _("Delegate"));
  self->store = g_object_ref (store);
  self->person = toa_person_copy (person);
  adw_window_set_content (ADW_WINDOW (self), build (self));
  fill_choices (self);
  fill_actions (self);
  g_signal_connect (self->site_row, "notify::selected", G_CALLBACK (on_site_selected), self);
  return self;
}

static void
toa_delegation_dialog_dispose (GObject *object)
{
  ToaDelegationDialog *self = TOA_DELEGATION_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->logins, g_strfreev);
  g_clear_pointer (&self->site_codes, g_strfreev);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->action_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (toa_delegation_dialog_parent_class)->dispose (object);
}

static void
toa_delegation_dialog_class_init (ToaDelegationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = toa_delegation_dialog_dispose;
  /* The delegation was stored; its id. */
  signals[SIGNAL_DELEGATED] = g_signal_new ("delegated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
toa_delegation_dialog_init (ToaDelegationDialog *self)
{
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->action_rows = g_ptr_array_new ();
}

AdwComboRow *
toa_delegation_dialog_get_person_row (ToaDelegationDialog *self)
{
  return self->person_row;
}

AdwComboRow *
toa_delegation_dialog_get_site_row (ToaDelegationDialog *self)
{
  return self->site_row;
}

AdwComboRow *
toa_delegation_dialog_get_form_row (ToaDelegationDialog *self)
{
  return self->form_row;
}

GtkEditable *
toa_delegation_dialog_get_from_entry (ToaDelegationDialog *self)
{
  return self->from_entry;
}

GtkEditable *
toa_delegation_dialog_get_to_entry (ToaDelegationDialog *self)
{
  return self->to_entry;
}

GtkCheckButton *
toa_delegation_dialog_get_action_check (ToaDelegationDialog *self, const char *code)
{
  return g_hash_table_lookup (self->checks, code);
}

GtkWidget *
toa_delegation_dialog_get_delegate_button (ToaDelegationDialog *self)
{
  return self->delegate_button;
}

guint
toa_delegation_dialog_person_position (ToaDelegationDialog *self, const char *login)
{
  for (guint i = 0; self->logins != NULL && self->logins[i] != NULL; i++)
    if (g_strcmp0 (self->logins[i], login) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

const char *
toa_delegation_dialog_get_error (ToaDelegationDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
