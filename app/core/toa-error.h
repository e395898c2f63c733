/* toa-error.h — the one error domain of the core layer and its exit codes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOA_ERROR (toa_error_quark ())

/* Each code maps to one documented exit code of toasoan-cli (toa_error_exit_code). */
typedef enum {
  TOA_ERROR_INVALID = 1,   /* invalid input (bad UTF-8, missing field, wrong date) — exit 2 */
  TOA_ERROR_NOT_FOUND,     /* no such record                                        — exit 2 */
  TOA_ERROR_PERMISSION,    /* the person lacks the right                            — exit 3 */
  TOA_ERROR_AUTH,          /* wrong login or password (never says which)            — exit 3 */
  TOA_ERROR_CONFLICT,      /* someone else changed it first; duplicate              — exit 4 */
  TOA_ERROR_IO,            /* file unreadable, server unreachable                   — exit 5 */
  TOA_ERROR_DB_LOCKED,     /* database busy beyond the timeout                      — exit 5 */
  TOA_ERROR_DB_CORRUPT,    /* not a database, or damaged                            — exit 5 */
  TOA_ERROR_DB_NEWER,      /* written by a newer version of Tòa soạn                — exit 5 */
  TOA_ERROR_DB_FOREIGN,    /* an SQLite file that is not a Tòa soạn database        — exit 5 */
} ToaError;

/* Exit codes of toasoan-cli (README "Exit codes"). */
enum {
  TOA_EXIT_OK = 0,
  TOA_EXIT_USAGE = 1,
  TOA_EXIT_INVALID = 2,
  TOA_EXIT_PERMISSION = 3,
  TOA_EXIT_CONFLICT = 4,
  TOA_EXIT_IO = 5,
};

GQuark toa_error_quark (void);
int    toa_error_exit_code (const GError *error);

G_END_DECLS
