/* toa-action-dialog.c — one action on an item (see toa-action-dialog.h). Which inputs an
 * action needs and whether it becomes a request come from core (ToaAvailableAction); what is
 * allowed is decided again by core when the person presses OK. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-action-dialog.h"
#include "toa-approval.h"
#include "toa-background-reader.h"
#include "toa-error.h"
#include "toa-text.h"
#include "toa-workflow.h"

struct _ToaActionDialog {
  AdwWindow parent_instance;

  ToaStore      *store;
  ToaPerson     *person;
  gint64         article_id;
  gint64         expected_version;
  ToaActionKind  kind;
  char          *code;
  char          *name;
  GStrv          targets;
  GPtrArray     *ground_codes;    /* char* per ground_row row; NULL at 0 = none chosen */
  gboolean       needs_time;
  gint64         request_id;
  ToaBackgroundReader *reader;    /* NULL: the action is taken here, on the window's store */
  gboolean       busy;            /* the action is on its way (the reader's worker) */
  gboolean       closed;          /* disposed: a late answer shows nothing */
  gboolean       last_ok;

  AdwWindowTitle       *window_title;
  GtkButton            *ok_button;
  GtkLabel             *info_label;
  AdwPreferencesGroup  *choices_group;
  AdwComboRow          *target_row;
  AdwComboRow          *ground_row;
  AdwEntryRow          *date_row;
  AdwEntryRow          *time_row;
  GtkLabel             *comment_title;
  GtkTextView          *comment_view;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (ToaActionDialog, toa_action_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (ToaActionDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static char *
comment_text (ToaActionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* "dd/mm/yyyy" + "HH:MM" in Vietnam time → µs UTC. */
static gboolean
parse_publication_time (ToaActionDialog *self, gint64 *out, GError **error)
{
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  g_autofree char *time_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_row))));
  g_autoptr(GDateTime) when = NULL;
  GDate date;
  unsigned hour = 0, minute = 0;
  char rest = '\0';

  if (!toa_parse_date (date_text, _("publication date"), &date, error))
    return FALSE;
  if (sscanf (time_text, "%2u:%2u%c", &hour, &minute, &rest) != 2 || hour > 23 || minute > 59)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID,
                   _("The publication time “%s” is not a time of day: write it as HH:MM, for example 08:30."),
                   time_text);
      return FALSE;
    }
  when = g_date_time_new (toa_time_zone (), g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), (int) hour, (int) minute, 0);
  if (when == NULL)
    {
      g_set_error (error, TOA_ERROR, TOA_ERROR_INVALID, _("The publication time is not valid."));
      return FALSE;
    }
  *out = g_date_time_to_unix (when) * G_USEC_PER_SEC;
  return TRUE;
}

static char *
done_message (ToaActionDialog *self, const ToaTransitionResult *result)
{
  if (result->request_id != 0)
    /* Translators: %s is an action such as "Gỡ tin" */
    return g_strdup_printf (_("“%s” was sent for approval"), self->name);
  if (self->kind == TOA_ACTION_REJECT_REQUEST)
    return g_strdup (_("The request was rejected"));
  /* Translators: %s is an action such as "Chuyển tiếp" */
  return g_strdup_printf (_("Done: %s"), self->name);
}

/* One action on its way: everything the worker needs is copied here (nothing of the dialog
 * is touched off the main thread). */
typedef struct {
  ToaActionDialog     *dialog;      /* a reference until the answer is shown */
  ToaPerson           *person;
  ToaActionKind        kind;
  gint64               request_id;
  ToaTransitionRequest request;     /* its strings point into the fields below */
  char                *code;
  char                *target;
  char                *ground;
  char                *comment;
  ToaTransitionResult  result;
} ActionJob;

static void
action_job_free (ActionJob *job)
{
  toa_transition_result_clear (&job->result);
  g_clear_pointer (&job->person, toa_person_free);
  g_free (job->code);
  g_free (job->target);
  g_free (job->ground);
  g_free (job->comment);
  g_clear_object (&job->dialog);
  g_free (job);
}

/* In the reader's worker on its own connection (or here, on the window's store). */
static gboolean
action_job_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ActionJob *job = data;

  if (job->kind == TOA_ACTION_TRANSITION)
    return toa_transitions_do (store, job->person, &job->request, &job->result, error);
  return toa_approval_decide (store, job->person, job->request_id, job->kind == TOA_ACTION_APPROVE_REQUEST,
                              job->comment, 0, &job->result, error);
}

static void
set_busy (ToaActionDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->ok_button), !busy);
  if (busy)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_button_set_child (self->ok_button, spinner);
    }
  else
    gtk_button_set_label (self->ok_button, self->name);
}

/* On the main thread: the answer, shown as before. */
static void
action_job_done (gpointer owner, gpointer data, const GError *error)
{
  ActionJob *job = data;
  ToaActionDialog *self = job->dialog;
  g_autofree char *message = NULL;

  if (self->closed)
    return;   /* closed while the action was on its way */
  set_busy (self, FALSE);
  self->last_ok = error == NULL;
  if (error != NULL)
    {
      if (g_error_matches (error, TOA_ERROR, TOA_ERROR_CONFLICT))
        {
          g_autofree char *text = g_strdup_printf (_("%s\nClose this dialog to see the item as it is now."),
                                                   error->message);
          show_error (self, text);
        }
      else
        show_error (self, error->message);
      return;
    }
  message = done_message (self, &job->result);
  g_signal_emit (self, signals[SIGNAL_DONE], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
toa_action_dialog_run (ToaActionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaActionDialog) keep = NULL;   /* alive past a "done" that closes it */
  ActionJob *job;

  g_return_val_if_fail (TOA_IS_ACTION_DIALOG (self), FALSE);
  keep = g_object_ref (self);

  if (self->busy)
    return TRUE;   /* the first press is on its way */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  job = g_new0 (ActionJob, 1);
  job->person = toa_person_copy (self->person);
  job->kind = self->kind;
  job->request_id = self->request_id;
  job->comment = comment_text (self);
  if (self->kind == TOA_ACTION_TRANSITION)
    {
      guint row;

      job->code = g_strdup (self->code);
      if (self->targets != NULL && self->targets[0] != NULL)
        {
          row = adw_combo_row_get_selected (self->target_row);
          if (row != GTK_INVALID_LIST_POSITION && row < g_strv_length (self->targets))
            job->target = g_strdup (self->targets[row]);
        }
      row = adw_combo_row_get_selected (self->ground_row);
      if (row != GTK_INVALID_LIST_POSITION && row < self->ground_codes->len)
        job->ground = g_strdup (g_ptr_array_index (self->ground_codes, row));
      job->request.article_id = self->article_id;
      job->request.transition = job->code;
      job->request.target = job->target;
      job->request.ground = job->ground;
      job->request.comment = job->comment;
      job->request.expected_version = self->expected_version;
      if (self->needs_time && !parse_publication_time (self, &job->request.scheduled_for, &error))
        {
          show_error (self, error->message);
          action_job_free (job);
          return FALSE;
        }
    }
  job->dialog = g_object_ref (self);
  self->last_ok = FALSE;
  if (self->reader == NULL)
    {
      /* no reader: here, on the window's store, as before */
      GError *run_error = NULL;

      action_job_run (self->store, job, NULL, &run_error);
      action_job_done (self, job, run_error);
      g_clear_error (&run_error);
      action_job_free (job);
      return self->last_ok;
    }
  set_busy (self, TRUE);
  toa_background_reader_write (self->reader, action_job_run, action_job_done, self, job,
                               (GDestroyNotify) action_job_free);
  /* without a location the answer is in already; else it comes later ("done", or the error) */
  return self->busy || self->last_ok;
}

const char *
toa_action_dialog_get_error (ToaActionDialog *self)
{
  g_return_val_if_fail (TOA_IS_ACTION_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

gboolean
toa_action_dialog_is_busy (ToaActionDialog *self)
{
  g_return_val_if_fail (TOA_IS_ACTION_DIALOG (self), FALSE);
  return self->busy;
}

void
toa_action_dialog_set_reader (ToaActionDialog *self, ToaBackgroundReader *reader)
{
  g_return_if_fail (TOA_IS_ACTION_DIALOG (self));
  g_return_if_fail (reader == NULL || TOA_IS_BACKGROUND_READER (reader));
  g_set_object (&self->reader, reader);
}

static void
on_ok_clicked (ToaActionDialog *self)
{
  toa_action_dialog_run (self);
}

static void
toa_action_dialog_dispose (GObject *object)
{
  ToaActionDialog *self = TOA_ACTION_DIALOG (object);

  self->closed = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_ACTION_DIALOG);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (toa_action_dialog_parent_class)->dispose (object);
}

static void
toa_action_dialog_finalize (GObject *object)
{
  ToaActionDialog *self = TOA_ACTION_DIALOG (object);

  g_clear_pointer (&self->person, toa_person_free);
  g_free (self->code);
  g_free (self->name);
  g_strfreev (self->targets);
  g_clear_pointer (&self->ground_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (toa_action_dialog_parent_class)->finalize (object);
}

static void
toa_action_dialog_class_init (ToaActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_action_dialog_dispose;
  object_class->finalize = toa_action_dialog_finalize;

  /* "done" (message): the action was taken (or sent for approval). */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-action-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, ok_button);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, info_label);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, choices_group);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, ground_row);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, comment_title);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, comment_view);
  gtk_widget_class_bind_template_child (widget_class, ToaActionDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
toa_action_dialog_init (ToaActionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ground_codes = g_ptr_array_new_with_free_func (g_free);
}

/* What the person should know before pressing OK. */
static char *
info_text (const ToaAvailableAction *action)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (action->kind)
    {
    case TOA_ACTION_APPROVE_REQUEST:
      g_string_append (text, _("Approving applies the requested change to the item."));
      break;
    case TOA_ACTION_REJECT_REQUEST:
      g_string_append (text, _("Rejecting leaves the item as it is. Say why in the comment."));
      break;
    case TOA_ACTION_TRANSITION:
    default:
      if (action->to_name != NULL)
        /* Translators: %s is a workflow state such as "Chờ duyệt" */
        g_string_append_printf (text, _("The item moves to “%s”."), action->to_name);
      else if (action->targets != NULL && action->targets[0] != NULL)
        g_string_append (text, _("The item goes back to the step you choose."));
      break;
    }
  if (action->becomes_request)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, _("You do not hold an approving role: this becomes a request for approval "
                               "and the item stays where it is until someone decides."));
    }
  if (action->on_behalf_of != 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      const char *name = action->on_behalf_of_name != NULL ? action->on_behalf_of_name : "";
      g_autofree char *behalf = toa_transitions_behalf_text (action->behalf_form, name);

      /* Translators: the delegator, then how the act is recorded ("KT. <name>" / "TL. <name>") */
      g_string_append_printf (text, _("You act under the delegation of %s: it is recorded as “%s”."),
                              name, behalf);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
setup_grounds (ToaActionDialog *self, gboolean required)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *grounds = toa_refusal_grounds (&error);

  if (!required)
    return;
  gtk_string_list_append (names, _("Choose a ground…"));
  g_ptr_array_add (self->ground_codes, NULL);
  for (guint i = 0; grounds != NULL && i < grounds->len; i++)
    {
      const ToaRefusalGround *ground = g_ptr_array_index (grounds, i);

      gtk_string_list_append (names, ground->name);
      g_ptr_array_add (self->ground_codes, g_strdup (ground->code));
    }
  if (grounds == NULL)
    show_error (self, error->message);
  adw_combo_row_set_model (self->ground_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->ground_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ground_row), TRUE);
}

static void
setup_targets (ToaActionDialog *self, const ToaAvailableAction *action)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = action->targets != NULL ? g_strv_length (action->targets) : 0;

  if (n == 0)
    return;
  self->targets = g_strdupv (action->targets);
  for (guint i = 0; i < n; i++)
    {
      const char *name = action->target_names != NULL && i < g_strv_length (action->target_names)
                         ? action->target_names[i] : action->targets[i];
      gtk_string_list_append (names, name);
    }
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->target_row, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->target_row), TRUE);
}

void
toa_action_dialog_select_target (ToaActionDialog *self, const char *state)
{
  g_return_if_fail (TOA_IS_ACTION_DIALOG (self));

  for (guint i = 0; state != NULL && self->targets != NULL && self->targets[i] != NULL; i++)
    if (g_str_equal (self->targets[i], state))
      adw_combo_row_set_selected (self->target_row, i);
}

GtkWindow *
toa_action_dialog_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                       gint64 article_id, gint64 expected_version, const ToaAvailableAction *action)
{
  ToaActionDialog *self;
  g_autofree char *info = NULL;
  gboolean comment_required;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (person != NULL && action != NULL, NULL);

  self = g_object_new (TOA_TYPE_ACTION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->person = toa_person_copy (person);
  self->article_id = article_id;
  self->expected_version = expected_version;
  self->kind = action->kind;
  self->code = g_strdup (action->code);
  self->name = g_strdup (action->name != NULL ? action->name : action->code);
  self->needs_time = action->kind == TOA_ACTION_TRANSITION && action->needs_time;
  self->request_id = action->request_id;

  gtk_window_set_title (GTK_WINDOW (self), self->name);
  adw_window_title_set_title (self->window_title, self->name);
  gtk_button_set_label (self->ok_button, self->name);
  info = info_text (action);
  gtk_label_set_text (self->info_label, info);
  gtk_widget_set_visible (GTK_WIDGET (self->info_label), *info != '\0');

  if (action->kind == TOA_ACTION_TRANSITION)
    {
      setup_targets (self, action);
      setup_grounds (self, action->ground_required);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), self->needs_time);
  gtk_widget_set_visible (GTK_WIDGET (self->time_row), self->needs_time);
  gtk_widget_set_visible (GTK_WIDGET (self->choices_group),
                          gtk_widget_get_visible (GTK_WIDGET (self->target_row))
                          || gtk_widget_get_visible (GTK_WIDGET (self->ground_row))
                          || self->needs_time);

  comment_required = action->comment_required || action->kind == TOA_ACTION_REJECT_REQUEST;
  gtk_label_set_text (self->comment_title, comment_required ? _("Comment (required)")
                                                            : _("Comment (optional)"));
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
  return GTK_WINDOW (self);
}
