/* test-prepublish-group.c — the Settings group "Pre-publish Checks" on a fresh board: every
 * check of core is listed with its name, the board's severity and its source; an editor sees
 * them read-only and core refuses an editor's choice (the row shows the stored severity
 * again); the administrator's choice is stored through core at once; signed out, the group is
 * empty. Screenshot toasoan-prepublish-group.png. Needs a display (xvfb-run); skips without. */
#include "config.h"

#include <string.h>

#include "toa-prepublish-group.h"
#include "toa-prepublish.h"
#include "toa-ui-test-util.h"

static char      *db_path;
static ToaStore  *store;
static ToaPerson *admin;
static ToaPerson *editor;

/* Closes the message dialogs the group opened; how many there were. */
static guint
close_messages (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  guint closed = 0;

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        {
          gtk_window_destroy (toplevel);
          closed++;
        }
    }
  return closed;
}

static ToaCheckSeverity
stored (const char *code)
{
  g_autoptr(GError) error = NULL;
  ToaCheckSeverity severity = toa_prepublish_severity (store, code, &error);

  g_assert_no_error (error);
  return severity;
}

static void
test_lists_rules_read_only (void)
{
  ToaPrepublishGroup *group = g_object_ref_sink (g_object_new (TOA_TYPE_PREPUBLISH_GROUP, NULL));
  GtkWindow *settings = toa_ui_test_preferences_window (group, 760, 900);
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *codes = toa_prepublish_codes ();
  int title_max = 0;
  g_autofree char *limit = NULL;
  AdwComboRow *row;

  toa_prepublish_group_set_person (group, store, editor);
  rules = toa_prepublish_rules (store, NULL, &title_max, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, g_strv_length ((char **) codes));
  for (guint i = 0; i < rules->len; i++)
    {
      const ToaCheckRule *rule = g_ptr_array_index (rules, i);

      row = toa_prepublish_group_get_row (group, rule->code);
      g_assert_nonnull (row);
      g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));   /* an editor only looks */
      g_assert_cmpint (toa_prepublish_group_severity_at (adw_combo_row_get_selected (row)), ==, rule->severity);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, rule->source);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), !=, rule->code);   /* a name */
    }
  /* the title limit is the board's (data), named in its check */
  limit = g_strdup_printf ("%d", title_max);
  row = toa_prepublish_group_get_row (group, "title-too-long");
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), limit));

  /* were the row chosen anyway, core refuses: nothing stored, the row shows the rule again */
  g_assert_cmpint (stored ("sapo-missing"), ==, TOA_CHECK_WARN);
  row = toa_prepublish_group_get_row (group, "sapo-missing");
  adw_combo_row_set_selected (row, 0);   /* Block */
  g_assert_cmpint (stored ("sapo-missing"), ==, TOA_CHECK_WARN);
  toa_ui_test_spin (100);
  g_assert_cmpuint (close_messages (), ==, 1);
  row = toa_prepublish_group_get_row (group, "sapo-missing");
  g_assert_cmpint (toa_prepublish_group_severity_at (adw_combo_row_get_selected (row)), ==, TOA_CHECK_WARN);

  toa_prepublish_group_set_person (group, store, NULL);
  g_assert_null (toa_prepublish_group_get_row (group, "sapo-missing"));
  gtk_window_destroy (settings);
  g_object_unref (group);
}

static void
test_admin_changes_rule (void)
{
  ToaPrepublishGroup *group = g_object_ref_sink (g_object_new (TOA_TYPE_PREPUBLISH_GROUP, NULL));
  GtkWindow *settings = toa_ui_test_preferences_window (group, 760, 1000);
  AdwComboRow *row;

  toa_prepublish_group_set_person (group, store, admin);
  row = toa_prepublish_group_get_row (group, "attribution-missing");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpint (stored ("attribution-missing"), ==, TOA_CHECK_WARN);

  adw_combo_row_set_selected (row, 0);   /* Block */
  g_assert_cmpint (stored ("attribution-missing"), ==, TOA_CHECK_BLOCK);
  adw_combo_row_set_selected (row, 2);   /* Off */
  g_assert_cmpint (stored ("attribution-missing"), ==, TOA_CHECK_OFF);
  toa_ui_test_spin (100);
  g_assert_cmpuint (close_messages (), ==, 0);

  /* what is stored is what a new look shows */
  toa_prepublish_group_refresh (group);
  row = toa_prepublish_group_get_row (group, "attribution-missing");
  g_assert_cmpint (toa_prepublish_group_severity_at (adw_combo_row_get_selected (row)), ==, TOA_CHECK_OFF);
  adw_combo_row_set_selected (row, 1);   /* back to Warn */
  g_assert_cmpint (stored ("attribution-missing"), ==, TOA_CHECK_WARN);

  toa_ui_test_screenshot (GTK_WIDGET (settings), "toasoan-prepublish-group.png", 20);
  gtk_window_destroy (settings);
  g_object_unref (group);
}

int
main (int argc, char **argv)
{
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-prepublish-group"))
    return 77;   /* meson's "skipped" */
  adw_init ();

  db_path = toa_ui_test_temp_database ("prepublish");
  store = toa_ui_test_board_store (db_path, "tin-tuc-su-kien");
  admin = toa_ui_test_add_person (store, "quantri", "Quản Trị Viên", "admin");
  editor = toa_ui_test_add_person (store, "bientap", "Nguyễn Thị Biên Tập", "editor");

  g_test_add_func ("/ui/prepublish-group/read-only", test_lists_rules_read_only);
  g_test_add_func ("/ui/prepublish-group/admin-changes", test_admin_changes_rule);
  status = g_test_run ();

  toa_person_free (admin);
  toa_person_free (editor);
  g_clear_object (&store);
  toa_ui_test_remove_database (db_path);
  g_free (db_path);
  return status;
}
