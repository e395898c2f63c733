/* test-cli-image.c — images through toasoan-cli, as a subprocess: `article image add` scales
 * a wide photo down to the board's width and prints its SHA-256 and the figure markup with the
 * texts escaped; adding it again keeps one copy; `article image list` shows it (table and
 * JSON); a file that is not an image is refused naming it (exit 2); a person without the right
 * to edit is refused (exit 3); an unknown article is exit 2. */
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "toa-cli-run.h"

static char *
write_photo (const char *name, int width, int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *path = toa_cli_run_file (name);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x2a6f97ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "80", NULL));
  g_assert_no_error (error);
  return path;
}

static void
test_add_and_list (void)
{
  g_autofree char *id = toa_cli_run_create_item ("tin");
  g_autofree char *photo = write_photo ("le-hoi-dua-ghe.jpg", 2400, 1600);
  g_autofree char *sha = NULL;
  g_auto(GStrv) lines = NULL;

  {
    g_autoptr(Result) add = cli ("article", "image", "add", id, photo, "--as", "bt",
                                 "--alt", "Lễ hội đua ghe <Ngo>", "--caption", "Đua ghe & hát",
                                 "--credit", "Ảnh: Minh Trí", NULL);

    assert_exit (add, 0);
    lines = g_strsplit (add->out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), >=, 2);
    g_assert_cmpuint (strlen (lines[0]), ==, 64);
    sha = g_strdup (lines[0]);
    g_assert_true (g_str_has_prefix (lines[1], "<figure class=\"toa-image\"><img src=\"toasoan://media/"));
    g_assert_nonnull (strstr (lines[1], sha));
    g_assert_nonnull (strstr (lines[1], "alt=\"Lễ hội đua ghe &lt;Ngo&gt;\""));
    g_assert_nonnull (strstr (lines[1], "width=\"1920\" height=\"1280\""));
    g_assert_nonnull (strstr (lines[1], "<span class=\"toa-caption\">Đua ghe &amp; hát</span> "
                                        "<span class=\"toa-credit\">Ảnh: Minh Trí</span>"));
  }
  {
    /* again, without alt text: the same image, one copy, and a reminder */
    g_autoptr(Result) again = cli ("article", "image", "add", id, photo, "--as", "bt", NULL);

    assert_exit (again, 0);
    g_assert_true (g_str_has_prefix (again->out, sha));
    g_assert_nonnull (strstr (again->err, "--alt"));
  }
  {
    g_autoptr(Result) list = cli ("article", "image", "list", id, NULL);

    assert_exit (list, 0);
    g_assert_nonnull (strstr (list->out, sha));
    g_assert_nonnull (strstr (list->out, "1920 × 1280"));
    g_assert_nonnull (strstr (list->out, "le-hoi-dua-ghe.jpg"));
  }
  {
    g_autoptr(Result) json = cli ("--json", "article", "image", "list", id, NULL);
    g_autoptr(JsonArray) array = json_array_of (json, 1);
    JsonObject *first = json_array_get_object_element (array, 0);

    g_assert_cmpstr (json_object_get_string_member (first, "sha256"), ==, sha);
    g_assert_cmpstr (json_object_get_string_member (first, "media_type"), ==, "image/jpeg");
    g_assert_cmpint (json_object_get_int_member (first, "width"), ==, 1920);
    g_assert_cmpuint (strlen (json_object_get_string_member (first, "thumb_sha256")), ==, 64);
  }
}

static void
test_refused (void)
{
  g_autofree char *id = toa_cli_run_create_item ("tin");
  g_autofree char *photo = write_photo ("anh.jpg", 300, 200);
  g_autofree char *fake = toa_cli_run_file ("anh-gia.jpg");

  g_assert_true (g_file_set_contents (fake, "<script>alert(1)</script>", -1, NULL));
  {
    g_autoptr(Result) r = cli ("article", "image", "add", id, fake, "--as", "bt", NULL);

    assert_exit (r, 2);
    g_assert_nonnull (strstr (r->err, "anh-gia.jpg"));
    g_assert_nonnull (strstr (r->err, "not a JPEG, PNG, GIF or WebP image"));
  }
  toa_cli_run_add_user ("kt", "Lý Thị Kế Toán", "accountant");
  {
    g_autoptr(Result) r = cli ("article", "image", "add", id, photo, "--as", "kt", NULL);

    assert_exit (r, 3);
  }
  {
    g_autoptr(Result) r = cli ("article", "image", "list", "987654", NULL);

    assert_exit (r, 2);
  }
  {
    g_autoptr(Result) r = cli ("article", "image", "list", id, NULL);

    assert_exit (r, 0);
    g_assert_nonnull (strstr (r->out, "no images"));
  }
  {
    g_autoptr(Result) r = cli ("article", "image", "remove", id, NULL);

    assert_exit (r, 1);
  }
}

static void
add_tests (void)
{
  g_test_add_func ("/cli-image/add-and-list", test_add_and_list);
  g_test_add_func ("/cli-image/refused", test_refused);
}

int
main (int argc, char **argv)
{
  return toa_cli_run_newsroom_main (argc, argv, "cli-image", add_tests);
}
