/* test-cli-workflow.c — toasoan-cli's workflow commands as a subprocess: the presets, a
 * definition shown as JSON that validates again, problems of a broken definition (exit 2),
 * import only by an administrator (exit 3 otherwise) making a new version. */
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
