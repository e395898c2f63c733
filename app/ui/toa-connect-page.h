/* toa-connect-page.h — "Connect" (Kết nối): where the board's database is — a file on this
 * computer (SQLite) or a PostgreSQL server (host, port, database) — with a connection test;
 * saved in GSettings "database" and used at the next sign-in. Also the small helpers for
 * server addresses the sign-in page and the window use. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* TRUE when @location is a PostgreSQL address without an account in it
 * ("postgresql://HOST:PORT/DB"): each person then signs in with their own server account. */
gboolean    toa_connect_is_server (const char *location);
/* @server with @user and @password put in, each percent-encoded. Free it with
 * toa_connect_free_secret (it holds a password). */
char       *toa_connect_with_account (const char *server, const char *user, const char *password);
/* Overwrites @secret, then frees it. */
void        toa_connect_free_secret (char *secret);
/* "HOST:PORT" of a PostgreSQL address (for messages). */
char       *toa_connect_server_address (const char *location);
/* "HOST:PORT, database DB" of a PostgreSQL address. */
char       *toa_connect_server_place (const char *location);
/* What a person reads: "PostgreSQL server HOST:PORT, database DB" or "File on this computer: PATH". */
char       *toa_connect_describe (const char *location);
/* "postgresql://HOST:PORT/DB", or NULL with @error when a field is not valid. */
char       *toa_connect_server_location (const char *host, const char *port, const char *dbname,
                                         GError **error);

#define TOA_TYPE_CONNECT_PAGE (toa_connect_page_get_type ())
G_DECLARE_FINAL_TYPE (ToaConnectPage, toa_connect_page, TOA, CONNECT_PAGE, AdwWindow)

/* A modal window over @parent showing @location (NULL: nothing chosen yet).
 * Signal "saved" (const char *location): after Save wrote it to GSettings. */
ToaConnectPage *toa_connect_page_new (GtkWindow *parent, const char *location);

/* For tests and the window: the same as typing into the rows / choosing the option. */
void        toa_connect_page_choose_server (ToaConnectPage *self, const char *host, const char *port,
                                            const char *dbname);
void        toa_connect_page_choose_file (ToaConnectPage *self, const char *path);
GtkWidget  *toa_connect_page_get_test_button (ToaConnectPage *self);
GtkWidget  *toa_connect_page_get_save_button (ToaConnectPage *self);
/* The result of the last test (or the reason Save refused), "" when none. */
const char *toa_connect_page_get_status (ToaConnectPage *self);
/* TRUE while a connection test runs. */
gboolean    toa_connect_page_get_testing (ToaConnectPage *self);

G_END_DECLS
