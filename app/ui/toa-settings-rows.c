/* toa-settings-rows.c — the rows a Settings group rebuilds on each refresh (see the header). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-settings-rows.h"

void
toa_settings_rows_clear (AdwPreferencesGroup *group, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

void
toa_settings_rows_add (AdwPreferencesGroup *group, GPtrArray *rows, GtkWidget *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

void
toa_settings_rows_add_failure (AdwPreferencesGroup *group, GPtrArray *rows,
                               const char *title, const char *message)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), message);
  toa_settings_rows_add (group, rows, row);
}

typedef struct {
  AdwPreferencesGroup *group;
  ToaSettingsRefresh   refresh;
} Later;

static gboolean
refresh_later (gpointer data)
{
  Later *later = data;

  later->refresh (later->group);
  return G_SOURCE_REMOVE;
}

static void
later_free (gpointer data)
{
  Later *later = data;

  g_object_unref (later->group);
  g_free (later);
}

/* Tells why the choice was not saved, then shows what is stored again — from the main loop,
 * once the row's own handlers are done with it, never from inside its signal; at the default
 * priority, so that the dialog's redraws do not hold it back. */
void
toa_settings_rows_not_saved (AdwPreferencesGroup *group, const char *heading,
                             const char *message, ToaSettingsRefresh refresh)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (group));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, message);
  Later *later = g_new (Later, 1);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  later->group = g_object_ref (group);
  later->refresh = refresh;
  g_idle_add_full (G_PRIORITY_DEFAULT, refresh_later, later, later_free);
}
