/* toa-inbox-types.h — the plain records of intake (Quy trình 1) and of the approval inbox
 * that the storage interface passes (toa-store.h includes this). The rules are in
 * toa-intake.h and toa-inbox.h. */
#pragma once

#include <glib.h>

#include "toa-article.h"

G_BEGIN_DECLS

/* A channel material arrives by (table intake_channels): post, document-system, email,
 * zalo, in-house (which skips intake). */
typedef struct {
  char     *code;
  char     *name;          /* "Bưu điện" */
  gboolean  skips_intake;
  int       position;
  char     *source;
} ToaIntakeChannel;

/* How an item came in (table intake_records). */
typedef struct {
  gint64  article_id;
  char   *channel;           /* an intake channel code */
  gint64  sender_unit_id;    /* 0 = not a registered unit */
  char   *sender_unit_name;  /* filled by the store on read */
  char   *sender_name;       /* the sender when not a registered unit; may be NULL */
  char   *document_no;       /* may be NULL */
  char   *received_on;       /* "YYYY-MM-DD" */
  char   *issued_on;         /* "YYYY-MM-DD" or NULL */
  GStrv   attachments;       /* file names; may be NULL */
  char   *reply_letter;      /* the refusal letter; NULL until written */
  gint64  created_at;        /* µs UTC */
} ToaIntakeRecord;

ToaIntakeChannel *toa_intake_channel_new (void);
void              toa_intake_channel_free (ToaIntakeChannel *channel);
ToaIntakeRecord  *toa_intake_record_new (void);
void              toa_intake_record_free (ToaIntakeRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaIntakeChannel, toa_intake_channel_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaIntakeRecord, toa_intake_record_free)

/* An intake record's attachments as the stores keep them: a JSON array of strings ("[]" for
 * NULL). _from_json reads one back, keeping only the strings; NULL or text that is not an
 * array gives an empty list (never NULL). */
char             *toa_intake_attachments_to_json (GStrv attachments);
GStrv             toa_intake_attachments_from_json (const char *json);

/* One part of an inbox query: items on @site_id in one of @states, following @workflow_code
 * (or, when @default_workflow, no recorded workflow), of designed genres only (1), of other
 * genres only (0) or any (-1). */
typedef struct {
  gint64      site_id;
  char       *workflow_code;
  gboolean    default_workflow;
  GStrv       states;
  int         designed;
} ToaInboxScope;

/* What the store returns: the union of @scopes, the items in @request_article_ids, those
 * with a pending request by @requested_by, and (when @last_actor_id is not 0) the items
 * that person moved last whose state is not one of @end_states; optionally only those with
 * a deadline before @deadline_before ("YYYY-MM-DD"), from @deadline_from on, on @site_id, in
 * @section_ids, of @genre, in @state, and matching @text (searched like the article list). Ordered by deadline (none last), then last change, newest first. */
typedef struct {
  GPtrArray  *scopes;            /* of ToaInboxScope*, owned */
  gint64      last_actor_id;
  GStrv       end_states;
  char       *deadline_before;
  char       *text;
  guint       offset;
  guint       limit;
  GArray     *request_article_ids; /* gint64, owned: items whose pending approval request
                                    * this person may decide (toa-approval.h); NULL = none */
  gint64      requested_by;        /* not 0: also the items with a pending request by them */
  /* filters applied inside every part (so each stays on its index) */
  gint64      site_id;             /* 0 = any */
  GArray     *section_ids;         /* gint64, owned; NULL = any */
  char       *genre;               /* NULL = any */
  char       *state;               /* NULL = any */
  char       *deadline_from;       /* "YYYY-MM-DD": deadline on or after; NULL = any */
} ToaInboxQuery;

ToaInboxScope *toa_inbox_scope_new (gint64 site_id, const char *workflow_code,
                                    gboolean default_workflow, int designed);
void           toa_inbox_scope_free (ToaInboxScope *scope);
ToaInboxQuery *toa_inbox_query_new (void);
void           toa_inbox_query_free (ToaInboxQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaInboxScope, toa_inbox_scope_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaInboxQuery, toa_inbox_query_free)

/* One row of the inbox. The store fills @article (without body) and the fields marked
 * "store"; core (toa_inbox_list) the rest. */
typedef struct {
  ToaArticle *article;
  char       *deadline;         /* store: "YYYY-MM-DD" or NULL */
  char       *received_on;      /* store: the intake record's date, else the creation date */
  gint64      comment_count;    /* store */
  char       *workflow_code;    /* store: NULL = the board's default */
  int         workflow_version; /* store: 0 = not fixed yet */
  char       *genre_name;       /* core */
  char       *state_name;       /* core: the state's name in its workflow */
  char       *step_label;       /* core: "Bước 2", else the state's name */
  GStrv       holder_roles;     /* core: role codes that can act now */
  char       *holder;           /* core: their names, comma-separated */
  gboolean    has_deadline;     /* core */
  int         days_left;        /* core: working days; 0 = due today; < 0 = overdue */
  gint64      request_id;       /* store: the item's pending approval request; 0 = none */
  char       *request_transition; /* store: the transition it asks for */
} ToaInboxItem;

ToaInboxItem *toa_inbox_item_new (void);
void          toa_inbox_item_free (ToaInboxItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaInboxItem, toa_inbox_item_free)

G_END_DECLS
