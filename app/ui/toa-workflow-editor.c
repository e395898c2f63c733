/* toa-workflow-editor.c — the workflow editor window. One draft ToaWorkflow is the truth: the
 * grid edits it and rewrites the JSON text; the JSON text, when it can be read, replaces it
 * and rebuilds the grid. Every change re-runs toa_workflow_validate; Save stays insensitive
 * while there is a problem, and core refuses an unsound definition anyway. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-error.h"
#include "toa-role.h"
#include "toa-workflow-check.h"
#include "toa-workflow-editor.h"
#include "toa-workflow-store.h"

struct _ToaWorkflowEditor {
  AdwWindow parent_instance;

  ToaStore    *store;
  ToaPerson   *person;
  char        *code;          /* the workflow being edited (changes after "save as new") */
  ToaWorkflow *draft;         /* the last definition the JSON text could be read as */
  int          saved_version; /* the version the draft started from */
  char        *json_error;    /* why the JSON text cannot be read; NULL when it can */
  GPtrArray   *problems;      /* of char*, as listed */
  gboolean     dirty;
  gboolean     updating;      /* writing widgets from the draft: ignore their signals */
  gboolean     discard;       /* closing without saving was confirmed */
  GtkWidget   *grid;
  GPtrArray   *role_checks;   /* [transition * TOA_N_ROLES + role] */

  AdwToastOverlay     *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget           *save_button;
  GtkWidget           *save_new_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkListBox          *names_list;
  AdwEntryRow         *name_row;
  GtkWidget           *states_row;   /* an AdwExpanderRow of the state names, rebuilt */
  GPtrArray           *state_rows;   /* its entry rows, by state */
  GtkLabel            *version_label;
  GtkBox              *grid_box;
  AdwViewStack        *view_stack;
  GtkTextView         *json_view;
  GtkLabel            *problems_label;
  GtkWidget           *problems_scroll;
  GtkListBox          *problems_list;
};

G_DEFINE_FINAL_TYPE (ToaWorkflowEditor, toa_workflow_editor, ADW_TYPE_WINDOW)

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void rebuild_grid (ToaWorkflowEditor *self);

static ToaWorkflow *
clone (const ToaWorkflow *workflow)
{
  g_autofree char *json = toa_workflow_to_json (workflow, FALSE);

  return toa_workflow_from_json (json, -1, NULL);
}

static void
show_error (ToaWorkflowEditor *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
update_title (ToaWorkflowEditor *self)
{
  g_autofree char *subtitle = NULL;

  /* Translators: the workflow's code and the version being edited */
  subtitle = g_strdup_printf (_("%s · editing version %d · saving makes version %d; items under way keep theirs"),
                              self->code, self->saved_version, self->saved_version + 1);
  adw_view_switcher_title_set_title (self->switcher_title,
                                     self->draft->name != NULL ? self->draft->name : self->code);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_label_set_text (self->version_label, subtitle);
}

static GtkWidget *
problem_row (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (icon, "warning");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* Lists the problems of the draft (or why the JSON cannot be read) and sets what Save may do. */
static void
update_problems (ToaWorkflowEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  if (self->json_error != NULL)
    {
      self->problems = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->problems, g_strdup (self->json_error));
    }
  else
    self->problems = toa_workflow_validate (self->draft);

  for (guint i = 0; i < self->problems->len; i++)
    gtk_list_box_append (self->problems_list, problem_row (g_ptr_array_index (self->problems, i)));
  gtk_widget_set_visible (self->problems_scroll, self->problems->len > 0);
  if (self->problems->len == 0)
    gtk_label_set_text (self->problems_label,
                        self->dirty ? _("No problems: the edited definition can be saved.")
                                    : _("No problems. Edit the permissions or the JSON, then save."));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u problem to fix before saving",
                                                         "%u problems to fix before saving",
                                                         self->problems->len),
                                               self->problems->len);

      gtk_label_set_text (self->problems_label, text);
    }
  gtk_widget_set_sensitive (self->save_button, self->problems->len == 0 && self->dirty);
  gtk_widget_set_sensitive (self->save_new_button, self->problems->len == 0);
}

static void
write_json (ToaWorkflowEditor *self)
{
  g_autofree char *json = toa_workflow_to_json (self->draft, TRUE);

  self->updating = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->json_view), json, -1);
  self->updating = FALSE;
}

/* The grid changed the draft. */
static void
draft_changed (ToaWorkflowEditor *self)
{
  self->dirty = TRUE;
  write_json (self);
  update_problems (self);
}

static ToaWorkflowTransition *
transition_of (ToaWorkflowEditor *self, GtkWidget *widget)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "transition"));

  return index < self->draft->transitions->len ? g_ptr_array_index (self->draft->transitions, index) : NULL;
}

/* @roles with @role added or taken out, in the order they were. */
static GStrv
roles_toggled (GStrv roles, const char *role, gboolean present)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    if (!g_str_equal (roles[i], role))
      g_strv_builder_add (builder, roles[i]);
  if (present)
    g_strv_builder_add (builder, role);
  return g_strv_builder_end (builder);
}

static void
on_role_toggled (GtkCheckButton *check, ToaWorkflowEditor *self)
{
  ToaWorkflowTransition *t = transition_of (self, GTK_WIDGET (check));
  const char *role = g_object_get_data (G_OBJECT (check), "role");
  GStrv roles;

  if (self->updating || t == NULL)
    return;
  roles = roles_toggled (t->roles, role, gtk_check_button_get_active (check));
  g_strfreev (t->roles);
  t->roles = roles;
  draft_changed (self);
}

static void
on_comment_toggled (GtkCheckButton *check, ToaWorkflowEditor *self)
{
  ToaWorkflowTransition *t = transition_of (self, GTK_WIDGET (check));

  if (self->updating || t == NULL)
    return;
  t->comment_required = gtk_check_button_get_active (check);
  draft_changed (self);
}

static char *
approval_text (const ToaWorkflowTransition *t)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; t->approval_roles != NULL && t->approval_roles[i] != NULL; i++)
    {
      ToaRole role;

      g_string_append (text, i > 0 ? ", " : "");
      g_string_append (text, toa_role_from_code (t->approval_roles[i], &role)
                             ? toa_role_label (role) : t->approval_roles[i]);
    }
  if (text->len == 0)
    /* Translators: no approval needed */
    g_string_append (text, _("None"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The menu button shows who approves, cut short; the tooltip has it all. */
static void
set_approval_label (GtkWidget *menu, const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (menu), label);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (menu), TRUE);
  gtk_widget_set_tooltip_text (menu, text);
}

static void
on_approval_toggled (GtkCheckButton *check, ToaWorkflowEditor *self)
{
  ToaWorkflowTransition *t = transition_of (self, GTK_WIDGET (check));
  const char *role = g_object_get_data (G_OBJECT (check), "role");
  GtkMenuButton *menu = g_object_get_data (G_OBJECT (check), "menu");
  g_autofree char *label = NULL;
  GStrv roles;

  if (self->updating || t == NULL)
    return;
  roles = roles_toggled (t->approval_roles, role, gtk_check_button_get_active (check));
  g_strfreev (t->approval_roles);
  t->approval_roles = roles;
  label = approval_text (t);
  set_approval_label (GTK_WIDGET (menu), label);
  draft_changed (self);
}

static void
on_transition_name_changed (GtkEditable *entry, ToaWorkflowEditor *self)
{
  ToaWorkflowTransition *t = transition_of (self, GTK_WIDGET (entry));
  const char *text = gtk_editable_get_text (entry);

  if (self->updating || t == NULL)
    return;
  g_free (t->name);
  t->name = *text != '\0' ? g_strdup (text) : NULL;
  draft_changed (self);
}

static void
on_name_row_changed (ToaWorkflowEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (self->updating)
    return;
  g_free (self->draft->name);
  self->draft->name = g_strdup (text);
  update_title (self);
  draft_changed (self);
}

static char *
state_name (const ToaWorkflow *workflow, const char *code)
{
  const ToaWorkflowState *state;

  if (g_strcmp0 (code, TOA_WORKFLOW_TO_EARLIER) == 0)
    return g_strdup (_("an earlier step"));
  state = toa_workflow_find_state (workflow, code);
  return g_strdup (state != NULL && state->name != NULL ? state->name : code);
}

/* "Biên tập, Thư ký → Đã xuất bản" */
static char *
path_text (const ToaWorkflow *workflow, const ToaWorkflowTransition *t)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *to = state_name (workflow, t->to);

  for (guint i = 0; t->from != NULL && t->from[i] != NULL; i++)
    {
      g_autofree char *from = state_name (workflow, t->from[i]);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", from);
    }
  g_string_append_printf (text, " → %s", to);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
header_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 9);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

static GtkWidget *
tagged_check (ToaWorkflowEditor *self, guint index, gboolean active, GCallback callback)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (check), "transition", GUINT_TO_POINTER (index));
  g_signal_connect (check, "toggled", callback, self);
  return check;
}

static GtkWidget *
approval_button (ToaWorkflowEditor *self, guint index, const ToaWorkflowTransition *t)
{
  GtkWidget *menu = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *label = approval_text (t);

  set_approval_label (menu, label);
  gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (menu, GTK_ALIGN_START);
  gtk_widget_add_css_class (menu, "flat");
  for (int r = 0; r < TOA_N_ROLES; r++)
    {
      const char *code = toa_role_code ((ToaRole) r);
      GtkWidget *check = gtk_check_button_new_with_label (toa_role_label ((ToaRole) r));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   t->approval_roles != NULL && g_strv_contains ((const char * const *) t->approval_roles, code));
      g_object_set_data (G_OBJECT (check), "transition", GUINT_TO_POINTER (index));
      g_object_set_data (G_OBJECT (check), "role", (gpointer) code);
      g_object_set_data (G_OBJECT (check), "menu", menu);
      g_signal_connect (check, "toggled", G_CALLBACK (on_approval_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu), popover);
  return menu;
}

static void
on_state_name_changed (GtkEditable *row, ToaWorkflowEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "state"));
  ToaWorkflowState *state;

  if (self->updating || index >= self->draft->states->len)
    return;
  state = g_ptr_array_index (self->draft->states, index);
  g_free (state->name);
  state->name = g_strdup (gtk_editable_get_text (row));
  rebuild_grid (self);   /* the from → to column shows state names */
  draft_changed (self);
}

/* "State names": one entry per state, titled with its code. */
static void
rebuild_states (ToaWorkflowEditor *self)
{
  gboolean expanded = FALSE;

  if (self->states_row != NULL)
    {
      expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self->states_row));
      gtk_list_box_remove (self->names_list, self->states_row);
    }
  g_ptr_array_set_size (self->state_rows, 0);
  self->states_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->states_row), _("State names"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->states_row),
                                 _("Add or remove states in the JSON tab"));
  self->updating = TRUE;
  for (guint i = 0; i < self->draft->states->len; i++)
    {
      const ToaWorkflowState *state = g_ptr_array_index (self->draft->states, i);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), state->code);
      gtk_editable_set_text (GTK_EDITABLE (row), state->name != NULL ? state->name : "");
      g_object_set_data (G_OBJECT (row), "state", GUINT_TO_POINTER (i));
      g_signal_connect (row, "changed", G_CALLBACK (on_state_name_changed), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->states_row), row);
      g_ptr_array_add (self->state_rows, row);
    }
  self->updating = FALSE;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->states_row), expanded);
  gtk_list_box_append (self->names_list, self->states_row);
}

/* The grid: one line per transition (its name, from → to), a column per role, then
 * "comment required" and "needs approval by". */
static void
rebuild_grid (ToaWorkflowEditor *self)
{
  GtkGrid *grid;
  const int role_col = 2, comment_col = 2 + TOA_N_ROLES, approval_col = 3 + TOA_N_ROLES;

  if (self->grid != NULL)
    gtk_box_remove (self->grid_box, self->grid);
  g_ptr_array_set_size (self->role_checks, 0);
  self->grid = gtk_grid_new ();
  grid = GTK_GRID (self->grid);
  gtk_grid_set_column_spacing (grid, 6);
  gtk_grid_set_row_spacing (grid, 4);
  gtk_widget_set_halign (self->grid, GTK_ALIGN_START);

  self->updating = TRUE;
  gtk_grid_attach (grid, header_label (_("Action")), 0, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("From → to")), 1, 0, 1, 1);
  for (int r = 0; r < TOA_N_ROLES; r++)
    gtk_grid_attach (grid, header_label (toa_role_label ((ToaRole) r)), role_col + r, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("Comment required")), comment_col, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("Needs approval by")), approval_col, 0, 1, 1);
  gtk_grid_attach (grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, 1, approval_col + 1, 1);

  for (guint i = 0; i < self->draft->transitions->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (self->draft->transitions, i);
      int row = 2 + (int) i;
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *path = path_text (self->draft, t);
      GtkWidget *path_label = gtk_label_new (path);
      g_autofree char *tooltip = g_strdup_printf (_("Action code: %s"), t->code);

      gtk_editable_set_text (GTK_EDITABLE (entry), t->name != NULL ? t->name : "");
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), t->code);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 22);
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (entry, tooltip);
      g_object_set_data (G_OBJECT (entry), "transition", GUINT_TO_POINTER (i));
      g_signal_connect (entry, "changed", G_CALLBACK (on_transition_name_changed), self);
      gtk_grid_attach (grid, entry, 0, row, 1, 1);

      gtk_label_set_wrap (GTK_LABEL (path_label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (path_label), 24);
      gtk_label_set_max_width_chars (GTK_LABEL (path_label), 34);
      gtk_label_set_xalign (GTK_LABEL (path_label), 0);
      gtk_widget_add_css_class (path_label, "caption");
      gtk_widget_add_css_class (path_label, "dim-label");
      gtk_grid_attach (grid, path_label, 1, row, 1, 1);

      for (int r = 0; r < TOA_N_ROLES; r++)
        {
          const char *code = toa_role_code ((ToaRole) r);
          gboolean allowed = t->roles != NULL && g_strv_contains ((const char * const *) t->roles, code);
          GtkWidget *check = tagged_check (self, i, allowed, G_CALLBACK (on_role_toggled));
          g_autofree char *tip = g_strdup_printf ("%s: %s", toa_role_label ((ToaRole) r),
                                                  t->name != NULL ? t->name : t->code);

          g_object_set_data (G_OBJECT (check), "role", (gpointer) code);
          gtk_widget_set_tooltip_text (check, tip);
          gtk_grid_attach (grid, check, role_col + r, row, 1, 1);
          g_ptr_array_add (self->role_checks, check);
        }
      gtk_grid_attach (grid, tagged_check (self, i, t->comment_required, G_CALLBACK (on_comment_toggled)),
                       comment_col, row, 1, 1);
      gtk_grid_attach (grid, approval_button (self, i, t), approval_col, row, 1, 1);
    }
  self->updating = FALSE;
  gtk_box_append (self->grid_box, self->grid);
}

static void
on_json_changed (GtkTextBuffer *buffer, ToaWorkflowEditor *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  ToaWorkflow *workflow;
  GtkTextIter start, end;

  if (self->updating)
    return;
  self->dirty = TRUE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_clear_pointer (&self->json_error, g_free);
  workflow = toa_workflow_from_json (text, -1, &error);
  if (workflow == NULL)
    {
      /* keep the last readable draft in the grid, but do not let it be edited or saved */
      self->json_error = g_strdup (error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->grid_box), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->names_list), FALSE);
    }
  else
    {
      toa_workflow_free (self->draft);
      self->draft = workflow;
      gtk_widget_set_sensitive (GTK_WIDGET (self->grid_box), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->names_list), TRUE);
      self->updating = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), workflow->name != NULL ? workflow->name : "");
      self->updating = FALSE;
      rebuild_states (self);
      rebuild_grid (self);
      update_title (self);
    }
  update_problems (self);
}

/* Shows the draft afresh in every widget. */
static void
load_draft (ToaWorkflowEditor *self)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->draft->name != NULL ? self->draft->name : "");
  self->updating = FALSE;
  write_json (self);
  rebuild_states (self);
  rebuild_grid (self);
  update_title (self);
  update_problems (self);
}

static void
saved (ToaWorkflowEditor *self)
{
  g_autofree char *message = g_strdup_printf (_("Saved as version %d"), self->saved_version);

  self->dirty = FALSE;
  show_error (self, NULL);
  update_title (self);
  update_problems (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->code);
}

gboolean
toa_workflow_editor_save (ToaWorkflowEditor *self, GError **error)
{
  g_autoptr(ToaWorkflow) copy = NULL;

  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), FALSE);

  if (self->json_error != NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The JSON text cannot be read: %s"), self->json_error);
      return FALSE;
    }
  if (g_strcmp0 (self->draft->code, self->code) != 0)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The code was changed from “%s” to “%s”. Put the code back, or use Save as New Workflow to keep both."),
                   self->code, self->draft->code);
      return FALSE;
    }
  /* save a copy: when core refuses, the draft stays exactly as the person left it */
  copy = clone (self->draft);
  if (!toa_workflow_save_version (self->store, self->person, copy, error))
    return FALSE;
  self->saved_version = copy->version;
  self->draft->version = copy->version;
  saved (self);
  return TRUE;
}

gboolean
toa_workflow_editor_save_as_new (ToaWorkflowEditor *self, const char *code, const char *name,
                                 GError **error)
{
  g_autoptr(ToaWorkflow) copy = NULL;

  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), FALSE);
  g_return_val_if_fail (code != NULL && name != NULL, FALSE);

  if (self->json_error != NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The JSON text cannot be read: %s"), self->json_error);
      return FALSE;
    }
  copy = clone (self->draft);
  g_free (copy->code);
  copy->code = g_strdup (code);
  g_free (copy->name);
  copy->name = g_strdup (name);
  if (!toa_workflow_save_new (self->store, self->person, copy, error))
    return FALSE;

  g_free (self->code);
  self->code = g_strdup (copy->code);
  toa_workflow_free (self->draft);
  self->draft = g_steal_pointer (&copy);
  self->saved_version = self->draft->version;
  load_draft (self);
  saved (self);
  return TRUE;
}

static void
on_save_clicked (ToaWorkflowEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!toa_workflow_editor_save (self, &error))
    show_error (self, error->message);
}

typedef struct {
  ToaWorkflowEditor *editor;
  GtkEditable       *code;
  GtkEditable       *name;
} SaveNew;

static void
on_save_new_response (AdwMessageDialog *dialog, const char *response, SaveNew *data)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save")
      && !toa_workflow_editor_save_as_new (data->editor, gtk_editable_get_text (data->code),
                                           gtk_editable_get_text (data->name), &error))
    show_error (data->editor, error->message);
}

static void
on_save_new_clicked (ToaWorkflowEditor *self)
{
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *code = adw_entry_row_new ();
  GtkWidget *name = adw_entry_row_new ();
  SaveNew *data = g_new0 (SaveNew, 1);
  g_autofree char *suggested = g_strdup_printf ("%s-2", self->code);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save as a New Workflow"),
                                   _("The edited definition is saved under a new code as version 1. "
                                     "The workflow it came from stays as it is."));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (code), _("Code (letters, digits and -)"));
  gtk_editable_set_text (GTK_EDITABLE (code), suggested);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (name), self->draft->name != NULL ? self->draft->name : "");
  gtk_list_box_append (GTK_LIST_BOX (list), code);
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  data->editor = self;
  data->code = GTK_EDITABLE (code);
  data->name = GTK_EDITABLE (name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_save_new_response), data,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_discard_response (AdwMessageDialog *dialog, const char *response, ToaWorkflowEditor *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->discard = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Unsaved edits are not lost by closing the window by mistake. */
static gboolean
toa_workflow_editor_close_request (GtkWindow *window)
{
  ToaWorkflowEditor *self = TOA_WORKFLOW_EDITOR (window);
  GtkWidget *dialog;
  GtkWindowClass *parent = GTK_WINDOW_CLASS (toa_workflow_editor_parent_class);

  if (!self->dirty || self->discard)
    return parent->close_request != NULL ? parent->close_request (window) : FALSE;
  dialog = adw_message_dialog_new (window, _("Discard the Changes?"),
                                   _("The workflow was edited but not saved. Closing now loses the edits."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
toa_workflow_editor_dispose (GObject *object)
{
  ToaWorkflowEditor *self = TOA_WORKFLOW_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_WORKFLOW_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->draft, toa_workflow_free);
  g_clear_pointer (&self->json_error, g_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->role_checks, g_ptr_array_unref);
  g_clear_pointer (&self->state_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (toa_workflow_editor_parent_class)->dispose (object);
}

static void
toa_workflow_editor_class_init (ToaWorkflowEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_workflow_editor_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = toa_workflow_editor_close_request;
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/toasoan/ToaSoan/ui/toa-workflow-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, save_new_button);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, names_list);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, grid_box);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, json_view);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, problems_scroll);
  gtk_widget_class_bind_template_child (widget_class, ToaWorkflowEditor, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_name_row_changed);
}

static void
toa_workflow_editor_init (ToaWorkflowEditor *self)
{
  self->role_checks = g_ptr_array_new ();
  self->state_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (gtk_text_view_get_buffer (self->json_view), "changed", G_CALLBACK (on_json_changed), self);
}

ToaWorkflowEditor *
toa_workflow_editor_new (ToaStore *store, const ToaPerson *person, const char *code, GError **error)
{
  g_autoptr(ToaWorkflow) workflow = NULL;
  ToaWorkflowEditor *self;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL && code != NULL, NULL);

  if (!(workflow = toa_workflow_load (store, code, 0, error)))
    return NULL;
  self = g_object_new (TOA_TYPE_WORKFLOW_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->person = toa_person_copy (person);
  self->code = g_strdup (code);
  self->saved_version = workflow->version;
  self->draft = g_steal_pointer (&workflow);
  load_draft (self);
  return self;
}

const ToaWorkflow *
toa_workflow_editor_get_draft (ToaWorkflowEditor *self)
{
  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), NULL);
  return self->draft;
}

guint
toa_workflow_editor_get_n_problems (ToaWorkflowEditor *self)
{
  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), 0);
  return self->problems != NULL ? self->problems->len : 0;
}

GtkCheckButton *
toa_workflow_editor_get_role_check (ToaWorkflowEditor *self, guint index, const char *role_code)
{
  ToaRole role;

  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), NULL);
  if (!toa_role_from_code (role_code, &role) || (index + 1) * TOA_N_ROLES > self->role_checks->len)
    return NULL;
  return g_ptr_array_index (self->role_checks, index * TOA_N_ROLES + role);
}

GtkTextBuffer *
toa_workflow_editor_get_json_buffer (ToaWorkflowEditor *self)
{
  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), NULL);
  return gtk_text_view_get_buffer (self->json_view);
}

GtkWidget *
toa_workflow_editor_get_save_button (ToaWorkflowEditor *self)
{
  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), NULL);
  return self->save_button;
}

GtkEditable *
toa_workflow_editor_get_state_entry (ToaWorkflowEditor *self, guint index)
{
  g_return_val_if_fail (TOA_IS_WORKFLOW_EDITOR (self), NULL);
  return index < self->state_rows->len ? g_ptr_array_index (self->state_rows, index) : NULL;
}
