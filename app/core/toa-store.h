/* toa-store.h — the storage interface. The SQLite backend (app/store) implements it now,
 * the PostgreSQL backend later; core only ever talks to this interface and never includes
 * app/store. Every method that can fail takes a GError (TOA_ERROR domain, see toa-error.h).
 * Text passed in is already validated NFC (core does that at the boundary).
 * Lists are GPtrArray with the element's free function set. */
#pragma once

#include <glib-object.h>

#include "toa-article.h"
#include "toa-article-query.h"
#include "toa-approval.h"
#include "toa-attachment-types.h"
#include "toa-image-types.h"
#include "toa-inbox-types.h"
#include "toa-model.h"
#include "toa-store-watch.h"
#include "toa-transitions.h"
#include "toa-workflow.h"
#include "toa-workdays.h"

G_BEGIN_DECLS

#define TOA_TYPE_STORE (toa_store_get_type ())
G_DECLARE_INTERFACE (ToaStore, toa_store, TOA, STORE, GObject)

struct _ToaStoreInterface {
  GTypeInterface parent_iface;

  /* What a message should name: the file path or the server URI (without password). */
  const char *(*describe) (ToaStore *self);
  int         (*schema_version) (ToaStore *self);
  /* Who the connection is signed in as (the PostgreSQL user), or NULL (unset) when whoever
   * opens the database is trusted (the SQLite file). Core lets a connection with a
   * signed-in login act only as that login (toa_people_find_actor). Optional. */
  const char *(*signed_in_login) (ToaStore *self);
  /* Outages (optional; unset = always online, like the SQLite file). is_online: whether
   * the last contact with the server worked, without network traffic. ping: contacts the
   * server now (connecting again if the connection was lost, never inside a transaction);
   * FALSE with TOA_ERROR_IO when it does not answer. */
  gboolean    (*is_online) (ToaStore *self);
  gboolean    (*ping)      (ToaStore *self, GError **error);
  /* Live changes (issue 4, toa-store-watch.h): a new watch on the calling thread's main
   * context, or NULL with @error. Optional: NULL (unset) when the store cannot tell what
   * other desks changed (the SQLite file) — callers poll then. */
  ToaStoreWatch *(*watch) (ToaStore *self, GError **error);

  /* One transaction at a time per store object; nested begin is an error. */
  gboolean (*begin)    (ToaStore *self, GError **error);
  gboolean (*commit)   (ToaStore *self, GError **error);
  void     (*rollback) (ToaStore *self);

  /* Sites, sections, units, genres, kinds of information. _add fills in the new id. */
  gboolean   (*site_add)       (ToaStore *self, ToaSite *site, GError **error);
  GPtrArray *(*site_list)      (ToaStore *self, GError **error);
  ToaSite   *(*site_find)      (ToaStore *self, const char *code, GError **error); /* NOT_FOUND */
  gboolean   (*section_add)    (ToaStore *self, ToaSection *section, GError **error);
  GPtrArray *(*section_list)   (ToaStore *self, gint64 site_id, GError **error);   /* 0 = all */
  gboolean   (*unit_add)       (ToaStore *self, ToaUnit *unit, GError **error);
  GPtrArray *(*unit_list)      (ToaStore *self, GError **error);
  GPtrArray *(*genre_list)     (ToaStore *self, GError **error);
  GPtrArray *(*info_kind_list) (ToaStore *self, GError **error);

  /* People. person_add stores the roles in person->roles too; password_hash may be NULL
   * (a contributor who never signs in). person_find looks up by login (NOT_FOUND). */
  gboolean   (*person_add)        (ToaStore *self, ToaPerson *person, const char *password_hash, GError **error);
  ToaPerson *(*person_find)       (ToaStore *self, const char *login, GError **error);
  ToaPerson *(*person_get)        (ToaStore *self, gint64 id, GError **error);
  GPtrArray *(*person_list)       (ToaStore *self, GError **error);
  gboolean   (*role_grant)        (ToaStore *self, gint64 person_id, gint64 site_id, ToaRole role, GError **error);
  char      *(*password_hash_get) (ToaStore *self, const char *login, GError **error); /* NOT_FOUND */

  /* Articles. article_insert fills id, version (1), created_at/updated_at when 0.
   * article_update writes every field, the authors and the tags, only if the stored version equals
   * article->version (else TOA_ERROR_CONFLICT), then bumps article->version.
   * article_get reads the authors and tags too; article_insert writes them.
   * article_list returns articles without body_html and tags; after == NULL starts at @offset,
   * otherwise continues right after @after in the query's order (offset ignored). */
  gboolean    (*article_insert) (ToaStore *self, ToaArticle *article, GError **error);
  gboolean    (*article_update) (ToaStore *self, ToaArticle *article, GError **error);
  ToaArticle *(*article_get)    (ToaStore *self, gint64 id, GError **error);             /* NOT_FOUND */
  gint64      (*article_count)  (ToaStore *self, const ToaArticleQuery *query, GError **error); /* -1 on error */
  GPtrArray  *(*article_list)   (ToaStore *self, const ToaArticleQuery *query, ToaArticle *after,
                                 guint offset, guint limit, GError **error);

  /* Revisions and comments; _add fills id (and number for revisions). */
  gboolean   (*revision_add)  (ToaStore *self, ToaRevision *revision, GError **error);
  GPtrArray *(*revision_list) (ToaStore *self, gint64 article_id, GError **error);
  gboolean   (*comment_add)   (ToaStore *self, ToaComment *comment, GError **error);
  GPtrArray *(*comment_list)  (ToaStore *self, gint64 article_id, GError **error);

  /* Audit log: append-only. audit_last returns NULL (no error) on an empty log.
   * audit_insert stores the record exactly as given (seq, hashes computed by core). */
  ToaAuditRecord *(*audit_last)   (ToaStore *self, GError **error);
  gboolean        (*audit_insert) (ToaStore *self, const ToaAuditRecord *record, GError **error);
  GPtrArray      *(*audit_list)   (ToaStore *self, gint64 after_seq, guint limit, GError **error);

  /* Calendar: official working-day adjustments (issue 3). */
  /* Holiday rules (Bộ luật Lao động 2019 Điều 112) and the official adjustments; the list
   * takes an inclusive date range, NULL = open-ended. _add sets (inserts or replaces) a day. */
  GPtrArray *(*calendar_holiday_list)    (ToaStore *self, GError **error);
  GPtrArray *(*calendar_adjustment_list) (ToaStore *self, const GDate *from, const GDate *to,
                                          GError **error);
  gboolean   (*calendar_adjustment_add)  (ToaStore *self, const ToaCalendarAdjustment *adjustment,
                                          GError **error);
  /* (calendar vfuncs go here) */

  /* Workflow definitions (issue 3). */
  /* (workflow vfuncs go here) */
  /* board_setting_set: stores @value for @key (inserted or replaced) with its @source. */
  gboolean (*board_setting_set) (ToaStore *self, const char *key, const char *value,
                                 const char *source, GError **error);

  /* Transitions and delegations (issue 3). */
  /* (transition vfuncs go here) */
  /* transition_take (optional; unset = the store trusts core to write): a transition core
   * has already checked, taken by the server, which checks it again against the person the
   * connection is signed in as and writes state (compare-and-set on @expected_version),
   * the timeline row, the lapse of a pending request and the audit record itself
   * (PostgreSQL: toa_take_transition, resources/sql/postgres/005-security.sql). In:
   * @flow (id, deadline to set when it has none), @target, @record (actor_id, transition,
   * comment, ground, scheduled_for), @now (honoured only for the database's owner).
   * Out: @record filled (id, from/to, on_behalf_of, behalf_form, at), @flow's state,
   * version and deadline. TOA_ERROR_CONFLICT when the item moved first. */
  gboolean (*transition_take) (ToaStore *self, ToaArticleFlow *flow, const char *target,
                               ToaTransitionRecord *record, gint64 expected_version, gint64 now,
                               GError **error);
  /* approval_request_ask (optional; unset = core writes): records a pending request on the
   * server, which checks it again (the generic checker allows the transition, the person
   * signed in holds none of its approving roles) and writes the request and its audit
   * record "article.request" (PostgreSQL: toa_ask_transition, 007-member-admin.sql). In:
   * @request (article_id, transition, to_state as the target, comment, ground,
   * article_version expected, requested_by, requested_at honoured only for the owner).
   * Out: id, to_state, on_behalf_of, requested_at. */
  gboolean (*approval_request_ask) (ToaStore *self, ToaApprovalRequest *request, GError **error);
  /* approval_request_take (optional; unset = core writes): decides pending request @id on
   * the server (toa_decide_request), which checks the decider again and writes everything:
   * rejection, lapse (the item moved: *@lapsed = TRUE, the item untouched) or approval (the
   * item's state, the timeline row, the request) with the audit record. @deadline is set
   * only when the item has none. Out: @flow's state, version, deadline; @record (id,
   * behalf_form, at) when approved. */
  gboolean (*approval_request_take) (ToaStore *self, gint64 id, gboolean approve, gint64 decided_by,
                                     const char *comment, const char *deadline, gint64 now,
                                     ToaArticleFlow *flow, ToaTransitionRecord *record,
                                     gboolean *lapsed, GError **error);
  /* Delegations (toa-delegation.h). delegation_get: NOT_FOUND; delegation_list: given by or
   * to @person_id (0 = everyone's), newest first; delegation_revoke sets revoked_at = @at only
   * while not revoked (else TOA_ERROR_CONFLICT). */
  ToaDelegation  *(*delegation_get)           (ToaStore *self, gint64 id, GError **error);
  GPtrArray      *(*delegation_list)          (ToaStore *self, gint64 person_id, GError **error);
  gboolean        (*delegation_revoke)        (ToaStore *self, gint64 id, gint64 at, GError **error);
  /* Approval requests (toa-approval.h). approval_request_add fills id (TOA_ERROR_CONFLICT
   * when the item already has a pending request); _get: NOT_FOUND; _pending: the item's
   * pending request or NULL (no error); _list: the item's requests, oldest first;
   * _list_pending: pending requests on the sites in @site_ids (gint64; NULL = every site),
   * oldest first; _decide sets status, decider, comment and time only while the request is
   * pending (else TOA_ERROR_CONFLICT). */
  gboolean            (*approval_request_add)          (ToaStore *self, ToaApprovalRequest *request, GError **error);
  ToaApprovalRequest *(*approval_request_get)          (ToaStore *self, gint64 id, GError **error);
  ToaApprovalRequest *(*approval_request_pending)      (ToaStore *self, gint64 article_id, GError **error);
  GPtrArray          *(*approval_request_list)         (ToaStore *self, gint64 article_id, GError **error);
  GPtrArray          *(*approval_request_list_pending) (ToaStore *self, GArray *site_ids, GError **error);
  gboolean            (*approval_request_decide)       (ToaStore *self, gint64 id, ToaApprovalStatus status,
                                                        gint64 decided_by, const char *comment, gint64 at,
                                                        GError **error);
  /* board_setting_get: NOT_FOUND when unset. article_flow_get: the workflow side of an
   * article (NOT_FOUND). article_flow_update writes state, workflow code/version, deadline,
   * last actor and time, published_at, bumps the version — only if the stored version equals
   * @expected_version and the state @expected_state (else TOA_ERROR_CONFLICT). transition_add
   * fills id; transition_list: oldest first. delegation_add fills id;
   * delegation_list_in_force: to @person_id, @date ("YYYY-MM-DD") within the range, not revoked. */
  char           *(*board_setting_get)        (ToaStore *self, const char *key, GError **error);
  ToaArticleFlow *(*article_flow_get)         (ToaStore *self, gint64 article_id, GError **error);
  gboolean        (*article_flow_update)      (ToaStore *self, const ToaArticleFlow *flow,
                                               gint64 expected_version, const char *expected_state,
                                               GError **error);
  gboolean        (*transition_add)           (ToaStore *self, ToaTransitionRecord *record, GError **error);
  GPtrArray      *(*transition_list)          (ToaStore *self, gint64 article_id, GError **error);
  gboolean        (*delegation_add)           (ToaStore *self, ToaDelegation *delegation, GError **error);
  GPtrArray      *(*delegation_list_in_force) (ToaStore *self, gint64 person_id, const char *date,
                                               GError **error);

  /* Intake and the inbox (issue 3). */
  /* (inbox vfuncs go here) */
  /* Intake records (_get: NOT_FOUND when the item has none), the channels, an article's
   * deadline ("YYYY-MM-DD" or NULL) and the inbox query (toa-inbox-types.h). */
  GPtrArray       *(*intake_channel_list)     (ToaStore *self, GError **error);
  gboolean         (*intake_record_add)       (ToaStore *self, const ToaIntakeRecord *record, GError **error);
  ToaIntakeRecord *(*intake_record_get)       (ToaStore *self, gint64 article_id, GError **error);
  gboolean         (*intake_reply_letter_set) (ToaStore *self, gint64 article_id, const char *letter, GError **error);
  gboolean         (*article_deadline_set)    (ToaStore *self, gint64 article_id, const char *deadline, GError **error);
  GPtrArray       *(*inbox_list)              (ToaStore *self, const ToaInboxQuery *query, GError **error);
  /* Files kept with items (toa-attachments.h, 010-attachments.sql). stored_file_put stores
   * @data under its SHA-256 @sha256 once (an existing content is kept as it is);
   * stored_file_get: NOT_FOUND. article_attachment_add inserts one row (TOA_ERROR_CONFLICT
   * when the position is taken); article_attachment_list: the item's files with content,
   * by position, with size, media type and the adder's name. */
  gboolean   (*stored_file_put)         (ToaStore *self, const char *sha256, const char *media_type,
                                         GBytes *data, GError **error);
  GBytes    *(*stored_file_get)         (ToaStore *self, const char *sha256, GError **error);
  gboolean   (*article_attachment_add)  (ToaStore *self, const ToaAttachment *attachment, GError **error);
  GPtrArray *(*article_attachment_list) (ToaStore *self, gint64 article_id, GError **error);
  /* workflow_definition_add stores a new version (TOA_ERROR_CONFLICT when that code and
   * version exist: versions are never overwritten); _get with version 0 = the latest
   * (NOT_FOUND); _list = the latest version of each code, by code. */
  gboolean           (*workflow_definition_add)  (ToaStore *self, const ToaWorkflowRecord *record, GError **error);
  ToaWorkflowRecord *(*workflow_definition_get)  (ToaStore *self, const char *code, int version, GError **error);
  GPtrArray         *(*workflow_definition_list) (ToaStore *self, GError **error);

  /* Issue 5. */
  /* (meta vfuncs go here) */
  /* (images vfuncs go here) */
  /* Images in articles (toa-images.h, SQLite 014 / PostgreSQL 011-images.sql). The files go in
   * with stored_file_put first. article_image_add links one (an image already linked to that
   * article is kept as it is: TRUE); article_image_list: the article's images, oldest first,
   * with size, media type and the adder's name. stored_image_get: the bytes and media type of
   * an image linked to some article (@thumb FALSE, by its sha256) or of the thumbnail of such
   * an image (@thumb TRUE, by the image's sha256); NOT_FOUND otherwise. */
  gboolean   (*article_image_add)  (ToaStore *self, const ToaArticleImage *image, GError **error);
  GPtrArray *(*article_image_list) (ToaStore *self, gint64 article_id, GError **error);
  GBytes    *(*stored_image_get)   (ToaStore *self, const char *sha256, gboolean thumb,
                                    char **media_type, GError **error);
  /* (revisions vfuncs go here) */
  /* (checks vfuncs go here) */
};

const char     *toa_store_describe (ToaStore *self);
int             toa_store_schema_version (ToaStore *self);
const char     *toa_store_signed_in_login (ToaStore *self);   /* NULL = anyone who opens it */
gboolean        toa_store_is_online (ToaStore *self);
gboolean        toa_store_ping (ToaStore *self, GError **error);
/* The store's live-changes watch, shared by every caller while one holds a reference (unref
 * it when done); NULL without an error when the store cannot be watched (SQLite). */
ToaStoreWatch  *toa_store_watch (ToaStore *self, GError **error);
gboolean        toa_store_begin (ToaStore *self, GError **error);
gboolean        toa_store_commit (ToaStore *self, GError **error);
void            toa_store_rollback (ToaStore *self);
/* Ends a failed transaction: rolls back, then passes @local_error on to @error (a generic
 * "could not be read" when @local_error is NULL). Returns FALSE, for `return`. */
gboolean        toa_store_abandon (ToaStore *self, GError *local_error, GError **error);
/* Finds a site by code; TOA_ERROR_NOT_FOUND says what to check. */
ToaSite        *toa_store_site_find_checked (ToaStore *self, const char *code, GError **error);
gboolean        toa_store_site_add (ToaStore *self, ToaSite *site, GError **error);
GPtrArray      *toa_store_site_list (ToaStore *self, GError **error);
ToaSite        *toa_store_site_find (ToaStore *self, const char *code, GError **error);
gboolean        toa_store_section_add (ToaStore *self, ToaSection *section, GError **error);
GPtrArray      *toa_store_section_list (ToaStore *self, gint64 site_id, GError **error);
gboolean        toa_store_unit_add (ToaStore *self, ToaUnit *unit, GError **error);
GPtrArray      *toa_store_unit_list (ToaStore *self, GError **error);
GPtrArray      *toa_store_genre_list (ToaStore *self, GError **error);
GPtrArray      *toa_store_info_kind_list (ToaStore *self, GError **error);
gboolean        toa_store_person_add (ToaStore *self, ToaPerson *person, const char *password_hash, GError **error);
ToaPerson      *toa_store_person_find (ToaStore *self, const char *login, GError **error);
ToaPerson      *toa_store_person_get (ToaStore *self, gint64 id, GError **error);
GPtrArray      *toa_store_person_list (ToaStore *self, GError **error);
gboolean        toa_store_role_grant (ToaStore *self, gint64 person_id, gint64 site_id, ToaRole role, GError **error);
char           *toa_store_password_hash_get (ToaStore *self, const char *login, GError **error);
gboolean        toa_store_article_insert (ToaStore *self, ToaArticle *article, GError **error);
gboolean        toa_store_article_update (ToaStore *self, ToaArticle *article, GError **error);
ToaArticle     *toa_store_article_get (ToaStore *self, gint64 id, GError **error);
gint64          toa_store_article_count (ToaStore *self, const ToaArticleQuery *query, GError **error);
GPtrArray      *toa_store_article_list (ToaStore *self, const ToaArticleQuery *query, ToaArticle *after,
                                        guint offset, guint limit, GError **error);
gboolean        toa_store_revision_add (ToaStore *self, ToaRevision *revision, GError **error);
GPtrArray      *toa_store_revision_list (ToaStore *self, gint64 article_id, GError **error);
gboolean        toa_store_comment_add (ToaStore *self, ToaComment *comment, GError **error);
GPtrArray      *toa_store_comment_list (ToaStore *self, gint64 article_id, GError **error);
ToaAuditRecord *toa_store_audit_last (ToaStore *self, GError **error);
gboolean        toa_store_audit_insert (ToaStore *self, const ToaAuditRecord *record, GError **error);
GPtrArray      *toa_store_audit_list (ToaStore *self, gint64 after_seq, guint limit, GError **error);
GPtrArray      *toa_store_calendar_holiday_list (ToaStore *self, GError **error);
GPtrArray      *toa_store_calendar_adjustment_list (ToaStore *self, const GDate *from, const GDate *to,
                                                    GError **error);
gboolean        toa_store_calendar_adjustment_add (ToaStore *self, const ToaCalendarAdjustment *adjustment,
                                                   GError **error);
/* (calendar wrappers go here) */
/* (workflow wrappers go here) */
gboolean        toa_store_board_setting_set (ToaStore *self, const char *key, const char *value,
                                             const char *source, GError **error);
/* (transition wrappers go here) */
gboolean        toa_store_has_transition_take (ToaStore *self);
gboolean        toa_store_transition_take (ToaStore *self, ToaArticleFlow *flow, const char *target,
                                           ToaTransitionRecord *record, gint64 expected_version,
                                           gint64 now, GError **error);
gboolean            toa_store_has_approval_request_ask (ToaStore *self);
gboolean            toa_store_approval_request_ask (ToaStore *self, ToaApprovalRequest *request, GError **error);
gboolean            toa_store_has_approval_request_take (ToaStore *self);
gboolean            toa_store_approval_request_take (ToaStore *self, gint64 id, gboolean approve,
                                                     gint64 decided_by, const char *comment,
                                                     const char *deadline, gint64 now,
                                                     ToaArticleFlow *flow, ToaTransitionRecord *record,
                                                     gboolean *lapsed, GError **error);
gboolean            toa_store_approval_request_add (ToaStore *self, ToaApprovalRequest *request, GError **error);
ToaApprovalRequest *toa_store_approval_request_get (ToaStore *self, gint64 id, GError **error);
ToaApprovalRequest *toa_store_approval_request_pending (ToaStore *self, gint64 article_id, GError **error);
GPtrArray          *toa_store_approval_request_list (ToaStore *self, gint64 article_id, GError **error);
GPtrArray          *toa_store_approval_request_list_pending (ToaStore *self, GArray *site_ids, GError **error);
gboolean            toa_store_approval_request_decide (ToaStore *self, gint64 id, ToaApprovalStatus status,
                                                       gint64 decided_by, const char *comment, gint64 at,
                                                       GError **error);
char           *toa_store_board_setting_get (ToaStore *self, const char *key, GError **error);
ToaArticleFlow *toa_store_article_flow_get (ToaStore *self, gint64 article_id, GError **error);
gboolean        toa_store_article_flow_update (ToaStore *self, const ToaArticleFlow *flow,
                                               gint64 expected_version, const char *expected_state,
                                               GError **error);
gboolean        toa_store_transition_add (ToaStore *self, ToaTransitionRecord *record, GError **error);
GPtrArray      *toa_store_transition_list (ToaStore *self, gint64 article_id, GError **error);
gboolean        toa_store_delegation_add (ToaStore *self, ToaDelegation *delegation, GError **error);
GPtrArray      *toa_store_delegation_list_in_force (ToaStore *self, gint64 person_id, const char *date,
                                                    GError **error);
ToaDelegation  *toa_store_delegation_get (ToaStore *self, gint64 id, GError **error);
GPtrArray      *toa_store_delegation_list (ToaStore *self, gint64 person_id, GError **error);
gboolean        toa_store_delegation_revoke (ToaStore *self, gint64 id, gint64 at, GError **error);
/* (inbox wrappers go here) */
GPtrArray       *toa_store_intake_channel_list (ToaStore *self, GError **error);
gboolean         toa_store_intake_record_add (ToaStore *self, const ToaIntakeRecord *record, GError **error);
ToaIntakeRecord *toa_store_intake_record_get (ToaStore *self, gint64 article_id, GError **error);
gboolean         toa_store_intake_reply_letter_set (ToaStore *self, gint64 article_id, const char *letter,
                                                    GError **error);
gboolean         toa_store_article_deadline_set (ToaStore *self, gint64 article_id, const char *deadline,
                                                 GError **error);
GPtrArray       *toa_store_inbox_list (ToaStore *self, const ToaInboxQuery *query, GError **error);
gboolean         toa_store_stored_file_put (ToaStore *self, const char *sha256, const char *media_type,
                                            GBytes *data, GError **error);
GBytes          *toa_store_stored_file_get (ToaStore *self, const char *sha256, GError **error);
gboolean         toa_store_article_image_add (ToaStore *self, const ToaArticleImage *image, GError **error);
GPtrArray       *toa_store_article_image_list (ToaStore *self, gint64 article_id, GError **error);
GBytes          *toa_store_stored_image_get (ToaStore *self, const char *sha256, gboolean thumb,
                                             char **media_type, GError **error);
gboolean         toa_store_article_attachment_add (ToaStore *self, const ToaAttachment *attachment,
                                                   GError **error);
GPtrArray       *toa_store_article_attachment_list (ToaStore *self, gint64 article_id, GError **error);
gboolean           toa_store_workflow_definition_add (ToaStore *self, const ToaWorkflowRecord *record, GError **error);
ToaWorkflowRecord *toa_store_workflow_definition_get (ToaStore *self, const char *code, int version, GError **error);
GPtrArray         *toa_store_workflow_definition_list (ToaStore *self, GError **error);

G_END_DECLS
