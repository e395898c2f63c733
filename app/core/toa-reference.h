/* toa-reference.h — adding the board's reference records: component sites (trang thành
 * phần), sections (chuyên mục) and providing units (đơn vị cung cấp). Each is validated,
 * stored and audited in one transaction; the window, the CLI and the demo all come here. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

/* A code names a record in commands (ROLE@SITE, --section): lowercase ASCII letters, digits
 * and "-", not starting with "-". TOA_ERROR_INVALID naming @field otherwise. */
gboolean toa_reference_check_code (const char *code, const char *field, GError **error);

/* Adds @site (code, name, optional url; kind "component" when unset) and fills its id.
 * TOA_ERROR_CONFLICT when the code exists. @actor_id 0 = the administrator's own CLI. */
gboolean toa_reference_add_site (ToaStore *store, gint64 actor_id, ToaSite *site, GError **error);

/* Adds @section to the site @section->site_id; position 0 = after the site's last section. */
gboolean toa_reference_add_section (ToaStore *store, gint64 actor_id, ToaSection *section,
                                    GError **error);

/* Adds a providing unit (code, name) and fills its id. */
gboolean toa_reference_add_unit (ToaStore *store, gint64 actor_id, ToaUnit *unit, GError **error);

G_END_DECLS
