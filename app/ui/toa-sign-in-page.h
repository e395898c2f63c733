/* toa-sign-in-page.h — the first page of the window: login and password (đăng nhập). */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_SIGN_IN_PAGE (toa_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (ToaSignInPage, toa_sign_in_page, TOA, SIGN_IN_PAGE, AdwBin)

void       toa_sign_in_page_set_store (ToaSignInPage *self, ToaStore *store);
/* Empties both fields and the message, and focuses the login. */
void       toa_sign_in_page_reset (ToaSignInPage *self);
/* After "signed-in": the person who signed in, with roles; the caller owns it. */
/* Fills in a login (the last one used) and moves the focus to the password. */
void       toa_sign_in_page_set_login (ToaSignInPage *self, const char *login);
ToaPerson *toa_sign_in_page_take_person (ToaSignInPage *self);

G_END_DECLS
