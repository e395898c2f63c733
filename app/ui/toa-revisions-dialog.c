/* toa-revisions-dialog.c — an article's revisions and their word differences (see
 * toa-revisions-dialog.h). Reading, comparing and restoring are core's (toa-revisions.h);
 * this file only shows them. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-revisions.h"
#include "toa-revisions-dialog.h"
#include "toa-text.h"

struct _ToaRevisionsDialog {
  AdwWindow parent_instance;

  ToaStore   *store;
  ToaPerson  *person;
  gint64      article_id;
  gint64      expected_version;
  GPtrArray  *revisions;          /* ToaRevision, oldest first */
  int         from;               /* revision numbers compared; 0 = none */
  int         to;
  gboolean    updating;
  char       *error;
  AdwMessageDialog *confirm;

  AdwWindowTitle *window_title;
  GtkButton      *restore_button;
  GtkLabel       *error_label;
  GtkListBox     *revision_list;
  GtkDropDown    *from_dropdown;
  GtkDropDown    *to_dropdown;
  GtkLabel       *summary_label;
  GtkTextView    *diff_view;
};

G_DEFINE_FINAL_TYPE (ToaRevisionsDialog, toa_revisions_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_RESTORED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (ToaRevisionsDialog *self, const char *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static const ToaRevision *
revision_at (ToaRevisionsDialog *self, guint index)
{
  return self->revisions != NULL && index < self->revisions->len
         ? g_ptr_array_index (self->revisions, index) : NULL;
}

static int
index_of (ToaRevisionsDialog *self, int number)
{
  for (guint i = 0; self->revisions != NULL && i < self->revisions->len; i++)
    if (((const ToaRevision *) g_ptr_array_index (self->revisions, i))->number == number)
      return (int) i;
  return -1;
}

/* ---- the differences ---------------------------------------------------------------------- */

static void
insert_chunks (GtkTextBuffer *buffer, const char *label, GPtrArray *chunks)
{
  GtkTextIter end;
  guint deleted = 0, inserted = 0;
  g_autofree char *heading = NULL;

  toa_word_diff_count (chunks, &deleted, &inserted);
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (gtk_text_iter_get_offset (&end) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  /* TRANSLATORS: a field of the article, then the words removed and added */
  heading = deleted + inserted > 0 ? g_strdup_printf (_("%s (−%u +%u words)"), label, deleted, inserted)
                                   : g_strdup_printf (_("%s (no change)"), label);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, heading, -1, "field", NULL);
  gtk_text_buffer_insert (buffer, &end, "\n", -1);
  for (guint i = 0; i < chunks->len; i++)
    {
      const ToaDiffChunk *chunk = g_ptr_array_index (chunks, i);
      const char *tag = chunk->op == TOA_DIFF_DELETED ? "deleted"
                        : chunk->op == TOA_DIFF_INSERTED ? "inserted" : NULL;

      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, chunk->text, -1, tag, NULL);
    }
}

/* "Nguyễn Văn A, Trần Thị B": who wrote the revisions after @from up to @to. */
static char *
authors_between (ToaRevisionsDialog *self, int from_index, int to_index)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  int lo = MIN (from_index, to_index) + 1, hi = MAX (from_index, to_index);

  for (int i = lo; i <= hi; i++)
    {
      const ToaRevision *revision = revision_at (self, i);
      const char *name = revision->author_name != NULL ? revision->author_name : "?";
      gboolean seen = FALSE;

      for (guint k = 0; k < names->len && !seen; k++)
        seen = g_strcmp0 (g_ptr_array_index (names, k), name) == 0;
      if (!seen)
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static void
show_differences (ToaRevisionsDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->diff_view);
  g_autoptr(GPtrArray) title = NULL;
  g_autoptr(GPtrArray) sapo = NULL;
  g_autoptr(GPtrArray) body = NULL;
  g_autoptr(GError) error = NULL;
  const ToaRevision *old_rev, *new_rev;
  int from_index = index_of (self, self->from), to_index = index_of (self, self->to);
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  g_autofree char *summary = NULL;

  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
  if (from_index < 0 || to_index < 0)
    {
      gtk_label_set_text (self->summary_label, _("Choose a revision in the list."));
      return;
    }
  old_rev = revision_at (self, from_index);
  new_rev = revision_at (self, to_index);
  if (!toa_revisions_diff (self->store, self->person, self->article_id, self->from, self->to,
                           &title, &sapo, &body, &error))
    {
      show_error (self, error->message);
      return;
    }

  when = toa_format_datetime (new_rev->created_at);
  if (from_index == to_index)
    summary = g_strdup_printf (_("Revision %d by %s, %s: the same revision on both sides."),
                               new_rev->number, new_rev->author_name, when);
  else if (to_index == from_index + 1)
    summary = g_strdup_printf (_("Revision %d by %s, %s — what it changed from revision %d:"),
                               new_rev->number, new_rev->author_name, when, old_rev->number);
  else
    {
      who = authors_between (self, from_index, to_index);
      summary = g_strdup_printf (_("From revision %d to revision %d, changed by %s:"),
                                 old_rev->number, new_rev->number, who);
    }
  if (new_rev->note != NULL && *new_rev->note != '\0')
    {
      g_autofree char *with_note = g_strdup_printf ("%s\n%s", summary, new_rev->note);

      g_free (summary);
      summary = g_steal_pointer (&with_note);
    }
  gtk_label_set_text (self->summary_label, summary);

  insert_chunks (buffer, _("Title"), title);
  insert_chunks (buffer, _("Sapo"), sapo);
  insert_chunks (buffer, _("Body"), body);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                            to_index != (int) self->revisions->len - 1);
}

char *
toa_revisions_dialog_get_marked_text (ToaRevisionsDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;
  GtkTextTag *deleted, *inserted;
  GtkTextIter iter, end;
  GString *out = g_string_new (NULL);
  int state = 0;   /* 0 plain, 1 deleted, 2 inserted */

  g_return_val_if_fail (TOA_IS_REVISIONS_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->diff_view);
  table = gtk_text_buffer_get_tag_table (buffer);
  deleted = gtk_text_tag_table_lookup (table, "deleted");
  inserted = gtk_text_tag_table_lookup (table, "inserted");
  gtk_text_buffer_get_bounds (buffer, &iter, &end);
  while (!gtk_text_iter_equal (&iter, &end))
    {
      int now = gtk_text_iter_has_tag (&iter, deleted) ? 1 : gtk_text_iter_has_tag (&iter, inserted) ? 2 : 0;
      char utf8[8] = { 0 };

      if (now != state)
        {
          g_string_append (out, state == 1 ? "-]" : state == 2 ? "+}" : "");
          g_string_append (out, now == 1 ? "[-" : now == 2 ? "{+" : "");
          state = now;
        }
      g_unichar_to_utf8 (gtk_text_iter_get_char (&iter), utf8);
      g_string_append (out, utf8);
      gtk_text_iter_forward_char (&iter);
    }
  g_string_append (out, state == 1 ? "-]" : state == 2 ? "+}" : "");
  return g_string_free (out, FALSE);
}

const char *
toa_revisions_dialog_get_summary (ToaRevisionsDialog *self)
{
  g_return_val_if_fail (TOA_IS_REVISIONS_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

const char *
toa_revisions_dialog_get_error (ToaRevisionsDialog *self)
{
  g_return_val_if_fail (TOA_IS_REVISIONS_DIALOG (self), NULL);
  return self->error;
}

/* ---- choosing ----------------------------------------------------------------------------- */

static void
select_numbers (ToaRevisionsDialog *self, int from, int to)
{
  int from_index = index_of (self, from), to_index = index_of (self, to);

  self->from = from;
  self->to = to;
  self->updating = TRUE;
  if (from_index >= 0)
    gtk_drop_down_set_selected (self->from_dropdown, from_index);
  if (to_index >= 0)
    {
      gtk_drop_down_set_selected (self->to_dropdown, to_index);
      gtk_list_box_select_row (self->revision_list, gtk_list_box_get_row_at_index (self->revision_list, to_index));
    }
  self->updating = FALSE;
  show_differences (self);
}

gboolean
toa_revisions_dialog_compare (ToaRevisionsDialog *self, int from, int to)
{
  g_return_val_if_fail (TOA_IS_REVISIONS_DIALOG (self), FALSE);

  if (index_of (self, from) < 0 || index_of (self, to) < 0)
    return FALSE;
  select_numbers (self, from, to);
  return TRUE;
}

/* A row chosen in the list: what that revision changed from the one before. */
static void
on_row_selected (ToaRevisionsDialog *self, GtkListBoxRow *row)
{
  int index;
  const ToaRevision *revision;

  if (self->updating || row == NULL)
    return;
  index = gtk_list_box_row_get_index (row);
  revision = revision_at (self, index);
  if (revision == NULL || revision->number == self->to)
    return;   /* already shown (the row regaining focus keeps what was compared) */
  select_numbers (self, index > 0 ? revision_at (self, index - 1)->number : revision->number,
                  revision->number);
}

static void
on_dropdown_changed (ToaRevisionsDialog *self)
{
  const ToaRevision *from, *to;

  if (self->updating)
    return;
  from = revision_at (self, gtk_drop_down_get_selected (self->from_dropdown));
  to = revision_at (self, gtk_drop_down_get_selected (self->to_dropdown));
  if (from != NULL && to != NULL)
    select_numbers (self, from->number, to->number);
}

/* ---- the list ----------------------------------------------------------------------------- */

static void
load (ToaRevisionsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->revision_list))) != NULL)
    gtk_list_box_remove (self->revision_list, child);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  self->revisions = toa_revisions_list (self->store, self->person, self->article_id, &error);
  if (self->revisions == NULL)
    {
      self->updating = FALSE;
      show_error (self, error->message);
      return;
    }

  for (guint i = 0; i < self->revisions->len; i++)
    {
      const ToaRevision *revision = g_ptr_array_index (self->revisions, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf (_("Revision %d — %s"), revision->number,
                                                revision->author_name != NULL ? revision->author_name : "?");
      g_autofree char *when = toa_format_datetime (revision->created_at);
      g_autofree char *subtitle = revision->note != NULL && *revision->note != '\0'
                                  ? g_strdup_printf ("%s · %s", when, revision->note) : g_strdup (when);
      g_autofree char *title_markup = g_markup_escape_text (title, -1);
      g_autofree char *subtitle_markup = g_markup_escape_text (subtitle, -1);
      g_autofree char *short_label = g_strdup_printf ("%d — %s", revision->number,
                                                      revision->author_name != NULL ? revision->author_name : "?");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_markup);
      gtk_list_box_append (self->revision_list, row);
      gtk_string_list_append (labels, short_label);
    }
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (labels));
  self->updating = FALSE;

  /* the newest revision and what it changed */
  if (self->revisions->len > 0)
    {
      guint last = self->revisions->len - 1;

      select_numbers (self, revision_at (self, last > 0 ? last - 1 : 0)->number,
                      revision_at (self, last)->number);
    }
  else
    show_differences (self);
}

guint
toa_revisions_dialog_get_n_revisions (ToaRevisionsDialog *self)
{
  g_return_val_if_fail (TOA_IS_REVISIONS_DIALOG (self), 0);
  return self->revisions != NULL ? self->revisions->len : 0;
}

/* ---- restore ------------------------------------------------------------------------------ */

static void
on_confirm_response (AdwMessageDialog *dialog, const char *response, ToaRevisionsDialog *self)
{
  g_autoptr(GError) error = NULL;
  int restored = self->to;
  int created;

  if (self->confirm == dialog)
    self->confirm = NULL;
  if (g_strcmp0 (response, "restore") != 0)
    return;

  created = toa_revisions_restore (self->store, self->person, self->article_id, restored,
                                   self->expected_version, &error);
  if (created == 0)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  if (self->expected_version != 0)
    {
      g_autoptr(ToaArticleFlow) flow = toa_store_article_flow_get (self->store, self->article_id, NULL);

      self->expected_version = flow != NULL ? flow->version : 0;
    }
  load (self);
  /* show the new revision against the one it restored: no difference */
  toa_revisions_dialog_compare (self, restored, created);
  g_signal_emit (self, signals[SIGNAL_RESTORED], 0, created);
}

AdwMessageDialog *
toa_revisions_dialog_ask_restore (ToaRevisionsDialog *self)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const ToaRevision *newest;
  GtkWidget *dialog;

  g_return_val_if_fail (TOA_IS_REVISIONS_DIALOG (self), NULL);

  if (index_of (self, self->to) < 0)
    return NULL;
  newest = revision_at (self, self->revisions->len - 1);
  heading = g_strdup_printf (_("Restore revision %d?"), self->to);
  body = g_strdup_printf (_("The article takes the title, sapo and body of revision %d again, saved as a new revision. "
                            "Nothing is lost: the current text stays in revision %d."),
                          self->to, newest->number);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  self->confirm = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
on_restore_clicked (ToaRevisionsDialog *self)
{
  toa_revisions_dialog_ask_restore (self);
}

/* ---- the object --------------------------------------------------------------------------- */

static void
toa_revisions_dialog_dispose (GObject *object)
{
  ToaRevisionsDialog *self = TOA_REVISIONS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_REVISIONS_DIALOG);
  G_OBJECT_CLASS (toa_revisions_dialog_parent_class)->dispose (object);
}

static void
toa_revisions_dialog_finalize (GObject *object)
{
  ToaRevisionsDialog *self = TOA_REVISIONS_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  g_free (self->error);
  G_OBJECT_CLASS (toa_revisions_dialog_parent_class)->finalize (object);
}

static void
toa_revisions_dialog_class_init (ToaRevisionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_revisions_dialog_dispose;
  object_class->finalize = toa_revisions_dialog_finalize;

  signals[SIGNAL_RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-revisions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, revision_list);
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ToaRevisionsDialog, diff_view);
  gtk_widget_class_bind_template_callback (widget_class, on_restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_changed);
}

static void
toa_revisions_dialog_init (ToaRevisionsDialog *self)
{
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  buffer = gtk_text_view_get_buffer (self->diff_view);
  gtk_text_buffer_create_tag (buffer, "field", "weight", PANGO_WEIGHT_BOLD, "scale", 1.1, NULL);
  gtk_text_buffer_create_tag (buffer, "deleted", "strikethrough", TRUE,
                              "foreground", "#a51d2d", "background", "rgba(224,27,36,0.15)", NULL);
  gtk_text_buffer_create_tag (buffer, "inserted", "underline", PANGO_UNDERLINE_SINGLE,
                              "foreground", "#1a5fb4", "background", "rgba(46,194,126,0.25)", NULL);
}

ToaRevisionsDialog *
toa_revisions_dialog_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                          gint64 article_id, gint64 expected_version)
{
  ToaRevisionsDialog *self;
  g_autoptr(ToaArticle) article = NULL;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);

  self = g_object_new (TOA_TYPE_REVISIONS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->person = person != NULL ? toa_person_copy (person) : NULL;
  self->article_id = article_id;
  self->expected_version = expected_version;
  article = toa_store_article_get (store, article_id, NULL);
  if (article != NULL)
    adw_window_title_set_subtitle (self->window_title, article->title);
  load (self);
  return self;
}
