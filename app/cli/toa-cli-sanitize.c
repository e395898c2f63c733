/* toa-cli-sanitize.c — `toasoan-cli sanitize [--mode paste|import|publish] [--report]`:
 * HTML on standard input, clean HTML on standard output (toa-sanitize.h). With --json the
 * HTML and the counts of what was dropped; with --report the counts on standard error. */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "toa-cli.h"
#include "toa-cli-output.h"
#include "toa-error.h"
#include "toa-sanitize.h"

static gboolean
parse_mode (const char *text, ToaSanitizeMode *out, GError **error)
{
  if (text == NULL || g_str_equal (text, "import"))
    *out = TOA_SANITIZE_IMPORT;
  else if (g_str_equal (text, "paste"))
    *out = TOA_SANITIZE_PASTE;
  else if (g_str_equal (text, "publish"))
    *out = TOA_SANITIZE_PUBLISH;
  else
    {
      toa_cli_usage_error (error, _("Unknown mode “%s”: use paste, import or publish"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
toa_cli_sanitize (ToaCli *cli, char **args, GError **error)
{
  g_autofree char *mode_text = NULL;
  gboolean show_report = FALSE;
  const GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_text,
      N_("paste (from Word, LibreOffice, browsers), import (default) or publish"), "MODE" },
    { "report", 0, 0, G_OPTION_ARG_NONE, &show_report,
      N_("print what was dropped on standard error"), NULL },
    { NULL }
  };
  ToaSanitizeMode mode;
  ToaSanitizeReport report;
  g_autoptr(GBytes) input = NULL;
  g_autofree char *clean = NULL;
  gsize length;
  const char *data;

  if (!toa_cli_parse (cli, entries, args, 0, 0, error)
      || !parse_mode (mode_text, &mode, error)
      || !(input = toa_cli_read_body ("-", error)))
    return FALSE;

  data = g_bytes_get_data (input, &length);
  clean = toa_sanitize_html (length > 0 ? data : "", (gssize) length, mode, &report);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "html");
      json_builder_add_string_value (builder, clean);
      json_builder_set_member_name (builder, "elements_removed");
      json_builder_add_int_value (builder, report.elements_removed);
      json_builder_set_member_name (builder, "elements_unwrapped");
      json_builder_add_int_value (builder, report.elements_unwrapped);
      json_builder_set_member_name (builder, "attributes_removed");
      json_builder_add_int_value (builder, report.attributes_removed);
      json_builder_set_member_name (builder, "urls_removed");
      json_builder_add_int_value (builder, report.urls_removed);
      json_builder_set_member_name (builder, "images_removed");
      json_builder_add_int_value (builder, report.images_removed);
      json_builder_end_object (builder);
      toa_cli_print_json (json_builder_get_root (builder));
      return TRUE;
    }

  fputs (clean, stdout);
  if (*clean != '\0' && !g_str_has_suffix (clean, "\n"))
    fputc ('\n', stdout);
  if (show_report)
    g_printerr (_("Dropped: %u elements, %u attributes, %u links or sources, %u images; unwrapped %u elements\n"),
                report.elements_removed, report.attributes_removed, report.urls_removed,
                report.images_removed, report.elements_unwrapped);
  return TRUE;
}
