/* toa-error.c — error domain and exit-code mapping. */
#include "toa-error.h"

G_DEFINE_QUARK (toa-error-quark, toa_error)

int
toa_error_exit_code (const GError *error)
{
  if (error == NULL)
    return TOA_EXIT_OK;
  if (error->domain != TOA_ERROR)
    return TOA_EXIT_IO;

  switch ((ToaError) error->code)
    {
    case TOA_ERROR_INVALID:
    case TOA_ERROR_NOT_FOUND:
      return TOA_EXIT_INVALID;
    case TOA_ERROR_PERMISSION:
    case TOA_ERROR_AUTH:
      return TOA_EXIT_PERMISSION;
    case TOA_ERROR_CONFLICT:
      return TOA_EXIT_CONFLICT;
    case TOA_ERROR_IO:
    case TOA_ERROR_DB_LOCKED:
    case TOA_ERROR_DB_CORRUPT:
    case TOA_ERROR_DB_NEWER:
    case TOA_ERROR_DB_FOREIGN:
    default:
      return TOA_EXIT_IO;
    }
}
