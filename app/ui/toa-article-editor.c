/* toa-article-editor.c — the article editor window (see toa-article-editor.h): loading, the
 * toolbar bound to the editor view, autosave to the draft journal and recovery, saving with the
 * conflict view and outages, preview, print, export, find and replace. The side panel is
 * toa-article-editor-fields.c, images toa-article-editor-image.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "toa-article-editor-private.h"
#include "toa-articles.h"
#include "toa-conflict-dialog.h"
#include "toa-error.h"
#include "toa-load-stack.h"
#include "toa-prepublish.h"
#include "toa-preview.h"
#include "toa-revisions-dialog.h"
#include "toa-text.h"
#include "toa-uri-scheme.h"

/* A change is recorded AUTOSAVE_MS after it (a timer further typing does not restart). The
 * page pushes its body at most ~300 ms after a change even while typing goes on, so what is
 * typed reaches the journal within ~1 s. The page serialises the body in its own process;
 * here it is one string compare and, when it changed, one record handed to the journal's
 * thread. */
#define AUTOSAVE_MS 700
#define CHECK_DELAY_MS 600

G_DEFINE_FINAL_TYPE (ToaArticleEditor, toa_article_editor, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_READY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- messages ------------------------------------------------------------------------------- */

void
toa_article_editor_show_message (ToaArticleEditor *self, const char *message, gboolean error)
{
  g_free (self->message);
  self->message = g_strdup (message);
  if (error)
    {
      gtk_label_set_text (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

const char *
toa_article_editor_get_message (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), NULL);
  return self->message;
}

/* ---- the article as typed ----------------------------------------------------------------- */

static const char *
current_html (ToaArticleEditor *self)
{
  if (!self->ready && self->pending_html != NULL)
    return self->pending_html;
  return self->body_html != NULL ? self->body_html : toa_editor_view_get_html (self->editor_view);
}

/* The body as the editor now has it (after set_html, a restore or a merge). */
void
toa_article_editor_body_is (ToaArticleEditor *self, const char *html)
{
  g_free (self->body_html);
  self->body_html = g_strdup (html);
}

ToaArticle *
toa_article_editor_get_article (ToaArticleEditor *self)
{
  ToaArticle *article;

  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), NULL);

  article = toa_article_copy (self->base);
  toa_article_editor_read_fields (self, article);
  g_free (article->body_html);
  article->body_html = g_strdup (current_html (self));
  return article;
}

static void
show_counts (ToaArticleEditor *self)
{
  guint words = toa_editor_view_get_word_count (self->editor_view);
  guint chars = toa_editor_view_get_char_count (self->editor_view);
  g_autofree char *w = toa_format_number (words);
  g_autofree char *c = toa_format_number (chars);
  /* Translators: the body's word and character counts */
  g_autofree char *text = g_strdup_printf (_("%s words · %s characters"), w, c);

  gtk_label_set_text (self->counts_label, text);
}

/* ---- autosave ------------------------------------------------------------------------------ */

guint
toa_article_editor_record_draft (ToaArticleEditor *self)
{
  g_autoptr(ToaArticle) article = NULL;

  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), 0);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (!self->loaded)
    return self->drafts_recorded;   /* nothing of the article yet: a draft would lose it */
  article = toa_article_editor_get_article (self);
  article->id = self->article_id;
  article->version = self->base->version;
  toa_draft_journal_record (self->journal, article, g_get_real_time ());
  return ++self->drafts_recorded;
}

static gboolean
on_autosave_due (gpointer data)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (data);

  self->autosave_id = 0;
  if (self->dirty)
    toa_article_editor_record_draft (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_check_due (gpointer data)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (data);
  g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

  self->check_id = 0;
  toa_article_editor_show_checks (self, article);
  if (gtk_widget_get_visible (GTK_WIDGET (self->preview_box)))
    toa_preview_view_set_article (self->preview_view, article);
  return G_SOURCE_REMOVE;
}

void
toa_article_editor_changed (ToaArticleEditor *self)
{
  if (self->filling || !self->loaded)
    return;   /* nothing typed yet: the article is still being read */
  self->dirty = TRUE;
  if (self->writing)
    self->changed_while_writing = TRUE;
  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add (AUTOSAVE_MS, on_autosave_due, self);
  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, on_check_due, self);
}

static void
on_body_changed (ToaArticleEditor *self)
{
  show_counts (self);
  toa_article_editor_body_is (self, toa_editor_view_get_html (self->editor_view));
  if (g_strcmp0 (self->body_html, self->clean_html) != 0)
    toa_article_editor_changed (self);
}

/* ---- the toolbar --------------------------------------------------------------------------- */

static void
on_format_clicked (GtkButton *button, ToaArticleEditor *self)
{
  const char *command = g_object_get_data (G_OBJECT (button), "command");

  if (GTK_IS_TOGGLE_BUTTON (button) && g_object_get_data (G_OBJECT (button), "syncing") != NULL)
    return;
  if (g_strcmp0 (command, "table-insert") == 0)
    toa_editor_view_run (self->editor_view, command, "3x3");
  else
    toa_editor_view_run (self->editor_view, command, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->editor_view));
}

static void
on_link_response (GtkEntry *entry, ToaArticleEditor *self)
{
  GtkPopover *popover = g_object_get_data (G_OBJECT (entry), "popover");
  const char *url = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*url == '\0')
    toa_editor_view_run (self->editor_view, "unlink", NULL);
  else if (!toa_editor_view_run (self->editor_view, "link", url))
    {
      toa_article_editor_show_message (self, _("Only http, https, mailto and tel links are allowed."), FALSE);
      return;
    }
  gtk_popover_popdown (popover);
}

static void
on_link_requested (ToaArticleEditor *self)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (g_object_get_data (G_OBJECT (self), "link-button")));
}

static void
on_link_popover_shown (GtkPopover *popover, ToaArticleEditor *self)
{
  GtkEntry *entry = g_object_get_data (G_OBJECT (popover), "entry");
  const ToaEditorState *state = toa_editor_view_get_state (self->editor_view);

  gtk_editable_set_text (GTK_EDITABLE (entry), state != NULL && state->link_href != NULL ? state->link_href : "");
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static GtkWidget *
tool (ToaArticleEditor *self, const char *command, const char *icon, const char *label,
      const char *tooltip, gboolean toggle)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  if (icon != NULL)
    gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  else
    gtk_button_set_label (GTK_BUTTON (button), label);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, command);
  g_object_set_data_full (G_OBJECT (button), "command", g_strdup (command), g_free);
  g_signal_connect (button, toggle ? "toggled" : "clicked", G_CALLBACK (on_format_clicked), self);
  gtk_box_append (self->toolbar_box, button);
  g_hash_table_insert (self->format_buttons, (gpointer) g_intern_string (command), button);
  return button;
}

static void
separator (ToaArticleEditor *self)
{
  GtkWidget *sep = gtk_separator_new (GTK_ORIENTATION_VERTICAL);

  gtk_widget_set_margin_start (sep, 4);
  gtk_widget_set_margin_end (sep, 4);
  gtk_box_append (self->toolbar_box, sep);
}

static void
build_toolbar (ToaArticleEditor *self)
{
  GtkWidget *link, *popover, *box, *hint, *entry, *image, *table;
  GMenu *menu;

  tool (self, "undo", "edit-undo-symbolic", NULL, _("Undo (Ctrl+Z)"), FALSE);
  tool (self, "redo", "edit-redo-symbolic", NULL, _("Redo (Ctrl+Shift+Z)"), FALSE);
  separator (self);
  tool (self, "paragraph", NULL, _("¶"), _("Paragraph"), TRUE);
  tool (self, "heading-2", NULL, "H2", _("Heading 2"), TRUE);
  tool (self, "heading-3", NULL, "H3", _("Heading 3"), TRUE);
  tool (self, "heading-4", NULL, "H4", _("Heading 4"), TRUE);
  separator (self);
  tool (self, "bold", "format-text-bold-symbolic", NULL, _("Bold (Ctrl+B)"), TRUE);
  tool (self, "italic", "format-text-italic-symbolic", NULL, _("Italic (Ctrl+I)"), TRUE);
  tool (self, "underline", "format-text-underline-symbolic", NULL, _("Underline (Ctrl+U)"), TRUE);
  tool (self, "clear-format", "edit-clear-symbolic", NULL, _("Clear formatting"), FALSE);
  separator (self);
  tool (self, "bulleted-list", "view-list-bullet-symbolic", NULL, _("Bulleted list"), TRUE);
  tool (self, "numbered-list", "view-list-ordered-symbolic", NULL, _("Numbered list"), TRUE);
  tool (self, "quote", "format-indent-more-symbolic", NULL, _("Quote"), TRUE);
  separator (self);

  link = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (link), "insert-link-symbolic");
  gtk_widget_set_tooltip_text (link, _("Link (Ctrl+K): http, https, mailto or tel"));
  gtk_widget_add_css_class (link, "flat");
  gtk_widget_set_name (link, "link");
  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  hint = gtk_label_new (_("Link Address"));
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "heading");
  gtk_box_append (GTK_BOX (box), hint);
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "link-address");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 36);
  g_object_set_data (G_OBJECT (entry), "popover", popover);
  g_object_set_data (G_OBJECT (popover), "entry", entry);
  g_signal_connect (entry, "activate", G_CALLBACK (on_link_response), self);
  gtk_box_append (GTK_BOX (box), entry);
  hint = gtk_label_new (_("Press Enter to apply. An empty address removes the link."));
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect (popover, "show", G_CALLBACK (on_link_popover_shown), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (link), popover);
  gtk_box_append (self->toolbar_box, link);
  g_object_set_data (G_OBJECT (self), "link-button", link);

  image = gtk_button_new_from_icon_name ("insert-image-symbolic");
  gtk_widget_set_tooltip_text (image, _("Insert an image from a file"));
  gtk_widget_add_css_class (image, "flat");
  gtk_widget_set_name (image, "image");
  g_signal_connect_swapped (image, "clicked", G_CALLBACK (toa_article_editor_choose_image), self);
  gtk_box_append (self->toolbar_box, image);

  menu = g_menu_new ();
  g_menu_append (menu, _("Insert a 3 × 3 table"), "editor-window.format::table-insert");
  g_menu_append (menu, _("Add a row"), "editor-window.table-row-add");
  g_menu_append (menu, _("Remove the row"), "editor-window.table-row-remove");
  g_menu_append (menu, _("Add a column"), "editor-window.table-column-add");
  g_menu_append (menu, _("Remove the column"), "editor-window.table-column-remove");
  table = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (table), "view-grid-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (table), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (table, _("Table: insert one, or add and remove rows and columns"));
  gtk_widget_set_name (table, "table");
  gtk_widget_add_css_class (table, "flat");
  gtk_box_append (self->toolbar_box, table);
  g_object_unref (menu);
  tool (self, "rule", "list-remove-symbolic", NULL, _("Horizontal rule"), FALSE);
}

static void
format_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (widget);
  const char *command = g_variant_get_string (parameter, NULL);

  toa_editor_view_run (self->editor_view, command,
                       g_strcmp0 (command, "table-insert") == 0 ? "3x3" : NULL);
}

/* The table menu's row and column commands: enabled while the caret is in a table. */
static const char *const table_commands[] = {
  "table-row-add", "table-row-remove", "table-column-add", "table-column-remove",
};

static void
table_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (widget);

  toa_editor_view_run (self->editor_view, strchr (action_name, '.') + 1, NULL);
}

static void
enable_table_actions (ToaArticleEditor *self, gboolean in_table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_commands); i++)
    {
      g_autofree char *name = g_strconcat ("editor-window.", table_commands[i], NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), name, in_table);
    }
}

/* The toolbar shows the formatting at the caret, as the page pushed it. */
static void
on_state_changed (ToaArticleEditor *self)
{
  const ToaEditorState *state = toa_editor_view_get_state (self->editor_view);
  struct { const char *command; gboolean active; } toggles[] = {
    { "bold", state->bold }, { "italic", state->italic }, { "underline", state->underline },
    { "paragraph", g_strcmp0 (state->block, "p") == 0 },
    { "heading-2", g_strcmp0 (state->block, "h2") == 0 },
    { "heading-3", g_strcmp0 (state->block, "h3") == 0 },
    { "heading-4", g_strcmp0 (state->block, "h4") == 0 },
    { "bulleted-list", g_strcmp0 (state->block, "ul") == 0 },
    { "numbered-list", g_strcmp0 (state->block, "ol") == 0 },
    { "quote", g_strcmp0 (state->block, "blockquote") == 0 },
  };

  if (state == NULL)
    return;
  /* The page pushes its state after every document it is given (set_html, a restore, a
   * merge), which emits no "changed": the counts follow here too. */
  show_counts (self);
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    {
      GtkWidget *button = g_hash_table_lookup (self->format_buttons, toggles[i].command);

      g_object_set_data (G_OBJECT (button), "syncing", GINT_TO_POINTER (1));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), toggles[i].active);
      g_object_set_data (G_OBJECT (button), "syncing", NULL);
    }
  gtk_widget_set_sensitive (g_hash_table_lookup (self->format_buttons, "undo"), state->can_undo);
  gtk_widget_set_sensitive (g_hash_table_lookup (self->format_buttons, "redo"), state->can_redo);
  enable_table_actions (self, state->in_table);
}

/* ---- loading and recovery ------------------------------------------------------------------ */

void
toa_article_editor_set_body (ToaArticleEditor *self, const char *html)
{
  g_free (self->clean_html);
  self->clean_html = g_strdup (html != NULL ? html : "");
  toa_article_editor_body_is (self, self->clean_html);
  if (self->ready)
    toa_editor_view_set_html (self->editor_view, self->clean_html);
  else
    {
      g_free (self->pending_html);
      self->pending_html = g_strdup (self->clean_html);
    }
}

void
toa_article_editor_fill (ToaArticleEditor *self, const ToaArticle *article)
{
  self->filling = TRUE;
  toa_article_editor_fill_fields (self, article);
  self->filling = FALSE;
}

static void
offer_recovery (ToaArticleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) draft = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  gint64 at = 0;

  draft = toa_draft_journal_read (self->journal, self->article_id, &at, &error);
  if (draft == NULL)
    {
      if (error != NULL)
        toa_article_editor_show_message (self, error->message, TRUE);
      return;
    }
  /* Nothing to offer when the draft is what was saved. */
  if (self->article_id != 0 && g_strcmp0 (draft->title, self->base->title) == 0
      && g_strcmp0 (draft->sapo, self->base->sapo) == 0
      && g_strcmp0 (draft->body_html, self->base->body_html) == 0)
    {
      toa_draft_journal_discard (self->journal, self->article_id);
      return;
    }
  when = toa_format_datetime (at);
  /* Translators: %s is a date and time */
  text = g_strdup_printf (_("Text typed here on %s was not saved (the program was closed or stopped). "
                            "Restore it to go on where you left off, or discard it."), when);
  gtk_label_set_text (self->recovery_label, text);
  self->recovered = g_steal_pointer (&draft);
  gtk_revealer_set_reveal_child (self->recovery_revealer, TRUE);
}

gboolean
toa_article_editor_recovery_offered (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), FALSE);
  return self->recovered != NULL;
}

void
toa_article_editor_restore_draft (ToaArticleEditor *self)
{
  g_autoptr(ToaArticle) draft = NULL;

  g_return_if_fail (TOA_IS_ARTICLE_EDITOR (self));
  if (self->recovered == NULL)
    return;
  draft = g_steal_pointer (&self->recovered);
  gtk_revealer_set_reveal_child (self->recovery_revealer, FALSE);
  toa_article_editor_fill (self, draft);
  /* The draft names the version it started from: saving it over a newer one is a conflict. */
  if (draft->version > 0 && draft->version != self->base->version && self->article_id != 0)
    self->base->version = draft->version;
  g_free (self->clean_html);
  self->clean_html = NULL;   /* differs from what is saved */
  toa_article_editor_body_is (self, draft->body_html != NULL ? draft->body_html : "");
  if (self->ready)
    toa_editor_view_set_html (self->editor_view, draft->body_html != NULL ? draft->body_html : "");
  else
    {
      g_free (self->pending_html);
      self->pending_html = g_strdup (draft->body_html != NULL ? draft->body_html : "");
    }
  self->dirty = TRUE;
  toa_article_editor_changed (self);
  toa_article_editor_show_message (self, _("The unsaved text is back. Save it when you are ready."), FALSE);
}

static void
on_recovery_restore (ToaArticleEditor *self)
{
  toa_article_editor_restore_draft (self);
}

static void
on_recovery_discard (ToaArticleEditor *self)
{
  g_clear_object (&self->recovered);
  gtk_revealer_set_reveal_child (self->recovery_revealer, FALSE);
  toa_draft_journal_discard (self->journal, self->article_id);
}

static void
on_editor_ready (ToaArticleEditor *self)
{
  if (!toa_editor_view_get_ready (self->editor_view) || !self->loaded || self->ready)
    return;
  self->ready = TRUE;
  if (self->pending_html != NULL)
    toa_editor_view_set_html (self->editor_view, self->pending_html);
  g_clear_pointer (&self->pending_html, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

gboolean
toa_article_editor_get_ready (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), FALSE);
  return self->ready;
}

static gint64
first_writable_site (ToaArticleEditor *self)
{
  for (guint i = 0; self->person->roles != NULL && i < self->person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (self->person->roles, ToaRoleGrant, i);

      if (toa_person_may_write_articles (self->person, grant->site_id))
        return grant->site_id;
    }
  return 0;
}

/* ---- opening: the article and the side panel's lists read in the background reader --------- */

typedef struct {
  ToaPerson  *person;       /* a copy, for the right to edit */
  gint64      article_id;   /* 0: a new article */
  gint64      site_id;      /* a new article's site (the first the person may write on) */
  ToaArticle *article;
  GError     *edit_error;   /* why the person may not edit it (the window still opens) */
  int         title_max;
  GPtrArray  *sections, *genres, *units, *info_kinds, *people;
} EditorLoad;

static void
editor_load_free (EditorLoad *load)
{
  g_clear_pointer (&load->person, toa_person_free);
  g_clear_object (&load->article);
  g_clear_error (&load->edit_error);
  g_clear_pointer (&load->sections, g_ptr_array_unref);
  g_clear_pointer (&load->genres, g_ptr_array_unref);
  g_clear_pointer (&load->units, g_ptr_array_unref);
  g_clear_pointer (&load->info_kinds, g_ptr_array_unref);
  g_clear_pointer (&load->people, g_ptr_array_unref);
  g_free (load);
}

/* In the reader's worker (or at once on the window's store without a location). */
static gboolean
editor_load_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  EditorLoad *load = data;

  if (load->article_id != 0)
    {
      if ((load->article = toa_store_article_get (store, load->article_id, error)) == NULL)
        return FALSE;
      /* what is typed is still recorded; core refuses the save and says why */
      toa_articles_may_edit (store, load->person, load->article_id, &load->edit_error);
      load->site_id = load->article->site_id;
    }
  load->title_max = MAX (toa_prepublish_title_max (store, NULL), 0);
  load->sections = toa_store_section_list (store, load->site_id, NULL);
  load->genres = toa_store_genre_list (store, NULL);
  load->units = toa_store_unit_list (store, NULL);
  load->info_kinds = toa_store_info_kind_list (store, NULL);
  load->people = toa_store_person_list (store, NULL);
  return TRUE;
}

static void
set_loading (ToaArticleEditor *self, gboolean loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  /* nothing to save, print or search until the article is in */
  gtk_widget_set_sensitive (GTK_WIDGET (self->toolbar_box), self->loaded);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), self->loaded);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->loaded);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), self->loaded);
  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), self->loaded);
  if (!self->loaded)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->revisions_button), FALSE);
    }
}

static void
show_loaded (ToaArticleEditor *self, EditorLoad *load)
{
  ToaArticle *article;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), load->edit_error == NULL);
  if (load->edit_error != NULL)
    toa_article_editor_show_message (self, load->edit_error->message, TRUE);
  if (load->article != NULL)
    article = g_steal_pointer (&load->article);
  else
    {
      article = toa_article_new ();
      article->site_id = load->site_id;
      article->language = g_strdup ("vi");
      toa_article_add_author (article, self->person->id, self->person->full_name, "author", 10000);
    }
  g_clear_object (&self->base);
  self->base = article;
  self->title_max = load->title_max;
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->genres, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->info_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->sections = g_steal_pointer (&load->sections);
  self->genres = g_steal_pointer (&load->genres);
  self->units = g_steal_pointer (&load->units);
  self->info_kinds = g_steal_pointer (&load->info_kinds);
  self->people = g_steal_pointer (&load->people);
  toa_article_editor_show_choices (self);
  toa_article_editor_fill (self, article);
  toa_article_editor_set_body (self, article->body_html);
  self->loaded = TRUE;
  set_loading (self, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->revisions_button), self->article_id != 0);
  gtk_stack_set_visible_child_name (self->load_stack, "content");
  offer_recovery (self);
  {
    g_autoptr(ToaArticle) now = toa_article_editor_get_article (self);
    toa_article_editor_show_checks (self, now);
  }
  show_counts (self);
  on_editor_ready (self);   /* ready once both the page and the article are in */
}

/* On the main thread: the article read, or why it could not be. */
static void
editor_load_done (gpointer owner, gpointer data, const GError *error)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (owner);

  if (error != NULL)
    {
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->load_stack, "failed");
      set_loading (self, FALSE);
      return;
    }
  show_loaded (self, data);
}

static void
load (ToaArticleEditor *self)
{
  EditorLoad *job = g_new0 (EditorLoad, 1);

  job->person = toa_person_copy (self->person);
  job->article_id = self->article_id;
  job->site_id = self->article_id == 0 ? first_writable_site (self) : 0;
  gtk_stack_set_visible_child_name (self->load_stack, "loading");
  set_loading (self, TRUE);
  toa_background_reader_run (self->reader, self->lane, editor_load_run, editor_load_done, self, self->cancellable,
                             job, (GDestroyNotify) editor_load_free);
}

/* The window that lent the reader may cancel everything in flight: the opening read dropped
 * that way is asked for again, once the reader has delivered what it had. */
static gboolean
on_reader_settled (gpointer data)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (data);

  self->settle_id = 0;
  if (self->loading && toa_background_reader_get_pending (self->reader) == 0)
    load (self);
  return G_SOURCE_REMOVE;
}

static void
on_reader_pending (ToaArticleEditor *self)
{
  if (self->loading && self->settle_id == 0 && toa_background_reader_get_pending (self->reader) == 0)
    self->settle_id = g_idle_add_full (G_PRIORITY_DEFAULT, on_reader_settled, self, NULL);   /* not starved by painting */
}

/* "Try Again" when the article could not be read. */
static void
on_try_again (ToaArticleEditor *self)
{
  load (self);
}

gboolean
toa_article_editor_is_loading (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), FALSE);
  return self->loading;
}

/* The editing area goes in a stack: a spinner while the article is read, the reason with
 * "Try Again" when it could not be, the editor. */
static void
build_load_stack (ToaArticleEditor *self)
{
  ToaLoadStack pages;

  toa_load_stack_build (&pages, self->toast_overlay, _("Opening the Article…"), _("The Article Could Not Be Read"),
                        _("Read the article again"), G_CALLBACK (on_try_again), self);
  self->load_stack = pages.stack;
  self->loading_spinner = pages.spinner;
  self->failed_page = pages.failed_page;
  self->retry_button = pages.retry_button;
}

void
toa_article_editor_emit_saved (ToaArticleEditor *self, gint64 article_id)
{
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, article_id);
}

/* ---- preview, print, export, revisions ------------------------------------------------------ */

static void
on_preview_toggled (ToaArticleEditor *self)
{
  gboolean on = gtk_toggle_button_get_active (self->preview_button);

  gtk_widget_set_visible (GTK_WIDGET (self->preview_box), on);
  if (on)
    {
      g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);
      toa_preview_view_set_article (self->preview_view, article);
    }
}

static void
on_width_toggled (ToaArticleEditor *self)
{
  toa_preview_view_set_width (self->preview_view,
                              gtk_toggle_button_get_active (self->desktop_button) ? "desktop" : "phone");
}

static void
on_print_clicked (ToaArticleEditor *self)
{
  g_autoptr(ToaArticle) article = toa_article_editor_get_article (self);

  toa_preview_view_set_article (self->preview_view, article);
  toa_preview_view_print (self->preview_view, GTK_WINDOW (self));
}

static void
on_export_response (GtkNativeDialog *chooser, int response, ToaArticleEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      if (toa_article_editor_export_html (self, path, &error))
        toa_article_editor_show_message (self, _("Exported"), FALSE);
      else
        toa_article_editor_show_message (self, error->message, TRUE);
    }
  g_object_unref (chooser);
}

gboolean
toa_article_editor_export_html (ToaArticleEditor *self, const char *path, GError **error)
{
  g_autoptr(ToaArticle) article = NULL;

  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  article = toa_article_editor_get_article (self);
  return toa_preview_export_html (self->store, article, NULL, path, error);
}

static void
on_export_clicked (ToaArticleEditor *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export as HTML"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                                               _("_Export"), _("_Cancel"));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *name = g_strdup_printf ("%s.html", *title != '\0' ? title : "tin-bai");

  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A restore makes a new revision: the editor shows it (what was typed and not saved stays in
 * the journal, offered again on the next open). */
static void
on_revision_restored (ToaArticleEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ToaArticle) article = toa_store_article_get (self->store, self->article_id, &error);

  if (article == NULL)
    {
      toa_article_editor_show_message (self, error->message, TRUE);
      return;
    }
  if (self->dirty)
    {
      toa_article_editor_record_draft (self);
      toa_draft_journal_flush (self->journal);
    }
  g_clear_object (&self->base);
  self->base = toa_article_copy (article);
  toa_article_editor_fill (self, article);
  toa_article_editor_set_body (self, article->body_html);
  self->dirty = FALSE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  toa_article_editor_show_message (self, _("The revision was restored as a new version."), FALSE);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, article->id);
}

static void
on_revisions_clicked (ToaArticleEditor *self)
{
  ToaRevisionsDialog *dialog;

  if (self->article_id == 0)
    return;
  dialog = toa_revisions_dialog_new (GTK_WINDOW (self), self->store, self->person, self->article_id,
                                     self->base->version);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (on_revision_restored), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- find and replace --------------------------------------------------------------------- */

static void
on_find_next (ToaArticleEditor *self)
{
  toa_editor_view_find (self->editor_view, gtk_editable_get_text (GTK_EDITABLE (self->find_entry)), FALSE);
}

static void
on_find_previous (ToaArticleEditor *self)
{
  toa_editor_view_find (self->editor_view, gtk_editable_get_text (GTK_EDITABLE (self->find_entry)), TRUE);
}

static void
on_replace (ToaArticleEditor *self)
{
  toa_editor_view_replace (self->editor_view, gtk_editable_get_text (GTK_EDITABLE (self->find_entry)),
                           gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)));
}

static void
on_replaced_all (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(ToaArticleEditor) self = data;
  g_autoptr(GError) error = NULL;
  guint n = toa_editor_view_replace_all_finish (TOA_EDITOR_VIEW (source), result, &error);
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toa_article_editor_show_message (self, error->message, TRUE);
      return;
    }
  /* Translators: %u is a number of replacements */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Replaced %u time", "Replaced %u times", n), n);
  toa_article_editor_show_message (self, text, FALSE);
}

static void
on_replace_all (ToaArticleEditor *self)
{
  toa_editor_view_replace_all (self->editor_view, gtk_editable_get_text (GTK_EDITABLE (self->find_entry)),
                               gtk_editable_get_text (GTK_EDITABLE (self->replace_entry)),
                               self->cancellable, on_replaced_all, g_object_ref (self));
}

/* ---- the widget ----------------------------------------------------------------------------- */

/* The scheme is registered once per web context and outlives any one window: it serves the
 * store of the editor opened last (weak: NULL once that store is gone). */
static ToaStore *scheme_current;

static ToaStore *
scheme_store (gpointer data)
{
  return scheme_current;
}

/* The page loaded ahead of the next editor (owned). */
static ToaEditorView *spare_view;

gboolean
toa_article_editor_prewarm (void)
{
  if (spare_view == NULL)
    {
      toa_uri_scheme_register (NULL, scheme_store, NULL);
      spare_view = g_object_ref_sink (TOA_EDITOR_VIEW (toa_editor_view_new ()));
    }
  return toa_editor_view_get_ready (spare_view);
}

static gboolean
prewarm_again (gpointer data)
{
  toa_article_editor_prewarm ();
  return G_SOURCE_REMOVE;
}

static gboolean
on_close_request (ToaArticleEditor *self)
{
  /* What was typed and not saved stays in the journal: offered again next time. */
  if (self->dirty)
    toa_article_editor_record_draft (self);
  toa_draft_journal_flush (self->journal);
  return FALSE;
}

static void
toa_article_editor_dispose (GObject *object)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (object);

  self->closed = TRUE;   /* a save on its way still lands; nothing is shown */
  g_cancellable_cancel (self->cancellable);   /* also drops the opening read in flight */
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_weak_pointer (&self->conflict);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_ARTICLE_EDITOR);
  G_OBJECT_CLASS (toa_article_editor_parent_class)->dispose (object);
}

static void
toa_article_editor_finalize (GObject *object)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_free (self->lane);
  g_clear_object (&self->store);
  g_clear_object (&self->journal);
  g_clear_object (&self->base);
  g_clear_object (&self->recovered);
  g_clear_pointer (&self->person, toa_person_free);
  g_free (self->clean_html);
  g_free (self->pending_html);
  g_free (self->body_html);
  g_free (self->message);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->genres, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->info_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->author_rows, g_ptr_array_unref);
  g_clear_pointer (&self->format_buttons, g_hash_table_unref);
  G_OBJECT_CLASS (toa_article_editor_parent_class)->finalize (object);
}

static void
toa_article_editor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
toa_article_editor_class_init (ToaArticleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_article_editor_dispose;
  object_class->finalize = toa_article_editor_finalize;
  object_class->get_property = toa_article_editor_get_property;

  properties[PROP_READY] = g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* "saved" (gint64 article_id) */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-article-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, preview_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, revisions_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, print_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, export_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, find_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, recovery_revealer);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, toolbar_box);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, find_bar);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, find_entry);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, replace_entry);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, body_paned);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, editor_box);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, preview_box);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, desktop_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, phone_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, side_box);
  gtk_widget_class_bind_template_child (widget_class, ToaArticleEditor, counts_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_save_clicked",
                                                G_CALLBACK (toa_article_editor_on_save_clicked));
  gtk_widget_class_bind_template_callback (widget_class, on_preview_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_revisions_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_restore);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_discard);
  gtk_widget_class_bind_template_callback (widget_class, on_find_next);
  gtk_widget_class_bind_template_callback (widget_class, on_find_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_replace);
  gtk_widget_class_bind_template_callback (widget_class, on_replace_all);
  gtk_widget_class_bind_template_callback (widget_class, on_width_toggled);

  gtk_widget_class_install_action (widget_class, "editor-window.format", "s", format_action);
  for (guint i = 0; i < G_N_ELEMENTS (table_commands); i++)
    {
      g_autofree char *name = g_strconcat ("editor-window.", table_commands[i], NULL);
      gtk_widget_class_install_action (widget_class, name, NULL, table_action);
    }
}

static gboolean
on_save_shortcut (GtkWidget *widget, GVariant *args, gpointer data)
{
  toa_article_editor_save (TOA_ARTICLE_EDITOR (widget));
  return TRUE;
}

static gboolean
on_find_shortcut (GtkWidget *widget, GVariant *args, gpointer data)
{
  ToaArticleEditor *self = TOA_ARTICLE_EDITOR (widget);

  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  return TRUE;
}

/* GtkSearchBar's own close button has no tooltip: give it one, as every other button has. */
static void
label_find_bar_close (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && gtk_button_get_label (GTK_BUTTON (c)) == NULL
          && gtk_widget_get_tooltip_text (c) == NULL && gtk_widget_get_ancestor (c, GTK_TYPE_CENTER_BOX) != NULL
          && gtk_widget_get_ancestor (c, GTK_TYPE_ENTRY) == NULL)
        gtk_widget_set_tooltip_text (c, _("Close the find bar (Escape)"));
      else if (!GTK_IS_BUTTON (c))
        label_find_bar_close (c);
    }
}

static void
toa_article_editor_init (ToaArticleEditor *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->base = toa_article_new ();   /* until the article is read */
  self->author_rows = g_ptr_array_new ();
  self->format_buttons = g_hash_table_new (g_str_hash, g_str_equal);

  if (spare_view != NULL)
    {
      /* the page loaded ahead; the next one starts loading once this window is up */
      self->editor_view = g_steal_pointer (&spare_view);
      gtk_box_append (self->editor_box, GTK_WIDGET (self->editor_view));
      g_object_unref (self->editor_view);
      g_idle_add_full (G_PRIORITY_LOW, prewarm_again, NULL, NULL);
    }
  else
    {
      self->editor_view = TOA_EDITOR_VIEW (toa_editor_view_new ());
      gtk_box_append (self->editor_box, GTK_WIDGET (self->editor_view));
    }
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor_view), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->editor_view), TRUE);
  g_signal_connect_swapped (self->editor_view, "notify::ready", G_CALLBACK (on_editor_ready), self);
  g_signal_connect_swapped (self->editor_view, "changed", G_CALLBACK (on_body_changed), self);
  g_signal_connect_swapped (self->editor_view, "state-changed", G_CALLBACK (on_state_changed), self);
  g_signal_connect_swapped (self->editor_view, "image-pasted", G_CALLBACK (toa_article_editor_add_image), self);
  g_signal_connect_swapped (self->editor_view, "link-requested", G_CALLBACK (on_link_requested), self);
  build_toolbar (self);
  enable_table_actions (self, FALSE);
  toa_article_editor_build_fields (self);
  build_load_stack (self);
  g_object_bind_property (self->find_button, "active", self->find_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  label_find_bar_close (GTK_WIDGET (self->find_bar));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                      gtk_callback_action_new (on_save_shortcut, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                      gtk_callback_action_new (on_find_shortcut, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
}

GtkWindow *
toa_article_editor_new (GtkWindow *parent, ToaStore *store, const ToaPerson *person,
                        gint64 article_id, ToaDraftJournal *journal)
{
  return toa_article_editor_new_with_reader (parent, store, NULL, person, article_id, journal);
}

GtkWindow *
toa_article_editor_new_with_reader (GtkWindow *parent, ToaStore *store, ToaBackgroundReader *reader,
                                    const ToaPerson *person, gint64 article_id, ToaDraftJournal *journal)
{
  ToaArticleEditor *self;

  g_return_val_if_fail (TOA_IS_STORE (store), NULL);
  g_return_val_if_fail (reader == NULL || TOA_IS_BACKGROUND_READER (reader), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  g_set_weak_pointer (&scheme_current, store);
  toa_uri_scheme_register (NULL, scheme_store, NULL);
  self = g_object_new (TOA_TYPE_ARTICLE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->person = toa_person_copy (person);
  self->article_id = article_id;
  self->reader = reader != NULL ? g_object_ref (reader) : toa_background_reader_new (store, NULL);
  self->lane = g_strdup_printf ("article-editor-%p", (void *) self);
  g_signal_connect_swapped (self->reader, "notify::pending", G_CALLBACK (on_reader_pending), self);
  self->journal = journal != NULL ? g_object_ref (journal)
                                  : toa_draft_journal_new (NULL, toa_store_describe (store));
  self->preview_view = TOA_PREVIEW_VIEW (toa_preview_view_new (store));
  gtk_widget_set_vexpand (GTK_WIDGET (self->preview_view), TRUE);
  gtk_box_append (self->preview_box, GTK_WIDGET (self->preview_view));
  load (self);
  show_counts (self);
  if (toa_editor_view_get_ready (self->editor_view))
    on_editor_ready (self);
  return GTK_WINDOW (self);
}

gint64
toa_article_editor_get_article_id (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), 0);
  return self->article_id;
}

gint64
toa_article_editor_get_base_version (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), 0);
  return self->base->version;
}

ToaEditorView *
toa_article_editor_get_editor_view (ToaArticleEditor *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLE_EDITOR (self), NULL);
  return self->editor_view;
}
