/* main.c — toasoan-cli: the board's work without a display (scripts, scheduled reports,
 * tests). Everything happens in toa_cli_run (). */
#include "toa-cli.h"
#include "toa-i18n.h"

int
main (int argc, char **argv)
{
  toa_i18n_init ();
  g_set_prgname ("toasoan-cli");

  return toa_cli_run (argc, argv);
}
