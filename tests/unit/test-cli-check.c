/* test-cli-check.c — the pre-publish checks through toasoan-cli as a subprocess (bodies are
 * sanitised on the way in, so the problems used are ones the sanitiser lets through: an image
 * of ours without alt, a mailto: link): `article
 * check` lists what to fix (exit 2 when something blocks, with the problems in --json),
 * `workflow do … publish` refused with the same list, `board prepublish-rules` shows the
 * rules with their sources and lets only the administrator change one (exit 3 otherwise). */
#include <string.h>

#include <glib/gstdio.h>

#include "toa-cli-run.h"

static char *work_dir;

static char *
item_with_body (const char *body)
{
  g_autofree char *path = g_build_filename (work_dir, "body.html", NULL);
  g_autoptr(Result) r = NULL;

  g_assert_true (g_file_set_contents (path, body, -1, NULL));
  r = cli ("article", "create", "--as", "bt", "--title", "Khánh thành cầu Sông Bé",
           "--genre", "tin", "--section", "tin", "--body-file", path, NULL);
  assert_exit (r, 0);
  return g_strdup (g_strstrip (r->out));
}

static void
to_deputy_review (const char *id)
{
  toa_cli_run_act (id, "forward", "bt");
  toa_cli_run_act (id, "forward", "tk");
}

static void
test_check_and_publish (void)
{
  g_autofree char *id = item_with_body ("<p>Cầu dài 300 m.</p><p><img src=\"toasoan://media/"
                                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"></p>"
                                        "<p><a href=\"mailto:bbt@binhphuoc.gov.vn\">thư</a></p>");
  g_autoptr(Result) text = cli ("article", "check", id, NULL);
  g_autoptr(Result) json = cli ("--json", "article", "check", id, NULL);
  g_autoptr(Result) refused = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *error;
  JsonArray *problems;
  gboolean saw_alt = FALSE, saw_sapo_warning = FALSE;

  assert_exit (text, 2);
  g_assert_nonnull (strstr (text->out, "image-alt-missing"));
  g_assert_nonnull (strstr (text->out, "link-scheme"));
  g_assert_nonnull (strstr (text->out, "sapo-missing"));
  g_assert_nonnull (strstr (text->err, "cannot be published yet"));

  assert_exit (json, 2);
  g_assert_true (json_parser_load_from_data (parser, json->out, -1, NULL));
  error = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "invalid");
  problems = json_object_get_array_member (error, "problems");
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *problem = json_array_get_object_element (problems, i);
      const char *code = json_object_get_string_member (problem, "code");
      const char *severity = json_object_get_string_member (problem, "severity");

      if (g_str_equal (code, "image-alt-missing") && g_str_equal (severity, "block"))
        saw_alt = TRUE;
      if (g_str_equal (code, "sapo-missing") && g_str_equal (severity, "warn"))
        saw_sapo_warning = TRUE;
    }
  g_assert_true (saw_alt);
  g_assert_true (saw_sapo_warning);

  to_deputy_review (id);
  refused = cli ("workflow", "do", id, "publish", "--as", "pt", NULL);
  assert_exit (refused, 2);
  g_assert_nonnull (strstr (refused->err, "Image 1 "));
}

static void
test_clean_item (void)
{
  g_autofree char *id = item_with_body ("<p>Cầu dài 300 m, <a href=\"https://binhphuoc.gov.vn\">xem thêm</a>.</p>");
  g_autoptr(Result) json = cli ("--json", "article", "check", id, NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "article,publishable,problems");
  g_autoptr(Result) text = cli ("article", "check", id, NULL);

  g_assert_true (json_object_get_boolean_member (object, "publishable"));
  /* Only the sapo warns. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "problems")), ==, 1);
  assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "may be published"));
  to_deputy_review (id);
  toa_cli_run_act (id, "publish", "pt");
}

static void
test_rules (void)
{
  g_autoptr(Result) shown = cli ("--json", "board", "prepublish-rules", NULL);
  g_autoptr(JsonObject) object = json_object_of (shown, "source,title_max_chars,rules");
  g_autoptr(Result) text = cli ("board", "prepublish-rules", NULL);
  g_autoptr(Result) not_admin = cli ("board", "prepublish-rules", "set", "sapo-missing", "block", "--as", "tk", NULL);
  g_autoptr(Result) bad_severity = cli ("board", "prepublish-rules", "set", "sapo-missing", "maybe", "--as", "qt", NULL);
  g_autoptr(Result) bad_code = cli ("board", "prepublish-rules", "set", "khong-co", "block", "--as", "qt", NULL);
  g_autoptr(Result) no_as = cli ("board", "prepublish-rules", "set", "sapo-missing", "block", NULL);
  g_autoptr(Result) set = NULL;
  g_autoptr(Result) audit = NULL;
  g_autofree char *id = NULL;
  g_autoptr(Result) refused = NULL;
  JsonArray *rules = json_object_get_array_member (object, "rules");

  g_assert_cmpint (json_object_get_int_member (object, "title_max_chars"), ==, 150);
  g_assert_nonnull (strstr (json_object_get_string_member (object, "source"), "26/2020"));
  g_assert_cmpuint (json_array_get_length (rules), ==, 11);
  assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "attribution-missing"));
  g_assert_nonnull (strstr (text->out, "Điều 8.3"));

  assert_exit (not_admin, 3);
  assert_exit (bad_severity, 2);
  assert_exit (bad_code, 2);
  assert_exit (no_as, 1);

  set = cli ("board", "prepublish-rules", "set", "sapo-missing", "block", "--as", "qt", NULL);
  assert_exit (set, 0);
  audit = cli ("audit", "verify", NULL);
  assert_exit (audit, 0);

  /* Now an item without a sapo is refused. */
  id = item_with_body ("<p>Cầu dài 300 m.</p>");
  to_deputy_review (id);
  refused = cli ("workflow", "do", id, "publish", "--as", "pt", NULL);
  assert_exit (refused, 2);
  g_assert_nonnull (strstr (refused->err, "sapo"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  toa_cli_run_set_up (argv[1], "test-cli-check");
  toa_cli_run_set_up_newsroom ();
  toa_cli_run_add_user ("qt", "Trần Quản Trị", "admin");
  work_dir = g_dir_make_tmp ("toa-cli-check-XXXXXX", NULL);
  g_test_add_func ("/cli-check/check-and-publish", test_check_and_publish);
  g_test_add_func ("/cli-check/clean-item", test_clean_item);
  g_test_add_func ("/cli-check/rules", test_rules);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  {
    g_autofree char *body = g_build_filename (work_dir, "body.html", NULL);

    g_remove (body);
    g_rmdir (work_dir);
    g_free (work_dir);
  }
  return status;
}
