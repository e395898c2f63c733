/* toa-inbox-row.h — one inbox item (ToaInboxItem) as a GObject, for the inbox list model. */
#pragma once

#include <glib-object.h>

#include "toa-inbox-types.h"

G_BEGIN_DECLS

#define TOA_TYPE_INBOX_ROW (toa_inbox_row_get_type ())
G_DECLARE_FINAL_TYPE (ToaInboxRow, toa_inbox_row, TOA, INBOX_ROW, GObject)

/* Takes @item. */
ToaInboxRow        *toa_inbox_row_new (ToaInboxItem *item);
const ToaInboxItem *toa_inbox_row_get_item (ToaInboxRow *self);

G_END_DECLS
