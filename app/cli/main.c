/* main.c — toasoan-cli: the board's work without a display (scripts, scheduled reports,
 * tests). Everything happens in toa_cli_run (). */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "toa-cli.h"

/* The installed translations, or the build tree's when running uninstalled. */
static const char *
locale_dir (void)
{
  g_autofree char *installed = g_build_filename (LOCALEDIR, "vi", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

  if (g_getenv ("TOA_LOCALEDIR") != NULL)
    return g_getenv ("TOA_LOCALEDIR");
  if (!g_file_test (installed, G_FILE_TEST_EXISTS)
      && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("toasoan-cli");

  return toa_cli_run (argc, argv);
}
