/* main.c — starts the window: locale, translations, the application. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "toa-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr(ToaApplication) app = NULL;
  const char *localedir = g_getenv ("TOA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = toa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
