/* toa-sqlite-files.h — the SQLite backend's stored files and item attachments
 * (010-attachments.sql): installs them in the ToaStore interface table. Not installed. */
#pragma once

#include "toa-store.h"

G_BEGIN_DECLS

void toa_sqlite_files_iface_init (ToaStoreInterface *iface);
/* toa-sqlite-images.c: images in articles (013-images.sql). */
void toa_sqlite_images_iface_init (ToaStoreInterface *iface);

G_END_DECLS
