/* toa-i18n.c — where the Vietnamese catalogue is found. */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "toa-i18n.h"

static const char *
locale_dir (void)
{
  const char *env = g_getenv ("TOA_LOCALEDIR");
  g_autofree char *installed = g_build_filename (LOCALEDIR, "vi", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

  if (env != NULL && *env != '\0')
    return env;
  if (!g_file_test (installed, G_FILE_TEST_EXISTS)
      && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

void
toa_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
