/* main.c — starts the window: locale, translations, the application. */
#include "toa-application.h"
#include "toa-i18n.h"

int
main (int argc, char *argv[])
{
  g_autoptr(ToaApplication) app = NULL;

  toa_i18n_init ();
  app = toa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
