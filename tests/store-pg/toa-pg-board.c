/* toa-pg-board.c — a database, a store and a small board for the PostgreSQL store tests
 * (see toa-pg-board.h). */
#include "toa-pg-board.h"

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-people.h"

static guint n_databases;

ToaStore *
toa_pg_board_open (const char *url, ToaOpenFlags flags)
{
  g_autoptr(GError) error = NULL;
  ToaPgStore *store = toa_pg_store_open (url, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return TOA_STORE (store);
}

void
toa_pg_board_new_db (ToaPgTestServer *server, const char *prefix, char **dbname, char **url)
{
  g_autoptr(GError) error = NULL;

  *dbname = g_strdup_printf ("%s_%u", prefix, ++n_databases);
  g_assert_true (toa_pg_test_server_create_db (server, *dbname, &error));
  g_assert_no_error (error);
  *url = toa_pg_test_server_url (server, *dbname);
}

void
toa_pg_board_portal (ToaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(ToaSection) section = toa_section_new ();

  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  portal = toa_store_site_find (store, "portal", &error);
  g_assert_no_error (error);
  section->site_id = portal->id;
  section->code = g_strdup ("tin-tuc-su-kien");
  section->name = g_strdup ("Tin tức - Sự kiện");
  g_assert_true (toa_store_section_add (store, section, &error));
  g_assert_no_error (error);
}

void
toa_pg_board_people (ToaStore *store, const char *const *roles, guint n_roles)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_roles; i++)
    {
      g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
      g_autofree char *login = g_strdup_printf ("r-%s", roles[i]);
      g_autofree char *name = g_strdup_printf ("Người %s", roles[i]);
      g_autoptr(ToaPerson) added = NULL;
      ToaRoleGrant grant;

      g_assert_true (toa_people_parse_role (store, roles[i], &grant, &error));
      g_array_append_val (grants, grant);
      added = toa_people_add (store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
      g_assert_no_error (error);
    }
}

ToaStore *
toa_pg_board_create (ToaPgTestServer *server, const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ToaStore *store;

  g_assert_true (toa_pg_test_server_create_db (server, db, &error));
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, db);
  store = toa_pg_board_open (url, TOA_OPEN_CREATE);
  toa_pg_board_portal (store);
  return store;
}

gint64
toa_pg_board_site_id (ToaStore *store, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) site = toa_store_site_find (store, code, &error);

  g_assert_no_error (error);
  return site->id;
}

void
toa_pg_board_component (ToaStore *store, const char *code, const char *name,
                        const char *section_code, const char *section_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) site = toa_site_new ();
  g_autoptr(ToaSection) section = toa_section_new ();

  site->code = g_strdup (code);
  site->name = g_strdup (name);
  site->kind = g_strdup ("component");
  g_assert_true (toa_store_site_add (store, site, &error));
  g_assert_no_error (error);
  if (section_code == NULL)
    return;
  section->site_id = toa_pg_board_site_id (store, code);
  section->code = g_strdup (section_code);
  section->name = g_strdup (section_name);
  g_assert_true (toa_store_section_add (store, section, &error));
  g_assert_no_error (error);
}

void
toa_pg_board_assert_chain (ToaStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 count = 0, bad = 0;

  g_assert_true (toa_audit_verify (store, &count, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, 0);
  g_assert_cmpint (count, >, 0);
}

char *
toa_pg_board_vn_day (int plus)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) vn = g_date_time_add_seconds (now, 7 * 3600 + plus * 86400);

  return g_date_time_format (vn, "%Y-%m-%d");
}
