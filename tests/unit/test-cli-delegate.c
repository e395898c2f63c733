/* test-cli-delegate.c — delegation through toasoan-cli as a subprocess: `delegate --form tl`
 * and the timeline showing "TL. <delegator>" (and the default "KT."), a wrong form refused
 * (exit 2); `delegate list` in text and JSON, for a person or everyone, with --all for ended
 * and revoked ones; `delegate revoke` with exits 0, 2 (not a number, unknown; already
 * revoked gives 4), 3 (the delegate), 1 (no --as), and the act refused afterwards. */
#include <stdio.h>
#include <string.h>

#include "toa-cli-run.h"

static char *today_iso, *next_week_iso;   /* the delegation range: yesterday to next week */

/* An item waiting for the standing deputy. */
static char *
at_deputy (void)
{
  char *id = toa_cli_run_create_item ("tin");

  toa_cli_run_act (id, "forward", "bt");
  toa_cli_run_act (id, "forward", "tk");
  return id;
}

static gint64
delegate (const char *form)
{
  g_autoptr(Result) r = NULL;
  g_autoptr(JsonObject) object = NULL;

  if (form != NULL)
    r = cli ("--json", "delegate", "--from", "pt", "--to", "tk", "--actions", "publish",
             "--from-date", today_iso, "--to-date", next_week_iso, "--form", form, "--as", "pt", NULL);
  else
    r = cli ("--json", "delegate", "--from", "pt", "--to", "tk", "--actions", "publish",
             "--from-date", today_iso, "--to-date", next_week_iso, "--as", "pt", NULL);
  object = json_object_of (r, NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "form"), ==, form != NULL ? "TL" : "KT");
  return json_object_get_int_member (object, "id");
}

static void
revoke_all (void)
{
  g_autoptr(Result) r = cli ("--json", "delegate", "list", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  assert_exit (r, 0);
  g_assert_true (json_parser_load_from_data (parser, r->out, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *id = g_strdup_printf ("%lld", (long long) json_object_get_int_member (
                                               json_array_get_object_element (array, i), "id"));
      g_autoptr(Result) rv = cli ("delegate", "revoke", id, "--as", "qt", NULL);

      assert_exit (rv, 0);
    }
}

static void
test_form (void)
{
  g_autofree char *item = at_deputy ();
  g_autofree char *other = at_deputy ();
  g_autoptr(Result) bad = cli ("delegate", "--from", "pt", "--to", "tk", "--actions", "publish",
                               "--from-date", today_iso, "--to-date", next_week_iso, "--form", "tuq",
                               "--as", "pt", NULL);
  g_autoptr(Result) done = NULL, history = NULL, done2 = NULL, history2 = NULL, actions = NULL;

  assert_exit (bad, 2);
  g_assert_nonnull (strstr (bad->err, "tl"));

  delegate ("tl");
  actions = cli ("--json", "workflow", "actions", item, "--as", "tk", NULL);
  assert_exit (actions, 0);
  g_assert_nonnull (strstr (actions->out, "\"behalf_form\" : \"TL\""));
  done = cli ("workflow", "do", item, "publish", "--as", "tk", NULL);
  assert_exit (done, 0);
  g_assert_nonnull (strstr (done->out, "(TL. Lê Văn Phó)"));
  history = cli ("workflow", "history", item, NULL);
  assert_exit (history, 0);
  g_assert_nonnull (strstr (history->out, "TL. Lê Văn Phó"));
  g_assert_null (strstr (history->out, "KT. Lê Văn Phó"));
  revoke_all ();

  delegate (NULL);
  done2 = cli ("workflow", "do", other, "publish", "--as", "tk", NULL);
  assert_exit (done2, 0);
  history2 = cli ("workflow", "history", other, NULL);
  g_assert_nonnull (strstr (history2->out, "KT. Lê Văn Phó"));
  /* the first item's history is unchanged */
  g_clear_pointer (&history, result_free);
  history = cli ("workflow", "history", item, NULL);
  g_assert_nonnull (strstr (history->out, "TL. Lê Văn Phó"));
  revoke_all ();
}

static void
test_list_and_revoke (void)
{
  g_autofree char *item = at_deputy ();
  gint64 id = delegate ("tl");
  g_autofree char *id_text = g_strdup_printf ("%lld", (long long) id);
  g_autoptr(Result) text = cli ("delegate", "list", "--as", "tk", NULL);
  g_autoptr(Result) json = cli ("--json", "delegate", "list", "--as", "pt", NULL);
  g_autoptr(Result) none = cli ("--json", "delegate", "list", "--as", "bt", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Result) by_delegate = NULL, not_number = NULL, unknown = NULL, ok = NULL, again = NULL;
  g_autoptr(Result) refused = NULL, after = NULL, after_all = NULL, no_as = NULL;
  g_autofree char *first = NULL;
  JsonArray *array;
  JsonObject *object;
  int y, m, d;

  assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "Lê Văn Phó"));
  g_assert_nonnull (strstr (text->out, "TL."));
  g_assert_nonnull (strstr (text->out, "in force"));
  g_assert_cmpint (sscanf (today_iso, "%d-%d-%d", &y, &m, &d), ==, 3);
  first = g_strdup_printf ("%02d/%02d/%04d", d, m, y);
  g_assert_nonnull (strstr (text->out, first));

  assert_exit (json, 0);
  g_assert_true (json_parser_load_from_data (parser, json->out, -1, NULL));
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "Lê Văn Phó");
  g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, "Phạm Thu Hà");
  g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "portal");
  g_assert_cmpstr (json_object_get_string_member (object, "form"), ==, "TL");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "in-force");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "actions"), 0), ==,
                   "publish");
  assert_exit (none, 0);
  g_assert_cmpstr (g_strstrip (none->out), ==, "[]");

  no_as = cli ("delegate", "revoke", id_text, NULL);
  assert_exit (no_as, 1);
  by_delegate = cli ("delegate", "revoke", id_text, "--as", "tk", NULL);
  assert_exit (by_delegate, 3);
  not_number = cli ("delegate", "revoke", "abc", "--as", "pt", NULL);
  assert_exit (not_number, 2);
  unknown = cli ("delegate", "revoke", "9999", "--as", "pt", NULL);
  assert_exit (unknown, 2);
  ok = cli ("delegate", "revoke", id_text, "--as", "pt", NULL);
  assert_exit (ok, 0);
  again = cli ("delegate", "revoke", id_text, "--as", "pt", NULL);
  assert_exit (again, 4);

  refused = cli ("workflow", "do", item, "publish", "--as", "tk", NULL);
  assert_exit (refused, 3);
  /* no longer listed by default; with --all, as revoked */
  after = cli ("--json", "delegate", "list", "--as", "pt", NULL);
  assert_exit (after, 0);
  g_assert_null (strstr (after->out, id_text));
  after_all = cli ("delegate", "list", "--as", "pt", "--all", NULL);
  assert_exit (after_all, 0);
  g_assert_nonnull (strstr (after_all->out, "revoked"));
}

int
main (int argc, char **argv)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) vn = g_date_time_add_hours (now, 7);
  g_autoptr(GDateTime) later = g_date_time_add_days (vn, 7);
  g_autoptr(GDateTime) earlier = g_date_time_add_days (vn, -1);
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  /* from yesterday (Vietnam), so the range holds whatever the time zone of the test */
  today_iso = g_date_time_format (earlier, "%Y-%m-%d");
  next_week_iso = g_date_time_format (later, "%Y-%m-%d");
  toa_cli_run_set_up (argv[1], "delegate");
  toa_cli_run_set_up_newsroom ();
  toa_cli_run_add_user ("qt", "Quản Trị Viên", "admin");
  g_test_add_func ("/cli-delegate/form", test_form);
  g_test_add_func ("/cli-delegate/list-and-revoke", test_list_and_revoke);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  g_free (today_iso);
  g_free (next_week_iso);
  return status;
}
