/* toa-cli.h — toasoan-cli: global options, the table of commands, and the helpers every
 * command uses (option parsing, text at the boundary, opening the store, --as). */
#pragma once

#include <json-glib/json-glib.h>

#include "toa-store.h"

G_BEGIN_DECLS

typedef struct _ToaCli        ToaCli;
typedef struct _ToaCliCommand ToaCliCommand;

/* A command: parses its own options from @args (a strv; args[0] is the program) with
 * toa_cli_parse and prints its result; on failure sets @error (G_OPTION_ERROR = usage,
 * exit 1; TOA_ERROR = its code). */
typedef gboolean (*ToaCliFunc) (ToaCli *cli, char **args, GError **error);

struct _ToaCliCommand {
  const char *group;     /* "article" */
  const char *name;      /* "create"; NULL for a one-word command such as "init" */
  const char *synopsis;  /* "article show ID" — syntax, not translated */
  const char *summary;   /* N_() — what it does */
  ToaCliFunc  func;
};

struct _ToaCli {
  char                *location;      /* --db; NULL = toa_store_default_path () */
  gboolean             json;          /* --json */
  ToaStore            *store;         /* opened by toa_cli_store () */
  const ToaCliCommand *command;       /* the command being run */
  JsonObject          *error_detail;  /* extra members of a JSON error; may be NULL */
};

/* Runs toasoan-cli and returns the exit code (toa-error.h). */
int        toa_cli_run (int argc, char **argv);

/* Parses the command's options (text options are G_OPTION_ARG_FILENAME, i.e. raw bytes,
 * checked later by toa_cli_text). Afterwards @args holds the program name and the
 * positional arguments, of which there must be @min_args to @max_args.
 * Usage errors are G_OPTION_ERROR. */
gboolean   toa_cli_parse (ToaCli *cli, const GOptionEntry *entries, char **args,
                          guint min_args, guint max_args, GError **error);

/* A body file's bytes (PATH, or "-" for standard input), unchecked: core validates the
 * UTF-8 and names the byte. NOT_FOUND or IO naming the file. */
GBytes    *toa_cli_read_body (const char *path, GError **error);

/* An article number from the command line; TOA_ERROR_INVALID otherwise (exit 2). */
gboolean   toa_cli_article_id (const char *text, gint64 *out, GError **error);

/* A usage error (exit 1): G_OPTION_ERROR_FAILED with the message. */
void       toa_cli_usage_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* TRUE when @value is set; otherwise a usage error "@option is required". */
gboolean   toa_cli_require (const char *value, const char *option, GError **error);

/* Validates @raw (bytes from the command line) as UTF-8 and sets *@out to it in NFC,
 * naming @field in the error (with the byte position). NULL @raw gives NULL and TRUE. */
gboolean   toa_cli_text (const char *raw, const char *field, char **out, GError **error);

/* The store named by --db, opened once (must exist; TOA_OPEN_EXISTING). */
ToaStore  *toa_cli_store (ToaCli *cli, GError **error);
/* The person signing with --as LOGIN. On SQLite whoever can open the file is trusted, so the
 * login only names the person. TOA_ERROR_NOT_FOUND for an unknown login. */
ToaPerson *toa_cli_actor (ToaCli *cli, const char *login, GError **error);

/* The commands, by group (toa-cli-*.c). */
gboolean toa_cli_init          (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_db_init       (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_db_migrate    (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_db_copy       (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_sanitize      (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_audit_verify  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_user_add      (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_user_list     (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_site_list     (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_site_add      (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_section_list  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_section_add   (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_unit_list     (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_unit_add      (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_genre_list    (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_kind_list     (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_create (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_show  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_edit  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_list  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_search (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_check  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_revisions (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_diff      (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_restore   (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_image     (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_board_prepublish_rules (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_calendar_lunar (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_calendar_solar (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_calendar_workdays (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_calendar_holidays (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_comment_add (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_grounds (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_comment_list (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_calendar_set_day (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_deadline      (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_presets  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_show     (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_validate (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_import   (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_default  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_do       (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_history  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_requests (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_approve  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_workflow_reject   (ToaCli *cli, char **args, GError **error);
/* For workflow do / history (toa-cli-approval.c): "Recorded as request #N …", and the
 * item's approval requests under its timeline (nothing when it has none). */
void     toa_cli_print_request     (ToaStore *store, const ToaTransitionResult *result);
void     toa_cli_print_requests    (ToaStore *store, gint64 article_id);
gboolean toa_cli_workflow_actions  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_delegate          (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_delegate_list     (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_delegate_revoke   (ToaCli *cli, char **args, GError **error);

gboolean toa_cli_intake_add    (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_intake_letter (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_intake_attachments (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_intake_attachment  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_inbox         (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_preview (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_article_export  (ToaCli *cli, char **args, GError **error);
gboolean toa_cli_board_preview_template (ToaCli *cli, char **args, GError **error);

G_END_DECLS
