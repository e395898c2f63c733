/* toa-sqlite-calendar.c — the working-day calendar's data in SQLite: holiday rules
 * (calendar_holidays) and official adjustments (calendar_adjustments), see 003-calendar.sql.
 * Days are stored as 'YYYY-MM-DD' text, which sorts and compares as dates. */
#include "config.h"

#include <stdio.h>

#include "toa-error.h"
#include "toa-sqlite-calendar.h"
#include "toa-sqlite-private.h"

static GPtrArray *
calendar_holiday_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_holiday_rule_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT code, name, calendar, month, day, offset_days, length_days, source "
                          "FROM calendar_holidays ORDER BY position, code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaHolidayRule *rule = toa_holiday_rule_new ();

      rule->code = toa_sqlite_column_strdup (stmt, 0);
      rule->name = toa_sqlite_column_strdup (stmt, 1);
      rule->lunar = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), "lunar") == 0;
      rule->month = sqlite3_column_int (stmt, 3);
      rule->day = sqlite3_column_int (stmt, 4);
      rule->offset_days = sqlite3_column_int (stmt, 5);
      rule->length_days = sqlite3_column_int (stmt, 6);
      rule->source = toa_sqlite_column_strdup (stmt, 7);
      g_ptr_array_add (list, rule);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static char *
iso_or (const GDate *date, const char *fallback)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup (fallback);
  return toa_workdays_iso_date (date);
}

static gboolean
parse_iso (const char *text, GDate *out)
{
  unsigned year, month, day;

  g_date_clear (out, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static GPtrArray *
calendar_adjustment_list (ToaStore *store, const GDate *from, const GDate *to, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) toa_calendar_adjustment_free);
  g_autofree char *first = iso_or (from, "0000-00-00");
  g_autofree char *last = iso_or (to, "9999-99-99");
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT day, kind, note, source FROM calendar_adjustments "
                          "WHERE day BETWEEN ? AND ? ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  toa_sqlite_bind_text (stmt, 1, first);
  toa_sqlite_bind_text (stmt, 2, last);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ToaCalendarAdjustment) adjustment = toa_calendar_adjustment_new ();

      if (!parse_iso ((const char *) sqlite3_column_text (stmt, 0), &adjustment->day))
        continue;   /* the CHECK keeps the shape; an impossible date such as 2025-02-30 is skipped */
      adjustment->kind = toa_sqlite_column_strdup (stmt, 1);
      adjustment->note = toa_sqlite_column_strdup (stmt, 2);
      adjustment->source = toa_sqlite_column_strdup (stmt, 3);
      g_ptr_array_add (list, g_steal_pointer (&adjustment));
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
calendar_adjustment_add (ToaStore *store, const ToaCalendarAdjustment *adjustment, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autofree char *day = toa_workdays_iso_date (&adjustment->day);

  stmt = toa_sqlite_stmt (self,
                          "INSERT INTO calendar_adjustments (day, kind, note, source) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note, "
                          "source = excluded.source", error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, day);
  toa_sqlite_bind_text (stmt, 2, adjustment->kind);
  toa_sqlite_bind_text (stmt, 3, adjustment->note);
  toa_sqlite_bind_text (stmt, 4, adjustment->source);
  return toa_sqlite_step_done (self, stmt, error);
}

void
toa_sqlite_calendar_iface_init (ToaStoreInterface *iface)
{
  iface->calendar_holiday_list = calendar_holiday_list;
  iface->calendar_adjustment_list = calendar_adjustment_list;
  iface->calendar_adjustment_add = calendar_adjustment_add;
}
