/* test-workflow-editor.c — the workflow editor in Settings, driven through its widgets on a
 * fresh board: the administrator opens binh-phuoc-2024, unticks a role, saves version 2
 * (stored with that change and audited, the list shows the new version); a definition
 * without a publishing action is listed as a problem, Save is insensitive and nothing is
 * stored; someone else has no Edit button and core refuses them anyway; the default
 * workflow row changes the board setting. Screenshots toasoan-workflow-editor*.png.
 * Needs a display (run under xvfb-run); skips without one. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "toa-audit.h"
#include "toa-board.h"
#include "toa-delegation.h"
#include "toa-error.h"
#include "toa-people.h"
#include "toa-store-open.h"
#include "toa-ui-test-util.h"
#include "toa-workflow-editor.h"
#include "toa-workflow-store.h"
#include "toa-workflows-group.h"

#define CODE "binh-phuoc-2024"

static ToaStore          *store;
static ToaPerson         *admin;
static ToaPerson         *editor_person;
static GtkWindow         *window;
static ToaWorkflowsGroup *group;

static const char *
last_audit_action (void)
{
  static char action[64];
  g_autoptr(GPtrArray) records = toa_store_audit_list (store, 0, 0, NULL);

  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, >, 0);
  g_strlcpy (action, ((ToaAuditRecord *) records->pdata[records->len - 1])->action, sizeof action);
  return action;
}

static guint
transition_index (const ToaWorkflow *workflow, const char *code)
{
  for (guint i = 0; i < workflow->transitions->len; i++)
    if (g_str_equal (((ToaWorkflowTransition *) workflow->transitions->pdata[i])->code, code))
      return i;
  g_assert_not_reached ();
}

/* Presses @button as a click would: nothing happens when it is insensitive. */
static void
click (GtkWidget *button)
{
  if (gtk_widget_is_sensitive (button))
    g_signal_emit_by_name (button, "clicked");
}

/* The editor opened from the list, as the administrator. */
static ToaWorkflowEditor *
open_editor (void)
{
  GtkWidget *edit;
  ToaWorkflowEditor *editor;

  toa_workflows_group_set_person (group, store, admin);
  edit = toa_workflows_group_get_edit_button (group, CODE);
  g_assert_nonnull (edit);
  g_assert_true (gtk_widget_get_visible (edit));
  click (edit);
  editor = toa_workflows_group_get_editor (group);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  return editor;
}

static void
test_edit_and_save (void)
{
  ToaWorkflowEditor *editor = open_editor ();
  GtkWidget *save = toa_workflow_editor_get_save_button (editor);
  guint index = transition_index (toa_workflow_editor_get_draft (editor), "request-deletion");
  GtkCheckButton *technician = toa_workflow_editor_get_role_check (editor, index, "technician");
  GtkCheckButton *editor_role = toa_workflow_editor_get_role_check (editor, index, "editor");
  g_autoptr(ToaWorkflow) v1 = NULL;
  g_autoptr(ToaWorkflow) v2 = NULL;
  g_autofree char *json = NULL;
  const ToaWorkflowTransition *t;

  g_assert_nonnull (strstr (toa_workflows_group_get_subtitle (group, CODE), " 1 · "));
  g_assert_cmpuint (toa_workflow_editor_get_n_problems (editor), ==, 0);
  /* nothing edited yet: nothing to save */
  g_assert_false (gtk_widget_get_sensitive (save));

  /* the grid shows what the definition says */
  g_assert_true (gtk_check_button_get_active (technician));
  g_assert_true (gtk_check_button_get_active (editor_role));
  g_assert_false (gtk_check_button_get_active (toa_workflow_editor_get_role_check (editor, index, "head")));

  /* untick the technician: the draft and the JSON text follow */
  gtk_check_button_set_active (technician, FALSE);
  t = toa_workflow_editor_get_draft (editor)->transitions->pdata[index];
  g_assert_cmpuint (g_strv_length (t->roles), ==, 1);
  g_assert_cmpstr (t->roles[0], ==, "editor");
  {
    GtkTextBuffer *buffer = toa_workflow_editor_get_json_buffer (editor);
    GtkTextIter start, end;
    g_autoptr(ToaWorkflow) shown = NULL;
    const ToaWorkflowTransition *shown_t;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    json = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    shown = toa_workflow_from_json (json, -1, NULL);
    g_assert_nonnull (shown);
    shown_t = shown->transitions->pdata[index];
    g_assert_false (g_strv_contains ((const char * const *) shown_t->roles, "technician"));
  }
  g_assert_true (gtk_widget_get_sensitive (save));
  toa_ui_test_screenshot (GTK_WIDGET (editor), "toasoan-workflow-editor.png", 50);

  click (save);
  v2 = toa_workflow_load (store, CODE, 0, NULL);
  g_assert_cmpint (v2->version, ==, 2);
  t = v2->transitions->pdata[index];
  g_assert_cmpstr (t->code, ==, "request-deletion");
  g_assert_false (g_strv_contains ((const char * const *) t->roles, "technician"));
  g_assert_true (g_strv_contains ((const char * const *) t->roles, "editor"));
  g_assert_cmpstr (last_audit_action (), ==, "workflow.save");
  /* version 1 is kept for the items that started with it */
  v1 = toa_workflow_load (store, CODE, 1, NULL);
  g_assert_true (g_strv_contains ((const char * const *) ((ToaWorkflowTransition *) v1->transitions->pdata[index])->roles,
                                  "technician"));
  /* the list shows the new version; saved, nothing more to save */
  g_assert_nonnull (strstr (toa_workflows_group_get_subtitle (group, CODE), " 2 · "));
  g_assert_false (gtk_widget_get_sensitive (save));

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
set_json (ToaWorkflowEditor *editor, const char *text)
{
  gtk_text_buffer_set_text (toa_workflow_editor_get_json_buffer (editor), text, -1);
}

static void
test_unsound_not_saved (void)
{
  ToaWorkflowEditor *editor = open_editor ();
  GtkWidget *save = toa_workflow_editor_get_save_button (editor);
  g_autofree char *json = toa_workflow_to_json (toa_workflow_editor_get_draft (editor), TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaWorkflow) latest = NULL;
  JsonArray *transitions;
  guint before_audit;
  int before_version = toa_workflow_editor_get_draft (editor)->version;

  {
    g_autoptr(GPtrArray) records = toa_store_audit_list (store, 0, 0, NULL);
    before_audit = records->len;
  }

  /* remove every publishing transition, in the JSON text */
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  transitions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "transitions");
  for (guint i = json_array_get_length (transitions); i-- > 0;)
    {
      JsonObject *t = json_array_get_object_element (transitions, i);

      if (json_object_has_member (t, "publishes") && json_object_get_boolean_member (t, "publishes"))
        json_array_remove_element (transitions, i);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  broken = json_generator_to_data (generator, NULL);
  set_json (editor, broken);

  g_assert_cmpuint (toa_workflow_editor_get_n_problems (editor), >, 0);
  g_assert_false (gtk_widget_get_sensitive (save));
  /* the grid follows the text: no transition publishes now */
  for (guint i = 0; i < toa_workflow_editor_get_draft (editor)->transitions->len; i++)
    g_assert_false (((ToaWorkflowTransition *) toa_workflow_editor_get_draft (editor)->transitions->pdata[i])->publishes);
  {
    GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (editor), TOA_TYPE_WORKFLOW_EDITOR, "view_stack");

    g_assert_true (ADW_IS_VIEW_STACK (stack));
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "json");
    toa_ui_test_screenshot (GTK_WIDGET (editor), "toasoan-workflow-editor-problems.png", 50);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "grid");
  }
  /* even pressed through the API, core refuses an unsound definition */
  g_assert_false (toa_workflow_editor_save (editor, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);

  /* text that cannot be read at all is a problem too */
  set_json (editor, "{ \"code\": ");
  g_assert_cmpuint (toa_workflow_editor_get_n_problems (editor), ==, 1);
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_false (toa_workflow_editor_save (editor, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  g_clear_error (&error);

  /* nothing stored, nothing audited */
  latest = toa_workflow_load (store, CODE, 0, NULL);
  g_assert_cmpint (latest->version, ==, before_version);
  {
    g_autoptr(GPtrArray) records = toa_store_audit_list (store, 0, 0, NULL);
    g_assert_cmpuint (records->len, ==, before_audit);
  }

  /* the sound text again: no problems, Save offered */
  set_json (editor, json);
  g_assert_cmpuint (toa_workflow_editor_get_n_problems (editor), ==, 0);
  g_assert_true (gtk_widget_get_sensitive (save));
  /* closing with unsaved edits asks first: the window stays */
  gtk_window_close (GTK_WINDOW (editor));
  toa_ui_test_spin (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_not_admin (void)
{
  g_autoptr(GError) error = NULL;
  ToaWorkflowEditor *editor;
  AdwComboRow *row;
  GtkCheckButton *check;
  int version;

  toa_workflows_group_set_person (group, store, editor_person);
  g_assert_cmpuint (toa_workflows_group_get_n_workflows (group), ==, 4);
  g_assert_null (toa_workflows_group_get_edit_button (group, CODE));
  row = toa_workflows_group_get_default_row (group);
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));

  /* an editor opened some other way still cannot save: core checks the person */
  editor = toa_workflow_editor_new (store, editor_person, CODE, &error);
  g_assert_no_error (error);
  version = toa_workflow_editor_get_draft (editor)->version;
  check = toa_workflow_editor_get_role_check (editor, 0, "head");
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
  g_assert_false (toa_workflow_editor_save (editor, &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_PERMISSION);
  g_clear_error (&error);
  {
    g_autoptr(ToaWorkflow) latest = toa_workflow_load (store, CODE, 0, NULL);

    g_assert_cmpint (latest->version, ==, version);
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_default_workflow (void)
{
  AdwComboRow *row;
  GListModel *model;
  g_autofree char *before = toa_delegation_default_workflow (store, NULL);
  g_autofree char *after = NULL;
  guint target = GTK_INVALID_LIST_POSITION;

  toa_workflows_group_set_person (group, store, admin);
  row = toa_workflows_group_get_default_row (group);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (row)));
  g_assert_cmpstr (before, ==, CODE);
  model = adw_combo_row_get_model (row);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  /* the list is by code: binh-duong, binh-phuoc-2015, binh-phuoc-2024, dong-nai */
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 2);
  target = 3;
  adw_combo_row_set_selected (row, target);
  after = toa_delegation_default_workflow (store, NULL);
  g_assert_cmpstr (after, ==, "dong-nai");
  g_assert_cmpstr (last_audit_action (), ==, "board.default-workflow");
}

/* "Save as a new workflow": a code in use is refused (the draft stays), a new code is stored
 * as version 1, the list shows it and the editor goes on with it. */
static void
test_save_as_new (void)
{
  ToaWorkflowEditor *editor = open_editor ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaWorkflow) stored = NULL;
  guint index = transition_index (toa_workflow_editor_get_draft (editor), "refuse");
  GtkCheckButton *head = toa_workflow_editor_get_role_check (editor, index, "head");

  gtk_check_button_set_active (head, TRUE);
  /* a state renamed in its entry reaches the draft */
  gtk_editable_set_text (toa_workflow_editor_get_state_entry (editor, 0), "Đã tiếp nhận");
  g_assert_cmpstr (((ToaWorkflowState *) toa_workflow_editor_get_draft (editor)->states->pdata[0])->name, ==,
                   "Đã tiếp nhận");
  g_assert_false (toa_workflow_editor_save_as_new (editor, "dong-nai", "Thử", &error));
  g_assert_error (error, TOA_ERROR, TOA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (gtk_check_button_get_active (toa_workflow_editor_get_role_check (editor, index, "head")));

  g_assert_true (toa_workflow_editor_save_as_new (editor, "binh-phuoc-thu", "Bình Phước (thử)", &error));
  g_assert_no_error (error);
  stored = toa_workflow_load (store, "binh-phuoc-thu", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->version, ==, 1);
  g_assert_cmpstr (stored->name, ==, "Bình Phước (thử)");
  g_assert_cmpstr (((ToaWorkflowState *) stored->states->pdata[0])->name, ==, "Đã tiếp nhận");
  g_assert_true (g_strv_contains ((const char * const *) ((ToaWorkflowTransition *) stored->transitions->pdata[index])->roles,
                                  "head"));
  g_assert_cmpstr (toa_workflow_editor_get_draft (editor)->code, ==, "binh-phuoc-thu");
  g_assert_cmpuint (toa_workflows_group_get_n_workflows (group), ==, 5);
  g_assert_nonnull (toa_workflows_group_get_edit_button (group, "binh-phuoc-thu"));
  gtk_window_destroy (GTK_WINDOW (editor));
  toa_ui_test_screenshot (GTK_WIDGET (window), "toasoan-workflow-settings.png", 50);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;
  int status;

  if (!toa_ui_test_init (&argc, &argv, "test-workflow-editor"))
    return 77;   /* meson's "skipped" */
  adw_init ();

  path = toa_ui_test_temp_database ("wfeditor");
  store = toa_ui_test_board_store (path, NULL);
  admin = toa_ui_test_add_person (store, "quantri", "Trịnh Văn Lực", "admin");
  editor_person = toa_ui_test_add_person (store, "bientap", "Lý Thị Bích Trâm", "editor");

  group = g_object_new (TOA_TYPE_WORKFLOWS_GROUP, NULL);
  window = toa_ui_test_preferences_window (group, 800, 700);

  g_test_add_func ("/ui/workflow-editor/edit-and-save", test_edit_and_save);
  g_test_add_func ("/ui/workflow-editor/unsound-not-saved", test_unsound_not_saved);
  g_test_add_func ("/ui/workflow-editor/not-admin", test_not_admin);
  g_test_add_func ("/ui/workflow-editor/default-workflow", test_default_workflow);
  g_test_add_func ("/ui/workflow-editor/save-as-new", test_save_as_new);
  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&store);
  toa_person_free (admin);
  toa_person_free (editor_person);
  toa_ui_test_spin (50);
  toa_ui_test_remove_database (path);
  return status;
}
