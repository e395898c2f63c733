/* toa-deadline.h — an item's deadline from its kind of information (table info_kinds:
 * deadline_days working days counted from the basis date — receipt, issue, approval or
 * decision; 0 = immediately, i.e. the same working day; -1 = kept current, no deadline). */
#pragma once

#include "toa-store.h"
#include "toa-workdays.h"

G_BEGIN_DECLS

#define TOA_DEADLINE_NONE (-1)

/* The deadline @deadline_days working days after @from on @cal. *@has_deadline is FALSE
 * (and @out untouched) for TOA_DEADLINE_NONE. */
gboolean toa_deadline_compute (ToaWorkCalendar *cal, int deadline_days, const GDate *from,
                               GDate *out, gboolean *has_deadline);

/* The deadline of an item of kind @kind_code whose basis date is @from, on @cal (NULL: the
 * store's calendar). TOA_ERROR_NOT_FOUND for an unknown kind. @kind_out, when not NULL,
 * receives the kind (free with toa_info_kind_free). */
gboolean toa_deadline_for_kind (ToaStore *store, ToaWorkCalendar *cal, const char *kind_code,
                                const GDate *from, GDate *out, gboolean *has_deadline,
                                ToaInfoKind **kind_out, GError **error);

G_END_DECLS
