/* toa-pg-board.h — the setup the PostgreSQL store tests share: a new database on the test
 * server, a store on it, and a small board (the portal's section, one person per role).
 * Failures abort the test. */
#pragma once

#include "toa-pg-store.h"
#include "toa-pg-test-server.h"

G_BEGIN_DECLS

/* toa_pg_store_open (@url, @flags), which must succeed. */
ToaStore *toa_pg_board_open (const char *url, ToaOpenFlags flags);

/* Creates the database "<@prefix>_<n>" on @server (n counts from 1 in this process) and sets
 * @dbname and @url (both owned by the caller). */
void      toa_pg_board_new_db (ToaPgTestServer *server, const char *prefix, char **dbname, char **url);

/* toa_board_init on @store and the portal's section "tin-tuc-su-kien" (Tin tức - Sự kiện). */
void      toa_pg_board_portal (ToaStore *store);

/* Adds one person per role of @roles (@n_roles of them): login "r-<role>", name
 * "Người <role>", that one role. */
void      toa_pg_board_people (ToaStore *store, const char *const *roles, guint n_roles);

G_END_DECLS
