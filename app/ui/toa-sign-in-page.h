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
/* A shared PostgreSQL server (an address without an account; NULL: the store's own people
 * and passwords): the login and password are then the person's server account, and signing
 * in opens the person's own connection. */
void       toa_sign_in_page_set_server (ToaSignInPage *self, const char *server);
/* After "signed-in" on a server: the person's connection; the caller owns it. */
ToaStore  *toa_sign_in_page_take_connection (ToaSignInPage *self);
/* …and where it was opened, with the person's account (for a second connection of the same
 * person, e.g. the Inbox page's background reads); free with toa_connect_free_secret. */
char      *toa_sign_in_page_take_connection_url (ToaSignInPage *self);
/* TRUE while signing in on the server (in a worker thread). */
gboolean   toa_sign_in_page_get_busy (ToaSignInPage *self);
/* The message shown under the fields, or NULL when none. */
const char *toa_sign_in_page_get_message (ToaSignInPage *self);

G_END_DECLS
