/* test-pg-schema.c — the PostgreSQL schema (resources/sql/postgres/) against the SQLite one
 * it mirrors: it applies on an empty database; every table has the same columns in the same
 * order, kinds and nullability; every table holds the same seed rows; toa_fold() agrees with
 * toa_text_fold() on the shared Vietnamese test strings; search finds folded words and
 * prefixes; the history tables refuse UPDATE, DELETE and TRUNCATE for every role.
 * The SQLite reference is built in memory from the SQLite migrations the PostgreSQL schema
 * covers (1 … SQLITE_EQUIVALENT), with the store's application functions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "toa-pg-migrate.h"
#include "toa-pg-test-server.h"
#include "toa-sqlite-private.h"
#include "toa-text.h"

/* The SQLite schema version the PostgreSQL scripts are equivalent to: raise it with the
 * PostgreSQL migration that ports the next SQLite one. */
#define SQLITE_EQUIVALENT 13

extern GResource *toa_get_resource (void);

static ToaPgTestServer *server;
static PGconn *pg;
static sqlite3 *lite;

/* ---- helpers ------------------------------------------------------------------------- */

static PGresult *
pg_query (const char *sql, int n, const char * const *params)
{
  PGresult *res = PQexecParams (pg, sql, n, NULL, params, NULL, NULL, 0);
  ExecStatusType st = PQresultStatus (res);

  if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
    g_error ("%s\nfailed: %s", sql, PQresultErrorMessage (res));
  return res;
}

static void
pg_ok (const char *sql)
{
  PQclear (pg_query (sql, 0, NULL));
}

static char *
pg_value (const char *sql, int n, const char * const *params)
{
  PGresult *res = pg_query (sql, n, params);
  char *value;

  g_assert_cmpint (PQntuples (res), ==, 1);
  value = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return value;
}

/* @sql must fail with @sqlstate. */
static void
pg_fails (const char *sql, const char *sqlstate)
{
  PGresult *res = PQexec (pg, sql);

  if (PQresultStatus (res) != PGRES_FATAL_ERROR)
    g_error ("%s\nsucceeded, expected SQLSTATE %s", sql, sqlstate);
  g_assert_cmpstr (PQresultErrorField (res, PG_DIAG_SQLSTATE), ==, sqlstate);
  PQclear (res);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* @rows (each row's values joined by U+001F, "\\N" for NULL) sorted, one per line. */
static char *
sorted_rows (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_sort (rows, compare_strings);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) rows->pdata[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GPtrArray *
lite_tables (void)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lite,
                     "SELECT name FROM sqlite_master WHERE type = 'table' "
                     "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                     "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' "
                     "AND name NOT LIKE 'article\\_fts\\_%' ESCAPE '\\' ORDER BY name",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return tables;
}

/* ---- the SQLite reference ---------------------------------------------------------------- */

static void
make_sqlite_reference (void)
{
  g_auto(GStrv) names = NULL;
  int applied = 0;

  g_assert_cmpint (sqlite3_open (":memory:", &lite), ==, SQLITE_OK);
  g_assert_cmpint (toa_sqlite_register_functions (lite), ==, SQLITE_OK);

  names = g_resource_enumerate_children (toa_get_resource (), "/io/github/toasoan/ToaSoan/sql/sqlite/",
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (names);
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat ("/io/github/toasoan/ToaSoan/sql/sqlite/", names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      char *message = NULL;
      gsize len;
      const char *data;

      if (atoi (names[i]) > SQLITE_EQUIVALENT)
        continue;
      bytes = g_resource_lookup_data (toa_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert_nonnull (bytes);
      data = g_bytes_get_data (bytes, &len);
      sql = g_strndup (data, len);
      if (sqlite3_exec (lite, sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("SQLite %s: %s", names[i], message);
      applied++;
    }
  g_assert_cmpint (applied, ==, SQLITE_EQUIVALENT);
}

/* ---- tests ---------------------------------------------------------------------------------- */

/* SQLite's declared type and PostgreSQL's data type in the same words: i(nteger: bigint, or
 * boolean for SQLite's 0/1 flags), t(ext: text, json), b(lob); "!" = NOT NULL. */
static char *
lite_columns (const char *table)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT name, upper (type), \"notnull\", pk "
                                          "FROM pragma_table_info ('%s') ORDER BY cid", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lite, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 1);
      char kind = g_str_equal (type, "INTEGER") ? 'i' : g_str_equal (type, "TEXT") ? 't'
                  : g_str_equal (type, "BLOB") ? 'b' : '?';
      gboolean not_null = sqlite3_column_int (stmt, 2) || sqlite3_column_int (stmt, 3) > 0;

      g_string_append_printf (out, "%s %c%s,", (const char *) sqlite3_column_text (stmt, 0),
                              kind, not_null ? "!" : "");
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
pg_columns (const char *table)
{
  const char *params[] = { table };
  PGresult *res = pg_query (
    "SELECT column_name, CASE WHEN data_type IN ('bigint', 'boolean') THEN 'i' "
    "WHEN data_type IN ('text', 'json') THEN 't' WHEN data_type = 'bytea' THEN 'b' ELSE '?' END, "
    "is_nullable = 'NO' FROM information_schema.columns "
    "WHERE table_schema = current_schema () AND table_name = $1 AND is_generated = 'NEVER' "
    "ORDER BY ordinal_position", 1, params);
  g_autoptr(GString) out = g_string_new (NULL);

  for (int r = 0; r < PQntuples (res); r++)
    g_string_append_printf (out, "%s %s%s,", PQgetvalue (res, r, 0), PQgetvalue (res, r, 1),
                            g_str_equal (PQgetvalue (res, r, 2), "t") ? "!" : "");
  PQclear (res);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_tables (void)
{
  g_autoptr(GPtrArray) tables = lite_tables ();
  g_autoptr(GString) lite_names = g_string_new (NULL);
  g_autoptr(GString) pg_names = g_string_new (NULL);
  PGresult *res;

  g_assert_cmpuint (tables->len, >=, 20);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *want = lite_columns (tables->pdata[i]);
      g_autofree char *got = pg_columns (tables->pdata[i]);

      g_test_message ("%s: %s", (const char *) tables->pdata[i], want);
      g_assert_cmpstr (got, ==, want);
      g_string_append_printf (lite_names, "%s,", (const char *) tables->pdata[i]);
    }

  /* and no table of PostgreSQL's own */
  res = pg_query ("SELECT table_name FROM information_schema.tables "
                  "WHERE table_schema = current_schema () AND table_type = 'BASE TABLE' "
                  "AND table_name <> 'toa_schema_version' "
                  "ORDER BY table_name COLLATE \"C\"", 0, NULL);
  for (int r = 0; r < PQntuples (res); r++)
    g_string_append_printf (pg_names, "%s,", PQgetvalue (res, r, 0));
  PQclear (res);
  g_assert_cmpstr (pg_names->str, ==, lite_names->str);
}

static void
test_seed_rows (void)
{
  g_autoptr(GPtrArray) tables = lite_tables ();
  guint seeded = 0;

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      g_autoptr(GPtrArray) lite_rows = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) pg_rows = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *lite_sql = g_strdup_printf ("SELECT * FROM %s", table);
      g_autofree char *select = NULL;
      g_autofree char *pg_sql = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;
      const char *params[] = { table };
      sqlite3_stmt *stmt = NULL;
      PGresult *res;

      g_assert_cmpint (sqlite3_prepare_v2 (lite, lite_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *v = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (row, "%s\x1f", v != NULL ? v : "\\N");
            }
          g_ptr_array_add (lite_rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);

      /* booleans as SQLite's 0/1, the generated search column left out */
      select = pg_value ("SELECT string_agg (CASE data_type WHEN 'boolean' "
                         "THEN quote_ident (column_name) || '::int' "
                         "ELSE quote_ident (column_name) END, ', ' ORDER BY ordinal_position) "
                         "FROM information_schema.columns WHERE table_schema = current_schema () "
                         "AND table_name = $1 AND is_generated = 'NEVER'", 1, params);
      pg_sql = g_strdup_printf ("SELECT %s FROM %s", select, table);
      res = pg_query (pg_sql, 0, NULL);
      for (int r = 0; r < PQntuples (res); r++)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < PQnfields (res); c++)
            g_string_append_printf (row, "%s\x1f",
                                    PQgetisnull (res, r, c) ? "\\N" : PQgetvalue (res, r, c));
          g_ptr_array_add (pg_rows, g_string_free (row, FALSE));
        }
      PQclear (res);

      g_test_message ("%s: %u rows", table, lite_rows->len);
      g_assert_cmpuint (pg_rows->len, ==, lite_rows->len);
      want = sorted_rows (lite_rows);
      got = sorted_rows (pg_rows);
      g_assert_cmpstr (got, ==, want);
      if (lite_rows->len > 0)
        seeded++;
    }
  /* genres, info_kinds, calendar_holidays, calendar_adjustments, board_settings,
   * intake_channels */
  g_assert_cmpuint (seeded, ==, 6);
}

static void
collect_strings (JsonNode *node, GHashTable *strings)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_strings (json_array_get_element (array, i), strings);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        collect_strings (l->data, strings);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_hash_table_add (strings, g_strdup (json_node_get_string (node)));
}

static void
test_fold (void)
{
  const char *shared = g_getenv ("TOA_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) wrong = g_string_new (NULL);
  g_autofree char *volatility = NULL;
  GHashTableIter iter;
  gpointer key;
  guint compared = 0;

  {
    const char *params[] = { "Bình Phước Đồng Nai HOÀ" };
    g_autofree char *folded = pg_value ("SELECT toa_fold ($1)", 1, params);

    g_assert_cmpstr (folded, ==, "binh phuoc dong nai hoa");
  }
  /* IMMUTABLE, so it may serve generated columns and indexes */
  volatility = pg_value ("SELECT provolatile FROM pg_proc WHERE proname = 'toa_fold'", 0, NULL);
  g_assert_cmpstr (volatility, ==, "i");

  if (shared == NULL)
    {
      g_test_skip ("TOA_SHARED_DIR is not set: no Vietnamese test strings");
      return;
    }
  path = g_build_filename (shared, "testdata", "vietnamese-text.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  /* every string of every case of every section (letters, words, NFD and NFC forms…) */
  collect_strings (json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                           "sections"), strings);

  /* and text the C side keeps where unaccent would not: quotes, dashes, ligatures, scripts */
  {
    static const char *const more[] = {
      "Tuyên truyền “xanh” — sạch ‘đẹp’ …", "ß ﬁ Œuvre Æ Ø Łódź ½ ①", "ΣΑΣ Привет",
      "Ặ Ằ ẶN", "\xcc\x81" "a", "Đường – ĐƯỜNG", "",
    };

    for (guint i = 0; i < G_N_ELEMENTS (more); i++)
      g_hash_table_add (strings, g_strdup (more[i]));
  }

  g_hash_table_iter_init (&iter, strings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *params[] = { key };
      g_autofree char *c_side = NULL;
      g_autofree char *pg_side = NULL;

      if (!g_utf8_validate (key, -1, NULL))
        continue;
      c_side = toa_text_fold (key);
      pg_side = pg_value ("SELECT toa_fold ($1)", 1, params);
      if (g_strcmp0 (c_side, pg_side) != 0)
        g_string_append_printf (wrong, "%s: C \"%s\", PostgreSQL \"%s\"\n",
                                (const char *) key, c_side, pg_side);
      compared++;
    }
  g_test_message ("toa_fold compared on %u strings", compared);
  g_assert_cmpuint (compared, >=, 500);
  g_assert_cmpstr (wrong->str, ==, "");
}

static void
test_search (void)
{
  const char *params[2];
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  g_autofree char *uses_index = NULL;

  pg_ok ("BEGIN");
  pg_ok ("INSERT INTO sites (id, code, name) VALUES (7, 'portal', 'Cổng TTĐT')");
  pg_ok ("INSERT INTO articles (site_id, genre, title, title_fold, sapo, body_html, state, "
         "created_at, updated_at) VALUES (7, 'tin', 'Bình Phước đón khách', "
         "toa_fold ('Bình Phước đón khách'), 'Sáng nay', "
         "'<p>Tỉnh <b>Đồng</b> Nai&nbsp;và<br>Thuỷ</p><script>ẩn()</script>', "
         "'draft', 1, 1)");

  text = pg_value ("SELECT toa_html_text ('<p>Tỉnh <b>Đồng</b> Nai&nbsp;và<br>Thuỷ</p>"
                   "<!-- x --><script>ẩn()</script>x<style>b</style>y')", 0, NULL);
  g_assert_cmpstr (text, ==, " Tỉnh Đồng Nai và Thuỷ  x y");

  /* words of the title, sapo and body, folded; a prefix; tone marks anywhere */
  static const char *const found[] = { "binh & phuoc", "PHƯỚC", "sáng", "dong <-> nai",
                                       "thuy", "kha:*", "thủy" };
  static const char *const missing[] = { "an", "script", "hanoi", "binh <-> khach" };

  for (guint i = 0; i < G_N_ELEMENTS (found) + G_N_ELEMENTS (missing); i++)
    {
      gboolean want = i < G_N_ELEMENTS (found);
      g_autofree char *n = NULL;

      params[0] = want ? found[i] : missing[i - G_N_ELEMENTS (found)];
      n = pg_value ("SELECT count(*) FROM articles "
                    "WHERE search @@ to_tsquery ('simple', toa_fold ($1))", 1, params);
      g_test_message ("%s → %s", params[0], n);
      g_assert_cmpstr (n, ==, want ? "1" : "0");
    }

  /* the GIN index can serve it */
  pg_ok ("SET LOCAL enable_seqscan = off");
  {
    PGresult *res = pg_query ("EXPLAIN SELECT id FROM articles "
                              "WHERE search @@ to_tsquery ('simple', 'binh')", 0, NULL);
    GString *plan = g_string_new (NULL);

    for (int r = 0; r < PQntuples (res); r++)
      g_string_append_printf (plan, "%s\n", PQgetvalue (res, r, 0));
    PQclear (res);
    uses_index = g_string_free (plan, FALSE);
  }
  g_test_message ("%s", uses_index);
  g_assert_nonnull (strstr (uses_index, "articles_search"));

  /* ids given by a copy and ids left to the identity both work */
  count = pg_value ("INSERT INTO sites (code, name) VALUES ('so-y-te', 'Sở Y tế') RETURNING id",
                    0, NULL);
  g_assert_cmpstr (count, ==, "1");
  pg_ok ("ROLLBACK");
}

static void
test_append_only (void)
{
  g_autofree char *left = NULL;

  pg_ok ("INSERT INTO audit_log (at, action, object_type, prev_hash, hash) "
         "VALUES (1, 'test', 'board', '', 'h1')");
  pg_ok ("INSERT INTO people (id, login, full_name) VALUES (1, 'an', 'Nguyễn Văn An')");
  pg_ok ("INSERT INTO sites (id, code, name) VALUES (1, 'portal', 'Cổng')");
  pg_ok ("INSERT INTO articles (id, site_id, genre, title, title_fold, state, created_at, "
         "updated_at) VALUES (1, 1, 'tin', 'Tin', 'tin', 'draft', 1, 1)");
  pg_ok ("INSERT INTO article_transitions (article_id, transition, from_state, to_state, "
         "actor_id, at) VALUES (1, 'submit', 'draft', 'editing', 1, 2)");
  pg_ok ("INSERT INTO workflow_definitions (code, version, name, definition_json, created_at) "
         "VALUES ('w', 1, 'W', '{\"states\": []}', 1)");
  pg_ok ("INSERT INTO transition_requests (id, article_id, transition, from_state, to_state, "
         "article_version, requested_by, requested_at) "
         "VALUES (1, 1, 'withdraw', 'published', 'withdrawn', 1, 1, 3)");

  /* The owner (here a superuser) first, then an ordinary role with every privilege (and
   * past the row-level security of 005-security.sql, which would hide the rows). */
  pg_ok ("CREATE ROLE toa_test_desk BYPASSRLS");
  pg_ok ("GRANT ALL ON ALL TABLES IN SCHEMA public TO toa_test_desk");
  for (int as_desk = 0; as_desk <= 1; as_desk++)
    {
      if (as_desk)
        pg_ok ("SET ROLE toa_test_desk");
      pg_fails ("UPDATE audit_log SET detail = 'rewritten'", "23001");
      pg_fails ("DELETE FROM audit_log", "23001");
      pg_fails ("TRUNCATE audit_log", "23001");
      pg_fails ("UPDATE article_transitions SET comment = 'x'", "23001");
      pg_fails ("DELETE FROM article_transitions", "23001");
      pg_fails ("UPDATE workflow_definitions SET name = 'x'", "23001");
      pg_fails ("DELETE FROM workflow_definitions", "23001");
      pg_fails ("DELETE FROM transition_requests", "23001");
    }
  pg_ok ("RESET ROLE");

  left = pg_value ("SELECT count(*) || ' ' || min (hash) || ' ' || (min (detail) IS NULL) "
                   "FROM audit_log", 0, NULL);
  g_assert_cmpstr (left, ==, "1 h1 true");

  /* a pending request is decided once; then it never changes */
  pg_fails ("UPDATE transition_requests SET status = 'approved'", "23514");   /* needs decided_at */
  pg_ok ("UPDATE transition_requests SET status = 'approved', decided_by = 1, decided_at = 4");
  pg_fails ("UPDATE transition_requests SET decision_comment = 'later'", "23001");

  /* integrity as in SQLite: CHECKs and foreign keys */
  pg_fails ("INSERT INTO articles (site_id, genre, title, title_fold, state, created_at, "
            "updated_at) VALUES (1, 'tin', 'T', 't', 'lost', 1, 1)", "23514");
  pg_fails ("INSERT INTO articles (site_id, genre, title, title_fold, state, created_at, "
            "updated_at) VALUES (1, 'no-such-genre', 'T', 't', 'draft', 1, 1)", "23503");
  pg_fails ("INSERT INTO workflow_definitions (code, version, name, definition_json, created_at) "
            "VALUES ('w', 2, 'W', '{not json', 1)", "22P02");
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) scripts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_test_init (&argc, &argv, NULL);

  server = toa_pg_test_server_start ();
  g_assert_true (toa_pg_test_server_create_db (server, "toa_schema", &error));
  g_assert_no_error (error);

  /* the schema applies on an empty database, each script in one transaction */
  scripts = toa_pg_scripts_load (NULL, TOA_PG_SQL_RESOURCE_DIR, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scripts->len, >=, 1);
  for (guint i = 0; i < scripts->len; i++)
    {
      ToaPgScript *script = scripts->pdata[i];
      g_autofree char *sql = g_strconcat ("BEGIN;\n", script->sql, "\nCOMMIT;", NULL);

      if (!toa_pg_test_server_exec (server, "toa_schema", sql, &error))
        g_error ("%s: %s", script->name, error->message);
    }

  url = toa_pg_test_server_url (server, "toa_schema");
  pg = PQconnectdb (url);
  g_assert_cmpint (PQstatus (pg), ==, CONNECTION_OK);
  make_sqlite_reference ();

  g_test_add_func ("/pg-schema/tables", test_tables);
  g_test_add_func ("/pg-schema/seed-rows", test_seed_rows);
  g_test_add_func ("/pg-schema/fold", test_fold);
  g_test_add_func ("/pg-schema/search", test_search);
  g_test_add_func ("/pg-schema/append-only", test_append_only);

  {
    int status = g_test_run ();

    PQfinish (pg);
    sqlite3_close (lite);
    toa_pg_test_server_stop (server);
    return status;
  }
}
