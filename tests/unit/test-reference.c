/* test-reference.c — adding sites, sections and units: codes checked, names NFC, conflicts
 * refused with nothing written, an audit record for each. */
#include "config.h"

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-reference.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"

typedef struct {
  char     *dir;
  ToaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = toa_test_make_dir ();
  path = g_build_filename (f->dir, "board.db", NULL);
  f->store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (f->store, "Cổng TTĐT tỉnh Bình Phước", &error));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  toa_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gint64
audit_count (ToaStore *store)
{
  g_autoptr(GPtrArray) records = toa_store_audit_list (store, 0, 0, NULL);

  return records->len;
}

static void
test_codes (void)
{
  static const char *const good[] = { "so-y-te", "portal2", "a" };
  static const char *const bad[] = { "", "-x", "Sở", "so_y_te", "SO-Y-TE", "so y te", "sở-y-tế" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (toa_reference_check_code (good[i], "--code", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (toa_reference_check_code (bad[i], "--code", &error));
      g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "--code"));
    }
}

static void
test_add (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaSite) site = toa_site_new ();
  g_autoptr(ToaSite) again = toa_site_new ();
  g_autoptr(ToaSection) section = toa_section_new ();
  g_autoptr(ToaSection) second = toa_section_new ();
  g_autoptr(ToaUnit) unit = toa_unit_new ();
  g_autoptr(ToaSite) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = audit_count (f->store), count = 0, bad = 0;

  site->code = g_strdup ("so-y-te");
  site->name = g_strdup ("Trang TTĐT Sơ\xcc\x89 Y tê\xcc\x81");   /* decomposed: NFD marks */
  g_assert_true (toa_reference_add_site (f->store, 0, site, &error));
  g_assert_no_error (error);
  g_assert_cmpint (site->id, >, 0);
  stored = toa_store_site_find (f->store, "so-y-te", &error);
  g_assert_cmpstr (stored->name, ==, "Trang TTĐT Sở Y tế");   /* stored NFC */
  g_assert_cmpstr (stored->kind, ==, "component");

  again->code = g_strdup ("so-y-te");
  again->name = g_strdup ("Trùng mã");
  g_assert_false (toa_reference_add_site (f->store, 0, again, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);

  section->site_id = site->id;
  section->code = g_strdup ("tin-hoat-dong");
  section->name = g_strdup ("Tin hoạt động");
  g_assert_true (toa_reference_add_section (f->store, 0, section, &error));
  g_assert_cmpint (section->position, ==, 1);
  second->site_id = site->id;
  second->code = g_strdup ("thong-bao");
  second->name = g_strdup ("Thông báo");
  g_assert_true (toa_reference_add_section (f->store, 0, second, &error));
  g_assert_cmpint (second->position, ==, 2);   /* after the site's last section */

  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("");
  g_assert_false (toa_reference_add_unit (f->store, 0, unit, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  g_free (unit->name);
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_reference_add_unit (f->store, 0, unit, &error));
  g_assert_no_error (error);

  /* four additions, four audit records; the refused ones wrote nothing; the chain holds */
  g_assert_cmpint (audit_count (f->store), ==, before + 4);
  g_assert_true (toa_audit_verify (f->store, &count, &bad, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reference/codes", test_codes);
  g_test_add ("/reference/add", Fixture, NULL, fixture_set_up, test_add, fixture_tear_down);
  return g_test_run ();
}
