/* test-cli-intake-files.c — the files received with an item through toasoan-cli, as a
 * subprocess: `intake add --attachment FILE` reads and keeps the file; `intake attachments`
 * lists them (name, size in KB, date added dd/mm/yyyy; JSON with the SHA-256); `intake
 * attachment ID N --output PATH` writes a byte-identical copy, keeps an existing file unless
 * --force (exit 4), refuses a number the item lacks (exit 2); a missing file is refused
 * (exit 2) naming it. */
#include <string.h>

#include "toa-cli-run.h"

static char *
write_file (const char *name, const char *data, gsize len)
{
  char *path = toa_cli_run_file (name);

  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

static void
assert_same_file (const char *path, const char *data, gsize len)
{
  g_autofree char *contents = NULL;
  gsize got = 0;

  g_assert_true (g_file_get_contents (path, &contents, &got, NULL));
  g_assert_cmpmem (contents, got, data, len);
}

static void
test_round_trip (void)
{
  static const char letter[] = "%PDF-1.4\n\0\x01 c\xc3\xb4ng v\xc4\x83n \xff\0end";
  g_autofree char *big = g_malloc (3000);
  g_autofree char *letter_path = write_file ("cong-van-123.pdf", letter, sizeof letter - 1);
  g_autofree char *photo_path = NULL;
  g_autofree char *out = toa_cli_run_file ("ban-sao.pdf");
  g_autofree char *letter_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) letter,
                                                              sizeof letter - 1);
  g_autofree char *id = NULL;
  g_autoptr(GRegex) date = g_regex_new ("[0-9]{2}/[0-9]{2}/[0-9]{4}", 0, 0, NULL);

  memset (big, 'x', 3000);
  photo_path = write_file ("anh.jpg", big, 3000);
  {
    g_autoptr(Result) add = cli ("intake", "add", "--as", "bt", "--title", "Công văn về lịch tiếp dân",
                                 "--genre", "van-ban", "--section", "tin", "--channel", "email",
                                 "--sender", "Sở Nội vụ", "--received", "2025-01-24",
                                 "--attachment", letter_path, "--attachment", photo_path, NULL);

    assert_exit (add, 0);
    id = g_strndup (add->out, strspn (add->out, "0123456789"));
    g_assert_cmpuint (strlen (id), >, 0);
  }
  {
    g_autoptr(Result) list = cli ("intake", "attachments", id, NULL);
    g_auto(GStrv) lines = NULL;

    assert_exit (list, 0);
    lines = g_strsplit (list->out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* header, two files, "" */
    g_assert_nonnull (strstr (lines[1], "cong-van-123.pdf"));
    g_assert_nonnull (strstr (lines[1], "1 KB"));
    g_assert_nonnull (strstr (lines[1], "application/pdf"));
    g_assert_true (g_regex_match (date, lines[1], 0, NULL));
    g_assert_nonnull (strstr (lines[2], "anh.jpg"));
    g_assert_nonnull (strstr (lines[2], "3 KB"));
  }
  {
    g_autoptr(Result) json = cli ("--json", "intake", "attachments", id, NULL);
    g_autoptr(JsonArray) array = json_array_of (json, 2);
    JsonObject *first = json_array_get_object_element (array, 0);

    g_assert_cmpstr (json_object_get_string_member (first, "sha256"), ==, letter_hash);
    g_assert_cmpint (json_object_get_int_member (first, "size"), ==, sizeof letter - 1);
    g_assert_true (json_object_get_boolean_member (first, "has_content"));
  }
  {
    g_autoptr(Result) save = cli ("intake", "attachment", id, "1", "--output", out, NULL);

    assert_exit (save, 0);
    assert_same_file (out, letter, sizeof letter - 1);
  }
  {
    g_autoptr(Result) again = NULL, forced = NULL;

    g_assert_true (g_file_set_contents (out, "mine", 4, NULL));
    again = cli ("intake", "attachment", id, "1", "--output", out, NULL);
    assert_exit (again, 4);
    assert_same_file (out, "mine", 4);
    forced = cli ("intake", "attachment", id, "1", "--output", out, "--force", NULL);
    assert_exit (forced, 0);
    assert_same_file (out, letter, sizeof letter - 1);
  }
  {
    g_autofree char *other = toa_cli_run_file ("khac.pdf");
    g_autoptr(Result) no_such = cli ("intake", "attachment", id, "3", "--output", other, NULL);
    g_autoptr(Result) not_number = cli ("intake", "attachment", id, "mot", "--output", other, NULL);
    g_autoptr(Result) no_output = cli ("intake", "attachment", id, "1", NULL);
    g_autoptr(Result) no_item = cli ("intake", "attachments", "99999", NULL);

    assert_exit (no_such, 2);
    assert_exit (not_number, 2);
    assert_exit (no_output, 1);
    assert_exit (no_item, 2);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

static void
test_missing_file (void)
{
  g_autofree char *missing = toa_cli_run_file ("khong-co.pdf");
  g_autoptr(Result) add = cli ("intake", "add", "--as", "bt", "--title", "Tin thử", "--genre", "van-ban",
                               "--section", "tin", "--channel", "email", "--sender", "Sở Nội vụ",
                               "--received", "2025-01-24", "--attachment", missing, NULL);

  assert_exit (add, 2);
  g_assert_nonnull (strstr (add->err, "khong-co.pdf"));
}

static void
add_tests (void)
{
  g_test_add_func ("/cli-intake-files/round-trip", test_round_trip);
  g_test_add_func ("/cli-intake-files/missing-file", test_missing_file);
}

int
main (int argc, char **argv)
{
  return toa_cli_run_newsroom_main (argc, argv, "intake-files", add_tests);
}
