/* toa-prepublish-group.h — the Settings group "Pre-publish Checks": every check the editor
 * and the publishing transitions run, with its name, whether it blocks, only warns or is off,
 * and the regulation or convention it follows. The administrator changes a check's severity
 * here; everyone else sees the board's rules read-only. The rule and the audit are core's
 * (toa_prepublish_set_severity). */
#pragma once

#include <adwaita.h>

#include "toa-prepublish.h"
#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_PREPUBLISH_GROUP (toa_prepublish_group_get_type ())
G_DECLARE_FINAL_TYPE (ToaPrepublishGroup, toa_prepublish_group, TOA, PREPUBLISH_GROUP, AdwPreferencesGroup)

/* Shows the rules of @store for @person (NULL when signed out: the list empties). */
void         toa_prepublish_group_set_person (ToaPrepublishGroup *self, ToaStore *store, const ToaPerson *person);
/* Reads the rules again. */
void         toa_prepublish_group_refresh (ToaPrepublishGroup *self);

/* For tests: the combo row of check @code (NULL when not listed). Its items are, in order,
 * Block, Warn, Off; choosing one saves it at once (a message tells when it could not be
 * saved, and the row shows the stored severity again). */
AdwComboRow *toa_prepublish_group_get_row (ToaPrepublishGroup *self, const char *code);
/* For tests: the severity a row's position stands for. */
ToaCheckSeverity toa_prepublish_group_severity_at (guint position);

G_END_DECLS
