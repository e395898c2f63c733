/* toa-settings-rows.h — the rows a Settings group rebuilds on each refresh: removing them,
 * adding one, the row that says what could not be read, and what a group does when a choice
 * made in one of its rows is not saved. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rebuilds a group's rows; called with the group as its only argument. */
typedef void (*ToaSettingsRefresh) (gpointer group);

void toa_settings_rows_clear       (AdwPreferencesGroup *group,
                                    GPtrArray           *rows);
void toa_settings_rows_add         (AdwPreferencesGroup *group,
                                    GPtrArray           *rows,
                                    GtkWidget           *row);
void toa_settings_rows_add_failure (AdwPreferencesGroup *group,
                                    GPtrArray           *rows,
                                    const char          *title,
                                    const char          *message);
void toa_settings_rows_not_saved   (AdwPreferencesGroup *group,
                                    const char          *heading,
                                    const char          *message,
                                    ToaSettingsRefresh   refresh);

G_END_DECLS
