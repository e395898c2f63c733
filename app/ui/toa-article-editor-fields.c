/* toa-article-editor-fields.c — the editor window's side panel: every metadata field of the
 * article (title with its n/150 counter, sapo, section, genre, language, providing unit, kind of
 * information, attribution line, tags, authors with their shares) and the live pre-publish
 * checks. The choices come from the store; the rules (what is valid, what blocks) are core's. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-article-editor-private.h"
#include "toa-prepublish.h"


static const char *const role_codes[] = { "author", "photographer", "translator" };

static const char *
role_label (const char *code)
{
  if (g_strcmp0 (code, "photographer") == 0)
    return _("Photographer");
  if (g_strcmp0 (code, "translator") == 0)
    return _("Translator");
  return _("Author");
}

/* ---- combo rows: names shown, codes kept on the row ----------------------------------------- */

static AdwComboRow *
combo_row (AdwPreferencesGroup *group, const char *name, const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static void
set_choices (AdwComboRow *row, GPtrArray *names, GStrvBuilder *codes)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (names, i));
  g_object_set_data_full (G_OBJECT (row), "codes", g_strv_builder_end (codes), (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

static const char *
chosen_code (AdwComboRow *row)
{
  GStrv codes = g_object_get_data (G_OBJECT (row), "codes");
  guint i = adw_combo_row_get_selected (row);

  if (codes == NULL || i == GTK_INVALID_LIST_POSITION || i >= g_strv_length (codes) || *codes[i] == '\0')
    return NULL;
  return codes[i];
}

static void
choose_code (AdwComboRow *row, const char *code)
{
  GStrv codes = g_object_get_data (G_OBJECT (row), "codes");

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], code != NULL ? code : "") == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

static void
on_field_changed (ToaArticleEditor *self)
{
  toa_article_editor_changed (self);
}

void
toa_article_editor_show_choices (ToaArticleEditor *self)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GStrvBuilder) codes = NULL;

  names = g_ptr_array_new ();
  codes = g_strv_builder_new ();
  for (guint i = 0; self->sections != NULL && i < self->sections->len; i++)
    {
      const ToaSection *s = g_ptr_array_index (self->sections, i);
      g_ptr_array_add (names, s->name);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) s->id);
      g_strv_builder_add (codes, id);
    }
  set_choices (self->section_row, names, codes);

  g_ptr_array_set_size (names, 0);
  g_clear_pointer (&codes, g_strv_builder_unref);
  codes = g_strv_builder_new ();
  for (guint i = 0; self->genres != NULL && i < self->genres->len; i++)
    {
      const ToaGenre *g = g_ptr_array_index (self->genres, i);
      g_ptr_array_add (names, g->name);
      g_strv_builder_add (codes, g->code);
    }
  set_choices (self->genre_row, names, codes);

  g_ptr_array_set_size (names, 0);
  g_clear_pointer (&codes, g_strv_builder_unref);
  codes = g_strv_builder_new ();
  g_ptr_array_add (names, (gpointer) _("Vietnamese"));
  g_strv_builder_add (codes, "vi");
  g_ptr_array_add (names, (gpointer) _("English"));
  g_strv_builder_add (codes, "en");
  set_choices (self->language_row, names, codes);

  g_ptr_array_set_size (names, 0);
  g_clear_pointer (&codes, g_strv_builder_unref);
  codes = g_strv_builder_new ();
  g_ptr_array_add (names, (gpointer) _("None (written in-house)"));
  g_strv_builder_add (codes, "");
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    {
      const ToaUnit *u = g_ptr_array_index (self->units, i);
      g_ptr_array_add (names, u->name);
      g_autofree char *id = g_strdup_printf ("%lld", (long long) u->id);
      g_strv_builder_add (codes, id);
    }
  set_choices (self->unit_row, names, codes);

  g_ptr_array_set_size (names, 0);
  g_clear_pointer (&codes, g_strv_builder_unref);
  codes = g_strv_builder_new ();
  g_ptr_array_add (names, (gpointer) _("None"));
  g_strv_builder_add (codes, "");
  for (guint i = 0; self->info_kinds != NULL && i < self->info_kinds->len; i++)
    {
      const ToaInfoKind *k = g_ptr_array_index (self->info_kinds, i);
      g_ptr_array_add (names, k->name);
      g_strv_builder_add (codes, k->code);
    }
  set_choices (self->info_kind_row, names, codes);
}

const char *
toa_article_editor_section_code (ToaArticleEditor *self)
{
  const char *id = chosen_code (self->section_row);

  for (guint i = 0; id != NULL && self->sections != NULL && i < self->sections->len; i++)
    {
      const ToaSection *s = g_ptr_array_index (self->sections, i);
      if (s->id == g_ascii_strtoll (id, NULL, 10))
        return s->code;
    }
  return NULL;
}

const char *
toa_article_editor_unit_code (ToaArticleEditor *self)
{
  const char *id = chosen_code (self->unit_row);

  for (guint i = 0; id != NULL && self->units != NULL && i < self->units->len; i++)
    {
      const ToaUnit *u = g_ptr_array_index (self->units, i);
      if (u->id == g_ascii_strtoll (id, NULL, 10))
        return u->code;
    }
  return NULL;
}

/* ---- authors with shares ------------------------------------------------------------------ */

static void
show_authors_total (ToaArticleEditor *self)
{
  double total = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->author_rows->len; i++)
    {
      GtkSpinButton *spin = g_object_get_data (g_ptr_array_index (self->author_rows, i), "share");
      total += gtk_spin_button_get_value (spin);
    }
  /* Translators: the authors' shares added up, e.g. "Total: 100 %" */
  text = g_strdup_printf (_("Total: %g %%"), total);
  gtk_label_set_text (self->authors_total_label, text);
  if (self->author_rows->len > 0 && (total < 99.995 || total > 100.005))
    gtk_widget_add_css_class (GTK_WIDGET (self->authors_total_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->authors_total_label), "error");
}

static void
on_author_changed (ToaArticleEditor *self)
{
  show_authors_total (self);
  toa_article_editor_changed (self);
}

static void
on_author_remove (GtkButton *button, ToaArticleEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  g_ptr_array_remove (self->author_rows, row);
  gtk_list_box_remove (self->authors_list, row);
  on_author_changed (self);
}

static void
add_author_row (ToaArticleEditor *self, gint64 person_id, const char *role, int share_bp)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *person, *role_dd, *spin, *remove;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint chosen = 0;

  for (guint i = 0; self->people != NULL && i < self->people->len; i++)
    {
      const ToaPerson *p = g_ptr_array_index (self->people, i);
      if (!p->active && p->id != person_id)
        continue;
      if (p->id == person_id)
        chosen = ids->len;
      gtk_string_list_append (names, p->full_name);
      g_array_append_val (ids, p->id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    gtk_string_list_append (roles, role_label (role_codes[i]));

  person = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (person), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (person), chosen);
  gtk_widget_set_hexpand (person, TRUE);
  role_dd = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (roles)), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    if (g_strcmp0 (role, role_codes[i]) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (role_dd), i);
  spin = gtk_spin_button_new_with_range (0, 100, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), share_bp / 100.0);
  gtk_widget_set_tooltip_text (spin, _("Share in per cent"));
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (remove, _("Remove this author"));
  gtk_widget_add_css_class (remove, "flat");

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), person);
  gtk_box_append (GTK_BOX (box), role_dd);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "ids", ids, (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (row), "person", person);
  g_object_set_data (G_OBJECT (row), "role", role_dd);
  g_object_set_data (G_OBJECT (row), "share", spin);
  g_object_set_data (G_OBJECT (remove), "row", row);
  g_signal_connect_swapped (person, "notify::selected", G_CALLBACK (on_author_changed), self);
  g_signal_connect_swapped (role_dd, "notify::selected", G_CALLBACK (on_author_changed), self);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_author_changed), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_author_remove), self);
  gtk_list_box_append (self->authors_list, row);
  g_ptr_array_add (self->author_rows, row);
}

static void
on_author_add (ToaArticleEditor *self)
{
  add_author_row (self, self->person->id, "author", self->author_rows->len == 0 ? 10000 : 0);
  on_author_changed (self);
}

/* ---- title counter ------------------------------------------------------------------------ */

static void
on_title_changed (ToaArticleEditor *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  glong n = g_utf8_strlen (title, -1);
  /* The portal's title limit is a board rule (toa_prepublish_title_max) checked by core; the
   * counter only shows it, or the bare count when the rules could not be read. */
  g_autofree char *text = self->title_max > 0 ? g_strdup_printf ("%ld/%d", n, self->title_max)
                                              : g_strdup_printf ("%ld", n);

  gtk_label_set_text (self->title_count_label, text);
  if (self->title_max > 0 && n > self->title_max)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_count_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_count_label), "error");
  gtk_window_set_title (GTK_WINDOW (self), *title != '\0' ? title : _("New Article"));
  adw_window_title_set_title (self->window_title, *title != '\0' ? title : _("New Article"));
  toa_article_editor_changed (self);
}

/* ---- building, filling, reading ----------------------------------------------------------- */

static AdwPreferencesGroup *
group_new (ToaArticleEditor *self, const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->side_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group, const char *name, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

void
toa_article_editor_build_fields (ToaArticleEditor *self)
{
  AdwPreferencesGroup *group;
  GtkWidget *sapo_frame, *button, *box;

  group = group_new (self, _("Article"));
  self->title_row = entry_row (group, "title", _("Title"));
  self->title_count_label = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->title_count_label), "numeric");
  gtk_widget_set_name (GTK_WIDGET (self->title_count_label), "title-count");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_count_label),
                               _("Characters in the title, and the portal's limit"));
  adw_entry_row_add_suffix (self->title_row, GTK_WIDGET (self->title_count_label));
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_title_changed), self);

  self->sapo_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_widget_set_name (GTK_WIDGET (self->sapo_view), "sapo");
  gtk_text_view_set_wrap_mode (self->sapo_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->sapo_view, 8);
  gtk_text_view_set_bottom_margin (self->sapo_view, 8);
  gtk_text_view_set_left_margin (self->sapo_view, 8);
  gtk_text_view_set_right_margin (self->sapo_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->sapo_view), -1, 90);
  gtk_text_view_set_accepts_tab (self->sapo_view, FALSE);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->sapo_view), "changed",
                            G_CALLBACK (on_field_changed), self);
  sapo_frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  box = gtk_label_new (_("Sapo (lead)"));
  gtk_label_set_xalign (GTK_LABEL (box), 0);
  gtk_widget_add_css_class (box, "dim-label");
  gtk_widget_set_margin_top (sapo_frame, 8);
  gtk_box_append (GTK_BOX (sapo_frame), box);
  gtk_widget_add_css_class (GTK_WIDGET (self->sapo_view), "card");
  gtk_box_append (GTK_BOX (sapo_frame), GTK_WIDGET (self->sapo_view));
  gtk_box_append (self->side_box, sapo_frame);

  group = group_new (self, _("Classification"));
  self->section_row = combo_row (group, "section", _("Section"));
  self->genre_row = combo_row (group, "genre", _("Genre"));
  self->language_row = combo_row (group, "language", _("Language"));
  self->info_kind_row = combo_row (group, "info-kind", _("Kind of information"));
  self->tags_row = entry_row (group, "tags", _("Tags (separated by commas)"));

  group = group_new (self, C_("article", "Source"));
  self->unit_row = combo_row (group, "unit", _("Providing unit"));
  self->attribution_row = entry_row (group, "attribution", _("Attribution line"));

  group = group_new (self, _("Authors"));
  adw_preferences_group_set_description (group, _("Shares add up to 100 %."));
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_tooltip_text (button, _("Add an author"));
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_author_add), self);
  adw_preferences_group_set_header_suffix (group, button);
  self->authors_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->authors_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->authors_list), "boxed-list");
  adw_preferences_group_add (group, GTK_WIDGET (self->authors_list));
  self->authors_total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->authors_total_label, 1);
  gtk_widget_set_margin_top (GTK_WIDGET (self->authors_total_label), 4);
  adw_preferences_group_add (group, GTK_WIDGET (self->authors_total_label));

  group = group_new (self, _("Before publishing"));
  adw_preferences_group_set_description (group, _("The board's checks, as the article is now."));
  self->checks_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->checks_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->checks_list), "boxed-list");
  adw_preferences_group_add (group, GTK_WIDGET (self->checks_list));

  g_signal_connect_swapped (self->section_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->genre_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->info_kind_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->tags_row, "changed", G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->attribution_row, "changed", G_CALLBACK (on_field_changed), self);
}

void
toa_article_editor_fill_fields (ToaArticleEditor *self, const ToaArticle *article)
{
  g_autofree char *section = g_strdup_printf ("%lld", (long long) article->section_id);
  g_autofree char *unit = article->source_unit_id > 0
                          ? g_strdup_printf ("%lld", (long long) article->source_unit_id) : g_strdup ("");
  g_autoptr(GString) tags = g_string_new (NULL);
  GtkWidget *child;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), article->title != NULL ? article->title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->sapo_view),
                            article->sapo != NULL ? article->sapo : "", -1);
  choose_code (self->section_row, section);
  choose_code (self->genre_row, article->genre);
  choose_code (self->language_row, article->language != NULL ? article->language : "vi");
  choose_code (self->unit_row, unit);
  choose_code (self->info_kind_row, article->info_kind);
  gtk_editable_set_text (GTK_EDITABLE (self->attribution_row),
                         article->attribution != NULL ? article->attribution : "");
  for (guint i = 0; article->tags != NULL && i < article->tags->len; i++)
    g_string_append_printf (tags, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (article->tags, i));
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->authors_list))) != NULL)
    gtk_list_box_remove (self->authors_list, child);
  g_ptr_array_set_size (self->author_rows, 0);
  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      const ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);
      add_author_row (self, share->person_id, share->role, share->share_bp);
    }
  show_authors_total (self);
}

void
toa_article_editor_read_fields (ToaArticleEditor *self, ToaArticle *article)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->sapo_view);
  const char *code;
  g_auto(GStrv) tags = NULL;
  GtkTextIter start, end;

  g_free (article->title);
  article->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (article->sapo);
  article->sapo = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if ((code = chosen_code (self->section_row)) != NULL)
    article->section_id = g_ascii_strtoll (code, NULL, 10);
  g_free (article->genre);
  article->genre = g_strdup (chosen_code (self->genre_row));
  g_free (article->language);
  article->language = g_strdup (chosen_code (self->language_row) != NULL ? chosen_code (self->language_row) : "vi");
  code = chosen_code (self->unit_row);
  article->source_unit_id = code != NULL ? g_ascii_strtoll (code, NULL, 10) : 0;
  g_free (article->info_kind);
  article->info_kind = g_strdup (chosen_code (self->info_kind_row));
  g_free (article->attribution);
  article->attribution = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->attribution_row)));

  tags = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), ",", -1);
  g_ptr_array_set_size (article->tags, 0);
  for (guint i = 0; tags[i] != NULL; i++)
    if (*g_strstrip (tags[i]) != '\0')
      toa_article_add_tag (article, tags[i]);

  g_array_set_size (article->authors, 0);
  for (guint i = 0; i < self->author_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->author_rows, i);
      GArray *ids = g_object_get_data (row, "ids");
      guint person = gtk_drop_down_get_selected (g_object_get_data (row, "person"));
      guint role = gtk_drop_down_get_selected (g_object_get_data (row, "role"));
      double share = gtk_spin_button_get_value (g_object_get_data (row, "share"));

      if (person >= ids->len)
        continue;
      toa_article_add_author (article, g_array_index (ids, gint64, person), NULL,
                              role_codes[MIN (role, G_N_ELEMENTS (role_codes) - 1)],
                              (int) (share * 100 + 0.5));
    }
}

/* ---- the checks --------------------------------------------------------------------------- */

/* The checks run in the background reader (the rules are board data, read from the store;
 * the body is parsed): the newest asked for is shown. */
typedef struct {
  ToaArticle *article;
  GPtrArray  *results;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_clear_object (&job->article);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_free (job);
}

static gboolean
check_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  CheckJob *job = data;

  job->results = toa_prepublish_check (store, job->article, error);
  return job->results != NULL;
}

static void
show_check_results (ToaArticleEditor *self, GPtrArray *results, const GError *error)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list))) != NULL)
    gtk_list_box_remove (self->checks_list, child);
  if (results == NULL || results->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     results == NULL ? (error != NULL ? error->message : "")
                                                     : _("Ready to publish: nothing to fix."));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (results == NULL ? "dialog-warning-symbolic"
                                                                               : "emblem-ok-symbolic"));
      gtk_list_box_append (self->checks_list, row);
      return;
    }
  for (guint i = 0; i < results->len; i++)
    {
      const ToaCheckResult *result = g_ptr_array_index (results, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;

      if (result->severity == TOA_CHECK_OFF)
        continue;
      icon = gtk_image_new_from_icon_name (result->severity == TOA_CHECK_BLOCK ? "dialog-error-symbolic"
                                                                                : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, result->severity == TOA_CHECK_BLOCK ? "error" : "warning");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), result->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), result->severity == TOA_CHECK_BLOCK
                                   ? _("Blocks publishing") : _("Warning"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_name (row, result->code);
      gtk_list_box_append (self->checks_list, row);
    }
}

static void
check_done (gpointer owner, gpointer data, const GError *error)
{
  show_check_results (TOA_ARTICLE_EDITOR (owner), ((CheckJob *) data)->results, error);
}

void
toa_article_editor_show_checks (ToaArticleEditor *self, const ToaArticle *article)
{
  CheckJob *job = g_new0 (CheckJob, 1);
  g_autofree char *lane = g_strdup_printf ("%s-checks", self->lane);

  job->article = toa_article_copy (article);
  toa_background_reader_run (self->reader, lane, check_run, check_done, self, self->cancellable,
                             job, (GDestroyNotify) check_job_free);
}
