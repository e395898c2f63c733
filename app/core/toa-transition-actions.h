/* toa-transition-actions.h — exactly the actions a person may take on an item now: every
 * transition of the item's workflow (its fixed version, or the board's default) that leaves
 * its state for its kind of genre and that the one generic checker (toa_workflow_check)
 * allows for the person's roles on the site and the delegations in force; plus deciding a
 * pending approval request when the person holds an approving role. The window builds its
 * buttons from this list and the CLI prints it (`workflow actions`); toa_transitions_do
 * still checks everything again when the person acts. */
#pragma once

#include "toa-transitions.h"

G_BEGIN_DECLS

typedef enum {
  TOA_ACTION_TRANSITION,       /* take @code with toa_transitions_do */
  TOA_ACTION_APPROVE_REQUEST,  /* toa_approval_decide (@request_id, TRUE) */
  TOA_ACTION_REJECT_REQUEST,   /* toa_approval_decide (@request_id, FALSE) */
} ToaActionKind;

typedef struct {
  ToaActionKind  kind;
  char          *code;               /* transition code; "approve-request" / "reject-request" */
  char          *name;               /* the definition's Vietnamese label (or a translated one) */
  char          *to;                 /* the state it leads to; NULL for a return (see @targets) */
  char          *to_name;            /* that state's name in the workflow */
  GStrv          targets;            /* a return: the earlier states to choose from, else NULL */
  GStrv          target_names;       /* their names, same order */
  gboolean       comment_required;
  gboolean       ground_required;    /* choose one of toa_refusal_grounds () */
  gboolean       needs_time;         /* leads to "scheduled": ask for a publication time */
  gboolean       publishes;
  gboolean       becomes_request;    /* the person lacks an approving role: it will be a request */
  gint64         on_behalf_of;       /* allowed only under this person's delegation; 0 = own right */
  char          *on_behalf_of_name;
  char          *behalf_form;        /* "KT" or "TL" under a delegation, else NULL */
  gint64         request_id;         /* for the two request decisions */
} ToaAvailableAction;

ToaAvailableAction *toa_available_action_new (void);
void                toa_available_action_free (ToaAvailableAction *action);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaAvailableAction, toa_available_action_free)

/* The actions @person may take on @article_id now (@now µs UTC, 0 = the clock; it decides
 * which delegations are in force), in the definition's order, the request decisions last.
 * One entry per transition code (the first the checker allows). Empty when none (an end
 * state, no role, an inactive account). While a request is pending on the item, transitions
 * that need approval are not offered again. */
GPtrArray *toa_transitions_available (ToaStore *store, const ToaPerson *person,
                                      gint64 article_id, gint64 now, GError **error);

G_END_DECLS
