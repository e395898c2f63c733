/* test-lunar.c — the Vietnamese lunar calendar: known dates (Tết, Giỗ Tổ, a leap month,
 * years where Vietnam and China differ), impossible lunar dates refused, and every day of
 * 1900–2100 converted both ways with the calendar's structure checked. */
#include "config.h"

#include "toa-error.h"
#include "toa-lunar.h"

static GDate
ymd (int year, int month, int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

static void
assert_lunar (int year, int month, int day, int l_day, int l_month, int l_year, gboolean leap)
{
  GDate solar = ymd (year, month, day), back;
  ToaLunarDate lunar = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (toa_lunar_from_solar (&solar, &lunar));
  g_assert_cmpint (lunar.day, ==, l_day);
  g_assert_cmpint (lunar.month, ==, l_month);
  g_assert_cmpint (lunar.year, ==, l_year);
  g_assert_cmpint (lunar.leap, ==, leap);

  g_assert_true (toa_lunar_to_solar (&lunar, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_compare (&back, &solar), ==, 0);
}

static void
test_known_dates (void)
{
  /* Mùng 1 Tết. */
  assert_lunar (2024, 2, 10, 1, 1, 2024, FALSE);
  assert_lunar (2025, 1, 29, 1, 1, 2025, FALSE);
  assert_lunar (2026, 2, 17, 1, 1, 2026, FALSE);
  assert_lunar (2023, 1, 22, 1, 1, 2023, FALSE);
  assert_lunar (2020, 1, 25, 1, 1, 2020, FALSE);
  assert_lunar (2021, 2, 12, 1, 1, 2021, FALSE);
  assert_lunar (2022, 2, 1, 1, 1, 2022, FALSE);
  /* Years where UTC+7 moves Tết away from the Chinese date (UTC+8): 2007-02-17 in Vietnam
   * (18/2 in China) and 1985-01-21 (20/2 in China). */
  assert_lunar (2007, 2, 17, 1, 1, 2007, FALSE);
  assert_lunar (1985, 1, 21, 1, 1, 1985, FALSE);
  /* Giỗ Tổ Hùng Vương, 10/3. */
  assert_lunar (2024, 4, 18, 10, 3, 2024, FALSE);
  assert_lunar (2025, 4, 7, 10, 3, 2025, FALSE);
  assert_lunar (2026, 4, 26, 10, 3, 2026, FALSE);
  /* 2025 has a leap 6th month. */
  assert_lunar (2025, 8, 19, 26, 6, 2025, TRUE);
  assert_lunar (2025, 7, 24, 30, 6, 2025, FALSE);   /* the last day of the ordinary 6th month */
  assert_lunar (2025, 7, 25, 1, 6, 2025, TRUE);
  /* The last day of a lunar year belongs to the year before. */
  assert_lunar (2025, 1, 28, 29, 12, 2024, FALSE);
  assert_lunar (2024, 2, 9, 30, 12, 2023, FALSE);
}

static void
test_invalid (void)
{
  const ToaLunarDate bad[] = {
    { 1, 6, 2024, TRUE },    /* 2024 has no leap month */
    { 1, 5, 2025, TRUE },    /* 2025's leap month is the 6th */
    { 30, 6, 2025, TRUE },   /* the leap 6th month of 2025 has 29 days */
    { 30, 12, 2024, FALSE }, /* the 12th month of Giáp Thìn has 29 days */
    { 0, 1, 2025, FALSE },
    { 1, 13, 2025, FALSE },
    { 1, 1, 1000, FALSE },
  };
  GDate out;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (toa_lunar_to_solar (&bad[i], &out, &error));
      g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
    }
}

static void
test_year_name (void)
{
  g_autofree char *y2025 = toa_lunar_year_name (2025);
  g_autofree char *y2024 = toa_lunar_year_name (2024);
  g_autofree char *y2026 = toa_lunar_year_name (2026);

  g_assert_cmpstr (y2025, ==, "Ất Tỵ");
  g_assert_cmpstr (y2024, ==, "Giáp Thìn");
  g_assert_cmpstr (y2026, ==, "Bính Ngọ");
}

/* Every day from Tết 1900 to the end of 2100: solar → lunar → solar, the days of a month
 * run 1, 2, … up to 29 or 30, months follow in order, 12 or 13 months from one month 11 to
 * the next, and a leap month only in a 13-month year (exactly one there). */
static void
test_span (void)
{
  GDate day = ymd (1900, 1, 31), end = ymd (2100, 12, 31);
  ToaLunarDate prev = { 0 };
  int months_since_11 = -1, leaps_since_11 = 0, cycles = 0, lunar_years = 0;
  gboolean first = TRUE;

  g_assert_true (toa_lunar_from_solar (&day, &prev));
  g_assert_cmpint (prev.day, ==, 1);
  g_assert_cmpint (prev.month, ==, 1);
  g_assert_cmpint (prev.year, ==, 1900);

  for (; g_date_compare (&day, &end) <= 0; g_date_add_days (&day, 1))
    {
      ToaLunarDate lunar;
      GDate back;
      GError *error = NULL;

      g_assert_true (toa_lunar_from_solar (&day, &lunar));
      if (!toa_lunar_to_solar (&lunar, &back, &error) || g_date_compare (&back, &day) != 0)
        g_error ("round trip failed at %d-%d-%d (%d/%d%s/%d): %s", g_date_get_year (&day),
                 g_date_get_month (&day), g_date_get_day (&day), lunar.day, lunar.month,
                 lunar.leap ? "L" : "", lunar.year, error != NULL ? error->message : "other date");

      if (lunar.day == 1)
        {
          /* A new month: the previous one had 29 or 30 days and the numbers follow. */
          if (!first)
            {
              g_assert_true (prev.day == 29 || prev.day == 30);
              if (lunar.leap)
                g_assert_cmpint (lunar.month, ==, prev.month);
              else
                g_assert_cmpint (lunar.month, ==, prev.month % 12 + 1);
              g_assert_false (lunar.leap && prev.leap);
              if (lunar.month == 1 && !lunar.leap)
                {
                  g_assert_cmpint (lunar.year, ==, prev.year + 1);
                  lunar_years++;
                }
              else
                g_assert_cmpint (lunar.year, ==, prev.year);
            }
          if (lunar.month == 11 && !lunar.leap)
            {
              if (months_since_11 >= 0)
                {
                  g_assert_true (months_since_11 == 12 || months_since_11 == 13);
                  g_assert_cmpint (leaps_since_11, ==, months_since_11 == 13 ? 1 : 0);
                  cycles++;
                }
              months_since_11 = 0;
              leaps_since_11 = 0;
            }
          if (months_since_11 >= 0)
            {
              months_since_11++;
              leaps_since_11 += lunar.leap ? 1 : 0;
            }
        }
      else
        {
          g_assert_cmpint (lunar.day, ==, prev.day + 1);
          g_assert_cmpint (lunar.month, ==, prev.month);
          g_assert_cmpint (lunar.leap, ==, prev.leap);
        }
      g_assert_cmpint (lunar.day, <=, 30);
      prev = lunar;
      first = FALSE;
    }
  g_assert_cmpint (cycles, ==, 200);
  g_assert_cmpint (lunar_years, ==, 200);
}

/* Lunar → solar → lunar for every lunar date that exists in 1901–2100. */
static void
test_span_lunar_first (void)
{
  guint n = 0;

  for (int year = 1901; year <= 2100; year++)
    for (int month = 1; month <= 12; month++)
      for (int leap = 0; leap <= 1; leap++)
        for (int d = 1; d <= 30; d++)
          {
            ToaLunarDate lunar = { d, month, year, leap }, again;
            GDate solar;

            if (!toa_lunar_to_solar (&lunar, &solar, NULL))
              {
                /* Only day 30 of a short month or a leap month the year lacks. */
                g_assert_true (d == 30 || leap);
                continue;
              }
            g_assert_true (toa_lunar_from_solar (&solar, &again));
            g_assert_cmpint (again.day, ==, d);
            g_assert_cmpint (again.month, ==, month);
            g_assert_cmpint (again.year, ==, year);
            g_assert_cmpint (again.leap, ==, leap);
            n++;
          }
  /* Every day of those 200 lunar years was reached exactly once: they start at Tết 1901
   * and end the day before Tết 2101. */
  {
    ToaLunarDate first = { 1, 1, 1901, FALSE }, next = { 1, 1, 2101, FALSE };
    GDate a, b;

    g_assert_true (toa_lunar_to_solar (&first, &a, NULL));
    g_assert_true (toa_lunar_to_solar (&next, &b, NULL));
    g_assert_cmpuint (n, ==, g_date_days_between (&a, &b));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lunar/known-dates", test_known_dates);
  g_test_add_func ("/lunar/invalid", test_invalid);
  g_test_add_func ("/lunar/year-name", test_year_name);
  g_test_add_func ("/lunar/span-solar-first", test_span);
  g_test_add_func ("/lunar/span-lunar-first", test_span_lunar_first);
  return g_test_run ();
}
