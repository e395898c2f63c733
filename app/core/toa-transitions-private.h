/* toa-transitions-private.h — what toa-transitions.c shares with toa-approval.c: writing a
 * transition's effect on the item (state, definition version, deadline, publication time, a
 * compare-and-set on the version and state read) with its timeline row, the audit detail,
 * and the pending-request step for transitions that need approval. Not installed. */
#pragma once

#include "toa-approval.h"
#include "toa-store.h"
#include "toa-workflow.h"

G_BEGIN_DECLS

/* Inside the caller's transaction: moves @flow (as read) to @to by @transition of @workflow,
 * at @now, with @last_actor_id as the item's last actor, then appends @record (the caller
 * fills actor, on_behalf_of, comment, ground, scheduled_for, approved_by; this fills
 * article, transition, states and time). TOA_ERROR_CONFLICT naming who moved the item first.
 * On success @flow holds the new values and its version is the new one. */
gboolean  toa_transitions_apply (ToaStore *store, ToaArticleFlow *flow, const ToaWorkflow *workflow,
                                 const ToaWorkflowTransition *transition, const char *to,
                                 ToaTransitionRecord *record, gint64 last_actor_id, gint64 now,
                                 GError **error);

/* Sets @flow's deadline from its kind of information when it has none (working days). */
gboolean  toa_transitions_fill_deadline (ToaStore *store, ToaArticleFlow *flow, GError **error);

/* The audit detail of a timeline row (JSON); @request_id not 0 adds "request". */
char     *toa_transitions_detail_json (const ToaTransitionRecord *record, gint64 request_id);

/* Inside the caller's transaction (toa_transitions_do): records @request (article, transition,
 * states, comment, ground, version, requester, on_behalf_of, time filled by the caller) as
 * pending with its audit record "article.request". TOA_ERROR_CONFLICT naming who asked and
 * when when the item already has a pending request. */
gboolean  toa_approval_record_request (ToaStore *store, ToaApprovalRequest *request, GError **error);

/* Inside the caller's transaction, after the item moved: closes its pending request, if
 * any, as lapsed by @actor_id (audited "article.request-lapsed"). */
gboolean  toa_approval_lapse_pending (ToaStore *store, gint64 article_id, gint64 actor_id, gint64 now,
                                      GError **error);

G_END_DECLS
