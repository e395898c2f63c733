/* toa-intake.h — intake (Quy trình 1, Quy chế Cổng TTĐT tỉnh Bình Phước 2024 Điều 10.1.a):
 * registering material received by post, the document system, e-mail or the Zalo group,
 * or written in-house (which skips intake, Điều 10.4), with its deadline; and the reply
 * letter sent when it is refused (grounds: Quy chế Bình Dương Điều 3.2.b). The refusal itself
 * is a workflow transition (toa-transitions.h). */
#pragma once

#include "toa-articles.h"
#include "toa-attachments.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_INTAKE_IN_HOUSE "in-house"

/* What the intake team types. @draft gives the item (title, genre, section, site, kind of
 * information, body…); its unit_code is the sender unit, when the sender is registered. */
typedef struct {
  ToaArticleDraft     draft;
  const char         *channel;       /* an intake channel code (toa_store_intake_channel_list) */
  const char         *sender_name;   /* when the sender is not a registered unit */
  const char         *document_no;
  const char         *received_on;   /* YYYY-MM-DD or dd/mm/yyyy; required */
  const char         *issued_on;     /* may be NULL */
  const char * const *attachment_paths; /* paths of files to read and keep with the item
                                         * (toa-attachments.h); NULL-terminated, may be NULL */
  const GDate        *today;         /* NULL = today in Vietnam (tests fix it) */
} ToaIntakeDraft;

/* TRUE when @person may register material on @site_id (the rule toa_intake_add applies):
 * active, holding a role there that writes articles. */
gboolean    toa_intake_may_register (const ToaPerson *person, gint64 site_id);

/* Registers an item as @actor, who must hold a role that writes articles on its site
 * (TOA_ERROR_PERMISSION). The item starts in state "received" ("draft" for in-house
 * material); its deadline comes from its kind of information counted from the issue date
 * (kinds whose basis is the issue date, when given) or the receipt date. Checks: text valid
 * UTF-8 (stored NFC), a known channel, sender unit and kind, a sender for material from
 * outside, dates valid with issued ≤ received ≤ today, each attached file readable, not
 * empty and within the board's size limit (TOA_ERROR_INVALID / NOT_FOUND, nothing written).
 * Article, revision 1, intake record, the attached files' contents, deadline and audit
 * record ("intake.add", listing the files' names and SHA-256) in one transaction. @deadline_out (may be NULL) receives "YYYY-MM-DD" or NULL. */
ToaArticle *toa_intake_add (ToaStore *store, const ToaPerson *actor, const ToaIntakeDraft *draft,
                            char **deadline_out, GError **error);

/* The reply letter refusing item @article_id on @ground (a refusal-grounds.json code) with
 * @note (may be NULL): addressed to the sender, citing the document number and the dates,
 * stating the ground, signed by the board of the portal. Stored on the intake record with an
 * audit record ("intake.reply-letter") as @actor, who must write articles on the item's site.
 * @today NULL = today in Vietnam. Returns the letter. */
char       *toa_intake_reply_letter (ToaStore *store, const ToaPerson *actor, gint64 article_id,
                                     const char *ground, const char *note, const GDate *today,
                                     GError **error);

G_END_DECLS
