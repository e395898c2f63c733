/* test-workdays.c — the working-day calendar on a temporary database: weekends, the Điều 112
 * holidays with days in lieu, the seeded official schedules of 2024–2026, deadlines per kind
 * of information, and an added adjustment (with its audit record) changing the result. */
#include "config.h"

#include <stdio.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-deadline.h"
#include "toa-error.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"
#include "toa-workdays.h"

typedef struct {
  char            *dir;
  ToaStore        *store;
  ToaWorkCalendar *cal;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = toa_test_make_dir ();
  path = g_build_filename (f->dir, "board.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
  f->cal = toa_work_calendar_get (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->cal, toa_work_calendar_unref);
  g_clear_object (&f->store);
  toa_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GDate
ymd (int year, int month, int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

static gboolean
working (ToaWorkCalendar *cal, int year, int month, int day)
{
  GDate date = ymd (year, month, day);

  return toa_work_calendar_is_working_day (cal, &date);
}

static void
assert_add (ToaWorkCalendar *cal, const char *from_iso, int n, const char *expected)
{
  GDate from, out;
  g_autofree char *got = NULL;
  int y, m, d;

  g_assert_cmpint (sscanf (from_iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  from = ymd (y, m, d);
  g_assert_true (toa_work_calendar_add (cal, &from, n, &out));
  got = toa_workdays_iso_date (&out);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_weekends (Fixture *f, gconstpointer data)
{
  /* An ordinary week of March 2025: Monday 3 to Sunday 9. */
  g_assert_true (working (f->cal, 2025, 3, 3));
  g_assert_true (working (f->cal, 2025, 3, 7));
  g_assert_false (working (f->cal, 2025, 3, 8));
  g_assert_false (working (f->cal, 2025, 3, 9));
  assert_add (f->cal, "2025-03-06", 1, "2025-03-07");
  assert_add (f->cal, "2025-03-07", 1, "2025-03-10");     /* Friday + 1 = Monday */
  assert_add (f->cal, "2025-03-07", 0, "2025-03-07");
  assert_add (f->cal, "2025-03-08", 0, "2025-03-10");     /* Saturday, 0 = the next working day */
  assert_add (f->cal, "2025-03-10", -1, "2025-03-07");
}

/* The non-weekend days off of @year, as "MM-DD" joined by spaces. */
static char *
weekdays_off (ToaWorkCalendar *cal, int year)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GDate day = ymd (year, 1, 1);

  for (; g_date_get_year (&day) == year; g_date_add_days (&day, 1))
    if (g_date_get_weekday (&day) < G_DATE_SATURDAY && !toa_work_calendar_is_working_day (cal, &day))
      g_string_append_printf (text, "%s%02d-%02d", text->len > 0 ? " " : "",
                              g_date_get_month (&day), g_date_get_day (&day));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The official public-sector schedules the migration seeds, checked day by day. */
static void
test_official_years (Fixture *f, gconstpointer data)
{
  g_autofree char *y2024 = weekdays_off (f->cal, 2024);
  g_autofree char *y2025 = weekdays_off (f->cal, 2025);
  g_autofree char *y2026 = weekdays_off (f->cal, 2026);

  g_assert_cmpstr (y2024, ==, "01-01 02-08 02-09 02-12 02-13 02-14 04-18 04-29 04-30 05-01 09-02 09-03");
  g_assert_cmpstr (y2025, ==, "01-01 01-27 01-28 01-29 01-30 01-31 04-07 04-30 05-01 05-02 09-01 09-02");
  g_assert_cmpstr (y2026, ==, "01-01 02-16 02-17 02-18 02-19 02-20 04-27 04-30 05-01 09-01 09-02");
  /* Make-up Saturdays are working days. */
  g_assert_true (working (f->cal, 2024, 5, 4));
  g_assert_true (working (f->cal, 2025, 4, 26));
  g_assert_false (working (f->cal, 2025, 4, 19));
}

/* Without adjustments the rules alone: Tết as the last day of the lunar year and 1–4,
 * weekend holidays compensated on the next working days in turn. */
static void
test_rules_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = toa_store_calendar_holiday_list (f->store, &error);
  g_autoptr(ToaWorkCalendar) cal = NULL;
  g_autofree char *y2024 = NULL;
  g_autofree char *y2027 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 6);
  for (guint i = 0; i < rules->len; i++)
    g_assert_cmpstr (((ToaHolidayRule *) g_ptr_array_index (rules, i))->source, !=, "");
  cal = toa_work_calendar_new (rules, NULL);
  /* 2024: Tết 09/02 (30 tháng Chạp) to 13/02; Saturday 10 and Sunday 11 give 14 and 15. */
  y2024 = weekdays_off (cal, 2024);
  g_assert_cmpstr (y2024, ==, "01-01 02-09 02-12 02-13 02-14 02-15 04-18 04-30 05-01 09-02");
  /* 2027: 1/1 Friday; Tết 06/02 (Saturday) gives two days in lieu after the block (05/02 is
   * the last day of Bính Ngọ); Giỗ Tổ 16/4 Friday; 1/5 Saturday → Monday 3/5. */
  y2027 = weekdays_off (cal, 2027);
  g_assert_cmpstr (y2027, ==, "01-01 02-05 02-08 02-09 02-10 02-11 04-16 04-30 05-03 09-02");
  /* Giỗ Tổ 2026 falls on Sunday 26/4: the Monday after is off. */
  g_assert_false (working (cal, 2026, 4, 26));
  g_assert_false (working (cal, 2026, 4, 27));
  g_assert_true (working (cal, 2026, 4, 28));
}

static void
test_across_tet (Fixture *f, gconstpointer data)
{
  /* 10 working days from Monday 2025-01-20: 21–24 (4), Tết 25/01–02/02, then 3–7 (9), 10/02. */
  assert_add (f->cal, "2025-01-20", 10, "2025-02-10");
  /* Across Tết Bính Ngọ 2026 (14/02–22/02). */
  assert_add (f->cal, "2026-02-12", 2, "2026-02-23");
  assert_add (f->cal, "2026-02-17", 0, "2026-02-23");
}

static void
test_days_between (Fixture *f, gconstpointer data)
{
  GDate today = ymd (2026, 2, 12), deadline = ymd (2026, 2, 24), same = ymd (2026, 2, 12);

  /* Friday 13, Monday 23, Tuesday 24: three working days left. */
  g_assert_cmpint (toa_work_calendar_days_between (f->cal, &today, &deadline), ==, 3);
  g_assert_cmpint (toa_work_calendar_days_between (f->cal, &deadline, &today), ==, -3);
  g_assert_cmpint (toa_work_calendar_days_between (f->cal, &today, &same), ==, 0);
}

static void
assert_deadline (Fixture *f, const char *kind, GDate from, const char *expected)
{
  g_autoptr(GError) error = NULL;
  gboolean has = TRUE;
  GDate out;

  g_date_clear (&out, 1);
  g_assert_true (toa_deadline_for_kind (f->store, NULL, kind, &from, &out, &has, NULL, &error));
  g_assert_no_error (error);
  if (expected == NULL)
    g_assert_false (has);
  else
    {
      g_autofree char *got = toa_workdays_iso_date (&out);

      g_assert_true (has);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_deadlines (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaInfoKind) kind = NULL;
  gboolean has;
  GDate out, from = ymd (2025, 3, 7);

  /* News: immediately, the same working day; a Saturday gives the Monday. */
  assert_deadline (f, "news", ymd (2025, 3, 7), "2025-03-07");
  assert_deadline (f, "news", ymd (2025, 3, 8), "2025-03-10");
  /* A legal document issued on Friday: 2 working days across the weekend. */
  assert_deadline (f, "legal-document", ymd (2025, 3, 7), "2025-03-11");
  /* Law guidance issued Monday 09/02/2026: 15 working days across Tết (else 2026-03-02). */
  assert_deadline (f, "law-guidance", ymd (2026, 2, 9), "2026-03-09");
  /* Foreign-language sections are kept current: no deadline. */
  assert_deadline (f, "foreign-language", ymd (2026, 2, 9), NULL);

  g_assert_false (toa_deadline_for_kind (f->store, NULL, "no-such-kind", &from, &out, &has, NULL, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (toa_deadline_for_kind (f->store, f->cal, "statistics", &from, &out, &has, &kind, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kind->code, ==, "statistics");
  g_assert_cmpint (kind->deadline_days, ==, 10);
}

static gint64
audit_count (ToaStore *store)
{
  g_autoptr(GPtrArray) records = toa_store_audit_list (store, 0, 0, NULL);

  return records->len;
}

static void
test_add_adjustment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaCalendarAdjustment) adjustment = toa_calendar_adjustment_new ();
  g_autoptr(ToaCalendarAdjustment) bad = toa_calendar_adjustment_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(ToaWorkCalendar) cal = NULL;
  GDate from = ymd (2026, 3, 1), to = ymd (2026, 3, 31);
  gint64 before = audit_count (f->store);
  gint64 count = 0, bad_seq = 0;

  assert_deadline (f, "law-guidance", ymd (2026, 2, 9), "2026-03-09");

  adjustment->day = ymd (2026, 3, 3);
  adjustment->kind = g_strdup (TOA_ADJUSTMENT_DAY_OFF);
  adjustment->note = g_strdup ("Nghỉ thử nghiệm");
  adjustment->source = g_strdup ("Quyết định thử");
  g_assert_true (toa_workdays_add_adjustment (f->store, 0, adjustment, &error));
  g_assert_no_error (error);

  /* The store's cached calendar was dropped: a new one sees the day off. */
  assert_deadline (f, "law-guidance", ymd (2026, 2, 9), "2026-03-10");
  cal = toa_work_calendar_get (f->store, &error);
  g_assert_false (working (cal, 2026, 3, 3));
  /* The calendar taken before keeps its own view. */
  g_assert_true (working (f->cal, 2026, 3, 3));

  g_assert_cmpint (audit_count (f->store), ==, before + 1);
  records = toa_store_audit_list (f->store, 0, 0, &error);
  g_assert_cmpstr (((ToaAuditRecord *) g_ptr_array_index (records, records->len - 1))->action, ==,
                   "calendar_adjustment.set");
  g_assert_true (toa_audit_verify (f->store, &count, &bad_seq, &error));
  g_assert_no_error (error);

  listed = toa_store_calendar_adjustment_list (f->store, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((ToaCalendarAdjustment *) g_ptr_array_index (listed, 0))->source, ==, "Quyết định thử");

  /* A bad kind is refused and writes nothing. */
  bad->day = ymd (2026, 3, 4);
  bad->kind = g_strdup ("holiday");
  g_assert_false (toa_workdays_add_adjustment (f->store, 0, bad, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_cmpint (audit_count (f->store), ==, before + 1);
}

static void
test_special_days (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) days = toa_work_calendar_special_days (f->cal, 2025);
  gboolean saw_saturday = FALSE;

  /* 12 weekdays off and the make-up Saturday. */
  g_assert_cmpuint (days->len, ==, 13);
  for (guint i = 0; i < days->len; i++)
    {
      ToaCalendarDay *day = g_ptr_array_index (days, i);

      g_assert_nonnull (day->reason);
      g_assert_cmpstr (day->source, !=, "");
      if (!day->day_off)
        {
          g_assert_cmpint (g_date_get_day (&day->day), ==, 26);
          saw_saturday = TRUE;
        }
    }
  g_assert_true (saw_saturday);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/workdays/weekends", Fixture, NULL, fixture_set_up, test_weekends, fixture_tear_down);
  g_test_add ("/workdays/official-years", Fixture, NULL, fixture_set_up, test_official_years, fixture_tear_down);
  g_test_add ("/workdays/rules-only", Fixture, NULL, fixture_set_up, test_rules_only, fixture_tear_down);
  g_test_add ("/workdays/across-tet", Fixture, NULL, fixture_set_up, test_across_tet, fixture_tear_down);
  g_test_add ("/workdays/days-between", Fixture, NULL, fixture_set_up, test_days_between, fixture_tear_down);
  g_test_add ("/workdays/deadlines", Fixture, NULL, fixture_set_up, test_deadlines, fixture_tear_down);
  g_test_add ("/workdays/add-adjustment", Fixture, NULL, fixture_set_up, test_add_adjustment, fixture_tear_down);
  g_test_add ("/workdays/special-days", Fixture, NULL, fixture_set_up, test_special_days, fixture_tear_down);
  return g_test_run ();
}
