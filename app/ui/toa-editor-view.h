/* toa-editor-view.h — the WYSIWYG body editor (issue 5 point 1): a WebKitWebView on the
 * contenteditable page resources/editor/editor.html (served as toasoan://editor/), its JS
 * talking to C through script message handlers registered in the script world "toasoan"
 * (not the page's own). The formatting state at the caret, the word and character counts and
 * the content are pushed from JS; pasted HTML is sanitised in C (toa_sanitize_html, PASTE)
 * before it is inserted. No store here: images are announced by "image-pasted" and inserted
 * by the caller once stored. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOA_TYPE_EDITOR_VIEW (toa_editor_view_get_type ())
G_DECLARE_FINAL_TYPE (ToaEditorView, toa_editor_view, TOA, EDITOR_VIEW, GtkWidget)

/* The formatting at the caret, as pushed by the page. */
typedef struct {
  char    *block;        /* "p", "h2", "h3", "h4", "ul", "ol", "blockquote", "table", "figure" */
  gboolean bold, italic, underline;
  gboolean in_link, in_table;
  char    *link_href;    /* NULL when not in a link */
  gboolean can_undo, can_redo;
} ToaEditorState;

GtkWidget  *toa_editor_view_new (void);

/* TRUE once the page is loaded and ready for input ("notify::ready"). */
gboolean    toa_editor_view_get_ready (ToaEditorView *self);

/* Replaces the whole document (the undo history starts again); not a change ("changed" is
 * not emitted for it). Before "ready" it is kept and loaded once the page is ready. */
void        toa_editor_view_set_html (ToaEditorView *self, const char *html);

/* The document's HTML as last pushed by the page (pushed at most ~300 ms after a change, and
 * at once by _sync_html); never NULL. "changed" is emitted after each push that differs. */
const char *toa_editor_view_get_html (ToaEditorView *self);
void        toa_editor_view_sync_html (ToaEditorView *self, GCancellable *cancellable,
                                       GAsyncReadyCallback callback, gpointer user_data);
char       *toa_editor_view_sync_html_finish (ToaEditorView *self, GAsyncResult *result,
                                              GError **error);

const ToaEditorState *toa_editor_view_get_state (ToaEditorView *self);
guint       toa_editor_view_get_word_count (ToaEditorView *self);
guint       toa_editor_view_get_char_count (ToaEditorView *self);

/* Formatting commands: "paragraph", "heading-2", "heading-3", "heading-4", "bold", "italic",
 * "underline", "bulleted-list", "numbered-list", "quote", "link" (@value = URL; refused with
 * FALSE unless toa_sanitize_link_allowed), "unlink", "rule", "undo", "redo", "clear-format",
 * "table-insert" (@value = "ROWSxCOLS"), "table-row-add", "table-row-remove",
 * "table-column-add", "table-column-remove". Also installed as widget actions
 * "editor.<command>" with the usual shortcuts (Ctrl+B/I/U, Ctrl+Z, Ctrl+Shift+Z, Ctrl+K). */
gboolean    toa_editor_view_run (ToaEditorView *self, const char *command, const char *value);

/* Inserts a figure at the caret: <figure class="toa-image"><img src="toasoan://media/SHA"
 * alt width height><figcaption><span class="toa-caption">…</span> <span class="toa-credit">…
 * </span></figcaption></figure>. @alt is required (FALSE when empty). */
gboolean    toa_editor_view_insert_image (ToaEditorView *self, const char *sha256, const char *alt,
                                          const char *caption, const char *credit, int width,
                                          int height);

/* Find and replace in the document's text; case- and diacritic-sensitive as typed.
 * find selects the next match after the caret (wrapping); replace_all returns the count
 * through @callback (use _finish). */
void        toa_editor_view_find (ToaEditorView *self, const char *text, gboolean backwards);
void        toa_editor_view_replace (ToaEditorView *self, const char *text, const char *replacement);
void        toa_editor_view_replace_all (ToaEditorView *self, const char *text,
                                         const char *replacement, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
guint       toa_editor_view_replace_all_finish (ToaEditorView *self, GAsyncResult *result,
                                                GError **error);

/* The WebKitWebView inside (for tests: running scripts, typing). */
GtkWidget  *toa_editor_view_get_web_view (ToaEditorView *self);

/* Signals: "changed" (), "state-changed" (), "image-pasted" (GBytes *data, const char *name):
 * an image file or clipboard image was pasted or dropped (a clipboard image comes as PNG
 * named "clipboard.png"); the caller stores it and calls toa_editor_view_insert_image.
 * "link-requested" (const char *href): Ctrl+K in the page; @href is the link at the caret
 * or ""; the caller asks for the address and runs "link" (or "unlink").
 * Undo and redo are the page's own history (every change: typing runs, formatting, paste,
 * tables, images, replace all), also reached through WebKit's Undo and Ctrl+Z/Ctrl+Shift+Z. */

G_END_DECLS
