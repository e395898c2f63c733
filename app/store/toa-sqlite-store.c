/* toa-sqlite-store.c — the SQLite backend's object: opening and checking a database file
 * (never re-creating or overwriting one), the ToaStore interface table, transactions, and
 * the board's reference records (sites, sections, units, genres, kinds of information) and
 * people with their roles. Articles and the rest live in toa-sqlite-articles.c and
 * toa-sqlite-list.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "toa-error.h"
#include "toa-sqlite-approval.h"
#include "toa-sqlite-calendar.h"
#include "toa-sqlite-workflow.h"
#include "toa-sqlite-inbox.h"
#include "toa-sqlite-files.h"
#include "toa-sqlite-transitions.h"
#include "toa-sqlite-private.h"

static void toa_sqlite_store_iface_init (ToaStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ToaSqliteStore, toa_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOA_TYPE_STORE, toa_sqlite_store_iface_init))

static void
toa_sqlite_store_finalize (GObject *object)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (object);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (self->in_transaction)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (toa_sqlite_store_parent_class)->finalize (object);
}

static void
toa_sqlite_store_class_init (ToaSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = toa_sqlite_store_finalize;
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
toa_sqlite_store_init (ToaSqliteStore *self)
{
  self->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
}

int
toa_sqlite_store_latest_version (void)
{
  return toa_sqlite_migration_count ();
}

struct sqlite3 *
toa_sqlite_store_get_handle (ToaSqliteStore *self)
{
  g_return_val_if_fail (TOA_IS_SQLITE_STORE (self), NULL);
  return self->db;
}

/* ---- opening ---------------------------------------------------------------------- */

static void
set_corrupt (GError **error, const char *path)
{
  toa_sqlite_set_error (error, NULL, SQLITE_CORRUPT, path);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Reads the file header ourselves before SQLite touches the file: unreadable → IO; not an
 * SQLite file, or shorter than its header says (truncated) → DB_CORRUPT. */
static gboolean
check_header (const char *path, GError **error)
{
  guint8 header[100];
  struct stat st;
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("Could not read “%s”: %s. Check the file's permissions."),
                   path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   _("“%s” is not a regular file. Choose a database file."), path);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      close (fd);
      return TRUE;   /* an empty file is a new, empty database */
    }

  n = read (fd, header, sizeof header);
  close (fd);
  if (n != (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      set_corrupt (error, path);
      return FALSE;
    }

  /* The in-header size is valid when "version-valid-for" equals the change counter. While a
   * write-ahead log is present the file may lag behind it, so only check without one. */
  {
    guint32 page_size = ((guint32) header[16] << 8) | header[17];
    guint32 change_counter = be32 (header + 24);
    guint32 page_count = be32 (header + 28);
    guint32 valid_for = be32 (header + 92);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    struct stat wal_st;
    gboolean have_wal = g_stat (wal, &wal_st) == 0 && wal_st.st_size > 0;

    if (page_size == 1)
      page_size = 65536;
    if (page_size < 512 || (page_size & (page_size - 1)) != 0)
      {
        set_corrupt (error, path);
        return FALSE;
      }
    if (!have_wal && valid_for == change_counter && page_count > 0
        && (guint64) page_count * page_size > (guint64) st.st_size)
      {
        set_corrupt (error, path);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
query_int (ToaSqliteStore *self, const char *sql, gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        {
          *out = 0;
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    rc = sqlite3_extended_errcode (self->db);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      toa_sqlite_set_error_self (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv (TOA_SQLITE_BUSY_TIMEOUT_ENV);
  gint64 value;

  if (env != NULL && g_ascii_string_to_signed (env, 10, 0, 600000, &value, NULL))
    return (int) value;
  return 5000;
}

/* @target_version: the version to migrate to; @must_be_new: refuse anything but a new,
 * empty database (the test hook). */
static ToaSqliteStore *
open_file (const char    *path,
           ToaOpenFlags   flags,
           int            target_version,
           gboolean       must_be_new,
           GError       **error)
{
  g_autoptr(ToaSqliteStore) self = NULL;
  gboolean created = FALSE;
  gint64 n_objects, app_id, user_version;
  int rc;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = NULL;
      int fd;

      if (flags != TOA_OPEN_CREATE)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("The database “%s” does not exist. Run `toasoan-cli init` to create it."),
                       path);
          return NULL;
        }

      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                       _("Could not create the folder “%s”: %s."), dir, g_strerror (saved));
          return NULL;
        }
      /* Owner-only from the first moment; O_EXCL never touches a file that appeared since. */
      fd = g_open (path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
      if (fd >= 0)
        {
          created = TRUE;
          close (fd);
        }
      else if (errno != EEXIST)
        {
          int saved = errno;
          g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                       _("Could not create “%s”: %s."), path, g_strerror (saved));
          return NULL;
        }
    }

  if (!check_header (path, error))
    return NULL;

  self = g_object_new (TOA_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      toa_sqlite_set_error (error, self->db, rc, path);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  if (toa_sqlite_register_functions (self->db) != SQLITE_OK)
    {
      toa_sqlite_set_error_self (self, sqlite3_errcode (self->db), error);
      return NULL;
    }

  /* Read-only checks first: nothing is written before we know the file is ours. */
  if (!query_int (self, "SELECT count(*) FROM sqlite_master", &n_objects, error)
      || !query_int (self, "PRAGMA application_id", &app_id, error)
      || !query_int (self, "PRAGMA user_version", &user_version, error))
    return NULL;

  if (n_objects == 0 && app_id == 0 && user_version == 0)
    {
      if (flags != TOA_OPEN_CREATE && !created)
        {
          g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                       _("The database “%s” is empty. Run `toasoan-cli init` to set it up."),
                       path);
          return NULL;
        }
    }
  else if (must_be_new)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_CONFLICT,
                   _("“%s” already holds data. Choose a new file."), path);
      return NULL;
    }
  else if (app_id != TOA_SQLITE_APPLICATION_ID)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_DB_FOREIGN,
                   _("“%s” is a database of another program, not of Tòa soạn. Choose the board's database file."),
                   path);
      return NULL;
    }
  else if (user_version > toa_sqlite_migration_count ())
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_DB_NEWER,
                   _("“%s” was written by a newer version of Tòa soạn (schema %d). Install the newer version."),
                   path, (int) user_version);
      return NULL;
    }
  else if (user_version >= 1)
    {
      gint64 last_id;

      /* Cheap damage check: walk to the newest article (root and right edge of the table). */
      if (!query_int (self, "SELECT max(id) FROM articles", &last_id, error))
        return NULL;
    }

  self->schema_version = (int) user_version;

  rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      toa_sqlite_set_error_self (self, sqlite3_extended_errcode (self->db), error);
      return NULL;
    }
  if (!toa_sqlite_exec (self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error))
    return NULL;

  if (self->schema_version < target_version
      && !toa_sqlite_migrate (self, self->schema_version, target_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

ToaSqliteStore *
toa_sqlite_store_open (const char    *path,
                       ToaOpenFlags   flags,
                       GError       **error)
{
  return open_file (path, flags, toa_sqlite_migration_count (), FALSE, error);
}

ToaSqliteStore *
toa_sqlite_store_create_at_version (const char  *path,
                                    int          version,
                                    GError     **error)
{
  g_return_val_if_fail (version >= 1 && version <= toa_sqlite_migration_count (), NULL);
  return open_file (path, TOA_OPEN_CREATE, version, TRUE, error);
}

/* ---- interface: description and transactions -------------------------------------- */

static const char *
store_describe (ToaStore *store)
{
  return TOA_SQLITE_STORE (store)->path;
}

static int
store_schema_version (ToaStore *store)
{
  return TOA_SQLITE_STORE (store)->schema_version;
}

static gboolean
store_begin (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);

  if (self->in_transaction)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("A transaction is already open on this store."));
      return FALSE;
    }
  if (!toa_sqlite_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

static gboolean
store_commit (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);

  if (!self->in_transaction)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_INVALID,
                           _("No transaction is open on this store."));
      return FALSE;
    }
  if (!toa_sqlite_exec (self, "COMMIT", error))
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->in_transaction = FALSE;
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

static void
store_rollback (ToaStore *store)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);

  if (!self->in_transaction)
    return;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

/* ---- sites, sections, units, genres, kinds of information -------------------------- */

static gboolean
store_site_add (ToaStore *store, ToaSite *site, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self, "INSERT INTO sites (code, name, kind, url) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, site->code);
  toa_sqlite_bind_text (stmt, 2, site->name);
  toa_sqlite_bind_text (stmt, 3, site->kind != NULL ? site->kind : "component");
  toa_sqlite_bind_text (stmt, 4, site->url);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  site->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

#define SITE_COLUMNS "SELECT id, code, name, kind, url FROM sites "

static ToaSite *
site_from_row (sqlite3_stmt *stmt)
{
  ToaSite *site = toa_site_new ();

  site->id = sqlite3_column_int64 (stmt, 0);
  site->code = toa_sqlite_column_strdup (stmt, 1);
  site->name = toa_sqlite_column_strdup (stmt, 2);
  site->kind = toa_sqlite_column_strdup (stmt, 3);
  site->url = toa_sqlite_column_strdup (stmt, 4);
  return site;
}

static GPtrArray *
store_site_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_site_free);
  int rc;

  stmt = toa_sqlite_stmt (self, SITE_COLUMNS "ORDER BY kind <> 'portal', id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, site_from_row (stmt));
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static ToaSite *
store_site_find (ToaStore *store, const char *code, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self, SITE_COLUMNS "WHERE code = ?", error);
  if (stmt == NULL)
    return NULL;
  toa_sqlite_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return site_from_row (stmt);
  if (!toa_sqlite_step_failed (self, rc, error))
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, _("No site has the code “%s”."), code);
  return NULL;
}

static gboolean
store_section_add (ToaStore *store, ToaSection *section, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self, "INSERT INTO sections (site_id, code, name, position) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, section->site_id);
  toa_sqlite_bind_text (stmt, 2, section->code);
  toa_sqlite_bind_text (stmt, 3, section->name);
  sqlite3_bind_int (stmt, 4, section->position);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  section->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static GPtrArray *
store_section_list (ToaStore *store, gint64 site_id, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_section_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT id, site_id, code, name, position FROM sections "
                          "WHERE ?1 = 0 OR site_id = ?1 ORDER BY site_id, position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, site_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaSection *section = toa_section_new ();

      section->id = sqlite3_column_int64 (stmt, 0);
      section->site_id = sqlite3_column_int64 (stmt, 1);
      section->code = toa_sqlite_column_strdup (stmt, 2);
      section->name = toa_sqlite_column_strdup (stmt, 3);
      section->position = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (list, section);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static gboolean
store_unit_add (ToaStore *store, ToaUnit *unit, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self, "INSERT INTO units (code, name) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  toa_sqlite_bind_text (stmt, 1, unit->code);
  toa_sqlite_bind_text (stmt, 2, unit->name);
  if (!toa_sqlite_step_done (self, stmt, error))
    return FALSE;
  unit->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static GPtrArray *
store_unit_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_unit_free);
  int rc;

  stmt = toa_sqlite_stmt (self, "SELECT id, code, name FROM units ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaUnit *unit = toa_unit_new ();

      unit->id = sqlite3_column_int64 (stmt, 0);
      unit->code = toa_sqlite_column_strdup (stmt, 1);
      unit->name = toa_sqlite_column_strdup (stmt, 2);
      g_ptr_array_add (list, unit);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static GPtrArray *
store_genre_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_genre_free);
  int rc;

  stmt = toa_sqlite_stmt (self, "SELECT code, name, designed FROM genres ORDER BY position, code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaGenre *genre = toa_genre_new ();

      genre->code = toa_sqlite_column_strdup (stmt, 0);
      genre->name = toa_sqlite_column_strdup (stmt, 1);
      genre->designed = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (list, genre);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

static GPtrArray *
store_info_kind_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_info_kind_free);
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT code, name, deadline_days, basis, source FROM info_kinds "
                          "ORDER BY position, code", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaInfoKind *kind = toa_info_kind_new ();

      kind->code = toa_sqlite_column_strdup (stmt, 0);
      kind->name = toa_sqlite_column_strdup (stmt, 1);
      kind->deadline_days = sqlite3_column_int (stmt, 2);
      kind->basis = toa_sqlite_column_strdup (stmt, 3);
      kind->source = toa_sqlite_column_strdup (stmt, 4);
      g_ptr_array_add (list, kind);
    }
  if (toa_sqlite_step_failed (self, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- people and roles --------------------------------------------------------------- */

static gboolean
insert_role (ToaSqliteStore *self, gint64 person_id, gint64 site_id, ToaRole role, GError **error)
{
  g_autoptr(ToaCachedStmt) stmt = NULL;

  stmt = toa_sqlite_stmt (self,
                          "INSERT OR IGNORE INTO person_roles (person_id, site_id, role) VALUES (?, ?, ?)",
                          error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, site_id);
  toa_sqlite_bind_text (stmt, 3, toa_role_code (role));
  return toa_sqlite_step_done (self, stmt, error);
}

static gboolean
store_person_add (ToaStore *store, ToaPerson *person, const char *password_hash, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  gboolean ok = FALSE;

  if (!toa_sqlite_write_begin (self, error))
    return FALSE;

  {
    g_autoptr(ToaCachedStmt) stmt = NULL;

    stmt = toa_sqlite_stmt (self,
                            "INSERT INTO people (login, full_name, email, contributor, contract_no, active, password_hash) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
    if (stmt != NULL)
      {
        toa_sqlite_bind_text (stmt, 1, person->login);
        toa_sqlite_bind_text (stmt, 2, person->full_name);
        toa_sqlite_bind_text (stmt, 3, person->email);
        sqlite3_bind_int (stmt, 4, person->contributor ? 1 : 0);
        toa_sqlite_bind_text (stmt, 5, person->contract_no);
        sqlite3_bind_int (stmt, 6, person->active ? 1 : 0);
        toa_sqlite_bind_text (stmt, 7, password_hash);
        ok = toa_sqlite_step_done (self, stmt, error);
      }
  }

  if (ok)
    {
      gint64 id = sqlite3_last_insert_rowid (self->db);

      for (guint i = 0; ok && person->roles != NULL && i < person->roles->len; i++)
        {
          const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);
          ok = insert_role (self, id, grant->site_id, grant->role, error);
        }
      if (ok)
        person->id = id;
    }

  return toa_sqlite_write_end (self, ok, ok ? error : NULL) && ok;
}

static gboolean
load_roles (ToaSqliteStore *self, ToaPerson *person, GError **error)
{
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self,
                          "SELECT r.site_id, s.code, r.role FROM person_roles r "
                          "JOIN sites s ON s.id = r.site_id WHERE r.person_id = ? "
                          "ORDER BY s.kind <> 'portal', s.id, r.role", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->id);
  if (person->roles != NULL)
    g_array_set_size (person->roles, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ToaRole role;

      if (toa_role_from_code ((const char *) sqlite3_column_text (stmt, 2), &role))
        toa_person_add_role (person, sqlite3_column_int64 (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1), role);
    }
  return !toa_sqlite_step_failed (self, rc, error);
}

#define PERSON_COLUMNS "SELECT id, login, full_name, email, contributor, contract_no, active FROM people "

static ToaPerson *
person_from_row (sqlite3_stmt *stmt)
{
  ToaPerson *person = toa_person_new ();

  person->id = sqlite3_column_int64 (stmt, 0);
  person->login = toa_sqlite_column_strdup (stmt, 1);
  person->full_name = toa_sqlite_column_strdup (stmt, 2);
  person->email = toa_sqlite_column_strdup (stmt, 3);
  person->contributor = sqlite3_column_int (stmt, 4) != 0;
  person->contract_no = toa_sqlite_column_strdup (stmt, 5);
  person->active = sqlite3_column_int (stmt, 6) != 0;
  return person;
}

static ToaPerson *
person_lookup (ToaSqliteStore *self, const char *sql, const char *login, gint64 id, GError **error)
{
  g_autoptr(ToaPerson) person = NULL;
  int rc;

  {
    g_autoptr(ToaCachedStmt) stmt = toa_sqlite_stmt (self, sql, error);

    if (stmt == NULL)
      return NULL;
    if (login != NULL)
      toa_sqlite_bind_text (stmt, 1, login);
    else
      sqlite3_bind_int64 (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      person = person_from_row (stmt);
    else if (toa_sqlite_step_failed (self, rc, error))
      return NULL;
  }

  if (person == NULL)
    {
      if (login != NULL)
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, _("No one has the login “%s”."), login);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("No person has the number %lld."), (long long) id);
      return NULL;
    }
  if (!load_roles (self, person, error))
    return NULL;
  return g_steal_pointer (&person);
}

static ToaPerson *
store_person_find (ToaStore *store, const char *login, GError **error)
{
  g_return_val_if_fail (login != NULL, NULL);
  return person_lookup (TOA_SQLITE_STORE (store), PERSON_COLUMNS "WHERE login = ?", login, 0, error);
}

static ToaPerson *
store_person_get (ToaStore *store, gint64 id, GError **error)
{
  return person_lookup (TOA_SQLITE_STORE (store), PERSON_COLUMNS "WHERE id = ?", NULL, id, error);
}

static GPtrArray *
store_person_list (ToaStore *store, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) toa_person_free);

  {
    g_autoptr(ToaCachedStmt) stmt = toa_sqlite_stmt (self, PERSON_COLUMNS "ORDER BY id", error);
    int rc;

    if (stmt == NULL)
      return NULL;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (list, person_from_row (stmt));
    if (toa_sqlite_step_failed (self, rc, error))
      return NULL;
  }

  for (guint i = 0; i < list->len; i++)
    if (!load_roles (self, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

static gboolean
store_role_grant (ToaStore *store, gint64 person_id, gint64 site_id, ToaRole role, GError **error)
{
  return insert_role (TOA_SQLITE_STORE (store), person_id, site_id, role, error);
}

static char *
store_password_hash_get (ToaStore *store, const char *login, GError **error)
{
  ToaSqliteStore *self = TOA_SQLITE_STORE (store);
  g_autoptr(ToaCachedStmt) stmt = NULL;
  int rc;

  stmt = toa_sqlite_stmt (self, "SELECT password_hash FROM people WHERE login = ? AND password_hash IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  toa_sqlite_bind_text (stmt, 1, login);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return toa_sqlite_column_strdup (stmt, 0);
  if (!toa_sqlite_step_failed (self, rc, error))
    g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, _("No one has the login “%s”."), login);
  return NULL;
}

static void
toa_sqlite_store_iface_init (ToaStoreInterface *iface)
{
  iface->describe = store_describe;
  iface->schema_version = store_schema_version;
  iface->begin = store_begin;
  iface->commit = store_commit;
  iface->rollback = store_rollback;
  iface->site_add = store_site_add;
  iface->site_list = store_site_list;
  iface->site_find = store_site_find;
  iface->section_add = store_section_add;
  iface->section_list = store_section_list;
  iface->unit_add = store_unit_add;
  iface->unit_list = store_unit_list;
  iface->genre_list = store_genre_list;
  iface->info_kind_list = store_info_kind_list;
  iface->person_add = store_person_add;
  iface->person_find = store_person_find;
  iface->person_get = store_person_get;
  iface->person_list = store_person_list;
  iface->role_grant = store_role_grant;
  iface->password_hash_get = store_password_hash_get;
  iface->article_insert = toa_sqlite_article_insert;
  iface->article_update = toa_sqlite_article_update;
  iface->article_get = toa_sqlite_article_get;
  iface->article_count = toa_sqlite_article_count;
  iface->article_list = toa_sqlite_article_list;
  iface->revision_add = toa_sqlite_revision_add;
  iface->revision_list = toa_sqlite_revision_list;
  iface->comment_add = toa_sqlite_comment_add;
  iface->comment_list = toa_sqlite_comment_list;
  iface->audit_last = toa_sqlite_audit_last;
  iface->audit_insert = toa_sqlite_audit_insert;
  iface->audit_list = toa_sqlite_audit_list;
  toa_sqlite_calendar_iface_init (iface);
  /* (calendar vfuncs go here) */
  toa_sqlite_workflow_iface_init (iface);
  /* (workflow vfuncs go here) */
  toa_sqlite_transitions_iface_init (iface);
  /* (transition vfuncs go here) */
  toa_sqlite_approval_iface_init (iface);
  toa_sqlite_inbox_iface_init (iface);
  toa_sqlite_files_iface_init (iface);
  toa_sqlite_images_iface_init (iface);
  /* (inbox vfuncs go here) */
}
