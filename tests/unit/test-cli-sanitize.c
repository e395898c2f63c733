/* test-cli-sanitize.c — `toasoan-cli sanitize` as a subprocess: HTML on standard input, clean
 * HTML on standard output, the modes, --json with the counts, a bad mode is a usage error. */
#include "config.h"

#include <string.h>

#include "toa-cli-run.h"

static const char *cli_path;

static void
test_stdin_to_stdout (void)
{
  g_autoptr(Result) r = cli_with_input ("<p onclick=\"x()\">Chào <b>bạn</b><script>alert(1)</script>"
                                        "<a href=\"javascript:alert(1)\">x</a></p>", "sanitize", NULL);

  assert_exit (r, 0);
  g_assert_cmpstr (r->out, ==, "<p>Chào <b>bạn</b>x</p>\n");
}

static void
test_modes (void)
{
  const char *html = "<p>a</p><p><br></p><img src=\"https://a.vn/anh.jpg\" alt=\"ảnh\">";
  g_autoptr(Result) import = cli_with_input (html, "sanitize", "--mode", "import", NULL);
  g_autoptr(Result) paste = cli_with_input (html, "sanitize", "--mode", "paste", NULL);
  g_autoptr(Result) publish = cli_with_input (html, "sanitize", "--mode", "publish", NULL);
  g_autoptr(Result) bad = cli_with_input (html, "sanitize", "--mode", "print", NULL);

  assert_exit (import, 0);
  g_assert_cmpstr (import->out, ==, "<p>a</p><p><br></p><img src=\"https://a.vn/anh.jpg\" alt=\"ảnh\">\n");
  assert_exit (paste, 0);
  g_assert_cmpstr (paste->out, ==, "<p>a</p><p><br></p>\n");   /* not our image */
  assert_exit (publish, 0);
  g_assert_cmpstr (publish->out, ==, "<p>a</p><img src=\"https://a.vn/anh.jpg\" alt=\"ảnh\">\n");
  assert_exit (bad, 1);
  g_assert_nonnull (strstr (bad->err, "print"));
}

static void
test_json (void)
{
  g_autoptr(Result) r = cli_with_input ("<div style=\"x\"><iframe src=\"https://a\"></iframe>t</div>",
                                        "--json", "sanitize", NULL);
  JsonObject *o;

  assert_exit (r, 0);
  o = json_object_of (r, "html,elements_removed,elements_unwrapped,attributes_removed,urls_removed,images_removed");
  g_assert_cmpstr (json_object_get_string_member (o, "html"), ==, "<p>t</p>");
  g_assert_cmpint (json_object_get_int_member (o, "elements_removed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (o, "attributes_removed"), ==, 1);
  json_object_unref (o);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  toa_cli_run_set_up (cli_path, "sanitize");
  g_test_add_func ("/cli/sanitize/stdin-to-stdout", test_stdin_to_stdout);
  g_test_add_func ("/cli/sanitize/modes", test_modes);
  g_test_add_func ("/cli/sanitize/json", test_json);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}
