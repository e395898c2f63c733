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

static ToaStore            *store;
static ToaPerson           *deputy;
static ToaPerson           *secretary;
static GtkWindow           *window;
static ToaDelegationsGroup *group;

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
  toa_ui_test_screenshot (GTK_WIDGET (dialog), "toasoan-delegation-dialog.png", 50);

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
  toa_ui_test_screenshot (GTK_WIDGET (window), "toasoan-delegations.png", 50);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-delegations"))
    return 77;   /* meson's "skipped" */
  adw_init ();

  path = toa_ui_test_temp_database ("delegations");
  store = toa_ui_test_board_store (path, NULL);
  deputy = toa_ui_test_add_person (store, "phothuongtruc", "Lê Văn Phó", "standing-deputy");
  secretary = toa_ui_test_add_person (store, "thuky", "Phạm Thu Hà", "secretary");
  toa_person_free (toa_ui_test_add_person (store, "bientap", "Lý Thị Bích Trâm", "editor"));

  group = g_object_new (TOA_TYPE_DELEGATIONS_GROUP, NULL);
  window = toa_ui_test_preferences_window (group, 800, 600);

  g_test_add_func ("/ui/delegations/delegate-through-dialog", test_delegate_through_dialog);
  g_test_add_func ("/ui/delegations/delegate-sees-no-revoke", test_delegate_sees_no_revoke);
  g_test_add_func ("/ui/delegations/revoke-through-row", test_revoke_through_row);
  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&store);
  toa_person_free (deputy);
  toa_person_free (secretary);
  toa_ui_test_spin (50);
  toa_ui_test_remove_database (path);
  return status;
}
