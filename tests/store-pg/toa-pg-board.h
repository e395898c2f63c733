/* toa-pg-board.h — the setup the PostgreSQL store tests share: a new database on the test
 * server, a store on it, and a small board (the portal's section, a component site, one person
 * per role), and the audit chain's check at the end. Failures abort the test. */
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

/* Creates the database @db on @server, opens the owner's store on it (TOA_OPEN_CREATE) and
 * sets up the portal as toa_pg_board_portal does; returns the store. */
ToaStore *toa_pg_board_create (ToaPgTestServer *server, const char *db);

/* The id of the site @code on @store. */
gint64    toa_pg_board_site_id (ToaStore *store, const char *code);

/* Adds the component site @code (@name) and, when @section_code is not NULL, its section
 * @section_code (@section_name). */
void      toa_pg_board_component (ToaStore *store, const char *code, const char *name,
                                  const char *section_code, const char *section_name);

/* The audit chain of @store verifies: at least one record, none bad. */
void      toa_pg_board_assert_chain (ToaStore *store);

/* The day @plus days after today in Vietnam (UTC+7), YYYY-MM-DD. */
char     *toa_pg_board_vn_day (int plus);

G_END_DECLS
