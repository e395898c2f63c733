/* toa-articles-page.c — the Articles page. Every change of search text, filter or sort
 * builds a new ToaArticleQuery and hands it to the paging model; nothing here loads
 * the whole list. Given a location (the window's), the model reads off the main thread: a
 * spinner turns while it counts, and the page says why when the reading failed. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-article-editor.h"
#include "toa-article-state.h"
#include "toa-articles-page.h"
#include "toa-connect-page.h"
#include "toa-item-view.h"
#include "toa-text.h"
#include "toa-window.h"

struct _ToaArticlesPage {
  AdwBin parent_instance;

  ToaStore            *store;
  ToaArticleListModel *model;
  GtkSingleSelection  *selection;
  GArray              *site_ids;      /* gint64 per site_dropdown row (0 = all) */
  GArray              *section_ids;   /* gint64 per section_dropdown row */
  GPtrArray           *genre_codes;   /* char* per genre_dropdown row (NULL = all) */
  GHashTable          *genre_names;   /* code → name */
  GHashTable          *site_names;    /* id → name */
  guint                updating;    /* > 0 while the page sets its own controls (nests) */
  ToaStoreWatch       *live;        /* a shared database's changes, or NULL */
  guint                live_id;     /* the pending reload after a change */
  gboolean             threaded;    /* a location was given: the model reads in a worker */
  char                *location;    /* where (a secret: it may hold a password), or NULL */
  ToaBackgroundReader *item_reader; /* the item windows' reads, on the location (made when first needed) */

  GtkSearchEntry *search_entry;
  GtkLabel       *count_label;
  GtkSpinner     *spinner;          /* beside the count while the model reads */
  GtkSpinner     *loading_spinner;  /* the "loading" page's, while there is nothing to show yet */
  GtkDropDown    *site_dropdown;
  GtkDropDown    *section_dropdown;
  GtkDropDown    *genre_dropdown;
  GtkDropDown    *state_dropdown;
  GtkDropDown    *sort_dropdown;
  GtkToggleButton *descending_button;
  GtkStack       *content_stack;
  GtkScrolledWindow *scrolled;
  GtkColumnView  *column_view;
  AdwStatusPage  *empty_page;
  GtkButton      *retry_button;   /* on the status page when the list could not be read */
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *updated_column;
};

G_DEFINE_FINAL_TYPE (ToaArticlesPage, toa_articles_page, ADW_TYPE_BIN)

/* Rows of the sort dropdown, in order. */
static const ToaArticleSort sort_orders[] = {
  TOA_SORT_UPDATED, TOA_SORT_CREATED, TOA_SORT_PUBLISHED, TOA_SORT_TITLE,
};

static GtkStringList *
string_list_with_all (const char *all_label)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, all_label);
  return list;
}

static ToaArticleQuery *
build_query (ToaArticlesPage *self)
{
  ToaArticleQuery *query = toa_article_query_new ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint row;

  row = gtk_drop_down_get_selected (self->site_dropdown);
  if (row != GTK_INVALID_LIST_POSITION && row < self->site_ids->len)
    query->site_id = g_array_index (self->site_ids, gint64, row);

  row = gtk_drop_down_get_selected (self->section_dropdown);
  if (row != GTK_INVALID_LIST_POSITION && row < self->section_ids->len)
    query->section_id = g_array_index (self->section_ids, gint64, row);

  row = gtk_drop_down_get_selected (self->genre_dropdown);
  if (row != GTK_INVALID_LIST_POSITION && row < self->genre_codes->len)
    query->genre = g_strdup (g_ptr_array_index (self->genre_codes, row));

  row = gtk_drop_down_get_selected (self->state_dropdown);
  if (row != GTK_INVALID_LIST_POSITION && row > 0 && row <= TOA_N_STATES)
    query->state = g_strdup (toa_article_state_code ((ToaArticleState) (row - 1)));

  if (text != NULL && *text != '\0')
    {
      query->text = toa_text_normalize (text, -1, _("Search"), NULL);
      query->count_limit = TOA_SEARCH_COUNT_LIMIT;   /* a frequent word is not counted to the end */
    }

  row = gtk_drop_down_get_selected (self->sort_dropdown);
  if (row < G_N_ELEMENTS (sort_orders))
    query->sort = sort_orders[row];
  query->descending = gtk_toggle_button_get_active (self->descending_button);

  return query;
}

/* The list could not be read: the page says why, with nothing listed. */
static void
show_error (ToaArticlesPage *self, const char *message)
{
  gtk_label_set_text (self->count_label, "");
  adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->empty_page, _("The Articles Could Not Be Read"));
  adw_status_page_set_description (self->empty_page, message);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
show_loading (ToaArticlesPage *self, gboolean loading)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

static void
update_count (ToaArticlesPage *self, const ToaArticleQuery *query)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = toa_format_number (n);
  g_autofree char *text = NULL;
  gboolean filtered = (query->text != NULL && *query->text != '\0') || query->site_id != 0
                      || query->section_id != 0 || query->genre != NULL || query->state != NULL;
  gboolean loading = toa_article_list_model_is_loading (self->model);
  const GError *error = toa_article_list_model_get_error (self->model);

  show_loading (self, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  if (loading)
    {
      /* the rows shown stay until the count is in; with none yet, the spinner says why */
      if (n == 0)
        {
          gtk_label_set_text (self->count_label, "");
          gtk_stack_set_visible_child_name (self->content_stack, "loading");
        }
      return;
    }
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  text = toa_article_list_model_is_complete (self->model)
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s article", "%s articles", n), number)
    : g_strdup_printf (_("More than %s articles"), number);
  gtk_label_set_text (self->count_label, text);
  adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "list");
      return;
    }

  if (filtered)
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Articles"));
      adw_status_page_set_description (self->empty_page, _("Try other words, or clear the filters."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Articles Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Articles appear here once the board takes them in."));
    }
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* A search's count grew while scrolling (or became final). */
static void
on_model_count_grown (ToaArticlesPage *self)
{
  if (!self->updating)
    update_count (self, toa_article_list_model_get_query (self->model));
}

static void
refresh (ToaArticlesPage *self)
{
  g_autoptr(ToaArticleQuery) query = NULL;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL || self->updating)
    return;

  query = build_query (self);
  if (!toa_article_query_equal (query, toa_article_list_model_get_query (self->model))
      || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    {
      if (!toa_article_list_model_set_query (self->model, query, &error))
        {
          show_error (self, error->message);
          return;
        }
    }
  update_count (self, query);
}

/* ---- live changes (PostgreSQL): an article made or changed on any desk reloads the list's
 * visible rows (the model drops its pages and reads the ones shown again) ----------------- */

#define LIVE_DELAY_MS 150

static gboolean
on_live_due (gpointer data)
{
  ToaArticlesPage *self = TOA_ARTICLES_PAGE (data);
  g_autoptr(GError) error = NULL;

  self->live_id = 0;
  if (self->model == NULL || self->updating)
    return G_SOURCE_REMOVE;
  if (!toa_article_list_model_reload (self->model, &error))
    show_error (self, error->message);
  else
    update_count (self, toa_article_list_model_get_query (self->model));
  return G_SOURCE_REMOVE;
}

static void
on_live_changed (ToaArticlesPage *self, const ToaStoreChange *change)
{
  /* transitions and requests change the article's row too ("article"); comments show nowhere here */
  if (self->live_id == 0
      && (toa_store_change_is_resync (change) || g_strcmp0 (change->kind, "article") == 0))
    self->live_id = g_timeout_add (LIVE_DELAY_MS, on_live_due, self);
}

static void
stop_watching (ToaArticlesPage *self)
{
  g_clear_handle_id (&self->live_id, g_source_remove);
  if (self->live != NULL)
    g_signal_handlers_disconnect_by_data (self->live, self);
  g_clear_object (&self->live);
}

/* "Try Again" under the error: the same query, read again. */
static void
on_retry (ToaArticlesPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->model == NULL)
    return;
  if (!toa_article_list_model_reload (self->model, &error))
    show_error (self, error->message);
  else
    update_count (self, toa_article_list_model_get_query (self->model));
}

static void
on_filter_changed (ToaArticlesPage *self)
{
  refresh (self);
}

static void
on_stop_search (ToaArticlesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
fill_sections (ToaArticlesPage *self, gint64 site_id)
{
  g_autoptr(GtkStringList) list = string_list_with_all (_("All sections"));
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GError) error = NULL;
  gint64 zero = 0;

  g_array_set_size (self->section_ids, 0);
  g_array_append_val (self->section_ids, zero);

  sections = toa_store_section_list (self->store, site_id, &error);
  for (guint i = 0; sections != NULL && i < sections->len; i++)
    {
      ToaSection *section = g_ptr_array_index (sections, i);
      const char *site_name = g_hash_table_lookup (self->site_names, &section->site_id);

      if (site_id == 0 && site_name != NULL)
        {
          g_autofree char *label = g_strdup_printf ("%s — %s", section->name, site_name);
          gtk_string_list_append (list, label);
        }
      else
        gtk_string_list_append (list, section->name);
      g_array_append_val (self->section_ids, section->id);
    }

  gtk_drop_down_set_model (self->section_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->section_dropdown, 0);
}

static void
on_site_changed (ToaArticlesPage *self)
{
  guint row = gtk_drop_down_get_selected (self->site_dropdown);
  gint64 site_id = 0;

  if (self->store == NULL || self->updating)
    return;
  if (row != GTK_INVALID_LIST_POSITION && row < self->site_ids->len)
    site_id = g_array_index (self->site_ids, gint64, row);

  self->updating++;
  fill_sections (self, site_id);
  self->updating--;
  refresh (self);
}

static void
on_sort_changed (ToaArticlesPage *self)
{
  guint row = gtk_drop_down_get_selected (self->sort_dropdown);

  /* Titles read naturally A→Z, dates newest first. */
  self->updating++;
  gtk_toggle_button_set_active (self->descending_button,
                                row >= G_N_ELEMENTS (sort_orders) || sort_orders[row] != TOA_SORT_TITLE);
  self->updating--;
  refresh (self);
}

static void
on_descending_toggled (ToaArticlesPage *self)
{
  gboolean descending = gtk_toggle_button_get_active (self->descending_button);

  gtk_button_set_icon_name (GTK_BUTTON (self->descending_button),
                            descending ? "view-sort-descending-symbolic" : "view-sort-ascending-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->descending_button),
                               descending ? _("Descending: newest first, Z to A")
                                          : _("Ascending: oldest first, A to Z"));
  refresh (self);
}

#if GTK_CHECK_VERSION (4, 10, 0)
/* GTK 4.10 can tell which header was clicked: mirror it in the sort dropdown. */
static void
on_header_sorter_changed (ToaArticlesPage *self)
{
  GtkColumnViewSorter *sorter = GTK_COLUMN_VIEW_SORTER (gtk_column_view_get_sorter (self->column_view));
  GtkColumnViewColumn *column = gtk_column_view_sorter_get_primary_sort_column (sorter);
  gboolean descending = gtk_column_view_sorter_get_primary_sort_order (sorter) == GTK_SORT_DESCENDING;
  guint row;

  if (column == NULL)
    return;
  row = column == self->title_column ? 3 : 0;

  self->updating++;
  gtk_drop_down_set_selected (self->sort_dropdown, row);
  gtk_toggle_button_set_active (self->descending_button, descending);
  self->updating--;
  on_descending_toggled (self);
}

static int
keep_order (gconstpointer a, gconstpointer b, gpointer data)
{
  return 0;
}
#endif

/* Column cells. */

static GtkWidget *
new_cell_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return label;
}

static void
setup_label (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  gtk_list_item_set_child (item, new_cell_label ());
}

static void
setup_title (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = new_cell_label ();

  gtk_widget_add_css_class (label, "toa-article-title");
  gtk_list_item_set_child (item, label);
}

static void
setup_numeric (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = new_cell_label ();

  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
set_cell (GtkListItem *item, const char *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
bind_title (GtkSignalListItemFactory *factory, GtkListItem *item, ToaArticlesPage *self)
{
  ToaArticle *article = gtk_list_item_get_item (item);

  set_cell (item, article->title);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), article->title);
}

static void
bind_genre (GtkSignalListItemFactory *factory, GtkListItem *item, ToaArticlesPage *self)
{
  ToaArticle *article = gtk_list_item_get_item (item);
  const char *name = article->genre != NULL ? g_hash_table_lookup (self->genre_names, article->genre) : NULL;

  set_cell (item, name != NULL ? name : article->genre);
}

static void
bind_section (GtkSignalListItemFactory *factory, GtkListItem *item, ToaArticlesPage *self)
{
  ToaArticle *article = gtk_list_item_get_item (item);

  set_cell (item, article->section_name);
}

static void
bind_site (GtkSignalListItemFactory *factory, GtkListItem *item, ToaArticlesPage *self)
{
  ToaArticle *article = gtk_list_item_get_item (item);
  const char *name = g_hash_table_lookup (self->site_names, &article->site_id);

  set_cell (item, name != NULL ? name : article->site_code);
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), name);
}

static void
bind_state (GtkSignalListItemFactory *factory, GtkListItem *item, ToaArticlesPage *self)
{
  ToaArticle *article = gtk_list_item_get_item (item);

  set_cell (item, article->state != NULL ? toa_article_state_label_for_code (article->state) : NULL);
}

static void
bind_updated (GtkSignalListItemFactory *factory, GtkListItem *item, ToaArticlesPage *self)
{
  ToaArticle *article = gtk_list_item_get_item (item);
  g_autofree char *date = toa_format_date (article->updated_at);

  set_cell (item, date);
}

static void
bind_author (GtkSignalListItemFactory *factory, GtkListItem *item, ToaArticlesPage *self)
{
  ToaArticle *article = gtk_list_item_get_item (item);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; article->authors != NULL && i < article->authors->len; i++)
    {
      ToaAuthorShare *share = &g_array_index (article->authors, ToaAuthorShare, i);

      if (share->name == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, share->name);
    }
  if (names->len == 0 && article->created_by_name != NULL)
    g_string_append (names, article->created_by_name);

  set_cell (item, names->str);
}

static void
on_item_changed (ToaArticlesPage *self)
{
  refresh (self);
}

/* Where the windows opened from here read (the item, the editor): the page's location, in a
 * worker; NULL without a location (they read at once on the store). */
static ToaBackgroundReader *
item_reader (ToaArticlesPage *self)
{
  if (self->item_reader == NULL && self->threaded && self->store != NULL)
    self->item_reader = toa_background_reader_new (self->store,
                                                   toa_background_reader_location_for (self->store, self->location));
  return self->item_reader;
}

static void
on_row_activated (ToaArticlesPage *self, guint position)
{
  g_autoptr(ToaArticle) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const ToaPerson *person = TOA_IS_WINDOW (root) ? toa_window_get_person (TOA_WINDOW (root)) : NULL;
  GtkWindow *view;

  if (row == NULL || row->id == 0 || person == NULL)
    return;

  view = toa_item_view_new_with_reader (GTK_WINDOW (root), self->store, item_reader (self), person, row->id);
  g_signal_connect_object (view, "changed", G_CALLBACK (on_item_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (view);
}

/* The pointer on (or the focus in) "Tin bài mới": the editor's page starts loading ahead of
 * the click. */
static void
on_new_article_hover (ToaArticlesPage *self)
{
  toa_article_editor_prewarm ();
}

/* "Tin bài mới": an empty editor; the article is created on its first save. */
static void
on_new_article (ToaArticlesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const ToaPerson *person = TOA_IS_WINDOW (root) ? toa_window_get_person (TOA_WINDOW (root)) : NULL;
  GtkWindow *editor;

  if (person == NULL)
    return;
  editor = toa_article_editor_new_with_reader (GTK_WINDOW (root), self->store, item_reader (self), person, 0, NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_item_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (editor);
}

static void
toa_articles_page_dispose (GObject *object)
{
  ToaArticlesPage *self = TOA_ARTICLES_PAGE (object);

  stop_watching (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_ARTICLES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->item_reader);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (toa_articles_page_parent_class)->dispose (object);
}

static void
toa_articles_page_finalize (GObject *object)
{
  ToaArticlesPage *self = TOA_ARTICLES_PAGE (object);

  g_array_unref (self->site_ids);
  g_array_unref (self->section_ids);
  g_ptr_array_unref (self->genre_codes);
  g_hash_table_unref (self->genre_names);
  g_hash_table_unref (self->site_names);
  g_clear_pointer (&self->location, toa_connect_free_secret);

  G_OBJECT_CLASS (toa_articles_page_parent_class)->finalize (object);
}

static void
toa_articles_page_class_init (ToaArticlesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_articles_page_dispose;
  object_class->finalize = toa_articles_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/toasoan/ToaSoan/ui/toa-articles-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, section_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, genre_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, descending_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, ToaArticlesPage, updated_column);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_retry);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_site_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_descending_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_article);
  gtk_widget_class_bind_template_callback (widget_class, on_new_article_hover);
  gtk_widget_class_bind_template_callback (widget_class, setup_label);
  gtk_widget_class_bind_template_callback (widget_class, setup_title);
  gtk_widget_class_bind_template_callback (widget_class, setup_numeric);
  gtk_widget_class_bind_template_callback (widget_class, bind_title);
  gtk_widget_class_bind_template_callback (widget_class, bind_genre);
  gtk_widget_class_bind_template_callback (widget_class, bind_section);
  gtk_widget_class_bind_template_callback (widget_class, bind_site);
  gtk_widget_class_bind_template_callback (widget_class, bind_state);
  gtk_widget_class_bind_template_callback (widget_class, bind_updated);
  gtk_widget_class_bind_template_callback (widget_class, bind_author);
}

static void
toa_articles_page_init (ToaArticlesPage *self)
{
  g_autoptr(GtkStringList) states = NULL;
  g_autoptr(GtkStringList) sorts = NULL;

  self->site_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->section_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->genre_codes = g_ptr_array_new_with_free_func (g_free);
  self->genre_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->site_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->updating++;
  gtk_widget_init_template (GTK_WIDGET (self));


  gtk_search_entry_set_search_delay (self->search_entry, 300);

  states = string_list_with_all (_("All states"));
  for (guint i = 0; i < TOA_N_STATES; i++)
    gtk_string_list_append (states, toa_article_state_label ((ToaArticleState) i));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));

  sorts = gtk_string_list_new (NULL);
  gtk_string_list_append (sorts, _("Last change"));
  gtk_string_list_append (sorts, _("Date created"));
  gtk_string_list_append (sorts, _("Date published"));
  gtk_string_list_append (sorts, _("Title"));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (sorts));
  gtk_drop_down_set_selected (self->sort_dropdown, 0);
  self->updating--;

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_column_view_column_set_sorter (self->title_column,
                                     GTK_SORTER (gtk_custom_sorter_new (keep_order, NULL, NULL)));
  gtk_column_view_column_set_sorter (self->updated_column,
                                     GTK_SORTER (gtk_custom_sorter_new (keep_order, NULL, NULL)));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_header_sorter_changed), self, G_CONNECT_SWAPPED);
#endif
}

void
toa_articles_page_set_store (ToaArticlesPage *self, ToaStore *store)
{
  g_autoptr(GtkStringList) sites = NULL;
  g_autoptr(GtkStringList) genres = NULL;
  g_autoptr(GPtrArray) site_list = NULL;
  g_autoptr(GPtrArray) genre_list = NULL;
  gint64 zero = 0;

  g_return_if_fail (TOA_IS_ARTICLES_PAGE (self));
  g_return_if_fail (TOA_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->item_reader);   /* a new one on this store when an item is opened */
  stop_watching (self);
  self->live = toa_store_watch (store, NULL);   /* NULL: SQLite, or unreachable — no live updates */
  if (self->live != NULL)
    g_signal_connect_swapped (self->live, "changed", G_CALLBACK (on_live_changed), self);
  self->updating++;

  g_hash_table_remove_all (self->site_names);
  g_array_set_size (self->site_ids, 0);
  g_array_append_val (self->site_ids, zero);
  sites = string_list_with_all (_("All sites"));
  site_list = toa_store_site_list (store, NULL);
  for (guint i = 0; site_list != NULL && i < site_list->len; i++)
    {
      ToaSite *site = g_ptr_array_index (site_list, i);

      gtk_string_list_append (sites, site->name);
      g_array_append_val (self->site_ids, site->id);
      g_hash_table_insert (self->site_names, g_memdup2 (&site->id, sizeof site->id), g_strdup (site->name));
    }
  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (sites));
  gtk_drop_down_set_selected (self->site_dropdown, 0);
  fill_sections (self, 0);

  g_hash_table_remove_all (self->genre_names);
  g_ptr_array_set_size (self->genre_codes, 0);
  g_ptr_array_add (self->genre_codes, NULL);
  genres = string_list_with_all (_("All genres"));
  genre_list = toa_store_genre_list (store, NULL);
  for (guint i = 0; genre_list != NULL && i < genre_list->len; i++)
    {
      ToaGenre *genre = g_ptr_array_index (genre_list, i);

      gtk_string_list_append (genres, genre->name);
      g_ptr_array_add (self->genre_codes, g_strdup (genre->code));
      g_hash_table_insert (self->genre_names, g_strdup (genre->code), g_strdup (genre->name));
    }
  gtk_drop_down_set_model (self->genre_dropdown, G_LIST_MODEL (genres));
  gtk_drop_down_set_selected (self->genre_dropdown, 0);

  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  self->model = toa_article_list_model_new (store);
  g_signal_connect_object (self->model, "notify::complete", G_CALLBACK (on_model_count_grown),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::n-items", G_CALLBACK (on_model_count_grown),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_model_count_grown),
                           self, G_CONNECT_SWAPPED);
  if (self->threaded)
    toa_article_list_model_set_location (self->model, self->location);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->updating--;
  refresh (self);
}

void
toa_articles_page_reset (ToaArticlesPage *self)
{
  g_return_if_fail (TOA_IS_ARTICLES_PAGE (self));

  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->site_dropdown, 0);
  if (self->store != NULL)
    fill_sections (self, 0);
  gtk_drop_down_set_selected (self->genre_dropdown, 0);
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  gtk_drop_down_set_selected (self->sort_dropdown, 0);
  gtk_toggle_button_set_active (self->descending_button, TRUE);
  self->updating--;
  refresh (self);
}

void
toa_articles_page_focus_search (ToaArticlesPage *self)
{
  g_return_if_fail (TOA_IS_ARTICLES_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

ToaArticleListModel *
toa_articles_page_get_model (ToaArticlesPage *self)
{
  g_return_val_if_fail (TOA_IS_ARTICLES_PAGE (self), NULL);
  return self->model;
}

void
toa_articles_page_set_location (ToaArticlesPage *self, const char *location)
{
  g_return_if_fail (TOA_IS_ARTICLES_PAGE (self));

  if (self->threaded && g_strcmp0 (self->location, location) == 0)
    return;   /* the model reads there already */
  g_clear_pointer (&self->location, toa_connect_free_secret);
  g_clear_object (&self->item_reader);
  self->location = g_strdup (location);
  self->threaded = TRUE;
  if (self->model == NULL)
    return;
  toa_article_list_model_set_location (self->model, self->location);
  if (!self->updating)
    {
      g_autoptr(GError) error = NULL;

      if (!toa_article_list_model_reload (self->model, &error))
        show_error (self, error->message);
      else
        update_count (self, toa_article_list_model_get_query (self->model));
    }
}
