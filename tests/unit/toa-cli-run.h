/* toa-cli-run.h — runs the built toasoan-cli as a subprocess on one temporary database,
 * for the tests of its command groups. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  int   status;
  char *out;
  char *err;
} Result;

void        result_free (Result *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

/* Sets up a temporary directory and database for the CLI at @cli_path (argv[1] of the test)
 * and runs `init`; toa_cli_run_tear_down removes them. */
void        toa_cli_run_set_up (const char *cli_path, const char *name);
void        toa_cli_run_tear_down (void);
/* For a test's main, after g_test_init: toa_cli_run_set_up with argv[1] as the CLI; FALSE,
 * after a usage message, when it is missing. */
gboolean    toa_cli_run_start (int argc, char **argv, const char *name);
/* The whole main of a test on the newsroom: g_test_init, toa_cli_run_start (exit status 1
 * without the CLI), toa_cli_run_set_up_newsroom, the tests @add_tests registers, g_test_run
 * and toa_cli_run_tear_down; returns the exit status. */
int         toa_cli_run_newsroom_main (int argc, char **argv, const char *name,
                                       void (*add_tests) (void));
/* The path of a file @name in the temporary directory, for the files a test hands to the CLI
 * or has it write; toa_cli_run_tear_down removes them with the directory. */
char       *toa_cli_run_file (const char *name);

/* Runs toasoan-cli --db DB ARGS… (NULL-terminated) under LANGUAGE=C. */
Result     *cli (const char *first, ...) G_GNUC_NULL_TERMINATED;
/* The same with @input on standard input. */
Result     *cli_with_input (const char *input, const char *first, ...) G_GNUC_NULL_TERMINATED;
void        assert_exit (const Result *result, int status);
/* The JSON object printed (exit 0), checking it has exactly @members (comma-separated);
 * NULL @members checks nothing. */
JsonObject *json_object_of (const Result *result, const char *members);
/* The JSON array printed (exit 0), checking it has @length elements. */
JsonArray  *json_array_of (const Result *result, guint length);

/* The board of the workflow tests, added through the CLI: the portal's section "tin" and the
 * people bt (editor), tk (secretary) and pt (standing deputy). */
void        toa_cli_run_set_up_newsroom (void);
/* `user add` of @login named @name with @role (a role code, on the portal); asserts exit 0. */
void        toa_cli_run_add_user (const char *login, const char *name, const char *role);
/* A new item "Hội nghị tổng kết" of @genre in section "tin", created by bt; its id. */
char       *toa_cli_run_create_item (const char *genre);
/* `workflow do ID ACTION --as LOGIN`; asserts exit 0. */
void        toa_cli_run_act (const char *id, const char *action, const char *login);

G_END_DECLS
