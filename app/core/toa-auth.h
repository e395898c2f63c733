/* toa-auth.h — signing in (đăng nhập) with a local account. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

/* Checks @login and @password. On success returns the person with their roles. On failure
 * TOA_ERROR_AUTH "Wrong login or password" — the same message, and about the same time,
 * whether or not the login exists. An inactive person gets TOA_ERROR_AUTH too. */
ToaPerson *toa_auth_sign_in (ToaStore *store, const char *login, const char *password, GError **error);

G_END_DECLS
