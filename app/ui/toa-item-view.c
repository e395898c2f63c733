/* toa-item-view.c — one item in its own window (see toa-item-view.h): content and facts,
 * comments, and the actions core offers this person now; the timeline is drawn by
 * toa-item-timeline.c, the intake record and reply letter by toa-item-intake.c. Nothing here decides what anyone may do: the buttons come from
 * toa_transitions_available and every act goes through core again (toa-action-dialog.c,
 * toa_intake_reply_letter). Everything shown is read in one go in the background reader
 * (item_load_run, on the reader's own connection), then shown on the main thread; a person's
 * writes (actions, comments) go through the same reader's connection too (toa_background_reader_
 * write), the button spinning meanwhile; the reply letter runs here, on the window's store. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-action-dialog.h"
#include "toa-article-editor.h"
#include "toa-approval.h"
#include "toa-article-state.h"
#include "toa-articles.h"
#include "toa-delegation.h"
#include "toa-due.h"
#include "toa-error.h"
#include "toa-load-stack.h"
#include "toa-attachments.h"
#include "toa-intake.h"
#include "toa-item-view.h"
#include "toa-item-view-private.h"
#include "toa-text.h"
#include "toa-transition-actions.h"
#include "toa-workdays.h"
#include "toa-workflow-check.h"
#include "toa-workflow-store.h"

/* The fields are in toa-item-view-private.h (shared with toa-item-timeline.c and
 * toa-item-intake.c). */

G_DEFINE_FINAL_TYPE (ToaItemView, toa_item_view, ADW_TYPE_WINDOW)

/* One reading of the item, done in the background reader's worker: everything the window
 * shows, read on the worker's own connection, then shown on the main thread. */
typedef struct {
  ToaPerson       *person;          /* a copy, for the rights read with it */
  gint64           article_id;
  ToaArticle      *article;
  ToaArticleFlow  *flow;
  ToaWorkflow     *workflow;
  GError          *workflow_error;
  char            *genre_name;
  char            *site_name;
  gboolean         has_deadline;
  GDate            deadline;
  int              days_left;       /* working days to the deadline */
  gboolean         may_edit;
  GPtrArray       *records;
  GError          *records_error;
  GPtrArray       *requests;
  GError          *requests_error;
  ToaIntakeRecord *intake;          /* NULL: the item did not come through intake */
  GPtrArray       *channels;
  GPtrArray       *attachments;
  GError          *attachments_error;
  GPtrArray       *comments;
  GError          *comments_error;
  GPtrArray       *actions;         /* of ToaAvailableAction */
  GError          *actions_error;
  GPtrArray       *people;
} ItemLoad;

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

void
toa_item_view_emit_changed (ToaItemView *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* ---- small builders ------------------------------------------------------------------- */

GtkWidget *
toa_item_label (const char *text, const char *css_class, gboolean wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A list row: a heading with the time on the right, then lines below. */
GtkWidget *
toa_item_entry_row (const char *heading, gint64 at, GtkWidget **body)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = toa_item_label (heading, "heading", TRUE);
  g_autofree char *when = toa_format_datetime (at);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), toa_item_label (when, "dim-label", FALSE));
  gtk_box_append (GTK_BOX (box), top);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  *body = box;
  return row;
}

void
toa_item_append_line (GtkWidget *body, const char *text, const char *css_class)
{
  if (text != NULL && *text != '\0')
    gtk_box_append (GTK_BOX (body), toa_item_label (text, css_class, TRUE));
}

void
toa_item_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

const char *
toa_item_state_name (ToaItemView *self, const char *code)
{
  const ToaWorkflowState *state = self->workflow != NULL && code != NULL
                                  ? toa_workflow_find_state (self->workflow, code) : NULL;

  if (state != NULL && state->name != NULL)
    return state->name;
  return code != NULL ? toa_article_state_label_for_code (code) : "";
}

const char *
toa_item_transition_name (ToaItemView *self, const char *code)
{
  for (guint i = 0; self->workflow != NULL && i < self->workflow->transitions->len; i++)
    {
      const ToaWorkflowTransition *t = g_ptr_array_index (self->workflow->transitions, i);

      if (g_strcmp0 (t->code, code) == 0 && t->name != NULL)
        return t->name;
    }
  return code != NULL ? code : "";
}

const char *
toa_item_ground_name (const char *code)
{
  GPtrArray *grounds = code != NULL ? toa_refusal_grounds (NULL) : NULL;

  for (guint i = 0; grounds != NULL && i < grounds->len; i++)
    {
      const ToaRefusalGround *ground = g_ptr_array_index (grounds, i);

      if (g_strcmp0 (ground->code, code) == 0)
        return ground->name;
    }
  return code;
}

/* ---- the facts: step, holder, deadline, workflow ------------------------------------------ */

/* Each fact row shows its value as a suffix label (made in init). */
void
toa_item_set_row (AdwActionRow *row, const char *value)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "value");

  gtk_label_set_text (label, value != NULL && *value != '\0' ? value : "—");
}

void
toa_item_add_value_label (AdwActionRow *row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  adw_action_row_add_suffix (row, label);
  g_object_set_data (G_OBJECT (row), "value", label);
}

/* Who holds the item: the roles the workflow lets act from its state (as the inbox says). */
static char *
holder_text (ToaItemView *self, const ToaArticleFlow *flow)
{
  g_auto(GStrv) roles = NULL;

  if (self->workflow == NULL)
    return g_strdup ("");
  roles = toa_workflow_holder_roles (self->workflow, flow->state, flow->designed);
  return toa_role_labels_joined ((const char * const *) roles);
}

static void
show_deadline (ToaItemView *self, const ItemLoad *load)
{
  g_autofree char *date = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;
  GtkWidget *row = g_object_get_data (G_OBJECT (self->deadline_row), "value");
  static const char *const level_classes[] = { NULL, NULL, "warning", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (level_classes); i++)
    if (level_classes[i] != NULL)
      gtk_widget_remove_css_class (row, level_classes[i]);
  if (!load->has_deadline)
    {
      toa_item_set_row (self->deadline_row, _("No deadline"));
      return;
    }
  date = toa_format_gdate (&load->deadline);
  due = toa_due_text (TRUE, load->days_left);
  text = g_strdup_printf ("%s · %s", date, due);
  toa_item_set_row (self->deadline_row, text);
  if (level_classes[toa_due_level (TRUE, load->days_left)] != NULL)
    gtk_widget_add_css_class (row, level_classes[toa_due_level (TRUE, load->days_left)]);
}

static void
show_facts (ToaItemView *self, const ItemLoad *load)
{
  const ToaArticleFlow *flow = load->flow;
  const ToaWorkflowState *state = self->workflow != NULL
                                  ? toa_workflow_find_state (self->workflow, flow->state) : NULL;
  g_autofree char *step = NULL;
  g_autofree char *holder = holder_text (self, flow);
  g_autofree char *workflow = NULL;

  if (state != NULL && state->step_label != NULL)
    step = g_strdup_printf ("%s — %s", state->step_label, toa_item_state_name (self, flow->state));
  else
    step = g_strdup (toa_item_state_name (self, flow->state));
  toa_item_set_row (self->step_row, step);
  toa_item_set_row (self->holder_row, *holder != '\0' ? holder : _("Nobody: the item rests here"));
  show_deadline (self, load);
  if (self->workflow == NULL)
    workflow = g_strdup ("");
  else if (flow->workflow_version > 0)
    /* Translators: a workflow's name and its version number */
    workflow = g_strdup_printf (_("%s, version %d"), self->workflow->name, flow->workflow_version);
  else
    /* Translators: %s is the board's default workflow; the version is fixed by the first step */
    workflow = g_strdup_printf (_("%s (the board's default; fixed by the first step)"), self->workflow->name);
  toa_item_set_row (self->workflow_row, workflow);
}

/* ---- comments -------------------------------------------------------------------------- */

static GtkWidget *
comment_row (const ToaComment *comment)
{
  GtkWidget *body;
  GtkWidget *row = toa_item_entry_row (comment->person_name != NULL ? comment->person_name : "",
                                  comment->created_at, &body);

  toa_item_append_line (body, comment->body, NULL);
  if (comment->mention_names != NULL && *comment->mention_names != '\0')
    {
      /* Translators: %s is the people named with @login in a comment */
      g_autofree char *text = g_strdup_printf (_("Mentions: %s"), comment->mention_names);
      toa_item_append_line (body, text, "dim-label");
    }
  return row;
}

static void
show_comments (ToaItemView *self, GPtrArray *comments, const GError *error)
{
  toa_item_clear_list (self->comment_list);
  for (guint i = 0; comments != NULL && i < comments->len; i++)
    gtk_list_box_append (self->comment_list, comment_row (g_ptr_array_index (comments, i)));
  gtk_label_set_text (self->comment_error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), error != NULL);
}

/* A comment on its way: written in the reader's worker on its own connection (or at once on
 * the window's store without a location). */
typedef struct {
  ToaItemView *view;     /* a reference until the answer is shown */
  ToaPerson   *person;
  gint64       article_id;
  char        *text;     /* as sent (stripped) */
  char        *typed;    /* the box as it was when sent */
} CommentJob;

static void
comment_job_free (CommentJob *job)
{
  g_clear_pointer (&job->person, toa_person_free);
  g_free (job->text);
  g_free (job->typed);
  g_clear_object (&job->view);
  g_free (job);
}

static gboolean
comment_job_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  CommentJob *job = data;
  g_autoptr(ToaComment) comment = toa_articles_comment (store, job->person, job->article_id, job->text, error);

  return comment != NULL;
}

static void
set_commenting (ToaItemView *self, gboolean busy)
{
  self->commenting = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_comment_button), !busy);
  if (busy)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_button_set_child (self->add_comment_button, spinner);
    }
  else
    gtk_button_set_label (self->add_comment_button, _("Add Comment"));
}

static void
comment_job_done (gpointer owner, gpointer data, const GError *error)
{
  CommentJob *job = data;
  ToaItemView *self = job->view;
  GtkTextBuffer *buffer;
  g_autofree char *now = NULL;
  GtkTextIter start, end;

  if (self->closed)
    return;
  set_commenting (self, FALSE);
  if (error != NULL)
    {
      /* The typed text stays in the box. */
      gtk_label_set_text (self->comment_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), FALSE);
  buffer = gtk_text_view_get_buffer (self->comment_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  now = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (now, job->typed) == 0)
    gtk_text_buffer_set_text (buffer, "", 0);   /* what was typed meanwhile stays */
  toa_item_view_reload (self);   /* the comment list read again, off the main thread */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Comment added")));
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_add_comment (ToaItemView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  CommentJob *job;

  if (self->commenting)
    return;   /* the first one is on its way */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  job = g_new0 (CommentJob, 1);
  job->typed = g_strdup (text);
  if (*g_strstrip (text) == '\0')
    {
      comment_job_free (job);
      gtk_label_set_text (self->comment_error_label, _("Write the comment first."));
      gtk_widget_set_visible (GTK_WIDGET (self->comment_error_label), TRUE);
      return;
    }
  job->view = g_object_ref (self);
  job->person = toa_person_copy (self->person);
  job->article_id = self->article_id;
  job->text = g_steal_pointer (&text);
  set_commenting (self, TRUE);
  toa_background_reader_write (self->reader, comment_job_run, comment_job_done, self, job,
                               (GDestroyNotify) comment_job_free);
}

/* Inserts "@login" at the cursor, with spaces around it where it touches a word. */
static void
on_person_activated (ToaItemView *self, GtkListBoxRow *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment_view);
  const char *login = g_object_get_data (G_OBJECT (row), "login");
  g_autofree char *mention = NULL;
  GtkTextIter cursor, before;
  gboolean space_before, space_after;

  if (login == NULL)
    return;
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  before = cursor;
  space_before = gtk_text_iter_backward_char (&before) && !g_unichar_isspace (gtk_text_iter_get_char (&before));
  space_after = gtk_text_iter_is_end (&cursor) || !g_unichar_isspace (gtk_text_iter_get_char (&cursor));
  mention = g_strdup_printf ("%s@%s%s", space_before ? " " : "", login, space_after ? " " : "");
  gtk_text_buffer_insert_at_cursor (buffer, mention, -1);
  gtk_menu_button_popdown (self->mention_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->comment_view));
}

static void
show_people (ToaItemView *self, GPtrArray *people)
{
  toa_item_clear_list (self->people_list);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const ToaPerson *person = g_ptr_array_index (people, i);
      GtkWidget *row, *box;
      g_autofree char *login = NULL;

      if (person->login == NULL || !person->active || person->id == self->person->id)
        continue;
      login = g_strdup_printf ("@%s", person->login);
      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_margin_start (box, 6);
      gtk_widget_set_margin_end (box, 6);
      gtk_box_append (GTK_BOX (box), toa_item_label (person->full_name, NULL, FALSE));
      gtk_widget_set_hexpand (gtk_widget_get_first_child (box), TRUE);
      gtk_box_append (GTK_BOX (box), toa_item_label (login, "dim-label", FALSE));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "login", g_strdup (person->login), g_free);
      gtk_list_box_append (self->people_list, row);
    }
}

/* ---- actions ------------------------------------------------------------------------------ */

static void
on_action_done (ToaItemView *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  toa_item_view_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

GtkWindow *
toa_item_view_open_action (ToaItemView *self, const char *code)
{
  GtkWindow *dialog;

  g_return_val_if_fail (TOA_IS_ITEM_VIEW (self), NULL);

  for (guint i = 0; self->actions != NULL && i < self->actions->len; i++)
    {
      const ToaAvailableAction *action = g_ptr_array_index (self->actions, i);

      if (g_strcmp0 (action->code, code) != 0)
        continue;
      dialog = toa_action_dialog_new (GTK_WINDOW (self), self->store, self->person, self->article_id,
                                      self->version, action);
      toa_action_dialog_select_target (TOA_ACTION_DIALOG (dialog), self->came_from);
      toa_action_dialog_set_reader (TOA_ACTION_DIALOG (dialog), self->reader);
      g_signal_connect_object (dialog, "done", G_CALLBACK (on_action_done), self, G_CONNECT_SWAPPED);
      gtk_window_present (dialog);
      return dialog;
    }
  return NULL;
}

static void
on_action_clicked (GtkButton *button, ToaItemView *self)
{
  toa_item_view_open_action (self, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
show_actions (ToaItemView *self, ItemLoad *load)
{
  const GError *error = load->actions_error;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_box_remove (self->actions_box, child);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  self->actions = g_steal_pointer (&load->actions);
  for (guint i = 0; self->actions != NULL && i < self->actions->len; i++)
    {
      const ToaAvailableAction *action = g_ptr_array_index (self->actions, i);
      GtkWidget *button = gtk_button_new_with_label (action->name != NULL ? action->name : action->code);

      gtk_widget_set_name (button, action->code);
      if (action->becomes_request)
        gtk_widget_set_tooltip_text (button, _("Becomes a request for approval"));
      else if (action->on_behalf_of_name != NULL)
        {
          g_autofree char *tip = g_strdup_printf (_("On behalf of %s (KT.)"), action->on_behalf_of_name);
          gtk_widget_set_tooltip_text (button, tip);
        }
      if (i == 0 && action->kind == TOA_ACTION_TRANSITION && !action->comment_required)
        gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect (button, "clicked", G_CALLBACK (on_action_clicked), self);
      gtk_box_append (self->actions_box, button);
    }
  if (self->actions == NULL)
    gtk_label_set_text (self->no_actions_label, error->message);
  else
    gtk_label_set_text (self->no_actions_label, _("Nothing for you to do on this item now."));
  gtk_widget_set_visible (GTK_WIDGET (self->no_actions_label),
                          self->actions == NULL || self->actions->len == 0);
}

/* ---- loading: everything read in the background reader's worker, then shown ---------------- */

static void
show_load_error (ToaItemView *self, const GError *error)
{
  gtk_label_set_text (self->load_error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->load_error_label), error != NULL);
}

static void
item_load_free (ItemLoad *load)
{
  g_clear_pointer (&load->person, toa_person_free);
  g_clear_object (&load->article);
  g_clear_pointer (&load->flow, toa_article_flow_free);
  g_clear_pointer (&load->workflow, toa_workflow_free);
  g_clear_error (&load->workflow_error);
  g_free (load->genre_name);
  g_free (load->site_name);
  g_clear_pointer (&load->records, g_ptr_array_unref);
  g_clear_error (&load->records_error);
  g_clear_pointer (&load->requests, g_ptr_array_unref);
  g_clear_error (&load->requests_error);
  g_clear_pointer (&load->intake, toa_intake_record_free);
  g_clear_pointer (&load->channels, g_ptr_array_unref);
  g_clear_pointer (&load->attachments, g_ptr_array_unref);
  g_clear_error (&load->attachments_error);
  g_clear_pointer (&load->comments, g_ptr_array_unref);
  g_clear_error (&load->comments_error);
  g_clear_pointer (&load->actions, g_ptr_array_unref);
  g_clear_error (&load->actions_error);
  g_clear_pointer (&load->people, g_ptr_array_unref);
  g_free (load);
}

static void
read_genre_and_site (ToaStore *store, ItemLoad *load)
{
  g_autoptr(GPtrArray) genres = toa_store_genre_list (store, NULL);
  g_autoptr(GPtrArray) sites = toa_store_site_list (store, NULL);

  for (guint i = 0; genres != NULL && i < genres->len; i++)
    {
      const ToaGenre *genre = g_ptr_array_index (genres, i);
      if (g_strcmp0 (genre->code, load->article->genre) == 0)
        {
          g_free (load->genre_name);
          load->genre_name = g_strdup (genre->name);
        }
    }
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      const ToaSite *site = g_ptr_array_index (sites, i);
      if (site->id == load->article->site_id)
        {
          g_free (load->site_name);
          load->site_name = g_strdup (site->name);
        }
    }
}

/* The deadline's distance in working days, from the board's calendar. */
static void
read_deadline (ToaStore *store, ItemLoad *load)
{
  g_autoptr(ToaWorkCalendar) cal = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (toa_time_zone ());
  GDate today;

  if (load->flow->deadline == NULL || !toa_parse_date (load->flow->deadline, "deadline", &load->deadline, NULL)
      || (cal = toa_work_calendar_get (store, NULL)) == NULL)
    return;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  load->days_left = toa_work_calendar_days_between (cal, &today, &load->deadline);
  load->has_deadline = TRUE;
}

/* In the reader's worker (or at once on the window's store without a location). */
static gboolean
item_load_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ItemLoad *load = data;
  g_autofree char *default_code = NULL;

  if ((load->article = toa_store_article_get (store, load->article_id, error)) == NULL
      || (load->flow = toa_store_article_flow_get (store, load->article_id, error)) == NULL
      || (load->flow->workflow_code == NULL
          && (default_code = toa_delegation_default_workflow (store, error)) == NULL))
    return FALSE;
  load->workflow = toa_workflow_load (store, load->flow->workflow_code != NULL ? load->flow->workflow_code
                                                                            : default_code,
                                      load->flow->workflow_version, &load->workflow_error);
  read_genre_and_site (store, load);
  read_deadline (store, load);
  load->may_edit = toa_articles_may_edit (store, load->person, load->article_id, NULL);
  load->records = toa_transitions_list (store, load->article_id, &load->records_error);
  load->requests = toa_approval_list (store, load->article_id, &load->requests_error);
  load->intake = toa_store_intake_record_get (store, load->article_id, NULL);
  if (load->intake != NULL)
    {
      load->channels = toa_store_intake_channel_list (store, NULL);
      load->attachments = toa_attachments_list (store, load->article_id, &load->attachments_error);
    }
  load->comments = toa_store_comment_list (store, load->article_id, &load->comments_error);
  load->actions = toa_transitions_available (store, load->person, load->article_id, 0, &load->actions_error);
  load->people = toa_store_person_list (store, NULL);
  return TRUE;
}

static void
set_loading (ToaItemView *self, gboolean loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), loading && self->loaded);
  gtk_spinner_set_spinning (self->reload_spinner, loading && self->loaded);
  gtk_spinner_set_spinning (self->loading_spinner, loading && !self->loaded);
}

static void
show_item (ToaItemView *self, ItemLoad *load)
{
  ToaArticle *article = load->article;

  g_clear_pointer (&self->workflow, toa_workflow_free);
  self->workflow = g_steal_pointer (&load->workflow);
  show_load_error (self, load->workflow_error);
  self->version = load->flow->version;

  gtk_window_set_title (GTK_WINDOW (self), article->title);
  adw_view_switcher_title_set_title (self->switcher_title, article->title);
  gtk_label_set_text (self->heading_label, article->title);
  {
    /* Translators: the item's state, then its version number */
    g_autofree char *state = g_strdup_printf (_("%s · version %lld"), toa_item_state_name (self, load->flow->state),
                                              (long long) load->flow->version);
    gtk_label_set_text (self->state_label, state);
  }
  toa_article_view_set_article (self->article_view, article, load->genre_name, load->site_name);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), load->may_edit);
  if (load->may_edit)
    toa_article_editor_prewarm ();   /* "Sửa" then opens at once */
  show_facts (self, load);
  toa_item_view_show_timeline (self, load->records, load->records_error, load->requests, load->requests_error);
  toa_item_view_show_intake (self, load->flow, load->intake, load->channels, load->attachments,
                             load->attachments_error);
  show_comments (self, load->comments, load->comments_error);
  show_actions (self, load);
  show_people (self, load->people);
}

/* On the main thread: the item read, or why it could not be. */
static void
item_load_done (gpointer owner, gpointer data, const GError *error)
{
  ToaItemView *self = TOA_ITEM_VIEW (owner);

  self->loads_done++;
  if (error != NULL)
    {
      /* what was shown may be out of date: say so plainly, with a way to try again */
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->load_stack, "failed");
      set_loading (self, FALSE);
      return;
    }
  show_item (self, data);
  self->loaded = TRUE;
  gtk_stack_set_visible_child_name (self->load_stack, "content");
  set_loading (self, FALSE);
}

void
toa_item_view_reload (ToaItemView *self)
{
  ItemLoad *load;

  g_return_if_fail (TOA_IS_ITEM_VIEW (self));

  load = g_new0 (ItemLoad, 1);
  load->person = toa_person_copy (self->person);
  load->article_id = self->article_id;
  set_loading (self, TRUE);
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->load_stack, "loading");
  toa_background_reader_run (self->reader, self->lane, item_load_run, item_load_done, self, self->cancellable,
                             load, (GDestroyNotify) item_load_free);
}

/* The page that lent the reader may cancel everything in flight (it changed stores): a reading
 * of ours dropped that way is asked for again, once the reader has delivered what it had. */
static gboolean
on_reader_settled (gpointer data)
{
  ToaItemView *self = TOA_ITEM_VIEW (data);

  self->settle_id = 0;
  if (self->loading && toa_background_reader_get_pending (self->reader) == 0)
    toa_item_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_reader_pending (ToaItemView *self)
{
  if (self->loading && self->settle_id == 0 && toa_background_reader_get_pending (self->reader) == 0)
    self->settle_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_reader_settled, self, NULL);   /* not starved by painting */
}

/* "Try Again" on the failure page. */
static void
on_try_again (ToaItemView *self)
{
  toa_item_view_reload (self);
}

gboolean
toa_item_view_is_loading (ToaItemView *self)
{
  g_return_val_if_fail (TOA_IS_ITEM_VIEW (self), FALSE);
  return self->loading;
}

void
toa_item_view_wait_loaded (ToaItemView *self)
{
  g_return_if_fail (TOA_IS_ITEM_VIEW (self));
  while (self->loading)
    g_main_context_iteration (NULL, TRUE);
}

/* The window's content goes in a stack: a spinner while the item is first read, the reason
 * with "Try Again" when it could not be, the item itself. */
static void
build_load_stack (ToaItemView *self)
{
  ToaLoadStack pages;

  toa_load_stack_build (&pages, self->toast_overlay, _("Reading the Item…"),
                        _("The Item Could Not Be Read"), _("Read the item again"),
                        G_CALLBACK (on_try_again), self);
  self->load_stack = pages.stack;
  self->loading_spinner = pages.spinner;
  self->failed_page = pages.failed_page;
  self->retry_button = pages.retry_button;

  /* beside the state line: the item is being read again */
  self->reload_spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->reload_spinner), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->reload_spinner), GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reload_spinner), _("Reading the item again…"));
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->state_label))),
                  GTK_WIDGET (self->reload_spinner));
}

/* ---- editing ------------------------------------------------------------------------------ */

static void
on_editor_saved (ToaItemView *self)
{
  toa_item_view_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
on_edit_clicked (ToaItemView *self)
{
  GtkWindow *editor = toa_article_editor_new_with_reader (GTK_WINDOW (self), self->store, self->reader,
                                                          self->person, self->article_id, NULL);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (editor);
}

/* ---- live changes (PostgreSQL): another desk acted on, commented or saved this item -------- */

#define LIVE_DELAY_MS 150

static gboolean
on_live_due (gpointer data)
{
  ToaItemView *self = TOA_ITEM_VIEW (data);

  self->live_id = 0;
  toa_item_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_live_changed (ToaItemView *self, const ToaStoreChange *change)
{
  if (self->live_id == 0
      && (toa_store_change_is_resync (change) || change->article_id == self->article_id))
    self->live_id = g_timeout_add (LIVE_DELAY_MS, on_live_due, self);
}

/* ---- the widget ---------------------------------------------------------------------------- */

static void
toa_item_view_dispose (GObject *object)
{
  ToaItemView *self = TOA_ITEM_VIEW (object);

  self->closed = TRUE;
  g_clear_handle_id (&self->live_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);   /* a reading in flight is dropped */
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  if (self->live != NULL)
    g_signal_handlers_disconnect_by_data (self->live, self);
  g_clear_object (&self->live);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_ITEM_VIEW);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (toa_item_view_parent_class)->dispose (object);
}

static void
toa_item_view_finalize (GObject *object)
{
  ToaItemView *self = TOA_ITEM_VIEW (object);

  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->workflow, toa_workflow_free);
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_free (self->came_from);
  g_free (self->refusal_ground);
  g_free (self->lane);
  g_clear_pointer (&self->intake_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (toa_item_view_parent_class)->finalize (object);
}

static void
toa_item_view_class_init (ToaItemViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_item_view_dispose;
  object_class->finalize = toa_item_view_finalize;

  /* "changed": the person changed the item here (an action taken, a comment added). */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TOA_TYPE_ARTICLE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-item-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, state_label);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, load_error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, step_row);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, holder_row);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, workflow_row);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, article_view);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, timeline_error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, comment_list);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, comment_view);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, mention_button);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, people_list);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, comment_error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, add_comment_button);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, no_actions_label);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, intake_group);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, reply_group);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, letter_error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, letter_view);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, compose_letter_button);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, copy_letter_button);
  gtk_widget_class_bind_template_child (widget_class, ToaItemView, edit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_comment);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_compose_letter", G_CALLBACK (toa_item_view_on_compose_letter));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_copy_letter", G_CALLBACK (toa_item_view_on_copy_letter));
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
toa_item_view_init (ToaItemView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->intake_rows = g_ptr_array_new ();
  toa_item_add_value_label (self->step_row);
  toa_item_add_value_label (self->holder_row);
  toa_item_add_value_label (self->deadline_row);
  toa_item_add_value_label (self->workflow_row);
  build_load_stack (self);
}

GtkWindow *
toa_item_view_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person, gint64 article_id)
{
  return toa_item_view_new_with_reader (parent, store, NULL, person, article_id);
}

GtkWindow *
toa_item_view_new_with_reader (GtkWindow *parent, ToaStore *store, ToaBackgroundReader *reader,
                               const ToaPerson *person, gint64 article_id)
{
  ToaItemView *self;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (reader == NULL || TOA_IS_BACKGROUND_READER (reader), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  self = g_object_new (TOA_TYPE_ITEM_VIEW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->reader = reader != NULL ? g_object_ref (reader) : toa_background_reader_new (store, NULL);
  self->cancellable = g_cancellable_new ();
  self->lane = g_strdup_printf ("item-view-%p", (void *) self);
  g_signal_connect_swapped (self->reader, "notify::pending", G_CALLBACK (on_reader_pending), self);
  self->person = toa_person_copy (person);
  self->article_id = article_id;
  toa_item_view_reload (self);
  self->live = toa_store_watch (store, NULL);   /* NULL: SQLite, or unreachable */
  if (self->live != NULL)
    g_signal_connect_swapped (self->live, "changed", G_CALLBACK (on_live_changed), self);
  return GTK_WINDOW (self);
}

gint64
toa_item_view_get_version (ToaItemView *self)
{
  g_return_val_if_fail (TOA_IS_ITEM_VIEW (self), 0);
  return self->version;
}

ToaArticleView *
toa_item_view_get_article_view (ToaItemView *self)
{
  g_return_val_if_fail (TOA_IS_ITEM_VIEW (self), NULL);
  return self->article_view;
}
