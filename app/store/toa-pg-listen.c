/* toa-pg-listen.c — LISTEN toa_changes on a connection of its own, read on the main context;
 * quiet non-blocking reconnects (toa-pg-listen.h). */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-listen.h"
#include "toa-pg-private.h"

#define RETRY_FIRST_MS 250
#define RETRY_MAX_MS   5000

typedef enum {
  STATE_DOWN,         /* no connection; a retry is scheduled */
  STATE_CONNECTING,   /* PQconnectPoll under way */
  STATE_LISTENING,    /* LISTEN sent (answered when !listen_pending) */
} State;

struct _ToaPgListen {
  ToaStoreWatch  parent_instance;

  GPtrArray     *keywords;       /* char*, NULL-terminated, for PQconnect*Params */
  GPtrArray     *values;
  GMainContext  *context;
  PGconn        *conn;
  State          state;
  gboolean       listen_pending; /* LISTEN sent after a reconnect, not yet answered */
  GSource       *fd_source;
  GIOCondition   fd_condition;
  GSource       *retry_source;
  guint          retry_ms;
};

G_DEFINE_FINAL_TYPE (ToaPgListen, toa_pg_listen, TOA_TYPE_STORE_WATCH)

static void connection_lost (ToaPgListen *self);

/* The server's words to a listener ("terminating connection…") are not the user's business. */
static void
quiet_notice (void *data, const char *message)
{
  g_debug ("toa-pg-listen: %s", message);
}

/* ---- the socket's source --------------------------------------------------------------- */

static gboolean on_socket (int fd, GIOCondition condition, gpointer data);

static void
stop_watching_socket (ToaPgListen *self)
{
  if (self->fd_source != NULL)
    {
      g_source_destroy (self->fd_source);
      g_clear_pointer (&self->fd_source, g_source_unref);
    }
}

/* Watches the connection's socket for @condition (+ hang-up and errors). */
static void
watch_socket (ToaPgListen *self, GIOCondition condition)
{
  int fd = PQsocket (self->conn);

  stop_watching_socket (self);
  if (fd < 0)
    return;
  self->fd_condition = condition;
  self->fd_source = g_unix_fd_source_new (fd, condition | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->fd_source, G_SOURCE_FUNC (on_socket), self, NULL);
  g_source_set_static_name (self->fd_source, "toa-pg-listen");
  g_source_attach (self->fd_source, self->context);
}

/* ---- notices ----------------------------------------------------------------------------- */

static void
emit_resync (ToaPgListen *self)
{
  g_autoptr(ToaStoreChange) change = toa_store_change_new ("resync");

  toa_store_watch_emit (TOA_STORE_WATCH (self), change);
}

/* Reads what arrived: results (of LISTEN) and notices. FALSE when the connection is gone. */
static gboolean
read_input (ToaPgListen *self)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_store_change_free);
  gboolean resynced = FALSE;
  PGnotify *notice;

  if (!PQconsumeInput (self->conn) || PQstatus (self->conn) == CONNECTION_BAD)
    return FALSE;
  if (PQflush (self->conn) < 0)
    return FALSE;
  while (!PQisBusy (self->conn))
    {
      PGresult *result = PQgetResult (self->conn);

      if (result == NULL)
        break;
      if (self->listen_pending && PQresultStatus (result) == PGRES_COMMAND_OK)
        resynced = TRUE;
      else if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_debug ("toa-pg-listen: %s", PQresultErrorMessage (result));
      self->listen_pending = FALSE;
      PQclear (result);
    }
  while ((notice = PQnotifies (self->conn)) != NULL)
    {
      ToaStoreChange *change = toa_store_change_parse (notice->extra);

      if (change != NULL)
        g_ptr_array_add (changes, change);
      else
        g_debug ("toa-pg-listen: a notice that is not a change: %s", notice->extra);
      PQfreemem (notice);
    }

  /* Emitting may drop the last reference to us: hold one. */
  g_object_ref (self);
  if (resynced)
    emit_resync (self);
  for (guint i = 0; i < changes->len; i++)
    toa_store_watch_emit (TOA_STORE_WATCH (self), g_ptr_array_index (changes, i));
  g_object_unref (self);
  return TRUE;
}

/* ---- reconnecting ------------------------------------------------------------------------ */

static gboolean
on_retry (gpointer data)
{
  ToaPgListen *self = data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  self->conn = PQconnectStartParams ((const char * const *) self->keywords->pdata,
                                     (const char * const *) self->values->pdata, 0);
  if (self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD)
    {
      connection_lost (self);
      return G_SOURCE_REMOVE;
    }
  PQsetNoticeProcessor (self->conn, quiet_notice, NULL);
  self->state = STATE_CONNECTING;
  watch_socket (self, G_IO_OUT);
  return G_SOURCE_REMOVE;
}

/* Closes the connection and tries again after a while (longer each time, up to 5 s). */
static void
connection_lost (ToaPgListen *self)
{
  stop_watching_socket (self);
  g_clear_pointer (&self->conn, PQfinish);
  self->state = STATE_DOWN;
  self->listen_pending = FALSE;
  if (self->retry_source != NULL)
    return;
  g_debug ("toa-pg-listen: connection lost, retrying in %u ms", self->retry_ms);
  self->retry_source = g_timeout_source_new (self->retry_ms);
  g_source_set_callback (self->retry_source, on_retry, self, NULL);
  g_source_attach (self->retry_source, self->context);
  self->retry_ms = MIN (self->retry_ms * 2, RETRY_MAX_MS);
}

/* One step of a non-blocking connect; on success, LISTEN again. */
static void
connect_step (ToaPgListen *self)
{
  switch (PQconnectPoll (self->conn))
    {
    case PGRES_POLLING_READING:
      watch_socket (self, G_IO_IN);
      break;
    case PGRES_POLLING_WRITING:
      watch_socket (self, G_IO_OUT);
      break;
    case PGRES_POLLING_OK:
      PQsetnonblocking (self->conn, 1);
      if (!PQsendQuery (self->conn, "LISTEN " TOA_PG_LISTEN_CHANNEL) || PQflush (self->conn) < 0)
        {
          connection_lost (self);
          break;
        }
      self->state = STATE_LISTENING;
      self->listen_pending = TRUE;
      self->retry_ms = RETRY_FIRST_MS;
      watch_socket (self, G_IO_IN);
      break;
    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE:
    default:
      connection_lost (self);
      break;
    }
}

static gboolean
on_socket (int fd, GIOCondition condition, gpointer data)
{
  ToaPgListen *self = data;

  if (self->state == STATE_CONNECTING)
    connect_step (self);
  else if (self->state == STATE_LISTENING && !read_input (self))
    connection_lost (self);
  /* the steps above replace or remove this source as needed */
  return G_SOURCE_CONTINUE;
}

/* ---- the object -------------------------------------------------------------------------- */

static void
toa_pg_listen_dispose (GObject *object)
{
  ToaPgListen *self = TOA_PG_LISTEN (object);

  stop_watching_socket (self);
  if (self->retry_source != NULL)
    {
      g_source_destroy (self->retry_source);
      g_clear_pointer (&self->retry_source, g_source_unref);
    }
  g_clear_pointer (&self->conn, PQfinish);
  G_OBJECT_CLASS (toa_pg_listen_parent_class)->dispose (object);
}

static void
toa_pg_listen_finalize (GObject *object)
{
  ToaPgListen *self = TOA_PG_LISTEN (object);

  g_ptr_array_unref (self->keywords);
  g_ptr_array_unref (self->values);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (toa_pg_listen_parent_class)->finalize (object);
}

static void
toa_pg_listen_class_init (ToaPgListenClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = toa_pg_listen_dispose;
  G_OBJECT_CLASS (klass)->finalize = toa_pg_listen_finalize;
}

static void
toa_pg_listen_init (ToaPgListen *self)
{
  self->keywords = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->retry_ms = RETRY_FIRST_MS;
}

/* Our own settings over @like's: a name to find us by, and TCP keepalives so that a server
 * gone without a word (a cable pulled) is noticed within a minute or so. */
static const char *const own_settings[][2] = {
  { "application_name", TOA_PG_LISTEN_APPLICATION },
  { "connect_timeout", "10" },
  { "keepalives", "1" },
  { "keepalives_idle", "30" },
  { "keepalives_interval", "10" },
  { "keepalives_count", "3" },
};

static void
copy_parameters (ToaPgListen *self, PGconn *like)
{
  PQconninfoOption *options = PQconninfo (like);

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      gboolean own = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (own_settings); i++)
        own = own || g_str_equal (o->keyword, own_settings[i][0]);
      if (own || o->val == NULL || o->val[0] == '\0')
        continue;
      g_ptr_array_add (self->keywords, g_strdup (o->keyword));
      g_ptr_array_add (self->values, g_strdup (o->val));
    }
  PQconninfoFree (options);
  for (guint i = 0; i < G_N_ELEMENTS (own_settings); i++)
    {
      g_ptr_array_add (self->keywords, g_strdup (own_settings[i][0]));
      g_ptr_array_add (self->values, g_strdup (own_settings[i][1]));
    }
  g_ptr_array_add (self->keywords, NULL);
  g_ptr_array_add (self->values, NULL);
}

ToaPgListen *
toa_pg_listen_new (PGconn *like, GError **error)
{
  g_autoptr(ToaPgListen) self = NULL;
  g_autoptr(PGresult) result = NULL;

  g_return_val_if_fail (like != NULL, NULL);

  self = g_object_new (TOA_TYPE_PG_LISTEN, NULL);
  self->context = g_main_context_ref_thread_default ();
  copy_parameters (self, like);
  self->conn = PQconnectdbParams ((const char * const *) self->keywords->pdata,
                                  (const char * const *) self->values->pdata, 0);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *detail = g_strstrip (g_strdup (self->conn != NULL ? PQerrorMessage (self->conn) : ""));

      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("Cannot listen for changes from the PostgreSQL server %s:%s: %s. "
                     "Lists will not update by themselves; check the connection."),
                   PQhost (like), PQport (like), detail);
      return NULL;
    }
  result = PQexec (self->conn, "LISTEN " TOA_PG_LISTEN_CHANNEL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_autofree char *detail = g_strstrip (g_strdup (PQresultErrorMessage (result)));

      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("The PostgreSQL server %s:%s refused to send changes: %s."),
                   PQhost (like), PQport (like), detail);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, quiet_notice, NULL);
  PQsetnonblocking (self->conn, 1);
  self->state = STATE_LISTENING;
  watch_socket (self, G_IO_IN);
  return g_steal_pointer (&self);
}

ToaStoreWatch *
toa_pg_listen_watch (ToaStore *store, GError **error)
{
  ToaPgStore *pg = TOA_PG_STORE (store);

  return TOA_STORE_WATCH (toa_pg_listen_new (toa_pg_db_conn (pg->db), error));
}

gboolean
toa_pg_listen_is_listening (ToaPgListen *self)
{
  g_return_val_if_fail (TOA_IS_PG_LISTEN (self), FALSE);
  return self->state == STATE_LISTENING && !self->listen_pending;
}
