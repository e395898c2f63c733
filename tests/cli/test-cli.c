/* test-cli.c — toasoan-cli run as a subprocess on a temporary database: exit codes, text and
 * JSON output, rights, bad input (invalid UTF-8, a corrupt file), filters and search. */
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

static const char *cli_path;

typedef struct {
  char       *dir;
  char       *db;
  const char *busy_timeout_ms;   /* for the child's store; NULL = its default */
} Fixture;

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
bytes_to_string (GBytes *bytes)
{
  gsize len = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &len) : NULL;

  return g_strndup (data != NULL ? data : "", len);
}

/* Runs toasoan-cli with @argv (NULL-terminated, without the program) and @input on stdin. */
static void
run_argv (Fixture *fixture, const char *input, const char * const *argv, Run *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GBytes) stdin_bytes = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (gpointer) cli_path);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Never the real default database. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", fixture->dir, TRUE);
  if (fixture->busy_timeout_ms != NULL)
    g_subprocess_launcher_setenv (launcher, "TOA_SQLITE_BUSY_TIMEOUT_MS", fixture->busy_timeout_ms, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  stdin_bytes = g_bytes_new (input != NULL ? input : "", input != NULL ? strlen (input) : 0);
  g_subprocess_communicate (process, stdin_bytes, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));   /* never a crash */

  run->status = g_subprocess_get_exit_status (process);
  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);
  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv);

      fprintf (stderr, "$ toasoan-cli %s → %d\n%s%s", line, run->status, run->out, run->err);
    }
}

/* run (fixture, &run, stdin, "--db", db, "user", "list", NULL) */
static void
run_cli (Fixture *fixture, Run *run, const char *input, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;
  const char *arg;

  run_clear (run);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run_argv (fixture, input, (const char * const *) argv->pdata, run);
}

/* Expects exit @status; on mismatch prints what the command said. */
#define assert_status(run, expected) \
  G_STMT_START { \
    if ((run)->status != (expected)) \
      g_printerr ("stdout: %s\nstderr: %s\n", (run)->out, (run)->err); \
    g_assert_cmpint ((run)->status, ==, (expected)); \
  } G_STMT_END

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));
  return json_node_copy (json_parser_get_root (parser));
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("toasoan-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "board.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* init, a section "thoi-su" on the portal, and an editor and an accountant. */
static void
board_set_up (Fixture *fixture)
{
  g_auto(Run) run = { 0 };

  run_cli (fixture, &run, NULL, "--db", fixture->db, "init", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "section", "add", "--site", "portal",
           "--code", "thoi-su", "--name", "Thời sự", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "btv",
           "--name", "Trần Thị Biên", "--role", "editor", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "ketoan",
           "--name", "Lê Văn Toán", "--role", "accountant", NULL);
  assert_status (&run, 0);
}

static gint64
article_total (Fixture *fixture, const char *first_filter, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, fixture->db);
  g_ptr_array_add (argv, "--json");
  g_ptr_array_add (argv, "article");
  g_ptr_array_add (argv, "list");
  va_start (args, first_filter);
  for (arg = first_filter; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_argv (fixture, NULL, (const char * const *) argv->pdata, &run);
  assert_status (&run, 0);
  root = parse_json (run.out);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "articles")),
                   <=, json_object_get_int_member (json_node_get_object (root), "total"));
  return json_object_get_int_member (json_node_get_object (root), "total");
}

static gint64
create_article (Fixture *fixture, const char *title, const char *genre)
{
  g_auto(Run) run = { 0 };
  gint64 id = 0;

  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create", "--as", "btv",
           "--title", title, "--genre", genre, "--section", "thoi-su",
           "--sapo", "Tóm tắt ngắn của bài.", NULL);
  assert_status (&run, 0);
  g_strchomp (run.out);
  g_assert_true (g_ascii_string_to_signed (run.out, 10, 1, G_MAXINT64, &id, NULL));
  return id;
}

static void
test_usage (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *error;

  run_cli (fixture, &run, NULL, NULL);
  assert_status (&run, 1);
  g_assert_true (strstr (run.err, "article create") != NULL);

  run_cli (fixture, &run, NULL, "help", NULL);
  assert_status (&run, 0);
  g_assert_true (strstr (run.out, "article search") != NULL);
  g_assert_true (strstr (run.out, "user add") != NULL);

  run_cli (fixture, &run, NULL, "--help", NULL);
  assert_status (&run, 0);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "frobnicate", NULL);
  assert_status (&run, 1);
  g_assert_true (strstr (run.err, "frobnicate") != NULL);
  g_assert_true (strstr (run.err, "article list") != NULL);   /* the usage follows */

  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "frobnicate", NULL);
  assert_status (&run, 1);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", "--bogus", NULL);
  assert_status (&run, 1);
  run_cli (fixture, &run, NULL, "--bogus", "article", "list", NULL);
  assert_status (&run, 1);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "show", NULL);
  assert_status (&run, 1);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", "--limit", "0", NULL);
  assert_status (&run, 2);   /* a bad value is invalid input, like a bad --state */

  /* Usage errors in JSON too, on stdout. */
  run_cli (fixture, &run, NULL, "--json", "--db", fixture->db, "frobnicate", NULL);
  assert_status (&run, 1);
  root = parse_json (run.out);
  error = json_object_get_object_member (json_node_get_object (root), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "usage");
  g_assert_true (strstr (json_object_get_string_member (error, "message"), "frobnicate") != NULL);

  /* Nothing was created by any of this. */
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));
}

static void
test_init (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *sites;

  /* Before init: NOT_FOUND, and the file is not created. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "list", NULL);
  assert_status (&run, 2);
  g_assert_true (strstr (run.err, "board.db") != NULL);
  g_assert_false (g_file_test (fixture->db, G_FILE_TEST_EXISTS));

  run_cli (fixture, &run, NULL, "--db", fixture->db, "init", "--portal-name", "Cổng TTĐT tỉnh Bình Phước", NULL);
  assert_status (&run, 0);
  g_assert_true (g_file_test (fixture->db, G_FILE_TEST_IS_REGULAR));

  /* Idempotent. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "init", NULL);
  assert_status (&run, 0);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "site", "list", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  sites = json_object_get_array_member (json_node_get_object (root), "sites");
  g_assert_cmpuint (json_array_get_length (sites), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sites, 0), "code"), ==, "portal");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sites, 0), "name"), ==,
                   "Cổng TTĐT tỉnh Bình Phước");
  g_clear_pointer (&root, json_node_unref);

  /* sqlite:/// URIs name the same file. */
  {
    g_autofree char *uri = g_strconcat ("sqlite://", fixture->db, NULL);

    run_cli (fixture, &run, NULL, "--db", uri, "site", "list", NULL);
    assert_status (&run, 0);
    g_assert_true (strstr (run.out, "portal") != NULL);
  }

  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "audit", "verify", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (root), "intact"));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "records"), >=, 1);
  g_clear_pointer (&root, json_node_unref);

  /* Reference lists answer, in JSON as well. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "genre", "list", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "genres")),
                    >=, 10);
  g_clear_pointer (&root, json_node_unref);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "genre", "list", NULL);
  assert_status (&run, 0);
  g_assert_true (strstr (run.out, "thong-bao") != NULL);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "kind", "list", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "unit", "add", "--code", "so-noi-vu",
           "--name", "Sở Nội vụ", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "unit", "add", "--code", "Sở Nội vụ",
           "--name", "Sở Nội vụ", NULL);
  assert_status (&run, 2);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "unit", "list", NULL);
  assert_status (&run, 0);
  g_assert_true (strstr (run.out, "Sở Nội vụ") != NULL);

  /* The additions were audited and the chain still holds. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "audit", "verify", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "records"), >=, 2);
}

static void
test_users (Fixture *fixture, gconstpointer data)
{
  static const char *roles[] = { "head", "standing-deputy", "deputy", "secretary", "member",
                                  "editor", "technician", "accountant", "admin" };
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *person, *grant;

  run_cli (fixture, &run, NULL, "--db", fixture->db, "init", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "site", "add", "--code", "so-y-te",
           "--name", "Trang TTĐT Sở Y tế", "--url", "https://soyte.example.vn", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "site", "add", "--code", "so-y-te",
           "--name", "Trùng mã", NULL);
  assert_status (&run, 4);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *login = g_strdup_printf ("user%u", i);
      g_autofree char *name = g_strdup_printf ("Nguyễn Văn Số %u", i);

      run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", login,
               "--name", name, "--role", roles[i], NULL);
      assert_status (&run, 0);
    }

  /* role@site, two roles, a password from stdin, JSON. */
  run_cli (fixture, &run, "mật-khẩu-dài-123\n", "--db", fixture->db, "--json", "user", "add",
           "--login", "pho.yte", "--name", "Phạm Thị Y", "--email", "y@example.vn",
           "--role", "editor@so-y-te", "--role", "secretary", "--password-stdin", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  person = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (person, "full_name"), ==, "Phạm Thị Y");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (person, "roles")), ==, 2);
  grant = json_array_get_object_element (json_object_get_array_member (person, "roles"), 0);
  g_assert_cmpstr (json_object_get_string_member (grant, "role"), ==, "editor");
  g_assert_cmpstr (json_object_get_string_member (grant, "site"), ==, "so-y-te");
  g_clear_pointer (&root, json_node_unref);

  /* A contributor who never signs in. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--contributor",
           "--name", "Hoàng Cộng Tác", "--contract", "HĐ-2026/01", NULL);
  assert_status (&run, 0);

  /* Duplicate login: conflict. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "user0",
           "--name", "Người khác", "--role", "member", NULL);
  assert_status (&run, 4);
  /* Bad role, unknown site: invalid input. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "x1",
           "--name", "Người X", "--role", "chief", NULL);
  assert_status (&run, 2);
  g_assert_true (strstr (run.err, "chief") != NULL);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "x2",
           "--name", "Người X", "--role", "editor@khong-co", NULL);
  assert_status (&run, 2);
  /* Invalid UTF-8 in an argument: invalid input with the byte position. */
  {
    const char *good = "Nguyễn Văn An Bình";
    g_autofree char *name = g_strconcat (good, "\xff", NULL);
    g_autofree char *position = g_strdup_printf ("%zu", strlen (good));   /* 22 */

    run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "x3",
             "--name", name, "--role", "member", NULL);
    assert_status (&run, 2);
    g_assert_true (strstr (run.err, position) != NULL);
  }
  /* Missing --name: usage. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "x4", NULL);
  assert_status (&run, 1);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "user", "list", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "people")),
                    ==, G_N_ELEMENTS (roles) + 2);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "list", NULL);
  assert_status (&run, 0);
  g_assert_true (strstr (run.out, "Phạm Thị Y") != NULL);
  g_assert_true (strstr (run.out, "user8") != NULL);
}

static void
test_articles (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *body_path = g_build_filename (fixture->dir, "body.html", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.html", NULL);
  g_autofree char *id_text = NULL;
  g_autoptr(GString) bad = g_string_new ("<p>");
  g_autoptr(GError) error = NULL;
  JsonObject *article;
  gint64 id;

  board_set_up (fixture);

  g_file_set_contents (body_path, "<p>Sáng nay, tỉnh tổ chức hội nghị tổng kết.</p>", -1, &error);
  g_assert_no_error (error);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create", "--as", "btv",
           "--title", "Hội nghị tổng kết năm", "--genre", "tin", "--section", "thoi-su",
           "--body-file", body_path, "--attribution", "Theo Cổng TTĐT tỉnh", NULL);
  assert_status (&run, 0);
  g_strchomp (run.out);
  g_assert_true (g_ascii_string_to_signed (run.out, 10, 1, G_MAXINT64, &id, NULL));
  id_text = g_strdup (run.out);
  g_assert_cmpint (article_total (fixture, NULL), ==, 1);

  /* The accountant may not write articles: permission denied, nothing stored. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create", "--as", "ketoan",
           "--title", "Bài của kế toán", "--genre", "tin", "--section", "thoi-su", NULL);
  assert_status (&run, 3);
  g_assert_cmpint (article_total (fixture, NULL), ==, 1);

  /* Unknown signer: not found. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create", "--as", "khong-co",
           "--title", "Bài", "--genre", "tin", "--section", "thoi-su", NULL);
  assert_status (&run, 2);
  /* --as is required. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create",
           "--title", "Bài", "--genre", "tin", "--section", "thoi-su", NULL);
  assert_status (&run, 1);

  /* Invalid UTF-8 in the body file at byte 1234 (0-based offset of the bad byte). */
  while (bad->len < 1234)
    g_string_append_c (bad, 'a');
  g_string_append_c (bad, (char) 0xC3);   /* a lead byte without its continuation */
  g_string_append (bad, "(</p>");
  g_file_set_contents (bad_path, bad->str, bad->len, &error);
  g_assert_no_error (error);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create", "--as", "btv",
           "--title", "Bài lỗi mã", "--genre", "tin", "--section", "thoi-su",
           "--body-file", bad_path, NULL);
  assert_status (&run, 2);
  g_assert_true (strstr (run.err, "1234") != NULL || strstr (run.err, "1235") != NULL);
  g_assert_cmpint (article_total (fixture, NULL), ==, 1);

  /* Invalid UTF-8 in an argument. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create", "--as", "btv",
           "--title", "Ti\xe1\xbb\x83u \xff", "--genre", "tin", "--section", "thoi-su", NULL);
  assert_status (&run, 2);
  g_assert_cmpint (article_total (fixture, NULL), ==, 1);

  /* A missing body file: not found. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "create", "--as", "btv",
           "--title", "Bài", "--genre", "tin", "--section", "thoi-su",
           "--body-file", "/nonexistent/body.html", NULL);
  assert_status (&run, 2);

  /* The body from stdin, and the JSON of a new article. */
  run_cli (fixture, &run, "<p>Nội dung từ đầu vào chuẩn.</p>", "--db", fixture->db, "--json",
           "article", "create", "--as", "btv", "--title", "Bài từ stdin", "--genre", "bai",
           "--section", "thoi-su", "--body-file", "-", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  article = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (article, "id"), >, id);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, "Bài từ stdin");
  g_assert_cmpstr (json_object_get_string_member (article, "genre"), ==, "bai");
  g_assert_true (strstr (json_object_get_string_member (article, "body_html"), "đầu vào") != NULL);
  g_clear_pointer (&root, json_node_unref);

  /* show: text and JSON */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "show", id_text, NULL);
  assert_status (&run, 0);
  g_assert_true (strstr (run.out, "Hội nghị tổng kết năm") != NULL);
  g_assert_true (strstr (run.out, "Trần Thị Biên") != NULL);
  g_assert_true (strstr (run.out, "Theo Cổng TTĐT tỉnh") != NULL);
  g_assert_true (strstr (run.out, "<p>") == NULL);   /* the body as text */

  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "article", "show", id_text, NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  article = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (article, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, "Hội nghị tổng kết năm");
  g_assert_cmpstr (json_object_get_string_member (article, "site"), ==, "portal");
  g_assert_cmpstr (json_object_get_string_member (article, "language"), ==, "vi");
  g_assert_nonnull (json_object_get_string_member (article, "state"));
  g_assert_cmpint (json_object_get_int_member (article, "revision_count"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (article, "version"), >=, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (article, "authors")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (article, "authors"), 0), "share_bp"), ==, 10000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (article, "comments")), ==, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (article, "created_at"), "Z"));
  g_clear_pointer (&root, json_node_unref);

  /* A missing id: not found; not a number: invalid; both exit 2, JSON error on stdout. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "show", "999999", NULL);
  assert_status (&run, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "toasoan-cli: "));
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "show", "abc", NULL);
  assert_status (&run, 2);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "article", "show", "999999", NULL);
  assert_status (&run, 2);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root), "error"),
                                                  "code"), ==, "not-found");
}

static void
test_list_and_search (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *articles;

  board_set_up (fixture);
  create_article (fixture, "Bình Phước đẩy mạnh phát triển du lịch", "tin");
  create_article (fixture, "Đồng Nai khởi công tuyến đường mới", "tin");
  create_article (fixture, "Hội thảo về cải cách hành chính", "bai");

  g_assert_cmpint (article_total (fixture, NULL), ==, 3);
  g_assert_cmpint (article_total (fixture, "--genre", "bai", NULL), ==, 1);
  g_assert_cmpint (article_total (fixture, "--genre", "tin", NULL), ==, 2);
  g_assert_cmpint (article_total (fixture, "--section", "thoi-su", "--site", "portal", NULL), ==, 3);
  g_assert_cmpint (article_total (fixture, "--language", "en", NULL), ==, 0);
  g_assert_cmpint (article_total (fixture, "--search", "binh phuoc", NULL), ==, 1);
  g_assert_cmpint (article_total (fixture, "--search", "dong nai", NULL), ==, 1);
  g_assert_cmpint (article_total (fixture, "--search", "dong nai", "--genre", "bai", NULL), ==, 0);

  /* Every article is in the state the editor's creation gave it. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "article", "list", "--limit", "1", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  articles = json_object_get_array_member (json_node_get_object (root), "articles");
  g_assert_cmpuint (json_array_get_length (articles), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "total"), ==, 3);
  {
    const char *state = json_object_get_string_member (json_array_get_object_element (articles, 0), "state");

    g_assert_cmpint (article_total (fixture, "--state", state, NULL), ==, 3);
  }
  g_clear_pointer (&root, json_node_unref);

  /* Sorting by title, ascending: "Bình…" < "Đồng…" < "Hội…" by folded title. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "article", "list", "--sort", "title", "--asc", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  articles = json_object_get_array_member (json_node_get_object (root), "articles");
  g_assert_cmpuint (json_array_get_length (articles), ==, 3);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (articles, 0), "title"),
                                   "Bình"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (articles, 2), "title"),
                                   "Hội"));
  g_assert_false (json_object_has_member (json_array_get_object_element (articles, 0), "body_html"));
  g_clear_pointer (&root, json_node_unref);

  /* Offset paging. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "article", "list", "--sort", "title",
           "--asc", "--offset", "2", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  articles = json_object_get_array_member (json_node_get_object (root), "articles");
  g_assert_cmpuint (json_array_get_length (articles), ==, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (articles, 0), "title"),
                                   "Hội"));
  g_clear_pointer (&root, json_node_unref);

  /* article search, without diacritics, several words. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "article", "search", "binh", "phuoc", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  articles = json_object_get_array_member (json_node_get_object (root), "articles");
  g_assert_cmpuint (json_array_get_length (articles), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (articles, 0), "title"), ==,
                   "Bình Phước đẩy mạnh phát triển du lịch");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "query"), ==, "binh phuoc");
  g_clear_pointer (&root, json_node_unref);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "search", "đồng nai", NULL);
  assert_status (&run, 0);
  g_assert_true (strstr (run.out, "Đồng Nai khởi công tuyến đường mới") != NULL);
  g_assert_true (strstr (run.out, "Bình Phước") == NULL);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "search", "khongcotudieunay", NULL);
  assert_status (&run, 0);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "search", NULL);
  assert_status (&run, 1);

  /* Text list: aligned columns, the titles. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", NULL);
  assert_status (&run, 0);
  g_assert_true (strstr (run.out, "Hội thảo về cải cách hành chính") != NULL);

  /* Bad filters: invalid input. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", "--state", "bogus", NULL);
  assert_status (&run, 2);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", "--genre", "bogus", NULL);
  assert_status (&run, 2);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", "--section", "khong-co", NULL);
  assert_status (&run, 2);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", "--site", "khong-co", NULL);
  assert_status (&run, 2);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "article", "list", "--sort", "bogus", NULL);
  assert_status (&run, 2);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
test_corrupt_db (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GByteArray) noise = g_byte_array_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *commands[][3] = { { "user", "list", NULL }, { "article", "list", NULL },
                                { "init", NULL, NULL }, { "audit", "verify", NULL } };

  for (guint i = 0; i < 8192; i++)
    {
      guint8 byte = (guint8) g_rand_int_range (rand, 0, 256);

      g_byte_array_append (noise, &byte, 1);
    }
  g_file_set_contents (fixture->db, (const char *) noise->data, noise->len, &error);
  g_assert_no_error (error);
  before = read_file (fixture->db);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[] = { "--db", fixture->db, commands[i][0], commands[i][1], NULL };

      run_argv (fixture, NULL, argv, &run);
      assert_status (&run, 5);
      g_assert_true (strstr (run.err, "board.db") != NULL);   /* names the file */
      run_clear (&run);
    }

  run_cli (fixture, &run, NULL, "--json", "--db", fixture->db, "user", "list", NULL);
  assert_status (&run, 5);
  root = parse_json (run.out);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
    json_object_get_object_member (json_node_get_object (root), "error"), "code"), "db-"));

  after = read_file (fixture->db);
  g_assert_true (g_bytes_equal (before, after));
}

/* Edits one audit record behind the program's back (as an attacker with the file would) and
 * expects `audit verify` to name it. Knows the SQLite schema's table name, audit_log. */
static void
test_audit_broken (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *error;
  sqlite3 *db = NULL;
  char *message = NULL;

  board_set_up (fixture);   /* init, a section, two people: several records */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", NULL);
  assert_status (&run, 0);

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "DROP TRIGGER IF EXISTS audit_log_no_update;"
                    "UPDATE audit_log SET detail = '{\"forged\":true}' WHERE seq = 2;",
                NULL, NULL, &message);
  g_assert_null (message);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", NULL);
  assert_status (&run, 4);
  g_assert_true (strstr (run.err, "2") != NULL);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "audit", "verify", NULL);
  assert_status (&run, 4);
  root = parse_json (run.out);
  error = json_object_get_object_member (json_node_get_object (root), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "conflict");
  g_assert_false (json_object_get_boolean_member (error, "intact"));
  g_assert_cmpint (json_object_get_int_member (error, "first_bad_record"), ==, 2);
}

/* The newest records cut off: the chain still looks whole, but the head kept from an earlier
 * verify no longer matches (exit 4); a malformed head is exit 2. */
static void
test_audit_head (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *head = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  board_set_up (fixture);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "audit", "verify", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  head = g_strdup (json_object_get_string_member (json_node_get_object (root), "head"));
  g_assert_nonnull (strchr (head, ':'));

  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", "--expect-head", head, NULL);
  assert_status (&run, 0);

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "DROP TRIGGER IF EXISTS audit_log_no_delete;"
                    "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log);",
                NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", NULL);
  assert_status (&run, 0);                                   /* the chain alone can't tell */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", "--expect-head", head, NULL);
  assert_status (&run, 4);
  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", "--expect-head", "x:y", NULL);
  assert_status (&run, 2);
}

/* Another program holds the write lock: a write waits for the busy timeout, then exit 5 with
 * a message naming the file; the database is fine once the lock goes. */
static void
test_locked_db (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  sqlite3 *db = NULL;
  char *message = NULL;

  board_set_up (fixture);
  fixture->busy_timeout_ms = "300";

  g_assert_cmpint (sqlite3_open (fixture->db, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN EXCLUSIVE;", NULL, NULL, &message);
  g_assert_null (message);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "moi",
           "--name", "Người Mới", "--role", "member", NULL);
  assert_status (&run, 5);
  g_assert_true (strstr (run.err, "board.db") != NULL);

  sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
  sqlite3_close (db);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "user", "add", "--login", "moi",
           "--name", "Người Mới", "--role", "member", NULL);
  assert_status (&run, 0);
}

static void
test_demo (Fixture *fixture, gconstpointer data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  run_cli (fixture, &run, NULL, "--db", fixture->db, "--json", "init", "--demo", NULL);
  assert_status (&run, 0);
  root = parse_json (run.out);
  {
    JsonObject *demo = json_object_get_object_member (json_node_get_object (root), "demo");

    g_assert_nonnull (demo);
    g_assert_nonnull (json_object_get_string_member (demo, "password"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (demo, "people")), >=, 9);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "articles"), ==, 300);
  }
  g_assert_cmpint (article_total (fixture, NULL), ==, 300);
  g_assert_cmpint (article_total (fixture, "--state", "published", NULL), >, 0);

  /* A second demo would mix boards: refused, nothing added. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "init", "--demo", NULL);
  assert_status (&run, 4);
  g_assert_cmpint (article_total (fixture, NULL), ==, 300);
  /* Plain init stays harmless. */
  run_cli (fixture, &run, NULL, "--db", fixture->db, "init", NULL);
  assert_status (&run, 0);

  run_cli (fixture, &run, NULL, "--db", fixture->db, "audit", "verify", NULL);
  assert_status (&run, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  cli_path = argc > 1 ? argv[1] : g_getenv ("TOA_CLI");
  if (cli_path == NULL)
    {
      g_printerr ("usage: test-cli PATH-TO-toasoan-cli\n");
      return 1;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/init", test_init);
  ADD ("/cli/users", test_users);
  ADD ("/cli/articles", test_articles);
  ADD ("/cli/list-and-search", test_list_and_search);
  ADD ("/cli/corrupt-db", test_corrupt_db);
  ADD ("/cli/audit-broken", test_audit_broken);
  ADD ("/cli/audit-head", test_audit_head);
  ADD ("/cli/locked-db", test_locked_db);
  ADD ("/cli/demo", test_demo);
#undef ADD

  return g_test_run ();
}
