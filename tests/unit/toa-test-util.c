/* toa-test-util.c — small helpers shared by the unit tests. */
#include <glib/gstdio.h>

#include "toa-test-util.h"

char *
toa_test_shared_file (const char *name)
{
  const char *shared = g_getenv ("TOA_SHARED_DIR");

  if (shared == NULL)
    shared = TOA_SHARED_DIR_DEFAULT;
  return g_build_filename (shared, "testdata", name, NULL);
}

char *
toa_test_from_code_points (const char *cps)
{
  g_auto(GStrv) parts = g_strsplit (cps, " ", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_string_append_unichar (out, (gunichar) g_ascii_strtoull (parts[i], NULL, 16));
  return g_string_free (out, FALSE);
}

char *
toa_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("toa-unit-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* tests/store-pg/toa-test-store.c, linked into the store tests only: drops the PostgreSQL
 * databases made for files in @dir (TOA_TEST_PG=1). */
void toa_test_store_forget (const char *dir) __attribute__ ((weak));

void
toa_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (toa_test_store_forget != NULL)
    toa_test_store_forget (dir);

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}
