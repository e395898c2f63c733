/* toa-inbox.h — the approval inbox (hộp việc): the items waiting for a person (their roles on
 * the item's site, or a delegation in force, allow a transition from its state), the items
 * they sent on, the overdue ones among both, and all open items on their sites; with the
 * step, who holds it, the deadline and the working days left. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

typedef enum {
  TOA_INBOX_WAITING,
  TOA_INBOX_SENT,
  TOA_INBOX_OVERDUE,
  TOA_INBOX_ALL,
} ToaInboxWhich;

const char *toa_inbox_which_code (ToaInboxWhich which);   /* "waiting", "sent", … */
gboolean    toa_inbox_which_from_code (const char *code, ToaInboxWhich *out);

typedef struct {
  ToaInboxWhich  which;
  const char    *text;     /* search text; NULL = none */
  guint          offset;
  guint          limit;    /* 0 = 50 */
  const GDate   *today;    /* NULL = today in Vietnam */
} ToaInboxRequest;

/* The query toa_inbox_list runs for @person (the benchmark shows its plan). */
ToaInboxQuery *toa_inbox_build_query (ToaStore *store, const ToaPerson *person,
                                      const ToaInboxRequest *request, GError **error);

/* The rows (ToaInboxItem), by deadline (none last) then last change. Only items not in an
 * end state. */
GPtrArray     *toa_inbox_list (ToaStore *store, const ToaPerson *person,
                               const ToaInboxRequest *request, GError **error);

G_END_DECLS
