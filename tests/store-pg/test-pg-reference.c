/* test-pg-reference.c — the PostgreSQL store's reference methods (toa-pg-reference.c) through
 * core, on a real server: board init, sites, sections and units, people with roles, board
 * settings, the calendar, workflow definitions (the presets seeded by init and a saved
 * version) and the audit chain all of it leaves, which toa_audit_verify must accept. */
#include <string.h>

#include <gio/gio.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-pg-store.h"
#include "toa-pg-test-server.h"
#include "toa-reference.h"
#include "toa-workdays.h"
#include "toa-workflow-store.h"

static ToaPgTestServer *server;

/* A fresh database with the schema and toa_board_init done. */
static ToaStore *
fresh_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  ToaStore *store;

  toa_pg_test_server_create_db (server, name, &error);
  g_assert_no_error (error);
  url = toa_pg_test_server_url (server, name);
  store = TOA_STORE (toa_pg_store_open (url, TOA_OPEN_CREATE, &error));
  g_assert_no_error (error);
  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  return store;
}

static GArray *
grants (ToaStore *store, const char *first, ...)
{
  GArray *list = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  va_list args;

  va_start (args, first);
  for (const char *spec = first; spec != NULL; spec = va_arg (args, const char *))
    {
      g_autoptr(GError) error = NULL;
      ToaRoleGrant grant = { 0 };

      g_assert_true (toa_people_parse_role (store, spec, &grant, &error));
      g_assert_no_error (error);
      g_free (grant.site_code);   /* the store fills the code back on read */
      grant.site_code = NULL;
      g_array_append_val (list, grant);
    }
  va_end (args);
  return list;
}

static void
assert_chain_intact (ToaStore *store, gint64 expect_count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaAuditRecord) last = NULL;
  gint64 count = -1, bad = -1;

  g_assert_true (toa_audit_verify (store, &count, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, expect_count);
  last = toa_store_audit_last (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last);
  g_assert_cmpint (last->seq, ==, expect_count);
}

static void
test_board (void)
{
  g_autoptr(ToaStore) store = fresh_store ("board");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL, genres = NULL, kinds = NULL, audit = NULL;
  g_autoptr(ToaSite) portal = NULL;

  /* Init is idempotent: a second run adds neither a site nor an audit record. */
  audit = toa_store_audit_list (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = toa_store_audit_list (store, 0, 0, &error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((ToaAuditRecord *) audit->pdata[0])->prev_hash, ==,
                   "0000000000000000000000000000000000000000000000000000000000000000");

  sites = toa_store_site_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  portal = toa_store_site_find (store, "portal", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (portal->kind, ==, "portal");
  g_assert_cmpstr (portal->name, ==, "Cổng TTĐT tỉnh Bình Phước");
  g_assert_null (toa_store_site_find (store, "nowhere", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Seeded by the schema, in their position order. */
  genres = toa_store_genre_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (genres->len, >=, 5);
  g_assert_cmpstr (((ToaGenre *) genres->pdata[0])->code, ==, "tin");
  kinds = toa_store_info_kind_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kinds->len, >, 0);
  for (guint i = 0; i < kinds->len; i++)
    g_assert_nonnull (((ToaInfoKind *) kinds->pdata[i])->source);

  assert_chain_intact (store, 1);
}

static void
test_sites_sections_units (void)
{
  g_autoptr(ToaStore) store = fresh_store ("sites");
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) site = toa_site_new (), again = toa_site_new ();
  g_autoptr(ToaSection) first = toa_section_new (), second = toa_section_new (), other = toa_section_new ();
  g_autoptr(ToaUnit) unit = toa_unit_new (), unit2 = toa_unit_new ();
  g_autoptr(GPtrArray) sites = NULL, sections = NULL, all = NULL, units = NULL;
  g_autoptr(ToaSite) portal = toa_store_site_find (store, "portal", NULL);

  site->code = g_strdup ("so-y-te");
  site->name = g_strdup ("Trang TTĐT Sở Y tế");
  site->url = g_strdup ("https://soyte.example.vn");
  g_assert_true (toa_reference_add_site (store, 0, site, &error));
  g_assert_no_error (error);
  g_assert_cmpint (site->id, >, portal->id);

  again->code = g_strdup ("so-y-te");
  again->name = g_strdup ("Trùng");
  g_assert_false (toa_reference_add_site (store, 0, again, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);

  sites = toa_store_site_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_cmpstr (((ToaSite *) sites->pdata[0])->code, ==, "portal");
  g_assert_cmpstr (((ToaSite *) sites->pdata[1])->code, ==, "so-y-te");
  g_assert_cmpstr (((ToaSite *) sites->pdata[1])->kind, ==, "component");
  g_assert_cmpstr (((ToaSite *) sites->pdata[1])->url, ==, "https://soyte.example.vn");

  /* Position 0 = after the site's last section (core asks the store for the list). */
  first->site_id = site->id;
  first->code = g_strdup ("tin-tuc");
  first->name = g_strdup ("Tin tức");
  g_assert_true (toa_reference_add_section (store, 0, first, &error));
  g_assert_no_error (error);
  second->site_id = site->id;
  second->code = g_strdup ("thong-bao");
  second->name = g_strdup ("Thông báo");
  g_assert_true (toa_reference_add_section (store, 0, second, &error));
  g_assert_no_error (error);
  other->site_id = portal->id;
  other->code = g_strdup ("tin-tuc");
  other->name = g_strdup ("Tin tức");
  g_assert_true (toa_reference_add_section (store, 0, other, &error));
  g_assert_no_error (error);

  sections = toa_store_section_list (store, site->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sections->len, ==, 2);
  g_assert_cmpstr (((ToaSection *) sections->pdata[0])->code, ==, "tin-tuc");
  g_assert_cmpstr (((ToaSection *) sections->pdata[1])->code, ==, "thong-bao");
  g_assert_cmpint (((ToaSection *) sections->pdata[0])->position, <,
                   ((ToaSection *) sections->pdata[1])->position);
  all = toa_store_section_list (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpint (((ToaSection *) all->pdata[0])->site_id, ==, portal->id);

  unit->code = g_strdup ("so-noi-vu");
  unit->name = g_strdup ("Sở Nội vụ");
  g_assert_true (toa_reference_add_unit (store, 0, unit, &error));
  g_assert_no_error (error);
  unit2->code = g_strdup ("so-noi-vu");
  unit2->name = g_strdup ("Trùng");
  g_assert_false (toa_reference_add_unit (store, 0, unit2, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  units = toa_store_unit_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpint (((ToaUnit *) units->pdata[0])->id, ==, unit->id);
  g_assert_cmpstr (((ToaUnit *) units->pdata[0])->name, ==, "Sở Nội vụ");

  /* init + site + 3 sections + unit; the refused ones left nothing. */
  assert_chain_intact (store, 6);
}

static void
test_people (void)
{
  g_autoptr(ToaStore) store = fresh_store ("people");
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaSite) site = toa_site_new ();
  g_autoptr(GArray) an_roles = NULL, binh_roles = NULL;
  g_autoptr(ToaPerson) an = NULL, binh = NULL, dup = NULL, found = NULL, got = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *hash = NULL;
  const ToaRoleGrant *grant;

  site->code = g_strdup ("so-y-te");
  site->name = g_strdup ("Trang TTĐT Sở Y tế");
  g_assert_true (toa_reference_add_site (store, 0, site, &error));

  /* Roles given component-first come back portal first, then by site and role code. */
  an_roles = grants (store, "editor@so-y-te", "secretary", "admin", NULL);
  an = toa_people_add (store, 0, "an.nguyen", "Nguyễn Văn An", "an@example.vn", FALSE, NULL,
                       an_roles, "mật khẩu dài 12", &error);
  g_assert_no_error (error);
  g_assert_nonnull (an);
  binh_roles = grants (store, "member", NULL);
  binh = toa_people_add (store, 0, NULL, "Trần Thị Bình", NULL, TRUE, "HĐ-07/2025", binh_roles, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (binh);
  g_assert_cmpint (binh->id, >, an->id);

  dup = toa_people_add (store, 0, "an.nguyen", "Another An", NULL, FALSE, NULL, NULL, "mật khẩu dài 12", &error);
  g_assert_null (dup);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);

  found = toa_store_person_find (store, "an.nguyen", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, an->id);
  g_assert_cmpstr (found->full_name, ==, "Nguyễn Văn An");
  g_assert_cmpstr (found->email, ==, "an@example.vn");
  g_assert_true (found->active);
  g_assert_false (found->contributor);
  g_assert_cmpuint (found->roles->len, ==, 3);
  grant = &g_array_index (found->roles, ToaRoleGrant, 0);
  g_assert_cmpstr (grant->site_code, ==, "portal");
  g_assert_cmpint (grant->role, ==, TOA_ROLE_ADMIN);
  grant = &g_array_index (found->roles, ToaRoleGrant, 1);
  g_assert_cmpstr (grant->site_code, ==, "portal");
  g_assert_cmpint (grant->role, ==, TOA_ROLE_SECRETARY);
  grant = &g_array_index (found->roles, ToaRoleGrant, 2);
  g_assert_cmpstr (grant->site_code, ==, "so-y-te");
  g_assert_cmpint (grant->site_id, ==, site->id);
  g_assert_cmpint (grant->role, ==, TOA_ROLE_EDITOR);

  got = toa_store_person_get (store, binh->id, &error);
  g_assert_no_error (error);
  g_assert_null (got->login);
  g_assert_true (got->contributor);
  g_assert_cmpstr (got->contract_no, ==, "HĐ-07/2025");
  g_assert_cmpuint (got->roles->len, ==, 1);
  g_assert_null (toa_store_person_get (store, 9999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_store_person_find (store, "nobody", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A grant held already is kept once. */
  g_assert_true (toa_store_role_grant (store, binh->id, site->id, TOA_ROLE_EDITOR, &error));
  g_assert_true (toa_store_role_grant (store, binh->id, site->id, TOA_ROLE_EDITOR, &error));
  g_assert_no_error (error);
  people = toa_store_person_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 2);
  g_assert_cmpint (((ToaPerson *) people->pdata[0])->id, ==, an->id);
  g_assert_cmpuint (((ToaPerson *) people->pdata[1])->roles->len, ==, 2);
  /* The list reads everyone's roles at once, in the same order as a single lookup. */
  {
    GArray *roles = ((ToaPerson *) people->pdata[0])->roles;

    g_assert_cmpuint (roles->len, ==, 3);
    g_assert_cmpint (g_array_index (roles, ToaRoleGrant, 0).role, ==, TOA_ROLE_ADMIN);
    g_assert_cmpint (g_array_index (roles, ToaRoleGrant, 1).role, ==, TOA_ROLE_SECRETARY);
    g_assert_cmpstr (g_array_index (roles, ToaRoleGrant, 2).site_code, ==, "so-y-te");
  }

  hash = toa_store_password_hash_get (store, "an.nguyen", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (toa_store_password_hash_get (store, "nobody", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* person_add inside the caller's transaction writes under a savepoint: a rollback of the
   * whole transaction takes the person and the roles away. */
  {
    g_autoptr(ToaPerson) temp = toa_person_new ();
    g_autoptr(ToaPerson) gone = NULL;

    temp->login = g_strdup ("tam");
    temp->full_name = g_strdup ("Tạm");
    temp->active = TRUE;
    toa_person_add_role (temp, site->id, "so-y-te", TOA_ROLE_EDITOR);
    g_assert_true (toa_store_begin (store, &error));
    g_assert_true (toa_store_person_add (store, temp, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (temp->id, >, 0);
    toa_store_rollback (store);
    gone = toa_store_person_find (store, "tam", &error);
    g_assert_null (gone);
    g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* init + site + two people */
  assert_chain_intact (store, 4);
}

static ToaCalendarAdjustment *
adjustment (int year, int month, int day, const char *kind, const char *note)
{
  ToaCalendarAdjustment *adj = toa_calendar_adjustment_new ();

  g_date_set_dmy (&adj->day, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  adj->kind = g_strdup (kind);
  adj->note = g_strdup (note);
  adj->source = g_strdup ("Thông báo số 01/TB-test");
  return adj;
}

static void
test_calendar (void)
{
  g_autoptr(ToaStore) store = fresh_store ("calendar");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL, seeded = NULL, adjustments = NULL, range = NULL;
  g_autoptr(ToaCalendarAdjustment) a = adjustment (2031, 1, 3, TOA_ADJUSTMENT_DAY_OFF, "Nghỉ bù");
  g_autoptr(ToaCalendarAdjustment) b = adjustment (2031, 1, 11, TOA_ADJUSTMENT_WORKING_DAY, "Làm bù");
  g_autoptr(ToaCalendarAdjustment) c = adjustment (2031, 1, 3, TOA_ADJUSTMENT_WORKING_DAY, "Đổi lại");
  g_autoptr(ToaWorkCalendar) cal = NULL;
  gboolean seen_tet = FALSE;
  GDate from, to, day;

  rules = toa_store_calendar_holiday_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, >=, 5);
  for (guint i = 0; i < rules->len; i++)
    {
      ToaHolidayRule *rule = rules->pdata[i];

      g_assert_nonnull (rule->source);
      if (rule->lunar && rule->month == 1 && rule->length_days >= 5)
        seen_tet = TRUE;
    }
  g_assert_true (seen_tet);

  seeded = toa_store_calendar_adjustment_list (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (toa_workdays_add_adjustment (store, 0, b, &error));
  g_assert_no_error (error);
  g_assert_true (toa_workdays_add_adjustment (store, 0, a, &error));
  g_assert_no_error (error);

  /* 3 January 2031 is a Friday made a day off; 11 January a Saturday worked. */
  cal = toa_work_calendar_get (store, &error);
  g_assert_no_error (error);
  g_date_set_dmy (&day, 3, 1, 2031);
  g_assert_false (toa_work_calendar_is_working_day (cal, &day));
  g_date_set_dmy (&day, 11, 1, 2031);
  g_assert_true (toa_work_calendar_is_working_day (cal, &day));
  g_clear_pointer (&cal, toa_work_calendar_unref);

  /* Setting a day again replaces it. */
  g_assert_true (toa_workdays_add_adjustment (store, 0, c, &error));
  g_assert_no_error (error);
  adjustments = toa_store_calendar_adjustment_list (store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (adjustments->len, ==, seeded->len + 2);
  g_date_set_dmy (&from, 1, 1, 2031);
  g_date_set_dmy (&to, 31, 12, 2031);
  range = toa_store_calendar_adjustment_list (store, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->len, ==, 2);
  g_assert_cmpint (g_date_get_day (&((ToaCalendarAdjustment *) range->pdata[0])->day), ==, 3);
  g_assert_cmpstr (((ToaCalendarAdjustment *) range->pdata[0])->kind, ==, TOA_ADJUSTMENT_WORKING_DAY);
  g_assert_cmpstr (((ToaCalendarAdjustment *) range->pdata[0])->note, ==, "Đổi lại");
  g_assert_cmpstr (((ToaCalendarAdjustment *) range->pdata[0])->source, ==, "Thông báo số 01/TB-test");
  g_assert_cmpint (g_date_get_day (&((ToaCalendarAdjustment *) range->pdata[1])->day), ==, 11);
  g_clear_pointer (&range, g_ptr_array_unref);
  cal = toa_work_calendar_get (store, &error);
  g_date_set_dmy (&day, 3, 1, 2031);
  g_assert_true (toa_work_calendar_is_working_day (cal, &day));

  /* The range is inclusive at both ends and may be open on one side. */
  g_date_set_dmy (&from, 4, 1, 2031);
  g_date_set_dmy (&to, 11, 1, 2031);
  range = toa_store_calendar_adjustment_list (store, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (range->len, ==, 1);
  g_clear_pointer (&range, g_ptr_array_unref);
  g_date_set_dmy (&from, 3, 1, 2031);
  range = toa_store_calendar_adjustment_list (store, &from, NULL, &error);
  g_assert_cmpuint (range->len, ==, 2);
  g_clear_pointer (&range, g_ptr_array_unref);
  g_date_set_dmy (&to, 10, 1, 2031);
  range = toa_store_calendar_adjustment_list (store, NULL, &to, &error);
  g_assert_cmpuint (range->len, ==, seeded->len + 1);

  assert_chain_intact (store, 4);
}

static void
test_workflows (void)
{
  g_autoptr(ToaStore) store = fresh_store ("workflows");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) presets = toa_workflow_presets (NULL);
  g_autoptr(GPtrArray) records = NULL, latest = NULL;
  g_autoptr(ToaWorkflow) workflow = NULL;
  g_autoptr(ToaWorkflowRecord) v1 = NULL, newest = NULL, copy = NULL;
  g_autoptr(ToaPerson) admin = NULL, editor = NULL;
  g_autoptr(GArray) admin_roles = grants (store, "admin", NULL);
  g_autoptr(GArray) editor_roles = grants (store, "editor", NULL);
  g_autofree char *setting = NULL;
  const char *code;

  /* toa_board_init seeded every shipped preset as version 1, listed by code (byte order). */
  g_assert_nonnull (presets);
  records = toa_store_workflow_definition_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, presets->len);
  for (guint i = 0; i < records->len; i++)
    {
      ToaWorkflowRecord *record = records->pdata[i];

      g_assert_cmpint (record->version, ==, 1);
      g_assert_cmpint (record->created_by, ==, 0);
      if (i > 0)
        g_assert_cmpint (strcmp (((ToaWorkflowRecord *) records->pdata[i - 1])->code, record->code), <, 0);
    }
  code = ((ToaWorkflowRecord *) records->pdata[0])->code;

  admin = toa_people_add (store, 0, "quantri", "Quản trị", NULL, FALSE, NULL, admin_roles,
                          "mật khẩu dài 12", &error);
  g_assert_no_error (error);
  editor = toa_people_add (store, 0, "bientap", "Biên tập", NULL, FALSE, NULL, editor_roles,
                           "mật khẩu dài 12", &error);
  g_assert_no_error (error);

  /* A saved edit is version 2; version 1 stays as it was. Only the admin may save. */
  workflow = toa_workflow_load (store, code, 0, &error);
  g_assert_no_error (error);
  g_free (workflow->name);
  workflow->name = g_strdup ("Quy trình sửa đổi");
  g_assert_false (toa_workflow_save_version (store, editor, workflow, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (toa_workflow_save_version (store, admin, workflow, &error));
  g_assert_no_error (error);
  g_assert_cmpint (workflow->version, ==, 2);

  v1 = toa_store_workflow_definition_get (store, code, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (v1->name, !=, "Quy trình sửa đổi");
  newest = toa_store_workflow_definition_get (store, code, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (newest->version, ==, 2);
  g_assert_cmpstr (newest->name, ==, "Quy trình sửa đổi");
  g_assert_cmpint (newest->created_by, ==, admin->id);
  g_assert_nonnull (strstr (newest->definition_json, "Quy trình sửa đổi"));
  latest = toa_store_workflow_definition_list (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->len, ==, presets->len);
  g_assert_cmpint (((ToaWorkflowRecord *) latest->pdata[0])->version, ==, 2);

  /* Versions are never overwritten. */
  copy = toa_workflow_record_new ();
  copy->code = g_strdup (code);
  copy->version = 2;
  copy->name = g_strdup ("x");
  copy->definition_json = g_strdup (newest->definition_json);
  copy->created_at = 1;
  g_assert_false (toa_store_workflow_definition_add (store, copy, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (toa_store_workflow_definition_get (store, "no-such-workflow", 0, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (toa_store_workflow_definition_get (store, code, 3, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The board's default workflow is a board setting. */
  g_assert_true (toa_workflow_set_default (store, admin, code, &error));
  g_assert_no_error (error);
  setting = toa_store_board_setting_get (store, "default_workflow", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (setting, ==, code);
  g_assert_null (toa_store_board_setting_get (store, "no_such_setting", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* init + two people + the saved version + the default (if it changed anything) */
  {
    g_autoptr(GPtrArray) audit = toa_store_audit_list (store, 0, 0, &error);
    g_autoptr(GPtrArray) tail = toa_store_audit_list (store, 2, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (audit->len, >=, 4);
    g_assert_cmpuint (tail->len, ==, 2);
    g_assert_cmpint (((ToaAuditRecord *) tail->pdata[0])->seq, ==, 3);
    g_assert_cmpstr (((ToaAuditRecord *) tail->pdata[0])->prev_hash, ==,
                     ((ToaAuditRecord *) audit->pdata[1])->hash);
    assert_chain_intact (store, audit->len);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  server = toa_pg_test_server_start ();

  g_test_add_func ("/store-pg/reference/board", test_board);
  g_test_add_func ("/store-pg/reference/sites-sections-units", test_sites_sections_units);
  g_test_add_func ("/store-pg/reference/people", test_people);
  g_test_add_func ("/store-pg/reference/calendar", test_calendar);
  g_test_add_func ("/store-pg/reference/workflows", test_workflows);
  return g_test_run ();
}
