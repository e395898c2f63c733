/* toa-load-stack.c — see toa-load-stack.h. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-load-stack.h"

void
toa_load_stack_build (ToaLoadStack *out, AdwToastOverlay *overlay, const char *loading_title,
                      const char *failed_title, const char *retry_tooltip,
                      GCallback on_retry, gpointer data)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);
  GtkWidget *loading = adw_status_page_new ();
  GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Try Again"));

  g_object_ref (content);
  adw_toast_overlay_set_child (overlay, NULL);
  out->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (out->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);

  out->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_size_request (GTK_WIDGET (out->spinner), 32, 32);
  gtk_widget_set_halign (GTK_WIDGET (out->spinner), GTK_ALIGN_CENTER);
  adw_status_page_set_title (ADW_STATUS_PAGE (loading), loading_title);
  adw_status_page_set_child (ADW_STATUS_PAGE (loading), GTK_WIDGET (out->spinner));
  gtk_stack_add_named (out->stack, loading, "loading");

  out->failed_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (out->failed_page, "network-error-symbolic");
  adw_status_page_set_title (out->failed_page, failed_title);
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retry, "pill");
  gtk_widget_add_css_class (retry, "suggested-action");
  gtk_widget_set_tooltip_text (retry, retry_tooltip);
  g_signal_connect_swapped (retry, "clicked", on_retry, data);
  out->retry_button = GTK_BUTTON (retry);
  adw_status_page_set_child (out->failed_page, retry);
  gtk_stack_add_named (out->stack, GTK_WIDGET (out->failed_page), "failed");

  gtk_stack_add_named (out->stack, content, "content");
  g_object_unref (content);
  adw_toast_overlay_set_child (overlay, GTK_WIDGET (out->stack));
}
