/* toa-background-reader.c — a second connection read in worker threads, results delivered on
 * the main thread (see the header). The connection is opened by the first job that needs it
 * and kept for the reader's life; a mutex lets one job use it at a time. */
#include "config.h"

#include "toa-background-reader.h"
#include "toa-connect-page.h"
#include "toa-sqlite-store.h"
#include "toa-store-open.h"

struct _ToaBackgroundReader {
  GObject                parent_instance;

  ToaStore              *main_store;  /* the window's (main thread only) */
  char                  *location;    /* may hold a password: wiped when finalized */
  ToaBackgroundOpenFunc  open;
  gpointer               open_data;

  GMutex                 lock;        /* guards @store, used by one worker at a time */
  ToaStore              *store;       /* the worker's connection, opened lazily */

  /* main thread only */
  guint                  epoch;       /* bumped by cancel: older jobs are dropped */
  guint                  pending;
  guint                  writing;     /* writes in flight: never dropped, not in @pending */
  GHashTable            *lanes;       /* lane name → the newest Job asked for in it */
};

enum { PROP_0, PROP_PENDING, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ToaBackgroundReader, toa_background_reader, G_TYPE_OBJECT)

typedef struct {
  gatomicrefcount        ref;
  ToaBackgroundReader   *reader;      /* a reference, for as long as the job lives */
  char                  *lane;
  ToaBackgroundJobFunc   run;
  ToaBackgroundDoneFunc  done;
  gpointer               owner;
  GCancellable          *cancellable; /* the owner's, or NULL */
  gpointer               data;
  GDestroyNotify         free_data;
  guint                  epoch;
  gint                   superseded;  /* atomic: a newer job in the lane was asked for */
  gboolean               write;       /* a person's change: always run and delivered */
  GError                *error;
} Job;

static void
job_unref (Job *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  if (job->free_data != NULL && job->data != NULL)
    job->free_data (job->data);
  g_clear_error (&job->error);
  g_clear_object (&job->cancellable);
  g_free (job->lane);
  g_clear_object (&job->reader);
  g_free (job);
}

static gboolean
job_dropped (Job *job)
{
  return g_atomic_int_get (&job->superseded)
         || (job->cancellable != NULL && g_cancellable_is_cancelled (job->cancellable));
}

static void
set_pending (ToaBackgroundReader *self, guint pending)
{
  if (self->pending == pending)
    return;
  self->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static ToaStore *
open_default (const char *location, gpointer data, GError **error)
{
  return toa_store_open (location, TOA_OPEN_EXISTING, error);
}

/* In a worker: waits for the connection, skips a job nobody wants any more, runs it. */
static void
job_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  ToaBackgroundReader *self = job->reader;
  GError *error = NULL;

  g_mutex_lock (&self->lock);
  if (!job_dropped (job))
    {
      if (self->store == NULL)
        self->store = self->open (self->location, self->open_data, &error);
      if (self->store != NULL)
        job->run (self->store, job->data, job->cancellable, &error);
    }
  g_mutex_unlock (&self->lock);
  job->error = error;
  g_task_return_boolean (task, TRUE);
}

/* On the main thread: the job's result, unless it was dropped meanwhile. */
static void
deliver (Job *job)
{
  ToaBackgroundReader *self = job->reader;

  if (job->write)
    {
      self->writing--;
      job->done (job->owner, job->data, job->error);
      return;
    }
  if (job->epoch != self->epoch)
    return;   /* cancelled: already counted out */
  set_pending (self, self->pending > 0 ? self->pending - 1 : 0);
  if (job->lane != NULL && g_hash_table_lookup (self->lanes, job->lane) == job)
    g_hash_table_remove (self->lanes, job->lane);
  if (job_dropped (job))
    return;
  job->done (job->owner, job->data, job->error);
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  deliver (job);
}

static void
run_job (ToaBackgroundReader *self, const char *lane, ToaBackgroundJobFunc run,
         ToaBackgroundDoneFunc done, gpointer owner, GCancellable *cancellable,
         gpointer data, GDestroyNotify free_data, gboolean write)
{
  Job *job;

  g_return_if_fail (TOA_IS_BACKGROUND_READER (self));
  g_return_if_fail (run != NULL && done != NULL);

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref);
  job->reader = g_object_ref (self);
  job->lane = g_strdup (lane);
  job->run = run;
  job->done = done;
  job->owner = owner;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->data = data;
  job->free_data = free_data;
  job->epoch = self->epoch;
  job->write = write;

  if (self->location == NULL)
    {
      /* nowhere to open a second connection: on the main thread, as before */
      GError *error = NULL;

      run (self->main_store, data, cancellable, &error);
      job->error = error;
      if (!job_dropped (job))
        done (owner, data, error);
      job_unref (job);
      return;
    }

  if (lane != NULL)
    {
      Job *older = g_hash_table_lookup (self->lanes, lane);

      if (older != NULL)
        g_atomic_int_set (&older->superseded, TRUE);
      g_hash_table_insert (self->lanes, g_strdup (lane), job);   /* not owned: removed on delivery */
    }
  if (write)
    self->writing++;
  else
    set_pending (self, self->pending + 1);
  {
    g_autoptr(GTask) task = g_task_new (NULL, NULL, on_job_done, NULL);

    g_task_set_source_tag (task, toa_background_reader_run);
    g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
    g_task_run_in_thread (task, job_thread);
  }
}

void
toa_background_reader_run (ToaBackgroundReader *self, const char *lane, ToaBackgroundJobFunc run,
                           ToaBackgroundDoneFunc done, gpointer owner, GCancellable *cancellable,
                           gpointer data, GDestroyNotify free_data)
{
  run_job (self, lane, run, done, owner, cancellable, data, free_data, FALSE);
}

void
toa_background_reader_write (ToaBackgroundReader *self, ToaBackgroundJobFunc run,
                             ToaBackgroundDoneFunc done, gpointer owner, gpointer data,
                             GDestroyNotify free_data)
{
  run_job (self, NULL, run, done, owner, NULL, data, free_data, TRUE);
}

guint
toa_background_reader_get_writing (ToaBackgroundReader *self)
{
  g_return_val_if_fail (TOA_IS_BACKGROUND_READER (self), 0);
  return self->writing;
}

void
toa_background_reader_cancel (ToaBackgroundReader *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (TOA_IS_BACKGROUND_READER (self));
  self->epoch++;
  g_hash_table_iter_init (&iter, self->lanes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_atomic_int_set (&((Job *) value)->superseded, TRUE);   /* those not started are skipped */
  g_hash_table_remove_all (self->lanes);
  set_pending (self, 0);
}

guint
toa_background_reader_get_pending (ToaBackgroundReader *self)
{
  g_return_val_if_fail (TOA_IS_BACKGROUND_READER (self), 0);
  return self->pending;
}

void
toa_background_reader_wait_idle (ToaBackgroundReader *self)
{
  g_return_if_fail (TOA_IS_BACKGROUND_READER (self));
  while (self->pending > 0 || self->writing > 0)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
toa_background_reader_is_threaded (ToaBackgroundReader *self)
{
  g_return_val_if_fail (TOA_IS_BACKGROUND_READER (self), FALSE);
  return self->location != NULL;
}

void
toa_background_reader_set_opener (ToaBackgroundReader *self, ToaBackgroundOpenFunc open, gpointer data)
{
  g_return_if_fail (TOA_IS_BACKGROUND_READER (self));
  self->open = open != NULL ? open : open_default;
  self->open_data = data;
}

const char *
toa_background_reader_location_for (ToaStore *store, const char *given)
{
  if (given != NULL)
    return given;
  if (store != NULL && TOA_IS_SQLITE_STORE (store))
    return toa_store_describe (store);
  return NULL;
}

static void
toa_background_reader_finalize (GObject *object)
{
  ToaBackgroundReader *self = TOA_BACKGROUND_READER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->main_store);
  g_clear_pointer (&self->location, toa_connect_free_secret);
  g_clear_pointer (&self->lanes, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (toa_background_reader_parent_class)->finalize (object);
}

static void
toa_background_reader_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_uint (value, TOA_BACKGROUND_READER (object)->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
toa_background_reader_class_init (ToaBackgroundReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = toa_background_reader_finalize;
  object_class->get_property = toa_background_reader_get_property;
  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
toa_background_reader_init (ToaBackgroundReader *self)
{
  g_mutex_init (&self->lock);
  self->open = open_default;
  self->lanes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ToaBackgroundReader *
toa_background_reader_new (ToaStore *store, const char *location)
{
  ToaBackgroundReader *self;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  self = g_object_new (TOA_TYPE_BACKGROUND_READER, NULL);
  self->main_store = g_object_ref (store);
  self->location = g_strdup (location);
  return self;
}
