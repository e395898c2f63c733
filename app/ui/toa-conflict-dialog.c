/* toa-conflict-dialog.c — the conflict view (see toa-conflict-dialog.h): my version and the
 * saved one side by side as plain text (title, sapo, paragraphs), the words only in mine
 * marked in the left pane, the words only in theirs in the right (toa_word_diff), and the three
 * choices. The merge itself is core's (toa_merge_html). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-conflict-dialog.h"
#include "toa-text.h"
#include "toa-word-diff.h"

struct _ToaConflictDialog {
  AdwWindow parent_instance;

  ToaArticle  *base;
  ToaArticle  *mine;
  ToaArticle  *theirs;
  GtkTextView *mine_view;
  GtkTextView *theirs_view;
  GtkLabel    *merge_label;
  gboolean     chosen;
};

G_DEFINE_FINAL_TYPE (ToaConflictDialog, toa_conflict_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The article as the person reads it: title, sapo, then the body's paragraphs. */
static char *
article_text (const ToaArticle *article)
{
  g_autofree char *body = toa_html_to_paragraphs (article->body_html != NULL ? article->body_html : "");

  return g_strdup_printf ("%s\n\n%s\n\n%s", article->title != NULL ? article->title : "",
                          article->sapo != NULL ? article->sapo : "", body != NULL ? body : "");
}

static void
fill_views (ToaConflictDialog *self)
{
  g_autofree char *mine = article_text (self->mine);
  g_autofree char *theirs = article_text (self->theirs);
  g_autoptr(GPtrArray) chunks = toa_word_diff (mine, theirs);
  GtkTextBuffer *left = gtk_text_view_get_buffer (self->mine_view);
  GtkTextBuffer *right = gtk_text_view_get_buffer (self->theirs_view);
  GtkTextIter end;

  gtk_text_buffer_create_tag (left, "only", "background", "#f6d3d0", "foreground", "#a51d2d", NULL);
  gtk_text_buffer_create_tag (right, "only", "background", "#d3f1d9", "foreground", "#26734d", NULL);
  for (guint i = 0; chunks != NULL && i < chunks->len; i++)
    {
      const ToaDiffChunk *chunk = g_ptr_array_index (chunks, i);

      if (chunk->op != TOA_DIFF_INSERTED)
        {
          gtk_text_buffer_get_end_iter (left, &end);
          if (chunk->op == TOA_DIFF_DELETED)
            gtk_text_buffer_insert_with_tags_by_name (left, &end, chunk->text, -1, "only", NULL);
          else
            gtk_text_buffer_insert (left, &end, chunk->text, -1);
        }
      if (chunk->op != TOA_DIFF_DELETED)
        {
          gtk_text_buffer_get_end_iter (right, &end);
          if (chunk->op == TOA_DIFF_INSERTED)
            gtk_text_buffer_insert_with_tags_by_name (right, &end, chunk->text, -1, "only", NULL);
          else
            gtk_text_buffer_insert (right, &end, chunk->text, -1);
        }
    }
  if (chunks == NULL)
    {
      gtk_text_buffer_set_text (left, mine, -1);
      gtk_text_buffer_set_text (right, theirs, -1);
    }
}

char *
toa_conflict_dialog_body_for (ToaConflictDialog *self, ToaConflictChoice choice, guint *conflicts)
{
  g_return_val_if_fail (TOA_IS_CONFLICT_DIALOG (self), NULL);

  if (conflicts != NULL)
    *conflicts = 0;
  switch (choice)
    {
    case TOA_CONFLICT_KEEP_MINE:
      return g_strdup (self->mine->body_html != NULL ? self->mine->body_html : "");
    case TOA_CONFLICT_TAKE_THEIRS:
      return g_strdup (self->theirs->body_html != NULL ? self->theirs->body_html : "");
    case TOA_CONFLICT_MERGE:
    default:
      return toa_merge_html (self->base != NULL ? self->base->body_html : NULL,
                             self->mine->body_html != NULL ? self->mine->body_html : "",
                             self->theirs->body_html != NULL ? self->theirs->body_html : "",
                             conflicts);
    }
}

void
toa_conflict_dialog_choose (ToaConflictDialog *self, ToaConflictChoice choice)
{
  g_autofree char *body = NULL;

  g_return_if_fail (TOA_IS_CONFLICT_DIALOG (self));

  body = toa_conflict_dialog_body_for (self, choice, NULL);
  self->chosen = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, (int) choice, body);
  gtk_window_destroy (GTK_WINDOW (self));
}

GtkTextView *
toa_conflict_dialog_get_view (ToaConflictDialog *self, gboolean theirs)
{
  g_return_val_if_fail (TOA_IS_CONFLICT_DIALOG (self), NULL);
  return theirs ? self->theirs_view : self->mine_view;
}

static void on_keep_mine (ToaConflictDialog *self) { toa_conflict_dialog_choose (self, TOA_CONFLICT_KEEP_MINE); }
static void on_take_theirs (ToaConflictDialog *self) { toa_conflict_dialog_choose (self, TOA_CONFLICT_TAKE_THEIRS); }
static void on_merge (ToaConflictDialog *self) { toa_conflict_dialog_choose (self, TOA_CONFLICT_MERGE); }

/* ---- the widget ------------------------------------------------------------------------------ */

static GtkWidget *
pane (const char *heading, const char *subtitle, GtkTextView **view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *sub = gtk_label_new (subtitle);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_text_view_set_editable (GTK_TEXT_VIEW (text), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 8);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_box_append (GTK_BOX (box), scrolled);
  *view = GTK_TEXT_VIEW (text);
  return box;
}

static void
toa_conflict_dialog_finalize (GObject *object)
{
  ToaConflictDialog *self = TOA_CONFLICT_DIALOG (object);

  g_clear_object (&self->base);
  g_clear_object (&self->mine);
  g_clear_object (&self->theirs);
  G_OBJECT_CLASS (toa_conflict_dialog_parent_class)->finalize (object);
}

static void
toa_conflict_dialog_class_init (ToaConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = toa_conflict_dialog_finalize;
  /* "chosen" (int ToaConflictChoice, const char *body_html) */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
toa_conflict_dialog_init (ToaConflictDialog *self)
{
}

GtkWindow *
toa_conflict_dialog_new (GtkWindow *parent, ToaArticle *base, ToaArticle *mine, ToaArticle *theirs,
                         const char *theirs_by)
{
  ToaConflictDialog *self;
  GtkWidget *box, *header, *intro, *panes, *buttons, *button;
  g_autofree char *mine_sub = NULL;
  g_autofree char *theirs_sub = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (TOA_IS_ARTICLE (mine) && TOA_IS_ARTICLE (theirs), NULL);

  self = g_object_new (TOA_TYPE_CONFLICT_DIALOG, "transient-for", parent, "modal", TRUE,
                       "default-width", 1000, "default-height", 680,
                       "title", _("Someone saved this article first"), NULL);
  self->base = base != NULL ? g_object_ref (base) : NULL;
  self->mine = g_object_ref (mine);
  self->theirs = g_object_ref (theirs);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  when = toa_format_datetime (theirs->updated_at);
  intro = gtk_label_new (NULL);
  {
    /* Translators: a person's name, a version number, a date and time */
    g_autofree char *text = g_strdup_printf (_("%s saved version %lld at %s while you were editing. "
                                               "Compare the two, then keep yours, take theirs or merge "
                                               "them. Your text stays in the editor until you choose."),
                                             theirs_by != NULL && *theirs_by != '\0' ? theirs_by : _("Someone"),
                                             (long long) theirs->version, when);
    gtk_label_set_text (GTK_LABEL (intro), text);
  }
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_set_margin_start (intro, 18);
  gtk_widget_set_margin_end (intro, 18);
  gtk_widget_set_margin_top (intro, 12);
  gtk_box_append (GTK_BOX (box), intro);

  panes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (panes, 18);
  gtk_widget_set_margin_end (panes, 18);
  gtk_widget_set_margin_top (panes, 12);
  gtk_widget_set_vexpand (panes, TRUE);
  /* Translators: %lld is the version the person started from */
  mine_sub = g_strdup_printf (_("Started from version %lld; words only in yours are marked"),
                              (long long) mine->version);
  /* Translators: %lld is the saved version's number */
  theirs_sub = g_strdup_printf (_("Version %lld; words only in theirs are marked"), (long long) theirs->version);
  gtk_box_append (GTK_BOX (panes), pane (_("Your version"), mine_sub, &self->mine_view));
  gtk_box_append (GTK_BOX (panes), pane (_("The saved version"), theirs_sub, &self->theirs_view));
  gtk_box_append (GTK_BOX (box), panes);

  self->merge_label = GTK_LABEL (gtk_label_new (NULL));
  {
    guint conflicts = 0;
    g_autofree char *merged = toa_conflict_dialog_body_for (self, TOA_CONFLICT_MERGE, &conflicts);
    g_autofree char *text = conflicts == 0
      ? g_strdup (_("Merging takes every paragraph changed on one side only; no paragraph was changed on both."))
      /* Translators: %u is a number of paragraphs */
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Merging keeps %u paragraph changed on both sides twice (yours, then theirs): read it before saving.",
                                      "Merging keeps %u paragraphs changed on both sides twice (yours, then theirs): read them before saving.",
                                      conflicts), conflicts);
    gtk_label_set_text (self->merge_label, text);
  }
  gtk_label_set_wrap (self->merge_label, TRUE);
  gtk_label_set_xalign (self->merge_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->merge_label), "dim-label");
  gtk_widget_set_margin_start (GTK_WIDGET (self->merge_label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self->merge_label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self->merge_label), 8);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->merge_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_start (buttons, 18);
  gtk_widget_set_margin_end (buttons, 18);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_margin_bottom (buttons, 18);
  button = gtk_button_new_with_mnemonic (_("_Take Theirs"));
  gtk_widget_set_name (button, "take-theirs");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_take_theirs), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Keep Mine"));
  gtk_widget_set_name (button, "keep-mine");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_keep_mine), self);
  gtk_box_append (GTK_BOX (buttons), button);
  button = gtk_button_new_with_mnemonic (_("_Merge"));
  gtk_widget_set_name (button, "merge");
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_merge), self);
  gtk_box_append (GTK_BOX (buttons), button);
  gtk_box_append (GTK_BOX (box), buttons);

  adw_window_set_content (ADW_WINDOW (self), box);
  fill_views (self);
  return GTK_WINDOW (self);
}
