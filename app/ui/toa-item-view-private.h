/* toa-item-view-private.h — what the item window's files share: its fields and the small
 * widget builders (toa-item-view.c), the timeline (toa-item-timeline.c) and the intake record
 * with the reply letter (toa-item-intake.c). Not for other widgets. */
#pragma once

#include <adwaita.h>

#include "toa-article-view.h"
#include "toa-background-reader.h"
#include "toa-inbox-types.h"
#include "toa-item-view.h"
#include "toa-store-watch.h"
#include "toa-transitions.h"
#include "toa-workflow.h"

G_BEGIN_DECLS

struct _ToaItemView {
  AdwWindow parent_instance;

  ToaStore     *store;
  ToaPerson    *person;
  gint64        article_id;
  gint64        version;        /* as shown */
  ToaWorkflow  *workflow;       /* the item's, for names */
  GPtrArray    *actions;        /* of ToaAvailableAction, as shown */
  char         *came_from;      /* the state before the last transition; NULL = none */
  char         *refusal_ground; /* the ground of the last refusal; NULL = none */
  GPtrArray    *intake_rows;    /* of GtkWidget*, in intake_group */
  ToaStoreWatch *live;          /* a shared database's changes, or NULL (SQLite) */
  guint         live_id;        /* the pending reload after a change to this item */
  ToaBackgroundReader *reader;  /* where the item is read (the page's, or one on the main thread) */
  GCancellable *cancellable;    /* this window's readings: cancelled when it goes */
  char         *lane;           /* its lane in the reader: only the newest reading is shown */
  gboolean      loading;        /* a reading is in flight */
  gboolean      loaded;         /* the item has been shown once */
  guint         loads_done;     /* readings delivered (for tests) */
  guint         settle_id;      /* the check that a reading was not dropped by the reader's owner */
  GtkStack     *load_stack;     /* "loading", "failed", "content" */
  AdwStatusPage *failed_page;
  GtkButton    *retry_button;
  GtkSpinner   *loading_spinner;
  GtkSpinner   *reload_spinner; /* beside the state line while the shown item is read again */

  AdwViewSwitcherTitle *switcher_title;
  GtkLabel           *heading_label;
  GtkLabel           *state_label;
  AdwToastOverlay    *toast_overlay;
  AdwViewStack       *view_stack;
  GtkLabel           *load_error_label;
  AdwActionRow       *step_row;
  AdwActionRow       *holder_row;
  AdwActionRow       *deadline_row;
  AdwActionRow       *workflow_row;
  ToaArticleView     *article_view;
  GtkListBox         *timeline_list;
  GtkLabel           *timeline_error_label;
  GtkListBox         *comment_list;
  GtkTextView        *comment_view;
  GtkMenuButton      *mention_button;
  GtkListBox         *people_list;
  GtkLabel           *comment_error_label;
  GtkButton          *add_comment_button;
  gboolean            commenting;   /* a comment on its way through the reader */
  gboolean            closed;       /* disposed: a late answer shows nothing */
  GtkBox             *actions_box;
  GtkLabel           *no_actions_label;
  AdwPreferencesGroup *intake_group;
  AdwPreferencesGroup *reply_group;
  GtkLabel           *letter_error_label;
  GtkTextView        *letter_view;
  GtkButton          *compose_letter_button;
  GtkButton          *copy_letter_button;
  GtkButton          *edit_button;     /* "Sửa": shown when toa_articles_may_edit */
};

/* toa-item-view.c: small builders and names. */
GtkWidget  *toa_item_label (const char *text, const char *css_class, gboolean wrap);
GtkWidget  *toa_item_entry_row (const char *heading, gint64 at, GtkWidget **body);
void        toa_item_append_line (GtkWidget *body, const char *text, const char *css_class);
void        toa_item_clear_list (GtkListBox *list);
const char *toa_item_state_name (ToaItemView *self, const char *code);
const char *toa_item_transition_name (ToaItemView *self, const char *code);
const char *toa_item_ground_name (const char *code);
void        toa_item_set_row (AdwActionRow *row, const char *value);
void        toa_item_add_value_label (AdwActionRow *row);   /* the suffix toa_item_set_row fills */
void        toa_item_view_emit_changed (ToaItemView *self);  /* "changed": the item was acted on */

/* toa-item-timeline.c */
void        toa_item_view_show_timeline (ToaItemView *self, GPtrArray *records, const GError *error,
                                         GPtrArray *requests, const GError *request_error);

/* toa-item-intake.c */
void        toa_item_view_show_intake (ToaItemView *self, const ToaArticleFlow *flow,
                                       const ToaIntakeRecord *record, GPtrArray *channels,
                                       GPtrArray *attachments, const GError *attachments_error);
void        toa_item_view_on_compose_letter (ToaItemView *self);
void        toa_item_view_on_copy_letter (ToaItemView *self);

G_END_DECLS
