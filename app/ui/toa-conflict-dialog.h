/* toa-conflict-dialog.h — the conflict view (issue 4 point 4): someone saved the article after
 * I started; both versions side by side, the words that differ marked, and three choices:
 * keep mine (saved over theirs), take theirs, or merge (toa_merge_html, the base being the
 * version I started from; blocks changed on both sides are kept both, mine first). The dialog
 * decides nothing about saving: it emits "chosen" and the editor acts. Until a choice is made
 * my text stays in the editor and in the draft journal: nothing is lost. */
#pragma once

#include <adwaita.h>

#include "toa-article.h"

G_BEGIN_DECLS

typedef enum {
  TOA_CONFLICT_KEEP_MINE,
  TOA_CONFLICT_TAKE_THEIRS,
  TOA_CONFLICT_MERGE,
} ToaConflictChoice;

#define TOA_TYPE_CONFLICT_DIALOG (toa_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ToaConflictDialog, toa_conflict_dialog, TOA, CONFLICT_DIALOG, AdwWindow)

/* @base: the version I started from (may be NULL); @mine: what I typed; @theirs: the saved
 * one (its version and who saved it are shown). All copied by reference. */
GtkWindow  *toa_conflict_dialog_new (GtkWindow *parent, ToaArticle *base, ToaArticle *mine,
                                     ToaArticle *theirs, const char *theirs_by);

/* The body HTML for @choice (mine, theirs or the merge); *@conflicts: blocks both changed. */
char       *toa_conflict_dialog_body_for (ToaConflictDialog *self, ToaConflictChoice choice,
                                          guint *conflicts);

/* Makes the choice as the buttons do: emits "chosen" (int choice, const char *body_html)
 * and closes. */
void        toa_conflict_dialog_choose (ToaConflictDialog *self, ToaConflictChoice choice);

/* The two panes' text (tests). */
GtkTextView *toa_conflict_dialog_get_view (ToaConflictDialog *self, gboolean theirs);

G_END_DECLS
