/* toa-inbox-row.c — see toa-inbox-row.h. */
#include "toa-inbox-row.h"

struct _ToaInboxRow {
  GObject       parent_instance;
  ToaInboxItem *item;
};

G_DEFINE_FINAL_TYPE (ToaInboxRow, toa_inbox_row, G_TYPE_OBJECT)

static void
toa_inbox_row_finalize (GObject *object)
{
  g_clear_pointer (&TOA_INBOX_ROW (object)->item, toa_inbox_item_free);
  G_OBJECT_CLASS (toa_inbox_row_parent_class)->finalize (object);
}

static void
toa_inbox_row_class_init (ToaInboxRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = toa_inbox_row_finalize;
}

static void
toa_inbox_row_init (ToaInboxRow *self)
{
}

ToaInboxRow *
toa_inbox_row_new (ToaInboxItem *item)
{
  ToaInboxRow *self = g_object_new (TOA_TYPE_INBOX_ROW, NULL);

  self->item = item;
  return self;
}

const ToaInboxItem *
toa_inbox_row_get_item (ToaInboxRow *self)
{
  g_return_val_if_fail (TOA_IS_INBOX_ROW (self), NULL);
  return self->item;
}
