/* toa-cli-calendar.c — the calendar commands: lunar ↔ solar dates, counting working days,
 * the year's holidays and official adjustments, and an item's deadline from its kind of
 * information. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-deadline.h"
#include "toa-error.h"
#include "toa-lunar.h"
#include "toa-text.h"
#include "toa-workdays.h"

/* A date option or argument (yyyy-mm-dd or dd/mm/yyyy); a missing one is a usage error. */
static gboolean
date_arg (const char *raw, const char *field, GDate *out, GError **error)
{
  g_autofree char *text = NULL;

  if (!toa_cli_require (raw, field, error) || !toa_cli_text (raw, field, &text, error))
    return FALSE;
  return toa_parse_date (text, field, out, error);
}

static void
print_date_json (const char *member, const GDate *date)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *iso = toa_workdays_iso_date (date);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, iso);
  json_builder_end_object (builder);
  toa_cli_print_json (json_builder_get_root (builder));
}

gboolean
toa_cli_calendar_lunar (ToaCli *cli, char **args, GError **error)
{
  ToaLunarDate lunar;
  GDate solar;

  if (!toa_cli_parse (cli, NULL, args, 1, 1, error) || !date_arg (args[1], _("date"), &solar, error))
    return FALSE;
  if (!toa_lunar_from_solar (&solar, &lunar))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The lunar calendar covers the years %d–%d; give a date in that range"),
                   TOA_LUNAR_MIN_YEAR, TOA_LUNAR_MAX_YEAR);
      return FALSE;
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "day");
      json_builder_add_int_value (builder, lunar.day);
      json_builder_set_member_name (builder, "month");
      json_builder_add_int_value (builder, lunar.month);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, lunar.year);
      json_builder_set_member_name (builder, "leap");
      json_builder_add_boolean_value (builder, lunar.leap);
      json_builder_end_object (builder);
      toa_cli_print_json (json_builder_get_root (builder));
    }
  else
    {
      g_autofree char *name = toa_lunar_year_name (lunar.year);

      if (lunar.leap)
        /* Translators: a lunar date: day/month/year, then the year's name, e.g. "Ất Tỵ" */
        toa_cli_print (_("%02d/%02d/%d (leap month), year %s\n"), lunar.day, lunar.month, lunar.year, name);
      else
        /* Translators: a lunar date: day/month/year, then the year's name, e.g. "Ất Tỵ" */
        toa_cli_print (_("%02d/%02d/%d, year %s\n"), lunar.day, lunar.month, lunar.year, name);
    }
  return TRUE;
}

gboolean
toa_cli_calendar_solar (ToaCli *cli, char **args, GError **error)
{
  int year = G_MININT, month = G_MININT, day = G_MININT;
  gboolean leap = FALSE;
  GOptionEntry entries[] = {
    { "lunar-year", 0, 0, G_OPTION_ARG_INT, &year, N_("The lunar year, e.g. 2025"), N_("YEAR") },
    { "month", 0, 0, G_OPTION_ARG_INT, &month, N_("The lunar month, 1–12"), N_("MONTH") },
    { "day", 0, 0, G_OPTION_ARG_INT, &day, N_("The lunar day, 1–30"), N_("DAY") },
    { "leap", 0, 0, G_OPTION_ARG_NONE, &leap, N_("The leap month (tháng nhuận)"), NULL },
    G_OPTION_ENTRY_NULL
  };
  ToaLunarDate lunar;
  GDate solar;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (year != G_MININT ? "" : NULL, "--lunar-year", error)
      || !toa_cli_require (month != G_MININT ? "" : NULL, "--month", error)
      || !toa_cli_require (day != G_MININT ? "" : NULL, "--day", error))
    return FALSE;
  lunar = (ToaLunarDate) { day, month, year, leap };
  if (!toa_lunar_to_solar (&lunar, &solar, error))
    return FALSE;

  if (cli->json)
    print_date_json ("date", &solar);
  else
    {
      g_autofree char *iso = toa_workdays_iso_date (&solar);

      toa_cli_print ("%s\n", iso);
    }
  return TRUE;
}

gboolean
toa_cli_calendar_workdays (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *from_raw = NULL;
  int add = G_MININT;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_raw, N_("The first date, YYYY-MM-DD or dd/mm/yyyy"), N_("DATE") },
    { "add", 0, 0, G_OPTION_ARG_INT, &add, N_("How many working days to add (0 = that day, or the next working day)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaWorkCalendar) cal = NULL;
  g_autofree char *from_iso = NULL, *date_iso = NULL;
  GDate from, out;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !date_arg (from_raw, "--from", &from, error)
      || !toa_cli_require (add != G_MININT ? "" : NULL, "--add", error))
    return FALSE;
  if (add < -3650 || add > 3650)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("--add %d is out of range; use a number of working days from -3650 to 3650"), add);
      return FALSE;
    }
  if (!(store = toa_cli_store (cli, error)) || !(cal = toa_work_calendar_get (store, error)))
    return FALSE;
  if (!toa_work_calendar_add (cal, &from, add, &out))
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("The result falls outside the dates the calendar can count"));
      return FALSE;
    }

  from_iso = toa_workdays_iso_date (&from);
  date_iso = toa_workdays_iso_date (&out);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, from_iso);
      json_builder_set_member_name (builder, "add");
      json_builder_add_int_value (builder, add);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date_iso);
      json_builder_end_object (builder);
      toa_cli_print_json (json_builder_get_root (builder));
    }
  else
    toa_cli_print ("%s\n", date_iso);
  return TRUE;
}

gboolean
toa_cli_calendar_holidays (ToaCli *cli, char **args, GError **error)
{
  int year = G_MININT;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year, e.g. 2026"), N_("YEAR") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaWorkCalendar) cal = NULL;
  g_autoptr(GPtrArray) days = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (year != G_MININT ? "" : NULL, "--year", error))
    return FALSE;
  if (year < TOA_LUNAR_MIN_YEAR || year > TOA_LUNAR_MAX_YEAR)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The calendar covers the years %d–%d; give a year in that range"),
                   TOA_LUNAR_MIN_YEAR, TOA_LUNAR_MAX_YEAR);
      return FALSE;
    }
  if (!(store = toa_cli_store (cli, error)) || !(cal = toa_work_calendar_get (store, error)))
    return FALSE;
  days = toa_work_calendar_special_days (cal, year);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, year);
      json_builder_set_member_name (builder, "days");
      json_builder_begin_array (builder);
      for (guint i = 0; i < days->len; i++)
        {
          ToaCalendarDay *day = g_ptr_array_index (days, i);
          g_autofree char *iso = toa_workdays_iso_date (&day->day);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "date");
          json_builder_add_string_value (builder, iso);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, day->day_off ? TOA_ADJUSTMENT_DAY_OFF
                                                               : TOA_ADJUSTMENT_WORKING_DAY);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, day->reason);
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, day->source);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      toa_cli_print_json (json_builder_get_root (builder));
    }
  else
    {
      const char *headers[] = { _("Date"), _("Kind"), _("Reason"), _("Source") };
      g_autoptr(ToaCliTable) table = toa_cli_table_new (4, headers);

      for (guint i = 0; i < days->len; i++)
        {
          ToaCalendarDay *day = g_ptr_array_index (days, i);
          g_autofree char *date = toa_format_gdate (&day->day);

          toa_cli_table_add (table, date, day->day_off ? _("day off") : _("working day"),
                             day->reason, day->source);
        }
      toa_cli_table_print (table);
    }
  return TRUE;
}

gboolean
toa_cli_deadline (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *kind_raw = NULL, *from_raw = NULL, *kind_code = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind_raw, N_("The kind of information; see “kind list”"), N_("KIND") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from_raw,
      N_("The date the deadline counts from (receipt, issue, approval…), YYYY-MM-DD or dd/mm/yyyy"), N_("DATE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaInfoKind) kind = NULL;
  g_autofree char *from_iso = NULL, *deadline_iso = NULL;
  gboolean has_deadline = FALSE;
  GDate from, deadline;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !toa_cli_require (kind_raw, "--kind", error)
      || !toa_cli_text (kind_raw, "--kind", &kind_code, error)
      || !date_arg (from_raw, "--from", &from, error)
      || !(store = toa_cli_store (cli, error))
      || !toa_deadline_for_kind (store, NULL, kind_code, &from, &deadline, &has_deadline, &kind, error))
    return FALSE;

  from_iso = toa_workdays_iso_date (&from);
  if (has_deadline)
    deadline_iso = toa_workdays_iso_date (&deadline);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind->code);
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, from_iso);
      json_builder_set_member_name (builder, "deadline");
      if (has_deadline)
        json_builder_add_string_value (builder, deadline_iso);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "working_days");
      if (has_deadline)
        json_builder_add_int_value (builder, kind->deadline_days);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "basis");
      json_builder_add_string_value (builder, kind->basis);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, kind->source);
      json_builder_end_object (builder);
      toa_cli_print_json (json_builder_get_root (builder));
    }
  else if (!has_deadline)
    toa_cli_print (_("No deadline: “%s” is kept current (%s)\n"), kind->name, kind->source);
  else if (kind->deadline_days == 0)
    toa_cli_print (_("%s — immediately, the same working day (%s)\n"), deadline_iso, kind->source);
  else
    toa_cli_print (g_dngettext (GETTEXT_PACKAGE, "%s — %d working day after %s (%s)\n",
                                "%s — %d working days after %s (%s)\n", (gulong) kind->deadline_days),
                   deadline_iso, kind->deadline_days, toa_info_kind_basis_label (kind->basis), kind->source);
  return TRUE;
}

gboolean
toa_cli_calendar_set_day (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *date_raw = NULL, *kind_raw = NULL, *note_raw = NULL, *source_raw = NULL;
  g_autofree char *as = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_FILENAME, &date_raw, N_("The day, e.g. 2027-02-08"), N_("DATE") },
    { "kind", 0, 0, G_OPTION_ARG_FILENAME, &kind_raw, N_("day-off or working-day"), N_("KIND") },
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note_raw, N_("Why, e.g. Nghỉ Tết Nguyên Đán"), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_FILENAME, &source_raw, N_("The official notice it comes from"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_FILENAME, &as, N_("The administrator making the change"), N_("LOGIN") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(ToaCalendarAdjustment) adjustment = toa_calendar_adjustment_new ();
  g_autoptr(ToaPerson) actor = NULL;
  ToaStore *store;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !date_arg (date_raw, "--date", &adjustment->day, error)
      || !toa_cli_require (kind_raw, "--kind", error)
      || !toa_cli_text (kind_raw, "--kind", &adjustment->kind, error)
      || !toa_cli_text (note_raw, "--note", &adjustment->note, error)
      || !toa_cli_text (source_raw, "--source", &adjustment->source, error)
      || !(actor = toa_cli_actor (cli, as, error))
      || !(store = toa_cli_store (cli, error))
      || !toa_workdays_set_day (store, actor, adjustment, error))
    return FALSE;

  if (cli->json)
    print_date_json ("date", &adjustment->day);
  else
    {
      g_autofree char *date = toa_workdays_iso_date (&adjustment->day);

      toa_cli_print (_("%s is now a %s\n"), date,
                     g_str_equal (adjustment->kind, TOA_ADJUSTMENT_DAY_OFF) ? _("day off") : _("working day"));
    }
  return TRUE;
}
