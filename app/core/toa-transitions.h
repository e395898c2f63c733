/* toa-transitions.h — moving an article along its workflow (forward, return, approve,
 * publish, schedule, escalate, refuse, withdraw, request deletion): every transition is
 * checked by the one generic checker (toa-workflow-check.h) against the actor's roles on the
 * article's site and the delegations in force, then stored with its timeline row and audit
 * record in one transaction. The record types are here too, for the storage interface. */
#pragma once

#include "toa-model.h"

G_BEGIN_DECLS

/* The storage interface (toa-store.h) uses the types below; declared here to avoid a cycle. */
typedef struct _ToaStore ToaStore;

/* The workflow side of an article, as the store reads and writes it. */
typedef struct {
  gint64  id;
  gint64  site_id;
  char   *title;
  char   *genre;
  gboolean designed;          /* genres.designed */
  char   *info_kind;          /* may be NULL */
  char   *state;
  gint64  version;
  char   *workflow_code;      /* NULL = the board's default, fixed by the first transition */
  int     workflow_version;   /* 0 when not fixed yet */
  char   *deadline;           /* "YYYY-MM-DD" or NULL */
  gint64  last_actor_id;      /* 0 = nobody yet */
  char   *last_actor_name;    /* filled by the store on read */
  gint64  last_transition_at; /* µs UTC; 0 = never */
  gint64  created_at;
  gint64  published_at;       /* 0 = never */
} ToaArticleFlow;

ToaArticleFlow *toa_article_flow_new (void);
void            toa_article_flow_free (ToaArticleFlow *flow);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaArticleFlow, toa_article_flow_free)

/* One row of an article's timeline (article_transitions); never changed once written. */
typedef struct {
  gint64  id;
  gint64  article_id;
  char   *transition;         /* "publish" */
  char   *from_state;
  char   *to_state;
  gint64  actor_id;
  char   *actor_name;         /* filled by the store on read */
  gint64  on_behalf_of;       /* the delegator (KT./TL.); 0 = own right */
  char   *on_behalf_of_name;  /* filled by the store on read */
  char   *behalf_form;        /* "KT" or "TL" when delegated: the form used at the time */
  char   *comment;            /* may be NULL */
  char   *ground;             /* refusal ground code; may be NULL */
  gint64  scheduled_for;      /* µs UTC; 0 = none */
  gint64  at;                 /* µs UTC */
  gint64  approved_by;        /* who approved it when it needed approval (toa-approval.h);
                               * the actor is then the requester. 0 = none */
  char   *approved_by_name;   /* filled by the store on read */
} ToaTransitionRecord;

ToaTransitionRecord *toa_transition_record_new (void);
void                 toa_transition_record_free (ToaTransitionRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaTransitionRecord, toa_transition_record_free)

/* A delegation (ủy quyền): @from_person lets @to_person take @actions on @site_id from
 * @from_date to @to_date inclusive ("YYYY-MM-DD"), until revoked. */
typedef struct {
  gint64  id;
  gint64  from_person;
  char   *from_name;          /* filled by the store on read */
  gint64  to_person;
  char   *to_name;            /* filled by the store on read */
  gint64  site_id;
  GStrv   actions;            /* transition codes */
  char   *from_date;
  char   *to_date;
  gint64  created_at;
  gint64  revoked_at;         /* 0 = in force */
  char   *form;               /* "KT" (ký thay) or "TL" (thừa lệnh); NULL = "KT" */
} ToaDelegation;

ToaDelegation *toa_delegation_new (void);
void           toa_delegation_free (ToaDelegation *delegation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaDelegation, toa_delegation_free)

/* What a person asks for. Strings may be NULL where optional. */
typedef struct {
  gint64      article_id;
  const char *transition;       /* "forward", "return", "publish"… */
  const char *target;           /* the earlier state for "return" */
  const char *comment;
  const char *ground;           /* refusal ground code */
  gint64      scheduled_for;    /* µs UTC, required when the item moves to "scheduled" */
  gint64      expected_version; /* the version the person saw; 0 = whatever is stored now */
  gint64      now;              /* µs UTC; 0 = the clock. Decides which delegations are in force */
} ToaTransitionRequest;

/* What happened. */
typedef struct {
  gint64  article_id;
  char   *transition;
  char   *from;
  char   *to;
  gint64  version;              /* the article's version afterwards */
  gint64  on_behalf_of;         /* the delegator; 0 = own right */
  char   *on_behalf_of_name;
  char   *behalf_form;          /* "KT" or "TL" when delegated; NULL otherwise */
  char   *deadline;             /* "YYYY-MM-DD" or NULL */
  gint64  request_id;           /* not 0: the transition needs approval and was recorded as a
                                 * pending request (toa-approval.h); the item did not move */
} ToaTransitionResult;

void toa_transition_result_clear (ToaTransitionResult *result);

/* Takes @request->transition on the article as @actor. In ONE transaction: reads the article
 * and its workflow (the board's default when none is fixed yet; then fixed with its current
 * version and the deadline from the kind of information), the actor's roles on the site and
 * the delegations in force today (Vietnam time), asks toa_workflow_check, writes the state
 * with a compare-and-set on the version and state it read, a timeline row and an audit record.
 * A transition whose definition lists "needs_approval" roles is completed at once only by an
 * actor who also holds one of those roles; anyone else's becomes a pending request
 * (toa-approval.h): @out->request_id is set and the item keeps its state and version.
 * Errors: TOA_ERROR_INVALID (unknown action here, target, comment, ground, schedule time),
 * TOA_ERROR_PERMISSION (roles and delegations do not allow it; nothing changes),
 * TOA_ERROR_CONFLICT (someone moved the item first — named), TOA_ERROR_NOT_FOUND. */
gboolean   toa_transitions_do (ToaStore *store, const ToaPerson *actor,
                               const ToaTransitionRequest *request,
                               ToaTransitionResult *out, GError **error);

/* The article's timeline, oldest first: a GPtrArray of ToaTransitionRecord with the actor's
 * name and, when delegated, the delegator's. */
GPtrArray *toa_transitions_list (ToaStore *store, gint64 article_id, GError **error);

/* "KT. <delegator>" or "TL. <delegator>" label for a record acting under delegation; NULL otherwise. */
char      *toa_transition_record_behalf_label (const ToaTransitionRecord *record);

/* "KT. <name>" or "TL. <name>" for @form ("KT"/"TL"; NULL = "KT"), translated. */
char      *toa_transitions_behalf_text (const char *form, const char *name);

/* The local (UTC+7) calendar day of @usec. */
void       toa_transitions_local_date (gint64 usec, GDate *out);

G_END_DECLS
