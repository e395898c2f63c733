/* toa-inbox-page.c — the inbox page: which list, search, filters (site, genre, step,
 * deadline; kept across the four lists), the column view, notifications. The list is read in
 * a worker thread on a second connection of the page's own (toa-background-reader.h), and so
 * are the filters' choices, so the window never waits on the network. What an item's
 * step, holder and deadline are, and what "due this week" means, is core's (toa-inbox.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "toa-due.h"
#include "toa-inbox.h"
#include "toa-inbox-page.h"
#include "toa-intake.h"
#include "toa-intake-dialog.h"
#include "toa-inbox-row.h"
#include "toa-item-view.h"
#include "toa-connect-page.h"
#include "toa-background-reader.h"
#include "toa-store-watch.h"
#include "toa-text.h"

#define INBOX_LIMIT      500
#define WATCH_SECONDS    60    /* polling a store that cannot be watched (SQLite) */
#define LIVE_DELAY_MS    TOA_STORE_WATCH_COALESCE_MS   /* changes heard within this are read in one go */

struct _ToaInboxPage {
  AdwBin          parent_instance;

  ToaStore       *store;
  ToaPerson      *person;
  GListStore     *rows;           /* of ToaInboxRow */
  GHashTable     *seen_waiting;   /* article ids already waiting for the person */
  guint           watch_id;
  ToaStoreWatch  *live;           /* a shared database's changes, or NULL (then watch_id polls) */
  guint           live_id;        /* the pending read after a change */
  gboolean        delegated;      /* delegations in force to the person: any site may concern them */
  guint           arrived;
  gboolean        looked;         /* the first look only learns what is already waiting */
  GPtrArray      *site_codes;     /* per dropdown position; [0] = NULL (any) */
  GPtrArray      *genre_codes;
  GPtrArray      *step_codes;
  gboolean        filling;        /* the dropdowns are being filled: no refresh */
  char           *location;       /* given for the background connection (a secret), or NULL */
  ToaBackgroundReader *reader;    /* the background connection (also the intake dialog's) */
  GCancellable   *cancellable;    /* of the reads in flight; cancelled on dispose */
  guint           generation;     /* of the latest read asked for: older results are dropped */
  int             can_register;   /* -1 unknown (not read yet), else whether the person may register */
  GtkSpinner     *spinner;        /* beside the count while a read is in flight */

  GtkToggleButton *waiting_button;
  GtkToggleButton *sent_button;
  GtkToggleButton *overdue_button;
  GtkToggleButton *all_button;
  GtkSearchEntry  *search_entry;
  GtkLabel        *count_label;
  GtkStack        *content_stack;
  GtkColumnView   *column_view;
  AdwStatusPage   *empty_page;
  GtkDropDown     *site_filter;
  GtkDropDown     *genre_filter;
  GtkDropDown     *step_filter;
  GtkDropDown     *due_filter;
  GtkButton       *clear_filters_button;
  GtkButton       *intake_button;
  AdwToastOverlay *toast_overlay;   /* the bin's child */
};

/* The deadline dropdown's choices, in order (the dates are core's, by the work calendar). */
static const struct { ToaInboxDue due; guint days; } due_choices[] = {
  { TOA_INBOX_DUE_ANY, 0 },
  { TOA_INBOX_DUE_OVERDUE, 0 },
  { TOA_INBOX_DUE_TODAY, 0 },
  { TOA_INBOX_DUE_WITHIN, TOA_INBOX_DUE_WEEK_DAYS },
};

G_DEFINE_FINAL_TYPE (ToaInboxPage, toa_inbox_page, ADW_TYPE_BIN)

/* ---- columns: a title and how a cell's text (and style) comes from an item ------------ */

typedef char *(*CellText) (const ToaInboxItem *item, const char **css_class);

static char *
cell_title (const ToaInboxItem *item, const char **css_class)
{
  return g_strdup (item->article->title);
}

static char *
cell_genre (const ToaInboxItem *item, const char **css_class)
{
  return g_strdup (item->genre_name != NULL ? item->genre_name : item->article->genre);
}

static char *
cell_section (const ToaInboxItem *item, const char **css_class)
{
  return g_strdup (item->article->section_name);
}

static char *
cell_step (const ToaInboxItem *item, const char **css_class)
{
  return g_strdup (item->step_label != NULL ? item->step_label : item->state_name);
}

static char *
cell_holder (const ToaInboxItem *item, const char **css_class)
{
  return g_strdup (item->holder);
}

static char *
cell_received (const ToaInboxItem *item, const char **css_class)
{
  return toa_format_iso_date (item->received_on);
}

static char *
cell_deadline (const ToaInboxItem *item, const char **css_class)
{
  g_autofree char *date = toa_format_iso_date (item->deadline);
  g_autofree char *due = toa_due_text (item->has_deadline, item->days_left);

  switch (toa_due_level (item->has_deadline, item->days_left))
    {
    case TOA_DUE_OVERDUE:
      *css_class = "error";
      break;
    case TOA_DUE_TODAY:
    case TOA_DUE_SOON:
      *css_class = "warning";
      break;
    case TOA_DUE_NONE:
    case TOA_DUE_LATER:
    default:
      break;
    }
  return *due != '\0' ? g_strdup_printf ("%s · %s", date, due) : g_steal_pointer (&date);
}

static char *
cell_comments (const ToaInboxItem *item, const char **css_class)
{
  return item->comment_count > 0 ? g_strdup_printf ("%lld", (long long) item->comment_count) : g_strdup ("");
}

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  CellText text_of = (CellText) data;
  ToaInboxRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *css_class = NULL;
  g_autofree char *text = text_of (toa_inbox_row_get_item (row), &css_class);

  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
}

static void
add_column (ToaInboxPage *self, const char *title, CellText text_of, gboolean expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), (gpointer) text_of);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
}

/* ---- the list ---------------------------------------------------------------------------- */

static ToaInboxWhich
current_which (ToaInboxPage *self)
{
  if (gtk_toggle_button_get_active (self->sent_button))
    return TOA_INBOX_SENT;
  if (gtk_toggle_button_get_active (self->overdue_button))
    return TOA_INBOX_OVERDUE;
  if (gtk_toggle_button_get_active (self->all_button))
    return TOA_INBOX_ALL;
  return TOA_INBOX_WAITING;
}

static const char *
chosen_code (GtkDropDown *dropdown, GPtrArray *codes)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  return codes != NULL && i != GTK_INVALID_LIST_POSITION && i < codes->len ? g_ptr_array_index (codes, i) : NULL;
}

static guint
chosen_due (ToaInboxPage *self)
{
  guint i = gtk_drop_down_get_selected (self->due_filter);

  return i < G_N_ELEMENTS (due_choices) ? i : 0;
}

static gboolean
filtered (ToaInboxPage *self)
{
  return chosen_code (self->site_filter, self->site_codes) != NULL
         || chosen_code (self->genre_filter, self->genre_codes) != NULL
         || chosen_code (self->step_filter, self->step_codes) != NULL
         || chosen_due (self) != 0;
}

/* One read of the list: what was asked (copied on the main thread), what came back. */
typedef struct {
  guint          generation;
  ToaPerson     *person;
  ToaInboxWhich  which;
  char          *text;
  char          *site, *genre, *state;
  ToaInboxDue    due;
  guint          due_days;
  gboolean       narrowed;
  GPtrArray     *items;
  GPtrArray     *waiting;
} Refresh;

static void
refresh_free (Refresh *job)
{
  g_clear_pointer (&job->person, toa_person_free);
  g_free (job->text);
  g_free (job->site);
  g_free (job->genre);
  g_free (job->state);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->waiting, g_ptr_array_unref);
  g_free (job);
}

/* Reads the list, and the items waiting for the person (for the arrival notifications). */
static gboolean
read_lists (ToaStore *store, Refresh *job, GError **error)
{
  ToaInboxRequest request = { .which = job->which, .text = job->text, .limit = INBOX_LIMIT,
                              .site = job->site, .genre = job->genre, .state = job->state,
                              .due = job->due, .due_days = job->due_days };
  ToaInboxRequest waiting = { .which = TOA_INBOX_WAITING, .limit = INBOX_LIMIT };

  job->items = toa_inbox_list (store, job->person, &request, error);
  if (job->items == NULL)
    return FALSE;
  job->waiting = job->which == TOA_INBOX_WAITING && !job->narrowed
                 ? g_ptr_array_ref (job->items) : toa_inbox_list (store, job->person, &waiting, NULL);
  return TRUE;
}

/* In the background reader's worker (or on the main thread without one). */
static gboolean
refresh_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return read_lists (store, data, error);
}

/* A dropdown of "any" then @names; @codes gets NULL then the codes. */
static void
fill_dropdown (GtkDropDown *dropdown, const char *any, GPtrArray *names, GPtrArray **codes, GPtrArray *new_codes)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, any);
  for (guint i = 0; names != NULL && i < names->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (names, i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, 0);
  g_clear_pointer (codes, g_ptr_array_unref);
  *codes = new_codes;
}

/* The filters' choices, read in the background: sites (also whether the person may register
 * material on one), genres, and the workflows' steps. */
typedef struct {
  ToaPerson *person;   /* NULL: nobody signed in */
  GPtrArray *sites, *genres, *steps;
  gboolean   can_register;
} Choices;

static void
choices_free (Choices *job)
{
  g_clear_pointer (&job->person, toa_person_free);
  g_clear_pointer (&job->sites, g_ptr_array_unref);
  g_clear_pointer (&job->genres, g_ptr_array_unref);
  g_clear_pointer (&job->steps, g_ptr_array_unref);
  g_free (job);
}

static gboolean
choices_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Choices *job = data;

  job->sites = toa_store_site_list (store, error);
  if (job->sites == NULL)
    return FALSE;
  job->genres = toa_store_genre_list (store, error);
  if (job->genres == NULL)
    return FALSE;
  job->steps = toa_inbox_step_choices (store, error);
  if (job->steps == NULL)
    return FALSE;
  for (guint i = 0; job->person != NULL && i < job->sites->len; i++)
    if (toa_intake_may_register (job->person, ((ToaSite *) g_ptr_array_index (job->sites, i))->id))
      job->can_register = TRUE;
  return TRUE;
}

/* Fills the site, genre and step dropdowns with what @job read (NULL: only "any", while the
 * choices are read or when there is no store). */
static void
show_choices (ToaInboxPage *self, Choices *job)
{
  g_autoptr(GPtrArray) site_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) genre_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) step_names = g_ptr_array_new ();
  GPtrArray *site_codes = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *genre_codes = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *step_codes = g_ptr_array_new_with_free_func (g_free);
  gboolean was_filtered = filtered (self);

  self->filling = TRUE;
  g_ptr_array_add (site_codes, NULL);
  g_ptr_array_add (genre_codes, NULL);
  g_ptr_array_add (step_codes, NULL);
  for (guint i = 0; job != NULL && i < job->sites->len; i++)
    {
      const ToaSite *site = g_ptr_array_index (job->sites, i);

      g_ptr_array_add (site_names, site->name);
      g_ptr_array_add (site_codes, g_strdup (site->code));
    }
  for (guint i = 0; job != NULL && i < job->genres->len; i++)
    {
      const ToaGenre *genre = g_ptr_array_index (job->genres, i);

      g_ptr_array_add (genre_names, genre->name);
      g_ptr_array_add (genre_codes, g_strdup (genre->code));
    }
  for (guint i = 0; job != NULL && i < job->steps->len; i++)
    {
      char **pair = g_ptr_array_index (job->steps, i);

      g_ptr_array_add (step_names, pair[1]);
      g_ptr_array_add (step_codes, g_strdup (pair[0]));
    }
  fill_dropdown (self->site_filter, _("All Sites"), site_names, &self->site_codes, site_codes);
  fill_dropdown (self->genre_filter, _("All Genres"), genre_names, &self->genre_codes, genre_codes);
  fill_dropdown (self->step_filter, _("All Steps"), step_names, &self->step_codes, step_codes);
  self->filling = FALSE;
  if (was_filtered && !filtered (self))
    toa_inbox_page_refresh (self);   /* a choice made meanwhile is gone: show the whole list */
}

static void
choices_done (gpointer owner, gpointer data, const GError *error)
{
  ToaInboxPage *self = TOA_INBOX_PAGE (owner);
  Choices *job = data;

  gtk_widget_set_sensitive (GTK_WIDGET (self->site_filter), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->genre_filter), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->step_filter), TRUE);
  if (error != NULL)
    {
      /* Translators: the reason follows */
      g_autofree char *message = g_strdup_printf (_("The filters’ choices could not be read: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }
  show_choices (self, job);
  self->can_register = job->can_register;
  gtk_widget_set_visible (GTK_WIDGET (self->intake_button), job->can_register);
}

/* Empties the site, genre and step dropdowns, then reads their choices in the background. */
static void
fill_filters (ToaInboxPage *self)
{
  Choices *job;

  show_choices (self, NULL);
  gtk_drop_down_set_selected (self->due_filter, 0);
  if (self->store == NULL || self->reader == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->site_filter), FALSE);   /* until the choices are here */
  gtk_widget_set_sensitive (GTK_WIDGET (self->genre_filter), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->step_filter), FALSE);
  job = g_new0 (Choices, 1);
  job->person = self->person != NULL ? toa_person_copy (self->person) : NULL;
  toa_background_reader_run (self->reader, "inbox-choices", choices_run, choices_done, self,
                             self->cancellable, job, (GDestroyNotify) choices_free);
}

/* New items waiting for the person: a desktop notification (the window is open). */
static void
notice_arrivals (ToaInboxPage *self, GPtrArray *waiting)
{
  gboolean first_look = !self->looked;
  GApplication *app = g_application_get_default ();

  self->looked = TRUE;
  for (guint i = 0; i < waiting->len; i++)
    {
      const ToaInboxItem *item = g_ptr_array_index (waiting, i);
      gint64 *id = g_memdup2 (&item->article->id, sizeof (gint64));

      if (g_hash_table_add (self->seen_waiting, id) && !first_look)
        {
          g_autoptr(GNotification) notification = g_notification_new (_("A New Item Is Waiting for You"));

          self->arrived++;
          g_notification_set_body (notification, item->article->title);
          /* notifications go over the session bus; without one there is nobody to tell */
          if (app != NULL && g_application_get_dbus_connection (app) != NULL)
            g_application_send_notification (app, "inbox-arrival", notification);
        }
    }
}

static void
show_rows (ToaInboxPage *self, GPtrArray *items, gboolean narrowed)
{
  g_autofree char *number = toa_format_number (items->len);
  g_autofree char *count = NULL;
  gsize n = 0;
  g_autofree gpointer *taken = NULL;

  if (narrowed)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s item matches the filters",
                                          "%s items match the filters", items->len), number);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s item", "%s items", items->len), number);
  g_list_store_remove_all (self->rows);
  taken = g_ptr_array_steal (items, &n);   /* the rows own the items from here */
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(ToaInboxRow) row = toa_inbox_row_new (taken[i]);

      g_list_store_append (self->rows, row);
    }
  gtk_label_set_text (self->count_label, count);
  gtk_stack_set_visible_child_name (self->content_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0 ? "list" : "empty");
}

static void
show_error (ToaInboxPage *self, const GError *error)
{
  g_list_store_remove_all (self->rows);
  gtk_label_set_text (self->count_label, "");
  adw_status_page_set_title (self->empty_page, _("The Inbox Could Not Be Read"));
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* On the main thread: what a read brought, unless a newer read was asked for since. */
static void
apply_refresh (ToaInboxPage *self, Refresh *job, const GError *error)
{
  if (job->generation != self->generation)
    return;
  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  if (job->narrowed)
    {
      adw_status_page_set_title (self->empty_page, _("No Items Match the Filters"));
      adw_status_page_set_description (self->empty_page,
                                       _("Choose other filters or clear them to see the whole list."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("Nothing Here"));
      adw_status_page_set_description (self->empty_page, _("Items appear here when they reach a step you act on."));
    }
  if (job->waiting != NULL)
    notice_arrivals (self, job->waiting);
  show_rows (self, job->items, job->narrowed);
}

/* The spinner beside the count turns while the reader has reads in flight. */
static void
on_pending_changed (ToaInboxPage *self)
{
  gboolean busy = self->reader != NULL && toa_background_reader_get_pending (self->reader) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
refresh_done (gpointer owner, gpointer job, const GError *error)
{
  apply_refresh (TOA_INBOX_PAGE (owner), job, error);
}

void
toa_inbox_page_refresh (ToaInboxPage *self)
{
  Refresh *job;
  const char *text;

  g_return_if_fail (TOA_IS_INBOX_PAGE (self));

  self->generation++;   /* whatever is in flight is out of date now */
  if (self->store == NULL || self->person == NULL || self->reader == NULL)
    {
      g_list_store_remove_all (self->rows);
      return;
    }
  text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  job = g_new0 (Refresh, 1);
  job->generation = self->generation;
  job->person = toa_person_copy (self->person);
  job->which = current_which (self);
  job->text = *text != '\0' ? g_strdup (text) : NULL;
  job->site = g_strdup (chosen_code (self->site_filter, self->site_codes));
  job->genre = g_strdup (chosen_code (self->genre_filter, self->genre_codes));
  job->state = g_strdup (chosen_code (self->step_filter, self->step_codes));
  job->due = due_choices[chosen_due (self)].due;
  job->due_days = due_choices[chosen_due (self)].days;
  job->narrowed = filtered (self) || *text != '\0';
  gtk_widget_set_visible (GTK_WIDGET (self->clear_filters_button), job->narrowed);

  toa_background_reader_run (self->reader, "inbox-list", refresh_run, refresh_done, self,
                             self->cancellable, job, (GDestroyNotify) refresh_free);
}

static gboolean
on_watch (gpointer data)
{
  toa_inbox_page_refresh (TOA_INBOX_PAGE (data));
  return G_SOURCE_CONTINUE;
}

/* ---- live changes (PostgreSQL): read again soon after a change that concerns the list ---- */

static gboolean
on_live_due (gpointer data)
{
  ToaInboxPage *self = TOA_INBOX_PAGE (data);

  self->live_id = 0;
  toa_inbox_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Whether delegations to the person are in force today, read by the background reader. */
typedef struct {
  gint64   person_id;
  char    *today;
  gboolean delegated;
} Delegations;

static void
delegations_free (Delegations *job)
{
  g_free (job->today);
  g_free (job);
}

static gboolean
delegations_run (ToaStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Delegations *job = data;
  g_autoptr(GPtrArray) in_force = toa_store_delegation_list_in_force (store, job->person_id, job->today, error);

  if (in_force == NULL)
    return FALSE;
  job->delegated = in_force->len > 0;
  return TRUE;
}

static void
delegations_done (gpointer owner, gpointer data, const GError *error)
{
  ToaInboxPage *self = TOA_INBOX_PAGE (owner);
  Delegations *job = data;

  if (self->person == NULL || self->person->id != job->person_id)
    return;
  /* unknown (an error) counts as delegated: reading too often beats missing an item */
  self->delegated = error != NULL || job->delegated;
}

/* Learns in the background whether delegations to the person are in force; until the answer
 * is back the page counts them as in force (every change may concern the list). */
static void
learn_delegations (ToaInboxPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Delegations *job;

  self->delegated = TRUE;
  if (self->reader == NULL || self->person == NULL)
    return;
  job = g_new0 (Delegations, 1);
  job->person_id = self->person->id;
  job->today = g_date_time_format (now, "%Y-%m-%d");
  toa_background_reader_run (self->reader, "inbox-delegations", delegations_run, delegations_done, self,
                             self->cancellable, job, (GDestroyNotify) delegations_free);
}

gboolean
toa_inbox_page_get_delegated (ToaInboxPage *self)
{
  g_return_val_if_fail (TOA_IS_INBOX_PAGE (self), TRUE);
  return self->delegated;
}

/* Whether @change may change what the page shows: an item on a site the person holds a role
 * on (or any site, under a delegation), an item on the list (sent by me…), or their own act. */
static gboolean
concerns_list (ToaInboxPage *self, const ToaStoreChange *change)
{
  GListModel *rows = G_LIST_MODEL (self->rows);

  if (toa_store_change_is_resync (change) || change->site_id == 0 || self->delegated
      || change->person_id == self->person->id)
    return TRUE;
  for (guint i = 0; self->person->roles != NULL && i < self->person->roles->len; i++)
    {
      const ToaRoleGrant *grant = &g_array_index (self->person->roles, ToaRoleGrant, i);

      if (grant->site_id == 0 || grant->site_id == change->site_id)
        return TRUE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ToaInboxRow) row = g_list_model_get_item (rows, i);

      if (toa_inbox_row_get_item (row)->article->id == change->article_id)
        return TRUE;
    }
  return FALSE;
}

static void
on_live_changed (ToaInboxPage *self, const ToaStoreChange *change)
{
  if (self->person == NULL || self->store == NULL)
    return;
  if (toa_store_change_is_resync (change))
    learn_delegations (self);
  if (self->live_id == 0 && concerns_list (self, change))
    self->live_id = g_timeout_add (LIVE_DELAY_MS, on_live_due, self);
}

static void
stop_watching (ToaInboxPage *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->live_id, g_source_remove);
  if (self->live != NULL)
    g_signal_handlers_disconnect_by_data (self->live, self);
  g_clear_object (&self->live);
}

/* Live changes when the store can tell them, else the minute poll. */
static void
start_watching (ToaInboxPage *self)
{
  g_autoptr(GError) error = NULL;

  self->live = toa_store_watch (self->store, &error);
  if (error != NULL)
    g_message ("%s", error->message);
  if (self->live == NULL)
    {
      self->watch_id = g_timeout_add_seconds (WATCH_SECONDS, on_watch, self);
      return;
    }
  learn_delegations (self);
  g_signal_connect_swapped (self->live, "changed", G_CALLBACK (on_live_changed), self);
}

static void
on_which_toggled (ToaInboxPage *self, GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    toa_inbox_page_refresh (self);
}

static void
on_search_changed (ToaInboxPage *self)
{
  toa_inbox_page_refresh (self);
}

static void
on_filter_changed (ToaInboxPage *self)
{
  if (!self->filling)
    toa_inbox_page_refresh (self);
}

static void
on_clear_filters (ToaInboxPage *self)
{
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->site_filter, 0);
  gtk_drop_down_set_selected (self->genre_filter, 0);
  gtk_drop_down_set_selected (self->step_filter, 0);
  gtk_drop_down_set_selected (self->due_filter, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->filling = FALSE;
  toa_inbox_page_refresh (self);
}

static void
on_item_changed (ToaInboxPage *self)
{
  toa_inbox_page_refresh (self);
}

static void
on_row_activated (ToaInboxPage *self, guint position)
{
  g_autoptr(ToaInboxRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *view;

  if (row == NULL || self->person == NULL)
    return;
  view = toa_item_view_new_with_reader (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                        self->reader, self->person, toa_inbox_row_get_item (row)->article->id);
  g_signal_connect_object (view, "changed", G_CALLBACK (on_item_changed), self, G_CONNECT_SWAPPED);
  gtk_window_present (view);
}

/* ---- registering material (Tiếp nhận) ------------------------------------------------------ */

/* Whether the person may register material on any site (core's rule, toa_intake_may_register). */
static gboolean
may_register (ToaInboxPage *self)
{
  g_autoptr(GPtrArray) sites = NULL;

  if (self->store == NULL || self->person == NULL)
    return FALSE;
  if (self->can_register >= 0)
    return self->can_register;   /* read with the filters' choices */
  sites = toa_store_site_list (self->store, NULL);
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    if (toa_intake_may_register (self->person, ((ToaSite *) g_ptr_array_index (sites, i))->id))
      return TRUE;
  return FALSE;
}

static void
on_registered (ToaInboxPage *self, gint64 article_id, const char *deadline)
{
  g_autofree char *message = NULL;

  if (deadline != NULL)
    {
      g_autofree char *date = toa_format_iso_date (deadline);

      /* Translators: an item's number, then its deadline (dd/mm/yyyy) */
      message = g_strdup_printf (_("Registered as item %lld, due %s"), (long long) article_id, date);
    }
  else
    message = g_strdup_printf (_("Registered as item %lld, with no deadline"), (long long) article_id);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  /* the person registered it: no "new item" notification for it */
  g_hash_table_add (self->seen_waiting, g_memdup2 (&article_id, sizeof (gint64)));
  toa_inbox_page_refresh (self);
}

GtkWindow *
toa_inbox_page_open_intake (ToaInboxPage *self)
{
  GtkRoot *root;
  ToaIntakeDialog *dialog;

  g_return_val_if_fail (TOA_IS_INBOX_PAGE (self), NULL);
  if (!may_register (self))
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* its choices are read on the page's background connection */
  dialog = toa_intake_dialog_new_with_reader (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                              self->person, self->reader);
  g_signal_connect_object (dialog, "registered", G_CALLBACK (on_registered), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_intake_clicked (ToaInboxPage *self)
{
  toa_inbox_page_open_intake (self);
}

/* ---- the widget -------------------------------------------------------------------------- */

static void
toa_inbox_page_dispose (GObject *object)
{
  ToaInboxPage *self = TOA_INBOX_PAGE (object);

  stop_watching (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->reader != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->reader, self);
      toa_background_reader_cancel (self->reader);
    }
  g_clear_object (&self->reader);
  g_clear_pointer (&self->location, toa_connect_free_secret);
  if (self->spinner != NULL && gtk_widget_get_parent (GTK_WIDGET (self->spinner)) == NULL)
    g_object_unref (self->spinner);   /* the one not placed beside the count */
  self->spinner = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TOA_TYPE_INBOX_PAGE);
  g_clear_object (&self->rows);
  g_clear_object (&self->store);
  g_clear_pointer (&self->person, toa_person_free);
  g_clear_pointer (&self->seen_waiting, g_hash_table_unref);
  g_clear_pointer (&self->site_codes, g_ptr_array_unref);
  g_clear_pointer (&self->genre_codes, g_ptr_array_unref);
  g_clear_pointer (&self->step_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (toa_inbox_page_parent_class)->dispose (object);
}

static void
toa_inbox_page_class_init (ToaInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = toa_inbox_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/toasoan/ToaSoan/ui/toa-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, waiting_button);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, sent_button);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, site_filter);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, genre_filter);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, step_filter);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, due_filter);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, ToaInboxPage, intake_button);
  gtk_widget_class_bind_template_callback (widget_class, on_intake_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_which_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
toa_inbox_page_init (ToaInboxPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  const char *due_names[] = { _("Any Deadline"), _("Overdue"), _("Due Today"), _("Due This Week"), NULL };
  g_autoptr(GtkStringList) due_model = NULL;

  self->filling = TRUE;   /* the template sets the dropdowns up */
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the bin's own child: not bound, so that only AdwBin unparents it */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  G_STATIC_ASSERT (G_N_ELEMENTS (due_names) == G_N_ELEMENTS (due_choices) + 1);
  due_model = gtk_string_list_new (due_names);
  gtk_drop_down_set_model (self->due_filter, G_LIST_MODEL (due_model));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_filter),
                               /* Translators: the work calendar decides which days count */
                               _("Only items overdue, due today, or due within five working days"));
  self->rows = g_list_store_new (TOA_TYPE_INBOX_ROW);
  self->seen_waiting = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  add_column (self, _("Title"), cell_title, TRUE);
  add_column (self, _("Genre"), cell_genre, FALSE);
  add_column (self, _("Section"), cell_section, FALSE);
  add_column (self, _("Step"), cell_step, FALSE);
  add_column (self, _("Holder"), cell_holder, FALSE);
  add_column (self, _("Received"), cell_received, FALSE);
  add_column (self, _("Deadline"), cell_deadline, FALSE);
  add_column (self, _("Comments"), cell_comments, FALSE);
  fill_filters (self);

  self->cancellable = g_cancellable_new ();
  self->can_register = -1;
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->spinner), _("Reading the list…"));
  if (GTK_IS_BOX (gtk_widget_get_parent (GTK_WIDGET (self->count_label))))
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->count_label))),
                                GTK_WIDGET (self->spinner), GTK_WIDGET (self->count_label));
  else
    g_object_ref_sink (self->spinner);   /* nowhere to show it: kept for its state only */
}

/* A new background connection for @store (the reads in flight for the last one are dropped). */
static void
reset_reader (ToaInboxPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->reader != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->reader, self);
      toa_background_reader_cancel (self->reader);
    }
  g_clear_object (&self->reader);
  if (self->store != NULL)
    {
      self->reader = toa_background_reader_new (self->store,
                                                toa_background_reader_location_for (self->store, self->location));
      g_signal_connect_swapped (self->reader, "notify::pending", G_CALLBACK (on_pending_changed), self);
    }
  on_pending_changed (self);
}

void
toa_inbox_page_set_location (ToaInboxPage *self, const char *location)
{
  g_return_if_fail (TOA_IS_INBOX_PAGE (self));

  g_clear_pointer (&self->location, toa_connect_free_secret);
  self->location = g_strdup (location);
}

gboolean
toa_inbox_page_is_reading (ToaInboxPage *self)
{
  g_return_val_if_fail (TOA_IS_INBOX_PAGE (self), FALSE);
  return self->reader != NULL && toa_background_reader_get_pending (self->reader) > 0;
}

void
toa_inbox_page_wait_idle (ToaInboxPage *self)
{
  g_return_if_fail (TOA_IS_INBOX_PAGE (self));
  if (self->reader != NULL)
    toa_background_reader_wait_idle (self->reader);
}

void
toa_inbox_page_set_person (ToaInboxPage *self, ToaStore *store, const ToaPerson *person)
{
  g_return_if_fail (TOA_IS_INBOX_PAGE (self));

  g_set_object (&self->store, store);
  reset_reader (self);
  g_clear_pointer (&self->person, toa_person_free);
  g_hash_table_remove_all (self->seen_waiting);
  self->arrived = 0;
  self->looked = FALSE;
  stop_watching (self);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->waiting_button, TRUE);
  self->filling = FALSE;
  self->can_register = -1;
  gtk_widget_set_visible (GTK_WIDGET (self->intake_button), FALSE);   /* until the sites are read */
  if (person != NULL)
    {
      self->person = toa_person_copy (person);
      start_watching (self);
    }
  fill_filters (self);
  toa_inbox_page_refresh (self);
}

GListModel *
toa_inbox_page_get_model (ToaInboxPage *self)
{
  g_return_val_if_fail (TOA_IS_INBOX_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

guint
toa_inbox_page_get_arrived (ToaInboxPage *self)
{
  g_return_val_if_fail (TOA_IS_INBOX_PAGE (self), 0);
  return self->arrived;
}
