/* toa-lunar.c — the Vietnamese lunar calendar at UTC+7 (see toa-lunar.h for the method).
 * Days are Julian day numbers (JDN): GDate's Julian day plus JDN_OFFSET. A "range" is the
 * stretch from one month 11 to the next; its 12 or 13 months get their numbers from it. */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-lunar.h"

#define JDN_OFFSET      1721425       /* JDN of 0001-01-01 (GDate Julian day 1) minus 1 */
#define SYNODIC_MONTH   29.530588853  /* mean days from one new moon to the next */
#define NEW_MOON_0      2415021.076998695 /* the mean new moon of 1900-01-01 (k = 0) */
#define TIME_ZONE_HOURS 7.0           /* Vietnam, UTC+7 */

static const double DEG = G_PI / 180.0;

/* The k-th new moon after the one of 1900-01-01, as a Julian date in UT (Meeus' short series:
 * the mean phase, then the main periodic terms of the sun's and moon's anomalies and the
 * moon's argument of latitude, then ΔT). */
static double
new_moon (int k)
{
  double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
  double jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
              + 0.00033 * sin ((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  double m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  double mp = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  double f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  double c = (0.1734 - 0.000393 * t) * sin (m) + 0.0021 * sin (2 * m)
             - 0.4068 * sin (mp) + 0.0161 * sin (2 * mp) - 0.0004 * sin (3 * mp)
             + 0.0104 * sin (2 * f) - 0.0051 * sin (m + mp) - 0.0074 * sin (m - mp)
             + 0.0004 * sin (2 * f + m) - 0.0004 * sin (2 * f - m) - 0.0006 * sin (2 * f + mp)
             + 0.0010 * sin (2 * f - mp) + 0.0005 * sin (m + 2 * mp);
  double delta_t;

  if (t < -11)
    delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
  else
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - delta_t;
}

/* The local civil day (JDN at UTC+7) of the k-th new moon. */
static long
new_moon_day (int k)
{
  return (long) floor (new_moon (k) + 0.5 + TIME_ZONE_HOURS / 24.0);
}

/* The sun's apparent longitude in radians, [0, 2π), at Julian date @jd. */
static double
sun_longitude (double jd)
{
  double t = (jd - 2451545.0) / 36525.0, t2 = t * t;
  double m = (357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double center = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin (m)
                  + (0.019993 - 0.000101 * t) * sin (2 * m) + 0.000290 * sin (3 * m);
  double l = (l0 + center) * DEG;

  return l - 2 * G_PI * floor (l / (2 * G_PI));
}

/* Which of the 12 sectors of 30° (0 = from the spring equinox) the sun is in at the start
 * of the local day @jdn. A month whose start and end share a sector has no major term. */
static int
sun_sector (long jdn)
{
  return (int) floor (sun_longitude (jdn - 0.5 - TIME_ZONE_HOURS / 24.0) / G_PI * 6);
}

/* The first day of lunar month 11 of @year: the month that holds the winter solstice
 * (sun at 270°, sector 9) — the new moon before 31 December, or the one before that when
 * the solstice has not come yet at that new moon. */
static long
month11_start (int year)
{
  GDate dec31;
  long off;
  int k;
  long day;

  g_date_clear (&dec31, 1);
  g_date_set_dmy (&dec31, 31, G_DATE_DECEMBER, (GDateYear) year);
  off = (long) g_date_get_julian (&dec31) + JDN_OFFSET - 2415021;
  k = (int) floor (off / SYNODIC_MONTH);
  day = new_moon_day (k);
  if (sun_sector (day) >= 9)
    day = new_moon_day (k - 1);
  return day;
}

typedef struct {
  long starts[15];   /* starts[count] is the next month 11 */
  int  count;        /* 12 or 13 */
  int  leap;         /* index of the leap month, or -1 */
  int  year;         /* the range runs from month 11 of year - 1 to month 11 of year */
} Range;

static void
range_init (Range *range, int year)
{
  long a11 = month11_start (year - 1), b11 = month11_start (year);
  int k = (int) floor ((a11 - NEW_MOON_0) / SYNODIC_MONTH + 0.5);

  range->year = year;
  range->count = 0;
  for (int j = 0; j < 15; j++)
    {
      range->starts[j] = new_moon_day (k + j);
      if (range->starts[j] < b11)
        range->count = j + 1;
    }
  range->leap = -1;
  if (range->count == 13)
    for (int j = 1; j < 13; j++)
      if (sun_sector (range->starts[j]) == sun_sector (range->starts[j + 1]))
        {
          range->leap = j;
          break;
        }
}

/* The number, leap flag and lunar year of month @j of @range. */
static void
range_label (const Range *range, int j, ToaLunarDate *out)
{
  int n = range->leap >= 0 && j >= range->leap ? j - 1 : j;

  out->month = (11 + n - 1) % 12 + 1;
  out->leap = j == range->leap;
  out->year = out->month >= 11 && j < 4 ? range->year - 1 : range->year;
}

static long
jdn_of (const GDate *date)
{
  return (long) g_date_get_julian (date) + JDN_OFFSET;
}

static gboolean
in_range_year (int year)
{
  return year >= TOA_LUNAR_MIN_YEAR && year <= TOA_LUNAR_MAX_YEAR;
}

/* The range holding @solar and the index of its month. */
static gboolean
locate (const GDate *solar, Range *range, int *index)
{
  long jdn;
  int year;

  if (solar == NULL || !g_date_valid (solar))
    return FALSE;
  year = g_date_get_year (solar);
  if (!in_range_year (year))
    return FALSE;
  jdn = jdn_of (solar);
  if (jdn >= month11_start (year))
    year++;
  range_init (range, year);
  for (int j = range->count - 1; j >= 0; j--)
    if (jdn >= range->starts[j])
      {
        *index = j;
        return TRUE;
      }
  return FALSE;   /* not reached: the range starts at or before @solar */
}

gboolean
toa_lunar_from_solar (const GDate *solar, ToaLunarDate *out)
{
  Range range;
  int j;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!locate (solar, &range, &j))
    return FALSE;
  range_label (&range, j, out);
  out->day = (int) (jdn_of (solar) - range.starts[j] + 1);
  return TRUE;
}

int
toa_lunar_month_length (const GDate *solar)
{
  Range range;
  int j;

  if (!locate (solar, &range, &j))
    return 0;
  return (int) (range.starts[j + 1] - range.starts[j]);
}

gboolean
toa_lunar_to_solar (const ToaLunarDate *lunar, GDate *out, GError **error)
{
  Range range;

  g_return_val_if_fail (lunar != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!in_range_year (lunar->year))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The lunar year %d is outside the supported years %d–%d"),
                   lunar->year, TOA_LUNAR_MIN_YEAR, TOA_LUNAR_MAX_YEAR);
      return FALSE;
    }
  if (lunar->month < 1 || lunar->month > 12 || lunar->day < 1 || lunar->day > 30)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("%d/%d is not a lunar date: the month is 1–12 and the day 1–30"),
                   lunar->day, lunar->month);
      return FALSE;
    }

  /* Months 11 and 12 lie after month 11 of their own year, i.e. in the next range. */
  range_init (&range, lunar->month >= 11 ? lunar->year + 1 : lunar->year);
  for (int j = 0; j < range.count; j++)
    {
      ToaLunarDate label;
      int length = (int) (range.starts[j + 1] - range.starts[j]);

      range_label (&range, j, &label);
      if (label.month != lunar->month || label.leap != !!lunar->leap || label.year != lunar->year)
        continue;
      if (lunar->day > length)
        {
          if (lunar->leap)
            g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                         _("The leap month %d of the lunar year %d has only %d days"),
                         lunar->month, lunar->year, length);
          else
            g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                         _("Month %d of the lunar year %d has only %d days"),
                         lunar->month, lunar->year, length);
          return FALSE;
        }
      g_date_clear (out, 1);
      g_date_set_julian (out, (guint32) (range.starts[j] + lunar->day - 1 - JDN_OFFSET));
      return TRUE;
    }

  if (lunar->leap)
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("The lunar year %d has no leap month %d"), lunar->year, lunar->month);
  else
    g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                 _("No lunar month %d in %d"), lunar->month, lunar->year);
  return FALSE;
}

char *
toa_lunar_year_name (int year)
{
  static const char * const stems[] = {
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
  };
  static const char * const branches[] = {
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
  };

  /* Year 4 was Giáp Tý; keep the remainders positive. */
  return g_strdup_printf ("%s %s", stems[((year - 4) % 10 + 10) % 10],
                          branches[((year - 4) % 12 + 12) % 12]);
}
