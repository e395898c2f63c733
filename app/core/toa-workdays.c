/* toa-workdays.c — the working-day calendar (see toa-workdays.h): holidays from the stored
 * rules, days off in lieu for holidays on a weekend, then the official adjustments.
 * Each year's holidays are worked out the first time a day of that year is asked about. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-lunar.h"
#include "toa-store.h"
#include "toa-text.h"
#include "toa-workdays.h"
#include "toa-people.h"

#define CACHE_KEY "toa-work-calendar"
#define IN_LIEU_SOURCE "Bộ luật Lao động 2019, Điều 112 khoản 3"

ToaCalendarAdjustment *
toa_calendar_adjustment_new (void)
{
  ToaCalendarAdjustment *adjustment = g_new0 (ToaCalendarAdjustment, 1);

  g_date_clear (&adjustment->day, 1);
  return adjustment;
}

void
toa_calendar_adjustment_free (ToaCalendarAdjustment *adjustment)
{
  if (adjustment == NULL)
    return;
  g_free (adjustment->kind);
  g_free (adjustment->note);
  g_free (adjustment->source);
  g_free (adjustment);
}

ToaHolidayRule *
toa_holiday_rule_new (void)
{
  ToaHolidayRule *rule = g_new0 (ToaHolidayRule, 1);

  rule->length_days = 1;
  return rule;
}

void
toa_holiday_rule_free (ToaHolidayRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->code);
  g_free (rule->name);
  g_free (rule->source);
  g_free (rule);
}

void
toa_calendar_day_free (ToaCalendarDay *day)
{
  if (day == NULL)
    return;
  g_free (day->reason);
  g_free (day->source);
  g_free (day);
}

char *
toa_workdays_iso_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* ---- the calendar --------------------------------------------------------------------- */

typedef struct {
  char *reason;
  char *source;
} Holiday;

struct _ToaWorkCalendar {
  gint        ref_count;
  GPtrArray  *rules;         /* ToaHolidayRule, copies */
  GHashTable *adjustments;   /* Julian day → ToaCalendarAdjustment */
  GMutex      lock;          /* guards the two tables below */
  GHashTable *holidays;      /* Julian day → Holiday, for the years worked out */
  GHashTable *years;         /* years worked out */
};

static void
holiday_free (Holiday *holiday)
{
  g_free (holiday->reason);
  g_free (holiday->source);
  g_free (holiday);
}

static ToaHolidayRule *
rule_copy (const ToaHolidayRule *rule)
{
  ToaHolidayRule *copy = toa_holiday_rule_new ();

  *copy = *rule;
  copy->code = g_strdup (rule->code);
  copy->name = g_strdup (rule->name);
  copy->source = g_strdup (rule->source);
  return copy;
}

ToaWorkCalendar *
toa_work_calendar_new (GPtrArray *rules, GPtrArray *adjustments)
{
  ToaWorkCalendar *cal = g_new0 (ToaWorkCalendar, 1);

  cal->ref_count = 1;
  cal->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_holiday_rule_free);
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    g_ptr_array_add (cal->rules, rule_copy (g_ptr_array_index (rules, i)));
  cal->adjustments = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) toa_calendar_adjustment_free);
  for (guint i = 0; adjustments != NULL && i < adjustments->len; i++)
    {
      const ToaCalendarAdjustment *a = g_ptr_array_index (adjustments, i);
      ToaCalendarAdjustment *copy;

      if (!g_date_valid (&a->day))
        continue;
      copy = toa_calendar_adjustment_new ();
      copy->day = a->day;
      copy->kind = g_strdup (a->kind);
      copy->note = g_strdup (a->note);
      copy->source = g_strdup (a->source);
      g_hash_table_replace (cal->adjustments, GUINT_TO_POINTER (g_date_get_julian (&a->day)), copy);
    }
  g_mutex_init (&cal->lock);
  cal->holidays = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) holiday_free);
  cal->years = g_hash_table_new (NULL, NULL);
  return cal;
}

ToaWorkCalendar *
toa_work_calendar_ref (ToaWorkCalendar *cal)
{
  g_return_val_if_fail (cal != NULL, NULL);
  g_atomic_int_inc (&cal->ref_count);
  return cal;
}

void
toa_work_calendar_unref (ToaWorkCalendar *cal)
{
  if (cal == NULL || !g_atomic_int_dec_and_test (&cal->ref_count))
    return;
  g_ptr_array_unref (cal->rules);
  g_hash_table_unref (cal->adjustments);
  g_hash_table_unref (cal->holidays);
  g_hash_table_unref (cal->years);
  g_mutex_clear (&cal->lock);
  g_free (cal);
}

static gboolean
is_weekend (const GDate *day)
{
  GDateWeekday weekday = g_date_get_weekday (day);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

/* The first day of @rule's holiday in @year, or FALSE when the year has no such date. */
static gboolean
rule_start (const ToaHolidayRule *rule, int year, GDate *out)
{
  g_date_clear (out, 1);
  if (rule->lunar)
    {
      ToaLunarDate lunar = { rule->day, rule->month, year, FALSE };

      if (!toa_lunar_to_solar (&lunar, out, NULL))
        return FALSE;
    }
  else
    {
      if (!g_date_valid_dmy ((GDateDay) rule->day, (GDateMonth) rule->month, (GDateYear) year))
        return FALSE;
      g_date_set_dmy (out, (GDateDay) rule->day, (GDateMonth) rule->month, (GDateYear) year);
    }
  if (rule->offset_days < 0)
    g_date_subtract_days (out, (guint) -rule->offset_days);
  else
    g_date_add_days (out, (guint) rule->offset_days);
  return TRUE;
}

static int
compare_julian (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Works out @year's holidays and days in lieu. Called with the lock held. */
static void
work_out_year (ToaWorkCalendar *cal, int year)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_hash_table_add (cal->years, GINT_TO_POINTER (year));
  for (guint i = 0; i < cal->rules->len; i++)
    {
      const ToaHolidayRule *rule = g_ptr_array_index (cal->rules, i);
      GDate day;

      if (!rule_start (rule, year, &day))
        continue;
      for (int n = 0; n < rule->length_days; n++, g_date_add_days (&day, 1))
        {
          guint32 julian = g_date_get_julian (&day);
          Holiday *holiday;

          if (g_hash_table_contains (cal->holidays, GUINT_TO_POINTER (julian)))
            continue;
          holiday = g_new0 (Holiday, 1);
          holiday->reason = g_strdup (rule->name);
          holiday->source = g_strdup (rule->source);
          g_hash_table_insert (cal->holidays, GUINT_TO_POINTER (julian), holiday);
          g_array_append_val (days, julian);
        }
    }

  /* Điều 112 khoản 3: a holiday on a weekend gives a day off on the next working day. In
   * date order, so the days in lieu of a long holiday follow it in turn. */
  g_array_sort (days, compare_julian);
  for (guint i = 0; i < days->len; i++)
    {
      guint32 julian = g_array_index (days, guint32, i);
      const Holiday *holiday = g_hash_table_lookup (cal->holidays, GUINT_TO_POINTER (julian));
      Holiday *in_lieu;
      GDate day, next;
      g_autofree char *when = NULL;

      g_date_clear (&day, 1);
      g_date_set_julian (&day, julian);
      if (!is_weekend (&day))
        continue;
      next = day;
      do
        g_date_add_days (&next, 1);
      while (is_weekend (&next)
             || g_hash_table_contains (cal->holidays, GUINT_TO_POINTER (g_date_get_julian (&next))));
      when = toa_format_gdate (&day);
      in_lieu = g_new0 (Holiday, 1);
      /* Translators: a day off because a public holiday fell on a weekend; the holiday's
       * name and its date */
      in_lieu->reason = g_strdup_printf (_("Day off in lieu of %s (%s)"), holiday->reason, when);
      in_lieu->source = g_strdup (IN_LIEU_SOURCE);
      g_hash_table_insert (cal->holidays, GUINT_TO_POINTER (g_date_get_julian (&next)), in_lieu);
    }
}

/* The rule's holiday on @day, or NULL. */
static const Holiday *
holiday_on (ToaWorkCalendar *cal, const GDate *day)
{
  int year = g_date_get_year (day);
  const Holiday *holiday;

  g_mutex_lock (&cal->lock);
  if (!g_hash_table_contains (cal->years, GINT_TO_POINTER (year)))
    work_out_year (cal, year);
  holiday = g_hash_table_lookup (cal->holidays, GUINT_TO_POINTER (g_date_get_julian (day)));
  g_mutex_unlock (&cal->lock);
  return holiday;   /* entries are never removed while @cal lives */
}

gboolean
toa_work_calendar_is_working_day (ToaWorkCalendar *cal, const GDate *day)
{
  const ToaCalendarAdjustment *adjustment;

  g_return_val_if_fail (cal != NULL, FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  adjustment = g_hash_table_lookup (cal->adjustments, GUINT_TO_POINTER (g_date_get_julian (day)));
  if (adjustment != NULL)
    return g_strcmp0 (adjustment->kind, TOA_ADJUSTMENT_WORKING_DAY) == 0;
  return !is_weekend (day) && holiday_on (cal, day) == NULL;
}

/* Moves @day one day forward or back; FALSE at the ends of GDate's range. */
static gboolean
step (GDate *day, int direction)
{
  guint32 julian = g_date_get_julian (day);

  if (direction > 0 ? julian >= G_MAXUINT32 - 1 || g_date_get_year (day) >= 9999 : julian <= 1)
    return FALSE;
  g_date_set_julian (day, direction > 0 ? julian + 1 : julian - 1);
  return TRUE;
}

gboolean
toa_work_calendar_add (ToaWorkCalendar *cal, const GDate *from, int n, GDate *out)
{
  int direction = n < 0 ? -1 : 1;
  int left = ABS (n);
  GDate day;

  g_return_val_if_fail (cal != NULL, FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  day = *from;
  if (n == 0)
    {
      while (!toa_work_calendar_is_working_day (cal, &day))
        if (!step (&day, 1))
          return FALSE;
    }
  else
    while (left > 0)
      {
        if (!step (&day, direction))
          return FALSE;
        if (toa_work_calendar_is_working_day (cal, &day))
          left--;
      }
  *out = day;
  return TRUE;
}

int
toa_work_calendar_days_between (ToaWorkCalendar *cal, const GDate *today, const GDate *deadline)
{
  int sign = g_date_compare (deadline, today) >= 0 ? 1 : -1;
  GDate day = sign > 0 ? *today : *deadline;
  const GDate *end = sign > 0 ? deadline : today;
  int count = 0;

  g_return_val_if_fail (cal != NULL, 0);

  while (g_date_compare (&day, end) < 0 && step (&day, 1))
    if (toa_work_calendar_is_working_day (cal, &day))
      count++;
  return sign * count;
}

GPtrArray *
toa_work_calendar_special_days (ToaWorkCalendar *cal, int year)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_calendar_day_free);
  GDate day;

  g_return_val_if_fail (cal != NULL, list);
  if (!g_date_valid_year ((GDateYear) year))
    return list;

  g_date_clear (&day, 1);
  for (g_date_set_dmy (&day, 1, G_DATE_JANUARY, (GDateYear) year);
       g_date_get_year (&day) == year; g_date_add_days (&day, 1))
    {
      const ToaCalendarAdjustment *adjustment =
        g_hash_table_lookup (cal->adjustments, GUINT_TO_POINTER (g_date_get_julian (&day)));
      gboolean working = toa_work_calendar_is_working_day (cal, &day);
      ToaCalendarDay *entry;

      if (working != is_weekend (&day))
        continue;   /* an ordinary day */
      entry = g_new0 (ToaCalendarDay, 1);
      entry->day = day;
      entry->day_off = !working;
      if (adjustment != NULL)
        {
          entry->reason = g_strdup (adjustment->note != NULL ? adjustment->note : "");
          entry->source = g_strdup (adjustment->source != NULL ? adjustment->source : "");
        }
      else
        {
          const Holiday *holiday = holiday_on (cal, &day);

          entry->reason = g_strdup (holiday != NULL ? holiday->reason : "");
          entry->source = g_strdup (holiday != NULL ? holiday->source : "");
        }
      g_ptr_array_add (list, entry);
    }
  return list;
}

ToaWorkCalendar *
toa_work_calendar_get (ToaStore *store, GError **error)
{
  ToaWorkCalendar *cal;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) adjustments = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  cal = g_object_get_data (G_OBJECT (store), CACHE_KEY);
  if (cal != NULL)
    return toa_work_calendar_ref (cal);
  if (!(rules = toa_store_calendar_holiday_list (store, error))
      || !(adjustments = toa_store_calendar_adjustment_list (store, NULL, NULL, error)))
    return NULL;
  cal = toa_work_calendar_new (rules, adjustments);
  g_object_set_data_full (G_OBJECT (store), CACHE_KEY, toa_work_calendar_ref (cal),
                          (GDestroyNotify) toa_work_calendar_unref);
  return cal;
}

/* ---- editing the adjustments ---------------------------------------------------------- */

static char *
adjustment_detail (const ToaCalendarAdjustment *adjustment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *day = toa_workdays_iso_date (&adjustment->day);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "day");
  json_builder_add_string_value (builder, day);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, adjustment->kind);
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, adjustment->note);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, adjustment->source);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Replaces *@text by its NFC form; NULL stays NULL. */
static gboolean
normalize_field (char **text, const char *field, GError **error)
{
  char *nfc;

  if (*text == NULL)
    return TRUE;
  if (!(nfc = toa_text_normalize (*text, -1, field, error)))
    return FALSE;
  g_free (*text);
  *text = nfc;
  return TRUE;
}

gboolean
toa_workdays_add_adjustment (ToaStore *store, gint64 actor_id, ToaCalendarAdjustment *adjustment,
                             GError **error)
{
  g_autofree char *detail = NULL;
  GError *local_error = NULL;
  gint64 object_id;

  g_return_val_if_fail (TOA_IS_STORE (store), FALSE);
  g_return_val_if_fail (adjustment != NULL, FALSE);

  if (!g_date_valid (&adjustment->day))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("The adjustment needs a valid date, e.g. 2026-02-16"));
      return FALSE;
    }
  if (g_strcmp0 (adjustment->kind, TOA_ADJUSTMENT_DAY_OFF) != 0
      && g_strcmp0 (adjustment->kind, TOA_ADJUSTMENT_WORKING_DAY) != 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("Unknown kind of adjustment “%s”: use “day-off” or “working-day”"),
                   adjustment->kind != NULL ? adjustment->kind : "");
      return FALSE;
    }
  if (!normalize_field (&adjustment->note, _("Note"), error)
      || !normalize_field (&adjustment->source, _("Source"), error))
    return FALSE;

  /* The day as a number, e.g. 20260216, names the object in the audit log. */
  object_id = (gint64) g_date_get_year (&adjustment->day) * 10000
              + g_date_get_month (&adjustment->day) * 100 + g_date_get_day (&adjustment->day);
  detail = adjustment_detail (adjustment);
  if (!toa_store_begin (store, error))
    return FALSE;
  if (!toa_store_calendar_adjustment_add (store, adjustment, &local_error)
      || !toa_audit_append (store, actor_id, "calendar_adjustment.set", "calendar_adjustment",
                            object_id, detail, &local_error)
      || !toa_store_commit (store, &local_error))
    return toa_store_abandon (store, local_error, error);

  g_object_set_data (G_OBJECT (store), CACHE_KEY, NULL);
  return TRUE;
}

gboolean
toa_workdays_set_day (ToaStore *store, const ToaPerson *actor, ToaCalendarAdjustment *adjustment,
                      GError **error)
{
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!toa_people_require_admin (store, actor, _("change the working-day calendar"), error))
    return FALSE;
  return toa_workdays_add_adjustment (store, actor->id, adjustment, error);
}
