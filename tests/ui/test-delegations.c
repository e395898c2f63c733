/* test-delegations.c — the Settings group "Delegations" and its dialog, driven through their
 * widgets on a fresh board: the standing deputy delegates "publish" to the secretary as TL.
 * (a wrong date first: core's message is shown in the dialog and nothing typed is lost), the
 * delegation is stored with its form and listed as in force; revoking it through its row and
 * the confirmation stores the revocation and lists it as revoked; the delegate is offered no
 * Revoke button. Screenshots toasoan-delegations.png and toasoan-delegation-dialog.png.
 * Needs a display (run under xvfb-run); skips without one. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-delegation-dialog.h"
#include "toa-delegations-group.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-ui-test-util.h"

static char                *tmp_dir;
static ToaStore            *store;
static ToaPerson           *deputy;
static ToaPerson           *secretary;
static GtkWindow           *window;
static ToaDelegationsGroup *group;

static char *
build_file (const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");

  return g_build_filename (dir != NULL ? dir : ".", name, NULL);
}

static ToaPerson *
add_person (const char *login, const char *name, ToaRole role)
{
  g_autoptr(GArray) grants = g_array_new (FALSE, TRUE, sizeof (ToaRoleGrant));
  g_autoptr(ToaSite) portal = toa_store_site_find (store, "portal", NULL);
  g_autoptr(GError) error = NULL;
  ToaRoleGrant grant = { 0 };
  ToaPerson *person;

  grant.site_id = portal->id;
  grant.role = role;
  g_array_append_val (grants, grant);
  person = toa_people_add (store, 0, login, name, NULL, FALSE, NULL, grants, NULL, &error);
  g_assert_no_error (error);
  return person;
}

static void
screenshot (GtkWidget *widget, const char *name)
{
  g_autofree char *path = build_file (name);
  g_autoptr(GError) error = NULL;
  guint colours;

  g_assert_true (toa_ui_test_wait_frame (widget, 3000));
  toa_ui_test_spin (200);
  colours = toa_ui_test_save_png (widget, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (colours, >, 50);
}

/* Presses @button as a click would: nothing happens when it is insensitive. */
static void
click (GtkWidget *button)
{
  if (gtk_widget_is_sensitive (button))
    g_signal_emit_by_name (button, "clicked");
}

/* The deputy's delegations as stored, newest first. */
static GPtrArray *
stored (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = toa_delegation_list (store, deputy->id, TRUE, 0, &error);

  g_assert_no_error (error);
  return list;
}

static gint64 delegated_id;

static void
test_delegate_through_dialog (void)
{
  ToaDelegationDialog *dialog;
  GtkCheckButton *publish;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) before = NULL;
  const ToaDelegation *d;
  guint position;
  const char *subtitle;

  toa_delegations_group_set_person (group, store, deputy);
  g_assert_cmpuint (toa_delegations_group_get_n_delegations (group), ==, 0);
  dialog = toa_delegations_group_open_dialog (group);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* the actions offered are core's: the deputy may delegate publishing */
  publish = toa_delegation_dialog_get_action_check (dialog, "publish");
  g_assert_nonnull (publish);
  g_assert_null (toa_delegation_dialog_get_action_check (dialog, "accept"));
  gtk_check_button_set_active (publish, TRUE);
  position = toa_delegation_dialog_person_position (dialog, "thuky");
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (toa_delegation_dialog_person_position (dialog, "phothuongtruc"), ==, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (toa_delegation_dialog_get_person_row (dialog), position);
  adw_combo_row_set_selected (toa_delegation_dialog_get_form_row (dialog), 1);   /* TL. */
  gtk_editable_set_text (toa_delegation_dialog_get_to_entry (dialog), "01/01/2020");

  /* core refuses (ends before it begins): the message is in the dialog, nothing is lost */
  click (toa_delegation_dialog_get_delegate_button (dialog));
  toa_ui_test_spin (50);
  g_assert_nonnull (dialog);
  g_assert_nonnull (toa_delegation_dialog_get_error (dialog));
  g_assert_nonnull (strstr (toa_delegation_dialog_get_error (dialog), "01/01/2020"));
  g_assert_true (gtk_check_button_get_active (publish));
  g_assert_cmpuint (adw_combo_row_get_selected (toa_delegation_dialog_get_form_row (dialog)), ==, 1);
  before = stored ();
  g_assert_cmpuint (before->len, ==, 0);
  screenshot (GTK_WIDGET (dialog), "toasoan-delegation-dialog.png");

  /* a sound range: stored with its form, the dialog closes, the group lists it */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 30);
    g_autofree char *last = g_date_time_format (later, "%d/%m/%Y");

    gtk_editable_set_text (toa_delegation_dialog_get_to_entry (dialog), last);
  }
  click (toa_delegation_dialog_get_delegate_button (dialog));
  toa_ui_test_spin (100);
  g_assert_null (dialog);
  after = stored ();
  g_assert_cmpuint (after->len, ==, 1);
  d = g_ptr_array_index (after, 0);
  g_assert_cmpstr (d->form, ==, "TL");
  g_assert_cmpint (d->to_person, ==, secretary->id);
  g_assert_cmpstr (d->actions[0], ==, "publish");
  g_assert_null (d->actions[1]);
  delegated_id = d->id;
  g_assert_cmpuint (toa_delegations_group_get_n_delegations (group), ==, 1);
  subtitle = toa_delegations_group_get_subtitle (group, d->id);
  g_assert_nonnull (subtitle);
  g_assert_nonnull (strstr (subtitle, "TL."));
  g_assert_nonnull (strstr (subtitle, toa_delegation_status_label (TOA_DELEGATION_IN_FORCE)));
}

static void
test_delegate_sees_no_revoke (void)
{
  toa_delegations_group_set_person (group, store, secretary);
  g_assert_cmpuint (toa_delegations_group_get_n_delegations (group), ==, 1);
  g_assert_nonnull (toa_delegations_group_get_subtitle (group, delegated_id));
  g_assert_null (toa_delegations_group_get_revoke_button (group, delegated_id));
}

static void
test_revoke_through_row (void)
{
  GtkWidget *button;
  AdwMessageDialog *confirmation;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ToaDelegation) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *publish[] = { "publish", NULL };

  toa_delegations_group_set_person (group, store, deputy);
  button = toa_delegations_group_get_revoke_button (group, delegated_id);
  g_assert_nonnull (button);

  /* cancelling changes nothing */
  click (button);
  confirmation = toa_delegations_group_get_confirmation (group);
  g_assert_nonnull (confirmation);
  adw_message_dialog_response (confirmation, "cancel");
  toa_ui_test_spin (50);
  list = stored ();
  g_assert_cmpint (((ToaDelegation *) list->pdata[0])->revoked_at, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  button = toa_delegations_group_get_revoke_button (group, delegated_id);
  click (button);
  confirmation = toa_delegations_group_get_confirmation (group);
  g_assert_nonnull (confirmation);
  adw_message_dialog_response (confirmation, "revoke");
  toa_ui_test_spin (100);
  list = stored ();
  g_assert_cmpint (((ToaDelegation *) list->pdata[0])->revoked_at, >, 0);
  g_assert_null (toa_delegations_group_get_revoke_button (group, delegated_id));
  g_assert_nonnull (strstr (toa_delegations_group_get_subtitle (group, delegated_id),
                            toa_delegation_status_label (TOA_DELEGATION_REVOKED)));

  /* one more in force, KT., for the picture */
  second = toa_delegation_add (store, deputy, "phothuongtruc", "thuky", NULL, publish,
                               "2026-01-01", "2099-12-31", &error);
  g_assert_no_error (error);
  toa_delegations_group_refresh (group);
  g_assert_cmpuint (toa_delegations_group_get_n_delegations (group), ==, 2);
  g_assert_nonnull (toa_delegations_group_get_revoke_button (group, second->id));
  screenshot (GTK_WIDGET (window), "toasoan-delegations.png");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *page;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-delegations"))
    return 77;   /* meson's "skipped" */
  adw_init ();

  tmp_dir = g_dir_make_tmp ("toasoan-delegations-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp_dir, "board.db", NULL);
  store = toa_store_open (path, TOA_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (toa_board_init (store, "Cổng TTĐT tỉnh Bình Phước", &error));
  g_assert_no_error (error);
  deputy = add_person ("phothuongtruc", "Lê Văn Phó", TOA_ROLE_STANDING_DEPUTY);
  secretary = add_person ("thuky", "Phạm Thu Hà", TOA_ROLE_SECRETARY);
  toa_person_free (add_person ("bientap", "Lý Thị Bích Trâm", TOA_ROLE_EDITOR));

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 800, 600);
  page = adw_preferences_page_new ();
  group = g_object_new (TOA_TYPE_DELEGATIONS_GROUP, NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (window);

  g_test_add_func ("/ui/delegations/delegate-through-dialog", test_delegate_through_dialog);
  g_test_add_func ("/ui/delegations/delegate-sees-no-revoke", test_delegate_sees_no_revoke);
  g_test_add_func ("/ui/delegations/revoke-through-row", test_revoke_through_row);
  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&store);
  toa_person_free (deputy);
  toa_person_free (secretary);
  toa_ui_test_spin (50);
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (tmp_dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
