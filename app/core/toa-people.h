/* toa-people.h — adding people (người dùng, cộng tác viên) and granting roles, with
 * validation at the boundary and an audit record for each change. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

/* Parses "ROLE" or "ROLE@SITE" (site code; default "portal") into a grant, resolving the
 * site. TOA_ERROR_INVALID naming the bad role code, TOA_ERROR_NOT_FOUND for the site. */
gboolean   toa_people_parse_role (ToaStore *store, const char *spec, ToaRoleGrant *out, GError **error);

/* Adds a person: validates login (letters, digits, . _ -; 2–64), name (NFC, non-empty),
 * hashes @password (may be NULL for a contributor without login), stores person and roles
 * and an audit record in one transaction. @actor_id 0 = the administrator's own CLI.
 * TOA_ERROR_CONFLICT when the login exists. Returns the new person. */
ToaPerson *toa_people_add (ToaStore *store, gint64 actor_id, const char *login, const char *full_name,
                           const char *email, gboolean contributor, const char *contract_no,
                           const GArray *grants, const char *password, GError **error);

/* The login as stored: trimmed, lower case. NULL for invalid UTF-8. */
char      *toa_people_login_key (const char *login);

/* The person acting as @login (the CLI's --as): found by toa_people_login_key, refused with
 * TOA_ERROR_NOT_FOUND when unknown and TOA_ERROR_PERMISSION when the account is inactive.
 * On a store with a signed-in login (PostgreSQL: the connection's own account) @login must
 * be that login, else TOA_ERROR_PERMISSION: on the shared server you act as yourself. */
ToaPerson *toa_people_find_actor (ToaStore *store, const char *login, GError **error);

/* An active person named by @login who is not the one acting (a delegation's delegator or
 * delegate): like toa_people_find_actor without the signed-in check. */
ToaPerson *toa_people_find_active (ToaStore *store, const char *login, GError **error);

/* Settings of the whole board (workflows, the calendar) are changed by its administrator:
 * TRUE when @actor is active and holds "admin" on the portal; else TOA_ERROR_PERMISSION
 * saying that @action (translated, e.g. "change workflows") needs the administrator.
 * A NULL @actor is the program itself (seeding) and is allowed. */
gboolean   toa_people_require_admin (ToaStore *store, const ToaPerson *actor, const char *action,
                                     GError **error);

G_END_DECLS
