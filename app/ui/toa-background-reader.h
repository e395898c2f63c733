/* toa-background-reader.h — reads for the window off the main thread: a second connection of
 * its own, opened lazily in a worker on the window store's location (store objects are never
 * shared between threads), jobs run on it one at a time, each result delivered on the main
 * thread. In a "lane" only the newest request is delivered (older ones are skipped, or dropped
 * when they come back); cancelling drops everything in flight. Without a location the jobs run
 * at once on the main thread with the window's own store (as before there was a reader). */
#pragma once

#include <gio/gio.h>

#include "toa-store.h"

G_BEGIN_DECLS

#define TOA_TYPE_BACKGROUND_READER (toa_background_reader_get_type ())
G_DECLARE_FINAL_TYPE (ToaBackgroundReader, toa_background_reader, TOA, BACKGROUND_READER, GObject)

/* In the worker (or on the main thread without a location): reads with @store into @job.
 * FALSE with @error on failure. */
typedef gboolean (*ToaBackgroundJobFunc)  (ToaStore *store, gpointer job, GCancellable *cancellable,
                                           GError **error);
/* On the main thread, unless the job was cancelled or a newer one in its lane was asked for:
 * what it read (@error NULL) or why it failed. */
typedef void     (*ToaBackgroundDoneFunc) (gpointer owner, gpointer job, const GError *error);
/* Opens the worker's connection (tests put a slow store here). */
typedef ToaStore *(*ToaBackgroundOpenFunc) (const char *location, gpointer data, GError **error);

/* A reader for @store's window: its connection is opened on @location (may hold a password;
 * kept until the reader is finalized, then wiped). @location NULL: jobs run on @store on the
 * main thread. */
ToaBackgroundReader *toa_background_reader_new (ToaStore *store, const char *location);
/* Where a second connection to @store can be opened: @given if set, else an SQLite store's
 * file, else NULL (nowhere: read on the main thread). */
const char          *toa_background_reader_location_for (ToaStore *store, const char *given);
/* How the worker's connection is opened (default: toa_store_open on the location). */
void                 toa_background_reader_set_opener (ToaBackgroundReader *self, ToaBackgroundOpenFunc open,
                                                       gpointer data);
/* Whether jobs run in a worker (a location was given). */
gboolean             toa_background_reader_is_threaded (ToaBackgroundReader *self);

/* Runs @run with @job in the worker, then @done on the main thread (at once, before this
 * returns, without a location). @lane: jobs in the same lane supersede earlier ones (NULL: none).
 * @cancellable (may be NULL): the owner's, for dropping only its jobs. @free_job frees @job. */
void                 toa_background_reader_run (ToaBackgroundReader *self, const char *lane,
                                                ToaBackgroundJobFunc run, ToaBackgroundDoneFunc done,
                                                gpointer owner, GCancellable *cancellable,
                                                gpointer job, GDestroyNotify free_job);
/* A person's change (a save, an action, a comment): like run, without a lane or cancellable,
 * and never dropped — cancel leaves it alone, and @done is always called (the owner must stay
 * alive until then: hold a reference in @job). Writes share the connection with the reads:
 * one job at a time, in no promised order (an owner waits for its write before the next one);
 * not counted in "pending". */
void                 toa_background_reader_write (ToaBackgroundReader *self, ToaBackgroundJobFunc run,
                                                  ToaBackgroundDoneFunc done, gpointer owner,
                                                  gpointer job, GDestroyNotify free_job);
/* Writes asked for and not yet delivered. */
guint                toa_background_reader_get_writing (ToaBackgroundReader *self);
/* Drops every job in flight: none of their @done is called. Later jobs run as usual. */
void                 toa_background_reader_cancel (ToaBackgroundReader *self);
/* Jobs asked for and not yet delivered, dropped or superseded ("pending" is notified). */
guint                toa_background_reader_get_pending (ToaBackgroundReader *self);
/* For tests: iterates the main context until nothing is pending. */
void                 toa_background_reader_wait_idle (ToaBackgroundReader *self);

G_END_DECLS
