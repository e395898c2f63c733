/* toa-form-dialog.h — the pieces every form dialog of the window shares: a header bar with
 * Cancel and the dialog's own action, and an error line that shows why core refused. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A new modal window of @type (an AdwWindow type) with @title and the default size
 * @width × @height, transient for @parent when it is not NULL. */
gpointer   toa_form_dialog_new (GType type, GtkWindow *parent, int width, int height, const char *title);

/* Appends to @box a header bar without window buttons: "Cancel" (closes @window) at the start
 * and a suggested button labelled @action_mnemonic at the end, whose "clicked" calls
 * @on_action with @window (connected swapped). Returns that button. */
GtkWidget *toa_form_dialog_header (GtkBox *box, GtkWindow *window, const char *action_mnemonic,
                                   GCallback on_action);

/* A hidden, wrapping label in the "error" style, added to @group. */
GtkLabel  *toa_form_dialog_error_label (AdwPreferencesGroup *group);

/* Shows @message on @label, or hides the label when @message is NULL. */
void       toa_form_dialog_show_error (GtkLabel *label, const char *message);

G_END_DECLS
