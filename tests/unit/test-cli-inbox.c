/* test-cli-inbox.c — toasoan-cli's intake and inbox commands as a subprocess: `intake add`
 * prints the id and deadline (JSON too), refuses bad input with the right exit codes
 * (1 usage, 2 invalid, 3 permission) and writes nothing then; `inbox --as` lists what waits
 * for that person with the working days left, filtered by site, section, genre, step and
 * deadline (unknown codes exit 2 naming the option); `intake letter` prints the reply letter. */
#include <string.h>

#include <glib/gstdio.h>

#include "toa-cli-run.h"

static gint64 item_id;

static void
test_setup_board (void)
{
  const char *steps[][9] = {
    { "section", "add", "--site", "portal", "--code", "tin", "--name", "Tin tức", NULL },
    { "unit", "add", "--code", "so-noi-vu", "--name", "Sở Nội vụ", NULL },
    { "user", "add", "--login", "bt", "--name", "Ngô Thanh Tùng", "--role", "editor", NULL },
    { "user", "add", "--login", "tk", "--name", "Phạm Thu Hà", "--role", "secretary", NULL },
    { "user", "add", "--login", "kt", "--name", "Lê Kế Toán", "--role", "accountant", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char **a = steps[i];
      g_autoptr(Result) r = cli (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], NULL);

      assert_exit (r, 0);
    }
}

/* A file received with the item, in a temporary folder (removed by the caller). */
static char *
received_file (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "%PDF-1.4 received", -1, NULL));
  return path;
}

static void
test_intake_add (void)
{
  g_autofree char *dir = g_dir_make_tmp ("toa-cli-inbox-XXXXXX", NULL);
  g_autofree char *letter = received_file (dir, "cong-van.pdf");
  g_autofree char *annex = received_file (dir, "phu-luc.pdf");
  g_autoptr(Result) text = cli ("intake", "add", "--as", "bt", "--title", "Thông báo lịch tiếp công dân",
                                "--genre", "van-ban", "--section", "tin", "--channel", "document-system",
                                "--sender-unit", "so-noi-vu", "--document-no", "123/SNV-VP",
                                "--received", "2025-01-24", "--issued", "2025-01-23",
                                "--kind", "legal-document", "--attachment", letter,
                                "--attachment", annex, NULL);
  g_autoptr(Result) json = cli ("--json", "intake", "add", "--as", "bt", "--title", "Ảnh hội nghị",
                                "--genre", "anh", "--section", "tin", "--channel", "in-house",
                                "--received", "2025-01-24", "--kind", "news", NULL);
  g_autoptr(JsonObject) object = NULL;
  char *end = NULL;

  assert_exit (text, 0);
  item_id = g_ascii_strtoll (text->out, &end, 10);
  g_assert_cmpint (item_id, >, 0);
  /* 2 working days from the issue date, over Tết Ất Tỵ */
  g_assert_cmpstr (end, ==, ", deadline 03/02/2025\n");

  object = json_object_of (json, NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (object, "deadline"), ==, "2025-01-24");
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "in-house");
  g_unlink (letter);
  g_unlink (annex);
  g_rmdir (dir);
}

static void
test_intake_errors (void)
{
  /* the options after the common ones; the first NULL ends them */
  struct { int status; const char *login; const char *args[5]; } cases[] = {
    { 1, "bt", { "--received", NULL } },                                         /* no value */
    { 2, "bt", { "--received", "2099-01-01", NULL } },                           /* in the future */
    { 2, "bt", { "--received", "2025-01-24", "--issued", "2025-02-01", NULL } }, /* issued after */
    { 2, "bt", { "--received", "31/02/2025", NULL } },
    { 3, "kt", { "--received", "2025-01-24", NULL } },                           /* accountant */
    { 2, "bt", { "--received", "2025-01-24", "--kind", "tin-don", NULL } },
    { 1, "bt", { "--received", "2025-01-24", "--sender", "Ông A", NULL } },      /* unit and sender */
  };
  g_autoptr(Result) before = cli ("--json", "inbox", "--as", "bt", "--which", "all", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *const *a = cases[i].args;
      g_autoptr(Result) r = cli ("intake", "add", "--as", cases[i].login, "--title", "Tin thử", "--genre", "tin",
                                 "--section", "tin", "--channel", "post", "--sender-unit", "so-noi-vu",
                                 a[0], a[1], a[2], a[3], a[4], NULL);

      g_test_message ("case %u: %s%s", i, r->err, r->out);
      assert_exit (r, cases[i].status);
    }
  {
    g_autoptr(Result) unknown = cli ("intake", "add", "--as", "bt", "--title", "Tin thử", "--genre", "tin",
                                     "--section", "tin", "--channel", "fax", "--sender", "Ông A",
                                     "--received", "2025-01-24", NULL);
    g_autoptr(Result) no_sender = cli ("intake", "add", "--as", "bt", "--title", "Tin thử", "--genre", "tin",
                                       "--section", "tin", "--channel", "zalo", "--received", "2025-01-24", NULL);
    g_autoptr(Result) after = cli ("--json", "inbox", "--as", "bt", "--which", "all", NULL);

    assert_exit (unknown, 2);
    assert_exit (no_sender, 2);
    g_assert_nonnull (strstr (no_sender->err, "sender"));
    /* nothing was written */
    g_assert_cmpstr (before->out, ==, after->out);
  }
}

static void
test_inbox (void)
{
  g_autoptr(Result) json = cli ("--json", "inbox", "--as", "bt", NULL);
  g_autoptr(Result) text = cli ("inbox", "--as", "bt", "--which", "overdue", NULL);
  g_autoptr(Result) secretary = cli ("--json", "inbox", "--as", "tk", NULL);
  g_autoptr(Result) search = cli ("--json", "inbox", "--as", "bt", "--search", "tiep cong dan", NULL);
  g_autoptr(Result) limited = cli ("--json", "inbox", "--as", "bt", "--limit", "1", NULL);
  g_autoptr(Result) bad_which = cli ("inbox", "--as", "bt", "--which", "mine", NULL);
  g_autoptr(Result) bad_login = cli ("inbox", "--as", "khongco", NULL);
  g_autoptr(Result) no_login = cli ("inbox", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "items");
  g_autoptr(JsonObject) sec = json_object_of (secretary, "items");
  g_autoptr(JsonObject) found = json_object_of (search, "items");
  g_autoptr(JsonObject) one = json_object_of (limited, "items");
  JsonArray *items = json_object_get_array_member (object, "items");
  JsonObject *first;

  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  /* the earliest deadline first: the in-house item was due on 24/01/2025 */
  first = json_array_get_object_element (items, 1);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, item_id);
  g_assert_cmpstr (json_object_get_string_member (first, "step"), ==, "Quy trình 1");
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "received");
  g_assert_cmpstr (json_object_get_string_member (first, "received"), ==, "2025-01-24");
  g_assert_cmpstr (json_object_get_string_member (first, "deadline"), ==, "2025-02-03");
  g_assert_cmpint (json_object_get_int_member (first, "working_days_left"), <, -100);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first, "holder"), 0), ==, "editor");
  g_assert_cmpint (json_object_get_int_member (first, "comments"), ==, 0);

  assert_exit (text, 0);
  g_assert_nonnull (strstr (text->out, "Thông báo lịch tiếp công dân"));
  g_assert_nonnull (strstr (text->out, "03/02/2025"));
  g_assert_nonnull (strstr (text->out, "working days overdue"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (sec, "items")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (found, "items")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (one, "items")), ==, 1);
  assert_exit (bad_which, 1);
  assert_exit (bad_login, 2);
  assert_exit (no_login, 1);
}

/* How many rows `--json inbox --as bt ARGS…` lists; the first row's id in @first_id. */
static guint
count_rows (gint64 *first_id, const char *a1, const char *a2, const char *a3, const char *a4,
            const char *a5, const char *a6)
{
  g_autoptr(Result) r = cli ("--json", "inbox", "--as", "bt", a1, a2, a3, a4, a5, a6, NULL);
  g_autoptr(JsonObject) object = json_object_of (r, "items");
  JsonArray *items = json_object_get_array_member (object, "items");

  if (first_id != NULL && json_array_get_length (items) > 0)
    *first_id = json_object_get_int_member (json_array_get_object_element (items, 0), "id");
  return json_array_get_length (items);
}

static void
test_inbox_filters (void)
{
  struct { const char *option; const char *value; } unknown[] = {
    { "--site", "khong-co" }, { "--section", "khong-co" }, { "--genre", "khong-co" }, { "--state", "khong-co" },
  };
  g_autoptr(Result) none = cli ("inbox", "--as", "bt", "--due", "today", NULL);
  g_autoptr(Result) bad_due = cli ("inbox", "--as", "bt", "--due", "soon", NULL);
  gint64 id = 0;

  /* bt waits on two items, both long overdue: the document (received) and the photo (draft) */
  g_assert_cmpuint (count_rows (&id, "--genre", "van-ban", NULL, NULL, NULL, NULL), ==, 1);
  g_assert_cmpint (id, ==, item_id);
  g_assert_cmpuint (count_rows (&id, "--genre", "anh", NULL, NULL, NULL, NULL), ==, 1);
  g_assert_cmpint (id, !=, item_id);
  g_assert_cmpuint (count_rows (&id, "--state", "received", NULL, NULL, NULL, NULL), ==, 1);
  g_assert_cmpint (id, ==, item_id);
  g_assert_cmpuint (count_rows (NULL, "--state", "secretary-review", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_rows (NULL, "--site", "portal", "--section", "tin", NULL, NULL), ==, 2);
  g_assert_cmpuint (count_rows (NULL, "--section", "tin", NULL, NULL, NULL, NULL), ==, 2);
  g_assert_cmpuint (count_rows (NULL, "--due", "overdue", NULL, NULL, NULL, NULL), ==, 2);
  g_assert_cmpuint (count_rows (NULL, "--due", "week", NULL, NULL, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_rows (NULL, "--due", "3", NULL, NULL, NULL, NULL), ==, 0);
  /* with search and with the other lists */
  g_assert_cmpuint (count_rows (NULL, "--genre", "van-ban", "--search", "tiep cong dan", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_rows (NULL, "--genre", "anh", "--search", "tiep cong dan", NULL, NULL), ==, 0);
  g_assert_cmpuint (count_rows (NULL, "--which", "all", "--genre", "anh", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_rows (NULL, "--which", "overdue", "--state", "draft", "--due", "overdue"), ==, 1);
  g_assert_cmpuint (count_rows (NULL, "--which", "sent", "--genre", "anh", NULL, NULL), ==, 0);

  assert_exit (none, 0);
  g_assert_nonnull (strstr (none->out, "No items match the filters."));
  assert_exit (bad_due, 1);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autoptr(Result) r = cli ("inbox", "--as", "bt", unknown[i].option, unknown[i].value, NULL);

      assert_exit (r, 2);
      g_assert_nonnull (strstr (r->err, unknown[i].option));
      g_assert_nonnull (strstr (r->err, "khong-co"));
    }
}

static void
test_letter (void)
{
  g_autofree char *id = g_strdup_printf ("%lld", (long long) item_id);
  g_autoptr(Result) letter = cli ("intake", "letter", id, "--reason", "untrue", "--note",
                                  "Số liệu chưa được xác minh", "--as", "bt", NULL);
  g_autoptr(Result) json = cli ("--json", "intake", "letter", id, "--reason", "duplicate", "--as", "bt", NULL);
  g_autoptr(Result) bad_reason = cli ("intake", "letter", id, "--reason", "vi-sao", "--as", "bt", NULL);
  g_autoptr(Result) missing = cli ("intake", "letter", "99999", "--reason", "untrue", "--as", "bt", NULL);
  g_autoptr(Result) denied = cli ("intake", "letter", id, "--reason", "untrue", "--as", "kt", NULL);
  g_autoptr(Result) no_reason = cli ("intake", "letter", id, "--as", "bt", NULL);
  g_autoptr(JsonObject) object = json_object_of (json, "id,reason,letter");

  assert_exit (letter, 0);
  g_assert_nonnull (strstr (letter->out, "Kính gửi: Sở Nội vụ."));
  g_assert_nonnull (strstr (letter->out, "123/SNV-VP"));
  g_assert_nonnull (strstr (letter->out, "Thông tin không đúng sự thật"));
  g_assert_nonnull (strstr (letter->out, "Số liệu chưa được xác minh."));
  g_assert_nonnull (strstr (json_object_get_string_member (object, "letter"),
                            "Trùng lặp với thông tin đã đăng tải"));
  assert_exit (bad_reason, 2);
  assert_exit (missing, 2);
  assert_exit (denied, 3);
  assert_exit (no_reason, 1);
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
  toa_cli_run_set_up (argv[1], "inbox");
  g_test_add_func ("/cli-inbox/setup", test_setup_board);
  g_test_add_func ("/cli-inbox/intake-add", test_intake_add);
  g_test_add_func ("/cli-inbox/intake-errors", test_intake_errors);
  g_test_add_func ("/cli-inbox/inbox", test_inbox);
  g_test_add_func ("/cli-inbox/inbox-filters", test_inbox_filters);
  g_test_add_func ("/cli-inbox/letter", test_letter);
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}
