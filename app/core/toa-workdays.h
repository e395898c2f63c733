/* toa-workdays.h — the working-day calendar of public-sector offices: Saturdays and Sundays
 * off; the public holidays of Bộ luật Lao động 2019 Điều 112 (rules stored in the database,
 * table calendar_holidays, solar or lunar); a holiday on a weekend gives a day off on the
 * next working day (Điều 112 khoản 3); and each year's official adjustments (table
 * calendar_adjustments: days off moved, make-up working days), which win over the rules. */
#pragma once

#include <glib-object.h>

#include "toa-model.h"

G_BEGIN_DECLS

/* Declared again in toa-store.h (which includes this header for the types below). */
typedef struct _ToaStore ToaStore;

#define TOA_ADJUSTMENT_DAY_OFF     "day-off"
#define TOA_ADJUSTMENT_WORKING_DAY "working-day"

/* One official adjustment: @day is a day off or a working day whatever the rules say. */
typedef struct {
  GDate  day;
  char  *kind;     /* TOA_ADJUSTMENT_DAY_OFF or TOA_ADJUSTMENT_WORKING_DAY */
  char  *note;     /* "Nghỉ Tết Nguyên Đán", may be NULL */
  char  *source;   /* the notice or decision, may be NULL */
} ToaCalendarAdjustment;

/* A public holiday rule: @length_days days starting @offset_days after @day/@month of the
 * solar or lunar year (Tết: lunar 1/1, offset -1, 5 days = the last day of the year and 1–4). */
typedef struct {
  char     *code;
  char     *name;
  gboolean  lunar;
  int       month;
  int       day;
  int       offset_days;
  int       length_days;
  char     *source;
} ToaHolidayRule;

/* A day that differs from the plain week: a weekday off, or a weekend day worked. */
typedef struct {
  GDate     day;
  gboolean  day_off;
  char     *reason;
  char     *source;
} ToaCalendarDay;

ToaCalendarAdjustment *toa_calendar_adjustment_new (void);
void                   toa_calendar_adjustment_free (ToaCalendarAdjustment *adjustment);
ToaHolidayRule        *toa_holiday_rule_new (void);
void                   toa_holiday_rule_free (ToaHolidayRule *rule);
void                   toa_calendar_day_free (ToaCalendarDay *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaCalendarAdjustment, toa_calendar_adjustment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaHolidayRule, toa_holiday_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaCalendarDay, toa_calendar_day_free)

/* Records (or replaces) the adjustment of one day, with an audit record in the same
 * transaction, and drops the store's cached calendar. TOA_ERROR_INVALID for a bad kind or
 * date, or text that is not valid UTF-8. */
gboolean toa_workdays_add_adjustment (ToaStore *store, gint64 actor_id,
                                      ToaCalendarAdjustment *adjustment, GError **error);

/* The same, as @actor: only the board's administrator changes the calendar
 * (TOA_ERROR_PERMISSION otherwise). */
gboolean toa_workdays_set_day (ToaStore *store, const ToaPerson *actor, ToaCalendarAdjustment *adjustment,
                               GError **error);

typedef struct _ToaWorkCalendar ToaWorkCalendar;

/* A calendar from holiday rules and adjustments (both arrays are only read). */
ToaWorkCalendar *toa_work_calendar_new (GPtrArray *rules, GPtrArray *adjustments);
/* The store's calendar, loaded once and cached on the store until an adjustment is added.
 * Returns a new reference. */
ToaWorkCalendar *toa_work_calendar_get (ToaStore *store, GError **error);
ToaWorkCalendar *toa_work_calendar_ref (ToaWorkCalendar *cal);
void             toa_work_calendar_unref (ToaWorkCalendar *cal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaWorkCalendar, toa_work_calendar_unref)

gboolean toa_work_calendar_is_working_day (ToaWorkCalendar *cal, const GDate *day);
/* The @n-th working day after @from (counting from the day after); for @n = 0, @from itself
 * when it is a working day, else the next one; a negative @n counts back. */
gboolean toa_work_calendar_add (ToaWorkCalendar *cal, const GDate *from, int n, GDate *out);
/* Working days left from @today until @deadline: the working days after @today up to and
 * including @deadline; 0 = due today; negative = that many working days overdue. */
int      toa_work_calendar_days_between (ToaWorkCalendar *cal, const GDate *today, const GDate *deadline);
/* The year's weekdays off and weekend days worked, in date order, with reason and source. */
GPtrArray *toa_work_calendar_special_days (ToaWorkCalendar *cal, int year);

/* "YYYY-MM-DD" of @date (a new string). */
char    *toa_workdays_iso_date (const GDate *date);

G_END_DECLS
