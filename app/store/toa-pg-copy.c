/* toa-pg-copy.c — `db copy` from an SQLite file to a PostgreSQL server (toa-pg-copy.h).
 * The tables, their columns (minus generated ones such as articles.search), primary keys,
 * identity columns and foreign keys come from the server's catalogue once the schema is
 * there; the rows go through COPY … FROM STDIN in PostgreSQL's text format, all in one
 * transaction. Each row's COPY text line is also its canonical form: the checksum of a
 * table is the SHA-256 of its lines in primary-key order, computed from the SQLite values
 * as they are sent and from the server's own COPY … TO STDOUT afterwards, by the same
 * function. The transaction commits only when every table agrees. */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-pg-copy.h"
#include "toa-pg-db.h"
#include "toa-pg-migrate.h"
#include "toa-sqlite-store.h"
#include "toa-store-open.h"

typedef enum { COL_TEXT, COL_INT, COL_BOOL, COL_BYTES, COL_JSON } ColKind;

typedef struct {
  char      *name;
  GPtrArray *columns;     /* char * */
  GArray    *kinds;       /* ColKind per column */
  GPtrArray *identity;    /* char *: identity columns */
  GPtrArray *key;         /* char *: primary key columns, in key order */
  GPtrArray *refs;        /* char *: tables it references (not itself) */
} PgTable;

static void
pg_table_free (PgTable *t)
{
  g_free (t->name);
  g_ptr_array_unref (t->columns);
  g_array_unref (t->kinds);
  g_ptr_array_unref (t->identity);
  g_ptr_array_unref (t->key);
  g_ptr_array_unref (t->refs);
  g_free (t);
}

static void
copy_table_free (ToaPgCopyTable *t)
{
  g_free (t->name);
  g_free (t->source_sha256);
  g_free (t->target_sha256);
  g_free (t);
}

void
toa_pg_copy_report_free (ToaPgCopyReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source);
  g_free (report->target);
  g_ptr_array_unref (report->tables);
  g_ptr_array_unref (report->skipped);
  g_free (report);
}

gboolean
toa_pg_copy_table_matches (const ToaPgCopyTable *table)
{
  return table->source_rows == table->target_rows
         && g_strcmp0 (table->source_sha256, table->target_sha256) == 0;
}

static char *
quote_ident (const char *name)
{
  g_autofree char *doubled = NULL;
  g_auto(GStrv) parts = g_strsplit (name, "\"", -1);

  doubled = g_strjoinv ("\"\"", parts);
  return g_strdup_printf ("\"%s\"", doubled);
}

/* ---- the source ------------------------------------------------------------------------ */

static char *
source_path (const char *from, GError **error)
{
  if (from == NULL || from[0] == '\0' || toa_pg_is_url (from))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The source of a copy is a board's SQLite file: give --from sqlite:///path/to/file.db or a plain path."));
      return NULL;
    }
  if (g_str_has_prefix (from, "sqlite:"))
    {
      g_autofree char *uri = g_strconcat ("file:", from + strlen ("sqlite:"), NULL);
      g_autofree char *host = NULL;
      char *path = g_filename_from_uri (uri, &host, NULL);

      if (path == NULL || (host != NULL && g_ascii_strcasecmp (host, "localhost") != 0))
        {
          g_free (path);
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("“%s” is not a valid database address. Write sqlite:///absolute/path/to/file.db or a plain path."),
                       from);
          return NULL;
        }
      return path;
    }
  return g_strdup (from);
}

static gboolean
sqlite_int (sqlite3 *handle, const char *sql, int *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* Opens @path read-only after checking it is a Tòa soạn database at the latest schema
 * (migrating an older one first). Bad sources are TOA_ERROR_INVALID (exit 2). */
static sqlite3 *
open_source (const char *path, ToaPgCopyReport *report, GError **error)
{
  sqlite3 *handle = NULL;
  int app_id = 0, version = 0;
  int latest = toa_sqlite_store_latest_version ();

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                   _("There is no database file “%s”. Check the path given with --from."), path);
      return NULL;
    }
  for (int attempt = 0; attempt < 2; attempt++)
    {
      if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
          || !sqlite_int (handle, "PRAGMA application_id", &app_id)
          || !sqlite_int (handle, "PRAGMA user_version", &version))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("“%s” is damaged or is not a database; nothing was copied. Restore it from a backup."), path);
          sqlite3_close (handle);
          return NULL;
        }
      if (app_id != TOA_SQLITE_APPLICATION_ID)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("“%s” is not a Tòa soạn database; nothing was copied."), path);
          sqlite3_close (handle);
          return NULL;
        }
      if (version > latest)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                       _("“%s” was written by a newer version of Tòa soạn (schema %d, this program knows %d); "
                         "nothing was copied. Update Tòa soạn first."), path, version, latest);
          sqlite3_close (handle);
          return NULL;
        }
      if (attempt == 0)
        report->source_version_before = version;
      report->source_version = version;
      if (version == latest)
        return handle;

      /* An older schema: migrate the file the usual way, then read it again. */
      sqlite3_close (handle);
      handle = NULL;
      {
        g_autoptr(ToaStore) store = toa_store_open (path, TOA_OPEN_EXISTING, error);

        if (store == NULL)
          return NULL;
      }
    }
  g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
               _("“%s” could not be brought to the current schema; nothing was copied."), path);
  sqlite3_close (handle);
  return NULL;
}

/* The source's tables (a set) — names only. */
static GHashTable *
source_tables (sqlite3 *handle, GError **error)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("Cannot read the source's tables: %s"),
                   sqlite3_errmsg (handle));
      g_hash_table_unref (set);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (set, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return set;
}

/* ---- the target's catalogue -------------------------------------------------------------- */

static PGresult *
query (ToaPgDb *db, const char *sql, GError **error)
{
  return toa_pg_db_query (db, sql, 0, NULL, error);
}

/* Tables seeded by the schema scripts themselves (INSERT INTO name …): they hold rows in a
 * database that has only the schema. */
static GHashTable *
seeded_tables (GPtrArray *scripts)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) insert = g_regex_new ("\\bINSERT\\s+INTO\\s+([a-z_][a-z0-9_]*)",
                                          G_REGEX_CASELESS, 0, NULL);
  /* Only the scripts' own statements seed rows: inserts inside function bodies ($…$ quoted)
   * and in comments run later, on the board's data, and must not hide a table. */
  g_autoptr(GRegex) bodies = g_regex_new ("\\$([a-z_]*)\\$.*?\\$\\1\\$|--[^\\n]*",
                                          G_REGEX_CASELESS | G_REGEX_DOTALL, 0, NULL);

  for (guint i = 0; i < scripts->len; i++)
    {
      ToaPgScript *script = g_ptr_array_index (scripts, i);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *statements = g_regex_replace_literal (bodies, script->sql, -1, 0, " ", 0, NULL);

      g_regex_match (insert, statements, 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);

          g_hash_table_add (set, g_ascii_strdown (name, -1));
          g_match_info_next (match, NULL);
        }
    }
  return set;
}

static PGresult *
user_tables (ToaPgDb *db, GError **error)
{
  return query (db,
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p') "
                "AND c.relname <> 'toa_schema_version' ORDER BY c.relname", error);
}

/* CONFLICT naming what the target holds when any table the schema does not seed has rows. */
static gboolean
check_target_empty (ToaPgDb *db, GHashTable *seeded, GError **error)
{
  g_autoptr(PGresult) tables = NULL;
  g_autoptr(PGresult) counts = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) held = g_string_new (NULL);

  if (!(tables = user_tables (db, error)))
    return FALSE;
  for (int i = 0; i < PQntuples (tables); i++)
    {
      const char *name = PQgetvalue (tables, i, 0);
      g_autofree char *quoted = NULL;
      char *literal;

      if (g_hash_table_contains (seeded, name))
        continue;
      quoted = quote_ident (name);
      literal = PQescapeLiteral (toa_pg_db_conn (db), name, strlen (name));
      g_string_append_printf (sql, "%sSELECT %s, count(*) FROM %s",
                              sql->len ? " UNION ALL " : "", literal, quoted);
      PQfreemem (literal);
    }
  if (sql->len == 0)
    return TRUE;
  g_string_append (sql, " ORDER BY 1");
  if (!(counts = query (db, sql->str, error)))
    return FALSE;
  for (int i = 0; i < PQntuples (counts); i++)
    if (g_ascii_strtoll (PQgetvalue (counts, i, 1), NULL, 10) > 0)
      g_string_append_printf (held, "%s%s %s", held->len ? ", " : "",
                              PQgetvalue (counts, i, 0), PQgetvalue (counts, i, 1));
  if (held->len == 0)
    return TRUE;
  g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
               _("The database at %s already holds a board (rows: %s); nothing was copied. "
                 "Copy only into an empty database or one with only the schema (db init)."),
               toa_pg_db_describe (db), held->str);
  return FALSE;
}

static PgTable *
find_table (GPtrArray *tables, const char *name)
{
  for (guint i = 0; i < tables->len; i++)
    {
      PgTable *t = g_ptr_array_index (tables, i);

      if (g_str_equal (t->name, name))
        return t;
    }
  return NULL;
}

static ColKind
kind_of (const char *type)
{
  if (g_str_equal (type, "bool"))
    return COL_BOOL;
  if (g_str_equal (type, "int8") || g_str_equal (type, "int4") || g_str_equal (type, "int2"))
    return COL_INT;
  if (g_str_equal (type, "bytea"))
    return COL_BYTES;
  if (g_str_equal (type, "json") || g_str_equal (type, "jsonb"))
    return COL_JSON;
  return COL_TEXT;
}

/* The target's tables in foreign-key order (referenced tables first). */
static GPtrArray *
read_catalogue (ToaPgDb *db, GError **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_table_free);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(PGresult) cols = NULL, keys = NULL, refs = NULL;

  if (!(cols = query (db,
                      "SELECT c.relname, a.attname, t.typname, a.attidentity <> '' "
                      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                      "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                      "  AND a.attgenerated = '' "
                      "JOIN pg_type t ON t.oid = a.atttypid "
                      "WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p') "
                      "  AND c.relname <> 'toa_schema_version' "
                      "ORDER BY c.relname, a.attnum", error))
      || !(keys = query (db,
                         "SELECT c.relname, a.attname FROM pg_index i "
                         "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "JOIN LATERAL unnest (i.indkey) WITH ORDINALITY AS k (attnum, ord) ON true "
                         "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                         "WHERE i.indisprimary AND n.nspname = current_schema () "
                         "ORDER BY c.relname, k.ord", error))
      || !(refs = query (db,
                         "SELECT c.relname, r.relname FROM pg_constraint k "
                         "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE k.contype = 'f' AND n.nspname = current_schema () AND c.oid <> r.oid", error)))
    return NULL;

  for (int i = 0; i < PQntuples (cols); i++)
    {
      const char *name = PQgetvalue (cols, i, 0);
      PgTable *t = find_table (tables, name);
      ColKind kind = kind_of (PQgetvalue (cols, i, 2));

      if (t == NULL)
        {
          t = g_new0 (PgTable, 1);
          t->name = g_strdup (name);
          t->columns = g_ptr_array_new_with_free_func (g_free);
          t->kinds = g_array_new (FALSE, FALSE, sizeof (ColKind));
          t->identity = g_ptr_array_new_with_free_func (g_free);
          t->key = g_ptr_array_new_with_free_func (g_free);
          t->refs = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (tables, t);
        }
      g_ptr_array_add (t->columns, g_strdup (PQgetvalue (cols, i, 1)));
      g_array_append_val (t->kinds, kind);
      if (PQgetvalue (cols, i, 3)[0] == 't')
        g_ptr_array_add (t->identity, g_strdup (PQgetvalue (cols, i, 1)));
    }
  for (int i = 0; i < PQntuples (keys); i++)
    {
      PgTable *t = find_table (tables, PQgetvalue (keys, i, 0));

      if (t != NULL)
        g_ptr_array_add (t->key, g_strdup (PQgetvalue (keys, i, 1)));
    }
  for (int i = 0; i < PQntuples (refs); i++)
    {
      PgTable *t = find_table (tables, PQgetvalue (refs, i, 0));

      if (t != NULL)
        g_ptr_array_add (t->refs, g_strdup (PQgetvalue (refs, i, 1)));
    }

  /* Foreign-key order: repeatedly take the tables whose references are all placed. */
  ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) pg_table_free);
  while (tables->len > 0)
    {
      gboolean progress = FALSE;

      for (guint i = 0; i < tables->len;)
        {
          PgTable *t = g_ptr_array_index (tables, i);
          gboolean ready = TRUE;

          for (guint r = 0; r < t->refs->len && ready; r++)
            if (find_table (tables, g_ptr_array_index (t->refs, r)) != NULL)
              ready = FALSE;
          if (ready)
            {
              g_ptr_array_add (ordered, g_ptr_array_steal_index (tables, i));
              progress = TRUE;
            }
          else
            i++;
        }
      if (!progress)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                       _("The schema at %s has a cycle of foreign keys (table %s); it cannot be copied in order."),
                       toa_pg_db_describe (db), ((PgTable *) g_ptr_array_index (tables, 0))->name);
          return NULL;
        }
    }
  return g_steal_pointer (&ordered);
}

/* ORDER BY over the primary key (all orderable columns when there is none); text in byte
 * order on the server, as SQLite's BINARY collation sorts it. */
static char *
order_by (PgTable *t, gboolean server)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; t->key->len == 0 && i < t->columns->len; i++)
    {
      ColKind kind = g_array_index (t->kinds, ColKind, i);
      g_autofree char *quoted = quote_ident (g_ptr_array_index (t->columns, i));

      if (kind == COL_JSON || kind == COL_BYTES)
        continue;
      g_string_append_printf (sql, "%s%s%s", sql->len ? ", " : "", quoted,
                              server && kind == COL_TEXT ? " COLLATE \"C\"" : "");
    }
  for (guint k = 0; k < t->key->len; k++)
    {
      const char *col = g_ptr_array_index (t->key, k);
      g_autofree char *quoted = quote_ident (col);
      ColKind kind = COL_TEXT;

      for (guint i = 0; i < t->columns->len; i++)
        if (g_str_equal (g_ptr_array_index (t->columns, i), col))
          kind = g_array_index (t->kinds, ColKind, i);
      g_string_append_printf (sql, "%s%s%s", sql->len ? ", " : "", quoted,
                              server && kind == COL_TEXT ? " COLLATE \"C\"" : "");
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
column_list (PgTable *t)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; i < t->columns->len; i++)
    {
      g_autofree char *quoted = quote_ident (g_ptr_array_index (t->columns, i));

      g_string_append_printf (sql, "%s%s", i ? ", " : "", quoted);
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* ---- rows ------------------------------------------------------------------------------ */

/* Appends @len bytes of text escaped as PostgreSQL's COPY text format writes them. */
static void
append_escaped (GString *line, const char *text, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      switch (c)
        {
        case '\\': g_string_append (line, "\\\\"); break;
        case '\b': g_string_append (line, "\\b"); break;
        case '\f': g_string_append (line, "\\f"); break;
        case '\n': g_string_append (line, "\\n"); break;
        case '\r': g_string_append (line, "\\r"); break;
        case '\t': g_string_append (line, "\\t"); break;
        case '\v': g_string_append (line, "\\v"); break;
        default: g_string_append_c (line, c); break;
        }
    }
}

/* One SQLite row as a COPY text line (with its newline): the canonical form both checksums
 * read. Booleans 0/1 become f/t, blobs \x… hex, other values their text. */
static void
row_line (GString *line, sqlite3_stmt *stmt, PgTable *t)
{
  g_string_truncate (line, 0);
  for (guint i = 0; i < t->columns->len; i++)
    {
      int type = sqlite3_column_type (stmt, (int) i);
      ColKind kind = g_array_index (t->kinds, ColKind, i);

      if (i > 0)
        g_string_append_c (line, '\t');
      if (type == SQLITE_NULL)
        g_string_append (line, "\\N");
      else if (kind == COL_BOOL && type == SQLITE_INTEGER
               && (sqlite3_column_int64 (stmt, (int) i) == 0 || sqlite3_column_int64 (stmt, (int) i) == 1))
        g_string_append_c (line, sqlite3_column_int64 (stmt, (int) i) ? 't' : 'f');
      else if (type == SQLITE_INTEGER)
        g_string_append_printf (line, "%lld", (long long) sqlite3_column_int64 (stmt, (int) i));
      else if (kind == COL_BYTES || type == SQLITE_BLOB)
        {
          const guchar *data = sqlite3_column_blob (stmt, (int) i);
          int n = sqlite3_column_bytes (stmt, (int) i);

          g_string_append (line, "\\\\x");
          for (int b = 0; b < n; b++)
            g_string_append_printf (line, "%02x", data[b]);
        }
      else
        append_escaped (line, (const char *) sqlite3_column_text (stmt, (int) i),
                        (gsize) sqlite3_column_bytes (stmt, (int) i));
    }
  g_string_append_c (line, '\n');
}

static gboolean
copy_error (ToaPgDb *db, GError **error)
{
  g_autoptr(PGresult) res = PQgetResult (toa_pg_db_conn (db));

  while (res != NULL && PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      if (PQresultStatus (res) == PGRES_FATAL_ERROR)
        {
          toa_pg_db_set_error (db, res, error);
          do
            PQclear (res);
          while ((res = PQgetResult (toa_pg_db_conn (db))) != NULL);
          return FALSE;
        }
      PQclear (res);
      res = PQgetResult (toa_pg_db_conn (db));
    }
  /* drain to the end of the command */
  {
    PGresult *rest;

    while ((rest = PQgetResult (toa_pg_db_conn (db))) != NULL)
      PQclear (rest);
  }
  return TRUE;
}

static gboolean
put (ToaPgDb *db, GString *buffer, GError **error)
{
  if (buffer->len == 0)
    return TRUE;
  if (PQputCopyData (toa_pg_db_conn (db), buffer->str, (int) buffer->len) != 1)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO, _("%s: the copy was interrupted: %s"),
                   toa_pg_db_describe (db), PQerrorMessage (toa_pg_db_conn (db)));
      return FALSE;
    }
  g_string_truncate (buffer, 0);
  return TRUE;
}

/* Copies one table's rows; fills @out's source count and checksum. */
static gboolean
copy_table (sqlite3 *src, ToaPgDb *db, PgTable *t, ToaPgCopyTable *out, GError **error)
{
  g_autofree char *cols = column_list (t);
  g_autofree char *order = order_by (t, FALSE);
  g_autofree char *table = quote_ident (t->name);
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", cols, table, order);
  g_autofree char *copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", table, cols);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) buffer = g_string_sized_new (1 << 18);
  g_autoptr(PGresult) start = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (src, select, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The source's table %s does not match the server's schema (%s); nothing was copied."),
                   t->name, sqlite3_errmsg (src));
      return FALSE;
    }
  start = PQexec (toa_pg_db_conn (db), copy);
  if (PQresultStatus (start) != PGRES_COPY_IN)
    {
      toa_pg_db_set_error (db, start, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      row_line (line, stmt, t);
      g_checksum_update (sum, (const guchar *) line->str, (gssize) line->len);
      g_string_append_len (buffer, line->str, (gssize) line->len);
      out->source_rows++;
      if (buffer->len >= (1 << 18) && !put (db, buffer, error))
        break;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("Cannot read the source's table %s: %s"),
                     t->name, sqlite3_errmsg (src));
      PQputCopyEnd (toa_pg_db_conn (db), "source read failed");
      copy_error (db, NULL);
      return FALSE;
    }
  if (!put (db, buffer, error) || PQputCopyEnd (toa_pg_db_conn (db), NULL) != 1)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, TOA_ERROR, TOA_ERROR_IO, _("%s: the copy was interrupted: %s"),
                     toa_pg_db_describe (db), PQerrorMessage (toa_pg_db_conn (db)));
      return FALSE;
    }
  if (!copy_error (db, error))
    return FALSE;
  out->source_sha256 = g_strdup (g_checksum_get_string (sum));
  return TRUE;
}

/* The server's rows of @t through COPY … TO STDOUT, in the same order and form. */
static gboolean
checksum_target (ToaPgDb *db, PgTable *t, ToaPgCopyTable *out, GError **error)
{
  g_autofree char *cols = column_list (t);
  g_autofree char *order = order_by (t, TRUE);
  g_autofree char *table = quote_ident (t->name);
  g_autofree char *sql = g_strdup_printf ("COPY (SELECT %s FROM %s ORDER BY %s) TO STDOUT", cols, table, order);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(PGresult) start = PQexec (toa_pg_db_conn (db), sql);
  char *row = NULL;
  int n;

  if (PQresultStatus (start) != PGRES_COPY_OUT)
    {
      toa_pg_db_set_error (db, start, error);
      return FALSE;
    }
  while ((n = PQgetCopyData (toa_pg_db_conn (db), &row, 0)) > 0)
    {
      g_checksum_update (sum, (const guchar *) row, n);
      out->target_rows++;
      PQfreemem (row);
    }
  if (!copy_error (db, error))
    return FALSE;
  out->target_sha256 = g_strdup (g_checksum_get_string (sum));
  return TRUE;
}

/* Moves each identity past the largest id copied. */
static gboolean
advance_identities (ToaPgDb *db, PgTable *t, GError **error)
{
  for (guint i = 0; i < t->identity->len; i++)
    {
      g_autofree char *col = quote_ident (g_ptr_array_index (t->identity, i));
      g_autofree char *table = quote_ident (t->name);
      g_autofree char *sql = g_strdup_printf (
        "SELECT setval (pg_get_serial_sequence ($1, $2), greatest (coalesce (max (%s), 0), 1), "
        "max (%s) IS NOT NULL) FROM %s", col, col, table);
      const char *params[2] = { table, g_ptr_array_index (t->identity, i) };
      g_autoptr(PGresult) res = toa_pg_db_query (db, sql, 2, params, error);

      if (res == NULL)
        return FALSE;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* ---- the copy -------------------------------------------------------------------------- */

static gboolean
copy_all (sqlite3 *src, ToaPgDb *db, GPtrArray *tables, GHashTable *seeded,
          ToaPgCopyReport *report, GError **error)
{
  const char *fail_after = g_getenv (TOA_PG_COPY_FAIL_ENV);

  /* Seed rows of the schema give way to the source's own (which may have been edited). */
  for (guint i = tables->len; i > 0; i--)
    {
      PgTable *t = g_ptr_array_index (tables, i - 1);
      g_autofree char *table = quote_ident (t->name);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", table);

      if (g_hash_table_contains (seeded, t->name) && !toa_pg_db_exec (db, sql, error))
        return FALSE;
    }
  for (guint i = 0; i < tables->len; i++)
    {
      PgTable *t = g_ptr_array_index (tables, i);
      ToaPgCopyTable *out = g_new0 (ToaPgCopyTable, 1);

      gint64 started = g_get_monotonic_time ();

      out->name = g_strdup (t->name);
      g_ptr_array_add (report->tables, out);
      if (!copy_table (src, db, t, out, error) || !advance_identities (db, t, error))
        return FALSE;
      out->seconds = (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC;
      if (fail_after != NULL && g_str_equal (fail_after, t->name))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                       "%s: forced failure after copying %s (" TOA_PG_COPY_FAIL_ENV ")",
                       toa_pg_db_describe (db), t->name);
          return FALSE;
        }
    }
  for (guint i = 0; i < tables->len; i++)
    {
      PgTable *t = g_ptr_array_index (tables, i);
      ToaPgCopyTable *out = g_ptr_array_index (report->tables, i);

      if (!checksum_target (db, t, out, error))
        return FALSE;
      if (!toa_pg_copy_table_matches (out))
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                       _("Table %s does not verify on %s (%lld rows copied, %lld read back, checksums %s); "
                         "nothing was copied."),
                       t->name, toa_pg_db_describe (db), (long long) out->source_rows,
                       (long long) out->target_rows,
                       g_strcmp0 (out->source_sha256, out->target_sha256) == 0 ? _("equal") : _("differ"));
          return FALSE;
        }
    }
  return TRUE;
}

ToaPgCopyReport *
toa_pg_copy (const char *from, const char *to, GError **error)
{
  g_autoptr(ToaPgCopyReport) report = g_new0 (ToaPgCopyReport, 1);
  g_autoptr(GPtrArray) scripts = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GHashTable) seeded = NULL;
  g_autoptr(GHashTable) in_source = NULL;
  g_autoptr(ToaPgDb) db = NULL;
  g_autoptr(ToaStore) target = NULL;
  gint64 started = g_get_monotonic_time ();
  gboolean has_schema = FALSE;
  gint64 bad_seq = 0;
  sqlite3 *src = NULL;
  gboolean ok;
  int before = 0, after = 0;

  report->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) copy_table_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  if (!(report->source = source_path (from, error)))
    return NULL;
  if (!toa_pg_is_url (to))
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The target of a copy is a PostgreSQL database: give --to postgresql://USER@HOST:PORT/DB."));
      return NULL;
    }
  if (!(src = open_source (report->source, report, error)))
    return NULL;

  if (!(scripts = toa_pg_scripts_load (NULL, TOA_PG_SQL_RESOURCE_DIR, error))
      || !(db = toa_pg_db_connect (to, error)))
    goto fail;
  report->target = g_strdup (toa_pg_db_describe (db));
  seeded = seeded_tables (scripts);

  /* A board already there is refused before anything changes (even a migration). */
  if (toa_pg_schema_version (db, &has_schema, error) < 0
      || (has_schema && !check_target_empty (db, seeded, error))
      || !toa_pg_init (db, scripts, &before, &after, error))
    goto fail;
  report->schema_created = !has_schema;
  if (!(tables = read_catalogue (db, error)) || !(in_source = source_tables (src, error)))
    goto fail;

  /* Tables only one side has: SQLite's full-text index is rebuilt by the server's own
   * generated column; a server-only table (none today) is left as the schema made it. */
  for (guint i = 0; i < tables->len;)
    {
      PgTable *t = g_ptr_array_index (tables, i);

      if (!g_hash_table_remove (in_source, t->name))
        g_ptr_array_remove_index (tables, i);
      else
        i++;
    }
  {
    GHashTableIter iter;
    gpointer name;

    g_hash_table_iter_init (&iter, in_source);
    while (g_hash_table_iter_next (&iter, &name, NULL))
      if (!g_str_has_prefix (name, "sqlite_"))
        g_ptr_array_add (report->skipped, g_strdup (name));
    g_ptr_array_sort (report->skipped, compare_names);
  }

  /* One read snapshot of the source, one transaction on the server. */
  if (sqlite3_exec (src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("Cannot read “%s”: %s"),
                   report->source, sqlite3_errmsg (src));
      goto fail;
    }
  if (!toa_pg_db_begin (db, error))
    goto fail;
  ok = toa_pg_db_exec (db, "SET LOCAL client_encoding = 'UTF8'; SET LOCAL bytea_output = 'hex'; "
                           "SET LOCAL DateStyle = 'ISO'", error)
       && check_target_empty (db, seeded, error)
       && copy_all (src, db, tables, seeded, report, error)
       && toa_pg_db_commit (db, error);
  sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    {
      toa_pg_db_rollback (db);
      goto fail;
    }
  sqlite3_close (src);
  src = NULL;
  g_clear_pointer (&db, toa_pg_db_free);

  /* The copied board through core: its audit chain must verify on the server. */
  if (!(target = toa_store_open (to, TOA_OPEN_EXISTING, error))
      || !toa_audit_verify (target, &report->audit_records, &bad_seq, error))
    {
      g_prefix_error (error, _("The board was copied to %s but does not verify there: "), report->target);
      return NULL;
    }
  report->seconds = (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC;
  return g_steal_pointer (&report);

fail:
  sqlite3_close (src);
  return NULL;
}
