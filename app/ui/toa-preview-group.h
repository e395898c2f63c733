/* toa-preview-group.h — the Settings group "Preview": for each site, the template its
 * articles are previewed (and exported, printed) with. The administrator chooses; everyone
 * else sees the choice. The rule and the audit are core's (toa_preview_set_template). */
#pragma once

#include <adwaita.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_PREVIEW_GROUP (toa_preview_group_get_type ())
G_DECLARE_FINAL_TYPE (ToaPreviewGroup, toa_preview_group, TOA, PREVIEW_GROUP, AdwPreferencesGroup)

/* Shows the sites of @store for @person (NULL when signed out: the list empties). */
void          toa_preview_group_set_person (ToaPreviewGroup *self, ToaStore *store, const ToaPerson *person);
void          toa_preview_group_refresh (ToaPreviewGroup *self);

/* For tests: the combo row of site @site_code (NULL when not listed). Choosing an item in
 * it saves the choice at once (a message tells when it could not be saved). */
AdwComboRow  *toa_preview_group_get_row (ToaPreviewGroup *self, const char *site_code);

G_END_DECLS
