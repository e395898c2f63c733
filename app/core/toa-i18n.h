/* toa-i18n.h — locale and translations for both programs (the window and the CLI). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* setlocale + bindtextdomain: $TOA_LOCALEDIR when set, else the installed catalogues, else
 * the build tree's (running uninstalled). */
void toa_i18n_init (void);

G_END_DECLS
