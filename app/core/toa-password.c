/* toa-password.c — local account passwords (mật khẩu): argon2id through libsodium.
 * Passwords are compared in NFC, so the same word typed with another input method
 * (precomposed or combining tone marks) still signs in. */
#include "config.h"

#include <string.h>
#include <sodium.h>
#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-password.h"

#define MIN_PASSWORD_CHARS 8

static gpointer
init_sodium (gpointer data)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
  return GINT_TO_POINTER (1);
}

static void
ensure_sodium (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_sodium, NULL);
}

/* The password as NFC when it is UTF-8, else the bytes as given. */
static char *
password_bytes (const char *password)
{
  char *nfc = NULL;

  if (g_utf8_validate (password, -1, NULL))
    nfc = g_utf8_normalize (password, -1, G_NORMALIZE_NFC);
  return nfc != NULL ? nfc : g_strdup (password);
}

static void
wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, strlen (secret));
  g_free (secret);
}

static char *
hash_bytes (const char *secret, GError **error)
{
  char encoded[crypto_pwhash_STRBYTES];

  if (crypto_pwhash_str_alg (encoded, secret, strlen (secret),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_IO,
                           _("Not enough memory to protect the password. Close other programs and try again."));
      return NULL;
    }
  return g_strdup (encoded);
}

char *
toa_password_hash (const char *password, GError **error)
{
  char *secret;
  char *hash;

  ensure_sodium ();

  if (password == NULL || !g_utf8_validate (password, -1, NULL)
      || g_utf8_strlen (password, -1) < MIN_PASSWORD_CHARS)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The password is too short. Use at least %d characters."),
                   MIN_PASSWORD_CHARS);
      return NULL;
    }

  secret = password_bytes (password);
  hash = hash_bytes (secret, error);
  wipe_free (secret);
  return hash;
}

/* A hash of a password nobody knows, made once, so that checking a login that does not
 * exist costs the same time as checking one that does. */
static gpointer
make_dummy_hash (gpointer data)
{
  char random[33];
  guint8 bytes[16];

  randombytes_buf (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    g_snprintf (random + 2 * i, 3, "%02x", bytes[i]);
  return hash_bytes (random, NULL);
}

gboolean
toa_password_verify (const char *hash, const char *password)
{
  static GOnce once = G_ONCE_INIT;
  const char *dummy;
  char *secret;
  gboolean ok;

  ensure_sodium ();
  dummy = g_once (&once, make_dummy_hash, NULL);

  secret = password_bytes (password != NULL ? password : "");
  if (hash == NULL || strlen (hash) >= crypto_pwhash_STRBYTES)
    {
      /* the result is ignored on purpose: only the time spent matters */
      volatile int spent = dummy != NULL ? crypto_pwhash_str_verify (dummy, secret, strlen (secret)) : -1;

      (void) spent;
      ok = FALSE;
    }
  else
    ok = crypto_pwhash_str_verify (hash, secret, strlen (secret)) == 0;
  wipe_free (secret);
  return ok;
}
