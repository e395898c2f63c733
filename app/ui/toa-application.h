/* toa-application.h — the application: opens the board's database (--db PATH|URI) and
 * the window, or says plainly why it cannot. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOA_TYPE_APPLICATION (toa_application_get_type ())
G_DECLARE_FINAL_TYPE (ToaApplication, toa_application, TOA, APPLICATION, AdwApplication)

ToaApplication *toa_application_new (void);

/* The window's settings (io.github.toasoan.ToaSoan), or NULL when the schema is not
 * installed (running a bare binary): then nothing is remembered, nothing fails. */
GSettings      *toa_application_settings (void);

G_END_DECLS
