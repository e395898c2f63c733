/* toa-auth.c — signing in (đăng nhập) with a local account. One answer for every kind of
 * failure, and always one password check, so neither the message nor the time tells
 * whether a login exists. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-auth.h"
#include "toa-people.h"
#include "toa-error.h"
#include "toa-password.h"

static void
set_wrong (GError **error)
{
  g_set_error_literal (error, TOA_ERROR, TOA_ERROR_AUTH,
                       _("Wrong login or password. Check both and try again."));
}

ToaPerson *
toa_auth_sign_in (ToaStore *store, const char *login, const char *password, GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(ToaPerson) person = NULL;
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  key = toa_people_login_key (login);   /* logins are stored trimmed, in lower case */

  if (key != NULL && *key != '\0')
    {
      hash = toa_store_password_hash_get (store, key, &local_error);
      if (local_error != NULL)
        {
          if (!g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          g_clear_error (&local_error);
        }
    }

  /* with no hash this checks a dummy one: the same time either way */
  ok = toa_password_verify (hash, password != NULL ? password : "");
  if (!ok || hash == NULL)
    {
      set_wrong (error);
      return NULL;
    }

  person = toa_store_person_find (store, key, &local_error);
  if (person == NULL)
    {
      if (local_error != NULL && !g_error_matches (local_error, TOA_ERROR, TOA_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_clear_error (&local_error);
      set_wrong (error);
      return NULL;
    }

  if (!person->active)
    {
      set_wrong (error);
      return NULL;
    }

  return g_steal_pointer (&person);
}
