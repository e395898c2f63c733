/* toa-cli-run.c — see toa-cli-run.h. */
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "toa-cli-run.h"

static const char *cli_path;
static char *tmp_dir;
static char *db_path;

void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

static Result *
run (const char *input, const char *first, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, db_path);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", tmp_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
  if (g_test_verbose ())
    g_printerr ("→ %d\n%s%s", result->status, result->out, result->err);
  return result;
}

Result *
cli (const char *first, ...)
{
  va_list args;
  Result *result;

  va_start (args, first);
  result = run (NULL, first, args);
  va_end (args);
  return result;
}

Result *
cli_with_input (const char *input, const char *first, ...)
{
  va_list args;
  Result *result;

  va_start (args, first);
  result = run (input, first, args);
  va_end (args);
  return result;
}

void
assert_exit (const Result *result, int status)
{
  if (result->status != status)
    g_printerr ("stdout: %s\nstderr: %s\n", result->out, result->err);
  g_assert_cmpint (result->status, ==, status);
}

JsonObject *
json_object_of (const Result *result, const char *members)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  assert_exit (result, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  if (members != NULL)
    {
      g_auto(GStrv) expected = g_strsplit (members, ",", -1);

      g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length (expected));
      for (guint i = 0; expected[i] != NULL; i++)
        g_assert_true (json_object_has_member (object, expected[i]));
    }
  return object;
}

JsonArray *
json_array_of (const Result *result, guint length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  assert_exit (result, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  array = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
  g_assert_cmpuint (json_array_get_length (array), ==, length);
  return array;
}

void
toa_cli_run_set_up (const char *path, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("toasoan-%s-XXXXXX", name);
  g_autoptr(Result) init = NULL;

  cli_path = path;
  tmp_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  db_path = g_build_filename (tmp_dir, "board.db", NULL);
  init = cli ("init", NULL);
  assert_exit (init, 0);
}

gboolean
toa_cli_run_start (int argc, char **argv, const char *name)
{
  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-toasoan-cli\n", argv[0]);
      return FALSE;
    }
  toa_cli_run_set_up (argv[1], name);
  return TRUE;
}

int
toa_cli_run_newsroom_main (int argc, char **argv, const char *name, void (*add_tests) (void))
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!toa_cli_run_start (argc, argv, name))
    return 1;
  toa_cli_run_set_up_newsroom ();
  add_tests ();
  status = g_test_run ();
  toa_cli_run_tear_down ();
  return status;
}

char *
toa_cli_run_file (const char *name)
{
  g_assert_nonnull (tmp_dir);
  return g_build_filename (tmp_dir, name, NULL);
}

void
toa_cli_run_tear_down (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (tmp_dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&db_path, g_free);
}

void
toa_cli_run_add_user (const char *login, const char *name, const char *role)
{
  g_autoptr(Result) r = cli ("user", "add", "--login", login, "--name", name, "--role", role, NULL);

  assert_exit (r, 0);
}

void
toa_cli_run_set_up_newsroom (void)
{
  g_autoptr(Result) r = cli ("section", "add", "--site", "portal", "--code", "tin", "--name", "Tin tức", NULL);

  assert_exit (r, 0);
  toa_cli_run_add_user ("bt", "Ngô Thanh Tùng", "editor");
  toa_cli_run_add_user ("tk", "Phạm Thu Hà", "secretary");
  toa_cli_run_add_user ("pt", "Lê Văn Phó", "standing-deputy");
}

char *
toa_cli_run_create_item (const char *genre)
{
  g_autoptr(Result) r = cli ("article", "create", "--as", "bt", "--title", "Hội nghị tổng kết",
                             "--genre", genre, "--section", "tin", NULL);

  assert_exit (r, 0);
  return g_strdup (g_strstrip (r->out));
}

void
toa_cli_run_act (const char *id, const char *action, const char *login)
{
  g_autoptr(Result) r = cli ("workflow", "do", id, action, "--as", login, NULL);

  assert_exit (r, 0);
}
