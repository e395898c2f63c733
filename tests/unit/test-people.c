/* test-people.c — setting up a board, adding people with roles per site, and signing in,
 * on a temporary SQLite file: validation, conflicts, audit records, one message for
 * every failed sign-in. */
#include <string.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "toa-audit.h"
#include "toa-auth.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-test-store.h"
#include "toa-test-util.h"

typedef struct {
  char     *dir;
  char     *path;
  ToaStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = toa_test_make_dir ();
  f->path = g_build_filename (f->dir, "board.db", NULL);
  f->store = toa_test_store_open (f->path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (f->store, "Cổng Thông tin điện tử tỉnh Bình Phước", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  toa_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
audit_count (ToaStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  g_assert_true (toa_audit_verify (store, &count, NULL, &error));
  g_assert_no_error (error);
  return count;
}

static ToaPerson *
add_person (Fixture *f, const char *login, const char *name, const char *role_spec,
            const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  ToaRoleGrant grant = { 0 };
  ToaPerson *person;

  if (role_spec != NULL)
    {
      g_assert_true (toa_people_parse_role (f->store, role_spec, &grant, &error));
      g_assert_no_error (error);
      g_array_append_val (grants, grant);
    }
  person = toa_people_add (f->store, 0, login, name, NULL, FALSE, NULL, grants, password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_free (grant.site_code);
  return person;
}

static void
test_board_init (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const ToaAuditRecord *record;

  portal = toa_store_site_find (f->store, "portal", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (portal->kind, ==, "portal");
  g_assert_cmpstr (portal->name, ==, "Cổng Thông tin điện tử tỉnh Bình Phước");
  g_assert_cmpint (audit_count (f->store), ==, 1);

  /* idempotent: a second init changes nothing and writes no record */
  g_assert_true (toa_board_init (f->store, "Another name", &error));
  g_assert_no_error (error);
  sites = toa_store_site_list (f->store, &error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpint (audit_count (f->store), ==, 1);

  records = toa_store_audit_list (f->store, 0, 10, &error);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->action, ==, "site.add");
  g_assert_cmpstr (record->object_type, ==, "site");
  g_assert_cmpint (record->object_id, ==, portal->id);
  g_assert_cmpint (record->actor_id, ==, 0);
}

static void
test_board_init_invalid_name (void)
{
  g_autofree char *dir = toa_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bad.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaStore) store = toa_test_store_open (path, TOA_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) sites = NULL;

  g_assert_no_error (error);
  g_assert_false (toa_board_init (store, "C\xf4ng", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "byte 1"));
  g_clear_error (&error);
  sites = toa_store_site_list (store, &error);
  g_assert_cmpuint (sites->len, ==, 0);
  g_clear_object (&store);
  toa_test_remove_dir (dir);
}

static void
test_parse_role (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) portal = toa_store_site_find (f->store, "portal", NULL);
  ToaRoleGrant grant = { 0 };

  g_assert_true (toa_people_parse_role (f->store, "secretary", &grant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (grant.role, ==, TOA_ROLE_SECRETARY);
  g_assert_cmpint (grant.site_id, ==, portal->id);
  g_assert_cmpstr (grant.site_code, ==, "portal");
  g_clear_pointer (&grant.site_code, g_free);

  g_assert_true (toa_people_parse_role (f->store, "standing-deputy@portal", &grant, &error));
  g_assert_cmpint (grant.role, ==, TOA_ROLE_STANDING_DEPUTY);
  g_clear_pointer (&grant.site_code, g_free);

  g_assert_false (toa_people_parse_role (f->store, "boss", &grant, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "boss"));
  g_assert_nonnull (strstr (error->message, "standing-deputy"));
  g_clear_error (&error);

  g_assert_false (toa_people_parse_role (f->store, "editor@so-y-te", &grant, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "so-y-te"));
}

static void
test_add (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) lan = add_person (f, "Lan.Nguyen", "Nguye\xcc\x82\xcc\x83n Thị Lan",
                                         "secretary", "toasoan2026");
  g_autoptr(ToaPerson) found = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const ToaAuditRecord *record;
  JsonObject *detail;
  JsonArray *roles;

  g_assert_cmpint (lan->id, >, 0);
  g_assert_cmpstr (lan->login, ==, "lan.nguyen");            /* logins are lower case */
  g_assert_cmpstr (lan->full_name, ==, "Nguyễn Thị Lan");    /* NFC */
  g_assert_true (lan->active);

  found = toa_store_person_find (f->store, "lan.nguyen", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, lan->id);
  g_assert_cmpuint (found->roles->len, ==, 1);
  g_assert_cmpint (g_array_index (found->roles, ToaRoleGrant, 0).role, ==, TOA_ROLE_SECRETARY);

  g_assert_cmpint (audit_count (f->store), ==, 2);
  records = toa_store_audit_list (f->store, 1, 10, &error);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->action, ==, "person.add");
  g_assert_cmpint (record->object_id, ==, lan->id);
  g_assert_true (json_parser_load_from_data (parser, record->detail, -1, &error));
  detail = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (detail, "login"), ==, "lan.nguyen");
  roles = json_object_get_array_member (detail, "roles");
  g_assert_cmpuint (json_array_get_length (roles), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (roles, 0), ==, "secretary@portal");
  g_assert_null (strchr (record->detail, '\n'));   /* compact */
  g_assert_null (strstr (record->detail, "toasoan2026"));
  g_assert_null (strstr (record->detail, "argon2"));
}

static void
test_add_contributor (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) person = toa_people_add (f->store, 0, NULL, "Trần Văn Bình",
                                                "binh@example.vn", TRUE, "HĐ-12/2025",
                                                NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_null (person->login);
  g_assert_true (person->contributor);
  g_assert_cmpstr (person->contract_no, ==, "HĐ-12/2025");
  g_assert_cmpint (audit_count (f->store), ==, 2);
}

static void
expect_add_error (Fixture *f, const char *login, const char *name, const char *email,
                  const char *password, int code, const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaPerson) person = toa_people_add (f->store, 0, login, name, email, FALSE, NULL,
                                                NULL, password, &error);

  g_assert_null (person);
  g_assert_error (error, TOA_ERROR, code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” not in “%s”", in_message, error->message);
}

static void
test_add_invalid (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaPerson) lan = add_person (f, "lan", "Nguyễn Thị Lan", "editor", NULL);
  gint64 before = audit_count (f->store);

  expect_add_error (f, "lan", "Someone else", NULL, NULL, TOA_ERROR_CONFLICT, "lan");
  expect_add_error (f, "LAN", "Someone else", NULL, NULL, TOA_ERROR_CONFLICT, "lan");
  expect_add_error (f, "a b", "Name", NULL, NULL, TOA_ERROR_INVALID, "a b");
  expect_add_error (f, "x", "Name", NULL, NULL, TOA_ERROR_INVALID, NULL);
  expect_add_error (f, "hùng", "Name", NULL, NULL, TOA_ERROR_INVALID, NULL);
  expect_add_error (f, "hung", "  ", NULL, NULL, TOA_ERROR_INVALID, NULL);
  expect_add_error (f, "hung", NULL, NULL, NULL, TOA_ERROR_INVALID, NULL);
  expect_add_error (f, "hung", "Ph\xe1\xba", NULL, NULL, TOA_ERROR_INVALID, "byte 2");
  expect_add_error (f, "hung", "Hùng", "not-an-address", NULL, TOA_ERROR_INVALID, NULL);
  expect_add_error (f, "hung", "Hùng", NULL, "short", TOA_ERROR_INVALID, NULL);
  expect_add_error (f, NULL, "Hùng", NULL, "long enough password", TOA_ERROR_INVALID, NULL);

  g_assert_cmpint (audit_count (f->store), ==, before);   /* nothing was written */
}

static void
test_sign_in (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaPerson) lan = add_person (f, "lan", "Nguyễn Thị Lan", "secretary", "toasoan2026");
  g_autoptr(ToaPerson) nopass = add_person (f, "hung", "Lê Hùng", "editor", NULL);
  g_autoptr(ToaPerson) signed_in = NULL;
  g_autoptr(ToaSite) portal = toa_store_site_find (f->store, "portal", NULL);
  g_autoptr(GError) error = NULL;
  static const struct { const char *login, *password; } wrong[] = {
    { "lan", "toasoan2025" },      /* wrong password */
    { "nobody", "toasoan2026" },   /* unknown login */
    { "hung", "toasoan2026" },     /* no password set */
    { "", "toasoan2026" },
    { NULL, NULL },
  };
  g_autofree char *first_message = NULL;

  signed_in = toa_auth_sign_in (f->store, "lan", "toasoan2026", &error);
  g_assert_no_error (error);
  g_assert_cmpint (signed_in->id, ==, lan->id);
  g_assert_true (toa_person_has_role (signed_in, portal->id, TOA_ROLE_SECRETARY));
  g_clear_pointer (&signed_in, toa_person_free);

  signed_in = toa_auth_sign_in (f->store, " LAN ", "toasoan2026", &error);
  g_assert_no_error (error);
  g_assert_cmpint (signed_in->id, ==, lan->id);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(ToaPerson) none = toa_auth_sign_in (f->store, wrong[i].login, wrong[i].password, &error);

      g_assert_null (none);
      g_assert_error (error, TOA_ERROR, TOA_ERROR_AUTH);
      if (first_message == NULL)
        first_message = g_strdup (error->message);
      g_assert_cmpstr (error->message, ==, first_message);   /* never says which */
      g_clear_error (&error);
    }
}

/* Who acts: anyone named on the SQLite file (whoever opens it is trusted); on PostgreSQL only
 * the person the connection is signed in as (issue 4: each person their own account). */
static void
test_act_as_yourself (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaPerson) lan = add_person (f, "lan", "Nguyễn Thị Lan", "secretary", NULL);
  g_autoptr(ToaPerson) actor = NULL, named = NULL, own = NULL;
  g_autoptr(GError) error = NULL;
  const char *signed_in = toa_store_signed_in_login (f->store);

  if (!toa_test_store_is_pg ())
    {
      g_assert_null (signed_in);
      actor = toa_people_find_actor (f->store, "  LAN ", &error);
      g_assert_no_error (error);
      g_assert_cmpint (actor->id, ==, lan->id);
      return;
    }

  g_assert_nonnull (signed_in);
  actor = toa_people_find_actor (f->store, "lan", &error);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_assert_null (actor);
  g_assert_nonnull (strstr (error->message, signed_in));
  g_assert_nonnull (strstr (error->message, "lan"));
  g_clear_error (&error);

  /* someone named, not acting (a delegation's delegate), is still found */
  named = toa_people_find_active (f->store, "lan", &error);
  g_assert_no_error (error);
  g_assert_cmpint (named->id, ==, lan->id);

  /* the signed-in account as a person of the board acts as themself */
  own = add_person (f, signed_in, "Quản trị máy chủ", "editor", NULL);
  actor = toa_people_find_actor (f->store, signed_in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (actor->id, ==, own->id);
}

static void
test_sign_in_inactive (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaPerson) lan = add_person (f, "lan", "Nguyễn Thị Lan", "secretary", "toasoan2026");
  g_autoptr(ToaPerson) none = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* there is no "deactivate" yet: switch the flag in the database */
  g_clear_object (&f->store);
  if (toa_test_store_is_pg ())
    {
      g_assert_true (toa_test_store_exec (f->path, "UPDATE people SET active = false WHERE login = 'lan'",
                                          &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "UPDATE people SET active = 0 WHERE login = 'lan'",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  f->store = toa_test_store_open (f->path, TOA_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  none = toa_auth_sign_in (f->store, "lan", "toasoan2026", &error);
  g_assert_null (none);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_AUTH);
}

static gint64
time_sign_in (ToaStore *store, const char *login)
{
  gint64 best = G_MAXINT64;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ToaPerson) none = NULL;
      gint64 start = g_get_monotonic_time ();

      none = toa_auth_sign_in (store, login, "wrong password", &error);
      best = MIN (best, g_get_monotonic_time () - start);
      g_assert_null (none);
    }
  return best;
}

static void
test_sign_in_timing (Fixture *f, gconstpointer data)
{
  g_autoptr(ToaPerson) lan = add_person (f, "lan", "Nguyễn Thị Lan", "secretary", "toasoan2026");
  gint64 known = time_sign_in (f->store, "lan");
  gint64 unknown = time_sign_in (f->store, "nobody");

  g_test_message ("wrong password: %" G_GINT64_FORMAT " µs, unknown login: %" G_GINT64_FORMAT " µs",
                  known, unknown);
  g_assert_cmpint (unknown * 3, >, known);
  g_assert_cmpint (known * 3, >, unknown);
}

int
main (int argc, char **argv)
{
  /* the assertions read English messages: never pick up an installed catalogue */
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/people/act-as-yourself", test_act_as_yourself);
  ADD ("/board/init", test_board_init);
  g_test_add_func ("/board/init-invalid-name", test_board_init_invalid_name);
  ADD ("/people/parse-role", test_parse_role);
  ADD ("/people/add", test_add);
  ADD ("/people/add-contributor", test_add_contributor);
  ADD ("/people/add-invalid", test_add_invalid);
  ADD ("/auth/sign-in", test_sign_in);
  ADD ("/auth/inactive", test_sign_in_inactive);
  ADD ("/auth/timing", test_sign_in_timing);
#undef ADD

  return g_test_run ();
}
