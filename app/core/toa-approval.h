/* toa-approval.h — transitions that need approval (withdraw a published item, request
 * deletion): when the actor holds a role allowed to take the transition but none of the
 * definition's "needs_approval" roles, toa_transitions_do records a pending request instead
 * of moving the item (ToaTransitionResult.request_id is set, the state is unchanged). A holder
 * of an approving role on the item's site then approves (the transition is applied, recorded
 * as asked by the requester and approved by the approver) or rejects it (with a comment).
 * One pending request per item at a time; nothing is ever hard-deleted. */
#pragma once

#include "toa-transitions.h"

G_BEGIN_DECLS

typedef enum {
  TOA_APPROVAL_PENDING,
  TOA_APPROVAL_APPROVED,
  TOA_APPROVAL_REJECTED,
  TOA_APPROVAL_LAPSED,     /* the item moved on before anyone decided */
} ToaApprovalStatus;

const char *toa_approval_status_code (ToaApprovalStatus status);   /* "pending", … */

/* A request (table transition_requests); never deleted, decided once. */
typedef struct {
  gint64             id;
  gint64             article_id;
  gint64             site_id;            /* filled by the store on read */
  char              *article_title;      /* filled by the store on read */
  char              *transition;         /* "withdraw", "request-deletion" */
  char              *transition_name;    /* filled by core from the item's workflow */
  char              *from_state;         /* the item's state when asked */
  char              *to_state;           /* where the item goes if approved */
  char              *comment;            /* the requester's reason */
  char              *ground;             /* may be NULL */
  gint64             article_version;    /* the item's version when asked */
  gint64             requested_by;
  char              *requested_by_name;  /* filled by the store on read */
  gint64             on_behalf_of;       /* delegator when asked under delegation; 0 = own right */
  gint64             requested_at;       /* µs UTC */
  ToaApprovalStatus  status;
  gint64             decided_by;         /* 0 while pending */
  char              *decided_by_name;    /* filled by the store on read */
  char              *decision_comment;   /* may be NULL */
  gint64             decided_at;         /* µs UTC; 0 while pending */
  char              *approvers;          /* filled by core: the approving roles' names,
                                          * comma-separated (added by the approval helper) */
} ToaApprovalRequest;

ToaApprovalRequest *toa_approval_request_new (void);
void                toa_approval_request_free (ToaApprovalRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaApprovalRequest, toa_approval_request_free)

/* The pending request on @article_id, or NULL (no error) when there is none. */
ToaApprovalRequest *toa_approval_pending_for_article (ToaStore *store, gint64 article_id,
                                                      GError **error);

/* Every request on @article_id, oldest first (for the timeline). */
GPtrArray          *toa_approval_list (ToaStore *store, gint64 article_id, GError **error);

/* The pending requests @person may decide (an approving role on the item's site), oldest first. */
GPtrArray          *toa_approval_list_for_approver (ToaStore *store, const ToaPerson *person,
                                                    GError **error);

/* May @person decide @request (holds one of the transition's approval roles on the site, is
 * active; a requester never decides their own request)? FALSE with TOA_ERROR_PERMISSION
 * naming the roles that may. */
gboolean            toa_approval_may_decide (ToaStore *store, const ToaPerson *person,
                                             const ToaApprovalRequest *request, GError **error);

/* Approves (@approve TRUE) or rejects @request_id as @approver, in ONE transaction with the
 * audit record. Approving applies the transition (timeline row: the requester as actor, the
 * approver recorded as approved_by) — TOA_ERROR_CONFLICT when the item moved since the request
 * (the request is then marked lapsed and the item is unchanged). Rejecting needs @comment.
 * @now: µs UTC, 0 = the clock. @out (may be NULL) as for toa_transitions_do. Errors:
 * NOT_FOUND, INVALID (already decided: says by whom and when; missing comment), PERMISSION,
 * CONFLICT. */
gboolean            toa_approval_decide (ToaStore *store, const ToaPerson *approver,
                                         gint64 request_id, gboolean approve,
                                         const char *comment, gint64 now,
                                         ToaTransitionResult *out, GError **error);

G_END_DECLS
