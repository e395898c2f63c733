/* toa-pg-db.c — one libpq connection: opening from a URL, errors mapped to the TOA_ERROR
 * domain by SQLSTATE, statements with parameters, transactions, and reconnecting after an
 * outage: a statement on a lost connection first connects again (a short timeout), but
 * never inside a transaction — a transaction that lost its connection is lost as a whole
 * and every statement fails until the caller rolls it back. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-db.h"

struct _ToaPgDb {
  PGconn   *conn;
  char     *name;            /* host:port/database */
  char     *url;             /* to connect again after an outage */
  gboolean  in_transaction;  /* BEGIN sent (or deferred), no COMMIT/ROLLBACK yet */
  gboolean  begin_pending;   /* BEGIN deferred to the first statement (_begin_lazy) */
  /* statements prepared on this connection: SQL text → its name ("toa_s<n>"); emptied when
   * the connection is made again (a new session has none) */
  GHashTable *prepared;
  guint       n_prepared;     /* names handed out */
};

/* At most this many prepared statements per connection (lists build SQL with a varying
 * number of parameters; past the limit a statement runs unprepared, as before). */
#define PREPARED_MAX 256

/* Seconds to wait for the server when connecting again after an outage. */
#define RECONNECT_TIMEOUT "2"

/* ---- timing counters (TOA_PG_STATS=1) --------------------------------------------------- */

typedef struct {
  char   *sql;
  guint64 count;
  gint64  total_us;
  gint64  max_us;
} Stat;

static GMutex stats_lock;
static GHashTable *stats;    /* sql → Stat* */

static int
compare_stats (gconstpointer a, gconstpointer b)
{
  const Stat *x = *(const Stat * const *) a, *y = *(const Stat * const *) b;

  return x->total_us < y->total_us ? 1 : x->total_us > y->total_us ? -1 : 0;
}

static void
stats_print (void)
{
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&stats_lock);
  all = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, stats);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort (all, compare_stats);
  g_printerr ("toa-pg stats: calls  total_ms  mean_ms  max_ms  statement\n");
  for (guint i = 0; i < all->len; i++)
    {
      const Stat *stat = g_ptr_array_index (all, i);
      g_autofree char *flat = g_strndup (stat->sql, 110);

      g_strdelimit (flat, "\n\t", ' ');
      g_printerr ("toa-pg stats: %6llu %9.1f %8.3f %7.1f  %s\n", (unsigned long long) stat->count,
                  stat->total_us / 1000.0, stat->total_us / 1000.0 / (double) stat->count,
                  stat->max_us / 1000.0, flat);
    }
  g_mutex_unlock (&stats_lock);
}

static gboolean
stats_on (void)
{
  static gsize once = 0;
  static gboolean on = FALSE;

  if (g_once_init_enter (&once))
    {
      on = g_strcmp0 (g_getenv ("TOA_PG_STATS"), "1") == 0;
      if (on)
        {
          stats = g_hash_table_new (g_str_hash, g_str_equal);
          atexit (stats_print);
        }
      g_once_init_leave (&once, 1);
    }
  return on;
}

gint64
toa_pg_db_stats_start (void)
{
  return stats_on () ? g_get_monotonic_time () : 0;
}

void
toa_pg_db_stats_add (const char *sql, gint64 started)
{
  gint64 took;
  Stat *stat;

  if (started == 0)
    return;
  took = g_get_monotonic_time () - started;
  g_mutex_lock (&stats_lock);
  stat = g_hash_table_lookup (stats, sql);
  if (stat == NULL)
    {
      stat = g_new0 (Stat, 1);
      stat->sql = g_strdup (sql);
      g_hash_table_insert (stats, stat->sql, stat);
    }
  stat->count++;
  stat->total_us += took;
  stat->max_us = MAX (stat->max_us, took);
  g_mutex_unlock (&stats_lock);
}


gboolean
toa_pg_is_url (const char *location)
{
  return location != NULL
         && (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

char *
toa_pg_url_redact (const char *url)
{
  const char *scheme_end, *at, *colon, *authority_end;

  if (url == NULL)
    return NULL;
  scheme_end = strstr (url, "://");
  if (scheme_end == NULL)
    return g_strdup (url);
  scheme_end += 3;
  authority_end = scheme_end + strcspn (scheme_end, "/?");
  at = g_strrstr_len (scheme_end, authority_end - scheme_end, "@");
  if (at == NULL)
    return g_strdup (url);
  colon = memchr (scheme_end, ':', at - scheme_end);
  if (colon == NULL)
    return g_strdup (url);
  return g_strdup_printf ("%.*s:***%s", (int) (colon - url), url, at);
}

/* Server notices ("relation already exists, skipping") are not the user's business. */
static void
ignore_notice (void *data, const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

/* The first line of libpq's message, without the trailing newline. */
static char *
first_line (const char *message)
{
  const char *text = message != NULL ? message : "";

  return g_strstrip (g_strndup (text, strcspn (text, "\n")));
}

/* "host:port/db" from the URL's parameters, before (or without) connecting. */
static char *
describe_options (PQconninfoOption *options)
{
  const char *host = NULL, *hostaddr = NULL, *port = NULL, *dbname = NULL, *user = NULL;

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      if (o->val == NULL || o->val[0] == '\0')
        continue;
      if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "hostaddr"))
        hostaddr = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = o->val;
      else if (g_str_equal (o->keyword, "user"))
        user = o->val;
    }
  if (host == NULL)
    host = hostaddr != NULL ? hostaddr : "localhost";
  if (dbname == NULL)
    dbname = user != NULL ? user : "";
  return g_strdup_printf ("%s:%s/%s", host, port != NULL ? port : "5432", dbname);
}

ToaPgDb *
toa_pg_db_connect (const char *url, GError **error)
{
  /* Defaults first: the URL (expanded from dbname) overrides them. Keepalives and a TCP
   * user timeout bound how long a call waits on a network that silently went away (15 s),
   * instead of the system's many minutes. */
  const char *keywords[] = { "connect_timeout", "keepalives", "keepalives_idle",
                             "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                             "application_name", "dbname", NULL };
  const char *values[] = { "10", "1", "30", "10", "3", "15000", "toasoan", url, NULL };
  g_autofree char *parse_error = NULL;
  g_autofree char *name = NULL;
  PQconninfoOption *options;
  ToaPgDb *db;
  PGconn *conn;
  char *errmsg = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  options = PQconninfoParse (url, &errmsg);
  if (options == NULL)
    {
      g_autofree char *shown = toa_pg_url_redact (url);

      parse_error = first_line (errmsg);
      PQfreemem (errmsg);
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("“%s” is not a valid PostgreSQL address (%s). Write postgresql://USER:PASSWORD@HOST:PORT/DATABASE."),
                   shown, parse_error);
      return NULL;
    }
  name = describe_options (options);
  PQconninfoFree (options);

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO, _("Out of memory connecting to %s"), name);
      return NULL;
    }
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *detail = first_line (PQerrorMessage (conn));
      const char *user = PQuser (conn);

      if (PQconnectionNeedsPassword (conn))
        g_set_error (error, TOA_ERROR, TOA_ERROR_AUTH,
                     _("The PostgreSQL server at %s asks for the password of “%s”. Write it in the address "
                       "(postgresql://USER:PASSWORD@HOST:PORT/DATABASE) or in ~/.pgpass."),
                     name, user != NULL ? user : "");
      else if (strstr (detail, "does not exist") != NULL)
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("The PostgreSQL server at %s has no such database or user (%s). "
                       "Check the address in --db, or ask the server's administrator to create it."),
                     name, detail);
      else if (PQconnectionUsedPassword (conn))
        g_set_error (error, TOA_ERROR, TOA_ERROR_AUTH,
                     _("The PostgreSQL server at %s refused the sign-in of “%s”: wrong user name or password (%s). "
                       "Check the user and password in the address."),
                     name, user != NULL ? user : "", detail);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                     _("Cannot connect to the PostgreSQL server at %s: %s. Check that the server is running "
                       "and that the host and port in --db are right."),
                     name, detail);
      PQfinish (conn);
      return NULL;
    }

  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  db = g_new0 (ToaPgDb, 1);
  db->conn = conn;
  db->name = g_steal_pointer (&name);
  db->url = g_strdup (url);
  db->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return db;
}

void
toa_pg_db_free (ToaPgDb *db)
{
  if (db == NULL)
    return;
  PQfinish (db->conn);
  g_clear_pointer (&db->prepared, g_hash_table_unref);
  g_free (db->name);
  g_free (db->url);
  g_free (db);
}

const char *
toa_pg_db_describe (ToaPgDb *db)
{
  return db->name;
}

PGconn *
toa_pg_db_conn (ToaPgDb *db)
{
  return db->conn;
}

static int
code_of_sqlstate (const char *state)
{
  if (state == NULL || strlen (state) != 5)
    return TOA_ERROR_IO;
  if (g_str_equal (state, "23505") || g_str_equal (state, "40001") || g_str_equal (state, "40P01")
      || g_str_equal (state, "55P03"))
    return TOA_ERROR_CONFLICT;
  if (g_str_equal (state, "42501"))
    return TOA_ERROR_PERMISSION;
  if (g_str_has_prefix (state, "28"))
    return TOA_ERROR_AUTH;
  if (g_str_has_prefix (state, "22") || g_str_has_prefix (state, "23"))
    return TOA_ERROR_INVALID;
  return TOA_ERROR_IO;
}

static void
set_lost (ToaPgDb *db, const char *detail, GError **error)
{
  g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
               _("The connection to the PostgreSQL server at %s was lost: %s. Try again when the server is back."),
               db->name, detail);
}

gboolean
toa_pg_db_is_online (ToaPgDb *db)
{
  return PQstatus (db->conn) == CONNECTION_OK;
}

gboolean
toa_pg_db_ensure (ToaPgDb *db, GError **error)
{
  const char *keywords[] = { "keepalives", "keepalives_idle", "keepalives_interval",
                             "keepalives_count", "tcp_user_timeout", "application_name", "dbname",
                             "connect_timeout", NULL };
  const char *values[] = { "1", "30", "10", "3", "15000", "toasoan", db->url, RECONNECT_TIMEOUT,
                           NULL };
  PGconn *conn;

  if (PQstatus (db->conn) == CONNECTION_OK)
    return TRUE;
  if (db->in_transaction && !db->begin_pending)
    {
      /* Never carry on a transaction on a new connection: its earlier statements are gone. */
      set_lost (db, _("the transaction was interrupted and nothing of it was saved"), error);
      return FALSE;
    }
  /* The timeout after the URL: it wins over the URL's own connect_timeout. */
  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *detail = first_line (conn != NULL ? PQerrorMessage (conn) : "out of memory");

      PQfinish (conn);
      set_lost (db, detail, error);
      return FALSE;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  PQfinish (db->conn);
  db->conn = conn;
  g_hash_table_remove_all (db->prepared);   /* the new session has none */
  return TRUE;
}

gboolean
toa_pg_db_ping (ToaPgDb *db, GError **error)
{
  return toa_pg_db_exec (db, "SELECT 1", error);
}

void
toa_pg_db_set_error (ToaPgDb *db, const PGresult *result, GError **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *detail = NULL;

  if (primary != NULL)
    detail = g_strdup (primary);
  else
    detail = first_line (PQerrorMessage (db->conn));
  if (PQstatus (db->conn) == CONNECTION_BAD)
    set_lost (db, detail, error);
  else
    g_set_error (error, TOA_ERROR, code_of_sqlstate (state), "%s: %s", db->name, detail);
}

gboolean
toa_pg_db_exec (ToaPgDb *db, const char *sql, GError **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;
  gint64 started;

  if (!toa_pg_db_flush_begin (db, error))
    return FALSE;
  started = toa_pg_db_stats_start ();
  result = PQexec (db->conn, sql);
  toa_pg_db_stats_add (sql, started);
  status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    return TRUE;
  toa_pg_db_set_error (db, result, error);
  return FALSE;
}

PGresult *
toa_pg_db_query (ToaPgDb            *db,
                 const char         *sql,
                 int                 n_params,
                 const char * const *params,
                 GError            **error)
{
  PGresult *result;
  ExecStatusType status;

  result = toa_pg_db_exec_params (db, sql, n_params, params, NULL, NULL, error);
  if (result == NULL)
    return NULL;
  status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  toa_pg_db_set_error (db, result, error);
  PQclear (result);
  return NULL;
}

gint64
toa_pg_db_query_int (ToaPgDb            *db,
                     const char         *sql,
                     int                 n_params,
                     const char * const *params,
                     GError            **error)
{
  g_autoptr(PGresult) result = toa_pg_db_query (db, sql, n_params, params, error);

  if (result == NULL)
    return -1;
  if (PQntuples (result) == 0 || PQnfields (result) == 0 || PQgetisnull (result, 0, 0))
    return 0;
  return g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
}

void
toa_pg_db_begin_lazy (ToaPgDb *db)
{
  db->in_transaction = TRUE;
  db->begin_pending = TRUE;
}

gboolean
toa_pg_db_flush_begin (ToaPgDb *db, GError **error)
{
  g_autoptr(PGresult) result = NULL;

  if (!toa_pg_db_ensure (db, error))
    return FALSE;
  if (!db->begin_pending)
    return TRUE;
  db->begin_pending = FALSE;
  result = PQexec (db->conn, "BEGIN");
  if (PQresultStatus (result) == PGRES_COMMAND_OK)
    return TRUE;
  toa_pg_db_set_error (db, result, error);
  return FALSE;
}

/* Reads the results of one pipelined statement (up to its NULL); returns the last. */
static PGresult *
pipeline_result (PGconn *conn)
{
  PGresult *last = NULL, *next;

  while ((next = PQgetResult (conn)) != NULL)
    {
      PQclear (last);
      last = next;
    }
  return last;
}

PGresult *
toa_pg_db_exec_params (ToaPgDb *db, const char *sql, int n_params, const char * const *values,
                       const int *lengths, const int *formats, GError **error)
{
  g_autoptr(PGresult) opened = NULL;
  g_autoptr(PGresult) prepared = NULL;
  g_autoptr(PGresult) synced = NULL;
  g_autofree char *new_name = NULL;
  PGresult *result = NULL;
  const char *name;
  gboolean begin, sent;

  if (!toa_pg_db_ensure (db, error))
    return NULL;
  begin = db->begin_pending;
  db->begin_pending = FALSE;
  name = g_hash_table_lookup (db->prepared, sql);
  /* a statement seen first is prepared (parsed and planned once per connection), unless the
   * transaction already failed (it would refuse) or the connection has enough of them */
  if (name == NULL && g_hash_table_size (db->prepared) < PREPARED_MAX
      && PQtransactionStatus (db->conn) != PQTRANS_INERROR)
    name = new_name = g_strdup_printf ("toa_s%u", ++db->n_prepared);
  if (!begin && new_name == NULL)
    {
      result = name != NULL ? PQexecPrepared (db->conn, name, n_params, values, lengths, formats, 0)
                            : PQexecParams (db->conn, sql, n_params, NULL, values, lengths, formats, 0);
      if (result == NULL)
        toa_pg_db_set_error (db, NULL, error);
      return result;
    }
  /* a deferred BEGIN, the PREPARE and the statement in one round trip */
  sent = PQenterPipelineMode (db->conn)
         && (!begin || PQsendQueryParams (db->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0))
         && (new_name == NULL || PQsendPrepare (db->conn, new_name, sql, n_params, NULL))
         && (name != NULL ? PQsendQueryPrepared (db->conn, name, n_params, values, lengths, formats, 0)
                          : PQsendQueryParams (db->conn, sql, n_params, NULL, values, lengths, formats, 0))
         && PQpipelineSync (db->conn);
  if (sent)
    {
      if (begin)
        opened = pipeline_result (db->conn);
      if (new_name != NULL)
        prepared = pipeline_result (db->conn);
      result = pipeline_result (db->conn);
      synced = PQgetResult (db->conn);   /* PGRES_PIPELINE_SYNC */
    }
  PQexitPipelineMode (db->conn);
  if (!sent || (begin && PQresultStatus (opened) != PGRES_COMMAND_OK))
    {
      /* BEGIN failed (the rest was skipped) or nothing went out: BEGIN's error */
      g_clear_pointer (&result, PQclear);
      toa_pg_db_set_error (db, sent ? opened : NULL, error);
      return NULL;
    }
  if (new_name != NULL)
    {
      if (PQresultStatus (prepared) == PGRES_COMMAND_OK)
        g_hash_table_insert (db->prepared, g_strdup (sql), g_steal_pointer (&new_name));
      else
        {
          /* the statement does not parse (the same error running it would give) */
          g_clear_pointer (&result, PQclear);
          return g_steal_pointer (&prepared);
        }
    }
  if (result == NULL)
    toa_pg_db_set_error (db, NULL, error);
  return result;
}

gboolean
toa_pg_db_begin (ToaPgDb *db, GError **error)
{
  if (!toa_pg_db_exec (db, "BEGIN", error))
    return FALSE;
  db->in_transaction = TRUE;
  return TRUE;
}

gboolean
toa_pg_db_commit (ToaPgDb *db, GError **error)
{
  gboolean ok;

  if (db->begin_pending)
    {
      /* nothing ran: nothing to commit */
      db->begin_pending = FALSE;
      db->in_transaction = FALSE;
      return TRUE;
    }
  ok = toa_pg_db_exec (db, "COMMIT", error);

  /* Committed, or failed and over: either way no transaction is open any more (a COMMIT
   * that failed on a lost connection is rolled back by the server). */
  db->in_transaction = FALSE;
  return ok;
}

void
toa_pg_db_rollback (ToaPgDb *db)
{
  db->in_transaction = FALSE;
  db->begin_pending = FALSE;
  if (PQtransactionStatus (db->conn) != PQTRANS_IDLE)
    {
      PGresult *result = PQexec (db->conn, "ROLLBACK");

      PQclear (result);
    }
}
