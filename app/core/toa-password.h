/* toa-password.h — local account passwords (mật khẩu), hashed with argon2id (libsodium). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the encoded argon2id hash ("$argon2id$v=19$…"), or NULL with TOA_ERROR_INVALID when
 * the password is empty or shorter than 8 characters, or TOA_ERROR_IO when out of memory. */
char    *toa_password_hash (const char *password, GError **error);
/* TRUE when @password matches @hash. A NULL @hash still spends the time of one check. */
gboolean toa_password_verify (const char *hash, const char *password);

G_END_DECLS
