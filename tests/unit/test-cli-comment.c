/* test-cli-comment.c — toasoan-cli comment add/list: a comment with @mentions is stored and
 * listed with the people named; an unknown login and an accountant are refused, nothing
 * written. */
#include <string.h>

#include "toa-cli-run.h"

static void
test_comments (void)
{
  g_autoptr(Result) section = cli ("section", "add", "--site", "portal", "--code", "tin-tuc",
                                   "--name", "Tin tức", NULL);
  g_autoptr(Result) editor = cli ("user", "add", "--login", "mai", "--name", "Phạm Thị Mai",
                                  "--role", "editor", NULL);
  g_autoptr(Result) secretary = cli ("user", "add", "--login", "lan", "--name", "Nguyễn Thị Lan",
                                     "--role", "secretary", NULL);
  g_autoptr(Result) accountant = cli ("user", "add", "--login", "tuan", "--name", "Đỗ Minh Tuấn",
                                      "--role", "accountant", NULL);
  g_autoptr(Result) created = NULL;
  g_autoptr(Result) added = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) listed = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *id = NULL;
  JsonArray *comments;
  JsonObject *comment;

  assert_exit (section, 0);
  assert_exit (editor, 0);
  assert_exit (secretary, 0);
  assert_exit (accountant, 0);
  created = cli ("article", "create", "--as", "mai", "--title", "Hội nghị tổng kết", "--genre", "tin",
                 "--section", "tin-tuc", NULL);
  assert_exit (created, 0);
  id = g_strstrip (g_strdup (created->out));

  added = cli ("comment", "add", id, "--as", "lan", "--text", "@mai kiểm tra số liệu, rồi báo @lan.", NULL);
  assert_exit (added, 0);
  unknown = cli ("comment", "add", id, "--as", "lan", "--text", "Hỏi @khongco", NULL);
  assert_exit (unknown, 2);
  refused = cli ("comment", "add", id, "--as", "tuan", "--text", "Ý kiến", NULL);
  assert_exit (refused, 3);

  listed = cli ("--json", "comment", "list", id, NULL);
  object = json_object_of (listed, "comments");
  comments = json_object_get_array_member (object, "comments");
  g_assert_cmpuint (json_array_get_length (comments), ==, 1);    /* the refused ones wrote nothing */
  comment = json_array_get_object_element (comments, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (comment, "mentions")), ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (comment, "mention_names"), "Phạm Thị Mai"));
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
  toa_cli_run_set_up (argv[1], "comment");
  g_test_add_func ("/cli-comment/add-and-list", test_comments);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}
