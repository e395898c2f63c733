/* toa-pg-reference.c — the board's reference records on PostgreSQL: sites, sections, units,
 * genres, kinds of information, people with their roles and passwords, board settings, the
 * audit log, the working-day calendar and workflow definitions. The same results, orders and
 * errors as the SQLite backend (toa-sqlite-store.c, toa-sqlite-calendar.c,
 * toa-sqlite-workflow.c, toa-sqlite-articles.c); text sorts use COLLATE "C" for SQLite's
 * byte order. See toa-pg-private.h (toa_pg_store_iface_reference). */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-pg-private.h"

typedef gpointer (*RowReader) (const PGresult *res, int row);

/* Runs @sql and reads every row with @read into a new list freed with @free_func. */
static GPtrArray *
query_list (ToaPgStore *self, const char *sql, const ToaPgParams *params, RowReader read,
            GDestroyNotify free_func, GError **error)
{
  g_autoptr(PGresult) res = toa_pg_query (self, sql, params, error);
  GPtrArray *list;

  if (res == NULL)
    return NULL;
  list = g_ptr_array_new_full ((guint) PQntuples (res), free_func);
  for (int row = 0; row < PQntuples (res); row++)
    g_ptr_array_add (list, read (res, row));
  return list;
}

/* Runs an INSERT … RETURNING id and gives the new id (0 on error). */
static gint64
insert_returning_id (ToaPgStore *self, const char *sql, const ToaPgParams *params, GError **error)
{
  g_autoptr(PGresult) res = toa_pg_query (self, sql, params, error);

  if (res == NULL)
    return 0;
  if (PQntuples (res) < 1)
    {
      g_set_error_literal (error, TOA_ERROR, TOA_ERROR_IO, "INSERT … RETURNING id returned no row");
      return 0;
    }
  return toa_pg_int (res, 0, 0);
}

/* ---- sites, sections, units, genres, kinds ------------------------------------------- */

static gboolean
site_add (ToaStore *store, ToaSite *site, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  gint64 id;

  toa_pg_params_text (params, site->code);
  toa_pg_params_text (params, site->name);
  toa_pg_params_text (params, site->kind != NULL ? site->kind : "component");
  toa_pg_params_text (params, site->url);
  id = insert_returning_id (TOA_PG_STORE (store),
                            "SELECT toa_site_add ($1::text, $2::text, $3::text, $4::text)",
                            params, error);
  if (id == 0)
    return FALSE;
  site->id = id;
  return TRUE;
}

#define SITE_COLUMNS "SELECT id, code, name, kind, url FROM sites "

static gpointer
site_from_row (const PGresult *res, int row)
{
  ToaSite *site = toa_site_new ();

  site->id = toa_pg_int (res, row, 0);
  site->code = toa_pg_text (res, row, 1);
  site->name = toa_pg_text (res, row, 2);
  site->kind = toa_pg_text (res, row, 3);
  site->url = toa_pg_text (res, row, 4);
  return site;
}

static GPtrArray *
site_list (ToaStore *store, GError **error)
{
  return query_list (TOA_PG_STORE (store), SITE_COLUMNS "ORDER BY kind <> 'portal', id", NULL,
                     site_from_row, (GDestroyNotify) toa_site_free, error);
}

static ToaSite *
site_find (ToaStore *store, const char *code, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_text (params, code);
  if (!(res = toa_pg_query (TOA_PG_STORE (store), SITE_COLUMNS "WHERE code = $1", params, error)))
    return NULL;
  if (PQntuples (res) > 0)
    return site_from_row (res, 0);
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, _("No site has the code “%s”."), code);
  return NULL;
}

static gboolean
section_add (ToaStore *store, ToaSection *section, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  gint64 id;

  toa_pg_params_int (params, section->site_id);
  toa_pg_params_text (params, section->code);
  toa_pg_params_text (params, section->name);
  toa_pg_params_int (params, section->position);
  id = insert_returning_id (TOA_PG_STORE (store),
                            "SELECT toa_section_add ($1::bigint, $2::text, $3::text, $4::bigint)", params, error);
  if (id == 0)
    return FALSE;
  section->id = id;
  return TRUE;
}

static gpointer
section_from_row (const PGresult *res, int row)
{
  ToaSection *section = toa_section_new ();

  section->id = toa_pg_int (res, row, 0);
  section->site_id = toa_pg_int (res, row, 1);
  section->code = toa_pg_text (res, row, 2);
  section->name = toa_pg_text (res, row, 3);
  section->position = (int) toa_pg_int (res, row, 4);
  return section;
}

static GPtrArray *
section_list (ToaStore *store, gint64 site_id, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  if (site_id == 0)
    return query_list (TOA_PG_STORE (store),
                       "SELECT id, site_id, code, name, position FROM sections "
                       "ORDER BY site_id, position, id", NULL,
                       section_from_row, (GDestroyNotify) toa_section_free, error);
  toa_pg_params_int (params, site_id);
  return query_list (TOA_PG_STORE (store),
                     "SELECT id, site_id, code, name, position FROM sections "
                     "WHERE site_id = $1 ORDER BY site_id, position, id", params,
                     section_from_row, (GDestroyNotify) toa_section_free, error);
}

static gboolean
unit_add (ToaStore *store, ToaUnit *unit, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  gint64 id;

  toa_pg_params_text (params, unit->code);
  toa_pg_params_text (params, unit->name);
  id = insert_returning_id (TOA_PG_STORE (store),
                            "SELECT toa_unit_add ($1::text, $2::text)", params, error);
  if (id == 0)
    return FALSE;
  unit->id = id;
  return TRUE;
}

static gpointer
unit_from_row (const PGresult *res, int row)
{
  ToaUnit *unit = toa_unit_new ();

  unit->id = toa_pg_int (res, row, 0);
  unit->code = toa_pg_text (res, row, 1);
  unit->name = toa_pg_text (res, row, 2);
  return unit;
}

static GPtrArray *
unit_list (ToaStore *store, GError **error)
{
  return query_list (TOA_PG_STORE (store), "SELECT id, code, name FROM units ORDER BY id", NULL,
                     unit_from_row, (GDestroyNotify) toa_unit_free, error);
}

static gpointer
genre_from_row (const PGresult *res, int row)
{
  ToaGenre *genre = toa_genre_new ();

  genre->code = toa_pg_text (res, row, 0);
  genre->name = toa_pg_text (res, row, 1);
  genre->designed = toa_pg_bool (res, row, 2);
  return genre;
}

static GPtrArray *
genre_list (ToaStore *store, GError **error)
{
  return query_list (TOA_PG_STORE (store),
                     "SELECT code, name, designed FROM genres ORDER BY position, code COLLATE \"C\"",
                     NULL, genre_from_row, (GDestroyNotify) toa_genre_free, error);
}

static gpointer
info_kind_from_row (const PGresult *res, int row)
{
  ToaInfoKind *kind = toa_info_kind_new ();

  kind->code = toa_pg_text (res, row, 0);
  kind->name = toa_pg_text (res, row, 1);
  kind->deadline_days = (int) toa_pg_int (res, row, 2);
  kind->basis = toa_pg_text (res, row, 3);
  kind->source = toa_pg_text (res, row, 4);
  return kind;
}

static GPtrArray *
info_kind_list (ToaStore *store, GError **error)
{
  return query_list (TOA_PG_STORE (store),
                     "SELECT code, name, deadline_days, basis, source FROM info_kinds "
                     "ORDER BY position, code COLLATE \"C\"",
                     NULL, info_kind_from_row, (GDestroyNotify) toa_info_kind_free, error);
}

/* ---- people and roles ---------------------------------------------------------------- */

static gboolean
insert_role (ToaPgStore *self, gint64 person_id, gint64 site_id, ToaRole role, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  toa_pg_params_int (params, person_id);
  toa_pg_params_int (params, site_id);
  toa_pg_params_text (params, toa_role_code (role));
  return toa_pg_exec (self, "SELECT toa_role_grant ($1::bigint, $2::bigint, $3::text)", params, NULL, error);
}

static gboolean
person_add (ToaStore *store, ToaPerson *person, const char *password_hash, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  gint64 id;
  gboolean ok;

  if (!toa_pg_write_begin (self, error))
    return FALSE;

  toa_pg_params_text (params, person->login);
  toa_pg_params_text (params, person->full_name);
  toa_pg_params_text (params, person->email);
  toa_pg_params_bool (params, person->contributor);
  toa_pg_params_text (params, person->contract_no);
  toa_pg_params_bool (params, person->active);
  toa_pg_params_text (params, password_hash);
  id = insert_returning_id (self,
                            "SELECT toa_person_add ($1::text, $2::text, $3::text, $4::boolean, $5::text, "
                            "$6::boolean, $7::text)",
                            params, error);
  ok = id != 0;
  for (guint i = 0; ok && person->roles != NULL && i < person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (person->roles, ToaRoleGrant, i);
      ok = insert_role (self, id, grant->site_id, grant->role, error);
    }
  if (ok)
    person->id = id;

  return toa_pg_write_end (self, ok, ok ? error : NULL) && ok;
}

/* Roles in the order SQLite gives them: portal first, then by site, then by role code. */
#define ROLE_COLUMNS "SELECT r.person_id, r.site_id, s.code, r.role FROM person_roles r " \
                     "JOIN sites s ON s.id = r.site_id "
#define ROLE_ORDER   "s.kind <> 'portal', s.id, r.role COLLATE \"C\""

/* Adds the roles of @res's rows to the people of @by_id (id → ToaPerson). */
static void
add_roles (const PGresult *res, GHashTable *by_id)
{
  for (int row = 0; row < PQntuples (res); row++)
    {
      gint64 person_id = toa_pg_int (res, row, 0);
      ToaPerson *person = g_hash_table_lookup (by_id, &person_id);
      ToaRole role;

      if (person != NULL && toa_role_from_code (PQgetvalue (res, row, 3), &role))
        toa_person_add_role (person, toa_pg_int (res, row, 1), PQgetvalue (res, row, 2), role);
    }
}

static gboolean
load_roles (ToaPgStore *self, ToaPerson *person, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  toa_pg_params_int (params, person->id);
  res = toa_pg_query (self, ROLE_COLUMNS "WHERE r.person_id = $1 ORDER BY " ROLE_ORDER, params, error);
  if (res == NULL)
    return FALSE;
  if (person->roles != NULL)
    g_array_set_size (person->roles, 0);
  g_hash_table_insert (by_id, &person->id, person);
  add_roles (res, by_id);
  return TRUE;
}

#define PERSON_COLUMNS "SELECT id, login, full_name, email, contributor, contract_no, active FROM people "

static gpointer
person_from_row (const PGresult *res, int row)
{
  ToaPerson *person = toa_person_new ();

  person->id = toa_pg_int (res, row, 0);
  person->login = toa_pg_text (res, row, 1);
  person->full_name = toa_pg_text (res, row, 2);
  person->email = toa_pg_text (res, row, 3);
  person->contributor = toa_pg_bool (res, row, 4);
  person->contract_no = toa_pg_text (res, row, 5);
  person->active = toa_pg_bool (res, row, 6);
  return person;
}

static ToaPerson *
person_lookup (ToaPgStore *self, const char *login, gint64 id, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autoptr(ToaPerson) person = NULL;

  if (login != NULL)
    toa_pg_params_text (params, login);
  else
    toa_pg_params_int (params, id);
  res = toa_pg_query (self, login != NULL ? PERSON_COLUMNS "WHERE login = $1" : PERSON_COLUMNS "WHERE id = $1",
                      params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      if (login != NULL)
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, _("No one has the login “%s”."), login);
      else
        g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
                     _("No person has the number %lld."), (long long) id);
      return NULL;
    }
  person = person_from_row (res, 0);
  if (!load_roles (self, person, error))
    return NULL;
  return g_steal_pointer (&person);
}

static ToaPerson *
person_find (ToaStore *store, const char *login, GError **error)
{
  g_return_val_if_fail (login != NULL, NULL);
  return person_lookup (TOA_PG_STORE (store), login, 0, error);
}

static ToaPerson *
person_get (ToaStore *store, gint64 id, GError **error)
{
  return person_lookup (TOA_PG_STORE (store), NULL, id, error);
}

static GPtrArray *
person_list (ToaStore *store, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PGresult) roles = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Everyone's roles in one query rather than one per person: each is a round trip. */
  list = query_list (self, PERSON_COLUMNS "ORDER BY id", NULL, person_from_row,
                     (GDestroyNotify) toa_person_free, error);
  if (list == NULL)
    return NULL;
  roles = toa_pg_query (self, ROLE_COLUMNS "ORDER BY r.person_id, " ROLE_ORDER, NULL, error);
  if (roles == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      ToaPerson *person = g_ptr_array_index (list, i);
      g_hash_table_insert (by_id, &person->id, person);
    }
  add_roles (roles, by_id);
  return g_steal_pointer (&list);
}

static gboolean
role_grant (ToaStore *store, gint64 person_id, gint64 site_id, ToaRole role, GError **error)
{
  return insert_role (TOA_PG_STORE (store), person_id, site_id, role, error);
}

static char *
password_hash_get (ToaStore *store, const char *login, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_text (params, login);
  res = toa_pg_query (TOA_PG_STORE (store),
                      "SELECT password_hash FROM people WHERE login = $1 AND password_hash IS NOT NULL",
                      params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) > 0)
    return toa_pg_text (res, 0, 0);
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND, _("No one has the login “%s”."), login);
  return NULL;
}

/* ---- board settings ------------------------------------------------------------------ */

static char *
board_setting_get (ToaStore *store, const char *key, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_text (params, key);
  res = toa_pg_query (TOA_PG_STORE (store), "SELECT value FROM board_settings WHERE key = $1", params, error);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) > 0)
    return toa_pg_text (res, 0, 0);
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
               _("The board setting “%s” is not set. Run “toasoan-cli init” on this database."), key);
  return NULL;
}

static gboolean
board_setting_set (ToaStore *store, const char *key, const char *value, const char *source,
                   GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  toa_pg_params_text (params, key);
  toa_pg_params_text (params, value);
  toa_pg_params_text (params, source != NULL ? source : "");
  return toa_pg_exec (TOA_PG_STORE (store),
                      "SELECT toa_board_setting_set ($1::text, $2::text, $3::text)",
                      params, NULL, error);
}

/* ---- audit log ----------------------------------------------------------------------- */

#define AUDIT_COLUMNS \
  "SELECT seq, at, actor_id, action, object_type, object_id, detail, prev_hash, hash FROM audit_log "

static gpointer
audit_from_row (const PGresult *res, int row)
{
  ToaAuditRecord *record = toa_audit_record_new ();

  record->seq = toa_pg_int (res, row, 0);
  record->at = toa_pg_int (res, row, 1);
  record->actor_id = toa_pg_int (res, row, 2);
  record->action = toa_pg_text (res, row, 3);
  record->object_type = toa_pg_text (res, row, 4);
  record->object_id = toa_pg_int (res, row, 5);
  record->detail = toa_pg_text (res, row, 6);
  record->prev_hash = toa_pg_text (res, row, 7);
  record->hash = toa_pg_text (res, row, 8);
  return record;
}

/* Core appends a record by reading the last one here and handing over seq + 1 with its hash
 * (toa_audit_append), inside the caller's transaction. Several desks write at once, so the
 * record is only staged (audit_pending, 008-audit-commit.sql) and the server links it into
 * the chain when the transaction commits: seq, prev_hash and hash are given again there, in
 * commit order, under a lock held only inside the server's commit — never across a round
 * trip to this desk. Nothing is locked here: the last record read is core's proposal. */
/* Whether the connection is the schema's owner (or a superuser): asked of the server once
 * (toa_caller_is_owner, 005-security.sql) and kept on the object. A member cannot lock or
 * insert into audit_log: their appends go through the server's toa_audit_append. */
static gboolean
is_owner (ToaPgStore *self, GError **error)
{
  gpointer known = g_object_get_data (G_OBJECT (self), "toa-pg-owner");
  g_autoptr(PGresult) res = NULL;
  gboolean owner;

  if (known != NULL)
    return GPOINTER_TO_INT (known) == 1;
  if (!(res = toa_pg_query (self, "SELECT toa_caller_is_owner ()", NULL, error)))
    return FALSE;
  owner = toa_pg_bool (res, 0, 0);
  g_object_set_data (G_OBJECT (self), "toa-pg-owner", GINT_TO_POINTER (owner ? 1 : 2));
  return owner;
}

static ToaAuditRecord *
audit_last (ToaStore *store, GError **error)
{
  g_autoptr(PGresult) res = toa_pg_query (TOA_PG_STORE (store), AUDIT_COLUMNS "ORDER BY seq DESC LIMIT 1",
                                          NULL, error);

  if (res == NULL || PQntuples (res) == 0)
    return NULL;
  return audit_from_row (res, 0);
}

/* The owner stages the record with core's time and actor; a member's record goes to the
 * server's toa_audit_append, which stages it as the signed-in person at the server's time.
 * Either way the server gives seq and hashes at COMMIT (core's are only a proposal). */
static gboolean
audit_insert (ToaStore *store, const ToaAuditRecord *record, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  GError *local_error = NULL;

  if (!is_owner (TOA_PG_STORE (store), &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      toa_pg_params_text (params, record->action);
      toa_pg_params_text (params, record->object_type);
      toa_pg_params_int (params, record->object_id);
      toa_pg_params_text (params, record->detail);
      toa_pg_params_id (params, record->actor_id);
      return toa_pg_exec (TOA_PG_STORE (store),
                          "SELECT toa_audit_append ($1::text, $2::text, $3::bigint, $4::text, $5::bigint)",
                          params, NULL, error);
    }

  toa_pg_params_int (params, record->actor_id);
  toa_pg_params_text (params, record->action);
  toa_pg_params_text (params, record->object_type);
  toa_pg_params_int (params, record->object_id);
  toa_pg_params_text (params, record->detail);
  toa_pg_params_int (params, record->at);
  return toa_pg_exec (TOA_PG_STORE (store),
                      "SELECT toa_audit_write ($1::bigint, $2::text, $3::text, $4::bigint, $5::text, $6::bigint)",
                      params, NULL, error);
}

static GPtrArray *
audit_list (ToaStore *store, gint64 after_seq, guint limit, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  toa_pg_params_int (params, after_seq);
  toa_pg_params_id (params, (gint64) limit);    /* 0 → NULL: LIMIT NULL is no limit */
  return query_list (TOA_PG_STORE (store), AUDIT_COLUMNS "WHERE seq > $1 ORDER BY seq LIMIT $2::bigint",
                     params, audit_from_row, (GDestroyNotify) toa_audit_record_free, error);
}

/* ---- calendar ------------------------------------------------------------------------ */

static gpointer
holiday_from_row (const PGresult *res, int row)
{
  ToaHolidayRule *rule = toa_holiday_rule_new ();

  rule->code = toa_pg_text (res, row, 0);
  rule->name = toa_pg_text (res, row, 1);
  rule->lunar = g_strcmp0 (PQgetvalue (res, row, 2), "lunar") == 0;
  rule->month = (int) toa_pg_int (res, row, 3);
  rule->day = (int) toa_pg_int (res, row, 4);
  rule->offset_days = (int) toa_pg_int (res, row, 5);
  rule->length_days = (int) toa_pg_int (res, row, 6);
  rule->source = toa_pg_text (res, row, 7);
  return rule;
}

static GPtrArray *
calendar_holiday_list (ToaStore *store, GError **error)
{
  return query_list (TOA_PG_STORE (store),
                     "SELECT code, name, calendar, month, day, offset_days, length_days, source "
                     "FROM calendar_holidays ORDER BY position, code COLLATE \"C\"",
                     NULL, holiday_from_row, (GDestroyNotify) toa_holiday_rule_free, error);
}

static char *
iso_or (const GDate *date, const char *fallback)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup (fallback);
  return toa_workdays_iso_date (date);
}

static gboolean
parse_iso (const char *text, GDate *out)
{
  unsigned year, month, day;

  g_date_clear (out, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static GPtrArray *
calendar_adjustment_list (ToaStore *store, const GDate *from, const GDate *to, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) toa_calendar_adjustment_free);
  g_autofree char *first = iso_or (from, "0000-00-00");
  g_autofree char *last = iso_or (to, "9999-99-99");

  /* Days all have the shape 'YYYY-MM-DD', so any collation compares them as dates and the
   * primary key's index serves the range. */
  toa_pg_params_text (params, first);
  toa_pg_params_text (params, last);
  res = toa_pg_query (TOA_PG_STORE (store),
                      "SELECT day, kind, note, source FROM calendar_adjustments "
                      "WHERE day BETWEEN $1 AND $2 ORDER BY day", params, error);
  if (res == NULL)
    return NULL;
  for (int row = 0; row < PQntuples (res); row++)
    {
      g_autoptr(ToaCalendarAdjustment) adjustment = toa_calendar_adjustment_new ();

      if (!parse_iso (PQgetvalue (res, row, 0), &adjustment->day))
        continue;   /* the CHECK keeps the shape; an impossible date such as 2025-02-30 is skipped */
      adjustment->kind = toa_pg_text (res, row, 1);
      adjustment->note = toa_pg_text (res, row, 2);
      adjustment->source = toa_pg_text (res, row, 3);
      g_ptr_array_add (list, g_steal_pointer (&adjustment));
    }
  return g_steal_pointer (&list);
}

static gboolean
calendar_adjustment_add (ToaStore *store, const ToaCalendarAdjustment *adjustment, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autofree char *day = toa_workdays_iso_date (&adjustment->day);

  toa_pg_params_text (params, day);
  toa_pg_params_text (params, adjustment->kind);
  toa_pg_params_text (params, adjustment->note);
  toa_pg_params_text (params, adjustment->source);
  return toa_pg_exec (TOA_PG_STORE (store),
                      "SELECT toa_calendar_day_set ($1::text, $2::text, $3::text, $4::text)",
                      params, NULL, error);
}

/* ---- workflow definitions ------------------------------------------------------------ */

#define WORKFLOW_COLUMNS "SELECT code, version, name, source, definition_json, created_at, created_by " \
                         "FROM workflow_definitions "

static gpointer
workflow_from_row (const PGresult *res, int row)
{
  ToaWorkflowRecord *record = toa_workflow_record_new ();

  record->code = toa_pg_text (res, row, 0);
  record->version = (int) toa_pg_int (res, row, 1);
  record->name = toa_pg_text (res, row, 2);
  record->source = toa_pg_text (res, row, 3);
  record->definition_json = toa_pg_text (res, row, 4);
  record->created_at = toa_pg_int (res, row, 5);
  record->created_by = toa_pg_int (res, row, 6);
  return record;
}

static gboolean
workflow_definition_add (ToaStore *store, const ToaWorkflowRecord *record, GError **error)
{
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();

  toa_pg_params_text (params, record->code);
  toa_pg_params_int (params, record->version);
  toa_pg_params_text (params, record->name);
  toa_pg_params_text (params, record->source != NULL ? record->source : "");
  toa_pg_params_text (params, record->definition_json);
  toa_pg_params_int (params, record->created_at);
  toa_pg_params_id (params, record->created_by);
  return toa_pg_exec (TOA_PG_STORE (store),
                      "SELECT toa_workflow_definition_add ($1::text, $2::bigint, $3::text, $4::text, "
                      "$5::text, $6::bigint, $7::bigint)", params, NULL, error);
}

static ToaWorkflowRecord *
workflow_record_copy (const ToaWorkflowRecord *record)
{
  ToaWorkflowRecord *copy = toa_workflow_record_new ();

  copy->code = g_strdup (record->code);
  copy->version = record->version;
  copy->name = g_strdup (record->name);
  copy->source = g_strdup (record->source);
  copy->definition_json = g_strdup (record->definition_json);
  copy->created_at = record->created_at;
  copy->created_by = record->created_by;
  return copy;
}

static ToaWorkflowRecord *
workflow_definition_get (ToaStore *store, const char *code, int version, GError **error)
{
  ToaPgStore *self = TOA_PG_STORE (store);
  g_autoptr(ToaPgParams) params = toa_pg_params_new ();
  g_autoptr(PGresult) res = NULL;

  toa_pg_params_text (params, code);
  if (version > 0)
    {
      g_autofree char *key = g_strdup_printf ("%s\x1f%d", code, version);
      const ToaWorkflowRecord *kept;
      ToaWorkflowRecord *record;

      /* a version, once written, never changes: read it once per connection */
      if (self->workflows != NULL && (kept = g_hash_table_lookup (self->workflows, key)) != NULL)
        return workflow_record_copy (kept);
      toa_pg_params_int (params, version);
      res = toa_pg_query (self, WORKFLOW_COLUMNS "WHERE code = $1 AND version = $2", params, error);
      if (res == NULL || PQntuples (res) == 0)
        goto done;
      record = workflow_from_row (res, 0);
      if (self->workflows == NULL)
        self->workflows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) toa_workflow_record_free);
      g_hash_table_replace (self->workflows, g_steal_pointer (&key), workflow_record_copy (record));
      return record;
    }
  else
    res = toa_pg_query (TOA_PG_STORE (store),
                        WORKFLOW_COLUMNS "WHERE code = $1 ORDER BY version DESC LIMIT 1", params, error);
done:
  if (res == NULL)
    return NULL;
  if (PQntuples (res) > 0)
    return workflow_from_row (res, 0);
  g_set_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND,
               _("No workflow has the code “%s”. See “toasoan-cli workflow presets”."), code);
  return NULL;
}

static GPtrArray *
workflow_definition_list (ToaStore *store, GError **error)
{
  return query_list (TOA_PG_STORE (store),
                     WORKFLOW_COLUMNS "WHERE (code, version) IN "
                     "(SELECT code, max (version) FROM workflow_definitions GROUP BY code) "
                     "ORDER BY code COLLATE \"C\"",
                     NULL, workflow_from_row, (GDestroyNotify) toa_workflow_record_free, error);
}

void
toa_pg_store_iface_reference (ToaStoreInterface *iface)
{
  iface->site_add = site_add;
  iface->site_list = site_list;
  iface->site_find = site_find;
  iface->section_add = section_add;
  iface->section_list = section_list;
  iface->unit_add = unit_add;
  iface->unit_list = unit_list;
  iface->genre_list = genre_list;
  iface->info_kind_list = info_kind_list;
  iface->person_add = person_add;
  iface->person_find = person_find;
  iface->person_get = person_get;
  iface->person_list = person_list;
  iface->role_grant = role_grant;
  iface->password_hash_get = password_hash_get;
  iface->board_setting_get = board_setting_get;
  iface->board_setting_set = board_setting_set;
  iface->audit_last = audit_last;
  iface->audit_insert = audit_insert;
  iface->audit_list = audit_list;
  iface->calendar_holiday_list = calendar_holiday_list;
  iface->calendar_adjustment_list = calendar_adjustment_list;
  iface->calendar_adjustment_add = calendar_adjustment_add;
  iface->workflow_definition_add = workflow_definition_add;
  iface->workflow_definition_get = workflow_definition_get;
  iface->workflow_definition_list = workflow_definition_list;
}
