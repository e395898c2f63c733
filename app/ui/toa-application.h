/* toa-application.h — the application: opens the board's database (--db PATH|URI) and
 * the window, or says plainly why it cannot. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOA_TYPE_APPLICATION (toa_application_get_type ())
G_DECLARE_FINAL_TYPE (ToaApplication, toa_application, TOA, APPLICATION, AdwApplication)

ToaApplication *toa_application_new (void);

G_END_DECLS
