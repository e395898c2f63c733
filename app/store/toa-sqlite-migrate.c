/* toa-sqlite-migrate.c — versioned schema migrations. Each migration is an SQL file in the
 * GResource (resources/sql/sqlite/NNN-*.sql); migration k brings the schema to version k and
 * runs in its own transaction together with the user_version bump, so a failure leaves
 * the file at the previous version. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "toa-error.h"
#include "toa-sqlite-private.h"

/* From the compiled GResource (resources/meson.build, c_name "toa"). Calling it also makes
 * sure the resource object is linked in from the static library. */
extern GResource *toa_get_resource (void);

#define SQL_PREFIX "/io/github/toasoan/ToaSoan/sql/sqlite/"

static const char * const migrations[] = {
  "001-core.sql",
  "002-search.sql",
  "003-calendar.sql",
  "004-workflow.sql",
  "005-transitions.sql",
  "006-intake.sql",
  "007-mentions.sql",
  "008-approval.sql",
  "009-delegation-form.sql",
  "010-attachments.sql",
  "011-prepublish.sql",
  "012-article-tags.sql",
  "013-images.sql",
};

int
toa_sqlite_migration_count (void)
{
  return G_N_ELEMENTS (migrations);
}

static gboolean
apply_one (ToaSqliteStore  *self,
           int              version,
           GError         **error)
{
  g_autofree char *resource_path = g_strconcat (SQL_PREFIX, migrations[version - 1], NULL);
  g_autofree char *pragmas = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gconstpointer data;
  gsize len;
  int rc;

  bytes = g_resource_lookup_data (toa_get_resource (), resource_path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      /* A build error, not a user's: the SQL was not compiled in. */
      g_set_error (error, TOA_ERROR, TOA_ERROR_IO,
                   "Migration %s is missing from the program's resources", resource_path);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  sql = g_strndup (data, len);

  if (!toa_sqlite_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  pragmas = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                             version, TOA_SQLITE_APPLICATION_ID);
  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, pragmas, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      int code = sqlite3_extended_errcode (self->db);
      GError *local = NULL;

      toa_sqlite_set_error (&local, self->db, code, self->path);
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      if (local->code == TOA_ERROR_IO)
        g_prefix_error (&local, _("Could not update “%s” to schema %d: "), self->path, version);
      g_propagate_error (error, local);
      return FALSE;
    }

  self->schema_version = version;
  return TRUE;
}

gboolean
toa_sqlite_migrate (ToaSqliteStore  *self,
                    int              from_version,
                    int              to_version,
                    GError         **error)
{
  g_return_val_if_fail (to_version <= toa_sqlite_migration_count (), FALSE);

  for (int v = from_version + 1; v <= to_version; v++)
    if (!apply_one (self, v, error))
      return FALSE;
  return TRUE;
}
