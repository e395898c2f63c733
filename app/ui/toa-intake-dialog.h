/* toa-intake-dialog.h — the "Register Material" dialog of the Inbox (Tiếp nhận, Quy trình 1):
 * channel, sender unit or name, document number, received and issued dates (dd/mm/yyyy),
 * title, genre, site, section, kind of information, sapo, body and the files received (read
 * and kept with the item when it is registered).
 * The rules are core's (toa_intake_add): core's message is shown in the dialog and nothing
 * typed is lost; on success it emits "registered" and closes. */
#pragma once

#include <adwaita.h>

#include "toa-background-reader.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_INTAKE_DIALOG (toa_intake_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ToaIntakeDialog, toa_intake_dialog, TOA, INTAKE_DIALOG, AdwWindow)

/* A dialog for @person on @store, transient for @parent (may be NULL). */
ToaIntakeDialog *toa_intake_dialog_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person);
/* The same, its choices read on @reader (in the background when it has a connection of its
 * own; the dialog says it is reading them, and why it could not); NULL: on @store at once. */
ToaIntakeDialog *toa_intake_dialog_new_with_reader (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                                                    ToaBackgroundReader *reader);
/* Whether the choices are still being read; for tests, waiting (iterating the main context)
 * until they are in. */
gboolean     toa_intake_dialog_is_loading (ToaIntakeDialog *self);
void         toa_intake_dialog_wait_idle (ToaIntakeDialog *self);

/* What the Register button does: TRUE when stored ("registered" is emitted with the item's
 * id and its deadline "YYYY-MM-DD" or NULL, and the dialog closes); FALSE with core's
 * message shown in the dialog and in @error. */
gboolean     toa_intake_dialog_submit (ToaIntakeDialog *self, GError **error);

/* Adds the file at @path (file system encoding) to the list, shown with its name and size
 * (what the file chooser does); it is read when the item is registered. */
void         toa_intake_dialog_add_attachment (ToaIntakeDialog *self, const char *path);

/* For tests: a row by its name ("channel", "unit", "sender", "document", "received",
 * "issued", "title", "genre", "site", "section", "kind"), the sapo and body text views, the
 * position of @code in a combo row's list, the error shown (NULL when none). */
GtkWidget   *toa_intake_dialog_get_row (ToaIntakeDialog *self, const char *name);
GtkTextView *toa_intake_dialog_get_sapo_view (ToaIntakeDialog *self);
GtkTextView *toa_intake_dialog_get_body_view (ToaIntakeDialog *self);
guint        toa_intake_dialog_position (ToaIntakeDialog *self, const char *row, const char *code);
const char  *toa_intake_dialog_get_error (ToaIntakeDialog *self);

G_END_DECLS
