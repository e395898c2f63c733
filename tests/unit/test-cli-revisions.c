/* test-cli-revisions.c — toasoan-cli article revisions / diff / restore: a save and a step
 * each keep a revision, the diff marks words [-old-]{+new+}, restore makes a new revision,
 * and the refusals (unknown revision, stale version, no right) have their exit codes and
 * write nothing. */
#include <string.h>

#include "toa-cli-run.h"

static guint
revision_count (const char *id)
{
  g_autoptr(Result) listed = cli ("--json", "article", "revisions", id, NULL);
  g_autoptr(JsonObject) object = json_object_of (listed, "revisions");

  return json_array_get_length (json_object_get_array_member (object, "revisions"));
}

static void
test_revisions (void)
{
  g_autofree char *id = NULL;
  g_autoptr(Result) edited = NULL;
  g_autoptr(Result) listed = NULL;
  g_autoptr(Result) diff = NULL;
  g_autoptr(Result) diff_json = NULL;
  g_autoptr(Result) bad = NULL;
  g_autoptr(Result) stale = NULL;
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) restored = NULL;
  g_autoptr(Result) after = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) shown = NULL;
  JsonArray *revisions;

  toa_cli_run_set_up_newsroom ();
  toa_cli_run_add_user ("kt", "Đỗ Minh Tuấn", "accountant");
  id = toa_cli_run_create_item ("tin");
  edited = cli_with_input ("<p>Sáng nay, Sở Nội vụ long trọng tổ chức hội nghị tổng kết.</p>",
                           "article", "edit", id, "--as", "bt", "--version", "1",
                           "--title", "Hội nghị tổng kết năm", "--body-file", "-", NULL);
  assert_exit (edited, 0);
  toa_cli_run_act (id, "forward", "bt");

  /* created, saved, forward */
  listed = cli ("--json", "article", "revisions", id, NULL);
  object = json_object_of (listed, "revisions");
  revisions = json_object_get_array_member (object, "revisions");
  g_assert_cmpuint (json_array_get_length (revisions), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (revisions, 2), "number"), ==, 3);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (revisions, 2), "note"),
                            "forward: "));

  diff = cli ("article", "diff", id, "1", "3", NULL);
  assert_exit (diff, 0);
  g_assert_nonnull (strstr (diff->out, "Hội nghị tổng kết{+ năm+}"));
  g_assert_nonnull (strstr (diff->out, "{+Sáng nay, Sở Nội vụ long trọng tổ chức hội nghị tổng kết.+}"));
  diff_json = cli ("--json", "article", "diff", id, "2", "1", NULL);
  shown = json_object_of (diff_json, "article,from,to,title,sapo,body,body_marked");
  g_assert_cmpstr (json_object_get_string_member (shown, "body_marked"), ==,
                   "[-Sáng nay, Sở Nội vụ long trọng tổ chức hội nghị tổng kết.-]");

  bad = cli ("article", "diff", id, "1", "9", NULL);
  assert_exit (bad, 2);
  stale = cli ("article", "restore", id, "1", "--as", "bt", "--version", "1", NULL);
  assert_exit (stale, 4);
  refused = cli ("article", "restore", id, "1", "--as", "kt", NULL);
  assert_exit (refused, 3);
  g_assert_cmpuint (revision_count (id), ==, 3);

  restored = cli ("article", "restore", id, "2", "--as", "tk", NULL);
  assert_exit (restored, 0);
  g_assert_nonnull (strstr (restored->out, "4"));
  g_assert_cmpuint (revision_count (id), ==, 4);
  /* revision 4 has revision 2's text: no difference */
  after = cli ("article", "diff", id, "2", "4", NULL);
  assert_exit (after, 0);
  g_assert_null (strstr (after->out, "{+"));
  g_assert_null (strstr (after->out, "[-"));
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
  toa_cli_run_set_up (argv[1], "revisions");
  g_test_add_func ("/cli-revisions/list-diff-restore", test_revisions);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}
