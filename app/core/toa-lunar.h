/* toa-lunar.h — the Vietnamese lunisolar calendar (âm lịch) at UTC+7, computed with the
 * method Hồ Ngọc Đức published: new moons by Meeus' approximation, the sun's longitude in
 * 12 sectors (the major solar terms), the month holding the winter solstice is month 11,
 * and in a 13-month year the first month without a major term is the leap month.
 * Valid for the years TOA_LUNAR_MIN_YEAR to TOA_LUNAR_MAX_YEAR. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOA_LUNAR_MIN_YEAR 1800
#define TOA_LUNAR_MAX_YEAR 2199

typedef struct {
  int      day;     /* 1–30 */
  int      month;   /* 1–12 */
  int      year;    /* the lunar year, named by the solar year its month 1 starts in */
  gboolean leap;    /* a leap month (tháng nhuận), which repeats the previous month's number */
} ToaLunarDate;

/* The lunar date of @solar. FALSE when @solar is invalid or outside the supported years. */
gboolean    toa_lunar_from_solar (const GDate *solar, ToaLunarDate *out);

/* The solar date of @lunar. TOA_ERROR_INVALID for a date that does not exist: a leap month
 * the year does not have, day 30 of a 29-day month, or a year outside the supported range. */
gboolean    toa_lunar_to_solar (const ToaLunarDate *lunar, GDate *out, GError **error);

/* The number of days (29 or 30) of the lunar month that holds @solar; 0 when out of range. */
int         toa_lunar_month_length (const GDate *solar);

/* The year's name in the sexagenary cycle, e.g. "Ất Tỵ" for 2025 (a static string pair
 * joined into a new string). */
char       *toa_lunar_year_name (int year);

G_END_DECLS
