/* toa-pg-store.c — the PostgreSQL store object: opening (connect, check, migrate), the
 * transaction methods, and the helpers the other toa-pg-*.c files share (parameters, row
 * readers, write savepoints). The methods themselves live in toa-pg-reference.c,
 * toa-pg-articles.c, toa-pg-flow.c and toa-pg-inbox.c. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-migrate.h"
#include "toa-pg-listen.h"
#include "toa-pg-private.h"

static void toa_pg_store_iface_init (ToaStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ToaPgStore, toa_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOA_TYPE_STORE, toa_pg_store_iface_init))

/* ---- parameters ------------------------------------------------------------------------ */

struct _ToaPgParams {
  GPtrArray *values;    /* char*, NULL = SQL NULL (owned) */
  GArray    *lengths;   /* int */
  GArray    *formats;   /* int: 0 text, 1 binary */
};

ToaPgParams *
toa_pg_params_new (void)
{
  ToaPgParams *params = g_new0 (ToaPgParams, 1);

  params->values = g_ptr_array_new_with_free_func (g_free);
  params->lengths = g_array_new (FALSE, TRUE, sizeof (int));
  params->formats = g_array_new (FALSE, TRUE, sizeof (int));
  return params;
}

void
toa_pg_params_free (ToaPgParams *params)
{
  if (params == NULL)
    return;
  g_ptr_array_unref (params->values);
  g_array_unref (params->lengths);
  g_array_unref (params->formats);
  g_free (params);
}

static void
add_value (ToaPgParams *params, char *value, int length, int format)
{
  g_ptr_array_add (params->values, value);
  g_array_append_val (params->lengths, length);
  g_array_append_val (params->formats, format);
}

void
toa_pg_params_text (ToaPgParams *params, const char *value)
{
  add_value (params, g_strdup (value), 0, 0);
}

void
toa_pg_params_int (ToaPgParams *params, gint64 value)
{
  add_value (params, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

void
toa_pg_params_id (ToaPgParams *params, gint64 id)
{
  if (id == 0)
    add_value (params, NULL, 0, 0);
  else
    toa_pg_params_int (params, id);
}

void
toa_pg_params_bool (ToaPgParams *params, gboolean value)
{
  add_value (params, g_strdup (value ? "true" : "false"), 0, 0);
}

void
toa_pg_params_bytes (ToaPgParams *params, GBytes *data)
{
  gsize size = 0;
  const char *bytes;

  if (data == NULL)
    {
      add_value (params, NULL, 0, 0);
      return;
    }
  bytes = g_bytes_get_data (data, &size);
  add_value (params, g_memdup2 (bytes != NULL ? bytes : "", size), (int) size, 1);
}

guint
toa_pg_params_count (const ToaPgParams *params)
{
  return params != NULL ? params->values->len : 0;
}

/* ---- queries --------------------------------------------------------------------------- */

PGresult *
toa_pg_query (ToaPgStore *self, const char *sql, const ToaPgParams *params, GError **error)
{
  guint n = toa_pg_params_count (params);
  PGresult *result;
  ExecStatusType status;
  gint64 started;

  /* after an outage: connects again first (never inside a transaction); a deferred BEGIN
   * goes in the same round trip */
  started = toa_pg_db_stats_start ();
  result = toa_pg_db_exec_params (self->db, sql, (int) n,
                                  n > 0 ? (const char * const *) params->values->pdata : NULL,
                                  n > 0 ? (const int *) (gpointer) params->lengths->data : NULL,
                                  n > 0 ? (const int *) (gpointer) params->formats->data : NULL, error);
  toa_pg_db_stats_add (sql, started);
  if (result == NULL)
    return NULL;
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  toa_pg_db_set_error (self->db, result, error);
  PQclear (result);
  return NULL;
}

gboolean
toa_pg_exec (ToaPgStore *self, const char *sql, const ToaPgParams *params, gint64 *n_rows,
             GError **error)
{
  g_autoptr(PGresult) result = toa_pg_query (self, sql, params, error);

  if (result == NULL)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  return TRUE;
}

/* ---- search ---------------------------------------------------------------------------- */

/* The SQLite FTS5 query of toa_article_query_fts ("phrase words" "prefix"*, all required)
 * as a tsquery over the same folded words: 'phrase' <-> 'words' & 'prefix':*. Its items
 * hold only letters, digits and single spaces, so nothing typed becomes tsquery syntax. */
char *
toa_pg_tsquery_from_fts (const char *fts)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = fts;

  while (*p != '\0')
    {
      const char *end;
      g_autofree char *item = NULL;
      g_auto(GStrv) words = NULL;
      gboolean prefix;

      if (*p != '"')
        {
          p++;
          continue;
        }
      end = strchr (p + 1, '"');
      if (end == NULL)
        break;
      item = g_strndup (p + 1, end - p - 1);
      words = g_strsplit (item, " ", -1);
      prefix = end[1] == '*';
      if (out->len > 0)
        g_string_append (out, " & ");
      g_string_append_c (out, '(');
      for (guint i = 0, n = 0; words[i] != NULL; i++)
        {
          if (*words[i] == '\0')
            continue;
          g_string_append_printf (out, "%s'%s'", n++ > 0 ? " <-> " : "", words[i]);
        }
      g_string_append (out, prefix ? ":*)" : ")");
      p = end + 1;
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* ---- row readers ----------------------------------------------------------------------- */

gboolean
toa_pg_is_null (const PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col);
}

char *
toa_pg_text (const PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}

gint64
toa_pg_int (const PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

gboolean
toa_pg_bool (const PGresult *res, int row, int col)
{
  return !PQgetisnull (res, row, col) && PQgetvalue (res, row, col)[0] == 't';
}

GBytes *
toa_pg_bytes (const PGresult *res, int row, int col)
{
  size_t length = 0;
  unsigned char *data;
  GBytes *bytes;

  if (PQgetisnull (res, row, col))
    return NULL;
  data = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, row, col), &length);
  if (data == NULL)
    return NULL;
  bytes = g_bytes_new (data, length);
  PQfreemem (data);
  return bytes;
}

gboolean
toa_pg_require_row (const PGresult *res, GError **error, const char *message)
{
  if (PQntuples (res) > 0)
    return TRUE;
  g_set_error_literal (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* ---- transactions ---------------------------------------------------------------------- */

gboolean
toa_pg_write_begin (ToaPgStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  if (!self->in_transaction)
    {
      /* BEGIN goes with the write's first statement */
      toa_pg_db_begin_lazy (self->db);
      return TRUE;
    }
  sql = g_strdup_printf ("SAVEPOINT toa_write_%u", self->savepoints + 1);
  if (!toa_pg_db_exec (self->db, sql, error))
    return FALSE;
  self->savepoints++;
  return TRUE;
}

gboolean
toa_pg_write_end (ToaPgStore *self, gboolean ok, GError **error)
{
  g_autofree char *sql = NULL;

  if (!self->in_transaction)
    {
      if (ok)
        return toa_pg_db_commit (self->db, error);
      toa_pg_db_rollback (self->db);
      return FALSE;
    }
  g_return_val_if_fail (self->savepoints > 0, FALSE);
  sql = ok ? g_strdup_printf ("RELEASE SAVEPOINT toa_write_%u", self->savepoints)
           : g_strdup_printf ("ROLLBACK TO SAVEPOINT toa_write_%u", self->savepoints);
  self->savepoints--;
  if (!toa_pg_db_exec (self->db, sql, ok ? error : NULL))
    return FALSE;
  return ok;
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
toa_pg_query_write (ToaPgStore *self, const char *sql, const ToaPgParams *params, GError **error)
{
  g_autofree char *savepoint = NULL;
  g_autofree char *release = NULL;
  g_autoptr(PGresult) opened = NULL;
  g_autoptr(PGresult) released = NULL;
  g_autoptr(PGresult) synced = NULL;
  PGresult *result = NULL;
  PGconn *conn;
  guint n = toa_pg_params_count (params);
  gint64 started;
  gboolean sent;

  if (!self->in_transaction)
    {
      /* a transaction of its own: BEGIN … COMMIT as before */
      gboolean ok;

      if (!toa_pg_write_begin (self, error))
        return NULL;
      result = toa_pg_query (self, sql, params, error);
      ok = result != NULL;
      if (!toa_pg_write_end (self, ok, ok ? error : NULL) || !ok)
        g_clear_pointer (&result, PQclear);
      return result;
    }
  if (!toa_pg_db_flush_begin (self->db, error))
    return NULL;
  conn = toa_pg_db_conn (self->db);
  savepoint = g_strdup_printf ("SAVEPOINT toa_write_%u", self->savepoints + 1);
  release = g_strdup_printf ("RELEASE SAVEPOINT toa_write_%u", self->savepoints + 1);
  started = toa_pg_db_stats_start ();
  sent = PQenterPipelineMode (conn)
         && PQsendQueryParams (conn, savepoint, 0, NULL, NULL, NULL, NULL, 0)
         && PQsendQueryParams (conn, sql, (int) n, NULL,
                               n > 0 ? (const char * const *) params->values->pdata : NULL,
                               n > 0 ? (const int *) (gpointer) params->lengths->data : NULL,
                               n > 0 ? (const int *) (gpointer) params->formats->data : NULL, 0)
         && PQsendQueryParams (conn, release, 0, NULL, NULL, NULL, NULL, 0)
         && PQpipelineSync (conn);
  if (sent)
    {
      opened = pipeline_result (conn);
      result = pipeline_result (conn);
      released = pipeline_result (conn);
      synced = PQgetResult (conn);   /* PGRES_PIPELINE_SYNC */
    }
  PQexitPipelineMode (conn);
  toa_pg_db_stats_add (sql, started);
  if (sent && PQresultStatus (opened) == PGRES_COMMAND_OK
      && (PQresultStatus (result) == PGRES_TUPLES_OK || PQresultStatus (result) == PGRES_COMMAND_OK)
      && PQresultStatus (released) == PGRES_COMMAND_OK)
    return result;

  /* the statement (or the savepoint) failed: say why, and undo it alone */
  if (result != NULL && PQresultStatus (result) != PGRES_PIPELINE_ABORTED
      && PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    toa_pg_db_set_error (self->db, result, error);
  else
    toa_pg_db_set_error (self->db, sent ? opened : NULL, error);
  g_clear_pointer (&result, PQclear);
  if (sent && PQresultStatus (opened) == PGRES_COMMAND_OK)
    {
      g_autofree char *rollback = g_strdup_printf ("ROLLBACK TO SAVEPOINT toa_write_%u", self->savepoints + 1);

      toa_pg_db_exec (self->db, rollback, NULL);
    }
  return NULL;
}

static gboolean
store_begin (ToaStore *store, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);

  if (self->in_transaction)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("A transaction is already open on this store."));
      return FALSE;
    }
  /* BEGIN goes with the transaction's first statement (one round trip less) */
  toa_pg_db_begin_lazy (self->db);
  self->in_transaction = TRUE;
  self->savepoints = 0;
  return TRUE;
}

static gboolean
store_commit (ToaStore *store, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);

  if (!self->in_transaction)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("No transaction is open on this store."));
      return FALSE;
    }
  self->in_transaction = FALSE;
  if (toa_pg_db_commit (self->db, error))
    return TRUE;
  toa_pg_db_rollback (self->db);
  return FALSE;
}

static void
store_rollback (ToaStore *store)
{
  ToaPgStore *self = TOA_PG_STORE (store);

  self->in_transaction = FALSE;
  self->savepoints = 0;
  toa_pg_db_rollback (self->db);
}

static const char *
store_describe (ToaStore *store)
{
  return TOA_PG_STORE (store)->describe;
}

static int
store_schema_version (ToaStore *store)
{
  return TOA_PG_STORE (store)->schema_version;
}

/* ---- the object ------------------------------------------------------------------------ */

static void
toa_pg_store_finalize (GObject *object)
{
  ToaPgStore *self = TOA_PG_STORE (object);

  g_clear_pointer (&self->db, toa_pg_db_free);
  g_clear_pointer (&self->workflows, g_hash_table_unref);
  g_free (self->describe);
  g_free (self->session_user);
  G_OBJECT_CLASS (toa_pg_store_parent_class)->finalize (object);
}

static void
toa_pg_store_class_init (ToaPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = toa_pg_store_finalize;
}

static void
toa_pg_store_init (ToaPgStore *self)
{
}

static const char *
store_signed_in_login (ToaStore *store)
{
  return toa_pg_store_session_user (TOA_PG_STORE (store));
}

static gboolean
store_is_online (ToaStore *store)
{
  return toa_pg_db_is_online (TOA_PG_STORE (store)->db);
}

static gboolean
store_ping (ToaStore *store, GError **error)
{
  return toa_pg_db_ping (TOA_PG_STORE (store)->db, error);
}

static void
toa_pg_store_iface_init (ToaStoreInterface *iface)
{
  iface->is_online = store_is_online;
  iface->ping = store_ping;
  iface->describe = store_describe;
  iface->schema_version = store_schema_version;
  iface->signed_in_login = store_signed_in_login;
  iface->watch = toa_pg_listen_watch;   /* toa-pg-listen.c: live changes */
  iface->begin = store_begin;
  iface->commit = store_commit;
  iface->rollback = store_rollback;
  toa_pg_store_iface_reference (iface);
  toa_pg_store_iface_articles (iface);
  toa_pg_store_iface_flow (iface);
  toa_pg_store_iface_inbox (iface);
}

ToaPgStore *
toa_pg_store_open (const char *url, ToaOpenFlags flags, GError **error)
{
  g_autoptr(ToaPgDb) db = NULL;
  g_autoptr(GPtrArray) scripts = NULL;
  g_autoptr(PGresult) user = NULL;
  ToaPgStore *self;
  int from = 0, to = 0;
  gboolean ok;

  if (!(db = toa_pg_db_connect (url, error)))
    return NULL;
  if (!(scripts = toa_pg_scripts_load (NULL, TOA_PG_SQL_RESOURCE_DIR, error)))
    return NULL;
  ok = (flags & TOA_OPEN_CREATE) != 0 ? toa_pg_init (db, scripts, &from, &to, error)
                                      : toa_pg_upgrade (db, scripts, &from, &to, error);
  if (!ok)
    return NULL;
  if (!(user = toa_pg_db_query (db, "SELECT current_user", 0, NULL, error)))
    return NULL;

  self = g_object_new (TOA_TYPE_PG_STORE, NULL);
  self->describe = g_strdup (toa_pg_db_describe (db));
  self->session_user = g_strdup (PQgetvalue (user, 0, 0));
  self->schema_version = to;
  self->db = g_steal_pointer (&db);
  return self;
}

const char *
toa_pg_store_session_user (ToaPgStore *self)
{
  g_return_val_if_fail (TOA_IS_PG_STORE (self), NULL);
  return self->session_user;
}
