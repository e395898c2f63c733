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

/* The deadline filter: any, overdue (working days left < 0), due today (0 left), or due
 * within @due_days working days (0 … N left; not the overdue ones). The dates come from the
 * board's work calendar (toa-workdays.h), like the days left in each row (toa-due.h). */
typedef enum {
  TOA_INBOX_DUE_ANY,
  TOA_INBOX_DUE_OVERDUE,
  TOA_INBOX_DUE_TODAY,
  TOA_INBOX_DUE_WITHIN,
} ToaInboxDue;

/* Working days in "due this week" (--due week). */
#define TOA_INBOX_DUE_WEEK_DAYS 5

typedef struct {
  ToaInboxWhich  which;
  const char    *text;     /* search text; NULL = none */
  guint          offset;
  guint          limit;    /* 0 = 50 */
  const GDate   *today;    /* NULL = today in Vietnam */
  /* filters, combined with @which and @text; NULL/ANY = no filter. An unknown code is
   * TOA_ERROR_INVALID naming the option. */
  const char    *site;     /* a site code */
  const char    *section;  /* a section code (on @site, else on any site) */
  const char    *genre;    /* a genre code */
  const char    *state;    /* a state (step) code of some workflow */
  ToaInboxDue    due;
  guint          due_days; /* for TOA_INBOX_DUE_WITHIN */
} ToaInboxRequest;

/* "overdue", "today", "week" (5 working days) or a number of working days. */
gboolean toa_inbox_due_from_code (const char *code, ToaInboxDue *due, guint *days);

/* The steps one can filter on: each non-end state of the workflows once (the board's
 * default workflow first), as {code, name} string pairs (GStrv). */
GPtrArray *toa_inbox_step_choices (ToaStore *store, GError **error);

/* The query toa_inbox_list runs for @person (the benchmark shows its plan). */
ToaInboxQuery *toa_inbox_build_query (ToaStore *store, const ToaPerson *person,
                                      const ToaInboxRequest *request, GError **error);

/* The rows (ToaInboxItem), by deadline (none last) then last change. Only items not in an
 * end state. */
GPtrArray     *toa_inbox_list (ToaStore *store, const ToaPerson *person,
                               const ToaInboxRequest *request, GError **error);

G_END_DECLS
