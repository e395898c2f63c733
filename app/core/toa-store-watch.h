/* toa-store-watch.h — live changes of a shared database (issue 4): a store that can tell
 * its desks what other desks changed (PostgreSQL LISTEN/NOTIFY) hands out a ToaStoreWatch,
 * which emits "changed" on the main context with what changed. Stores that cannot (the
 * SQLite file) have none; the window polls them instead. GLib only: the UI never sees
 * libpq or the store's headers. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What changed. Kinds: "article" (inserted, or its state, version or deadline changed),
 * "transition" (a step taken), "request" (an approval request asked or decided), "comment",
 * and "resync" (the watch reconnected: changes may have been missed, read everything). */
typedef struct {
  char   *kind;
  gint64  article_id;   /* 0 for "resync" */
  gint64  site_id;      /* 0 when unknown */
  char   *state;        /* the article's state after the change, or NULL */
  char   *from_state;   /* its state before, or NULL */
  gint64  version;      /* the article's version after the change, or 0 */
  gint64  person_id;    /* who: the actor, requester or commenter, or 0 */
} ToaStoreChange;

#define TOA_TYPE_STORE_CHANGE (toa_store_change_get_type ())
GType           toa_store_change_get_type (void) G_GNUC_CONST;
ToaStoreChange *toa_store_change_new (const char *kind);
ToaStoreChange *toa_store_change_copy (const ToaStoreChange *change);
void            toa_store_change_free (ToaStoreChange *change);
/* Parses the JSON payload of a notification ({"kind":…,"article":…,"site":…,"state":…,
 * "from":…,"version":…,"person":…}); NULL when it is not one. */
ToaStoreChange *toa_store_change_parse (const char *json);
/* TRUE for "resync" (everything may have changed). */
gboolean        toa_store_change_is_resync (const ToaStoreChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ToaStoreChange, toa_store_change_free)

#define TOA_TYPE_STORE_WATCH (toa_store_watch_get_type ())
G_DECLARE_DERIVABLE_TYPE (ToaStoreWatch, toa_store_watch, TOA, STORE_WATCH, GObject)

/* Signal "changed" (const ToaStoreChange *change): emitted on the main context of the thread
 * that made the watch, once per change committed by anyone (this desk too). */
struct _ToaStoreWatchClass {
  GObjectClass parent_class;
};

/* How long a reader of a list (an inbox) waits after the first change it hears before it
 * reads again, so that the changes heard meanwhile are read in one go: at most one re-read
 * per this many ms, instead of one per change (20 busy desks send hundreds a second). Well
 * under the 1 s an inbox update may take to reach the recipient (issue 4, point 6). The
 * Inbox page (toa-inbox-page.c) and the desks benchmark (tests/bench/toa-bench-desks.c)
 * follow it. */
#define TOA_STORE_WATCH_COALESCE_MS 250

/* For the backends: emits "changed". */
void toa_store_watch_emit (ToaStoreWatch *self, const ToaStoreChange *change);

G_END_DECLS
