/* toa-article-editor.h — the article editor window (issue 5): the body in a ToaEditorView with
 * its formatting toolbar, every metadata field beside it, the live pre-publish checks, word and
 * character counts, find and replace, images (file or paste → alt, caption, credit), the live
 * preview (desktop/phone), print and HTML export, the revisions. What is typed is recorded in
 * a ToaDraftJournal about 0.5 s (body) or 1 s (fields) after it was typed, the writing on the
 * journal's thread (never blocking typing), and offered back on open after a crash; a save that meets a newer version opens the conflict view
 * (toa-conflict-dialog.h); a save that fails on an outage keeps the draft and says so.
 * All rules are core's (toa_articles_create/_save, toa_prepublish_check, toa_images_add). */
#pragma once

#include <adwaita.h>

#include "toa-background-reader.h"
#include "toa-draft-journal.h"
#include "toa-editor-view.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_ARTICLE_EDITOR (toa_article_editor_get_type ())
G_DECLARE_FINAL_TYPE (ToaArticleEditor, toa_article_editor, TOA, ARTICLE_EDITOR, AdwWindow)

/* An editor on @article_id as @person (copied); @article_id 0 = a new article, created on the
 * first save. @journal: where drafts are recorded (NULL = the default journal of this store,
 * in $XDG_STATE_HOME/toasoan/drafts). Load errors are shown in the window. */
GtkWindow     *toa_article_editor_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                                       gint64 article_id, ToaDraftJournal *journal);
/* The same, the article and the side panel's lists read off the main thread on @reader (the
 * opening window's; NULL: at once on @store): a spinner meanwhile, the reason and "Try Again"
 * when they could not be read. Saving (and the reads of the conflict view) and storing an image
 * run on @reader's connection too, the button spinning meanwhile; typing goes on, a second save
 * waits for the first. "ready" waits for the article too. */
GtkWindow     *toa_article_editor_new_with_reader (GtkWindow *parent, ToaStore *store,
                                                   ToaBackgroundReader *reader, const ToaPerson *person,
                                                   gint64 article_id, ToaDraftJournal *journal);
/* Whether the opening read is in flight. */
gboolean       toa_article_editor_is_loading (ToaArticleEditor *self);

/* Starts loading the editor page ahead of the next editor window (a web process and the page
 * take about a second or two to start; the window then takes the loaded page). Called where an
 * editor is likely to be opened next (the Articles page shown, an item view that offers "Sửa").
 * Keeps one such page; TRUE when it is ready. */
gboolean       toa_article_editor_prewarm (void);

gint64         toa_article_editor_get_article_id (ToaArticleEditor *self);
/* The version the editor started from (what a save names). */
gint64         toa_article_editor_get_base_version (ToaArticleEditor *self);
ToaEditorView *toa_article_editor_get_editor_view (ToaArticleEditor *self);

/* TRUE when the page is ready and the article's body is in it ("notify::ready"). */
gboolean       toa_article_editor_get_ready (ToaArticleEditor *self);

/* The article as typed now (fields and the body last pushed by the page). */
ToaArticle    *toa_article_editor_get_article (ToaArticleEditor *self);

/* Records the draft now (what the autosave timer does); the write runs on the journal's
 * thread. Returns the number of drafts recorded so far. */
guint          toa_article_editor_record_draft (ToaArticleEditor *self);

/* TRUE while a recovered draft is offered (the bar at the top); _restore takes it. */
gboolean       toa_article_editor_recovery_offered (ToaArticleEditor *self);
void           toa_article_editor_restore_draft (ToaArticleEditor *self);

/* Saves as the Save button does (the body synced from the page first). Emits "saved" on
 * success; on a conflict the conflict view opens (toa_article_editor_get_conflict_dialog). */
void           toa_article_editor_save (ToaArticleEditor *self);
GtkWindow     *toa_article_editor_get_conflict_dialog (ToaArticleEditor *self);

/* Writes the article as typed now as one HTML file at @path (images embedded), as "Export
 * HTML" does with the file chosen (toa_preview_export_html). */
gboolean       toa_article_editor_export_html (ToaArticleEditor *self, const char *path, GError **error);

/* Inserts an image from @file as the "Insert an image" button does with the file chosen: read
 * off the main thread, then the details dialog (alt, caption, credit). */
void           toa_article_editor_insert_image_file (ToaArticleEditor *self, GFile *file);

/* The last message shown (toast or error line), for tests. */
const char    *toa_article_editor_get_message (ToaArticleEditor *self);

/* Signals: "saved" (gint64 article_id): a save went through; "notify::ready". */

G_END_DECLS
