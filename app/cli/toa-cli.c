/* toa-cli.c — toasoan-cli's global options (--db, --json), the table of commands and the
 * helpers the commands share. The commands themselves live in toa-cli-<group>.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-people.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-store-open.h"
#include "toa-text.h"

static const ToaCliCommand commands[] = {
  { "init", NULL, "init [--demo] [--portal-name NAME]",
    N_("Create the database and the province portal site (code “portal”); --demo adds the demo board"),
    toa_cli_init },
  { "db", "init", "db init [--demo] [--portal-name NAME]",
    N_("Create the schema: on a PostgreSQL server (--db postgresql://…) in an empty database; on an SQLite file the same as init"),
    toa_cli_db_init },
  { "db", "migrate", "db migrate",
    N_("Upgrade the database's schema to this version of Tòa soạn and print the versions before and after"),
    toa_cli_db_migrate },
  { "db", "copy", "db copy --from sqlite:///PATH --to postgresql://…",
    N_("Copy a board's SQLite file into an empty PostgreSQL database in one transaction, verifying each table's rows and checksum"),
    toa_cli_db_copy },
  { "sanitize", NULL, "sanitize [--mode paste|import|publish] [--report] < IN.html > OUT.html",
    N_("Clean HTML from standard input with the article sanitiser (allowed elements, attributes and links only)"),
    toa_cli_sanitize },
  { "user", "add",
    "user add --login L --name N --role ROLE[@SITE]… [--email E] [--contributor] [--contract NO] [--password-stdin]",
    N_("Add a person; roles: head, standing-deputy, deputy, secretary, member, editor, technician, accountant, admin"),
    toa_cli_user_add },
  { "user", "list", "user list", N_("List people and their roles"), toa_cli_user_list },
  { "site", "list", "site list", N_("List the portal and its component sites"), toa_cli_site_list },
  { "site", "add", "site add --code C --name N [--url U]", N_("Add a component site"), toa_cli_site_add },
  { "section", "list", "section list [--site CODE]", N_("List sections"), toa_cli_section_list },
  { "section", "add", "section add --site CODE --code C --name N", N_("Add a section to a site"),
    toa_cli_section_add },
  { "unit", "list", "unit list", N_("List providing units"), toa_cli_unit_list },
  { "unit", "add", "unit add --code C --name N", N_("Add a providing unit"), toa_cli_unit_add },
  { "genre", "list", "genre list", N_("List genre codes"), toa_cli_genre_list },
  { "kind", "list", "kind list", N_("List kinds of information with their deadlines and source"),
    toa_cli_kind_list },
  { "article", "create",
    "article create --as LOGIN --title T --genre G --section S [--site CODE] [--sapo S] "
    "[--body-file F|-] [--unit CODE] [--kind KIND] [--language vi|en] [--attribution A]",
    N_("Create an article and print its id"), toa_cli_article_create },
  { "article", "show", "article show ID", N_("Show an article with its authors, revisions and comments"),
    toa_cli_article_show },
  { "article", "edit",
    "article edit ID --as LOGIN --version N [--title T] [--sapo S] [--body-file F|-] [--section S] "
    "[--genre G] [--language vi|en] [--unit CODE] [--info-kind KIND] [--attribution A] "
    "[--tag T]… [--no-tags] [--author LOGIN:ROLE:PERCENT]… [--note TEXT]",
    N_("Change an article's text and metadata (exit 4 when someone saved first)"), toa_cli_article_edit },
  { "article", "list",
    "article list [--site S] [--section S] [--genre G] [--state S] [--language L] [--search TEXT] "
    "[--sort updated|created|published|title|id] [--asc|--desc] [--limit N] [--offset N]",
    N_("List articles, newest change first"), toa_cli_article_list },
  { "article", "search", "article search TEXT [--limit N]",
    N_("Search titles, sapo and body, with or without diacritics"), toa_cli_article_search },
  { "article", "revisions", "article revisions ID [--as LOGIN]",
    N_("List an article's revisions: number, who, when, words, note"), toa_cli_article_revisions },
  { "article", "diff", "article diff ID A B [--as LOGIN]",
    N_("Show the words changed from revision A to revision B, marked [-old-]{+new+}"),
    toa_cli_article_diff },
  { "article", "restore", "article restore ID N --as LOGIN [--version V]",
    N_("Restore revision N as a new revision (exit 4 when someone saved since version V)"),
    toa_cli_article_restore },
  { "article", "check", "article check ID",
    N_("List what to fix before an item may be published (pre-publish checks); exit 2 when something blocks"),
    toa_cli_article_check },
  { "article", "preview", "article preview ID [--template CODE] [--output FILE]",
    N_("Print the page of an article as the portal will show it (its site's template, or --template)"),
    toa_cli_article_preview },
  { "article", "export", "article export ID --html FILE [--template CODE]",
    N_("Write an article as one standalone HTML file with its images embedded"), toa_cli_article_export },
  { "article", "image", "article image add ID FILE --as LOGIN [--alt T] [--caption T] [--credit T] | article image list ID",
    N_("Add an image (JPEG, PNG, GIF, WebP; checked, scaled down, thumbnailed, stored once) and print its SHA-256 and figure markup; or list an article's images"),
    toa_cli_article_image },
  { "board", "preview-template", "board preview-template [set CODE [--site CODE] --as LOGIN]",
    N_("List the preview templates and each site's, or choose a site's template (administrator only)"),
    toa_cli_board_preview_template },
  { "board", "prepublish-rules", "board prepublish-rules [set CODE block|warn|off --as LOGIN]",
    N_("Show the board's pre-publish checks with their severity and source, or change one (administrator only)"),
    toa_cli_board_prepublish_rules },
  { "audit", "verify", "audit verify", N_("Check that the audit log's hash chain is intact"),
    toa_cli_audit_verify },
  { "workflow", "grounds", "workflow grounds",
    N_("List the grounds for refusing to post (codes for --reason)"), toa_cli_workflow_grounds },
  { "comment", "add", "comment add ID --as LOGIN --text TEXT",
    N_("Add an editorial comment (not published); @login mentions a person"), toa_cli_comment_add },
  { "comment", "list", "comment list ID",
    N_("List an article's editorial comments with the people mentioned"), toa_cli_comment_list },
  { "calendar", "lunar", "calendar lunar YYYY-MM-DD",
    N_("Show the Vietnamese lunar date of a day"), toa_cli_calendar_lunar },
  { "calendar", "solar", "calendar solar --lunar-year Y --month M --day D [--leap]",
    N_("Show the solar date of a lunar date"), toa_cli_calendar_solar },
  { "calendar", "workdays", "calendar workdays --from DATE --add N",
    N_("Count N working days after a date, skipping weekends and holidays"), toa_cli_calendar_workdays },
  { "calendar", "holidays", "calendar holidays --year Y",
    N_("List the year's weekdays off and make-up working days, with reason and source"),
    toa_cli_calendar_holidays },
  { "calendar", "set-day", "calendar set-day --date DATE --kind day-off|working-day [--note T] [--source T] --as LOGIN",
    N_("Record an official adjustment: a day off moved or a make-up working day (administrator only)"),
    toa_cli_calendar_set_day },
  { "deadline", NULL, "deadline --kind KIND --from DATE",
    N_("Show the deadline of an item of a kind of information, in working days"), toa_cli_deadline },
  { "workflow", "presets", "workflow presets",
    N_("List the workflows (latest version of each) with their source regulation"), toa_cli_workflow_presets },
  { "workflow", "show", "workflow show CODE [--version N]",
    N_("Show a workflow's states and transitions with the roles allowed"), toa_cli_workflow_show },
  { "workflow", "validate", "workflow validate FILE",
    N_("Check a JSON workflow definition and list its problems"), toa_cli_workflow_validate },
  { "workflow", "import", "workflow import FILE --as LOGIN",
    N_("Save a JSON workflow definition as a new version (administrator only)"), toa_cli_workflow_import },
  { "workflow", "default", "workflow default [CODE --as LOGIN]",
    N_("Show the board's default workflow, or set it (administrator only); items keep the version they started with"),
    toa_cli_workflow_default },
  { "workflow", "do",
    "workflow do ID ACTION --as LOGIN [--comment T] [--reason GROUND] [--target STATE] [--at DATETIME] [--version N]",
    N_("Take an action on an item (forward, return, publish, schedule, escalate, refuse…), checked against the workflow"),
    toa_cli_workflow_do },
  { "workflow", "actions", "workflow actions ID --as LOGIN",
    N_("List the actions a person may take on an item now: where each leads, what it needs, KT., requests"),
    toa_cli_workflow_actions },
  { "workflow", "history", "workflow history ID",
    N_("Show an item's timeline: each action, who took it, under whose delegation, with comments"),
    toa_cli_workflow_history },
  { "workflow", "requests", "workflow requests [--as LOGIN]",
    N_("List the pending requests that need approval (withdraw, request deletion); with --as, those that person may decide"),
    toa_cli_workflow_requests },
  { "workflow", "approve", "workflow approve REQUEST --as LOGIN [--comment T]",
    N_("Approve a pending request: the action is taken, recorded as asked by the requester"),
    toa_cli_workflow_approve },
  { "workflow", "reject", "workflow reject REQUEST --as LOGIN --comment T",
    N_("Reject a pending request with the reason; the item stays as it is"), toa_cli_workflow_reject },
  { "delegate", "list", "delegate list [--as LOGIN] [--all]",
    N_("List delegations given and received: actions, dates, form (KT./TL.), in force, ended or revoked"),
    toa_cli_delegate_list },
  { "delegate", "revoke", "delegate revoke ID --as LOGIN",
    N_("Revoke a delegation (the delegator or the administrator); acts under it stop at once"),
    toa_cli_delegate_revoke },
  { "delegate", NULL,
    "delegate --from LOGIN --to LOGIN --actions A,B --from-date DATE --to-date DATE [--site CODE] [--form kt|tl] --as LOGIN",
    N_("Delegate some of a person's actions to another person for a date range"), toa_cli_delegate },
  { "intake", "add",
    "intake add --as LOGIN --title T --genre G --section S --channel post|document-system|email|zalo|in-house "
    "[--sender-unit CODE|--sender NAME] [--document-no N] --received DATE [--issued DATE] [--kind KIND] "
    "[--attachment FILE]… [--body-file F] [--site CODE]",
    N_("Register material received (Quy trình 1) and print its id and deadline"), toa_cli_intake_add },
  { "intake", "letter", "intake letter ID --reason GROUND [--note T] --as LOGIN",
    N_("Write, store and print the reply letter refusing an item received"), toa_cli_intake_letter },
  { "intake", "attachments", "intake attachments ID",
    N_("List the files received with an item: number, name, size, type, date added"),
    toa_cli_intake_attachments },
  { "intake", "attachment", "intake attachment ID N --output PATH [--force]",
    N_("Write file number N of an item to PATH (an existing file is kept unless --force)"),
    toa_cli_intake_attachment },
  { "inbox", NULL, "inbox --as LOGIN [--which waiting|sent|overdue|all] [--site CODE] [--section CODE] [--genre G] "
    "[--state S] [--due overdue|today|week|N] [--search TEXT] [--limit N] [--offset N]",
    N_("List the items waiting for a person, sent by them, overdue, or all open items"), toa_cli_inbox },
};

static void
print_usage (FILE *out, const char *group)
{
  g_autofree char *default_path = toa_store_default_path ();
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s\n  toasoan-cli [--db PATH|sqlite:///PATH|postgresql://…] [--json] %s\n\n",
                          _("Usage:"), _("COMMAND [OPTION…]"));
  g_string_append_printf (text, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (group != NULL && !g_str_equal (group, commands[i].group))
        continue;
      g_string_append_printf (text, "  %s\n      %s\n", commands[i].synopsis,
                              g_dgettext (GETTEXT_PACKAGE, commands[i].summary));
    }
  g_string_append_printf (text, "  help\n      %s\n\n", _("Show this help"));
  g_string_append_printf (text, "%s\n", _("Options before the command:"));
  g_string_append_printf (text, "  --db LOCATION  %s\n", _("the database: a path, sqlite:///PATH or postgresql://…"));
  g_string_append_printf (text, "                 %s %s\n", _("Default:"), default_path);
  g_string_append_printf (text, "  --json         %s\n\n", _("print one JSON document, errors too"));
  g_string_append_printf (text, "%s\n  %s\n", _("Exit codes:"),
                          _("0 ok, 1 usage, 2 invalid input or not found, 3 permission denied, 4 conflict, 5 I/O or server error"));
  fputs (text->str, out);
}

void
toa_cli_usage_error (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
}

gboolean
toa_cli_require (const char *value, const char *option, GError **error)
{
  if (value != NULL)
    return TRUE;
  /* TRANSLATORS: %s is a command-line option such as --title */
  toa_cli_usage_error (error, _("%s is required"), option);
  return FALSE;
}

gboolean
toa_cli_parse (ToaCli *cli, const GOptionEntry *entries, char **args,
               guint min_args, guint max_args, GError **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (cli->command->synopsis);
  g_autoptr(GError) local_error = NULL;
  guint n_args;

  g_option_context_set_summary (context, g_dgettext (GETTEXT_PACKAGE, cli->command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* parse_strv frees what it removes; @args keeps its address. */
  if (!g_option_context_parse_strv (context, &args, &local_error))
    {
      /* A common slip: a global option after the command. */
      for (guint i = 1; args[i] != NULL; i++)
        if (g_str_equal (args[i], "--json") || g_str_equal (args[i], "--db")
            || g_str_has_prefix (args[i], "--db="))
          {
            toa_cli_usage_error (error, _("%s goes before the command, e.g. “toasoan-cli --json article list”"),
                                 g_str_equal (args[i], "--json") ? "--json" : "--db");
            return FALSE;
          }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  n_args = g_strv_length (args) - 1;
  if (n_args < min_args)
    {
      toa_cli_usage_error (error, _("Missing argument: %s"), cli->command->synopsis);
      return FALSE;
    }
  if (n_args > max_args)
    {
      toa_cli_usage_error (error, _("Unexpected argument “%s”"), args[max_args + 1]);
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_cli_text (const char *raw, const char *field, char **out, GError **error)
{
  g_free (*out);
  *out = NULL;
  if (raw == NULL)
    return TRUE;
  *out = toa_text_normalize (raw, -1, field, error);
  return *out != NULL;
}

ToaStore *
toa_cli_store (ToaCli *cli, GError **error)
{
  if (cli->store == NULL)
    cli->store = toa_store_open (cli->location, TOA_OPEN_EXISTING, error);
  return cli->store;
}

GBytes *
toa_cli_read_body (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GByteArray) bytes = g_byte_array_new ();
      guint8 buffer[8192];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_byte_array_append (bytes, buffer, (guint) n);
      if (ferror (stdin))
        {
          g_set_error_literal (error, TOA_ERROR, TOA_ERROR_IO,
                               _("Cannot read the body from standard input"));
          return NULL;
        }
      return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TOA_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? TOA_ERROR_NOT_FOUND : TOA_ERROR_IO,
                   _("Cannot read the body file %s: %s"), display, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

gboolean
toa_cli_article_id (const char *text, gint64 *out, GError **error)
{
  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text != NULL ? text : "", -1);

      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not an article number; see “toasoan-cli article list”"), shown);
      return FALSE;
    }
  return TRUE;
}

ToaPerson *
toa_cli_actor (ToaCli *cli, const char *login, GError **error)
{
  g_autofree char *text = NULL;
  ToaStore *store;

  if (!toa_cli_require (login, "--as", error))
    return NULL;
  if (!toa_cli_text (login, "--as", &text, error))
    return NULL;
  if (!(store = toa_cli_store (cli, error)))
    return NULL;

  return toa_people_find_actor (store, text, error);
}

static int
exit_code (const GError *error)
{
  if (error->domain == G_OPTION_ERROR)
    return TOA_EXIT_USAGE;
  return toa_error_exit_code (error);
}

/* Reports a usage error with a pointer to help, in text or JSON. */
static int
fail_usage (ToaCli *cli, GError *error, gboolean full_usage, const char *group)
{
  toa_cli_print_error (cli, error);
  if (!cli->json)
    {
      if (full_usage)
        print_usage (stderr, group);
      else
        {
          g_autofree char *words = cli->command->name != NULL
            ? g_strdup_printf ("%s %s", cli->command->group, cli->command->name)
            : g_strdup (cli->command->group);

          fprintf (stderr, _("Run “toasoan-cli %s --help” for its options.\n"), words);
        }
    }
  g_error_free (error);
  return TOA_EXIT_USAGE;
}

static gboolean
is_group (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].group, word))
      return TRUE;
  return FALSE;
}

static const ToaCliCommand *
find_command (const char *group, const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].group, group)
        && (commands[i].name == NULL || (name != NULL && g_str_equal (commands[i].name, name))))
      return &commands[i];
  return NULL;
}

static void
toa_cli_clear (ToaCli *cli)
{
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->location, g_free);
  g_clear_pointer (&cli->error_detail, json_object_unref);
}

int
toa_cli_run (int argc, char **argv)
{
  ToaCli cli = { 0 };
  const ToaCliCommand *command;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  const char *group;
  int first, status;

  /* Global options, before the command. */
  for (first = 1; first < argc && argv[first][0] == '-'; first++)
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--json"))
        cli.json = TRUE;
      else if (g_str_equal (arg, "--db") && first + 1 < argc)
        {
          g_free (cli.location);
          cli.location = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (cli.location);
          cli.location = g_strdup (arg + strlen ("--db="));
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage (stdout, NULL);
          toa_cli_clear (&cli);
          return TOA_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          toa_cli_print ("toasoan-cli %s\n", PACKAGE_VERSION);
          toa_cli_clear (&cli);
          return TOA_EXIT_OK;
        }
      else
        {
          if (g_str_equal (arg, "--db"))
            toa_cli_usage_error (&error, _("--db needs a path or URI"));
          else
            toa_cli_usage_error (&error, _("Unknown option “%s”"), arg);
          status = fail_usage (&cli, g_steal_pointer (&error), TRUE, NULL);
          toa_cli_clear (&cli);
          return status;
        }
    }

  if (first >= argc)
    {
      toa_cli_usage_error (&error, _("No command given"));
      status = fail_usage (&cli, g_steal_pointer (&error), TRUE, NULL);
      toa_cli_clear (&cli);
      return status;
    }

  group = argv[first];
  if (g_str_equal (group, "help"))
    {
      print_usage (stdout, NULL);
      toa_cli_clear (&cli);
      return TOA_EXIT_OK;
    }
  if (!is_group (group))
    {
      toa_cli_usage_error (&error, _("Unknown command “%s”"), group);
      status = fail_usage (&cli, g_steal_pointer (&error), TRUE, NULL);
      toa_cli_clear (&cli);
      return status;
    }

  command = find_command (group, first + 1 < argc ? argv[first + 1] : NULL);
  if (command == NULL && first + 1 < argc
      && (g_str_equal (argv[first + 1], "--help") || g_str_equal (argv[first + 1], "-h")))
    {
      print_usage (stdout, group);
      toa_cli_clear (&cli);
      return TOA_EXIT_OK;
    }
  if (command == NULL)
    {
      if (first + 1 < argc)
        toa_cli_usage_error (&error, _("Unknown command “%s %s”"), group, argv[first + 1]);
      else
        toa_cli_usage_error (&error, _("“%s” needs a subcommand"), group);
      status = fail_usage (&cli, g_steal_pointer (&error), TRUE, group);
      toa_cli_clear (&cli);
      return status;
    }
  cli.command = command;

  /* The command's own arguments, after its one or two words. */
  first += command->name != NULL ? 2 : 1;
  args = g_new0 (char *, argc - first + 2);
  args[0] = g_strdup ("toasoan-cli");
  for (int i = first; i < argc; i++)
    args[i - first + 1] = g_strdup (argv[i]);

  if (command->func (&cli, args, &error))
    status = TOA_EXIT_OK;
  else if (error != NULL && error->domain == G_OPTION_ERROR)
    status = fail_usage (&cli, g_steal_pointer (&error), FALSE, NULL);
  else
    {
      if (error == NULL)
        g_set_error_literal (&error, TOA_ERROR, TOA_ERROR_IO, _("Unknown error"));
      toa_cli_print_error (&cli, error);
      status = exit_code (error);
    }

  fflush (stdout);
  toa_cli_clear (&cli);
  return status;
}
