/* test-cli-article-edit.c — toasoan-cli article edit: the fields given change and the others
 * stay, tags and authors are replaced whole, a stale --version exits 4 naming who saved
 * first, invalid shares and unknown logins exit 2, an accountant exits 3, a missing
 * --version is a usage error (1); a refused edit writes nothing. */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "toa-cli-run.h"

static char *
write_body (const char *html)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("toa-edit-XXXXXX.html", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, html, -1, &error));
  return path;
}

static void
test_edit (void)
{
  g_autoptr(Result) section = cli ("section", "add", "--site", "portal", "--code", "tin-tuc",
                                   "--name", "Tin tức", NULL);
  g_autoptr(Result) economy = cli ("section", "add", "--site", "portal", "--code", "kinh-te",
                                   "--name", "Kinh tế", NULL);
  g_autoptr(Result) unit = cli ("unit", "add", "--code", "so-noi-vu", "--name", "Sở Nội vụ", NULL);
  g_autoptr(Result) created = NULL;
  g_autoptr(Result) edited = NULL;
  g_autoptr(Result) stale = NULL;
  g_autoptr(Result) shares = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) no_version = NULL;
  g_autoptr(Result) cleared = NULL;
  g_autoptr(Result) shown = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = write_body ("<p>Nội dung <b>mới</b></p><script>alert(1)</script>");
  JsonArray *tags;
  JsonArray *authors;

  assert_exit (section, 0);
  assert_exit (economy, 0);
  assert_exit (unit, 0);
  toa_cli_run_add_user ("mai", "Phạm Thị Mai", "editor");
  toa_cli_run_add_user ("lan", "Nguyễn Thị Lan", "secretary");
  toa_cli_run_add_user ("tuan", "Đỗ Minh Tuấn", "accountant");
  created = cli ("article", "create", "--as", "mai", "--title", "Hội nghị tổng kết", "--genre", "tin",
                 "--section", "tin-tuc", "--sapo", "Sapo cũ", NULL);
  assert_exit (created, 0);
  id = g_strstrip (g_strdup (created->out));

  edited = cli ("--json", "article", "edit", id, "--as", "mai", "--version", "1",
                "--title", "Hội nghị tổng kết năm 2026", "--body-file", body, "--section", "kinh-te",
                "--genre", "bai", "--language", "en", "--unit", "so-noi-vu", "--info-kind", "news",
                "--attribution", "Theo Sở Nội vụ", "--tag", "Bình Phước", "--tag", "kinh tế",
                "--author", "mai:author:70", "--author", "lan:photographer:30",
                "--note", "Biên tập", NULL);
  assert_exit (edited, 0);

  /* the secretary's copy was version 1: exit 4, naming who saved first */
  stale = cli ("article", "edit", id, "--as", "lan", "--version", "1", "--title", "Khác", NULL);
  assert_exit (stale, 4);
  g_assert_nonnull (strstr (stale->err, "Phạm Thị Mai"));

  shares = cli ("article", "edit", id, "--as", "mai", "--version", "2", "--author", "mai:author:60", NULL);
  assert_exit (shares, 2);
  g_assert_nonnull (strstr (shares->err, "60.00 %"));
  unknown = cli ("article", "edit", id, "--as", "mai", "--version", "2", "--author", "khongco:author:100", NULL);
  assert_exit (unknown, 2);
  refused = cli ("article", "edit", id, "--as", "tuan", "--version", "2", "--title", "Kế toán sửa", NULL);
  assert_exit (refused, 3);
  no_version = cli ("article", "edit", id, "--as", "mai", "--title", "Không có phiên bản", NULL);
  assert_exit (no_version, 1);

  shown = cli ("--json", "article", "show", id, NULL);
  assert_exit (shown, 0);
  object = json_object_of (shown, NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Hội nghị tổng kết năm 2026");
  g_assert_cmpstr (json_object_get_string_member (object, "sapo"), ==, "Sapo cũ");   /* not given: kept */
  g_assert_nonnull (strstr (json_object_get_string_member (object, "body_html"), "<b>mới</b>"));
  g_assert_null (strstr (json_object_get_string_member (object, "body_html"), "script"));
  g_assert_cmpstr (json_object_get_string_member (object, "genre"), ==, "bai");
  g_assert_cmpstr (json_object_get_string_member (object, "language"), ==, "en");
  g_assert_cmpstr (json_object_get_string_member (object, "info_kind"), ==, "news");
  g_assert_cmpstr (json_object_get_string_member (object, "attribution"), ==, "Theo Sở Nội vụ");
  g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 2);   /* refused edits wrote nothing */
  tags = json_object_get_array_member (object, "tags");
  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "Bình Phước");
  authors = json_object_get_array_member (object, "authors");
  g_assert_cmpuint (json_array_get_length (authors), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (authors, 1), "share_bp"), ==, 3000);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (authors, 1), "role"), ==,
                   "photographer");

  /* clearing: no tags, no unit, no attribution */
  cleared = cli ("--json", "article", "edit", id, "--as", "lan", "--version", "2", "--no-tags",
                 "--unit", "", "--attribution", "", NULL);
  assert_exit (cleared, 0);
  after = json_object_of (cleared, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "tags")), ==, 0);
  g_assert_true (json_object_get_null_member (after, "source_unit_id"));
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, 3);
  g_unlink (body);
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
  toa_cli_run_set_up (argv[1], "article-edit");
  g_test_add_func ("/cli-article-edit/edit", test_edit);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}
