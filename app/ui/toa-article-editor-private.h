/* toa-article-editor-private.h — what the editor window's files share: its fields
 * (toa-article-editor.c), the side panel of metadata and checks (toa-article-editor-fields.c)
 * and image insertion (toa-article-editor-image.c). Not for other widgets. */
#pragma once

#include <adwaita.h>

#include "toa-article-editor.h"
#include "toa-background-reader.h"
#include "toa-preview-view.h"

G_BEGIN_DECLS

struct _ToaArticleEditor {
  AdwWindow parent_instance;

  ToaStore        *store;
  ToaPerson       *person;
  ToaDraftJournal *journal;
  gint64           article_id;    /* 0 until a new article is first saved */
  ToaArticle      *base;          /* the saved version the editor started from (merge base) */
  char            *clean_html;    /* the body as loaded or saved: a push equal to it is no change */
  char            *pending_html;  /* set before the page is ready */
  char            *body_html;     /* the body as last heard from the page */
  ToaArticle      *recovered;     /* the draft offered on open, or NULL */
  GtkWindow       *conflict;      /* the open conflict view (weak) */
  char            *message;
  gboolean         ready;
  gboolean         filling;       /* the widgets are being filled: no change */
  gboolean         dirty;         /* typed since the last save */
  gboolean         saving;        /* the body is being fetched from the page for a save */
  gboolean         writing;       /* a save on its way through the reader */
  gboolean         save_again;    /* saving was asked for meanwhile: runs when it is back */
  gboolean         changed_while_writing;
  gboolean         save_sensitive;/* the Save button's sensitivity before the spinner */
  gboolean         closed;        /* disposed: a late answer shows nothing */
  guint            autosave_id;
  guint            check_id;
  guint            drafts_recorded;
  int              title_max;     /* the board's title limit (toa_prepublish_title_max); 0 = unknown */
  GCancellable    *cancellable;   /* also the opening read's: cancelled when the window goes */
  ToaBackgroundReader *reader;    /* where the article and the lists are read on opening */
  char            *lane;          /* its lane in the reader */
  gboolean         loading;       /* the opening read is in flight */
  gboolean         loaded;        /* the article is in: typing, saving and drafts may start */
  guint            settle_id;     /* the check that the opening read was not dropped by the lender */
  GtkStack        *load_stack;    /* "loading", "failed", "content" */
  AdwStatusPage   *failed_page;
  GtkButton       *retry_button;
  GtkSpinner      *loading_spinner;

  /* choices from the store */
  GPtrArray *sections;            /* of ToaSection, the article's site */
  GPtrArray *genres;              /* of ToaGenre */
  GPtrArray *units;               /* of ToaUnit */
  GPtrArray *info_kinds;          /* of ToaInfoKind */
  GPtrArray *people;              /* of ToaPerson, active */
  GPtrArray *author_rows;         /* of GtkWidget* in authors_list */

  ToaEditorView  *editor_view;
  ToaPreviewView *preview_view;
  GHashTable     *format_buttons; /* command → GtkToggleButton (not owned) */

  AdwWindowTitle *window_title;
  GtkButton      *save_button;
  GtkToggleButton *preview_button;
  GtkButton      *revisions_button;
  GtkButton      *print_button;
  GtkButton      *export_button;
  GtkToggleButton *find_button;
  GtkRevealer    *recovery_revealer;
  GtkLabel       *recovery_label;
  GtkLabel       *error_label;
  GtkBox         *toolbar_box;
  GtkSearchBar   *find_bar;
  GtkSearchEntry *find_entry;
  GtkEntry       *replace_entry;
  AdwToastOverlay *toast_overlay;
  GtkPaned       *body_paned;
  GtkBox         *editor_box;
  GtkBox         *preview_box;
  GtkToggleButton *desktop_button;
  GtkToggleButton *phone_button;
  GtkBox         *side_box;
  GtkLabel       *counts_label;

  /* side panel (toa-article-editor-fields.c) */
  AdwEntryRow  *title_row;
  GtkLabel     *title_count_label;
  GtkTextView  *sapo_view;
  AdwComboRow  *section_row;
  AdwComboRow  *genre_row;
  AdwComboRow  *language_row;
  AdwComboRow  *unit_row;
  AdwComboRow  *info_kind_row;
  AdwEntryRow  *attribution_row;
  AdwEntryRow  *tags_row;
  GtkListBox   *authors_list;
  GtkLabel     *authors_total_label;
  GtkListBox   *checks_list;
};

/* toa-article-editor.c */
void        toa_article_editor_changed (ToaArticleEditor *self);   /* a field or the body changed */
void        toa_article_editor_show_message (ToaArticleEditor *self, const char *message, gboolean error);
/* A save is being prepared or is on its way (the Save button spins meanwhile). */
gboolean    toa_article_editor_is_saving (ToaArticleEditor *self);

/* toa-article-editor-fields.c */
void        toa_article_editor_build_fields (ToaArticleEditor *self);
/* Fills the choice rows from the lists read on opening (sections … people, title_max). */
void        toa_article_editor_show_choices (ToaArticleEditor *self);
void        toa_article_editor_fill_fields (ToaArticleEditor *self, const ToaArticle *article);
void        toa_article_editor_read_fields (ToaArticleEditor *self, ToaArticle *article);
/* Runs the pre-publish checks on @article in the reader; the newest asked for is listed. */
void        toa_article_editor_show_checks (ToaArticleEditor *self, const ToaArticle *article);
/* The chosen section's and unit's codes (for creating). */
const char *toa_article_editor_section_code (ToaArticleEditor *self);
const char *toa_article_editor_unit_code (ToaArticleEditor *self);

/* toa-article-editor-image.c */
void        toa_article_editor_choose_image (ToaArticleEditor *self);
void        toa_article_editor_add_image (ToaArticleEditor *self, GBytes *data, const char *name);


/* Shared between toa-article-editor.c and toa-article-editor-save.c. */
void toa_article_editor_body_is    (ToaArticleEditor *self, const char *html);
void toa_article_editor_set_body   (ToaArticleEditor *self, const char *html);
void toa_article_editor_fill       (ToaArticleEditor *self, const ToaArticle *article);
void toa_article_editor_emit_saved (ToaArticleEditor *self, gint64 article_id);
void toa_article_editor_on_save_clicked (ToaArticleEditor *self);

G_END_DECLS
