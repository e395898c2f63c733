/* test-cli-workflow.c — toasoan-cli's workflow commands as a subprocess: the presets, a
 * definition shown as JSON that validates again, problems of a broken definition (exit 2),
 * import only by an administrator (exit 3 otherwise) making a new version, the board's
 * default workflow (shown; set by the administrator only, audited). */
#include <string.h>

#include <glib/gstdio.h>

#include "toa-cli-run.h"

static char *work_dir;

static char *
write_file (const char *name, const char *text)
{
  char *path = g_build_filename (work_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_presets (void)
{
  static const char *const codes[] = { "binh-duong", "binh-phuoc-2015", "binh-phuoc-2024", "dong-nai" };
  g_autoptr(Result) json = cli ("--json", "workflow", "presets", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "workflows");
  JsonArray *list = json_object_get_array_member (object, "workflows");

  g_assert_cmpuint (json_array_get_length (list), ==, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      JsonObject *preset = json_array_get_object_element (list, i);

      g_assert_cmpstr (json_object_get_string_member (preset, "code"), ==, codes[i]);
      g_assert_cmpint (json_object_get_int_member (preset, "version"), ==, 1);
      g_assert_nonnull (strstr (json_object_get_string_member (preset, "source"), "Điều"));
    }
}

/* `workflow show --json` prints a definition that `workflow validate` accepts as it is. */
static void
test_show_round_trip (void)
{
  g_autoptr(Result) shown = cli ("--json", "workflow", "show", "binh-phuoc-2024", NULL);
  g_autoptr(JsonObject) object = json_object_of (shown, NULL);
  g_autofree char *path = NULL;
  g_autoptr(Result) valid = NULL;
  g_autoptr(Result) missing = cli ("workflow", "show", "khong-co", NULL);

  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, "binh-phuoc-2024");
  g_assert_true (json_array_get_length (json_object_get_array_member (object, "transitions")) > 10);
  path = write_file ("bp2024.json", shown->out);
  valid = cli ("workflow", "validate", path, NULL);
  assert_exit (valid, 0);
  assert_exit (missing, 2);
}

/* A definition whose only transition does not publish, and one state no one can reach. */
static void
test_validate_problems (void)
{
  g_autofree char *path = write_file ("broken.json",
    "{\"code\":\"hong\",\"name\":\"Hỏng\",\"version\":1,\"source\":\"thử\","
    "\"states\":[{\"code\":\"draft\",\"name\":\"Nháp\",\"start\":true},"
    "{\"code\":\"editing\",\"name\":\"Biên tập\"},"
    "{\"code\":\"published\",\"name\":\"Đã xuất bản\",\"end\":true}],"
    "\"transitions\":[{\"code\":\"forward\",\"from\":\"draft\",\"to\":\"published\",\"roles\":[\"editor\"]}]}");
  g_autoptr(Result) text = cli ("workflow", "validate", path, NULL);
  g_autoptr(Result) json = cli ("--json", "workflow", "validate", path, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *error;

  assert_exit (text, 2);
  assert_exit (json, 2);
  g_assert_true (json_parser_load_from_data (parser, json->out, -1, NULL));
  error = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "invalid");
  g_assert_true (json_object_has_member (error, "problems"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (error, "problems")), >=, 2);
}

static void
test_import (void)
{
  g_autoptr(Result) shown = cli ("--json", "workflow", "show", "binh-phuoc-2015", NULL);
  g_autofree char *path = write_file ("bp2015.json", shown->out);
  g_autoptr(Result) admin = cli ("user", "add", "--login", "quantri", "--name", "Trịnh Văn Lực",
                                 "--role", "admin", NULL);
  g_autoptr(Result) editor = cli ("user", "add", "--login", "bientap", "--name", "Lý Thị Bích Trâm",
                                  "--role", "editor", NULL);
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) saved = NULL;
  g_autoptr(Result) v2 = NULL;
  g_autoptr(Result) v1 = NULL;
  g_autoptr(JsonObject) v2_object = NULL;
  g_autoptr(JsonObject) v1_object = NULL;

  assert_exit (admin, 0);
  assert_exit (editor, 0);
  refused = cli ("workflow", "import", path, "--as", "bientap", NULL);
  assert_exit (refused, 3);
  saved = cli ("workflow", "import", path, "--as", "quantri", NULL);
  assert_exit (saved, 0);

  v2 = cli ("--json", "workflow", "show", "binh-phuoc-2015", NULL);
  v2_object = json_object_of (v2, NULL);
  g_assert_cmpint (json_object_get_int_member (v2_object, "version"), ==, 2);
  v1 = cli ("--json", "workflow", "show", "binh-phuoc-2015", "--version", "1", NULL);
  v1_object = json_object_of (v1, NULL);
  g_assert_cmpint (json_object_get_int_member (v1_object, "version"), ==, 1);
}

/* `workflow default` shows the board's default; only the administrator sets it (exit 3
 * otherwise, nothing changed), an unknown code is exit 2, and the change is audited. */
static void
test_default (void)
{
  g_autoptr(Result) admin = cli ("user", "add", "--login", "quantri2", "--name", "Đỗ Văn Tài",
                                 "--role", "admin", NULL);
  g_autoptr(Result) editor = cli ("user", "add", "--login", "bientap2", "--name", "Hà Thị Mai",
                                  "--role", "editor", NULL);
  g_autoptr(Result) shown = cli ("--json", "workflow", "default", NULL);
  g_autoptr(JsonObject) shown_object = json_object_of (shown, "code,name,version,source");
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) no_code = NULL;
  g_autoptr(Result) after_refused = NULL;
  g_autoptr(Result) set = NULL;
  g_autoptr(Result) after = NULL;
  g_autoptr(Result) before = NULL;
  g_autoptr(Result) audit = NULL;
  g_autoptr(Result) back = NULL;
  g_autoptr(JsonObject) before_object = NULL;
  g_autoptr(JsonObject) audit_object = NULL;
  gint64 records;

  assert_exit (admin, 0);
  assert_exit (editor, 0);
  g_assert_cmpstr (json_object_get_string_member (shown_object, "code"), ==, "binh-phuoc-2024");

  refused = cli ("workflow", "default", "dong-nai", "--as", "bientap2", NULL);
  assert_exit (refused, 3);
  g_assert_nonnull (strstr (refused->err, "administrator"));
  unknown = cli ("workflow", "default", "ha-noi", "--as", "quantri2", NULL);
  assert_exit (unknown, 2);
  no_code = cli ("workflow", "default", "--as", "quantri2", NULL);
  assert_exit (no_code, 1);
  after_refused = cli ("workflow", "default", NULL);
  assert_exit (after_refused, 0);
  g_assert_nonnull (strstr (after_refused->out, "binh-phuoc-2024"));
  before = cli ("--json", "audit", "verify", NULL);
  before_object = json_object_of (before, NULL);
  records = json_object_get_int_member (before_object, "records");

  set = cli ("workflow", "default", "dong-nai", "--as", "quantri2", NULL);
  assert_exit (set, 0);
  g_assert_nonnull (strstr (set->out, "dong-nai"));
  after = cli ("workflow", "default", NULL);
  g_assert_nonnull (strstr (after->out, "dong-nai"));
  audit = cli ("--json", "audit", "verify", NULL);
  audit_object = json_object_of (audit, NULL);
  g_assert_cmpint (json_object_get_int_member (audit_object, "records"), ==, records + 1);

  back = cli ("workflow", "default", "binh-phuoc-2024", "--as", "quantri2", NULL);
  assert_exit (back, 0);
}

/* The seven refusal grounds of seeds/002 Điều 3.2.b, by code. */
static void
test_grounds (void)
{
  g_autoptr(Result) json = cli ("--json", "workflow", "grounds", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "grounds");
  JsonArray *grounds = json_object_get_array_member (object, "grounds");
  gboolean untrue = FALSE;

  g_assert_cmpuint (json_array_get_length (grounds), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      JsonObject *ground = json_array_get_object_element (grounds, i);

      if (g_str_equal (json_object_get_string_member (ground, "code"), "untrue"))
        untrue = g_str_equal (json_object_get_string_member (ground, "name"), "Thông tin không đúng sự thật");
    }
  g_assert_true (untrue);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-toasoan-cli\n", argv[0]);
      return 1;
    }
  toa_cli_run_set_up (argv[1], "workflow");
  work_dir = g_dir_make_tmp ("toasoan-workflow-files-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli-workflow/presets", test_presets);
  g_test_add_func ("/cli-workflow/show-round-trip", test_show_round_trip);
  g_test_add_func ("/cli-workflow/validate-problems", test_validate_problems);
  g_test_add_func ("/cli-workflow/import", test_import);
  g_test_add_func ("/cli-workflow/grounds", test_grounds);
  g_test_add_func ("/cli-workflow/default", test_default);
  status = g_test_run ();

  toa_cli_run_tear_down ();
  {
    static const char *const files[] = { "bp2024.json", "broken.json", "bp2015.json" };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *path = g_build_filename (work_dir, files[i], NULL);
        g_unlink (path);
      }
    g_rmdir (work_dir);
  }
  return status;
}
