/* toa-item-view.h — an item (tin bài) opened from the Inbox or the Articles page, in its own
 * window: its content read-only (until the editor lands) with its step, holder, deadline and
 * workflow; its timeline (Diễn biến: every transition — who, when, under whose delegation,
 * the comment — and every approval request); the editorial comments (Góp ý) with mentions and
 * a box to add one; and one button per action the signed-in person may take now
 * (toa_transitions_available); for an item that came through intake, its intake record and,
 * when refused, the reply letter (composed by core, copied to the clipboard). All permission
 * decisions are core's. Emits "changed" after
 * the person changed the item (an action, a comment), so the page that opened it refreshes.
 * On a shared database (toa_store_watch) it reads the item again within a fraction of a
 * second when another desk changes it. */
#pragma once

#include <adwaita.h>

#include "toa-article-view.h"
#include "toa-background-reader.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_ITEM_VIEW (toa_item_view_get_type ())
G_DECLARE_FINAL_TYPE (ToaItemView, toa_item_view, TOA, ITEM_VIEW, AdwWindow)

/* A window for @article_id as @person (copied). Load errors are shown in the window. */
GtkWindow      *toa_item_view_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                                   gint64 article_id);

/* The same, read off the main thread on @reader (the opening page's; NULL: at once on @store):
 * a spinner while the item is read, the reason and "Try Again" when it could not be. Actions
 * and comments are written on @reader's connection too (the button spins meanwhile; with a
 * reader on the main thread, at once as before); the reply letter stays on @store. */
GtkWindow      *toa_item_view_new_with_reader (GtkWindow *parent, ToaStore *store, ToaBackgroundReader *reader,
                                               const ToaPerson *person, gint64 article_id);

/* Reads the item again (state, content, timeline, comments, actions), in the reader. */
void            toa_item_view_reload (ToaItemView *self);
/* Whether a reading is in flight; for tests: iterates the main context until it is in. */
gboolean        toa_item_view_is_loading (ToaItemView *self);
void            toa_item_view_wait_loaded (ToaItemView *self);

/* The item's version as shown (what an action sends as expected_version). */
gint64          toa_item_view_get_version (ToaItemView *self);
ToaArticleView *toa_item_view_get_article_view (ToaItemView *self);

/* Opens the dialog for the shown action @code (NULL when there is no such button). */
GtkWindow      *toa_item_view_open_action (ToaItemView *self, const char *code);

G_END_DECLS
