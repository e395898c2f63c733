/* test-cli-calendar.c — toasoan-cli's calendar commands run as a subprocess on a temporary
 * database: lunar ↔ solar, working days, the year's holidays, deadlines; the exact JSON
 * shapes, and exit code 2 for bad dates and lunar dates that do not exist. */
#include <string.h>

#include "toa-cli-run.h"

static void
test_lunar (void)
{
  g_autoptr(Result) text = cli ("calendar", "lunar", "2025-08-19", NULL);
  g_autoptr(Result) json = cli ("--json", "calendar", "lunar", "19/08/2025", NULL);
  g_autoptr(Result) tet = cli ("--json", "calendar", "lunar", "2026-02-17", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "day,month,year,leap");
  g_autoptr(JsonObject) tet_object = json_object_of (tet, "day,month,year,leap");

  assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "26/06/2025"));
  g_assert_nonnull (strstr (text->out, "leap"));
  g_assert_nonnull (strstr (text->out, "Ất Tỵ"));
  g_assert_cmpint (json_object_get_int_member (object, "day"), ==, 26);
  g_assert_cmpint (json_object_get_int_member (object, "month"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2025);
  g_assert_true (json_object_get_boolean_member (object, "leap"));
  g_assert_cmpint (json_object_get_int_member (tet_object, "day"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (tet_object, "month"), ==, 1);
  g_assert_false (json_object_get_boolean_member (tet_object, "leap"));
}

static void
test_solar (void)
{
  g_autoptr(Result) json = cli ("--json", "calendar", "solar", "--lunar-year", "2025", "--month", "6",
                                "--day", "26", "--leap", NULL);
  g_autoptr(Result) text = cli ("calendar", "solar", "--lunar-year", "2026", "--month", "3", "--day", "10", NULL);
  g_autoptr(Result) no_leap = cli ("calendar", "solar", "--lunar-year", "2024", "--month", "6",
                                   "--day", "1", "--leap", NULL);
  g_autoptr(Result) missing = cli ("calendar", "solar", "--lunar-year", "2024", "--month", "6", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "date");

  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2025-08-19");
  assert_exit (text, 0);
  g_assert_cmpstr (text->out, ==, "2026-04-26\n");
  assert_exit (no_leap, 2);
  g_assert_nonnull (strstr (no_leap->err, "leap"));
  assert_exit (missing, 1);
}

static void
test_workdays (void)
{
  g_autoptr(Result) json = cli ("--json", "calendar", "workdays", "--from", "2025-01-20", "--add", "10", NULL);
  g_autoptr(Result) text = cli ("calendar", "workdays", "--from", "12/02/2026", "--add", "2", NULL);
  g_autoptr(Result) bad = cli ("calendar", "workdays", "--from", "2025-13-01", "--add", "1", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "from,add,date");

  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "2025-01-20");
  g_assert_cmpint (json_object_get_int_member (object, "add"), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2025-02-10");
  assert_exit (text, 0);
  g_assert_cmpstr (text->out, ==, "2026-02-23\n");   /* across Tết 2026 */
  assert_exit (bad, 2);
  g_assert_nonnull (strstr (bad->err, "--from"));
}

static void
test_holidays (void)
{
  g_autoptr(Result) json = cli ("--json", "calendar", "holidays", "--year", "2025", NULL);
  g_autoptr(Result) text = cli ("calendar", "holidays", "--year", "2026", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "year,days");
  JsonArray *days = json_object_get_array_member (object, "days");
  gboolean saw_makeup = FALSE, saw_tet = FALSE;

  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2025);
  g_assert_cmpuint (json_array_get_length (days), ==, 13);
  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);
      const char *date = json_object_get_string_member (day, "date");
      const char *kind = json_object_get_string_member (day, "kind");

      g_assert_cmpstr (json_object_get_string_member (day, "source"), !=, "");
      if (g_str_equal (date, "2025-04-26"))
        {
          g_assert_cmpstr (kind, ==, "working-day");
          saw_makeup = TRUE;
        }
      if (g_str_equal (date, "2025-01-29"))
        {
          g_assert_cmpstr (kind, ==, "day-off");
          saw_tet = TRUE;
        }
    }
  g_assert_true (saw_makeup && saw_tet);
  assert_exit (text, 0);
  /* Giỗ Tổ 2026 is a Sunday: the Monday is off in lieu. */
  g_assert_nonnull (strstr (text->out, "27/04/2026"));
  g_assert_nonnull (strstr (text->out, "Điều 112 khoản 3"));
}

static void
test_deadline (void)
{
  g_autoptr(Result) law = cli ("--json", "deadline", "--kind", "law-guidance", "--from", "2026-02-09", NULL);
  g_autoptr(Result) news = cli ("--json", "deadline", "--kind", "news", "--from", "14/02/2026", NULL);
  g_autoptr(Result) foreign = cli ("--json", "deadline", "--kind", "foreign-language", "--from", "2026-02-09", NULL);
  g_autoptr(Result) text = cli ("deadline", "--kind", "legal-document", "--from", "2025-03-07", NULL);
  g_autoptr(Result) bad_date = cli ("deadline", "--kind", "news", "--from", "31/02/2026", NULL);
  g_autoptr(Result) bad_kind = cli ("deadline", "--kind", "nope", "--from", "2026-02-09", NULL);
  g_autoptr(JsonObject) law_object = json_object_of (law, "kind,from,deadline,working_days,basis,source");
  g_autoptr(JsonObject) news_object = json_object_of (news, "kind,from,deadline,working_days,basis,source");
  g_autoptr(JsonObject) foreign_object = json_object_of (foreign, "kind,from,deadline,working_days,basis,source");

  g_assert_cmpstr (json_object_get_string_member (law_object, "kind"), ==, "law-guidance");
  g_assert_cmpstr (json_object_get_string_member (law_object, "from"), ==, "2026-02-09");
  g_assert_cmpstr (json_object_get_string_member (law_object, "deadline"), ==, "2026-03-09");
  g_assert_cmpint (json_object_get_int_member (law_object, "working_days"), ==, 15);
  /* Immediately: Saturday 14/02/2026 is in Tết, so the next working day. */
  g_assert_cmpstr (json_object_get_string_member (news_object, "deadline"), ==, "2026-02-23");
  g_assert_cmpint (json_object_get_int_member (news_object, "working_days"), ==, 0);
  g_assert_true (json_object_get_null_member (foreign_object, "deadline"));
  assert_exit (text, 0);
  g_assert_true (g_str_has_prefix (text->out, "2025-03-11"));
  assert_exit (bad_date, 2);
  assert_exit (bad_kind, 2);
  g_assert_nonnull (strstr (bad_kind->err, "nope"));
}

static void
test_bad_lunar_input (void)
{
  g_autoptr(Result) bad = cli ("calendar", "lunar", "2025-02-30", NULL);
  g_autoptr(Result) bad_json = cli ("--json", "calendar", "lunar", "hôm nay", NULL);
  g_autoptr(Result) missing = cli ("calendar", "lunar", NULL);

  assert_exit (bad, 2);
  assert_exit (bad_json, 2);
  g_assert_nonnull (strstr (bad_json->out, "\"error\""));
  assert_exit (missing, 1);
}

/* Only the administrator records an adjustment; it changes the count of working days. */
static void
test_set_day (void)
{
  g_autoptr(Result) admin = cli ("user", "add", "--login", "quantri", "--name", "Trịnh Văn Lực",
                                 "--role", "admin", NULL);
  g_autoptr(Result) editor = cli ("user", "add", "--login", "bientap9", "--name", "Lý Thị Bích Trâm",
                                  "--role", "editor", NULL);
  g_autoptr(Result) before = cli ("--json", "calendar", "workdays", "--from", "2027-03-01", "--add", "1", NULL);
  g_autoptr(Result) refused = cli ("calendar", "set-day", "--date", "2027-03-02", "--kind", "day-off",
                                   "--as", "bientap9", NULL);
  g_autoptr(Result) bad_kind = cli ("calendar", "set-day", "--date", "2027-03-02", "--kind", "nghi",
                                    "--as", "quantri", NULL);
  g_autoptr(Result) set = NULL;
  g_autoptr(Result) after = NULL;
  g_autoptr(JsonObject) before_object = json_object_of (before, "from,add,date");
  g_autoptr(JsonObject) after_object = NULL;

  assert_exit (admin, 0);
  assert_exit (editor, 0);
  g_assert_cmpstr (json_object_get_string_member (before_object, "date"), ==, "2027-03-02");
  assert_exit (refused, 3);
  assert_exit (bad_kind, 2);
  set = cli ("calendar", "set-day", "--date", "02/03/2027", "--kind", "day-off", "--note", "Nghỉ bù",
             "--source", "Thông báo thử", "--as", "quantri", NULL);
  assert_exit (set, 0);
  after = cli ("--json", "calendar", "workdays", "--from", "2027-03-01", "--add", "1", NULL);
  after_object = json_object_of (after, "from,add,date");
  g_assert_cmpstr (json_object_get_string_member (after_object, "date"), ==, "2027-03-03");
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-toasoan-cli\n", argv[0]);
      return 1;
    }
  toa_cli_run_set_up (argv[1], "calendar");

  g_test_add_func ("/cli-calendar/lunar", test_lunar);
  g_test_add_func ("/cli-calendar/solar", test_solar);
  g_test_add_func ("/cli-calendar/workdays", test_workdays);
  g_test_add_func ("/cli-calendar/holidays", test_holidays);
  g_test_add_func ("/cli-calendar/deadline", test_deadline);
  g_test_add_func ("/cli-calendar/bad-lunar-input", test_bad_lunar_input);
  g_test_add_func ("/cli-calendar/set-day", test_set_day);
  status = g_test_run ();

  toa_cli_run_tear_down ();
  return status;
}
