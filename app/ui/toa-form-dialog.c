/* toa-form-dialog.c — see toa-form-dialog.h. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-form-dialog.h"

gpointer
toa_form_dialog_new (GType type, GtkWindow *parent, int width, int height, const char *title)
{
  GtkWindow *window = g_object_new (type, "modal", TRUE, "default-width", width, "default-height", height,
                                    "title", title, NULL);

  if (parent != NULL)
    gtk_window_set_transient_for (window, parent);
  return window;
}

GtkWidget *
toa_form_dialog_header (GtkBox *box, GtkWindow *window, const char *action_mnemonic, GCallback on_action)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *action = gtk_button_new_with_mnemonic (action_mnemonic);

  gtk_widget_add_css_class (action, "suggested-action");
  g_signal_connect_swapped (action, "clicked", on_action, window);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), action);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (box, header);
  return action;
}

GtkLabel *
toa_form_dialog_error_label (AdwPreferencesGroup *group)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (label));
  return label;
}

void
toa_form_dialog_show_error (GtkLabel *label, const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}
