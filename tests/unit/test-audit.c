/* test-audit.c — the hash-chained audit log on a real SQLite file: appending, verifying,
 * and tampering behind the program's back (editing, deleting, swapping records) with the
 * sqlite3 API directly, after dropping the append-only triggers the store installs. */
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "toa-audit.h"
#include "toa-error.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static ToaStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  ToaStore *store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
append_records (ToaStore *store, guint n, gint64 first_object)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (toa_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *detail = g_strdup_printf ("{\"n\":%u,\"tên\":\"Bình Phước\"}", i);

      g_assert_true (toa_audit_append (store, 1, "test.record", "article", first_object + i,
                                       detail, &error));
      g_assert_no_error (error);
    }
  g_assert_true (toa_store_commit (store, &error));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaStore) store = NULL;

  f->dir = toa_test_make_dir ();
  f->path = g_build_filename (f->dir, "audit.db", NULL);
  store = open_store (f->path);
  append_records (store, GPOINTER_TO_UINT (data), 100);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  toa_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs @sql on the file directly, as someone with a copy of the database could. */
static void
tamper (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  if (toa_test_store_is_pg ())
    {
      /* on the server: its superuser switches the append-only triggers off */
      g_autoptr(GError) error = NULL;
      g_autofree char *all = g_strdup_printf ("ALTER TABLE audit_log DISABLE TRIGGER USER; %s; "
                                              "ALTER TABLE audit_log ENABLE TRIGGER USER;", sql);

      if (!toa_test_store_exec (path, all, &error))
        g_error ("tampering failed: %s", error->message);
      return;
    }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, "DROP TRIGGER IF EXISTS audit_log_no_update;"
                        "DROP TRIGGER IF EXISTS audit_log_no_delete;", NULL, NULL, &message) != SQLITE_OK
      || sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("tampering failed: %s", message);
  sqlite3_close (db);
}

static void
expect_broken (const char *path, gint64 bad)
{
  g_autoptr(ToaStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *number = g_strdup_printf (" %" G_GINT64_FORMAT ":", bad);
  gint64 count = -1, bad_seq = -1;

  g_assert_false (toa_audit_verify (store, &count, &bad_seq, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_assert_cmpint (bad_seq, ==, bad);
  g_assert_cmpint (count, ==, bad - 1);   /* the records before it were checked */
  g_assert_nonnull (strstr (error->message, number));
}

static void
test_intact (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaStore) store = open_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 count = -1, bad_seq = -1;
  const ToaAuditRecord *first, *second;

  g_assert_true (toa_audit_verify (store, &count, &bad_seq, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 5);
  g_assert_cmpint (bad_seq, ==, 0);

  records = toa_store_audit_list (store, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 5);
  first = g_ptr_array_index (records, 0);
  second = g_ptr_array_index (records, 1);
  g_assert_cmpint (first->seq, ==, 1);
  g_assert_cmpstr (first->prev_hash, ==, "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_cmpstr (second->prev_hash, ==, first->hash);
  g_assert_cmpuint (strlen (first->hash), ==, 64);
  g_assert_cmpstr (first->action, ==, "test.record");
  g_assert_cmpint (first->object_id, ==, 100);
  g_assert_cmpint (first->actor_id, ==, 1);
  g_assert_cmpint (ABS (first->at - g_get_real_time ()), <, 60 * G_USEC_PER_SEC);

  /* more records chain on */
  append_records (store, 2, 200);
  g_assert_true (toa_audit_verify (store, &count, NULL, &error));
  g_assert_cmpint (count, ==, 7);
}

static void
test_empty_log (void)
{
  g_autofree char *dir = toa_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(ToaStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  g_assert_true (toa_audit_verify (store, &count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 0);
  g_clear_object (&store);
  toa_test_remove_dir (dir);
}

static void
test_record_hash (void)
{
  g_autoptr(ToaAuditRecord) record = toa_audit_record_new ();
  g_autofree char *h1 = NULL;
  g_autofree char *h2 = NULL;
  g_autofree char *h3 = NULL;
  g_autofree char *h4 = NULL;
  g_autofree char *expected = NULL;

  record->seq = 1;
  record->at = 1700000000000000;
  record->actor_id = 2;
  record->action = g_strdup ("person.add");
  record->object_type = g_strdup ("person");
  record->object_id = 3;
  record->detail = g_strdup ("{\"login\":\"lan\"}");
  record->prev_hash = g_strdup ("0000000000000000000000000000000000000000000000000000000000000000");
  h1 = toa_audit_record_hash (record);

  /* the canonical form, spelled out: fields joined with newlines in a fixed order */
  expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                            "1\n1700000000000000\n2\nperson.add\nperson\n3\n"
                                            "{\"login\":\"lan\"}\n"
                                            "0000000000000000000000000000000000000000000000000000000000000000",
                                            -1);
  g_assert_cmpstr (h1, ==, expected);

  record->hash = g_strdup ("ignored");
  h2 = toa_audit_record_hash (record);
  g_assert_cmpstr (h1, ==, h2);

  record->object_id = 4;
  h3 = toa_audit_record_hash (record);
  g_assert_cmpstr (h1, !=, h3);

  record->object_id = 3;
  record->seq = 2;
  h4 = toa_audit_record_hash (record);
  g_assert_cmpstr (h1, !=, h4);

  /* an absent detail and an empty one hash differently */
  {
    g_autofree char *h_null = NULL;
    g_autofree char *h_empty = NULL;

    g_clear_pointer (&record->detail, g_free);
    h_null = toa_audit_record_hash (record);
    record->detail = g_strdup ("");
    h_empty = toa_audit_record_hash (record);
    g_assert_cmpstr (h_null, !=, h_empty);
  }
}

static void
test_edited (Fixture *f, gconstpointer data)
{
  tamper (f->path, "UPDATE audit_log SET detail = '{\"n\":99}' WHERE seq = 3");
  expect_broken (f->path, 3);
}

static void
test_edited_actor (Fixture *f, gconstpointer data)
{
  tamper (f->path, "UPDATE audit_log SET actor_id = 7 WHERE seq = 5");
  expect_broken (f->path, 5);
}

static void
test_edited_and_rehashed (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaStore) store = open_store (f->path);
  g_autoptr(GPtrArray) records = toa_store_audit_list (store, 2, 1, NULL);
  ToaAuditRecord *record = g_ptr_array_index (records, 0);
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;

  /* the forger recomputes record 3's own hash: record 4 no longer follows it */
  g_free (record->detail);
  record->detail = g_strdup ("{\"n\":99}");
  hash = toa_audit_record_hash (record);
  sql = g_strdup_printf ("UPDATE audit_log SET detail = '{\"n\":99}', hash = '%s' WHERE seq = 3", hash);
  g_clear_object (&store);
  tamper (f->path, sql);
  expect_broken (f->path, 4);
}

static void
test_deleted (Fixture *f, gconstpointer data)
{
  tamper (f->path, "DELETE FROM audit_log WHERE seq = 3");
  expect_broken (f->path, 3);
}

static void
test_deleted_first (Fixture *f, gconstpointer data)
{
  tamper (f->path, "DELETE FROM audit_log WHERE seq = 1");
  expect_broken (f->path, 1);
}

static void
test_swapped (Fixture *f, gconstpointer data)
{
  /* records 2 and 4 trade places: each keeps its content but takes the other's seq */
  tamper (f->path,
          "UPDATE audit_log SET seq = -2 WHERE seq = 2;"
          "UPDATE audit_log SET seq = 2 WHERE seq = 4;"
          "UPDATE audit_log SET seq = 4 WHERE seq = -2;");
  expect_broken (f->path, 2);
}

static void
test_renumbered (Fixture *f, gconstpointer data)
{
  /* record 3 removed and the rest renumbered to hide the gap */
  tamper (f->path,
          "DELETE FROM audit_log WHERE seq = 3;"
          "UPDATE audit_log SET seq = seq - 1 WHERE seq > 3;");
  expect_broken (f->path, 3);
}

static void
test_batches (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  {
    g_autoptr(ToaStore) store = open_store (f->path);

    g_assert_true (toa_audit_verify (store, &count, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count, ==, 2500);
  }
  /* a record in the third batch of 1000 */
  tamper (f->path, "UPDATE audit_log SET object_type = 'person' WHERE seq = 2001");
  expect_broken (f->path, 2001);
}

int
main (int argc, char **argv)
{
  /* the assertions read English messages: never pick up an installed catalogue */
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, n, fn) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, fn, fixture_tear_down)

  g_test_add_func ("/audit/record-hash", test_record_hash);
  g_test_add_func ("/audit/empty", test_empty_log);
  ADD ("/audit/intact", 5, test_intact);
  ADD ("/audit/tamper/edited", 5, test_edited);
  ADD ("/audit/tamper/edited-actor", 5, test_edited_actor);
  ADD ("/audit/tamper/edited-and-rehashed", 5, test_edited_and_rehashed);
  ADD ("/audit/tamper/deleted", 5, test_deleted);
  ADD ("/audit/tamper/deleted-first", 5, test_deleted_first);
  ADD ("/audit/tamper/swapped", 5, test_swapped);
  ADD ("/audit/tamper/renumbered", 5, test_renumbered);
  ADD ("/audit/batches", 2500, test_batches);

#undef ADD

  return g_test_run ();
}
