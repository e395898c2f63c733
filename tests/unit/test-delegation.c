/* test-delegation.c — delegations in core, on a temporary database: the form of signing (KT. /
 * TL.) chosen when delegating, recorded on each act and kept when the delegation changes later;
 * revoking (delegator or administrator only, audited, acts after it refused); listing given
 * and received with their status; the actions a person may delegate. */
#include <string.h>

#include "toa-audit.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-test-board.h"
#include "toa-test-util.h"
#include "toa-text.h"
#include "toa-transitions.h"
#include "toa-workflow-check.h"

typedef ToaTestBoard Fixture;

static const char *publish[] = { "publish", NULL };

static ToaPerson *
who (Fixture *f, const char *role)
{
  return toa_test_board_person (f, role);
}

static gint64
usec_of (const char *iso)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return g_date_time_to_unix (when) * G_USEC_PER_SEC;
}

/* Takes @transition as @role at @now; the error code, or -1 on success. */
static int
take (Fixture *f, const char *role, gint64 id, const char *transition, gint64 now)
{
  g_autoptr(GError) error = NULL;
  ToaTransitionRequest request = { .article_id = id, .transition = transition, .now = now };
  ToaTransitionResult result = { 0 };
  gboolean ok = toa_transitions_do (f->store, who (f, role), &request, &result, &error);

  toa_transition_result_clear (&result);
  if (ok)
    return -1;
  g_assert_nonnull (error);
  return error->code;
}

static guint
audit_count (Fixture *f, const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = toa_store_audit_list (f->store, 0, 100000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    n += g_str_equal (((ToaAuditRecord *) g_ptr_array_index (records, i))->action, action);
  return n;
}

static ToaDelegation *
delegate (Fixture *f, const char *form, const char *from_date, const char *to_date)
{
  g_autoptr(GError) error = NULL;
  ToaDelegation *d = toa_delegation_add_with_form (f->store, who (f, "standing-deputy"), "r-standing-deputy",
                                                   "r-secretary", NULL, publish, from_date, to_date,
                                                   form, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

/* The label of the item's last act. */
static char *
last_label (Fixture *f, gint64 id, char **form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = toa_transitions_list (f->store, id, &error);
  const ToaTransitionRecord *record;

  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, >, 0);
  record = g_ptr_array_index (timeline, timeline->len - 1);
  if (form != NULL)
    *form = g_strdup (record->behalf_form);
  return toa_transition_record_behalf_label (record);
}

static void
test_form (Fixture *f, gconstpointer data)
{
  gint64 tl_item = toa_test_board_article (f, "tin", "deputy-review", "law-guidance");
  gint64 kt_item = toa_test_board_article (f, "tin", "deputy-review", "law-guidance");
  gint64 own_item = toa_test_board_article (f, "tin", "deputy-review", "law-guidance");
  g_autoptr(ToaDelegation) tl = NULL;
  g_autoptr(ToaDelegation) kt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL, *form = NULL, *own = NULL, *parsed = NULL;
  g_autoptr(ToaDelegation) bad = NULL;

  /* the form is checked; "kt", "TL." and the like are accepted */
  bad = toa_delegation_add_with_form (f->store, who (f, "standing-deputy"), "r-standing-deputy",
                                      "r-secretary", NULL, publish, "2025-03-10", "2025-03-20",
                                      "TUQ", &error);
  g_assert_null (bad);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);
  parsed = toa_delegation_form_parse (" tl. ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed, ==, "TL");

  tl = delegate (f, "tl", "2025-03-10", "2025-03-12");
  g_assert_cmpstr (tl->form, ==, "TL");
  g_assert_cmpint (take (f, "secretary", tl_item, "publish", usec_of ("2025-03-11T03:00:00Z")), ==, -1);
  label = last_label (f, tl_item, &form);
  g_assert_cmpstr (form, ==, "TL");
  g_assert_true (g_str_has_prefix (label, "TL. "));
  g_assert_nonnull (strstr (label, who (f, "standing-deputy")->full_name));
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&form, g_free);

  /* the default form is KT */
  kt = toa_delegation_add (f->store, who (f, "standing-deputy"), "r-standing-deputy", "r-secretary",
                           NULL, publish, "2025-04-01", "2025-04-02", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kt->form, ==, "KT");
  g_assert_cmpint (take (f, "secretary", kt_item, "publish", usec_of ("2025-04-01T03:00:00Z")), ==, -1);
  label = last_label (f, kt_item, &form);
  g_assert_cmpstr (form, ==, "KT");
  g_assert_true (g_str_has_prefix (label, "KT. "));
  g_clear_pointer (&label, g_free);

  /* history is not rewritten: revoking the TL delegation leaves the act signed TL. */
  g_assert_true (toa_delegation_revoke (f->store, who (f, "standing-deputy"), tl->id, &error));
  g_assert_no_error (error);
  label = last_label (f, tl_item, NULL);
  g_assert_true (g_str_has_prefix (label, "TL. "));

  /* acting in one's own right has no label */
  g_assert_cmpint (take (f, "standing-deputy", own_item, "publish", 0), ==, -1);
  own = last_label (f, own_item, NULL);
  g_assert_null (own);
}

static void
test_revoke (Fixture *f, gconstpointer data)
{
  gint64 item = toa_test_board_article (f, "tin", "deputy-review", "law-guidance");
  g_autoptr(ToaDelegation) d = delegate (f, "kt", "2025-03-10", "2025-03-20");
  g_autoptr(ToaDelegation) second = delegate (f, "kt", "2025-05-01", "2025-05-02");
  g_autoptr(ToaDelegation) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 during = usec_of ("2025-03-15T03:00:00Z");

  /* in force before it is revoked, with its form */
  {
    g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) keep_roles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    g_autoptr(GArray) in_force = toa_delegation_for_check (f->store, who (f, "secretary"), d->site_id,
                                                           during, keep, keep_roles, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (in_force->len, ==, 1);
    g_assert_cmpstr (g_array_index (in_force, ToaWorkflowDelegation, 0).form, ==, "KT");
  }

  /* nobody else may revoke it: not the delegate, not another member */
  g_assert_false (toa_delegation_revoke (f->store, who (f, "secretary"), d->id, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (toa_delegation_revoke (f->store, who (f, "head"), d->id, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (toa_delegation_revoke (f->store, who (f, "standing-deputy"), 9999, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (audit_count (f, "delegation.revoke"), ==, 0);

  /* the delegator may */
  g_assert_true (toa_delegation_revoke (f->store, who (f, "standing-deputy"), d->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (f, "delegation.revoke"), ==, 1);
  stored = toa_store_delegation_get (f->store, d->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->revoked_at, >, 0);
  /* twice is a conflict, and not audited again */
  g_assert_false (toa_delegation_revoke (f->store, who (f, "standing-deputy"), d->id, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (audit_count (f, "delegation.revoke"), ==, 1);

  /* acts after it are refused, within its range */
  g_assert_cmpint (take (f, "secretary", item, "publish", during), ==, TOA_ERROR_PERMISSION);

  /* the administrator may revoke another person's */
  g_assert_true (toa_delegation_revoke (f->store, who (f, "admin"), second->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (f, "delegation.revoke"), ==, 2);
  g_assert_cmpint (take (f, "secretary", item, "publish", usec_of ("2025-05-01T03:00:00Z")), ==,
                   TOA_ERROR_PERMISSION);
  {
    gint64 count = 0, bad = 0;

    g_assert_true (toa_audit_verify (f->store, &count, &bad, &error));
    g_assert_no_error (error);
  }
}

static void
test_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 30);
  g_autofree char *next = g_date_time_format (later, "%Y-%m-%d");
  g_autoptr(ToaDelegation) ended = delegate (f, "kt", "2020-01-01", "2020-01-31");
  g_autoptr(ToaDelegation) current = delegate (f, "tl", "2020-01-01", next);
  g_autoptr(ToaDelegation) upcoming = delegate (f, "kt", next, next);
  g_autoptr(ToaDelegation) revoked = delegate (f, "kt", "2020-01-01", next);
  g_autoptr(GPtrArray) given = NULL, received = NULL, all = NULL, others = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;

  g_assert_true (toa_delegation_revoke (f->store, who (f, "admin"), revoked->id, &error));
  g_assert_no_error (error);

  given = toa_delegation_list (f->store, who (f, "standing-deputy")->id, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (given->len, ==, 2);   /* current and upcoming, newest first */
  g_assert_cmpint (((ToaDelegation *) given->pdata[0])->id, ==, upcoming->id);
  g_assert_cmpint (((ToaDelegation *) given->pdata[1])->id, ==, current->id);
  g_assert_cmpstr (((ToaDelegation *) given->pdata[1])->form, ==, "TL");
  received = toa_delegation_list (f->store, who (f, "secretary")->id, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (received->len, ==, 4);
  all = toa_delegation_list (f->store, 0, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  others = toa_delegation_list (f->store, who (f, "editor")->id, TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 0);

  toa_transitions_local_date (toa_now_usec (), &day);
  g_assert_cmpint (toa_delegation_status (ended, &day), ==, TOA_DELEGATION_ENDED);
  g_assert_cmpint (toa_delegation_status (current, &day), ==, TOA_DELEGATION_IN_FORCE);
  g_assert_cmpint (toa_delegation_status (upcoming, &day), ==, TOA_DELEGATION_UPCOMING);
  g_assert_cmpint (toa_delegation_status ((ToaDelegation *) all->pdata[0], &day), ==, TOA_DELEGATION_REVOKED);
  g_assert_cmpstr (toa_delegation_status_code (TOA_DELEGATION_IN_FORCE), ==, "in-force");
}

static void
test_delegable (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deputy = toa_delegation_delegable_actions (f->store, who (f, "standing-deputy"),
                                                                  NULL, &error);
  g_autoptr(GPtrArray) editor = NULL;
  gboolean has_publish = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (deputy->len, >, 0);
  for (guint i = 0; i < deputy->len; i++)
    {
      const ToaDelegableAction *a = g_ptr_array_index (deputy, i);
      g_autoptr(ToaDelegation) d = NULL;
      const char *one[] = { a->code, NULL };

      has_publish |= g_str_equal (a->code, "publish");
      g_assert_nonnull (a->name);
      /* every action offered is one core accepts to delegate to someone (here: the secretary
       * or, failing that, a PERMISSION about the receiver — never about the delegator) */
      d = toa_delegation_add (f->store, who (f, "standing-deputy"), "r-standing-deputy", "r-secretary",
                              NULL, one, "2025-06-01", "2025-06-02", &error);
      if (d == NULL)
        {
          g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
          g_assert_null (strstr (error->message, "do not hold a role"));
          g_clear_error (&error);
        }
    }
  g_assert_true (has_publish);
  /* the editor may not delegate publishing */
  editor = toa_delegation_delegable_actions (f->store, who (f, "editor"), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < editor->len; i++)
    g_assert_cmpstr (((ToaDelegableAction *) editor->pdata[i])->code, !=, "publish");
  g_clear_pointer (&editor, g_ptr_array_unref);
  editor = toa_delegation_delegable_actions (f->store, who (f, "editor"), "no-such-site", &error);
  g_assert_null (editor);
  g_assert_error (error, TOA_ERROR, TOA_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, toa_test_board_set_up, func, toa_test_board_tear_down)
  ADD ("/delegation/form", test_form);
  ADD ("/delegation/revoke", test_revoke);
  ADD ("/delegation/list", test_list);
  ADD ("/delegation/delegable", test_delegable);
  return g_test_run ();
}
