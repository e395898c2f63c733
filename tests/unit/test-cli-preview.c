/* test-cli-preview.c — toasoan-cli article preview / export and board preview-template:
 * the page of an article with its policy and its text escaped; an unknown template exit 2;
 * the export written to a file (JSON names it and its size); only the administrator
 * chooses a site's template, and the choice is what the preview then uses. */
#include <string.h>

#include <glib/gstdio.h>

#include "toa-cli-run.h"

static void
test_preview_export (void)
{
  g_autofree char *id = NULL;
  g_autofree char *dir = g_dir_make_tmp ("toasoan-cli-preview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bai viet.html", NULL);
  g_autofree char *written = NULL;
  g_autoptr(Result) preview = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) exported = NULL;
  g_autoptr(Result) missing = NULL;
  g_autoptr(JsonObject) object = NULL;

  toa_cli_run_set_up_newsroom ();
  id = toa_cli_run_create_item ("tin");

  preview = cli ("article", "preview", id, NULL);
  assert_exit (preview, 0);
  g_assert_true (g_str_has_prefix (preview->out, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (preview->out, "Content-Security-Policy"));
  g_assert_nonnull (strstr (preview->out, "Hội nghị tổng kết"));
  g_assert_nonnull (strstr (preview->out, "class=\"cong-ttdt\""));

  unknown = cli ("article", "preview", id, "--template", "khong-co", NULL);
  assert_exit (unknown, 2);
  g_assert_nonnull (strstr (unknown->err, "khong-co"));

  missing = cli ("article", "export", id, NULL);
  assert_exit (missing, 1);

  exported = cli ("--json", "article", "export", id, "--html", path, "--template", "trang-thanh-phan", NULL);
  object = json_object_of (exported, "article,path,bytes,template");
  g_assert_cmpstr (json_object_get_string_member (object, "path"), ==, path);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpint (json_object_get_int_member (object, "bytes"), ==, strlen (written));
  g_assert_nonnull (strstr (written, "Hội nghị tổng kết"));
  g_assert_nonnull (strstr (written, "class=\"trang-thanh-phan\""));
  g_remove (path);
  g_rmdir (dir);
}

static void
test_site_template (void)
{
  g_autofree char *id = toa_cli_run_create_item ("tin");
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) set = NULL;
  g_autoptr(Result) listed = NULL;
  g_autoptr(Result) preview = NULL;
  g_autoptr(JsonObject) object = NULL;
  JsonObject *site;

  toa_cli_run_add_user ("quantri", "Quản Trị Viên", "admin");
  refused = cli ("board", "preview-template", "set", "trang-thanh-phan", "--as", "bt", NULL);
  assert_exit (refused, 3);
  unknown = cli ("board", "preview-template", "set", "khong-co", "--as", "quantri", NULL);
  assert_exit (unknown, 2);
  set = cli ("board", "preview-template", "set", "trang-thanh-phan", "--as", "quantri", NULL);
  assert_exit (set, 0);

  listed = cli ("--json", "board", "preview-template", NULL);
  object = json_object_of (listed, "templates,sites");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "templates")), >=, 2);
  site = json_array_get_object_element (json_object_get_array_member (object, "sites"), 0);
  g_assert_cmpstr (json_object_get_string_member (site, "site"), ==, "portal");
  g_assert_cmpstr (json_object_get_string_member (site, "template"), ==, "trang-thanh-phan");

  preview = cli ("article", "preview", id, NULL);
  assert_exit (preview, 0);
  g_assert_nonnull (strstr (preview->out, "class=\"trang-thanh-phan\""));
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
  toa_cli_run_set_up (argv[1], "preview");
  g_test_add_func ("/cli-preview/preview-and-export", test_preview_export);
  g_test_add_func ("/cli-preview/site-template", test_site_template);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}
