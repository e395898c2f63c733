/* test-migrations.c — suite "migrations": a new file migrates to the latest schema; a file
 * at EVERY earlier version keeps its data (up to 010's attached files) and gains search; bad files (newer, corrupt,
 * foreign, locked, unreadable, missing) are refused with the right error and left as
 * they were. */
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store-test-util.h"
#include "toa-error.h"
#include "toa-text.h"

static gint64
pragma_int (ToaSqliteStore *store, const char *sql)
{
  sqlite3 *db = toa_sqlite_store_get_handle (store);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
pragma_text (ToaSqliteStore *store, const char *sql)
{
  sqlite3 *db = toa_sqlite_store_get_handle (store);
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
test_empty_to_latest (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "toasoan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSqliteStore) store = NULL;
  g_autoptr(GPtrArray) genres = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autofree char *journal = NULL;
  struct stat st;

  store = toa_sqlite_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* Owner-only file in newly made folders. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (toa_store_schema_version (TOA_STORE (store)), ==, toa_sqlite_store_latest_version ());
  g_assert_cmpint (toa_sqlite_store_latest_version (), >=, 2);
  g_assert_cmpint (pragma_int (store, "PRAGMA user_version"), ==, toa_sqlite_store_latest_version ());
  g_assert_cmpint (pragma_int (store, "PRAGMA application_id"), ==, TOA_SQLITE_APPLICATION_ID);
  g_assert_cmpint (pragma_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (store, "PRAGMA synchronous"), ==, 1);   /* NORMAL */
  g_assert_cmpint (pragma_int (store, "PRAGMA busy_timeout"), >, 0);
  journal = pragma_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (toa_store_describe (TOA_STORE (store)), ==, path);

  genres = toa_store_genre_list (TOA_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (genres->len, ==, 12);
  kinds = toa_store_info_kind_list (TOA_STORE (store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kinds->len, ==, 9);

  /* Opening again changes nothing and needs no migration. */
  g_clear_object (&store);
  store = toa_sqlite_store_open (path, TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (toa_store_schema_version (TOA_STORE (store)), ==, toa_sqlite_store_latest_version ());

  g_clear_object (&store);
  store_test_rmtree (dir);
}

/* Fills an older-schema store through the same interface, then reopens it normally. */
static void
test_from_version (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSqliteStore) store = NULL;
  g_autoptr(ToaArticle) article = NULL;
  g_autoptr(ToaPerson) person = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(ToaAuditRecord) record = toa_audit_record_new ();
  g_autoptr(ToaRevision) revision = toa_revision_new ();
  g_autoptr(ToaComment) comment = toa_comment_new ();
  g_autoptr(GArray) ids = NULL;
  StoreTestBoard board;
  gint64 id_bp, id_dn, id_body;

  store = toa_sqlite_store_create_at_version (path, version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (toa_store_schema_version (TOA_STORE (store)), ==, version);
  g_assert_cmpint (pragma_int (store, "PRAGMA user_version"), ==, version);

  store_test_board (TOA_STORE (store), &board);
  id_bp = store_test_insert (TOA_STORE (store), &board, "Bình Phước đón nhà đầu tư", "Sapo về hoà bình", NULL);
  id_dn = store_test_insert (TOA_STORE (store), &board, "Đồng Nai khởi công cầu mới", NULL, NULL);
  id_body = store_test_insert (TOA_STORE (store), &board, "Tin văn hóa",
                               NULL, "<p>Lễ hội <b>Bà Rá</b> thu hút du khách</p>");

  revision->article_id = id_bp;
  revision->title = g_strdup ("Bình Phước đón nhà đầu tư");
  revision->author_id = board.editor_id;
  g_assert_true (toa_store_revision_add (TOA_STORE (store), revision, &error));
  g_assert_no_error (error);
  comment->article_id = id_bp;
  comment->person_id = board.secretary_id;
  comment->body = g_strdup ("Cần bổ sung số liệu.");
  g_assert_true (toa_store_comment_add (TOA_STORE (store), comment, &error));
  g_assert_no_error (error);
  record->seq = 1;
  record->at = 1000;
  record->action = g_strdup ("article.create");
  record->object_type = g_strdup ("article");
  record->object_id = id_bp;
  record->prev_hash = g_strnfill (64, '0');
  record->hash = g_strnfill (64, 'a');
  g_assert_true (toa_store_audit_insert (TOA_STORE (store), record, &error));
  g_assert_no_error (error);
  if (version >= 5)
    {
      /* A delegation written before 009 (no form column yet). */
      g_autofree char *sql = g_strdup_printf ("INSERT INTO delegations (from_person, to_person, site_id, actions, "
                                              "from_date, to_date, created_at) VALUES (%lld, %lld, %lld, "
                                              "'publish', '2025-01-01', '2025-01-31', 1)",
                                              (long long) board.secretary_id, (long long) board.editor_id,
                                              (long long) board.portal_id);

      g_assert_cmpint (sqlite3_exec (toa_sqlite_store_get_handle (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  if (version >= 6)
    {
      /* An intake record listing its files by name only, as before 010. */
      g_autofree char *sql = g_strdup_printf ("INSERT INTO intake_records (article_id, channel, sender_name, "
                                              "received_on, attachments, created_at) VALUES (%lld, 'post', "
                                              "'Sở Nội vụ', '2025-01-02', '[\"cong-van.pdf\",\"anh.jpg\"]', 1)",
                                              (long long) id_dn);

      g_assert_cmpint (sqlite3_exec (toa_sqlite_store_get_handle (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  if (version >= 10)
    {
      /* A file kept with its content (010). */
      g_autoptr(GBytes) content = g_bytes_new_static ("%PDF-1.4 x", 10);
      g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
      g_autoptr(ToaAttachment) attachment = toa_attachment_new ();

      g_assert_true (toa_store_stored_file_put (TOA_STORE (store), hash, "application/pdf", content, &error));
      g_assert_no_error (error);
      attachment->article_id = id_body;
      attachment->position = 1;
      attachment->file_name = g_strdup ("giay-moi.pdf");
      attachment->sha256 = g_strdup (hash);
      attachment->added_by = board.editor_id;
      g_assert_true (toa_store_article_attachment_add (TOA_STORE (store), attachment, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);

  store = toa_sqlite_store_open (path, TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (toa_store_schema_version (TOA_STORE (store)), ==, toa_sqlite_store_latest_version ());
  g_assert_cmpint (pragma_int (store, "PRAGMA user_version"), ==, toa_sqlite_store_latest_version ());

  article = toa_store_article_get (TOA_STORE (store), id_bp, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (article->title, ==, "Bình Phước đón nhà đầu tư");
  g_assert_cmpstr (article->site_code, ==, "portal");
  g_assert_cmpstr (article->created_by_name, ==, "Nguyễn Văn An");
  g_assert_cmpuint (article->authors->len, ==, 1);

  person = toa_store_person_find (TOA_STORE (store), "thuky", &error);
  g_assert_no_error (error);
  g_assert_true (toa_person_has_role (person, board.portal_id, TOA_ROLE_SECRETARY));

  revisions = toa_store_revision_list (TOA_STORE (store), id_bp, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  comments = toa_store_comment_list (TOA_STORE (store), id_bp, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  audit = toa_store_audit_list (TOA_STORE (store), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((ToaAuditRecord *) audit->pdata[0])->hash, ==, record->hash);

  /* Rows that existed before the search migration are indexed. */
  ids = store_test_search_ids (TOA_STORE (store), "binh phuoc");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (store_test_ids_contain (ids, id_bp));
  g_clear_pointer (&ids, g_array_unref);
  ids = store_test_search_ids (TOA_STORE (store), "dong nai");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (store_test_ids_contain (ids, id_dn));
  g_clear_pointer (&ids, g_array_unref);
  ids = store_test_search_ids (TOA_STORE (store), "ba ra");
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (store_test_ids_contain (ids, id_body));
  g_clear_pointer (&ids, g_array_unref);

  /* And rows written after it too. */
  {
    gint64 id_new = store_test_insert (TOA_STORE (store), &board, "Hòa Bình mùa lúa", NULL, NULL);

    ids = store_test_search_ids (TOA_STORE (store), "hoa binh");
    g_assert_cmpuint (ids->len, ==, 2);   /* the new title and the older sapo "hoà bình" */
    g_assert_true (store_test_ids_contain (ids, id_new));
    g_assert_true (store_test_ids_contain (ids, id_bp));
  }

  /* Approval requests (008): the table is there, empty, and timeline rows gain approved_by. */
  g_assert_cmpint (pragma_int (store, "SELECT count(*) FROM transition_requests"), ==, 0);
  g_assert_cmpint (pragma_int (store, "SELECT count(*) FROM pragma_table_info ('article_transitions') "
                                      "WHERE name = 'approved_by'"), ==, 1);
  /* The form of signing (009): delegations default to KT; timeline rows gain behalf_form. */
  g_assert_cmpint (pragma_int (store, "SELECT count(*) FROM pragma_table_info ('delegations') "
                                      "WHERE name = 'form' AND dflt_value = '''KT'''"), ==, 1);
  g_assert_cmpint (pragma_int (store, "SELECT count(*) FROM pragma_table_info ('article_transitions') "
                                      "WHERE name = 'behalf_form'"), ==, 1);
  if (version >= 5)
    {
      g_autoptr(ToaDelegation) kept = toa_store_delegation_get (TOA_STORE (store), 1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (kept->form, ==, "KT");
      g_assert_cmpstr (kept->from_date, ==, "2025-01-01");
      g_assert_cmpint (kept->from_person, ==, board.secretary_id);
    }
  /* Files kept with items (010): the tables, the board's size limit with its source; names
   * recorded before stay readable; contents stored since are kept. */
  g_assert_cmpint (pragma_int (store, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                      "('stored_files', 'article_attachments')"), ==, 2);
  g_assert_cmpint (pragma_int (store, "SELECT CAST(value AS INTEGER) FROM board_settings "
                                      "WHERE key = 'attachment_max_bytes' AND source <> ''"), ==, 25 * 1024 * 1024);
  if (version >= 6)
    {
      g_autoptr(ToaIntakeRecord) intake = toa_store_intake_record_get (TOA_STORE (store), id_dn, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (intake->attachments), ==, 2);
      g_assert_cmpstr (intake->attachments[0], ==, "cong-van.pdf");
    }
  {
    g_autoptr(GPtrArray) files = toa_store_article_attachment_list (TOA_STORE (store), id_body, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, version >= 10 ? 1 : 0);
    if (version >= 10)
      {
        g_autoptr(GBytes) content = toa_store_stored_file_get (TOA_STORE (store),
                                                               ((ToaAttachment *) files->pdata[0])->sha256, &error);

        g_assert_no_error (error);
        g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content), "%PDF-1.4 x", 10);
        g_assert_cmpint (((ToaAttachment *) files->pdata[0])->size, ==, 10);
      }
  }

  g_clear_object (&store);
  store_test_rmtree (dir);
}

/* Opens @path expecting @code; checks the file was left byte-identical. */
static void
assert_refused (const char *path, ToaOpenFlags flags, int code, const char *in_message)
{
  g_autoptr(GBytes) before = g_file_test (path, G_FILE_TEST_IS_REGULAR) ? store_test_read_file (path) : NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = NULL;

  store = toa_store_open (path, flags, &error);
  g_assert_null (store);
  g_assert_error (error, TOA_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));

  if (before != NULL)
    {
      after = store_test_read_file (path);
      g_assert_true (g_bytes_equal (before, after));
    }
}

static char *
make_latest (const char *dir, const char *name, int n_articles)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSqliteStore) store = toa_sqlite_store_open (path, TOA_OPEN_CREATE, &error);
  StoreTestBoard board;
  g_autofree char *body = NULL;
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < 200; i++)
    g_string_append (text, "<p>Nội dung bài viết về phát triển kinh tế - xã hội của tỉnh.</p>");
  body = g_string_free (text, FALSE);
  store_test_board (TOA_STORE (store), &board);
  for (int i = 0; i < n_articles; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bài số %d về Bình Phước", i);
      store_test_insert (TOA_STORE (store), &board, title, NULL, body);
    }
  return path;
}

static void
test_newer_refused (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = make_latest (dir, "newer.db", 3);
  g_autofree char *version = g_strdup_printf ("schema %d", toa_sqlite_store_latest_version () + 7);
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", toa_sqlite_store_latest_version () + 7);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_refused (path, TOA_OPEN_EXISTING, TOA_ERROR_DB_NEWER, version);
  assert_refused (path, TOA_OPEN_CREATE, TOA_ERROR_DB_NEWER, "newer version");
  store_test_rmtree (dir);
}

static void
test_corrupt_refused (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *random_path = g_build_filename (dir, "random.db", NULL);
  g_autofree char *truncated_path = NULL;
  g_autofree char *garbled_path = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  guint8 noise[8192];
  struct stat st;

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (random_path, (const char *) noise, sizeof noise, &error));
  assert_refused (random_path, TOA_OPEN_EXISTING, TOA_ERROR_DB_CORRUPT, "backup");
  assert_refused (random_path, TOA_OPEN_CREATE, TOA_ERROR_DB_CORRUPT, "backup");

  /* A real database cut in half. */
  truncated_path = make_latest (dir, "truncated.db", 60);
  g_assert_cmpint (g_stat (truncated_path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 100000);
  g_assert_cmpint (truncate (truncated_path, st.st_size / 2), ==, 0);
  assert_refused (truncated_path, TOA_OPEN_EXISTING, TOA_ERROR_DB_CORRUPT, "backup");

  /* Header intact, the schema page overwritten. */
  garbled_path = make_latest (dir, "garbled.db", 2);
  {
    int fd = g_open (garbled_path, O_WRONLY, 0);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (pwrite (fd, noise, 3000, 100), ==, 3000);
    close (fd);
  }
  assert_refused (garbled_path, TOA_OPEN_EXISTING, TOA_ERROR_DB_CORRUPT, "backup");

  store_test_rmtree (dir);
}

static void
test_foreign_refused (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *path2 = g_build_filename (dir, "other2.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, TOA_OPEN_EXISTING, TOA_ERROR_DB_FOREIGN, NULL);
  assert_refused (path, TOA_OPEN_CREATE, TOA_ERROR_DB_FOREIGN, NULL);

  /* Another program's application_id, even without tables. */
  g_assert_cmpint (sqlite3_open (path2, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA application_id = 1234", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path2, TOA_OPEN_CREATE, TOA_ERROR_DB_FOREIGN, NULL);

  store_test_rmtree (dir);
}

static void
test_locked (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = make_latest (dir, "locked.db", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = NULL;
  sqlite3 *other = NULL;
  gint64 start, elapsed;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                                        "INSERT INTO units (code, name) VALUES ('khoa', 'Khóa')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_setenv (TOA_SQLITE_BUSY_TIMEOUT_ENV, "300", TRUE);
  start = g_get_monotonic_time ();
  store = toa_store_open (path, TOA_OPEN_EXISTING, &error);
  elapsed = g_get_monotonic_time () - start;
  g_unsetenv (TOA_SQLITE_BUSY_TIMEOUT_ENV);

  g_assert_null (store);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_DB_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (elapsed, >=, 250000);      /* it did wait for the timeout */
  g_assert_cmpint (elapsed, <, 3000000);      /* and no longer */

  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  /* Once released, it opens. */
  g_clear_error (&error);
  store = toa_store_open (path, TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);
  store_test_rmtree (dir);
}

static void
test_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can read any file");
      return;
    }
  dir = store_test_tmpdir ();
  path = make_latest (dir, "secret.db", 1);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_refused (path, TOA_OPEN_EXISTING, TOA_ERROR_IO, NULL);
  g_chmod (path, 0600);
  store_test_rmtree (dir);
}

static void
test_not_a_file (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "folder.db", NULL);

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_refused (path, TOA_OPEN_EXISTING, TOA_ERROR_IO, NULL);
  assert_refused (path, TOA_OPEN_CREATE, TOA_ERROR_IO, NULL);
  store_test_rmtree (dir);
}

static void
test_missing (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing", "toasoan.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = NULL;

  assert_refused (path, TOA_OPEN_EXISTING, TOA_ERROR_NOT_FOUND, "toasoan-cli init");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* An existing empty file is not silently set up either, unless asked to create. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (empty, TOA_OPEN_EXISTING, TOA_ERROR_NOT_FOUND, "toasoan-cli init");
  store = toa_store_open (empty, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (toa_store_schema_version (store), ==, toa_sqlite_store_latest_version ());
  g_clear_object (&store);
  store_test_rmtree (dir);
}

static void
test_locations (void)
{
  g_autofree char *dir = store_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "uri db.db", NULL);
  g_autofree char *uri = g_strconcat ("sqlite://", dir, "/uri%20db.db", NULL);
  g_autofree char *default_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = NULL;

  store = toa_store_open (uri, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (toa_store_describe (store), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&store);

  /* sqlite://localhost/… is this machine; another host is refused, never opened locally */
  {
    g_autofree char *local_uri = g_strconcat ("sqlite://localhost", dir, "/uri%20db.db", NULL);
    g_autofree char *remote_uri = g_strconcat ("sqlite://fileserver", dir, "/remote.db", NULL);
    g_autofree char *remote_path = g_build_filename (dir, "remote.db", NULL);

    store = toa_store_open (local_uri, TOA_OPEN_EXISTING, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    store = toa_store_open (remote_uri, TOA_OPEN_CREATE, &error);
    g_assert_null (store);
    g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (g_file_test (remote_path, G_FILE_TEST_EXISTS));
  }

  store = toa_store_open ("postgresql://toasoan@localhost/board", TOA_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "PostgreSQL"));
  g_clear_error (&error);

  default_path = toa_store_default_path ();
  g_assert_true (g_str_has_prefix (default_path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (default_path, "/toasoan/toasoan.db"));
  store_test_rmtree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrations/empty-to-latest", test_empty_to_latest);
  for (int v = 1; v <= toa_sqlite_store_latest_version (); v++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/from-version-%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_from_version);
    }
  g_test_add_func ("/migrations/newer-refused", test_newer_refused);
  g_test_add_func ("/migrations/corrupt-refused", test_corrupt_refused);
  g_test_add_func ("/migrations/foreign-refused", test_foreign_refused);
  g_test_add_func ("/migrations/locked", test_locked);
  g_test_add_func ("/migrations/unreadable", test_unreadable);
  g_test_add_func ("/migrations/not-a-file", test_not_a_file);
  g_test_add_func ("/migrations/missing", test_missing);
  g_test_add_func ("/migrations/locations", test_locations);

  return g_test_run ();
}
