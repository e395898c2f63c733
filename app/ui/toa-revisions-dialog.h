/* toa-revisions-dialog.h — an article's revisions (phiên bản), the proofreading trail: the
 * list (number, who, when, note); choosing one shows what it changed from the one before,
 * and any two can be compared; the word differences are coloured (deleted struck through in
 * red, inserted in green) under a line saying who made them. "Restore" (Khôi phục) asks for
 * confirmation and makes the chosen revision the article's text again, as a new revision
 * (toa_revisions_restore: rights and the version the person saw are checked by core). */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_REVISIONS_DIALOG (toa_revisions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ToaRevisionsDialog, toa_revisions_dialog, TOA, REVISIONS_DIALOG, AdwWindow)

/* The revisions of @article_id as @person may see them. @expected_version: the article's
 * version the person works on (a restore fails with a conflict when someone saved since);
 * 0 = the current one. Signal "restored" (int new_revision_number) after a restore: the
 * editor reloads the article. @parent may be NULL. */
ToaRevisionsDialog *toa_revisions_dialog_new (GtkWindow *parent, ToaStore *store,
                                              const ToaPerson *person, gint64 article_id,
                                              gint64 expected_version);

/* How many revisions are listed (0 when they could not be read: the message is shown). */
guint      toa_revisions_dialog_get_n_revisions (ToaRevisionsDialog *self);

/* Compares revision @from with revision @to (numbers) and shows the differences; the
 * revision restored is @to. FALSE when either is not listed. */
gboolean   toa_revisions_dialog_compare (ToaRevisionsDialog *self, int from, int to);

/* The differences shown, as text with words marked [-old-]{+new+} from the view's colours
 * (for tests and for copying). */
char      *toa_revisions_dialog_get_marked_text (ToaRevisionsDialog *self);

/* The line above the differences: who changed what ("Revision 3 by …"). */
const char *toa_revisions_dialog_get_summary (ToaRevisionsDialog *self);

/* What the Restore button does: asks for confirmation (the dialog returned, also kept in
 * the window while open; responses "cancel" and "restore"). NULL when nothing is chosen. */
AdwMessageDialog *toa_revisions_dialog_ask_restore (ToaRevisionsDialog *self);

/* The message shown after a failed restore or read, or NULL. */
const char *toa_revisions_dialog_get_error (ToaRevisionsDialog *self);

G_END_DECLS
